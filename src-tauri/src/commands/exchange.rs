//! Files between machines: the proposal file, the monitoring-report file, Algoritmeregister
//! entries. Every path comes from a native dialog opened here.

use assessments::base::files::FileKind;
use assessments::exchange::{MonitoringForm, MonitoringReportFile, RegisterFile};
use assessments::followup::FollowUp;
use assessments::{Assessments, PilotView};
use tauri::{AppHandle, Manager, State};
use uuid::Uuid;

use crate::dialogs::{ask_open, ask_save};
use crate::error::Result;
use crate::state::{off_the_store, AppState};

/// Saves the proposal as a file for the committee secretary. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_proposal(app: AppHandle, state: State<'_, AppState>, id: Uuid) -> Result<Option<String>> {
    let name = state.run("export_proposal", move |s| s.suggested_file_name(id, FileKind::Proposal)).await?;
    let folder = app.path().document_dir().ok();
    let Some(path) = ask_save(
        &app,
        ("Voorstel opslaan voor de commissie", "Save the proposal for the committee"),
        &name,
        ("JSON", "json"),
        folder,
    )
    .await?
    else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    state.run("export_proposal", move |s| s.export_proposal(id, &path)).await?;
    Ok(Some(shown))
}

/// Imports a proposal file as a new pilot. `None` when cancelled. The file is read and
/// checked before the store is taken, so a large or hostile file holds up no other command.
#[tauri::command]
#[specta::specta]
pub async fn import_proposal(app: AppHandle, state: State<'_, AppState>) -> Result<Option<PilotView>> {
    let Some(path) = ask_open(&app, ("Voorstel importeren", "Import a proposal"), ("JSON", "json")).await? else {
        return Ok(None);
    };
    let proposal = off_the_store("import_proposal", move || Assessments::read_proposal_file(&path)).await?;
    state.run("import_proposal", move |s| s.import_read_proposal(proposal)).await.map(Some)
}

/// Reads an Algoritmeregister file: its entries, each with the proposal it starts and the
/// import report, for the project lead to pick one and look at before it is saved (with
/// `create_pilot`). Stores nothing and never takes the store. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_register_entry(app: AppHandle) -> Result<Option<RegisterFile>> {
    let Some(path) = ask_open(
        &app,
        ("Registratie uit het Algoritmeregister openen", "Open an Algoritmeregister entry"),
        ("JSON", "json"),
    )
    .await?
    else {
        return Ok(None);
    };
    off_the_store("import_register_entry", move || Assessments::read_register_file(&path)).await.map(Some)
}

/// Saves a draft Algoritmeregister entry for an approved pilot. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_register_entry(app: AppHandle, state: State<'_, AppState>, id: Uuid) -> Result<Option<String>> {
    let name = state.run("export_register_entry", move |s| s.suggested_file_name(id, FileKind::RegisterEntry)).await?;
    let folder = app.path().document_dir().ok();
    let Some(path) = ask_save(
        &app,
        ("Registratie voor het Algoritmeregister opslaan", "Save the entry for the Algoritmeregister"),
        &name,
        ("JSON", "json"),
        folder,
    )
    .await?
    else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    state.run("export_register_entry", move |s| s.export_register_entry(id, &path)).await?;
    Ok(Some(shown))
}

/// Saves the monitoring-report form of a pilot for its project lead. Returns the path, or
/// `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_monitoring_form(app: AppHandle, state: State<'_, AppState>, id: Uuid) -> Result<Option<String>> {
    let suggested =
        state.run("export_monitoring_form", move |s| s.suggested_file_name(id, FileKind::MonitoringReport)).await?;
    let folder = app.path().document_dir().ok();
    let Some(path) = ask_save(
        &app,
        ("Rapportageformulier opslaan", "Save the monitoring form"),
        &suggested,
        ("JSON", "json"),
        folder,
    )
    .await?
    else {
        return Ok(None);
    };
    let written = path.clone();
    state.run("export_monitoring_form", move |s| s.export_monitoring_form(id, &path)).await?;
    Ok(Some(written.display().to_string()))
}

/// Opens a monitoring-report file to fill in (needs no pilot in this app). `None` when the
/// user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn open_monitoring_form(app: AppHandle) -> Result<Option<MonitoringForm>> {
    let Some(path) = ask_open(&app, ("Rapportage openen", "Open a monitoring report"), ("JSON", "json")).await? else {
        return Ok(None);
    };
    off_the_store("open_monitoring_form", move || Assessments::read_monitoring_file(&path)).await.map(Some)
}

/// Saves a (partly) filled monitoring-report file. Returns the path, or `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_monitoring_form(app: AppHandle, file: MonitoringReportFile) -> Result<Option<String>> {
    let suggested = assessments::base::files::file_name(FileKind::MonitoringReport, &file.pilot_title);
    let folder = app.path().document_dir().ok();
    let Some(path) =
        ask_save(&app, ("Rapportage opslaan", "Save the monitoring report"), &suggested, ("JSON", "json"), folder)
            .await?
    else {
        return Ok(None);
    };
    let written = path.clone();
    off_the_store("save_monitoring_form", move || Assessments::save_monitoring_file(&file, &path)).await?;
    Ok(Some(written.display().to_string()))
}

/// Reads a filled monitoring report for a pilot and hands it in. `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_monitoring_report(
    app: AppHandle,
    state: State<'_, AppState>,
    id: Uuid,
) -> Result<Option<FollowUp>> {
    let Some(path) =
        ask_open(&app, ("Ingevulde rapportage inlezen", "Read in a completed monitoring report"), ("JSON", "json"))
            .await?
    else {
        return Ok(None);
    };
    // Read and checked before the store is taken.
    let form = off_the_store("import_monitoring_report", move || Assessments::read_monitoring_file(&path)).await?;
    state.run("import_monitoring_report", move |s| s.import_monitoring_report(id, form.file)).await.map(Some)
}
