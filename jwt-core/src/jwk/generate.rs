//! Key generation: by type and size, or to fit an algorithm.

use super::params::KeyAlg;
use super::{Jwk, KeyMaterial};
use crate::crypto::ec::EcPrivateKey;
use crate::crypto::hmac::SymmetricKey;
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
        if !bits.is_multiple_of(8) || bits > MAX_OCT_BITS {
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
        Ok(Jwk::from_material(KeyMaterial::Oct(SymmetricKey::new(
            &secret,
        ))))
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

    /// A new `AKP` key (RFC 9964) for ML-DSA-44, ML-DSA-65 or ML-DSA-87: a random
    /// 32-byte seed (`priv`) and the public key it expands to (`pub`), with that `alg`.
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] for an algorithm that is not ML-DSA,
    /// [`ErrorKind::UnsupportedAlg`] without the `pq` feature.
    pub fn generate_akp(alg: SignatureAlgorithm) -> Result<Jwk> {
        if !alg.is_ml_dsa() {
            return Err(Error::new(
                ErrorKind::KeyTypeMismatch,
                format!("{alg} does not use AKP keys; AKP keys are for ML-DSA"),
            ));
        }
        #[cfg(feature = "pq")]
        {
            crate::crypto::mldsa::MlDsaPrivateKey::generate(alg)
                .map(|k| Jwk::from_material(KeyMaterial::AkpPrivate(k)))
                .map_err(|_| rng_failed())
        }
        #[cfg(not(feature = "pq"))]
        Err(Error::new(
            ErrorKind::UnsupportedAlg,
            format!("{alg} needs jwt-core's pq feature"),
        ))
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
    /// | `ML-DSA-44`, `ML-DSA-65`, `ML-DSA-87` (`pq` feature) | AKP with that `alg` |
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
        MlDsa44 | MlDsa65 | MlDsa87 => Jwk::generate_akp(alg),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwa::{ContentEncryptionAlgorithm, KeyRequirement};
    use crate::jwk::{KeyOperation, KeyType};

    /// The operation a freshly generated key for `alg` must be authorized for.
    fn private_op(alg: KeyAlg) -> KeyOperation {
        match alg {
            KeyAlg::Signature(_) => KeyOperation::Sign,
            KeyAlg::KeyManagement(KeyManagementAlgorithm::EcdhEs) => KeyOperation::DeriveKey,
            KeyAlg::KeyManagement(_) => KeyOperation::UnwrapKey,
            KeyAlg::Content(_) => KeyOperation::Decrypt,
        }
    }

    fn check(name: &str, expected_type: KeyType, size_or_curve: &str) {
        let k = Jwk::generate_for(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(k.alg(), Some(name));
        assert_eq!(k.key_type(), expected_type, "{name}");
        assert!(k.is_private());
        let parsed = KeyAlg::from_name(name).unwrap();
        let (alg_name, requirement) = match parsed {
            // A key for an enc name is a dir key.
            KeyAlg::Content(enc) => ("dir", KeyRequirement::OctExactly(enc.key_len())),
            other => (name, other.requirement()),
        };
        k.authorize(alg_name, requirement, private_op(parsed))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let found = match k.material() {
            KeyMaterial::Oct(o) => format!("{}", o.secret().len() * 8),
            KeyMaterial::RsaPrivate(r) => format!("{}", r.public().modulus_bits()),
            _ => k.curve().map(|c| c.name().to_owned()).unwrap_or_default(),
        };
        assert_eq!(found, size_or_curve, "{name}");
        // It survives a JSON round trip with its alg.
        let again = Jwk::from_json(&k.to_json()).unwrap();
        assert_eq!(again.alg(), Some(name));
    }

    #[test]
    fn generate_for_every_signature_algorithm() {
        for alg in SignatureAlgorithm::ALL {
            let (kty, expected) = match alg {
                SignatureAlgorithm::HS256 => (KeyType::Oct, "256"),
                SignatureAlgorithm::HS384 => (KeyType::Oct, "384"),
                SignatureAlgorithm::HS512 => (KeyType::Oct, "512"),
                SignatureAlgorithm::ES256 => (KeyType::Ec, "P-256"),
                SignatureAlgorithm::ES384 => (KeyType::Ec, "P-384"),
                SignatureAlgorithm::ES512 => (KeyType::Ec, "P-521"),
                SignatureAlgorithm::ES256K => (KeyType::Ec, "secp256k1"),
                SignatureAlgorithm::EdDSA | SignatureAlgorithm::Ed25519 => {
                    (KeyType::Okp, "Ed25519")
                }
                SignatureAlgorithm::Ed448 => (KeyType::Okp, "Ed448"),
                SignatureAlgorithm::MlDsa44
                | SignatureAlgorithm::MlDsa65
                | SignatureAlgorithm::MlDsa87 => (KeyType::Akp, ""),
                _ => (KeyType::Rsa, "2048"),
            };
            if alg.is_enabled() {
                check(alg.name(), kty, expected);
            } else {
                let e = Jwk::generate_for(alg.name()).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::UnsupportedAlg, "{alg}");
            }
        }
    }

    #[test]
    fn generate_for_every_key_management_algorithm() {
        use KeyManagementAlgorithm::*;
        for alg in KeyManagementAlgorithm::ALL {
            let (kty, expected) = match alg {
                Rsa1_5 | RsaOaep | RsaOaep256 | RsaOaep384 | RsaOaep512 => (KeyType::Rsa, "2048"),
                A128Kw | A128GcmKw => (KeyType::Oct, "128"),
                A192Kw | A192GcmKw => (KeyType::Oct, "192"),
                A256Kw | A256GcmKw => (KeyType::Oct, "256"),
                EcdhEs | EcdhEsA128Kw | EcdhEsA192Kw | EcdhEsA256Kw => (KeyType::Ec, "P-256"),
                Pbes2Hs256A128Kw | Pbes2Hs384A192Kw | Pbes2Hs512A256Kw => (KeyType::Oct, "256"),
                Dir => {
                    let e = Jwk::generate_for("dir").unwrap_err();
                    assert_eq!(e.kind(), ErrorKind::UnsupportedAlg);
                    assert!(e.message().contains("enc"), "{e}");
                    continue;
                }
            };
            check(alg.name(), kty, expected);
        }
    }

    #[test]
    fn generate_for_every_content_encryption() {
        for enc in ContentEncryptionAlgorithm::ALL {
            check(enc.name(), KeyType::Oct, &(enc.key_len() * 8).to_string());
        }
    }

    #[test]
    fn generate_for_unknown_names() {
        for name in ["none", "hs256", "", "RSA-OAEP-1024"] {
            assert_eq!(
                Jwk::generate_for(name).unwrap_err().kind(),
                ErrorKind::UnsupportedAlg
            );
        }
    }

    #[test]
    fn generated_keys_are_random() {
        let a = Jwk::generate_oct(256).unwrap();
        let b = Jwk::generate_oct(256).unwrap();
        assert_ne!(a.to_json(), b.to_json());
        let a = Jwk::generate_okp(Curve::Ed25519).unwrap();
        let b = Jwk::generate_okp(Curve::Ed25519).unwrap();
        assert_ne!(a.to_json(), b.to_json());
    }

    #[test]
    fn generate_rejects_bad_sizes_and_curves() {
        assert_eq!(
            Jwk::generate_oct(120).unwrap_err().kind(),
            ErrorKind::WeakKey
        );
        assert_eq!(Jwk::generate_oct(0).unwrap_err().kind(), ErrorKind::WeakKey);
        assert_eq!(
            Jwk::generate_oct(129).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            Jwk::generate_oct(8200).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            Jwk::generate_oct(8192).unwrap().material().key_type(),
            KeyType::Oct
        );
        assert_eq!(
            Jwk::generate_rsa(1024).unwrap_err().kind(),
            ErrorKind::WeakKey
        );
        assert_eq!(
            Jwk::generate_rsa(2049).unwrap_err().kind(),
            ErrorKind::UnsupportedAlg
        );
        assert_eq!(
            Jwk::generate_ec(Curve::Ed25519).unwrap_err().kind(),
            ErrorKind::KeyTypeMismatch
        );
        assert_eq!(
            Jwk::generate_okp(Curve::P256).unwrap_err().kind(),
            ErrorKind::KeyTypeMismatch
        );
        if !cfg!(feature = "curve448") {
            assert_eq!(
                Jwk::generate_okp(Curve::X448).unwrap_err().kind(),
                ErrorKind::UnsupportedAlg
            );
        }
    }
}
