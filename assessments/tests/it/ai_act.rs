//! The AI Act conclusion at work in the review: an unknown answer that decides the class blocks
//! a positive decision, the IAMA question follows art. 27's scope, and a decision keeps the
//! conclusion it was taken with (issue 12, items 1, 3 and 10).

use assessments::pilot::applicability::Facts;
use assessments::wizard::{conclude, RiskClass, WizardAnswer};
use assessments::{Answer, DecisionInput, Framework, Outcome, Status, Verdict};

use crate::support::{conditional_decision, proposal, wizard_answers, TestDb};

/// Every applicable question answered "voldoet", ready for a decision.
fn ready(db: &mut TestDb, answers: &str) -> uuid::Uuid {
    let mut p = proposal();
    p.ai_act = wizard_answers(answers);
    let id = db.service.create(p).expect("create").pilot.id;
    db.service.submit(id).expect("submit");
    let v = db.service.start_review(id).expect("review");
    for q in v.unanswered.clone() {
        let a = Answer { verdict: Some(Verdict::Complies), notes: "Gecontroleerd.".into(), conditions: vec![] };
        db.service.set_answer(id, &q, a).expect("answer");
    }
    id
}

#[test]
fn an_unknown_answer_that_decides_the_class_allows_only_postponing_or_a_negative_decision() {
    let mut db = TestDb::new();
    // "Weet ik niet" on the social-scoring prohibition: the careful side counts.
    let id = ready(&mut db, "weet-niet-verbod");
    let v = db.service.get(id).expect("get");
    assert_eq!(v.ai_act.class, RiskClass::Prohibited, "an unknown answer never lifts a prohibition");
    assert_eq!(v.ai_act.deciding_unknowns, ["verboden_sociale_score"]);
    assert!(!v.draft.positive_allowed && !v.draft.negative_only, "{:?}", v.draft);
    assert!(v.draft.deciding_unknowns[0].nl.contains("art. 5 lid 1 sub c"), "{:?}", v.draft.deciding_unknowns);
    for outcome in [Outcome::Positive, Outcome::PositiveWithConditions] {
        let err = db
            .service
            .decide(id, DecisionInput { outcome: Some(outcome), ..conditional_decision() })
            .expect_err("a positive decision while the class is unsure");
        let message = err.fields().iter().find(|f| f.field == "outcome").map(|f| f.message.clone());
        assert!(
            message.as_ref().is_some_and(|m| m.nl.contains("weet ik niet") && m.en.contains("don't know")),
            "{err:?}"
        );
    }
    // Postponing is exactly what a committee does while it finds out.
    let postpone = DecisionInput { outcome: Some(Outcome::Postponed), ..conditional_decision() };
    assert_eq!(db.service.decide(id, postpone).expect("postpone").pilot.status, Status::Decided);
}

#[test]
fn an_unknown_answer_that_does_not_decide_the_class_does_not_block() {
    let mut db = TestDb::new();
    // Unknown whether residents interact with it, but an Annex III system is high risk anyway.
    let id = ready(&mut db, "weet-niet-uitzondering");
    let mut answers = wizard_answers("weet-niet-uitzondering");
    answers.insert("uitzondering_voorbereidend".into(), WizardAnswer::No);
    let c = conclude(&answers).expect("conclude");
    assert!(c.deciding_unknowns.is_empty() && c.class == RiskClass::HighRisk, "{:?}", c.deciding_unknowns);
    let v = db.service.get(id).expect("get");
    assert_eq!(v.ai_act.deciding_unknowns, ["uitzondering_voorbereidend"], "this one does decide");
}

#[test]
fn the_iama_question_follows_the_scope_of_art_27() {
    let shipped = Framework::builtin().expect("frameworks");
    let iama_in = |version: &str| {
        let f = shipped.iter().find(|f| f.version == version).expect("version");
        f.questions().map(|(_, q)| q.clone()).find(|q| q.id == "verantwoording.iama").expect("IAMA question")
    };
    let (before, now) = (iama_in("2026.2"), iama_in("2026.3"));
    let facts = |fixture: &str| {
        let answers = wizard_answers(fixture);
        Facts::from(&answers, &conclude(&answers).expect("conclude"))
    };
    // Annex I and Annex III point 2 are high risk without an art. 27 duty: the committee is not
    // made to mark the knock-out question "niet van toepassing".
    for fixture in ["bijlage-i-lift", "infrastructuur-verkeer"] {
        assert!(!facts(fixture).applies(&now), "{fixture}: the IAMA question must not apply");
        assert!(facts(fixture).applies(&before), "{fixture}: 2026.2 asked it for any high risk");
    }
    for fixture in ["hoog-risico-uitkering", "kredietbank", "emotie-medisch"] {
        assert!(facts(fixture).applies(&now), "{fixture}: art. 27 applies, so the question does");
    }
    assert!(!facts("minimaal-prognose").applies(&now));
}

#[test]
fn a_decision_keeps_the_conclusion_it_was_taken_with() {
    let mut db = TestDb::new();
    let id = ready(&mut db, "hoog-risico-uitkering");
    let input = DecisionInput { outcome: Some(Outcome::PositiveWithConditions), ..conditional_decision() };
    let v = db.service.decide(id, input).expect("decide");
    let recorded = v.pilot.decision.as_ref().and_then(|d| d.ai_act.clone()).expect("the conclusion is recorded");
    assert_eq!(recorded, conclude(&v.pilot.proposal.ai_act).expect("conclude"));
    assert_eq!(recorded.dates_version, assessments::wizard::Wizard::dates().expect("dates").version);
    // It is read back from the database as it was written, and it is part of the signed record.
    assert_eq!(db.service.get(id).expect("get").pilot.decision.and_then(|d| d.ai_act), Some(recorded.clone()));
    let record = assessments::pilot::signing::canonical_record(&v.pilot).expect("record");
    assert!(record.contains("\"datesVersion\"") && record.contains("\"wizardVersion\""), "{record}");

    // A later build whose rules conclude otherwise from the same answers (here: the answers
    // themselves changed under the record, which has the same effect) does not change what the
    // decided pilot shows, nor which framework questions apply to it.
    let mut later = v.pilot.clone();
    later.proposal.ai_act = wizard_answers("minimaal-prognose");
    assert_eq!(conclude(&later.proposal.ai_act).expect("conclude").class, RiskClass::Minimal);
    assert_eq!(later.ai_act().expect("conclusion"), recorded);
    assert_eq!(Facts::of(&later).high_risk, Some(true));
    assert_eq!(Facts::of(&later).fria_required, Some(true));
}

#[test]
fn an_answer_to_a_retired_question_is_set_aside_and_an_invented_one_refused() {
    let mut p = proposal();
    // A draft or proposal file from before the DPIA question was split into the criteria.
    p.ai_act.insert("dpia_criteria".into(), WizardAnswer::Yes);
    p.validate_complete().expect("an answer to a retired question is not an error");
    assert_eq!(conclude(&p.ai_act).expect("conclude").set_aside, ["dpia_criteria"]);
    p.ai_act.insert("verzonnen_vraag".into(), WizardAnswer::Yes);
    let err = p.validate_draft().expect_err("an invented question");
    assert!(err.fields().iter().any(|f| f.field == "aiAct" && f.message.nl.contains("verzonnen_vraag")), "{err:?}");
}

mod duty_dates {
    use assessments::wizard::Wizard;
    use assessments::{DecisionInput, Outcome, Store};

    use super::ready;
    use crate::support::{conditional_decision, TestDb};

    fn revision() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/dates/dates-2026.3.toml"))
            .expect("dates fixture")
    }

    #[test]
    fn a_loaded_revision_of_the_dates_takes_effect_and_a_decision_keeps_its_own() {
        let mut db = TestDb::new();
        let before = ready(&mut db, "chatbot-inwoners");
        let input = || DecisionInput { outcome: Some(Outcome::PositiveWithConditions), ..conditional_decision() };
        let decided = db.service.decide(before, input()).expect("decide before the revision");
        let shipped = Wizard::dates().expect("shipped");
        assert_eq!(decided.ai_act.dates_version, shipped.version);

        let loaded = db.service.load_duty_dates("data-2026.3.toml", &revision()).expect("load");
        assert!(loaded.current && loaded.dates.version == "2026.3");
        let now = db.service.duty_dates().expect("dates");
        assert_eq!(now.transparency.date, "2026-12-02");
        // The wizard and a new decision use it, with its source beside each date.
        let c = db.service.conclude_ai_act(&crate::support::wizard_answers("chatbot-inwoners")).expect("conclude");
        let art50 = c.duties.iter().find(|d| d.article == "AI-verordening art. 50 lid 1").expect("art. 50(1)");
        assert_eq!((c.dates_version.as_str(), art50.applies_from.as_str()), ("2026.3", "2026-12-02"));
        let after = ready(&mut db, "chatbot-inwoners");
        let v = db.service.decide(after, input()).expect("decide after the revision");
        assert_eq!(v.ai_act.dates_version, "2026.3");
        let fria = ready(&mut db, "hoog-risico-uitkering");
        let view = db.service.get(fria).expect("get");
        let art27 = view.ai_act.duties.iter().find(|d| d.article == "AI-verordening art. 27").expect("art. 27");
        assert!(art27.date_source_in_force && art27.date_source.contains("2026/1234"), "{art27:?}");
        // The decision taken before keeps the dates it was taken with.
        assert_eq!(db.service.get(before).expect("get").ai_act.dates_version, shipped.version);

        // It survives a restart, and the check on open finds it loaded through the app.
        let store = assessments::SqliteStore::open(&db.path()).expect("reopen");
        let mut reopened = assessments::Assessments::with_clock(Box::new(store), crate::support::now);
        assert_eq!(reopened.duty_dates().expect("dates").version, "2026.3");
        let report = reopened.integrity().expect("check");
        assert!(report.intact, "{report:?}");
    }

    #[test]
    fn a_bad_old_or_repeated_revision_of_the_dates_is_refused_whole() {
        let mut db = TestDb::new();
        let good = revision();
        for (what, file) in [
            ("the shipped version again", include_str!("../../wizard/dates.toml").to_string()),
            ("an older version", good.replace("version = \"2026.3\"", "version = \"2025.9\"")),
            ("a date that is not one", good.replace("date = \"2026-12-02\"", "date = \"2026-02-30\"")),
            (
                "an empty source",
                good.replace("source = \"Verordening (EU) 2016/679 (AVG), art. 99\"", "source = \" \""),
            ),
            ("a missing date", good.replace("[gdpr]", "[gdpr_oud]")),
            ("an unknown field", good.replace("version = \"2026.3\"", "version = \"2026.3\"\nextra = 1")),
            ("a NUL", good.replace("art. 113 (art. 50)", "art. 113\u{0} (art. 50)")),
            ("a version that is no version", good.replace("version = \"2026.3\"", "version = \"nieuw\"")),
            ("too large", format!("{good}\n# {}", "x".repeat(assessments::wizard::MAX_DATES_FILE_BYTES))),
        ] {
            assert!(what == "the shipped version again" || file != good, "{what}: the test changed nothing");
            let err = db.service.load_duty_dates("data.toml", &file).expect_err(what);
            let m = err.message();
            assert!(!m.nl.is_empty() && !m.en.is_empty(), "{what}: {m:?}");
        }
        let mut store = assessments::SqliteStore::open(&db.path()).expect("reopen");
        assert!(store.duty_dates_files().expect("files").is_empty(), "nothing was kept");
        db.service.load_duty_dates("data.toml", &good).expect("the good one loads");
        let err = db.service.load_duty_dates("nog-eens.toml", &good).expect_err("the same version twice");
        assert!(err.message().nl.contains("bestaat al"), "{}", err.message().nl);
    }

    #[test]
    fn a_loaded_version_of_the_dates_never_changes_and_is_read_without_the_store() {
        let mut db = TestDb::new();
        // Read and checked with no store at hand (the shell does this before taking it).
        let file = db.dir.path().join("data-2026.3.toml");
        std::fs::write(&file, revision()).expect("write");
        let checked = assessments::Assessments::read_duty_dates_file(&file).expect("read without a store");
        db.service.keep_duty_dates(checked).expect("keep");
        let conn = rusqlite::Connection::open(db.path()).expect("open");
        let edit = conn.execute("UPDATE duty_dates_files SET source = replace(source, '2027-12-02', '2029-01-01')", []);
        assert!(edit.is_err(), "a loaded version is immutable in the database");
        assert!(conn.execute("DELETE FROM duty_dates_files", []).is_err(), "and cannot be deleted");
        // Changed behind the app's back (triggers dropped): the check on open names it.
        conn.execute_batch(
            "DROP TRIGGER duty_dates_files_no_update;
             UPDATE duty_dates_files SET source = replace(source, '2027-12-02', '2029-01-01');",
        )
        .expect("tamper");
        let store = assessments::SqliteStore::open(&db.path()).expect("reopen");
        let report =
            assessments::Assessments::with_clock(Box::new(store), crate::support::now).integrity().expect("check");
        assert!(report.changed_outside.iter().any(|c| c.contains("Data van de plichten")), "{report:?}");
    }
}

#[test]
fn a_proposal_submitted_before_new_wizard_questions_cannot_be_approved_until_they_are_answered() {
    let mut db = TestDb::new();
    // Submitted under the earlier wizard: its answers are frozen, the questions added since open.
    let id = ready(&mut db, "hoog-risico-uitkering");
    let mut store = assessments::SqliteStore::open(&db.path()).expect("store");
    let mut pilot = assessments::Store::load(&mut store, id).expect("load");
    pilot.proposal.ai_act = wizard_answers("oud-voorstel-onvolledig");
    let v = db.service.get(id).expect("get");
    let framework = v.framework.clone();
    let policy = assessments::committee::roster::SigningPolicy::default();
    let dates = assessments::wizard::Wizard::dates().expect("dates");
    let input = || DecisionInput { outcome: Some(Outcome::PositiveWithConditions), ..conditional_decision() };
    let err = pilot
        .decide(
            &framework,
            input(),
            assessments::pilot::DecisionContext { meeting: None, policy: &policy, dates, attachments: &[] },
            crate::support::now(),
        )
        .expect_err("incomplete");
    let message = err.fields().iter().find(|f| f.field == "outcome").map(|f| f.message.nl.clone()).unwrap_or_default();
    assert!(message.contains("niet af"), "{err:?}");
    assert!(pilot.decision_draft(&framework).wizard_incomplete && !pilot.decision_draft(&framework).positive_allowed);
    let postpone = DecisionInput { outcome: Some(Outcome::Postponed), ..conditional_decision() };
    pilot
        .decide(
            &framework,
            postpone,
            assessments::pilot::DecisionContext { meeting: None, policy: &policy, dates, attachments: &[] },
            crate::support::now(),
        )
        .expect("postponing is allowed");
}

#[test]
fn a_decision_taken_again_records_the_conclusion_of_now_not_the_earlier_one() {
    let mut db = TestDb::new();
    let id = ready(&mut db, "hoog-risico-uitkering");
    let postpone = DecisionInput { outcome: Some(Outcome::Postponed), ..conditional_decision() };
    let mut pilot = db.service.decide(id, postpone).expect("postpone").pilot;
    // As if an earlier build had recorded another conclusion (here: a minimal-risk one).
    let other = conclude(&wizard_answers("minimaal-prognose")).expect("conclude");
    pilot.decision.as_mut().expect("decision").ai_act = Some(other.clone());
    assert_eq!(Facts::of(&pilot).fria_required, Some(false), "the earlier record rules while it stands");
    let v = db.service.get(id).expect("get");
    let policy = assessments::committee::roster::SigningPolicy::default();
    let dates = assessments::wizard::Wizard::dates().expect("dates");
    let input = DecisionInput { outcome: Some(Outcome::PositiveWithConditions), ..conditional_decision() };
    pilot
        .decide(
            &v.framework,
            input,
            assessments::pilot::DecisionContext { meeting: None, policy: &policy, dates, attachments: &[] },
            crate::support::now(),
        )
        .expect("decide again");
    let recorded = pilot.decision.as_ref().and_then(|d| d.ai_act.clone()).expect("recorded");
    assert_eq!(recorded, conclude(&pilot.proposal.ai_act).expect("now"));
    assert_eq!(recorded.class, RiskClass::HighRisk);
}
