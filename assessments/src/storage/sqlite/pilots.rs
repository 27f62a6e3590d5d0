//! The pilots table group: `pilots`, its overview copy `pilot_names`, and the `answers`,
//! `decisions` and `signatures` of each pilot.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use uuid::Uuid;

use super::audit::append_audit;
use super::SqliteStore;
use super::{corrupt, format_time, from_json, from_text, parse_time, parse_uuid, storage_error, to_json, to_text};
use crate::audit::{state_hash, Change};
use crate::base::error::{Error, Result};
use crate::base::text::optional_date;
use crate::framework::FrameworkRef;
use crate::pilot::{Answer, Condition, Decision, Pilot, PilotSummary, Signature};
use crate::storage::Batch;

/// All pilots, most recently changed first, with the overview's name and department.
pub(super) fn list(store: &mut SqliteStore) -> Result<Vec<PilotSummary>> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT p.id, p.status, coalesce(n.title, json_extract(p.proposal, '$.title')),
                    coalesce(n.department, json_extract(p.proposal, '$.department')), p.updated_at,
                    coalesce(n.round, 1)
             FROM pilots p LEFT JOIN pilot_names n ON n.pilot_id = p.id
             ORDER BY p.updated_at DESC, p.id",
        )
        .map_err(|e| storage_error(&store.path, e))?;
    let rows = stmt
        .query_map([], |r| {
            let (id, status): (String, String) = (r.get(0)?, r.get(1)?);
            Ok((id, status, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?, r.get::<_, i64>(5)?))
        })
        .map_err(|e| storage_error(&store.path, e))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, status, title, department, updated_at, round) = row.map_err(|e| storage_error(&store.path, e))?;
        out.push(PilotSummary {
            id: parse_uuid(&id)?,
            title,
            department,
            status: from_text(&status)?,
            round: u32::try_from(round).map_err(|_| corrupt("pilot", "round"))?,
            updated_at: parse_time(&updated_at)?,
        });
    }
    Ok(out)
}

pub(super) fn load_batch(store: &mut SqliteStore, from: u64, limit: usize) -> Result<Batch> {
    let tx = store.conn.transaction().map_err(|e| storage_error(&store.path, e))?;
    let which = Which::After(i64::try_from(from).unwrap_or(i64::MAX), i64::try_from(limit).unwrap_or(i64::MAX));
    let rows = read_pilots(&tx, &which).map_err(|e| storage_error(&store.path, e))?;
    let next = rows.last().map(|(rowid, _, _)| u64::try_from(*rowid).unwrap_or(u64::MAX));
    Ok(Batch { pilots: rows.into_iter().map(|(_, id, p)| (id, p)).collect(), next })
}

pub(super) fn load(store: &mut SqliteStore, id: Uuid) -> Result<Pilot> {
    let tx = store.conn.transaction().map_err(|e| storage_error(&store.path, e))?;
    let pilot = read_pilot(&tx, id).map_err(|e| storage_error(&store.path, e))??;
    Ok(pilot)
}

pub(super) fn create(store: &mut SqliteStore, pilot: &mut Pilot, change: &Change) -> Result<()> {
    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| storage_error(&store.path, e))?;
    tx.execute(
        "INSERT INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at, reassesses)
         VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            pilot.id.to_string(),
            to_text(&pilot.status)?,
            pilot.framework.id,
            pilot.framework.version,
            to_json(&pilot.proposal)?,
            format_time(pilot.created_at)?,
            format_time(pilot.updated_at)?,
            pilot.reassesses.as_ref().map(to_json).transpose()?,
        ],
    )
    .map_err(|e| storage_error(&store.path, e))?;
    write_names(&tx, pilot).map_err(|e| storage_error(&store.path, e))?;
    let stored = Pilot { revision: 1, ..pilot.clone() };
    append_audit(&tx, &store.path, change, format!("pilot:{}", pilot.id), state_hash(&stored)?, pilot.updated_at)?;
    tx.commit().map_err(|e| storage_error(&store.path, e))?;
    pilot.revision = 1;
    Ok(())
}

/// Writes a changed pilot if its stored revision is still `pilot.revision`: the pilot row,
/// its name, answers, new signatures and decision, and the audit entry, in one transaction.
pub(super) fn save(store: &mut SqliteStore, pilot: &mut Pilot, change: &Change) -> Result<()> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
    let stored: Option<i64> = tx
        .query_row("SELECT revision FROM pilots WHERE id = ?1", [pilot.id.to_string()], |r| r.get(0))
        .optional()
        .map_err(fail)?;
    match stored {
        None => return Err(Error::NotFound { what: "pilot" }),
        Some(r) if r != pilot.revision => return Err(Error::Conflict),
        Some(_) => {}
    }
    let id = pilot.id.to_string();
    // Order matters for the lock triggers: signatures and answers go in while the
    // decision is still unsigned; the decision row flips to signed last.
    tx.execute(
        "UPDATE pilots SET revision = revision + 1, status = ?2, proposal = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, to_text(&pilot.status)?, to_json(&pilot.proposal)?, format_time(pilot.updated_at)?],
    )
    .map_err(fail)?;
    write_names(&tx, pilot).map_err(fail)?;
    write_answers(&tx, &path, &id, pilot)?;
    write_signatures(&tx, &path, &id, pilot)?;
    write_decision(&tx, &path, &id, pilot)?;
    let stored = Pilot { revision: pilot.revision + 1, ..pilot.clone() };
    append_audit(&tx, &path, change, format!("pilot:{}", pilot.id), state_hash(&stored)?, pilot.updated_at)?;
    tx.commit().map_err(fail)?;
    pilot.revision += 1;
    Ok(())
}

/// Upserts each answer of the pilot `id`; a row that did not change is not written.
fn write_answers(conn: &Connection, path: &Path, id: &str, pilot: &Pilot) -> Result<()> {
    let fail = |e: rusqlite::Error| storage_error(path, e);
    for (question_id, a) in &pilot.answers {
        conn.execute(
            "INSERT INTO answers (pilot_id, question_id, verdict, notes, conditions) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (pilot_id, question_id) DO UPDATE SET
               verdict = excluded.verdict, notes = excluded.notes, conditions = excluded.conditions
             WHERE verdict IS NOT excluded.verdict OR notes IS NOT excluded.notes
               OR conditions IS NOT excluded.conditions",
            params![id, question_id, a.verdict.as_ref().map(to_text).transpose()?, a.notes, to_json(&a.conditions)?],
        )
        .map_err(fail)?;
    }
    Ok(())
}

/// Inserts the signatures of the pilot `id` that are not stored yet (a signature is never
/// changed).
fn write_signatures(conn: &Connection, path: &Path, id: &str, pilot: &Pilot) -> Result<()> {
    let fail = |e: rusqlite::Error| storage_error(path, e);
    for s in &pilot.signatures {
        conn.execute(
            "INSERT INTO signatures (id, pilot_id, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE NOT EXISTS (SELECT 1 FROM signatures WHERE id = ?1)",
            params![
                s.id.to_string(),
                id,
                s.signer_name,
                to_text(&s.role)?,
                format_time(s.signed_at)?,
                s.content_hash,
                to_json(&s.proof)?,
                s.member_id.to_string(),
                s.checkpoint.as_ref().map(to_json).transpose()?,
                s.committee
            ],
        )
        .map_err(fail)?;
    }
    Ok(())
}

/// Upserts the decision of the pilot `id`, signed when the pilot is, or deletes it when the
/// pilot has none.
fn write_decision(conn: &Connection, path: &Path, id: &str, pilot: &Pilot) -> Result<()> {
    let fail = |e: rusqlite::Error| storage_error(path, e);
    match &pilot.decision {
        Some(d) => {
            let signed = pilot.status == crate::pilot::Status::Signed;
            conn.execute(
                "INSERT INTO decisions (pilot_id, outcome, reasons, conditions, evaluation_date, decided_at, meeting, signed, required_signers, framework_hash, ai_act, attachments, report_dates)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (pilot_id) DO UPDATE SET outcome = excluded.outcome, reasons = excluded.reasons,
                   conditions = excluded.conditions, evaluation_date = excluded.evaluation_date,
                   decided_at = excluded.decided_at, meeting = excluded.meeting, signed = excluded.signed,
                   required_signers = excluded.required_signers, framework_hash = excluded.framework_hash,
                   ai_act = excluded.ai_act, attachments = excluded.attachments,
                   report_dates = excluded.report_dates",
                params![
                    id,
                    to_text(&d.outcome)?,
                    d.reasons,
                    to_json(&d.conditions)?,
                    date_text(d)?,
                    format_time(d.decided_at)?,
                    d.meeting.as_ref().map(to_json).transpose()?,
                    signed,
                    to_json(&d.required_signers)?,
                    d.framework_hash,
                    d.ai_act.as_ref().map(to_json).transpose()?,
                    if d.attachments.is_empty() { None } else { Some(to_json(&d.attachments)?) },
                    if d.report_dates.is_empty() { None } else { Some(to_json(&d.report_dates)?) }
                ],
            )
            .map_err(fail)?;
        }
        None => {
            conn.execute("DELETE FROM decisions WHERE pilot_id = ?1", [id]).map_err(fail)?;
        }
    }
    Ok(())
}

/// The round that assesses `earlier` again, with its status and outcome, if there is one.
pub(super) fn later_round(store: &mut SqliteStore, earlier: Uuid) -> Result<Option<crate::followup::LaterRound>> {
    let row: Option<(String, String, Option<String>)> = store
        .conn
        .query_row(
            "SELECT p.id, p.status, d.outcome FROM pilots p LEFT JOIN decisions d ON d.pilot_id = p.id
             WHERE p.reassesses IS NOT NULL AND json_extract(p.reassesses, '$.earlier') = ?1",
            [earlier.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(|e| storage_error(&store.path, e))?;
    row.map(|(id, status, outcome)| {
        Ok(crate::followup::LaterRound::new(
            parse_uuid(&id)?,
            from_text(&status)?,
            outcome.as_deref().map(from_text).transpose()?,
        ))
    })
    .transpose()
}

/// The overview's copy of the pilot's name and department (see migration 0006), written in
/// the same transaction as every save (an invariant, ARCHITECTURE.md).
fn write_names(conn: &Connection, pilot: &Pilot) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO pilot_names (pilot_id, title, department, round) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (pilot_id) DO UPDATE SET title = excluded.title, department = excluded.department,
           round = excluded.round
         WHERE title IS NOT excluded.title OR department IS NOT excluded.department OR round IS NOT excluded.round",
        params![
            pilot.id.to_string(),
            pilot.proposal.title,
            pilot.proposal.department,
            pilot.reassesses.as_ref().map_or(1, |r| r.round)
        ],
    )
}

/// Reads a whole pilot. The outer result is SQLite's, the inner one decoding's.
fn read_pilot(conn: &Connection, id: Uuid) -> rusqlite::Result<Result<Pilot>> {
    let one = Which::One(id.to_string());
    Ok(read_pilots(conn, &one)?.pop().map(|(_, _, p)| p).unwrap_or(Err(Error::NotFound { what: "pilot" })))
}

/// Which pilots [`read_pilots`] reads: one, or a batch in storage order (rowid) after a given
/// position.
enum Which {
    One(String),
    After(i64, i64),
}

impl Which {
    /// The `WHERE` clause that picks these pilots by `column`, their id.
    fn filter(&self, column: &str) -> String {
        let batch = "SELECT id FROM pilots WHERE rowid > ?1 ORDER BY rowid LIMIT ?2";
        match self {
            Which::One(_) => format!("WHERE {column} = ?1"),
            Which::After(..) => format!("WHERE {column} IN ({batch})"),
        }
    }

    /// The parameters of [`Which::filter`].
    fn params(&self) -> Vec<&dyn rusqlite::ToSql> {
        match self {
            Which::One(id) => vec![id],
            Which::After(after, limit) => vec![after, limit],
        }
    }
}

type AnswerRow = (String, Option<String>, String, String);
type DecisionRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    String,
    bool,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);
type SignatureRow = (String, String, String, String, String, String, String, Option<String>, Option<String>);

/// A row of `pilots`, as stored.
struct PilotRow {
    id: String,
    revision: i64,
    status: String,
    framework_id: String,
    framework_version: String,
    proposal: String,
    created_at: String,
    updated_at: String,
    reassesses: Option<String>,
}

/// Reads one pilot or a batch of them, with four queries in all: pilots, answers, decisions,
/// signatures. Each pilot is assembled on its own, so one damaged record is reported as such
/// and does not hide the others.
fn read_pilots(conn: &Connection, which: &Which) -> rusqlite::Result<Vec<(i64, Uuid, Result<Pilot>)>> {
    let mut answers = read_answers(conn, which)?;
    let mut decisions = read_decisions(conn, which)?;
    let mut signatures = read_signatures(conn, which)?;

    let sql = format!(
        "SELECT id, revision, status, framework_id, framework_version, proposal, created_at, updated_at, rowid, reassesses FROM pilots {} ORDER BY rowid",
        which.filter("id")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(which.params().as_slice())?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let row = pilot_row(r)?;
        let id = row.id.clone();
        let assembled = assemble(
            row,
            answers.remove(&id).unwrap_or_default(),
            decisions.remove(&id),
            signatures.remove(&id).unwrap_or_default(),
        );
        out.push((r.get(8)?, parse_uuid(&id).unwrap_or_default(), assembled));
    }
    Ok(out)
}

/// The answers of the pilots `which` picks, by pilot id.
fn read_answers(conn: &Connection, which: &Which) -> rusqlite::Result<HashMap<String, Vec<AnswerRow>>> {
    let mut answers: HashMap<String, Vec<AnswerRow>> = HashMap::new();
    let sql =
        format!("SELECT pilot_id, question_id, verdict, notes, conditions FROM answers {}", which.filter("pilot_id"));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(which.params().as_slice())?;
    while let Some(r) = rows.next()? {
        answers.entry(r.get(0)?).or_default().push((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
    }
    Ok(answers)
}

/// The decisions of the pilots `which` picks, by pilot id.
fn read_decisions(conn: &Connection, which: &Which) -> rusqlite::Result<HashMap<String, DecisionRow>> {
    let mut decisions: HashMap<String, DecisionRow> = HashMap::new();
    let sql = format!(
        "SELECT pilot_id, outcome, reasons, conditions, evaluation_date, decided_at, meeting, required_signers, signed, framework_hash, ai_act, attachments, report_dates FROM decisions {}",
        which.filter("pilot_id")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(which.params().as_slice())?;
    while let Some(r) = rows.next()? {
        let row = (
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get(10)?,
            r.get(11)?,
            r.get(12)?,
        );
        decisions.insert(r.get(0)?, row);
    }
    Ok(decisions)
}

/// The signatures of the pilots `which` picks, by pilot id, in the order they were made.
fn read_signatures(conn: &Connection, which: &Which) -> rusqlite::Result<HashMap<String, Vec<SignatureRow>>> {
    let mut signatures: HashMap<String, Vec<SignatureRow>> = HashMap::new();
    let sql = format!(
        "SELECT pilot_id, id, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee FROM signatures {} ORDER BY signed_at, rowid",
        which.filter("pilot_id")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(which.params().as_slice())?;
    while let Some(r) = rows.next()? {
        let row = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?);
        signatures.entry(r.get(0)?).or_default().push(row);
    }
    Ok(signatures)
}

/// The columns of a `pilots` row as [`read_pilots`] selects them.
fn pilot_row(r: &Row<'_>) -> rusqlite::Result<PilotRow> {
    Ok(PilotRow {
        id: r.get(0)?,
        status: r.get(2)?,
        proposal: r.get(5)?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
        revision: r.get(1)?,
        framework_id: r.get(3)?,
        framework_version: r.get(4)?,
        reassesses: r.get(9)?,
    })
}

/// Decodes one pilot from its rows; any column that does not decode makes it an error.
fn assemble(
    row: PilotRow,
    answers: Vec<AnswerRow>,
    decision: Option<DecisionRow>,
    signatures: Vec<SignatureRow>,
) -> Result<Pilot> {
    Ok(Pilot {
        id: parse_uuid(&row.id)?,
        revision: row.revision,
        status: from_text(&row.status)?,
        framework: FrameworkRef { id: row.framework_id, version: row.framework_version },
        proposal: from_json(&row.proposal)?,
        answers: answers.into_iter().map(answer_of).collect::<Result<_>>()?,
        decision: decision.map(|d| decision_of(d, &row.status)).transpose()?,
        signatures: signatures.into_iter().map(signature_of).collect::<Result<_>>()?,
        reassesses: row.reassesses.as_deref().map(from_json).transpose()?,
        created_at: parse_time(&row.created_at)?,
        updated_at: parse_time(&row.updated_at)?,
    })
}

fn answer_of((q, v, notes, conditions): AnswerRow) -> Result<(String, Answer)> {
    let verdict = v.as_deref().map(from_text).transpose()?;
    Ok((q, Answer { verdict, notes, conditions: from_json(&conditions)? }))
}

/// Decodes a decision of a pilot with `status` (as stored).
fn decision_of(
    (
        outcome,
        reasons,
        conditions,
        evaluation_date,
        decided_at,
        meeting,
        required_signers,
        signed,
        framework_hash,
        ai_act,
        attachments,
        report_dates,
    ): DecisionRow,
    status: &str,
) -> Result<Decision> {
    // The lock flag and the status say the same, or the row was edited by hand.
    if signed != (status == "signed") {
        return Err(corrupt("decision", "the signed flag does not match the status"));
    }
    Ok(Decision {
        outcome: from_text(&outcome)?,
        reasons,
        conditions: from_json::<Vec<Condition>>(&conditions)?,
        evaluation_date: evaluation_date.as_deref().map(parse_date).transpose()?,
        decided_at: parse_time(&decided_at)?,
        meeting: meeting.as_deref().map(from_json).transpose()?,
        required_signers: from_json(&required_signers)?,
        framework_hash,
        ai_act: ai_act.as_deref().map(from_json).transpose()?,
        attachments: attachments.as_deref().map(from_json).transpose()?.unwrap_or_default(),
        report_dates: report_dates.as_deref().map(from_json).transpose()?.unwrap_or_default(),
    })
}

fn signature_of(
    (sid, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee): SignatureRow,
) -> Result<Signature> {
    Ok(Signature {
        id: parse_uuid(&sid)?,
        member_id: parse_uuid(&member_id)?,
        signer_name,
        role: from_text(&role)?,
        signed_at: parse_time(&signed_at)?,
        content_hash,
        proof: from_json(&proof)?,
        checkpoint: checkpoint.as_deref().map(from_json).transpose()?,
        committee,
    })
}

fn parse_date(s: &str) -> Result<time::Date> {
    crate::base::text::parse_date(s).ok_or_else(|| corrupt("date", s))
}

fn date_text(d: &Decision) -> Result<Option<String>> {
    let v =
        optional_date::serialize(&d.evaluation_date, serde_json::value::Serializer).map_err(|e| corrupt("date", e))?;
    Ok(v.as_str().map(str::to_string))
}

/// Every pilot's id with its stored revision.
pub(super) fn revisions(store: &mut SqliteStore) -> Result<Vec<(Uuid, i64)>> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let mut stmt = store.conn.prepare("SELECT id, revision FROM pilots").map_err(fail)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).map_err(fail)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, revision) = row.map_err(fail)?;
        out.push((parse_uuid(&id)?, revision));
    }
    Ok(out)
}
