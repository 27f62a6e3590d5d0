//! Data-driven: each file in `tests/data/wizard/` holds a set of answers and the conclusion the
//! wizard must reach: class, role, transparency, instruments, articles among the duties, and
//! the answers named among the reasons.

use std::path::Path;

use assessments::wizard::{conclude, Answers, Instrument, RegisterCategory, Wizard, WizardAnswer};

#[derive(serde::Deserialize)]
struct Case {
    answers: Answers,
    expect: Expect,
}

#[derive(serde::Deserialize)]
struct Expect {
    class: Option<String>,
    role: Option<String>,
    transparency: Option<bool>,
    #[serde(default)]
    instruments: Option<Vec<String>>,
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default)]
    reasons: Vec<String>,
    complete: Option<bool>,
    open: Option<Vec<String>>,
    set_aside: Option<Vec<String>>,
    /// "Weet ik niet" answers that decide the class (none unless listed).
    deciding_unknowns: Option<Vec<String>>,
    /// Duties that must not appear.
    #[serde(default)]
    absent_articles: Vec<String>,
}

fn name_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn instrument(i: &Instrument) -> String {
    match i {
        Instrument::Dpia => "dpia".into(),
        Instrument::Fria => "fria".into(),
        Instrument::IamaRecommended => "iamaRecommended".into(),
        Instrument::DpiaReasoning => "dpiaReasoning".into(),
        Instrument::TransparencyNotice => "notice".into(),
        Instrument::Register { category } => format!(
            "register:{}",
            match category {
                RegisterCategory::A => "a",
                RegisterCategory::B => "b",
                RegisterCategory::C => "c",
            }
        ),
    }
}

fn check(name: &str, case: Case) -> Vec<String> {
    let c = conclude(&case.answers).expect("conclude");
    let e = case.expect;
    let mut wrong = Vec::new();
    let mut expect_eq = |what: &str, got: String, want: Option<String>| {
        if let Some(want) = want {
            if got != want {
                wrong.push(format!("{name}: {what} is {got:?}, expected {want:?}"));
            }
        }
    };
    expect_eq(
        "complete",
        format!("{} (open: {:?})", c.complete, c.open),
        Some(format!(
            "{} (open: {:?})",
            e.complete.unwrap_or(true),
            if e.complete == Some(false) { &c.open } else { &[][..] }
        )),
    );
    expect_eq("open", format!("{:?}", c.open), e.open.map(|o| format!("{o:?}")));
    expect_eq("set aside", format!("{:?}", c.set_aside), Some(format!("{:?}", e.set_aside.unwrap_or_default())));
    expect_eq(
        "deciding unknowns",
        format!("{:?}", c.deciding_unknowns),
        Some(format!("{:?}", e.deciding_unknowns.unwrap_or_default())),
    );
    expect_eq("class", name_of(&c.class), e.class);
    expect_eq("role", c.role.map(|r| name_of(&r)).unwrap_or_else(|| "none".into()), e.role);
    expect_eq("transparency", c.transparency.to_string(), e.transparency.map(|t| t.to_string()));
    expect_eq(
        "instruments",
        format!("{:?}", c.instruments.iter().map(instrument).collect::<Vec<_>>()),
        e.instruments.map(|i| format!("{i:?}")),
    );
    for article in &e.articles {
        if !c.duties.iter().any(|d| &d.article == article) {
            wrong.push(format!(
                "{name}: no duty under {article:?}; duties: {:?}",
                c.duties.iter().map(|d| &d.article).collect::<Vec<_>>()
            ));
        }
    }
    for article in &e.absent_articles {
        if c.duties.iter().any(|d| &d.article == article) {
            wrong.push(format!("{name}: a duty under {article:?}, which must not apply"));
        }
    }
    for id in &e.reasons {
        if !c.reasons.iter().any(|r| &r.question_id == id) {
            wrong.push(format!(
                "{name}: {id} is not among the reasons: {:?}",
                c.reasons.iter().map(|r| &r.question_id).collect::<Vec<_>>()
            ));
        }
    }
    wrong
}

#[test]
fn wizard_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wizard");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("fixtures").map(|e| e.expect("entry").path()).collect();
    files.sort();
    assert!(files.len() >= 12, "fixtures missing");
    let wrong: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).expect("name").to_string();
            let case: Case =
                toml::from_str(&std::fs::read_to_string(path).expect("read")).unwrap_or_else(|e| panic!("{name}: {e}"));
            check(&name, case)
        })
        .collect();
    assert!(wrong.is_empty(), "{} mismatch(es):\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn the_rules_and_the_questions_name_the_same_things() {
    let wizard = Wizard::builtin().expect("wizard loads");
    let ids: Vec<&str> = wizard.questions.iter().map(|q| q.id.as_str()).collect();
    for id in assessments::wizard::RULE_IDS {
        assert!(ids.contains(id), "the rules read {id}, which the wizard does not ask");
    }
    for id in &ids {
        assert!(assessments::wizard::RULE_IDS.contains(id), "the wizard asks {id}, which no rule reads");
    }
    for id in &wizard.retired {
        assert!(!ids.contains(&id.as_str()), "{id} is retired and asked");
    }
    for q in &wizard.questions {
        assert!(
            !q.text.nl.is_empty() && !q.text.en.is_empty() && !q.help.nl.is_empty() && !q.article.is_empty(),
            "{}",
            q.id
        );
        assert!(q.if_unknown != WizardAnswer::Unknown, "{}: 'weet ik niet' must count as yes or no", q.id);
        for c in &q.ask_when {
            let known = ids.contains(&c.question.as_str())
                || ["ai", "ai_system", "bijlage_iii", "bijlage"].contains(&c.question.as_str());
            assert!(known, "{} is asked when {} — unknown", q.id, c.question);
        }
    }
}

#[test]
fn duty_dates_come_from_the_configuration() {
    let dates = Wizard::dates().expect("dates");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wizard/hoog-risico-uitkering.toml");
    let case: Case = toml::from_str(&std::fs::read_to_string(path).expect("read")).expect("case");
    let c = conclude(&case.answers).expect("conclude");
    let fria = c.duties.iter().find(|d| d.article == "AI-verordening art. 27").expect("art. 27 duty");
    assert_eq!(fria.applies_from, dates.high_risk_annex_iii.date);
    assert_eq!(dates.high_risk_annex_iii.date, "2027-12-02", "the Digital Omnibus date");
    // Each date names its source, and whether that source is in force.
    assert_eq!(fria.date_source, dates.high_risk_annex_iii.source);
    assert!(fria.date_source.contains("Omnibus"), "{}", fria.date_source);
    assert_eq!(fria.date_source_in_force, dates.high_risk_annex_iii.source_in_force);
    let literacy = c.duties.iter().find(|d| d.article == "AI-verordening art. 4").expect("art. 4 duty");
    assert_eq!(literacy.applies_from, dates.ai_literacy.date);
    assert_eq!(c.dates_version, dates.version);
    // The shipped file cites every source for the English screens too; a decision keeps the
    // Dutch citation.
    for (key, date) in dates.entries() {
        assert!(date.source_en.as_deref().is_some_and(|en| !en.is_empty() && en != date.source), "{key}");
    }
}

/// `source_en` is optional: a file without it loads, and one with a bad English citation is
/// refused whole, as a bad Dutch one is.
#[test]
fn the_english_citation_of_a_duty_date_is_optional_and_checked() {
    let shipped = include_str!("../../wizard/dates.toml");
    let without: String = shipped.lines().filter(|l| !l.starts_with("source_en")).collect::<Vec<_>>().join("\n");
    let dates = assessments::wizard::DutyDates::parse("zonder.toml", &without).expect("loads without English");
    assert!(dates.entries().iter().all(|(_, d)| d.source_en.is_none()));
    let written = toml::to_string(&dates).expect("toml");
    assert!(!written.contains("source_en"), "a file without it is written as before");
    let bad = shipped.replacen("source_en = \"Regulation (EU) 2024/1689, Art. 113\"", "source_en = \"  \"", 1);
    let err = assessments::wizard::DutyDates::parse("slecht.toml", &bad).expect_err("an empty English citation");
    assert!(err.message().nl.contains("in_force.source"), "{}", err.message().nl);
}

#[test]
fn the_questions_asked_follow_the_answers() {
    let wizard = Wizard::builtin().expect("wizard");
    let mut answers = Answers::new();
    let asked = |a: &Answers| wizard.asked(a).into_iter().map(|q| q.id.clone()).collect::<Vec<_>>();
    assert_eq!(asked(&answers), ["algoritme"], "only the first question before any answer");
    answers.insert("algoritme".into(), WizardAnswer::Yes);
    answers.insert("ai_systeem".into(), WizardAnswer::Unknown);
    let now = asked(&answers);
    assert!(now.contains(&"hulp_geleerd".to_string()) && now.contains(&"hulp_regels".to_string()), "{now:?}");
    assert!(now.contains(&"interactie".to_string()), "unclear counts as AI: {now:?}");
}
