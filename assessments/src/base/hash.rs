//! The one hash and the one canonical form: SHA-256 over RFC 8785 canonical JSON, shared by
//! the signed record, the audit trail, the roster log and the framework's hash.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::base::error::{Error, Result};

/// The canonical JSON (RFC 8785) of any value.
pub fn canonical(value: &impl Serialize) -> Result<String> {
    serde_json_canonicalizer::to_string(value).map_err(|e| Error::Internal(format!("canonical JSON: {e}")))
}

/// SHA-256, lower-case hex: the one hash of the record, the audit trail and the statements.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
