//! AI-toets desktop shell: a window, the dialog plugin, and thin commands over the
//! `assessments` core. Architecture invariant (ARCHITECTURE.md): no rule of the review lives
//! here.

mod bindings;
mod commands;
mod dialogs;
mod error;
mod logging;
#[cfg(feature = "e2e")]
pub mod ready;
mod state;

use std::path::PathBuf;

use tauri::Manager;

/// Environment variable that points the app at another data folder (a test run, a USB stick).
pub const DATA_DIR_ENV: &str = "AI_TOETS_DATA_DIR";

/// Keeps the log writer alive for as long as the app runs.
struct LogGuard(#[allow(dead_code)] Option<tracing_appender::non_blocking::WorkerGuard>);

pub fn run() {
    let builder = bindings::builder();
    let mut app = tauri::Builder::default();
    if !second_window() {
        // First, so a second start only brings the open window forward.
        app = app.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }));
    }
    let result = app
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            let data_dir = match std::env::var_os(DATA_DIR_ENV) {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            // The log's writer flushes when its guard is dropped, so the app keeps it.
            app.manage(LogGuard(logging::init(&data_dir)));
            app.manage(state::AppState::open(data_dir));
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("AI-toets kon niet starten / could not start: {e}");
        std::process::exit(1);
    }
}

/// The e2e build starts an app of its own when `AI_TOETS_E2E_SECOND_WINDOW` is set (not empty),
/// beside one already running: two windows on one shared server (tests/e2e/shared_server.rs).
#[cfg(feature = "e2e")]
fn second_window() -> bool {
    std::env::var_os("AI_TOETS_E2E_SECOND_WINDOW").is_some_and(|v| !v.is_empty())
}

/// The app people install is built without the `e2e` feature: a second start always only
/// brings the open window forward.
#[cfg(not(feature = "e2e"))]
fn second_window() -> bool {
    false
}
