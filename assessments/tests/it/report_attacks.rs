//! An independent review of the yearly report and its adoption (issue 14): attacks on the
//! adopted report's signatures and the check on open, on the figures at the period's edges,
//! and on the files (CSV, ODS, PDF). Each problem it found is fixed and its test now holds;
//! the attacks that held from the start are kept beside them.

use std::io::Read;
use std::sync::atomic::{AtomicI64, Ordering};

use assessments::api::{AdoptedView, NewMember, ReportFile};
use assessments::followup::{LifeChange, LifeStage, Publication};
use assessments::report::{Period, PeriodKind, PeriodRequest, Sources, YearlyReport};
use assessments::{Assessments, Proposal, Role, SqliteStore, Verdict};
use time::macros::{date, datetime};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::support::{
    conditional_decision, found, member, proposal, reviewed, sign_as, signed, without_triggers, TestDb, CHAIR,
    PASSPHRASE, SECRETARY,
};

fn year(y: i32) -> PeriodRequest {
    PeriodRequest { year: y, kind: PeriodKind::Year }
}

fn figure(r: &YearlyReport, key: &str) -> Option<i64> {
    r.figure(key).unwrap_or_else(|| panic!("figure {key}")).now
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (poppler-utils): {e}"));
    assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn reopen(db: &TestDb) -> Assessments {
    Assessments::with_clock(Box::new(SqliteStore::open(&db.path()).expect("open")), crate::support::now)
}

/// A database with one pilot signed, and the 2026 report adopted and signed by both officers.
fn adopted_and_signed() -> (TestDb, AdoptedView) {
    let mut db = TestDb::new();
    signed(&mut db.service);
    let adopted = db.service.adopt_report(year(2026), "Joost Ëlberts").expect("adopt");
    let chair = member(&mut db.service, CHAIR, Role::Chair);
    let secretary = member(&mut db.service, SECRETARY, Role::Secretary);
    db.service.sign_report(adopted.id, chair, PASSPHRASE).expect("chair signs");
    let view = db.service.sign_report(adopted.id, secretary, PASSPHRASE).expect("secretary signs");
    assert!(view.checks.iter().all(|c| c.valid));
    (db, view)
}

fn content_xml(ods: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(ods)).expect("a zip");
    let mut content = String::new();
    archive.by_name("content.xml").expect("content.xml").read_to_string(&mut content).expect("read");
    content
}

/// A pilot with `title`, handed in (so it is in the portfolio).
fn handed_in(s: &mut Assessments, title: &str) -> Uuid {
    let v = s.create(Proposal { title: title.into(), ..proposal() }).expect("create");
    s.submit(v.pilot.id).expect("submit");
    v.pilot.id
}

// ------------------------------------------------------------------------------------------
// Adopted reports: signatures and the check on open.
// ------------------------------------------------------------------------------------------

/// HOLDS. Someone alone at the laptop cannot sign as the other officer (their passphrase
/// opens only their own key), nor sign twice, nor sign as a member whose stored role was
/// raised behind the roster log's back.
#[test]
fn attack_holds_one_officer_cannot_sign_for_the_other_nor_twice_nor_with_a_raised_role() {
    let mut db = TestDb::new();
    let chair_pass = "voorzitter kiest paarse olifanten bij maanlicht";
    let secretary_pass = "secretaris notuleert zeven groene kikkers";
    db.service
        .found_committee(
            NewMember { name: CHAIR.into(), role: Role::Chair, passphrase: chair_pass.into() },
            NewMember { name: SECRETARY.into(), role: Role::Secretary, passphrase: secretary_pass.into() },
        )
        .expect("found");
    let roster = db.service.roster().expect("roster");
    let chair = roster.iter().find(|m| m.name == CHAIR).expect("chair").id;
    let secretary = roster.iter().find(|m| m.name == SECRETARY).expect("secretary").id;
    let adopted = db.service.adopt_report(year(2026), "Marieke de Vries").expect("adopt");

    // The chair types her own passphrase for the secretary: nothing is signed.
    db.service.sign_report(adopted.id, secretary, chair_pass).expect_err("not with the chair's passphrase");
    db.service.sign_report(adopted.id, chair, chair_pass).expect("the chair signs");
    db.service.sign_report(adopted.id, chair, chair_pass).expect_err("not twice");
    let view = db.service.adopted_reports().expect("list").remove(0);
    assert_eq!(view.signatures.len(), 1);
    assert_eq!(view.missing_roles, vec![Role::Secretary]);

    // A plain member whose stored role is raised to secretary in the file (the roster log
    // says member): refused.
    let approvers = vec![
        assessments::api::Approver { member_id: chair, passphrase: chair_pass.into() },
        assessments::api::Approver { member_id: secretary, passphrase: secretary_pass.into() },
    ];
    let fatima_pass = "fatima bewaakt de algoritmes met verve";
    let fatima = db
        .service
        .add_member(
            assessments::committee::roster::MemberInput { name: "Fatima el Amrani".into(), role: Role::Member },
            fatima_pass,
            approvers,
        )
        .expect("add")
        .id;
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    without_triggers(&conn, |c| {
        let n = c
            .execute(
                "UPDATE members SET body = json_set(body, '$.role', 'secretary') WHERE id = ?1",
                [fatima.to_string()],
            )
            .expect("raise the role");
        assert_eq!(n, 1);
    });
    drop(conn);
    let mut service = reopen(&db);
    let e = service.sign_report(adopted.id, fatima, fatima_pass).expect_err("not a secretary by the roster log");
    assert!(e.message().nl.contains("ledenlogboek") || e.message().nl.contains("voorzitter"), "{}", e.message().nl);
    assert_eq!(service.adopted_reports().expect("list")[0].signatures.len(), 1);
}

/// HOLDS. A report signature does not pass for a decision's: its statement carries a domain
/// of its own inside the key's (`AI-toets decision record v1\nAI-toets yearly report v1\n{…}`
/// against `AI-toets decision record v1\n{…}`).
#[test]
fn attack_holds_a_report_signature_copied_onto_a_decision_does_not_verify() {
    let (mut db, view) = adopted_and_signed();
    let pilot_id = db.service.list().expect("list")[0].id;
    let mut pilot = db.service.get(pilot_id).expect("pilot").pilot;
    let parts = assessments::pilot::signing::CanonicalParts::of(&pilot).expect("parts");
    let record = parts.record(&pilot).expect("record");
    let hash = assessments::pilot::signing::content_hash(&pilot).expect("hash");
    let chair_report_sig = view.signatures.iter().find(|s| s.role == Role::Chair).expect("chair").clone();
    // Relabelled as over the decision's hash, in place of the chair's decision signature.
    let forged = assessments::pilot::Signature { content_hash: hash, ..chair_report_sig };
    let at = pilot.signatures.iter().position(|s| s.role == Role::Chair).expect("chair's decision signature");
    pilot.signatures[at] = forged;
    let roster = crate::support::roster_state(&db);
    let checks = assessments::pilot::signing::verify_record(&pilot, &record, &roster).expect("checked");
    assert!(!checks[at].valid, "a report signature passed for a decision signature: {checks:?}");
}

/// HOLDS. Deleting an adopted report or one of its signatures behind the triggers is named
/// by the check on open; `INSERT OR REPLACE` of a signature is refused with the triggers.
#[test]
fn attack_holds_deleting_an_adopted_report_or_a_signature_is_named() {
    let (db, view) = adopted_and_signed();
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    let e = conn
        .execute_batch("INSERT OR REPLACE INTO report_signatures SELECT * FROM report_signatures")
        .expect_err("replace refused");
    assert!(e.to_string().contains("ai-toets:"), "{e}");
    without_triggers(&conn, |c| {
        c.execute("DELETE FROM report_signatures WHERE body LIKE '%\"role\":\"secretary\"%'", []).expect("delete");
    });
    drop(conn);
    let report = reopen(&db).integrity().expect("integrity");
    assert!(report.changed_outside.iter().any(|c| c.starts_with("Verwijderd: reportsig:")), "{report:?}");

    let conn = rusqlite::Connection::open(db.path()).expect("open");
    without_triggers(&conn, |c| {
        c.execute("DELETE FROM report_signatures", []).expect("delete");
        c.execute("DELETE FROM yearly_reports", []).expect("delete");
    });
    drop(conn);
    let report = reopen(&db).integrity().expect("integrity");
    assert!(report.changed_outside.contains(&format!("Verwijderd: report:{}", view.id)), "{report:?}");
}

/// Found by review, now held: The triggers keep `report_signatures` append-only, but an *insert* of a row with
/// a new `id` column and an existing signature's body is allowed, and nothing compares the
/// row's id with the body's: the check on open names nothing, and the report shows the
/// chair's signature twice. (`follow_up_events` names such a row: "dubbel", "hoort bij een
/// andere regel".)
#[test]
fn a_second_row_with_a_copied_report_signature_is_named_and_does_not_count() {
    let (db, view) = adopted_and_signed();
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    // With every trigger in place.
    conn.execute(
        "INSERT INTO report_signatures (id, report_id, body, signed_at)
         SELECT lower(hex(randomblob(16))), report_id, body, signed_at FROM report_signatures LIMIT 1",
        [],
    )
    .expect("an insert the triggers allow");
    drop(conn);
    let mut service = reopen(&db);
    let after = service.adopted_reports().expect("list").remove(0);
    let report = service.integrity().expect("integrity");
    assert!(
        after.signatures.len() == view.signatures.len() || !report.changed_outside.is_empty(),
        "a copied signature row is shown ({} signatures) and the check on open names nothing: {report:?}",
        after.signatures.len()
    );
}

/// Found by review, now held: One unreadable row in `yearly_reports` (inserted with the triggers in place: an
/// insert of a new id is allowed) makes the whole check on open fail with an error, so it
/// names nothing else either; a follow-up event that cannot be read is named instead.
#[test]
fn an_unreadable_adopted_report_row_is_named_and_the_check_goes_on() {
    let (db, _) = adopted_and_signed();
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    conn.execute(
        "INSERT INTO yearly_reports (id, period, record, content_hash, adopted_at, adopted_by)
         VALUES ('00000000-0000-0000-0000-000000000001', '{}', '{}', printf('%064d', 0),
                 '2026-11-28T10:15:00Z', 'iemand')",
        [],
    )
    .expect("an insert the triggers allow");
    drop(conn);
    let mut service = reopen(&db);
    let report = service.integrity();
    assert!(report.is_ok(), "the check on open failed instead of naming the row: {:?}", report.err());
    assert!(!report.expect("report").changed_outside.is_empty());
}

/// Found by review, now held: The yearly report's "last signed checkpoint" (printed on its first page as
/// *Ondertekend: het hele logboek is ondertekend*) is taken from every signature's
/// checkpoint, also one that does not verify. A row added in the file to an unsigned
/// pilot's signatures with the trail's head makes the report claim the whole trail is
/// signed, while the check on open counts it as not yet confirmed.
#[test]
fn the_reports_signed_checkpoint_counts_only_signatures_that_verify() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    // A second pilot, decided, not signed.
    let v = reviewed(&mut db.service, Verdict::Complies);
    db.service.decide(v.pilot.id, conditional_decision()).expect("decide");
    let log = db.service.audit_log().expect("log");
    let head = assessments::audit::Checkpoint { entries: log.len() as i64, head: log[0].entry_hash.clone() };
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    without_triggers(&conn, |c| {
        c.execute(
            "INSERT INTO signatures (id, pilot_id, signer_name, role, signed_at, content_hash, proof, member_id, checkpoint, committee)
             SELECT ?1, ?2, signer_name, role, signed_at, content_hash, proof, member_id, ?3, committee
             FROM signatures WHERE role = 'chair' LIMIT 1",
            rusqlite::params![
                Uuid::new_v4().to_string(),
                v.pilot.id.to_string(),
                serde_json::to_string(&head).expect("json")
            ],
        )
        .expect("insert");
    });
    drop(conn);
    let mut service = reopen(&db);
    let integrity = service.integrity().expect("integrity");
    let confirmed = integrity.entries - integrity.unconfirmed;
    let r = service.yearly_report(year(2026), &mut |_| {}).expect("report");
    let claimed = r.provenance.signed_checkpoint.as_ref().map_or(0, |c| c.entries);
    assert!(
        claimed <= confirmed,
        "the report says the trail is signed up to entry {claimed}; the check on open: up to {confirmed} \
         (invalid signatures: {:?})",
        integrity.invalid_signatures
    );
}

/// Found by review (low), now held: A report can be adopted (and then signed) for a period that has not begun:
/// its figures stand on today, before the period's first day, and its portfolio lists
/// today's pilots as the 2030 portfolio.
#[test]
fn a_report_for_a_period_that_has_not_begun_is_not_adopted() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    let r = db.service.yearly_report(year(2030), &mut |_| {}).expect("report");
    assert!(r.provenance.end < r.period.from, "stands on {} for {:?}", r.provenance.end, r.period);
    let adopted = db.service.adopt_report(year(2030), "Joost Ëlberts");
    assert!(adopted.is_err(), "the 2030 report was adopted on 28 November 2026 (portfolio: {:?})", r.portfolio);
}

// ------------------------------------------------------------------------------------------
// The figures.
// ------------------------------------------------------------------------------------------

fn sources_report(period: PeriodRequest, made_at: OffsetDateTime) -> YearlyReport {
    let frameworks = assessments::framework::Framework::builtin().expect("frameworks");
    let milestones = assessments::report::Milestones::default();
    let sources = Sources {
        municipality: "Gemeente Overbetuwe",
        pilots: &[],
        events: &[],
        meetings: &[],
        milestones: &milestones,
        frameworks: &frameworks,
        roster: &[],
        checkpoint: assessments::audit::Checkpoint { entries: 1, head: "ab".repeat(32) },
        signed_checkpoint: None,
        made_at,
        today: made_at.date(),
    };
    assessments::report::compute(&sources, Period::new(period).expect("period")).expect("report")
}

/// Found by review, now held: Section 8 lists the framework versions whose `effective_from` lies in the
/// period, also after the *peildatum*: a report of the running year made on 1 June 2026
/// says revisions took effect on 1 October and 28 November 2026.
#[test]
fn framework_revisions_after_the_peildatum_are_not_counted() {
    let r = sources_report(year(2026), datetime!(2026-06-01 12:00 UTC));
    assert_eq!(r.provenance.end, date!(2026 - 06 - 01));
    let after: Vec<&str> =
        r.revisions.iter().filter(|v| v.effective_from.as_str() > "2026-06-01").map(|v| v.version.as_str()).collect();
    assert!(after.is_empty(), "revisions after the peildatum of 1 June 2026: {after:?}");
}

/// Found by review (low), now held: `Period::new` accepts 2000, but the report of 2000 needs "the year before",
/// which `Period::new` refuses: the report fails with "Kies een jaar tussen 2000 en 2100".
#[test]
fn the_report_of_the_year_2000_can_be_made() {
    Period::new(year(2000)).expect("2000 is accepted");
    let mut db = TestDb::new();
    let r = db.service.yearly_report(year(2000), &mut |_| {});
    assert!(r.is_ok(), "{:?}", r.err().map(|e| e.fields().to_vec()));
}

static LATE_CLOCK: AtomicI64 = AtomicI64::new(0);
fn late_clock() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(LATE_CLOCK.fetch_add(1, Ordering::SeqCst)).expect("time")
}

/// Found by review, now held: A decision taken on 30 December 2026 and signed on 5 January 2027 did not run on
/// the 2026 report's *peildatum*; the report counts it as running on 31 December (section 7)
/// with its conditions (section 5), and the portfolio shows it signed and "In pilot" then.
/// `PilotFacts` keeps no moment of the last signature, so the status of today is read back
/// into the past.
#[test]
fn a_decision_signed_after_the_peildatum_does_not_count_as_running_on_it() {
    LATE_CLOCK.store(datetime!(2026-12-30 10:00 UTC).unix_timestamp(), Ordering::SeqCst);
    let dir = tempfile::tempdir().expect("dir");
    let store = SqliteStore::open(&dir.path().join("ai-toets.sqlite3")).expect("store");
    let mut s = Assessments::with_clock(Box::new(store), late_clock);
    found(&mut s);
    let v = reviewed(&mut s, Verdict::Complies);
    s.decide(v.pilot.id, conditional_decision()).expect("decided on 30 December");
    LATE_CLOCK.store(datetime!(2027-01-05 10:00 UTC).unix_timestamp(), Ordering::SeqCst);
    sign_as(&mut s, v.pilot.id, CHAIR, Role::Chair).expect("chair signs in January");
    sign_as(&mut s, v.pilot.id, SECRETARY, Role::Secretary).expect("secretary signs in January");

    let r = s.yearly_report(year(2026), &mut |_| {}).expect("report");
    assert_eq!(r.provenance.end, date!(2026 - 12 - 31));
    let row = &r.portfolio[0];
    assert_eq!(
        (figure(&r, "running"), figure(&r, "conditions.total"), row.stage.as_str()),
        (Some(0), Some(0), "Besloten, nog niet ondertekend"),
        "on 31 December 2026 the decision was not signed yet"
    );
}

/// HOLDS. A pilot that cannot be read does not break the report (it is left out; the check
/// on open names it).
#[test]
fn attack_holds_an_unreadable_pilot_does_not_break_the_report() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    handed_in(&mut db.service, "Tweede pilot");
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    without_triggers(&conn, |c| {
        c.execute("UPDATE pilots SET proposal = '{}' WHERE status = 'signed'", []).expect("garble");
    });
    drop(conn);
    let mut service = reopen(&db);
    let r = service.yearly_report(year(2026), &mut |_| {}).expect("the report is still made");
    assert_eq!(figure(&r, "decided"), Some(0));
    assert!(r.portfolio.iter().any(|p| p.title == "Tweede pilot"));
}

// ------------------------------------------------------------------------------------------
// The files.
// ------------------------------------------------------------------------------------------

/// HOLDS. Titles that a spreadsheet would take for a formula get an apostrophe in the CSV;
/// XML markup, `]]>` and control characters in a title stay text in the ODS; the PDF is made.
#[test]
fn attack_holds_formulas_and_markup_in_titles_stay_text_in_csv_and_ods() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    let hostile = [
        "=HYPERLINK(\"https://evil.example\";\"klik\")",
        "+SUM(1;2)",
        "@SUM(A1)",
        "-2+3+cmd|' /C calc'!A0",
        "<b>vet</b> & ]]> </table:table><table:table>",
        "stuur\u{7}\u{1b}[31m rood\u{202e}tset",
    ];
    for t in hostile {
        handed_in(&mut db.service, t);
    }
    let csv_path = db.dir.path().join("r.csv");
    db.service.export_yearly_report(year(2026), ReportFile::Csv, &csv_path, &mut |_| {}).expect("csv");
    let bytes = std::fs::read(&csv_path).expect("csv");
    let mut reader =
        csv::ReaderBuilder::new().delimiter(b';').has_headers(false).flexible(true).from_reader(&bytes[3..]);
    for record in reader.records() {
        for field in record.expect("record").iter() {
            let first = field.chars().next();
            let formula = matches!(first, Some('=' | '+' | '@' | '\t' | '\r'))
                || (first == Some('-') && field.parse::<i64>().is_err());
            assert!(!formula, "a field a spreadsheet would evaluate: {field:?}");
        }
    }
    let ods_path = db.dir.path().join("r.ods");
    db.service.export_yearly_report(year(2026), ReportFile::Ods, &ods_path, &mut |_| {}).expect("ods");
    let content = content_xml(&std::fs::read(&ods_path).expect("ods"));
    let doc = roxmltree::Document::parse(&content).expect("well-formed XML");
    let texts: Vec<String> =
        doc.descendants().filter(|n| n.has_tag_name("p")).map(|n| n.text().unwrap_or_default().to_string()).collect();
    assert!(texts.iter().any(|t| t == hostile[4]), "markup is text, not elements");
    let tables = doc.descendants().filter(|n| n.has_tag_name("table")).count();
    assert_eq!(
        tables,
        assessments::report::spreadsheet::all_tables(&db.service.yearly_report(year(2026), &mut |_| {}).expect("r"))
            .len()
    );
    let pdf = db.dir.path().join("r.pdf");
    db.service.export_yearly_report(year(2026), ReportFile::Pdf, &pdf, &mut |_| {}).expect("pdf");
}

/// Found by review, now held: `xml()` replaces control characters, but U+FFFE and U+FFFF are no control
/// characters and no XML 1.0 characters either: a proposal title with one makes `content.xml`
/// ill-formed, and spreadsheet programs refuse the whole file.
#[test]
fn a_noncharacter_in_a_title_leaves_the_ods_well_formed() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    handed_in(&mut db.service, "Chatbot \u{FFFF} afvalwijzer");
    let path = db.dir.path().join("r.ods");
    db.service.export_yearly_report(year(2026), ReportFile::Ods, &path, &mut |_| {}).expect("ods");
    let content = content_xml(&std::fs::read(&path).expect("ods"));
    let parsed = roxmltree::Document::parse(&content);
    assert!(parsed.is_ok(), "content.xml is not XML: {:?}", parsed.err());
}

/// Found by review, now held: A table row taller than a page (a stopped pilot's reason may hold 20,000
/// characters; 2,000 already do) starts on a new page and is drawn on past its bottom: the
/// rest of the reason is not in the council's PDF at all.
#[test]
fn a_long_cell_is_cut_with_a_note_and_kept_whole_in_the_record() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let reason: String = (0..400).map(|i| format!("reden{i} ")).collect::<String>() + "SLOTWOORD";
    db.service
        .change_life_stage(
            v.pilot.id,
            LifeChange { stage: LifeStage::Stopped, date: "2026-11-28".into(), reason, by: CHAIR.into() },
        )
        .expect("stopped");
    let path = db.dir.path().join("r.pdf");
    db.service.export_yearly_report(year(2026), ReportFile::Pdf, &path, &mut |_| {}).expect("pdf");
    let text = tool("pdftotext", &[path.to_str().expect("path"), "-"]);
    assert!(text.contains("reden0"), "the reason's start is on the page");
    assert!(text.contains("[… verder in de bijlage]"), "a cut cell says where the rest is");
    // The whole reason is in the record inside the PDF.
    let saved = db.dir.path().join("record.json");
    tool("pdfdetach", &["-save", "1", "-o", saved.to_str().expect("path"), path.to_str().expect("path")]);
    assert!(std::fs::read_to_string(&saved).expect("record").contains("SLOTWOORD"));
}

/// HOLDS, mostly. A publication's address must start with `https://`, is trimmed, and may
/// not hold whitespace or be longer than 300 characters; a date in the future or before the
/// decision is refused.
#[test]
fn attack_holds_publication_addresses_and_dates_are_checked() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let publish = |s: &mut Assessments, date: &str, url: &str| {
        s.record_publication(v.pilot.id, Publication { date: date.into(), url: url.into(), by: CHAIR.into() })
    };
    for url in [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)//https://",
        "data:text/html,<script>alert(1)</script>",
        "http://algoritmes.overheid.nl/x",
        "https://",
        "https:// algoritmes.overheid.nl",
        "https://algoritmes.overheid.nl/\nx",
        " javascript:https://x",
    ] {
        publish(&mut db.service, "2026-11-28", url).expect_err(url);
    }
    let long = format!("https://algoritmes.overheid.nl/{}", "a".repeat(300));
    publish(&mut db.service, "2026-11-28", &long).expect_err("too long");
    publish(&mut db.service, "2026-11-29", "https://algoritmes.overheid.nl/x").expect_err("the future");
    publish(&mut db.service, "2025-01-01", "https://algoritmes.overheid.nl/x").expect_err("before the decision");
    publish(&mut db.service, "2026-02-30", "https://algoritmes.overheid.nl/x").expect_err("no such day");
    let f = publish(&mut db.service, " 2026-11-28 ", "  https://algoritmes.overheid.nl/x  ").expect("trimmed");
    assert_eq!(f.published.expect("published").url, "https://algoritmes.overheid.nl/x");
}

/// Found by review (low), now held: The address check lets through control and bidi characters (none is
/// whitespace): the follow-up tab shows an address that reads otherwise than it is.
#[test]
fn a_publication_address_with_control_or_bidi_characters_is_refused() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let mut accepted = Vec::new();
    for url in ["https://algoritmes.overheid.nl/\u{202e}lmth.xedni", "https://algoritmes.overheid.nl/\u{0}\u{1b}[2J"] {
        let p = Publication { date: "2026-11-28".into(), url: url.into(), by: CHAIR.into() };
        if db.service.record_publication(v.pilot.id, p).is_ok() {
            accepted.push(url.escape_debug().to_string());
        }
    }
    assert!(accepted.is_empty(), "accepted: {accepted:?}");
}

/// HOLDS. The same records give the same ODS and CSV bytes, also with hostile titles and
/// several pilots (no map order or clock in the files).
#[test]
fn attack_holds_the_files_are_the_same_bytes_twice_with_many_pilots() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    for i in 0..12 {
        handed_in(&mut db.service, &format!("Pilot {i} ‘x’ & <y>"));
    }
    for (file, ext) in [(ReportFile::Ods, "ods"), (ReportFile::Csv, "csv"), (ReportFile::Pdf, "pdf")] {
        let a = db.dir.path().join(format!("a.{ext}"));
        let b = db.dir.path().join(format!("b.{ext}"));
        db.service.export_yearly_report(year(2026), file, &a, &mut |_| {}).expect("a");
        let mut other = reopen(&db);
        other.export_yearly_report(year(2026), file, &b, &mut |_| {}).expect("b");
        assert!(std::fs::read(&a).expect("a") == std::fs::read(&b).expect("b"), "{ext}: the same bytes");
    }
}

/// Found by review (low), now held: `AdoptedReport::check` does not compare the fingerprint a signature names
/// with its public key (a decision's `check_signature` does: `fingerprint_ok`), and the
/// fingerprint is not in the signed statement. The adopted report's PDF prints the stored
/// fingerprint under *Sleutel* beside "geldig"; an edited fingerprint still checks as valid.
#[test]
fn a_report_signature_with_another_fingerprint_does_not_check_as_valid() {
    let (db, _) = adopted_and_signed();
    let conn = rusqlite::Connection::open(db.path()).expect("open");
    without_triggers(&conn, |c| {
        c.execute(
            "UPDATE report_signatures SET body = json_set(body, '$.proof.fingerprint', 'AAAA-BBBB-CCCC-DDDD')",
            [],
        )
        .expect("edit");
    });
    drop(conn);
    let mut service = reopen(&db);
    let view = service.adopted_reports().expect("list").remove(0);
    let shown: Vec<String> = view
        .signatures
        .iter()
        .map(|s| {
            let assessments::pilot::SignatureProof::Ed25519 { fingerprint, .. } = &s.proof;
            fingerprint.clone()
        })
        .collect();
    assert!(shown.iter().all(|f| f == "AAAA-BBBB-CCCC-DDDD"), "{shown:?}");
    assert!(
        view.checks.iter().all(|c| !c.valid),
        "a signature whose stored fingerprint is not its key's checks as valid: {:?}",
        view.checks
    );
}

/// Found by review (low), now held: A report signature signs the audit trail's checkpoint like a decision
/// signature, but the check on open does not count it: after both officers sign the report,
/// every entry since the decision's last signature stays "nog niet bevestigd" (and the
/// report's own "last signed checkpoint" ignores it too).
#[test]
fn report_signatures_confirm_the_trail_like_decision_signatures() {
    let (mut db, view) = adopted_and_signed();
    let last = view.signatures.iter().filter_map(|s| s.checkpoint.as_ref()).map(|c| c.entries).max().expect("cp");
    let report = db.service.integrity().expect("integrity");
    assert!(report.changed_outside.is_empty() && report.invalid_signatures.is_empty(), "{report:?}");
    assert_eq!(
        report.entries - report.unconfirmed,
        last,
        "the secretary's report signature signed entry {last}; the check on open confirms only {}",
        report.entries - report.unconfirmed
    );
}

static QUIET_CLOCK: AtomicI64 = AtomicI64::new(0);
fn quiet_clock() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(QUIET_CLOCK.fetch_add(1, Ordering::SeqCst)).expect("time")
}

/// Found by review, now held: The *peildatum* is `min(period end, last audit entry)`. After a quiet end of the
/// year (last write on 20 December), the 2026 report made on 10 January stands on 20
/// December, not on the period's last day as ARCHITECTURE.md promises: a condition due on
/// 24 December is not overdue. The first write of January (any pilot) moves it to 31
/// December and the same 2026 figures change, though nothing of 2026 changed.
#[test]
fn a_finished_year_stands_on_its_last_day_whatever_is_written_after() {
    QUIET_CLOCK.store(datetime!(2026-12-20 10:00 UTC).unix_timestamp(), Ordering::SeqCst);
    let dir = tempfile::tempdir().expect("dir");
    let store = SqliteStore::open(&dir.path().join("ai-toets.sqlite3")).expect("store");
    let mut s = Assessments::with_clock(Box::new(store), quiet_clock);
    found(&mut s);
    let v = reviewed(&mut s, Verdict::Complies);
    let mut decision = conditional_decision();
    decision.conditions[0].deadline = Some(date!(2026 - 12 - 24));
    s.decide(v.pilot.id, decision).expect("decide");
    sign_as(&mut s, v.pilot.id, CHAIR, Role::Chair).expect("chair");
    sign_as(&mut s, v.pilot.id, SECRETARY, Role::Secretary).expect("secretary");

    QUIET_CLOCK.store(datetime!(2027-01-10 10:00 UTC).unix_timestamp(), Ordering::SeqCst);
    let before = s.yearly_report(year(2026), &mut |_| {}).expect("report");
    handed_in(&mut s, "Een nieuw voorstel in januari");
    let after = s.yearly_report(year(2026), &mut |_| {}).expect("report");
    assert_eq!(
        (before.provenance.end, figure(&before, "conditions.overdue")),
        (after.provenance.end, figure(&after, "conditions.overdue")),
        "the 2026 report changed with a write of January 2027"
    );
    assert_eq!(before.provenance.end, date!(2026 - 12 - 31));
}
