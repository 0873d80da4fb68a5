//! AES key wrap (RFC 3394) with 128, 192 or 256-bit KEKs.
//!
//! AES-128/256 run on aws-lc-rs. aws-lc-rs has no AES-192 key wrap, so A192KW uses
//! RustCrypto's `aes-kw` (over the constant-time `aes` crate).

use super::{CryptoError, CryptoResult, Zeroizing};
use aes_kw::cipher::KeyInit;
use aws_lc_rs::key_wrap::{AesKek, KeyWrap, AES_128, AES_256};

const SEMIBLOCK: usize = 8;

fn check_len(len: usize, min: usize) -> CryptoResult<()> {
    if len < min || !len.is_multiple_of(SEMIBLOCK) {
        return Err(CryptoError);
    }
    Ok(())
}

fn aws_kek(kek: &[u8]) -> Option<CryptoResult<AesKek>> {
    let cipher = match kek.len() {
        16 => &AES_128,
        32 => &AES_256,
        _ => return None,
    };
    Some(AesKek::new(cipher, kek).map_err(|_| CryptoError))
}

fn kek192(kek: &[u8]) -> CryptoResult<aes_kw::KwAes192> {
    aes_kw::KwAes192::new_from_slice(kek).map_err(|_| CryptoError)
}

/// Wraps `cek` (a multiple of 8 bytes, at least 16).
pub(crate) fn wrap(kek: &[u8], cek: &[u8]) -> CryptoResult<Vec<u8>> {
    check_len(cek.len(), 2 * SEMIBLOCK)?;
    let mut out = vec![0u8; cek.len() + SEMIBLOCK];
    let len = match aws_kek(kek) {
        Some(key) => key?.wrap(cek, &mut out).map_err(|_| CryptoError)?.len(),
        None => kek192(kek)?
            .wrap_key(cek, &mut out)
            .map_err(|_| CryptoError)?
            .len(),
    };
    out.truncate(len);
    Ok(out)
}

/// Unwraps and checks the integrity value.
pub(crate) fn unwrap(kek: &[u8], wrapped: &[u8]) -> CryptoResult<Zeroizing<Vec<u8>>> {
    check_len(wrapped.len(), 3 * SEMIBLOCK)?;
    let mut out = Zeroizing::new(vec![0u8; wrapped.len()]);
    let len = match aws_kek(kek) {
        Some(key) => key?
            .unwrap(wrapped, &mut out)
            .map_err(|_| CryptoError)?
            .len(),
        None => kek192(kek)?
            .unwrap_key(wrapped, &mut out)
            .map_err(|_| CryptoError)?
            .len(),
    };
    out.truncate(len);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jwt_test_vectors::{b64, find, hex, load};

    const KEK: &str = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
    const DATA: &str = "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F";

    /// RFC 3394 §4.1-4.6: (KEK bytes, key data bytes, wrapped).
    const RFC3394: &[(usize, usize, &str)] = &[
        (16, 16, "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"),
        (24, 16, "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D"),
        (32, 16, "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7"),
        (
            24,
            24,
            "031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2",
        ),
        (
            32,
            24,
            "A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1",
        ),
        (
            32,
            32,
            "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21",
        ),
    ];

    #[test]
    fn rfc3394_known_answers() {
        let (kek, data) = (hex(KEK), hex(DATA));
        for (kek_len, data_len, expected) in RFC3394 {
            let (kek, data, expected) = (&kek[..*kek_len], &data[..*data_len], hex(expected));
            assert_eq!(
                wrap(kek, data).unwrap(),
                expected,
                "kek {kek_len}, data {data_len}"
            );
            assert_eq!(*unwrap(kek, &expected).unwrap(), data);
        }
    }

    #[test]
    fn rfc7516_a3_encrypted_key() {
        let file = load("rfc/rfc7516_appendix_a.json");
        let ex = find(&file, "rfc7516-A.3");
        let kek = crate::base64url::decode(ex["key"]["k"].as_str().unwrap()).unwrap();
        assert_eq!(
            wrap(&kek, &b64(ex, "cek_b64u")).unwrap(),
            b64(ex, "encrypted_key_b64u")
        );
    }

    #[test]
    fn tampering_wrong_kek_and_bad_lengths_fail() {
        let kek = hex(KEK);
        for kek_len in [16, 24, 32] {
            let kek = &kek[..kek_len];
            let wrapped = wrap(kek, &[9u8; 32]).unwrap();
            for i in [0, wrapped.len() - 1] {
                let mut bad = wrapped.clone();
                bad[i] ^= 0x80;
                assert_eq!(
                    unwrap(kek, &bad),
                    Err(CryptoError),
                    "kek {kek_len}, byte {i}"
                );
            }
            let mut other = kek.to_vec();
            other[0] ^= 1;
            assert_eq!(unwrap(&other, &wrapped), Err(CryptoError));
            // One semiblock short: the integrity check runs over different data.
            assert_eq!(unwrap(kek, &wrapped[..wrapped.len() - 8]), Err(CryptoError));
            assert_eq!(unwrap(kek, &wrapped[..16]), Err(CryptoError));
            assert_eq!(unwrap(kek, &wrapped[..39]), Err(CryptoError));
        }
        assert_eq!(wrap(&kek[..16], &[0u8; 8]), Err(CryptoError));
        assert_eq!(wrap(&kek[..16], &[0u8; 20]), Err(CryptoError));
        assert_eq!(wrap(&kek[..20], &[0u8; 16]), Err(CryptoError));
        assert_eq!(unwrap(&kek[..20], &[0u8; 24]), Err(CryptoError));
    }
}
