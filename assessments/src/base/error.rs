//! The one error type of the core. Every variant knows how to say itself to a person in
//! Dutch (first) and English; the shell turns it into `{kind, message, messageEn, fields}` for
//! the UI.

use std::fmt;

/// A sentence for a person, in Dutch and in English.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    pub nl: String,
    pub en: String,
}

impl Message {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Self { nl: nl.into(), en: en.into() }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.nl, self.en)
    }
}

/// One invalid or missing field: the field's name as the UI knows it, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: Message,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that cannot be accepted; nothing was saved.
    #[error("invalid input: {}", .0.iter().map(|f| format!("{}: {}", f.field, f.message.en)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    /// The step is not allowed from the record's current state.
    #[error("{0}")]
    NotAllowed(Message),
    /// The decision is signed: no path may change this record any more.
    #[error("the decision is signed and can no longer be changed")]
    Locked,
    #[error("{what} not found")]
    NotFound { what: &'static str },
    /// Someone else saved the same record first (matters once several machines share a database).
    #[error("the record was changed elsewhere; reload and try again")]
    Conflict,
    /// A framework file that does not validate: names the file and the field.
    #[error("framework file {file}: {field}: {problem}")]
    Framework { file: String, field: String, problem: String },
    /// The database cannot be opened, read or written.
    #[error("storage: {detail}")]
    Storage { message: Message, detail: String },
    /// The database server does not answer; nothing of the operation was kept. Trying again
    /// later may work (a shared PostgreSQL server only).
    #[error("unreachable: {detail}")]
    Unreachable { message: Message, detail: String },
    /// Writing the PDF failed.
    #[error("pdf: {0}")]
    Pdf(String),
    /// A file to import that cannot be used; nothing of it was imported.
    #[error("{0}")]
    BadFile(Message),
    /// A bug in AI-toets rather than a problem with the input.
    #[error("internal: {0}")]
    Internal(String),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A short machine name the UI can branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::NotAllowed(_) => "notAllowed",
            Error::Locked => "locked",
            Error::NotFound { .. } => "notFound",
            Error::Conflict => "conflict",
            Error::Framework { .. } => "framework",
            Error::Storage { .. } => "storage",
            Error::Unreachable { .. } => "unreachable",
            Error::Pdf(_) => "pdf",
            Error::BadFile(_) => "badFile",
            Error::Internal(_) => "internal",
            Error::Io(_) => "io",
        }
    }

    /// What a person reads.
    pub fn message(&self) -> Message {
        match self {
            Error::Invalid(fields) => {
                let n = fields.len();
                Message::new(
                    if n == 1 {
                        "Eén veld is nog niet goed ingevuld.".to_string()
                    } else {
                        format!("{n} velden zijn nog niet goed ingevuld.")
                    },
                    if n == 1 {
                        "One field is not filled in correctly.".to_string()
                    } else {
                        format!("{n} fields are not filled in correctly.")
                    },
                )
            }
            Error::NotAllowed(m) | Error::BadFile(m) => m.clone(),
            Error::Locked => Message::new(
                "Dit besluit is ondertekend en kan niet meer worden gewijzigd.",
                "This decision is signed and can no longer be changed.",
            ),
            Error::NotFound { .. } => {
                Message::new("Deze pilot bestaat niet (meer).", "This pilot does not exist (any more).")
            }
            Error::Conflict => Message::new(
                "Iemand anders heeft deze pilot net gewijzigd. Laad hem opnieuw en probeer het nog eens.",
                "Someone else just changed this pilot. Reload it and try again.",
            ),
            Error::Framework { file, field, problem } => Message::new(
                format!("Het toetsingskader {file} klopt niet bij '{field}': {problem}"),
                format!("The framework file {file} is invalid at '{field}': {problem}"),
            ),
            Error::Storage { message, .. } | Error::Unreachable { message, .. } => message.clone(),
            Error::Pdf(detail) => Message::new(
                format!("De PDF kon niet worden gemaakt: {detail}"),
                format!("The PDF could not be made: {detail}"),
            ),
            Error::Internal(detail) => Message::new(
                format!("Er ging iets mis in AI-toets zelf: {detail}. Er is niets opgeslagen."),
                format!("Something went wrong inside AI-toets: {detail}. Nothing was saved."),
            ),
            Error::Io(e) => Message::new(
                format!("Het bestand kon niet worden geschreven: {e}"),
                format!("The file could not be written: {e}"),
            ),
        }
    }

    /// The per-field problems of an `Invalid` error (empty otherwise).
    pub fn fields(&self) -> &[FieldError] {
        match self {
            Error::Invalid(f) => f,
            _ => &[],
        }
    }

    pub(crate) fn not_allowed(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Error::NotAllowed(Message::new(nl, en))
    }
}

/// Collects field problems; turns into `Error::Invalid` when any were found.
#[derive(Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, nl: impl Into<String>, en: impl Into<String>) {
        self.0.push(FieldError { field: field.to_string(), message: Message::new(nl, en) });
    }

    /// Adds a "required" problem when `value` is blank.
    pub fn require(&mut self, field: &str, value: &str, label_nl: &str, label_en: &str) {
        if value.trim().is_empty() {
            self.add(field, format!("Vul {label_nl} in."), format!("Fill in {label_en}."));
        }
    }

    pub fn into_result(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.0))
        }
    }
}
