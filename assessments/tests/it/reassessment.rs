//! Re-assessment (issue 13): a new round of a signed pilot walks the framework again (under a
//! revised framework, when one is in force), sits beside the earlier round question by question,
//! and once signed supersedes the earlier decision, which stays as it was. Each refusal: a pilot
//! not signed, a second re-assessment of one round (also in the database itself), a pilot that
//! has ended, a change without saying what changed; and the round a signed record names cannot
//! be changed behind the app's back.

use assessments::comparison::QuestionDifference;
use assessments::followup::{ConditionReport, ConditionStatus, LifeChange, LifeStage};
use assessments::pilot::{ReassessmentReason, ReassessmentRequest};
use assessments::{Answer, Error, Role, Status, Store, Verdict};
use rusqlite::Connection;
use uuid::Uuid;

use crate::support::{conditional_decision, reviewed, sign_as, signed, without_triggers, TestDb, CHAIR, SECRETARY};

fn request(reason: ReassessmentReason, explanation: &str) -> ReassessmentRequest {
    ReassessmentRequest { reason, explanation: explanation.into(), by: "Projectleider Sanne Bakker".into() }
}

fn revision() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/revisions/overbetuwe-2026.4.toml"))
        .expect("revision fixture")
}

/// Takes the round `id` (a draft) through review: every applicable question `verdict`, except
/// `other` (question, verdict); then decides with conditions and signs.
fn walk_and_sign(db: &mut TestDb, id: Uuid, verdict: Verdict, other: (&str, Verdict)) {
    db.service.submit(id).expect("submit");
    let v = db.service.start_review(id).expect("review");
    for q in v.unanswered {
        let verdict = if q == other.0 { other.1 } else { verdict };
        let answer = Answer { verdict: Some(verdict), notes: format!("Opnieuw bekeken: {q}."), conditions: vec![] };
        db.service.set_answer(id, &q, answer).expect("answer");
    }
    db.service.decide(id, conditional_decision()).expect("decide");
    sign_as(&mut db.service, id, CHAIR, Role::Chair).expect("chair");
    sign_as(&mut db.service, id, SECRETARY, Role::Secretary).expect("secretary");
}

#[test]
fn a_reassessment_under_a_revised_framework_sits_beside_the_first_and_supersedes_it_once_signed() {
    let mut db = TestDb::new();
    let first = signed(&mut db.service);
    let first_id = first.pilot.id;
    let first_hash = first.content_hash.clone();
    db.service.load_framework("overbetuwe-2026.4.toml", &revision()).expect("revision");

    let round = db
        .service
        .reassess(first_id, request(ReassessmentReason::Change, "Het model is opnieuw getraind op data van 2026."))
        .expect("re-assessment");
    let link = round.pilot.reassesses.clone().expect("names the earlier round");
    assert_eq!((link.earlier, link.dossier, link.round), (first_id, first_id, 2));
    assert_eq!(link.earlier_hash, first_hash, "points at the signed decision itself");
    assert_eq!(round.pilot.status, Status::Draft, "the project lead brings the proposal up to date first");
    assert_eq!(round.pilot.framework.version, "2026.4", "reviewed against the framework in force now");
    assert_eq!(round.pilot.proposal, first.pilot.proposal);
    assert!(round.pilot.answers.is_empty(), "the committee walks the framework again");

    // The first round knows it is being assessed again; nothing is due for its evaluation.
    let earlier = db.service.get(first_id).expect("earlier");
    assert_eq!(earlier.later_round.map(|l| (l.pilot_id, l.signed)), Some((round.pilot.id, false)));
    assert!(!earlier.may_reassess);

    // Side by side before the new round is walked: the revision's added, removed and revised
    // questions, the earlier verdicts, the earlier condition with its status.
    let c = db.service.comparison(round.pilot.id).expect("comparison").expect("a re-assessment");
    assert_eq!((c.earlier.round, c.now.round), (1, 2));
    assert_eq!((c.earlier.framework_version.as_str(), c.now.framework_version.as_str()), ("2026.3", "2026.4"));
    let q = |id: &str| c.areas.iter().flat_map(|a| &a.questions).find(|q| q.question_id == id).cloned().expect(id);
    let added = q("privacy.camera");
    assert_eq!((added.change, added.then.is_none()), (QuestionDifference::Added, true));
    let removed = q("ai-geletterdheid.bijhouden");
    assert_eq!((removed.change, removed.now.is_none()), (QuestionDifference::Removed, true));
    assert_eq!(removed.then.expect("answered then").verdict, Some(Verdict::Complies));
    assert_eq!(q("privacy.dpia").change, QuestionDifference::Revised);
    assert_eq!(q("doel.probleem").change, QuestionDifference::Same);
    assert_eq!(c.earlier_conditions.len(), 1);
    assert_eq!(c.earlier_conditions[0].status, ConditionStatus::Open);
    assert_eq!(c.explanation, "Het model is opnieuw getraind op data van 2026.");
    assert_eq!(db.service.comparison(first_id).expect("first"), None, "a first round has nothing beside it");

    walk_and_sign(&mut db, round.pilot.id, Verdict::Complies, ("doel.probleem", Verdict::CompliesWithConditions));
    let c = db.service.comparison(round.pilot.id).expect("comparison").expect("a re-assessment");
    let changed = q_of(&c, "doel.probleem");
    assert!(changed.verdict_changed, "{changed:?}");
    assert_eq!(changed.now.expect("now").notes, "Opnieuw bekeken: doel.probleem.");
    assert!(!q_of(&c, "doel.doelen").verdict_changed);

    // Signed, the new decision supersedes the first, which stays exactly as it was.
    let earlier = db.service.get(first_id).expect("earlier");
    assert_eq!(earlier.content_hash, first_hash);
    assert!(earlier.signature_checks.iter().all(|s| s.valid));
    assert_eq!(earlier.later_round.map(|l| l.signed), Some(true));
    let f = earlier.follow_up.expect("follow-up of the first");
    assert!(f.next_stages.is_empty() && !f.evaluation_due && f.next_report.is_none());
    let err = db
        .service
        .report_condition(
            first_id,
            ConditionReport {
                condition: 0,
                status: ConditionStatus::InProgress,
                note: "loopt".into(),
                evidence: String::new(),
                by: "Privacy officer".into(),
            },
        )
        .expect_err("superseded");
    assert!(err.message().nl.contains("vervangen"), "{err}");
    let file = db.dir.path().join("register.json");
    assert!(db.service.export_register_entry(first_id, &file).is_err(), "the register follows the new decision");
    // Nothing is due on it any more: in July 2027 (both evaluation dates past) only the new round.
    let store = assessments::SqliteStore::open(&db.path()).expect("store");
    let mut july =
        assessments::Assessments::with_clock(Box::new(store), || time::macros::datetime!(2027-07-01 10:00 UTC));
    let due = july.due().expect("due");
    assert!(!due.pilots.contains(&first_id), "{due:?}");
    assert!(due.pilots.contains(&round.pilot.id), "{due:?}");

    // The new decision names the one it supersedes in what its members signed.
    let now = db.service.get(round.pilot.id).expect("new");
    assert!(now.signature_checks.iter().all(|s| s.valid));
    let record = assessments::pilot::signing::canonical_record(&now.pilot).expect("record");
    assert!(record.contains(&format!(r#""earlierHash":"{first_hash}""#)), "{record}");
    let pdf = db.dir.path().join("besluit.pdf");
    db.service.export_pdf(round.pilot.id, &pdf).expect("pdf");
    let verified = assessments::pdf::verify::verify_pdf(&std::fs::read(&pdf).expect("read")).expect("verify");
    assert_eq!(verified.record.reassesses.map(|r| r.earlier_hash), Some(first_hash));
    // Its follow-up is the one that counts now.
    assert!(db
        .service
        .follow_up(round.pilot.id)
        .expect("f")
        .is_some_and(|f| f.next_stages.contains(&LifeStage::InUse)));
    assert!(db.service.integrity().expect("check").intact);
}

fn q_of(c: &assessments::comparison::Comparison, id: &str) -> assessments::comparison::ComparedQuestion {
    c.areas.iter().flat_map(|a| &a.questions).find(|q| q.question_id == id).cloned().expect(id)
}

#[test]
fn a_pilot_not_signed_is_not_reassessed() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    db.service.decide(v.pilot.id, conditional_decision()).expect("decide");
    sign_as(&mut db.service, v.pilot.id, CHAIR, Role::Chair).expect("chair only");
    let before = db.service.list().expect("list").len();
    let err = db.service.reassess(v.pilot.id, request(ReassessmentReason::Scheduled, "")).expect_err("not signed");
    assert!(matches!(err, Error::NotAllowed(_)) && err.message().nl.contains("ondertekend"), "{err}");
    assert_eq!(db.service.list().expect("list").len(), before, "nothing was made");
}

#[test]
fn one_round_is_reassessed_once_and_the_database_refuses_a_second() {
    let mut db = TestDb::new();
    let first = signed(&mut db.service).pilot;
    let err = db.service.reassess(first.id, request(ReassessmentReason::Change, "  ")).expect_err("what changed?");
    assert!(err.fields().iter().any(|f| f.field == "explanation"), "{err:?}");
    let round = db.service.reassess(first.id, request(ReassessmentReason::Scheduled, "")).expect("first re-assessment");
    let err = db.service.reassess(first.id, request(ReassessmentReason::Scheduled, "")).expect_err("a second");
    assert!(err.message().nl.contains("al opnieuw beoordeeld"), "{err}");

    // Past the app's own check, straight to the store: the unique index refuses the fork.
    let framework = assessments::Framework::builtin().expect("frameworks").pop().expect("the newest");
    let mut fork = assessments::Pilot::reassess(
        &first,
        &request(ReassessmentReason::Scheduled, ""),
        &framework,
        crate::support::now(),
    )
    .expect("made in memory");
    let mut store = assessments::SqliteStore::open(&db.path()).expect("store");
    let err = store
        .create(&mut fork, &assessments::audit::Change::new("aanvaller", "tweede herbeoordeling"))
        .expect_err("the database refuses");
    assert!(err.message().nl.contains("al opnieuw beoordeeld"), "{err}");
    assert_eq!(store.later_round(first.id).expect("later").map(|l| l.pilot_id), Some(round.pilot.id));
}

#[test]
fn a_pilot_that_has_ended_is_not_reassessed() {
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    let stop = LifeChange {
        stage: LifeStage::Stopped,
        date: "2026-11-28".into(),
        reason: "Te weinig effect.".into(),
        by: CHAIR.into(),
    };
    db.service.change_life_stage(id, stop).expect("stopped");
    assert!(!db.service.get(id).expect("view").may_reassess);
    let err = db.service.reassess(id, request(ReassessmentReason::Scheduled, "")).expect_err("ended");
    assert!(err.message().nl.contains("beëindigd"), "{err}");
}

#[test]
fn the_round_a_reassessment_names_cannot_be_changed_in_the_database_and_an_edit_is_caught() {
    let mut db = TestDb::new();
    let first = signed(&mut db.service).pilot.id;
    let other = signed(&mut db.service).pilot.id;
    let round = db.service.reassess(first, request(ReassessmentReason::Scheduled, "")).expect("round").pilot.id;
    // With sqlite3: a trigger refuses pointing the round at another decision, even in draft…
    let raw = Connection::open(db.path()).expect("raw");
    let repoint =
        format!("UPDATE pilots SET reassesses = json_set(reassesses, '$.earlier', '{other}') WHERE id = '{round}'");
    let err = raw.execute_batch(&repoint).expect_err("refused by the database");
    assert!(err.to_string().contains("never changes"), "{err}");
    // …and once signed.
    walk_and_sign(&mut db, round, Verdict::Complies, ("doel.probleem", Verdict::Complies));
    assert!(raw.execute_batch(&repoint).is_err(), "refused by the database");

    // Past the triggers (dropped and put back): the signatures and the check on open name it.
    without_triggers(&raw, |c| {
        c.execute_batch(&repoint).expect("edited");
    });
    let view = db.service.get(round).expect("view");
    assert!(view.signature_checks.iter().all(|s| !s.valid), "the signed record named the first decision");
    assert!(!db.service.integrity().expect("check").intact);
}

#[test]
fn the_pdf_of_a_reassessment_names_the_decision_it_supersedes() {
    let mut db = TestDb::new();
    let first = signed(&mut db.service);
    let round =
        db.service.reassess(first.pilot.id, request(ReassessmentReason::Scheduled, "")).expect("round").pilot.id;
    walk_and_sign(&mut db, round, Verdict::Complies, ("doel.probleem", Verdict::Complies));
    let pdf = db.dir.path().join("besluit.pdf");
    db.service.export_pdf(round, &pdf).expect("pdf");
    let bytes = std::fs::read(&pdf).expect("read");
    let text = assessments::pdf::reader::page_texts(&bytes).expect("pages").join("\n");
    assert!(text.contains("Herbeoordeling") && text.contains(&first.content_hash[..16]), "{text}");
    // The verifier draws the pages again from the record: they match.
    let verified = assessments::pdf::verify::verify_pdf(&bytes).expect("verify");
    assert!(matches!(verified.pages, assessments::pdf::verify::Pages::Match), "{:?}", verified.pages);
    assert!(verified.problems().is_empty(), "{:?}", verified.problems());
}

#[test]
fn a_reassessment_that_ends_negative_supersedes_nothing_and_the_pilot_is_ended_on_its_decision() {
    let mut db = TestDb::new();
    let first = signed(&mut db.service).pilot.id;
    let round = db.service.reassess(first, request(ReassessmentReason::Scheduled, "")).expect("round").pilot.id;
    db.service.submit(round).expect("submit");
    let v = db.service.start_review(round).expect("review");
    for q in v.unanswered {
        let answer = Answer { verdict: Some(Verdict::Complies), notes: "Opnieuw bekeken.".into(), conditions: vec![] };
        db.service.set_answer(round, &q, answer).expect("answer");
    }
    let negative = assessments::DecisionInput {
        outcome: Some(assessments::Outcome::Negative),
        reasons: "De pilot levert te weinig op.".into(),
        conditions: vec![],
        evaluation_date: None,
        report_dates: vec![],
    };
    db.service.decide(round, negative).expect("negative");
    sign_as(&mut db.service, round, CHAIR, Role::Chair).expect("chair");
    sign_as(&mut db.service, round, SECRETARY, Role::Secretary).expect("secretary");

    let earlier = db.service.get(first).expect("earlier");
    let later = earlier.later_round.expect("re-assessed");
    assert!(later.signed && !later.supersedes, "{later:?}");
    // The pilot runs under its first decision until it stops: its end is recorded there.
    let stop = LifeChange {
        stage: LifeStage::Stopped,
        date: "2026-11-28".into(),
        reason: "Herbeoordeling negatief.".into(),
        by: CHAIR.into(),
    };
    let f = db.service.change_life_stage(first, stop).expect("ended on the decision it ran under");
    assert_eq!(f.stage, LifeStage::Stopped);
    assert!(db.service.follow_up(round).expect("f").is_none(), "a negative decision has no follow-up");
}

#[test]
fn a_reassessment_with_attachments_gives_the_same_canonical_record_from_its_parts() {
    let mut db = TestDb::new();
    let first = signed(&mut db.service).pilot.id;
    let round = db.service.reassess(first, request(ReassessmentReason::Scheduled, "")).expect("round").pilot.id;
    let pdf = b"%PDF-1.7\n% bijlage\n".to_vec();
    db.service.attach(round, assessments::attachments::Place::Proposal, "dpia.pdf", &pdf, "Sanne").expect("file");
    walk_and_sign(&mut db, round, Verdict::Complies, ("doel.probleem", Verdict::Complies));
    let pilot = db.service.get(round).expect("view").pilot;
    assert_eq!(pilot.decision.as_ref().expect("d").attachments.len(), 1);
    let parts = assessments::pilot::signing::CanonicalParts::of(&pilot).expect("parts");
    let record = assessments::pilot::signing::record_value(&pilot).expect("value");
    assert_eq!(parts.record(&pilot).expect("record"), serde_json_canonicalizer::to_string(&record).expect("jcs"));
    let whole = serde_json::to_value(&pilot).expect("pilot");
    assert_eq!(parts.pilot(&pilot).expect("pilot"), serde_json_canonicalizer::to_string(&whole).expect("jcs"));
}

#[test]
fn a_round_cannot_be_replaced_or_deleted_and_a_dropped_index_is_named() {
    let mut db = TestDb::new();
    let first = signed(&mut db.service).pilot.id;
    let other = signed(&mut db.service).pilot.id;
    let round = db.service.reassess(first, request(ReassessmentReason::Scheduled, "")).expect("round").pilot.id;
    let raw = Connection::open(db.path()).expect("raw");
    // REPLACE (a delete and an insert under one id) pointing the round elsewhere: refused.
    let replace = format!(
        "INSERT OR REPLACE INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at, reassesses)
         SELECT id, revision, status, framework_id, framework_version, proposal, created_at, updated_at,
                json_set(reassesses, '$.earlier', '{other}') FROM pilots WHERE id = '{round}'"
    );
    let err = raw.execute_batch(&replace).expect_err("refused");
    assert!(err.to_string().contains("never changes"), "{err}");
    assert!(raw.execute_batch(&format!("DELETE FROM pilots WHERE id = '{round}'")).is_err(), "a round stays");
    // Dropping the index that refuses a second re-assessment is named by the check on open.
    raw.execute_batch("DROP INDEX pilots_one_reassessment").expect("dropped");
    let report = db.service.integrity().expect("check");
    assert!(report.schema_problems.iter().any(|p| p.contains("pilots_one_reassessment")), "{report:?}");
}
