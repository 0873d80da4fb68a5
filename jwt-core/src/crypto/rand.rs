//! Randomness from the operating system, through aws-lc-rs.

use super::{CryptoResult, Zeroizing};

/// Fills `out` with random bytes.
pub(crate) fn fill(out: &mut [u8]) -> CryptoResult<()> {
    todo!()
}

/// Random bytes that are not secret (IVs, salts, `jti`).
pub(crate) fn bytes(len: usize) -> CryptoResult<Vec<u8>> {
    todo!()
}

/// Random secret bytes (CEKs, keys), zeroized on drop.
pub(crate) fn secret(len: usize) -> CryptoResult<Zeroizing<Vec<u8>>> {
    todo!()
}
