//! Signing the decision record.

use assessments::{PilotView, Role};
use tauri::State;
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn sign_decision(state: State<'_, AppState>, id: Uuid, signer_name: String, role: Role) -> Result<PilotView> {
    state.run(move |s| s.sign(id, &signer_name, role)).await
}
