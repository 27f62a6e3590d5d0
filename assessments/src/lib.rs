//! AI-toets core: the review framework, the domain model and workflow, storage, signing and
//! the archival PDF. Architecture invariant: this crate knows nothing of the desktop shell,
//! windows or dialogs; the desktop shell and the tests call it alike.

pub mod applicability;
pub mod audit;
pub mod dates;
pub mod error;
pub mod exchange;
pub mod files;
pub mod framework;
pub mod intake;
pub mod keys;
pub mod meeting;
pub mod model;
pub mod pdf;
pub mod roster;
pub mod roster_log;
pub mod sample;
pub mod service;
pub mod signing;
pub mod storage;
pub mod wizard;
pub mod workflow;

pub use error::{Error, FieldError, Message, Result};
pub use framework::Framework;
pub use model::{Answer, Condition, Decision, DecisionInput, Outcome, Pilot, PilotSummary, Proposal, Role, Verdict};
pub use service::{Assessments, PilotView};
pub use storage::{SqliteStore, Store};
pub use workflow::Status;
