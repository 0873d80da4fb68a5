//! The claim rules, run on the typed values the application will receive: times
//! (`exp`, `nbf`, `iat`, max age), identity (`iss`, `sub`, `aud`), `typ`, required
//! claims, then the claim type's own checks and the verifier's custom rules.

use super::Verifier;
use crate::claims::{Claims, ClaimsScan, NumericDate, Registered};
use crate::error::{Error, ErrorKind, Result};
use crate::media_type::media_types_match;
use crate::token::Header;
use serde_json::Value;

impl<C: Claims> Verifier<C> {
    /// The `typ` header, when the verifier expects one.
    pub(super) fn check_typ(&self, header: &Header) -> Result<()> {
        let Some(expected) = &self.typ else {
            return Ok(());
        };
        let found = header.string_member("typ");
        match found.as_deref() {
            Some(found) if media_types_match(found, expected) => Ok(()),
            Some(found) => Err(Error::new(
                ErrorKind::TypMismatch,
                format!("expected typ {expected:?}, found {found:?}"),
            )),
            None => Err(Error::new(
                ErrorKind::TypMismatch,
                format!("expected typ {expected:?}, found none"),
            )),
        }
    }

    /// Every claim rule, on the typed value the application will receive.
    pub(super) fn validate(&self, claims: &C, scan: &ClaimsScan<'_>) -> Result<()> {
        let mut registered = claims.registered()?;
        scan.fill_missing(&mut registered);
        let now = self.clock.now();
        self.check_times(&registered, now)?;
        self.check_identity(&registered)?;
        if self.access_token {
            check_access_token(claims, &registered)?;
        }
        if !self.required_scopes.is_empty() {
            self.check_scopes(claims)?;
        }
        for (name, expected) in &self.required {
            let value = claims.claim_value(name).ok_or_else(|| {
                Error::claim(
                    ErrorKind::MissingClaim,
                    name,
                    format!("claim {name:?} is required"),
                )
            })?;
            if let Some(expected) = expected {
                if !json_equal(&value, expected) {
                    return Err(Error::claim(
                        ErrorKind::ClaimMismatch,
                        name,
                        format!("claim {name:?} must be {expected}, found {value}"),
                    ));
                }
            }
        }
        claims.check()?;
        self.rules.iter().try_for_each(|rule| rule(claims))
    }

    /// Every scope the verifier requires is a word of the `scope` claim.
    fn check_scopes(&self, claims: &C) -> Result<()> {
        let value = claims.claim_value("scope").ok_or_else(|| {
            Error::claim(
                ErrorKind::MissingClaim,
                "scope",
                "claim \"scope\" is required",
            )
        })?;
        let Value::String(scope) = value else {
            return Err(Error::claim(
                ErrorKind::InvalidClaim,
                "scope",
                "claim \"scope\" must be a string of space-separated scopes",
            ));
        };
        let scope = crate::claims::Scope::parse(scope)?;
        scope.require(self.required_scopes.iter().map(String::as_str))
    }

    fn check_times(&self, claims: &Registered<'_>, now: NumericDate) -> Result<()> {
        let leeway = self.leeway;
        match claims.exp {
            Some(exp) if now >= exp.saturating_add_seconds(leeway) => {
                return Err(Error::claim(
                    ErrorKind::Expired,
                    "exp",
                    format!("the token expired at {exp} (now {now}, leeway {leeway} s)"),
                ))
            }
            None if self.require_exp => {
                return Err(Error::claim(
                    ErrorKind::MissingClaim,
                    "exp",
                    "claim \"exp\" is required",
                ))
            }
            _ => {}
        }
        if let Some(nbf) = claims.nbf {
            if now < nbf.saturating_sub_seconds(leeway) {
                return Err(Error::claim(
                    ErrorKind::NotYetValid,
                    "nbf",
                    format!("the token is not valid before {nbf} (now {now}, leeway {leeway} s)"),
                ));
            }
        }
        if let Some(iat) = claims.iat {
            if iat > now.saturating_add_seconds(leeway) {
                return Err(Error::claim(
                    ErrorKind::IssuedInFuture,
                    "iat",
                    format!("the token was issued in the future, at {iat} (now {now}, leeway {leeway} s)"),
                ));
            }
        }
        if let Some(max_age) = self.max_age {
            let iat = claims.iat.ok_or_else(|| {
                Error::claim(
                    ErrorKind::MissingClaim,
                    "iat",
                    "claim \"iat\" is required when a maximum age is set",
                )
            })?;
            if now
                > iat
                    .saturating_add_seconds(max_age)
                    .saturating_add_seconds(leeway)
            {
                return Err(Error::claim(
                    ErrorKind::TokenTooOld,
                    "iat",
                    format!("the token was issued at {iat}, more than {max_age} s ago (now {now}, leeway {leeway} s)"),
                ));
            }
        }
        Ok(())
    }

    fn check_identity(&self, claims: &Registered<'_>) -> Result<()> {
        if !self.issuers.is_empty() {
            let iss = claims.iss.ok_or_else(|| {
                Error::claim(ErrorKind::MissingClaim, "iss", "claim \"iss\" is required")
            })?;
            if !self.issuers.iter().any(|i| i == iss) {
                return Err(Error::claim(
                    ErrorKind::ClaimMismatch,
                    "iss",
                    format!("issuer {iss:?} is not one of {:?}", self.issuers),
                ));
            }
        }
        if let Some(expected) = &self.subject {
            match claims.sub {
                None => {
                    return Err(Error::claim(
                        ErrorKind::MissingClaim,
                        "sub",
                        "claim \"sub\" is required",
                    ))
                }
                Some(sub) if sub != expected => {
                    return Err(Error::claim(
                        ErrorKind::ClaimMismatch,
                        "sub",
                        format!("expected subject {expected:?}, found {sub:?}"),
                    ))
                }
                Some(_) => {}
            }
        }
        match (&claims.aud, self.audiences.is_empty()) {
            (None, false) => Err(Error::claim(ErrorKind::MissingClaim, "aud", "claim \"aud\" is required")),
            (Some(aud), false) if !aud.contains_any(&self.audiences) => Err(Error::claim(
                ErrorKind::ClaimMismatch,
                "aud",
                format!("the token's audience does not include any of {:?}", self.audiences),
            )),
            (Some(_), true) if !self.any_audience => Err(Error::claim(
                ErrorKind::ClaimMismatch,
                "aud",
                "the token names an audience but this verifier expects none (RFC 7519 §4.1.3); configure .audience(...) or .any_audience()",
            )),
            _ => Ok(()),
        }
    }
}

/// The claims RFC 9068 §2.2 requires of an access token beyond `iss`, `exp` and `aud`
/// (which the verifier's settings already require). `client_id` is not a registered
/// claim: a claim type with the access-token profile holds it in a required field (the
/// derive checks that at compile time), any other is asked for its value.
fn check_access_token<C: Claims>(claims: &C, registered: &Registered<'_>) -> Result<()> {
    let missing = |name: &str| {
        Err(Error::claim(
            ErrorKind::MissingClaim,
            name,
            format!("claim {name:?} is required in an access token (RFC 9068 §2.2)"),
        ))
    };
    if registered.sub.is_none() {
        return missing("sub");
    }
    if registered.iat.is_none() {
        return missing("iat");
    }
    if registered.jti.is_none() {
        return missing("jti");
    }
    if !C::PROFILE.access_token {
        match claims.claim_value("client_id") {
            None => return missing("client_id"),
            Some(Value::String(_)) => {}
            Some(_) => {
                return Err(Error::claim(
                    ErrorKind::InvalidClaim,
                    "client_id",
                    "claim \"client_id\" must be a string",
                ))
            }
        }
    }
    Ok(())
}

/// A number's exact integer value, when it has one (`1`, `1.0`, `1e3`): compared
/// through `f64`, `9007199254740993` would equal `9007199254740992.0`.
fn exact_integer(n: &serde_json::Number) -> Option<i128> {
    if let Some(i) = n.as_i64() {
        return Some(i128::from(i));
    }
    if let Some(u) = n.as_u64() {
        return Some(i128::from(u));
    }
    let f = n.as_f64()?;
    // Floats from 2^127 on are integers too, but no i64/u64 can equal them.
    (f.fract() == 0.0 && f.abs() < 1.7e38).then_some(f as i128)
}

/// JSON equality for `require_value`, with numbers compared by value (`1` equals `1.0`).
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (exact_integer(x), exact_integer(y)) {
            (Some(x), Some(y)) => x == y,
            // An integer never equals a fraction; two fractions compare as floats.
            (None, None) => x.as_f64() == y.as_f64(),
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_values_compare_numbers_by_value() {
        use serde_json::json;
        assert!(json_equal(&json!(1), &json!(1.0)));
        assert!(json_equal(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!json_equal(&json!(1), &json!(2)));
        assert!(!json_equal(&json!(1), &json!("1")));
        assert!(!json_equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        assert!(json_equal(&json!(u64::MAX), &json!(u64::MAX)));
        // Beyond 2^53 an f64 cannot tell these apart; the integers can.
        assert!(!json_equal(
            &json!(9_007_199_254_740_993_u64),
            &json!(9_007_199_254_740_992.0)
        ));
        assert!(json_equal(
            &json!(9_007_199_254_740_992_u64),
            &json!(9_007_199_254_740_992.0)
        ));
        assert!(!json_equal(&json!(1), &json!(1.5)));
        assert!(json_equal(&json!(1.5), &json!(1.5)));
        assert!(!json_equal(&json!(u64::MAX), &json!(u64::MAX - 1)));
    }
}
