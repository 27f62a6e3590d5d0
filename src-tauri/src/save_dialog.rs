//! The native "save as" dialog, through tauri-plugin-dialog.
//!
//! WebDriver cannot click in a native dialog, so builds with the `e2e` feature take the
//! answer from `AI_TOETS_E2E_SAVE_PATH` instead. That feature exists only for the end-to-end
//! suite; the app people install is built without it and always asks the user.

use std::path::PathBuf;

use tauri::AppHandle;

use crate::error::Result;

#[cfg(not(feature = "e2e"))]
pub async fn ask(app: &AppHandle, suggested: &str, folder: Option<PathBuf>) -> Result<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;

    let mut dialog =
        app.dialog().file().set_title("Besluit opslaan als PDF").set_file_name(suggested).add_filter("PDF", &["pdf"]);
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    // The dialog blocks until the user answers; keep that off the async runtime.
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| crate::error::internal(&e.to_string()))?;
    Ok(picked.and_then(|p| p.into_path().ok()).map(with_pdf_extension))
}

#[cfg(feature = "e2e")]
pub async fn ask(_app: &AppHandle, suggested: &str, _folder: Option<PathBuf>) -> Result<Option<PathBuf>> {
    Ok(std::env::var_os("AI_TOETS_E2E_SAVE_PATH").map(PathBuf::from).map(|dir| dir.join(suggested)))
}

/// Some dialogs return the name without the extension the filter implied.
#[cfg_attr(feature = "e2e", allow(dead_code))]
fn with_pdf_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("pdf")
    }
}
