//! The audit table group: `audit_log`, the hash-chained trail every write of every group
//! appends to in its own transaction ([`append_audit`]).

use time::OffsetDateTime;

use super::{args, format_time, parse_time, Tx};
use crate::audit::{AuditEntry, Change, Checkpoint};
use crate::base::error::Result;

/// Appends one entry to the audit trail, chained to the last one, inside the caller's
/// transaction (an invariant, ARCHITECTURE.md: every write with its entry, all or nothing).
pub(super) fn append_audit(
    tx: &mut dyn Tx,
    change: &Change,
    subject: String,
    state_hash: String,
    at: OffsetDateTime,
) -> Result<()> {
    let Checkpoint { entries: prev_seq, head: prev_hash } = audit_head(tx)?;
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
        args![
            entry.seq,
            format_time(entry.at)?,
            entry.actor,
            entry.subject,
            entry.action,
            entry.state_hash,
            entry.prev_hash,
            entry.entry_hash
        ],
    )?;
    Ok(())
}

pub(super) fn last_state_hash(tx: &mut dyn Tx, subject: &str) -> Result<Option<String>> {
    tx.query_opt("SELECT state_hash FROM audit_log WHERE subject = ?1 ORDER BY seq DESC LIMIT 1", args![subject])?
        .map(|mut r| r.text(0))
        .transpose()
}

pub(super) fn audit_head(tx: &mut dyn Tx) -> Result<Checkpoint> {
    match tx.query_opt("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1", &[])? {
        Some(mut r) => Ok(Checkpoint { entries: r.int(0)?, head: r.text(1)? }),
        None => Ok(Checkpoint { entries: 0, head: crate::audit::GENESIS.to_string() }),
    }
}

pub(super) fn audit_log(tx: &mut dyn Tx) -> Result<Vec<AuditEntry>> {
    let rows = tx.query(
        "SELECT seq, at, actor, subject, action, state_hash, prev_hash, entry_hash FROM audit_log ORDER BY seq",
        &[],
    )?;
    rows.into_iter()
        .map(|mut r| {
            Ok(AuditEntry {
                seq: r.int(0)?,
                at: parse_time(&r.text(1)?)?,
                actor: r.text(2)?,
                subject: r.text(3)?,
                action: r.text(4)?,
                state_hash: r.text(5)?,
                prev_hash: r.text(6)?,
                entry_hash: r.text(7)?,
            })
        })
        .collect()
}

/// The audit entries after entry `after` whose action is one of `actions`, oldest first:
/// `(subject, action, at)`.
pub(super) fn entries_with_action(
    tx: &mut dyn Tx,
    actions: &[&str],
    after: i64,
) -> Result<Vec<(String, String, OffsetDateTime)>> {
    let marks = (2..actions.len() + 2).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let args: Vec<super::Value> = std::iter::once(after.into()).chain(actions.iter().map(|a| (*a).into())).collect();
    let rows = tx.query(
        &format!("SELECT subject, action, at FROM audit_log WHERE seq > ?1 AND action IN ({marks}) ORDER BY seq"),
        &args,
    )?;
    rows.into_iter().map(|mut r| Ok((r.text(0)?, r.text(1)?, parse_time(&r.text(2)?)?))).collect()
}

/// The moment of the trail's last entry, if any.
pub(super) fn last_entry_at(tx: &mut dyn Tx) -> Result<Option<OffsetDateTime>> {
    tx.query_opt("SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1", &[])?
        .map(|mut r| parse_time(&r.text(0)?))
        .transpose()
}
