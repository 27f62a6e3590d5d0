//! Monitoring reports (*monitoringsrapportage*): the project lead answers a short, versioned
//! questionnaire about the pilot since the decision or the last report — changes to data, model,
//! process or context; incidents, complaints and objections; the conditions; the planned end date
//! and exit criteria (after the Algoritmekader's phase *monitoring en beheer* and IAMA §3.7). The
//! committee takes note in a meeting. A report that names a change suggests a re-assessment.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::base::error::{Problems, Result};
use crate::base::text::{check_len, MAX_TEXT};
use crate::framework::Text;

/// The questionnaire's version: a report keeps the version it answered.
pub const QUESTIONNAIRE_VERSION: &str = "2026.1";

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum AnswerKind {
    /// Yes or no; "yes" asks for an explanation.
    YesNo,
    /// Free text.
    Text,
    /// `YYYY-MM-DD`.
    Date,
}

/// One question of the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MonitoringQuestion {
    pub id: &'static str,
    pub text: Text,
    pub help: Text,
    pub kind: AnswerKind,
    /// A "yes" names a change in the pilot: the committee may want to assess it again.
    pub names_a_change: bool,
}

/// The questionnaire of [`QUESTIONNAIRE_VERSION`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    pub version: &'static str,
    pub questions: Vec<MonitoringQuestion>,
}

/// An answer: yes or no (for a yes/no question) and the text (the explanation, the answer, or
/// the date).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportAnswer {
    #[serde(default)]
    pub yes: Option<bool>,
    #[serde(default)]
    pub text: String,
}

/// What the project lead hands in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MonitoringReportInput {
    /// The questionnaire's version the answers are for.
    pub questionnaire: String,
    pub answers: BTreeMap<String, ReportAnswer>,
    pub by: String,
}

fn text(nl: &str, en: &str) -> Text {
    Text { nl: nl.into(), en: en.into() }
}

fn question(
    id: &'static str,
    kind: AnswerKind,
    change: bool,
    q: (&str, &str),
    help: (&str, &str),
) -> MonitoringQuestion {
    MonitoringQuestion { id, text: text(q.0, q.1), help: text(help.0, help.1), kind, names_a_change: change }
}

impl Questionnaire {
    pub fn current() -> Questionnaire {
        use AnswerKind::*;
        Questionnaire {
            version: QUESTIONNAIRE_VERSION,
            questions: vec![
                question(
                    "changes_data",
                    YesNo,
                    true,
                    ("Zijn de gegevens veranderd die de pilot gebruikt?", "Have the data the pilot uses changed?"),
                    (
                        "Andere bronnen, nieuwe soorten persoonsgegevens, een andere periode.",
                        "Other sources, new kinds of personal data, another period.",
                    ),
                ),
                question(
                    "changes_model",
                    YesNo,
                    true,
                    ("Is het model of de software veranderd?", "Has the model or the software changed?"),
                    (
                        "Opnieuw getraind, een nieuwe versie van de leverancier, andere instellingen.",
                        "Retrained, a new version from the vendor, other settings.",
                    ),
                ),
                question(
                    "changes_process",
                    YesNo,
                    true,
                    ("Is het werkproces veranderd?", "Has the work process changed?"),
                    (
                        "Wie de uitkomst gebruikt, hoe medewerkers ermee werken, menselijke controle.",
                        "Who uses the output, how staff work with it, human oversight.",
                    ),
                ),
                question(
                    "changes_context",
                    YesNo,
                    true,
                    ("Is de omgeving veranderd?", "Has the context changed?"),
                    (
                        "Wetgeving, de doelgroep, de leverancier of het contract.",
                        "Legislation, the target group, the vendor or the contract.",
                    ),
                ),
                question(
                    "incidents",
                    YesNo,
                    false,
                    ("Waren er incidenten of fouten?", "Were there incidents or errors?"),
                    (
                        "Ook bijna-incidenten, datalekken en uitkomsten die niet klopten.",
                        "Near misses, data breaches and wrong outcomes too.",
                    ),
                ),
                question(
                    "complaints",
                    YesNo,
                    false,
                    (
                        "Waren er klachten, bezwaren of vragen van inwoners?",
                        "Were there complaints, objections or questions from residents?",
                    ),
                    ("Noem het aantal en waar ze over gingen.", "Give the number and what they were about."),
                ),
                question(
                    "conditions",
                    Text,
                    false,
                    ("Hoe staat het met de voorwaarden van het besluit?", "Where do the decision's conditions stand?"),
                    ("Per voorwaarde: wat is gedaan, wat nog niet.", "Per condition: what is done, what is not."),
                ),
                question(
                    "planned_end",
                    Date,
                    false,
                    ("Wanneer eindigt de pilot volgens plan?", "When does the pilot end as planned?"),
                    (
                        "De datum waarop de pilot stopt of overgaat naar gewoon gebruik.",
                        "The date the pilot stops or moves into regular use.",
                    ),
                ),
                question(
                    "exit_criteria",
                    Text,
                    false,
                    (
                        "Wanneer is de pilot geslaagd, en wanneer stopt hij?",
                        "When has the pilot succeeded, and when does it stop?",
                    ),
                    ("De criteria om door te gaan of te stoppen.", "The criteria to go on or to stop."),
                ),
            ],
        }
    }

    /// Checks a report whole: for this version, every question answered (a "yes" explained, a
    /// date a date), no unknown question, within the text limits.
    pub fn check(&self, input: &MonitoringReportInput) -> Result<()> {
        let mut p = Problems::default();
        if input.questionnaire != self.version {
            p.add(
                "questionnaire",
                format!(
                    "Deze rapportage hoort bij vragenlijst {}; de vragenlijst is nu {}.",
                    input.questionnaire, self.version
                ),
                format!(
                    "This report is for questionnaire {}; the questionnaire is now {}.",
                    input.questionnaire, self.version
                ),
            );
        }
        p.require("by", &input.by, "wie rapporteert", "who reports");
        check_len(&mut p, "by", &input.by, crate::base::text::MAX_LINE);
        if let Some(unknown) = input.answers.keys().find(|k| !self.questions.iter().any(|q| q.id == k.as_str())) {
            p.add("answers", format!("Onbekende vraag: {unknown}."), format!("Unknown question: {unknown}."));
        }
        for q in &self.questions {
            let a = input.answers.get(q.id).cloned().unwrap_or_default();
            check_len(&mut p, q.id, &a.text, MAX_TEXT);
            match q.kind {
                AnswerKind::YesNo => match a.yes {
                    None => p.add(q.id, "Kies ja of nee.", "Choose yes or no."),
                    Some(true) if a.text.trim().is_empty() => {
                        p.add(q.id, "Licht toe wat er was of is veranderd.", "Explain what happened or changed.");
                    }
                    _ => {}
                },
                AnswerKind::Text => p.require(q.id, &a.text, "een antwoord", "an answer"),
                AnswerKind::Date => {
                    if crate::base::text::parse_date(a.text.trim()).is_none() {
                        p.add(q.id, "Geef een datum (jjjj-mm-dd).", "Give a date (yyyy-mm-dd).");
                    }
                }
            }
        }
        p.into_result()
    }
}

/// The questions answered "yes" that name a change in the pilot (by id).
pub fn changes_named(answers: &BTreeMap<String, ReportAnswer>) -> Vec<String> {
    Questionnaire::current()
        .questions
        .iter()
        .filter(|q| q.names_a_change && answers.get(q.id).is_some_and(|a| a.yes == Some(true)))
        .map(|q| q.id.to_string())
        .collect()
}
