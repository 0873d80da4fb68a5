//! AES-GCM with 128, 192 or 256-bit keys, 96-bit IVs and 128-bit tags.

use super::{CryptoError, CryptoResult, Zeroizing};
use aws_lc_rs::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};

const IV_LEN: usize = 12;
const TAG_LEN: usize = 16;

fn key(raw: &[u8]) -> CryptoResult<LessSafeKey> {
    let alg = match raw.len() {
        16 => &aead::AES_128_GCM,
        24 => &aead::AES_192_GCM,
        32 => &aead::AES_256_GCM,
        _ => return Err(CryptoError),
    };
    Ok(LessSafeKey::new(
        UnboundKey::new(alg, raw).map_err(|_| CryptoError)?,
    ))
}

fn nonce(iv: &[u8]) -> CryptoResult<Nonce> {
    Nonce::try_assume_unique_for_key(iv).map_err(|_| CryptoError)
}

/// Encrypts; returns (ciphertext, tag).
pub(crate) fn seal(
    key_bytes: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> CryptoResult<(Vec<u8>, Vec<u8>)> {
    let key = key(key_bytes)?;
    let nonce = nonce(iv)?;
    let mut data = plaintext.to_vec();
    let tag = key
        .seal_in_place_separate_tag(nonce, Aad::from(aad), &mut data)
        .map_err(|_| CryptoError)?;
    Ok((data, tag.as_ref().to_vec()))
}

/// An AES-GCM key expanded once, for a key that decrypts many tokens (`dir`).
pub(crate) struct PreparedKey(LessSafeKey);

impl PreparedKey {
    /// Expands a 128, 192 or 256-bit key.
    pub(crate) fn new(raw: &[u8]) -> CryptoResult<Self> {
        key(raw).map(PreparedKey)
    }
}

/// Checks the tag and decrypts.
pub(crate) fn open(
    key_bytes: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> CryptoResult<Vec<u8>> {
    if tag.len() != TAG_LEN {
        return Err(CryptoError);
    }
    open_in_place(
        &PreparedKey::new(key_bytes)?,
        iv,
        aad,
        [ciphertext, tag].concat(),
    )
}

/// [`open`] with a key expanded beforehand, of the ciphertext followed by its tag,
/// decrypted where it is.
/// As [`open`], for a wrapped key (A*GCMKW): the buffer the key is decrypted in is
/// zeroized on every path, a failed tag check included.
pub(crate) fn open_key(
    key_bytes: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> CryptoResult<Zeroizing<Vec<u8>>> {
    if tag.len() != TAG_LEN || iv.len() != IV_LEN {
        return Err(CryptoError);
    }
    let key = PreparedKey::new(key_bytes)?;
    let mut sealed = Zeroizing::new([ciphertext, tag].concat());
    let len = key
        .0
        .open_in_place(nonce(iv)?, Aad::from(aad), &mut sealed)
        .map_err(|_| CryptoError)?
        .len();
    sealed.truncate(len);
    Ok(sealed)
}

pub(crate) fn open_in_place(
    key: &PreparedKey,
    iv: &[u8],
    aad: &[u8],
    mut sealed: Vec<u8>,
) -> CryptoResult<Vec<u8>> {
    if iv.len() != IV_LEN || sealed.len() < TAG_LEN {
        return Err(CryptoError);
    }
    let nonce = nonce(iv)?;
    let len = key
        .0
        .open_in_place(nonce, Aad::from(aad), &mut sealed)
        .map_err(|_| CryptoError)?
        .len();
    sealed.truncate(len);
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jwt_test_vectors::{b64, find, hex, load, text};

    /// GCM spec (McGrew & Viega) test cases 4, 10 and 16: 128/192/256-bit keys with AAD.
    const CASES: &[(&str, &str, &str)] = &[
        (
            "feffe9928665731c6d6a8f9467308308",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e\
             21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47",
        ),
        (
            "feffe9928665731c6d6a8f9467308308feffe9928665731c",
            "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c\
             7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710",
            "2519498e80f1478f37ba55bd6d27618c",
        ),
        (
            "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa\
             8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
            "76fc6ece0f4e1768cddf8853bb2d551b",
        ),
    ];
    const IV: &str = "cafebabefacedbaddecaf888";
    const AAD: &str = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    const PLAINTEXT: &str = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72\
                             1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";

    #[test]
    fn gcm_spec_known_answers_all_key_sizes() {
        for (key, ct, tag) in CASES {
            let (key, ct, tag) = (hex(key), hex(ct), hex(tag));
            let (c, t) = seal(&key, &hex(IV), &hex(AAD), &hex(PLAINTEXT)).unwrap();
            assert_eq!((&c, &t), (&ct, &tag), "key of {} bytes", key.len());
            assert_eq!(
                open(&key, &hex(IV), &hex(AAD), &ct, &tag).unwrap(),
                hex(PLAINTEXT)
            );
        }
    }

    #[test]
    fn rfc7516_a1_content() {
        let file = load("rfc/rfc7516_appendix_a.json");
        let ex = find(&file, "rfc7516-A.1");
        let aad = text(ex, "aad").as_bytes();
        let pt = open(
            &b64(ex, "cek_b64u"),
            &b64(ex, "iv_b64u"),
            aad,
            &b64(ex, "ciphertext_b64u"),
            &b64(ex, "tag_b64u"),
        );
        assert_eq!(pt.unwrap(), text(ex, "plaintext").as_bytes());
    }

    #[test]
    fn open_key_opens_what_seal_wrapped_and_nothing_else() {
        let (kek, iv, cek) = ([3u8; 16], [4u8; 12], [5u8; 32]);
        let (ct, tag) = seal(&kek, &iv, b"", &cek).unwrap();
        assert_eq!(*open_key(&kek, &iv, b"", &ct, &tag).unwrap(), cek);
        let mut bad = tag.clone();
        bad[0] ^= 1;
        assert_eq!(open_key(&kek, &iv, b"", &ct, &bad), Err(CryptoError));
        assert_eq!(open_key(&kek, &iv[..11], b"", &ct, &tag), Err(CryptoError));
        assert_eq!(open_key(&kek, &iv, b"", &ct, &tag[..15]), Err(CryptoError));
    }

    #[test]
    fn tampering_and_bad_lengths_fail() {
        let key = [1u8; 32];
        let iv = [2u8; 12];
        let (ct, tag) = seal(&key, &iv, b"aad", b"some plaintext").unwrap();
        assert!(open(&key, &iv, b"aad", &ct, &tag).is_ok());
        let flip = |v: &[u8], i: usize| {
            let mut v = v.to_vec();
            v[i] ^= 1;
            v
        };
        assert_eq!(
            open(&key, &iv, b"aad", &ct, &flip(&tag, 15)),
            Err(CryptoError)
        );
        assert_eq!(
            open(&key, &iv, b"aad", &flip(&ct, 0), &tag),
            Err(CryptoError)
        );
        assert_eq!(
            open(&key, &flip(&iv, 11), b"aad", &ct, &tag),
            Err(CryptoError)
        );
        assert_eq!(open(&key, &iv, b"aae", &ct, &tag), Err(CryptoError));
        assert_eq!(open(&key, &iv, b"aad", &ct, &tag[..15]), Err(CryptoError));
        assert_eq!(open(&key, &iv[..11], b"aad", &ct, &tag), Err(CryptoError));
        assert_eq!(seal(&key, &[0u8; 16], b"", b"x"), Err(CryptoError));
        assert_eq!(seal(&key[..20], &iv, b"", b"x"), Err(CryptoError));
        assert_eq!(open(&[1u8; 16], &iv, b"aad", &ct, &tag), Err(CryptoError));
    }
}
