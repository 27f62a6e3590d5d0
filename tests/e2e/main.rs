//! End-to-end tests: the real AI-toets binary in a real window (Xvfb), driven through
//! tauri-driver and WebKitWebDriver. `scripts/test` (which `.ci/run` runs) builds the app
//! with the `e2e` feature first and points `AI_TOETS_E2E_APP` at it. Screenshots and the
//! exported PDF land in `artifacts/e2e/` (git-ignored) for a person to look at.

mod ai_act;
mod archive;
mod committee;
mod english;
mod exchange;
mod followup;
mod framework_revision;
mod harness;
mod hostile;
mod installed;
mod journey;
mod keyboard;
mod meeting;
mod report;
mod shared_server;
mod startup_errors;
