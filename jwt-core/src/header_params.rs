//! The JSON types of the registered header parameters (RFC 7515 §4.1, RFC 7516 §4.1,
//! RFC 7518 §4.6–4.8) and which of them belong to JWE alone: the one table both the JWS
//! and the JWE layer judge their headers by.
//!
//! A registered member of the wrong type is refused even where this library never
//! reads it (`jku`, `x5c`, ...): another party that does read it would see something
//! the signer never meant, and a header is either what the RFC registers or invalid.

use crate::error::{Error, ErrorKind, Result};
use serde_json::Value;

/// The JSON type a registered parameter must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParamType {
    String,
    Object,
    StringArray,
}

impl ParamType {
    fn fits(self, value: &Value) -> bool {
        match (self, value) {
            (ParamType::String, Value::String(_)) | (ParamType::Object, Value::Object(_)) => true,
            (ParamType::StringArray, Value::Array(items)) => items.iter().all(Value::is_string),
            _ => false,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            ParamType::String => "a string",
            ParamType::Object => "a JSON object",
            ParamType::StringArray => "an array of strings",
        }
    }
}

/// Parameters registered for both JWS and JWE (`crit` is judged by each layer's own
/// rules, `b64` by the JWS layer's).
const COMMON: [(&str, ParamType); 10] = [
    ("alg", ParamType::String),
    ("jku", ParamType::String),
    ("jwk", ParamType::Object),
    ("kid", ParamType::String),
    ("x5u", ParamType::String),
    ("x5c", ParamType::StringArray),
    ("x5t", ParamType::String),
    ("x5t#S256", ParamType::String),
    ("typ", ParamType::String),
    ("cty", ParamType::String),
];

/// Parameters registered for JWE alone, with the type checked here (`epk` and `p2c`
/// are judged where they are read, with errors that say more).
const JWE_ONLY: [(&str, Option<ParamType>); 9] = [
    ("enc", Some(ParamType::String)),
    ("zip", Some(ParamType::String)),
    ("epk", None),
    ("apu", Some(ParamType::String)),
    ("apv", Some(ParamType::String)),
    ("iv", Some(ParamType::String)),
    ("tag", Some(ParamType::String)),
    ("p2s", Some(ParamType::String)),
    ("p2c", None),
];

fn check_type(name: &str, value: &Value, expected: ParamType, layer: &str) -> Result<()> {
    if expected.fits(value) {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::InvalidHeader,
        format!(
            "{layer} header member {name:?} must be {}, found {}",
            expected.describe(),
            describe(value)
        ),
    ))
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Array(items) if !items.is_empty() => "an array holding something other than strings",
        other => crate::strict_json::type_name(other),
    }
}

/// Judges one member of a JWS header: a registered member has its registered type, and
/// a JWE-only member has no place there.
pub(crate) fn check_jws_member(name: &str, value: &Value) -> Result<()> {
    if JWE_ONLY.iter().any(|(jwe, _)| *jwe == name) {
        return Err(Error::new(
            ErrorKind::InvalidHeader,
            format!("{name:?} is a JWE header parameter; it has no place in a JWS header"),
        ));
    }
    match COMMON.iter().find(|(registered, _)| *registered == name) {
        Some((_, expected)) => check_type(name, value, *expected, "JWS"),
        None => Ok(()),
    }
}

/// Judges one member of a JWE header (of the union of its three headers): a
/// registered member has its registered type.
pub(crate) fn check_jwe_member(name: &str, value: &Value) -> Result<()> {
    let expected = COMMON
        .iter()
        .map(|(registered, expected)| (*registered, Some(*expected)))
        .chain(JWE_ONLY)
        .find(|(registered, _)| *registered == name)
        .and_then(|(_, expected)| expected);
    match expected {
        Some(expected) => check_type(name, value, expected, "JWE"),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn jws_kind(name: &str, value: Value) -> Option<ErrorKind> {
        check_jws_member(name, &value).err().map(|e| e.kind())
    }

    #[test]
    fn jws_members_have_their_registered_types() {
        for (name, value) in [
            ("typ", json!(5)),
            ("typ", json!(["JWT"])),
            ("kid", json!(5)),
            ("cty", json!({"a": 1})),
            ("jku", json!(5)),
            ("x5u", json!(null)),
            ("x5c", json!("notarray")),
            ("x5c", json!(["a", 1])),
            ("x5t", json!(true)),
            ("x5t#S256", json!([])),
            ("jwk", json!("key")),
            ("alg", json!(null)),
        ] {
            assert_eq!(
                jws_kind(name, value.clone()),
                Some(ErrorKind::InvalidHeader),
                "{name}: {value}"
            );
        }
        for (name, value) in [
            ("typ", json!("JWT")),
            ("x5c", json!(["MIIB"])),
            ("x5c", json!([])),
            ("jwk", json!({"kty": "oct"})),
            ("private", json!(5)),
        ] {
            assert_eq!(jws_kind(name, value.clone()), None, "{name}: {value}");
        }
    }

    #[test]
    fn jwe_only_members_have_no_place_in_a_jws() {
        for name in ["enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c"] {
            let err = check_jws_member(name, &json!("A128GCM")).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidHeader);
            assert!(err.message().contains("JWE header parameter"), "{err}");
        }
    }

    #[test]
    fn jwe_members_have_their_registered_types() {
        for (name, value) in [
            ("kid", json!(5)),
            ("jwk", json!([])),
            ("x5c", json!("notarray")),
            ("enc", json!(1)),
            ("apu", json!({})),
        ] {
            let err = check_jwe_member(name, &value).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidHeader, "{name}");
        }
        for (name, value) in [
            ("epk", json!({})),
            ("p2c", json!(4096)),
            ("enc", json!("A128GCM")),
        ] {
            check_jwe_member(name, &value).unwrap();
        }
    }
}
