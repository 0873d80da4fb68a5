//! AES-CBC with HMAC-SHA-2 (RFC 7518 §5.2): A128CBC-HS256, A192CBC-HS384, A256CBC-HS512,
//! chosen by the CEK length (32, 48, 64 bytes).

use super::CryptoResult;

/// Encrypts; returns (ciphertext, tag).
pub(crate) fn encrypt(
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> CryptoResult<(Vec<u8>, Vec<u8>)> {
    todo!()
}

/// Checks the tag in constant time, then decrypts.
pub(crate) fn decrypt(
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> CryptoResult<Vec<u8>> {
    todo!()
}
