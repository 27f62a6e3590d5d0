//! Files between machines: the proposal file and the Algoritmeregister.

use super::{read_limited, Assessments, ORGANIZATION};
use crate::views::PilotView;

use std::path::Path;

use uuid::Uuid;

use crate::base::error::{Error, Result};

impl Assessments {
    /// Writes the proposal as a file for the committee secretary.
    pub fn export_proposal(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let pilot = self.store.load(id)?;
        let text = crate::exchange::proposal_file(&pilot.proposal, (self.now)())?;
        crate::base::files::write_atomically(path, text.as_bytes())
    }

    /// Reads a proposal file and makes it a new pilot: handed in when complete, otherwise a
    /// draft. Nothing is stored when the file is wrong in any way.
    pub fn import_proposal(&mut self, path: &Path) -> Result<PilotView> {
        let proposal = crate::exchange::read_proposal_file(&read_limited(path)?)?;
        let complete = proposal.validate_complete().is_ok();
        let view = self.create(proposal)?;
        if complete {
            self.submit(view.pilot.id)
        } else {
            Ok(view)
        }
    }

    /// Starts a proposal (a draft) from an existing Algoritmeregister entry.
    pub fn import_register_entry(&mut self, path: &Path) -> Result<PilotView> {
        let proposal = crate::exchange::proposal_from_register(&read_limited(path)?)?;
        self.create(proposal)
    }

    /// Writes a draft Algoritmeregister entry for an approved pilot.
    pub fn export_register_entry(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let view = self.get(id)?;
        let entry = crate::exchange::register_entry(&view, ORGANIZATION)?;
        let text = serde_json::to_string_pretty(&entry).map_err(|e| Error::Internal(e.to_string()))?;
        crate::base::files::write_atomically(path, text.as_bytes())
    }
}
