//! Key generation: by type and size, or to fit an algorithm.

use super::params::KeyAlg;
use super::{Jwk, KeyMaterial};
use crate::crypto::ec::EcPrivateKey;
use crate::crypto::hmac::HmacKey;
use crate::crypto::okp::OkpPrivateKey;
use crate::crypto::rsa::RsaPrivateKey;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{Curve, KeyManagementAlgorithm, SignatureAlgorithm, MIN_RSA_BITS};

/// Largest `oct` key generated, in bits.
const MAX_OCT_BITS: usize = 8192;
/// Smallest `oct` key generated, in bits (AES-128).
const MIN_OCT_BITS: usize = 128;
/// RSA sizes the backend generates.
const RSA_SIZES: [usize; 3] = [2048, 3072, 4096];

fn rng_failed() -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        "key generation failed: the system random number generator is unavailable",
    )
}

impl Jwk {
    /// A random `oct` key of `bits` bits: a multiple of 8, from 128 to 8192.
    ///
    /// # Errors
    /// [`ErrorKind::WeakKey`] below 128 bits, [`ErrorKind::InvalidKey`] for a size that is
    /// not a whole number of bytes or above 8192 bits.
    pub fn generate_oct(bits: usize) -> Result<Jwk> {
        if bits % 8 != 0 || bits > MAX_OCT_BITS {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                format!("cannot generate an oct key of {bits} bits; expected a multiple of 8 up to {MAX_OCT_BITS}"),
            ));
        }
        if bits < MIN_OCT_BITS {
            return Err(Error::new(
                ErrorKind::WeakKey,
                format!(
                    "an oct key of {bits} bits is too short; at least {MIN_OCT_BITS} are required"
                ),
            ));
        }
        let secret = crate::crypto::rand::secret(bits / 8).map_err(|_| rng_failed())?;
        Ok(Jwk::from_material(KeyMaterial::Oct(HmacKey::new(&secret))))
    }

    /// A new RSA key of 2048, 3072 or 4096 bits.
    ///
    /// # Errors
    /// [`ErrorKind::WeakKey`] below 2048 bits, [`ErrorKind::UnsupportedAlg`] for other sizes.
    pub fn generate_rsa(bits: usize) -> Result<Jwk> {
        if bits < MIN_RSA_BITS {
            return Err(Error::new(
                ErrorKind::WeakKey,
                format!(
                    "an RSA key of {bits} bits is too weak; at least {MIN_RSA_BITS} are required"
                ),
            ));
        }
        if !RSA_SIZES.contains(&bits) {
            return Err(Error::new(
                ErrorKind::UnsupportedAlg,
                format!("cannot generate an RSA key of {bits} bits; expected 2048, 3072 or 4096"),
            ));
        }
        RsaPrivateKey::generate(bits)
            .map(|k| Jwk::from_material(KeyMaterial::RsaPrivate(k)))
            .map_err(|_| rng_failed())
    }

    /// A new EC key on P-256, P-384, P-521 or secp256k1.
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] for an OKP curve.
    pub fn generate_ec(curve: Curve) -> Result<Jwk> {
        if curve.is_okp() {
            return Err(Error::new(
                ErrorKind::KeyTypeMismatch,
                format!("{curve} is an OKP curve; use generate_okp"),
            ));
        }
        EcPrivateKey::generate(curve)
            .map(|k| Jwk::from_material(KeyMaterial::EcPrivate(k)))
            .map_err(|_| rng_failed())
    }

    /// A new OKP key on Ed25519 or X25519 (Ed448 and X448 with the `curve448` feature).
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] for an EC curve, [`ErrorKind::UnsupportedAlg`] for a
    /// curve that is not compiled in.
    pub fn generate_okp(curve: Curve) -> Result<Jwk> {
        if !curve.is_okp() {
            return Err(Error::new(
                ErrorKind::KeyTypeMismatch,
                format!("{curve} is an EC curve; use generate_ec"),
            ));
        }
        if !curve.is_enabled() {
            return Err(Error::new(
                ErrorKind::UnsupportedAlg,
                format!("curve {curve} needs the curve448 feature"),
            ));
        }
        OkpPrivateKey::generate(curve)
            .map(|k| Jwk::from_material(KeyMaterial::OkpPrivate(k)))
            .map_err(|_| rng_failed())
    }

    /// A new key that fits `alg`, carrying that `alg`.
    ///
    /// `alg` is a JWS algorithm, a JWE key-management algorithm, or a JWE `enc` name:
    ///
    /// | `alg` | key |
    /// | --- | --- |
    /// | `HS256`, `HS384`, `HS512` | `oct` of the hash size (256, 384, 512 bits) |
    /// | `RS*`, `PS*`, `RSA1_5`, `RSA-OAEP*` | RSA 2048 |
    /// | `ES256`, `ES384`, `ES512`, `ES256K` | EC on P-256, P-384, P-521, secp256k1 |
    /// | `EdDSA`, `Ed25519` (`Ed448`) | OKP Ed25519 (Ed448) |
    /// | `A128KW`, `A192KW`, `A256KW`, `A*GCMKW` | `oct` of 128, 192, 256 bits |
    /// | `ECDH-ES`, `ECDH-ES+A*KW` | EC on P-256 |
    /// | `PBES2-*` | a random 256-bit `oct` "password" (PBES2 accepts any octets) |
    /// | `A128GCM` ... `A256CBC-HS512` | `oct` of that `enc`'s key size, for `dir` |
    ///
    /// `dir` itself is refused: its key size depends on `enc`, so ask for the `enc` name.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlg`] for an unknown name or `dir`.
    pub fn generate_for(alg: &str) -> Result<Jwk> {
        let mut key = match KeyAlg::from_name(alg)? {
            KeyAlg::Signature(a) => signing_key(a)?,
            KeyAlg::KeyManagement(a) => key_management_key(a)?,
            KeyAlg::Content(enc) => Jwk::generate_oct(enc.key_len() * 8)?,
        };
        key.set_alg(alg)?;
        Ok(key)
    }
}

fn signing_key(alg: SignatureAlgorithm) -> Result<Jwk> {
    use SignatureAlgorithm::*;
    match alg {
        HS256 | HS384 | HS512 => Jwk::generate_oct(alg.hash().output_len() * 8),
        RS256 | RS384 | RS512 | PS256 | PS384 | PS512 => Jwk::generate_rsa(MIN_RSA_BITS),
        ES256 => Jwk::generate_ec(Curve::P256),
        ES384 => Jwk::generate_ec(Curve::P384),
        ES512 => Jwk::generate_ec(Curve::P521),
        ES256K => Jwk::generate_ec(Curve::Secp256k1),
        EdDSA | Ed25519 => Jwk::generate_okp(Curve::Ed25519),
        Ed448 => Jwk::generate_okp(Curve::Ed448),
    }
}

fn key_management_key(alg: KeyManagementAlgorithm) -> Result<Jwk> {
    use KeyManagementAlgorithm::*;
    match alg {
        Rsa1_5 | RsaOaep | RsaOaep256 | RsaOaep384 | RsaOaep512 => Jwk::generate_rsa(MIN_RSA_BITS),
        Dir => Err(Error::new(
            ErrorKind::UnsupportedAlg,
            "the size of a dir key depends on enc; generate for the enc name instead \
             (for example A256GCM)",
        )),
        EcdhEs | EcdhEsA128Kw | EcdhEsA192Kw | EcdhEsA256Kw => Jwk::generate_ec(Curve::P256),
        Pbes2Hs256A128Kw | Pbes2Hs384A192Kw | Pbes2Hs512A256Kw => Jwk::generate_oct(256),
        A128Kw | A192Kw | A256Kw | A128GcmKw | A192GcmKw | A256GcmKw => {
            // wrap_key_len is Some for every AES key-wrap algorithm.
            Jwk::generate_oct(alg.wrap_key_len().unwrap_or(32) * 8)
        }
    }
}
