//! The transfer package for the archive (issue 15): the transfer copy is PDF/A-2b without
//! embedded files and names the record beside it; every MDTO file and validation record
//! validates against its schema; the bag follows RFC 8493; and `ai-toets-verify --bag` finds
//! every change an attacker or a careless hand makes, even with the manifests recomputed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use assessments::archive::package::{self, RosterSource};
use assessments::archive::{Appraisal, ArchiveSettings};
use assessments::base::hash::sha256_hex;
use assessments::pdf::verify::Verdict;
use assessments::report::{PeriodKind, PeriodRequest};

use crate::support::{now, signed, TestDb};

const VERIFY: &str = env!("CARGO_BIN_EXE_ai-toets-verify");

pub(crate) fn settings() -> ArchiveSettings {
    ArchiveSettings {
        category_code: "1.1.2".into(),
        category_label: "Advies over een AI-pilot".into(),
        ..ArchiveSettings::default()
    }
}

pub(crate) fn year() -> PeriodRequest {
    PeriodRequest { year: now().year(), kind: PeriodKind::Year }
}

/// A database with two signed decisions (two pilots, so two dossiers), the package of this
/// year made from it, and the committee's roster as published, beside the bag.
pub(crate) struct Made {
    pub(crate) db: TestDb,
    pub(crate) out: tempfile::TempDir,
    pub(crate) bag: PathBuf,
}

impl Made {
    /// The committee's published roster.
    pub(crate) fn published(&self) -> PathBuf {
        self.out.path().join("gepubliceerde-ledenlijst.json")
    }
}

pub(crate) fn made() -> Made {
    let mut db = TestDb::new();
    signed(&mut db.service);
    signed(&mut db.service);
    db.service.set_archive_settings(settings(), "Archivaris").expect("settings");
    let out = tempfile::tempdir().expect("dir");
    let bag = out.path().join("ai-toets-overdracht-2026");
    let mut steps = Vec::new();
    let result =
        db.service.export_transfer_package(year(), "A. de Archivaris", &bag, &mut |p| steps.push(p)).expect("package");
    assert!(result.verified, "{:?}", result.problems);
    assert_eq!(result.summary.decisions, 2);
    assert!(steps.iter().any(|p| p.step == "decisions" && p.done == 2 && p.total == 2), "{steps:?}");
    db.service.export_roster(&out.path().join("gepubliceerde-ledenlijst.json")).expect("roster");
    Made { db, out, bag }
}

/// Every file of the bag, relative to it, with `/`.
pub(crate) fn files(bag: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("read dir").flatten() {
            if e.path().is_dir() {
                walk(root, &e.path(), out);
            } else {
                out.push(e.path().strip_prefix(root).expect("inside").to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(bag, bag, &mut out);
    out.sort();
    out
}

pub(crate) fn decision_folders(bag: &Path) -> Vec<PathBuf> {
    files(bag)
        .iter()
        .filter(|f| f.ends_with("/besluit.pdf"))
        .map(|f| bag.join(f).parent().expect("folder").to_path_buf())
        .collect()
}

fn check(bag: &Path) -> package::BagReport {
    package::verify(bag, None, &mut |_| {}).expect("verify")
}

/// Rewrites the manifests as a forger would after changing payload files: every checksum and
/// the Payload-Oxum recomputed, so only what the records themselves say can catch it.
pub(crate) fn recompute_manifests(bag: &Path) {
    let payload: Vec<String> = files(bag).into_iter().filter(|f| f.starts_with("data/")).collect();
    let mut manifest = String::new();
    let mut octets = 0;
    for f in &payload {
        let bytes = std::fs::read(bag.join(f)).expect("read");
        octets += bytes.len();
        manifest.push_str(&format!("{}  {f}\n", sha256_hex(&bytes)));
    }
    std::fs::write(bag.join("manifest-sha256.txt"), &manifest).expect("manifest");
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).expect("info");
    let info: String = info
        .lines()
        .map(|l| {
            if l.starts_with("Payload-Oxum") {
                format!("Payload-Oxum: {octets}.{}\n", payload.len())
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(bag.join("bag-info.txt"), &info).expect("info");
    retag(bag);
}

/// The tag manifest recomputed over the tag files as they are now.
pub(crate) fn retag(bag: &Path) {
    let mut tags = String::new();
    for name in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"] {
        tags.push_str(&format!("{}  {name}\n", sha256_hex(&std::fs::read(bag.join(name)).expect("tag"))));
    }
    std::fs::write(bag.join("tagmanifest-sha256.txt"), tags).expect("tags");
}

fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (scripts/test installs it): {e}"));
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn the_package_holds_every_signed_decision_of_the_period_and_verifies() {
    let m = made();
    let report = check(&m.bag);
    assert!(report.bag.is_empty(), "{:?}", report.bag);
    assert_eq!(report.decisions.len(), 2);
    for d in &report.decisions {
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        let v = d.validation.as_ref().expect("validation record");
        assert_eq!(v.official, "A. de Archivaris");
        assert_eq!(v.signatures.len(), 2);
        assert!(v.signatures.iter().all(|s| s.signature_holds && s.signer_confirmed == Some(true)), "{v:?}");
        assert!(v.roster.is_some());
    }
    // Confirmed by the package's own roster only: never exit 0 on that alone.
    assert_eq!(report.roster_source, RosterSource::Package);
    assert_eq!(report.holds(), Verdict::Valid);
    assert_eq!(report.verdict(), Verdict::Unconfirmed);
    // The published roster given from outside confirms it.
    let published = m.published();
    let mut db = m.db;
    let given = package::verify(&m.bag, Some(&std::fs::read(&published).expect("read")), &mut |_| {}).expect("verify");
    assert_eq!(given.verdict(), Verdict::Valid, "{:?}", given.decisions);
    // The preview names the same decisions.
    let preview = db.service.transfer_preview(year()).expect("preview");
    assert_eq!(preview.decisions.len(), 2);
}

#[test]
fn every_mdto_file_and_validation_record_validates_against_its_schema() {
    let m = made();
    let all = files(&m.bag);
    let mdto: Vec<String> =
        all.iter().filter(|f| f.ends_with(".mdto.xml")).map(|f| m.bag.join(f).display().to_string()).collect();
    // Per decision: the archiefstuk and a bestand per file (the transfer copy, the record and
    // the validation record three ways); one dossier per pilot.
    assert_eq!(mdto.len(), 2 * (1 + 5) + 2, "{all:?}");
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mdto/MDTO-XML1.0.1.xsd");
    let mut args = vec!["--noout", "--schema", schema];
    args.extend(mdto.iter().map(String::as_str));
    let (ok, out) = tool("xmllint", &args);
    assert!(ok, "MDTO files do not validate:\n{out}");
    let records: Vec<String> = all
        .iter()
        .filter(|f| f.ends_with("validatierapport.xml"))
        .map(|f| m.bag.join(f).display().to_string())
        .collect();
    assert_eq!(records.len(), 2);
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/validatierapport-1.xsd");
    let mut args = vec!["--noout", "--schema", schema];
    args.extend(records.iter().map(String::as_str));
    let (ok, out) = tool("xmllint", &args);
    assert!(ok, "validation records do not validate:\n{out}");
    // The schema check can fail: a bestand without its checksum does not validate.
    let broken = m.out.path().join("kapot.mdto.xml");
    let text = std::fs::read_to_string(&mdto[0]).expect("read");
    let cut = text.replace("<checksum>", "<!--").replace("</checksum>", "-->");
    std::fs::write(&broken, if cut == text { text.replace("<naam>", "<onbekend/><naam>") } else { cut })
        .expect("write");
    let (ok, _) = tool("xmllint", &["--noout", "--schema", schema_mdto(), broken.to_str().expect("path")]);
    assert!(!ok, "xmllint accepted a broken MDTO file");
}

fn schema_mdto() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mdto/MDTO-XML1.0.1.xsd")
}

#[test]
fn the_mdto_names_the_files_their_checksums_the_decision_and_its_dossier() {
    let m = made();
    for folder in decision_folders(&m.bag) {
        let decision = folder.file_name().expect("name").to_string_lossy().to_string();
        let dossier = folder.parent().expect("dossier").file_name().expect("name").to_string_lossy().to_string();
        let pdf = std::fs::read(folder.join("besluit.pdf")).expect("pdf");
        let meta = std::fs::read_to_string(folder.join("besluit.pdf.mdto.xml")).expect("mdto");
        assert!(meta.contains(&format!("<checksumWaarde>{}</checksumWaarde>", sha256_hex(&pdf))), "{meta}");
        assert!(meta.contains(&format!("<omvang>{}</omvang>", pdf.len())));
        assert!(meta.contains("<begripCode>fmt/477</begripCode>"), "PDF/A-2b's PRONOM id: {meta}");
        let json = std::fs::read_to_string(folder.join("ai-toets-besluit.json.mdto.xml")).expect("mdto");
        assert!(json.contains("<begripCode>fmt/817</begripCode>"), "{json}");
        let stuk = std::fs::read_to_string(folder.join("besluit.mdto.xml")).expect("archiefstuk");
        for needle in [
            "<begripLabel>Archiefstuk</begripLabel>".to_string(),
            format!("<identificatieKenmerk>{decision}</identificatieKenmerk>"),
            format!("<identificatieKenmerk>{dossier}</identificatieKenmerk>"),
            "<begripLabel>Blijvend te bewaren</begripLabel>".into(),
            "<begripCode>1.1.2</begripCode>".into(),
            "<begripLabel>Validatie ondertekening</begripLabel>".into(),
            "<verwijzingNaam>A. de Archivaris</verwijzingNaam>".into(),
            "<begripLabel>Ondertekening</begripLabel>".into(),
            "<archiefvormer>".into(),
        ] {
            assert!(stuk.contains(&needle), "{needle} in {stuk}");
        }
        let dossier_xml =
            std::fs::read_to_string(folder.parent().expect("d").join("dossier.mdto.xml")).expect("dossier");
        assert!(dossier_xml.contains("<begripLabel>Dossier</begripLabel>"));
        assert!(dossier_xml.contains(&format!("<identificatieKenmerk>{decision}</identificatieKenmerk>")));
    }
}

#[test]
fn a_term_to_destroy_gives_the_retention_dates_and_bad_settings_are_refused() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    let wrong = ArchiveSettings { appraisal: Appraisal::Destroy, retention_years: None, ..settings() };
    assert!(db.service.set_archive_settings(wrong, "Archivaris").is_err());
    let none = ArchiveSettings { category_code: " ".into(), ..settings() };
    assert!(db.service.set_archive_settings(none, "Archivaris").is_err());
    // Incomplete settings: nothing is written.
    let out = tempfile::tempdir().expect("dir");
    let bag = out.path().join("pakket");
    assert!(db.service.export_transfer_package(year(), "A. de Archivaris", &bag, &mut |_| {}).is_err());
    assert!(std::fs::read_dir(out.path()).expect("dir").next().is_none(), "something was written");

    let ten = ArchiveSettings { appraisal: Appraisal::Destroy, retention_years: Some(10), ..settings() };
    db.service.set_archive_settings(ten, "Archivaris").expect("settings");
    db.service.export_transfer_package(year(), "A. de Archivaris", &bag, &mut |_| {}).expect("package");
    let folder = decision_folders(&bag).remove(0);
    let stuk = std::fs::read_to_string(folder.join("besluit.mdto.xml")).expect("archiefstuk");
    let start = now().date();
    let end = start.replace_year(start.year() + 10).expect("date");
    assert!(stuk.contains("<termijnLooptijd>P10Y</termijnLooptijd>"), "{stuk}");
    assert!(stuk.contains(&format!("<termijnEinddatum>{end}</termijnEinddatum>")), "{stuk}");
    assert!(stuk.contains("<begripCode>V</begripCode>"));
    // The folder exists now: a second package there is refused, the first kept as it was.
    let before = files(&bag);
    assert!(db.service.export_transfer_package(year(), "A. de Archivaris", &bag, &mut |_| {}).is_err());
    assert_eq!(files(&bag), before);
    let left: Vec<_> = std::fs::read_dir(out.path()).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 1, "no half-made package left beside it: {left:?}");
}

#[test]
fn the_transfer_copy_is_pdf_a_2b_without_embedded_files_and_names_its_record() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    let pdf = folder.join("besluit.pdf");
    let path = pdf.to_str().expect("path");
    let json = sha256_hex(&std::fs::read(folder.join("ai-toets-besluit.json")).expect("json"));
    let (_, meta) = tool("pdfinfo", &["-meta", path]);
    assert!(
        meta.contains("<pdfaid:part>2</pdfaid:part>") && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{meta}"
    );
    assert!(
        meta.contains(&format!("<dc:relation><rdf:Bag><rdf:li>ai-toets-besluit.json sha256:{json}</rdf:li>")),
        "{meta}"
    );
    let (_, info) = tool("pdfinfo", &[path]);
    assert!(info.lines().any(|l| l.starts_with("PDF version:") && l.ends_with(" 1.7")), "{info}");
    // No embedded files at all (PDF/A-2 would allow only PDF/A ones; the transfer copy has none).
    let (_, attached) = tool("pdfdetach", &["-list", path]);
    assert!(attached.trim_start().starts_with("0 embedded files"), "{attached}");
    let doc = lopdf::Document::load(&pdf).expect("load");
    let catalog = doc.catalog().expect("catalog");
    assert!(catalog.get(b"Names").is_err() && catalog.get(b"AF").is_err());
    // Every font embedded and subset.
    let (_, fonts) = tool("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(row.contains('+') && cols.iter().rev().nth(3) == Some(&"yes"), "font not embedded and subset: {row}");
    }
    // The record's SHA-256 is printed on the last page.
    let (_, pages) = tool("pdfinfo", &[path]);
    let count: String =
        pages.lines().find(|l| l.starts_with("Pages:")).expect("pages").split_whitespace().nth(1).expect("n").into();
    let (_, last) = tool("pdftotext", &["-f", &count, "-l", &count, path, "-"]);
    assert!(last.contains("Overdrachtsexemplaar") && last.contains(&json), "{last}");
    std::fs::create_dir_all("../artifacts/archive").expect("artifacts");
    let _ = Command::new("pdftoppm")
        .args([
            "-png",
            "-r",
            "60",
            "-f",
            &count,
            "-l",
            &count,
            path,
            "../artifacts/archive/overdrachtsexemplaar-laatste-pagina",
        ])
        .status();
    let record = folder.join("validatierapport.pdf");
    let _ = Command::new("pdftoppm")
        .args([
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            record.to_str().expect("p"),
            "../artifacts/archive/validatierapport",
        ])
        .status();
}

#[test]
fn the_transfer_pages_as_pdf_a_1b_pass_preflight() {
    // Preflight checks PDF/A-1 only: the same pages, written as PDF/A-1b.
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let sheet = assessments::pdf::Sheet::new(&v.pilot, &v.framework).expect("sheet");
    let transfer = assessments::pdf::render_transfer(sheet).expect("transfer");
    let lopdf = lopdf::Document::load_mem(&transfer.pdf).expect("load");
    assert_eq!(lopdf.version, "1.7");
    let pages = assessments::pdf::Sheet::new(&v.pilot, &v.framework).and_then(|s| s.for_transfer()).expect("sheet");
    let a1b = assessments::pdf::render_sheet(&pages, assessments::pdf::Conformance::A1b).expect("1b");
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("overdracht-1b.pdf");
    std::fs::write(&path, a1b).expect("write");
    let (valid, report) = crate::pdf::preflight(&path);
    assert!(valid, "Preflight rejects the transfer pages as PDF/A-1b:\n{report}");
}

#[test]
fn the_bag_follows_rfc_8493() {
    let m = made();
    let bag = &m.bag;
    assert_eq!(
        std::fs::read_to_string(bag.join("bagit.txt")).expect("bagit.txt"),
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    );
    // Every payload file listed once with its SHA-256, nothing else (complete and valid).
    let manifest = std::fs::read_to_string(bag.join("manifest-sha256.txt")).expect("manifest");
    let listed: BTreeMap<String, String> = manifest
        .lines()
        .map(|l| {
            let (sum, path) = l.split_once("  ").expect("two spaces");
            (path.to_string(), sum.to_string())
        })
        .collect();
    let payload: Vec<String> = files(bag).into_iter().filter(|f| f.starts_with("data/")).collect();
    assert_eq!(listed.keys().cloned().collect::<Vec<_>>(), payload);
    let mut octets = 0;
    for (path, sum) in &listed {
        let bytes = std::fs::read(bag.join(path)).expect("payload");
        octets += bytes.len();
        assert_eq!(&sha256_hex(&bytes), sum, "{path}");
    }
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).expect("bag-info");
    assert!(info.contains(&format!("Payload-Oxum: {octets}.{}\n", payload.len())), "{info}");
    assert!(info.contains("Bagging-Date: ") && info.contains("Source-Organization: "), "{info}");
    let tags = std::fs::read_to_string(bag.join("tagmanifest-sha256.txt")).expect("tagmanifest");
    for name in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"] {
        let sum = sha256_hex(&std::fs::read(bag.join(name)).expect("tag"));
        assert!(tags.contains(&format!("{sum}  {name}\n")), "{name} in {tags}");
    }
    assert!(check(bag).bag.is_empty());
}

/// Changes `bag` with `attack`, then expects `verify` to name it in a problem containing `named`.
fn refused(attack: impl FnOnce(&Path), named: &str) {
    let m = made();
    attack(&m.bag);
    let report = check(&m.bag);
    let mut all: Vec<String> = report.bag.iter().map(|p| p.en.clone()).collect();
    all.extend(report.decisions.iter().flat_map(|d| d.problems.iter().map(|p| p.en.clone())));
    assert_eq!(report.verdict(), Verdict::Invalid, "{all:?}");
    assert!(all.iter().any(|p| p.contains(named)), "expected a problem naming {named:?}: {all:?}");
    let out = Command::new(VERIFY).arg("--bag").arg(&m.bag).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
}

fn first_pdf(bag: &Path) -> PathBuf {
    decision_folders(bag).remove(0).join("besluit.pdf")
}

#[test]
fn one_byte_changed_is_found() {
    refused(
        |bag| {
            let pdf = first_pdf(bag);
            let mut bytes = std::fs::read(&pdf).expect("read");
            let at = bytes.len() / 2;
            bytes[at] ^= 0x01;
            std::fs::write(&pdf, bytes).expect("write");
        },
        "the SHA-256 does not match the manifest",
    );
}

#[test]
fn a_changed_record_is_found_even_with_the_manifests_recomputed() {
    refused(
        |bag| {
            let json = decision_folders(bag).remove(0).join("ai-toets-besluit.json");
            let text = std::fs::read_to_string(&json).expect("read");
            assert!(text.contains("afvalwijzer"));
            std::fs::write(&json, text.replacen("afvalwijzer", "afvalwijzer en meer", 1)).expect("write");
            recompute_manifests(bag);
        },
        "does not",
    );
}

#[test]
fn a_transfer_copy_beside_another_decisions_record_is_found() {
    refused(
        |bag| {
            let folders = decision_folders(bag);
            std::fs::copy(folders[1].join("ai-toets-besluit.json"), folders[0].join("ai-toets-besluit.json"))
                .expect("copy");
            recompute_manifests(bag);
        },
        "visible pages do not match",
    );
}

#[test]
fn a_reformatted_record_with_the_same_content_is_found() {
    // The same JSON value, written differently: the transfer copy names the file's exact bytes.
    refused(
        |bag| {
            let json = decision_folders(bag).remove(0).join("ai-toets-besluit.json");
            let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).expect("read")).expect("json");
            std::fs::write(&json, serde_json::to_vec(&value).expect("compact")).expect("write");
            recompute_manifests(bag);
        },
        "visible pages do not match",
    );
}

#[test]
fn a_changed_mdto_checksum_is_found() {
    refused(
        |bag| {
            let meta = decision_folders(bag).remove(0).join("besluit.pdf.mdto.xml");
            let text = std::fs::read_to_string(&meta).expect("read");
            let start = text.find("<checksumWaarde>").expect("checksum") + "<checksumWaarde>".len();
            let mut changed = text.clone();
            changed.replace_range(start..start + 1, if &text[start..=start] == "0" { "1" } else { "0" });
            std::fs::write(&meta, changed).expect("write");
            recompute_manifests(bag);
        },
        "besluit.pdf.mdto.xml is not what AI-toets writes",
    );
}

#[test]
fn a_validation_record_of_another_decision_is_found() {
    refused(
        |bag| {
            let folders = decision_folders(bag);
            for name in ["validatierapport.json", "validatierapport.xml"] {
                std::fs::copy(folders[1].join(name), folders[0].join(name)).expect("copy");
            }
            recompute_manifests(bag);
        },
        "validatierapport.json is not what AI-toets writes",
    );
}

#[test]
fn a_missing_file_an_extra_file_and_a_removed_decision_are_found() {
    refused(
        |bag| {
            std::fs::remove_file(decision_folders(bag).remove(0).join("validatierapport.pdf")).expect("remove");
        },
        "is missing",
    );
    refused(
        |bag| {
            std::fs::write(decision_folders(bag).remove(0).join("extra.exe"), b"MZ").expect("write");
            recompute_manifests(bag);
        },
        "unknown file extra.exe",
    );
    refused(
        |bag| {
            let folder = decision_folders(bag).remove(0);
            std::fs::remove_dir_all(&folder).expect("remove");
            recompute_manifests(bag);
        },
        "a dossier without decisions",
    );
    // A whole decision removed with its dossier as well is not detectable from what is left;
    // the package says how many decisions it holds (bag-info) and the preview lists them.
}

#[test]
fn a_changed_tag_file_and_a_path_outside_the_bag_are_found() {
    refused(
        |bag| {
            let info = bag.join("bag-info.txt");
            let text = std::fs::read_to_string(&info).expect("read");
            std::fs::write(&info, text.replace("Source-Organization:", "Source-Organization: Vals,")).expect("write");
        },
        "tagmanifest-sha256.txt: bag-info.txt does not hold",
    );
    refused(
        |bag| {
            let manifest = bag.join("manifest-sha256.txt");
            let mut text = std::fs::read_to_string(&manifest).expect("read");
            text.push_str(&format!("{}  data/../../etc/passwd\n", "0".repeat(64)));
            std::fs::write(&manifest, text).expect("write");
        },
        "not 'checksum path'",
    );
}

#[test]
fn the_verifier_checks_a_bag_and_writes_a_validation_record() {
    let m = made();
    let published = m.published();
    // The package's own roster: all holds, not confirmed from outside (exit 3).
    let own = Command::new(VERIFY).arg("--bag").arg(&m.bag).output().expect("run");
    let text = String::from_utf8_lossy(&own.stdout).to_string();
    assert_eq!(own.status.code(), Some(3), "{text}");
    assert!(text.contains("uit het pakket zelf") && text.contains("A. de Archivaris"), "{text}");
    let given = Command::new(VERIFY).arg("--bag").arg(&m.bag).arg("--roster").arg(&published).output().expect("run");
    let text = String::from_utf8_lossy(&given.stdout).to_string();
    assert_eq!(given.status.code(), Some(0), "{text}");
    assert!(text.contains("ALLES KLOPT"), "{text}");

    // --report on a transfer copy: the record beside it is read; the record is written three ways.
    let out = m.out.path().join("validatie");
    let pdf = first_pdf(&m.bag);
    let run = |out: &Path| {
        Command::new(VERIFY)
            .args(["--report"])
            .arg(out)
            .args(["--official", "B. Controleur", "--roster"])
            .arg(&published)
            .arg(&pdf)
            .output()
            .expect("run")
    };
    let first = run(&out);
    let text = String::from_utf8_lossy(&first.stdout).to_string();
    assert_eq!(first.status.code(), Some(0), "{text}{}", String::from_utf8_lossy(&first.stderr));
    let record =
        assessments::pdf::ValidationRecord::read(&std::fs::read(out.join("validatierapport.json")).expect("json"))
            .expect("record");
    assert_eq!(record.official, "B. Controleur");
    assert_eq!(record.file.sha256, sha256_hex(&std::fs::read(&pdf).expect("pdf")));
    assert!(record.signatures.iter().all(|s| s.signer_confirmed == Some(true)));
    assert!(record
        .roster
        .as_ref()
        .is_some_and(|r| r.file_sha256 == sha256_hex(&std::fs::read(&published).expect("r"))));
    let (ok, out_xml) = tool(
        "xmllint",
        &[
            "--noout",
            "--schema",
            concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/validatierapport-1.xsd"),
            out.join("validatierapport.xml").to_str().expect("p"),
        ],
    );
    assert!(ok, "{out_xml}");
    let (_, meta) = tool("pdfinfo", &["-meta", out.join("validatierapport.pdf").to_str().expect("p")]);
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"), "{meta}");
    // It never writes over a kept record.
    let again = run(&out);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    // --report without --official is refused.
    let bare = Command::new(VERIFY).arg("--report").arg(m.out.path().join("x")).arg(&pdf).output().expect("run");
    assert_eq!(bare.status.code(), Some(2));
}

#[test]
fn a_decision_changed_behind_the_apps_back_stops_the_package_and_nothing_is_written() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    db.service.set_archive_settings(settings(), "Archivaris").expect("settings");
    crate::support::without_triggers(&rusqlite::Connection::open(db.path()).expect("raw"), |c| {
        c.execute("UPDATE decisions SET reasons = 'Anders besloten.'", []).expect("edit");
    });
    let out = tempfile::tempdir().expect("dir");
    let bag = out.path().join("pakket");
    let refused = db.service.export_transfer_package(year(), "A. de Archivaris", &bag, &mut |_| {});
    let message = refused.expect_err("refused").message();
    assert!(message.en.contains("changed outside AI-toets"), "{message:?}");
    assert!(std::fs::read_dir(out.path()).expect("dir").next().is_none(), "nothing written");
}

/// A first round, its re-assessment under a framework revision the municipality loaded (so the
/// framework travels as `toetsingskader.toml`), and a decision that relied on two files: one
/// dossier with two rounds, the later one superseding the earlier; every file in its place with
/// its MDTO, valid against the schema; and the framework and an attachment each changed (the
/// manifests recomputed) are found.
#[test]
fn a_reassessment_under_a_loaded_framework_and_a_decision_with_files_go_into_the_package() {
    use crate::support::{conditional_decision, reviewed, sign_as, CHAIR, SECRETARY};
    use assessments::attachments::Place;
    use assessments::pilot::{ReassessmentReason, ReassessmentRequest};
    use assessments::{Answer, Role, Verdict as V};

    let mut db = TestDb::new();
    // A decision that relied on two files of the proposal.
    let v = reviewed(&mut db.service, V::Complies);
    let with_files = v.pilot.id;
    db.service
        .attach(with_files, Place::Proposal, "DPIA afvalwijzer.pdf", b"%PDF-1.7\n% DPIA\n%%EOF\n", "Projectleider")
        .expect("pdf");
    db.service
        .attach(with_files, Place::Proposal, "bias-test.csv", b"groep;fout\nA;3\n", "Projectleider")
        .expect("csv");
    db.service.decide(with_files, conditional_decision()).expect("decide");
    sign_as(&mut db.service, with_files, CHAIR, Role::Chair).expect("chair");
    sign_as(&mut db.service, with_files, SECRETARY, Role::Secretary).expect("secretary");
    // A first round and its re-assessment under a loaded revision of the framework.
    let first = signed(&mut db.service).pilot.id;
    let revision =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/revisions/overbetuwe-2026.4.toml"))
            .expect("revision");
    db.service.load_framework("overbetuwe-2026.4.toml", &revision).expect("load");
    let request = ReassessmentRequest {
        reason: ReassessmentReason::Change,
        explanation: "Het model is opnieuw getraind.".into(),
        by: "Projectleider".into(),
    };
    let round = db.service.reassess(first, request).expect("round").pilot.id;
    db.service.submit(round).expect("submit");
    for q in db.service.start_review(round).expect("review").unanswered {
        let answer = Answer { verdict: Some(V::Complies), notes: "Opnieuw bekeken.".into(), conditions: vec![] };
        db.service.set_answer(round, &q, answer).expect("answer");
    }
    db.service.decide(round, conditional_decision()).expect("decide");
    sign_as(&mut db.service, round, CHAIR, Role::Chair).expect("chair");
    sign_as(&mut db.service, round, SECRETARY, Role::Secretary).expect("secretary");

    db.service.set_archive_settings(settings(), "Archivaris").expect("settings");
    let out = tempfile::tempdir().expect("dir");
    let bag = out.path().join("pakket");
    let made = db.service.export_transfer_package(year(), "A. de Archivaris", &bag, &mut |_| {}).expect("package");
    assert!(made.verified, "{:?}", made.problems);
    assert_eq!(made.summary.decisions, 3);

    // Both rounds in the first round's dossier; the later one names the decision it supersedes.
    let later = bag.join(format!("data/{first}/{round}"));
    assert!(bag.join(format!("data/{first}/{first}/besluit.pdf")).is_file());
    assert!(later.join("toetsingskader.toml").is_file() && later.join("toetsingskader.toml.mdto.xml").is_file());
    let stuk = std::fs::read_to_string(later.join("besluit.mdto.xml")).expect("archiefstuk");
    assert!(stuk.contains("<begripLabel>Vervangt</begripLabel>"), "{stuk}");
    assert!(stuk.contains(&format!("<identificatieKenmerk>{first}</identificatieKenmerk>")), "{stuk}");
    let dossier = std::fs::read_to_string(bag.join(format!("data/{first}/dossier.mdto.xml"))).expect("dossier");
    assert!(dossier.contains(&round.to_string()) && dossier.contains("2 besluit(en)"), "{dossier}");
    let files_folder = bag.join(format!("data/{with_files}/{with_files}"));
    let attached: Vec<String> = std::fs::read_dir(&files_folder)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("bijlage-") && !n.ends_with(".mdto.xml"))
        .collect();
    assert_eq!(attached.len(), 2, "{attached:?}");
    let csv_meta = attached.iter().find(|n| n.ends_with(".csv")).expect("csv");
    let meta = std::fs::read_to_string(files_folder.join(format!("{csv_meta}.mdto.xml"))).expect("mdto");
    assert!(meta.contains("<begripCode>x-fmt/18</begripCode>"), "CSV's PRONOM id: {meta}");
    let all: Vec<String> = files(&bag)
        .into_iter()
        .filter(|f| f.ends_with(".mdto.xml"))
        .map(|f| bag.join(f).display().to_string())
        .collect();
    let mut args = vec!["--noout", "--schema", schema_mdto()];
    args.extend(all.iter().map(String::as_str));
    let (ok, text) = tool("xmllint", &args);
    assert!(ok, "{text}");
    assert!(check(&bag).bag.is_empty());

    // The framework beside the re-assessment, changed: found even with the manifests recomputed.
    let framework = later.join("toetsingskader.toml");
    let text = std::fs::read_to_string(&framework).expect("toml");
    let softened = text.replacen("noodzaak", "wens", 1);
    assert_ne!(softened, text);
    for changed in [softened, format!("{text}# een regel erbij\n")] {
        std::fs::write(&framework, changed).expect("write");
        recompute_manifests(&bag);
        assert_eq!(check(&bag).verdict(), Verdict::Invalid);
    }
    std::fs::write(&framework, &text).expect("restore");
    recompute_manifests(&bag);
    // An attachment changed.
    let csv = files_folder.join(csv_meta);
    std::fs::write(&csv, b"groep;fout\nA;0\n").expect("write");
    recompute_manifests(&bag);
    let report = check(&bag);
    assert_eq!(report.verdict(), Verdict::Invalid);
    let all: Vec<String> = report.decisions.iter().flat_map(|d| d.problems.iter().map(|p| p.en.clone())).collect();
    assert!(all.iter().any(|p| p.contains("bias-test.csv")), "{all:?}");
}

#[test]
fn a_package_made_by_another_version_is_not_called_valid() {
    // What another version wrote is not written again to compare: never exit 0, but 4 (not
    // fully checked), as for a PDF of another renderer. An attacker who renames the agent gains
    // only that.
    let m = made();
    let info = m.bag.join("bag-info.txt");
    let text = std::fs::read_to_string(&info).expect("info");
    let line = text.lines().find(|l| l.starts_with("Bag-Software-Agent:")).expect("agent").to_string();
    std::fs::write(&info, text.replace(&line, "Bag-Software-Agent: AI-toets 0.0.9; opmaak/renderer 1")).expect("write");
    retag(&m.bag);
    let report =
        package::verify(&m.bag, Some(&std::fs::read(m.published()).expect("roster")), &mut |_| {}).expect("verify");
    assert_eq!(report.other_version.as_deref(), Some("AI-toets 0.0.9; opmaak/renderer 1"));
    assert_eq!(report.verdict(), Verdict::PagesNotCompared);
    let out = Command::new(VERIFY).arg("--bag").arg(&m.bag).arg("--roster").arg(m.published()).output().expect("run");
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("gebruik ai-toets-verify van die versie"));
    // A record changed as well is still found: the signatures are checked whatever made it.
    let json = decision_folders(&m.bag).remove(0).join("ai-toets-besluit.json");
    let record = std::fs::read_to_string(&json).expect("read");
    std::fs::write(&json, record.replacen("afvalwijzer", "afvalwijzer en meer", 1)).expect("write");
    recompute_manifests(&m.bag);
    let report = package::verify(&m.bag, None, &mut |_| {}).expect("verify");
    assert_eq!(report.verdict(), Verdict::Invalid);
}
