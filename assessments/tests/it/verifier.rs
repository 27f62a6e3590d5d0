//! `ai-toets-verify` against an attacker who hands an archivist a PDF: each test is an attack
//! that the verifier of before issue 10 let through (or answered wrongly), run through the
//! built binary as an archivist would.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use assessments::committee::keys::MemberKey;
use assessments::pdf::{Conformance, FRAMEWORK_ATTACHMENT, RECORD_ATTACHMENT};
use assessments::pilot::signing::{self, SignedDocument};
use assessments::pilot::{Signature, SignatureProof};
use assessments::{DecisionInput, Outcome, PilotView, Role, Verdict};
use lopdf::{dictionary, Document, Object, Stream};

use crate::support::{now, reviewed, sign_as, signed, TestDb, PASSPHRASE};

const VERIFY: &str = env!("CARGO_BIN_EXE_ai-toets-verify");

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

fn verify(file: &Path) -> Run {
    verify_with(&[file.as_os_str()])
}

fn verify_with(args: &[&std::ffi::OsStr]) -> Run {
    let out = Command::new(VERIFY).args(args).output().expect("run ai-toets-verify");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn render(view: &PilotView) -> Vec<u8> {
    assessments::pdf::render(view, Conformance::A3b).expect("render")
}

fn fingerprint(s: &Signature) -> &str {
    let SignatureProof::Ed25519 { fingerprint, .. } = &s.proof;
    fingerprint
}

/// The embedded file stream called `name`, found through the catalog's name tree.
fn attachment_id(doc: &Document, name: &str) -> lopdf::ObjectId {
    let names = doc.catalog().expect("catalog").get_deref(b"Names", doc).and_then(Object::as_dict).expect("names");
    let files = names.get_deref(b"EmbeddedFiles", doc).and_then(Object::as_dict).expect("files");
    let list = files.get(b"Names").and_then(Object::as_array).expect("list");
    let spec = list
        .chunks(2)
        .find(|pair| pair[0].as_str().is_ok_and(|k| k == name.as_bytes()))
        .map(|pair| pair[1].clone())
        .expect("attachment");
    let spec = doc.dereference(&spec).expect("spec").1.as_dict().expect("spec dict");
    let ef = spec.get(b"EF").and_then(Object::as_dict).expect("EF");
    ef.get(b"F").and_then(Object::as_reference).expect("F")
}

/// What an attacker with lopdf does: swaps the content of the attached file `name`.
fn replace_attachment(pdf: &[u8], name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut doc = Document::load_mem(pdf).expect("load");
    let id = attachment_id(&doc, name);
    let stream = doc.get_object_mut(id).and_then(Object::as_stream_mut).expect("stream");
    stream.set_content(bytes.to_vec());
    if let Ok(Object::Dictionary(params)) = stream.dict.get_mut(b"Params") {
        params.set("Size", bytes.len() as i64);
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

/// The attached record as JSON, for an attacker to edit.
fn record_json(view: &PilotView) -> serde_json::Value {
    let json = SignedDocument::of(&view.pilot).expect("document").to_json().expect("json");
    serde_json::from_str(&json).expect("value")
}

/// Signatures over `pilot`'s record by fresh keys nobody on the roster holds: one key for all
/// of them when `one_key`. Each starts as a copy of a genuine signature (same statement
/// format), with the forger's names, roles, moments and keys.
fn forged_signatures(pilot: &assessments::Pilot, signers: &[(&str, Role)], one_key: bool) -> Vec<Signature> {
    let record = signing::canonical_record(pilot).expect("record");
    let hash = assessments::base::hash::sha256_hex(record.as_bytes());
    let template = pilot.signatures.first().expect("a genuine signature to copy");
    let shared = MemberKey::generate(PASSPHRASE, now()).expect("key");
    let member = uuid::Uuid::new_v4();
    signers
        .iter()
        .enumerate()
        .map(|(i, (name, role))| {
            let key = if one_key { shared.clone() } else { MemberKey::generate(PASSPHRASE, now()).expect("key") };
            let signed_at = now() + time::Duration::minutes(5 + i as i64);
            let mut signature = template.clone();
            signature.id = uuid::Uuid::new_v4();
            signature.member_id = if one_key { member } else { uuid::Uuid::new_v4() };
            signature.signer_name = (*name).into();
            signature.role = *role;
            signature.signed_at = signed_at;
            signature.content_hash = hash.clone();
            signature.proof = SignatureProof::Ed25519 {
                key_id: key.id,
                public_key: key.public_key.clone(),
                fingerprint: key.fingerprint.clone(),
                signature: String::new(),
            };
            let statement = signing::statement_for(&record, &hash, &signature).expect("statement");
            let signed = key.unseal(PASSPHRASE).expect("open").sign(&statement, signed_at).expect("sign");
            let SignatureProof::Ed25519 { signature: slot, .. } = &mut signature.proof;
            *slot = signed;
            signature
        })
        .collect()
}

/// `view` with its signatures replaced by `signatures`, drawn as the app would.
fn resigned(view: &PilotView, signatures: Vec<Signature>) -> Vec<u8> {
    let mut forged = view.clone();
    forged.pilot.signatures = signatures;
    render(&forged)
}

/// A negative decision, signed by chair and secretary.
fn negative(db: &mut TestDb) -> PilotView {
    let v = reviewed(&mut db.service, Verdict::Complies);
    let id = v.pilot.id;
    let input = DecisionInput {
        outcome: Some(Outcome::Negative),
        reasons: "De pilot lost het probleem niet op; de risico’s wegen zwaarder.".into(),
        conditions: vec![],
        evaluation_date: None,
        report_dates: vec![],
    };
    db.service.decide(id, input).expect("decide");
    sign_as(&mut db.service, id, "Marieke de Vries", Role::Chair).expect("chair signs");
    sign_as(&mut db.service, id, "Joost Ëlberts", Role::Secretary).expect("secretary signs")
}

/// Peak resident memory (kB) of the verifier on `file`, with its exit code and output.
fn peak_memory(file: &Path) -> (Run, u64) {
    if Path::new("/usr/bin/time").exists() {
        let out = Command::new("/usr/bin/time").arg("-v").arg(VERIFY).arg(file).output().expect("time");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let kb = stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
            .and_then(|n| n.trim().parse().ok())
            .expect("time -v reports the peak");
        let run = Run { code: out.status.code(), stdout: String::from_utf8_lossy(&out.stdout).into_owned(), stderr };
        return (run, kb);
    }
    // Without GNU time: poll the child's high-water mark until it ends.
    let mut child = Command::new(VERIFY)
        .arg(file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().expect("wait").is_none() {
        let hwm = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
        });
        peak = peak.max(hwm.unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let out = child.wait_with_output().expect("output");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    (run, peak)
}

#[test]
fn a_genuine_pdf_is_consistent_but_not_valid_without_a_roster_and_says_what_was_decided() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("besluit.pdf");
    db.service.export_pdf(v.pilot.id, &path).expect("export");

    let run = verify(&path);
    assert_eq!(run.code, Some(3), "{}", run.all());
    let out = &run.stdout;
    let decision = v.pilot.decision.as_ref().expect("decision");
    for expected in [
        "Handtekeningen kloppen onderling, ondertekenaars niet bevestigd / signatures are consistent, signers not confirmed",
        "Pilot:                            Chatbot ‘Vraag het Overbetuwe’ — afvalwijzer",
        "Besluit / outcome:                Positief onder voorwaarden",
        "Besloten op / decided on:         28 november 2026",
        "Evaluatiedatum / evaluation date: 1 juni 2027",
        "Vóór de start een DPIA afronden en laten toetsen door de FG.",
        "eigenaar / owner: Privacy officer · termijn / deadline: 15 januari 2027",
        &format!("Toetsingskader / framework:       {} {} (ingebouwd", v.pilot.framework.id, v.pilot.framework.version),
        &format!("Inhoudshash / content hash:       {}", v.content_hash),
        "Pagina's / pages: komen overeen met het ondertekende besluit",
        "Marieke de Vries (voorzitter) — klopt",
        "Joost Ëlberts (secretaris) — klopt",
        "compare these fingerprints with the committee's published roster",
    ] {
        assert!(out.contains(expected), "{expected:?} not in:\n{out}");
    }
    assert!(decision.outcome == Outcome::PositiveWithConditions);
    for s in &v.pilot.signatures {
        assert!(out.contains(fingerprint(s)), "fingerprint {} printed:\n{out}", fingerprint(s));
    }
    assert!(!out.contains("GELDIG / VALID"), "never 'valid' without a roster:\n{out}");
}

#[test]
fn a_self_signed_forgery_is_never_valid_and_shows_its_own_fingerprints() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let signers = [("Marieke de Vries", Role::Chair), ("Joost Ëlberts", Role::Secretary)];

    // One fresh key as both chair and secretary.
    let forged = forged_signatures(&v.pilot, &signers, true);
    let path = write(dir.path(), "een-sleutel.pdf", &resigned(&v, forged.clone()));
    let run = verify(&path);
    assert_ne!(run.code, Some(0), "{}", run.all());
    assert_eq!(run.code, Some(1), "one key signing twice does not hold:\n{}", run.all());
    assert!(run.stdout.contains("the same member or key signs more than once"), "{}", run.stdout);
    assert!(run.stdout.contains(fingerprint(&forged[0])), "{}", run.stdout);

    // Two fresh keys: everything in the document holds; only the roster can tell (exit 3, with
    // the forger's fingerprints to compare, not the committee's).
    let forged = forged_signatures(&v.pilot, &signers, false);
    let path = write(dir.path(), "twee-sleutels.pdf", &resigned(&v, forged.clone()));
    let run = verify(&path);
    assert_eq!(run.code, Some(3), "{}", run.all());
    for s in &forged {
        assert!(run.stdout.contains(fingerprint(s)), "{}", run.stdout);
    }
    for s in &v.pilot.signatures {
        assert!(!run.stdout.contains(fingerprint(s)), "{}", run.stdout);
    }
}

#[test]
fn a_genuine_negative_record_behind_a_positive_page_is_refused_naming_the_pages() {
    let mut db = TestDb::new();
    let genuine = negative(&mut db);
    let dir = tempfile::tempdir().expect("dir");

    // The attacker draws the pages of a positive decision and attaches the genuine record.
    let mut page = genuine.clone();
    let decision = page.pilot.decision.as_mut().expect("decision");
    decision.outcome = Outcome::Positive;
    decision.evaluation_date = Some(time::macros::date!(2027 - 06 - 01));
    let json = SignedDocument::of(&genuine.pilot).expect("document").to_json().expect("json");
    let forged = replace_attachment(&render(&page), RECORD_ATTACHMENT, json.as_bytes());
    let path = write(dir.path(), "positief.pdf", &forged);
    let text = Command::new("pdftotext").arg(&path).arg("-").output().map(|o| o.stdout).unwrap_or_default();
    assert!(String::from_utf8_lossy(&text).contains("Positief"), "the page says positive");

    let run = verify(&path);
    assert_eq!(run.code, Some(1), "{}", run.all());
    let out = &run.stdout;
    assert!(out.contains("Besluit / outcome:                Negatief"), "prints what was signed:\n{out}");
    assert!(out.contains("Marieke de Vries (voorzitter) — klopt"), "the signatures themselves hold:\n{out}");
    let line = out
        .lines()
        .find(|l| l.contains("de zichtbare pagina's komen niet overeen met het ondertekende besluit"))
        .unwrap_or_else(|| panic!("names the pages:\n{out}"));
    // Which pages, or (when the forged pages are more or fewer) how many.
    assert!(line.contains("(pagina ") || line.contains("pagina's, het besluit geeft er"), "says which pages: {line}");

    // The same record in its own genuine PDF passes.
    let path = write(dir.path(), "negatief.pdf", &render(&genuine));
    let run = verify(&path);
    assert_eq!(run.code, Some(3), "{}", run.all());
    assert!(run.stdout.contains("Besluit / outcome:                Negatief"), "{}", run.stdout);
}

#[test]
fn duplicate_keys_in_the_embedded_json_are_refused() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let json = SignedDocument::of(&v.pilot).expect("document").to_json().expect("json");
    let genuine = r#""outcome": "positiveWithConditions""#;
    assert!(json.contains(genuine), "{json}");
    // A reader that takes the first of two keys sees "negative"; serde_json took the last.
    let doubled = json.replacen(genuine, &format!("\"outcome\": \"negative\",\n      {genuine}"), 1);
    let path = write(dir.path(), "dubbel.pdf", &replace_attachment(&render(&v), RECORD_ATTACHMENT, doubled.as_bytes()));

    let run = verify(&path);
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert!(run.stderr.contains(r#"duplicate key "outcome""#), "{}", run.stderr);
    assert!(run.stderr.contains("dubbele sleutel"), "{}", run.stderr);
}

#[test]
fn an_unknown_field_in_the_record_or_a_signature_is_refused() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let pdf = render(&v);

    let mut in_record = record_json(&v);
    in_record["record"]["decision"]["approvedBy"] = "de wethouder".into();
    // A field outside what the members sign: the hash and signatures still hold.
    let mut in_signature = record_json(&v);
    in_signature["signatures"][0]["note"] = "goedgekeurd door de wethouder".into();

    for (name, value, pointer) in [
        ("record.pdf", in_record, "/record/decision/approvedBy"),
        ("handtekening.pdf", in_signature, "/signatures/0/note"),
    ] {
        let json = serde_json::to_string_pretty(&value).expect("json");
        let path = write(dir.path(), name, &replace_attachment(&pdf, RECORD_ATTACHMENT, json.as_bytes()));
        let run = verify(&path);
        assert_eq!(run.code, Some(2), "{name}: {}", run.all());
        assert!(run.stderr.contains(pointer), "{name} names {pointer}: {}", run.stderr);
        assert!(run.stderr.contains("onbekend of ongeldig veld"), "{}", run.stderr);
    }
}

#[test]
fn escape_codes_and_bidi_controls_in_a_signer_s_name_never_reach_the_terminal() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let evil = "Mallory\u{1b}[2K\r\u{1b}[1A\u{202e}Uitslag / result: GELDIG / VALID";
    let other = "Eve\u{2066}x\u{2069}\u{200b}\u{7}\u{9b}31m\nUitslag / result: GELDIG / VALID";
    let forged = forged_signatures(&v.pilot, &[(evil, Role::Chair), (other, Role::Secretary)], false);
    let path = write(dir.path(), "escapes.pdf", &resigned(&v, forged));

    let run = verify(&path);
    assert_eq!(run.code, Some(3), "{}", run.all());
    let all = run.all();
    for c in all.chars() {
        let forbidden = c == '\u{1b}'
            || c == '\r'
            || c == '\u{7}'
            || c == '\u{9b}'
            || c == '\u{200b}'
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c);
        assert!(!forbidden, "{:?} reaches the terminal:\n{all}", c);
    }
    assert!(all.contains(r"Mallory\u{1b}[2K\u{d}\u{1b}[1A\u{202e}Uitslag"), "shown as escapes:\n{all}");
    assert!(!all.lines().any(|l| l.starts_with("Uitslag / result: GELDIG")), "no forged result line:\n{all}");
}

#[test]
fn a_compression_bomb_is_refused_in_little_memory() {
    let dir = tempfile::tempdir().expect("dir");
    // 1 GiB of zeros, compressed in 1 MiB chunks (never held whole).
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        zlib.write_all(&chunk).expect("compress");
    }
    let bomb = zlib.finish().expect("compress");

    let mut doc = Document::with_version("1.7");
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let file = doc.add_object(Stream::new(
        dictionary! { "Type" => "EmbeddedFile", "Subtype" => "application/json", "Filter" => "FlateDecode" },
        bomb,
    ));
    let name = Object::string_literal(RECORD_ATTACHMENT);
    let spec = doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => name.clone(),
        "UF" => name.clone(),
        "EF" => dictionary! { "F" => file },
    });
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages,
        "Names" => dictionary! { "EmbeddedFiles" => dictionary! { "Names" => vec![name, spec.into()] } },
    });
    doc.trailer.set("Root", catalog);
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).expect("save");
    assert!(pdf.len() < 1024 * 1024, "a small file: {} bytes", pdf.len());
    let path = write(dir.path(), "bom.pdf", &pdf);

    let (run, peak_kb) = peak_memory(&path);
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert!(run.stderr.contains("groter dan 5 MB") && run.stderr.contains("larger than 5 MB"), "{}", run.stderr);
    assert!(peak_kb < 100 * 1024, "peak memory {peak_kb} kB");
    println!("peak memory on a 1 GiB compression bomb ({} bytes): {peak_kb} kB", pdf.len());
}

/// A PDF written by hand: `objects` numbered from 1 (the first the catalog), a classic
/// cross-reference table, a trailer.
fn raw_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend(format!("trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

#[test]
fn structures_that_blow_up_a_pdf_parser_are_refused_in_little_memory() {
    let dir = tempfile::tempdir().expect("dir");
    let catalog = b"<</Type/Catalog/Pages 2 0 R>>".to_vec();
    let pages = b"<</Type/Pages/Kids[]/Count 0>>".to_vec();

    // 18 MB of numbers in one array: about 130 bytes each once parsed.
    let mut flood = b"[".to_vec();
    flood.extend(b"0 ".repeat(9_000_000));
    flood.push(b']');
    // An object stream that inflates to 1 GiB: parsers unpack those while loading.
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        zlib.write_all(&chunk).expect("compress");
    }
    let bomb = zlib.finish().expect("compress");
    let mut object_stream =
        format!("<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length {}>>stream\n", bomb.len()).into_bytes();
    object_stream.extend(&bomb);
    object_stream.extend(b"\nendstream");

    for (name, attack) in [("getallen.pdf", flood), ("objectstroom.pdf", object_stream)] {
        let path = write(dir.path(), name, &raw_pdf(&[catalog.clone(), pages.clone(), attack]));
        let (run, peak_kb) = peak_memory(&path);
        assert_eq!(run.code, Some(2), "{name}: {}", run.all());
        assert!(run.stderr.contains("Dit is geen PDF zoals AI-toets die maakt"), "{name}: {}", run.stderr);
        assert!(peak_kb < 100 * 1024, "{name}: peak memory {peak_kb} kB");
        println!("peak memory on {name}: {peak_kb} kB");
    }
}

#[test]
fn a_file_too_large_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("groot.pdf");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(30 * 1024 * 1024).expect("30 MB");
    drop(file);

    let (run, peak_kb) = peak_memory(&path);
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert!(run.stderr.contains("te groot") && run.stderr.contains("too large"), "{}", run.stderr);
    assert!(peak_kb < 25 * 1024, "not read: peak memory {peak_kb} kB");

    // A device that never ends is read no further than the limit.
    let run = verify(Path::new("/dev/zero"));
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert!(run.stderr.contains("too large"), "{}", run.stderr);
}

#[test]
fn a_municipality_s_framework_travels_in_the_pdf_and_must_be_the_record_s() {
    let mut db = TestDb::new();
    let revision =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/revisions/overbetuwe-2026.4.toml"))
            .expect("revision fixture");
    db.service.load_framework("overbetuwe-2026.4.toml", &revision).expect("load");
    let v = signed(&mut db.service);
    assert_eq!(v.pilot.framework.version, "2026.4");
    let dir = tempfile::tempdir().expect("dir");
    let pdf = render(&v);

    let opened = assessments::pdf::reader::open(&pdf).expect("open");
    let names: Vec<&str> = opened.attachments.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, [RECORD_ATTACHMENT, FRAMEWORK_ATTACHMENT]);
    let embedded = std::str::from_utf8(opened.attachment(FRAMEWORK_ATTACHMENT).expect("framework")).expect("utf-8");
    assert_eq!(assessments::Framework::parse("kader.toml", embedded).expect("parses"), v.framework);

    let pdf_path = write(dir.path(), "herzien.pdf", &pdf);
    let run = verify(&pdf_path);
    assert_eq!(run.code, Some(3), "{}", run.all());
    assert!(run.stdout.contains("Pagina's / pages: komen overeen"), "{}", run.stdout);
    // The decision signed the framework's hash: the text in the PDF is the one reviewed against.
    assert!(run.stdout.contains("de tekst is ondertekend"), "{}", run.stdout);
    let roster = roster_file(&mut db, dir.path());
    let run = verify_against(&pdf_path, &roster);
    assert_eq!(run.code, Some(0), "a signed municipal framework with the roster is valid:\n{}", run.all());

    // The same version with a knock-out flag taken out: not the framework reviewed against.
    let softened = embedded.replacen("knock_out = true", "knock_out = false", 1);
    assert_ne!(softened, embedded);
    let swapped = replace_attachment(&pdf, FRAMEWORK_ATTACHMENT, softened.as_bytes());
    let run = verify_against(&write(dir.path(), "zachter-kader.pdf", &swapped), &roster);
    assert_eq!(run.code, Some(1), "{}", run.all());
    assert!(run.stdout.contains("de hash in het besluit verschilt"), "{}", run.stdout);

    // Another version's framework under the record's.
    let other = embedded.replace("version = \"2026.4\"", "version = \"2026.9\"");
    let swapped = replace_attachment(&pdf, FRAMEWORK_ATTACHMENT, other.as_bytes());
    let run = verify(&write(dir.path(), "ander-kader.pdf", &swapped));
    assert_eq!(run.code, Some(1), "{}", run.all());
    assert!(run
        .stdout
        .contains("het toetsingskader in de PDF is overbetuwe 2026.9, het besluit noemt overbetuwe 2026.4"));
}

#[test]
fn a_pdf_from_another_renderer_version_is_not_compared_and_never_valid() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let mut doc = Document::load_mem(&render(&v)).expect("load");
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).expect("info");
    let info = doc.get_object_mut(info).and_then(Object::as_dict_mut).expect("info dict");
    info.set("Producer", Object::string_literal("AI-toets 0.0.9"));
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).expect("save");

    let run = verify(&write(dir.path(), "oud.pdf", &pdf));
    assert_eq!(run.code, Some(4), "{}", run.all());
    assert!(run.stdout.contains("NIET VERGELEKEN: gemaakt door \"AI-toets 0.0.9\""), "{}", run.stdout);
    assert!(run.stdout.contains("Besluit / outcome:                Positief onder voorwaarden"), "{}", run.stdout);
}

#[test]
fn usage_help_and_roster_are_answered_with_their_exit_codes() {
    let help = verify_with(&["--help".as_ref()]);
    assert_eq!(help.code, Some(0));
    for code in ["0  ", "1  ", "2  ", "3  ", "4  ", "--roster"] {
        assert!(help.stdout.contains(code), "{code:?} in --help:\n{}", help.stdout);
    }
    assert_eq!(verify_with(&[]).code, Some(2));
    assert_eq!(verify_with(&["--onbekend".as_ref(), "x.pdf".as_ref()]).code, Some(2));
    assert_eq!(verify_with(&["a.pdf".as_ref(), "b.pdf".as_ref()]).code, Some(2));
    assert_eq!(verify(Path::new("/bestaat/niet.pdf")).code, Some(2));
}

/// The committee's published roster (`ledenlijst.json`), as the Commissie screen exports it.
fn roster_file(db: &mut TestDb, dir: &Path) -> PathBuf {
    let path = dir.join("ledenlijst.json");
    db.service.export_roster(&path).expect("export the roster");
    path
}

fn verify_against(pdf: &Path, roster: &Path) -> Run {
    verify_with(&["--roster".as_ref(), roster.as_os_str(), pdf.as_os_str()])
}

#[test]
fn a_genuine_pdf_with_its_committees_roster_is_valid() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let pdf = write(dir.path(), "besluit.pdf", &render(&db.service.get(v.pilot.id).expect("view")));
    let roster = roster_file(&mut db, dir.path());
    let run = verify_against(&pdf, &roster);
    assert_eq!(run.code, Some(0), "{}", run.all());
    assert!(run.stdout.contains("bevestigd door de ledenlijst"), "{}", run.stdout);
    // The same PDF without the roster is never valid.
    assert_eq!(verify(&pdf).code, Some(3));
}

#[test]
fn a_forgery_with_fresh_keys_is_refused_by_the_roster() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let roster = roster_file(&mut db, dir.path());
    // Fresh keys under the real members' ids, names and roles: the roster knows other keys.
    let mut forged =
        forged_signatures(&v.pilot, &[("Marieke de Vries", Role::Chair), ("Joost Ëlberts", Role::Secretary)], false);
    for (f, real) in forged.iter_mut().zip(&v.pilot.signatures) {
        f.member_id = real.member_id;
    }
    let forged = forged_signatures_for(&v.pilot, forged);
    let pdf = write(dir.path(), "vervalst.pdf", &resigned(&v, forged));
    let run = verify_against(&pdf, &roster);
    assert_eq!(run.code, Some(1), "{}", run.all());
    assert!(run.stdout.contains("NIET BEVESTIGD"), "{}", run.stdout);
}

/// Signs `signatures` again (after their member ids were changed) with fresh keys.
fn forged_signatures_for(pilot: &assessments::Pilot, signatures: Vec<Signature>) -> Vec<Signature> {
    let record = signing::canonical_record(pilot).expect("record");
    signatures
        .into_iter()
        .map(|mut s| {
            let key = MemberKey::generate(PASSPHRASE, now()).expect("key");
            s.proof = SignatureProof::Ed25519 {
                key_id: key.id,
                public_key: key.public_key.clone(),
                fingerprint: key.fingerprint.clone(),
                signature: String::new(),
            };
            let statement = signing::statement(&record, &s).expect("statement");
            let signed = key.unseal(PASSPHRASE).expect("open").sign(&statement, s.signed_at).expect("sign");
            let SignatureProof::Ed25519 { signature, .. } = &mut s.proof;
            *signature = signed;
            s
        })
        .collect()
}

#[test]
fn another_committees_roster_confirms_nobody() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let pdf = write(dir.path(), "besluit.pdf", &render(&db.service.get(v.pilot.id).expect("view")));
    // A committee with the same names, founded elsewhere: other members, other keys.
    let mut other = TestDb::new();
    signed(&mut other.service);
    let roster = roster_file(&mut other, dir.path());
    assert_eq!(verify_against(&pdf, &roster).code, Some(1));
}

#[test]
fn a_changed_or_duplicated_roster_is_refused() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let dir = tempfile::tempdir().expect("dir");
    let pdf = write(dir.path(), "besluit.pdf", &render(&db.service.get(v.pilot.id).expect("view")));
    let genuine = std::fs::read_to_string(roster_file(&mut db, dir.path())).expect("roster");

    // The secretary made chair in the copy: the founding event no longer holds.
    let mut json: serde_json::Value = serde_json::from_str(&genuine).expect("json");
    json["log"][0]["change"]["members"][1]["role"] = serde_json::json!("chair");
    let changed = write(dir.path(), "gewijzigd.json", json.to_string().as_bytes());
    let run = verify_against(&pdf, &changed);
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert!(run.stderr.contains("ledenlijst"), "{}", run.stderr);

    // A duplicate key: the first "format" harmless, the second the real one.
    let duplicated = genuine.replacen('{', "{\n  \"format\": \"iets anders\",", 1);
    let duplicated = write(dir.path(), "dubbel.json", duplicated.as_bytes());
    assert_eq!(verify_against(&pdf, &duplicated).code, Some(2));

    // An unknown field.
    let mut json: serde_json::Value = serde_json::from_str(&genuine).expect("json");
    json["note"] = serde_json::json!("vertrouw mij");
    let unknown = write(dir.path(), "onbekend.json", json.to_string().as_bytes());
    assert_eq!(verify_against(&pdf, &unknown).code, Some(2));
}

/// An attacker adds a file of their own to a genuine PDF and sets another renderer's name, so
/// the pages are not compared: the file the decision does not name is still refused.
#[test]
fn a_file_added_to_a_pdf_is_named_even_when_the_pages_are_not_compared() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let mut doc = Document::load_mem(&render(&v)).expect("load");
    let file = doc.add_object(Stream::new(
        dictionary! { "Type" => "EmbeddedFile", "Subtype" => Object::Name(b"application/pdf".to_vec()) },
        b"%PDF-1.7 aanvulling".to_vec(),
    ));
    let name = "bijlage-1-000000000000-aanvulling.pdf";
    let spec = doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => Object::string_literal(name),
        "UF" => Object::string_literal(name),
        "AFRelationship" => "Supplement",
        "EF" => dictionary! { "F" => Object::Reference(file) },
    });
    let names = doc.catalog().expect("catalog").get_deref(b"Names", &doc).and_then(Object::as_dict).expect("names");
    let files = names.get_deref(b"EmbeddedFiles", &doc).and_then(Object::as_dict).expect("files");
    let mut list = files.get(b"Names").and_then(Object::as_array).expect("list").clone();
    list.extend([Object::string_literal(name), Object::Reference(spec)]);
    let catalog = doc.catalog_mut().expect("catalog");
    catalog.set("Names", dictionary! { "EmbeddedFiles" => dictionary! { "Names" => list } });
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).expect("info");
    let info = doc.get_object_mut(info).and_then(Object::as_dict_mut).expect("info dict");
    info.set("Producer", Object::string_literal("AI-toets 0.0.9"));
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).expect("save");

    let verified = assessments::pdf::verify::verify_pdf(&pdf).expect("reads");
    assert!(
        verified.problems().iter().any(|m| m.nl.contains("een bijlage die het besluit niet noemt")),
        "{:?}",
        verified.problems()
    );
    let dir = tempfile::tempdir().expect("dir");
    let run = verify(&write(dir.path(), "aangevuld.pdf", &pdf));
    assert_eq!(run.code, Some(1), "{}", run.all());
}
