//! Attachments (issue 13): files kept with their SHA-256 where they belong; those of the
//! proposal go into the signed decision by their hash and into the archival PDF as associated
//! files. Each refusal: a file over the limit, of a kind not accepted or not what its name says,
//! a place that does not take files now; and a file changed behind the app's back is refused and
//! named, in the app and by the verifier.

use assessments::attachments::{Place, MAX_BYTES, MAX_ON_PROPOSAL};
use assessments::{Error, Role, Verdict};
use rusqlite::Connection;

use crate::support::{conditional_decision, reviewed, sign_as, signed, without_triggers, TestDb, CHAIR, SECRETARY};

/// A small PDF as a project lead would attach it (only its first bytes are checked).
fn dpia() -> Vec<u8> {
    b"%PDF-1.7\n% DPIA Slimme afvalwijzer, versie 2, 3 maart 2026\n%%EOF\n".to_vec()
}

const BY: &str = "Projectleider Sanne Bakker";

#[test]
fn the_decision_names_the_proposal_files_by_their_hash_and_the_pdf_carries_them() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let id = v.pilot.id;
    let pdf = db.service.attach(id, Place::Proposal, "DPIA afvalwijzer.pdf", &dpia(), BY).expect("a DPIA");
    let csv = db
        .service
        .attach(id, Place::Proposal, "C:\\Users\\sanne\\bias-test.csv", b"groep;fout\nA;3\n", BY)
        .expect("csv");
    assert_eq!(csv.name, "bias-test.csv", "no folders in the name");
    assert_eq!(pdf.sha256, assessments::base::hash::sha256_hex(&dpia()));
    assert_eq!((pdf.media_type.as_str(), pdf.size), ("application/pdf", dpia().len() as u64));
    assert_eq!(db.service.get(id).expect("view").attachments.len(), 2);

    db.service.decide(id, conditional_decision()).expect("decide");
    // After the decision the proposal takes no more files (the decision named them).
    let err = db.service.attach(id, Place::Proposal, "later.pdf", &dpia(), BY).expect_err("after the decision");
    assert!(matches!(err, Error::NotAllowed(_)), "{err}");
    sign_as(&mut db.service, id, CHAIR, Role::Chair).expect("chair");
    let v = sign_as(&mut db.service, id, SECRETARY, Role::Secretary).expect("secretary");
    let named: Vec<_> =
        v.pilot.decision.as_ref().expect("decision").attachments.iter().map(|a| a.sha256.clone()).collect();
    assert_eq!(named, [pdf.sha256.clone(), csv.sha256.clone()]);
    let record = assessments::pilot::signing::canonical_record(&v.pilot).expect("record");
    assert!(record.contains(&pdf.sha256), "the signatures cover the hash");

    let file = db.dir.path().join("besluit.pdf");
    db.service.export_pdf(id, &file).expect("export");
    let bytes = std::fs::read(&file).expect("read");
    let verified = assessments::pdf::verify::verify_pdf(&bytes).expect("verify");
    assert!(verified.problems().is_empty(), "{:?}", verified.problems());
    assert!(matches!(verified.pages, assessments::pdf::verify::Pages::Match), "{:?}", verified.pages);
    let opened = assessments::pdf::reader::open(&bytes).expect("open");
    let reference = &v.pilot.decision.as_ref().expect("d").attachments[0];
    assert_eq!(opened.attachment(&assessments::pdf::embedded_name(1, reference)), Some(dpia().as_slice()));
    // A PDF/A-3 associated file: in the catalog's AF list, related as a supplement, with its
    // MIME type; an independent reader (poppler) finds it too.
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf");
    let catalog = doc.catalog().expect("catalog");
    let af = catalog.get(b"AF").and_then(lopdf::Object::as_array).expect("AF");
    let spec = af
        .iter()
        .filter_map(|o| doc.dereference(o).ok().and_then(|(_, o)| o.as_dict().ok()))
        .find(|d| d.get(b"F").and_then(lopdf::Object::as_str).is_ok_and(|f| f.starts_with(b"bijlage-1-")))
        .expect("the DPIA's file specification");
    assert_eq!(spec.get(b"AFRelationship").and_then(lopdf::Object::as_name).expect("relationship"), b"Supplement");
    let stream = spec
        .get(b"EF")
        .and_then(lopdf::Object::as_dict)
        .and_then(|ef| ef.get(b"F"))
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(lopdf::Object::as_stream)
        .expect("embedded file");
    assert_eq!(stream.dict.get(b"Subtype").and_then(lopdf::Object::as_name).expect("subtype"), b"application/pdf");
    let listed = std::process::Command::new("pdfdetach").arg("-list").arg(&file).output().expect("pdfdetach");
    assert!(String::from_utf8_lossy(&listed.stdout).contains("DPIA afvalwijzer.pdf"), "{listed:?}");
    let text = assessments::pdf::reader::page_texts(&bytes).expect("pages").join("\n");
    assert!(
        text.contains("Bijlagen waarop de commissie zich baseerde") && text.contains("DPIA afvalwijzer.pdf"),
        "{text}"
    );

    // A forger swaps the DPIA inside the PDF for another of the same length: the verifier says so.
    let at = bytes.windows(dpia().len()).position(|w| w == dpia().as_slice()).expect("stored as written");
    let mut forged = bytes.clone();
    forged[at + 20] ^= 0x01;
    let verified = assessments::pdf::verify::verify_pdf(&forged).expect("verify the forgery");
    assert!(
        verified.problems().iter().any(|m| m.nl.contains("DPIA afvalwijzer.pdf") && m.nl.contains("SHA-256")),
        "{:?}",
        verified.problems()
    );
}

#[test]
fn a_file_that_cannot_be_kept_is_refused_and_nothing_is_kept() {
    let mut db = TestDb::new();
    let id = db.service.create(crate::support::proposal()).expect("draft").pilot.id;
    let refused = |db: &mut TestDb, name: &str, bytes: &[u8], by: &str, expect: &str| {
        let err = db.service.attach(id, Place::Proposal, name, bytes, by).expect_err(name);
        let message = format!("{} {:?}", err.message().nl, err.fields());
        assert!(message.contains(expect), "{name}: {message}");
    };
    refused(&mut db, "groot.pdf", &[b"%PDF-".as_slice(), &vec![b' '; MAX_BYTES]].concat(), BY, "5 MB");
    refused(&mut db, "setup.exe", b"MZ\x90\x00", BY, "dit soort bestand");
    refused(&mut db, "geen-extensie", b"tekst", BY, "dit soort bestand");
    refused(&mut db, "rapport.pdf", b"\x89PNG\r\n\x1a\nnot a pdf", BY, "past niet bij de naam");
    refused(&mut db, "contract.docx", b"%PDF-1.7", BY, "past niet bij de naam");
    refused(&mut db, "notitie.txt", b"tekst met \x00 erin", BY, "past niet bij de naam");
    refused(&mut db, "leeg.pdf", b"", BY, "leeg");
    refused(&mut db, "dpia.pdf", &dpia(), "  ", "addedBy");
    assert!(db.service.attachments(id).expect("list").is_empty(), "nothing was kept");
    // The same file twice at one place (the PDF would carry it twice): refused.
    db.service.attach(id, Place::Proposal, "dpia.pdf", &dpia(), BY).expect("once");
    refused(&mut db, "dpia-kopie.pdf", &dpia(), BY, "al bewaard");
    assert_eq!(db.service.attachments(id).expect("list").len(), 1);

    // A file on disk over the limit is not even read whole.
    let big = db.dir.path().join("groot.pdf");
    std::fs::write(&big, [b"%PDF-".as_slice(), &vec![b' '; MAX_BYTES + 10]].concat()).expect("write");
    let err = db.service.attach_file(id, Place::Proposal, &big, BY).expect_err("too big");
    assert!(err.message().nl.contains("groter dan 5 MB"), "{err}");

    for n in 1..MAX_ON_PROPOSAL {
        db.service
            .attach(id, Place::Proposal, &format!("bijlage-{n}.txt"), format!("{n}").as_bytes(), BY)
            .expect("room");
    }
    refused(&mut db, "een-te-veel.txt", b"11", BY, "al 10 bijlagen");
    assert_eq!(db.service.attachments(id).expect("list").len(), MAX_ON_PROPOSAL);
}

#[test]
fn evidence_for_a_condition_only_after_the_signed_decision_and_for_a_condition_it_has() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let err = db
        .service
        .attach(v.pilot.id, Place::Condition { condition: 0 }, "dpia.pdf", &dpia(), BY)
        .expect_err("not signed");
    assert!(matches!(err, Error::NotAllowed(_)), "{err}");

    let id = signed(&mut db.service).pilot.id;
    let kept = db.service.attach(id, Place::Condition { condition: 0 }, "dpia.pdf", &dpia(), BY).expect("evidence");
    assert_eq!(kept.place, Place::Condition { condition: 0 });
    let err = db.service.attach(id, Place::Condition { condition: 5 }, "dpia.pdf", &dpia(), BY).expect_err("no such");
    assert!(err.fields().iter().any(|f| f.field == "condition"), "{err:?}");
    let err = db
        .service
        .attach(id, Place::MonitoringReport { report: uuid::Uuid::new_v4() }, "r.pdf", &dpia(), BY)
        .expect_err("no such report");
    assert!(matches!(err, Error::NotAllowed(_)), "{err}");
    // Evidence after the signature leaves the signed record as it was.
    let after = db.service.get(id).expect("view");
    assert!(after.signature_checks.iter().all(|c| c.valid));
    assert!(after.pilot.decision.expect("d").attachments.is_empty());
    assert!(db.service.integrity().expect("check").intact);
}

#[test]
fn a_row_that_does_not_read_breaks_no_page_and_is_named() {
    let mut db = TestDb::new();
    let id = signed(&mut db.service).pilot.id;
    db.service.attach(id, Place::Condition { condition: 0 }, "dpia.pdf", &dpia(), BY).expect("kept");
    let raw = Connection::open(db.path()).expect("raw");
    raw.execute(
        "INSERT INTO attachments (id, pilot_id, place, name, media_type, size, sha256, content, added_at, added_by)
         VALUES ('00000000-0000-4000-8000-000000000001', ?1, '{\"type\":\"elders\"}', 'vreemd.pdf', 'application/pdf', 3, ?2, X'414243', '2026-11-28T10:15:00Z', 'aanvaller')",
        rusqlite::params![id.to_string(), "0".repeat(64)],
    )
    .expect("inserted");
    let view = db.service.get(id).expect("the page still opens");
    assert_eq!(view.attachments.len(), 1);
    let report = db.service.integrity().expect("the check still runs");
    assert!(!report.intact);
    assert!(report.changed_outside.iter().any(|c| c.contains("vreemd.pdf") && c.contains("onleesbaar")), "{report:?}");
}

#[test]
fn a_file_changed_behind_the_apps_back_is_refused_and_named() {
    let mut db = TestDb::new();
    let v = reviewed(&mut db.service, Verdict::Complies);
    let id = v.pilot.id;
    let kept = db.service.attach(id, Place::Proposal, "dpia.pdf", &dpia(), BY).expect("kept");
    db.service.decide(id, conditional_decision()).expect("decide");
    sign_as(&mut db.service, id, CHAIR, Role::Chair).expect("chair");
    sign_as(&mut db.service, id, SECRETARY, Role::Secretary).expect("secretary");

    // With sqlite3: the triggers refuse changing or deleting it.
    let raw = Connection::open(db.path()).expect("raw");
    let swap = format!("UPDATE attachments SET content = X'255044462D312E370A' WHERE id = '{}'", kept.id);
    let err = raw.execute_batch(&swap).expect_err("refused");
    assert!(err.to_string().contains("append-only"), "{err}");
    assert!(raw.execute_batch(&format!("DELETE FROM attachments WHERE id = '{}'", kept.id)).is_err());

    // Past the triggers: the copy, the PDF and the check on open refuse or name it.
    without_triggers(&raw, |c| {
        c.execute_batch(&swap).expect("swapped");
    });
    let copy = db.dir.path().join("kopie.pdf");
    let err = db.service.save_attachment(kept.id, &copy).expect_err("changed");
    assert!(err.message().nl.contains("buiten AI-toets om gewijzigd"), "{err}");
    assert!(!copy.exists(), "nothing written");
    let pdf = db.dir.path().join("besluit.pdf");
    assert!(db.service.export_pdf(id, &pdf).is_err() && !pdf.exists(), "no PDF with another file in it");
    let report = db.service.integrity().expect("check");
    assert!(!report.intact);
    assert!(report.changed_outside.iter().any(|c| c.contains("Bijlage dpia.pdf")), "{report:?}");
}
