//! Meetings: attendance, quorum, conflicts of interest, votes, and what the decision and the
//! signatures take from them.

use assessments::committee::roster::SigningPolicy;
use assessments::meeting::{Attendee, MeetingInput, QuorumRule, VoteChoice};
use assessments::{Error, Role, Status, Verdict};
use uuid::Uuid;

use crate::support::{conditional_decision, reviewed, sign_as, TestDb};

fn member(name: &str, role: Role) -> Attendee {
    Attendee { name: name.into(), role, present: true }
}

/// The committee of these tests (chair, secretary and Fatima el Amrani) and the minutes of
/// meeting `m` opened by the secretary: votes, conflicts and opinions are recorded with the
/// secretary's key.
fn open_minutes(db: &mut TestDb, m: Uuid) {
    crate::support::member(&mut db.service, "Fatima el Amrani", Role::Member);
    db.service.open_minutes(m, crate::support::PASSPHRASE).expect("the secretary opens the minutes");
}

fn input(agenda: Vec<Uuid>, quorum: QuorumRule) -> MeetingInput {
    MeetingInput {
        date: "2026-12-03".into(),
        place: "Raadszaal, Elst".into(),
        members: vec![
            member("Marieke de Vries", Role::Chair),
            member("Joost Ëlberts", Role::Secretary),
            member("Fatima el Amrani", Role::Member),
        ],
        quorum,
        agenda,
    }
}

#[test]
fn a_meeting_needs_a_chair_a_secretary_and_distinct_members() {
    let mut db = TestDb::new();
    let mut bad = input(vec![], QuorumRule::AtLeast { count: 4 });
    bad.members[1].role = Role::Member;
    bad.members[2].name = " marieke de vries ".into();
    bad.place = " ".into();
    let err = db.service.create_meeting(bad).expect_err("refused");
    let fields: Vec<_> = err.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["place", "members", "members", "quorum"], "{err}");
    assert!(db.service.list_meetings().expect("list").is_empty());
}

#[test]
fn a_conflicted_member_neither_votes_nor_signs_and_the_record_says_so() {
    let mut db = TestDb::new();
    let pilot = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    let m = db.service.create_meeting(input(vec![pilot], QuorumRule::Majority)).expect("meeting").meeting.id;
    open_minutes(&mut db, m);
    db.service.cast_vote(m, "Fatima el Amrani", pilot, VoteChoice::For).expect("vote before the conflict");
    let v =
        db.service.declare_conflict(m, "Fatima el Amrani", pilot, "Zus werkt bij de leverancier").expect("conflict");
    assert!(v.meeting.votes.is_empty(), "a conflict takes the vote away");
    assert_eq!(v.agenda[0].eligible, ["Marieke de Vries", "Joost Ëlberts"]);
    assert!(v.agenda[0].quorum_met, "2 of 3 is a majority");

    let err = db.service.cast_vote(m, "Fatima el Amrani", pilot, VoteChoice::Against).expect_err("no vote");
    assert!(err.message().nl.contains("belangenverstrengeling"), "{}", err.message().nl);

    let err = db.service.decide(pilot, conditional_decision()).expect_err("nobody voted yet");
    assert!(err.message().nl.contains("gestemd"), "{}", err.message().nl);
    db.service.cast_vote(m, "Marieke de Vries", pilot, VoteChoice::For).expect("vote");
    db.service.cast_vote(m, "Joost Ëlberts", pilot, VoteChoice::Against).expect("vote");
    let err = db.service.decide(pilot, conditional_decision()).expect_err("a tie is no majority");
    assert!(err.message().nl.contains("meerderheid"), "{}", err.message().nl);
    db.service.cast_vote(m, "Joost Ëlberts", pilot, VoteChoice::For).expect("changed vote");
    db.service.set_minority_opinion(m, "Joost Ëlberts", pilot, "Liever eerst een kleinere proef.").expect("opinion");

    let v = db.service.decide(pilot, conditional_decision()).expect("decide");
    let record = v.pilot.decision.as_ref().and_then(|d| d.meeting.clone()).expect("meeting record in the decision");
    assert_eq!(record.conflicts.len(), 1);
    assert_eq!(record.conflicts[0].reason, "Zus werkt bij de leverancier");
    assert_eq!(record.votes.len(), 2);
    assert_eq!(record.minority_opinions[0].text, "Liever eerst een kleinere proef.");
    assert!(db.service.cast_vote(m, "Marieke de Vries", pilot, VoteChoice::Against).is_err(), "votes are frozen");

    let err = sign_as(&mut db.service, pilot, "Fatima el Amrani", Role::Member).expect_err("conflicted");
    assert!(err.fields()[0].message.nl.contains("belangenverstrengeling"), "{err:?}");
    let err = sign_as(&mut db.service, pilot, "Iemand Anders", Role::Member).expect_err("not a member");
    assert_eq!(err.fields()[0].field, "memberId");
    assert!(err.fields()[0].message.nl.contains("ledenlijst van de vergadering"), "{err:?}");
    sign_as(&mut db.service, pilot, "Marieke de Vries", Role::Chair).expect("chair");
    let v = sign_as(&mut db.service, pilot, "Joost Ëlberts", Role::Secretary).expect("secretary");
    assert_eq!(v.pilot.status, Status::Signed);

    // The PDF says who was there, who had a conflict, and how they voted.
    let pdf = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("besluit-vergadering.pdf");
    db.service.export_pdf(pilot, &pdf).expect("export");
    let out = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8(out.stdout).expect("utf-8").split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "3 december 2026, Raadszaal, Elst",
        "Fatima el Amrani (lid)",
        "belangenverstrengeling (Zus werkt bij de leverancier); stemde niet en tekent niet",
        "Marieke de Vries (voorzitter) aanwezig, stemde voor",
        "Minderheidsstandpunt van Joost Ëlberts",
        "Liever eerst een kleinere proef.",
    ] {
        assert!(text.contains(expected), "PDF lacks {expected:?}: {text}");
    }
}

#[test]
fn without_quorum_the_committee_cannot_decide() {
    let mut db = TestDb::new();
    let pilot = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    let mut meeting = input(vec![pilot], QuorumRule::AtLeast { count: 3 });
    meeting.members[2].present = false;
    let m = db.service.create_meeting(meeting).expect("meeting").meeting.id;
    open_minutes(&mut db, m);
    db.service.cast_vote(m, "Marieke de Vries", pilot, VoteChoice::For).expect("vote");
    db.service.cast_vote(m, "Joost Ëlberts", pilot, VoteChoice::For).expect("vote");
    assert!(db.service.cast_vote(m, "Fatima el Amrani", pilot, VoteChoice::For).is_err(), "absent members do not vote");
    let err = db.service.decide(pilot, conditional_decision()).expect_err("no quorum");
    assert!(err.message().nl.contains("quorum"), "{}", err.message().nl);
    assert_eq!(db.service.get(pilot).expect("get").pilot.status, Status::InReview);
}

#[test]
fn the_pilot_view_shows_its_meeting() {
    let mut db = TestDb::new();
    let pilot = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    assert!(db.service.get(pilot).expect("get").meeting.is_none());
    let m = db.service.create_meeting(input(vec![pilot], QuorumRule::Majority)).expect("meeting").meeting.id;
    open_minutes(&mut db, m);
    let ctx = db.service.get(pilot).expect("get").meeting.expect("on the agenda");
    assert_eq!(ctx.meeting.id, m);
    assert_eq!(ctx.eligible.len(), 3);
    let err = db.service.create_meeting(input(vec![Uuid::new_v4()], QuorumRule::Majority)).expect_err("unknown pilot");
    assert!(matches!(err, Error::NotFound { .. }));
}

#[test]
fn votes_conflicts_and_opinions_need_the_secretarys_open_minutes() {
    let mut db = TestDb::new();
    let pilot = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    crate::support::member(&mut db.service, "Fatima el Amrani", Role::Member);
    let m = db.service.create_meeting(input(vec![pilot], QuorumRule::Majority)).expect("meeting").meeting.id;
    // Nobody at the laptop records a vote in someone's name without the secretary.
    let err = db.service.cast_vote(m, "Fatima el Amrani", pilot, VoteChoice::Against).expect_err("minutes closed");
    assert!(err.message().nl.contains("Open eerst de notulen"), "{}", err.message().nl);
    assert!(db.service.declare_conflict(m, "Marieke de Vries", pilot, "Eigen bedrijf").is_err());
    assert!(db.service.set_minority_opinion(m, "Fatima el Amrani", pilot, "Tegen.").is_err());
    // The chair's passphrase does not open the minutes: only the secretary's does.
    let err = db.service.open_minutes(m, "niet de wachtzin van de secretaris").expect_err("wrong");
    assert_eq!(err.fields()[0].field, "passphrase");

    db.service.open_minutes(m, crate::support::PASSPHRASE).expect("open");
    let v = db.service.cast_vote(m, "Fatima el Amrani", pilot, VoteChoice::For).expect("recorded");
    let recording = v.meeting.votes[0].recorded_by.clone().expect("the secretary's recording");
    assert_eq!(recording.name, "Joost Ëlberts");
    let audit = db.service.audit_log().expect("log");
    assert_eq!(audit[0].actor, "Joost Ëlberts (secretaris) namens Fatima el Amrani");
    assert!(db.service.integrity().expect("integrity").intact);

    // A vote changed in the file, or one added without a recording, is named.
    let conn = rusqlite::Connection::open(db.path()).expect("raw");
    let body: String = conn.query_row("SELECT body FROM meetings", [], |r| r.get(0)).expect("meeting");
    let mut meeting: serde_json::Value = serde_json::from_str(&body).expect("json");
    meeting["votes"][0]["choice"] = serde_json::json!("against");
    meeting["votes"].as_array_mut().expect("votes").push(serde_json::json!({
        "member": "Marieke de Vries", "pilotId": pilot, "choice": "for"
    }));
    conn.execute("UPDATE meetings SET body = ?1", [meeting.to_string()]).expect("edit");
    let report = db.service.integrity().expect("integrity");
    let named: Vec<_> = report.changed_outside.iter().filter(|c| c.starts_with("Notulen")).collect();
    assert_eq!(named.len(), 2, "{report:?}");
    assert!(named.iter().any(|c| c.contains("Fatima el Amrani") && c.contains("klopt niet")), "{named:?}");
    assert!(named.iter().any(|c| c.contains("Marieke de Vries") && c.contains("niet vastgelegd")), "{named:?}");

    db.service.close_minutes();
    assert!(db.service.cast_vote(m, "Marieke de Vries", pilot, VoteChoice::For).is_err(), "closed again");
}

/// The test clock for the minutes' lifetime: starts at the support clock's time, moved by hand.
static MINUTES_CLOCK: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

fn minutes_clock() -> time::OffsetDateTime {
    crate::support::now() + time::Duration::seconds(MINUTES_CLOCK.load(std::sync::atomic::Ordering::SeqCst))
}

#[test]
fn the_minutes_close_when_another_meeting_opens_them_and_after_eight_hours() {
    let db = TestDb::new();
    let mut service = assessments::Assessments::with_clock(
        Box::new(assessments::SqliteStore::open(&db.path()).expect("open")),
        minutes_clock,
    );
    let step = |seconds: i64| MINUTES_CLOCK.fetch_add(seconds, std::sync::atomic::Ordering::SeqCst);
    crate::support::member(&mut service, "Fatima el Amrani", Role::Member);
    step(1);
    let pilot = reviewed(&mut service, Verdict::Complies).pilot.id;
    let first = service.create_meeting(input(vec![pilot], QuorumRule::Majority)).expect("meeting").meeting.id;
    let second = service.create_meeting(input(vec![pilot], QuorumRule::Majority)).expect("meeting").meeting.id;
    step(1);
    service.open_minutes(first, crate::support::PASSPHRASE).expect("open the first");
    service.cast_vote(first, "Fatima el Amrani", pilot, VoteChoice::For).expect("recorded in the first");
    service.open_minutes(second, crate::support::PASSPHRASE).expect("open the second");
    let err = service.cast_vote(first, "Fatima el Amrani", pilot, VoteChoice::For).expect_err("first closed");
    assert!(err.message().nl.contains("Open eerst de notulen"), "{}", err.message().nl);
    service.cast_vote(second, "Fatima el Amrani", pilot, VoteChoice::For).expect("the second is open");

    // Eight hours on (and a second), the secretary's key is gone from memory.
    step(assessments::api::MINUTES_HOURS * 3600 + 1);
    assert_eq!(service.minutes_status().meeting_id, None);
    assert!(service.cast_vote(second, "Fatima el Amrani", pilot, VoteChoice::Against).is_err());
}

#[test]
fn only_a_handed_in_pilot_or_one_in_review_goes_on_an_agenda() {
    let mut db = TestDb::new();
    let draft = db.service.create(crate::support::proposal()).expect("draft").pilot.id;
    let reviewed = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    let err = db.service.create_meeting(input(vec![draft, reviewed], QuorumRule::Majority)).expect_err("a draft");
    assert_eq!(err.fields()[0].field, "agenda", "{err:?}");
    assert!(err.fields()[0].message.nl.contains("concept"), "{err:?}");
    assert!(db.service.list_meetings().expect("list").is_empty(), "nothing stored");
    let candidates: Vec<_> =
        db.service.agenda_candidates(None).expect("candidates").into_iter().map(|p| p.id).collect();
    assert_eq!(candidates, [reviewed]);

    // A pilot decided since it was put on the agenda stays on it; a new one must qualify.
    let m = db.service.create_meeting(input(vec![reviewed], QuorumRule::Majority)).expect("meeting").meeting.id;
    open_minutes(&mut db, m);
    for name in ["Marieke de Vries", "Joost Ëlberts", "Fatima el Amrani"] {
        db.service.cast_vote(m, name, reviewed, VoteChoice::For).expect("vote");
    }
    db.service.decide(reviewed, conditional_decision()).expect("decide");
    db.service.update_meeting(m, input(vec![reviewed], QuorumRule::Majority)).expect("still on the agenda");
    let signed = crate::support::signed(&mut db.service).pilot.id;
    let err = db.service.update_meeting(m, input(vec![reviewed, signed], QuorumRule::Majority)).expect_err("signed");
    assert_eq!(err.fields()[0].field, "agenda", "{err:?}");
    let candidates: Vec<_> =
        db.service.agenda_candidates(Some(m)).expect("candidates").into_iter().map(|p| p.id).collect();
    assert_eq!(candidates, [reviewed]);
}

#[test]
fn the_view_names_who_may_sign_now_and_what_can_be_done() {
    let mut db = TestDb::new();
    let pilot = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    let v = db.service.get(pilot).expect("view");
    assert!(v.actions.answer && v.actions.decide && v.actions.put_on_agenda && v.actions.vote, "{:?}", v.actions);
    assert!(!v.actions.export_register, "{:?}", v.actions);
    assert!(!v.actions.sign && !v.actions.reopen && !v.actions.export_pdf && !v.actions.submit, "{:?}", v.actions);
    assert!(v.signers.is_empty(), "nothing to sign yet");

    // The policy asks a member's signature too. Fatima (member) has a conflict, Pieter
    // (member) is not at the meeting, Sanne (member) is there.
    crate::support::found(&mut db.service);
    let approvals = crate::support::officers(&mut db.service);
    let policy = SigningPolicy { required_roles: vec![Role::Chair, Role::Secretary, Role::Member] };
    db.service.set_signing_policy(policy, approvals).expect("policy");
    let mut meeting = input(vec![pilot], QuorumRule::Majority);
    meeting.members.push(member("Sanne Bakker", Role::Member));
    let m = db.service.create_meeting(meeting).expect("meeting").meeting.id;
    open_minutes(&mut db, m);
    crate::support::member(&mut db.service, "Sanne Bakker", Role::Member);
    crate::support::member(&mut db.service, "Pieter Jansen", Role::Member);
    db.service.declare_conflict(m, "Fatima el Amrani", pilot, "Zus werkt bij de leverancier").expect("conflict");
    db.service.cast_vote(m, "Marieke de Vries", pilot, VoteChoice::For).expect("vote");
    db.service.cast_vote(m, "Joost Ëlberts", pilot, VoteChoice::For).expect("vote");
    db.service.cast_vote(m, "Sanne Bakker", pilot, VoteChoice::For).expect("vote");
    let v = db.service.decide(pilot, conditional_decision()).expect("decide");
    assert!(v.actions.sign && v.actions.reopen && v.actions.export_pdf && v.actions.decide, "{:?}", v.actions);
    let mut names: Vec<_> = v.signers.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Joost Ëlberts", "Marieke de Vries", "Sanne Bakker"], "{:?}", v.signers);
    let roster = db.service.roster().expect("roster");
    for signer in &v.signers {
        let member = roster.iter().find(|m| m.id == signer.member_id).expect("on the roster");
        let current = member.keys.iter().find(|k| k.current).expect("a current key");
        assert_eq!(signer.fingerprint, current.fingerprint, "the key that signs now");
    }

    let v = sign_as(&mut db.service, pilot, "Marieke de Vries", Role::Chair).expect("chair");
    assert!(!v.actions.reopen && !v.actions.decide, "signing has started: {:?}", v.actions);
    let mut names: Vec<_> = v.signers.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Joost Ëlberts", "Sanne Bakker"], "the chair signed");
    sign_as(&mut db.service, pilot, "Sanne Bakker", Role::Member).expect("member");
    let v = sign_as(&mut db.service, pilot, "Joost Ëlberts", Role::Secretary).expect("secretary");
    assert_eq!(v.pilot.status, Status::Signed);
    assert!(v.signers.is_empty() && !v.actions.sign && v.actions.export_pdf, "{:?}", v.actions);
    assert!(v.actions.export_register && !v.actions.vote, "{:?}", v.actions);
}

#[test]
fn votes_wait_for_the_review_but_a_conflict_may_be_declared_before() {
    let mut db = TestDb::new();
    let pilot = db.service.create(crate::support::proposal()).expect("draft").pilot.id;
    db.service.submit(pilot).expect("submit");
    let m = db.service.create_meeting(input(vec![pilot], QuorumRule::Majority)).expect("meeting").meeting.id;
    open_minutes(&mut db, m);
    assert!(!db.service.get(pilot).expect("view").actions.vote);
    let err = db.service.cast_vote(m, "Marieke de Vries", pilot, VoteChoice::For).expect_err("not in review");
    assert!(err.message().nl.contains("in behandeling"), "{}", err.message().nl);
    db.service.set_minority_opinion(m, "Joost Ëlberts", pilot, "Te vroeg.").expect_err("not in review");
    db.service.declare_conflict(m, "Fatima el Amrani", pilot, "Zus werkt bij de leverancier").expect("conflict");
    db.service.start_review(pilot).expect("review");
    db.service.cast_vote(m, "Marieke de Vries", pilot, VoteChoice::For).expect("now a vote counts");
}

/// An attack found in review: editing the meeting (no passphrase) to drop a pilot with votes
/// from the agenda and decide without quorum, or to drop a conflicted member and re-add them
/// clean. The update is refused; what the minutes recorded stays.
#[test]
fn editing_a_meeting_cannot_erase_what_the_minutes_recorded() {
    let mut db = TestDb::new();
    let pilot = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    let m = db.service.create_meeting(input(vec![pilot], QuorumRule::Majority)).expect("meeting").meeting.id;
    open_minutes(&mut db, m);
    db.service.declare_conflict(m, "Fatima el Amrani", pilot, "Zus werkt bij de leverancier").expect("conflict");
    db.service.cast_vote(m, "Marieke de Vries", pilot, VoteChoice::Against).expect("vote");
    let before = db.service.get_meeting(m).expect("meeting").meeting;

    let off_agenda = input(vec![], QuorumRule::Majority);
    let err = db.service.update_meeting(m, off_agenda).expect_err("the pilot has recorded acts");
    assert!(err.message().nl.contains("notulen"), "{}", err.message().nl);
    let mut without_fatima = input(vec![pilot], QuorumRule::Majority);
    without_fatima.members.retain(|a| a.name != "Fatima el Amrani");
    db.service.update_meeting(m, without_fatima).expect_err("her conflict is recorded");
    let mut chair_absent = input(vec![pilot], QuorumRule::Majority);
    chair_absent.members[0].present = false;
    db.service.update_meeting(m, chair_absent).expect_err("the chair voted");
    assert_eq!(db.service.get_meeting(m).expect("meeting").meeting, before, "nothing changed");

    // Still decided by the meeting's rule: the vote against stands.
    db.service.cast_vote(m, "Joost Ëlberts", pilot, VoteChoice::For).expect("vote");
    let err = db.service.decide(pilot, conditional_decision()).expect_err("a tie is no majority");
    assert!(err.message().nl.contains("meerderheid"), "{}", err.message().nl);

    // A decided pilot keeps its place on the agenda (its part of the meeting is in the decision).
    db.service.cast_vote(m, "Marieke de Vries", pilot, VoteChoice::For).expect("changed vote");
    db.service.decide(pilot, conditional_decision()).expect("decide");
    db.service.close_minutes();
    let err = db.service.update_meeting(m, input(vec![], QuorumRule::Majority)).expect_err("decided");
    assert!(!err.message().nl.is_empty());
}
