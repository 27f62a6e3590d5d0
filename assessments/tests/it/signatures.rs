//! Signing with members' keys: the roster, the passphrase, the signing policy, and what a
//! signature check says when something does not hold.

use assessments::committee::roster::{MemberInput, SigningPolicy};
use assessments::pilot::signing::{verify, verify_document, SignedDocument};
use assessments::pilot::SignatureProof;
use assessments::{Error, Role, Status, Verdict};

use crate::support::{
    approvals, conditional_decision, member, officers, reviewed, roster_state, sign_as, signed, TestDb, CHAIR,
    PASSPHRASE, SECRETARY,
};

/// A second strong passphrase, for a member's new key.
const NEW_PASSPHRASE: &str = "zeven blauwe olifanten dansen traag";

fn decided(db: &mut TestDb) -> uuid::Uuid {
    let id = reviewed(&mut db.service, Verdict::Complies).pilot.id;
    db.service.decide(id, conditional_decision()).expect("decide");
    id
}

#[test]
fn two_members_sign_with_their_keys_and_every_signature_verifies() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    assert_eq!(v.pilot.status, Status::Signed);
    assert_eq!(v.signature_checks.len(), 2);
    for (check, signature) in v.signature_checks.iter().zip(&v.pilot.signatures) {
        assert!(check.valid, "{check:?}");
        let SignatureProof::Ed25519 { fingerprint, signature: sig, .. } = &signature.proof;
        assert_eq!(&check.fingerprint, fingerprint);
        assert_eq!(sig.len(), 128, "64 bytes of Ed25519 signature, hex");
    }
    assert!(db.service.integrity().expect("integrity").intact);
}

#[test]
fn a_wrong_passphrase_signs_nothing() {
    let mut db = TestDb::new();
    let id = decided(&mut db);
    let chair = member(&mut db.service, "Marieke de Vries", Role::Chair);
    let err = db.service.sign(id, chair, "niet de goede wachtzin").expect_err("wrong passphrase");
    assert_eq!(err.fields()[0].field, "passphrase");
    assert!(err.fields()[0].message.nl.contains("wachtzin"));
    let v = db.service.get(id).expect("get");
    assert!(v.pilot.signatures.is_empty(), "nothing was recorded");
    assert_eq!(v.pilot.status, Status::Decided);
}

#[test]
fn a_compromised_key_signs_nothing_and_only_what_it_signed_since_then_stops_counting() {
    let mut db = TestDb::new();
    let early = decided(&mut db);
    let chair = member(&mut db.service, CHAIR, Role::Chair);
    db.service.sign(early, chair, PASSPHRASE).expect("chair signs early");
    let late = decided(&mut db);
    let late_view = db.service.sign(late, chair, PASSPHRASE).expect("chair signs late");
    // Compromised from the moment of the late signature on (found out afterwards).
    let since = late_view.pilot.signatures[0].signed_at;

    let key = db.service.roster().expect("roster").iter().find(|m| m.id == chair).expect("chair").keys[0].id;
    // The chair's own key is the subject: the secretary and another member approve.
    member(&mut db.service, "Fatima el Amrani", Role::Member);
    let approvals = approvals(&mut db.service, &[SECRETARY, "Fatima el Amrani"]);
    db.service.declare_compromised(chair, key, since, approvals).expect("declare compromised");

    assert!(db.service.get(early).expect("get").signature_checks[0].valid, "signed before: still valid");
    let v = db.service.get(late).expect("get");
    assert!(!v.signature_checks[0].valid, "signed once compromised: never shown as valid");
    assert!(v.signature_checks[0].problem.as_deref().is_some_and(|p| p.contains("gecompromitteerd")), "{v:?}");
    assert!(!db.service.integrity().expect("integrity").intact, "a pilot signed with it shows up");

    let other = decided(&mut db);
    let err = db.service.sign(other, chair, PASSPHRASE).expect_err("compromised key");
    assert!(matches!(err, Error::NotAllowed(_)), "{err}");
    assert!(err.message().nl.contains("geen geldige sleutel"), "{}", err.message().nl);
}

#[test]
fn a_rotated_key_keeps_old_signatures_valid_and_needs_the_old_passphrase() {
    let mut db = TestDb::new();
    let id = decided(&mut db);
    let chair = member(&mut db.service, CHAIR, Role::Chair);
    db.service.sign(id, chair, PASSPHRASE).expect("chair signs");
    let err = db.service.rotate_key(chair, "verkeerde oude wachtzin", NEW_PASSPHRASE).expect_err("old one");
    assert_eq!(err.fields()[0].field, "passphrase");
    let m = db.service.rotate_key(chair, PASSPHRASE, NEW_PASSPHRASE).expect("rotate");
    assert_eq!(m.keys.len(), 2);
    assert!(m.keys[1].current && !m.keys[0].current && !m.keys[0].revoked);
    assert!(db.service.get(id).expect("get").signature_checks[0].valid, "signed before the rotation: still valid");
    let other = decided(&mut db);
    assert!(db.service.sign(other, chair, PASSPHRASE).is_err(), "the old passphrase no longer signs");
    db.service.sign(other, chair, NEW_PASSPHRASE).expect("the new key signs");
    assert!(db.service.integrity().expect("integrity").intact);
}

#[test]
fn a_key_not_on_the_roster_is_reported_as_unknown() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let mut roster = roster_state(&db);
    // The same signatures, checked against a roster where the chair's key was swapped for
    // another: the signature is sound, but not by a key the committee knows.
    let chair = roster.members.values_mut().find(|m| m.name == CHAIR).expect("chair");
    let other = assessments::committee::keys::MemberKey::generate(NEW_PASSPHRASE, crate::support::now()).expect("key");
    chair.keys = vec![assessments::committee::roster_log::KeyEntry::of(&other)];
    let checks = verify(&v.pilot, &roster).expect("verify");
    let unknown: Vec<_> = checks.iter().filter(|c| !c.valid).collect();
    assert_eq!(unknown.len(), 1, "{checks:?}");
    assert_eq!(unknown[0].signer_name, CHAIR);
    assert!(unknown[0].problem.as_deref().is_some_and(|p| p.contains("Onbekende sleutel")));
}

#[test]
fn the_signing_policy_is_configurable_and_recorded_in_the_decision() {
    let mut db = TestDb::new();
    member(&mut db.service, "Fatima el Amrani", Role::Member);
    let approvals = officers(&mut db.service);
    let err = db.service.set_signing_policy(SigningPolicy { required_roles: vec![] }, approvals).expect_err("empty");
    assert_eq!(err.fields()[0].field, "requiredRoles");
    let policy = SigningPolicy { required_roles: vec![Role::Member, Role::Chair, Role::Secretary] };
    let approvals = officers(&mut db.service);
    db.service.set_signing_policy(policy, approvals).expect("policy");
    let id = decided(&mut db);
    let v = db.service.get(id).expect("get");
    assert_eq!(
        v.pilot.decision.as_ref().expect("decision").required_signers,
        [Role::Chair, Role::Secretary, Role::Member]
    );
    sign_as(&mut db.service, id, CHAIR, Role::Chair).expect("chair");
    let v = sign_as(&mut db.service, id, SECRETARY, Role::Secretary).expect("secretary");
    assert_eq!(v.pilot.status, Status::Decided, "a member still has to sign");
    assert_eq!(v.missing_roles, [Role::Member]);
    // Changing the policy now does not change a decision already taken.
    let approvals = officers(&mut db.service);
    db.service.set_signing_policy(SigningPolicy::default(), approvals).expect("back to default");
    assert_eq!(db.service.get(id).expect("get").missing_roles, [Role::Member]);
    let v = sign_as(&mut db.service, id, "Fatima el Amrani", Role::Member).expect("member");
    assert_eq!(v.pilot.status, Status::Signed);
}

#[test]
fn member_names_are_unique_and_keys_never_leave_the_core() {
    let mut db = TestDb::new();
    member(&mut db.service, CHAIR, Role::Chair);
    let input = MemberInput { name: "marieke de vries".into(), role: Role::Member };
    let approvals = officers(&mut db.service);
    let err = db.service.add_member(input, PASSPHRASE, approvals).expect_err("duplicate");
    assert_eq!(err.fields()[0].field, "name");
    let json = serde_json::to_string(&db.service.roster().expect("roster")).expect("json");
    assert!(!json.contains("sealed") && !json.contains("salt"), "{json}");
}

#[test]
fn a_signed_document_verifies_on_its_own_and_fails_on_one_changed_byte() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let doc = SignedDocument::of(&v.pilot).expect("document");
    let json = doc.to_json().expect("json");
    let report = verify_document(&serde_json::from_str(&json).expect("parse")).expect("verify");
    assert!(report.valid(), "{report:?}");
    assert_eq!(report.computed_hash, v.content_hash);

    // One byte of the motivation changed ("zinvol" becomes "zinvok").
    let at = json.find("zinvol").expect("reasons in the record") + 5;
    let mut bytes = json.clone().into_bytes();
    bytes[at] = b'k';
    let tampered: SignedDocument = serde_json::from_slice(&bytes).expect("still JSON");
    let report = verify_document(&tampered).expect("verify");
    assert!(!report.hash_holds() && !report.valid());
    assert!(report.signatures.iter().all(|s| !s.valid), "{report:?}");
}

#[test]
fn the_signed_statement_is_the_canonical_json_of_format_record_and_signer() {
    let mut db = TestDb::new();
    let v = signed(&mut db.service);
    let record = assessments::pilot::signing::canonical_record(&v.pilot).expect("record");
    for s in &v.pilot.signatures {
        let SignatureProof::Ed25519 { key_id, public_key, .. } = &s.proof;
        let whole = serde_json::json!({
            "format": assessments::pilot::signing::STATEMENT_FORMAT,
            "record": serde_json::from_str::<serde_json::Value>(&record).expect("json"),
            "signer": {
                "signatureId": s.id,
                "memberId": s.member_id,
                "name": s.signer_name,
                "role": s.role,
                "signedAt": s.signed_at.format(&time::format_description::well_known::Rfc3339).expect("time"),
                "keyId": key_id,
                "publicKey": public_key,
            },
        });
        let expected = serde_json_canonicalizer::to_string(&whole).expect("canonical");
        let statement = assessments::pilot::signing::statement(&record, s).expect("statement");
        assert_eq!(String::from_utf8(statement).expect("utf-8"), expected);
    }
}

#[test]
fn the_shared_parts_give_the_same_canonical_record_and_pilot_as_the_canonicalizer() {
    let mut db = TestDb::new();
    let signed = signed(&mut db.service).pilot;
    let draft = db.service.create(crate::support::proposal()).expect("draft").pilot;
    for pilot in [signed, draft] {
        let parts = assessments::pilot::signing::CanonicalParts::of(&pilot).expect("parts");
        assert_eq!(
            parts.record(&pilot).expect("record"),
            assessments::pilot::signing::canonical_record(&pilot).expect("jcs")
        );
        assert_eq!(
            assessments::base::hash::sha256_hex(parts.pilot(&pilot).expect("pilot").as_bytes()),
            assessments::audit::state_hash(&pilot).expect("state hash")
        );
    }
}
