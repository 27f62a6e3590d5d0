//! After the decision: the follow-up of a signed pilot, as append-only events that point at the
//! signed decision (its content hash) and never change it: what happened to a condition
//! (*voorwaarde*) — reported by whoever sees to it, and for *voldaan*, *niet voldaan* and
//! *vervallen* confirmed by the committee in a meeting, recorded with the secretary's key — the
//! project lead's monitoring reports ([`monitoring`]) and the committee taking note of them in a
//! meeting (also recorded with the secretary's key), and the pilot's life after the decision
//! (*in pilot* → *in gebruik*, *verlengd*, *gestopt*, *uitgefaseerd*). What is overdue or due is
//! computed from the dates, never stored.
//!
//! Architecture invariant (ARCHITECTURE.md): a follow-up event is only for a signed, positive
//! decision, names that decision's content hash, and is never changed or deleted; the committee's
//! confirmation of a condition carries the secretary's signed recording from the meeting's
//! minutes ([`FollowUp::check`], `tests/it/followup.rs`).

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

pub mod monitoring;

use std::collections::BTreeMap;

use crate::base::error::{Error, Problems, Result};
use crate::base::text::{check_len, MAX_LINE, MAX_TEXT};
use crate::meeting::Recording;
use crate::pilot::{Pilot, Status};
use monitoring::ReportAnswer;

/// How far ahead "due soon" looks.
pub const DUE_SOON_DAYS: i64 = 14;

/// The status of a condition (*voorwaarde*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ConditionStatus {
    /// *open*
    Open,
    /// *in uitvoering*
    InProgress,
    /// *voldaan*
    Met,
    /// *niet voldaan*
    NotMet,
    /// *vervallen*
    Lapsed,
}

impl ConditionStatus {
    pub fn label_nl(self) -> &'static str {
        match self {
            ConditionStatus::Open => "Open",
            ConditionStatus::InProgress => "In uitvoering",
            ConditionStatus::Met => "Voldaan",
            ConditionStatus::NotMet => "Niet voldaan",
            ConditionStatus::Lapsed => "Vervallen",
        }
    }

    /// The name in files and signed statements (as serde writes it), stable across renames.
    pub fn as_str(self) -> &'static str {
        match self {
            ConditionStatus::Open => "open",
            ConditionStatus::InProgress => "inProgress",
            ConditionStatus::Met => "met",
            ConditionStatus::NotMet => "notMet",
            ConditionStatus::Lapsed => "lapsed",
        }
    }

    /// Voldaan, niet voldaan and vervallen hold only once the committee confirms them.
    pub fn needs_the_committee(self) -> bool {
        matches!(self, ConditionStatus::Met | ConditionStatus::NotMet | ConditionStatus::Lapsed)
    }

    /// Still to be done: open or in progress (a condition not met stays due until the committee
    /// decides otherwise).
    fn outstanding(self) -> bool {
        matches!(self, ConditionStatus::Open | ConditionStatus::InProgress | ConditionStatus::NotMet)
    }
}

/// Where the pilot is in its life after the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum LifeStage {
    /// *in pilot*: from the signature on.
    InPilot,
    /// *in gebruik*: regular use.
    InUse,
    /// *verlengd*: the pilot runs longer.
    Extended,
    /// *gestopt*
    Stopped,
    /// *uitgefaseerd*: taken out of regular use.
    PhasedOut,
}

impl LifeStage {
    pub fn label_nl(self) -> &'static str {
        match self {
            LifeStage::InPilot => "In pilot",
            LifeStage::InUse => "In gebruik",
            LifeStage::Extended => "Verlengd",
            LifeStage::Stopped => "Gestopt",
            LifeStage::PhasedOut => "Uitgefaseerd",
        }
    }

    /// The stages that may follow this one.
    pub fn next(self) -> &'static [LifeStage] {
        match self {
            LifeStage::InPilot | LifeStage::Extended => &[LifeStage::InUse, LifeStage::Extended, LifeStage::Stopped],
            LifeStage::InUse => &[LifeStage::PhasedOut],
            LifeStage::Stopped | LifeStage::PhasedOut => &[],
        }
    }

    /// The Algoritmeregister's status for this stage (`in_use`: the pilot has real effects).
    pub fn register_status(self, in_use: bool) -> &'static str {
        match self {
            LifeStage::InPilot | LifeStage::Extended if !in_use => "In ontwikkeling",
            LifeStage::InPilot | LifeStage::Extended | LifeStage::InUse => "In gebruik",
            LifeStage::Stopped | LifeStage::PhasedOut => "Buiten gebruik",
        }
    }

    pub fn ended(self) -> bool {
        matches!(self, LifeStage::Stopped | LifeStage::PhasedOut)
    }

    /// Still a pilot (in pilot or extended): the decision's evaluation date applies.
    pub fn piloting(self) -> bool {
        matches!(self, LifeStage::InPilot | LifeStage::Extended)
    }
}

/// What the Algoritmekader's phase *uitfaseren* asks when a pilot ends.
pub const ENDING_STEPS: &[(&str, &str)] = &[
    (
        "Informeer de gebruikers en de inwoners die ermee te maken hadden.",
        "Inform the users and the residents it affected.",
    ),
    (
        "Archiveer het besluit, de documentatie en de logs volgens de Archiefwet.",
        "Archive the decision, documentation and logs under the Archives Act.",
    ),
    (
        "Verwijder of vernietig de gegevens die niet bewaard hoeven te worden.",
        "Delete or destroy the data that need not be kept.",
    ),
    (
        "Zet de registratie in het Algoritmeregister op 'Buiten gebruik'.",
        "Set the Algoritmeregister entry to 'Buiten gebruik'.",
    ),
    ("Beëindig of pas het contract met de leverancier aan.", "End or amend the contract with the vendor."),
];

/// One follow-up event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FollowUpEvent {
    pub id: Uuid,
    pub pilot_id: Uuid,
    /// The content hash of the signed decision it follows up.
    pub decision_hash: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub at: OffsetDateTime,
    /// Who reported or decided it.
    pub by: String,
    pub kind: FollowUpKind,
}

impl FollowUpEvent {
    /// The audit trail's subject for this event.
    pub fn audit_subject(&self) -> String {
        format!("followup:{}", self.id)
    }

    /// What the committee recorded in a meeting — a condition's confirmation, a monitoring
    /// report taken note of — as the act the secretary signed in the minutes (`None` for other
    /// events): it binds the decision, what was recorded and the note.
    pub fn confirmation_act(&self) -> Option<(Uuid, crate::meeting::Act<'_>)> {
        let (meeting_id, kind, value, recording) = match &self.kind {
            FollowUpKind::ConditionConfirmed { condition, status, note, meeting_id, recording } => (
                *meeting_id,
                CONFIRMATION_ACT,
                confirmation_value(&self.decision_hash, *condition, *status, note),
                recording,
            ),
            FollowUpKind::ReportNoted { report, note, meeting_id, recording } => {
                (*meeting_id, NOTED_ACT, noted_value(&self.decision_hash, *report, note), recording)
            }
            _ => return None,
        };
        Some((
            meeting_id,
            crate::meeting::Act {
                kind,
                member: COMMITTEE_MEMBER,
                pilot_id: self.pilot_id,
                value,
                recorded_by: Some(recording),
            },
        ))
    }
}

/// The kind of act the secretary records when the committee confirms a condition's status.
pub const CONFIRMATION_ACT: &str = "conditionConfirmed";
/// Who the act is recorded for: the committee as a whole.
pub const COMMITTEE_MEMBER: &str = "commissie";

/// The kind of act the secretary records when the committee takes note of a monitoring report.
pub const NOTED_ACT: &str = "monitoringReportNoted";

/// What the secretary signs when the committee takes note of report `report`: the decision's
/// content hash, the report's id and the note.
pub fn noted_value(decision_hash: &str, report: Uuid, note: &str) -> String {
    format!("{decision_hash}:{report}:{}", note.trim())
}

/// What the secretary signs for a confirmation: the decision's content hash, the condition, the
/// status and the note, so a recording cannot be moved to another decision, condition or status.
pub fn confirmation_value(decision_hash: &str, condition: u32, status: ConditionStatus, note: &str) -> String {
    format!("{decision_hash}:{condition}:{}:{}", status.as_str(), note.trim())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum FollowUpKind {
    /// A report on a condition (by its owner or the project lead). A final status reported here
    /// waits for the committee.
    #[serde(rename_all = "camelCase")]
    ConditionReported { condition: u32, status: ConditionStatus, note: String, evidence: String },
    /// The committee confirms a final status in a meeting: the secretary's recording.
    #[serde(rename_all = "camelCase")]
    ConditionConfirmed { condition: u32, status: ConditionStatus, note: String, meeting_id: Uuid, recording: Recording },
    /// The pilot moves on in its life, from `date` (`YYYY-MM-DD`), for `reason`.
    #[serde(rename_all = "camelCase")]
    Life { stage: LifeStage, date: String, reason: String },
    /// The project lead's monitoring report: the questionnaire's version and the answers.
    #[serde(rename_all = "camelCase")]
    MonitoringReport { questionnaire: String, answers: BTreeMap<String, ReportAnswer> },
    /// The committee took note of monitoring report `report` in a meeting: the secretary's
    /// recording.
    #[serde(rename_all = "camelCase")]
    ReportNoted { report: Uuid, note: String, meeting_id: Uuid, recording: Recording },
    /// The pilot is published in the Algoritmeregister from `date` (`YYYY-MM-DD`) at `url`;
    /// a later publication (a changed entry) takes the place of the one before.
    #[serde(rename_all = "camelCase")]
    Published { date: String, url: String },
}

/// What is asked to record a publication in the Algoritmeregister.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Publication {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The entry's address (`https://…`).
    pub url: String,
    pub by: String,
}

/// The latest publication in the Algoritmeregister among `events`: its date and address.
pub fn publication(events: &[FollowUpEvent]) -> Option<(Date, &str)> {
    events.iter().rev().find_map(|e| match &e.kind {
        FollowUpKind::Published { date, url } => crate::base::text::parse_date(date).map(|d| (d, url.as_str())),
        _ => None,
    })
}

/// What is asked for a new event; the core checks it against the pilot and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConditionReport {
    pub condition: u32,
    pub status: ConditionStatus,
    pub note: String,
    pub evidence: String,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LifeChange {
    pub stage: LifeStage,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub reason: String,
    /// Who decided it.
    pub by: String,
}

/// One condition as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConditionState {
    pub index: u32,
    pub text: String,
    pub owner: String,
    pub deadline: Option<String>,
    /// The status that holds: the last report of open or in progress, or the committee's last
    /// confirmation.
    pub status: ConditionStatus,
    /// A final status reported and not yet confirmed by the committee.
    pub awaiting: Option<ConditionStatus>,
    /// Past its deadline and still outstanding (computed for `today`).
    pub overdue: bool,
    /// Outstanding with a deadline within [`DUE_SOON_DAYS`].
    pub due_soon: bool,
}

/// The round that assesses a decision again (a re-assessment), as far as the follow-up needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LaterRound {
    pub pilot_id: Uuid,
    pub signed: bool,
    /// Its decision, once taken.
    pub outcome: Option<crate::pilot::Outcome>,
    /// Signed and positive: the later decision supersedes this one, whose follow-up then ends.
    /// A signed *aanhouden* or *negatief* supersedes nothing: this decision stays the one the
    /// pilot runs under (and its end is recorded here).
    pub supersedes: bool,
}

impl LaterRound {
    /// The later round `pilot_id` with its status and outcome as stored.
    pub fn new(pilot_id: Uuid, status: Status, outcome: Option<crate::pilot::Outcome>) -> LaterRound {
        let signed = status == Status::Signed;
        LaterRound { pilot_id, signed, outcome, supersedes: signed && outcome.is_some_and(|o| o.approves()) }
    }
}

/// A signed pilot's follow-up as it stands on `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub pilot_id: Uuid,
    pub conditions: Vec<ConditionState>,
    pub stage: LifeStage,
    /// The stages the pilot may move to now.
    pub next_stages: Vec<LifeStage>,
    /// Of those, the ones that end the pilot (then [`FollowUp::ending_steps`] apply).
    pub ending_stages: Vec<LifeStage>,
    /// The evaluation date of the decision has passed: a re-assessment is due.
    pub evaluation_due: bool,
    /// What ending the pilot asks (the Algoritmekader's phase *uitfaseren*).
    pub ending_steps: Vec<crate::framework::Text>,
    /// The re-assessment of this decision, once started; signed, it supersedes this decision
    /// and nothing more is recorded here.
    pub later_round: Option<LaterRound>,
    /// The monitoring reports, oldest first.
    pub reports: Vec<ReportState>,
    /// A monitoring report is due: a report date the decision set (or else its evaluation
    /// date) is past or within two weeks, and fewer reports were handed in than dates so far.
    pub report_due: bool,
    /// The date the next report is due by (`YYYY-MM-DD`), if any is left.
    pub next_report: Option<String>,
    /// The changes the latest report names (question ids) while no re-assessment has started:
    /// the committee may want to assess the pilot again.
    pub changes_reported: Vec<String>,
    /// The questionnaire a new report answers.
    pub questionnaire: monitoring::Questionnaire,
    /// The planned end date the latest report gives (`YYYY-MM-DD`).
    pub planned_end: Option<String>,
    /// That date has passed while the pilot is still a pilot: go on (in use, extended) or stop.
    pub past_planned_end: bool,
    /// The latest publication in the Algoritmeregister, if recorded.
    pub published: Option<Publication>,
    pub events: Vec<FollowUpEvent>,
}

/// A monitoring report as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReportState {
    pub id: Uuid,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub by: String,
    pub questionnaire: String,
    pub answers: BTreeMap<String, ReportAnswer>,
    /// The questions answered "yes" that name a change.
    pub changes: Vec<String>,
    /// The committee's note, when it took note in a meeting.
    pub noted: Option<String>,
}

/// What [`Due`] needs of a signed decision: read on its own over every pilot (the store reads
/// these few columns, not whole pilots).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionTerms {
    pub pilot_id: Uuid,
    pub outcome: crate::pilot::Outcome,
    /// Each condition's deadline, in the decision's order.
    pub deadlines: Vec<Option<Date>>,
    pub evaluation_date: Option<Date>,
    /// The report dates it set (empty: one report, by the evaluation date).
    pub report_dates: Vec<Date>,
    /// Its re-assessment, if one was started.
    pub later: Option<LaterRound>,
}

impl FollowUp {
    /// The follow-up of `pilot` from its `events` (oldest first), on `today`. `None` for a
    /// pilot that has no signed, positive decision.
    pub fn of(pilot: &Pilot, events: &[FollowUpEvent], later: Option<LaterRound>, today: Date) -> Option<FollowUp> {
        let decision = pilot.decision.as_ref().filter(|d| pilot.status == Status::Signed && d.outcome.approves())?;
        let superseded = later.is_some_and(|l| l.supersedes);
        let ended = stage(events).ended() || superseded;
        let dates: Vec<Date> = decision.report_dates.iter().filter_map(|d| crate::base::text::parse_date(d)).collect();
        let schedule = report_schedule(&dates, decision.evaluation_date);
        let conditions = decision
            .conditions
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let index = u32::try_from(i).unwrap_or(u32::MAX);
                let t = Timing::of(events, index, c.deadline.filter(|_| !ended), today);
                ConditionState {
                    index,
                    text: c.text.clone(),
                    owner: c.owner.clone(),
                    deadline: c.deadline.map(crate::base::text::iso_date),
                    status: t.status,
                    awaiting: t.awaiting,
                    overdue: t.overdue,
                    due_soon: t.due_soon,
                }
            })
            .collect();
        let stage = stage(events);
        let next_stages = if superseded { Vec::new() } else { stage.next().to_vec() };
        Some(FollowUp {
            pilot_id: pilot.id,
            conditions,
            stage,
            ending_stages: next_stages.iter().copied().filter(|s| s.ended()).collect(),
            next_stages,
            evaluation_due: evaluation_due(stage, decision.evaluation_date, later, today),
            ending_steps: ENDING_STEPS
                .iter()
                .map(|(nl, en)| crate::framework::Text { nl: (*nl).to_string(), en: (*en).to_string() })
                .collect(),
            later_round: later,
            reports: reports(events),
            report_due: report_due(stage, &schedule, events, later, today),
            next_report: (later.is_none() && stage.piloting())
                .then(|| first_uncovered(&schedule, events, None))
                .flatten()
                .map(crate::base::text::iso_date),
            changes_reported: if later.is_some() { Vec::new() } else { latest_changes(events) },
            questionnaire: monitoring::Questionnaire::current(),
            planned_end: planned_end(events).map(crate::base::text::iso_date),
            past_planned_end: !superseded && past_planned_end(stage, events, today),
            published: events.iter().rev().find_map(|e| match &e.kind {
                FollowUpKind::Published { date, url } => {
                    Some(Publication { date: date.clone(), url: url.clone(), by: e.by.clone() })
                }
                _ => None,
            }),
            events: events.to_vec(),
        })
    }

    /// Checks a new event against the pilot and its history: only for a signed, positive
    /// decision, pointing at that decision; a condition that exists; a final status of a
    /// condition only by the committee (`ConditionConfirmed`, with the secretary's recording);
    /// a life stage that may follow the current one, with a date and a reason.
    pub fn check(
        pilot: &Pilot,
        events: &[FollowUpEvent],
        later: Option<LaterRound>,
        event: &FollowUpEvent,
    ) -> Result<()> {
        let decision = pilot.decision.as_ref();
        if pilot.status != Status::Signed || !decision.is_some_and(|d| d.outcome.approves()) {
            return Err(Error::not_allowed(
                "Opvolging kan pas na een positief besluit dat door iedereen is ondertekend.",
                "Follow-up can only start after a positive decision signed by everyone who must sign it.",
            ));
        }
        if later.is_some_and(|l| l.supersedes) {
            return Err(superseded());
        }
        if event.pilot_id != pilot.id || event.decision_hash != crate::pilot::signing::content_hash(pilot)? {
            return Err(Error::not_allowed(
                "Deze opvolging hoort niet bij het ondertekende besluit van deze pilot.",
                "This follow-up does not belong to this pilot's signed decision.",
            ));
        }
        let count = decision.map_or(0, |d| d.conditions.len());
        let mut p = Problems::default();
        check_len(&mut p, "by", &event.by, MAX_LINE);
        if event.by.trim().is_empty() {
            p.add("by", "Vul in wie het meldt of besluit.", "Fill in who reports or decides it.");
        }
        match &event.kind {
            FollowUpKind::ConditionReported { condition, status, note, evidence } => {
                check_condition(&mut p, *condition, count);
                if condition_status(events, *condition).0.needs_the_committee() {
                    p.add(
                        "condition",
                        "De commissie heeft de stand van deze voorwaarde al bevestigd; alleen de commissie kan die nog wijzigen.",
                        "The committee has confirmed this condition's status; only the committee can change it.",
                    );
                }
                check_len(&mut p, "note", note, MAX_TEXT);
                check_len(&mut p, "evidence", evidence, MAX_TEXT);
                if status.needs_the_committee() && note.trim().is_empty() && evidence.trim().is_empty() {
                    p.add(
                        "note",
                        "Licht toe waarom de voorwaarde zo is, of noem het bewijs.",
                        "Explain why, or name the evidence.",
                    );
                }
            }
            FollowUpKind::ConditionConfirmed { condition, status, note, .. } => {
                check_condition(&mut p, *condition, count);
                check_len(&mut p, "note", note, MAX_TEXT);
                if !status.needs_the_committee() {
                    p.add(
                        "status",
                        "De commissie bevestigt alleen voldaan, niet voldaan of vervallen.",
                        "The committee confirms only met, not met or lapsed.",
                    );
                }
            }
            FollowUpKind::Life { stage: to, date, reason } => {
                let decided = decision.map(|d| d.decided_at.date());
                check_life(&mut p, events, (*to, date, reason), decided, event.at.date());
            }
            FollowUpKind::MonitoringReport { questionnaire, answers } => {
                let input = monitoring::MonitoringReportInput {
                    questionnaire: questionnaire.clone(),
                    answers: answers.clone(),
                    by: event.by.clone(),
                };
                if let Err(e) = monitoring::Questionnaire::current().check(&input) {
                    for f in e.fields() {
                        p.add(&f.field, f.message.nl.clone(), f.message.en.clone());
                    }
                }
            }
            FollowUpKind::ReportNoted { report, note, .. } => {
                check_len(&mut p, "note", note, MAX_TEXT);
                if !events.iter().any(|e| e.id == *report && matches!(e.kind, FollowUpKind::MonitoringReport { .. })) {
                    p.add(
                        "report",
                        "Deze rapportage hoort niet bij dit besluit.",
                        "This report does not belong to this decision.",
                    );
                } else if noted(events, *report) {
                    p.add(
                        "report",
                        "De commissie heeft deze rapportage al besproken.",
                        "The committee has already taken note of this report.",
                    );
                }
            }
            FollowUpKind::Published { date, url } => {
                check_publication(&mut p, date, url, decision.map(|d| d.decided_at.date()), event.at.date());
            }
        }
        p.into_result()
    }
}

/// Checks a life stage (`to`, from `date`, for `reason`) against the stages before: one that
/// may follow, from a real date not before the decision or the stage before and not after
/// `today` (the register export would say "Buiten gebruik" today for a stop next month).
fn check_life(
    p: &mut Problems,
    events: &[FollowUpEvent],
    (to, date, reason): (LifeStage, &str, &str),
    decided: Option<Date>,
    today: Date,
) {
    let now = stage(events);
    if !now.next().contains(&to) {
        p.add(
            "stage",
            format!("Van '{}' kan de pilot niet naar '{}'.", now.label_nl(), to.label_nl()),
            "The pilot cannot move to that stage from where it is.",
        );
    }
    let earliest = last_stage_date(events).max(decided);
    match crate::base::text::parse_date(date) {
        None => p.add("date", "Geef een datum (jjjj-mm-dd).", "Give a date (yyyy-mm-dd)."),
        Some(d) if d > today => p.add(
            "date",
            "Die datum ligt in de toekomst: leg de fase vast als het zover is.",
            "That date lies in the future: record the stage when it happens.",
        ),
        Some(d) if earliest.is_some_and(|e| d < e) => p.add(
            "date",
            "Die datum ligt vóór het besluit of vóór de vorige fase.",
            "That date lies before the decision or the previous stage.",
        ),
        Some(_) => {}
    }
    p.require("reason", reason, "de reden", "the reason");
    check_len(p, "reason", reason, MAX_TEXT);
}

/// A publication: a real date from the decision on and not after `today`, and the entry's
/// `https://` address.
fn check_publication(p: &mut Problems, date: &str, url: &str, decided: Option<Date>, today: Date) {
    match crate::base::text::parse_date(date) {
        None => p.add("date", "Geef een datum (jjjj-mm-dd).", "Give a date (yyyy-mm-dd)."),
        Some(d) if d > today => p.add(
            "date",
            "Die datum ligt in de toekomst: leg de publicatie vast als die er is.",
            "That date lies in the future: record the publication once it is there.",
        ),
        Some(d) if decided.is_some_and(|e| d < e) => {
            p.add("date", "Die datum ligt vóór het besluit.", "That date lies before the decision.")
        }
        Some(_) => {}
    }
    let url = url.trim();
    check_len(p, "url", url, MAX_LINE);
    // No spaces, control or direction characters: the address must read as what it is.
    let hidden = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
    };
    if !url.starts_with("https://") || url.len() <= "https://".len() || url.chars().any(hidden) {
        p.add(
            "url",
            "Geef het adres van de registratie, beginnend met https://.",
            "Give the entry's address, starting with https://.",
        );
    }
}

/// The monitoring reports among `events`, each with the committee's note if it took note.
fn reports(events: &[FollowUpEvent]) -> Vec<ReportState> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            FollowUpKind::MonitoringReport { questionnaire, answers } => Some(ReportState {
                id: e.id,
                at: e.at,
                by: e.by.clone(),
                questionnaire: questionnaire.clone(),
                answers: answers.clone(),
                changes: monitoring::changes_named(answers),
                noted: events.iter().find_map(|n| match &n.kind {
                    FollowUpKind::ReportNoted { report, note, .. } if *report == e.id => Some(note.clone()),
                    _ => None,
                }),
            }),
            _ => None,
        })
        .collect()
}

/// When reports are due: the dates the decision set, or else its evaluation date.
pub fn report_schedule(report_dates: &[Date], evaluation: Option<Date>) -> Vec<Date> {
    if report_dates.is_empty() {
        evaluation.into_iter().collect()
    } else {
        report_dates.to_vec()
    }
}

/// The first date of `schedule` (up to `until`, if given) no report covers. A report covers a
/// date when it was handed in after the date before it (any report covers the first), so an
/// early report counts for the next date only, never for two.
fn first_uncovered(schedule: &[Date], events: &[FollowUpEvent], until: Option<Date>) -> Option<Date> {
    let handed: Vec<Date> = events
        .iter()
        .filter(|e| matches!(e.kind, FollowUpKind::MonitoringReport { .. }))
        .map(|e| e.at.date())
        .collect();
    schedule.iter().enumerate().filter(|(_, d)| until.is_none_or(|u| **d <= u)).find_map(|(i, d)| {
        let after = i.checked_sub(1).and_then(|p| schedule.get(p)).copied();
        let covered = handed.iter().any(|h| after.is_none_or(|a| *h > a));
        (!covered).then_some(*d)
    })
}

/// A report is due from two weeks before each date of the schedule that no report covers,
/// while the pilot is a pilot and no re-assessment has started.
fn report_due(
    stage: LifeStage,
    schedule: &[Date],
    events: &[FollowUpEvent],
    later: Option<LaterRound>,
    today: Date,
) -> bool {
    let soon = today + time::Duration::days(DUE_SOON_DAYS);
    later.is_none() && stage.piloting() && first_uncovered(schedule, events, Some(soon)).is_some()
}

/// Each date of `schedule` with the day the report that covers it came in (see
/// [`first_uncovered`]: the first report after the date before), `None` while none has.
pub fn report_arrivals(schedule: &[Date], events: &[FollowUpEvent]) -> Vec<(Date, Option<Date>)> {
    let handed: Vec<Date> = events
        .iter()
        .filter(|e| matches!(e.kind, FollowUpKind::MonitoringReport { .. }))
        .map(|e| e.at.date())
        .collect();
    schedule
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let after = i.checked_sub(1).and_then(|p| schedule.get(p)).copied();
            (*d, handed.iter().copied().filter(|h| after.is_none_or(|a| *h > a)).min())
        })
        .collect()
}

/// The planned end date the latest monitoring report gives.
pub fn planned_end(events: &[FollowUpEvent]) -> Option<Date> {
    events.iter().rev().find_map(|e| match &e.kind {
        FollowUpKind::MonitoringReport { answers, .. } => {
            answers.get("planned_end").and_then(|a| crate::base::text::parse_date(a.text.trim()))
        }
        _ => None,
    })
}

/// The planned end date has passed while the pilot is still a pilot.
fn past_planned_end(stage: LifeStage, events: &[FollowUpEvent], today: Date) -> bool {
    // A stage decided on or after that date (verlengd, say) answers it.
    let answered = |end: Date| last_stage_date(events).is_some_and(|s| s >= end);
    stage.piloting() && planned_end(events).is_some_and(|d| d < today && !answered(d))
}

/// The changes the latest monitoring report names.
fn latest_changes(events: &[FollowUpEvent]) -> Vec<String> {
    events
        .iter()
        .rev()
        .find_map(|e| match &e.kind {
            FollowUpKind::MonitoringReport { answers, .. } => Some(monitoring::changes_named(answers)),
            _ => None,
        })
        .unwrap_or_default()
}

/// Whether the committee took note of report `report`.
fn noted(events: &[FollowUpEvent], report: Uuid) -> bool {
    events.iter().any(|e| matches!(&e.kind, FollowUpKind::ReportNoted { report: r, .. } if *r == report))
}

/// The decision was assessed again and the new decision is signed.
fn superseded() -> Error {
    Error::not_allowed(
        "Dit besluit is vervangen door de herbeoordeling. Leg de opvolging vast bij het nieuwe besluit.",
        "This decision was superseded by the re-assessment. Record the follow-up on the new decision.",
    )
}

/// Refuses a re-assessment of a signed decision with its follow-up `events` when one has
/// started already or the pilot has ended. Any outcome may be assessed again (a postponed or
/// negative decision, with new information); that it is signed, [`Pilot::reassess`] checks.
pub fn check_reassessment(events: &[FollowUpEvent], later: Option<LaterRound>) -> Result<()> {
    if later.is_some() {
        return Err(already_reassessed());
    }
    if stage(events).ended() {
        return Err(Error::not_allowed(
            "Deze pilot is beëindigd. Dien voor een nieuwe start een nieuw voorstel in.",
            "This pilot has ended. Hand in a new proposal to start again.",
        ));
    }
    Ok(())
}

/// Refuses an attachment at `place` of `pilot` (with its follow-up `events` and its later round):
/// with the proposal only until the decision (the decision then names them by their hash); as
/// evidence of a condition only for a condition of a signed, positive decision not superseded;
/// with a monitoring report only for a report of this decision.
pub fn check_attachment_place(
    pilot: &Pilot,
    events: &[FollowUpEvent],
    later: Option<LaterRound>,
    place: crate::attachments::Place,
) -> Result<()> {
    use crate::attachments::Place;
    match place {
        Place::Proposal => {
            if !matches!(pilot.status, Status::Draft | Status::Submitted | Status::InReview) {
                return Err(Error::not_allowed(
                    "Bijlagen bij het voorstel kunnen tot het besluit: het besluit noemt ze met hun hash. Voeg bewijs later toe bij een voorwaarde of een monitoringsrapportage.",
                    "Attachments to the proposal can be added until the decision, which names them by their hash. Add evidence later to a condition or a monitoring report.",
                ));
            }
        }
        Place::Condition { condition } => {
            let decision = pilot.decision.as_ref().filter(|d| pilot.status == Status::Signed && d.outcome.approves());
            let Some(decision) = decision else {
                return Err(Error::not_allowed(
                    "Bewijs bij een voorwaarde kan pas na een positief besluit dat door iedereen is ondertekend.",
                    "Evidence for a condition can only be added after a positive decision signed by everyone.",
                ));
            };
            if later.is_some_and(|l| l.supersedes) {
                return Err(superseded());
            }
            let mut p = Problems::default();
            check_condition(&mut p, condition, decision.conditions.len());
            p.into_result()?;
        }
        Place::MonitoringReport { report } => {
            if later.is_some_and(|l| l.supersedes) {
                return Err(superseded());
            }
            if !events.iter().any(|e| e.id == report && matches!(e.kind, FollowUpKind::MonitoringReport { .. })) {
                return Err(Error::not_allowed(
                    "Deze monitoringsrapportage hoort niet bij dit besluit.",
                    "This monitoring report does not belong to this decision.",
                ));
            }
        }
    }
    Ok(())
}

/// A second re-assessment of one round (the core checks first; the database's unique index on
/// the earlier round is the backstop and says the same).
pub fn already_reassessed() -> Error {
    Error::not_allowed(
        "Deze ronde wordt al opnieuw beoordeeld. Open de herbeoordeling die er al is.",
        "This round is already being assessed again. Open the re-assessment that exists.",
    )
}

/// The evaluation date has passed while the pilot is still a pilot and no re-assessment has
/// started: a re-assessment is due.
fn evaluation_due(stage: LifeStage, evaluation: Option<Date>, later: Option<LaterRound>, today: Date) -> bool {
    later.is_none() && stage.piloting() && evaluation.is_some_and(|d| d <= today)
}

fn check_condition(p: &mut Problems, condition: u32, count: usize) {
    if usize::try_from(condition).map_or(true, |c| c >= count) {
        p.add("condition", "Deze voorwaarde staat niet in het besluit.", "This condition is not in the decision.");
    }
}

/// Where one condition stands on `today`: what [`ConditionState`] and [`Due`] both need.
struct Timing {
    status: ConditionStatus,
    awaiting: Option<ConditionStatus>,
    overdue: bool,
    due_soon: bool,
}

impl Timing {
    fn of(events: &[FollowUpEvent], index: u32, deadline: Option<Date>, today: Date) -> Timing {
        let (status, awaiting) = condition_status(events, index);
        let outstanding = status.outstanding();
        Timing {
            status,
            awaiting,
            overdue: outstanding && deadline.is_some_and(|d| d < today),
            due_soon: outstanding
                && deadline.is_some_and(|d| d >= today && d <= today + time::Duration::days(DUE_SOON_DAYS)),
        }
    }
}

/// The status that holds for condition `index`, and a final status awaiting the committee.
pub fn condition_status(events: &[FollowUpEvent], index: u32) -> (ConditionStatus, Option<ConditionStatus>) {
    let mut status = ConditionStatus::Open;
    let mut awaiting = None;
    for event in events {
        match &event.kind {
            FollowUpKind::ConditionReported { condition, status: s, .. } if *condition == index => {
                if s.needs_the_committee() {
                    awaiting = Some(*s);
                } else {
                    status = *s;
                    awaiting = None;
                }
            }
            FollowUpKind::ConditionConfirmed { condition, status: s, .. } if *condition == index => {
                status = *s;
                awaiting = None;
            }
            _ => {}
        }
    }
    (status, awaiting)
}

/// The date the last life stage took effect, if any.
fn last_stage_date(events: &[FollowUpEvent]) -> Option<Date> {
    events.iter().rev().find_map(|e| match &e.kind {
        FollowUpKind::Life { date, .. } => crate::base::text::parse_date(date),
        _ => None,
    })
}

/// The life stage the events end in (in pilot before any).
pub fn stage(events: &[FollowUpEvent]) -> LifeStage {
    events
        .iter()
        .rev()
        .find_map(|e| match &e.kind {
            FollowUpKind::Life { stage, .. } => Some(*stage),
            _ => None,
        })
        .unwrap_or(LifeStage::InPilot)
}

/// What is due across all signed pilots, for the start screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Due {
    pub overdue_conditions: u32,
    pub conditions_due_soon: u32,
    /// Final statuses reported and waiting for the committee.
    pub awaiting_confirmation: u32,
    pub evaluations_due: u32,
    /// Monitoring reports due (see [`FollowUp::report_due`]).
    pub reports_due: u32,
    /// Monitoring reports the committee has not taken note of yet.
    pub reports_to_note: u32,
    /// Pilots whose latest report names a change, with no re-assessment started.
    pub changes_reported: u32,
    /// Pilots still piloting past the planned end date their latest report gives.
    pub past_planned_end: u32,
    /// The pilots with anything due, by id.
    pub pilots: Vec<Uuid>,
    /// The pilots behind each count, by kind (`overdue`, `soon`, `awaiting`, `evaluation`,
    /// `report`, `toNote`, `change`, `pastEnd`), so each count links to its own pilots.
    pub pilots_by_kind: std::collections::BTreeMap<String, Vec<Uuid>>,
}

impl Due {
    /// Adds one signed decision with its follow-up `events` (only a positive one has any).
    pub fn add(&mut self, decision: &DecisionTerms, events: &[FollowUpEvent], today: Date) {
        // A superseded decision is followed up in its re-assessment.
        if !decision.outcome.approves() || decision.later.is_some_and(|l| l.supersedes) {
            return;
        }
        let stage = stage(events);
        let (mut overdue, mut soon, mut awaiting) = (0, 0, 0);
        // A pilot that has ended has nothing left to do on its conditions.
        let deadlines = if stage.ended() { &[][..] } else { decision.deadlines.as_slice() };
        for (i, deadline) in deadlines.iter().enumerate() {
            let t = Timing::of(events, u32::try_from(i).unwrap_or(u32::MAX), *deadline, today);
            overdue += u32::from(t.overdue);
            soon += u32::from(t.due_soon);
            awaiting += u32::from(t.awaiting.is_some());
        }
        let evaluation = evaluation_due(stage, decision.evaluation_date, decision.later, today);
        let schedule = report_schedule(&decision.report_dates, decision.evaluation_date);
        let report = report_due(stage, &schedule, events, decision.later, today);
        let to_note = u32::try_from(reports(events).iter().filter(|r| r.noted.is_none()).count()).unwrap_or(u32::MAX);
        let change = decision.later.is_none() && !latest_changes(events).is_empty();
        let past_end = past_planned_end(stage, events, today);
        self.overdue_conditions += overdue;
        self.conditions_due_soon += soon;
        self.awaiting_confirmation += awaiting;
        self.evaluations_due += u32::from(evaluation);
        self.reports_due += u32::from(report);
        self.reports_to_note += to_note;
        self.changes_reported += u32::from(change);
        self.past_planned_end += u32::from(past_end);
        let kinds = [
            ("overdue", overdue > 0),
            ("soon", soon > 0),
            ("awaiting", awaiting > 0),
            ("evaluation", evaluation),
            ("report", report),
            ("toNote", to_note > 0),
            ("change", change),
            ("pastEnd", past_end),
        ];
        for (kind, _) in kinds.iter().filter(|(_, due)| *due) {
            self.pilots_by_kind.entry((*kind).to_string()).or_default().push(decision.pilot_id);
        }
        if kinds.iter().any(|(_, due)| *due) {
            self.pilots.push(decision.pilot_id);
        }
    }
}
