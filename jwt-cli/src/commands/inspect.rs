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
use jwt_core::{base64url, strict_json as json, Error, ErrorKind, Limits};
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

const LIMITS: Limits = Limits::DEFAULT;

type Object = Map<String, Value>;

fn inspect(token: &str) -> Result<Success, Error> {
    if token.starts_with('{') {
        return inspect_json(token);
    }
    let segments: Vec<&str> = token.split('.').collect();
    match segments.as_slice() {
        [header, payload, signature] => {
            let header = decode_header("protected header", header)?;
            check_segment("signature", signature)?;
            let payload = Payload::decode(payload, &header)?;
            let text = format!(
                "UNVERIFIED JWS: the signature was not checked\nheader: {}\n{}",
                pretty(&header),
                payload.text()
            );
            let mut fields = base_fields("jws", "compact");
            fields.insert("header".into(), Value::Object(header));
            payload.add_fields(&mut fields);
            Ok(Success::new(text, Value::Object(fields)))
        }
        [header, key, iv, ciphertext, tag] => {
            let header = decode_header("protected header", header)?;
            check_segment("encrypted key", key)?;
            check_segment("initialization vector", iv)?;
            check_segment("ciphertext", ciphertext)?;
            check_segment("authentication tag", tag)?;
            let text = format!(
                "UNVERIFIED JWE: the content was not decrypted or authenticated\nheader: {}\n",
                pretty(&header)
            );
            let mut fields = base_fields("jwe", "compact");
            fields.insert("header".into(), Value::Object(header));
            Ok(Success::new(text, Value::Object(fields)))
        }
        _ => Err(Error::new(
            ErrorKind::Malformed,
            format!(
                "expected a compact JWS (3 segments) or JWE (5 segments), or a JSON \
                 serialization, found {} segment{}",
                segments.len(),
                if segments.len() == 1 { "" } else { "s" }
            ),
        )),
    }
}

fn base_fields(kind: &str, serialization: &str) -> Object {
    let mut fields = Object::new();
    fields.insert("verified".into(), Value::Bool(false));
    fields.insert("type".into(), kind.into());
    fields.insert("serialization".into(), serialization.into());
    fields
}

/// A JWS or JWE in the general or flattened JSON serialization (RFC 7515 §7.2,
/// RFC 7516 §7.2).
fn inspect_json(token: &str) -> Result<Success, Error> {
    let object = json::parse_object(
        token.as_bytes(),
        LIMITS.max_json_depth,
        LIMITS.max_token_bytes,
    )?;
    if object.contains_key("ciphertext") {
        inspect_json_jwe(&object)
    } else if ["payload", "signature", "signatures"]
        .iter()
        .any(|name| object.contains_key(*name))
    {
        inspect_json_jws(&object)
    } else {
        Err(Error::new(
            ErrorKind::Malformed,
            "a JSON serialization needs \"payload\" or \"signatures\" (JWS) or \"ciphertext\" \
             (JWE); found none of these",
        ))
    }
}

fn inspect_json_jws(object: &Object) -> Result<Success, Error> {
    let (serialization, entries) = entries(object, "signatures", LIMITS.max_signatures)?;
    let mut signatures = Vec::with_capacity(entries.len());
    let mut text = format!(
        "UNVERIFIED JWS ({serialization} JSON, {} signature{}): no signature was checked\n",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" }
    );
    let mut unencoded = false;
    for (index, entry) in entries.iter().enumerate() {
        let protected = optional_header(entry, "protected")?;
        let header = optional_object(entry, "header")?;
        check_segment("signature", required_str(entry, "signature")?)?;
        unencoded |= protected
            .as_ref()
            .is_some_and(|p| p.get("b64") == Some(&Value::Bool(false)));
        text.push_str(&describe_headers(
            &format!("signature {}", index + 1),
            protected.as_ref(),
            header,
        ));
        signatures.push(header_pair(protected, header, "header"));
    }
    let mut fields = base_fields("jws", serialization);
    fields.insert("signatures".into(), Value::Array(signatures));
    // RFC 7515 Appendix F: without "payload" the content is detached.
    match optional_str(object, "payload")? {
        Some(segment) => {
            let payload = Payload::from_segment(segment, unencoded)?;
            text.push_str(&payload.text());
            payload.add_fields(&mut fields);
        }
        None => {
            text.push_str("payload: detached (not in the token)\n");
            fields.insert("detached".into(), Value::Bool(true));
        }
    }
    Ok(Success::new(text, Value::Object(fields)))
}

fn inspect_json_jwe(object: &Object) -> Result<Success, Error> {
    let protected = optional_header(object, "protected")?;
    let unprotected = optional_object(object, "unprotected")?;
    for member in ["iv", "ciphertext", "tag", "aad"] {
        if let Some(value) = optional_str(object, member)? {
            check_segment(member, value)?;
        }
    }
    let (serialization, entries) = entries(object, "recipients", LIMITS.max_recipients)?;
    let mut text = format!(
        "UNVERIFIED JWE ({serialization} JSON, {} recipient{}): the content was not \
         decrypted or authenticated\n",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" }
    );
    text.push_str(&describe_headers("shared", protected.as_ref(), unprotected));
    let mut recipients = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let header = optional_object(entry, "header")?;
        if let Some(key) = optional_str(entry, "encrypted_key")? {
            check_segment("encrypted_key", key)?;
        }
        if let Some(header) = header {
            text.push_str(&format!(
                "recipient {} header: {}\n",
                index + 1,
                pretty(header)
            ));
        }
        recipients.push(header_pair(None, header, "header"));
    }
    let mut fields = base_fields("jwe", serialization);
    if let Some(protected) = protected {
        fields.insert("protected".into(), Value::Object(protected));
    }
    if let Some(unprotected) = unprotected {
        fields.insert("unprotected".into(), Value::Object(unprotected.clone()));
    }
    fields.insert("recipients".into(), Value::Array(recipients));
    Ok(Success::new(text, Value::Object(fields)))
}

/// The per-signature or per-recipient entries: the `plural` array (general), or the
/// top-level object itself (flattened).
fn entries<'a>(
    object: &'a Object,
    plural: &str,
    max: usize,
) -> Result<(&'static str, Vec<&'a Object>), Error> {
    let Some(list) = object.get(plural) else {
        return Ok(("flattened", vec![object]));
    };
    let list = list.as_array().ok_or_else(|| {
        Error::new(
            ErrorKind::Malformed,
            format!(
                "\"{plural}\" must be an array, found {}",
                json::type_name(list)
            ),
        )
    })?;
    if list.is_empty() {
        return Err(Error::new(
            ErrorKind::Malformed,
            format!("\"{plural}\" is empty"),
        ));
    }
    if list.len() > max {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!("{} {plural}, above the limit of {max}", list.len()),
        ));
    }
    let entries = list
        .iter()
        .map(|entry| {
            entry.as_object().ok_or_else(|| {
                Error::new(
                    ErrorKind::Malformed,
                    format!(
                        "each of \"{plural}\" must be an object, found {}",
                        json::type_name(entry)
                    ),
                )
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(("general", entries))
}

fn header_pair(protected: Option<Object>, header: Option<&Object>, name: &str) -> Value {
    let mut pair = Object::new();
    if let Some(protected) = protected {
        pair.insert("protected".into(), Value::Object(protected));
    }
    if let Some(header) = header {
        pair.insert(name.into(), Value::Object(header.clone()));
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

fn optional_str<'a>(object: &'a Object, name: &str) -> Result<Option<&'a str>, Error> {
    match object.get(name) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(Error::new(
            ErrorKind::Malformed,
            format!(
                "\"{name}\" must be a string, found {}",
                json::type_name(other)
            ),
        )),
    }
}

fn required_str<'a>(object: &'a Object, name: &str) -> Result<&'a str, Error> {
    optional_str(object, name)?
        .ok_or_else(|| Error::new(ErrorKind::Malformed, format!("\"{name}\" is missing")))
}

fn optional_object<'a>(object: &'a Object, name: &str) -> Result<Option<&'a Object>, Error> {
    match object.get(name) {
        None => Ok(None),
        Some(Value::Object(inner)) => Ok(Some(inner)),
        Some(other) => Err(Error::new(
            ErrorKind::Malformed,
            format!(
                "\"{name}\" must be an object, found {}",
                json::type_name(other)
            ),
        )),
    }
}

fn optional_header(object: &Object, name: &str) -> Result<Option<Object>, Error> {
    optional_str(object, name)?
        .map(|segment| decode_header(name, segment))
        .transpose()
}

/// A JWS payload, decoded.
struct Payload {
    bytes: Vec<u8>,
    json: Option<Value>,
}

impl Payload {
    fn decode(segment: &str, header: &Object) -> Result<Payload, Error> {
        Payload::from_segment(segment, header.get("b64") == Some(&Value::Bool(false)))
    }

    /// RFC 7797: with `b64: false` the payload segment is the payload itself.
    fn from_segment(segment: &str, unencoded: bool) -> Result<Payload, Error> {
        let bytes = if unencoded {
            segment.as_bytes().to_vec()
        } else {
            base64url::decode(segment)
                .map_err(|e| Error::new(e.kind(), format!("payload: {}", e.message())))?
        };
        let json = json::check(&bytes, LIMITS.max_json_depth, LIMITS.max_token_bytes)
            .ok()
            .and_then(|()| serde_json::from_slice::<Value>(&bytes).ok());
        Ok(Payload { bytes, json })
    }

    fn text(&self) -> String {
        match (&self.json, std::str::from_utf8(&self.bytes)) {
            (Some(value), _) => format!("payload: {}\n", pretty_value(value)),
            // Escaped: a token's text must not drive the terminal (escape sequences).
            (None, Ok(text)) => format!("payload (text): {}\n", text.escape_debug()),
            (None, Err(_)) => format!(
                "payload (binary, base64url): {}\n",
                base64url::encode(&self.bytes)
            ),
        }
    }

    fn add_fields(self, fields: &mut Object) {
        fields.insert("payload_b64u".into(), base64url::encode(&self.bytes).into());
        if let Some(value) = self.json {
            fields.insert("payload_json".into(), value);
        }
    }
}

/// Every segment must be strict base64url even where inspect does not show it.
fn check_segment(name: &str, segment: &str) -> Result<(), Error> {
    base64url::decode(segment)
        .map(drop)
        .map_err(|e| Error::new(e.kind(), format!("{name}: {}", e.message())))
}

/// A protected header, strictly: base64url, then JSON with no duplicate members and
/// within the default size and depth limits.
fn decode_header(name: &str, segment: &str) -> Result<Object, Error> {
    let max_encoded = LIMITS.max_header_bytes.saturating_mul(4) / 3 + 4;
    if segment.len() > max_encoded {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!("{name}: longer than {} bytes", LIMITS.max_header_bytes),
        ));
    }
    let bytes = base64url::decode(segment)
        .map_err(|e| Error::new(e.kind(), format!("{name}: {}", e.message())))?;
    json::parse_object(&bytes, LIMITS.max_json_depth, LIMITS.max_header_bytes)
        .map_err(|e| Error::new(e.kind(), format!("{name}: {}", e.message())))
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
