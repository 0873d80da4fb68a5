//! Regression tests of the hardening issue: registered header members of the wrong
//! JSON type and JWE-only members in a JWS are refused at every entry point, and an
//! ill-typed `aud` is an `invalid_claim` naming it, not a parse error.

use jwt_core::jws::{JwsVerifier, SignatureOutcome};
use jwt_core::{
    base64url, ContentEncryptionAlgorithm as Enc, ErrorKind, FixedClock, Jwk,
    KeyManagementAlgorithm as Kma, RegisteredClaims, SignatureAlgorithm, Verifier,
};
use serde_json::{json, Value};

const NOW: i64 = 1_700_000_000;
const SECRET: &[u8] = &[7; 32];
const CEK: &[u8] = &[9; 32];

fn hmac_key() -> Jwk {
    Jwk::from_value(&json!({"kty": "oct", "k": base64url::encode(SECRET), "alg": "HS256"})).unwrap()
}

fn dir_key() -> Jwk {
    Jwk::from_value(&json!({"kty": "oct", "k": base64url::encode(CEK), "alg": "dir"})).unwrap()
}

fn claims() -> String {
    json!({"sub": "alice", "exp": NOW + 60}).to_string()
}

/// An HS256 compact JWS with exactly this protected header text: the signature is
/// right, so only the header can be refused.
fn forge_jws(header: &str, payload: &str) -> String {
    let input = format!(
        "{}.{}",
        base64url::encode(header),
        base64url::encode(payload)
    );
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, SECRET);
    let tag = aws_lc_rs::hmac::sign(&key, input.as_bytes());
    format!("{input}.{}", base64url::encode(tag.as_ref()))
}

/// A flattened JSON JWS whose protected header is `{"alg":"HS256"}` and whose
/// unprotected header is `unprotected`.
fn forge_flattened(unprotected: &Value, payload: &str) -> String {
    let protected = base64url::encode(r#"{"alg":"HS256"}"#);
    let payload = base64url::encode(payload);
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, SECRET);
    let tag = aws_lc_rs::hmac::sign(&key, format!("{protected}.{payload}").as_bytes());
    json!({
        "payload": payload,
        "protected": protected,
        "header": unprotected,
        "signature": base64url::encode(tag.as_ref()),
    })
    .to_string()
}

/// A `dir` + A256GCM compact JWE with exactly this protected header text.
fn forge_jwe(header: &str, plaintext: &str) -> String {
    use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
    let protected = base64url::encode(header);
    let iv = [3u8; 12];
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, CEK).unwrap());
    let mut data = plaintext.as_bytes().to_vec();
    let tag = key
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(iv),
            Aad::from(protected.as_bytes()),
            &mut data,
        )
        .unwrap();
    format!(
        "{protected}..{}.{}.{}",
        base64url::encode(iv),
        base64url::encode(&data),
        base64url::encode(tag.as_ref())
    )
}

fn signed_verifier() -> Verifier<RegisteredClaims> {
    Verifier::<RegisteredClaims>::builder(hmac_key())
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap()
}

fn kind(result: jwt_core::Result<impl Sized>) -> ErrorKind {
    result.map(|_| ()).unwrap_err().kind()
}

/// Members of a JWS header that must be refused, each with a value of the wrong type
/// or a JWE-only name.
fn bad_jws_members() -> Vec<(&'static str, Value)> {
    vec![
        ("typ", json!(5)),
        ("typ", json!(["JWT"])),
        ("kid", json!(5)),
        ("cty", json!({"a": 1})),
        ("jku", json!(5)),
        ("jwk", json!("key")),
        ("x5u", json!(null)),
        ("x5c", json!("notarray")),
        ("x5t", json!(1)),
        ("x5t#S256", json!([])),
        ("zip", json!("DEF")),
        ("enc", json!("A128GCM")),
        ("epk", json!({})),
        ("p2c", json!(4096)),
    ]
}

#[test]
fn ill_typed_and_jwe_only_members_are_refused_in_a_compact_jws() {
    for (name, value) in bad_jws_members() {
        let mut header = json!({"alg": "HS256"});
        header[name] = value.clone();
        let token = forge_jws(&header.to_string(), &claims());
        let jws = JwsVerifier::new([SignatureAlgorithm::HS256]);
        assert_eq!(
            kind(jws.verify(&token, &hmac_key())),
            ErrorKind::InvalidHeader,
            "JWS {header}"
        );
        assert_eq!(
            kind(signed_verifier().verify(&token)),
            ErrorKind::InvalidHeader,
            "JWT {header}"
        );
    }
    // The same header with well-typed members verifies: only the type was at fault.
    let good = json!({"alg": "HS256", "typ": "JWT", "kid": "k", "cty": "x", "jku": "https://a", "x5c": []});
    let token = forge_jws(&good.to_string(), &claims());
    signed_verifier().verify(&token).unwrap();
}

#[test]
fn ill_typed_and_jwe_only_members_are_refused_in_a_json_jws() {
    let jws = JwsVerifier::new([SignatureAlgorithm::HS256]);
    for (name, value) in bad_jws_members() {
        let unprotected = json!({ name: value });
        let token = forge_flattened(&unprotected, &claims());
        let err = jws.verify(&token, &hmac_key()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidHeader, "{unprotected}: {err}");
    }
    let token = forge_flattened(&json!({"kid": "k"}), &claims());
    let verified = jws.verify(&token, &hmac_key()).unwrap();
    assert!(verified.signatures().iter().all(SignatureOutcome::verified));
}

#[test]
fn ill_typed_members_are_refused_in_a_jwe_and_in_a_nested_token() {
    let encrypted = Verifier::<RegisteredClaims>::builder(dir_key())
        .encrypted()
        .key_management([Kma::Dir])
        .encryption([Enc::A256Gcm])
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    let nested = Verifier::<RegisteredClaims>::builder(hmac_key())
        .nested(dir_key())
        .key_management([Kma::Dir])
        .encryption([Enc::A256Gcm])
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    for (name, value) in [
        ("typ", json!(5)),
        ("kid", json!(5)),
        ("cty", json!({"a": 1})),
        ("jku", json!(5)),
        ("jwk", json!("key")),
        ("x5c", json!("notarray")),
        ("x5t", json!(1)),
    ] {
        let mut header = json!({"alg": "dir", "enc": "A256GCM"});
        header[name] = value.clone();
        let jwe = forge_jwe(&header.to_string(), &claims());
        assert_eq!(
            kind(encrypted.verify(&jwe)),
            ErrorKind::InvalidHeader,
            "JWE {header}"
        );
        // Outer header of a nested token.
        header["cty"] = json!("JWT");
        if name != "cty" {
            let inner = forge_jws(r#"{"alg":"HS256"}"#, &claims());
            let outer = forge_jwe(&header.to_string(), &inner);
            assert_eq!(
                kind(nested.verify(&outer)),
                ErrorKind::InvalidHeader,
                "outer {header}"
            );
        }
    }
    // Inner header of a nested token.
    for (name, value) in bad_jws_members() {
        let mut inner_header = json!({"alg": "HS256"});
        inner_header[name] = value;
        let inner = forge_jws(&inner_header.to_string(), &claims());
        let outer = forge_jwe(r#"{"alg":"dir","enc":"A256GCM","cty":"JWT"}"#, &inner);
        assert_eq!(
            kind(nested.verify(&outer)),
            ErrorKind::InvalidHeader,
            "inner {inner_header}"
        );
    }
    // Well-typed, the same forgeries verify.
    let jwe = forge_jwe(r#"{"alg":"dir","enc":"A256GCM","kid":"k"}"#, &claims());
    encrypted.verify(&jwe).unwrap();
    let inner = forge_jws(r#"{"alg":"HS256","typ":"JWT"}"#, &claims());
    nested
        .verify(&forge_jwe(
            r#"{"alg":"dir","enc":"A256GCM","cty":"JWT"}"#,
            &inner,
        ))
        .unwrap();
}

#[test]
fn issuing_refuses_the_members_verifying_would_refuse() {
    for (name, value) in [
        ("typ", json!(5)),
        ("kid", json!(5)),
        ("x5c", json!("x")),
        ("epk", json!({})),
    ] {
        let err = jwt_core::Jwt::new(RegisteredClaims::default())
            .with_header(name, value.clone())
            .sign(&hmac_key())
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidHeader, "{name}: {value}");
    }
}

#[test]
fn an_ill_typed_aud_is_an_invalid_claim_naming_aud() {
    let verifier = Verifier::<RegisteredClaims>::builder(hmac_key())
        .any_audience()
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    let dynamic = Verifier::<serde_json::Map<String, Value>>::builder(hmac_key())
        .any_audience()
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    for payload in [
        r#"{"exp": 9999999999, "aud": [["a"]]}"#,
        r#"{"exp":9999999999,"aud":["a",{"b":1}]}"#,
        r#"{"aud":[[]],"exp":9999999999}"#,
    ] {
        let token = forge_jws(r#"{"alg":"HS256"}"#, payload);
        for err in [
            verifier.verify(&token).unwrap_err(),
            dynamic.verify(&token).unwrap_err(),
        ] {
            assert_eq!(err.kind(), ErrorKind::InvalidClaim, "{payload}: {err}");
            assert_eq!(err.claim_name(), Some("aud"), "{payload}: {err}");
        }
    }
}
