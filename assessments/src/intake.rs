//! The intake: what the project lead tells the committee beyond the basics, as a table of
//! fields (section, label, help text, required, limits). The fields follow the
//! Algoritmeregister publication standard, the IAMA's first part and what a pilot needs (scope,
//! KPIs, stop and exit criteria, budget, supplier, DPIA, owner, alderman, start, P&C cycle).
//! The limits match the register's, so an approved pilot's register entry always fits.

use serde::Serialize;

use crate::base::error::Problems;
use crate::framework::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum FieldKind {
    Line,
    Text,
    /// `YYYY-MM-DD`.
    Date,
    /// One of `options`.
    Choice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IntakeField {
    pub key: &'static str,
    pub section: &'static str,
    pub label: Text,
    pub help: Text,
    pub kind: FieldKind,
    pub required: bool,
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub max: usize,
    pub options: Vec<Text>,
}

fn t(nl: &str, en: &str) -> Text {
    Text { nl: nl.into(), en: en.into() }
}

#[allow(clippy::too_many_arguments)]
fn field(
    key: &'static str,
    section: &'static str,
    label: (&str, &str),
    help: (&str, &str),
    kind: FieldKind,
    required: bool,
    max: usize,
) -> IntakeField {
    IntakeField {
        key,
        section,
        label: t(label.0, label.1),
        help: t(help.0, help.1),
        kind,
        required,
        max,
        options: Vec::new(),
    }
}

/// Sections, in the order the form shows them: (key, Dutch, English).
pub const SECTIONS: &[(&str, &str, &str)] = &[
    ("verantwoordelijk", "Wie is verantwoordelijk", "Who is responsible"),
    ("probleem", "Probleem, doel en waarden (IAMA deel 1)", "Problem, goals and values (IAMA part 1)"),
    ("afbakening", "Afbakening van de pilot", "Scope of the pilot"),
    ("werking", "Werking en menselijke controle", "How it works and human control"),
    ("leverancier", "Leverancier, contract en kosten", "Vendor, contract and costs"),
    ("privacy", "Gegevens en privacy", "Data and privacy"),
];

/// Every intake field beyond the basics of [`crate::pilot::Proposal`].
pub fn fields() -> Vec<IntakeField> {
    use FieldKind::*;
    let mut f = vec![
        field("owner", "verantwoordelijk", ("Eigenaar", "Owner"), ("Wie is eindverantwoordelijk voor de pilot in de organisatie? Bijvoorbeeld de manager van de afdeling.", "Who is ultimately responsible for the pilot in the organisation?"), Line, true, 200),
        field("alderman", "verantwoordelijk", ("Verantwoordelijk wethouder", "Responsible alderman"), ("De wethouder die het onderwerp in portefeuille heeft.", "The alderman whose portfolio covers it."), Line, true, 200),
        field("contact", "verantwoordelijk", ("Contact voor inwoners", "Contact for residents"), ("Algemene contactgegevens, zoals een contactformulier of het algemene e-mailadres. Geen persoonlijke namen. Het Algoritmeregister vraagt dit.", "General contact details, such as a contact form. No personal names. The algorithm register requires it."), Line, true, 200),
        field("problem", "probleem", ("Probleem", "Problem"), ("Welk probleem lost de pilot op, en voor wie? Bijvoorbeeld: inwoners wachten drie weken op antwoord.", "Which problem does the pilot solve, and for whom?"), Text, true, 2499),
        field("valuesServed", "probleem", ("Publieke waarden die de pilot dient", "Public values served"), ("Bijvoorbeeld: snellere dienstverlening, gelijke toegang, zorgvuldigheid.", "For example: faster service, equal access, diligence."), Text, true, 2499),
        field("valuesAtRisk", "probleem", ("Publieke waarden die onder druk komen", "Public values at risk"), ("Bijvoorbeeld: privacy, gelijke behandeling, menselijk contact.", "For example: privacy, equal treatment, human contact."), Text, true, 2499),
        field("legalBasis", "probleem", ("Wettelijke grondslag", "Legal basis"), ("Op welke wet of regel steunt de taak waarvoor de pilot wordt ingezet? Bijvoorbeeld de Wmo 2015.", "Which law or rule does the task rest on?"), Text, true, 2499),
        field("alternatives", "probleem", ("Afweging en alternatieven", "Considerations and alternatives"), ("Waarom AI, en welke eenvoudigere oplossingen zijn bekeken?", "Why AI, and which simpler options were considered?"), Text, true, 2499),
        field("population", "afbakening", ("Doelgroep", "Population"), ("Voor wie is de pilot? Bijvoorbeeld: alle inwoners die de website bezoeken.", "Who is the pilot for?"), Text, true, 2499),
        field("place", "afbakening", ("Waar", "Where"), ("Waar loopt de pilot? Bijvoorbeeld: alleen op de website, of in één wijk.", "Where does the pilot run?"), Line, false, 200),
        field("startDate", "afbakening", ("Startdatum", "Start date"), ("Wanneer begint de pilot met echte gevolgen?", "When does the pilot start with real effects?"), Date, true, 10),
        field("duration", "afbakening", ("Looptijd", "Duration"), ("Hoe lang duurt de pilot? Bijvoorbeeld: zes maanden.", "How long does the pilot run?"), Line, true, 200),
        field("kpis", "afbakening", ("Meetbare doelen (KPI's)", "Measurable goals (KPIs)"), ("Hoe meet u of de pilot werkt? Noem de nulmeting.", "How do you measure whether it works? Name the baseline."), Text, true, 2499),
        field("stopCriteria", "afbakening", ("Stopcriteria", "Stop criteria"), ("Wanneer stopt de pilot eerder? Bijvoorbeeld: bij een datalek of te veel foute antwoorden.", "When does the pilot stop early?"), Text, true, 2499),
        field("exitCriteria", "afbakening", ("Exit: wat gebeurt er na de pilot?", "Exit: what happens after the pilot?"), ("Wat gebeurt er met de gegevens en het werk als de pilot stopt of afloopt?", "What happens to data and work when the pilot ends?"), Text, true, 2499),
        field("pcReporting", "afbakening", ("Verantwoording in de P&C-cyclus", "Reporting in the P&C cycle"), ("In welke rapportage komt de pilot terug? Bijvoorbeeld: de jaarrekening 2027.", "In which report does the pilot come back?"), Line, true, 200),
        field("humanIntervention", "werking", ("Menselijke tussenkomst", "Human intervention"), ("Hoe controleert een mens de uitkomsten, en kan die ervan afwijken?", "How does a person check the outcomes, and can they deviate?"), Text, true, 2499),
        field("technicalOperation", "werking", ("Hoe werkt het?", "How does it work?"), ("Leg in gewone taal uit hoe het systeem tot een uitkomst komt.", "Explain in plain language how the system reaches an outcome."), Text, true, 4999),
        field("riskManagement", "werking", ("Omgaan met risico's", "Risk management"), ("Welke risico's ziet u, en wat doet u eraan?", "Which risks do you see, and what do you do about them?"), Text, false, 2499),
        field("theme", "werking", ("Beleidsterrein", "Policy area"), ("Bijvoorbeeld: Organisatie en bedrijfsvoering, Zorg en welzijn, Afval.", "For example: organisation, care and welfare, waste."), Line, false, 99),
        field("supplier", "leverancier", ("Leverancier", "Vendor"), ("Welke externe leverancier levert het systeem? Leeg als de gemeente het zelf maakt.", "Which external vendor supplies it? Empty when built in-house."), Line, false, 199),
        field("contractStatus", "leverancier", ("Stand van het contract", "Contract status"), ("Is er al een contract, met afspraken over gegevens en exit?", "Is there a contract, with terms on data and exit?"), Choice, true, 100),
        field("budget", "leverancier", ("Kosten en budget", "Costs and budget"), ("Wat kost de pilot, en uit welk budget?", "What does the pilot cost, and from which budget?"), Line, false, 200),
        field("dpiaStatus", "privacy", ("Stand van de DPIA", "DPIA status"), ("Is er een DPIA (gegevensbeschermingseffectbeoordeling) gedaan?", "Has a DPIA been carried out?"), Choice, true, 100),
    ];
    for x in &mut f {
        x.options = match x.key {
            "contractStatus" => vec![
                t("Geen leverancier (eigen ontwikkeling)", "No vendor (in-house)"),
                t("Nog geen contract", "No contract yet"),
                t("In onderhandeling", "In negotiation"),
                t("Getekend, met verwerkersovereenkomst", "Signed, with processor agreement"),
            ],
            "dpiaStatus" => vec![
                t("Niet nodig: geen persoonsgegevens", "Not needed: no personal data"),
                t("Nog niet begonnen", "Not started"),
                t("Bezig", "In progress"),
                t("Afgerond", "Completed"),
            ],
            _ => Vec::new(),
        };
    }
    f
}

/// Checks the intake fields: lengths, dates, choices, unknown keys; and, when `complete`,
/// that every required field is filled.
pub(crate) fn check(details: &std::collections::BTreeMap<String, String>, complete: bool, p: &mut Problems) {
    let fields = fields();
    for key in details.keys() {
        if !fields.iter().any(|f| f.key == key) {
            p.add(key, format!("Onbekend veld: {key}."), format!("Unknown field: {key}."));
        }
    }
    for f in &fields {
        let value = details.get(f.key).map(|s| s.trim()).unwrap_or("");
        if value.is_empty() {
            if complete && f.required {
                // The label as the form shows it: lower-cased, "DPIA" and "KPI's" read as nonsense.
                p.add(f.key, format!("Vul in: {}.", f.label.nl), format!("Fill in: {}.", f.label.en));
            }
            continue;
        }
        match f.kind {
            FieldKind::Date if crate::base::text::parse_date(value).is_none() => {
                p.add(f.key, "Vul een geldige datum in.", "Enter a valid date.");
            }
            FieldKind::Choice if !f.options.iter().any(|o| o.nl == value) => {
                p.add(f.key, "Kies een van de mogelijkheden.", "Choose one of the options.");
            }
            FieldKind::Date | FieldKind::Choice => {}
            FieldKind::Line | FieldKind::Text => crate::base::text::check_len(p, f.key, value, f.max),
        }
    }
}

/// One section of the intake form with its fields.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct IntakeSection {
    pub key: String,
    pub title: String,
    pub title_en: String,
    pub fields: Vec<IntakeField>,
}
