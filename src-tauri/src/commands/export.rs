//! Exporting the decision record as PDF. The save dialog is opened here, on the Rust side,
//! so the web page never hands us a path: it can only ask "export pilot X".

use assessments::base::files::FileKind;
use tauri::{AppHandle, Manager, State};
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

/// Asks where to save, then writes the PDF there. Returns the path, or `None` when the user
/// cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_pdf(app: AppHandle, state: State<'_, AppState>, id: Uuid) -> Result<Option<String>> {
    let suggested = state.run("export_pdf", move |s| s.suggested_file_name(id, FileKind::DecisionPdf)).await?;
    let folder = app.path().document_dir().ok();
    let Some(path) = crate::dialogs::ask_save(
        &app,
        ("Besluit opslaan als PDF", "Save the decision as PDF"),
        &suggested,
        ("PDF", "pdf"),
        folder,
    )
    .await?
    else {
        return Ok(None);
    };
    let written = path.clone();
    state.run("export_pdf", move |s| s.export_pdf(id, &path)).await?;
    Ok(Some(written.display().to_string()))
}
