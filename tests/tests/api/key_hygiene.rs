//! Key hygiene at import and at verifier construction: ROCA moduli, RSA public
//! exponents, a verifier key set mixing secret and public keys, and secrets that never
//! show in `Debug` or `Display`.

use jwt_core::{ErrorKind, Jwk, JwkSet, RegisteredClaims, Verifier};
use serde_json::{json, Value};

/// `65537^128` (2049 bits): in the subgroup 65537 generates modulo every small prime, so
/// it carries the ROCA fingerprint (CVE-2017-15361) as the moduli of Infineon's RSALib
/// keys do.
const ROCA_MODULUS: &str = "AQCAH8U2ItemOdvAuh3CYd6meB6-F3qiRRF_kOTYh4wfVcOe0wxKYEIqcck0X_dMh27LcJUNm1cegMcsHuwVfrLmYD4E6AbrGDnRVwNR2ezupy-nrIS3sMXn64KRT6BZ0pZ2SLnY8c3cq0Zmhx4fF6nLVStlpsZmBwj9tuOK5ipNMK9HkcQj44dOFrvbyw4fVO1NUjBaT4RyJ0sNqSF3jiQWNms6QqIwD2xOFvDBWDAr3qu5K6uDynfvQqlIfwfk5QHlZ3OBqDFHg56I7-TQvnnoE-OqWNK8wVBbJ0LYOJQnGzd-s_EIm0g3RquiJYE0Hm7FzQT3IsflNYAfwACAAAE";

fn import_kind(jwk: &Value) -> Option<ErrorKind> {
    Jwk::from_json(&jwk.to_string()).err().map(|e| e.kind())
}

fn generated_rsa() -> Value {
    Jwk::generate_for("RS256").unwrap().to_value()
}

#[test]
fn roca_moduli_are_weak_keys_public_and_private() {
    let public = json!({"kty": "RSA", "n": ROCA_MODULUS, "e": "AQAB"});
    let err = Jwk::from_json(&public.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WeakKey);
    assert!(err.message().contains("ROCA"), "{err}");
    // A private key is judged by its modulus before anything else about it.
    let mut private = generated_rsa();
    private["n"] = json!(ROCA_MODULUS);
    assert_eq!(import_kind(&private), Some(ErrorKind::WeakKey));
    // Generated keys never have it, and keep the exponent 65537.
    for _ in 0..3 {
        let key = generated_rsa();
        assert_eq!(key["e"], "AQAB");
        assert_eq!(import_kind(&key), None);
    }
}

#[test]
fn rsa_public_exponents_are_odd_and_at_least_3() {
    let n = generated_rsa()["n"].clone();
    for (e, ok) in [
        ("AQ", false),    // 1
        ("Ag", false),    // 2
        ("AQAA", false),  // 65536
        ("Aw", true),     // 3
        ("AQAB", true),   // 65537
        ("AQAAAQ", true), // 2^24 + 1
    ] {
        let key = json!({"kty": "RSA", "n": n, "e": e});
        let expected = if ok {
            None
        } else {
            Some(ErrorKind::InvalidKey)
        };
        assert_eq!(import_kind(&key), expected, "e = {e}");
    }
}

#[test]
fn ec_points_off_the_curve_and_okp_keys_of_the_wrong_length_are_invalid() {
    let ec = Jwk::generate_for("ES256")
        .unwrap()
        .public()
        .unwrap()
        .to_value();
    let zero = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; // 32 zero bytes: (0, 0)
    for (x, y) in [(zero, zero), (ec["x"].as_str().unwrap(), zero)] {
        let mut bad = ec.clone();
        bad["x"] = json!(x);
        bad["y"] = json!(y);
        assert_eq!(import_kind(&bad), Some(ErrorKind::InvalidKey), "{bad}");
    }
    let okp = Jwk::generate_for("EdDSA")
        .unwrap()
        .public()
        .unwrap()
        .to_value();
    for x in ["AAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
        let mut bad = okp.clone();
        bad["x"] = json!(x);
        assert_eq!(import_kind(&bad), Some(ErrorKind::InvalidKey), "{bad}");
    }
}

#[test]
fn a_verifier_never_mixes_secret_and_public_keys() {
    let hmac = Jwk::generate_for("HS256").unwrap();
    let rsa = Jwk::generate_for("RS256").unwrap().public().unwrap();
    let mixed = JwkSet::new(vec![hmac.clone(), rsa.clone()]);
    let err = Verifier::<RegisteredClaims>::builder(mixed)
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyTypeMismatch);
    assert!(err.message().contains("secret"), "{err}");
    // Each kind alone is fine, and so are two verifiers.
    Verifier::<RegisteredClaims>::builder(JwkSet::new(vec![hmac]))
        .build()
        .unwrap();
    Verifier::<RegisteredClaims>::builder(JwkSet::new(vec![rsa]))
        .build()
        .unwrap();
}

#[test]
fn debug_and_display_never_show_key_material() {
    let mut keys = Vec::new();
    for alg in [
        "HS256", "RS256", "ES256", "ES256K", "EdDSA", "A128KW", "ECDH-ES", "dir",
    ] {
        let key = if alg == "dir" {
            Jwk::generate_oct(256).unwrap()
        } else {
            Jwk::generate_for(alg).unwrap()
        };
        keys.push(key);
    }
    for key in &keys {
        let json = key.to_value();
        let secrets: Vec<&str> = ["d", "k", "p", "q", "dp", "dq", "qi"]
            .iter()
            .filter_map(|name| json.get(*name).and_then(Value::as_str))
            .collect();
        assert!(!secrets.is_empty(), "{key:?} has no private member");
        let shown = [
            format!("{key:?}"),
            format!("{key:#?}"),
            format!("{:?}", JwkSet::new(vec![key.clone()])),
            // Errors about the key: a refused use, and a refused import of its JSON.
            format!("{:?}", key.public().err()),
            format!(
                "{:?}",
                Jwk::from_json(&json.to_string().replace("\"kty\"", "\"kty\":1,\"x\"")).err()
            ),
        ];
        for text in &shown {
            for secret in &secrets {
                // Any 8-character window of the secret would be a leak.
                let probe = &secret[..secret.len().min(8)];
                assert!(!text.contains(probe), "{text} shows {probe}");
            }
        }
    }
}
