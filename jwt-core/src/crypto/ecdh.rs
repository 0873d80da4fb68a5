//! Key derivation for ECDH-ES.

use super::{CryptoResult, Zeroizing};

/// RFC 7518 §4.6.2 Concat KDF with SHA-256: OtherInfo = AlgorithmID || PartyUInfo ||
/// PartyVInfo || SuppPubInfo, each of the first three length-prefixed (32-bit BE),
/// SuppPubInfo = keydatalen in bits (32-bit BE).
pub(crate) fn concat_kdf(
    z: &[u8],
    algorithm_id: &[u8],
    apu: &[u8],
    apv: &[u8],
    key_len: usize,
) -> CryptoResult<Zeroizing<Vec<u8>>> {
    todo!()
}
