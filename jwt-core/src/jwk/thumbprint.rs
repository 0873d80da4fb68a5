//! JWK thumbprints (RFC 7638) and thumbprint URIs (RFC 9278).
//!
//! The hash input is the JSON object of the key type's required members only, in
//! lexicographic order, with no whitespace: `{"crv":..,"kty":..,"x":..,"y":..}` for EC,
//! `{"crv":..,"kty":..,"x":..}` for OKP (RFC 8037 §2), `{"e":..,"kty":..,"n":..}` for
//! RSA, `{"k":..,"kty":..}` for oct, `{"alg":..,"kty":..,"pub":..}` for AKP (RFC 9964
//! §6: the algorithm is part of an AKP key's identity). Every value is base64url or a registered name, so
//! no character needs escaping and the text can be written directly. A private key
//! and its public key have the same thumbprint.

use super::{Jwk, KeyMaterial};
use crate::crypto::Zeroizing;
use crate::jwa::HashAlgorithm;
use std::fmt::Write;

/// The hash of a thumbprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThumbprintHash {
    /// SHA-256 (the usual choice; what [`Jwk::with_thumbprint_kid`] uses).
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl ThumbprintHash {
    /// The hash name in a thumbprint URI (RFC 9278 §3, from the IANA Named Information
    /// Hash Algorithm Registry): `sha-256`, `sha-384`, `sha-512`.
    pub const fn uri_name(self) -> &'static str {
        match self {
            ThumbprintHash::Sha256 => "sha-256",
            ThumbprintHash::Sha384 => "sha-384",
            ThumbprintHash::Sha512 => "sha-512",
        }
    }

    /// Looks up a URI hash name (`sha-256`, ...).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlg`](crate::ErrorKind::UnsupportedAlg) for any other name.
    pub fn from_uri_name(name: &str) -> crate::Result<Self> {
        [Self::Sha256, Self::Sha384, Self::Sha512]
            .into_iter()
            .find(|h| h.uri_name() == name)
            .ok_or_else(|| {
                crate::Error::new(
                    crate::ErrorKind::UnsupportedAlg,
                    format!("unsupported thumbprint hash {name:?}; expected sha-256, sha-384 or sha-512"),
                )
            })
    }

    fn algorithm(self) -> HashAlgorithm {
        match self {
            ThumbprintHash::Sha256 => HashAlgorithm::Sha256,
            ThumbprintHash::Sha384 => HashAlgorithm::Sha384,
            ThumbprintHash::Sha512 => HashAlgorithm::Sha512,
        }
    }
}

/// The RFC 7638 hash input. Zeroized: for an `oct` key it contains the secret.
pub(crate) fn canonical_json(material: &KeyMaterial) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(128));
    let b64 = crate::base64url::encode;
    // Writing to a String cannot fail.
    let _ = match material {
        KeyMaterial::Oct(k) => {
            // The encoded secret is wiped too, and `out` is sized before anything is
            // written so that no reallocation leaves a copy behind.
            let k = Zeroizing::new(b64(k.secret()));
            out.reserve(k.len() + r#"{"k":"","kty":"oct"}"#.len());
            write!(out, r#"{{"k":"{}","kty":"oct"}}"#, k.as_str())
        }
        KeyMaterial::RsaPublic(k) => rsa(&mut out, k),
        KeyMaterial::RsaPrivate(k) => rsa(&mut out, k.public()),
        KeyMaterial::EcPublic(k) => ec(&mut out, k),
        KeyMaterial::EcPrivate(k) => ec(&mut out, k.public()),
        KeyMaterial::OkpPublic(k) => okp(&mut out, k),
        KeyMaterial::OkpPrivate(k) => okp(&mut out, k.public()),
        #[cfg(feature = "pq")]
        KeyMaterial::AkpPublic(k) => akp(&mut out, k),
        #[cfg(feature = "pq")]
        KeyMaterial::AkpPrivate(k) => akp(&mut out, k.public()),
    };
    out
}

/// RFC 9964 §6: the required members of an AKP key are `alg`, `kty` and `pub`.
#[cfg(feature = "pq")]
fn akp(out: &mut String, k: &crate::crypto::mldsa::MlDsaPublicKey) -> std::fmt::Result {
    let public = crate::base64url::encode(k.raw());
    out.reserve(public.len() + 40);
    write!(
        out,
        r#"{{"alg":"{}","kty":"AKP","pub":"{}"}}"#,
        k.alg().name(),
        public
    )
}

fn rsa(out: &mut String, k: &crate::crypto::rsa::RsaPublicKey) -> std::fmt::Result {
    use super::members::minimal;
    write!(
        out,
        r#"{{"e":"{}","kty":"RSA","n":"{}"}}"#,
        crate::base64url::encode(minimal(k.e())),
        crate::base64url::encode(minimal(k.n()))
    )
}

fn ec(out: &mut String, k: &crate::crypto::ec::EcPublicKey) -> std::fmt::Result {
    write!(
        out,
        r#"{{"crv":"{}","kty":"EC","x":"{}","y":"{}"}}"#,
        k.curve().name(),
        crate::base64url::encode(k.x()),
        crate::base64url::encode(k.y())
    )
}

fn okp(out: &mut String, k: &crate::crypto::okp::OkpPublicKey) -> std::fmt::Result {
    write!(
        out,
        r#"{{"crv":"{}","kty":"OKP","x":"{}"}}"#,
        k.curve().name(),
        crate::base64url::encode(k.x())
    )
}

impl Jwk {
    /// The RFC 7638 thumbprint, base64url-encoded.
    pub fn thumbprint(&self, hash: ThumbprintHash) -> String {
        let input = canonical_json(self.material());
        crate::base64url::encode(crate::crypto::digest::digest(
            hash.algorithm(),
            input.as_bytes(),
        ))
    }

    /// The RFC 9278 thumbprint URI,
    /// `urn:ietf:params:oauth:jwk-thumbprint:sha-256:<thumbprint>`.
    pub fn thumbprint_uri(&self, hash: ThumbprintHash) -> String {
        format!(
            "urn:ietf:params:oauth:jwk-thumbprint:{}:{}",
            hash.uri_name(),
            self.thumbprint(hash)
        )
    }

    /// The key with its `kid` set to its SHA-256 thumbprint (replacing any `kid`).
    pub fn with_thumbprint_kid(mut self) -> Jwk {
        self.kid = Some(self.thumbprint(ThumbprintHash::Sha256));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::tests::{example, key, vector};

    #[test]
    fn rfc7638_section_3_1() {
        let ex = example("rfc/rfc7638_section_3_1.json", "rfc7638-3.1");
        let k = key(ex["key"].clone());
        assert_eq!(canonical_json(k.material()).as_str(), ex["canonical_json"]);
        assert_eq!(k.thumbprint(ThumbprintHash::Sha256), ex["thumbprint_b64u"]);
        assert_eq!(
            k.thumbprint_uri(ThumbprintHash::Sha256),
            ex["thumbprint_uri_rfc9278"]
        );
    }

    #[test]
    fn rfc8037_a3_okp_thumbprint() {
        let ex = example("rfc/rfc8037_appendix_a.json", "rfc8037-A.3");
        let public = key(ex["jwk"].clone());
        assert_eq!(
            canonical_json(public.material()).as_str(),
            ex["canonical_json"]
        );
        assert_eq!(
            public.thumbprint(ThumbprintHash::Sha256),
            ex["thumbprint_b64u"]
        );
        // The private key of A.1 has the same thumbprint.
        let private = key(example("rfc/rfc8037_appendix_a.json", "rfc8037-A.1")["jwk"].clone());
        assert_eq!(
            private.thumbprint(ThumbprintHash::Sha256),
            ex["thumbprint_b64u"]
        );
    }

    #[test]
    fn rfc7517_a1_thumbprints_of_ec_and_rsa() {
        let ex = example("rfc/rfc7517_appendix_a_b.json", "rfc7517-A.1");
        let keys = ex["jwks"]["keys"].as_array().unwrap();
        let private = example("rfc/rfc7517_appendix_a_b.json", "rfc7517-A.2");
        for (i, expected) in ex["sha256_thumbprints"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            assert_eq!(
                key(keys[i].clone()).thumbprint(ThumbprintHash::Sha256),
                *expected
            );
            let private_key = key(private["jwks"]["keys"][i].clone());
            assert_eq!(private_key.thumbprint(ThumbprintHash::Sha256), *expected);
        }
    }

    #[test]
    fn oct_thumbprint_and_hash_choices() {
        // RFC 7638 §3.2's member set for oct, computed independently:
        // sha256({"k":"AQID","kty":"oct"}).
        let k = key(serde_json::json!({"kty": "oct", "k": "AQID", "kid": "ignored"}));
        assert_eq!(
            canonical_json(k.material()).as_str(),
            r#"{"k":"AQID","kty":"oct"}"#
        );
        let expected = crate::base64url::encode(crate::crypto::digest::digest(
            HashAlgorithm::Sha256,
            br#"{"k":"AQID","kty":"oct"}"#,
        ));
        assert_eq!(k.thumbprint(ThumbprintHash::Sha256), expected);
        assert_eq!(k.thumbprint(ThumbprintHash::Sha384).len(), 64);
        assert_eq!(k.thumbprint(ThumbprintHash::Sha512).len(), 86);
        assert!(k
            .thumbprint_uri(ThumbprintHash::Sha384)
            .starts_with("urn:ietf:params:oauth:jwk-thumbprint:sha-384:"));
        assert_ne!(
            k.thumbprint(ThumbprintHash::Sha256),
            k.thumbprint(ThumbprintHash::Sha512)
        );
    }

    #[test]
    fn thumbprint_kid_replaces_kid() {
        let v = vector("rfc7520/jwk/3_5.symmetric_key_mac_computation.json");
        let k = key(v).with_thumbprint_kid();
        assert_eq!(k.kid(), Some(k.thumbprint(ThumbprintHash::Sha256).as_str()));
        assert_eq!(k.alg(), Some("HS256"), "other members are kept");
    }

    #[test]
    fn uri_hash_names() {
        for h in [
            ThumbprintHash::Sha256,
            ThumbprintHash::Sha384,
            ThumbprintHash::Sha512,
        ] {
            assert_eq!(ThumbprintHash::from_uri_name(h.uri_name()).unwrap(), h);
        }
        assert_eq!(
            ThumbprintHash::from_uri_name("SHA-256").unwrap_err().kind(),
            crate::ErrorKind::UnsupportedAlg
        );
    }
}
