//! Files that cross from one machine to another: a proposal the project lead sends to the
//! committee secretary, an existing Algoritmeregister entry to start a proposal from, and a
//! draft register entry for an approved pilot. Whatever comes in is checked whole before any of
//! it is used; text that comes in is data (HTML is turned into plain text), never markup (an
//! invariant, ARCHITECTURE.md).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::base::error::{Error, Message, Result};
use crate::pilot::Proposal;
use crate::views::PilotView;
use crate::wizard::{Instrument, RegisterCategory};

/// Names the proposal file format; `PROPOSAL_FILE_VERSION` its version (docs/proposal-file.md).
pub const PROPOSAL_FILE_FORMAT: &str = "ai-toets/proposal";
pub const PROPOSAL_FILE_VERSION: u32 = 1;
/// The largest file we read. A real proposal is a few tens of kilobytes.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ProposalFile {
    format: String,
    version: u32,
    #[serde(with = "time::serde::rfc3339")]
    exported_at: OffsetDateTime,
    proposal: Proposal,
}

fn bad_file(nl: impl Into<String>, en: impl Into<String>) -> Error {
    Error::BadFile(Message::new(nl, en))
}

fn read_text(bytes: &[u8]) -> Result<&str> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(bad_file(
            format!(
                "Het bestand is te groot ({} kB; hooguit {} kB). Er is niets geïmporteerd.",
                bytes.len() / 1024,
                MAX_FILE_BYTES / 1024
            ),
            "The file is too large. Nothing was imported.",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| {
        bad_file(
            "Dit is geen tekstbestand (geen UTF-8). Er is niets geïmporteerd.",
            "This is not a UTF-8 text file. Nothing was imported.",
        )
    })?;
    if text.contains('\0') {
        return Err(bad_file(
            "Het bestand bevat ongeldige tekens. Er is niets geïmporteerd.",
            "The file contains invalid characters. Nothing was imported.",
        ));
    }
    Ok(text)
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

/// Reads a proposal file. Any problem (not JSON, cut off, another format or version, unknown
/// or wrong fields, text too long) is an error, and then nothing is used.
pub fn read_proposal_file(bytes: &[u8]) -> Result<Proposal> {
    let text = read_text(bytes)?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let (nl, en) = if e.is_eof() {
            ("Het bestand is afgebroken: het einde ontbreekt.", "The file is cut off: its end is missing.")
        } else {
            ("Dit is geen geldig voorstelbestand (geen JSON).", "This is not a valid proposal file (not JSON).")
        };
        bad_file(format!("{nl} Er is niets geïmporteerd. ({e})"), format!("{en} Nothing was imported."))
    })?;
    if value.get("format").and_then(Value::as_str) != Some(PROPOSAL_FILE_FORMAT) {
        return Err(bad_file(
            "Dit is geen voorstelbestand van AI-toets. Er is niets geïmporteerd.",
            "This is not an AI-toets proposal file. Nothing was imported.",
        ));
    }
    let version = value.get("version").and_then(Value::as_u64);
    if version != Some(u64::from(PROPOSAL_FILE_VERSION)) {
        return Err(bad_file(
            format!(
                "Dit voorstelbestand heeft versie {}; deze AI-toets leest versie {PROPOSAL_FILE_VERSION}. Er is niets geïmporteerd.",
                version.map(|v| v.to_string()).unwrap_or_else(|| "?".into())
            ),
            "This proposal file has another version. Nothing was imported.",
        ));
    }
    let file: ProposalFile = serde_path_to_error::deserialize(value).map_err(|e| {
        bad_file(
            format!("Het voorstelbestand klopt niet bij '{}': {}. Er is niets geïmporteerd.", e.path(), e.inner()),
            format!("The proposal file is invalid at '{}': {}. Nothing was imported.", e.path(), e.inner()),
        )
    })?;
    file.proposal.validate_draft()?;
    Ok(file.proposal)
}

/// HTML from a register entry as plain text: tags gone, entities decoded, paragraphs kept.
pub fn plain_text(html: &str) -> String {
    let text = html2text::config::plain_no_decorate()
        .string_from_read(html.as_bytes(), 10_000)
        .unwrap_or_else(|_| html.to_string());
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_string()
}

fn cut(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        text
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// Starts a proposal from an existing Algoritmeregister entry (the register's JSON, one entry
/// or a list holding one). Fields are mapped, HTML becomes plain text, Dutch characters stay.
pub fn proposal_from_register(bytes: &[u8]) -> Result<Proposal> {
    let text = read_text(bytes)?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        bad_file(
            format!("Dit is geen geldig registerbestand (geen JSON): {e}. Er is niets geïmporteerd."),
            "Not a valid register file. Nothing was imported.",
        )
    })?;
    let entry = match &value {
        Value::Array(items) if items.len() == 1 => &items[0],
        Value::Array(items) => {
            return Err(bad_file(
                format!(
                    "Het bestand bevat {} registraties; kies een bestand met één. Er is niets geïmporteerd.",
                    items.len()
                ),
                "The file holds several entries; choose one with a single entry. Nothing was imported.",
            ))
        }
        Value::Object(_) => &value,
        _ => {
            return Err(bad_file(
                "Dit is geen registratie uit het Algoritmeregister.",
                "This is not an algorithm register entry.",
            ))
        }
    };
    let field = |keys: &[&str]| -> String {
        keys.iter()
            .filter_map(|k| entry.get(*k))
            .find_map(|v| match v {
                Value::String(s) if !s.trim().is_empty() => Some(plain_text(s)),
                Value::Array(items) => {
                    let parts: Vec<String> = items.iter().filter_map(Value::as_str).map(plain_text).collect();
                    (!parts.is_empty()).then(|| parts.join(", "))
                }
                _ => None,
            })
            .unwrap_or_default()
    };
    let title = field(&["name"]);
    if title.is_empty() {
        return Err(bad_file(
            "Deze registratie heeft geen naam; het lijkt geen Algoritmeregister-bestand.",
            "This entry has no name; it does not look like a register file.",
        ));
    }
    let intake = crate::intake::fields();
    let max = |key: &str| intake.iter().find(|f| f.key == key).map(|f| f.max).unwrap_or(2499);
    let mut details = BTreeMap::new();
    for (key, sources) in [
        ("legalBasis", &["legal_basis", "lawful_basis"][..]),
        ("alternatives", &["considerations", "proportionality"]),
        ("humanIntervention", &["human_intervention"]),
        ("riskManagement", &["risk_management", "risks"]),
        ("technicalOperation", &["technical_operation", "methods_and_models"]),
        ("supplier", &["supplier", "provider"]),
        ("theme", &["theme", "category"]),
        ("contact", &["contact", "website"]),
    ] {
        let value = field(sources);
        if !value.is_empty() {
            details.insert(key.to_string(), cut(value, max(key)));
        }
    }
    let proposal = Proposal {
        title: cut(title, 99),
        description: cut(field(&["description_short"]), 399),
        purpose: cut(field(&["purpose_and_impact", "goal"]), 2499),
        data_used: cut(field(&["data", "source_data"]), 2499),
        details,
        ..Proposal::default()
    };
    proposal.validate_draft()?;
    Ok(proposal)
}

/// A draft Algoritmeregister entry (publication standard 1.0.0) for an approved pilot.
pub fn register_entry(view: &PilotView, organization: &str) -> Result<Value> {
    if !view.pilot.actions().export_register {
        return Err(Error::not_allowed(
            "Een registratie voor het Algoritmeregister kan pas na een positief besluit.",
            "A register entry can only be made after a positive decision.",
        ));
    }
    let p = &view.pilot.proposal;
    let d = |key: &str| p.details.get(key).cloned().unwrap_or_default();
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
        "name": cut(p.title.clone(), 99),
        "description_short": cut(p.description.clone(), 399),
        "organization": cut(organization.to_string(), 99),
        "theme": if theme.is_empty() { vec!["Organisatie en bedrijfsvoering".to_string()] } else { theme },
        "status": "In ontwikkeling",
        "start_date": start.get(..7).unwrap_or(""),
        "contact": d("contact"),
        "publication_category": publication_category,
        "purpose_and_impact": cut(p.purpose.clone(), 2499),
        "considerations": cut(considerations, 2499),
        "human_intervention": cut(d("humanIntervention"), 2499),
        "risk_management": cut(d("riskManagement"), 2499),
        "legal_basis": cut(d("legalBasis"), 2499),
        "impact_assessments": impact,
        "data": cut(p.data_used.clone(), 2499),
        "technical_operation": cut(d("technicalOperation"), 4999),
        "supplier": cut(d("supplier"), 199),
        "language": "nld",
        "schema": "1.0.0",
        "source_id": view.pilot.id.to_string(),
    }))
}
