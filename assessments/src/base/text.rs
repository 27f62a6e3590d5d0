//! Limits and parsing for what people type: field lengths and `YYYY-MM-DD` dates.

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
