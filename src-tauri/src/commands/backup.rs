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
    let database = state.database.clone();
    state.run("backup_status", move |s| s.backup_status(&database)).await
}

/// Asks where to save the backup, then makes it and checks it. `None` when the person
/// cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn make_backup(app: AppHandle, state: State<'_, AppState>) -> Result<Option<BackupRecord>> {
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
    let database = state.database.clone();
    off_the_store("make_backup", move || Assessments::make_backup(&database, &path, now)).await.map(Some)
}

/// Asks which backup to restore, checks it whole while the app goes on, then closes the app's
/// connections, keeps the current file under a new name beside it and puts the backup in its
/// place. `None` when the person cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(app: AppHandle, state: State<'_, AppState>) -> Result<Option<Restored>> {
    let Some(picked) = crate::dialogs::ask_open(
        &app,
        ("Back-up kiezen om terug te zetten", "Choose a backup to restore"),
        ("AI-toets back-up", assessments::backup::EXTENSION),
    )
    .await?
    else {
        return Ok(None);
    };
    let database = state.database.clone();
    let prepared = off_the_store("restore_backup", move || Assessments::prepare_restore(&database, &picked)).await?;
    let now = state.run("restore_backup", |s| Ok(s.now())).await?;
    state.with_database_closed("restore_backup", move |database| prepared.put_in_place(database, now)).await.map(Some)
}
