//! The frameworks table group: `framework_files`, the framework files the municipality
//! loaded, and `duty_dates_files`, the revisions of the AI Act's duty dates; both kept as
//! written, never changed.

use super::audit::append_audit;
use super::{args, format_time, parse_time, Tx};
use crate::audit::{state_hash, Change};
use crate::base::error::Result;
use crate::storage::FrameworkFile;

/// One of the two tables of loaded files: its name and its id column (a constant for the dates).
pub(super) struct Table {
    name: &'static str,
    id: &'static str,
}

pub(super) const FRAMEWORKS: Table = Table { name: "framework_files", id: "framework_id" };
pub(super) const DUTY_DATES: Table = Table { name: "duty_dates_files", id: "'ai-act-dates'" };

pub(super) fn loaded_files(tx: &mut dyn Tx, table: &Table) -> Result<Vec<FrameworkFile>> {
    let sql = format!(
        "SELECT {}, version, file_name, source, loaded_at FROM {} ORDER BY loaded_at, rowid",
        table.id, table.name
    );
    tx.query(&sql, &[])?
        .into_iter()
        .map(|mut r| {
            Ok(FrameworkFile {
                framework_id: r.text(0)?,
                version: r.text(1)?,
                file_name: r.text(2)?,
                source: r.text(3)?,
                loaded_at: parse_time(&r.text(4)?)?,
            })
        })
        .collect()
}

pub(super) fn add_loaded_file(tx: &mut dyn Tx, table: &Table, file: &FrameworkFile, change: &Change) -> Result<()> {
    if table.name == FRAMEWORKS.name {
        tx.execute(
            "INSERT INTO framework_files (framework_id, version, file_name, source, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            args![&file.framework_id, &file.version, &file.file_name, &file.source, format_time(file.loaded_at)?],
        )?;
    } else {
        tx.execute(
            "INSERT INTO duty_dates_files (version, file_name, source, loaded_at) VALUES (?1, ?2, ?3, ?4)",
            args![&file.version, &file.file_name, &file.source, format_time(file.loaded_at)?],
        )?;
    }
    let subject = format!("framework:{}@{}", file.framework_id, file.version);
    append_audit(tx, change, subject, state_hash(&file.source)?, file.loaded_at)
}
