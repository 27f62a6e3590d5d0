//! The AI Act wizard: its questions and the conclusion drawn from a proposal's answers.

use super::Assessments;
use crate::base::error::Result;
use crate::wizard::{Answers, Conclusion, Wizard};

impl Assessments {
    /// The wizard's questions, as shipped.
    pub fn ai_act_wizard() -> Result<Wizard> {
        Ok(Wizard::builtin()?.clone())
    }

    /// The conclusion the answers give so far (while a project lead answers).
    pub fn conclude_ai_act(answers: &Answers) -> Result<Conclusion> {
        crate::wizard::conclude(answers)
    }
}
