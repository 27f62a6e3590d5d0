//! Shared fixtures: a complete proposal, a fixed clock, a fresh database.

use assessments::model::ConditionKind;
use assessments::{
    Answer, Assessments, Condition, DecisionInput, Outcome, PilotView, Proposal, Role, SqliteStore, Verdict,
};
use time::OffsetDateTime;

pub fn now() -> OffsetDateTime {
    time::macros::datetime!(2026-11-28 10:15 UTC)
}

/// Every required intake field filled in, as a project lead would.
pub fn details() -> std::collections::BTreeMap<String, String> {
    assessments::sample::details()
}

/// The answers of one of the wizard fixtures in `tests/data/wizard/`.
pub fn wizard_answers(fixture: &str) -> assessments::wizard::Answers {
    #[derive(serde::Deserialize)]
    struct Case {
        answers: assessments::wizard::Answers,
    }
    let path = format!("{}/tests/data/wizard/{fixture}.toml", env!("CARGO_MANIFEST_DIR"));
    let case: Case = toml::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("answers");
    case.answers
}

/// A proposal with Dutch diacritics and typographic quotes in every field.
pub fn proposal() -> Proposal {
    Proposal {
        title: "Chatbot ‘Vraag het Overbetuwe’ — afvalwijzer".into(),
        project_lead: "Anouk van den Brïnk".into(),
        department: "Publiekszaken".into(),
        description:
            "Een chatbot die vragen over afval beantwoordt, ook ’s avonds. Inwoners zien “AI” bij elk antwoord.".into(),
        purpose: "Minder telefoontjes over ophaaldagen; kosten €12.000 per jaar.".into(),
        data_used: "Chatberichten (zonder BSN), postcode en huisnummer; na 30 dagen verwijderd.".into(),
        details: details(),
        ai_act: wizard_answers("chatbot-inwoners"),
        question_answers: Default::default(),
    }
}

/// The service's clock: starts at [`now`] and moves one second per reading, as time does
/// between a member's signature and a later key rotation.
fn ticking() -> OffsetDateTime {
    static TICKS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    now() + time::Duration::seconds(TICKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

pub struct TestDb {
    pub dir: tempfile::TempDir,
    pub service: Assessments,
}

impl TestDb {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqliteStore::open(&dir.path().join("ai-toets.sqlite3")).expect("open store");
        Self { service: Assessments::with_clock(Box::new(store), ticking), dir }
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("ai-toets.sqlite3")
    }
}

/// Takes a new pilot through submission and review, answering every question that applies
/// with `verdict`.
pub fn reviewed(s: &mut Assessments, verdict: Verdict) -> PilotView {
    let v = s.create(proposal()).expect("create");
    let id = v.pilot.id;
    s.submit(id).expect("submit");
    let mut v = s.start_review(id).expect("start review");
    assert!(!v.not_applicable.is_empty(), "the fixture leaves some questions out");
    for q in v.unanswered.clone() {
        v = s
            .set_answer(
                id,
                &q,
                Answer {
                    verdict: Some(verdict),
                    notes: format!("Toelichting bij {q}: privacy-eisen zijn geïnventariseerd."),
                    conditions: vec![],
                },
            )
            .expect("answer");
    }
    v
}

/// A suspensive condition with an owner and a deadline.
pub fn condition(text: &str) -> Condition {
    Condition {
        text: text.into(),
        kind: ConditionKind::Suspensive,
        owner: "Privacy officer".into(),
        deadline: Some(time::macros::date!(2027 - 01 - 15)),
    }
}

pub fn conditional_decision() -> DecisionInput {
    DecisionInput {
        outcome: Some(Outcome::PositiveWithConditions),
        reasons: "De pilot is zinvol; de risico’s zijn beheersbaar met de voorwaarden hieronder.".into(),
        conditions: vec![condition("Vóór de start een DPIA afronden en laten toetsen door de FG.")],
        evaluation_date: Some("2027-06-01".into()),
    }
}

/// A pilot with a decision signed by chair and secretary.
pub fn signed(s: &mut Assessments) -> PilotView {
    let v = reviewed(s, Verdict::Complies);
    let id = v.pilot.id;
    s.decide(id, conditional_decision()).expect("decide");
    sign_as(s, id, "Marieke de Vries", Role::Chair).expect("chair signs");
    sign_as(s, id, "Joost Ëlberts", Role::Secretary).expect("secretary signs")
}

/// Every test member's passphrase.
pub const PASSPHRASE: &str = "correct paard batterij nietje";

/// The roster member called `name`, added (with a key sealed with [`PASSPHRASE`]) if new.
pub fn member(s: &mut Assessments, name: &str, role: Role) -> uuid::Uuid {
    let roster = s.roster().expect("roster");
    if let Some(m) = roster.iter().find(|m| m.name == name) {
        return m.id;
    }
    let input = assessments::roster::MemberInput { name: name.into(), role };
    s.add_member(input, PASSPHRASE).expect("add member").id
}

/// `name` (added to the roster in `role` if new) signs with their passphrase.
pub fn sign_as(s: &mut Assessments, pilot: uuid::Uuid, name: &str, role: Role) -> assessments::Result<PilotView> {
    let member = member(s, name, role);
    s.sign(pilot, member, PASSPHRASE)
}

/// The roster with its keys, read straight from the store (the service shows no sealed keys).
pub fn full_roster(db: &TestDb) -> Vec<assessments::roster::CommitteeMember> {
    use assessments::Store;
    SqliteStore::open(&db.path()).expect("open").list_members().expect("members")
}
