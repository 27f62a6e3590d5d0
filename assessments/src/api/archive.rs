//! The transfer package for the archive (see [`crate::archive`]).

use std::path::Path;

use time::OffsetDateTime;
use uuid::Uuid;

use super::Assessments;
use crate::archive::package::{self, Entry, Request, Summary};
use crate::archive::ArchiveSettings;
use crate::audit::Change;
use crate::base::error::{Error, Problems, Result};
use crate::report::{Period, PeriodRequest, Progress};

/// A signed decision the package of a period holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TransferDecision {
    pub id: Uuid,
    pub title: String,
    pub outcome: crate::pilot::Outcome,
    pub round: u32,
    /// The last signature: when the record became final.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub signed_at: OffsetDateTime,
}

/// What a package of the period would hold, and with which settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TransferPreview {
    pub period: Period,
    pub decisions: Vec<TransferDecision>,
    pub settings: ArchiveSettings,
    /// The *archiefvormer* when the settings name none.
    pub municipality: String,
}

/// The package written, and the check of it as `ai-toets-verify --bag` does it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TransferResult {
    pub summary: Summary,
    /// Everything holds and the package's roster confirms every signer.
    pub verified: bool,
    /// What does not hold (Dutch).
    pub problems: Vec<String>,
    /// The roster's founding hash, to compare with the published roster.
    pub roster_founding: String,
}

impl Assessments {
    /// How the decisions are filed in the archive; the defaults until the records manager
    /// saves them.
    pub fn archive_settings(&mut self) -> Result<ArchiveSettings> {
        match self.store.archive_settings()? {
            Some(value) => serde_json::from_value(value).map_err(|e| Error::Internal(format!("archive settings: {e}"))),
            None => Ok(ArchiveSettings::default()),
        }
    }

    /// Saves how the decisions are filed in the archive, once they are complete.
    pub fn set_archive_settings(&mut self, settings: ArchiveSettings, by: &str) -> Result<ArchiveSettings> {
        let mut p = Problems::default();
        p.require("by", by, "wie de instellingen wijzigt", "who changes the settings");
        crate::base::text::check_len(&mut p, "by", by, crate::base::text::MAX_LINE);
        p.into_result()?;
        settings.check()?;
        let value = serde_json::to_value(&settings).map_err(|e| Error::Internal(e.to_string()))?;
        let change = Change::new(by.trim(), "archiefinstellingen gewijzigd");
        let now = (self.now)();
        self.store.save_archive_settings(&value, &change, now)?;
        Ok(settings)
    }

    /// Every signed decision whose last signature falls in the period, oldest first.
    fn transfer_decisions(&mut self, period: Period) -> Result<Vec<crate::pilot::Pilot>> {
        let signed: Vec<Uuid> =
            self.store.list()?.into_iter().filter(|s| s.status == crate::pilot::Status::Signed).map(|s| s.id).collect();
        let mut out = Vec::new();
        for id in signed {
            let pilot = self.store.load(id)?;
            let done = pilot.signatures.iter().map(|s| s.signed_at).max();
            if done.is_some_and(|d| period.contains(d.date())) {
                out.push(pilot);
            }
        }
        out.sort_by_key(|p| (p.signatures.iter().map(|s| s.signed_at).max(), p.id));
        Ok(out)
    }

    /// What the package of `request` would hold.
    pub fn transfer_preview(&mut self, request: PeriodRequest) -> Result<TransferPreview> {
        let period = Period::new(request)?;
        let decisions = self
            .transfer_decisions(period)?
            .into_iter()
            .filter_map(|p| {
                Some(TransferDecision {
                    id: p.id,
                    title: p.proposal.title.clone(),
                    outcome: p.decision.as_ref()?.outcome,
                    round: p.reassesses.as_ref().map_or(1, |r| r.round),
                    signed_at: p.signatures.iter().map(|s| s.signed_at).max()?,
                })
            })
            .collect();
        Ok(TransferPreview {
            period,
            decisions,
            settings: self.archive_settings()?,
            municipality: self.municipality_name()?,
        })
    }

    /// The folder name to suggest for the package of `request`.
    pub fn suggested_package_name(&self, request: PeriodRequest) -> Result<String> {
        let period = Period::new(request)?;
        Ok(format!("ai-toets-overdracht-{}", period.label_nl().to_lowercase().replace(' ', "-")))
    }

    /// Writes the transfer package of `request` as a BagIt folder at `path` (which must not
    /// exist yet), validated by `official`, then checks it as `ai-toets-verify --bag` does.
    /// A decision changed outside AI-toets stops it: nothing is written.
    pub fn export_transfer_package(
        &mut self,
        request: PeriodRequest,
        official: &str,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<TransferResult> {
        let summary = self.write_transfer_package(request, official, path, progress)?;
        let report = package::verify(path, None, &mut |p| progress(Progress { step: "checking".into(), ..p }))?;
        let mut problems: Vec<String> = report.bag.iter().map(|m| m.nl.clone()).collect();
        problems.extend(report.decisions.iter().flat_map(|d| d.problems.iter().map(|m| m.nl.clone())));
        if report.roster.is_none() {
            problems.push("De commissie heeft geen ledenlijst: de ondertekenaars zijn niet bevestigd.".into());
        }
        Ok(TransferResult {
            summary,
            verified: report.holds() == crate::pdf::verify::Verdict::Valid,
            problems,
            roster_founding: report.roster.map(|r| r.0).unwrap_or_default(),
        })
    }

    /// [`Self::export_transfer_package`] without the check after writing.
    pub fn write_transfer_package(
        &mut self,
        request: PeriodRequest,
        official: &str,
        path: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Summary> {
        let mut p = Problems::default();
        p.require(
            "official",
            official,
            "de naam van de verantwoordelijke ambtenaar",
            "the responsible official's name",
        );
        crate::base::text::check_len(&mut p, "official", official, crate::base::text::MAX_LINE);
        if !path.is_absolute() {
            p.add("path", "Kies een map om het pakket in te maken.", "Choose a folder to make the package in.");
        }
        p.into_result()?;
        let period = Period::new(request)?;
        let settings = self.archive_settings()?;
        settings.check()?;
        let pilots = self.transfer_decisions(period)?;
        let mut entries = Vec::with_capacity(pilots.len());
        for pilot in pilots {
            // As the pilot's view says it (`changed_outside`), without the rest of the view.
            let recorded = self.store.last_state_hash(&format!("pilot:{}", pilot.id))?;
            if recorded.as_deref() != Some(crate::audit::state_hash(&pilot)?.as_str()) {
                return Err(Error::not_allowed(
                    format!(
                        "Het besluit over ‘{}’ is buiten AI-toets om gewijzigd; er is geen pakket gemaakt. Draai de controle.",
                        pilot.proposal.title
                    ),
                    "A decision was changed outside AI-toets; no package was made. Run the check.",
                ));
            }
            let files = self.relied_on_files(&pilot)?;
            let framework = self.registry()?.find(&pilot.framework)?.clone();
            entries.push(Entry { framework, files, pilot });
        }
        let roster = self.roster_file()?;
        let roster = (!roster.log.is_empty())
            .then(|| serde_json::to_string_pretty(&roster))
            .transpose()
            .map_err(|e| Error::Internal(e.to_string()))?;
        let municipality = self.municipality_name()?;
        let request = Request {
            period,
            municipality: &municipality,
            settings: &settings,
            official: official.trim(),
            roster: roster.as_deref().map(str::as_bytes),
            now: (self.now)(),
        };
        package::build(&entries, &request, path, progress)
    }
}
