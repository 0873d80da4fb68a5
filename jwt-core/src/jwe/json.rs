//! The JWE JSON serializations (RFC 7516 §7.2): general (`recipients`) and flattened
//! (`header`/`encrypted_key` at the top level).

use super::header::{self, JweHeader};
use super::parts::{Parts, RecipientPart};
use crate::base64url;
use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;
use serde_json::{Map, Value};

/// Members only the flattened form has; they may not be mixed with `recipients`.
const FLATTENED_ONLY: [&str; 2] = ["header", "encrypted_key"];

/// Parses either JSON form. A JWS (`payload`, `signature`, `signatures`, no
/// `ciphertext`) is refused before anything is decoded.
///
/// # Errors
/// `limit_exceeded` (token, header, recipients), `token_type_mismatch`, `malformed`,
/// `duplicate_member`, `invalid_header`.
pub(crate) fn parse(token: &str, limits: &Limits) -> Result<Parts> {
    Limits::check_at_most("token length", token.len(), limits.max_token_bytes)?;
    let top = crate::strict_json::parse_object(
        token.as_bytes(),
        limits.max_json_depth,
        limits.max_token_bytes,
    )?;
    if !top.contains_key("ciphertext") {
        if ["payload", "signature", "signatures"]
            .iter()
            .any(|m| top.contains_key(*m))
        {
            return Err(Error::new(
                ErrorKind::TokenTypeMismatch,
                "expected a JWE (a \"ciphertext\" member), found a JWS JSON serialization",
            ));
        }
        return Err(Error::malformed(
            "a JWE JSON serialization needs a \"ciphertext\" member",
        ));
    }
    let recipients = recipients(&top, limits)?;
    let (protected_b64, protected) = match top.get("protected") {
        None => (String::new(), JweHeader::default()),
        Some(value) => {
            let text = string(value, "protected")?;
            let len = base64url::decoded_len(text.len()).unwrap_or(0);
            Limits::check_at_most("JWE protected header length", len, limits.max_header_bytes)?;
            let bytes = decode(text, "protected")?;
            (text.to_owned(), header::parse_protected(&bytes, limits)?)
        }
    };
    let shared = match top.get("unprotected") {
        None => JweHeader::default(),
        Some(value) => header::unprotected_from(value, "shared unprotected header", limits)?,
    };
    let aad_b64 = match top.get("aad") {
        None => None,
        Some(value) => {
            let text = string(value, "aad")?;
            decode(text, "aad")?;
            Some(text.to_owned())
        }
    };
    Ok(Parts {
        protected_b64,
        protected,
        shared,
        recipients,
        aad_b64,
        iv: optional_bytes(&top, "iv")?,
        ciphertext: optional_bytes(&top, "ciphertext")?,
        tag: optional_bytes(&top, "tag")?,
    })
}

fn recipients(top: &Map<String, Value>, limits: &Limits) -> Result<Vec<RecipientPart>> {
    let Some(list) = top.get("recipients") else {
        return Ok(vec![recipient(top, limits)?]);
    };
    if let Some(name) = FLATTENED_ONLY.iter().find(|m| top.contains_key(**m)) {
        return Err(Error::malformed(format!(
            "a JWE JSON serialization has both \"recipients\" and \"{name}\""
        )));
    }
    let Value::Array(list) = list else {
        return Err(Error::malformed("\"recipients\" must be an array"));
    };
    if list.is_empty() {
        return Err(Error::malformed("\"recipients\" must not be empty"));
    }
    Limits::check_at_most(
        "number of JWE recipients",
        list.len(),
        limits.max_recipients,
    )?;
    list.iter()
        .map(|entry| match entry {
            Value::Object(map) => recipient(map, limits),
            _ => Err(Error::malformed(
                "each entry of \"recipients\" must be an object",
            )),
        })
        .collect()
}

fn recipient(map: &Map<String, Value>, limits: &Limits) -> Result<RecipientPart> {
    let header = match map.get("header") {
        None => JweHeader::default(),
        Some(value) => header::unprotected_from(value, "per-recipient header", limits)?,
    };
    Ok(RecipientPart {
        header,
        encrypted_key: optional_bytes(map, "encrypted_key")?,
    })
}

fn string<'v>(value: &'v Value, name: &str) -> Result<&'v str> {
    value.as_str().ok_or_else(|| {
        Error::malformed(format!(
            "\"{name}\" must be a base64url string, found {}",
            crate::strict_json::type_name(value)
        ))
    })
}

fn decode(text: &str, name: &str) -> Result<Vec<u8>> {
    base64url::decode(text).map_err(|e| Error::malformed(format!("\"{name}\": {}", e.message())))
}

fn optional_bytes(map: &Map<String, Value>, name: &str) -> Result<Vec<u8>> {
    match map.get(name) {
        None => Ok(Vec::new()),
        Some(value) => decode(string(value, name)?, name),
    }
}

/// What a JSON serialization is written from.
pub(crate) struct JsonOut<'a> {
    pub(crate) protected_b64: &'a str,
    pub(crate) shared: Option<Value>,
    /// (per-recipient header, encrypted key) per recipient.
    pub(crate) recipients: Vec<(Option<Value>, &'a [u8])>,
    pub(crate) aad_b64: Option<&'a str>,
    pub(crate) iv: &'a [u8],
    pub(crate) ciphertext: &'a [u8],
    pub(crate) tag: &'a [u8],
}

impl JsonOut<'_> {
    /// The general serialization.
    pub(crate) fn general(&self) -> String {
        let mut top = self.common();
        let recipients = self
            .recipients
            .iter()
            .map(|(header, key)| {
                let mut entry = Map::new();
                add_recipient(&mut entry, header.as_ref(), key);
                Value::Object(entry)
            })
            .collect();
        top.insert("recipients".into(), Value::Array(recipients));
        Value::Object(top).to_string()
    }

    /// The flattened serialization.
    ///
    /// # Errors
    /// `invalid_header` when there is not exactly one recipient.
    pub(crate) fn flattened(&self) -> Result<String> {
        let [(header, key)] = self.recipients.as_slice() else {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                format!(
                    "the flattened JSON serialization has exactly one recipient, this JWE has {}",
                    self.recipients.len()
                ),
            ));
        };
        let mut top = self.common();
        add_recipient(&mut top, header.as_ref(), key);
        Ok(Value::Object(top).to_string())
    }

    fn common(&self) -> Map<String, Value> {
        let mut top = Map::new();
        if !self.protected_b64.is_empty() {
            top.insert("protected".into(), self.protected_b64.into());
        }
        if let Some(shared) = &self.shared {
            top.insert("unprotected".into(), shared.clone());
        }
        if let Some(aad) = self.aad_b64 {
            top.insert("aad".into(), aad.into());
        }
        top.insert("iv".into(), base64url::encode(self.iv).into());
        top.insert(
            "ciphertext".into(),
            base64url::encode(self.ciphertext).into(),
        );
        top.insert("tag".into(), base64url::encode(self.tag).into());
        top
    }
}

fn add_recipient(map: &mut Map<String, Value>, header: Option<&Value>, key: &[u8]) {
    if let Some(header) = header {
        map.insert("header".into(), header.clone());
    }
    if !key.is_empty() {
        map.insert("encrypted_key".into(), base64url::encode(key).into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse_value(v: Value) -> Result<Parts> {
        parse(&v.to_string(), &Limits::default())
    }

    const PROTECTED: &str = "eyJlbmMiOiJBMTI4R0NNIn0"; // {"enc":"A128GCM"}

    #[test]
    fn parses_the_general_form() {
        let parts = parse_value(json!({
            "protected": PROTECTED,
            "unprotected": {"jku": "https://server.example.com/keys.jwks"},
            "recipients": [
                {"header": {"alg": "A128KW", "kid": "7"}, "encrypted_key": "AAAA"},
                {"header": {"alg": "dir"}}
            ],
            "aad": "Zm9v", "iv": "AAAA", "ciphertext": "YmFy", "tag": "AAAA"
        }))
        .unwrap();
        assert_eq!(parts.protected.enc().unwrap().name(), "A128GCM");
        assert_eq!(
            parts.shared.get("jku").unwrap(),
            "https://server.example.com/keys.jwks"
        );
        assert_eq!(parts.recipients.len(), 2);
        assert_eq!(parts.recipients[0].header.kid(), Some("7"));
        assert_eq!(parts.recipients[0].encrypted_key, [0, 0, 0]);
        assert!(parts.recipients[1].encrypted_key.is_empty());
        assert_eq!(parts.aad(), format!("{PROTECTED}.Zm9v").as_bytes());
        assert_eq!(parts.ciphertext, b"bar");
    }

    #[test]
    fn parses_the_flattened_form_and_no_protected_header() {
        let parts = parse_value(json!({
            "unprotected": {"enc": "A128GCM"},
            "header": {"alg": "A128KW"}, "encrypted_key": "AAAA",
            "iv": "AAAA", "ciphertext": "", "tag": "AAAA"
        }))
        .unwrap();
        assert!(parts.protected.is_empty());
        assert_eq!(parts.aad(), &b""[..]);
        assert_eq!(parts.recipients[0].header.alg().unwrap().name(), "A128KW");
        assert!(parts.ciphertext.is_empty());
    }

    #[test]
    fn a_jws_is_a_type_mismatch() {
        for jws in [
            json!({"payload": "e30", "protected": PROTECTED, "signature": "AAAA"}),
            json!({"payload": "e30", "signatures": []}),
        ] {
            assert_eq!(
                parse_value(jws).unwrap_err().kind(),
                ErrorKind::TokenTypeMismatch
            );
        }
    }

    #[test]
    fn rejects_malformed_shapes() {
        let base =
            json!({"protected": PROTECTED, "iv": "AAAA", "ciphertext": "YmFy", "tag": "AAAA"});
        let with = |k: &str, v: Value| {
            let mut b = base.clone();
            b[k] = v;
            b
        };
        for (bad, kind) in [
            (json!({"iv": "AAAA"}), ErrorKind::Malformed),
            (with("recipients", json!([])), ErrorKind::Malformed),
            (with("recipients", json!({})), ErrorKind::Malformed),
            (with("recipients", json!([1])), ErrorKind::Malformed),
            (
                with("recipients", json!([{"header": []}])),
                ErrorKind::Malformed,
            ),
            (with("header", json!("x")), ErrorKind::Malformed),
            (with("unprotected", json!([1])), ErrorKind::Malformed),
            (with("encrypted_key", json!(5)), ErrorKind::Malformed),
            (with("aad", json!("Zm9v=")), ErrorKind::Malformed),
            (with("ciphertext", json!("YmF+")), ErrorKind::Malformed),
            (
                with("protected", json!({"enc": "A128GCM"})),
                ErrorKind::Malformed,
            ),
            (with("protected", json!("W10")), ErrorKind::InvalidHeader), // "[]"
        ] {
            assert_eq!(parse_value(bad.clone()).unwrap_err().kind(), kind, "{bad}");
        }
        let mixed = with("recipients", json!([{}]));
        let mixed = {
            let mut m = mixed;
            m["encrypted_key"] = json!("AAAA");
            m
        };
        assert_eq!(parse_value(mixed).unwrap_err().kind(), ErrorKind::Malformed);
        let dup = r#"{"iv":"AAAA","iv":"AAAA","ciphertext":"","tag":""}"#;
        assert_eq!(
            parse(dup, &Limits::default()).unwrap_err().kind(),
            ErrorKind::DuplicateMember
        );
    }

    #[test]
    fn limits() {
        let many: Vec<Value> = (0..17).map(|_| json!({"encrypted_key": "AAAA"})).collect();
        let token = json!({"protected": PROTECTED, "recipients": many, "iv": "", "ciphertext": "", "tag": ""});
        assert_eq!(
            parse_value(token).unwrap_err().kind(),
            ErrorKind::LimitExceeded
        );
        let big = "a".repeat(9000);
        let token = json!({"unprotected": {"x": big}, "iv": "", "ciphertext": "", "tag": ""});
        assert_eq!(
            parse_value(token).unwrap_err().kind(),
            ErrorKind::LimitExceeded
        );
        let small = Limits {
            max_token_bytes: 10,
            ..Limits::default()
        };
        assert_eq!(
            parse(r#"{"ciphertext":"","iv":""}"#, &small)
                .unwrap_err()
                .kind(),
            ErrorKind::LimitExceeded
        );
    }

    #[test]
    fn writes_both_forms() {
        let out = JsonOut {
            protected_b64: PROTECTED,
            shared: Some(json!({"cty": "text/plain"})),
            recipients: vec![(Some(json!({"alg": "A128KW"})), &[1, 2, 3][..])],
            aad_b64: Some("Zm9v"),
            iv: b"iv",
            ciphertext: b"ct",
            tag: b"tag",
        };
        let flat: Value = serde_json::from_str(&out.flattened().unwrap()).unwrap();
        assert_eq!(flat["header"]["alg"], "A128KW");
        assert_eq!(flat["encrypted_key"], "AQID");
        assert_eq!(flat["aad"], "Zm9v");
        let general = parse(&out.general(), &Limits::default()).unwrap();
        assert_eq!(general.recipients[0].encrypted_key, [1, 2, 3]);
        assert_eq!(general.shared.cty(), Some("text/plain"));
        assert_eq!(general.tag, b"tag");
        let two = JsonOut {
            recipients: vec![(None, &[][..]), (None, &[][..])],
            ..out
        };
        assert_eq!(
            two.flattened().unwrap_err().kind(),
            ErrorKind::InvalidHeader
        );
    }
}
