//! A byte scan that does, for text serde_json parses right after, what
//! [`check_object_typed`](super::check_object_typed) does: duplicate member names at
//! any depth, the nesting depth, the JSON type of the typed top-level members, and
//! their values. It does not validate syntax (the parser that follows does).
//!
//! It answers `Some` only when it is sure: when the text is valid JSON, the exact walk
//! would accept it and capture the same values. Anything unusual (a member name with
//! an escape, deep or wide objects, a number it cannot read exactly) answers `None`,
//! and the caller runs the exact walk, which also gives the precise error. It exists
//! because the exact walk, a full serde pass, was the largest cost of a verification
//! after the signature itself.

use super::{Captured, MemberType};
use std::borrow::Cow;

/// Nesting and open member names beyond which the scan answers "not sure".
const DEPTH: usize = 16;
const NAMES: usize = 64;

/// Scans `bytes` as an object; `Some(())` when sure, with every typed member's value
/// handed to `capture`.
pub(crate) fn check_object_typed<'b>(
    bytes: &'b [u8],
    max_depth: usize,
    member_type: fn(&str) -> MemberType,
    capture: &mut dyn FnMut(&str, Captured<'b>),
) -> Option<()> {
    let mut scan = Scan {
        bytes,
        at: 0,
        names: [(0, 0); NAMES],
        names_len: 0,
    };
    let depth = max_depth.min(DEPTH).checked_sub(1)?;
    scan.object(depth, |scan, name| {
        let expected = member_type(name);
        if expected == MemberType::Any {
            return Some(());
        }
        let value = match (expected, scan.peek()?) {
            (MemberType::StringOrStrings, b'[') => Captured::Strs(scan.strings()?),
            (MemberType::String | MemberType::StringOrStrings, b'"') => {
                Captured::Str(scan.plain_string()?)
            }
            (MemberType::Number, b'-' | b'0'..=b'9') => scan.number()?,
            _ => return None,
        };
        capture(name, value);
        Some(())
    })?;
    scan.peek().is_none().then_some(())
}

struct Scan<'b> {
    bytes: &'b [u8],
    at: usize,
    /// Byte ranges of the member names of the objects open on the path being scanned.
    names: [(usize, usize); NAMES],
    names_len: usize,
}

impl<'b> Scan<'b> {
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

    /// A string; its content's byte range and whether it has escapes.
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

    /// A string without escapes, borrowed.
    fn plain_string(&mut self) -> Option<Cow<'b, str>> {
        let bytes = self.bytes;
        match self.string()? {
            (start, end, false) => std::str::from_utf8(bytes.get(start..end)?)
                .ok()
                .map(Cow::Borrowed),
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
            items.push(self.plain_string()?);
            if self.eat(b',').is_none() {
                self.eat(b']')?;
                return Some(items);
            }
        }
    }

    /// The text of a number (or any other bare value), up to its delimiter.
    fn bare(&mut self) -> Option<&'b str> {
        let bytes = self.bytes;
        let rest = bytes.get(self.at..)?;
        let len = rest
            .iter()
            .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        self.at += len;
        std::str::from_utf8(rest.get(..len)?).ok()
    }

    /// A number, read exactly as serde_json reads it: an integer that fits `i64`, or a
    /// finite float. Anything else (leading zeros, overflow) is "not sure".
    fn number(&mut self) -> Option<Captured<'b>> {
        let text = self.bare()?;
        let digits = text.strip_prefix('-').unwrap_or(text);
        if digits.len() > 1
            && digits.starts_with('0')
            && digits.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
        {
            return None;
        }
        if text.bytes().all(|b| b == b'-' || b.is_ascii_digit()) {
            return text.parse::<i64>().ok().map(Captured::Int);
        }
        let value: f64 = text.parse().ok()?;
        value.is_finite().then_some(Captured::Float(value))
    }

    /// Any value, at most `depth` levels deep.
    fn value(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'{' => self.object(depth.checked_sub(1)?, |_, _| Some(())),
            b'[' => self.array(depth.checked_sub(1)?),
            b'"' => self.string().map(|_| ()),
            _ => self.bare().map(|_| ()),
        }
    }

    /// An object; `member` sees each name and may consume its value (else it is skipped).
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

    fn member_type(name: &str) -> MemberType {
        match name {
            "exp" | "nbf" => MemberType::Number,
            "iss" => MemberType::String,
            "aud" => MemberType::StringOrStrings,
            _ => MemberType::Any,
        }
    }

    /// What the exact walk says and captures, when serde_json parses the text.
    fn exact(text: &[u8]) -> Option<Result<Vec<(String, Captured<'_>)>, crate::ErrorKind>> {
        serde_json::from_slice::<serde_json::Value>(text).ok()?;
        let mut seen = Vec::new();
        let outcome =
            super::super::check_object_typed(text, 8, usize::MAX, member_type, &mut |n, v| {
                seen.push((n.to_owned(), v))
            });
        Some(outcome.map(|()| seen).map_err(|e| e.kind()))
    }

    fn quick(text: &[u8]) -> Option<Vec<(String, Captured<'_>)>> {
        let mut seen = Vec::new();
        check_object_typed(text, 8, member_type, &mut |n, v| {
            seen.push((n.to_owned(), v))
        })?;
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
