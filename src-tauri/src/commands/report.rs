//! The yearly report to the council and the dashboard.

use assessments::api::ReportFile;
use assessments::report::{Dashboard, PeriodRequest, Progress};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

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
        ReportFile::Ods => ("OpenDocument-spreadsheet", "ods"),
        ReportFile::Csv => ("CSV", "csv"),
    };
    let Some(path) =
        crate::dialogs::ask_save(&app, "Jaarrapportage opslaan", &suggested, (label, extension), folder).await?
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
