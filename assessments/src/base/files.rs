//! Writing files so that a reader never sees half of one.

use std::io::{Read, Write};
use std::path::Path;

use crate::base::error::{Message, Result};

/// Writes `bytes` to a temporary file in the same folder, flushes it to disk and renames it
/// over `path`. On failure the temporary file is removed and `path` is left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Creates the database file at `path` before SQLite does, so nobody else on the machine can
/// read it. On Unix: missing folders are created 0700 and a missing file is created empty with
/// 0600 (SQLite takes an empty file as a new database). SQLite gives the `-wal` and `-shm`
/// files it makes next to the database the database file's permissions, and a folder made
/// 0700 keeps others out of them as well. An existing file or folder is left as it is (it may
/// be shared on purpose). Windows: left to the ACLs of the folder.
///
/// Best effort: whatever fails here (a read-only folder, say) is left for SQLite to report
/// when it opens the file, in its own plain words.
pub fn prepare_private_file(path: &Path) {
    if path.as_os_str().is_empty() || path.as_os_str() == ":memory:" || path.exists() {
        return;
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if create_private_dir(dir).is_err() {
            return;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // `create_new`: never touches a file that appeared in the meantime.
        let _ = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path);
    }
}

/// Creates `dir` and any missing parents; on Unix the folders it creates are readable only by
/// their owner (0700). A folder that exists already is left as it is: it may be shared (a
/// folder chosen with `AI_TOETS_DATA_DIR`, a USB stick). Windows: new folders inherit the ACLs
/// of the user's profile, which keep other users out.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    Ok(())
}

/// Why a file chosen to read could not be used: it is too large, not a regular file, or
/// could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    TooLarge,
    NotAFile,
    Missing,
    NoAccess,
    ReadError,
    /// Not text in UTF-8.
    NotText,
}

impl Unreadable {
    /// What a person reads: what happened, in Dutch and English, without the system's own text.
    pub fn message(self) -> Message {
        let (nl, en) = match self {
            Unreadable::TooLarge => ("Het bestand is te groot.", "The file is too large."),
            Unreadable::NotAFile => (
                "Dit is geen gewoon bestand (maar een map, apparaat of pijp).",
                "This is not a regular file (but a folder, device or pipe).",
            ),
            Unreadable::Missing => ("Het bestand bestaat niet (meer).", "The file does not exist (any more)."),
            Unreadable::NoAccess => ("U hebt geen toegang tot dit bestand.", "You have no access to this file."),
            Unreadable::ReadError => ("Het bestand kon niet worden gelezen.", "The file could not be read."),
            Unreadable::NotText => ("Dit is geen tekstbestand (geen UTF-8).", "This is not a text file (not UTF-8)."),
        };
        Message::new(format!("{nl} Er is niets geïmporteerd."), format!("{en} Nothing was imported."))
    }
}

/// Reads the regular file at `path`, at most `max` bytes: a device (`/dev/zero`) or a pipe is
/// refused before it is opened, and a file that grows past `max` while being read is refused
/// without reading more (the size the file system reports is not trusted).
pub fn read_bounded(path: &Path, max: usize) -> std::result::Result<Vec<u8>, Unreadable> {
    let kind = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Unreadable::Missing,
        std::io::ErrorKind::PermissionDenied => Unreadable::NoAccess,
        _ => Unreadable::ReadError,
    };
    if !std::fs::metadata(path).map_err(kind)?.is_file() {
        return Err(Unreadable::NotAFile);
    }
    let file = std::fs::File::open(path).map_err(kind)?;
    if !file.metadata().map_err(kind)?.is_file() {
        return Err(Unreadable::NotAFile);
    }
    let mut bytes = Vec::new();
    file.take(max as u64 + 1).read_to_end(&mut bytes).map_err(kind)?;
    if bytes.len() > max {
        return Err(Unreadable::TooLarge);
    }
    Ok(bytes)
}

/// A file's name as messages show it (the whole path when it has none).
pub fn shown_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Reads a text file chosen by the user with [`read_bounded`]: its name (for messages) and its
/// text.
pub fn read_text(path: &Path, max: usize) -> std::result::Result<(String, String), Unreadable> {
    let name = shown_name(path);
    let text = String::from_utf8(read_bounded(path, max)?).map_err(|_| Unreadable::NotText)?;
    Ok((name, text))
}

/// What a file offered in a save dialog holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `besluit-<pilot>.pdf`
    DecisionPdf,
    /// `voorstel-<pilot>.json`
    Proposal,
    /// `algoritmeregister-<pilot>.json`
    RegisterEntry,
    /// `monitoringsrapportage-<pilot>.json`
    MonitoringReport,
}

/// The file name offered in the save dialog for a file of `kind` about the pilot `title`.
pub fn file_name(kind: FileKind, title: &str) -> String {
    let (prefix, extension) = match kind {
        FileKind::DecisionPdf => ("besluit", "pdf"),
        FileKind::Proposal => ("voorstel", "json"),
        FileKind::RegisterEntry => ("algoritmeregister", "json"),
        FileKind::MonitoringReport => ("monitoringsrapportage", "json"),
    };
    format!("{prefix}-{}.{extension}", slug(title))
}

/// The file name offered in the save dialog: `besluit-<name of the pilot>.pdf`, in plain
/// ASCII so it survives any file system and e-mail program.
pub fn pdf_file_name(title: &str) -> String {
    file_name(FileKind::DecisionPdf, title)
}

/// The pilot's name in plain lower-case ASCII words joined by `-`, at most about 60
/// characters; `pilot` when nothing is left.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in deunicode::deunicode(title).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "pilot".to_string()
    } else {
        slug.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::pdf_file_name;

    #[test]
    fn pdf_file_names_are_plain_and_recognisable() {
        assert_eq!(
            pdf_file_name("Chatbot ‘Vraag het Overbetuwe’ — afvalwijzer"),
            "besluit-chatbot-vraag-het-overbetuwe-afvalwijzer.pdf"
        );
        assert_eq!(pdf_file_name("Wmo-prognose: één model, ĳzer & co."), "besluit-wmo-prognose-een-model-ijzer-co.pdf");
        assert_eq!(pdf_file_name("<script>"), "besluit-script.pdf");
        assert_eq!(pdf_file_name("!!!"), "besluit-pilot.pdf");
    }
}
