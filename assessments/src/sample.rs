//! Sample data: pilots taken through the whole workflow (every applicable question answered, a
//! decision with conditions, signed by chair, secretary and a member), for the benchmarks and
//! for trying the app with a full database. Every pilot goes through the real workflow rules;
//! only the saving is batched (each pilot is created, then saved once, signed).

use std::collections::BTreeMap;

use time::{Duration, OffsetDateTime};

use crate::audit::Change;
use crate::base::error::Result;
use crate::committee::roster::{CommitteeMember, MemberInput, SigningPolicy};
use crate::committee::Role;
use crate::framework::Framework;
use crate::intake::{fields, FieldKind};
use crate::pilot::{Answer, Condition, ConditionKind, DecisionInput, Outcome, Pilot, Proposal, Verdict};
use crate::storage::Store;
use crate::wizard::Answers;

/// The shipped framework version in force on `now`'s date, as new assessments pin it.
pub fn framework(now: OffsetDateTime) -> Result<Framework> {
    Ok(crate::framework::Registry::new(Framework::builtin()?).current_on(now.date())?.clone())
}

/// The passphrase of every sample member.
pub const PASSPHRASE: &str = "voorbeeld wachtzin voor de commissie";

/// Every required intake field filled in, as a project lead would.
pub fn details() -> BTreeMap<String, String> {
    fields()
        .into_iter()
        .filter(|f| f.required)
        .map(|f| {
            let value = match f.kind {
                FieldKind::Date => "2027-01-04".to_string(),
                FieldKind::Choice => f.options.last().map(|o| o.nl.clone()).unwrap_or_default(),
                _ => format!("{} — ingevuld door de projectleider, met één ‘voorbeeld’.", f.label.nl),
            };
            (f.key.to_string(), value)
        })
        .collect()
}

/// The AI Act wizard answered for a chatbot for residents, offered under the municipality's name:
/// transparency duties, no high risk. The answers of the wizard fixture of the same name, so the
/// sample and the tests cannot drift apart.
pub fn chatbot_answers() -> Answers {
    #[derive(serde::Deserialize)]
    struct Fixture {
        answers: Answers,
    }
    const FIXTURE: &str = include_str!("../tests/data/wizard/chatbot-inwoners.toml");
    // Checked by the tests (the fixture is one of the wizard's), so a failure is a build mistake.
    toml::from_str::<Fixture>(FIXTURE).map(|f| f.answers).expect("the chatbot wizard fixture parses")
}

const TOPICS: &[&str] = &[
    "Chatbot afvalwijzer",
    "Vertaalhulp voor brieven",
    "Samenvatten van raadsstukken",
    "Herkennen van zwerfafval op foto’s",
    "Planning van wijkteams",
    "Doorzoeken van het archief",
    "Spraak naar tekst bij het KCC",
    "Voorspellen van onderhoud aan bruggen",
];

/// The proposal of sample pilot `n`, with a title that is easy to search for.
pub fn proposal(n: usize) -> Proposal {
    let topic = TOPICS[n % TOPICS.len()];
    Proposal {
        title: format!("{topic} {n:05}"),
        project_lead: format!("Projectleider {:03}", n % 250),
        department: ["Publiekszaken", "Ruimte", "Sociaal domein", "Bedrijfsvoering"][n % 4].into(),
        description: format!("{topic}: een proef van een half jaar met een AI-systeem, ook ’s avonds beschikbaar."),
        purpose: "Inwoners sneller en beter helpen; medewerkers houden de eindbeslissing.".into(),
        data_used: "Vragen van inwoners, zonder BSN; na 30 dagen verwijderd.".into(),
        details: details(),
        ai_act: chatbot_answers(),
        question_answers: Default::default(),
    }
}

/// The committee: a chair, a secretary and a member, each with a key sealed with
/// [`PASSPHRASE`].
pub fn roster(now: OffsetDateTime) -> Result<Vec<CommitteeMember>> {
    [("Marieke de Vries", Role::Chair), ("Joost Ëlberts", Role::Secretary), ("Fatima el Amrani", Role::Member)]
        .into_iter()
        .map(|(name, role)| CommitteeMember::new(MemberInput { name: name.into(), role }, PASSPHRASE, now))
        .collect()
}

/// The signing policy of the sample data: chair, secretary and one member.
pub fn policy() -> SigningPolicy {
    SigningPolicy { required_roles: vec![Role::Chair, Role::Secretary, Role::Member] }
}

/// Takes `pilot` from draft to a decision: every applicable question answered with notes (every
/// seventh with a condition), a positive decision under those conditions, to be signed by
/// [`policy`].
pub fn review_and_decide(pilot: &mut Pilot, framework: &Framework, now: OffsetDateTime) -> Result<()> {
    pilot.submit()?;
    pilot.start_review()?;
    answer_and_decide(pilot, framework, now, Outcome::PositiveWithConditions)
}

/// Answers every applicable question (every seventh with a condition, unless the outcome is
/// *positief* without conditions) and records `outcome`.
fn answer_and_decide(pilot: &mut Pilot, framework: &Framework, now: OffsetDateTime, outcome: Outcome) -> Result<()> {
    let condition = |text: &str| Condition {
        text: text.into(),
        kind: ConditionKind::Suspensive,
        owner: "Privacy officer".into(),
        deadline: Some((now + Duration::days(60)).date()),
    };
    for (i, id) in pilot.unanswered(framework).into_iter().map(String::from).collect::<Vec<_>>().into_iter().enumerate()
    {
        let with_condition = i.is_multiple_of(7) && outcome != Outcome::Positive;
        let answer = Answer {
            verdict: Some(if with_condition { Verdict::CompliesWithConditions } else { Verdict::Complies }),
            notes: format!("Toelichting bij {id}: besproken met de projectleider; de stukken zijn geïnventariseerd."),
            conditions: if with_condition {
                vec![condition(&format!("Voorwaarde bij {id} vóór de start."))]
            } else {
                vec![]
            },
        };
        pilot.set_answer(framework, &id, answer)?;
    }
    let conditions = pilot.decision_draft(framework).conditions;
    let evaluation = (now + Duration::days(180)).date();
    let input = DecisionInput {
        outcome: Some(outcome),
        reasons: "De pilot helpt inwoners; de risico’s zijn beheersbaar met de voorwaarden.".into(),
        conditions: if outcome.approves() { conditions } else { vec![] },
        evaluation_date: Some(format!(
            "{:04}-{:02}-{:02}",
            evaluation.year(),
            u8::from(evaluation.month()),
            evaluation.day()
        )),
        report_dates: vec![],
    };
    let policy = policy();
    let context = crate::pilot::DecisionContext {
        meeting: None,
        policy: &policy,
        dates: crate::wizard::Wizard::dates()?,
        attachments: &[],
    };
    pilot.decide(framework, input, context, now)
}

/// Fills `store` with the sample roster and policy and `count` pilots, each reviewed, decided
/// and signed by the three members.
pub fn fill(store: &mut dyn Store, framework: &Framework, count: usize, now: OffsetDateTime) -> Result<()> {
    let mut roster = roster(now)?;
    for member in &mut roster {
        store.create_member(member, &Change::new("voorbeeld", "lid toegevoegd"))?;
    }
    store.save_signing_policy(&policy(), &Change::new("voorbeeld", "vereiste handtekeningen"), now)?;
    // Open each key once; signing thousands of records must not derive the key each time.
    let mut keys = Vec::new();
    for member in &roster {
        let key = member.current_key(now).ok_or(crate::Error::NotFound { what: "key" })?;
        keys.push(key.unseal(PASSPHRASE)?);
    }
    for n in 0..count {
        let at = now + Duration::seconds(n as i64);
        let mut pilot = Pilot::new(proposal(n), framework, at)?;
        store.create(&mut pilot, &Change::new("voorbeeld", "voorstel aangemaakt"))?;
        review_and_decide(&mut pilot, framework, at)?;
        for (member, key) in roster.iter().zip(&keys) {
            let checkpoint = store.audit_head()?;
            pilot.sign_with(member, key, checkpoint, None, at)?;
        }
        pilot.updated_at = at;
        store.save(&mut pilot, &Change::new("voorbeeld", "beoordeeld en ondertekend"))?;
    }
    Ok(())
}

/// What happens to sample pilot `n` of [`fill_years`]: most get a positive decision (some
/// with conditions), some are postponed or refused, and some are still handed in.
fn outcome_of(n: usize) -> Option<Outcome> {
    match n % 10 {
        0..=3 => Some(Outcome::PositiveWithConditions),
        4..=5 => Some(Outcome::Positive),
        6 => Some(Outcome::Postponed),
        7 => Some(Outcome::Negative),
        8 => Some(Outcome::PositiveWithConditions),
        _ => None,
    }
}

/// Fills `store` with `count` pilots spread over the three years before `now` and all
/// outcomes, as a committee's records would be after a while: each handed in, taken into
/// review and decided on its own days (with those entries in the audit trail), signed by the
/// three members; a meeting a month; some pilots published in the Algoritmeregister, some
/// stopped, some in regular use. For the yearly report and the dashboard to be looked at with
/// realistic numbers.
pub fn fill_years(store: &mut dyn Store, count: usize, now: OffsetDateTime) -> Result<()> {
    let start = now - Duration::days(3 * 365);
    let framework = framework(now)?;
    let mut roster = roster(start)?;
    for member in &mut roster {
        member.updated_at = start;
        store.create_member(member, &Change::new("voorbeeld", "lid toegevoegd"))?;
    }
    store.save_signing_policy(&policy(), &Change::new("voorbeeld", "vereiste handtekeningen"), start)?;
    let mut keys = Vec::new();
    for member in &roster {
        let key = member.current_key(start).ok_or(crate::Error::NotFound { what: "key" })?;
        keys.push(key.unseal(PASSPHRASE)?);
    }
    meetings(store, &roster, start, now)?;
    let span = (now - start).whole_minutes().max(1);
    for n in 0..count {
        // Decided somewhere in the three years, handed in five to eight weeks before.
        let decided = start + Duration::minutes(span * (n as i64 + 1) / (count as i64 + 1));
        let handed = decided - Duration::days(35 + (n % 4) as i64 * 7);
        let mut pilot = Pilot::new(proposal(n), &framework, handed - Duration::days(3))?;
        store.create(&mut pilot, &Change::new("voorbeeld", "voorstel aangemaakt"))?;
        pilot.submit()?;
        pilot.updated_at = handed;
        store.save(&mut pilot, &Change::new("voorbeeld", crate::report::facts::SUBMITTED_ACTION))?;
        let Some(outcome) = outcome_of(n) else { continue };
        pilot.start_review()?;
        pilot.updated_at = handed + Duration::days(7);
        store.save(&mut pilot, &Change::new("voorbeeld", crate::report::facts::REVIEW_ACTION))?;
        answer_and_decide(&mut pilot, &framework, decided, outcome)?;
        for (member, key) in roster.iter().zip(&keys) {
            let checkpoint = store.audit_head()?;
            pilot.sign_with(member, key, checkpoint, None, decided)?;
        }
        pilot.updated_at = decided;
        store.save(&mut pilot, &Change::new("voorbeeld", "beoordeeld en ondertekend"))?;
        if outcome.approves() {
            follow_up(store, &pilot, n, decided, now)?;
        }
    }
    Ok(())
}

/// A meeting on the first Tuesday-ish of each month between `from` and `to`, the three
/// members invited, now and then one absent.
fn meetings(store: &mut dyn Store, roster: &[CommitteeMember], from: OffsetDateTime, to: OffsetDateTime) -> Result<()> {
    let mut day = from;
    let mut i = 0usize;
    while day < to {
        let input = crate::meeting::MeetingInput {
            date: crate::base::text::iso_date(day.date()),
            place: "Raadzaal, Elst".into(),
            members: roster
                .iter()
                .enumerate()
                .map(|(m, member)| crate::meeting::Attendee {
                    name: member.name.clone(),
                    role: member.role,
                    present: !(i % 5 == 4 && m == 2 || i % 11 == 10 && m > 0),
                })
                .collect(),
            quorum: crate::meeting::QuorumRule::Majority,
            agenda: vec![],
        };
        let mut meeting = crate::meeting::Meeting::new(input, day)?;
        store.create_meeting(&mut meeting, &Change::new("voorbeeld", "vergadering aangemaakt"))?;
        day += Duration::days(30);
        i += 1;
    }
    Ok(())
}

/// After a positive decision: every fifth pilot published in the register a month on, every
/// seventh stopped after four months, every ninth in regular use after half a year; every
/// third hands in its monitoring report. Only what has happened by `now`.
fn follow_up(
    store: &mut dyn Store,
    pilot: &Pilot,
    n: usize,
    decided: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<()> {
    use crate::followup::{FollowUpEvent, FollowUpKind, LifeStage};
    let hash = crate::pilot::signing::content_hash(pilot)?;
    let mut events = Vec::new();
    let mut add = |at: OffsetDateTime, kind: FollowUpKind, what: &str| -> Result<()> {
        if at > now {
            return Ok(());
        }
        let event = FollowUpEvent {
            id: uuid::Uuid::new_v4(),
            pilot_id: pilot.id,
            decision_hash: hash.clone(),
            at,
            by: pilot.proposal.project_lead.clone(),
            kind,
        };
        crate::followup::FollowUp::check(pilot, &events, None, &event)?;
        store.add_follow_up_event(&event, &Change::new("voorbeeld", what))?;
        events.push(event);
        Ok(())
    };
    let day = |d: OffsetDateTime| crate::base::text::iso_date(d.date());
    if n.is_multiple_of(5) {
        let at = decided + Duration::days(30);
        let url = format!("https://algoritmes.overheid.nl/nl/algoritme/voorbeeld-{n}");
        add(at, FollowUpKind::Published { date: day(at), url }, "gepubliceerd in het Algoritmeregister")?;
    }
    if n.is_multiple_of(3) {
        let at = decided + Duration::days(170);
        let questionnaire = crate::followup::monitoring::Questionnaire::current();
        let answers = questionnaire
            .questions
            .iter()
            .map(|q| {
                use crate::followup::monitoring::{AnswerKind, ReportAnswer};
                let answer = match q.kind {
                    AnswerKind::YesNo => ReportAnswer { yes: Some(false), text: String::new() },
                    AnswerKind::Text => ReportAnswer { yes: None, text: "Loopt volgens plan.".into() },
                    AnswerKind::Date => ReportAnswer { yes: None, text: day(at + Duration::days(180)) },
                };
                (q.id.to_string(), answer)
            })
            .collect();
        let kind = FollowUpKind::MonitoringReport { questionnaire: questionnaire.version.to_string(), answers };
        add(at, kind, "monitoringsrapportage ingediend")?;
    }
    let (stage, after, reason) = match n {
        _ if n.is_multiple_of(7) => (LifeStage::Stopped, 120, "De antwoorden waren te vaak onjuist."),
        _ if n.is_multiple_of(9) => (LifeStage::InUse, 180, "De proef is geslaagd."),
        _ => return Ok(()),
    };
    let at = decided + Duration::days(after);
    add(at, FollowUpKind::Life { stage, date: day(at), reason: reason.into() }, "fase")
}

/// A fresh database on a PostgreSQL test server, set up as an administrator would (with
/// `scripts/postgres/setup.sql`, through `psql`), for the tests and benchmarks; dropped when the
/// returned guard is. `admin` is a superuser's libpq key=value string (`host=127.0.0.1
/// port=54329 user=postgres`, as `scripts/postgres/test-server` makes it).
#[cfg(feature = "postgres")]
pub fn postgres_database(admin: &str) -> Result<(crate::storage::postgres::ServerAddress, TestDatabase)> {
    let fail = |e: &dyn std::fmt::Display| crate::Error::Internal(format!("test database: {e}"));
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let mut client = postgres::Client::connect(admin, postgres::NoTls).map_err(|e| fail(&e))?;
    client.batch_execute(&format!("CREATE DATABASE {name}")).map_err(|e| fail(&e))?;
    let guard = TestDatabase { admin: admin.to_string(), name: name.clone() };
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/postgres/setup.sql");
    let out = std::process::Command::new("psql")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "owner=ai_toets_owner", "-v", "app=ai_toets_app"])
        .arg("-d")
        .arg(format!("{admin} dbname={name}"))
        .arg("-f")
        .arg(script)
        .output()
        .map_err(|e| fail(&e))?;
    if !out.status.success() {
        return Err(fail(&String::from_utf8_lossy(&out.stderr)));
    }
    let key = |k: &str| admin.split_whitespace().find_map(|kv| kv.strip_prefix(k)?.strip_prefix('='));
    let url = format!(
        "postgres://ai_toets_app@{}:{}/{name}?sslmode=disable",
        key("host").unwrap_or("127.0.0.1"),
        key("port").unwrap_or("5432")
    );
    Ok((crate::storage::postgres::ServerAddress::parse(&url)?, guard))
}

/// A test database on the test server; dropped with it.
#[cfg(feature = "postgres")]
pub struct TestDatabase {
    admin: String,
    pub name: String,
}

#[cfg(feature = "postgres")]
impl TestDatabase {
    /// A superuser's connection string to this database.
    pub fn admin_conninfo(&self) -> String {
        format!("{} dbname={}", self.admin, self.name)
    }
}

#[cfg(feature = "postgres")]
impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}
