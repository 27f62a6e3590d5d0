//! The AI Act wizard (*beslishulp AI-verordening*): its questions are data
//! (`assessments/wizard/ai-act.toml`), the dates the duties apply are configuration
//! (`assessments/wizard/dates.toml`), and this module turns the answers into a conclusion —
//! class, role, duties, instruments — with the reasons: which answers led there.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};
use crate::framework::Text;

/// An answer in the wizard. "Weet ik niet" is an answer too: the rules then take the careful
/// side and say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum WizardAnswer {
    Yes,
    No,
    Unknown,
}

impl WizardAnswer {
    pub fn label_nl(self) -> &'static str {
        match self {
            WizardAnswer::Yes => "Ja",
            WizardAnswer::No => "Nee",
            WizardAnswer::Unknown => "Weet ik niet",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct AskWhen {
    pub question: String,
    pub answer: WizardAnswer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct WizardQuestion {
    pub id: String,
    pub text: Text,
    pub help: Text,
    pub article: String,
    #[serde(default)]
    pub ask_when: Vec<AskWhen>,
    /// How "weet ik niet" counts: as yes (the default), or as no for a question whose yes
    /// lowers the class (an exception). Either way the careful side.
    #[serde(default = "careful_default")]
    pub if_unknown: WizardAnswer,
}

fn careful_default() -> WizardAnswer {
    WizardAnswer::Yes
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Wizard {
    pub version: String,
    pub questions: Vec<WizardQuestion>,
    /// Questions of earlier versions, no longer asked: an answer to one (in a draft or a
    /// proposal file made before) is set aside, not refused.
    #[serde(default)]
    pub retired: Vec<String>,
}

/// One date from which duties apply, with the legal text that sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct DutyDate {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The legal text that sets the date (article, or the amending act), as a Dutch reader
    /// cites it; decisions keep this one.
    pub source: String,
    /// The same citation for the English screens. Optional (a file without it shows the Dutch
    /// one), and left out when writing, so a file without it is written as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_en: Option<String>,
    /// Whether that text is in force; `false` while it is agreed but not yet published.
    pub source_in_force: bool,
}

/// When the duties apply (`dates.toml`): a versioned revision, loaded like a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct DutyDates {
    pub version: String,
    pub in_force: DutyDate,
    pub ai_literacy: DutyDate,
    pub prohibited_practices: DutyDate,
    pub general_purpose_ai: DutyDate,
    pub transparency: DutyDate,
    pub high_risk_annex_iii: DutyDate,
    pub high_risk_annex_i: DutyDate,
    pub public_legacy: DutyDate,
    /// The GDPR (for the DPIA).
    pub gdpr: DutyDate,
}

/// The largest duty-dates file read; the shipped one is about 2 kB.
pub const MAX_DATES_FILE_BYTES: usize = 64 * 1024;

impl DutyDates {
    /// Parses and checks a duty-dates file: every date a real `YYYY-MM-DD`, every source named
    /// (at most 300 characters), a version of numbers and dots. `file` names it in messages.
    pub fn parse(file: &str, source: &str) -> Result<DutyDates> {
        let fail = |field: &str, problem: &str| {
            Error::BadFile(crate::base::error::Message::new(
                format!("Het bestand met data {file} klopt niet bij '{field}': {problem}. Er is niets geladen."),
                format!("The dates file {file} is invalid at '{field}': {problem}. Nothing was loaded."),
            ))
        };
        if source.len() > MAX_DATES_FILE_BYTES {
            return Err(fail("-", "het bestand is te groot (meer dan 64 kB) / the file is too large (over 64 kB)"));
        }
        if source.contains('\0') {
            return Err(fail("-", "ongeldig teken (NUL) / invalid character (NUL)"));
        }
        let de = toml::Deserializer::parse(source).map_err(|e| fail("-", &e.to_string()))?;
        let dates: DutyDates = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            fail(if field.is_empty() || field == "." { "-" } else { &field }, &e.inner().to_string())
        })?;
        if dates.version_key().is_none() || dates.version.len() > 20 {
            return Err(fail("version", "geen versie als 2026.3 / not a version like 2026.3"));
        }
        for (key, date) in dates.entries() {
            if crate::base::text::parse_date(&date.date).is_none() {
                return Err(fail(&format!("{key}.date"), "geen datum als 2027-12-02 / not a date like 2027-12-02"));
            }
            let bad =
                |text: &str| text.trim().is_empty() || text.chars().count() > 300 || text.chars().any(char::is_control);
            if bad(&date.source) || date.source_en.as_deref().is_some_and(bad) {
                return Err(fail(
                    &format!("{key}.source"),
                    "noem de wettelijke bron in één regel van hooguit 300 tekens / name the legal source in one line of at most 300 characters",
                ));
            }
        }
        Ok(dates)
    }

    /// The version as numbers, to compare: `2026.10` comes after `2026.9`.
    pub fn version_key(&self) -> Option<Vec<u64>> {
        self.version.split('.').map(|part| part.parse::<u64>().ok()).collect()
    }

    /// Every date with its name in the file.
    pub fn entries(&self) -> [(&'static str, &DutyDate); 9] {
        [
            ("in_force", &self.in_force),
            ("ai_literacy", &self.ai_literacy),
            ("prohibited_practices", &self.prohibited_practices),
            ("general_purpose_ai", &self.general_purpose_ai),
            ("transparency", &self.transparency),
            ("high_risk_annex_iii", &self.high_risk_annex_iii),
            ("high_risk_annex_i", &self.high_risk_annex_i),
            ("public_legacy", &self.public_legacy),
            ("gdpr", &self.gdpr),
        ]
    }
}

pub type Answers = BTreeMap<String, WizardAnswer>;

const WIZARD_FILE: &str = include_str!("../../wizard/ai-act.toml");
const DATES_FILE: &str = include_str!("../../wizard/dates.toml");

/// The ids the rules (`conclusion.rs`) read. A test checks each exists in the data file.
pub const RULE_IDS: &[&str] = &[
    "algoritme",
    "ai_systeem",
    "hulp_geleerd",
    "hulp_regels",
    "uitgesloten",
    "ontwikkelt",
    "aangepast",
    "gebruikt",
    "in_gebruik",
    "algemeen_model",
    "verboden_manipulatie",
    "verboden_kwetsbaarheid",
    "verboden_sociale_score",
    "verboden_criminaliteit",
    "verboden_gezichten",
    "verboden_emotie",
    "uitzondering_emotie",
    "verboden_categorisering",
    "verboden_realtime",
    "uitzondering_realtime",
    "bijlage_i",
    "bijlage_iii_biometrie",
    "emotieherkenning",
    "biometrische_indeling",
    "bijlage_iii_infrastructuur",
    "bijlage_iii_onderwijs",
    "bijlage_iii_werk",
    "bijlage_iii_voorzieningen",
    "bijlage_iii_krediet",
    "bijlage_iii_noodhulp",
    "bijlage_iii_handhaving",
    "bijlage_iii_migratie",
    "bijlage_iii_democratie",
    "profilering",
    "uitzondering_smalle_taak",
    "uitzondering_verbetering",
    "uitzondering_patronen",
    "uitzondering_voorbereidend",
    "werkplek",
    "interactie",
    "interactie_duidelijk",
    "synthetisch",
    "deepfake",
    "tekst_publiek",
    "tekst_redactie",
    "persoonsgegevens",
    "dpia_ap_lijst",
    "dpia_beoordeling",
    "dpia_automatisch",
    "dpia_monitoring",
    "dpia_gevoelig",
    "dpia_grote_schaal",
    "dpia_koppeling",
    "dpia_kwetsbaar",
    "dpia_innovatief",
    "dpia_uitsluiting",
    "impactvol",
];

/// The Annex III areas, each one question. Point 2 (critical infrastructure) is the one outside
/// the fundamental rights impact assessment and the deployer's EU registration (art. 27(1),
/// 49(3)).
const ANNEX_III: &[&str] = &[
    "bijlage_iii_biometrie",
    "emotieherkenning",
    "bijlage_iii_infrastructuur",
    "bijlage_iii_onderwijs",
    "bijlage_iii_werk",
    "bijlage_iii_voorzieningen",
    "bijlage_iii_krediet",
    "bijlage_iii_noodhulp",
    "bijlage_iii_handhaving",
    "bijlage_iii_migratie",
    "bijlage_iii_democratie",
];

impl Wizard {
    /// The wizard shipped with the app. Checked by the tests, so a failure is a build mistake.
    pub fn builtin() -> Result<&'static Wizard> {
        static WIZARD: OnceLock<std::result::Result<Wizard, String>> = OnceLock::new();
        WIZARD
            .get_or_init(|| toml::from_str(WIZARD_FILE).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Internal(format!("ai-act.toml: {e}")))
    }

    /// The duty dates shipped with the app.
    pub fn dates() -> Result<&'static DutyDates> {
        static DATES: OnceLock<std::result::Result<DutyDates, String>> = OnceLock::new();
        DATES
            .get_or_init(|| DutyDates::parse("dates.toml", DATES_FILE).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Internal(format!("dates.toml: {e}")))
    }

    /// How "weet ik niet" counts for question `id`: yes unless the question says otherwise.
    pub fn careful_side(&self, id: &str) -> WizardAnswer {
        self.questions.iter().find(|q| q.id == id).map(|q| q.if_unknown).unwrap_or(WizardAnswer::Yes)
    }

    /// A question whose "weet ik niet" opens helper questions: the helpers decide, not it.
    pub fn has_helpers(&self, id: &str) -> bool {
        self.questions.iter().flat_map(|q| &q.ask_when).any(|c| c.question == id && c.answer == WizardAnswer::Unknown)
    }

    /// Whether `id` is a question of this wizard, now or in an earlier version.
    pub fn knows(&self, id: &str) -> bool {
        self.questions.iter().any(|q| q.id == id) || self.retired.iter().any(|r| r == id)
    }

    /// The questions to ask now, in order, given the answers so far.
    pub fn asked<'w>(&'w self, answers: &Answers) -> Vec<&'w WizardQuestion> {
        let facts = Facts::of(self, answers);
        self.questions.iter().filter(|q| q.ask_when.iter().all(|c| facts.holds(&c.question, c.answer))).collect()
    }

    /// The answers that count: those to questions on the current path. An answer to a question
    /// no longer asked (an earlier answer changed the path) is set aside, also when it opened
    /// the path to others; repeated until nothing more falls away.
    pub fn on_path(&self, answers: &Answers) -> Answers {
        let mut counted = answers.clone();
        for _ in 0..=self.questions.len() {
            let asked: Vec<&str> = self.asked(&counted).iter().map(|q| q.id.as_str()).collect();
            let next: Answers =
                answers.iter().filter(|(id, _)| asked.contains(&id.as_str())).map(|(k, v)| (k.clone(), *v)).collect();
            if next == counted {
                break;
            }
            counted = next;
        }
        counted
    }
}

/// The answers plus the derived facts the `ask_when` lists may refer to. An unknown answer
/// counts on the careful side: as the question's `if_unknown` says.
struct Facts<'a> {
    answers: &'a Answers,
    wizard: &'a Wizard,
}

impl<'a> Facts<'a> {
    fn of(wizard: &'a Wizard, answers: &'a Answers) -> Self {
        Self { answers, wizard }
    }

    fn get(&self, id: &str) -> Option<WizardAnswer> {
        self.answers.get(id).copied()
    }

    /// Answered yes, or "weet ik niet" where the careful side is yes.
    fn counts(&self, id: &str) -> bool {
        match self.get(id) {
            Some(WizardAnswer::Yes) => true,
            Some(WizardAnswer::No) | None => false,
            Some(WizardAnswer::Unknown) => self.wizard.careful_side(id) == WizardAnswer::Yes,
        }
    }

    /// Is it an AI system? Unclear answers count as yes: better to check too much.
    fn ai_system(&self) -> bool {
        if !self.counts("algoritme") {
            return false;
        }
        match self.get("ai_systeem") {
            Some(WizardAnswer::Yes) => true,
            Some(WizardAnswer::No) => false,
            Some(WizardAnswer::Unknown) | None => self.counts("hulp_geleerd") || !self.counts("hulp_regels"),
        }
    }

    fn in_scope(&self) -> bool {
        self.ai_system() && !self.counts("uitgesloten")
    }

    /// Emotion recognition allowed at work or school for medical or safety reasons: still
    /// emotion recognition (annex III 1(c), art. 50(3)).
    fn excepted_emotion(&self) -> bool {
        self.counts("verboden_emotie") && self.counts("uitzondering_emotie")
    }

    /// The annex III areas that count, in order.
    fn annex_iii_areas(&self) -> Vec<&'static str> {
        let mut areas: Vec<&'static str> = ANNEX_III.iter().copied().filter(|id| self.counts(id)).collect();
        if self.excepted_emotion() && !areas.contains(&"emotieherkenning") {
            areas.insert(0, "verboden_emotie");
        }
        areas
    }

    fn annex_iii(&self) -> bool {
        !self.annex_iii_areas().is_empty()
    }

    fn holds(&self, id: &str, answer: WizardAnswer) -> bool {
        let derived = match id {
            "ai_system" => Some(self.ai_system()),
            "ai" => Some(self.in_scope()),
            "bijlage_iii" => Some(self.annex_iii()),
            "bijlage" => Some(self.counts("bijlage_i") || self.annex_iii()),
            _ => None,
        };
        match (derived, answer) {
            (Some(value), _) => (answer == WizardAnswer::Yes) == value,
            (None, WizardAnswer::Unknown) => self.get(id) == Some(WizardAnswer::Unknown),
            (None, WizardAnswer::Yes) => self.counts(id),
            (None, WizardAnswer::No) => self.get(id).is_some() && !self.counts(id),
        }
    }
}

/// *Risicoklasse*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RiskClass {
    /// The AI Act does not apply (no algorithm, no AI system, or excluded).
    NotApplicable,
    Prohibited,
    HighRisk,
    /// Transparency duties (art. 50), often called limited risk.
    Transparency,
    Minimal,
}

impl RiskClass {
    pub fn label_nl(self) -> &'static str {
        match self {
            RiskClass::NotApplicable => "AI-verordening niet van toepassing",
            RiskClass::Prohibited => "Verboden",
            RiskClass::HighRisk => "Hoog risico",
            RiskClass::Transparency => "Transparantieverplichting (beperkt risico)",
            RiskClass::Minimal => "Minimaal risico",
        }
    }
}

/// The municipality's role under the AI Act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum AiRole {
    /// *gebruiksverantwoordelijke*
    Deployer,
    /// *aanbieder*
    Provider,
    ProviderAndDeployer,
}

impl AiRole {
    pub fn label_nl(self) -> &'static str {
        match self {
            AiRole::Deployer => "Gebruiksverantwoordelijke",
            AiRole::Provider => "Aanbieder",
            AiRole::ProviderAndDeployer => "Aanbieder en gebruiksverantwoordelijke",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Duty {
    pub text: Text,
    pub article: String,
    /// `YYYY-MM-DD` from which the duty applies.
    pub applies_from: String,
    /// The legal text that sets that date, and whether it is in force.
    pub date_source: String,
    pub date_source_in_force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RegisterCategory {
    /// A: high-risk AI system.
    A,
    /// B: impactful algorithm.
    B,
    /// C: other.
    C,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Instrument {
    /// DPIA, AVG art. 35.
    Dpia,
    /// Fundamental-rights impact assessment, AI Act art. 27 (the IAMA): required.
    Fria,
    /// An IAMA as good practice for a high-risk system art. 27 does not cover (annex I, or
    /// annex III point 2 only).
    IamaRecommended,
    /// Fewer than two DPIA criteria: record why no DPIA is needed (GDPR art. 5(2)).
    DpiaReasoning,
    /// Publication in the Algoritmeregister.
    Register { category: RegisterCategory },
    /// Notices to people under art. 50.
    TransparencyNotice,
}

impl Instrument {
    pub fn label_nl(&self) -> String {
        match self {
            Instrument::Dpia => "DPIA (AVG art. 35)".into(),
            Instrument::Fria => "Grondrechteneffectbeoordeling / IAMA (AI-verordening art. 27)".into(),
            Instrument::IamaRecommended => "IAMA aanbevolen als goede praktijk (niet verplicht volgens art. 27)".into(),
            Instrument::DpiaReasoning => "Vastleggen waarom geen DPIA nodig is (AVG art. 35 en art. 5 lid 2)".into(),
            Instrument::Register { category } => {
                let c = match category {
                    RegisterCategory::A => "A",
                    RegisterCategory::B => "B",
                    RegisterCategory::C => "C",
                };
                format!("Registratie in het Algoritmeregister (categorie {c})")
            }
            Instrument::TransparencyNotice => "Melding aan betrokkenen (AI-verordening art. 50)".into(),
        }
    }
}

/// Why the conclusion is what it is: the answer that led there and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    pub question_id: String,
    pub answer: WizardAnswer,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Conclusion {
    pub wizard_version: String,
    /// The version of the duty dates (`dates.toml`) the conclusion was drawn with.
    pub dates_version: String,
    /// Every question asked has an answer.
    pub complete: bool,
    /// The questions to ask, given the answers so far, in order.
    pub asked: Vec<String>,
    /// Questions asked but not yet answered, in order.
    pub open: Vec<String>,
    /// Answers given to questions no longer asked: set aside, they do not count.
    pub set_aside: Vec<String>,
    /// "Weet ik niet" answers that decide the class: answered the other way, the class would
    /// be lower. While one is open the committee can only postpone or decide negatively.
    pub deciding_unknowns: Vec<String>,
    pub class: RiskClass,
    /// Art. 50 duties apply (also next to high risk).
    pub transparency: bool,
    pub role: Option<AiRole>,
    pub duties: Vec<Duty>,
    pub instruments: Vec<Instrument>,
    pub reasons: Vec<Reason>,
}

impl Conclusion {
    /// What the review needs to know: `Some(true)` high-risk, `Some(false)` not, `None` while
    /// the wizard is incomplete.
    pub fn high_risk(&self) -> Option<bool> {
        self.complete.then_some(self.class == RiskClass::HighRisk)
    }
}

mod conclusion;

pub use conclusion::{conclude, conclude_with};
