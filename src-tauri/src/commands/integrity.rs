//! The check on open (audit trail, records, signatures).

use assessments::audit::IntegrityReport;
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn integrity(state: State<'_, AppState>) -> Result<IntegrityReport> {
    state.run_check("integrity", |s| s.integrity()).await
}
