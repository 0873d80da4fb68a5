//! [`VerifierBuilder`]: a verifier's settings, and their precedence over the claim
//! type's profile (see the module docs of `validate`).

use super::{Keys, Rule, TokenShape, Verifier};
use crate::claims::{Claims, Profile};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::SignatureAlgorithm;
#[cfg(feature = "jwe")]
use crate::jwa::{ContentEncryptionAlgorithm, KeyManagementAlgorithm};
#[cfg(feature = "jwe")]
use crate::jwe::JweDecrypter;
use crate::jwk::JwkSet;
use crate::jws::JwsVerifier;
use crate::limits::Limits;
use crate::media_type::media_types_match;
use serde_json::Value;
use std::marker::PhantomData;
use std::sync::Arc;

/// Configures a [`Verifier`]. Start with [`Verifier::builder`].
pub struct VerifierBuilder<C> {
    shape: TokenShape,
    keys: Keys,
    #[cfg(feature = "jwe")]
    decryption_keys: Option<Keys>,
    algorithms: Option<Vec<SignatureAlgorithm>>,
    #[cfg(feature = "jwe")]
    key_management: Option<Vec<KeyManagementAlgorithm>>,
    #[cfg(feature = "jwe")]
    encryption: Option<Vec<ContentEncryptionAlgorithm>>,
    typ: Option<String>,
    issuers: Vec<String>,
    audiences: Vec<String>,
    any_audience: bool,
    subject: Option<String>,
    required: Vec<(String, Option<Value>)>,
    leeway: Option<u64>,
    max_age: Option<u64>,
    require_exp: bool,
    access_token: bool,
    required_scopes: Vec<String>,
    limits: Limits,
    clock: Arc<dyn Clock>,
    rules: Vec<Rule<C>>,
}

impl<C: Claims> Verifier<C> {
    /// Starts configuring a verifier whose tokens are verified (signed), or decrypted
    /// (encrypted), with `keys`.
    pub fn builder(keys: impl Into<Keys>) -> VerifierBuilder<C> {
        let profile: Profile = C::PROFILE;
        VerifierBuilder {
            shape: TokenShape::Signed,
            keys: keys.into(),
            #[cfg(feature = "jwe")]
            decryption_keys: None,
            algorithms: None,
            #[cfg(feature = "jwe")]
            key_management: None,
            #[cfg(feature = "jwe")]
            encryption: None,
            typ: None,
            issuers: Vec::new(),
            audiences: Vec::new(),
            any_audience: false,
            subject: None,
            required: Vec::new(),
            leeway: None,
            max_age: None,
            require_exp: profile.require_exp,
            access_token: profile.access_token,
            required_scopes: Vec::new(),
            limits: Limits::default(),
            clock: Arc::new(SystemClock),
            rules: Vec::new(),
        }
    }
}

impl<C: Claims> Verifier<C> {
    /// Starts configuring a verifier for unsecured JWTs (RFC 7519 §6, `"alg": "none"`);
    /// public as [`crate::dangerous::unsecured_verifier`], so that every unverified read
    /// is reached through `dangerous`.
    pub(crate) fn unsecured_builder() -> VerifierBuilder<C> {
        let mut builder = Verifier::builder(JwkSet::new(Vec::new()));
        builder.shape = TokenShape::Unsecured;
        builder
    }
}

impl<C: Claims> VerifierBuilder<C> {
    #[cfg(feature = "jwe")]
    /// Accept encrypted tokens: a JWE whose plaintext is the claims, decrypted with the
    /// builder's keys.
    pub fn encrypted(mut self) -> Self {
        self.shape = TokenShape::Encrypted;
        self
    }

    #[cfg(feature = "jwe")]
    /// Accept nested tokens: a JWE (`cty: "JWT"`) decrypted with `decryption_keys`,
    /// holding a JWS verified with the builder's keys.
    pub fn nested(mut self, decryption_keys: impl Into<Keys>) -> Self {
        self.shape = TokenShape::Nested;
        self.decryption_keys = Some(decryption_keys.into());
        self
    }

    /// The allowed JWS algorithms (default: the keys' own `alg`).
    pub fn algorithms(mut self, algs: impl IntoIterator<Item = SignatureAlgorithm>) -> Self {
        self.algorithms = Some(algs.into_iter().collect());
        self
    }

    #[cfg(feature = "jwe")]
    /// The allowed JWE key-management algorithms (default: the decryption keys' own
    /// `alg`, never `RSA1_5` unless named here).
    pub fn key_management(
        mut self,
        algs: impl IntoIterator<Item = KeyManagementAlgorithm>,
    ) -> Self {
        self.key_management = Some(algs.into_iter().collect());
        self
    }

    #[cfg(feature = "jwe")]
    /// The allowed JWE content encryptions (default: all six registered ones).
    pub fn encryption(
        mut self,
        encs: impl IntoIterator<Item = ContentEncryptionAlgorithm>,
    ) -> Self {
        self.encryption = Some(encs.into_iter().collect());
        self
    }

    /// Adds an accepted issuer.
    pub fn issuer(mut self, iss: impl Into<String>) -> Self {
        self.issuers.push(iss.into());
        self
    }

    /// Adds an accepted audience.
    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.audiences.push(aud.into());
        self
    }

    /// Accepts a token's `aud` even when no audience is expected (off by default:
    /// RFC 7519 §4.1.3 says a token for an audience must be rejected by others).
    pub fn any_audience(mut self) -> Self {
        self.any_audience = true;
        self
    }

    /// Requires this exact `sub`.
    pub fn subject(mut self, sub: impl Into<String>) -> Self {
        self.subject = Some(sub.into());
        self
    }

    /// Requires this `typ` header (case-insensitive, `application/` prefix optional).
    pub fn typ(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// Requires the claim `name` to be present (jwcrypto `check_claims` with `None`).
    pub fn require(mut self, name: impl Into<String>) -> Self {
        self.required.push((name.into(), None));
        self
    }

    /// Requires the claim `name` to equal `value` exactly (jwcrypto `check_claims`).
    pub fn require_value(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.required.push((name.into(), Some(value.into())));
        self
    }

    /// Clock skew tolerated, in seconds. Can only lower a leeway the profile sets.
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = Some(seconds);
        self
    }

    /// Maximum token age from `iat`, in seconds (makes `iat` required). Can only lower
    /// a max age the profile sets.
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Accepts tokens without `exp` (when present it is still checked).
    pub fn no_exp(mut self) -> Self {
        self.require_exp = false;
        self
    }

    /// Verifies OAuth 2.0 JWT access tokens (RFC 9068), whatever the claim type: `typ`
    /// must be `at+jwt` (or `application/at+jwt`); `iss`, `exp`, `aud`, `sub`,
    /// `client_id`, `iat` and `jti` are required; and the verifier must be given the
    /// issuer ([`issuer`](Self::issuer)) and the audience ([`audience`](Self::audience),
    /// the resource server's own identifier) it accepts (RFC 9068 §4), or
    /// [`build`](Self::build) fails. A claim type with the access-token profile
    /// ([`AccessTokenClaims`](crate::AccessTokenClaims), `#[claims(profile = "access_token")]`)
    /// turns this on by itself.
    pub fn access_token(mut self) -> Self {
        self.access_token = true;
        self
    }

    /// Requires the space-separated `scope` claim (RFC 9068 §2.2.3, RFC 8693 §4.2) to
    /// contain the word `scope`, exactly (scopes are case-sensitive). Call it once per
    /// scope; every one is required.
    pub fn require_scope(mut self, scope: impl Into<String>) -> Self {
        self.required_scopes.push(scope.into());
        self
    }

    /// Replaces the limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Replaces the system clock.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Adds a rule run on the claims after every other check.
    pub fn rule(mut self, rule: impl Fn(&C) -> Result<()> + Send + Sync + 'static) -> Self {
        self.rules.push(Arc::new(rule));
        self
    }

    /// Finishes the verifier.
    ///
    /// # Errors
    /// [`ErrorKind::AlgNotAllowed`] when an allow-list would be empty (no algorithms
    /// given and the keys carry no usable `alg`): a verifier never accepts "anything".
    /// [`ErrorKind::KeyTypeMismatch`] when the keys that verify signatures mix secret
    /// (`oct`) and public keys: use one verifier for each. For access tokens
    /// ([`access_token`](Self::access_token)): [`ErrorKind::ClaimMismatch`] naming `iss`
    /// or `aud` when no issuer or audience is given, or `exp` with
    /// [`no_exp`](Self::no_exp); [`ErrorKind::TypMismatch`] when another `typ` is asked.
    pub fn build(self) -> Result<Verifier<C>> {
        let profile = C::PROFILE;
        let typ = self.typ.or_else(|| profile.typ.map(str::to_owned));
        let signing_keys_verify = matches!(self.shape, TokenShape::Signed | TokenShape::Nested);
        let algorithms = match self.algorithms {
            Some(list) => list,
            None if signing_keys_verify => parse_algs(&self.keys, SignatureAlgorithm::from_name),
            None => Vec::new(),
        };
        if signing_keys_verify {
            refuse_mixed_secrets(&self.keys, &algorithms)?;
        }
        if signing_keys_verify && algorithms.is_empty() {
            return Err(Error::new(
                ErrorKind::AlgNotAllowed,
                "no signature algorithm is allowed: name them with .algorithms(...) or give the keys an \"alg\"",
            ));
        }
        #[cfg(feature = "jwe")]
        let jwe = {
            let decrypting = match self.shape {
                TokenShape::Signed | TokenShape::Unsecured => None,
                TokenShape::Encrypted => Some(&self.keys),
                TokenShape::Nested => self.decryption_keys.as_ref(),
            };
            let key_management = match (self.key_management, decrypting) {
                (Some(list), _) => list,
                (None, Some(keys)) => parse_algs(keys, KeyManagementAlgorithm::from_name)
                    .into_iter()
                    .filter(|alg| *alg != KeyManagementAlgorithm::Rsa1_5)
                    .collect(),
                (None, None) => Vec::new(),
            };
            if decrypting.is_some() && key_management.is_empty() {
                return Err(Error::new(
                    ErrorKind::AlgNotAllowed,
                    "no key-management algorithm is allowed: name them with .key_management(...) or give the decryption keys an \"alg\"",
                ));
            }
            let encryption = self
                .encryption
                .unwrap_or_else(|| ContentEncryptionAlgorithm::ALL.to_vec());
            JweDecrypter::new(key_management, encryption).with_limits(self.limits)
        };
        let mut issuers: Vec<String> = profile.issuers.iter().map(|s| s.to_string()).collect();
        issuers.extend(self.issuers);
        let mut audiences: Vec<String> = profile.audiences.iter().map(|s| s.to_string()).collect();
        audiences.extend(self.audiences);
        let typ = if self.access_token {
            access_token_settings(typ, &issuers, &audiences, self.require_exp)?
        } else {
            typ
        };
        Ok(Verifier {
            shape: self.shape,
            jws: JwsVerifier::new(algorithms).with_limits(self.limits),
            #[cfg(feature = "jwe")]
            jwe,
            keys: self.keys,
            #[cfg(feature = "jwe")]
            decryption_keys: self.decryption_keys,
            typ,
            issuers,
            audiences,
            any_audience: self.any_audience,
            subject: self.subject.or_else(|| profile.subject.map(str::to_owned)),
            required: self.required,
            leeway: tighten(profile.leeway, self.leeway).unwrap_or(Profile::DEFAULT_LEEWAY),
            max_age: tighten(profile.max_age, self.max_age),
            require_exp: self.require_exp,
            access_token: self.access_token,
            required_scopes: self.required_scopes,
            limits: self.limits,
            clock: self.clock,
            rules: self.rules,
            _claims: PhantomData,
        })
    }
}

/// The keys that verify signatures are all secret (`oct`, HMAC) or all public: with both
/// in one set, a token's `alg` decides which kind of key it is checked with, the
/// confusion RFC 8725 §2.1 warns of. A service that takes both uses two verifiers.
fn refuse_mixed_secrets(keys: &Keys, algorithms: &[SignatureAlgorithm]) -> Result<()> {
    // A shared set's keys change after the build; its allow-list, fixed now, keeps the
    // kinds apart instead: a key only serves the algorithms of its type.
    if let Keys::Shared(_) = keys {
        let mac = algorithms.iter().any(|alg| alg.is_symmetric());
        if mac && algorithms.iter().any(|alg| !alg.is_symmetric()) {
            return Err(Error::new(
                ErrorKind::KeyTypeMismatch,
                "a shared key set's allow-list mixes HMAC with public-key algorithms: \
                 one verifier per kind (RFC 8725 §2.1)",
            ));
        }
        return Ok(());
    }
    let is_secret = |key: &&crate::jwk::Jwk| key.key_type() == crate::jwk::KeyType::Oct;
    let secret = keys.all().iter().find(is_secret);
    let public = keys.all().iter().find(|key| !is_secret(key));
    match (secret, public) {
        (Some(_), Some(public)) => Err(Error::new(
            ErrorKind::KeyTypeMismatch,
            format!(
                "the verifier's keys mix secret (oct) keys with public keys (a {} key): \
                 one verifier per kind, so that a token's alg cannot choose between them \
                 (RFC 8725 §2.1)",
                public.key_type()
            ),
        )),
        _ => Ok(()),
    }
}

/// What RFC 9068 §4 asks of a verifier of access tokens: the issuer and the audience it
/// trusts, and `exp`. Gives the `typ` to expect, `at+jwt` unless a spelling of it was set.
fn access_token_settings(
    typ: Option<String>,
    issuers: &[String],
    audiences: &[String],
    require_exp: bool,
) -> Result<Option<String>> {
    let refuse =
        |claim: &str, message: &str| Err(Error::claim(ErrorKind::ClaimMismatch, claim, message));
    if issuers.is_empty() {
        return refuse(
            "iss",
            "an access-token verifier must name the issuer it trusts (RFC 9068 §4): add .issuer(...)",
        );
    }
    if audiences.is_empty() {
        return refuse(
            "aud",
            "an access-token verifier must name its own audience (RFC 9068 §4): add .audience(...)",
        );
    }
    if !require_exp {
        return refuse(
            "exp",
            "access tokens always carry \"exp\" (RFC 9068 §2.2): no_exp does not apply",
        );
    }
    match typ {
        None => Ok(Some(Profile::ACCESS_TOKEN_TYP.to_owned())),
        Some(typ) if media_types_match(&typ, Profile::ACCESS_TOKEN_TYP) => Ok(Some(typ)),
        Some(typ) => Err(Error::new(
            ErrorKind::TypMismatch,
            format!("access tokens have typ \"at+jwt\" (RFC 9068 §4); the verifier was asked for {typ:?}"),
        )),
    }
}

/// A profile bound can only be lowered at run time; an unset one takes the run-time value.
fn tighten(profile: Option<u64>, runtime: Option<u64>) -> Option<u64> {
    match (profile, runtime) {
        (Some(p), Some(r)) => Some(p.min(r)),
        (p, r) => p.or(r),
    }
}

fn parse_algs<A>(keys: &Keys, parse: fn(&str) -> Result<A>) -> Vec<A> {
    keys.algs()
        .into_iter()
        .filter_map(|name| parse(name).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tighten_only_lowers_profile_values() {
        assert_eq!(tighten(Some(30), Some(60)), Some(30));
        assert_eq!(tighten(Some(30), Some(10)), Some(10));
        assert_eq!(tighten(None, Some(120)), Some(120));
        assert_eq!(tighten(Some(5), None), Some(5));
        assert_eq!(tighten(None, None), None);
    }
}
