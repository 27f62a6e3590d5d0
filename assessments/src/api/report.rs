//! The yearly report to the council and the dashboard (see [`crate::report`]).

use std::collections::HashMap;
use std::path::Path;

use uuid::Uuid;

use super::Assessments;
use crate::audit::Change;
use crate::base::error::{Error, Problems, Result};
use crate::framework::{Framework, FrameworkRef};
use crate::pilot::Pilot;
use crate::report::facts::{REVIEW_ACTION, SUBMITTED_ACTION};
use crate::report::signing::AdoptedReport;
use crate::report::{
    Dashboard, Milestones, Period, PeriodKind, PeriodRequest, PilotFacts, Progress, Sources, YearlyReport,
};

/// The files the report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ReportFile {
    /// PDF/A-3b with the report's record attached.
    Pdf,
    /// OpenDocument spreadsheet.
    Ods,
    Csv,
}

impl ReportFile {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFile::Pdf => "pdf",
            ReportFile::Ods => "ods",
            ReportFile::Csv => "csv",
        }
    }
}

/// An adopted yearly report as the screens show it: its signatures, each checked, and who
/// still has to sign.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AdoptedView {
    pub id: Uuid,
    pub title: String,
    pub period: Period,
    pub content_hash: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub adopted_at: time::OffsetDateTime,
    pub adopted_by: String,
    pub signatures: Vec<crate::pilot::Signature>,
    pub checks: Vec<crate::pilot::signing::SignatureCheck>,
    pub missing_roles: Vec<crate::committee::Role>,
    /// Who may sign it now: a member in a role still missing, in that role by the roster log,
    /// with a valid key (the screens offer these and no one else).
    pub signers: Vec<crate::views::Signer>,
}

/// How many pilots are read between two progress reports.
const BATCH: usize = 100;

/// Question id → area id, per framework version.
fn areas_of(framework: &Framework) -> HashMap<String, String> {
    framework.questions().map(|(a, q)| (q.id.clone(), a.id.clone())).collect()
}

impl Assessments {
    /// The yearly report for the period asked, computed from every record as it stands;
    /// `progress` hears how far it has come.
    pub fn yearly_report(
        &mut self,
        request: PeriodRequest,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<YearlyReport> {
        let period = Period::new(request)?;
        let total = u32::try_from(self.store.pilot_revisions()?.len()).unwrap_or(u32::MAX);
        let mut facts = Vec::new();
        let mut from = None;
        loop {
            let batch = self.store.load_batch(from, BATCH)?;
            let Some(next) = batch.next else { break };
            for (_, pilot) in batch.pilots {
                // A pilot that cannot be read is named by the check on open; the report says
                // what can be read.
                if let Ok(pilot) = pilot {
                    facts.push(self.facts_of(&pilot)?);
                }
            }
            from = Some(next);
            progress(Progress { step: "pilots".into(), done: u32::try_from(facts.len()).unwrap_or(u32::MAX), total });
        }
        progress(Progress { step: "figures".into(), done: total, total });
        // What the check on open confirms, and only that: the checkpoints of signatures that
        // verify, of roster events that replay, in a trail that holds.
        let check = self.integrity()?;
        let log = self.store.audit_log()?;
        let roster = self.store.roster_log()?;
        let confirmed = check.entries - check.unconfirmed;
        let signed_checkpoint = usize::try_from(confirmed - 1)
            .ok()
            .and_then(|i| log.get(i))
            .map(|e| crate::audit::Checkpoint { entries: confirmed, head: e.entry_hash.clone() });
        let mut milestones = Milestones::default();
        milestones.add(
            log.iter()
                .filter(|e| e.action == SUBMITTED_ACTION || e.action == REVIEW_ACTION)
                .map(|e| (e.subject.clone(), e.action.clone(), e.at)),
        );
        let made_at = log.last().map_or_else(self.now, |e| e.at);
        let checkpoint = crate::audit::Checkpoint::of(&log);
        let mut report =
            self.compute_report(period, &facts, &milestones, &roster, (checkpoint, signed_checkpoint, made_at))?;
        report.provenance.intact = Some(check.intact);
        Ok(report)
    }

    /// The dashboard: the current year's key figures and charts, as things stand now. Reads
    /// again only the pilots that changed since the last time.
    pub fn dashboard(&mut self) -> Result<Dashboard> {
        let now = (self.now)();
        let stored = self.store.pilot_revisions()?;
        let mut cache = std::mem::take(&mut self.facts);
        let current: HashMap<Uuid, i64> = stored.into_iter().collect();
        cache.retain(|id, f| current.get(id) == Some(&f.revision));
        for id in current.keys() {
            if !cache.contains_key(id) {
                // Unreadable pilots stay out, as in the report.
                if let Ok(pilot) = self.store.load(*id) {
                    cache.insert(*id, self.facts_of(&pilot)?);
                }
            }
        }
        // Moved out and back, not copied: 10,000 pilots' facts.
        let mut facts: Vec<PilotFacts> = cache.into_values().collect();
        facts.sort_by_key(|f| f.id);
        // The milestones only grow (the audit trail is append-only): read what came since.
        let (seen, mut milestones) = std::mem::take(&mut self.milestones);
        let (last, more) = self.store.entries_with_action(&[SUBMITTED_ACTION, REVIEW_ACTION], seen)?;
        milestones.add(more);
        let roster = self.store.roster_log()?;
        let checkpoint = self.store.audit_head()?;
        let period = Period::new(PeriodRequest { year: now.year(), kind: PeriodKind::Year })?;
        let report = self.compute_report(period, &facts, &milestones, &roster, (checkpoint, None, now));
        self.facts = facts.into_iter().map(|f| (f.id, f)).collect();
        self.milestones = (last.max(seen), milestones);
        Ok(report?.dashboard())
    }

    fn compute_report(
        &mut self,
        period: Period,
        facts: &[PilotFacts],
        milestones: &Milestones,
        roster: &[crate::committee::roster_log::RosterEvent],
        (checkpoint, signed_checkpoint, made_at): (
            crate::audit::Checkpoint,
            Option<crate::audit::Checkpoint>,
            time::OffsetDateTime,
        ),
    ) -> Result<YearlyReport> {
        let events = self.store.follow_up_events(None)?;
        let meetings = self.store.list_meetings()?;
        let municipality = self.store.municipality()?.unwrap_or_default();
        let frameworks = self.registry()?.versions().to_vec();
        let sources = Sources {
            municipality: &municipality,
            pilots: facts,
            events: &events,
            meetings: &meetings,
            milestones,
            frameworks: &frameworks,
            roster,
            checkpoint,
            signed_checkpoint,
            made_at,
            today: (self.now)().date(),
        };
        crate::report::compute(&sources, period)
    }

    /// The facts of one pilot, its questions placed in the areas of its own framework version.
    fn facts_of(&mut self, pilot: &Pilot) -> Result<PilotFacts> {
        let reference: FrameworkRef = pilot.framework.clone();
        let key = format!("{}@{}", reference.id, reference.version);
        if !self.areas.contains_key(&key) {
            let areas = self.registry()?.find(&reference).map(areas_of).unwrap_or_default();
            self.areas.insert(key.clone(), areas);
        }
        let areas = self.areas.get(&key);
        PilotFacts::of(pilot, &|q| areas.and_then(|a| a.get(q).cloned()))
    }

    /// Writes the yearly report for `request` to `path` as `file` (to a temporary file beside
    /// it first, so a failure never leaves half a file).
    pub fn export_yearly_report(
        &mut self,
        request: PeriodRequest,
        file: ReportFile,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        let fits = path.extension().is_some_and(|e| e.eq_ignore_ascii_case(file.extension()));
        if !path.is_absolute() || !fits {
            let mut p = Problems::default();
            p.add(
                "path",
                format!("Kies een bestandsnaam die eindigt op .{}.", file.extension()),
                format!("Choose a file name ending in .{}.", file.extension()),
            );
            p.into_result()?;
        }
        let report = self.yearly_report(request, progress)?;
        progress(Progress { step: "writing".into(), done: 0, total: 1 });
        let bytes = match file {
            ReportFile::Pdf => crate::pdf::report::render(&report, crate::pdf::Conformance::A3b)?,
            ReportFile::Ods => crate::report::spreadsheet::ods(&report)?,
            ReportFile::Csv => crate::report::spreadsheet::csv(&report)?,
        };
        if bytes.len() > crate::pdf::reader::MAX_PDF_BYTES {
            return Err(Error::not_allowed(
                "Het rapport zou groter worden dan 20 MB. Er is niets geschreven.",
                "The report would exceed 20 MB. Nothing was written.",
            ));
        }
        crate::base::files::write_atomically(path, &bytes)?;
        progress(Progress { step: "writing".into(), done: 1, total: 1 });
        Ok(())
    }

    /// Adopts the yearly report of `request` as it is computed now: kept with its SHA-256, to be
    /// signed by the chair and the secretary. It never changes after.
    pub fn adopt_report(&mut self, request: PeriodRequest, by: &str) -> Result<AdoptedView> {
        let mut p = Problems::default();
        p.require("by", by, "wie de rapportage vaststelt", "who adopts the report");
        crate::base::text::check_len(&mut p, "by", by, crate::base::text::MAX_LINE);
        p.into_result()?;
        let now = (self.now)();
        if Period::new(request)?.from > now.date() {
            return Err(Error::not_allowed(
                "Deze periode is nog niet begonnen; stel de rapportage vast als er iets te melden is.",
                "This period has not begun; adopt the report once there is something to report.",
            ));
        }
        let report = self.yearly_report(request, &mut |_| {})?;
        if report.provenance.intact == Some(false) {
            return Err(Error::not_allowed(
                "De controle bij openen vond afwijkingen; los die eerst op, dan pas vaststellen.",
                "The check on open found problems; resolve them before adopting the report.",
            ));
        }
        let adopted = AdoptedReport::new(&report, by, now)?;
        let audit = Change::new(by.trim(), format!("jaarrapportage {} vastgesteld", report.period.label_nl()));
        self.store.add_yearly_report(&adopted, &audit)?;
        self.adopted_view(adopted)
    }

    /// The chair or the secretary signs adopted report `id` with their key, opened with
    /// `passphrase`.
    pub fn sign_report(&mut self, id: Uuid, member_id: Uuid, passphrase: &str) -> Result<AdoptedView> {
        let mut adopted = self.adopted(id)?;
        let member = self.store.load_member(member_id)?;
        let log = self.founded_log()?;
        let now = (self.now)();
        let in_office = log.members.get(&member.id).and_then(|m| m.role_at(now));
        if log.difference(&member).is_some() || in_office != Some(member.role) {
            return Err(Error::not_allowed(
                format!(
                    "{} is volgens het ledenlogboek nu geen {}; er is niets ondertekend.",
                    member.name,
                    member.role.label_nl().to_lowercase()
                ),
                format!("{} does not hold that role by the roster log now; nothing was signed.", member.name),
            ));
        }
        let unsealed = self.attempt(&member, |m| {
            m.current_key(now)
                .ok_or_else(|| {
                    Error::not_allowed(
                        format!("{} heeft geen geldige sleutel.", m.name),
                        "This member has no valid key.",
                    )
                })?
                .unseal(passphrase)
        })?;
        let checkpoint = self.store.audit_head()?;
        let signature = adopted.sign(&member, &unsealed, checkpoint, log.founding.clone(), now)?;
        let audit = Change::new(
            &member.name,
            format!("jaarrapportage ondertekend als {}", member.role.label_nl().to_lowercase()),
        );
        self.store.add_report_signature(id, &signature, &audit)?;
        adopted.signatures.push(signature);
        self.adopted_view(adopted)
    }

    /// Every adopted yearly report, newest first, with its signatures checked.
    pub fn adopted_reports(&mut self) -> Result<Vec<AdoptedView>> {
        let mut all = self.store.yearly_reports()?;
        all.reverse();
        all.into_iter().map(|a| self.adopted_view(a)).collect()
    }

    fn adopted(&mut self, id: Uuid) -> Result<AdoptedReport> {
        self.store.yearly_reports()?.into_iter().find(|a| a.id == id).ok_or(Error::NotFound { what: "yearly report" })
    }

    fn adopted_view(&mut self, adopted: AdoptedReport) -> Result<AdoptedView> {
        let roster = self.trusted_roster()?;
        let title = adopted.report().map(|r| r.title).unwrap_or_default();
        let now = (self.now)();
        let missing = adopted.missing_roles();
        let members = if missing.is_empty() { Vec::new() } else { self.store.list_members()? };
        let signers = members
            .iter()
            .filter(|m| missing.contains(&m.role))
            .filter(|m| roster.difference(m).is_none())
            .filter(|m| roster.members.get(&m.id).and_then(|s| s.role_at(now)) == Some(m.role))
            .filter_map(|m| crate::views::Signer::of(m, now))
            .collect();
        Ok(AdoptedView {
            signers,
            checks: adopted.check(&roster),
            missing_roles: adopted.missing_roles(),
            title,
            id: adopted.id,
            period: adopted.period,
            content_hash: adopted.content_hash,
            adopted_at: adopted.adopted_at,
            adopted_by: adopted.adopted_by,
            signatures: adopted.signatures,
        })
    }

    /// Writes adopted report `id` as PDF/A-3b with its signatures (drawn from the report as it
    /// was adopted, not computed again).
    pub fn export_adopted_report(&mut self, id: Uuid, path: &Path) -> Result<()> {
        let fits = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if !path.is_absolute() || !fits {
            let mut p = Problems::default();
            p.add("path", "Kies een bestandsnaam die eindigt op .pdf.", "Choose a file name ending in .pdf.");
            p.into_result()?;
        }
        let adopted = self.adopted(id)?;
        let roster = self.trusted_roster()?;
        let checks = adopted.check(&roster);
        let bytes = crate::pdf::report::render_adopted(&adopted, &checks, crate::pdf::Conformance::A3b)?;
        if bytes.len() > crate::pdf::reader::MAX_PDF_BYTES {
            return Err(Error::not_allowed(
                "Het rapport zou groter worden dan 20 MB. Er is niets geschreven.",
                "The report would exceed 20 MB. Nothing was written.",
            ));
        }
        crate::base::files::write_atomically(path, &bytes)
    }

    /// The file name to suggest for adopted report `id`.
    pub fn suggested_adopted_name(&mut self, id: Uuid) -> Result<String> {
        let adopted = self.adopted(id)?;
        let request = PeriodRequest { year: adopted.period.year, kind: adopted.period.kind };
        Ok(self.suggested_report_name(request, ReportFile::Pdf)?.replace(".pdf", "-vastgesteld.pdf"))
    }

    /// The file name to suggest for the report of `request` as `file`.
    pub fn suggested_report_name(&self, request: PeriodRequest, file: ReportFile) -> Result<String> {
        let period = Period::new(request)?;
        let part = match period.kind {
            PeriodKind::Year => String::new(),
            PeriodKind::FirstHalf => "-eerste-helft".into(),
            PeriodKind::SecondHalf => "-tweede-helft".into(),
        };
        Ok(format!("jaarrapportage-ai-toetsing-{}{part}.{}", period.year, file.extension()))
    }
}
