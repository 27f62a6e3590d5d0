//! The embedded SQLite store: one file in the app-data folder, WAL journal, foreign keys and
//! recursive triggers on every connection, every write in a `BEGIN IMMEDIATE` transaction.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, ErrorCode, OptionalExtension, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use serde::{de::DeserializeOwned, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{FrameworkFile, Store};
use crate::audit::{state_hash, AuditEntry, Change};
use crate::base::error::{Error, Message, Result};
use crate::committee::roster::{CommitteeMember, SigningPolicy};
use crate::committee::roster_log::RosterEvent;
use crate::meeting::Meeting;

/// The settings key of the signing policy.
const POLICY_KEY: &str = "signingPolicy";
use crate::base::text::optional_date;
use crate::framework::FrameworkRef;
use crate::pilot::{Answer, Condition, Decision, Pilot, PilotSummary, Signature};

/// The schema's history. Append only: a released migration is never edited.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/0001_initial.sql")),
        M::up(include_str!("migrations/0002_frameworks.sql")),
        M::up(include_str!("migrations/0003_meetings.sql")),
        M::up(include_str!("migrations/0004_audit.sql")),
        M::up(include_str!("migrations/0005_roster.sql")),
        M::up(include_str!("migrations/0006_overview.sql")),
        M::up(include_str!("migrations/0007_roster_log.sql")),
    ])
}

/// The message our triggers raise; a write that hits it becomes [`Error::Locked`].
const LOCK_MESSAGE: &str = "ai-toets: signed record is immutable";

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

impl Store for SqliteStore {
    fn list(&mut self) -> Result<Vec<PilotSummary>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT p.id, p.status, coalesce(n.title, json_extract(p.proposal, '$.title')),
                        coalesce(n.department, json_extract(p.proposal, '$.department')), p.updated_at
                 FROM pilots p LEFT JOIN pilot_names n ON n.pilot_id = p.id
                 ORDER BY p.updated_at DESC, p.id",
            )
            .map_err(|e| storage_error(&self.path, e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?))
            })
            .map_err(|e| storage_error(&self.path, e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, status, title, department, updated_at) = row.map_err(|e| storage_error(&self.path, e))?;
            out.push(PilotSummary {
                id: parse_uuid(&id)?,
                title,
                department,
                status: from_text(&status)?,
                updated_at: parse_time(&updated_at)?,
            });
        }
        Ok(out)
    }

    fn load_batch(&mut self, from: u64, limit: usize) -> Result<super::Batch> {
        let tx = self.conn.transaction().map_err(|e| storage_error(&self.path, e))?;
        let which = Which::After(i64::try_from(from).unwrap_or(i64::MAX), i64::try_from(limit).unwrap_or(i64::MAX));
        let rows = read_pilots(&tx, &which).map_err(|e| storage_error(&self.path, e))?;
        let next = rows.last().map(|(rowid, _, _)| u64::try_from(*rowid).unwrap_or(u64::MAX));
        Ok(super::Batch { pilots: rows.into_iter().map(|(_, id, p)| (id, p)).collect(), next })
    }

    fn load(&mut self, id: Uuid) -> Result<Pilot> {
        let tx = self.conn.transaction().map_err(|e| storage_error(&self.path, e))?;
        let pilot = read_pilot(&tx, id).map_err(|e| storage_error(&self.path, e))??;
        Ok(pilot)
    }

    fn create(&mut self, pilot: &mut Pilot, change: &Change) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| storage_error(&self.path, e))?;
        tx.execute(
            "INSERT INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at)
             VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                pilot.id.to_string(),
                to_text(&pilot.status)?,
                pilot.framework.id,
                pilot.framework.version,
                to_json(&pilot.proposal)?,
                format_time(pilot.created_at)?,
                format_time(pilot.updated_at)?,
            ],
        )
        .map_err(|e| storage_error(&self.path, e))?;
        write_names(&tx, pilot).map_err(|e| storage_error(&self.path, e))?;
        let stored = Pilot { revision: 1, ..pilot.clone() };
        append_audit(&tx, &self.path, change, format!("pilot:{}", pilot.id), state_hash(&stored)?, pilot.updated_at)?;
        tx.commit().map_err(|e| storage_error(&self.path, e))?;
        pilot.revision = 1;
        Ok(())
    }

    fn save(&mut self, pilot: &mut Pilot, change: &Change) -> Result<()> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| storage_error(&path, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        let stored: Option<i64> = tx
            .query_row("SELECT revision FROM pilots WHERE id = ?1", [pilot.id.to_string()], |r| r.get(0))
            .optional()
            .map_err(fail)?;
        match stored {
            None => return Err(Error::NotFound { what: "pilot" }),
            Some(r) if r != pilot.revision => return Err(Error::Conflict),
            Some(_) => {}
        }
        let id = pilot.id.to_string();
        // Order matters for the lock triggers: signatures and answers go in while the
        // decision is still unsigned; the decision row flips to signed last.
        tx.execute(
            "UPDATE pilots SET revision = revision + 1, status = ?2, proposal = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, to_text(&pilot.status)?, to_json(&pilot.proposal)?, format_time(pilot.updated_at)?],
        )
        .map_err(fail)?;
        write_names(&tx, pilot).map_err(fail)?;
        for (question_id, a) in &pilot.answers {
            tx.execute(
                "INSERT INTO answers (pilot_id, question_id, verdict, notes, conditions) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (pilot_id, question_id) DO UPDATE SET
                   verdict = excluded.verdict, notes = excluded.notes, conditions = excluded.conditions
                 WHERE verdict IS NOT excluded.verdict OR notes IS NOT excluded.notes
                   OR conditions IS NOT excluded.conditions",
                params![
                    id,
                    question_id,
                    a.verdict.as_ref().map(to_text).transpose()?,
                    a.notes,
                    to_json(&a.conditions)?
                ],
            )
            .map_err(fail)?;
        }
        for s in &pilot.signatures {
            tx.execute(
                "INSERT INTO signatures (id, pilot_id, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE NOT EXISTS (SELECT 1 FROM signatures WHERE id = ?1)",
                params![
                    s.id.to_string(),
                    id,
                    s.signer_name,
                    to_text(&s.role)?,
                    format_time(s.signed_at)?,
                    s.content_hash,
                    to_json(&s.proof)?,
                    s.member_id.to_string(),
                    s.checkpoint.as_ref().map(to_json).transpose()?,
                    s.committee
                ],
            )
            .map_err(fail)?;
        }
        match &pilot.decision {
            Some(d) => {
                let signed = pilot.status == crate::pilot::Status::Signed;
                tx.execute(
                    "INSERT INTO decisions (pilot_id, outcome, reasons, conditions, evaluation_date, decided_at, meeting, signed, required_signers, framework_hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                     ON CONFLICT (pilot_id) DO UPDATE SET outcome = excluded.outcome, reasons = excluded.reasons,
                       conditions = excluded.conditions, evaluation_date = excluded.evaluation_date,
                       decided_at = excluded.decided_at, meeting = excluded.meeting, signed = excluded.signed,
                       required_signers = excluded.required_signers, framework_hash = excluded.framework_hash",
                    params![
                        id,
                        to_text(&d.outcome)?,
                        d.reasons,
                        to_json(&d.conditions)?,
                        date_text(d)?,
                        format_time(d.decided_at)?,
                        d.meeting.as_ref().map(to_json).transpose()?,
                        signed,
                        to_json(&d.required_signers)?,
                        d.framework_hash
                    ],
                )
                .map_err(fail)?;
            }
            None => {
                tx.execute("DELETE FROM decisions WHERE pilot_id = ?1", [&id]).map_err(fail)?;
            }
        }
        let stored = Pilot { revision: pilot.revision + 1, ..pilot.clone() };
        append_audit(&tx, &path, change, format!("pilot:{}", pilot.id), state_hash(&stored)?, pilot.updated_at)?;
        tx.commit().map_err(fail)?;
        pilot.revision += 1;
        Ok(())
    }

    fn list_meetings(&mut self) -> Result<Vec<Meeting>> {
        self.list_documents()
    }

    fn load_meeting(&mut self, id: Uuid) -> Result<Meeting> {
        self.load_document(id)
    }

    fn create_meeting(&mut self, meeting: &mut Meeting, change: &Change) -> Result<()> {
        self.create_document(meeting, change)
    }

    fn save_meeting(&mut self, meeting: &mut Meeting, change: &Change) -> Result<()> {
        self.save_document(meeting, change)
    }

    fn list_members(&mut self) -> Result<Vec<CommitteeMember>> {
        self.list_documents()
    }

    fn load_member(&mut self, id: Uuid) -> Result<CommitteeMember> {
        self.load_document(id)
    }

    fn create_member(&mut self, member: &mut CommitteeMember, change: &Change) -> Result<()> {
        self.create_document(member, change)
    }

    fn save_member(&mut self, member: &mut CommitteeMember, change: &Change) -> Result<()> {
        self.save_document(member, change)
    }

    fn signing_policy(&mut self) -> Result<SigningPolicy> {
        let value: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [POLICY_KEY], |r| r.get(0))
            .optional()
            .map_err(|e| storage_error(&self.path, e))?;
        value.map(|v| from_json(&v)).transpose().map(Option::unwrap_or_default)
    }

    fn save_signing_policy(&mut self, policy: &SigningPolicy, change: &Change, at: OffsetDateTime) -> Result<()> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| storage_error(&path, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![POLICY_KEY, to_json(policy)?],
        )
        .map_err(fail)?;
        append_audit(&tx, &path, change, format!("setting:{POLICY_KEY}"), state_hash(policy)?, at)?;
        tx.commit().map_err(fail)
    }

    fn framework_files(&mut self) -> Result<Vec<FrameworkFile>> {
        let rows = self.read_framework_files().map_err(|e| storage_error(&self.path, e))?;
        rows.into_iter()
            .map(|(framework_id, version, file_name, source, loaded_at)| {
                Ok(FrameworkFile { framework_id, version, file_name, source, loaded_at: parse_time(&loaded_at)? })
            })
            .collect()
    }

    fn add_framework_file(&mut self, file: &FrameworkFile, change: &Change) -> Result<()> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| storage_error(&path, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        tx.execute(
            "INSERT INTO framework_files (framework_id, version, file_name, source, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![file.framework_id, file.version, file.file_name, file.source, format_time(file.loaded_at)?],
        )
        .map_err(fail)?;
        let subject = format!("framework:{}@{}", file.framework_id, file.version);
        append_audit(&tx, &path, change, subject, state_hash(&file.source)?, file.loaded_at)?;
        tx.commit().map_err(fail)
    }

    fn last_state_hash(&mut self, subject: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT state_hash FROM audit_log WHERE subject = ?1 ORDER BY seq DESC LIMIT 1",
                [subject],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| storage_error(&self.path, e))
    }

    fn audit_head(&mut self) -> Result<crate::audit::Checkpoint> {
        let last: Option<(i64, String)> = self
            .conn
            .query_row("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|e| storage_error(&self.path, e))?;
        let (entries, head) = last.unwrap_or((0, crate::audit::GENESIS.to_string()));
        Ok(crate::audit::Checkpoint { entries, head })
    }

    fn roster_log(&mut self) -> Result<Vec<RosterEvent>> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| storage_error(&path, e);
        let mut stmt = self.conn.prepare("SELECT seq, body FROM roster_events ORDER BY seq").map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).map_err(fail)?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, body) = row.map_err(fail)?;
            let event: RosterEvent = from_json(&body)?;
            if event.seq != seq {
                return Err(corrupt("roster event", format!("row {seq} holds event {}", event.seq)));
            }
            out.push(event);
        }
        Ok(out)
    }

    fn record_roster_event(
        &mut self,
        event: &RosterEvent,
        members: &mut [CommitteeMember],
        change: &Change,
    ) -> Result<()> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| storage_error(&path, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        let hash = event.hash()?;
        tx.execute(
            "INSERT INTO roster_events (seq, body, event_hash) VALUES (?1, ?2, ?3)",
            params![event.seq, to_json(event)?, hash],
        )
        .map_err(fail)?;
        append_audit(&tx, &path, change, format!("roster:{}", event.seq), hash, event.at)?;
        let mut revisions = Vec::with_capacity(members.len());
        for member in members.iter_mut() {
            if member.revision == 0 {
                insert_document(&tx, &path, member, change)?;
                revisions.push(1);
            } else {
                revisions.push(update_document(&tx, &path, member, change)?);
            }
        }
        tx.commit().map_err(fail)?;
        for (member, revision) in members.iter_mut().zip(revisions) {
            member.revision = revision;
        }
        Ok(())
    }

    fn record_event(&mut self, change: &Change, subject: &str, state_hash: &str, at: OffsetDateTime) -> Result<()> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| storage_error(&path, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        append_audit(&tx, &path, change, subject.to_string(), state_hash.to_string(), at)?;
        tx.commit().map_err(fail)
    }

    fn schema_problems(&mut self) -> Result<Vec<String>> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| storage_error(&path, e);
        let triggers = |conn: &Connection| -> rusqlite::Result<std::collections::BTreeMap<String, String>> {
            let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            rows.collect()
        };
        // What the migrations make, on a fresh in-memory database: the one source of truth.
        let mut fresh = Connection::open_in_memory().map_err(fail)?;
        migrations().to_latest(&mut fresh).map_err(|e| Error::Internal(format!("migrations: {e}")))?;
        let expected = triggers(&fresh).map_err(fail)?;
        let actual = triggers(&self.conn).map_err(fail)?;
        let mut out = Vec::new();
        for (name, sql) in &expected {
            match actual.get(name) {
                None => out.push(format!("beveiliging {name} ontbreekt")),
                Some(found) if found != sql => out.push(format!("beveiliging {name} is gewijzigd")),
                Some(_) => {}
            }
        }
        for name in actual.keys().filter(|n| !expected.contains_key(*n)) {
            out.push(format!("onbekende trigger {name}"));
        }
        Ok(out)
    }

    fn audit_log(&mut self) -> Result<Vec<AuditEntry>> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| storage_error(&path, e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT seq, at, actor, subject, action, state_hash, prev_hash, entry_hash FROM audit_log ORDER BY seq",
            )
            .map_err(fail)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })
            .map_err(fail)?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, at, actor, subject, action, state_hash, prev_hash, entry_hash) = row.map_err(fail)?;
            out.push(AuditEntry {
                seq,
                at: parse_time(&at)?,
                actor,
                subject,
                action,
                state_hash,
                prev_hash,
                entry_hash,
            });
        }
        Ok(out)
    }
}

/// framework_id, version, file_name, source, loaded_at
type FrameworkRow = (String, String, String, String, String);

impl SqliteStore {
    fn read_framework_files(&self) -> rusqlite::Result<Vec<FrameworkRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT framework_id, version, file_name, source, loaded_at FROM framework_files ORDER BY loaded_at, rowid",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        rows.collect()
    }
}

/// Appends one entry to the audit trail, chained to the last one, inside the caller's
/// transaction.
/// A record kept whole as JSON in its own table (`id, revision, <sort column>, body,
/// created_at, updated_at`): meetings and roster members.
trait Document: Serialize + DeserializeOwned {
    const TABLE: &'static str;
    /// The column the list is ordered by, kept beside the body.
    const SORT_COLUMN: &'static str;
    const ORDER: &'static str;
    const SUBJECT: &'static str;
    fn id(&self) -> Uuid;
    fn sort_value(&self) -> &str;
    fn revision_mut(&mut self) -> &mut i64;
    fn created_at(&self) -> OffsetDateTime;
    fn updated_at(&self) -> OffsetDateTime;
}

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

impl Document for CommitteeMember {
    const TABLE: &'static str = "members";
    const SORT_COLUMN: &'static str = "name";
    const ORDER: &'static str = "name COLLATE NOCASE, created_at";
    const SUBJECT: &'static str = "member";
    fn id(&self) -> Uuid {
        self.id
    }
    fn sort_value(&self) -> &str {
        &self.name
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

/// The audit hash of a document as stored at `revision`.
fn document_hash<D: Document>(doc: &mut D, revision: i64) -> Result<String> {
    let before = std::mem::replace(doc.revision_mut(), revision);
    let hash = state_hash(&*doc);
    *doc.revision_mut() = before;
    hash
}

impl SqliteStore {
    fn list_documents<D: Document>(&mut self) -> Result<Vec<D>> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| storage_error(&path, e);
        let sql = format!("SELECT body, revision FROM {} ORDER BY {}", D::TABLE, D::ORDER);
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).map_err(fail)?;
        let mut out = Vec::new();
        for row in rows {
            let (body, revision) = row.map_err(fail)?;
            let mut doc: D = from_json(&body)?;
            *doc.revision_mut() = revision;
            out.push(doc);
        }
        Ok(out)
    }

    fn load_document<D: Document>(&mut self, id: Uuid) -> Result<D> {
        let sql = format!("SELECT body, revision FROM {} WHERE id = ?1", D::TABLE);
        let row: Option<(String, i64)> = self
            .conn
            .query_row(&sql, [id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(|e| storage_error(&self.path, e))?;
        let (body, revision) = row.ok_or(Error::NotFound { what: D::SUBJECT })?;
        let mut doc: D = from_json(&body)?;
        *doc.revision_mut() = revision;
        Ok(doc)
    }

    fn create_document<D: Document>(&mut self, doc: &mut D, change: &Change) -> Result<()> {
        let path = self.path.clone();
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| storage_error(&path, e))?;
        insert_document(&tx, &path, doc, change)?;
        tx.commit().map_err(|e| storage_error(&path, e))?;
        *doc.revision_mut() = 1;
        Ok(())
    }

    fn save_document<D: Document>(&mut self, doc: &mut D, change: &Change) -> Result<()> {
        let path = self.path.clone();
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| storage_error(&path, e))?;
        let revision = update_document(&tx, &path, doc, change)?;
        tx.commit().map_err(|e| storage_error(&path, e))?;
        *doc.revision_mut() = revision;
        Ok(())
    }
}

/// Inserts a new document (revision 1) with its audit entry, inside `tx`.
fn insert_document<D: Document>(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    doc: &mut D,
    change: &Change,
) -> Result<()> {
    let fail = |e: rusqlite::Error| storage_error(path, e);
    let sql = format!(
        "INSERT INTO {} (id, revision, {}, body, created_at, updated_at) VALUES (?1, 1, ?2, ?3, ?4, ?5)",
        D::TABLE,
        D::SORT_COLUMN
    );
    tx.execute(
        &sql,
        params![
            doc.id().to_string(),
            doc.sort_value(),
            to_json(&*doc)?,
            format_time(doc.created_at())?,
            format_time(doc.updated_at())?
        ],
    )
    .map_err(fail)?;
    let subject = format!("{}:{}", D::SUBJECT, doc.id());
    append_audit(tx, path, change, subject, document_hash(doc, 1)?, doc.updated_at())
}

/// Saves a changed document if its stored revision is still `doc`'s, with its audit entry,
/// inside `tx`; returns the new revision.
fn update_document<D: Document>(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    doc: &mut D,
    change: &Change,
) -> Result<i64> {
    let fail = |e: rusqlite::Error| storage_error(path, e);
    let revision = *doc.revision_mut();
    let sql = format!(
        "UPDATE {} SET revision = revision + 1, {} = ?2, body = ?3, updated_at = ?4 WHERE id = ?1 AND revision = ?5",
        D::TABLE,
        D::SORT_COLUMN
    );
    let changed = tx
        .execute(
            &sql,
            params![doc.id().to_string(), doc.sort_value(), to_json(&*doc)?, format_time(doc.updated_at())?, revision],
        )
        .map_err(fail)?;
    if changed == 0 {
        let sql = format!("SELECT count(*) FROM {} WHERE id = ?1", D::TABLE);
        let exists = tx.query_row(&sql, [doc.id().to_string()], |r| r.get::<_, i64>(0)).map_err(fail)? > 0;
        return Err(if exists { Error::Conflict } else { Error::NotFound { what: D::SUBJECT } });
    }
    let subject = format!("{}:{}", D::SUBJECT, doc.id());
    append_audit(tx, path, change, subject, document_hash(doc, revision + 1)?, doc.updated_at())?;
    Ok(revision + 1)
}

fn append_audit(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    change: &Change,
    subject: String,
    state_hash: String,
    at: OffsetDateTime,
) -> Result<()> {
    let fail = |e: rusqlite::Error| storage_error(path, e);
    let last: Option<(i64, String)> = tx
        .query_row("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .map_err(fail)?;
    let (prev_seq, prev_hash) = last.unwrap_or((0, crate::audit::GENESIS.to_string()));
    let mut entry = AuditEntry {
        seq: prev_seq + 1,
        at,
        actor: change.actor.clone(),
        subject,
        action: change.action.clone(),
        state_hash,
        prev_hash,
        entry_hash: String::new(),
    };
    entry.entry_hash = crate::audit::entry_hash(&entry)?;
    tx.execute(
        "INSERT INTO audit_log (seq, at, actor, subject, action, state_hash, prev_hash, entry_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            entry.seq,
            format_time(entry.at)?,
            entry.actor,
            entry.subject,
            entry.action,
            entry.state_hash,
            entry.prev_hash,
            entry.entry_hash
        ],
    )
    .map_err(fail)?;
    Ok(())
}

/// Reads a whole pilot. The outer result is SQLite's, the inner one decoding's.
/// The overview's copy of the pilot's name and department (see migration 0006).
fn write_names(conn: &Connection, pilot: &Pilot) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO pilot_names (pilot_id, title, department) VALUES (?1, ?2, ?3)
         ON CONFLICT (pilot_id) DO UPDATE SET title = excluded.title, department = excluded.department
         WHERE title IS NOT excluded.title OR department IS NOT excluded.department",
        params![pilot.id.to_string(), pilot.proposal.title, pilot.proposal.department],
    )
}

fn read_pilot(conn: &Connection, id: Uuid) -> rusqlite::Result<Result<Pilot>> {
    let one = Which::One(id.to_string());
    Ok(read_pilots(conn, &one)?.pop().map(|(_, _, p)| p).unwrap_or(Err(Error::NotFound { what: "pilot" })))
}

/// Which pilots [`read_pilots`] reads: one, or a batch in storage order (rowid) after a given
/// position.
enum Which {
    One(String),
    After(i64, i64),
}

type AnswerRow = (String, Option<String>, String, String);
type DecisionRow = (String, String, String, Option<String>, String, Option<String>, String, bool, Option<String>);
type SignatureRow = (String, String, String, String, String, String, String, Option<String>, Option<String>);

/// Reads one pilot or a batch of them, with four queries in all: pilots, answers, decisions,
/// signatures. Each pilot is assembled on its own, so one damaged record is reported as such
/// and does not hide the others.
fn read_pilots(conn: &Connection, which: &Which) -> rusqlite::Result<Vec<(i64, Uuid, Result<Pilot>)>> {
    use std::collections::HashMap;
    let batch = "SELECT id FROM pilots WHERE rowid > ?1 ORDER BY rowid LIMIT ?2";
    let filter = |column: &str| match which {
        Which::One(_) => format!("WHERE {column} = ?1"),
        Which::After(..) => format!("WHERE {column} IN ({batch})"),
    };
    let params: Vec<&dyn rusqlite::ToSql> = match which {
        Which::One(id) => vec![id],
        Which::After(after, limit) => vec![after, limit],
    };

    let mut answers: HashMap<String, Vec<AnswerRow>> = HashMap::new();
    let sql = format!("SELECT pilot_id, question_id, verdict, notes, conditions FROM answers {}", filter("pilot_id"));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params.as_slice())?;
    while let Some(r) = rows.next()? {
        answers.entry(r.get(0)?).or_default().push((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
    }

    let mut decisions: HashMap<String, DecisionRow> = HashMap::new();
    let sql = format!(
        "SELECT pilot_id, outcome, reasons, conditions, evaluation_date, decided_at, meeting, required_signers, signed, framework_hash FROM decisions {}",
        filter("pilot_id")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params.as_slice())?;
    while let Some(r) = rows.next()? {
        let row = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?);
        decisions.insert(r.get(0)?, row);
    }

    let mut signatures: HashMap<String, Vec<SignatureRow>> = HashMap::new();
    let sql = format!(
        "SELECT pilot_id, id, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee FROM signatures {} ORDER BY signed_at, rowid",
        filter("pilot_id")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params.as_slice())?;
    while let Some(r) = rows.next()? {
        let row = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?);
        signatures.entry(r.get(0)?).or_default().push(row);
    }

    let sql = format!(
        "SELECT id, revision, status, framework_id, framework_version, proposal, created_at, updated_at, rowid FROM pilots {} ORDER BY rowid",
        filter("id")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params.as_slice())?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let pilot = (|| {
            let (status, proposal, created_at, updated_at): (String, String, String, String) =
                (r.get(2)?, r.get(5)?, r.get(6)?, r.get(7)?);
            Ok::<_, rusqlite::Error>((
                r.get::<_, i64>(1)?,
                status,
                r.get(3)?,
                r.get(4)?,
                proposal,
                created_at,
                updated_at,
            ))
        })()?;
        let (revision, status, framework_id, framework_version, proposal, created_at, updated_at) = pilot;
        let assembled = (|| {
            Ok(Pilot {
                id: parse_uuid(&id)?,
                revision,
                status: from_text(&status)?,
                framework: FrameworkRef { id: framework_id, version: framework_version },
                proposal: from_json(&proposal)?,
                answers: answers
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(q, v, notes, conditions)| {
                        let verdict = v.as_deref().map(from_text).transpose()?;
                        Ok::<_, Error>((q, Answer { verdict, notes, conditions: from_json(&conditions)? }))
                    })
                    .collect::<Result<_>>()?,
                decision: decisions
                    .remove(&id)
                    .map(
                        |(
                            outcome,
                            reasons,
                            conditions,
                            evaluation_date,
                            decided_at,
                            meeting,
                            required_signers,
                            signed,
                            framework_hash,
                        )| {
                            // The lock flag and the status say the same, or the row was edited by hand.
                            if signed != (status == "signed") {
                                return Err(corrupt("decision", "the signed flag does not match the status"));
                            }
                            Ok::<_, Error>(Decision {
                                outcome: from_text(&outcome)?,
                                reasons,
                                conditions: from_json::<Vec<Condition>>(&conditions)?,
                                evaluation_date: evaluation_date.as_deref().map(parse_date).transpose()?,
                                decided_at: parse_time(&decided_at)?,
                                meeting: meeting.as_deref().map(from_json).transpose()?,
                                required_signers: from_json(&required_signers)?,
                                framework_hash,
                            })
                        },
                    )
                    .transpose()?,
                signatures: signatures
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(
                        |(sid, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee)| {
                            Ok::<_, Error>(Signature {
                                id: parse_uuid(&sid)?,
                                member_id: parse_uuid(&member_id)?,
                                signer_name,
                                role: from_text(&role)?,
                                signed_at: parse_time(&signed_at)?,
                                content_hash,
                                proof: from_json(&proof)?,
                                checkpoint: checkpoint.as_deref().map(from_json).transpose()?,
                                committee,
                            })
                        },
                    )
                    .collect::<Result<_>>()?,
                created_at: parse_time(&created_at)?,
                updated_at: parse_time(&updated_at)?,
            })
        })();
        out.push((r.get(8)?, parse_uuid(&id).unwrap_or_default(), assembled));
    }
    Ok(out)
}

/// Turns a SQLite failure into a sentence a secretary can act on.
fn storage_error(path: &Path, e: rusqlite::Error) -> Error {
    let detail = e.to_string();
    if detail.contains(LOCK_MESSAGE)
        || detail.contains("framework version is immutable")
        || detail.contains("append-only")
    {
        return Error::Locked;
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

fn parse_date(s: &str) -> Result<time::Date> {
    crate::base::text::parse_date(s).ok_or_else(|| corrupt("date", s))
}

fn date_text(d: &Decision) -> Result<Option<String>> {
    let v =
        optional_date::serialize(&d.evaluation_date, serde_json::value::Serializer).map_err(|e| corrupt("date", e))?;
    Ok(v.as_str().map(str::to_string))
}
