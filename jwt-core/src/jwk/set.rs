//! JWK Sets (RFC 7517 §5) and choosing the key for a token.

use super::members::WipeOnDrop;
use super::{Jwk, KeyOperation};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::KeyRequirement;
use crate::key_source::Candidates;
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
    /// The `kid`s of the keys that have one, with the key's index, sorted by `kid`
    /// (stable: keys sharing a `kid` stay in set order), so a token's key is one binary
    /// search over kids held here, not reached through each key (see
    /// bench/PROFILE_NOTES.md, "Key lookup in a JWK Set").
    by_kid: Vec<(Box<str>, usize)>,
}

/// An entry of a JWK Set that was left out because it is not supported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedKey {
    /// Position of the entry in the set's `keys` array.
    pub index: usize,
    /// The entry's `kid`, when it had a string one.
    pub kid: Option<String>,
    /// Why it was skipped: [`ErrorKind::UnsupportedKey`] (a key type, curve or form this
    /// library does not use) or [`ErrorKind::UnsupportedAlg`] (an `alg` it does not
    /// implement); any kind when the set was read by [`JwkSet::from_json_lenient`].
    pub reason: Error,
}

impl JwkSet {
    /// A set of these keys, in this order.
    pub fn new(keys: Vec<Jwk>) -> JwkSet {
        JwkSet::indexed(keys, Vec::new())
    }

    fn indexed(keys: Vec<Jwk>, skipped: Vec<SkippedKey>) -> JwkSet {
        let mut by_kid: Vec<(Box<str>, usize)> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, key)| Some((Box::from(key.kid()?), i)))
            .collect();
        by_kid.sort_by(|a, b| a.0.cmp(&b.0));
        JwkSet {
            keys,
            skipped,
            by_kid,
        }
    }

    /// The keys with this `kid`, in set order.
    fn with_kid<'s, 'k>(&'s self, kid: &'k str) -> impl Iterator<Item = &'s Jwk> + use<'s, 'k> {
        let start = self.by_kid.partition_point(|(k, _)| &**k < kid);
        self.by_kid
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(move |(k, _)| &**k == kid)
            .filter_map(|&(_, i)| self.keys.get(i))
    }

    /// Reads a set, `{"keys": [...]}`.
    ///
    /// # Errors
    /// [`ErrorKind::Malformed`] when the text is not a JSON object with a `keys` array of
    /// objects; [`ErrorKind::DuplicateMember`] for a repeated member anywhere;
    /// [`ErrorKind::LimitExceeded`] beyond 1 MiB; and the error of the first entry of a
    /// supported type that is invalid (its message names the entry).
    pub fn from_json(json: &str) -> Result<JwkSet> {
        JwkSet::from_members(&parse_set(json)?.0, false)
    }

    /// Reads a set published by someone else (an identity provider's `jwks_uri`):
    /// every entry that is not a valid key of a supported type is left out and
    /// reported by [`JwkSet::skipped`] with its reason, and the other keys are used.
    /// One broken or exotic key of a provider then does not take its whole set down.
    /// The text itself is judged as strictly as by [`JwkSet::from_json`] (JSON, size,
    /// duplicate members, the `keys` array), which stays the right choice for sets the
    /// application supplies itself.
    ///
    /// # Errors
    /// As [`JwkSet::from_json`], except that no entry makes the set an error.
    pub fn from_json_lenient(json: &str) -> Result<JwkSet> {
        JwkSet::from_members(&parse_set(json)?.0, true)
    }

    /// The set from its parsed JSON object: an entry that fails is skipped when
    /// `lenient`, and otherwise skipped only when it is not supported (RFC 7517 §5).
    pub(crate) fn from_members(set: &Value, lenient: bool) -> Result<JwkSet> {
        let entries = match set.get("keys") {
            Some(Value::Array(entries)) => entries,
            Some(other) => {
                return Err(Error::malformed(format!(
                    "the JWK Set member \"keys\" must be an array, found {}",
                    crate::strict_json::type_name(other)
                )))
            }
            None => return Err(Error::malformed("the JWK Set has no \"keys\" member")),
        };
        let (mut keys, mut skipped) = (Vec::new(), Vec::new());
        for (index, entry) in entries.iter().enumerate() {
            let parsed = if entry.is_object() {
                Jwk::from_value(entry)
            } else {
                Err(Error::malformed(format!(
                    "entry {index} of the JWK Set is {}, not a JWK object",
                    crate::strict_json::type_name(entry)
                )))
            };
            match parsed {
                Ok(key) => keys.push(key),
                Err(reason)
                    if lenient
                        || matches!(
                            reason.kind(),
                            ErrorKind::UnsupportedKey | ErrorKind::UnsupportedAlg
                        ) =>
                {
                    let kid = entry.get("kid").and_then(Value::as_str).map(str::to_owned);
                    skipped.push(SkippedKey { index, kid, reason });
                }
                Err(e) if !entry.is_object() => return Err(e),
                Err(e) => {
                    return Err(Error::new(
                        e.kind(),
                        format!("entry {index} of the JWK Set: {}", e.message()),
                    ))
                }
            }
        }
        Ok(JwkSet::indexed(keys, skipped))
    }

    /// The set as JSON text (`{"keys":[...]}`), private members included. Skipped
    /// entries are not written.
    pub fn to_json(&self) -> String {
        let keys: Vec<Value> = self.keys.iter().map(Jwk::to_value).collect();
        // The intermediate value (private members included) is wiped; the text is the caller's.
        super::members::to_json_wiping(serde_json::json!({ "keys": keys }))
    }

    /// The keys, in the set's order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The entries left out: not supported, or (read by [`JwkSet::from_json_lenient`])
    /// invalid.
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
        let mut found = self.with_kid(kid);
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
    pub(crate) fn candidates(
        &self,
        kid: Option<&str>,
        alg_name: &str,
        requirement: KeyRequirement,
        op: KeyOperation,
        max: usize,
    ) -> Result<Candidates<'_>> {
        let fits = |k: &&Jwk| k.authorize(alg_name, requirement, op.clone()).is_ok();
        let Some(kid) = kid else {
            let found: Vec<&Jwk> = self.keys.iter().filter(fits).take(max).collect();
            if found.is_empty() {
                return Err(not_found(format!(
                    "no key in the set can {op} with {alg_name}"
                )));
            }
            return Ok(Candidates::several(found));
        };
        let mut named = self.with_kid(kid);
        match (named.next(), named.next()) {
            (None, _) => Err(not_found(format!("no key in the set has kid {kid:?}"))),
            (Some(only), None) => only
                .authorize(alg_name, requirement, op)
                .map(|()| Candidates::one(only)),
            (Some(first), Some(second)) => {
                let mut fitting = [first, second].into_iter().chain(named).filter(fits);
                match (fitting.next(), fitting.next()) {
                    (None, _) => Err(not_found(format!(
                        "no key with kid {kid:?} can {op} with {alg_name}"
                    ))),
                    (Some(one), None) => Ok(Candidates::one(one)),
                    (Some(_), Some(_)) => Err(ambiguous(kid)),
                }
            }
        }
    }
}

/// The set's text as a JSON object, bounded and free of duplicate members; the parsed
/// text of the private members is wiped whatever the outcome.
fn parse_set(json: &str) -> Result<WipeOnDrop> {
    crate::strict_json::parse_object(json.as_bytes(), MAX_JWKS_DEPTH, MAX_JWKS_BYTES)
        .map(|set| WipeOnDrop(Value::Object(set)))
        .map_err(|e| Error::new(e.kind(), format!("invalid JWK Set: {}", e.message())))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::Curve;
    use crate::jwk::tests::{example, vector};
    use crate::jwk::{KeyType, KeyUse};
    use serde_json::json;

    fn set(v: Value) -> Result<JwkSet> {
        JwkSet::from_json(&v.to_string())
    }

    fn oct(kid: &str, len: usize) -> Value {
        json!({"kty": "oct", "kid": kid, "k": crate::base64url::encode(vec![9u8; len])})
    }

    #[test]
    fn rfc7517_a1_a2_a3_sets() {
        let a1 = example("rfc/rfc7517_appendix_a_b.json", "rfc7517-A.1");
        let s = set(a1["jwks"].clone()).unwrap();
        assert_eq!(s.keys().len(), 2);
        assert!(s.skipped().is_empty());
        assert_eq!(s.keys()[0].curve(), Some(Curve::P256));
        assert_eq!(s.find("1").unwrap().key_use(), Some(&KeyUse::Encryption));
        assert_eq!(s.find("2011-04-29").unwrap().alg(), Some("RS256"));
        let back: Value = serde_json::from_str(&s.to_json()).unwrap();
        assert_eq!(back, a1["jwks"]);

        let a2 = example("rfc/rfc7517_appendix_a_b.json", "rfc7517-A.2");
        let private = set(a2["jwks"].clone()).unwrap();
        assert!(private.keys().iter().all(Jwk::is_private));
        let public: Value = serde_json::from_str(&private.public().unwrap().to_json()).unwrap();
        assert_eq!(public, a1["jwks"], "A.2 minus private members is A.1");

        let a3 = example("rfc/rfc7517_appendix_a_b.json", "rfc7517-A.3");
        let sym = set(a3["jwks"].clone()).unwrap();
        assert_eq!(sym.keys()[0].alg(), Some("A128KW"));
        assert_eq!(
            sym.keys()[1].kid(),
            Some("HMAC key used in JWS A.1 example")
        );
        assert_eq!(sym.public().unwrap_err().kind(), ErrorKind::KeyTypeMismatch);
    }

    #[test]
    fn an_unknown_key_op_keeps_the_set_and_the_key() {
        let mut custom = oct("custom", 32);
        custom["key_ops"] = json!(["sign", "verify", "x-attest"]);
        let s = set(json!({"keys": [oct("a", 32), custom]})).unwrap();
        assert_eq!(s.keys().len(), 2);
        assert!(s.skipped().is_empty());
        let hs = KeyRequirement::OctAtLeast(32);
        let found: Vec<_> = s
            .candidates(Some("custom"), "HS256", hs, KeyOperation::Verify, 4)
            .unwrap()
            .collect();
        assert_eq!(found[0].kid(), Some("custom"));
        assert_eq!(
            s.candidates(Some("custom"), "A256KW", hs, KeyOperation::WrapKey, 4)
                .unwrap_err()
                .kind(),
            ErrorKind::KeyTypeMismatch
        );
        let back: Value = serde_json::from_str(&s.to_json()).unwrap();
        assert_eq!(
            back["keys"][1]["key_ops"],
            json!(["sign", "verify", "x-attest"])
        );
    }

    #[test]
    fn malformed_sets_are_errors() {
        let cases = [
            (json!([oct("a", 32)]), ErrorKind::Malformed),
            (json!({}), ErrorKind::Malformed),
            (json!({"keys": {"kty": "oct"}}), ErrorKind::Malformed),
            (json!({"keys": [oct("a", 32), "oct"]}), ErrorKind::Malformed),
            (json!({"keys": [oct("a", 32), null]}), ErrorKind::Malformed),
            (
                json!({"keys": [oct("a", 32), {"kty": "oct", "k": "A==="}]}),
                ErrorKind::InvalidKey,
            ),
            (
                json!({"keys": [{"kty": "oct", "k": "AA", "use": "sig", "key_ops": ["encrypt"]}]}),
                ErrorKind::InvalidKey,
            ),
            (json!({"keys": [{"k": "AA"}]}), ErrorKind::InvalidKey),
        ];
        for (v, kind) in cases {
            assert_eq!(set(v.clone()).unwrap_err().kind(), kind, "{v}");
        }
        let e = set(json!({"keys": [oct("a", 32), {"kty": "oct", "k": ""}]})).unwrap_err();
        assert!(e.message().contains("entry 1"), "{e}");
        for text in [
            "",
            "{",
            r#"{"keys":[],"keys":[]}"#,
            r#"{"keys":[{"kty":"oct","k":"AA","k":"AA"}]}"#,
        ] {
            assert!(JwkSet::from_json(text).is_err(), "{text}");
        }
        assert_eq!(
            JwkSet::from_json(r#"{"keys":[{"kty":"oct","k":"AA","k":"AA"}]}"#)
                .unwrap_err()
                .kind(),
            ErrorKind::DuplicateMember
        );
    }

    #[test]
    fn unsupported_entries_are_skipped_and_reported_in_order() {
        let rsa = vector("rfc7520/jwk/3_3.rsa_public_key.json");
        let mut multi_prime = vector("rfc7520/jwk/3_4.rsa_private_key.json");
        multi_prime["oth"] = json!([]);
        multi_prime["kid"] = json!("mp");
        let v = json!({"keys": [
            {"kty": "PQC", "kid": "future", "pub": "AA"},
            oct("first", 32),
            {"kty": "EC", "crv": "brainpoolP256r1", "x": "AA", "y": "AA"},
            rsa,
            multi_prime,
            {"kty": "oct", "k": "AAAA", "alg": "HS1"},
            oct("last", 32),
        ]});
        let s = set(v).unwrap();
        let kids: Vec<_> = s.keys().iter().map(Jwk::kid).collect();
        assert_eq!(
            kids,
            [
                Some("first"),
                Some("bilbo.baggins@hobbiton.example"),
                Some("last")
            ]
        );
        let skipped: Vec<_> = s
            .skipped()
            .iter()
            .map(|k| (k.index, k.kid.as_deref()))
            .collect();
        assert_eq!(
            skipped,
            [(0, Some("future")), (2, None), (4, Some("mp")), (5, None)]
        );
        let kinds: Vec<_> = s.skipped().iter().map(|k| k.reason.kind()).collect();
        assert_eq!(
            kinds,
            [
                ErrorKind::UnsupportedKey, // kty PQC
                ErrorKind::UnsupportedKey, // crv brainpoolP256r1
                ErrorKind::UnsupportedKey, // oth
                ErrorKind::UnsupportedAlg, // alg HS1
            ]
        );
        assert!(s.skipped()[2].reason.message().contains("multi-prime"));
        // An empty set is a valid set.
        assert!(set(json!({"keys": []})).unwrap().keys().is_empty());
    }

    #[test]
    fn find_detects_missing_and_duplicate_kids() {
        let s = set(json!({"keys": [oct("a", 32), oct("b", 32), oct("b", 48)]})).unwrap();
        assert_eq!(s.find("a").unwrap().kid(), Some("a"));
        assert_eq!(s.find("c").unwrap_err().kind(), ErrorKind::KeyNotFound);
        let e = s.find("b").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidKey);
        assert!(e.message().contains("ambiguous"), "{e}");
    }

    #[test]
    fn candidates_by_kid() {
        let hs = KeyRequirement::OctAtLeast(32);
        let s =
            set(json!({"keys": [oct("short", 16), oct("a", 32), oct("dup", 32), oct("dup", 64)]}))
                .unwrap();
        let one: Vec<_> = s
            .candidates(Some("a"), "HS256", hs, KeyOperation::Verify, 4)
            .unwrap()
            .collect();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].kid(), Some("a"));
        // No fallback to other keys when the kid is unknown.
        assert_eq!(
            s.candidates(Some("x"), "HS256", hs, KeyOperation::Verify, 4)
                .unwrap_err()
                .kind(),
            ErrorKind::KeyNotFound
        );
        // The named key's own refusal is reported.
        assert_eq!(
            s.candidates(Some("short"), "HS256", hs, KeyOperation::Verify, 4)
                .unwrap_err()
                .kind(),
            ErrorKind::WeakKey
        );
        // Two keys with one kid that both fit: ambiguous, never a guess.
        assert_eq!(
            s.candidates(Some("dup"), "HS256", hs, KeyOperation::Verify, 4)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidKey
        );
        // ... unless only one of them fits the algorithm (RFC 7517 §4.5).
        let hs512 = KeyRequirement::OctAtLeast(64);
        let one: Vec<_> = s
            .candidates(Some("dup"), "HS512", hs512, KeyOperation::Verify, 4)
            .unwrap()
            .collect();
        assert_eq!(one[0].material().key_type(), KeyType::Oct);
        assert_eq!(
            s.candidates(
                Some("dup"),
                "A128KW",
                KeyRequirement::OctExactly(16),
                KeyOperation::UnwrapKey,
                4
            )
            .unwrap_err()
            .kind(),
            ErrorKind::KeyNotFound
        );
    }

    #[test]
    fn candidates_without_kid_fit_and_are_bounded() {
        let hs = KeyRequirement::OctAtLeast(32);
        let mut keys = vec![oct("weak", 16)];
        keys.extend((0..6).map(|i| oct(&format!("k{i}"), 32)));
        keys.push(json!({"kty": "oct", "k": crate::base64url::encode([1u8; 32]), "use": "enc"}));
        let s = set(json!({ "keys": keys })).unwrap();
        let found: Vec<_> = s
            .candidates(None, "HS256", hs, KeyOperation::Verify, 4)
            .unwrap()
            .collect();
        let kids: Vec<_> = found.iter().map(|k| k.kid()).collect();
        assert_eq!(kids, [Some("k0"), Some("k1"), Some("k2"), Some("k3")]);
        assert_eq!(
            s.candidates(
                None,
                "ES256",
                KeyRequirement::Ec(Curve::P256),
                KeyOperation::Verify,
                4
            )
            .unwrap_err()
            .kind(),
            ErrorKind::KeyNotFound
        );
        let enc: Vec<_> = s
            .candidates(
                None,
                "A256KW",
                KeyRequirement::OctExactly(32),
                KeyOperation::UnwrapKey,
                1,
            )
            .unwrap()
            .collect();
        assert_eq!(enc.len(), 1);
    }

    #[test]
    fn kid_lookup_in_a_large_unsorted_set() {
        let hs = KeyRequirement::OctAtLeast(32);
        // Kids in no particular order, a key without a kid, and one kid on three keys
        // of which only the last fits HS256.
        let mut keys: Vec<Value> = (0..40).rev().map(|i| oct(&format!("k{i}"), 32)).collect();
        keys.insert(
            7,
            json!({"kty": "oct", "k": crate::base64url::encode([2u8; 32])}),
        );
        keys.push(oct("same", 16));
        keys.push(json!({"kty": "oct", "kid": "same", "k": crate::base64url::encode([3u8; 32]), "use": "enc"}));
        keys.push(oct("same", 48));
        let s = set(json!({ "keys": keys })).unwrap();
        for i in [0, 13, 39] {
            let kid = format!("k{i}");
            assert_eq!(s.find(&kid).unwrap().kid(), Some(kid.as_str()));
            let found: Vec<_> = s
                .candidates(Some(&kid), "HS256", hs, KeyOperation::Verify, 4)
                .unwrap()
                .collect();
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].kid(), Some(kid.as_str()));
        }
        assert_eq!(s.find("k40").unwrap_err().kind(), ErrorKind::KeyNotFound);
        assert_eq!(s.find("k").unwrap_err().kind(), ErrorKind::KeyNotFound);
        assert_eq!(s.find("same").unwrap_err().kind(), ErrorKind::InvalidKey);
        let same: Vec<_> = s
            .candidates(Some("same"), "HS256", hs, KeyOperation::Verify, 4)
            .unwrap()
            .collect();
        assert_eq!(same.len(), 1);
        assert!(std::ptr::eq(same[0], &s.keys()[s.keys().len() - 1]));
        // JwkSet::new indexes too.
        let copy = JwkSet::new(s.keys().to_vec());
        assert_eq!(copy.find("k13").unwrap().kid(), Some("k13"));
    }

    #[test]
    fn new_keeps_order() {
        let a = Jwk::generate_oct(256).unwrap();
        let b = Jwk::generate_oct(128).unwrap();
        let s = JwkSet::new(vec![a.clone(), b.clone()]);
        assert_eq!(s.keys()[0].to_json(), a.to_json());
        assert_eq!(s.keys()[1].to_json(), b.to_json());
        assert!(s.skipped().is_empty());
    }
}
