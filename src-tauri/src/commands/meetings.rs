//! Committee meetings: attendance, agenda, conflicts of interest, votes, minority opinions.

use assessments::meeting::{Meeting, MeetingInput, VoteChoice};
use assessments::views::MeetingView;
use assessments::PilotSummary;
use tauri::State;
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

/// The pilots the meeting form may put on the agenda of `meeting` (a new one: `None`).
#[tauri::command]
#[specta::specta]
pub async fn agenda_candidates(state: State<'_, AppState>, meeting: Option<Uuid>) -> Result<Vec<PilotSummary>> {
    state.run("agenda_candidates", move |s| s.agenda_candidates(meeting)).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_meetings(state: State<'_, AppState>) -> Result<Vec<Meeting>> {
    state.run("list_meetings", |s| s.list_meetings()).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_meeting(state: State<'_, AppState>, id: Uuid) -> Result<MeetingView> {
    state.run("get_meeting", move |s| s.get_meeting(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_meeting(state: State<'_, AppState>, meeting: MeetingInput) -> Result<MeetingView> {
    state.run("create_meeting", move |s| s.create_meeting(meeting)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_meeting(state: State<'_, AppState>, id: Uuid, meeting: MeetingInput) -> Result<MeetingView> {
    state.run("update_meeting", move |s| s.update_meeting(id, meeting)).await
}

#[tauri::command]
#[specta::specta]
pub async fn declare_conflict(
    state: State<'_, AppState>,
    id: Uuid,
    member: String,
    pilot_id: Uuid,
    reason: String,
) -> Result<MeetingView> {
    state.run("declare_conflict", move |s| s.declare_conflict(id, &member, pilot_id, &reason)).await
}

#[tauri::command]
#[specta::specta]
pub async fn withdraw_conflict(
    state: State<'_, AppState>,
    id: Uuid,
    member: String,
    pilot_id: Uuid,
) -> Result<MeetingView> {
    state.run("withdraw_conflict", move |s| s.withdraw_conflict(id, &member, pilot_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn cast_vote(
    state: State<'_, AppState>,
    id: Uuid,
    member: String,
    pilot_id: Uuid,
    choice: VoteChoice,
) -> Result<MeetingView> {
    state.run("cast_vote", move |s| s.cast_vote(id, &member, pilot_id, choice)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_minority_opinion(
    state: State<'_, AppState>,
    id: Uuid,
    member: String,
    pilot_id: Uuid,
    text: String,
) -> Result<MeetingView> {
    state.run("set_minority_opinion", move |s| s.set_minority_opinion(id, &member, pilot_id, &text)).await
}

/// The secretary opens the meeting's minutes with their passphrase, once; votes, conflicts and
/// opinions are then recorded with the secretary's key.
#[tauri::command]
#[specta::specta]
pub async fn open_minutes(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    passphrase: String,
) -> Result<assessments::views::MinutesStatus> {
    state.run("open_minutes", move |s| s.open_minutes(meeting_id, &passphrase)).await
}

#[tauri::command]
#[specta::specta]
pub async fn close_minutes(state: State<'_, AppState>) -> Result<assessments::views::MinutesStatus> {
    state.run("close_minutes", |s| Ok(s.close_minutes())).await
}

#[tauri::command]
#[specta::specta]
pub async fn minutes_status(state: State<'_, AppState>) -> Result<assessments::views::MinutesStatus> {
    state.run("minutes_status", |s| Ok(s.minutes_status())).await
}
