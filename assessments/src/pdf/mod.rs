//! The decision record as a PDF a committee signs and an archivist keeps: A4, DejaVu Sans
//! embedded and subset (shipped in `assessments/fonts/` with its licence), wrapped paragraphs,
//! "pagina X van Y". This module lays out text itself: printpdf without its HTML feature
//! places glyphs, and we measure them with the font's own widths. [`archive`] then makes the
//! file PDF/A (XMP, sRGB output intent, the signed record attached), and [`verify`] checks a
//! PDF on its own, reading it through [`reader`].
//!
//! The pages are a function of the signed record, its signatures and the framework alone
//! ([`Sheet`]): nothing from the app's roster or clock. So the same record always gives the
//! same bytes, and `ai-toets-verify` draws the pages again from what the PDF carries and
//! compares them with the file, byte for byte. Whoever changes what the pages show or how
//! (layout, fonts, metadata, a dependency that writes the PDF) bumps [`RENDERER_VERSION`]:
//! a verifier compares only files from its own renderer.

pub mod archive;
pub mod reader;
pub mod report;
pub mod validation;
pub mod verify;

pub use archive::Conformance;
pub use validation::ValidationRecord;

use std::collections::BTreeMap;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rgb, TextItem,
};
use time::OffsetDateTime;

use crate::base::dates::{date_nl, date_time_nl};
use crate::base::error::{Error, Result};
use crate::committee::Role;
use crate::framework::{Framework, Question, Text};
use crate::pilot::signing::{DocumentReport, SignatureCheck, SignedDocument};
use crate::pilot::{Decision, Pilot, Proposal, Signature};
use crate::views::PilotView;

const REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN_X: f32 = 22.0;
const TOP: f32 = 275.0;
const BOTTOM: f32 = 24.0;

struct Face {
    font: ParsedFont,
    id: FontId,
}

impl Face {
    /// Adds the font under a fixed resource name (printpdf's `add_font` picks a random one,
    /// which would make every export differ).
    fn load(doc: &mut PdfDocument, bytes: &[u8], name: &str) -> Result<Self> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| Error::Pdf("font".into()))?;
        let id = FontId(name.to_string());
        doc.resources.fonts.map.insert(id.clone(), printpdf::PdfFont::new(font.clone()));
        Ok(Self { font, id })
    }

    /// Width of `text` in mm at `size` pt.
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                let gid = self.font.lookup_glyph_index(c as u32).unwrap_or(0);
                self.font.get_glyph_width_internal(gid).unwrap_or(0) as u32
            })
            .sum();
        let pt = units as f32 * size / f32::from(self.font.font_metrics.units_per_em.max(1));
        pt * 25.4 / 72.0
    }
}

#[derive(Clone, Copy)]
enum Style {
    Regular,
    Bold,
}

/// Pages being filled top to bottom.
struct Layout {
    regular: Face,
    bold: Face,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn face(&self, style: Style) -> &Face {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Makes room for `h` mm, starting a new page when it does not fit.
    fn need(&mut self, h: f32) {
        if self.y - h < BOTTOM {
            self.new_page();
        }
    }

    fn text_at(&mut self, x: f32, y: f32, text: &str, style: Style, size: f32, grey: bool) {
        let ops = text_ops(&self.face(style).id, x, y, text, size, grey);
        self.ops().extend(ops);
    }

    /// Wraps `text` to `width` mm; keeps the writer's line breaks.
    fn wrap(&self, text: &str, style: Style, size: f32, width: f32) -> Vec<String> {
        let face = self.face(style);
        let mut lines = Vec::new();
        for para in clean(text).split('\n') {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
                if face.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word longer than the line (a URL, a hash) is cut where it must be.
                let mut rest = String::new();
                for c in word.chars() {
                    rest.push(c);
                    if face.width(&rest, size) > width {
                        let c = rest.pop().unwrap_or(' ');
                        lines.push(std::mem::take(&mut rest));
                        rest.push(c);
                    }
                }
                line = rest;
            }
            lines.push(line);
        }
        lines
    }

    fn paragraph_at(&mut self, x: f32, text: &str, style: Style, size: f32, grey: bool) {
        let lead = size * 0.5;
        let width = PAGE_W - MARGIN_X - x;
        for line in self.wrap(text, style, size, width) {
            self.need(lead);
            self.y -= lead;
            self.text_at(x, self.y, &line, style, size, grey);
        }
    }

    fn paragraph(&mut self, text: &str, style: Style, size: f32) {
        self.paragraph_at(MARGIN_X, text, style, size, false);
    }

    fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    fn heading(&mut self, text: &str) {
        self.need(22.0);
        self.gap(5.0);
        self.paragraph(text, Style::Bold, 13.0);
        self.rule();
        self.gap(1.5);
    }

    fn rule(&mut self) {
        self.gap(1.5);
        let y = self.y;
        self.ops().extend([
            Op::SetOutlineColor { col: Color::Rgb(Rgb { r: 0.6, g: 0.6, b: 0.6, icc_profile: None }) },
            Op::SetOutlineThickness { pt: Pt(0.5) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint { p: Point::new(Mm(MARGIN_X), Mm(y)), bezier: false },
                        LinePoint { p: Point::new(Mm(PAGE_W - MARGIN_X), Mm(y)), bezier: false },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// "Label: value" with the label in a fixed column.
    fn field(&mut self, label: &str, value: &str) {
        let value = if value.trim().is_empty() { "—" } else { value };
        // A label wider than its column gets a line of its own.
        if self.bold.width(label, 10.0) > 43.0 {
            self.need(10.0);
            self.y -= 5.0;
            self.text_at(MARGIN_X, self.y, label, Style::Bold, 10.0, false);
            self.paragraph_at(MARGIN_X + 45.0, value, Style::Regular, 10.0, false);
            return;
        }
        let lines = self.wrap(value, Style::Regular, 10.0, PAGE_W - 2.0 * MARGIN_X - 45.0);
        for (i, line) in lines.iter().enumerate() {
            self.need(5.0);
            self.y -= 5.0;
            if i == 0 {
                self.text_at(MARGIN_X, self.y, label, Style::Bold, 10.0, false);
            }
            self.text_at(MARGIN_X + 45.0, self.y, line, Style::Regular, 10.0, false);
        }
    }

    /// The filled pages, each with its footer (the title and "pagina X van Y"), now that the
    /// page count is known.
    fn into_pages(mut self, title: &str) -> Vec<PdfPage> {
        let total = self.pages.len();
        let footer_title = self
            .wrap(&format!("AI-toets · {title}"), Style::Regular, 8.0, 120.0)
            .into_iter()
            .next()
            .unwrap_or_default();
        std::mem::take(&mut self.pages)
            .into_iter()
            .enumerate()
            .map(|(i, mut ops)| {
                let number = format!("pagina {} van {}", i + 1, total);
                let number_x = PAGE_W - MARGIN_X - self.regular.width(&number, 8.0);
                ops.extend(text_ops(&self.regular.id, MARGIN_X, 12.0, &footer_title, 8.0, true));
                ops.extend(text_ops(&self.regular.id, number_x, 12.0, &number, 8.0, true));
                PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)
            })
            .collect()
    }
}

/// Who decided: the meeting, who was there, conflicts of interest, votes, minority opinions.
fn meeting_section(l: &mut Layout, record: &crate::meeting::MeetingRecord) {
    use crate::meeting::VoteChoice;
    // Keep the attendance list on one page.
    l.need(26.0 + 10.0 * record.members.len() as f32);
    l.gap(3.0);
    l.paragraph("Vergadering", Style::Bold, 10.5);
    let date = crate::base::text::parse_date(&record.date).map(date_nl).unwrap_or_else(|| record.date.clone());
    l.field("Datum en plaats", &format!("{date}, {}", record.place));
    let quorum = match record.quorum {
        crate::meeting::QuorumRule::Majority => "meer dan de helft van de leden".to_string(),
        crate::meeting::QuorumRule::AtLeast { count } => format!("minstens {count} leden"),
    };
    l.field("Quorum", &quorum);
    for m in &record.members {
        let conflict = record.conflicts.iter().find(|c| c.member == m.name);
        let vote = record.votes.iter().find(|v| v.member == m.name).map(|v| match v.choice {
            VoteChoice::For => "stemde voor",
            VoteChoice::Against => "stemde tegen",
            VoteChoice::Abstain => "onthield zich",
        });
        let status = match (m.present, conflict, vote) {
            (false, _, _) => "afwezig".to_string(),
            (true, Some(c), _) => format!("belangenverstrengeling ({}); stemde niet en tekent niet", c.reason),
            (true, None, Some(v)) => format!("aanwezig, {v}"),
            (true, None, None) => "aanwezig".to_string(),
        };
        l.field(&format!("{} ({})", m.name, m.role.label_nl().to_lowercase()), &status);
    }
    for o in &record.minority_opinions {
        l.gap(1.0);
        l.paragraph(&format!("Minderheidsstandpunt van {}", o.member), Style::Bold, 10.0);
        l.paragraph(&o.text, Style::Regular, 10.0);
    }
}

/// One line of text at (x, y) mm, from the bottom left.
fn text_ops(font: &FontId, x: f32, y: f32, text: &str, size: f32, grey: bool) -> [Op; 6] {
    let shade = if grey { 0.35 } else { 0.0 };
    [
        Op::StartTextSection,
        Op::SetFillColor { col: Color::Rgb(Rgb { r: shade, g: shade, b: shade, icc_profile: None }) },
        Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(size) },
        Op::SetTextCursor { pos: Point::new(Mm(x), Mm(y)) },
        Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
        Op::EndTextSection,
    ]
}

/// Drops control characters that would garble the page; keeps line breaks; writes out the
/// bidirectional controls (`[U+202E]`) that a reader's copy-paste would obey.
fn clean(text: &str) -> String {
    crate::base::text::show_bidi_controls(&text.replace("\r\n", "\n"))
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// The name of the signed record inside the PDF/A-3 file.
pub const RECORD_ATTACHMENT: &str = "ai-toets-besluit.json";
/// The name of the framework inside the PDF/A-3 file, when the app does not ship it (a
/// revision the municipality loaded), so the pages can be drawn again offline.
pub const FRAMEWORK_ATTACHMENT: &str = "toetsingskader.toml";

/// The version of what the pages show and how they are written. Bump it with any change that
/// changes the bytes of the PDF for the same record.
pub const RENDERER_VERSION: u32 = 4;

/// The PDF's `Producer` (information dictionary and XMP): the app and the renderer version.
/// `ai-toets-verify` compares pages only of files with exactly this producer.
pub fn producer() -> String {
    format!("AI-toets {}; opmaak/renderer {RENDERER_VERSION}", env!("CARGO_PKG_VERSION"))
}

/// The first line of an attached framework file.
const FRAMEWORK_HEADER: &str = "# Het toetsingskader van dit besluit, zoals AI-toets het gebruikte.\n\
     # The review framework of this decision, as AI-toets used it.\n\n";

/// The framework as the PDF carries it when the app does not ship it: TOML that
/// [`Framework::parse`] reads back to the same framework.
pub fn framework_source(framework: &Framework) -> Result<String> {
    let body = toml::to_string(framework).map_err(|e| Error::Internal(format!("framework as TOML: {e}")))?;
    Ok(format!("{FRAMEWORK_HEADER}{body}"))
}

/// What the PDF shows, derived from the signed record, its signatures and the framework
/// alone (plus the pilot's status): never from the roster or the clock of the app that prints
/// it. `ai-toets-verify` builds the same sheet from the PDF's attachments.
///
/// Each signature's "Controle" line says what the document itself proves: the signature
/// matches this record and its hash (the check of [`crate::pilot::signing::verify_document`]).
/// Whether the key is the member's is a question for the roster, which the PDF cannot answer
/// for ever (a key may be declared compromised later); the page says so and prints the
/// fingerprints to compare.
pub struct Sheet<'a> {
    pilot: &'a Pilot,
    framework: &'a Framework,
    ai_act: crate::wizard::Conclusion,
    not_applicable: BTreeMap<String, Text>,
    document: SignedDocument,
    /// `None` without a decision (a draft printed from the app).
    report: Option<DocumentReport>,
    missing_roles: Vec<Role>,
    /// The bytes of the attachments the decision relied on, in its order.
    files: Vec<Vec<u8>>,
    /// The transfer copy's: the SHA-256 of the signed record's JSON file beside it.
    transfer: Option<String>,
}

impl<'a> Sheet<'a> {
    /// `pilot`: the record and its signatures (the status is printed as it is); `framework`:
    /// the version the record names.
    pub fn new(pilot: &'a Pilot, framework: &'a Framework) -> Result<Self> {
        let facts = crate::pilot::applicability::Facts::of(pilot);
        let document = SignedDocument::of(pilot)?;
        let report = match &pilot.decision {
            Some(_) => Some(crate::pilot::signing::verify_document(&document)?),
            None => None,
        };
        Ok(Self {
            ai_act: pilot.ai_act()?,
            not_applicable: framework
                .questions()
                .filter_map(|(_, q)| crate::pilot::applicability::reason(q, facts).map(|r| (q.id.clone(), r)))
                .collect(),
            missing_roles: pilot.missing_roles(),
            report,
            document,
            pilot,
            framework,
            files: Vec::new(),
            transfer: None,
        })
    }

    /// The bytes of the attachments the decision relied on, in its order.
    pub fn with_files(mut self, files: Vec<Vec<u8>>) -> Self {
        self.files = files;
        self
    }

    fn check(&self, signature: &Signature) -> Option<&SignatureCheck> {
        self.report.as_ref()?.signatures.iter().find(|c| c.signature_id == signature.id)
    }

    /// When the record became what it is: the last signature, else the decision. The PDF's
    /// date, so the same record always gives the same file.
    fn completed_at(&self) -> OffsetDateTime {
        let pilot = self.pilot;
        pilot
            .signatures
            .iter()
            .map(|s| s.signed_at)
            .max()
            .or(pilot.decision.as_ref().map(|d| d.decided_at))
            .unwrap_or(pilot.updated_at)
    }
}

/// The transfer copy of a decision (PDF/A-2b, no embedded files) and the files that go beside
/// it: what an archive keeps of one decision.
pub struct Transfer {
    /// The PDF/A-2b; its last page and its XMP name the record's SHA-256.
    pub pdf: Vec<u8>,
    /// The signed record ([`RECORD_ATTACHMENT`]), the same bytes the PDF/A-3b carries.
    pub record: String,
    /// The SHA-256 (hex) of `record`.
    pub record_sha256: String,
    /// The framework ([`FRAMEWORK_ATTACHMENT`]) when the app does not ship it.
    pub framework: Option<String>,
}

/// The transfer copy of the decision `sheet` shows: the pages of the working copy, saying that
/// the record is beside the file with its SHA-256 (also in the XMP's `dc:relation`), as
/// PDF/A-2b without embedded files. The attachments the decision relied on go beside it too;
/// their hashes are on the pages and in the record.
pub fn render_transfer(sheet: Sheet<'_>) -> Result<Transfer> {
    let record = sheet.document.to_json()?;
    let record_sha256 = crate::base::hash::sha256_hex(record.as_bytes());
    let shipped = Framework::builtin()?.contains(sheet.framework);
    let framework = if shipped { None } else { Some(framework_source(sheet.framework)?) };
    let sheet = Sheet { transfer: Some(record_sha256.clone()), ..sheet };
    let pdf = render_sheet(&sheet, Conformance::A2b)?;
    Ok(Transfer { pdf, record, record_sha256, framework })
}

impl Sheet<'_> {
    /// The transfer copy's pages ([`render_transfer`]), to write in another conformance: the
    /// tests write them as PDF/A-1b for PDFBox Preflight, which checks PDF/A-1 only.
    pub fn for_transfer(self) -> Result<Self> {
        let record = self.document.to_json()?;
        Ok(Self { transfer: Some(crate::base::hash::sha256_hex(record.as_bytes())), ..self })
    }
}

/// Renders the decision record as an archival PDF of the given conformance. For PDF/A-3b the
/// signed record ([`crate::pilot::signing::SignedDocument`]) is attached as JSON, and the framework
/// as TOML when the app does not ship it.
pub fn render(view: &PilotView, conformance: Conformance) -> Result<Vec<u8>> {
    render_with(view, Vec::new(), conformance)
}

/// [`render`] with the bytes of the attachments the decision relied on, in its order (the
/// PDF/A-3 carries them as associated files).
pub fn render_with(view: &PilotView, files: Vec<Vec<u8>>, conformance: Conformance) -> Result<Vec<u8>> {
    render_sheet(&Sheet::new(&view.pilot, &view.framework)?.with_files(files), conformance)
}

/// The name under which the PDF carries the decision's attachment number `index` (from 1):
/// unique by its number, recognisable by its hash and readable by its name.
pub fn embedded_name(index: usize, a: &crate::attachments::AttachmentRef) -> String {
    format!("bijlage-{index}-{}-{}", a.sha256.get(..12).unwrap_or_default(), a.name)
}

/// [`render`], from what the PDF shows.
pub fn render_sheet(sheet: &Sheet<'_>, conformance: Conformance) -> Result<Vec<u8>> {
    let pilot = sheet.pilot;
    let title = format!("Besluit AI-pilot: {}", clean(&pilot.proposal.title).replace('\n', " "));
    let pages = layout(sheet, &title)?;
    let document = sheet.document.to_json()?;
    let keywords = match &sheet.transfer {
        None => format!("AI-toets; besluit; inhoudshash sha256:{}", sheet.document.content_hash),
        Some(json) => format!(
            "AI-toets; besluit; overdrachtsexemplaar; inhoudshash sha256:{}; {RECORD_ATTACHMENT} sha256:{json}",
            sheet.document.content_hash
        ),
    };
    let relation = sheet.transfer.as_ref().map(|json| format!("{RECORD_ATTACHMENT} sha256:{json}"));
    let producer = producer();
    let meta = archive::Metadata {
        title: &title,
        author: "Ethische commissie AI",
        subject: "Besluit van de ethische commissie over een AI-pilot",
        keywords: &keywords,
        creator_tool: "AI-toets",
        producer: &producer,
        date: sheet.completed_at(),
        relation: relation.as_deref(),
    };
    let mut attachments = vec![archive::Attachment {
        name: RECORD_ATTACHMENT,
        description: "Het ondertekende besluit, machineleesbaar (ai-toets/signed-decision/v1)",
        mime: "application/json",
        bytes: document.as_bytes(),
        relationship: "Source",
    }];
    let shipped = Framework::builtin()?.contains(sheet.framework);
    let framework = if shipped { None } else { Some(framework_source(sheet.framework)?) };
    if let Some(source) = &framework {
        attachments.push(archive::Attachment {
            name: FRAMEWORK_ATTACHMENT,
            description: "Het toetsingskader van dit besluit (niet ingebouwd in AI-toets)",
            mime: "application/toml",
            bytes: source.as_bytes(),
            relationship: "Source",
        });
    }
    // The files the committee relied on, each checked against the hash the decision names.
    let relied_on = pilot.decision.as_ref().map_or(&[][..], |d| d.attachments.as_slice());
    if relied_on.len() != sheet.files.len() {
        return Err(Error::Pdf("the decision's attachments are not all at hand".into()));
    }
    let names: Vec<String> = relied_on.iter().enumerate().map(|(i, a)| embedded_name(i + 1, a)).collect();
    for ((reference, bytes), name) in relied_on.iter().zip(&sheet.files).zip(&names) {
        if crate::base::hash::sha256_hex(bytes) != reference.sha256 {
            return Err(Error::Pdf(format!("attachment {} does not match its hash", reference.id)));
        }
        attachments.push(archive::Attachment {
            name,
            description: "Bijlage waarop de commissie zich baseerde (SHA-256 in het besluit)",
            mime: &reference.media_type,
            bytes,
            relationship: "Supplement",
        });
    }
    archive::finish(&pages, conformance, &meta, &attachments)
}

/// Lays out the pages with printpdf (fonts subset, no metadata yet): the sections top to
/// bottom, then the footer on every page.
fn layout(view: &Sheet<'_>, title: &str) -> Result<Vec<u8>> {
    let pilot = view.pilot;
    let mut doc = PdfDocument::new(title);

    let regular = Face::load(&mut doc, REGULAR, "Regular")?;
    let bold = Face::load(&mut doc, BOLD, "Bold")?;
    let mut l = Layout { regular, bold, pages: Vec::new(), y: TOP };
    l.new_page();

    title_block(&mut l, view);
    proposal_section(&mut l, &pilot.proposal);
    let recorded = view.pilot.decision.as_ref().map(|d| d.ai_act.is_some());
    ai_act_section(&mut l, &view.ai_act, recorded);
    assessment_section(&mut l, view);
    l.heading("4. Besluit");
    if let Some(d) = &pilot.decision {
        decision_section(&mut l, d, view.transfer.is_some());
    }
    if let Some(record) = pilot.decision.as_ref().and_then(|d| d.meeting.as_ref()) {
        meeting_section(&mut l, record);
    }
    signing_section(&mut l, view);
    if let Some(json) = &view.transfer {
        transfer_section(&mut l, json);
    }

    let pages = l.into_pages(&pilot.proposal.title);
    let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
    let mut warnings = Vec::new();
    Ok(doc.with_pages(pages).save(&options, &mut warnings))
}

/// The head of the first page: who decides, the pilot's title and its key facts.
fn title_block(l: &mut Layout, view: &Sheet<'_>) {
    let pilot = view.pilot;
    let fw = view.framework;
    let proposal = &pilot.proposal;
    l.paragraph_at(MARGIN_X, "Ethische commissie AI — besluit over een AI-pilot", Style::Regular, 9.0, true);
    l.gap(4.0);
    l.paragraph(&proposal.title, Style::Bold, 18.0);
    l.gap(3.0);
    l.field("Kenmerk", &pilot.id.to_string());
    l.field("Status", pilot.status.label_nl());
    l.field("Toetsingskader", &format!("{}, versie {}", fw.title.nl, fw.version));
    if let Some(r) = &pilot.reassesses {
        // Only in a re-assessment, so a first assessment's page stays as it was drawn.
        l.field(
            "Herbeoordeling",
            &format!(
                "ronde {} ({}) van het besluit {} met inhoudshash {}; een positief besluit vervangt dat besluit",
                r.round,
                r.reason.label_nl().to_lowercase(),
                r.earlier,
                r.earlier_hash
            ),
        );
    }
    l.field("Projectleider", &proposal.project_lead);
    l.field("Afdeling", &proposal.department);
}

/// Section 1: what the pilot is, what it is for and which data it uses.
fn proposal_section(l: &mut Layout, proposal: &Proposal) {
    l.heading("1. Het voorstel");
    for (label, text) in
        [("Omschrijving", &proposal.description), ("Doel", &proposal.purpose), ("Gegevens", &proposal.data_used)]
    {
        l.need(12.0);
        l.paragraph(label, Style::Bold, 10.5);
        l.paragraph(if text.trim().is_empty() { "—" } else { text }, Style::Regular, 10.0);
        l.gap(2.0);
    }
}

/// Section 3: every question of the framework, area by area, with its legal basis and the
/// committee's verdict (or why it does not apply).
fn assessment_section(l: &mut Layout, view: &Sheet<'_>) {
    l.heading("3. Beoordeling per thema");
    for area in &view.framework.areas {
        l.need(20.0);
        l.gap(2.0);
        l.paragraph(&area.title.nl, Style::Bold, 11.5);
        for q in &area.questions {
            question_block(l, view, q);
        }
    }
}

/// One question of section 3: its text, legal basis, and verdict with notes and proposed
/// conditions.
fn question_block(l: &mut Layout, view: &Sheet<'_>, q: &Question) {
    l.need(16.0);
    l.gap(1.5);
    let ko = if q.knock_out { " (knock-out)" } else { "" };
    l.paragraph_at(MARGIN_X + 4.0, &format!("{}{ko}", q.text.nl), Style::Bold, 10.0, false);
    let basis: Vec<_> = q.legal_basis.iter().map(|b| format!("{} {}", b.law, b.article)).collect();
    l.paragraph_at(MARGIN_X + 4.0, &format!("Grondslag: {}", basis.join("; ")), Style::Regular, 8.5, true);
    if let Some(reason) = view.not_applicable.get(&q.id) {
        l.paragraph_at(MARGIN_X + 4.0, "Oordeel: niet van toepassing", Style::Bold, 10.0, false);
        l.paragraph_at(MARGIN_X + 4.0, &reason.nl, Style::Regular, 10.0, false);
        return;
    }
    match view.pilot.answers.get(&q.id) {
        Some(a) => {
            let verdict = a.verdict.map(|v| v.label_nl()).unwrap_or("nog niet beoordeeld");
            l.paragraph_at(MARGIN_X + 4.0, &format!("Oordeel: {verdict}"), Style::Bold, 10.0, false);
            if !a.notes.trim().is_empty() {
                l.paragraph_at(MARGIN_X + 4.0, &a.notes, Style::Regular, 10.0, false);
            }
            for c in &a.conditions {
                let text = format!("Voorgestelde voorwaarde: {}", c.text);
                l.paragraph_at(MARGIN_X + 4.0, &text, Style::Regular, 10.0, false);
            }
        }
        None => l.paragraph_at(MARGIN_X + 4.0, "Oordeel: nog niet beoordeeld", Style::Bold, 10.0, false),
    }
}

/// The body of section 4: outcome, dates, required signers, reasons and conditions.
fn decision_section(l: &mut Layout, d: &Decision, transfer: bool) {
    l.field("Besluit", d.outcome.label_nl());
    l.field("Besloten op", &date_time_nl(d.decided_at));
    l.field("Evaluatiedatum", &d.evaluation_date.map(date_nl).unwrap_or_else(|| "—".into()));
    // Only when set, so a decision without them is drawn as before.
    if !d.report_dates.is_empty() {
        let dates: Vec<String> =
            d.report_dates.iter().filter_map(|s| crate::base::text::parse_date(s)).map(date_nl).collect();
        l.field("Rapportagedata", &dates.join(", "));
    }
    let required: Vec<_> = d.required_signers.iter().map(|r| r.label_nl().to_lowercase()).collect();
    l.field("Ondertekenaars", &required.join(", "));
    l.gap(2.0);
    l.paragraph("Motivering", Style::Bold, 10.5);
    l.paragraph(&d.reasons, Style::Regular, 10.0);
    l.gap(2.0);
    l.paragraph("Voorwaarden", Style::Bold, 10.5);
    if d.conditions.is_empty() {
        l.paragraph("Geen.", Style::Regular, 10.0);
    }
    for (i, c) in d.conditions.iter().enumerate() {
        l.paragraph(&format!("{}. {}", i + 1, c.text), Style::Regular, 10.0);
        let deadline = c.deadline.map(date_nl).unwrap_or_else(|| "—".into());
        l.paragraph_at(
            MARGIN_X + 5.0,
            &format!("Soort: {} · eigenaar: {} · termijn: {deadline}", c.kind.label_nl(), c.owner),
            Style::Regular,
            9.0,
            true,
        );
    }
    // Only when there are any, so a decision without attachments is drawn as before.
    if !d.attachments.is_empty() {
        l.gap(2.0);
        let heading = if transfer {
            "Bijlagen waarop de commissie zich baseerde (naast dit bestand)"
        } else {
            "Bijlagen waarop de commissie zich baseerde (in dit bestand)"
        };
        l.paragraph(heading, Style::Bold, 10.5);
        for (i, a) in d.attachments.iter().enumerate() {
            l.paragraph(&format!("{}. {} ({}, {} bytes)", i + 1, a.name, a.media_type, a.size), Style::Regular, 10.0);
            l.paragraph_at(MARGIN_X + 5.0, &format!("SHA-256: {}", a.sha256), Style::Regular, 8.5, false);
        }
    }
}

/// Section 5: how the record is signed, its content hash, each signature with its check,
/// and the roles that have yet to sign.
fn signing_section(l: &mut Layout, view: &Sheet<'_>) {
    let pilot = view.pilot;
    l.heading("5. Ondertekening");
    let text = if view.transfer.is_some() {
        "Elk lid tekent met een eigen Ed25519-sleutel de canonieke JSON (RFC 8785) van dit besluit: voorstel, \
         toetsingskader, elk oordeel met toelichting, besluit, voorwaarden, aanwezigheid, belangen en stemmen. \
         Het besluit staat naast dit bestand (ai-toets-besluit.json); controleer het met \
         ‘ai-toets-verify --bag’. Vergelijk de vingerafdrukken met de ledenlijst van de commissie."
    } else {
        "Elk lid tekent met een eigen Ed25519-sleutel de canonieke JSON (RFC 8785) van dit besluit: voorstel, \
         toetsingskader, elk oordeel met toelichting, besluit, voorwaarden, aanwezigheid, belangen en stemmen. \
         Het besluit zit als bijlage (ai-toets-besluit.json) in dit bestand; controleer het met \
         ‘ai-toets-verify’. Vergelijk de vingerafdrukken met de ledenlijst van de commissie."
    };
    l.paragraph(text, Style::Regular, 9.0);
    l.gap(1.0);
    l.paragraph_at(
        MARGIN_X,
        &format!("Inhoudshash (SHA-256): {}", view.document.content_hash),
        Style::Regular,
        8.5,
        false,
    );
    l.gap(2.0);
    if pilot.signatures.is_empty() {
        l.paragraph("Nog niet ondertekend.", Style::Bold, 10.0);
    }
    for s in &pilot.signatures {
        signature_block(l, s, view.check(s));
    }
    if !view.missing_roles.is_empty() {
        let missing: Vec<_> = view.missing_roles.iter().map(|r| r.label_nl().to_lowercase()).collect();
        l.gap(2.0);
        l.paragraph(&format!("Nog te ondertekenen door: {}.", missing.join(", ")), Style::Bold, 10.0);
    }
}

/// The transfer copy's last words: what it is and the SHA-256 of the record beside it.
fn transfer_section(l: &mut Layout, json_sha256: &str) {
    l.need(24.0);
    l.gap(4.0);
    l.rule();
    l.gap(1.0);
    l.paragraph("Overdrachtsexemplaar", Style::Bold, 10.5);
    l.paragraph(
        "Dit is het exemplaar voor het archief (PDF/A-2b, zonder ingebedde bestanden). Het ondertekende besluit \
         staat ernaast als ai-toets-besluit.json; dat bestand heeft deze SHA-256:",
        Style::Regular,
        9.0,
    );
    l.paragraph_at(MARGIN_X, json_sha256, Style::Regular, 8.5, false);
}

/// One signer's block in section 5, with what the document proves about the signature.
fn signature_block(l: &mut Layout, s: &Signature, check: Option<&SignatureCheck>) {
    let crate::pilot::SignatureProof::Ed25519 { fingerprint, signature, .. } = &s.proof;
    // Keep one signer's block on one page.
    l.need(50.0);
    l.gap(2.0);
    l.field(s.role.label_nl(), &s.signer_name);
    l.field("Getekend op", &date_time_nl(s.signed_at));
    l.field("Vingerafdruk sleutel", fingerprint);
    l.field("Handtekening", signature);
    // The audit trail as it stood when this was signed (statement format v2).
    if let Some(c) = &s.checkpoint {
        l.field("Logboekstand", &format!("{} regels, laatste {}", c.entries, c.head));
    }
    let status = match check {
        Some(c) if c.valid => "Handtekening klopt met dit besluit".to_string(),
        Some(c) => format!("KLOPT NIET: {}", c.problem.as_deref().unwrap_or("onbekend")),
        None => "KLOPT NIET: niet gecontroleerd".to_string(),
    };
    l.field("Controle", &status);
}

/// What the AI Act wizard concluded: risk class, role, duties and instruments. `recorded`:
/// whether the decision (if any) holds the conclusion it was taken with.
fn ai_act_section(l: &mut Layout, c: &crate::wizard::Conclusion, recorded: Option<bool>) {
    l.heading("2. AI-verordening");
    l.field("Beslishulp", &format!("versie {}; data van de plichten versie {}", c.wizard_version, c.dates_version));
    if recorded == Some(false) {
        l.paragraph(
            "Dit besluit is genomen voordat AI-toets de conclusie bij het besluit bewaarde. Hieronder staat de conclusie volgens de beslishulp van nu.",
            Style::Bold,
            10.0,
        );
    }
    if !c.complete {
        l.paragraph("De vragenlijst over de AI-verordening is niet afgerond.", Style::Bold, 10.0);
    }
    l.field("Risicoklasse", c.class.label_nl());
    l.field("Rol van de gemeente", c.role.map(|r| r.label_nl()).unwrap_or("—"));
    if c.transparency {
        l.field("Transparantie", "Verplichtingen uit artikel 50 gelden");
    }
    let instruments: Vec<String> = c.instruments.iter().map(|i| i.label_nl()).collect();
    l.field("Instrumenten", &if instruments.is_empty() { "Geen".to_string() } else { instruments.join("; ") });
    if !c.duties.is_empty() {
        l.gap(1.0);
        l.paragraph("Verplichtingen", Style::Bold, 10.5);
        for d in &c.duties {
            let from =
                crate::base::text::parse_date(&d.applies_from).map(date_nl).unwrap_or_else(|| d.applies_from.clone());
            let not_yet = if d.date_source_in_force { "" } else { ", nog niet van kracht" };
            l.paragraph_at(
                MARGIN_X + 4.0,
                &format!("{} ({}, vanaf {from}; bron: {}{not_yet})", d.text.nl, d.article, d.date_source),
                Style::Regular,
                9.5,
                false,
            );
        }
    }
    if !c.reasons.is_empty() {
        l.gap(1.0);
        l.paragraph("Waarom", Style::Bold, 10.5);
        for r in &c.reasons {
            l.paragraph_at(MARGIN_X + 4.0, &r.text.nl, Style::Regular, 9.5, false);
        }
    }
}
