//! Where the data is: a file on this machine or a shared PostgreSQL server (the settings'
//! *Database* part), moving every record there, and the audit trail's head that the screens
//! ask for every few seconds to see changes made in other windows and on other machines.

use assessments::api::{choose_location, switch_target, DatabaseView, MoveReport};
use assessments::audit::Checkpoint;
use assessments::preferences;
use assessments::storage::postgres::Location;
use assessments::Assessments;
use serde::Serialize;
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

/// What a move did, and where the data is now.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Moved {
    pub report: MoveReport,
    pub database: DatabaseView,
}

fn view(state: &AppState) -> Result<DatabaseView> {
    let (location, from_environment) = state.location()?;
    Ok(DatabaseView::of(&location, from_environment, &state.database))
}

/// Keeps the choice in the preferences (the default file as no choice at all).
fn remember(state: &AppState, location: &Location) -> Result<()> {
    let mut chosen = preferences::read(&state.data_dir);
    chosen.database = match location {
        Location::File(path) if *path == state.database => None,
        other => Some(other.shown()),
    };
    preferences::write(&state.data_dir, &chosen)?;
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub fn database(state: State<'_, AppState>) -> Result<DatabaseView> {
    view(&state)
}

#[tauri::command]
#[specta::specta]
pub async fn set_database(state: State<'_, AppState>, location: String) -> Result<DatabaseView> {
    let chosen = switch_target(&location, state.location()?.1, &state.database)?;
    state.switch_to(chosen.clone()).await?;
    remember(&state, &chosen)?;
    view(&state)
}

#[tauri::command]
#[specta::specta]
pub async fn move_database(state: State<'_, AppState>, to: String) -> Result<Moved> {
    let (from, from_environment) = state.location()?;
    let to = choose_location(&to, from_environment)?;
    let target = to.clone();
    // On the app's own connection's turn, so this window writes nothing while the data moves.
    let report = state.run("move_database", move |_| Assessments::move_data(&from, &target)).await?;
    state.switch_to(to.clone()).await?;
    remember(&state, &to)?;
    Ok(Moved { report, database: view(&state)? })
}

#[tauri::command]
#[specta::specta]
pub async fn audit_head(state: State<'_, AppState>) -> Result<Checkpoint> {
    state.peek(|s| s.audit_head()).await
}
