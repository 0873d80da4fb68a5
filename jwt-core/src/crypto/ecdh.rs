//! Key derivation for ECDH-ES.

use super::{CryptoError, CryptoResult, Zeroizing};
use aws_lc_rs::kdf::{get_sskdf_digest_algorithm, sskdf_digest, SskdfDigestAlgorithmId};

/// RFC 7518 §4.6.2 Concat KDF with SHA-256: OtherInfo = AlgorithmID || PartyUInfo ||
/// PartyVInfo || SuppPubInfo, each of the first three length-prefixed (32-bit BE),
/// SuppPubInfo = keydatalen in bits (32-bit BE).
///
/// This is NIST SP 800-56C's one-step KDF with a digest (`H(counter || Z || FixedInfo)`),
/// which aws-lc-rs provides as SSKDF; only FixedInfo is assembled here.
pub(crate) fn concat_kdf(
    z: &[u8],
    algorithm_id: &[u8],
    apu: &[u8],
    apv: &[u8],
    key_len: usize,
) -> CryptoResult<Zeroizing<Vec<u8>>> {
    let bits = key_len
        .checked_mul(8)
        .and_then(|b| u32::try_from(b).ok())
        .ok_or(CryptoError)?;
    if key_len == 0 || z.is_empty() {
        return Err(CryptoError);
    }
    let mut info = Vec::with_capacity(16 + algorithm_id.len() + apu.len() + apv.len());
    for part in [algorithm_id, apu, apv] {
        let len = u32::try_from(part.len()).map_err(|_| CryptoError)?;
        info.extend_from_slice(&len.to_be_bytes());
        info.extend_from_slice(part);
    }
    info.extend_from_slice(&bits.to_be_bytes());
    let alg = get_sskdf_digest_algorithm(SskdfDigestAlgorithmId::Sha256).ok_or(CryptoError)?;
    let mut out = Zeroizing::new(vec![0u8; key_len]);
    sskdf_digest(alg, z, &info, &mut out).map_err(|_| CryptoError)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jwt_test_vectors::{b64, find, hex, load, text};

    #[test]
    fn rfc7518_appendix_c() {
        let file = load("rfc/rfc7518_appendix_c.json");
        let ex = find(&file, "rfc7518-C");
        let z = hex(text(ex, "z_hex"));
        let key = concat_kdf(&z, b"A128GCM", b"Alice", b"Bob", 16).unwrap();
        assert_eq!(*key, b64(ex, "derived_key_b64u"));
    }

    #[test]
    fn multi_round_output_is_a_prefix_extension_and_inputs_matter() {
        let z = [7u8; 32];
        // 64 bytes need two SHA-256 rounds; keydatalen is in OtherInfo, so a shorter
        // request is not a prefix of a longer one.
        let long = concat_kdf(&z, b"A256CBC-HS512", b"", b"", 64).unwrap();
        let short = concat_kdf(&z, b"A256CBC-HS512", b"", b"", 32).unwrap();
        assert_eq!(long.len(), 64);
        assert_ne!(long[..32], short[..]);
        let other = concat_kdf(&z, b"A256CBC-HS512", b"x", b"", 64).unwrap();
        assert_ne!(*long, *other);
        assert_eq!(concat_kdf(&z, b"A128GCM", b"", b"", 0), Err(CryptoError));
        assert_eq!(concat_kdf(&[], b"A128GCM", b"", b"", 16), Err(CryptoError));
    }
}
