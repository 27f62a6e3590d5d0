//! The AI Act wizard: its questions, the conclusion drawn from a proposal's answers, and the
//! duty dates in effect (shipped, or a revision the municipality loaded).

use std::path::Path;

use super::{Assessments, ADMINISTRATOR};
use crate::audit::Change;
use crate::base::error::{Error, Result};
use crate::storage::{FrameworkFile, DUTY_DATES_ID};
use crate::views::DutyDatesVersion;
use crate::wizard::{Answers, Conclusion, DutyDates, Wizard};

/// A duty-dates file read and checked whole, before the store is taken. Made only by
/// [`Assessments::check_duty_dates`], so its text and its parsed form belong together.
pub struct CheckedDutyDates {
    file_name: String,
    source: String,
    dates: DutyDates,
}

impl Assessments {
    /// The wizard's questions, as shipped.
    pub fn ai_act_wizard() -> Result<Wizard> {
        Ok(Wizard::builtin()?.clone())
    }

    /// The conclusion the answers give so far (while a project lead answers), with the duty
    /// dates in effect.
    pub fn conclude_ai_act(&mut self, answers: &Answers) -> Result<Conclusion> {
        let dates = self.duty_dates()?;
        crate::wizard::conclude_with(answers, &dates)
    }

    /// The duty dates in effect: the newest version, shipped or loaded.
    pub fn duty_dates(&mut self) -> Result<DutyDates> {
        if self.dates.is_none() {
            let versions = self.duty_dates_versions()?;
            let current = versions.into_iter().find(|v| v.current).ok_or(Error::NotFound { what: "duty dates" })?;
            self.dates = Some(current.dates);
        }
        self.dates.clone().ok_or(Error::NotFound { what: "duty dates" })
    }

    /// Every version of the duty dates, shipped first then loaded, oldest first; the newest
    /// version is the one in effect.
    pub fn duty_dates_versions(&mut self) -> Result<Vec<DutyDatesVersion>> {
        let mut versions =
            vec![DutyDatesVersion { dates: Wizard::dates()?.clone(), loaded_from: None, current: false }];
        for file in self.store.duty_dates_files()? {
            versions.push(DutyDatesVersion {
                dates: DutyDates::parse(&file.file_name, &file.source)?,
                loaded_from: Some(file.file_name),
                current: false,
            });
        }
        let newest = versions.iter().map(|v| v.dates.version_key()).max().flatten();
        if let Some(v) = versions.iter_mut().rev().find(|v| v.dates.version_key() == newest) {
            v.current = true;
        }
        Ok(versions)
    }

    /// Loads a revision of the duty dates: checked whole first; refused when its version is
    /// not newer than every version known (a version, once shipped or loaded, never changes).
    pub fn load_duty_dates(&mut self, file_name: &str, source: &str) -> Result<DutyDatesVersion> {
        self.keep_duty_dates(Self::check_duty_dates(file_name, source)?)
    }

    /// Checks a duty-dates file whole, without the store (see [`CheckedDutyDates`]).
    pub fn check_duty_dates(file_name: &str, source: &str) -> Result<CheckedDutyDates> {
        let dates = DutyDates::parse(file_name, source)?;
        Ok(CheckedDutyDates { file_name: file_name.to_string(), source: source.to_string(), dates })
    }

    /// Keeps a checked revision of the duty dates, unless its version is not newer than every
    /// version known.
    pub fn keep_duty_dates(&mut self, checked: CheckedDutyDates) -> Result<DutyDatesVersion> {
        let CheckedDutyDates { file_name, source, dates } = checked;
        let known = self.duty_dates_versions()?;
        if let Some(newer) = known.iter().find(|v| v.dates.version_key() >= dates.version_key()) {
            return Err(Error::not_allowed(
                format!(
                    "Versie {} van de data bestaat al of is ouder dan versie {}. Een vastgestelde versie verandert nooit: geef de herziening een hoger versienummer.",
                    dates.version, newer.dates.version
                ),
                format!(
                    "Version {} of the dates exists or is older than version {}. Give the revision a higher version number.",
                    dates.version, newer.dates.version
                ),
            ));
        }
        let audit = Change::new(ADMINISTRATOR, format!("data van de plichten {} geladen", dates.version));
        self.store.add_duty_dates_file(
            &FrameworkFile {
                framework_id: DUTY_DATES_ID.to_string(),
                version: dates.version.clone(),
                file_name: file_name.clone(),
                source,
                loaded_at: (self.now)(),
            },
            &audit,
        )?;
        self.dates = None;
        Ok(DutyDatesVersion { dates, loaded_from: Some(file_name), current: true })
    }

    /// Reads a duty-dates file chosen by the user and checks it, without the store: the shell
    /// does this before it takes the store, then keeps it with [`Self::keep_duty_dates`].
    pub fn read_duty_dates_file(path: &Path) -> Result<CheckedDutyDates> {
        let (name, source) = crate::base::files::read_text(path, crate::wizard::MAX_DATES_FILE_BYTES)
            .map_err(|e| Error::BadFile(e.message()))?;
        Self::check_duty_dates(&name, &source)
    }
}
