//! The start screen on a new installation (issue 13): the first steps, each ticked off when
//! done, and the municipality's name — checked, kept with its audit entry, used by the register
//! export, and a change behind the app's back named on open.

use crate::support::{found, proposal, signed, TestDb};

#[test]
fn a_new_installation_is_guided_step_by_step() {
    let mut db = TestDb::new();
    let steps = db.service.first_steps().expect("steps");
    assert!(!steps.done && steps.municipality.is_none() && !steps.committee_founded && !steps.has_pilots);
    assert!(
        steps.framework.as_ref().is_some_and(|f| f.nl.contains("2026.3") && f.en.starts_with("Local")),
        "{steps:?}"
    );
    for bad in ["", "   ", &"x".repeat(100)] {
        let err = db.service.set_municipality(bad).expect_err("refused");
        assert!(err.fields().iter().any(|f| f.field == "municipality"), "{err:?}");
    }
    let steps = db.service.set_municipality("  Gemeente Lingewaard ").expect("set");
    assert_eq!(steps.municipality.as_deref(), Some("Gemeente Lingewaard"));
    found(&mut db.service);
    db.service.create(proposal()).expect("a first proposal");
    assert!(db.service.first_steps().expect("steps").done);
    assert!(db.service.integrity().expect("check").intact);
}

#[test]
fn the_register_export_names_the_municipality_and_an_edit_behind_its_back_shows() {
    let mut db = TestDb::new();
    db.service.set_municipality("Gemeente Lingewaard").expect("set");
    let id = signed(&mut db.service).pilot.id;
    let file = db.dir.path().join("registratie.json");
    db.service.export_register_entry(id, &file).expect("export");
    let entry: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    assert_eq!(entry["organization"], "Gemeente Lingewaard");

    let conn = rusqlite::Connection::open(db.path()).expect("open");
    conn.execute("UPDATE settings SET value = '\"Gemeente Elders\"' WHERE key = 'municipality'", []).expect("edit");
    let store = assessments::SqliteStore::open(&db.path()).expect("store");
    let report = assessments::Assessments::with_clock(Box::new(store), crate::support::now).integrity().expect("check");
    assert!(report.changed_outside.iter().any(|c| c.contains("Naam van de gemeente")), "{report:?}");
}
