//! Which questions of the framework apply to a pilot, and why a question does not. The facts
//! come from the AI Act wizard in the proposal; an unknown fact makes the question apply (ask
//! too much rather than too little).

use crate::framework::{AppliesWhen, Question, Text};
use crate::pilot::Proposal;
use crate::wizard::WizardAnswer;

/// What the framework's `applies_when` needs to know about a pilot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub personal_data: Option<bool>,
    pub generative_ai: Option<bool>,
    pub high_risk: Option<bool>,
}

impl Facts {
    /// Computed once per use: it runs the wizard's rules.
    pub fn of(proposal: &Proposal) -> Facts {
        // Only answers on the wizard's current path count (as in its conclusion).
        let counted = crate::wizard::Wizard::builtin().map(|w| w.on_path(&proposal.ai_act)).unwrap_or_default();
        let answer = |id: &str| match counted.get(id) {
            Some(WizardAnswer::Yes) => Some(true),
            Some(WizardAnswer::No) => Some(false),
            _ => None,
        };
        let conclusion = crate::wizard::conclude(&proposal.ai_act).ok().filter(|c| c.complete);
        let outside_the_act = conclusion.as_ref().is_some_and(|c| c.class == crate::wizard::RiskClass::NotApplicable);
        Facts {
            personal_data: answer("persoonsgegevens"),
            // Not an AI system (or excluded): nothing is generated either.
            generative_ai: answer("synthetisch").or(outside_the_act.then_some(false)),
            high_risk: conclusion.and_then(|c| c.high_risk()),
        }
    }

    pub fn applies(self, question: &Question) -> bool {
        reason(question, self).is_none()
    }
}

/// `None` when the question applies; otherwise the reason it does not, for the screen and
/// the PDF.
pub fn reason(question: &Question, facts: Facts) -> Option<Text> {
    let (fact, nl, en) = match question.applies_when {
        AppliesWhen::Always => return None,
        AppliesWhen::PersonalData => (
            facts.personal_data,
            "Geldt alleen als de pilot persoonsgegevens gebruikt. Volgens de beslishulp doet deze pilot dat niet.",
            "Applies only when the pilot uses personal data. According to the wizard it does not.",
        ),
        AppliesWhen::GenerativeAi => (
            facts.generative_ai,
            "Geldt alleen voor generatieve AI. Volgens de beslishulp maakt deze pilot geen tekst, beeld of geluid.",
            "Applies only to generative AI. According to the wizard this pilot generates no text, images or sound.",
        ),
        AppliesWhen::HighRisk => (
            facts.high_risk,
            "Geldt alleen voor AI met hoog risico. Volgens de beslishulp is deze pilot dat niet.",
            "Applies only to high-risk AI. According to the wizard this pilot is not.",
        ),
    };
    (fact == Some(false)).then(|| Text { nl: nl.to_string(), en: en.to_string() })
}
