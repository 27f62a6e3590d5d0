//! Checks an archival PDF on its own, offline: what `ai-toets-verify` does for an archivist
//! who was handed a PDF by someone else.
//!
//! 1. Read the file with bounded work ([`super::reader`]) and take out the signed record
//!    (`ai-toets-besluit.json`) and, if present, the framework (`toetsingskader.toml`).
//! 2. Read the record strictly ([`read_document`]): no duplicate key anywhere, no unknown or
//!    ill-typed field (the typed record must write back the same canonical JSON).
//! 3. Check the content hash and every signature ([`crate::pilot::signing::verify_document`]), and
//!    that no member or key signs twice.
//! 4. Bind the pages to the record: draw the PDF again from the record, its signatures and
//!    the framework ([`super::Sheet`]) and compare with the file, byte for byte. Only a file
//!    from the same renderer ([`super::producer`]) can be compared.
//! 5. Confirm the signers against the committee's published roster ([`confirm_signers`]),
//!    when one is given.
//!
//! Everything printed that comes from the document passes through [`shown`], so a name
//! cannot move the cursor or forge a result line.
//!
//! Architecture invariant (ARCHITECTURE.md): exit 0 only with a roster that confirms every
//! signer ([`Verdict::exit_code`]); bounded reading is [`super::reader`]'s.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::base::error::{Error, Message, Result};
use crate::base::hash::{canonical, sha256_hex};
use crate::framework::Framework;
use crate::framework::FrameworkRef;
use crate::pilot::signing::{verify_document, DocumentReport, SignatureCheck, SignedDocument};
use crate::pilot::{Answer, Decision, Pilot, Proposal, Signature, SignatureProof};

fn bad_file(nl: impl Into<String>, en: impl Into<String>) -> Error {
    Error::BadFile(Message::new(nl, en))
}

/// The signed record as the PDF carries it, typed: the same fields as what the members sign
/// (`SignedRecord` in [`crate::pilot::signing`]), and nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Record {
    pub format: String,
    pub pilot_id: uuid::Uuid,
    pub framework: FrameworkRef,
    pub proposal: Proposal,
    pub answers: BTreeMap<String, Answer>,
    pub decision: Option<Decision>,
    /// A re-assessment's earlier round (absent in a first assessment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reassesses: Option<crate::pilot::Reassessment>,
}

/// A JSON value read with every object's keys checked for duplicates.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map(Value::Number).unwrap_or(Value::Null))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format!("dubbele sleutel / duplicate key {key:?}")));
            }
            let Strict(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Where two JSON values first differ, as a JSON pointer.
fn first_difference(raw: &Value, typed: &Value, path: &str) -> Option<String> {
    match (raw, typed) {
        (Value::Object(a), Value::Object(b)) => a
            .iter()
            .find_map(|(k, v)| match b.get(k) {
                Some(w) => first_difference(v, w, &format!("{path}/{k}")),
                None => Some(format!("{path}/{k}")),
            })
            .or_else(|| b.keys().find(|k| !a.contains_key(*k)).map(|k| format!("{path}/{k}"))),
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).enumerate().find_map(|(i, (v, w))| first_difference(v, w, &format!("{path}/{i}")))
        }
        _ => (raw != typed).then(|| if path.is_empty() { "/".to_string() } else { path.to_string() }),
    }
}

fn damaged(problem: impl std::fmt::Display) -> Error {
    bad_file(
        format!("Het besluit in deze PDF is beschadigd of aangepast en wordt niet gelezen: {problem}"),
        format!("The decision in this PDF is damaged or altered and is not read: {problem}"),
    )
}

/// `typed` must write back exactly `raw` (compared as canonical JSON): so a field the types do
/// not know, or one they would read differently, is refused.
fn same_as_written(raw: &Value, typed: &impl Serialize, at: &str) -> Result<()> {
    let typed = serde_json::to_value(typed).map_err(|e| Error::Internal(format!("JSON: {e}")))?;
    if canonical(raw)? == canonical(&typed)? {
        return Ok(());
    }
    let at = first_difference(raw, &typed, at).unwrap_or_else(|| format!("{at}/"));
    Err(bad_file(
        format!(
            "Het besluit in deze PDF bevat een onbekend of ongeldig veld ({at}) en wordt niet gelezen; zo schrijft AI-toets het niet."
        ),
        format!("The decision in this PDF holds an unknown or invalid field ({at}) and is not read; AI-toets does not write it so."),
    ))
}

/// Reads the embedded document strictly: valid UTF-8 JSON, no duplicate key in any object,
/// the known document and record formats, and no field the types do not know or would read
/// differently (the typed document and record must write back the same canonical JSON).
pub fn read_document(json: &[u8]) -> Result<(SignedDocument, Record)> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let Strict(raw) = Strict::deserialize(&mut deserializer).map_err(damaged)?;
    deserializer.end().map_err(damaged)?;

    let document: SignedDocument =
        serde_path_to_error::deserialize(&raw).map_err(|e| damaged(format!("{} ({})", e.inner(), e.path())))?;
    if document.format != crate::pilot::signing::DOCUMENT_FORMAT {
        return Err(bad_file(
            format!(
                "Onbekend formaat {:?}; deze versie leest {}.",
                shown(&document.format),
                crate::pilot::signing::DOCUMENT_FORMAT
            ),
            format!(
                "Unknown format {:?}; this version reads {}.",
                shown(&document.format),
                crate::pilot::signing::DOCUMENT_FORMAT
            ),
        ));
    }
    let record: Record = serde_path_to_error::deserialize(&document.record)
        .map_err(|e| damaged(format!("{} (record/{})", e.inner(), e.path())))?;
    if record.format != crate::pilot::signing::RECORD_FORMAT {
        return Err(bad_file(
            format!(
                "Onbekend formaat van het besluit {:?}; deze versie leest {}.",
                shown(&record.format),
                crate::pilot::signing::RECORD_FORMAT
            ),
            format!(
                "Unknown record format {:?}; this version reads {}.",
                shown(&record.format),
                crate::pilot::signing::RECORD_FORMAT
            ),
        ));
    }
    same_as_written(&raw, &document, "")?;
    same_as_written(&document.record, &record, "/record")?;
    Ok((document, record))
}

/// Where the framework to draw the pages came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameworkSource {
    /// Shipped with this verifier.
    Builtin,
    /// Taken from the PDF (a revision the municipality loaded). The signatures cover its id and
    /// version, not its text: compare `sha256` with the framework the municipality published.
    Embedded { sha256: String },
    /// Taken from the PDF, and the decision signed its hash: its text is the one reviewed against.
    Signed { sha256: String },
    /// Neither shipped with this verifier nor in the PDF.
    Unknown,
    /// The PDF carries a framework that cannot be used: why.
    Wrong(Message),
}

/// Whether the visible pages are the record's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pages {
    /// The file is byte for byte the PDF this verifier draws from the record.
    Match,
    /// It is not. `pages`: the pages (from 1) whose text differs, when they can be told;
    /// `counts`: pages in the file and in the PDF drawn from the record.
    Differ { pages: Option<Vec<usize>>, counts: Option<(usize, usize)> },
    /// Made by another renderer version (its `Producer`): not compared.
    OtherRenderer { producer: Option<String> },
    /// The pages could not be drawn again: why.
    NotDrawn(Message),
}

/// Whether the signers are who the roster says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signers {
    /// No roster given: the keys' owners are not confirmed.
    NotChecked,
    /// The roster confirms every signature's key as the member's, in that role, then.
    Confirmed,
    /// The roster does not confirm these signatures.
    Refused(Vec<SignatureCheck>),
    /// The roster assigns every key, but these keys were later declared compromised: when they
    /// signed cannot be proven from the PDF (a stolen key can backdate), so never valid.
    Doubtful(Vec<SignatureCheck>),
}

/// What `ai-toets-verify` concludes; see [`Verdict::exit_code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Everything holds and the signers are confirmed against a roster.
    Valid,
    /// Something does not hold.
    Invalid,
    /// Everything that can be checked holds, but the signers (or a framework taken from the
    /// PDF) are not confirmed.
    Unconfirmed,
    /// The record and its signatures hold, but the pages come from another renderer version
    /// and were not compared.
    PagesNotCompared,
}

impl Verdict {
    /// 0 valid; 1 something does not hold; 3 consistent, signers not confirmed; 4 pages not
    /// compared (other renderer version). 2 is for a file that is not a readable AI-toets
    /// decision, bad usage or a file too large: see the binary.
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Valid => 0,
            Verdict::Invalid => 1,
            Verdict::Unconfirmed => 3,
            Verdict::PagesNotCompared => 4,
        }
    }
}

/// Everything the verifier found in one PDF.
#[derive(Debug, Clone)]
pub struct Verification {
    /// The signed document, read strictly.
    pub document: SignedDocument,
    /// Its record, typed: what was decided.
    pub record: Record,
    /// The content hash and each signature, from the document alone.
    pub report: DocumentReport,
    /// A member or a key that signs more than once.
    pub repeated_signer: bool,
    pub framework: FrameworkSource,
    pub pages: Pages,
    pub signers: Signers,
    /// What the roster finds wrong with the decision as a whole (fewer required signatures than
    /// its policy then, none at all).
    pub roster_problems: Vec<Message>,
    /// The roster checked against: its founding event's hash (the committee's identity), the
    /// hash of its last event and how many there are, to compare with the published ones.
    pub roster: Option<(String, String, i64)>,
    /// The attachments the decision relied on that the PDF does not carry as written (missing,
    /// or bytes that do not match the SHA-256 the signed decision names).
    pub attachment_problems: Vec<Message>,
}

impl Verification {
    /// What does not hold, in Dutch and English: the record and its signatures, the
    /// framework, the pages, then what the roster finds.
    pub fn problems(&self) -> Vec<Message> {
        let mut out = self.signature_problems();
        out.extend(self.framework_problem());
        out.extend(self.pages_problem());
        out.extend(self.attachment_problems.iter().cloned());
        out.extend(self.roster_problems.iter().cloned());
        out.extend(self.refused_signers());
        out
    }

    /// The content hash, signatures that do not verify or are missing, and a member or key
    /// that signs twice.
    fn signature_problems(&self) -> Vec<Message> {
        let mut out = Vec::new();
        let r = &self.report;
        if !r.hash_holds() {
            out.push(Message::new(
                "de inhoudshash klopt niet met het besluit",
                "the content hash does not match the decision",
            ));
        }
        if r.signatures.is_empty() {
            out.push(Message::new("het besluit is niet ondertekend", "the decision is not signed"));
        }
        for s in r.signatures.iter().filter(|s| !s.valid) {
            out.push(Message::new(
                format!(
                    "de handtekening van {} ({}) klopt niet",
                    shown(&s.signer_name),
                    s.role.label_nl().to_lowercase()
                ),
                format!("the signature of {} does not verify", shown(&s.signer_name)),
            ));
        }
        if !r.missing_roles.is_empty() {
            let missing: Vec<_> = r.missing_roles.iter().map(|r| r.label_nl().to_lowercase()).collect();
            out.push(Message::new(
                format!("er ontbreken handtekeningen: {}", missing.join(", ")),
                format!("signatures are missing: {}", missing.join(", ")),
            ));
        }
        if self.repeated_signer {
            out.push(Message::new(
                "hetzelfde lid of dezelfde sleutel tekent meer dan eens",
                "the same member or key signs more than once",
            ));
        }
        out
    }

    /// A framework the PDF carries that cannot be used, or none to draw the pages with (when
    /// the pages were to be compared).
    fn framework_problem(&self) -> Option<Message> {
        let compared = !matches!(self.pages, Pages::OtherRenderer { .. });
        match &self.framework {
            FrameworkSource::Unknown if compared => Some(Message::new(
                format!(
                    "het toetsingskader {} {} zit niet in de PDF en niet in deze versie van AI-toets",
                    shown(&self.record.framework.id),
                    shown(&self.record.framework.version)
                ),
                "the framework is neither in the PDF nor shipped with this version of AI-toets",
            )),
            FrameworkSource::Wrong(m) => Some(m.clone()),
            _ => None,
        }
    }

    /// Pages that differ from the ones drawn from the record (which, when that can be told), or
    /// that could not be drawn although the framework was at hand.
    fn pages_problem(&self) -> Option<Message> {
        match &self.pages {
            Pages::Differ { pages, counts } => {
                let (which_nl, which_en) = match (pages, counts) {
                    (_, Some((file, drawn))) if file != drawn => (
                        format!(" (de PDF heeft {file} pagina's, het besluit geeft er {drawn})"),
                        format!(" (the PDF has {file} pages, the decision gives {drawn})"),
                    ),
                    (Some(p), _) if !p.is_empty() => {
                        let list: Vec<String> = p.iter().map(usize::to_string).collect();
                        (format!(" (pagina {})", list.join(", ")), format!(" (page {})", list.join(", ")))
                    }
                    (Some(_), _) => (
                        " (de tekst van de pagina's is gelijk; lettertypen, metadata of bijlagen verschillen)".into(),
                        " (the pages' text is the same; fonts, metadata or attachments differ)".into(),
                    ),
                    (None, _) => (String::new(), String::new()),
                };
                Some(Message::new(
                    format!("de zichtbare pagina's komen niet overeen met het ondertekende besluit{which_nl}"),
                    format!("the visible pages do not match the signed decision{which_en}"),
                ))
            }
            Pages::NotDrawn(m)
                if matches!(
                    self.framework,
                    FrameworkSource::Builtin | FrameworkSource::Embedded { .. } | FrameworkSource::Signed { .. }
                ) =>
            {
                Some(Message::new(
                    format!("de pagina's zijn niet opnieuw te tekenen uit het besluit: {}", m.nl),
                    format!("the pages cannot be drawn again from the decision: {}", m.en),
                ))
            }
            _ => None,
        }
    }

    /// Each signature the roster does not confirm, with why.
    fn refused_signers(&self) -> Vec<Message> {
        let Signers::Refused(checks) = &self.signers else {
            return Vec::new();
        };
        checks
            .iter()
            .map(|c| {
                Message::new(
                    format!(
                        "de ledenlijst bevestigt {} ({}) niet: {}",
                        shown(&c.signer_name),
                        c.role.label_nl().to_lowercase(),
                        c.problem.as_deref().unwrap_or("onbekend")
                    ),
                    format!(
                        "the roster does not confirm {}: {}",
                        shown(&c.signer_name),
                        c.problem_en.as_deref().unwrap_or("unknown")
                    ),
                )
            })
            .collect()
    }

    pub fn verdict(&self) -> Verdict {
        if !self.problems().is_empty() {
            Verdict::Invalid
        } else if matches!(self.pages, Pages::OtherRenderer { .. } | Pages::NotDrawn(_)) {
            Verdict::PagesNotCompared
        } else if self.signers != Signers::Confirmed || matches!(self.framework, FrameworkSource::Embedded { .. }) {
            Verdict::Unconfirmed
        } else {
            Verdict::Valid
        }
    }
}

/// The framework to draw the pages with: the one in the PDF if it carries one (it must be
/// the record's), else the one shipped with this verifier.
fn framework_for(opened: &super::reader::Opened, reference: &FrameworkRef) -> (FrameworkSource, Option<Framework>) {
    let Some(source) = opened.attachment(super::FRAMEWORK_ATTACHMENT) else {
        let builtin = Framework::builtin().ok().and_then(|all| all.into_iter().find(|f| f.reference() == *reference));
        return match builtin {
            Some(f) => (FrameworkSource::Builtin, Some(f)),
            None => (FrameworkSource::Unknown, None),
        };
    };
    let wrong = |nl: String, en: String| (FrameworkSource::Wrong(Message::new(nl, en)), None);
    if source.len() > crate::framework::MAX_FILE_BYTES {
        return wrong(
            "het toetsingskader in de PDF is te groot".into(),
            "the framework in the PDF is too large".into(),
        );
    }
    let Ok(text) = std::str::from_utf8(source) else {
        return wrong(
            "het toetsingskader in de PDF is geen UTF-8".into(),
            "the framework in the PDF is not UTF-8".into(),
        );
    };
    match Framework::parse(super::FRAMEWORK_ATTACHMENT, text) {
        Err(e) => wrong(
            format!("het toetsingskader in de PDF is onleesbaar: {}", shown(&e.message().nl)),
            format!("the framework in the PDF cannot be read: {}", shown(&e.message().en)),
        ),
        Ok(f) if f.reference() != *reference => wrong(
            format!(
                "het toetsingskader in de PDF is {} {}, het besluit noemt {} {}",
                shown(&f.id),
                shown(&f.version),
                shown(&reference.id),
                shown(&reference.version)
            ),
            format!(
                "the framework in the PDF is {} {}, the decision names {} {}",
                shown(&f.id),
                shown(&f.version),
                shown(&reference.id),
                shown(&reference.version)
            ),
        ),
        Ok(f) => (FrameworkSource::Embedded { sha256: sha256_hex(source) }, Some(f)),
    }
}

/// The pilot as far as the document tells it: the record and its signatures. The status is
/// what the app shows for it (signed when every required role signed), the dates the
/// decision's (the PDF prints neither beyond that).
pub fn pilot_of(record: &Record, signatures: &[Signature]) -> Option<Pilot> {
    let decided = record.decision.as_ref()?.decided_at;
    let mut pilot = Pilot {
        id: record.pilot_id,
        revision: 0,
        status: crate::pilot::Status::Decided,
        framework: record.framework.clone(),
        proposal: record.proposal.clone(),
        answers: record.answers.clone(),
        decision: record.decision.clone(),
        signatures: signatures.to_vec(),
        reassesses: record.reassesses.clone(),
        created_at: decided,
        updated_at: decided,
    };
    if pilot.missing_roles().is_empty() {
        pilot.status = crate::pilot::Status::Signed;
    }
    Some(pilot)
}

/// The files the decision relied on as the PDF carries them, in the decision's order, and what
/// does not hold: a file missing, or one whose bytes do not match the hash the decision names.
fn relied_on_files(opened: &super::reader::Opened, record: &Record) -> (Vec<Vec<u8>>, Vec<Message>) {
    let (mut files, mut problems) = (Vec::new(), Vec::new());
    let named: Vec<(String, &crate::attachments::AttachmentRef)> = record
        .decision
        .iter()
        .flat_map(|d| &d.attachments)
        .enumerate()
        .map(|(i, a)| (super::embedded_name(i + 1, a), a))
        .collect();
    // A file the record does not name has no place in the PDF, whatever drew its pages.
    for (name, _) in &opened.attachments {
        let ours = name == super::RECORD_ATTACHMENT || name == super::FRAMEWORK_ATTACHMENT;
        if !ours && !named.iter().any(|(n, _)| n == name) {
            problems.push(Message::new(
                format!("de PDF bevat een bijlage die het besluit niet noemt: {}", shown(name)),
                format!("the PDF holds an attachment the decision does not name: {}", shown(name)),
            ));
        }
    }
    for (name, a) in named {
        match opened.attachment(&name) {
            None => problems.push(Message::new(
                format!("de bijlage {} ontbreekt in de PDF", shown(&a.name)),
                format!("the attachment {} is missing from the PDF", shown(&a.name)),
            )),
            Some(bytes) if sha256_hex(bytes) != a.sha256 => problems.push(Message::new(
                format!("de bijlage {} is niet het bestand dat het besluit noemt (SHA-256 verschilt)", shown(&a.name)),
                format!("the attachment {} is not the file the decision names (SHA-256 differs)", shown(&a.name)),
            )),
            Some(bytes) => files.push(bytes.to_vec()),
        }
    }
    (files, problems)
}

/// Draws the PDF again from the record (with the files it relied on) and compares it with `pdf`.
/// `transfer`: the SHA-256 of the record's JSON file beside a transfer copy (drawn as PDF/A-2b).
fn compare_pages(
    pdf: &[u8],
    record: &Record,
    document: &SignedDocument,
    framework: &Framework,
    files: Vec<Vec<u8>>,
    transfer: Option<String>,
) -> Pages {
    let Some(pilot) = pilot_of(record, &document.signatures) else {
        return Pages::NotDrawn(Message::new("het besluit ontbreekt", "the decision is missing"));
    };
    let conformance = if transfer.is_some() { super::Conformance::A2b } else { super::Conformance::A3b };
    let drawn = super::Sheet::new(&pilot, framework)
        .and_then(|s| super::render_sheet(&super::Sheet { transfer, ..s.with_files(files) }, conformance));
    match drawn {
        Ok(drawn) if drawn == pdf => Pages::Match,
        Ok(drawn) => {
            let (file, ours) = (super::reader::page_texts(pdf), super::reader::page_texts(&drawn));
            match (file, ours) {
                (Some(a), Some(b)) => Pages::Differ {
                    pages: Some((0..a.len().max(b.len())).filter(|i| a.get(*i) != b.get(*i)).map(|i| i + 1).collect()),
                    counts: Some((a.len(), b.len())),
                },
                _ => Pages::Differ { pages: None, counts: None },
            }
        }
        Err(e) => Pages::NotDrawn(e.message()),
    }
}

/// Steps 1–4 (see the module documentation) for the bytes of a PDF. An error: the file is not
/// a readable AI-toets decision (exit code 2).
pub fn verify_pdf(pdf: &[u8]) -> Result<Verification> {
    let opened = super::reader::open(pdf)?;
    verify_parts(pdf, &opened, None, true)
}

/// Steps 1–4 for a transfer copy (PDF/A-2b, [`super::render_transfer`]) and the files beside
/// it, by name: the signed record ([`super::RECORD_ATTACHMENT`]), the framework when the app
/// does not ship it, and the attachments the decision relied on. The pages are drawn again as
/// the transfer copy of the record beside it, whose SHA-256 they print: so the PDF, its XMP and
/// the JSON file must belong together byte for byte. A transfer copy that embeds files does not
/// hold. An error: the record is not a readable AI-toets decision.
pub fn verify_transfer(pdf: &[u8], beside: Vec<(String, Vec<u8>)>) -> Result<Verification> {
    transfer_checked(pdf, beside, true)
}

/// [`verify_transfer`] for a transfer copy this process has just drawn from the record beside
/// it ([`super::render_transfer`]): its pages are the record's by construction, so they are
/// not drawn a second time ([`Pages::Match`]); everything else is checked. The package's
/// validation records use it; `ai-toets-verify --bag` draws every page again.
pub fn verify_just_drawn(pdf: &[u8], beside: Vec<(String, Vec<u8>)>) -> Result<Verification> {
    transfer_checked(pdf, beside, false)
}

fn transfer_checked(pdf: &[u8], beside: Vec<(String, Vec<u8>)>, compare: bool) -> Result<Verification> {
    let inside = super::reader::open(pdf)?;
    let parts = super::reader::Opened { producer: inside.producer, attachments: beside };
    let json = parts.attachment(super::RECORD_ATTACHMENT).map(sha256_hex);
    let mut verification = verify_parts(pdf, &parts, Some(json.unwrap_or_default()), compare)?;
    for (name, _) in &inside.attachments {
        verification.attachment_problems.push(Message::new(
            format!(
                "het overdrachtsexemplaar bevat een ingebed bestand ({}); PDF/A-2b hoort er geen te hebben",
                shown(name)
            ),
            format!("the transfer copy embeds a file ({}); its PDF/A-2b should have none", shown(name)),
        ));
    }
    Ok(verification)
}

/// Steps 1–4 over the record, framework and files in `parts` (a PDF's attachments, or the files
/// beside a transfer copy).
fn verify_parts(
    pdf: &[u8],
    opened: &super::reader::Opened,
    transfer: Option<String>,
    compare: bool,
) -> Result<Verification> {
    let json = opened.attachment(super::RECORD_ATTACHMENT).ok_or_else(|| {
        bad_file(
            format!("Deze PDF bevat geen besluit van AI-toets (bijlage {} ontbreekt).", super::RECORD_ATTACHMENT),
            format!("This PDF holds no AI-toets decision (attachment {} is missing).", super::RECORD_ATTACHMENT),
        )
    })?;
    let (document, record) = read_document(json)?;
    let report = verify_document(&document)?;

    let mut members = std::collections::HashSet::new();
    let mut keys = std::collections::HashSet::new();
    let repeated_signer = !document.signatures.iter().all(|s| {
        let SignatureProof::Ed25519 { public_key, .. } = &s.proof;
        members.insert(s.member_id) & keys.insert(public_key.to_ascii_lowercase())
    });

    let (mut framework, drawn_with) = framework_for(opened, &record.framework);
    // A decision that recorded its framework's hash binds the framework's text too: the one
    // drawn with must be it, and an embedded one is then as good as a shipped one.
    let recorded = record.decision.as_ref().and_then(|d| d.framework_hash.clone());
    if let (Some(recorded), Some(drawn)) = (&recorded, &drawn_with) {
        match drawn.content_hash() {
            Ok(hash) if hash == *recorded => {
                if let FrameworkSource::Embedded { sha256 } = &framework {
                    framework = FrameworkSource::Signed { sha256: sha256.clone() };
                }
            }
            _ => {
                framework = FrameworkSource::Wrong(Message::new(
                    "het toetsingskader is niet het kader waartegen is getoetst (de hash in het besluit verschilt)",
                    "the framework is not the one the decision was reviewed against (the hash in the decision differs)",
                ))
            }
        }
    }
    let (files, attachment_problems) = relied_on_files(opened, &record);
    let pages = if opened.producer.as_deref() != Some(super::producer().as_str()) {
        Pages::OtherRenderer { producer: opened.producer.clone() }
    } else if !attachment_problems.is_empty() {
        Pages::NotDrawn(Message::new("een bijlage ontbreekt of is gewijzigd", "an attachment is missing or changed"))
    } else {
        match &drawn_with {
            Some(_) if !compare => Pages::Match,
            Some(f) => compare_pages(pdf, &record, &document, f, files, transfer),
            None => Pages::NotDrawn(Message::new("het toetsingskader ontbreekt", "the framework is missing")),
        }
    };
    Ok(Verification {
        document,
        record,
        report,
        repeated_signer,
        framework,
        pages,
        signers: Signers::NotChecked,
        roster_problems: vec![],
        roster: None,
        attachment_problems,
    })
}

/// Step 5: confirms the signers against the committee's published roster (`ledenlijst.json`,
/// the bytes of the file given with `--roster`). Sets [`Verification::signers`] to
/// [`Signers::Confirmed`] when the roster assigns every signature's key to that member, in that
/// role, at that moment, else to [`Signers::Refused`] with the signatures it does not confirm.
/// An error: the roster file cannot be used (exit code 2): not strict JSON (no duplicate key,
/// no unknown field, written back the same), not a roster, or its log does not replay (an
/// event not approved as the rules say, out of its place in the chain, members listed that
/// the log does not give).
pub fn confirm_signers(verification: &mut Verification, roster: &[u8]) -> Result<()> {
    let state = read_roster(roster)?;
    confirm_with(verification, &state);
    Ok(())
}

/// Reads a published roster (`ledenlijst.json`) strictly and replays its log: the state to
/// confirm signers with ([`confirm_with`]). An error: the file cannot be used (exit code 2).
pub fn read_roster(roster: &[u8]) -> Result<crate::committee::roster_log::RosterState> {
    read_roster_file(roster).map(|(_, state)| state)
}

/// [`read_roster`] with the file as read: its log, to compare with another roster's.
pub fn read_roster_file(
    roster: &[u8],
) -> Result<(crate::committee::roster_log::RosterFile, crate::committee::roster_log::RosterState)> {
    let unusable = |m: Message| {
        bad_file(
            format!("De ledenlijst is niet te gebruiken: {}", m.nl),
            format!("The roster cannot be used: {}", m.en),
        )
    };
    let mut deserializer = serde_json::Deserializer::from_slice(roster);
    let plain = |problem: String| unusable(Message::new(problem.clone(), problem));
    let Strict(raw) = Strict::deserialize(&mut deserializer).map_err(|e| plain(e.to_string()))?;
    deserializer.end().map_err(|e| plain(e.to_string()))?;
    let file: crate::committee::roster_log::RosterFile =
        serde_path_to_error::deserialize(&raw).map_err(|e| plain(format!("{} ({})", e.inner(), e.path())))?;
    same_as_written(&raw, &file, "")
        .map_err(|_| plain("een onbekend of ongeldig veld / an unknown or invalid field".into()))?;
    let state = file.state().map_err(|e| unusable(e.message()))?;
    Ok((file, state))
}

/// Step 5 with a roster already read ([`read_roster`]): see [`confirm_signers`].
pub fn confirm_with(verification: &mut Verification, state: &crate::committee::roster_log::RosterState) {
    verification.roster = state.founding.clone().map(|f| (f, state.head.clone(), state.count));
    // The decision must require at least what the roster's signing policy required when it
    // was taken: whoever makes the PDF writes `requiredSigners`, the roster says what counts.
    if let Some(d) = &verification.record.decision {
        let policy = state.policy_at(d.decided_at).or(state.policies.first().map(|(_, p)| p));
        let short = policy
            .map(|p| crate::committee::roster::uncovered_roles(&p.required_roles, d.required_signers.iter().copied()))
            .unwrap_or_default();
        if d.required_signers.is_empty() || !short.is_empty() {
            let short: Vec<_> = short.iter().map(|r| r.label_nl().to_lowercase()).collect();
            verification.roster_problems.push(Message::new(
                format!(
                    "het besluit vraagt minder handtekeningen dan de ledenlijst toen eiste (ontbreekt: {})",
                    short.join(", ")
                ),
                "the decision requires fewer signatures than the roster's policy did then",
            ));
        }
    }
    let checks = crate::pilot::signing::confirm_signers(&verification.document, state);
    let compromised = |c: &SignatureCheck| {
        verification.document.signatures.iter().filter(|s| s.id == c.signature_id).any(|s| {
            let SignatureProof::Ed25519 { key_id, .. } = &s.proof;
            state
                .members
                .get(&s.member_id)
                .and_then(|m| m.keys.iter().find(|k| k.id == *key_id))
                .is_some_and(|k| k.compromised_since.is_some())
        })
    };
    verification.signers = if checks.is_empty() || checks.iter().any(|c| !c.valid) {
        Signers::Refused(checks.into_iter().filter(|c| !c.valid).collect())
    } else if checks.iter().any(compromised) {
        Signers::Doubtful(checks.into_iter().filter(compromised).collect())
    } else {
        Signers::Confirmed
    };
}

/// Whether `c` may not reach a terminal as it is: control characters (C0, C1, DEL), format
/// characters (Unicode `Cf`: bidi embeddings, overrides and isolates, zero-width characters,
/// the byte-order mark, tags…) and the line and paragraph separators.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            u32::from(c),
            0x00AD
                | 0x0600..=0x0605
                | 0x061C
                | 0x06DD
                | 0x070F
                | 0x0890..=0x0891
                | 0x08E2
                | 0x180E
                | 0x200B..=0x200F
                | 0x2028..=0x202E
                | 0x2060..=0x2064
                | 0x2066..=0x206F
                | 0xFEFF
                | 0xFFF9..=0xFFFB
                | 0x110BD
                | 0x110CD
                | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0001
                | 0xE0020..=0xE007F
        )
}

/// Text from the document as it may be printed: every control or format character (see
/// [`hidden`]) shown as `\u{…}`, line breaks included, so it stays on its line and cannot
/// move the cursor, clear a line or reorder what follows.
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Text of several lines from the document: each line [`shown`] behind `indent` and a bar,
/// so none of it can pass for a line of the verifier's own.
fn block(out: &mut String, indent: &str, text: &str) {
    let text = text.replace("\r\n", "\n");
    for line in text.split('\n') {
        let _ = writeln!(out, "{indent}│ {}", shown(line));
    }
}

fn yes(ok: bool) -> &'static str {
    if ok {
        "klopt / valid"
    } else {
        "KLOPT NIET / INVALID"
    }
}

/// What was decided, from the signed record.
fn decision_text(out: &mut String, v: &Verification) {
    let r = &v.record;
    let _ = writeln!(out, "Besluit (uit het ondertekende document) / decision (from the signed document)");
    let _ = writeln!(out, "  Pilot:                            {}", shown(&r.proposal.title));
    let _ = writeln!(out, "  Kenmerk / reference:              {}", r.pilot_id);
    if let Some(d) = &r.decision {
        let _ = writeln!(out, "  Besluit / outcome:                {}", d.outcome.label_nl());
        let _ = writeln!(out, "  Besloten op / decided on:         {}", crate::base::dates::date_time_nl(d.decided_at));
        let evaluation = d.evaluation_date.map(crate::base::dates::date_nl).unwrap_or_else(|| "— / none".into());
        let _ = writeln!(out, "  Evaluatiedatum / evaluation date: {evaluation}");
        if d.conditions.is_empty() {
            let _ = writeln!(out, "  Voorwaarden / conditions:         geen / none");
        } else {
            let _ = writeln!(out, "  Voorwaarden / conditions:         {}", d.conditions.len());
        }
        for (i, c) in d.conditions.iter().enumerate() {
            let _ = writeln!(out, "    {}. {}", i + 1, c.kind.label_nl());
            block(out, "       ", &c.text);
            let deadline = c.deadline.map(crate::base::dates::date_nl).unwrap_or_else(|| "—".into());
            let owner = if c.owner.trim().is_empty() { "—".to_string() } else { shown(&c.owner) };
            let _ = writeln!(out, "       eigenaar / owner: {owner} · termijn / deadline: {deadline}");
        }
        let _ = writeln!(out, "  Motivering / reasons:");
        block(out, "    ", &d.reasons);
    }
    let origin = match &v.framework {
        FrameworkSource::Builtin => "ingebouwd / built in".to_string(),
        FrameworkSource::Embedded { sha256 } => format!(
            "uit de PDF, niet ondertekend; vergelijk met het gepubliceerde kader / from the PDF, not signed; compare with the published framework: sha256 {sha256}"
        ),
        FrameworkSource::Signed { sha256 } => format!(
            "uit de PDF, de tekst is ondertekend / from the PDF, its text signed: sha256 {sha256}"
        ),
        FrameworkSource::Unknown => "onbekend / unknown".to_string(),
        FrameworkSource::Wrong(_) => "ONBRUIKBAAR in de PDF / UNUSABLE in the PDF".to_string(),
    };
    let _ = writeln!(
        out,
        "  Toetsingskader / framework:       {} {} ({origin})",
        shown(&r.framework.id),
        shown(&r.framework.version)
    );
    let _ = writeln!(out, "  Inhoudshash / content hash:       {}", shown(&v.report.computed_hash));
}

/// The report as plain text, Dutch first, English second: what was decided, the checks, the
/// result. Everything from the document is [`shown`].
pub fn report_text(v: &Verification) -> String {
    let mut out = String::new();
    decision_text(&mut out, v);
    let _ = writeln!(out);
    let _ = writeln!(out, "Controles / checks");
    signatures_text(&mut out, &v.report, &v.document);
    let _ = writeln!(out, "Pagina's / pages: {}", pages_text(&v.pages));
    signers_text(&mut out, v);
    let _ = writeln!(out);
    result_text(&mut out, v);
    out
}

/// The checks of the record alone: the content hash, each signature, the missing roles.
fn signatures_text(out: &mut String, report: &DocumentReport, document: &SignedDocument) {
    let _ = writeln!(out, "Inhoudshash / content hash: {}", yes(report.hash_holds()));
    let _ = writeln!(out, "  vermeld / stated:   {}", shown(&report.stated_hash));
    let _ = writeln!(out, "  berekend / computed: {}", shown(&report.computed_hash));
    let _ = writeln!(out, "Handtekeningen / signatures: {}", report.signatures.len());
    for (i, s) in report.signatures.iter().enumerate() {
        let signed_at = document.signatures.iter().find(|d| d.id == s.signature_id).map(|d| d.signed_at);
        let _ = writeln!(
            out,
            "  {}. {} ({}) — {}",
            i + 1,
            shown(&s.signer_name),
            s.role.label_nl().to_lowercase(),
            yes(s.valid)
        );
        let _ = writeln!(out, "     vingerafdruk / fingerprint: {}", shown(&s.fingerprint));
        if let Some(at) = signed_at {
            let _ = writeln!(out, "     getekend op / signed on:    {}", crate::base::dates::date_time_nl(at));
        }
        if let (Some(nl), Some(en)) = (&s.problem, &s.problem_en) {
            let _ = writeln!(out, "     {nl} / {en}");
        }
    }
    if !report.missing_roles.is_empty() {
        let missing: Vec<_> = report.missing_roles.iter().map(|r| r.label_nl().to_lowercase()).collect();
        let _ = writeln!(out, "Ontbrekende handtekeningen / missing signatures: {}", missing.join(", "));
    }
}

/// [`pages_text`] for the validation record.
pub(super) fn pages_line(pages: &Pages) -> String {
    pages_text(pages)
}

/// Whether the pages were compared with the ones drawn from the record, and what came out.
fn pages_text(pages: &Pages) -> String {
    match pages {
        Pages::Match => {
            "komen overeen met het ondertekende besluit / match the signed decision (byte voor byte / byte for byte)"
                .to_string()
        }
        Pages::Differ { .. } => {
            "KOMEN NIET OVEREEN met het ondertekende besluit / DO NOT MATCH the signed decision".to_string()
        }
        Pages::OtherRenderer { producer } => {
            let made_by = producer.as_deref().map(shown).unwrap_or_else(|| "?".into());
            let ours = super::producer();
            format!(
                "NIET VERGELEKEN: gemaakt door \"{made_by}\", deze controle is \"{ours}\"; gebruik ai-toets-verify van \
                 die versie / NOT COMPARED: made by \"{made_by}\", this verifier is \"{ours}\"; use ai-toets-verify of that version"
            )
        }
        Pages::NotDrawn(m) => format!("NIET VERGELEKEN / NOT COMPARED: {} / {}", m.nl, m.en),
    }
}

/// What the roster says of the signers, and which roster that was.
fn signers_text(out: &mut String, v: &Verification) {
    let signers = match &v.signers {
        Signers::NotChecked => "niet bevestigd (geen --roster) / not confirmed (no --roster)",
        Signers::Confirmed => "bevestigd door de ledenlijst / confirmed by the roster",
        Signers::Refused(_) => "NIET BEVESTIGD door de ledenlijst / NOT CONFIRMED by the roster",
        Signers::Doubtful(_) => {
            "TWIJFEL: een sleutel is later gecompromitteerd verklaard / DOUBT: a key was later declared compromised"
        }
    };
    let _ = writeln!(out, "Ondertekenaars / signers: {signers}");
    if let Signers::Doubtful(checks) = &v.signers {
        for c in checks {
            let _ = writeln!(
                out,
                "  {} ({}): wanneer deze sleutel tekende is uit de PDF niet te bewijzen / when this key signed cannot be proven from the PDF",
                shown(&c.signer_name),
                c.role.label_nl().to_lowercase()
            );
        }
    }
    if let Some((founding, head, count)) = &v.roster {
        let _ = writeln!(out, "Ledenlijst / roster: oprichting / founding {founding}");
        let _ = writeln!(out, "  laatste van {count} gebeurtenissen / last of {count} events: {head}");
        let _ = writeln!(out, "  vergelijk met de gepubliceerde ledenlijst / compare with the published roster");
    }
}

/// The verdict with its problems, then what is left for the reader to compare.
fn result_text(out: &mut String, v: &Verification) {
    let verdict = v.verdict();
    match verdict {
        Verdict::Valid => {
            let _ = writeln!(out, "Uitslag / result: GELDIG / VALID");
        }
        Verdict::Invalid => {
            let _ = writeln!(out, "Uitslag / result: ONGELDIG / NOT VALID");
            for p in v.problems() {
                let _ = writeln!(out, "  - {} / {}", p.nl, p.en);
            }
        }
        Verdict::PagesNotCompared => {
            let _ = writeln!(
                out,
                "Uitslag / result: NIET VOLLEDIG GECONTROLEERD: besluit en handtekeningen kloppen, de pagina's zijn niet vergeleken \
                 / NOT FULLY CHECKED: decision and signatures hold, the pages were not compared"
            );
        }
        Verdict::Unconfirmed => {
            if v.signers != Signers::Confirmed {
                let _ = writeln!(
                    out,
                    "Uitslag / result: Handtekeningen kloppen onderling, ondertekenaars niet bevestigd \
                     / signatures are consistent, signers not confirmed"
                );
            } else {
                let _ = writeln!(
                    out,
                    "Uitslag / result: Handtekeningen en ondertekenaars kloppen, toetsingskader niet bevestigd \
                     / signatures and signers hold, framework not confirmed"
                );
            }
        }
    }
    to_compare_text(out, v, verdict);
}

/// What the reader still has to compare by hand: the fingerprints (signers not confirmed) and
/// the hash of a framework taken from the PDF.
fn to_compare_text(out: &mut String, v: &Verification, verdict: Verdict) {
    if verdict != Verdict::Invalid && v.signers != Signers::Confirmed {
        let _ = writeln!(
            out,
            "Vergelijk deze vingerafdrukken met de gepubliceerde ledenlijst van de commissie \
             / compare these fingerprints with the committee's published roster:"
        );
        for s in &v.report.signatures {
            let _ = writeln!(
                out,
                "  {}: {} — {}",
                s.role.label_nl().to_lowercase(),
                shown(&s.signer_name),
                shown(&s.fingerprint)
            );
        }
    }
    if let (FrameworkSource::Embedded { sha256 }, Verdict::Unconfirmed) = (&v.framework, verdict) {
        let _ = writeln!(
            out,
            "Het toetsingskader komt uit de PDF zelf en valt niet onder de handtekeningen: vergelijk sha256 {sha256} \
             met het kader dat de gemeente publiceerde / the framework comes from the PDF itself and is not covered by \
             the signatures: compare sha256 {sha256} with the framework the municipality published"
        );
    }
}
