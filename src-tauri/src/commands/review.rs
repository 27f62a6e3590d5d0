//! The committee's review: taking a proposal into review, a verdict and notes per question,
//! then the decision.

use assessments::{Answer, DecisionInput, PilotView};
use tauri::State;
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn start_review(state: State<'_, AppState>, id: Uuid) -> Result<PilotView> {
    state.run("start_review", move |s| s.start_review(id)).await
}

#[tauri::command]
#[specta::specta]
/// `based_on`: the answer as the screen last saw it stored (refused as changed by someone else
/// when the stored one moved on since).
pub async fn set_answer(
    state: State<'_, AppState>,
    id: Uuid,
    question_id: String,
    answer: Answer,
    based_on: Answer,
) -> Result<PilotView> {
    state.run("set_answer", move |s| s.set_answer_based_on(id, &question_id, answer, based_on)).await
}

#[tauri::command]
#[specta::specta]
pub async fn decide(state: State<'_, AppState>, id: Uuid, decision: DecisionInput) -> Result<PilotView> {
    state.run("decide", move |s| s.decide(id, decision)).await
}

#[tauri::command]
#[specta::specta]
pub async fn reopen_review(state: State<'_, AppState>, id: Uuid) -> Result<PilotView> {
    state.run("reopen_review", move |s| s.reopen(id)).await
}
