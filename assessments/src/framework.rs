//! The local review framework (*lokaal toetsingskader*) as data: one TOML file per version
//! under `assessments/frameworks/`. This module owns the format and its validation; it never
//! loads half a file: either the whole framework validates, or the caller gets one error naming
//! the file, the line and the field. Field names are the same in the file, in storage and
//! over IPC (snake_case), so one name is used everywhere.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::FrameworkRef;

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
];

impl Framework {
    /// Parses and validates one framework file. `file` is only used in error messages.
    pub fn parse(file: &str, source: &str) -> Result<Framework> {
        let de = toml::Deserializer::parse(source).map_err(|e| toml_error(file, source, "", &e))?;
        let framework: Framework = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            toml_error(file, source, &field, e.inner())
        })?;
        framework.validate(file)?;
        Ok(framework)
    }

    /// The versions that ship with the app, newest last. They are checked by the tests, so
    /// a failure here is a build mistake, not user input.
    pub fn builtin() -> Result<Vec<Framework>> {
        BUILTIN.iter().map(|(file, src)| Framework::parse(file, src)).collect()
    }

    /// The version new assessments start with on `today`: the newest one in effect.
    pub fn current_on(today: time::Date) -> Result<Framework> {
        Self::builtin()?
            .into_iter()
            .rfind(|f| crate::model::parse_date(&f.effective_from).is_some_and(|d| d <= today))
            .ok_or(Error::NotFound { what: "framework in effect" })
    }

    /// The newest version shipped, in effect or not.
    pub fn current() -> Result<Framework> {
        Self::builtin()?.pop().ok_or(Error::NotFound { what: "framework" })
    }

    /// The version an assessment pinned.
    pub fn find(reference: &FrameworkRef) -> Result<Framework> {
        Self::builtin()?
            .into_iter()
            .find(|f| f.id == reference.id && f.version == reference.version)
            .ok_or(Error::NotFound { what: "framework version" })
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
        if crate::model::parse_date(&self.effective_from).is_none() {
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
    let field = match (field.is_empty() || field == ".", line) {
        (true, Some(l)) => format!("regel/line {l}"),
        (true, None) => "?".to_string(),
        (false, Some(l)) => format!("{field} (regel/line {l})"),
        (false, None) => field.to_string(),
    };
    Error::Framework { file: file.to_string(), field, problem: e.message().trim().to_string() }
}
