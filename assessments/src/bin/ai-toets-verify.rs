//! `ai-toets-verify [--roster <ledenlijst.json>] <besluit.pdf>`: checks an archival AI-toets
//! PDF on its own, offline, as an archivist who was handed it by someone else.
//! `ai-toets-verify --database <ai-toets.sqlite3>`: runs the app's check on open on a copy of a
//! database file, headless: exit 0 when everything verifies, 1 naming what does not, 2 when the
//! file cannot be read as an AI-toets database.
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
}

enum Parsed {
    Run(Args),
    Database(PathBuf),
    Help,
}

fn usage(problem: &str) -> String {
    format!("{problem}\nGebruik / usage: ai-toets-verify [--roster <ledenlijst.json>] <besluit.pdf>  (--help)")
}

fn parse(args: impl Iterator<Item = std::ffi::OsString>) -> Result<Parsed, String> {
    let mut pdf = None;
    let mut roster = None;
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
    let pdf = pdf.ok_or_else(|| usage("geen PDF gegeven / no PDF given"))?;
    Ok(Parsed::Run(Args { pdf, roster }))
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
    let mut verification = match verify::verify_pdf(&bytes) {
        Ok(v) => v,
        Err(e) => return refuse(&e),
    };

    // Step 5: who holds the keys, from the committee's published roster.
    if let Some(roster) = &args.roster {
        let confirmed = read_bounded(roster, MAX_ROSTER_BYTES, roster_too_large)
            .and_then(|roster| verify::confirm_signers(&mut verification, &roster));
        if let Err(e) = confirmed {
            return refuse(&e);
        }
    }

    println!("Bestand / file: {}", shown(&args.pdf.display().to_string()));
    print!("{}", verify::report_text(&verification));
    ExitCode::from(verification.verdict().exit_code())
}
