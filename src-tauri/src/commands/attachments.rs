//! Attachments: a file chosen in the open dialog kept with a pilot, and a copy saved through
//! the save dialog. The dialogs open here, so the web page never hands us a path.

use assessments::attachments::{Attachment, Place};
use tauri::{AppHandle, Manager, State};
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

/// Asks for a file and keeps it with the pilot at `place`. `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn attach_file(
    app: AppHandle,
    state: State<'_, AppState>,
    pilot_id: Uuid,
    place: Place,
    by: String,
) -> Result<Option<Attachment>> {
    let extensions = assessments::attachments::extensions();
    let Some(path) = crate::dialogs::ask_open_any(
        &app,
        ("Bijlage toevoegen", "Add a file"),
        &extensions.join(", ").to_uppercase(),
        &extensions,
    )
    .await?
    else {
        return Ok(None);
    };
    state.run("attach_file", move |s| s.attach_file(pilot_id, place, &path, &by)).await.map(Some)
}

/// Asks where to save a copy of an attachment, checks its bytes against its SHA-256 and writes
/// it. Returns the path, or `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_attachment(
    app: AppHandle,
    state: State<'_, AppState>,
    pilot_id: Uuid,
    attachment_id: Uuid,
) -> Result<Option<String>> {
    let name = state.run("save_attachment", move |s| s.attachment_name(pilot_id, attachment_id)).await?;
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_string()).unwrap_or_default();
    let folder = app.path().document_dir().ok();
    let Some(path) = crate::dialogs::ask_save(
        &app,
        ("Bijlage opslaan", "Save the file"),
        &name,
        (&extension.to_uppercase(), &extension),
        folder,
    )
    .await?
    else {
        return Ok(None);
    };
    let written = path.clone();
    state.run("save_attachment", move |s| s.save_attachment(attachment_id, &path)).await?;
    Ok(Some(written.display().to_string()))
}
