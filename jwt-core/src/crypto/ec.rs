//! EC keys: P-256, P-384, P-521, secp256k1 (ECDSA); the P-curves also do ECDH.

use super::{CryptoResult, Zeroizing};
use crate::jwa::Curve;

/// An EC public key (validated point).
pub(crate) struct EcPublicKey {
    curve: Curve,
    x: Vec<u8>,
    y: Vec<u8>,
}

impl EcPublicKey {
    /// From affine coordinates of exactly the curve's length; the point must be on the curve.
    pub(crate) fn from_coordinates(curve: Curve, x: &[u8], y: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// From a DER SubjectPublicKeyInfo (curve from the OID).
    pub(crate) fn from_spki_der(der: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// The curve.
    pub(crate) fn curve(&self) -> Curve {
        self.curve
    }

    /// x, fixed length.
    pub(crate) fn x(&self) -> &[u8] {
        &self.x
    }

    /// y, fixed length.
    pub(crate) fn y(&self) -> &[u8] {
        &self.y
    }

    /// DER SubjectPublicKeyInfo.
    pub(crate) fn to_spki_der(&self) -> Vec<u8> {
        todo!()
    }

    /// JOSE pairing: P-256/SHA-256, P-384/SHA-384, P-521/SHA-512, secp256k1/SHA-256;
    /// `sig` is fixed r||s of exactly 2*coordinate_len.
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> CryptoResult<()> {
        todo!()
    }
}

/// An EC private key.
pub(crate) struct EcPrivateKey {
    public: EcPublicKey,
}

impl EcPrivateKey {
    /// From d, x, y; d must match (x, y).
    pub(crate) fn from_components(
        curve: Curve,
        d: &[u8],
        x: &[u8],
        y: &[u8],
    ) -> CryptoResult<Self> {
        todo!()
    }

    /// From DER PKCS#8.
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// From DER SEC1 ECPrivateKey.
    pub(crate) fn from_sec1_der(der: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// A new key (also how ephemeral ECDH keys are made).
    pub(crate) fn generate(curve: Curve) -> CryptoResult<Self> {
        todo!()
    }

    /// The curve.
    pub(crate) fn curve(&self) -> Curve {
        self.public.curve
    }

    /// d, fixed length.
    pub(crate) fn d(&self) -> &[u8] {
        todo!()
    }

    /// The public half.
    pub(crate) fn public(&self) -> &EcPublicKey {
        &self.public
    }

    /// DER PKCS#8.
    pub(crate) fn to_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        todo!()
    }

    /// ECDSA, fixed r||s.
    pub(crate) fn sign(&self, msg: &[u8]) -> CryptoResult<Vec<u8>> {
        todo!()
    }

    /// ECDH (P-256/384/521 only). Err if the peer is on another curve.
    pub(crate) fn agree(&self, peer: &EcPublicKey) -> CryptoResult<Zeroizing<Vec<u8>>> {
        todo!()
    }
}
