//! The transfer package for the archive.

use assessments::api::{TransferPreview, TransferResult};
use assessments::archive::ArchiveSettings;
use assessments::report::{PeriodRequest, Progress};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::error::Result;
use crate::state::AppState;

/// The signed decisions a package of the period would hold, and the archive settings.
#[tauri::command]
#[specta::specta]
pub async fn transfer_preview(state: State<'_, AppState>, request: PeriodRequest) -> Result<TransferPreview> {
    state.run("transfer_preview", move |s| s.transfer_preview(request)).await
}

/// Saves how the decisions are filed in the archive (selection-list category, retention).
#[tauri::command]
#[specta::specta]
pub async fn set_archive_settings(
    state: State<'_, AppState>,
    settings: ArchiveSettings,
    by: String,
) -> Result<ArchiveSettings> {
    state.run("set_archive_settings", move |s| s.set_archive_settings(settings, &by)).await
}

/// Asks for the new folder's name, then writes the transfer package there (a BagIt folder) and
/// checks it, telling `on_progress` how far it is. On the check's own connection, so the window
/// goes on. `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_transfer_package(
    app: AppHandle,
    state: State<'_, AppState>,
    request: PeriodRequest,
    official: String,
    on_progress: Channel<Progress>,
) -> Result<Option<TransferResult>> {
    let suggested = state.run("export_transfer_package", move |s| s.suggested_package_name(request)).await?;
    let folder = app.path().document_dir().ok();
    let Some(path) = crate::dialogs::ask_new_folder(
        &app,
        ("Overdrachtspakket maken", "Make the transfer package"),
        &suggested,
        folder,
    )
    .await?
    else {
        return Ok(None);
    };
    let result = state
        .run_check("export_transfer_package", move |s| {
            s.export_transfer_package(request, &official, &path, &mut |p| {
                // A window that went away stops listening; the package is made all the same.
                let _ = on_progress.send(p);
            })
        })
        .await?;
    Ok(Some(result))
}
