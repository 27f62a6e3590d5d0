//! The committee roster with members' keys, the signing policy, and signing the decision
//! record with a member's passphrase. Sealed keys never cross to the page: the roster comes
//! as [`MemberView`]s.

use assessments::roster::{MemberInput, SigningPolicy};
use assessments::service::MemberView;
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
    state.run(move |s| s.sign(id, member_id, &passphrase)).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_members(state: State<'_, AppState>) -> Result<Vec<MemberView>> {
    state.run(|s| s.roster()).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_member(state: State<'_, AppState>, member: MemberInput, passphrase: String) -> Result<MemberView> {
    state.run(move |s| s.add_member(member, &passphrase)).await
}

#[tauri::command]
#[specta::specta]
pub async fn rotate_key(
    state: State<'_, AppState>,
    id: Uuid,
    current_passphrase: String,
    new_passphrase: String,
) -> Result<MemberView> {
    state.run(move |s| s.rotate_key(id, &current_passphrase, &new_passphrase)).await
}

#[tauri::command]
#[specta::specta]
pub async fn revoke_key(state: State<'_, AppState>, id: Uuid, key_id: Uuid) -> Result<MemberView> {
    state.run(move |s| s.revoke_key(id, key_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn signing_policy(state: State<'_, AppState>) -> Result<SigningPolicy> {
    state.run(|s| s.signing_policy()).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_signing_policy(state: State<'_, AppState>, policy: SigningPolicy) -> Result<SigningPolicy> {
    state.run(move |s| s.set_signing_policy(policy)).await
}
