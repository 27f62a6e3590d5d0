//! What one person chose on this machine, kept beside the database and not in it (a committee
//! may share its database): the language of the screens, and where the data is (a file, or a
//! shared server's address, never with a password). The decision PDF stays Dutch whatever is
//! chosen here.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::base::error::Result;

/// The file in the app's data folder.
pub const FILE: &str = "voorkeuren.json";

/// The language of the screens. Dutch unless English was chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Nl,
    En,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct Preferences {
    pub language: Language,
    /// Where the data is, as typed in the settings: a file path or a `postgres://` address
    /// (checked when chosen; a password is refused). `None`: the file in the data folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
}

/// The preferences in `dir`. A missing, unreadable or damaged file gives the defaults: a
/// preference is never a reason not to start (and the next choice writes a good file).
pub fn read(dir: &Path) -> Preferences {
    std::fs::read(dir.join(FILE))
        .ok()
        .filter(|bytes| bytes.len() <= 4096)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Writes `preferences` to `dir`, all at once.
pub fn write(dir: &Path, preferences: &Preferences) -> Result<()> {
    crate::base::files::create_private_dir(dir)?;
    let json = serde_json::to_vec_pretty(preferences).unwrap_or_default();
    crate::base::files::write_atomically(&dir.join(FILE), &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_remembered_and_dutch_by_default() {
        let dir = tempfile::tempdir().expect("dir");
        assert_eq!(read(dir.path()).language, Language::Nl, "nothing chosen yet");
        write(dir.path(), &Preferences { language: Language::En, ..Preferences::default() }).expect("write");
        assert_eq!(read(dir.path()).language, Language::En);
        let text = std::fs::read_to_string(dir.path().join(FILE)).expect("write");
        assert!(text.contains("\"language\": \"en\""), "{text}");
    }

    #[test]
    fn a_damaged_or_strange_file_gives_the_defaults() {
        let dir = tempfile::tempdir().expect("dir");
        for bad in ["", "{", "[]", "{\"language\":\"fr\"}", "\u{0}"] {
            std::fs::write(dir.path().join(FILE), bad).expect("write");
            assert_eq!(read(dir.path()), Preferences::default(), "{bad:?}");
        }
        std::fs::write(dir.path().join(FILE), format!("{{\"language\":\"en\",\"x\":\"{}\"}}", "a".repeat(5000)))
            .expect("write");
        assert_eq!(read(dir.path()), Preferences::default(), "a file this large is not ours");
        std::fs::write(dir.path().join(FILE), "{\"language\":\"en\",\"later\":1}").expect("write");
        assert_eq!(read(dir.path()).language, Language::En, "a field of a later version is ignored");
    }
}
