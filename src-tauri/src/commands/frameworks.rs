//! The review framework: its versions, what changed, and loading a revision.

use assessments::views::FrameworkVersion;
use assessments::Assessments;
use tauri::{AppHandle, State};

use crate::error::Result;
use crate::state::{off_the_store, AppState};

#[tauri::command]
#[specta::specta]
pub async fn framework_versions(state: State<'_, AppState>) -> Result<Vec<FrameworkVersion>> {
    state.run("framework_versions", |s| s.framework_versions()).await
}

/// Asks for a revised framework file and loads it. `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn load_framework(app: AppHandle, state: State<'_, AppState>) -> Result<Option<FrameworkVersion>> {
    let Some(path) = crate::dialogs::ask_open(
        &app,
        ("Herzien toetsingskader laden", "Load a revised review framework"),
        ("TOML", "toml"),
    )
    .await?
    else {
        return Ok(None);
    };
    // Read and checked before the store is taken: a large file holds up no other command.
    let checked = off_the_store("load_framework", move || Assessments::read_framework_file(&path)).await?;
    state.run("load_framework", move |s| s.keep_framework(checked)).await.map(Some)
}
