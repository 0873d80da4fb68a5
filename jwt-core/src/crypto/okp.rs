//! OKP keys: Ed25519 and X25519 (aws-lc-rs); Ed448 and X448 with the `curve448` feature
//! (RustCrypto `ed448-goldilocks` and `x448`, as aws-lc-rs has no Curve448).
//!
//! Raw keys are the RFC 8037 encodings; DER uses RFC 8410 (no parameters, the private
//! key wrapped in an inner OCTET STRING), read and written with RustCrypto `pkcs8`.

use super::der::{self, Oid};
use super::{rand, CryptoError, CryptoResult, Zeroizing};
use crate::jwa::Curve;
use aws_lc_rs::agreement;
use aws_lc_rs::signature::{self, Ed25519KeyPair, KeyPair, ParsedPublicKey};
use rsa::pkcs8::der::asn1::OctetStringRef;
use rsa::pkcs8::der::{Decode, Encode};
use std::fmt;

/// Raw key length of a supported OKP curve (private and public are the same length).
fn key_len(curve: Curve) -> CryptoResult<usize> {
    match curve {
        Curve::Ed25519 | Curve::X25519 => Ok(32),
        #[cfg(feature = "curve448")]
        Curve::Ed448 => Ok(57),
        #[cfg(feature = "curve448")]
        Curve::X448 => Ok(56),
        _ => Err(CryptoError),
    }
}

/// RFC 8410 algorithm identifiers.
const OIDS: [(Curve, Oid); 4] = [
    (Curve::X25519, Oid::new_unwrap("1.3.101.110")),
    (Curve::X448, Oid::new_unwrap("1.3.101.111")),
    (Curve::Ed25519, Oid::new_unwrap("1.3.101.112")),
    (Curve::Ed448, Oid::new_unwrap("1.3.101.113")),
];

fn oid(curve: Curve) -> Option<Oid> {
    OIDS.iter().find(|(c, _)| *c == curve).map(|(_, o)| *o)
}

/// The OKP curve an RFC 8410 algorithm OID names (Curve448 ones with or without the
/// `curve448` feature).
pub(crate) fn curve_by_oid(algorithm: Oid) -> Option<Curve> {
    OIDS.iter().find(|(_, o)| *o == algorithm).map(|(c, _)| *c)
}

/// The curve of an RFC 8410 algorithm identifier, which has no parameters.
fn curve_of(algorithm: &der::KeyAlgorithm<'_>) -> CryptoResult<Curve> {
    if algorithm.parameter()?.is_some() {
        return Err(CryptoError);
    }
    curve_by_oid(algorithm.oid()).ok_or(CryptoError)
}

/// All-zero check that does not stop at the first non-zero byte.
fn is_all_zero(bytes: &[u8]) -> bool {
    bytes.iter().fold(0u8, |acc, b| acc | b) == 0
}

/// Ed25519 public keys must decode to a point outside the small-order subgroup:
/// aws-lc-rs stores them unchecked, and no honest key has small order.
fn check_ed25519_point(x: &[u8]) -> CryptoResult<()> {
    let bytes: [u8; 32] = x.try_into().map_err(|_| CryptoError)?;
    let point = curve25519_dalek::edwards::CompressedEdwardsY(bytes)
        .decompress()
        .ok_or(CryptoError)?;
    if point.is_small_order() {
        return Err(CryptoError);
    }
    Ok(())
}

enum Verifier {
    Ed25519(ParsedPublicKey),
    #[cfg(feature = "curve448")]
    Ed448(Box<ed448_goldilocks::VerifyingKey>),
    /// X25519/X448 keys only agree.
    None,
}

/// An OKP public key.
pub(crate) struct OkpPublicKey {
    curve: Curve,
    x: Vec<u8>,
    verifier: Verifier,
}

impl fmt::Debug for OkpPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OkpPublicKey")
            .field("curve", &self.curve)
            .finish_non_exhaustive()
    }
}

impl OkpPublicKey {
    /// From the raw public key of exactly the curve's length; Edwards keys must be valid
    /// points (not of small order). Any X25519/X448 string is a valid u-coordinate;
    /// low-order ones are caught by [`OkpPrivateKey::agree`].
    pub(crate) fn from_bytes(curve: Curve, x: &[u8]) -> CryptoResult<Self> {
        if x.len() != key_len(curve)? {
            return Err(CryptoError);
        }
        let verifier = match curve {
            Curve::Ed25519 => {
                check_ed25519_point(x)?;
                Verifier::Ed25519(
                    ParsedPublicKey::new(&signature::ED25519, x).map_err(|_| CryptoError)?,
                )
            }
            #[cfg(feature = "curve448")]
            Curve::Ed448 => {
                let bytes: [u8; 57] = x.try_into().map_err(|_| CryptoError)?;
                let key =
                    ed448_goldilocks::VerifyingKey::from_bytes(&bytes).map_err(|_| CryptoError)?;
                Verifier::Ed448(Box::new(key))
            }
            _ => Verifier::None,
        };
        Ok(OkpPublicKey {
            curve,
            x: x.to_vec(),
            verifier,
        })
    }

    /// From a DER SubjectPublicKeyInfo (RFC 8410).
    pub(crate) fn from_spki_der(der: &[u8]) -> CryptoResult<Self> {
        let spki = der::parse_spki(der)?;
        Self::from_bytes(curve_of(&spki.algorithm)?, spki.key()?)
    }

    /// The curve.
    pub(crate) fn curve(&self) -> Curve {
        self.curve
    }

    /// The raw public key.
    pub(crate) fn x(&self) -> &[u8] {
        &self.x
    }

    /// DER SubjectPublicKeyInfo (RFC 8410).
    pub(crate) fn to_spki_der(&self) -> Vec<u8> {
        match oid(self.curve) {
            Some(oid) => der::encode_spki(oid, None, &self.x),
            None => Vec::new(),
        }
    }

    /// Verifies an Ed25519/Ed448 signature (64/114 bytes exactly).
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> CryptoResult<()> {
        match &self.verifier {
            Verifier::Ed25519(key) if sig.len() == 64 => {
                key.verify_sig(msg, sig).map_err(|_| CryptoError)
            }
            #[cfg(feature = "curve448")]
            Verifier::Ed448(key) if sig.len() == 114 => {
                let sig = ed448_goldilocks::Signature::try_from(sig).map_err(|_| CryptoError)?;
                key.verify_raw(&sig, msg).map_err(|_| CryptoError)
            }
            _ => Err(CryptoError),
        }
    }
}

enum Secret {
    Ed25519(Ed25519KeyPair),
    X25519(agreement::PrivateKey),
    #[cfg(feature = "curve448")]
    Ed448(Box<ed448_goldilocks::SigningKey>),
    /// X448 is computed from `d` on each agreement.
    #[cfg(feature = "curve448")]
    X448,
}

/// An OKP private key.
///
/// Zeroized on drop: `d` is; of `secret`, Ed25519 and X25519 are EVP_PKEYs in AWS-LC's
/// heap (cleansed by OPENSSL_free) and the Ed448 `SigningKey` is itself ZeroizeOnDrop.
#[derive(zeroize::ZeroizeOnDrop)]
pub(crate) struct OkpPrivateKey {
    #[zeroize(skip)]
    public: OkpPublicKey,
    d: Zeroizing<Vec<u8>>,
    #[zeroize(skip)]
    secret: Secret,
}

impl fmt::Debug for OkpPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OkpPrivateKey")
            .field("curve", &self.public.curve)
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "curve448")]
fn x448_array(bytes: &[u8]) -> CryptoResult<Zeroizing<[u8; 56]>> {
    let array: [u8; 56] = bytes.try_into().map_err(|_| CryptoError)?;
    Ok(Zeroizing::new(array))
}

impl OkpPrivateKey {
    /// From d and x; x must match d.
    pub(crate) fn from_components(curve: Curve, d: &[u8], x: &[u8]) -> CryptoResult<Self> {
        let key = Self::from_private(curve, d)?;
        if key.public.x != x {
            return Err(CryptoError);
        }
        Ok(key)
    }

    /// From d alone (the RFC 8032 seed or RFC 7748 scalar, exactly the curve's length).
    pub(crate) fn from_private(curve: Curve, d: &[u8]) -> CryptoResult<Self> {
        if d.len() != key_len(curve)? {
            return Err(CryptoError);
        }
        let (secret, x) = match curve {
            Curve::Ed25519 => {
                let pair = Ed25519KeyPair::from_seed_unchecked(d).map_err(|_| CryptoError)?;
                let x = pair.public_key().as_ref().to_vec();
                (Secret::Ed25519(pair), x)
            }
            Curve::X25519 => {
                let key = agreement::PrivateKey::from_private_key(&agreement::X25519, d)
                    .map_err(|_| CryptoError)?;
                let x = key
                    .compute_public_key()
                    .map_err(|_| CryptoError)?
                    .as_ref()
                    .to_vec();
                (Secret::X25519(key), x)
            }
            #[cfg(feature = "curve448")]
            Curve::Ed448 => {
                let key = ed448_goldilocks::SigningKey::try_from(d).map_err(|_| CryptoError)?;
                let x = key.verifying_key().to_bytes().to_vec();
                (Secret::Ed448(Box::new(key)), x)
            }
            #[cfg(feature = "curve448")]
            Curve::X448 => {
                let x =
                    x448::x448(*x448_array(d)?, x448::X448_BASEPOINT_BYTES).ok_or(CryptoError)?;
                (Secret::X448, x.to_vec())
            }
            _ => return Err(CryptoError),
        };
        Ok(OkpPrivateKey {
            public: OkpPublicKey::from_bytes(curve, &x)?,
            d: Zeroizing::new(d.to_vec()),
            secret,
        })
    }

    /// From DER PKCS#8 (RFC 8410).
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> CryptoResult<Self> {
        let info = der::parse_pkcs8(der)?;
        let curve = curve_of(&info.algorithm)?;
        let d = <&OctetStringRef>::from_der(info.private_key).map_err(|_| CryptoError)?;
        let key = Self::from_private(curve, d.as_bytes())?;
        // A version-2 key also states its public key: it must be the one `d` gives.
        match info.public_key()? {
            Some(x) if x != key.public.x() => Err(CryptoError),
            _ => Ok(key),
        }
    }

    /// A new key.
    pub(crate) fn generate(curve: Curve) -> CryptoResult<Self> {
        Self::from_private(curve, &rand::secret(key_len(curve)?)?)
    }

    /// The curve.
    pub(crate) fn curve(&self) -> Curve {
        self.public.curve
    }

    /// The raw private key.
    pub(crate) fn d(&self) -> &[u8] {
        &self.d
    }

    /// The public half.
    pub(crate) fn public(&self) -> &OkpPublicKey {
        &self.public
    }

    /// DER PKCS#8 (RFC 8410, version 1, without the public key).
    pub(crate) fn to_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        // Encoding fails only for lengths beyond DER's limits, which keys never reach.
        let encode = || -> Option<Vec<u8>> {
            let inner = Zeroizing::new(OctetStringRef::new(&self.d).ok()?.to_der().ok()?);
            let info = rsa::pkcs8::PrivateKeyInfoRef {
                algorithm: rsa::pkcs8::AlgorithmIdentifierRef {
                    oid: oid(self.public.curve)?,
                    parameters: None,
                },
                private_key: OctetStringRef::new(&inner).ok()?,
                public_key: None,
            };
            info.to_der().ok()
        };
        Zeroizing::new(encode().unwrap_or_default())
    }

    /// Ed25519/Ed448 signature.
    pub(crate) fn sign(&self, msg: &[u8]) -> CryptoResult<Vec<u8>> {
        match &self.secret {
            Secret::Ed25519(pair) => Ok(pair.sign(msg).as_ref().to_vec()),
            #[cfg(feature = "curve448")]
            Secret::Ed448(key) => Ok(key.sign_raw(msg).to_bytes().to_vec()),
            _ => Err(CryptoError),
        }
    }

    /// X25519/X448; an all-zero shared secret (a low-order peer point) is an error
    /// (RFC 7748 §6, RFC 8037 §3.2).
    pub(crate) fn agree(&self, peer: &OkpPublicKey) -> CryptoResult<Zeroizing<Vec<u8>>> {
        if peer.curve != self.public.curve {
            return Err(CryptoError);
        }
        let z = match &self.secret {
            Secret::X25519(key) => {
                let peer = agreement::UnparsedPublicKey::new(&agreement::X25519, &peer.x);
                agreement::agree(key, peer, CryptoError, |z| Ok(Zeroizing::new(z.to_vec())))?
            }
            #[cfg(feature = "curve448")]
            Secret::X448 => {
                let z = x448::x448(*x448_array(&self.d)?, *x448_array(&peer.x)?);
                let z = Zeroizing::new(z.ok_or(CryptoError)?);
                Zeroizing::new(z.to_vec())
            }
            _ => return Err(CryptoError),
        };
        if is_all_zero(&z) {
            return Err(CryptoError);
        }
        Ok(z)
    }
}

#[cfg(test)]
mod tests;
