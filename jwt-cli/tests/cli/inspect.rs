//! `jwt inspect`: decodes without verifying, from the argument or stdin.

use crate::common::jwt;
use jwt_core::base64url;
use serde_json::json;

fn jws(header: &str, payload: &str) -> String {
    format!(
        "{}.{}.c2ln",
        base64url::encode(header),
        base64url::encode(payload)
    )
}

#[test]
fn a_jws_argument_is_decoded_and_marked_unverified() {
    let token = jws(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"sub":"alice","exp":1}"#,
    );
    let run = jwt(&["inspect", &token], None);
    let out = run.success();
    assert!(out.contains("UNVERIFIED"), "{out}");
    assert!(out.contains("\"alice\""), "{out}");
    assert!(out.contains("HS256"), "{out}");
}

#[test]
fn json_output_has_header_and_payload() {
    let token = jws(r#"{"alg":"ES256"}"#, r#"{"sub":"alice"}"#);
    let run = jwt(&["inspect", "--json", &token], None);
    run.success();
    assert_eq!(
        run.json(),
        json!({
            "ok": true,
            "verified": false,
            "type": "jws",
            "serialization": "compact",
            "header": {"alg": "ES256"},
            "payload_b64u": base64url::encode(r#"{"sub":"alice"}"#),
            "payload_json": {"sub": "alice"},
        })
    );
}

#[test]
fn stdin_is_read_with_trailing_whitespace_removed() {
    let token = jws(r#"{"alg":"HS256"}"#, "plain text");
    let run = jwt(&["inspect", "--json"], Some(&format!("{token}\r\n\n ")));
    run.success();
    assert_eq!(run.json()["payload_b64u"], base64url::encode("plain text"));
}

#[test]
fn the_argument_is_taken_byte_for_byte() {
    let token = jws(r#"{"alg":"HS256"}"#, "x");
    jwt(&["inspect", &format!("{token}\n")], None).failure(1, "malformed");
    jwt(&["inspect", &format!(" {token}")], None).failure(1, "malformed");
}

#[test]
fn a_jwe_shows_its_header_only() {
    let header = base64url::encode(r#"{"alg":"RSA-OAEP","enc":"A256GCM","cty":"JWT"}"#);
    let run = jwt(
        &["inspect", "--json", &format!("{header}.YQ.Yg.Yw.ZA")],
        None,
    );
    run.success();
    let out = run.json();
    assert_eq!(out["type"], "jwe");
    assert_eq!(out["verified"], false);
    assert_eq!(out["header"]["cty"], "JWT");
    assert!(out.get("payload_b64u").is_none(), "{out}");
    let human = jwt(&["inspect", &format!("{header}.YQ.Yg.Yw.ZA")], None);
    assert!(human.success().contains("UNVERIFIED JWE"));
}

#[test]
fn a_malformed_token_is_rejected_with_exit_1() {
    jwt(&["inspect", "not-a-token"], None).failure(1, "malformed");
    let run = jwt(&["inspect", "--json"], Some("a.b\n"));
    let error = run.json_failure(1, "malformed");
    assert!(error["message"].as_str().unwrap().contains("segments"));
    let dup = jws(r#"{"alg":"HS256","alg":"none"}"#, "{}");
    jwt(&["inspect", &dup], None).failure(1, "duplicate_member");
}

#[test]
fn a_json_serialization_from_stdin_is_decoded() {
    let token = json!({
        "payload": base64url::encode("hello"),
        "signatures": [
            {"protected": base64url::encode(r#"{"alg":"ES256"}"#), "header": {"kid": "e"}, "signature": "c2ln"},
            {"protected": base64url::encode(r#"{"alg":"HS256"}"#), "signature": "c2ln"},
        ],
    });
    let pretty = serde_json::to_string_pretty(&token).unwrap();
    let run = jwt(&["inspect", "--json"], Some(&format!("{pretty}\n")));
    run.success();
    let out = run.json();
    assert_eq!(out["serialization"], "general");
    assert_eq!(out["signatures"][0]["header"]["kid"], "e");
    assert_eq!(out["signatures"][1]["protected"]["alg"], "HS256");
    assert_eq!(out["payload_b64u"], base64url::encode("hello"));
    let human = jwt(&["inspect"], Some(&pretty));
    assert!(human
        .success()
        .contains("UNVERIFIED JWS (general JSON, 2 signatures)"));
}

#[test]
fn a_text_payload_cannot_drive_the_terminal() {
    let token = jws(r#"{"alg":"HS256"}"#, "hello\u{1b}[2J\rworld");
    let run = jwt(&["inspect", &token], None);
    let out = run.success();
    assert!(!out.contains('\u{1b}') && !out.contains('\r'), "{out:?}");
    assert!(out.contains(r"hello\u{1b}[2J\rworld"), "{out}");
}
