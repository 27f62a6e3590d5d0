//! Tauri commands, grouped by area. Each one unpacks its arguments, calls the core through
//! [`crate::state::AppState::run`] (the check on open through `run_check`; the wizard and the
//! intake form, which need no database, directly) and returns the core's answer or its error.

pub mod ai_act;
pub mod archive;
pub mod attachments;
pub mod backup;
pub mod committee;
pub mod database;
pub mod exchange;
pub mod export;
pub mod followup;
pub mod frameworks;
pub mod intake;
pub mod integrity;
pub mod meetings;
pub mod pilots;
pub mod preferences;
pub mod report;
pub mod review;
pub mod signing;
pub mod start;
