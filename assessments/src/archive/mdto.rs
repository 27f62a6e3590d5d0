//! MDTO 1.0.1 metadata (*Metagegevens voor Duurzaam Toegankelijke Overheidsinformatie*, the
//! Nationaal Archief): the XML an e-Depot takes with each record. Written element by element
//! in the schema's order (`MDTO-XML1.0.1.xsd`, copied into `assessments/tests/data/mdto/` for the
//! test that validates every file the app writes), and read back by `ai-toets-verify --bag`.

use roxmltree::{Document, Node};

use crate::base::error::{Error, Message, Result};
use crate::base::xml::Xml;

pub const NAMESPACE: &str = "https://www.nationaalarchief.nl/mdto";
const SCHEMA_LOCATION: &str =
    "https://www.nationaalarchief.nl/mdto https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// An identification: a mark and the source that gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub mark: String,
    pub source: String,
}

/// A reference to another object or actor (`verwijzingGegevens`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub name: String,
    pub id: Option<Ident>,
}

/// A term from a list of terms (`begripGegevens`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub label: String,
    pub code: Option<String>,
    pub list: String,
}

impl Term {
    pub fn new(label: &str, code: Option<&str>, list: &str) -> Self {
        Self { label: label.into(), code: code.map(Into::into), list: list.into() }
    }
}

/// Something that happened to the object (`eventGegevens`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: Term,
    /// `xsd:date` or `xsd:dateTime`.
    pub at: String,
    pub actor: Option<Reference>,
    pub result: Option<String>,
}

/// A retention term (`termijnGegevens`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retention {
    pub trigger: Term,
    pub start: String,
    /// `xsd:duration`, e.g. `P10Y`.
    pub duration: String,
    pub end: String,
}

/// An *informatieobject*: a dossier or an *archiefstuk*.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InformationObject {
    pub ids: Vec<Ident>,
    pub name: String,
    pub level: Term,
    pub classifications: Vec<Term>,
    pub description: Option<String>,
    /// The period the content is about: its type, first and last date.
    pub coverage: Option<(Term, String, Option<String>)>,
    pub events: Vec<Event>,
    pub appraisal: Term,
    pub retention: Option<Retention>,
    pub category: Option<Term>,
    pub part_of: Vec<Reference>,
    pub contains: Vec<Reference>,
    pub representations: Vec<Reference>,
    pub additional: Vec<Reference>,
    /// A related object and how it relates (e.g. the decision this one supersedes).
    pub related: Vec<(Reference, Term)>,
    pub creator: Reference,
    pub access: Term,
}

/// A *bestand*: one file of an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileObject {
    pub id: Ident,
    pub name: String,
    pub size: u64,
    pub format: Term,
    pub sha256: String,
    /// When the checksum was computed (`xsd:dateTime`).
    pub checked_at: String,
    pub represents: Reference,
}

fn identification(x: &mut Xml, tag: &'static str, id: &Ident) {
    x.open(tag).leaf("identificatieKenmerk", &id.mark).leaf("identificatieBron", &id.source).close();
}

fn reference(x: &mut Xml, tag: &'static str, r: &Reference) {
    x.open(tag).leaf("verwijzingNaam", &r.name);
    if let Some(id) = &r.id {
        identification(x, "verwijzingIdentificatie", id);
    }
    x.close();
}

fn term(x: &mut Xml, tag: &'static str, t: &Term) {
    x.open(tag).leaf("begripLabel", &t.label).leaf_opt("begripCode", t.code.as_deref());
    reference(x, "begripBegrippenlijst", &Reference { name: t.list.clone(), id: None });
    x.close();
}

fn root() -> Xml {
    Xml::new("MDTO", &[("xmlns", NAMESPACE), ("xmlns:xsi", XSI), ("xsi:schemaLocation", SCHEMA_LOCATION)])
}

impl InformationObject {
    /// The MDTO XML, elements in the schema's order.
    pub fn to_xml(&self) -> String {
        let mut x = root();
        x.open("informatieobject");
        for id in &self.ids {
            identification(&mut x, "identificatie", id);
        }
        x.leaf("naam", &self.name);
        term(&mut x, "aggregatieniveau", &self.level);
        for c in &self.classifications {
            term(&mut x, "classificatie", c);
        }
        x.leaf_opt("omschrijving", self.description.as_deref());
        if let Some((kind, from, to)) = &self.coverage {
            x.open("dekkingInTijd");
            term(&mut x, "dekkingInTijdType", kind);
            x.leaf("dekkingInTijdBegindatum", from).leaf_opt("dekkingInTijdEinddatum", to.as_deref()).close();
        }
        x.leaf("taal", "nl");
        for e in &self.events {
            x.open("event");
            term(&mut x, "eventType", &e.kind);
            x.leaf("eventTijd", &e.at);
            if let Some(actor) = &e.actor {
                reference(&mut x, "eventVerantwoordelijkeActor", actor);
            }
            x.leaf_opt("eventResultaat", e.result.as_deref()).close();
        }
        term(&mut x, "waardering", &self.appraisal);
        if let Some(r) = &self.retention {
            x.open("bewaartermijn");
            term(&mut x, "termijnTriggerStartLooptijd", &r.trigger);
            x.leaf("termijnStartdatumLooptijd", &r.start)
                .leaf("termijnLooptijd", &r.duration)
                .leaf("termijnEinddatum", &r.end)
                .close();
        }
        if let Some(c) = &self.category {
            term(&mut x, "informatiecategorie", c);
        }
        for (tag, list) in [
            ("isOnderdeelVan", &self.part_of),
            ("bevatOnderdeel", &self.contains),
            ("heeftRepresentatie", &self.representations),
            ("aanvullendeMetagegevens", &self.additional),
        ] {
            for r in list {
                reference(&mut x, tag, r);
            }
        }
        for (r, how) in &self.related {
            x.open("gerelateerdInformatieobject");
            reference(&mut x, "gerelateerdInformatieobjectVerwijzing", r);
            term(&mut x, "gerelateerdInformatieobjectTypeRelatie", how);
            x.close();
        }
        reference(&mut x, "archiefvormer", &self.creator);
        x.open("beperkingGebruik");
        term(&mut x, "beperkingGebruikType", &self.access);
        x.close();
        x.finish()
    }
}

impl FileObject {
    /// The MDTO XML, elements in the schema's order.
    pub fn to_xml(&self) -> String {
        let mut x = root();
        x.open("bestand");
        identification(&mut x, "identificatie", &self.id);
        x.leaf("naam", &self.name).leaf("omvang", &self.size.to_string());
        term(&mut x, "bestandsformaat", &self.format);
        x.open("checksum");
        term(&mut x, "checksumAlgoritme", &Term::new("SHA256", None, "Begrippenlijst ChecksumAlgoritme MDTO"));
        x.leaf("checksumWaarde", &self.sha256).leaf("checksumDatum", &self.checked_at).close();
        reference(&mut x, "isRepresentatieVan", &self.represents);
        x.finish()
    }
}

/// The file format of `name` by its extension, as a PRONOM term (the register of The National
/// Archives, UK, that MDTO names). `pdfa2`: a PDF that is PDF/A-2b (the transfer copies and
/// validation records). Without a PRONOM id the media type is the label, without a code.
pub fn format_of(name: &str, media_type: &str, pdfa2: bool) -> Term {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let (label, code) = match (extension.as_str(), pdfa2) {
        ("pdf", true) => ("Acrobat PDF/A - Portable Document Format 2b", Some("fmt/477")),
        ("pdf", false) => ("Acrobat PDF 1.7 - Portable Document Format", Some("fmt/276")),
        ("json", _) => ("JSON Data Interchange Format", Some("fmt/817")),
        ("xml", _) => ("Extensible Markup Language 1.0", Some("fmt/101")),
        ("txt" | "md" | "toml", _) => ("Plain Text File", Some("x-fmt/111")),
        ("csv", _) => ("Comma Separated Values", Some("x-fmt/18")),
        ("png", _) => ("Portable Network Graphics 1.2", Some("fmt/13")),
        ("docx", _) => ("Microsoft Word for Windows 2007 onwards", Some("fmt/412")),
        ("xlsx", _) => ("Microsoft Excel for Windows 2007 onwards", Some("fmt/214")),
        _ => (media_type, None),
    };
    Term::new(label, code, "PRONOM-register")
}

// Reading back, for `ai-toets-verify --bag`.

fn bad(name: &str, problem: impl std::fmt::Display) -> Error {
    Error::BadFile(Message::new(
        format!("Het MDTO-bestand {name} is onbruikbaar: {problem}"),
        format!("The MDTO file {name} cannot be used: {problem}"),
    ))
}

fn child<'a, 'i>(node: Node<'a, 'i>, tag: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|n| n.is_element() && n.tag_name().name() == tag && n.tag_name().namespace() == Some(NAMESPACE))
}

fn children<'a, 'i>(node: Node<'a, 'i>, tag: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |n| n.is_element() && n.tag_name().name() == tag && n.tag_name().namespace() == Some(NAMESPACE))
}

fn text_of(node: Option<Node<'_, '_>>) -> Option<String> {
    node.and_then(|n| n.text()).map(str::to_string)
}

fn marks(node: Node<'_, '_>, tag: &str) -> Vec<String> {
    children(node, tag).filter_map(|n| text_of(child(n, "identificatieKenmerk"))).collect()
}

fn referenced(node: Node<'_, '_>, tag: &str) -> Vec<String> {
    children(node, tag)
        .filter_map(|r| child(r, "verwijzingIdentificatie").and_then(|i| text_of(child(i, "identificatieKenmerk"))))
        .collect()
}

/// What the verifier checks of an MDTO file: which object it is and what it points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// An *informatieobject*: its identification marks, its level (*Dossier*, *Archiefstuk*),
    /// the marks of what it is part of and what it contains, and the names of its files.
    Object { marks: Vec<String>, level: String, part_of: Vec<String>, contains: Vec<String>, files: Vec<String> },
    /// A *bestand*: its name, size, SHA-256 and the mark of the object it represents.
    File { name: String, size: u64, sha256: String, represents: Option<String> },
}

/// Reads an MDTO file well enough to check it against the package: well-formed XML, the MDTO
/// namespace, one object. (Validation against the schema is the tests' work, with xmllint.)
pub fn read(name: &str, xml: &str) -> Result<Read> {
    let doc = Document::parse(xml).map_err(|e| bad(name, e))?;
    let root = doc.root_element();
    if root.tag_name().name() != "MDTO" || root.tag_name().namespace() != Some(NAMESPACE) {
        return Err(bad(name, "geen MDTO / not MDTO"));
    }
    if let Some(o) = child(root, "informatieobject") {
        let level = child(o, "aggregatieniveau").and_then(|l| text_of(child(l, "begripLabel"))).unwrap_or_default();
        let files = children(o, "heeftRepresentatie").filter_map(|r| text_of(child(r, "verwijzingNaam"))).collect();
        return Ok(Read::Object {
            marks: marks(o, "identificatie"),
            level,
            part_of: referenced(o, "isOnderdeelVan"),
            contains: referenced(o, "bevatOnderdeel"),
            files,
        });
    }
    let f = child(root, "bestand").ok_or_else(|| bad(name, "geen informatieobject of bestand / no object"))?;
    let checksum = child(f, "checksum");
    let algorithm = checksum.and_then(|c| child(c, "checksumAlgoritme")).and_then(|a| text_of(child(a, "begripLabel")));
    if algorithm.as_deref() != Some("SHA256") {
        return Err(bad(name, "geen SHA256-checksum / no SHA256 checksum"));
    }
    Ok(Read::File {
        name: text_of(child(f, "naam")).unwrap_or_default(),
        size: text_of(child(f, "omvang")).and_then(|s| s.parse().ok()).ok_or_else(|| bad(name, "omvang / size"))?,
        sha256: text_of(checksum.and_then(|c| child(c, "checksumWaarde"))).unwrap_or_default(),
        represents: referenced(f, "isRepresentatieVan").into_iter().next(),
    })
}
