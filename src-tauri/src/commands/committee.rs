//! The committee: its roster with members' keys, the signing policy, and the roster log the
//! chair and the secretary confirm. Sealed keys never cross to the page: the roster comes as
//! [`MemberView`]s. Every change to the roster carries the approvers' passphrases; the core
//! signs it into the roster log with their keys.

use assessments::api::{Approver, NewMember};
use assessments::committee::roster::{MemberInput, SigningPolicy};
use assessments::views::{MemberView, RosterStatus};
use assessments::Role;
use tauri::{AppHandle, Manager, State};
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_members(state: State<'_, AppState>) -> Result<Vec<MemberView>> {
    state.run("list_members", |s| s.roster()).await
}

#[tauri::command]
#[specta::specta]
pub async fn roster_status(state: State<'_, AppState>, subject: Option<Uuid>) -> Result<RosterStatus> {
    state.run("roster_status", move |s| s.roster_status(subject)).await
}

#[tauri::command]
#[specta::specta]
pub async fn found_committee(
    state: State<'_, AppState>,
    chair: NewMember,
    secretary: NewMember,
) -> Result<Vec<MemberView>> {
    state.run("found_committee", move |s| s.found_committee(chair, secretary)).await
}

#[tauri::command]
#[specta::specta]
pub async fn adopt_roster(state: State<'_, AppState>, approvers: Vec<Approver>) -> Result<Vec<MemberView>> {
    state.run("adopt_roster", move |s| s.adopt_roster(approvers)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_member(
    state: State<'_, AppState>,
    member: MemberInput,
    passphrase: String,
    approvers: Vec<Approver>,
) -> Result<MemberView> {
    state.run("add_member", move |s| s.add_member(member, &passphrase, approvers)).await
}

#[tauri::command]
#[specta::specta]
pub async fn change_role(
    state: State<'_, AppState>,
    id: Uuid,
    role: Role,
    approvers: Vec<Approver>,
) -> Result<MemberView> {
    state.run("change_role", move |s| s.change_role(id, role, approvers)).await
}

#[tauri::command]
#[specta::specta]
pub async fn end_membership(state: State<'_, AppState>, id: Uuid, approvers: Vec<Approver>) -> Result<MemberView> {
    state.run("end_membership", move |s| s.end_membership(id, approvers)).await
}

#[tauri::command]
#[specta::specta]
pub async fn rotate_key(
    state: State<'_, AppState>,
    id: Uuid,
    current_passphrase: String,
    new_passphrase: String,
) -> Result<MemberView> {
    state.run("rotate_key", move |s| s.rotate_key(id, &current_passphrase, &new_passphrase)).await
}

#[tauri::command]
#[specta::specta]
pub async fn replace_key(
    state: State<'_, AppState>,
    id: Uuid,
    new_passphrase: String,
    approvers: Vec<Approver>,
) -> Result<MemberView> {
    state.run("replace_key", move |s| s.replace_key(id, &new_passphrase, approvers)).await
}

/// `since`: RFC 3339; the key's signatures from then on no longer count.
#[tauri::command]
#[specta::specta]
pub async fn declare_compromised(
    state: State<'_, AppState>,
    id: Uuid,
    key_id: Uuid,
    since: String,
    approvers: Vec<Approver>,
) -> Result<MemberView> {
    state.run("declare_compromised", move |s| s.declare_compromised_at(id, key_id, &since, approvers)).await
}

#[tauri::command]
#[specta::specta]
pub async fn signing_policy(state: State<'_, AppState>) -> Result<SigningPolicy> {
    state.run("signing_policy", |s| s.signing_policy()).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_signing_policy(
    state: State<'_, AppState>,
    policy: SigningPolicy,
    approvers: Vec<Approver>,
) -> Result<SigningPolicy> {
    state.run("set_signing_policy", move |s| s.set_signing_policy(policy, approvers)).await
}

/// Asks where to save the roster for publication (`ledenlijst.json`), then writes it there.
/// Returns the path, or `None` when the user cancelled the dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_roster(app: AppHandle, state: State<'_, AppState>) -> Result<Option<String>> {
    let folder = app.path().document_dir().ok();
    let Some(path) = crate::dialogs::ask_save(
        &app,
        ("Ledenlijst opslaan", "Save the roster"),
        "ledenlijst.json",
        ("JSON", "json"),
        folder,
    )
    .await?
    else {
        return Ok(None);
    };
    let written = path.clone();
    state.run("export_roster", move |s| s.export_roster(&path)).await?;
    Ok(Some(written.display().to_string()))
}

/// Chair and secretary confirm the audit trail as it stands (at the end of a meeting).
#[tauri::command]
#[specta::specta]
pub async fn confirm_log(
    state: State<'_, AppState>,
    approvers: Vec<Approver>,
) -> Result<assessments::audit::Checkpoint> {
    state.run("confirm_log", move |s| s.confirm_log(approvers)).await
}
