//! The pilots table group: `pilots`, its overview copy `pilot_names`, and the `answers`,
//! `decisions` and `signatures` of each pilot.

use std::collections::HashMap;

use uuid::Uuid;

use super::audit::append_audit;
use super::{args, corrupt, format_time, from_json, from_text, parse_time, parse_uuid, to_json, to_text, Tx, Value};
use crate::audit::{state_hash, Change};
use crate::base::error::{Error, Result};
use crate::base::text::optional_date;
use crate::framework::FrameworkRef;
use crate::pilot::{Answer, Condition, Decision, Pilot, PilotSummary, Signature};
use crate::storage::Batch;

/// All pilots, most recently changed first, with the overview's name and department.
pub(super) fn list(tx: &mut dyn Tx) -> Result<Vec<PilotSummary>> {
    let d = tx.dialect();
    let sql = format!(
        "SELECT p.id, p.status, coalesce(n.title, {}), coalesce(n.department, {}), p.updated_at, coalesce(n.round, 1)
         FROM pilots p LEFT JOIN pilot_names n ON n.pilot_id = p.id
         ORDER BY p.updated_at DESC, p.id",
        d.json_field("p.proposal", "title"),
        d.json_field("p.proposal", "department"),
    );
    // A row that does not read is left out, so one bad row cannot break the overview of every
    // window; the check on open names it (it reads every pilot row, `load_batch`).
    let read = |mut r: super::Row| -> Result<PilotSummary> {
        Ok(PilotSummary {
            id: parse_uuid(&r.text(0)?)?,
            status: from_text(&r.text(1)?)?,
            title: r.text(2)?,
            department: r.text(3)?,
            updated_at: parse_time(&r.text(4)?)?,
            round: u32::try_from(r.int(5)?).map_err(|_| corrupt("pilot", "round"))?,
        })
    };
    Ok(tx.query(&sql, &[])?.into_iter().filter_map(|r| read(r).ok()).collect())
}

pub(super) fn load_batch(tx: &mut dyn Tx, after: Option<i64>, limit: usize) -> Result<Batch> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let which = match after {
        Some(after) => Which::After(after, limit),
        None => Which::First(limit),
    };
    let rows = read_pilots(tx, &which)?;
    let next = rows.last().map(|(rowid, _, _)| *rowid);
    Ok(Batch { pilots: rows.into_iter().map(|(_, id, p)| (id, p)).collect(), next })
}

pub(super) fn load(tx: &mut dyn Tx, id: Uuid) -> Result<Pilot> {
    let one = Which::One(id.to_string());
    read_pilots(tx, &one)?.pop().map(|(_, _, p)| p).unwrap_or(Err(Error::NotFound { what: "pilot" }))
}

/// Stores a new pilot at revision 1 with its audit entry.
pub(super) fn create(tx: &mut dyn Tx, pilot: &Pilot, change: &Change) -> Result<()> {
    tx.execute(
        "INSERT INTO pilots (id, revision, status, framework_id, framework_version, proposal, created_at, updated_at, reassesses)
         VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        args![
            pilot.id.to_string(),
            to_text(&pilot.status)?,
            &pilot.framework.id,
            &pilot.framework.version,
            to_json(&pilot.proposal)?,
            format_time(pilot.created_at)?,
            format_time(pilot.updated_at)?,
            pilot.reassesses.as_ref().map(to_json).transpose()?,
        ],
    )?;
    write_names(tx, pilot)?;
    let stored = Pilot { revision: 1, ..pilot.clone() };
    append_audit(tx, change, format!("pilot:{}", pilot.id), state_hash(&stored)?, pilot.updated_at)
}

/// Writes a changed pilot if its stored revision is still `pilot.revision`: the pilot row,
/// its name, answers, new signatures and decision, and the audit entry, in the caller's
/// transaction (one writer at a time, [`super::Backend::write`]).
pub(super) fn save(tx: &mut dyn Tx, pilot: &Pilot, change: &Change) -> Result<()> {
    let id = pilot.id.to_string();
    let stored =
        tx.query_opt("SELECT revision FROM pilots WHERE id = ?1", args![&id])?.map(|mut r| r.int(0)).transpose()?;
    match stored {
        None => return Err(Error::NotFound { what: "pilot" }),
        Some(r) if r != pilot.revision => return Err(Error::Conflict),
        Some(_) => {}
    }
    // Order matters for the lock triggers: signatures and answers go in while the
    // decision is still unsigned; the decision row flips to signed last. The revision in the
    // WHERE clause refuses a lost update even if a writer got past the check above.
    let changed = tx.execute(
        "UPDATE pilots SET revision = revision + 1, status = ?2, proposal = ?3, updated_at = ?4 WHERE id = ?1 AND revision = ?5",
        args![&id, to_text(&pilot.status)?, to_json(&pilot.proposal)?, format_time(pilot.updated_at)?, pilot.revision],
    )?;
    if changed != 1 {
        return Err(Error::Conflict);
    }
    write_names(tx, pilot)?;
    write_answers(tx, &id, pilot)?;
    write_signatures(tx, &id, pilot)?;
    write_decision(tx, &id, pilot)?;
    let stored = Pilot { revision: pilot.revision + 1, ..pilot.clone() };
    append_audit(tx, change, format!("pilot:{}", pilot.id), state_hash(&stored)?, pilot.updated_at)
}

/// Upserts each answer of the pilot `id`; a row that did not change is not written.
fn write_answers(tx: &mut dyn Tx, id: &str, pilot: &Pilot) -> Result<()> {
    for (question_id, a) in &pilot.answers {
        tx.execute(
            "INSERT INTO answers (pilot_id, question_id, verdict, notes, conditions) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (pilot_id, question_id) DO UPDATE SET
               verdict = excluded.verdict, notes = excluded.notes, conditions = excluded.conditions
             WHERE answers.verdict IS DISTINCT FROM excluded.verdict OR answers.notes IS DISTINCT FROM excluded.notes
               OR answers.conditions IS DISTINCT FROM excluded.conditions",
            args![id, question_id, a.verdict.as_ref().map(to_text).transpose()?, &a.notes, to_json(&a.conditions)?],
        )?;
    }
    Ok(())
}

/// Inserts the signatures of the pilot `id` that are not stored yet (a signature is never
/// changed).
fn write_signatures(tx: &mut dyn Tx, id: &str, pilot: &Pilot) -> Result<()> {
    for s in &pilot.signatures {
        let sid = s.id.to_string();
        if tx.query_opt("SELECT 1 FROM signatures WHERE id = ?1", args![&sid])?.is_some() {
            continue;
        }
        tx.execute(
            "INSERT INTO signatures (id, pilot_id, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            args![
                sid,
                id,
                &s.signer_name,
                to_text(&s.role)?,
                format_time(s.signed_at)?,
                &s.content_hash,
                to_json(&s.proof)?,
                s.member_id.to_string(),
                s.checkpoint.as_ref().map(to_json).transpose()?,
                s.committee.as_ref()
            ],
        )?;
    }
    Ok(())
}

/// Upserts the decision of the pilot `id`, signed when the pilot is, or deletes it when the
/// pilot has none.
fn write_decision(tx: &mut dyn Tx, id: &str, pilot: &Pilot) -> Result<()> {
    match &pilot.decision {
        Some(d) => {
            let signed = pilot.status == crate::pilot::Status::Signed;
            tx.execute(
                "INSERT INTO decisions (pilot_id, outcome, reasons, conditions, evaluation_date, decided_at, meeting, signed, required_signers, framework_hash, ai_act, attachments, report_dates)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (pilot_id) DO UPDATE SET outcome = excluded.outcome, reasons = excluded.reasons,
                   conditions = excluded.conditions, evaluation_date = excluded.evaluation_date,
                   decided_at = excluded.decided_at, meeting = excluded.meeting, signed = excluded.signed,
                   required_signers = excluded.required_signers, framework_hash = excluded.framework_hash,
                   ai_act = excluded.ai_act, attachments = excluded.attachments,
                   report_dates = excluded.report_dates",
                args![
                    id,
                    to_text(&d.outcome)?,
                    &d.reasons,
                    to_json(&d.conditions)?,
                    date_text(d)?,
                    format_time(d.decided_at)?,
                    d.meeting.as_ref().map(to_json).transpose()?,
                    signed,
                    to_json(&d.required_signers)?,
                    d.framework_hash.as_ref(),
                    d.ai_act.as_ref().map(to_json).transpose()?,
                    if d.attachments.is_empty() { None } else { Some(to_json(&d.attachments)?) },
                    if d.report_dates.is_empty() { None } else { Some(to_json(&d.report_dates)?) }
                ],
            )?;
        }
        None => {
            tx.execute("DELETE FROM decisions WHERE pilot_id = ?1", args![id])?;
        }
    }
    Ok(())
}

/// The round that assesses `earlier` again, with its status and outcome, if there is one.
pub(super) fn later_round(tx: &mut dyn Tx, earlier: Uuid) -> Result<Option<crate::followup::LaterRound>> {
    let sql = format!(
        "SELECT p.id, p.status, d.outcome FROM pilots p LEFT JOIN decisions d ON d.pilot_id = p.id
         WHERE p.reassesses IS NOT NULL AND {} = ?1",
        tx.dialect().json_field("p.reassesses", "earlier")
    );
    tx.query_opt(&sql, args![earlier.to_string()])?
        .map(|mut r| {
            Ok(crate::followup::LaterRound::new(
                parse_uuid(&r.text(0)?)?,
                from_text(&r.text(1)?)?,
                r.opt_text(2)?.as_deref().map(from_text).transpose()?,
            ))
        })
        .transpose()
}

/// The overview's copy of the pilot's name and department (see migration 0006), written in
/// the same transaction as every save (an invariant, ARCHITECTURE.md).
fn write_names(tx: &mut dyn Tx, pilot: &Pilot) -> Result<usize> {
    tx.execute(
        "INSERT INTO pilot_names (pilot_id, title, department, round) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (pilot_id) DO UPDATE SET title = excluded.title, department = excluded.department,
           round = excluded.round
         WHERE pilot_names.title IS DISTINCT FROM excluded.title
           OR pilot_names.department IS DISTINCT FROM excluded.department
           OR pilot_names.round IS DISTINCT FROM excluded.round",
        args![
            pilot.id.to_string(),
            &pilot.proposal.title,
            &pilot.proposal.department,
            pilot.reassesses.as_ref().map_or(1, |r| r.round)
        ],
    )
}

/// Which pilots [`read_pilots`] reads: one, or a batch in storage order (rowid) after a given
/// position.
enum Which {
    One(String),
    /// The first `limit`, from the lowest rowid there is.
    First(i64),
    /// Up to `limit` after rowid `after`.
    After(i64, i64),
}

impl Which {
    /// The `WHERE` clause that picks these pilots by `column`, their id.
    fn filter(&self, column: &str) -> String {
        match self {
            Which::One(_) => format!("WHERE {column} = ?1"),
            Which::First(_) => format!("WHERE {column} IN (SELECT id FROM pilots ORDER BY rowid LIMIT ?1)"),
            Which::After(..) => {
                format!("WHERE {column} IN (SELECT id FROM pilots WHERE rowid > ?1 ORDER BY rowid LIMIT ?2)")
            }
        }
    }

    /// The parameters of [`Which::filter`].
    fn args(&self) -> Vec<Value> {
        match self {
            Which::One(id) => vec![id.into()],
            Which::First(limit) => vec![(*limit).into()],
            Which::After(after, limit) => vec![(*after).into(), (*limit).into()],
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
fn read_pilots(tx: &mut dyn Tx, which: &Which) -> Result<Vec<(i64, Uuid, Result<Pilot>)>> {
    let mut answers = read_answers(tx, which)?;
    let mut decisions = read_decisions(tx, which)?;
    let mut signatures = read_signatures(tx, which)?;

    let sql = format!(
        "SELECT id, revision, status, framework_id, framework_version, proposal, created_at, updated_at, rowid, reassesses FROM pilots {} ORDER BY rowid",
        which.filter("id")
    );
    let mut out = Vec::new();
    for mut r in tx.query(&sql, &which.args())? {
        let rowid = r.int(8)?;
        let row = PilotRow {
            id: r.text(0)?,
            revision: r.int(1)?,
            status: r.text(2)?,
            framework_id: r.text(3)?,
            framework_version: r.text(4)?,
            proposal: r.text(5)?,
            created_at: r.text(6)?,
            updated_at: r.text(7)?,
            reassesses: r.opt_text(9)?,
        };
        let id = row.id.clone();
        let assembled = assemble(
            row,
            answers.remove(&id).unwrap_or_default(),
            decisions.remove(&id),
            signatures.remove(&id).unwrap_or_default(),
        );
        out.push((rowid, parse_uuid(&id).unwrap_or_default(), assembled));
    }
    Ok(out)
}

/// The answers of the pilots `which` picks, by pilot id.
fn read_answers(tx: &mut dyn Tx, which: &Which) -> Result<HashMap<String, Vec<AnswerRow>>> {
    let mut answers: HashMap<String, Vec<AnswerRow>> = HashMap::new();
    let sql =
        format!("SELECT pilot_id, question_id, verdict, notes, conditions FROM answers {}", which.filter("pilot_id"));
    for mut r in tx.query(&sql, &which.args())? {
        answers.entry(r.text(0)?).or_default().push((r.text(1)?, r.opt_text(2)?, r.text(3)?, r.text(4)?));
    }
    Ok(answers)
}

/// The decisions of the pilots `which` picks, by pilot id.
fn read_decisions(tx: &mut dyn Tx, which: &Which) -> Result<HashMap<String, DecisionRow>> {
    let mut decisions: HashMap<String, DecisionRow> = HashMap::new();
    let sql = format!(
        "SELECT pilot_id, outcome, reasons, conditions, evaluation_date, decided_at, meeting, required_signers, signed, framework_hash, ai_act, attachments, report_dates FROM decisions {}",
        which.filter("pilot_id")
    );
    for mut r in tx.query(&sql, &which.args())? {
        let row = (
            r.text(1)?,
            r.text(2)?,
            r.text(3)?,
            r.opt_text(4)?,
            r.text(5)?,
            r.opt_text(6)?,
            r.text(7)?,
            r.flag(8)?,
            r.opt_text(9)?,
            r.opt_text(10)?,
            r.opt_text(11)?,
            r.opt_text(12)?,
        );
        decisions.insert(r.text(0)?, row);
    }
    Ok(decisions)
}

/// The signatures of the pilots `which` picks, by pilot id, in the order they were made.
fn read_signatures(tx: &mut dyn Tx, which: &Which) -> Result<HashMap<String, Vec<SignatureRow>>> {
    let mut signatures: HashMap<String, Vec<SignatureRow>> = HashMap::new();
    let sql = format!(
        "SELECT pilot_id, id, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee FROM signatures {} ORDER BY signed_at, rowid",
        which.filter("pilot_id")
    );
    for mut r in tx.query(&sql, &which.args())? {
        let row = (
            r.text(1)?,
            r.text(2)?,
            r.text(3)?,
            r.text(4)?,
            r.text(5)?,
            r.text(6)?,
            r.text(7)?,
            r.opt_text(8)?,
            r.opt_text(9)?,
        );
        signatures.entry(r.text(0)?).or_default().push(row);
    }
    Ok(signatures)
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
pub(super) fn revisions(tx: &mut dyn Tx) -> Result<Vec<(Uuid, i64)>> {
    tx.query("SELECT id, revision FROM pilots", &[])?
        .into_iter()
        .map(|mut r| Ok((parse_uuid(&r.text(0)?)?, r.int(1)?)))
        .collect()
}
