//! The embedded SQLite backend: one file in the app-data folder, WAL journal, foreign keys and
//! recursive triggers on every connection, every write in a `BEGIN IMMEDIATE` transaction.
//! The statements themselves are in [`super::sql`], shared with PostgreSQL; this file opens the
//! database, keeps its schema and words its errors.

use std::path::{Path, PathBuf};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ErrorCode, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use super::sql::{corrupt, Backend, Dialect, Row, SqlStore, Tx, Value, TRIGGER_PREFIX};
use crate::base::error::{Error, Message, Result};

/// The schema's history. Append only: a released migration is never edited.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/0001_initial.sql")),
        M::up(include_str!("migrations/0002_frameworks.sql")),
        M::up(include_str!("migrations/0003_meetings.sql")),
        M::up(include_str!("migrations/0004_audit.sql")),
        M::up(include_str!("migrations/0005_roster.sql")),
        M::up(include_str!("migrations/0006_overview.sql")),
        M::up(include_str!("migrations/0007_roster_log.sql")),
        M::up(include_str!("migrations/0008_decision_ai_act.sql")),
        M::up(include_str!("migrations/0009_duty_dates.sql")),
        M::up(include_str!("migrations/0010_follow_up.sql")),
        M::up(include_str!("migrations/0011_reassessment.sql")),
        M::up(include_str!("migrations/0012_attachments.sql")),
        M::up(include_str!("migrations/0013_reassessment_guards.sql")),
        M::up(include_str!("migrations/0014_report_dates.sql")),
        M::up(include_str!("migrations/0015_yearly_reports.sql")),
    ])
}

/// The store on an SQLite file.
pub type SqliteStore = SqlStore<Sqlite>;

/// An open SQLite database file.
pub struct Sqlite {
    conn: Connection,
    path: PathBuf,
}

impl SqlStore<Sqlite> {
    /// Opens (or creates) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        // Owner-only on Unix: missing folders 0700, the file 0600 (its -wal and -shm follow).
        crate::base::files::prepare_private_file(path);
        let fail = |e: rusqlite::Error| storage_error(path, e);
        let mut conn = Connection::open(path).map_err(fail)?;
        Self::configure(&conn).map_err(fail)?;
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => storage_error(path, err),
            other => Error::Storage {
                message: Message::new(
                    format!("De database {} heeft een onbekende of nieuwere opbouw. Gebruik de nieuwste versie van AI-toets.", path.display()),
                    format!("The database {} has an unknown or newer schema. Use the latest AI-toets.", path.display()),
                ),
                detail: other.to_string(),
            },
        })?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(SqlStore::over(Sqlite { conn, path: path.to_path_buf() }))
    }

    // Invariant (ARCHITECTURE.md): WAL, foreign keys, recursive triggers and synchronous FULL
    // on every connection.
    fn configure(conn: &Connection) -> rusqlite::Result<()> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Reading the schema first turns "not a database" into an error here, not later.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "recursive_triggers", true)?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.db.path
    }

    /// Caps the file at its current size plus `extra_pages` database pages (SQLite
    /// `max_page_count`), as a full disk would; `None` lifts the cap. For the reliability
    /// suite: a write that needs more room fails as on a full disk and keeps nothing.
    pub fn limit_growth(&self, extra_pages: Option<i64>) -> Result<()> {
        let db = &self.db;
        let fail = |e: rusqlite::Error| storage_error(&db.path, e);
        let pages: i64 = match extra_pages {
            Some(extra) => db.conn.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0)).map_err(fail)? + extra,
            None => 4_294_967_294,
        };
        db.conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(())).map_err(fail)
    }
}

impl Backend for Sqlite {
    fn read<T>(&mut self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        let path = &self.path;
        let tx = self.conn.transaction().map_err(|e| storage_error(path, e))?;
        let out = f(&mut SqliteTx { tx: &tx, path })?;
        tx.commit().map_err(|e| storage_error(path, e))?;
        Ok(out)
    }

    fn write<T>(&mut self, f: impl FnOnce(&mut dyn Tx) -> Result<T>) -> Result<T> {
        let path = &self.path;
        let tx =
            self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| storage_error(path, e))?;
        let out = f(&mut SqliteTx { tx: &tx, path })?;
        tx.commit().map_err(|e| storage_error(path, e))?;
        Ok(out)
    }

    fn schema_problems(&mut self) -> Result<Vec<String>> {
        schema_problems(self)
    }
}

/// A transaction on the file.
struct SqliteTx<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    path: &'a Path,
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(v) => ValueRef::Integer(*v),
            Value::Text(v) => ValueRef::Text(v.as_bytes()),
            Value::Blob(v) => ValueRef::Blob(v),
        }))
    }
}

impl Tx for SqliteTx<'_> {
    fn execute(&mut self, sql: &str, args: &[Value]) -> Result<usize> {
        let fail = |e| storage_error(self.path, e);
        let mut stmt = self.tx.prepare_cached(sql).map_err(fail)?;
        stmt.execute(rusqlite::params_from_iter(args)).map_err(fail)
    }

    fn query(&mut self, sql: &str, args: &[Value]) -> Result<Vec<Row>> {
        let fail = |e| storage_error(self.path, e);
        let mut stmt = self.tx.prepare_cached(sql).map_err(fail)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(args)).map_err(fail)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(fail)? {
            let mut values = Vec::with_capacity(columns);
            for i in 0..columns {
                values.push(match r.get_ref(i).map_err(fail)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(v) => Value::Int(v),
                    ValueRef::Real(v) => return Err(corrupt("row", format!("a real number {v} where none belongs"))),
                    ValueRef::Text(v) => {
                        Value::Text(std::str::from_utf8(v).map_err(|e| corrupt("row", e))?.to_string())
                    }
                    ValueRef::Blob(v) => Value::Blob(v.to_vec()),
                });
            }
            out.push(Row(values));
        }
        Ok(out)
    }

    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
}

/// The lock triggers and indexes the migrations make, against the database's own: each missing,
/// changed or unknown one by name.
fn schema_problems(store: &mut Sqlite) -> Result<Vec<String>> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let triggers = |conn: &Connection| -> rusqlite::Result<std::collections::BTreeMap<String, String>> {
        // The lock triggers and the indexes that refuse what must not be (a second re-assessment).
        let mut stmt =
            conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        rows.collect()
    };
    // What the migrations make, on a fresh in-memory database: the one source of truth.
    let mut fresh = Connection::open_in_memory().map_err(fail)?;
    migrations().to_latest(&mut fresh).map_err(|e| Error::Internal(format!("migrations: {e}")))?;
    let expected = triggers(&fresh).map_err(fail)?;
    let actual = triggers(&store.conn).map_err(fail)?;
    let mut out = Vec::new();
    for (name, sql) in &expected {
        match actual.get(name) {
            None => out.push(format!("beveiliging {name} ontbreekt")),
            Some(found) if found != sql => out.push(format!("beveiliging {name} is gewijzigd")),
            Some(_) => {}
        }
    }
    for name in actual.keys().filter(|n| !expected.contains_key(*n)) {
        out.push(format!("onbekende beveiliging {name}"));
    }
    Ok(out)
}

/// Turns a SQLite failure into a sentence a secretary can act on.
pub(crate) fn storage_error(path: &Path, e: rusqlite::Error) -> Error {
    let detail = e.to_string();
    // Every trigger of ours raises a message that starts with the prefix.
    if detail.contains(TRIGGER_PREFIX) {
        return Error::Locked;
    }
    if detail.contains("pilots_one_reassessment") {
        return crate::followup::already_reassessed();
    }
    let file = path.display();
    let code = e.sqlite_error_code();
    let message = match code {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Message::new(
            format!("Het databasebestand {file} is beschadigd of is geen AI-toets-database. Er is niets gewijzigd. Zet een back-up terug of vraag hulp aan de beheerder."),
            format!("The database file {file} is damaged or not an AI-toets database. Nothing was changed. Restore a backup or ask your administrator."),
        ),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => Message::new(
            format!("AI-toets kan niet schrijven in het databasebestand {file}. Het bestand of de map is alleen-lezen. Er is niets opgeslagen."),
            format!("AI-toets cannot write to the database file {file}. The file or folder is read-only. Nothing was saved."),
        ),
        Some(ErrorCode::DiskFull) => Message::new(
            "De schijf is vol. Er is niets opgeslagen; maak ruimte vrij en probeer het opnieuw.",
            "The disk is full. Nothing was saved; free some space and try again.",
        ),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Message::new(
            "De database is bezet door een ander programma. Probeer het over een paar seconden opnieuw.",
            "The database is in use by another program. Try again in a few seconds.",
        ),
        _ => Message::new(
            format!("Er ging iets mis met de database {file}. Er is niets opgeslagen."),
            format!("Something went wrong with the database {file}. Nothing was saved."),
        ),
    };
    Error::Storage { message, detail }
}
