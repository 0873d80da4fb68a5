//! PBKDF2 for PBES2 key management.

use super::{CryptoError, CryptoResult, Zeroizing};
use crate::jwa::HashAlgorithm;
use aws_lc_rs::pbkdf2;
use std::num::NonZeroU32;

/// PBKDF2-HMAC with `hash` (SHA-256/384/512). Zero iterations or a zero-length key
/// is an error. The caller bounds `iterations` (it is attacker-chosen in a JWE).
pub(crate) fn derive(
    hash: HashAlgorithm,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    key_len: usize,
) -> CryptoResult<Zeroizing<Vec<u8>>> {
    let alg = match hash {
        HashAlgorithm::Sha256 => pbkdf2::PBKDF2_HMAC_SHA256,
        HashAlgorithm::Sha384 => pbkdf2::PBKDF2_HMAC_SHA384,
        HashAlgorithm::Sha512 => pbkdf2::PBKDF2_HMAC_SHA512,
        HashAlgorithm::Sha1 => return Err(CryptoError),
    };
    let iterations = NonZeroU32::new(iterations).ok_or(CryptoError)?;
    if key_len == 0 {
        return Err(CryptoError);
    }
    let mut out = Zeroizing::new(vec![0u8; key_len]);
    pbkdf2::derive(alg, iterations, salt, password, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jwt_test_vectors::{b64, find, hex, load, text};

    #[test]
    fn rfc7517_appendix_c_derived_kek() {
        let file = load("rfc/rfc7517_appendix_c.json");
        let ex = find(&file, "rfc7517-C");
        let mut salt = b"PBES2-HS256+A128KW\0".to_vec();
        salt.extend(b64(ex, "p2s"));
        assert_eq!(salt, hex(text(ex, "pbes2_salt_input_hex")));
        let iterations = u32::try_from(ex["p2c"].as_u64().unwrap()).unwrap();
        let kek = derive(
            HashAlgorithm::Sha256,
            text(ex, "password").as_bytes(),
            &salt,
            iterations,
            16,
        )
        .unwrap();
        assert_eq!(*kek, b64(ex, "derived_kek_b64u"));
    }

    #[test]
    fn pbkdf2_hmac_sha256_known_answers() {
        // The RFC 6070 inputs, with the widely published SHA-256 outputs, and RFC 7914 §11.
        let cases: &[(&[u8], &[u8], u32, &str)] = &[
            (
                b"password",
                b"salt",
                1,
                "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b",
            ),
            (
                b"password",
                b"salt",
                2,
                "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43",
            ),
            (
                b"password",
                b"salt",
                4096,
                "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a",
            ),
            (
                b"passwd",
                b"salt",
                1,
                "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc\
                 49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
            ),
        ];
        for (password, salt, iterations, expected) in cases {
            let expected = hex(expected);
            let out = derive(
                HashAlgorithm::Sha256,
                password,
                salt,
                *iterations,
                expected.len(),
            );
            assert_eq!(*out.unwrap(), expected, "c={iterations}");
        }
    }

    #[test]
    fn other_hashes_differ_and_bad_parameters_fail() {
        let a = derive(HashAlgorithm::Sha384, b"p", b"s", 2, 24).unwrap();
        let b = derive(HashAlgorithm::Sha512, b"p", b"s", 2, 24).unwrap();
        assert_eq!(a.len(), 24);
        assert_ne!(*a, *b);
        assert_eq!(
            derive(HashAlgorithm::Sha256, b"p", b"s", 0, 16),
            Err(CryptoError)
        );
        assert_eq!(
            derive(HashAlgorithm::Sha256, b"p", b"s", 1, 0),
            Err(CryptoError)
        );
        assert_eq!(
            derive(HashAlgorithm::Sha1, b"p", b"s", 1, 16),
            Err(CryptoError)
        );
    }
}
