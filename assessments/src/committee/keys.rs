//! Members' signing keys: an Ed25519 key pair made in the app, the private key sealed with the
//! member's passphrase (Argon2id derives a key; XChaCha20-Poly1305 encrypts), a fingerprint to
//! show, validity dates, rotation and revocation. A wrong passphrase opens nothing, so it cannot
//! sign; verification is strict (`verify_strict`).
//!
//! A passphrase must be long ([`MIN_PASSPHRASE`]) and hard to guess (zxcvbn, [`MIN_STRENGTH`]).
//! The Argon2id costs are stored with each key ([`KdfParams`]), so they can be raised later
//! without locking anyone out of an older key. Secrets in memory (the derived key, the
//! private key's bytes) are wiped when dropped (`zeroize`). The passphrase itself arrives as a
//! `&str` from the caller; wiping it is the caller's part.

use chacha20poly1305::aead::Aead;
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::base::error::{Error, Message, Result};

/// Prefixed to every statement a member signs over a decision (see `pilot/signing.rs`), so a
/// signature made here can never be mistaken for (or replayed as) a signature over anything
/// else. Roster events and acts in the minutes carry their own prefixes.
pub const SIGNING_DOMAIN: &[u8] = b"AI-toets decision record v1\n";

/// The shortest passphrase we accept, in characters.
pub const MIN_PASSPHRASE: usize = 12;

/// The lowest zxcvbn score (0 to 4) we accept. 3: "safely unguessable", about 10^10 guesses.
pub const MIN_STRENGTH: u8 = 3;

/// Words a passphrase here should not lean on, given to zxcvbn as extra "user inputs": its
/// own lists are English, so without these `wachtwoord123` would count as strong. Common
/// Dutch passwords first, then the words of this app and its setting.
const LOCAL_WORDS: &[&str] = &[
    "wachtwoord",
    "welkom",
    "geheim",
    "hallo",
    "wachtzin",
    "schatje",
    "liefde",
    "voetbal",
    "ajax",
    "feyenoord",
    "nederland",
    "holland",
    "amsterdam",
    "rotterdam",
    "utrecht",
    "zomer",
    "winter",
    "lente",
    "herfst",
    "januari",
    "december",
    "maandag",
    "vrijdag",
    "gemeente",
    "commissie",
    "ethiek",
    "ethische",
    "toets",
    "ai-toets",
    "aitoets",
    "voorzitter",
    "secretaris",
    "besluit",
    "algoritme",
    "pilot",
];

fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    hex::decode(s).ok()
}

fn fill_random(out: &mut [u8]) -> Result<()> {
    getrandom::fill(out).map_err(|e| Error::Internal(format!("random: {e}")))
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    fill_random(&mut out)?;
    Ok(out)
}

fn key_error(nl: &str, en: &str) -> Error {
    Error::NotAllowed(Message::new(nl, en))
}

/// A stored key that cannot be what AI-toets wrote: refused before any work is done.
fn damaged_key() -> Error {
    key_error(
        "Deze sleutel is beschadigd en kan niet worden geopend. Trek hem in en maak een nieuwe sleutel.",
        "This key is damaged and cannot be opened. Revoke it and make a new key.",
    )
}

/// Checks a new passphrase: at least [`MIN_PASSPHRASE`] characters and a zxcvbn score of at
/// least [`MIN_STRENGTH`]. `user_inputs` are words the passphrase should not lean on (the
/// member's name, the municipality); a few Dutch words are always added. A refusal is a
/// field error on `passphrase`, in Dutch with zxcvbn's advice translated, and in English.
pub fn check_passphrase(passphrase: &str, user_inputs: &[&str]) -> Result<()> {
    let mut nl: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    if passphrase.chars().count() < MIN_PASSPHRASE {
        nl.push(format!("Kies een wachtzin van minstens {MIN_PASSPHRASE} tekens, bijvoorbeeld vier losse woorden."));
        en.push(format!(
            "Choose a passphrase of at least {MIN_PASSPHRASE} characters, for example four separate words."
        ));
    }
    let words = strength_inputs(user_inputs);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let estimate = zxcvbn::zxcvbn(passphrase, &words);
    if u8::from(estimate.score()) < MIN_STRENGTH {
        nl.push("Deze wachtzin is te makkelijk te raden.".into());
        en.push("This passphrase is too easy to guess.".into());
        let feedback = estimate.feedback();
        if let Some(warning) = feedback.and_then(|f| f.warning()) {
            nl.push(warning_nl(warning).into());
            en.push(warning.to_string());
        }
        let suggestions = feedback.map(|f| f.suggestions()).unwrap_or_default();
        for suggestion in suggestions {
            nl.push(suggestion_nl(*suggestion).into());
            en.push(suggestion.to_string());
        }
        if suggestions.is_empty() {
            nl.push(suggestion_nl(zxcvbn::feedback::Suggestion::UseAFewWordsAvoidCommonPhrases).into());
            en.push(zxcvbn::feedback::Suggestion::UseAFewWordsAvoidCommonPhrases.to_string());
        }
    }
    if nl.is_empty() {
        return Ok(());
    }
    let mut p = crate::base::error::Problems::default();
    p.add("passphrase", nl.join(" "), en.join(" "));
    p.into_result()
}

/// The words zxcvbn should treat as known: each user input whole and word by word, then
/// [`LOCAL_WORDS`].
fn strength_inputs(user_inputs: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for input in user_inputs {
        let input = input.trim().to_lowercase();
        if input.is_empty() {
            continue;
        }
        words
            .extend(input.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 3).map(str::to_string));
        words.push(input);
    }
    words.extend(LOCAL_WORDS.iter().map(|w| w.to_string()));
    words
}

/// zxcvbn's warnings in plain Dutch (B1). The English is zxcvbn's own text.
fn warning_nl(warning: zxcvbn::feedback::Warning) -> &'static str {
    use zxcvbn::feedback::Warning as W;
    match warning {
        W::StraightRowsOfKeysAreEasyToGuess => {
            "Toetsen die naast elkaar liggen, zoals qwerty, zijn makkelijk te raden."
        }
        W::ShortKeyboardPatternsAreEasyToGuess => "Korte patronen op het toetsenbord zijn makkelijk te raden.",
        W::RepeatsLikeAaaAreEasyToGuess => "Herhalingen zoals ‘aaa’ zijn makkelijk te raden.",
        W::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => {
            "Herhalingen zoals ‘abcabcabc’ zijn maar een beetje moeilijker te raden dan ‘abc’."
        }
        W::ThisIsATop10Password => "Dit is een van de 10 meest gebruikte wachtwoorden.",
        W::ThisIsATop100Password => "Dit is een van de 100 meest gebruikte wachtwoorden.",
        W::ThisIsACommonPassword => "Dit is een veelgebruikt wachtwoord.",
        W::ThisIsSimilarToACommonlyUsedPassword => "Dit lijkt op een veelgebruikt wachtwoord.",
        W::SequencesLikeAbcAreEasyToGuess => "Reeksen zoals abc of 6543 zijn makkelijk te raden.",
        W::RecentYearsAreEasyToGuess => "Jaartallen van de laatste jaren zijn makkelijk te raden.",
        W::AWordByItselfIsEasyToGuess => "Eén woord alleen is makkelijk te raden.",
        W::DatesAreOftenEasyToGuess => "Datums zijn vaak makkelijk te raden.",
        W::NamesAndSurnamesByThemselvesAreEasyToGuess => "Een voornaam of achternaam alleen is makkelijk te raden.",
        W::CommonNamesAndSurnamesAreEasyToGuess => "Veel voorkomende voornamen en achternamen zijn makkelijk te raden.",
    }
}

/// zxcvbn's suggestions in plain Dutch (B1). The English is zxcvbn's own text.
fn suggestion_nl(suggestion: zxcvbn::feedback::Suggestion) -> &'static str {
    use zxcvbn::feedback::Suggestion as S;
    match suggestion {
        S::UseAFewWordsAvoidCommonPhrases => "Gebruik een paar losse woorden en geen bekende uitdrukking.",
        S::NoNeedForSymbolsDigitsOrUppercaseLetters => "Leestekens, cijfers of hoofdletters zijn niet nodig.",
        S::AddAnotherWordOrTwo => "Voeg nog een of twee woorden toe. Ongewone woorden zijn beter.",
        S::CapitalizationDoesntHelpVeryMuch => "Een hoofdletter maakt de wachtzin niet veel sterker.",
        S::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => {
            "Alles in hoofdletters is bijna even makkelijk te raden als alles in kleine letters."
        }
        S::ReversedWordsArentMuchHarderToGuess => "Een woord achterstevoren is niet veel moeilijker te raden.",
        S::PredictableSubstitutionsDontHelpVeryMuch => {
            "Voorspelbare vervangingen, zoals ‘@’ in plaats van ‘a’, helpen niet veel."
        }
        S::UseALongerKeyboardPatternWithMoreTurns => "Gebruik een langer patroon op het toetsenbord, met meer bochten.",
        S::AvoidRepeatedWordsAndCharacters => "Herhaal geen woorden of tekens.",
        S::AvoidSequences => "Gebruik geen reeksen.",
        S::AvoidRecentYears => "Gebruik geen jaartallen van de laatste jaren.",
        S::AvoidYearsThatAreAssociatedWithYou => "Gebruik geen jaartallen die iets met u te maken hebben.",
        S::AvoidDatesAndYearsThatAreAssociatedWithYou => {
            "Gebruik geen datums of jaartallen die iets met u te maken hebben."
        }
    }
}

/// The largest costs a stored key may ask for. A key sealed here never comes near them; they
/// only stop a tampered key from making the app take unbounded memory or time.
const MAX_MEMORY_KIB: u32 = 4 * 1024 * 1024; // 4 GiB
const MAX_ITERATIONS: u32 = 100;
const MAX_PARALLELISM: u32 = 16;

/// How a passphrase is stretched into the key that seals a private key: Argon2id with these
/// costs and 32 bytes out. Stored with each key, so the costs can be raised later without
/// locking anyone out of a key sealed before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KdfParams {
    /// Always `argon2id`; anything else is refused as a damaged key.
    pub algorithm: String,
    /// Memory cost in KiB.
    pub memory_kib: u32,
    /// Number of passes over the memory.
    pub iterations: u32,
    /// Number of lanes.
    pub parallelism: u32,
}

impl KdfParams {
    pub const ALGORITHM: &'static str = "argon2id";

    /// What new keys are sealed with: RFC 9106 section 4, the second recommended option (for
    /// when 2 GiB per derivation is too much): Argon2id, 64 MiB, 3 passes, 1 lane.
    pub fn recommended() -> Self {
        Self { algorithm: Self::ALGORITHM.into(), memory_kib: 64 * 1024, iterations: 3, parallelism: 1 }
    }

    /// What keys were sealed with before the costs were stored: the argon2 crate's defaults
    /// (19 MiB, 2 passes, 1 lane). A stored key without `kdf` has these.
    pub fn legacy() -> Self {
        Self {
            algorithm: Self::ALGORITHM.into(),
            memory_kib: argon2::Params::DEFAULT_M_COST,
            iterations: argon2::Params::DEFAULT_T_COST,
            parallelism: argon2::Params::DEFAULT_P_COST,
        }
    }

    /// Keys with the old costs are stored as before (without `kdf`), so the stored form of a
    /// key made by an earlier version, and the audit hash over it, do not change.
    fn is_legacy(&self) -> bool {
        *self == Self::legacy()
    }

    /// The Argon2id instance for these costs, or [`damaged_key`] when they are not ours or
    /// beyond any sensible limit: checked before anything is allocated.
    fn argon2(&self) -> Result<argon2::Argon2<'static>> {
        let sane = self.algorithm == Self::ALGORITHM
            && (1..=MAX_PARALLELISM).contains(&self.parallelism)
            && (8 * self.parallelism..=MAX_MEMORY_KIB).contains(&self.memory_kib)
            && (1..=MAX_ITERATIONS).contains(&self.iterations);
        if !sane {
            return Err(damaged_key());
        }
        let params = argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(KEY_LEN))
            .map_err(|_| damaged_key())?;
        Ok(argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params))
    }
}

/// Length of the derived (sealing) key in bytes.
const KEY_LEN: usize = 32;

/// One key pair of a member. The private half is only ever stored sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MemberKey {
    pub id: Uuid,
    /// Ed25519 public key, hex.
    pub public_key: String,
    /// The first 32 hex digits of the public key's SHA-256, in eight groups of four for reading
    /// aloud.
    pub fingerprint: String,
    /// Argon2id salt, XChaCha20 nonce and sealed private key, hex.
    pub salt: String,
    pub nonce: String,
    pub sealed: String,
    /// The Argon2id costs the key was sealed with. Keys stored before this field existed have
    /// none: they were sealed with [`KdfParams::legacy`] and are stored again without it.
    #[serde(default = "KdfParams::legacy", skip_serializing_if = "KdfParams::is_legacy")]
    pub kdf: KdfParams,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub valid_from: OffsetDateTime,
    /// Set when the key was retired (rotated, replaced, membership ended) or declared
    /// compromised: it signs nothing from this moment on. What it signed before stays valid.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub valid_until: Option<OffsetDateTime>,
    /// Only in databases from before the signed roster log: a key revoked then counts as
    /// compromised from its first moment (that was its meaning). New keys never set it.
    // Always written (as before the roster log), so a stored member's hash does not change.
    #[serde(default)]
    pub revoked: bool,
    /// Declared compromised since this moment: whatever it signed from then on is invalid,
    /// what it signed before stays valid.
    #[serde(default, with = "time::serde::rfc3339::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub compromised_since: Option<OffsetDateTime>,
}

/// Stretches `passphrase` into the sealing key. The key is wiped when dropped.
fn derive(
    argon2: &argon2::Argon2<'_>,
    passphrase: &str,
    salt: &[u8],
) -> Result<Zeroizing<[u8; KEY_LEN]>, argon2::Error> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    argon2.hash_password_into(passphrase.as_bytes(), salt, key.as_mut_slice())?;
    Ok(key)
}

/// With chacha20poly1305's `zeroize` feature the cipher wipes its copy of the key on drop.
fn cipher(key: &[u8; KEY_LEN]) -> Result<XChaCha20Poly1305> {
    XChaCha20Poly1305::new_from_slice(key).map_err(|e| Error::Internal(format!("cipher: {e}")))
}

pub fn fingerprint(public_key: &[u8]) -> String {
    let digest = hex(&Sha256::digest(public_key));
    digest.as_bytes().chunks(4).take(8).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

impl MemberKey {
    /// Makes a new key pair and seals its private half with `passphrase`, which must pass
    /// [`check_passphrase`].
    pub fn generate(passphrase: &str, now: OffsetDateTime) -> Result<MemberKey> {
        Self::generate_for(passphrase, &[], now)
    }

    /// As [`MemberKey::generate`], and the passphrase may not lean on `user_inputs` either
    /// (the member's name, the municipality).
    pub fn generate_for(passphrase: &str, user_inputs: &[&str], now: OffsetDateTime) -> Result<MemberKey> {
        check_passphrase(passphrase, user_inputs)?;
        let kdf = KdfParams::recommended();
        let argon2 = kdf.argon2()?;
        let mut secret = Zeroizing::new([0u8; 32]);
        fill_random(secret.as_mut_slice())?;
        let signing = SigningKey::from_bytes(&secret);
        let salt: [u8; 16] = random()?;
        let nonce: [u8; 24] = random()?;
        let key = derive(&argon2, passphrase, &salt).map_err(|e| Error::Internal(format!("argon2: {e}")))?;
        let sealed = cipher(&key)?
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
            kdf,
            valid_from: now,
            valid_until: None,
            revoked: false,
            compromised_since: None,
        })
    }

    /// Is the key usable at `at`, as far as is known now? Within its validity, and not
    /// compromised at that moment. A signature made at `at` counts only when this holds.
    pub fn valid_at(&self, at: OffsetDateTime) -> bool {
        !self.revoked
            && at >= self.valid_from
            && self.valid_until.is_none_or(|until| at < until)
            && self.compromised_since.is_none_or(|since| at < since)
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

    /// Opens the sealed private key with the Argon2id costs stored with it. A wrong
    /// passphrase opens nothing; costs that AI-toets would never have written are refused as
    /// a damaged key before any memory is taken.
    pub(crate) fn open(&self, passphrase: &str) -> Result<SigningKey> {
        let wrong = || {
            let mut p = crate::base::error::Problems::default();
            p.add("passphrase", "De wachtzin klopt niet.", "The passphrase is not correct.");
            p.into_result().err().unwrap_or(Error::Locked)
        };
        let argon2 = self.kdf.argon2()?;
        let salt = unhex(&self.salt).ok_or_else(wrong)?;
        let nonce: [u8; 24] = unhex(&self.nonce).and_then(|n| n.try_into().ok()).ok_or_else(wrong)?;
        let sealed = unhex(&self.sealed).ok_or_else(wrong)?;
        let key = derive(&argon2, passphrase, &salt).map_err(|_| damaged_key())?;
        let secret =
            Zeroizing::new(cipher(&key)?.decrypt(&XNonce::from(nonce), sealed.as_slice()).map_err(|_| wrong())?);
        let secret: &[u8; 32] = secret.as_slice().try_into().map_err(|_| wrong())?;
        let signing = SigningKey::from_bytes(secret);
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
    /// valid.
    pub fn retire(&mut self, now: OffsetDateTime) {
        self.valid_until = Some(self.valid_until.map_or(now, |u| u.min(now)));
    }

    /// Declares the key compromised since `since` (at most `now`): it signs nothing from now
    /// on, and whatever it signed from `since` on no longer counts.
    pub fn mark_compromised(&mut self, since: OffsetDateTime, now: OffsetDateTime) {
        let since = since.min(now);
        self.retire(now);
        self.compromised_since = Some(self.compromised_since.map_or(since, |s| s.min(since)));
    }
}

/// A member's key opened with the passphrase. Never stored, never serialized. The private key
/// is wiped from memory when this is dropped: ed25519-dalek's `zeroize` feature (turned on in
/// the workspace `Cargo.toml`) makes `SigningKey` zeroize its secret in `Drop`.
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

/// The bytes a signature covers: the domain prefix, then the canonical statement.
pub fn signed_bytes(record: &[u8]) -> Vec<u8> {
    let mut bytes = SIGNING_DOMAIN.to_vec();
    bytes.extend_from_slice(record);
    bytes
}

/// Strict Ed25519 verification (`verify_strict`: no small-order keys, no malleable signatures)
/// of `signature` (hex) over the domain prefix and `record`, with `public_key` (hex). Needs no
/// roster: this is what checks a PDF on its own.
pub fn verify_with(public_key: &str, record: &[u8], signature: &str) -> Result<()> {
    verify_prefixed(public_key, &signed_bytes(record), signature)
}

/// [`verify_with`] over bytes that carry their own domain prefix (a roster event, an act in
/// the minutes).
pub fn verify_prefixed(public_key: &str, prefixed: &[u8], signature: &str) -> Result<()> {
    let damaged = || key_error("Deze sleutel is beschadigd.", "This key is damaged.");
    let key: [u8; 32] = unhex(public_key).and_then(|b| b.try_into().ok()).ok_or_else(damaged)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| damaged())?;
    let bad = || key_error("De handtekening klopt niet.", "The signature does not verify.");
    let bytes: [u8; 64] = unhex(signature).and_then(|b| b.try_into().ok()).ok_or_else(bad)?;
    key.verify_strict(prefixed, &Signature::from_bytes(&bytes)).map_err(|_| bad())
}

/// An Ed25519 signature (hex) by an opened key over bytes that carry their own domain prefix.
pub(crate) fn sign_prefixed(signing: &SigningKey, prefixed: &[u8]) -> String {
    hex(&signing.sign(prefixed).to_bytes())
}
