//! The frameworks table group: `framework_files`, the framework files the municipality
//! loaded, and `duty_dates_files`, the revisions of the AI Act's duty dates; both kept as
//! written, never changed.

use rusqlite::{params, TransactionBehavior};

use super::audit::append_audit;
use super::{format_time, parse_time, storage_error, SqliteStore};
use crate::audit::{state_hash, Change};
use crate::base::error::Result;
use crate::storage::{FrameworkFile, DUTY_DATES_ID};

/// One of the two tables of loaded files: its name and its id column (a constant for the dates).
struct Table {
    name: &'static str,
    id: &'static str,
}

const FRAMEWORKS: Table = Table { name: "framework_files", id: "framework_id" };
const DUTY_DATES: Table = Table { name: "duty_dates_files", id: "'ai-act-dates'" };

pub(super) fn framework_files(store: &mut SqliteStore) -> Result<Vec<FrameworkFile>> {
    loaded_files(store, &FRAMEWORKS)
}

pub(super) fn duty_dates_files(store: &mut SqliteStore) -> Result<Vec<FrameworkFile>> {
    loaded_files(store, &DUTY_DATES)
}

pub(super) fn add_framework_file(store: &mut SqliteStore, file: &FrameworkFile, change: &Change) -> Result<()> {
    add_loaded_file(store, &FRAMEWORKS, file, change)
}

pub(super) fn add_duty_dates_file(store: &mut SqliteStore, file: &FrameworkFile, change: &Change) -> Result<()> {
    debug_assert_eq!(file.framework_id, DUTY_DATES_ID);
    add_loaded_file(store, &DUTY_DATES, file, change)
}

fn loaded_files(store: &mut SqliteStore, table: &Table) -> Result<Vec<FrameworkFile>> {
    let rows = read_loaded_files(store, table).map_err(|e| storage_error(&store.path, e))?;
    rows.into_iter()
        .map(|(framework_id, version, file_name, source, loaded_at)| {
            Ok(FrameworkFile { framework_id, version, file_name, source, loaded_at: parse_time(&loaded_at)? })
        })
        .collect()
}

fn add_loaded_file(store: &mut SqliteStore, table: &Table, file: &FrameworkFile, change: &Change) -> Result<()> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
    if table.name == FRAMEWORKS.name {
        tx.execute(
            "INSERT INTO framework_files (framework_id, version, file_name, source, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![file.framework_id, file.version, file.file_name, file.source, format_time(file.loaded_at)?],
        )
    } else {
        tx.execute(
            "INSERT INTO duty_dates_files (version, file_name, source, loaded_at) VALUES (?1, ?2, ?3, ?4)",
            params![file.version, file.file_name, file.source, format_time(file.loaded_at)?],
        )
    }
    .map_err(fail)?;
    let subject = format!("framework:{}@{}", file.framework_id, file.version);
    append_audit(&tx, &path, change, subject, state_hash(&file.source)?, file.loaded_at)?;
    tx.commit().map_err(fail)
}

/// framework_id, version, file_name, source, loaded_at
type LoadedRow = (String, String, String, String, String);

fn read_loaded_files(store: &SqliteStore, table: &Table) -> rusqlite::Result<Vec<LoadedRow>> {
    let mut stmt = store.conn.prepare(&format!(
        "SELECT {}, version, file_name, source, loaded_at FROM {} ORDER BY loaded_at, rowid",
        table.id, table.name
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    rows.collect()
}
