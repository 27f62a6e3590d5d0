//! The yearly report: every table computed on a small fixed data set whose figures are worked
//! out by hand below; the spreadsheet and the CSV read back with the same figures as the PDF's
//! text; the same records give the same bytes.

use std::collections::{BTreeMap, HashMap};

use assessments::followup::{ConditionStatus, FollowUpEvent, FollowUpKind, LifeStage};
use assessments::meeting::{Attendee, ConflictOfInterest, Meeting, QuorumRule};
use assessments::pilot::{Outcome, Status};
use assessments::report::facts::{DecisionFacts, Milestones, PilotFacts};
use assessments::report::{Period, PeriodKind, PeriodRequest, Sources, YearlyReport};
use assessments::wizard::{RegisterCategory, RiskClass};
use assessments::Role;
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn at(d: Date) -> OffsetDateTime {
    d.with_hms(10, 0, 0).expect("time").assume_utc()
}

/// Outcome, decided on, evaluation date, report dates, condition deadlines.
type Decided = (Outcome, Date, Option<Date>, Vec<Date>, Vec<Option<Date>>);

struct Pilot {
    n: u128,
    department: &'static str,
    status: Status,
    created: Date,
    class: Option<RiskClass>,
    category: Option<RegisterCategory>,
    decision: Option<Decided>,
    verdicts: &'static [(&'static str, [u32; 4])],
    exit: bool,
    earlier: Option<u128>,
}

fn facts(p: Pilot) -> PilotFacts {
    let signed = p.status == Status::Signed;
    PilotFacts {
        id: id(p.n),
        revision: 1,
        title: format!("Pilot {}", p.earlier.unwrap_or(p.n)),
        department: p.department.into(),
        status: p.status,
        dossier: id(p.earlier.unwrap_or(p.n)),
        round: if p.earlier.is_some() { 2 } else { 1 },
        earlier: p.earlier.map(id),
        created_at: at(p.created),
        risk_class: p.class,
        register_category: p.category,
        decision: p.decision.map(|(outcome, decided, evaluation, report_dates, deadlines)| DecisionFacts {
            outcome,
            decided_at: at(decided),
            evaluation_date: evaluation,
            report_dates,
            deadlines,
            content_hash: signed.then(|| format!("hash-{}", p.n)),
            signed_at: signed.then(|| at(decided)),
        }),
        verdicts: p.verdicts.iter().map(|(a, v)| ((*a).to_string(), *v)).collect(),
        exit_criteria: p.exit,
    }
}

fn event(n: u128, pilot: u128, on: Date, kind: FollowUpKind) -> FollowUpEvent {
    FollowUpEvent {
        id: id(1000 + n),
        pilot_id: id(pilot),
        decision_hash: format!("hash-{pilot}"),
        at: at(on),
        by: "Projectleider".into(),
        kind,
    }
}

fn meeting(n: u128, on: &str, present: [bool; 3], quorum: QuorumRule, conflicts: usize) -> Meeting {
    let names = ["Marieke de Vries", "Joost Ëlberts", "Fatima el Amrani"];
    Meeting {
        id: id(500 + n),
        revision: 1,
        date: on.into(),
        place: "Raadzaal".into(),
        members: names
            .iter()
            .zip(present)
            .map(|(name, present)| Attendee { name: (*name).into(), role: Role::Member, present })
            .collect(),
        quorum,
        agenda: vec![],
        conflicts: (0..conflicts)
            .map(|_| ConflictOfInterest {
                member: names[2].into(),
                pilot_id: id(1),
                reason: "Familie werkt bij de leverancier".into(),
                recorded_by: None,
            })
            .collect(),
        votes: vec![],
        minority_opinions: vec![],
        signed_minutes: false,
        created_at: at(date!(2025 - 01 - 01)),
        updated_at: at(date!(2025 - 01 - 01)),
    }
}

/// The fixed data set. A, B, C are decided in 2026; D in 2025 and assessed again in 2026 (E,
/// still in review); F is a draft; G is handed in and waits.
fn data() -> (Vec<PilotFacts>, Vec<FollowUpEvent>, Vec<Meeting>, Milestones) {
    (pilots(), events(), meetings(), milestones())
}

fn pilots() -> Vec<PilotFacts> {
    let none: Vec<Date> = vec![];
    vec![
        facts(Pilot {
            n: 1,
            department: "Publiekszaken",
            status: Status::Signed,
            created: date!(2026 - 01 - 20),
            class: Some(RiskClass::Transparency),
            category: Some(RegisterCategory::C),
            decision: Some((
                Outcome::PositiveWithConditions,
                date!(2026 - 03 - 01),
                Some(date!(2026 - 09 - 01)),
                none.clone(),
                vec![Some(date!(2026 - 06 - 01)), Some(date!(2027 - 03 - 01))],
            )),
            verdicts: &[("privacy", [3, 1, 0, 1]), ("transparantie", [2, 0, 0, 0])],
            exit: true,
            earlier: None,
        }),
        facts(Pilot {
            n: 2,
            department: "Ruimte",
            status: Status::Signed,
            created: date!(2026 - 03 - 20),
            class: Some(RiskClass::HighRisk),
            category: Some(RegisterCategory::A),
            decision: Some((Outcome::Negative, date!(2026 - 05 - 11), None, none.clone(), vec![])),
            verdicts: &[("privacy", [1, 0, 2, 0])],
            exit: true,
            earlier: None,
        }),
        facts(Pilot {
            n: 3,
            department: "Publiekszaken",
            status: Status::Signed,
            created: date!(2026 - 05 - 20),
            class: Some(RiskClass::Minimal),
            category: None,
            decision: Some((Outcome::Positive, date!(2026 - 08 - 21), None, none.clone(), vec![])),
            verdicts: &[("privacy", [4, 0, 0, 0])],
            exit: false,
            earlier: None,
        }),
        facts(Pilot {
            n: 4,
            department: "Sociaal domein",
            status: Status::Signed,
            created: date!(2025 - 09 - 20),
            class: Some(RiskClass::Transparency),
            category: Some(RegisterCategory::B),
            decision: Some((Outcome::Positive, date!(2025 - 11 - 01), None, vec![date!(2026 - 10 - 01)], vec![])),
            verdicts: &[("privacy", [5, 0, 0, 0])],
            exit: false,
            earlier: None,
        }),
        facts(Pilot {
            n: 5,
            department: "Sociaal domein",
            status: Status::InReview,
            created: date!(2026 - 11 - 15),
            class: Some(RiskClass::Transparency),
            category: Some(RegisterCategory::B),
            decision: None,
            verdicts: &[],
            exit: false,
            earlier: Some(4),
        }),
        facts(Pilot {
            n: 6,
            department: "Ruimte",
            status: Status::Draft,
            created: date!(2026 - 12 - 01),
            class: None,
            category: None,
            decision: None,
            verdicts: &[],
            exit: false,
            earlier: None,
        }),
        facts(Pilot {
            n: 7,
            department: "Ruimte",
            status: Status::Submitted,
            created: date!(2026 - 12 - 19),
            class: None,
            category: None,
            decision: None,
            verdicts: &[],
            exit: true,
            earlier: None,
        }),
    ]
}

fn events() -> Vec<FollowUpEvent> {
    let recording = assessments::meeting::Recording {
        member_id: id(900),
        name: "Joost Ëlberts".into(),
        key_id: id(901),
        at: at(date!(2026 - 05 - 20)),
        signature: "00".into(),
    };
    vec![
        event(
            1,
            1,
            date!(2026 - 05 - 20),
            FollowUpKind::ConditionConfirmed {
                condition: 0,
                status: ConditionStatus::Met,
                note: "DPIA afgerond".into(),
                meeting_id: id(501),
                recording,
            },
        ),
        event(
            2,
            1,
            date!(2026 - 04 - 01),
            FollowUpKind::Published {
                date: "2026-04-01".into(),
                url: "https://algoritmes.overheid.nl/nl/algoritme/1".into(),
            },
        ),
        event(
            3,
            1,
            date!(2026 - 09 - 10),
            FollowUpKind::MonitoringReport { questionnaire: "2026.1".into(), answers: BTreeMap::new() },
        ),
        event(
            4,
            3,
            date!(2026 - 11 - 01),
            FollowUpKind::Life {
                stage: LifeStage::Stopped,
                date: "2026-11-01".into(),
                reason: "Te veel foute antwoorden".into(),
            },
        ),
        // Copied onto another decision: names a hash that is not pilot 4's, so it does not count.
        FollowUpEvent {
            decision_hash: "hash-1".into(),
            ..event(
                5,
                4,
                date!(2026 - 06 - 01),
                FollowUpKind::Published {
                    date: "2026-06-01".into(),
                    url: "https://algoritmes.overheid.nl/nl/algoritme/4".into(),
                },
            )
        },
    ]
}

fn meetings() -> Vec<Meeting> {
    vec![
        meeting(1, "2026-03-01", [true, true, false], QuorumRule::Majority, 1),
        meeting(2, "2026-05-11", [true, false, false], QuorumRule::Majority, 0),
        meeting(3, "2025-11-01", [true, true, true], QuorumRule::AtLeast { count: 3 }, 0),
    ]
}

fn milestones() -> Milestones {
    let mut submitted = HashMap::new();
    let mut review = HashMap::new();
    for (n, s, r) in [
        (1, date!(2026 - 02 - 01), Some(date!(2026 - 02 - 10))),
        (2, date!(2026 - 04 - 01), Some(date!(2026 - 04 - 05))),
        (3, date!(2026 - 06 - 01), Some(date!(2026 - 06 - 15))),
        (4, date!(2025 - 10 - 01), Some(date!(2025 - 10 - 02))),
        (5, date!(2026 - 11 - 16), Some(date!(2026 - 11 - 20))),
        (7, date!(2026 - 12 - 20), None),
    ] {
        submitted.insert(id(n), at(s));
        if let Some(r) = r {
            review.insert(id(n), at(r));
        }
    }
    Milestones { submitted, review_started: review }
}

fn report_of(period: PeriodRequest, made_at: OffsetDateTime) -> YearlyReport {
    let (pilots, events, meetings, milestones) = data();
    let frameworks = assessments::framework::Framework::builtin().expect("frameworks");
    let sources = Sources {
        municipality: "Gemeente Overbetuwe",
        pilots: &pilots,
        events: &events,
        meetings: &meetings,
        milestones: &milestones,
        frameworks: &frameworks,
        roster: &[],
        checkpoint: assessments::audit::Checkpoint { entries: 42, head: "ab".repeat(32) },
        signed_checkpoint: None,
        made_at,
        today: made_at.date(),
    };
    assessments::report::compute(&sources, Period::new(period).expect("period")).expect("report")
}

fn year(y: i32) -> PeriodRequest {
    PeriodRequest { year: y, kind: PeriodKind::Year }
}

/// (now, before) of a figure.
fn pair(r: &YearlyReport, key: &str) -> (Option<i64>, Option<i64>) {
    let f = r.figure(key).unwrap_or_else(|| panic!("figure {key}"));
    (f.now, f.before)
}

#[test]
fn the_review_tables_on_a_fixed_data_set_worked_out_by_hand() {
    let r = report_of(year(2026), datetime!(2027-01-15 09:00 UTC));
    assert_eq!(r.title, "Jaarrapportage AI-toetsing 2026");
    assert_eq!(r.provenance.end, date!(2026 - 12 - 31), "the period is over: it stands on its last day");

    // 1. Handed in: A 1 Feb, B 1 Apr, C 1 Jun, E 16 Nov, G 20 Dec (2025: D). Into review: A, B,
    // C, E (2025: D). Decided and signed: A, B, C (2025: D).
    assert_eq!(pair(&r, "received"), (Some(5), Some(1)));
    assert_eq!(pair(&r, "assessed"), (Some(4), Some(1)));
    assert_eq!(pair(&r, "decided"), (Some(3), Some(1)));
    assert_eq!(pair(&r, "positive"), (Some(1), Some(1)));
    assert_eq!(pair(&r, "withConditions"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "postponed"), (Some(0), Some(0)));
    assert_eq!(pair(&r, "negative"), (Some(1), Some(0)));
    // Days from handing in to the decision: A 28, B 40, C 81 → 40; 2025: D 31.
    assert_eq!(pair(&r, "medianDays"), (Some(40), Some(31)));
    // Meetings: 1 Mar (2 of 3 present, a conflict) and 11 May (1 of 3: no quorum); 2025: one.
    assert_eq!(pair(&r, "meetings"), (Some(2), Some(1)));
    assert_eq!(pair(&r, "quorum"), (Some(1), Some(1)));
    assert_eq!(pair(&r, "conflicts"), (Some(1), Some(0)));
    let quarters: Vec<[u32; 5]> = r
        .quarters
        .iter()
        .map(|q| [u32::from(q.quarter), q.positive, q.with_conditions, q.postponed, q.negative])
        .collect();
    assert_eq!(quarters, vec![[1, 0, 1, 0, 0], [2, 0, 0, 0, 1], [3, 1, 0, 0, 0], [4, 0, 0, 0, 0]]);

    // 2. Portfolio: A, B, C, the dossier of D (its round E) and G; not the draft F.
    let rows: Vec<(&str, &str, &str, &str, u32, u32, bool)> = r
        .portfolio
        .iter()
        .map(|p| {
            (
                p.title.as_str(),
                p.department.as_str(),
                p.stage.as_str(),
                p.decision.as_str(),
                p.conditions,
                p.conditions_open,
                p.published,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Pilot 1", "Publiekszaken", "In pilot", "Positief onder voorwaarden", 2, 1, true),
            ("Pilot 3", "Publiekszaken", "Gestopt", "Positief", 0, 0, false),
            ("Pilot 2", "Ruimte", "Afgewezen", "Negatief", 0, 0, false),
            ("Pilot 7", "Ruimte", "Ingediend", "", 0, 0, false),
            ("Pilot 4", "Sociaal domein", "In pilot (herbeoordeling in behandeling)", "", 0, 0, false),
        ]
    );
    assert_eq!(r.portfolio[0].decided_on, "2026-03-01");
    assert_eq!(r.portfolio[0].evaluation, "2026-09-01");
    assert_eq!((r.portfolio[0].risk_class.as_str(), r.portfolio[0].register_category.as_str()), ("Transparantie", "C"));
    assert_eq!(r.portfolio[4].round, 2);

    // 3. Classes and register categories of the decisions in the period.
    assert_eq!(pair(&r, "class.transparency"), (Some(1), Some(1)));
    assert_eq!(pair(&r, "class.highRisk"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "class.minimal"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "class.prohibited"), (Some(0), Some(0)));
    assert_eq!(pair(&r, "category.a"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "category.b"), (Some(0), Some(1)));
    assert_eq!(pair(&r, "category.c"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "category.none"), (Some(1), Some(0)));

    // 4. Verdicts of A, B and C per area: privacy 3+1+4 complies, 1 with conditions, 2 not,
    // 1 not applicable; transparency (A) 2 complies. In the framework's order.
    let heat: Vec<(&str, [u32; 4])> = r
        .heat_map
        .iter()
        .map(|h| (h.area_id.as_str(), [h.complies, h.with_conditions, h.does_not_comply, h.not_applicable]))
        .collect();
    assert_eq!(heat, vec![("privacy", [8, 1, 2, 1]), ("transparantie", [2, 0, 0, 0])]);
    assert_eq!(r.heat_map[0].area, "Privacy en gegevensbescherming");
}

#[test]
fn the_follow_up_tables_on_the_same_data_set_worked_out_by_hand() {
    let r = report_of(year(2026), datetime!(2027-01-15 09:00 UTC));

    // 5. Conditions of the decisions running on 31 Dec: A's two (one met, one open until
    // March 2027, open for 305 days). C stopped; D has none.
    assert_eq!(pair(&r, "conditions.total"), (Some(2), Some(0)));
    assert_eq!(pair(&r, "conditions.met"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "conditions.open"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "conditions.overdue"), (Some(0), Some(0)));
    assert_eq!(pair(&r, "conditions.lapsed"), (Some(0), Some(0)));
    assert_eq!(pair(&r, "age.365"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "age.90"), (Some(0), Some(0)));
    let depts: Vec<(&str, [u32; 5])> = r
        .conditions_by_department
        .iter()
        .map(|d| (d.department.as_str(), [d.total, d.met, d.open, d.overdue, d.lapsed]))
        .collect();
    assert_eq!(depts, vec![("Publiekszaken", [2, 1, 1, 0, 0])]);

    // 6. Reports asked in 2026: A by its evaluation date 1 Sep (came 10 Sep: late), D on 1 Oct
    // (none): 2 asked, 1 received, 2 late. E started; C stopped; D has no end date and no exit.
    assert_eq!(pair(&r, "reports.due"), (Some(2), Some(0)));
    assert_eq!(pair(&r, "reports.done"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "reports.late"), (Some(2), Some(0)));
    assert_eq!(pair(&r, "reassessments.started"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "reassessments.decided"), (Some(0), Some(0)));
    assert_eq!(pair(&r, "stopped"), (Some(1), Some(0)));
    assert_eq!(r.stopped[0].title, "Pilot 3");
    assert_eq!(r.stopped[0].reason, "Te veel foute antwoorden");
    assert_eq!(r.without_end_date, vec!["Pilot 4"]);
    assert_eq!(r.without_exit_criteria, vec!["Pilot 4"]);
    assert_eq!(pair(&r, "withoutEnd"), (Some(1), Some(1)));

    // 7. Running on 31 Dec: A and D; A published (D's copied event does not count): 50 %.
    assert_eq!(pair(&r, "running"), (Some(2), Some(1)));
    assert_eq!(pair(&r, "published"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "publishedShare"), (Some(50), Some(0)));

    // 8. The framework versions that took effect in 2026: all three shipped ones.
    let versions: Vec<(&str, &str)> =
        r.revisions.iter().map(|v| (v.version.as_str(), v.effective_from.as_str())).collect();
    assert_eq!(
        versions,
        vec![
            ("overbetuwe 2026.1", "2026-10-01"),
            ("overbetuwe 2026.2", "2026-11-28"),
            ("overbetuwe 2026.3", "2026-11-28")
        ]
    );
    assert_eq!((r.revisions[0].added, r.revisions[0].removed), (0, 0), "the first version changes nothing");
    assert!(r.revisions[1].added + r.revisions[1].removed + r.revisions[1].revised > 0);
}

#[test]
fn a_running_period_stands_on_the_last_record_and_events_after_it_do_not_count() {
    // Made on 1 Jun 2026: C is not decided yet, A's report not in, nothing late yet.
    let r = report_of(year(2026), datetime!(2026-06-01 12:00 UTC));
    assert_eq!(r.provenance.end, date!(2026 - 06 - 01));
    assert_eq!(pair(&r, "decided").0, Some(2));
    assert_eq!(pair(&r, "reports.due").0, Some(0));
    assert_eq!(pair(&r, "stopped").0, Some(0));
    assert_eq!(pair(&r, "conditions.met").0, Some(1), "met on 20 May");
    // C was handed in on 1 June and taken into review later: on 1 June it was handed in.
    let c = r.portfolio.iter().find(|p| p.title == "Pilot 3").expect("C handed in on the day");
    assert_eq!((c.stage.as_str(), c.decision.as_str()), ("Ingediend", ""));
    let e = r.portfolio.iter().find(|p| p.title == "Pilot 4").expect("D");
    assert_eq!((e.round, e.stage.as_str()), (1, "In pilot"), "E did not exist yet");
    // The first half of 2026: the quarters 1 and 2 only.
    let half = report_of(PeriodRequest { year: 2026, kind: PeriodKind::FirstHalf }, datetime!(2027-01-15 09:00 UTC));
    assert_eq!(half.quarters.iter().map(|q| q.quarter).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(pair(&half, "decided"), (Some(2), Some(0)));
    assert_eq!(half.title, "Jaarrapportage AI-toetsing eerste helft 2026");
}

#[test]
fn a_year_outside_2000_to_2100_is_refused_with_a_message() {
    let e = Period::new(PeriodRequest { year: 1999, kind: PeriodKind::Year }).expect_err("refused");
    let fields = e.fields();
    assert_eq!(fields[0].field, "year");
    assert!(fields[0].message.nl.contains("tussen 2000 en 2100"), "{}", fields[0].message.nl);
}

// --- Through the app: the real workflow, the files, their figures. ---

use assessments::api::ReportFile;
use assessments::report::tables::Cell;

use crate::support::{signed, TestDb, CHAIR, SECRETARY};

fn tool(name: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A database with one pilot signed (in November 2026, by the test clock) and published.
fn with_a_signed_pilot() -> (TestDb, Uuid) {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let publication = assessments::followup::Publication {
        date: "2026-11-28".into(),
        url: "https://algoritmes.overheid.nl/nl/algoritme/chatbot".into(),
        by: "Anouk van den Brïnk".into(),
    };
    db.service.record_publication(v.pilot.id, publication).expect("published");
    (db, v.pilot.id)
}

fn export(db: &mut TestDb, file: ReportFile, name: &str) -> (std::path::PathBuf, Vec<assessments::report::Progress>) {
    let path = db.dir.path().join(name);
    let mut heard = Vec::new();
    db.service.export_yearly_report(year(2026), file, &path, &mut |p| heard.push(p)).expect("export");
    (path, heard)
}

#[test]
fn the_report_of_real_records_names_its_trail_and_counts_the_signed_decision() {
    let (mut db, _) = with_a_signed_pilot();
    let r = db.service.yearly_report(year(2026), &mut |_| {}).expect("report");
    assert_eq!(pair(&r, "received").0, Some(1));
    assert_eq!(pair(&r, "decided").0, Some(1));
    assert_eq!(pair(&r, "withConditions").0, Some(1));
    assert_eq!(pair(&r, "medianDays").0, Some(0), "handed in and decided on the same day");
    assert_eq!(pair(&r, "published"), (Some(1), Some(0)));
    assert_eq!(pair(&r, "conditions.total").0, Some(1));
    // The trail: its checkpoint now, the last one the signatures signed, the last entry's moment.
    let log = db.service.audit_log().expect("log");
    let last = log.first().expect("entries (newest first)");
    assert_eq!(r.provenance.checkpoint.entries, log.len() as i64);
    assert_eq!(r.provenance.checkpoint.head, last.entry_hash);
    assert_eq!(r.provenance.made_at, last.at);
    let signed = r.provenance.signed_checkpoint.as_ref().expect("the signatures signed a checkpoint");
    assert!(signed.entries < r.provenance.checkpoint.entries, "the publication came after the last signature");
    // The committee: both officers, with their roles; the founding in the roster's changes.
    let members: Vec<(&str, &str)> = r.members.iter().map(|m| (m.name.as_str(), m.role.as_str())).collect();
    assert_eq!(members, vec![(SECRETARY, "Secretaris"), (CHAIR, "Voorzitter")]);
    assert!(r.roster_changes.iter().any(|c| c.change.starts_with("commissie vastgesteld")), "{:?}", r.roster_changes);
    // The dashboard says the same for this year, and follows a new decision and a new proposal
    // (it keeps what it read of each pilot and reads again only what changed).
    let d = db.service.dashboard().expect("dashboard");
    assert_eq!(d.key_figures, r.key_figures);
    assert_eq!(d.heat_map, r.heat_map);
    crate::support::signed(&mut db.service);
    let handed_in = db.service.create(crate::support::proposal()).expect("create").pilot.id;
    db.service.submit(handed_in).expect("submit");
    let d = db.service.dashboard().expect("dashboard");
    let now = |key: &str| d.key_figures.iter().find(|f| f.key == key).and_then(|f| f.now);
    assert_eq!((now("decided"), now("received"), now("assessed")), (Some(2), Some(3), Some(2)));
}

/// A cell as a spreadsheet program reads it from `content.xml`.
#[derive(Debug, PartialEq)]
enum OdsCell {
    Text(String),
    Number(f64),
    Empty,
}

/// Every sheet of an ODS file with its rows, read with an XML parser of its own (not the
/// app's writer): the value type and value of each cell.
fn read_ods(bytes: &[u8]) -> Vec<(String, Vec<Vec<OdsCell>>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut mimetype = String::new();
    archive.by_name("mimetype").expect("mimetype").read_to_string(&mut mimetype).expect("read");
    assert_eq!(mimetype, "application/vnd.oasis.opendocument.spreadsheet");
    let mut content = String::new();
    archive.by_name("content.xml").expect("content.xml").read_to_string(&mut content).expect("read");
    let doc = roxmltree::Document::parse(&content).expect("well-formed XML");
    let table_ns = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    let office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    doc.descendants()
        .filter(|n| n.has_tag_name((table_ns, "table")))
        .map(|t| {
            let rows = t
                .children()
                .filter(|r| r.has_tag_name((table_ns, "table-row")))
                .map(|r| {
                    r.children()
                        .filter(|c| c.has_tag_name((table_ns, "table-cell")))
                        .map(|c| match c.attribute((office_ns, "value-type")) {
                            Some("string") => OdsCell::Text(
                                c.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect(),
                            ),
                            Some("float") => OdsCell::Number(
                                c.attribute((office_ns, "value")).and_then(|v| v.parse().ok()).expect("a value"),
                            ),
                            _ => OdsCell::Empty,
                        })
                        .collect()
                })
                .collect();
            (t.attribute((table_ns, "name")).expect("a name").to_string(), rows)
        })
        .collect()
}

#[test]
fn the_spreadsheet_and_the_csv_read_back_with_the_figures_the_pdf_prints() {
    let (mut db, _) = with_a_signed_pilot();
    let report = db.service.yearly_report(year(2026), &mut |_| {}).expect("report");
    let tables = assessments::report::spreadsheet::all_tables(&report);
    let (ods, heard) = export(&mut db, ReportFile::Ods, "jaarrapportage.ods");
    assert!(heard.iter().any(|p| p.step == "pilots" && p.done == 1 && p.total == 1), "{heard:?}");
    assert_eq!(heard.last().map(|p| (p.step.as_str(), p.done)), Some(("writing", 1)));

    // Every sheet, every cell: text as text, whole numbers as numbers; the mimetype first.
    let bytes = std::fs::read(&ods).expect("ods");
    assert_eq!(&bytes[30..38], b"mimetype", "the mimetype is the first entry");
    let sheets = read_ods(&bytes);
    assert_eq!(sheets.len(), tables.len());
    for (table, (name, rows)) in tables.iter().zip(&sheets) {
        assert_eq!(name, &table.name);
        assert_eq!(rows[0], vec![OdsCell::Text(table.title.clone())]);
        assert_eq!(rows[1], table.columns.iter().map(|c| OdsCell::Text(c.clone())).collect::<Vec<_>>());
        for (r, row) in table.rows.iter().enumerate() {
            let expected: Vec<OdsCell> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => OdsCell::Text(t.clone()),
                    Cell::Number(n) => OdsCell::Number(*n as f64),
                    Cell::Empty => OdsCell::Empty,
                })
                .collect();
            assert_eq!(rows[r + 2], expected, "{} row {r}", table.name);
        }
    }

    // The CSV: the same rows, `;` between fields.
    let (csv, _) = export(&mut db, ReportFile::Csv, "jaarrapportage.csv");
    let bytes = std::fs::read(&csv).expect("csv");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "a byte-order mark for spreadsheet programs");
    let mut reader =
        csv::ReaderBuilder::new().delimiter(b';').has_headers(false).flexible(true).from_reader(&bytes[3..]);
    let records: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("record").iter().map(String::from).collect()).collect();
    let key = &tables[1];
    let at = records.iter().position(|r| r.first() == Some(&key.title)).expect("the key figures' title");
    assert_eq!(records[at + 1], key.columns);
    for (i, row) in key.rows.iter().enumerate() {
        let shown: Vec<String> =
            row.iter().map(|c| if *c == Cell::Empty { String::new() } else { c.shown() }).collect();
        assert_eq!(records[at + 2 + i], shown);
    }

    // The PDF prints each key figure on one line: its label, this period, the year before.
    let (pdf, _) = export(&mut db, ReportFile::Pdf, "jaarrapportage.pdf");
    let text = tool("pdftotext", &["-layout", pdf.to_str().expect("path"), "-"]);
    for f in &report.key_figures {
        let shown = |v: Option<i64>| v.map_or("—".to_string(), |n| n.to_string());
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&f.label))
            .unwrap_or_else(|| panic!("{}:\n{text}", f.label));
        let numbers: Vec<&str> = line[line.find(&f.label).unwrap_or(0) + f.label.len()..].split_whitespace().collect();
        assert_eq!(numbers, vec![shown(f.now), shown(f.before)], "{line}");
    }
    for row in &report.portfolio {
        assert!(text.contains(&row.department), "the portfolio names {}", row.department);
    }
}

#[test]
fn the_same_records_give_the_same_bytes_and_a_new_record_a_new_report() {
    let (mut db, pilot) = with_a_signed_pilot();
    for (file, name) in [(ReportFile::Pdf, "a.pdf"), (ReportFile::Ods, "a.ods"), (ReportFile::Csv, "a.csv")] {
        let (first, _) = export(&mut db, file, name);
        let (second, _) = export(&mut db, file, &format!("b-{name}"));
        assert!(std::fs::read(&first).expect("a") == std::fs::read(&second).expect("b"), "{name}: the same bytes");
    }
    let before = std::fs::read(db.dir.path().join("a.pdf")).expect("pdf");
    let life = assessments::followup::LifeChange {
        stage: LifeStage::InUse,
        date: "2026-11-28".into(),
        reason: "De proef is geslaagd.".into(),
        by: CHAIR.into(),
    };
    db.service.change_life_stage(pilot, life).expect("in use");
    let (after, _) = export(&mut db, ReportFile::Pdf, "c.pdf");
    assert!(std::fs::read(after).expect("pdf") != before, "a new record: a new checkpoint and a new report");
}

#[test]
fn the_report_pdf_is_pdf_a_with_subset_fonts_its_record_and_vector_charts() {
    let (mut db, _) = with_a_signed_pilot();
    let (path, _) = export(&mut db, ReportFile::Pdf, "jaarrapportage.pdf");
    let file = path.to_str().expect("path");
    let report = db.service.yearly_report(year(2026), &mut |_| {}).expect("report");
    let hash = assessments::pdf::report::report_hash(&report).expect("hash");
    let meta = tool("pdfinfo", &["-meta", file]);
    for expected in ["<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>", hash.as_str()] {
        assert!(meta.contains(expected), "XMP lacks {expected}:\n{meta}");
    }
    let fonts = tool("pdffonts", &[file]);
    for row in fonts.lines().skip(2) {
        let cols: Vec<_> = row.split_whitespace().collect();
        assert_eq!((cols[cols.len() - 5], cols[cols.len() - 4]), ("yes", "yes"), "embedded and subset: {row}");
    }
    // No pictures: the charts are vector graphics.
    assert_eq!(tool("pdfimages", &["-list", file]).lines().count(), 2, "only the header lines of an empty list");
    // The record inside reads back as the report.
    let saved = db.dir.path().join("record.json");
    assert!(tool("pdfdetach", &["-list", file]).contains(assessments::pdf::report::REPORT_ATTACHMENT));
    tool("pdfdetach", &["-save", "1", "-o", saved.to_str().expect("path"), file]);
    let inside: YearlyReport = serde_json::from_slice(&std::fs::read(&saved).expect("read")).expect("json");
    assert_eq!(inside, report);

    // PDF/A-1b of the same pages, for Preflight (which knows only part 1).
    let a1b = db.dir.path().join("jaarrapportage-1b.pdf");
    std::fs::write(&a1b, assessments::pdf::report::render(&report, assessments::pdf::Conformance::A1b).expect("1b"))
        .expect("write");
    let (valid, out) = crate::pdf::preflight(&a1b);
    assert!(valid, "Preflight rejects the report as PDF/A-1b:\n{out}");

    // Each page as a PNG for a person to look at.
    let artifacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts/report");
    std::fs::create_dir_all(&artifacts).expect("artifacts");
    tool("pdftoppm", &["-png", "-r", "60", file, artifacts.join("jaarrapportage").to_str().expect("path")]);
    let pages = tool("pdfinfo", &[file]);
    assert!(pages.contains("Pages:"), "{pages}");
}

#[test]
fn export_refuses_a_file_name_of_another_kind_and_writes_nothing() {
    let (mut db, _) = with_a_signed_pilot();
    let path = db.dir.path().join("jaarrapportage.pdf");
    let e = db.service.export_yearly_report(year(2026), ReportFile::Ods, &path, &mut |_| {}).expect_err("refused");
    assert!(e.fields()[0].message.nl.contains(".ods"), "{:?}", e.fields());
    assert!(!path.exists());
}

#[test]
fn sample_data_over_three_years_fills_every_outcome_and_the_follow_up() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = assessments::SqliteStore::open(&dir.path().join("sample.sqlite3")).expect("store");
    assessments::sample::fill_years(&mut store, 60, crate::support::now()).expect("sample");
    let mut service = assessments::Assessments::with_clock(Box::new(store), crate::support::now);
    for y in [2024, 2025, 2026] {
        let r = service.yearly_report(year(y), &mut |_| {}).expect("report");
        for key in ["received", "decided", "positive", "withConditions", "meetings"] {
            assert!(pair(&r, key).0.unwrap_or(0) > 0, "{y}: {key} is 0");
        }
    }
    let r = service.yearly_report(year(2025), &mut |_| {}).expect("report");
    for key in ["postponed", "negative", "published", "reports.done", "stopped"] {
        assert!(pair(&r, key).0.unwrap_or(0) > 0, "2025: {key} is 0");
    }
    assert!(!r.heat_map.is_empty() && !r.portfolio.is_empty());
    // Nothing the sample wrote breaks the check on open.
    let report = service.integrity().expect("integrity");
    assert!(report.changed_outside.is_empty() && report.invalid_signatures.is_empty(), "{report:?}");
}

// --- Adopted and signed by chair and secretary, like a decision. ---

use crate::support::{member, without_triggers, PASSPHRASE};

/// The 2026 report adopted and signed by the chair and the secretary.
fn adopted_and_signed() -> (TestDb, assessments::api::AdoptedView) {
    let (mut db, _) = with_a_signed_pilot();
    let adopted = db.service.adopt_report(year(2026), "Joost Ëlberts").expect("adopt");
    assert_eq!(adopted.missing_roles, vec![Role::Chair, Role::Secretary]);
    let chair = member(&mut db.service, CHAIR, Role::Chair);
    let secretary = member(&mut db.service, SECRETARY, Role::Secretary);
    db.service.sign_report(adopted.id, chair, PASSPHRASE).expect("chair signs");
    let view = db.service.sign_report(adopted.id, secretary, PASSPHRASE).expect("secretary signs");
    (db, view)
}

#[test]
fn chair_and_secretary_sign_the_adopted_report_and_its_pdf_says_so() {
    let (mut db, view) = adopted_and_signed();
    assert!(view.missing_roles.is_empty());
    assert_eq!(view.checks.len(), 2);
    assert!(view.checks.iter().all(|c| c.valid), "{:?}", view.checks);
    let report = db.service.integrity().expect("integrity");
    assert!(report.changed_outside.is_empty() && report.invalid_signatures.is_empty(), "{report:?}");

    let path = db.dir.path().join("vastgesteld.pdf");
    db.service.export_adopted_report(view.id, &path).expect("export");
    let file = path.to_str().expect("path");
    let text = tool("pdftotext", &[file, "-"]).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in ["Vastgesteld en ondertekend", "Marieke de Vries (voorzitter)", "Joost Ëlberts (secretaris)"] {
        assert!(text.contains(expected), "{expected} not in the PDF:\n{text}");
    }
    // The hash may wrap at the line's end.
    assert!(text.replace(' ', "").contains(&format!("sha256:{}", view.content_hash)), "{text}");
    assert_eq!(text.matches("geldig toen dit bestand werd gemaakt").count(), 2, "{text}");
    assert!(tool("pdfdetach", &["-list", file]).contains(assessments::pdf::report::SIGNATURES_ATTACHMENT));
}

#[test]
fn only_the_chair_and_the_secretary_sign_each_once_and_a_wrong_passphrase_signs_nothing() {
    let (mut db, _) = with_a_signed_pilot();
    let adopted = db.service.adopt_report(year(2026), "Joost Ëlberts").expect("adopt");
    let fatima = member(&mut db.service, "Fatima el Amrani", Role::Member);
    // The screens offer who the core names: the chair and the secretary, not the member.
    let offered = |db: &mut TestDb| -> Vec<String> {
        db.service.adopted_reports().expect("list")[0].signers.iter().map(|s| s.name.clone()).collect()
    };
    assert_eq!(offered(&mut db), vec![SECRETARY.to_string(), CHAIR.to_string()], "by name");
    let e = db.service.sign_report(adopted.id, fatima, PASSPHRASE).expect_err("a member does not sign it");
    assert!(e.message().nl.contains("voorzitter en de secretaris"), "{}", e.message().nl);
    let chair = member(&mut db.service, CHAIR, Role::Chair);
    let e = db.service.sign_report(adopted.id, chair, "niet de goede wachtzin hier").expect_err("wrong passphrase");
    assert!(e.fields().iter().any(|f| f.field == "passphrase"), "{e:?}");
    db.service.sign_report(adopted.id, chair, PASSPHRASE).expect("chair signs");
    assert_eq!(offered(&mut db), vec![SECRETARY.to_string()], "the chair is offered no more");
    let e = db.service.sign_report(adopted.id, chair, PASSPHRASE).expect_err("not twice");
    assert!(e.message().nl.contains("al ondertekend"), "{}", e.message().nl);
    let views = db.service.adopted_reports().expect("list");
    assert_eq!(views[0].signatures.len(), 1);
    assert_eq!(views[0].missing_roles, vec![Role::Secretary]);
}

#[test]
fn an_adopted_report_cannot_be_changed_and_an_edit_behind_the_apps_back_is_named() {
    let (db, view) = adopted_and_signed();
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    // With the triggers in place: no update, no delete, no replace.
    for sql in [
        "UPDATE yearly_reports SET record = replace(record, 'Jaarrapportage', 'Jaarverslag')",
        "DELETE FROM report_signatures",
        "DELETE FROM yearly_reports",
        "INSERT OR REPLACE INTO yearly_reports SELECT * FROM yearly_reports",
        "UPDATE report_signatures SET body = body",
    ] {
        let e = conn.execute_batch(sql).expect_err(sql);
        assert!(e.to_string().contains("ai-toets:"), "{sql}: {e}");
    }
    // Behind the triggers: a softer figure in the record, its hash recomputed too.
    without_triggers(&conn, |c| {
        let record: String = c.query_row("SELECT record FROM yearly_reports", [], |r| r.get(0)).expect("record");
        let softer = record.replace(
            "\"key\":\"published\",\"label\":\"Daarvan gepubliceerd in het Algoritmeregister\",\"now\":1",
            "\"key\":\"published\",\"label\":\"Daarvan gepubliceerd in het Algoritmeregister\",\"now\":9",
        );
        assert_ne!(softer, record, "the edit finds its figure");
        let hash = assessments::base::hash::sha256_hex(softer.as_bytes());
        c.execute("UPDATE yearly_reports SET record = ?1, content_hash = ?2", rusqlite::params![softer, hash])
            .expect("edit");
    });
    drop(conn);
    let mut service =
        assessments::Assessments::new(Box::new(assessments::SqliteStore::open(&db.path()).expect("open")));
    let report = service.integrity().expect("integrity");
    let name = format!("Jaarrapportage {}", view.period.label_nl());
    assert!(report.changed_outside.contains(&name), "{report:?}");
    assert!(report.invalid_signatures.contains(&name), "{report:?}");
    let after = service.adopted_reports().expect("list");
    assert!(after[0].checks.iter().all(|c| !c.valid), "{:?}", after[0].checks);
}

#[test]
fn a_decision_signature_copied_onto_a_report_does_not_count() {
    let (mut db, view) = adopted_and_signed();
    let pilot = db.service.list().expect("list")[0].id;
    let decision = db.service.get(pilot).expect("pilot").pilot.signatures[0].clone();
    // The chair's decision signature, relabelled as if over the report's hash.
    let forged =
        assessments::pilot::Signature { id: uuid::Uuid::new_v4(), content_hash: view.content_hash.clone(), ..decision };
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    without_triggers(&conn, |c| {
        c.execute("DELETE FROM report_signatures", []).expect("remove the real ones");
        c.execute(
            "INSERT INTO report_signatures (id, report_id, body, signed_at) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![
                forged.id.to_string(),
                view.id.to_string(),
                serde_json::to_string(&forged).expect("json"),
                "2026-11-28T10:15:00Z"
            ],
        )
        .expect("insert");
    });
    drop(conn);
    let mut service =
        assessments::Assessments::new(Box::new(assessments::SqliteStore::open(&db.path()).expect("open")));
    let views = service.adopted_reports().expect("list");
    assert_eq!(views[0].checks.len(), 1);
    assert!(!views[0].checks[0].valid, "a decision's signature is no report's: {:?}", views[0].checks);
    let report = service.integrity().expect("integrity");
    assert!(!report.invalid_signatures.is_empty() && !report.changed_outside.is_empty(), "{report:?}");
}

#[test]
fn a_report_is_not_adopted_while_the_check_on_open_finds_something_amiss() {
    let (db, _) = with_a_signed_pilot();
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    conn.execute("UPDATE pilot_names SET title = 'Iets anders'", []).expect("an edit behind the app's back");
    drop(conn);
    let mut service =
        assessments::Assessments::new(Box::new(assessments::SqliteStore::open(&db.path()).expect("open")));
    let r = service.yearly_report(year(2026), &mut |_| {}).expect("the report is still made");
    assert_eq!(r.provenance.intact, Some(false), "and says so");
    let e = service.adopt_report(year(2026), "Joost Ëlberts").expect_err("not adopted");
    assert!(e.message().nl.contains("afwijkingen"), "{}", e.message().nl);
    assert!(service.adopted_reports().expect("list").is_empty());
}
