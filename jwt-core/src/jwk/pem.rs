//! PEM and DER import and export.
//!
//! Reads PKCS#8 (`PRIVATE KEY`), SubjectPublicKeyInfo (`PUBLIC KEY`), PKCS#1
//! (`RSA PRIVATE KEY`, `RSA PUBLIC KEY`), SEC1 (`EC PRIVATE KEY`, optionally after the
//! `EC PARAMETERS` block that `openssl ecparam -genkey` writes) and the subject public key
//! of an X.509 `CERTIFICATE` (the certificate itself is not validated: the caller
//! decides whether to trust it). Writes PKCS#8 for private keys and SPKI for public ones.
//!
//! [`crate::crypto::der`] reads the SPKI and PKCS#8 structures and names their algorithm
//! (the RustCrypto `x509-cert` crate reads certificates); the key bytes themselves are
//! parsed and validated by [`crate::crypto`], which builds the backend key objects.

use super::{Jwk, KeyMaterial, KeyType};
use crate::crypto::der::{parse_pkcs8, parse_spki, KeyAlgorithm, EC_PUBLIC_KEY, RSA_ENCRYPTION};
use crate::crypto::ec::{self, EcPrivateKey, EcPublicKey};
use crate::crypto::okp::{self, OkpPrivateKey, OkpPublicKey};
use crate::crypto::rsa::{RsaPrivateKey, RsaPublicKey};
use crate::crypto::Zeroizing;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::Curve;
use der::{Decode, Encode};

/// The longest PEM text accepted.
const MAX_PEM_BYTES: usize = 256 * 1024;

/// What a DER algorithm identifier says the key is.
enum Algorithm {
    Rsa,
    Ec,
    Okp(Curve),
    /// ML-DSA (RFC 9881 OIDs), read only with the `pq` feature.
    MlDsa,
}

/// Maps an algorithm identifier to a supported key kind.
fn algorithm(alg: &KeyAlgorithm<'_>) -> Result<Algorithm> {
    let unsupported = |what: String| Error::new(ErrorKind::UnsupportedKey, what);
    let found = match alg.oid() {
        RSA_ENCRYPTION => Algorithm::Rsa,
        EC_PUBLIC_KEY => {
            let Ok(Some(curve)) = alg.parameter() else {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    "the EC key does not name its curve",
                ));
            };
            if !ec::is_supported_curve(curve) {
                return Err(unsupported(format!(
                    "unsupported EC curve (OID {curve}); expected P-256, P-384, P-521 or secp256k1"
                )));
            }
            Algorithm::Ec
        }
        other => match okp::curve_by_oid(other) {
            Some(curve) => Algorithm::Okp(curve),
            None if is_ml_dsa_oid(other) => {
                if !cfg!(feature = "pq") {
                    return Err(unsupported(
                        "ML-DSA keys need jwt-core's pq feature".to_owned(),
                    ));
                }
                Algorithm::MlDsa
            }
            None => {
                return Err(unsupported(format!(
                    "unsupported key algorithm (OID {other}); expected RSA, EC, Ed25519, Ed448, X25519, X448 or ML-DSA"
                )))
            }
        },
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

/// The ML-DSA OIDs (RFC 9881 §2), recognized with or without the `pq` feature.
fn is_ml_dsa_oid(oid: crate::crypto::der::Oid) -> bool {
    const ML_DSA: [crate::crypto::der::Oid; 3] = [
        crate::crypto::der::Oid::new_unwrap("2.16.840.1.101.3.4.3.17"),
        crate::crypto::der::Oid::new_unwrap("2.16.840.1.101.3.4.3.18"),
        crate::crypto::der::Oid::new_unwrap("2.16.840.1.101.3.4.3.19"),
    ];
    ML_DSA.contains(&oid)
}

fn invalid(format: &str) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("the {format} key is invalid or inconsistent"),
    )
}

/// The two DER structures that name their key's algorithm.
#[derive(Clone, Copy)]
enum KeyInfo {
    /// SubjectPublicKeyInfo.
    Spki,
    /// PKCS#8 PrivateKeyInfo, v1 or v2.
    Pkcs8,
}

/// A key from DER SPKI or PKCS#8: [`crate::crypto::der`] parses the structure and
/// names the algorithm, then the key type reads the key from the same DER.
fn from_key_info(der: &[u8], info: KeyInfo) -> Result<KeyMaterial> {
    let (parsed, not_it, format) = match info {
        KeyInfo::Spki => (
            parse_spki(der).map(|spki| spki.algorithm),
            "not a DER SubjectPublicKeyInfo",
            "SubjectPublicKeyInfo",
        ),
        KeyInfo::Pkcs8 => (
            parse_pkcs8(der).map(|pkcs8| pkcs8.algorithm),
            "not a DER PKCS#8 private key",
            "PKCS#8",
        ),
    };
    let found = algorithm(&parsed.map_err(|_| Error::malformed(not_it))?)?;
    use Algorithm::{Ec, Okp, Rsa};
    use KeyInfo::{Pkcs8, Spki};
    use KeyMaterial as M;
    let material = match (info, found) {
        (Spki, Rsa) => RsaPublicKey::from_spki_der(der).map(M::RsaPublic),
        (Spki, Ec) => EcPublicKey::from_spki_der(der).map(M::EcPublic),
        (Spki, Okp(_)) => OkpPublicKey::from_spki_der(der).map(M::OkpPublic),
        (Pkcs8, Rsa) => RsaPrivateKey::from_pkcs8_der(der).map(M::RsaPrivate),
        (Pkcs8, Ec) => EcPrivateKey::from_pkcs8_der(der).map(M::EcPrivate),
        (Pkcs8, Okp(_)) => OkpPrivateKey::from_pkcs8_der(der).map(M::OkpPrivate),
        #[cfg(feature = "pq")]
        (Spki, Algorithm::MlDsa) => {
            crate::crypto::mldsa::MlDsaPublicKey::from_spki_der(der).map(M::AkpPublic)
        }
        #[cfg(feature = "pq")]
        (Pkcs8, Algorithm::MlDsa) => {
            crate::crypto::mldsa::MlDsaPrivateKey::from_pkcs8_der(der).map(M::AkpPrivate)
        }
        // `algorithm` refuses ML-DSA without the `pq` feature.
        #[cfg(not(feature = "pq"))]
        (_, Algorithm::MlDsa) => Err(crate::crypto::CryptoError),
    };
    material.map_err(|_| invalid(format))
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
    from_key_info(&spki, KeyInfo::Spki)
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
    /// [`ErrorKind::UnsupportedKey`] for another label (an encrypted PKCS#8 key among
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
        // Decoded into a zeroizing buffer allocated up front (at least the 3/4 of the
        // block's length the Base64 can hold), so that neither a failure halfway nor a
        // growing buffer leaves private key DER behind.
        let mut buf = Zeroizing::new(vec![0u8; block.text.len() / 4 * 3 + 3]);
        let (label, der) = pem_rfc7468::decode(block.text.as_bytes(), &mut buf)
            .map_err(|e| Error::malformed(format!("invalid PEM block {:?}: {e}", block.label)))?;
        let material = match label {
            "PRIVATE KEY" => from_key_info(der, KeyInfo::Pkcs8)?,
            "PUBLIC KEY" => from_key_info(der, KeyInfo::Spki)?,
            "RSA PRIVATE KEY" => from_pkcs1_private(der)?,
            "RSA PUBLIC KEY" => from_pkcs1_public(der)?,
            "EC PRIVATE KEY" => from_sec1(der)?,
            "CERTIFICATE" => from_certificate(der)?,
            "ENCRYPTED PRIVATE KEY" => {
                return Err(Error::new(
                    ErrorKind::UnsupportedKey,
                    "the key is encrypted (ENCRYPTED PRIVATE KEY); read it with \
                     Jwk::from_pem_with_password (jwt: --password-file)",
                ))
            }
            other => {
                return Err(Error::new(
                    ErrorKind::UnsupportedKey,
                    format!(
                        "unsupported PEM label {other:?}; expected PRIVATE KEY, PUBLIC KEY, \
                         RSA PRIVATE KEY, RSA PUBLIC KEY, EC PRIVATE KEY or CERTIFICATE"
                    ),
                ))
            }
        };
        Ok(Jwk::from_material(material))
    }

    /// Reads a password-protected private key from PEM: an `ENCRYPTED PRIVATE KEY`
    /// block (PKCS#8 `EncryptedPrivateKeyInfo` with PBES2, RFC 8018), as OpenSSL,
    /// Python's `cryptography` and jwcrypto's `export_to_pem(private_key=True,
    /// password=...)` write it. The key derivation is PBKDF2 with HMAC-SHA-224/256/384/512
    /// or scrypt; the cipher AES-128/192/256-CBC or AES-128/256-GCM. PBES1, PBKDF2 with
    /// HMAC-SHA-1 and DES are not read.
    ///
    /// The cost of the key derivation is read from the file and bounded before any work
    /// (as `p2c` is for PBES2 in JWE): at most 10,000,000 PBKDF2 iterations; for scrypt,
    /// at most 64 MiB of memory (128·N·r) and p at most 16.
    ///
    /// # Errors
    /// [`ErrorKind::DecryptionFailed`] for a wrong password or a damaged key (the two
    /// cannot be told apart); [`ErrorKind::LimitExceeded`] for a key derivation over the
    /// bounds; [`ErrorKind::UnsupportedKey`] for another scheme;
    /// [`ErrorKind::InvalidKey`] for a PEM that is not encrypted (read it with
    /// [`Jwk::from_pem`]: a password that protects nothing is a mistake worth hearing
    /// about); [`ErrorKind::WeakKey`] for an empty password; otherwise as
    /// [`Jwk::from_pem`].
    pub fn from_pem_with_password(pem: &str, password: &[u8]) -> Result<Jwk> {
        crate::limits::Limits::check_at_most("PEM length", pem.len(), MAX_PEM_BYTES)?;
        let all = blocks(pem)?;
        let block = match all.as_slice() {
            [block] => block,
            [] => return Err(Error::malformed("no PEM block found")),
            _ => {
                return Err(Error::malformed(
                    "several PEM blocks found; expected exactly one ENCRYPTED PRIVATE KEY",
                ))
            }
        };
        if block.label != "ENCRYPTED PRIVATE KEY" {
            return Err(not_encrypted(block.label));
        }
        let (_, der) = pem_rfc7468::decode_vec(block.text.as_bytes())
            .map_err(|e| Error::malformed(format!("invalid PEM block {:?}: {e}", block.label)))?;
        Jwk::from_der_with_password(&der, password)
    }

    /// Reads a password-protected private key from DER (`EncryptedPrivateKeyInfo`); see
    /// [`Jwk::from_pem_with_password`].
    ///
    /// # Errors
    /// As [`Jwk::from_pem_with_password`]; [`ErrorKind::Malformed`] when the bytes are not
    /// an `EncryptedPrivateKeyInfo`.
    pub fn from_der_with_password(der: &[u8], password: &[u8]) -> Result<Jwk> {
        use crate::crypto::encrypted_pkcs8::{self, Refusal};
        crate::limits::Limits::check_at_most("DER length", der.len(), MAX_PEM_BYTES)?;
        check_password(password)?;
        match encrypted_pkcs8::check(der) {
            Ok(()) => {}
            Err(Refusal::Malformed) if parse_pkcs8(der).is_ok() => {
                return Err(not_encrypted("PRIVATE KEY"))
            }
            Err(Refusal::Malformed) => {
                return Err(Error::malformed(
                    "not a DER EncryptedPrivateKeyInfo (password-protected PKCS#8)",
                ))
            }
            Err(Refusal::Unsupported(what)) => {
                return Err(Error::new(
                    ErrorKind::UnsupportedKey,
                    format!(
                        "the key is encrypted with {what}, which is not supported; expected \
                         PBES2 with PBKDF2-HMAC-SHA-2 or scrypt, and AES"
                    ),
                ))
            }
            Err(Refusal::TooCostly(what)) => {
                return Err(Error::new(
                    ErrorKind::LimitExceeded,
                    format!("the key's password derivation is too costly to run: {what}"),
                ))
            }
        }
        let plain = encrypted_pkcs8::decrypt(der, password).map_err(|_| {
            Error::new(
                ErrorKind::DecryptionFailed,
                "cannot decrypt the private key: the password is wrong, or the key is damaged",
            )
        })?;
        Ok(Jwk::from_material(from_key_info(&plain, KeyInfo::Pkcs8)?))
    }

    /// The private key as password-protected PEM (`ENCRYPTED PRIVATE KEY`: PKCS#8
    /// encrypted with PBES2 as `protection` says, fresh random salt and IV), which
    /// OpenSSL, Python's `cryptography` and jwcrypto's `JWK.from_pem(data, password)`
    /// read. Lines end in LF.
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] for a public key (nothing to protect) or an `oct`
    /// key; [`ErrorKind::WeakKey`] for an empty password; [`ErrorKind::LimitExceeded`]
    /// for a `protection` costlier than [`Jwk::from_pem_with_password`] would read;
    /// [`ErrorKind::InvalidKey`] when encryption fails (the random generator).
    pub fn to_encrypted_pem(&self, password: &[u8], protection: PemEncryption) -> Result<String> {
        use crate::crypto::encrypted_pkcs8::{self, Protection};
        check_password(password)?;
        if !self.is_private() || self.key_type() == KeyType::Oct {
            return Err(Error::new(
                ErrorKind::KeyTypeMismatch,
                "only a private key is written encrypted; this key has no private part to protect",
            ));
        }
        let protection = match protection {
            PemEncryption::Pbkdf2Sha256Aes256Cbc { iterations } => {
                Protection::Pbkdf2Sha256Aes256Cbc { iterations }
            }
            PemEncryption::ScryptAes256Cbc { log_n, r, p } => {
                Protection::ScryptAes256Cbc { log_n, r, p }
            }
            PemEncryption::ScryptAes256Gcm { log_n, r, p } => {
                Protection::ScryptAes256Gcm { log_n, r, p }
            }
        };
        protection.check().map_err(|what| {
            Error::new(
                ErrorKind::LimitExceeded,
                format!("{what}: costlier than this library (and others) will read back"),
            )
        })?;
        let plain = self.private_pkcs8_der()?;
        let der = encrypted_pkcs8::encrypt(&plain, password, protection).map_err(|_| {
            Error::new(
                ErrorKind::InvalidKey,
                "the private key could not be encrypted (parameters or random generator)",
            )
        })?;
        encode("ENCRYPTED PRIVATE KEY", &der)
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
        } else if parse_spki(der).is_ok() {
            from_key_info(der, KeyInfo::Spki)?
        } else if parse_pkcs8(der).is_ok() {
            from_key_info(der, KeyInfo::Pkcs8)?
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
        if self.is_private() {
            return encode("PRIVATE KEY", &self.private_pkcs8_der()?);
        }
        self.to_public_pem()
    }

    /// The private key as DER PKCS#8.
    fn private_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        Ok(match self.material() {
            KeyMaterial::Oct(_) => return Err(no_pem()),
            KeyMaterial::RsaPrivate(k) => k.to_pkcs8_der(),
            KeyMaterial::EcPrivate(k) => k.to_pkcs8_der(),
            KeyMaterial::OkpPrivate(k) => k.to_pkcs8_der(),
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPrivate(k) => k.to_pkcs8_der(),
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPublic(_) => return Err(no_pkcs8()),
            KeyMaterial::RsaPublic(_) | KeyMaterial::EcPublic(_) | KeyMaterial::OkpPublic(_) => {
                return Err(no_pkcs8())
            }
        })
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
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPublic(k) => k.to_spki_der(),
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPrivate(k) => k.public().to_spki_der(),
        })
    }
}

/// How [`Jwk::to_encrypted_pem`] protects a private key: PBES2 (RFC 8018) with a
/// password-based key derivation and AES-256.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PemEncryption {
    /// PBKDF2-HMAC-SHA-256 with this many iterations, then AES-256-CBC: what OpenSSL
    /// and Python's `cryptography` write themselves, read everywhere. At most
    /// 10,000,000 iterations.
    Pbkdf2Sha256Aes256Cbc {
        /// The PBKDF2 iteration count.
        iterations: u32,
    },
    /// scrypt (RFC 7914) with N = 2^`log_n`, `r`, `p`, then AES-256-CBC. At most
    /// 64 MiB of memory (128·N·r) and p at most 16.
    ScryptAes256Cbc {
        /// log2 of the cost N.
        log_n: u8,
        /// The block size r.
        r: u32,
        /// The parallelization p.
        p: u32,
    },
    /// scrypt as above, then AES-256-GCM. Not every reader has it: Python's
    /// `cryptography` (so jwcrypto) does not read it (checked with cryptography 50).
    ScryptAes256Gcm {
        /// log2 of the cost N.
        log_n: u8,
        /// The block size r.
        r: u32,
        /// The parallelization p.
        p: u32,
    },
}

impl PemEncryption {
    /// The default: PBKDF2-HMAC-SHA-256 with 600,000 iterations (OWASP's advice for
    /// PBKDF2-HMAC-SHA-256) and AES-256-CBC, which every PKCS#8 reader understands.
    pub const DEFAULT: PemEncryption = PemEncryption::Pbkdf2Sha256Aes256Cbc {
        iterations: 600_000,
    };
}

impl Default for PemEncryption {
    fn default() -> Self {
        PemEncryption::DEFAULT
    }
}

/// A password that protects nothing is refused on both sides.
fn check_password(password: &[u8]) -> Result<()> {
    if password.is_empty() {
        return Err(Error::new(
            ErrorKind::WeakKey,
            "the password is empty; an encrypted key needs a password",
        ));
    }
    Ok(())
}

fn not_encrypted(label: &str) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!(
            "a password was given but the key is not encrypted ({label}); read it without \
             one (Jwk::from_pem, Jwk::from_der)"
        ),
    )
}

fn no_pkcs8() -> Error {
    Error::new(
        ErrorKind::KeyTypeMismatch,
        "a public key has no PKCS#8 form",
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::tests::{example, key, vector};
    use base64::Engine;

    const RSA_PKCS1: &str = include_str!("testdata/rsa_pkcs1.pem");
    const RSA_PKCS1_PUB: &str = include_str!("testdata/rsa_pkcs1_pub.pem");
    const RSA_SPKI: &str = include_str!("testdata/rsa_spki.pem");
    const EC_SEC1_WITH_PARAMS: &str = include_str!("testdata/ec_p256_sec1_params.pem");
    const EC_SPKI: &str = include_str!("testdata/ec_p256_spki.pem");
    const EC_CERT: &str = include_str!("testdata/ec_p256_cert.pem");
    const K256_SEC1: &str = include_str!("testdata/ec_k256_sec1.pem");
    const K256_SPKI: &str = include_str!("testdata/ec_k256_spki.pem");
    const ED25519_PKCS8: &str = include_str!("testdata/ed25519_pkcs8.pem");
    const ED25519_SPKI: &str = include_str!("testdata/ed25519_spki.pem");

    fn der_of(pem: &str) -> Vec<u8> {
        let block = blocks(pem).unwrap().into_iter().last().unwrap();
        pem_rfc7468::decode_vec(block.text.as_bytes()).unwrap().1
    }

    /// Private keys of every type and curve (Curve448 ones with the feature).
    fn private_keys() -> Vec<Jwk> {
        let mut keys = vec![
            key(vector("rfc7520/jwk/3_4.rsa_private_key.json")),
            key(vector("rfc7520/jwk/3_2.ec_private_key.json")),
            key(example("rfc/rfc8037_appendix_a.json", "rfc8037-A.1")["jwk"].clone()),
        ];
        for curve in [Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1] {
            keys.push(Jwk::generate_ec(curve).unwrap());
        }
        for curve in [Curve::Ed25519, Curve::X25519, Curve::Ed448, Curve::X448] {
            if curve.is_enabled() {
                keys.push(Jwk::generate_okp(curve).unwrap());
            }
        }
        keys
    }

    /// The key members only (PEM carries no kid, alg, use or key_ops).
    fn members_of(k: &Jwk) -> serde_json::Value {
        let mut v = k.to_value();
        for name in ["kid", "alg", "use", "key_ops"] {
            v.as_object_mut().unwrap().remove(name);
        }
        v
    }

    #[test]
    fn jwk_pem_jwk_round_trips_for_every_key_type() {
        for k in private_keys() {
            let pem = k.to_pem().unwrap();
            assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
            let back = Jwk::from_pem(&pem).unwrap();
            assert_eq!(members_of(&back), members_of(&k), "{k:?}");
            assert_eq!(
                members_of(&Jwk::from_der(&der_of(&pem)).unwrap()),
                members_of(&k)
            );

            let public = k.public().unwrap();
            let spki = k.to_public_pem().unwrap();
            assert!(spki.starts_with("-----BEGIN PUBLIC KEY-----\n"), "{spki}");
            assert_eq!(public.to_pem().unwrap(), spki);
            let back = Jwk::from_pem(&spki).unwrap();
            assert!(!back.is_private());
            assert_eq!(members_of(&back), members_of(&public), "{k:?}");
            assert_eq!(
                members_of(&Jwk::from_der(&der_of(&spki)).unwrap()),
                members_of(&public)
            );
        }
    }

    #[test]
    fn openssl_formats_are_read() {
        // Each private format gives the public key OpenSSL wrote for it.
        for (input, spki, kty) in [
            (RSA_PKCS1, RSA_SPKI, KeyType::Rsa),
            (RSA_PKCS1_PUB, RSA_SPKI, KeyType::Rsa),
            (RSA_SPKI, RSA_SPKI, KeyType::Rsa),
            (EC_SEC1_WITH_PARAMS, EC_SPKI, KeyType::Ec),
            (EC_SPKI, EC_SPKI, KeyType::Ec),
            (EC_CERT, EC_SPKI, KeyType::Ec),
            (K256_SEC1, K256_SPKI, KeyType::Ec),
            (ED25519_PKCS8, ED25519_SPKI, KeyType::Okp),
        ] {
            let k = Jwk::from_pem(input).unwrap();
            assert_eq!(k.key_type(), kty);
            assert_eq!(k.to_public_pem().unwrap(), spki, "{input}");
            // The same bytes as DER, format detected.
            let from_der = Jwk::from_der(&der_of(input)).unwrap();
            assert_eq!(from_der.to_json(), k.to_json(), "{input}");
        }
        assert_eq!(
            Jwk::from_pem(K256_SEC1).unwrap().curve(),
            Some(Curve::Secp256k1)
        );
        assert!(Jwk::from_pem(RSA_PKCS1).unwrap().is_private());
        assert!(!Jwk::from_pem(RSA_PKCS1_PUB).unwrap().is_private());
        assert!(!Jwk::from_pem(EC_CERT).unwrap().is_private());
        // CRLF line endings and surrounding text are fine.
        let crlf = format!("Bag Attributes\r\n{}", RSA_SPKI.replace('\n', "\r\n"));
        assert_eq!(
            Jwk::from_pem(&crlf).unwrap().to_public_pem().unwrap(),
            RSA_SPKI
        );
    }

    #[test]
    fn rfc7517_b_certificate_public_key() {
        let v = example("rfc/rfc7517_appendix_a_b.json", "rfc7517-B")["jwk"].clone();
        let cert = base64::engine::general_purpose::STANDARD
            .decode(v["x5c"][0].as_str().unwrap())
            .unwrap();
        let k = Jwk::from_der(&cert).unwrap();
        assert_eq!(k.to_value()["n"], v["n"]);
        assert_eq!(k.to_value()["e"], v["e"]);
        let pem =
            pem_rfc7468::encode_string("CERTIFICATE", pem_rfc7468::LineEnding::LF, &cert).unwrap();
        assert_eq!(Jwk::from_pem(&pem).unwrap().to_json(), k.to_json());
    }

    #[test]
    fn unsupported_algorithms_and_labels() {
        for pem in [
            include_str!("testdata/brainpool_spki.pem"),
            include_str!("testdata/rsa_pss_spki.pem"),
            include_str!("testdata/rsa_encrypted.pem"),
            "-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n",
        ] {
            let e = Jwk::from_pem(pem).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::UnsupportedKey, "{pem}: {e}");
        }
        let e = Jwk::from_der(&der_of(include_str!("testdata/brainpool_spki.pem"))).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedKey);
        assert!(e.message().contains("1.3.36.3.3.2.8.1.1.7"), "{e}");
    }

    #[test]
    fn malformed_pem_and_der_are_rejected() {
        let two = format!("{RSA_SPKI}{EC_SPKI}");
        let broken_base64 = RSA_SPKI.replacen("MII", "M!I", 1);
        let unterminated = RSA_SPKI.replace("-----END PUBLIC KEY-----", "");
        for pem in [
            "",
            "hello",
            two.as_str(),
            broken_base64.as_str(),
            unterminated.as_str(),
        ] {
            assert_eq!(
                Jwk::from_pem(pem).unwrap_err().kind(),
                ErrorKind::Malformed,
                "{pem}"
            );
        }
        // A label that does not match the content.
        let mislabeled = RSA_SPKI.replace("PUBLIC KEY", "PRIVATE KEY");
        assert_eq!(
            Jwk::from_pem(&mislabeled).unwrap_err().kind(),
            ErrorKind::Malformed
        );
        let huge = format!("{}{RSA_SPKI}", " ".repeat(MAX_PEM_BYTES));
        assert_eq!(
            Jwk::from_pem(&huge).unwrap_err().kind(),
            ErrorKind::LimitExceeded
        );
        let der = der_of(RSA_SPKI);
        for bad in [
            &b""[..],
            &[0x30, 0x00],
            &der[..der.len() - 1],
            b"not der at all",
        ] {
            assert!(Jwk::from_der(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn invalid_key_bytes_in_a_valid_structure() {
        // Flip a byte of the EC point inside the SPKI: the structure parses, the point does not.
        let mut der = der_of(EC_SPKI);
        let last = der.len() - 1;
        der[last] ^= 1;
        assert_eq!(
            Jwk::from_der(&der).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }

    #[test]
    /// The algorithm identifier's parameter and the key's bit string are checked where
    /// they always were: a missing curve is an invalid key, not a malformed structure.
    fn algorithm_parameters_and_key_bits_keep_their_error_kinds() {
        let kind = |der: &[u8]| Jwk::from_der(der).map(|_| ()).map_err(|e| e.kind());
        // EC SPKI: 30 59 | 30 13 | 06 07 id-ecPublicKey | 06 08 prime256v1 | 03 42 00 04 ...
        let ec = der_of(EC_SPKI);
        assert_eq!(&ec[..4], &[0x30, 0x59, 0x30, 0x13]);
        // A NULL where the named curve belongs.
        let mut null_curve = vec![0x30, 0x51, 0x30, 0x0b];
        null_curve.extend_from_slice(&ec[4..13]);
        null_curve.extend_from_slice(&[0x05, 0x00]);
        null_curve.extend_from_slice(&ec[23..]);
        // No parameter at all.
        let mut no_curve = vec![0x30, 0x4f, 0x30, 0x09];
        no_curve.extend_from_slice(&ec[4..13]);
        no_curve.extend_from_slice(&ec[23..]);
        // A curve that is not supported (prime192v1).
        let mut p192 = ec.clone();
        p192[22] = 0x01;
        // Ed25519 SPKI whose key bit string claims an unused bit.
        let mut unused_bits = der_of(ED25519_SPKI);
        assert_eq!(unused_bits[11], 0x00);
        unused_bits[11] = 0x01;
        let last = unused_bits.len() - 1;
        unused_bits[last] &= 0xfe;
        // Ed25519 PKCS#8 with a NULL parameter (RFC 8410 says absent; NULL reads as absent).
        let ed = der_of(ED25519_PKCS8);
        assert_eq!(
            &ed[..12],
            &[0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70]
        );
        let mut ed_null = vec![0x30, 0x30, 0x02, 0x01, 0x00, 0x30, 0x07];
        ed_null.extend_from_slice(&ed[7..12]);
        ed_null.extend_from_slice(&[0x05, 0x00]);
        ed_null.extend_from_slice(&ed[12..]);
        use ErrorKind::{InvalidKey, UnsupportedKey};
        assert_eq!(kind(&null_curve), Err(InvalidKey));
        assert_eq!(kind(&no_curve), Err(InvalidKey));
        assert_eq!(kind(&p192), Err(UnsupportedKey));
        assert_eq!(kind(&unused_bits), Err(InvalidKey));
        assert_eq!(kind(&ed_null), Ok(()));
    }

    /// An `EncryptedPrivateKeyInfo` with these PBES2 parameters around junk: what must
    /// be refused before any key derivation runs.
    fn encrypted_with(params: pkcs8::pkcs5::pbes2::Parameters) -> Vec<u8> {
        use der::Encode;
        pkcs8::EncryptedPrivateKeyInfo {
            encryption_algorithm: params.into(),
            encrypted_data: der::asn1::OctetStringRef::new(&[0u8; 64]).unwrap(),
        }
        .to_der()
        .unwrap()
    }

    #[test]
    fn encrypted_keys_over_the_cost_bounds_are_refused_before_any_work() {
        use pkcs8::pkcs5::{pbes2, scrypt};
        let iv = [3u8; 16];
        // 100,000,000 iterations would take minutes: the test finishing is the proof
        // that nothing was derived.
        for iterations in [10_000_001, 100_000_000] {
            let der = encrypted_with(
                pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(iterations, &[1; 16], iv)
                    .unwrap(),
            );
            let e = Jwk::from_der_with_password(&der, b"pw").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::LimitExceeded, "{e}");
            assert!(e.message().contains("PBKDF2"), "{e}");
            let pem = encode("ENCRYPTED PRIVATE KEY", &der).unwrap();
            let e = Jwk::from_pem_with_password(&pem, b"pw").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::LimitExceeded, "{e}");
        }
        for (log_n, r, p) in [(20, 1, 1), (17, 8, 1), (10, 8, 17)] {
            let params = scrypt::Params::new(log_n, r, p).unwrap();
            let der = encrypted_with(
                pbes2::Parameters::generate_scrypt_aes256cbc(params, &[1; 16], iv).unwrap(),
            );
            let e = Jwk::from_der_with_password(&der, b"pw").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::LimitExceeded, "{e}");
            assert!(e.message().contains("scrypt"), "{e}");
        }
        // PBKDF2 with HMAC-SHA-1 is not read at all.
        let mut sha1 = pbes2::Pbkdf2Params::hmac_sha256(2048, &[1; 16]).unwrap();
        sha1.prf = pbes2::Pbkdf2Prf::HmacWithSha1;
        let der = encrypted_with(pbes2::Parameters {
            kdf: sha1.into(),
            encryption: pbes2::EncryptionScheme::Aes256Cbc { iv },
        });
        let e = Jwk::from_der_with_password(&der, b"pw").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedKey, "{e}");
    }

    /// OpenSSL 3.0.19 wrote these from one P-256 key (`ec_p256_pkcs8.pem`, from
    /// `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` then
    /// `openssl pkcs8 -topk8 -nocrypt`), with the password `correct-horse`:
    /// `openssl pkcs8 -topk8 -v2 aes-256-cbc` (PBKDF2-HMAC-SHA-256, 2048 iterations) and
    /// `openssl pkcs8 -topk8 -v2 aes-128-cbc -scrypt` (N = 2^14, r = 8, p = 1).
    #[test]
    fn openssl_encrypted_pkcs8_is_read() {
        let plain = Jwk::from_pem(include_str!("testdata/ec_p256_pkcs8.pem")).unwrap();
        for pem in [
            include_str!("testdata/ec_p256_pkcs8_pbkdf2.pem"),
            include_str!("testdata/ec_p256_pkcs8_scrypt.pem"),
        ] {
            let key = Jwk::from_pem_with_password(pem, b"correct-horse").unwrap();
            assert_eq!(key.to_json(), plain.to_json());
            assert_eq!(
                Jwk::from_pem_with_password(pem, b"correct-hors")
                    .unwrap_err()
                    .kind(),
                ErrorKind::DecryptionFailed
            );
            assert_eq!(
                Jwk::from_pem(pem).unwrap_err().kind(),
                ErrorKind::UnsupportedKey
            );
        }
    }

    #[test]
    fn encrypted_pem_round_trips_and_refuses_what_it_must() {
        let key = Jwk::generate_ec(Curve::P256).unwrap();
        let cheap = PemEncryption::Pbkdf2Sha256Aes256Cbc { iterations: 1000 };
        let pem = key.to_encrypted_pem(b"pw", cheap).unwrap();
        assert!(
            pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
            "{pem}"
        );
        let back = Jwk::from_pem_with_password(&pem, b"pw").unwrap();
        assert_eq!(back.to_json(), key.to_json());
        // The DER form reads the same.
        let back = Jwk::from_der_with_password(&der_of(&pem), b"pw").unwrap();
        assert_eq!(back.to_json(), key.to_json());
        let e = Jwk::from_pem_with_password(&pem, b"pW").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::DecryptionFailed);
        assert!(e.message().contains("password"), "{e}");
        // Without a password: refused, saying how to read it.
        let e = Jwk::from_pem(&pem).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedKey);
        assert!(e.message().contains("password"), "{e}");
        // A password for a key that is not encrypted, or an empty one.
        for plain in [key.to_pem().unwrap(), key.to_public_pem().unwrap()] {
            let e = Jwk::from_pem_with_password(&plain, b"pw").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidKey, "{e}");
            assert!(e.message().contains("not encrypted"), "{e}");
        }
        let e = Jwk::from_der_with_password(&der_of(&key.to_pem().unwrap()), b"pw").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidKey, "{e}");
        assert_eq!(
            Jwk::from_der_with_password(b"junk", b"pw")
                .unwrap_err()
                .kind(),
            ErrorKind::Malformed
        );
        assert_eq!(
            Jwk::from_pem_with_password(&pem, b"").unwrap_err().kind(),
            ErrorKind::WeakKey
        );
        assert_eq!(
            key.to_encrypted_pem(b"", cheap).unwrap_err().kind(),
            ErrorKind::WeakKey
        );
        // Nothing to protect in a public or an oct key.
        for k in [key.public().unwrap(), Jwk::generate_oct(256).unwrap()] {
            assert_eq!(
                k.to_encrypted_pem(b"pw", cheap).unwrap_err().kind(),
                ErrorKind::KeyTypeMismatch
            );
        }
        // What could not be read back is not written.
        for too_costly in [
            PemEncryption::Pbkdf2Sha256Aes256Cbc {
                iterations: 10_000_001,
            },
            PemEncryption::Pbkdf2Sha256Aes256Cbc { iterations: 0 },
            PemEncryption::ScryptAes256Cbc {
                log_n: 17,
                r: 8,
                p: 1,
            },
            PemEncryption::ScryptAes256Gcm {
                log_n: 10,
                r: 8,
                p: 17,
            },
            PemEncryption::ScryptAes256Cbc {
                log_n: 63,
                r: 8,
                p: 1,
            },
        ] {
            assert_eq!(
                key.to_encrypted_pem(b"pw", too_costly).unwrap_err().kind(),
                ErrorKind::LimitExceeded,
                "{too_costly:?}"
            );
        }
        // Every protection round trips.
        for protection in [
            PemEncryption::ScryptAes256Cbc {
                log_n: 10,
                r: 8,
                p: 1,
            },
            PemEncryption::ScryptAes256Gcm {
                log_n: 10,
                r: 8,
                p: 1,
            },
        ] {
            let pem = key.to_encrypted_pem(b"pw", protection).unwrap();
            let back = Jwk::from_pem_with_password(&pem, b"pw").unwrap();
            assert_eq!(back.to_json(), key.to_json(), "{protection:?}");
        }
    }

    #[test]
    fn oct_keys_have_no_pem() {
        let k = Jwk::generate_oct(256).unwrap();
        assert_eq!(k.to_pem().unwrap_err().kind(), ErrorKind::KeyTypeMismatch);
        assert_eq!(
            k.to_public_pem().unwrap_err().kind(),
            ErrorKind::KeyTypeMismatch
        );
    }
}
