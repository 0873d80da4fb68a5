//! Content encryption (RFC 7516 §5.1 steps 11-16, §5.2 steps 14-16) with the `enc`
//! algorithms of RFC 7518 §5. The CEK and IV are always generated here: no public API
//! takes a nonce, so no caller can reuse one.

use super::key_management::Cek;
use crate::crypto::{aes_cbc_hmac, aes_gcm, rand, Zeroizing};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::ContentEncryptionAlgorithm;

/// The output of content encryption.
#[derive(Debug, Clone)]
pub(crate) struct Sealed {
    pub(crate) iv: Vec<u8>,
    pub(crate) ciphertext: Vec<u8>,
    pub(crate) tag: Vec<u8>,
}

/// A fresh random CEK of the length `enc` needs.
pub(crate) fn generate_cek(enc: ContentEncryptionAlgorithm) -> Result<Zeroizing<Vec<u8>>> {
    rand::secret(enc.key_len()).map_err(|_| rng_failed())
}

/// Encrypts under a fresh random IV.
pub(crate) fn encrypt(
    enc: ContentEncryptionAlgorithm,
    cek: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Sealed> {
    let iv = rand::bytes(enc.iv_len()).map_err(|_| rng_failed())?;
    encrypt_with_iv(enc, cek, iv, aad, plaintext)
}

/// Encrypts under a given IV. Crate-private on purpose: only [`encrypt`] and the RFC
/// vector tests call it.
pub(crate) fn encrypt_with_iv(
    enc: ContentEncryptionAlgorithm,
    cek: &[u8],
    iv: Vec<u8>,
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Sealed> {
    if cek.len() != enc.key_len() || iv.len() != enc.iv_len() {
        return Err(Error::new(
            ErrorKind::InvalidKey,
            format!(
                "{enc} needs a {}-byte key and a {}-byte IV, found {} and {} bytes",
                enc.key_len(),
                enc.iv_len(),
                cek.len(),
                iv.len()
            ),
        ));
    }
    let sealed = if enc.is_gcm() {
        aes_gcm::seal(cek, &iv, aad, plaintext)
    } else {
        aes_cbc_hmac::encrypt(cek, &iv, aad, plaintext)
    };
    let (ciphertext, tag) = sealed.map_err(|_| {
        Error::new(
            ErrorKind::InvalidKey,
            format!("{enc} encryption failed in the crypto backend"),
        )
    })?;
    Ok(Sealed {
        iv,
        ciphertext,
        tag,
    })
}

/// Checks the IV and tag lengths `enc` fixes. They are public facts of the token, so a
/// specific message reveals nothing about the key.
pub(crate) fn check_lengths(enc: ContentEncryptionAlgorithm, iv: &[u8], tag: &[u8]) -> Result<()> {
    if iv.len() != enc.iv_len() {
        return Err(Error::malformed(format!(
            "{enc} needs a {}-byte initialization vector, found {} bytes",
            enc.iv_len(),
            iv.len()
        )));
    }
    if tag.len() != enc.tag_len() {
        return Err(Error::malformed(format!(
            "{enc} needs a {}-byte authentication tag, found {} bytes",
            enc.tag_len(),
            tag.len()
        )));
    }
    Ok(())
}

/// Authenticates and decrypts. Every failure after the length checks, a CEK of the
/// wrong length included (a failed unwrap must look like a bad tag), is the one
/// `decryption_failed` error.
pub(crate) fn decrypt(
    enc: ContentEncryptionAlgorithm,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>> {
    check_lengths(enc, iv, tag)?;
    if cek.len() != enc.key_len() {
        return Err(Error::decryption_failed());
    }
    let opened = if enc.is_gcm() {
        aes_gcm::open(cek, iv, aad, ciphertext, tag)
    } else {
        aes_cbc_hmac::decrypt(cek, iv, aad, ciphertext, tag)
    };
    opened.map_err(|_| Error::decryption_failed())
}

/// [`decrypt`] with a recovered CEK, of the ciphertext followed by its tag (`sealed`,
/// the ciphertext `ciphertext_len` bytes long). A `dir` AES-GCM key keeps its
/// expansion and decrypts the buffer where it is.
pub(crate) fn decrypt_sealed(
    enc: ContentEncryptionAlgorithm,
    cek: &Cek<'_>,
    iv: &[u8],
    aad: &[u8],
    sealed: Vec<u8>,
    ciphertext_len: usize,
) -> Result<Vec<u8>> {
    let Some((ciphertext, tag)) = sealed.split_at_checked(ciphertext_len) else {
        return Err(Error::decryption_failed());
    };
    match cek {
        Cek::Direct(key) if enc.is_gcm() && key.secret().len() == enc.key_len() => {
            check_lengths(enc, iv, tag)?;
            let prepared = key.aes_gcm().ok_or_else(Error::decryption_failed)?;
            aes_gcm::open_in_place(prepared, iv, aad, sealed)
                .map_err(|_| Error::decryption_failed())
        }
        _ => decrypt(enc, cek.bytes(), iv, aad, ciphertext, tag),
    }
}

fn rng_failed() -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        "the system random number generator failed",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_buffers_open_as_separate_parts_do() {
        use crate::crypto::hmac::SymmetricKey;
        for enc in [A128Gcm, A256Gcm, A128CbcHs256] {
            let secret: Vec<u8> = (0..enc.key_len()).map(|i| i as u8 ^ 0x5a).collect();
            let key = SymmetricKey::new(&secret);
            let sealed = encrypt(enc, &secret, b"aad", b"claims").unwrap();
            let mut buffer = sealed.ciphertext.clone();
            buffer.extend_from_slice(&sealed.tag);
            let len = sealed.ciphertext.len();
            for cek in [
                Cek::Direct(&key),
                Cek::Recovered(Zeroizing::new(secret.clone())),
            ] {
                let open = |buffer: Vec<u8>, len| {
                    decrypt_sealed(enc, &cek, &sealed.iv, b"aad", buffer, len).map_err(|e| e.kind())
                };
                assert_eq!(open(buffer.clone(), len), Ok(b"claims".to_vec()), "{enc}");
                let mut tampered = buffer.clone();
                tampered[0] ^= 1;
                assert_eq!(open(tampered, len), Err(ErrorKind::DecryptionFailed));
                assert!(open(buffer.clone(), len + 1).is_err());
                assert!(open(buffer.clone(), buffer.len() + 1).is_err());
            }
        }
    }

    #[test]
    fn a_direct_key_decrypts_as_its_bytes_do() {
        use crate::crypto::hmac::SymmetricKey;
        for enc in [A128Gcm, A256Gcm, A128CbcHs256] {
            let secret: Vec<u8> = (0..enc.key_len()).map(|i| i as u8).collect();
            let key = SymmetricKey::new(&secret);
            let direct = Cek::Direct(&key);
            let sealed = encrypt(enc, &secret, b"aad", b"claims").unwrap();
            let open = |cek: &Cek<'_>, tag: &[u8]| {
                let buffer = [&sealed.ciphertext[..], tag].concat();
                decrypt_sealed(
                    enc,
                    cek,
                    &sealed.iv,
                    b"aad",
                    buffer,
                    sealed.ciphertext.len(),
                )
                .map_err(|e| e.kind())
            };
            assert_eq!(open(&direct, &sealed.tag), Ok(b"claims".to_vec()), "{enc}");
            let mut bad = sealed.tag.clone();
            bad[0] ^= 1;
            assert_eq!(open(&direct, &bad), Err(ErrorKind::DecryptionFailed));
            let short = SymmetricKey::new(&secret[1..]);
            assert_eq!(
                open(&Cek::Direct(&short), &sealed.tag),
                Err(ErrorKind::DecryptionFailed)
            );
        }
    }
    use crate::base64url;
    use ContentEncryptionAlgorithm::*;

    use jwt_test_vectors::hex;

    const P: &[u8] = b"A cipher system must not be required to be secret, and it must be able to fall into the hands of the enemy without inconvenience";
    const A: &[u8] = b"The second principle of Auguste Kerckhoffs";
    const IV: &str = "1af38c2dc2b96ffdd86694092341bc04";

    /// RFC 7518 App. B.1-B.3: (enc, E, T); K is 00 01 02 ... of the key length.
    const APPENDIX_B: [(ContentEncryptionAlgorithm, &str, &str); 3] = [
        (
            A128CbcHs256,
            "c80edfa32ddf39d5ef00c0b468834279a2e46a1b8049f792f76bfe54b903a9c9a94ac9b47ad2655c5f10f9aef71427e2fc6f9b3f399a221489f16362c703233609d45ac69864e3321cf82935ac4096c86e133314c54019e8ca7980dfa4b9cf1b384c486f3a54c51078158ee5d79de59fbd34d848b3d69550a67646344427ade54b8851ffb598f7f80074b9473c82e2db",
            "652c3fa36b0a7c5b3219fab3a30bc1c4",
        ),
        (
            A192CbcHs384,
            "ea65da6b59e61edb419be62d19712ae5d303eeb50052d0dfd6697f77224c8edb000d279bdc14c1072654bd30944230c657bed4ca0c9f4a8466f22b226d1746214bf8cfc2400add9f5126e479663fc90b3bed787a2f0ffcbf3904be2a641d5c2105bfe591bae23b1d7449e532eef60a9ac8bb6c6b01d35d49787bcd57ef484927f280adc91ac0c4e79c7b11efc60054e3",
            "8490ac0e58949bfe51875d733f93ac2075168039ccc733d7",
        ),
        (
            A256CbcHs512,
            "4affaaadb78c31c5da4b1b590d10ffbd3dd8d5d302423526912da037ecbcc7bd822c301dd67c373bccb584ad3e9279c2e6d12a1374b77f077553df829410446b36ebd97066296ae6427ea75c2e0846a11a09ccf5370dc80bfecbad28c73f09b3a3b75e662a2594410ae496b2e2e6609e31e6e02cc837f053d21f37ff4f51950bbe2638d09dd7a4930930806d0703b1f6",
            "4dd3b4c088a7f45c216839645b2012bf2e6269a8c56a816dbc1b267761955bc5",
        ),
    ];

    #[test]
    fn rfc7518_appendix_b() {
        for (enc, e, t) in APPENDIX_B {
            let key: Vec<u8> = (0..enc.key_len() as u8).collect();
            let sealed = encrypt_with_iv(enc, &key, hex(IV), A, P).unwrap();
            assert_eq!(sealed.ciphertext, hex(e), "{enc}");
            assert_eq!(sealed.tag, hex(t), "{enc}");
            assert_eq!(
                decrypt(enc, &key, &hex(IV), A, &hex(e), &hex(t)).unwrap(),
                P
            );
        }
    }

    fn vector(id: &str) -> serde_json::Value {
        jwt_test_vectors::example("rfc/rfc7516_appendix_a.json", id)
    }

    fn b64(v: &serde_json::Value) -> Vec<u8> {
        base64url::decode(v.as_str().unwrap()).unwrap()
    }

    /// RFC 7516 A.1-A.3: the content layer reproduces the ciphertext and tag exactly.
    #[test]
    fn rfc7516_appendix_a_content_layer() {
        for id in ["rfc7516-A.1", "rfc7516-A.2", "rfc7516-A.3"] {
            let v = vector(id);
            let enc = ContentEncryptionAlgorithm::from_name(v["enc"].as_str().unwrap()).unwrap();
            let aad = v["protected_b64u"].as_str().unwrap().as_bytes();
            let plaintext = v["plaintext"].as_str().unwrap().as_bytes();
            let sealed = encrypt_with_iv(
                enc,
                &b64(&v["cek_b64u"]),
                b64(&v["iv_b64u"]),
                aad,
                plaintext,
            )
            .unwrap();
            assert_eq!(sealed.ciphertext, b64(&v["ciphertext_b64u"]), "{id}");
            assert_eq!(sealed.tag, b64(&v["tag_b64u"]), "{id}");
        }
    }

    fn round_trip_material(enc: ContentEncryptionAlgorithm) -> (Zeroizing<Vec<u8>>, Sealed) {
        let cek = generate_cek(enc).unwrap();
        let sealed = encrypt(enc, &cek, b"aad", b"the plaintext, longer than a block").unwrap();
        (cek, sealed)
    }

    #[test]
    fn every_enc_round_trips_including_empty_plaintext() {
        for &enc in ContentEncryptionAlgorithm::ALL {
            let cek = generate_cek(enc).unwrap();
            assert_eq!(cek.len(), enc.key_len());
            for plaintext in [&b""[..], b"x", &[9u8; 33]] {
                let s = encrypt(enc, &cek, b"aad", plaintext).unwrap();
                assert_eq!(s.iv.len(), enc.iv_len());
                assert_eq!(
                    decrypt(enc, &cek, &s.iv, b"aad", &s.ciphertext, &s.tag).unwrap(),
                    plaintext
                );
            }
            let a = encrypt(enc, &cek, b"", b"same").unwrap();
            let b = encrypt(enc, &cek, b"", b"same").unwrap();
            assert_ne!(a.iv, b.iv, "IVs must be fresh");
        }
    }

    #[test]
    fn any_change_fails_with_the_one_error() {
        for &enc in ContentEncryptionAlgorithm::ALL {
            let (cek, s) = round_trip_material(enc);
            let flip = |v: &[u8], i: usize| {
                let mut v = v.to_vec();
                v[i] ^= 1;
                v
            };
            let wrong_key = vec![0u8; enc.key_len()];
            let last = s.ciphertext.len() - 1;
            for (what, result) in [
                (
                    "iv",
                    decrypt(enc, &cek, &flip(&s.iv, 0), b"aad", &s.ciphertext, &s.tag),
                ),
                (
                    "aad",
                    decrypt(enc, &cek, &s.iv, b"aae", &s.ciphertext, &s.tag),
                ),
                (
                    "ciphertext",
                    decrypt(enc, &cek, &s.iv, b"aad", &flip(&s.ciphertext, 0), &s.tag),
                ),
                (
                    "padding",
                    decrypt(enc, &cek, &s.iv, b"aad", &flip(&s.ciphertext, last), &s.tag),
                ),
                (
                    "tag",
                    decrypt(enc, &cek, &s.iv, b"aad", &s.ciphertext, &flip(&s.tag, 0)),
                ),
                (
                    "key",
                    decrypt(enc, &wrong_key, &s.iv, b"aad", &s.ciphertext, &s.tag),
                ),
                (
                    "short key",
                    decrypt(enc, &cek[1..], &s.iv, b"aad", &s.ciphertext, &s.tag),
                ),
            ] {
                let err = result.unwrap_err();
                assert_eq!(err, Error::decryption_failed(), "{enc} {what}");
            }
        }
    }

    #[test]
    fn wrong_iv_and_tag_lengths_are_refused_before_decrypting() {
        for &enc in ContentEncryptionAlgorithm::ALL {
            let (cek, s) = round_trip_material(enc);
            let long_tag = [s.tag.clone(), vec![0]].concat();
            let long_iv = [s.iv.clone(), vec![0]].concat();
            for (iv, tag) in [
                (&s.iv[..], &s.tag[..s.tag.len() - 1]),
                (&s.iv[..], &long_tag[..]),
                (&s.iv[..], &[][..]),
                (&s.iv[1..], &s.tag[..]),
                (&long_iv[..], &s.tag[..]),
                (&[][..], &s.tag[..]),
            ] {
                let err = decrypt(enc, &cek, iv, b"aad", &s.ciphertext, tag).unwrap_err();
                assert_eq!(err.kind(), ErrorKind::Malformed, "{enc}");
            }
        }
    }

    #[test]
    fn cbc_ciphertext_that_is_not_whole_blocks_fails() {
        for enc in [A128CbcHs256, A192CbcHs384, A256CbcHs512] {
            let (cek, s) = round_trip_material(enc);
            let short = &s.ciphertext[..s.ciphertext.len() - 1];
            assert_eq!(
                decrypt(enc, &cek, &s.iv, b"aad", short, &s.tag).unwrap_err(),
                Error::decryption_failed()
            );
        }
    }

    #[test]
    fn encrypting_checks_the_key_and_iv_lengths() {
        let err = encrypt_with_iv(A128Gcm, &[0; 32], vec![0; 12], b"", b"").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        let err = encrypt_with_iv(A128CbcHs256, &[0; 32], vec![0; 12], b"", b"").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
    }
}
