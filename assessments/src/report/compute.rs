//! The figures of a period, from [`Sources`]; each table beside the same period a year earlier.

use std::collections::{BTreeMap, HashMap};

use time::Date;
use uuid::Uuid;

use super::facts::{DecisionFacts, PilotFacts};
use super::{
    DepartmentConditions, Figure, HeatRow, MemberRow, Period, PortfolioRow, Provenance, QuarterOutcomes, Revision,
    RosterChangeRow, Sources, StoppedPilot, YearlyReport, REPORT_FORMAT,
};
use crate::base::error::Result;
use crate::base::text::iso_date;
use crate::followup::{ConditionStatus, FollowUpEvent, FollowUpKind, LifeStage};
use crate::pilot::{Outcome, Status};
use crate::wizard::{RegisterCategory, RiskClass};

/// The report for `period` from `sources`.
pub fn compute(sources: &Sources<'_>, period: Period) -> Result<YearlyReport> {
    let previous = period.previous()?;
    let index = Index::new(sources);
    let now = Snapshot::of(&index, period);
    let before = Snapshot::of(&index, previous);
    let end = now.end;
    Ok(YearlyReport {
        format: REPORT_FORMAT.into(),
        title: format!("Jaarrapportage AI-toetsing {}", period.label_nl()),
        municipality: sources.municipality.to_string(),
        period,
        previous,
        provenance: Provenance {
            checkpoint: sources.checkpoint.clone(),
            signed_checkpoint: sources.signed_checkpoint.clone(),
            made_at: sources.made_at,
            end,
            intact: None,
        },
        key_figures: figures(&now.key, &before.key),
        quarters: now.quarters.clone(),
        portfolio: portfolio(&index, end),
        risk_classes: figures(&now.classes, &before.classes),
        register_categories: figures(&now.categories, &before.categories),
        heat_map: heat_map(&index, period),
        conditions: figures(&now.conditions, &before.conditions),
        conditions_by_department: now.departments.clone(),
        open_condition_ages: figures(&now.ages, &before.ages),
        monitoring: figures(&now.monitoring, &before.monitoring),
        stopped: now.stopped.clone(),
        without_end_date: now.without_end.clone(),
        without_exit_criteria: now.without_exit.clone(),
        transparency: figures(&now.transparency, &before.transparency),
        revisions: revisions(sources, period),
        members: members(sources, period, end),
        roster_changes: roster_changes(sources, period),
    })
}

/// A figure list: (key, label, value) of this period beside the same keys a year earlier.
type Values = Vec<(&'static str, String, Option<i64>)>;

fn figures(now: &Values, before: &Values) -> Vec<Figure> {
    now.iter()
        .map(|(key, label, value)| Figure {
            key: (*key).to_string(),
            label: label.clone(),
            now: *value,
            before: before.iter().find(|(k, l, _)| k == key && l == label).and_then(|(_, _, v)| *v),
        })
        .collect()
}

fn count(n: usize) -> Option<i64> {
    Some(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The sources arranged for lookups.
struct Index<'a> {
    sources: &'a Sources<'a>,
    /// Each signed decision's own follow-up events (naming its content hash), oldest first.
    events: HashMap<Uuid, Vec<&'a FollowUpEvent>>,
    /// The round that assesses each round again.
    later: HashMap<Uuid, &'a PilotFacts>,
}

impl<'a> Index<'a> {
    fn new(sources: &'a Sources<'a>) -> Self {
        let hashes: HashMap<Uuid, &str> = sources
            .pilots
            .iter()
            .filter_map(|p| p.signed().and_then(|d| d.content_hash.as_deref()).map(|h| (p.id, h)))
            .collect();
        let mut events: HashMap<Uuid, Vec<&FollowUpEvent>> = HashMap::new();
        for e in sources.events {
            if hashes.get(&e.pilot_id) == Some(&e.decision_hash.as_str()) {
                events.entry(e.pilot_id).or_default().push(e);
            }
        }
        let later = sources.pilots.iter().filter_map(|p| p.earlier.map(|e| (e, p))).collect();
        Self { sources, events, later }
    }

    /// The events of `pilot` up to and including day `end`.
    fn events_until(&self, pilot: Uuid, end: Date) -> Vec<FollowUpEvent> {
        self.events
            .get(&pilot)
            .map(|list| list.iter().filter(|e| e.at.date() <= end).map(|e| (*e).clone()).collect())
            .unwrap_or_default()
    }

    /// A signed, positive decision that still stood on `end`: not superseded by a positive
    /// re-assessment decided by then.
    fn in_force(&self, pilot: &PilotFacts, end: Date) -> bool {
        let positive = |p: &PilotFacts| p.signed_by(end).is_some_and(|d| d.outcome.approves());
        positive(pilot) && !self.later.get(&pilot.id).is_some_and(|l| positive(l))
    }
}

/// The day `period`'s figures stand on.
fn end_of(sources: &Sources<'_>, period: Period) -> Date {
    period.end_on(sources.made_at, sources.today)
}

fn in_period(period: Period, date: Date, end: Date) -> bool {
    period.contains(date) && date <= end
}

fn median(mut values: Vec<i64>) -> Option<i64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        // The mean of the middle two, rounded down (whole days).
        _ => Some((values[n / 2 - 1] + values[n / 2]).div_euclid(2)),
    }
}

fn outcome_index(o: Outcome) -> usize {
    match o {
        Outcome::Positive => 0,
        Outcome::PositiveWithConditions => 1,
        Outcome::Postponed => 2,
        Outcome::Negative => 3,
    }
}

fn class_key(c: Option<RiskClass>) -> (&'static str, &'static str) {
    match c {
        Some(RiskClass::Prohibited) => ("class.prohibited", "Verboden"),
        Some(RiskClass::HighRisk) => ("class.highRisk", "Hoog risico"),
        Some(RiskClass::Transparency) => ("class.transparency", "Transparantieverplichting (beperkt risico)"),
        Some(RiskClass::Minimal) => ("class.minimal", "Minimaal risico"),
        Some(RiskClass::NotApplicable) => ("class.notApplicable", "AI-verordening niet van toepassing"),
        None => ("class.unknown", "Nog niet bepaald"),
    }
}

/// The class in a word or two, for the portfolio's narrow column.
fn short_class(c: Option<RiskClass>) -> &'static str {
    match c {
        Some(RiskClass::Prohibited) => "Verboden",
        Some(RiskClass::HighRisk) => "Hoog risico",
        Some(RiskClass::Transparency) => "Transparantie",
        Some(RiskClass::Minimal) => "Minimaal",
        Some(RiskClass::NotApplicable) => "Niet van toepassing",
        None => "Nog niet bepaald",
    }
}

fn category_key(c: Option<RegisterCategory>) -> (&'static str, &'static str) {
    match c {
        Some(RegisterCategory::A) => ("category.a", "A: hoog-risico-AI-systeem"),
        Some(RegisterCategory::B) => ("category.b", "B: impactvol algoritme"),
        Some(RegisterCategory::C) => ("category.c", "C: overig"),
        None => ("category.none", "Geen registratie gevraagd"),
    }
}

/// Every count of one period.
struct Snapshot {
    end: Date,
    key: Values,
    quarters: Vec<QuarterOutcomes>,
    classes: Values,
    categories: Values,
    conditions: Values,
    departments: Vec<DepartmentConditions>,
    ages: Values,
    monitoring: Values,
    stopped: Vec<StoppedPilot>,
    without_end: Vec<String>,
    without_exit: Vec<String>,
    transparency: Values,
}

impl Snapshot {
    fn of(index: &Index<'_>, period: Period) -> Snapshot {
        let end = end_of(index.sources, period);
        let mut s = Snapshot {
            end,
            key: Vec::new(),
            quarters: Vec::new(),
            classes: Vec::new(),
            categories: Vec::new(),
            conditions: Vec::new(),
            departments: Vec::new(),
            ages: Vec::new(),
            monitoring: Vec::new(),
            stopped: Vec::new(),
            without_end: Vec::new(),
            without_exit: Vec::new(),
            transparency: Vec::new(),
        };
        s.decisions(index, period);
        s.meetings(index, period);
        s.follow_up(index, period);
        s
    }

    /// Section 1 and 3: what came in and what was decided.
    fn decisions(&mut self, index: &Index<'_>, period: Period) {
        let (sources, end) = (index.sources, self.end);
        let when = |map: &HashMap<Uuid, time::OffsetDateTime>, id| map.get(&id).map(|t| t.date());
        let received = sources
            .pilots
            .iter()
            .filter(|p| when(&sources.milestones.submitted, p.id).is_some_and(|d| in_period(period, d, end)));
        let assessed = sources
            .pilots
            .iter()
            .filter(|p| when(&sources.milestones.review_started, p.id).is_some_and(|d| in_period(period, d, end)));
        let decided: Vec<(&PilotFacts, &DecisionFacts)> = sources
            .pilots
            .iter()
            .filter_map(|p| p.signed_by(end).map(|d| (p, d)))
            .filter(|(_, d)| in_period(period, d.completed(), end))
            .collect();
        let mut outcomes = [0usize; 4];
        self.quarters = period
            .quarters()
            .map(|quarter| QuarterOutcomes { quarter, positive: 0, with_conditions: 0, postponed: 0, negative: 0 })
            .collect();
        let mut classes: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut categories: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut days = Vec::new();
        for (p, d) in &decided {
            outcomes[outcome_index(d.outcome)] += 1;
            let quarter = (u8::from(d.completed().month()) - 1) / 3 + 1;
            if let Some(q) = self.quarters.iter_mut().find(|q| q.quarter == quarter) {
                match d.outcome {
                    Outcome::Positive => q.positive += 1,
                    Outcome::PositiveWithConditions => q.with_conditions += 1,
                    Outcome::Postponed => q.postponed += 1,
                    Outcome::Negative => q.negative += 1,
                }
            }
            *classes.entry(class_key(p.risk_class)).or_default() += 1;
            *categories.entry(category_key(p.register_category)).or_default() += 1;
            if let Some(submitted) = when(&sources.milestones.submitted, p.id) {
                days.push((d.completed() - submitted).whole_days());
            }
        }
        self.key = vec![
            ("received", "Voorstellen ontvangen".into(), count(received.count())),
            ("assessed", "Voorstellen in behandeling genomen".into(), count(assessed.count())),
            ("decided", "Besluiten (ondertekend)".into(), count(decided.len())),
            ("positive", "Positief".into(), count(outcomes[0])),
            ("withConditions", "Positief onder voorwaarden".into(), count(outcomes[1])),
            ("postponed", "Aangehouden".into(), count(outcomes[2])),
            ("negative", "Negatief".into(), count(outcomes[3])),
            ("medianDays", "Mediaan dagen van indienen tot besluit".into(), median(days)),
        ];
        // Every class and category, also those with none, so the tables keep their shape.
        let all_classes = [
            None,
            Some(RiskClass::NotApplicable),
            Some(RiskClass::Minimal),
            Some(RiskClass::Transparency),
            Some(RiskClass::HighRisk),
            Some(RiskClass::Prohibited),
        ];
        self.classes = all_classes
            .into_iter()
            .map(|c| {
                let k = class_key(c);
                (k.0, k.1.to_string(), count(classes.get(&k).copied().unwrap_or(0)))
            })
            .collect();
        let all_categories = [Some(RegisterCategory::A), Some(RegisterCategory::B), Some(RegisterCategory::C), None];
        self.categories = all_categories
            .into_iter()
            .map(|c| {
                let k = category_key(c);
                (k.0, k.1.to_string(), count(categories.get(&k).copied().unwrap_or(0)))
            })
            .collect();
    }

    /// Section 1: meetings held, quorum, conflicts of interest.
    fn meetings(&mut self, index: &Index<'_>, period: Period) {
        let held: Vec<&crate::meeting::Meeting> = index
            .sources
            .meetings
            .iter()
            .filter(|m| crate::base::text::parse_date(&m.date).is_some_and(|d| in_period(period, d, self.end)))
            .collect();
        let quorum = held.iter().filter(|m| quorum_reached(m)).count();
        let conflicts = held.iter().map(|m| m.conflicts.len()).sum();
        self.key.extend([
            ("meetings", "Vergaderingen gehouden".to_string(), count(held.len())),
            ("quorum", "Vergaderingen met quorum".to_string(), count(quorum)),
            ("conflicts", "Belangenverstrengelingen gemeld".to_string(), count(conflicts)),
        ]);
    }

    /// Sections 5, 6 and 7: the decisions in force at the end and what followed them.
    fn follow_up(&mut self, index: &Index<'_>, period: Period) {
        let end = self.end;
        let mut statuses = [0usize; 6]; // total, met, open, overdue, lapsed, not met
        let mut departments: BTreeMap<String, DepartmentConditions> = BTreeMap::new();
        let mut ages = [0usize; 4];
        let (mut due, mut late, mut in_force, mut published) = (0usize, 0usize, 0usize, 0usize);
        let mut done = 0usize;
        for pilot in index.sources.pilots {
            let Some(signed) = pilot.signed_by(end).filter(|d| d.outcome.approves()) else {
                continue;
            };
            let events = index.events_until(pilot.id, end);
            let stage = crate::followup::stage(&events);
            // Reports handed in during the period count for every round, also a superseded one.
            done += events
                .iter()
                .filter(|e| {
                    matches!(e.kind, FollowUpKind::MonitoringReport { .. }) && in_period(period, e.at.date(), end)
                })
                .count();
            for e in &events {
                if let FollowUpKind::Life { stage: to, date, reason } = &e.kind {
                    if to.ended() && crate::base::text::parse_date(date).is_some_and(|d| in_period(period, d, end)) {
                        self.stopped.push(StoppedPilot {
                            title: pilot.title.clone(),
                            stage: to.label_nl().into(),
                            date: date.clone(),
                            reason: reason.clone(),
                        });
                    }
                }
            }
            if !index.in_force(pilot, end) {
                continue;
            }
            let schedule = crate::followup::report_schedule(&signed.report_dates, signed.evaluation_date);
            for (date, arrived) in crate::followup::report_arrivals(&schedule, &events) {
                if in_period(period, date, end) {
                    due += 1;
                    late += usize::from(arrived.is_none_or(|a| a > date));
                }
            }
            if stage.ended() {
                continue;
            }
            in_force += 1;
            published += usize::from(crate::followup::publication(&events).is_some_and(|(d, _)| d <= end));
            if signed.evaluation_date.is_none() && crate::followup::planned_end(&events).is_none() {
                self.without_end.push(pilot.title.clone());
            }
            if !pilot.exit_criteria {
                self.without_exit.push(pilot.title.clone());
            }
            let dept = departments.entry(pilot.department.clone()).or_insert_with(|| DepartmentConditions {
                department: pilot.department.clone(),
                total: 0,
                met: 0,
                open: 0,
                overdue: 0,
                lapsed: 0,
            });
            count_conditions(&events, signed, end, (&mut statuses, dept, &mut ages));
        }
        (self.conditions, self.ages) = condition_figures(&statuses, &ages);
        self.departments = departments.into_values().filter(|d| d.total > 0).collect();
        let started = index
            .sources
            .pilots
            .iter()
            .filter(|p| p.earlier.is_some() && in_period(period, p.created_at.date(), end))
            .count();
        let reassessed = index
            .sources
            .pilots
            .iter()
            .filter(|p| p.earlier.is_some() && p.signed_by(end).is_some_and(|d| in_period(period, d.completed(), end)))
            .count();
        self.monitoring = vec![
            ("reports.due", "Monitoringsrapportages gevraagd".into(), count(due)),
            ("reports.done", "Monitoringsrapportages ontvangen".into(), count(done)),
            ("reports.late", "Gevraagd en te laat of niet ontvangen".into(), count(late)),
            ("reassessments.started", "Herbeoordelingen gestart".into(), count(started)),
            ("reassessments.decided", "Herbeoordelingen besloten".into(), count(reassessed)),
            ("stopped", "Pilots gestopt of uitgefaseerd".into(), count(self.stopped.len())),
            ("withoutEnd", "Lopend zonder einddatum".into(), count(self.without_end.len())),
            ("withoutExit", "Lopend zonder exitcriteria".into(), count(self.without_exit.len())),
        ];
        let share = (in_force > 0).then(|| i64::try_from((published * 100 + in_force / 2) / in_force).unwrap_or(100));
        self.transparency = vec![
            ("running", "Lopende pilots met een positief besluit".into(), count(in_force)),
            ("published", "Daarvan gepubliceerd in het Algoritmeregister".into(), count(published)),
            ("publishedShare", "Aandeel gepubliceerd (%)".into(), share),
        ];
        self.stopped.sort_by(|a, b| (&a.date, &a.title).cmp(&(&b.date, &b.title)));
        self.without_end.sort();
        self.without_exit.sort();
    }
}

/// The condition figures: the totals and the ages of the open ones.
fn condition_figures(statuses: &[usize; 6], ages: &[usize; 4]) -> (Values, Values) {
    let conditions = vec![
        ("conditions.total", "Voorwaarden bij lopende besluiten".into(), count(statuses[0])),
        ("conditions.met", "Voldaan".into(), count(statuses[1])),
        ("conditions.open", "Open of in uitvoering".into(), count(statuses[2])),
        ("conditions.overdue", "Over de termijn".into(), count(statuses[3])),
        ("conditions.lapsed", "Vervallen".into(), count(statuses[4])),
        ("conditions.notMet", "Niet voldaan".into(), count(statuses[5])),
    ];
    let ages = vec![
        ("age.90", "Open sinds hooguit 90 dagen".into(), count(ages[0])),
        ("age.180", "Open sinds 91 tot 180 dagen".into(), count(ages[1])),
        ("age.365", "Open sinds 181 tot 365 dagen".into(), count(ages[2])),
        ("age.more", "Open sinds meer dan een jaar".into(), count(ages[3])),
    ];
    (conditions, ages)
}

/// Adds the conditions of one decision in force, as they stand on `end`, to the totals (total,
/// met, open, overdue, lapsed, not met), its department's row and the ages of the open ones.
fn count_conditions(
    events: &[FollowUpEvent],
    signed: &DecisionFacts,
    end: Date,
    (statuses, dept, ages): (&mut [usize; 6], &mut DepartmentConditions, &mut [usize; 4]),
) {
    for (i, deadline) in signed.deadlines.iter().enumerate() {
        let (status, _) = crate::followup::condition_status(events, u32::try_from(i).unwrap_or(u32::MAX));
        let outstanding = matches!(status, ConditionStatus::Open | ConditionStatus::InProgress);
        let overdue = matches!(status, ConditionStatus::Open | ConditionStatus::InProgress | ConditionStatus::NotMet)
            && deadline.is_some_and(|d| d < end);
        statuses[0] += 1;
        dept.total += 1;
        match status {
            ConditionStatus::Met => {
                statuses[1] += 1;
                dept.met += 1;
            }
            ConditionStatus::Lapsed => {
                statuses[4] += 1;
                dept.lapsed += 1;
            }
            ConditionStatus::NotMet => statuses[5] += 1,
            ConditionStatus::Open | ConditionStatus::InProgress => {
                statuses[2] += 1;
                dept.open += 1;
            }
        }
        if overdue {
            statuses[3] += 1;
            dept.overdue += 1;
        }
        if outstanding {
            let age = (end - signed.completed()).whole_days();
            ages[match age {
                ..=90 => 0,
                91..=180 => 1,
                181..=365 => 2,
                _ => 3,
            }] += 1;
        }
    }
}

/// Enough members present for the meeting as a whole (conflicts are per pilot).
fn quorum_reached(m: &crate::meeting::Meeting) -> bool {
    let present = m.members.iter().filter(|a| a.present).count();
    match m.quorum {
        crate::meeting::QuorumRule::Majority => present * 2 > m.members.len(),
        crate::meeting::QuorumRule::AtLeast { count } => u32::try_from(present).unwrap_or(u32::MAX) >= count,
    }
}

/// Section 2: each dossier's latest round created by the end, once handed in.
fn portfolio(index: &Index<'_>, end: Date) -> Vec<PortfolioRow> {
    let sources = index.sources;
    let on = |map: &HashMap<Uuid, time::OffsetDateTime>, id: Uuid| map.get(&id).is_some_and(|t| t.date() <= end);
    // Handed in by the end (a pilot from before the audit trail named it: not a draft now).
    let handed_in = |p: &PilotFacts| {
        on(&sources.milestones.submitted, p.id)
            || (!sources.milestones.submitted.contains_key(&p.id)
                && p.status != Status::Draft
                && p.created_at.date() <= end)
    };
    let mut latest: BTreeMap<Uuid, &PilotFacts> = BTreeMap::new();
    for p in sources.pilots.iter().filter(|p| handed_in(p)) {
        let slot = latest.entry(p.dossier).or_insert(p);
        if p.round > slot.round {
            *slot = p;
        }
    }
    let mut rows: Vec<PortfolioRow> = latest
        .into_values()
        .map(|p| {
            // The decision the pilot runs under: this round's, or an earlier round's while
            // this one is being assessed.
            let mut running = Some(p);
            while let Some(r) = running {
                if index.in_force(r, end) {
                    break;
                }
                running = r.earlier.and_then(|e| sources.pilots.iter().find(|x| x.id == e));
            }
            let events = running.map(|r| index.events_until(r.id, end)).unwrap_or_default();
            let signed = p.signed_by(end);
            // Where the review stood on the end day, as far as the records tell.
            let review = if p.decision.as_ref().is_some_and(|d| d.decided_at.date() <= end) {
                "Besloten, nog niet ondertekend"
            } else if on(&sources.milestones.review_started, p.id) {
                Status::InReview.label_nl()
            } else {
                Status::Submitted.label_nl()
            };
            let stage = match (running, signed) {
                (Some(r), _) if r.id != p.id => {
                    format!("{} (herbeoordeling {})", crate::followup::stage(&events).label_nl(), review.to_lowercase())
                }
                (Some(_), _) => crate::followup::stage(&events).label_nl().into(),
                (None, Some(d)) if d.outcome == Outcome::Postponed => "Aangehouden".into(),
                (None, Some(d)) if d.outcome == Outcome::Negative => "Afgewezen".into(),
                (None, Some(_)) => LifeStage::InPilot.label_nl().into(),
                (None, None) => review.into(),
            };
            let conditions = signed.map_or(0, |d| d.deadlines.len());
            let open = (0..conditions)
                .filter(|i| {
                    matches!(
                        crate::followup::condition_status(
                            &index.events_until(p.id, end),
                            u32::try_from(*i).unwrap_or(0)
                        )
                        .0,
                        ConditionStatus::Open | ConditionStatus::InProgress | ConditionStatus::NotMet
                    )
                })
                .count();
            PortfolioRow {
                title: p.title.clone(),
                round: p.round,
                department: p.department.clone(),
                risk_class: short_class(p.risk_class).into(),
                register_category: match p.register_category {
                    Some(RegisterCategory::A) => "A",
                    Some(RegisterCategory::B) => "B",
                    Some(RegisterCategory::C) => "C",
                    None => "geen",
                }
                .into(),
                stage,
                decision: signed.map(|d| d.outcome.label_nl().to_string()).unwrap_or_default(),
                decided_on: signed.map(|d| iso_date(d.decided_at.date())).unwrap_or_default(),
                conditions: u32::try_from(conditions).unwrap_or(u32::MAX),
                conditions_open: u32::try_from(open).unwrap_or(u32::MAX),
                evaluation: signed.and_then(|d| d.evaluation_date).map(iso_date).unwrap_or_default(),
                published: crate::followup::publication(&events).is_some_and(|(d, _)| d <= end),
            }
        })
        .collect();
    rows.sort_by(|a, b| (&a.department, &a.title, a.round).cmp(&(&b.department, &b.title, b.round)));
    rows
}

/// Section 4: the verdicts of the period's signed decisions, per area of the framework (the
/// newest title of each area id, in the order of the newest framework that has it).
fn heat_map(index: &Index<'_>, period: Period) -> Vec<HeatRow> {
    let end = end_of(index.sources, period);
    let mut totals: BTreeMap<&str, [u32; 4]> = BTreeMap::new();
    for p in index.sources.pilots {
        if p.signed_by(end).is_some_and(|d| in_period(period, d.completed(), end)) {
            for (area, counts) in &p.verdicts {
                let t = totals.entry(area.as_str()).or_default();
                for (sum, n) in t.iter_mut().zip(counts) {
                    *sum += n;
                }
            }
        }
    }
    let mut order: Vec<(String, String)> = Vec::new();
    for framework in index.sources.frameworks.iter().rev() {
        for area in &framework.areas {
            if !order.iter().any(|(id, _)| *id == area.id) {
                order.push((area.id.clone(), area.title.nl.clone()));
            }
        }
    }
    // Areas no known framework names any more come last, by id.
    for id in totals.keys() {
        if !order.iter().any(|(o, _)| o == id) {
            order.push(((*id).to_string(), (*id).to_string()));
        }
    }
    order
        .into_iter()
        .filter_map(|(id, title)| {
            let [complies, with_conditions, does_not_comply, not_applicable] = *totals.get(id.as_str())?;
            Some(HeatRow { area_id: id, area: title, complies, with_conditions, does_not_comply, not_applicable })
        })
        .collect()
}

/// Section 8: framework versions that took effect in the period, with what changed.
fn revisions(sources: &Sources<'_>, period: Period) -> Vec<Revision> {
    let mut versions: Vec<&crate::framework::Framework> = sources.frameworks.iter().collect();
    versions.sort_by(|a, b| (&a.effective_from, &a.version).cmp(&(&b.effective_from, &b.version)));
    versions
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            crate::base::text::parse_date(&f.effective_from)
                .is_some_and(|d| in_period(period, d, end_of(sources, period)))
        })
        .map(|(i, f)| {
            let before = i.checked_sub(1).and_then(|b| versions.get(b)).filter(|b| b.id == f.id);
            let (added, removed, revised) = before.map_or((0, 0, 0), |b| {
                let d = crate::framework::diff(b, f);
                (d.added_questions.len(), d.removed_questions.len(), d.changed_questions.len())
            });
            Revision {
                version: format!("{} {}", f.id, f.version),
                effective_from: f.effective_from.clone(),
                summary: f.change_summary.nl.clone(),
                added: u32::try_from(added).unwrap_or(u32::MAX),
                removed: u32::try_from(removed).unwrap_or(u32::MAX),
                revised: u32::try_from(revised).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

/// Section 9: the members in office at some moment of the period, with their role at its end
/// (or when they left) and their attendance at the period's meetings.
fn members(sources: &Sources<'_>, period: Period, end: Date) -> Vec<MemberRow> {
    let Ok(state) = crate::committee::roster_log::RosterState::replay(sources.roster) else {
        return Vec::new();
    };
    let meetings: Vec<&crate::meeting::Meeting> = sources
        .meetings
        .iter()
        .filter(|m| crate::base::text::parse_date(&m.date).is_some_and(|d| in_period(period, d, end)))
        .collect();
    let mut rows: Vec<MemberRow> = state
        .members
        .values()
        .filter(|m| m.joined_at.date() <= end && m.ended_at.is_none_or(|e| e.date() >= period.from))
        .map(|m| {
            let invited =
                meetings.iter().filter_map(|x| x.members.iter().find(|a| a.name == m.name)).collect::<Vec<_>>();
            let role = m.roles.iter().rev().find(|r| r.since.date() <= end).map_or(m.role(), |r| r.role);
            MemberRow {
                name: m.name.clone(),
                role: role.label_nl().into(),
                present: u32::try_from(invited.iter().filter(|a| a.present).count()).unwrap_or(u32::MAX),
                invited: u32::try_from(invited.len()).unwrap_or(u32::MAX),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

/// Section 9: the roster's changes in the period, as the log describes them.
fn roster_changes(sources: &Sources<'_>, period: Period) -> Vec<RosterChangeRow> {
    let names: HashMap<Uuid, String> = crate::committee::roster_log::RosterState::replay(sources.roster)
        .map(|s| s.members.values().map(|m| (m.id, m.name.clone())).collect())
        .unwrap_or_default();
    let name = |id: Uuid| names.get(&id).cloned().unwrap_or_else(|| id.to_string());
    let end = end_of(sources, period);
    sources
        .roster
        .iter()
        .filter(|e| in_period(period, e.at.date(), end))
        .map(|e| RosterChangeRow { date: iso_date(e.at.date()), change: e.change.describe_nl(&name) })
        .collect()
}
