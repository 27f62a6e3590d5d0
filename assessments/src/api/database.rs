//! Where the data lives: the store at a location (a file on this machine or a shared
//! PostgreSQL server), and moving every record from one to an empty other, checked before and
//! after.

use super::Assessments;

use crate::base::error::{Error, Message, Result};
use crate::storage::postgres::Location;
use crate::storage::sql::copy::copy_all;
use crate::storage::{PostgresStore, SqliteStore, Store};

/// What a move carried over and found after it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MoveReport {
    /// Rows per table.
    #[cfg_attr(feature = "specta", specta(type = Vec<(String, u32)>))]
    pub rows: Vec<(String, u64)>,
    /// Audit entries carried over; the check on open of the new place found them all intact.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub entries: i64,
    /// The audit trail's last hash, the same in both places.
    pub head: String,
}

/// Where the data is now, for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DatabaseView {
    /// The file or the server's address, as a person reads it (never a password).
    pub shown: String,
    /// A shared PostgreSQL server (else a file on this machine).
    pub server: bool,
    /// Chosen by `AI_TOETS_DATABASE`, which the settings cannot change.
    pub from_environment: bool,
    /// The file in the app's data folder: where the data is unless something else is chosen.
    pub default_file: String,
}

/// The environment variable that chooses where the data is, before the settings do.
pub const DATABASE_ENV: &str = "AI_TOETS_DATABASE";

/// Where the data is: `AI_TOETS_DATABASE` (its text given as `environment`), else what the
/// settings keep in `data_dir`, else the file `default_file`. The flag says the environment
/// chose it.
pub fn chosen_location(
    data_dir: &std::path::Path,
    environment: Option<&str>,
    default_file: &std::path::Path,
) -> (Result<Location>, bool) {
    if let Some(text) = environment.filter(|t| !t.trim().is_empty()) {
        return (Location::parse(text), true);
    }
    match crate::preferences::read(data_dir).database {
        Some(text) => (Location::parse(&text), false),
        None => (Ok(Location::File(default_file.to_path_buf())), false),
    }
}

/// The location typed in the settings, checked: refused while `AI_TOETS_DATABASE` chooses.
pub fn choose_location(text: &str, from_environment: bool) -> Result<Location> {
    if from_environment {
        return Err(refused(
            format!("De plaats van de gegevens is gekozen met {DATABASE_ENV}; pas die aan of haal hem weg om hier te kiezen."),
            format!("Where the data is was chosen with {DATABASE_ENV}; change or remove it to choose here."),
        ));
    }
    Location::parse(text)
}

/// The location to switch to, checked: a file must exist already (a mistyped path would
/// otherwise give an empty database that looks like lost work), except the data folder's own
/// file. Data goes to a new file by moving it there.
pub fn switch_target(text: &str, from_environment: bool, default_file: &std::path::Path) -> Result<Location> {
    let location = choose_location(text, from_environment)?;
    if let Location::File(path) = &location {
        if path != default_file && !path.is_file() {
            return Err(refused(
                format!(
                    "Het bestand {} bestaat niet. Kies een bestaand AI-toets-bestand, of verhuis uw gegevens erheen.",
                    path.display()
                ),
                format!(
                    "The file {} does not exist. Choose an existing AI-toets file, or move your data there.",
                    path.display()
                ),
            ));
        }
    }
    Ok(location)
}

impl DatabaseView {
    pub fn of(location: &Location, from_environment: bool, default_file: &std::path::Path) -> Self {
        DatabaseView {
            shown: location.shown(),
            server: matches!(location, Location::Server(_)),
            from_environment,
            default_file: default_file.display().to_string(),
        }
    }
}

/// A store opened for a move, by kind (the copy is written once for every pair).
enum Opened {
    File(SqliteStore),
    Server(Box<PostgresStore>),
}

impl Opened {
    fn boxed(self) -> Box<dyn Store> {
        match self {
            Opened::File(s) => Box::new(s),
            Opened::Server(s) => s,
        }
    }
}

fn refused(nl: String, en: String) -> Error {
    Error::NotAllowed(Message::new(nl, en))
}

impl Assessments {
    /// Opens the store at `location`: a file (made when new), or a server that the
    /// administrator set up (refused when it cannot be reached; never a local file instead).
    pub fn open_location(location: &Location) -> Result<Box<dyn Store>> {
        Ok(match location {
            Location::File(path) => Box::new(SqliteStore::open(path)?),
            Location::Server(address) => Box::new(PostgresStore::connect(address)?),
        })
    }

    /// Moves every record from `from` into `to`, an empty database (a server the administrator
    /// set up, or a new file). The check on open runs on `from` first (a database that does
    /// not verify is not moved) and on `to` after: every record, signature and audit entry
    /// must verify there, and the audit trail end on the same hash. `from` is not changed.
    pub fn move_data(from: &Location, to: &Location) -> Result<MoveReport> {
        if let Location::File(path) = from {
            if !path.is_file() {
                return Err(refused(
                    format!("Het bestand {} bestaat niet; er is niets verhuisd.", path.display()),
                    format!("The file {} does not exist; nothing was moved.", path.display()),
                ));
            }
        }
        if let Location::File(path) = to {
            if path.exists() {
                return Err(refused(
                    format!("Het bestand {} bestaat al. Kies een nieuw bestand: AI-toets verhuist alleen naar een lege database.", path.display()),
                    format!("The file {} already exists. Choose a new file: AI-toets only moves into an empty database.", path.display()),
                ));
            }
        }
        if from == to {
            return Err(refused(
                "Van en naar zijn dezelfde database.".into(),
                "From and to are the same database.".into(),
            ));
        }
        let before = Assessments::new(Assessments::open_location(from)?).integrity()?;
        if !before.intact {
            return Err(refused(
                "De check van de huidige gegevens vond problemen (zie Overzicht). Los die eerst op; er is niets verhuisd.".into(),
                "The check of the current data found problems (see Overview). Solve them first; nothing was moved.".into(),
            ));
        }
        let open = |l: &Location| -> Result<Opened> {
            Ok(match l {
                Location::File(path) => Opened::File(SqliteStore::open(path)?),
                Location::Server(address) => Opened::Server(Box::new(PostgresStore::connect(address)?)),
            })
        };
        let (mut source, mut target) = (open(from)?, open(to)?);
        let copied = match (&mut source, &mut target) {
            (Opened::File(a), Opened::File(b)) => copy_all(a, b),
            (Opened::File(a), Opened::Server(b)) => copy_all(a, b.as_mut()),
            (Opened::Server(a), Opened::File(b)) => copy_all(a.as_mut(), b),
            (Opened::Server(a), Opened::Server(b)) => copy_all(a.as_mut(), b.as_mut()),
        };
        let discard = |target: Opened| {
            drop(target);
            if let Location::File(path) = to {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.as_os_str().to_owned();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
        };
        let copied = match copied {
            Ok(c) => c,
            Err(e) => {
                discard(target);
                return Err(e);
            }
        };
        drop(source);
        let after = Assessments::new(target.boxed()).integrity()?;
        if !after.intact || after.entries != before.entries || copied.head.entries != before.entries {
            return Err(Error::Storage {
                message: Message::new(
                    "De verhuisde gegevens doorstaan de controle niet. Werk verder op de oude plaats (daar is niets veranderd) en vraag de beheerder om hulp.",
                    "The moved data does not pass the check. Go on working in the old place (nothing changed there) and ask your administrator.",
                ),
                detail: format!("after the move: {} of {} entries, {after:?}", after.entries, before.entries),
            });
        }
        Ok(MoveReport {
            rows: copied.rows.into_iter().map(|(t, n)| (t.to_string(), n)).collect(),
            entries: after.entries,
            head: copied.head.head,
        })
    }
}
