//! Files between machines: the proposal file and the Algoritmeregister. Reading a file needs
//! no store (associated functions), so the shell reads and checks it before taking the store.

use super::{read_limited, Assessments};
use crate::views::PilotView;

use std::path::Path;

use uuid::Uuid;

use crate::base::error::{Error, Message, Result};
use crate::exchange::RegisterFile;
use crate::pilot::Proposal;

impl Assessments {
    /// Writes the proposal as a file for the committee secretary.
    pub fn export_proposal(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let pilot = self.store.load(id)?;
        let text = crate::exchange::proposal_file(&pilot.proposal, (self.now)())?;
        crate::base::files::write_atomically(path, text.as_bytes())
    }

    /// Reads and checks a proposal file; needs no store.
    pub fn read_proposal_file(path: &Path) -> Result<Proposal> {
        crate::exchange::read_proposal_file(&read_limited(path)?)
    }

    /// Makes a proposal read from a file a new pilot: handed in when complete, otherwise a
    /// draft. Refused, with nothing stored, when it answers a question the framework a new
    /// pilot starts with does not have.
    pub fn import_read_proposal(&mut self, proposal: Proposal) -> Result<PilotView> {
        let today = (self.now)().date();
        let framework = self.registry()?.current_on(today)?;
        if let Some(unknown) = proposal.question_answers.keys().find(|id| framework.question(id).is_none()) {
            let shown: String = unknown.chars().take(60).filter(|c| !c.is_control()).collect();
            return Err(Error::BadFile(Message::new(
                format!(
                    "Het voorstelbestand beantwoordt een vraag die toetsingskader {} niet kent: 'proposal.questionAnswers.{shown}'. Er is niets geïmporteerd.",
                    framework.version
                ),
                format!(
                    "The proposal file answers a question framework {} does not have: 'proposal.questionAnswers.{shown}'. Nothing was imported.",
                    framework.version
                ),
            )));
        }
        let complete = proposal.validate_complete().is_ok();
        let view = self.create(proposal)?;
        if complete {
            self.submit(view.pilot.id)
        } else {
            Ok(view)
        }
    }

    /// Reads a proposal file and makes it a new pilot (see [`Self::import_read_proposal`]).
    /// Nothing is stored when the file is wrong in any way.
    pub fn import_proposal(&mut self, path: &Path) -> Result<PilotView> {
        let proposal = Self::read_proposal_file(path)?;
        self.import_read_proposal(proposal)
    }

    /// Reads an Algoritmeregister file into its entries, each with the proposal it starts and
    /// the import report, for the project lead to choose from; needs no store and stores
    /// nothing (the chosen proposal is saved as a new draft with [`Self::create`]).
    pub fn read_register_file(path: &Path) -> Result<RegisterFile> {
        crate::exchange::read_register_file(&read_limited(path)?)
    }

    /// Writes a draft Algoritmeregister entry for a pilot with a signed positive decision.
    pub fn export_register_entry(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let view = self.get(id)?;
        let organization = self.municipality_name()?;
        let entry = crate::exchange::register_entry(&view, &organization)?;
        let text = serde_json::to_string_pretty(&entry).map_err(|e| Error::Internal(e.to_string()))?;
        crate::base::files::write_atomically(path, text.as_bytes())
    }
}
