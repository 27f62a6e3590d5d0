//! The yearly report to the council (*Jaarrapportage AI-toetsing*) and the dashboard: figures
//! computed from the app's own records for a period, each beside the same period a year
//! earlier. Pure: [`compute`] reads [`Sources`] (what the store holds, gathered by the API) and
//! never the clock, so the same records and period give the same report, and the PDF, the
//! spreadsheet and the CSV ([`tables`], [`spreadsheet`]) are all drawn from it.
//!
//! The report is computed as it stood at its *peilmoment*: the end of the period, or for a
//! period still running the moment of the last entry in the audit trail. Events after that
//! moment do not count, so a report made again later from the same records says the same.

pub mod facts;
pub mod signing;
pub mod spreadsheet;
pub mod tables;

mod compute;

pub use compute::compute;
pub use facts::{Milestones, PilotFacts};

use serde::{Deserialize, Serialize};
use time::{Date, Month, OffsetDateTime};

use crate::base::error::{Error, Problems, Result};

/// The format of the report's record, as the PDF carries it.
pub const REPORT_FORMAT: &str = "ai-toets/jaarrapportage/v1";

/// A whole year or one of its halves (an interim report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum PeriodKind {
    Year,
    FirstHalf,
    SecondHalf,
}

/// What the secretary asks for: a year and which part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PeriodRequest {
    pub year: i32,
    pub kind: PeriodKind,
}

/// The period a report covers, first and last day included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Period {
    pub year: i32,
    pub kind: PeriodKind,
    #[serde(with = "crate::base::text::iso")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub from: Date,
    #[serde(with = "crate::base::text::iso")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub to: Date,
}

impl Period {
    /// The period asked for; a year from 2000 to 2100.
    pub fn new(request: PeriodRequest) -> Result<Period> {
        if !(2000..=2100).contains(&request.year) {
            let mut p = Problems::default();
            p.add("year", "Kies een jaar tussen 2000 en 2100.", "Choose a year between 2000 and 2100.");
            p.into_result()?;
        }
        Period::of(request)
    }

    /// The period of `request`, any year.
    fn of(request: PeriodRequest) -> Result<Period> {
        let PeriodRequest { year, kind } = request;
        let day = |m: Month, d: u8| Date::from_calendar_date(year, m, d).map_err(|e| Error::Internal(e.to_string()));
        let (from, to) = match kind {
            PeriodKind::Year => (day(Month::January, 1)?, day(Month::December, 31)?),
            PeriodKind::FirstHalf => (day(Month::January, 1)?, day(Month::June, 30)?),
            PeriodKind::SecondHalf => (day(Month::July, 1)?, day(Month::December, 31)?),
        };
        Ok(Period { year, kind, from, to })
    }

    /// The same part of the year before, for the figures beside.
    pub fn previous(self) -> Result<Period> {
        Period::of(PeriodRequest { year: self.year - 1, kind: self.kind })
    }

    pub fn contains(self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    /// "2026", "eerste helft 2026", "tweede helft 2026".
    pub fn label_nl(self) -> String {
        match self.kind {
            PeriodKind::Year => self.year.to_string(),
            PeriodKind::FirstHalf => format!("eerste helft {}", self.year),
            PeriodKind::SecondHalf => format!("tweede helft {}", self.year),
        }
    }

    /// The quarters the period spans (1 to 4).
    pub fn quarters(self) -> std::ops::RangeInclusive<u8> {
        match self.kind {
            PeriodKind::Year => 1..=4,
            PeriodKind::FirstHalf => 1..=2,
            PeriodKind::SecondHalf => 3..=4,
        }
    }

    /// The day the report stands on (*peildatum*): the period's last day once `today` is past
    /// it; while the period runs, the day of `made_at` (the records' last entry), so the same
    /// records give the same report.
    pub fn end_on(self, made_at: OffsetDateTime, today: Date) -> Date {
        if today > self.to {
            self.to
        } else {
            self.to.min(made_at.date())
        }
    }
}

/// One figure in this period and in the same period a year earlier (`None`: nothing to
/// measure, such as a median of no decisions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    /// A stable name, for the screens and the tests.
    pub key: String,
    pub label: String,
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub now: Option<i64>,
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub before: Option<i64>,
}

/// Signed decisions per outcome in one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QuarterOutcomes {
    pub quarter: u8,
    pub positive: u32,
    pub with_conditions: u32,
    pub postponed: u32,
    pub negative: u32,
}

/// One pilot in the portfolio: its latest round by the end of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PortfolioRow {
    pub title: String,
    pub round: u32,
    pub department: String,
    pub risk_class: String,
    pub register_category: String,
    /// Where it is in its life (*in pilot*, *in gebruik*, *gestopt*…) or in its review.
    pub stage: String,
    pub decision: String,
    /// `YYYY-MM-DD`, empty without a signed decision.
    pub decided_on: String,
    pub conditions: u32,
    pub conditions_open: u32,
    pub evaluation: String,
    pub published: bool,
}

/// How often the questions of one area got each verdict in the period's decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HeatRow {
    pub area_id: String,
    pub area: String,
    pub complies: u32,
    pub with_conditions: u32,
    pub does_not_comply: u32,
    pub not_applicable: u32,
}

/// The conditions of one department's decisions in force, as they stand at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DepartmentConditions {
    pub department: String,
    pub total: u32,
    pub met: u32,
    pub open: u32,
    pub overdue: u32,
    pub lapsed: u32,
}

/// A pilot that stopped (or was phased out) in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StoppedPilot {
    pub title: String,
    pub stage: String,
    pub date: String,
    pub reason: String,
}

/// A framework version that took effect in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    pub version: String,
    pub effective_from: String,
    pub summary: String,
    pub added: u32,
    pub removed: u32,
    pub revised: u32,
}

/// A member in office during the period, with their attendance at its meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MemberRow {
    pub name: String,
    pub role: String,
    pub present: u32,
    pub invited: u32,
}

/// A change to the roster in the period (members, roles, keys, the signing policy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RosterChangeRow {
    pub date: String,
    pub change: String,
}

/// The audit trail the report was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    /// The trail as it stood: entries and the hash of the last.
    pub checkpoint: crate::audit::Checkpoint,
    /// The latest checkpoint a signature, a roster change or the officers signed, if any.
    pub signed_checkpoint: Option<crate::audit::Checkpoint>,
    /// The moment of the trail's last entry: when the records were as reported.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub made_at: OffsetDateTime,
    /// The day the figures stand on (the period's end, or the last entry's day).
    #[serde(with = "crate::base::text::iso")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub end: Date,
    /// What the check on open found when the report was made: `Some(true)` nothing amiss
    /// (`None`: not checked, as for the dashboard).
    pub intact: Option<bool>,
}

/// The yearly report: every table, for one period, with the period a year earlier beside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct YearlyReport {
    pub format: String,
    pub title: String,
    pub municipality: String,
    pub period: Period,
    pub previous: Period,
    pub provenance: Provenance,
    /// 1. Proposals, decisions, lead time, meetings.
    pub key_figures: Vec<Figure>,
    pub quarters: Vec<QuarterOutcomes>,
    /// 2. Every pilot handed in by the end, its latest round.
    pub portfolio: Vec<PortfolioRow>,
    /// 3. The period's signed decisions by AI Act risk class and by register category.
    pub risk_classes: Vec<Figure>,
    pub register_categories: Vec<Figure>,
    /// 4. The framework at work: verdicts per area in the period's decisions.
    pub heat_map: Vec<HeatRow>,
    /// 5. Conditions of the decisions in force at the end.
    pub conditions: Vec<Figure>,
    pub conditions_by_department: Vec<DepartmentConditions>,
    pub open_condition_ages: Vec<Figure>,
    /// 6. Monitoring reports and re-assessments.
    pub monitoring: Vec<Figure>,
    pub stopped: Vec<StoppedPilot>,
    pub without_end_date: Vec<String>,
    pub without_exit_criteria: Vec<String>,
    /// 7. Publication in the Algoritmeregister.
    pub transparency: Vec<Figure>,
    /// 8. Framework revisions that took effect in the period.
    pub revisions: Vec<Revision>,
    /// 9. The committee.
    pub members: Vec<MemberRow>,
    pub roster_changes: Vec<RosterChangeRow>,
}

impl YearlyReport {
    /// A figure of any table by its key.
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        [&self.key_figures, &self.risk_classes, &self.register_categories, &self.conditions]
            .into_iter()
            .chain([&self.open_condition_ages, &self.monitoring, &self.transparency])
            .flat_map(|f| f.iter())
            .find(|f| f.key == key)
    }

    /// What the dashboard shows of it: everything but the long lists.
    pub fn dashboard(mut self) -> Dashboard {
        Dashboard {
            title: std::mem::take(&mut self.title),
            period: self.period,
            end: crate::base::text::iso_date(self.provenance.end),
            key_figures: self.key_figures,
            quarters: self.quarters,
            risk_classes: self.risk_classes,
            register_categories: self.register_categories,
            heat_map: self.heat_map,
            conditions: self.conditions,
            monitoring: self.monitoring,
            transparency: self.transparency,
        }
    }
}

/// The dashboard: the report's key figures and charts for the current year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub title: String,
    pub period: Period,
    /// `YYYY-MM-DD`: the day the figures stand on.
    pub end: String,
    pub key_figures: Vec<Figure>,
    pub quarters: Vec<QuarterOutcomes>,
    pub risk_classes: Vec<Figure>,
    pub register_categories: Vec<Figure>,
    pub heat_map: Vec<HeatRow>,
    pub conditions: Vec<Figure>,
    pub monitoring: Vec<Figure>,
    pub transparency: Vec<Figure>,
}

/// What the report is computed from, gathered by the API from the store.
pub struct Sources<'a> {
    pub municipality: &'a str,
    /// Every round of every pilot, as facts.
    pub pilots: &'a [PilotFacts],
    /// Every follow-up event, in the order appended.
    pub events: &'a [crate::followup::FollowUpEvent],
    pub meetings: &'a [crate::meeting::Meeting],
    /// When each pilot was handed in and taken into review (from the audit trail).
    pub milestones: &'a Milestones,
    /// Every framework version, shipped and loaded.
    pub frameworks: &'a [crate::framework::Framework],
    pub roster: &'a [crate::committee::roster_log::RosterEvent],
    pub checkpoint: crate::audit::Checkpoint,
    pub signed_checkpoint: Option<crate::audit::Checkpoint>,
    /// The moment the records were as they are: the audit trail's last entry (or now).
    pub made_at: OffsetDateTime,
    /// The day the report is made: only whether the period is over counts.
    pub today: Date,
}

/// How far a report being made has come, for the progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// `pilots`, `figures`, `writing`.
    pub step: String,
    pub done: u32,
    pub total: u32,
}
