//! The store written once in SQL, for both databases: [`SqlStore`] over a [`Backend`] (the
//! embedded SQLite file, [`super::sqlite`], or a shared PostgreSQL server,
//! [`super::postgres`]). Every statement here is plain SQL that both understand, with numbered
//! parameters (`?1`); where the two differ (reading a field of a JSON column) the backend's
//! [`Dialect`] writes the piece.
//!
//! One file per table group: [`pilots`] (pilots with their answers, decisions and signatures),
//! [`documents`] (records kept whole as JSON) with [`meetings`] and [`roster`] (members,
//! signing policy, roster log), [`frameworks`] (loaded framework files), [`followup`],
//! [`attachments`], [`reports`] and [`audit`] (the audit trail, which every write appends to).
//! This file holds what the groups share: the values that cross to the database, a
//! transaction, and the column encodings.

mod attachments;
mod audit;
pub mod copy;
mod documents;
mod followup;
mod frameworks;
mod meetings;
mod pilots;
mod reports;
mod roster;

use serde::{de::DeserializeOwned, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Batch, FrameworkFile, Store};
use crate::audit::{AuditEntry, Change, Checkpoint};
use crate::base::error::{Error, Result};
use crate::committee::roster::{CommitteeMember, SigningPolicy};
use crate::committee::roster_log::RosterEvent;
use crate::meeting::Meeting;
use crate::pilot::{Pilot, PilotSummary};

/// What every `RAISE` in the migrations (SQLite and PostgreSQL) starts with: a write our
/// triggers refuse is [`Error::Locked`], whichever record it is (`tests/it/storage.rs` checks
/// the migrations). Invariant (ARCHITECTURE.md): the lock triggers refuse any change to a
/// signed record in the database itself.
pub(crate) const TRIGGER_PREFIX: &str = "ai-toets: ";

/// One value crossing to or from the database. Flags are stored as 0 and 1 in both databases.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(v.clone())
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_string())
    }
}
impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<u32> for Value {
    fn from(v: u32) -> Self {
        Value::Int(i64::from(v))
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(i64::from(v))
    }
}
impl From<&[u8]> for Value {
    fn from(v: &[u8]) -> Self {
        Value::Blob(v.to_vec())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// The parameters of a statement, in order: `args![a, b]` for `?1, ?2`.
macro_rules! args {
    ($($v:expr),* $(,)?) => { &[$($crate::storage::sql::Value::from($v)),*] };
}
pub(crate) use args;

/// A row as read: its values by column position. Each is taken once.
#[derive(Debug)]
pub struct Row(pub Vec<Value>);

impl Row {
    fn take(&mut self, i: usize) -> Result<Value> {
        self.0.get_mut(i).map(std::mem::take).ok_or_else(|| corrupt("row", format!("no column {i}")))
    }
    pub fn text(&mut self, i: usize) -> Result<String> {
        self.opt_text(i)?.ok_or_else(|| corrupt("row", format!("column {i} is empty")))
    }
    pub fn opt_text(&mut self, i: usize) -> Result<Option<String>> {
        match self.take(i)? {
            Value::Null => Ok(None),
            Value::Text(s) => Ok(Some(s)),
            other => Err(corrupt("row", format!("column {i} is not text: {other:?}"))),
        }
    }
    pub fn int(&mut self, i: usize) -> Result<i64> {
        match self.take(i)? {
            Value::Int(v) => Ok(v),
            other => Err(corrupt("row", format!("column {i} is not a number: {other:?}"))),
        }
    }
    /// A 0/1 flag.
    pub fn flag(&mut self, i: usize) -> Result<bool> {
        match self.int(i)? {
            0 => Ok(false),
            1 => Ok(true),
            v => Err(corrupt("row", format!("column {i} is not 0 or 1: {v}"))),
        }
    }
    pub fn blob(&mut self, i: usize) -> Result<Vec<u8>> {
        match self.take(i)? {
            Value::Blob(v) => Ok(v),
            other => Err(corrupt("row", format!("column {i} is not bytes: {other:?}"))),
        }
    }
}

/// Where the two databases write the same thing differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The text of field `field` of the JSON text in `column`.
    pub fn json_field(self, column: &str, field: &str) -> String {
        match self {
            Dialect::Sqlite => format!("json_extract({column}, '$.{field}')"),
            Dialect::Postgres => format!("({column}::json ->> '{field}')"),
        }
    }
}

/// One transaction in progress. A failure is already the app's [`Error`], worded by the
/// backend (a file, or a server). Dropped without [`Backend::write`]'s commit, it rolls back.
pub trait Tx {
    /// Runs one statement; the number of rows it changed.
    fn execute(&mut self, sql: &str, args: &[Value]) -> Result<usize>;
    /// Every row of one query.
    fn query(&mut self, sql: &str, args: &[Value]) -> Result<Vec<Row>>;
    fn dialect(&self) -> Dialect;

    /// The first row of a query, if any.
    fn query_opt(&mut self, sql: &str, args: &[Value]) -> Result<Option<Row>> {
        Ok(self.query(sql, args)?.into_iter().next())
    }
}

/// A database the store runs on.
///
/// Invariant (ARCHITECTURE.md): [`Backend::write`] lets one writer at a time append to the
/// audit trail (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: an advisory transaction lock), so the
/// chain never forks and a revision read in the transaction is still the stored one when the
/// transaction writes.
pub trait Backend: Send {
    /// Runs `f` in a transaction that reads one consistent state.
    fn read<T>(&mut self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T>;
    /// Runs `f` in a write transaction, committed when `f` succeeds, rolled back when it fails.
    fn write<T>(&mut self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T>;
    /// Where the database's own safeguards differ from what the migrations made.
    fn schema_problems(&mut self) -> Result<Vec<String>>;
}

/// The store over a backend: every operation of [`Store`], written once.
pub struct SqlStore<B: Backend> {
    pub(crate) db: B,
}

impl<B: Backend> SqlStore<B> {
    pub(crate) fn over(db: B) -> Self {
        Self { db }
    }
}

/// The table of contents: each operation lives with its table group.
impl<B: Backend> Store for SqlStore<B> {
    fn list(&mut self) -> Result<Vec<PilotSummary>> {
        self.db.read(pilots::list)
    }

    fn load(&mut self, id: Uuid) -> Result<Pilot> {
        self.db.read(|tx| pilots::load(tx, id))
    }

    fn load_batch(&mut self, from: Option<i64>, limit: usize) -> Result<Batch> {
        self.db.read(|tx| pilots::load_batch(tx, from, limit))
    }

    fn create(&mut self, pilot: &mut Pilot, change: &Change) -> Result<()> {
        self.db.write(|tx| pilots::create(tx, pilot, change))?;
        pilot.revision = 1;
        Ok(())
    }

    fn save(&mut self, pilot: &mut Pilot, change: &Change) -> Result<()> {
        self.db.write(|tx| pilots::save(tx, pilot, change))?;
        pilot.revision += 1;
        Ok(())
    }

    fn list_meetings(&mut self) -> Result<Vec<Meeting>> {
        self.db.read(documents::list)
    }

    fn load_meeting(&mut self, id: Uuid) -> Result<Meeting> {
        self.db.read(|tx| documents::load(tx, id))
    }

    fn create_meeting(&mut self, meeting: &mut Meeting, change: &Change) -> Result<()> {
        documents::create(&mut self.db, meeting, change)
    }

    fn save_meeting(&mut self, meeting: &mut Meeting, change: &Change) -> Result<()> {
        documents::save(&mut self.db, meeting, change)
    }

    fn list_members(&mut self) -> Result<Vec<CommitteeMember>> {
        self.db.read(documents::list)
    }

    fn load_member(&mut self, id: Uuid) -> Result<CommitteeMember> {
        self.db.read(|tx| documents::load(tx, id))
    }

    fn create_member(&mut self, member: &mut CommitteeMember, change: &Change) -> Result<()> {
        documents::create(&mut self.db, member, change)
    }

    fn save_member(&mut self, member: &mut CommitteeMember, change: &Change) -> Result<()> {
        documents::save(&mut self.db, member, change)
    }

    fn signing_policy(&mut self) -> Result<SigningPolicy> {
        self.db.read(roster::signing_policy)
    }

    fn save_signing_policy(&mut self, policy: &SigningPolicy, change: &Change, at: OffsetDateTime) -> Result<()> {
        self.db.write(|tx| roster::save_setting(tx, roster::POLICY_KEY, policy, change, at))
    }

    fn framework_files(&mut self) -> Result<Vec<FrameworkFile>> {
        self.db.read(|tx| frameworks::loaded_files(tx, &frameworks::FRAMEWORKS))
    }

    fn add_framework_file(&mut self, file: &FrameworkFile, change: &Change) -> Result<()> {
        self.db.write(|tx| frameworks::add_loaded_file(tx, &frameworks::FRAMEWORKS, file, change))
    }

    fn municipality(&mut self) -> Result<Option<String>> {
        self.db.read(|tx| roster::setting(tx, roster::MUNICIPALITY_KEY))
    }

    fn save_municipality(&mut self, name: &str, change: &Change, at: OffsetDateTime) -> Result<()> {
        self.db.write(|tx| roster::save_setting(tx, roster::MUNICIPALITY_KEY, &name, change, at))
    }

    fn archive_settings(&mut self) -> Result<Option<serde_json::Value>> {
        self.db.read(|tx| roster::setting(tx, roster::ARCHIVE_KEY))
    }

    fn save_archive_settings(&mut self, value: &serde_json::Value, change: &Change, at: OffsetDateTime) -> Result<()> {
        self.db.write(|tx| roster::save_setting(tx, roster::ARCHIVE_KEY, value, change, at))
    }

    fn signed_decision_terms(&mut self) -> Result<Vec<crate::followup::DecisionTerms>> {
        self.db.read(followup::signed_decision_terms)
    }

    fn follow_up_events(&mut self, pilot: Option<Uuid>) -> Result<Vec<crate::followup::FollowUpEvent>> {
        self.db.read(|tx| followup::events(tx, pilot)).map(|(events, _)| events)
    }

    fn attachments(&mut self, pilot: Uuid) -> Result<Vec<crate::attachments::Attachment>> {
        self.db.read(|tx| attachments::list(tx, Some(pilot)))
    }

    fn all_attachments(&mut self) -> Result<Vec<crate::attachments::Attachment>> {
        self.db.read(|tx| attachments::list(tx, None))
    }

    fn attachment_content(&mut self, id: Uuid) -> Result<(crate::attachments::Attachment, Vec<u8>)> {
        self.db.read(|tx| attachments::content(tx, id))
    }

    fn attachment_problems(&mut self) -> Result<Vec<String>> {
        self.db.read(attachments::problems)
    }

    fn add_attachment(
        &mut self,
        attachment: &crate::attachments::Attachment,
        bytes: &[u8],
        change: &Change,
    ) -> Result<()> {
        attachment.check_bytes(bytes)?;
        self.db.write(|tx| attachments::add(tx, attachment, bytes, change))
    }

    fn follow_up_problems(&mut self) -> Result<Vec<String>> {
        self.db.read(|tx| followup::events(tx, None)).map(|(_, problems)| problems)
    }

    fn add_follow_up_event(&mut self, event: &crate::followup::FollowUpEvent, change: &Change) -> Result<()> {
        self.db.write(|tx| followup::add_event(tx, event, change))
    }

    fn duty_dates_files(&mut self) -> Result<Vec<FrameworkFile>> {
        self.db.read(|tx| frameworks::loaded_files(tx, &frameworks::DUTY_DATES))
    }

    fn add_duty_dates_file(&mut self, file: &FrameworkFile, change: &Change) -> Result<()> {
        debug_assert_eq!(file.framework_id, super::DUTY_DATES_ID);
        self.db.write(|tx| frameworks::add_loaded_file(tx, &frameworks::DUTY_DATES, file, change))
    }

    fn roster_log(&mut self) -> Result<Vec<RosterEvent>> {
        self.db.read(roster::roster_log)
    }

    fn record_roster_event(
        &mut self,
        event: &RosterEvent,
        members: &mut [CommitteeMember],
        change: &Change,
    ) -> Result<()> {
        roster::record_roster_event(&mut self.db, event, members, change)
    }

    fn record_event(&mut self, change: &Change, subject: &str, state_hash: &str, at: OffsetDateTime) -> Result<()> {
        self.db.write(|tx| audit::append_audit(tx, change, subject.to_string(), state_hash.to_string(), at))
    }

    fn later_round(&mut self, earlier: Uuid) -> Result<Option<crate::followup::LaterRound>> {
        self.db.read(|tx| pilots::later_round(tx, earlier))
    }

    fn schema_problems(&mut self) -> Result<Vec<String>> {
        self.db.schema_problems()
    }

    fn audit_head(&mut self) -> Result<Checkpoint> {
        self.db.read(audit::audit_head)
    }

    fn audit_log(&mut self) -> Result<Vec<AuditEntry>> {
        self.db.read(audit::audit_log)
    }

    fn yearly_reports(&mut self) -> Result<Vec<crate::report::signing::AdoptedReport>> {
        self.db.read(reports::read).map(|(reports, _)| reports)
    }

    fn yearly_report_problems(&mut self) -> Result<Vec<String>> {
        self.db.read(reports::read).map(|(_, problems)| problems)
    }

    fn add_yearly_report(&mut self, report: &crate::report::signing::AdoptedReport, change: &Change) -> Result<()> {
        self.db.write(|tx| reports::add(tx, report, change))
    }

    fn add_report_signature(
        &mut self,
        report: Uuid,
        signature: &crate::pilot::Signature,
        change: &Change,
    ) -> Result<()> {
        self.db.write(|tx| reports::add_signature(tx, report, signature, change))
    }

    fn pilot_revisions(&mut self) -> Result<Vec<(Uuid, i64)>> {
        self.db.read(pilots::revisions)
    }

    fn entries_with_action(
        &mut self,
        actions: &[&str],
        after: i64,
    ) -> Result<(i64, Vec<(String, String, OffsetDateTime)>)> {
        self.db.read(|tx| Ok((audit::audit_head(tx)?.entries, audit::entries_with_action(tx, actions, after)?)))
    }

    fn last_entry_at(&mut self) -> Result<Option<OffsetDateTime>> {
        self.db.read(audit::last_entry_at)
    }

    fn last_state_hash(&mut self, subject: &str) -> Result<Option<String>> {
        self.db.read(|tx| audit::last_state_hash(tx, subject))
    }
}

pub(crate) fn corrupt(what: &str, detail: impl std::fmt::Display) -> Error {
    Error::Storage {
        message: crate::base::error::Message::new(
            "Een opgeslagen pilot kon niet worden gelezen; de database is mogelijk buiten AI-toets om gewijzigd.",
            "A stored pilot could not be read; the database may have been changed outside AI-toets.",
        ),
        detail: format!("{what}: {detail}"),
    }
}

fn to_json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| corrupt("encode", e))
}

fn from_json<T: DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| corrupt("json", e))
}

/// A unit-like enum as the same string serde gives it (`"inReview"`), for CHECK-constrained columns.
fn to_text<T: Serialize>(v: &T) -> Result<String> {
    match serde_json::to_value(v).map_err(|e| corrupt("encode", e))? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(corrupt("encode", other)),
    }
}

fn from_text<T: DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|e| corrupt("enum", e))
}

/// An id as the app writes it (lower-case, hyphenated): another spelling of the same UUID is a
/// row written behind the app's back, not the same record.
fn parse_uuid(s: &str) -> Result<Uuid> {
    let id = Uuid::parse_str(s).map_err(|e| corrupt("id", e))?;
    if id.to_string() != s {
        return Err(corrupt("id", format!("{s:?} is not written as the app writes ids")));
    }
    Ok(id)
}

/// Moments are stored as RFC 3339 text, the same in both databases (never a database time
/// type: the hashed records name them as written).
fn format_time(t: OffsetDateTime) -> Result<String> {
    t.format(&time::format_description::well_known::Rfc3339).map_err(|e| corrupt("time", e))
}

fn parse_time(s: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).map_err(|e| corrupt("time", e))
}
