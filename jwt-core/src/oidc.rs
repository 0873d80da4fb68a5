//! OpenID Connect ID tokens: [`IdTokenClaims`] and [`IdTokenVerifier`], which checks what
//! OpenID Connect Core 1.0 §3.1.3.7 (and §3.2.2.11, §3.3.2.12 for the implicit and
//! hybrid flows) asks of a relying party, on top of a [`Verifier`]'s signature and time
//! checks. The verifier takes any claim type: [`IdTokenClaims`], a map, or the
//! application's own struct, which `#[claims(profile = "id_token")]` checks at compile
//! time (the required claims in fields that are not optional, the others of the right
//! types; see the `derive_docs` chapter).
//!
//! | rule | where |
//! | --- | --- |
//! | `iss` exactly the issuer | the inner [`Verifier`] (`issuer`) |
//! | `aud` contains the client id; any other audience must be trusted | `aud` via the inner verifier, then [`IdTokenVerifierBuilder::trusted_audience`] |
//! | `azp` present when there are several audiences, and the client id when present | here (see below) |
//! | signature, `alg` allow-list, `exp`, `iat` required and not in the future | the inner verifier, `iat` here |
//! | `nonce` equal to the one sent | [`IdTokenContext::nonce`] |
//! | `auth_time` within `max_age` | [`IdTokenContext::max_age`] |
//! | `acr` one of the values requested | [`IdTokenContext::acr_values`] |
//! | `at_hash`, `c_hash` | [`IdTokenContext::access_token`], [`IdTokenContext::code`] |
//!
//! # `azp` with several audiences
//! Core 1.0 as published in 2014 (and with errata set 1), §3.1.3.7 rules 4 and 5: with
//! several audiences the client SHOULD verify that `azp` is present, and when present,
//! that it is its client id. Errata set 2 (2023) replaced rule 4 with a pointer to
//! extensions. This verifier keeps the stricter rule by default: a token meant for
//! several parties must say which of them it was issued to. A provider that leaves `azp`
//! out is accepted after [`IdTokenVerifierBuilder::allow_missing_azp`]; an `azp` that
//! is present must still be the client id.
//!
//! # The hash of `at_hash` and `c_hash`
//! Core §3.1.3.6 takes the hash of the `alg` of the ID token's header: SHA-256 for
//! `HS256`, `RS256`, `PS256`, `ES256`, `ES256K`, SHA-384 and SHA-512 for the `*384` and
//! `*512` algorithms. `EdDSA` names no hash; the OpenID Connect working group settled on
//! SHA-512 for Ed25519 keys (openid/connect issue #1125, 25 November 2019; recorded in
//! the "OpenID Connect Token Hash Algorithms 1.0" implementer's guide), and that is what
//! this module uses for `EdDSA` with an Ed25519 key and for the fully specified `Ed25519`.
//! For Ed448 the same discussion left the output length of SHAKE256 open, so a token hash
//! under Ed448 is refused with [`ErrorKind::UnsupportedAlg`] rather than guessed.

use crate::claims::{Audience, AudienceRef, Claims, IssueDefaults, NumericDate, Registered};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{Curve, HashAlgorithm, SignatureAlgorithm};
use crate::jwk::{Jwk, KeyType};
use crate::limits::Limits;
use crate::validate::{Keys, Verifier};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::sync::Arc;

/// The claims of an OpenID Connect ID token (Core 1.0 §2). The required claims (`iss`,
/// `sub`, `aud`, `exp`, `iat`) are plain fields; the others are optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdTokenClaims {
    /// `iss`: the OpenID provider.
    pub iss: String,
    /// `sub`: the end-user at the provider.
    pub sub: String,
    /// `aud`: the client ids the token is for.
    pub aud: Audience,
    /// `exp`.
    pub exp: NumericDate,
    /// `iat`.
    pub iat: NumericDate,
    /// `auth_time`: when the end-user authenticated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_time: Option<NumericDate>,
    /// `nonce`: the value the client sent in its authentication request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// `acr`: the authentication context class reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acr: Option<String>,
    /// `amr`: the authentication methods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amr: Option<Vec<String>>,
    /// `azp`: the authorized party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azp: Option<String>,
    /// `at_hash`: the hash of the access token issued with the ID token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_hash: Option<String>,
    /// `c_hash`: the hash of the authorization code issued with the ID token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c_hash: Option<String>,
    /// Every other claim (`name`, `email`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl IdTokenClaims {
    /// An ID token's required claims, with no other claim.
    pub fn new(
        iss: impl Into<String>,
        sub: impl Into<String>,
        aud: impl Into<Audience>,
        exp: NumericDate,
        iat: NumericDate,
    ) -> Self {
        IdTokenClaims {
            iss: iss.into(),
            sub: sub.into(),
            aud: aud.into(),
            exp,
            iat,
            auth_time: None,
            nonce: None,
            acr: None,
            amr: None,
            azp: None,
            at_hash: None,
            c_hash: None,
            extra: Map::new(),
        }
    }
}

impl Claims for IdTokenClaims {
    fn registered(&self) -> Result<Registered<'_>> {
        Ok(Registered {
            iss: Some(&self.iss),
            sub: Some(&self.sub),
            aud: Some((&self.aud).into()),
            exp: Some(self.exp),
            iat: Some(self.iat),
            ..Registered::default()
        })
    }

    fn apply_defaults(&mut self, defaults: &IssueDefaults) -> Result<()> {
        if let (true, Some(iat)) = (self.iat.is_unset(), defaults.iat) {
            self.iat = iat;
        }
        if let (true, Some(exp)) = (self.exp.is_unset(), defaults.exp) {
            self.exp = exp;
        }
        Ok(())
    }
}

/// The token hash of `value` as OpenID Connect Core §3.1.3.6 defines it (`at_hash` for an
/// access token, `c_hash` for a code): the base64url left-most half of its hash under
/// the hash that goes with `alg` (see the module docs), with `curve` the curve of the
/// signing key for `EdDSA`.
///
/// ```
/// use jwt_core::oidc::token_hash;
/// use jwt_core::SignatureAlgorithm;
/// // OpenID Connect Core 1.0, Appendix A.3.
/// let at_hash = token_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", SignatureAlgorithm::RS256, None)?;
/// assert_eq!(at_hash, "77QmUPtjPfzWtF2AnpK9RQ");
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::UnsupportedAlg`] where no hash is settled: `Ed448`, `EdDSA` on a curve
/// other than Ed25519 (or an unknown one), and ML-DSA.
pub fn token_hash(value: &str, alg: SignatureAlgorithm, curve: Option<Curve>) -> Result<String> {
    let hash = token_hash_algorithm(alg, curve)?;
    Ok(crate::base64url::encode(crate::crypto::digest::left_half(
        hash,
        value.as_bytes(),
    )))
}

fn token_hash_algorithm(alg: SignatureAlgorithm, curve: Option<Curve>) -> Result<HashAlgorithm> {
    let undefined = |what: &str, why: &str| {
        Err(Error::new(
            ErrorKind::UnsupportedAlg,
            format!(
                "no hash is defined for at_hash or c_hash under {what}: OpenID Connect Core \
                 §3.1.3.6 takes the hash of the alg, and {why}"
            ),
        ))
    };
    const EDDSA: &str = "EdDSA has one only for Ed25519 (SHA-512, openid/connect issue #1125)";
    use SignatureAlgorithm::*;
    // Every algorithm is named, with no catch-all: an algorithm added to the crate must
    // be given its token hash here (or refused) before it compiles.
    match (alg, curve) {
        (HS256 | RS256 | PS256 | ES256 | ES256K, _) => Ok(HashAlgorithm::Sha256),
        (HS384 | RS384 | PS384 | ES384, _) => Ok(HashAlgorithm::Sha384),
        (HS512 | RS512 | PS512 | ES512, _) => Ok(HashAlgorithm::Sha512),
        (Ed25519, _) | (EdDSA, Some(Curve::Ed25519)) => Ok(HashAlgorithm::Sha512),
        (Ed448, _) | (EdDSA, Some(Curve::Ed448)) => undefined(&format!("{alg} with Ed448"), EDDSA),
        (EdDSA, _) => undefined("EdDSA with a key whose curve is not known", EDDSA),
        (MlDsa44 | MlDsa65 | MlDsa87, _) => undefined(
            alg.name(),
            "no specification names one for ML-DSA (it hashes internally with SHAKE256)",
        ),
    }
}

/// What the relying party sent in its authentication request and received with the ID
/// token: each value set here turns on its check.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdTokenContext<'a> {
    nonce: Option<&'a str>,
    max_age: Option<u64>,
    acr_values: &'a [&'a str],
    access_token: Option<&'a str>,
    code: Option<&'a str>,
}

impl<'a> IdTokenContext<'a> {
    /// No request parameters: only the rules that always hold are checked.
    pub fn new() -> Self {
        IdTokenContext::default()
    }

    /// The `nonce` sent in the request: the token's `nonce` must be present and equal
    /// (Core §3.1.3.7 rule 11).
    pub fn nonce(mut self, nonce: &'a str) -> Self {
        self.nonce = Some(nonce);
        self
    }

    /// The `max_age` sent in the request, in seconds: `auth_time` must be present and no
    /// older than this, with the verifier's leeway (Core §3.1.3.7 rule 13).
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// The `acr_values` requested (or the `acr` claim requested as essential): `acr`
    /// must be present and one of them (Core §3.1.3.7 rule 12).
    pub fn acr_values(mut self, values: &'a [&'a str]) -> Self {
        self.acr_values = values;
        self
    }

    /// The access token received with the ID token (implicit and hybrid flows): `at_hash`
    /// must be present and match it (Core §3.2.2.9, §3.2.2.11, §3.3.2.11).
    pub fn access_token(mut self, access_token: &'a str) -> Self {
        self.access_token = Some(access_token);
        self
    }

    /// The authorization code received with the ID token (hybrid flow): `c_hash` must be
    /// present and match it (Core §3.3.2.11).
    pub fn code(mut self, code: &'a str) -> Self {
        self.code = Some(code);
        self
    }
}

/// A clock shared by the ID token verifier and its inner [`Verifier`].
#[derive(Debug, Clone)]
struct SharedClock(Arc<dyn Clock>);

impl Clock for SharedClock {
    fn now(&self) -> NumericDate {
        self.0.now()
    }
}

/// Configures an [`IdTokenVerifier`]. Start with [`IdTokenVerifier::builder`].
#[derive(Debug)]
pub struct IdTokenVerifierBuilder<C = IdTokenClaims> {
    keys: Keys,
    issuer: String,
    client_id: String,
    trusted_audiences: Vec<String>,
    algorithms: Option<Vec<SignatureAlgorithm>>,
    require_azp: bool,
    leeway: u64,
    limits: Limits,
    clock: Arc<dyn Clock>,
    _claims: std::marker::PhantomData<fn() -> C>,
}

/// Verifies OpenID Connect ID tokens for one client of one provider. Build it once and
/// share it; give each verification its [`IdTokenContext`].
///
/// ```
/// # fn main() -> jwt_core::Result<()> {
/// use jwt_core::oidc::{IdTokenClaims, IdTokenContext, IdTokenVerifier};
/// use jwt_core::{FixedClock, Jwk, Jwt, NumericDate};
/// let key = Jwk::generate_for("ES256")?;
/// let mut claims = IdTokenClaims::new("https://op.example.com", "alice", "client-1",
///     NumericDate::from_seconds(1_700_000_600), NumericDate::from_seconds(1_700_000_000));
/// claims.nonce = Some("n-0S6_WzA2Mj".into());
/// let token = Jwt::new(claims).sign(&key)?;
///
/// let verifier = IdTokenVerifier::<IdTokenClaims>::builder(key.public()?, "https://op.example.com", "client-1")
///     .clock(FixedClock::at(1_700_000_010))
///     .build()?;
/// let jwt = verifier.verify(&token, IdTokenContext::new().nonce("n-0S6_WzA2Mj"))?;
/// assert_eq!(jwt.claims().sub, "alice");
/// assert!(verifier.verify(&token, IdTokenContext::new().nonce("other")).is_err());
/// # Ok(()) }
/// ```
pub struct IdTokenVerifier<C = IdTokenClaims> {
    inner: Verifier<C>,
    keys: Keys,
    client_id: String,
    trusted_audiences: Vec<String>,
    require_azp: bool,
    leeway: u64,
    clock: Arc<dyn Clock>,
}

impl<C> std::fmt::Debug for IdTokenVerifier<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdTokenVerifier")
            .field("inner", &self.inner)
            .field("client_id", &self.client_id)
            .field("trusted_audiences", &self.trusted_audiences)
            .field("leeway", &self.leeway)
            .finish_non_exhaustive()
    }
}

impl<C: Claims> IdTokenVerifier<C> {
    /// Starts configuring a verifier of the ID tokens `issuer` issues to `client_id`,
    /// signed by `keys` (the provider's JWK Set, usually).
    pub fn builder(
        keys: impl Into<Keys>,
        issuer: impl Into<String>,
        client_id: impl Into<String>,
    ) -> IdTokenVerifierBuilder<C> {
        IdTokenVerifierBuilder {
            keys: keys.into(),
            issuer: issuer.into(),
            client_id: client_id.into(),
            trusted_audiences: Vec::new(),
            algorithms: None,
            require_azp: true,
            leeway: crate::claims::Profile::DEFAULT_LEEWAY,
            limits: Limits::default(),
            clock: Arc::new(SystemClock),
            _claims: std::marker::PhantomData,
        }
    }
}

impl<C: Claims> IdTokenVerifierBuilder<C> {
    /// The allowed signature algorithms (default: the keys' own `alg`).
    pub fn algorithms(mut self, algs: impl IntoIterator<Item = SignatureAlgorithm>) -> Self {
        self.algorithms = Some(algs.into_iter().collect());
        self
    }

    /// An audience the client trusts besides itself: a token whose `aud` names any
    /// audience that is neither the client id nor trusted is refused (Core §3.1.3.7
    /// rule 3).
    pub fn trusted_audience(mut self, audience: impl Into<String>) -> Self {
        self.trusted_audiences.push(audience.into());
        self
    }

    /// Accepts a token with several audiences and no `azp` (OpenID Connect Core errata
    /// set 2; see the module docs). An `azp` that is present must still be the client id.
    pub fn allow_missing_azp(mut self) -> Self {
        self.require_azp = false;
        self
    }

    /// Clock skew tolerated for `exp`, `iat` and `auth_time`, in seconds (default 60).
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
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

    /// Finishes the verifier.
    ///
    /// # Errors
    /// As [`VerifierBuilder::build`](crate::VerifierBuilder::build).
    pub fn build(self) -> Result<IdTokenVerifier<C>> {
        let mut inner = Verifier::<C>::builder(self.keys.clone())
            .issuer(self.issuer)
            .audience(self.client_id.clone())
            .leeway(self.leeway)
            .limits(self.limits)
            .clock(SharedClock(Arc::clone(&self.clock)));
        if let Some(algorithms) = self.algorithms {
            inner = inner.algorithms(algorithms);
        }
        Ok(IdTokenVerifier {
            inner: inner.build()?,
            keys: self.keys,
            client_id: self.client_id,
            trusted_audiences: self.trusted_audiences,
            require_azp: self.require_azp,
            leeway: self.leeway,
            clock: self.clock,
        })
    }
}

impl<C: Claims> IdTokenVerifier<C> {
    /// Verifies an ID token: its signature, `iss`, `aud`, `exp` and `iat` through the
    /// inner [`Verifier`], then the OpenID Connect rules, with `context` saying what the
    /// client sent and received. The claims are read only after the signature verified.
    ///
    /// # Errors
    /// Any error of [`Verifier::verify`]; then [`ErrorKind::MissingClaim`] naming `iat`,
    /// `sub`, `azp`, `nonce`, `auth_time`, `acr`, `at_hash` or `c_hash` when a rule needs
    /// it; [`ErrorKind::ClaimMismatch`] naming `aud` (an untrusted audience), `azp`,
    /// `nonce`, `acr`, `at_hash` or `c_hash`; [`ErrorKind::TokenTooOld`] naming
    /// `auth_time`; [`ErrorKind::UnsupportedAlg`] for a token hash under an algorithm
    /// that defines none.
    pub fn verify(&self, token: &str, context: IdTokenContext<'_>) -> Result<crate::Jwt<C>> {
        let jwt = self.inner.verify(token)?;
        let registered = jwt.claims().registered()?;
        let missing = |name: &str| {
            Error::claim(
                ErrorKind::MissingClaim,
                name,
                format!("claim {name:?} is required"),
            )
        };
        let mismatch =
            |name: &str, message: String| Error::claim(ErrorKind::ClaimMismatch, name, message);
        if registered.iat.is_none() {
            return Err(missing("iat"));
        }
        if registered.sub.is_none() {
            return Err(missing("sub"));
        }
        let audiences = audience_values(registered.aud);
        if let Some(untrusted) = audiences.iter().find(|aud| {
            **aud != self.client_id && !self.trusted_audiences.iter().any(|t| t == *aud)
        }) {
            return Err(mismatch(
                "aud",
                format!(
                    "the token is also for {untrusted:?}, an audience this client does not trust"
                ),
            ));
        }
        let claims = match serde_json::to_value(jwt.claims()) {
            Ok(Value::Object(map)) => map,
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidClaim,
                    "the ID token's claims do not serialize to a JSON object",
                ))
            }
        };
        let string_claim = |name: &str| -> Result<Option<&str>> {
            match claims.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.as_str())),
                Some(_) => Err(Error::claim(
                    ErrorKind::InvalidClaim,
                    name,
                    format!("claim {name:?} must be a string"),
                )),
            }
        };
        match string_claim("azp")? {
            None if self.require_azp && audiences.len() > 1 => {
                return Err(Error::claim(
                    ErrorKind::MissingClaim,
                    "azp",
                    "claim \"azp\" is required when the token has several audiences",
                ))
            }
            Some(azp) if azp != self.client_id => {
                return Err(mismatch(
                    "azp",
                    format!("the authorized party is {azp:?}, not this client"),
                ))
            }
            _ => {}
        }
        if let Some(sent) = context.nonce {
            match string_claim("nonce")? {
                None => return Err(missing("nonce")),
                Some(nonce) if nonce != sent => {
                    return Err(mismatch(
                        "nonce",
                        "the token's nonce is not the one sent in the request".to_owned(),
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(max_age) = context.max_age {
            let auth_time = match claims.get("auth_time") {
                None | Some(Value::Null) => return Err(missing("auth_time")),
                Some(value) => NumericDate::deserialize(value).map_err(|_| {
                    Error::claim(
                        ErrorKind::InvalidClaim,
                        "auth_time",
                        "claim \"auth_time\" must be a NumericDate",
                    )
                })?,
            };
            let now = self.clock.now();
            let limit = auth_time
                .saturating_add_seconds(max_age)
                .saturating_add_seconds(self.leeway);
            if now > limit {
                return Err(Error::claim(
                    ErrorKind::TokenTooOld,
                    "auth_time",
                    format!("the end-user authenticated at {auth_time}, more than max_age {max_age} s ago (now {now}, leeway {} s)", self.leeway),
                ));
            }
        }
        if !context.acr_values.is_empty() {
            match string_claim("acr")? {
                None => return Err(missing("acr")),
                Some(acr) if !context.acr_values.contains(&acr) => {
                    return Err(mismatch(
                        "acr",
                        format!(
                            "acr {acr:?} is not one of those requested, {:?}",
                            context.acr_values
                        ),
                    ))
                }
                Some(_) => {}
            }
        }
        for (name, value) in [("at_hash", context.access_token), ("c_hash", context.code)] {
            let Some(value) = value else { continue };
            let found = string_claim(name)?.ok_or_else(|| missing(name))?;
            let expected = self.token_hash(&jwt, value)?;
            if !crate::crypto::digest::constant_time_eq(found.as_bytes(), expected.as_bytes()) {
                return Err(mismatch(
                    name,
                    format!("claim {name:?} does not match the value received with the token"),
                ));
            }
        }
        Ok(jwt)
    }

    /// The token hash of `value` for this verified token: its `alg`, and for `EdDSA` the
    /// curve of the key that can have verified it.
    fn token_hash(&self, jwt: &crate::Jwt<C>, value: &str) -> Result<String> {
        let header = jwt.header();
        let alg_name = header
            .get("alg")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let alg = SignatureAlgorithm::from_name(alg_name)?;
        let curve = if alg == SignatureAlgorithm::EdDSA {
            let kid = header.get("kid").and_then(Value::as_str);
            self.eddsa_curve(kid)
        } else {
            None
        };
        token_hash(value, alg, curve)
    }

    /// The curve of the Edwards keys that can have verified a token with this `kid`
    /// (every Edwards key without one), when they all have the same.
    fn eddsa_curve(&self, kid: Option<&str>) -> Option<Curve> {
        let snapshot;
        let keys: &[Jwk] = match &self.keys {
            Keys::Key(key) => std::slice::from_ref(key),
            Keys::Set(set) => set.keys(),
            Keys::Shared(shared) => {
                snapshot = shared.snapshot();
                snapshot.keys()
            }
        };
        let mut curves = keys
            .iter()
            .filter(|key| key.key_type() == KeyType::Okp)
            .filter(|key| kid.is_none() || key.kid() == kid)
            .filter_map(Jwk::curve);
        let first = curves.next()?;
        curves.all(|curve| curve == first).then_some(first)
    }
}

/// The values of an `aud` claim.
fn audience_values<'a>(aud: Option<AudienceRef<'a>>) -> Vec<&'a str> {
    match aud {
        None => Vec::new(),
        Some(AudienceRef::One(one)) => vec![one],
        Some(AudienceRef::Many(many)) => many.iter().map(String::as_str).collect(),
        Some(AudienceRef::Texts(texts)) => texts.iter().map(|t| t.as_ref()).collect(),
        Some(AudienceRef::Values(values)) => values.iter().filter_map(Value::as_str).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_alg_and_the_curve_for_eddsa() {
        use SignatureAlgorithm::*;
        for (alg, hash) in [
            (HS256, HashAlgorithm::Sha256),
            (RS256, HashAlgorithm::Sha256),
            (ES256K, HashAlgorithm::Sha256),
            (PS384, HashAlgorithm::Sha384),
            (ES512, HashAlgorithm::Sha512),
            (Ed25519, HashAlgorithm::Sha512),
        ] {
            assert_eq!(token_hash_algorithm(alg, None).unwrap(), hash, "{alg}");
        }
        assert_eq!(
            token_hash_algorithm(EdDSA, Some(Curve::Ed25519)).unwrap(),
            HashAlgorithm::Sha512
        );
        // Outside the Edwards algorithms and ML-DSA (which has none), the hash is the
        // one the alg names.
        for alg in SignatureAlgorithm::ALL.iter().copied() {
            if alg.name().starts_with("ML-DSA") {
                let e = token_hash_algorithm(alg, None).unwrap_err();
                assert_eq!(e.kind(), ErrorKind::UnsupportedAlg, "{alg}");
            } else if !matches!(alg, EdDSA | Ed25519 | Ed448) {
                assert_eq!(
                    token_hash_algorithm(alg, None).unwrap(),
                    alg.hash(),
                    "{alg}"
                );
            }
        }
        for (alg, curve) in [(EdDSA, None), (EdDSA, Some(Curve::Ed448)), (Ed448, None)] {
            let e = token_hash_algorithm(alg, curve).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::UnsupportedAlg, "{alg} {curve:?}");
        }
    }
}
