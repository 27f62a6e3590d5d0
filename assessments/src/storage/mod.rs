//! Storage behind a narrow interface: the core loads a whole [`Pilot`], changes it through
//! the workflow, and saves it back. [`Store`] is written once in SQL ([`sql::SqlStore`]) over
//! two backends: the embedded SQLite file ([`SqliteStore`], the default) and a shared
//! PostgreSQL server for committees on several machines (`PostgresStore`, cargo feature
//! `postgres`).

#[cfg(feature = "postgres")]
pub mod postgres;
pub mod sql;
mod sqlite;

#[cfg(feature = "postgres")]
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use uuid::Uuid;

use crate::audit::{AuditEntry, Change};
use crate::base::error::Result;
use crate::pilot::{Pilot, PilotSummary};

/// A framework file (or a revision of the AI Act's duty dates, `framework_id`
/// [`DUTY_DATES_ID`]) the municipality loaded, kept as written so it can be parsed again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkFile {
    pub framework_id: String,
    pub version: String,
    pub file_name: String,
    pub source: String,
    pub loaded_at: time::OffsetDateTime,
}

/// The `framework_id` of a loaded revision of the duty dates.
pub const DUTY_DATES_ID: &str = "ai-act-dates";

/// One batch of [`Store::load_batch`].
pub struct Batch {
    pub pilots: Vec<(Uuid, Result<Pilot>)>,
    /// Where the next batch starts (the position of this one's last pilot); `None` when this one
    /// was empty (the end).
    pub next: Option<i64>,
}

/// Architecture invariant: every implementation refuses to change a signed record, in the
/// database itself, not only in this code; every write is all-or-nothing and appends its
/// audit entry (`change`, with the hash of the record as written) in the same transaction.
pub trait Store: Send {
    /// All pilots, most recently changed first.
    fn list(&mut self) -> Result<Vec<PilotSummary>>;
    fn load(&mut self, id: Uuid) -> Result<Pilot>;
    /// Up to `limit` pilots after position `after` (`None` for the first batch, then the
    /// batch's `next`), in storage order: every stored pilot comes exactly once, whatever its id
    /// holds and whatever its storage position (a row put at a negative or the largest rowid
    /// behind the app's back is read too).
    /// Each is loaded on its own terms: one that cannot be read is an `Err` beside its id, not
    /// a failure of the batch (the integrity check reports it).
    fn load_batch(&mut self, after: Option<i64>, limit: usize) -> Result<Batch>;
    /// Stores a new pilot and sets its revision to 1.
    fn create(&mut self, pilot: &mut Pilot, change: &Change) -> Result<()>;
    /// Stores a changed pilot in one transaction, if the stored revision is still
    /// `pilot.revision` (else [`crate::Error::Conflict`]); then bumps the revision.
    fn save(&mut self, pilot: &mut Pilot, change: &Change) -> Result<()>;
    /// All meetings, newest first.
    fn list_meetings(&mut self) -> Result<Vec<crate::meeting::Meeting>>;
    fn load_meeting(&mut self, id: Uuid) -> Result<crate::meeting::Meeting>;
    /// Stores a new meeting and sets its revision to 1.
    fn create_meeting(&mut self, meeting: &mut crate::meeting::Meeting, change: &Change) -> Result<()>;
    /// Saves a changed meeting if the stored revision is still `meeting.revision`.
    fn save_meeting(&mut self, meeting: &mut crate::meeting::Meeting, change: &Change) -> Result<()>;
    /// The committee roster, by name.
    fn list_members(&mut self) -> Result<Vec<crate::committee::roster::CommitteeMember>>;
    fn load_member(&mut self, id: Uuid) -> Result<crate::committee::roster::CommitteeMember>;
    /// Stores a new member and sets its revision to 1.
    fn create_member(&mut self, member: &mut crate::committee::roster::CommitteeMember, change: &Change) -> Result<()>;
    /// Saves a changed member (keys rotated or revoked) if the revision is still current.
    fn save_member(&mut self, member: &mut crate::committee::roster::CommitteeMember, change: &Change) -> Result<()>;
    /// The signing policy; the default (chair and secretary) until one is saved.
    fn signing_policy(&mut self) -> Result<crate::committee::roster::SigningPolicy>;
    fn save_signing_policy(
        &mut self,
        policy: &crate::committee::roster::SigningPolicy,
        change: &Change,
        at: time::OffsetDateTime,
    ) -> Result<()>;
    /// The framework files loaded so far, oldest first.
    fn framework_files(&mut self) -> Result<Vec<FrameworkFile>>;
    /// Keeps a loaded framework file. The caller has checked that its id and version are new.
    fn add_framework_file(&mut self, file: &FrameworkFile, change: &Change) -> Result<()>;
    /// The municipality's name, once set (a new installation asks for it).
    fn municipality(&mut self) -> Result<Option<String>>;
    fn save_municipality(&mut self, name: &str, change: &Change, at: time::OffsetDateTime) -> Result<()>;
    /// How the decisions are filed in the archive (`archive::ArchiveSettings` as JSON), once set.
    fn archive_settings(&mut self) -> Result<Option<serde_json::Value>>;
    fn save_archive_settings(
        &mut self,
        value: &serde_json::Value,
        change: &Change,
        at: time::OffsetDateTime,
    ) -> Result<()>;
    /// The round that assesses `earlier` again (a re-assessment), with its status; at most one
    /// (the database refuses a second).
    fn later_round(&mut self, earlier: Uuid) -> Result<Option<crate::followup::LaterRound>>;
    /// The terms of every signed decision (outcome, conditions, evaluation date), for what is due.
    fn signed_decision_terms(&mut self) -> Result<Vec<crate::followup::DecisionTerms>>;
    /// The follow-up events of one pilot (all pilots when `None`), in the order they were
    /// appended; rows that do not hold (unreadable, copied, repeated) are left out.
    fn follow_up_events(&mut self, pilot: Option<Uuid>) -> Result<Vec<crate::followup::FollowUpEvent>>;
    /// The attachments of one pilot, in the order they were added (no contents).
    fn attachments(&mut self, pilot: Uuid) -> Result<Vec<crate::attachments::Attachment>>;
    /// Every attachment (no contents), for the check on open.
    fn all_attachments(&mut self) -> Result<Vec<crate::attachments::Attachment>>;
    /// One attachment with its bytes; refused when they no longer match its SHA-256.
    fn attachment_content(&mut self, id: Uuid) -> Result<(crate::attachments::Attachment, Vec<u8>)>;
    /// The attachments whose bytes no longer match their SHA-256, named for the check on open.
    fn attachment_problems(&mut self) -> Result<Vec<String>>;
    /// Keeps a checked attachment with its audit entry; it is never changed or deleted.
    fn add_attachment(
        &mut self,
        attachment: &crate::attachments::Attachment,
        bytes: &[u8],
        change: &Change,
    ) -> Result<()>;
    /// The follow-up rows that do not hold, named for the check on open.
    fn follow_up_problems(&mut self) -> Result<Vec<String>>;
    /// Appends a follow-up event (already checked against the pilot) with its audit entry.
    fn add_follow_up_event(&mut self, event: &crate::followup::FollowUpEvent, change: &Change) -> Result<()>;
    /// The revisions of the duty dates loaded so far, oldest first.
    fn duty_dates_files(&mut self) -> Result<Vec<FrameworkFile>>;
    /// Keeps a loaded revision of the duty dates. The caller has checked that its version is new.
    fn add_duty_dates_file(&mut self, file: &FrameworkFile, change: &Change) -> Result<()>;
    /// The signed roster log, oldest first.
    fn roster_log(&mut self) -> Result<Vec<crate::committee::roster_log::RosterEvent>>;
    /// Appends a roster event (already checked against the log) and writes the members it
    /// creates (`revision == 0`) or changes, in one transaction, each with its audit entry.
    fn record_roster_event(
        &mut self,
        event: &crate::committee::roster_log::RosterEvent,
        members: &mut [crate::committee::roster::CommitteeMember],
        change: &Change,
    ) -> Result<()>;
    /// Appends an audit entry about something that changes no record (a failed passphrase).
    fn record_event(
        &mut self,
        change: &Change,
        subject: &str,
        state_hash: &str,
        at: time::OffsetDateTime,
    ) -> Result<()>;
    /// Where the database's own safeguards (the lock triggers) differ from what the
    /// migrations made: each missing, changed or unknown trigger by name.
    fn schema_problems(&mut self) -> Result<Vec<String>>;
    /// The audit trail's checkpoint now: how many entries, and the hash of the last.
    fn audit_head(&mut self) -> Result<crate::audit::Checkpoint>;
    /// The whole audit trail, oldest first.
    fn audit_log(&mut self) -> Result<Vec<AuditEntry>>;
    /// Every adopted yearly report with its signatures, oldest first.
    fn yearly_reports(&mut self) -> Result<Vec<crate::report::signing::AdoptedReport>>;
    /// The rows of adopted reports and their signatures that do not hold, named for the check
    /// on open.
    fn yearly_report_problems(&mut self) -> Result<Vec<String>>;
    /// Keeps an adopted yearly report (its signatures come one by one) with its audit entry.
    fn add_yearly_report(&mut self, report: &crate::report::signing::AdoptedReport, change: &Change) -> Result<()>;
    /// Keeps a signature on adopted report `report` with its audit entry.
    fn add_report_signature(
        &mut self,
        report: Uuid,
        signature: &crate::pilot::Signature,
        change: &Change,
    ) -> Result<()>;
    /// Every pilot's id with its stored revision (what changed since a cache was filled).
    fn pilot_revisions(&mut self) -> Result<Vec<(Uuid, i64)>>;
    /// The audit entries after entry `after` whose action is one of `actions`, oldest first
    /// (subject, action, moment), and the number of the last entry in the trail.
    #[allow(clippy::type_complexity)]
    fn entries_with_action(
        &mut self,
        actions: &[&str],
        after: i64,
    ) -> Result<(i64, Vec<(String, String, time::OffsetDateTime)>)>;
    /// The moment of the audit trail's last entry (`None` for an empty trail).
    fn last_entry_at(&mut self) -> Result<Option<time::OffsetDateTime>>;
    /// The `state_hash` of the last audit entry about `subject`.
    fn last_state_hash(&mut self, subject: &str) -> Result<Option<String>>;
}
