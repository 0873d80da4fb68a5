use super::*;
use jwt_test_vectors::{b64, find, load, text};
use serde_json::Value;

fn components(jwk: &Value) -> RsaPrivateComponents {
    let get = |k: &str| Zeroizing::new(b64(jwk, k));
    RsaPrivateComponents {
        n: get("n"),
        e: get("e"),
        d: get("d"),
        p: get("p"),
        q: get("q"),
        dp: get("dp"),
        dq: get("dq"),
        qi: get("qi"),
    }
}

fn private(jwk: &Value) -> RsaPrivateKey {
    RsaPrivateKey::from_components(&components(jwk)).unwrap()
}

fn rfc7520(section: &str) -> Value {
    load(&format!("rfc7520/jws/{section}"))
}

#[test]
fn rfc7515_a2_rs256_byte_for_byte() {
    let file = load("rfc/rfc7515_appendix_a.json");
    let ex = find(&file, "rfc7515-A.2");
    let key = private(&ex["key"]);
    let input = text(ex, "signing_input").as_bytes();
    let expected = b64(ex, "signature_b64u");
    assert_eq!(
        key.sign(RsaSignature::Pkcs1Sha256, input).unwrap(),
        expected
    );
    assert_eq!(
        key.public()
            .verify(RsaSignature::Pkcs1Sha256, input, &expected),
        Ok(())
    );
}

#[test]
fn rfc7520_4_1_rs256_verifies_and_reproduces() {
    let v = rfc7520("4_1.rsa_v15_signature.json");
    let key = private(&v["input"]["key"]);
    let input = text(&v["signing"], "sig-input").as_bytes();
    let sig = b64(&v["signing"], "sig");
    let public = RsaPublicKey::from_components(key.public().n(), key.public().e()).unwrap();
    assert_eq!(
        public.verify(RsaSignature::Pkcs1Sha256, input, &sig),
        Ok(())
    );
    assert_eq!(key.sign(RsaSignature::Pkcs1Sha256, input).unwrap(), sig);
}

#[test]
fn rfc7520_4_2_ps384_verifies() {
    let v = rfc7520("4_2.rsa-pss_signature.json");
    let key = private(&v["input"]["key"]);
    let input = text(&v["signing"], "sig-input").as_bytes();
    let sig = b64(&v["signing"], "sig");
    let public = key.public();
    assert_eq!(public.verify(RsaSignature::PssSha384, input, &sig), Ok(()));
    // The same signature under another scheme or hash must fail.
    assert_eq!(
        public.verify(RsaSignature::PssSha256, input, &sig),
        Err(CryptoError)
    );
    assert_eq!(
        public.verify(RsaSignature::Pkcs1Sha384, input, &sig),
        Err(CryptoError)
    );
    let mut bad = sig.clone();
    bad[10] ^= 1;
    assert_eq!(
        public.verify(RsaSignature::PssSha384, input, &bad),
        Err(CryptoError)
    );
}

#[test]
fn pss_salt_must_be_the_hash_length() {
    use aws_lc_rs::signature::{RsaPssSaltLength, RSA_PSS_SHA256};
    let v = rfc7520("4_1.rsa_v15_signature.json");
    let key = private(&v["input"]["key"]);
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let mut sig = vec![0u8; 256];
    for salt in [
        RsaPssSaltLength::Custom(0),
        RsaPssSaltLength::Custom(20),
        RsaPssSaltLength::Max,
    ] {
        let encoding = match salt {
            RsaPssSaltLength::Custom(0) => {
                &const { RSA_PSS_SHA256.with_pss_salt_length(RsaPssSaltLength::Custom(0)) }
            }
            RsaPssSaltLength::Custom(_) => {
                &const { RSA_PSS_SHA256.with_pss_salt_length(RsaPssSaltLength::Custom(20)) }
            }
            _ => &const { RSA_PSS_SHA256.with_pss_salt_length(RsaPssSaltLength::Max) },
        };
        key.key_pair.sign(encoding, &rng, b"m", &mut sig).unwrap();
        assert_eq!(
            key.public().verify(RsaSignature::PssSha256, b"m", &sig),
            Err(CryptoError),
            "{salt:?}"
        );
    }
    let encoding = &const { RSA_PSS_SHA256.with_pss_salt_length(RsaPssSaltLength::Custom(32)) };
    key.key_pair.sign(encoding, &rng, b"m", &mut sig).unwrap();
    assert_eq!(
        key.public().verify(RsaSignature::PssSha256, b"m", &sig),
        Ok(())
    );
}

#[test]
fn every_scheme_round_trips_and_rejects_tampering() {
    let v = rfc7520("4_1.rsa_v15_signature.json");
    let key = private(&v["input"]["key"]);
    let other = private(&find(&load("rfc/rfc7515_appendix_a.json"), "rfc7515-A.2")["key"]);
    for alg in RsaSignature::ALL {
        let sig = key.sign(alg, b"message").unwrap();
        assert_eq!(sig.len(), 256);
        assert_eq!(
            key.public().verify(alg, b"message", &sig),
            Ok(()),
            "{alg:?}"
        );
        assert_eq!(key.public().verify(alg, b"messagf", &sig), Err(CryptoError));
        assert_eq!(
            other.public().verify(alg, b"message", &sig),
            Err(CryptoError)
        );
        // Exact length only: a leading zero byte or a truncation is refused.
        let mut longer = vec![0u8];
        longer.extend_from_slice(&sig);
        assert_eq!(
            key.public().verify(alg, b"message", &longer),
            Err(CryptoError)
        );
        assert_eq!(
            key.public().verify(alg, b"message", &sig[1..]),
            Err(CryptoError)
        );
    }
    // PSS is randomized; PKCS#1 v1.5 is not.
    let a = key.sign(RsaSignature::PssSha256, b"m").unwrap();
    let b = key.sign(RsaSignature::PssSha256, b"m").unwrap();
    assert_ne!(a, b);
}

#[cfg(feature = "jwe")]
#[test]
fn rfc7516_a1_oaep_encrypted_key() {
    let file = load("rfc/rfc7516_appendix_a.json");
    let ex = find(&file, "rfc7516-A.1");
    let key = private(&ex["key"]);
    let cek = key
        .decrypt(RsaEncryption::OaepSha1, &b64(ex, "encrypted_key_b64u"))
        .unwrap();
    assert_eq!(*cek, b64(ex, "cek_b64u"));
    assert_eq!(
        key.decrypt(RsaEncryption::OaepSha256, &b64(ex, "encrypted_key_b64u")),
        Err(CryptoError)
    );
}

#[cfg(feature = "jwe")]
#[test]
fn rfc7516_a2_rsa1_5_encrypted_key() {
    let file = load("rfc/rfc7516_appendix_a.json");
    let ex = find(&file, "rfc7516-A.2");
    let key = private(&ex["key"]);
    let cek = key.decrypt_pkcs1v15_or_random(&b64(ex, "encrypted_key_b64u"), 32);
    assert_eq!(*cek, b64(ex, "cek_b64u"));
}

#[cfg(feature = "jwe")]
#[test]
fn encryption_round_trips() {
    let file = load("rfc/rfc7516_appendix_a.json");
    let key = private(&find(&file, "rfc7516-A.1")["key"]);
    let cek = [0x42u8; 32];
    for alg in [
        RsaEncryption::OaepSha1,
        RsaEncryption::OaepSha256,
        RsaEncryption::OaepSha384,
        RsaEncryption::OaepSha512,
    ] {
        let ct = key.public().encrypt(alg, &cek).unwrap();
        assert_eq!(ct.len(), 256);
        assert_ne!(
            ct,
            key.public().encrypt(alg, &cek).unwrap(),
            "OAEP is randomized"
        );
        assert_eq!(*key.decrypt(alg, &ct).unwrap(), cek, "{alg:?}");
        let mut bad = ct.clone();
        bad[100] ^= 1;
        assert_eq!(key.decrypt(alg, &bad), Err(CryptoError));
        assert_eq!(key.decrypt(alg, &ct[1..]), Err(CryptoError));
    }
    let ct = key.public().encrypt(RsaEncryption::Pkcs1v15, &cek).unwrap();
    assert_eq!(*key.decrypt_pkcs1v15_or_random(&ct, 32), cek);
    assert_eq!(key.decrypt(RsaEncryption::Pkcs1v15, &ct), Err(CryptoError));
}

#[cfg(feature = "jwe")]
#[test]
fn rsa1_5_failure_yields_fresh_random_bytes_not_an_error() {
    let file = load("rfc/rfc7516_appendix_a.json");
    let ex = find(&file, "rfc7516-A.2");
    let key = private(&ex["key"]);
    let cek = b64(ex, "cek_b64u");
    let mut corrupt = b64(ex, "encrypted_key_b64u");
    corrupt[5] ^= 0x55;
    let a = key.decrypt_pkcs1v15_or_random(&corrupt, 32);
    let b = key.decrypt_pkcs1v15_or_random(&corrupt, 32);
    assert_eq!((a.len(), b.len()), (32, 32));
    assert_ne!(*a, *b);
    assert_ne!(*a, cek);
    // A valid decryption of the wrong length is also replaced, with the length asked for.
    let wrong_len = key.decrypt_pkcs1v15_or_random(&b64(ex, "encrypted_key_b64u"), 16);
    assert_eq!(wrong_len.len(), 16);
    assert_ne!(wrong_len[..], cek[..16]);
    // Truncated and empty ciphertexts too.
    assert_eq!(key.decrypt_pkcs1v15_or_random(&corrupt[1..], 48).len(), 48);
    assert_eq!(key.decrypt_pkcs1v15_or_random(&[], 64).len(), 64);
    // The no-RNG fallback is keyed by d and bound to the ciphertext.
    let mut x = [0u8; 40];
    let mut y = [0u8; 40];
    key.implicit_rejection(&corrupt, &mut x);
    key.implicit_rejection(&corrupt[1..], &mut y);
    assert_ne!(x, [0u8; 40]);
    assert_ne!(x, y);
}

#[cfg(feature = "pem")]
#[test]
fn from_n_e_d_recovers_the_primes() {
    let file = load("rfc/rfc7516_appendix_a.json");
    let jwk = &find(&file, "rfc7516-A.1")["key"];
    let full = components(jwk);
    let key = RsaPrivateKey::from_n_e_d(&full.n, &full.e, &full.d).unwrap();
    let got = key.components();
    let mut primes = [got.p.to_vec(), got.q.to_vec()];
    primes.sort();
    let mut expected = [full.p.to_vec(), full.q.to_vec()];
    expected.sort();
    assert_eq!(primes, expected);
    assert_eq!(*got.d, *full.d);
    if *got.p == *full.p {
        assert_eq!(
            (&*got.dp, &*got.dq, &*got.qi),
            (&*full.dp, &*full.dq, &*full.qi)
        );
    }
    // Same key: PKCS#1 v1.5 signatures are identical.
    let reference = private(jwk);
    assert_eq!(
        key.sign(RsaSignature::Pkcs1Sha256, b"x").unwrap(),
        reference.sign(RsaSignature::Pkcs1Sha256, b"x").unwrap()
    );
    // A d that does not belong to n is refused.
    let mut bad_d = full.d.to_vec();
    bad_d[20] ^= 1;
    assert!(RsaPrivateKey::from_n_e_d(&full.n, &full.e, &bad_d).is_err());
    assert!(RsaPrivateKey::from_n_e_d(&full.n, &full.e, &[]).is_err());
    assert!(RsaPrivateKey::from_n_e_d(&full.n, &full.e, &[0, 0]).is_err());
    assert!(RsaPrivateKey::from_n_e_d(&full.n, &full.e, &[1]).is_err());
    assert!(RsaPrivateKey::from_n_e_d(&full.n, &[3], &full.d).is_err());
    assert!(RsaPrivateKey::from_n_e_d(&full.n, &[], &full.d).is_err());
    assert!(RsaPrivateKey::from_n_e_d(&[], &full.e, &full.d).is_err());
    // Arbitrary d values (attacker-supplied JWKs) are refused without panicking.
    for len in [1, 2, 8, 100, 255, 256, 257] {
        let d = crate::crypto::rand::bytes(len).unwrap();
        assert!(
            RsaPrivateKey::from_n_e_d(&full.n, &full.e, &d).is_err(),
            "{len}"
        );
        assert!(
            RsaPrivateKey::from_n_e_d(&d, &full.e, &full.d).is_err(),
            "{len}"
        );
    }
    assert!(RsaPrivateKey::from_n_e_d(&full.n[1..], &full.e, &full.d).is_err());
}

#[test]
fn inconsistent_components_are_refused() {
    let file = load("rfc/rfc7516_appendix_a.json");
    let good = components(&find(&file, "rfc7516-A.1")["key"]);
    let mutations: [fn(&mut RsaPrivateComponents); 6] = [
        |c| c.n = Zeroizing::new(vec![0xff; 1025]),
        |c| c.d[5] ^= 1,
        |c| std::mem::swap(&mut c.dp, &mut c.dq),
        |c| c.qi[3] ^= 1,
        |c| c.n[200] ^= 2,
        |c| c.p = Zeroizing::new(vec![3]),
    ];
    for (i, mutate) in mutations.iter().enumerate() {
        let mut c = good.clone();
        mutate(&mut c);
        assert!(RsaPrivateKey::from_components(&c).is_err(), "mutation {i}");
    }
}

#[cfg(feature = "pem")]
#[test]
fn der_formats_round_trip() {
    let file = load("rfc/rfc7516_appendix_a.json");
    let key = private(&find(&file, "rfc7516-A.1")["key"]);
    let pkcs8 = key.to_pkcs8_der();
    let again = RsaPrivateKey::from_pkcs8_der(&pkcs8).unwrap();
    let (a, b) = (key.components(), again.components());
    for (x, y) in [
        (&a.n, &b.n),
        (&a.d, &b.d),
        (&a.p, &b.p),
        (&a.dq, &b.dq),
        (&a.qi, &b.qi),
    ] {
        assert_eq!(**x, **y);
    }
    let info = rsa::pkcs8::PrivateKeyInfoRef::from_der(&pkcs8).unwrap();
    let from_pkcs1 = RsaPrivateKey::from_pkcs1_der(info.private_key.as_bytes()).unwrap();
    assert_eq!(*from_pkcs1.components().q, *a.q);

    let spki = key.public().to_spki_der();
    let public = RsaPublicKey::from_spki_der(&spki).unwrap();
    assert_eq!(
        (public.n(), public.e()),
        (key.public().n(), key.public().e())
    );
    let parsed = rsa::pkcs8::SubjectPublicKeyInfoRef::from_der(&spki).unwrap();
    let pkcs1 = parsed.subject_public_key.as_bytes().unwrap();
    assert_eq!(
        RsaPublicKey::from_pkcs1_der(pkcs1).unwrap().n(),
        key.public().n()
    );

    // Wrong formats and garbage are refused.
    assert!(RsaPublicKey::from_spki_der(pkcs1).is_err());
    assert!(RsaPublicKey::from_pkcs1_der(&spki).is_err());
    assert!(RsaPrivateKey::from_pkcs8_der(info.private_key.as_bytes()).is_err());
    assert!(RsaPrivateKey::from_pkcs1_der(&pkcs8).is_err());
    assert!(RsaPrivateKey::from_pkcs8_der(&pkcs8[..pkcs8.len() - 1]).is_err());
    assert!(RsaPublicKey::from_spki_der(b"\x30\x00").is_err());
}

#[test]
fn public_components_are_normalized_and_checked() {
    let file = load("rfc/rfc7516_appendix_a.json");
    let key = private(&find(&file, "rfc7516-A.1")["key"]);
    let mut padded = vec![0u8, 0];
    padded.extend_from_slice(key.public().n());
    let public = RsaPublicKey::from_components(&padded, &[0, 1, 0, 1]).unwrap();
    assert_eq!(public.n(), key.public().n());
    assert_eq!(public.e(), &[1, 0, 1]);
    assert_eq!(public.modulus_bits(), 2048);
    #[cfg(feature = "pem")]
    assert_eq!(public.to_spki_der(), key.public().to_spki_der());
    assert!(RsaPublicKey::from_components(&[], &[1, 0, 1]).is_err());
    let mut too_big = vec![0xffu8; 1025];
    too_big[1024] = 0xfd;
    assert!(RsaPublicKey::from_components(&too_big, &[1, 0, 1]).is_err());
    assert!(RsaPublicKey::from_components(key.public().n(), &[0]).is_err());
    let mut even = key.public().n().to_vec();
    *even.last_mut().unwrap() &= 0xfe;
    assert!(RsaPublicKey::from_components(&even, &[1, 0, 1]).is_err());
}

#[test]
fn generate_sizes() {
    let key = RsaPrivateKey::generate(2048).unwrap();
    assert_eq!(key.public().modulus_bits(), 2048);
    let sig = key.sign(RsaSignature::PssSha512, b"m").unwrap();
    assert_eq!(
        key.public().verify(RsaSignature::PssSha512, b"m", &sig),
        Ok(())
    );
    assert_eq!(key.components().p.len(), 128);
    for bits in [0, 1024, 2047, 8192] {
        assert!(RsaPrivateKey::generate(bits).is_err(), "{bits}");
    }
}

#[test]
fn debug_is_redacted() {
    let file = load("rfc/rfc7516_appendix_a.json");
    let key = private(&find(&file, "rfc7516-A.1")["key"]);
    let shown = format!("{key:?} {:?}", key.components());
    assert!(!shown.contains('['), "{shown}");
    assert!(shown.contains("2048"));
}
