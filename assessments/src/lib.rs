//! AI-toets core: the review framework, the domain model and workflow, storage, signing and
//! the archival PDF. Architecture invariant (ARCHITECTURE.md): this crate knows nothing of the
//! desktop shell, windows or dialogs, and its layers import only downward
//! (`tests/it/layers.rs`); the desktop shell and the tests call it alike.

pub mod api;
pub mod archive;
pub mod attachments;
pub mod audit;
pub mod backup;
pub mod base;
pub mod committee;
pub mod comparison;
pub mod exchange;
pub mod followup;
pub mod framework;
pub mod intake;
pub mod labels;
pub mod meeting;
pub mod pdf;
pub mod pilot;
pub mod preferences;
pub mod report;
#[cfg(feature = "sample")]
pub mod sample;
pub mod storage;
pub mod views;
pub mod wizard;

pub use api::Assessments;
pub use base::error::{Error, FieldError, Message, Result};
pub use committee::Role;
pub use framework::Framework;
pub use pilot::Status;
pub use pilot::{Answer, Condition, Decision, DecisionInput, Outcome, Pilot, PilotSummary, Proposal, Verdict};
pub use storage::{SqliteStore, Store};
pub use views::PilotView;
