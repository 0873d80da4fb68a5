//! `x5c`, `x5t` and `x5t#S256` in a JWK (RFC 7517 §4.7–§4.9), checked at import.
//!
//! A key that carries a certificate chain republishes it (`jwt pubkey`, `to_json`), so a
//! chain that is not what it claims must not get in: each entry is standard base64 (not
//! base64url) of a DER certificate that parses, the first certificate's public key is
//! the JWK's own key, and `x5t`/`x5t#S256`, when present with `x5c`, are the SHA-1 and
//! SHA-256 thumbprints of that first certificate. The chain is checked for consistency
//! only: it is never trusted for anything (no path building, no validity dates, no
//! revocation; see the crate's security chapter).

use super::members::Members;
use super::{Jwk, ThumbprintHash};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::HashAlgorithm;
use base64::Engine as _;
use serde_json::Value;
use x509_cert::der::Decode as _;

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidKey, message)
}

/// Checks the certificate members of `members`, the JSON `key` was read from.
pub(super) fn check(key: &Jwk, members: &Members) -> Result<()> {
    let Some(chain) = members.get("x5c") else {
        return Ok(());
    };
    let first = chain_der(chain)?;
    let certified = Jwk::from_der(&first).map_err(|e| {
        invalid(format!(
            "x5c: the first certificate's public key cannot be read: {}",
            e.message()
        ))
    })?;
    if certified.thumbprint(ThumbprintHash::Sha256) != key.thumbprint(ThumbprintHash::Sha256) {
        return Err(invalid(
            "x5c: the first certificate is for a different key than the JWK's".into(),
        ));
    }
    for (member, hash) in [
        ("x5t", HashAlgorithm::Sha1),
        ("x5t#S256", HashAlgorithm::Sha256),
    ] {
        if let Some(stated) = members.get(member) {
            check_thumbprint(member, stated, hash, &first)?;
        }
    }
    Ok(())
}

/// The DER of the chain's first certificate, after every entry was checked.
fn chain_der(chain: &Value) -> Result<Vec<u8>> {
    let Value::Array(entries) = chain else {
        return Err(invalid(format!(
            "x5c must be an array of base64 certificates, found {}",
            crate::strict_json::type_name(chain)
        )));
    };
    let mut first = None;
    for (index, entry) in entries.iter().enumerate() {
        let Value::String(text) = entry else {
            return Err(invalid(format!(
                "x5c[{index}] must be a string, found {}",
                crate::strict_json::type_name(entry)
            )));
        };
        let der = base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|e| {
                invalid(format!(
                    "x5c[{index}] is not standard base64 (RFC 7517 §4.7; base64url is not allowed): {e}"
                ))
            })?;
        x509_cert::Certificate::from_der(&der)
            .map_err(|e| invalid(format!("x5c[{index}] is not a DER X.509 certificate: {e}")))?;
        first.get_or_insert(der);
    }
    first.ok_or_else(|| invalid("x5c must hold at least one certificate".into()))
}

fn check_thumbprint(member: &str, stated: &Value, hash: HashAlgorithm, der: &[u8]) -> Result<()> {
    let Value::String(stated) = stated else {
        return Err(invalid(format!(
            "{member} must be a base64url string, found {}",
            crate::strict_json::type_name(stated)
        )));
    };
    let stated = crate::base64url::decode(stated)
        .map_err(|e| invalid(format!("{member} is not base64url: {}", e.message())))?;
    if stated != crate::crypto::digest::digest(hash, der) {
        return Err(invalid(format!(
            "{member} is not the thumbprint of the first x5c certificate"
        )));
    }
    Ok(())
}
