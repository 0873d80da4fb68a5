//! AES key wrap (RFC 3394) with 128, 192 or 256-bit KEKs.

use super::{CryptoResult, Zeroizing};

/// Wraps `cek` (a multiple of 8 bytes, at least 16).
pub(crate) fn wrap(kek: &[u8], cek: &[u8]) -> CryptoResult<Vec<u8>> {
    todo!()
}

/// Unwraps and checks the integrity value.
pub(crate) fn unwrap(kek: &[u8], wrapped: &[u8]) -> CryptoResult<Zeroizing<Vec<u8>>> {
    todo!()
}
