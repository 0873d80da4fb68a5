//! A byte scan that does, for text serde_json parses right after, what
//! [`check_object_typed`](super::check_object_typed) does: duplicate member names at
//! any depth, the nesting depth, the JSON type of the typed top-level members, and
//! their values. It does not validate syntax (the parser that follows does).
//!
//! It answers `Some` only when it is sure: when the text is valid JSON, the exact walk
//! would accept it and capture the same values. Anything unusual (a member name with
//! an escape, deep or wide objects, a number it cannot read exactly, and what serde_json
//! skips unread but the exact walk refuses: a surrogate escape, a number beyond f64's
//! range) answers `None`, and the caller runs the exact walk, which also gives the
//! precise error. It exists so that the common token skips the exact walk, a full serde
//! pass (see bench/PROFILE_NOTES.md, "Why the fast JSON paths exist").
//!
//! It reads text already known to be UTF-8 (checked once for the whole buffer, which
//! also lets serde_json skip its per-string check), so every slice it takes between
//! two ASCII delimiters is a `&str` without another validation.

use super::{Captured, MemberType};
use std::borrow::Cow;

/// Nesting and open member names beyond which the scan answers "not sure".
const DEPTH: usize = 16;
const NAMES: usize = 48;

/// Scans `text` as an object; `Some(())` when sure, with every typed member's value
/// handed to `capture`.
pub(crate) fn check_object_typed<'b>(
    text: &'b str,
    max_depth: usize,
    member_type: impl Fn(&str) -> MemberType,
    mut capture: impl FnMut(&str, Captured<'b>),
) -> Option<()> {
    let mut names = open_names();
    let mut scan = Scan::new(text, &mut names);
    let depth = max_depth.min(DEPTH).checked_sub(1)?;
    scan.object(depth, |scan, name| {
        let expected = member_type(name);
        if expected == MemberType::Any {
            return Some(());
        }
        // An array member is one level deeper than the object.
        capture(name, scan.typed_value(expected, depth > 0)?);
        Some(())
    })?;
    scan.peek().is_none().then_some(())
}

/// The greatest nesting either scan follows before answering "not sure".
pub(super) const MAX_DEPTH: usize = DEPTH;

/// [`check_object_typed`] with no typed members: duplicates and depth only.
pub(crate) fn check_object(text: &str, max_depth: usize) -> Option<()> {
    check_object_typed(text, max_depth, |_| MemberType::Any, |_, _| {})
}

/// A member name of an object open on the path being scanned. Names of up to eight
/// bytes compare by `key` alone; longer ones by `key`, then their bytes.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct OpenName {
    key: u64,
    start: u32,
    end: u32,
}

impl OpenName {
    /// The name `bytes[start..end]`. Its key is read with one 8-byte load and masked
    /// to the name's length, never assembled byte by byte in memory and loaded whole
    /// (see bench/PROFILE_NOTES.md, "Store-forwarding stalls").
    fn new(bytes: &[u8], start: usize, end: usize) -> Option<Self> {
        let len = end.checked_sub(start)?;
        let key = match bytes.get(start..start + 8) {
            Some(word) => {
                let word = u64::from_le_bytes(<[u8; 8]>::try_from(word).ok()?);
                match len {
                    0..=7 => word & ((1u64 << (8 * len)) - 1),
                    _ => word,
                }
            }
            None => bytes
                .get(start..end)?
                .iter()
                .take(8)
                .rev()
                .fold(0, |key, &b| (key << 8) | u64::from(b)),
        };
        Some(OpenName {
            key,
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
        })
    }

    // By value, so the new name stays in registers (see bench/PROFILE_NOTES.md,
    // "Store-forwarding stalls").
    fn same(self, other: OpenName, bytes: &[u8]) -> bool {
        let len = self.end.wrapping_sub(self.start);
        self.key == other.key
            && len == other.end.wrapping_sub(other.start)
            && (len <= 8
                || bytes.get(self.start as usize..self.end as usize)
                    == bytes.get(other.start as usize..other.end as usize))
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each zero byte of `word` is set; the lowest one set is exact (a
/// borrow can only mark bytes above a true zero).
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & HIGHS
}

/// The high bit of each byte of `word` below 0x20 (a control character) is set; the
/// lowest one set is exact, as in [`zero_bytes`].
fn control_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES * 0x20) & !word & HIGHS
}

/// The bytes of `word` where a string's content stops (see [`string_stop`]).
fn stop_bytes(word: u64) -> u64 {
    zero_bytes(word ^ (ONES * u64::from(b'"')))
        | zero_bytes(word ^ (ONES * u64::from(b'\\')))
        | control_bytes(word)
}

/// Where a string's content stops: the index of the first `"`, `\` or control
/// character (which JSON forbids raw in a string) in `bytes`, eight bytes at a time:
/// member names and values are short, where a vectorised search spends more on setup
/// than on bytes.
fn string_stop(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let hits = stop_bytes(u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?));
        if hits != 0 {
            return Some(offset + (hits.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let tail = chunks.remainder();
    tail.iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|i| offset + i)
}

/// The member names of one open object: where they start in the scanner's list, and a
/// 64-bit summary of their keys that rules most names out without a search.
#[derive(Debug, Clone, Copy)]
pub(super) struct ObjectNames {
    base: usize,
    seen: u64,
}

/// The scanner, shared with the one-pass parser of [`super::one_pass`].
pub(super) struct Scan<'b, 'n> {
    pub(super) text: &'b str,
    bytes: &'b [u8],
    pub(super) at: usize,
    /// Borrowed, not owned: the scanner is passed around by value and must stay small
    /// (see bench/PROFILE_NOTES.md, "Scanner size").
    names: &'n mut [OpenName],
    names_len: usize,
}

/// The member names of the objects open on the path being scanned.
pub(super) type OpenNames = [OpenName; NAMES];

/// An empty list of open names.
pub(super) fn open_names() -> OpenNames {
    [OpenName::default(); NAMES]
}

impl<'b, 'n> Scan<'b, 'n> {
    pub(super) fn new(text: &'b str, names: &'n mut [OpenName]) -> Self {
        Scan {
            text,
            bytes: text.as_bytes(),
            at: 0,
            names,
            names_len: 0,
        }
    }

    pub(super) fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.at) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    /// The value of a typed top-level member, when it has the expected JSON type
    /// (`array_allowed`: the depth limit leaves room for an array).
    // Inlined, like `number`, so that the captured value reaches the caller in
    // registers, not through memory (see bench/PROFILE_NOTES.md, "Store-forwarding stalls").
    #[inline(always)]
    pub(super) fn typed_value(
        &mut self,
        expected: MemberType,
        array_allowed: bool,
    ) -> Option<Captured<'b>> {
        Some(match (expected, self.peek()?) {
            (MemberType::StringOrStrings, b'[') if array_allowed => Captured::Strs(self.strings()?),
            (MemberType::String | MemberType::StringOrStrings, b'"') => {
                Captured::Str(Cow::Borrowed(self.plain_string()?))
            }
            (MemberType::Number, b'-' | b'0'..=b'9') => self.number()?,
            _ => return None,
        })
    }

    pub(super) fn eat(&mut self, expected: u8) -> Option<()> {
        if self.bytes.get(self.at) == Some(&expected) {
            self.at += 1;
            return Some(());
        }
        (self.peek()? == expected).then(|| self.at += 1)
    }

    /// A string; its content's byte range and whether it has escapes.
    fn string(&mut self) -> Option<(usize, usize, bool)> {
        self.eat(b'"')?;
        let start = self.at;
        let mut escaped = false;
        loop {
            let rest = self.bytes.get(self.at..)?;
            let i = string_stop(rest)?;
            self.at += i + 1;
            match rest.get(i) {
                Some(b'"') => return Some((start, self.at - 1, escaped)),
                Some(b'\\') => {}
                _ => return None, // a raw control character: not JSON
            }
            escaped = true;
            // A surrogate escape (\uD800 to \uDFFF): serde_json skips a lone one
            // unread, and the exact walk, which reads every string, refuses it.
            if self.bytes.get(self.at) == Some(&b'u')
                && matches!(
                    self.bytes.get(self.at + 1..self.at + 3),
                    Some([b'd' | b'D', b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F'])
                )
            {
                return None;
            }
            self.at += 1; // the escaped character (\uXXXX: its hex digits are plain)
        }
    }

    /// A string without escapes, borrowed.
    pub(super) fn plain_string(&mut self) -> Option<&'b str> {
        match self.string()? {
            (start, end, false) => self.text.get(start..end),
            _ => None,
        }
    }

    /// An array of strings without escapes.
    fn strings(&mut self) -> Option<Vec<Cow<'b, str>>> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        if self.eat(b']').is_some() {
            return Some(items);
        }
        loop {
            if self.peek()? != b'"' {
                return None;
            }
            items.push(Cow::Borrowed(self.plain_string()?));
            if self.eat(b',').is_none() {
                self.eat(b']')?;
                return Some(items);
            }
        }
    }

    /// The text of a number (or any other bare value), up to its delimiter.
    fn bare(&mut self) -> Option<&'b str> {
        let rest = self.bytes.get(self.at..)?;
        let len = rest
            .iter()
            .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        let text = self.text.get(self.at..self.at + len)?;
        self.at += len;
        Some(text)
    }

    /// A number, read exactly as serde_json reads it: an integer that fits `i64`, or a
    /// finite float. Anything else (leading zeros, overflow, `-0`) is "not sure".
    #[inline(always)]
    pub(super) fn number(&mut self) -> Option<Captured<'b>> {
        let start = self.at;
        let negative = self.bytes.get(self.at) == Some(&b'-');
        let digits_start = start + usize::from(negative);
        let mut at = digits_start;
        let mut magnitude: i64 = 0;
        while let Some(&b) = self.bytes.get(at) {
            if !b.is_ascii_digit() {
                break;
            }
            // Eighteen digits always fit an i64; longer integers go the slow way.
            if at - digits_start == 18 {
                return None;
            }
            magnitude = magnitude * 10 + i64::from(b - b'0');
            at += 1;
        }
        let digits = at - digits_start;
        let leading_zero = self.bytes.get(digits_start) == Some(&b'0');
        if digits == 0 || (leading_zero && digits > 1) {
            return None;
        }
        if !matches!(self.bytes.get(at), Some(b'.' | b'e' | b'E')) {
            if negative && magnitude == 0 {
                return None; // serde_json reads -0 as a float
            }
            self.at = at;
            return Some(Captured::Int(if negative { -magnitude } else { magnitude }));
        }
        // By serde_json itself: without its `float_roundtrip` feature it rounds some
        // long fractions differently from `str::parse` (1700000000.123456789).
        let value: f64 = serde_json::from_str(self.bare()?).ok()?;
        value.is_finite().then_some(Captured::Float(value))
    }

    /// A literal (`true`, `false`, `null`) spelled exactly.
    pub(super) fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word).then(|| self.at = end)
    }

    /// A member name without escapes: its byte range, recorded for the duplicate check
    /// of the object `names`; the `:` after it is eaten.
    pub(super) fn member_name(&mut self, names: &mut ObjectNames) -> Option<&'b str> {
        if let Some(name) = self.short_member_name(names) {
            return name;
        }
        let (start, end, escaped) = self.string()?;
        // `$`: serde_json's reserved names start so; the exact walk judges them.
        if escaped || self.bytes.get(start) == Some(&b'$') {
            return None;
        }
        let name = OpenName::new(self.bytes, start, end)?;
        self.remember(names, name.key, name.start, name.end)?;
        self.eat(b':')?;
        self.text.get(start..end)
    }

    /// [`member_name`](Self::member_name) for a name of one to seven plain bytes (nearly
    /// every name), read and keyed with one 8-byte load. `None` when the name is not
    /// such a name (the caller reads it the general way); `Some(None)` when it is one
    /// and repeats a name or does not fit.
    #[inline(always)]
    fn short_member_name(&mut self, names: &mut ObjectNames) -> Option<Option<&'b str>> {
        let start = self.at.checked_add(1)?;
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(self.bytes.get(start..start + 8)?).ok()?);
        let stops = stop_bytes(word);
        let len = (stops.trailing_zeros() / 8) as usize;
        // A quote ends it within the word, and it neither is empty nor starts with `$`.
        if stops == 0
            || len == 0
            || self.bytes.get(start + len) != Some(&b'"')
            || word as u8 == b'$'
        {
            return None;
        }
        let end = start + len;
        let key = word & ((1u64 << (8 * len)) - 1);
        let (start32, end32) = (u32::try_from(start).ok()?, u32::try_from(end).ok()?);
        self.at = end + 1;
        Some(self.remember(names, key, start32, end32).and_then(|()| {
            self.eat(b':')?;
            self.text.get(start..end)
        }))
    }

    /// Any value, at most `depth` levels deep.
    fn value(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'{' => self.object(depth.checked_sub(1)?, |_, _| Some(())),
            b'[' => self.array(depth.checked_sub(1)?),
            b'"' => self.string().map(|_| ()),
            _ => {
                // serde_json skips, unread, a number beyond f64's range, and the exact
                // walk, which reads every number, refuses it. Only a long number or one
                // with an exponent can be that large.
                let bare = self.bare()?;
                let number = matches!(bare.as_bytes().first(), Some(b'-' | b'0'..=b'9'));
                if number
                    && (bare.len() > 300 || bare.contains(['e', 'E']))
                    && serde_json::from_str::<f64>(bare).is_err()
                {
                    return None;
                }
                Some(())
            }
        }
    }

    /// Records a member name of the innermost open object, `names`;
    /// `None` when it repeats one, or when too many are open.
    ///
    /// The name comes as its parts, not as one 16-byte value passed through memory
    /// (see bench/PROFILE_NOTES.md, "Store-forwarding stalls").
    fn remember(&mut self, names: &mut ObjectNames, key: u64, start: u32, end: u32) -> Option<()> {
        let name = OpenName { key, start, end };
        // The list is searched only when the name's bit was already set, not for every
        // name (see bench/PROFILE_NOTES.md, "Duplicate-name search").
        let bit = 1u64 << (name.key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58);
        if names.seen & bit != 0 {
            let bytes = self.bytes;
            let open = self.names.get(names.base..self.names_len)?;
            if open.iter().any(|other| other.same(name, bytes)) {
                return None;
            }
        }
        names.seen |= bit;
        let slot = self.names.get_mut(self.names_len)?;
        slot.key = key;
        slot.start = start;
        slot.end = end;
        self.names_len += 1;
        Some(())
    }

    /// An object; `member` sees each name and may consume its value (else it is skipped).
    fn object(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&mut Self, &'b str) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        let mut names = self.open_object();
        if self.eat(b'}').is_none() {
            loop {
                let name = self.member_name(&mut names)?;
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
        self.close_object(names);
        Some(())
    }

    /// Starts the name list of an object.
    pub(super) fn open_object(&self) -> ObjectNames {
        ObjectNames {
            base: self.names_len,
            seen: 0,
        }
    }

    /// Forgets an object's names.
    pub(super) fn close_object(&mut self, names: ObjectNames) {
        self.names_len = names.base;
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        self.eat(b'[')?;
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            self.value(depth)?;
            if self.eat(b',').is_none() {
                return self.eat(b']');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::test_support::{exact_walk, member_type, Seen};

    /// What the exact walk says and captures, when serde_json parses the text.
    fn exact(text: &[u8]) -> Option<Result<Seen<'_>, crate::ErrorKind>> {
        serde_json::from_slice::<serde_json::Value>(text).ok()?;
        Some(exact_walk(text, 8))
    }

    fn quick(text: &[u8]) -> Option<Seen<'_>> {
        let text = std::str::from_utf8(text).ok()?;
        let mut seen = Vec::new();
        check_object_typed(text, 8, member_type, |n, v| seen.push((n.to_owned(), v)))?;
        Some(seen)
    }

    /// The scan's "sure" must agree with the exact walk on everything serde parses.
    fn agree(text: &[u8]) {
        if let (Some(fast), Some(exact)) = (quick(text), exact(text)) {
            assert_eq!(Ok(fast), exact, "{}", String::from_utf8_lossy(text));
        }
    }

    const SAMPLE: &str = r#"{"iss":"https://id.example.com","aud":["a","b"],"exp":1700000900,"nbf":1.5,"x":{"y":[1,{"z":null}],"w":"q\"r"},"s":[true,false]}"#;

    #[test]
    fn sure_and_right_on_ordinary_claims() {
        let seen = quick(SAMPLE.as_bytes()).expect("sure");
        assert_eq!(Ok(seen), exact(SAMPLE.as_bytes()).unwrap());
    }

    #[test]
    fn never_sure_of_what_the_exact_walk_rejects() {
        for text in [
            r#"{"a":1,"a":2}"#,
            r#"{"x":{"a":1,"a":2}}"#,
            r#"{"a":1,"\u0061":2}"#,
            r#"{"exp":"1"}"#,
            r#"{"iss":1}"#,
            r#"{"aud":[1]}"#,
            r#"{"exp":01}"#,
            r#"{"exp":1e999}"#,
            r#"{"x":[[[[[[[[[[1]]]]]]]]]]}"#,
        ] {
            assert!(quick(text.as_bytes()).is_none(), "{text}");
        }
    }

    #[test]
    fn numbers_read_as_serde_reads_them() {
        for number in [
            "0",
            "7",
            "-7",
            "1700000000",
            "123456789012345678",
            "-123456789012345678",
            "1234567890123456789",
            "99999999999999999999",
            "-0",
            "0.0",
            "-0.5",
            "1.5",
            "1e3",
            "1E-3",
            "2.5e+2",
            "00",
            "01",
            "-01",
            "1.",
            ".5",
            "-",
            "+1",
            "1e",
            "1e999",
        ] {
            for text in [
                format!(r#"{{"exp":{number}}}"#),
                format!(r#"{{"exp":{number},"iss":"x"}}"#),
                format!(r#"{{"exp": {number} }}"#),
            ] {
                agree(text.as_bytes());
            }
        }
        let sure = |text: &str| quick(text.as_bytes()).is_some();
        assert!(sure(r#"{"exp":123456789012345678}"#));
        assert!(sure(r#"{"exp":-5,"nbf":2.5e3}"#));
        // Rounded as serde_json rounds them, not as `str::parse` does.
        for number in [
            "9007199254740993.0",
            "1700000000.123456789",
            "655037646758.1153821423",
            "309858899781.04044655697610394",
        ] {
            let text = format!(r#"{{"exp":{number}}}"#);
            assert_eq!(
                Some(quick(text.as_bytes()).expect("sure")),
                exact(text.as_bytes()).map(Result::unwrap),
                "{text}"
            );
        }
        assert!(!sure(r#"{"exp":-0}"#), "serde_json reads -0 as a float");
        assert!(
            !sure(r#"{"exp":1234567890123456789}"#),
            "19 digits: the slow way"
        );
    }

    /// What serde_json skips unread but the exact walk reads and refuses: a lone
    /// surrogate escape, a number beyond f64's range.
    #[test]
    fn never_sure_of_what_only_skipping_accepts() {
        let sure = |text: &str| quick(text.as_bytes()).is_some();
        let huge = format!(r#"{{"x":1{}}}"#, "0".repeat(400));
        for text in [
            r#"{"x":"\uD800"}"#,
            r#"{"x":["a\udfff"]}"#,
            r#"{"x":{"y":"\uDbff\u0041"}}"#,
            r#"{"x":1e400}"#,
            r#"{"x":[-1E+309]}"#,
            r#"{"x":1e99999999999}"#,
            &huge,
        ] {
            assert!(serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok());
            assert!(super::super::check(text.as_bytes(), 8, usize::MAX).is_err());
            assert!(!sure(text), "{text}");
        }
        for text in [
            r#"{"x":"\u0041\uE000"}"#,
            r#"{"x":[1e300,-2.5E-400]}"#,
            r#"{"x":true,"y":false}"#,
        ] {
            assert!(sure(text), "{text}");
        }
    }

    #[test]
    fn every_repeat_is_found_among_many_names() {
        // More names than the 64-bit summary has bits: collisions must still be
        // searched, and only true repeats refused.
        let names: Vec<String> = (0..40).map(|i| format!("m{i}")).collect();
        let object = |extra: &str| {
            let members: Vec<String> = names.iter().map(|n| format!(r#""{n}":1"#)).collect();
            format!("{{{}{extra}}}", members.join(","))
        };
        assert!(quick(object("").as_bytes()).is_some());
        for name in &names {
            let repeated = object(&format!(r#","{name}":2"#));
            assert!(quick(repeated.as_bytes()).is_none(), "{name}");
            agree(repeated.as_bytes());
        }
    }

    #[test]
    fn long_names_are_compared_in_full() {
        for text in [
            r#"{"abcdefgh":1,"abcdefgh":2}"#,
            r#"{"abcdefghij":1,"abcdefghij":2}"#,
            r#"{"abcdefghij":1,"abcdefghik":2}"#,
            r#"{"abcdefgh":1,"abcdefghi":2}"#,
            r#"{"a":{"abcdefghijkl":1},"abcdefghijkl":2}"#,
            r#"{"":1,"":2}"#,
        ] {
            agree(text.as_bytes());
        }
        let sure = |text: &str| quick(text.as_bytes()).is_some();
        assert!(!sure(r#"{"abcdefghij":1,"abcdefghij":2}"#));
        assert!(sure(r#"{"abcdefghij":1,"abcdefghik":2}"#));
        assert!(sure(r#"{"abcdefgh":1,"abcdefghi":2}"#));
        assert!(!sure(r#"{"":1,"":2}"#));
        // The second name ends within eight bytes of the text: its key is built the
        // other way and must still match.
        assert!(!sure(r#"{"ab":1,"ab":2}"#));
        assert!(!sure(r#"{"abcdefghi":1,"abcdefghi":2}"#));
        assert!(sure(r#"{"ab":1,"ac":2}"#));
    }

    #[test]
    fn strings_end_at_the_first_unescaped_quote_at_any_offset() {
        for len in 0..40 {
            let plain = "x".repeat(len);
            let text = format!(r#"{{"iss":"{plain}","s":"{plain}\"{plain}","t":1}}"#);
            let seen = quick(text.as_bytes()).expect("sure");
            assert_eq!(seen, exact(text.as_bytes()).unwrap().unwrap(), "{text}");
        }
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
            b"\"a\":1,",
            b"\"exp\":2,",
        ];
        for i in 0..base.len() {
            let mut deleted = base.to_vec();
            deleted.remove(i);
            agree(&deleted);
            for insert in inserts {
                let mut text = base.to_vec();
                text.splice(i..i, insert.iter().copied());
                agree(&text);
            }
        }
    }
}
