//! The adopted yearly reports and their signatures (`yearly_reports`, `report_signatures`,
//! migration 0015): append-only, each row with its audit entry.

use rusqlite::{params, TransactionBehavior};
use uuid::Uuid;

use super::audit::append_audit;
use super::{format_time, from_json, parse_time, parse_uuid, storage_error, to_json, SqliteStore};
use crate::audit::{state_hash, Change};
use crate::base::error::Result;
use crate::pilot::Signature;
use crate::report::signing::AdoptedReport;

/// Every adopted report with its signatures, oldest first. A row that does not read (or a
/// signature row whose id is not its signature's) is left out, so one bad row cannot stop a
/// page or the check on open; [`problems`] names it.
pub(super) fn list(store: &mut SqliteStore) -> Result<Vec<AdoptedReport>> {
    Ok(read(store)?.0)
}

/// The rows of adopted reports that do not hold, for the check on open.
pub(super) fn problems(store: &mut SqliteStore) -> Result<Vec<String>> {
    Ok(read(store)?.1)
}

fn read(store: &mut SqliteStore) -> Result<(Vec<AdoptedReport>, Vec<String>)> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    type Row = (String, String, String, String, String, String);
    let rows: Vec<Row> = {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT id, period, record, content_hash, adopted_at, adopted_by FROM yearly_reports ORDER BY rowid",
            )
            .map_err(fail)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .map_err(fail)?;
        rows.collect::<rusqlite::Result<_>>().map_err(fail)?
    };
    let signatures: Vec<(String, String, String)> = {
        let mut stmt =
            store.conn.prepare("SELECT id, report_id, body FROM report_signatures ORDER BY rowid").map_err(fail)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(fail)?;
        rows.collect::<rusqlite::Result<_>>().map_err(fail)?
    };
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
pub(super) fn add(store: &mut SqliteStore, report: &AdoptedReport, change: &Change) -> Result<()> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
    tx.execute(
        "INSERT INTO yearly_reports (id, period, record, content_hash, adopted_at, adopted_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            report.id.to_string(),
            to_json(&report.period)?,
            report.record,
            report.content_hash,
            format_time(report.adopted_at)?,
            report.adopted_by
        ],
    )
    .map_err(fail)?;
    let subject = format!("report:{}", report.id);
    append_audit(&tx, &path, change, subject, state_hash(&report.kept())?, report.adopted_at)?;
    tx.commit().map_err(fail)
}

/// Keeps a signature on adopted report `report` with its audit entry.
pub(super) fn add_signature(
    store: &mut SqliteStore,
    report: Uuid,
    signature: &Signature,
    change: &Change,
) -> Result<()> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
    tx.execute(
        "INSERT INTO report_signatures (id, report_id, body, signed_at) VALUES (?1, ?2, ?3, ?4)",
        params![signature.id.to_string(), report.to_string(), to_json(signature)?, format_time(signature.signed_at)?],
    )
    .map_err(fail)?;
    let subject = format!("reportsig:{}", signature.id);
    append_audit(&tx, &path, change, subject, state_hash(signature)?, signature.signed_at)?;
    tx.commit().map_err(fail)
}
