//! Known-answer and rejection tests of ML-DSA keys: the RFC 9964 examples
//! (`tests/vectors/ml-dsa/`), lengths, tampering and the PKCS#8 forms.

use super::*;
use jwt_test_vectors::{b64, hex, load, text};

const ALGS: [SignatureAlgorithm; 3] = [
    SignatureAlgorithm::MlDsa44,
    SignatureAlgorithm::MlDsa65,
    SignatureAlgorithm::MlDsa87,
];

fn vector(alg: SignatureAlgorithm) -> serde_json::Value {
    let n = &alg.name()["ML-DSA-".len()..];
    load(&format!("ml-dsa/ML_DSA_{n}.jose.json"))
}

#[test]
fn the_all_zero_seed_expands_to_the_examples_public_key() {
    for alg in ALGS {
        let v = vector(alg);
        let seed = hex(text(&v, "priv"));
        assert_eq!(seed, [0u8; 32], "{alg}");
        let key = MlDsaPrivateKey::from_seed(alg, &seed).unwrap();
        assert_eq!(key.public().raw(), hex(text(&v, "raw_public_key")), "{alg}");
        assert_eq!(key.public().raw(), b64(&v["jwk"], "pub"), "{alg}");
        assert_eq!(key.seed(), b64(&v["jwk"], "priv"), "{alg}");
    }
}

#[test]
fn the_examples_signatures_verify_and_tampering_is_refused() {
    for alg in ALGS {
        let v = vector(alg);
        let public = MlDsaPublicKey::from_bytes(alg, &hex(text(&v, "raw_public_key"))).unwrap();
        let input = hex(text(&v, "raw_to_be_signed"));
        let sig = hex(text(&v, "raw_signature"));
        assert_eq!(sig.len(), alg.fixed_signature_len().unwrap());
        // The compact JWS of the example is the same input and signature.
        let jws = text(&v, "jws");
        let (signed, sig_b64) = jws.rsplit_once('.').unwrap();
        assert_eq!(signed.as_bytes(), input.as_slice());
        assert_eq!(crate::base64url::decode(sig_b64).unwrap(), sig);
        assert_eq!(public.verify(&input, &sig), Ok(()), "{alg}");
        let mut bad = sig.clone();
        bad[10] ^= 1;
        assert_eq!(public.verify(&input, &bad), Err(CryptoError), "{alg}");
        let mut other_input = input.clone();
        other_input[0] ^= 1;
        assert_eq!(public.verify(&other_input, &sig), Err(CryptoError));
        assert_eq!(
            public.verify(&input, &sig[..sig.len() - 1]),
            Err(CryptoError)
        );
        let mut longer = sig.clone();
        longer.push(0);
        assert_eq!(public.verify(&input, &longer), Err(CryptoError));
    }
}

#[test]
fn sign_verify_round_trip_and_parameter_sets_do_not_mix() {
    for alg in ALGS {
        let key = MlDsaPrivateKey::generate(alg).unwrap();
        let sig = key.sign(b"message").unwrap();
        assert_eq!(sig.len(), alg.fixed_signature_len().unwrap());
        assert_eq!(key.public().verify(b"message", &sig), Ok(()));
        assert_eq!(key.public().verify(b"messagE", &sig), Err(CryptoError));
        // Hedged signing: two signatures of one message differ, and both verify.
        let again = key.sign(b"message").unwrap();
        assert_ne!(sig, again);
        assert_eq!(key.public().verify(b"message", &again), Ok(()));
        // Another key of the same set does not verify it.
        let other = MlDsaPrivateKey::generate(alg).unwrap();
        assert_eq!(other.public().verify(b"message", &sig), Err(CryptoError));
    }
    // A public key of one parameter set is not one of another (lengths differ).
    let k44 = MlDsaPrivateKey::generate(SignatureAlgorithm::MlDsa44).unwrap();
    for alg in [SignatureAlgorithm::MlDsa65, SignatureAlgorithm::MlDsa87] {
        assert!(MlDsaPublicKey::from_bytes(alg, k44.public().raw()).is_err());
    }
    // Seeds are the same length for every set, but expand to different keys.
    let seed = [7u8; 32];
    let a = MlDsaPrivateKey::from_seed(SignatureAlgorithm::MlDsa44, &seed).unwrap();
    let b = MlDsaPrivateKey::from_seed(SignatureAlgorithm::MlDsa65, &seed).unwrap();
    let sig = a.sign(b"m").unwrap();
    assert_eq!(b.public().verify(b"m", &sig), Err(CryptoError));
}

#[test]
fn wrong_lengths_and_algorithms_are_refused() {
    for alg in ALGS {
        let len = public_len(alg).unwrap();
        for bad in [0, len - 1, len + 1] {
            assert!(MlDsaPublicKey::from_bytes(alg, &vec![1u8; bad]).is_err());
        }
        for bad in [0, 31, 33, 64] {
            assert!(MlDsaPrivateKey::from_seed(alg, &vec![1u8; bad]).is_err());
        }
    }
    assert!(MlDsaPublicKey::from_bytes(SignatureAlgorithm::EdDSA, &[0u8; 32]).is_err());
    assert!(MlDsaPrivateKey::from_seed(SignatureAlgorithm::ES256, &[0u8; 32]).is_err());
    assert_eq!(public_len(SignatureAlgorithm::RS256), None);
}

#[test]
fn a_seed_must_expand_to_the_public_key_given_with_it() {
    let v = vector(SignatureAlgorithm::MlDsa44);
    let public = hex(text(&v, "raw_public_key"));
    let alg = SignatureAlgorithm::MlDsa44;
    MlDsaPrivateKey::from_components(alg, &[0u8; 32], &public).unwrap();
    assert!(MlDsaPrivateKey::from_components(alg, &[1u8; 32], &public).is_err());
    let mut other = public.clone();
    other[100] ^= 1;
    assert!(MlDsaPrivateKey::from_components(alg, &[0u8; 32], &other).is_err());
}

#[cfg(feature = "pem")]
mod der_forms {
    use super::*;
    use rsa::pkcs8::der::asn1::OctetStringRef;
    use rsa::pkcs8::der::{Encode, Sequence};

    #[derive(Sequence)]
    struct Both<'a> {
        seed: &'a OctetStringRef,
        expanded: &'a OctetStringRef,
    }

    fn pkcs8(alg: SignatureAlgorithm, private_key: &[u8]) -> Vec<u8> {
        let info = rsa::pkcs8::PrivateKeyInfoRef {
            algorithm: rsa::pkcs8::AlgorithmIdentifierRef {
                oid: params(alg).unwrap().oid,
                parameters: None,
            },
            private_key: OctetStringRef::new(private_key).unwrap(),
            public_key: None,
        };
        info.to_der().unwrap()
    }

    fn expanded(alg: SignatureAlgorithm, seed: &[u8]) -> Vec<u8> {
        use aws_lc_rs::encoding::AsRawBytes;
        let pair = PqdsaKeyPair::from_seed(params(alg).unwrap().sign, seed).unwrap();
        pair.private_key().as_raw_bytes().unwrap().as_ref().to_vec()
    }

    #[test]
    fn spki_and_pkcs8_round_trip() {
        for alg in ALGS {
            let key = MlDsaPrivateKey::generate(alg).unwrap();
            let der = key.to_pkcs8_der();
            let again = MlDsaPrivateKey::from_pkcs8_der(&der).unwrap();
            assert_eq!(again.seed(), key.seed());
            assert_eq!(again.alg(), alg);
            let spki = key.public().to_spki_der();
            let public = MlDsaPublicKey::from_spki_der(&spki).unwrap();
            assert_eq!(public.raw(), key.public().raw());
            assert_eq!(public.alg(), alg);
        }
    }

    #[test]
    fn the_seed_and_both_forms_are_read_the_expanded_form_alone_is_not() {
        let alg = SignatureAlgorithm::MlDsa65;
        let seed = [9u8; 32];
        let expanded = expanded(alg, &seed);
        // seed [0] IMPLICIT OCTET STRING
        let mut seed_form = vec![0x80, 32];
        seed_form.extend_from_slice(&seed);
        let key = MlDsaPrivateKey::from_pkcs8_der(&pkcs8(alg, &seed_form)).unwrap();
        assert_eq!(key.seed(), seed);
        // both SEQUENCE { seed, expandedKey }
        let both = Both {
            seed: OctetStringRef::new(&seed).unwrap(),
            expanded: OctetStringRef::new(&expanded).unwrap(),
        }
        .to_der()
        .unwrap();
        let key = MlDsaPrivateKey::from_pkcs8_der(&pkcs8(alg, &both)).unwrap();
        assert_eq!(key.seed(), seed);
        // both, with an expanded key of another seed: refused.
        let other = self::expanded(alg, &[8u8; 32]);
        let mismatched = Both {
            seed: OctetStringRef::new(&seed).unwrap(),
            expanded: OctetStringRef::new(&other).unwrap(),
        }
        .to_der()
        .unwrap();
        assert!(MlDsaPrivateKey::from_pkcs8_der(&pkcs8(alg, &mismatched)).is_err());
        // expandedKey OCTET STRING alone: no seed for `priv`.
        let alone = OctetStringRef::new(&expanded).unwrap().to_der().unwrap();
        assert!(MlDsaPrivateKey::from_pkcs8_der(&pkcs8(alg, &alone)).is_err());
        // A seed of the wrong length, trailing bytes, a seed under another set's OID.
        let mut short = vec![0x80, 31];
        short.extend_from_slice(&seed[..31]);
        assert!(MlDsaPrivateKey::from_pkcs8_der(&pkcs8(alg, &short)).is_err());
        let mut trailing = seed_form.clone();
        trailing.push(0);
        assert!(MlDsaPrivateKey::from_pkcs8_der(&pkcs8(alg, &trailing)).is_err());
        let under_44 = pkcs8(SignatureAlgorithm::MlDsa44, &both);
        assert!(MlDsaPrivateKey::from_pkcs8_der(&under_44).is_err());
    }
}
