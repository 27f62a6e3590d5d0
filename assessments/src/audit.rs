//! The audit trail (*logboek*): every write (a pilot, a meeting, a member, a roster event, the
//! signing policy, a loaded framework file; also a wrong passphrase) is one append-only entry
//! (who, when, what, and the hash of the record after the change), chained by hash to the entry
//! before. On open the app checks the chain, and checks that every record still has the hash
//! its last entry says; a change made behind the app's back shows up.
//!
//! What it does not detect: someone with write access to the file who rewrites the whole chain
//! consistently (and drops the triggers). The content hash printed in the PDF, kept outside the
//! database, is the anchor against that.

use serde::Serialize;
use time::OffsetDateTime;

use crate::base::error::{Error, Result};
use crate::base::hash::sha256_hex;

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did what, given by the operation that changes a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub actor: String,
    pub action: String,
}

impl Change {
    pub fn new(actor: impl Into<String>, action: impl Into<String>) -> Self {
        Self { actor: actor.into(), action: action.into() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub seq: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub at: OffsetDateTime,
    pub actor: String,
    /// `pilot:<id>`, `meeting:<id>`, `member:<id>`, `roster:<seq>`, `framework:<id>@<version>`,
    /// `setting:signingPolicy`, or `attempt:<member id>` (a wrong passphrase).
    pub subject: String,
    pub action: String,
    /// SHA-256 of the canonical JSON of the record after the change.
    pub state_hash: String,
    pub prev_hash: String,
    pub entry_hash: String,
}

/// SHA-256 of the canonical JSON (RFC 8785) of a record.
pub fn state_hash<T: Serialize>(record: &T) -> Result<String> {
    Ok(sha256_hex(crate::base::hash::canonical(record)?.as_bytes()))
}

/// The hash of an entry: over its fields and the hash of the entry before.
pub fn entry_hash(e: &AuditEntry) -> Result<String> {
    #[derive(Serialize)]
    struct Hashed<'a> {
        seq: i64,
        at: String,
        actor: &'a str,
        subject: &'a str,
        action: &'a str,
        state_hash: &'a str,
        prev_hash: &'a str,
    }
    let at = e.at.format(&time::format_description::well_known::Rfc3339).map_err(|x| Error::Internal(x.to_string()))?;
    state_hash(&Hashed {
        seq: e.seq,
        at,
        actor: &e.actor,
        subject: &e.subject,
        action: &e.action,
        state_hash: &e.state_hash,
        prev_hash: &e.prev_hash,
    })
}

/// The first entry (by `seq`) that does not follow from the one before, if any.
pub fn first_broken(entries: &[AuditEntry]) -> Option<i64> {
    let mut prev = GENESIS.to_string();
    for (i, e) in entries.iter().enumerate() {
        let in_order = e.seq == i as i64 + 1;
        let linked = e.prev_hash == prev;
        let sound = entry_hash(e).is_ok_and(|h| h == e.entry_hash);
        if !(in_order && linked && sound) {
            return Some(e.seq);
        }
        prev = e.entry_hash.clone();
    }
    None
}

/// The audit trail as it stood at one moment: how many entries, and the hash of the last. A
/// signature signs one, so the trail before it cannot be rewritten unseen: the check on open
/// compares entry `entries` with `head`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checkpoint {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub entries: i64,
    pub head: String,
}

impl Checkpoint {
    /// The checkpoint of the whole trail `entries` (oldest first).
    pub fn of(entries: &[AuditEntry]) -> Self {
        Self {
            entries: entries.len() as i64,
            head: entries.last().map_or_else(|| GENESIS.to_string(), |e| e.entry_hash.clone()),
        }
    }

    /// Does the trail `entries` (oldest first) hold this checkpoint?
    pub fn holds_in(&self, entries: &[AuditEntry]) -> bool {
        match self.entries {
            0 => self.head == GENESIS,
            n => usize::try_from(n - 1).ok().and_then(|i| entries.get(i)).is_some_and(|e| e.entry_hash == self.head),
        }
    }
}

/// What the check on open found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IntegrityReport {
    /// Everything verifies: the chain, every record, every signature.
    pub intact: bool,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub entries: i64,
    /// The first entry of the audit trail that does not verify.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub broken_at: Option<i64>,
    /// Records whose content no longer matches their last audit entry: changed outside AI-toets.
    pub changed_outside: Vec<String>,
    /// Pilots with a signature that does not hold: against the record, or against the roster
    /// log (the key not that member's in that role at that moment).
    pub invalid_signatures: Vec<String>,
    /// The roster log does not replay, or the stored roster differs from it.
    pub roster_problems: Vec<String>,
    /// The database's own safeguards (lock triggers) missing, changed or added.
    pub schema_problems: Vec<String>,
    /// Entries after the last checkpoint a signature or a roster event signed: *nog niet
    /// bevestigd* (not yet confirmed). Not a fault: the newest work is always unconfirmed.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub unconfirmed: i64,
}

impl IntegrityReport {
    /// Sets `intact` from the findings; the one place that decides it.
    pub fn conclude(mut self) -> Self {
        self.intact = self.broken_at.is_none()
            && self.changed_outside.is_empty()
            && self.invalid_signatures.is_empty()
            && self.roster_problems.is_empty()
            && self.schema_problems.is_empty();
        self
    }
}
