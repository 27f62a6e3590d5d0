//! Attacks on the promise of `ai-toets-verify --bag`: it checks every checksum, every record
//! and every MDTO file and says what does not hold; it exits 0 only when everything holds and
//! the published roster (given with `--roster`) confirms every signer.
//!
//! The attacker may edit the bag folder freely and recompute every manifest. Written by an
//! independent review; 18 of these were holes when it ran, each closed since. What cannot be
//! protected (the package as a whole and `overdracht.json` are not signed) is said in
//! ARCHITECTURE.md.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assessments::archive::package::{self, RosterSource};
use assessments::base::hash::sha256_hex;
use assessments::pdf::verify::Verdict;

use crate::archive::{decision_folders, made, recompute_manifests, retag, Made};
use crate::support::{signed, TestDb};

const VERIFY: &str = env!("CARGO_BIN_EXE_ai-toets-verify");

// Helpers of archive.rs: `made` (two signed decisions, their package and the published roster).

/// The roster of another committee (another database, the same names).
fn other_committee_roster(dir: &Path) -> PathBuf {
    let mut other = TestDb::new();
    signed(&mut other.service);
    let path = dir.join("andere-ledenlijst.json");
    other.service.export_roster(&path).expect("roster");
    path
}

fn name_of(p: &Path) -> String {
    p.file_name().expect("name").to_string_lossy().to_string()
}

/// Replaces `folder/name` with `new` and makes its MDTO *bestand* agree (size and SHA-256), as
/// a forger would.
fn replace_file(folder: &Path, name: &str, new: &[u8]) {
    let path = folder.join(name);
    let old = std::fs::read(&path).expect("read");
    assert_ne!(new, &old[..], "the edit of {name} changed nothing");
    std::fs::write(&path, new).expect("write");
    let meta = folder.join(format!("{name}.mdto.xml"));
    if meta.exists() {
        let text = std::fs::read_to_string(&meta).expect("meta");
        let text = text
            .replace(&sha256_hex(&old), &sha256_hex(new))
            .replace(&format!("<omvang>{}</omvang>", old.len()), &format!("<omvang>{}</omvang>", new.len()));
        std::fs::write(&meta, text).expect("meta");
    }
}

/// Edits the text of `folder/name`, its MDTO made to agree.
fn rewrite(folder: &Path, name: &str, edit: impl FnOnce(String) -> String) {
    let old = std::fs::read_to_string(folder.join(name)).expect("read");
    replace_file(folder, name, edit(old).as_bytes());
}

/// `edit` applied to the first `<tag>…</tag>` of `text` only.
fn in_block(text: &str, tag: &str, edit: impl FnOnce(&str) -> String) -> String {
    let start = text.find(&format!("<{tag}>")).unwrap_or_else(|| panic!("<{tag}> in {text}"));
    let close = format!("</{tag}>");
    let end = start + text[start..].find(&close).expect("closed") + close.len();
    format!("{}{}{}", &text[..start], edit(&text[start..end]), &text[end..])
}

/// A validation record's JSON edited as a value, written as the app writes it.
fn edit_json(folder: &Path, name: &str, edit: impl FnOnce(&mut serde_json::Value)) {
    rewrite(folder, name, |text| {
        let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
        edit(&mut value);
        serde_json::to_string_pretty(&value).expect("json")
    });
}

fn check_with(bag: &Path, roster: Option<&Path>) -> package::BagReport {
    let bytes = roster.map(|r| std::fs::read(r).expect("roster"));
    package::verify(bag, bytes.as_deref(), &mut |_| {}).expect("verify")
}

fn problems(report: &package::BagReport) -> Vec<String> {
    let mut all: Vec<String> = report.bag.iter().map(|p| p.en.clone()).collect();
    all.extend(report.decisions.iter().flat_map(|d| d.problems.iter().map(|p| p.en.clone())));
    all
}

/// `ai-toets-verify --bag` (with `--roster`), killed after `limit`: exit code (None when it
/// had to be killed or died by a signal) and what it printed.
fn run_bag(bag: &Path, roster: Option<&Path>, limit: Duration) -> (Option<i32>, String) {
    let mut cmd = Command::new(VERIFY);
    cmd.arg("--bag").arg(bag);
    if let Some(r) = roster {
        cmd.arg("--roster").arg(r);
    }
    let dir = tempfile::tempdir().expect("dir");
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let mut child = cmd
        .stdout(std::fs::File::create(&out).expect("out"))
        .stderr(std::fs::File::create(&err).expect("err"))
        .stdin(Stdio::null())
        .spawn()
        .expect("run");
    let start = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&std::fs::read(&out).unwrap_or_default()),
        String::from_utf8_lossy(&std::fs::read(&err).unwrap_or_default())
    );
    (code, text)
}

const LIMIT: Duration = Duration::from_secs(60);

/// The attack must make the package fail: `Invalid` from the library even with the published
/// roster given, and exit 1 from `ai-toets-verify --bag --roster`.
fn must_be_found(m: &Made, what: &str) {
    let published = m.published();
    let report = check_with(&m.bag, Some(&published));
    assert_eq!(report.verdict(), Verdict::Invalid, "{what}: not found; problems: {:?}", problems(&report));
    let (code, text) = run_bag(&m.bag, Some(&published), LIMIT);
    assert_eq!(code, Some(1), "{what}: exit {code:?}\n{text}");
}

/// The untouched package with the published roster: exit 0 (the baseline of every attack).
#[test]
fn the_untouched_package_exits_0_with_the_published_roster_only() {
    let m = made();
    let published = m.published();
    assert_eq!(check_with(&m.bag, Some(&published)).verdict(), Verdict::Valid);
    let (code, text) = run_bag(&m.bag, Some(&published), LIMIT);
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = run_bag(&m.bag, None, LIMIT);
    assert_eq!(code, Some(3), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Layout: where a decision sits, how often, how many.

#[test]
fn a_decision_moved_under_another_dossier_is_found() {
    let m = made();
    let folders = decision_folders(&m.bag);
    let (p1, p2) = (name_of(&folders[0]), name_of(&folders[1]));
    let (d1, d2) = (name_of(folders[0].parent().expect("d")), name_of(folders[1].parent().expect("d")));
    // First rounds: each is its own dossier.
    assert_eq!((&p1, &p2), (&d1, &d2));
    let data = m.bag.join("data");
    // The archiefstuk now says it is part of dossier 2.
    rewrite(&folders[0], "besluit.mdto.xml", |t| in_block(&t, "isOnderdeelVan", |b| b.replace(&d1, &d2)));
    // Dossier 2 now names decision 1 as well.
    let dossier2 = data.join(&d2).join("dossier.mdto.xml");
    let text = std::fs::read_to_string(&dossier2).expect("dossier");
    let text = in_block(&text, "bevatOnderdeel", |b| format!("{b}\n    {}", b.trim_start().replace(&p2, &p1)));
    std::fs::write(&dossier2, text).expect("write");
    std::fs::rename(&folders[0], data.join(&d2).join(&p1)).expect("move");
    std::fs::remove_dir_all(data.join(&d1)).expect("remove dossier 1");
    recompute_manifests(&m.bag);
    must_be_found(&m, "a decision under another pilot's dossier");
}

#[test]
fn a_second_copy_of_a_decision_is_found() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    let (p1, d1) = (name_of(&folder), name_of(folder.parent().expect("d")));
    let x = uuid::Uuid::new_v4().to_string();
    let data = m.bag.join("data");
    std::fs::create_dir_all(data.join(&x).join(&p1)).expect("dir");
    for e in std::fs::read_dir(&folder).expect("read").flatten() {
        std::fs::copy(e.path(), data.join(&x).join(&p1).join(e.file_name())).expect("copy");
    }
    let dossier = std::fs::read_to_string(data.join(&d1).join("dossier.mdto.xml")).expect("dossier");
    std::fs::write(data.join(&x).join("dossier.mdto.xml"), in_block(&dossier, "identificatie", |b| b.replace(&d1, &x)))
        .expect("write");
    rewrite(&data.join(&x).join(&p1), "besluit.mdto.xml", |t| in_block(&t, "isOnderdeelVan", |b| b.replace(&d1, &x)));
    recompute_manifests(&m.bag);
    must_be_found(&m, "the same decision twice");
}

#[test]
fn a_decision_removed_with_its_dossier_contradicts_bag_info() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    std::fs::remove_dir_all(folder.parent().expect("dossier")).expect("remove");
    recompute_manifests(&m.bag);
    assert!(std::fs::read_to_string(m.bag.join("bag-info.txt")).expect("info").contains("AI-toets-Besluiten: 2"));
    must_be_found(&m, "one of two decisions gone");
}

#[test]
fn a_decision_folder_that_is_not_the_records_pilot_id_is_found() {
    // The same folder under an upper-case or otherwise different name.
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    let upper = folder.parent().expect("d").join(name_of(&folder).to_uppercase());
    std::fs::rename(&folder, &upper).expect("rename");
    recompute_manifests(&m.bag);
    must_be_found(&m, "a decision folder under another name");
}

#[test]
fn an_empty_bag_is_not_valid() {
    let out = tempfile::tempdir().expect("dir");
    let bag = out.path();
    std::fs::create_dir_all(bag.join("data")).expect("data");
    std::fs::write(bag.join("bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n").expect("bagit");
    std::fs::write(bag.join("manifest-sha256.txt"), "").expect("manifest");
    std::fs::write(bag.join("bag-info.txt"), "Payload-Oxum: 0.0\n").expect("info");
    let report = check_with(bag, None);
    assert_eq!(report.verdict(), Verdict::Invalid);
    let (code, text) = run_bag(bag, None, LIMIT);
    assert_eq!(code, Some(1), "{text}");
    let (code, _) = run_bag(&bag.join("bestaat-niet"), None, LIMIT);
    assert_eq!(code, Some(2));
}

// ---------------------------------------------------------------------------------------------
// Files the checker might not see.

#[test]
fn files_outside_data_that_no_manifest_lists_are_named() {
    let m = made();
    std::fs::write(m.bag.join("LEESMIJ.exe"), b"MZ").expect("write");
    std::fs::create_dir_all(m.bag.join("extra")).expect("dir");
    std::fs::write(m.bag.join("extra/besluit.pdf"), b"%PDF-1.7 vals").expect("write");
    must_be_found(&m, "files outside data/");
}

#[test]
fn a_file_with_a_backslash_in_its_name_is_not_hidden() {
    if cfg!(windows) {
        return;
    }
    let m = made();
    std::fs::write(m.bag.join("data\\ledenlijst.json"), b"{\"vals\": true}").expect("write");
    let report = check_with(&m.bag, Some(&m.published()));
    let all = problems(&report);
    assert!(all.iter().any(|p| p.contains('\\')), "the file with a backslash is not named: {all:?}");
    must_be_found(&m, "a file with a backslash in its name");
}

#[test]
fn path_tricks_in_the_manifest_are_refused() {
    let m = made();
    let manifest = m.bag.join("manifest-sha256.txt");
    let original = std::fs::read_to_string(&manifest).expect("manifest");
    let sum = sha256_hex(&std::fs::read(m.bag.join("data/ledenlijst.json")).expect("roster"));
    for path in [
        "data/./ledenlijst.json",
        "data//ledenlijst.json",
        "./data/ledenlijst.json",
        "/data/ledenlijst.json",
        "data\\ledenlijst.json",
        "DATA/ledenlijst.json",
        "data/ledenlijst.JSON",
        "data/%6Cedenlijst.json",
        "data/ledenlijst.json%0A",
        "data/ledenlijst.json%2500",
        "data/../data/ledenlijst.json",
        "data/ledenlijst.json/.",
        "data/ledenlijst\u{0307}.json",
    ] {
        std::fs::write(&manifest, format!("{original}{sum}  {path}\n")).expect("write");
        retag(&m.bag);
        let report = check_with(&m.bag, Some(&m.published()));
        assert_eq!(report.verdict(), Verdict::Invalid, "{path:?} accepted: {:?}", problems(&report));
    }
    // The real path listed a second time, with another checksum.
    std::fs::write(&manifest, format!("{original}{}  data/ledenlijst.json\n", "0".repeat(64))).expect("write");
    retag(&m.bag);
    let report = check_with(&m.bag, Some(&m.published()));
    assert!(problems(&report).iter().any(|p| p.contains("twice")), "{:?}", problems(&report));
}

#[test]
fn a_link_in_the_payload_is_refused() {
    if cfg!(windows) {
        return;
    }
    let m = made();
    let folders = decision_folders(&m.bag);
    // A record replaced by a link to a copy outside the bag, manifests recomputed.
    let outside = m.out.path().join("buiten.pdf");
    std::fs::copy(folders[0].join("validatierapport.pdf"), &outside).expect("copy");
    std::fs::remove_file(folders[0].join("validatierapport.pdf")).expect("remove");
    std::os::unix::fs::symlink(&outside, folders[0].join("validatierapport.pdf")).expect("link");
    recompute_manifests(&m.bag);
    let report = check_with(&m.bag, Some(&m.published()));
    assert!(problems(&report).iter().any(|p| p.contains("not a plain file")), "{:?}", problems(&report));
    must_be_found(&m, "a link in the payload");
    // A whole decision folder as a link.
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    let away = m.out.path().join("weg");
    std::fs::rename(&folder, &away).expect("move");
    std::os::unix::fs::symlink(&away, &folder).expect("link");
    must_be_found(&m, "a decision folder that is a link");
}

#[test]
fn an_extra_attachment_with_its_own_mdto_is_found() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    let bytes = b"MZ\x90\x00 niet het besluit".to_vec();
    std::fs::write(folder.join("bijlage-9-extra.exe"), &bytes).expect("write");
    let pdf = std::fs::read(folder.join("besluit.pdf")).expect("pdf");
    let meta = std::fs::read_to_string(folder.join("besluit.pdf.mdto.xml")).expect("meta");
    let meta = meta
        .replace("<naam>besluit.pdf</naam>", "<naam>bijlage-9-extra.exe</naam>")
        .replace(&sha256_hex(&pdf), &sha256_hex(&bytes))
        .replace(&format!("<omvang>{}</omvang>", pdf.len()), &format!("<omvang>{}</omvang>", bytes.len()));
    std::fs::write(folder.join("bijlage-9-extra.exe.mdto.xml"), meta).expect("meta");
    recompute_manifests(&m.bag);
    must_be_found(&m, "an attachment the decision does not name");
}

// ---------------------------------------------------------------------------------------------
// The validation record (not signed): what can be checked against the decision is.

#[test]
fn a_validation_record_with_another_outcome_is_found() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    edit_json(&folder, "validatierapport.json", |v| {
        assert_eq!(v["outcome"], "valid");
        v["outcome"] = "invalid".into();
        v["signatures"][0]["signatureHolds"] = false.into();
        v["signatures"][0]["problem"] = "de handtekening klopt niet".into();
    });
    rewrite(&folder, "validatierapport.xml", |t| {
        in_block(&t, "handtekening", |b| b.replace("<handtekeningKlopt>true", "<handtekeningKlopt>false"))
            .replace("<uitslag>valid</uitslag>", "<uitslag>invalid</uitslag>")
    });
    recompute_manifests(&m.bag);
    must_be_found(&m, "a validation record whose outcome was edited");
}

#[test]
fn a_validation_record_naming_another_member_is_found() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    edit_json(&folder, "validatierapport.json", |v| {
        v["signatures"][0]["member"] = "Mallory Vals".into();
    });
    rewrite(&folder, "validatierapport.xml", |t| {
        in_block(&t, "handtekening", |b| b.replace("<lid>", "<lid>Mallory Vals, "))
    });
    recompute_manifests(&m.bag);
    let (_, text) = run_bag(&m.bag, Some(&m.published()), LIMIT);
    assert!(text.contains("Mallory"), "{text}");
    must_be_found(&m, "a validation record naming another member");
}

#[test]
fn a_validation_record_naming_another_roster_is_found() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    edit_json(&folder, "validatierapport.json", |v| {
        v["roster"]["founding"] = "f".repeat(64).into();
        v["roster"]["fileSha256"] = "e".repeat(64).into();
    });
    recompute_manifests(&m.bag);
    must_be_found(&m, "a validation record naming another roster");
}

#[test]
fn a_validation_record_whose_xml_or_pdf_says_otherwise_is_found() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    rewrite(&folder, "validatierapport.xml", |t| {
        t.replace("<uitslag>valid</uitslag>", "<uitslag>invalid</uitslag>").replace("A. de Archivaris", "M. Allory")
    });
    recompute_manifests(&m.bag);
    must_be_found(&m, "validatierapport.xml saying otherwise than the JSON");

    let m = made();
    let folders = decision_folders(&m.bag);
    std::fs::copy(folders[1].join("validatierapport.pdf"), folders[0].join("validatierapport.pdf")).expect("copy");
    let pdf = std::fs::read(folders[0].join("validatierapport.pdf")).expect("pdf");
    // Its MDTO bestand made to agree.
    std::fs::copy(folders[1].join("validatierapport.pdf.mdto.xml"), folders[0].join("validatierapport.pdf.mdto.xml"))
        .expect("copy");
    let p0 = name_of(&folders[0]);
    let p1 = name_of(&folders[1]);
    let meta =
        std::fs::read_to_string(folders[0].join("validatierapport.pdf.mdto.xml")).expect("meta").replace(&p1, &p0);
    std::fs::write(folders[0].join("validatierapport.pdf.mdto.xml"), meta).expect("meta");
    assert!(!pdf.is_empty());
    recompute_manifests(&m.bag);
    must_be_found(&m, "validatierapport.pdf of another decision");
}

#[test]
fn the_verifier_says_plainly_that_the_validation_record_is_not_signed() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    edit_json(&folder, "validatierapport.json", |v| {
        v["official"] = "Iemand Anders".into();
    });
    recompute_manifests(&m.bag);
    let (code, text) = run_bag(&m.bag, Some(&m.published()), LIMIT);
    assert!(text.contains("Iemand Anders"), "{text}");
    let lower = text.to_lowercase();
    assert!(
        lower.contains("not signed") || lower.contains("unsigned") || lower.contains("cannot be checked"),
        "nothing says the validation record (and its official) is not signed; exit {code:?}:\n{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// MDTO files that are well-formed and lie.

#[test]
fn an_mdto_archiefstuk_with_another_title_is_found() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    rewrite(&folder, "besluit.mdto.xml", |t| {
        in_block(&t, "naam", |_| "<naam>Besluit ethische commissie AI: iets heel anders</naam>".into())
    });
    recompute_manifests(&m.bag);
    must_be_found(&m, "an archiefstuk under another title");
}

#[test]
fn an_mdto_retention_that_contradicts_its_dossier_is_found() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    rewrite(&folder, "besluit.mdto.xml", |t| {
        in_block(&t, "waardering", |b| {
            b.replace("Blijvend te bewaren", "Tijdelijk te bewaren")
                .replace("<begripCode>B</begripCode>", "<begripCode>V</begripCode>")
        })
    });
    recompute_manifests(&m.bag);
    must_be_found(&m, "an archiefstuk to be destroyed in a dossier to be kept");
}

#[test]
fn an_mdto_archiefvormer_that_contradicts_the_bag_is_found() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    rewrite(&folder, "besluit.mdto.xml", |t| {
        in_block(&t, "archiefvormer", |_| {
            "<archiefvormer>\n    <verwijzingNaam>Gemeente Elders</verwijzingNaam>\n  </archiefvormer>".into()
        })
    });
    recompute_manifests(&m.bag);
    must_be_found(&m, "an archiefstuk of another archiefvormer");
}

#[test]
fn an_mdto_file_that_breaks_the_schema_is_found() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    rewrite(&folder, "besluit.mdto.xml", |t| {
        let t = in_block(&t, "archiefvormer", |_| String::new());
        in_block(&t, "beperkingGebruik", |_| String::new())
    });
    recompute_manifests(&m.bag);
    must_be_found(&m, "an archiefstuk missing required elements");
}

#[test]
fn an_mdto_bestand_that_represents_another_decision_is_found() {
    let m = made();
    let folders = decision_folders(&m.bag);
    let (p0, p1) = (name_of(&folders[0]), name_of(&folders[1]));
    rewrite(&folders[0], "besluit.pdf.mdto.xml", |t| in_block(&t, "isRepresentatieVan", |b| b.replace(&p0, &p1)));
    recompute_manifests(&m.bag);
    must_be_found(&m, "a bestand of another decision");
}

// ---------------------------------------------------------------------------------------------
// The roster.

#[test]
fn a_package_without_its_roster_is_found() {
    let m = made();
    std::fs::remove_file(m.bag.join("data/ledenlijst.json")).expect("remove");
    recompute_manifests(&m.bag);
    must_be_found(&m, "the package's roster removed");
}

#[test]
fn a_package_roster_other_than_the_published_one_is_found() {
    let m = made();
    let other = other_committee_roster(m.out.path());
    std::fs::copy(&other, m.bag.join("data/ledenlijst.json")).expect("copy");
    recompute_manifests(&m.bag);
    must_be_found(&m, "the package's roster swapped for another committee's");
}

#[test]
fn a_roster_of_another_committee_given_with_roster_never_exits_0() {
    let m = made();
    let other = other_committee_roster(m.out.path());
    let report = check_with(&m.bag, Some(&other));
    assert_eq!(report.roster_source, RosterSource::Given);
    assert_ne!(report.verdict(), Verdict::Valid, "{:?}", problems(&report));
    let (code, text) = run_bag(&m.bag, Some(&other), LIMIT);
    assert!(matches!(code, Some(1 | 2)), "exit {code:?} with another committee's roster:\n{text}");
}

#[test]
fn without_any_roster_the_package_never_exits_0() {
    let m = made();
    std::fs::remove_file(m.bag.join("data/ledenlijst.json")).expect("remove");
    recompute_manifests(&m.bag);
    let (code, text) = run_bag(&m.bag, None, LIMIT);
    assert_ne!(code, Some(0), "{text}");
}

// ---------------------------------------------------------------------------------------------
// The transfer copy.

#[test]
fn a_transfer_copy_that_embeds_a_file_is_found() {
    use lopdf::{dictionary, Object, Stream};
    let m = made();
    let pdf = decision_folders(&m.bag).remove(0).join("besluit.pdf");
    let mut doc = lopdf::Document::load(&pdf).expect("load");
    let file = doc.add_object(Stream::new(dictionary! { "Type" => "EmbeddedFile" }, b"MZ kwaadaardig".to_vec()));
    let spec = doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => Object::string_literal("ai-toets-besluit.json"),
        "UF" => Object::string_literal("ai-toets-besluit.json"),
        "EF" => dictionary! { "F" => file },
    });
    let names = dictionary! {
        "EmbeddedFiles" => dictionary! { "Names" => vec![Object::string_literal("ai-toets-besluit.json"), Object::Reference(spec)] },
    };
    doc.catalog_mut().expect("catalog").set("Names", names);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    replace_file(pdf.parent().expect("folder"), "besluit.pdf", &bytes);
    recompute_manifests(&m.bag);
    let report = check_with(&m.bag, Some(&m.published()));
    assert!(problems(&report).iter().any(|p| p.contains("embeds a file")), "{:?}", problems(&report));
    must_be_found(&m, "a transfer copy with an embedded file");
}

// ---------------------------------------------------------------------------------------------
// Resources, terminals, XML.

/// Makes a FIFO (a named pipe) at `path`.
fn fifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo").success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn a_named_pipe_in_the_bag_does_not_hang_the_verifier() {
    if cfg!(windows) {
        return;
    }
    let m = made();
    let dossier = decision_folders(&m.bag).remove(0).parent().expect("d").join("dossier.mdto.xml");
    std::fs::remove_file(&dossier).expect("remove");
    fifo(&dossier);
    let (code, text) = run_bag(&m.bag, Some(&m.published()), Duration::from_secs(30));
    assert_eq!(code, Some(1), "a FIFO as dossier.mdto.xml: exit {code:?} (None: hung and killed)\n{text}");

    let m = made();
    fifo(&m.bag.join("pijp"));
    let tags = m.bag.join("tagmanifest-sha256.txt");
    let text = std::fs::read_to_string(&tags).expect("tags");
    std::fs::write(&tags, format!("{text}{}  pijp\n", "0".repeat(64))).expect("tags");
    let (code, text) = run_bag(&m.bag, Some(&m.published()), Duration::from_secs(30));
    assert_eq!(code, Some(1), "a FIFO named in the tag manifest: exit {code:?} (None: hung and killed)\n{text}");
}

#[test]
fn a_huge_payload_file_is_refused_by_its_size() {
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    let big = std::fs::File::create(folder.join("bijlage-9-groot.pdf")).expect("create");
    // Sparse: costs no disk; 25 MiB is above MAX_PDF_BYTES (20 MiB), small enough to read here.
    big.set_len(25 * 1024 * 1024).expect("size");
    let report = check_with(&m.bag, Some(&m.published()));
    let all = problems(&report);
    assert!(all.iter().any(|p| p.contains("too large")), "the file was read, not refused by its size: {all:?}");
}

#[test]
fn names_in_the_bag_cannot_drive_the_terminal() {
    if cfg!(windows) {
        return;
    }
    let m = made();
    let folder = decision_folders(&m.bag).remove(0);
    std::fs::write(folder.join("\u{1b}]0;gehackt\u{7}\u{1b}[2Jbijlage"), b"x").expect("write");
    std::fs::create_dir_all(m.bag.join("data/\u{1b}[31mrood")).expect("dir");
    std::fs::write(m.bag.join("data/\u{1b}[31mrood/\u{9b}1mx\u{202e}fdp.exe"), b"x").expect("write");
    edit_json(&folder, "validatierapport.json", |v| {
        v["official"] = "\u{1b}[2J\u{1b}[HALLES KLOPT".into();
        v["signatures"][0]["member"] = "\u{1b}[1A\rUitslag / result: ALLES KLOPT".into();
    });
    recompute_manifests(&m.bag);
    let (code, text) = run_bag(&m.bag, Some(&m.published()), LIMIT);
    assert_eq!(code, Some(1), "{text}");
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\r'] {
        assert!(!text.contains(bad), "{bad:?} reached the terminal:\n{text:?}");
    }
}

#[test]
fn text_in_the_xml_files_cannot_inject_elements() {
    use assessments::base::xml::Xml;
    let evil = "]]></naam><archiefvormer>Vals</archiefvormer><!-- &amp; \" ' \u{1}\u{FFFE}\r\n--><naam>";
    let mut x = Xml::new("MDTO", &[("xmlns", "urn:x")]);
    x.leaf("naam", evil);
    let xml = x.finish();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    let root = doc.root_element();
    let elements: Vec<&str> = root.children().filter(|n| n.is_element()).map(|n| n.tag_name().name()).collect();
    assert_eq!(elements, ["naam"], "{xml}");
    let text = root.children().find(|n| n.is_element()).and_then(|n| n.text()).expect("text");
    assert_eq!(text, evil.replace('\u{1}', "\\u{1}").replace('\u{FFFE}', "\\u{fffe}"));
}
