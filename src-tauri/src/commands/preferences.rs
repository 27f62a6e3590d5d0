//! What one person chose on this machine: the screens' language. Kept in the data folder
//! beside the database, not in it, and read before the database is opened.

use assessments::preferences::{self, Language, Preferences};
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn preferences(state: State<'_, AppState>) -> Result<Preferences> {
    Ok(preferences::read(&state.data_dir))
}

#[tauri::command]
#[specta::specta]
pub fn set_language(state: State<'_, AppState>, language: Language) -> Result<Preferences> {
    // Only the language changes; the other preferences stay as read.
    let mut chosen = preferences::read(&state.data_dir);
    chosen.language = language;
    preferences::write(&state.data_dir, &chosen)?;
    Ok(chosen)
}
