//! Turns the laid-out PDF into an archival one (PDF/A-1b or PDF/A-3b), with lopdf.
//!
//! printpdf's own conformance setting only labels a file; this module does the work PDF/A asks
//! for: XMP metadata with the PDF/A identification that matches the document information
//! dictionary, an sRGB output intent (the profile ships in `assessments/color/`), subset fonts
//! named with a subset tag and described by a `CIDSet`, a file identifier, no encryption, and
//! for PDF/A-3b the signed record (and a framework the app does not ship) as associated files.
//! Nothing in the output depends on the clock or on chance: the same record gives the same
//! bytes. (An invariant, ARCHITECTURE.md.)

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::base::error::{Error, Result};

const SRGB: &[u8] = include_bytes!("../../color/sRGB.icc");
const SRGB_NAME: &str = "sRGB IEC61966-2.1";

/// Which PDF/A level to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conformance {
    /// PDF/A-1b (ISO 19005-1): no attachments allowed; the widest-supported archival form.
    A1b,
    /// PDF/A-2b (ISO 19005-2) without embedded files: the transfer copy an archive keeps,
    /// with the signed record as a file of its own beside it (the Nationaal Archief advises
    /// against PDF/A-3 for keeping, as it may embed files of any format).
    A2b,
    /// PDF/A-3b (ISO 19005-3): carries the signed record as an associated JSON file.
    A3b,
}

impl Conformance {
    fn part(self) -> u8 {
        match self {
            Conformance::A1b => 1,
            Conformance::A2b => 2,
            Conformance::A3b => 3,
        }
    }
}

/// The document's metadata, the same in the information dictionary and in XMP.
pub struct Metadata<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub keywords: &'a str,
    pub creator_tool: &'a str,
    pub producer: &'a str,
    /// When the record was completed; both the creation and the modification date.
    pub date: OffsetDateTime,
    /// A file this one belongs with (`dc:relation` in XMP): the transfer copy names the signed
    /// record beside it and its SHA-256.
    pub relation: Option<&'a str>,
}

/// A file carried inside the PDF (PDF/A-3 associated file, relationship `Source`).
pub struct Attachment<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub mime: &'a str,
    pub bytes: &'a [u8],
    /// PDF/A-3's `AFRelationship`: `Source` for the record the pages are drawn from,
    /// `Supplement` for a file the committee relied on.
    pub relationship: &'a str,
}

fn pdf_error(e: impl std::fmt::Display) -> Error {
    Error::Pdf(format!("PDF/A: {e}"))
}

/// A PDF text string: PDFDocEncoding for plain ASCII, else UTF-16BE with a byte-order mark.
fn text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

const PDF_DATE: &[time::format_description::BorrowedFormatItem<'_>] =
    time::macros::format_description!("D:[year][month][day][hour][minute][second]+00'00'");
const XMP_DATE: &[time::format_description::BorrowedFormatItem<'_>] =
    time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]+00:00");

/// `t` in UTC, as the information dictionary (`D:…`) or XMP (ISO 8601) writes dates; both
/// name the same moment, as PDF/A requires.
fn date(t: OffsetDateTime, format: &[time::format_description::BorrowedFormatItem<'_>]) -> String {
    t.to_offset(time::UtcOffset::UTC).format(format).unwrap_or_default()
}

fn pdf_date(t: OffsetDateTime) -> String {
    date(t, PDF_DATE)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn xmp(meta: &Metadata<'_>, conformance: Conformance, document_id: &str) -> String {
    let date = date(meta.date, XMP_DATE);
    let esc = |s: &str| xml_escape(s);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>{part}</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>{relation}
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{tool}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{producer}</pdf:Producer>
<pdf:Keywords>{keywords}</pdf:Keywords>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
<xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{feff}',
        part = conformance.part(),
        title = esc(meta.title),
        author = esc(meta.author),
        subject = esc(meta.subject),
        tool = esc(meta.creator_tool),
        producer = esc(meta.producer),
        keywords = esc(meta.keywords),
        relation = meta
            .relation
            .map(|r| format!("\n<dc:relation><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:relation>", esc(r)))
            .unwrap_or_default(),
    )
}

/// Number of glyphs in a TrueType font program (`maxp.numGlyphs`).
fn glyph_count(font: &[u8]) -> Option<u16> {
    let tables = u16::from_be_bytes(font.get(4..6)?.try_into().ok()?);
    (0..usize::from(tables)).find_map(|i| {
        let entry = font.get(12 + 16 * i..12 + 16 * (i + 1))?;
        if &entry[0..4] != b"maxp" {
            return None;
        }
        let offset = u32::from_be_bytes(entry[8..12].try_into().ok()?) as usize;
        Some(u16::from_be_bytes(font.get(offset + 4..offset + 6)?.try_into().ok()?))
    })
}

fn get_ref(dict: &Dictionary, key: &[u8]) -> Option<ObjectId> {
    dict.get(key).ok().and_then(|o| o.as_reference().ok())
}

/// Follows a reference, or takes a direct object as it is.
fn resolved(doc: &Document, object: &Object) -> Result<Dictionary> {
    let (_, object) = doc.dereference(object).map_err(pdf_error)?;
    object.as_dict().cloned().map_err(pdf_error)
}

/// Puts `dict` back where `original` pointed: into its own object, or returns it for an
/// inline slot.
fn put_back(doc: &mut Document, original: &Object, dict: Dictionary) -> Object {
    match original.as_reference() {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(dict));
            Object::Reference(id)
        }
        Err(_) => Object::Dictionary(dict),
    }
}

/// Names every embedded font with a subset tag derived from its glyphs (six capitals and
/// `+`, as PDF requires for subsets) and adds the `CIDSet` PDF/A-1 asks of subset CID fonts.
fn tag_subset_fonts(doc: &mut Document) -> Result<()> {
    let is_type0 = |o: &Object| {
        o.as_dict().is_ok_and(|d| d.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Type0"))
    };
    let type0_fonts: Vec<ObjectId> = doc.objects.iter().filter(|(_, o)| is_type0(o)).map(|(id, _)| *id).collect();
    for font_id in type0_fonts {
        let mut font = doc.get_dictionary(font_id).map_err(pdf_error)?.clone();
        let mut descendants = font.get(b"DescendantFonts").and_then(Object::as_array).map_err(pdf_error)?.clone();
        let slot = descendants.first().cloned().ok_or_else(|| pdf_error("Type0 font without descendant"))?;
        let mut cid_font = resolved(doc, &slot)?;
        let descriptor_slot = cid_font.get(b"FontDescriptor").map_err(pdf_error)?.clone();
        let mut descriptor = resolved(doc, &descriptor_slot)?;
        let file_id = get_ref(&descriptor, b"FontFile2").ok_or_else(|| pdf_error("font not embedded"))?;
        let program = doc.get_object(file_id).and_then(Object::as_stream).map_err(pdf_error)?;
        let program = program.decompressed_content().unwrap_or_else(|_| program.content.clone());
        let glyphs = glyph_count(&program).ok_or_else(|| pdf_error("font program without maxp"))?;

        let base = cid_font.get(b"BaseFont").and_then(Object::as_name).map_err(pdf_error)?.to_vec();
        let plain = match base.get(6) {
            Some(b'+') => base[7..].to_vec(),
            _ => base,
        };
        let tag: Vec<u8> = Sha256::digest(&program).iter().take(6).map(|b| b'A' + b % 26).collect();
        let name = [tag.as_slice(), b"+", &plain].concat();

        // One bit per CID (= glyph id, Identity mapping), most significant bit first.
        let mut bits = vec![0u8; usize::from(glyphs).div_ceil(8)];
        for gid in 0..usize::from(glyphs) {
            bits[gid / 8] |= 0x80 >> (gid % 8);
        }
        let cid_set = doc.add_object(Stream::new(Dictionary::new(), bits));
        descriptor.set("FontName", Object::Name(name.clone()));
        descriptor.set("CIDSet", Object::Reference(cid_set));
        let descriptor = put_back(doc, &descriptor_slot, descriptor);
        cid_font.set("FontDescriptor", descriptor);
        cid_font.set("BaseFont", Object::Name(name.clone()));
        descendants[0] = put_back(doc, &slot, cid_font);
        font.set("DescendantFonts", Object::Array(descendants));
        font.set("BaseFont", Object::Name(name));
        doc.objects.insert(font_id, Object::Dictionary(font));
    }
    Ok(())
}

/// Makes `pdf` (as printpdf wrote it) an archival PDF of the given conformance.
pub fn finish(
    pdf: &[u8],
    conformance: Conformance,
    meta: &Metadata<'_>,
    attachments: &[Attachment<'_>],
) -> Result<Vec<u8>> {
    let mut doc = Document::load_mem(pdf).map_err(pdf_error)?;
    if doc.is_encrypted() {
        return Err(pdf_error("encrypted"));
    }
    doc.version = match conformance {
        Conformance::A1b => "1.4".into(),
        Conformance::A2b | Conformance::A3b => "1.7".into(),
    };
    doc.binary_mark = vec![0xE2, 0xE3, 0xCF, 0xD3];
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;

    tag_subset_fonts(&mut doc)?;

    // A file identifier from the content, not from chance: the same record, the same id.
    let digest =
        Sha256::digest([meta.title.as_bytes(), meta.keywords.as_bytes(), pdf_date(meta.date).as_bytes()].concat());
    let id = digest[..16].to_vec();
    let uuid = uuid::Builder::from_sha1_bytes(digest[..16].try_into().map_err(pdf_error)?).into_uuid();

    let info = doc.add_object(dictionary! {
        "Title" => text(meta.title),
        "Author" => text(meta.author),
        "Subject" => text(meta.subject),
        "Keywords" => text(meta.keywords),
        "Creator" => text(meta.creator_tool),
        "Producer" => text(meta.producer),
        "CreationDate" => Object::string_literal(pdf_date(meta.date)),
        "ModDate" => Object::string_literal(pdf_date(meta.date)),
    });
    let xmp = xmp(meta, conformance, &uuid.to_string());
    let metadata = doc.add_object(
        Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, xmp.into_bytes()).with_compression(false),
    );
    let profile = doc.add_object(Stream::new(dictionary! { "N" => 3 }, SRGB.to_vec()));
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => Object::string_literal(SRGB_NAME),
        "Info" => Object::string_literal(SRGB_NAME),
        "RegistryName" => Object::string_literal("http://www.color.org"),
        "DestOutputProfile" => Object::Reference(profile),
    };

    // Each attached file is a PDF/A-3 associated file: MIME subtype, size and date in its
    // parameters, and its relationship to the document.
    let mut attached = Vec::new();
    if conformance == Conformance::A3b {
        for a in attachments {
            let date = Object::string_literal(pdf_date(meta.date));
            let file = doc.add_object(
                Stream::new(
                    dictionary! {
                        "Type" => "EmbeddedFile",
                        "Subtype" => Object::Name(a.mime.as_bytes().to_vec()),
                        "Params" => dictionary! { "Size" => a.bytes.len() as i64, "ModDate" => date },
                    },
                    a.bytes.to_vec(),
                )
                // Kept as written, so the file is readable in the PDF itself, decades on.
                .with_compression(false),
            );
            let spec = doc.add_object(dictionary! {
                "Type" => "Filespec",
                "F" => text(a.name),
                "UF" => text(a.name),
                "Desc" => text(a.description),
                "AFRelationship" => Object::Name(a.relationship.as_bytes().to_vec()),
                "EF" => dictionary! { "F" => Object::Reference(file), "UF" => Object::Reference(file) },
            });
            attached.push((a.name, spec));
        }
    }
    // The name tree lists its keys in byte order.
    attached.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));

    let catalog = doc.catalog_mut().map_err(pdf_error)?;
    for key in [b"Metadata".as_slice(), b"OutputIntents", b"Names", b"AF", b"OpenAction", b"AA"] {
        catalog.remove(key);
    }
    catalog.set("Metadata", Object::Reference(metadata));
    catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(intent)]));
    if !attached.is_empty() {
        let names = attached.iter().flat_map(|(name, spec)| [text(name), Object::Reference(*spec)]).collect::<Vec<_>>();
        catalog.set("Names", dictionary! { "EmbeddedFiles" => dictionary! { "Names" => names } });
        catalog.set("AF", Object::Array(attached.iter().map(|(_, spec)| Object::Reference(*spec)).collect()));
    }
    doc.trailer.set("Info", Object::Reference(info));
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    doc.trailer.remove(b"Encrypt");

    doc.prune_objects();
    doc.renumber_objects();
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(pdf_error)?;
    Ok(out)
}

/// Decodes a PDF text string (UTF-16BE with a byte-order mark, or PDFDocEncoding for ASCII).
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&units)
        }
        _ => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}
