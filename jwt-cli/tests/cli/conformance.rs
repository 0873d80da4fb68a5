//! Conformance details through the binary: an empty `protected` member in the JWS JSON
//! serializations (RFC 7515 §7.2.1), `x5c` in a JWK (RFC 7517 §4.7), and the error kinds
//! of refused keys. (Nested `cty` spellings are in encrypt_decrypt.rs.)

use crate::common::{jwt, TempDir};
use jwt_test_vectors as vectors;

#[test]
fn verify_raw_refuses_an_empty_protected_member() {
    let dir = TempDir::new("conformance-protected");
    let v = vectors::load("rfc7520/jws/4_7.protecting_content_only.json");
    let key = dir.file("key.jwk", v["input"]["key"].to_string());
    let flattened = v["output"]["json_flat"].clone();
    let general = v["output"]["json"].clone();
    // `jwt verify --raw` with the vector's HS256 key, then `extra` flags and the token.
    let verify = |token: &serde_json::Value, extra: &[&str]| {
        let token = token.to_string();
        let mut line = vec!["verify", "--raw", "--key", &key, "--alg", "HS256"];
        line.extend_from_slice(extra);
        line.push(&token);
        jwt(&line, None)
    };
    for token in [&flattened, &general] {
        verify(token, &[]).success();
    }
    let mut empty_flat = flattened.clone();
    empty_flat["protected"] = "".into();
    let mut empty_general = general.clone();
    empty_general["signatures"][0]["protected"] = "".into();
    for token in [empty_flat, empty_general] {
        verify(&token, &["--json"]).json_failure(1, "invalid_header");
    }
}

fn key_with_x5c() -> serde_json::Value {
    vectors::load("rfc/rfc7517_appendix_a_b.json")["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "jwk_with_x5c")
        .expect("RFC 7517 App. B example")["jwk"]
        .clone()
}

#[test]
fn pubkey_republishes_a_consistent_x5c_and_refuses_a_false_one() {
    let dir = TempDir::new("conformance-x5c");
    let jwk = key_with_x5c();
    let good = dir.file("good.jwk", jwk.to_string());
    let out = jwt(&["pubkey", "--json", "--key", &good], None);
    out.success();
    assert_eq!(out.json()["jwk"]["x5c"], jwk["x5c"]);
    let mut other_key = vectors::load("rfc7520/jwk/3_3.rsa_public_key.json");
    other_key["x5c"] = jwk["x5c"].clone();
    for (name, bad) in [
        ("garbage", serde_json::json!({"x5c": ["!!!"]})),
        ("number", serde_json::json!({"x5c": [1]})),
        ("other-key", other_key),
    ] {
        let bad = match bad.get("kty") {
            Some(_) => bad,
            None => {
                let mut with = jwk.clone();
                with["x5c"] = bad["x5c"].clone();
                with
            }
        };
        let file = dir.file(&format!("{name}.jwk"), bad.to_string());
        jwt(&["pubkey", "--json", "--key", &file], None).json_failure(2, "invalid_key");
    }
}

#[test]
fn key_refusals_exit_2_with_kinds_about_keys() {
    use base64::Engine as _;
    let dir = TempDir::new("conformance-key-kinds");
    let mut huge = vec![0xffu8; 2500];
    huge[0] = 0x80;
    let huge = serde_json::json!({
        "kty": "RSA",
        "n": base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(huge),
        "e": "AQAB",
    });
    let mut multi_prime = vectors::load("rfc7520/jwk/3_4.rsa_private_key.json");
    multi_prime["oth"] = serde_json::json!([{"r": "AQAB", "d": "AQAB", "t": "AQAB"}]);
    for (name, jwk, kind) in [
        ("huge", huge, "limit_exceeded"),
        ("multi-prime", multi_prime, "unsupported_key"),
        ("kty", serde_json::json!({"kty": "PQC"}), "unsupported_key"),
    ] {
        let file = dir.file(&format!("{name}.jwk"), jwk.to_string());
        jwt(&["pubkey", "--json", "--key", &file], None).json_failure(2, kind);
        jwt(&["thumbprint", "--json", "--key", &file], None).json_failure(2, kind);
    }
}
