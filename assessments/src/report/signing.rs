//! A yearly report the committee adopts (*vaststelt*): the report as computed, kept with its
//! SHA-256, signed by the chair and the secretary with their own keys, like a decision. The
//! signatures are over the report's hash and the audit trail's checkpoint, in a statement of
//! its own (its own prefix and format), so a report signature can never pass for a decision's.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Period, YearlyReport};
use crate::base::error::{Error, Result};
use crate::committee::keys::UnsealedKey;
use crate::committee::roster::CommitteeMember;
use crate::committee::roster_log::RosterState;
use crate::committee::Role;
use crate::pilot::signing::SignatureCheck;
use crate::pilot::{Signature, SignatureProof};

/// The prefix of what a report signature signs (inside the key's own domain).
pub const REPORT_DOMAIN: &[u8] = b"AI-toets yearly report v1\n";
/// The format of the statement a report signature signs.
pub const REPORT_STATEMENT_FORMAT: &str = "ai-toets/jaarrapportage-handtekening/v1";
/// Who signs an adopted report.
pub const REPORT_SIGNERS: [Role; 2] = [Role::Chair, Role::Secretary];

/// A yearly report as adopted: the record as computed, its hash, and the signatures so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AdoptedReport {
    pub id: Uuid,
    pub period: Period,
    /// SHA-256 of the record's canonical JSON.
    pub content_hash: String,
    /// The report's canonical JSON, as computed when adopted.
    pub record: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub adopted_at: OffsetDateTime,
    pub adopted_by: String,
    pub signatures: Vec<Signature>,
}

/// What the kept part of an adopted report is, for its audit entry (the signatures have their
/// own).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdoptedRecord<'a> {
    pub id: Uuid,
    pub period: &'a Period,
    pub content_hash: &'a str,
    pub record: &'a str,
    #[serde(with = "time::serde::rfc3339")]
    pub adopted_at: OffsetDateTime,
    pub adopted_by: &'a str,
}

impl AdoptedReport {
    /// `report` adopted by `by` at `now`, not yet signed.
    pub fn new(report: &YearlyReport, by: &str, now: OffsetDateTime) -> Result<AdoptedReport> {
        let record = crate::base::hash::canonical(report)?;
        Ok(AdoptedReport {
            id: Uuid::new_v4(),
            period: report.period,
            content_hash: crate::base::hash::sha256_hex(record.as_bytes()),
            record,
            adopted_at: now,
            adopted_by: by.trim().to_string(),
            signatures: Vec::new(),
        })
    }

    pub fn kept(&self) -> AdoptedRecord<'_> {
        AdoptedRecord {
            id: self.id,
            period: &self.period,
            content_hash: &self.content_hash,
            record: &self.record,
            adopted_at: self.adopted_at,
            adopted_by: &self.adopted_by,
        }
    }

    /// The report as computed, read back from its record.
    pub fn report(&self) -> Result<YearlyReport> {
        serde_json::from_str(&self.record).map_err(|e| Error::Internal(format!("adopted report {}: {e}", self.id)))
    }

    /// The roles that have not signed yet.
    pub fn missing_roles(&self) -> Vec<Role> {
        REPORT_SIGNERS.into_iter().filter(|r| !self.signatures.iter().any(|s| s.role == *r)).collect()
    }

    /// `member` signs with `key` (opened with their passphrase): only the chair or the
    /// secretary, each once, with a key of their own that is valid now.
    pub fn sign(
        &self,
        member: &CommitteeMember,
        key: &UnsealedKey<'_>,
        checkpoint: crate::audit::Checkpoint,
        committee: Option<String>,
        now: OffsetDateTime,
    ) -> Result<Signature> {
        if !REPORT_SIGNERS.contains(&member.role) {
            return Err(Error::not_allowed(
                "Alleen de voorzitter en de secretaris ondertekenen de jaarrapportage.",
                "Only the chair and the secretary sign the yearly report.",
            ));
        }
        if crate::base::hash::sha256_hex(self.record.as_bytes()) != self.content_hash {
            return Err(Error::not_allowed(
                "Deze jaarrapportage is gewijzigd nadat ze is vastgesteld; er is niets ondertekend.",
                "This yearly report changed after it was adopted; nothing was signed.",
            ));
        }
        if self.signatures.iter().any(|s| s.role == member.role || s.member_id == member.id) {
            return Err(Error::not_allowed(
                format!("De {} heeft deze jaarrapportage al ondertekend.", member.role.label_nl().to_lowercase()),
                "This role has signed this yearly report already.",
            ));
        }
        let mut signature = Signature::draft(member, key.key(), self.content_hash.clone(), committee, now)?;
        signature.checkpoint = Some(checkpoint);
        let signed = key.sign(&statement(&signature)?, now)?;
        let SignatureProof::Ed25519 { signature: slot, .. } = &mut signature.proof;
        *slot = signed;
        Ok(signature)
    }

    /// Each signature checked: the record still has the hash signed, the Ed25519 signature
    /// verifies over the report statement, and the roster log assigns the key to that member
    /// in that role at that moment (for this committee).
    pub fn check(&self, roster: &RosterState) -> Vec<SignatureCheck> {
        let hash = crate::base::hash::sha256_hex(self.record.as_bytes());
        self.signatures
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let SignatureProof::Ed25519 { key_id, public_key, signature, fingerprint } = &s.proof;
                let twice =
                    self.signatures[..i].iter().any(|e| e.id == s.id || e.role == s.role || e.member_id == s.member_id);
                let own_fingerprint =
                    hex::decode(public_key).is_ok_and(|k| crate::committee::keys::fingerprint(&k) == *fingerprint);
                let problem = if s.content_hash != hash || self.content_hash != hash {
                    Some((
                        "De jaarrapportage is gewijzigd nadat deze handtekening is gezet.",
                        "The report changed after this signature was made.",
                    ))
                } else if s.checkpoint.is_none()
                    || !own_fingerprint
                    || statement(s)
                        .and_then(|st| crate::committee::keys::verify_with(public_key, &st, signature))
                        .is_err()
                {
                    Some((
                        "De handtekening past niet bij de jaarrapportage.",
                        "The signature does not match the report.",
                    ))
                } else if twice {
                    Some(("Dezelfde persoon of rol tekent twee keer.", "The same person or role signs twice."))
                } else if !REPORT_SIGNERS.contains(&s.role) {
                    Some((
                        "Alleen de voorzitter en de secretaris ondertekenen.",
                        "Only the chair and the secretary sign.",
                    ))
                } else if roster.founding.is_some() && s.committee != roster.founding {
                    Some(("Ondertekend voor een andere commissie.", "Signed for another committee."))
                } else {
                    roster.signer_problem(s.member_id, s.role, *key_id, public_key, s.signed_at)
                };
                SignatureCheck {
                    signature_id: s.id,
                    signer_name: s.signer_name.clone(),
                    role: s.role,
                    fingerprint: fingerprint.clone(),
                    valid: problem.is_none(),
                    problem: problem.map(|p| p.0.to_string()),
                    problem_en: problem.map(|p| p.1.to_string()),
                }
            })
            .collect()
    }
}

/// What a report signature signs: [`REPORT_DOMAIN`] and the canonical JSON of
/// `{checkpoint, committee, format, reportHash, signer}`.
pub fn statement(signature: &Signature) -> Result<Vec<u8>> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Signer<'a> {
        key_id: &'a Uuid,
        member_id: &'a Uuid,
        name: &'a str,
        public_key: &'a str,
        role: Role,
        signed_at: String,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Statement<'a> {
        checkpoint: Option<&'a crate::audit::Checkpoint>,
        committee: Option<&'a str>,
        format: &'static str,
        report_hash: &'a str,
        signer: Signer<'a>,
    }
    let SignatureProof::Ed25519 { key_id, public_key, .. } = &signature.proof;
    let statement = Statement {
        checkpoint: signature.checkpoint.as_ref(),
        committee: signature.committee.as_deref(),
        format: REPORT_STATEMENT_FORMAT,
        report_hash: &signature.content_hash,
        signer: Signer {
            key_id,
            member_id: &signature.member_id,
            name: &signature.signer_name,
            public_key,
            role: signature.role,
            signed_at: crate::base::dates::rfc3339(signature.signed_at),
        },
    };
    let mut bytes = REPORT_DOMAIN.to_vec();
    bytes.extend_from_slice(crate::base::hash::canonical(&statement)?.as_bytes());
    Ok(bytes)
}
