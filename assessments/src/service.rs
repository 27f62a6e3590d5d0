//! The operations the app offers, as plain functions over a [`Store`]: load a pilot, let the
//! workflow change it, save it. The desktop shell calls only these.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::applicability::{reason, Facts};
use crate::audit::{first_broken, state_hash, Change, IntegrityReport};
use crate::error::{Error, Result};
use crate::framework::Framework;
use crate::framework::{diff, FrameworkDiff, Registry, Text};
use crate::meeting::{Meeting, MeetingInput, VoteChoice};
use crate::model::{Answer, DecisionInput, Pilot, PilotSummary, Proposal, Role};
use crate::roster::{CommitteeMember, MemberInput, SigningPolicy};
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
    pub fn new(pilot: Pilot, frameworks: &Registry, roster: &[CommitteeMember]) -> Result<Self> {
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

/// How many pilots the integrity check holds in memory at once.
const INTEGRITY_BATCH: usize = 250;

/// For each pilot: its id, whether it differs from its last audit entry (or cannot be read),
/// and whether any signature fails. Hashing and checking signatures is the work here; it runs
/// on every core.
fn check_pilots(
    pilots: &[(Uuid, Result<Pilot>)],
    last: &HashMap<&str, &str>,
    roster: &[CommitteeMember],
) -> Result<Vec<(Uuid, bool, bool)>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = pilots.len().div_ceil(threads).max(1);
    let results: Vec<Vec<Result<(Uuid, bool, bool)>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = pilots
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(id, pilot)| {
                            let Ok(pilot) = pilot else { return Ok((*id, true, false)) };
                            let parts = signing::CanonicalParts::of(pilot)?;
                            let state = signing::sha256_hex(parts.pilot(pilot)?.as_bytes());
                            let changed = last.get(format!("pilot:{id}").as_str()).copied() != Some(state.as_str());
                            let record = parts.record(pilot)?;
                            let invalid = signing::verify_record(pilot, &record, roster)?.iter().any(|c| !c.valid);
                            Ok((*id, changed, invalid))
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

/// The app's operations over one store.
pub struct Assessments {
    store: Box<dyn Store>,
    now: fn() -> OffsetDateTime,
    /// Shipped and loaded framework versions; read once, refreshed when a file is loaded.
    frameworks: Option<Registry>,
}

impl Assessments {
    pub fn new(store: Box<dyn Store>) -> Self {
        Self::with_clock(store, OffsetDateTime::now_utc)
    }

    /// For tests: a fixed clock.
    pub fn with_clock(store: Box<dyn Store>, now: fn() -> OffsetDateTime) -> Self {
        Self { store, now, frameworks: None }
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
        let roster = self.store.list_members()?;
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
        let roster = self.store.list_members()?;
        let listed: HashMap<Uuid, PilotSummary> = self.store.list()?.into_iter().map(|p| (p.id, p)).collect();
        // In batches, so checking thousands of pilots never holds them all in memory.
        let mut from = 0;
        while let crate::storage::Batch { pilots, next: Some(next) } = self.store.load_batch(from, INTEGRITY_BATCH)? {
            from = next;
            let records: HashMap<Uuid, &Pilot> =
                pilots.iter().filter_map(|(id, p)| p.as_ref().ok().map(|p| (*id, p))).collect();
            for (id, changed, invalid) in check_pilots(&pilots, &last, &roster)? {
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
        }
        for member in &roster {
            let subject = format!("member:{}", member.id);
            if last.get(subject.as_str()).copied() != Some(state_hash(member)?.as_str()) {
                report.changed_outside.push(format!("Ledenlijst: {}", member.name));
            }
        }
        let policy = self.store.signing_policy()?;
        if let Some(recorded) = last.get("setting:signingPolicy") {
            if *recorded != state_hash(&policy)?.as_str() {
                report.changed_outside.push("Vereiste handtekeningen".into());
            }
        }
        Ok(report.conclude())
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

    pub fn declare_conflict(&mut self, id: Uuid, member: &str, pilot_id: Uuid, reason: &str) -> Result<MeetingView> {
        self.ensure_open_for_meeting(pilot_id)?;
        let audit = Change::new(member, format!("belangenverstrengeling gemeld voor pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| m.declare_conflict(member, pilot_id, reason))
    }

    pub fn withdraw_conflict(&mut self, id: Uuid, member: &str, pilot_id: Uuid) -> Result<MeetingView> {
        self.ensure_open_for_meeting(pilot_id)?;
        let audit = Change::new(member, format!("belangenverstrengeling ingetrokken voor pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| {
            m.withdraw_conflict(member, pilot_id);
            Ok(())
        })
    }

    pub fn cast_vote(&mut self, id: Uuid, member: &str, pilot_id: Uuid, choice: VoteChoice) -> Result<MeetingView> {
        self.ensure_open_for_meeting(pilot_id)?;
        let audit = Change::new(member, format!("gestemd over pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| m.cast_vote(member, pilot_id, choice))
    }

    pub fn set_minority_opinion(&mut self, id: Uuid, member: &str, pilot_id: Uuid, text: &str) -> Result<MeetingView> {
        self.ensure_open_for_meeting(pilot_id)?;
        let audit = Change::new(member, format!("minderheidsstandpunt over pilot {pilot_id}"));
        self.change_meeting(id, audit, |m| m.set_minority_opinion(member, pilot_id, text))
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
        let policy = self.store.signing_policy()?;
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
        let audit = Change::new(&member.name, format!("ondertekend als {}", member.role.label_nl().to_lowercase()));
        self.change(id, audit, |p, _, now| p.sign(&member, passphrase, now))
    }

    /// The committee roster as the screens show it (never the sealed keys).
    pub fn roster(&mut self) -> Result<Vec<MemberView>> {
        let now = (self.now)();
        Ok(self.store.list_members()?.iter().map(|m| MemberView::of(m, now)).collect())
    }

    /// Adds a member with a new key sealed with `passphrase`. Names are unique on the roster.
    pub fn add_member(&mut self, input: MemberInput, passphrase: &str) -> Result<MemberView> {
        let now = (self.now)();
        let mut member = CommitteeMember::new(input, passphrase, now)?;
        if self.store.list_members()?.iter().any(|m| m.name.eq_ignore_ascii_case(&member.name)) {
            let mut p = crate::error::Problems::default();
            p.add(
                "name",
                "Er staat al een lid met deze naam op de lijst.",
                "A member with this name is already listed.",
            );
            p.into_result()?;
        }
        let key = member.keys.first().map(|k| k.fingerprint.clone()).unwrap_or_default();
        self.store.create_member(&mut member, &Change::new(ADMINISTRATOR, format!("lid toegevoegd, sleutel {key}")))?;
        Ok(MemberView::of(&member, now))
    }

    fn change_member(
        &mut self,
        id: Uuid,
        action: &str,
        change: impl FnOnce(&mut CommitteeMember, OffsetDateTime) -> Result<()>,
    ) -> Result<MemberView> {
        let now = (self.now)();
        let mut member = self.store.load_member(id)?;
        change(&mut member, now)?;
        member.updated_at = now;
        self.store.save_member(&mut member, &Change::new(ADMINISTRATOR, action))?;
        Ok(MemberView::of(&member, now))
    }

    /// Replaces a member's key; the current key's passphrase is needed while it is valid.
    pub fn rotate_key(&mut self, id: Uuid, current_passphrase: &str, new_passphrase: &str) -> Result<MemberView> {
        self.change_member(id, "nieuwe sleutel", |m, now| m.rotate_key(current_passphrase, new_passphrase, now))
    }

    /// Revokes one of a member's keys (lost or compromised passphrase).
    pub fn revoke_key(&mut self, id: Uuid, key_id: Uuid) -> Result<MemberView> {
        self.change_member(id, &format!("sleutel {key_id} ingetrokken"), |m, now| m.revoke_key(key_id, now))
    }

    pub fn signing_policy(&mut self) -> Result<SigningPolicy> {
        self.store.signing_policy()
    }

    /// Sets which signatures future decisions require; decisions already taken keep theirs.
    pub fn set_signing_policy(&mut self, policy: SigningPolicy) -> Result<SigningPolicy> {
        policy.validate()?;
        let policy = SigningPolicy { required_roles: policy.normalized() };
        let roles: Vec<_> = policy.required_roles.iter().map(|r| r.label_nl().to_lowercase()).collect();
        let audit = Change::new(ADMINISTRATOR, format!("vereiste handtekeningen: {}", roles.join(", ")));
        self.store.save_signing_policy(&policy, &audit, (self.now)())?;
        Ok(policy)
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
