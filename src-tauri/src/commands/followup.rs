//! After the decision: conditions followed up, the pilot's life stage, and what is due.

use assessments::comparison::Comparison;
use assessments::followup::monitoring::MonitoringReportInput;
use assessments::followup::{ConditionReport, ConditionStatus, Due, FollowUp, LifeChange};
use assessments::pilot::ReassessmentRequest;
use assessments::PilotView;
use tauri::State;
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn report_condition(state: State<'_, AppState>, pilot_id: Uuid, report: ConditionReport) -> Result<FollowUp> {
    state.run("report_condition", move |s| s.report_condition(pilot_id, report)).await
}

/// The committee confirms a condition's final status in a meeting whose minutes are open.
#[tauri::command]
#[specta::specta]
pub async fn confirm_condition(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    pilot_id: Uuid,
    condition: u32,
    status: ConditionStatus,
    note: String,
) -> Result<FollowUp> {
    state.run("confirm_condition", move |s| s.confirm_condition(meeting_id, pilot_id, condition, status, &note)).await
}

#[tauri::command]
#[specta::specta]
pub async fn change_life_stage(state: State<'_, AppState>, pilot_id: Uuid, change: LifeChange) -> Result<FollowUp> {
    state.run("change_life_stage", move |s| s.change_life_stage(pilot_id, change)).await
}

#[tauri::command]
#[specta::specta]
pub async fn due(state: State<'_, AppState>) -> Result<Due> {
    state.run("due", |s| s.due()).await
}

/// Starts a re-assessment of a signed decision: a new round of the same pilot.
#[tauri::command]
#[specta::specta]
pub async fn reassess(state: State<'_, AppState>, pilot_id: Uuid, request: ReassessmentRequest) -> Result<PilotView> {
    state.run("reassess", move |s| s.reassess(pilot_id, request)).await
}

/// A re-assessment beside the round it reviews again.
#[tauri::command]
#[specta::specta]
pub async fn comparison(state: State<'_, AppState>, pilot_id: Uuid) -> Result<Option<Comparison>> {
    state.run("comparison", move |s| s.comparison(pilot_id)).await
}

/// The project lead's monitoring report.
#[tauri::command]
#[specta::specta]
pub async fn report_monitoring(
    state: State<'_, AppState>,
    pilot_id: Uuid,
    report: MonitoringReportInput,
) -> Result<FollowUp> {
    state.run("report_monitoring", move |s| s.report_monitoring(pilot_id, report)).await
}

/// The committee takes note of a monitoring report in a meeting whose minutes are open.
#[tauri::command]
#[specta::specta]
pub async fn note_report(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    pilot_id: Uuid,
    report: Uuid,
    note: String,
) -> Result<FollowUp> {
    state.run("note_report", move |s| s.note_report(meeting_id, pilot_id, report, &note)).await
}

/// The pilot is published in the Algoritmeregister.
#[tauri::command]
#[specta::specta]
pub async fn record_publication(
    state: State<'_, AppState>,
    pilot_id: Uuid,
    publication: assessments::followup::Publication,
) -> Result<FollowUp> {
    state.run("record_publication", move |s| s.record_publication(pilot_id, publication)).await
}
