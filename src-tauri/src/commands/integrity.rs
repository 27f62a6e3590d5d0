//! The check on open (audit trail, records, signatures) and the audit trail itself.

use assessments::audit::{AuditEntry, IntegrityReport};
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn integrity(state: State<'_, AppState>) -> Result<IntegrityReport> {
    state.run_check(|s| s.integrity()).await
}

#[tauri::command]
#[specta::specta]
pub async fn audit_log(state: State<'_, AppState>) -> Result<Vec<AuditEntry>> {
    state.run(|s| s.audit_log()).await
}
