//! [`Scope`]: the `scope` claim, space-separated scope tokens (RFC 6749 §3.3, RFC 8693
//! §4.2, RFC 9068 §2.2.3).

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Deserializer, Serialize};

/// The `scope` claim: scope tokens separated by single spaces. Each token is one or more
/// printable ASCII characters other than space, `"` and `\` (RFC 6749 §3.3); tokens are
/// case-sensitive. A claim of any other form is refused when the token is read, so a
/// check never has to guess where a word starts.
///
/// ```
/// use jwt_core::claims::Scope;
/// let scope = Scope::parse("orders:read orders:write".to_owned())?;
/// assert!(scope.contains("orders:read"));
/// assert!(!scope.contains("orders"));
/// scope.require(["orders:write"])?;
/// assert!(scope.require(["admin"]).is_err());
/// # Ok::<(), jwt_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Scope(String);

impl Scope {
    /// Checks and wraps a `scope` value.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidClaim`] naming `scope` for an empty value, an empty word
    /// (two spaces in a row, a leading or trailing space), or a character RFC 6749 §3.3
    /// does not allow in a scope token.
    pub fn parse(value: String) -> Result<Scope> {
        let valid_char = |c: char| {
            c == '\x21' || ('\x23'..='\x5b').contains(&c) || ('\x5d'..='\x7e').contains(&c)
        };
        if value
            .split(' ')
            .any(|word| word.is_empty() || !word.chars().all(valid_char))
        {
            return Err(Error::claim(
                ErrorKind::InvalidClaim,
                "scope",
                "claim \"scope\" must be scope tokens separated by single spaces (RFC 6749 §3.3)",
            ));
        }
        Ok(Scope(value))
    }

    /// The claim as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The scope tokens, in order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.0.split(' ')
    }

    /// Whether `word` is one of the scope tokens (exact, case-sensitive; never a part of
    /// a token).
    pub fn contains(&self, word: &str) -> bool {
        self.words().any(|w| w == word)
    }

    /// Requires every one of `words`.
    ///
    /// # Errors
    /// [`ErrorKind::ClaimMismatch`] naming `scope` and the first scope missing.
    pub fn require<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> Result<()> {
        match words.into_iter().find(|word| !self.contains(word)) {
            None => Ok(()),
            Some(missing) => Err(Error::claim(
                ErrorKind::ClaimMismatch,
                "scope",
                format!(
                    "the token's scope does not grant {missing:?} (it has {:?})",
                    self.0
                ),
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Scope::parse(value).map_err(|e| serde::de::Error::custom(e.message()))
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_whole_tokens_separated_by_single_spaces() {
        let scope = Scope::parse("a b:c".into()).unwrap();
        assert_eq!(scope.words().collect::<Vec<_>>(), ["a", "b:c"]);
        assert!(scope.contains("b:c") && !scope.contains("b") && !scope.contains("A"));
        for bad in ["", " a", "a ", "a  b", "a\tb", "a\"b", "a\\b", "é"] {
            let e = Scope::parse(bad.into()).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidClaim, "{bad:?}");
            assert_eq!(e.claim_name(), Some("scope"));
        }
        let e = scope.require(["a", "d"]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ClaimMismatch);
        assert!(e.message().contains("\"d\""));
        assert!(serde_json::from_str::<Scope>("\"a  b\"").is_err());
        assert_eq!(
            serde_json::from_str::<Scope>("\"a b\"").unwrap(),
            scope_of("a b")
        );
    }

    fn scope_of(s: &str) -> Scope {
        Scope::parse(s.into()).unwrap()
    }
}
