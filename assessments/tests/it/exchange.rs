//! Files between machines: the proposal file (round trip, every kind of bad file, a property
//! test of the reader), the register entry as a start, and the register export checked
//! against the publication standard's schema.

use assessments::exchange::{proposal_file, proposal_from_register, read_proposal_file, register_entry};
use assessments::{Answer, Role, Verdict};

use crate::support::{conditional_decision, now, proposal, sign_as, TestDb};

/// Reference data copied from the project's `shared/` folder (the Algoritmeregister's examples
/// and publication standard) into `tests/data/algoritmeregister/`, so a clone alone runs these.
fn shared(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path)
}

fn file_text() -> String {
    let mut p = proposal();
    p.question_answers.insert(
        "doel.probleem".into(),
        assessments::pilot::LeadAnswer { answer: "Te veel telefoontjes.".into(), evidence: "Rapport Q3".into() },
    );
    proposal_file(&p, now()).expect("export")
}

#[test]
fn a_proposal_file_comes_back_exactly() {
    let text = file_text();
    let back = read_proposal_file(text.as_bytes()).expect("read");
    let mut p = proposal();
    p.question_answers.insert(
        "doel.probleem".into(),
        assessments::pilot::LeadAnswer { answer: "Te veel telefoontjes.".into(), evidence: "Rapport Q3".into() },
    );
    assert_eq!(back, p);
    assert!(text.contains("\"format\": \"ai-toets/proposal\"") && text.contains("\"version\": 1"));
    // The documented schema describes what we write.
    let schema_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/proposal-file-v1.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema")).expect("json");
    let validator =
        jsonschema::draft7::options().should_validate_formats(true).build(&schema).expect("schema compiles");
    let file: serde_json::Value = serde_json::from_str(&text).expect("json");
    let errors: Vec<String> = validator.iter_errors(&file).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn bad_proposal_files_say_what_is_wrong_and_import_nothing() {
    let good = file_text();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("not json", b"Beste secretaris, hierbij het voorstel.".to_vec(), "geen geldig"),
        ("cut off", good.as_bytes()[..good.len() / 2].to_vec(), "afgebroken"),
        ("other format", good.replace("ai-toets/proposal", "iets-anders").into_bytes(), "geen voorstelbestand"),
        ("newer version", good.replace("\"version\": 1", "\"version\": 2").into_bytes(), "versie 2"),
        (
            "unknown field",
            good.replace("\"title\":", "\"script\": \"<script>alert(1)</script>\",\n    \"title\":").into_bytes(),
            "unknown field",
        ),
        (
            "wrong type",
            good.replace("\"description\": \"", "\"description\": 12, \"x\": \"").into_bytes(),
            "description",
        ),
        ("too long", good.replace("\"title\": \"", &format!("\"title\": \"{}", "x".repeat(200))).into_bytes(), ""),
        ("binary", vec![0xff, 0xfe, 0x00, 0x41], "UTF-8"),
        ("oversized", format!("{good}{}", " ".repeat(assessments::exchange::MAX_FILE_BYTES)).into_bytes(), "te groot"),
    ];
    let mut db = TestDb::new();
    for (name, bytes, expected) in cases {
        let err = read_proposal_file(&bytes).expect_err(name);
        let message = err.message().nl;
        assert!(message.contains(expected) || err.fields().iter().any(|f| f.field == "title"), "{name}: {message}");
        let path = db.dir.path().join(format!("{}.json", name.replace(' ', "-")));
        std::fs::write(&path, &bytes).expect("write");
        assert!(db.service.import_proposal(&path).is_err(), "{name}");
    }
    assert!(db.service.list().expect("list").is_empty(), "nothing was imported");
}

/// A small, seeded generator: the same mutations every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn the_reader_never_panics_and_never_imports_half() {
    let good = file_text().into_bytes();
    let mut rng = XorShift(0x005e_eda1_7035);
    let hostile: [&[u8]; 6] =
        [b"<img src=x onerror=alert(1)>", b"\\u0000", b"\"", b"}", b"\xe2\x80\xae", b"javascript:alert(1)"];
    let mut db = TestDb::new();
    let path = db.dir.path().join("voorstel.json");
    let mut imported = 0;
    for round in 0..1500 {
        let mut bytes = good.clone();
        for _ in 0..1 + rng.next() % 4 {
            let at = (rng.next() as usize) % bytes.len().max(1);
            match rng.next() % 4 {
                0 => bytes.truncate(at),
                1 => bytes[at] = rng.next() as u8,
                2 => {
                    let piece = hostile[(rng.next() as usize) % hostile.len()];
                    bytes.splice(at..at, piece.iter().copied());
                }
                _ => {
                    let end = (at + (rng.next() as usize) % 40).min(bytes.len());
                    bytes.drain(at..end);
                }
            }
        }
        let before = db.service.list().expect("list").len();
        std::fs::write(&path, &bytes).expect("write");
        match db.service.import_proposal(&path) {
            Ok(view) => {
                imported += 1;
                // Whatever came in is a valid draft, stored whole.
                view.pilot.proposal.validate_draft().expect("valid");
                assert_eq!(db.service.list().expect("list").len(), before + 1, "round {round}");
            }
            Err(_) => {
                assert_eq!(db.service.list().expect("list").len(), before, "round {round}: nothing half-imported")
            }
        }
    }
    assert!(imported < 1500, "the mutations do break files");
}

#[test]
fn both_register_examples_start_a_proposal_without_markup() {
    for (file, title, phrase) in [
        ("gemeente-tilburg.json", "Virtuele gemeente assistent Gem", "geïnformeerd"),
        ("gemeente-amsterdam.json", "Meldingen openbare ruimte", "Signalen"),
    ] {
        let bytes = std::fs::read(shared(&format!("algoritmeregister/examples/{file}"))).expect("example");
        let p = proposal_from_register(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(p.title, title);
        let all = serde_json::to_string(&p).expect("json");
        assert!(all.contains(phrase), "{file}: {phrase:?} kept");
        for tag in ["<p>", "<div>", "</", "&nbsp;", "&amp;"] {
            assert!(!all.contains(tag), "{file}: markup {tag:?} left in {all}");
        }
        assert!(!p.purpose.is_empty() && !p.description.is_empty(), "{file}: purpose and description mapped");
        assert!(p.details.len() >= 3, "{file}: register fields mapped into the intake: {:?}", p.details.keys());
        let mut db = TestDb::new();
        let path = db.dir.path().join(file);
        std::fs::write(&path, &bytes).expect("write");
        let view = db.service.import_register_entry(&path).expect("import");
        assert_eq!(view.pilot.status, assessments::Status::Draft);
    }
}

#[test]
fn the_register_export_validates_against_the_publication_standard() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared("algoritmeregister/publicatiestandaard-v1.0.0.schema.json")).expect("schema"),
    )
    .expect("json");
    let validator =
        jsonschema::draft7::options().should_validate_formats(true).build(&schema).expect("schema compiles");

    let mut db = TestDb::new();
    let mut p = proposal();
    p.details.insert("technicalOperation".into(), "Lange uitleg. ".repeat(300));
    p.details.insert("theme".into(), "Afval, Organisatie en bedrijfsvoering".into());
    let v = db.service.create(p).expect("create");
    let id = v.pilot.id;
    db.service.submit(id).expect("submit");
    let v = db.service.start_review(id).expect("review");
    assert!(register_entry(&v, "Gemeente Overbetuwe").is_err(), "only after a positive decision");
    for q in v.unanswered.clone() {
        db.service
            .set_answer(id, &q, Answer { verdict: Some(Verdict::Complies), notes: "Goed.".into(), conditions: vec![] })
            .expect("answer");
    }
    db.service.decide(id, conditional_decision()).expect("decide");
    sign_as(&mut db.service, id, "Marieke de Vries", Role::Chair).expect("sign");
    let v = sign_as(&mut db.service, id, "Joost Ëlberts", Role::Secretary).expect("sign");
    let entry = register_entry(&v, "Gemeente Overbetuwe").expect("entry");
    let errors: Vec<String> =
        validator.iter_errors(&entry).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(entry["publication_category"], "Impactvolle algoritmes (Categorie B)");
    assert_eq!(entry["theme"], serde_json::json!(["Afval", "Organisatie en bedrijfsvoering"]));

    let path = db.dir.path().join("register.json");
    db.service.export_register_entry(id, &path).expect("export");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    assert!(validator.is_valid(&written));
}

/// Hostile files on every import route: a device that never ends, a pipe nobody writes to, a
/// folder, a file past the limit, a missing file. Each is refused at once, says what happened
/// in Dutch and English (no raw system text), and nothing is stored.
#[test]
fn a_device_a_pipe_a_folder_or_an_oversized_file_is_refused_without_reading_it() {
    let mut db = TestDb::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("groot.json");
    std::fs::write(&big, vec![b' '; assessments::exchange::MAX_FILE_BYTES + 1]).expect("write");
    let mut cases = vec![
        (dir.path().to_path_buf(), "geen gewoon bestand"),
        (big.clone(), "te groot"),
        (dir.path().join("weg.json"), "bestaat niet"),
    ];
    #[cfg(unix)]
    {
        cases.push(("/dev/zero".into(), "geen gewoon bestand"));
        let pipe = dir.path().join("pijp.json");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status().expect("mkfifo");
        assert!(made.success());
        cases.push((pipe, "geen gewoon bestand"));
    }
    for (path, expected) in cases {
        for result in [
            db.service.import_proposal(&path).map(|_| ()),
            db.service.import_register_entry(&path).map(|_| ()),
            db.service.load_framework_file(&path).map(|_| ()),
        ] {
            let err = result.expect_err("refused");
            let text = format!("{} / {}", err.message().nl, err.message().en);
            let expected = if path == big && text.contains("1 MB") { "te groot" } else { expected };
            assert!(text.contains(expected), "{}: {text}", path.display());
            assert!(!text.contains("os error"), "raw system text: {text}");
        }
    }
    assert!(db.service.list().expect("list").is_empty(), "nothing stored");
}
