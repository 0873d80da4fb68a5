//! Key management (RFC 7518 §4): how each recipient gets the content encryption key.
//!
//! Encrypting: [`direct_cek`] for `dir` and bare `ECDH-ES` (the CEK is the shared key or
//! the agreed key), [`wrap_cek`] for the rest (the CEK is encrypted to the recipient).
//! Decrypting: [`decrypt_cek`]. Header members an algorithm produces (`epk`, `iv`/`tag`,
//! `p2s`/`p2c`, `apu`/`apv`) are written into the recipient's [`HeaderWriter`].
//!
//! Oracle-freedom: every failure of the cryptography itself (RSA padding, AES key-wrap
//! integrity, GCM key-wrap tag) is the one `decryption_failed`; RSA1_5 never fails at
//! all (RFC 7516 §11.5: a wrong padding yields a random CEK, so the content tag fails
//! like any other). Errors about public header values (`p2c`, `p2s`, `epk`, `iv`
//! lengths) may be specific: they reveal nothing about the key.

use super::header::{HeaderWriter, Joint};
use crate::base64url;
use crate::crypto::ec::{EcPrivateKey, EcPublicKey};
use crate::crypto::hmac::SymmetricKey;
use crate::crypto::okp::{OkpPrivateKey, OkpPublicKey};
use crate::crypto::rsa::{RsaEncryption, RsaPublicKey};
use crate::crypto::{aes_gcm, aes_kw, ecdh, pbes2, rand, Zeroizing};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::KeyManagementAlgorithm::{self, *};
use crate::jwa::{ContentEncryptionAlgorithm, Curve, HashAlgorithm, KeyRequirement};
use crate::jwk::{Jwk, KeyMaterial, KeyOperation, KeyType, PRIVATE_MEMBERS};
use crate::limits::{CostBudget, Limits};
use serde_json::Value;

/// AES-GCM key wrap: 96-bit IV, 128-bit tag (RFC 7518 §4.7).
const GCMKW_IV_LEN: usize = 12;
const GCMKW_TAG_LEN: usize = 16;
/// PBES2 salt length written when encrypting (RFC 7518 §4.8.1.1 asks for at least 8).
const P2S_LEN: usize = 16;

/// What the key must be for `alg` under `enc` (`dir` keys are exactly the CEK length).
pub(crate) fn requirement(
    alg: KeyManagementAlgorithm,
    enc: ContentEncryptionAlgorithm,
) -> KeyRequirement {
    match alg {
        Dir => KeyRequirement::OctExactly(enc.key_len()),
        _ => alg.key_requirement(),
    }
}

/// The RFC 7517 §4.3 operation a key performs when decrypting with `alg`.
pub(crate) fn decrypt_operation(alg: KeyManagementAlgorithm) -> KeyOperation {
    match alg {
        Dir => KeyOperation::Decrypt,
        EcdhEs | EcdhEsA128Kw | EcdhEsA192Kw | EcdhEsA256Kw => KeyOperation::DeriveKey,
        _ => KeyOperation::UnwrapKey,
    }
}

/// The operation a key performs when encrypting with `alg`. ECDH-ES encrypts to the
/// recipient's *public* key, so it is a wrap, not a (private) derivation.
pub(crate) fn encrypt_operation(alg: KeyManagementAlgorithm) -> KeyOperation {
    match alg {
        Dir => KeyOperation::Encrypt,
        _ => KeyOperation::WrapKey,
    }
}

/// Per-recipient inputs to encryption.
#[derive(Debug, Clone, Default)]
pub(crate) struct WrapParams {
    pub(crate) p2c: Option<u32>,
    pub(crate) apu: Option<Vec<u8>>,
    pub(crate) apv: Option<Vec<u8>>,
    /// Values normally random, fixed by the RFC vector tests only (crate-private: no
    /// public API reaches them).
    pub(crate) fixed: Fixed,
}

/// The test seam: an ephemeral private key, a PBES2 salt, a GCM key-wrap IV.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fixed {
    pub(crate) ephemeral: Option<Jwk>,
    pub(crate) p2s: Option<Vec<u8>>,
    pub(crate) iv: Option<Vec<u8>>,
}

/// `dir` and bare `ECDH-ES` when encrypting: the CEK itself.
pub(crate) fn direct_cek(
    key: &Jwk,
    alg: KeyManagementAlgorithm,
    enc: ContentEncryptionAlgorithm,
    params: &WrapParams,
    header: &mut HeaderWriter,
) -> Result<Zeroizing<Vec<u8>>> {
    match alg {
        Dir => {
            key.authorize_dir_enc(enc)?;
            Ok(Zeroizing::new(oct_secret(key)?.to_vec()))
        }
        EcdhEs => ecdh_sender(key, alg, enc, params, header),
        other => Err(internal(format!("{other} is not a direct algorithm"))),
    }
}

/// Every other algorithm when encrypting: the encrypted key.
pub(crate) fn wrap_cek(
    key: &Jwk,
    alg: KeyManagementAlgorithm,
    enc: ContentEncryptionAlgorithm,
    cek: &[u8],
    params: &WrapParams,
    header: &mut HeaderWriter,
) -> Result<Vec<u8>> {
    let wrapped = match alg {
        Rsa1_5 | RsaOaep | RsaOaep256 | RsaOaep384 | RsaOaep512 => {
            rsa_public(key)?.encrypt(rsa_scheme(alg), cek)
        }
        A128Kw | A192Kw | A256Kw => aes_kw::wrap(oct_secret(key)?, cek),
        A128GcmKw | A192GcmKw | A256GcmKw => {
            let iv = match &params.fixed.iv {
                Some(iv) => iv.clone(),
                None => rand::bytes(GCMKW_IV_LEN).map_err(|_| rng_failed())?,
            };
            let (wrapped, tag) =
                aes_gcm::seal(oct_secret(key)?, &iv, b"", cek).map_err(|_| wrap_failed(alg))?;
            // RFC 7520 §5.7 lists `tag` before `iv`; keep that order.
            header.push_str("tag", &base64url::encode(tag))?;
            header.push_str("iv", &base64url::encode(iv))?;
            Ok(wrapped)
        }
        EcdhEsA128Kw | EcdhEsA192Kw | EcdhEsA256Kw => {
            let kek = ecdh_sender(key, alg, enc, params, header)?;
            aes_kw::wrap(&kek, cek)
        }
        Pbes2Hs256A128Kw | Pbes2Hs384A192Kw | Pbes2Hs512A256Kw => {
            let p2c = params.p2c.unwrap_or(Limits::DEFAULT_PBES2_ITERATIONS);
            if p2c < Limits::DEFAULT.min_pbes2_iterations {
                return Err(Error::new(
                    ErrorKind::LimitExceeded,
                    format!(
                        "p2c {p2c} is below the minimum of {} that decrypters accept",
                        Limits::DEFAULT.min_pbes2_iterations
                    ),
                ));
            }
            let p2s = match &params.fixed.p2s {
                Some(p2s) => p2s.clone(),
                None => rand::bytes(P2S_LEN).map_err(|_| rng_failed())?,
            };
            let kek = pbes2_kek(alg, oct_secret(key)?, &p2s, p2c)?;
            header.push_str("p2s", &base64url::encode(&p2s))?;
            header.push("p2c", &p2c.into())?;
            aes_kw::wrap(&kek, cek)
        }
        Dir | EcdhEs => return Err(internal(format!("{alg} does not wrap a key"))),
    };
    wrapped.map_err(|_| wrap_failed(alg))
}

/// A recovered content-encryption key.
pub(crate) enum Cek<'k> {
    /// Unwrapped, agreed or decrypted for this token.
    Recovered(Zeroizing<Vec<u8>>),
    /// `dir`: the key itself, which keeps its own AES-GCM expansion.
    Direct(&'k SymmetricKey),
}

impl Cek<'_> {
    /// The key bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Cek::Recovered(cek) => cek,
            Cek::Direct(key) => key.secret(),
        }
    }
}

/// Recovers the CEK for one recipient with one (already authorized) key. Every
/// costly operation (PBES2, RSA, ECDH) is paid from `budget` first, after the cheap
/// checks of the header and key and before the work.
pub(crate) fn decrypt_cek<'k>(
    key: &'k Jwk,
    alg: KeyManagementAlgorithm,
    enc: ContentEncryptionAlgorithm,
    joint: &Joint<'_>,
    encrypted_key: &[u8],
    limits: &Limits,
    budget: &mut CostBudget,
) -> Result<Cek<'k>> {
    if alg.is_direct() && !encrypted_key.is_empty() {
        return Err(Error::malformed(format!(
            "{alg} uses no encrypted key, but the JWE has one of {} bytes",
            encrypted_key.len()
        )));
    }
    if alg == Dir {
        key.authorize_dir_enc(enc)?;
        return oct_key(key).map(Cek::Direct);
    }
    recover_cek(key, alg, enc, joint, encrypted_key, limits, budget).map(Cek::Recovered)
}

fn recover_cek(
    key: &Jwk,
    alg: KeyManagementAlgorithm,
    enc: ContentEncryptionAlgorithm,
    joint: &Joint<'_>,
    encrypted_key: &[u8],
    limits: &Limits,
    budget: &mut CostBudget,
) -> Result<Zeroizing<Vec<u8>>> {
    match alg {
        // Taken by `decrypt_cek` before it comes here.
        Dir => Ok(Zeroizing::new(oct_secret(key)?.to_vec())),
        Rsa1_5 => {
            let private = rsa_private(key)?;
            // Spent before the decryption, whatever the padding turns out to be.
            budget.spend(alg.name())?;
            Ok(private.decrypt_pkcs1v15_or_random(encrypted_key, enc.key_len()))
        }
        RsaOaep | RsaOaep256 | RsaOaep384 | RsaOaep512 => {
            let private = rsa_private(key)?;
            budget.spend(alg.name())?;
            private
                .decrypt(rsa_scheme(alg), encrypted_key)
                .map_err(|_| Error::decryption_failed())
        }
        A128Kw | A192Kw | A256Kw => unwrap(oct_secret(key)?, encrypted_key),
        A128GcmKw | A192GcmKw | A256GcmKw => {
            let iv = joint.required_bytes("iv", alg)?;
            let tag = joint.required_bytes("tag", alg)?;
            if iv.len() != GCMKW_IV_LEN || tag.len() != GCMKW_TAG_LEN {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    format!(
                        "{alg} needs a {GCMKW_IV_LEN}-byte \"iv\" and a {GCMKW_TAG_LEN}-byte \"tag\", found {} and {} bytes",
                        iv.len(),
                        tag.len()
                    ),
                ));
            }
            aes_gcm::open_key(oct_secret(key)?, &iv, b"", encrypted_key, &tag)
                .map_err(|_| Error::decryption_failed())
        }
        EcdhEs => ecdh_recipient(key, alg, enc, joint, budget),
        EcdhEsA128Kw | EcdhEsA192Kw | EcdhEsA256Kw => {
            let kek = ecdh_recipient(key, alg, enc, joint, budget)?;
            unwrap(&kek, encrypted_key)
        }
        Pbes2Hs256A128Kw | Pbes2Hs384A192Kw | Pbes2Hs512A256Kw => {
            // Both bounds before a single PBKDF2 iteration runs.
            let p2c = joint.p2c(limits)?;
            let p2s = joint.required_bytes("p2s", alg)?;
            if p2s.len() < limits.min_pbes2_salt_bytes {
                return Err(Error::new(
                    ErrorKind::LimitExceeded,
                    format!(
                        "\"p2s\" is {} bytes, below the minimum of {}",
                        p2s.len(),
                        limits.min_pbes2_salt_bytes
                    ),
                ));
            }
            let password = oct_secret(key)?;
            budget.spend(alg.name())?;
            let kek = pbes2_kek(alg, password, &p2s, p2c)?;
            unwrap(&kek, encrypted_key)
        }
    }
}

fn unwrap(kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    aes_kw::unwrap(kek, wrapped).map_err(|_| Error::decryption_failed())
}

fn rsa_scheme(alg: KeyManagementAlgorithm) -> RsaEncryption {
    match alg {
        RsaOaep => RsaEncryption::OaepSha1,
        RsaOaep256 => RsaEncryption::OaepSha256,
        RsaOaep384 => RsaEncryption::OaepSha384,
        RsaOaep512 => RsaEncryption::OaepSha512,
        _ => RsaEncryption::Pkcs1v15,
    }
}

/// RFC 7518 §4.8.1.1: salt = UTF8(alg) || 0x00 || p2s.
fn pbes2_kek(
    alg: KeyManagementAlgorithm,
    password: &[u8],
    p2s: &[u8],
    p2c: u32,
) -> Result<Zeroizing<Vec<u8>>> {
    let hash = match alg {
        Pbes2Hs256A128Kw => HashAlgorithm::Sha256,
        Pbes2Hs384A192Kw => HashAlgorithm::Sha384,
        _ => HashAlgorithm::Sha512,
    };
    let mut salt = Vec::with_capacity(alg.name().len() + 1 + p2s.len());
    salt.extend_from_slice(alg.name().as_bytes());
    salt.push(0);
    salt.extend_from_slice(p2s);
    let len = alg.wrap_key_len().unwrap_or(16);
    pbes2::derive(hash, password, &salt, p2c, len).map_err(|_| wrap_failed(alg))
}

/// The Concat KDF inputs of RFC 7518 §4.6.2: AlgorithmID is `enc` for bare ECDH-ES
/// (the output is the CEK) and `alg` otherwise (the output is a key-wrap key).
pub(super) fn kdf(
    alg: KeyManagementAlgorithm,
    enc: ContentEncryptionAlgorithm,
    z: &[u8],
    apu: &[u8],
    apv: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let (id, len) = match alg.wrap_key_len() {
        Some(len) => (alg.name(), len),
        None => (enc.name(), enc.key_len()),
    };
    ecdh::concat_kdf(z, id.as_bytes(), apu, apv, len).map_err(|_| internal("Concat KDF failed"))
}

/// ECDH-ES on the sender's side: a fresh ephemeral key on the recipient's curve, its
/// public half written as `epk`.
fn ecdh_sender(
    key: &Jwk,
    alg: KeyManagementAlgorithm,
    enc: ContentEncryptionAlgorithm,
    params: &WrapParams,
    header: &mut HeaderWriter,
) -> Result<Zeroizing<Vec<u8>>> {
    let fixed = params.fixed.ephemeral.as_ref().map(Jwk::material);
    let (z, epk) = match key.material() {
        KeyMaterial::EcPrivate(k) => ec_ephemeral(k.public(), fixed)?,
        KeyMaterial::EcPublic(p) => ec_ephemeral(p, fixed)?,
        KeyMaterial::OkpPrivate(k) => okp_ephemeral(k.public(), fixed)?,
        KeyMaterial::OkpPublic(p) => okp_ephemeral(p, fixed)?,
        _ => return Err(mismatch(alg)),
    };
    header.push_json("epk", epk)?;
    let apu = params.apu.as_deref().unwrap_or_default();
    let apv = params.apv.as_deref().unwrap_or_default();
    if let Some(apu) = &params.apu {
        header.push_str("apu", &base64url::encode(apu))?;
    }
    if let Some(apv) = &params.apv {
        header.push_str("apv", &base64url::encode(apv))?;
    }
    kdf(alg, enc, &z, apu, apv)
}

/// An ephemeral EC key agreed with `peer` (a fresh one, or the test seam's): the shared
/// secret and the `epk` member.
fn ec_ephemeral(
    peer: &EcPublicKey,
    fixed: Option<&KeyMaterial>,
) -> Result<(Zeroizing<Vec<u8>>, String)> {
    let generated;
    let eph = match fixed {
        Some(KeyMaterial::EcPrivate(k)) => k,
        Some(_) => return Err(internal("the fixed ephemeral key is not an EC private key")),
        None => {
            generated = EcPrivateKey::generate(peer.curve()).map_err(|_| rng_failed())?;
            &generated
        }
    };
    let z = eph.agree(peer).map_err(|_| sender_agreement_failed())?;
    let p = eph.public();
    let epk = format!(
        r#"{{"kty":"EC","crv":"{}","x":"{}","y":"{}"}}"#,
        p.curve().name(),
        base64url::encode(p.x()),
        base64url::encode(p.y())
    );
    Ok((z, epk))
}

/// As [`ec_ephemeral`], for OKP (X25519, X448) keys.
fn okp_ephemeral(
    peer: &OkpPublicKey,
    fixed: Option<&KeyMaterial>,
) -> Result<(Zeroizing<Vec<u8>>, String)> {
    let generated;
    let eph = match fixed {
        Some(KeyMaterial::OkpPrivate(k)) => k,
        Some(_) => {
            return Err(internal(
                "the fixed ephemeral key is not an OKP private key",
            ))
        }
        None => {
            generated = OkpPrivateKey::generate(peer.curve()).map_err(|_| rng_failed())?;
            &generated
        }
    };
    let z = eph.agree(peer).map_err(|_| sender_agreement_failed())?;
    let p = eph.public();
    let epk = format!(
        r#"{{"kty":"OKP","crv":"{}","x":"{}"}}"#,
        p.curve().name(),
        base64url::encode(p.x())
    );
    Ok((z, epk))
}

/// ECDH-ES on the recipient's side: `epk` is checked on its JSON members to be a public
/// key on the curve of ours before anything is built from it, then its point is
/// validated (on the curve, not of low order) by the import.
fn ecdh_recipient(
    key: &Jwk,
    alg: KeyManagementAlgorithm,
    enc: ContentEncryptionAlgorithm,
    joint: &Joint<'_>,
    budget: &mut CostBudget,
) -> Result<Zeroizing<Vec<u8>>> {
    let value = joint
        .get("epk")
        .ok_or_else(|| invalid_header(format!("{alg} needs the header member \"epk\"")))?;
    let epk = epk_public(value, key.curve())?;
    let z = match (key.material(), &epk) {
        (KeyMaterial::EcPrivate(k), KeyMaterial::EcPublic(p)) => {
            budget.spend(alg.name())?;
            k.agree(p)
        }
        (KeyMaterial::OkpPrivate(k), KeyMaterial::OkpPublic(p)) => {
            budget.spend(alg.name())?;
            k.agree(p)
        }
        _ => {
            return Err(invalid_header(
                "\"epk\" is not a key of the same type as the recipient's",
            ))
        }
    }
    .map_err(|_| agreement_failed())?;
    let apu = joint.bytes("apu")?.unwrap_or_default();
    let apv = joint.bytes("apv")?.unwrap_or_default();
    kdf(alg, enc, &z, &apu, &apv)
}

/// The `epk` as a public key on `ours`. Its type, curve and publicness are checked on
/// the raw members first: importing it as a JWK would run whatever validation its
/// `kty` asks for (RSA prime recovery for an RSA private key) for every recipient and
/// key, on attacker input.
fn epk_public(value: &Value, ours: Option<Curve>) -> Result<KeyMaterial> {
    let Value::Object(members) = value else {
        return Err(invalid_header(format!(
            "\"epk\" must be a JWK object, found {}",
            crate::strict_json::type_name(value)
        )));
    };
    let kty = match members.get("kty") {
        Some(Value::String(name)) if name == "EC" => KeyType::Ec,
        Some(Value::String(name)) if name == "OKP" => KeyType::Okp,
        Some(Value::String(name)) => {
            return Err(invalid_header(format!(
                "\"epk\" must be an EC or OKP key, found kty {name:?}"
            )))
        }
        Some(other) => {
            return Err(invalid_header(format!(
                "\"epk\" member \"kty\" must be a string, found {}",
                crate::strict_json::type_name(other)
            )))
        }
        None => return Err(invalid_header("\"epk\" has no \"kty\"")),
    };
    if let Some(name) = PRIVATE_MEMBERS.iter().find(|n| members.contains_key(**n)) {
        return Err(invalid_header(format!(
            "\"epk\" must be a public key, it has the private member {name:?}"
        )));
    }
    let Some(ours) = ours else {
        return Err(invalid_header(
            "\"epk\" is not a key of the same type as the recipient's",
        ));
    };
    let crv = match members.get("crv") {
        Some(Value::String(crv)) => crv.as_str(),
        Some(other) => crate::strict_json::type_name(other),
        None => "no curve",
    };
    if crv != ours.name() {
        return Err(invalid_header(format!(
            "\"epk\" is on {crv}, the key is on {ours}"
        )));
    }
    if (kty == KeyType::Okp) != ours.is_okp() {
        return Err(invalid_header(format!(
            "\"epk\" has kty {kty}, which does not belong to {ours}"
        )));
    }
    // Public members only, on a known curve: this reads x (and y) and checks the point.
    KeyMaterial::from_members(kty, members)
        .map_err(|e| Error::new(e.kind(), format!("\"epk\": {}", e.message())))
}

fn oct_secret(key: &Jwk) -> Result<&[u8]> {
    oct_key(key).map(SymmetricKey::secret)
}

fn oct_key(key: &Jwk) -> Result<&SymmetricKey> {
    match key.material() {
        KeyMaterial::Oct(k) => Ok(k),
        _ => Err(Error::new(
            ErrorKind::KeyTypeMismatch,
            "this algorithm needs an \"oct\" key",
        )),
    }
}

fn rsa_public(key: &Jwk) -> Result<&RsaPublicKey> {
    match key.material() {
        KeyMaterial::RsaPublic(k) => Ok(k),
        KeyMaterial::RsaPrivate(k) => Ok(k.public()),
        _ => Err(Error::new(
            ErrorKind::KeyTypeMismatch,
            "this algorithm needs an RSA key",
        )),
    }
}

fn rsa_private(key: &Jwk) -> Result<&crate::crypto::rsa::RsaPrivateKey> {
    match key.material() {
        KeyMaterial::RsaPrivate(k) => Ok(k),
        _ => Err(Error::new(
            ErrorKind::KeyTypeMismatch,
            "decrypting needs a private RSA key",
        )),
    }
}

fn mismatch(alg: KeyManagementAlgorithm) -> Error {
    Error::new(
        ErrorKind::KeyTypeMismatch,
        format!("{alg} needs an EC or OKP key-agreement key"),
    )
}

fn agreement_failed() -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        "\"epk\": key agreement failed (a low-order or otherwise invalid public key)",
    )
}

fn sender_agreement_failed() -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        "key agreement with the recipient's public key failed (a low-order or otherwise invalid key)",
    )
}

fn invalid_header(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidHeader, message)
}

fn wrap_failed(alg: KeyManagementAlgorithm) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("{alg} failed in the crypto backend"),
    )
}

fn rng_failed() -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        "the system random number generator failed",
    )
}

fn internal(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidKey, message)
}
