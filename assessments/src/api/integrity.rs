//! The check on open: the audit trail, every record against it, every signature, the roster
//! log, the minutes and the framework files.

use super::Assessments;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use uuid::Uuid;

use crate::audit::{first_broken, state_hash, IntegrityReport};
use crate::base::error::{Error, Result};
use crate::committee::roster::{CommitteeMember, SigningPolicy};
use crate::committee::roster_log::RosterState;
use crate::meeting::Meeting;
use crate::pilot::signing;
use crate::pilot::{Pilot, PilotSummary};

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
    frameworks: &HashMap<crate::framework::FrameworkRef, String>,
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
                            let state = crate::base::hash::sha256_hex(parts.pilot(pilot)?.as_bytes());
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
impl Assessments {
    /// Checks the audit trail and every record against it, and every signature: what the app
    /// shows on open. Anything that does not verify is reported, never shown as valid.
    // Invariant (ARCHITECTURE.md): the audit trail's check on open, everything it names.
    pub fn integrity(&mut self) -> Result<IntegrityReport> {
        let log = self.store.audit_log()?;
        let mut report =
            IntegrityReport { entries: log.len() as i64, broken_at: first_broken(&log), ..Default::default() };
        let last: HashMap<&str, &str> = log.iter().map(|e| (e.subject.as_str(), e.state_hash.as_str())).collect();
        let members = self.store.list_members()?;
        let roster = self.roster_for_check(&members, &mut report)?;
        let mut found = Findings { log: &log, last: &last, report, seen: HashSet::new(), confirmed: 0 };
        self.check_roster_events(&mut found)?;
        let attachments = self.store.all_attachments()?;
        self.check_pilots(&mut found, &roster, &attachments)?;
        for meeting in self.store.list_meetings()? {
            found.check_meeting(&meeting, &roster)?;
        }
        for member in &members {
            found.check_state(format!("member:{}", member.id), member, || format!("Ledenlijst: {}", member.name))?;
        }
        // A framework revision: its text as loaded, and loaded through the app.
        for file in self.store.framework_files()? {
            let subject = format!("framework:{}@{}", file.framework_id, file.version);
            found.check_state(subject, &file.source, || format!("Toetsingskader {}", file.version))?;
        }
        // The follow-up of signed decisions: each event as recorded, and each committee's
        // confirmation signed by the secretary in office with the key the roster log gives.
        if let Some(name) = self.store.municipality()? {
            found.check_state("setting:municipality".into(), &name.as_str(), || "Naam van de gemeente".into())?;
        }
        found.report.changed_outside.extend(self.store.follow_up_problems()?);
        let mut decisions: std::collections::HashMap<uuid::Uuid, Option<String>> = std::collections::HashMap::new();
        for event in self.store.follow_up_events(None)? {
            found.check_state(event.audit_subject(), &event, || format!("Opvolging van pilot {}", event.pilot_id))?;
            let store = &mut self.store;
            let hash = decisions
                .entry(event.pilot_id)
                .or_insert_with(|| store.load(event.pilot_id).ok().and_then(|p| signing::content_hash(&p).ok()));
            if hash.as_deref() != Some(event.decision_hash.as_str()) {
                found
                    .report
                    .changed_outside
                    .push(format!("Opvolging van pilot {}: hoort niet bij het ondertekende besluit", event.pilot_id));
            }
            if let Some((meeting_id, act)) = event.confirmation_act() {
                if let Some(problem) = crate::meeting::recording_problem(meeting_id, &act, &roster) {
                    found
                        .report
                        .changed_outside
                        .push(format!("Opvolging van pilot {}: bevestiging ({problem})", event.pilot_id));
                }
            }
        }
        // Attachments: each as recorded, its bytes still its SHA-256, and every file a decision
        // relied on still there with the hash the decision names.
        found.report.changed_outside.extend(self.store.attachment_problems()?);
        for a in &attachments {
            found.check_state(a.audit_subject(), a, || format!("Bijlage {} van pilot {}", a.name, a.pilot_id))?;
        }
        // Adopted yearly reports: each as kept, each signature as kept and valid; a valid
        // signature's checkpoint confirms the trail before it, as a decision's does.
        found.report.changed_outside.extend(self.store.yearly_report_problems()?);
        for adopted in self.store.yearly_reports()? {
            let name = || format!("Jaarrapportage {}", adopted.period.label_nl());
            found.check_state(format!("report:{}", adopted.id), &adopted.kept(), name)?;
            for s in &adopted.signatures {
                found.check_state(format!("reportsig:{}", s.id), s, name)?;
            }
            let checks = adopted.check(&roster);
            if checks.iter().any(|c| !c.valid) {
                found.report.invalid_signatures.push(name());
            }
            for (s, c) in adopted.signatures.iter().zip(&checks) {
                match &s.checkpoint {
                    Some(cp) if !cp.holds_in(found.log) => {
                        found.report.changed_outside.push(format!("Logboek vóór een handtekening op {}", name()));
                    }
                    Some(cp) if c.valid => found.confirmed = found.confirmed.max(cp.entries),
                    _ => {}
                }
            }
        }
        for file in self.store.duty_dates_files()? {
            let subject = format!("framework:{}@{}", file.framework_id, file.version);
            found.check_state(subject, &file.source, || format!("Data van de plichten {}", file.version))?;
        }
        found.check_deleted();
        if !roster.founded() || roster.count == 0 {
            self.check_policy(&mut found)?;
        }
        let Findings { mut report, confirmed, .. } = found;
        report.schema_problems = self.store.schema_problems()?;
        report.unconfirmed = report.entries - confirmed;
        report.changed_outside.sort();
        report.changed_outside.dedup();
        Ok(report.conclude())
    }

    /// The roster log: every event approved as the rules say, the stored members what it gives.
    /// Before the committee is founded, the stored members as they are.
    fn roster_for_check(&mut self, members: &[CommitteeMember], report: &mut IntegrityReport) -> Result<RosterState> {
        Ok(match RosterState::replay(&self.store.roster_log()?) {
            Ok(state) if state.founded() => {
                report.roster_problems.extend(state.differences(members));
                state
            }
            Ok(_) => RosterState::unsigned(members),
            Err(e) => {
                report.roster_problems.push(e.message().nl);
                RosterState::unsigned(members)
            }
        })
    }

    /// Each roster event as its audit entry recorded it, and the checkpoint it signed.
    fn check_roster_events(&mut self, found: &mut Findings<'_>) -> Result<()> {
        let Ok(events) = self.store.roster_log() else {
            return Ok(());
        };
        for event in &events {
            let subject = format!("roster:{}", event.seq);
            if found.last.get(subject.as_str()).copied() != Some(event.hash()?.as_str()) {
                found.report.changed_outside.push(format!("Ledenlogboek, gebeurtenis {}", event.seq));
            }
            found.seen.insert(subject);
            match &event.checkpoint {
                Some(c) if c.holds_in(found.log) => found.confirmed = found.confirmed.max(c.entries),
                Some(_) => found.report.changed_outside.push("Logboek vóór een wijziging van de ledenlijst".into()),
                None => {}
            }
        }
        Ok(())
    }

    /// Every pilot against its audit entry, its signatures and its framework; in batches, so
    /// checking thousands of pilots never holds them all in memory.
    fn check_pilots(
        &mut self,
        found: &mut Findings<'_>,
        roster: &RosterState,
        attachments: &[crate::attachments::Attachment],
    ) -> Result<()> {
        let listed: HashMap<Uuid, PilotSummary> = self.store.list()?.into_iter().map(|p| (p.id, p)).collect();
        // The framework versions as stored now, not as read when the app started.
        self.frameworks = None;
        let frameworks: HashMap<crate::framework::FrameworkRef, String> = self
            .registry()?
            .versions()
            .iter()
            .map(|f| Ok((f.reference(), f.content_hash()?)))
            .collect::<Result<_>>()?;
        // Every file a decision relied on must still be there with the hash the decision names.
        let kept: HashMap<Uuid, (Uuid, &str)> =
            attachments.iter().map(|a| (a.id, (a.pilot_id, a.sha256.as_str()))).collect();
        let mut from = None;
        while let crate::storage::Batch { pilots, next: Some(next) } = self.store.load_batch(from, INTEGRITY_BATCH)? {
            from = Some(next);
            let records: HashMap<Uuid, &Pilot> =
                pilots.iter().filter_map(|(id, p)| p.as_ref().ok().map(|p| (*id, p))).collect();
            for p in records.values() {
                for r in p.decision.iter().flat_map(|d| &d.attachments) {
                    if kept.get(&r.id) != Some(&(p.id, r.sha256.as_str())) {
                        found.report.changed_outside.push(format!(
                            "Bijlage {} van het besluit over {}: ontbreekt of is gewijzigd",
                            r.name, p.proposal.title
                        ));
                    }
                }
            }
            for check in check_pilots(&pilots, found.last, roster, &frameworks)? {
                let id = check.id;
                found.pilot(check, records.get(&id).copied(), listed.get(&id));
            }
        }
        Ok(())
    }

    /// The signing policy before the roster log holds it: the setting, as recorded.
    fn check_policy(&mut self, found: &mut Findings<'_>) -> Result<()> {
        let policy = self.store.signing_policy()?;
        let expected = match found.last.get("setting:signingPolicy").copied() {
            Some(hash) => hash == state_hash(&policy)?,
            None => policy == SigningPolicy::default(),
        };
        if !expected {
            found.report.changed_outside.push("Vereiste handtekeningen".into());
        }
        Ok(())
    }

    /// The check on open of a database file, run on a copy of it (with its WAL journal), so the
    /// file itself is never changed (opening brings a copy's schema up to date): for
    /// `ai-toets-verify --database`.
    pub fn check_file(path: &Path) -> Result<IntegrityReport> {
        Self::check_copy_of(path).map(|(report, _)| report)
    }

    /// [`Self::check_file`], with the audit trail's checkpoint of the copy it checked.
    pub(super) fn check_copy_of(path: &Path) -> Result<(IntegrityReport, crate::audit::Checkpoint)> {
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
        let mut checked = Assessments::new(Box::new(store));
        let report = checked.integrity()?;
        Ok((report, checked.store.audit_head()?))
    }

    /// The audit trail's head now: how many entries and the last one's hash. Every write of
    /// every window on every machine appends one entry, so a window that sees the head move
    /// knows something changed elsewhere (the screens ask every few seconds).
    pub fn audit_head(&mut self) -> Result<crate::audit::Checkpoint> {
        self.store.audit_head()
    }

    /// The audit trail, newest first (for tests and tools: no screen or command shows it).
    pub fn audit_log(&mut self) -> Result<Vec<crate::audit::AuditEntry>> {
        let mut log = self.store.audit_log()?;
        log.reverse();
        Ok(log)
    }
}

/// What the check on open has found so far.
struct Findings<'a> {
    log: &'a [crate::audit::AuditEntry],
    /// Each subject's last recorded state hash.
    last: &'a HashMap<&'a str, &'a str>,
    report: IntegrityReport,
    /// The subjects found in the database.
    seen: HashSet<String>,
    /// The latest checkpoint a signature or a roster event signed, and that holds.
    confirmed: i64,
}

impl Findings<'_> {
    /// `value` is in the state its audit entry recorded; else `name()` was changed outside.
    fn check_state(
        &mut self,
        subject: String,
        value: &impl serde::Serialize,
        name: impl FnOnce() -> String,
    ) -> Result<()> {
        if self.last.get(subject.as_str()).copied() != Some(state_hash(value)?.as_str()) {
            self.report.changed_outside.push(name());
        }
        self.seen.insert(subject);
        Ok(())
    }

    /// What checking one pilot found, named as the overview names it (which must be the
    /// record's name, too: an edit to the `pilot_names` copy alone shows, an invariant in
    /// ARCHITECTURE.md).
    fn pilot(&mut self, check: PilotCheck, record: Option<&Pilot>, shown: Option<&PilotSummary>) {
        let PilotCheck { id, changed, invalid, framework_changed, checkpoints } = check;
        self.seen.insert(format!("pilot:{id}"));
        let changed = changed
            || record.zip(shown).is_some_and(|(r, s)| {
                r.proposal.title != s.title
                    || r.proposal.department != s.department
                    || PilotSummary::from(r).round != s.round
            });
        let title = shown.map(|s| s.title.clone()).unwrap_or_else(|| id.to_string());
        if changed {
            self.report.changed_outside.push(title.clone());
        }
        if framework_changed {
            self.report.changed_outside.push(format!("Toetsingskader van {title}"));
        }
        if checkpoints.iter().any(|c| !c.holds_in(self.log)) {
            self.report.changed_outside.push(format!("Logboek vóór een handtekening op {title}"));
        }
        self.confirmed = self.confirmed.max(checkpoints.iter().map(|c| c.entries).max().unwrap_or(0));
        if invalid {
            self.report.invalid_signatures.push(title);
        }
    }

    /// A meeting as recorded; in signed minutes, every vote, conflict and opinion carries the
    /// secretary's signature.
    fn check_meeting(&mut self, meeting: &Meeting, roster: &RosterState) -> Result<()> {
        self.check_state(format!("meeting:{}", meeting.id), meeting, || format!("Vergadering van {}", meeting.date))?;
        if meeting.signed_minutes {
            for act in meeting.acts() {
                if let Some(problem) = crate::meeting::recording_problem(meeting.id, &act, roster) {
                    self.report
                        .changed_outside
                        .push(format!("Notulen van {}: {} ({problem})", meeting.date, act.member));
                }
            }
        }
        Ok(())
    }

    /// Whatever the audit trail speaks of must still be there.
    fn check_deleted(&mut self) {
        for subject in self.last.keys() {
            let kind = subject.split(':').next().unwrap_or_default();
            if matches!(
                kind,
                "pilot"
                    | "meeting"
                    | "member"
                    | "framework"
                    | "roster"
                    | "followup"
                    | "attachment"
                    | "report"
                    | "reportsig"
            ) && !self.seen.contains(*subject)
            {
                self.report.changed_outside.push(format!("Verwijderd: {subject}"));
            }
        }
    }
}
