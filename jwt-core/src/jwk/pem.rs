//! PEM and DER import and export.
//!
//! Reads PKCS#8 (`PRIVATE KEY`), SubjectPublicKeyInfo (`PUBLIC KEY`), PKCS#1
//! (`RSA PRIVATE KEY`, `RSA PUBLIC KEY`), SEC1 (`EC PRIVATE KEY`, optionally after the
//! `EC PARAMETERS` block that `openssl ecparam -genkey` writes) and the subject public key
//! of an X.509 `CERTIFICATE` (the certificate itself is not validated: the caller
//! decides whether to trust it). Writes PKCS#8 for private keys and SPKI for public ones.
//!
//! The RustCrypto `der`/`spki`/`pkcs8`/`x509-cert` crates read the outer structures to
//! learn the algorithm; the key bytes themselves are parsed and validated by
//! [`crate::crypto`], which builds the backend key objects from them.

use super::{Jwk, KeyMaterial, KeyType};
use crate::crypto::ec::{EcPrivateKey, EcPublicKey};
use crate::crypto::okp::{OkpPrivateKey, OkpPublicKey};
use crate::crypto::rsa::{RsaPrivateKey, RsaPublicKey};
use crate::crypto::Zeroizing;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::Curve;
use der::asn1::ObjectIdentifier as Oid;
use der::{Decode, Encode};

/// The longest PEM text accepted.
const MAX_PEM_BYTES: usize = 256 * 1024;

const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const X25519: Oid = Oid::new_unwrap("1.3.101.110");
const X448: Oid = Oid::new_unwrap("1.3.101.111");
const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
const ED448: Oid = Oid::new_unwrap("1.3.101.113");
const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
const P384: Oid = Oid::new_unwrap("1.3.132.0.34");
const P521: Oid = Oid::new_unwrap("1.3.132.0.35");
const SECP256K1: Oid = Oid::new_unwrap("1.3.132.0.10");

/// What a DER algorithm identifier says the key is.
enum Algorithm {
    Rsa,
    Ec,
    Okp(Curve),
}

/// Maps an algorithm identifier to a supported key kind.
fn algorithm(alg: &spki::AlgorithmIdentifierRef<'_>) -> Result<Algorithm> {
    let unsupported = |what: String| Error::new(ErrorKind::UnsupportedAlg, what);
    let found = match alg.oid {
        RSA_ENCRYPTION => Algorithm::Rsa,
        EC_PUBLIC_KEY => {
            let curve = alg
                .parameters_oid()
                .map_err(|_| Error::new(ErrorKind::InvalidKey, "the EC key does not name its curve"))?;
            if ![P256, P384, P521, SECP256K1].contains(&curve) {
                return Err(unsupported(format!(
                    "unsupported EC curve (OID {curve}); expected P-256, P-384, P-521 or secp256k1"
                )));
            }
            Algorithm::Ec
        }
        ED25519 => Algorithm::Okp(Curve::Ed25519),
        ED448 => Algorithm::Okp(Curve::Ed448),
        X25519 => Algorithm::Okp(Curve::X25519),
        X448 => Algorithm::Okp(Curve::X448),
        other => {
            return Err(unsupported(format!(
                "unsupported key algorithm (OID {other}); expected RSA, EC, Ed25519, Ed448, X25519 or X448"
            )))
        }
    };
    if let Algorithm::Okp(curve) = found {
        if !curve.is_enabled() {
            return Err(unsupported(format!(
                "curve {curve} needs the curve448 feature"
            )));
        }
    }
    Ok(found)
}

fn invalid(format: &str) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("the {format} key is invalid or inconsistent"),
    )
}

/// A key from DER SubjectPublicKeyInfo.
fn from_spki(der: &[u8]) -> Result<KeyMaterial> {
    let info = spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|_| Error::malformed("not a DER SubjectPublicKeyInfo"))?;
    let material = match algorithm(&info.algorithm)? {
        Algorithm::Rsa => RsaPublicKey::from_spki_der(der).map(KeyMaterial::RsaPublic),
        Algorithm::Ec => EcPublicKey::from_spki_der(der).map(KeyMaterial::EcPublic),
        Algorithm::Okp(_) => OkpPublicKey::from_spki_der(der).map(KeyMaterial::OkpPublic),
    };
    material.map_err(|_| invalid("SubjectPublicKeyInfo"))
}

/// A key from DER PKCS#8 (v1 or v2).
fn from_pkcs8(der: &[u8]) -> Result<KeyMaterial> {
    let info = pkcs8::PrivateKeyInfoRef::try_from(der)
        .map_err(|_| Error::malformed("not a DER PKCS#8 private key"))?;
    let material = match algorithm(&info.algorithm)? {
        Algorithm::Rsa => RsaPrivateKey::from_pkcs8_der(der).map(KeyMaterial::RsaPrivate),
        Algorithm::Ec => EcPrivateKey::from_pkcs8_der(der).map(KeyMaterial::EcPrivate),
        Algorithm::Okp(_) => OkpPrivateKey::from_pkcs8_der(der).map(KeyMaterial::OkpPrivate),
    };
    material.map_err(|_| invalid("PKCS#8"))
}

/// The subject public key of a DER X.509 certificate.
fn from_certificate(der: &[u8]) -> Result<KeyMaterial> {
    let cert = x509_cert::Certificate::from_der(der)
        .map_err(|_| Error::malformed("not a DER X.509 certificate"))?;
    let spki = cert
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|_| Error::malformed("the certificate's public key cannot be re-encoded"))?;
    from_spki(&spki)
}

fn from_pkcs1_private(der: &[u8]) -> Result<KeyMaterial> {
    RsaPrivateKey::from_pkcs1_der(der)
        .map(KeyMaterial::RsaPrivate)
        .map_err(|_| invalid("PKCS#1 RSA private"))
}

fn from_pkcs1_public(der: &[u8]) -> Result<KeyMaterial> {
    RsaPublicKey::from_pkcs1_der(der)
        .map(KeyMaterial::RsaPublic)
        .map_err(|_| invalid("PKCS#1 RSA public"))
}

fn from_sec1(der: &[u8]) -> Result<KeyMaterial> {
    EcPrivateKey::from_sec1_der(der)
        .map(KeyMaterial::EcPrivate)
        .map_err(|_| invalid("SEC1 EC private"))
}

/// One `-----BEGIN X-----` ... `-----END X-----` block of a PEM text.
struct Block<'a> {
    label: &'a str,
    text: &'a str,
}

/// Splits a PEM text into its blocks; text between blocks (OpenSSL's "Bag Attributes"
/// and the like) is ignored, as RFC 7468 §5.2 allows.
fn blocks(pem: &str) -> Result<Vec<Block<'_>>> {
    const BEGIN: &str = "-----BEGIN ";
    const END: &str = "-----END ";
    const DASHES: &str = "-----";
    let mut out = Vec::new();
    let mut rest = pem;
    while let Some(start) = rest.find(BEGIN) {
        let from_begin = rest.get(start..).unwrap_or_default();
        let end_at = from_begin
            .find(END)
            .ok_or_else(|| Error::malformed("PEM block without an END line"))?;
        let after_end = from_begin.get(end_at + END.len()..).unwrap_or_default();
        let close = after_end
            .find(DASHES)
            .ok_or_else(|| Error::malformed("PEM END line is not closed by -----"))?;
        let block_len = end_at + END.len() + close + DASHES.len();
        let text = from_begin.get(..block_len).unwrap_or_default();
        let label_text = from_begin.get(BEGIN.len()..).unwrap_or_default();
        let label = label_text
            .find(DASHES)
            .and_then(|i| label_text.get(..i))
            .ok_or_else(|| Error::malformed("PEM BEGIN line is not closed by -----"))?;
        out.push(Block { label, text });
        rest = from_begin.get(block_len..).unwrap_or_default();
    }
    Ok(out)
}

impl Jwk {
    /// Reads a key from PEM: `PRIVATE KEY` (PKCS#8), `PUBLIC KEY` (SPKI),
    /// `RSA PRIVATE KEY` / `RSA PUBLIC KEY` (PKCS#1), `EC PRIVATE KEY` (SEC1, an
    /// `EC PARAMETERS` block before it is ignored) or `CERTIFICATE` (its public key).
    ///
    /// The key has no `kid`, `alg`, `use` or `key_ops`: PEM carries none.
    ///
    /// # Errors
    /// [`ErrorKind::Malformed`] for text that is not PEM or holds no key or several;
    /// [`ErrorKind::UnsupportedAlg`] for another label (an encrypted PKCS#8 key among
    /// them) or key algorithm; [`ErrorKind::InvalidKey`] for invalid key data.
    pub fn from_pem(pem: &str) -> Result<Jwk> {
        crate::limits::Limits::check_at_most("PEM length", pem.len(), MAX_PEM_BYTES)?;
        let all = blocks(pem)?;
        let mut keys = all.iter().filter(|b| b.label != "EC PARAMETERS");
        let block = match (keys.next(), keys.next()) {
            (Some(block), None) => block,
            (None, _) => return Err(Error::malformed("no PEM block found")),
            (Some(_), Some(_)) => {
                return Err(Error::malformed(
                    "several PEM blocks found; expected exactly one key or certificate",
                ))
            }
        };
        let (label, der) = pem_rfc7468::decode_vec(block.text.as_bytes())
            .map_err(|e| Error::malformed(format!("invalid PEM block {:?}: {e}", block.label)))?;
        let der = Zeroizing::new(der);
        let material = match label {
            "PRIVATE KEY" => from_pkcs8(&der)?,
            "PUBLIC KEY" => from_spki(&der)?,
            "RSA PRIVATE KEY" => from_pkcs1_private(&der)?,
            "RSA PUBLIC KEY" => from_pkcs1_public(&der)?,
            "EC PRIVATE KEY" => from_sec1(&der)?,
            "CERTIFICATE" => from_certificate(&der)?,
            "ENCRYPTED PRIVATE KEY" => {
                return Err(Error::new(
                    ErrorKind::UnsupportedAlg,
                    "encrypted PKCS#8 keys are not supported; decrypt the key first \
                     (openssl pkcs8 -in key.pem -out plain.pem)",
                ))
            }
            other => {
                return Err(Error::new(
                    ErrorKind::UnsupportedAlg,
                    format!(
                        "unsupported PEM label {other:?}; expected PRIVATE KEY, PUBLIC KEY, \
                         RSA PRIVATE KEY, RSA PUBLIC KEY, EC PRIVATE KEY or CERTIFICATE"
                    ),
                ))
            }
        };
        Ok(Jwk::from_material(material))
    }

    /// Reads a key from DER, detecting the format: X.509 certificate, SPKI, PKCS#8,
    /// PKCS#1 (private or public) or SEC1.
    ///
    /// # Errors
    /// As [`Jwk::from_pem`]; [`ErrorKind::Malformed`] when the bytes are none of these.
    pub fn from_der(der: &[u8]) -> Result<Jwk> {
        crate::limits::Limits::check_at_most("DER length", der.len(), MAX_PEM_BYTES)?;
        // The structures are distinguishable by shape, so at most one outer parse succeeds;
        // once one does, its error (unsupported algorithm, invalid key) is the answer.
        let material = if x509_cert::Certificate::from_der(der).is_ok() {
            from_certificate(der)?
        } else if spki::SubjectPublicKeyInfoRef::from_der(der).is_ok() {
            from_spki(der)?
        } else if pkcs8::PrivateKeyInfoRef::try_from(der).is_ok() {
            from_pkcs8(der)?
        } else if let Ok(m) = from_pkcs1_private(der) {
            m
        } else if let Ok(m) = from_sec1(der) {
            m
        } else if let Ok(m) = from_pkcs1_public(der) {
            m
        } else {
            return Err(Error::malformed(
                "the DER is not a certificate, SPKI, PKCS#8, PKCS#1 or SEC1 key (or the key in it is invalid)",
            ));
        };
        Ok(Jwk::from_material(material))
    }

    /// The key as PEM: PKCS#8 (`PRIVATE KEY`) for a private key, SPKI (`PUBLIC KEY`) for
    /// a public one. Lines end in LF.
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] for an `oct` key (PEM has no form for it).
    pub fn to_pem(&self) -> Result<String> {
        let (label, der) = match self.material() {
            KeyMaterial::Oct(_) => return Err(no_pem()),
            KeyMaterial::RsaPrivate(k) => ("PRIVATE KEY", k.to_pkcs8_der()),
            KeyMaterial::EcPrivate(k) => ("PRIVATE KEY", k.to_pkcs8_der()),
            KeyMaterial::OkpPrivate(k) => ("PRIVATE KEY", k.to_pkcs8_der()),
            KeyMaterial::RsaPublic(_) | KeyMaterial::EcPublic(_) | KeyMaterial::OkpPublic(_) => {
                return self.to_public_pem()
            }
        };
        encode(label, &der)
    }

    /// The public key as SPKI PEM (`PUBLIC KEY`).
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] for an `oct` key.
    pub fn to_public_pem(&self) -> Result<String> {
        encode("PUBLIC KEY", &self.public_der()?)
    }

    /// The public key as DER SubjectPublicKeyInfo.
    fn public_der(&self) -> Result<Vec<u8>> {
        Ok(match self.material() {
            KeyMaterial::Oct(_) => return Err(no_pem()),
            KeyMaterial::RsaPublic(k) => k.to_spki_der(),
            KeyMaterial::RsaPrivate(k) => k.public().to_spki_der(),
            KeyMaterial::EcPublic(k) => k.to_spki_der(),
            KeyMaterial::EcPrivate(k) => k.public().to_spki_der(),
            KeyMaterial::OkpPublic(k) => k.to_spki_der(),
            KeyMaterial::OkpPrivate(k) => k.public().to_spki_der(),
        })
    }
}

fn no_pem() -> Error {
    Error::new(
        ErrorKind::KeyTypeMismatch,
        format!("{} keys have no PEM form", KeyType::Oct),
    )
}

fn encode(label: &str, der: &[u8]) -> Result<String> {
    pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der)
        .map_err(|e| Error::malformed(format!("cannot encode PEM: {e}")))
}
