//! The archival PDF of a decision.

use super::Assessments;

use std::path::Path;

use uuid::Uuid;

use crate::base::error::{Error, Result};

impl Assessments {
    /// Renders the decision record as PDF and writes it to `path` (written to a temporary
    /// file beside it first, so a failure never leaves half a PDF).
    pub fn export_pdf(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let is_pdf = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if !path.is_absolute() || !is_pdf {
            let mut p = crate::base::error::Problems::default();
            p.add("path", "Kies een bestandsnaam die eindigt op .pdf.", "Choose a file name ending in .pdf.");
            p.into_result()?;
        }
        let view = self.get(id)?;
        if view.pilot.decision.is_none() {
            return Err(Error::not_allowed(
                "Er is nog geen besluit; exporteer na het besluit.",
                "There is no decision yet; export after deciding.",
            ));
        }
        let files = self.relied_on_files(&view.pilot)?;
        let bytes = crate::pdf::render_with(&view, files, crate::pdf::Conformance::A3b)?;
        // A file the verifier would refuse to read is no archive copy.
        if bytes.len() > crate::pdf::reader::MAX_PDF_BYTES {
            return Err(Error::not_allowed(
                format!(
                    "Het archief-PDF zou {} MB worden; ai-toets-verify leest hoogstens 20 MB. Er is niets geschreven.",
                    bytes.len().div_ceil(1024 * 1024)
                ),
                "The archival PDF would exceed the 20 MB the verifier reads. Nothing was written.",
            ));
        }
        crate::base::files::write_atomically(path, &bytes)
    }

    /// The bytes of the attachments `pilot`'s decision relied on, each checked against the hash
    /// the decision names (and the one kept with the file): a file changed since is refused.
    pub(super) fn relied_on_files(&mut self, pilot: &crate::pilot::Pilot) -> Result<Vec<Vec<u8>>> {
        let refs = pilot.decision.as_ref().map(|d| d.attachments.clone()).unwrap_or_default();
        refs.iter()
            .map(|r| {
                let (kept, bytes) = self.store.attachment_content(r.id)?;
                if kept.sha256 != r.sha256 {
                    return Err(kept.changed());
                }
                Ok(bytes)
            })
            .collect()
    }

    /// The file name to suggest in the save dialog for a file of `kind` about pilot `id`.
    pub fn suggested_file_name(&mut self, id: Uuid, kind: crate::base::files::FileKind) -> Result<String> {
        let pilot = self.store.load(id)?;
        Ok(crate::base::files::file_name(kind, &pilot.proposal.title))
    }
}
