//! Data-driven: every file in `tests/data/frameworks/` says on its `#!` lines what loading it
//! must give: `ok: N areas, M questions`, or the error's `field`, `line` and `problem`.

use std::path::Path;

use assessments::framework::AppliesWhen;
use assessments::{Error, Framework};

/// Loads one fixture and compares the result with its `#!` expectations.
fn check(name: &str, source: &str) -> Result<(), String> {
    let expect =
        |key: &str| source.lines().find_map(|l| l.strip_prefix(&format!("#! {key}:")).map(|v| v.trim().to_string()));
    match (expect("ok"), Framework::parse(name, source)) {
        (Some(counts), Ok(f)) => {
            let got = format!("{} areas, {} questions", f.areas.len(), f.questions().count());
            (got == counts).then_some(()).ok_or(format!("{name}: loaded {got}, expected {counts}"))
        }
        (Some(_), Err(e)) => Err(format!("{name}: expected to load, got {e}")),
        (None, Ok(_)) => Err(format!("{name}: expected an error, but it loaded")),
        (None, Err(Error::Framework { file, field, problem })) => {
            let want_field = expect("field").ok_or(format!("{name}: no `#! field:` line"))?;
            let mut wrong = Vec::new();
            if file != name {
                wrong.push(format!("names file {file:?}"));
            }
            if !field.starts_with(&want_field) {
                wrong.push(format!("field {field:?} should start with {want_field:?}"));
            }
            if let Some(line) = expect("line") {
                if !field.contains(&format!("line {line})")) {
                    wrong.push(format!("field {field:?} should name line {line}"));
                }
            }
            let want_problem = expect("problem").unwrap_or_default();
            if !problem.contains(&want_problem) {
                wrong.push(format!("problem {problem:?} should mention {want_problem:?}"));
            }
            wrong.is_empty().then_some(()).ok_or(format!("{name}: {}", wrong.join("; ")))
        }
        (None, Err(other)) => Err(format!("{name}: wrong kind of error: {other}")),
    }
}

#[test]
fn framework_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/frameworks");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("fixtures").map(|e| e.expect("entry").path()).collect();
    files.sort();
    assert!(files.len() >= 10, "fixtures missing");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).expect("name");
            check(name, &std::fs::read_to_string(path).expect("read")).err()
        })
        .collect();
    assert!(failures.is_empty(), "{} fixture(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_current_framework_covers_eight_areas_with_evidence_and_legal_basis() {
    let f = Framework::current().expect("built-in framework loads");
    let areas: Vec<_> = f.areas.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        areas,
        [
            "doel",
            "privacy",
            "gelijke-behandeling",
            "transparantie",
            "menselijke-controle",
            "veiligheid",
            "verantwoording",
            "ai-geletterdheid"
        ]
    );
    for a in &f.areas {
        assert!((5..=8).contains(&a.questions.len()), "{}: five to eight questions, has {}", a.id, a.questions.len());
    }
    assert!(f.questions().all(|(_, q)| !q.legal_basis.is_empty() && !q.evidence.nl.is_empty()));
    for when in [AppliesWhen::Always, AppliesWhen::PersonalData, AppliesWhen::GenerativeAi, AppliesWhen::HighRisk] {
        assert!(f.questions().any(|(_, q)| q.applies_when == when), "some question applies {when:?}");
    }
    assert!(
        !f.areas.iter().find(|a| a.id == "ai-geletterdheid").expect("area").questions.iter().any(|q| q.knock_out),
        "AI literacy has no knock-out"
    );
}

#[test]
fn every_shipped_version_still_loads() {
    let all = Framework::builtin().expect("all versions load");
    let versions: Vec<_> = all.iter().map(|f| f.version.as_str()).collect();
    assert_eq!(versions, ["2026.1", "2026.2", "2026.3"]);
    assert_eq!(all[0].areas.len(), 4, "the first version keeps its four areas");
}

#[test]
fn error_message_names_file_and_field_in_dutch_and_english() {
    let err = Framework::parse("kader.toml", "id = \"x\"\nversion = 1\n").expect_err("must fail");
    let m = err.message();
    assert!(m.nl.contains("kader.toml") && m.nl.contains("version"), "{}", m.nl);
    assert!(m.en.contains("kader.toml") && m.en.contains("version"), "{}", m.en);
}

mod revisions {
    use assessments::{Error, Status, Store};

    use crate::support::{proposal, TestDb};

    fn revision() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/revisions/overbetuwe-2026.4.toml"))
            .expect("revision fixture")
    }

    #[test]
    fn a_loaded_revision_applies_to_new_assessments_only_and_lists_its_changes() {
        let mut db = TestDb::new();
        let earlier = db.service.create(proposal()).expect("before the revision");
        assert_eq!(earlier.pilot.framework.version, "2026.3");

        let loaded = db.service.load_framework("overbetuwe-2026.4.toml", &revision()).expect("load");
        assert_eq!(loaded.loaded_from.as_deref(), Some("overbetuwe-2026.4.toml"));
        assert!(loaded.current);
        let changes = loaded.changes.expect("compared with 2026.3");
        assert_eq!(changes.from_version, "2026.3");
        assert_eq!(changes.added_questions, ["privacy.camera"]);
        assert_eq!(changes.removed_questions, ["ai-geletterdheid.bijhouden"]);
        assert_eq!(changes.changed_questions.len(), 1);
        assert_eq!(changes.changed_questions[0].question_id, "privacy.dpia");
        assert_eq!(changes.changed_questions[0].parts, ["text"]);

        let later = db.service.create(proposal()).expect("after the revision");
        assert_eq!(later.pilot.framework.version, "2026.4");
        let again = db.service.get(earlier.pilot.id).expect("earlier");
        assert_eq!(again.framework.version, "2026.3", "a revision never changes a past assessment");
        assert!(again.framework.question("ai-geletterdheid.bijhouden").is_some());

        // The loaded version survives a restart.
        let store = assessments::SqliteStore::open(&db.path()).expect("reopen");
        let mut reopened = assessments::Assessments::with_clock(Box::new(store), crate::support::now);
        let versions: Vec<_> =
            reopened.framework_versions().expect("versions").into_iter().map(|v| v.framework.version).collect();
        assert_eq!(versions, ["2026.1", "2026.2", "2026.3", "2026.4"]);
        assert_eq!(reopened.get(later.pilot.id).expect("get").pilot.status, Status::Draft);
    }

    #[test]
    fn a_revision_is_read_and_checked_without_the_store_then_kept() {
        let mut db = TestDb::new();
        let file = db.dir.path().join("overbetuwe-2026.4.toml");
        std::fs::write(&file, revision()).expect("write");
        // No store at hand: the shell reads and checks the file before it takes the store.
        let checked = assessments::Assessments::read_framework_file(&file).expect("read without a store");
        let kept = db.service.keep_framework(checked).expect("keep");
        assert_eq!(kept.framework.version, "2026.4");
        std::fs::write(&file, revision().replace("version = \"2026.4\"", "version = 2026")).expect("write");
        assert!(assessments::Assessments::read_framework_file(&file).is_err(), "checked whole before any store");
    }

    #[test]
    fn a_bad_or_duplicate_revision_is_refused_whole() {
        let mut db = TestDb::new();
        let broken = revision().replace("id = \"privacy.camera\"", "id = \"privacy.dpia\"");
        let err = db.service.load_framework("herzien.toml", &broken).expect_err("duplicate question id");
        let Error::Framework { file, field, .. } = &err else { panic!("{err}") };
        assert_eq!(file, "herzien.toml");
        assert!(field.contains("regel/line"), "{field}");

        let shipped = include_str!("../../frameworks/overbetuwe-2026.3.toml");
        let err = db.service.load_framework("kopie.toml", shipped).expect_err("existing version");
        assert!(err.message().nl.contains("bestaat al"), "{}", err.message().nl);

        let huge = format!("{}\n# {}", revision(), "x".repeat(assessments::framework::MAX_FILE_BYTES));
        assert!(db.service.load_framework("groot.toml", &huge).is_err());

        let mut store = assessments::SqliteStore::open(&db.path()).expect("reopen");
        assert!(store.framework_files().expect("files").is_empty(), "nothing was kept");
    }
}
