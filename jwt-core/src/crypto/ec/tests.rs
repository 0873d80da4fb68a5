use super::*;
use jwt_test_vectors::{b64, find, load, text};
use serde_json::Value;

const ALL: [Curve; 4] = [Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1];

fn crv(jwk: &Value) -> Curve {
    match text(jwk, "crv") {
        "P-256" => Curve::P256,
        "P-384" => Curve::P384,
        "P-521" => Curve::P521,
        other => panic!("{other}"),
    }
}

fn private(jwk: &Value) -> EcPrivateKey {
    EcPrivateKey::from_components(crv(jwk), &b64(jwk, "d"), &b64(jwk, "x"), &b64(jwk, "y")).unwrap()
}

fn public(jwk: &Value) -> EcPublicKey {
    EcPublicKey::from_coordinates(crv(jwk), &b64(jwk, "x"), &b64(jwk, "y")).unwrap()
}

#[test]
fn rfc7515_a3_es256_and_a4_es512_verify() {
    let file = load("rfc/rfc7515_appendix_a.json");
    for id in ["rfc7515-A.3", "rfc7515-A.4"] {
        let ex = find(&file, id);
        let key = public(&ex["key"]);
        let input = text(ex, "signing_input").as_bytes();
        let sig = b64(ex, "signature_b64u");
        assert_eq!(key.verify(input, &sig), Ok(()), "{id}");
        let mut bad = sig.clone();
        bad[3] ^= 1;
        assert_eq!(key.verify(input, &bad), Err(CryptoError), "{id}");
        assert_eq!(key.verify(&input[1..], &sig), Err(CryptoError), "{id}");
        // The private key from the vector matches and produces verifiable signatures.
        let private = private(&ex["key"]);
        let own = private.sign(input).unwrap();
        assert_eq!(key.verify(input, &own), Ok(()), "{id}");
    }
}

#[test]
fn rfc7520_4_3_es512_verifies() {
    let v = load("rfc7520/jws/4_3.ecdsa_signature.json");
    let key = private(&v["input"]["key"]);
    assert_eq!(key.curve(), Curve::P521);
    let input = text(&v["signing"], "sig-input").as_bytes();
    let sig = b64(&v["signing"], "sig");
    assert_eq!(sig.len(), 132);
    assert_eq!(key.public().verify(input, &sig), Ok(()));
    assert_eq!(key.d(), b64(&v["input"]["key"], "d"));
}

#[test]
fn every_curve_round_trips() {
    for curve in ALL {
        let key = EcPrivateKey::generate(curve).unwrap();
        let len = key.d().len();
        assert_eq!(
            (key.curve(), key.public().x().len(), key.public().y().len()),
            (curve, len, len)
        );
        let sig = key.sign(b"message").unwrap();
        assert_eq!(sig.len(), 2 * len, "{curve:?}");
        assert_eq!(key.public().verify(b"message", &sig), Ok(()), "{curve:?}");
        assert_eq!(key.public().verify(b"messagf", &sig), Err(CryptoError));
        assert_eq!(key.public().verify(b"message", &sig[1..]), Err(CryptoError));
        let mut longer = vec![0u8];
        longer.extend_from_slice(&sig);
        assert_eq!(key.public().verify(b"message", &longer), Err(CryptoError));
        let other = EcPrivateKey::generate(curve).unwrap();
        assert_eq!(other.public().verify(b"message", &sig), Err(CryptoError));
        // Rebuilt from components, the key is the same key.
        let again =
            EcPrivateKey::from_components(curve, key.d(), key.public().x(), key.public().y())
                .unwrap();
        assert_eq!(
            key.public().verify(b"m", &again.sign(b"m").unwrap()),
            Ok(())
        );
    }
}

#[test]
fn invalid_points_are_rejected() {
    for curve in ALL {
        let key = EcPrivateKey::generate(curve).unwrap();
        let (x, y) = (key.public().x().to_vec(), key.public().y().to_vec());
        let len = x.len();
        let mut off = y.clone();
        off[len - 1] ^= 1;
        let zeros = vec![0u8; len];
        let huge = vec![0xffu8; len];
        let mut long = vec![0u8];
        long.extend_from_slice(&x);
        let cases: [(&[u8], &[u8], &str); 7] = [
            (&x, &off, "off curve"),
            (&zeros, &zeros, "identity / (0,0)"),
            (&huge, &huge, "coordinates >= p"),
            (&x[1..], &y, "short x"),
            (&x, &y[1..], "short y"),
            (&long, &y, "long x"),
            (&[], &[], "empty"),
        ];
        for (x, y, what) in cases {
            assert!(
                EcPublicKey::from_coordinates(curve, x, y).is_err(),
                "{curve:?}: {what}"
            );
        }
        assert!(EcPublicKey::from_coordinates(curve, &x, &y).is_ok());
    }
    let key = EcPrivateKey::generate(Curve::P256).unwrap();
    let (x, y) = (key.public().x(), key.public().y());
    assert!(EcPublicKey::from_coordinates(Curve::Ed25519, x, y).is_err());
    // The same coordinates on a curve of the same size are (overwhelmingly) off that curve.
    assert!(EcPublicKey::from_coordinates(Curve::Secp256k1, x, y).is_err());
}

#[test]
fn private_key_must_match_public_key() {
    for curve in ALL {
        let a = EcPrivateKey::generate(curve).unwrap();
        let b = EcPrivateKey::generate(curve).unwrap();
        let (x, y) = (a.public().x(), a.public().y());
        assert!(
            EcPrivateKey::from_components(curve, b.d(), x, y).is_err(),
            "{curve:?}"
        );
        assert!(EcPrivateKey::from_components(curve, &a.d()[1..], x, y).is_err());
        let zero = vec![0u8; a.d().len()];
        assert!(EcPrivateKey::from_components(curve, &zero, x, y).is_err());
        let mut bad_y = y.to_vec();
        bad_y[0] ^= 1;
        assert!(EcPrivateKey::from_components(curve, a.d(), x, &bad_y).is_err());
    }
}

#[cfg(feature = "jwe")]
#[test]
fn rfc7518_appendix_c_ecdh_both_directions() {
    let file = load("rfc/rfc7518_appendix_c.json");
    let ex = find(&file, "rfc7518-C");
    let z = jwt_test_vectors::hex(text(ex, "z_hex"));
    let recipient = private(&ex["recipient_key"]);
    let sender = private(&ex["sender_ephemeral_key"]);
    let epk = public(&ex["protected_header"]["epk"]);
    assert_eq!(*recipient.agree(&epk).unwrap(), z);
    assert_eq!(*sender.agree(recipient.public()).unwrap(), z);
}

#[cfg(feature = "jwe")]
#[test]
fn ecdh_with_generated_keys_and_mismatches() {
    for curve in [Curve::P256, Curve::P384, Curve::P521] {
        let a = EcPrivateKey::generate(curve).unwrap();
        let b = EcPrivateKey::generate(curve).unwrap();
        let ab = a.agree(b.public()).unwrap();
        assert_eq!(ab.len(), a.d().len());
        assert_eq!(*ab, *b.agree(a.public()).unwrap());
        assert_ne!(*ab, *a.agree(a.public()).unwrap());
    }
    let p256 = EcPrivateKey::generate(Curve::P256).unwrap();
    let p384 = EcPrivateKey::generate(Curve::P384).unwrap();
    assert_eq!(p256.agree(p384.public()), Err(CryptoError));
    assert_eq!(p384.agree(p256.public()), Err(CryptoError));
    let k1 = EcPrivateKey::generate(Curve::Secp256k1).unwrap();
    let k2 = EcPrivateKey::generate(Curve::Secp256k1).unwrap();
    assert_eq!(k1.agree(k2.public()), Err(CryptoError));
    assert_eq!(p256.agree(k1.public()), Err(CryptoError));
}

#[cfg(feature = "pem")]
#[test]
fn der_formats_round_trip() {
    use aws_lc_rs::encoding::EcPrivateKeyRfc5915Der;
    for curve in ALL {
        let key = EcPrivateKey::generate(curve).unwrap();
        let pkcs8 = key.to_pkcs8_der();
        let again = EcPrivateKey::from_pkcs8_der(&pkcs8).unwrap();
        assert_eq!((again.curve(), again.d()), (curve, key.d()));
        assert_eq!(again.public().x(), key.public().x());

        let sec1: EcPrivateKeyRfc5915Der<'static> = key.key_pair.private_key().as_der().unwrap();
        let from_sec1 = EcPrivateKey::from_sec1_der(sec1.as_ref()).unwrap();
        assert_eq!((from_sec1.curve(), from_sec1.d()), (curve, key.d()));

        let spki = key.public().to_spki_der();
        let public = EcPublicKey::from_spki_der(&spki).unwrap();
        assert_eq!(
            (public.curve(), public.x(), public.y()),
            (curve, key.public().x(), key.public().y())
        );

        assert!(EcPrivateKey::from_sec1_der(&pkcs8).is_err(), "{curve:?}");
        assert!(EcPrivateKey::from_pkcs8_der(sec1.as_ref()).is_err());
        assert!(EcPublicKey::from_spki_der(&spki[..spki.len() - 1]).is_err());
        assert!(crate::crypto::rsa::RsaPublicKey::from_spki_der(&spki).is_err());
    }
    let rsa = load("rfc/rfc7516_appendix_a.json");
    let jwk = &find(&rsa, "rfc7516-A.1")["key"];
    let rsa = crate::crypto::rsa::RsaPublicKey::from_components(&b64(jwk, "n"), &b64(jwk, "e"));
    assert!(EcPublicKey::from_spki_der(&rsa.unwrap().to_spki_der()).is_err());
}

#[test]
fn debug_is_redacted() {
    let key = EcPrivateKey::generate(Curve::P256).unwrap();
    let shown = format!("{key:?} {:?}", key.public());
    assert!(!shown.contains('['), "{shown}");
    assert!(shown.contains("P256"));
}
