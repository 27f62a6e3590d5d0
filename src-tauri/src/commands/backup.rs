//! Backup and restore of the database file. The dialogs are opened here, on the Rust side: the
//! page can only say "make a backup" or "restore a backup". The core does the work on paths,
//! off the app's connection: a backup reads the file through a connection of its own while the
//! app keeps saving, and a restore is checked whole before the app's connections are closed.

use assessments::backup::BackupRecord;
use assessments::{api::BackupStatus, api::Restored, Assessments};
use tauri::{AppHandle, Manager, State};

use crate::error::Result;
use crate::state::{off_the_store, AppState};

/// The last backup and whether the reminder is due (the overview and the settings screen).
#[tauri::command]
#[specta::specta]
pub async fn backup_status(state: State<'_, AppState>) -> Result<BackupStatus> {
    let Some(database) = state.database_file()? else {
        return Ok(BackupStatus::on_server(state.location()?.0.shown()));
    };
    state.run("backup_status", move |s| s.backup_status(&database)).await
}

/// The database file, or why there is no backup here (the data is on a server).
fn file(state: &AppState) -> Result<std::path::PathBuf> {
    Ok(state.database_file()?.ok_or_else(assessments::api::backup_needs_a_file)?)
}

/// Asks where to save the backup, then makes it and checks it. `None` when the person
/// cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn make_backup(app: AppHandle, state: State<'_, AppState>) -> Result<Option<BackupRecord>> {
    let database = file(&state)?;
    let (suggested, now) = state.run("make_backup", |s| Ok((s.suggested_backup_name(), s.now()))).await?;
    let folder = app.path().document_dir().ok();
    let Some(path) = crate::dialogs::ask_save(
        &app,
        ("Back-up opslaan", "Save the backup"),
        &suggested,
        ("AI-toets back-up", assessments::backup::EXTENSION),
        folder,
    )
    .await?
    else {
        return Ok(None);
    };
    off_the_store("make_backup", move || Assessments::make_backup(&database, &path, now)).await.map(Some)
}

/// Asks which backup to restore, checks it whole while the app goes on, then closes the app's
/// connections, keeps the current file under a new name beside it and puts the backup in its
/// place. `None` when the person cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(app: AppHandle, state: State<'_, AppState>) -> Result<Option<Restored>> {
    let database = file(&state)?;
    let Some(picked) = crate::dialogs::ask_open(
        &app,
        ("Back-up kiezen om terug te zetten", "Choose a backup to restore"),
        ("AI-toets back-up", assessments::backup::EXTENSION),
    )
    .await?
    else {
        return Ok(None);
    };
    let prepared = off_the_store("restore_backup", move || Assessments::prepare_restore(&database, &picked)).await?;
    let now = state.run("restore_backup", |s| Ok(s.now())).await?;
    state.with_database_closed("restore_backup", move |database| prepared.put_in_place(database, now)).await.map(Some)
}

#[cfg(test)]
mod tests {
    use assessments::{Assessments, Proposal};

    use crate::state::AppState;

    fn proposal(title: &str) -> Proposal {
        Proposal { title: title.into(), ..Default::default() }
    }

    /// The shell's half of a restore: both connections closed while the file is replaced, both
    /// on the restored file afterwards (the app's and the check on open's), the old one kept.
    #[test]
    fn a_restore_reopens_both_connections_on_the_restored_file() {
        tauri::async_runtime::block_on(async {
            let dir = tempfile::tempdir().expect("dir");
            let state = AppState::open(dir.path().join("data"));
            state.run("t", |s| s.create(proposal("In de back-up"))).await.expect("create");
            // The check's own connection is open on the old file before the restore.
            let before = state.run_check("t", |s| s.integrity()).await.expect("check");
            let target = dir.path().join("back-up.sqlite3");
            let database = state.database.clone();
            let now = time::OffsetDateTime::now_utc();
            Assessments::make_backup(&database, &target, now).expect("backup");
            state.run("t", |s| s.create(proposal("Na de back-up"))).await.expect("create");
            let prepared = Assessments::prepare_restore(&database, &target).expect("checked");
            let restored =
                state.with_database_closed("t", move |db| prepared.put_in_place(db, now)).await.expect("restore");
            let titles: Vec<String> =
                state.run("t", |s| s.list()).await.expect("list").into_iter().map(|p| p.title).collect();
            assert_eq!(titles, ["In de back-up"], "the app's connection reads the restored file");
            let after = state.run_check("t", |s| s.integrity()).await.expect("check");
            assert!(after.intact);
            assert_eq!(after.entries, before.entries, "the check's connection reads the restored file too");
            let kept = std::path::PathBuf::from(restored.kept.expect("kept"));
            let mut old = Assessments::new(Box::new(assessments::SqliteStore::open(&kept).expect("open")));
            assert_eq!(old.list().expect("list").len(), 2, "the replaced file keeps the later work");
        });
    }
}
