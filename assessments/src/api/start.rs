//! The start screen on a new installation: the first steps, each ticked off when done, and the
//! municipality's name.

use super::{Assessments, ADMINISTRATOR, ORGANIZATION};
use crate::audit::Change;
use crate::base::error::{Problems, Result};
use crate::views::FirstSteps;

/// The register's limit on an organisation's name.
const MAX_MUNICIPALITY: usize = 99;

impl Assessments {
    /// What a new installation still needs: the municipality's name, a committee founded with
    /// its keys (no one can sign before), the framework in force, a first proposal.
    pub fn first_steps(&mut self) -> Result<FirstSteps> {
        let municipality = self.store.municipality()?;
        let committee_founded = self.roster_status(None)?.founded;
        let today = (self.now)().date();
        let framework = self.registry()?.current_on(today).ok().map(|f| crate::framework::Text {
            nl: format!("{} {}", f.title.nl, f.version),
            en: format!("{} {}", f.title.en, f.version),
        });
        let has_pilots = !self.store.list()?.is_empty();
        Ok(FirstSteps {
            done: municipality.is_some() && committee_founded && has_pilots,
            municipality,
            suggested_municipality: ORGANIZATION.to_string(),
            committee_founded,
            framework,
            has_pilots,
        })
    }

    /// Sets the municipality's name (the register export's organisation; the start screen).
    pub fn set_municipality(&mut self, name: &str) -> Result<FirstSteps> {
        let name = name.trim();
        let mut p = Problems::default();
        p.require("municipality", name, "de naam van de gemeente", "the municipality's name");
        crate::base::text::check_len(&mut p, "municipality", name, MAX_MUNICIPALITY);
        p.into_result()?;
        let change = Change::new(ADMINISTRATOR, format!("naam van de gemeente: {name}"));
        let now = (self.now)();
        self.store.save_municipality(name, &change, now)?;
        self.first_steps()
    }

    /// The municipality's name as set, or the one AI-toets was made for.
    pub(super) fn municipality_name(&mut self) -> Result<String> {
        Ok(self.store.municipality()?.unwrap_or_else(|| ORGANIZATION.to_string()))
    }
}
