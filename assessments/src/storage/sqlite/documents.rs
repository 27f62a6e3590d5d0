//! Records kept whole as JSON ([`Document`]): meetings ([`super::meetings`]) and roster
//! members ([`super::roster`]), listed, loaded, created and saved alike, each write with its
//! audit entry.

use std::path::Path;

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{de::DeserializeOwned, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::append_audit;
use super::{format_time, from_json, storage_error, to_json, SqliteStore};
use crate::audit::{state_hash, Change};
use crate::base::error::{Error, Result};

/// A record kept whole as JSON in its own table (`id, revision, <sort column>, body,
/// created_at, updated_at`): meetings and roster members.
pub(super) trait Document: Serialize + DeserializeOwned {
    const TABLE: &'static str;
    /// The column the list is ordered by, kept beside the body.
    const SORT_COLUMN: &'static str;
    const ORDER: &'static str;
    const SUBJECT: &'static str;
    fn id(&self) -> Uuid;
    fn sort_value(&self) -> &str;
    fn revision_mut(&mut self) -> &mut i64;
    fn created_at(&self) -> OffsetDateTime;
    fn updated_at(&self) -> OffsetDateTime;
}

/// The audit hash of a document as stored at `revision`.
fn document_hash<D: Document>(doc: &mut D, revision: i64) -> Result<String> {
    let before = std::mem::replace(doc.revision_mut(), revision);
    let hash = state_hash(&*doc);
    *doc.revision_mut() = before;
    hash
}

/// All documents of the kind, in its list order.
pub(super) fn list<D: Document>(store: &mut SqliteStore) -> Result<Vec<D>> {
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let sql = format!("SELECT body, revision FROM {} ORDER BY {}", D::TABLE, D::ORDER);
    let mut stmt = store.conn.prepare(&sql).map_err(fail)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).map_err(fail)?;
    let mut out = Vec::new();
    for row in rows {
        let (body, revision) = row.map_err(fail)?;
        let mut doc: D = from_json(&body)?;
        *doc.revision_mut() = revision;
        out.push(doc);
    }
    Ok(out)
}

pub(super) fn load<D: Document>(store: &mut SqliteStore, id: Uuid) -> Result<D> {
    let sql = format!("SELECT body, revision FROM {} WHERE id = ?1", D::TABLE);
    let row: Option<(String, i64)> = store
        .conn
        .query_row(&sql, [id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .map_err(|e| storage_error(&store.path, e))?;
    let (body, revision) = row.ok_or(Error::NotFound { what: D::SUBJECT })?;
    let mut doc: D = from_json(&body)?;
    *doc.revision_mut() = revision;
    Ok(doc)
}

/// Stores a new document and sets its revision to 1.
pub(super) fn create<D: Document>(store: &mut SqliteStore, doc: &mut D, change: &Change) -> Result<()> {
    let path = store.path.clone();
    let tx =
        store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| storage_error(&path, e))?;
    insert_document(&tx, &path, doc, change)?;
    tx.commit().map_err(|e| storage_error(&path, e))?;
    *doc.revision_mut() = 1;
    Ok(())
}

/// Saves a changed document if its stored revision is still `doc`'s.
pub(super) fn save<D: Document>(store: &mut SqliteStore, doc: &mut D, change: &Change) -> Result<()> {
    let path = store.path.clone();
    let tx =
        store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| storage_error(&path, e))?;
    let revision = update_document(&tx, &path, doc, change)?;
    tx.commit().map_err(|e| storage_error(&path, e))?;
    *doc.revision_mut() = revision;
    Ok(())
}

/// Inserts a new document (revision 1) with its audit entry, inside `tx`.
pub(super) fn insert_document<D: Document>(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    doc: &mut D,
    change: &Change,
) -> Result<()> {
    let fail = |e: rusqlite::Error| storage_error(path, e);
    let sql = format!(
        "INSERT INTO {} (id, revision, {}, body, created_at, updated_at) VALUES (?1, 1, ?2, ?3, ?4, ?5)",
        D::TABLE,
        D::SORT_COLUMN
    );
    tx.execute(
        &sql,
        params![
            doc.id().to_string(),
            doc.sort_value(),
            to_json(&*doc)?,
            format_time(doc.created_at())?,
            format_time(doc.updated_at())?
        ],
    )
    .map_err(fail)?;
    let subject = format!("{}:{}", D::SUBJECT, doc.id());
    append_audit(tx, path, change, subject, document_hash(doc, 1)?, doc.updated_at())
}

/// Saves a changed document if its stored revision is still `doc`'s, with its audit entry,
/// inside `tx`; returns the new revision.
pub(super) fn update_document<D: Document>(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    doc: &mut D,
    change: &Change,
) -> Result<i64> {
    let fail = |e: rusqlite::Error| storage_error(path, e);
    let revision = *doc.revision_mut();
    let sql = format!(
        "UPDATE {} SET revision = revision + 1, {} = ?2, body = ?3, updated_at = ?4 WHERE id = ?1 AND revision = ?5",
        D::TABLE,
        D::SORT_COLUMN
    );
    let changed = tx
        .execute(
            &sql,
            params![doc.id().to_string(), doc.sort_value(), to_json(&*doc)?, format_time(doc.updated_at())?, revision],
        )
        .map_err(fail)?;
    if changed == 0 {
        let sql = format!("SELECT count(*) FROM {} WHERE id = ?1", D::TABLE);
        let exists = tx.query_row(&sql, [doc.id().to_string()], |r| r.get::<_, i64>(0)).map_err(fail)? > 0;
        return Err(if exists { Error::Conflict } else { Error::NotFound { what: D::SUBJECT } });
    }
    let subject = format!("{}:{}", D::SUBJECT, doc.id());
    append_audit(tx, path, change, subject, document_hash(doc, revision + 1)?, doc.updated_at())?;
    Ok(revision + 1)
}
