//! Members' signing keys: an Ed25519 key pair made in the app, the private key sealed with the
//! member's passphrase (Argon2id derives a key; XChaCha20-Poly1305 encrypts), a fingerprint to
//! show, validity dates, rotation and revocation. A wrong passphrase opens nothing, so it cannot
//! sign; verification is strict (`verify_strict`).

use chacha20poly1305::aead::Aead;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::{Error, Message, Result};

/// Prefixed to every signed record, so a signature made here can never be mistaken for (or
/// replayed as) a signature over anything else.
pub const SIGNING_DOMAIN: &[u8] = b"AI-toets decision record v1\n";

/// The shortest passphrase we accept.
pub const MIN_PASSPHRASE: usize = 10;

fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    hex::decode(s).ok()
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|e| Error::Internal(format!("random: {e}")))?;
    Ok(out)
}

fn key_error(nl: &str, en: &str) -> Error {
    Error::NotAllowed(Message::new(nl, en))
}

/// One key pair of a member. The private half is only ever stored sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MemberKey {
    pub id: Uuid,
    /// Ed25519 public key, hex.
    pub public_key: String,
    /// SHA-256 of the public key, hex, in groups of four for reading aloud.
    pub fingerprint: String,
    /// Argon2id salt, XChaCha20 nonce and sealed private key, hex.
    pub salt: String,
    pub nonce: String,
    pub sealed: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub valid_from: OffsetDateTime,
    /// Set when the key was rotated or revoked: it signs nothing after this moment.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub valid_until: Option<OffsetDateTime>,
    pub revoked: bool,
}

fn derive(passphrase: &str, salt: &[u8]) -> Result<[u8; 32]> {
    let mut key = [0u8; 32];
    argon2::Argon2::default()
        .hash_password_into(passphrase.as_bytes(), salt, &mut key)
        .map_err(|e| Error::Internal(format!("argon2: {e}")))?;
    Ok(key)
}

fn cipher(key: &[u8; 32]) -> Result<XChaCha20Poly1305> {
    XChaCha20Poly1305::new_from_slice(key).map_err(|e| Error::Internal(format!("cipher: {e}")))
}

pub fn fingerprint(public_key: &[u8]) -> String {
    let digest = hex(&Sha256::digest(public_key));
    digest.as_bytes().chunks(4).take(8).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

impl MemberKey {
    /// Makes a new key pair and seals its private half with `passphrase`.
    pub fn generate(passphrase: &str, now: OffsetDateTime) -> Result<MemberKey> {
        if passphrase.chars().count() < MIN_PASSPHRASE {
            let mut p = crate::error::Problems::default();
            p.add(
                "passphrase",
                format!("Kies een wachtzin van minstens {MIN_PASSPHRASE} tekens."),
                format!("Choose a passphrase of at least {MIN_PASSPHRASE} characters."),
            );
            p.into_result()?;
        }
        let secret: [u8; 32] = random()?;
        let signing = SigningKey::from_bytes(&secret);
        let salt: [u8; 16] = random()?;
        let nonce: [u8; 24] = random()?;
        let sealed = cipher(&derive(passphrase, &salt)?)?
            .encrypt(&XNonce::from(nonce), secret.as_slice())
            .map_err(|_| Error::Internal("seal".into()))?;
        let public = signing.verifying_key().to_bytes();
        Ok(MemberKey {
            id: Uuid::new_v4(),
            public_key: hex(&public),
            fingerprint: fingerprint(&public),
            salt: hex(&salt),
            nonce: hex(&nonce),
            sealed: hex(&sealed),
            valid_from: now,
            valid_until: None,
            revoked: false,
        })
    }

    /// Is the key usable at `at`? Not revoked, and within its validity.
    pub fn valid_at(&self, at: OffsetDateTime) -> bool {
        !self.revoked && at >= self.valid_from && self.valid_until.is_none_or(|until| at < until)
    }

    fn ensure_valid(&self, now: OffsetDateTime) -> Result<()> {
        if !self.valid_at(now) {
            return Err(key_error(
                "Deze sleutel is ingetrokken of verlopen en kan niet meer tekenen.",
                "This key is revoked or expired and can no longer sign.",
            ));
        }
        Ok(())
    }

    /// Opens the key for a signing session (one passphrase, several signatures). The opened
    /// key lives in memory only.
    pub fn unseal(&self, passphrase: &str) -> Result<UnsealedKey<'_>> {
        Ok(UnsealedKey { key: self, signing: self.open(passphrase)? })
    }

    /// Opens the sealed private key. A wrong passphrase opens nothing.
    pub(crate) fn open(&self, passphrase: &str) -> Result<SigningKey> {
        let wrong = || {
            let mut p = crate::error::Problems::default();
            p.add("passphrase", "De wachtzin klopt niet.", "The passphrase is not correct.");
            p.into_result().err().unwrap_or(Error::Locked)
        };
        let salt = unhex(&self.salt).ok_or_else(wrong)?;
        let nonce: [u8; 24] = unhex(&self.nonce).and_then(|n| n.try_into().ok()).ok_or_else(wrong)?;
        let sealed = unhex(&self.sealed).ok_or_else(wrong)?;
        let secret = cipher(&derive(passphrase, &salt)?)?
            .decrypt(&XNonce::from(nonce), sealed.as_slice())
            .map_err(|_| wrong())?;
        let secret: [u8; 32] = secret.try_into().map_err(|_| wrong())?;
        let signing = SigningKey::from_bytes(&secret);
        if hex(&signing.verifying_key().to_bytes()) != self.public_key {
            return Err(wrong());
        }
        Ok(signing)
    }

    /// Strict verification of a signature (hex) over `record`.
    pub fn verify(&self, record: &[u8], signature: &str) -> Result<()> {
        verify_with(&self.public_key, record, signature)
    }

    /// Ends this key's validity: from `now` on it signs nothing. Signatures made before stay
    /// valid when the key was rotated, and are shown as made with a revoked key when revoked.
    pub fn retire(&mut self, now: OffsetDateTime, revoked: bool) {
        self.valid_until = Some(self.valid_until.map_or(now, |u| u.min(now)));
        self.revoked |= revoked;
    }
}

/// A member's key opened with the passphrase. Never stored, never serialized.
pub struct UnsealedKey<'a> {
    key: &'a MemberKey,
    signing: SigningKey,
}

impl UnsealedKey<'_> {
    pub fn key(&self) -> &MemberKey {
        self.key
    }

    /// Signs `record` (with the domain prefix), if the key is valid at `now`.
    pub fn sign(&self, record: &[u8], now: OffsetDateTime) -> Result<String> {
        self.key.ensure_valid(now)?;
        let signature: Signature = self.signing.sign(&signed_bytes(record));
        Ok(hex(&signature.to_bytes()))
    }
}

/// The bytes a signature covers: the domain prefix, then the canonical record.
pub fn signed_bytes(record: &[u8]) -> Vec<u8> {
    let mut bytes = SIGNING_DOMAIN.to_vec();
    bytes.extend_from_slice(record);
    bytes
}

/// Strict Ed25519 verification (`verify_strict`: no small-order keys, no malleable signatures)
/// of `signature` (hex) over the domain prefix and `record`, with `public_key` (hex). Needs no
/// roster: this is what checks a PDF on its own.
pub fn verify_with(public_key: &str, record: &[u8], signature: &str) -> Result<()> {
    let damaged = || key_error("Deze sleutel is beschadigd.", "This key is damaged.");
    let key: [u8; 32] = unhex(public_key).and_then(|b| b.try_into().ok()).ok_or_else(damaged)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| damaged())?;
    let bad = || key_error("De handtekening klopt niet.", "The signature does not verify.");
    let bytes: [u8; 64] = unhex(signature).and_then(|b| b.try_into().ok()).ok_or_else(bad)?;
    key.verify_strict(&signed_bytes(record), &Signature::from_bytes(&bytes)).map_err(|_| bad())
}
