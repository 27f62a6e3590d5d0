//! The app's state: the core's [`Assessments`] over the SQLite file in the app-data folder,
//! or the reason it could not be opened (shown to the user instead of crashing).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use assessments::{Assessments, SqliteStore};

use crate::error::{internal, AppError as Error, Result};

/// File name of the database inside the data folder.
pub const DATABASE_FILE: &str = "ai-toets.sqlite3";

pub struct AppState {
    service: Arc<Mutex<Result<Assessments>>>,
    /// The check on open, on its own connection to the same file (WAL lets it read while the
    /// app writes), so opening a pilot never waits for it. Opened at its first use.
    checker: Arc<Mutex<Option<Assessments>>>,
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
        // Created owner-only (0700) on Unix; on Windows the profile's ACLs apply.
        let service = assessments::base::files::create_private_dir(&data_dir)
            .and_then(|()| SqliteStore::open(&database))
            .map(|store| assessments_over(Box::new(store)))
            .map_err(Error::from);
        Self { service: Arc::new(Mutex::new(service)), checker: Arc::new(Mutex::new(None)), database, data_dir }
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
        let database = self.database.clone();
        let result = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = checker.lock().map_err(|_| internal("checker lock poisoned"))?;
            if guard.is_none() {
                *guard = Some(assessments_over(Box::new(SqliteStore::open(&database)?)));
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

    async fn on_core<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Assessments) -> assessments::Result<T> + Send + 'static,
    {
        let service = Arc::clone(&self.service);
        let result = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = service.lock().map_err(|_| internal("state lock poisoned"))?;
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
        let database = self.database.clone();
        let result = tauri::async_runtime::spawn_blocking(move || {
            let mut service = service.lock().map_err(|_| internal("state lock poisoned"))?;
            let mut checker = checker.lock().map_err(|_| internal("checker lock poisoned"))?;
            // Dropping a core closes its connection (and wipes a secretary's opened key).
            *checker = None;
            *service = Err(internal("database closed for a restore"));
            let result = replace(&database).map_err(Error::from);
            *service = SqliteStore::open(&database).map(|store| assessments_over(Box::new(store))).map_err(Error::from);
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
