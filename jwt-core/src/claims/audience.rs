//! [`Audience`]: the `aud` claim, one string or an array of strings (RFC 7519 §4.1.3).

use serde::{Deserialize, Serialize};

/// The `aud` claim. Kept in the form it came in, so it serializes back the same way.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    /// `"aud": "x"`.
    One(String),
    /// `"aud": ["x", "y"]`.
    Many(Vec<String>),
}

impl Audience {
    /// The audience values.
    pub fn values(&self) -> &[String] {
        match self {
            Audience::One(one) => std::slice::from_ref(one),
            Audience::Many(many) => many,
        }
    }

    /// Whether any value equals any of `expected` (exact, case-sensitive).
    pub fn contains_any<S: AsRef<str>>(&self, expected: &[S]) -> bool {
        self.values()
            .iter()
            .any(|v| expected.iter().any(|e| e.as_ref() == v))
    }

    /// Whether `value` is one of the audience values.
    pub fn contains(&self, value: &str) -> bool {
        self.values().iter().any(|v| v == value)
    }
}

impl From<&str> for Audience {
    fn from(one: &str) -> Self {
        Audience::One(one.to_owned())
    }
}

impl From<String> for Audience {
    fn from(one: String) -> Self {
        Audience::One(one)
    }
}

impl From<Vec<String>> for Audience {
    fn from(many: Vec<String>) -> Self {
        Audience::Many(many)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_its_form() {
        for json in [r#""a""#, r#"["a"]"#, r#"["a","b"]"#, "[]"] {
            let aud: Audience = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&aud).unwrap(), json);
        }
        for bad in ["1", "null", r#"[1]"#, r#"["a",null]"#, "{}"] {
            assert!(serde_json::from_str::<Audience>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn contains_any() {
        let aud: Audience = serde_json::from_str(r#"["a","b"]"#).unwrap();
        assert!(aud.contains_any(&["x", "b"]));
        assert!(!aud.contains_any(&["A"]));
        assert!(!Audience::Many(vec![]).contains_any(&["a"]));
        assert!(Audience::from("a").contains("a"));
    }
}
