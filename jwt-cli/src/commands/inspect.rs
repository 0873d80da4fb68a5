//! `jwt inspect [TOKEN]`: the decoded header(s) and, for a JWS, the payload of a
//! compact token, marked UNVERIFIED. Needs no key and says nothing about validity.
//!
//! `--json`: `{"ok":true,"verified":false,"type":"jws","header":{..},"payload_b64u":"..",
//! "payload_json":..}` (`payload_json` only when the payload is JSON), or for a JWE
//! `{"ok":true,"verified":false,"type":"jwe","header":{..}}`.

use crate::args::TokenArg;
use crate::input;
use crate::output::{Failure, Success};
use clap::Args;
use jwt_core::{base64url, json, Error, ErrorKind, Limits};
use serde_json::{json, Map, Value};

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

fn inspect(token: &str) -> Result<Success, Error> {
    let segments: Vec<&str> = token.split('.').collect();
    match segments.as_slice() {
        [header, payload, signature] => {
            check_segment("signature", signature)?;
            inspect_jws(header, payload)
        }
        [header, key, iv, ciphertext, tag] => {
            check_segment("encrypted key", key)?;
            check_segment("initialization vector", iv)?;
            check_segment("ciphertext", ciphertext)?;
            check_segment("authentication tag", tag)?;
            inspect_jwe(header)
        }
        _ => Err(Error::new(
            ErrorKind::Malformed,
            format!(
                "expected a compact JWS (3 segments) or JWE (5 segments), found {} segment{}",
                segments.len(),
                if segments.len() == 1 { "" } else { "s" }
            ),
        )),
    }
}

fn inspect_jws(header_b64u: &str, payload_b64u: &str) -> Result<Success, Error> {
    let header = decode_header(header_b64u)?;
    // RFC 7797: with `b64: false` the payload segment is the payload itself.
    let payload = if header.get("b64") == Some(&Value::Bool(false)) {
        payload_b64u.as_bytes().to_vec()
    } else {
        base64url::decode(payload_b64u)
            .map_err(|e| Error::new(e.kind(), format!("payload: {}", e.message())))?
    };
    let limits = Limits::DEFAULT;
    let payload_json = json::check(&payload, limits.max_json_depth, limits.max_token_bytes)
        .ok()
        .and_then(|()| serde_json::from_slice::<Value>(&payload).ok());

    let mut text = String::from("UNVERIFIED JWS: the signature was not checked\n");
    text.push_str(&format!(
        "header: {}\n",
        pretty(&Value::Object(header.clone()))
    ));
    match (&payload_json, std::str::from_utf8(&payload)) {
        (Some(value), _) => text.push_str(&format!("payload: {}\n", pretty(value))),
        (None, Ok(utf8)) => text.push_str(&format!("payload (text): {utf8}\n")),
        (None, Err(_)) => text.push_str(&format!(
            "payload (binary, base64url): {}\n",
            base64url::encode(&payload)
        )),
    }

    let mut fields = Map::new();
    fields.insert("verified".into(), Value::Bool(false));
    fields.insert("type".into(), "jws".into());
    fields.insert("header".into(), Value::Object(header));
    fields.insert("payload_b64u".into(), base64url::encode(&payload).into());
    if let Some(value) = payload_json {
        fields.insert("payload_json".into(), value);
    }
    Ok(Success::new(text, Value::Object(fields)))
}

fn inspect_jwe(header_b64u: &str) -> Result<Success, Error> {
    let header = Value::Object(decode_header(header_b64u)?);
    let text = format!(
        "UNVERIFIED JWE: the content was not decrypted or authenticated\nheader: {}\n",
        pretty(&header)
    );
    Ok(Success::new(
        text,
        json!({"verified": false, "type": "jwe", "header": header}),
    ))
}

/// Every segment must be strict base64url even where inspect does not show it: a
/// token that no verifier would parse should not look fine here.
fn check_segment(name: &str, segment: &str) -> Result<(), Error> {
    base64url::decode(segment)
        .map(drop)
        .map_err(|e| Error::new(e.kind(), format!("{name}: {}", e.message())))
}

/// The protected header, strictly: base64url, then JSON with no duplicate members and
/// within the default size and depth limits.
fn decode_header(segment: &str) -> Result<Map<String, Value>, Error> {
    let limits = Limits::DEFAULT;
    let max_encoded = limits.max_header_bytes.saturating_mul(4) / 3 + 4;
    if segment.len() > max_encoded {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!(
                "protected header: longer than {} bytes",
                limits.max_header_bytes
            ),
        ));
    }
    let bytes = base64url::decode(segment)
        .map_err(|e| Error::new(e.kind(), format!("protected header: {}", e.message())))?;
    json::parse_object(&bytes, limits.max_json_depth, limits.max_header_bytes)
        .map_err(|e| Error::new(e.kind(), format!("protected header: {}", e.message())))
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(text: &str) -> String {
        base64url::encode(text)
    }

    #[test]
    fn a_jws_shows_header_and_json_payload() {
        let token = format!(
            "{}.{}.sig",
            b64(r#"{"alg":"HS256"}"#),
            b64(r#"{"sub":"a"}"#)
        );
        let success = inspect(&token).unwrap();
        let out = success.to_json();
        assert_eq!(out["type"], "jws");
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
        let success = inspect(&format!("{header}.$.02.sig")).unwrap_err();
        // "$.02" contains a dot, so as a compact token it has 4 segments.
        assert_eq!(success.kind(), ErrorKind::Malformed);
        let success = inspect(&format!("{header}.$02.sig")).unwrap();
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
                format!("{}.e30.", "e".repeat(20_000)),
                ErrorKind::LimitExceeded,
                "protected header",
            ),
        ];
        for (token, kind, needle) in cases {
            let error = inspect(&token).unwrap_err();
            assert_eq!(error.kind(), kind, "{token:.40}: {error}");
            assert!(error.message().contains(needle), "{token:.40}: {error}");
        }
    }
}
