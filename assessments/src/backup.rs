//! A backup of the database file, and putting one back. Plain file work, no store: SQLite's
//! online backup from a read connection of its own (the app keeps saving meanwhile), the copy
//! written beside its target and renamed into place; the SQLite-level check of a file before it
//! counts as a backup; the name a replaced database is kept under; and the record of the last
//! backup, kept in a small file beside the database and not in it (an entry in the database
//! would change it right after its backup). The full check of the app (`Assessments::
//! check_file`) and the operations are in `api/backup.rs`.
//!
//! This is the SQLite file's backup: a store on a shared server is backed up by its own means.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::audit::Checkpoint;
use crate::base::error::{Error, Message, Result};
use crate::base::files::shown_name;

/// The record of the last backup, in the database's folder.
pub const RECORD_FILE: &str = "laatste-back-up.json";
/// A backup's extension, as the dialogs filter it.
pub const EXTENSION: &str = "sqlite3";
/// The suffix of the name a replaced database is kept under, before its moment.
pub const REPLACED: &str = "vervangen";
/// The first bytes of every SQLite database file.
const HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Held while a backup's connection is open on the database file and while a restore moves the
/// file: a connection must never outlive the file it was opened on (when it closes, SQLite may
/// remove a `-wal` file by its name, which by then would be the new database's).
static FILE_WORK: Mutex<()> = Mutex::new(());

fn exclusive() -> MutexGuard<'static, ()> {
    FILE_WORK.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The file name offered in the save dialog: `ai-toets-back-up-2026-11-30.sqlite3`.
pub fn suggested_name(at: OffsetDateTime) -> String {
    format!("ai-toets-back-up-{}.{EXTENSION}", at.date())
}

/// How a backup came to be the last one known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum BackupKind {
    /// Made with "Back-up maken".
    Made,
    /// The backup the data was restored from.
    Restored,
}

/// The last backup: when, where, how large, and the audit trail's checkpoint it holds (which
/// names the data it is a backup of: a record whose checkpoint does not hold in the trail is
/// of other data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BackupRecord {
    pub kind: BackupKind,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub at: OffsetDateTime,
    /// The backup file, as a path on this machine.
    pub file: String,
    /// Its size (a number in the page: exact up to 2^53 bytes).
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub bytes: u64,
    pub checkpoint: Checkpoint,
}

/// The record of the last backup beside `database`. A missing, damaged or strange file gives
/// `None`: the reminder then asks for a backup, which is the careful side.
pub fn read_record(database: &Path) -> Option<BackupRecord> {
    std::fs::read(record_path(database))
        .ok()
        .filter(|bytes| bytes.len() <= 64 * 1024)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
}

/// Writes the record of the last backup beside `database`, all at once.
pub fn write_record(database: &Path, record: &BackupRecord) -> Result<()> {
    let json = serde_json::to_vec_pretty(record).map_err(|e| Error::Internal(e.to_string()))?;
    crate::base::files::write_atomically(&record_path(database), &json)
}

/// Where the record of the last backup of `database` is kept.
pub fn record_path(database: &Path) -> PathBuf {
    folder_of(database).join(RECORD_FILE)
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// `path` with `suffix` appended to its name (`ai-toets.sqlite3` → `ai-toets.sqlite3-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The files SQLite keeps beside a database.
const SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

fn sqlite_error(what: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| Error::Storage {
        message: Message::new(
            format!("Het bestand {} kon niet worden gelezen of geschreven als database.", shown_name(what)),
            format!("The file {} could not be read or written as a database.", shown_name(what)),
        ),
        detail: e.to_string(),
    }
}

/// Refuses a target that is the database itself or one of the files SQLite keeps beside it:
/// renaming a backup over them would pull the file from under the app.
pub fn check_target(database: &Path, target: &Path) -> Result<()> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    let target_folder = folder_of(target);
    let in_database_folder = same(target_folder, folder_of(database));
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let database_name = database.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ours = name == database_name
        || SIDE_FILES.iter().any(|s| name == format!("{database_name}{s}"))
        || name == RECORD_FILE;
    if same(database, target) || (in_database_folder && ours) {
        return Err(Error::BadFile(Message::new(
            "Dit is het bestand waarin AI-toets nu werkt: kies een ander bestand.",
            "This is the file AI-toets is working in: choose another file.",
        )));
    }
    Ok(())
}

/// Copies the database at `database` into a new temporary file in `folder` with SQLite's
/// online backup, from a read-only connection of its own, in one step: one read transaction,
/// so the copy is the database as it stood at one moment, while the app's own connection
/// goes on writing (WAL). The copy is one self-contained file (journal mode DELETE), flushed
/// to disk. Nothing is left in `folder` when it fails.
pub fn online_copy(database: &Path, folder: &Path) -> Result<tempfile::NamedTempFile> {
    let copy = tempfile::Builder::new().prefix(".ai-toets-back-up-").suffix(".tmp").tempfile_in(folder)?;
    {
        let _only_this = exclusive();
        let fail = sqlite_error(database);
        let source =
            Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(&fail)?;
        source.busy_timeout(Duration::from_secs(5)).map_err(&fail)?;
        let mut target = Connection::open(copy.path()).map_err(sqlite_error(copy.path()))?;
        {
            let backup = Backup::new(&source, &mut target).map_err(&fail)?;
            // A step of -1 copies every page in one read transaction. Busy or locked only while
            // another connection recovers the WAL; then try again for a while.
            let mut waits = 0;
            loop {
                match backup.step(-1).map_err(&fail)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    _ if waits < 100 => {
                        waits += 1;
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    _ => {
                        return Err(Error::Storage {
                            message: Message::new(
                                "De database was te lang bezet. Probeer de back-up opnieuw.",
                                "The database was busy for too long. Try the backup again.",
                            ),
                            detail: "backup step busy".into(),
                        })
                    }
                }
            }
        }
        source.close().map_err(|(_, e)| fail(e))?;
        target.pragma_update(None, "journal_mode", "DELETE").map_err(sqlite_error(copy.path()))?;
        target.close().map_err(|(_, e)| sqlite_error(copy.path())(e))?;
    }
    for suffix in SIDE_FILES {
        let _ = std::fs::remove_file(with_suffix(copy.path(), suffix));
    }
    copy.as_file().sync_all()?;
    Ok(copy)
}

/// A file that is not what a backup must be: nothing was changed.
fn refused(nl: &str, en: &str) -> Error {
    Error::BadFile(Message::new(nl, en))
}

/// The SQLite-level check of a database file, read-only and without touching the file or
/// making files beside it: an SQLite database (an empty file is not), `PRAGMA integrity_check`
/// finds nothing, and it holds AI-toets's audit trail.
pub fn check_sqlite_file(path: &Path) -> Result<()> {
    let not_database = || {
        refused(
            "Dit is geen database van AI-toets (geen SQLite-bestand).",
            "This is not an AI-toets database (not an SQLite file).",
        )
    };
    let mut head = [0u8; 16];
    {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        file.read_exact(&mut head).map_err(|_| not_database())?;
    }
    if &head != HEADER {
        return Err(not_database());
    }
    let damaged = |detail: &str| {
        refused(&format!("Het bestand is beschadigd ({detail})."), &format!("The file is damaged ({detail})."))
    };
    let conn = Connection::open_with_flags(
        immutable_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damaged(&e.to_string()))?;
    let findings: Vec<String> = conn
        .prepare("PRAGMA integrity_check(5)")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get::<_, String>(0))?.collect())
        .map_err(|e| damaged(&e.to_string()))?;
    if findings != ["ok"] {
        return Err(damaged(&findings.join("; ")));
    }
    let ours: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'", [], |r| r.get(0))
        .map_err(|e| damaged(&e.to_string()))?;
    if ours != 1 {
        return Err(refused(
            "Dit is een database, maar niet van AI-toets.",
            "This is a database, but not one of AI-toets.",
        ));
    }
    Ok(())
}

/// `file:` URI for `path` opened as immutable: SQLite takes no locks and makes no `-wal` or
/// `-shm` file beside it.
fn immutable_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~:".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Copies the file at `picked` into a new temporary file beside `database`, flushed to disk:
/// what is checked and put in place is this copy, whatever happens to `picked` meanwhile.
pub fn copy_beside(database: &Path, picked: &Path) -> Result<tempfile::NamedTempFile> {
    let name = shown_name(picked);
    let metadata = std::fs::metadata(picked).map_err(|_| {
        refused(
            &format!("{name} bestaat niet of is niet te lezen. Er is niets teruggezet."),
            &format!("{name} does not exist or cannot be read. Nothing was restored."),
        )
    })?;
    if !metadata.is_file() {
        return Err(refused(
            &format!("{name} is geen gewoon bestand (maar een map, apparaat of pijp). Er is niets teruggezet."),
            &format!("{name} is not a regular file (but a folder, device or pipe). Nothing was restored."),
        ));
    }
    let mut copy =
        tempfile::Builder::new().prefix(".ai-toets-terugzetten-").suffix(".tmp").tempfile_in(folder_of(database))?;
    let mut from = std::fs::File::open(picked)?;
    std::io::copy(&mut from, copy.as_file_mut())?;
    copy.as_file().sync_all()?;
    Ok(copy)
}

/// The name the database replaced by a restore is kept under:
/// `ai-toets.sqlite3.vervangen-2026-11-30T10-15-00Z` beside it (with `-2`, `-3`, … when that
/// name is taken).
pub fn kept_name(database: &Path, at: OffsetDateTime) -> PathBuf {
    let at = at.to_offset(time::UtcOffset::UTC);
    let stamp = format!("{}T{:02}-{:02}-{:02}Z", at.date(), at.hour(), at.minute(), at.second());
    let base = with_suffix(database, &format!(".{REPLACED}-{stamp}"));
    let taken = |p: &Path| p.exists() || SIDE_FILES.iter().any(|s| with_suffix(p, s).exists());
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| with_suffix(&base, &format!("-{n}"))).find(|p| !taken(p)).unwrap_or(base)
}

/// Puts `replacement` in the place of `database`, whose connections are all closed: the
/// database and the files SQLite keeps beside it are renamed to [`kept_name`] (its `-wal`
/// beside it under that name, so the kept file opens with everything it held), then the
/// replacement is renamed into place. When a step fails, what was moved is moved back.
/// Returns the name the old database is kept under (`None` when there was none).
pub fn put_in_place(
    database: &Path,
    replacement: tempfile::NamedTempFile,
    at: OffsetDateTime,
) -> Result<Option<PathBuf>> {
    let _only_this = exclusive();
    let kept = kept_name(database, at);
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    let undo = |moved: &[(PathBuf, PathBuf)]| {
        for (from, to) in moved.iter().rev() {
            let _ = std::fs::rename(to, from);
        }
    };
    let pairs = std::iter::once((database.to_path_buf(), kept.clone()))
        .chain(SIDE_FILES.iter().map(|s| (with_suffix(database, s), with_suffix(&kept, s))));
    for (from, to) in pairs {
        if !from.exists() {
            continue;
        }
        if let Err(e) = std::fs::rename(&from, &to) {
            undo(&moved);
            return Err(e.into());
        }
        moved.push((from, to));
    }
    if let Err(e) = replacement.persist(database) {
        undo(&moved);
        return Err(e.error.into());
    }
    // The rename itself on disk, where the file system allows a folder to be synced.
    if let Ok(folder) = std::fs::File::open(folder_of(database)) {
        let _ = folder.sync_all();
    }
    Ok(moved.first().map(|(_, to)| to.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_and_a_kept_name_is_never_taken_twice() {
        let at = time::macros::datetime!(2026-11-30 10:15:07 UTC);
        assert_eq!(suggested_name(at), "ai-toets-back-up-2026-11-30.sqlite3");
        let dir = tempfile::tempdir().expect("dir");
        let database = dir.path().join("ai-toets.sqlite3");
        let first = kept_name(&database, at);
        assert_eq!(shown_name(&first), "ai-toets.sqlite3.vervangen-2026-11-30T10-15-07Z");
        std::fs::write(with_suffix(&first, "-wal"), b"x").expect("write");
        let second = kept_name(&database, at);
        assert_eq!(shown_name(&second), "ai-toets.sqlite3.vervangen-2026-11-30T10-15-07Z-2");
    }

    #[test]
    fn the_uri_escapes_what_a_uri_cannot_carry() {
        assert_eq!(
            immutable_uri(Path::new("/tmp/a b/100%?#.sqlite3")),
            "file:/tmp/a%20b/100%25%3F%23.sqlite3?immutable=1"
        );
    }

    #[test]
    fn a_damaged_or_strange_record_counts_as_none() {
        let dir = tempfile::tempdir().expect("dir");
        let database = dir.path().join("ai-toets.sqlite3");
        assert_eq!(read_record(&database), None);
        for bad in ["", "{", "[]", "{\"kind\":\"made\"}"] {
            std::fs::write(record_path(&database), bad).expect("write");
            assert_eq!(read_record(&database), None, "{bad:?}");
        }
        let record = BackupRecord {
            kind: BackupKind::Made,
            at: time::macros::datetime!(2026-11-30 10:15 UTC),
            file: "/media/usb/ai-toets-back-up-2026-11-30.sqlite3".into(),
            bytes: 12_288,
            checkpoint: Checkpoint { entries: 7, head: "ab".repeat(32) },
        };
        write_record(&database, &record).expect("write");
        assert_eq!(read_record(&database), Some(record));
    }
}
