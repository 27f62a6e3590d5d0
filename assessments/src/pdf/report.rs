//! The yearly report as an archival PDF (PDF/A-3b, the same engine as the decision record):
//! every table of [`YearlyReport::tables`], with charts drawn as vector graphics (bars per
//! outcome and quarter, risk classes, the heat map of verdicts per area). The report's record
//! travels inside as `ai-toets-jaarrapportage.json`, so the figures can be read by a machine
//! and the report hashed, decades on. The same report always gives the same bytes.

use printpdf::{
    Color, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb,
    WindingOrder,
};

use super::{archive, producer, Conformance, Face, Layout, Style, BOLD, MARGIN_X, PAGE_W, REGULAR, TOP};
use crate::base::dates::{date_nl, date_time_nl};
use crate::base::error::Result;
use crate::pilot::signing::SignatureCheck;
use crate::report::signing::AdoptedReport;
use crate::report::tables::{Cell, Table};
use crate::report::YearlyReport;

/// The name of the report's record inside the PDF/A-3 file.
pub const REPORT_ATTACHMENT: &str = "ai-toets-jaarrapportage.json";

/// The colours of the four outcomes (Okabe–Ito, told apart also without colour vision; every
/// chart has its figures in a table beside it).
const OUTCOME_COLOURS: [(f32, f32, f32); 4] =
    [(0.0, 0.45, 0.70), (0.34, 0.71, 0.91), (0.90, 0.62, 0.0), (0.84, 0.37, 0.0)];
const OUTCOME_NAMES: [&str; 4] = ["Positief", "Onder voorwaarden", "Aangehouden", "Negatief"];
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN_X;

/// The SHA-256 of the report's canonical JSON: printed on the first page and in the keywords.
pub fn report_hash(report: &YearlyReport) -> Result<String> {
    Ok(crate::base::hash::sha256_hex(crate::base::hash::canonical(report)?.as_bytes()))
}

/// The report as PDF/A of the given conformance (3b for the file people keep: it carries the
/// record; 1b for the validators that know only part 1).
pub fn render(report: &YearlyReport, conformance: Conformance) -> Result<Vec<u8>> {
    render_with(report, None, conformance)
}

/// The name of an adopted report's signatures inside the PDF/A-3 file.
pub const SIGNATURES_ATTACHMENT: &str = "ai-toets-jaarrapportage-vastgesteld.json";

/// An adopted report as PDF/A, drawn from the record as adopted, with a last section on who
/// signed it (each signature as checked) and the signatures inside.
pub fn render_adopted(adopted: &AdoptedReport, checks: &[SignatureCheck], conformance: Conformance) -> Result<Vec<u8>> {
    let report = adopted.report()?;
    if report_hash(&report)? != adopted.content_hash {
        return Err(crate::Error::Pdf("the adopted report does not match its hash".into()));
    }
    render_with(&report, Some((adopted, checks)), conformance)
}

fn render_with(
    report: &YearlyReport,
    adopted: Option<(&AdoptedReport, &[SignatureCheck])>,
    conformance: Conformance,
) -> Result<Vec<u8>> {
    let hash = report_hash(report)?;
    let title = report.title.clone();
    let pages = layout(report, &hash, adopted)?;
    let record = serde_json::to_string_pretty(report).map_err(|e| crate::Error::Internal(format!("report: {e}")))?;
    let keywords = format!("AI-toets; jaarrapportage; {}; inhoudshash sha256:{hash}", report.period.label_nl());
    let producer = producer();
    let author = if report.municipality.trim().is_empty() {
        "Ethische commissie AI".to_string()
    } else {
        format!("Ethische commissie AI, {}", report.municipality.trim())
    };
    let meta = archive::Metadata {
        title: &title,
        author: &author,
        subject: "Jaarrapportage over de toetsing van AI-pilots, voor de gemeenteraad",
        keywords: &keywords,
        creator_tool: "AI-toets",
        producer: &producer,
        date: report.provenance.made_at,
        relation: None,
    };
    let signed = adopted
        .map(|(a, _)| serde_json::to_string_pretty(a).map_err(|e| crate::Error::Internal(format!("adopted: {e}"))))
        .transpose()?;
    let mut attachments = vec![archive::Attachment {
        name: REPORT_ATTACHMENT,
        description: "De cijfers van dit rapport, machineleesbaar (ai-toets/jaarrapportage/v1)",
        mime: "application/json",
        bytes: record.as_bytes(),
        relationship: "Source",
    }];
    if let Some(signed) = &signed {
        attachments.push(archive::Attachment {
            name: SIGNATURES_ATTACHMENT,
            description: "Het vastgestelde rapport (canonieke JSON) met de handtekeningen van voorzitter en secretaris",
            mime: "application/json",
            bytes: signed.as_bytes(),
            relationship: "Source",
        });
    }
    archive::finish(&pages, conformance, &meta, &attachments)
}

fn layout(report: &YearlyReport, hash: &str, adopted: Option<(&AdoptedReport, &[SignatureCheck])>) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(&report.title);
    let regular = Face::load(&mut doc, REGULAR, "Regular")?;
    let bold = Face::load(&mut doc, BOLD, "Bold")?;
    let mut l = Layout { regular, bold, pages: Vec::new(), y: TOP };
    l.new_page();
    front(&mut l, report, hash);
    let tables = report.tables();
    for table in &tables {
        let section = table.title.chars().next().is_some_and(|c| c.is_ascii_digit());
        if section {
            l.heading(&table.title);
        } else {
            l.need(20.0);
            l.gap(3.0);
            l.paragraph(&table.title, Style::Bold, 10.5);
            l.gap(1.0);
        }
        draw_table(&mut l, table);
        match table.name.as_str() {
            "1 Besluiten per kwartaal" => quarter_chart(&mut l, report),
            "3 Risicoklassen" | "3 Registercategorieën" | "5 Voorwaarden" | "7 Transparantie" => {
                bar_chart(&mut l, table)
            }
            "4 Toetsingskader" => heat_map(&mut l, table),
            _ => {}
        }
    }
    if let Some((adopted, checks)) = adopted {
        signatures(&mut l, adopted, checks);
    }
    let pages = l.into_pages(&report.title);
    let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
    Ok(doc.with_pages(pages).save(&options, &mut Vec::new()))
}

/// The last section of an adopted report: who adopted it, who signed it, each signature as
/// checked against the roster when the file was made.
fn signatures(l: &mut Layout, adopted: &AdoptedReport, checks: &[SignatureCheck]) {
    l.heading("Vastgesteld en ondertekend");
    l.field("Vastgesteld", &format!("{} door {}", date_time_nl(adopted.adopted_at), adopted.adopted_by));
    l.field("Inhoudshash", &format!("sha256:{}", adopted.content_hash));
    l.paragraph(
        "De voorzitter en de secretaris tekenen elk met een eigen Ed25519-sleutel de inhoudshash van dit rapport \
         en het controlepunt van het logboek. De handtekeningen staan ook in dit bestand \
         (ai-toets-jaarrapportage-vastgesteld.json).",
        Style::Regular,
        9.0,
    );
    for s in &adopted.signatures {
        let crate::pilot::SignatureProof::Ed25519 { fingerprint, .. } = &s.proof;
        let check = checks.iter().find(|c| c.signature_id == s.id);
        l.need(22.0);
        l.gap(2.0);
        l.paragraph(&format!("{} ({})", s.signer_name, s.role.label_nl().to_lowercase()), Style::Bold, 10.0);
        l.field("Ondertekend op", &date_time_nl(s.signed_at));
        l.field("Sleutel", fingerprint);
        let verdict = match check {
            Some(c) if c.valid => {
                "geldig toen dit bestand werd gemaakt: de handtekening past bij deze inhoud, en de ledenlijst van \
                 AI-toets wijst de sleutel aan dit lid in deze rol toe"
                    .to_string()
            }
            Some(c) => format!("ONGELDIG: {}", c.problem.clone().unwrap_or_default()),
            None => "niet gecontroleerd".to_string(),
        };
        l.field("Controle", &verdict);
    }
    let missing: Vec<String> = adopted.missing_roles().iter().map(|r| r.label_nl().to_lowercase()).collect();
    if !missing.is_empty() {
        l.gap(2.0);
        l.paragraph(&format!("Nog niet ondertekend door: {}.", missing.join(" en ")), Style::Bold, 10.0);
    }
}

/// The first page's head: what the report is and what it was computed from.
fn front(l: &mut Layout, report: &YearlyReport, hash: &str) {
    let p = &report.provenance;
    let who = if report.municipality.trim().is_empty() {
        "Ethische commissie AI".to_string()
    } else {
        format!("{} — ethische commissie AI", report.municipality.trim())
    };
    l.paragraph_at(MARGIN_X, &who, Style::Regular, 9.0, true);
    l.gap(4.0);
    l.paragraph(&report.title, Style::Bold, 18.0);
    l.gap(3.0);
    l.field("Periode", &format!("{} tot en met {}", date_nl(report.period.from), date_nl(report.period.to)));
    l.field("Vergeleken met", &format!("{} (de kolom rechts in elke tabel)", report.previous.label_nl()));
    l.field("Stand op", &date_nl(p.end));
    l.field("Gegevens van", &date_time_nl(p.made_at));
    l.field("Logboek", &format!("{} regels; laatste regel {}", p.checkpoint.entries, p.checkpoint.head));
    let signed = match &p.signed_checkpoint {
        Some(c) if c.entries == p.checkpoint.entries => "het hele logboek is ondertekend".to_string(),
        Some(c) => format!(
            "tot en met regel {} ({}); {} regels daarna nog niet bevestigd",
            c.entries,
            c.head,
            p.checkpoint.entries - c.entries
        ),
        None => "nog geen ondertekend controlepunt".into(),
    };
    l.field("Ondertekend", &signed);
    let check = match p.intact {
        Some(true) => "bij het maken van dit rapport klopte alles",
        Some(false) => "AFWIJKINGEN: de controle bij openen vond gegevens die niet kloppen; zie AI-toets",
        None => "niet uitgevoerd",
    };
    l.field("Controle", check);
    l.field("Inhoudshash", &format!("sha256:{hash}"));
    l.gap(2.0);
    l.paragraph(
        "AI-toets berekent dit rapport uit zijn eigen vastleggingen: de voorstellen, de ondertekende besluiten, \
         de vergaderingen, de opvolging en de ledenlijst. Tellingen over 'besluiten' gaan over besluiten die door \
         iedereen zijn ondertekend, op de datum van het besluit. Voorwaarden, monitoring en publicatie gaan over de \
         besluiten die op de peildatum nog liepen. Dezelfde periode en hetzelfde logboek geven precies hetzelfde \
         bestand; de cijfers staan ook machineleesbaar in dit PDF-bestand (ai-toets-jaarrapportage.json).",
        Style::Regular,
        9.5,
    );
}

/// Column widths (mm) for a table: each column as wide as its longest word (header or cell,
/// at most 34 mm), the first column takes what the others leave; scaled down if too wide.
fn widths(l: &Layout, table: &Table, size: f32) -> Vec<f32> {
    let longest = |c: usize| {
        let header = table.columns[c].split_whitespace().map(|w| l.bold.width(w, size)).fold(0.0, f32::max);
        let cells = table
            .rows
            .iter()
            .filter_map(|r| r.get(c))
            .flat_map(|cell| cell.shown().split_whitespace().map(|w| l.regular.width(w, size)).collect::<Vec<_>>())
            .fold(0.0, f32::max);
        (header.max(cells) + 2.5).min(34.0)
    };
    let mut widths: Vec<f32> = (0..table.columns.len()).map(longest).collect();
    let others: f32 = widths.iter().skip(1).sum();
    if let Some(first) = widths.first_mut() {
        *first = (WIDTH - others).max(*first).max(24.0);
    }
    let total: f32 = widths.iter().sum();
    if total > WIDTH {
        widths.iter_mut().for_each(|w| *w *= WIDTH / total);
    }
    widths
}

/// A table with wrapped cells; the header is drawn again on each new page.
fn draw_table(l: &mut Layout, table: &Table) {
    if table.rows.is_empty() {
        l.paragraph("Geen in deze periode.", Style::Regular, 9.0);
        return;
    }
    let size = match table.columns.len() {
        0..=5 => 9.0,
        6..=8 => 7.5,
        _ => 5.6,
    };
    let widths = widths(l, table, size);
    let lead = size * 0.45;
    let header = |l: &mut Layout| {
        let lines: Vec<Vec<String>> =
            table.columns.iter().zip(&widths).map(|(c, w)| l.wrap(c, Style::Bold, size, w - 1.5)).collect();
        let h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lead + 1.5;
        l.need(h + lead * 2.0);
        let mut x = MARGIN_X;
        for (cell, w) in lines.iter().zip(&widths) {
            for (i, line) in cell.iter().enumerate() {
                l.text_at(x, l.y - lead * (i as f32 + 1.0), line, Style::Bold, size, false);
            }
            x += w;
        }
        l.y -= h;
        rule(l, 0.6);
    };
    header(l);
    // A cell longer than this many lines (a long reason, say) is cut with a note: the whole
    // text is in the record inside the file and in the spreadsheet.
    const MAX_LINES: usize = 30;
    for row in &table.rows {
        let cells: Vec<(Vec<String>, bool)> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let mut lines = l.wrap(&c.shown(), Style::Regular, size, w - 1.5);
                if lines.len() > MAX_LINES {
                    lines.truncate(MAX_LINES - 1);
                    lines.push("[… verder in de bijlage]".into());
                }
                (lines, !matches!(c, Cell::Text(_)))
            })
            .collect();
        let h = cells.iter().map(|(c, _)| c.len()).max().unwrap_or(1) as f32 * lead + 1.2;
        let page = l.pages.len();
        l.need(h);
        if l.pages.len() != page {
            header(l);
        }
        let mut x = MARGIN_X;
        for ((lines, number), w) in cells.iter().zip(&widths) {
            for (i, line) in lines.iter().enumerate() {
                let tx = if *number { x + w - 2.0 - l.regular.width(line, size) } else { x };
                l.text_at(tx, l.y - lead * (i as f32 + 1.0), line, Style::Regular, size, false);
            }
            x += w;
        }
        l.y -= h;
        rule(l, 0.85);
    }
    l.gap(2.0);
}

fn rule(l: &mut Layout, shade: f32) {
    let y = l.y + 0.6;
    l.ops().extend([
        Op::SetOutlineColor { col: rgb((shade, shade, shade)) },
        Op::SetOutlineThickness { pt: Pt(0.3) },
        Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint { p: Point::new(Mm(MARGIN_X), Mm(y)), bezier: false },
                    LinePoint { p: Point::new(Mm(MARGIN_X + WIDTH), Mm(y)), bezier: false },
                ],
                is_closed: false,
            },
        },
    ]);
}

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb { r, g, b, icc_profile: None })
}

/// A filled rectangle from (x, y) at the bottom left, in mm.
fn rect(l: &mut Layout, (x, y, w, h): (f32, f32, f32, f32), colour: (f32, f32, f32)) {
    let corner = |x: f32, y: f32| LinePoint { p: Point::new(Mm(x), Mm(y)), bezier: false };
    l.ops().extend([
        Op::SetFillColor { col: rgb(colour) },
        Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: vec![corner(x, y), corner(x + w, y), corner(x + w, y + h), corner(x, y + h)],
                }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        },
    ]);
}

/// Stacked bars of the decisions per quarter, one colour per outcome, with a legend.
fn quarter_chart(l: &mut Layout, report: &YearlyReport) {
    let totals: Vec<u32> =
        report.quarters.iter().map(|q| q.positive + q.with_conditions + q.postponed + q.negative).collect();
    let most = totals.iter().copied().max().unwrap_or(0).max(1) as f32;
    let (chart_h, bar_w) = (38.0, 18.0);
    l.need(chart_h + 22.0);
    let base = l.y - chart_h - 4.0;
    for (i, q) in report.quarters.iter().enumerate() {
        let x = MARGIN_X + 8.0 + i as f32 * (bar_w + 14.0);
        let mut y = base;
        for (n, colour) in [q.positive, q.with_conditions, q.postponed, q.negative].into_iter().zip(OUTCOME_COLOURS) {
            let h = n as f32 / most * chart_h;
            if n > 0 {
                rect(l, (x, y, bar_w, h), colour);
            }
            y += h;
        }
        l.text_at(x + bar_w / 2.0 - 2.5, y + 1.5, &totals[i].to_string(), Style::Bold, 8.0, false);
        l.text_at(x + bar_w / 2.0 - 3.0, base - 4.5, &format!("K{}", q.quarter), Style::Regular, 8.0, false);
    }
    legend(l, base - 11.0);
    l.y = base - 15.0;
}

fn legend(l: &mut Layout, y: f32) {
    let mut x = MARGIN_X;
    for (name, colour) in OUTCOME_NAMES.iter().zip(OUTCOME_COLOURS) {
        rect(l, (x, y, 3.5, 3.0), colour);
        l.text_at(x + 5.0, y + 0.4, name, Style::Regular, 8.0, false);
        x += 8.0 + l.regular.width(name, 8.0) + 4.0;
    }
}

/// The first line of `text` in a chart's label column, with "…" when it goes on (the table
/// above the chart has it whole).
fn first_line(l: &Layout, text: &str, width: f32) -> String {
    let lines = l.wrap(text, Style::Regular, 7.5, width - 2.5);
    match lines.as_slice() {
        [only] => only.clone(),
        [first, ..] => format!("{first} …"),
        [] => String::new(),
    }
}

/// Horizontal bars for a table of figures: this period dark, the year before light beside.
fn bar_chart(l: &mut Layout, table: &Table) {
    let value = |c: Option<&Cell>| match c {
        Some(Cell::Number(n)) => *n,
        _ => 0,
    };
    // A share (%) is no count: the transparency chart shows the counts only.
    let rows: Vec<&Vec<Cell>> =
        table.rows.iter().filter(|r| !matches!(r.first(), Some(Cell::Text(t)) if t.contains('%'))).collect();
    let most = rows.iter().map(|r| value(r.get(1)).max(value(r.get(2)))).max().unwrap_or(0).max(1) as f32;
    let label_w = 62.0;
    let bar_room = WIDTH - label_w - 12.0;
    l.need(rows.len() as f32 * 7.0 + 10.0);
    for row in rows {
        let label = row.first().map(Cell::shown).unwrap_or_default();
        let label = first_line(l, &label, label_w - 2.0);
        let y = l.y - 5.0;
        l.text_at(MARGIN_X, y + 1.0, &label, Style::Regular, 7.5, false);
        let (now, before) = (value(row.get(1)), value(row.get(2)));
        let x = MARGIN_X + label_w;
        rect(l, (x, y + 1.6, now as f32 / most * bar_room, 2.6), OUTCOME_COLOURS[0]);
        rect(l, (x, y, before as f32 / most * bar_room, 1.4), (0.75, 0.75, 0.75));
        l.text_at(x + now as f32 / most * bar_room + 1.5, y + 1.2, &now.to_string(), Style::Regular, 7.0, false);
        l.y -= 6.0;
    }
    l.paragraph_at(
        MARGIN_X,
        "Donker: deze periode; lichtgrijs eronder: dezelfde periode een jaar eerder.",
        Style::Regular,
        7.5,
        true,
    );
    l.gap(3.0);
}

/// The verdicts per area as a heat map: each cell shaded by its share of the area's verdicts,
/// the count printed in it.
fn heat_map(l: &mut Layout, table: &Table) {
    let label_w = 66.0;
    let cell_w = (WIDTH - label_w) / 4.0;
    let cell_h = 6.5;
    // The column names with at least the first rows; the rest go on as the page allows.
    l.need(cell_h * (table.rows.len().min(4) as f32 + 2.0) + 8.0);
    let mut header_lines = 1;
    for (c, name) in table.columns.iter().skip(1).enumerate() {
        let x = MARGIN_X + label_w + c as f32 * cell_w;
        let lines = l.wrap(name, Style::Bold, 7.5, cell_w - 2.0);
        header_lines = header_lines.max(lines.len());
        for (i, line) in lines.iter().enumerate() {
            l.text_at(x + 1.0, l.y - 4.0 - 3.4 * i as f32, line, Style::Bold, 7.5, false);
        }
    }
    l.y -= 3.0 + 3.4 * header_lines as f32;
    for row in &table.rows {
        let counts: Vec<i64> = row
            .iter()
            .skip(1)
            .map(|c| match c {
                Cell::Number(n) => *n,
                _ => 0,
            })
            .collect();
        let total = counts.iter().sum::<i64>().max(1) as f32;
        l.need(cell_h);
        let y = l.y - cell_h;
        let label = row.first().map(Cell::shown).unwrap_or_default();
        let label = first_line(l, &label, label_w - 2.0);
        l.text_at(MARGIN_X, y + 2.2, &label, Style::Regular, 7.5, false);
        for (c, n) in counts.iter().enumerate() {
            let share = *n as f32 / total;
            let x = MARGIN_X + label_w + c as f32 * cell_w;
            let colour = (1.0 - 0.9 * share, 1.0 - 0.6 * share, 1.0 - 0.35 * share);
            rect(l, (x + 0.3, y + 0.3, cell_w - 0.6, cell_h - 0.6), colour);
            let text = n.to_string();
            let tx = x + cell_w / 2.0 - l.regular.width(&text, 8.0) / 2.0;
            let mut ops = super::text_ops(&l.bold.id, tx, y + 2.1, &text, 8.0, false);
            if share > 0.55 {
                // White figures on the darkest cells.
                ops[1] = Op::SetFillColor { col: rgb((1.0, 1.0, 1.0)) };
            }
            l.ops().extend(ops);
        }
        l.y -= cell_h;
    }
    l.gap(2.0);
    l.paragraph_at(
        MARGIN_X,
        "Hoe donkerder een vak, hoe groter het deel van de oordelen bij dat thema.",
        Style::Regular,
        7.5,
        true,
    );
    l.gap(3.0);
}
