//! HMAC keys (`oct` keys used with HS256/384/512).

use super::CryptoResult;
use crate::jwa::HashAlgorithm;

/// An HMAC secret with its key schedules built lazily, once per hash.
pub(crate) struct HmacKey {
    secret: zeroize::Zeroizing<Vec<u8>>,
}

impl HmacKey {
    /// Wraps a secret of any length.
    pub(crate) fn new(secret: &[u8]) -> Self {
        todo!()
    }

    /// The raw secret.
    pub(crate) fn secret(&self) -> &[u8] {
        todo!()
    }

    /// HMAC tag; `hash` must be SHA-256/384/512.
    pub(crate) fn sign(&self, hash: HashAlgorithm, data: &[u8]) -> Vec<u8> {
        todo!()
    }

    /// Verifies a tag in constant time.
    pub(crate) fn verify(&self, hash: HashAlgorithm, data: &[u8], tag: &[u8]) -> CryptoResult<()> {
        todo!()
    }
}
