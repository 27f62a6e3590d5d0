//! The start screen on a new installation: the first steps and the municipality's name.

use assessments::views::FirstSteps;
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn first_steps(state: State<'_, AppState>) -> Result<FirstSteps> {
    state.run("first_steps", |s| s.first_steps()).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_municipality(state: State<'_, AppState>, name: String) -> Result<FirstSteps> {
    state.run("set_municipality", move |s| s.set_municipality(&name)).await
}
