//! Attachments: files kept with a pilot where they belong (see [`crate::attachments`]).

use std::path::Path;

use uuid::Uuid;

use super::Assessments;
use crate::attachments::{Attachment, Place, MAX_BYTES};
use crate::audit::Change;
use crate::base::error::{Error, Message, Result};
use crate::base::files::Unreadable;

impl Assessments {
    /// The attachments of a pilot, in the order they were added (no contents).
    pub fn attachments(&mut self, pilot_id: Uuid) -> Result<Vec<Attachment>> {
        self.store.attachments(pilot_id)
    }

    /// Keeps `bytes` (the file `file_name`) with pilot `pilot_id` at `place`, added by `by`.
    /// Refused, with nothing kept: a file over the limit, of a kind not accepted, not what its
    /// name says; a place that does not take files now (the proposal after the decision, a
    /// condition before the signed decision or of a superseded one, a report of another decision).
    pub fn attach(
        &mut self,
        pilot_id: Uuid,
        place: Place,
        file_name: &str,
        bytes: &[u8],
        by: &str,
    ) -> Result<Attachment> {
        let pilot = self.store.load(pilot_id)?;
        let events = self.own_events(&pilot)?;
        let later = self.later_round(pilot_id)?;
        crate::followup::check_attachment_place(&pilot, &events, later, place)?;
        let attachment = Attachment::new(pilot_id, place, file_name, bytes, by, (self.now)())?;
        crate::attachments::check_room(&self.store.attachments(pilot_id)?, &attachment)?;
        let audit = Change::new(attachment.added_by.clone(), format!("bijlage toegevoegd: {}", attachment.name));
        self.store.add_attachment(&attachment, bytes, &audit)?;
        Ok(attachment)
    }

    /// [`Self::attach`] for a file chosen in the open dialog (read no further than the limit).
    pub fn attach_file(&mut self, pilot_id: Uuid, place: Place, path: &Path, by: &str) -> Result<Attachment> {
        let name = crate::base::files::shown_name(path);
        let bytes = crate::base::files::read_bounded(path, MAX_BYTES).map_err(|e| match e {
            Unreadable::TooLarge => Error::BadFile(Message::new(
                format!("{name} is groter dan 5 MB; een bijlage mag hoogstens 5 MB zijn. Er is niets bewaard."),
                format!("{name} is larger than 5 MB; an attachment may be 5 MB at most. Nothing was kept."),
            )),
            other => Error::BadFile(other.message()),
        })?;
        self.attach(pilot_id, place, &name, &bytes, by)
    }

    /// Writes a copy of attachment `id` to `path`, after checking its bytes against its SHA-256
    /// (a file changed behind the app's back is refused, and nothing is written).
    pub fn save_attachment(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let (_, bytes) = self.store.attachment_content(id)?;
        crate::base::files::write_atomically(path, &bytes)
    }

    /// The name to suggest when saving a copy of attachment `id`: its own.
    pub fn attachment_name(&mut self, pilot_id: Uuid, id: Uuid) -> Result<String> {
        self.store
            .attachments(pilot_id)?
            .into_iter()
            .find(|a| a.id == id)
            .map(|a| a.name)
            .ok_or(Error::NotFound { what: "attachment" })
    }
}
