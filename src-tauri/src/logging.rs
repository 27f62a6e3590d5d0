//! The app's log: one line per command with its name, how long it took and, when it failed,
//! the kind of error. Never a passphrase, a message text or anything from a record: those can
//! hold personal data. Written to `logs/ai-toets.<date>.log` in the app-data folder, a new file
//! each day, the last 14 kept. (A storage or internal failure's technical detail goes to
//! stderr only: SQLite's or the JSON decoder's own text can quote stored data.)

use std::path::Path;
use std::time::Instant;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};

use crate::error::Result;

/// Days of log kept.
const KEEP_FILES: usize = 14;

/// Starts logging to `data_dir/logs`. The guard flushes the log when dropped: keep it for the
/// life of the app. `None` (and no log) when the folder cannot be written: the app works without.
pub fn init(data_dir: &Path) -> Option<WorkerGuard> {
    // Owner-only, like the database beside it (0700 on Unix), before anything else makes them.
    let logs = data_dir.join("logs");
    assessments::base::files::create_private_dir(data_dir).ok()?;
    assessments::base::files::create_private_dir(&logs).ok()?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("ai-toets")
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(logs)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    tracing_subscriber::fmt().with_writer(writer).with_ansi(false).with_target(false).try_init().ok()?;
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "AI-toets started");
    Some(guard)
}

/// Runs command `name`'s work `f` (one that needs no database) and logs how it ended.
pub fn timed<T>(name: &'static str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let started = Instant::now();
    let result = f();
    command(name, started, &result);
    result
}

/// Logs how command `name`, started at `started`, ended.
pub fn command<T>(name: &'static str, started: Instant, result: &Result<T>) {
    let ms = started.elapsed().as_millis();
    match result {
        Ok(_) => tracing::info!(command = name, ms, "ok"),
        Err(e) => tracing::warn!(command = name, ms, kind = ?e.kind, "failed"),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    /// A log writer into memory.
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_command_is_logged_by_name_duration_and_error_kind_never_by_its_message() {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
        tracing::subscriber::with_default(subscriber, || {
            let secret = assessments::Error::NotAllowed(assessments::Message::new(
                "Het voorstel ‘Fraudescore Wijk 7’ van J. de Vries kan niet",
                "The proposal ‘Fraudescore Wijk 7’ of J. de Vries cannot",
            ));
            let failed: super::Result<()> = Err(secret.into());
            super::command("sign_decision", std::time::Instant::now(), &failed);
            super::command("list_pilots", std::time::Instant::now(), &Ok(()));
        });
        let log = String::from_utf8(buffer.0.lock().expect("lock").clone()).expect("utf-8");
        assert!(log.contains("command=\"sign_decision\"") && log.contains("kind=NotAllowed"), "{log}");
        assert!(log.contains("command=\"list_pilots\"") && log.contains("ms="), "{log}");
        assert!(!log.contains("Fraudescore") && !log.contains("de Vries"), "record contents leaked: {log}");
    }

    #[test]
    fn the_log_goes_to_a_dated_file_in_the_owners_own_app_data_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A first start: the app-data folder does not exist yet.
        let data = dir.path().join("nl.overbetuwe.ai-toets");
        // The only test that sets the process's global subscriber.
        let guard = super::init(&data).expect("logging starts");
        drop(guard);
        let files: Vec<_> = std::fs::read_dir(data.join("logs")).expect("logs folder").collect();
        assert_eq!(files.len(), 1);
        let name = files[0].as_ref().expect("entry").file_name().to_string_lossy().into_owned();
        assert!(name.starts_with("ai-toets.") && name.ends_with(".log"), "{name}");
        let text = std::fs::read_to_string(data.join("logs").join(&name)).expect("read");
        assert!(text.contains("AI-toets started"), "{text}");
        #[cfg(unix)]
        for folder in [data.clone(), data.join("logs")] {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&folder).expect("folder").permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "{} is the owner's only", folder.display());
        }
    }
}
