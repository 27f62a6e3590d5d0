//! Signed checkpoints: every signature (format v2) and every roster event signs the audit
//! trail's length and last hash, so the trail before it cannot be rewritten unseen; what comes
//! after the last one is "nog niet bevestigd". And the signed format itself, pinned.

use assessments::audit::{entry_hash, AuditEntry, Checkpoint};
use assessments::pilot::{Signature, SignatureProof};
use assessments::Role;
use rusqlite::Connection;

use crate::support::{officers, signed, TestDb};

fn raw(db: &TestDb) -> Connection {
    Connection::open(db.path()).expect("raw connection")
}

#[test]
fn every_new_signature_signs_the_audit_checkpoint_it_was_made_at() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let log = {
        let mut log = db.service.audit_log().expect("log");
        log.reverse();
        log
    };
    for s in &v.pilot.signatures {
        let checkpoint = s.checkpoint.as_ref().expect("format v2 carries a checkpoint");
        assert!(checkpoint.holds_in(&log), "{checkpoint:?}");
    }
    let report = db.service.integrity().expect("integrity");
    assert!(report.intact, "{report:?}");
    assert_eq!(report.unconfirmed, 1, "only the last signature's own entry comes after its checkpoint");

    // The PDF prints the checkpoint each signature was made under.
    let pdf = db.dir.path().join("besluit.pdf");
    db.service.export_pdf(v.pilot.id, &pdf).expect("export");
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext").stdout;
    let text = String::from_utf8_lossy(&text);
    for s in &v.pilot.signatures {
        let c = s.checkpoint.as_ref().expect("checkpoint");
        assert!(text.contains(&format!("{} regels, laatste", c.entries)), "{text}");
        assert!(text.contains(&c.head[..16]), "the head's hash in the PDF");
    }
}

/// Rewrites the audit trail from entry `from` on, consistently (every hash recomputed), with
/// `edit` applied to that entry: what someone with the file and the public hash can do.
fn rewrite_chain(db: &TestDb, from: i64, edit: impl Fn(&mut AuditEntry)) {
    let mut log = {
        let mut store = assessments::SqliteStore::open(&db.path()).expect("open");
        assessments::Store::audit_log(&mut store).expect("log")
    };
    let conn = raw(db);
    conn.execute_batch("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; DROP TRIGGER audit_no_replace;")
        .expect("drop");
    let mut prev = log[(from - 2) as usize].entry_hash.clone();
    for e in log.iter_mut().skip((from - 1) as usize) {
        if e.seq == from {
            edit(e);
        }
        e.prev_hash = prev.clone();
        e.entry_hash = entry_hash(e).expect("hash");
        prev = e.entry_hash.clone();
        conn.execute(
            "UPDATE audit_log SET actor = ?1, action = ?2, prev_hash = ?3, entry_hash = ?4 WHERE seq = ?5",
            rusqlite::params![e.actor, e.action, e.prev_hash, e.entry_hash, e.seq],
        )
        .expect("rewrite");
    }
}

#[test]
fn an_audit_trail_rewritten_before_a_signature_is_named() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    // Entry 5 said who answered a question; the rewrite blames someone else. Every hash after
    // it is recomputed, so the chain itself holds.
    rewrite_chain(&db, 5, |e| e.actor = "iemand anders".into());
    let report = db.service.integrity().expect("integrity");
    assert_eq!(report.broken_at, None, "the rewritten chain is consistent in itself");
    assert!(!report.intact);
    assert!(report.changed_outside.iter().any(|c| c.starts_with("Logboek vóór een handtekening")), "{report:?}");
}

#[test]
fn an_entry_appended_with_the_public_hash_is_unconfirmed_until_the_officers_confirm() {
    let mut db = TestDb::new();
    signed(&mut db.service);
    let before = db.service.integrity().expect("integrity").unconfirmed;
    // A forged but well-formed entry at the end of the chain (the hash is public).
    let forged = crate::support::append_forged_audit_entry(
        &db,
        "Marieke de Vries",
        "setting:note",
        "niets aan de hand",
        &"0".repeat(64),
    );
    let report = db.service.integrity().expect("integrity");
    assert_eq!(report.unconfirmed, before + 1, "shown as not yet confirmed");

    // Chair and secretary confirm the trail (e.g. when the meeting closes).
    let approvals = officers(&mut db.service);
    let checkpoint = db.service.confirm_log(approvals).expect("confirm");
    assert_eq!(checkpoint.entries, forged);
    let report = db.service.integrity().expect("integrity");
    assert_eq!(report.unconfirmed, 1, "only the confirmation's own entry comes after it");
    // Nobody alone can confirm.
    let one = crate::support::approvals(&mut db.service, &[crate::support::CHAIR]);
    assert!(db.service.confirm_log(one).is_err());
}

/// A signature with every field fixed, as the golden test needs it.
fn fixed_signature() -> Signature {
    Signature {
        id: uuid::uuid!("6f1f0c3e-0000-4000-8000-000000000001"),
        member_id: uuid::uuid!("6f1f0c3e-0000-4000-8000-000000000002"),
        signer_name: "Marieke de Vries".into(),
        role: Role::Chair,
        signed_at: time::macros::datetime!(2026-11-28 10:15 UTC),
        content_hash: "a".repeat(64),
        proof: SignatureProof::Ed25519 {
            key_id: uuid::uuid!("6f1f0c3e-0000-4000-8000-000000000003"),
            public_key: "b".repeat(64),
            fingerprint: "cccc cccc cccc cccc cccc cccc cccc cccc".into(),
            signature: String::new(),
        },
        checkpoint: Some(Checkpoint { entries: 42, head: "d".repeat(64) }),
        committee: Some("e".repeat(64)),
    }
}

/// The bytes a v2 signature signs are pinned: a change to the format, its field names or their
/// order fails here, so no later change alters what old signatures mean unnoticed.
#[test]
fn the_v2_statement_bytes_are_pinned() {
    let s = fixed_signature();
    let checkpoint = s.checkpoint.clone().expect("checkpoint");
    let bytes = assessments::pilot::signing::statement_v2(&s.content_hash, &s, &checkpoint).expect("statement");
    let golden = include_str!("../data/golden/statement-v2.json").trim_end();
    assert_eq!(String::from_utf8(bytes.clone()).expect("utf-8"), golden);
    assert_eq!(
        assessments::base::hash::sha256_hex(&bytes),
        "c33322a90bf5a1ff03a2c872f40e3f2208b35ac4f5a7572423ab1a6557d81bb3",
        "the SHA-256 of the golden statement"
    );
}
