//! The words of the derive's attributes: the two attribute names and the keys each takes.
//! Parsers, checks and messages name a key through these constants, so a key is spelled
//! in one place.

use super::registered;

/// The container attribute.
pub(crate) const CLAIMS: &str = "claims";
/// The field attribute.
pub(crate) const CLAIM: &str = "claim";
/// serde's attribute, read for the settings that decide a field's JSON name.
pub(crate) const SERDE: &str = "serde";

/// Declares a constant for each key and the list of them, so a key cannot be missing
/// from the list that decides whether it is known.
macro_rules! keys {
    ($(#[$doc:meta])* $list:ident = [$($key:ident = $name:expr),* $(,)?]) => {
        $(pub(crate) const $key: &str = $name;)*
        $(#[$doc])*
        pub(crate) const $list: &[&str] = &[$($key),*];
    };
}

keys! {
    /// The keys of `#[claims(...)]`, in the order messages list them (documented in
    /// `jwt_core::derive_docs`). The settings that check one registered claim are named
    /// after it.
    CONTAINER_KEYS = [
        TYP = "typ", ISS = registered::ISS.name, AUD = registered::AUD.name,
        SUB = registered::SUB.name, LEEWAY = "leeway", MAX_AGE = "max_age",
        EXPIRES_IN = "expires_in", GENERATE = "generate", NO_EXP = "no_exp", PROFILE = "profile",
        CRATE = "crate",
    ]
}

keys! {
    /// The keys of `#[claim(...)]`: the rules a claim's value must pass, in the order
    /// messages list them.
    FIELD_KEYS = [
        EQ = "eq", ONE_OF = "one_of", CONTAINS = "contains", CONTAINS_ALL = "contains_all",
        RANGE = "range", LEN = "len", WITH = "with",
    ]
}

/// One of the derive's two attributes. Each knows the other, so a key written in the
/// wrong one can be pointed to where it belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attr {
    /// `#[claims(...)]`: the struct's profile settings.
    Claims,
    /// `#[claim(...)]`: a field's rules.
    Claim,
}

impl Attr {
    /// The attribute's name, as written.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Attr::Claims => CLAIMS,
            Attr::Claim => CLAIM,
        }
    }

    /// The keys it takes.
    pub(crate) fn keys(self) -> &'static [&'static str] {
        match self {
            Attr::Claims => CONTAINER_KEYS,
            Attr::Claim => FIELD_KEYS,
        }
    }

    /// Where it is written, for messages.
    pub(crate) fn place(self) -> &'static str {
        match self {
            Attr::Claims => "on the struct",
            Attr::Claim => "on the field",
        }
    }

    /// The other attribute.
    pub(crate) fn other(self) -> Attr {
        match self {
            Attr::Claims => Attr::Claim,
            Attr::Claim => Attr::Claims,
        }
    }
}

/// The named profiles `#[claims(profile = "...")]` takes: `"access_token"`, RFC 9068
/// JWT access tokens.
pub(crate) const ACCESS_TOKEN_PROFILE: &str = "access_token";
/// `profile = "id_token"`: OpenID Connect ID tokens.
pub(crate) const ID_TOKEN_PROFILE: &str = "id_token";
/// Every named profile, for messages and suggestions.
pub(crate) const PROFILES: &[&str] = &[ACCESS_TOKEN_PROFILE, ID_TOKEN_PROFILE];
