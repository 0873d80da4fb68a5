//! Verified claims parsed and checked in one pass: a strict JSON deserializer over
//! text already known to be UTF-8, which rejects duplicate member names at any depth,
//! bounds the nesting and checks (and captures) the typed top-level members while serde
//! fills the application's type from it.
//!
//! It exists so that verified claims are read once, not checked in one read and parsed
//! in another (see bench/PROFILE_NOTES.md, "Why the fast JSON paths exist").
//!
//! It is a fast path, never a judge. It handles the JSON that tokens carry: objects,
//! arrays, strings without escapes, integers of at most eighteen digits, `true`,
//! `false`, `null`. On anything else (an escape, a fraction or exponent, a deep or wide
//! object, a type that asks for bytes, a raw value or a 128-bit integer, a value of
//! another JSON type than the one a typed method asks for, a `Deserialize` that reads
//! nothing) and on every error, it answers `None`, and the caller runs the two-pass
//! check and serde_json, which give the verdict and the error. When it answers `Some`,
//! serde_json would have produced the same value, and the exact walk would have
//! accepted the text and captured the same members: the differential tests below and
//! in `one_pass_differential.rs` hold it to that.

use super::quick_scan::{open_names, ObjectNames, OpenName, Scan, MAX_DEPTH};
use super::{Capture, Captured, MemberType, NoCapture};
use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Deserializes `T` from `text`, which must be one JSON object, checking what
/// [`check_object_typed`](super::check_object_typed) checks and handing every typed
/// member's value to `capture`. `None`: not sure (see the module).
pub(crate) fn from_object_typed<'de, T, M, F>(
    text: &'de str,
    max_depth: usize,
    member_type: M,
    capture: F,
) -> Option<T>
where
    T: de::Deserialize<'de>,
    M: Fn(&str) -> MemberType,
    F: Capture<'de>,
{
    from_object_with(text, max_depth, member_type, capture, &mut open_names())
}

/// [`from_object_typed`] with `names` as the list of open member names, whose length
/// bounds how many the parse follows.
fn from_object_with<'de, T, M, F>(
    text: &'de str,
    max_depth: usize,
    member_type: M,
    capture: F,
    names: &mut [OpenName],
) -> Option<T>
where
    T: de::Deserialize<'de>,
    M: Fn(&str) -> MemberType,
    F: Capture<'de>,
{
    let mut parser = Parser {
        scan: Scan::new(text, names),
        depth_left: max_depth.min(MAX_DEPTH),
        top: true,
        member_type,
        capture,
    };
    if parser.scan.peek()? != b'{' {
        return None;
    }
    let value = T::deserialize(&mut parser).ok()?;
    parser.scan.peek().is_none().then_some(value)
}

/// [`from_object_typed`] with no typed members: duplicates and depth only.
pub(crate) fn from_object<'de, T: de::Deserialize<'de>>(
    text: &'de str,
    max_depth: usize,
) -> Option<T> {
    // Headers and keys are small: a shorter list of names is quicker to set up.
    let mut names = [OpenName::default(); 16];
    from_object_with(text, max_depth, |_| MemberType::Any, NoCapture, &mut names)
}

/// Why the one pass stopped. Never shown: the caller takes the two-pass path.
#[derive(Debug)]
pub(crate) struct Unsure;

impl fmt::Display for Unsure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not sure")
    }
}

impl std::error::Error for Unsure {}

impl de::Error for Unsure {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsure
    }
}

type Outcome<T> = Result<T, Unsure>;

/// `deserialize_*` methods that read, through `deserialize_any`, only a value whose
/// first byte matches the pattern, and answer `Unsure` on any other.
macro_rules! only {
    ($($method:ident($($arg:ident: $ty:ty),*) if $first:pat),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(mut self, $($arg: $ty,)* visitor: V) -> Outcome<V::Value> {
            match sure(FirstByte::first_byte(&mut self))? {
                $first => self.deserialize_any(visitor),
                _ => Err(Unsure),
            }
        }
    )*};
}

/// The deserializer methods both deserializers share: serde_json's private newtypes,
/// bytes and 128-bit integers are left to serde_json, ignored values are read in full,
/// and each method for one JSON type reads only a value of that type (see [`only`]).
macro_rules! typed_methods {
    () => {
        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            visitor: V,
        ) -> Outcome<V::Value> {
            // serde_json's own types (`RawValue`) talk to its deserializer privately.
            if name.starts_with("$serde_json") {
                return Err(Unsure);
            }
            visitor.visit_newtype_struct(self)
        }

        // Skipped values are read in full: their duplicates and depth count too, and a
        // typed member the type does not declare is captured all the same.
        fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Outcome<V::Value> {
            self.deserialize_any(de::IgnoredAny)?;
            visitor.visit_unit()
        }

        fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Outcome<V::Value> {
            Err(Unsure)
        }

        fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Outcome<V::Value> {
            Err(Unsure)
        }

        // serde_json visits these with `visit_i128`/`visit_u128`, from its own digit scan.
        fn deserialize_i128<V: Visitor<'de>>(self, _visitor: V) -> Outcome<V::Value> {
            Err(Unsure)
        }

        fn deserialize_u128<V: Visitor<'de>>(self, _visitor: V) -> Outcome<V::Value> {
            Err(Unsure)
        }

        // serde_json's methods for one JSON type refuse a value of any other, whatever the
        // visitor would accept (an internally tagged enum's tag `1` is not variant 1, a
        // `deserialize_u64` visitor that also takes strings is not shown `"5"`): read only
        // values that start as that type does, and leave the rest to serde_json.
        only! {
            deserialize_bool() if b't' | b'f',
            deserialize_i8() if b'-' | b'0'..=b'9',
            deserialize_i16() if b'-' | b'0'..=b'9',
            deserialize_i32() if b'-' | b'0'..=b'9',
            deserialize_i64() if b'-' | b'0'..=b'9',
            deserialize_u8() if b'-' | b'0'..=b'9',
            deserialize_u16() if b'-' | b'0'..=b'9',
            deserialize_u32() if b'-' | b'0'..=b'9',
            deserialize_u64() if b'-' | b'0'..=b'9',
            deserialize_f32() if b'-' | b'0'..=b'9',
            deserialize_f64() if b'-' | b'0'..=b'9',
            deserialize_char() if b'"',
            deserialize_str() if b'"',
            deserialize_string() if b'"',
            deserialize_identifier() if b'"',
            deserialize_unit() if b'n',
            deserialize_unit_struct(_name: &'static str) if b'n',
            deserialize_seq() if b'[',
            deserialize_tuple(_len: usize) if b'[',
            deserialize_tuple_struct(_name: &'static str, _len: usize) if b'[',
            deserialize_map() if b'{',
            deserialize_struct(_name: &'static str, _fields: &'static [&'static str]) if b'{' | b'[',
        }
    };
}

/// The first byte of the next value, for [`only`].
trait FirstByte {
    fn first_byte(&mut self) -> Option<u8>;
}

impl<M, F> FirstByte for &mut Parser<'_, '_, M, F> {
    fn first_byte(&mut self) -> Option<u8> {
        self.scan.peek()
    }
}

impl<M, F> FirstByte for Capturing<'_, '_, '_, M, F> {
    fn first_byte(&mut self) -> Option<u8> {
        self.parser.scan.peek()
    }
}

fn sure<T>(value: Option<T>) -> Outcome<T> {
    value.ok_or(Unsure)
}

struct Parser<'de, 'n, M, F> {
    scan: Scan<'de, 'n>,
    /// Containers that may still be opened.
    depth_left: usize,
    /// The next object is the top-level one, whose members are typed.
    top: bool,
    member_type: M,
    capture: F,
}

impl<'de, M, F> Parser<'de, '_, M, F>
where
    M: Fn(&str) -> MemberType,
    F: Capture<'de>,
{
    fn open(&mut self, bracket: u8) -> Outcome<()> {
        sure(self.scan.eat(bracket))?;
        self.depth_left = sure(self.depth_left.checked_sub(1))?;
        Ok(())
    }

    fn object<V: Visitor<'de>>(&mut self, visitor: V) -> Outcome<V::Value> {
        self.open(b'{')?;
        let top = std::mem::replace(&mut self.top, false);
        let names = self.scan.open_object();
        let mut members = Members {
            parser: self,
            names,
            top,
            state: State::First,
            name: "",
        };
        let value = visitor.visit_map(&mut members)?;
        if members.state != State::Ended {
            return Err(Unsure);
        }
        self.scan.close_object(names);
        self.depth_left += 1;
        Ok(value)
    }

    fn array<V: Visitor<'de>>(&mut self, visitor: V) -> Outcome<V::Value> {
        self.open(b'[')?;
        let mut items = Items {
            parser: self,
            state: State::First,
        };
        let value = visitor.visit_seq(&mut items)?;
        if items.state != State::Ended {
            return Err(Unsure);
        }
        self.depth_left += 1;
        Ok(value)
    }

    /// A member's or element's value. A `Deserialize` that reads nothing (none of
    /// serde's, but a hand-written one may) would let `{"a":}` or `[,]` through: a
    /// value must have been read.
    fn value<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Outcome<S::Value> {
        sure(self.scan.peek())?;
        let start = self.scan.at;
        let value = seed.deserialize(&mut *self)?;
        if self.scan.at == start {
            return Err(Unsure);
        }
        Ok(value)
    }

    /// Checks and captures a typed top-level member's value, leaving it unread.
    fn capture_typed(&mut self, name: &str, expected: MemberType) -> Outcome<()> {
        let start = self.scan.at;
        let value = sure(self.scan.typed_value(expected, self.depth_left > 0))?;
        self.capture.value(name, value);
        self.scan.at = start;
        Ok(())
    }
}

/// Where an object or array is: before its first entry, after a key (objects), after
/// a value, or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    First,
    AfterKey,
    AfterValue,
    Ended,
}

/// After a value (or at the start), the next entry or the end: `true` for an entry.
fn next_entry(scan: &mut Scan<'_, '_>, state: &mut State, close: u8) -> Outcome<bool> {
    let more = match *state {
        State::First => scan.eat(close).is_none(),
        State::AfterValue if scan.eat(b',').is_some() => true,
        State::AfterValue => {
            sure(scan.eat(close))?;
            false
        }
        State::AfterKey | State::Ended => return Err(Unsure),
    };
    if !more {
        *state = State::Ended;
    }
    Ok(more)
}

struct Members<'p, 'de, 'n, M, F> {
    parser: &'p mut Parser<'de, 'n, M, F>,
    /// Where this object's member names start in the scanner's list.
    names: ObjectNames,
    top: bool,
    state: State,
    /// The last member name read.
    name: &'de str,
}

impl<'de, M, F> MapAccess<'de> for Members<'_, 'de, '_, M, F>
where
    M: Fn(&str) -> MemberType,
    F: Capture<'de>,
{
    type Error = Unsure;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Outcome<Option<K::Value>> {
        if !next_entry(&mut self.parser.scan, &mut self.state, b'}')? {
            return Ok(None);
        }
        self.name = sure(self.parser.scan.member_name(&mut self.names))?;
        self.state = State::AfterKey;
        seed.deserialize(BorrowedStrDeserializer::new(self.name))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Outcome<S::Value> {
        if self.state != State::AfterKey {
            return Err(Unsure);
        }
        self.state = State::AfterValue;
        if self.top {
            let expected = (self.parser.member_type)(self.name);
            if expected != MemberType::Any {
                // As in `Parser::value`: a `Deserialize` that reads nothing would let
                // `{"exp":}` through, uncaptured.
                sure(self.parser.scan.peek())?;
                let start = self.parser.scan.at;
                let value = seed.deserialize(Capturing {
                    parser: &mut *self.parser,
                    name: self.name,
                    expected,
                })?;
                if self.parser.scan.at == start {
                    return Err(Unsure);
                }
                return Ok(value);
            }
        }
        self.parser.value(seed)
    }
}

/// The deserializer a typed top-level member's value is read through: the string or
/// integer it reads is also captured, so that the value is read once. Anything else
/// of the expected type (an array of strings) is captured by reading it twice; any
/// other JSON type is the two-pass path's to report.
struct Capturing<'p, 'de, 'n, M, F> {
    parser: &'p mut Parser<'de, 'n, M, F>,
    name: &'de str,
    expected: MemberType,
}

impl<'de, M, F> Deserializer<'de> for Capturing<'_, 'de, '_, M, F>
where
    M: Fn(&str) -> MemberType,
    F: Capture<'de>,
{
    type Error = Unsure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Outcome<V::Value> {
        let parser = self.parser;
        match (self.expected, sure(parser.scan.peek())?) {
            (MemberType::String | MemberType::StringOrStrings, b'"') => {
                let text = sure(parser.scan.plain_string())?;
                parser.capture.string(self.name, text);
                visitor.visit_borrowed_str(text)
            }
            (MemberType::Number, b'-' | b'0'..=b'9') => match sure(parser.scan.number())? {
                Captured::Int(n) => {
                    parser.capture.integer(self.name, n);
                    match u64::try_from(n) {
                        Ok(n) => visitor.visit_u64(n),
                        Err(_) => visitor.visit_i64(n),
                    }
                }
                _ => Err(Unsure),
            },
            (MemberType::StringOrStrings, b'[') => {
                parser.capture_typed(self.name, self.expected)?;
                parser.deserialize_any(visitor)
            }
            _ => Err(Unsure),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Outcome<V::Value> {
        // `null` is not a value any typed member may have.
        visitor.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Outcome<V::Value> {
        self.parser.capture_typed(self.name, self.expected)?;
        self.parser.deserialize_enum(name, variants, visitor)
    }

    typed_methods!();
}

struct Items<'p, 'de, 'n, M, F> {
    parser: &'p mut Parser<'de, 'n, M, F>,
    state: State,
}

impl<'de, M, F> SeqAccess<'de> for Items<'_, 'de, '_, M, F>
where
    M: Fn(&str) -> MemberType,
    F: Capture<'de>,
{
    type Error = Unsure;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Outcome<Option<S::Value>> {
        if !next_entry(&mut self.parser.scan, &mut self.state, b']')? {
            return Ok(None);
        }
        self.state = State::AfterValue;
        self.parser.value(seed).map(Some)
    }
}

impl<'de, M, F> Deserializer<'de> for &mut Parser<'de, '_, M, F>
where
    M: Fn(&str) -> MemberType,
    F: Capture<'de>,
{
    type Error = Unsure;

    /// As serde_json: strings borrowed, non-negative integers as `u64`, negative ones
    /// as `i64`, `null` as unit.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Outcome<V::Value> {
        match sure(self.scan.peek())? {
            b'{' => self.object(visitor),
            b'[' => self.array(visitor),
            b'"' => visitor.visit_borrowed_str(sure(self.scan.plain_string())?),
            b't' => {
                sure(self.scan.literal(b"true"))?;
                visitor.visit_bool(true)
            }
            b'f' => {
                sure(self.scan.literal(b"false"))?;
                visitor.visit_bool(false)
            }
            b'n' => {
                sure(self.scan.literal(b"null"))?;
                visitor.visit_unit()
            }
            _ => match sure(self.scan.number())? {
                Captured::Int(n) => match u64::try_from(n) {
                    Ok(n) => visitor.visit_u64(n),
                    Err(_) => visitor.visit_i64(n),
                },
                // serde_json's float parsing and ours may differ in the last digit.
                _ => Err(Unsure),
            },
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Outcome<V::Value> {
        if sure(self.scan.peek())? == b'n' {
            sure(self.scan.literal(b"null"))?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Outcome<V::Value> {
        // Unit variants, written as strings; anything else is left to serde_json.
        if sure(self.scan.peek())? != b'"' {
            return Err(Unsure);
        }
        let variant = sure(self.scan.plain_string())?;
        visitor.visit_enum(StrDeserializer::new(variant))
    }

    typed_methods!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::Value;
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    use super::super::test_support::{exact_walk, one_pass as direct, Seen};

    /// The two-pass path: the exact walk's verdict and captures, then serde_json.
    fn two_pass<'a, T: Deserialize<'a>>(text: &'a str, depth: usize) -> Option<(T, Seen<'a>)> {
        let seen = exact_walk(text.as_bytes(), depth).ok()?;
        Some((serde_json::from_str(text).ok()?, seen))
    }

    /// Whenever the one pass is sure, the two-pass path accepts the same text and
    /// produces the same value and captures.
    /// `true` when the one pass was sure.
    fn agree<'a, T: Deserialize<'a> + PartialEq + fmt::Debug>(text: &'a str, depth: usize) -> bool {
        let fast = direct::<T>(text, depth);
        let sure = fast.is_some();
        if sure {
            assert_eq!(fast, two_pass::<T>(text, depth), "{text}");
        }
        sure
    }

    /// How many of the four readings the one pass was sure of.
    fn agree_all(text: &str) -> usize {
        [
            agree::<Value>(text, 8),
            agree::<Value>(text, 3),
            agree::<Typed>(text, 8),
            agree::<BTreeMap<String, Value>>(text, 8),
        ]
        .into_iter()
        .filter(|&sure| sure)
        .count()
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Typed {
        iss: Option<String>,
        #[serde(default)]
        aud: Option<Value>,
        exp: Option<i64>,
        #[serde(default)]
        role: Option<Role>,
        #[serde(default)]
        scopes: Vec<String>,
        #[serde(default)]
        x: Option<Nested>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Role {
        Admin,
        Editor,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Nested {
        y: Vec<Value>,
        #[serde(default)]
        w: Option<String>,
    }

    const SAMPLE: &str = r#"{"iss":"https://id.example.com","aud":["a","b"],"exp":1700000900,"nbf":-5,"role":"editor","scopes":["r","w"],"x":{"y":[1,{"z":null},true,false],"w":"q"},"s":[true,false,{}]}"#;

    #[test]
    fn sure_and_right_on_ordinary_claims() {
        let (value, seen) = direct::<Value>(SAMPLE, 8).expect("sure");
        assert_eq!(Some((value, seen.clone())), two_pass::<Value>(SAMPLE, 8));
        let (typed, _) = direct::<Typed>(SAMPLE, 8).expect("sure");
        assert_eq!(typed.role, Some(Role::Editor));
        assert_eq!(
            seen,
            vec![
                (
                    "iss".to_owned(),
                    Captured::Str(Cow::Borrowed("https://id.example.com"))
                ),
                (
                    "aud".to_owned(),
                    Captured::Strs(vec![Cow::Borrowed("a"), Cow::Borrowed("b")])
                ),
                ("exp".to_owned(), Captured::Int(1_700_000_900)),
                ("nbf".to_owned(), Captured::Int(-5)),
            ]
        );
    }

    #[test]
    fn never_sure_of_what_the_two_pass_path_rejects_or_reads_otherwise() {
        for text in [
            r#"{"a":1,"a":2}"#,
            r#"{"x":{"a":1,"a":2}}"#,
            r#"{"s":[{"a":1,"a":2}]}"#,
            r#"{"a":1,"\u0061":2}"#,
            r#"{"exp":"1"}"#,
            r#"{"iss":1}"#,
            r#"{"aud":[1]}"#,
            r#"{"exp":01}"#,
            r#"{"exp":1.5}"#,
            r#"{"exp":-0}"#,
            r#"{"exp":12345678901234567890}"#,
            r#"{"a":"tab	inside"}"#,
            r#"{"a":"esc\"aped"}"#,
            r#"{"a":[1,]}"#,
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"{"a":tru}"#,
            r#"{"a":nul}"#,
            r#"{"a":truex}"#,
            r#"{"a":1}x"#,
            r#"{"a":1}{}"#,
            r#"[1]"#,
            r#""text""#,
            r#"{"x":[[[[[[[[[[1]]]]]]]]]]}"#,
        ] {
            assert!(direct::<Value>(text, 8).is_none(), "{text}");
        }
        let deep = r#"{"a":{"b":{"c":1}}}"#;
        assert!(direct::<Value>(deep, 3).is_some());
        assert!(direct::<Value>(deep, 2).is_none());
        assert!(direct::<Value>(r#"{"aud":["a"]}"#, 1).is_none());
    }

    #[test]
    fn types_it_cannot_serve_send_the_token_down_the_two_pass_path() {
        #[derive(Deserialize)]
        struct Raw {
            #[allow(dead_code)]
            raw: Box<serde_json::value::RawValue>,
        }
        assert!(direct::<Raw>(r#"{"raw":{"a":1}}"#, 8).is_none());
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Strict {
            #[allow(dead_code)]
            a: u8,
        }
        assert!(direct::<Strict>(r#"{"a":1,"b":2}"#, 8).is_none());
        assert!(direct::<Strict>(r#"{"a":300}"#, 8).is_none());
        assert!(direct::<Strict>(r#"{"a":1}"#, 8).is_some());
    }

    #[test]
    fn differential_over_single_edits() {
        let base = SAMPLE.as_bytes();
        let inserts: &[&[u8]] = &[
            b"\"",
            b",",
            b"{",
            b"}",
            b"[",
            b"]",
            b":",
            b"\\",
            b"1",
            b"-",
            b" ",
            b"\t",
            b"n",
            b"\"a\":1,",
            b"\"exp\":2,",
            b"\"iss\":\"j\",",
            b"\"role\":\"admin\",",
            b"0",
        ];
        let (mut cases, mut sure) = (0, 0);
        for i in 0..base.len() {
            let mut deleted = base.to_vec();
            deleted.remove(i);
            let mut texts = vec![deleted];
            for insert in inserts {
                let mut text = base.to_vec();
                text.splice(i..i, insert.iter().copied());
                texts.push(text);
            }
            for text in texts.iter().filter_map(|t| std::str::from_utf8(t).ok()) {
                cases += 4;
                sure += agree_all(text);
            }
        }
        // The comparison is not vacuous: many edited texts are still valid claims.
        assert!(sure > cases / 8, "{sure} of {cases}");
    }
}
