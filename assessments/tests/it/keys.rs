//! Members' keys: sealed with a passphrase, strict verification, rotation and revocation.

use assessments::committee::keys::MemberKey;

use crate::support::now;

const PASS: &str = "lange wachtzin voor de voorzitter";

/// Opens the key with `passphrase` and signs, as a member does.
fn sign(key: &MemberKey, passphrase: &str, record: &[u8], at: time::OffsetDateTime) -> assessments::Result<String> {
    key.unseal(passphrase)?.sign(record, at)
}

#[test]
fn a_sealed_key_signs_with_the_right_passphrase_only() {
    let key = MemberKey::generate(PASS, now()).expect("generate");
    assert_eq!(key.fingerprint.split(' ').count(), 8, "{}", key.fingerprint);
    let record = br#"{"decision":"positive"}"#;
    let signature = sign(&key, PASS, record, now()).expect("sign");
    key.verify(record, &signature).expect("verifies");

    let err = sign(&key, "verkeerde wachtzin!!", record, now()).expect_err("wrong passphrase");
    assert_eq!(err.fields()[0].field, "passphrase");
    assert!(err.fields()[0].message.nl.contains("wachtzin"));

    let mut changed = record.to_vec();
    changed[5] ^= 1;
    assert!(key.verify(&changed, &signature).is_err(), "one changed byte breaks it");
    let other = MemberKey::generate("een andere lange wachtzin", now()).expect("other");
    assert!(other.verify(record, &signature).is_err(), "an unknown key does not verify it");
    assert!(key.verify(record, "00").is_err());
}

#[test]
fn a_short_passphrase_is_refused() {
    let err = MemberKey::generate("kort", now()).expect_err("too short");
    assert_eq!(err.fields()[0].field, "passphrase");
}

#[test]
fn a_retired_or_compromised_key_signs_nothing_after_that() {
    let record = b"besluit";
    let mut rotated = MemberKey::generate(PASS, now()).expect("generate");
    let before = sign(&rotated, PASS, record, now()).expect("sign");
    rotated.retire(now() + time::Duration::hours(1));
    assert!(sign(&rotated, PASS, record, now() + time::Duration::hours(2)).is_err(), "expired");
    rotated.verify(record, &before).expect("an earlier signature still verifies");

    let mut compromised = MemberKey::generate(PASS, now()).expect("generate");
    let since = now() + time::Duration::hours(3);
    compromised.mark_compromised(since, now() + time::Duration::hours(5));
    let err = sign(&compromised, PASS, record, now() + time::Duration::hours(6)).expect_err("compromised");
    assert!(err.message().nl.contains("ingetrokken"), "{}", err.message().nl);
    assert!(compromised.valid_at(now() + time::Duration::hours(2)), "before the compromise: still valid");
    assert!(!compromised.valid_at(since), "from the moment it was compromised: invalid");
    assert!(!compromised.valid_at(now() + time::Duration::hours(4)), "also before the compromise was declared");

    // A key revoked in a database from before the roster log was never valid: keep that.
    let mut legacy = MemberKey::generate(PASS, now()).expect("generate");
    legacy.revoked = true;
    assert!(!legacy.valid_at(now()), "a legacy revoked key is never valid");
}

#[test]
fn the_stored_key_holds_no_readable_secret() {
    let key = MemberKey::generate(PASS, now()).expect("generate");
    let json = serde_json::to_string(&key).expect("json");
    assert!(json.contains(&key.public_key) && json.contains("sealed"));
    // The sealed half is the 32-byte key plus a 16-byte tag: 48 bytes, 96 hex characters.
    assert_eq!(key.sealed.len(), 96);
}
