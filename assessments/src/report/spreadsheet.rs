//! The report's tables as a spreadsheet (ODS, OpenDocument: on the government's comply-or-
//! explain list) and as CSV, for the council's clerk to paste into the annual documents. The
//! same tables as the PDF ([`YearlyReport::tables`]); numbers are numbers, not text.

use std::io::{Cursor, Write};

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

/// The report as an ODS file (OpenDocument 1.3): one sheet per table, its title in the first
/// row, the column names in the second; whole numbers as numbers. Written here as the four
/// parts a spreadsheet needs (mimetype, manifest, content, meta), in a fixed order with the
/// report's moment as their date, so the same report always gives the same bytes.
pub fn ods(report: &YearlyReport) -> Result<Vec<u8>> {
    let zip_error = |e: zip::result::ZipError| Error::Internal(format!("ods: {e}"));
    let io_error = |e: std::io::Error| Error::Internal(format!("ods: {e}"));
    let at = report.provenance.made_at;
    let date = zip::DateTime::from_date_and_time(
        u16::try_from(at.year().clamp(1980, 2107)).unwrap_or(1980),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
    )
    .map_err(|e| Error::Internal(format!("ods date: {e}")))?;
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(date);
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // The mimetype first and uncompressed, as ODF asks, so a program knows the file by its start.
    for (name, options, text) in [
        ("mimetype", stored, MIMETYPE.to_string()),
        ("META-INF/manifest.xml", deflated, MANIFEST.to_string()),
        ("meta.xml", deflated, meta(report)),
        ("content.xml", deflated, content(&all_tables(report))),
    ] {
        out.start_file(name, options).map_err(zip_error)?;
        out.write_all(text.as_bytes()).map_err(io_error)?;
    }
    Ok(out.finish().map_err(zip_error)?.into_inner())
}

const MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

/// Text as XML character data or an attribute value (a control character XML cannot carry is
/// written as the visible text `\u{…}`).
fn xml(text: &str) -> String {
    crate::base::xml::escape(text)
}

fn meta(report: &YearlyReport) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta><meta:generator>{}</meta:generator><dc:title>{}</dc:title><dc:date>{}</dc:date></office:meta></office:document-meta>
"#,
        xml(&format!("AI-toets {}", env!("CARGO_PKG_VERSION"))),
        xml(&report.title),
        crate::base::dates::rfc3339(report.provenance.made_at)
    )
}

fn content(tables: &[Table]) -> String {
    use std::fmt::Write as _;
    let mut body = String::new();
    let cell = |body: &mut String, cell: &Cell| {
        let _ = match cell {
            Cell::Text(t) => write!(
                body,
                r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                xml(t)
            ),
            Cell::Number(n) => write!(
                body,
                r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
            ),
            Cell::Empty => write!(body, "<table:table-cell/>"),
        };
    };
    for table in tables {
        let _ = write!(body, r#"<table:table table:name="{}">"#, xml(&sheet_name(&table.name)));
        let columns = table.columns.len().max(1);
        let _ = write!(body, r#"<table:table-column table:number-columns-repeated="{columns}"/>"#);
        let header = std::iter::once(vec![Cell::Text(table.title.clone())])
            .chain(std::iter::once(table.columns.iter().map(|c| Cell::Text(c.clone())).collect()));
        for row in header.chain(table.rows.iter().cloned()) {
            body.push_str("<table:table-row>");
            for c in &row {
                cell(&mut body, c);
            }
            body.push_str("</table:table-row>");
        }
        body.push_str("</table:table>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>
"#
    )
}

/// A sheet name as spreadsheets accept it: at most 31 characters, none of `[]*?:/\'`.
fn sheet_name(name: &str) -> String {
    name.chars().filter(|c| !"[]*?:/\\'".contains(*c)).take(31).collect()
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
