//! The roster table group: `members` (each kept whole as a [`super::documents`] document),
//! the signing policy in `settings`, and the signed roster log `roster_events`.

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::append_audit;
use super::documents::{insert_document, update_document, Document};
use super::{corrupt, from_json, storage_error, to_json, SqliteStore};
use crate::audit::{state_hash, Change};
use crate::base::error::Result;
use crate::committee::roster::{CommitteeMember, SigningPolicy};
use crate::committee::roster_log::RosterEvent;

/// The settings key of the signing policy.
const POLICY_KEY: &str = "signingPolicy";

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

pub(super) fn signing_policy(store: &mut SqliteStore) -> Result<SigningPolicy> {
    setting(store, POLICY_KEY).map(Option::unwrap_or_default)
}

pub(super) fn save_signing_policy(
    store: &mut SqliteStore,
    policy: &SigningPolicy,
    change: &Change,
    at: OffsetDateTime,
) -> Result<()> {
    save_setting(store, POLICY_KEY, policy, change, at)
}

/// The settings key of the municipality's name.
const MUNICIPALITY_KEY: &str = "municipality";

pub(super) fn municipality(store: &mut SqliteStore) -> Result<Option<String>> {
    setting(store, MUNICIPALITY_KEY)
}

pub(super) fn save_municipality(
    store: &mut SqliteStore,
    name: &str,
    change: &Change,
    at: OffsetDateTime,
) -> Result<()> {
    save_setting(store, MUNICIPALITY_KEY, &name, change, at)
}

/// The settings key of how the decisions are filed in the archive.
const ARCHIVE_KEY: &str = "archive";

pub(super) fn archive_settings(store: &mut SqliteStore) -> Result<Option<serde_json::Value>> {
    setting(store, ARCHIVE_KEY)
}

pub(super) fn save_archive_settings(
    store: &mut SqliteStore,
    value: &serde_json::Value,
    change: &Change,
    at: OffsetDateTime,
) -> Result<()> {
    save_setting(store, ARCHIVE_KEY, value, change, at)
}

/// One setting, as JSON under `key`; `None` until it is saved.
fn setting<T: serde::de::DeserializeOwned>(store: &mut SqliteStore, key: &str) -> Result<Option<T>> {
    let value: Option<String> = store
        .conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .map_err(|e| storage_error(&store.path, e))?;
    value.map(|v| from_json(&v)).transpose()
}

/// Saves one setting with its audit entry (subject `setting:<key>`), in one transaction.
fn save_setting<T: serde::Serialize>(
    store: &mut SqliteStore,
    key: &str,
    value: &T,
    change: &Change,
    at: OffsetDateTime,
) -> Result<()> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, to_json(value)?],
    )
    .map_err(fail)?;
    append_audit(&tx, &path, change, format!("setting:{key}"), state_hash(value)?, at)?;
    tx.commit().map_err(fail)
}

pub(super) fn roster_log(store: &mut SqliteStore) -> Result<Vec<RosterEvent>> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let mut stmt = store.conn.prepare("SELECT seq, body FROM roster_events ORDER BY seq").map_err(fail)?;
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

pub(super) fn record_roster_event(
    store: &mut SqliteStore,
    event: &RosterEvent,
    members: &mut [CommitteeMember],
    change: &Change,
) -> Result<()> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
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
