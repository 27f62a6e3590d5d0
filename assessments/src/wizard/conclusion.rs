//! From the answers to a conclusion, in the order the AI Act asks: scope (is it an AI system
//! under the Act at all), role (provider or deployer), prohibited practices (art. 5), high
//! risk (annex I and III, the art. 6(3) exceptions) with its duties, transparency duties
//! (art. 50), general-purpose models (art. 53), and the instruments that follow.

use super::{
    AiRole, Answers, Conclusion, Duty, DutyDate, DutyDates, Facts, Instrument, Reason, RegisterCategory, RiskClass,
    Wizard, WizardAnswer,
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
    /// Answered yes, or "weet ik niet" on a question whose careful side is yes.
    fn yes(&self, id: &str) -> bool {
        self.facts.counts(id)
    }

    /// A reason; an unknown answer that counted says so first.
    fn because(&mut self, id: &str, nl: &str, en: &str) {
        let answer = self.facts.get(id).unwrap_or(WizardAnswer::Unknown);
        let text = if self.facts.get(id) == Some(WizardAnswer::Unknown) {
            t(
                &format!("'Weet ik niet' telt voor de zekerheid mee. {nl}"),
                &format!("'Don't know' counts to be safe. {en}"),
            )
        } else {
            t(nl, en)
        };
        self.reasons.push(Reason { question_id: id.to_string(), answer, text });
    }

    fn duty(&mut self, nl: &str, en: &str, article: &str, from: &DutyDate) {
        self.duties.push(Duty {
            text: t(nl, en),
            article: article.to_string(),
            applies_from: from.date.clone(),
            date_source: from.source.clone(),
            date_source_in_force: from.source_in_force,
        });
    }

    fn provider(&self) -> bool {
        matches!(self.role, Some(AiRole::Provider | AiRole::ProviderAndDeployer))
    }

    fn deployer(&self) -> bool {
        matches!(self.role, Some(AiRole::Deployer | AiRole::ProviderAndDeployer))
    }
}

/// Turns the answers into a conclusion; only answers on the current path count, and an
/// unknown answer counts on the careful side. Names the unknown answers that decide the class.
pub fn conclude(given: &Answers) -> Result<Conclusion> {
    conclude_with(given, Wizard::dates()?)
}

/// [`conclude`] with the duty dates in effect (a revision the municipality loaded, or the
/// shipped ones).
pub fn conclude_with(given: &Answers, dates: &DutyDates) -> Result<Conclusion> {
    let wizard = Wizard::builtin()?;
    let mut conclusion = draw(wizard, dates, given);
    let deciding = deciding_unknowns(wizard, dates, given, conclusion.class);
    for id in &deciding {
        let side = if wizard.careful_side(id) == WizardAnswer::Yes { ("ja", "yes") } else { ("nee", "no") };
        conclusion.reasons.push(Reason {
            question_id: id.clone(),
            answer: WizardAnswer::Unknown,
            text: t(
                &format!(
                    "Dit antwoord bepaalt de risicoklasse. Omdat het niet bekend is, rekent de beslishulp met '{}'. Zoek het uit: tot dan kan de commissie alleen aanhouden of negatief besluiten.",
                    side.0
                ),
                &format!(
                    "This answer decides the risk class. As it is not known, the wizard counts it as '{}'. Find out: until then the committee can only postpone or decide negatively.",
                    side.1
                ),
            ),
        });
    }
    conclusion.deciding_unknowns = deciding;
    Ok(conclusion)
}

/// The unknown answers on the path that decide the class. Each is flipped to the side that is
/// not careful (with the questions that opens answered that way too), alone and together with
/// all the others (two unknown areas each keep the other's
/// class up): an answer decides when flipping it alone changes the class, or when, with all the
/// others flipped, keeping it careful is what holds the class. If flipping all of them changes
/// the class and neither test names one, all are named. A question whose helpers settle its
/// unknown (is it an AI system?) is left to those helpers. Only answers on the path count.
fn deciding_unknowns(wizard: &Wizard, dates: &DutyDates, given: &Answers, class: RiskClass) -> Vec<String> {
    let counted = wizard.on_path(given);
    let unknowns: Vec<String> = counted
        .iter()
        .filter(|(id, answer)| **answer == WizardAnswer::Unknown && !wizard.has_helpers(id))
        .map(|(id, _)| id.clone())
        .collect();
    let not_careful = |id: &str| {
        if wizard.careful_side(id) == WizardAnswer::Yes {
            WizardAnswer::No
        } else {
            WizardAnswer::Yes
        }
    };
    let open_now: Vec<String> = wizard.asked(&counted).iter().map(|q| q.id.clone()).collect();
    // The class with `flipped` answered the other way, and every question that this newly opens
    // (profiling "no" opens the exceptions) answered the side that is not careful either: the
    // lowest class those answers could reach.
    let class_with = |flipped: &[&String]| {
        let mut answers = counted.clone();
        for id in flipped {
            answers.insert((*id).clone(), not_careful(id));
        }
        for _ in 0..wizard.questions.len() {
            let opened: Vec<String> = wizard
                .asked(&answers)
                .iter()
                .map(|q| q.id.clone())
                .filter(|id| !answers.contains_key(id) && !open_now.contains(id))
                .collect();
            if opened.is_empty() {
                break;
            }
            for id in opened {
                let side = not_careful(&id);
                answers.insert(id, side);
            }
        }
        draw(wizard, dates, &answers).class
    };
    let all: Vec<&String> = unknowns.iter().collect();
    let lowest = class_with(&all);
    let mut deciding: Vec<String> = unknowns
        .iter()
        .filter(|id| {
            let others: Vec<&String> = unknowns.iter().filter(|o| o != id).collect();
            class_with(&[id]) != class || (lowest != class && class_with(&others) != lowest)
        })
        .cloned()
        .collect();
    if deciding.is_empty() && lowest != class {
        deciding = unknowns;
    }
    deciding
}

/// The conclusion of the answers on the path, without asking which unknowns decide it.
fn draw(wizard: &Wizard, dates: &DutyDates, given: &Answers) -> Conclusion {
    let answers = &wizard.on_path(given);
    let set_aside: Vec<String> = given.keys().filter(|id| !answers.contains_key(*id)).cloned().collect();
    let asked: Vec<String> = wizard.asked(answers).into_iter().map(|q| q.id.clone()).collect();
    let open: Vec<String> = asked.iter().filter(|id| !answers.contains_key(*id)).cloned().collect();
    let mut b = Builder {
        facts: Facts::of(wizard, answers),
        dates,
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
    dpia(&mut b);
    register(&mut b, class);

    Conclusion {
        wizard_version: wizard.version.clone(),
        dates_version: dates.version.clone(),
        complete: open.is_empty(),
        asked,
        open,
        set_aside,
        deciding_unknowns: Vec::new(),
        class,
        transparency: b.transparency,
        role: b.role,
        duties: b.duties,
        instruments: b.instruments,
        reasons: b.reasons,
    }
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
    let dates = b.dates;
    b.duty(
        "Zorg dat iedereen die met het systeem werkt genoeg weet van AI.",
        "Ensure AI literacy of everyone working with the system.",
        "AI-verordening art. 4",
        &dates.ai_literacy,
    );
}

/// Provider, deployer or both, and whether the pilot already counts as use.
fn role(b: &mut Builder<'_>) {
    let provider = b.yes("ontwikkelt") || b.yes("aangepast");
    // A provider only by an unknown answer may as well be neither, and then the municipality is
    // treated as deployer: the careful side keeps both sets of duties.
    let surely_provider = [b.facts.get("ontwikkelt"), b.facts.get("aangepast")].contains(&Some(WizardAnswer::Yes));
    let deployer = b.facts.get("gebruikt") != Some(WizardAnswer::No) || !surely_provider;
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
    if b.yes("in_gebruik") {
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
    if b.facts.excepted_emotion() {
        b.because(
            "uitzondering_emotie",
            "Emotieherkenning alleen om medische redenen of voor de veiligheid: niet verboden, wel emotieherkenning (hoog risico, melden).",
            "Emotion recognition for medical or safety reasons only: not prohibited, but still emotion recognition (high risk, to be disclosed).",
        );
    }
    if !prohibited.is_empty() {
        let dates = b.dates;
        b.duty(
            "Zet het systeem niet in: het is een verboden praktijk.",
            "Do not use the system: it is a prohibited practice.",
            "AI-verordening art. 5",
            &dates.prohibited_practices,
        );
    }
    !prohibited.is_empty()
}

/// Which high-risk duties reach this system: art. 27 and 49(3) cover annex III except point 2;
/// art. 26(11) covers annex III; art. 26(7) the systems that affect workers.
struct Scope {
    annex_iii: bool,
    /// Annex III high risk through an area other than point 2 (critical infrastructure).
    beyond_point_2: bool,
    workers: bool,
}

/// Art. 6: high risk through annex I or annex III (unless an art. 6(3) exception holds), and
/// its duties.
fn high_risk(b: &mut Builder<'_>) -> bool {
    let annex_i = b.yes("bijlage_i");
    if annex_i {
        b.because(
            "bijlage_i",
            "Veiligheidsonderdeel van een product onder bijlage I: hoog risico.",
            "Safety component of an Annex I product: high risk.",
        );
    }
    let areas = b.facts.annex_iii_areas();
    let annex_iii = !areas.is_empty() && annex_iii(b, &areas);
    if !(annex_i || annex_iii) {
        return false;
    }
    let scope = Scope {
        annex_iii,
        beyond_point_2: annex_iii && areas.iter().any(|a| *a != "bijlage_iii_infrastructuur"),
        workers: b.yes("bijlage_iii_werk") || b.yes("werkplek"),
    };
    let dates = b.dates;
    let from = if annex_iii { &dates.high_risk_annex_iii } else { &dates.high_risk_annex_i };
    high_risk_duties(b, from, &scope);
    true
}

/// An annex III area: high risk when it profiles people or no art. 6(3) exception holds.
fn annex_iii(b: &mut Builder<'_>, areas: &[&str]) -> bool {
    for area in areas {
        b.because(area, "De toepassing valt in een gebied van bijlage III.", "The use falls in an Annex III area.");
    }
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
            "Een uitzondering van art. 6 lid 3 geldt: geen hoog risico, mits de aanbieder dat vastlegt en het systeem registreert.",
            "An art. 6(3) exception applies: not high risk, provided the provider documents it and registers the system.",
        );
        if b.provider() {
            let dates = b.dates;
            b.duty(
                "Leg vast waarom het systeem geen hoog risico is, en registreer het.",
                "Document why the system is not high-risk, and register it.",
                "AI-verordening art. 6 lid 4, art. 49 lid 2",
                &dates.high_risk_annex_iii,
            );
        } else {
            b.because(
                id,
                "Vastleggen en registreren is de plicht van de aanbieder (art. 6 lid 4, art. 49 lid 2). Vraag de leverancier om die vastlegging.",
                "Documenting and registering is the provider's duty (art. 6(4), 49(2)). Ask the vendor for that assessment.",
            );
        }
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

/// The duties of a high-risk system, by role and scope, from `from`.
fn high_risk_duties(b: &mut Builder<'_>, from: &DutyDate, scope: &Scope) {
    if b.deployer() {
        deployer_duties(b, from, scope);
    }
    if b.provider() {
        // Art. 49(1): the EU database for Annex III except point 2; point 2 nationally (49(5));
        // an Annex I system is not registered there.
        let (nl, en, article) = if scope.beyond_point_2 {
            ("risicobeheer, technische documentatie, conformiteitsbeoordeling, CE-markering en registratie in de EU-databank", "risk management, technical documentation, conformity assessment, CE marking and registration in the EU database", "AI-verordening art. 16, 43, 49 lid 1")
        } else if scope.annex_iii {
            ("risicobeheer, technische documentatie, conformiteitsbeoordeling, CE-markering en nationale registratie", "risk management, technical documentation, conformity assessment, CE marking and national registration", "AI-verordening art. 16, 43, 49 lid 5")
        } else {
            (
                "risicobeheer, technische documentatie, conformiteitsbeoordeling en CE-markering",
                "risk management, technical documentation, conformity assessment and CE marking",
                "AI-verordening art. 16, 43",
            )
        };
        b.duty(
            &format!("Voldoe aan de aanbiedersplichten: {nl}."),
            &format!("Meet the provider duties: {en}."),
            article,
            from,
        );
    }
    let dates = b.dates;
    b.duty(
        "Een overheid die het systeem al eerder in gebruik nam, moet uiterlijk dan voldoen.",
        "A public authority that put the system into service earlier must comply by then.",
        "AI-verordening art. 111 lid 2",
        &dates.public_legacy,
    );
}

/// Art. 26 and 27 for the municipality as deployer, each within its scope.
fn deployer_duties(b: &mut Builder<'_>, from: &DutyDate, scope: &Scope) {
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
    if scope.workers {
        b.duty(
            "Informeer de medewerkers die het raakt en de ondernemingsraad vooraf.",
            "Inform the affected staff and the works council beforehand.",
            "AI-verordening art. 26 lid 7",
            from,
        );
    }
    if scope.beyond_point_2 {
        b.duty(
            "Registreer het gebruik in de EU-databank (als overheid).",
            "Register the use in the EU database (as a public body).",
            "AI-verordening art. 26 lid 8, art. 49",
            from,
        );
    }
    if scope.annex_iii {
        let article = if scope.beyond_point_2 {
            "AI-verordening art. 26 lid 11, art. 86"
        } else {
            "AI-verordening art. 26 lid 11"
        };
        b.duty(
            "Informeer mensen over wie het systeem beslist of meebeslist, en geef uitleg als zij erom vragen.",
            "Inform people subject to decisions, and explain on request.",
            article,
            from,
        );
    }
    if scope.beyond_point_2 {
        b.duty(
            "Doe vóór het eerste gebruik een grondrechteneffectbeoordeling (IAMA).",
            "Do a fundamental rights impact assessment (IAMA) before first use.",
            "AI-verordening art. 27",
            from,
        );
        b.instruments.push(Instrument::Fria);
    } else {
        let (nl, en) = if scope.annex_iii {
            (
                "Alleen kritieke infrastructuur (bijlage III punt 2): art. 27 vraagt geen grondrechteneffectbeoordeling. Een IAMA is wel goed gebruik.",
                "Critical infrastructure only (Annex III point 2): art. 27 requires no fundamental rights impact assessment. An IAMA is good practice.",
            )
        } else {
            (
                "Hoog risico via bijlage I (productveiligheid): art. 27 vraagt geen grondrechteneffectbeoordeling. Een IAMA is wel goed gebruik.",
                "High risk through Annex I (product safety): art. 27 requires no fundamental rights impact assessment. An IAMA is good practice.",
            )
        };
        let id = if scope.annex_iii { "bijlage_iii_infrastructuur" } else { "bijlage_i" };
        b.because(id, nl, en);
        b.instruments.push(Instrument::IamaRecommended);
    }
}

/// One transparency duty of art. 50: whether the system falls under it, whose duty it is, the
/// answer that led there, why, the duty, the article.
struct Art50 {
    applies: bool,
    /// The provider's duty (50(1), 50(2)); otherwise the deployer's (50(3), 50(4)).
    provider: bool,
    id: &'static str,
    why: (&'static str, &'static str),
    duty: (&'static str, &'static str),
    article: &'static str,
}

/// Art. 50: the transparency duties that are the municipality's in its role, and the notice
/// they call for. A provider's duty when the municipality only deploys is a point to check
/// with the vendor, not a duty of its own.
fn transparency(b: &mut Builder<'_>) {
    let emotion_or_categorisation =
        b.yes("emotieherkenning") || b.yes("biometrische_indeling") || b.facts.excepted_emotion();
    let duties = [
        Art50 {
            applies: b.yes("interactie") && !b.yes("interactie_duidelijk"),
            provider: true,
            id: "interactie",
            why: (
                "Inwoners praten direct met het systeem: zij moeten weten dat het AI is.",
                "Residents interact with the system directly: they must know it is AI.",
            ),
            duty: (
                "Richt het systeem zo in dat mensen weten dat zij met een AI-systeem praten.",
                "Design the system so that people know they are interacting with an AI system.",
            ),
            article: "AI-verordening art. 50 lid 1",
        },
        Art50 {
            applies: b.yes("synthetisch"),
            provider: true,
            id: "synthetisch",
            why: (
                "Het systeem maakt inhoud: die moet machineleesbaar als AI-inhoud herkenbaar zijn.",
                "The system generates content: it must be machine-readably marked as AI-generated.",
            ),
            duty: (
                "Markeer de inhoud die het systeem maakt machineleesbaar als door AI gemaakt.",
                "Mark the content the system generates as AI-generated, machine-readably.",
            ),
            article: "AI-verordening art. 50 lid 2",
        },
        Art50 {
            applies: emotion_or_categorisation,
            provider: false,
            id: if b.yes("emotieherkenning") {
                "emotieherkenning"
            } else if b.facts.excepted_emotion() {
                "verboden_emotie"
            } else {
                "biometrische_indeling"
            },
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
            provider: false,
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
            provider: false,
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
    let dates = b.dates;
    let (provider, deployer) = (b.provider(), b.deployer());
    for duty in duties.into_iter().filter(|d| d.applies) {
        if (duty.provider && provider) || (!duty.provider && deployer) {
            b.because(duty.id, duty.why.0, duty.why.1);
            b.duty(duty.duty.0, duty.duty.1, duty.article, &dates.transparency);
            b.transparency = true;
        } else if duty.provider {
            b.because(
                duty.id,
                &format!("Dit is een plicht van de aanbieder ({}); de gemeente is dat niet. Vraag de leverancier hoe hij eraan voldoet.", duty.article),
                &format!("This is the provider's duty ({}); the municipality is not the provider. Ask the vendor how it complies.", duty.article),
            );
        }
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
        let dates = b.dates;
        b.duty(
            "Voldoe aan de plichten voor aanbieders van AI-modellen voor algemene doeleinden.",
            "Meet the duties for providers of general-purpose AI models.",
            "AI-verordening art. 53",
            &dates.general_purpose_ai,
        );
    }
}

/// The EDPB's nine criteria (WP248): two or more, and a DPIA is needed.
const DPIA_CRITERIA: &[(&str, &str, &str)] = &[
    ("dpia_beoordeling", "beoordeling of score van mensen", "evaluation or scoring of people"),
    ("dpia_automatisch", "geautomatiseerde besluiten met groot gevolg", "automated decisions with significant effect"),
    ("dpia_monitoring", "stelselmatige monitoring", "systematic monitoring"),
    ("dpia_gevoelig", "gevoelige of zeer persoonlijke gegevens", "sensitive or highly personal data"),
    ("dpia_grote_schaal", "grote schaal", "large scale"),
    ("dpia_koppeling", "koppelen van gegevens", "matching or combining data"),
    ("dpia_kwetsbaar", "kwetsbare mensen", "vulnerable people"),
    ("dpia_innovatief", "nieuwe technologie", "innovative technology"),
    ("dpia_uitsluiting", "uitsluiting van een recht of dienst", "denial of a right or service"),
];

/// A DPIA (GDPR art. 35): always for processing on the Dutch DPA's list, otherwise when two or
/// more of the EDPB's criteria hold (each named); with fewer, record why none is needed.
fn dpia(b: &mut Builder<'_>) {
    if !b.yes("persoonsgegevens") {
        return;
    }
    let dates = b.dates;
    // Not answered yet counts like "weet ik niet": a DPIA until shown otherwise.
    let open_or_yes = |b: &Builder<'_>, id: &str| b.yes(id) || b.facts.get(id).is_none();
    if open_or_yes(b, "dpia_ap_lijst") {
        if b.facts.get("dpia_ap_lijst").is_none() {
            b.because(
                "persoonsgegevens",
                "Nog niet beantwoord of de verwerking op de DPIA-lijst van de Autoriteit Persoonsgegevens staat: tot dan is een DPIA verplicht.",
                "Not yet answered whether the processing is on the Dutch DPA's DPIA list: until then a DPIA is required.",
            );
        } else {
            b.because(
                "dpia_ap_lijst",
                "De verwerking staat op de lijst van de Autoriteit Persoonsgegevens: een DPIA is verplicht.",
                "The processing is on the Dutch DPA's list: a DPIA is required.",
            );
        }
        b.instruments.insert(0, Instrument::Dpia);
        return;
    }
    let met: Vec<&(&str, &str, &str)> = DPIA_CRITERIA.iter().filter(|(id, _, _)| open_or_yes(b, id)).collect();
    for (id, nl, en) in &met {
        b.because(id, &format!("Criterium voor een DPIA: {nl}."), &format!("A DPIA criterion: {en}."));
    }
    if met.len() >= 2 {
        let (nl, en): (Vec<&str>, Vec<&str>) = met.iter().map(|(_, nl, en)| (*nl, *en)).unzip();
        b.because(
            "persoonsgegevens",
            &format!(
                "{} van de 9 criteria van de EDPB gelden ({}); bij 2 of meer is een DPIA verplicht.",
                met.len(),
                nl.join(", ")
            ),
            &format!(
                "{} of the EDPB's 9 criteria hold ({}); with 2 or more a DPIA is required.",
                met.len(),
                en.join(", ")
            ),
        );
        b.instruments.insert(0, Instrument::Dpia);
    } else {
        b.because(
            "persoonsgegevens",
            "Persoonsgegevens, maar minder dan twee criteria van de EDPB: een DPIA is niet verplicht. Leg vast waarom niet.",
            "Personal data, but fewer than two of the EDPB's criteria: a DPIA is not required. Record why not.",
        );
        b.duty(
            "Leg vast waarom geen DPIA nodig is.",
            "Record why no DPIA is needed.",
            "AVG art. 35 en art. 5 lid 2",
            &dates.gdpr,
        );
        b.instruments.insert(0, Instrument::DpiaReasoning);
    }
}

/// The register category: none for a prohibited practice (it is not used, so not published).
fn register(b: &mut Builder<'_>, class: RiskClass) {
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
