//! The meetings table group: `meetings`, each meeting kept whole as a [`super::documents`]
//! document.

use time::OffsetDateTime;
use uuid::Uuid;

use super::documents::Document;
use crate::meeting::Meeting;

impl Document for Meeting {
    const TABLE: &'static str = "meetings";
    const SORT_COLUMN: &'static str = "date";
    const ORDER: &'static str = "date DESC, created_at DESC";
    const SUBJECT: &'static str = "meeting";
    fn id(&self) -> Uuid {
        self.id
    }
    fn sort_value(&self) -> &str {
        &self.date
    }
    fn revision_mut(&mut self) -> &mut i64 {
        &mut self.revision
    }
    fn created_at(&self) -> OffsetDateTime {
        self.created_at
    }
    fn updated_at(&self) -> OffsetDateTime {
        self.updated_at
    }
}
