//! The audit table group: `audit_log`, the hash-chained trail every write of every group
//! appends to in its own transaction ([`append_audit`]).

use std::path::Path;

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use time::OffsetDateTime;

use super::{format_time, parse_time, storage_error, SqliteStore};
use crate::audit::{AuditEntry, Change, Checkpoint};
use crate::base::error::Result;

/// Appends one entry to the audit trail, chained to the last one, inside the caller's
/// transaction (an invariant, ARCHITECTURE.md: every write with its entry, all or nothing).
pub(super) fn append_audit(
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

pub(super) fn record_event(
    store: &mut SqliteStore,
    change: &Change,
    subject: &str,
    state_hash: &str,
    at: OffsetDateTime,
) -> Result<()> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
    append_audit(&tx, &path, change, subject.to_string(), state_hash.to_string(), at)?;
    tx.commit().map_err(fail)
}

pub(super) fn last_state_hash(store: &mut SqliteStore, subject: &str) -> Result<Option<String>> {
    store
        .conn
        .query_row("SELECT state_hash FROM audit_log WHERE subject = ?1 ORDER BY seq DESC LIMIT 1", [subject], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|e| storage_error(&store.path, e))
}

pub(super) fn audit_head(store: &mut SqliteStore) -> Result<Checkpoint> {
    let last: Option<(i64, String)> = store
        .conn
        .query_row("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .map_err(|e| storage_error(&store.path, e))?;
    let (entries, head) = last.unwrap_or((0, crate::audit::GENESIS.to_string()));
    Ok(Checkpoint { entries, head })
}

pub(super) fn audit_log(store: &mut SqliteStore) -> Result<Vec<AuditEntry>> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let mut stmt = store
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
        out.push(AuditEntry { seq, at: parse_time(&at)?, actor, subject, action, state_hash, prev_hash, entry_hash });
    }
    Ok(out)
}

/// The audit entries after entry `after` whose action is one of `actions`, oldest first:
/// `(subject, action, at)`.
pub(super) fn entries_with_action(
    store: &mut SqliteStore,
    actions: &[&str],
    after: i64,
) -> Result<Vec<(String, String, OffsetDateTime)>> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let marks = vec!["?"; actions.len()].join(", ");
    let mut stmt = store
        .conn
        .prepare(&format!(
            "SELECT subject, action, at FROM audit_log WHERE seq > ? AND action IN ({marks}) ORDER BY seq"
        ))
        .map_err(fail)?;
    let args = std::iter::once(rusqlite::types::Value::Integer(after))
        .chain(actions.iter().map(|a| rusqlite::types::Value::Text((*a).to_string())));
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })
        .map_err(fail)?;
    let mut out = Vec::new();
    for row in rows {
        let (subject, action, at) = row.map_err(fail)?;
        out.push((subject, action, parse_time(&at)?));
    }
    Ok(out)
}

/// The moment of the trail's last entry, if any.
pub(super) fn last_entry_at(store: &mut SqliteStore) -> Result<Option<OffsetDateTime>> {
    let at: Option<String> = store
        .conn
        .query_row("SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
        .optional()
        .map_err(|e| storage_error(&store.path, e))?;
    at.as_deref().map(parse_time).transpose()
}
