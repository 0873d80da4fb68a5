//! Maps a JWS algorithm and an authorized key to the crypto primitive. The key has
//! already passed `Jwk::authorize`, so a mismatch here is a programming error, still
//! reported as an error rather than a panic.

use crate::crypto::rsa::RsaSignature;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::SignatureAlgorithm;
use crate::jwk::{Jwk, KeyMaterial};

fn rsa_scheme(alg: SignatureAlgorithm) -> Option<RsaSignature> {
    use SignatureAlgorithm::*;
    Some(match alg {
        RS256 => RsaSignature::Pkcs1Sha256,
        RS384 => RsaSignature::Pkcs1Sha384,
        RS512 => RsaSignature::Pkcs1Sha512,
        PS256 => RsaSignature::PssSha256,
        PS384 => RsaSignature::PssSha384,
        PS512 => RsaSignature::PssSha512,
        _ => return None,
    })
}

fn mismatch(alg: SignatureAlgorithm, key: &Jwk) -> Error {
    Error::new(
        ErrorKind::KeyTypeMismatch,
        format!("a {} key cannot be used with {alg}", key.key_type()),
    )
}

/// Signs `input` with `key` under `alg`.
pub(crate) fn sign(alg: SignatureAlgorithm, key: &Jwk, input: &[u8]) -> Result<Vec<u8>> {
    let failed = || Error::new(ErrorKind::InvalidKey, format!("signing with {alg} failed"));
    match (key.material(), rsa_scheme(alg)) {
        (KeyMaterial::Oct(k), _) if alg.is_symmetric() => Ok(k.sign(alg.hash(), input)),
        (KeyMaterial::RsaPrivate(k), Some(scheme)) => k.sign(scheme, input).map_err(|_| failed()),
        (KeyMaterial::EcPrivate(k), None) if !alg.is_symmetric() => {
            k.sign(input).map_err(|_| failed())
        }
        (KeyMaterial::OkpPrivate(k), None) if !alg.is_symmetric() => {
            k.sign(input).map_err(|_| failed())
        }
        #[cfg(feature = "pq")]
        (KeyMaterial::AkpPrivate(k), None) if k.alg() == alg => k.sign(input).map_err(|_| failed()),
        _ => Err(mismatch(alg, key)),
    }
}

/// Verifies `signature` over `input` with `key` under `alg`. The signature length is
/// checked exactly before the primitive runs.
pub(crate) fn verify(
    alg: SignatureAlgorithm,
    key: &Jwk,
    input: &[u8],
    signature: &[u8],
) -> Result<()> {
    let expected_len = match (alg.fixed_signature_len(), key.material()) {
        (Some(len), _) => Some(len),
        (None, KeyMaterial::RsaPublic(k)) => Some(k.modulus_bits().div_ceil(8)),
        (None, KeyMaterial::RsaPrivate(k)) => Some(k.public().modulus_bits().div_ceil(8)),
        (None, KeyMaterial::OkpPublic(k)) => Some(eddsa_len(k.curve())),
        (None, KeyMaterial::OkpPrivate(k)) => Some(eddsa_len(k.curve())),
        (None, _) => None,
    };
    if let Some(len) = expected_len {
        if signature.len() != len {
            return Err(Error::new(
                ErrorKind::BadSignature,
                format!(
                    "{alg} signature must be {len} bytes, found {}",
                    signature.len()
                ),
            ));
        }
    }
    let outcome = match (key.material(), rsa_scheme(alg)) {
        (KeyMaterial::Oct(k), _) if alg.is_symmetric() => k.verify(alg.hash(), input, signature),
        (KeyMaterial::RsaPublic(k), Some(scheme)) => k.verify(scheme, input, signature),
        (KeyMaterial::RsaPrivate(k), Some(scheme)) => k.public().verify(scheme, input, signature),
        (KeyMaterial::EcPublic(k), None) if !alg.is_symmetric() => k.verify(input, signature),
        (KeyMaterial::EcPrivate(k), None) if !alg.is_symmetric() => {
            k.public().verify(input, signature)
        }
        (KeyMaterial::OkpPublic(k), None) if !alg.is_symmetric() => k.verify(input, signature),
        (KeyMaterial::OkpPrivate(k), None) if !alg.is_symmetric() => {
            k.public().verify(input, signature)
        }
        #[cfg(feature = "pq")]
        (KeyMaterial::AkpPublic(k), None) if k.alg() == alg => k.verify(input, signature),
        #[cfg(feature = "pq")]
        (KeyMaterial::AkpPrivate(k), None) if k.alg() == alg => k.public().verify(input, signature),
        _ => return Err(mismatch(alg, key)),
    };
    outcome.map_err(|_| Error::bad_signature())
}

fn eddsa_len(curve: crate::jwa::Curve) -> usize {
    if curve == crate::jwa::Curve::Ed448 {
        114
    } else {
        64
    }
}
