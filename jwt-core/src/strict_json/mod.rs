//! Strict JSON for headers, keys and claims: no duplicate member names at any depth
//! (RFC 7515 §5.2 lets us reject them, and we must: two parsers reading different
//! values of one name is a classic confusion attack), a bounded nesting depth and a
//! bounded size.
//!
//! [`check`] walks the text once without building anything; the caller then parses it
//! into whatever type it wants, knowing every parser will see the same members.

mod exact_walk;
pub(crate) mod one_pass;
// Unit test of the crate-private parsers against each other (randomized, differential).
#[cfg(test)]
mod one_pass_differential;
pub(crate) mod quick_scan;
#[cfg(test)]
mod test_support;

use crate::error::{Error, Result};
use std::borrow::Cow;

pub(crate) use exact_walk::check_object_typed;

/// Checks that `bytes` is one JSON value with no duplicate member names, at most
/// `max_depth` levels of nesting and at most `max_bytes` long.
///
/// # Errors
/// [`ErrorKind::LimitExceeded`] for size or depth, [`ErrorKind::DuplicateMember`] for a
/// repeated name, [`ErrorKind::Malformed`] for anything that is not JSON.
pub(crate) fn check(bytes: &[u8], max_depth: usize, max_bytes: usize) -> Result<()> {
    exact_walk::check(bytes, max_depth, max_bytes)
}

/// Checks `bytes` as [`check`] does and requires the value to be an object, then parses it.
///
/// # Errors
/// As [`check`]; [`ErrorKind::Malformed`] when the value is not an object.
pub(crate) fn parse_object(
    bytes: &[u8],
    max_depth: usize,
    max_bytes: usize,
) -> Result<serde_json::Map<String, serde_json::Value>> {
    crate::limits::Limits::check_at_most("JSON length", bytes.len(), max_bytes)?;
    // The exact walk runs when the quick scan is not sure, and when the parser fails
    // (so that its error, not the parser's, is reported).
    let text = std::str::from_utf8(bytes).ok();
    if text
        .and_then(|text| quick_scan::check_object(text, max_depth))
        .is_none()
    {
        check(bytes, max_depth, max_bytes)?;
    }
    let parsed = match text {
        Some(text) => serde_json::from_str(text),
        None => serde_json::from_slice(bytes),
    };
    match parsed {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(other) => Err(Error::malformed(format!(
            "expected a JSON object, found {}",
            type_name(&other)
        ))),
        Err(e) => {
            check(bytes, max_depth, max_bytes)?;
            Err(Error::malformed(format!("invalid JSON: {e}")))
        }
    }
}

/// A short name of a JSON value's type, for messages ("a string", "an array", ...).
pub(crate) fn type_name(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The JSON type a top-level member must have, for [`check_object_typed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MemberType {
    /// Anything (only duplicates and depth are checked).
    Any,
    /// A JSON number.
    Number,
    /// A JSON string.
    String,
    /// A string, or an array of strings.
    StringOrStrings,
}

impl MemberType {
    pub(super) fn describe(self) -> &'static str {
        match self {
            MemberType::Any => "any JSON value",
            MemberType::Number => "a JSON number",
            MemberType::String => "a JSON string",
            MemberType::StringOrStrings => "a string or an array of strings",
        }
    }
}

/// The value of a typed member, handed to the caller of [`check_object_typed`];
/// strings are borrowed from the text when they have no escapes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Captured<'de> {
    /// An integer that fits `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(Cow<'de, str>),
    /// An array of strings.
    Strs(Vec<Cow<'de, str>>),
}

/// Receives the values of typed top-level members as the one-pass parser
/// ([`one_pass`]) reads them. Strings and integers come as plain arguments, not built
/// into a [`Captured`] and moved into a call (see bench/PROFILE_NOTES.md,
/// "Store-forwarding stalls").
pub(crate) trait Capture<'de> {
    /// A string without escapes.
    fn string(&mut self, name: &str, value: &'de str);
    /// An integer that fits `i64`.
    fn integer(&mut self, name: &str, value: i64);
    /// Any other typed value (an array of strings).
    fn value(&mut self, name: &str, value: Captured<'de>);
}

impl<'de, C: Capture<'de>> Capture<'de> for &mut C {
    fn string(&mut self, name: &str, value: &'de str) {
        (**self).string(name, value);
    }
    fn integer(&mut self, name: &str, value: i64) {
        (**self).integer(name, value);
    }
    fn value(&mut self, name: &str, value: Captured<'de>) {
        (**self).value(name, value);
    }
}

/// Captures nothing: for objects without typed members.
pub(crate) struct NoCapture;

impl<'de> Capture<'de> for NoCapture {
    fn string(&mut self, _: &str, _: &'de str) {}
    fn integer(&mut self, _: &str, _: i64) {}
    fn value(&mut self, _: &str, _: Captured<'de>) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn kind(json: &str) -> ErrorKind {
        check(json.as_bytes(), 4, 1024).unwrap_err().kind()
    }

    #[test]
    fn accepts_ordinary_json() {
        for ok in [
            r#"{"a":1,"b":[1,2,{"c":null}],"d":"\u00e9"}"#,
            "[]",
            "1",
            r#""s""#,
            "{}",
        ] {
            check(ok.as_bytes(), 4, 1024).unwrap();
        }
    }

    #[test]
    fn refuses_the_names_serde_json_reserves_for_raw_values() {
        // With serde_json's raw_value feature, a Value would re-parse the string
        // unchecked: here it would hide a duplicate "kty" and a deep array.
        let hidden = r#"{"jwk":{"$serde_json::private::RawValue":"{\"kty\":\"oct\",\"kty\":\"RSA\",\"d\":[[[[[[[[1]]]]]]]]}"}}"#;
        let escaped = r#"{"\u0024serde_json::private::RawValue":"1"}"#;
        for text in [hidden, escaped] {
            assert_eq!(kind(text), ErrorKind::Malformed, "{text}");
            assert_eq!(
                parse_object(text.as_bytes(), 4, 1024).unwrap_err().kind(),
                ErrorKind::Malformed
            );
            assert!(quick_scan::check_object(text, 4).is_none());
            assert!(one_pass::from_object::<serde_json::Value>(text, 4).is_none());
        }
        // Other names starting with `$` are ordinary members.
        let map = parse_object(br#"{"$id":1,"$schema":"x"}"#, 4, 1024).unwrap();
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn rejects_duplicate_members_at_any_depth() {
        assert_eq!(kind(r#"{"a":1,"a":2}"#), ErrorKind::DuplicateMember);
        assert_eq!(
            kind(r#"{"x":{"a":1,"b":2,"a":3}}"#),
            ErrorKind::DuplicateMember
        );
        assert_eq!(kind(r#"[{"a":1,"a":1}]"#), ErrorKind::DuplicateMember);
        // An escaped spelling is the same name.
        assert_eq!(
            kind(r#"{"alg":1,"\u0061lg":2}"#),
            ErrorKind::DuplicateMember
        );
    }

    #[test]
    fn bounds_depth_and_size() {
        check(b"[[[[1]]]]", 4, 1024).unwrap();
        assert_eq!(kind("[[[[[1]]]]]"), ErrorKind::LimitExceeded);
        assert_eq!(
            kind(r#"{"a":{"b":{"c":{"d":{"e":1}}}}}"#),
            ErrorKind::LimitExceeded
        );
        let err = check(&[b' '; 2000], 4, 1024).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::LimitExceeded);
    }

    #[test]
    fn rejects_non_json() {
        for bad in [
            "",
            "{",
            r#"{"a":1}x"#,
            r#"{"a":1,}"#,
            "{'a':1}",
            "[1,]",
            "nul",
        ] {
            assert_eq!(kind(bad), ErrorKind::Malformed, "{bad:?}");
        }
    }

    use super::test_support::member_type;

    #[test]
    fn typed_check_names_the_member() {
        let typed =
            |json: &str| check_object_typed(json.as_bytes(), 4, 1024, member_type, &mut |_, _| {});
        typed(r#"{"exp":1.5,"iss":"a","aud":["a","b"],"x":[{"y":null}]}"#).unwrap();
        typed(r#"{"aud":"a"}"#).unwrap();
        for (json, claim) in [
            (r#"{"exp":"1"}"#, "exp"),
            (r#"{"exp":null}"#, "exp"),
            (r#"{"iss":1}"#, "iss"),
            (r#"{"iss":["a"]}"#, "iss"),
            (r#"{"aud":[1]}"#, "aud"),
            (r#"{"aud":{"a":1}}"#, "aud"),
            (r#"{"aud":true}"#, "aud"),
        ] {
            let err = typed(json).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidClaim, "{json}");
            assert_eq!(err.claim_name(), Some(claim));
        }
        assert_eq!(typed("[1]").unwrap_err().kind(), ErrorKind::Malformed);
        assert_eq!(
            typed(r#"{"exp":1,"exp":2}"#).unwrap_err().kind(),
            ErrorKind::DuplicateMember
        );
        assert_eq!(
            typed(r#"{"x":{"a":1,"a":1}}"#).unwrap_err().kind(),
            ErrorKind::DuplicateMember
        );
        assert_eq!(
            typed(r#"{"x":[[[[[1]]]]]}"#).unwrap_err().kind(),
            ErrorKind::LimitExceeded
        );
    }

    #[test]
    fn typed_check_captures_typed_members() {
        let mut seen = Vec::new();
        let json = br#"{"exp":1.5,"iss":"a\u0062","aud":["x","y"],"nbf":7,"other":"z"}"#;
        check_object_typed(json, 4, 1024, member_type, &mut |name, value| {
            seen.push((name.to_owned(), value))
        })
        .unwrap();
        assert_eq!(
            seen,
            vec![
                ("exp".to_owned(), Captured::Float(1.5)),
                ("iss".to_owned(), Captured::Str(Cow::Owned("ab".into()))),
                (
                    "aud".to_owned(),
                    Captured::Strs(vec![Cow::Borrowed("x"), Cow::Borrowed("y")])
                ),
                ("nbf".to_owned(), Captured::Int(7)),
            ]
        );
    }

    #[test]
    fn parse_object_requires_an_object() {
        assert_eq!(
            parse_object(b"[1]", 4, 64).unwrap_err().kind(),
            ErrorKind::Malformed
        );
        let map = parse_object(br#"{"alg":"HS256"}"#, 4, 64).unwrap();
        assert_eq!(map["alg"], "HS256");
    }
}
