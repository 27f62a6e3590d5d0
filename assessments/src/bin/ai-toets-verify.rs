//! `ai-toets-verify [--roster <ledenlijst.json>] <besluit.pdf>`: checks an archival AI-toets
//! PDF on its own, offline, as an archivist who was handed it by someone else.
//! `ai-toets-verify --database <ai-toets.sqlite3>`: runs the app's check on open on a copy of a
//! database file, headless: exit 0 when everything verifies, 1 naming what does not, 2 when the
//! file cannot be read as an AI-toets database.
//! `ai-toets-verify --bag <map> [--roster <ledenlijst.json>]`: checks a transfer package (a
//! BagIt folder): every checksum, every decision with the files beside it, every validation
//! record and every MDTO file.
//! `ai-toets-verify --report <map> --official <naam> [--roster …] <besluit.pdf>`: checks the PDF
//! (a working copy, or a transfer copy with its record beside it) and writes the validation
//! record of Archiefregeling 2009 art. 24(c) into the folder, as JSON, XML and PDF/A.
//!
//! It reads the signed record attached to the PDF strictly, checks the content hash and every
//! signature, draws the PDF again from the record and compares it with the file byte for byte
//! (so the visible pages say what was signed), and prints what was decided and who signed.
//! Whether a key belonged to the member named is not in the PDF: that takes the committee's
//! published roster (`--roster`).
//!
//! Exit codes:
//! - 0: everything holds and the signers are confirmed against the roster given with
//!   `--roster`. Never without a roster.
//! - 1: something does not hold (content hash, a signature, a missing signature, the same
//!   member or key twice, the pages differ from the signed record, the framework in the PDF is
//!   not the record's, the roster does not confirm a signer).
//! - 2: not a readable AI-toets decision (no record, damaged or altered JSON, duplicate keys,
//!   unknown fields, unknown format), bad usage, or a file too large.
//! - 3: everything that can be checked holds, but the signers are not confirmed (no
//!   `--roster`): compare the fingerprints printed with the published roster. Also when the
//!   framework was taken from the PDF itself (a municipality's revision).
//! - 4: the record and its signatures hold, but the PDF was made by another version of the
//!   renderer, so its pages were not compared: use `ai-toets-verify` of that version.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use assessments::pdf::reader::MAX_PDF_BYTES;
use assessments::pdf::validation::ValidationRecord;
use assessments::pdf::verify::{self, shown};

const HELP: &str = "\
Gebruik / usage: ai-toets-verify [--roster <ledenlijst.json>] <besluit.pdf>

Controleert een archief-PDF van AI-toets op zichzelf, offline: het ondertekende besluit erin,
de inhoudshash, elke handtekening, en of de zichtbare pagina's precies dat besluit tonen.
Checks an AI-toets archival PDF on its own, offline: the signed decision inside it, the content
hash, every signature, and whether the visible pages show exactly that decision.

  --roster <bestand>  de gepubliceerde ledenlijst van de commissie (ledenlijst.json), om de
                      ondertekenaars te bevestigen / the committee's published roster, to
                      confirm the signers
  --bag <map>         controleert een overdrachtspakket (BagIt-map): elke checksum, elk besluit,
                      elk validatierapport en elk MDTO-bestand / checks a transfer package
  --report <map>      schrijft het validatierapport (art. 24c Archiefregeling) van de PDF in de
                      map, als JSON, XML en PDF / writes the validation record into the folder
  --official <naam>   de verantwoordelijke ambtenaar, bij --report / the responsible official
  --database <bestand>  controleert een databasebestand zoals de app bij het openen doet (op
                      een kopie) / checks a database file as the app does on open (on a copy):
                      0 alles klopt / all holds, 1 iets klopt niet / something does not
  -h, --help          deze tekst / this text

Afsluitcodes / exit codes:
  0  alles klopt en de ondertekenaars zijn bevestigd met --roster (nooit zonder ledenlijst)
     everything holds and the signers are confirmed with --roster (never without a roster)
  1  iets klopt niet (hash, handtekening, pagina's, ledenlijst)
     something does not hold (hash, signature, pages, roster)
  2  geen leesbaar besluit van AI-toets, verkeerd gebruik, of een te groot bestand
     not a readable AI-toets decision, bad usage, or a file too large
  3  handtekeningen kloppen onderling, ondertekenaars niet bevestigd (geen --roster):
     vergelijk de vingerafdrukken met de gepubliceerde ledenlijst
     signatures are consistent, signers not confirmed (no --roster): compare the
     fingerprints with the published roster
  4  besluit en handtekeningen kloppen, maar de PDF komt van een andere versie: de pagina's
     zijn niet vergeleken / decision and signatures hold, but the PDF comes from another
     version: the pages were not compared
";

/// The largest roster file read.
const MAX_ROSTER_BYTES: usize = 5 * 1024 * 1024;

struct Args {
    pdf: PathBuf,
    roster: Option<PathBuf>,
    /// `--report <folder>` with `--official <name>`.
    report: Option<(PathBuf, String)>,
}

enum Parsed {
    Run(Args),
    Bag(PathBuf, Option<PathBuf>),
    Database(PathBuf),
    Help,
}

fn usage(problem: &str) -> String {
    format!("{problem}\nGebruik / usage: ai-toets-verify [--roster <ledenlijst.json>] <besluit.pdf>  (--help)")
}

/// The value of `--name value` or `--name=value`.
fn value_of(
    text: &str,
    name: &str,
    args: &mut impl Iterator<Item = std::ffi::OsString>,
) -> Result<Option<std::ffi::OsString>, String> {
    if text == name {
        return args
            .next()
            .map(Some)
            .ok_or_else(|| usage(&format!("{name} heeft een waarde nodig / {name} needs a value")));
    }
    Ok(text.strip_prefix(&format!("{name}=")).map(std::ffi::OsString::from))
}

fn parse(args: impl Iterator<Item = std::ffi::OsString>) -> Result<Parsed, String> {
    let mut pdf = None;
    let mut roster = None;
    let mut bag = None;
    let mut report = None;
    let mut official = None;
    let mut options = true;
    let mut args = args;
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if options && (text == "-h" || text == "--help") {
            return Ok(Parsed::Help);
        }
        if options && text == "--" {
            options = false;
            continue;
        }
        if options && text == "--database" {
            let file =
                args.next().ok_or_else(|| usage("--database heeft een bestand nodig / --database needs a file"))?;
            if args.next().is_some() {
                return Err(usage("--database gaat alleen / --database goes alone"));
            }
            return Ok(Parsed::Database(PathBuf::from(file)));
        }
        if options {
            let text = text.to_string();
            if let Some(v) = value_of(&text, "--bag", &mut args)? {
                if bag.replace(PathBuf::from(v)).is_some() {
                    return Err(usage("--bag staat er twee keer / --bag is given twice"));
                }
                continue;
            }
            if let Some(v) = value_of(&text, "--report", &mut args)? {
                if report.replace(PathBuf::from(v)).is_some() {
                    return Err(usage("--report staat er twee keer / --report is given twice"));
                }
                continue;
            }
            if let Some(v) = value_of(&text, "--official", &mut args)? {
                if official.replace(v.to_string_lossy().trim().to_string()).is_some() {
                    return Err(usage("--official staat er twee keer / --official is given twice"));
                }
                continue;
            }
        }
        if options && (text == "--roster" || text.starts_with("--roster=")) {
            let value = match text.strip_prefix("--roster=") {
                Some(v) => std::ffi::OsString::from(v),
                None => args.next().ok_or_else(|| usage("--roster heeft een bestand nodig / --roster needs a file"))?,
            };
            if roster.replace(PathBuf::from(value)).is_some() {
                return Err(usage("--roster staat er twee keer / --roster is given twice"));
            }
            continue;
        }
        if options && text.starts_with('-') && text.len() > 1 {
            return Err(usage(&format!("onbekende optie / unknown option: {}", shown(&text))));
        }
        if pdf.replace(PathBuf::from(arg)).is_some() {
            return Err(usage("geef één PDF / give one PDF"));
        }
    }
    if let Some(bag) = bag {
        if pdf.is_some() || report.is_some() || official.is_some() {
            return Err(usage("--bag gaat alleen met --roster / --bag goes with --roster only"));
        }
        return Ok(Parsed::Bag(bag, roster));
    }
    let pdf = pdf.ok_or_else(|| usage("geen PDF gegeven / no PDF given"))?;
    let report = match (report, official) {
        (Some(folder), Some(name)) if !name.is_empty() => Some((folder, name)),
        (Some(_), _) => {
            return Err(usage(
                "--report vraagt --official met de naam van de verantwoordelijke ambtenaar / --report needs --official with the responsible official's name",
            ))
        }
        (None, Some(_)) => return Err(usage("--official hoort bij --report / --official goes with --report")),
        (None, None) => None,
    };
    Ok(Parsed::Run(Args { pdf, roster, report }))
}

/// Reads at most `max` bytes of `path`: refuses a larger file by its size before reading it,
/// and stops reading after `max` bytes whatever the size said (a device, a growing file).
fn read_bounded(
    path: &Path,
    max: usize,
    too_large: fn(u64) -> assessments::Error,
) -> Result<Vec<u8>, assessments::Error> {
    let shown_path = shown(&path.display().to_string());
    let cannot = |e: std::io::Error| {
        assessments::Error::BadFile(assessments::Message::new(
            format!("Kan {shown_path} niet lezen: {e}"),
            format!("Cannot read {shown_path}: {e}"),
        ))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > max as u64 {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).min(max));
    file.take(max as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn roster_too_large(size: u64) -> assessments::Error {
    assessments::Error::BadFile(assessments::Message::new(
        format!("De ledenlijst is te groot ({size} bytes); ze is niet gelezen."),
        format!("The roster is too large ({size} bytes); it was not read."),
    ))
}

fn refuse(e: &assessments::Error) -> ExitCode {
    let m = e.message();
    eprintln!("{}\n{}", m.nl, m.en);
    eprintln!("Uitslag / result: GEEN LEESBAAR BESLUIT / NOT A READABLE DECISION");
    ExitCode::from(2)
}

/// `--database`: the check on open, headless, naming whatever does not verify.
fn check_database(path: &Path) -> ExitCode {
    if !path.is_file() {
        eprintln!("Kan {} niet lezen / cannot read it", shown(&path.display().to_string()));
        return ExitCode::from(2);
    }
    let report = match assessments::Assessments::check_file(path) {
        Ok(report) => report,
        Err(e) => {
            let m = e.message();
            eprintln!("{}\n{}", m.nl, m.en);
            return ExitCode::from(2);
        }
    };
    println!("Database: {}", shown(&path.display().to_string()));
    println!("Logboek / audit trail: {} regels / entries", report.entries);
    if let Some(seq) = report.broken_at {
        println!("  KLOPT NIET vanaf regel {seq} / DOES NOT HOLD from entry {seq}");
    }
    let lists = [
        ("Buiten AI-toets om gewijzigd / changed outside AI-toets", &report.changed_outside),
        ("Handtekening klopt niet / signature does not verify", &report.invalid_signatures),
        ("Ledenlijst / roster", &report.roster_problems),
        ("Database-beveiliging / database safeguards", &report.schema_problems),
    ];
    for (title, items) in lists {
        for item in items {
            println!("{title}: {}", shown(item));
        }
    }
    println!("Nog niet bevestigd / not yet confirmed: {} regels / entries", report.unconfirmed);
    if report.intact {
        println!("Uitslag / result: ALLES KLOPT / ALL VERIFIES");
        ExitCode::SUCCESS
    } else {
        println!("Uitslag / result: NIET ALLES KLOPT / NOT EVERYTHING VERIFIES");
        ExitCode::from(1)
    }
}

fn main() -> ExitCode {
    let args = match parse(std::env::args_os().skip(1)) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Ok(Parsed::Database(path)) => return check_database(&path),
        Ok(Parsed::Bag(folder, roster)) => return check_bag(&folder, roster.as_deref()),
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };

    // Steps 1–4: read the PDF (bounded), the record (strictly), the hash and signatures, the
    // pages against the record.
    let bytes = match read_bounded(&args.pdf, MAX_PDF_BYTES, assessments::pdf::reader::too_large) {
        Ok(bytes) => bytes,
        Err(e) => return refuse(&e),
    };
    let mut verification = match verify_file(&args.pdf, &bytes) {
        Ok(v) => v,
        Err(e) => return refuse(&e),
    };

    // Step 5: who holds the keys, from the committee's published roster.
    let mut roster_bytes = None;
    if let Some(roster) = &args.roster {
        let confirmed = read_bounded(roster, MAX_ROSTER_BYTES, roster_too_large).and_then(|roster| {
            verify::confirm_signers(&mut verification, &roster)?;
            Ok(roster)
        });
        match confirmed {
            Ok(bytes) => roster_bytes = Some(bytes),
            Err(e) => return refuse(&e),
        }
    }

    println!("Bestand / file: {}", shown(&args.pdf.display().to_string()));
    print!("{}", verify::report_text(&verification));
    if let Some((folder, official)) = &args.report {
        let name = args.pdf.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let record = ValidationRecord::of(
            &verification,
            (&name, &bytes),
            roster_bytes.as_deref(),
            official,
            time::OffsetDateTime::now_utc(),
        );
        match write_record(folder, &record) {
            Ok(written) => {
                println!();
                println!("Validatierapport (art. 24c Archiefregeling) / validation record:");
                for path in written {
                    println!("  {}", shown(&path.display().to_string()));
                }
            }
            Err(e) => return refuse(&e),
        }
    }
    ExitCode::from(verification.verdict().exit_code())
}

/// A working copy (PDF/A-3b, the record inside), or a transfer copy (PDF/A-2b) whose record,
/// framework and attachments lie beside it in its folder.
fn verify_file(path: &Path, bytes: &[u8]) -> Result<verify::Verification, assessments::Error> {
    let opened = assessments::pdf::reader::open(bytes)?;
    if opened.attachment(assessments::pdf::RECORD_ATTACHMENT).is_some() {
        return verify::verify_pdf(bytes);
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let record = folder.join(assessments::pdf::RECORD_ATTACHMENT);
    if !record.is_file() {
        return verify::verify_pdf(bytes);
    }
    let mut beside = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(|e| assessments::Error::Internal(e.to_string()))?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let ours = name == assessments::pdf::RECORD_ATTACHMENT || name == assessments::pdf::FRAMEWORK_ATTACHMENT;
        if ours || (name.starts_with("bijlage-") && !name.ends_with(".mdto.xml")) {
            beside.push((name, read_bounded(&entry.path(), MAX_PDF_BYTES, assessments::pdf::reader::too_large)?));
        }
    }
    verify::verify_transfer(bytes, beside)
}

/// Writes the validation record as JSON, XML and PDF/A into `folder` (made if missing); never
/// over an existing record.
fn write_record(folder: &Path, record: &ValidationRecord) -> Result<Vec<PathBuf>, assessments::Error> {
    use assessments::pdf::validation::{VALIDATION_JSON, VALIDATION_PDF, VALIDATION_XML};
    std::fs::create_dir_all(folder).map_err(|e| assessments::Error::Internal(e.to_string()))?;
    let files = [
        (VALIDATION_JSON, record.to_json()?.into_bytes()),
        (VALIDATION_XML, record.to_xml().into_bytes()),
        (VALIDATION_PDF, record.to_pdf()?),
    ];
    let paths: Vec<PathBuf> = files.iter().map(|(name, _)| folder.join(name)).collect();
    if let Some(existing) = paths.iter().find(|p| p.exists()) {
        let shown_path = shown(&existing.display().to_string());
        return Err(assessments::Error::BadFile(assessments::Message::new(
            format!("{shown_path} bestaat al; kies een andere map. Er is niets geschreven."),
            format!("{shown_path} already exists; choose another folder. Nothing was written."),
        )));
    }
    for ((_, bytes), path) in files.iter().zip(&paths) {
        assessments::base::files::write_atomically(path, bytes)?;
    }
    Ok(paths)
}

/// `--bag`: the transfer package, folder by folder, then the verdict.
fn check_bag(folder: &Path, roster: Option<&Path>) -> ExitCode {
    use assessments::archive::package::{self, RosterSource};
    if !folder.is_dir() {
        eprintln!("Kan de map {} niet lezen / cannot read the folder", shown(&folder.display().to_string()));
        return ExitCode::from(2);
    }
    let given = match roster.map(|r| read_bounded(r, MAX_ROSTER_BYTES, roster_too_large)).transpose() {
        Ok(bytes) => bytes,
        Err(e) => return refuse(&e),
    };
    let report = match package::verify(folder, given.as_deref(), &mut |_| {}) {
        Ok(report) => report,
        Err(e) => return refuse(&e),
    };
    println!("Overdrachtspakket / transfer package: {}", shown(&folder.display().to_string()));
    println!("Bestanden / files: {} · besluiten / decisions: {}", report.files, report.decisions.len());
    for d in &report.decisions {
        println!();
        println!("{} — {}", shown(&d.folder), shown(&d.title));
        if d.verdict == verify::Verdict::Valid && report.roster_source != RosterSource::Given {
            println!(
                "  Uitslag / result: klopt, ondertekenaars bevestigd door de ledenlijst uit het pakket \
                 / holds, signers confirmed by the package's own roster"
            );
        } else {
            println!("  Uitslag / result: {}", verdict_text(d.verdict));
        }
        if let Some(v) = &d.validation {
            println!(
                "  Validatierapport (niet ondertekend) / validation record (not signed): {} op / on {} door / by {}",
                v.outcome.label_nl(),
                assessments::base::dates::date_time_nl(v.validated_at),
                shown(&v.official)
            );
            for s in &v.signatures {
                println!("    {} ({}) — {}", shown(&s.member), s.role.label_nl().to_lowercase(), shown(&s.fingerprint));
            }
        }
        for p in &d.problems {
            println!("  - {} / {}", shown(&p.nl), shown(&p.en));
        }
    }
    for p in &report.bag {
        println!("Pakket / package: {} / {}", shown(&p.nl), shown(&p.en));
    }
    if let Some(agent) = &report.other_version {
        println!(
            "Gemaakt door / made by \"{}\": de validatierapporten en MDTO-bestanden zijn niet opnieuw geschreven om te \
             vergelijken; gebruik ai-toets-verify van die versie / the validation records and MDTO files were not \
             written again to compare; use ai-toets-verify of that version",
            shown(agent)
        );
    }
    println!();
    match (&report.roster, report.roster_source) {
        (Some((founding, head, count)), source) => {
            let from = match source {
                RosterSource::Given => "gegeven met --roster / given with --roster",
                _ => "uit het pakket zelf / from the package itself",
            };
            println!("Ledenlijst / roster ({from}): oprichting / founding {founding}");
            println!("  laatste van {count} gebeurtenissen / last of {count} events: {head}");
            if source == RosterSource::Package {
                println!(
                    "  Vergelijk met de gepubliceerde ledenlijst, of geef die met --roster \
                     / compare with the published roster, or give it with --roster"
                );
            }
        }
        (None, _) => {
            println!("Ledenlijst / roster: geen / none: ondertekenaars niet bevestigd / signers not confirmed")
        }
    }
    let verdict = report.verdict();
    println!("Uitslag / result: {}", verdict_text(verdict));
    ExitCode::from(verdict.exit_code())
}

fn verdict_text(v: verify::Verdict) -> &'static str {
    match v {
        verify::Verdict::Valid => "ALLES KLOPT / ALL VERIFIES",
        verify::Verdict::Invalid => "NIET ALLES KLOPT / NOT EVERYTHING VERIFIES",
        verify::Verdict::Unconfirmed => {
            "alles klopt, ondertekenaars niet bevestigd met de gepubliceerde ledenlijst / all holds, signers not confirmed with the published roster"
        }
        verify::Verdict::PagesNotCompared => "NIET VOLLEDIG GECONTROLEERD / NOT FULLY CHECKED",
    }
}
