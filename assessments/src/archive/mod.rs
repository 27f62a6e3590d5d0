//! The archivist's side: what the archive receives of the signed decisions of a period (the
//! *overdrachtspakket*), and the check of it.
//!
//! - Per decision the transfer copy (PDF/A-2b, [`crate::pdf::render_transfer`]) with the signed
//!   record beside it, the validation record of Archiefregeling 2009 art. 24(c)
//!   ([`crate::pdf::validation`]), and MDTO metadata ([`mdto`]): a *dossier* per pilot, an
//!   *archiefstuk* per decision and a *bestand* per file.
//! - All of it as a BagIt bag ([`bagit`], RFC 8493), made by [`package::build`] and checked by
//!   [`package::verify`] (`ai-toets-verify --bag`).
//!
//! Layer: above `pdf` (it draws and verifies through it), below `api`.

pub mod bagit;
pub mod mdto;
pub mod package;

use serde::{Deserialize, Serialize};

use crate::base::error::{Problems, Result};

/// The selection list's appraisal of the decisions: kept for ever, or destroyed after a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Appraisal {
    /// *Blijvend te bewaren* (B).
    Keep,
    /// *Tijdelijk te bewaren* (V): destroyed after `retention_years`.
    Destroy,
}

/// How the municipality files the decisions in its archive: who formed them, the category of its
/// selection list (*selectielijst*) and what that category says about keeping them. The records
/// manager sets it once; every transfer package uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ArchiveSettings {
    /// The *archiefvormer*; empty: the municipality's name.
    pub creator: String,
    /// Its identification, e.g. its address in the Register van Overheidsorganisaties.
    pub creator_id: String,
    /// The selection list, e.g. "Selectielijst gemeenten en intergemeentelijke organen 2020".
    pub selection_list: String,
    /// The category's code and name in that list.
    pub category_code: String,
    pub category_label: String,
    pub appraisal: Appraisal,
    /// Years to keep after the decision is signed, for [`Appraisal::Destroy`].
    pub retention_years: Option<u16>,
    /// Who may see them (MDTO *beperkingGebruik*), e.g. "Openbaar".
    pub access: String,
}

impl Default for ArchiveSettings {
    fn default() -> Self {
        Self {
            creator: String::new(),
            creator_id: String::new(),
            selection_list: "Selectielijst gemeenten en intergemeentelijke organen 2020".into(),
            category_code: String::new(),
            category_label: String::new(),
            appraisal: Appraisal::Keep,
            retention_years: None,
            access: "Openbaar".into(),
        }
    }
}

impl ArchiveSettings {
    /// Whether a package can be made with these settings: the category named, a term for what
    /// is destroyed (1 to 200 years) and none for what is kept, lines of a sensible length.
    pub fn check(&self) -> Result<()> {
        let mut p = Problems::default();
        p.require("selectionList", &self.selection_list, "de selectielijst", "the selection list");
        p.require("categoryCode", &self.category_code, "de categorie (code)", "the category (code)");
        p.require("categoryLabel", &self.category_label, "de naam van de categorie", "the category's name");
        p.require("access", &self.access, "de openbaarheid", "who may see them");
        for (field, value) in [
            ("creator", &self.creator),
            ("creatorId", &self.creator_id),
            ("selectionList", &self.selection_list),
            ("categoryCode", &self.category_code),
            ("categoryLabel", &self.category_label),
            ("access", &self.access),
        ] {
            crate::base::text::check_len(&mut p, field, value, crate::base::text::MAX_LINE);
        }
        match (self.appraisal, self.retention_years) {
            (Appraisal::Destroy, Some(1..=200)) | (Appraisal::Keep, None) => {}
            (Appraisal::Destroy, _) => p.add(
                "retentionYears",
                "Geef de bewaartermijn in jaren (1 tot 200).",
                "Give the retention term in years (1 to 200).",
            ),
            (Appraisal::Keep, Some(_)) => p.add(
                "retentionYears",
                "Wat blijvend bewaard wordt heeft geen bewaartermijn.",
                "What is kept for ever has no retention term.",
            ),
        }
        p.into_result()
    }
}
