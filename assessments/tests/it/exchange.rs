//! Files between machines: the proposal file (round trip, every kind of bad file, a property
//! test of the reader), register files as a start (every entry of the examples and of
//! vendors' multi-entry templates: nothing with content is dropped unseen), the register export
//! checked against the publication standard's schema, and hostile files on every import route.

use assessments::exchange::{
    proposal_file, proposal_from_register, read_proposal_file, read_register_file, register_entry, NoteKind,
    RegisterImport,
};
use assessments::{Answer, Role, Verdict};
use serde_json::Value;

use crate::support::{conditional_decision, now, proposal, sign_as, TestDb};

/// Reference data copied from the project's `shared/` folder (the Algoritmeregister's examples
/// and publication standard) into `tests/data/algoritmeregister/`, so a clone alone runs these;
/// register files written for these tests from the standard are in `tests/data/register/`.
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

/// Every register file the tests have, in name order: the register's real examples
/// (`algoritmeregister/examples/`) and vendors' multi-entry templates written from the
/// publication standard (`register/`).
fn register_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in ["algoritmeregister/examples", "register"] {
        let mut paths: Vec<_> = std::fs::read_dir(shared(dir))
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().expect("name").to_string_lossy().into_owned();
            files.push((name, std::fs::read(&path).expect("read")));
        }
    }
    files
}

/// Whitespace (and the "; " that joins lines of a one-line field) as one space, so a text
/// compares the same wherever its lines were broken.
fn squash(s: &str) -> String {
    s.replace(';', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every value with content under `value`, as text: strings as plain text, numbers, yes/no.
fn leaves(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            let text = assessments::exchange::plain_text(s).expect("not nested too deeply");
            if !text.trim().is_empty() {
                out.push(text);
            }
        }
        Value::Number(n) => out.push(n.to_string()),
        Value::Bool(b) => out.push(if *b { "ja" } else { "nee" }.into()),
        Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
        Value::Object(map) => map.values().for_each(|v| leaves(v, out)),
        Value::Null => {}
    }
}

/// The entries of a register file as JSON objects, in file order.
fn entries_of(bytes: &[u8]) -> Vec<serde_json::Map<String, Value>> {
    match serde_json::from_slice(bytes).expect("json") {
        Value::Array(items) => items.into_iter().map(|v| v.as_object().expect("an entry").clone()).collect(),
        Value::Object(map) => vec![map],
        other => panic!("not a register file: {other}"),
    }
}

/// The import report's promise, checked generically so a field added to a file later cannot
/// slip through: for every field of every entry with content, each of its values is in the
/// proposal or in a report line about that field (with the text). No text has a run of blank
/// lines or markup left.
#[test]
fn every_field_with_content_is_in_the_proposal_or_in_the_import_report() {
    let files = register_files();
    assert!(files.len() >= 4, "the examples and the templates: {:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    let mut fields_checked = 0;
    let mut reported = 0;
    for (file, bytes) in &files {
        let read = read_register_file(bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        let entries = entries_of(bytes);
        assert_eq!(read.entries.len(), entries.len(), "{file}: every entry listed");
        for (i, (entry, choice)) in entries.iter().zip(&read.entries).enumerate() {
            assert_eq!(choice.index as usize, i);
            let RegisterImport { proposal, notes } = &choice.import;
            let in_proposal = squash(&serde_json::to_string(proposal).expect("json").replace("\\n", " "));
            for (key, value) in entry {
                let mut texts = Vec::new();
                leaves(value, &mut texts);
                if texts.is_empty() {
                    continue;
                }
                fields_checked += 1;
                let about: Vec<_> = notes.iter().filter(|n| n.fields.iter().any(|f| f == key)).collect();
                for text in texts {
                    let text = squash(&text);
                    let json_text = squash(&serde_json::to_string(&text).expect("json"));
                    let json_text = json_text.trim_matches('"');
                    let landed = in_proposal.contains(json_text);
                    let noted = about.iter().any(|n| squash(&n.text).contains(&text));
                    assert!(
                        landed || noted,
                        "{file} entry {i}: {key}: {text:?} is neither in the proposal nor reported"
                    );
                }
            }
            reported += notes.len();
            for n in notes {
                assert!(!n.text.trim().is_empty() && !n.label.is_empty() && !n.fields.is_empty(), "{file}: {n:?}");
            }
            for text in [&proposal.title, &proposal.description, &proposal.purpose, &proposal.data_used]
                .into_iter()
                .chain(proposal.details.values())
            {
                assert!(!text.contains("\n\n\n"), "{file} entry {i}: blank lines left: {text:?}");
                for tag in ["<p>", "<div>", "</", "&nbsp;", "&amp;", "\u{a0}"] {
                    assert!(!text.contains(tag), "{file} entry {i}: markup {tag:?} left in {text:?}");
                }
            }
        }
    }
    assert!(fields_checked > 150 && reported > 40, "{fields_checked} fields checked, {reported} report lines");
}

#[test]
fn both_register_examples_start_a_proposal_without_markup() {
    for (file, title, phrase) in [
        ("gemeente-tilburg.json", "Virtuele gemeente assistent Gem", "geïnformeerd"),
        ("gemeente-amsterdam.json", "Meldingen openbare ruimte", "Signalen"),
    ] {
        let bytes = std::fs::read(shared(&format!("algoritmeregister/examples/{file}"))).expect("example");
        let RegisterImport { proposal: p, notes } =
            proposal_from_register(&bytes, 0).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(p.title, title);
        let all = serde_json::to_string(&p).expect("json");
        assert!(all.contains(phrase), "{file}: {phrase:?} kept");
        assert!(!p.purpose.is_empty() && !p.description.is_empty(), "{file}: purpose and description mapped");
        assert!(p.details.len() >= 3, "{file}: register fields mapped into the intake: {:?}", p.details.keys());
        for field in ["status", "publication_category"] {
            assert!(notes.iter().any(|n| n.fields == [field] && n.kind == NoteKind::NotImported), "{file}: {field}");
        }
    }
    // Tilburg's `website` is a team's name, not a way for residents to reach the municipality.
    let bytes = std::fs::read(shared("algoritmeregister/examples/gemeente-tilburg.json")).expect("example");
    let import = proposal_from_register(&bytes, 0).expect("import");
    assert_eq!(import.proposal.details.get("contact"), None);
    let website = import.notes.iter().find(|n| n.fields == ["website"]).expect("website reported");
    assert_eq!(website.text, "Team Virtuele Assistent Gem Common Ground");
    // Amsterdam's empty paragraphs do not become blank lines.
    let bytes = std::fs::read(shared("algoritmeregister/examples/gemeente-amsterdam.json")).expect("example");
    let import = proposal_from_register(&bytes, 0).expect("import");
    assert!(import.proposal.data_used.starts_with("Meldingen\n\nDe dataset bestaat"), "{}", import.proposal.data_used);
}

#[test]
fn a_file_with_several_entries_lists_them_in_order_and_imports_the_chosen_one() {
    let bytes = std::fs::read(shared("register/leverancier-sjabloon-4.json")).expect("template");
    let read = read_register_file(&bytes).expect("read");
    let names: Vec<&str> = read.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names[..3],
        [
            "Virtuele assistent voor de website",
            "Controle van aanvragen voor een parkeervergunning",
            "Signaleren van betalingsachterstanden",
        ]
    );
    assert!(read.entries[1].description.starts_with("Een regelset controleert"));
    let second = proposal_from_register(&bytes, 1).expect("second");
    assert_eq!(second, read.entries[1].import);
    // The entry's own contact, not a vendor's page; the other contact field is reported.
    assert_eq!(second.proposal.details["contact"], "https://www.gemeente.nl/parkeren/contact");
    assert!(second.notes.iter().any(|n| n.fields == ["contact_email"] && n.text == "parkeren@gemeente.nl"));
    assert!(second.notes.iter().any(|n| n.fields == ["website"]));
    let err = proposal_from_register(&bytes, 9).expect_err("no tenth entry");
    assert!(err.message().nl.contains("geen registratie 10") && err.message().nl.contains("Er is niets geïmporteerd."));

    let first = &read.entries[0].import;
    let p = &first.proposal;
    assert_eq!(p.details["contact"], "info@gemeente.nl", "contact_email is the contact, not the website");
    assert!(first.notes.iter().any(|n| n.fields == ["website"] && n.text.contains("leverancier-chat.nl/producten")));
    // Links stay links: the legal basis's list of {title, link}, a link in the HTML.
    let legal = &p.details["legalBasis"];
    assert!(legal.starts_with("Het geven van overheidsinformatie over producten en diensten."), "{legal}");
    assert!(legal.contains("Gemeentewet (https://wetten.overheid.nl/BWBR0005416)"), "{legal}");
    assert!(legal.contains("Algemene wet bestuursrecht (https://wetten.overheid.nl/BWBR0005537)"), "{legal}");
    assert!(legal.contains("https://wetten.overheid.nl/BWBR0005416/2024-01-01#Hoofdstuk4"), "{legal}");
    let how = &p.details["technicalOperation"];
    assert!(how.contains("de pagina over de werking (https://www.leverancier-chat.nl/werking)"), "{how}");
    assert!(!how.contains("\n\n\n"), "empty paragraphs as one break: {how:?}");
    // Empty paragraphs are one paragraph break.
    assert_eq!(
        p.purpose,
        "Inwoners snel en goed helpen met landelijk vastgestelde antwoorden.\n\nLukt dat niet, dan neemt een medewerker het gesprek over."
    );
    // Impact assessments are reported with their links.
    let impact = first.notes.iter().find(|n| n.fields == ["impacttoetsen"]).expect("impact assessments");
    assert!(
        impact.text.contains("DPIA is toegepast (https://www.gemeente.nl/dpia-virtuele-assistent.pdf)"),
        "{}",
        impact.text
    );
    assert!(
        impact.text.contains("IAMA niet van toepassing; description: De assistent neemt geen besluiten."),
        "{}",
        impact.text
    );
    // A field the standard does not have is reported under its own name.
    let third = &read.entries[2].import;
    assert!(third
        .notes
        .iter()
        .any(|n| n.fields == ["extra_opmerkingen"] && n.text == "Dit veld staat niet in de standaard."));
}

#[test]
fn plain_text_keeps_its_line_breaks_and_a_long_field_is_shortened_at_a_word_and_reported() {
    let bytes = std::fs::read(shared("register/leverancier-sjabloon-4.json")).expect("template");
    let import = proposal_from_register(&bytes, 3).expect("fourth");
    let p = &import.proposal;
    assert_eq!(p.purpose, "Eerste regel.\nTweede regel.\n\nNieuwe alinea na lege regels.");
    assert_eq!(p.details["riskManagement"], "Weinig risico.");
    let entries = entries_of(&bytes);
    for (field, key, max) in [("name", None, 99), ("methods_and_models", Some("technicalOperation"), 4999)] {
        let value = key.map(|k| p.details[k].clone()).unwrap_or_else(|| p.title.clone());
        let full = assessments::exchange::plain_text(entries[3][field].as_str().expect("text")).expect("text");
        assert!(value.chars().count() <= max && value.ends_with('…'), "{field}: {value}");
        let kept = value.trim_end_matches('…');
        assert!(full.starts_with(kept), "{field}: the start is kept");
        let next = full[kept.len()..].chars().next();
        assert!(next.is_some_and(char::is_whitespace), "{field}: cut at a word, not in one: {kept:?} + {next:?}");
        let note = import.notes.iter().find(|n| n.fields == [field]).expect("reported as shortened");
        assert_eq!(note.kind, NoteKind::Shortened);
        assert_eq!(note.text, full, "{field}: the report has the whole text");
        assert!(note.into.is_some());
    }
}

#[test]
fn the_register_export_needs_a_signed_positive_decision_and_a_contact_and_validates() {
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
    p.details.insert("contact".into(), "https://www.overbetuwe.nl/contact".into());
    for key in ["valuesServed", "valuesAtRisk", "alternatives"] {
        p.details.insert(key.into(), "Een afweging. ".repeat(170));
    }
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
    let v = db.service.decide(id, conditional_decision()).expect("decide");
    let err = register_entry(&v, "Gemeente Overbetuwe").expect_err("not signed yet");
    assert!(err.message().nl.contains("ondertekend"), "{}", err.message().nl);
    let v = sign_as(&mut db.service, id, "Marieke de Vries", Role::Chair).expect("sign");
    assert!(register_entry(&v, "Gemeente Overbetuwe").is_err(), "signed by one of two");
    assert!(!v.actions.export_register);
    let v = sign_as(&mut db.service, id, "Joost Ëlberts", Role::Secretary).expect("sign");
    assert!(v.actions.export_register);
    let entry = register_entry(&v, "Gemeente Overbetuwe").expect("entry");
    let errors: Vec<String> =
        validator.iter_errors(&entry).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(entry["publication_category"], "Impactvolle algoritmes (Categorie B)");
    assert_eq!(entry["theme"], serde_json::json!(["Afval", "Organisatie en bedrijfsvoering"]));
    assert_eq!(entry["contact"], "https://www.overbetuwe.nl/contact");
    assert_eq!(entry["status"], "In gebruik", "the chatbot has real effects (in_gebruik: yes)");
    let considerations = entry["considerations"].as_str().expect("text");
    assert!(
        considerations.chars().count() <= 2499
            && (considerations.ends_with(" Een…") || considerations.ends_with(" afweging.…")),
        "cut at a word: {considerations:?}"
    );

    // Without real effects it is in development; without a contact there is no entry.
    let mut other = v.clone();
    other.pilot.proposal.ai_act.insert("in_gebruik".into(), assessments::wizard::WizardAnswer::No);
    assert_eq!(register_entry(&other, "Gemeente Overbetuwe").expect("entry")["status"], "In ontwikkeling");
    other.pilot.proposal.details.remove("contact");
    let err = register_entry(&other, "Gemeente Overbetuwe").expect_err("no contact");
    assert!(err.message().nl.contains("'Contact voor inwoners'"), "{}", err.message().nl);
    assert!(err.message().en.contains("'Contact for residents'"), "{}", err.message().en);

    let path = db.dir.path().join("register.json");
    db.service.export_register_entry(id, &path).expect("export");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    assert!(validator.is_valid(&written));
}

/// The messages of a refused import: Dutch and English, naming what was not imported, never
/// an unnamed place ("?").
fn refused(err: &assessments::Error, expected: &str) -> String {
    let m = err.message();
    let text = format!("{} / {}", m.nl, m.en);
    assert!(text.contains(expected), "expected {expected:?} in: {text}");
    assert!(m.nl.contains("Er is niets geïmporteerd.") && m.en.contains("Nothing was imported."), "{text}");
    assert!(!text.contains("'?'") && !text.contains(" ? "), "an unnamed place: {text}");
    text
}

/// 100,000 nested `<div>` (within the 2 MB limit) stalled the import for about a minute in
/// the HTML parser. The depth is counted before parsing and the file refused at once; a flat
/// 2 MB of paragraphs and HTML nested 40 deep are read.
#[test]
fn deeply_nested_html_is_refused_before_it_is_parsed() {
    let started = std::time::Instant::now();
    let deep = format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let entry = serde_json::json!([{ "name": "Diep", "goal": deep }]).to_string();
    assert!(entry.len() < assessments::exchange::MAX_FILE_BYTES);
    let err = read_register_file(entry.as_bytes()).expect_err("refused");
    let text = refused(&err, "te diep genest");
    assert!(text.contains("'goal'") && text.contains("Registratie 1"), "names the place: {text}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "refused at once: {:?}", started.elapsed());
    // Unclosed inline tags nest as deep.
    let unclosed = serde_json::json!({ "name": "Open", "risks": "<span>".repeat(50_000) }).to_string();
    refused(&read_register_file(unclosed.as_bytes()).expect_err("refused"), "te diep genest");

    let ok = format!("{}diep{}", "<div>".repeat(40), "</div>".repeat(40));
    let entry = serde_json::json!({ "name": "Net niet te diep", "goal": ok }).to_string();
    assert_eq!(read_register_file(entry.as_bytes()).expect("read").entries[0].import.proposal.purpose, "diep");

    let started = std::time::Instant::now();
    let flat = "<p>Een alinea over de werking van het algoritme.</p><p></p>".repeat(30_000);
    let entry = serde_json::json!({ "name": "Plat", "methods_and_models": flat }).to_string();
    assert!(entry.len() < assessments::exchange::MAX_FILE_BYTES, "{}", entry.len());
    let read = read_register_file(entry.as_bytes()).expect("read");
    assert!(read.entries[0].import.notes.iter().any(|n| n.kind == NoteKind::Shortened));
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(30), "a flat file in bounded time: {took:?}");
    eprintln!("flat 2 MB register field: {took:?}");
}

/// JSON nested deeper than serde_json's limit is valid JSON: it is refused as nested too
/// deeply, never as "not JSON", on both JSON routes.
#[test]
fn deeply_nested_json_is_named_as_such() {
    let nested = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let good = file_text();
    let proposal = good.replacen("{", &format!("{{\n  \"x\": {nested},"), 1);
    let register = format!("[{{\"name\": \"Diep\", \"tags\": {nested}}}]");
    for (route, result) in [
        ("proposal", read_proposal_file(proposal.as_bytes()).map(|_| ())),
        ("register", read_register_file(register.as_bytes()).map(|_| ())),
    ] {
        let text = refused(&result.expect_err(route), "te diep genest");
        assert!(text.contains("nested too deeply") && !text.contains("geen JSON"), "{route}: {text}");
    }
}

/// `\u0000` is a NUL once decoded: refused like a raw one, in a value or a key, naming the place.
#[test]
fn an_escaped_nul_is_refused_like_a_raw_one() {
    let good = file_text();
    let in_detail = good.replacen("\"alderman\": \"", "\"alderman\": \"\\u0000", 1);
    assert_ne!(in_detail, good, "the proposal names an alderman");
    let text = refused(&read_proposal_file(in_detail.as_bytes()).expect_err("NUL"), "NUL");
    assert!(text.contains("'proposal.details.alderman'"), "{text}");
    let in_key = good.replacen("\"title\":", "\"ti\\u0000tle\":", 1);
    refused(&read_proposal_file(in_key.as_bytes()).expect_err("NUL in a key"), "NUL");
    let register = r#"[{"name": "Goed"}, {"name": "Met NUL", "goal": "Doel\u0000"}]"#;
    let text = refused(&read_register_file(register.as_bytes()).expect_err("NUL"), "NUL");
    assert!(text.contains("'[1].goal'"), "{text}");
    let raw = "[{\"name\": \"Rauw\0\"}]";
    refused(&read_register_file(raw.as_bytes()).expect_err("raw NUL"), "NUL");
}

/// 25,000 invented `questionAnswers` keys were accepted; now a file's objects have at most
/// `MAX_KEYS` keys, and an answer to a question the framework does not have is refused on import.
#[test]
fn invented_question_answers_are_refused_and_nothing_is_stored() {
    let mut db = TestDb::new();
    let good: Value = serde_json::from_str(&file_text()).expect("json");
    let mut many = good.clone();
    let answers = many["proposal"]["questionAnswers"].as_object_mut().expect("answers");
    for i in 0..25_000 {
        answers.insert(format!("verzonnen.vraag{i}"), serde_json::json!({ "answer": "ja", "evidence": "" }));
    }
    let text = refused(&read_proposal_file(many.to_string().as_bytes()).expect_err("too many"), "te veel velden");
    assert!(text.contains("'proposal.questionAnswers'"), "{text}");

    let mut invented = good.clone();
    invented["proposal"]["questionAnswers"]["verzonnen.vraag"] = serde_json::json!({ "answer": "ja", "evidence": "" });
    let path = db.dir.path().join("verzonnen.json");
    std::fs::write(&path, invented.to_string()).expect("write");
    let text = refused(&db.service.import_proposal(&path).expect_err("unknown question"), "verzonnen.vraag");
    assert!(text.contains("'proposal.questionAnswers.verzonnen.vraag'"), "{text}");
    assert!(db.service.list().expect("list").is_empty(), "nothing stored");

    let mut wide = Value::Object(Default::default());
    for i in 0..=assessments::exchange::MAX_KEYS {
        wide[format!("veld{i}")] = Value::String("x".into());
    }
    wide["name"] = Value::String("Breed".into());
    refused(&read_register_file(wide.to_string().as_bytes()).expect_err("too many fields"), "te veel velden");
}

/// A framework revision is bounded too: a 900 kB question and 4,307 questions passed before.
#[test]
fn a_framework_file_has_limits_on_text_and_on_questions() {
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/revisions/overbetuwe-2026.4.toml"),
    )
    .expect("revision");
    assessments::Framework::parse("herziening.toml", &source).expect("the revision itself is fine");
    let at = source.find("text = { nl = \"").expect("a question text") + "text = { nl = \"".len();
    let long = format!("{}{}{}", &source[..at], "Lange vraag ".repeat(75_000), &source[at..]);
    assert!(long.len() < assessments::framework::MAX_FILE_BYTES);
    let err = assessments::Framework::parse("herziening.toml", &long).expect_err("too long");
    let assessments::Error::Framework { field, problem, .. } = &err else { panic!("{err:?}") };
    assert!(field.starts_with("areas[0].questions[0].text.nl") && field.contains("regel/line"), "{field}");
    assert!(problem.contains("te lang") && problem.contains("too long"), "{problem}");

    let mut many = String::from(
        "id = \"veel\"\nversion = \"1\"\neffective_from = \"2026-01-01\"\ntitle = { nl = \"Veel\", en = \"Many\" }\nchange_summary = { nl = \"Veel\", en = \"Many\" }\n\n[[areas]]\nid = \"a\"\ntitle = { nl = \"A\", en = \"A\" }\n",
    );
    for i in 0..4_307 {
        many.push_str(&format!(
            "[[areas.questions]]\nid = \"a.q{i}\"\napplies_when = \"always\"\nknock_out = false\ntext = {{ nl = \"V\", en = \"Q\" }}\nhelp = {{ nl = \"H\", en = \"H\" }}\nevidence = {{ nl = \"B\", en = \"E\" }}\nlegal_basis = [{{ law = \"AVG\", article = \"art. 5\" }}]\n"
        ));
    }
    assert!(many.len() < assessments::framework::MAX_FILE_BYTES);
    let err = assessments::Framework::parse("veel.toml", &many).expect_err("too many questions");
    assert!(err.to_string().contains("4307 vragen"), "{err}");
    let mut db = TestDb::new();
    let path = db.dir.path().join("veel.toml");
    std::fs::write(&path, &many).expect("write");
    assert!(db.service.load_framework_file(&path).is_err());
    assert!(!err.to_string().contains(": ?:"), "{err}");
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
            assessments::Assessments::read_register_file(&path).map(|_| ()),
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
