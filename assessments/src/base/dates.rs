//! Dates the way Dutch readers expect them: "28 november 2026".

use time::{Date, OffsetDateTime};

pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

pub fn date_nl(d: Date) -> String {
    format!("{} {} {}", d.day(), MONTHS[usize::from(u8::from(d.month())) - 1], d.year())
}

/// Date and time in UTC, marked as such (the record stores UTC).
pub fn date_time_nl(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!("{}, {:02}:{:02} UTC", date_nl(t.date()), t.hour(), t.minute())
}

/// A moment as RFC 3339 text, as stored and signed (`2026-11-28T10:15:00Z`).
pub fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_else(|_| t.unix_timestamp().to_string())
}
