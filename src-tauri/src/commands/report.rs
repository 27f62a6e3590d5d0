//! The yearly report to the council and the dashboard.

use assessments::api::{AdoptedView, ReportFile};
use assessments::report::{Dashboard, PeriodRequest, Progress};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

/// The current year's key figures and charts.
#[tauri::command]
#[specta::specta]
pub async fn dashboard(state: State<'_, AppState>) -> Result<Dashboard> {
    state.run("dashboard", |s| s.dashboard()).await
}

/// Asks where to save, then writes the yearly report there as PDF, ODS or CSV, telling
/// `on_progress` how far it is. Made on the check's own connection, so the window and the
/// app's other commands go on meanwhile. Returns the path, or `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_yearly_report(
    app: AppHandle,
    state: State<'_, AppState>,
    request: PeriodRequest,
    file: ReportFile,
    on_progress: Channel<Progress>,
) -> Result<Option<String>> {
    let suggested = state.run("export_yearly_report", move |s| s.suggested_report_name(request, file)).await?;
    let folder = app.path().document_dir().ok();
    let (label, extension) = match file {
        ReportFile::Pdf => ("PDF", "pdf"),
        ReportFile::Ods => ("OpenDocument (ODS)", "ods"),
        ReportFile::Csv => ("CSV", "csv"),
    };
    let Some(path) = crate::dialogs::ask_save(
        &app,
        ("Jaarrapportage opslaan", "Save the yearly report"),
        &suggested,
        (label, extension),
        folder,
    )
    .await?
    else {
        return Ok(None);
    };
    let written = path.clone();
    state
        .run_check("export_yearly_report", move |s| {
            s.export_yearly_report(request, file, &path, &mut |p| {
                // A window that went away stops listening; the report is written all the same.
                let _ = on_progress.send(p);
            })
        })
        .await?;
    Ok(Some(written.display().to_string()))
}

/// Adopts the yearly report of `request` as it is computed now, to be signed by the chair and
/// the secretary.
#[tauri::command]
#[specta::specta]
pub async fn adopt_report(state: State<'_, AppState>, request: PeriodRequest, by: String) -> Result<AdoptedView> {
    state.run("adopt_report", move |s| s.adopt_report(request, &by)).await
}

/// The chair or the secretary signs an adopted yearly report with their passphrase.
#[tauri::command]
#[specta::specta]
pub async fn sign_report(
    state: State<'_, AppState>,
    id: Uuid,
    member_id: Uuid,
    passphrase: String,
) -> Result<AdoptedView> {
    state.run("sign_report", move |s| s.sign_report(id, member_id, &passphrase)).await
}

/// Every adopted yearly report, newest first, with its signatures checked.
#[tauri::command]
#[specta::specta]
pub async fn adopted_reports(state: State<'_, AppState>) -> Result<Vec<AdoptedView>> {
    state.run("adopted_reports", |s| s.adopted_reports()).await
}

/// Asks where to save, then writes an adopted report as PDF/A with its signatures.
#[tauri::command]
#[specta::specta]
pub async fn export_adopted_report(app: AppHandle, state: State<'_, AppState>, id: Uuid) -> Result<Option<String>> {
    let suggested = state.run("export_adopted_report", move |s| s.suggested_adopted_name(id)).await?;
    let folder = app.path().document_dir().ok();
    let Some(path) = crate::dialogs::ask_save(
        &app,
        ("Vastgestelde jaarrapportage opslaan", "Save the adopted yearly report"),
        &suggested,
        ("PDF", "pdf"),
        folder,
    )
    .await?
    else {
        return Ok(None);
    };
    let written = path.clone();
    state.run_check("export_adopted_report", move |s| s.export_adopted_report(id, &path)).await?;
    Ok(Some(written.display().to_string()))
}
