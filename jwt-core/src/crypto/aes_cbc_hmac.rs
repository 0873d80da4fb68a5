//! AES-CBC with HMAC-SHA-2 (RFC 7518 §5.2): A128CBC-HS256, A192CBC-HS384, A256CBC-HS512,
//! chosen by the CEK length (32, 48, 64 bytes).

use super::{digest::constant_time_eq, CryptoError, CryptoResult};
use aws_lc_rs::cipher::{
    DecryptionContext, EncryptionContext, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey,
    UnboundCipherKey, AES_128, AES_192, AES_256,
};
use aws_lc_rs::hmac;
use aws_lc_rs::iv::FixedLength;

const IV_LEN: usize = 16;

/// The two halves of the CEK (RFC 7518 §5.2.2.1) and the algorithms they key.
struct Keys<'a> {
    mac_key: &'a [u8],
    enc_key: &'a [u8],
    mac: hmac::Algorithm,
    cipher: &'static aws_lc_rs::cipher::Algorithm,
}

impl<'a> Keys<'a> {
    fn split(cek: &'a [u8]) -> CryptoResult<Self> {
        let (mac, cipher) = match cek.len() {
            32 => (hmac::HMAC_SHA256, &AES_128),
            48 => (hmac::HMAC_SHA384, &AES_192),
            64 => (hmac::HMAC_SHA512, &AES_256),
            _ => return Err(CryptoError),
        };
        let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
        Ok(Keys {
            mac_key,
            enc_key,
            mac,
            cipher,
        })
    }

    /// The tag length equals the MAC key length (T_LEN in §5.2.3-5.2.5).
    fn tag(&self, aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> CryptoResult<Vec<u8>> {
        let al = u64::try_from(aad.len())
            .ok()
            .and_then(|n| n.checked_mul(8))
            .ok_or(CryptoError)?;
        let key = hmac::Key::new(self.mac, self.mac_key);
        let mut ctx = hmac::Context::with_key(&key);
        ctx.update(aad);
        ctx.update(iv);
        ctx.update(ciphertext);
        ctx.update(&al.to_be_bytes());
        let full = ctx.sign();
        full.as_ref()
            .get(..self.mac_key.len())
            .map(<[u8]>::to_vec)
            .ok_or(CryptoError)
    }

    fn cipher_key(&self) -> CryptoResult<UnboundCipherKey> {
        UnboundCipherKey::new(self.cipher, self.enc_key).map_err(|_| CryptoError)
    }
}

fn iv16(iv: &[u8]) -> CryptoResult<FixedLength<IV_LEN>> {
    FixedLength::<IV_LEN>::try_from(iv).map_err(|_| CryptoError)
}

/// Encrypts; returns (ciphertext, tag).
pub(crate) fn encrypt(
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> CryptoResult<(Vec<u8>, Vec<u8>)> {
    let keys = Keys::split(cek)?;
    let key = PaddedBlockEncryptingKey::cbc_pkcs7(keys.cipher_key()?).map_err(|_| CryptoError)?;
    let mut data = plaintext.to_vec();
    key.less_safe_encrypt(&mut data, EncryptionContext::Iv128(iv16(iv)?))
        .map_err(|_| CryptoError)?;
    let tag = keys.tag(aad, iv, &data)?;
    Ok((data, tag))
}

/// Checks the tag in constant time, then decrypts. Every failure is the same opaque
/// error, and no decryption or unpadding happens before the tag has matched, so there is
/// no padding oracle.
pub(crate) fn decrypt(
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> CryptoResult<Vec<u8>> {
    let keys = Keys::split(cek)?;
    let iv = iv16(iv)?;
    let expected = keys.tag(aad, iv.as_ref(), ciphertext)?;
    if !constant_time_eq(&expected, tag) {
        return Err(CryptoError);
    }
    let key = PaddedBlockDecryptingKey::cbc_pkcs7(keys.cipher_key()?).map_err(|_| CryptoError)?;
    let mut data = ciphertext.to_vec();
    let len = key
        .decrypt(&mut data, DecryptionContext::Iv128(iv))
        .map_err(|_| CryptoError)?
        .len();
    data.truncate(len);
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jwt_test_vectors::{b64, find, hex, load, text};

    const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\
                       202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";
    const IV: &str = "1af38c2dc2b96ffdd86694092341bc04";
    const PLAINTEXT: &[u8] = b"A cipher system must not be required to be secret, and it must \
                               be able to fall into the hands of the enemy without inconvenience";
    const AAD: &[u8] = b"The second principle of Auguste Kerckhoffs";

    /// RFC 7518 Appendix B.1-B.3: (CEK length, ciphertext, tag).
    const APPENDIX_B: &[(usize, &str, &str)] = &[
        (
            32,
            "c80edfa32ddf39d5ef00c0b468834279a2e46a1b8049f792f76bfe54b903a9c9\
             a94ac9b47ad2655c5f10f9aef71427e2fc6f9b3f399a221489f16362c7032336\
             09d45ac69864e3321cf82935ac4096c86e133314c54019e8ca7980dfa4b9cf1b\
             384c486f3a54c51078158ee5d79de59fbd34d848b3d69550a67646344427ade5\
             4b8851ffb598f7f80074b9473c82e2db",
            "652c3fa36b0a7c5b3219fab3a30bc1c4",
        ),
        (
            48,
            "ea65da6b59e61edb419be62d19712ae5d303eeb50052d0dfd6697f77224c8edb\
             000d279bdc14c1072654bd30944230c657bed4ca0c9f4a8466f22b226d174621\
             4bf8cfc2400add9f5126e479663fc90b3bed787a2f0ffcbf3904be2a641d5c21\
             05bfe591bae23b1d7449e532eef60a9ac8bb6c6b01d35d49787bcd57ef484927\
             f280adc91ac0c4e79c7b11efc60054e3",
            "8490ac0e58949bfe51875d733f93ac2075168039ccc733d7",
        ),
        (
            64,
            "4affaaadb78c31c5da4b1b590d10ffbd3dd8d5d302423526912da037ecbcc7bd\
             822c301dd67c373bccb584ad3e9279c2e6d12a1374b77f077553df829410446b\
             36ebd97066296ae6427ea75c2e0846a11a09ccf5370dc80bfecbad28c73f09b3\
             a3b75e662a2594410ae496b2e2e6609e31e6e02cc837f053d21f37ff4f51950b\
             be2638d09dd7a4930930806d0703b1f6",
            "4dd3b4c088a7f45c216839645b2012bf2e6269a8c56a816dbc1b267761955bc5",
        ),
    ];

    #[test]
    fn rfc7518_appendix_b_known_answers() {
        for (len, ct, tag) in APPENDIX_B {
            let cek = &hex(KEY)[..*len];
            let (ct, tag) = (hex(ct), hex(tag));
            let (c, t) = encrypt(cek, &hex(IV), AAD, PLAINTEXT).unwrap();
            assert_eq!((&c, &t), (&ct, &tag), "cek of {len} bytes");
            assert_eq!(decrypt(cek, &hex(IV), AAD, &ct, &tag).unwrap(), PLAINTEXT);
        }
    }

    #[test]
    fn rfc7516_a2_content() {
        let file = load("rfc/rfc7516_appendix_a.json");
        let ex = find(&file, "rfc7516-A.2");
        let pt = decrypt(
            &b64(ex, "cek_b64u"),
            &b64(ex, "iv_b64u"),
            text(ex, "aad").as_bytes(),
            &b64(ex, "ciphertext_b64u"),
            &b64(ex, "tag_b64u"),
        );
        assert_eq!(pt.unwrap(), text(ex, "plaintext").as_bytes());
    }

    fn flip(v: &[u8], i: usize) -> Vec<u8> {
        let mut v = v.to_vec();
        v[i] ^= 1;
        v
    }

    #[test]
    fn tampering_fails() {
        let cek = [5u8; 32];
        let iv = [6u8; 16];
        let (ct, tag) = encrypt(&cek, &iv, b"aad", b"attack at dawn").unwrap();
        assert_eq!(
            decrypt(&cek, &iv, b"aad", &ct, &tag).unwrap(),
            b"attack at dawn"
        );
        assert_eq!(
            decrypt(&cek, &iv, b"aad", &ct, &flip(&tag, 0)),
            Err(CryptoError)
        );
        assert_eq!(
            decrypt(&cek, &iv, b"aad", &ct, &tag[..15]),
            Err(CryptoError)
        );
        assert_eq!(
            decrypt(&cek, &iv, b"aad", &flip(&ct, 0), &tag),
            Err(CryptoError)
        );
        assert_eq!(
            decrypt(&cek, &iv, b"aad", &flip(&ct, 15), &tag),
            Err(CryptoError)
        );
        assert_eq!(decrypt(&cek, &iv, b"aae", &ct, &tag), Err(CryptoError));
        assert_eq!(
            decrypt(&cek, &flip(&iv, 3), b"aad", &ct, &tag),
            Err(CryptoError)
        );
        assert_eq!(
            decrypt(&cek, &iv[..12], b"aad", &ct, &tag),
            Err(CryptoError)
        );
        assert_eq!(
            decrypt(&flip(&cek, 31), &iv, b"aad", &ct, &tag),
            Err(CryptoError)
        );
        assert_eq!(encrypt(&cek[..16], &iv, b"", b"x"), Err(CryptoError));
        assert_eq!(encrypt(&cek, &iv[..8], b"", b"x"), Err(CryptoError));
    }

    #[test]
    fn bad_padding_behind_a_valid_tag_still_fails() {
        // Only a key holder can tag a badly padded ciphertext, but decryption must
        // still refuse it: encrypt a block ending in 0x00 (never valid PKCS#7) raw.
        use aws_lc_rs::cipher::EncryptingKey;
        let cek = [7u8; 48];
        let iv = [8u8; 16];
        let keys = Keys::split(&cek).unwrap();
        let raw = EncryptingKey::cbc(keys.cipher_key().unwrap()).unwrap();
        let mut ct = [0u8; 16];
        raw.less_safe_encrypt(&mut ct, EncryptionContext::Iv128(iv16(&iv).unwrap()))
            .unwrap();
        let tag = keys.tag(b"", &iv, &ct).unwrap();
        assert_eq!(decrypt(&cek, &iv, b"", &ct, &tag), Err(CryptoError));
        let not_blocks = [0u8; 17];
        let tag = keys.tag(b"", &iv, &not_blocks).unwrap();
        assert_eq!(decrypt(&cek, &iv, b"", &not_blocks, &tag), Err(CryptoError));
    }
}
