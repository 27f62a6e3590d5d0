//! For the start-up benchmark only (feature `e2e`, never in the installed app): when
//! `AI_TOETS_READY_FILE` is set, the first command through `AppState` that succeeds writes the
//! moment it did (nanoseconds since the Unix epoch) to that file (the wizard and intake-form
//! commands do not count). `bench/startup.sh` reads it.

use std::sync::Once;

pub const READY_FILE_ENV: &str = "AI_TOETS_READY_FILE";

static READY: Once = Once::new();

/// Marks the first successful command call.
pub fn mark() {
    READY.call_once(|| {
        let Some(path) = std::env::var_os(READY_FILE_ENV) else { return };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        if let Err(e) = std::fs::write(&path, nanos.to_string()) {
            eprintln!("ready file {}: {e}", std::path::Path::new(&path).display());
        }
    });
}
