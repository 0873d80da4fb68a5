//! AES key wrap (RFC 3394) with 128, 192 or 256-bit KEKs.
//!
//! AES-128/256 use aws-lc-rs's key wrap. aws-lc-rs has no AES-192 key wrap, so A192KW
//! is RFC 3394 §2.2 written out here over aws-lc-rs's AES-192 block cipher (one ECB
//! block at a time), with the integrity check compared in constant time.

use super::{CryptoError, CryptoResult, Zeroizing};
use aws_lc_rs::cipher::{
    DecryptingKey, DecryptionContext, EncryptingKey, UnboundCipherKey, AES_192,
};
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

/// RFC 3394 §2.2.3.1: the default initial value.
const IV: [u8; SEMIBLOCK] = [0xA6; SEMIBLOCK];

fn aes192(kek: &[u8]) -> CryptoResult<UnboundCipherKey> {
    UnboundCipherKey::new(&AES_192, kek).map_err(|_| CryptoError)
}

/// `a` XOR the step counter t (big-endian, RFC 3394 §2.2.1).
fn xor_t(a: &mut [u8], t: usize) {
    for (a, t) in a.iter_mut().zip((t as u64).to_be_bytes()) {
        *a ^= t;
    }
}

/// RFC 3394 §2.2.1 wrap with an AES-192 KEK; `out` is `cek.len() + 8` bytes.
fn wrap192(kek: &[u8], cek: &[u8], out: &mut [u8]) -> CryptoResult<()> {
    let key = EncryptingKey::ecb(aes192(kek)?).map_err(|_| CryptoError)?;
    let n = cek.len() / SEMIBLOCK;
    let (a, r) = out.split_at_mut(SEMIBLOCK);
    a.copy_from_slice(&IV);
    r.copy_from_slice(cek);
    let mut block = Zeroizing::new([0u8; 2 * SEMIBLOCK]);
    for j in 0..6 {
        for (i, ri) in r.chunks_exact_mut(SEMIBLOCK).enumerate() {
            block[..SEMIBLOCK].copy_from_slice(a);
            block[SEMIBLOCK..].copy_from_slice(ri);
            key.encrypt(&mut block[..]).map_err(|_| CryptoError)?;
            a.copy_from_slice(&block[..SEMIBLOCK]);
            xor_t(a, n * j + i + 1);
            ri.copy_from_slice(&block[SEMIBLOCK..]);
        }
    }
    Ok(())
}

/// RFC 3394 §2.2.2 unwrap with an AES-192 KEK into `out` (`wrapped.len() - 8` bytes),
/// then the §2.2.3 integrity check.
fn unwrap192(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> CryptoResult<()> {
    let key = DecryptingKey::ecb(aes192(kek)?).map_err(|_| CryptoError)?;
    let n = out.len() / SEMIBLOCK;
    let (c0, rest) = wrapped.split_at(SEMIBLOCK);
    let mut a = Zeroizing::new([0u8; SEMIBLOCK]);
    a.copy_from_slice(c0);
    out.copy_from_slice(rest);
    let mut block = Zeroizing::new([0u8; 2 * SEMIBLOCK]);
    for j in (0..6).rev() {
        for (i, ri) in out.chunks_exact_mut(SEMIBLOCK).enumerate().rev() {
            xor_t(&mut a[..], n * j + i + 1);
            block[..SEMIBLOCK].copy_from_slice(&a[..]);
            block[SEMIBLOCK..].copy_from_slice(ri);
            key.decrypt(&mut block[..], DecryptionContext::None)
                .map_err(|_| CryptoError)?;
            a.copy_from_slice(&block[..SEMIBLOCK]);
            ri.copy_from_slice(&block[SEMIBLOCK..]);
        }
    }
    if super::digest::constant_time_eq(&a[..], &IV) {
        Ok(())
    } else {
        Err(CryptoError)
    }
}

/// Wraps `cek` (a multiple of 8 bytes, at least 16).
pub(crate) fn wrap(kek: &[u8], cek: &[u8]) -> CryptoResult<Vec<u8>> {
    check_len(cek.len(), 2 * SEMIBLOCK)?;
    let mut out = vec![0u8; cek.len() + SEMIBLOCK];
    let len = match aws_kek(kek) {
        Some(key) => key?.wrap(cek, &mut out).map_err(|_| CryptoError)?.len(),
        None => {
            wrap192(kek, cek, &mut out)?;
            out.len()
        }
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
        None => {
            let len = wrapped.len() - SEMIBLOCK;
            unwrap192(kek, wrapped, &mut out[..len])?;
            len
        }
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
