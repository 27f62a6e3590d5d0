//! The one error type that crosses IPC: `{kind, message, messageEn, fields}` (an invariant,
//! ARCHITECTURE.md). It is built from the core's error, so the UI sees the same sentences the
//! core wrote; only a failure of the shell itself ([`internal`]) has sentences of its own.

use serde::Serialize;

/// What kind of failure it was, for the UI to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    Invalid,
    NotAllowed,
    Locked,
    NotFound,
    Conflict,
    Framework,
    Storage,
    /// The shared database server does not answer: try again later.
    Unreachable,
    Pdf,
    BadFile,
    Internal,
    Io,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
    pub message_en: String,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppError {
    pub kind: ErrorKind,
    /// Dutch, for the person at the screen.
    pub message: String,
    pub message_en: String,
    /// Per-field problems when `kind` is `invalid`.
    pub fields: Vec<FieldProblem>,
}

impl From<assessments::Error> for AppError {
    fn from(e: assessments::Error) -> Self {
        use assessments::Error as E;
        let kind = match &e {
            E::Invalid(_) => ErrorKind::Invalid,
            E::NotAllowed(_) => ErrorKind::NotAllowed,
            E::Locked => ErrorKind::Locked,
            E::NotFound { .. } => ErrorKind::NotFound,
            E::Conflict => ErrorKind::Conflict,
            E::Framework { .. } => ErrorKind::Framework,
            E::Storage { .. } => ErrorKind::Storage,
            E::Unreachable { .. } => ErrorKind::Unreachable,
            E::Pdf(_) => ErrorKind::Pdf,
            E::BadFile(_) => ErrorKind::BadFile,
            E::Internal(_) => ErrorKind::Internal,
            E::Io(_) => ErrorKind::Io,
        };
        if let E::Storage { detail, .. } | E::Unreachable { detail, .. } | E::Internal(detail) = &e {
            eprintln!("ai-toets: {kind:?}: {detail}");
            tracing::error!(?kind, "storage or internal error (its detail is not logged: it may quote stored data)");
        }
        let message = e.message();
        AppError {
            kind,
            message: message.nl,
            message_en: message.en,
            fields: e
                .fields()
                .iter()
                .map(|f| FieldProblem {
                    field: f.field.clone(),
                    message: f.message.nl.clone(),
                    message_en: f.message.en.clone(),
                })
                .collect(),
        }
    }
}

pub type Result<T> = std::result::Result<T, AppError>;

/// A failure of the shell itself (a panicked worker, a poisoned lock), not of the input.
pub fn internal(detail: &str) -> AppError {
    AppError {
        kind: ErrorKind::Internal,
        message: format!("Er ging iets mis in AI-toets zelf ({detail}). Er is niets opgeslagen."),
        message_en: format!("Something went wrong inside AI-toets ({detail}). Nothing was saved."),
        fields: Vec::new(),
    }
}
