//! A pilot's parts: its proposal, the committee's answers, the decision and the signatures
//! (the [`Pilot`] aggregate itself and its changes are in `pilot/mod.rs`). These types are
//! also the stored and the signed format (serde), and the shell exports them to TypeScript
//! (specta, behind the `specta` feature).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::base::error::{Problems, Result};
use crate::base::text::{check_len, optional_date, MAX_LINE, MAX_TEXT};
use crate::committee::Role;

use super::{Pilot, Status};

/// What the project lead hands in about a pilot. Unknown fields are refused (this is also the
/// format of the proposal file that travels between machines).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Proposal {
    /// Name of the pilot (*naam van de pilot*).
    pub title: String,
    /// *Projectleider*.
    pub project_lead: String,
    /// *Afdeling*.
    pub department: String,
    /// What the AI does and for whom (*omschrijving*).
    pub description: String,
    /// The problem it solves and the goal (*doel*).
    pub purpose: String,
    /// Which data it uses, personal data included (*gegevens*).
    pub data_used: String,
    /// The intake fields beyond the basics, by key (see `intake.rs`).
    #[serde(default)]
    pub details: BTreeMap<String, String>,
    /// The answers in the AI Act wizard, by question id (see `wizard/`); the conclusion is
    /// derived from them whenever it is needed, never stored (an invariant, ARCHITECTURE.md).
    #[serde(default)]
    pub ai_act: crate::wizard::Answers,
    /// The project lead's answers per question id (optional; shown next to the committee's).
    #[serde(default)]
    pub question_answers: BTreeMap<String, LeadAnswer>,
}

impl Proposal {
    /// A draft may be saved half-filled, but never with a blank name or oversized text.
    pub fn validate_draft(&self) -> Result<()> {
        let mut p = Problems::default();
        p.require("title", &self.title, "de naam van de pilot", "the pilot's name");
        self.check_lengths(&mut p);
        crate::intake::check(&self.details, false, &mut p);
        p.into_result()
    }

    /// Everything the committee needs before the proposal can be submitted.
    pub fn validate_complete(&self) -> Result<()> {
        let mut p = Problems::default();
        p.require("title", &self.title, "de naam van de pilot", "the pilot's name");
        p.require("projectLead", &self.project_lead, "de projectleider", "the project lead");
        p.require("department", &self.department, "de afdeling", "the department");
        p.require("description", &self.description, "een omschrijving", "a description");
        p.require("purpose", &self.purpose, "het doel", "the purpose");
        p.require("dataUsed", &self.data_used, "welke gegevens de pilot gebruikt", "which data the pilot uses");
        crate::intake::check(&self.details, true, &mut p);
        match crate::wizard::conclude(&self.ai_act) {
            Ok(c) if !c.complete => p.add(
                "aiAct",
                format!("Maak de beslishulp AI-verordening af: nog {} vragen open.", c.open.len()),
                format!("Finish the AI Act wizard: {} questions open.", c.open.len()),
            ),
            Ok(_) => {}
            Err(e) => p.add("aiAct", e.message().nl, e.message().en),
        }
        self.check_lengths(&mut p);
        p.into_result()
    }

    fn check_lengths(&self, p: &mut Problems) {
        if let Ok(wizard) = crate::wizard::Wizard::builtin() {
            if let Some(unknown) = self.ai_act.keys().find(|id| !wizard.knows(id)) {
                p.add(
                    "aiAct",
                    format!("Onbekende vraag in de beslishulp: {unknown}."),
                    format!("Unknown wizard question: {unknown}."),
                );
            }
        }
        // The register's limits: its name takes 99 characters, its short description 399.
        check_len(p, "title", &self.title, 99);
        check_len(p, "description", &self.description, 399);
        for (field, value) in [("projectLead", &self.project_lead), ("department", &self.department)] {
            check_len(p, field, value, MAX_LINE);
        }
        for (field, value) in [("purpose", &self.purpose), ("dataUsed", &self.data_used)] {
            check_len(p, field, value, 2499);
        }
        for a in self.question_answers.values() {
            check_len(p, "questionAnswers", &a.answer, MAX_TEXT);
            check_len(p, "questionAnswers", &a.evidence, MAX_TEXT);
        }
    }
}

/// The committee's verdict on one question (*oordeel*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// *voldoet*
    Complies,
    /// *voldoet onder voorwaarden*
    CompliesWithConditions,
    /// *voldoet niet*
    DoesNotComply,
    /// *niet van toepassing*
    NotApplicable,
}

impl Verdict {
    pub fn label_nl(self) -> &'static str {
        match self {
            Verdict::Complies => "Voldoet",
            Verdict::CompliesWithConditions => "Voldoet onder voorwaarden",
            Verdict::DoesNotComply => "Voldoet niet",
            Verdict::NotApplicable => "Niet van toepassing",
        }
    }
}

/// The committee's answer to one question of the framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// `None` while the committee has not decided on this question (notes may already be
    /// saved: every keystroke is kept).
    pub verdict: Option<Verdict>,
    /// *Toelichting*: the committee's reasoning.
    pub notes: String,
    /// Conditions the committee proposes on this question; they flow into the decision draft.
    #[serde(default)]
    pub conditions: Vec<Condition>,
}

/// *Besluit*: the committee's advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// *positief*
    Positive,
    /// *positief onder voorwaarden*
    PositiveWithConditions,
    /// *aanhouden*
    Postponed,
    /// *negatief*
    Negative,
}

impl Outcome {
    /// A positive decision, with or without conditions: the pilot may go ahead.
    pub fn approves(self) -> bool {
        matches!(self, Outcome::Positive | Outcome::PositiveWithConditions)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            Outcome::Positive => "Positief",
            Outcome::PositiveWithConditions => "Positief onder voorwaarden",
            Outcome::Postponed => "Aanhouden",
            Outcome::Negative => "Negatief",
        }
    }
}

/// *Voorwaarde*, attached to a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    pub text: String,
    #[serde(default)]
    pub kind: ConditionKind,
    /// Who sees to it (*eigenaar*).
    #[serde(default)]
    pub owner: String,
    /// By when (*termijn*), `YYYY-MM-DD`.
    #[serde(default, with = "optional_date")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub deadline: Option<Date>,
}

/// *Opschortend* (met before the pilot starts) or *begeleidend* (during the pilot).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ConditionKind {
    #[default]
    Suspensive,
    Accompanying,
}

impl ConditionKind {
    pub fn label_nl(self) -> &'static str {
        match self {
            ConditionKind::Suspensive => "opschortend (vóór de start)",
            ConditionKind::Accompanying => "begeleidend (tijdens de pilot)",
        }
    }
}

/// The project lead's answer to one question of the framework, with the evidence offered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeadAnswer {
    pub answer: String,
    pub evidence: String,
}

/// What the committee enters as its decision; the core checks it before it becomes a
/// [`Decision`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DecisionInput {
    pub outcome: Option<Outcome>,
    /// *Motivering*.
    pub reasons: String,
    pub conditions: Vec<Condition>,
    /// *Evaluatiedatum*, `YYYY-MM-DD`.
    pub evaluation_date: Option<String>,
    /// When monitoring reports are due (`YYYY-MM-DD` each); none: one, by the evaluation date.
    #[serde(default)]
    pub report_dates: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    pub outcome: Outcome,
    pub reasons: String,
    pub conditions: Vec<Condition>,
    /// When the pilot is reviewed again. Absent only for a negative decision.
    #[serde(with = "optional_date")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub evaluation_date: Option<Date>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub decided_at: OffsetDateTime,
    /// The meeting in which it was decided: attendance, conflicts, votes, minority opinions.
    #[serde(default)]
    pub meeting: Option<crate::meeting::MeetingRecord>,
    /// The signatures that make this decision final (the signing policy when it was taken).
    pub required_signers: Vec<Role>,
    /// SHA-256 of the canonical JSON of the framework version reviewed against (every question,
    /// help text and knock-out flag), so a framework changed afterwards shows. Absent in
    /// decisions taken before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework_hash: Option<String>,
    /// The AI Act wizard's conclusion when the decision was taken — with the wizard's version
    /// and the duty dates' version, class, duties, instruments and reasons — so a later build
    /// with other rules or dates cannot change what a signed decision shows. Absent in
    /// decisions taken before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_act: Option<crate::wizard::Conclusion>,
    /// The files with the proposal the committee relied on (a DPIA, a bias report…), each by
    /// name, type, size and SHA-256: the signatures cover them, and the archival PDF carries
    /// them. Absent when there were none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<crate::attachments::AttachmentRef>,
    /// When the project lead's monitoring reports are due (`YYYY-MM-DD`, in order); empty: one
    /// report, by the evaluation date. Absent when none were set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub report_dates: Vec<String>,
}

/// The earlier round a re-assessment reviews again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reassessment {
    /// The pilot id of the earlier round.
    pub earlier: Uuid,
    /// The content hash of the earlier round's signed decision: the decision this one supersedes.
    pub earlier_hash: String,
    /// The first round's id: every round of one pilot shares it (the archive's *dossier*).
    pub dossier: Uuid,
    /// 2 for the first re-assessment, then 3, …
    pub round: u32,
    pub reason: ReassessmentReason,
    /// What changed, or what the scheduled re-assessment should look at.
    pub explanation: String,
}

/// Why a pilot is assessed again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ReassessmentReason {
    /// *gepland*: the decision's evaluation date.
    Scheduled,
    /// *wijziging*: a change in data, model, process or context (a monitoring report names it).
    Change,
}

impl ReassessmentReason {
    pub fn label_nl(self) -> &'static str {
        match self {
            ReassessmentReason::Scheduled => "Gepland (evaluatiedatum)",
            ReassessmentReason::Change => "Door een wijziging",
        }
    }
}

/// What is asked to start a re-assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReassessmentRequest {
    pub reason: ReassessmentReason,
    pub explanation: String,
    /// Who starts it.
    pub by: String,
}

/// How a signature proves itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum SignatureProof {
    /// An Ed25519 signature (hex) by the member's key over the signing domain prefix and the
    /// canonical statement of its format, v1 or v2 (see [`crate::pilot::signing::statement_for`]).
    #[serde(rename_all = "camelCase")]
    Ed25519 { key_id: Uuid, public_key: String, fingerprint: String, signature: String },
}

/// *Ondertekening* of the decision record by one committee member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Signature {
    pub id: Uuid,
    /// The roster member who signed.
    pub member_id: Uuid,
    pub signer_name: String,
    pub role: Role,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub signed_at: OffsetDateTime,
    /// SHA-256 (lower-case hex) of the canonical JSON (RFC 8785) of the signed record.
    pub content_hash: String,
    pub proof: SignatureProof,
    /// The audit trail as it stood when this was signed (statement format v2); `None` for a
    /// signature of format v1, made before checkpoints, which signed the whole record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<crate::audit::Checkpoint>,
    /// The committee signed for (statement format v2): the hash of its roster log's founding
    /// event. `None` in format v1 and for a roster from before the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<String>,
}

impl Signature {
    /// `member`'s signature with `key` on `content_hash` at `now`, its Ed25519 signature still
    /// empty: the caller signs the statement of its own kind and fills it in. Refused when the
    /// key is not the member's.
    pub fn draft(
        member: &crate::committee::roster::CommitteeMember,
        key: &crate::committee::keys::MemberKey,
        content_hash: String,
        committee: Option<String>,
        now: OffsetDateTime,
    ) -> crate::base::error::Result<Signature> {
        if member.key(key.id).is_none_or(|k| k.public_key != key.public_key) {
            return Err(crate::base::error::Error::not_allowed(
                "Deze sleutel hoort niet bij dit lid.",
                "This key does not belong to this member.",
            ));
        }
        Ok(Signature {
            id: Uuid::new_v4(),
            member_id: member.id,
            signer_name: member.name.clone(),
            role: member.role,
            signed_at: now,
            content_hash,
            proof: SignatureProof::Ed25519 {
                key_id: key.id,
                public_key: key.public_key.clone(),
                fingerprint: key.fingerprint.clone(),
                signature: String::new(),
            },
            checkpoint: None,
            committee,
        })
    }
}

/// One line of the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PilotSummary {
    pub id: Uuid,
    pub title: String,
    pub department: String,
    pub status: Status,
    /// 1 for a first assessment, 2 for its re-assessment, …
    pub round: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub updated_at: OffsetDateTime,
}

impl From<&Pilot> for PilotSummary {
    fn from(p: &Pilot) -> Self {
        Self {
            id: p.id,
            title: p.proposal.title.clone(),
            department: p.proposal.department.clone(),
            status: p.status,
            round: p.reassesses.as_ref().map_or(1, |r| r.round),
            updated_at: p.updated_at,
        }
    }
}
