use super::*;
#[cfg(any(feature = "jwe", feature = "curve448"))]
use jwt_test_vectors::hex;
use jwt_test_vectors::{b64, find, load, text};

fn rfc8037() -> serde_json::Value {
    load("rfc/rfc8037_appendix_a.json")
}

#[test]
fn rfc8037_a4_ed25519_byte_for_byte() {
    let file = rfc8037();
    let ex = find(&file, "rfc8037-A.4");
    let key = OkpPrivateKey::from_components(
        Curve::Ed25519,
        &b64(&ex["key"], "d"),
        &b64(&ex["key"], "x"),
    )
    .unwrap();
    let input = format!(
        "{}.{}",
        text(ex, "protected_b64u"),
        text(ex, "payload_b64u")
    );
    let expected = b64(ex, "signature_b64u");
    assert_eq!(key.sign(input.as_bytes()).unwrap(), expected);
    let public = OkpPublicKey::from_bytes(Curve::Ed25519, &b64(&ex["key"], "x")).unwrap();
    assert_eq!(public.verify(input.as_bytes(), &expected), Ok(()));
    let mut bad = expected.clone();
    bad[0] ^= 1;
    assert_eq!(public.verify(input.as_bytes(), &bad), Err(CryptoError));
    assert_eq!(public.verify(b"other", &expected), Err(CryptoError));
    assert_eq!(
        public.verify(input.as_bytes(), &expected[..63]),
        Err(CryptoError)
    );
}

#[test]
fn rfc8037_a1_public_key_derivation_and_mismatch() {
    let file = rfc8037();
    let jwk = &find(&file, "rfc8037-A.1")["jwk"];
    let (d, x) = (b64(jwk, "d"), b64(jwk, "x"));
    let key = OkpPrivateKey::from_private(Curve::Ed25519, &d).unwrap();
    assert_eq!((key.public().x(), key.d()), (&x[..], &d[..]));
    let mut wrong = x.clone();
    wrong[0] ^= 1;
    assert!(OkpPrivateKey::from_components(Curve::Ed25519, &d, &wrong).is_err());
    assert!(OkpPrivateKey::from_private(Curve::Ed25519, &d[1..]).is_err());
    assert!(OkpPrivateKey::from_private(Curve::X25519, &d).is_ok());
    assert!(OkpPrivateKey::from_private(Curve::P256, &d).is_err());
}

#[cfg(feature = "jwe")]
#[test]
fn rfc8037_a6_x25519() {
    let file = rfc8037();
    let ex = find(&file, "rfc8037-A.6");
    let eph = &ex["ephemeral_private_jwk"];
    assert_eq!(b64(eph, "d"), hex(text(ex, "ephemeral_secret_hex")));
    let key =
        OkpPrivateKey::from_components(Curve::X25519, &b64(eph, "d"), &b64(eph, "x")).unwrap();
    let bob = OkpPublicKey::from_bytes(Curve::X25519, &b64(&ex["recipient_public_key"], "x"));
    assert_eq!(*key.agree(&bob.unwrap()).unwrap(), hex(text(ex, "z_hex")));
}

#[cfg(feature = "jwe")]
#[test]
fn rfc7748_5_2_x25519_scalar_multiplication() {
    let key = OkpPrivateKey::from_private(
        Curve::X25519,
        &hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
    )
    .unwrap();
    let u = hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
    let peer = OkpPublicKey::from_bytes(Curve::X25519, &u).unwrap();
    assert_eq!(
        *key.agree(&peer).unwrap(),
        hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")
    );
}

#[cfg(feature = "jwe")]
#[test]
fn x25519_low_order_points_are_rejected() {
    let key = OkpPrivateKey::generate(Curve::X25519).unwrap();
    let mut one = [0u8; 32];
    one[0] = 1;
    // 0 and 1 have order 1 and 4; the third has order 8 (RFC 7748 §6.1 / libsodium list).
    let order8 = hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
    for point in [&[0u8; 32][..], &one[..], &order8[..]] {
        let peer = OkpPublicKey::from_bytes(Curve::X25519, point).unwrap();
        assert_eq!(key.agree(&peer), Err(CryptoError), "{point:?}");
    }
}

#[test]
fn ed25519_invalid_points_are_rejected() {
    // y = 2 is not the y-coordinate of any point; the identity (y = 1) has small order.
    let mut not_on_curve = [0u8; 32];
    not_on_curve[0] = 2;
    let mut identity = [0u8; 32];
    identity[0] = 1;
    assert!(OkpPublicKey::from_bytes(Curve::Ed25519, &not_on_curve).is_err());
    assert!(OkpPublicKey::from_bytes(Curve::Ed25519, &identity).is_err());
    assert!(OkpPublicKey::from_bytes(Curve::Ed25519, &[0u8; 31]).is_err());
    assert!(OkpPublicKey::from_bytes(Curve::X25519, &[0u8; 33]).is_err());
    assert!(OkpPublicKey::from_bytes(Curve::P256, &[0u8; 32]).is_err());
}

#[test]
fn round_trips_and_cross_use() {
    let ed = OkpPrivateKey::generate(Curve::Ed25519).unwrap();
    let sig = ed.sign(b"m").unwrap();
    assert_eq!(ed.public().verify(b"m", &sig), Ok(()));
    let other = OkpPrivateKey::generate(Curve::Ed25519).unwrap();
    assert_eq!(other.public().verify(b"m", &sig), Err(CryptoError));

    let a = OkpPrivateKey::generate(Curve::X25519).unwrap();
    #[cfg(feature = "jwe")]
    let b = OkpPrivateKey::generate(Curve::X25519).unwrap();
    #[cfg(feature = "jwe")]
    assert_eq!(*a.agree(b.public()).unwrap(), *b.agree(a.public()).unwrap());
    // Signing keys do not agree and agreement keys do not sign or verify.
    #[cfg(feature = "jwe")]
    assert_eq!(ed.agree(other.public()), Err(CryptoError));
    assert_eq!(a.sign(b"m"), Err(CryptoError));
    assert_eq!(a.public().verify(b"m", &sig), Err(CryptoError));
    // Curve mismatch.
    #[cfg(feature = "jwe")]
    assert_eq!(a.agree(ed.public()), Err(CryptoError));
}

#[cfg(feature = "pem")]
#[test]
fn der_formats_round_trip() {
    for curve in curves() {
        let key = OkpPrivateKey::generate(curve).unwrap();
        let pkcs8 = key.to_pkcs8_der();
        let again = OkpPrivateKey::from_pkcs8_der(&pkcs8).unwrap();
        assert_eq!((again.curve(), again.d()), (curve, key.d()));
        let spki = key.public().to_spki_der();
        let public = OkpPublicKey::from_spki_der(&spki).unwrap();
        assert_eq!((public.curve(), public.x()), (curve, key.public().x()));
        assert!(OkpPublicKey::from_spki_der(&pkcs8).is_err());
        assert!(OkpPrivateKey::from_pkcs8_der(&spki).is_err());
        assert!(crate::crypto::ec::EcPublicKey::from_spki_der(&spki).is_err());
    }
    // aws-lc-rs's own Ed25519 PKCS#8 (v2, with the public key) is read too.
    let doc = Ed25519KeyPair::generate_pkcs8(&aws_lc_rs::rand::SystemRandom::new()).unwrap();
    let key = OkpPrivateKey::from_pkcs8_der(doc.as_ref()).unwrap();
    let theirs = Ed25519KeyPair::from_pkcs8(doc.as_ref()).unwrap();
    assert_eq!(key.public().x(), theirs.public_key().as_ref());
    // Its public key ends the document: one that is not `d`'s is refused.
    let mut mismatched = doc.as_ref().to_vec();
    *mismatched.last_mut().unwrap() ^= 1;
    assert!(OkpPrivateKey::from_pkcs8_der(&mismatched).is_err());
    let ec = crate::crypto::ec::EcPrivateKey::generate(Curve::P256).unwrap();
    assert!(OkpPrivateKey::from_pkcs8_der(&ec.to_pkcs8_der()).is_err());
}

#[cfg(feature = "pem")]
fn curves() -> Vec<Curve> {
    let mut all = vec![Curve::Ed25519, Curve::X25519];
    if cfg!(feature = "curve448") {
        all.extend([Curve::Ed448, Curve::X448]);
    }
    all
}

#[test]
fn curve448_availability_follows_the_feature() {
    let available = cfg!(feature = "curve448");
    assert_eq!(OkpPrivateKey::generate(Curve::Ed448).is_ok(), available);
    assert_eq!(OkpPrivateKey::generate(Curve::X448).is_ok(), available);
}

#[test]
fn debug_is_redacted() {
    let key = OkpPrivateKey::generate(Curve::Ed25519).unwrap();
    let shown = format!("{key:?} {:?}", key.public());
    assert!(!shown.contains('['), "{shown}");
    assert!(shown.contains("Ed25519"));
}

#[cfg(feature = "curve448")]
mod curve448 {
    use super::*;

    /// RFC 8032 §7.4 "Blank".
    #[test]
    fn rfc8032_ed448_blank() {
        let d = hex(
            "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3\
             528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
        );
        let x = hex(
            "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778\
             edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
        );
        let sig = hex(
            "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f\
             2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a\
             9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4db\
             b61149f05a7363268c71d95808ff2e652600",
        );
        let key = OkpPrivateKey::from_components(Curve::Ed448, &d, &x).unwrap();
        assert_eq!(key.sign(b"").unwrap(), sig);
        assert_eq!(key.public().verify(b"", &sig), Ok(()));
        assert_eq!(key.public().verify(b"x", &sig), Err(CryptoError));
        assert_eq!(key.public().verify(b"", &sig[..113]), Err(CryptoError));
        let mut bad = sig.clone();
        bad[5] ^= 1;
        assert_eq!(key.public().verify(b"", &bad), Err(CryptoError));
        let mut wrong_x = x.clone();
        wrong_x[3] ^= 1;
        assert!(OkpPrivateKey::from_components(Curve::Ed448, &d, &wrong_x).is_err());
    }

    #[test]
    fn ed448_round_trip_and_invalid_point() {
        let key = OkpPrivateKey::generate(Curve::Ed448).unwrap();
        let sig = key.sign(b"message").unwrap();
        assert_eq!(sig.len(), 114);
        assert_eq!(key.public().verify(b"message", &sig), Ok(()));
        // A wrong length, then small-order points of the right length: y = 0 (order 4)
        // and (0, -1) (order 2).
        assert!(OkpPublicKey::from_bytes(Curve::Ed448, &[0u8; 56]).is_err());
        assert!(OkpPublicKey::from_bytes(Curve::Ed448, &[0u8; 57]).is_err());
        let minus_one = hex("fefffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffffffffffffffffffffffffffffffffffffffffffffffffff00");
        assert!(OkpPublicKey::from_bytes(Curve::Ed448, &minus_one).is_err());
        // The identity encoding (y = 1) is refused.
        let mut identity = [0u8; 57];
        identity[0] = 1;
        assert!(OkpPublicKey::from_bytes(Curve::Ed448, &identity).is_err());
    }

    /// RFC 8037 A.7 (the RFC 7748 §6.2 keys).
    #[cfg(feature = "jwe")]
    #[test]
    fn rfc8037_a7_x448() {
        let file = rfc8037();
        let ex = find(&file, "rfc8037-A.7");
        let eph = &ex["ephemeral_private_jwk"];
        assert_eq!(b64(eph, "d"), hex(text(ex, "ephemeral_secret_hex")));
        let key = OkpPrivateKey::from_components(Curve::X448, &b64(eph, "d"), &b64(eph, "x"));
        let key = key.unwrap();
        let dave = OkpPublicKey::from_bytes(Curve::X448, &b64(&ex["recipient_public_key"], "x"));
        assert_eq!(*key.agree(&dave.unwrap()).unwrap(), hex(text(ex, "z_hex")));
    }

    /// RFC 7748 §5.2, first X448 vector.
    #[cfg(feature = "jwe")]
    #[test]
    fn rfc7748_5_2_x448_scalar_multiplication() {
        let key = OkpPrivateKey::from_private(
            Curve::X448,
            &hex("3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121\
                  700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3"),
        )
        .unwrap();
        let u = hex("06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9\
                     814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086");
        let peer = OkpPublicKey::from_bytes(Curve::X448, &u).unwrap();
        assert_eq!(
            *key.agree(&peer).unwrap(),
            hex("ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239f\
                 e14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f")
        );
    }

    #[cfg(feature = "jwe")]
    #[test]
    fn x448_low_order_points_and_round_trip() {
        let a = OkpPrivateKey::generate(Curve::X448).unwrap();
        let b = OkpPrivateKey::generate(Curve::X448).unwrap();
        assert_eq!(*a.agree(b.public()).unwrap(), *b.agree(a.public()).unwrap());
        let mut one = [0u8; 56];
        one[0] = 1;
        for point in [&[0u8; 56][..], &one[..]] {
            let peer = OkpPublicKey::from_bytes(Curve::X448, point).unwrap();
            assert_eq!(a.agree(&peer), Err(CryptoError));
        }
        let x25519 = OkpPrivateKey::generate(Curve::X25519).unwrap();
        assert_eq!(a.agree(x25519.public()), Err(CryptoError));
    }
}
