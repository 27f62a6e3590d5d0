//! Signing the decision record with a member's passphrase.

use assessments::PilotView;
use tauri::State;
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn sign_decision(
    state: State<'_, AppState>,
    id: Uuid,
    member_id: Uuid,
    passphrase: String,
) -> Result<PilotView> {
    state.run("sign_decision", move |s| s.sign(id, member_id, &passphrase)).await
}
