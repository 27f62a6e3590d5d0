//! Golden files: the canonical bytes of a signed record and the text and bytes of its archival
//! PDF, pinned before any refactoring so a move cannot change what was signed or printed.
//! `tests/data/golden/decision.pdf` was made once by the app (a decision taken in a meeting,
//! with a conflict of interest, votes and a minority opinion, signed by chair and secretary);
//! the record and text beside it were read from that file. A deliberate change to the record
//! format or the renderer regenerates them:
//! `UPDATE_GOLDEN=1 cargo test -p assessments --test it golden -- --ignored`; a renderer change
//! alone draws the pages of the same record again with `UPDATE_GOLDEN=pages`.

use assessments::meeting::{Attendee, MeetingInput, QuorumRule, VoteChoice};
use assessments::pdf::verify::{verify_pdf, Pages};
use assessments::pdf::{render_sheet, Conformance, Sheet};
use assessments::{Framework, Pilot, Role, Status, Verdict};

use crate::support::{conditional_decision, reviewed, sign_as, TestDb, PASSPHRASE};

fn golden(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/golden").join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(golden(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("besluit.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The pilot as the golden PDF carries it.
fn golden_pilot() -> Pilot {
    pilot_of("decision.pdf")
}

/// The pilot a golden PDF carries.
fn pilot_of(pdf: &str) -> Pilot {
    let v = verify_pdf(&read(pdf)).expect("the golden PDF reads");
    let decided = v.record.decision.as_ref().expect("a decision").decided_at;
    Pilot {
        id: v.record.pilot_id,
        revision: 0,
        status: Status::Signed,
        framework: v.record.framework.clone(),
        proposal: v.record.proposal.clone(),
        answers: v.record.answers.clone(),
        decision: v.record.decision.clone(),
        signatures: v.document.signatures.clone(),
        reassesses: v.record.reassesses.clone(),
        created_at: decided,
        updated_at: decided,
    }
}

#[test]
fn the_signed_record_keeps_its_canonical_bytes() {
    let pilot = golden_pilot();
    let record = assessments::pilot::signing::canonical_record(&pilot).expect("canonical");
    let pinned = String::from_utf8(read("decision-record.json")).expect("utf-8");
    assert_eq!(record, pinned.trim_end(), "the canonical bytes of the signed record changed");
    let v = verify_pdf(&read("decision.pdf")).expect("reads");
    assert_eq!(v.document.content_hash, assessments::base::hash::sha256_hex(record.as_bytes()));
    assert!(v.report.valid(), "{:?}", v.report);
}

/// The decision made before a decision kept its AI Act conclusion (issue 12, 10): its record
/// keeps its bytes and verifies; its PDF, drawn today, says the conclusion is today's.
#[test]
fn a_record_from_before_the_kept_conclusion_keeps_its_bytes_and_says_what_it_shows() {
    let pilot = pilot_of("decision-without-ai-act.pdf");
    assert!(pilot.decision.as_ref().is_some_and(|d| d.ai_act.is_none()));
    let record = assessments::pilot::signing::canonical_record(&pilot).expect("canonical");
    let pinned = String::from_utf8(read("decision-without-ai-act-record.json")).expect("utf-8");
    assert_eq!(record, pinned.trim_end(), "the canonical bytes of the older record changed");
    let v = verify_pdf(&read("decision-without-ai-act.pdf")).expect("reads");
    assert!(v.report.valid(), "{:?}", v.report);
    let shipped = Framework::builtin().expect("shipped frameworks");
    let framework = shipped.iter().find(|f| f.reference() == pilot.framework).expect("framework");
    let text = pdftotext(&render_sheet(&Sheet::new(&pilot, framework).expect("sheet"), Conformance::A3b).expect("pdf"));
    assert!(text.contains("voordat AI-toets de conclusie bij het besluit bewaarde"), "{text}");
}

#[test]
fn the_archival_pdf_is_drawn_the_same() {
    let pilot = golden_pilot();
    let shipped = Framework::builtin().expect("shipped frameworks");
    let framework =
        shipped.iter().find(|f| f.reference() == pilot.framework).expect("the shipped framework the record names");
    let sheet = Sheet::new(&pilot, framework).expect("sheet");
    let drawn = render_sheet(&sheet, Conformance::A3b).expect("render");
    let text = pdftotext(&drawn);
    let pinned = String::from_utf8(read("decision.txt")).expect("utf-8");
    assert_eq!(text, pinned, "the text of the archival PDF changed");
    assert!(drawn == read("decision.pdf"), "the bytes of the archival PDF changed");
    let v = verify_pdf(&drawn).expect("reads");
    assert!(matches!(v.pages, Pages::Match), "{:?}", v.pages);
}

#[test]
#[ignore = "writes the golden files; run with UPDATE_GOLDEN=1"]
fn update_golden_files() {
    let Some(mode) = std::env::var_os("UPDATE_GOLDEN") else {
        return;
    };
    if mode == "pages" {
        // A renderer change: the same signed record, its pages drawn again.
        let pilot = golden_pilot();
        let shipped = Framework::builtin().expect("shipped frameworks");
        let framework = shipped.iter().find(|f| f.reference() == pilot.framework).expect("framework");
        let drawn = render_sheet(&Sheet::new(&pilot, framework).expect("sheet"), Conformance::A3b).expect("render");
        std::fs::write(golden("decision.pdf"), &drawn).expect("write");
        std::fs::write(golden("decision.txt"), pdftotext(&drawn)).expect("write");
        return;
    }
    let mut db = TestDb::new();
    let pilot = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    let attendee = |name: &str, role| Attendee { name: name.into(), role, present: true };
    let m = db
        .service
        .create_meeting(MeetingInput {
            date: "2026-12-03".into(),
            place: "Raadszaal, Elst".into(),
            members: vec![
                attendee(crate::support::CHAIR, Role::Chair),
                attendee(crate::support::SECRETARY, Role::Secretary),
                attendee("Fatima el Amrani", Role::Member),
            ],
            quorum: QuorumRule::Majority,
            agenda: vec![pilot],
        })
        .expect("meeting")
        .meeting
        .id;
    crate::support::member(&mut db.service, "Fatima el Amrani", Role::Member);
    db.service.open_minutes(m, PASSPHRASE).expect("minutes");
    db.service.declare_conflict(m, "Fatima el Amrani", pilot, "Zus werkt bij de leverancier").expect("conflict");
    db.service.cast_vote(m, crate::support::CHAIR, pilot, VoteChoice::For).expect("vote");
    db.service.cast_vote(m, crate::support::SECRETARY, pilot, VoteChoice::For).expect("vote");
    db.service
        .set_minority_opinion(m, crate::support::SECRETARY, pilot, "Liever eerst een kleinere proef.")
        .expect("opinion");
    db.service.decide(pilot, conditional_decision()).expect("decide");
    sign_as(&mut db.service, pilot, crate::support::CHAIR, Role::Chair).expect("chair");
    sign_as(&mut db.service, pilot, crate::support::SECRETARY, Role::Secretary).expect("secretary");
    db.service.export_pdf(pilot, &golden("decision.pdf")).expect("export");
    let pilot = golden_pilot();
    let record = assessments::pilot::signing::canonical_record(&pilot).expect("canonical");
    std::fs::write(golden("decision-record.json"), format!("{record}\n")).expect("write");
    std::fs::write(golden("decision.txt"), pdftotext(&read("decision.pdf"))).expect("write");
}
