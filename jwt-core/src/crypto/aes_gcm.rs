//! AES-GCM with 128, 192 or 256-bit keys, 96-bit IVs and 128-bit tags.

use super::CryptoResult;

/// Encrypts; returns (ciphertext, tag).
pub(crate) fn seal(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> CryptoResult<(Vec<u8>, Vec<u8>)> {
    todo!()
}

/// Checks the tag and decrypts.
pub(crate) fn open(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> CryptoResult<Vec<u8>> {
    todo!()
}
