//! Secrets at rest: which passphrases may seal a key, the Argon2id costs stored with each key
//! (and keys sealed before the costs were stored), and who may read the database file.

use assessments::committee::keys::{fingerprint, KdfParams, MemberKey};
use assessments::FieldError;

use crate::support::now;

/// A strong passphrase: four unrelated words.
const STRONG: &str = "hooiberg zeilboot paraplu kompas";

/// Generating a key with `passphrase` is refused with one problem on the field `passphrase`.
fn refusal(passphrase: &str) -> FieldError {
    let err = MemberKey::generate(passphrase, now()).expect_err(passphrase);
    assert_eq!(err.kind(), "invalid", "{passphrase}");
    let fields = err.fields();
    assert_eq!(fields.len(), 1, "{passphrase}: one problem, one sentence");
    assert_eq!(fields[0].field, "passphrase");
    let nl = &fields[0].message.nl;
    // zxcvbn's English never leaks into the Dutch sentence.
    for english in ["guess", "password", "word or two", "keys"] {
        assert!(!nl.contains(english), "{passphrase}: English in the Dutch text: {nl}");
    }
    fields[0].clone()
}

#[test]
fn weak_passphrases_are_refused_with_advice_in_dutch() {
    let common = refusal("wachtwoord");
    assert!(common.message.nl.contains("minstens 12 tekens"), "{}", common.message.nl);
    assert!(common.message.nl.contains("te makkelijk te raden"), "{}", common.message.nl);
    assert!(common.message.en.contains("at least 12 characters"), "{}", common.message.en);

    // Long enough, but a Dutch word zxcvbn's English lists do not know, and digits.
    let digits = refusal("wachtwoord123");
    assert!(!digits.message.nl.contains("tekens"), "long enough: {}", digits.message.nl);
    assert!(digits.message.nl.contains("te makkelijk te raden"), "{}", digits.message.nl);
    assert!(digits.message.nl.contains("Voeg nog een of twee woorden toe."), "{}", digits.message.nl);
    assert!(digits.message.en.contains("Add another word or two."), "{}", digits.message.en);

    let eleven = "kikker lamp";
    assert_eq!(eleven.chars().count(), 11);
    let short = refusal(eleven);
    assert!(short.message.nl.contains("minstens 12 tekens"), "{}", short.message.nl);

    let keyboard = refusal("qwertyuiop[]");
    assert!(keyboard.message.nl.contains("Toetsen die naast elkaar liggen"), "{}", keyboard.message.nl);
    assert!(keyboard.message.en.contains("Straight rows of keys are easy to guess."), "{}", keyboard.message.en);
}

#[test]
fn a_passphrase_may_not_lean_on_the_members_name() {
    let name = "Ymke Zwanenburg-Oostveen";
    let passphrase = "zwanenburgoostveen";
    let err = MemberKey::generate_for(passphrase, &[name], now()).expect_err("the name is known");
    assert_eq!(err.fields()[0].field, "passphrase");
    assert!(err.fields()[0].message.nl.contains("te makkelijk te raden"), "{}", err.fields()[0].message.nl);
    assessments::committee::keys::check_passphrase(passphrase, &[]).expect("without the name the words are unknown");
}

#[test]
fn a_strong_passphrase_seals_with_the_rfc_9106_costs() {
    let key = MemberKey::generate(STRONG, now()).expect("four unrelated words are strong");
    let kdf = &key.kdf;
    assert_eq!((kdf.algorithm.as_str(), kdf.memory_kib, kdf.iterations, kdf.parallelism), ("argon2id", 65536, 3, 1));
    assert_eq!(*kdf, KdfParams::recommended());

    let stored = serde_json::to_value(&key).expect("json");
    assert_eq!(
        stored["kdf"],
        serde_json::json!({ "algorithm": "argon2id", "memoryKib": 65536, "iterations": 3, "parallelism": 1 })
    );
    let back: MemberKey = serde_json::from_value(stored).expect("read back");
    assert_eq!(back, key);
    let signature = back.unseal(STRONG).expect("opens").sign(b"besluit", now()).expect("sign");
    key.verify(b"besluit", &signature).expect("verifies");
}

/// Seals a private key exactly as AI-toets did before the costs were stored: Argon2id with the
/// argon2 crate's defaults, 19456 KiB, 2 passes, 1 lane; returns the stored form of that time
/// (no `kdf`).
fn old_format_key(passphrase: &str) -> serde_json::Value {
    use chacha20poly1305::aead::Aead;
    use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};

    let old = argon2::Params::new(19456, 2, 1, None).expect("params");
    let default = argon2::Params::default();
    assert_eq!((default.m_cost(), default.t_cost(), default.p_cost()), (19456, 2, 1), "the old version's defaults");
    let (secret, salt, nonce) = ([7u8; 32], [1u8; 16], [2u8; 24]);
    let mut sealing = [0u8; 32];
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, old)
        .hash_password_into(passphrase.as_bytes(), &salt, &mut sealing)
        .expect("argon2");
    let sealed = XChaCha20Poly1305::new_from_slice(&sealing)
        .expect("cipher")
        .encrypt(&XNonce::from(nonce), secret.as_slice())
        .expect("seal");
    let public = ed25519_dalek::SigningKey::from_bytes(&secret).verifying_key().to_bytes();
    serde_json::json!({
        "id": "5b0c3c1e-8f4a-4d2b-9a51-3f1f0e6c2a10",
        "publicKey": hex::encode(public),
        "fingerprint": fingerprint(&public),
        "salt": hex::encode(salt),
        "nonce": hex::encode(nonce),
        "sealed": hex::encode(sealed),
        "validFrom": "2025-06-01T09:00:00Z",
        "validUntil": null,
        "revoked": false,
    })
}

#[test]
fn a_key_stored_without_costs_opens_with_the_old_ones() {
    // Keys from before had passphrases of 10 characters or more, no strength check.
    let passphrase = "wachtwoord";
    let stored = old_format_key(passphrase);
    let key: MemberKey = serde_json::from_value(stored.clone()).expect("old format reads");
    assert_eq!(key.kdf, KdfParams::legacy());
    assert_eq!((key.kdf.memory_kib, key.kdf.iterations, key.kdf.parallelism), (19456, 2, 1));

    let signature = key.unseal(passphrase).expect("the old passphrase opens it").sign(b"besluit", now()).expect("sign");
    key.verify(b"besluit", &signature).expect("verifies");
    let err = key.unseal("een andere wachtzin").err().expect("a wrong passphrase opens nothing");
    assert_eq!(err.fields()[0].field, "passphrase");

    // Stored again, it keeps its old form (so its audit hash does not move): no `kdf`.
    let again = serde_json::to_value(&key).expect("json");
    assert!(again.get("kdf").is_none(), "{again}");

    // The stored costs are the ones used: with the new costs the same key does not open.
    let mut relabelled = stored;
    relabelled["kdf"] = serde_json::to_value(KdfParams::recommended()).expect("json");
    let relabelled: MemberKey = serde_json::from_value(relabelled).expect("reads");
    let err = relabelled.unseal(passphrase).err().expect("other costs, other sealing key");
    assert_eq!(err.fields()[0].field, "passphrase");
}

#[test]
fn absurd_stored_costs_are_refused_as_a_damaged_key_before_any_work() {
    let stored = serde_json::to_value(MemberKey::generate(STRONG, now()).expect("key")).expect("json");
    let tampered = [
        ("memoryKib", serde_json::json!(u32::MAX)),            // 4 TiB
        ("memoryKib", serde_json::json!(4 * 1024 * 1024 + 1)), // just over 4 GiB
        ("memoryKib", serde_json::json!(4)),
        ("iterations", serde_json::json!(u32::MAX)),
        ("iterations", serde_json::json!(101)),
        ("iterations", serde_json::json!(0)),
        ("parallelism", serde_json::json!(0)),
        ("parallelism", serde_json::json!(1 << 20)),
        ("algorithm", serde_json::json!("argon2d")),
    ];
    let started = std::time::Instant::now();
    for (field, value) in tampered {
        let mut json = stored.clone();
        json["kdf"][field] = value.clone();
        let key: MemberKey = serde_json::from_value(json).expect("reads");
        let err = key.unseal(STRONG).err().unwrap_or_else(|| panic!("{field} = {value} must not open"));
        assert_eq!(err.kind(), "notAllowed", "{field} = {value}");
        assert!(err.message().nl.contains("beschadigd"), "{field} = {value}: {}", err.message().nl);
        assert!(err.message().en.contains("damaged"), "{}", err.message().en);
    }
    // Any of these, if run, would take seconds to forever; refused, they take nothing.
    assert!(started.elapsed() < std::time::Duration::from_secs(1), "took {:?}", started.elapsed());
}

/// How long making a key takes now (Argon2id 64 MiB, 3 passes), next to the old costs.
/// `cargo test -p assessments --test it secrets::key_generation_time -- --nocapture`
#[test]
fn key_generation_time() {
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let key = MemberKey::generate(STRONG, now()).expect("key");
        times.push(started.elapsed());
        let started = std::time::Instant::now();
        drop(key.unseal(STRONG).expect("opens"));
        times.push(started.elapsed());
    }
    let started = std::time::Instant::now();
    let old: MemberKey = serde_json::from_value(old_format_key("wachtwoord")).expect("old");
    drop(old.unseal("wachtwoord").expect("opens"));
    let legacy = started.elapsed();
    let generate: Vec<_> = times.iter().step_by(2).collect();
    let open: Vec<_> = times.iter().skip(1).step_by(2).collect();
    println!("generate (64 MiB, t=3): {generate:?}; open: {open:?}; open with old costs (19 MiB, t=2): {legacy:?}");
}

#[cfg(unix)]
mod files {
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    use assessments::{Assessments, SqliteStore};

    use crate::support::{now, proposal};

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
    }

    #[test]
    fn the_database_and_the_folders_made_for_it_are_for_the_owner_only() {
        let dir = tempfile::tempdir().expect("dir");
        let app = dir.path().join("nl.overbetuwe.ai-toets");
        let data = app.join("gegevens");
        let path = data.join("ai-toets.sqlite3");
        let mut service = Assessments::with_clock(Box::new(SqliteStore::open(&path).expect("open")), now);
        service.create(proposal()).expect("a write, so the -wal and -shm files exist");

        assert_eq!(mode(&app), 0o700, "a folder made for the database");
        assert_eq!(mode(&data), 0o700, "the database's folder");
        assert_eq!(mode(&path), 0o600, "the database");
        for side in ["ai-toets.sqlite3-wal", "ai-toets.sqlite3-shm"] {
            assert_eq!(mode(&data.join(side)), 0o600, "{side}: SQLite gives it the database's permissions");
        }
        drop(service);
    }

    #[test]
    fn an_existing_folder_is_left_as_it_is() {
        let dir = tempfile::tempdir().expect("dir");
        let shared = dir.path().join("gedeeld");
        std::fs::create_dir(&shared).expect("dir");
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let path = shared.join("ai-toets.sqlite3");
        drop(SqliteStore::open(&path).expect("open"));
        assert_eq!(mode(&shared), 0o755, "maybe shared on purpose: not ours to change");
        assert_eq!(mode(&path), 0o600, "the new database is the owner's only");
    }

    #[test]
    fn the_shells_data_folder_is_made_for_the_owner_only() {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("AI-toets").join("data");
        assessments::base::files::create_private_dir(&data).expect("create");
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&dir.path().join("AI-toets")), 0o700);
        assessments::base::files::create_private_dir(&data).expect("existing is fine");
    }
}
