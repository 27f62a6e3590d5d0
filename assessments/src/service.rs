//! The operations the app offers, as plain functions over a [`Store`]: load a pilot, let the
//! workflow change it, save it. The desktop shell calls only these.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::applicability::{reason, Facts};
use crate::audit::{first_broken, state_hash, Change, IntegrityReport};
use crate::error::{Error, Result};
use crate::framework::Framework;
use crate::framework::{diff, FrameworkDiff, Registry, Text};
use crate::meeting::{act_statement, Meeting, MeetingInput, Recording, VoteChoice};
use crate::model::{Answer, DecisionInput, Pilot, PilotSummary, Proposal, Role};
use crate::roster::{CommitteeMember, MemberInput, SigningPolicy};
use crate::roster_log::{KeyEntry, RosterChange, RosterEvent, RosterFile, RosterState};
use crate::signing::{self, SignatureCheck};
use crate::storage::FrameworkFile;
use crate::storage::Store;
use crate::workflow::Status;

/// A pilot as the screens need it: the record, the framework version it pinned, and what
/// the rules derive from them.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PilotView {
    pub pilot: Pilot,
    pub framework: Framework,
    /// Question ids without a verdict.
    pub unanswered: Vec<String>,
    /// Knock-out questions answered "voldoet niet".
    pub knock_outs: Vec<String>,
    /// The AI Act wizard's conclusion from the answers in the proposal.
    pub ai_act: crate::wizard::Conclusion,
    /// Questions that do not apply to this pilot, with the reason (by question id).
    pub not_applicable: BTreeMap<String, Text>,
    pub missing_roles: Vec<Role>,
    /// What the walk-through suggests for the decision.
    pub draft: crate::workflow::DecisionDraft,
    /// The (latest) meeting with this pilot on its agenda, if any.
    pub meeting: Option<MeetingContext>,
    /// The stored record differs from what the audit trail says was last written: it was
    /// changed outside AI-toets.
    pub changed_outside: bool,
    /// The hash every signer signs (of the record as it is now).
    pub content_hash: String,
    pub signature_checks: Vec<SignatureCheck>,
}

impl PilotView {
    /// `roster`: the committee members, to check each signature's key against.
    pub fn new(pilot: Pilot, frameworks: &Registry, roster: &RosterState) -> Result<Self> {
        let framework = frameworks.find(&pilot.framework)?.clone();
        Ok(Self {
            unanswered: pilot.unanswered(&framework).into_iter().map(String::from).collect(),
            knock_outs: pilot.knock_outs(&framework).into_iter().map(String::from).collect(),
            not_applicable: {
                let facts = Facts::of(&pilot.proposal);
                framework.questions().filter_map(|(_, q)| reason(q, facts).map(|r| (q.id.clone(), r))).collect()
            },
            ai_act: crate::wizard::conclude(&pilot.proposal.ai_act)?,
            missing_roles: pilot.missing_roles(),
            draft: pilot.decision_draft(&framework),
            meeting: None,
            changed_outside: false,
            content_hash: signing::content_hash(&pilot)?,
            signature_checks: signing::verify(&pilot, roster)?,
            framework,
            pilot,
        })
    }
}

/// One key of a member as the roster screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KeyView {
    pub id: Uuid,
    pub fingerprint: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub valid_from: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub valid_until: Option<OffsetDateTime>,
    pub revoked: bool,
    /// The key that signs now.
    pub current: bool,
}

/// A roster member without the sealed private keys: those never leave the core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    pub keys: Vec<KeyView>,
}

impl MemberView {
    fn of(member: &CommitteeMember, now: OffsetDateTime) -> Self {
        let current = member.current_key(now).map(|k| k.id);
        Self {
            id: member.id,
            name: member.name.clone(),
            role: member.role,
            keys: member
                .keys
                .iter()
                .map(|k| KeyView {
                    id: k.id,
                    fingerprint: k.fingerprint.clone(),
                    valid_from: k.valid_from,
                    valid_until: k.valid_until,
                    revoked: k.revoked,
                    current: current == Some(k.id),
                })
                .collect(),
        }
    }
}

/// A meeting as seen from one pilot on its agenda.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingContext {
    pub meeting: Meeting,
    /// Present members without a conflict for this pilot.
    pub eligible: Vec<String>,
    pub quorum_met: bool,
}

impl MeetingContext {
    fn new(meeting: Meeting, pilot_id: Uuid) -> Self {
        Self {
            eligible: meeting.eligible(pilot_id).into_iter().map(|m| m.name.clone()).collect(),
            quorum_met: meeting.quorum_met(pilot_id),
            meeting,
        }
    }
}

/// A meeting with its agenda spelled out, for the meeting screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MeetingView {
    pub meeting: Meeting,
    pub agenda: Vec<AgendaItem>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub pilot: PilotSummary,
    pub eligible: Vec<String>,
    pub quorum_met: bool,
}

/// One framework version for the "toetsingskader" screen.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FrameworkVersion {
    pub framework: Framework,
    /// Shipped with the app, or loaded by the municipality (then: from which file).
    pub loaded_from: Option<String>,
    /// In effect for new assessments today.
    pub current: bool,
    /// What changed since the previous version, if there is one.
    pub changes: Option<FrameworkDiff>,
}

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

/// Reads a file to import, refusing an oversized one before reading it.
fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)?.len();
    if size > crate::exchange::MAX_FILE_BYTES as u64 {
        return Err(Error::BadFile(crate::error::Message::new(
            "Het bestand is te groot. Er is niets geïmporteerd.",
            "The file is too large. Nothing was imported.",
        )));
    }
    Ok(std::fs::read(path)?)
}

/// What checking one pilot found.
struct PilotCheck {
    id: Uuid,
    /// Differs from its last audit entry, or cannot be read.
    changed: bool,
    /// A signature does not hold.
    invalid: bool,
    /// The framework version differs from the one the decision recorded.
    framework_changed: bool,
    /// The audit checkpoints its valid signatures signed.
    checkpoints: Vec<crate::audit::Checkpoint>,
}

/// How many pilots the integrity check holds in memory at once.
const INTEGRITY_BATCH: usize = 250;

/// For each pilot: its id, whether it differs from its last audit entry (or cannot be read),
/// and whether any signature fails. Hashing and checking signatures is the work here; it runs
/// on every core.
fn check_pilots(
    pilots: &[(Uuid, Result<Pilot>)],
    last: &HashMap<&str, &str>,
    roster: &RosterState,
    frameworks: &HashMap<crate::model::FrameworkRef, String>,
) -> Result<Vec<PilotCheck>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = pilots.len().div_ceil(threads).max(1);
    let results: Vec<Vec<Result<PilotCheck>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = pilots
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(id, pilot)| {
                            let Ok(pilot) = pilot else {
                                return Ok(PilotCheck {
                                    id: *id,
                                    changed: true,
                                    invalid: false,
                                    framework_changed: false,
                                    checkpoints: vec![],
                                });
                            };
                            let parts = signing::CanonicalParts::of(pilot)?;
                            let state = signing::sha256_hex(parts.pilot(pilot)?.as_bytes());
                            let changed = last.get(format!("pilot:{id}").as_str()).copied() != Some(state.as_str());
                            let record = parts.record(pilot)?;
                            let checks = signing::verify_record(pilot, &record, roster)?;
                            let invalid = checks.iter().any(|c| !c.valid);
                            let checkpoints = pilot
                                .signatures
                                .iter()
                                .zip(&checks)
                                .filter(|(_, c)| c.valid)
                                .filter_map(|(s, _)| s.checkpoint.clone())
                                .collect();
                            // The framework as reviewed against, when the decision recorded it.
                            let recorded = pilot.decision.as_ref().and_then(|d| d.framework_hash.as_ref());
                            let framework_changed =
                                recorded.is_some_and(|h| frameworks.get(&pilot.framework) != Some(h));
                            Ok(PilotCheck { id: *id, changed, invalid, framework_changed, checkpoints })
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // A worker that failed must not make its pilots look checked.
        workers
            .into_iter()
            .map(|w| w.join().map_err(|_| Error::Internal("integrity check failed".into())))
            .collect::<Result<_>>()
    })?;
    results.into_iter().flatten().collect()
}

/// A new member with the passphrase that seals their key (founding the committee).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NewMember {
    pub name: String,
    pub role: Role,
    pub passphrase: String,
}

/// An approver's consent to a roster change: their passphrase opens their key, which signs it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Approver {
    pub member_id: Uuid,
    pub passphrase: String,
}

/// The state of the committee for the screens.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RosterStatus {
    /// The signed roster log has its first event.
    pub founded: bool,
    /// A roster from before the signed log, to be adopted by its chair and secretary.
    pub legacy: bool,
    /// The officers who must approve a change about the subject asked for.
    pub officers: Vec<Uuid>,
    /// How many approvals a change needs in all.
    pub approvals: i32,
    /// Events in the roster log.
    pub events: i32,
}

/// Counts wrong passphrases per member: after three, each next try waits twice as long as the
/// one before (30 s, 60 s, … up to 5 minutes). In memory: a restart of the app resets it, but
/// every failure is in the audit trail.
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
    /// Failed passphrases per member, to slow guessing.
    throttle: Throttle,
    /// The minutes the secretary opened, with their key (wiped when dropped).
    minutes: Option<Minutes>,
    /// The replayed roster log and the audit head it was read at (see `roster_log_state`).
    roster_cache: Option<(crate::audit::Checkpoint, RosterState)>,
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

/// Whose minutes are open, for the meeting screens.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MinutesStatus {
    pub meeting_id: Option<Uuid>,
    pub secretary: Option<String>,
}

impl Assessments {
    pub fn new(store: Box<dyn Store>) -> Self {
        Self::with_clock(store, OffsetDateTime::now_utc)
    }

    /// For tests: a fixed clock.
    pub fn with_clock(store: Box<dyn Store>, now: fn() -> OffsetDateTime) -> Self {
        Self { store, now, frameworks: None, throttle: Throttle::default(), minutes: None, roster_cache: None }
    }

    /// Every framework version known, shipped and loaded.
    pub fn registry(&mut self) -> Result<&Registry> {
        if self.frameworks.is_none() {
            let mut versions = Framework::builtin()?;
            for file in self.store.framework_files()? {
                versions.push(Framework::parse(&file.file_name, &file.source)?);
            }
            self.frameworks = Some(Registry::new(versions));
        }
        self.frameworks.as_ref().ok_or(Error::NotFound { what: "frameworks" })
    }

    /// The framework versions, oldest first, each with what changed since the one before.
    pub fn framework_versions(&mut self) -> Result<Vec<FrameworkVersion>> {
        let today = (self.now)().date();
        let loaded: Vec<_> = self.store.framework_files()?;
        let registry = self.registry()?;
        let current = registry.current_on(today).ok().map(|f| f.reference());
        Ok(registry
            .versions()
            .iter()
            .map(|f| FrameworkVersion {
                loaded_from: loaded
                    .iter()
                    .find(|l| l.framework_id == f.id && l.version == f.version)
                    .map(|l| l.file_name.clone()),
                current: current.as_ref() == Some(&f.reference()),
                changes: registry.previous(&f.reference()).map(|old| diff(old, f)),
                framework: f.clone(),
            })
            .collect())
    }

    /// Loads a revised framework file: validated whole first; nothing is kept when any part
    /// is wrong, or when its version already exists.
    pub fn load_framework(&mut self, file_name: &str, source: &str) -> Result<FrameworkVersion> {
        if source.len() > crate::framework::MAX_FILE_BYTES {
            return Err(Error::Framework {
                file: file_name.to_string(),
                field: "-".into(),
                problem: "het bestand is te groot (meer dan 1 MB) / the file is too large (over 1 MB)".into(),
            });
        }
        let framework = Framework::parse(file_name, source)?;
        if self.registry()?.find(&framework.reference()).is_ok() {
            return Err(Error::not_allowed(
                format!(
                    "Versie {} van het toetsingskader bestaat al. Een vastgestelde versie verandert nooit: geef de herziening een nieuw versienummer.",
                    framework.version
                ),
                format!("Version {} of the framework already exists. Give the revision a new version number.", framework.version),
            ));
        }
        let audit = Change::new(ADMINISTRATOR, format!("toetsingskader {} geladen", framework.version));
        self.store.add_framework_file(
            &FrameworkFile {
                framework_id: framework.id.clone(),
                version: framework.version.clone(),
                file_name: file_name.to_string(),
                source: source.to_string(),
                loaded_at: (self.now)(),
            },
            &audit,
        )?;
        self.frameworks = None;
        let reference = framework.reference();
        self.framework_versions()?
            .into_iter()
            .find(|v| v.framework.reference() == reference)
            .ok_or(Error::NotFound { what: "framework version" })
    }

    /// Reads a framework file chosen by the user and loads it (see [`Self::load_framework`]).
    pub fn load_framework_file(&mut self, path: &Path) -> Result<FrameworkVersion> {
        let name =
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
        let fail = |problem: &str| Error::Framework { file: name.clone(), field: "-".into(), problem: problem.into() };
        let size = std::fs::metadata(path)?.len();
        if size > crate::framework::MAX_FILE_BYTES as u64 {
            return Err(fail("het bestand is te groot (meer dan 1 MB) / the file is too large (over 1 MB)"));
        }
        let bytes = std::fs::read(path)?;
        let source =
            String::from_utf8(bytes).map_err(|_| fail("geen tekstbestand in UTF-8 / not a UTF-8 text file"))?;
        self.load_framework(&name, &source)
    }

    fn view(&mut self, pilot: Pilot) -> Result<PilotView> {
        let meeting = self.meeting_of(pilot.id)?.map(|m| MeetingContext::new(m, pilot.id));
        let recorded = self.store.last_state_hash(&format!("pilot:{}", pilot.id))?;
        let changed_outside = recorded.as_deref() != Some(state_hash(&pilot)?.as_str());
        let roster = self.trusted_roster()?;
        let mut view = PilotView::new(pilot, self.registry()?, &roster)?;
        view.meeting = meeting;
        view.changed_outside = changed_outside;
        Ok(view)
    }

    /// Checks the audit trail and every record against it, and every signature: what the app
    /// shows on open. Anything that does not verify is reported, never shown as valid.
    pub fn integrity(&mut self) -> Result<IntegrityReport> {
        let log = self.store.audit_log()?;
        let mut report =
            IntegrityReport { entries: log.len() as i64, broken_at: first_broken(&log), ..Default::default() };
        let last: HashMap<&str, &str> = log.iter().map(|e| (e.subject.as_str(), e.state_hash.as_str())).collect();
        let members = self.store.list_members()?;
        // The roster log: every event approved as the rules say; the stored members what it gives.
        let roster = match RosterState::replay(&self.store.roster_log()?) {
            Ok(state) if state.founded() => {
                report.roster_problems.extend(state.differences(&members));
                state
            }
            Ok(_) => RosterState::unsigned(&members),
            Err(e) => {
                report.roster_problems.push(e.message().nl);
                RosterState::unsigned(&members)
            }
        };
        let listed: HashMap<Uuid, PilotSummary> = self.store.list()?.into_iter().map(|p| (p.id, p)).collect();
        // The framework versions as stored now, not as read when the app started.
        self.frameworks = None;
        let frameworks: HashMap<crate::model::FrameworkRef, String> = self
            .registry()?
            .versions()
            .iter()
            .map(|f| Ok((f.reference(), f.content_hash()?)))
            .collect::<Result<_>>()?;
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        // The latest checkpoint a signature or a roster event signed, and that holds.
        let mut confirmed = 0;
        if let Ok(events) = self.store.roster_log() {
            for event in &events {
                // Each roster event as its audit entry recorded it.
                let subject = format!("roster:{}", event.seq);
                if last.get(subject.as_str()).copied() != Some(event.hash()?.as_str()) {
                    report.changed_outside.push(format!("Ledenlogboek, gebeurtenis {}", event.seq));
                }
                seen.insert(subject);
                match &event.checkpoint {
                    Some(c) if c.holds_in(&log) => confirmed = confirmed.max(c.entries),
                    Some(_) => report.changed_outside.push("Logboek vóór een wijziging van de ledenlijst".into()),
                    None => {}
                }
            }
        }
        // In batches, so checking thousands of pilots never holds them all in memory.
        let mut from = 0;
        while let crate::storage::Batch { pilots, next: Some(next) } = self.store.load_batch(from, INTEGRITY_BATCH)? {
            from = next;
            let records: HashMap<Uuid, &Pilot> =
                pilots.iter().filter_map(|(id, p)| p.as_ref().ok().map(|p| (*id, p))).collect();
            for PilotCheck { id, changed, invalid, framework_changed, checkpoints } in
                check_pilots(&pilots, &last, &roster, &frameworks)?
            {
                seen.insert(format!("pilot:{id}"));
                // The overview's name must be the record's, too.
                let record = records.get(&id);
                let shown = listed.get(&id);
                let changed = changed
                    || record
                        .zip(shown)
                        .is_some_and(|(r, s)| r.proposal.title != s.title || r.proposal.department != s.department);
                let title = shown.map(|s| s.title.clone()).unwrap_or_else(|| id.to_string());
                if changed {
                    report.changed_outside.push(title.clone());
                }
                if framework_changed {
                    report.changed_outside.push(format!("Toetsingskader van {title}"));
                }
                if checkpoints.iter().any(|c| !c.holds_in(&log)) {
                    report.changed_outside.push(format!("Logboek vóór een handtekening op {title}"));
                }
                confirmed = confirmed.max(checkpoints.iter().map(|c| c.entries).max().unwrap_or(0));
                if invalid {
                    report.invalid_signatures.push(title);
                }
            }
        }
        for meeting in self.store.list_meetings()? {
            let subject = format!("meeting:{}", meeting.id);
            if last.get(subject.as_str()).copied() != Some(state_hash(&meeting)?.as_str()) {
                report.changed_outside.push(format!("Vergadering van {}", meeting.date));
            }
            // Every vote, conflict and opinion in signed minutes carries the secretary's signature.
            if meeting.signed_minutes {
                for act in meeting.acts() {
                    if let Some(problem) = crate::meeting::recording_problem(meeting.id, &act, &roster) {
                        report
                            .changed_outside
                            .push(format!("Notulen van {}: {} ({problem})", meeting.date, act.member));
                    }
                }
            }
            seen.insert(subject);
        }
        for member in &members {
            let subject = format!("member:{}", member.id);
            if last.get(subject.as_str()).copied() != Some(state_hash(member)?.as_str()) {
                report.changed_outside.push(format!("Ledenlijst: {}", member.name));
            }
            seen.insert(subject);
        }
        // A framework revision: its text as loaded, and loaded through the app.
        for file in self.store.framework_files()? {
            let subject = format!("framework:{}@{}", file.framework_id, file.version);
            if last.get(subject.as_str()).copied() != Some(state_hash(&file.source)?.as_str()) {
                report.changed_outside.push(format!("Toetsingskader {}", file.version));
            }
            seen.insert(subject);
        }
        // Whatever the audit trail speaks of must still be there.
        for subject in last.keys() {
            let kind = subject.split(':').next().unwrap_or_default();
            if matches!(kind, "pilot" | "meeting" | "member" | "framework" | "roster") && !seen.contains(*subject) {
                report.changed_outside.push(format!("Verwijderd: {subject}"));
            }
        }
        // The policy: from the roster log once founded; before that the setting, as recorded.
        if !roster.founded() || roster.count == 0 {
            let policy = self.store.signing_policy()?;
            let recorded = last.get("setting:signingPolicy").copied();
            let expected = match recorded {
                Some(hash) => hash == state_hash(&policy)?,
                None => policy == SigningPolicy::default(),
            };
            if !expected {
                report.changed_outside.push("Vereiste handtekeningen".into());
            }
        }
        report.schema_problems = self.store.schema_problems()?;
        report.unconfirmed = report.entries - confirmed;
        report.changed_outside.sort();
        report.changed_outside.dedup();
        Ok(report.conclude())
    }

    /// The check on open of a database file, run on a copy of it (with its WAL journal), so the
    /// file itself is never changed (opening brings a copy's schema up to date): for
    /// `ai-toets-verify --database`.
    pub fn check_file(path: &Path) -> Result<IntegrityReport> {
        let dir = tempfile::tempdir()?;
        let copy = dir.path().join("ai-toets.sqlite3");
        std::fs::copy(path, &copy)?;
        for suffix in ["-wal", "-shm"] {
            let mut journal = path.as_os_str().to_owned();
            journal.push(suffix);
            if std::path::Path::new(&journal).exists() {
                let mut to = copy.as_os_str().to_owned();
                to.push(suffix);
                std::fs::copy(&journal, &to)?;
            }
        }
        let store = crate::storage::SqliteStore::open(&copy)?;
        Assessments::new(Box::new(store)).integrity()
    }

    /// The audit trail, newest first (for the *logboek* screen).
    pub fn audit_log(&mut self) -> Result<Vec<crate::audit::AuditEntry>> {
        let mut log = self.store.audit_log()?;
        log.reverse();
        Ok(log)
    }

    /// The latest meeting with the pilot on its agenda.
    fn meeting_of(&mut self, pilot_id: Uuid) -> Result<Option<Meeting>> {
        Ok(self.store.list_meetings()?.into_iter().find(|m| m.agenda.contains(&pilot_id)))
    }

    pub fn list_meetings(&mut self) -> Result<Vec<Meeting>> {
        self.store.list_meetings()
    }

    pub fn get_meeting(&mut self, id: Uuid) -> Result<MeetingView> {
        let meeting = self.store.load_meeting(id)?;
        let mut agenda = Vec::new();
        for pilot_id in &meeting.agenda {
            let pilot = self.store.load(*pilot_id)?;
            agenda.push(AgendaItem {
                pilot: PilotSummary::from(&pilot),
                eligible: meeting.eligible(*pilot_id).into_iter().map(|m| m.name.clone()).collect(),
                quorum_met: meeting.quorum_met(*pilot_id),
            });
        }
        Ok(MeetingView { meeting, agenda })
    }

    pub fn create_meeting(&mut self, input: MeetingInput) -> Result<MeetingView> {
        for id in &input.agenda {
            self.store.load(*id)?;
        }
        let mut meeting = Meeting::new(input, (self.now)())?;
        self.store.create_meeting(&mut meeting, &Change::new(SECRETARY, "vergadering aangemaakt"))?;
        self.get_meeting(meeting.id)
    }

    /// Loads a meeting, applies `change`, saves it if the change succeeded.
    fn change_meeting(
        &mut self,
        id: Uuid,
        audit: Change,
        change: impl FnOnce(&mut Meeting) -> Result<()>,
    ) -> Result<MeetingView> {
        let mut meeting = self.store.load_meeting(id)?;
        change(&mut meeting)?;
        meeting.updated_at = (self.now)();
        self.store.save_meeting(&mut meeting, &audit)?;
        self.get_meeting(id)
    }

    /// Changes date, place, members and presence, quorum or agenda.
    pub fn update_meeting(&mut self, id: Uuid, input: MeetingInput) -> Result<MeetingView> {
        for pilot_id in &input.agenda {
            self.store.load(*pilot_id)?;
        }
        self.change_meeting(id, Change::new(SECRETARY, "vergadering bijgewerkt"), |m| m.update(input))
    }

    /// Conflicts, votes and opinions on a pilot are part of its decision: once the decision is
    /// recorded they stay as they were (reopen the decision to change them).
    fn ensure_open_for_meeting(&mut self, pilot_id: Uuid) -> Result<()> {
        match self.store.load(pilot_id)?.status {
            Status::Decided | Status::Signed => Err(Error::not_allowed(
                "Het besluit over deze pilot is al vastgelegd. Heropen het besluit om dit te wijzigen.",
                "The decision on this pilot has been recorded. Reopen it to change this.",
            )),
            _ => Ok(()),
        }
    }

    /// The secretary opens the minutes of a meeting with their passphrase, once: from then on
    /// every vote, conflict of interest and minority opinion is recorded with their key
    /// (*vastgelegd door de secretaris*), until [`Self::close_minutes`], another meeting's
    /// minutes are opened, the app stops, or [`MINUTES_HOURS`] pass. Only the secretary in
    /// office (by the signed roster log) can open them.
    pub fn open_minutes(&mut self, meeting_id: Uuid, passphrase: &str) -> Result<MinutesStatus> {
        let now = (self.now)();
        self.store.load_meeting(meeting_id)?;
        let log = self.founded_log()?;
        let secretary =
            log.members.values().find(|m| m.role_at(now) == Some(Role::Secretary)).map(|m| m.id).ok_or_else(|| {
                Error::not_allowed("Er is geen secretaris in functie.", "There is no secretary in office.")
            })?;
        let member = self.store.load_member(secretary)?;
        if log.difference(&member).is_some() {
            return Err(Error::not_allowed(
                "De secretaris staat anders in de ledenlijst dan in het ondertekende ledenlogboek.",
                "The secretary differs from the signed roster log.",
            ));
        }
        let (key_id, signing) = self.attempt(&member, |m| {
            let key = m.current_key(now).ok_or_else(|| {
                Error::not_allowed("De secretaris heeft geen geldige sleutel.", "The secretary has no valid key.")
            })?;
            Ok((key.id, key.open(passphrase)?))
        })?;
        self.minutes = Some(Minutes {
            meeting_id,
            member_id: member.id,
            name: member.name.clone(),
            key_id,
            signing,
            opened_at: now,
        });
        Ok(self.minutes_status())
    }

    /// Closes the minutes: the secretary's key is wiped from memory.
    pub fn close_minutes(&mut self) -> MinutesStatus {
        self.minutes = None;
        self.minutes_status()
    }

    /// Whose minutes are open, for which meeting.
    pub fn minutes_status(&mut self) -> MinutesStatus {
        let now = (self.now)();
        if self.minutes.as_ref().is_some_and(|m| now - m.opened_at > time::Duration::hours(MINUTES_HOURS)) {
            self.minutes = None;
        }
        match &self.minutes {
            Some(m) => MinutesStatus { meeting_id: Some(m.meeting_id), secretary: Some(m.name.clone()) },
            None => MinutesStatus { meeting_id: None, secretary: None },
        }
    }

    /// The secretary's signed recording of one act in meeting `meeting_id`'s minutes.
    fn record(&mut self, meeting_id: Uuid, kind: &str, member: &str, pilot_id: Uuid, value: &str) -> Result<Recording> {
        let now = (self.now)();
        if self.minutes_status().meeting_id != Some(meeting_id) {
            return Err(Error::not_allowed(
                "Open eerst de notulen van deze vergadering met de wachtzin van de secretaris.",
                "Open this meeting's minutes with the secretary's passphrase first.",
            ));
        }
        let minutes = self.minutes.as_ref().ok_or(Error::NotFound { what: "minutes" })?;
        let mut recording = Recording {
            member_id: minutes.member_id,
            name: minutes.name.clone(),
            key_id: minutes.key_id,
            at: now,
            signature: String::new(),
        };
        let bytes = act_statement(meeting_id, kind, member, pilot_id, value, &recording)?;
        recording.signature = crate::keys::sign_prefixed(&minutes.signing, &bytes);
        Ok(recording)
    }

    /// The audit trail's actor for an act recorded by the secretary on `member`'s behalf.
    fn on_behalf(&self, member: &str) -> String {
        let secretary = self.minutes.as_ref().map_or("secretaris", |m| m.name.as_str());
        format!("{secretary} (secretaris) namens {member}")
    }

    pub fn declare_conflict(&mut self, id: Uuid, member: &str, pilot_id: Uuid, reason: &str) -> Result<MeetingView> {
        self.ensure_open_for_meeting(pilot_id)?;
        let recording = self.record(id, "conflict", member, pilot_id, reason.trim())?;
        let audit = Change::new(self.on_behalf(member), format!("belangenverstrengeling gemeld voor pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| m.declare_conflict(member, pilot_id, reason, Some(recording)))
    }

    pub fn withdraw_conflict(&mut self, id: Uuid, member: &str, pilot_id: Uuid) -> Result<MeetingView> {
        self.ensure_open_for_meeting(pilot_id)?;
        self.record(id, "conflictWithdrawn", member, pilot_id, "")?;
        let audit =
            Change::new(self.on_behalf(member), format!("belangenverstrengeling ingetrokken voor pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| {
            m.withdraw_conflict(member, pilot_id);
            Ok(())
        })
    }

    pub fn cast_vote(&mut self, id: Uuid, member: &str, pilot_id: Uuid, choice: VoteChoice) -> Result<MeetingView> {
        self.ensure_open_for_meeting(pilot_id)?;
        let recording = self.record(id, "vote", member, pilot_id, choice.as_str())?;
        let audit = Change::new(self.on_behalf(member), format!("gestemd over pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| m.cast_vote(member, pilot_id, choice, Some(recording)))
    }

    pub fn set_minority_opinion(&mut self, id: Uuid, member: &str, pilot_id: Uuid, text: &str) -> Result<MeetingView> {
        self.ensure_open_for_meeting(pilot_id)?;
        let recording = self.record(id, "minorityOpinion", member, pilot_id, text.trim())?;
        let audit = Change::new(self.on_behalf(member), format!("minderheidsstandpunt over pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| m.set_minority_opinion(member, pilot_id, text, Some(recording)))
    }

    pub fn list(&mut self) -> Result<Vec<PilotSummary>> {
        self.store.list()
    }

    /// Pilots whose name contains `query`, ignoring case and accents ("elberts" finds
    /// "Ëlberts"), most recently changed first.
    pub fn search(&mut self, query: &str) -> Result<Vec<PilotSummary>> {
        let fold = |s: &str| deunicode::deunicode(s).to_lowercase();
        let needle = fold(query.trim());
        let mut pilots = self.store.list()?;
        pilots.retain(|p| fold(&p.title).contains(&needle));
        Ok(pilots)
    }

    pub fn get(&mut self, id: Uuid) -> Result<PilotView> {
        let pilot = self.store.load(id)?;
        self.view(pilot)
    }

    pub fn create(&mut self, proposal: Proposal) -> Result<PilotView> {
        let now = (self.now)();
        let framework = self.registry()?.current_on(now.date())?.clone();
        let mut pilot = Pilot::new(proposal, &framework, now)?;
        let actor = lead(&pilot.proposal);
        self.store.create(&mut pilot, &Change::new(actor, "voorstel aangemaakt"))?;
        self.view(pilot)
    }

    /// Loads, applies `change`, and saves only if the change succeeded.
    fn change(
        &mut self,
        id: Uuid,
        audit: Change,
        change: impl FnOnce(&mut Pilot, &Framework, OffsetDateTime) -> Result<()>,
    ) -> Result<PilotView> {
        let mut pilot = self.store.load(id)?;
        let framework = self.registry()?.find(&pilot.framework)?.clone();
        let now = (self.now)();
        change(&mut pilot, &framework, now)?;
        pilot.updated_at = now;
        self.store.save(&mut pilot, &audit)?;
        self.view(pilot)
    }

    pub fn update_proposal(&mut self, id: Uuid, proposal: Proposal) -> Result<PilotView> {
        let audit = Change::new(lead(&proposal), "voorstel bijgewerkt");
        self.change(id, audit, |p, _, _| p.update_proposal(proposal))
    }

    pub fn submit(&mut self, id: Uuid) -> Result<PilotView> {
        self.change(id, Change::new(COMMITTEE, "voorstel ingediend"), |p, _, _| p.submit())
    }

    pub fn start_review(&mut self, id: Uuid) -> Result<PilotView> {
        self.change(id, Change::new(COMMITTEE, "beoordeling gestart"), |p, _, _| p.start_review())
    }

    pub fn set_answer(&mut self, id: Uuid, question_id: &str, answer: Answer) -> Result<PilotView> {
        let audit = Change::new(COMMITTEE, format!("oordeel bij {question_id}"));
        self.change(id, audit, |p, f, _| p.set_answer(f, question_id, answer))
    }

    /// Records the decision. When the pilot is on a meeting's agenda, the meeting must have
    /// quorum and a majority for it, and its record goes into the decision.
    pub fn decide(&mut self, id: Uuid, input: DecisionInput) -> Result<PilotView> {
        let record = match self.meeting_of(id)? {
            Some(meeting) => Some(meeting.record_for_decision(id)?),
            None => None,
        };
        let policy = self.signing_policy()?;
        self.change(id, Change::new(COMMITTEE, "besluit vastgelegd"), |p, f, now| {
            p.decide(f, input, record, &policy, now)
        })
    }

    pub fn reopen(&mut self, id: Uuid) -> Result<PilotView> {
        self.change(id, Change::new(COMMITTEE, "besluit heropend"), |p, _, _| p.reopen())
    }

    /// A roster member signs the decision with their key, opened with `passphrase`.
    pub fn sign(&mut self, id: Uuid, member_id: Uuid, passphrase: &str) -> Result<PilotView> {
        let member = self.store.load_member(member_id)?;
        let log = self.roster_log_state()?;
        if log.founded() && log.difference(&member).is_some() {
            return Err(Error::not_allowed(
                format!(
                    "{} staat anders in de ledenlijst dan in het ondertekende ledenlogboek; er is niets ondertekend.",
                    member.name
                ),
                format!("{} differs from the signed roster log; nothing was signed.", member.name),
            ));
        }
        let now = (self.now)();
        let unsealed = self.attempt(&member, |m| {
            m.current_key(now)
                .ok_or_else(|| {
                    Error::not_allowed(
                        format!(
                            "{} heeft geen geldige sleutel. Maak eerst een nieuwe sleutel bij de commissie.",
                            m.name
                        ),
                        "This member has no valid key. Make a new key on the committee screen first.",
                    )
                })?
                .unseal(passphrase)
        })?;
        let audit = Change::new(&member.name, format!("ondertekend als {}", member.role.label_nl().to_lowercase()));
        let checkpoint = self.store.audit_head()?;
        let committee = log.founding.clone();
        self.change(id, audit, |p, _, now| p.sign_with(&member, &unsealed, checkpoint, committee, now))
    }

    /// The roster signatures are checked against: the signed roster log once the committee is
    /// founded; before that (a database from before the log), the stored members as they are.
    fn trusted_roster(&mut self) -> Result<RosterState> {
        let state = RosterState::replay(&self.store.roster_log()?)?;
        if state.founded() {
            Ok(state)
        } else {
            Ok(RosterState::unsigned(&self.store.list_members()?))
        }
    }

    /// The roster log replayed; an error when it does not hold.
    ///
    /// Replaying checks every approval's signature, so the result is kept while the audit
    /// trail's head stays the same (every write through the app moves it): opening a pilot does
    /// not replay the log again. The check on open always replays.
    fn roster_log_state(&mut self) -> Result<RosterState> {
        let head = self.store.audit_head()?;
        if let Some((at, state)) = &self.roster_cache {
            if *at == head {
                return Ok(state.clone());
            }
        }
        let state = RosterState::replay(&self.store.roster_log()?)?;
        self.roster_cache = Some((head, state.clone()));
        Ok(state)
    }

    /// The committee roster as the screens show it (never the sealed keys): the members in
    /// office, from the signed roster log once the committee is founded.
    pub fn roster(&mut self) -> Result<Vec<MemberView>> {
        let now = (self.now)();
        let members = self.store.list_members()?;
        Ok(members.iter().filter(|m| m.active()).map(|m| MemberView::of(m, now)).collect())
    }

    /// Whether the committee is founded, and who must approve a change about `subject` now.
    pub fn roster_status(&mut self, subject: Option<Uuid>) -> Result<RosterStatus> {
        let now = (self.now)();
        let log = self.roster_log_state()?;
        let legacy = !log.founded() && !self.store.list_members()?.is_empty();
        let (officers, approvals) = log.approvers(subject, now);
        Ok(RosterStatus {
            founded: log.founded(),
            legacy,
            officers,
            approvals: approvals as i32,
            events: log.count as i32,
        })
    }

    /// Founds the committee: the first chair and secretary, each with a key sealed with their
    /// own passphrase, sign the first roster event. Only on an empty roster.
    pub fn found_committee(&mut self, chair: NewMember, secretary: NewMember) -> Result<Vec<MemberView>> {
        let now = (self.now)();
        let log = self.roster_log_state()?;
        if log.founded() || !self.store.list_members()?.is_empty() {
            return Err(Error::not_allowed(
                "De commissie is al vastgesteld. Voeg leden toe met goedkeuring van de voorzitter en de secretaris.",
                "The committee is already founded. Add members with the approval of the chair and the secretary.",
            ));
        }
        let mut p = crate::error::Problems::default();
        if chair.role != Role::Chair || secretary.role != Role::Secretary {
            p.add(
                "role",
                "Een commissie begint met een voorzitter en een secretaris.",
                "A committee starts with a chair and a secretary.",
            );
        }
        if chair.name.trim().eq_ignore_ascii_case(secretary.name.trim()) {
            p.add(
                "name",
                "De voorzitter en de secretaris zijn twee verschillende mensen.",
                "The chair and the secretary are two different people.",
            );
        }
        p.into_result()?;
        let chair_member =
            CommitteeMember::new(MemberInput { name: chair.name, role: Role::Chair }, &chair.passphrase, now)
                .map_err(|e| rename_field(rename_field(e, "passphrase", "chairPassphrase"), "name", "chairName"))?;
        let secretary_member = CommitteeMember::new(
            MemberInput { name: secretary.name, role: Role::Secretary },
            &secretary.passphrase,
            now,
        )
        .map_err(|e| rename_field(rename_field(e, "passphrase", "secretaryPassphrase"), "name", "secretaryName"))?;
        let policy = self.store.signing_policy()?;
        let change = RosterChange::Founded { members: vec![chair_member.entry(), secretary_member.entry()], policy };
        let mut event = self.draft(&log, now, change)?;
        event.approve(&chair_member, &chair.passphrase)?;
        event.approve(&secretary_member, &secretary.passphrase)?;
        self.commit_roster_event(log, event, vec![chair_member, secretary_member])?;
        self.roster()
    }

    /// A database from before the signed roster log: its chair and secretary adopt the roster
    /// as it is (members, keys, signing policy) as the first roster event.
    pub fn adopt_roster(&mut self, approvers: Vec<Approver>) -> Result<Vec<MemberView>> {
        let now = (self.now)();
        let log = self.roster_log_state()?;
        let members = self.store.list_members()?;
        if log.founded() || members.is_empty() {
            return Err(Error::not_allowed("Er is geen ledenlijst over te nemen.", "There is no roster to adopt."));
        }
        let entries = members
            .iter()
            .filter(|m| m.active())
            .map(|m| crate::roster_log::MemberEntry { since: Some(m.created_at), ..m.entry() })
            .collect();
        let change = RosterChange::Founded { members: entries, policy: self.store.signing_policy()? };
        let mut event = self.draft(&log, now, change)?;
        self.collect_approvals(&mut event, &approvers)?;
        self.commit_roster_event(log, event, vec![])?;
        self.roster()
    }

    /// Adds a member with a new key sealed with their own `passphrase`, approved by the chair
    /// and the secretary. Names are unique on the roster.
    pub fn add_member(&mut self, input: MemberInput, passphrase: &str, approvers: Vec<Approver>) -> Result<MemberView> {
        let now = (self.now)();
        let log = self.founded_log()?;
        let member = CommitteeMember::new(input, passphrase, now)?;
        if self.store.list_members()?.iter().any(|m| m.active() && m.name.eq_ignore_ascii_case(&member.name)) {
            let mut p = crate::error::Problems::default();
            p.add(
                "name",
                "Er staat al een lid met deze naam op de lijst.",
                "A member with this name is already listed.",
            );
            p.into_result()?;
        }
        let mut event = self.draft(&log, now, RosterChange::MemberAdded { member: member.entry() })?;
        self.collect_approvals(&mut event, &approvers)?;
        let id = member.id;
        self.commit_roster_event(log, event, vec![member])?;
        self.member_view(id)
    }

    /// Gives a member another role, approved by the officers (not by the member).
    pub fn change_role(&mut self, id: Uuid, role: Role, approvers: Vec<Approver>) -> Result<MemberView> {
        self.officers_change(id, (self.now)(), RosterChange::RoleChanged { member_id: id, role }, approvers, |m, _| {
            m.role = role;
            Ok(())
        })
    }

    /// Ends a membership, approved by the officers. What the member signed stays valid.
    pub fn end_membership(&mut self, id: Uuid, approvers: Vec<Approver>) -> Result<MemberView> {
        self.officers_change(id, (self.now)(), RosterChange::MembershipEnded { member_id: id }, approvers, |m, now| {
            m.end(now)
        })
    }

    /// A new key for a member who lost their passphrase, approved by the officers.
    pub fn replace_key(&mut self, id: Uuid, new_passphrase: &str, approvers: Vec<Approver>) -> Result<MemberView> {
        let now = (self.now)();
        let mut member = self.store.load_member(id)?;
        member.replace_key(new_passphrase, now).map_err(|e| rename_field(e, "passphrase", "newPassphrase"))?;
        let key = member.keys.last().map(KeyEntry::of).ok_or(Error::NotFound { what: "key" })?;
        self.officers_change(id, now, RosterChange::KeyReplaced { member_id: id, key }, approvers, move |m, _| {
            *m = CommitteeMember { revision: m.revision, ..member };
            Ok(())
        })
    }

    /// Declares a key compromised since `since`, approved by the officers: what it signed from
    /// then on no longer counts.
    pub fn declare_compromised(
        &mut self,
        id: Uuid,
        key_id: Uuid,
        since: OffsetDateTime,
        approvers: Vec<Approver>,
    ) -> Result<MemberView> {
        let change = RosterChange::KeyCompromised { member_id: id, key_id, since };
        self.officers_change(id, (self.now)(), change, approvers, move |m, now| m.compromise_key(key_id, since, now))
    }

    /// [`Self::declare_compromised`] with the moment as RFC 3339 text (from the screen).
    pub fn declare_compromised_at(
        &mut self,
        id: Uuid,
        key_id: Uuid,
        since: &str,
        approvers: Vec<Approver>,
    ) -> Result<MemberView> {
        let since =
            OffsetDateTime::parse(since.trim(), &time::format_description::well_known::Rfc3339).map_err(|_| {
                let mut p = crate::error::Problems::default();
                p.add("since", "Vul een geldig moment in.", "Fill in a valid moment.");
                p.into_result().err().unwrap_or(Error::Locked)
            })?;
        self.declare_compromised(id, key_id, since, approvers)
    }

    /// A member replaces their own key: the new key is announced signed with the old one.
    pub fn rotate_key(&mut self, id: Uuid, current_passphrase: &str, new_passphrase: &str) -> Result<MemberView> {
        let now = (self.now)();
        let log = self.founded_log()?;
        let before = self.store.load_member(id)?;
        self.attempt(&before, |m| {
            let key = m.current_key(now).ok_or_else(|| {
                Error::not_allowed(
                    "Er is geen geldige sleutel om te vervangen. Is de wachtzin kwijt? Dan geven de voorzitter en de secretaris een nieuwe sleutel vrij.",
                    "There is no valid key to replace. Lost the passphrase? Then the chair and the secretary approve a new key.",
                )
            })?;
            key.open(current_passphrase).map(|_| ())
        })?;
        let mut member = before.clone();
        member.replace_key(new_passphrase, now).map_err(|e| rename_field(e, "passphrase", "newPassphrase"))?;
        let key = member.keys.last().map(KeyEntry::of).ok_or(Error::NotFound { what: "key" })?;
        let mut event = self.draft(&log, now, RosterChange::KeyRotated { member_id: id, key })?;
        event.approve(&before, current_passphrase)?;
        member.updated_at = now;
        self.commit_roster_event(log, event, vec![member])?;
        self.member_view(id)
    }

    pub fn signing_policy(&mut self) -> Result<SigningPolicy> {
        let log = self.roster_log_state()?;
        if log.founded() {
            Ok(log.policy)
        } else {
            self.store.signing_policy()
        }
    }

    /// Sets which signatures future decisions require, approved by the officers; decisions
    /// already taken keep theirs.
    pub fn set_signing_policy(&mut self, policy: SigningPolicy, approvers: Vec<Approver>) -> Result<SigningPolicy> {
        policy.validate()?;
        let now = (self.now)();
        let log = self.founded_log()?;
        let policy = SigningPolicy { required_roles: policy.normalized() };
        let mut event = self.draft(&log, now, RosterChange::PolicyChanged { policy: policy.clone() })?;
        self.collect_approvals(&mut event, &approvers)?;
        self.commit_roster_event(log, event, vec![])?;
        Ok(policy)
    }

    /// The roster for publication (`ledenlijst.json`): the signed log and what it gives.
    pub fn roster_file(&mut self) -> Result<RosterFile> {
        let log = self.store.roster_log()?;
        RosterFile::new(ORGANIZATION, log, (self.now)())
    }

    /// Writes [`Self::roster_file`] to `path`.
    pub fn export_roster(&mut self, path: &Path) -> Result<()> {
        let file = self.roster_file()?;
        if file.log.is_empty() {
            return Err(Error::not_allowed(
                "De commissie is nog niet vastgesteld.",
                "The committee has not been founded yet.",
            ));
        }
        let text = serde_json::to_string_pretty(&file).map_err(|e| Error::Internal(e.to_string()))?;
        crate::files::write_atomically(path, text.as_bytes())
    }

    /// A new roster event after `log`, signed with the audit trail's checkpoint.
    fn draft(&mut self, log: &RosterState, now: OffsetDateTime, change: RosterChange) -> Result<RosterEvent> {
        Ok(RosterEvent::draft(log, now, change).at_checkpoint(self.store.audit_head()?))
    }

    /// The chair and the secretary confirm the audit trail as it stands: a roster event that
    /// signs its checkpoint (for the end of a meeting). Nothing before it can change unseen.
    pub fn confirm_log(&mut self, approvers: Vec<Approver>) -> Result<crate::audit::Checkpoint> {
        let now = (self.now)();
        let log = self.founded_log()?;
        let mut event = self.draft(&log, now, RosterChange::LogConfirmed)?;
        let checkpoint = event.checkpoint.clone().ok_or(Error::NotFound { what: "checkpoint" })?;
        self.collect_approvals(&mut event, &approvers)?;
        self.commit_roster_event(log, event, vec![])?;
        Ok(checkpoint)
    }

    fn founded_log(&mut self) -> Result<RosterState> {
        let log = self.roster_log_state()?;
        if !log.founded() {
            return Err(Error::not_allowed(
                "Stel eerst de commissie vast: een voorzitter en een secretaris, elk met een eigen wachtzin.",
                "Found the committee first: a chair and a secretary, each with their own passphrase.",
            ));
        }
        Ok(log)
    }

    fn member_view(&mut self, id: Uuid) -> Result<MemberView> {
        let now = (self.now)();
        Ok(MemberView::of(&self.store.load_member(id)?, now))
    }

    /// A change about member `id` that the officers approve: applied to the stored member with
    /// `apply`, announced in the roster log with `change`.
    fn officers_change(
        &mut self,
        id: Uuid,
        now: OffsetDateTime,
        change: RosterChange,
        approvers: Vec<Approver>,
        apply: impl FnOnce(&mut CommitteeMember, OffsetDateTime) -> Result<()>,
    ) -> Result<MemberView> {
        let log = self.founded_log()?;
        let mut member = self.store.load_member(id)?;
        apply(&mut member, now)?;
        member.updated_at = now;
        let mut event = self.draft(&log, now, change)?;
        self.collect_approvals(&mut event, &approvers)?;
        self.commit_roster_event(log, event, vec![member])?;
        self.member_view(id)
    }

    /// Each approver's key, opened with their passphrase, signs the event. A wrong passphrase
    /// is recorded and slows that member's next attempts.
    fn collect_approvals(&mut self, event: &mut RosterEvent, approvers: &[Approver]) -> Result<()> {
        for approver in approvers {
            let member = self.store.load_member(approver.member_id)?;
            let mut scratch = event.clone();
            self.attempt(&member, |m| scratch.approve(m, &approver.passphrase))?;
            *event = scratch;
        }
        Ok(())
    }

    /// Checks the event against the log (who approved, what may change) and stores it with
    /// the members it writes, all at once; nothing is stored when it does not hold.
    fn commit_roster_event(
        &mut self,
        mut log: RosterState,
        event: RosterEvent,
        mut members: Vec<CommitteeMember>,
    ) -> Result<()> {
        log.apply(&event)?;
        let names = |id: Uuid| log.members.get(&id).map_or_else(|| id.to_string(), |m| m.name.clone());
        let action = event.change.describe_nl(&names);
        let approvers: Vec<String> = event.approvals.iter().map(|a| names(a.member_id)).collect();
        let audit = Change::new(approvers.join(" en "), action);
        self.store.record_roster_event(&event, &mut members, &audit)
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
                let hash =
                    crate::signing::sha256_hex(format!("{}:{}", member.id, crate::dates::rfc3339(now)).as_bytes());
                self.store.record_event(&audit, &format!("attempt:{}", member.id), &hash, now)?;
                let mut p = crate::error::Problems::default();
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

    /// Writes the proposal as a file for the committee secretary.
    pub fn export_proposal(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let pilot = self.store.load(id)?;
        let text = crate::exchange::proposal_file(&pilot.proposal, (self.now)())?;
        crate::files::write_atomically(path, text.as_bytes())
    }

    /// Reads a proposal file and makes it a new pilot: handed in when complete, otherwise a
    /// draft. Nothing is stored when the file is wrong in any way.
    pub fn import_proposal(&mut self, path: &Path) -> Result<PilotView> {
        let proposal = crate::exchange::read_proposal_file(&read_limited(path)?)?;
        let complete = proposal.validate_complete().is_ok();
        let view = self.create(proposal)?;
        if complete {
            self.submit(view.pilot.id)
        } else {
            Ok(view)
        }
    }

    /// Starts a proposal (a draft) from an existing Algoritmeregister entry.
    pub fn import_register_entry(&mut self, path: &Path) -> Result<PilotView> {
        let proposal = crate::exchange::proposal_from_register(&read_limited(path)?)?;
        self.create(proposal)
    }

    /// Writes a draft Algoritmeregister entry for an approved pilot.
    pub fn export_register_entry(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let view = self.get(id)?;
        let entry = crate::exchange::register_entry(&view, ORGANIZATION)?;
        let text = serde_json::to_string_pretty(&entry).map_err(|e| Error::Internal(e.to_string()))?;
        crate::files::write_atomically(path, text.as_bytes())
    }

    /// Renders the decision record as PDF and writes it to `path` (written to a temporary
    /// file beside it first, so a failure never leaves half a PDF).
    pub fn export_pdf(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let is_pdf = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if !path.is_absolute() || !is_pdf {
            let mut p = crate::error::Problems::default();
            p.add("path", "Kies een bestandsnaam die eindigt op .pdf.", "Choose a file name ending in .pdf.");
            p.into_result()?;
        }
        let view = self.get(id)?;
        if view.pilot.decision.is_none() {
            return Err(Error::not_allowed(
                "Er is nog geen besluit; exporteer na het besluit.",
                "There is no decision yet; export after deciding.",
            ));
        }
        let bytes = crate::pdf::render(&view, crate::pdf::Conformance::A3b)?;
        crate::files::write_atomically(path, &bytes)
    }
}
