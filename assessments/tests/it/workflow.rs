//! The life of a pilot through the core's operations: every step, every refusal.

use assessments::{Answer, DecisionInput, Error, Outcome, Role, Status, Verdict};

use crate::support::{conditional_decision, proposal, reviewed, sign_as, signed, TestDb};

#[test]
fn a_pilot_goes_from_draft_to_signed() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    assert_eq!(v.pilot.status, Status::Signed);
    assert_eq!(v.pilot.signatures.len(), 2);
    assert!(v.missing_roles.is_empty());
    assert!(v.signature_checks.iter().all(|c| c.valid));
    assert!(v.pilot.signatures.iter().all(|s| s.content_hash == v.content_hash));
    assert_eq!(v.pilot.decision.as_ref().map(|d| d.outcome), Some(Outcome::PositiveWithConditions));
}

#[test]
fn a_draft_needs_a_name_and_submission_needs_every_field() {
    let mut db = TestDb::new();
    let mut p = proposal();
    p.title = "   ".into();
    let err = db.service.create(p).expect_err("blank name refused");
    assert_eq!(err.fields().iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["title"]);
    assert!(db.service.list().expect("list").is_empty(), "nothing saved");

    let mut p = proposal();
    p.purpose.clear();
    p.data_used = "\n".into();
    let v = db.service.create(p).expect("a draft may be incomplete");
    let err = db.service.submit(v.pilot.id).expect_err("incomplete proposal refused");
    let fields: Vec<_> = err.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["purpose", "dataUsed"]);
    assert!(err.fields()[0].message.nl.starts_with("Vul"), "Dutch message: {}", err.fields()[0].message.nl);
    assert_eq!(db.service.get(v.pilot.id).expect("get").pilot.status, Status::Draft, "still a draft");
}

/// The first submit of an empty form names every field, not only the name: the check before
/// anything is saved names what submitting a draft with only a name names, and the name.
#[test]
fn checking_an_unsaved_proposal_names_every_field_submitting_would_name() {
    let mut db = TestDb::new();
    let empty = assessments::Proposal::default();
    let err = db.service.check_proposal(&empty).expect_err("an empty proposal cannot be handed in");
    let checked: Vec<String> = err.fields().iter().map(|f| f.field.clone()).collect();
    assert!(db.service.list().expect("list").is_empty(), "the check saves nothing");

    let named = assessments::Proposal { title: "Alleen een naam".into(), ..Default::default() };
    let id = db.service.create(named).expect("a draft needs only a name").pilot.id;
    let err = db.service.submit(id).expect_err("incomplete");
    let submitted: Vec<String> = err.fields().iter().map(|f| f.field.clone()).collect();
    assert_eq!(checked[0], "title");
    assert_eq!(checked[1..], submitted[..], "the same fields, in the same order, besides the name");
    assert!(checked.len() > 20, "every required field of the intake is named: {checked:?}");
    assert!(checked.contains(&"aiAct".to_string()), "{checked:?}");
    assert!(db.service.check_proposal(&proposal()).is_ok(), "a complete proposal passes");
}

#[test]
fn oversized_text_is_refused_with_the_field_named() {
    let mut db = TestDb::new();
    let mut p = proposal();
    p.description = "x".repeat(400);
    let err = db.service.create(p).expect_err("too long");
    assert_eq!(err.fields()[0].field, "description");
}

#[test]
fn the_intake_names_each_missing_or_wrong_field() {
    let mut db = TestDb::new();
    let mut p = proposal();
    p.details.insert("startDate".into(), "volgende week".into());
    p.details.insert("dpiaStatus".into(), "Misschien".into());
    let err = db.service.create(p.clone()).expect_err("a wrong date or choice is refused, even in a draft");
    let fields: Vec<_> = err.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["startDate", "dpiaStatus"]);
    assert!(db.service.list().expect("list").is_empty(), "nothing saved");

    p.details.insert("startDate".into(), "2027-02-01".into());
    p.details.insert("dpiaStatus".into(), "Afgerond".into());
    p.details.remove("kpis");
    let v = db.service.create(p).expect("a draft may be incomplete");
    let err = db.service.submit(v.pilot.id).expect_err("KPIs missing");
    assert_eq!(err.fields().iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["kpis"]);
    // The field's name as the form shows it, not lower-cased into "(kpi's)" (issue 16).
    assert_eq!(err.fields()[0].message.nl, "Vul in: Meetbare doelen (KPI's).");
    assert_eq!(err.fields()[0].message.en, "Fill in: Measurable goals (KPIs).");
}

#[test]
fn steps_out_of_order_are_refused_and_change_nothing() {
    let mut db = TestDb::new();
    let v = db.service.create(proposal()).expect("create");
    let id = v.pilot.id;
    let q = v.framework.areas[0].questions[0].id.clone();
    let answer = Answer { verdict: Some(Verdict::Complies), notes: String::new(), conditions: vec![] };
    assert!(matches!(db.service.start_review(id), Err(Error::NotAllowed(_))), "review before submission");
    assert!(matches!(db.service.set_answer(id, &q, answer.clone()), Err(Error::NotAllowed(_))), "answer before review");
    assert!(
        matches!(sign_as(&mut db.service, id, crate::support::CHAIR, Role::Chair), Err(Error::NotAllowed(_))),
        "sign before decision"
    );
    db.service.submit(id).expect("submit");
    assert!(matches!(db.service.submit(id), Err(Error::NotAllowed(_))), "submit twice");
    assert!(matches!(db.service.update_proposal(id, proposal()), Err(Error::NotAllowed(_))), "edit after submission");
    db.service.start_review(id).expect("review");
    let err = db.service.decide(id, conditional_decision()).expect_err("decision with open questions");
    assert!(err.message().nl.contains("toetsvragen"), "{}", err.message().nl);
    assert_eq!(db.service.get(id).expect("get").pilot.status, Status::InReview);
}

#[test]
fn postponing_needs_no_verdict_on_every_question_but_every_other_outcome_does() {
    let mut db = TestDb::new();
    let id = db.service.create(proposal()).expect("create").pilot.id;
    db.service.submit(id).expect("submit");
    let v = db.service.start_review(id).expect("review");
    // One question weighed (with notes, as a verdict other than 'voldoet' needs), the rest open.
    let q = v.unanswered[0].clone();
    let answer = Answer { verdict: Some(Verdict::DoesNotComply), notes: " ".into(), conditions: vec![] };
    db.service.set_answer(id, &q, answer).expect("answer");
    let postpone = DecisionInput {
        outcome: Some(Outcome::Postponed),
        reasons: "De DPIA ontbreekt nog; de commissie wacht daarop.".into(),
        conditions: vec![],
        evaluation_date: Some("2027-06-01".into()),
        report_dates: vec![],
    };
    for outcome in [Outcome::Positive, Outcome::PositiveWithConditions, Outcome::Negative] {
        let input = DecisionInput { outcome: Some(outcome), ..conditional_decision() };
        let err = db.service.decide(id, input).expect_err("open questions");
        assert!(err.message().nl.contains("toetsvragen"), "{outcome:?}: {}", err.message().nl);
    }
    // A verdict that is given still needs its notes, also when postponing.
    let err = db.service.decide(id, postpone.clone()).expect_err("notes missing");
    assert!(err.message().nl.contains(&q), "{}", err.message().nl);
    let answer = Answer { verdict: Some(Verdict::DoesNotComply), notes: "Geen DPIA.".into(), conditions: vec![] };
    db.service.set_answer(id, &q, answer).expect("notes");
    let v = db.service.decide(id, postpone).expect("postponed with open questions");
    assert_eq!(v.pilot.status, Status::Decided);
    assert!(!v.unanswered.is_empty(), "the questions stay open");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("aangehouden.pdf");
    db.service.export_pdf(id, &path).expect("pdf");
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    let pdf = String::from_utf8_lossy(&out.stdout);
    assert!(pdf.contains("Oordeel: nog niet beoordeeld"), "the PDF says which questions were not weighed");
    assert!(pdf.contains("Aanhouden"));
}

#[test]
fn a_verdict_other_than_complies_needs_notes_before_deciding() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let q = v.framework.areas[1].questions[0].id.clone();
    // Saving without notes is fine (autosave keeps every step)...
    let no_notes = Answer { verdict: Some(Verdict::DoesNotComply), notes: " ".into(), conditions: vec![] };
    db.service.set_answer(v.pilot.id, &q, no_notes).expect("autosave accepts a verdict before its notes");
    // ...but the decision waits for the explanation.
    let input = DecisionInput { outcome: Some(Outcome::Negative), evaluation_date: None, ..conditional_decision() };
    let err = db.service.decide(v.pilot.id, input).expect_err("notes missing");
    assert!(err.message().nl.contains(&q), "{}", err.message().nl);
    let err = db.service.set_answer(
        v.pilot.id,
        "privacy.bestaat-niet",
        Answer { verdict: Some(Verdict::Complies), notes: String::new(), conditions: vec![] },
    );
    assert!(matches!(err, Err(Error::NotFound { .. })));
}

#[test]
fn conditions_need_an_owner_and_a_deadline() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let mut c = crate::support::condition("DPIA afronden");
    c.owner.clear();
    c.deadline = None;
    let err = db
        .service
        .decide(v.pilot.id, DecisionInput { conditions: vec![c], ..conditional_decision() })
        .expect_err("refused");
    let problems: Vec<_> = err.fields().iter().map(|f| f.message.nl.as_str()).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("eigenaar") && problems[1].contains("termijn"), "{problems:?}");
}

#[test]
fn the_draft_collects_proposed_conditions_and_counts_per_area() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let q = v.framework.areas[2].questions[0].id.clone();
    let answer = Answer {
        verdict: Some(Verdict::CompliesWithConditions),
        notes: "Alleen met een biastoets per wijk.".into(),
        conditions: vec![crate::support::condition("Biastoets per wijk vóór de start")],
    };
    let v = db.service.set_answer(v.pilot.id, &q, answer).expect("answer");
    assert!(v.draft.positive_allowed);
    assert_eq!(v.draft.conditions.len(), 1);
    assert_eq!(v.draft.conditions[0].text, "Biastoets per wijk vóór de start");
    let area = &v.draft.areas[2];
    assert_eq!((area.complies_with_conditions, area.open), (1, 0));
    assert_eq!(v.draft.areas.iter().map(|a| a.not_applicable).sum::<u32>() as usize, v.not_applicable.len());
}

#[test]
fn a_failed_knock_out_rules_out_a_positive_decision() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let id = v.pilot.id;
    let ko =
        v.framework.questions().find(|(_, q)| q.knock_out).map(|(_, q)| q.id.clone()).expect("a knock-out question");
    let v = db
        .service
        .set_answer(
            id,
            &ko,
            Answer {
                verdict: Some(Verdict::DoesNotComply),
                notes: "Geen grondslag gevonden.".into(),
                conditions: vec![],
            },
        )
        .expect("answer");
    assert_eq!(v.knock_outs, std::slice::from_ref(&ko));
    for outcome in [Outcome::Positive, Outcome::PositiveWithConditions] {
        let err = db
            .service
            .decide(id, DecisionInput { outcome: Some(outcome), ..conditional_decision() })
            .expect_err("positive refused");
        assert!(err.fields().iter().any(|f| f.field == "outcome" && f.message.nl.contains(&ko)), "{err}");
    }
    let v = db
        .service
        .decide(
            id,
            DecisionInput {
                outcome: Some(Outcome::Negative),
                evaluation_date: None,
                conditions: vec![],
                ..conditional_decision()
            },
        )
        .expect("negative allowed");
    assert_eq!(v.pilot.status, Status::Decided);
}

#[test]
fn a_decision_is_checked_field_by_field() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let input = DecisionInput {
        outcome: None,
        reasons: "".into(),
        conditions: vec![],
        evaluation_date: Some("2020-01-01".into()),
        report_dates: vec![],
    };
    let err = db.service.decide(v.pilot.id, input).expect_err("invalid");
    let fields: Vec<_> = err.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["outcome", "reasons", "evaluationDate"]);
    let no_conditions = DecisionInput { conditions: vec![crate::support::condition("  ")], ..conditional_decision() };
    let err = db.service.decide(v.pilot.id, no_conditions).expect_err("conditions required");
    assert_eq!(err.fields()[0].field, "conditions");
}

#[test]
fn signing_needs_chair_and_secretary_as_two_people() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let id = v.pilot.id;
    db.service.decide(id, conditional_decision()).expect("decide");
    let v = sign_as(&mut db.service, id, "Marieke de Vries", Role::Chair).expect("chair");
    assert_eq!(v.pilot.status, Status::Decided, "one signature does not complete it");
    assert_eq!(v.missing_roles, [Role::Secretary]);
    // A second chair cannot even join: the roster holds one chair at a time.
    let input = assessments::committee::roster::MemberInput { name: "Iemand Anders".into(), role: Role::Chair };
    let approvals = crate::support::officers(&mut db.service);
    let err = db.service.add_member(input, crate::support::PASSPHRASE, approvals).expect_err("chair twice");
    assert!(err.message().nl.contains("één voorzitter"), "{}", err.message().nl);
    let err = sign_as(&mut db.service, id, "Marieke de Vries", Role::Chair).expect_err("same person twice");
    assert!(err.fields().iter().any(|f| f.message.nl.contains("al getekend")), "{err}");
    assert!(
        matches!(db.service.decide(id, conditional_decision()), Err(Error::NotAllowed(_))),
        "decision frozen once signing began"
    );
    assert!(matches!(db.service.reopen(id), Err(Error::NotAllowed(_))));
    let v = sign_as(&mut db.service, id, "Joost Ëlberts", Role::Secretary).expect("secretary");
    assert_eq!(v.pilot.status, Status::Signed);
}

#[test]
fn a_signed_decision_refuses_every_change() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let id = v.pilot.id;
    let q = v.framework.areas[0].questions[0].id.clone();
    let before = db.service.get(id).expect("get").pilot;
    let attempts = [
        db.service
            .set_answer(
                id,
                &q,
                Answer { verdict: Some(Verdict::DoesNotComply), notes: "later".into(), conditions: vec![] },
            )
            .map(|_| ()),
        db.service.decide(id, conditional_decision()).map(|_| ()),
        db.service.reopen(id).map(|_| ()),
        db.service.update_proposal(id, proposal()).map(|_| ()),
        db.service.submit(id).map(|_| ()),
        sign_as(&mut db.service, id, "Derde Lid", Role::Member).map(|_| ()),
    ];
    for (i, a) in attempts.into_iter().enumerate() {
        let err = a.expect_err("refused");
        assert!(matches!(err, Error::Locked), "attempt {i}: {err}");
        assert!(err.message().nl.contains("ondertekend"));
    }
    assert_eq!(db.service.get(id).expect("get").pilot, before, "nothing changed");
}

#[test]
fn a_reopened_decision_can_be_changed_before_signing() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let id = v.pilot.id;
    db.service.decide(id, conditional_decision()).expect("decide");
    let v = db.service.reopen(id).expect("reopen");
    assert_eq!(v.pilot.status, Status::InReview);
    let v = db
        .service
        .decide(id, DecisionInput { outcome: Some(Outcome::Postponed), conditions: vec![], ..conditional_decision() })
        .expect("decide again");
    assert_eq!(v.pilot.decision.map(|d| d.outcome), Some(Outcome::Postponed));
}

#[test]
fn a_change_after_signing_breaks_the_signature_check() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let mut tampered = v.pilot.clone();
    tampered.answers.values_mut().next().expect("an answer").notes.push_str(" (achteraf aangepast)");
    let roster = crate::support::roster_state(&db);
    let checks = assessments::pilot::signing::verify(&tampered, &roster).expect("verify");
    assert!(checks.iter().all(|c| c.problem.as_deref().is_some_and(|p| p.contains("gewijzigd"))));
    assert!(checks.iter().all(|c| !c.valid), "every signature shows the change");
    // The hash is over canonical JSON: the same record always gives the same hash.
    assert_eq!(assessments::pilot::signing::content_hash(&v.pilot).expect("hash"), v.content_hash);
}

#[test]
fn questions_that_do_not_apply_say_why_and_need_no_verdict() {
    use assessments::wizard::WizardAnswer;
    let mut db = TestDb::new();
    let mut p = proposal();
    p.ai_act.insert("persoonsgegevens".into(), WizardAnswer::No);
    // No personal data: the DPIA questions are not asked.
    p.ai_act.retain(|id, _| !id.starts_with("dpia_"));
    p.ai_act.insert("synthetisch".into(), WizardAnswer::No);
    p.ai_act.remove("deepfake");
    p.ai_act.remove("tekst_publiek");
    let v = db.service.create(p).expect("create");
    let id = v.pilot.id;
    db.service.submit(id).expect("submit");
    let v = db.service.start_review(id).expect("review");
    let dpia = "privacy.dpia";
    let reason = v.not_applicable.get(dpia).expect("the DPIA question does not apply without personal data");
    assert!(reason.nl.contains("persoonsgegevens"), "{}", reason.nl);
    assert!(v.not_applicable.contains_key("transparantie.labels"), "generative-only question left out");
    assert!(v.not_applicable.contains_key("verantwoording.iama"), "not high risk: the IAMA question is left out");
    assert!(!v.unanswered.iter().any(|q| q == dpia));
    assert_eq!(v.unanswered.len() + v.not_applicable.len(), v.framework.questions().count());
    let err = db
        .service
        .set_answer(id, dpia, Answer { verdict: Some(Verdict::Complies), notes: String::new(), conditions: vec![] })
        .expect_err("not applicable");
    assert!(matches!(err, Error::NotAllowed(_)), "{err}");
}

#[test]
fn while_the_wizard_is_unfinished_every_question_applies() {
    use assessments::pilot::applicability::Facts;
    use assessments::wizard::WizardAnswer;
    let mut p = proposal();
    p.ai_act.clear();
    p.ai_act.insert("algoritme".into(), WizardAnswer::Yes);
    let facts = Facts::from(&p.ai_act, &assessments::wizard::conclude(&p.ai_act).expect("conclude"));
    assert_eq!(
        (facts.personal_data, facts.generative_ai, facts.high_risk, facts.fria_required),
        (None, None, None, None)
    );
    let framework = assessments::Framework::current().expect("framework");
    assert!(framework.questions().all(|(_, q)| facts.applies(q)), "ask too much rather than too little");
    let err = p.validate_complete().expect_err("the wizard must be finished before submitting");
    assert!(err.fields().iter().any(|f| f.field == "aiAct" && f.message.nl.contains("beslishulp")), "{err:?}");
}

#[test]
fn a_prohibited_practice_allows_only_a_negative_decision() {
    let mut db = TestDb::new();
    let mut p = proposal();
    p.ai_act = crate::support::wizard_answers("verboden-sociale-score");
    let v = db.service.create(p).expect("create");
    let id = v.pilot.id;
    assert_eq!(v.ai_act.class, assessments::wizard::RiskClass::Prohibited);
    db.service.submit(id).expect("submit");
    let v = db.service.start_review(id).expect("review");
    for q in v.unanswered.clone() {
        let a = Answer { verdict: Some(Verdict::Complies), notes: "Gecontroleerd.".into(), conditions: vec![] };
        db.service.set_answer(id, &q, a).expect("answer");
    }
    let v = db.service.get(id).expect("get");
    assert!(v.draft.negative_only && !v.draft.positive_allowed);
    for outcome in [Outcome::Positive, Outcome::PositiveWithConditions, Outcome::Postponed] {
        let err = db
            .service
            .decide(id, DecisionInput { outcome: Some(outcome), ..conditional_decision() })
            .expect_err("refused");
        assert!(err.fields().iter().any(|f| f.field == "outcome" && f.message.nl.contains("verboden")), "{err:?}");
    }
    let negative = DecisionInput {
        outcome: Some(Outcome::Negative),
        evaluation_date: None,
        conditions: vec![],
        ..conditional_decision()
    };
    assert_eq!(db.service.decide(id, negative).expect("negative").pilot.status, Status::Decided);
}

#[test]
fn an_assessment_keeps_the_framework_version_it_started_with() {
    use assessments::{Framework, Store};
    let mut db = TestDb::new();
    let all = Framework::builtin().expect("versions");
    let (old, new) = (&all[0], all.last().expect("the newest version"));
    // A pilot that started before the revision, stored as it was then.
    let mut store = assessments::SqliteStore::open(&db.path()).expect("store");
    let mut earlier = assessments::Pilot::new(proposal(), old, crate::support::now()).expect("pilot");
    store.create(&mut earlier, &crate::storage::test_change()).expect("create");

    let later = db.service.create(proposal()).expect("create after the revision");
    assert_eq!(later.pilot.framework.version, new.version, "new assessments use the version in effect");
    let v = db.service.get(earlier.id).expect("get");
    assert_eq!(v.pilot.framework.version, old.version);
    assert_eq!(v.framework, *old, "the earlier assessment still shows its own questions");
    assert_eq!(v.unanswered.len(), 10);
}

#[test]
fn search_finds_pilots_by_name_ignoring_case_and_accents() {
    let mut db = TestDb::new();
    let mut p = proposal();
    p.title = "Vertaalhulp voor brieven aan inwoners".into();
    let vertaal = db.service.create(p).expect("create").pilot.id;
    let mut p = proposal();
    p.title = "Chatbot Ëlberts-wijk".into();
    let chatbot = db.service.create(p).expect("create").pilot.id;
    let ids = |found: Vec<assessments::PilotSummary>| found.into_iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(ids(db.service.search("BRIEVEN").expect("search")), [vertaal]);
    assert_eq!(ids(db.service.search("elberts").expect("search")), [chatbot]);
    assert_eq!(ids(db.service.search("  ").expect("search")).len(), 2, "an empty search lists all");
    assert!(db.service.search("niets dergelijks").expect("search").is_empty());
}
