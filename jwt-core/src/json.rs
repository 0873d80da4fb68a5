//! Strict JSON for headers, keys and claims: no duplicate member names at any depth
//! (RFC 7515 §5.2 lets us reject them, and we must: two parsers reading different
//! values of one name is a classic confusion attack), a bounded nesting depth and a
//! bounded size.
//!
//! [`check`] walks the text once without building anything; the caller then parses it
//! into whatever type it wants, knowing every parser will see the same members.

use crate::error::{Error, ErrorKind, Result};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

/// Checks that `bytes` is one JSON value with no duplicate member names, at most
/// `max_depth` levels of nesting and at most `max_bytes` long.
///
/// # Errors
/// [`ErrorKind::LimitExceeded`] for size or depth, [`ErrorKind::DuplicateMember`] for a
/// repeated name, [`ErrorKind::Malformed`] for anything that is not JSON.
pub fn check(bytes: &[u8], max_depth: usize, max_bytes: usize) -> Result<()> {
    crate::limits::Limits::check_at_most("JSON length", bytes.len(), max_bytes)?;
    let failure = Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let walk = Walk {
        depth_left: max_depth,
        max_depth,
        failure: &failure,
    };
    let outcome = walk.deserialize(&mut de).and_then(|()| de.end());
    match (outcome, failure.take()) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(err)) => Err(err),
        (Err(e), None) => Err(Error::malformed(format!("invalid JSON: {e}"))),
    }
}

/// Checks `bytes` as [`check`] does and requires the value to be an object, then parses it.
///
/// # Errors
/// As [`check`]; [`ErrorKind::Malformed`] when the value is not an object.
pub fn parse_object(
    bytes: &[u8],
    max_depth: usize,
    max_bytes: usize,
) -> Result<serde_json::Map<String, serde_json::Value>> {
    check(bytes, max_depth, max_bytes)?;
    match serde_json::from_slice(bytes) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(other) => Err(Error::malformed(format!(
            "expected a JSON object, found {}",
            type_name(&other)
        ))),
        Err(e) => Err(Error::malformed(format!("invalid JSON: {e}"))),
    }
}

/// A short name of a JSON value's type, for messages ("a string", "an array", ...).
pub fn type_name(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// One level of the walk; records the first structural failure in `failure` so the
/// caller can report its kind (serde's own error type cannot carry it).
struct Walk<'f> {
    depth_left: usize,
    max_depth: usize,
    failure: &'f Cell<Option<Error>>,
}

impl Walk<'_> {
    fn nested<E: de::Error>(&self) -> Result<Walk<'_>, E> {
        if self.depth_left == 0 {
            return Err(self.fail(Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "JSON nesting is deeper than the limit of {}",
                    self.max_depth
                ),
            )));
        }
        Ok(Walk {
            depth_left: self.depth_left - 1,
            max_depth: self.max_depth,
            failure: self.failure,
        })
    }

    fn fail<E: de::Error>(&self, err: Error) -> E {
        let message = err.message().to_owned();
        self.failure.set(Some(err));
        E::custom(message)
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let inner = self.nested()?;
        while seq.next_element_seed(inner.nested_copy())?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.nested()?;
        // Objects in tokens are small: a linear scan beats hashing up to a few dozen
        // names, and the total work stays bounded by the input size either way.
        let mut seen: Vec<Cow<'de, str>> = Vec::new();
        while let Some(name) = map.next_key::<Cow<'de, str>>()? {
            if seen.contains(&name) {
                return Err(self.fail(Error::new(
                    ErrorKind::DuplicateMember,
                    format!("duplicate JSON member {name:?}"),
                )));
            }
            seen.push(name);
            map.next_value_seed(inner.nested_copy())?;
        }
        Ok(())
    }
}

impl Walk<'_> {
    fn nested_copy(&self) -> Walk<'_> {
        Walk {
            depth_left: self.depth_left,
            max_depth: self.max_depth,
            failure: self.failure,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
