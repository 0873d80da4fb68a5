//! Keys that change: a shared set replaced under a live verifier, lenient parsing of a
//! provider's set, and serde for keys in configuration.

use jwt_core::{
    ErrorKind, Jwk, JwkSet, Jwt, RegisteredClaims, SharedJwkSet, SignatureAlgorithm, Verifier,
};
use serde_json::json;
use std::sync::Arc;

fn token(key: &Jwk) -> String {
    Jwt::new(RegisteredClaims {
        sub: Some("alice".into()),
        ..Default::default()
    })
    .sign(key)
    .unwrap()
}

fn es256() -> Jwk {
    Jwk::generate_for("ES256").unwrap().with_thumbprint_kid()
}

#[test]
fn a_shared_set_rotates_under_a_verifier_shared_across_threads() {
    let (old, new) = (es256(), es256());
    let keys = SharedJwkSet::new(JwkSet::new(vec![old.public().unwrap()]));
    let verifier = Arc::new(
        Verifier::<RegisteredClaims>::builder(keys.clone())
            .algorithms([SignatureAlgorithm::ES256])
            .no_exp()
            .build()
            .unwrap(),
    );
    let (from_old, from_new) = (token(&old), token(&new));
    assert!(verifier.verify(&from_old).is_ok());
    assert_eq!(
        verifier.verify(&from_new).unwrap_err().kind(),
        ErrorKind::KeyNotFound
    );
    let before = keys.snapshot();
    std::thread::scope(|scope| {
        scope.spawn(|| keys.store(JwkSet::new(vec![new.public().unwrap()])));
    });
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let (verifier, from_old, from_new) =
                (Arc::clone(&verifier), from_old.clone(), from_new.clone());
            std::thread::spawn(move || {
                (
                    verifier.verify(&from_new).is_ok(),
                    verifier.verify(&from_old).unwrap_err().kind(),
                )
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), (true, ErrorKind::KeyNotFound));
    }
    // A snapshot taken earlier is not changed by the replacement.
    assert_eq!(before.keys()[0].kid(), old.kid());
    assert_eq!(keys.snapshot().keys()[0].kid(), new.kid());
}

#[test]
fn a_shared_set_needs_a_named_allow_list() {
    let key = es256();
    let keys = SharedJwkSet::new(JwkSet::new(vec![key.public().unwrap()]));
    // The keys carry alg ES256, but a set that changes does not set the allow-list.
    assert_eq!(
        Verifier::<RegisteredClaims>::builder(keys)
            .build()
            .unwrap_err()
            .kind(),
        ErrorKind::AlgNotAllowed
    );
}

fn rsa_entry(kid: &str) -> serde_json::Value {
    let mut value = Jwk::generate_for("RS256")
        .unwrap()
        .public()
        .unwrap()
        .to_value();
    value["kid"] = kid.into();
    value
}

#[test]
fn lenient_parsing_skips_and_reports_broken_entries() {
    let good = rsa_entry("good");
    let text = json!({"keys": [
        {"kty": "RSA", "kid": "broken", "n": "!!", "e": "AQAB"},
        good,
        "not a key",
        {"kty": "EC", "kid": "odd-curve", "crv": "P-999", "x": "AA", "y": "AA"},
        {"kty": "oct", "kid": "bad-ops", "k": "AAAA", "use": "sig", "key_ops": ["encrypt"]},
    ]})
    .to_string();
    // Strict (the default): the broken RSA entry fails the set.
    assert_eq!(
        JwkSet::from_json(&text).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    let set = JwkSet::from_json_lenient(&text).unwrap();
    assert_eq!(set.keys().len(), 1);
    assert_eq!(set.find("good").unwrap().kid(), Some("good"));
    let skipped: Vec<_> = set
        .skipped()
        .iter()
        .map(|s| (s.index, s.kid.as_deref(), s.reason.kind()))
        .collect();
    assert_eq!(
        skipped,
        [
            (0, Some("broken"), ErrorKind::InvalidKey),
            (2, None, ErrorKind::Malformed),
            (3, Some("odd-curve"), ErrorKind::UnsupportedKey),
            (4, Some("bad-ops"), ErrorKind::InvalidKey),
        ]
    );
}

#[test]
fn lenient_parsing_still_judges_the_text() {
    for (text, kind) in [
        ("{", ErrorKind::Malformed),
        ("[]", ErrorKind::Malformed),
        (r#"{"keys": {}}"#, ErrorKind::Malformed),
        (r#"{"keys": [], "keys": []}"#, ErrorKind::DuplicateMember),
    ] {
        assert_eq!(
            JwkSet::from_json_lenient(text).unwrap_err().kind(),
            kind,
            "{text}"
        );
    }
    let huge = format!(r#"{{"keys": [], "x": "{}"}}"#, "a".repeat(1024 * 1024));
    assert_eq!(
        JwkSet::from_json_lenient(&huge).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Config {
    signing: Jwk,
    trusted: JwkSet,
}

#[test]
fn keys_and_sets_round_trip_through_serde() {
    let signing = Jwk::generate_for("HS256").unwrap().with_thumbprint_kid();
    let trusted = JwkSet::new(vec![es256().public().unwrap()]);
    let config = Config {
        signing: signing.clone(),
        trusted: trusted.clone(),
    };
    let text = serde_json::to_string(&config).unwrap();
    let back: Config = serde_json::from_str(&text).unwrap();
    assert_eq!(back.signing.to_json(), signing.to_json());
    assert_eq!(back.trusted.to_json(), trusted.to_json());
    let value = serde_json::to_value(&config).unwrap();
    assert_eq!(value["signing"], signing.to_value());
}

fn config_error(signing: &str, trusted: &str) -> String {
    let text = format!(r#"{{"signing": {signing}, "trusted": {trusted}}}"#);
    serde_json::from_str::<Config>(&text)
        .unwrap_err()
        .to_string()
}

#[test]
fn serde_applies_the_strict_rules() {
    let key = r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#;
    let set = r#"{"keys":[]}"#;
    assert!(
        serde_json::from_str::<Config>(&format!(r#"{{"signing": {key}, "trusted": {set}}}"#))
            .is_ok()
    );
    // A repeated member: serde_json::Value would keep the last one silently.
    let twice = r#"{"kty":"oct","k":"AAAA","k":"BBBB"}"#;
    assert!(config_error(twice, set).contains("duplicate member"));
    assert!(
        config_error(key, r#"{"keys":[{"kty":"oct","k":"AA","k":"AA"}]}"#)
            .contains("duplicate member")
    );
    // Invalid material, an unknown kty, and a set with a broken entry (strict).
    assert!(config_error(r#"{"kty":"oct","k":"A==="}"#, set).contains("invalid"));
    assert!(config_error(r#"{"kty":"nope"}"#, set).contains("nope"));
    let broken_set = r#"{"keys":[{"kty":"RSA","n":"!!","e":"AQAB"}]}"#;
    assert!(config_error(key, broken_set).contains("entry 0"));
    assert!(config_error(key, "[]").contains("\"keys\" array"));
    assert!(config_error("[]", set).contains("JSON object"));
    // Bounds: depth and size, whatever the format's own parser allows.
    let deep = format!(
        r#"{{"kty":"oct","k":"AA","x":{}{}}}"#,
        "[".repeat(20),
        "]".repeat(20)
    );
    assert!(config_error(&deep, set).contains("depth"));
    let big = format!(
        r#"{{"kty":"oct","k":"AA","x":"{}"}}"#,
        "a".repeat(70 * 1024)
    );
    assert!(config_error(&big, set).contains("size limit"));
}

#[test]
fn a_shared_set_decrypts_too() {
    use jwt_core::{ContentEncryptionAlgorithm as Enc, KeyManagementAlgorithm as Kma};
    let (signing, old, new) = (
        es256(),
        Jwk::generate_for("ECDH-ES+A256KW")
            .unwrap()
            .with_thumbprint_kid(),
        Jwk::generate_for("ECDH-ES+A256KW")
            .unwrap()
            .with_thumbprint_kid(),
    );
    let decryption = SharedJwkSet::new(JwkSet::new(vec![old.clone()]));
    let verifier = Verifier::<RegisteredClaims>::builder(signing.public().unwrap())
        .nested(decryption.clone())
        .key_management([Kma::EcdhEsA256Kw])
        .no_exp()
        .build()
        .unwrap();
    let nested = |to: &Jwk| {
        Jwt::new(RegisteredClaims::default())
            .signed(&signing)
            .unwrap()
            .encrypt(&to.public().unwrap(), Kma::EcdhEsA256Kw, Enc::A256Gcm)
            .unwrap()
    };
    assert!(verifier.verify(&nested(&old)).is_ok());
    assert!(verifier.verify(&nested(&new)).is_err());
    decryption.store(JwkSet::new(vec![new.clone()]));
    assert!(verifier.verify(&nested(&new)).is_ok());
    assert!(verifier.verify(&nested(&old)).is_err());
    // Without a named key-management list, a shared decryption set is refused.
    assert_eq!(
        Verifier::<RegisteredClaims>::builder(signing.public().unwrap())
            .nested(decryption)
            .build()
            .unwrap_err()
            .kind(),
        ErrorKind::AlgNotAllowed
    );
}

#[test]
fn a_shared_set_keeps_secret_and_public_algorithms_apart() {
    // Its keys are not known at build time, so main's rule against mixing secret and
    // public keys is held by the allow-list.
    let keys = SharedJwkSet::new(JwkSet::new(vec![es256().public().unwrap()]));
    let mixed = Verifier::<RegisteredClaims>::builder(keys.clone())
        .algorithms([SignatureAlgorithm::ES256, SignatureAlgorithm::HS256])
        .build()
        .unwrap_err();
    assert_eq!(mixed.kind(), ErrorKind::KeyTypeMismatch);
    for one_kind in [SignatureAlgorithm::ES256, SignatureAlgorithm::HS256] {
        assert!(Verifier::<RegisteredClaims>::builder(keys.clone())
            .algorithms([one_kind])
            .build()
            .is_ok());
    }
}
