//! Pilots: the overview, search, a pilot's view, and the project lead's proposal.

use super::{lead, Assessments, COMMITTEE};
use crate::views::PilotView;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::audit::Change;
use crate::base::error::Result;
use crate::framework::Framework;
use crate::pilot::{Pilot, PilotSummary, Proposal};

impl Assessments {
    pub fn list(&mut self) -> Result<Vec<PilotSummary>> {
        self.store.list()
    }

    /// Pilots whose name contains `query`, ignoring case and accents ("elberts" finds
    /// "Ëlberts"), most recently changed first.
    pub fn search(&mut self, query: &str) -> Result<Vec<PilotSummary>> {
        let fold = |s: &str| deunicode::deunicode(s).to_lowercase();
        let needle = fold(query.trim());
        let mut pilots = self.store.list()?;
        pilots.retain(|p| fold(&p.title).contains(&needle));
        Ok(pilots)
    }

    pub fn get(&mut self, id: Uuid) -> Result<PilotView> {
        let pilot = self.store.load(id)?;
        self.view(pilot)
    }

    /// Whether `proposal` could be handed in as it is: every missing or wrong field at once, as
    /// submitting would name them. Saves nothing (the form asks before its first save, so an
    /// empty form names every field, not only the name).
    pub fn check_proposal(&self, proposal: &Proposal) -> Result<()> {
        proposal.validate_complete()
    }

    pub fn create(&mut self, proposal: Proposal) -> Result<PilotView> {
        let now = (self.now)();
        let framework = self.registry()?.current_on(now.date())?.clone();
        let mut pilot = Pilot::new(proposal, &framework, now)?;
        let actor = lead(&pilot.proposal);
        self.store.create(&mut pilot, &Change::new(actor, "voorstel aangemaakt"))?;
        self.view(pilot)
    }

    /// Loads, applies `change`, and saves only if the change succeeded.
    // Invariant (ARCHITECTURE.md): every change to a pilot goes load → workflow method → save.
    pub(super) fn change(
        &mut self,
        id: Uuid,
        audit: Change,
        change: impl FnOnce(&mut Pilot, &Framework, OffsetDateTime) -> Result<()>,
    ) -> Result<PilotView> {
        let mut pilot = self.store.load(id)?;
        let framework = self.registry()?.find(&pilot.framework)?.clone();
        let now = (self.now)();
        change(&mut pilot, &framework, now)?;
        pilot.updated_at = now;
        self.store.save(&mut pilot, &audit)?;
        self.view(pilot)
    }

    pub fn update_proposal(&mut self, id: Uuid, proposal: Proposal) -> Result<PilotView> {
        let audit = Change::new(lead(&proposal), "voorstel bijgewerkt");
        self.change(id, audit, |p, _, _| p.update_proposal(proposal))
    }

    /// As [`Assessments::update_proposal`], refused as changed by someone else when the stored
    /// proposal is no longer `based_on` (what the screen last saw stored): what the screens call.
    pub fn update_proposal_based_on(&mut self, id: Uuid, proposal: Proposal, based_on: Proposal) -> Result<PilotView> {
        let audit = Change::new(lead(&proposal), "voorstel bijgewerkt");
        self.change(id, audit, |p, _, _| p.update_proposal_based_on(proposal, &based_on))
    }

    pub fn submit(&mut self, id: Uuid) -> Result<PilotView> {
        self.change(id, Change::new(COMMITTEE, crate::report::facts::SUBMITTED_ACTION), |p, _, _| p.submit())
    }
}
