// Generates a permission per command (`allow-<command>`), so the capability file can grant
// exactly the commands the window uses. The list is `src/command_names.rs`; keep it equal to
// `collect_commands!` in `src/bindings.rs` (a test checks).
include!("src/command_names.rs");

fn main() {
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
