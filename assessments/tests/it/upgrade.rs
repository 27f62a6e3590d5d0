//! A database made by the main branch before the signed roster log (issue 10), committed as
//! `tests/data/legacy/main-before-issue-10.sqlite3` (two sample pilots, each signed by chair,
//! secretary and a member with format-v1 statements, by `cargo run --example sample-db` of that
//! version). It opens after the upgrade, its decisions show as signed under the old format, and
//! its chair and secretary adopt the roster into the signed log.

use assessments::api::Approver;
use assessments::{Assessments, SqliteStore, Status};

fn legacy() -> (tempfile::TempDir, Assessments) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("ai-toets.sqlite3");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/legacy/main-before-issue-10.sqlite3");
    std::fs::copy(fixture, &path).expect("copy the fixture");
    let store = SqliteStore::open(&path).expect("the old database opens and is migrated");
    (dir, Assessments::new(Box::new(store)))
}

#[test]
fn a_database_from_before_the_roster_log_opens_with_its_signatures_valid() {
    let (_dir, mut service) = legacy();
    let pilots = service.list().expect("list");
    assert_eq!(pilots.len(), 2);
    for p in &pilots {
        let v = service.get(p.id).expect("get");
        assert_eq!(v.pilot.status, Status::Signed);
        assert_eq!(v.pilot.signatures.len(), 3);
        assert!(v.pilot.signatures.iter().all(|s| s.checkpoint.is_none()), "format v1: no checkpoint");
        assert!(v.signature_checks.iter().all(|c| c.valid), "{:?}", v.signature_checks);
    }
    let report = service.integrity().expect("integrity");
    assert!(report.intact, "{report:?}");
    assert!(service.roster_status(None).expect("status").legacy);
}

#[test]
fn its_chair_and_secretary_adopt_the_roster_and_old_signatures_stay_valid() {
    let (dir, mut service) = legacy();
    let roster = service.roster().expect("roster");
    let id = |name: &str| roster.iter().find(|m| m.name == name).expect("member").id;
    let approver =
        |name: &str| Approver { member_id: id(name), passphrase: assessments::sample::PASSPHRASE.to_string() };
    service.adopt_roster(vec![approver("Marieke de Vries"), approver("Joost Ëlberts")]).expect("adopt");
    assert!(service.roster_status(None).expect("status").founded);
    for p in service.list().expect("list") {
        let v = service.get(p.id).expect("get");
        assert!(v.signature_checks.iter().all(|c| c.valid), "{:?}", v.signature_checks);
    }
    assert!(service.integrity().expect("integrity").intact);

    // The exported roster confirms the old signatures in an exported PDF.
    let pilot = service.list().expect("list")[0].id;
    let pdf = dir.path().join("besluit.pdf");
    service.export_pdf(pilot, &pdf).expect("export");
    let roster = dir.path().join("ledenlijst.json");
    service.export_roster(&roster).expect("export roster");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ai-toets-verify"))
        .arg("--roster")
        .arg(&roster)
        .arg(&pdf)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}
