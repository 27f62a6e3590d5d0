//! The committee roster (*ledenlijst*): members with their role and their signing keys, and the
//! signing policy (which roles must sign before a decision is final). A member's keys are
//! never deleted: a rotated or revoked key stays on the list, so signatures made with it can
//! still be checked.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::{Error, Problems, Result};
use crate::keys::MemberKey;
use crate::model::{check_len, Role, MAX_LINE};

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
        let key = MemberKey::generate(passphrase, now)?;
        Ok(Self {
            id: Uuid::new_v4(),
            revision: 0,
            name,
            role: input.role,
            keys: vec![key],
            created_at: now,
            updated_at: now,
        })
    }

    /// The key that signs now, if any.
    pub fn current_key(&self, now: OffsetDateTime) -> Option<&MemberKey> {
        self.keys.iter().rev().find(|k| k.valid_at(now))
    }

    pub fn key(&self, id: Uuid) -> Option<&MemberKey> {
        self.keys.iter().find(|k| k.id == id)
    }

    /// Replaces the current key with a new one. While a valid key exists, its passphrase is
    /// needed (so nobody else can put a key in this member's name); the old key stops signing
    /// from now on, and what it signed before stays valid.
    pub fn rotate_key(&mut self, current_passphrase: &str, new_passphrase: &str, now: OffsetDateTime) -> Result<()> {
        if let Some(current) = self.current_key(now) {
            current.open(current_passphrase)?;
        }
        let key = MemberKey::generate(new_passphrase, now)?;
        for old in self.keys.iter_mut().filter(|k| k.valid_until.is_none()) {
            old.retire(now, false);
        }
        self.keys.push(key);
        Ok(())
    }

    /// Revokes a key (lost or compromised): it signs nothing from now on, and signatures made
    /// with it show as made with a revoked key. No passphrase is needed: a lost key is exactly
    /// the case where the passphrase is gone.
    pub fn revoke_key(&mut self, key_id: Uuid, now: OffsetDateTime) -> Result<()> {
        let key = self.keys.iter_mut().find(|k| k.id == key_id).ok_or(Error::NotFound { what: "key" })?;
        if key.revoked {
            return Err(Error::not_allowed("Deze sleutel is al ingetrokken.", "This key is already revoked."));
        }
        key.retire(now, true);
        Ok(())
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
