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

/// Rows read per query (an attachment is at most a few megabytes).
const BATCH: i64 = 500;

/// What was moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Rows per table, in [`TABLES`] order.
    pub rows: Vec<(&'static str, u64)>,
    /// The audit trail's head in the target after the move (the source's, if all went well).
    pub head: Checkpoint,
}

/// Copies every row of `from` into `to`, which must be empty. All or nothing: a failure
/// leaves `to` as empty as it was.
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
                rows.push((*table, copy_table(source, target, table, columns, order)?));
            }
            Ok(Copied { rows, head: super::audit::audit_head(target)? })
        })
    })
}

fn count(tx: &mut dyn Tx, table: &str) -> Result<i64> {
    match tx.query_opt(&format!("SELECT count(*) FROM {table}"), &[])? {
        Some(mut r) => r.int(0),
        None => Ok(0),
    }
}

fn copy_table(source: &mut dyn Tx, target: &mut dyn Tx, table: &str, columns: &str, order: &str) -> Result<u64> {
    let n = columns.split(',').count();
    let marks = (1..=n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let insert = format!("INSERT INTO {table} ({columns}) VALUES ({marks})");
    let select = format!("SELECT {order}, {columns} FROM {table} WHERE {order} > ?1 ORDER BY {order} LIMIT ?2");
    let (mut after, mut copied) = (i64::MIN, 0u64);
    loop {
        let batch = source.query(&select, &[Value::Int(after), Value::Int(BATCH)])?;
        if batch.is_empty() {
            return Ok(copied);
        }
        for mut row in batch {
            after = row.int(0)?;
            target.execute(&insert, &row.0[1..])?;
            copied += 1;
        }
    }
}
