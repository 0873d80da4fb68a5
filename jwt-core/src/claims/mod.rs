//! Claims: the [`Claims`] trait the JWT layer consumes (and `#[derive(Claims)]`
//! implements), the claim value types [`NumericDate`] and [`Audience`], the static
//! [`Profile`], and two ready implementations: [`RegisteredClaims`] and
//! `serde_json::Map<String, Value>` for dynamic claims.

mod access_token;
mod audience;
mod dynamic;
mod numeric_date;
mod parse;
mod profile;
mod registered;
mod scan;
mod scope;

pub use access_token::AccessTokenClaims;
pub use audience::Audience;
pub use dynamic::{parse_object, parse_value};
pub use numeric_date::NumericDate;
pub(crate) use parse::parse_verified;
pub use profile::Profile;
#[cfg(test)]
pub(crate) use registered::registered_member_type;
pub use registered::{AudienceRef, Registered, RegisteredClaims, REGISTERED_CLAIMS};
pub(crate) use scan::ClaimsScan;
pub use scope::Scope;

use crate::error::Result;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Values issuing may fill into unset registered claims (jwcrypto's `default_claims`).
/// `None` leaves that claim alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct IssueDefaults {
    /// `iat` to set when unset.
    pub iat: Option<NumericDate>,
    /// `nbf` to set when unset.
    pub nbf: Option<NumericDate>,
    /// `exp` to set when unset.
    pub exp: Option<NumericDate>,
    /// `jti` to set when unset.
    pub jti: Option<String>,
}

impl IssueDefaults {
    /// Whether there is nothing to fill.
    pub(crate) fn is_empty(&self) -> bool {
        self.iat.is_none() && self.nbf.is_none() && self.exp.is_none() && self.jti.is_none()
    }

    /// A fresh `jti`: 128 bits from the system random generator, base64url-encoded
    /// (the value [`Jwt::with_default_claims`](crate::Jwt::with_default_claims) sets).
    /// Public so that callers filling `jti` alone (the `jwt` command's `--jti`) need no
    /// random source of their own.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) when the system random
    /// generator fails.
    pub fn random_jti() -> Result<String> {
        let bytes = crate::crypto::rand::bytes(16).map_err(|_| {
            crate::Error::new(
                crate::ErrorKind::InvalidKey,
                "the system random generator failed",
            )
        })?;
        Ok(crate::base64url::encode(bytes))
    }
}

/// A claims set the JWT layer can issue and validate.
///
/// Implemented by `#[derive(Claims)]` (the usual way), by [`RegisteredClaims`], and by
/// `serde_json::Map<String, Value>`. The claims are parsed with serde straight from the
/// verified payload, and validation runs on the value the application receives.
pub trait Claims: Serialize + DeserializeOwned {
    /// The static validation profile. A [`Verifier`](crate::Verifier) starts from it.
    const PROFILE: Profile = Profile::DEFAULT;

    /// The registered claims, borrowed.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidClaim`](crate::ErrorKind::InvalidClaim) when a registered
    /// claim has the wrong type (possible only for dynamic claims).
    fn registered(&self) -> Result<Registered<'_>>;

    /// The type's own rules on its values (`#[claim(...)]` attributes). A failed rule
    /// is [`ErrorKind::ClaimMismatch`](crate::ErrorKind::ClaimMismatch) naming the claim.
    ///
    /// # Errors
    /// The first rule that fails.
    fn check(&self) -> Result<()> {
        Ok(())
    }

    /// Fills unset registered claims from `defaults` when issuing.
    ///
    /// # Errors
    /// When a value cannot be stored (a type that has no such claim ignores it instead).
    fn apply_defaults(&mut self, defaults: &IssueDefaults) -> Result<()>;

    /// The JSON value of the claim `name`, for runtime rules (`require`).
    fn claim_value(&self, name: &str) -> Option<serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut map)) => map.remove(name),
            _ => None,
        }
    }
}

/// Borrowed claims issue as the claims they borrow: `Jwt::borrowed(&claims)` signs an
/// application's claims set without taking or cloning it. The set is cloned only when
/// issuing has defaults to fill in (`generate`, `expires_in`, `with_default_claims`),
/// since those are written into the claims.
impl<C: Claims + Clone> Claims for std::borrow::Cow<'_, C> {
    const PROFILE: Profile = C::PROFILE;

    fn registered(&self) -> Result<Registered<'_>> {
        (**self).registered()
    }

    fn check(&self) -> Result<()> {
        (**self).check()
    }

    fn apply_defaults(&mut self, defaults: &IssueDefaults) -> Result<()> {
        if defaults.is_empty() {
            return Ok(());
        }
        self.to_mut().apply_defaults(defaults)
    }

    fn claim_value(&self, name: &str) -> Option<serde_json::Value> {
        (**self).claim_value(name)
    }
}

#[cfg(test)]
mod tests {
    use super::IssueDefaults;

    #[test]
    fn random_jti_is_128_fresh_bits() {
        let a = IssueDefaults::random_jti().unwrap();
        let b = IssueDefaults::random_jti().unwrap();
        assert_eq!(crate::base64url::decode(&a).unwrap().len(), 16);
        assert_ne!(a, b);
    }
}
