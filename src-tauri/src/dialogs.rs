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

/// A dialog's title in Dutch and in English: shown in the language the person chose.
pub type Title<'a> = (&'a str, &'a str);

/// The title in the chosen language (read from the preferences beside the database).
#[cfg(not(feature = "e2e"))]
fn in_language(app: &AppHandle, (nl, en): Title<'_>) -> String {
    use assessments::preferences::{read, Language};
    use tauri::Manager;
    let english = app.try_state::<crate::state::AppState>().is_some_and(|s| read(&s.data_dir).language == Language::En);
    if english { en } else { nl }.to_string()
}

/// "Save as": where to write a file named `suggested`. `None` when the user cancelled.
#[cfg(not(feature = "e2e"))]
pub async fn ask_save(
    app: &AppHandle,
    title: Title<'_>,
    suggested: &str,
    filter: (&str, &str),
    folder: Option<PathBuf>,
) -> Result<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;

    let (name, extension) = filter;
    let mut dialog =
        app.dialog().file().set_title(in_language(app, title)).set_file_name(suggested).add_filter(name, &[extension]);
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
pub async fn ask_open(app: &AppHandle, title: Title<'_>, filter: (&str, &str)) -> Result<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;

    let (name, extension) = filter;
    let dialog = app.dialog().file().set_title(in_language(app, title)).add_filter(name, &[extension]);
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
    title: Title<'_>,
    suggested: &str,
    folder: Option<PathBuf>,
) -> Result<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;

    let mut dialog = app.dialog().file().set_title(in_language(app, title)).set_file_name(suggested);
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| crate::error::internal(&e.to_string()))?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

#[cfg(feature = "e2e")]
pub async fn ask_new_folder(
    _: &AppHandle,
    _: Title<'_>,
    suggested: &str,
    _: Option<PathBuf>,
) -> Result<Option<PathBuf>> {
    Ok(std::env::var_os("AI_TOETS_E2E_SAVE_DIR").map(PathBuf::from).map(|dir| dir.join(suggested)))
}

#[cfg(feature = "e2e")]
pub async fn ask_save(
    _: &AppHandle,
    _: Title<'_>,
    suggested: &str,
    _: (&str, &str),
    _: Option<PathBuf>,
) -> Result<Option<PathBuf>> {
    Ok(std::env::var_os("AI_TOETS_E2E_SAVE_DIR").map(PathBuf::from).map(|dir| dir.join(suggested)))
}

#[cfg(feature = "e2e")]
pub async fn ask_open(_: &AppHandle, _: Title<'_>, _: (&str, &str)) -> Result<Option<PathBuf>> {
    Ok(std::env::var_os("AI_TOETS_E2E_OPEN_FILE").map(PathBuf::from))
}

/// "Open" for a file of any of `extensions` (an attachment). `None` when the user cancelled.
#[cfg(not(feature = "e2e"))]
pub async fn ask_open_any(
    app: &AppHandle,
    title: Title<'_>,
    name: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;

    let dialog = app.dialog().file().set_title(in_language(app, title)).add_filter(name, extensions);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(|e| crate::error::internal(&e.to_string()))?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}

#[cfg(feature = "e2e")]
pub async fn ask_open_any(_: &AppHandle, _: Title<'_>, _: &str, _: &[&str]) -> Result<Option<PathBuf>> {
    Ok(std::env::var_os("AI_TOETS_E2E_OPEN_FILE").map(PathBuf::from))
}
