//! The exported PDF, read back with poppler's tools as an archivist would.

use std::process::Command;

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
