//! Limits and parsing for what people type: field lengths, `YYYY-MM-DD` dates, and the
//! bidirectional control characters shown instead of obeyed.

use time::Date;

use crate::base::error::Problems;

/// The longest text we accept in one field. Generous for a motivation, small enough that a
/// pasted book does not end up in the archive record.
pub const MAX_TEXT: usize = 20_000;
/// The longest one-line field (a title, a name).
pub const MAX_LINE: usize = 300;

pub(crate) fn check_len(p: &mut Problems, field: &str, value: &str, max: usize) {
    let n = value.chars().count();
    if n > max {
        p.add(
            field,
            format!("Dit veld is te lang: {n} tekens, maximaal {max}."),
            format!("This field is too long: {n} characters, at most {max}."),
        );
    }
}

/// Whether `c` changes the direction text is drawn in (Unicode's explicit bidi formatting and
/// marks): U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069. "rapport\u{202E}fdp.exe"
/// is drawn by a bidi-aware reader as "rapportexe.pdf".
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every bidirectional control character written out as `[U+202E]`, so a reader
/// sees it is there and the text keeps the order it was typed in. The screens do the same
/// (`ui/src/lib/bidi.ts`).
pub fn show_bidi_controls(text: &str) -> String {
    if !text.chars().any(is_bidi_control) {
        return text.to_string();
    }
    text.chars().map(|c| if is_bidi_control(c) { format!("[U+{:04X}]", c as u32) } else { c.to_string() }).collect()
}

/// A date as `YYYY-MM-DD`, the form the UI and the files use.
pub fn iso_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Parses a `YYYY-MM-DD` date as entered in the UI.
pub fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s.trim(), time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// Serde for an optional `YYYY-MM-DD` date.
pub mod optional_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    const FORMAT: &[time::format_description::BorrowedFormatItem<'_>] =
        time::macros::format_description!("[year]-[month]-[day]");

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_some(&d.format(FORMAT).map_err(serde::ser::Error::custom)?),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        Option::<String>::deserialize(d)?.map(|s| Date::parse(&s, FORMAT).map_err(serde::de::Error::custom)).transpose()
    }
}

/// Serde for a `YYYY-MM-DD` date.
pub mod iso {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::iso_date(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_date(&s).ok_or_else(|| serde::de::Error::custom("a date as YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod bidi_tests {
    use super::*;

    #[test]
    fn bidirectional_controls_are_written_out_and_nothing_else_changes() {
        assert_eq!(show_bidi_controls("rapport\u{202E}fdp.exe"), "rapport[U+202E]fdp.exe");
        assert_eq!(show_bidi_controls("a\u{2066}b\u{2069}\u{200F}"), "a[U+2066]b[U+2069][U+200F]");
        let plain = "Gewone tekst, met é, ü, \u{05D0} (Hebreeuws) en een\nregel";
        assert_eq!(show_bidi_controls(plain), plain, "letters of a right-to-left script are text, not controls");
        for c in ['\u{061C}', '\u{200E}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{2067}', '\u{2068}'] {
            assert!(is_bidi_control(c), "{c:?}");
        }
        assert!(!is_bidi_control('\u{200B}') && !is_bidi_control('\u{2065}') && !is_bidi_control('\u{206A}'));
    }
}
