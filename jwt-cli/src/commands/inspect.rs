//! `jwt inspect [TOKEN]`: the decoded header(s) and, for a JWS, the payload, marked
//! UNVERIFIED. Needs no key and says nothing about validity. Every part must still be
//! well-formed (strict base64url, strict JSON, default limits): a token no verifier
//! would parse should not look fine here.
//!
//! `--json` shapes (`payload_json` only when the payload is JSON):
//! - compact JWS: `{"ok":true,"verified":false,"type":"jws","serialization":"compact",
//!   "header":{..},"payload_b64u":"..","payload_json":..}`
//! - compact JWE: `{"ok":true,"verified":false,"type":"jwe","serialization":"compact","header":{..}}`
//! - JSON JWS (`general` or `flattened`): as compact, with `"signatures":[{"protected":{..},
//!   "header":{..}}]` in place of `header`
//! - JSON JWE: `"protected"`, `"unprotected"` (when present) and
//!   `"recipients":[{"header":{..}}]` in place of `header`
//! - a JSON JWS without `payload` (detached content) has `"detached":true` instead of the payload

use crate::args::TokenArg;
use crate::input;
use crate::output::{Failure, Success};
use clap::Args;
use jwt_core::dangerous::{self, InspectedJwe, InspectedJws, Inspection, Serialization};
use jwt_core::{base64url, Error, ErrorKind};
use serde_json::{Map, Value};

/// Flags of `jwt inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    token: TokenArg,
}

/// Runs `jwt inspect`.
pub fn run(args: &InspectArgs) -> Result<Success, Failure> {
    let token = input::token(args.token.token.as_deref())?;
    inspect(&token).map_err(Failure::rejected)
}

type Object = Map<String, Value>;

/// The library parses and checks the token ([`dangerous::inspect`]); this formats it.
fn inspect(token: &str) -> Result<Success, Error> {
    Ok(match dangerous::inspect(token)? {
        Inspection::Jws(jws) => describe_jws(&jws),
        Inspection::Jwe(jwe) => describe_jwe(&jwe),
        _ => {
            return Err(Error::new(
                ErrorKind::Malformed,
                "a token of a kind this version of jwt cannot show",
            ))
        }
    })
}

fn describe_jws(jws: &InspectedJws) -> Success {
    let serialization = jws.serialization();
    let mut fields = base_fields("jws", serialization);
    let mut text = if serialization == Serialization::Compact {
        let header = jws
            .signatures()
            .first()
            .and_then(|s| s.protected())
            .cloned()
            .unwrap_or_default();
        let text = format!(
            "UNVERIFIED JWS: the signature was not checked\nheader: {}\n",
            pretty(&header)
        );
        fields.insert("header".into(), Value::Object(header));
        text
    } else {
        let count = jws.signatures().len();
        let mut text = format!(
            "UNVERIFIED JWS ({serialization} JSON, {count} signature{}): no signature was checked\n",
            if count == 1 { "" } else { "s" }
        );
        let mut signatures = Vec::with_capacity(count);
        for (index, signature) in jws.signatures().iter().enumerate() {
            text.push_str(&describe_headers(
                &format!("signature {}", index + 1),
                signature.protected(),
                signature.unprotected(),
            ));
            signatures.push(header_pair(signature.protected(), signature.unprotected()));
        }
        fields.insert("signatures".into(), Value::Array(signatures));
        text
    };
    // RFC 7515 Appendix F: without "payload" the content is detached.
    match jws.payload() {
        Some(payload) => {
            let json = jws.payload_json();
            text.push_str(&payload_text(payload, json.as_ref()));
            fields.insert("payload_b64u".into(), base64url::encode(payload).into());
            if let Some(value) = json {
                fields.insert("payload_json".into(), value);
            }
        }
        None => {
            text.push_str("payload: detached (not in the token)\n");
            fields.insert("detached".into(), Value::Bool(true));
        }
    }
    Success::new(text, Value::Object(fields))
}

fn describe_jwe(jwe: &InspectedJwe) -> Success {
    let serialization = jwe.serialization();
    let mut fields = base_fields("jwe", serialization);
    if serialization == Serialization::Compact {
        let header = jwe.protected().cloned().unwrap_or_default();
        let text = format!(
            "UNVERIFIED JWE: the content was not decrypted or authenticated\nheader: {}\n",
            pretty(&header)
        );
        fields.insert("header".into(), Value::Object(header));
        return Success::new(text, Value::Object(fields));
    }
    let count = jwe.recipients().len();
    let mut text = format!(
        "UNVERIFIED JWE ({serialization} JSON, {count} recipient{}): the content was not \
         decrypted or authenticated\n",
        if count == 1 { "" } else { "s" }
    );
    text.push_str(&describe_headers(
        "shared",
        jwe.protected(),
        jwe.unprotected(),
    ));
    let mut recipients = Vec::with_capacity(count);
    for (index, recipient) in jwe.recipients().iter().enumerate() {
        if let Some(header) = recipient.header() {
            text.push_str(&format!(
                "recipient {} header: {}\n",
                index + 1,
                pretty(header)
            ));
        }
        recipients.push(header_pair(None, recipient.header()));
    }
    if let Some(protected) = jwe.protected() {
        fields.insert("protected".into(), Value::Object(protected.clone()));
    }
    if let Some(unprotected) = jwe.unprotected() {
        fields.insert("unprotected".into(), Value::Object(unprotected.clone()));
    }
    fields.insert("recipients".into(), Value::Array(recipients));
    Success::new(text, Value::Object(fields))
}

fn base_fields(kind: &str, serialization: Serialization) -> Object {
    let mut fields = Object::new();
    fields.insert("verified".into(), Value::Bool(false));
    fields.insert("type".into(), kind.into());
    fields.insert("serialization".into(), serialization.as_str().into());
    fields
}

fn header_pair(protected: Option<&Object>, header: Option<&Object>) -> Value {
    let mut pair = Object::new();
    if let Some(protected) = protected {
        pair.insert("protected".into(), Value::Object(protected.clone()));
    }
    if let Some(header) = header {
        pair.insert("header".into(), Value::Object(header.clone()));
    }
    Value::Object(pair)
}

fn describe_headers(label: &str, protected: Option<&Object>, header: Option<&Object>) -> String {
    let mut text = String::new();
    if let Some(protected) = protected {
        text.push_str(&format!(
            "{label} protected header: {}\n",
            pretty(protected)
        ));
    }
    if let Some(header) = header {
        text.push_str(&format!("{label} unprotected header: {}\n", pretty(header)));
    }
    text
}

fn payload_text(bytes: &[u8], json: Option<&Value>) -> String {
    match (json, std::str::from_utf8(bytes)) {
        (Some(value), _) => format!("payload: {}\n", pretty_value(value)),
        // Escaped: a token's text must not drive the terminal (escape sequences).
        (None, Ok(text)) => format!("payload (text): {}\n", text.escape_debug()),
        (None, Err(_)) => format!(
            "payload (binary, base64url): {}\n",
            base64url::encode(bytes)
        ),
    }
}

fn pretty(object: &Object) -> String {
    serde_json::to_string_pretty(object).unwrap_or_default()
}

fn pretty_value(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn b64(text: &str) -> String {
        base64url::encode(text)
    }

    #[test]
    fn a_jws_shows_header_and_json_payload() {
        let token = format!(
            "{}.{}.c2ln",
            b64(r#"{"alg":"HS256"}"#),
            b64(r#"{"sub":"a"}"#)
        );
        let success = inspect(&token).unwrap();
        let out = success.to_json();
        assert_eq!(out["type"], "jws");
        assert_eq!(out["serialization"], "compact");
        assert_eq!(out["verified"], false);
        assert_eq!(out["header"], json!({"alg": "HS256"}));
        assert_eq!(out["payload_json"], json!({"sub": "a"}));
        assert_eq!(out["payload_b64u"], b64(r#"{"sub":"a"}"#));
        assert!(success.text().starts_with("UNVERIFIED JWS"));
    }

    #[test]
    fn a_non_json_payload_has_no_payload_json() {
        let token = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64("hello"));
        let success = inspect(&token).unwrap();
        assert!(success.to_json().get("payload_json").is_none());
        assert!(success.text().contains("payload (text): hello"));
    }

    #[test]
    fn an_unencoded_payload_is_taken_as_is() {
        let header = b64(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
        // "$.02" contains a dot, so as a compact token it has 4 segments.
        let error = inspect(&format!("{header}.$.02.c2ln")).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Malformed);
        let success = inspect(&format!("{header}.$02.c2ln")).unwrap();
        assert_eq!(success.to_json()["payload_b64u"], b64("$02"));
    }

    #[test]
    fn a_jwe_shows_only_its_header() {
        let token = format!(
            "{}.aw.aXY.Y3Q.dGFn",
            b64(r#"{"alg":"dir","enc":"A128GCM"}"#)
        );
        let out = inspect(&token).unwrap().to_json();
        assert_eq!(out["type"], "jwe");
        assert_eq!(out["header"]["enc"], "A128GCM");
        assert!(out.get("payload_b64u").is_none());
    }

    #[test]
    fn a_general_json_jws_shows_every_signature() {
        let token = json!({
            "payload": b64("$.02"),
            "signatures": [
                {"protected": b64(r#"{"alg":"RS256"}"#), "header": {"kid": "a"}, "signature": "c2ln"},
                {"header": {"alg": "ES256", "kid": "b"}, "signature": "c2ln"},
            ],
        })
        .to_string();
        let success = inspect(&token).unwrap();
        let out = success.to_json();
        assert_eq!(out["serialization"], "general");
        assert_eq!(
            out["signatures"],
            json!([
                {"protected": {"alg": "RS256"}, "header": {"kid": "a"}},
                {"header": {"alg": "ES256", "kid": "b"}},
            ])
        );
        assert_eq!(out["payload_b64u"], b64("$.02"));
        assert!(
            success.text().contains("2 signatures"),
            "{}",
            success.text()
        );
    }

    #[test]
    fn a_flattened_unencoded_jws_keeps_its_payload() {
        let token = json!({
            "payload": "$.02",
            "protected": b64(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#),
            "signature": "c2ln",
        })
        .to_string();
        let out = inspect(&token).unwrap().to_json();
        assert_eq!(out["serialization"], "flattened");
        assert_eq!(out["payload_b64u"], b64("$.02"));
        assert_eq!(out["signatures"][0]["protected"]["b64"], false);
    }

    #[test]
    fn a_json_jws_without_payload_is_detached() {
        let token = json!({"protected": b64(r#"{"alg":"HS256"}"#), "signature": "c2ln"});
        let success = inspect(&token.to_string()).unwrap();
        let out = success.to_json();
        assert_eq!(out["detached"], true);
        assert!(out.get("payload_b64u").is_none(), "{out}");
        assert!(success.text().contains("detached"));
    }

    #[test]
    fn a_json_jwe_shows_shared_and_recipient_headers() {
        let token = json!({
            "protected": b64(r#"{"enc":"A128CBC-HS256"}"#),
            "unprotected": {"jku": "https://example.com"},
            "recipients": [
                {"header": {"alg": "RSA1_5", "kid": "a"}, "encrypted_key": "aw"},
                {"header": {"alg": "A128KW", "kid": "b"}, "encrypted_key": "aw"},
            ],
            "iv": "aXY", "ciphertext": "Y3Q", "tag": "dGFn",
        })
        .to_string();
        let out = inspect(&token).unwrap().to_json();
        assert_eq!(out["type"], "jwe");
        assert_eq!(out["serialization"], "general");
        assert_eq!(out["protected"], json!({"enc": "A128CBC-HS256"}));
        assert_eq!(out["unprotected"]["jku"], "https://example.com");
        assert_eq!(out["recipients"][1]["header"]["alg"], "A128KW");
    }

    #[test]
    fn malformed_tokens_are_rejected_with_the_reason() {
        let cases = [
            ("a.b".to_owned(), ErrorKind::Malformed, "2 segments"),
            ("a.b.c.d".to_owned(), ErrorKind::Malformed, "4 segments"),
            (
                "e30=.e30.".to_owned(),
                ErrorKind::Malformed,
                "protected header",
            ),
            (
                format!("{}.e30.", b64("[1]")),
                ErrorKind::Malformed,
                "object",
            ),
            (
                format!("{}.e30.", b64(r#"{"alg":"a","alg":"b"}"#)),
                ErrorKind::DuplicateMember,
                "protected header",
            ),
            (
                format!("{}.!!.", b64("{}")),
                ErrorKind::Malformed,
                "payload",
            ),
            (
                format!("{}.e30.a", b64("{}")),
                ErrorKind::Malformed,
                "signature",
            ),
            (
                format!("{}.e30.YQ\n", b64("{}")),
                ErrorKind::Malformed,
                "signature",
            ),
            (
                format!("{}.YQ.YQ.Y=.YQ", b64("{}")),
                ErrorKind::Malformed,
                "ciphertext",
            ),
            (
                format!("{}.e30.", "e".repeat(20_000)),
                ErrorKind::LimitExceeded,
                "protected header",
            ),
            ("{}".to_owned(), ErrorKind::Malformed, "none of these"),
            (
                r#"{"payload":"e30"}"#.to_owned(),
                ErrorKind::Malformed,
                "signature",
            ),
            (
                r#"{"payload":"e30","signatures":{}}"#.to_owned(),
                ErrorKind::Malformed,
                "array",
            ),
            (
                r#"{"payload":"e30","signatures":[]}"#.to_owned(),
                ErrorKind::Malformed,
                "empty",
            ),
            (
                r#"{"payload":"e30","signatures":[1]}"#.to_owned(),
                ErrorKind::Malformed,
                "object",
            ),
            (
                r#"{"payload":"e30","signature":"","header":[]}"#.to_owned(),
                ErrorKind::Malformed,
                "header",
            ),
            (
                r#"{"payload":1,"signature":""}"#.to_owned(),
                ErrorKind::Malformed,
                "payload",
            ),
            (
                r#"{"payload":"e30","signature":"","signature":""}"#.to_owned(),
                ErrorKind::DuplicateMember,
                "signature",
            ),
            (
                format!(
                    r#"{{"payload":"e30","signatures":[{}]}}"#,
                    vec![r#"{"signature":""}"#; 17].join(",")
                ),
                ErrorKind::LimitExceeded,
                "signatures",
            ),
            (
                r#"{"ciphertext":"Y=","iv":""}"#.to_owned(),
                ErrorKind::Malformed,
                "ciphertext",
            ),
            (
                r#"{"ciphertext":"","recipients":[{"encrypted_key":"a"}]}"#.to_owned(),
                ErrorKind::Malformed,
                "encrypted_key",
            ),
            ("{".to_owned(), ErrorKind::Malformed, ""),
        ];
        for (token, kind, needle) in cases {
            let error = inspect(&token).unwrap_err();
            assert_eq!(error.kind(), kind, "{token:.60}: {error}");
            assert!(error.message().contains(needle), "{token:.60}: {error}");
        }
    }
}
