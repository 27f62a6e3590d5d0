//! The app's state: the core's [`Assessments`] over the data's location (the SQLite file in
//! the app-data folder by default, another file, or a shared PostgreSQL server), or the reason
//! it could not be opened (shown to the user instead of crashing; a server that does not
//! answer is tried again at the next command, never replaced by a local file).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use assessments::storage::postgres::Location;
use assessments::Assessments;

use crate::error::{internal, AppError as Error, ErrorKind, Result};

/// File name of the database inside the data folder.
pub const DATABASE_FILE: &str = "ai-toets.sqlite3";

pub struct AppState {
    service: Arc<Mutex<Result<Assessments>>>,
    /// The check on open, on its own connection to the same database (WAL lets it read while
    /// the app writes), so opening a pilot never waits for it. Opened at its first use.
    checker: Arc<Mutex<Option<Assessments>>>,
    /// Where the data is, and whether `AI_TOETS_DATABASE` chose it.
    location: Arc<Mutex<(Location, bool)>>,
    /// The file in the data folder: where the data is unless something else is chosen.
    pub database: PathBuf,
    /// The data folder: the database, the log and the person's preferences.
    pub data_dir: PathBuf,
}

/// The core over `store`, on the real clock.
#[cfg(not(feature = "e2e"))]
fn assessments_over(store: Box<dyn assessments::Store>) -> Assessments {
    Assessments::new(store)
}

/// The e2e build's core runs `AI_TOETS_E2E_DAYS_AHEAD` days ahead of the real clock, so the
/// end-to-end suite can see a deadline pass (a condition overdue) without waiting for it. The
/// app people install is built without the `e2e` feature and always runs on the real clock.
#[cfg(feature = "e2e")]
fn assessments_over(store: Box<dyn assessments::Store>) -> Assessments {
    fn ahead() -> time::OffsetDateTime {
        let days = std::env::var("AI_TOETS_E2E_DAYS_AHEAD").ok().and_then(|d| d.parse::<i64>().ok()).unwrap_or(0);
        time::OffsetDateTime::now_utc() + time::Duration::days(days)
    }
    Assessments::with_clock(store, ahead)
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> Self {
        let database = data_dir.join(DATABASE_FILE);
        let environment = std::env::var(assessments::api::DATABASE_ENV).ok();
        let (location, from_environment) =
            assessments::api::chosen_location(&data_dir, environment.as_deref(), &database);
        // Created owner-only (0700) on Unix; on Windows the profile's ACLs apply.
        let (service, location) = match location {
            Ok(location) => {
                let service = assessments::base::files::create_private_dir(&data_dir)
                    .and_then(|()| Assessments::open_location(&location))
                    .map(assessments_over)
                    .map_err(Error::from);
                (service, location)
            }
            // A location that does not read (AI_TOETS_DATABASE or the settings) is said on the
            // start screen; the settings can choose another.
            Err(e) => (Err(Error::from(e)), Location::File(database.clone())),
        };
        Self {
            service: Arc::new(Mutex::new(service)),
            checker: Arc::new(Mutex::new(None)),
            location: Arc::new(Mutex::new((location, from_environment))),
            database,
            data_dir,
        }
    }

    /// Where the data is now, and whether `AI_TOETS_DATABASE` chose it.
    pub fn location(&self) -> Result<(Location, bool)> {
        self.location.lock().map(|l| l.clone()).map_err(|_| internal("location lock poisoned"))
    }

    /// The database file, when the data is in a file on this machine (a backup's source).
    pub fn database_file(&self) -> Result<Option<PathBuf>> {
        Ok(match self.location()?.0 {
            Location::File(path) => Some(path),
            Location::Server(_) => None,
        })
    }

    /// Goes over to the data at `location`, opened first: when it cannot be opened, nothing
    /// changes. The checker opens its own connection there at its next use.
    pub async fn switch_to(&self, location: Location) -> Result<()> {
        let (service, checker, chosen) =
            (Arc::clone(&self.service), Arc::clone(&self.checker), Arc::clone(&self.location));
        tauri::async_runtime::spawn_blocking(move || {
            let opened = assessments_over(Assessments::open_location(&location)?);
            let mut service = service.lock().map_err(|_| internal("state lock poisoned"))?;
            let mut checker = checker.lock().map_err(|_| internal("checker lock poisoned"))?;
            let mut chosen = chosen.lock().map_err(|_| internal("location lock poisoned"))?;
            *service = Ok(opened);
            *checker = None;
            chosen.0 = location;
            Ok(())
        })
        .await
        .map_err(|e| internal(&e.to_string()))?
    }

    /// Runs `f` on the checker's own connection (see [`AppState::checker`]), off the async
    /// runtime's threads. Fails as [`Self::run`] does when the database could not be opened.
    pub async fn run_check<T, F>(&self, name: &'static str, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Assessments) -> assessments::Result<T> + Send + 'static,
    {
        // The app's own state first: an open error is the same for both.
        let started = std::time::Instant::now();
        self.on_core(|_| Ok(())).await?;
        let checker = Arc::clone(&self.checker);
        let location = self.location()?.0;
        let result = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = checker.lock().map_err(|_| internal("checker lock poisoned"))?;
            if guard.is_none() {
                *guard = Some(assessments_over(Assessments::open_location(&location)?));
            }
            let checker = guard.as_mut().ok_or_else(|| internal("checker"))?;
            f(checker).map_err(Error::from)
        })
        .await
        .map_err(|e| internal(&e.to_string()))
        .and_then(|r| r);
        crate::logging::command(name, started, &result);
        result
    }

    /// Runs `f` for command `name` on the core, off the async runtime's threads (SQLite and
    /// PDF work block), and logs the command's name, duration and error kind.
    pub async fn run<T, F>(&self, name: &'static str, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Assessments) -> assessments::Result<T> + Send + 'static,
    {
        let started = std::time::Instant::now();
        let result = self.on_core(f).await;
        crate::logging::command(name, started, &result);
        result
    }

    /// As [`Self::run`], not logged: what the screens ask every few seconds (the audit
    /// trail's head) would fill the log.
    pub async fn peek<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Assessments) -> assessments::Result<T> + Send + 'static,
    {
        self.on_core(f).await
    }

    async fn on_core<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Assessments) -> assessments::Result<T> + Send + 'static,
    {
        let service = Arc::clone(&self.service);
        let location = self.location()?.0;
        let result = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = service.lock().map_err(|_| internal("state lock poisoned"))?;
            // A server that did not answer at the start is tried again now.
            if matches!(&*guard, Err(e) if e.kind == ErrorKind::Unreachable) {
                if let Ok(store) = Assessments::open_location(&location) {
                    *guard = Ok(assessments_over(store));
                }
            }
            match &mut *guard {
                Ok(s) => f(s).map_err(Error::from),
                Err(open_error) => Err(open_error.clone()),
            }
        })
        .await
        .map_err(|e| internal(&e.to_string()))?;
        #[cfg(feature = "e2e")]
        if result.is_ok() {
            crate::ready::mark();
        }
        result
    }
}

impl AppState {
    /// Runs `replace` (a restore: another file in the database's place) with both of the app's
    /// connections closed, then opens the database again, whatever `replace` did; logged as
    /// command `name`. Holding both locks, no command uses the file meanwhile.
    pub async fn with_database_closed<T, F>(&self, name: &'static str, replace: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&std::path::Path) -> assessments::Result<T> + Send + 'static,
    {
        let started = std::time::Instant::now();
        let (service, checker) = (Arc::clone(&self.service), Arc::clone(&self.checker));
        let database = self.database_file()?.ok_or_else(assessments::api::backup_needs_a_file)?;
        let result = tauri::async_runtime::spawn_blocking(move || {
            let mut service = service.lock().map_err(|_| internal("state lock poisoned"))?;
            let mut checker = checker.lock().map_err(|_| internal("checker lock poisoned"))?;
            // Dropping a core closes its connection (and wipes a secretary's opened key).
            *checker = None;
            *service = Err(internal("database closed for a restore"));
            let result = replace(&database).map_err(Error::from);
            *service = assessments::SqliteStore::open(&database)
                .map(|store| assessments_over(Box::new(store)))
                .map_err(Error::from);
            result
        })
        .await
        .map_err(|e| internal(&e.to_string()))
        .and_then(|r| r);
        crate::logging::command(name, started, &result);
        result
    }
}

/// Runs `f` (reading and checking a file: no database) off the async runtime's threads,
/// without the store, and logs it as command `name`.
pub async fn off_the_store<T: Send + 'static>(
    name: &'static str,
    f: impl FnOnce() -> assessments::Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(move || crate::logging::timed(name, || f().map_err(Into::into)))
        .await
        .map_err(|e| crate::error::internal(&e.to_string()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The settings chose a server that does not answer: the app says so (kind `unreachable`),
    /// keeps trying at each command, and never makes or uses a local file instead.
    #[test]
    fn a_server_that_does_not_answer_is_never_replaced_by_a_local_file() {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data");
        let chosen = assessments::preferences::Preferences {
            database: Some("postgres://ai_toets_app@127.0.0.1:9/aitoets?sslmode=disable".into()),
            ..Default::default()
        };
        assessments::preferences::write(&data, &chosen).expect("preferences");
        // As the app opens it: in its setup, outside the async runtime (the synchronous
        // PostgreSQL client runs a small runtime of its own).
        let state = AppState::open(data.clone());
        tauri::async_runtime::block_on(async {
            for _ in 0..2 {
                let err = state.run("t", |s| s.list()).await.expect_err("no server on port 9");
                assert_eq!(err.kind, ErrorKind::Unreachable, "{err:?}");
                assert!(err.message.contains("127.0.0.1:9/aitoets"), "{}", err.message);
            }
            assert!(!data.join(DATABASE_FILE).exists(), "no local database file was made");
            assert!(state.database_file().expect("location").is_none(), "the location stays the server");
        });
    }
}
