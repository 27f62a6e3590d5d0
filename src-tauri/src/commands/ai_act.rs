//! The AI Act wizard: its questions, and the conclusion for a set of answers (before they are
//! saved, so the project lead sees the outcome change with every answer).

use assessments::wizard::{Answers, Conclusion, Wizard};
use assessments::Assessments;

use crate::error::Result;

#[tauri::command]
#[specta::specta]
pub async fn ai_act_wizard() -> Result<Wizard> {
    crate::logging::timed("ai_act_wizard", || Ok(Assessments::ai_act_wizard()?))
}

#[tauri::command]
#[specta::specta]
pub async fn conclude_ai_act(answers: Answers) -> Result<Conclusion> {
    crate::logging::timed("conclude_ai_act", || Ok(Assessments::conclude_ai_act(&answers)?))
}
