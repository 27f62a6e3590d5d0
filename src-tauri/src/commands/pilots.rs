//! The overview and the proposal: list, open, create, edit, submit.

use assessments::{PilotSummary, PilotView, Proposal};
use tauri::State;
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_pilots(state: State<'_, AppState>) -> Result<Vec<PilotSummary>> {
    state.run("list_pilots", |s| s.list()).await
}

/// Pilots whose name contains `query` (case and accents ignored).
#[tauri::command]
#[specta::specta]
pub async fn search_pilots(state: State<'_, AppState>, query: String) -> Result<Vec<PilotSummary>> {
    state.run("search_pilots", move |s| s.search(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_pilot(state: State<'_, AppState>, id: Uuid) -> Result<PilotView> {
    state.run("get_pilot", move |s| s.get(id)).await
}

/// Every field that keeps `proposal` from being handed in; nothing is saved.
#[tauri::command]
#[specta::specta]
pub async fn check_proposal(state: State<'_, AppState>, proposal: Proposal) -> Result<()> {
    state.run("check_proposal", move |s| s.check_proposal(&proposal)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_pilot(state: State<'_, AppState>, proposal: Proposal) -> Result<PilotView> {
    state.run("create_pilot", move |s| s.create(proposal)).await
}

#[tauri::command]
#[specta::specta]
/// `based_on`: the proposal as the screen last saw it stored (refused as changed by someone else
/// when the stored one moved on since).
pub async fn update_proposal(
    state: State<'_, AppState>,
    id: Uuid,
    proposal: Proposal,
    based_on: Proposal,
) -> Result<PilotView> {
    state.run("update_proposal", move |s| s.update_proposal_based_on(id, proposal, based_on)).await
}

#[tauri::command]
#[specta::specta]
pub async fn submit_proposal(state: State<'_, AppState>, id: Uuid) -> Result<PilotView> {
    state.run("submit_proposal", move |s| s.submit(id)).await
}
