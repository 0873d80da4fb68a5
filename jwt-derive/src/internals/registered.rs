//! The registered claims (RFC 7519 §4.1) the derive knows, each with the kind of value it
//! holds. This is the one table of them: the type checks, the profile settings, issuing
//! and the generated `registered()` all read it.

/// What a registered claim holds; it decides the field types that can hold the claim and
/// the `__private` trait the expansion reads it through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClaimKind {
    /// A `NumericDate`: `exp`, `nbf`, `iat`.
    Date,
    /// A string: `iss`, `sub`, `jti`.
    Str,
    /// One or several audiences: `aud`.
    Audience,
}

/// A registered claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Claim {
    /// The JSON member name.
    pub name: &'static str,
    pub kind: ClaimKind,
    /// The field declaration that messages suggest when the struct lacks the claim.
    pub field: &'static str,
}

const fn claim(name: &'static str, kind: ClaimKind, field: &'static str) -> Claim {
    Claim { name, kind, field }
}

pub(crate) const ISS: Claim = claim("iss", ClaimKind::Str, "iss: String");
pub(crate) const SUB: Claim = claim("sub", ClaimKind::Str, "sub: String");
pub(crate) const AUD: Claim = claim("aud", ClaimKind::Audience, "aud: Audience");
pub(crate) const EXP: Claim = claim("exp", ClaimKind::Date, "exp: NumericDate");
pub(crate) const NBF: Claim = claim("nbf", ClaimKind::Date, "nbf: Option<NumericDate>");
pub(crate) const IAT: Claim = claim("iat", ClaimKind::Date, "iat: NumericDate");
pub(crate) const JTI: Claim = claim("jti", ClaimKind::Str, "jti: Option<String>");

/// Every registered claim, in the order `__private::registered` takes them as arguments.
pub(crate) const ALL: &[Claim] = &[ISS, SUB, AUD, EXP, NBF, IAT, JTI];

/// The claims issuing fills when the value is unset: the members of `__private::Defaults`.
pub(crate) const FILLED: &[Claim] = &[IAT, NBF, EXP, JTI];

/// The claims `generate = [...]` can name, in the order messages list them. `exp` is not
/// one: its value comes from `expires_in`, which says how far ahead it lies.
pub(crate) const GENERATED: &[Claim] = &[IAT, NBF, JTI];

/// The registered claim called `name`.
pub(crate) fn lookup(name: &str) -> Option<Claim> {
    ALL.iter().copied().find(|claim| claim.name == name)
}

/// The names of `claims`, for suggestions.
pub(crate) fn names(claims: &[Claim]) -> Vec<&'static str> {
    claims.iter().map(|claim| claim.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_entry_per_claim_and_every_subset_in_the_table() {
        assert_eq!(
            names(ALL),
            ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]
        );
        for claim in ALL {
            assert_eq!(lookup(claim.name), Some(*claim));
            assert!(claim.field.starts_with(&format!("{}: ", claim.name)));
        }
        assert_eq!(lookup("foo"), None);
        assert!(FILLED.iter().chain(GENERATED).all(|c| ALL.contains(c)));
        assert_eq!(lookup("aud").map(|c| c.kind), Some(ClaimKind::Audience));
    }
}
