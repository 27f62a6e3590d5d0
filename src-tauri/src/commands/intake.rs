//! The intake form's fields (sections, labels, help, limits), so the UI draws them from the core.

use assessments::intake::IntakeSection;
use assessments::Assessments;

use crate::error::Result;

#[tauri::command]
#[specta::specta]
pub async fn intake_form() -> Result<Vec<IntakeSection>> {
    crate::logging::timed("intake_form", || Ok(Assessments::intake_form()))
}
