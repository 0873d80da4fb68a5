//! Strict JSON for headers, keys and claims: no duplicate member names at any depth
//! (RFC 7515 §5.2 lets us reject them, and we must: two parsers reading different
//! values of one name is a classic confusion attack), a bounded nesting depth and a
//! bounded size.
//!
//! [`check`] walks the text once without building anything; the caller then parses it
//! into whatever type it wants, knowing every parser will see the same members.

pub(crate) mod direct;
#[cfg(test)]
mod direct_differential;
pub(crate) mod quick;
#[cfg(test)]
mod test_support;

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
    walk_text(bytes, max_depth, max_bytes, |de, walk| walk.deserialize(de))
}

/// Runs one strict walk over `bytes` (size checked first, trailing text refused) and
/// reports the walk's own failure (its kind) in preference to serde's.
fn walk_text<'de>(
    bytes: &'de [u8],
    max_depth: usize,
    max_bytes: usize,
    visit: impl FnOnce(
        &mut serde_json::Deserializer<serde_json::de::SliceRead<'de>>,
        Walk<'_>,
    ) -> serde_json::Result<()>,
) -> Result<()> {
    crate::limits::Limits::check_at_most("JSON length", bytes.len(), max_bytes)?;
    let failure = Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let walk = Walk {
        depth_left: max_depth,
        max_depth,
        failure: &failure,
    };
    let outcome = visit(&mut de, walk).and_then(|()| de.end());
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
    crate::limits::Limits::check_at_most("JSON length", bytes.len(), max_bytes)?;
    // The exact walk runs when the quick scan is not sure, and when the parser fails
    // (so that its error, not the parser's, is reported).
    let text = std::str::from_utf8(bytes).ok();
    if text
        .and_then(|text| quick::check_object(text, max_depth))
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
        let mut names = MemberNames::new();
        while let Some(Name(name)) = map.next_key()? {
            self.allowed_name(&name)?;
            if !names.insert(name.clone()) {
                return Err(self.duplicate(&name));
            }
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

/// A member name, borrowed from the input when it has no escapes. (serde's own
/// `Cow<str>` always allocates: one `String` per member of every token checked.)
struct Name<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, name: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(name)))
            }
            fn visit_str<E>(self, name: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(name.to_owned())))
            }
            fn visit_string<E>(self, name: String) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(name)))
            }
        }
        d.deserialize_str(NameVisitor)
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
    fn describe(self) -> &'static str {
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
/// ([`direct`]) reads them. Strings and integers come as plain arguments: built into a
/// [`Captured`] and moved into a call, they stalled the processor on store forwarding.
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

/// The member names of one object, for duplicate detection in time linear in the
/// number of members: a short list is scanned, a long one hashed, so a hostile object
/// with thousands of members costs no more than reading it. The short list lives on
/// the stack: every header and claims set checked used to allocate it and grow it twice.
struct MemberNames<'de> {
    few: [Cow<'de, str>; MemberNames::SCAN_LIMIT],
    few_len: usize,
    many: std::collections::HashSet<Cow<'de, str>>,
}

impl<'de> MemberNames<'de> {
    const SCAN_LIMIT: usize = 16;

    fn new() -> Self {
        MemberNames {
            few: std::array::from_fn(|_| Cow::Borrowed("")),
            few_len: 0,
            many: std::collections::HashSet::new(),
        }
    }

    /// The names in the short list.
    fn few(&self) -> &[Cow<'de, str>] {
        self.few.get(..self.few_len).unwrap_or_default()
    }

    /// Records `name`; `false` when it was already there.
    fn insert(&mut self, name: Cow<'de, str>) -> bool {
        if self.many.is_empty() {
            if self.few().contains(&name) {
                return false;
            }
            if let Some(slot) = self.few.get_mut(self.few_len) {
                *slot = name;
                self.few_len += 1;
                return true;
            }
            let few = self
                .few
                .iter_mut()
                .map(|n| std::mem::replace(n, Cow::Borrowed("")));
            self.many.extend(few);
            self.few_len = 0;
        }
        self.many.insert(name)
    }
}

/// Member names serde_json reserves for itself: with its `raw_value` feature (which any
/// crate in a build can turn on), a `serde_json::Value` reads an object with such a
/// member as raw JSON text and parses that text again, past every check of this module.
const RESERVED_PREFIX: &str = "$serde_json::private::";

impl Walk<'_> {
    fn allowed_name<E: de::Error>(&self, name: &str) -> Result<(), E> {
        if name.starts_with(RESERVED_PREFIX) {
            return Err(self.fail(Error::malformed(format!(
                "the JSON member name {name:?} is reserved by the JSON parser"
            ))));
        }
        Ok(())
    }

    fn duplicate<E: de::Error>(&self, name: &str) -> E {
        self.fail(Error::new(
            ErrorKind::DuplicateMember,
            format!("duplicate JSON member {name:?}"),
        ))
    }
}

/// As [`check`], and the value must be an object whose members named by `member_type`
/// have the given JSON types; one pass over the text. Each typed member's value is
/// handed to `capture`. A member of the wrong type is [`ErrorKind::InvalidClaim`]
/// naming the member; a non-object is [`ErrorKind::Malformed`].
pub(crate) fn check_object_typed<'de>(
    bytes: &'de [u8],
    max_depth: usize,
    max_bytes: usize,
    member_type: fn(&str) -> MemberType,
    capture: &mut dyn FnMut(&str, Captured<'de>),
) -> Result<()> {
    walk_text(bytes, max_depth, max_bytes, |de, walk| {
        de.deserialize_any(TypedObject {
            walk,
            member_type,
            capture,
        })
    })
}

struct TypedObject<'f, 'c, 'de> {
    walk: Walk<'f>,
    member_type: fn(&str) -> MemberType,
    capture: &'c mut dyn FnMut(&str, Captured<'de>),
}

impl<'de> Visitor<'de> for TypedObject<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.walk.nested()?;
        let mut names = MemberNames::new();
        while let Some(Name(name)) = map.next_key()? {
            // The name is judged before its value is read or captured, as in `Walk`.
            self.walk.allowed_name(&name)?;
            if !names.insert(name.clone()) {
                return Err(self.walk.duplicate(&name));
            }
            let expected = (self.member_type)(&name);
            let value = map.next_value_seed(Typed {
                walk: inner.nested_copy(),
                expected,
                name: &name,
            })?;
            if let Some(value) = value {
                (self.capture)(&name, value);
            }
        }
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(self.not_object("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(self.not_object("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(self.not_object("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(self.not_object("a number"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(self.not_object("a string"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(self.not_object("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.not_object("an array"))
    }
}

impl TypedObject<'_, '_, '_> {
    fn not_object<E: de::Error>(&self, found: &str) -> E {
        self.walk.fail(Error::malformed(format!(
            "expected a JSON object, found {found}"
        )))
    }
}

/// One top-level member's value, checked against its expected type.
struct Typed<'f, 'n> {
    walk: Walk<'f>,
    expected: MemberType,
    name: &'n str,
}

impl Typed<'_, '_> {
    fn wrong<E: de::Error>(&self, found: &str) -> E {
        self.walk.fail(Error::claim(
            ErrorKind::InvalidClaim,
            self.name,
            format!(
                "claim {:?} must be {}, found {found}",
                self.name,
                self.expected.describe()
            ),
        ))
    }

    /// `Some(value)` for a typed member of the right type, `None` for an untyped one.
    fn accept<'de, E: de::Error>(
        &self,
        fits: bool,
        found: &str,
        value: impl FnOnce() -> Captured<'de>,
    ) -> Result<Option<Captured<'de>>, E> {
        match (self.expected, fits) {
            (MemberType::Any, _) => Ok(None),
            (_, true) => Ok(Some(value())),
            (_, false) => Err(self.wrong(found)),
        }
    }

    fn is_number(&self) -> bool {
        self.expected == MemberType::Number
    }

    fn is_string(&self) -> bool {
        matches!(
            self.expected,
            MemberType::String | MemberType::StringOrStrings
        )
    }
}

impl<'de> DeserializeSeed<'de> for Typed<'_, '_> {
    type Value = Option<Captured<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Typed<'_, '_> {
    type Value = Option<Captured<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected.describe())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        self.accept(false, "a boolean", || Captured::Int(0))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.accept(self.is_number(), "a number", || Captured::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        let captured = i64::try_from(v).map_or(Captured::Float(v as f64), Captured::Int);
        self.accept(self.is_number(), "a number", || captured)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.accept(self.is_number(), "a number", || Captured::Float(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        self.accept(self.is_string(), "a string", || {
            Captured::Str(Cow::Borrowed(v))
        })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.accept(self.is_string(), "a string", || {
            Captured::Str(Cow::Owned(v.to_owned()))
        })
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.accept(false, "null", || Captured::Int(0))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.accept::<A::Error>(false, "an object", || Captured::Int(0))?;
        self.walk.nested_copy().visit_map(map)?;
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        match self.expected {
            MemberType::Any => self.walk.nested_copy().visit_seq(seq).map(|()| None),
            MemberType::StringOrStrings => {
                self.walk.nested::<A::Error>()?;
                let mut items = Vec::new();
                while let Some(item) = seq.next_element_seed(StringItem)? {
                    match item {
                        Ok(text) => items.push(text),
                        Err(found) => return Err(self.wrong(&format!("an array holding {found}"))),
                    }
                }
                Ok(Some(Captured::Strs(items)))
            }
            _ => Err(self.wrong("an array")),
        }
    }
}

/// One element of a string array: the string, or what was found instead.
struct StringItem;

impl<'de> DeserializeSeed<'de> for StringItem {
    type Value = std::result::Result<Cow<'de, str>, &'static str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StringItem {
    type Value = std::result::Result<Cow<'de, str>, &'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(v.to_owned())))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Ok(Err("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Ok(Err("an object"))
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
            assert!(quick::check_object(text, 4).is_none());
            assert!(direct::from_object::<serde_json::Value>(text, 4).is_none());
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
    fn long_objects_switch_to_hashing() {
        // A hostile object with thousands of members must not cost a quadratic scan.
        let mut names = MemberNames::new();
        for i in 0..MemberNames::SCAN_LIMIT {
            assert!(names.insert(Cow::Owned(format!("m{i}"))));
        }
        assert!(names.many.is_empty());
        assert!(names.insert(Cow::Borrowed("next")));
        assert!(names.few().is_empty());
        assert_eq!(names.many.len(), MemberNames::SCAN_LIMIT + 1);
        assert!(!names.insert(Cow::Borrowed("m3")));
        assert!(!names.insert(Cow::Borrowed("next")));
        let members: Vec<String> = (0..5_000).map(|i| format!("\"m{i}\":0")).collect();
        check(
            format!("{{{}}}", members.join(",")).as_bytes(),
            4,
            usize::MAX,
        )
        .unwrap();
        let duplicate = format!("{{{},\"m4999\":1}}", members.join(","));
        assert_eq!(
            check(duplicate.as_bytes(), 4, usize::MAX)
                .unwrap_err()
                .kind(),
            ErrorKind::DuplicateMember
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
