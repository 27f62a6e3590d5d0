//! The attachments table group: `attachments`, append-only (the triggers of migration 0012),
//! each file with its SHA-256 and its audit entry. Listing reads no file contents; reading one
//! checks its bytes against the SHA-256 kept.

use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};
use uuid::Uuid;

use super::audit::append_audit;
use super::{format_time, from_json, parse_time, parse_uuid, storage_error, to_json, SqliteStore};
use crate::attachments::Attachment;
use crate::audit::{state_hash, Change};
use crate::base::error::{Error, Result};

const COLUMNS: &str = "id, pilot_id, place, name, media_type, size, sha256, added_at, added_by";

type AttachmentRow = (String, String, String, String, String, i64, String, String, String);

fn row(r: &Row<'_>) -> rusqlite::Result<AttachmentRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
}

fn decode(
    (id, pilot_id, place, name, media_type, size, sha256, added_at, added_by): AttachmentRow,
) -> Result<Attachment> {
    Ok(Attachment {
        id: parse_uuid(&id)?,
        pilot_id: parse_uuid(&pilot_id)?,
        place: from_json(&place)?,
        name,
        media_type,
        size: u64::try_from(size).map_err(|_| super::corrupt("attachment", "size"))?,
        sha256,
        added_at: parse_time(&added_at)?,
        added_by,
    })
}

/// The attachments of one pilot (all when `None`), in the order they were added; no contents.
/// A row that does not read is left out, so one bad row cannot break a page; [`problems`]
/// names it for the check on open.
pub(super) fn list(store: &mut SqliteStore, pilot: Option<Uuid>) -> Result<Vec<Attachment>> {
    let read = |store: &SqliteStore| -> rusqlite::Result<Vec<AttachmentRow>> {
        let (sql, args) = match pilot {
            Some(id) => {
                (format!("SELECT {COLUMNS} FROM attachments WHERE pilot_id = ?1 ORDER BY rowid"), vec![id.to_string()])
            }
            None => (format!("SELECT {COLUMNS} FROM attachments ORDER BY rowid"), vec![]),
        };
        let mut stmt = store.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), row)?;
        rows.collect()
    };
    Ok(read(store).map_err(|e| storage_error(&store.path, e))?.into_iter().filter_map(|r| decode(r).ok()).collect())
}

/// One attachment with its bytes, refused when the bytes no longer match the SHA-256 kept.
pub(super) fn content(store: &mut SqliteStore, id: Uuid) -> Result<(Attachment, Vec<u8>)> {
    let found: Option<(AttachmentRow, Vec<u8>)> = store
        .conn
        .query_row(&format!("SELECT {COLUMNS}, content FROM attachments WHERE id = ?1"), [id.to_string()], |r| {
            Ok((row(r)?, r.get(9)?))
        })
        .optional()
        .map_err(|e| storage_error(&store.path, e))?;
    let (meta, bytes) = found.ok_or(Error::NotFound { what: "attachment" })?;
    let attachment = decode(meta)?;
    attachment.check_bytes(&bytes)?;
    Ok((attachment, bytes))
}

/// The attachments whose bytes no longer match their SHA-256 (or that do not read), named for
/// the check on open. Reads every file once.
pub(super) fn problems(store: &mut SqliteStore) -> Result<Vec<String>> {
    // One file in memory at a time.
    let check = |store: &SqliteStore| -> rusqlite::Result<Vec<String>> {
        let mut stmt = store.conn.prepare(&format!("SELECT {COLUMNS}, content FROM attachments ORDER BY rowid"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let meta = row(r)?;
            let (id, name) = (meta.0.clone(), meta.3.clone());
            let content: Vec<u8> = r.get(9)?;
            match decode(meta) {
                Err(_) => out.push(format!("Bijlage {name} ({id}): onleesbaar")),
                Ok(a) if a.check_bytes(&content).is_err() => {
                    out.push(format!("Bijlage {name} ({id}): de inhoud past niet bij de SHA-256"));
                }
                Ok(_) => {}
            }
        }
        Ok(out)
    };
    check(store).map_err(|e| storage_error(&store.path, e))
}

pub(super) fn add(store: &mut SqliteStore, attachment: &Attachment, bytes: &[u8], change: &Change) -> Result<()> {
    attachment.check_bytes(bytes)?;
    let path = store.path.clone();
    let fail = |e: rusqlite::Error| storage_error(&path, e);
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
    tx.execute(
        &format!("INSERT INTO attachments ({COLUMNS}, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        params![
            attachment.id.to_string(),
            attachment.pilot_id.to_string(),
            to_json(&attachment.place)?,
            attachment.name,
            attachment.media_type,
            i64::try_from(attachment.size).map_err(|_| Error::Internal("attachment size".into()))?,
            attachment.sha256,
            format_time(attachment.added_at)?,
            attachment.added_by,
            bytes,
        ],
    )
    .map_err(fail)?;
    append_audit(&tx, &path, change, attachment.audit_subject(), state_hash(attachment)?, attachment.added_at)?;
    tx.commit().map_err(fail)
}
