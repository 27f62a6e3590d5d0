//! The local review framework (*lokaal toetsingskader*) as data: one TOML file per version
//! under `assessments/frameworks/`. This module owns the format and its validation; it never
//! loads half a file: either the whole framework validates, or the caller gets one error naming
//! the file, the line and the field. Field names are the same in the file, in storage and
//! over IPC (snake_case), so one name is used everywhere.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::base::error::{Error, Result};

/// Names one framework version: what a pilot pinned and a decision was reviewed against.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FrameworkRef {
    pub id: String,
    pub version: String,
}

/// Text in both UI languages. Both are required: a missing translation is a load error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The law, e.g. "AVG" or "AI-verordening".
    pub law: String,
    /// The article, e.g. "art. 35".
    pub article: String,
}

/// When a question applies to a pilot. A question that does not apply is shown as such,
/// with the reason, and needs no verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AppliesWhen {
    Always,
    /// The pilot processes personal data.
    PersonalData,
    /// The pilot generates text, images or sound.
    GenerativeAi,
    /// The pilot is a high-risk AI system (AI Act art. 6).
    HighRisk,
    /// The AI Act requires a fundamental rights impact assessment (art. 27(1): annex III
    /// except point 2, for a public body as deployer).
    FriaRequired,
}

impl AppliesWhen {
    pub fn label_nl(self) -> &'static str {
        match self {
            AppliesWhen::Always => "Altijd",
            AppliesWhen::PersonalData => "Bij persoonsgegevens",
            AppliesWhen::GenerativeAi => "Bij generatieve AI",
            AppliesWhen::HighRisk => "Bij hoog risico",
            AppliesWhen::FriaRequired => "Bij verplichte grondrechteneffectbeoordeling",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id, `<area id>.<name>`; answers are stored under it.
    pub id: String,
    pub text: Text,
    /// What the committee looks for.
    pub help: Text,
    /// What the project lead is asked to show.
    pub evidence: Text,
    pub legal_basis: Vec<LegalBasis>,
    pub applies_when: AppliesWhen,
    /// A "voldoet niet" on this question rules out a positive decision.
    pub knock_out: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub title: Text,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub version: String,
    /// `YYYY-MM-DD` from which this version is used for new assessments.
    pub effective_from: String,
    pub title: Text,
    pub change_summary: Text,
    pub areas: Vec<Area>,
}

/// The framework versions shipped inside the app, newest last.
const BUILTIN: &[(&str, &str)] = &[
    ("overbetuwe-2026.1.toml", include_str!("../frameworks/overbetuwe-2026.1.toml")),
    ("overbetuwe-2026.2.toml", include_str!("../frameworks/overbetuwe-2026.2.toml")),
    ("overbetuwe-2026.3.toml", include_str!("../frameworks/overbetuwe-2026.3.toml")),
];

impl Framework {
    /// SHA-256 of this version's canonical JSON: what a decision records of the framework it
    /// was reviewed against. The same whether the version ships with the app, was loaded from
    /// a file or travels in a PDF (formatting and comments of the TOML do not count).
    pub fn content_hash(&self) -> Result<String> {
        Ok(crate::base::hash::sha256_hex(crate::base::hash::canonical(self)?.as_bytes()))
    }

    /// Parses and validates one framework file. `file` is only used in error messages.
    pub fn parse(file: &str, source: &str) -> Result<Framework> {
        if source.len() > MAX_FILE_BYTES {
            return Err(Error::Framework {
                file: file.to_string(),
                field: "-".into(),
                problem: "het bestand is te groot (meer dan 1 MB) / the file is too large (over 1 MB)".into(),
            });
        }
        if let Some(at) = source.find('\0') {
            let line = source[..at].matches('\n').count() + 1;
            return Err(Error::Framework {
                file: file.to_string(),
                field: format!("regel/line {line}"),
                problem: "ongeldig teken (NUL) / invalid character (NUL)".into(),
            });
        }
        let de = toml::Deserializer::parse(source).map_err(|e| toml_error(file, source, "", &e))?;
        let framework: Framework = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            toml_error(file, source, &field, e.inner())
        })?;
        framework.check_limits(file).and_then(|()| framework.validate(file)).map_err(|e| match e {
            Error::Framework { file, field, problem } => {
                let field = match line_of(source, &field) {
                    Some(line) => format!("{field} (regel/line {line})"),
                    None => field,
                };
                Error::Framework { file, field, problem }
            }
            other => other,
        })?;
        Ok(framework)
    }

    /// The versions that ship with the app, newest last. They are checked by the tests, so
    /// a failure here is a build mistake, not user input.
    pub fn builtin() -> Result<Vec<Framework>> {
        BUILTIN.iter().map(|(file, src)| Framework::parse(file, src)).collect()
    }

    /// The newest version shipped, in effect or not.
    pub fn current() -> Result<Framework> {
        Self::builtin()?.pop().ok_or(Error::NotFound { what: "framework" })
    }

    pub fn reference(&self) -> FrameworkRef {
        FrameworkRef { id: self.id.clone(), version: self.version.clone() }
    }

    pub fn questions(&self) -> impl Iterator<Item = (&Area, &Question)> {
        self.areas.iter().flat_map(|a| a.questions.iter().map(move |q| (a, q)))
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().map(|(_, q)| q).find(|q| q.id == id)
    }

    /// Input limits, checked before anything else of a file's content: at most [`MAX_AREAS`]
    /// areas and [`MAX_QUESTIONS`] questions, [`MAX_LEGAL_BASES`] legal bases per question,
    /// and no text longer than [`MAX_TEXT_CHARS`] characters (an id or a title: [`MAX_LINE_CHARS`]).
    /// Each error names the field's path.
    fn check_limits(&self, file: &str) -> Result<()> {
        let fail = |field: String, problem: String| Error::Framework { file: file.to_string(), field, problem };
        let long = |field: &str, value: &str, max: usize| -> Result<()> {
            let n = value.chars().count();
            if n > max {
                return Err(fail(
                    field.to_string(),
                    format!("te lang: {n} tekens, hooguit {max} / too long: {n} characters, at most {max}"),
                ));
            }
            if value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
                return Err(fail(field.to_string(), "ongeldig teken / invalid character".into()));
            }
            Ok(())
        };
        let text = |field: &str, t: &Text, max: usize| -> Result<()> {
            long(&format!("{field}.nl"), &t.nl, max)?;
            long(&format!("{field}.en"), &t.en, max)
        };
        long("id", &self.id, MAX_LINE_CHARS)?;
        long("version", &self.version, MAX_LINE_CHARS)?;
        long("effective_from", &self.effective_from, MAX_LINE_CHARS)?;
        text("title", &self.title, MAX_LINE_CHARS)?;
        text("change_summary", &self.change_summary, MAX_TEXT_CHARS)?;
        if self.areas.len() > MAX_AREAS {
            return Err(fail(
                "areas".into(),
                format!(
                    "{} thema's, hooguit {MAX_AREAS} / {} areas, at most {MAX_AREAS}",
                    self.areas.len(),
                    self.areas.len()
                ),
            ));
        }
        let questions = self.areas.iter().map(|a| a.questions.len()).sum::<usize>();
        if questions > MAX_QUESTIONS {
            return Err(fail(
                "areas[].questions".into(),
                format!("{questions} vragen, hooguit {MAX_QUESTIONS} / {questions} questions, at most {MAX_QUESTIONS}"),
            ));
        }
        for (ai, area) in self.areas.iter().enumerate() {
            let at = format!("areas[{ai}]");
            long(&format!("{at}.id"), &area.id, MAX_LINE_CHARS)?;
            text(&format!("{at}.title"), &area.title, MAX_LINE_CHARS)?;
            for (qi, q) in area.questions.iter().enumerate() {
                let qt = format!("{at}.questions[{qi}]");
                long(&format!("{qt}.id"), &q.id, MAX_LINE_CHARS)?;
                text(&format!("{qt}.text"), &q.text, MAX_TEXT_CHARS)?;
                text(&format!("{qt}.help"), &q.help, MAX_TEXT_CHARS)?;
                text(&format!("{qt}.evidence"), &q.evidence, MAX_TEXT_CHARS)?;
                if q.legal_basis.len() > MAX_LEGAL_BASES {
                    return Err(fail(
                        format!("{qt}.legal_basis"),
                        format!("hooguit {MAX_LEGAL_BASES} grondslagen / at most {MAX_LEGAL_BASES} legal bases"),
                    ));
                }
                for (li, l) in q.legal_basis.iter().enumerate() {
                    long(&format!("{qt}.legal_basis[{li}].law"), &l.law, MAX_LINE_CHARS)?;
                    long(&format!("{qt}.legal_basis[{li}].article"), &l.article, MAX_LINE_CHARS)?;
                }
            }
        }
        Ok(())
    }

    fn validate(&self, file: &str) -> Result<()> {
        let fail = |field: String, problem: &str| Error::Framework {
            file: file.to_string(),
            field,
            problem: problem.to_string(),
        };
        let text = |field: String, t: &Text| -> Result<()> {
            if t.nl.trim().is_empty() {
                return Err(fail(format!("{field}.nl"), "Nederlandse tekst ontbreekt / Dutch text missing"));
            }
            if t.en.trim().is_empty() {
                return Err(fail(format!("{field}.en"), "Engelse vertaling ontbreekt / English translation missing"));
            }
            Ok(())
        };
        let id_ok = |s: &str| {
            !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        };
        if !id_ok(&self.id) {
            return Err(fail(
                "id".into(),
                "gebruik kleine letters, cijfers, '-' en '.' / use lower-case letters, digits, '-' and '.'",
            ));
        }
        if self.version.trim().is_empty() {
            return Err(fail("version".into(), "versie ontbreekt / version missing"));
        }
        if crate::base::text::parse_date(&self.effective_from).is_none() {
            return Err(fail("effective_from".into(), "geen datum als 2026-11-01 / not a date like 2026-11-01"));
        }
        text("title".into(), &self.title)?;
        text("change_summary".into(), &self.change_summary)?;
        if self.areas.is_empty() {
            return Err(fail("areas".into(), "geen thema's / no areas"));
        }
        let mut area_ids = HashSet::new();
        let mut question_ids = HashSet::new();
        for (ai, area) in self.areas.iter().enumerate() {
            let at = format!("areas[{ai}]");
            if !id_ok(&area.id) {
                return Err(fail(format!("{at}.id"), "ongeldige id / invalid id"));
            }
            if !area_ids.insert(area.id.as_str()) {
                return Err(fail(format!("{at}.id"), &format!("dubbele id '{}' / duplicate id", area.id)));
            }
            text(format!("{at}.title"), &area.title)?;
            if area.questions.is_empty() {
                return Err(fail(format!("{at}.questions"), "geen vragen / no questions"));
            }
            for (qi, q) in area.questions.iter().enumerate() {
                let qt = format!("{at}.questions[{qi}]");
                if !id_ok(&q.id) || !q.id.starts_with(&format!("{}.", area.id)) {
                    return Err(fail(
                        format!("{qt}.id"),
                        &format!("id moet beginnen met '{}.' / id must start with the area id", area.id),
                    ));
                }
                if !question_ids.insert(q.id.as_str()) {
                    return Err(fail(format!("{qt}.id"), &format!("dubbele id '{}' / duplicate id", q.id)));
                }
                text(format!("{qt}.text"), &q.text)?;
                text(format!("{qt}.help"), &q.help)?;
                text(format!("{qt}.evidence"), &q.evidence)?;
                if q.legal_basis.is_empty() {
                    return Err(fail(
                        format!("{qt}.legal_basis"),
                        "wettelijke grondslag ontbreekt / legal basis missing",
                    ));
                }
                for (li, l) in q.legal_basis.iter().enumerate() {
                    if l.law.trim().is_empty() || l.article.trim().is_empty() {
                        return Err(fail(
                            format!("{qt}.legal_basis[{li}]"),
                            "wet en artikel zijn allebei nodig / law and article are both required",
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

fn toml_error(file: &str, source: &str, field: &str, e: &toml::de::Error) -> Error {
    let line = e.span().map(|s| source[..s.start.min(source.len())].matches('\n').count() + 1);
    // serde_path_to_error writes "?" for a place it cannot name: keep the part it can.
    let field = field.split('.').take_while(|s| !s.contains('?')).collect::<Vec<_>>().join(".");
    let field = match (field.is_empty() || field == ".", line) {
        (true, Some(l)) => format!("regel/line {l}"),
        (true, None) => "het bestand / the file".to_string(),
        (false, Some(l)) => format!("{field} (regel/line {l})"),
        (false, None) => field.to_string(),
    };
    Error::Framework { file: file.to_string(), field, problem: e.message().trim().to_string() }
}

/// The largest framework file we read (a real one is about 40 kB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// The most questions one framework version may have (version 2026.2 has 52).
pub const MAX_QUESTIONS: usize = 500;
/// The most areas one framework version may have (version 2026.2 has 8).
pub const MAX_AREAS: usize = 50;
/// The most legal bases one question may name.
pub const MAX_LEGAL_BASES: usize = 20;
/// The longest text of a question, its help or its evidence, in characters (a real one is
/// under 1,000).
pub const MAX_TEXT_CHARS: usize = 5_000;
/// The longest id, version, title or law reference, in characters.
pub const MAX_LINE_CHARS: usize = 300;

/// Every framework version known: the ones shipped with the app and the ones the
/// municipality loaded, ordered by effective date (then by when they arrived).
#[derive(Debug, Clone)]
pub struct Registry {
    versions: Vec<Framework>,
}

impl Registry {
    pub fn new(mut versions: Vec<Framework>) -> Self {
        // Stable: equal dates keep their order (shipped first, then loaded in order).
        versions.sort_by_key(|f| crate::base::text::parse_date(&f.effective_from));
        Self { versions }
    }

    pub fn versions(&self) -> &[Framework] {
        &self.versions
    }

    /// The version an assessment pinned.
    pub fn find(&self, reference: &FrameworkRef) -> Result<&Framework> {
        self.versions
            .iter()
            .find(|f| f.id == reference.id && f.version == reference.version)
            .ok_or(Error::NotFound { what: "framework version" })
    }

    /// The version new assessments start with on `today`: the newest one in effect.
    pub fn current_on(&self, today: time::Date) -> Result<&Framework> {
        self.versions
            .iter()
            .rfind(|f| crate::base::text::parse_date(&f.effective_from).is_some_and(|d| d <= today))
            .ok_or(Error::NotFound { what: "framework in effect" })
    }

    /// The version before `reference` with the same id, to compare with.
    pub fn previous(&self, reference: &FrameworkRef) -> Option<&Framework> {
        let i = self.versions.iter().position(|f| f.id == reference.id && f.version == reference.version)?;
        self.versions[..i].iter().rfind(|f| f.id == reference.id)
    }
}

/// What changed between two versions of a framework, question by question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FrameworkDiff {
    pub from_version: String,
    pub to_version: String,
    pub added_areas: Vec<String>,
    pub removed_areas: Vec<String>,
    pub added_questions: Vec<String>,
    pub removed_questions: Vec<String>,
    /// Questions whose content changed, with the names of the changed parts.
    pub changed_questions: Vec<QuestionChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct QuestionChange {
    pub question_id: String,
    pub parts: Vec<String>,
}

/// Compares two versions. Questions are matched by id.
pub fn diff(old: &Framework, new: &Framework) -> FrameworkDiff {
    let ids = |f: &Framework| f.areas.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    let (old_areas, new_areas) = (ids(old), ids(new));
    let mut out = FrameworkDiff {
        from_version: old.version.clone(),
        to_version: new.version.clone(),
        added_areas: new_areas.iter().filter(|a| !old_areas.contains(a)).cloned().collect(),
        removed_areas: old_areas.iter().filter(|a| !new_areas.contains(a)).cloned().collect(),
        ..Default::default()
    };
    for (_, q) in new.questions() {
        match old.question(&q.id) {
            None => out.added_questions.push(q.id.clone()),
            Some(before) => {
                let parts: Vec<String> = changed_parts(before, q).into_iter().map(str::to_string).collect();
                if !parts.is_empty() {
                    out.changed_questions.push(QuestionChange { question_id: q.id.clone(), parts });
                }
            }
        }
    }
    out.removed_questions =
        old.questions().map(|(_, q)| q.id.clone()).filter(|id| new.question(id).is_none()).collect();
    out
}

/// The parts of a question that differ between two versions of it (empty: the same question).
pub fn changed_parts(before: &Question, now: &Question) -> Vec<&'static str> {
    [
        ("text", before.text != now.text),
        ("help", before.help != now.help),
        ("evidence", before.evidence != now.evidence),
        ("legal_basis", before.legal_basis != now.legal_basis),
        ("applies_when", before.applies_when != now.applies_when),
        ("knock_out", before.knock_out != now.knock_out),
    ]
    .into_iter()
    .filter_map(|(name, changed)| changed.then_some(name))
    .collect()
}

/// The line (1-based) where `path` (as `areas[1].questions[0].id`) is written in `source`.
fn line_of(source: &str, path: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(source).ok()?;
    let mut span = root.span();
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    for segment in path.split('.') {
        let (key, index) = match segment.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        let (_, mut v) = table?.iter().find(|(k, _)| k.get_ref().as_ref() == key)?;
        if let Some(i) = index {
            let DeValue::Array(items) = v.get_ref() else { return None };
            v = items.get(i)?;
        }
        span = v.span();
        table = match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    Some(source[..span.start.min(source.len())].matches('\n').count() + 1)
}
