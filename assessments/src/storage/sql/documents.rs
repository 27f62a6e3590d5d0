//! Records kept whole as JSON ([`Document`]): meetings ([`super::meetings`]) and roster
//! members ([`super::roster`]), listed, loaded, created and saved alike, each write with its
//! audit entry.

use serde::{de::DeserializeOwned, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::append_audit;
use super::{args, format_time, from_json, to_json, Backend, Tx};
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

fn decode<D: Document>(mut row: super::Row) -> Result<D> {
    let mut doc: D = from_json(&row.text(0)?)?;
    *doc.revision_mut() = row.int(1)?;
    Ok(doc)
}

/// All documents of the kind, in its list order.
pub(super) fn list<D: Document>(tx: &mut dyn Tx) -> Result<Vec<D>> {
    let sql = format!("SELECT body, revision FROM {} ORDER BY {}", D::TABLE, D::ORDER);
    tx.query(&sql, &[])?.into_iter().map(decode).collect()
}

pub(super) fn load<D: Document>(tx: &mut dyn Tx, id: Uuid) -> Result<D> {
    let sql = format!("SELECT body, revision FROM {} WHERE id = ?1", D::TABLE);
    decode(tx.query_opt(&sql, args![id.to_string()])?.ok_or(Error::NotFound { what: D::SUBJECT })?)
}

/// Stores a new document and sets its revision to 1.
pub(super) fn create<D: Document>(db: &mut impl Backend, doc: &mut D, change: &Change) -> Result<()> {
    db.write(|tx| insert_document(tx, doc, change))?;
    *doc.revision_mut() = 1;
    Ok(())
}

/// Saves a changed document if its stored revision is still `doc`'s.
pub(super) fn save<D: Document>(db: &mut impl Backend, doc: &mut D, change: &Change) -> Result<()> {
    let revision = db.write(|tx| update_document(tx, doc, change))?;
    *doc.revision_mut() = revision;
    Ok(())
}

/// Inserts a new document (revision 1) with its audit entry, inside `tx`.
pub(super) fn insert_document<D: Document>(tx: &mut dyn Tx, doc: &mut D, change: &Change) -> Result<()> {
    let sql = format!(
        "INSERT INTO {} (id, revision, {}, body, created_at, updated_at) VALUES (?1, 1, ?2, ?3, ?4, ?5)",
        D::TABLE,
        D::SORT_COLUMN
    );
    tx.execute(
        &sql,
        args![
            doc.id().to_string(),
            doc.sort_value(),
            to_json(&*doc)?,
            format_time(doc.created_at())?,
            format_time(doc.updated_at())?
        ],
    )?;
    let subject = format!("{}:{}", D::SUBJECT, doc.id());
    append_audit(tx, change, subject, document_hash(doc, 1)?, doc.updated_at())
}

/// Saves a changed document if its stored revision is still `doc`'s, with its audit entry,
/// inside `tx`; returns the new revision.
pub(super) fn update_document<D: Document>(tx: &mut dyn Tx, doc: &mut D, change: &Change) -> Result<i64> {
    let revision = *doc.revision_mut();
    let sql = format!(
        "UPDATE {} SET revision = revision + 1, {} = ?2, body = ?3, updated_at = ?4 WHERE id = ?1 AND revision = ?5",
        D::TABLE,
        D::SORT_COLUMN
    );
    let changed = tx.execute(
        &sql,
        args![doc.id().to_string(), doc.sort_value(), to_json(&*doc)?, format_time(doc.updated_at())?, revision],
    )?;
    if changed == 0 {
        let sql = format!("SELECT count(*) FROM {} WHERE id = ?1", D::TABLE);
        let exists = match tx.query_opt(&sql, args![doc.id().to_string()])? {
            Some(mut r) => r.int(0)? > 0,
            None => false,
        };
        return Err(if exists { Error::Conflict } else { Error::NotFound { what: D::SUBJECT } });
    }
    let subject = format!("{}:{}", D::SUBJECT, doc.id());
    append_audit(tx, change, subject, document_hash(doc, revision + 1)?, doc.updated_at())?;
    Ok(revision + 1)
}
