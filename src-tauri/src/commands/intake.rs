//! The intake form's fields (sections, labels, help, limits), so the UI draws them from the core.

use assessments::intake::{fields, IntakeField, SECTIONS};
use serde::Serialize;

use crate::error::Result;

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IntakeSection {
    pub key: String,
    pub title: String,
    pub title_en: String,
    pub fields: Vec<IntakeField>,
}

#[tauri::command]
#[specta::specta]
pub async fn intake_form() -> Result<Vec<IntakeSection>> {
    let all = fields();
    Ok(SECTIONS
        .iter()
        .map(|(key, nl, en)| IntakeSection {
            key: key.to_string(),
            title: nl.to_string(),
            title_en: en.to_string(),
            fields: all.iter().filter(|f| f.section == *key).cloned().collect(),
        })
        .collect())
}
