//! What the report needs of one pilot round, read once from the whole pilot: small enough to
//! keep for 10,000 pilots, so the dashboard only reads again the pilots that changed.

use std::collections::{BTreeMap, HashMap};

use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::base::error::Result;
use crate::pilot::{Outcome, Pilot, Status, Verdict};
use crate::wizard::{Instrument, RegisterCategory, RiskClass};

/// A signed or unsigned decision, as far as the report needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionFacts {
    pub outcome: Outcome,
    pub decided_at: OffsetDateTime,
    pub evaluation_date: Option<Date>,
    pub report_dates: Vec<Date>,
    /// Each condition's deadline, in the decision's order.
    pub deadlines: Vec<Option<Date>>,
    /// The content hash the follow-up events name (signed decisions only).
    pub content_hash: Option<String>,
    /// When the last required signature was set (signed decisions only).
    pub signed_at: Option<OffsetDateTime>,
}

impl DecisionFacts {
    /// The day the decision came into force: signed by everyone who must sign (the day it was
    /// taken while it is not).
    pub fn completed(&self) -> Date {
        self.signed_at.unwrap_or(self.decided_at).date()
    }
}

/// One round of a pilot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PilotFacts {
    pub id: Uuid,
    pub revision: i64,
    pub title: String,
    pub department: String,
    pub status: Status,
    /// The first round's id (the pilot's dossier); its own id for a first assessment.
    pub dossier: Uuid,
    pub round: u32,
    /// The round this one assesses again.
    pub earlier: Option<Uuid>,
    pub created_at: OffsetDateTime,
    /// The AI Act class the decision recorded, else what the wizard concludes now; `None`
    /// while the wizard is incomplete.
    pub risk_class: Option<RiskClass>,
    pub register_category: Option<RegisterCategory>,
    pub decision: Option<DecisionFacts>,
    /// Verdicts per area id: voldoet, onder voorwaarden, voldoet niet, niet van toepassing.
    pub verdicts: BTreeMap<String, [u32; 4]>,
    /// The proposal says what happens after the pilot (*exit*).
    pub exit_criteria: bool,
}

impl PilotFacts {
    /// The facts of `pilot`; `area_of` names the area of a question of its framework.
    pub fn of(pilot: &Pilot, area_of: &dyn Fn(&str) -> Option<String>) -> Result<PilotFacts> {
        let conclusion = pilot.ai_act().ok().filter(|c| c.complete);
        let decision = match &pilot.decision {
            Some(d) => Some(DecisionFacts {
                outcome: d.outcome,
                decided_at: d.decided_at,
                evaluation_date: d.evaluation_date,
                report_dates: d.report_dates.iter().filter_map(|r| crate::base::text::parse_date(r)).collect(),
                deadlines: d.conditions.iter().map(|c| c.deadline).collect(),
                content_hash: match pilot.status {
                    Status::Signed => Some(crate::pilot::signing::content_hash(pilot)?),
                    _ => None,
                },
                signed_at: match pilot.status {
                    Status::Signed => pilot.signatures.iter().map(|s| s.signed_at).max(),
                    _ => None,
                },
            }),
            None => None,
        };
        let mut verdicts: BTreeMap<String, [u32; 4]> = BTreeMap::new();
        for (question, answer) in &pilot.answers {
            let (Some(verdict), Some(area)) = (answer.verdict, area_of(question)) else {
                continue;
            };
            let column = match verdict {
                Verdict::Complies => 0,
                Verdict::CompliesWithConditions => 1,
                Verdict::DoesNotComply => 2,
                Verdict::NotApplicable => 3,
            };
            verdicts.entry(area).or_default()[column] += 1;
        }
        Ok(PilotFacts {
            id: pilot.id,
            revision: pilot.revision,
            title: pilot.proposal.title.clone(),
            department: pilot.proposal.department.clone(),
            status: pilot.status,
            dossier: pilot.reassesses.as_ref().map_or(pilot.id, |r| r.dossier),
            round: pilot.reassesses.as_ref().map_or(1, |r| r.round),
            earlier: pilot.reassesses.as_ref().map(|r| r.earlier),
            created_at: pilot.created_at,
            risk_class: conclusion.as_ref().map(|c| c.class),
            register_category: conclusion.as_ref().and_then(|c| {
                c.instruments.iter().find_map(|i| match i {
                    Instrument::Register { category } => Some(*category),
                    _ => None,
                })
            }),
            decision,
            verdicts,
            exit_criteria: pilot.proposal.details.get("exitCriteria").is_some_and(|t| !t.trim().is_empty()),
        })
    }

    /// The decision, once signed by everyone who must sign, if that was on or before `end`
    /// (a decision signed later had not come into force yet on that day).
    pub fn signed_by(&self, end: Date) -> Option<&DecisionFacts> {
        self.decision.as_ref().filter(|d| self.status == Status::Signed && d.signed_at.is_some_and(|s| s.date() <= end))
    }

    /// The decision signed by everyone who must sign, whenever that was.
    pub fn signed(&self) -> Option<&DecisionFacts> {
        self.decision.as_ref().filter(|_| self.status == Status::Signed)
    }
}

/// When each pilot was handed in and taken into review, from the audit trail (the first time).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Milestones {
    pub submitted: HashMap<Uuid, OffsetDateTime>,
    pub review_started: HashMap<Uuid, OffsetDateTime>,
}

/// The audit trail's action when a proposal is handed in.
pub const SUBMITTED_ACTION: &str = "voorstel ingediend";
/// The audit trail's action when the committee takes a proposal into review.
pub const REVIEW_ACTION: &str = "beoordeling gestart";

impl Milestones {
    /// Adds audit entries `(subject, action, at)`, oldest first: the first of each per pilot
    /// counts (entries after those already added come later in the trail).
    pub fn add(&mut self, entries: impl IntoIterator<Item = (String, String, OffsetDateTime)>) {
        let m = self;
        for (subject, action, at) in entries {
            let Some(id) = subject.strip_prefix("pilot:").and_then(|s| Uuid::parse_str(s).ok()) else {
                continue;
            };
            let map = match action.as_str() {
                SUBMITTED_ACTION => &mut m.submitted,
                REVIEW_ACTION => &mut m.review_started,
                _ => continue,
            };
            map.entry(id).or_insert(at);
        }
    }
}
