//! Forgeries from an independent review of issue 10 ("Trust"): attacks on the roster log, the
//! officers' approvals and `ai-toets-verify --roster`. The first three got through the first
//! version of the roster check (exit 0 for a forged decision); each is a regression test now.

use std::path::{Path, PathBuf};
use std::process::Command;

use assessments::committee::roster::CommitteeMember;
use assessments::pdf::Conformance;
use assessments::pilot::signing;
use assessments::pilot::{Signature, SignatureProof};
use assessments::{Outcome, PilotView, Role, SqliteStore, Store};

use crate::support::{approvals, found, member, officers, signed, TestDb, CHAIR, PASSPHRASE, SECRETARY};

const VERIFY: &str = env!("CARGO_BIN_EXE_ai-toets-verify");

fn run_verify(pdf: &Path, roster: &Path) -> (Option<i32>, String) {
    let out = Command::new(VERIFY).arg("--roster").arg(roster).arg(pdf).output().expect("run ai-toets-verify");
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code(), all)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn stored_member(db: &TestDb, name: &str) -> CommitteeMember {
    let mut store = SqliteStore::open(&db.path()).expect("open");
    store.list_members().expect("members").into_iter().find(|m| m.name == name).expect("member")
}

/// A v2 signature by `member`'s current stored key (opened with the member's OWN passphrase)
/// over `pilot`'s record, made at `signed_at`, claiming `role`.
fn own_signature(
    pilot: &assessments::Pilot,
    member: &CommitteeMember,
    role: Role,
    signed_at: time::OffsetDateTime,
) -> Signature {
    let key = member.keys.last().expect("key");
    let record = signing::canonical_record(pilot).expect("record");
    let hash = assessments::base::hash::sha256_hex(record.as_bytes());
    let template = pilot.signatures.first().expect("a genuine signature to copy");
    let mut s = template.clone();
    s.id = uuid::Uuid::new_v4();
    s.member_id = member.id;
    s.signer_name = member.name.clone();
    s.role = role;
    s.signed_at = signed_at;
    s.content_hash = hash.clone();
    s.proof = SignatureProof::Ed25519 {
        key_id: key.id,
        public_key: key.public_key.clone(),
        fingerprint: key.fingerprint.clone(),
        signature: String::new(),
    };
    let statement = signing::statement_for(&record, &hash, &s).expect("statement");
    let sig = key.unseal(PASSPHRASE).expect("own passphrase").sign(&statement, signed_at).expect("sign");
    let SignatureProof::Ed25519 { signature: slot, .. } = &mut s.proof;
    *slot = sig;
    s
}

/// The genuine signed view, turned into a NEGATIVE -> POSITIVE forgery whose record requires no
/// signatures at all (`requiredSigners: []`) and carries only `signatures`.
fn forged_view(genuine: &PilotView, sign: impl Fn(&assessments::Pilot) -> Vec<Signature>) -> PilotView {
    forged_view_requiring(genuine, vec![], sign)
}

fn forged_view_requiring(
    genuine: &PilotView,
    required: Vec<Role>,
    sign: impl Fn(&assessments::Pilot) -> Vec<Signature>,
) -> PilotView {
    let mut v = genuine.clone();
    let d = v.pilot.decision.as_mut().expect("decision");
    d.outcome = Outcome::Positive;
    d.conditions.clear();
    d.reasons = "Vervalst: de commissie zou positief hebben besloten.".into();
    d.required_signers = required;
    v.pilot.signatures = sign(&v.pilot);
    v
}

/// A signed decision of a committee with an ordinary member, Piet, and the committee's genuine
/// published roster; what one member alone can forge from, and the verifier's answer.
fn forged_by_piet_alone(required: Vec<Role>) -> (Option<i32>, String) {
    let mut db = TestDb::new();
    let genuine = signed(&mut db.service);
    member(&mut db.service, "Piet Lid", Role::Member);
    let piet = stored_member(&db, "Piet Lid");
    let dir = tempfile::tempdir().expect("dir");
    let roster = dir.path().join("ledenlijst.json");
    db.service.export_roster(&roster).expect("export the genuine roster");
    let at = piet.keys.last().expect("key").valid_from + time::Duration::minutes(1);
    let forged = forged_view_requiring(&genuine, required, |p| vec![own_signature(p, &piet, Role::Member, at)]);
    let pdf = write(dir.path(), "vervalst.pdf", &assessments::pdf::render(&forged, Conformance::A3b).expect("render"));
    run_verify(&pdf, &roster)
}

/// One ordinary committee member, alone, with only their own key and the committee's genuine
/// roster, writes a decision that requires no signatures (`requiredSigners: []`): the roster's
/// signing policy at the moment of the decision says what counts.
#[test]
fn one_member_alone_cannot_forge_a_decision_by_emptying_required_signers() {
    let (code, out) = forged_by_piet_alone(vec![]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("minder handtekeningen dan de ledenlijst toen eiste"), "{out}");
}

/// The same with `requiredSigners = [member]` (so the page does not look empty).
#[test]
fn one_member_alone_cannot_forge_with_required_signers_member_only() {
    let (code, out) = forged_by_piet_alone(vec![Role::Member]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("ontbreekt: voorzitter, secretaris"), "{out}");
}

/// A key the officers declared compromised, used by its thief with `signedAt` backdated to
/// before `compromisedSince`: nothing in the PDF proves when it signed, so a signature by a
/// key ever declared compromised is never confirmed (exit 3 at best, here 1: the decision also
/// requires too little).
#[test]
fn a_declared_compromised_key_never_signs_a_valid_pdf_even_backdated() {
    let mut db = TestDb::new();
    let genuine = signed(&mut db.service);
    let piet_id = member(&mut db.service, "Piet Lid", Role::Member);
    let piet = stored_member(&db, "Piet Lid");
    let key = piet.keys.last().expect("key").clone();
    let since = key.valid_from + time::Duration::seconds(1);
    let approvers = officers(&mut db.service);
    db.service.declare_compromised(piet_id, key.id, since, approvers).expect("officers declare the key compromised");
    let dir = tempfile::tempdir().expect("dir");
    let roster = dir.path().join("ledenlijst.json");
    db.service.export_roster(&roster).expect("export (it lists compromisedSince)");
    assert!(std::fs::read_to_string(&roster).expect("read").contains("compromisedSince"));

    // The thief, days later, stamps the signature one second after the key was made.
    let backdated = key.valid_from;
    let forged = forged_view(&genuine, |p| vec![own_signature(p, &piet, Role::Member, backdated)]);
    let pdf = write(dir.path(), "vervalst.pdf", &assessments::pdf::render(&forged, Conformance::A3b).expect("render"));
    let (code, out) = run_verify(&pdf, &roster);
    assert_ne!(code, Some(0), "{out}");
    // With a decision that requires what the policy asks, signed by chair and secretary and a
    // backdated compromised member's key: consistent, but never confirmed.
    let chair = stored_member(&db, CHAIR);
    let secretary = stored_member(&db, SECRETARY);
    let policy = vec![Role::Chair, Role::Secretary, Role::Member];
    let at = chair.keys.last().expect("key").valid_from + time::Duration::minutes(1);
    let forged = forged_view_requiring(&genuine, policy, |p| {
        vec![
            own_signature(p, &chair, Role::Chair, at),
            own_signature(p, &secretary, Role::Secretary, at),
            own_signature(p, &piet, Role::Member, backdated),
        ]
    });
    let pdf = write(dir.path(), "twijfel.pdf", &assessments::pdf::render(&forged, Conformance::A3b).expect("render"));
    let (code, out) = run_verify(&pdf, &roster);
    assert_eq!(code, Some(3), "{out}");
    assert!(out.contains("later gecompromitteerd"), "{out}");
}

/// Whoever hands the archivist the PDF can hand a roster too: a committee founded elsewhere
/// with the same names confirms its own signers. What stops this is outside the files: the
/// verifier prints the roster's founding hash (the committee's identity, which every v2
/// signature also signs) and its head, to compare with the roster the municipality published;
/// and the genuine roster confirms none of the forgers.
#[test]
fn a_forged_committee_s_own_roster_is_identified_and_the_genuine_roster_refuses_it() {
    let mut real = TestDb::new();
    let genuine = signed(&mut real.service);
    let mut fake = TestDb::new();
    signed(&mut fake.service); // same names, the forger's own keys and passphrases
    let dir = tempfile::tempdir().expect("dir");
    let fake_roster = dir.path().join("ledenlijst.json");
    fake.service.export_roster(&fake_roster).expect("export");
    let chair = stored_member(&fake, CHAIR);
    let secretary = stored_member(&fake, SECRETARY);
    let at = chair.keys.last().expect("k").valid_from + time::Duration::minutes(5);
    // The REAL pilot (its id, proposal, answers), negative turned positive, signed by the fakes.
    let forged = forged_view_requiring(&genuine, vec![Role::Chair, Role::Secretary], |p| {
        vec![
            own_signature(p, &chair, Role::Chair, at),
            own_signature(p, &secretary, Role::Secretary, at + time::Duration::minutes(1)),
        ]
    });
    let pdf = write(dir.path(), "vervalst.pdf", &assessments::pdf::render(&forged, Conformance::A3b).expect("render"));
    let (_, out) = run_verify(&pdf, &fake_roster);
    let fake_state = crate::support::roster_state(&fake);
    let real_state = crate::support::roster_state(&real);
    let fake_founding = fake_state.founding.clone().expect("founded");
    assert!(out.contains(&fake_founding) && out.contains(&fake_state.head), "the roster is identified:\n{out}");
    assert!(!out.contains(real_state.founding.as_deref().expect("founded")), "{out}");
    // Against the committee's own published roster, the forgers confirm nothing.
    let real_roster = dir.path().join("echte-ledenlijst.json");
    real.service.export_roster(&real_roster).expect("export");
    let (code, out) = run_verify(&pdf, &real_roster);
    assert_eq!(code, Some(1), "{out}");
}

// ---------------------------------------------------------------------------------------------
// Attacks that were STOPPED (kept as evidence).

/// One person alone: the same approver twice, the subject approving a change about themselves.
#[test]
fn stopped_one_approver_twice_or_the_subject_approving() {
    let mut db = TestDb::new();
    found(&mut db.service);
    let piet = member(&mut db.service, "Piet Lid", Role::Member);
    let twice = approvals(&mut db.service, &[CHAIR, CHAIR]);
    assert!(db.service.change_role(piet, Role::Secretary, twice).is_err());
    let twice = approvals(&mut db.service, &[SECRETARY, SECRETARY]);
    assert!(db
        .service
        .set_signing_policy(assessments::committee::roster::SigningPolicy { required_roles: vec![Role::Chair] }, twice)
        .is_err());
    // Piet approves his own promotion with the chair: the secretary is missing and Piet is the subject.
    let own = approvals(&mut db.service, &[CHAIR, "Piet Lid"]);
    assert!(db.service.change_role(piet, Role::Chair, own).is_err());
    // Founding twice.
    let new = |name: &str, role| assessments::api::NewMember { name: name.into(), role, passphrase: PASSPHRASE.into() };
    assert!(db.service.found_committee(new("X Een", Role::Chair), new("Y Twee", Role::Secretary)).is_err());
}

/// Two chairs: promoting a member to chair while the chair is in office.
#[test]
fn stopped_a_second_chair() {
    let mut db = TestDb::new();
    let piet = member(&mut db.service, "Piet Lid", Role::Member);
    let a = officers(&mut db.service);
    assert!(db.service.change_role(piet, Role::Chair, a).is_err());
}

/// An ended member's approval, and a retired (rotated) key's approval.
#[test]
fn stopped_an_ended_member_or_a_rotated_key_approving() {
    let mut db = TestDb::new();
    let piet = member(&mut db.service, "Piet Lid", Role::Member);
    let kees = member(&mut db.service, "Kees Lid", Role::Member);
    let a = officers(&mut db.service);
    db.service.end_membership(piet, a).expect("end Piet");
    // Piet (ended) and the chair approve something: refused (approver loads, key retired).
    let a = vec![
        assessments::api::Approver { member_id: piet, passphrase: PASSPHRASE.into() },
        approvals(&mut db.service, &[CHAIR]).remove(0),
        approvals(&mut db.service, &[SECRETARY]).remove(0),
    ];
    assert!(db.service.change_role(kees, Role::Member, a).is_err());
}

/// A roster file: approvals lifted from one event into a crafted one do not verify.
#[test]
fn stopped_approvals_replayed_into_another_event() {
    let mut db = TestDb::new();
    member(&mut db.service, "Piet Lid", Role::Member);
    let file = db.service.roster_file().expect("file");
    let mut log = file.log.clone();
    let last = log.last().expect("event").clone();
    // Same approvals, another change at the same place in the chain.
    let mut crafted = last.clone();
    crafted.change = assessments::committee::roster_log::RosterChange::PolicyChanged {
        policy: assessments::committee::roster::SigningPolicy { required_roles: vec![Role::Chair] },
    };
    *log.last_mut().expect("last") = crafted;
    assert!(assessments::committee::roster_log::RosterState::replay(&log).is_err());
}
