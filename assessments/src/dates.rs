//! Dates the way Dutch readers expect them: "28 november 2026".

use time::{Date, OffsetDateTime};

const MONTHS: [&str; 12] = [
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
