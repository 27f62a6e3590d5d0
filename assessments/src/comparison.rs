//! A re-assessment beside the round it reviews again: per question the verdict and notes then
//! and now, the questions a framework revision added or removed or reworded, and the earlier
//! decision's conditions with their status (a read model for the side-by-side screen).

use serde::Serialize;
use uuid::Uuid;

use crate::followup::ConditionState;
use crate::framework::{Framework, Text};
use crate::pilot::{Answer, Outcome, Pilot, Verdict};

/// Two rounds of one pilot, side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub earlier: RoundSummary,
    pub now: RoundSummary,
    pub reason: crate::pilot::ReassessmentReason,
    pub explanation: String,
    /// The earlier round is still the decision the re-assessment names (its content hash):
    /// false when it was changed behind the app's back, so "then" cannot be trusted.
    pub earlier_as_signed: bool,
    /// Per area of either framework (now's order, then areas only the earlier one had).
    pub areas: Vec<ComparedArea>,
    /// The earlier decision's conditions with their status today.
    pub earlier_conditions: Vec<ConditionState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RoundSummary {
    pub pilot_id: Uuid,
    /// 1 for the first assessment.
    pub round: u32,
    pub framework_version: String,
    pub status: crate::pilot::Status,
    pub outcome: Option<Outcome>,
    /// `YYYY-MM-DD`.
    pub decided_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComparedArea {
    pub area_id: String,
    pub title: Text,
    pub questions: Vec<ComparedQuestion>,
}

/// How a question differs between the two framework versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum QuestionDifference {
    Same,
    /// Only in the framework of the re-assessment.
    Added,
    /// Only in the earlier framework.
    Removed,
    /// In both, with another text, help, evidence, basis, scope or knock-out flag.
    Revised,
}

impl QuestionDifference {
    pub fn label_nl(self) -> &'static str {
        match self {
            QuestionDifference::Same => "Ongewijzigd",
            QuestionDifference::Added => "Nieuwe vraag",
            QuestionDifference::Removed => "Vervallen vraag",
            QuestionDifference::Revised => "Vraag herzien",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ComparedQuestion {
    pub question_id: String,
    /// The text as the re-assessment asks it (the earlier text for a removed question).
    pub text: Text,
    pub change: QuestionDifference,
    /// The earlier round's answer; `None` when the question was not in its framework.
    pub then: Option<Side>,
    /// The re-assessment's answer so far; `None` when the question is not in its framework.
    pub now: Option<Side>,
    /// The verdict differs between the rounds (both given).
    pub verdict_changed: bool,
}

/// One round's answer to a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Side {
    pub verdict: Option<Verdict>,
    pub notes: String,
}

impl Comparison {
    /// `now` (a re-assessment) beside `earlier` (the round it names), each with its framework;
    /// `earlier_conditions` as the follow-up of the earlier decision left them. `None` when
    /// `now` does not re-assess `earlier`.
    pub fn of(
        earlier: (&Pilot, &Framework),
        now: (&Pilot, &Framework),
        earlier_conditions: Vec<ConditionState>,
    ) -> Option<Comparison> {
        let ((then_pilot, then_fw), (now_pilot, now_fw)) = (earlier, now);
        let link = now_pilot.reassesses.as_ref().filter(|r| r.earlier == then_pilot.id)?;
        let mut areas: Vec<ComparedArea> = now_fw
            .areas
            .iter()
            .map(|area| ComparedArea {
                area_id: area.id.clone(),
                title: area.title.clone(),
                questions: area
                    .questions
                    .iter()
                    .map(|q| {
                        let before = then_fw.question(&q.id);
                        let change = match before {
                            None => QuestionDifference::Added,
                            Some(b) if !crate::framework::changed_parts(b, q).is_empty() => QuestionDifference::Revised,
                            Some(_) => QuestionDifference::Same,
                        };
                        let then = before.map(|_| side(then_pilot.answers.get(&q.id)));
                        compared(q.id.clone(), q.text.clone(), change, then, Some(side(now_pilot.answers.get(&q.id))))
                    })
                    .collect(),
            })
            .collect();
        // Questions only the earlier framework asked, in their own area (or one that is gone).
        for area in &then_fw.areas {
            let removed: Vec<ComparedQuestion> = area
                .questions
                .iter()
                .filter(|q| now_fw.question(&q.id).is_none())
                .map(|q| {
                    let then = Some(side(then_pilot.answers.get(&q.id)));
                    compared(q.id.clone(), q.text.clone(), QuestionDifference::Removed, then, None)
                })
                .collect();
            if removed.is_empty() {
                continue;
            }
            match areas.iter_mut().find(|a| a.area_id == area.id) {
                Some(a) => a.questions.extend(removed),
                None => {
                    areas.push(ComparedArea { area_id: area.id.clone(), title: area.title.clone(), questions: removed })
                }
            }
        }
        Some(Comparison {
            earlier: summary(then_pilot, then_fw),
            now: summary(now_pilot, now_fw),
            reason: link.reason,
            explanation: link.explanation.clone(),
            earlier_as_signed: crate::pilot::signing::content_hash(then_pilot).is_ok_and(|h| h == link.earlier_hash),
            areas,
            earlier_conditions,
        })
    }
}

fn compared(
    question_id: String,
    text: Text,
    change: QuestionDifference,
    then: Option<Side>,
    now: Option<Side>,
) -> ComparedQuestion {
    let verdict_changed = match (&then, &now) {
        (Some(Side { verdict: Some(a), .. }), Some(Side { verdict: Some(b), .. })) => a != b,
        _ => false,
    };
    ComparedQuestion { question_id, text, change, then, now, verdict_changed }
}

fn side(answer: Option<&Answer>) -> Side {
    Side { verdict: answer.and_then(|a| a.verdict), notes: answer.map(|a| a.notes.clone()).unwrap_or_default() }
}

fn summary(pilot: &Pilot, framework: &Framework) -> RoundSummary {
    RoundSummary {
        pilot_id: pilot.id,
        round: pilot.reassesses.as_ref().map_or(1, |r| r.round),
        framework_version: framework.version.clone(),
        status: pilot.status,
        outcome: pilot.decision.as_ref().map(|d| d.outcome),
        decided_on: pilot.decision.as_ref().map(|d| crate::base::text::iso_date(d.decided_at.date())),
    }
}
