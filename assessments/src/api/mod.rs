//! The app's API: `Assessments`, the operations over one store. Each operation loads, lets
//! the pilot, meeting or roster change itself, and saves; the desktop shell calls nothing
//! else. One file per area, file for file as the desktop shell's command files; what is shared (the
//! store, the clock, the passphrase throttle, the audit actor names) is here.

mod ai_act;
mod archive;
mod attachments;
mod backup;
mod committee;
#[cfg(feature = "postgres")]
mod database;
mod exchange;
mod export;
mod followup;
mod frameworks;
mod intake;
mod integrity;
mod meetings;
mod pilots;
mod report;
mod review;
mod signing;
mod start;

pub use archive::{TransferDecision, TransferPreview, TransferResult};
pub use backup::{backup_needs_a_file, BackupStatus, PreparedRestore, Restored};
pub use committee::{Approver, NewMember};
#[cfg(feature = "postgres")]
pub use database::{choose_location, chosen_location, switch_target, DatabaseView, MoveReport, DATABASE_ENV};
pub use report::{AdoptedView, ReportFile};

use crate::views::{MeetingContext, PilotView};

use std::collections::HashMap;
use std::path::Path;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::audit::{state_hash, Change};
use crate::base::error::{Error, Result};
use crate::committee::roster::CommitteeMember;
use crate::committee::roster_log::RosterState;
use crate::framework::Registry;

use crate::pilot::{Pilot, Proposal};
use crate::storage::Store;

// Actors in the audit trail when the app has no one more specific to name.
const COMMITTEE: &str = "commissie";
const SECRETARY: &str = "secretaris";
const ADMINISTRATOR: &str = "beheer";
/// The project lead as named in the proposal, for the audit trail.
fn lead(proposal: &Proposal) -> String {
    let name = proposal.project_lead.trim();
    if name.is_empty() {
        "projectleider".to_string()
    } else {
        name.to_string()
    }
}
/// The municipality, as named in register entries.
pub const ORGANIZATION: &str = "Gemeente Overbetuwe";
/// Reads a file to import: a regular file of at most [`crate::exchange::MAX_FILE_BYTES`].
fn read_limited(path: &Path) -> Result<Vec<u8>> {
    crate::base::files::read_bounded(path, crate::exchange::MAX_FILE_BYTES).map_err(|e| Error::BadFile(e.message()))
}
/// Counts wrong passphrases per member: after three, each next try waits twice as long as the
/// one before (30 s, 60 s, … up to 5 minutes). In memory: a restart of the app resets it, but
/// every failure is in the audit trail (an invariant, ARCHITECTURE.md).
#[derive(Debug, Default)]
struct Throttle(HashMap<Uuid, (u32, OffsetDateTime)>);
impl Throttle {
    const FREE: u32 = 3;
    const MAX_WAIT: i64 = 300;

    /// Seconds still to wait before `member` may try again, if any.
    fn wait(&self, member: Uuid, now: OffsetDateTime) -> Option<i64> {
        let (failures, last) = *self.0.get(&member)?;
        if failures < Self::FREE {
            return None;
        }
        let wait = 30_i64.checked_shl(failures - Self::FREE).unwrap_or(Self::MAX_WAIT).min(Self::MAX_WAIT);
        let left = wait - (now - last).whole_seconds();
        (left > 0).then_some(left)
    }

    fn failed(&mut self, member: Uuid, now: OffsetDateTime) {
        let entry = self.0.entry(member).or_insert((0, now));
        *entry = (entry.0.saturating_add(1), now);
    }

    fn succeeded(&mut self, member: Uuid) {
        self.0.remove(&member);
    }
}
/// The same error with `from` field problems named `to` (which of two passphrases was wrong).
fn rename_field(e: Error, from: &str, to: &str) -> Error {
    match e {
        Error::Invalid(fields) => Error::Invalid(
            fields
                .into_iter()
                .map(|f| if f.field == from { crate::FieldError { field: to.into(), ..f } } else { f })
                .collect(),
        ),
        other => other,
    }
}
/// The app's operations over one store.
pub struct Assessments {
    store: Box<dyn Store>,
    now: fn() -> OffsetDateTime,
    /// Shipped and loaded framework versions; read once, refreshed when a file is loaded.
    frameworks: Option<Registry>,
    /// The duty dates in effect (shipped or loaded, the newest version); refreshed on a load.
    dates: Option<crate::wizard::DutyDates>,
    /// Failed passphrases per member, to slow guessing.
    throttle: Throttle,
    /// The minutes the secretary opened, with their key (wiped when dropped).
    minutes: Option<Minutes>,
    /// The replayed roster log and the audit head it was read at (see `roster_log_state`).
    roster_cache: Option<(crate::audit::Checkpoint, RosterState)>,
    /// What the dashboard knows of each pilot, by id, with the revision it was read at.
    facts: HashMap<Uuid, crate::report::PilotFacts>,
    /// Question id → area id per framework version (`id@version`), for the report's heat map.
    areas: HashMap<String, HashMap<String, String>>,
    /// The dashboard's milestones, with the last audit entry read for them.
    milestones: (i64, crate::report::Milestones),
}
/// How long the secretary's opened key records minutes before it must be opened again.
pub const MINUTES_HOURS: i64 = 8;
/// Open minutes: the secretary's key, opened for one meeting.
struct Minutes {
    meeting_id: Uuid,
    member_id: Uuid,
    name: String,
    key_id: Uuid,
    /// ed25519-dalek wipes it when dropped (feature `zeroize`).
    signing: ed25519_dalek::SigningKey,
    opened_at: OffsetDateTime,
}
impl Assessments {
    pub fn new(store: Box<dyn Store>) -> Self {
        Self::with_clock(store, OffsetDateTime::now_utc)
    }

    /// For tests: a fixed clock.
    pub fn with_clock(store: Box<dyn Store>, now: fn() -> OffsetDateTime) -> Self {
        Self {
            store,
            now,
            frameworks: None,
            dates: None,
            throttle: Throttle::default(),
            minutes: None,
            roster_cache: None,
            facts: HashMap::new(),
            areas: HashMap::new(),
            milestones: (0, crate::report::Milestones::default()),
        }
    }

    fn view(&mut self, pilot: Pilot) -> Result<PilotView> {
        let meeting = self.meeting_of(pilot.id)?.map(|m| MeetingContext::new(m, pilot.id));
        let recorded = self.store.last_state_hash(&format!("pilot:{}", pilot.id))?;
        let changed_outside = recorded.as_deref() != Some(state_hash(&pilot)?.as_str());
        let roster = self.trusted_roster()?;
        // Who may sign is asked only of a decision waiting for signatures.
        let members = if pilot.actions().sign { self.store.list_members()? } else { vec![] };
        let now = (self.now)();
        let dates = self.duty_dates()?;
        let mut view = PilotView::new(pilot, self.registry()?, &dates, &roster, &members, now)?;
        view.meeting = meeting;
        view.changed_outside = changed_outside;
        view.attachments = self.store.attachments(view.pilot.id)?;
        view.may_attach_to_proposal =
            crate::followup::check_attachment_place(&view.pilot, &[], None, crate::attachments::Place::Proposal)
                .is_ok();
        if view.pilot.status == crate::pilot::Status::Signed {
            let events = self.own_events(&view.pilot)?;
            let later = self.later_round(view.pilot.id)?;
            view.follow_up = crate::followup::FollowUp::of(&view.pilot, &events, later, now.date());
            view.later_round = later;
            view.may_reassess = crate::followup::check_reassessment(&events, later).is_ok();
        }
        Ok(view)
    }

    /// Runs `attempt` (which opens `member`'s key with a passphrase) unless the member has too
    /// many recent failures; a wrong passphrase is recorded in the audit trail and counted.
    fn attempt<'m, T>(
        &mut self,
        member: &'m CommitteeMember,
        attempt: impl FnOnce(&'m CommitteeMember) -> Result<T>,
    ) -> Result<T> {
        let now = (self.now)();
        if let Some(wait) = self.throttle.wait(member.id, now) {
            return Err(Error::not_allowed(
                format!(
                    "Te veel verkeerde wachtzinnen voor {}. Probeer het over {wait} seconden opnieuw.",
                    member.name
                ),
                format!("Too many wrong passphrases for {}. Try again in {wait} seconds.", member.name),
            ));
        }
        match attempt(member) {
            Err(e) if e.fields().iter().any(|f| f.field == "passphrase") => {
                self.throttle.failed(member.id, now);
                let audit = Change::new(member.name.clone(), "verkeerde wachtzin");
                let hash = crate::base::hash::sha256_hex(
                    format!("{}:{}", member.id, crate::base::dates::rfc3339(now)).as_bytes(),
                );
                self.store.record_event(&audit, &format!("attempt:{}", member.id), &hash, now)?;
                let mut p = crate::base::error::Problems::default();
                p.add(
                    "passphrase",
                    format!("De wachtzin van {} klopt niet.", member.name),
                    format!("{}'s passphrase is not correct.", member.name),
                );
                p.into_result()?;
                Err(e)
            }
            Err(e) => Err(e),
            Ok(v) => {
                self.throttle.succeeded(member.id);
                Ok(v)
            }
        }
    }
}
