//! The intake form: the fields beyond the basics, by section.

use super::Assessments;
use crate::intake::{fields, IntakeSection, SECTIONS};

impl Assessments {
    /// The intake form as the proposal screen draws it.
    pub fn intake_form() -> Vec<IntakeSection> {
        let all = fields();
        SECTIONS
            .iter()
            .map(|(key, nl, en)| IntakeSection {
                key: key.to_string(),
                title: nl.to_string(),
                title_en: en.to_string(),
                fields: all.iter().filter(|f| f.section == *key).cloned().collect(),
            })
            .collect()
    }
}
