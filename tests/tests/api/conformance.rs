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

/// RFC 7517 App. B: an RSA public key whose `x5c` holds its certificate.
fn key_with_x5c() -> serde_json::Value {
    vectors::load("rfc/rfc7517_appendix_a_b.json")["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "jwk_with_x5c")
        .expect("RFC 7517 App. B example")["jwk"]
        .clone()
}

fn certificate_der(jwk: &serde_json::Value) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(jwk["x5c"][0].as_str().unwrap())
        .unwrap()
}

fn import_error(jwk: &serde_json::Value) -> jwt_core::Error {
    Jwk::from_json(&jwk.to_string()).expect_err(&jwk.to_string())
}

#[test]
fn a_consistent_x5c_imports_and_is_written_back() {
    let jwk = key_with_x5c();
    let key = Jwk::from_json(&jwk.to_string()).unwrap();
    assert_eq!(key.to_value()["x5c"], jwk["x5c"]);
    // With its thumbprints, which must be the first certificate's.
    let der = certificate_der(&jwk);
    let mut with_thumbprints = jwk.clone();
    with_thumbprints["x5t"] = base64url(aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY,
        &der,
    ))
    .into();
    with_thumbprints["x5t#S256"] =
        base64url(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &der)).into();
    Jwk::from_json(&with_thumbprints.to_string()).unwrap();
}

fn base64url(digest: aws_lc_rs::digest::Digest) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest.as_ref())
}

#[test]
fn an_x5c_that_is_not_what_it_claims_is_invalid_key() {
    let jwk = key_with_x5c();
    let good = jwk["x5c"][0].as_str().unwrap().to_owned();
    let url_safe = good.replace('+', "-").replace('/', "_");
    assert_ne!(url_safe, good, "the certificate's base64 uses + or /");
    let not_a_certificate = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode([0x30, 0x03, 0x02, 0x01, 0x01])
    };
    let cases: [(serde_json::Value, &str); 7] = [
        (serde_json::json!(["!!!"]), "x5c[0]"),
        (serde_json::json!([1]), "x5c[0]"),
        (serde_json::json!("notarray"), "x5c"),
        (serde_json::json!([]), "x5c"),
        (serde_json::json!([url_safe]), "x5c[0]"),
        (serde_json::json!([not_a_certificate]), "x5c[0]"),
        (serde_json::json!([good.clone(), "!!!"]), "x5c[1]"),
    ];
    for (x5c, named) in cases {
        let mut bad = jwk.clone();
        bad["x5c"] = x5c.clone();
        let err = import_error(&bad);
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{x5c}: {err}");
        assert!(err.message().contains(named), "{x5c}: {err}");
    }
}

#[test]
fn a_certificate_for_another_key_is_refused() {
    let jwk = key_with_x5c();
    let mut other = vectors::load("rfc7520/jwk/3_3.rsa_public_key.json");
    other["x5c"] = jwk["x5c"].clone();
    let err = import_error(&other);
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.message().contains("different key"), "{err}");
}

#[test]
fn x5t_members_must_be_the_first_certificates_thumbprints() {
    let jwk = key_with_x5c();
    let wrong = base64url(aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA256,
        b"other",
    ));
    for member in ["x5t", "x5t#S256"] {
        for value in [
            serde_json::json!(wrong),
            serde_json::json!(5),
            serde_json::json!("!!"),
        ] {
            let mut bad = jwk.clone();
            bad[member] = value.clone();
            let err = import_error(&bad);
            assert_eq!(err.kind(), ErrorKind::InvalidKey, "{member} {value}: {err}");
            assert!(err.message().contains(member), "{err}");
        }
    }
}

/// An RSA public key whose modulus has `bits` bits (odd, top bit set: shaped like one).
fn rsa_public_of_bits(bits: usize) -> serde_json::Value {
    use base64::Engine as _;
    let mut n = vec![0xffu8; bits / 8];
    n[0] = 0x80;
    let last = n.len() - 1;
    n[last] = 0x01;
    serde_json::json!({
        "kty": "RSA",
        "n": base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(n),
        "e": "AQAB",
    })
}

/// RFC 7520 §3.4's RSA private key with an `oth` member (RFC 7518 §6.3.2.7).
fn multi_prime_key() -> serde_json::Value {
    let mut key = vectors::load("rfc7520/jwk/3_4.rsa_private_key.json");
    key["oth"] = serde_json::json!([{"r": "AQAB", "d": "AQAB", "t": "AQAB"}]);
    key
}

#[test]
fn key_refusals_have_kinds_about_keys() {
    let cases = [
        (
            rsa_public_of_bits(20_000),
            ErrorKind::LimitExceeded,
            "20000 bits",
        ),
        (multi_prime_key(), ErrorKind::UnsupportedKey, "multi-prime"),
        (
            serde_json::json!({"kty": "PQC", "pub": "AA"}),
            ErrorKind::UnsupportedKey,
            "kty",
        ),
        (
            serde_json::json!({"kty": "EC", "crv": "P-192", "x": "AA", "y": "AA"}),
            ErrorKind::UnsupportedKey,
            "P-192",
        ),
        (
            serde_json::json!({"kty": "oct", "k": "AAAAAAAAAAAAAAAAAAAAAA", "alg": "HS1"}),
            ErrorKind::UnsupportedAlg,
            "HS1",
        ),
    ];
    for (jwk, kind, named) in cases {
        let err = import_error(&jwk);
        assert_eq!(err.kind(), kind, "{err}");
        assert!(err.message().contains(named), "{err}");
    }
    // At the limit itself an RSA key still imports.
    Jwk::from_json(&rsa_public_of_bits(8192).to_string()).unwrap();
}
