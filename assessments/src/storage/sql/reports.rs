//! The adopted yearly reports and their signatures (`yearly_reports`, `report_signatures`,
//! migration 0015): append-only, each row with its audit entry.

use uuid::Uuid;

use super::audit::append_audit;
use super::{args, format_time, from_json, parse_time, parse_uuid, to_json, Tx};
use crate::audit::{state_hash, Change};
use crate::base::error::Result;
use crate::pilot::Signature;
use crate::report::signing::AdoptedReport;

/// Every adopted report with its signatures, oldest first, and the rows that do not hold
/// (for the check on open). A row that does not read (or a signature row whose id is not its
/// signature's) is left out, so one bad row cannot stop a page or the check on open.
pub(super) fn read(tx: &mut dyn Tx) -> Result<(Vec<AdoptedReport>, Vec<String>)> {
    let rows = tx
        .query(
            "SELECT id, period, record, content_hash, adopted_at, adopted_by FROM yearly_reports ORDER BY rowid",
            &[],
        )?
        .into_iter()
        .map(|mut r| Ok((r.text(0)?, r.text(1)?, r.text(2)?, r.text(3)?, r.text(4)?, r.text(5)?)))
        .collect::<Result<Vec<_>>>()?;
    let signatures = tx
        .query("SELECT id, report_id, body FROM report_signatures ORDER BY rowid", &[])?
        .into_iter()
        .map(|mut r| Ok((r.text(0)?, r.text(1)?, r.text(2)?)))
        .collect::<Result<Vec<_>>>()?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (id, period, record, content_hash, adopted_at, adopted_by) in rows {
        let mut kept = Vec::new();
        for (row_id, report, body) in signatures.iter().filter(|(_, report, _)| *report == id) {
            match from_json::<Signature>(body) {
                Ok(s) if s.id.to_string() == *row_id => kept.push(s),
                _ => {
                    problems.push(format!("Handtekening {row_id} op jaarrapportage {report}: onleesbaar of gekopieerd"))
                }
            }
        }
        let read = || -> Result<AdoptedReport> {
            Ok(AdoptedReport {
                id: parse_uuid(&id)?,
                period: from_json(&period)?,
                content_hash: content_hash.clone(),
                record: record.clone(),
                adopted_at: parse_time(&adopted_at)?,
                adopted_by: adopted_by.clone(),
                signatures: kept,
            })
        };
        match read() {
            Ok(report) => out.push(report),
            Err(_) => problems.push(format!("Jaarrapportage {id}: onleesbaar")),
        }
    }
    Ok((out, problems))
}

/// Keeps an adopted report (without signatures) with its audit entry.
pub(super) fn add(tx: &mut dyn Tx, report: &AdoptedReport, change: &Change) -> Result<()> {
    tx.execute(
        "INSERT INTO yearly_reports (id, period, record, content_hash, adopted_at, adopted_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        args![
            report.id.to_string(),
            to_json(&report.period)?,
            &report.record,
            &report.content_hash,
            format_time(report.adopted_at)?,
            &report.adopted_by
        ],
    )?;
    let subject = format!("report:{}", report.id);
    append_audit(tx, change, subject, state_hash(&report.kept())?, report.adopted_at)
}

/// Keeps a signature on adopted report `report` with its audit entry.
pub(super) fn add_signature(tx: &mut dyn Tx, report: Uuid, signature: &Signature, change: &Change) -> Result<()> {
    tx.execute(
        "INSERT INTO report_signatures (id, report_id, body, signed_at) VALUES (?1, ?2, ?3, ?4)",
        args![signature.id.to_string(), report.to_string(), to_json(signature)?, format_time(signature.signed_at)?],
    )?;
    let subject = format!("reportsig:{}", signature.id);
    append_audit(tx, change, subject, state_hash(signature)?, signature.signed_at)
}
