//! EC keys: P-256, P-384, P-521, secp256k1 (ECDSA); the P-curves also do ECDH.

use super::der::{self, Oid};
use super::{CryptoError, CryptoResult, Zeroizing};
use crate::jwa::Curve;
use aws_lc_rs::agreement;
use aws_lc_rs::encoding::{AsBigEndian, AsDer, EcPrivateKeyBin, PublicKeyX509Der};
use aws_lc_rs::signature::{
    self, EcdsaKeyPair, EcdsaSigningAlgorithm, EcdsaVerificationAlgorithm, KeyPair, ParsedPublicKey,
};
use rsa::pkcs8::der::Decode;
use std::fmt;

/// What each supported curve maps to in aws-lc-rs and in DER.
struct CurveInfo {
    curve: Curve,
    coordinate_len: usize,
    signing: &'static EcdsaSigningAlgorithm,
    verification: &'static EcdsaVerificationAlgorithm,
    ecdh: Option<&'static agreement::Algorithm>,
    oid: Oid,
}

const CURVES: [CurveInfo; 4] = [
    CurveInfo {
        curve: Curve::P256,
        coordinate_len: 32,
        signing: &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        verification: &signature::ECDSA_P256_SHA256_FIXED,
        ecdh: Some(&agreement::ECDH_P256),
        oid: Oid::new_unwrap("1.2.840.10045.3.1.7"),
    },
    CurveInfo {
        curve: Curve::P384,
        coordinate_len: 48,
        signing: &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
        verification: &signature::ECDSA_P384_SHA384_FIXED,
        ecdh: Some(&agreement::ECDH_P384),
        oid: Oid::new_unwrap("1.3.132.0.34"),
    },
    CurveInfo {
        curve: Curve::P521,
        coordinate_len: 66,
        signing: &signature::ECDSA_P521_SHA512_FIXED_SIGNING,
        verification: &signature::ECDSA_P521_SHA512_FIXED,
        ecdh: Some(&agreement::ECDH_P521),
        oid: Oid::new_unwrap("1.3.132.0.35"),
    },
    CurveInfo {
        curve: Curve::Secp256k1,
        coordinate_len: 32,
        signing: &signature::ECDSA_P256K1_SHA256_FIXED_SIGNING,
        verification: &signature::ECDSA_P256K1_SHA256_FIXED,
        ecdh: None,
        oid: Oid::new_unwrap("1.3.132.0.10"),
    },
];

fn info(curve: Curve) -> CryptoResult<&'static CurveInfo> {
    CURVES.iter().find(|c| c.curve == curve).ok_or(CryptoError)
}

fn info_by_oid(oid: Option<Oid>) -> CryptoResult<&'static CurveInfo> {
    let oid = oid.ok_or(CryptoError)?;
    CURVES.iter().find(|c| c.oid == oid).ok_or(CryptoError)
}

/// Whether a named-curve OID is one of the supported curves.
pub(crate) fn is_supported_curve(oid: Oid) -> bool {
    info_by_oid(Some(oid)).is_ok()
}

/// An EC public key (validated point).
pub(crate) struct EcPublicKey {
    info: &'static CurveInfo,
    x: Vec<u8>,
    y: Vec<u8>,
    parsed: ParsedPublicKey,
}

impl fmt::Debug for EcPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcPublicKey")
            .field("curve", &self.info.curve)
            .finish_non_exhaustive()
    }
}

impl EcPublicKey {
    /// From affine coordinates of exactly the curve's length; the point must be on the
    /// curve (which also excludes the identity, as it has no affine coordinates).
    pub(crate) fn from_coordinates(curve: Curve, x: &[u8], y: &[u8]) -> CryptoResult<Self> {
        let info = info(curve)?;
        if x.len() != info.coordinate_len || y.len() != info.coordinate_len {
            return Err(CryptoError);
        }
        let mut point = Vec::with_capacity(1 + 2 * info.coordinate_len);
        point.push(0x04);
        point.extend_from_slice(x);
        point.extend_from_slice(y);
        Self::from_uncompressed(info, &point)
    }

    /// `point` is SEC1 uncompressed (0x04 || x || y); aws-lc-rs checks it is on the curve.
    fn from_uncompressed(info: &'static CurveInfo, point: &[u8]) -> CryptoResult<Self> {
        let len = info.coordinate_len;
        if point.len() != 1 + 2 * len || point.first() != Some(&0x04) {
            return Err(CryptoError);
        }
        let parsed = ParsedPublicKey::new(info.verification, point).map_err(|_| CryptoError)?;
        Ok(EcPublicKey {
            info,
            x: point.get(1..1 + len).ok_or(CryptoError)?.to_vec(),
            y: point.get(1 + len..).ok_or(CryptoError)?.to_vec(),
            parsed,
        })
    }

    /// From a DER SubjectPublicKeyInfo (curve from the OID; uncompressed points only).
    pub(crate) fn from_spki_der(der: &[u8]) -> CryptoResult<Self> {
        let spki = der::parse_spki(der)?;
        if spki.algorithm.oid() != der::EC_PUBLIC_KEY {
            return Err(CryptoError);
        }
        Self::from_uncompressed(info_by_oid(spki.algorithm.parameter()?)?, spki.key()?)
    }

    /// The curve.
    pub(crate) fn curve(&self) -> Curve {
        self.info.curve
    }

    /// x, fixed length.
    pub(crate) fn x(&self) -> &[u8] {
        &self.x
    }

    /// y, fixed length.
    pub(crate) fn y(&self) -> &[u8] {
        &self.y
    }

    fn point(&self) -> Vec<u8> {
        let mut point = Vec::with_capacity(1 + self.x.len() + self.y.len());
        point.push(0x04);
        point.extend_from_slice(&self.x);
        point.extend_from_slice(&self.y);
        point
    }

    /// DER SubjectPublicKeyInfo.
    pub(crate) fn to_spki_der(&self) -> Vec<u8> {
        let der: Result<PublicKeyX509Der<'static>, _> = self.parsed.as_der();
        match der {
            Ok(der) => der.as_ref().to_vec(),
            Err(_) => der::encode_spki(der::EC_PUBLIC_KEY, Some(&self.info.oid), &self.point()),
        }
    }

    /// JOSE pairing: P-256/SHA-256, P-384/SHA-384, P-521/SHA-512, secp256k1/SHA-256;
    /// `sig` is fixed r||s of exactly 2*coordinate_len.
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> CryptoResult<()> {
        if sig.len() != 2 * self.info.coordinate_len {
            return Err(CryptoError);
        }
        self.parsed.verify_sig(msg, sig).map_err(|_| CryptoError)
    }
}

/// An EC private key.
///
/// Zeroized on drop: `d` is; the aws-lc-rs keys are EVP_PKEYs in AWS-LC's heap, which
/// OPENSSL_free cleanses when they are freed.
#[derive(zeroize::ZeroizeOnDrop)]
pub(crate) struct EcPrivateKey {
    #[zeroize(skip)]
    public: EcPublicKey,
    #[zeroize(skip)]
    key_pair: EcdsaKeyPair,
    /// The same scalar as an ECDH key (P-curves only).
    #[zeroize(skip)]
    agreement: Option<agreement::PrivateKey>,
    d: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for EcPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcPrivateKey")
            .field("curve", &self.curve())
            .finish_non_exhaustive()
    }
}

impl EcPrivateKey {
    fn from_key_pair(info: &'static CurveInfo, key_pair: EcdsaKeyPair) -> CryptoResult<Self> {
        let d: EcPrivateKeyBin<'static> = key_pair
            .private_key()
            .as_be_bytes()
            .map_err(|_| CryptoError)?;
        let d = Zeroizing::new(d.as_ref().to_vec());
        if d.len() != info.coordinate_len {
            return Err(CryptoError);
        }
        let public = EcPublicKey::from_uncompressed(info, key_pair.public_key().as_ref())?;
        let agreement = match info.ecdh {
            Some(alg) => {
                Some(agreement::PrivateKey::from_private_key(alg, &d).map_err(|_| CryptoError)?)
            }
            None => None,
        };
        Ok(EcPrivateKey {
            public,
            key_pair,
            agreement,
            d,
        })
    }

    /// From d, x, y (each exactly the curve's length); d must match (x, y).
    pub(crate) fn from_components(
        curve: Curve,
        d: &[u8],
        x: &[u8],
        y: &[u8],
    ) -> CryptoResult<Self> {
        let info = info(curve)?;
        if d.len() != info.coordinate_len {
            return Err(CryptoError);
        }
        let public = EcPublicKey::from_coordinates(curve, x, y)?;
        let key_pair =
            EcdsaKeyPair::from_private_key_and_public_key(info.signing, d, &public.point())
                .map_err(|_| CryptoError)?;
        Self::from_key_pair(info, key_pair)
    }

    /// From DER PKCS#8 (curve from the OID).
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> CryptoResult<Self> {
        let algorithm = der::parse_pkcs8(der)?.algorithm;
        if algorithm.oid() != der::EC_PUBLIC_KEY {
            return Err(CryptoError);
        }
        let info = info_by_oid(algorithm.parameter()?)?;
        let key_pair = EcdsaKeyPair::from_pkcs8(info.signing, der).map_err(|_| CryptoError)?;
        Self::from_key_pair(info, key_pair)
    }

    /// From DER SEC1 ECPrivateKey; the curve parameter must be present.
    pub(crate) fn from_sec1_der(der: &[u8]) -> CryptoResult<Self> {
        let sec1 = sec1::EcPrivateKey::from_der(der).map_err(|_| CryptoError)?;
        let info = info_by_oid(sec1.parameters.and_then(|p| p.named_curve()))?;
        let key_pair =
            EcdsaKeyPair::from_private_key_der(info.signing, der).map_err(|_| CryptoError)?;
        Self::from_key_pair(info, key_pair)
    }

    /// A new key (also how ephemeral ECDH keys are made).
    pub(crate) fn generate(curve: Curve) -> CryptoResult<Self> {
        let info = info(curve)?;
        let key_pair = EcdsaKeyPair::generate(info.signing).map_err(|_| CryptoError)?;
        Self::from_key_pair(info, key_pair)
    }

    /// The curve.
    pub(crate) fn curve(&self) -> Curve {
        self.public.curve()
    }

    /// d, fixed length.
    pub(crate) fn d(&self) -> &[u8] {
        &self.d
    }

    /// The public half.
    pub(crate) fn public(&self) -> &EcPublicKey {
        &self.public
    }

    /// DER PKCS#8.
    pub(crate) fn to_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        // Encoding a key aws-lc-rs already holds fails only on allocation failure.
        match self.key_pair.to_pkcs8v1() {
            Ok(doc) => Zeroizing::new(doc.as_ref().to_vec()),
            Err(_) => Zeroizing::default(),
        }
    }

    /// ECDSA, fixed r||s.
    pub(crate) fn sign(&self, msg: &[u8]) -> CryptoResult<Vec<u8>> {
        let rng = aws_lc_rs::rand::SystemRandom::new();
        let sig = self.key_pair.sign(&rng, msg).map_err(|_| CryptoError)?;
        Ok(sig.as_ref().to_vec())
    }

    /// ECDH (P-256/384/521 only). Err if the peer is on another curve.
    pub(crate) fn agree(&self, peer: &EcPublicKey) -> CryptoResult<Zeroizing<Vec<u8>>> {
        if peer.curve() != self.curve() {
            return Err(CryptoError);
        }
        let (Some(private), Some(alg)) = (&self.agreement, self.public.info.ecdh) else {
            return Err(CryptoError);
        };
        let peer = agreement::UnparsedPublicKey::new(alg, peer.point());
        agreement::agree(private, peer, CryptoError, |z| {
            Ok(Zeroizing::new(z.to_vec()))
        })
    }
}

#[cfg(test)]
mod tests;
