//! Which questions of the framework apply to a pilot, and why a question does not. The facts
//! come from the AI Act wizard in the proposal; an unknown fact makes the question apply (ask
//! too much rather than too little).

use crate::framework::{AppliesWhen, Question, Text};
use crate::pilot::Pilot;
use crate::wizard::{Answers, Conclusion, Instrument, RiskClass, WizardAnswer};

/// What the framework's `applies_when` needs to know about a pilot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub personal_data: Option<bool>,
    pub generative_ai: Option<bool>,
    pub high_risk: Option<bool>,
    /// The AI Act requires a fundamental rights impact assessment (art. 27).
    pub fria_required: Option<bool>,
}

impl Facts {
    /// Computed once per use: from the pilot's AI Act conclusion (the one its decision recorded,
    /// or the wizard's now) and the answers on that conclusion's path.
    pub fn of(pilot: &Pilot) -> Facts {
        match pilot.ai_act() {
            Ok(conclusion) => Facts::from(&pilot.proposal.ai_act, &conclusion),
            Err(_) => Facts { personal_data: None, generative_ai: None, high_risk: None, fria_required: None },
        }
    }

    /// Only answers to questions the conclusion asked count, as in the conclusion itself; an
    /// unknown answer leaves the fact open (the question applies).
    pub fn from(answers: &Answers, conclusion: &Conclusion) -> Facts {
        let answer = |id: &str| match answers.get(id) {
            _ if !conclusion.asked.iter().any(|a| a == id) => None,
            Some(WizardAnswer::Yes) => Some(true),
            Some(WizardAnswer::No) => Some(false),
            _ => None,
        };
        let complete = conclusion.complete.then_some(conclusion);
        let outside_the_act = complete.is_some_and(|c| c.class == RiskClass::NotApplicable);
        Facts {
            personal_data: answer("persoonsgegevens"),
            // Not an AI system (or excluded): nothing is generated either.
            generative_ai: answer("synthetisch").or(outside_the_act.then_some(false)),
            high_risk: complete.and_then(|c| c.high_risk()),
            fria_required: complete.map(|c| c.instruments.contains(&Instrument::Fria)),
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
        AppliesWhen::FriaRequired => (
            facts.fria_required,
            "Geldt alleen als de AI-verordening een grondrechteneffectbeoordeling verplicht stelt (art. 27). Volgens de beslishulp is die voor deze pilot niet verplicht; een IAMA kan wel goed gebruik zijn.",
            "Applies only when the AI Act requires a fundamental rights impact assessment (art. 27). According to the wizard it is not required for this pilot; an IAMA may still be good practice.",
        ),
    };
    (fact == Some(false)).then(|| Text { nl: nl.to_string(), en: en.to_string() })
}
