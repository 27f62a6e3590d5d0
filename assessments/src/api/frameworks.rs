//! Framework versions: the shipped ones and revisions the municipality loads.

use super::{Assessments, ADMINISTRATOR};
use crate::views::FrameworkVersion;

use std::path::Path;

use crate::audit::Change;
use crate::base::error::{Error, Result};
use crate::framework::Framework;
use crate::framework::{diff, Registry};
use crate::storage::FrameworkFile;

/// A framework file read and checked whole, before the store is taken (an invariant,
/// ARCHITECTURE.md: a file to import is parsed without holding the store). Made only by
/// [`Assessments::check_framework`], so its text and its parsed form belong together.
pub struct CheckedFramework {
    file_name: String,
    source: String,
    framework: Framework,
}

impl Assessments {
    /// Every framework version known, shipped and loaded.
    pub fn registry(&mut self) -> Result<&Registry> {
        if self.frameworks.is_none() {
            let mut versions = Framework::builtin()?;
            for file in self.store.framework_files()? {
                versions.push(Framework::parse(&file.file_name, &file.source)?);
            }
            self.frameworks = Some(Registry::new(versions));
        }
        self.frameworks.as_ref().ok_or(Error::NotFound { what: "frameworks" })
    }

    /// The framework versions, oldest first, each with what changed since the one before.
    pub fn framework_versions(&mut self) -> Result<Vec<FrameworkVersion>> {
        let today = (self.now)().date();
        let loaded: Vec<_> = self.store.framework_files()?;
        let registry = self.registry()?;
        let current = registry.current_on(today).ok().map(|f| f.reference());
        Ok(registry
            .versions()
            .iter()
            .map(|f| FrameworkVersion {
                loaded_from: loaded
                    .iter()
                    .find(|l| l.framework_id == f.id && l.version == f.version)
                    .map(|l| l.file_name.clone()),
                current: current.as_ref() == Some(&f.reference()),
                changes: registry.previous(&f.reference()).map(|old| diff(old, f)),
                framework: f.clone(),
            })
            .collect())
    }

    /// Loads a revised framework file: validated whole first; nothing is kept when any part
    /// is wrong, or when its version already exists.
    pub fn load_framework(&mut self, file_name: &str, source: &str) -> Result<FrameworkVersion> {
        self.keep_framework(Self::check_framework(file_name, source)?)
    }

    /// Checks a framework file whole, without the store (see [`CheckedFramework`]).
    pub fn check_framework(file_name: &str, source: &str) -> Result<CheckedFramework> {
        if source.len() > crate::framework::MAX_FILE_BYTES {
            return Err(Error::Framework {
                file: file_name.to_string(),
                field: "-".into(),
                problem: "het bestand is te groot (meer dan 1 MB) / the file is too large (over 1 MB)".into(),
            });
        }
        let framework = Framework::parse(file_name, source)?;
        Ok(CheckedFramework { file_name: file_name.to_string(), source: source.to_string(), framework })
    }

    /// Keeps a checked framework file, unless its version already exists.
    // Invariant (ARCHITECTURE.md): a version once shipped or loaded never changes.
    pub fn keep_framework(&mut self, checked: CheckedFramework) -> Result<FrameworkVersion> {
        let CheckedFramework { file_name, source, framework } = checked;
        if self.registry()?.find(&framework.reference()).is_ok() {
            return Err(Error::not_allowed(
                format!(
                    "Versie {} van het toetsingskader bestaat al. Een vastgestelde versie verandert nooit: geef de herziening een nieuw versienummer.",
                    framework.version
                ),
                format!("Version {} of the framework already exists. Give the revision a new version number.", framework.version),
            ));
        }
        let audit = Change::new(ADMINISTRATOR, format!("toetsingskader {} geladen", framework.version));
        self.store.add_framework_file(
            &FrameworkFile {
                framework_id: framework.id.clone(),
                version: framework.version.clone(),
                file_name,
                source,
                loaded_at: (self.now)(),
            },
            &audit,
        )?;
        self.frameworks = None;
        let reference = framework.reference();
        self.framework_versions()?
            .into_iter()
            .find(|v| v.framework.reference() == reference)
            .ok_or(Error::NotFound { what: "framework version" })
    }

    /// Reads a framework file chosen by the user and checks it, without the store: the shell
    /// does this before it takes the store, then keeps it with [`Self::keep_framework`].
    pub fn read_framework_file(path: &Path) -> Result<CheckedFramework> {
        use crate::base::files::{read_text, shown_name, Unreadable};
        let fail =
            |problem: &str| Error::Framework { file: shown_name(path), field: "-".into(), problem: problem.into() };
        let (name, source) = match read_text(path, crate::framework::MAX_FILE_BYTES) {
            Ok(read) => read,
            Err(Unreadable::TooLarge) => {
                return Err(fail("het bestand is te groot (meer dan 1 MB) / the file is too large (over 1 MB)"))
            }
            Err(Unreadable::NotText) => return Err(fail("geen tekstbestand in UTF-8 / not a UTF-8 text file")),
            Err(e) => return Err(Error::BadFile(e.message())),
        };
        Self::check_framework(&name, &source)
    }

    /// Reads a framework file chosen by the user and loads it (see [`Self::load_framework`]).
    pub fn load_framework_file(&mut self, path: &Path) -> Result<FrameworkVersion> {
        self.keep_framework(Self::read_framework_file(path)?)
    }
}
