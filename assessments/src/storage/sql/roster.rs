//! The roster table group: `members` (each kept whole as a [`super::documents`] document),
//! the signing policy in `settings`, and the signed roster log `roster_events`.

use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::append_audit;
use super::documents::{insert_document, update_document, Document};
use super::{args, corrupt, from_json, to_json, Backend, Tx};
use crate::audit::{state_hash, Change};
use crate::base::error::Result;
use crate::committee::roster::{CommitteeMember, SigningPolicy};
use crate::committee::roster_log::RosterEvent;

/// The settings key of the signing policy.
pub(super) const POLICY_KEY: &str = "signingPolicy";

impl Document for CommitteeMember {
    const TABLE: &'static str = "members";
    const SORT_COLUMN: &'static str = "name";
    const ORDER: &'static str = "lower(name), created_at";
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

pub(super) fn signing_policy(tx: &mut dyn Tx) -> Result<SigningPolicy> {
    setting(tx, POLICY_KEY).map(Option::unwrap_or_default)
}

/// The settings key of the municipality's name.
pub(super) const MUNICIPALITY_KEY: &str = "municipality";

/// The settings key of how the decisions are filed in the archive.
pub(super) const ARCHIVE_KEY: &str = "archive";

/// One setting, as JSON under `key`; `None` until it is saved.
pub(super) fn setting<T: serde::de::DeserializeOwned>(tx: &mut dyn Tx, key: &str) -> Result<Option<T>> {
    tx.query_opt("SELECT value FROM settings WHERE key = ?1", args![key])?
        .map(|mut r| from_json(&r.text(0)?))
        .transpose()
}

/// Saves one setting with its audit entry (subject `setting:<key>`), inside `tx`.
pub(super) fn save_setting<T: serde::Serialize>(
    tx: &mut dyn Tx,
    key: &str,
    value: &T,
    change: &Change,
    at: OffsetDateTime,
) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        args![key, to_json(value)?],
    )?;
    append_audit(tx, change, format!("setting:{key}"), state_hash(value)?, at)
}

pub(super) fn roster_log(tx: &mut dyn Tx) -> Result<Vec<RosterEvent>> {
    let rows = tx.query("SELECT seq, body FROM roster_events ORDER BY seq", &[])?;
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        let seq = row.int(0)?;
        let event: RosterEvent = from_json(&row.text(1)?)?;
        if event.seq != seq {
            return Err(corrupt("roster event", format!("row {seq} holds event {}", event.seq)));
        }
        out.push(event);
    }
    Ok(out)
}

pub(super) fn record_roster_event(
    db: &mut impl Backend,
    event: &RosterEvent,
    members: &mut [CommitteeMember],
    change: &Change,
) -> Result<()> {
    let hash = event.hash()?;
    let revisions = db.write(|tx| {
        tx.execute(
            "INSERT INTO roster_events (seq, body, event_hash) VALUES (?1, ?2, ?3)",
            args![event.seq, to_json(event)?, hash.clone()],
        )?;
        append_audit(tx, change, format!("roster:{}", event.seq), hash.clone(), event.at)?;
        let mut revisions = Vec::with_capacity(members.len());
        for member in members.iter_mut() {
            if member.revision == 0 {
                insert_document(tx, member, change)?;
                revisions.push(1);
            } else {
                revisions.push(update_document(tx, member, change)?);
            }
        }
        Ok(revisions)
    })?;
    for (member, revision) in members.iter_mut().zip(revisions) {
        member.revision = revision;
    }
    Ok(())
}
