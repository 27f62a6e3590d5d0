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
    pub database: PathBuf,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> Self {
        let database = data_dir.join(DATABASE_FILE);
        let service = std::fs::create_dir_all(&data_dir)
            .map_err(assessments::Error::from)
            .and_then(|()| SqliteStore::open(&database))
            .map(|store| Assessments::new(Box::new(store)))
            .map_err(Error::from);
        Self { service: Arc::new(Mutex::new(service)), database }
    }

    /// Runs `f` on the core, off the async runtime's threads (SQLite and PDF work block).
    pub async fn run<T, F>(&self, f: F) -> Result<T>
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
