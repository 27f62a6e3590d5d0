//! The report's tables as a spreadsheet (ODS, OpenDocument: on the government's comply-or-
//! explain list) and as CSV, for the council's clerk to paste into the annual documents. The
//! same tables as the PDF ([`YearlyReport::tables`]); numbers are numbers, not text.

use std::io::Cursor;

use super::tables::{Cell, Table};
use super::YearlyReport;
use crate::base::error::{Error, Result};

/// The first sheet: what the report is, for which period, from which records.
fn about(report: &YearlyReport) -> Table {
    let p = &report.provenance;
    let signed = p
        .signed_checkpoint
        .as_ref()
        .map_or_else(|| "geen".to_string(), |c| format!("{} regels, laatste regel {}", c.entries, c.head));
    let rows = [
        ("Rapport", report.title.clone()),
        ("Gemeente", report.municipality.clone()),
        (
            "Periode",
            format!(
                "{} t/m {}",
                crate::base::text::iso_date(report.period.from),
                crate::base::text::iso_date(report.period.to)
            ),
        ),
        ("Vergeleken met", report.previous.label_nl()),
        ("Stand op", crate::base::text::iso_date(p.end)),
        ("Gegevens van", crate::base::dates::rfc3339(p.made_at)),
        ("Logboek", format!("{} regels, laatste regel {}", p.checkpoint.entries, p.checkpoint.head)),
        ("Laatste ondertekende controlepunt", signed),
        ("Formaat", report.format.clone()),
    ];
    Table {
        name: "Over dit rapport".into(),
        title: "Over dit rapport".into(),
        columns: vec!["Gegeven".into(), "Waarde".into()],
        rows: rows.into_iter().map(|(k, v)| vec![Cell::Text(k.into()), Cell::Text(v)]).collect(),
    }
}

/// Every table of the file: the description first, then the report's own.
pub fn all_tables(report: &YearlyReport) -> Vec<Table> {
    std::iter::once(about(report)).chain(report.tables()).collect()
}

/// The report as an ODS file: one sheet per table, its title in the first row, the column
/// names in the second. Its files are dated the report's moment, not the clock's; the bytes
/// may still differ between two runs (the writer puts XML attributes in hash order), the
/// cells never do.
pub fn ods(report: &YearlyReport) -> Result<Vec<u8>> {
    let mut book = spreadsheet_ods::WorkBook::new_empty();
    for table in all_tables(report) {
        let mut sheet = spreadsheet_ods::Sheet::new(sheet_name(&table.name));
        sheet.set_value(0, 0, table.title.clone());
        for (c, column) in table.columns.iter().enumerate() {
            sheet.set_value(1, index(c), column.clone());
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (index(r + 2), index(c));
                match cell {
                    Cell::Text(t) => sheet.set_value(r, c, t.clone()),
                    Cell::Number(n) => sheet.set_value(r, c, *n),
                    Cell::Empty => {}
                }
            }
        }
        book.push_sheet(sheet);
    }
    book.metadata_mut().title = report.title.clone();
    let written =
        spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).map_err(|e| Error::Internal(format!("ods: {e}")))?;
    fixed_dates(&written, report.provenance.made_at)
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A sheet name as spreadsheets accept it: at most 31 characters, none of `[]*?:/\`.
fn sheet_name(name: &str) -> String {
    name.chars().filter(|c| !"[]*?:/\\'".contains(*c)).take(31).collect()
}

/// The zip again, each entry dated `at` (the writer dates them with the clock).
fn fixed_dates(zip_bytes: &[u8], at: time::OffsetDateTime) -> Result<Vec<u8>> {
    let zip_error = |e: zip::result::ZipError| Error::Internal(format!("ods zip: {e}"));
    let date = zip::DateTime::from_date_and_time(
        u16::try_from(at.year().clamp(1980, 2107)).unwrap_or(1980),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
    )
    .map_err(|e| Error::Internal(format!("ods date: {e}")))?;
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes)).map_err(zip_error)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(zip_error)?;
        out.raw_copy_file_touch(file, date, None).map_err(zip_error)?;
    }
    Ok(out.finish().map_err(zip_error)?.into_inner())
}

/// The report as one CSV file (UTF-8 with a byte-order mark and `;` between fields, as Dutch
/// spreadsheet programs open it): each table under its title, a blank line between tables.
pub fn csv(report: &YearlyReport) -> Result<Vec<u8>> {
    let csv_error = |e: csv::Error| Error::Internal(format!("csv: {e}"));
    let mut writer = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(vec![0xEF, 0xBB, 0xBF]);
    for (i, table) in all_tables(report).iter().enumerate() {
        if i > 0 {
            writer.write_record([""]).map_err(csv_error)?;
        }
        writer.write_record([table.title.as_str()]).map_err(csv_error)?;
        writer.write_record(&table.columns).map_err(csv_error)?;
        for row in &table.rows {
            writer
                .write_record(row.iter().map(|c| match c {
                    Cell::Empty => String::new(),
                    other => neutralised(&other.shown()),
                }))
                .map_err(csv_error)?;
        }
    }
    writer.into_inner().map_err(|e| Error::Internal(format!("csv: {e}")))
}

/// Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@` first) gets a leading
/// apostrophe: a proposal's title is data, never a formula (CSV injection).
fn neutralised(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => format!("'{text}"),
        Some('-') if text.parse::<i64>().is_err() => format!("'{text}"),
        _ => text.to_string(),
    }
}
