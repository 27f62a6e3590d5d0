//! The roster as a signed log, attacked as one person alone at the committee laptop would: with
//! the app's own operations, and with a copy of the database file and `sqlite3`.

use assessments::api::Approver;
use assessments::committee::roster::{MemberInput, SigningPolicy};
use assessments::committee::roster_log::{KeyEntry, RosterChange, RosterEvent, RosterFile, RosterState};
use assessments::{Error, Role, Status, Store, Verdict};
use rusqlite::Connection;

use crate::support::{
    approvals, conditional_decision, found, member, officers, reviewed, signed, TestDb, CHAIR, PASSPHRASE, SECRETARY,
};

/// The attacker's own passphrase: strong, and nobody else's.
const MINE: &str = "mijn eigen geheime zin voor elke sleutel";

fn decided(db: &mut TestDb) -> uuid::Uuid {
    let id = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    db.service.decide(id, conditional_decision()).expect("decide");
    id
}

fn id_of(db: &mut TestDb, name: &str) -> uuid::Uuid {
    db.service.roster().expect("roster").iter().find(|m| m.name == name).expect("on the roster").id
}

fn raw(db: &TestDb) -> Connection {
    Connection::open(db.path()).expect("raw connection")
}

#[test]
fn nobody_alone_can_put_a_key_in_the_chairs_name() {
    let mut db = TestDb::new();
    found(&mut db.service);
    let chair = id_of(&mut db, CHAIR);
    let key = db.service.roster().expect("roster")[0].keys[0].id;
    let events = db.service.roster_status(None).expect("status").events;

    // Declaring the chair's key compromised, or giving the chair a new key, takes approvals.
    let since = crate::support::now();
    assert!(db.service.declare_compromised(chair, key, since, vec![]).is_err(), "no approvals");
    assert!(db.service.replace_key(chair, MINE, vec![]).is_err(), "no approvals");
    // A member's own rotation needs the current passphrase.
    let err = db.service.rotate_key(chair, "ik raad maar wat", MINE).expect_err("wrong passphrase");
    assert_eq!(err.fields()[0].field, "passphrase");
    // The chair cannot approve a change about themselves; one officer is not enough.
    let only_chair = approvals(&mut db.service, &[CHAIR]);
    let err = db.service.replace_key(chair, MINE, only_chair).expect_err("own approval");
    assert!(err.message().nl.contains("over zichzelf"), "{}", err.message().nl);
    let only_secretary = approvals(&mut db.service, &[SECRETARY]);
    let err = db.service.replace_key(chair, MINE, only_secretary).expect_err("one approval");
    assert!(err.message().nl.contains("2 goedkeuringen"), "{}", err.message().nl);
    // A wrong passphrase for an approver approves nothing.
    let secretary = id_of(&mut db, SECRETARY);
    let wrong = vec![Approver { member_id: secretary, passphrase: "niet de wachtzin van Joost".into() }];
    let err = db.service.set_signing_policy(SigningPolicy { required_roles: vec![Role::Member] }, wrong);
    assert_eq!(err.expect_err("wrong passphrase").fields()[0].field, "passphrase");

    assert_eq!(db.service.roster_status(None).expect("status").events, events, "nothing was recorded");
    assert_eq!(db.service.signing_policy().expect("policy"), SigningPolicy::default());
    let chair_view = db.service.roster().expect("roster").into_iter().find(|m| m.id == chair).expect("chair");
    assert_eq!(chair_view.keys.len(), 1, "the chair still has only their own key");
    assert!(db.service.integrity().expect("integrity").intact);
}

#[test]
fn a_second_chair_or_a_member_without_approval_cannot_join() {
    let mut db = TestDb::new();
    found(&mut db.service);
    let input = |name: &str, role| MemberInput { name: name.into(), role };
    assert!(db.service.add_member(input("Stille Vennoot", Role::Member), MINE, vec![]).is_err(), "no approvals");
    let one = approvals(&mut db.service, &[SECRETARY]);
    assert!(db.service.add_member(input("Stille Vennoot", Role::Member), MINE, one).is_err(), "one approval");
    let both = officers(&mut db.service);
    let err = db.service.add_member(input("Tweede Voorzitter", Role::Chair), MINE, both).expect_err("second chair");
    assert!(err.message().nl.contains("één voorzitter"), "{}", err.message().nl);
    assert_eq!(db.service.roster().expect("roster").len(), 2);
}

#[test]
fn before_the_committee_is_founded_no_member_can_be_added() {
    let mut db = TestDb::new();
    let err = db
        .service
        .add_member(MemberInput { name: "Wie Dan Ook".into(), role: Role::Chair }, MINE, vec![])
        .expect_err("not founded");
    assert!(err.message().nl.contains("Stel eerst de commissie vast"), "{}", err.message().nl);
    // Founding twice is refused: the first chair and secretary stay.
    found(&mut db.service);
    let new = |name: &str, role| assessments::api::NewMember { name: name.into(), role, passphrase: MINE.into() };
    let err = db.service.found_committee(new("Nep Voorzitter", Role::Chair), new("Nep Secretaris", Role::Secretary));
    assert!(matches!(err, Err(Error::NotAllowed(_))), "{err:?}");
}

#[test]
fn a_lost_passphrase_gets_a_new_key_approved_by_chair_and_secretary() {
    let mut db = TestDb::new();
    let earlier = signed(&mut db.service).pilot.id;
    let fatima = member(&mut db.service, "Fatima el Amrani", Role::Member);
    let approvals = officers(&mut db.service);
    let m = db.service.replace_key(fatima, MINE, approvals).expect("replace");
    assert_eq!(m.keys.len(), 2);
    assert!(m.keys[1].current && !m.keys[0].current);
    // The new key signs (the policy asks for a member too).
    let approvals = officers(&mut db.service);
    let policy = SigningPolicy { required_roles: vec![Role::Chair, Role::Secretary, Role::Member] };
    db.service.set_signing_policy(policy, approvals).expect("policy");
    let id = decided(&mut db);
    assert!(db.service.sign(id, fatima, PASSPHRASE).is_err(), "the old passphrase opens nothing now");
    db.service.sign(id, fatima, MINE).expect("the new key signs");
    assert!(db.service.get(earlier).expect("get").signature_checks.iter().all(|c| c.valid));
    assert!(db.service.integrity().expect("integrity").intact);
}

#[test]
fn ending_a_membership_keeps_what_the_member_signed_valid() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    // A new secretary takes over: the old one becomes a plain member, then leaves.
    let secretary = id_of(&mut db, SECRETARY);
    member(&mut db.service, "Fatima el Amrani", Role::Member);
    let approvals_ = approvals(&mut db.service, &[CHAIR, "Fatima el Amrani"]);
    db.service.change_role(secretary, Role::Member, approvals_).expect("step down");
    let approvals_ = approvals(&mut db.service, &[CHAIR, "Fatima el Amrani"]);
    db.service.end_membership(secretary, approvals_).expect("leave");
    assert!(db.service.roster().expect("roster").iter().all(|m| m.id != secretary), "no longer listed");

    let after = db.service.get(v.pilot.id).expect("get");
    assert!(after.signature_checks.iter().all(|c| c.valid), "{:?}", after.signature_checks);
    let id = decided(&mut db);
    let err = db.service.sign(id, secretary, PASSPHRASE).expect_err("ended");
    assert!(matches!(err, Error::NotAllowed(_) | Error::Invalid(_)), "{err}");
    assert!(db.service.integrity().expect("integrity").intact);
}

#[test]
fn wrong_passphrases_are_recorded_and_slow_the_next_try() {
    let mut db = TestDb::new();
    // A clock of its own that stands still: the shared test clock moves with every other test
    // running beside this one, and the wait is counted in seconds.
    fn frozen() -> time::OffsetDateTime {
        crate::support::now()
    }
    db.service = assessments::Assessments::with_clock(
        Box::new(assessments::SqliteStore::open(&db.path()).expect("open")),
        frozen,
    );
    let id = decided(&mut db);
    let chair = member(&mut db.service, CHAIR, Role::Chair);
    for _ in 0..3 {
        let err = db.service.sign(id, chair, "drie keer fout geraden").expect_err("wrong");
        assert_eq!(err.fields()[0].field, "passphrase");
    }
    // The fourth try is refused before the passphrase is even tried, also the right one.
    let err = db.service.sign(id, chair, PASSPHRASE).expect_err("slowed");
    assert!(err.message().nl.contains("Te veel verkeerde wachtzinnen"), "{}", err.message().nl);
    let failures = db.service.audit_log().expect("log").iter().filter(|e| e.action == "verkeerde wachtzin").count();
    assert_eq!(failures, 3);
    assert!(db.service.integrity().expect("integrity").intact, "a failed try changes no record");
}

/// Puts an attacker's key on the chair's stored record, with `sqlite3`-style access.
fn attackers_key_for(db: &TestDb, name: &str) -> assessments::committee::keys::MemberKey {
    let key = assessments::committee::keys::MemberKey::generate(MINE, time::OffsetDateTime::now_utc()).expect("key");
    let conn = raw(db);
    let body: String =
        conn.query_row("SELECT body FROM members WHERE name = ?1", [name], |r| r.get(0)).expect("member row");
    let mut member: serde_json::Value = serde_json::from_str(&body).expect("json");
    member["keys"].as_array_mut().expect("keys").push(serde_json::to_value(&key).expect("key json"));
    conn.execute("UPDATE members SET body = ?1 WHERE name = ?2", [member.to_string(), name.to_string()])
        .expect("update");
    key
}

#[test]
fn a_key_added_to_the_file_signs_nothing_and_is_named() {
    let mut db = TestDb::new();
    let id = decided(&mut db);
    let chair = member(&mut db.service, CHAIR, Role::Chair);
    attackers_key_for(&db, CHAIR);
    let err = db.service.sign(id, chair, MINE).expect_err("not the log's key");
    assert!(err.message().nl.contains("ledenlogboek"), "{}", err.message().nl);
    assert_eq!(db.service.get(id).expect("get").pilot.status, Status::Decided);
    let report = db.service.integrity().expect("integrity");
    assert!(!report.intact);
    assert!(report.roster_problems.iter().any(|p| p.contains(CHAIR)), "{report:?}");
}

#[test]
fn a_member_inserted_into_the_file_is_named_and_cannot_sign() {
    let mut db = TestDb::new();
    let id = decided(&mut db);
    found(&mut db.service);
    // A copy of the chair's row under a new id and name, with the attacker's key, as chair.
    let conn = raw(&db);
    let body: String = conn.query_row("SELECT body FROM members WHERE name = ?1", [CHAIR], |r| r.get(0)).expect("row");
    let mut fake: serde_json::Value = serde_json::from_str(&body).expect("json");
    let fake_id = uuid::Uuid::new_v4();
    let key = assessments::committee::keys::MemberKey::generate(MINE, time::OffsetDateTime::now_utc()).expect("key");
    fake["id"] = serde_json::json!(fake_id);
    fake["name"] = serde_json::json!("Schaduw Voorzitter");
    fake["keys"] = serde_json::json!([key]);
    conn.execute(
        "INSERT INTO members (id, revision, name, body, created_at, updated_at)
         SELECT ?1, 1, 'Schaduw Voorzitter', ?2, created_at, updated_at FROM members WHERE name = ?3",
        [fake_id.to_string(), fake.to_string(), CHAIR.to_string()],
    )
    .expect("insert");
    assert!(db.service.sign(id, fake_id, MINE).is_err(), "not on the signed roster");
    let report = db.service.integrity().expect("integrity");
    assert!(report.roster_problems.iter().any(|p| p.contains("Schaduw Voorzitter")), "{report:?}");
}

#[test]
fn a_forged_roster_event_in_the_file_breaks_the_log_and_is_named() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    // The attacker writes an event that makes a key of their own the chair's, signed by that
    // same key (the only key they have).
    let mut store = assessments::SqliteStore::open(&db.path()).expect("open");
    let state = RosterState::replay(&store.roster_log().expect("log")).expect("replay");
    let chair = state.members.values().find(|m| m.name == CHAIR).expect("chair").clone();
    let key = assessments::committee::keys::MemberKey::generate(MINE, time::OffsetDateTime::now_utc()).expect("key");
    let change = RosterChange::KeyReplaced { member_id: chair.id, key: KeyEntry::of(&key) };
    let mut event = RosterEvent::draft(&state, time::OffsetDateTime::now_utc(), change);
    let mut fake = assessments::committee::roster::CommitteeMember::new(
        MemberInput { name: "Nep".into(), role: Role::Member },
        MINE,
        time::OffsetDateTime::now_utc(),
    )
    .expect("member");
    fake.id = chair.id;
    fake.keys = vec![key.clone()];
    event.approve(&fake, MINE).expect("self-approved");
    event.approve(&fake, MINE).expect("twice");
    raw(&db)
        .execute(
            "INSERT INTO roster_events (seq, body, event_hash) VALUES (?1, ?2, ?3)",
            rusqlite::params![event.seq, serde_json::to_string(&event).expect("json"), event.hash().expect("hash")],
        )
        .expect("insert");
    let report = db.service.integrity().expect("integrity");
    assert!(!report.intact);
    assert!(report.roster_problems.iter().any(|p| p.contains("gebeurtenis")), "{report:?}");
    // Signatures are never shown as valid against a log that does not hold.
    assert!(db.service.get(v.pilot.id).is_err() || !db.service.integrity().expect("again").intact);
}

#[test]
fn a_roster_from_before_the_log_is_adopted_by_its_chair_and_secretary() {
    // A database as main made it before the signed roster log (issue 10): members written
    // straight to the store, the policy as a setting, no roster log; a decision signed then.
    let db = TestDb::new();
    let now = crate::support::now();
    let mut store = assessments::SqliteStore::open(&db.path()).expect("open");
    let mut ids = vec![];
    for (name, role) in [(CHAIR, Role::Chair), (SECRETARY, Role::Secretary)] {
        let mut m = assessments::committee::roster::CommitteeMember::new(
            MemberInput { name: name.into(), role },
            PASSPHRASE,
            now,
        )
        .expect("member");
        store.create_member(&mut m, &assessments::audit::Change::new("beheer", "lid toegevoegd")).expect("create");
        ids.push(m.id);
    }
    drop(store);
    let mut db = db;
    let id = decided(&mut db);
    db.service.sign(id, ids[0], PASSPHRASE).expect("legacy chair signs");
    db.service.sign(id, ids[1], PASSPHRASE).expect("legacy secretary signs");
    assert!(db.service.roster_status(None).expect("status").legacy);
    assert!(db.service.integrity().expect("integrity").intact);

    // Adoption needs both officers.
    let one = vec![Approver { member_id: ids[0], passphrase: PASSPHRASE.into() }];
    assert!(db.service.adopt_roster(one).is_err());
    let both = ids.iter().map(|id| Approver { member_id: *id, passphrase: PASSPHRASE.into() }).collect();
    db.service.adopt_roster(both).expect("adopt");
    assert!(db.service.roster_status(None).expect("status").founded);
    let v = db.service.get(id).expect("get");
    assert!(v.signature_checks.iter().all(|c| c.valid), "{:?}", v.signature_checks);
    assert!(db.service.integrity().expect("integrity").intact);
}

#[test]
fn the_exported_roster_replays_and_a_changed_copy_does_not() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    let file = db.service.roster_file().expect("roster file");
    let state = file.state().expect("the published roster replays");
    assert_eq!(state.members.len(), 2);

    // Someone gives the secretary a different role in the copy: the log no longer holds.
    let mut json: serde_json::Value = serde_json::to_value(&file).expect("json");
    let event = json["log"][0]["change"]["members"][1]["role"].take();
    assert_eq!(event, serde_json::json!("secretary"));
    json["log"][0]["change"]["members"][1]["role"] = serde_json::json!("chair");
    let changed: RosterFile = serde_json::from_value(json).expect("still a roster file");
    assert!(changed.state().is_err());
}
