//! Checks an archival PDF on its own, offline: reads the signed record attached to it,
//! recomputes the content hash, and verifies every signature strictly. This is what the
//! `ai-toets-verify` command prints for an archivist.

use std::fmt::Write as _;

use crate::error::{Error, Message, Result};
use crate::signing::{verify_document, DocumentReport, SignedDocument};

fn bad_file(nl: impl Into<String>, en: impl Into<String>) -> Error {
    Error::BadFile(Message::new(nl, en))
}

/// Reads the signed record from an AI-toets PDF and checks it.
pub fn verify_pdf(pdf: &[u8]) -> Result<DocumentReport> {
    let json = super::archive::attachment(pdf, super::RECORD_ATTACHMENT)
        .map_err(|_| bad_file("Dit is geen leesbare PDF.", "This is not a readable PDF."))?
        .ok_or_else(|| {
            bad_file(
                format!("Deze PDF bevat geen besluit van AI-toets (bijlage {} ontbreekt).", super::RECORD_ATTACHMENT),
                format!("This PDF holds no AI-toets decision (attachment {} is missing).", super::RECORD_ATTACHMENT),
            )
        })?;
    let document: SignedDocument = serde_json::from_slice(&json).map_err(|e| {
        bad_file(
            format!("Het besluit in deze PDF is beschadigd en niet te lezen: {e}"),
            format!("The decision in this PDF is damaged and cannot be read: {e}"),
        )
    })?;
    verify_document(&document)
}

fn yes(ok: bool) -> &'static str {
    if ok {
        "klopt / valid"
    } else {
        "KLOPT NIET / INVALID"
    }
}

/// The report as plain text, Dutch first, English second.
pub fn report_text(report: &DocumentReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Inhoudshash / content hash: {}", yes(report.hash_holds()));
    let _ = writeln!(out, "  vermeld / stated:   {}", report.stated_hash);
    let _ = writeln!(out, "  berekend / computed: {}", report.computed_hash);
    let _ = writeln!(out, "Handtekeningen / signatures: {}", report.signatures.len());
    for (i, s) in report.signatures.iter().enumerate() {
        let _ =
            writeln!(out, "  {}. {} ({}) — {}", i + 1, s.signer_name, s.role.label_nl().to_lowercase(), yes(s.valid));
        let _ = writeln!(out, "     vingerafdruk / fingerprint: {}", s.fingerprint);
        if let (Some(nl), Some(en)) = (&s.problem, &s.problem_en) {
            let _ = writeln!(out, "     {nl} / {en}");
        }
    }
    if !report.missing_roles.is_empty() {
        let missing: Vec<_> = report.missing_roles.iter().map(|r| r.label_nl().to_lowercase()).collect();
        let _ = writeln!(out, "Ontbrekende handtekeningen / missing signatures: {}", missing.join(", "));
    }
    let _ =
        writeln!(out, "Uitslag / result: {}", if report.valid() { "GELDIG / VALID" } else { "ONGELDIG / NOT VALID" });
    out
}
