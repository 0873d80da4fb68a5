//! JWK thumbprints (RFC 7638) and thumbprint URIs (RFC 9278).
//!
//! The hash input is the JSON object of the key type's required members only, in
//! lexicographic order, with no whitespace: `{"crv":..,"kty":..,"x":..,"y":..}` for EC,
//! `{"crv":..,"kty":..,"x":..}` for OKP (RFC 8037 §2), `{"e":..,"kty":..,"n":..}` for
//! RSA, `{"k":..,"kty":..}` for oct. Every value is base64url or a registered name, so
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
        KeyMaterial::Oct(k) => write!(out, r#"{{"k":"{}","kty":"oct"}}"#, b64(k.secret())),
        KeyMaterial::RsaPublic(k) => rsa(&mut out, k),
        KeyMaterial::RsaPrivate(k) => rsa(&mut out, k.public()),
        KeyMaterial::EcPublic(k) => ec(&mut out, k),
        KeyMaterial::EcPrivate(k) => ec(&mut out, k.public()),
        KeyMaterial::OkpPublic(k) => okp(&mut out, k),
        KeyMaterial::OkpPrivate(k) => okp(&mut out, k.public()),
    };
    out
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
