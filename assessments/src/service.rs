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
use crate::framework::Text;
use crate::model::{Answer, DecisionInput, Pilot, PilotSummary, Proposal, Role};
use crate::signing::{self, SignatureCheck};
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
    /// The hash every signer signs (of the record as it is now).
    pub content_hash: String,
    pub signature_checks: Vec<SignatureCheck>,
}

impl PilotView {
    pub fn new(pilot: Pilot) -> Result<Self> {
        let framework = Framework::find(&pilot.framework)?;
        Ok(Self {
            unanswered: pilot.unanswered(&framework).into_iter().map(String::from).collect(),
            knock_outs: pilot.knock_outs(&framework).into_iter().map(String::from).collect(),
            not_applicable: framework
                .questions()
                .filter_map(|(_, q)| not_applicable_reason(q, &pilot.proposal).map(|r| (q.id.clone(), r)))
                .collect(),
            missing_roles: pilot.missing_roles(),
            content_hash: signing::content_hash(&pilot)?,
            signature_checks: signing::verify(&pilot)?,
            framework,
            pilot,
        })
    }
}

/// The app's operations over one store.
pub struct Assessments {
    store: Box<dyn Store>,
    now: fn() -> OffsetDateTime,
}

impl Assessments {
    pub fn new(store: Box<dyn Store>) -> Self {
        Self { store, now: OffsetDateTime::now_utc }
    }

    /// For tests: a fixed clock.
    pub fn with_clock(store: Box<dyn Store>, now: fn() -> OffsetDateTime) -> Self {
        Self { store, now }
    }

    pub fn list(&mut self) -> Result<Vec<PilotSummary>> {
        self.store.list()
    }

    pub fn get(&mut self, id: Uuid) -> Result<PilotView> {
        PilotView::new(self.store.load(id)?)
    }

    pub fn create(&mut self, proposal: Proposal) -> Result<PilotView> {
        let now = (self.now)();
        let mut pilot = Pilot::new(proposal, &Framework::current_on(now.date())?, now)?;
        self.store.create(&mut pilot)?;
        PilotView::new(pilot)
    }

    /// Loads, applies `change`, and saves only if the change succeeded.
    fn change(
        &mut self,
        id: Uuid,
        change: impl FnOnce(&mut Pilot, &Framework, OffsetDateTime) -> Result<()>,
    ) -> Result<PilotView> {
        let mut pilot = self.store.load(id)?;
        let framework = Framework::find(&pilot.framework)?;
        let now = (self.now)();
        change(&mut pilot, &framework, now)?;
        pilot.updated_at = now;
        self.store.save(&mut pilot)?;
        PilotView::new(pilot)
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
