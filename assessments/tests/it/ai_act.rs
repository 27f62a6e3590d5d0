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
