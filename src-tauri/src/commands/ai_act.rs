//! The AI Act wizard: its questions, and the conclusion for a set of answers (before they are
//! saved, so the project lead sees the outcome change with every answer).

use assessments::wizard::{Answers, Conclusion, Wizard};
use assessments::Assessments;

use crate::error::Result;

#[tauri::command]
#[specta::specta]
pub async fn ai_act_wizard() -> Result<Wizard> {
    let started = std::time::Instant::now();
    let result = Assessments::ai_act_wizard().map_err(Into::into);
    crate::logging::command("ai_act_wizard", started, &result);
    result
}

#[tauri::command]
#[specta::specta]
pub async fn conclude_ai_act(answers: Answers) -> Result<Conclusion> {
    let started = std::time::Instant::now();
    let result = Assessments::conclude_ai_act(&answers).map_err(Into::into);
    crate::logging::command("conclude_ai_act", started, &result);
    result
}
