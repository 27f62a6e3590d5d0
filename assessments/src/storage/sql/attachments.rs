//! The attachments table group: `attachments`, append-only (the triggers of migration 0012),
//! each file with its SHA-256 and its audit entry. Listing reads no file contents; reading one
//! checks its bytes against the SHA-256 kept.

use uuid::Uuid;

use super::audit::append_audit;
use super::{args, format_time, from_json, parse_time, parse_uuid, to_json, Row, Tx};
use crate::attachments::Attachment;
use crate::audit::{state_hash, Change};
use crate::base::error::{Error, Result};

const COLUMNS: &str = "id, pilot_id, place, name, media_type, size, sha256, added_at, added_by";

fn decode(r: &mut Row) -> Result<Attachment> {
    Ok(Attachment {
        id: parse_uuid(&r.text(0)?)?,
        pilot_id: parse_uuid(&r.text(1)?)?,
        place: from_json(&r.text(2)?)?,
        name: r.text(3)?,
        media_type: r.text(4)?,
        size: u64::try_from(r.int(5)?).map_err(|_| super::corrupt("attachment", "size"))?,
        sha256: r.text(6)?,
        added_at: parse_time(&r.text(7)?)?,
        added_by: r.text(8)?,
    })
}

/// The attachments of one pilot (all when `None`), in the order they were added; no contents.
/// A row that does not read is left out, so one bad row cannot break a page; [`problems`]
/// names it for the check on open.
pub(super) fn list(tx: &mut dyn Tx, pilot: Option<Uuid>) -> Result<Vec<Attachment>> {
    let rows = match pilot {
        Some(id) => tx.query(
            &format!("SELECT {COLUMNS} FROM attachments WHERE pilot_id = ?1 ORDER BY rowid"),
            args![id.to_string()],
        )?,
        None => tx.query(&format!("SELECT {COLUMNS} FROM attachments ORDER BY rowid"), &[])?,
    };
    Ok(rows.into_iter().filter_map(|mut r| decode(&mut r).ok()).collect())
}

/// One attachment with its bytes, refused when the bytes no longer match the SHA-256 kept.
pub(super) fn content(tx: &mut dyn Tx, id: Uuid) -> Result<(Attachment, Vec<u8>)> {
    let mut row = tx
        .query_opt(&format!("SELECT {COLUMNS}, content FROM attachments WHERE id = ?1"), args![id.to_string()])?
        .ok_or(Error::NotFound { what: "attachment" })?;
    let attachment = decode(&mut row)?;
    let bytes = row.blob(9)?;
    attachment.check_bytes(&bytes)?;
    Ok((attachment, bytes))
}

/// The attachments whose bytes no longer match their SHA-256 (or that do not read), named for
/// the check on open. Reads every file once, one in memory at a time.
pub(super) fn problems(tx: &mut dyn Tx) -> Result<Vec<String>> {
    let rows = tx.query("SELECT rowid, id, name FROM attachments ORDER BY rowid", &[])?;
    let mut out = Vec::new();
    for mut r in rows {
        let (rowid, id, name) = (r.int(0)?, r.text(1)?, r.text(2)?);
        let Some(mut row) =
            tx.query_opt(&format!("SELECT {COLUMNS}, content FROM attachments WHERE rowid = ?1"), args![rowid])?
        else {
            continue;
        };
        let content = row.blob(9);
        match (decode(&mut row), content) {
            (Ok(a), Ok(content)) if a.check_bytes(&content).is_ok() => {}
            (Ok(_), Ok(_)) => out.push(format!("Bijlage {name} ({id}): de inhoud past niet bij de SHA-256")),
            _ => out.push(format!("Bijlage {name} ({id}): onleesbaar")),
        }
    }
    Ok(out)
}

pub(super) fn add(tx: &mut dyn Tx, attachment: &Attachment, bytes: &[u8], change: &Change) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO attachments ({COLUMNS}, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        args![
            attachment.id.to_string(),
            attachment.pilot_id.to_string(),
            to_json(&attachment.place)?,
            &attachment.name,
            &attachment.media_type,
            i64::try_from(attachment.size).map_err(|_| Error::Internal("attachment size".into()))?,
            &attachment.sha256,
            format_time(attachment.added_at)?,
            &attachment.added_by,
            bytes,
        ],
    )?;
    append_audit(tx, change, attachment.audit_subject(), state_hash(attachment)?, attachment.added_at)
}
