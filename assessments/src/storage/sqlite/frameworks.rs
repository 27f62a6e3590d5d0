//! The frameworks table group: `framework_files`, the framework files the municipality
//! loaded, kept as written.

use rusqlite::{params, TransactionBehavior};

use super::audit::append_audit;
use super::{format_time, parse_time, storage_error, SqliteStore};
use crate::audit::{state_hash, Change};
use crate::base::error::Result;
use crate::storage::FrameworkFile;

pub(super) fn framework_files(store: &mut SqliteStore) -> Result<Vec<FrameworkFile>> {
    let rows = read_framework_files(store).map_err(|e| storage_error(&store.path, e))?;
    rows.into_iter()
        .map(|(framework_id, version, file_name, source, loaded_at)| {
            Ok(FrameworkFile { framework_id, version, file_name, source, loaded_at: parse_time(&loaded_at)? })
        })
        .collect()
}

pub(super) fn add_framework_file(store: &mut SqliteStore, file: &FrameworkFile, change: &Change) -> Result<()> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
    tx.execute(
        "INSERT INTO framework_files (framework_id, version, file_name, source, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![file.framework_id, file.version, file.file_name, file.source, format_time(file.loaded_at)?],
    )
    .map_err(fail)?;
    let subject = format!("framework:{}@{}", file.framework_id, file.version);
    append_audit(&tx, &path, change, subject, state_hash(&file.source)?, file.loaded_at)?;
    tx.commit().map_err(fail)
}

/// framework_id, version, file_name, source, loaded_at
type FrameworkRow = (String, String, String, String, String);

fn read_framework_files(store: &SqliteStore) -> rusqlite::Result<Vec<FrameworkRow>> {
    let mut stmt = store.conn.prepare(
        "SELECT framework_id, version, file_name, source, loaded_at FROM framework_files ORDER BY loaded_at, rowid",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    rows.collect()
}
