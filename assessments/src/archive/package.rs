//! The transfer package (*overdrachtspakket*) of a period: every signed decision as the archive
//! keeps it, in one BagIt bag, and the check of such a bag (`ai-toets-verify --bag`).
//!
//! ```text
//! <bag>/bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
//! <bag>/data/overdracht.json                        what the package is: period, settings, official, moment, decisions
//! <bag>/data/ledenlijst.json                        the roster, as published, at transfer
//! <bag>/data/<dossier>/dossier.mdto.xml             MDTO informatieobject (Dossier)
//! <bag>/data/<dossier>/<decision>/besluit.mdto.xml  MDTO informatieobject (Archiefstuk)
//!     besluit.pdf                 transfer copy, PDF/A-2b, no embedded files
//!     ai-toets-besluit.json       the signed record (its SHA-256 on the PDF's last page)
//!     toetsingskader.toml         the framework, when the app does not ship it
//!     bijlage-…                   the files the decision relied on
//!     validatierapport.json/.xml/.pdf   the validation record (art. 24(c))
//!     <each file>.mdto.xml        MDTO bestand: name, size, SHA-256, PRONOM format
//! ```
//!
//! `<dossier>` is the first round's id (every re-assessment of a pilot shares it),
//! `<decision>` the round's own id. Decisions are drawn and validated on every core at once.
//!
//! Every file is a function of the signed records, the roster and `overdracht.json`: the check
//! ([`verify`]) draws each transfer copy again from its record and writes every validation
//! record and MDTO file again, and compares them with the package byte for byte. What it cannot
//! know: whether `overdracht.json` (who validated, when, which settings) is what was written
//! then, for neither it nor the package as a whole is signed; only each decision is.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::bagit;
use super::mdto::{self, Event, FileObject, Ident, InformationObject, Reference, Retention, Term};
use super::{Appraisal, ArchiveSettings};
use crate::base::error::{Error, Message, Result};
use crate::base::hash::sha256_hex;
use crate::committee::roster_log::RosterState;
use crate::framework::Framework;
use crate::pdf::validation::{self, ValidationRecord};
use crate::pdf::verify::{self, shown, Verdict};
use crate::pdf::{FRAMEWORK_ATTACHMENT, RECORD_ATTACHMENT};
use crate::pilot::Pilot;
use crate::report::{Period, PeriodRequest, Progress};

pub const ROSTER_FILE: &str = "ledenlijst.json";
pub const PACKAGE_FILE: &str = "overdracht.json";
pub const PACKAGE_FORMAT: &str = "ai-toets/overdracht/v1";
pub const DOSSIER_MDTO: &str = "dossier.mdto.xml";
pub const DECISION_MDTO: &str = "besluit.mdto.xml";
pub const TRANSFER_PDF: &str = "besluit.pdf";
const MDTO_SUFFIX: &str = ".mdto.xml";
const EVENTS: &str = "Begrippenlijst EventTypeLijst MDTO";

/// One signed decision to transfer: the round, its framework and the bytes of the files it
/// relied on, in its order.
pub struct Entry {
    pub pilot: Pilot,
    pub framework: Framework,
    pub files: Vec<Vec<u8>>,
}

/// What goes into every decision's metadata.
pub struct Request<'a> {
    pub period: Period,
    pub municipality: &'a str,
    pub settings: &'a ArchiveSettings,
    /// The official responsible for the validation (art. 24(c)).
    pub official: &'a str,
    /// The roster as published (`ledenlijst.json`), to confirm the signers with; `None` for a
    /// committee without a roster log (the validation records then say the signers are not
    /// confirmed).
    pub roster: Option<&'a [u8]>,
    pub now: OffsetDateTime,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub path: String,
    pub decisions: u32,
    pub files: u32,
    /// Payload bytes.
    pub bytes: f64,
}

fn date_text(t: OffsetDateTime) -> String {
    let d = t.to_offset(time::UtcOffset::UTC).date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn utc(t: OffsetDateTime) -> String {
    crate::base::dates::rfc3339(t.to_offset(time::UtcOffset::UTC))
}

/// `date` plus `years` (29 February becomes 28 February in a year without it).
fn years_after(date: Date, years: u16) -> Date {
    let year = date.year() + i32::from(years);
    date.replace_year(year).or_else(|_| date.replace_day(28).and_then(|d| d.replace_year(year))).unwrap_or(date)
}

/// What a package is, as `overdracht.json` says: everything its files were made from besides
/// the signed records and the roster.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageRecord {
    pub format: String,
    pub period: Period,
    pub municipality: String,
    pub settings: ArchiveSettings,
    /// The official responsible for the validation.
    pub official: String,
    #[serde(with = "time::serde::rfc3339")]
    pub made_at: OffsetDateTime,
    /// The SHA-256 of `ledenlijst.json`; `None`: the committee had no roster log.
    pub roster_sha256: Option<String>,
    /// Every decision in the package (the rounds' ids), in the order made.
    pub decisions: Vec<Uuid>,
}

/// When a signed decision became what it is: its last signature.
fn completed(pilot: &Pilot) -> OffsetDateTime {
    pilot.signatures.iter().map(|s| s.signed_at).max().unwrap_or(pilot.updated_at)
}

/// The dossier a round belongs to: the first round's id.
pub fn dossier_of(pilot: &Pilot) -> Uuid {
    pilot.reassesses.as_ref().map_or(pilot.id, |r| r.dossier)
}

struct Context<'a> {
    request: &'a Request<'a>,
    source: String,
    creator: Reference,
    state: Option<RosterState>,
}

/// The context every file of a package is written in.
fn context<'a>(request: &'a Request<'a>) -> Result<Context<'a>> {
    let state = request.roster.map(verify::read_roster).transpose()?;
    let s = request.settings;
    let name = if s.creator.trim().is_empty() { request.municipality } else { s.creator.trim() };
    let creator = Reference {
        name: name.to_string(),
        id: (!s.creator_id.trim().is_empty()).then(|| Ident {
            mark: s.creator_id.trim().to_string(),
            source: "Register van Overheidsorganisaties".into(),
        }),
    };
    Ok(Context { request, source: format!("AI-toets, {}", request.municipality), creator, state })
}

impl Context<'_> {
    fn ident(&self, mark: impl Into<String>) -> Ident {
        Ident { mark: mark.into(), source: self.source.clone() }
    }

    fn appraisal(&self, from: OffsetDateTime) -> (Term, Option<Retention>) {
        let s = self.request.settings;
        let list = "Begrippenlijst Waarderingen MDTO";
        match (s.appraisal, s.retention_years) {
            (Appraisal::Destroy, Some(years)) => {
                let start = from.to_offset(time::UtcOffset::UTC).date();
                let retention = Retention {
                    trigger: Term::new("Bevriezing", None, EVENTS),
                    start: date_text(from),
                    duration: format!("P{years}Y"),
                    end: {
                        let end = years_after(start, years);
                        format!("{:04}-{:02}-{:02}", end.year(), u8::from(end.month()), end.day())
                    },
                };
                (Term::new("Tijdelijk te bewaren", Some("V"), list), Some(retention))
            }
            _ => (Term::new("Blijvend te bewaren", Some("B"), list), None),
        }
    }

    fn category(&self) -> Term {
        let s = self.request.settings;
        Term::new(&s.category_label, Some(&s.category_code), &s.selection_list)
    }

    fn access(&self) -> Term {
        Term::new(&self.request.settings.access, None, "Archiefwet: openbaarheid")
    }
}

/// A file of the package, below `data/`.
type Files = Vec<(String, Vec<u8>)>;

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("transfer package: {e}"))
}

/// A file of a decision with its media type.
type Content<'a> = Vec<(String, Vec<u8>, &'a str)>;

/// The files of one decision: the transfer copy, its record, framework and attachments, then
/// [`metadata_files`].
fn decision_files(cx: &Context<'_>, entry: &Entry) -> Result<Files> {
    let pilot = &entry.pilot;
    let sheet = crate::pdf::Sheet::new(pilot, &entry.framework)?.with_files(entry.files.clone());
    let transfer = crate::pdf::render_transfer(sheet)?;
    let mut files: Content<'_> = vec![
        (TRANSFER_PDF.into(), transfer.pdf, "application/pdf"),
        (RECORD_ATTACHMENT.into(), transfer.record.into_bytes(), "application/json"),
    ];
    if let Some(framework) = transfer.framework {
        files.push((FRAMEWORK_ATTACHMENT.into(), framework.into_bytes(), "application/toml"));
    }
    let relied_on = pilot.decision.as_ref().map_or(&[][..], |d| d.attachments.as_slice());
    for (i, (reference, bytes)) in relied_on.iter().zip(&entry.files).enumerate() {
        files.push((crate::pdf::embedded_name(i + 1, reference), bytes.clone(), reference.media_type.as_str()));
    }
    // The validation: the verifier's own check of the transfer copy and the files beside it
    // (its pages were drawn from that record a moment ago).
    let beside: Vec<(String, Vec<u8>)> = files[1..].iter().map(|(n, b, _)| (n.clone(), b.clone())).collect();
    let mut checked = verify::verify_just_drawn(&files[0].1, beside)?;
    if let Some(state) = &cx.state {
        verify::confirm_with(&mut checked, state);
    }
    metadata_files(cx, pilot, files, &checked)
}

/// `content` (the transfer copy first) with the validation record of `checked` as JSON, XML
/// and PDF, the MDTO *bestand* of every file and the decision's *archiefstuk*.
fn metadata_files(
    cx: &Context<'_>,
    pilot: &Pilot,
    mut content: Content<'_>,
    checked: &verify::Verification,
) -> Result<Files> {
    let pdf = &content.first().ok_or_else(|| internal("no transfer copy"))?.1;
    let record =
        ValidationRecord::of(checked, (TRANSFER_PDF, pdf), cx.request.roster, cx.request.official, cx.request.now);
    content.push((validation::VALIDATION_JSON.into(), record.to_json()?.into_bytes(), "application/json"));
    content.push((validation::VALIDATION_XML.into(), record.to_xml().into_bytes(), "application/xml"));
    content.push((validation::VALIDATION_PDF.into(), record.to_pdf()?, "application/pdf"));

    let object = archiefstuk(cx, pilot, &checked.document.content_hash, &record);
    let me = Reference { name: object.name.clone(), id: Some(cx.ident(pilot.id.to_string())) };
    let mut out: Files = Vec::with_capacity(content.len() * 2 + 1);
    out.push((DECISION_MDTO.into(), object.to_xml().into_bytes()));
    for (name, bytes, media) in content {
        let pdfa2 = name == TRANSFER_PDF || name == validation::VALIDATION_PDF;
        let file = FileObject {
            id: cx.ident(format!("{}/{name}", pilot.id)),
            name: name.clone(),
            size: bytes.len() as u64,
            format: mdto::format_of(&name, media, pdfa2),
            sha256: sha256_hex(&bytes),
            checked_at: utc(cx.request.now),
            represents: me.clone(),
        };
        out.push((format!("{name}{MDTO_SUFFIX}"), file.to_xml().into_bytes()));
        out.push((name, bytes));
    }
    Ok(out)
}

/// The MDTO *archiefstuk* of one signed decision.
fn archiefstuk(cx: &Context<'_>, pilot: &Pilot, content_hash: &str, validated: &ValidationRecord) -> InformationObject {
    let decision = pilot.decision.as_ref();
    let outcome = decision.map(|d| d.outcome.label_nl()).unwrap_or("—");
    // The class the decision recorded; else what the wizard concludes from the record's answers.
    let class = match decision.and_then(|d| d.ai_act.as_ref()) {
        Some(c) => c.class.label_nl().to_string(),
        None => pilot.ai_act().map(|c| c.class.label_nl().to_string()).unwrap_or_else(|_| "onbekend".into()),
    };
    let decided = decision.map_or(pilot.updated_at, |d| d.decided_at);
    let done = completed(pilot);
    let committee = Reference { name: "Ethische commissie AI".into(), id: None };
    let mut events = vec![Event {
        kind: Term::new("Creatie", None, EVENTS),
        at: utc(decided),
        actor: Some(committee),
        result: Some(format!("Besluit: {outcome}")),
    }];
    for s in &pilot.signatures {
        let crate::pilot::SignatureProof::Ed25519 { fingerprint, .. } = &s.proof;
        events.push(Event {
            kind: Term::new("Ondertekening", None, EVENTS),
            at: utc(s.signed_at),
            actor: Some(Reference {
                name: format!("{} ({})", s.signer_name, s.role.label_nl().to_lowercase()),
                id: Some(Ident {
                    mark: fingerprint.clone(),
                    source: "AI-toets: vingerafdruk sleutel (SHA-256)".into(),
                }),
            }),
            result: None,
        });
    }
    events.push(Event { kind: Term::new("Bevriezing", None, EVENTS), at: utc(done), actor: None, result: None });
    events.push(Event {
        kind: Term::new("Validatie ondertekening", None, EVENTS),
        at: utc(validated.validated_at),
        actor: Some(Reference { name: validated.official.clone(), id: None }),
        result: Some(format!("{} (zie {})", validated.outcome.label_nl(), validation::VALIDATION_XML)),
    });
    let (appraisal, retention) = cx.appraisal(done);
    let title = pilot.proposal.title.replace('\n', " ");
    let dossier = dossier_of(pilot);
    let file = |name: &str| Reference { name: name.into(), id: Some(cx.ident(format!("{}/{name}", pilot.id))) };
    let related = pilot
        .reassesses
        .iter()
        .map(|r| {
            (
                Reference {
                    name: format!("Eerder besluit (inhoudshash {})", r.earlier_hash),
                    id: Some(cx.ident(r.earlier.to_string())),
                },
                Term::new("Vervangt", None, "AI-toets: relaties tussen besluiten"),
            )
        })
        .collect();
    InformationObject {
        ids: vec![
            cx.ident(pilot.id.to_string()),
            Ident { mark: content_hash.to_string(), source: "AI-toets: inhoudshash (SHA-256)".into() },
        ],
        name: format!("Besluit ethische commissie AI: {title}"),
        level: Term::new("Archiefstuk", None, "Begrippenlijst Aggregatieniveaus MDTO"),
        classifications: vec![
            Term::new(outcome, None, "AI-toets: besluiten"),
            Term::new(&class, None, "AI-verordening (EU) 2024/1689: risicoklassen"),
        ],
        description: Some(format!(
            "{outcome}, besloten op {}; {} voorwaarde(n); ondertekend door {}.",
            crate::base::dates::date_nl(decided.date()),
            decision.map_or(0, |d| d.conditions.len()),
            pilot.signatures.len()
        )),
        coverage: None,
        events,
        appraisal,
        retention,
        category: Some(cx.category()),
        part_of: vec![Reference { name: format!("AI-pilot: {title}"), id: Some(cx.ident(dossier.to_string())) }],
        contains: vec![],
        representations: vec![file(TRANSFER_PDF), file(RECORD_ATTACHMENT)],
        additional: vec![file(validation::VALIDATION_XML)],
        related,
        creator: cx.creator.clone(),
        access: cx.access(),
    }
}

/// The MDTO *dossier* of one pilot: every round of it in the package.
fn dossier(cx: &Context<'_>, id: Uuid, rounds: &[&Pilot]) -> InformationObject {
    // In the order they were signed, whatever order they were found in.
    let mut rounds = rounds.to_vec();
    rounds.sort_by_key(|p| (completed(p), p.id));
    let latest = rounds.iter().max_by_key(|p| completed(p)).map(|p| p.proposal.title.replace('\n', " "));
    // From the first decision (what the signed records tell) to the last signature.
    let begin = rounds
        .iter()
        .map(|p| p.decision.as_ref().map_or(p.updated_at, |d| d.decided_at))
        .min()
        .unwrap_or(cx.request.now);
    let end = rounds.iter().map(|p| completed(p)).max().unwrap_or(cx.request.now);
    let (appraisal, retention) = cx.appraisal(end);
    InformationObject {
        ids: vec![cx.ident(id.to_string())],
        name: format!("AI-pilot: {}", latest.unwrap_or_default()),
        level: Term::new("Dossier", None, "Begrippenlijst Aggregatieniveaus MDTO"),
        classifications: vec![],
        description: Some(format!(
            "Toetsing van een AI-pilot door de ethische commissie: {} besluit(en).",
            rounds.len()
        )),
        coverage: Some((
            Term::new("Besluitvorming", None, "AI-toets: dekking in tijd"),
            date_text(begin),
            Some(date_text(end)),
        )),
        events: vec![],
        appraisal,
        retention,
        category: Some(cx.category()),
        part_of: vec![],
        contains: rounds
            .iter()
            .map(|p| Reference {
                name: format!("Besluit ethische commissie AI: {}", p.proposal.title.replace('\n', " ")),
                id: Some(cx.ident(p.id.to_string())),
            })
            .collect(),
        representations: vec![],
        additional: vec![],
        related: vec![],
        creator: cx.creator.clone(),
        access: cx.access(),
    }
}

/// Runs `work` on every item on all cores, handing each result to `done` on this thread in the
/// order they finish. Stops at the first error.
fn on_all_cores<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> Result<R> + Sync,
    mut done: impl FnMut(usize, R) -> Result<()>,
) -> Result<()> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len()).max(1);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() || stop.load(Ordering::Relaxed) {
                    break;
                }
                if tx.send((i, work(&items[i]))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            if let Err(e) = result.and_then(|r| done(i, r)) {
                stop.store(true, Ordering::Relaxed);
                return Err(e);
            }
        }
        Ok(())
    })
}

/// Writes the transfer package of `entries` as a bag at `target` (a folder that does not exist
/// yet), reporting progress per decision. Nothing is left at `target` when it fails.
pub fn build(
    entries: &[Entry],
    request: &Request<'_>,
    target: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary> {
    if entries.is_empty() {
        return Err(Error::not_allowed(
            "Er zijn geen ondertekende besluiten in deze periode; er is geen pakket gemaakt.",
            "There are no signed decisions in this period; no package was made.",
        ));
    }
    request.settings.check()?;
    let cx = context(request)?;
    let creator_name = cx.creator.name.clone();
    let total = u32::try_from(entries.len()).unwrap_or(u32::MAX);
    let mut bag = bagit::Writer::new(target)?;
    let record = PackageRecord {
        format: PACKAGE_FORMAT.into(),
        period: request.period,
        municipality: request.municipality.to_string(),
        settings: request.settings.clone(),
        official: request.official.to_string(),
        made_at: request.now,
        roster_sha256: request.roster.map(sha256_hex),
        decisions: entries.iter().map(|e| e.pilot.id).collect(),
    };
    let record = serde_json::to_string_pretty(&record).map_err(internal)?;
    bag.add(PACKAGE_FILE, record.as_bytes())?;
    let (mut done, mut files, mut bytes) = (0u32, 1u32, record.len() as u64);
    if let Some(roster) = request.roster {
        bag.add(ROSTER_FILE, roster)?;
        files += 1;
        bytes += roster.len() as u64;
    }
    progress(Progress { step: "decisions".into(), done: 0, total });
    on_all_cores(
        entries,
        |entry| decision_files(&cx, entry),
        |i, out| {
            let pilot = &entries[i].pilot;
            let folder = format!("{}/{}", dossier_of(pilot), pilot.id);
            for (name, content) in out {
                bytes += content.len() as u64;
                files += 1;
                bag.add(&format!("{folder}/{name}"), &content)?;
            }
            done += 1;
            progress(Progress { step: "decisions".into(), done, total });
            Ok(())
        },
    )?;
    let mut dossiers: BTreeMap<Uuid, Vec<&Pilot>> = BTreeMap::new();
    for e in entries {
        dossiers.entry(dossier_of(&e.pilot)).or_default().push(&e.pilot);
    }
    for (id, rounds) in &dossiers {
        let xml = dossier(&cx, *id, rounds).to_xml();
        bytes += xml.len() as u64;
        files += 1;
        bag.add(&format!("{id}/{DOSSIER_MDTO}"), xml.as_bytes())?;
    }
    progress(Progress { step: "writing".into(), done: total, total });
    let path = bag.finish(&bag_info(request, &creator_name, entries.len()))?;
    Ok(Summary { path: path.display().to_string(), decisions: done, files, bytes: bytes as f64 })
}

/// The lines of `bag-info.txt` besides `Payload-Oxum`.
fn bag_info(request: &Request<'_>, creator: &str, decisions: usize) -> Vec<(&'static str, String)> {
    vec![
        ("Source-Organization", creator.to_string()),
        ("External-Description", format!("Besluiten van de ethische commissie AI, {}", request.period.label_nl())),
        ("External-Identifier", format!("ai-toets-overdracht-{}", request.period.label_nl().replace(' ', "-"))),
        ("Bagging-Date", date_text(request.now)),
        ("Bag-Software-Agent", agent()),
        ("Contact-Name", request.official.trim().to_string()),
        ("AI-toets-Besluiten", decisions.to_string()),
    ]
}

/// Who made the package: `Bag-Software-Agent`.
fn agent() -> String {
    format!("AI-toets {}; opmaak/renderer {}", env!("CARGO_PKG_VERSION"), crate::pdf::RENDERER_VERSION)
}

// Checking a package.

/// Where the roster the signers were confirmed against came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterSource {
    /// The package's own `ledenlijst.json`: made by whoever made the package; compare its
    /// founding hash with the one the committee published.
    Package,
    /// Given with `--roster`.
    Given,
    /// None at hand.
    None,
}

/// The check of one decision in a package.
#[derive(Debug, Clone)]
pub struct DecisionCheck {
    /// `<dossier>/<decision>` below `data/`.
    pub folder: String,
    pub title: String,
    pub verdict: Verdict,
    pub problems: Vec<Message>,
    /// The validation record in the package, as read (it is not signed: what it says holds
    /// only as far as the check wrote the same again).
    pub validation: Option<ValidationRecord>,
}

/// The check of a whole package.
#[derive(Debug, Clone)]
pub struct BagReport {
    /// What does not hold of the bag itself (RFC 8493), its layout and `overdracht.json`.
    pub bag: Vec<Message>,
    pub decisions: Vec<DecisionCheck>,
    pub roster: Option<(String, String, i64)>,
    pub roster_source: RosterSource,
    pub files: usize,
    /// The `Bag-Software-Agent` of a package made by another version of AI-toets: its files
    /// were not written again to compare (use `ai-toets-verify` of that version).
    pub other_version: Option<String>,
}

impl BagReport {
    /// What the package comes to, as `ai-toets-verify` exits: [`Verdict::Valid`] only when
    /// everything holds and a roster given from outside (`--roster`, the published one)
    /// confirms every signer; confirmed by the package's own roster only, it is
    /// [`Verdict::Unconfirmed`] (whoever made the package made that roster too).
    pub fn verdict(&self) -> Verdict {
        match self.holds() {
            Verdict::Valid if self.roster_source != RosterSource::Given => Verdict::Unconfirmed,
            v => v,
        }
    }

    /// [`Self::verdict`] taking the package's own roster at its word: what the app that made
    /// the package says of it.
    pub fn holds(&self) -> Verdict {
        let verdicts = || self.decisions.iter().map(|d| d.verdict);
        if !self.bag.is_empty() || self.decisions.is_empty() || verdicts().any(|v| v == Verdict::Invalid) {
            Verdict::Invalid
        } else if self.other_version.is_some() || verdicts().any(|v| v == Verdict::PagesNotCompared) {
            Verdict::PagesNotCompared
        } else if verdicts().any(|v| v == Verdict::Unconfirmed) {
            Verdict::Unconfirmed
        } else {
            Verdict::Valid
        }
    }
}

fn said(nl: String, en: String) -> Message {
    Message::new(nl, en)
}

/// The files of one decision folder, by name.
type Folder = BTreeMap<String, Vec<u8>>;

/// Checks one decision folder: the transfer copy against the files beside it (as
/// `ai-toets-verify` checks a PDF), the folder against the record, and every other file
/// (validation record, MDTO) against what AI-toets writes for this record, roster and package.
fn check_decision(
    cx: &Context<'_>,
    given: Option<&RosterState>,
    compare_written: bool,
    folder: &str,
    files: &Folder,
) -> (DecisionCheck, Option<Pilot>) {
    let mut problems = Vec::new();
    let mut check = DecisionCheck {
        folder: folder.to_string(),
        title: String::new(),
        verdict: Verdict::Invalid,
        problems: vec![],
        validation: None,
    };
    let (dossier, decision) = folder.split_once('/').unwrap_or_default();
    let mut wrong = |nl: String, en: String| problems.push(said(format!("{folder}: {nl}"), format!("{folder}: {en}")));
    let Some(pdf) = files.get(TRANSFER_PDF) else {
        wrong(format!("{TRANSFER_PDF} ontbreekt"), format!("{TRANSFER_PDF} is missing"));
        check.problems = problems;
        return (check, None);
    };
    let beside: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter(|(n, _)| {
            *n == RECORD_ATTACHMENT
                || *n == FRAMEWORK_ATTACHMENT
                || (n.starts_with("bijlage-") && !n.ends_with(MDTO_SUFFIX))
        })
        .map(|(n, b)| (n.clone(), b.clone()))
        .collect();
    let v = match verify::verify_transfer(pdf, beside) {
        Ok(v) => v,
        Err(e) => {
            let m = e.message();
            wrong(m.nl, m.en);
            check.problems = problems;
            return (check, None);
        }
    };
    check.title = v.record.proposal.title.clone();
    // With the package's own roster, as the validation records were made.
    let mut own = v.clone();
    if let Some(state) = &cx.state {
        verify::confirm_with(&mut own, state);
    }
    let judged = match given {
        Some(state) => {
            let mut with_given = v.clone();
            verify::confirm_with(&mut with_given, state);
            with_given
        }
        None => own.clone(),
    };
    check.verdict = judged.verdict();
    for p in judged.problems() {
        wrong(p.nl, p.en);
    }
    check.validation = files.get(validation::VALIDATION_JSON).and_then(|j| ValidationRecord::read(j).ok());
    let Some(pilot) = verify::pilot_of(&v.record, &v.document.signatures) else {
        wrong("zonder besluit".into(), "without a decision".into());
        check.problems = problems;
        return (check, None);
    };
    if pilot.id.to_string() != decision || dossier_of(&pilot).to_string() != dossier {
        wrong(
            format!("de map hoort niet bij dit besluit (dat is {}/{})", dossier_of(&pilot), pilot.id),
            format!("the folder does not belong to this decision (that is {}/{})", dossier_of(&pilot), pilot.id),
        );
    }
    if files.get(FRAMEWORK_ATTACHMENT).is_some_and(|f| !framework_as_written(f)) {
        wrong(
            format!("{FRAMEWORK_ATTACHMENT} is niet het kader zoals AI-toets het naast een besluit schrijft"),
            format!("{FRAMEWORK_ATTACHMENT} is not the framework as AI-toets writes it beside a decision"),
        );
    }
    if !compare_written {
        if !problems.is_empty() {
            check.verdict = Verdict::Invalid;
        } else if check.verdict != Verdict::Invalid {
            check.verdict = Verdict::PagesNotCompared;
        }
        check.problems = problems;
        return (check, Some(pilot));
    }
    // Everything else in the folder is what AI-toets writes for this record and this package.
    compare_written_files(cx, &pilot, &own, files, &mut wrong);
    if !problems.is_empty() {
        check.verdict = Verdict::Invalid;
    }
    check.problems = problems;
    (check, Some(pilot))
}

/// Whether `bytes` is a framework the app does not ship, as AI-toets writes it beside a record
/// ([`crate::pdf::framework_source`]: no comment of anyone else's).
fn framework_as_written(bytes: &[u8]) -> bool {
    let parsed = std::str::from_utf8(bytes).ok().and_then(|t| Framework::parse(FRAMEWORK_ATTACHMENT, t).ok());
    let builtin = Framework::builtin().unwrap_or_default();
    parsed
        .as_ref()
        .filter(|f| !builtin.contains(f))
        .and_then(|f| crate::pdf::framework_source(f).ok())
        .is_some_and(|text| text.as_bytes() == bytes)
}

/// Compares the files of a decision folder with what AI-toets writes for this record, roster
/// and package ([`metadata_files`]), naming each that is missing, different or unknown.
fn compare_written_files(
    cx: &Context<'_>,
    pilot: &Pilot,
    own: &verify::Verification,
    files: &Folder,
    wrong: &mut dyn FnMut(String, String),
) {
    let Some(pdf) = files.get(TRANSFER_PDF) else { return };
    let mut content: Content<'_> = vec![(TRANSFER_PDF.into(), pdf.clone(), "application/pdf")];
    for (name, media) in [(RECORD_ATTACHMENT, "application/json"), (FRAMEWORK_ATTACHMENT, "application/toml")] {
        if let Some(bytes) = files.get(name) {
            content.push((name.into(), bytes.clone(), media));
        }
    }
    let relied_on = pilot.decision.as_ref().map_or(&[][..], |d| d.attachments.as_slice());
    for (i, reference) in relied_on.iter().enumerate() {
        let name = crate::pdf::embedded_name(i + 1, reference);
        if let Some(bytes) = files.get(&name) {
            content.push((name, bytes.clone(), reference.media_type.as_str()));
        }
    }
    let expected: BTreeMap<String, Vec<u8>> = match metadata_files(cx, pilot, content, own) {
        Err(e) => return wrong(e.message().nl, e.message().en),
        Ok(expected) => expected.into_iter().collect(),
    };
    for (name, bytes) in &expected {
        match files.get(name) {
            None => wrong(format!("{} ontbreekt", shown(name)), format!("{} is missing", shown(name))),
            Some(found) if found != bytes => wrong(
                format!("{} is niet wat AI-toets voor dit besluit en dit pakket schrijft", shown(name)),
                format!("{} is not what AI-toets writes for this decision and this package", shown(name)),
            ),
            Some(_) => {}
        }
    }
    for name in files.keys().filter(|n| !expected.contains_key(*n)) {
        wrong(format!("onbekend bestand {}", shown(name)), format!("unknown file {}", shown(name)));
    }
}

/// `overdracht.json`, read strictly.
fn package_record(bytes: &[u8]) -> std::result::Result<PackageRecord, String> {
    let record: PackageRecord = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if record.format != PACKAGE_FORMAT {
        return Err(format!("onbekend formaat / unknown format {}", shown(&record.format)));
    }
    Ok(record)
}

/// The payload of a package by its place: the decision folders, the dossiers' MDTO, the
/// roster and `overdracht.json`; anything else is named in `bag`.
struct Payload {
    folders: BTreeMap<String, Folder>,
    dossier_files: BTreeMap<String, Vec<u8>>,
    own_roster: Option<Vec<u8>>,
    record: Option<PackageRecord>,
}

fn sorted(payload: &BTreeMap<String, Vec<u8>>, bag: &mut Vec<Message>) -> Payload {
    let mut folders: BTreeMap<String, Folder> = BTreeMap::new();
    let mut dossier_files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let (mut own_roster, mut record) = (None, None);
    for (path, bytes) in payload {
        match path.split('/').collect::<Vec<_>>().as_slice() {
            ["data", name] if *name == ROSTER_FILE => own_roster = Some(bytes.clone()),
            ["data", name] if *name == PACKAGE_FILE => match package_record(bytes) {
                Ok(r) => record = Some(r),
                Err(e) => bag.push(said(
                    format!("{PACKAGE_FILE} is onleesbaar: {e}"),
                    format!("{PACKAGE_FILE} cannot be read: {e}"),
                )),
            },
            ["data", d, name] if *name == DOSSIER_MDTO => {
                dossier_files.insert((*d).to_string(), bytes.clone());
            }
            ["data", d, p, name] => {
                folders.entry(format!("{d}/{p}")).or_default().insert((*name).to_string(), bytes.clone());
            }
            _ => bag
                .push(said(format!("onverwacht bestand {}", shown(path)), format!("unexpected file {}", shown(path)))),
        }
    }
    Payload { folders, dossier_files, own_roster, record }
}

/// Checks the package at `dir`: the bag by RFC 8493, its layout and `overdracht.json`, the
/// roster, and every decision in it as [`check_decision`] does, on all cores; then each dossier
/// and `bag-info.txt` against the decisions found. `roster`: the roster given (`--roster`);
/// without it the package's own `ledenlijst.json` is used, and the report says so. An error:
/// a roster cannot be used.
pub fn verify(dir: &Path, roster: Option<&[u8]>, progress: &mut dyn FnMut(Progress)) -> Result<BagReport> {
    let checked = bagit::check(dir);
    let mut bag = checked.problems.clone();
    let Payload { folders, dossier_files, own_roster, record } = sorted(&checked.payload, &mut bag);
    let given_file = roster.map(verify::read_roster_file).transpose()?;
    let given = given_file.as_ref().map(|(_, state)| state.clone());
    let roster_source = match (&given, &own_roster) {
        (Some(_), _) => RosterSource::Given,
        (None, Some(_)) => RosterSource::Package,
        (None, None) => RosterSource::None,
    };
    let Some(record) = record else {
        if !checked.payload.contains_key(&format!("data/{PACKAGE_FILE}")) {
            bag.push(said(format!("{PACKAGE_FILE} ontbreekt"), format!("{PACKAGE_FILE} is missing")));
        }
        let roster = given.map(|s| (s.founding.unwrap_or_default(), s.head, s.count));
        return Ok(BagReport {
            bag,
            decisions: vec![],
            roster,
            roster_source,
            files: checked.payload.len(),
            other_version: None,
        });
    };
    if record.roster_sha256 != own_roster.as_deref().map(sha256_hex) {
        bag.push(said(
            format!("{ROSTER_FILE} ontbreekt of is niet de ledenlijst waarmee het pakket is gemaakt"),
            format!("{ROSTER_FILE} is missing or is not the roster the package was made with"),
        ));
    }
    let request = Request {
        period: record.period,
        municipality: &record.municipality,
        settings: &record.settings,
        official: &record.official,
        roster: own_roster.as_deref(),
        now: record.made_at,
    };
    let cx = context(&request)?;
    let own_log = own_roster.as_deref().and_then(|r| verify::read_roster_file(r).ok()).map(|(f, _)| f.log);
    if let (Some((given, _)), Some(own)) = (&given_file, &own_log) {
        // The package's roster log must be the published log's first events, event for event.
        if given.log.get(..own.len()) != Some(own.as_slice()) {
            bag.push(said(
                format!("{ROSTER_FILE} in het pakket is niet (een eerdere stand van) de gegeven ledenlijst"),
                format!("the package's {ROSTER_FILE} is not (an earlier state of) the roster given"),
            ));
        }
    }
    let says = |key: &str| checked.info.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let other_version = says("Bag-Software-Agent").filter(|a| *a != agent());
    let compare_written = other_version.is_none();
    if Period::new(PeriodRequest { year: record.period.year, kind: record.period.kind }).ok() != Some(record.period) {
        bag.push(said(
            format!("{PACKAGE_FILE} noemt een periode die niet bestaat"),
            format!("{PACKAGE_FILE} names a period that does not exist"),
        ));
    }
    let list: Vec<(String, Folder)> = folders.into_iter().collect();
    let total = u32::try_from(list.len()).unwrap_or(u32::MAX);
    progress(Progress { step: "decisions".into(), done: 0, total });
    let mut results: Vec<Option<(DecisionCheck, Option<Pilot>)>> = vec![None; list.len()];
    let mut done = 0;
    on_all_cores(
        &list,
        |(folder, files)| Ok(check_decision(&cx, given.as_ref(), compare_written, folder, files)),
        |i, result| {
            results[i] = Some(result);
            done += 1;
            progress(Progress { step: "decisions".into(), done, total });
            Ok(())
        },
    )?;
    let (decisions, pilots): (Vec<DecisionCheck>, Vec<Option<Pilot>>) = results.into_iter().flatten().unzip();
    let pilots: Vec<Pilot> = pilots.into_iter().flatten().collect();
    package_against_decisions(&cx, &record, &pilots, &dossier_files, compare_written, &mut bag);
    if compare_written {
        let octets: u64 = checked.payload.values().map(|b| b.len() as u64).sum();
        let expected = bagit::info_text(
            &bag_info(&request, &cx.creator.name, record.decisions.len()),
            octets,
            checked.payload.len(),
        );
        if checked.info_text.as_deref() != Some(expected.as_str()) {
            bag.push(said(
                "bag-info.txt is niet wat AI-toets voor dit pakket schrijft".into(),
                "bag-info.txt is not what AI-toets writes for this package".into(),
            ));
        }
    }
    let state = given.as_ref().or(cx.state.as_ref());
    Ok(BagReport {
        bag,
        decisions,
        roster: state.map(|s| (s.founding.clone().unwrap_or_default(), s.head.clone(), s.count)),
        roster_source,
        files: checked.payload.len(),
        other_version,
    })
}

/// The package as a whole against the decisions found in it: each once, the ones
/// `overdracht.json` names, each dossier as AI-toets writes it for its rounds, and `bag-info.txt`.
fn package_against_decisions(
    cx: &Context<'_>,
    record: &PackageRecord,
    pilots: &[Pilot],
    dossier_files: &BTreeMap<String, Vec<u8>>,
    compare_written: bool,
    bag: &mut Vec<Message>,
) {
    for p in pilots.iter().filter(|p| !record.period.contains(completed(p).date())) {
        bag.push(said(
            format!("{}: ondertekend buiten de periode van het pakket ({})", p.id, record.period.label_nl()),
            format!("{}: signed outside the package's period ({})", p.id, record.period.label_nl()),
        ));
    }
    // A signature made for a committee (its founding hash) needs that committee's roster.
    let founding = cx.state.as_ref().and_then(|s| s.founding.clone());
    let named: std::collections::BTreeSet<&String> =
        pilots.iter().flat_map(|p| p.signatures.iter().filter_map(|s| s.committee.as_ref())).collect();
    if named.iter().any(|c| Some(*c) != founding.as_ref()) {
        bag.push(said(
            format!("{ROSTER_FILE} ontbreekt of is niet van de commissie die de besluiten ondertekende"),
            format!("{ROSTER_FILE} is missing or not of the committee that signed the decisions"),
        ));
    }
    let mut found: Vec<Uuid> = pilots.iter().map(|p| p.id).collect();
    found.sort();
    if found.windows(2).any(|w| w[0] == w[1]) {
        bag.push(said(
            "een besluit staat meer dan eens in het pakket".into(),
            "a decision is in the package more than once".into(),
        ));
    }
    let mut named = record.decisions.clone();
    named.sort();
    if named != found {
        bag.push(said(
            format!("{PACKAGE_FILE} noemt {} besluiten, het pakket heeft er {}, of andere", named.len(), found.len()),
            format!("{PACKAGE_FILE} names {} decisions, the package holds {}, or others", named.len(), found.len()),
        ));
    }
    let mut dossiers: BTreeMap<String, Vec<&Pilot>> = BTreeMap::new();
    for p in pilots {
        dossiers.entry(dossier_of(p).to_string()).or_default().push(p);
    }
    for id in dossier_files.keys().filter(|d| !dossiers.contains_key(*d)) {
        bag.push(said(format!("{id}: een dossier zonder besluiten"), format!("{id}: a dossier without decisions")));
    }
    for (id, rounds) in dossiers.iter().filter(|_| compare_written) {
        let expected = Uuid::parse_str(id).ok().map(|uuid| dossier(cx, uuid, rounds).to_xml().into_bytes());
        if expected.is_none() || dossier_files.get(id) != expected.as_ref() {
            bag.push(said(
                format!("{id}/{DOSSIER_MDTO} ontbreekt of is niet wat AI-toets voor deze besluiten schrijft"),
                format!("{id}/{DOSSIER_MDTO} is missing or not what AI-toets writes for these decisions"),
            ));
        }
    }
}
