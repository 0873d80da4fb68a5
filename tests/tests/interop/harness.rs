//! The jwcrypto harness itself: it starts, passes requests in and replies out, and
//! reports Python errors.

use jwt_core::base64url;
use jwt_tests::jwcrypto;
use serde_json::json;

#[test]
fn jwcrypto_generates_a_key_and_returns_its_jwk() {
    let reply = jwcrypto::run(
        r#"
        key = jwk.JWK.generate(kty="EC", crv=request["crv"])
        reply = {"jwk": json.loads(key.export(private_key=True)), "thumbprint": key.thumbprint()}
        "#,
        &json!({"crv": "P-256"}),
    );
    let key = &reply["jwk"];
    assert_eq!(key["kty"], "EC");
    assert_eq!(key["crv"], "P-256");
    for member in ["x", "y", "d"] {
        let text = key[member]
            .as_str()
            .unwrap_or_else(|| panic!("{member} in {key}"));
        assert_eq!(base64url::decode(text).unwrap().len(), 32, "{member}");
    }
    let thumbprint = reply["thumbprint"].as_str().unwrap();
    assert_eq!(base64url::decode(thumbprint).unwrap().len(), 32);
}

#[test]
fn the_request_reaches_the_snippet_intact() {
    let request = json!({"text": "é \"quoted\"\n", "list": [1, 2.5, null, true]});
    let reply = jwcrypto::run("reply = request", &request);
    assert_eq!(reply, request);
}

#[test]
fn a_python_error_is_reported_with_its_text() {
    let error = jwcrypto::try_run("raise ValueError('boom 42')", &json!(null)).unwrap_err();
    assert!(error.contains("ValueError: boom 42"), "{error}");
}

#[test]
#[should_panic(expected = "did not set `reply`")]
fn a_snippet_without_a_reply_panics() {
    jwcrypto::run("x = 1", &json!({}));
}
