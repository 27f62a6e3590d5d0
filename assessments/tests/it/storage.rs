//! The SQLite store: round trips, conflicts, and the database-level lock on signed records
//! that holds even for someone with the sqlite3 command line.

use assessments::{Error, SqliteStore, Status, Store};
use rusqlite::Connection;

use crate::support::{proposal, signed, TestDb};

#[test]
fn a_pilot_comes_back_exactly_as_saved() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let mut reopened = SqliteStore::open(&db.path()).expect("reopen");
    let loaded = reopened.load(v.pilot.id).expect("load");
    assert_eq!(loaded, v.pilot);
    let list = reopened.list().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title, proposal().title);
    assert_eq!(list[0].status, Status::Signed);
}

#[test]
fn every_connection_has_wal_foreign_keys_and_recursive_triggers() {
    let db = TestDb::new();
    drop(SqliteStore::open(&db.path()).expect("open"));
    let raw = Connection::open(db.path()).expect("raw");
    let mode: String = raw.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal mode");
    assert_eq!(mode, "wal");
    // Foreign keys are enforced by the store: an answer for a pilot that does not exist is refused.
    let mut store = SqliteStore::open(&db.path()).expect("open");
    let mut ghost =
        assessments::Pilot::new(proposal(), &assessments::Framework::current().expect("fw"), crate::support::now())
            .expect("pilot");
    ghost.revision = 1;
    assert!(matches!(store.save(&mut ghost, &test_change()), Err(Error::NotFound { .. })));
}

#[test]
fn a_stale_save_is_refused_as_a_conflict() {
    let mut db = TestDb::new();
    let v = db.service.create(proposal()).expect("create");
    let mut a = SqliteStore::open(&db.path()).expect("a");
    let mut b = SqliteStore::open(&db.path()).expect("b");
    let mut pa = a.load(v.pilot.id).expect("load a");
    let mut pb = b.load(v.pilot.id).expect("load b");
    pa.proposal.department = "Eerst".into();
    a.save(&mut pa, &test_change()).expect("first save wins");
    pb.proposal.department = "Later".into();
    assert!(matches!(b.save(&mut pb, &test_change()), Err(Error::Conflict)));
    assert_eq!(a.load(v.pilot.id).expect("load").proposal.department, "Eerst");
}

pub fn test_change() -> assessments::audit::Change {
    assessments::audit::Change::new("test", "rechtstreeks opgeslagen")
}

/// A plain connection, as the sqlite3 command line opens one: no recursive_triggers.
fn raw(db: &TestDb) -> Connection {
    Connection::open(db.path()).expect("raw connection")
}

#[test]
fn the_database_refuses_to_change_a_signed_decision() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let id = v.pilot.id.to_string();
    let conn = raw(&db);
    let statements = [
        "UPDATE decisions SET outcome = 'positive' WHERE pilot_id = ?1",
        "DELETE FROM decisions WHERE pilot_id = ?1",
        "INSERT OR REPLACE INTO decisions (pilot_id, outcome, reasons, conditions, decided_at, signed)
         VALUES (?1, 'positive', 'vervalst', '[]', '2026-01-01T00:00:00Z', 0)",
        "REPLACE INTO decisions (pilot_id, outcome, reasons, conditions, decided_at, signed)
         VALUES (?1, 'negative', 'vervalst', '[]', '2026-01-01T00:00:00Z', 1)",
        "UPDATE OR REPLACE decisions SET outcome = 'positive' WHERE pilot_id = ?1",
        "INSERT INTO decisions (pilot_id, outcome, reasons, conditions, decided_at, signed)
         VALUES (?1, 'positive', 'vervalst', '[]', '2026-01-01T00:00:00Z', 0)
         ON CONFLICT (pilot_id) DO UPDATE SET reasons = excluded.reasons",
        "UPDATE answers SET notes = 'vervalst' WHERE pilot_id = ?1",
        "DELETE FROM answers WHERE pilot_id = ?1",
        "INSERT OR REPLACE INTO answers (pilot_id, question_id, verdict, notes) VALUES (?1, 'privacy.dpia', 'complies', 'vervalst')",
        "UPDATE pilots SET proposal = json_set(proposal, '$.title', 'vervalst') WHERE id = ?1",
        "UPDATE pilots SET status = 'draft' WHERE id = ?1",
        "DELETE FROM pilots WHERE id = ?1",
        "INSERT OR REPLACE INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at)
         VALUES (?1, 9, 'draft', 'x', '1', '{}', '', '')",
        "UPDATE signatures SET signer_name = 'vervalst' WHERE pilot_id = ?1",
        "DELETE FROM signatures WHERE pilot_id = ?1",
        "INSERT INTO signatures (id, pilot_id, signer_name, role, signed_at, content_hash, proof)
         VALUES ('extra', ?1, 'Derde', 'member', '', '', '{}')",
    ];
    for sql in statements {
        let err = conn.execute(sql, [&id]).expect_err(sql);
        assert!(err.to_string().contains("signed record is immutable"), "{sql}: {err}");
    }
    let mut store = SqliteStore::open(&db.path()).expect("open");
    assert_eq!(store.load(v.pilot.id).expect("load"), v.pilot, "the record is untouched");
}

#[test]
fn an_unsigned_decision_can_still_be_corrected() {
    let mut db = TestDb::new();
    let v = crate::support::reviewed(&mut db.service, assessments::Verdict::Complies);
    db.service.decide(v.pilot.id, crate::support::conditional_decision()).expect("decide");
    let conn = raw(&db);
    let n = conn
        .execute("UPDATE decisions SET reasons = 'bijgewerkt' WHERE pilot_id = ?1", [v.pilot.id.to_string()])
        .expect("update");
    assert_eq!(n, 1, "the triggers only guard signed records");
}

#[test]
fn a_corrupt_file_gives_a_clear_message() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("ai-toets.sqlite3");
    std::fs::write(&path, "Dit is geen database, maar een boodschappenlijst.\n".repeat(200)).expect("write");
    let before = std::fs::read(&path).expect("read");
    let Err(err) = SqliteStore::open(&path) else { panic!("a corrupt file must not open") };
    assert_eq!(err.kind(), "storage");
    let m = err.message();
    assert!(m.nl.contains("beschadigd") && m.nl.contains("ai-toets.sqlite3"), "{}", m.nl);
    assert!(m.en.contains("damaged"), "{}", m.en);
    assert_eq!(std::fs::read(&path).expect("read"), before, "the file is left as it was");
}

/// Makes `path` unwritable, also for root (chattr +i). Returns an undo guard.
struct ReadOnly(std::path::PathBuf);

impl ReadOnly {
    fn make(path: &std::path::Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        if std::fs::OpenOptions::new().append(true).open(path).is_ok() {
            let ok = std::process::Command::new("chattr").arg("+i").arg(path).status().is_ok_and(|s| s.success());
            assert!(ok, "cannot make a read-only file here (root without chattr?)");
        }
        assert!(std::fs::OpenOptions::new().append(true).open(path).is_err(), "file still writable");
        Self(path.to_path_buf())
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_file_can_be_read_but_refuses_writes_clearly() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("ai-toets.sqlite3");
    let id = {
        let store = SqliteStore::open(&path).expect("open");
        let mut service = assessments::Assessments::with_clock(Box::new(store), crate::support::now);
        service.create(proposal()).expect("create").pilot.id
    };
    let _guard = ReadOnly::make(&path);
    let mut service = match SqliteStore::open(&path) {
        Ok(store) => assessments::Assessments::new(Box::new(store)),
        Err(err) => {
            // Acceptable too, as long as it says so plainly.
            assert!(err.message().nl.contains("alleen-lezen"), "{}", err.message().nl);
            return;
        }
    };
    assert_eq!(service.list().expect("reading still works").len(), 1);
    let err = service.submit(id).expect_err("write refused");
    assert_eq!(err.kind(), "storage");
    assert!(err.message().nl.contains("alleen-lezen"), "{}", err.message().nl);
    assert_eq!(service.get(id).expect("get").pilot.status, Status::Draft, "nothing half-written");
}

mod audit {
    use assessments::audit::first_broken;

    use super::raw;
    use crate::support::{proposal, signed, TestDb};

    #[test]
    fn every_change_is_chained_in_the_audit_trail() {
        let mut db = TestDb::new();
        let v = signed(&mut db.service);
        let log = db.service.audit_log().expect("log");
        assert!(log.len() > 40, "{} entries", log.len());
        assert_eq!(
            first_broken(&{
                let mut l = log.clone();
                l.reverse();
                l
            }),
            None
        );
        assert_eq!(log[0].actor, "Joost Ëlberts", "newest first: the last signature");
        assert_eq!(log[0].action, "ondertekend als secretaris");
        let pilot = format!("pilot:{}", v.pilot.id);
        assert!(
            log.iter()
                .all(|e| e.subject == pilot || e.subject.starts_with("member:") || e.subject.starts_with("roster:")),
            "pilot and roster only"
        );
        assert_eq!(log.iter().filter(|e| e.subject.starts_with("member:")).count(), 2, "two members added");
        let report = db.service.integrity().expect("integrity");
        assert!(report.intact, "{report:?}");
        assert!(!db.service.get(v.pilot.id).expect("get").changed_outside);
    }

    #[test]
    fn the_trail_cannot_be_edited_and_a_forged_entry_breaks_the_chain() {
        let mut db = TestDb::new();
        db.service.create(proposal()).expect("create");
        let conn = raw(&db);
        for sql in [
            "UPDATE audit_log SET actor = 'iemand anders'",
            "DELETE FROM audit_log",
            "INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log",
        ] {
            let err = conn.execute(sql, []).expect_err(sql);
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
        conn.execute(
            "INSERT INTO audit_log (seq, at, actor, subject, action, state_hash, prev_hash, entry_hash)
             VALUES (2, '2026-11-28T10:15:00Z', 'vervalser', 'pilot:x', 'niets', 'x', 'x', 'x')",
            [],
        )
        .expect("an append is possible from outside");
        assert_eq!(db.service.integrity().expect("integrity").broken_at, Some(2));
    }

    #[test]
    fn an_edit_behind_the_apps_back_is_detected_on_open() {
        let mut db = TestDb::new();
        let v = db.service.create(proposal()).expect("create");
        raw(&db)
            .execute(
                "UPDATE pilots SET proposal = json_set(proposal, '$.purpose', 'Stiekem aangepast') WHERE id = ?1",
                [v.pilot.id.to_string()],
            )
            .expect("the draft itself is not locked");
        let mut reopened = assessments::Assessments::with_clock(
            Box::new(assessments::SqliteStore::open(&db.path()).expect("open")),
            crate::support::now,
        );
        let report = reopened.integrity().expect("integrity");
        assert_eq!(report.changed_outside, [proposal().title]);
        assert!(!report.intact);
        assert!(reopened.get(v.pilot.id).expect("get").changed_outside, "the pilot says so too");
    }

    #[test]
    fn a_name_changed_only_in_the_overview_is_detected_on_open() {
        let mut db = TestDb::new();
        let v = signed(&mut db.service);
        raw(&db)
            .execute("UPDATE pilot_names SET title = 'Een andere naam' WHERE pilot_id = ?1", [v.pilot.id.to_string()])
            .expect("the overview's copy has no lock of its own");
        assert_eq!(db.service.list().expect("list")[0].title, "Een andere naam", "the overview shows the copy");
        let report = db.service.integrity().expect("integrity");
        assert_eq!(report.changed_outside, ["Een andere naam"]);
        assert!(!report.intact);
    }
}

#[test]
fn a_full_disk_says_so_keeps_nothing_half_written_and_the_next_save_works() {
    use assessments::audit::Change;
    use assessments::Verdict;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("ai-toets.sqlite3");
    let mut store = SqliteStore::open(&path).expect("open");
    let framework = assessments::sample::framework(crate::support::now()).expect("framework");
    let mut pilot = assessments::Pilot::new(proposal(), &framework, crate::support::now()).expect("pilot");
    store.create(&mut pilot, &Change::new("test", "aangemaakt")).expect("create");
    let before = store.load(pilot.id).expect("load");
    let entries = store.audit_log().expect("log").len();

    // A long walk-through that needs more room than the disk has.
    pilot.submit().expect("submit");
    pilot.start_review().expect("review");
    for q in pilot.unanswered(&framework).into_iter().map(String::from).collect::<Vec<_>>() {
        let notes = format!("{q}: {}", "lange toelichting met ë en € ".repeat(12));
        let answer = assessments::Answer { verdict: Some(Verdict::Complies), notes, conditions: vec![] };
        pilot.set_answer(&framework, &q, answer).expect("answer");
    }
    store.limit_growth(Some(0)).expect("cap");
    let err = store.save(&mut pilot.clone(), &Change::new("test", "oordelen")).expect_err("disk full");
    assert_eq!(err.kind(), "storage");
    assert!(err.message().nl.contains("De schijf is vol"), "{}", err.message().nl);
    assert!(err.message().en.contains("disk is full"), "{}", err.message().en);
    assert_eq!(store.load(pilot.id).expect("load"), before, "no partial record");
    assert_eq!(store.audit_log().expect("log").len(), entries, "no audit entry for what was not saved");
    let check: String =
        Connection::open(&path).expect("raw").query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");

    // Room again: the same connection saves.
    store.limit_growth(None).expect("lift");
    store.save(&mut pilot, &Change::new("test", "oordelen")).expect("saves once there is room");
    assert_eq!(store.load(pilot.id).expect("load").answers, pilot.answers);
}

#[test]
fn load_batch_pages_through_every_pilot_once() {
    let mut db = TestDb::new();
    let mut created: Vec<_> = (0..7).map(|_| db.service.create(proposal()).expect("create").pilot.id).collect();
    created.sort();
    let mut store = SqliteStore::open(&db.path()).expect("open");
    let (mut seen, mut from) = (Vec::new(), None);
    while let assessments::storage::Batch { pilots, next: Some(next) } = store.load_batch(from, 3).expect("batch") {
        assert!(pilots.len() <= 3);
        from = Some(next);
        for (id, pilot) in pilots {
            assert_eq!(pilot.expect("readable").id, id);
            seen.push(id);
        }
    }
    seen.sort();
    assert_eq!(seen, created, "each pilot once");
}

/// A write a trigger refuses is reported as locked, whichever trigger it is: every trigger's
/// message starts with the prefix the store recognises (`ai-toets: `).
#[test]
fn every_trigger_raises_the_message_the_store_recognises_as_locked() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/storage/migrations");
    let mut raises = 0;
    for entry in std::fs::read_dir(dir).expect("migrations") {
        let sql = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        let code: String = sql.lines().filter(|l| !l.trim_start().starts_with("--")).collect::<Vec<_>>().join("\n");
        for (at, _) in code.match_indices("RAISE(") {
            let message = code[at..].split('\'').nth(1).unwrap_or_default();
            assert!(message.starts_with("ai-toets: "), "{message:?}");
            raises += 1;
        }
    }
    assert!(raises >= 30, "the migrations' triggers were read ({raises})");
    // And through the store: an attachment kept twice under one id is refused as locked.
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    let kept = db
        .service
        .attach(id, assessments::attachments::Place::Condition { condition: 0 }, "dpia.txt", b"DPIA", "FG")
        .expect("kept");
    let mut store = SqliteStore::open(&db.path()).expect("store");
    let change = assessments::audit::Change::new("aanvaller", "nog eens");
    let err = store.add_attachment(&kept, b"DPIA", &change).expect_err("kept as added");
    assert!(matches!(err, Error::Locked), "{err:?}");
}
