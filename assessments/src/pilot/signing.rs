//! What a signature covers and how it is checked.
//!
//! The *record* is the canonical JSON (RFC 8785) of a [`SignedRecord`]: the pilot's proposal and
//! the framework version it was reviewed against, every verdict, note and condition, and the
//! decision with its meeting part (attendance, conflicts, votes, minority opinions) and the
//! signatures it requires. It holds no floats, so its canonical form is exact. Its SHA-256 is
//! the *content hash* printed in the PDF.
//!
//! Each member signs a *statement*: the signing domain prefix ([`crate::committee::keys::SIGNING_DOMAIN`])
//! followed by canonical JSON. Every new signature is format v2 ([`statement_v2`]):
//! `{checkpoint, committee, format, recordHash, signer}`, the record's hash standing for the
//! record, with the audit trail's checkpoint and the committee's founding hash. Format v1
//! ([`statement`], before checkpoints) signed `{format, record, signer}`, the whole record.
//! `signer` names the member, role, moment and key. So a signature vouches for the record and
//! for who signed it.
//!
//! Architecture invariant (ARCHITECTURE.md): a signature covers the record as described here,
//! and counts only when it verifies, its hash is the record's and the roster log gives its key
//! to that member and role at that moment ([`verify`]).
//!
//! A [`SignedDocument`] (the record, its hash and the signatures) is what the archival PDF
//! carries as an attachment; [`verify_document`] checks it with nothing else at hand.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::base::error::{Error, Result};
use crate::base::hash::{canonical, sha256_hex};
use crate::committee::roster_log::RosterState;
use crate::committee::Role;
use crate::pilot::{Pilot, Signature, SignatureProof};

/// Names the format of the signed record; a later format gets a new name.
pub const RECORD_FORMAT: &str = "ai-toets/decision-record/v1";
/// Names the format of what one member signed before checkpoints: the whole record.
pub const STATEMENT_FORMAT: &str = "ai-toets/signature-statement/v1";
/// Names the format of what one member signs now: the record's hash and the audit checkpoint.
pub const STATEMENT_FORMAT_V2: &str = "ai-toets/signature-statement/v2";
/// Names the format of the document embedded in the PDF.
pub const DOCUMENT_FORMAT: &str = "ai-toets/signed-decision/v1";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignedRecord<'a> {
    format: &'static str,
    pilot_id: &'a uuid::Uuid,
    framework: &'a crate::framework::FrameworkRef,
    proposal: &'a crate::pilot::Proposal,
    answers: &'a std::collections::BTreeMap<String, crate::pilot::Answer>,
    decision: &'a Option<crate::pilot::Decision>,
    /// A re-assessment's earlier round (absent in a first assessment, so older records keep
    /// their bytes).
    #[serde(skip_serializing_if = "Option::is_none")]
    reassesses: &'a Option<crate::pilot::Reassessment>,
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("canonical JSON: {e}"))
}

/// The record as a JSON value (the same value the PDF attachment carries).
pub fn record_value(pilot: &Pilot) -> Result<Value> {
    let record = SignedRecord {
        format: RECORD_FORMAT,
        pilot_id: &pilot.id,
        framework: &pilot.framework,
        proposal: &pilot.proposal,
        answers: &pilot.answers,
        decision: &pilot.decision,
        reassesses: &pilot.reassesses,
    };
    serde_json::to_value(record).map_err(internal)
}

/// The canonical JSON (RFC 8785) of the record.
pub fn canonical_record(pilot: &Pilot) -> Result<String> {
    canonical(&record_value(pilot)?)
}

/// The canonical JSON of the large parts of a pilot, made once and shared by the signed
/// record and the pilot's audit hash (checking thousands of pilots on open is mostly this).
pub struct CanonicalParts {
    answers: String,
    decision: String,
    framework: String,
    proposal: String,
}

impl CanonicalParts {
    pub fn of(pilot: &Pilot) -> Result<Self> {
        Ok(Self {
            answers: canonical(&pilot.answers)?,
            decision: canonical(&pilot.decision)?,
            framework: canonical(&pilot.framework)?,
            proposal: canonical(&pilot.proposal)?,
        })
    }

    // RFC 8785 orders members by their names' UTF-16 code units; each part is canonical, so
    // joining the members in that order gives the canonical whole. Tests check both against
    // the canonicalizer.

    /// [`canonical_record`], from the parts.
    pub fn record(&self, pilot: &Pilot) -> Result<String> {
        let Self { answers, decision, framework, proposal } = self;
        let (format, id) = (canonical(&RECORD_FORMAT)?, canonical(&pilot.id)?);
        let reassesses = reassesses_member(pilot)?;
        Ok(format!(
            r#"{{"answers":{answers},"decision":{decision},"format":{format},"framework":{framework},"pilotId":{id},"proposal":{proposal}{reassesses}}}"#
        ))
    }

    /// The canonical JSON of the whole pilot (what the audit trail hashes), from the parts.
    pub fn pilot(&self, pilot: &Pilot) -> Result<String> {
        let Self { answers, decision, framework, proposal } = self;
        let rfc3339 = |t: time::OffsetDateTime| t.format(&time::format_description::well_known::Rfc3339);
        let created = canonical(&rfc3339(pilot.created_at).map_err(internal)?)?;
        let updated = canonical(&rfc3339(pilot.updated_at).map_err(internal)?)?;
        let (id, revision) = (canonical(&pilot.id)?, canonical(&pilot.revision)?);
        let (signatures, status) = (canonical(&pilot.signatures)?, canonical(&pilot.status)?);
        let reassesses = reassesses_member(pilot)?;
        Ok(format!(
            r#"{{"answers":{answers},"createdAt":{created},"decision":{decision},"framework":{framework},"id":{id},"proposal":{proposal}{reassesses},"revision":{revision},"signatures":{signatures},"status":{status},"updatedAt":{updated}}}"#
        ))
    }
}

/// `,"reassesses":{…}` for a re-assessment, nothing for a first round ("reassesses" sorts
/// after "proposal" and before "revision").
fn reassesses_member(pilot: &Pilot) -> Result<String> {
    Ok(match &pilot.reassesses {
        Some(r) => format!(r#","reassesses":{}"#, canonical(r)?),
        None => String::new(),
    })
}

/// SHA-256, lower-case hex, of [`canonical_record`].
pub fn content_hash(pilot: &Pilot) -> Result<String> {
    Ok(sha256_hex(canonical_record(pilot)?.as_bytes()))
}

impl<'a> Signer<'a> {
    fn of(signature: &'a Signature) -> Result<Self> {
        let SignatureProof::Ed25519 { key_id, public_key, .. } = &signature.proof;
        let signed_at = signature.signed_at.format(&time::format_description::well_known::Rfc3339).map_err(internal)?;
        Ok(Signer {
            signature_id: &signature.id,
            member_id: &signature.member_id,
            name: &signature.signer_name,
            role: signature.role,
            signed_at,
            key_id,
            public_key,
        })
    }
}

/// Who signs, as it goes into the statement.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Signer<'a> {
    signature_id: &'a uuid::Uuid,
    member_id: &'a uuid::Uuid,
    name: &'a str,
    role: Role,
    signed_at: String,
    key_id: &'a uuid::Uuid,
    public_key: &'a str,
}

/// The canonical statement `signature` signs (without the domain prefix, which the key adds):
/// the canonical JSON of `{format, record, signer}`, given the record's canonical JSON.
pub fn statement(canonical_record: &str, signature: &Signature) -> Result<Vec<u8>> {
    let signer = Signer::of(signature)?;
    // RFC 8785 orders members by their names' UTF-16 code units: "format" < "record" <
    // "signer". Each part is canonical, so joining them in that order is the canonical whole
    // (a test checks this against the canonicalizer), without serializing the record again.
    let format = canonical(&STATEMENT_FORMAT)?;
    let signer = canonical(&signer)?;
    Ok(format!(r#"{{"format":{format},"record":{canonical_record},"signer":{signer}}}"#).into_bytes())
}

/// The canonical statement a v2 signature signs: `{checkpoint, committee, format, recordHash,
/// signer}`.
/// Over the record's hash rather than the record, so checking thousands is fast, and over the
/// audit trail's checkpoint, so the trail before it cannot be rewritten unseen (an invariant,
/// ARCHITECTURE.md; a golden test pins these bytes).
pub fn statement_v2(
    record_hash: &str,
    signature: &Signature,
    checkpoint: &crate::audit::Checkpoint,
) -> Result<Vec<u8>> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Statement<'a> {
        checkpoint: &'a crate::audit::Checkpoint,
        committee: Option<&'a str>,
        format: &'static str,
        record_hash: &'a str,
        signer: Signer<'a>,
    }
    let signer = Signer::of(signature)?;
    let committee = signature.committee.as_deref();
    let statement = Statement { checkpoint, committee, format: STATEMENT_FORMAT_V2, record_hash, signer };
    Ok(canonical(&statement)?.into_bytes())
}

/// What `signature` signs, by its format: v2 (with a checkpoint) over the record's hash, v1
/// over the record itself.
pub fn statement_for(record: &str, record_hash: &str, signature: &Signature) -> Result<Vec<u8>> {
    match &signature.checkpoint {
        Some(checkpoint) => statement_v2(record_hash, signature, checkpoint),
        None => statement(record, signature),
    }
}

/// Whether one signature holds, and if not, why (in Dutch and English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SignatureCheck {
    pub signature_id: uuid::Uuid,
    pub signer_name: String,
    pub role: Role,
    pub fingerprint: String,
    pub valid: bool,
    pub problem: Option<String>,
    pub problem_en: Option<String>,
}

impl SignatureCheck {
    fn of(signature: &Signature, problem: Option<(&str, &str)>) -> Self {
        let SignatureProof::Ed25519 { fingerprint, .. } = &signature.proof;
        Self {
            signature_id: signature.id,
            signer_name: signature.signer_name.clone(),
            role: signature.role,
            fingerprint: fingerprint.clone(),
            valid: problem.is_none(),
            problem: problem.map(|p| p.0.to_string()),
            problem_en: problem.map(|p| p.1.to_string()),
        }
    }
}

const CHANGED: (&str, &str) = (
    "Het besluit is gewijzigd nadat deze handtekening is gezet.",
    "The decision changed after this signature was made.",
);
const BAD_SIGNATURE: (&str, &str) =
    ("De handtekening past niet bij de vastgelegde inhoud.", "The signature does not match the recorded content.");

/// Checks the cryptography of one signature: the hash it names is the record's, and the
/// Ed25519 signature over the statement verifies strictly with the public key it names.
fn check_signature(record: &str, hash: &str, signature: &Signature) -> Option<(&'static str, &'static str)> {
    if signature.content_hash != hash {
        return Some(CHANGED);
    }
    let SignatureProof::Ed25519 { public_key, signature: sig, fingerprint, .. } = &signature.proof;
    let fingerprint_ok = hex::decode(public_key).is_ok_and(|k| crate::committee::keys::fingerprint(&k) == *fingerprint);
    let verified = statement_for(record, hash, signature)
        .is_ok_and(|bytes| crate::committee::keys::verify_with(public_key, &bytes, sig).is_ok());
    (!verified || !fingerprint_ok).then_some(BAD_SIGNATURE)
}

/// Checks every signature of a pilot against the record as stored now and against the roster:
/// the key must be the member's, known, valid when it signed, and not revoked.
pub fn verify(pilot: &Pilot, roster: &RosterState) -> Result<Vec<SignatureCheck>> {
    verify_record(pilot, &canonical_record(pilot)?, roster)
}

/// [`verify`], given the pilot's canonical record.
pub fn verify_record(pilot: &Pilot, record: &str, roster: &RosterState) -> Result<Vec<SignatureCheck>> {
    let hash = sha256_hex(record.as_bytes());
    Ok(pilot
        .signatures
        .iter()
        .map(|s| {
            let problem = check_signature(record, &hash, s).or_else(|| roster_problem(s, roster));
            SignatureCheck::of(s, problem)
        })
        .collect())
}

fn roster_problem(signature: &Signature, roster: &RosterState) -> Option<(&'static str, &'static str)> {
    let SignatureProof::Ed25519 { key_id, public_key, .. } = &signature.proof;
    // A v2 signature names the committee it signed for: it must be this roster's.
    // (One made before the committee was founded names none: a roster from before the log.)
    let before_founding = signature.committee.is_none() && roster.founded_at.is_some_and(|f| signature.signed_at < f);
    if signature.checkpoint.is_some()
        && roster.founding.is_some()
        && signature.committee != roster.founding
        && !before_founding
    {
        return Some(("Ondertekend voor een andere commissie.", "Signed for another committee."));
    }
    roster.signer_problem(signature.member_id, signature.role, *key_id, public_key, signature.signed_at)
}

/// Checks a signed document's signers against a published roster: every signature counts only
/// when the roster assigns its key to that member and role at that moment, and no member or
/// key signs twice (whether every required role signed is [`verify_document`]'s check).
pub fn confirm_signers(doc: &SignedDocument, roster: &RosterState) -> Vec<SignatureCheck> {
    let mut seen_members = Vec::new();
    let mut seen_keys = Vec::new();
    doc.signatures
        .iter()
        .map(|s| {
            let SignatureProof::Ed25519 { public_key, .. } = &s.proof;
            let duplicate = seen_members.contains(&s.member_id) || seen_keys.contains(public_key);
            seen_members.push(s.member_id);
            seen_keys.push(public_key.clone());
            let problem = roster_problem(s, roster).or(duplicate
                .then_some(("Dezelfde persoon of sleutel tekent twee keer.", "The same person or key signs twice.")));
            SignatureCheck::of(s, problem)
        })
        .collect()
}

/// The signed decision as the PDF carries it: everything needed to check it, offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignedDocument {
    pub format: String,
    pub content_hash: String,
    pub record: Value,
    pub signatures: Vec<Signature>,
}

impl SignedDocument {
    pub fn of(pilot: &Pilot) -> Result<Self> {
        let record = record_value(pilot)?;
        let content_hash = sha256_hex(canonical(&record)?.as_bytes());
        Ok(Self { format: DOCUMENT_FORMAT.into(), content_hash, record, signatures: pilot.signatures.clone() })
    }

    /// Pretty JSON, one key per line, as embedded in the PDF.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(internal)
    }
}

/// What [`verify_document`] finds in a signed document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentReport {
    /// The hash the document states.
    pub stated_hash: String,
    /// The hash of its record as it is.
    pub computed_hash: String,
    pub signatures: Vec<SignatureCheck>,
    /// Roles the decision requires that did not sign.
    pub missing_roles: Vec<Role>,
}

impl DocumentReport {
    pub fn hash_holds(&self) -> bool {
        self.stated_hash == self.computed_hash
    }

    /// Everything holds: the hash, every signature, and every required signature is there.
    pub fn valid(&self) -> bool {
        self.hash_holds()
            && !self.signatures.is_empty()
            && self.signatures.iter().all(|s| s.valid)
            && self.missing_roles.is_empty()
    }
}

/// Checks a signed document on its own: the content hash against the record, each signature
/// strictly, and whether every signature the decision requires is there.
pub fn verify_document(doc: &SignedDocument) -> Result<DocumentReport> {
    if doc.format != DOCUMENT_FORMAT {
        return Err(Error::BadFile(crate::base::error::Message::new(
            format!("Onbekend formaat {:?}; verwacht {DOCUMENT_FORMAT}.", doc.format),
            format!("Unknown format {:?}; expected {DOCUMENT_FORMAT}.", doc.format),
        )));
    }
    let record = canonical(&doc.record)?;
    let computed_hash = sha256_hex(record.as_bytes());
    // Against the hash of the record as it is, never the hash the document states: a v2
    // signature signs a hash, so a stated hash would let a changed record pass.
    let signatures: Vec<SignatureCheck> =
        doc.signatures.iter().map(|s| SignatureCheck::of(s, check_signature(&record, &computed_hash, s))).collect();
    let required: Vec<Role> = doc
        .record
        .pointer("/decision/requiredSigners")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .ok_or_else(|| {
            Error::BadFile(crate::base::error::Message::new(
                "Het document bevat geen besluit met de vereiste handtekeningen.",
                "The document holds no decision with its required signatures.",
            ))
        })?;
    Ok(DocumentReport {
        stated_hash: doc.content_hash.clone(),
        computed_hash,
        missing_roles: missing(&required, &doc.signatures),
        signatures,
    })
}

/// The required roles not yet covered by `signatures` (a role required twice needs two).
pub fn missing(required: &[Role], signatures: &[Signature]) -> Vec<Role> {
    crate::committee::roster::uncovered_roles(required, signatures.iter().map(|s| s.role))
}
