//! [`Verifier<C>`]: the one way from untrusted bytes to a [`Jwt<C>`].
//!
//! Order of work: size limit, shape (a token of the wrong shape is never processed),
//! decrypt and/or verify (allow-lists and key binding enforced below this layer), the
//! `typ` header, then the claims: parsed straight into `C` after a one-pass check of
//! duplicates and of registered-claim JSON types, and validated on those typed values.
//!
//! # Precedence of settings
//! The verifier starts from `C::PROFILE`. Issuers and audiences given at run time are
//! *added* to the profile's; required claims and rules are added; a run-time `typ` or
//! subject replaces the profile's. Leeway and max age set in the profile can only be
//! *lowered* at run time; when the profile leaves them unset, the run-time value is used
//! (leeway defaults to 60 s). `exp` is required unless the profile or the verifier
//! ([`VerifierBuilder::no_exp`]) says otherwise; `exp` and `nbf` are always checked
//! when present.
//!
//! # Access tokens (RFC 9068)
//! A claim type whose profile says `access_token` ([`AccessTokenClaims`](crate::AccessTokenClaims),
//! `#[claims(profile = "access_token")]`), or a builder told
//! [`access_token()`](VerifierBuilder::access_token), verifies JWT access tokens: `typ`
//! must be `at+jwt`, the verifier must name the issuer and audience it trusts (it fails
//! to build otherwise), and `iss`, `exp`, `aud`, `sub`, `client_id`, `iat` and `jti` are
//! required.

mod builder;
mod rules;
mod verify;

pub use builder::VerifierBuilder;

use crate::clock::Clock;
use crate::error::Result;
#[cfg(feature = "jwe")]
use crate::jwe::JweDecrypter;
use crate::jwk::{Jwk, JwkSet, LoadedKeys, SharedJwkSet};
use crate::jws::JwsVerifier;
use crate::key_source::KeySource;
use crate::limits::Limits;
use serde_json::Value;
use std::marker::PhantomData;
use std::sync::Arc;

/// The shape of token a verifier accepts. Any other shape is
/// [`TokenTypeMismatch`](crate::ErrorKind::TokenTypeMismatch), rejected before any crypto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TokenShape {
    /// A JWS whose payload is the claims (the default).
    #[default]
    Signed,
    /// A JWE whose plaintext is the claims (verifiers for it need the `jwe` feature).
    Encrypted,
    /// A JWE (`cty: "JWT"`) whose plaintext is a JWS whose payload is the claims
    /// (verifiers for it need the `jwe` feature).
    Nested,
    /// An unsecured JWT (RFC 7519 §6, `alg: "none"`): claims that nothing protects.
    /// Only [`dangerous::unsecured_verifier`](crate::dangerous::unsecured_verifier) accepts it.
    Unsecured,
}

/// Keys owned by a verifier: one key or a set.
#[derive(Debug, Clone)]
pub enum Keys {
    /// One key.
    Key(Jwk),
    /// A set, searched by `kid`.
    Set(JwkSet),
    /// A set that can be replaced while the verifier is in use (key rotation). Its
    /// keys change, so the allow-list does not come from them: name it with
    /// [`VerifierBuilder::algorithms`] (or `key_management` to decrypt).
    Shared(SharedJwkSet),
}

impl From<SharedJwkSet> for Keys {
    fn from(set: SharedJwkSet) -> Self {
        Keys::Shared(set)
    }
}

impl From<Jwk> for Keys {
    fn from(key: Jwk) -> Self {
        Keys::Key(key)
    }
}

impl From<JwkSet> for Keys {
    fn from(set: JwkSet) -> Self {
        Keys::Set(set)
    }
}

impl Keys {
    /// The keys for one verification (a shared set's snapshot lives as long as this).
    fn load(&self) -> LoadedKeys<'_> {
        match self {
            Keys::Key(key) => LoadedKeys::Borrowed(KeySource::Key(key)),
            Keys::Set(set) => LoadedKeys::Borrowed(KeySource::Set(set)),
            Keys::Shared(set) => LoadedKeys::Snapshot(set.load()),
        }
    }

    /// The keys, in order (none for a shared set, whose keys change).
    fn all(&self) -> &[Jwk] {
        match self {
            Keys::Key(key) => std::slice::from_ref(key),
            Keys::Set(set) => set.keys(),
            Keys::Shared(_) => &[],
        }
    }

    /// The `alg` members of the keys, in order (none for a shared set, whose keys change).
    fn algs(&self) -> Vec<&str> {
        match self {
            Keys::Key(key) => key.alg().into_iter().collect(),
            Keys::Set(set) => set.keys().iter().filter_map(Jwk::alg).collect(),
            Keys::Shared(_) => Vec::new(),
        }
    }
}

type Rule<C> = Arc<dyn Fn(&C) -> Result<()> + Send + Sync>;

/// Verifies and validates tokens into `Jwt<C>`. Build it once per service (it is
/// `Send + Sync`) and share it.
///
/// ```
/// # fn main() -> jwt_core::Result<()> {
/// use jwt_core::{Jwk, Jwt, RegisteredClaims, Verifier, NumericDate, FixedClock};
/// let key = Jwk::generate_for("HS256")?;
/// let claims = RegisteredClaims { iss: Some("me".into()), ..Default::default() };
/// let token = Jwt::new(claims).issued_at(NumericDate::from_seconds(1000)).with_default_claims(60).sign(&key)?;
/// let verifier = Verifier::<RegisteredClaims>::builder(key).issuer("me").clock(FixedClock::at(1010)).build()?;
/// let jwt = verifier.verify(&token)?;
/// assert_eq!(jwt.claims().iss.as_deref(), Some("me"));
/// # Ok(()) }
/// ```
pub struct Verifier<C> {
    shape: TokenShape,
    keys: Keys,
    #[cfg(feature = "jwe")]
    decryption_keys: Option<Keys>,
    jws: JwsVerifier,
    #[cfg(feature = "jwe")]
    jwe: JweDecrypter,
    typ: Option<String>,
    issuers: Vec<String>,
    audiences: Vec<String>,
    any_audience: bool,
    subject: Option<String>,
    required: Vec<(String, Option<Value>)>,
    leeway: u64,
    max_age: Option<u64>,
    require_exp: bool,
    access_token: bool,
    required_scopes: Vec<String>,
    limits: Limits,
    clock: Arc<dyn Clock>,
    rules: Vec<Rule<C>>,
    _claims: PhantomData<fn() -> C>,
}

impl<C> std::fmt::Debug for Verifier<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut f = f.debug_struct("Verifier");
        f.field("shape", &self.shape)
            .field("algorithms", &self.jws.allowed());
        #[cfg(feature = "jwe")]
        f.field("key_management", &self.jwe.allowed_algs())
            .field("encryption", &self.jwe.allowed_encs());
        f.field("typ", &self.typ)
            .field("issuers", &self.issuers)
            .field("audiences", &self.audiences)
            .field("any_audience", &self.any_audience)
            .field("subject", &self.subject)
            .field("leeway", &self.leeway)
            .field("max_age", &self.max_age)
            .field("require_exp", &self.require_exp)
            .field("access_token", &self.access_token)
            .field("required_scopes", &self.required_scopes)
            .field("rules", &self.rules.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::Jwt;

    #[test]
    fn verifiers_and_tokens_are_shared_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Verifier<crate::RegisteredClaims>>();
        send_sync::<Verifier<serde_json::Map<String, Value>>>();
        send_sync::<Jwt<crate::RegisteredClaims>>();
        send_sync::<Jwk>();
        send_sync::<JwkSet>();
        send_sync::<crate::jws::JwsVerifier>();
        #[cfg(feature = "jwe")]
        send_sync::<crate::jwe::JweDecrypter>();
    }
}
