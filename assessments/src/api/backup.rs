//! Backup and restore of the database file: a backup made while the app runs and checked
//! before it counts, the reminder when a signed decision is in no backup, and a backup put back
//! only after the full check found nothing amiss. The file work is in `crate::backup`.

use super::Assessments;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;
use time::OffsetDateTime;

use crate::audit::{Checkpoint, IntegrityReport};
use crate::backup::{self, BackupKind, BackupRecord};
use crate::base::error::{Error, Message, Result};
use crate::base::files::shown_name;
use crate::committee::Role;

/// What the settings screen shows of backups, and whether the reminder is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    /// The last backup of this data (made, or restored from); `None` when there is none, or
    /// the record names other data (its checkpoint does not hold in this audit trail).
    pub last: Option<BackupRecord>,
    /// A signed decision's signature is in no backup: the reminder.
    pub needed: bool,
    /// The moment of the last such signature.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub signed_since: Option<OffsetDateTime>,
    /// The database file, as a path on this machine (where a replaced file is kept, beside it),
    /// or the server's address.
    pub database: String,
    /// The data is on a shared server: its administrator makes the backups, not this app.
    pub server: bool,
}

/// Backups here are of a file on this machine; a shared server's are its administrator's.
pub fn backup_needs_a_file() -> Error {
    Error::NotAllowed(Message::new(
        "De gegevens staan op een gedeelde server. Back-ups daarvan maakt de beheerder van de server, niet AI-toets.",
        "The data is on a shared server. Its backups are made by the server's administrator, not by AI-toets.",
    ))
}

impl BackupStatus {
    /// The status when the data is on a shared server (`shown` its address): no reminder here.
    pub fn on_server(shown: String) -> Self {
        BackupStatus { last: None, needed: false, signed_since: None, database: shown, server: true }
    }
}

/// A backup put back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// The backup file restored from.
    pub from: String,
    /// Where the database it replaced is kept (`None`: there was none).
    pub kept: Option<String>,
    /// The audit trail's entries in the restored data.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub entries: i64,
}

/// A backup copied beside the database and fully checked, ready to replace it
/// ([`PreparedRestore::put_in_place`]). Dropping it removes the copy.
#[derive(Debug)]
pub struct PreparedRestore {
    copy: tempfile::NamedTempFile,
    picked: PathBuf,
    bytes: u64,
    checkpoint: Checkpoint,
}

/// Why a checked file is refused: as a new backup, or as one to restore.
#[derive(Clone, Copy)]
enum Checking {
    Made,
    Restore,
}

impl Checking {
    fn lead(self, file: &Path) -> Message {
        let name = shown_name(file);
        match self {
            Checking::Made => Message::new(
                format!("De back-up is niet bewaard: de controle van de kopie vond problemen. Het overzicht laat zien of uw gegevens zelf die problemen hebben. {name} is niet geschreven."),
                format!("The backup was not kept: the check of the copy found problems. The overview shows whether your data itself has them. {name} was not written."),
            ),
            Checking::Restore => Message::new(
                format!("{name} is niet teruggezet: de controle vond problemen in deze back-up. Uw huidige gegevens zijn niet veranderd."),
                format!("{name} was not restored: the check found problems in this backup. Your current data is unchanged."),
            ),
        }
    }
}

/// What the full check found, one line each, in Dutch and English (the records' names stay
/// as the check names them, in Dutch). At most `MAX` lines, then how many more.
fn findings(report: &IntegrityReport) -> (Vec<String>, Vec<String>) {
    const MAX: usize = 8;
    let mut nl = Vec::new();
    let mut en = Vec::new();
    if let Some(at) = report.broken_at {
        nl.push(format!("het logboek klopt niet vanaf regel {at}"));
        en.push(format!("the audit trail does not verify from entry {at}"));
    }
    for what in &report.changed_outside {
        nl.push(format!("buiten AI-toets gewijzigd: {what}"));
        en.push(format!("changed outside AI-toets: {what}"));
    }
    for what in &report.invalid_signatures {
        nl.push(format!("handtekening klopt niet: {what}"));
        en.push(format!("signature does not verify: {what}"));
    }
    for what in &report.roster_problems {
        nl.push(format!("ledenlijst: {what}"));
        en.push(format!("roster: {what}"));
    }
    for what in &report.schema_problems {
        nl.push(format!("database: {what}"));
        en.push(format!("database: {what}"));
    }
    if nl.len() > MAX {
        let more = nl.len() - MAX;
        nl.truncate(MAX);
        en.truncate(MAX);
        nl.push(format!("en nog {more}"));
        en.push(format!("and {more} more"));
    }
    (nl, en)
}

impl Assessments {
    /// The moment on the core's clock (a backup's record names it).
    pub fn now(&self) -> OffsetDateTime {
        (self.now)()
    }

    /// The file name offered in the backup's save dialog, with today's date.
    pub fn suggested_backup_name(&self) -> String {
        backup::suggested_name((self.now)())
    }

    /// The last backup of the data in `database` and whether the reminder is due: a signature
    /// on a decision that is signed now came after the last backup's checkpoint (or there is no
    /// backup of this data). Reads the record beside the database; writes nothing.
    pub fn backup_status(&mut self, database: &Path) -> Result<BackupStatus> {
        let log = self.store.audit_log()?;
        let last = backup::read_record(database).filter(|r| r.checkpoint.holds_in(&log));
        let after = last.as_ref().map_or(0, |r| usize::try_from(r.checkpoint.entries).unwrap_or(0));
        let actions: Vec<String> =
            [Role::Chair, Role::Secretary, Role::Member].map(super::signing::signature_action).into();
        let signed_pilots: Vec<_> =
            self.store.list()?.into_iter().filter(|p| p.status == crate::pilot::Status::Signed).collect();
        let signed: HashSet<String> = signed_pilots.iter().map(|p| format!("pilot:{}", p.id)).collect();
        let mut signed_since = log
            .iter()
            .skip(after)
            .filter(|e| actions.contains(&e.action) && signed.contains(&e.subject))
            .map(|e| e.at)
            .max();
        // No backup at all: any signed decision asks for one, also one whose signatures have no
        // entries of their own (signed before the audit trail, or written by the sample data).
        if last.is_none() {
            signed_since = signed_since.or(signed_pilots.iter().map(|p| p.updated_at).max());
        }
        Ok(BackupStatus {
            last,
            needed: signed_since.is_some(),
            signed_since,
            database: database.display().to_string(),
            server: false,
        })
    }

    /// Makes a backup of `database` at `target` while the app goes on using it: an online copy
    /// from a read connection of its own, written beside `target`, checked (`PRAGMA
    /// integrity_check` and the full check on open) and only then renamed to `target`, so no
    /// half-written or unchecked backup ever carries the chosen name. Records it beside the
    /// database (for the reminder) with the moment `now`.
    pub fn make_backup(database: &Path, target: &Path, now: OffsetDateTime) -> Result<BackupRecord> {
        backup::check_target(database, target)?;
        let folder = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let copy = backup::online_copy(database, folder)?;
        let checkpoint = Self::checked(copy.path(), target, Checking::Made)?;
        let bytes = copy.as_file().metadata()?.len();
        copy.persist(target).map_err(|e| e.error)?;
        let record =
            BackupRecord { kind: BackupKind::Made, at: now, file: target.display().to_string(), bytes, checkpoint };
        backup::write_record(database, &record).map_err(|e| {
            Error::NotAllowed(Message::new(
                format!("De back-up {} is gemaakt en gecontroleerd, maar AI-toets kon niet bewaren wanneer ({}). De herinnering blijft daarom staan.", shown_name(target), e.message().nl),
                format!("The backup {} was made and checked, but AI-toets could not record when ({}). The reminder therefore stays.", shown_name(target), e.message().en),
            ))
        })?;
        Ok(record)
    }

    /// The first half of a restore, while the app goes on as it is: copies the file at `picked`
    /// beside `database` and runs the full check on that copy (what is checked is what will be
    /// put in place). Refuses a file that is not a sound AI-toets database, whose check finds
    /// anything amiss, or that is the database itself; nothing is changed then.
    pub fn prepare_restore(database: &Path, picked: &Path) -> Result<PreparedRestore> {
        backup::check_target(database, picked)?;
        let mut wal = picked.as_os_str().to_owned();
        wal.push("-wal");
        if Path::new(&wal).exists() {
            let name = shown_name(picked);
            return Err(Error::BadFile(Message::new(
                format!("{name} is niet teruggezet: er staat een {name}-wal naast, dus het is nog in gebruik of niet goed afgesloten. Kies een back-up die AI-toets heeft gemaakt. Uw huidige gegevens zijn niet veranderd."),
                format!("{name} was not restored: there is a {name}-wal beside it, so it is in use or was not closed properly. Choose a backup AI-toets made. Your current data is unchanged."),
            )));
        }
        let copy = backup::copy_beside(database, picked)?;
        let checkpoint = Self::checked(copy.path(), picked, Checking::Restore)?;
        // A backup of other data (another committee, another file) verifies on its own, but it
        // is not a backup of this data: an audit trail is append-only, so every backup of this
        // data starts with the same first entry.
        let first = |path: &Path| -> Result<Option<String>> {
            let mut store = crate::storage::SqliteStore::open(path)?;
            Ok(crate::storage::Store::audit_log(&mut store)?.into_iter().next().map(|e| e.entry_hash))
        };
        if database.is_file() {
            if let (Some(ours), Some(theirs)) = (first(database)?, first(copy.path())?) {
                if ours != theirs {
                    let name = shown_name(picked);
                    return Err(Error::BadFile(Message::new(
                        format!("{name} is niet teruggezet: het is een back-up van andere gegevens (een andere commissie of een ander bestand), want het auditspoor begint anders. Uw huidige gegevens zijn niet veranderd."),
                        format!("{name} was not restored: it is a backup of other data (another committee or another file), as its audit trail starts differently. Your current data is unchanged."),
                    )));
                }
            }
        }
        let bytes = copy.as_file().metadata()?.len();
        Ok(PreparedRestore { copy, picked: picked.to_path_buf(), bytes, checkpoint })
    }

    /// The SQLite-level check and the full check on open of the file at `path` (a copy that
    /// stays as it is); `shown` names it. The checkpoint of its audit trail when both find
    /// nothing amiss.
    fn checked(path: &Path, shown: &Path, checking: Checking) -> Result<Checkpoint> {
        let with_lead = |m: Message| {
            let lead = checking.lead(shown);
            Error::BadFile(Message::new(format!("{} {}", lead.nl, m.nl), format!("{} {}", lead.en, m.en)))
        };
        backup::check_sqlite_file(path).map_err(|e| with_lead(e.message()))?;
        let (report, checkpoint) = Self::check_copy_of(path).map_err(|e| match e {
            Error::Storage { message, .. } => with_lead(Message::new(
                format!("AI-toets kan het niet openen: {}", message.nl),
                format!("AI-toets cannot open it: {}", message.en),
            )),
            other => other,
        })?;
        if !report.intact {
            let (nl, en) = findings(&report);
            return Err(with_lead(Message::new(
                format!("Gevonden: {}.", nl.join("; ")),
                format!("Found: {}.", en.join("; ")),
            )));
        }
        Ok(checkpoint)
    }
}

impl PreparedRestore {
    /// The audit trail's checkpoint of the checked backup.
    pub fn checkpoint(&self) -> &Checkpoint {
        &self.checkpoint
    }

    /// The second half of a restore, with every connection to `database` closed: keeps the
    /// current database (and its `-wal` and `-shm`) under a new name beside it, renames the
    /// checked copy into its place, and records the backup restored from as the last one.
    pub fn put_in_place(self, database: &Path, now: OffsetDateTime) -> Result<Restored> {
        let PreparedRestore { copy, picked, bytes, checkpoint } = self;
        let kept = backup::put_in_place(database, copy, now)?;
        let entries = checkpoint.entries;
        let record =
            BackupRecord { kind: BackupKind::Restored, at: now, file: picked.display().to_string(), bytes, checkpoint };
        // The data is back either way; without the record the reminder asks for a backup.
        let _ = backup::write_record(database, &record);
        Ok(Restored { from: picked.display().to_string(), kept: kept.map(|k| k.display().to_string()), entries })
    }
}
