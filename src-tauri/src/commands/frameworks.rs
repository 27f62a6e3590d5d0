//! The review framework: its versions, what changed, and loading a revision.

use assessments::views::FrameworkVersion;
use tauri::{AppHandle, State};

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn framework_versions(state: State<'_, AppState>) -> Result<Vec<FrameworkVersion>> {
    state.run("framework_versions", |s| s.framework_versions()).await
}

/// Asks for a revised framework file and loads it. `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn load_framework(app: AppHandle, state: State<'_, AppState>) -> Result<Option<FrameworkVersion>> {
    let Some(path) = crate::dialogs::ask_open(&app, "Herzien toetsingskader laden", ("Toetsingskader", "toml")).await?
    else {
        return Ok(None);
    };
    state.run("load_framework", move |s| s.load_framework_file(&path)).await.map(Some)
}
