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
    crate::limits::Limits::check_at_most("JSON length", bytes.len(), max_bytes)?;
    // The exact check runs when the quick scan is not sure, and when the parser fails
    // (so that its error, not the parser's, is reported, as it always was).
    let quick = quick_check_object_typed(bytes, max_depth, |_| MemberType::Any);
    if !quick {
        check(bytes, max_depth, max_bytes)?;
    }
    match serde_json::from_slice(bytes) {
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
        let mut seen = Seen::default();
        while let Some(Name(name)) = map.next_key()? {
            if seen.contains(&name) {
                return Err(self.fail(duplicate(&name)));
            }
            seen.push(name);
            map.next_value_seed(inner.nested_copy())?;
        }
        Ok(())
    }
}

fn duplicate(name: &str) -> Error {
    Error::new(
        ErrorKind::DuplicateMember,
        format!("duplicate JSON member {name:?}"),
    )
}

/// A member name, borrowed from the input when it has no escapes. (serde's own
/// `Cow<str>` always allocates, one `String` per member of every token checked.)
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

/// Names kept on the stack before [`Seen`] spills to the heap: more than a header or
/// a typical claims set has.
const INLINE_NAMES: usize = 16;

/// The member names of one object seen so far. Objects in tokens are small: a linear
/// scan beats hashing up to a few dozen names, and the total work stays bounded by
/// the input size either way.
struct Seen<'de> {
    inline: [Cow<'de, str>; INLINE_NAMES],
    len: usize,
    spilled: Vec<Cow<'de, str>>,
}

impl Default for Seen<'_> {
    fn default() -> Self {
        Seen {
            inline: std::array::from_fn(|_| Cow::Borrowed("")),
            len: 0,
            spilled: Vec::new(),
        }
    }
}

impl<'de> Seen<'de> {
    fn contains(&self, name: &str) -> bool {
        let inline = self.inline.get(..self.len).unwrap_or_default();
        inline.iter().chain(&self.spilled).any(|seen| seen == name)
    }

    fn push(&mut self, name: Cow<'de, str>) {
        match self.inline.get_mut(self.len) {
            Some(slot) => {
                *slot = name;
                self.len += 1;
            }
            None => self.spilled.push(name),
        }
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

/// As [`check`], and the value must be an object whose members named by `member_type`
/// have the given JSON types; one pass over the text. A member of the wrong type is
/// [`ErrorKind::InvalidClaim`] naming the member; a non-object is [`ErrorKind::Malformed`].
pub(crate) fn check_object_typed(
    bytes: &[u8],
    max_depth: usize,
    max_bytes: usize,
    member_type: fn(&str) -> MemberType,
) -> Result<()> {
    crate::limits::Limits::check_at_most("JSON length", bytes.len(), max_bytes)?;
    let failure = Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let walk = Walk {
        depth_left: max_depth,
        max_depth,
        failure: &failure,
    };
    let outcome = de
        .deserialize_any(TypedObject { walk, member_type })
        .and_then(|()| de.end());
    match (outcome, failure.take()) {
        (Ok(()), _) => Ok(()),
        (Err(_), Some(err)) => Err(err),
        (Err(e), None) => Err(Error::malformed(format!("invalid JSON: {e}"))),
    }
}

/// The work [`check_object_typed`] does, done as a byte scan for text that serde_json
/// parses right after: duplicate member names at any depth, the nesting depth, and the
/// JSON type of top-level members. It does not validate the syntax (the parser that
/// follows does). `true` means: if this text is valid JSON, `check_object_typed`
/// accepts it. `false` means "not sure": the caller runs `check_object_typed` for the
/// verdict and its precise error. Member names with escapes, deep or wide objects
/// answer `false`, so the scan compares raw bytes only where they are the names.
pub(crate) fn quick_check_object_typed(
    bytes: &[u8],
    max_depth: usize,
    member_type: fn(&str) -> MemberType,
) -> bool {
    QuickScan {
        bytes,
        at: 0,
        names: [(0, 0); QUICK_NAMES],
        names_len: 0,
    }
    .object_typed(max_depth.min(QUICK_DEPTH), member_type)
    .is_some()
}

/// Nesting and names beyond which the quick scan answers "not sure".
const QUICK_DEPTH: usize = 16;
const QUICK_NAMES: usize = 64;

struct QuickScan<'b> {
    bytes: &'b [u8],
    at: usize,
    /// Byte ranges of the member names of the objects open on the path being scanned.
    names: [(usize, usize); QUICK_NAMES],
    names_len: usize,
}

impl QuickScan<'_> {
    fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.at) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    fn eat(&mut self, expected: u8) -> Option<()> {
        (self.peek()? == expected).then(|| self.at += 1)
    }

    /// A string at `at`; returns its content's range and whether it has escapes.
    fn string(&mut self) -> Option<(usize, usize, bool)> {
        self.eat(b'"')?;
        let start = self.at;
        let mut escaped = false;
        loop {
            let rest = self.bytes.get(self.at..)?;
            let i = memchr::memchr2(b'"', b'\\', rest)?;
            self.at += i + 1;
            if rest.get(i) == Some(&b'"') {
                return Some((start, self.at - 1, escaped));
            }
            escaped = true;
            self.at += 1; // the escaped character (\uXXXX: its hex digits are plain)
        }
    }

    /// Any value, at most `depth` levels deep; returns its first byte.
    fn value(&mut self, depth: usize) -> Option<u8> {
        let first = self.peek()?;
        match first {
            b'{' => self.object(depth.checked_sub(1)?, |_, _| Some(()))?,
            b'[' => self.array(depth.checked_sub(1)?, |_| Some(()))?,
            b'"' => {
                self.string()?;
            }
            _ => {
                let rest = self.bytes.get(self.at..)?;
                let len = rest
                    .iter()
                    .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                    .unwrap_or(rest.len());
                if len == 0 {
                    return None;
                }
                self.at += len;
            }
        }
        Some(first)
    }

    /// An object; `member` sees each name and scans its value.
    fn object(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&mut Self, &str) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        let base = self.names_len;
        if self.eat(b'}').is_none() {
            loop {
                let (start, end, escaped) = self.string()?;
                let bytes = self.bytes;
                let name = bytes.get(start..end)?;
                let open = self.names.get(base..self.names_len)?;
                if escaped || open.iter().any(|&(s, e)| bytes.get(s..e) == Some(name)) {
                    return None;
                }
                *self.names.get_mut(self.names_len)? = (start, end);
                self.names_len += 1;
                self.eat(b':')?;
                let name = std::str::from_utf8(name).ok()?;
                let before = self.at;
                member(self, name)?;
                if self.at == before {
                    self.value(depth)?;
                }
                if self.eat(b',').is_none() {
                    self.eat(b'}')?;
                    break;
                }
            }
        }
        self.names_len = base;
        Some(())
    }

    /// An array; `element` sees the first byte of each element after scanning it.
    fn array(&mut self, depth: usize, mut element: impl FnMut(u8) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            element(self.value(depth)?)?;
            if self.eat(b',').is_none() {
                return self.eat(b']');
            }
        }
    }

    fn object_typed(mut self, depth: usize, member_type: fn(&str) -> MemberType) -> Option<()> {
        let depth = depth.checked_sub(1)?;
        self.object(depth, |scan, name| {
            let first = match member_type(name) {
                MemberType::Any => return Some(()),
                MemberType::StringOrStrings if scan.peek()? == b'[' => {
                    let inner = depth.checked_sub(1)?;
                    return scan.array(inner, |b| (b == b'"').then_some(()));
                }
                MemberType::String | MemberType::StringOrStrings => b'"',
                MemberType::Number => b'0',
            };
            let found = scan.value(depth)?;
            let fits = match first {
                b'"' => found == b'"',
                _ => found == b'-' || found.is_ascii_digit(),
            };
            fits.then_some(())
        })?;
        (self.peek().is_none()).then_some(())
    }
}

struct TypedObject<'f> {
    walk: Walk<'f>,
    member_type: fn(&str) -> MemberType,
}

impl<'de> Visitor<'de> for TypedObject<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.walk.nested()?;
        let mut seen = Seen::default();
        while let Some(Name(name)) = map.next_key()? {
            if seen.contains(&name) {
                return Err(self.walk.fail(duplicate(&name)));
            }
            let expected = (self.member_type)(&name);
            map.next_value_seed(Typed {
                walk: inner.nested_copy(),
                expected,
                name: &name,
            })?;
            seen.push(name);
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

impl TypedObject<'_> {
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

    fn allow<E: de::Error>(&self, ok: bool, found: &str) -> Result<(), E> {
        if ok || self.expected == MemberType::Any {
            Ok(())
        } else {
            Err(self.wrong(found))
        }
    }
}

impl<'de> DeserializeSeed<'de> for Typed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Typed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected.describe())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.allow(false, "a boolean")
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.allow(self.expected == MemberType::Number, "a number")
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.allow(self.expected == MemberType::Number, "a number")
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.allow(self.expected == MemberType::Number, "a number")
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.allow(
            matches!(
                self.expected,
                MemberType::String | MemberType::StringOrStrings
            ),
            "a string",
        )
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.allow(false, "null")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.allow::<A::Error>(false, "an object")?;
        self.walk.nested_copy().visit_map(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        match self.expected {
            MemberType::Any => self.walk.nested_copy().visit_seq(seq),
            MemberType::StringOrStrings => {
                self.walk.nested::<A::Error>()?;
                while seq.next_element_seed(StringItem(&self))?.is_some() {}
                Ok(())
            }
            _ => Err(self.wrong("an array")),
        }
    }
}

/// One element of a string-or-strings member: a string, or the member's error.
struct StringItem<'a, 'f, 'n>(&'a Typed<'f, 'n>);

impl<'de> DeserializeSeed<'de> for StringItem<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StringItem<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(self.0.wrong("an array holding a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(self.0.wrong("an array holding a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(self.0.wrong("an array holding a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(self.0.wrong("an array holding a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(self.0.wrong("an array holding null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.0.wrong("an array holding an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.0.wrong("an array holding an object"))
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
    fn duplicate_check_past_the_inline_names() {
        let names: Vec<String> = (0..INLINE_NAMES + 4)
            .map(|i| format!("\"m{i}\":{i}"))
            .collect();
        let object = |extra: &str| format!("{{{}{extra}}}", names.join(","));
        check(object("").as_bytes(), 4, 1024).unwrap();
        // A repeat of an inline name, and of a spilled one, both found after the spill.
        for repeat in [1, INLINE_NAMES + 2] {
            let json = object(&format!(",\"m{repeat}\":0"));
            assert_eq!(kind(&json), ErrorKind::DuplicateMember, "{json}");
        }
        // Escaped names are compared decoded, inline and spilled.
        let json = object(",\"\\u006d3\":0");
        assert_eq!(kind(&json), ErrorKind::DuplicateMember);
        let typed = check_object_typed(object(",\"m19\":0").as_bytes(), 4, 1024, |_| {
            MemberType::Any
        });
        assert_eq!(typed.unwrap_err().kind(), ErrorKind::DuplicateMember);
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

    fn member_type(name: &str) -> MemberType {
        match name {
            "exp" => MemberType::Number,
            "iss" => MemberType::String,
            "aud" => MemberType::StringOrStrings,
            _ => MemberType::Any,
        }
    }

    #[test]
    fn typed_check_names_the_member() {
        let typed = |json: &str| check_object_typed(json.as_bytes(), 4, 1024, member_type);
        typed(r#"{"exp":1.5,"iss":"a","aud":["a","b"],"x":[{"y":null}]}"#).unwrap();
        typed(r#"{"aud":"a"}"#).unwrap();
        for (json, claim) in [
            (r#"{"exp":"1"}"#, "exp"),
            (r#"{"exp":null}"#, "exp"),
            (r#"{"iss":1}"#, "iss"),
            (r#"{"iss":["a"]}"#, "iss"),
            (r#"{"aud":[1]}"#, "aud"),
            (r#"{"aud":["a",null]}"#, "aud"),
            (r#"{"aud":["a",["b"]]}"#, "aud"),
            (r#"{"aud":[{"a":1}]}"#, "aud"),
            (r#"{"aud":[true]}"#, "aud"),
            (r#"{"aud":{"a":1}}"#, "aud"),
            (r#"{"aud":true}"#, "aud"),
        ] {
            let err = typed(json).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidClaim, "{json}");
            assert_eq!(err.claim_name(), Some(claim));
        }
        let err = typed(r#"{"aud":["a",2]}"#).unwrap_err();
        assert!(
            err.message().contains("found an array holding a number"),
            "{}",
            err.message()
        );
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

    fn quick(json: &str) -> bool {
        quick_check_object_typed(json.as_bytes(), 4, member_type)
    }

    /// The quick scan may answer "not sure", but never "fine" where the exact check
    /// rejects text the parser accepts.
    fn agrees(json: &str) {
        if quick(json) && serde_json::from_str::<serde_json::Value>(json).is_ok() {
            let exact = check_object_typed(json.as_bytes(), 4, 4096, member_type);
            assert!(exact.is_ok(), "quick scan accepted {json}: {exact:?}");
        }
    }

    const CLAIMS: &str = r#"{"iss":"a","aud":["x","y"],"exp":1.5e3,"n":{"a":[-1,{"b":"\"}{"}],"c":null},"s":"\u00e9\\","t":true}"#;

    #[test]
    fn quick_scan_takes_ordinary_claims() {
        assert!(quick(CLAIMS));
        assert!(quick(
            r#" { "aud" : "x" , "exp" : -2 , "e" : [ ] , "o" : { } } "#
        ));
        assert!(quick("{}"));
    }

    #[test]
    fn quick_scan_is_not_sure_of_what_the_exact_check_rejects() {
        for json in [
            r#"{"exp":1,"exp":2}"#,
            r#"{"x":{"a":1,"b":2,"a":3}}"#,
            r#"{"alg":1,"\u0061lg":2}"#,
            r#"{"x":[[[[1]]]]}"#,
            r#"{"exp":"1"}"#,
            r#"{"exp":null}"#,
            r#"{"iss":1}"#,
            r#"{"iss":["a"]}"#,
            r#"{"aud":[1]}"#,
            r#"{"aud":["a",["b"]]}"#,
            r#"{"aud":{"a":1}}"#,
            r#"{"aud":true}"#,
            "[1]",
            r#"{"a":1} x"#,
        ] {
            assert!(!quick(json), "{json}");
            agrees(json);
        }
        // A name repeated in a sibling object is not a duplicate.
        assert!(quick(r#"{"x":{"a":1},"y":{"a":2},"a":3}"#));
    }

    #[test]
    fn quick_scan_agrees_with_the_exact_check_on_mutations() {
        let inserts = [
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\\",
            "1",
            " ",
            "\"exp\":2,",
            ",\"iss\":\"b\"",
            "{\"a\":1,\"a\":1}",
            "\"aud\":[2],",
            "[[[",
            "\"n\":0,",
        ];
        let positions: Vec<usize> = (0..=CLAIMS.len())
            .filter(|&i| CLAIMS.is_char_boundary(i))
            .collect();
        for &i in &positions {
            for insert in inserts {
                agrees(&format!("{}{insert}{}", &CLAIMS[..i], &CLAIMS[i..]));
            }
            if let Some(&j) = positions.iter().find(|&&j| j > i) {
                agrees(&format!("{}{}", &CLAIMS[..i], &CLAIMS[j..]));
            }
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
