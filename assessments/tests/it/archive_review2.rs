//! A second independent review of `ai-toets-verify --bag` (after `archive_attacks.rs`). The
//! attacker edits the bag folder and recomputes every manifest, as there; beyond the limits
//! ARCHITECTURE.md states (the package and `overdracht.json` are unsigned; a whole decision
//! removed with every trace). Six of these were holes when it ran, each closed since.

use std::path::{Path, PathBuf};
use std::process::Command;

use assessments::archive::package::{self, Entry, Request, RosterSource};
use assessments::base::hash::sha256_hex;
use assessments::pdf::verify::Verdict;
use assessments::report::Period;
use assessments::{Assessments, Role, SqliteStore};
use uuid::Uuid;

use crate::archive::{decision_folders, files, made, recompute_manifests, retag, settings, year, Made};
use crate::support::{member, signed, TestDb};

/// An edit of a JSON file, and of a text file.
type JsonEdit = Box<dyn Fn(&mut serde_json::Value)>;
type TextEdit = Box<dyn Fn(String) -> String>;

const VERIFY: &str = env!("CARGO_BIN_EXE_ai-toets-verify");

fn check_with(bag: &Path, roster: &Path) -> package::BagReport {
    let bytes = std::fs::read(roster).expect("roster");
    package::verify(bag, Some(&bytes), &mut |_| {}).expect("verify")
}

fn problems(report: &package::BagReport) -> Vec<String> {
    let mut all: Vec<String> = report.bag.iter().map(|p| p.en.clone()).collect();
    all.extend(report.decisions.iter().flat_map(|d| d.problems.iter().map(|p| p.en.clone())));
    all
}

/// `ai-toets-verify --bag <bag> --roster <roster>`: exit code and what it printed.
fn run_bag(bag: &Path, roster: &Path) -> (Option<i32>, String) {
    let out = Command::new(VERIFY).arg("--bag").arg(bag).arg("--roster").arg(roster).output().expect("run");
    (out.status.code(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// The package must not hold: `Invalid` from the library with the published roster, and exit 1.
fn must_be_found(bag: &Path, published: &Path, what: &str) {
    let report = check_with(bag, published);
    assert_eq!(report.roster_source, RosterSource::Given);
    assert_eq!(report.verdict(), Verdict::Invalid, "{what}: not found; problems: {:?}", problems(&report));
    let (code, text) = run_bag(bag, published);
    assert_eq!(code, Some(1), "{what}: exit {code:?}\n{text}");
}

/// The package holds with the published roster: `Valid`, exit 0.
fn holds(bag: &Path, published: &Path) {
    let report = check_with(bag, published);
    assert_eq!(report.verdict(), Verdict::Valid, "{:?}", problems(&report));
    let (code, text) = run_bag(bag, published);
    assert_eq!(code, Some(0), "{text}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for e in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// A fresh copy of the made package, to attack without making it again.
fn copy_of(m: &Made, name: &str) -> PathBuf {
    let to = m.out.path().join(name);
    copy_dir(&m.bag, &to);
    to
}

fn edit_package_record(bag: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = bag.join("data/overdracht.json");
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
    edit(&mut value);
    std::fs::write(&path, serde_json::to_string_pretty(&value).expect("json")).expect("write");
    recompute_manifests(bag);
}

/// The decisions of `m`'s package, as `package::build` takes them (none relied on files).
fn entries_of(m: &mut Made) -> Vec<Entry> {
    decision_folders(&m.bag)
        .iter()
        .map(|f| {
            let view = m.db.service.get(decision_id(f)).expect("pilot");
            Entry { pilot: view.pilot, framework: view.framework, files: vec![] }
        })
        .collect()
}

fn decision_id(folder: &Path) -> Uuid {
    Uuid::parse_str(&folder.file_name().expect("name").to_string_lossy()).expect("uuid")
}

// ---------------------------------------------------------------------------------------------
// The roster in the package.

fn later() -> time::OffsetDateTime {
    static TICKS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    // Well after the shared ticking clock of the other tests (one second a call) can reach.
    crate::support::now()
        + time::Duration::days(30)
        + time::Duration::seconds(TICKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// A second database from a copy of `db` as it is now: the same committee, whose roster log
/// goes on differently from here.
fn fork(db: &TestDb) -> (tempfile::TempDir, Assessments) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("ai-toets.sqlite3");
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    conn.execute("VACUUM INTO ?1", [path.to_str().expect("path")]).expect("copy the database");
    drop(conn);
    let store = SqliteStore::open(&path).expect("open the copy");
    (dir, Assessments::with_clock(Box::new(store), later))
}

/// The package's `ledenlijst.json` is a log with the committee's founding and fewer events than
/// the published one, but not its beginning: after the shared founding it went another way
/// (another member added, approved by the officers). The check compares only the founding and
/// the count when the package's log is shorter, so it passes it as "an earlier state".
#[test]
fn a_package_roster_that_forked_from_the_published_log_is_found() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    signed(&mut db.service);
    db.service.set_archive_settings(settings(), "Archivaris").expect("settings");
    let (_fork_dir, mut published_side) = fork(&db);
    // The package's side: one more event (a member the published log never had).
    member(&mut db.service, "Alleen In Het Pakket", Role::Member);
    let out = tempfile::tempdir().expect("dir");
    let bag = out.path().join("pakket");
    let made = db.service.export_transfer_package(year(), "A. de Archivaris", &bag, &mut |_| {}).expect("package");
    assert!(made.verified, "{:?}", made.problems);
    // The published side: two other events, so its log is longer.
    member(&mut published_side, "Gepubliceerd Lid Een", Role::Member);
    member(&mut published_side, "Gepubliceerd Lid Twee", Role::Member);
    let published = out.path().join("gepubliceerde-ledenlijst.json");
    published_side.export_roster(&published).expect("roster");
    let own = assessments::pdf::verify::read_roster(&std::fs::read(bag.join("data/ledenlijst.json")).expect("own"))
        .expect("own roster");
    let given = assessments::pdf::verify::read_roster(&std::fs::read(&published).expect("given")).expect("given");
    assert_eq!(own.founding, given.founding, "the same committee");
    assert!(own.count < given.count, "{} < {}", own.count, given.count);
    must_be_found(&bag, &published, "a package roster forked from the published log");
}

/// A package made again without its roster (`roster_sha256: null`, every validation record
/// then "not confirmed"), although every signature in it names the committee's founding hash
/// (statement v2): the check cannot tell it from a committee that never had a roster log.
/// ARCHITECTURE.md lists "the package's roster removed" as found.
#[test]
fn a_package_without_a_roster_whose_signatures_name_a_committee_is_found() {
    let mut m = made();
    let entries = entries_of(&mut m);
    let record: package::PackageRecord =
        serde_json::from_slice(&std::fs::read(m.bag.join("data/overdracht.json")).expect("read")).expect("record");
    let request = Request {
        period: record.period,
        municipality: &record.municipality,
        settings: &record.settings,
        official: &record.official,
        roster: None,
        now: record.made_at,
    };
    let bag = m.out.path().join("zonder-ledenlijst");
    package::build(&entries, &request, &bag, &mut |_| {}).expect("build");
    assert!(!bag.join("data/ledenlijst.json").exists());
    must_be_found(&bag, &m.published(), "a package re-made without the roster its signatures name");
}

// ---------------------------------------------------------------------------------------------
// overdracht.json against the signed records.

/// `overdracht.json` says the package is last year's; every decision in it was signed this
/// year. The signed dates contradict the period, and nothing compares them.
#[test]
fn a_period_the_decisions_were_not_signed_in_is_found() {
    let m = made();
    edit_package_record(&m.bag, |v| {
        let period = &mut v["period"];
        let y = period["year"].as_i64().expect("year");
        period["year"] = (y - 1).into();
        for key in ["from", "to"] {
            let text = period[key].as_str().expect("date").replace(&y.to_string(), &(y - 1).to_string());
            period[key] = text.into();
        }
    });
    let record: package::PackageRecord =
        serde_json::from_slice(&std::fs::read(m.bag.join("data/overdracht.json")).expect("read")).expect("record");
    let _: Period = record.period;
    must_be_found(&m.bag, &m.published(), "a period none of the decisions was signed in");
}

/// What the check writes again from `overdracht.json` catches it edited alone (the municipality,
/// the official, the moment, an archive setting): coverage the first review lacked.
#[test]
fn overdracht_json_edited_alone_is_found_by_writing_the_files_again() {
    let m = made();
    let published = m.published();
    holds(&m.bag, &published);
    let edits: Vec<(&str, JsonEdit)> = vec![
        ("municipality", Box::new(|v| v["municipality"] = "Gemeente Elders".into())),
        ("official", Box::new(|v| v["official"] = "Iemand Anders".into())),
        (
            "made_at",
            Box::new(|v| {
                let at = v["madeAt"].as_str().expect("madeAt").to_string();
                let t =
                    time::OffsetDateTime::parse(&at, &time::format_description::well_known::Rfc3339).expect("rfc3339");
                v["madeAt"] = assessments::base::dates::rfc3339(t + time::Duration::hours(2)).into();
            }),
        ),
        (
            "made_at, same instant in another offset",
            Box::new(|v| {
                let at = v["madeAt"].as_str().expect("madeAt").to_string();
                let t =
                    time::OffsetDateTime::parse(&at, &time::format_description::well_known::Rfc3339).expect("rfc3339");
                let shifted = t.to_offset(time::macros::offset!(+2));
                v["madeAt"] = shifted.format(&time::format_description::well_known::Rfc3339).expect("format").into();
            }),
        ),
        ("settings.access", Box::new(|v| v["settings"]["access"] = "Beperkt openbaar".into())),
        ("settings.categoryCode", Box::new(|v| v["settings"]["categoryCode"] = "9.9.9".into())),
    ];
    for (i, (what, edit)) in edits.iter().enumerate() {
        let bag = copy_of(&m, &format!("bewerkt-{i}"));
        let before = std::fs::read(bag.join("data/overdracht.json")).expect("read");
        edit_package_record(&bag, |v| edit(v));
        assert_ne!(before, std::fs::read(bag.join("data/overdracht.json")).expect("read"), "{what}: no edit");
        must_be_found(&bag, &published, &format!("overdracht.json: {what}"));
    }
}

// ---------------------------------------------------------------------------------------------
// The framework beside a transfer copy.

/// A `toetsingskader.toml` put beside a decision whose framework the verifier ships (the app
/// writes none there): the shipped framework's TOML with a comment of the forger's (the signed
/// framework hash is over the parsed framework, not its text), with its MDTO bestand. The check
/// writes the MDTO again over whatever framework file it finds and never asks whether that file
/// belongs there or is the text AI-toets writes (`pdf::framework_source`).
#[test]
fn a_framework_file_the_app_would_not_write_is_found() {
    let mut m = made();
    let folder = decision_folders(&m.bag).remove(0);
    let view = m.db.service.get(decision_id(&folder)).expect("pilot");
    let source = assessments::pdf::framework_source(&view.framework).expect("source");
    let forged = format!("{source}\n# Dit besluit is op 1 december ingetrokken; zie de brief van de wethouder.\n");
    std::fs::write(folder.join("toetsingskader.toml"), &forged).expect("write");
    // Its MDTO bestand as AI-toets writes one: that of the record beside it, for this file.
    let json_meta = std::fs::read_to_string(folder.join("ai-toets-besluit.json.mdto.xml")).expect("meta");
    let json = std::fs::read(folder.join("ai-toets-besluit.json")).expect("json");
    let meta = json_meta
        .replace("/ai-toets-besluit.json</identificatieKenmerk>", "/toetsingskader.toml</identificatieKenmerk>")
        .replace("<naam>ai-toets-besluit.json</naam>", "<naam>toetsingskader.toml</naam>")
        .replace(&format!("<omvang>{}</omvang>", json.len()), &format!("<omvang>{}</omvang>", forged.len()))
        .replace("JSON Data Interchange Format", "Plain Text File")
        .replace("<begripCode>fmt/817</begripCode>", "<begripCode>x-fmt/111</begripCode>")
        .replace(&sha256_hex(&json), &sha256_hex(forged.as_bytes()));
    std::fs::write(folder.join("toetsingskader.toml.mdto.xml"), meta).expect("meta");
    recompute_manifests(&m.bag);
    must_be_found(&m.bag, &m.published(), "a framework file with a forger's comment beside a shipped framework");
}

// ---------------------------------------------------------------------------------------------
// bag-info.txt.

fn edit_bag_info(bag: &Path, edit: impl FnOnce(String) -> String) {
    let path = bag.join("bag-info.txt");
    let text = std::fs::read_to_string(&path).expect("info");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "no edit");
    std::fs::write(&path, edited).expect("info");
    retag(bag);
}

/// `text` with the line that starts with `key` replaced by `line`.
fn with_line(text: &str, key: &str, line: &str) -> String {
    text.lines().map(|l| if l.starts_with(key) { line } else { l }).map(|l| format!("{l}\n")).collect()
}

/// `bag-info.txt` says what the e-Depot reads first (who to contact, when it was bagged, what
/// it holds, its size). Every line is a function of `overdracht.json` and the payload, like
/// every MDTO file, so the check writes it again whole (it once compared two lines only).
#[test]
fn bag_info_lines_the_check_does_not_write_again_are_found() {
    let m = made();
    let published = m.published();
    let edits: Vec<(&str, TextEdit)> = vec![
        ("Contact-Name", Box::new(|t| with_line(&t, "Contact-Name:", "Contact-Name: Iemand Anders"))),
        ("Bagging-Date", Box::new(|t| with_line(&t, "Bagging-Date:", "Bagging-Date: 2019-01-01"))),
        (
            "External-Description",
            Box::new(|t| {
                with_line(
                    &t,
                    "External-Description:",
                    "External-Description: Besluiten van de ethische commissie AI, 2019",
                )
            }),
        ),
        (
            "Payload-Oxum removed",
            Box::new(|t| t.lines().filter(|l| !l.starts_with("Payload-Oxum")).map(|l| format!("{l}\n")).collect()),
        ),
        ("an extra key", Box::new(|t| format!("{t}Internal-Sender-Description: ingetrokken besluiten\n"))),
    ];
    for (i, (what, edit)) in edits.iter().enumerate() {
        let bag = copy_of(&m, &format!("info-{i}"));
        edit_bag_info(&bag, edit);
        must_be_found(&bag, &published, &format!("bag-info.txt: {what}"));
    }
}

/// RFC 8493 §2.2.2: a line that starts with whitespace continues the value before it, and a
/// label may repeat. The check takes the first `Source-Organization` and drops lines without a
/// colon, so what an RFC reader (the e-Depot) takes as the archiefvormer differs from what was
/// compared.
#[test]
fn a_continued_or_repeated_source_organization_is_found() {
    let m = made();
    let published = m.published();
    let continued = copy_of(&m, "vervolg");
    edit_bag_info(&continued, |t| {
        t.lines()
            .flat_map(|l| {
                if l.starts_with("Source-Organization:") {
                    vec![l.to_string(), "  namens Gemeente Elders".to_string()]
                } else {
                    vec![l.to_string()]
                }
            })
            .map(|l| l + "\n")
            .collect()
    });
    must_be_found(&continued, &published, "a continuation line on Source-Organization");
    let repeated = copy_of(&m, "herhaald");
    edit_bag_info(&repeated, |t| format!("{t}Source-Organization: Gemeente Elders\n"));
    must_be_found(&repeated, &published, "a second Source-Organization");
}

// ---------------------------------------------------------------------------------------------
// Names and moments.

/// The folders named by the same UUIDs in upper case: the folder must be the record's id as
/// AI-toets writes it.
#[test]
fn an_upper_case_decision_or_dossier_folder_is_found() {
    let m = made();
    let published = m.published();
    holds(&m.bag, &published);
    let bag = copy_of(&m, "hoofdletters");
    let folder = decision_folders(&bag).remove(0);
    let upper = folder.with_file_name(folder.file_name().expect("name").to_string_lossy().to_uppercase());
    std::fs::rename(&folder, &upper).expect("rename");
    recompute_manifests(&bag);
    must_be_found(&bag, &published, "an upper-case decision folder");
    let bag = copy_of(&m, "hoofdletters-dossier");
    let dossier = decision_folders(&bag).remove(0).parent().expect("dossier").to_path_buf();
    let upper = dossier.with_file_name(dossier.file_name().expect("name").to_string_lossy().to_uppercase());
    std::fs::rename(&dossier, &upper).expect("rename");
    recompute_manifests(&bag);
    must_be_found(&bag, &published, "an upper-case dossier folder");
}

/// A package made at a moment with nanoseconds and a non-UTC offset (`made_at` in
/// `overdracht.json`) is written again the same: the round trip through RFC 3339 keeps it.
#[test]
fn a_package_made_at_a_moment_with_nanoseconds_and_an_offset_verifies() {
    let mut m = made();
    let entries = entries_of(&mut m);
    let roster = std::fs::read(m.bag.join("data/ledenlijst.json")).expect("roster");
    let settings = settings();
    let request = Request {
        period: Period::new(year()).expect("period"),
        municipality: "Gemeente Overbetuwe",
        settings: &settings,
        official: "A. de Archivaris",
        roster: Some(&roster),
        now: time::macros::datetime!(2026-12-31 23:59:59.123456789 -05:00),
    };
    let bag = m.out.path().join("nanoseconden");
    package::build(&entries, &request, &bag, &mut |_| {}).expect("build");
    let record = std::fs::read_to_string(bag.join("data/overdracht.json")).expect("record");
    assert!(record.contains("23:59:59.123456789-05:00"), "{record}");
    // The MDTO moments are in UTC (the next day, the next year).
    assert!(files(&bag).iter().any(|f| f.ends_with("besluit.pdf.mdto.xml")));
    holds(&bag, &m.published());
}
