//! The embedded SQLite store: one file in the app-data folder, WAL journal, foreign keys and
//! recursive triggers on every connection, every write in a `BEGIN IMMEDIATE` transaction.
//!
//! One file per table group: [`pilots`] (pilots with their answers, decisions and
//! signatures), [`documents`] (records kept whole as JSON) with [`meetings`] and [`roster`]
//! (members, signing policy, roster log), [`frameworks`] (loaded framework files) and
//! [`audit`] (the audit trail, which every write appends to). This file opens the database,
//! keeps its schema, and holds what the groups share: errors and the column encodings.

mod attachments;
mod audit;
mod documents;
mod followup;
mod frameworks;
mod meetings;
mod pilots;
mod reports;
mod roster;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode};
use rusqlite_migration::{Migrations, M};
use serde::{de::DeserializeOwned, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Batch, FrameworkFile, Store};
use crate::audit::{AuditEntry, Change, Checkpoint};
use crate::base::error::{Error, Message, Result};
use crate::committee::roster::{CommitteeMember, SigningPolicy};
use crate::committee::roster_log::RosterEvent;
use crate::meeting::Meeting;
use crate::pilot::{Pilot, PilotSummary};

/// The schema's history. Append only: a released migration is never edited.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../migrations/0001_initial.sql")),
        M::up(include_str!("../migrations/0002_frameworks.sql")),
        M::up(include_str!("../migrations/0003_meetings.sql")),
        M::up(include_str!("../migrations/0004_audit.sql")),
        M::up(include_str!("../migrations/0005_roster.sql")),
        M::up(include_str!("../migrations/0006_overview.sql")),
        M::up(include_str!("../migrations/0007_roster_log.sql")),
        M::up(include_str!("../migrations/0008_decision_ai_act.sql")),
        M::up(include_str!("../migrations/0009_duty_dates.sql")),
        M::up(include_str!("../migrations/0010_follow_up.sql")),
        M::up(include_str!("../migrations/0011_reassessment.sql")),
        M::up(include_str!("../migrations/0012_attachments.sql")),
        M::up(include_str!("../migrations/0013_reassessment_guards.sql")),
        M::up(include_str!("../migrations/0014_report_dates.sql")),
        M::up(include_str!("../migrations/0015_yearly_reports.sql")),
    ])
}

/// What every `RAISE` in the migrations starts with: a write our triggers refuse is
/// [`Error::Locked`], whichever record it is (`tests/it/storage.rs` checks the migrations).
/// Invariant (ARCHITECTURE.md): the triggers of migration 0001 lock a signed record in the
/// database.
const TRIGGER_PREFIX: &str = "ai-toets: ";

pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (or creates) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        // Owner-only on Unix: missing folders 0700, the file 0600 (its -wal and -shm follow).
        crate::base::files::prepare_private_file(path);
        let fail = |e: rusqlite::Error| storage_error(path, e);
        let mut conn = Connection::open(path).map_err(fail)?;
        Self::configure(&conn).map_err(fail)?;
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => storage_error(path, err),
            other => Error::Storage {
                message: Message::new(
                    format!("De database {} heeft een onbekende of nieuwere opbouw. Gebruik de nieuwste versie van AI-toets.", path.display()),
                    format!("The database {} has an unknown or newer schema. Use the latest AI-toets.", path.display()),
                ),
                detail: other.to_string(),
            },
        })?;
        Ok(Self { conn, path: path.to_path_buf() })
    }

    // Invariant (ARCHITECTURE.md): WAL, foreign keys, recursive triggers and synchronous FULL
    // on every connection.
    fn configure(conn: &Connection) -> rusqlite::Result<()> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Reading the schema first turns "not a database" into an error here, not later.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "recursive_triggers", true)?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Caps the file at its current size plus `extra_pages` database pages (SQLite
    /// `max_page_count`), as a full disk would; `None` lifts the cap. For the reliability
    /// suite: a write that needs more room fails as on a full disk and keeps nothing.
    pub fn limit_growth(&self, extra_pages: Option<i64>) -> Result<()> {
        let fail = |e: rusqlite::Error| storage_error(&self.path, e);
        let pages: i64 = match extra_pages {
            Some(extra) => self.conn.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0)).map_err(fail)? + extra,
            None => 4_294_967_294,
        };
        self.conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(())).map_err(fail)
    }
}

/// The table of contents: each operation lives with its table group.
impl Store for SqliteStore {
    fn list(&mut self) -> Result<Vec<PilotSummary>> {
        pilots::list(self)
    }

    fn load(&mut self, id: Uuid) -> Result<Pilot> {
        pilots::load(self, id)
    }

    fn load_batch(&mut self, from: u64, limit: usize) -> Result<Batch> {
        pilots::load_batch(self, from, limit)
    }

    fn create(&mut self, pilot: &mut Pilot, change: &Change) -> Result<()> {
        pilots::create(self, pilot, change)
    }

    fn save(&mut self, pilot: &mut Pilot, change: &Change) -> Result<()> {
        pilots::save(self, pilot, change)
    }

    fn list_meetings(&mut self) -> Result<Vec<Meeting>> {
        documents::list(self)
    }

    fn load_meeting(&mut self, id: Uuid) -> Result<Meeting> {
        documents::load(self, id)
    }

    fn create_meeting(&mut self, meeting: &mut Meeting, change: &Change) -> Result<()> {
        documents::create(self, meeting, change)
    }

    fn save_meeting(&mut self, meeting: &mut Meeting, change: &Change) -> Result<()> {
        documents::save(self, meeting, change)
    }

    fn list_members(&mut self) -> Result<Vec<CommitteeMember>> {
        documents::list(self)
    }

    fn load_member(&mut self, id: Uuid) -> Result<CommitteeMember> {
        documents::load(self, id)
    }

    fn create_member(&mut self, member: &mut CommitteeMember, change: &Change) -> Result<()> {
        documents::create(self, member, change)
    }

    fn save_member(&mut self, member: &mut CommitteeMember, change: &Change) -> Result<()> {
        documents::save(self, member, change)
    }

    fn signing_policy(&mut self) -> Result<SigningPolicy> {
        roster::signing_policy(self)
    }

    fn save_signing_policy(&mut self, policy: &SigningPolicy, change: &Change, at: OffsetDateTime) -> Result<()> {
        roster::save_signing_policy(self, policy, change, at)
    }

    fn framework_files(&mut self) -> Result<Vec<FrameworkFile>> {
        frameworks::framework_files(self)
    }

    fn add_framework_file(&mut self, file: &FrameworkFile, change: &Change) -> Result<()> {
        frameworks::add_framework_file(self, file, change)
    }

    fn municipality(&mut self) -> Result<Option<String>> {
        roster::municipality(self)
    }

    fn save_municipality(&mut self, name: &str, change: &Change, at: time::OffsetDateTime) -> Result<()> {
        roster::save_municipality(self, name, change, at)
    }

    fn archive_settings(&mut self) -> Result<Option<serde_json::Value>> {
        roster::archive_settings(self)
    }

    fn save_archive_settings(
        &mut self,
        value: &serde_json::Value,
        change: &Change,
        at: time::OffsetDateTime,
    ) -> Result<()> {
        roster::save_archive_settings(self, value, change, at)
    }

    fn signed_decision_terms(&mut self) -> Result<Vec<crate::followup::DecisionTerms>> {
        followup::signed_decision_terms(self)
    }

    fn follow_up_events(&mut self, pilot: Option<uuid::Uuid>) -> Result<Vec<crate::followup::FollowUpEvent>> {
        followup::events(self, pilot).map(|(events, _)| events)
    }

    fn attachments(&mut self, pilot: Uuid) -> Result<Vec<crate::attachments::Attachment>> {
        attachments::list(self, Some(pilot))
    }

    fn all_attachments(&mut self) -> Result<Vec<crate::attachments::Attachment>> {
        attachments::list(self, None)
    }

    fn attachment_content(&mut self, id: Uuid) -> Result<(crate::attachments::Attachment, Vec<u8>)> {
        attachments::content(self, id)
    }

    fn attachment_problems(&mut self) -> Result<Vec<String>> {
        attachments::problems(self)
    }

    fn add_attachment(
        &mut self,
        attachment: &crate::attachments::Attachment,
        bytes: &[u8],
        change: &Change,
    ) -> Result<()> {
        attachments::add(self, attachment, bytes, change)
    }

    fn follow_up_problems(&mut self) -> Result<Vec<String>> {
        followup::events(self, None).map(|(_, problems)| problems)
    }

    fn add_follow_up_event(&mut self, event: &crate::followup::FollowUpEvent, change: &Change) -> Result<()> {
        followup::add_event(self, event, change)
    }

    fn duty_dates_files(&mut self) -> Result<Vec<FrameworkFile>> {
        frameworks::duty_dates_files(self)
    }

    fn add_duty_dates_file(&mut self, file: &FrameworkFile, change: &Change) -> Result<()> {
        frameworks::add_duty_dates_file(self, file, change)
    }

    fn roster_log(&mut self) -> Result<Vec<RosterEvent>> {
        roster::roster_log(self)
    }

    fn record_roster_event(
        &mut self,
        event: &RosterEvent,
        members: &mut [CommitteeMember],
        change: &Change,
    ) -> Result<()> {
        roster::record_roster_event(self, event, members, change)
    }

    fn record_event(&mut self, change: &Change, subject: &str, state_hash: &str, at: OffsetDateTime) -> Result<()> {
        audit::record_event(self, change, subject, state_hash, at)
    }

    fn later_round(&mut self, earlier: Uuid) -> Result<Option<crate::followup::LaterRound>> {
        pilots::later_round(self, earlier)
    }

    fn schema_problems(&mut self) -> Result<Vec<String>> {
        schema_problems(self)
    }

    fn audit_head(&mut self) -> Result<Checkpoint> {
        audit::audit_head(self)
    }

    fn audit_log(&mut self) -> Result<Vec<AuditEntry>> {
        audit::audit_log(self)
    }

    fn yearly_reports(&mut self) -> Result<Vec<crate::report::signing::AdoptedReport>> {
        reports::list(self)
    }

    fn yearly_report_problems(&mut self) -> Result<Vec<String>> {
        reports::problems(self)
    }

    fn add_yearly_report(&mut self, report: &crate::report::signing::AdoptedReport, change: &Change) -> Result<()> {
        reports::add(self, report, change)
    }

    fn add_report_signature(
        &mut self,
        report: Uuid,
        signature: &crate::pilot::Signature,
        change: &Change,
    ) -> Result<()> {
        reports::add_signature(self, report, signature, change)
    }

    fn pilot_revisions(&mut self) -> Result<Vec<(Uuid, i64)>> {
        pilots::revisions(self)
    }

    fn entries_with_action(
        &mut self,
        actions: &[&str],
        after: i64,
    ) -> Result<(i64, Vec<(String, String, time::OffsetDateTime)>)> {
        Ok((audit::audit_head(self)?.entries, audit::entries_with_action(self, actions, after)?))
    }

    fn last_entry_at(&mut self) -> Result<Option<time::OffsetDateTime>> {
        audit::last_entry_at(self)
    }

    fn last_state_hash(&mut self, subject: &str) -> Result<Option<String>> {
        audit::last_state_hash(self, subject)
    }
}

/// The lock triggers and indexes the migrations make, against the database's own: each missing,
/// changed or unknown one by name.
fn schema_problems(store: &mut SqliteStore) -> Result<Vec<String>> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let triggers = |conn: &Connection| -> rusqlite::Result<std::collections::BTreeMap<String, String>> {
        // The lock triggers and the indexes that refuse what must not be (a second re-assessment).
        let mut stmt =
            conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        rows.collect()
    };
    // What the migrations make, on a fresh in-memory database: the one source of truth.
    let mut fresh = Connection::open_in_memory().map_err(fail)?;
    migrations().to_latest(&mut fresh).map_err(|e| Error::Internal(format!("migrations: {e}")))?;
    let expected = triggers(&fresh).map_err(fail)?;
    let actual = triggers(&store.conn).map_err(fail)?;
    let mut out = Vec::new();
    for (name, sql) in &expected {
        match actual.get(name) {
            None => out.push(format!("beveiliging {name} ontbreekt")),
            Some(found) if found != sql => out.push(format!("beveiliging {name} is gewijzigd")),
            Some(_) => {}
        }
    }
    for name in actual.keys().filter(|n| !expected.contains_key(*n)) {
        out.push(format!("onbekende beveiliging {name}"));
    }
    Ok(out)
}

/// Turns a SQLite failure into a sentence a secretary can act on.
fn storage_error(path: &Path, e: rusqlite::Error) -> Error {
    let detail = e.to_string();
    // Every trigger of ours raises a message that starts with the prefix.
    if detail.contains(TRIGGER_PREFIX) {
        return Error::Locked;
    }
    if detail.contains("pilots_one_reassessment") {
        return crate::followup::already_reassessed();
    }
    let file = path.display();
    let code = e.sqlite_error_code();
    let message = match code {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Message::new(
            format!("Het databasebestand {file} is beschadigd of is geen AI-toets-database. Er is niets gewijzigd. Zet een back-up terug of vraag hulp aan de beheerder."),
            format!("The database file {file} is damaged or not an AI-toets database. Nothing was changed. Restore a backup or ask your administrator."),
        ),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => Message::new(
            format!("AI-toets kan niet schrijven in het databasebestand {file}. Het bestand of de map is alleen-lezen. Er is niets opgeslagen."),
            format!("AI-toets cannot write to the database file {file}. The file or folder is read-only. Nothing was saved."),
        ),
        Some(ErrorCode::DiskFull) => Message::new(
            "De schijf is vol. Er is niets opgeslagen; maak ruimte vrij en probeer het opnieuw.",
            "The disk is full. Nothing was saved; free some space and try again.",
        ),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Message::new(
            "De database is bezet door een ander programma. Probeer het over een paar seconden opnieuw.",
            "The database is in use by another program. Try again in a few seconds.",
        ),
        _ => Message::new(
            format!("Er ging iets mis met de database {file}. Er is niets opgeslagen."),
            format!("Something went wrong with the database {file}. Nothing was saved."),
        ),
    };
    Error::Storage { message, detail }
}

fn corrupt(what: &str, detail: impl std::fmt::Display) -> Error {
    Error::Storage {
        message: Message::new(
            "Een opgeslagen pilot kon niet worden gelezen; het databasebestand is mogelijk buiten AI-toets om gewijzigd.",
            "A stored pilot could not be read; the database file may have been changed outside AI-toets.",
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

fn parse_uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| corrupt("id", e))
}

fn format_time(t: OffsetDateTime) -> Result<String> {
    t.format(&time::format_description::well_known::Rfc3339).map_err(|e| corrupt("time", e))
}

fn parse_time(s: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).map_err(|e| corrupt("time", e))
}
