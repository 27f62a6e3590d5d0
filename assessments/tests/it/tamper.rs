//! The check on open, attacked as someone with a copy of the database file and `sqlite3` would:
//! triggers dropped where they are in the way. Each edit must be named, never called intact.

use assessments::Store;
use rusqlite::Connection;

use crate::support::{signed, without_triggers, TestDb};

fn raw(db: &TestDb) -> Connection {
    Connection::open(db.path()).expect("raw connection")
}

#[test]
fn a_signed_decision_deleted_behind_the_apps_back_is_named() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let id = v.pilot.id.to_string();
    without_triggers(&raw(&db), |c| {
        for table in ["signatures", "answers", "decisions", "pilot_names"] {
            c.execute(&format!("DELETE FROM {table} WHERE pilot_id = ?1"), [&id]).expect("delete");
        }
        c.execute("DELETE FROM pilots WHERE id = ?1", [&id]).expect("delete");
    });
    assert!(db.service.list().expect("list").is_empty(), "gone from the overview");
    let report = db.service.integrity().expect("integrity");
    assert!(!report.intact);
    assert!(report.changed_outside.iter().any(|c| c.contains(&id)), "{report:?}");
}

#[test]
fn a_flipped_signed_flag_is_named() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    without_triggers(&raw(&db), |c| {
        c.execute("UPDATE decisions SET signed = 0 WHERE pilot_id = ?1", [v.pilot.id.to_string()]).expect("flip");
    });
    let report = db.service.integrity().expect("integrity");
    assert!(!report.intact);
    assert!(report.changed_outside.iter().any(|c| c.contains("afvalwijzer")), "{report:?}");
}

#[test]
fn dropped_or_changed_lock_triggers_are_named() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    let conn = raw(&db);
    conn.execute_batch("DROP TRIGGER signatures_no_delete").expect("drop");
    conn.execute_batch("DROP TRIGGER pilots_signed_no_update").expect("drop");
    conn.execute_batch(
        "CREATE TRIGGER pilots_signed_no_update BEFORE UPDATE ON pilots WHEN 0
         BEGIN SELECT RAISE(ABORT, 'ai-toets: signed record is immutable'); END;",
    )
    .expect("defanged copy");
    let report = db.service.integrity().expect("integrity");
    assert!(!report.intact);
    assert!(report.schema_problems.iter().any(|p| p.contains("signatures_no_delete") && p.contains("ontbreekt")));
    assert!(report.schema_problems.iter().any(|p| p.contains("pilots_signed_no_update") && p.contains("gewijzigd")));
}

#[test]
fn a_loaded_framework_revision_edited_in_the_file_is_named() {
    let mut db = TestDb::new();
    let source = crate::support::shipped_framework("overbetuwe-2026.2.toml");
    let revised = source.replacen("version = \"2026.2\"", "version = \"2027.1\"", 1);
    db.service.load_framework("overbetuwe-2027.1.toml", &revised).expect("load");
    assert!(db.service.integrity().expect("integrity").intact);
    // Someone takes the knock-out flags out of the loaded revision.
    let stripped = revised.replace("knock_out = true", "knock_out = false");
    assert_ne!(stripped, revised);
    without_triggers(&raw(&db), |c| {
        c.execute("UPDATE framework_files SET source = ?1 WHERE version = '2027.1'", [&stripped]).expect("edit");
    });
    let report = db.service.integrity().expect("integrity");
    assert!(!report.intact);
    assert!(report.changed_outside.iter().any(|c| c.contains("Toetsingskader 2027.1")), "{report:?}");
}

#[test]
fn a_framework_revision_inserted_without_the_app_is_named() {
    let mut db = TestDb::new();
    let source = crate::support::shipped_framework("overbetuwe-2026.2.toml");
    let forged = source.replacen("version = \"2026.2\"", "version = \"2027.9\"", 1);
    raw(&db)
        .execute(
            "INSERT INTO framework_files (framework_id, version, file_name, source, loaded_at)
             VALUES ('overbetuwe', '2027.9', 'x.toml', ?1, '2026-11-28T10:00:00Z')",
            [&forged],
        )
        .expect("insert");
    let report = db.service.integrity().expect("integrity");
    assert!(report.changed_outside.iter().any(|c| c.contains("2027.9")), "{report:?}");
}

#[test]
fn a_signing_policy_slipped_into_the_settings_is_ignored_once_founded_and_named_before() {
    // Before the committee is founded the policy is a setting: one inserted by hand is named.
    let mut db = TestDb::new();
    raw(&db)
        .execute("INSERT INTO settings (key, value) VALUES ('signingPolicy', '{\"requiredRoles\":[\"member\"]}')", [])
        .expect("insert");
    let report = db.service.integrity().expect("integrity");
    assert!(report.changed_outside.iter().any(|c| c.contains("Vereiste handtekeningen")), "{report:?}");

    // Once founded, the policy is the roster log's: the setting changes nothing.
    let mut db = TestDb::new();
    signed(&mut db.service);
    raw(&db)
        .execute(
            "INSERT INTO settings (key, value) VALUES ('signingPolicy', '{\"requiredRoles\":[\"member\"]}')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [],
        )
        .expect("insert");
    assert_eq!(db.service.signing_policy().expect("policy"), assessments::committee::roster::SigningPolicy::default());
}

#[test]
fn a_deleted_meeting_or_member_is_named() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    let input = assessments::meeting::MeetingInput {
        date: "2026-12-01".into(),
        place: "Raadszaal, Elst".into(),
        members: [
            (crate::support::CHAIR, assessments::Role::Chair),
            (crate::support::SECRETARY, assessments::Role::Secretary),
        ]
        .into_iter()
        .map(|(name, role)| assessments::meeting::Attendee { name: name.into(), role, present: true })
        .collect(),
        quorum: assessments::meeting::QuorumRule::Majority,
        agenda: vec![],
    };
    let meeting = db.service.create_meeting(input).expect("meeting").meeting.id;
    let members = assessments::SqliteStore::open(&db.path()).expect("open").list_members().expect("members");
    without_triggers(&raw(&db), |c| {
        c.execute("DELETE FROM meetings WHERE id = ?1", [meeting.to_string()]).expect("delete meeting");
        c.execute("DELETE FROM members WHERE id = ?1", [members[0].id.to_string()]).expect("delete member");
    });
    let report = db.service.integrity().expect("integrity");
    assert!(report.changed_outside.iter().any(|c| c.contains(&format!("meeting:{meeting}"))), "{report:?}");
    assert!(report.roster_problems.iter().any(|p| p.contains("ontbreekt")), "{report:?}");
}

#[test]
fn a_framework_revision_changed_under_a_signed_decision_is_named_even_with_a_forged_audit_entry() {
    let mut db = TestDb::new();
    let source = crate::support::shipped_framework("overbetuwe-2026.2.toml");
    let revised = source.replacen("version = \"2026.2\"", "version = \"2027.1\"", 1);
    db.service.load_framework("overbetuwe-2027.1.toml", &revised).expect("load");
    let v = signed(&mut db.service);
    assert_eq!(v.pilot.framework.version, "2027.1");
    let stripped = revised.replace("knock_out = true", "knock_out = false");
    // The attacker also appends an audit entry for the new text (the hash is public), so the
    // file's own audit check holds: only the hash the decision signed tells.
    let conn = raw(&db);
    without_triggers(&conn, |c| {
        c.execute("UPDATE framework_files SET source = ?1 WHERE version = '2027.1'", [&stripped]).expect("edit");
    });
    let hash = assessments::audit::state_hash(&stripped).expect("hash");
    crate::support::append_forged_audit_entry(
        &db,
        "beheer",
        "framework:overbetuwe@2027.1",
        "toetsingskader 2027.1 geladen",
        &hash,
    );
    let mut db = db;
    let report = db.service.integrity().expect("integrity");
    assert!(!report.intact);
    assert!(report.changed_outside.iter().any(|c| c.starts_with("Toetsingskader van")), "{report:?}");
    assert!(
        !report.changed_outside.iter().any(|c| c == "Toetsingskader 2027.1"),
        "the forged entry hides the file edit"
    );
}

#[test]
fn the_verifier_checks_a_database_file_headless_and_names_what_changed() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    let run = |db: &TestDb| {
        std::process::Command::new(env!("CARGO_BIN_EXE_ai-toets-verify"))
            .arg("--database")
            .arg(db.path())
            .output()
            .expect("run")
    };
    let out = run(&db);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    without_triggers(&raw(&db), |c| {
        c.execute("UPDATE decisions SET reasons = 'Anders besloten.'", []).expect("edit");
    });
    let before = std::fs::read(db.path()).expect("read");
    let out = run(&db);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("Buiten AI-toets om gewijzigd") && text.contains("afvalwijzer"), "{text}");
    assert_eq!(std::fs::read(db.path()).expect("read"), before, "the check works on a copy");
    let not_a_database = db.dir.path().join("geen.sqlite3");
    std::fs::write(&not_a_database, b"dit is geen database").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ai-toets-verify"))
        .arg("--database")
        .arg(&not_a_database)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_roster_event_deleted_from_the_file_is_named() {
    let mut db = TestDb::new();
    crate::support::member(&mut db.service, "Fatima el Amrani", assessments::Role::Member);
    // The last event (Fatima's admission) goes, and her row with it: the log still replays.
    without_triggers(&raw(&db), |c| {
        c.execute("DELETE FROM roster_events WHERE seq = (SELECT max(seq) FROM roster_events)", []).expect("delete");
        c.execute("DELETE FROM members WHERE name = 'Fatima el Amrani'", []).expect("delete");
    });
    let report = db.service.integrity().expect("integrity");
    assert!(!report.intact);
    assert!(report.changed_outside.iter().any(|c| c == "Verwijderd: roster:2"), "{report:?}");
}
