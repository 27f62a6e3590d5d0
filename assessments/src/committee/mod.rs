//! The committee: members and their roles, their keys, and the signed roster log that says who
//! was in which role with which key at any moment.

use serde::{Deserialize, Serialize};

pub mod keys;
pub mod roster;
pub mod roster_log;

/// *Rol* of a committee member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// *voorzitter*
    Chair,
    /// *secretaris*
    Secretary,
    /// *lid*
    Member,
}

impl Role {
    pub fn label_nl(self) -> &'static str {
        match self {
            Role::Chair => "Voorzitter",
            Role::Secretary => "Secretaris",
            Role::Member => "Lid",
        }
    }
}
