//! Writing files so that a reader never sees half of one.

use std::io::Write;
use std::path::Path;

use crate::error::Result;

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

/// The file name offered in the save dialog: `besluit-<name of the pilot>.pdf`, in plain
/// ASCII so it survives any file system and e-mail program.
pub fn pdf_file_name(title: &str) -> String {
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
        "besluit-pilot.pdf".to_string()
    } else {
        format!("besluit-{slug}.pdf")
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
