//! A pilot: its data (the aggregate storage loads and saves whole) and its behaviour.
//! The life of a pilot as a state machine, and every change the committee can make to it.
//! Each method checks the current state first and changes nothing when it refuses (an
//! invariant, ARCHITECTURE.md).
//! Signing locks the record: once `Status::Signed`, no method here changes the pilot.

pub mod applicability;
pub mod model;
pub mod signing;

pub use model::*;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use std::collections::BTreeMap;

use crate::attachments::Place;
use crate::base::error::{Error, Problems, Result};
use crate::base::text::{check_len, parse_date, MAX_LINE, MAX_TEXT};
use crate::committee::keys::UnsealedKey;
use crate::committee::roster::{CommitteeMember, SigningPolicy};
use crate::committee::Role;
use crate::framework::{Framework, FrameworkRef};
use applicability::Facts;

/// A pilot and everything the committee recorded about it: the aggregate that storage
/// loads and saves as one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Pilot {
    pub id: Uuid,
    /// Bumped by every save; storage refuses a save based on an older revision.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
    pub status: Status,
    /// The framework version this assessment pinned when the pilot was created.
    pub framework: FrameworkRef,
    pub proposal: Proposal,
    /// Committee answers by question id.
    pub answers: BTreeMap<String, Answer>,
    pub decision: Option<Decision>,
    pub signatures: Vec<Signature>,
    /// A re-assessment (*herbeoordeling*) names the earlier round it reviews again; `None` for
    /// a first assessment. Set when the round is made and never changed; part of the signed
    /// record, so the decision says which decision it supersedes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reassesses: Option<Reassessment>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub updated_at: OffsetDateTime,
}

/// Where a pilot is in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// *concept*: the project lead is still writing.
    Draft,
    /// *ingediend*: handed to the committee.
    Submitted,
    /// *in behandeling*: the committee is walking the framework.
    InReview,
    /// *besloten*: a decision is recorded, not yet (fully) signed.
    Decided,
    /// *ondertekend*: signed by every required signer; final.
    Signed,
}

/// What can be done with a pilot now (see [`Pilot::actions`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Actions {
    pub edit_proposal: bool,
    pub submit: bool,
    pub start_review: bool,
    pub answer: bool,
    /// Record or change the decision (in review, or decided while nobody has signed).
    pub decide: bool,
    pub reopen: bool,
    pub sign: bool,
    pub export_pdf: bool,
    /// A draft entry for the Algoritmeregister (after a positive decision).
    pub export_register: bool,
    /// May be put on a meeting's agenda (handed in, or in review).
    pub put_on_agenda: bool,
    /// Votes and minority opinions may be recorded in a meeting (in review).
    pub vote: bool,
}

/// A step from one status to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Submit,
    StartReview,
    Decide,
    Reopen,
    CompleteSignatures,
}

impl Status {
    pub fn label_nl(self) -> &'static str {
        match self {
            Status::Draft => "Concept",
            Status::Submitted => "Ingediend",
            Status::InReview => "In behandeling",
            Status::Decided => "Besloten",
            Status::Signed => "Ondertekend",
        }
    }

    /// The English name, for the English half of a message (the screens have their own).
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Submitted => "Submitted",
            Status::InReview => "In review",
            Status::Decided => "Decided",
            Status::Signed => "Signed",
        }
    }

    /// A pilot may be put on a meeting's agenda once handed in, until it is decided.
    pub fn may_go_on_agenda(self) -> bool {
        matches!(self, Status::Submitted | Status::InReview)
    }

    /// The whole state machine: the status a step leads to, or `None` when it is not allowed.
    pub fn after(self, step: Step) -> Option<Status> {
        use Status::*;
        match (self, step) {
            (Draft, Step::Submit) => Some(Submitted),
            (Submitted, Step::StartReview) => Some(InReview),
            (InReview, Step::Decide) | (Decided, Step::Decide) => Some(Decided),
            (Decided, Step::Reopen) => Some(InReview),
            (Decided, Step::CompleteSignatures) => Some(Signed),
            _ => None,
        }
    }
}

/// Per area: how the walk-through went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AreaSummary {
    pub area_id: String,
    /// Questions that apply to this pilot.
    pub applicable: u32,
    /// Of those, how many have a verdict.
    pub answered: u32,
    /// One of those is a knock-out question answered "voldoet niet".
    pub knock_out: bool,
    pub complies: u32,
    pub complies_with_conditions: u32,
    pub does_not_comply: u32,
    pub not_applicable: u32,
    pub open: u32,
}

/// The decision as the walk-through suggests it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DecisionDraft {
    /// False when a knock-out question does not comply (then only aanhouden or negatief) or the
    /// practice is prohibited.
    pub positive_allowed: bool,
    /// A prohibited practice (AI Act art. 5): only negatief.
    pub negative_only: bool,
    /// "Weet ik niet" answers in the wizard that decide the risk class (their questions, with
    /// the article): while one is open, only aanhouden or negatief.
    pub deciding_unknowns: Vec<crate::framework::Text>,
    /// The wizard has open questions (a question added after the proposal was submitted):
    /// only aanhouden or negatief, as with an unknown answer that decides the class.
    pub wizard_incomplete: bool,
    /// The conditions proposed on the questions, in framework order.
    pub conditions: Vec<crate::pilot::Condition>,
    pub areas: Vec<AreaSummary>,
}

/// What a decision records beside the committee's input: the meeting's part, the signing
/// policy in force, the AI Act's duty dates, and the pilot's attachments (those with the
/// proposal go into the decision by their hash).
pub struct DecisionContext<'a> {
    pub meeting: Option<crate::meeting::MeetingRecord>,
    pub policy: &'a SigningPolicy,
    pub dates: &'a crate::wizard::DutyDates,
    pub attachments: &'a [crate::attachments::Attachment],
}

impl Pilot {
    /// A new pilot in draft, pinned to `framework`.
    pub fn new(proposal: Proposal, framework: &Framework, now: OffsetDateTime) -> Result<Pilot> {
        proposal.validate_draft()?;
        Ok(Pilot {
            id: Uuid::new_v4(),
            revision: 0,
            status: Status::Draft,
            framework: framework.reference(),
            proposal,
            answers: Default::default(),
            decision: None,
            signatures: Vec::new(),
            reassesses: None,
            created_at: now,
            updated_at: now,
        })
    }

    /// A new round for the same pilot (*herbeoordeling*): a draft with the earlier round's
    /// proposal (the project lead brings it up to date), reviewed against `framework` (the one
    /// in force now) from the start. Only a signed decision can be assessed again; when this
    /// round is signed it supersedes the earlier one, which stays as it was.
    pub fn reassess(
        earlier: &Pilot,
        request: &ReassessmentRequest,
        framework: &Framework,
        now: OffsetDateTime,
    ) -> Result<Pilot> {
        if earlier.status != Status::Signed {
            return Err(earlier.not_now(
                "Alleen een ondertekend besluit kan opnieuw worden beoordeeld.",
                "Only a signed decision can be assessed again.",
            ));
        }
        let mut p = Problems::default();
        if request.reason == ReassessmentReason::Change {
            p.require(
                "explanation",
                &request.explanation,
                "welke wijziging de herbeoordeling nodig maakt",
                "which change calls for the re-assessment",
            );
        }
        check_len(&mut p, "explanation", &request.explanation, MAX_TEXT);
        p.require("by", &request.by, "wie de herbeoordeling start", "who starts the re-assessment");
        check_len(&mut p, "by", &request.by, MAX_LINE);
        p.into_result()?;
        let (dossier, round) = match &earlier.reassesses {
            Some(r) => (r.dossier, r.round.saturating_add(1)),
            None => (earlier.id, 2),
        };
        Ok(Pilot {
            id: Uuid::new_v4(),
            revision: 0,
            status: Status::Draft,
            framework: framework.reference(),
            proposal: earlier.proposal.clone(),
            answers: Default::default(),
            decision: None,
            signatures: Vec::new(),
            reassesses: Some(Reassessment {
                earlier: earlier.id,
                earlier_hash: signing::content_hash(earlier)?,
                dossier,
                round,
                reason: request.reason,
                explanation: request.explanation.trim().to_string(),
            }),
            created_at: now,
            updated_at: now,
        })
    }

    /// What can be done with the pilot now. The screens offer exactly these; each method
    /// below still checks for itself (and names why it refuses).
    pub fn actions(&self) -> Actions {
        let unsigned = self.signatures.is_empty();
        Actions {
            edit_proposal: self.status == Status::Draft,
            submit: self.status == Status::Draft,
            start_review: self.status == Status::Submitted,
            answer: self.status == Status::InReview,
            decide: self.status.after(Step::Decide).is_some() && unsigned,
            reopen: self.status == Status::Decided && unsigned,
            sign: self.status == Status::Decided && !self.missing_roles().is_empty(),
            export_pdf: self.decision.is_some(),
            export_register: self.status == Status::Signed
                && self.decision.as_ref().is_some_and(|d| d.outcome.approves()),
            put_on_agenda: self.status.may_go_on_agenda(),
            vote: self.status == Status::InReview,
        }
    }

    /// Whether `member` may sign the decision now: a role still needed, not signed yet,
    /// present at the meeting and without a conflict of interest, in office with a key valid
    /// now. [`Self::sign_with`] refuses anyone else.
    pub fn may_sign(&self, member: &CommitteeMember, now: OffsetDateTime) -> bool {
        member.active() && member.current_key(now).is_some() && self.ensure_may_sign(member).is_ok()
    }

    /// Refuses any change once the decision is signed.
    // Invariant (ARCHITECTURE.md): once signed, nothing changes the record; migration 0001's
    // triggers refuse it in the database too.
    fn ensure_unlocked(&self) -> Result<()> {
        if self.status == Status::Signed {
            return Err(Error::Locked);
        }
        Ok(())
    }

    fn step(&mut self, step: Step) -> Result<()> {
        self.ensure_unlocked()?;
        let next = self.status.after(step).ok_or_else(|| self.refused(step))?;
        self.status = next;
        Ok(())
    }

    /// Why `step` cannot be taken from the current status.
    fn refused(&self, step: Step) -> Error {
        let (nl, en) = match step {
            Step::Submit => ("Alleen een concept kan worden ingediend.", "Only a draft can be submitted."),
            Step::StartReview => (
                "Alleen een ingediend voorstel kan in behandeling worden genomen.",
                "Only a submitted proposal can be taken into review.",
            ),
            Step::Decide => (
                "Een besluit kan pas worden vastgelegd als de beoordeling loopt.",
                "A decision can only be recorded during the review.",
            ),
            Step::Reopen => ("Alleen een besluit kan worden heropend.", "Only a decision can be reopened."),
            Step::CompleteSignatures => {
                ("Er is nog geen besluit om te ondertekenen.", "There is no decision to sign yet.")
            }
        };
        self.not_now(nl, en)
    }

    /// A refusal that says what the rule is (`nl`, `en`) and where the pilot is now.
    fn not_now(&self, nl: &str, en: &str) -> Error {
        Error::not_allowed(
            format!("{nl} Deze pilot is nu: {}.", self.status.label_nl()),
            format!("{en} This pilot is now: {}.", self.status.label_en()),
        )
    }

    /// The project lead edits the proposal; only while it is a draft.
    pub fn update_proposal(&mut self, proposal: Proposal) -> Result<()> {
        self.ensure_unlocked()?;
        if self.status != Status::Draft {
            return Err(Error::not_allowed(
                "Het voorstel is al ingediend en kan niet meer worden aangepast.",
                "The proposal has been submitted and can no longer be edited.",
            ));
        }
        proposal.validate_draft()?;
        self.proposal = proposal;
        Ok(())
    }

    /// Hands the proposal to the committee; refuses while fields are missing.
    pub fn submit(&mut self) -> Result<()> {
        self.ensure_unlocked()?;
        self.proposal.validate_complete()?;
        self.step(Step::Submit)
    }

    pub fn start_review(&mut self) -> Result<()> {
        self.step(Step::StartReview)
    }

    /// As [`Pilot::update_proposal`], for an edit made on `based_on`, the proposal as the editor
    /// last saw it stored: refused as changed by someone else ([`Error::Conflict`]) when the
    /// stored proposal has moved on since, unless it already is this edit (a save repeated after
    /// an answer that did not arrive). Two people editing one proposal never lose each other's
    /// work without a word.
    pub fn update_proposal_based_on(&mut self, proposal: Proposal, based_on: &Proposal) -> Result<()> {
        if self.proposal != *based_on && self.proposal != proposal {
            return Err(Error::Conflict);
        }
        self.update_proposal(proposal)
    }

    /// As [`Pilot::set_answer`], for an answer edited from `based_on`, the answer as the editor
    /// last saw it stored (an empty one when there was none): refused as changed by someone else
    /// when the stored answer has moved on since, unless it already is this answer. Answers to
    /// other questions do not matter: two members may work on different questions at once.
    pub fn set_answer_based_on(
        &mut self,
        framework: &Framework,
        question_id: &str,
        answer: Answer,
        based_on: &Answer,
    ) -> Result<()> {
        let empty = Answer { verdict: None, notes: String::new(), conditions: Vec::new() };
        let stored = self.answers.get(question_id).unwrap_or(&empty);
        if stored != based_on && *stored != answer {
            return Err(Error::Conflict);
        }
        self.set_answer(framework, question_id, answer)
    }

    /// Records the committee's verdict and notes on one question.
    pub fn set_answer(&mut self, framework: &Framework, question_id: &str, answer: Answer) -> Result<()> {
        self.ensure_unlocked()?;
        if self.status != Status::InReview {
            return Err(self.not_now(
                "Oordelen kunnen alleen worden vastgelegd tijdens de beoordeling.",
                "Verdicts can only be recorded during the review.",
            ));
        }
        let question = framework.question(question_id).ok_or(Error::NotFound { what: "question" })?;
        if let Some(reason) = crate::pilot::applicability::reason(question, Facts::of(self)) {
            return Err(Error::NotAllowed(crate::base::error::Message::new(reason.nl, reason.en)));
        }
        // Invariant (ARCHITECTURE.md): saved on every change during the meeting, so only what can
        // never be right is refused here; completeness is checked when the decision is recorded.
        let mut p = Problems::default();
        check_len(&mut p, "notes", &answer.notes, MAX_TEXT);
        for c in &answer.conditions {
            check_len(&mut p, "conditions", &c.text, MAX_TEXT);
            check_len(&mut p, "conditions", &c.owner, MAX_LINE);
        }
        p.into_result()?;
        self.answers.insert(question_id.to_string(), answer);
        Ok(())
    }

    /// The questions of the framework that apply to this pilot and still lack a verdict.
    pub fn unanswered<'f>(&self, framework: &'f Framework) -> Vec<&'f str> {
        let facts = Facts::of(self);
        framework
            .questions()
            .filter(|(_, q)| facts.applies(q))
            .map(|(_, q)| q.id.as_str())
            .filter(|id| self.answers.get(*id).and_then(|a| a.verdict).is_none())
            .collect()
    }

    /// Applicable questions with a verdict other than "voldoet" or "niet van toepassing" but no
    /// notes.
    pub fn unexplained<'f>(&self, framework: &'f Framework) -> Vec<&'f str> {
        let facts = Facts::of(self);
        framework
            .questions()
            .filter(|(_, q)| facts.applies(q))
            .filter(|(_, q)| {
                self.answers.get(&q.id).is_some_and(|a| {
                    a.verdict.is_some_and(|v| v != Verdict::Complies && v != Verdict::NotApplicable)
                        && a.notes.trim().is_empty()
                })
            })
            .map(|(_, q)| q.id.as_str())
            .collect()
    }

    /// What the walk-through suggests for the decision: which outcomes remain possible, the
    /// conditions proposed per question, and a count of verdicts per area.
    pub fn decision_draft(&self, framework: &Framework) -> DecisionDraft {
        let facts = Facts::of(self);
        let mut conditions = Vec::new();
        let mut areas = Vec::new();
        for area in &framework.areas {
            let mut summary = AreaSummary { area_id: area.id.clone(), ..Default::default() };
            for q in &area.questions {
                if !facts.applies(q) {
                    summary.not_applicable += 1;
                    continue;
                }
                let answer = self.answers.get(&q.id);
                summary.applicable += 1;
                summary.answered += u32::from(answer.is_some_and(|a| a.verdict.is_some()));
                summary.knock_out |= q.knock_out && answer.is_some_and(|a| a.verdict == Some(Verdict::DoesNotComply));
                match answer.and_then(|a| a.verdict) {
                    Some(Verdict::Complies) => summary.complies += 1,
                    Some(Verdict::CompliesWithConditions) => summary.complies_with_conditions += 1,
                    Some(Verdict::DoesNotComply) => summary.does_not_comply += 1,
                    Some(Verdict::NotApplicable) => summary.not_applicable += 1,
                    None => summary.open += 1,
                }
                conditions.extend(answer.into_iter().flat_map(|a| a.conditions.iter().cloned()));
            }
            areas.push(summary);
        }
        let (prohibited, unknowns, complete) = match self.ai_act() {
            Ok(c) => (c.class == crate::wizard::RiskClass::Prohibited, c.deciding_unknowns, c.complete),
            Err(_) => (false, Vec::new(), false),
        };
        DecisionDraft {
            positive_allowed: !prohibited && unknowns.is_empty() && complete && self.knock_outs(framework).is_empty(),
            negative_only: prohibited && unknowns.is_empty() && complete,
            wizard_incomplete: !complete,
            deciding_unknowns: unknowns.iter().map(|id| question_label(id)).collect(),
            conditions,
            areas,
        }
    }

    /// Questions marked knock-out that the committee found not to comply.
    pub fn knock_outs<'f>(&self, framework: &'f Framework) -> Vec<&'f str> {
        let facts = Facts::of(self);
        framework
            .questions()
            .filter(|(_, q)| q.knock_out && facts.applies(q))
            .filter(|(_, q)| self.answers.get(&q.id).is_some_and(|a| a.verdict == Some(Verdict::DoesNotComply)))
            .map(|(_, q)| q.id.as_str())
            .collect()
    }

    /// The pilot can be decided on: in review (or decided), every applicable question has a
    /// verdict, and every verdict other than "voldoet" or "niet van toepassing" is explained.
    fn ready_to_decide(&self, framework: &Framework, outcome: Option<Outcome>) -> Result<()> {
        if self.status.after(Step::Decide).is_none() {
            return Err(self.refused(Step::Decide));
        }
        // Missing information is exactly why a committee postpones: aanhouden needs no verdict
        // on every question (the PDF says "nog niet beoordeeld" where one is missing). Every
        // other outcome weighs every question.
        let missing = self.unanswered(framework);
        if !missing.is_empty() && outcome != Some(Outcome::Postponed) {
            return Err(Error::not_allowed(
                format!("Nog niet alle toetsvragen hebben een oordeel ({} open).", missing.len()),
                format!("Not every question has a verdict yet ({} open).", missing.len()),
            ));
        }
        let unexplained = self.unexplained(framework);
        if !unexplained.is_empty() {
            return Err(Error::not_allowed(
                format!(
                    "Licht elk oordeel toe dat niet 'voldoet' is. Toelichting ontbreekt bij: {}.",
                    unexplained.join(", ")
                ),
                format!(
                    "Explain every verdict other than 'complies'. Notes are missing for: {}.",
                    unexplained.join(", ")
                ),
            ));
        }
        Ok(())
    }

    /// What the wizard and the knock-out questions rule out for `outcome`: a prohibited practice
    /// leaves only negatief (an invariant, ARCHITECTURE.md).
    fn check_outcome(&self, p: &mut Problems, outcome: Option<Outcome>, framework: &Framework) -> Result<()> {
        let ai_act = crate::wizard::conclude(&self.proposal.ai_act)?;
        let prohibited = ai_act.class == crate::wizard::RiskClass::Prohibited;
        if !ai_act.complete && outcome.is_some_and(Outcome::approves) {
            p.add(
                "outcome",
                format!(
                    "De beslishulp AI-verordening is niet af: {} vragen open (vragen die er na de indiening bij zijn gekomen). Tot de projectleider ze heeft beantwoord, kan de commissie alleen aanhouden of negatief besluiten.",
                    ai_act.open.len()
                ),
                format!(
                    "The AI Act wizard is not finished: {} questions open (added after the proposal was submitted). Until the project lead answers them, the committee can only postpone or decide negatively.",
                    ai_act.open.len()
                ),
            );
        } else if !ai_act.deciding_unknowns.is_empty() && outcome.is_some_and(Outcome::approves) {
            let questions: Vec<String> = ai_act.deciding_unknowns.iter().map(|id| question_label(id).nl).collect();
            let questions_en: Vec<String> = ai_act.deciding_unknowns.iter().map(|id| question_label(id).en).collect();
            p.add(
                "outcome",
                format!(
                    "In de beslishulp staat 'weet ik niet' bij een vraag die de risicoklasse bepaalt: {}. Zoek het uit; tot dan kan de commissie alleen aanhouden of negatief besluiten.",
                    questions.join("; ")
                ),
                format!(
                    "The wizard has 'don't know' on a question that decides the risk class: {}. Find out; until then the committee can only postpone or decide negatively.",
                    questions_en.join("; ")
                ),
            );
        } else if prohibited
            && ai_act.complete
            && ai_act.deciding_unknowns.is_empty()
            && outcome.is_some_and(|o| o != Outcome::Negative)
        {
            p.add(
                "outcome",
                "Volgens de beslishulp is dit een verboden AI-praktijk (AI-verordening art. 5). Alleen een negatief besluit is mogelijk.",
                "According to the wizard this is a prohibited AI practice (AI Act art. 5). Only a negative decision is possible.",
            );
        }
        let knock_outs = self.knock_outs(framework);
        if matches!(outcome, Some(Outcome::Positive | Outcome::PositiveWithConditions)) && !knock_outs.is_empty() {
            p.add(
                "outcome",
                format!("Een positief besluit kan niet: deze knock-outvraag voldoet niet: {}.", knock_outs.join(", ")),
                format!("A positive decision is ruled out by a failed knock-out question: {}.", knock_outs.join(", ")),
            );
        }
        Ok(())
    }

    /// Records (or, before anyone signed, replaces) the decision.
    /// `meeting`: the pilot's part of the meeting in which the committee decides, if any (the
    /// meeting has checked quorum and votes).
    pub fn decide(
        &mut self,
        framework: &Framework,
        input: DecisionInput,
        context: DecisionContext<'_>,
        now: OffsetDateTime,
    ) -> Result<()> {
        self.ensure_unlocked()?;
        context.policy.validate()?;
        if !self.signatures.is_empty() {
            return Err(Error::not_allowed(
                "Er is al ondertekend; het besluit kan niet meer worden aangepast.",
                "Signing has started; the decision can no longer be changed.",
            ));
        }
        // A decision taken again is checked against, and records, the wizard's conclusion now,
        // not the one the earlier (unsigned) decision recorded.
        let earlier = self.decision.as_mut().and_then(|d| d.ai_act.take());
        let result = self.record_decision(framework, input, context, now);
        if result.is_err() {
            if let Some(d) = self.decision.as_mut() {
                d.ai_act = earlier;
            }
        }
        result
    }

    fn record_decision(
        &mut self,
        framework: &Framework,
        input: DecisionInput,
        context: DecisionContext<'_>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let DecisionContext { meeting, policy, dates, attachments } = context;
        self.ready_to_decide(framework, input.outcome)?;
        let mut p = Problems::default();
        let outcome = input.outcome;
        if outcome.is_none() {
            p.add("outcome", "Kies een besluit.", "Choose a decision.");
        }
        p.require("reasons", &input.reasons, "de motivering", "the reasons");
        check_len(&mut p, "reasons", &input.reasons, MAX_TEXT);
        let conditions: Vec<_> = input.conditions.into_iter().filter(|c| !c.text.trim().is_empty()).collect();
        check_conditions(&mut p, &conditions, now);
        if outcome == Some(Outcome::PositiveWithConditions) && conditions.is_empty() {
            p.add("conditions", "Geef minstens één voorwaarde.", "Give at least one condition.");
        }
        self.check_outcome(&mut p, outcome, framework)?;
        let evaluation_date = evaluation_date(&mut p, input.evaluation_date.as_deref(), outcome, now);
        let report_dates = report_dates(&mut p, &input.report_dates, outcome, now);
        if let Some(record) = &meeting {
            check_signers(&mut p, record, policy);
        }
        p.into_result()?;
        let outcome = outcome.ok_or(Error::NotFound { what: "outcome" })?;
        self.step(Step::Decide)?;
        self.decision = Some(Decision {
            outcome,
            reasons: input.reasons,
            conditions,
            evaluation_date,
            decided_at: now,
            meeting,
            required_signers: policy.normalized(),
            framework_hash: Some(framework.content_hash()?),
            ai_act: Some(crate::wizard::conclude_with(&self.proposal.ai_act, dates)?),
            attachments: attachments.iter().filter(|a| a.place == Place::Proposal).map(|a| a.reference()).collect(),
            report_dates,
        });
        Ok(())
    }

    /// The AI Act conclusion that holds for this pilot: the one its decision recorded (so a
    /// later build with other rules or dates cannot change it), or the wizard's conclusion now.
    pub fn ai_act(&self) -> Result<crate::wizard::Conclusion> {
        self.ai_act_with(crate::wizard::Wizard::dates()?)
    }

    /// [`Self::ai_act`], concluded now with `dates` (the duty dates in effect).
    pub fn ai_act_with(&self, dates: &crate::wizard::DutyDates) -> Result<crate::wizard::Conclusion> {
        match self.decision.as_ref().and_then(|d| d.ai_act.as_ref()) {
            Some(recorded) => Ok(recorded.clone()),
            None => crate::wizard::conclude_with(&self.proposal.ai_act, dates),
        }
    }

    /// Back from a decision to the review, as long as nobody has signed.
    pub fn reopen(&mut self) -> Result<()> {
        self.ensure_unlocked()?;
        if !self.signatures.is_empty() {
            return Err(Error::not_allowed(
                "Er is al ondertekend; het besluit kan niet meer worden heropend.",
                "Signing has started; the decision can no longer be reopened.",
            ));
        }
        self.step(Step::Reopen)
    }

    /// The roles that still have to sign (from the policy recorded in the decision).
    pub fn missing_roles(&self) -> Vec<Role> {
        let required = self.decision.as_ref().map(|d| d.required_signers.as_slice()).unwrap_or_default();
        signing::missing(required, &self.signatures)
    }

    /// Signs with a key already opened. Only a member in a role that still has to sign,
    /// present at the meeting and not conflicted, with one of their own keys valid now, can
    /// sign. The last required signature locks the record.
    ///
    /// `checkpoint`: the audit trail as it stands before this signature is saved; it is signed
    /// with the record's hash (statement format v2).
    pub fn sign_with(
        &mut self,
        member: &CommitteeMember,
        key: &UnsealedKey<'_>,
        checkpoint: crate::audit::Checkpoint,
        committee: Option<String>,
        now: OffsetDateTime,
    ) -> Result<()> {
        self.ensure_may_sign(member)?;
        let record = signing::canonical_record(self)?;
        let content_hash = crate::base::hash::sha256_hex(record.as_bytes());
        let mut signature = Signature::draft(member, key.key(), content_hash, committee, now)?;
        let statement = signing::statement_v2(&signature.content_hash, &signature, &checkpoint)?;
        signature.checkpoint = Some(checkpoint);
        let signed = key.sign(&statement, now)?;
        let SignatureProof::Ed25519 { signature: slot, .. } = &mut signature.proof;
        *slot = signed;
        self.signatures.push(signature);
        if self.missing_roles().is_empty() {
            self.step(Step::CompleteSignatures)?;
        }
        Ok(())
    }

    fn ensure_may_sign(&self, member: &CommitteeMember) -> Result<()> {
        self.ensure_unlocked()?;
        if self.status != Status::Decided || self.decision.is_none() {
            return Err(Error::not_allowed(
                "Er is nog geen besluit om te ondertekenen.",
                "There is no decision to sign yet.",
            ));
        }
        let (name, role) = (member.name.as_str(), member.role);
        // Not at the meeting, or conflicted: the most basic reason comes first.
        if let Some(record) = self.decision.as_ref().and_then(|d| d.meeting.as_ref()) {
            record.may_sign(name, role)?;
        }
        let mut p = Problems::default();
        if !self.missing_roles().contains(&role) {
            p.add(
                "memberId",
                format!("Er is geen handtekening meer nodig van een {}.", role.label_nl().to_lowercase()),
                "No further signature is needed in this role.",
            );
        }
        if self.signatures.iter().any(|s| s.member_id == member.id || s.signer_name.eq_ignore_ascii_case(name)) {
            p.add(
                "memberId",
                "Deze persoon heeft al getekend; een andere ondertekenaar is nodig.",
                "This person has already signed; another signer is needed.",
            );
        }
        p.into_result()
    }
}

/// Each condition has an owner and a deadline that has not passed.
fn check_conditions(p: &mut Problems, conditions: &[Condition], now: OffsetDateTime) {
    for c in conditions {
        check_len(p, "conditions", &c.text, MAX_TEXT);
        check_len(p, "conditions", &c.owner, MAX_LINE);
        if c.owner.trim().is_empty() {
            p.add(
                "conditions",
                format!("Wie ziet toe op de voorwaarde '{}'? Vul een eigenaar in.", c.text.trim()),
                "Each condition needs an owner.",
            );
        }
        match c.deadline {
            None => p.add(
                "conditions",
                format!("Geef de voorwaarde '{}' een termijn.", c.text.trim()),
                "Each condition needs a deadline.",
            ),
            Some(d) if d < now.date() => p.add(
                "conditions",
                format!("De termijn van '{}' ligt in het verleden.", c.text.trim()),
                "A deadline lies in the past.",
            ),
            Some(_) => {}
        }
    }
}

/// The evaluation date: required unless the decision is negative, and in the future.
fn evaluation_date(
    p: &mut Problems,
    input: Option<&str>,
    outcome: Option<Outcome>,
    now: OffsetDateTime,
) -> Option<time::Date> {
    match input.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => match parse_date(s) {
            Some(d) if d > now.date() => Some(d),
            Some(_) => {
                p.add(
                    "evaluationDate",
                    "De evaluatiedatum moet in de toekomst liggen.",
                    "The evaluation date must be in the future.",
                );
                None
            }
            None => {
                p.add("evaluationDate", "Vul een geldige datum in.", "Enter a valid date.");
                None
            }
        },
        None if outcome != Some(Outcome::Negative) => {
            p.add("evaluationDate", "Vul een evaluatiedatum in.", "Fill in an evaluation date.");
            None
        }
        None => None,
    }
}

/// At most this many report dates on one decision.
const MAX_REPORT_DATES: usize = 24;

/// The report dates as entered, for a positive decision only: each a real date after today,
/// none twice, at most [`MAX_REPORT_DATES`]; kept in order as `YYYY-MM-DD`.
fn report_dates(p: &mut Problems, input: &[String], outcome: Option<Outcome>, now: OffsetDateTime) -> Vec<String> {
    let mut dates = Vec::new();
    if !outcome.is_some_and(Outcome::approves) && input.iter().any(|s| !s.trim().is_empty()) {
        p.add(
            "reportDates",
            "Rapportagedata horen bij een positief besluit; laat ze leeg bij aanhouden of negatief.",
            "Report dates belong to a positive decision; leave them empty when postponing or refusing.",
        );
        return Vec::new();
    }
    for s in input.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        match parse_date(s) {
            Some(d) if d > now.date() => dates.push(d),
            Some(_) => p.add(
                "reportDates",
                "Een rapportagedatum moet in de toekomst liggen.",
                "A report date must be in the future.",
            ),
            None => p.add("reportDates", "Vul geldige rapportagedata in.", "Enter valid report dates."),
        }
    }
    dates.sort();
    dates.dedup();
    if dates.len() > MAX_REPORT_DATES {
        p.add(
            "reportDates",
            format!("Hoogstens {MAX_REPORT_DATES} rapportagedata."),
            format!("At most {MAX_REPORT_DATES} report dates."),
        );
    }
    dates.into_iter().map(crate::base::text::iso_date).collect()
}

/// Enough members present and without a conflict to give every signature the policy requires.
fn check_signers(p: &mut Problems, record: &crate::meeting::MeetingRecord, policy: &SigningPolicy) {
    let short = record.signers_short_of(&policy.required_roles);
    if !short.is_empty() {
        let roles: Vec<_> = short.iter().map(|r| r.label_nl().to_lowercase()).collect();
        p.add(
            "outcome",
            format!(
                "Niet genoeg leden kunnen tekenen (aanwezig en zonder belangenverstrengeling): er ontbreekt een {}.",
                roles.join(", ")
            ),
            "Not enough members present and without a conflict can sign this decision.",
        );
    }
}

/// A wizard question as the committee reads it: its text and its article.
fn question_label(id: &str) -> crate::framework::Text {
    let question = crate::wizard::Wizard::builtin().ok().and_then(|w| w.questions.iter().find(|q| q.id == id));
    match question {
        Some(q) => crate::framework::Text {
            nl: format!("\u{201c}{}\u{201d} ({})", q.text.nl, q.article),
            en: format!("\u{201c}{}\u{201d} ({})", q.text.en, q.article),
        },
        None => crate::framework::Text { nl: id.to_string(), en: id.to_string() },
    }
}
