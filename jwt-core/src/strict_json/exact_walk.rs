//! The exact walk: the strict checker every fast path answers to.
//!
//! It drives serde_json's own parser over the text and judges every member name and
//! every level as it goes: duplicate names at any depth (linear time, however wide the
//! object), the nesting depth, serde_json's reserved member names, and (for
//! [`check_object_typed`]) the JSON type of the typed top-level members, whose values
//! it hands to a [`Capture`]. It builds nothing; the caller parses the text afterwards,
//! knowing every parser sees the same members. The quick scan and the one-pass parser
//! answer "not sure" on anything unusual, and this walk then gives the verdict and the
//! precise error.

use super::{Captured, MemberType};
use crate::error::{Error, ErrorKind, Result};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

/// The walk of [`check`](super::check): one JSON value, no duplicate names, bounded.
pub(super) fn check(bytes: &[u8], max_depth: usize, max_bytes: usize) -> Result<()> {
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

/// The member names of one object, for duplicate detection in time linear in the
/// number of members: a short list is scanned, a long one hashed, so a hostile object
/// with thousands of members costs no more than reading it. The short list lives on
/// the stack, so checking a header or claims set allocates nothing for it (see
/// bench/PROFILE_NOTES.md, "Name lists on the stack").
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
                let inside = self.walk.nested::<A::Error>()?;
                let mut items = Vec::new();
                while let Some(item) = seq.next_element_seed(StringItem { walk: &inside })? {
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

/// One element of a string array: the string, or what was found instead. An array or
/// object found instead is still read to its end under the walk's rules (duplicates,
/// depth): serde_json refuses a container its visitor left unread, and the caller must
/// see the type error, not a parse error about the rest of the text.
struct StringItem<'w, 'f> {
    walk: &'w Walk<'f>,
}

impl<'de> DeserializeSeed<'de> for StringItem<'_, '_> {
    type Value = std::result::Result<Cow<'de, str>, &'static str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StringItem<'_, '_> {
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
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.walk.nested_copy().visit_seq(seq)?;
        Ok(Err("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.walk.nested_copy().visit_map(map)?;
        Ok(Err("an object"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed_kind(json: &str) -> Option<(ErrorKind, Option<String>)> {
        let types = |name: &str| match name {
            "aud" => MemberType::StringOrStrings,
            _ => MemberType::Any,
        };
        check_object_typed(json.as_bytes(), 8, 1 << 16, types, &mut |_, _| {})
            .err()
            .map(|e| (e.kind(), e.claim_name().map(str::to_owned)))
    }

    #[test]
    fn a_container_inside_a_string_array_is_a_type_error_read_to_its_end() {
        let aud = Some("aud".to_owned());
        for json in [
            r#"{"aud":[["a"]],"exp":1}"#,
            r#"{"aud":["a",{"b":1}]}"#,
            r#"{"aud":[[]], "x": [1, 2]}"#,
        ] {
            assert_eq!(
                typed_kind(json),
                Some((ErrorKind::InvalidClaim, aud.clone())),
                "{json}"
            );
        }
        // Still read under the walk's rules: a duplicate or too deep a value inside wins.
        assert_eq!(
            typed_kind(r#"{"aud":[{"b":1,"b":2}]}"#).map(|(kind, _)| kind),
            Some(ErrorKind::DuplicateMember)
        );
        assert_eq!(
            typed_kind(r#"{"aud":[[[[[[[[[["a"]]]]]]]]]]}"#).map(|(kind, _)| kind),
            Some(ErrorKind::LimitExceeded)
        );
        assert_eq!(typed_kind(r#"{"aud":["a","b"]}"#), None);
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
        super::check(
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
}
