//! JWK Sets (RFC 7517 §5) and choosing the key for a token.

use super::{Jwk, KeyOperation};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::KeyRequirement;
use serde_json::Value;

/// The longest JWK Set text accepted.
const MAX_JWKS_BYTES: usize = 1024 * 1024;
/// Deepest nesting accepted in a JWK Set's JSON.
const MAX_JWKS_DEPTH: usize = 16;

/// An ordered JWK Set.
///
/// Keys keep the order of the set. Entries this library cannot use (an unknown `kty`,
/// a curve or `alg` that is not supported or not compiled in, a multi-prime RSA key)
/// are left out and reported by [`JwkSet::skipped`], as RFC 7517 §5 asks; anything
/// else wrong with an entry makes the whole set an error, so that a broken key never
/// silently disappears.
#[derive(Clone, Debug, Default)]
pub struct JwkSet {
    keys: Vec<Jwk>,
    skipped: Vec<SkippedKey>,
}

/// An entry of a JWK Set that was left out because it is not supported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedKey {
    /// Position of the entry in the set's `keys` array.
    pub index: usize,
    /// The entry's `kid`, when it had a string one.
    pub kid: Option<String>,
    /// Why it was skipped (kind [`ErrorKind::UnsupportedAlg`]).
    pub reason: Error,
}

impl JwkSet {
    /// A set of these keys, in this order.
    pub fn new(keys: Vec<Jwk>) -> JwkSet {
        JwkSet {
            keys,
            skipped: Vec::new(),
        }
    }

    /// Reads a set, `{"keys": [...]}`.
    ///
    /// # Errors
    /// [`ErrorKind::Malformed`] when the text is not a JSON object with a `keys` array of
    /// objects; [`ErrorKind::DuplicateMember`] for a repeated member anywhere;
    /// [`ErrorKind::LimitExceeded`] beyond 1 MiB; and the error of the first entry of a
    /// supported type that is invalid (its message names the entry).
    pub fn from_json(json: &str) -> Result<JwkSet> {
        let set = crate::json::parse_object(json.as_bytes(), MAX_JWKS_DEPTH, MAX_JWKS_BYTES)
            .map_err(|e| Error::new(e.kind(), format!("invalid JWK Set: {}", e.message())))?;
        let entries = match set.get("keys") {
            Some(Value::Array(entries)) => entries,
            Some(other) => {
                return Err(Error::malformed(format!(
                    "the JWK Set member \"keys\" must be an array, found {}",
                    crate::json::type_name(other)
                )))
            }
            None => return Err(Error::malformed("the JWK Set has no \"keys\" member")),
        };
        let mut out = JwkSet::default();
        for (index, entry) in entries.iter().enumerate() {
            if !entry.is_object() {
                return Err(Error::malformed(format!(
                    "entry {index} of the JWK Set is {}, not a JWK object",
                    crate::json::type_name(entry)
                )));
            }
            match Jwk::from_value(entry) {
                Ok(key) => out.keys.push(key),
                Err(reason) if reason.kind() == ErrorKind::UnsupportedAlg => {
                    let kid = entry.get("kid").and_then(Value::as_str).map(str::to_owned);
                    out.skipped.push(SkippedKey { index, kid, reason });
                }
                Err(e) => {
                    return Err(Error::new(
                        e.kind(),
                        format!("entry {index} of the JWK Set: {}", e.message()),
                    ))
                }
            }
        }
        Ok(out)
    }

    /// The set as JSON text (`{"keys":[...]}`), private members included. Skipped
    /// entries are not written.
    pub fn to_json(&self) -> String {
        let keys: Vec<Value> = self.keys.iter().map(Jwk::to_value).collect();
        serde_json::to_string(&serde_json::json!({ "keys": keys })).unwrap_or_default()
    }

    /// The keys, in the set's order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The entries left out because they are not supported.
    pub fn skipped(&self) -> &[SkippedKey] {
        &self.skipped
    }

    /// The set of the public keys.
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] when the set holds an `oct` key (it has no public form).
    pub fn public(&self) -> Result<JwkSet> {
        Ok(JwkSet::new(
            self.keys.iter().map(Jwk::public).collect::<Result<_>>()?,
        ))
    }

    /// The one key with this `kid`.
    ///
    /// # Errors
    /// [`ErrorKind::KeyNotFound`] when no key has it; [`ErrorKind::InvalidKey`] when
    /// several do: an ambiguous `kid` is never resolved by picking one.
    pub fn find(&self, kid: &str) -> Result<&Jwk> {
        let mut found = self.keys.iter().filter(|k| k.kid() == Some(kid));
        match (found.next(), found.next()) {
            (Some(key), None) => Ok(key),
            (None, _) => Err(not_found(format!("no key in the set has kid {kid:?}"))),
            (Some(_), Some(_)) => Err(ambiguous(kid)),
        }
    }

    /// The keys to try for one token.
    ///
    /// With a `kid`: the key with that `kid`, which must be authorized for the
    /// algorithm and operation (no fallback to other keys). RFC 7517 §4.5 allows keys
    /// of different types to share a `kid`; so several keys with the `kid` are narrowed
    /// to those that fit, and when more than one fits the `kid` is ambiguous: an error,
    /// never a guess.
    ///
    /// Without a `kid`: the keys that fit ([`Jwk::authorize`] succeeds), in set order,
    /// at most `max` of them.
    ///
    /// # Errors
    /// [`ErrorKind::KeyNotFound`] when no key fits (with a `kid` of one key, that key's
    /// own refusal instead); [`ErrorKind::InvalidKey`] for an ambiguous `kid`.
    #[allow(dead_code)] // used by the JWS and JWE layers
    pub(crate) fn candidates(
        &self,
        kid: Option<&str>,
        alg_name: &str,
        requirement: KeyRequirement,
        op: KeyOperation,
        max: usize,
    ) -> Result<Vec<&Jwk>> {
        let fits = |k: &&Jwk| k.authorize(alg_name, requirement, op).is_ok();
        let Some(kid) = kid else {
            let found: Vec<&Jwk> = self.keys.iter().filter(fits).take(max).collect();
            if found.is_empty() {
                return Err(not_found(format!(
                    "no key in the set can {op} with {alg_name}"
                )));
            }
            return Ok(found);
        };
        let named: Vec<&Jwk> = self.keys.iter().filter(|k| k.kid() == Some(kid)).collect();
        match named.as_slice() {
            [] => Err(not_found(format!("no key in the set has kid {kid:?}"))),
            [only] => only
                .authorize(alg_name, requirement, op)
                .map(|()| vec![*only]),
            several => {
                let fitting: Vec<&Jwk> = several.iter().copied().filter(fits).collect();
                match fitting.as_slice() {
                    [] => Err(not_found(format!(
                        "no key with kid {kid:?} can {op} with {alg_name}"
                    ))),
                    [one] => Ok(vec![*one]),
                    _ => Err(ambiguous(kid)),
                }
            }
        }
    }
}

fn not_found(message: String) -> Error {
    Error::new(ErrorKind::KeyNotFound, message)
}

fn ambiguous(kid: &str) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("ambiguous kid: several keys in the set have kid {kid:?}"),
    )
}
