//! Conformance details at the edges of the RFCs: how a nested token's `cty` is read
//! (RFC 7515 §4.1.10), `x5c` in a JWK (RFC 7517 §4.7), an empty `protected` member in
//! the JWS JSON serializations (RFC 7515 §7.2.1), and the error kinds of refused keys.

use jwt_core::jwe::{JweBuilder, Recipient};
use jwt_core::jws::JwsVerifier;
use jwt_core::SignatureAlgorithm;
use jwt_core::{
    ContentEncryptionAlgorithm as Enc, ErrorKind, FixedClock, Jwk, Jwt,
    KeyManagementAlgorithm as Kma, RegisteredClaims, Verifier,
};
use jwt_test_vectors as vectors;

const NOW: i64 = 1_700_000_000;

struct Keys {
    sign: Jwk,
    encrypt: Jwk,
}

fn keys() -> Keys {
    Keys {
        sign: Jwk::generate_for("HS256").unwrap(),
        encrypt: Jwk::generate_for("A256KW").unwrap(),
    }
}

fn claims() -> RegisteredClaims {
    RegisteredClaims {
        sub: Some("alice".into()),
        exp: Some(jwt_core::NumericDate::from_seconds(NOW + 60)),
        ..RegisteredClaims::default()
    }
}

/// A signed token wrapped in a JWE whose protected header carries exactly this `cty`.
fn nested_with_cty(keys: &Keys, cty: &str) -> String {
    let inner = Jwt::new(claims()).sign(&keys.sign).unwrap();
    JweBuilder::new(inner.as_bytes(), Enc::A256Gcm)
        .cty(cty)
        .recipient(Recipient::new(&keys.encrypt, Kma::A256Kw))
        .compact()
        .unwrap()
}

fn nested_verifier(keys: &Keys) -> Verifier<RegisteredClaims> {
    Verifier::<RegisteredClaims>::builder(keys.sign.clone())
        .nested(keys.encrypt.clone())
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap()
}

fn encrypted_verifier(keys: &Keys) -> Verifier<RegisteredClaims> {
    Verifier::<RegisteredClaims>::builder(keys.encrypt.clone())
        .encrypted()
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap()
}

#[test]
fn nested_cty_is_read_as_rfc_7515_says_in_every_spelling() {
    let keys = keys();
    for cty in [
        "JWT",
        "jwt",
        "application/JWT",
        "application/jwt",
        "Application/Jwt",
    ] {
        let token = nested_with_cty(&keys, cty);
        let jwt = nested_verifier(&keys)
            .verify(&token)
            .unwrap_or_else(|e| panic!("cty {cty:?}: {e}"));
        assert_eq!(jwt.claims().sub.as_deref(), Some("alice"));
        assert_eq!(jwt.outer_header().unwrap()["cty"], cty);
        // A nested token is not an encrypted one, however its cty is spelled.
        let err = encrypted_verifier(&keys).verify(&token).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TokenTypeMismatch, "cty {cty:?}");
    }
}

#[test]
fn near_misses_of_the_jwt_media_type_are_not_nested_tokens() {
    let keys = keys();
    for cty in [
        " JWT",
        "JWT ",
        "application/jwt+json",
        "text/jwt",
        "jwt+json",
    ] {
        let token = nested_with_cty(&keys, cty);
        let err = nested_verifier(&keys).verify(&token).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TokenTypeMismatch, "cty {cty:?}");
    }
}

#[test]
fn issuing_a_nested_token_writes_the_canonical_cty() {
    let keys = keys();
    let token = Jwt::new(claims())
        .signed(&keys.sign)
        .unwrap()
        .encrypt(&keys.encrypt, Kma::A256Kw, Enc::A256Gcm)
        .unwrap();
    let jwt = nested_verifier(&keys).verify(&token).unwrap();
    assert_eq!(jwt.outer_header().unwrap()["cty"], "JWT");
}

/// RFC 7520 §4.7: a JWS whose only header is unprotected, so it has no `protected`
/// member, in both JSON serializations, with its key.
fn content_only_jws() -> (Jwk, serde_json::Value, serde_json::Value) {
    let v = vectors::load("rfc7520/jws/4_7.protecting_content_only.json");
    let key = Jwk::from_value(&v["input"]["key"]).unwrap();
    (
        key,
        v["output"]["json_flat"].clone(),
        v["output"]["json"].clone(),
    )
}

#[test]
fn an_empty_protected_member_is_refused_in_both_json_serializations() {
    let (key, flattened, general) = content_only_jws();
    let verifier = JwsVerifier::new([SignatureAlgorithm::HS256]);
    // Absent: fine (RFC 7515 §7.2.1).
    for token in [&flattened, &general] {
        verifier.verify(&token.to_string(), &key).unwrap();
    }
    // Present but empty: the signing input is the same, and still it is refused.
    let mut empty_flat = flattened.clone();
    empty_flat["protected"] = "".into();
    let mut empty_general = general.clone();
    empty_general["signatures"][0]["protected"] = "".into();
    for token in [empty_flat, empty_general] {
        let err = verifier.verify(&token.to_string(), &key).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidHeader, "{token}");
        assert!(err.message().contains("RFC 7515 §7.2.1"), "{err}");
    }
}
