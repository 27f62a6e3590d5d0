//! After the decision (issue 13): conditions followed up, the pilot's life, what is due. Each
//! state change, and each refusal: an event on an unsigned decision, a final status without the
//! committee, a condition that does not exist, a stage that cannot follow, an event changed or
//! deleted behind the app's back.

use assessments::followup::{ConditionReport, ConditionStatus, FollowUp, FollowUpKind, LifeChange, LifeStage};
use assessments::meeting::{Attendee, MeetingInput, QuorumRule};
use assessments::{Assessments, Error, Role, SqliteStore, Verdict};
use time::OffsetDateTime;

use crate::support::{conditional_decision, reviewed, signed, TestDb, CHAIR, PASSPHRASE, SECRETARY};

fn report(condition: u32, status: ConditionStatus, note: &str) -> ConditionReport {
    ConditionReport { condition, status, note: note.into(), evidence: String::new(), by: "Privacy officer".into() }
}

/// The app opened again on `now` (the deadline is 15 January 2027, the evaluation 1 June 2027).
fn on(db: &TestDb, now: fn() -> OffsetDateTime) -> Assessments {
    Assessments::with_clock(Box::new(SqliteStore::open(&db.path()).expect("store")), now)
}

/// A meeting held today (the test clock's day) with the secretary's minutes open.
fn meeting_with_minutes(s: &mut Assessments) -> uuid::Uuid {
    meeting_on(s, "2026-11-28")
}

fn meeting_on(s: &mut Assessments, date: &str) -> uuid::Uuid {
    let attendee = |name: &str, role| Attendee { name: name.into(), role, present: true };
    let m = s
        .create_meeting(MeetingInput {
            date: date.into(),
            place: "Raadszaal, Elst".into(),
            members: vec![attendee(CHAIR, Role::Chair), attendee(SECRETARY, Role::Secretary)],
            quorum: QuorumRule::Majority,
            agenda: vec![],
        })
        .expect("meeting")
        .meeting
        .id;
    s.open_minutes(m, PASSPHRASE).expect("minutes");
    m
}

#[test]
fn a_condition_is_reported_then_confirmed_by_the_committee_in_a_meeting() {
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    let f = db.service.follow_up(id).expect("follow-up").expect("a signed positive decision");
    assert_eq!(f.conditions.len(), 1);
    assert_eq!((f.conditions[0].status, f.stage), (ConditionStatus::Open, LifeStage::InPilot));

    let f = db.service.report_condition(id, report(0, ConditionStatus::InProgress, "DPIA loopt")).expect("report");
    assert_eq!(f.conditions[0].status, ConditionStatus::InProgress);
    // Reported done: it waits for the committee.
    let f =
        db.service.report_condition(id, report(0, ConditionStatus::Met, "DPIA afgerond, FG akkoord")).expect("done");
    assert_eq!(
        (f.conditions[0].status, f.conditions[0].awaiting),
        (ConditionStatus::InProgress, Some(ConditionStatus::Met))
    );

    // Outside a meeting (no minutes open) the committee cannot confirm it.
    let m = meeting_with_minutes(&mut db.service);
    db.service.close_minutes();
    let err = db.service.confirm_condition(m, id, 0, ConditionStatus::Met, "").expect_err("minutes closed");
    assert!(matches!(err, Error::NotAllowed(_)), "{err}");
    db.service.open_minutes(m, PASSPHRASE).expect("minutes");
    let err = db.service.confirm_condition(m, id, 0, ConditionStatus::InProgress, "").expect_err("not a final status");
    assert!(err.fields().iter().any(|f| f.field == "status"), "{err:?}");
    let f =
        db.service.confirm_condition(m, id, 0, ConditionStatus::Met, "Bevestigd in de vergadering.").expect("confirm");
    assert_eq!((f.conditions[0].status, f.conditions[0].awaiting), (ConditionStatus::Met, None));
    let confirmed = f.events.iter().find_map(|e| match &e.kind {
        FollowUpKind::ConditionConfirmed { meeting_id, recording, .. } => Some((*meeting_id, recording.name.clone())),
        _ => None,
    });
    assert_eq!(confirmed, Some((m, SECRETARY.to_string())), "recorded with the secretary's key");
    // The meeting's minutes list it.
    let minutes = db.service.get_meeting(m).expect("meeting");
    assert_eq!(minutes.follow_up.len(), 1);
    assert_eq!(minutes.follow_up[0].pilot_id, id);
    // Every event is in the audit trail and the check on open finds them as recorded.
    assert!(db.service.integrity().expect("check").intact);
}

#[test]
fn no_follow_up_without_a_signed_positive_decision_and_no_condition_that_is_not_there() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let id = v.pilot.id;
    db.service.decide(id, conditional_decision()).expect("decide");
    assert!(db.service.follow_up(id).expect("get").is_none());
    let err = db.service.report_condition(id, report(0, ConditionStatus::InProgress, "")).expect_err("not signed");
    assert!(matches!(err, Error::NotAllowed(_)), "{err}");
    let stage = LifeChange { stage: LifeStage::Stopped, date: "2027-01-01".into(), reason: "x".into(), by: "y".into() };
    assert!(db.service.change_life_stage(id, stage).is_err(), "no life stage before the signature");

    let id = signed(&mut db.service).pilot.id;
    let err =
        db.service.report_condition(id, report(3, ConditionStatus::InProgress, "")).expect_err("no such condition");
    assert!(err.fields().iter().any(|f| f.field == "condition"), "{err:?}");
    let err = db.service.report_condition(id, report(0, ConditionStatus::Met, "")).expect_err("done without a word");
    assert!(err.fields().iter().any(|f| f.field == "note"), "{err:?}");
    let nobody = ConditionReport { by: " ".into(), ..report(0, ConditionStatus::InProgress, "x") };
    assert!(db.service.report_condition(id, nobody).is_err(), "who reports it is named");
    assert!(db.service.follow_up(id).expect("get").expect("signed").events.is_empty(), "nothing was stored");
}

#[test]
fn an_event_that_points_at_another_decision_is_refused() {
    let mut db = TestDb::new();
    let pilot = signed(&mut db.service).pilot;
    let f = db.service.report_condition(pilot.id, report(0, ConditionStatus::InProgress, "")).expect("report");
    let mut forged = f.events[0].clone();
    forged.id = uuid::Uuid::new_v4();
    forged.decision_hash = "0".repeat(64);
    let err = FollowUp::check(&pilot, &f.events, None, &forged).expect_err("another decision");
    assert!(matches!(err, Error::NotAllowed(_)), "{err}");
}

#[test]
fn the_pilot_moves_on_in_its_life_only_along_the_allowed_stages() {
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    let change = |stage, reason: &str| LifeChange {
        stage,
        date: "2026-11-28".into(),
        reason: reason.into(),
        by: "Directeur Publiekszaken".into(),
    };
    let err = db.service.change_life_stage(id, change(LifeStage::PhasedOut, "klaar")).expect_err("not from a pilot");
    assert!(err.fields().iter().any(|f| f.field == "stage"), "{err:?}");
    assert!(db.service.change_life_stage(id, change(LifeStage::InUse, "  ")).is_err(), "a reason is required");
    for (date, why) in
        [("1 maart", "a real date"), ("2027-01-01", "not in the future"), ("2026-01-01", "not before the decision")]
    {
        let bad = LifeChange { date: date.into(), ..change(LifeStage::InUse, "werkt") };
        let err = db.service.change_life_stage(id, bad).expect_err(why);
        assert!(err.fields().iter().any(|f| f.field == "date"), "{why}: {err:?}");
    }
    let f = db.service.change_life_stage(id, change(LifeStage::Extended, "Nog een half jaar meten.")).expect("extend");
    assert_eq!(f.next_stages, [LifeStage::InUse, LifeStage::Extended, LifeStage::Stopped]);
    assert_eq!(f.ending_stages, [LifeStage::Stopped], "what ending asks is shown for these");
    let f = db.service.change_life_stage(id, change(LifeStage::InUse, "De doelen zijn gehaald.")).expect("in use");
    assert_eq!((f.stage, f.stage.register_status(true)), (LifeStage::InUse, "In gebruik"));
    let f = db.service.change_life_stage(id, change(LifeStage::PhasedOut, "Vervangen.")).expect("phased out");
    assert_eq!((f.stage.register_status(true), f.next_stages.len()), ("Buiten gebruik", 0));
    assert!(db.service.change_life_stage(id, change(LifeStage::InUse, "weer aan")).is_err(), "ended is ended");
}

fn jan_5() -> OffsetDateTime {
    time::macros::datetime!(2027-01-05 09:00 UTC)
}
fn feb_1() -> OffsetDateTime {
    time::macros::datetime!(2027-02-01 09:00 UTC)
}
fn jul_1() -> OffsetDateTime {
    time::macros::datetime!(2027-07-01 09:00 UTC)
}

#[test]
fn what_is_due_is_computed_from_the_dates_on_the_day_it_is_asked() {
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    assert_eq!(db.service.due().expect("due").pilots.len(), 0, "nothing due in November");
    let due = on(&db, jan_5).due().expect("due");
    assert_eq!((due.conditions_due_soon, due.overdue_conditions), (1, 0), "{due:?}");
    let due = on(&db, feb_1).due().expect("due");
    assert_eq!((due.conditions_due_soon, due.overdue_conditions, due.pilots.clone()), (0, 1, vec![id]), "{due:?}");
    // Each count knows its own pilots (the start screen links to them).
    assert_eq!(due.pilots_by_kind.get("overdue"), Some(&vec![id]));
    assert_eq!(due.pilots_by_kind.get("soon"), None);
    let due = on(&db, jul_1).due().expect("due");
    assert_eq!(due.evaluations_due, 1, "the evaluation date has passed");
    assert_eq!(due.pilots_by_kind.get("evaluation"), Some(&vec![id]));
    // Reported done and waiting for the committee: no longer overdue, but awaiting confirmation.
    let mut later = on(&db, feb_1);
    later.report_condition(id, report(0, ConditionStatus::Met, "Afgerond.")).expect("report");
    let due = later.due().expect("due");
    assert_eq!((due.overdue_conditions, due.awaiting_confirmation), (1, 1), "overdue until confirmed: {due:?}");
}

#[test]
fn a_follow_up_event_cannot_be_changed_or_deleted_and_a_change_behind_the_apps_back_shows() {
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    db.service.report_condition(id, report(0, ConditionStatus::InProgress, "DPIA loopt")).expect("report");
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    let update = conn.execute("UPDATE follow_up_events SET body = json_set(body, '$.by', 'iemand anders')", []);
    assert!(update.is_err(), "updates are refused by the database");
    assert!(conn.execute("DELETE FROM follow_up_events", []).is_err(), "deletes are refused by the database");
    // With the triggers dropped (someone with the file), the check on open names the change.
    conn.execute_batch(
        "DROP TRIGGER follow_up_events_no_update;
         UPDATE follow_up_events SET body = json_set(body, '$.by', 'iemand anders');",
    )
    .expect("tamper");
    let report = on(&db, crate::support::now).integrity().expect("check");
    assert!(!report.intact, "{report:?}");
    assert!(report.schema_problems.iter().any(|p| p.contains("follow_up_events_no_update")), "{report:?}");
    assert!(report.changed_outside.iter().any(|c| c.contains("Opvolging")), "{report:?}");
}

#[test]
fn the_register_entry_follows_the_pilots_life() {
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    let status = |s: &mut Assessments| {
        let view = s.get(id).expect("get");
        assessments::exchange::register_entry(&view, "Gemeente Overbetuwe").expect("entry")["status"].clone()
    };
    assert_eq!(status(&mut db.service), "In gebruik", "the chatbot has real effects during the pilot");
    let stop = LifeChange {
        stage: LifeStage::Stopped,
        date: "2026-11-28".into(),
        reason: "De doelen zijn niet gehaald.".into(),
        by: "Directeur Publiekszaken".into(),
    };
    let f = db.service.change_life_stage(id, stop).expect("stop");
    assert!(f.ending_steps.iter().any(|s| s.nl.contains("Archiveer")), "{:?}", f.ending_steps);
    assert_eq!(status(&mut db.service), "Buiten gebruik");
}

#[test]
fn a_signed_negative_decision_has_nothing_to_follow_up_or_due() {
    let mut db = TestDb::new();
    let id = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    let negative = assessments::DecisionInput {
        outcome: Some(assessments::Outcome::Negative),
        evaluation_date: None,
        conditions: vec![],
        ..conditional_decision()
    };
    db.service.decide(id, negative).expect("decide");
    crate::support::sign_as(&mut db.service, id, CHAIR, Role::Chair).expect("chair");
    crate::support::sign_as(&mut db.service, id, SECRETARY, Role::Secretary).expect("secretary");
    assert!(db.service.follow_up(id).expect("get").is_none());
    let due = on(&db, jul_1).due().expect("due");
    assert!(due.pilots.is_empty(), "{due:?}");
    assert!(db.service.report_condition(id, report(0, ConditionStatus::InProgress, "")).is_err());
}

/// Someone with the database file and the skill to extend the audit chain slips in a
/// confirmation of their own (here: the genuine recording moved to "niet voldaan"), or deletes
/// an event: the check on open names both.
#[test]
fn a_forged_confirmation_or_a_deleted_event_is_named_by_the_check_on_open() {
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    db.service.report_condition(id, report(0, ConditionStatus::Met, "Afgerond.")).expect("report");
    let m = meeting_with_minutes(&mut db.service);
    let f = db.service.confirm_condition(m, id, 0, ConditionStatus::Met, "").expect("confirm");
    assert!(db.service.integrity().expect("check").intact, "the genuine confirmation holds");

    let mut forged = f.events.last().expect("the confirmation").clone();
    forged.id = uuid::Uuid::new_v4();
    if let FollowUpKind::ConditionConfirmed { status, .. } = &mut forged.kind {
        *status = ConditionStatus::NotMet;
    }
    let body = serde_json::to_string(&forged).expect("json");
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    conn.execute(
        "INSERT INTO follow_up_events (id, pilot_id, body, recorded_at) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![forged.id.to_string(), id.to_string(), body, assessments::base::dates::rfc3339(forged.at)],
    )
    .expect("insert");
    let hash = assessments::audit::state_hash(&forged).expect("hash");
    crate::support::append_forged_audit_entry(&db, SECRETARY, &forged.audit_subject(), "voorwaarde bevestigd", &hash);
    let report = on(&db, crate::support::now).integrity().expect("check");
    assert!(report.changed_outside.iter().any(|c| c.contains("bevestiging")), "{report:?}");

    let first = f.events.first().expect("the report").audit_subject();
    conn.execute_batch("DROP TRIGGER follow_up_events_no_delete;").expect("drop");
    conn.execute("DELETE FROM follow_up_events WHERE id = ?1", [f.events[0].id.to_string()]).expect("delete");
    let report = on(&db, crate::support::now).integrity().expect("check");
    assert!(report.changed_outside.iter().any(|c| c.contains(&first)), "{report:?}");
}

#[test]
fn the_committee_confirms_only_in_the_meeting_held_today() {
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    db.service.report_condition(id, report(0, ConditionStatus::Lapsed, "Niet meer nodig.")).expect("report");
    let later = meeting_on(&mut db.service, "2027-03-01");
    let err = db.service.confirm_condition(later, id, 0, ConditionStatus::Lapsed, "").expect_err("another day");
    assert!(err.message().nl.contains("vandaag"), "{}", err.message().nl);
}

/// Rows copied behind the app's back — a confirmation of one pilot under another, an earlier
/// stage again after a later one — change nothing on screen and are named on open.
#[test]
fn a_copied_or_repeated_row_changes_nothing_and_is_named() {
    let mut db = TestDb::new();
    let a = signed(&mut db.service).pilot.id;
    let b = signed(&mut db.service).pilot.id;
    let stage = |stage, reason: &str| LifeChange {
        stage,
        date: "2026-11-28".into(),
        reason: reason.into(),
        by: "Directeur".into(),
    };
    db.service.change_life_stage(b, stage(LifeStage::InUse, "Werkt.")).expect("in use");
    let f = db.service.change_life_stage(b, stage(LifeStage::PhasedOut, "Vervangen.")).expect("phased out");
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    let copy = |row_id: &str, pilot: uuid::Uuid, event: &assessments::followup::FollowUpEvent| {
        conn.execute(
            "INSERT INTO follow_up_events (id, pilot_id, body, recorded_at) VALUES (?1, ?2, ?3, '2099-01-01T00:00:00Z')",
            rusqlite::params![row_id, pilot.to_string(), serde_json::to_string(event).expect("json")],
        )
        .expect("insert");
    };
    copy(&uuid::Uuid::new_v4().to_string(), a, &f.events[0]);
    copy(&uuid::Uuid::new_v4().to_string(), b, &f.events[0]);
    let mut s = on(&db, crate::support::now);
    assert_eq!(s.follow_up(a).expect("a").expect("signed").stage, LifeStage::InPilot, "b's event does not move a");
    assert_eq!(
        s.follow_up(b).expect("b").expect("signed").stage,
        LifeStage::PhasedOut,
        "an old stage again is ignored"
    );
    let report = s.integrity().expect("check");
    assert!(report.changed_outside.iter().filter(|c| c.starts_with("Opvolging")).count() >= 2, "{report:?}");
    // A body that does not read breaks no page.
    conn.execute(
        "INSERT INTO follow_up_events (id, pilot_id, body, recorded_at) VALUES ('x', ?1, '{}', '2099-01-01T00:00:00Z')",
        [a.to_string()],
    )
    .expect("junk");
    let mut s = on(&db, crate::support::now);
    assert!(s.get(a).is_ok() && s.due().is_ok());
    assert!(s.integrity().expect("check").changed_outside.iter().any(|c| c.contains("onleesbaar")));
}

#[test]
fn in_use_or_ended_a_pilot_has_no_evaluation_or_condition_due() {
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    let change =
        |stage| LifeChange { stage, date: "2026-11-28".into(), reason: "Besloten.".into(), by: "Directeur".into() };
    db.service.change_life_stage(id, change(LifeStage::Stopped)).expect("stop");
    let due = on(&db, jul_1).due().expect("due");
    assert_eq!((due.overdue_conditions, due.evaluations_due), (0, 0), "{due:?}");
    let f = on(&db, jul_1).follow_up(id).expect("get").expect("signed");
    assert!(!f.conditions[0].overdue && !f.evaluation_due);
}

mod monitoring {
    use assessments::followup::monitoring::{MonitoringReportInput, ReportAnswer, QUESTIONNAIRE_VERSION};
    use assessments::Error;

    use assessments::followup::{LifeChange, LifeStage};

    use super::{meeting_with_minutes, on};
    use crate::support::{signed, TestDb};

    /// A complete report that names no change.
    pub(super) fn complete_report() -> MonitoringReportInput {
        answers(false)
    }

    /// Every question answered (no change named).
    pub(super) fn complete_answers() -> std::collections::BTreeMap<String, ReportAnswer> {
        answers(false).answers
    }

    fn answers(model_changed: bool) -> MonitoringReportInput {
        let no = || ReportAnswer { yes: Some(false), text: String::new() };
        let text = |t: &str| ReportAnswer { yes: None, text: t.into() };
        let mut answers: std::collections::BTreeMap<String, ReportAnswer> = [
            ("changes_data", no()),
            ("changes_process", no()),
            ("changes_context", no()),
            ("incidents", no()),
            ("complaints", ReportAnswer { yes: Some(true), text: "Twee vragen over de uitleg.".into() }),
            ("conditions", text("De DPIA is af en getoetst door de FG.")),
            ("planned_end", text("2027-09-01")),
            ("exit_criteria", text("Minder dan 5% foute meldingen: door naar gewoon gebruik.")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let model = if model_changed {
            ReportAnswer { yes: Some(true), text: "De leverancier heeft het model opnieuw getraind.".into() }
        } else {
            no()
        };
        answers.insert("changes_model".into(), model);
        MonitoringReportInput { questionnaire: QUESTIONNAIRE_VERSION.into(), answers, by: "Sanne Bakker".into() }
    }

    /// Near the evaluation date (1 June 2027): a report is due.
    fn in_may_2027() -> time::OffsetDateTime {
        time::macros::datetime!(2027-05-25 10:00 UTC)
    }

    #[test]
    fn a_report_is_checked_whole_kept_and_taken_note_of_in_a_meeting() {
        let mut db = TestDb::new();
        let id = signed(&mut db.service).pilot.id;
        let f = db.service.follow_up(id).expect("f").expect("signed");
        assert!(!f.report_due, "not yet: the evaluation is in June 2027");
        assert_eq!(f.questionnaire.version, QUESTIONNAIRE_VERSION);
        let mut later = on(&db, in_may_2027);
        assert!(later.follow_up(id).expect("f").expect("signed").report_due);
        assert_eq!(later.due().expect("due").reports_due, 1);

        // Incomplete: a yes without explanation, a question left open, a date that is none,
        // another questionnaire version. Nothing is kept.
        let mut bad = answers(false);
        bad.answers.insert("incidents".into(), ReportAnswer { yes: Some(true), text: " ".into() });
        bad.answers.remove("changes_data");
        bad.answers.insert("planned_end".into(), ReportAnswer { yes: None, text: "na de zomer".into() });
        bad.questionnaire = "2025.1".into();
        let err = db.service.report_monitoring(id, bad).expect_err("incomplete");
        let fields: Vec<_> = err.fields().iter().map(|f| f.field.clone()).collect();
        for field in ["incidents", "changes_data", "planned_end", "questionnaire"] {
            assert!(fields.iter().any(|f| f == field), "{field}: {fields:?}");
        }
        assert!(db.service.follow_up(id).expect("f").expect("signed").reports.is_empty());

        let f = db.service.report_monitoring(id, answers(true)).expect("report");
        assert_eq!(f.reports.len(), 1);
        assert_eq!(f.reports[0].changes, ["changes_model"]);
        assert_eq!(f.changes_reported, ["changes_model"], "the committee may want to assess it again");
        let due = db.service.due().expect("due");
        assert_eq!((due.reports_to_note, due.changes_reported), (1, 1));
        let report = f.reports[0].id;
        // A file with the report: it belongs there.
        let place = assessments::attachments::Place::MonitoringReport { report };
        let kept =
            db.service.attach(id, place, "rapportage.md", b"# Rapportage mei 2027\n", "Sanne Bakker").expect("file");
        assert_eq!(kept.place, place);

        // The committee takes note only in today's meeting with the minutes open.
        let m = meeting_with_minutes(&mut db.service);
        db.service.close_minutes();
        let err = db.service.note_report(m, id, report, "Besproken.").expect_err("minutes closed");
        assert!(matches!(err, Error::NotAllowed(_)), "{err}");
        db.service.open_minutes(m, crate::support::PASSPHRASE).expect("minutes");
        let f = db.service.note_report(m, id, report, "Besproken; herbeoordeling volgt.").expect("noted");
        assert_eq!(f.reports[0].noted.as_deref(), Some("Besproken; herbeoordeling volgt."));
        // A copied note naming a pilot that is not there breaks no meeting page.
        let raw = rusqlite::Connection::open(db.path()).expect("raw");
        raw.execute_batch("PRAGMA foreign_keys = OFF").expect("as the sqlite3 command line has it");
        let (event_id, body): (String, String) = raw
            .query_row("SELECT id, body FROM follow_up_events WHERE body LIKE '%reportNoted%'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("the note");
        let (ghost, copy) = (uuid::Uuid::new_v4().to_string(), uuid::Uuid::new_v4().to_string());
        let body = body.replace(&id.to_string(), &ghost).replace(&event_id, &copy);
        raw.execute(
            "INSERT INTO follow_up_events (id, pilot_id, body, recorded_at) VALUES (?1, ?2, ?3, '2026-11-28T10:20:00Z')",
            rusqlite::params![copy, ghost, body],
        )
        .expect("inserted");
        let minutes = db.service.get_meeting(m).expect("meeting");
        assert!(minutes.follow_up.iter().any(|f| f.pilot_title == ghost), "the id stands in for the title");
        assert!(minutes.follow_up.iter().any(|f| matches!(
            f.event.kind,
            assessments::followup::FollowUpKind::ReportNoted { report: r, .. } if r == report
        )));
        let err = db.service.note_report(m, id, report, "Nog eens.").expect_err("twice");
        assert!(err.fields().iter().any(|f| f.field == "report"), "{err:?}");
        assert_eq!(db.service.due().expect("due").reports_to_note, 0);
        // The note itself checks out (the secretary's recording); only the copy is named.
        let report = db.service.integrity().expect("check");
        assert!(!report.intact);
        assert!(report.changed_outside.iter().all(|c| c.contains(&ghost)), "{report:?}");

        // The report planned the end for 1 September 2027: after it, a pilot still piloting is due.
        assert_eq!(f.planned_end.as_deref(), Some("2027-09-01"));
        let mut autumn = on(&db, || time::macros::datetime!(2027-09-02 10:00 UTC));
        assert!(autumn.follow_up(id).expect("f").expect("signed").past_planned_end);
        assert_eq!(autumn.due().expect("due").past_planned_end, 1);
        assert_eq!(db.service.due().expect("due").past_planned_end, 0, "not before that date");
        // Extended on that day: answered.
        let extended = LifeChange {
            stage: LifeStage::Extended,
            date: "2027-09-02".into(),
            reason: "Drie maanden langer om de effecten te meten.".into(),
            by: "Directeur".into(),
        };
        autumn.change_life_stage(id, extended).expect("extended");
        assert!(!autumn.follow_up(id).expect("f").expect("signed").past_planned_end);

        // The change leads to a re-assessment: then it is no longer waiting.
        let request = assessments::pilot::ReassessmentRequest {
            reason: assessments::pilot::ReassessmentReason::Change,
            explanation: "Het model is opnieuw getraind (monitoringsrapportage).".into(),
            by: "Sanne Bakker".into(),
        };
        db.service.reassess(id, request).expect("re-assessment");
        assert!(db.service.follow_up(id).expect("f").expect("signed").changes_reported.is_empty());
        assert_eq!(db.service.due().expect("due").changes_reported, 0);
    }
}

mod report_dates {
    use assessments::{DecisionInput, Role, Verdict};

    use super::monitoring::complete_report;
    use super::on;
    use crate::support::{conditional_decision, reviewed, sign_as, TestDb, CHAIR, SECRETARY};

    #[test]
    fn the_decision_sets_when_reports_are_due_and_each_date_asks_for_one() {
        let mut db = TestDb::new();
        let id = reviewed(&mut db.service, Verdict::Complies).pilot.id;
        let with = |dates: &[&str]| DecisionInput {
            report_dates: dates.iter().map(|d| (*d).to_string()).collect(),
            ..conditional_decision()
        };
        for (bad, why) in [(&["2026-01-10"][..], "toekomst"), (&["binnenkort"][..], "geldige")] {
            let err = db.service.decide(id, with(bad)).expect_err(why);
            let f = err.fields().iter().find(|f| f.field == "reportDates").expect("named");
            assert!(f.message.nl.contains(why), "{f:?}");
        }
        // Out of order and twice: kept once each, in order.
        let v = db.service.decide(id, with(&["2027-03-01", "2027-01-10", "2027-03-01"])).expect("decide");
        assert_eq!(v.pilot.decision.expect("d").report_dates, ["2027-01-10", "2027-03-01"]);
        // The PDF says when, on one line beside its label.
        let pdf = db.dir.path().join("besluit.pdf");
        db.service.export_pdf(id, &pdf).expect("pdf");
        let text = assessments::pdf::reader::page_texts(&std::fs::read(&pdf).expect("read")).expect("pages").join("\n");
        assert!(text.contains("Rapportagedata") && text.contains("10 januari 2027, 1 maart 2027"), "{text}");
        sign_as(&mut db.service, id, CHAIR, Role::Chair).expect("chair");
        sign_as(&mut db.service, id, SECRETARY, Role::Secretary).expect("secretary");

        let f = db.service.follow_up(id).expect("f").expect("signed");
        assert!(!f.report_due && f.next_report.as_deref() == Some("2027-01-10"));
        let mut january = on(&db, || time::macros::datetime!(2027-01-02 10:00 UTC));
        assert!(january.follow_up(id).expect("f").expect("signed").report_due, "within two weeks of the first");
        assert_eq!(january.due().expect("due").reports_due, 1);
        let f = january.report_monitoring(id, complete_report()).expect("first report");
        assert!(!f.report_due && f.next_report.as_deref() == Some("2027-03-01"));
        let mut march = on(&db, || time::macros::datetime!(2027-02-20 10:00 UTC));
        assert!(march.follow_up(id).expect("f").expect("signed").report_due, "the second date asks again");
    }

    #[test]
    fn early_reports_count_for_the_next_date_only_and_a_refusal_sets_no_dates() {
        let mut db = TestDb::new();
        let id = reviewed(&mut db.service, Verdict::Complies).pilot.id;
        let dates =
            DecisionInput { report_dates: vec!["2027-01-10".into(), "2027-03-01".into()], ..conditional_decision() };
        let postpone = DecisionInput { outcome: Some(assessments::Outcome::Postponed), ..dates.clone() };
        let err = db.service.decide(id, postpone).expect_err("dates on a postponement");
        assert!(err.fields().iter().any(|f| f.field == "reportDates"), "{err:?}");
        db.service.decide(id, dates).expect("decide");
        sign_as(&mut db.service, id, CHAIR, Role::Chair).expect("chair");
        sign_as(&mut db.service, id, SECRETARY, Role::Secretary).expect("secretary");
        // Two reports in December, both before the first date: they cover that one only.
        let mut december = on(&db, || time::macros::datetime!(2026-12-01 10:00 UTC));
        december.report_monitoring(id, complete_report()).expect("one");
        december.report_monitoring(id, complete_report()).expect("two");
        let mut february = on(&db, || time::macros::datetime!(2027-02-20 10:00 UTC));
        let f = february.follow_up(id).expect("f").expect("signed");
        assert!(f.report_due, "the March report is still asked for");
        assert_eq!(f.next_report.as_deref(), Some("2027-03-01"));
    }
}

mod report_file {
    use assessments::exchange::read_monitoring_file;
    use assessments::followup::monitoring::ReportAnswer;
    use assessments::{Assessments, Error};

    use crate::support::{reviewed, signed, TestDb};

    fn schema_checks(text: &str) {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/monitoring-report-file-v1.schema.json");
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("json");
        let validator = jsonschema::draft7::options().should_validate_formats(true).build(&schema).expect("schema");
        let value: serde_json::Value = serde_json::from_str(text).expect("json");
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_form_goes_out_comes_back_filled_and_is_handed_in_only_for_its_own_decision() {
        let mut db = TestDb::new();
        let id = signed(&mut db.service).pilot.id;
        let other = signed(&mut db.service).pilot.id;
        let form = db.dir.path().join("formulier.json");
        db.service.export_monitoring_form(id, &form).expect("form");
        schema_checks(&std::fs::read_to_string(&form).expect("read"));

        // The project lead fills it in on her own machine: no store needed.
        let mut read = Assessments::read_monitoring_file(&form).expect("read without a store");
        assert!(read.file.report.answers.is_empty());
        assert_eq!(read.questionnaire.questions.len(), 9);
        let half = db.dir.path().join("half.json");
        read.file.report.answers.insert("incidents".into(), ReportAnswer { yes: Some(false), text: String::new() });
        Assessments::save_monitoring_file(&read.file, &half).expect("a half-filled form is saved");
        // Handed in half-filled: refused, with the questions still open named; nothing kept.
        let half_read = Assessments::read_monitoring_file(&half).expect("read").file;
        let err = db.service.import_monitoring_report(id, half_read).expect_err("incomplete");
        assert!(matches!(err, Error::BadFile(_)), "{err:?}");
        assert!(
            err.message().nl.contains("niet af") && err.message().nl.contains("Zijn de gegevens veranderd"),
            "{err}"
        );
        assert!(db.service.follow_up(id).expect("f").expect("signed").reports.is_empty());

        for (q, answer) in super::monitoring::complete_answers() {
            read.file.report.answers.insert(q, answer);
        }
        read.file.report.by = "Anouk van den Brïnk".into();
        let filled = db.dir.path().join("ingevuld.json");
        Assessments::save_monitoring_file(&read.file, &filled).expect("saved");
        schema_checks(&std::fs::read_to_string(&filled).expect("read"));
        let back = Assessments::read_monitoring_file(&filled).expect("read").file;

        // For another pilot: refused.
        let err = db.service.import_monitoring_report(other, back.clone()).expect_err("another pilot");
        assert!(matches!(err, Error::BadFile(_)) && err.message().nl.contains("ander besluit"), "{err}");
        let f = db.service.import_monitoring_report(id, back).expect("handed in");
        assert_eq!(f.reports.len(), 1);
        assert_eq!(f.reports[0].by, "Anouk van den Brïnk");
        assert!(db.service.integrity().expect("check").intact);
    }

    #[test]
    fn a_hostile_or_foreign_report_file_is_refused_whole() {
        let mut db = TestDb::new();
        let id = signed(&mut db.service).pilot.id;
        let form = db.dir.path().join("formulier.json");
        db.service.export_monitoring_form(id, &form).expect("form");
        let good = std::fs::read_to_string(&form).expect("read");
        let mut value: serde_json::Value = serde_json::from_str(&good).expect("json");
        let refused = |value: &serde_json::Value, expect: &str| {
            let err = read_monitoring_file(value.to_string().as_bytes()).expect_err(expect);
            assert!(matches!(err, Error::BadFile(_)), "{err}");
            assert!(err.message().nl.contains(expect), "{expect}: {}", err.message().nl);
        };
        let mut v = value.clone();
        v["format"] = "ai-toets/proposal".into();
        refused(&v, "geen monitoringsrapportage");
        let mut v = value.clone();
        v["version"] = 2.into();
        refused(&v, "versie 1");
        let mut v = value.clone();
        v["report"]["extra"] = "x".into();
        refused(&v, "report");
        let mut v = value.clone();
        v["report"]["answers"]["<script>"] = serde_json::json!({ "yes": true, "text": "x" });
        refused(&v, "onbekende vraag");
        let mut v = value.clone();
        v["report"]["questionnaire"] = "2026.1".repeat(10_000).into();
        refused(&v, "report.questionnaire");
        let mut v = value.clone();
        v["report"]["by"] = "a\u{0}b".into();
        refused(&v, "NUL");
        value["decisionHash"] = "niet-een-hash".into();
        refused(&value, "decisionHash");
        assert!(read_monitoring_file(b"{\"format\":").is_err(), "cut off");

        // A pilot without a signed, positive decision has no form.
        let v = reviewed(&mut db.service, assessments::Verdict::Complies);
        assert!(db.service.export_monitoring_form(v.pilot.id, &db.dir.path().join("x.json")).is_err());
    }
}
