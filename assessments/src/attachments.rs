//! Attachments: a DPIA, a bias report, a contract, the evidence of a condition, kept in the
//! database with their SHA-256. A file is checked whole before anything is stored: its size, its
//! name, and that its bytes are what its extension says (a PDF starts with `%PDF-`, a text file
//! is UTF-8 without NUL bytes…). The limits fit the archival PDF, which carries the files the
//! committee relied on as PDF/A-3 associated files and which the verifier reads with its own
//! bounds ([`crate::pdf`]'s reader: 5 MB per embedded file, 20 MB per PDF).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::base::error::{Error, Message, Problems, Result};

/// The largest attachment (the verifier's bound on one embedded file).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// At most this many files on one proposal (they all go into the archival PDF).
pub const MAX_ON_PROPOSAL: usize = 10;
/// At most this much on one proposal together, so its PDF stays within the verifier's bound.
pub const MAX_PROPOSAL_BYTES: usize = 15 * 1024 * 1024;
/// The longest file name kept.
pub const MAX_NAME: usize = 120;

/// The kinds of file accepted: by extension, with the check the bytes must pass.
const KINDS: &[(&str, &str, Sniff)] = &[
    ("pdf", "application/pdf", Sniff::Prefix(b"%PDF-")),
    ("png", "image/png", Sniff::Prefix(b"\x89PNG\r\n\x1a\n")),
    ("jpg", "image/jpeg", Sniff::Prefix(b"\xFF\xD8\xFF")),
    ("jpeg", "image/jpeg", Sniff::Prefix(b"\xFF\xD8\xFF")),
    ("odt", "application/vnd.oasis.opendocument.text", Sniff::Zip),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet", Sniff::Zip),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Sniff::Zip),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Sniff::Zip),
    ("txt", "text/plain", Sniff::Text),
    ("csv", "text/csv", Sniff::Text),
    ("md", "text/markdown", Sniff::Text),
];

/// The extensions accepted, for the open dialog's filter.
pub fn extensions() -> Vec<&'static str> {
    KINDS.iter().map(|(e, _, _)| *e).collect()
}

#[derive(Clone, Copy)]
enum Sniff {
    Prefix(&'static [u8]),
    /// ODF and OOXML are ZIP packages.
    Zip,
    /// UTF-8, no NUL.
    Text,
}

impl Sniff {
    fn holds(self, bytes: &[u8]) -> bool {
        match self {
            Sniff::Prefix(p) => bytes.starts_with(p),
            Sniff::Zip => bytes.starts_with(b"PK\x03\x04"),
            Sniff::Text => std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0),
        }
    }
}

/// Where an attachment belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Place {
    /// With the proposal: the committee relies on it (its hash goes into the signed decision).
    Proposal,
    /// Evidence for condition `condition` (0-based) of the signed decision.
    #[serde(rename_all = "camelCase")]
    Condition { condition: u32 },
    /// With monitoring report `report` (its follow-up event id).
    #[serde(rename_all = "camelCase")]
    MonitoringReport { report: Uuid },
}

/// A kept file, without its bytes: what the screens list and the store indexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attachment {
    pub id: Uuid,
    pub pilot_id: Uuid,
    pub place: Place,
    pub name: String,
    pub media_type: String,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub size: u64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub added_at: OffsetDateTime,
    pub added_by: String,
}

/// An attachment as a signed decision names it: enough to find and check the file decades on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttachmentRef {
    pub id: Uuid,
    pub name: String,
    pub media_type: String,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub size: u64,
    pub sha256: String,
}

impl Attachment {
    /// Checks a file chosen by the user and describes it: refused when empty, over
    /// [`MAX_BYTES`], of a kind not accepted, or when its bytes are not what its name says.
    pub fn new(
        pilot_id: Uuid,
        place: Place,
        file_name: &str,
        bytes: &[u8],
        added_by: &str,
        now: OffsetDateTime,
    ) -> Result<Attachment> {
        let name = clean_name(file_name);
        let mut p = Problems::default();
        p.require("addedBy", added_by, "wie het toevoegt", "who adds it");
        crate::base::text::check_len(&mut p, "addedBy", added_by, crate::base::text::MAX_LINE);
        p.into_result()?;
        let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let Some((_, media_type, sniff)) = KINDS.iter().find(|(e, _, _)| *e == extension) else {
            return Err(refused(
                format!(
                    "{name}: dit soort bestand kan niet als bijlage. Wel: PDF, ODT, ODS, DOCX, XLSX, PNG, JPG, TXT, CSV of MD."
                ),
                format!("{name}: this kind of file cannot be attached. Accepted: PDF, ODT, ODS, DOCX, XLSX, PNG, JPG, TXT, CSV or MD."),
            ));
        };
        if bytes.is_empty() {
            return Err(refused(format!("{name} is leeg."), format!("{name} is empty.")));
        }
        if bytes.len() > MAX_BYTES {
            return Err(refused(
                format!("{name} is {} MB; een bijlage mag hoogstens 5 MB zijn.", bytes.len().div_ceil(1024 * 1024)),
                format!("{name} is {} MB; an attachment may be 5 MB at most.", bytes.len().div_ceil(1024 * 1024)),
            ));
        }
        if !sniff.holds(bytes) {
            return Err(refused(
                format!("{name} is geen echt .{extension}-bestand: de inhoud past niet bij de naam."),
                format!("{name} is not a real .{extension} file: its contents do not match its name."),
            ));
        }
        Ok(Attachment {
            id: Uuid::new_v4(),
            pilot_id,
            place,
            name,
            media_type: (*media_type).to_string(),
            size: bytes.len() as u64,
            sha256: crate::base::hash::sha256_hex(bytes),
            added_at: now,
            added_by: added_by.trim().to_string(),
        })
    }

    pub fn reference(&self) -> AttachmentRef {
        AttachmentRef {
            id: self.id,
            name: self.name.clone(),
            media_type: self.media_type.clone(),
            size: self.size,
            sha256: self.sha256.clone(),
        }
    }

    /// The audit trail's subject for this attachment.
    pub fn audit_subject(&self) -> String {
        format!("attachment:{}", self.id)
    }

    /// Refuses `bytes` read back for this attachment when they are not the ones kept.
    pub fn check_bytes(&self, bytes: &[u8]) -> Result<()> {
        if bytes.len() as u64 != self.size || crate::base::hash::sha256_hex(bytes) != self.sha256 {
            return Err(self.changed());
        }
        Ok(())
    }

    /// This attachment is not what was kept (its bytes, or the hash a decision names for it).
    pub fn changed(&self) -> Error {
        {
            Error::Storage {
                message: Message::new(
                    format!(
                        "De bijlage {} is buiten AI-toets om gewijzigd: de inhoud past niet meer bij de SHA-256 die is vastgelegd. Er is niets gebruikt of geschreven.",
                        self.name
                    ),
                    format!(
                        "The attachment {} was changed outside AI-toets: its bytes no longer match the SHA-256 recorded. Nothing was used or written.",
                        self.name
                    ),
                ),
                detail: format!("attachment {}: SHA-256 mismatch", self.id),
            }
        }
    }
}

/// Refuses `new` beside the pilot's `existing` files: the same file again at the same place
/// (the archival PDF would carry it twice), or on a proposal over [`MAX_ON_PROPOSAL`] files or
/// [`MAX_PROPOSAL_BYTES`] together.
pub fn check_room(existing: &[Attachment], new: &Attachment) -> Result<()> {
    if existing.iter().any(|a| a.place == new.place && a.sha256 == new.sha256) {
        return Err(refused(
            format!("{} is hier al bewaard (een bestand met precies dezelfde inhoud).", new.name),
            format!("{} is already kept here (a file with exactly the same contents).", new.name),
        ));
    }
    if new.place != Place::Proposal {
        return Ok(());
    }
    let on_proposal: Vec<&Attachment> = existing.iter().filter(|a| a.place == Place::Proposal).collect();
    if on_proposal.len() >= MAX_ON_PROPOSAL {
        return Err(refused(
            format!("Een voorstel heeft al {MAX_ON_PROPOSAL} bijlagen; meer past niet in het archief-PDF."),
            format!("A proposal already has {MAX_ON_PROPOSAL} attachments; more do not fit in the archival PDF."),
        ));
    }
    let total: u64 = on_proposal.iter().map(|a| a.size).sum::<u64>() + new.size;
    if total > MAX_PROPOSAL_BYTES as u64 {
        return Err(refused(
            "De bijlagen van een voorstel mogen samen hoogstens 15 MB zijn.",
            "A proposal's attachments may be 15 MB together at most.",
        ));
    }
    Ok(())
}

/// The name without folders or control characters, at most [`MAX_NAME`] characters (the
/// extension kept).
fn clean_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string();
    if cleaned.chars().count() <= MAX_NAME {
        return cleaned;
    }
    let (stem, ext) = cleaned.rsplit_once('.').unwrap_or((&cleaned, ""));
    let keep = MAX_NAME.saturating_sub(ext.chars().count() + 1);
    format!("{}.{ext}", stem.chars().take(keep).collect::<String>())
}

/// A file that cannot be attached; nothing of it is kept.
fn refused(nl: impl Into<String>, en: impl Into<String>) -> Error {
    Error::BadFile(Message::new(nl, en))
}
