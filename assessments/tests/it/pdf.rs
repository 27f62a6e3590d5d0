//! The exported PDF, read back with poppler's tools as an archivist would.

use std::process::Command;

use assessments::pdf::{Conformance, RECORD_ATTACHMENT};
use assessments::pilot::signing::SignedDocument;

use crate::support::{proposal, signed, TestDb};

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_exported_pdf_keeps_text_fonts_pages_and_metadata() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let out_dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = out_dir.join("besluit-test.pdf");
    db.service.export_pdf(v.pilot.id, &path).expect("export");
    let file = path.to_str().expect("path");

    let text = tool("pdftotext", &["-layout", file, "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let p = proposal();
    for expected in [
        p.title.as_str(),
        "Anouk van den Brïnk",
        "ook ’s avonds. Inwoners zien “AI” bij elk antwoord.",
        "€12.000",
        "privacy-eisen zijn geïnventariseerd",
        "Positief onder voorwaarden",
        "Vóór de start een DPIA afronden",
        "1 juni 2027",
        "Marieke de Vries",
        "Joost Ëlberts",
        v.content_hash.as_str(),
        "Privacy en gegevensbescherming",
        "AVG art. 35",
    ] {
        assert!(flat.contains(expected), "PDF text lacks {expected:?}:\n{text}");
    }

    let info = tool("pdfinfo", &[file]);
    let pages: usize =
        info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("page count");
    assert!(pages >= 2, "{info}");
    for n in 1..=pages {
        assert!(flat.contains(&format!("pagina {n} van {pages}")), "page {n} is numbered");
    }
    assert!(info.contains(&format!("Title:           Besluit AI-pilot: {}", p.title)), "{info}");
    assert!(info.lines().any(|l| l.starts_with("CreationDate:") && l.contains("2026")), "creation date set: {info}");

    let fonts = tool("pdffonts", &[file]);
    let rows: Vec<_> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<_> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "font not embedded: {row}");
    }
}

#[test]
fn export_refuses_a_path_that_is_not_a_pdf_and_writes_nothing() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let target = db.dir.path().join("besluit.docx");
    let err = db.service.export_pdf(v.pilot.id, &target).expect_err("not a pdf");
    assert_eq!(err.fields()[0].field, "path");
    assert!(!target.exists());
    let missing_dir = db.dir.path().join("bestaat-niet").join("besluit.pdf");
    let err = db.service.export_pdf(v.pilot.id, &missing_dir).expect_err("no folder");
    assert_eq!(err.kind(), "io");
    let leftovers: Vec<_> = std::fs::read_dir(db.dir.path()).expect("dir").map(|e| e.expect("e").file_name()).collect();
    assert!(leftovers.iter().all(|n| !n.to_string_lossy().starts_with(".tmp")), "no temp files left: {leftovers:?}");
}

/// Apache PDFBox Preflight from Debian (`libpdfbox2-java`, with `libactivation-java` and
/// `libjaxb-api-java`, which it needs but does not declare). Returns its verdict and report.
pub fn preflight(file: &std::path::Path) -> (bool, String) {
    let jars = ["preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"]
        .map(|j| format!("/usr/share/java/{j}.jar"))
        .join(":");
    let out = Command::new("java")
        .args(["-cp", &jars, "org.apache.pdfbox.preflight.Validator_A1b"])
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("java is needed for this test (apt-get install default-jre-headless): {e}"));
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success() && report.contains("is a valid PDF/A-1b file"), report)
}

#[test]
fn the_record_exported_as_pdf_a_1b_passes_preflight() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let bytes = assessments::pdf::render(&v, Conformance::A1b).expect("render");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("besluit-pdfa-1b.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let (valid, report) = preflight(&path);
    assert!(valid, "Preflight rejects the PDF/A-1b export:\n{report}");
    let meta = tool("pdfinfo", &["-meta", path.to_str().expect("path")]);
    assert!(meta.contains("<pdfaid:part>1</pdfaid:part>"), "{meta}");
}

/// A signed decision exported to `besluit.pdf` in a folder of its own.
fn exported() -> (TestDb, assessments::PilotView, tempfile::TempDir, std::path::PathBuf) {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("besluit.pdf");
    db.service.export_pdf(v.pilot.id, &path).expect("export");
    (db, v, dir, path)
}

#[test]
fn the_pdf_a_3b_export_carries_xmp_subset_fonts_and_the_signed_record() {
    let (mut db, v, dir, path) = exported();
    let file = path.to_str().expect("path");

    let meta = tool("pdfinfo", &["-meta", file]);
    for expected in ["<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>", &v.content_hash] {
        assert!(meta.contains(expected), "XMP lacks {expected}:\n{meta}");
    }
    let fonts = tool("pdffonts", &[file]);
    for row in fonts.lines().skip(2) {
        let cols: Vec<_> = row.split_whitespace().collect();
        let (emb, sub) = (cols[cols.len() - 5], cols[cols.len() - 4]);
        assert_eq!((emb, sub), ("yes", "yes"), "every font embedded and subset: {row}");
        assert!(cols[0].as_bytes()[6] == b'+', "subset tag: {row}");
    }
    assert!(std::fs::metadata(&path).expect("size").len() < 200_000, "subset fonts keep the file small");

    assert!(tool("pdfdetach", &["-list", file]).contains(RECORD_ATTACHMENT));
    let saved = dir.path().join("record.json");
    tool("pdfdetach", &["-save", "1", "-o", saved.to_str().expect("path"), file]);
    let document: SignedDocument = serde_json::from_slice(&std::fs::read(&saved).expect("read")).expect("json");
    assert_eq!(document.content_hash, v.content_hash);
    assert_eq!(document.signatures, v.pilot.signatures);

    // The Dutch text comes back unchanged, also from the subset fonts.
    let text = tool("pdftotext", &[file, "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in ["Chatbot ‘Vraag het Overbetuwe’ — afvalwijzer", "Joost Ëlberts", "geïnventariseerd", "€12.000"]
    {
        assert!(flat.contains(expected), "{expected:?} not in:\n{text}");
    }

    // The same record gives the same bytes.
    let again = dir.path().join("opnieuw.pdf");
    db.service.export_pdf(v.pilot.id, &again).expect("export again");
    assert!(std::fs::read(&path).expect("a") == std::fs::read(&again).expect("b"), "deterministic export");
}

#[test]
fn verify_accepts_the_exported_pdf_and_rejects_one_changed_byte_in_its_record() {
    let (_db, _, dir, path) = exported();
    let bytes = std::fs::read(&path).expect("read");
    let verify = |file: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_ai-toets-verify")).arg(file).output().expect("run ai-toets-verify")
    };

    let out = verify(&path);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // 3: everything in the PDF holds; the signers are confirmed only with a roster (0).
    assert_eq!(out.status.code(), Some(3), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    for expected in [
        "Marieke de Vries (voorzitter) — klopt",
        "Joost Ëlberts (secretaris) — klopt",
        "Handtekeningen kloppen onderling, ondertekenaars niet bevestigd",
    ] {
        assert!(stdout.contains(expected), "{expected:?} not in:\n{stdout}");
    }

    // One byte of the motivation in the attached record: "zinvol" becomes "zinvok".
    let at = bytes.windows(6).position(|w| w == b"zinvol").expect("the record is stored readable") + 5;
    let mut changed = bytes.clone();
    changed[at] = b'k';
    let tampered = dir.path().join("besluit-gewijzigd.pdf");
    std::fs::write(&tampered, &changed).expect("write");
    let out = verify(&tampered);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("Inhoudshash / content hash: KLOPT NIET"), "{stdout}");
    assert!(stdout.contains("Marieke de Vries (voorzitter) — KLOPT NIET"), "names the failing signature: {stdout}");

    let not_ours = dir.path().join("leeg.pdf");
    std::fs::write(&not_ours, b"%PDF-1.4\n%%EOF\n").expect("write");
    assert_eq!(verify(&not_ours).status.code(), Some(2), "an unreadable file is not 'valid'");
}

/// A title with a right-to-left override reads as another file name in a bidi-aware reader
/// ("…fdp.exe" shown as "…exe.pdf"). The PDF writes the control out, in the order typed, also in
/// its metadata, and the record keeps the title exactly as it was typed.
#[test]
fn bidirectional_controls_are_written_out_on_the_page_and_in_the_metadata() {
    let mut db = TestDb::new();
    let mut p = proposal();
    p.title = "Rapport\u{202E}fdp.exe en \u{2067}test\u{2069}".into();
    let id = db.service.create(p).expect("create").pilot.id;
    db.service.submit(id).expect("submit");
    db.service.start_review(id).expect("review");
    let postpone = assessments::DecisionInput {
        outcome: Some(assessments::Outcome::Postponed),
        reasons: "Eerst de bestandsnaam uitzoeken.".into(),
        conditions: vec![],
        evaluation_date: Some("2027-06-01".into()),
        report_dates: vec![],
    };
    db.service.decide(id, postpone).expect("postponed");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bidi-test.pdf");
    db.service.export_pdf(id, &path).expect("export");
    let file = path.to_str().expect("path");
    let text = tool("pdftotext", &[file, "-"]);
    assert!(text.contains("Rapport[U+202E]fdp.exe en [U+2067]test[U+2069]"), "{text}");
    assert!(!text.contains('\u{202E}') && !text.contains('\u{2067}'), "no control character is left to obey");
    let info = tool("pdfinfo", &[file]);
    assert!(info.contains("[U+202E]fdp.exe"), "{info}");
    assert_eq!(db.service.get(id).expect("get").pilot.proposal.title, "Rapport\u{202E}fdp.exe en \u{2067}test\u{2069}");
}
