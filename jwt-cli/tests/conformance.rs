//! Conformance details through the binary: an empty `protected` member in the JWS JSON
//! serializations (RFC 7515 §7.2.1), `x5c` in a JWK (RFC 7517 §4.7), and the error kinds
//! of refused keys. (Nested `cty` spellings are in encrypt_decrypt.rs.)

mod common;

use common::{jwt, TempDir};
use jwt_test_vectors as vectors;

#[test]
fn verify_raw_refuses_an_empty_protected_member() {
    let dir = TempDir::new("conformance-protected");
    let v = vectors::load("rfc7520/jws/4_7.protecting_content_only.json");
    let key = dir.file("key.jwk", v["input"]["key"].to_string());
    let flattened = v["output"]["json_flat"].clone();
    let general = v["output"]["json"].clone();
    for token in [&flattened, &general] {
        jwt(
            &[
                "verify",
                "--raw",
                "--key",
                &key,
                "--alg",
                "HS256",
                &token.to_string(),
            ],
            None,
        )
        .success();
    }
    let mut empty_flat = flattened.clone();
    empty_flat["protected"] = "".into();
    let mut empty_general = general.clone();
    empty_general["signatures"][0]["protected"] = "".into();
    for token in [empty_flat, empty_general] {
        jwt(
            &[
                "verify",
                "--raw",
                "--json",
                "--key",
                &key,
                "--alg",
                "HS256",
                &token.to_string(),
            ],
            None,
        )
        .json_failure(1, "invalid_header");
    }
}
