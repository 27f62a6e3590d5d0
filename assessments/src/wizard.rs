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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Wizard {
    pub version: String,
    pub questions: Vec<WizardQuestion>,
}

/// When the duties apply (from `dates.toml`), as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct DutyDates {
    pub in_force: String,
    pub ai_literacy: String,
    pub prohibited_practices: String,
    pub general_purpose_ai: String,
    pub transparency: String,
    pub high_risk_annex_iii: String,
    pub high_risk_annex_i: String,
    pub public_legacy: String,
}

pub type Answers = BTreeMap<String, WizardAnswer>;

const WIZARD_FILE: &str = include_str!("../wizard/ai-act.toml");
const DATES_FILE: &str = include_str!("../wizard/dates.toml");

/// The ids the rules below read. A test checks each exists in the data file.
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
    "bijlage_iii_infrastructuur",
    "bijlage_iii_onderwijs",
    "bijlage_iii_werk",
    "bijlage_iii_voorzieningen",
    "bijlage_iii_noodhulp",
    "bijlage_iii_handhaving",
    "bijlage_iii_migratie",
    "bijlage_iii_democratie",
    "profilering",
    "uitzondering_smalle_taak",
    "uitzondering_verbetering",
    "uitzondering_patronen",
    "uitzondering_voorbereidend",
    "interactie",
    "interactie_duidelijk",
    "synthetisch",
    "deepfake",
    "tekst_publiek",
    "tekst_redactie",
    "persoonsgegevens",
    "dpia_criteria",
    "impactvol",
];

const ANNEX_III: &[&str] = &[
    "bijlage_iii_biometrie",
    "bijlage_iii_infrastructuur",
    "bijlage_iii_onderwijs",
    "bijlage_iii_werk",
    "bijlage_iii_voorzieningen",
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

    pub fn dates() -> Result<&'static DutyDates> {
        static DATES: OnceLock<std::result::Result<DutyDates, String>> = OnceLock::new();
        DATES
            .get_or_init(|| toml::from_str(DATES_FILE).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Internal(format!("dates.toml: {e}")))
    }

    /// The questions to ask now, in order, given the answers so far.
    pub fn asked<'w>(&'w self, answers: &Answers) -> Vec<&'w WizardQuestion> {
        let facts = Facts::of(answers);
        self.questions.iter().filter(|q| q.ask_when.iter().all(|c| facts.holds(&c.question, c.answer))).collect()
    }
}

/// The answers plus the derived facts the `ask_when` lists may refer to.
struct Facts<'a> {
    answers: &'a Answers,
}

impl<'a> Facts<'a> {
    fn of(answers: &'a Answers) -> Self {
        Self { answers }
    }

    fn get(&self, id: &str) -> Option<WizardAnswer> {
        self.answers.get(id).copied()
    }

    fn yes(&self, id: &str) -> bool {
        self.get(id) == Some(WizardAnswer::Yes)
    }

    /// Is it an AI system? Unclear answers count as yes: better to check too much.
    fn ai_system(&self) -> bool {
        if !self.yes("algoritme") {
            return false;
        }
        match self.get("ai_systeem") {
            Some(WizardAnswer::Yes) => true,
            Some(WizardAnswer::No) => false,
            Some(WizardAnswer::Unknown) | None => self.yes("hulp_geleerd") || !self.yes("hulp_regels"),
        }
    }

    fn in_scope(&self) -> bool {
        self.ai_system() && !self.yes("uitgesloten")
    }

    fn annex_iii(&self) -> bool {
        ANNEX_III.iter().any(|id| self.yes(id))
    }

    fn holds(&self, id: &str, answer: WizardAnswer) -> bool {
        let derived = match id {
            "ai_system" => Some(self.ai_system()),
            "ai" => Some(self.in_scope()),
            "bijlage_iii" => Some(self.annex_iii()),
            _ => None,
        };
        match derived {
            Some(value) => (answer == WizardAnswer::Yes) == value,
            None => self.get(id) == Some(answer),
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Duty {
    pub text: Text,
    pub article: String,
    /// `YYYY-MM-DD` from which the duty applies.
    pub applies_from: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Instrument {
    /// DPIA, AVG art. 35.
    Dpia,
    /// Fundamental-rights impact assessment, AI Act art. 27 (the IAMA).
    Fria,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    pub question_id: String,
    pub answer: WizardAnswer,
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Conclusion {
    pub wizard_version: String,
    /// Every question asked has an answer.
    pub complete: bool,
    /// The questions to ask, given the answers so far, in order.
    pub asked: Vec<String>,
    /// Questions asked but not yet answered, in order.
    pub open: Vec<String>,
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

fn t(nl: &str, en: &str) -> Text {
    Text { nl: nl.to_string(), en: en.to_string() }
}

struct Builder<'a> {
    facts: Facts<'a>,
    duties: Vec<Duty>,
    reasons: Vec<Reason>,
}

impl Builder<'_> {
    fn because(&mut self, id: &str, nl: &str, en: &str) {
        let answer = self.facts.get(id).unwrap_or(WizardAnswer::Unknown);
        self.reasons.push(Reason { question_id: id.to_string(), answer, text: t(nl, en) });
    }

    fn duty(&mut self, nl: &str, en: &str, article: &str, from: &str) {
        self.duties.push(Duty { text: t(nl, en), article: article.to_string(), applies_from: from.to_string() });
    }
}

/// Turns the answers into a conclusion.
pub fn conclude(answers: &Answers) -> Result<Conclusion> {
    let wizard = Wizard::builtin()?;
    let dates = Wizard::dates()?;
    let asked: Vec<String> = wizard.asked(answers).into_iter().map(|q| q.id.clone()).collect();
    let open: Vec<String> = asked.iter().filter(|id| !answers.contains_key(*id)).cloned().collect();
    let mut b = Builder { facts: Facts::of(answers), duties: Vec::new(), reasons: Vec::new() };
    let f = |b: &Builder<'_>, id: &str| b.facts.yes(id);

    let mut instruments = Vec::new();
    let mut role = None;
    let mut transparency = false;

    let class = if !f(&b, "algoritme") {
        b.because(
            "algoritme",
            "Er is geen algoritme: de AI-verordening geldt niet.",
            "There is no algorithm: the AI Act does not apply.",
        );
        RiskClass::NotApplicable
    } else if !b.facts.ai_system() {
        if b.facts.get("ai_systeem") == Some(WizardAnswer::No) {
            b.because(
                "ai_systeem",
                "Het is geen AI-systeem: de AI-verordening geldt niet; de AVG en het Algoritmeregister wel.",
                "It is not an AI system: the AI Act does not apply; the GDPR and the algorithm register do.",
            );
        } else {
            b.because(
                "hulp_regels",
                "Alle regels zijn door mensen geschreven: geen AI-systeem.",
                "All rules are written by people: not an AI system.",
            );
        }
        RiskClass::NotApplicable
    } else if f(&b, "uitgesloten") {
        b.because(
            "uitgesloten",
            "Alleen onderzoek, defensie of nationale veiligheid: uitgezonderd van de AI-verordening.",
            "Research, defence or national security only: excluded from the AI Act.",
        );
        RiskClass::NotApplicable
    } else {
        match b.facts.get("ai_systeem") {
            Some(WizardAnswer::Yes) => b.because(
                "ai_systeem",
                "Het systeem leidt zelf uitkomsten af: een AI-systeem.",
                "The system infers outcomes itself: an AI system.",
            ),
            _ if f(&b, "hulp_geleerd") => b.because(
                "hulp_geleerd",
                "Het model is getraind op gegevens: een AI-systeem.",
                "The model was trained on data: an AI system.",
            ),
            _ => b.because(
                "ai_systeem",
                "Niet zeker of het een AI-systeem is: voor de zekerheid behandeld als AI-systeem.",
                "Not sure whether it is an AI system: treated as one to be safe.",
            ),
        }
        let provider = f(&b, "ontwikkelt") || f(&b, "aangepast");
        let deployer = b.facts.get("gebruikt") != Some(WizardAnswer::No);
        role = Some(match (provider, deployer) {
            (true, true) => AiRole::ProviderAndDeployer,
            (true, false) => AiRole::Provider,
            _ => AiRole::Deployer,
        });
        if f(&b, "ontwikkelt") {
            b.because(
                "ontwikkelt",
                "De gemeente ontwikkelt het systeem of brengt het onder eigen naam in gebruik: aanbieder.",
                "The municipality develops the system or puts it into service under its own name: provider.",
            );
        }
        if f(&b, "aangepast") {
            b.because(
                "aangepast",
                "De gemeente past het systeem wezenlijk aan of gebruikt het voor een ander doel: aanbieder.",
                "The municipality substantially modifies the system or changes its purpose: provider.",
            );
        }
        if deployer {
            b.because(
                "gebruikt",
                "De gemeente gebruikt het systeem onder eigen verantwoordelijkheid: gebruiksverantwoordelijke.",
                "The municipality uses the system under its own authority: deployer.",
            );
        }
        if b.facts.get("in_gebruik") == Some(WizardAnswer::Yes) {
            b.because(
                "in_gebruik",
                "De pilot heeft echte gevolgen en telt dus als gebruik; de plichten gelden al tijdens de pilot.",
                "The pilot has real effects and so counts as use; the duties apply during the pilot.",
            );
        }
        b.duty(
            "Zorg dat iedereen die met het systeem werkt genoeg weet van AI.",
            "Ensure AI literacy of everyone working with the system.",
            "AI-verordening art. 4",
            &dates.ai_literacy,
        );

        let prohibited: Vec<&str> = [
            ("verboden_manipulatie", None),
            ("verboden_kwetsbaarheid", None),
            ("verboden_sociale_score", None),
            ("verboden_criminaliteit", None),
            ("verboden_gezichten", None),
            ("verboden_emotie", Some("uitzondering_emotie")),
            ("verboden_categorisering", None),
            ("verboden_realtime", Some("uitzondering_realtime")),
        ]
        .into_iter()
        .filter(|(id, exception)| f(&b, id) && !exception.is_some_and(|e| f(&b, e)))
        .map(|(id, _)| id)
        .collect();

        if !prohibited.is_empty() {
            for id in &prohibited {
                b.because(
                    id,
                    "Dit is een verboden AI-praktijk: het systeem mag niet worden ingezet.",
                    "This is a prohibited AI practice: the system may not be used.",
                );
            }
            b.duty(
                "Zet het systeem niet in: het is een verboden praktijk.",
                "Do not use the system: it is a prohibited practice.",
                "AI-verordening art. 5",
                &dates.prohibited_practices,
            );
            RiskClass::Prohibited
        } else {
            let annex_i = f(&b, "bijlage_i");
            let annex_iii = b.facts.annex_iii();
            let exceptions = [
                "uitzondering_smalle_taak",
                "uitzondering_verbetering",
                "uitzondering_patronen",
                "uitzondering_voorbereidend",
            ];
            let exception = exceptions.into_iter().find(|id| f(&b, id));
            let high = if annex_i {
                b.because(
                    "bijlage_i",
                    "Veiligheidsonderdeel van een product onder bijlage I: hoog risico.",
                    "Safety component of an Annex I product: high risk.",
                );
                true
            } else if annex_iii {
                let area = ANNEX_III.iter().find(|id| f(&b, id)).copied().unwrap_or("bijlage_iii_voorzieningen");
                b.because(
                    area,
                    "De toepassing valt in een gebied van bijlage III.",
                    "The use falls in an Annex III area.",
                );
                if f(&b, "profilering") {
                    b.because(
                        "profilering",
                        "Het systeem profileert mensen: dan is het altijd hoog risico.",
                        "The system profiles people: then it is always high risk.",
                    );
                    true
                } else if let Some(id) = exception {
                    b.because(
                        id,
                        "Een uitzondering van art. 6 lid 3 geldt: geen hoog risico, mits vastgelegd en geregistreerd.",
                        "An art. 6(3) exception applies: not high risk, provided it is documented and registered.",
                    );
                    b.duty(
                        "Leg vast waarom het systeem geen hoog risico is, en registreer het.",
                        "Document why the system is not high-risk, and register it.",
                        "AI-verordening art. 6 lid 4, art. 49 lid 2",
                        &dates.high_risk_annex_iii,
                    );
                    false
                } else {
                    b.because(
                        "uitzondering_voorbereidend",
                        "Geen uitzondering van art. 6 lid 3: hoog risico.",
                        "No art. 6(3) exception: high risk.",
                    );
                    true
                }
            } else {
                false
            };
            if high {
                let from = if annex_i { &dates.high_risk_annex_i } else { &dates.high_risk_annex_iii };
                if matches!(role, Some(AiRole::Deployer | AiRole::ProviderAndDeployer)) {
                    b.duty(
                        "Gebruik het systeem volgens de gebruiksaanwijzing en wijs bekwaam menselijk toezicht aan.",
                        "Use the system per its instructions and assign competent human oversight.",
                        "AI-verordening art. 26 lid 1 en 2",
                        from,
                    );
                    b.duty(
                        "Zorg dat de invoergegevens relevant en representatief zijn.",
                        "Ensure input data is relevant and representative.",
                        "AI-verordening art. 26 lid 4",
                        from,
                    );
                    b.duty(
                        "Houd de werking in de gaten, schort op bij risico en meld ernstige incidenten.",
                        "Monitor operation, suspend on risk and report serious incidents.",
                        "AI-verordening art. 26 lid 5",
                        from,
                    );
                    b.duty(
                        "Bewaar de logs minstens zes maanden.",
                        "Keep the logs for at least six months.",
                        "AI-verordening art. 26 lid 6",
                        from,
                    );
                    b.duty(
                        "Informeer medewerkers vooraf.",
                        "Inform workers beforehand.",
                        "AI-verordening art. 26 lid 7",
                        from,
                    );
                    b.duty(
                        "Registreer het gebruik in de EU-databank (als overheid).",
                        "Register the use in the EU database (as a public body).",
                        "AI-verordening art. 26 lid 8, art. 49",
                        from,
                    );
                    b.duty("Informeer mensen over wie het systeem beslist of meebeslist, en geef uitleg als zij erom vragen.", "Inform people subject to decisions, and explain on request.", "AI-verordening art. 26 lid 11, art. 86", from);
                    b.duty(
                        "Doe vóór het eerste gebruik een grondrechteneffectbeoordeling (IAMA).",
                        "Do a fundamental rights impact assessment (IAMA) before first use.",
                        "AI-verordening art. 27",
                        from,
                    );
                    instruments.push(Instrument::Fria);
                }
                if matches!(role, Some(AiRole::Provider | AiRole::ProviderAndDeployer)) {
                    b.duty("Voldoe aan de aanbiedersplichten: risicobeheer, technische documentatie, conformiteitsbeoordeling, CE-markering en registratie.", "Meet the provider duties: risk management, technical documentation, conformity assessment, CE marking and registration.", "AI-verordening art. 16, 43, 49", from);
                }
                b.duty(
                    "Een overheid die het systeem al eerder in gebruik nam, moet uiterlijk dan voldoen.",
                    "A public authority that put the system into service earlier must comply by then.",
                    "AI-verordening art. 111 lid 2",
                    &dates.public_legacy,
                );
            }
            // Art. 50: (applies, answer that led there, why, duty, article).
            let transparency_duties = [
                (
                    f(&b, "interactie") && !f(&b, "interactie_duidelijk"),
                    "interactie",
                    ("Inwoners praten direct met het systeem: zij moeten weten dat het AI is.", "Residents interact with the system directly: they must know it is AI."),
                    ("Laat mensen weten dat zij met een AI-systeem praten.", "Tell people they are interacting with an AI system."),
                    "AI-verordening art. 50 lid 1",
                ),
                (
                    f(&b, "synthetisch"),
                    "synthetisch",
                    ("Het systeem maakt inhoud: die moet als AI-inhoud herkenbaar zijn.", "The system generates content: it must be marked as AI-generated."),
                    ("Zorg dat gemaakte inhoud machineleesbaar als AI-inhoud is gemarkeerd (plicht van de aanbieder; controleer het).", "Ensure generated content is machine-marked as AI-generated (provider's duty; check it)."),
                    "AI-verordening art. 50 lid 2",
                ),
                (
                    f(&b, "bijlage_iii_biometrie") || (f(&b, "verboden_emotie") && f(&b, "uitzondering_emotie")),
                    "bijlage_iii_biometrie",
                    ("Emotieherkenning of biometrische indeling: mensen moeten het weten.", "Emotion recognition or biometric categorisation: people must be told."),
                    ("Informeer mensen over emotieherkenning of biometrische indeling.", "Inform people about emotion recognition or biometric categorisation."),
                    "AI-verordening art. 50 lid 3",
                ),
                (
                    f(&b, "deepfake"),
                    "deepfake",
                    ("Het systeem maakt echt lijkende beelden of geluid: maak bekend dat ze gemaakt zijn.", "The system makes realistic images or sound: disclose that they are generated."),
                    ("Maak bekend dat beeld, geluid of video kunstmatig is gemaakt.", "Disclose that images, sound or video are artificially generated."),
                    "AI-verordening art. 50 lid 4",
                ),
                (
                    f(&b, "tekst_publiek") && !f(&b, "tekst_redactie"),
                    "tekst_publiek",
                    ("De gemeente publiceert AI-tekst voor inwoners zonder menselijke redactie: maak dat bekend.", "The municipality publishes AI text for residents without human editing: disclose it."),
                    ("Maak bekend dat gepubliceerde tekst door AI is gemaakt.", "Disclose that published text is AI-generated."),
                    "AI-verordening art. 50 lid 4",
                ),
            ];
            let mut notices = false;
            for (applies, id, (why_nl, why_en), (duty_nl, duty_en), article) in transparency_duties {
                if applies {
                    b.because(id, why_nl, why_en);
                    b.duty(duty_nl, duty_en, article, &dates.transparency);
                    notices = true;
                }
            }
            if notices {
                transparency = true;
                instruments.push(Instrument::TransparencyNotice);
            }
            if f(&b, "algemeen_model") {
                b.because(
                    "algemeen_model",
                    "De gemeente biedt zelf een AI-model voor algemene doeleinden aan.",
                    "The municipality itself offers a general-purpose AI model.",
                );
                b.duty(
                    "Voldoe aan de plichten voor aanbieders van AI-modellen voor algemene doeleinden.",
                    "Meet the duties for providers of general-purpose AI models.",
                    "AI-verordening art. 53",
                    &dates.general_purpose_ai,
                );
            }
            if high {
                RiskClass::HighRisk
            } else if transparency {
                RiskClass::Transparency
            } else {
                RiskClass::Minimal
            }
        }
    };

    if f(&b, "persoonsgegevens") && (f(&b, "dpia_criteria") || class == RiskClass::HighRisk) {
        b.because(
            "dpia_criteria",
            "Persoonsgegevens met een verhoogd risico: een DPIA is verplicht.",
            "Personal data with a heightened risk: a DPIA is required.",
        );
        instruments.insert(0, Instrument::Dpia);
    }
    let category = if class == RiskClass::HighRisk {
        Some(RegisterCategory::A)
    } else if f(&b, "impactvol") {
        b.because(
            "impactvol",
            "De uitkomst heeft gevolgen voor inwoners: een impactvol algoritme (categorie B).",
            "The outcome affects residents: an impactful algorithm (category B).",
        );
        Some(RegisterCategory::B)
    } else if f(&b, "algoritme") {
        Some(RegisterCategory::C)
    } else {
        None
    };
    if let Some(category) = category {
        instruments.push(Instrument::Register { category });
    }

    Ok(Conclusion {
        wizard_version: wizard.version.clone(),
        complete: open.is_empty(),
        asked,
        open,
        class,
        transparency,
        role,
        duties: b.duties,
        instruments,
        reasons: b.reasons,
    })
}
