//! Files that cross from one machine to another: a proposal the project lead sends to the
//! committee secretary, an existing Algoritmeregister entry to start a proposal from, and a
//! draft register entry for an approved pilot. Whatever comes in is checked whole before any of
//! it is used; text that comes in is data (HTML is turned into plain text), never markup (an
//! invariant, ARCHITECTURE.md).
//!
//! Reading a file needs no database: the shell reads and checks it before it takes the store,
//! so a slow or hostile file never holds up the app's other commands.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use crate::base::error::{Error, Message, Result};
use crate::pilot::Proposal;
use crate::views::PilotView;
use crate::wizard::{Instrument, RegisterCategory, WizardAnswer};

/// Names the proposal file format; `PROPOSAL_FILE_VERSION` its version (docs/proposal-file.md).
pub const PROPOSAL_FILE_FORMAT: &str = "ai-toets/proposal";
pub const PROPOSAL_FILE_VERSION: u32 = 1;
/// The largest file we read. A real proposal is a few tens of kilobytes.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// The most keys one JSON object in a file may have: a register entry has about 40, a
/// proposal's answers one per question of the framework (at most its number of questions).
pub const MAX_KEYS: usize = crate::framework::MAX_QUESTIONS;
/// The most items one JSON list in a file may have.
pub const MAX_ITEMS: usize = 1_000;
/// The most entries one register file may hold (vendors' templates hold 2–7).
pub const MAX_ENTRIES: usize = 100;
/// How deep HTML in a register field may nest (real entries: under 10). Deeper HTML is
/// refused before it is parsed: the HTML parser's time grows with the depth.
pub const MAX_HTML_DEPTH: usize = 40;
/// How deep serde_json lets a file nest before it stops (its recursion limit).
const JSON_DEPTH: usize = 128;

const NOTHING_NL: &str = "Er is niets geïmporteerd.";
const NOTHING_EN: &str = "Nothing was imported.";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ProposalFile {
    format: String,
    version: u32,
    #[serde(with = "time::serde::rfc3339")]
    exported_at: OffsetDateTime,
    proposal: Proposal,
}

/// Names the monitoring-report file format (`docs/monitoring-report-file.md`).
pub const MONITORING_FILE_FORMAT: &str = "ai-toets/monitoring-report";
pub const MONITORING_FILE_VERSION: u32 = 1;

/// A monitoring report as a file: the committee's secretary saves the form for a pilot, the
/// project lead fills it in (in her own AI-toets) and sends it back, the secretary reads it in.
/// It names the pilot and the signed decision it reports on, so it cannot land elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MonitoringReportFile {
    pub format: String,
    pub version: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub exported_at: OffsetDateTime,
    pub pilot_id: uuid::Uuid,
    /// The content hash of the signed decision the report is about.
    pub decision_hash: String,
    /// The pilot's name, for the project lead to recognise it.
    pub pilot_title: String,
    /// The questionnaire's version, the answers so far, who reports.
    pub report: crate::followup::monitoring::MonitoringReportInput,
}

/// A report file as the screen fills it in: the file and the questionnaire it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MonitoringForm {
    pub file: MonitoringReportFile,
    pub questionnaire: crate::followup::monitoring::Questionnaire,
}

/// The blank form for a report on `pilot`'s signed decision `decision_hash`.
pub fn monitoring_form(pilot: &crate::pilot::Pilot, decision_hash: &str, now: OffsetDateTime) -> MonitoringReportFile {
    MonitoringReportFile {
        format: MONITORING_FILE_FORMAT.into(),
        version: MONITORING_FILE_VERSION,
        exported_at: now,
        pilot_id: pilot.id,
        decision_hash: decision_hash.into(),
        pilot_title: pilot.proposal.title.clone(),
        report: crate::followup::monitoring::MonitoringReportInput {
            questionnaire: crate::followup::monitoring::QUESTIONNAIRE_VERSION.into(),
            answers: std::collections::BTreeMap::new(),
            by: String::new(),
        },
    }
}

/// The file's text (after checking it as [`read_monitoring_file`] would read it back).
pub fn monitoring_file_text(file: &MonitoringReportFile) -> Result<String> {
    let text = serde_json::to_string_pretty(file).map_err(|e| Error::Internal(e.to_string()))?;
    read_monitoring_file(text.as_bytes())?;
    Ok(text)
}

/// Reads a monitoring-report file whole: the same limits as the proposal file (size, UTF-8,
/// JSON, nesting, NUL, keys), its format and version, no unknown field, the questionnaire's
/// questions only, the text limits. Whether it is complete is checked when it is handed in.
pub fn read_monitoring_file(bytes: &[u8]) -> Result<MonitoringReportFile> {
    let text = read_text(bytes)?;
    let value = parse_json(text, "rapportagebestand", "report file")?;
    check_structure(&value, "")?;
    if value.get("format").and_then(Value::as_str) != Some(MONITORING_FILE_FORMAT) {
        return Err(bad_file(
            "Dit is geen monitoringsrapportage van AI-toets.",
            "This is not an AI-toets monitoring report file.",
        ));
    }
    if value.get("version").and_then(Value::as_u64) != Some(u64::from(MONITORING_FILE_VERSION)) {
        return Err(bad_file(
            format!("Deze AI-toets leest rapportagebestanden van versie {MONITORING_FILE_VERSION}."),
            format!("This AI-toets reads report files of version {MONITORING_FILE_VERSION}."),
        ));
    }
    let file: MonitoringReportFile = typed(value, ("Het rapportagebestand", "The report file"))?;
    let questionnaire = crate::followup::monitoring::Questionnaire::current();
    let mut problems: Vec<(String, String)> = Vec::new();
    if let Some(unknown) =
        file.report.answers.keys().find(|k| !questionnaire.questions.iter().any(|q| q.id == k.as_str()))
    {
        problems.push((
            format!("report.answers.{}: onbekende vraag", shown_key(unknown)),
            format!("report.answers.{}: unknown question", shown_key(unknown)),
        ));
    }
    let too_long = |t: &str, max: usize| t.chars().count() > max;
    if file.report.answers.values().any(|a| too_long(&a.text, crate::base::text::MAX_TEXT)) {
        problems
            .push(("report.answers: een antwoord is te lang".into(), "report.answers: an answer is too long".into()));
    }
    if too_long(&file.report.by, crate::base::text::MAX_LINE)
        || too_long(&file.pilot_title, crate::base::text::MAX_LINE)
    {
        problems.push(("report.by of pilotTitle: te lang".into(), "report.by or pilotTitle: too long".into()));
    }
    if file.report.questionnaire.chars().count() > 20 {
        problems.push(("report.questionnaire: te lang".into(), "report.questionnaire: too long".into()));
    }
    if file.decision_hash.len() != 64
        || !file.decision_hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        problems.push(("decisionHash: geen SHA-256".into(), "decisionHash: not a SHA-256".into()));
    }
    if !problems.is_empty() {
        let (nl, en): (Vec<String>, Vec<String>) = problems.into_iter().unzip();
        return Err(bad_file(
            format!("Het rapportagebestand klopt niet. {}.", nl.join("; ")),
            format!("The report file is invalid. {}.", en.join("; ")),
        ));
    }
    Ok(file)
}

/// A checked file's JSON as its type; a field that does not fit is named by its path
/// (`proposal.details.contact`) in an error about `what` (Dutch, English).
fn typed<T: serde::de::DeserializeOwned>(value: Value, (what_nl, what_en): (&str, &str)) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let whole = path.is_empty() || path == "." || path.contains('?');
        let (place_nl, place_en) =
            if whole { ("het bestand".to_string(), "the file".to_string()) } else { (path.clone(), path) };
        bad_file(
            format!("{what_nl} klopt niet bij '{place_nl}': {}.", e.inner()),
            format!("{what_en} is invalid at '{place_en}': {}.", e.inner()),
        )
    })
}

/// An error about a file to import; both sentences end with "nothing was imported".
fn bad_file(nl: impl Into<String>, en: impl Into<String>) -> Error {
    Error::BadFile(Message::new(format!("{} {NOTHING_NL}", nl.into()), format!("{} {NOTHING_EN}", en.into())))
}

fn read_text(bytes: &[u8]) -> Result<&str> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(bad_file(
            format!("Het bestand is te groot ({} kB; hooguit {} kB).", bytes.len() / 1024, MAX_FILE_BYTES / 1024),
            format!("The file is too large ({} kB; at most {} kB).", bytes.len() / 1024, MAX_FILE_BYTES / 1024),
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| bad_file("Dit is geen tekstbestand (geen UTF-8).", "This is not a UTF-8 text file."))?;
    if text.contains('\0') {
        return Err(bad_file(
            "Het bestand bevat een ongeldig teken (NUL).",
            "The file contains an invalid character (NUL).",
        ));
    }
    Ok(text)
}

/// Parses JSON, saying what is wrong: cut off, nested too deeply, or not JSON at all.
fn parse_json(text: &str, what_nl: &str, what_en: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            bad_file("Het bestand is afgebroken: het einde ontbreekt.", "The file is cut off: its end is missing.")
        } else if e.to_string().starts_with("recursion limit exceeded") {
            bad_file(
                format!(
                    "Het bestand is te diep genest: meer dan {JSON_DEPTH} lagen (regel {}, kolom {}).",
                    e.line(),
                    e.column()
                ),
                format!(
                    "The file is nested too deeply: over {JSON_DEPTH} levels (line {}, column {}).",
                    e.line(),
                    e.column()
                ),
            )
        } else {
            bad_file(
                format!("Dit is geen geldig {what_nl} (geen JSON; fout op regel {}, kolom {}).", e.line(), e.column()),
                format!("This is not a valid {what_en} (not JSON; error at line {}, column {}).", e.line(), e.column()),
            )
        }
    })
}

/// A key as it may be shown in a message: control and direction characters replaced, short.
/// A name from a file as messages show it: at most 60 characters, control and direction
/// characters replaced.
pub fn shown_key(key: &str) -> String {
    let mut s: String = key
        .chars()
        .take(60)
        .map(|c| if c.is_control() || ('\u{200b}'..='\u{206f}').contains(&c) || c == '\u{feff}' { '�' } else { c })
        .collect();
    if key.chars().count() > 60 {
        s.push('…');
    }
    s
}

fn join_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        shown_key(key)
    } else {
        format!("{path}.{}", shown_key(key))
    }
}

/// Checks what a parsed file holds, everywhere: no NUL (also not written as `\u0000`), no
/// object with more than [`MAX_KEYS`] keys, no list with more than [`MAX_ITEMS`] items. The
/// message names the place (`proposal.details.contact`).
fn check_structure(value: &Value, path: &str) -> Result<()> {
    let place = |path: &str| if path.is_empty() { "het bestand".to_string() } else { format!("'{path}'") };
    let place_en = |path: &str| if path.is_empty() { "the file".to_string() } else { format!("'{path}'") };
    match value {
        Value::String(s) if s.contains('\0') => Err(bad_file(
            format!("Het bestand bevat een ongeldig teken (NUL, ook als \\u0000) bij {}.", place(path)),
            format!("The file contains an invalid character (NUL, also as \\u0000) at {}.", place_en(path)),
        )),
        Value::Array(items) => {
            if items.len() > MAX_ITEMS {
                return Err(bad_file(
                    format!("Bij {} staan te veel onderdelen: {} (hooguit {MAX_ITEMS}).", place(path), items.len()),
                    format!("Too many items at {}: {} (at most {MAX_ITEMS}).", place_en(path), items.len()),
                ));
            }
            items.iter().enumerate().try_for_each(|(i, v)| check_structure(v, &format!("{path}[{i}]")))
        }
        Value::Object(map) => {
            if map.len() > MAX_KEYS {
                return Err(bad_file(
                    format!("Bij {} staan te veel velden: {} (hooguit {MAX_KEYS}).", place(path), map.len()),
                    format!("Too many fields at {}: {} (at most {MAX_KEYS}).", place_en(path), map.len()),
                ));
            }
            for (key, v) in map {
                if key.contains('\0') {
                    return Err(bad_file(
                        format!("Het bestand bevat een ongeldig teken (NUL) in een veldnaam bij {}.", place(path)),
                        format!("The file contains an invalid character (NUL) in a field name at {}.", place_en(path)),
                    ));
                }
                check_structure(v, &join_path(path, key))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The proposal as a file for the committee secretary.
pub fn proposal_file(proposal: &Proposal, now: OffsetDateTime) -> Result<String> {
    let file = ProposalFile {
        format: PROPOSAL_FILE_FORMAT.into(),
        version: PROPOSAL_FILE_VERSION,
        exported_at: now,
        proposal: proposal.clone(),
    };
    serde_json::to_string_pretty(&file).map_err(|e| Error::Internal(e.to_string()))
}

/// Where a field of the proposal is written in the proposal file.
fn proposal_path(field: &str) -> String {
    match field {
        "title" | "projectLead" | "department" | "description" | "purpose" | "dataUsed" | "aiAct"
        | "questionAnswers" | "details" => format!("proposal.{field}"),
        other => format!("proposal.details.{}", shown_key(other)),
    }
}

/// Reads a proposal file. Any problem (not JSON, cut off, nested too deeply, another format or
/// version, unknown or wrong fields, text too long, a NUL, too many keys) is an error naming
/// the place, and then nothing is used. Which questions the answers are for is checked against
/// the framework by the caller ([`crate::Assessments::import_read_proposal`]).
pub fn read_proposal_file(bytes: &[u8]) -> Result<Proposal> {
    let text = read_text(bytes)?;
    let value = parse_json(text, "voorstelbestand", "proposal file")?;
    check_structure(&value, "")?;
    if value.get("format").and_then(Value::as_str) != Some(PROPOSAL_FILE_FORMAT) {
        return Err(bad_file("Dit is geen voorstelbestand van AI-toets.", "This is not an AI-toets proposal file."));
    }
    let version = value.get("version").and_then(Value::as_u64);
    if version != Some(u64::from(PROPOSAL_FILE_VERSION)) {
        return Err(match version {
            Some(v) => bad_file(
                format!("Dit voorstelbestand heeft versie {v}; deze AI-toets leest versie {PROPOSAL_FILE_VERSION}."),
                format!("This proposal file has version {v}; this AI-toets reads version {PROPOSAL_FILE_VERSION}."),
            ),
            None => bad_file(
                "Dit voorstelbestand heeft geen geldige versie ('version').",
                "This proposal file has no valid version ('version').",
            ),
        });
    }
    let file: ProposalFile = typed(value, ("Het voorstelbestand", "The proposal file"))?;
    file.proposal.validate_draft().map_err(|e| match e {
        Error::Invalid(fields) => {
            let (nl, en): (Vec<String>, Vec<String>) = fields
                .iter()
                .map(|f| {
                    let at = proposal_path(&f.field);
                    (format!("{at}: {}", f.message.nl), format!("{at}: {}", f.message.en))
                })
                .unzip();
            bad_file(
                format!("Het voorstelbestand klopt niet. {}", nl.join(" ")),
                format!("The proposal file is invalid. {}", en.join(" ")),
            )
        }
        other => other,
    })?;
    Ok(file.proposal)
}

// ---------------------------------------------------------------------------------------
// Text from register entries.

/// Whether `s` holds HTML: a tag (`<p`, `</`, `<!`) or an entity (`&amp;`, `&#39;`).
fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    let tag = b.windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'));
    tag || s.match_indices('&').any(|(i, _)| {
        let rest = &s[i + 1..];
        let name_len = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '#').count();
        name_len > 0 && name_len <= 10 && rest[name_len..].starts_with(';')
    })
}

/// Elements that never hold others (void) or whose end tag may be left out (`<p>`, `<li>`):
/// they do not count for the nesting depth.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "p",
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "rp", "rt",
];

/// How deep the tags in `html` nest, counted cheaply (one pass over the bytes, no parsing).
pub fn html_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = b[i..].iter().position(|&c| c == b'<') {
        let start = i + offset + 1;
        let closing = b.get(start) == Some(&b'/');
        let name_start = start + usize::from(closing);
        let name_len = b[name_start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        i = name_start + name_len;
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = b[i..].iter().position(|&c| c == b'>').map(|p| i + p);
        let self_closing = end.is_some_and(|e| e > 0 && b[e - 1] == b'/');
        if NOT_NESTING.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Line ends as `\n`, no trailing spaces, no-break spaces as spaces, and runs of blank lines
/// (empty paragraphs) as one paragraph break.
fn tidy(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace(['\r', '\u{a0}'], " ");
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// HTML as plain text: tags gone, entities decoded, paragraphs kept, a link as
/// "text (https://…)". Refused when it nests deeper than [`MAX_HTML_DEPTH`].
fn html_to_text(html: &str) -> std::result::Result<String, usize> {
    use html2text::render::RichAnnotation;
    let depth = html_depth(html);
    if depth > MAX_HTML_DEPTH {
        return Err(depth);
    }
    // Wide enough that no line is ever wrapped: a field is at most the file's size.
    let lines = match html2text::config::rich().lines_from_read(html.as_bytes(), MAX_FILE_BYTES) {
        Ok(lines) => lines,
        Err(_) => return Ok(tidy(html)),
    };
    let mut out = String::new();
    for line in lines {
        let mut link: Option<String> = None;
        let mut link_text = String::new();
        let close = |out: &mut String, link: &mut Option<String>, link_text: &mut String| {
            if let Some(url) = link.take() {
                let url = url.trim();
                if !url.is_empty() && !link_text.contains(url) && !url.starts_with('#') {
                    out.push_str(&format!(" ({url})"));
                }
            }
            link_text.clear();
        };
        for piece in line.tagged_strings() {
            let url = piece.tag.iter().find_map(|a| match a {
                RichAnnotation::Link(url) => Some(url.clone()),
                _ => None,
            });
            if url != link {
                close(&mut out, &mut link, &mut link_text);
                link = url;
            }
            out.push_str(&piece.s);
            if link.is_some() {
                link_text.push_str(&piece.s);
            }
        }
        close(&mut out, &mut link, &mut link_text);
        out.push('\n');
    }
    Ok(tidy(&out))
}

/// Text from a register field as plain text: HTML becomes text (see [`html_to_text`]); plain
/// text keeps its line breaks. Either way runs of blank lines become one paragraph break.
/// `None` when the HTML nests too deeply (with the depth found).
pub fn plain_text(text: &str) -> std::result::Result<String, usize> {
    if looks_like_html(text) {
        html_to_text(text)
    } else {
        Ok(tidy(text))
    }
}

/// `text` cut to at most `max` characters at a word boundary, ending in "…"; `None` when it
/// fits.
fn shorten(text: &str, max: usize) -> Option<String> {
    if text.chars().count() <= max {
        return None;
    }
    let keep: String = text.chars().take(max.saturating_sub(1)).collect();
    // At the last space, unless that throws away more than a fifth of what fits.
    let cut = match keep.rfind(char::is_whitespace) {
        Some(at) if keep[..at].chars().count() >= max * 4 / 5 => &keep[..at],
        _ => keep.as_str(),
    };
    Some(format!("{}…", cut.trim_end()))
}

/// One text field of the proposal, or several lines joined as one.
fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ")
}

// ---------------------------------------------------------------------------------------
// Register entries in.

/// One entry of a register file, to pick from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RegisterChoice {
    /// Its place in the file, from 0.
    pub index: u32,
    /// Its name and short description, as plain text.
    pub name: String,
    pub description: String,
    /// The proposal it starts, and what of the entry is not in it.
    pub import: RegisterImport,
}

/// A register file read: its entries in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RegisterFile {
    pub entries: Vec<RegisterChoice>,
}

/// A proposal started from a register entry, with the import report: every field of the entry
/// with content is in the proposal or in `notes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RegisterImport {
    pub proposal: Proposal,
    pub notes: Vec<ImportNote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum NoteKind {
    /// *Niet overgenomen*: the proposal has no place for it.
    NotImported,
    /// *Ingekort*: it went into `into`, shortened at a word to fit; `text` is the whole text.
    Shortened,
}

/// One line of the import report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportNote {
    pub kind: NoteKind,
    /// The entry's field names it is about (as in the file), e.g. `["status"]`.
    pub fields: Vec<String>,
    /// Their name in the register's words, e.g. "Status".
    pub label: String,
    /// The whole text as read (HTML as plain text, links as "text (https://…)").
    pub text: String,
    /// For a shortened text: the proposal's field it went into ("Doel").
    pub into: Option<String>,
}

/// Where a register field goes in the proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Title,
    Description,
    Purpose,
    DataUsed,
    Detail(&'static str),
}

impl Target {
    /// The proposal field's label and how long it may be.
    fn label_and_max(self) -> (String, usize) {
        match self {
            Target::Title => ("Naam van de pilot".into(), 99),
            Target::Description => ("Omschrijving".into(), 399),
            Target::Purpose => ("Doel".into(), 2499),
            Target::DataUsed => ("Gegevens".into(), 2499),
            Target::Detail(key) => crate::intake::fields()
                .into_iter()
                .find(|f| f.key == key)
                .map(|f| (f.label.nl.clone(), f.max))
                .unwrap_or_else(|| (key.to_string(), 2499)),
        }
    }

    /// A one-line field (an input, not a text area).
    fn is_line(self) -> bool {
        matches!(self, Target::Title | Target::Detail("theme" | "contact" | "supplier"))
    }
}

#[derive(Debug, Clone, Copy)]
enum To {
    /// Not in the proposal: reported.
    Report,
    /// The field's text (the first such field with content; a second one is reported).
    Text(Target),
    /// Added under the text as a line "label: text", e.g. a link to the legal basis.
    Line(Target),
}

/// Every register field we know, in both the publication standard (v1.0.0) and the register's
/// older template (`goal`, `lawful_basis`, …), with its Dutch name and its place. A field not
/// listed is reported under its own name.
const FIELDS: &[(&str, &str, To)] = &[
    ("name", "Naam", To::Text(Target::Title)),
    ("description_short", "Korte omschrijving", To::Text(Target::Description)),
    ("purpose_and_impact", "Doel en impact", To::Text(Target::Purpose)),
    ("goal", "Doel", To::Text(Target::Purpose)),
    ("data", "Gegevens", To::Text(Target::DataUsed)),
    ("source_data", "Gegevens", To::Text(Target::DataUsed)),
    ("data_source_link", "Link naar gegevensbronnen", To::Line(Target::DataUsed)),
    ("data_source_title", "Gegevensbron", To::Line(Target::DataUsed)),
    ("source_data_link", "Link naar gegevensbronnen", To::Line(Target::DataUsed)),
    ("source_data_grouping", "Gegevensbronnen", To::Line(Target::DataUsed)),
    ("processing_register_link", "Link naar verwerkingsregister", To::Line(Target::DataUsed)),
    ("legal_basis", "Wettelijke basis", To::Text(Target::Detail("legalBasis"))),
    ("lawful_basis", "Wettelijke basis", To::Text(Target::Detail("legalBasis"))),
    ("legal_basis_title", "Wettelijke basis", To::Line(Target::Detail("legalBasis"))),
    ("legal_basis_link", "Link naar wettelijke basis", To::Line(Target::Detail("legalBasis"))),
    ("lawful_basis_link", "Link naar wettelijke basis", To::Line(Target::Detail("legalBasis"))),
    ("lawful_basis_grouping", "Wettelijke basis (links)", To::Line(Target::Detail("legalBasis"))),
    ("considerations", "Afwegingen", To::Text(Target::Detail("alternatives"))),
    ("proportionality", "Afwegingen", To::Text(Target::Detail("alternatives"))),
    ("human_intervention", "Menselijke tussenkomst", To::Text(Target::Detail("humanIntervention"))),
    ("risk_management", "Risicobeheer", To::Text(Target::Detail("riskManagement"))),
    ("risks", "Risicobeheer", To::Text(Target::Detail("riskManagement"))),
    ("technical_operation", "Technische werking", To::Text(Target::Detail("technicalOperation"))),
    ("methods_and_models", "Technische werking", To::Text(Target::Detail("technicalOperation"))),
    ("source_code_link", "Link naar broncode", To::Line(Target::Detail("technicalOperation"))),
    ("publiccode", "Publiccode", To::Line(Target::Detail("technicalOperation"))),
    ("supplier", "Leverancier", To::Text(Target::Detail("supplier"))),
    ("provider", "Leverancier", To::Text(Target::Detail("supplier"))),
    ("theme", "Thema", To::Text(Target::Detail("theme"))),
    ("category", "Thema", To::Text(Target::Detail("theme"))),
    // The contact for residents is the entry's contact, never a vendor's website.
    ("contact", "Contactgegevens", To::Text(Target::Detail("contact"))),
    ("contact_email", "Contact (e-mail)", To::Text(Target::Detail("contact"))),
    ("status", "Status", To::Report),
    ("publication_category", "Publicatiecategorie", To::Report),
    ("impact_assessments", "Impacttoetsen", To::Report),
    ("impacttoetsen", "Impacttoetsen", To::Report),
    ("impacttoetsen_grouping", "Impacttoetsen", To::Report),
    ("impact_assessment_link", "Link naar impacttoets", To::Report),
    ("impact_assessment_explanation", "Toelichting op impacttoetsen", To::Report),
    ("iama_description", "Toelichting IAMA", To::Report),
    ("dpia_description", "Toelichting DPIA", To::Report),
    ("organization", "Organisatie", To::Report),
    ("website", "Website", To::Report),
    ("link", "Link naar publiekspagina", To::Report),
    ("url", "Link naar publiekspagina", To::Report),
    ("source_link", "Link naar bronregistratie", To::Report),
    ("start_date", "Begindatum", To::Report),
    ("begin_date", "Begindatum", To::Report),
    ("end_date", "Einddatum", To::Report),
    ("type", "Type", To::Report),
    ("tags", "Zoektermen", To::Report),
    ("search_terms", "Zoektermen", To::Report),
    ("language", "Taal", To::Report),
    ("lang", "Taal", To::Report),
    ("schema", "Versie van de standaard", To::Report),
    ("standard_version", "Versie van de standaard", To::Report),
    ("source_id", "Bron-ID", To::Report),
    ("id", "ID", To::Report),
    ("uuid", "UUID", To::Report),
];

/// A title field and the link field it belongs with: written together as "title (link)".
const PAIRS: &[(&str, &str)] = &[("legal_basis_title", "legal_basis_link"), ("data_source_title", "data_source_link")];

/// Why a field's text could not be read (HTML nested too deeply), naming entry and field.
fn too_deep(entry: usize, key: &str, depth: usize) -> Error {
    bad_file(
        format!(
            "Registratie {}, veld '{}': de HTML is te diep genest ({depth} lagen; hooguit {MAX_HTML_DEPTH}).",
            entry + 1,
            shown_key(key)
        ),
        format!(
            "Entry {}, field '{}': the HTML is nested too deeply ({depth} levels; at most {MAX_HTML_DEPTH}).",
            entry + 1,
            shown_key(key)
        ),
    )
}

/// A register value as text: a string as plain text, a number or yes/no as written, a list
/// item by item, an object with a title and a link as "title (link)" and its other fields as
/// "name: value". Empty when it holds nothing.
fn render(value: &Value) -> std::result::Result<String, usize> {
    Ok(match value {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "ja" } else { "nee" }.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => plain_text(s)?,
        Value::Array(items) => {
            let parts = items.iter().map(render).collect::<std::result::Result<Vec<_>, _>>()?;
            let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
            let scalars = items.iter().all(|v| !v.is_object() && !v.is_array());
            parts.join(if scalars && parts.iter().all(|p| !p.contains('\n')) { ", " } else { "\n" })
        }
        Value::Object(map) => render_object(map)?,
    })
}

fn render_object(map: &Map<String, Value>) -> std::result::Result<String, usize> {
    let first = |keys: &[&str]| -> std::result::Result<Option<(String, String)>, usize> {
        for key in keys {
            if let Some(v) = map.get(*key) {
                let text = render(v)?;
                if !text.is_empty() {
                    return Ok(Some((key.to_string(), text)));
                }
            }
        }
        Ok(None)
    };
    let title = first(&["title", "titel", "name", "naam", "label"])?;
    let link = first(&["link", "url", "href", "uri"])?;
    let mut parts = Vec::new();
    match (&title, &link) {
        (Some((_, t)), Some((_, l))) => parts.push(format!("{t} ({l})")),
        (Some((_, t)), None) => parts.push(t.clone()),
        (None, Some((_, l))) => parts.push(l.clone()),
        (None, None) => {}
    }
    let used: Vec<&str> = [&title, &link].into_iter().flatten().map(|(k, _)| k.as_str()).collect();
    for (key, v) in map {
        if used.contains(&key.as_str()) {
            continue;
        }
        let text = render(v)?;
        if !text.is_empty() {
            parts.push(format!("{key}: {text}"));
        }
    }
    Ok(parts.join("; "))
}

/// The register file's entries: a list of entries, or one entry on its own.
fn register_values(bytes: &[u8]) -> Result<Vec<Map<String, Value>>> {
    let text = read_text(bytes)?;
    let value = parse_json(text, "registerbestand", "register file")?;
    check_structure(&value, "")?;
    let not_an_entry =
        || bad_file("Dit is geen registratie uit het Algoritmeregister.", "This is not an Algoritmeregister entry.");
    let items = match value {
        Value::Array(items) => items,
        Value::Object(map) => vec![Value::Object(map)],
        _ => return Err(not_an_entry()),
    };
    if items.is_empty() {
        return Err(bad_file("Het bestand bevat geen registraties.", "The file holds no entries."));
    }
    if items.len() > MAX_ENTRIES {
        return Err(bad_file(
            format!("Het bestand bevat {} registraties; hooguit {MAX_ENTRIES}.", items.len()),
            format!("The file holds {} entries; at most {MAX_ENTRIES}.", items.len()),
        ));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::Object(map) => Ok(map),
            _ => Err(bad_file(
                format!("Onderdeel {} van het bestand is geen registratie.", i + 1),
                format!("Item {} of the file is not an entry.", i + 1),
            )),
        })
        .collect()
}

/// Starts a proposal from one register entry (`number` its place in the file, from 0).
fn import_entry(entry: &Map<String, Value>, number: usize) -> Result<RegisterImport> {
    let text_of = |key: &str| render(entry.get(key).unwrap_or(&Value::Null)).map_err(|d| too_deep(number, key, d));
    let mut notes = Vec::new();
    let mut report = |keys: &[&str], label: &str, text: String| {
        notes.push(ImportNote {
            kind: NoteKind::NotImported,
            fields: keys.iter().map(|k| k.to_string()).collect(),
            label: label.to_string(),
            text,
            into: None,
        });
    };
    // Per target: its text (with the fields it came from) and the lines added under it.
    let mut texts: BTreeMap<Target, (Vec<String>, String)> = BTreeMap::new();
    let mut lines: BTreeMap<Target, Vec<(String, String)>> = BTreeMap::new();
    for (key, label, to) in FIELDS {
        if PAIRS.iter().any(|(title, link)| key == title && entry.get(*link).is_some_and(|v| !text_is_empty(v))) {
            continue; // written with its link
        }
        let mut text = text_of(key)?;
        if text.is_empty() {
            continue;
        }
        if let Some((title, _)) = PAIRS.iter().find(|(_, link)| link == key) {
            let title_text = text_of(title)?;
            if !title_text.is_empty() {
                text = format!("{title_text} ({text})");
            }
        }
        match to {
            To::Report => report(&[key], label, text),
            To::Text(target) => match texts.get_mut(target) {
                None => {
                    texts.insert(*target, (vec![key.to_string()], text));
                }
                Some((_, first)) if *first == text => {}
                Some(_) => report(&[key], label, text),
            },
            To::Line(target) => lines.entry(*target).or_default().push((key.to_string(), format!("{label}: {text}"))),
        }
    }
    for (key, value) in entry {
        if FIELDS.iter().any(|(k, _, _)| k == key) {
            continue;
        }
        let text = render(value).map_err(|d| too_deep(number, key, d))?;
        if !text.is_empty() {
            report(&[key.as_str()], &shown_key(key), text);
        }
    }
    for (target, added) in lines {
        let (fields, text) = texts.entry(target).or_insert_with(|| (Vec::new(), String::new()));
        fields.extend(added.iter().map(|(k, _)| k.clone()));
        let block = added.into_iter().map(|(_, line)| line).collect::<Vec<_>>().join("\n");
        *text = if text.is_empty() { block } else { format!("{text}\n\n{block}") };
    }
    if texts.get(&Target::Title).is_none_or(|(_, t)| t.trim().is_empty()) {
        return Err(bad_file(
            format!("Registratie {} heeft geen naam ('name'); het lijkt geen Algoritmeregister-bestand.", number + 1),
            format!("Entry {} has no name ('name'); it does not look like a register file.", number + 1),
        ));
    }
    let mut proposal = Proposal::default();
    for (target, (fields, text)) in texts {
        let (label, max) = target.label_and_max();
        let text = if target.is_line() { one_line(&text) } else { text };
        let value = match shorten(&text, max) {
            Some(short) => {
                notes.push(ImportNote {
                    kind: NoteKind::Shortened,
                    fields,
                    label: label.clone(),
                    text,
                    into: Some(label),
                });
                short
            }
            None => text,
        };
        match target {
            Target::Title => proposal.title = value,
            Target::Description => proposal.description = value,
            Target::Purpose => proposal.purpose = value,
            Target::DataUsed => proposal.data_used = value,
            Target::Detail(key) => {
                proposal.details.insert(key.to_string(), value);
            }
        }
    }
    proposal.validate_draft().map_err(|e| Error::Internal(format!("register import made an invalid draft: {e}")))?;
    Ok(RegisterImport { proposal, notes })
}

fn text_is_empty(v: &Value) -> bool {
    render(v).map(|t| t.is_empty()).unwrap_or(false)
}

/// Reads a register file (the register's JSON: one entry, or a list of entries as vendors
/// publish them) into its entries in file order, each with the proposal it starts and the
/// import report. Any problem with the file is an error naming the place; then nothing is used.
pub fn read_register_file(bytes: &[u8]) -> Result<RegisterFile> {
    let entries = register_values(bytes)?;
    let entries = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let import = import_entry(entry, i)?;
            Ok(RegisterChoice {
                index: u32::try_from(i).unwrap_or(u32::MAX),
                name: import.proposal.title.clone(),
                description: import.proposal.description.clone(),
                import,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(RegisterFile { entries })
}

/// Starts a proposal from entry `index` (from 0) of a register file, with its import report.
pub fn proposal_from_register(bytes: &[u8], index: usize) -> Result<RegisterImport> {
    let entries = register_values(bytes)?;
    let entry = entries.get(index).ok_or_else(|| {
        bad_file(
            format!("Het bestand heeft geen registratie {} (het heeft er {}).", index + 1, entries.len()),
            format!("The file has no entry {} (it has {}).", index + 1, entries.len()),
        )
    })?;
    import_entry(entry, index)
}

// ---------------------------------------------------------------------------------------
// A register entry out.

/// `text` shortened at a word to at most `max` characters (the register's limits).
fn fit(text: &str, max: usize) -> String {
    shorten(text, max).unwrap_or_else(|| text.to_string())
}

/// A draft Algoritmeregister entry (publication standard 1.0.0) for a pilot whose positive
/// decision is signed by everyone it needs. `contact` is the proposal's contact for residents
/// (refused when empty: the standard requires it); `status` is "In gebruik" when the pilot has
/// real effects (the wizard's `in_gebruik`, on the path of the decision's conclusion), else
/// "In ontwikkeling"; after the decision the pilot's life stage decides ("Buiten gebruik" once
/// stopped or phased out, "In gebruik" in regular use).
pub fn register_entry(view: &PilotView, organization: &str) -> Result<Value> {
    if !view.pilot.actions().export_register {
        return Err(Error::not_allowed(
            "Een registratie voor het Algoritmeregister kan pas als er een positief besluit is dat door iedereen is ondertekend.",
            "A register entry can only be made once a positive decision is signed by everyone who must sign it.",
        ));
    }
    if view.later_round.is_some_and(|l| l.supersedes) {
        return Err(Error::not_allowed(
            "Dit besluit is vervangen door de herbeoordeling. Maak de registratie vanuit het nieuwe besluit.",
            "This decision was superseded by the re-assessment. Make the entry from the new decision.",
        ));
    }
    let p = &view.pilot.proposal;
    let d = |key: &str| p.details.get(key).map(|s| s.trim().to_string()).unwrap_or_default();
    let contact = d("contact");
    if contact.is_empty() {
        return Err(Error::not_allowed(
            "Het Algoritmeregister vraagt contactgegevens voor inwoners, maar 'Contact voor inwoners' (in het voorstel, bij 'Wie is verantwoordelijk') is leeg. Er is geen registratie gemaakt.",
            "The register requires contact details for residents, but 'Contact for residents' (in the proposal, under 'Who is responsible') is empty. No entry was made.",
        ));
    }
    // On the path of the pilot's own conclusion (the one its decision recorded), not today's.
    let in_use =
        view.ai_act.asked.iter().any(|id| id == "in_gebruik") && p.ai_act.get("in_gebruik") == Some(&WizardAnswer::Yes);
    let category = view.ai_act.instruments.iter().find_map(|i| match i {
        Instrument::Register { category } => Some(*category),
        _ => None,
    });
    let publication_category = match category {
        Some(RegisterCategory::A) => "Hoog-risico AI-systeem (Categorie A)",
        Some(RegisterCategory::B) => "Impactvolle algoritmes (Categorie B)",
        _ => "Overige algoritmes (Categorie C)",
    };
    let start = d("startDate");
    let start_month = match start.get(..7) {
        Some(month) => month.to_string(),
        None => view
            .pilot
            .decision
            .as_ref()
            .map(|decision| format!("{:04}-{:02}", decision.decided_at.year(), u8::from(decision.decided_at.month())))
            .unwrap_or_default(),
    };
    let impact = view
        .ai_act
        .instruments
        .iter()
        .filter_map(|i| match i {
            Instrument::Dpia => Some("DPIA"),
            Instrument::Fria => Some("IAMA"),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(", ");
    let theme: Vec<String> = d("theme").split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    let considerations = [d("valuesServed"), d("valuesAtRisk"), d("alternatives")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(json!({
        "name": fit(&p.title, 99),
        "description_short": fit(&p.description, 399),
        "organization": fit(organization, 99),
        "theme": if theme.is_empty() { vec!["Organisatie en bedrijfsvoering".to_string()] } else { theme },
        "status": match &view.follow_up {
            Some(f) => f.stage.register_status(in_use),
            None if in_use => "In gebruik",
            None => "In ontwikkeling",
        },
        "start_date": start_month,
        "contact": contact,
        "publication_category": publication_category,
        "purpose_and_impact": fit(&p.purpose, 2499),
        "considerations": fit(&considerations, 2499),
        "human_intervention": fit(&d("humanIntervention"), 2499),
        "risk_management": fit(&d("riskManagement"), 2499),
        "legal_basis": fit(&d("legalBasis"), 2499),
        "impact_assessments": impact,
        "data": fit(&p.data_used, 2499),
        "technical_operation": fit(&d("technicalOperation"), 4999),
        "supplier": fit(&d("supplier"), 199),
        "language": "nld",
        "schema": "1.0.0",
        "source_id": view.pilot.id.to_string(),
    }))
}
