//! Native file dialogs, through tauri-plugin-dialog. They are opened from Rust so the web
//! page never hands us a path (an invariant, ARCHITECTURE.md).
//!
//! WebDriver cannot click in a native dialog, so builds with the `e2e` feature take the
//! answers from `AI_TOETS_E2E_SAVE_DIR` and `AI_TOETS_E2E_OPEN_FILE` instead. That feature
//! exists only for the end-to-end suite; the app people install is built without it and
//! always asks the user.

use std::path::PathBuf;

use tauri::AppHandle;

use crate::error::Result;

/// "Save as": where to write a file named `suggested`. `None` when the user cancelled.
#[cfg(not(feature = "e2e"))]
pub async fn ask_save(
    app: &AppHandle,
    title: &str,
    suggested: &str,
    filter: (&str, &str),
    folder: Option<PathBuf>,
) -> Result<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;

    let (name, extension) = filter;
    let mut dialog = app.dialog().file().set_title(title).set_file_name(suggested).add_filter(name, &[extension]);
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    // The dialog blocks until the user answers; keep that off the async runtime.
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| crate::error::internal(&e.to_string()))?;
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| {
        if p.extension().is_some() {
            p
        } else {
            p.with_extension(extension)
        }
    }))
}

/// "Open": which file to read. `None` when the user cancelled.
#[cfg(not(feature = "e2e"))]
pub async fn ask_open(app: &AppHandle, title: &str, filter: (&str, &str)) -> Result<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;

    let (name, extension) = filter;
    let dialog = app.dialog().file().set_title(title).add_filter(name, &[extension]);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(|e| crate::error::internal(&e.to_string()))?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

/// "Save as" for a new folder named `suggested` (a transfer package). `None` when the user
/// cancelled.
#[cfg(not(feature = "e2e"))]
pub async fn ask_new_folder(
    app: &AppHandle,
    title: &str,
    suggested: &str,
    folder: Option<PathBuf>,
) -> Result<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;

    let mut dialog = app.dialog().file().set_title(title).set_file_name(suggested);
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| crate::error::internal(&e.to_string()))?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

#[cfg(feature = "e2e")]
pub async fn ask_new_folder(_: &AppHandle, _: &str, suggested: &str, _: Option<PathBuf>) -> Result<Option<PathBuf>> {
    Ok(std::env::var_os("AI_TOETS_E2E_SAVE_DIR").map(PathBuf::from).map(|dir| dir.join(suggested)))
}

#[cfg(feature = "e2e")]
pub async fn ask_save(
    _: &AppHandle,
    _: &str,
    suggested: &str,
    _: (&str, &str),
    _: Option<PathBuf>,
) -> Result<Option<PathBuf>> {
    Ok(std::env::var_os("AI_TOETS_E2E_SAVE_DIR").map(PathBuf::from).map(|dir| dir.join(suggested)))
}

#[cfg(feature = "e2e")]
pub async fn ask_open(_: &AppHandle, _: &str, _: (&str, &str)) -> Result<Option<PathBuf>> {
    Ok(std::env::var_os("AI_TOETS_E2E_OPEN_FILE").map(PathBuf::from))
}

/// "Open" for a file of any of `extensions` (an attachment). `None` when the user cancelled.
#[cfg(not(feature = "e2e"))]
pub async fn ask_open_any(app: &AppHandle, title: &str, name: &str, extensions: &[&str]) -> Result<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;

    let dialog = app.dialog().file().set_title(title).add_filter(name, extensions);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(|e| crate::error::internal(&e.to_string()))?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

#[cfg(feature = "e2e")]
pub async fn ask_open_any(_: &AppHandle, _: &str, _: &str, _: &[&str]) -> Result<Option<PathBuf>> {
    Ok(std::env::var_os("AI_TOETS_E2E_OPEN_FILE").map(PathBuf::from))
}
