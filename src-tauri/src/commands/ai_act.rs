//! The AI Act wizard: its questions, the conclusion for a set of answers (before they are
//! saved, so the project lead sees the outcome change with every answer), and the duty dates
//! in effect, with loading a revision of them.

use assessments::views::DutyDatesVersion;
use assessments::wizard::{Answers, Conclusion, Wizard};
use assessments::Assessments;
use tauri::{AppHandle, State};

use crate::error::Result;
use crate::state::{off_the_store, AppState};

#[tauri::command]
#[specta::specta]
pub async fn ai_act_wizard() -> Result<Wizard> {
    crate::logging::timed("ai_act_wizard", || Ok(Assessments::ai_act_wizard()?))
}

#[tauri::command]
#[specta::specta]
pub async fn conclude_ai_act(state: State<'_, AppState>, answers: Answers) -> Result<Conclusion> {
    state.run("conclude_ai_act", move |s| s.conclude_ai_act(&answers)).await
}

#[tauri::command]
#[specta::specta]
pub async fn duty_dates_versions(state: State<'_, AppState>) -> Result<Vec<DutyDatesVersion>> {
    state.run("duty_dates_versions", |s| s.duty_dates_versions()).await
}

/// Asks for a revised duty-dates file and loads it. `None` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn load_duty_dates(app: AppHandle, state: State<'_, AppState>) -> Result<Option<DutyDatesVersion>> {
    let Some(path) =
        crate::dialogs::ask_open(&app, ("Data van de AI-verordening laden", "Load the AI Act dates"), ("TOML", "toml"))
            .await?
    else {
        return Ok(None);
    };
    // Read and checked before the store is taken.
    let checked = off_the_store("load_duty_dates", move || Assessments::read_duty_dates_file(&path)).await?;
    state.run("load_duty_dates", move |s| s.keep_duty_dates(checked)).await.map(Some)
}
