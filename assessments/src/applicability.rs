//! Which questions of the framework apply to a pilot, and why a question does not. The facts
//! come from the proposal; an unknown fact makes the question apply (ask too much rather than
//! too little).

use crate::framework::{AppliesWhen, Question, Text};
use crate::model::Proposal;

/// `None` when the question applies; otherwise the reason it does not, for the screen and
/// the PDF.
pub fn not_applicable_reason(question: &Question, proposal: &Proposal) -> Option<Text> {
    let (fact, nl, en) = match question.applies_when {
        AppliesWhen::Always => return None,
        AppliesWhen::PersonalData => (
            proposal.personal_data,
            "Geldt alleen als de pilot persoonsgegevens gebruikt. Volgens het voorstel doet deze pilot dat niet.",
            "Applies only when the pilot uses personal data. According to the proposal it does not.",
        ),
        AppliesWhen::GenerativeAi => (
            proposal.generative_ai,
            "Geldt alleen voor generatieve AI. Volgens het voorstel maakt deze pilot geen tekst, beeld of geluid.",
            "Applies only to generative AI. According to the proposal this pilot generates no text, images or sound.",
        ),
        AppliesWhen::HighRisk => (
            proposal.high_risk,
            "Geldt alleen voor AI met hoog risico. Volgens het voorstel is deze pilot dat niet.",
            "Applies only to high-risk AI. According to the proposal this pilot is not.",
        ),
    };
    (fact == Some(false)).then(|| Text { nl: nl.to_string(), en: en.to_string() })
}

pub fn applies(question: &Question, proposal: &Proposal) -> bool {
    not_applicable_reason(question, proposal).is_none()
}
