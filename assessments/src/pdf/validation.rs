//! The validation record (*validatierapport*) of a signed decision, as Archiefregeling 2009
//! art. 24(c) asks an archive to keep it: a signature may no longer be checkable later, so the
//! archive keeps whose signature it was, when it was validated, with what result, by which
//! official, with which key and against which roster.
//!
//! [`ValidationRecord::of`] takes it from a [`super::verify::Verification`]: nothing is decided
//! here that the verifier did not find. It is written three ways, all from this one value: JSON
//! ([`ValidationRecord::to_json`], read back strictly by [`ValidationRecord::read`]), XML
//! ([`ValidationRecord::to_xml`], valid against `assessments/schemas/validatierapport-1.xsd`)
//! and a PDF/A-2b page ([`ValidationRecord::to_pdf`]).

use printpdf::{PdfDocument, PdfSaveOptions};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::verify::{shown, Signers, Verdict, Verification};
use super::{archive, producer, Face, Layout, Style, BOLD, MARGIN_X, REGULAR, TOP};
use crate::base::dates::date_time_nl;
use crate::base::error::{Error, Message, Result};
use crate::base::xml::Xml;
use crate::committee::Role;
use crate::pilot::SignatureProof;

/// The format the JSON names.
pub const VALIDATION_FORMAT: &str = "ai-toets/validatierapport/v1";
/// The XML's namespace.
pub const VALIDATION_NAMESPACE: &str = "urn:ai-toets:validatierapport:1";
/// The file names in a transfer package.
pub const VALIDATION_JSON: &str = "validatierapport.json";
pub const VALIDATION_XML: &str = "validatierapport.xml";
pub const VALIDATION_PDF: &str = "validatierapport.pdf";

/// What the validation found, as a word the record keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// Everything holds and the roster confirms every signer.
    Valid,
    /// Something does not hold.
    Invalid,
    /// Everything in the file holds; the signers (or the framework) are not confirmed.
    Unconfirmed,
    /// Record and signatures hold; the pages were not compared (another renderer version).
    PagesNotCompared,
}

impl Outcome {
    fn of(v: Verdict) -> Self {
        match v {
            Verdict::Valid => Self::Valid,
            Verdict::Invalid => Self::Invalid,
            Verdict::Unconfirmed => Self::Unconfirmed,
            Verdict::PagesNotCompared => Self::PagesNotCompared,
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            Self::Valid => "geldig",
            Self::Invalid => "ongeldig",
            Self::Unconfirmed => "ondertekenaars niet bevestigd",
            Self::PagesNotCompared => "pagina's niet vergeleken",
        }
    }

    fn code(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Invalid => "invalid",
            Self::Unconfirmed => "unconfirmed",
            Self::PagesNotCompared => "pagesNotCompared",
        }
    }
}

/// The file that was validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidatedFile {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// The decision the signatures are over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidatedDecision {
    pub pilot_id: Uuid,
    pub title: String,
    /// The content hash the record states, and whether it is the record's.
    pub content_hash: String,
    pub content_hash_holds: bool,
}

/// The roster the signers were checked against: its founding event's hash (the committee's
/// identity), its last event's hash and how many events, to compare with the published one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RosterUsed {
    pub founding: String,
    pub head: String,
    pub events: i64,
    /// The file given, by its SHA-256.
    pub file_sha256: String,
}

/// One signature as validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidatedSignature {
    pub member: String,
    pub member_id: Uuid,
    pub role: Role,
    pub key_id: Uuid,
    pub public_key: String,
    pub fingerprint: String,
    #[serde(with = "time::serde::rfc3339")]
    pub signed_at: OffsetDateTime,
    /// The signature is over this record and verifies with the key.
    pub signature_holds: bool,
    /// The roster assigns the key to this member in this role then; `None`: no roster.
    pub signer_confirmed: Option<bool>,
    /// Why not, when something does not hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// A validation record (art. 24(c) Archiefregeling 2009) of one signed decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ValidationRecord {
    pub format: String,
    /// When it was validated.
    #[serde(with = "time::serde::rfc3339")]
    pub validated_at: OffsetDateTime,
    /// The official responsible for the validation.
    pub official: String,
    /// What validated: the verifier and its renderer version.
    pub tool: String,
    pub file: ValidatedFile,
    pub decision: ValidatedDecision,
    /// `None`: no roster was given, so the signers are not confirmed.
    pub roster: Option<RosterUsed>,
    pub signatures: Vec<ValidatedSignature>,
    /// Whether the visible pages are the record's, as the verifier prints it.
    pub pages: String,
    pub outcome: Outcome,
    /// What does not hold (Dutch, then English).
    pub problems: Vec<Message>,
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("validation record: {e}"))
}

impl ValidationRecord {
    /// The record of what `v` found in `file` (its name and bytes), at `at`, by `official`.
    /// `roster`: the bytes of the roster file it was confirmed against, if any.
    pub fn of(
        v: &Verification,
        file: (&str, &[u8]),
        roster: Option<&[u8]>,
        official: &str,
        at: OffsetDateTime,
    ) -> Self {
        let refused = match &v.signers {
            Signers::Refused(c) | Signers::Doubtful(c) => c.clone(),
            _ => Vec::new(),
        };
        let checked = !matches!(v.signers, Signers::NotChecked);
        let signatures = v
            .document
            .signatures
            .iter()
            .map(|s| {
                let SignatureProof::Ed25519 { key_id, public_key, fingerprint, .. } = &s.proof;
                let own = v.report.signatures.iter().find(|c| c.signature_id == s.id);
                let roster = refused.iter().find(|c| c.signature_id == s.id);
                let problem = own
                    .and_then(|c| c.problem.clone())
                    .or_else(|| roster.map(|c| c.problem.clone().unwrap_or_else(|| "twijfel".into())));
                ValidatedSignature {
                    member: s.signer_name.clone(),
                    member_id: s.member_id,
                    role: s.role,
                    key_id: *key_id,
                    public_key: public_key.clone(),
                    fingerprint: fingerprint.clone(),
                    signed_at: s.signed_at,
                    signature_holds: own.is_some_and(|c| c.valid),
                    signer_confirmed: checked.then_some(roster.is_none()),
                    problem,
                }
            })
            .collect();
        Self {
            format: VALIDATION_FORMAT.into(),
            validated_at: at,
            official: official.trim().to_string(),
            tool: format!("ai-toets-verify ({})", producer()),
            file: ValidatedFile {
                name: file.0.to_string(),
                size: file.1.len() as u64,
                sha256: crate::base::hash::sha256_hex(file.1),
            },
            decision: ValidatedDecision {
                pilot_id: v.record.pilot_id,
                title: v.record.proposal.title.clone(),
                content_hash: v.report.stated_hash.clone(),
                content_hash_holds: v.report.hash_holds(),
            },
            roster: v.roster.clone().zip(roster).map(|((founding, head, events), bytes)| RosterUsed {
                founding,
                head,
                events,
                file_sha256: crate::base::hash::sha256_hex(bytes),
            }),
            signatures,
            pages: super::verify::pages_line(&v.pages),
            outcome: Outcome::of(v.verdict()),
            problems: v.problems(),
        }
    }

    /// As JSON (pretty, UTF-8).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(internal)
    }

    /// Reads a validation record's JSON strictly: its format, no unknown field.
    pub fn read(json: &[u8]) -> Result<Self> {
        let record: Self = serde_json::from_slice(json).map_err(|e| {
            Error::BadFile(Message::new(
                format!("Het validatierapport is onleesbaar: {e}"),
                format!("The validation record cannot be read: {e}"),
            ))
        })?;
        if record.format != VALIDATION_FORMAT {
            return Err(Error::BadFile(Message::new(
                format!("Onbekend formaat van het validatierapport: {}", shown(&record.format)),
                format!("Unknown format of the validation record: {}", shown(&record.format)),
            )));
        }
        Ok(record)
    }

    /// As XML in [`VALIDATION_NAMESPACE`], valid against `validatierapport-1.xsd`.
    pub fn to_xml(&self) -> String {
        let rfc = crate::base::dates::rfc3339;
        let mut x = Xml::new("validatierapport", &[("xmlns", VALIDATION_NAMESPACE)]);
        x.leaf("formaat", &self.format)
            .leaf("gevalideerdOp", &rfc(self.validated_at))
            .leaf("verantwoordelijkeAmbtenaar", &self.official)
            .leaf("hulpmiddel", &self.tool);
        x.open("bestand")
            .leaf("naam", &self.file.name)
            .leaf("omvang", &self.file.size.to_string())
            .leaf("sha256", &self.file.sha256)
            .close();
        x.open("besluit")
            .leaf("kenmerk", &self.decision.pilot_id.to_string())
            .leaf("titel", &self.decision.title)
            .leaf("inhoudshash", &self.decision.content_hash)
            .leaf("inhoudshashKlopt", bool_text(self.decision.content_hash_holds))
            .close();
        if let Some(r) = &self.roster {
            x.open("ledenlijst")
                .leaf("oprichting", &r.founding)
                .leaf("laatsteGebeurtenis", &r.head)
                .leaf("aantalGebeurtenissen", &r.events.to_string())
                .leaf("bestandSha256", &r.file_sha256)
                .close();
        }
        for s in &self.signatures {
            x.open("handtekening")
                .leaf("lid", &s.member)
                .leaf("lidId", &s.member_id.to_string())
                .leaf("rol", s.role.label_nl())
                .leaf("sleutelId", &s.key_id.to_string())
                .leaf("publiekeSleutel", &s.public_key)
                .leaf("vingerafdruk", &s.fingerprint)
                .leaf("getekendOp", &rfc(s.signed_at))
                .leaf("handtekeningKlopt", bool_text(s.signature_holds))
                .leaf_opt("ondertekenaarBevestigd", s.signer_confirmed.map(bool_text))
                .leaf_opt("probleem", s.problem.as_deref())
                .close();
        }
        x.leaf("paginas", &self.pages).leaf("uitslag", self.outcome.code());
        for p in &self.problems {
            x.open("probleem").leaf("nl", &p.nl).leaf("en", &p.en).close();
        }
        x.finish()
    }

    /// As one or more A4 pages, PDF/A-2b (no embedded files).
    pub fn to_pdf(&self) -> Result<Vec<u8>> {
        let title = format!("Validatierapport: {}", self.decision.title.replace('\n', " "));
        let mut doc = PdfDocument::new(&title);
        let regular = Face::load(&mut doc, REGULAR, "Regular")?;
        let bold = Face::load(&mut doc, BOLD, "Bold")?;
        let mut l = Layout { regular, bold, pages: Vec::new(), y: TOP };
        l.new_page();
        self.draw(&mut l);
        let pages = l.into_pages(&title);
        let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
        let bytes = doc.with_pages(pages).save(&options, &mut Vec::new());
        let keywords = format!("AI-toets; validatierapport; {} sha256:{}", self.file.name, self.file.sha256);
        let producer = producer();
        let meta = archive::Metadata {
            title: &title,
            author: &self.official,
            subject: "Validatie van de handtekeningen onder een besluit (art. 24 sub c Archiefregeling 2009)",
            keywords: &keywords,
            creator_tool: "ai-toets-verify",
            producer: &producer,
            date: self.validated_at,
            relation: None,
        };
        archive::finish(&bytes, archive::Conformance::A2b, &meta, &[])
    }

    fn draw(&self, l: &mut Layout) {
        l.paragraph_at(MARGIN_X, "Validatierapport — art. 24 sub c Archiefregeling 2009", Style::Regular, 9.0, true);
        l.gap(3.0);
        l.paragraph(&self.decision.title, Style::Bold, 16.0);
        l.gap(2.0);
        l.field("Uitslag", &self.outcome.label_nl().to_uppercase());
        l.field("Gevalideerd op", &date_time_nl(self.validated_at));
        l.field("Door (ambtenaar)", &self.official);
        l.field("Hulpmiddel", &self.tool);
        l.field("Bestand", &format!("{} ({} bytes)", self.file.name, self.file.size));
        l.field("SHA-256 bestand", &self.file.sha256);
        l.field("Kenmerk besluit", &self.decision.pilot_id.to_string());
        let holds = if self.decision.content_hash_holds { "klopt" } else { "KLOPT NIET" };
        l.field("Inhoudshash", &format!("{} ({holds})", self.decision.content_hash));
        l.field("Pagina's", &self.pages);
        match &self.roster {
            Some(r) => {
                let events =
                    if r.events == 1 { "1 gebeurtenis".to_string() } else { format!("{} gebeurtenissen", r.events) };
                l.field("Ledenlijst", &format!("{events}; bestand SHA-256 {}", r.file_sha256));
                l.field("Oprichting", &r.founding);
                l.field("Laatste gebeurtenis", &r.head);
            }
            None => l.field("Ledenlijst", "geen: de ondertekenaars zijn niet bevestigd"),
        }
        l.heading("Handtekeningen");
        for s in &self.signatures {
            l.need(45.0);
            l.gap(2.0);
            l.field(s.role.label_nl(), &s.member);
            l.field("Getekend op", &date_time_nl(s.signed_at));
            l.field("Vingerafdruk", &s.fingerprint);
            l.field("Publieke sleutel", &s.public_key);
            l.field("Handtekening", if s.signature_holds { "klopt met het besluit" } else { "KLOPT NIET" });
            let confirmed = match s.signer_confirmed {
                Some(true) => "bevestigd door de ledenlijst",
                Some(false) => "NIET bevestigd door de ledenlijst",
                None => "niet gecontroleerd (geen ledenlijst)",
            };
            l.field("Ondertekenaar", confirmed);
            if let Some(p) = &s.problem {
                l.field("Probleem", p);
            }
        }
        if !self.problems.is_empty() {
            l.heading("Wat niet klopt");
            for p in &self.problems {
                l.paragraph(&format!("• {}", p.nl), Style::Regular, 10.0);
            }
        }
    }
}

fn bool_text(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}
