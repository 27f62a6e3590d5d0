//! From the answers to a conclusion, in the order the AI Act asks: scope (is it an AI system
//! under the Act at all), role (provider or deployer), prohibited practices (art. 5), high
//! risk (annex I and III, the art. 6(3) exceptions) with its duties, transparency duties
//! (art. 50), general-purpose models (art. 53), and the instruments that follow.

use super::{
    AiRole, Answers, Conclusion, Duty, DutyDates, Facts, Instrument, Reason, RegisterCategory, RiskClass, Wizard,
    WizardAnswer, ANNEX_III,
};
use crate::base::error::Result;
use crate::framework::Text;

fn t(nl: &str, en: &str) -> Text {
    Text { nl: nl.to_string(), en: en.to_string() }
}

/// The conclusion as it is being drawn: each section adds its reasons, duties and instruments.
struct Builder<'a> {
    facts: Facts<'a>,
    dates: &'a DutyDates,
    duties: Vec<Duty>,
    reasons: Vec<Reason>,
    instruments: Vec<Instrument>,
    role: Option<AiRole>,
    transparency: bool,
}

impl Builder<'_> {
    fn yes(&self, id: &str) -> bool {
        self.facts.yes(id)
    }

    fn because(&mut self, id: &str, nl: &str, en: &str) {
        let answer = self.facts.get(id).unwrap_or(WizardAnswer::Unknown);
        self.reasons.push(Reason { question_id: id.to_string(), answer, text: t(nl, en) });
    }

    fn duty(&mut self, nl: &str, en: &str, article: &str, from: &str) {
        self.duties.push(Duty { text: t(nl, en), article: article.to_string(), applies_from: from.to_string() });
    }
}

/// Turns the answers into a conclusion; only answers on the current path count.
pub fn conclude(given: &Answers) -> Result<Conclusion> {
    let wizard = Wizard::builtin()?;
    let answers = &wizard.on_path(given);
    let set_aside: Vec<String> = given.keys().filter(|id| !answers.contains_key(*id)).cloned().collect();
    let asked: Vec<String> = wizard.asked(answers).into_iter().map(|q| q.id.clone()).collect();
    let open: Vec<String> = asked.iter().filter(|id| !answers.contains_key(*id)).cloned().collect();
    let mut b = Builder {
        facts: Facts::of(answers),
        dates: Wizard::dates()?,
        duties: Vec::new(),
        reasons: Vec::new(),
        instruments: Vec::new(),
        role: None,
        transparency: false,
    };

    let class = if out_of_scope(&mut b) {
        RiskClass::NotApplicable
    } else {
        in_scope(&mut b);
        role(&mut b);
        if prohibited(&mut b) {
            RiskClass::Prohibited
        } else {
            let high = high_risk(&mut b);
            transparency(&mut b);
            general_purpose(&mut b);
            if high {
                RiskClass::HighRisk
            } else if b.transparency {
                RiskClass::Transparency
            } else {
                RiskClass::Minimal
            }
        }
    };
    dpia_and_register(&mut b, class);

    Ok(Conclusion {
        wizard_version: wizard.version.clone(),
        complete: open.is_empty(),
        asked,
        open,
        set_aside,
        class,
        transparency: b.transparency,
        role: b.role,
        duties: b.duties,
        instruments: b.instruments,
        reasons: b.reasons,
    })
}

/// No algorithm, no AI system, or excluded (research, defence): the Act does not apply.
fn out_of_scope(b: &mut Builder<'_>) -> bool {
    if !b.yes("algoritme") {
        b.because(
            "algoritme",
            "Er is geen algoritme: de AI-verordening geldt niet.",
            "There is no algorithm: the AI Act does not apply.",
        );
        true
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
        true
    } else if b.yes("uitgesloten") {
        b.because(
            "uitgesloten",
            "Alleen onderzoek, defensie of nationale veiligheid: uitgezonderd van de AI-verordening.",
            "Research, defence or national security only: excluded from the AI Act.",
        );
        true
    } else {
        false
    }
}

/// Why it is an AI system, and the duty that holds for every AI system (art. 4).
fn in_scope(b: &mut Builder<'_>) {
    match b.facts.get("ai_systeem") {
        Some(WizardAnswer::Yes) => b.because(
            "ai_systeem",
            "Het systeem leidt zelf uitkomsten af: een AI-systeem.",
            "The system infers outcomes itself: an AI system.",
        ),
        _ if b.yes("hulp_geleerd") => b.because(
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
    let from = b.dates.ai_literacy.clone();
    b.duty(
        "Zorg dat iedereen die met het systeem werkt genoeg weet van AI.",
        "Ensure AI literacy of everyone working with the system.",
        "AI-verordening art. 4",
        &from,
    );
}

/// Provider, deployer or both, and whether the pilot already counts as use.
fn role(b: &mut Builder<'_>) {
    let provider = b.yes("ontwikkelt") || b.yes("aangepast");
    let deployer = b.facts.get("gebruikt") != Some(WizardAnswer::No);
    b.role = Some(match (provider, deployer) {
        (true, true) => AiRole::ProviderAndDeployer,
        (true, false) => AiRole::Provider,
        _ => AiRole::Deployer,
    });
    if b.yes("ontwikkelt") {
        b.because(
            "ontwikkelt",
            "De gemeente ontwikkelt het systeem of brengt het onder eigen naam in gebruik: aanbieder.",
            "The municipality develops the system or puts it into service under its own name: provider.",
        );
    }
    if b.yes("aangepast") {
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
}

/// Art. 5: a prohibited practice (unless its exception holds).
fn prohibited(b: &mut Builder<'_>) -> bool {
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
    .filter(|(id, exception)| b.yes(id) && !exception.is_some_and(|e| b.yes(e)))
    .map(|(id, _)| id)
    .collect();
    for id in &prohibited {
        b.because(
            id,
            "Dit is een verboden AI-praktijk: het systeem mag niet worden ingezet.",
            "This is a prohibited AI practice: the system may not be used.",
        );
    }
    if !prohibited.is_empty() {
        let from = b.dates.prohibited_practices.clone();
        b.duty(
            "Zet het systeem niet in: het is een verboden praktijk.",
            "Do not use the system: it is a prohibited practice.",
            "AI-verordening art. 5",
            &from,
        );
    }
    !prohibited.is_empty()
}

/// Art. 6: high risk through annex I or annex III (unless an art. 6(3) exception holds), and
/// its duties.
fn high_risk(b: &mut Builder<'_>) -> bool {
    let annex_i = b.yes("bijlage_i");
    let high = if annex_i {
        b.because(
            "bijlage_i",
            "Veiligheidsonderdeel van een product onder bijlage I: hoog risico.",
            "Safety component of an Annex I product: high risk.",
        );
        true
    } else if b.facts.annex_iii() {
        annex_iii(b)
    } else {
        false
    };
    if high {
        let from = if annex_i { b.dates.high_risk_annex_i.clone() } else { b.dates.high_risk_annex_iii.clone() };
        high_risk_duties(b, &from);
    }
    high
}

/// An annex III area: high risk when it profiles people or no art. 6(3) exception holds.
fn annex_iii(b: &mut Builder<'_>) -> bool {
    let area = ANNEX_III.iter().find(|id| b.yes(id)).copied().unwrap_or("bijlage_iii_voorzieningen");
    b.because(area, "De toepassing valt in een gebied van bijlage III.", "The use falls in an Annex III area.");
    let exception =
        ["uitzondering_smalle_taak", "uitzondering_verbetering", "uitzondering_patronen", "uitzondering_voorbereidend"]
            .into_iter()
            .find(|id| b.yes(id));
    if b.yes("profilering") {
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
        let from = b.dates.high_risk_annex_iii.clone();
        b.duty(
            "Leg vast waarom het systeem geen hoog risico is, en registreer het.",
            "Document why the system is not high-risk, and register it.",
            "AI-verordening art. 6 lid 4, art. 49 lid 2",
            &from,
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
}

/// The duties of a high-risk system, by role, from `from`.
fn high_risk_duties(b: &mut Builder<'_>, from: &str) {
    if matches!(b.role, Some(AiRole::Deployer | AiRole::ProviderAndDeployer)) {
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
        b.duty("Informeer medewerkers vooraf.", "Inform workers beforehand.", "AI-verordening art. 26 lid 7", from);
        b.duty(
            "Registreer het gebruik in de EU-databank (als overheid).",
            "Register the use in the EU database (as a public body).",
            "AI-verordening art. 26 lid 8, art. 49",
            from,
        );
        b.duty(
            "Informeer mensen over wie het systeem beslist of meebeslist, en geef uitleg als zij erom vragen.",
            "Inform people subject to decisions, and explain on request.",
            "AI-verordening art. 26 lid 11, art. 86",
            from,
        );
        b.duty(
            "Doe vóór het eerste gebruik een grondrechteneffectbeoordeling (IAMA).",
            "Do a fundamental rights impact assessment (IAMA) before first use.",
            "AI-verordening art. 27",
            from,
        );
        b.instruments.push(Instrument::Fria);
    }
    if matches!(b.role, Some(AiRole::Provider | AiRole::ProviderAndDeployer)) {
        b.duty(
            "Voldoe aan de aanbiedersplichten: risicobeheer, technische documentatie, conformiteitsbeoordeling, CE-markering en registratie.",
            "Meet the provider duties: risk management, technical documentation, conformity assessment, CE marking and registration.",
            "AI-verordening art. 16, 43, 49",
            from,
        );
    }
    let legacy = b.dates.public_legacy.clone();
    b.duty(
        "Een overheid die het systeem al eerder in gebruik nam, moet uiterlijk dan voldoen.",
        "A public authority that put the system into service earlier must comply by then.",
        "AI-verordening art. 111 lid 2",
        &legacy,
    );
}

/// One transparency duty of art. 50: the answer that led there, why, the duty, the article.
struct Art50 {
    applies: bool,
    id: &'static str,
    why: (&'static str, &'static str),
    duty: (&'static str, &'static str),
    article: &'static str,
}

/// Art. 50: the transparency duties that apply, and the notice they call for.
fn transparency(b: &mut Builder<'_>) {
    let duties = [
        Art50 {
            applies: b.yes("interactie") && !b.yes("interactie_duidelijk"),
            id: "interactie",
            why: (
                "Inwoners praten direct met het systeem: zij moeten weten dat het AI is.",
                "Residents interact with the system directly: they must know it is AI.",
            ),
            duty: (
                "Laat mensen weten dat zij met een AI-systeem praten.",
                "Tell people they are interacting with an AI system.",
            ),
            article: "AI-verordening art. 50 lid 1",
        },
        Art50 {
            applies: b.yes("synthetisch"),
            id: "synthetisch",
            why: (
                "Het systeem maakt inhoud: die moet als AI-inhoud herkenbaar zijn.",
                "The system generates content: it must be marked as AI-generated.",
            ),
            duty: (
                "Zorg dat gemaakte inhoud machineleesbaar als AI-inhoud is gemarkeerd (plicht van de aanbieder; controleer het).",
                "Ensure generated content is machine-marked as AI-generated (provider's duty; check it).",
            ),
            article: "AI-verordening art. 50 lid 2",
        },
        Art50 {
            applies: b.yes("bijlage_iii_biometrie") || (b.yes("verboden_emotie") && b.yes("uitzondering_emotie")),
            id: "bijlage_iii_biometrie",
            why: (
                "Emotieherkenning of biometrische indeling: mensen moeten het weten.",
                "Emotion recognition or biometric categorisation: people must be told.",
            ),
            duty: (
                "Informeer mensen over emotieherkenning of biometrische indeling.",
                "Inform people about emotion recognition or biometric categorisation.",
            ),
            article: "AI-verordening art. 50 lid 3",
        },
        Art50 {
            applies: b.yes("deepfake"),
            id: "deepfake",
            why: (
                "Het systeem maakt echt lijkende beelden of geluid: maak bekend dat ze gemaakt zijn.",
                "The system makes realistic images or sound: disclose that they are generated.",
            ),
            duty: (
                "Maak bekend dat beeld, geluid of video kunstmatig is gemaakt.",
                "Disclose that images, sound or video are artificially generated.",
            ),
            article: "AI-verordening art. 50 lid 4",
        },
        Art50 {
            applies: b.yes("tekst_publiek") && !b.yes("tekst_redactie"),
            id: "tekst_publiek",
            why: (
                "De gemeente publiceert AI-tekst voor inwoners zonder menselijke redactie: maak dat bekend.",
                "The municipality publishes AI text for residents without human editing: disclose it.",
            ),
            duty: (
                "Maak bekend dat gepubliceerde tekst door AI is gemaakt.",
                "Disclose that published text is AI-generated.",
            ),
            article: "AI-verordening art. 50 lid 4",
        },
    ];
    let from = b.dates.transparency.clone();
    for duty in duties.into_iter().filter(|d| d.applies) {
        b.because(duty.id, duty.why.0, duty.why.1);
        b.duty(duty.duty.0, duty.duty.1, duty.article, &from);
        b.transparency = true;
    }
    if b.transparency {
        b.instruments.push(Instrument::TransparencyNotice);
    }
}

/// Art. 53: the municipality itself offers a general-purpose AI model.
fn general_purpose(b: &mut Builder<'_>) {
    if b.yes("algemeen_model") {
        b.because(
            "algemeen_model",
            "De gemeente biedt zelf een AI-model voor algemene doeleinden aan.",
            "The municipality itself offers a general-purpose AI model.",
        );
        let from = b.dates.general_purpose_ai.clone();
        b.duty(
            "Voldoe aan de plichten voor aanbieders van AI-modellen voor algemene doeleinden.",
            "Meet the duties for providers of general-purpose AI models.",
            "AI-verordening art. 53",
            &from,
        );
    }
}

/// A DPIA (GDPR art. 35), and the register category (none for a prohibited practice).
fn dpia_and_register(b: &mut Builder<'_>, class: RiskClass) {
    if b.yes("persoonsgegevens") && (b.yes("dpia_criteria") || class == RiskClass::HighRisk) {
        b.because(
            "dpia_criteria",
            "Persoonsgegevens met een verhoogd risico: een DPIA is verplicht.",
            "Personal data with a heightened risk: a DPIA is required.",
        );
        b.instruments.insert(0, Instrument::Dpia);
    }
    // A prohibited practice may not be used, so it is not published as if it were in use.
    let category = if class == RiskClass::Prohibited {
        None
    } else if class == RiskClass::HighRisk {
        Some(RegisterCategory::A)
    } else if b.yes("impactvol") {
        b.because(
            "impactvol",
            "De uitkomst heeft gevolgen voor inwoners: een impactvol algoritme (categorie B).",
            "The outcome affects residents: an impactful algorithm (category B).",
        );
        Some(RegisterCategory::B)
    } else if b.yes("algoritme") {
        Some(RegisterCategory::C)
    } else {
        None
    };
    if let Some(category) = category {
        b.instruments.push(Instrument::Register { category });
    }
}
