//! [`LazyHeader`]: a verified protected header kept as its checked JSON text until a
//! member is asked for.
//!
//! Most services never look at a verified token's header, so building a map of it on
//! every verification is waste. The JWS and JWE layers hand over a header either
//! parsed (it needed the full rules: `crit`, `b64`, escapes, ...) or as the text their
//! strict checks already accepted; the JWT layer passes it on to [`Jwt`](crate::Jwt)
//! unchanged. This is the one place that decides how such text becomes members.
//!
//! The rule that makes it safe: text enters only after the strict checks (one object,
//! no duplicate names, bounded depth) accepted it, so parsing it later cannot fail and
//! cannot see other members than the checks saw.

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

/// A header type that can be built from text the strict checks accepted.
pub(crate) trait CheckedHeader: Sized {
    /// Builds the header from checked text.
    fn from_checked_map(members: serde_json::Map<String, serde_json::Value>) -> Self;

    /// A string member of the parsed header.
    fn string_member(&self, name: &str) -> Option<&str>;
}

impl CheckedHeader for serde_json::Map<String, serde_json::Value> {
    fn from_checked_map(members: serde_json::Map<String, serde_json::Value>) -> Self {
        members
    }

    fn string_member(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(serde_json::Value::as_str)
    }
}

/// A protected header: parsed, or its checked JSON text and the members once built.
#[derive(Debug, Clone)]
pub(crate) enum LazyHeader<H> {
    /// Parsed when it was received.
    Parsed(H),
    /// The checked text; parsed on first use.
    Text(Vec<u8>, OnceLock<H>),
}

impl<H: CheckedHeader> LazyHeader<H> {
    /// A header kept as text that the strict checks accepted.
    pub(crate) fn checked_text(text: Vec<u8>) -> Self {
        LazyHeader::Text(text, OnceLock::new())
    }

    /// The members, parsing the text on first use.
    pub(crate) fn get(&self) -> &H {
        match self {
            LazyHeader::Parsed(header) => header,
            LazyHeader::Text(text, parsed) => parsed.get_or_init(|| parse_checked(text)),
        }
    }

    /// The members, parsing the text if it was never asked for.
    pub(crate) fn into_parsed(self) -> H {
        match self {
            LazyHeader::Parsed(header) => header,
            LazyHeader::Text(text, parsed) => {
                parsed.into_inner().unwrap_or_else(|| parse_checked(&text))
            }
        }
    }

    /// The same header as another type: a parsed one is converted, text stays text.
    pub(crate) fn convert<T: CheckedHeader>(self, into: impl FnOnce(H) -> T) -> LazyHeader<T> {
        match self {
            LazyHeader::Parsed(header) => LazyHeader::Parsed(into(header)),
            LazyHeader::Text(text, parsed) => match parsed.into_inner() {
                Some(header) => LazyHeader::Parsed(into(header)),
                None => LazyHeader::checked_text(text),
            },
        }
    }

    /// A top-level string member, read from the text without building the members when
    /// they were never asked for. A member of another JSON type counts as absent, as it
    /// does in the members.
    pub(crate) fn string_member(&self, name: &str) -> Option<Cow<'_, str>> {
        match self {
            LazyHeader::Text(text, parsed) if parsed.get().is_none() => {
                let mut de = serde_json::Deserializer::from_slice(text);
                StringMember { name }.deserialize(&mut de).ok().flatten()
            }
            _ => self.get().string_member(name).map(Cow::Borrowed),
        }
    }
}

impl<H: CheckedHeader + PartialEq> PartialEq for LazyHeader<H> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

/// Parses header text that passed the strict checks before verification. It cannot
/// fail; were it to, tests would stop on the assertion, and a build without assertions
/// would carry an empty header rather than a guessed one.
fn parse_checked<H: CheckedHeader>(text: &[u8]) -> H {
    let parsed = serde_json::from_slice(text);
    debug_assert!(parsed.is_ok(), "a checked header failed to parse");
    H::from_checked_map(parsed.unwrap_or_default())
}

/// Reads one top-level string member of an object, skipping the rest unread.
struct StringMember<'n> {
    name: &'n str,
}

impl<'de> DeserializeSeed<'de> for StringMember<'_> {
    type Value = Option<Cow<'de, str>>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for StringMember<'_> {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == self.name {
                found = map
                    .next_value::<serde_json::Value>()
                    .map(|value| match value {
                        serde_json::Value::String(s) => Some(Cow::Owned(s)),
                        _ => None,
                    })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Map, Value};

    type Members = Map<String, Value>;

    fn text(value: Value) -> LazyHeader<Members> {
        LazyHeader::checked_text(value.to_string().into_bytes())
    }

    #[test]
    fn text_is_parsed_once_on_first_use() {
        let header = text(json!({"alg": "HS256", "typ": "JWT"}));
        assert!(matches!(&header, LazyHeader::Text(_, parsed) if parsed.get().is_none()));
        assert_eq!(header.get()["typ"], "JWT");
        assert!(matches!(&header, LazyHeader::Text(_, parsed) if parsed.get().is_some()));
        assert_eq!(header.into_parsed()["alg"], "HS256");
    }

    #[test]
    fn string_members_are_read_from_text_or_members_alike() {
        let members = json!({"alg": "HS256", "typ": "at+jwt", "kid": 5, "x": {"typ": "no"}});
        let as_text = text(members.clone());
        let parsed = LazyHeader::Parsed(members.as_object().unwrap().clone());
        for header in [&as_text, &parsed] {
            assert_eq!(header.string_member("typ").as_deref(), Some("at+jwt"));
            assert_eq!(header.string_member("kid"), None, "a number is no string");
            assert_eq!(header.string_member("cty"), None);
        }
        assert_eq!(
            text(json!({"typ": "a\"b"})).string_member("typ").as_deref(),
            Some("a\"b")
        );
    }

    #[test]
    fn conversion_keeps_text_as_text() {
        let header = text(json!({"alg": "HS256"}));
        let converted: LazyHeader<Members> = header.convert(|m| m);
        assert!(matches!(converted, LazyHeader::Text(..)));
        let parsed = text(json!({"alg": "HS256"}));
        parsed.get();
        assert!(matches!(parsed.convert(|m| m), LazyHeader::Parsed(_)));
    }

    #[test]
    fn headers_compare_by_members() {
        let members = json!({"alg": "HS256", "typ": "JWT"});
        assert_eq!(
            text(members.clone()),
            LazyHeader::Parsed(members.as_object().unwrap().clone())
        );
        assert_ne!(text(members), text(json!({"alg": "HS256"})));
    }
}
