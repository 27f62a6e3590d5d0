//! Shared fixtures: a complete proposal, a fixed clock, a fresh database.

use assessments::pilot::ConditionKind;
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
pub fn ticking() -> OffsetDateTime {
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
        report_dates: vec![],
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

/// The first chair and secretary of every test committee.
pub const CHAIR: &str = "Marieke de Vries";
pub const SECRETARY: &str = "Joost Ëlberts";

/// Founds the committee (chair [`CHAIR`], secretary [`SECRETARY`], both with [`PASSPHRASE`])
/// unless it is founded already.
pub fn found(s: &mut Assessments) {
    if s.roster_status(None).expect("status").founded {
        return;
    }
    let new = |name: &str, role| assessments::api::NewMember { name: name.into(), role, passphrase: PASSPHRASE.into() };
    s.found_committee(new(CHAIR, Role::Chair), new(SECRETARY, Role::Secretary)).expect("found the committee");
}

/// The approvals of the members named, each with [`PASSPHRASE`].
pub fn approvals(s: &mut Assessments, names: &[&str]) -> Vec<assessments::api::Approver> {
    let roster = s.roster().expect("roster");
    names
        .iter()
        .map(|name| {
            let m = roster.iter().find(|m| m.name == *name).unwrap_or_else(|| panic!("{name} on the roster"));
            assessments::api::Approver { member_id: m.id, passphrase: PASSPHRASE.into() }
        })
        .collect()
}

/// The chair's and the secretary's approval.
pub fn officers(s: &mut Assessments) -> Vec<assessments::api::Approver> {
    approvals(s, &[CHAIR, SECRETARY])
}

/// The roster member called `name`, added (with a key sealed with [`PASSPHRASE`], approved by
/// the chair and the secretary) if new. The committee is founded first when it is not.
pub fn member(s: &mut Assessments, name: &str, role: Role) -> uuid::Uuid {
    found(s);
    let roster = s.roster().expect("roster");
    if let Some(m) = roster.iter().find(|m| m.name == name) {
        return m.id;
    }
    let input = assessments::committee::roster::MemberInput { name: name.into(), role };
    let approvals = officers(s);
    s.add_member(input, PASSPHRASE, approvals).expect("add member").id
}

/// `name` (added to the roster in `role` if new) signs with their passphrase.
pub fn sign_as(s: &mut Assessments, pilot: uuid::Uuid, name: &str, role: Role) -> assessments::Result<PilotView> {
    let member = member(s, name, role);
    s.sign(pilot, member, PASSPHRASE)
}

/// The roster as the signed roster log gives it, read straight from the store.
pub fn roster_state(db: &TestDb) -> assessments::committee::roster_log::RosterState {
    use assessments::Store;
    let log = SqliteStore::open(&db.path()).expect("open").roster_log().expect("log");
    assessments::committee::roster_log::RosterState::replay(&log).expect("the log replays")
}

/// Appends a well-formed audit entry about `subject` with `state_hash`, straight into the file,
/// as someone with `sqlite3` can (the chain's hash is public). Returns its sequence number.
pub fn append_forged_audit_entry(db: &TestDb, actor: &str, subject: &str, action: &str, state_hash: &str) -> i64 {
    use assessments::Store;
    let log = SqliteStore::open(&db.path()).expect("open").audit_log().expect("log");
    let last = log.last().expect("entries");
    let mut forged = assessments::audit::AuditEntry {
        seq: last.seq + 1,
        at: last.at,
        actor: actor.into(),
        subject: subject.into(),
        action: action.into(),
        state_hash: state_hash.into(),
        prev_hash: last.entry_hash.clone(),
        entry_hash: String::new(),
    };
    forged.entry_hash = assessments::audit::entry_hash(&forged).expect("hash");
    rusqlite::Connection::open(db.path())
        .expect("raw")
        .execute(
            "INSERT INTO audit_log (seq, at, actor, subject, action, state_hash, prev_hash, entry_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                forged.seq,
                assessments::base::dates::rfc3339(forged.at),
                forged.actor,
                forged.subject,
                forged.action,
                forged.state_hash,
                forged.prev_hash,
                forged.entry_hash
            ],
        )
        .expect("append");
    forged.seq
}

/// The text of a framework version shipped with the app.
pub fn shipped_framework(file: &str) -> String {
    std::fs::read_to_string(format!("{}/frameworks/{file}", env!("CARGO_MANIFEST_DIR"))).expect("framework")
}

/// What someone with a copy of the database and `sqlite3` does: drops every trigger, makes
/// `edit`, and puts the triggers back as they were.
pub fn without_triggers(conn: &rusqlite::Connection, edit: impl FnOnce(&rusqlite::Connection)) {
    let saved: Vec<(String, String)> = {
        let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").collect::<Result<_, _>>().expect("rows")
    };
    for (name, _) in &saved {
        conn.execute_batch(&format!("DROP TRIGGER {name}")).expect("drop");
    }
    edit(conn);
    for (_, sql) in &saved {
        conn.execute_batch(sql).expect("recreate");
    }
}
