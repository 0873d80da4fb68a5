//! The registered claims (RFC 7519 §4.1): a borrowed view any claim type can give, and
//! a ready-made owned struct.

use super::{Audience, Claims, IssueDefaults, NumericDate};
use crate::error::Result;
use crate::strict_json::MemberType;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The registered claims (RFC 7519 §4.1) and the JSON type each must have: the one
/// table of them in this crate (the scan, the checks and [`REGISTERED_CLAIMS`] read it).
const REGISTERED: [(&str, MemberType); 7] = [
    ("iss", MemberType::String),
    ("sub", MemberType::String),
    ("aud", MemberType::StringOrStrings),
    ("exp", MemberType::Number),
    ("nbf", MemberType::Number),
    ("iat", MemberType::Number),
    ("jti", MemberType::String),
];

/// The JSON names of the registered claims.
pub const REGISTERED_CLAIMS: [&str; 7] = {
    let mut names = [""; 7];
    let mut i = 0;
    while i < REGISTERED.len() {
        names[i] = REGISTERED[i].0;
        i += 1;
    }
    names
};

/// The JSON type a member of a claims set must have: a registered claim's own, any for
/// the others.
pub(crate) fn registered_member_type(name: &str) -> MemberType {
    REGISTERED
        .iter()
        .find(|(registered, _)| *registered == name)
        .map_or(MemberType::Any, |(_, member_type)| *member_type)
}

/// The `aud` claim as a borrowed view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudienceRef<'a> {
    /// One audience.
    One(&'a str),
    /// Several (possibly zero) audiences.
    Many(&'a [String]),
    /// Several audiences as JSON values, all strings (dynamic claims).
    Values(&'a [serde_json::Value]),
    /// Several audiences as read from the token text.
    Texts(&'a [std::borrow::Cow<'a, str>]),
}

impl AudienceRef<'_> {
    /// Whether any value equals any of `expected`.
    pub fn contains_any<S: AsRef<str>>(&self, expected: &[S]) -> bool {
        match self {
            AudienceRef::One(one) => expected.iter().any(|e| e.as_ref() == *one),
            AudienceRef::Many(many) => many
                .iter()
                .any(|m| expected.iter().any(|e| e.as_ref() == m)),
            AudienceRef::Texts(texts) => texts
                .iter()
                .any(|m| expected.iter().any(|e| e.as_ref() == m)),
            AudienceRef::Values(values) => values
                .iter()
                .filter_map(serde_json::Value::as_str)
                .any(|m| expected.iter().any(|e| e.as_ref() == m)),
        }
    }
}

impl<'a> From<&'a Audience> for AudienceRef<'a> {
    fn from(aud: &'a Audience) -> Self {
        match aud {
            Audience::One(one) => AudienceRef::One(one),
            Audience::Many(many) => AudienceRef::Many(many),
        }
    }
}

impl<'a> From<&'a String> for AudienceRef<'a> {
    fn from(one: &'a String) -> Self {
        AudienceRef::One(one)
    }
}

impl<'a> From<&'a Vec<String>> for AudienceRef<'a> {
    fn from(many: &'a Vec<String>) -> Self {
        AudienceRef::Many(many)
    }
}

/// The registered claims of a token, borrowed from the claim value the application
/// received: validation reads these, never a second parse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Registered<'a> {
    /// `iss`.
    pub iss: Option<&'a str>,
    /// `sub`.
    pub sub: Option<&'a str>,
    /// `aud`.
    pub aud: Option<AudienceRef<'a>>,
    /// `exp`.
    pub exp: Option<NumericDate>,
    /// `nbf`.
    pub nbf: Option<NumericDate>,
    /// `iat`.
    pub iat: Option<NumericDate>,
    /// `jti`.
    pub jti: Option<&'a str>,
}

/// The registered claims as an owned struct, plus any other claims in `extra`.
///
/// ```
/// use jwt_core::{RegisteredClaims, NumericDate};
/// let claims = RegisteredClaims {
///     sub: Some("alice".into()),
///     exp: Some(NumericDate::from_seconds(2_000_000_000)),
///     ..Default::default()
/// };
/// assert_eq!(serde_json::to_string(&claims).unwrap(), r#"{"sub":"alice","exp":2000000000}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisteredClaims {
    /// `iss`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    /// `sub`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    /// `aud`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<Audience>,
    /// `exp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp: Option<NumericDate>,
    /// `nbf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<NumericDate>,
    /// `iat`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<NumericDate>,
    /// `jti`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
    /// Every other claim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Claims for RegisteredClaims {
    fn registered(&self) -> Result<Registered<'_>> {
        Ok(Registered {
            iss: self.iss.as_deref(),
            sub: self.sub.as_deref(),
            aud: self.aud.as_ref().map(AudienceRef::from),
            exp: self.exp,
            nbf: self.nbf,
            iat: self.iat,
            jti: self.jti.as_deref(),
        })
    }

    fn apply_defaults(&mut self, defaults: &IssueDefaults) -> Result<()> {
        fill(&mut self.iat, defaults.iat);
        fill(&mut self.nbf, defaults.nbf);
        fill(&mut self.exp, defaults.exp);
        if self.jti.is_none() {
            self.jti.clone_from(&defaults.jti);
        }
        Ok(())
    }

    fn claim_value(&self, name: &str) -> Option<Value> {
        if REGISTERED_CLAIMS.contains(&name) {
            serde_json::to_value(self).ok()?.get(name).cloned()
        } else {
            self.extra.get(name).cloned()
        }
    }
}

fn fill(slot: &mut Option<NumericDate>, value: Option<NumericDate>) {
    if slot.is_none() {
        *slot = value;
    }
}
