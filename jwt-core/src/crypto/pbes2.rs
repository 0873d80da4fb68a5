//! PBKDF2 for PBES2 key management.

use super::{CryptoResult, Zeroizing};
use crate::jwa::HashAlgorithm;

/// PBKDF2-HMAC with `hash` (SHA-256/384/512).
pub(crate) fn derive(
    hash: HashAlgorithm,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    key_len: usize,
) -> CryptoResult<Zeroizing<Vec<u8>>> {
    todo!()
}
