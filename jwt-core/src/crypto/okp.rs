//! OKP keys: Ed25519 and X25519; Ed448 and X448 with the `curve448` feature.

use super::{CryptoResult, Zeroizing};
use crate::jwa::Curve;

/// An OKP public key.
pub(crate) struct OkpPublicKey {
    curve: Curve,
    x: Vec<u8>,
}

impl OkpPublicKey {
    /// From the raw public key of exactly the curve's length; Edwards keys must be valid points.
    pub(crate) fn from_bytes(curve: Curve, x: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// From a DER SubjectPublicKeyInfo.
    pub(crate) fn from_spki_der(der: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// The curve.
    pub(crate) fn curve(&self) -> Curve {
        self.curve
    }

    /// The raw public key.
    pub(crate) fn x(&self) -> &[u8] {
        &self.x
    }

    /// DER SubjectPublicKeyInfo.
    pub(crate) fn to_spki_der(&self) -> Vec<u8> {
        todo!()
    }

    /// Verifies an Ed25519/Ed448 signature.
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> CryptoResult<()> {
        todo!()
    }
}

/// An OKP private key.
pub(crate) struct OkpPrivateKey {
    public: OkpPublicKey,
}

impl OkpPrivateKey {
    /// From d and x; x must match d.
    pub(crate) fn from_components(curve: Curve, d: &[u8], x: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// From d alone.
    pub(crate) fn from_private(curve: Curve, d: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// From DER PKCS#8.
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// A new key.
    pub(crate) fn generate(curve: Curve) -> CryptoResult<Self> {
        todo!()
    }

    /// The curve.
    pub(crate) fn curve(&self) -> Curve {
        self.public.curve
    }

    /// The raw private key.
    pub(crate) fn d(&self) -> &[u8] {
        todo!()
    }

    /// The public half.
    pub(crate) fn public(&self) -> &OkpPublicKey {
        &self.public
    }

    /// DER PKCS#8.
    pub(crate) fn to_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        todo!()
    }

    /// Ed25519/Ed448 signature.
    pub(crate) fn sign(&self, msg: &[u8]) -> CryptoResult<Vec<u8>> {
        todo!()
    }

    /// X25519/X448; an all-zero shared secret is an error.
    pub(crate) fn agree(&self, peer: &OkpPublicKey) -> CryptoResult<Zeroizing<Vec<u8>>> {
        todo!()
    }
}
