//! Moving every record from one database into an empty other (an SQLite file into a
//! PostgreSQL server, or back): each table's rows as stored, in the order they were written,
//! in one transaction on each side. Nothing is made again: the audit trail, the signatures and
//! the roster log arrive byte for byte, so the check on open verifies the copy as it verified
//! the original (`Assessments::move_data` runs it).

use super::{Backend, SqlStore, Tx, Value};
use crate::audit::Checkpoint;
use crate::base::error::{Error, Message, Result};

/// Every table with its columns, in an order the lock triggers accept (a pilot before its
/// answers, the answers and signatures before the decision that signs them) and the column
/// that gives the order rows were written in. `tests/it/stores.rs` checks that this names
/// every table and column of both schemas.
pub const TABLES: &[(&str, &str, &str)] = &[
    ("pilots", "id, revision, status, framework_id, framework_version, proposal, created_at, updated_at, reassesses", "rowid"),
    ("pilot_names", "pilot_id, title, department, round", "rowid"),
    ("answers", "pilot_id, question_id, verdict, notes, conditions", "rowid"),
    ("signatures", "id, pilot_id, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee", "rowid"),
    ("decisions", "pilot_id, outcome, reasons, conditions, evaluation_date, decided_at, meeting, signed, required_signers, framework_hash, ai_act, attachments, report_dates", "rowid"),
    ("framework_files", "framework_id, version, file_name, source, loaded_at", "rowid"),
    ("duty_dates_files", "version, file_name, source, loaded_at", "rowid"),
    ("meetings", "id, revision, date, body, created_at, updated_at", "rowid"),
    ("members", "id, revision, name, body, created_at, updated_at", "rowid"),
    ("settings", "key, value", "rowid"),
    ("roster_events", "seq, body, event_hash", "seq"),
    ("follow_up_events", "id, pilot_id, body, recorded_at", "rowid"),
    ("attachments", "id, pilot_id, place, name, media_type, size, sha256, content, added_at, added_by", "rowid"),
    ("yearly_reports", "id, period, record, content_hash, adopted_at, adopted_by", "rowid"),
    ("report_signatures", "id, report_id, body, signed_at", "rowid"),
    ("audit_log", "seq, at, actor, subject, action, state_hash, prev_hash, entry_hash", "seq"),
];

/// Rows read and written per statement; attachments, a few megabytes each, fewer at a time.
fn batch_size(table: &str) -> i64 {
    if table == "attachments" {
        8
    } else {
        500
    }
}

/// What was moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Rows per table, in [`TABLES`] order.
    pub rows: Vec<(&'static str, u64)>,
    /// The audit trail's head in the target after the move (the source's, if all went well).
    pub head: Checkpoint,
}

/// Copies every row of `from` into `to`, which must be empty. All or nothing: a failure, or a
/// copy whose row counts or audit head differ from the source's, leaves `to` as empty as it
/// was (nothing is committed).
pub fn copy_all<A: Backend, B: Backend>(from: &mut SqlStore<A>, to: &mut SqlStore<B>) -> Result<Copied> {
    from.db.read(|source| {
        to.db.write(|target| {
            for (table, _, _) in TABLES {
                if count(target, table)? > 0 {
                    return Err(Error::NotAllowed(Message::new(
                        format!("De database waar de gegevens heen moeten is niet leeg (tabel {table}). AI-toets verhuist alleen naar een lege database; er is niets gekopieerd."),
                        format!("The database to move the data to is not empty (table {table}). AI-toets only moves into an empty database; nothing was copied."),
                    )));
                }
            }
            let mut rows = Vec::with_capacity(TABLES.len());
            for (table, columns, order) in TABLES {
                let copied = copy_table(source, target, table, columns, order)?;
                // What the target now holds is what the source holds, before anything is kept.
                if u64::try_from(count(target, table)?).ok() != Some(copied)
                    || u64::try_from(count(source, table)?).ok() != Some(copied)
                {
                    return Err(differs(table));
                }
                rows.push((*table, copied));
            }
            let head = super::audit::audit_head(target)?;
            if head != super::audit::audit_head(source)? {
                return Err(differs("audit_log"));
            }
            Ok(Copied { rows, head })
        })
    })
}

fn differs(table: &str) -> Error {
    Error::Storage {
        message: Message::new(
            "De kopie klopt niet met het origineel; er is niets verhuisd. Probeer het opnieuw of vraag de beheerder om hulp.",
            "The copy does not match the original; nothing was moved. Try again or ask your administrator.",
        ),
        detail: format!("copy of {table} differs from its source"),
    }
}

fn count(tx: &mut dyn Tx, table: &str) -> Result<i64> {
    match tx.query_opt(&format!("SELECT count(*) FROM {table}"), &[])? {
        Some(mut r) => r.int(0),
        None => Ok(0),
    }
}

/// Copies one table in write order, from its lowest row on (whatever its number), many rows
/// per statement.
fn copy_table(source: &mut dyn Tx, target: &mut dyn Tx, table: &str, columns: &str, order: &str) -> Result<u64> {
    let n = columns.split(',').count();
    let limit = batch_size(table);
    let (mut after, mut copied) = (None::<i64>, 0u64);
    loop {
        let batch = match after {
            None => source.query(
                &format!("SELECT {order}, {columns} FROM {table} ORDER BY {order} LIMIT ?1"),
                &[Value::Int(limit)],
            )?,
            Some(last) => source.query(
                &format!("SELECT {order}, {columns} FROM {table} WHERE {order} > ?1 ORDER BY {order} LIMIT ?2"),
                &[Value::Int(last), Value::Int(limit)],
            )?,
        };
        if batch.is_empty() {
            return Ok(copied);
        }
        let rows = batch.len();
        let marks = (0..rows)
            .map(|r| format!("({})", (1..=n).map(|c| format!("?{}", r * n + c)).collect::<Vec<_>>().join(", ")))
            .collect::<Vec<_>>()
            .join(", ");
        let mut args = Vec::with_capacity(rows * n);
        for mut row in batch {
            after = Some(row.int(0)?);
            args.extend(row.0.drain(1..));
        }
        target.execute(&format!("INSERT INTO {table} ({columns}) VALUES {marks}"), &args)?;
        copied += rows as u64;
    }
}
