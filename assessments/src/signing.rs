//! What a signature covers and how it is checked. The signed bytes are the canonical JSON
//! (RFC 8785) of a [`SignedRecord`]: the pilot's proposal, the framework version, every
//! answer and the decision. Signatures themselves, revision and timestamps of saves are not
//! part of it, so every signer signs the same bytes.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{Pilot, Signature};

/// Names the format of the signed record; a later format gets a new name.
pub const RECORD_FORMAT: &str = "ai-toets/decision-record/v1";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignedRecord<'a> {
    format: &'static str,
    pilot_id: &'a uuid::Uuid,
    framework: &'a crate::model::FrameworkRef,
    proposal: &'a crate::model::Proposal,
    answers: &'a std::collections::BTreeMap<String, crate::model::Answer>,
    decision: &'a Option<crate::model::Decision>,
}

/// The canonical JSON (RFC 8785) of what signers sign.
pub fn canonical_record(pilot: &Pilot) -> Result<String> {
    let record = SignedRecord {
        format: RECORD_FORMAT,
        pilot_id: &pilot.id,
        framework: &pilot.framework,
        proposal: &pilot.proposal,
        answers: &pilot.answers,
        decision: &pilot.decision,
    };
    serde_json_canonicalizer::to_string(&record).map_err(|e| Error::Internal(format!("canonical JSON: {e}")))
}

/// SHA-256, lower-case hex, of [`canonical_record`].
pub fn content_hash(pilot: &Pilot) -> Result<String> {
    let digest = Sha256::digest(canonical_record(pilot)?.as_bytes());
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether one signature still matches the record as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SignatureCheck {
    pub signature_id: uuid::Uuid,
    pub valid: bool,
}

/// Checks every signature against the record as stored now. A signature whose hash differs
/// means the record changed after it was signed.
pub fn verify(pilot: &Pilot) -> Result<Vec<SignatureCheck>> {
    let hash = content_hash(pilot)?;
    Ok(pilot
        .signatures
        .iter()
        .map(|s: &Signature| SignatureCheck { signature_id: s.id, valid: s.content_hash == hash })
        .collect())
}
