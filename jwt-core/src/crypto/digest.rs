//! Hashes and constant-time comparison.

use crate::jwa::HashAlgorithm;
use aws_lc_rs::digest as lc;

pub(super) fn algorithm(hash: HashAlgorithm) -> &'static lc::Algorithm {
    match hash {
        HashAlgorithm::Sha1 => &lc::SHA1_FOR_LEGACY_USE_ONLY,
        HashAlgorithm::Sha256 => &lc::SHA256,
        HashAlgorithm::Sha384 => &lc::SHA384,
        HashAlgorithm::Sha512 => &lc::SHA512,
    }
}

/// SHA-1/256/384/512 of `data`.
pub(crate) fn digest(hash: HashAlgorithm, data: &[u8]) -> Vec<u8> {
    lc::digest(algorithm(hash), data).as_ref().to_vec()
}

/// The left-most half of the hash of `data`: the OpenID Connect token hash (`at_hash`,
/// `c_hash`, OpenID Connect Core 1.0 §3.1.3.6, §3.3.2.11) before its base64url encoding.
pub(crate) fn left_half(hash: HashAlgorithm, data: &[u8]) -> Vec<u8> {
    let digest = lc::digest(algorithm(hash), data);
    let full = digest.as_ref();
    full[..full.len() / 2].to_vec()
}

#[cfg_attr(not(feature = "jwe"), allow(dead_code))] // used by JWE (and tested without it)
/// Compares in time independent of the contents (lengths are not secret).
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    aws_lc_rs::constant_time::verify_slices_are_equal(a, b).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jwt_test_vectors::hex;

    #[test]
    fn known_answers_for_abc() {
        // FIPS 180-2 Appendix examples for "abc".
        let cases = [
            (
                HashAlgorithm::Sha1,
                "a9993e364706816aba3e25717850c26c9cd0d89d",
            ),
            (
                HashAlgorithm::Sha256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                HashAlgorithm::Sha384,
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed\
                 8086072ba1e7cc2358baeca134c825a7",
            ),
            (
                HashAlgorithm::Sha512,
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
                 2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            ),
        ];
        for (hash, expected) in cases {
            let out = digest(hash, b"abc");
            assert_eq!(out, hex(expected), "{hash:?}");
            assert_eq!(out.len(), hash.output_len());
        }
    }

    #[test]
    fn left_half_is_the_first_half_of_the_digest() {
        for hash in [
            HashAlgorithm::Sha256,
            HashAlgorithm::Sha384,
            HashAlgorithm::Sha512,
        ] {
            let full = digest(hash, b"abc");
            assert_eq!(left_half(hash, b"abc"), full[..hash.output_len() / 2]);
        }
    }

    #[test]
    fn constant_time_eq_compares_contents_and_length() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(constant_time_eq(b"", b""));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
