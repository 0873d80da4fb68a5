//! [`inspect`]: the structure of a token in any serialization, unverified.
//!
//! Nothing is verified or decrypted, but every part must still be well-formed: strict
//! base64url in every segment (shown or not), strict JSON in every header (no duplicate
//! members, bounded depth and size). A token no verifier would parse does not look
//! fine here. The bounds are [`Limits::DEFAULT`]'s, except size and signature count:
//! a token of up to 256 KiB with headers of up to 8 KiB and up to 16 signatures is shown
//! (nothing here hashes or verifies, so size costs only a linear parse, and a verifier
//! configured for larger tokens has its tokens inspected too).

use crate::base64url;
use crate::error::{Error, ErrorKind, Result};
use crate::jws::HeaderMap;
use crate::limits::Limits;
use crate::strict_json;
use serde_json::{Map, Value};
use std::fmt;

const LIMITS: Limits = {
    let mut limits = Limits::DEFAULT;
    limits.max_token_bytes = 256 * 1024;
    limits.max_header_bytes = 8 * 1024;
    limits.max_signatures = 16;
    limits
};

type Object = Map<String, Value>;

/// How a token is serialized (RFC 7515 §3 and §7, RFC 7516 §3 and §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Serialization {
    /// Dot-separated base64url: 3 segments for a JWS, 5 for a JWE.
    Compact,
    /// A JSON object with one signature or recipient as top-level members.
    Flattened,
    /// A JSON object with a `signatures` or `recipients` array.
    General,
}

impl Serialization {
    /// `"compact"`, `"flattened"` or `"general"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Serialization::Compact => "compact",
            Serialization::Flattened => "flattened",
            Serialization::General => "general",
        }
    }
}

impl fmt::Display for Serialization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The unverified structure of a token, from [`inspect`]. Nothing in it may be trusted.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Inspection {
    /// A JWS: its headers and payload, no signature checked.
    Jws(InspectedJws),
    /// A JWE: its headers only; the content is neither decrypted nor authenticated.
    Jwe(InspectedJwe),
}

impl Inspection {
    /// The token's serialization.
    pub fn serialization(&self) -> Serialization {
        match self {
            Inspection::Jws(jws) => jws.serialization,
            Inspection::Jwe(jwe) => jwe.serialization,
        }
    }
}

/// The headers of one JWS signature, unverified.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SignatureHeaders {
    protected: Option<HeaderMap>,
    unprotected: Option<HeaderMap>,
}

impl SignatureHeaders {
    /// The protected header, decoded (always present in the compact serialization).
    pub fn protected(&self) -> Option<&HeaderMap> {
        self.protected.as_ref()
    }

    /// The unprotected `header` (JSON serializations only).
    pub fn unprotected(&self) -> Option<&HeaderMap> {
        self.unprotected.as_ref()
    }
}

/// An inspected JWS. See [`inspect`].
#[derive(Debug, Clone, PartialEq)]
pub struct InspectedJws {
    serialization: Serialization,
    signatures: Vec<SignatureHeaders>,
    payload: Option<Vec<u8>>,
}

impl InspectedJws {
    /// The token's serialization.
    pub fn serialization(&self) -> Serialization {
        self.serialization
    }

    /// The headers of each signature, in token order (one for compact and flattened).
    pub fn signatures(&self) -> &[SignatureHeaders] {
        &self.signatures
    }

    /// The payload bytes: base64url-decoded, or as they are with `b64: false`
    /// (RFC 7797). `None` when the payload is detached (RFC 7515 App. F: a JSON
    /// serialization without `payload`).
    pub fn payload(&self) -> Option<&[u8]> {
        self.payload.as_deref()
    }

    /// Whether the payload is detached (not in the token).
    pub fn is_detached(&self) -> bool {
        self.payload.is_none()
    }

    /// The payload as JSON, when it is strict JSON (no duplicate members, within the
    /// default depth and size); `None` otherwise or when detached.
    pub fn payload_json(&self) -> Option<Value> {
        let bytes = self.payload.as_deref()?;
        strict_json::check(bytes, LIMITS.max_json_depth, LIMITS.max_token_bytes).ok()?;
        serde_json::from_slice(bytes).ok()
    }
}

/// The per-recipient part of an inspected JWE.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecipientHeader {
    header: Option<HeaderMap>,
}

impl RecipientHeader {
    /// The recipient's unprotected `header` (JSON serializations only).
    pub fn header(&self) -> Option<&HeaderMap> {
        self.header.as_ref()
    }
}

/// An inspected JWE. See [`inspect`].
#[derive(Debug, Clone, PartialEq)]
pub struct InspectedJwe {
    serialization: Serialization,
    protected: Option<HeaderMap>,
    unprotected: Option<HeaderMap>,
    recipients: Vec<RecipientHeader>,
}

impl InspectedJwe {
    /// The token's serialization.
    pub fn serialization(&self) -> Serialization {
        self.serialization
    }

    /// The protected header, decoded (always present in the compact serialization).
    pub fn protected(&self) -> Option<&HeaderMap> {
        self.protected.as_ref()
    }

    /// The shared `unprotected` header (JSON serializations only).
    pub fn unprotected(&self) -> Option<&HeaderMap> {
        self.unprotected.as_ref()
    }

    /// Each recipient, in token order (one for compact and flattened).
    pub fn recipients(&self) -> &[RecipientHeader] {
        &self.recipients
    }
}

/// The **unverified** structure of `token` in any serialization: compact JWS or JWE,
/// flattened or general JSON JWS or JWE. For display and debugging (this is what
/// `jwt inspect` prints); never for decisions.
///
/// Every segment must be strict base64url (including those not returned: signatures,
/// encrypted keys, IV, ciphertext, tag, AAD), every header strict JSON (no duplicate
/// members), and the token within [`Limits::DEFAULT`] (token length, header size, JSON
/// depth, number of signatures or recipients). Each error names the part at fault.
///
/// ```
/// use jwt_core::dangerous::{inspect, Inspection, Serialization};
///
/// let token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.";
/// let Inspection::Jws(jws) = inspect(token)? else { unreachable!() };
/// assert_eq!(jws.serialization(), Serialization::Compact);
/// assert_eq!(jws.signatures()[0].protected().unwrap()["alg"], "none");
/// assert_eq!(jws.payload(), Some(&br#"{"sub":"a"}"#[..]));
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::Malformed`] for anything that is not a well-formed token,
/// [`ErrorKind::DuplicateMember`] for a repeated JSON member name,
/// [`ErrorKind::LimitExceeded`] above a default limit.
pub fn inspect(token: &str) -> Result<Inspection> {
    Limits::check_at_most("token length", token.len(), LIMITS.max_token_bytes)?;
    if token.starts_with('{') {
        return inspect_json(token);
    }
    let segments: Vec<&str> = token.split('.').collect();
    match segments.as_slice() {
        [header, payload, signature] => {
            let header = decode_header("protected header", header)?;
            check_segment("signature", signature)?;
            let unencoded = header.get("b64") == Some(&Value::Bool(false));
            let payload = decode_payload(payload, unencoded)?;
            Ok(Inspection::Jws(InspectedJws {
                serialization: Serialization::Compact,
                signatures: vec![SignatureHeaders {
                    protected: Some(header),
                    unprotected: None,
                }],
                payload: Some(payload),
            }))
        }
        [header, key, iv, ciphertext, tag] => {
            let header = decode_header("protected header", header)?;
            check_segment("encrypted key", key)?;
            check_segment("initialization vector", iv)?;
            check_segment("ciphertext", ciphertext)?;
            check_segment("authentication tag", tag)?;
            Ok(Inspection::Jwe(InspectedJwe {
                serialization: Serialization::Compact,
                protected: Some(header),
                unprotected: None,
                recipients: vec![RecipientHeader::default()],
            }))
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

/// A JWS or JWE in the general or flattened JSON serialization (RFC 7515 §7.2,
/// RFC 7516 §7.2).
fn inspect_json(token: &str) -> Result<Inspection> {
    let object = strict_json::parse_object(
        token.as_bytes(),
        LIMITS.max_json_depth,
        LIMITS.max_token_bytes,
    )?;
    if object.contains_key("ciphertext") {
        inspect_json_jwe(&object).map(Inspection::Jwe)
    } else if ["payload", "signature", "signatures"]
        .iter()
        .any(|name| object.contains_key(*name))
    {
        inspect_json_jws(&object).map(Inspection::Jws)
    } else {
        Err(Error::new(
            ErrorKind::Malformed,
            "a JSON serialization needs \"payload\" or \"signatures\" (JWS) or \"ciphertext\" \
             (JWE); found none of these",
        ))
    }
}

fn inspect_json_jws(object: &Object) -> Result<InspectedJws> {
    let (serialization, entries) = entries(object, "signatures", LIMITS.max_signatures)?;
    let mut signatures = Vec::with_capacity(entries.len());
    let mut unencoded = false;
    for entry in entries {
        let protected = optional_header(entry, "protected")?;
        let unprotected = optional_object(entry, "header")?.cloned();
        check_segment("signature", required_str(entry, "signature")?)?;
        unencoded |= protected
            .as_ref()
            .is_some_and(|p| p.get("b64") == Some(&Value::Bool(false)));
        signatures.push(SignatureHeaders {
            protected,
            unprotected,
        });
    }
    let payload = optional_str(object, "payload")?
        .map(|segment| decode_payload(segment, unencoded))
        .transpose()?;
    Ok(InspectedJws {
        serialization,
        signatures,
        payload,
    })
}

fn inspect_json_jwe(object: &Object) -> Result<InspectedJwe> {
    let protected = optional_header(object, "protected")?;
    let unprotected = optional_object(object, "unprotected")?.cloned();
    for member in ["iv", "ciphertext", "tag", "aad"] {
        if let Some(value) = optional_str(object, member)? {
            check_segment(member, value)?;
        }
    }
    let (serialization, entries) = entries(object, "recipients", LIMITS.max_recipients)?;
    let mut recipients = Vec::with_capacity(entries.len());
    for entry in entries {
        let header = optional_object(entry, "header")?.cloned();
        if let Some(key) = optional_str(entry, "encrypted_key")? {
            check_segment("encrypted_key", key)?;
        }
        recipients.push(RecipientHeader { header });
    }
    Ok(InspectedJwe {
        serialization,
        protected,
        unprotected,
        recipients,
    })
}

/// The per-signature or per-recipient entries: the `plural` array (general), or the
/// top-level object itself (flattened).
fn entries<'a>(
    object: &'a Object,
    plural: &str,
    max: usize,
) -> Result<(Serialization, Vec<&'a Object>)> {
    let Some(list) = object.get(plural) else {
        return Ok((Serialization::Flattened, vec![object]));
    };
    let list = list.as_array().ok_or_else(|| {
        Error::new(
            ErrorKind::Malformed,
            format!(
                "\"{plural}\" must be an array, found {}",
                strict_json::type_name(list)
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
                        strict_json::type_name(entry)
                    ),
                )
            })
        })
        .collect::<Result<_>>()?;
    Ok((Serialization::General, entries))
}

fn optional_str<'a>(object: &'a Object, name: &str) -> Result<Option<&'a str>> {
    match object.get(name) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(Error::new(
            ErrorKind::Malformed,
            format!(
                "\"{name}\" must be a string, found {}",
                strict_json::type_name(other)
            ),
        )),
    }
}

fn required_str<'a>(object: &'a Object, name: &str) -> Result<&'a str> {
    optional_str(object, name)?
        .ok_or_else(|| Error::new(ErrorKind::Malformed, format!("\"{name}\" is missing")))
}

fn optional_object<'a>(object: &'a Object, name: &str) -> Result<Option<&'a Object>> {
    match object.get(name) {
        None => Ok(None),
        Some(Value::Object(inner)) => Ok(Some(inner)),
        Some(other) => Err(Error::new(
            ErrorKind::Malformed,
            format!(
                "\"{name}\" must be an object, found {}",
                strict_json::type_name(other)
            ),
        )),
    }
}

fn optional_header(object: &Object, name: &str) -> Result<Option<Object>> {
    optional_str(object, name)?
        .map(|segment| decode_header(name, segment))
        .transpose()
}

/// RFC 7797: with `b64: false` the payload segment is the payload itself.
fn decode_payload(segment: &str, unencoded: bool) -> Result<Vec<u8>> {
    if unencoded {
        return Ok(segment.as_bytes().to_vec());
    }
    base64url::decode(segment)
        .map_err(|e| Error::new(e.kind(), format!("payload: {}", e.message())))
}

/// Every segment must be strict base64url even where it is not returned.
fn check_segment(name: &str, segment: &str) -> Result<()> {
    base64url::decode(segment)
        .map(drop)
        .map_err(|e| Error::new(e.kind(), format!("{name}: {}", e.message())))
}

/// A protected header, strictly: base64url, then JSON with no duplicate members and
/// within the default size and depth limits.
fn decode_header(name: &str, segment: &str) -> Result<Object> {
    let max_encoded = LIMITS.max_header_bytes.saturating_mul(4) / 3 + 4;
    if segment.len() > max_encoded {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!("{name}: longer than {} bytes", LIMITS.max_header_bytes),
        ));
    }
    let bytes = base64url::decode(segment)
        .map_err(|e| Error::new(e.kind(), format!("{name}: {}", e.message())))?;
    strict_json::parse_object(&bytes, LIMITS.max_json_depth, LIMITS.max_header_bytes)
        .map_err(|e| Error::new(e.kind(), format!("{name}: {}", e.message())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn b64(text: &str) -> String {
        base64url::encode(text)
    }

    fn jws(token: &str) -> InspectedJws {
        match inspect(token).unwrap() {
            Inspection::Jws(jws) => jws,
            other => panic!("expected a JWS: {other:?}"),
        }
    }

    fn jwe(token: &str) -> InspectedJwe {
        match inspect(token).unwrap() {
            Inspection::Jwe(jwe) => jwe,
            other => panic!("expected a JWE: {other:?}"),
        }
    }

    fn object(value: Value) -> HeaderMap {
        match value {
            Value::Object(map) => map,
            other => panic!("not an object: {other}"),
        }
    }

    #[test]
    fn compact_jws() {
        let token = format!(
            "{}.{}.c2ln",
            b64(r#"{"alg":"HS256","kid":"k"}"#),
            b64(r#"{"sub":"a"}"#)
        );
        let jws = jws(&token);
        assert_eq!(jws.serialization(), Serialization::Compact);
        assert_eq!(jws.signatures().len(), 1);
        assert_eq!(
            jws.signatures()[0].protected(),
            Some(&object(json!({"alg": "HS256", "kid": "k"})))
        );
        assert_eq!(jws.signatures()[0].unprotected(), None);
        assert_eq!(jws.payload(), Some(&br#"{"sub":"a"}"#[..]));
        assert!(!jws.is_detached());
        assert_eq!(jws.payload_json(), Some(json!({"sub": "a"})));
        assert_eq!(
            inspect(&token).unwrap().serialization(),
            Serialization::Compact
        );
    }

    #[test]
    fn compact_jws_payloads_that_are_not_strict_json_have_no_json() {
        let text = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64("hello"));
        assert_eq!(jws(&text).payload(), Some(&b"hello"[..]));
        assert_eq!(jws(&text).payload_json(), None);
        let duplicate = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(r#"{"a":1,"a":2}"#));
        assert_eq!(jws(&duplicate).payload_json(), None);
        let binary = format!(
            "{}.{}.",
            b64(r#"{"alg":"none"}"#),
            base64url::encode([0xff, 0])
        );
        assert_eq!(jws(&binary).payload(), Some(&[0xff, 0][..]));
    }

    #[test]
    fn compact_jws_with_an_unencoded_payload() {
        let header = b64(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#);
        assert_eq!(
            jws(&format!("{header}.$02.c2ln")).payload(),
            Some(&b"$02"[..])
        );
        // "$.02" has a dot: as a compact token that is 4 segments.
        let error = inspect(&format!("{header}.$.02.c2ln")).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Malformed);
        assert!(error.message().contains("4 segments"), "{error}");
    }

    #[test]
    fn compact_jwe() {
        let token = format!(
            "{}.aw.aXY.Y3Q.dGFn",
            b64(r#"{"alg":"dir","enc":"A128GCM"}"#)
        );
        let jwe = jwe(&token);
        assert_eq!(jwe.serialization(), Serialization::Compact);
        assert_eq!(
            jwe.protected(),
            Some(&object(json!({"alg": "dir", "enc": "A128GCM"})))
        );
        assert_eq!(jwe.unprotected(), None);
        assert_eq!(jwe.recipients(), &[RecipientHeader::default()]);
        // An empty encrypted key (dir) is well-formed.
        jwe_ok(&format!("{}..aXY.Y3Q.dGFn", b64(r#"{"alg":"dir"}"#)));
    }

    fn jwe_ok(token: &str) {
        jwe(token);
    }

    #[test]
    fn flattened_json_jws() {
        let token = json!({
            "payload": b64("hello"),
            "protected": b64(r#"{"alg":"ES256"}"#),
            "header": {"kid": "e"},
            "signature": "c2ln",
        })
        .to_string();
        let jws = jws(&token);
        assert_eq!(jws.serialization(), Serialization::Flattened);
        assert_eq!(jws.signatures().len(), 1);
        assert_eq!(
            jws.signatures()[0].protected(),
            Some(&object(json!({"alg": "ES256"})))
        );
        assert_eq!(
            jws.signatures()[0].unprotected(),
            Some(&object(json!({"kid": "e"})))
        );
        assert_eq!(jws.payload(), Some(&b"hello"[..]));
    }

    #[test]
    fn flattened_json_jws_unencoded_and_detached() {
        let unencoded = json!({
            "payload": "$.02",
            "protected": b64(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#),
            "signature": "c2ln",
        })
        .to_string();
        assert_eq!(jws(&unencoded).payload(), Some(&b"$.02"[..]));
        let detached = json!({"protected": b64(r#"{"alg":"HS256"}"#), "signature": "c2ln"});
        let jws = jws(&detached.to_string());
        assert!(jws.is_detached());
        assert_eq!(jws.payload(), None);
        assert_eq!(jws.payload_json(), None);
    }

    #[test]
    fn general_json_jws() {
        let token = json!({
            "payload": b64(r#"{"iss":"joe"}"#),
            "signatures": [
                {"protected": b64(r#"{"alg":"RS256"}"#), "header": {"kid": "a"}, "signature": "c2ln"},
                {"header": {"alg": "ES256", "kid": "b"}, "signature": "c2ln"},
            ],
        })
        .to_string();
        let jws = jws(&token);
        assert_eq!(jws.serialization(), Serialization::General);
        let signatures = jws.signatures();
        assert_eq!(signatures.len(), 2);
        assert_eq!(
            signatures[0].protected(),
            Some(&object(json!({"alg": "RS256"})))
        );
        assert_eq!(
            signatures[0].unprotected(),
            Some(&object(json!({"kid": "a"})))
        );
        assert_eq!(signatures[1].protected(), None);
        assert_eq!(
            signatures[1].unprotected(),
            Some(&object(json!({"alg": "ES256", "kid": "b"})))
        );
        assert_eq!(jws.payload_json(), Some(json!({"iss": "joe"})));
    }

    #[test]
    fn flattened_json_jwe() {
        let token = json!({
            "protected": b64(r#"{"enc":"A128GCM"}"#),
            "unprotected": {"jku": "https://example.com"},
            "header": {"alg": "A128KW", "kid": "k"},
            "encrypted_key": "aw",
            "iv": "aXY", "ciphertext": "Y3Q", "tag": "dGFn", "aad": "YQ",
        })
        .to_string();
        let jwe = jwe(&token);
        assert_eq!(jwe.serialization(), Serialization::Flattened);
        assert_eq!(jwe.protected(), Some(&object(json!({"enc": "A128GCM"}))));
        assert_eq!(
            jwe.unprotected(),
            Some(&object(json!({"jku": "https://example.com"})))
        );
        assert_eq!(jwe.recipients().len(), 1);
        assert_eq!(
            jwe.recipients()[0].header(),
            Some(&object(json!({"alg": "A128KW", "kid": "k"})))
        );
    }

    #[test]
    fn general_json_jwe() {
        let token = json!({
            "protected": b64(r#"{"enc":"A128CBC-HS256"}"#),
            "recipients": [
                {"header": {"alg": "RSA1_5", "kid": "a"}, "encrypted_key": "aw"},
                {"header": {"alg": "A128KW", "kid": "b"}, "encrypted_key": "aw"},
                {},
            ],
            "iv": "aXY", "ciphertext": "Y3Q", "tag": "dGFn",
        })
        .to_string();
        let jwe = jwe(&token);
        assert_eq!(jwe.serialization(), Serialization::General);
        assert_eq!(jwe.unprotected(), None);
        let recipients = jwe.recipients();
        assert_eq!(recipients.len(), 3);
        assert_eq!(recipients[1].header().unwrap()["alg"], "A128KW");
        assert_eq!(recipients[2].header(), None);
        assert_eq!(
            Inspection::Jwe(jwe.clone()).serialization(),
            Serialization::General
        );
    }

    #[test]
    fn serialization_names() {
        assert_eq!(Serialization::Compact.to_string(), "compact");
        assert_eq!(Serialization::Flattened.as_str(), "flattened");
        assert_eq!(Serialization::General.as_str(), "general");
    }

    /// One case per rejection path: the token, the kind, and a word of the message.
    fn rejected() -> Vec<(String, ErrorKind, &'static str)> {
        use ErrorKind::{DuplicateMember as Dup, LimitExceeded as Limit, Malformed as Bad};
        let sig = |extra: &str| format!(r#"{{"payload":"e30","signature":"c2ln"{extra}}}"#);
        let jwe_json = |extra: &str| format!(r#"{{"ciphertext":"Y3Q"{extra}}}"#);
        let many = |entry: &str, n: usize| vec![entry; n].join(",");
        vec![
            // Shape and size.
            ("a.b".into(), Bad, "2 segments"),
            ("a.b.c.d".into(), Bad, "4 segments"),
            ("abc".into(), Bad, "found 1 segment"),
            ("a.b.c.d.e.f".into(), Bad, "6 segments"),
            (
                "e".repeat(LIMITS.max_token_bytes + 1),
                Limit,
                "token length",
            ),
            (
                format!("{}.e30.", "e".repeat(20_000)),
                Limit,
                "protected header",
            ),
            // Compact: strict base64url in every segment.
            ("e30=.e30.".into(), Bad, "protected header"),
            (format!("{}.!!.", b64("{}")), Bad, "payload"),
            (format!("{}.e30.a", b64("{}")), Bad, "signature"),
            (format!("{}.e30.YQ\n", b64("{}")), Bad, "signature"),
            (format!("{}.e30.YR", b64("{}")), Bad, "signature"),
            (format!("{}.Y=.YQ.YQ.YQ", b64("{}")), Bad, "encrypted key"),
            (
                format!("{}.YQ.Y=.YQ.YQ", b64("{}")),
                Bad,
                "initialization vector",
            ),
            (format!("{}.YQ.YQ.Y=.YQ", b64("{}")), Bad, "ciphertext"),
            (
                format!("{}.YQ.YQ.YQ.Y=", b64("{}")),
                Bad,
                "authentication tag",
            ),
            ("!!.YQ.YQ.YQ.YQ".into(), Bad, "protected header"),
            // Compact: strict JSON headers.
            (format!("{}.e30.", b64("[1]")), Bad, "object"),
            (format!("{}.e30.", b64("{")), Bad, "protected header"),
            (
                format!("{}.e30.", b64(r#"{"alg":"a","alg":"b"}"#)),
                Dup,
                "protected header",
            ),
            (
                format!("{}.e30.", b64(r#"{"x":{"a":1,"a":1}}"#)),
                Dup,
                "protected header",
            ),
            (
                format!("{}.YQ.YQ.YQ.YQ", b64(r#"{"enc":1,"enc":2}"#)),
                Dup,
                "protected header",
            ),
            (
                format!(
                    "{}.e30.",
                    b64(&format!("{{\"a\":{}1{}}}", "[".repeat(40), "]".repeat(40)))
                ),
                Limit,
                "protected header",
            ),
            // JSON serializations: the object itself.
            ("{".into(), Bad, ""),
            ("{}".into(), Bad, "none of these"),
            (
                r#"{"payload":"e30","payload":"e30","signature":""}"#.into(),
                Dup,
                "",
            ),
            (sig(r#","header":{"kid":"a","kid":"b"}"#), Dup, ""),
            (
                format!(
                    r#"{{"payload":"e30","signature":"","x":{}1{}}}"#,
                    "[".repeat(40),
                    "]".repeat(40)
                ),
                Limit,
                "",
            ),
            // JSON JWS.
            (r#"{"payload":"e30"}"#.into(), Bad, "signature"),
            (r#"{"payload":"e30","signatures":{}}"#.into(), Bad, "array"),
            (r#"{"payload":"e30","signatures":[]}"#.into(), Bad, "empty"),
            (
                r#"{"payload":"e30","signatures":[1]}"#.into(),
                Bad,
                "object",
            ),
            (
                format!(
                    r#"{{"payload":"e30","signatures":[{}]}}"#,
                    many(r#"{"signature":""}"#, 17)
                ),
                Limit,
                "signatures",
            ),
            (sig(r#","header":[]"#), Bad, "header"),
            (sig(r#","protected":1"#), Bad, "protected"),
            (sig(r#","protected":"e30=""#), Bad, "protected"),
            (
                sig(&format!(r#","protected":"{}""#, b64(r#"{"a":1,"a":1}"#))),
                Dup,
                "protected",
            ),
            (
                sig(&format!(r#","protected":"{}""#, b64("[]"))),
                Bad,
                "protected",
            ),
            (
                r#"{"payload":"e30","signature":1}"#.into(),
                Bad,
                "signature",
            ),
            (
                r#"{"payload":"e30","signature":"YR"}"#.into(),
                Bad,
                "signature",
            ),
            (r#"{"payload":1,"signature":""}"#.into(), Bad, "payload"),
            (
                r#"{"payload":"e30=","signature":""}"#.into(),
                Bad,
                "payload",
            ),
            // JSON JWE.
            (r#"{"ciphertext":"Y=","iv":""}"#.into(), Bad, "ciphertext"),
            (r#"{"ciphertext":1}"#.into(), Bad, "ciphertext"),
            (jwe_json(r#","iv":"Y=""#), Bad, "iv"),
            (jwe_json(r#","tag":"Y=""#), Bad, "tag"),
            (jwe_json(r#","aad":"Y=""#), Bad, "aad"),
            (jwe_json(r#","protected":"Y=""#), Bad, "protected"),
            (
                jwe_json(&format!(
                    r#","protected":"{}""#,
                    b64(r#"{"enc":"a","enc":"b"}"#)
                )),
                Dup,
                "protected",
            ),
            (jwe_json(r#","unprotected":"x""#), Bad, "unprotected"),
            (jwe_json(r#","recipients":{}"#), Bad, "array"),
            (jwe_json(r#","recipients":[]"#), Bad, "empty"),
            (jwe_json(r#","recipients":[[]]"#), Bad, "object"),
            (
                jwe_json(&format!(r#","recipients":[{}]"#, many("{}", 17))),
                Limit,
                "recipients",
            ),
            (
                r#"{"ciphertext":"","recipients":[{"encrypted_key":"a"}]}"#.into(),
                Bad,
                "encrypted_key",
            ),
            (
                jwe_json(r#","recipients":[{"encrypted_key":1}]"#),
                Bad,
                "encrypted_key",
            ),
            (jwe_json(r#","recipients":[{"header":1}]"#), Bad, "header"),
            (jwe_json(r#","header":{"alg":"a","alg":"b"}"#), Dup, ""),
        ]
    }

    #[test]
    fn every_rejection_names_its_reason() {
        for (token, kind, needle) in rejected() {
            let error = inspect(&token).unwrap_err();
            assert_eq!(error.kind(), kind, "{token:.80}: {error}");
            assert!(error.message().contains(needle), "{token:.80}: {error}");
        }
    }

    #[test]
    fn the_limits_are_inclusive() {
        let mut signatures = [r#"{"signature":""}"#; LIMITS.max_signatures].join(",");
        let jws = jws(&format!(r#"{{"payload":"","signatures":[{signatures}]}}"#));
        assert_eq!(jws.signatures().len(), LIMITS.max_signatures);
        signatures = vec!["{}"; LIMITS.max_recipients].join(",");
        let jwe = jwe(&format!(
            r#"{{"ciphertext":"","recipients":[{signatures}]}}"#
        ));
        assert_eq!(jwe.recipients().len(), LIMITS.max_recipients);
    }

    #[test]
    fn never_panics_on_prefixes_and_mutations() {
        let tokens = [
            format!("{}.{}.c2ln", b64(r#"{"alg":"HS256"}"#), b64(r#"{"a":[1]}"#)),
            format!("{}.aw.aXY.Y3Q.dGFn", b64(r#"{"alg":"dir"}"#)),
            json!({"payload": "e30", "signatures": [{"protected": b64("{}"), "header": {}, "signature": ""}]}).to_string(),
            json!({"protected": b64("{}"), "unprotected": {}, "recipients": [{"header": {}, "encrypted_key": ""}], "iv": "", "ciphertext": "", "tag": ""}).to_string(),
        ];
        for token in &tokens {
            assert!(inspect(token).is_ok(), "{token}");
            for end in 0..token.len() {
                if let Some(prefix) = token.get(..end) {
                    let _ = inspect(prefix);
                }
            }
            for (at, _) in token.char_indices() {
                for replacement in ["\"", "{", "]", ".", "=", "\u{0}", "é"] {
                    let mut mutated = token.clone();
                    mutated.replace_range(at..at + 1, replacement);
                    let _ = inspect(&mutated);
                }
            }
        }
    }
}
