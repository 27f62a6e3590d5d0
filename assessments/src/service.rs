//! The operations the app offers, as plain functions over a [`Store`]: load a pilot, let the
//! workflow change it, save it. The desktop shell calls only these.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::applicability::not_applicable_reason;
use crate::error::{Error, Result};
use crate::framework::Framework;
use crate::framework::{diff, FrameworkDiff, Registry, Text};
use crate::model::{Answer, DecisionInput, Pilot, PilotSummary, Proposal, Role};
use crate::signing::{self, SignatureCheck};
use crate::storage::FrameworkFile;
use crate::storage::Store;

/// A pilot as the screens need it: the record, the framework version it pinned, and what
/// the rules derive from them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PilotView {
    pub pilot: Pilot,
    pub framework: Framework,
    /// Question ids without a verdict.
    pub unanswered: Vec<String>,
    /// Knock-out questions answered "voldoet niet".
    pub knock_outs: Vec<String>,
    /// Questions that do not apply to this pilot, with the reason (by question id).
    pub not_applicable: BTreeMap<String, Text>,
    pub missing_roles: Vec<Role>,
    /// What the walk-through suggests for the decision.
    pub draft: crate::workflow::DecisionDraft,
    /// The hash every signer signs (of the record as it is now).
    pub content_hash: String,
    pub signature_checks: Vec<SignatureCheck>,
}

impl PilotView {
    pub fn new(pilot: Pilot, frameworks: &Registry) -> Result<Self> {
        let framework = frameworks.find(&pilot.framework)?.clone();
        Ok(Self {
            unanswered: pilot.unanswered(&framework).into_iter().map(String::from).collect(),
            knock_outs: pilot.knock_outs(&framework).into_iter().map(String::from).collect(),
            not_applicable: framework
                .questions()
                .filter_map(|(_, q)| not_applicable_reason(q, &pilot.proposal).map(|r| (q.id.clone(), r)))
                .collect(),
            missing_roles: pilot.missing_roles(),
            draft: pilot.decision_draft(&framework),
            content_hash: signing::content_hash(&pilot)?,
            signature_checks: signing::verify(&pilot)?,
            framework,
            pilot,
        })
    }
}

/// One framework version for the "toetsingskader" screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FrameworkVersion {
    pub framework: Framework,
    /// Shipped with the app, or loaded by the municipality (then: from which file).
    pub loaded_from: Option<String>,
    /// In effect for new assessments today.
    pub current: bool,
    /// What changed since the previous version, if there is one.
    pub changes: Option<FrameworkDiff>,
}

/// The app's operations over one store.
pub struct Assessments {
    store: Box<dyn Store>,
    now: fn() -> OffsetDateTime,
    /// Shipped and loaded framework versions; read once, refreshed when a file is loaded.
    frameworks: Option<Registry>,
}

impl Assessments {
    pub fn new(store: Box<dyn Store>) -> Self {
        Self::with_clock(store, OffsetDateTime::now_utc)
    }

    /// For tests: a fixed clock.
    pub fn with_clock(store: Box<dyn Store>, now: fn() -> OffsetDateTime) -> Self {
        Self { store, now, frameworks: None }
    }

    /// Every framework version known, shipped and loaded.
    pub fn registry(&mut self) -> Result<&Registry> {
        if self.frameworks.is_none() {
            let mut versions = Framework::builtin()?;
            for file in self.store.framework_files()? {
                versions.push(Framework::parse(&file.file_name, &file.source)?);
            }
            self.frameworks = Some(Registry::new(versions));
        }
        self.frameworks.as_ref().ok_or(Error::NotFound { what: "frameworks" })
    }

    /// The framework versions, oldest first, each with what changed since the one before.
    pub fn framework_versions(&mut self) -> Result<Vec<FrameworkVersion>> {
        let today = (self.now)().date();
        let loaded: Vec<_> = self.store.framework_files()?;
        let registry = self.registry()?;
        let current = registry.current_on(today).ok().map(|f| f.reference());
        Ok(registry
            .versions()
            .iter()
            .map(|f| FrameworkVersion {
                loaded_from: loaded
                    .iter()
                    .find(|l| l.framework_id == f.id && l.version == f.version)
                    .map(|l| l.file_name.clone()),
                current: current.as_ref() == Some(&f.reference()),
                changes: registry.previous(&f.reference()).map(|old| diff(old, f)),
                framework: f.clone(),
            })
            .collect())
    }

    /// Loads a revised framework file: validated whole first; nothing is kept when any part
    /// is wrong, or when its version already exists.
    pub fn load_framework(&mut self, file_name: &str, source: &str) -> Result<FrameworkVersion> {
        if source.len() > crate::framework::MAX_FILE_BYTES {
            return Err(Error::Framework {
                file: file_name.to_string(),
                field: "-".into(),
                problem: "het bestand is te groot (meer dan 1 MB) / the file is too large (over 1 MB)".into(),
            });
        }
        let framework = Framework::parse(file_name, source)?;
        if self.registry()?.find(&framework.reference()).is_ok() {
            return Err(Error::not_allowed(
                format!(
                    "Versie {} van het toetsingskader bestaat al. Een vastgestelde versie verandert nooit: geef de herziening een nieuw versienummer.",
                    framework.version
                ),
                format!("Version {} of the framework already exists. Give the revision a new version number.", framework.version),
            ));
        }
        self.store.add_framework_file(&FrameworkFile {
            framework_id: framework.id.clone(),
            version: framework.version.clone(),
            file_name: file_name.to_string(),
            source: source.to_string(),
            loaded_at: (self.now)(),
        })?;
        self.frameworks = None;
        let reference = framework.reference();
        self.framework_versions()?
            .into_iter()
            .find(|v| v.framework.reference() == reference)
            .ok_or(Error::NotFound { what: "framework version" })
    }

    /// Reads a framework file chosen by the user and loads it (see [`Self::load_framework`]).
    pub fn load_framework_file(&mut self, path: &Path) -> Result<FrameworkVersion> {
        let name =
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
        let fail = |problem: &str| Error::Framework { file: name.clone(), field: "-".into(), problem: problem.into() };
        let size = std::fs::metadata(path)?.len();
        if size > crate::framework::MAX_FILE_BYTES as u64 {
            return Err(fail("het bestand is te groot (meer dan 1 MB) / the file is too large (over 1 MB)"));
        }
        let bytes = std::fs::read(path)?;
        let source =
            String::from_utf8(bytes).map_err(|_| fail("geen tekstbestand in UTF-8 / not a UTF-8 text file"))?;
        self.load_framework(&name, &source)
    }

    fn view(&mut self, pilot: Pilot) -> Result<PilotView> {
        PilotView::new(pilot, self.registry()?)
    }

    pub fn list(&mut self) -> Result<Vec<PilotSummary>> {
        self.store.list()
    }

    pub fn get(&mut self, id: Uuid) -> Result<PilotView> {
        let pilot = self.store.load(id)?;
        self.view(pilot)
    }

    pub fn create(&mut self, proposal: Proposal) -> Result<PilotView> {
        let now = (self.now)();
        let framework = self.registry()?.current_on(now.date())?.clone();
        let mut pilot = Pilot::new(proposal, &framework, now)?;
        self.store.create(&mut pilot)?;
        self.view(pilot)
    }

    /// Loads, applies `change`, and saves only if the change succeeded.
    fn change(
        &mut self,
        id: Uuid,
        change: impl FnOnce(&mut Pilot, &Framework, OffsetDateTime) -> Result<()>,
    ) -> Result<PilotView> {
        let mut pilot = self.store.load(id)?;
        let framework = self.registry()?.find(&pilot.framework)?.clone();
        let now = (self.now)();
        change(&mut pilot, &framework, now)?;
        pilot.updated_at = now;
        self.store.save(&mut pilot)?;
        self.view(pilot)
    }

    pub fn update_proposal(&mut self, id: Uuid, proposal: Proposal) -> Result<PilotView> {
        self.change(id, |p, _, _| p.update_proposal(proposal))
    }

    pub fn submit(&mut self, id: Uuid) -> Result<PilotView> {
        self.change(id, |p, _, _| p.submit())
    }

    pub fn start_review(&mut self, id: Uuid) -> Result<PilotView> {
        self.change(id, |p, _, _| p.start_review())
    }

    pub fn set_answer(&mut self, id: Uuid, question_id: &str, answer: Answer) -> Result<PilotView> {
        self.change(id, |p, f, _| p.set_answer(f, question_id, answer))
    }

    pub fn decide(&mut self, id: Uuid, input: DecisionInput) -> Result<PilotView> {
        self.change(id, |p, f, now| p.decide(f, input, now))
    }

    pub fn reopen(&mut self, id: Uuid) -> Result<PilotView> {
        self.change(id, |p, _, _| p.reopen())
    }

    pub fn sign(&mut self, id: Uuid, signer_name: &str, role: Role) -> Result<PilotView> {
        self.change(id, |p, _, now| p.sign(signer_name, role, now))
    }

    /// Renders the decision record as PDF and writes it to `path` (written to a temporary
    /// file beside it first, so a failure never leaves half a PDF).
    pub fn export_pdf(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let is_pdf = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if !path.is_absolute() || !is_pdf {
            let mut p = crate::error::Problems::default();
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
        let bytes = crate::pdf::render(&view, (self.now)())?;
        crate::files::write_atomically(path, &bytes)
    }
}
