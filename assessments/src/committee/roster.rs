//! The committee roster (*ledenlijst*): members with their role and their signing keys, and the
//! signing policy (which roles must sign before a decision is final). A member's keys are
//! never deleted: a retired or compromised key stays on the list, so signatures made with it
//! can still be checked. What may change, and who must approve it, is the signed roster log
//! (`roster_log.rs`); this is the stored copy with the sealed private keys.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::base::error::{Error, Problems, Result};
use crate::base::text::{check_len, MAX_LINE};
use crate::committee::keys::MemberKey;
use crate::committee::Role;

/// What the secretary fills in for a new member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MemberInput {
    pub name: String,
    pub role: Role,
}

/// A member of the ethics committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CommitteeMember {
    pub id: Uuid,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
    pub name: String,
    pub role: Role,
    /// Oldest first; at most one is valid at any moment.
    pub keys: Vec<MemberKey>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub updated_at: OffsetDateTime,
    /// When the membership ended; the member's keys sign nothing after it.
    #[serde(default, with = "time::serde::rfc3339::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub ended_at: Option<OffsetDateTime>,
}

impl MemberInput {
    fn validate(&self) -> Result<String> {
        let name = self.name.trim();
        let mut p = Problems::default();
        p.require("name", name, "de naam", "the name");
        check_len(&mut p, "name", name, MAX_LINE);
        p.into_result()?;
        Ok(name.to_string())
    }
}

impl CommitteeMember {
    /// A new member with a fresh key sealed with `passphrase`.
    pub fn new(input: MemberInput, passphrase: &str, now: OffsetDateTime) -> Result<Self> {
        let name = input.validate()?;
        let key = MemberKey::generate_for(passphrase, &[name.as_str()], now)?;
        Ok(Self {
            id: Uuid::new_v4(),
            revision: 0,
            name,
            role: input.role,
            keys: vec![key],
            created_at: now,
            updated_at: now,
            ended_at: None,
        })
    }

    /// The member as the roster log records them when they join.
    pub fn entry(&self) -> crate::committee::roster_log::MemberEntry {
        crate::committee::roster_log::MemberEntry {
            id: self.id,
            name: self.name.clone(),
            role: self.role,
            keys: self.keys.iter().map(crate::committee::roster_log::KeyEntry::of).collect(),
            since: None,
        }
    }

    /// The key that signs now, if any.
    pub fn current_key(&self, now: OffsetDateTime) -> Option<&MemberKey> {
        self.keys.iter().rev().find(|k| k.valid_at(now))
    }

    pub fn key(&self, id: Uuid) -> Option<&MemberKey> {
        self.keys.iter().find(|k| k.id == id)
    }

    /// A new key (after a lost passphrase, approved by the officers, or the member's own
    /// rotation, `Assessments::rotate_key`): every key still valid retires now.
    pub fn replace_key(&mut self, new_passphrase: &str, now: OffsetDateTime) -> Result<()> {
        let key = MemberKey::generate_for(new_passphrase, &[self.name.as_str()], now)?;
        for old in self.keys.iter_mut().filter(|k| k.valid_until.is_none()) {
            old.retire(now);
        }
        self.keys.push(key);
        Ok(())
    }

    /// Declares a key compromised since `since`: it signs nothing from now on, and whatever it
    /// signed from `since` on no longer counts.
    pub fn compromise_key(&mut self, key_id: Uuid, since: OffsetDateTime, now: OffsetDateTime) -> Result<()> {
        let key = self.keys.iter_mut().find(|k| k.id == key_id).ok_or(Error::NotFound { what: "key" })?;
        key.mark_compromised(since, now);
        Ok(())
    }

    /// Ends the membership: the member's keys sign nothing from now on; what they signed stays
    /// valid.
    pub fn end(&mut self, now: OffsetDateTime) -> Result<()> {
        if self.ended_at.is_some() {
            return Err(Error::not_allowed("Dit lidmaatschap is al beëindigd.", "This membership has already ended."));
        }
        self.ended_at = Some(now);
        for key in &mut self.keys {
            key.retire(now);
        }
        Ok(())
    }

    /// In office now (the membership has not ended).
    pub fn active(&self) -> bool {
        self.ended_at.is_none()
    }
}

/// Which signatures make a decision final: a list of roles, a role may appear more than once
/// (e.g. chair, secretary and two members). Default: chair and secretary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SigningPolicy {
    pub required_roles: Vec<Role>,
}

impl Default for SigningPolicy {
    fn default() -> Self {
        Self { required_roles: vec![Role::Chair, Role::Secretary] }
    }
}

/// The most signatures a decision can require; more would not fit a committee.
pub const MAX_REQUIRED_SIGNATURES: usize = 12;

impl SigningPolicy {
    pub fn validate(&self) -> Result<()> {
        let mut p = Problems::default();
        if self.required_roles.is_empty() {
            p.add("requiredRoles", "Minstens één handtekening is nodig.", "At least one signature is required.");
        }
        let count = |role| self.required_roles.iter().filter(|r| **r == role).count();
        if count(Role::Chair) > 1 || count(Role::Secretary) > 1 {
            p.add(
                "requiredRoles",
                "Er is één voorzitter en één secretaris; vraag meer handtekeningen van leden.",
                "There is one chair and one secretary; require more members instead.",
            );
        }
        if self.required_roles.len() > MAX_REQUIRED_SIGNATURES {
            p.add(
                "requiredRoles",
                format!("Vraag hoogstens {MAX_REQUIRED_SIGNATURES} handtekeningen."),
                format!("Require at most {MAX_REQUIRED_SIGNATURES} signatures."),
            );
        }
        p.into_result()
    }

    /// The policy in a fixed order (chair, secretary, members), as recorded in a decision.
    pub fn normalized(&self) -> Vec<Role> {
        let mut roles = self.required_roles.clone();
        roles.sort();
        roles
    }
}

/// The roles in `required` that `available` does not cover, one for one (a role required twice
/// needs two).
pub fn uncovered_roles(required: &[Role], available: impl IntoIterator<Item = Role>) -> Vec<Role> {
    let mut available: Vec<Role> = available.into_iter().collect();
    let mut short = Vec::new();
    for role in required {
        match available.iter().position(|r| r == role) {
            Some(i) => {
                available.remove(i);
            }
            None => short.push(*role),
        }
    }
    short
}
