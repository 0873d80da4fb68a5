//! [`AccessTokenClaims`]: the claims of an OAuth 2.0 JWT access token (RFC 9068 §2.2).

use super::{Audience, Claims, IssueDefaults, NumericDate, Profile, Registered, Scope};
use crate::error::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The claims of an OAuth 2.0 JWT access token (RFC 9068 §2.2). The required claims are
/// plain fields, so a token without one does not parse (`missing_claim`), and the type's
/// [`Profile::ACCESS_TOKEN`] makes every [`Verifier`](crate::Verifier) of it check `typ`
/// `at+jwt` and insist on being given the issuer and the audience it trusts.
///
/// ```
/// # fn main() -> jwt_core::Result<()> {
/// use jwt_core::{AccessTokenClaims, FixedClock, Jwk, Verifier};
/// let key = Jwk::generate_for("ES256")?;
/// let verifier = Verifier::<AccessTokenClaims>::builder(key.public()?)
///     .issuer("https://as.example.com")
///     .audience("https://rs.example.com")
///     .require_scope("orders:read")
///     .clock(FixedClock::at(1_700_000_010))
///     .build()?;
/// # let claims: AccessTokenClaims = serde_json::from_str(r#"{"iss":"https://as.example.com",
/// #   "exp":1700000300,"aud":"https://rs.example.com","sub":"alice","client_id":"app",
/// #   "iat":1700000000,"jti":"j1","scope":"orders:read"}"#).unwrap();
/// # let token = jwt_core::Jwt::new(claims).sign(&key)?;
/// let jwt = verifier.verify(&token)?;
/// assert_eq!(jwt.claims().client_id, "app");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccessTokenClaims {
    /// `iss`: the authorization server.
    pub iss: String,
    /// `exp`.
    pub exp: NumericDate,
    /// `aud`: the resource server(s).
    pub aud: Audience,
    /// `sub`: the resource owner, or the client for a client-credentials grant.
    pub sub: String,
    /// `client_id`: the client the token was issued to (RFC 8693 §4.3).
    pub client_id: String,
    /// `iat`.
    pub iat: NumericDate,
    /// `jti`.
    pub jti: String,
    /// `nbf`, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<NumericDate>,
    /// `scope`: the scopes granted (§2.2.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// `auth_time`: when the user authenticated (§2.2.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_time: Option<NumericDate>,
    /// `acr`: the authentication context class (§2.2.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acr: Option<String>,
    /// `amr`: the authentication methods (§2.2.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amr: Option<Vec<String>>,
    /// Every other claim (`groups`, `roles`, `entitlements` of §2.2.3.1, `cnf`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AccessTokenClaims {
    /// An access token's claims, with no scope and no other claim.
    #[allow(clippy::too_many_arguments)] // the seven claims RFC 9068 requires
    pub fn new(
        iss: impl Into<String>,
        exp: NumericDate,
        aud: impl Into<Audience>,
        sub: impl Into<String>,
        client_id: impl Into<String>,
        iat: NumericDate,
        jti: impl Into<String>,
    ) -> Self {
        AccessTokenClaims {
            iss: iss.into(),
            exp,
            aud: aud.into(),
            sub: sub.into(),
            client_id: client_id.into(),
            iat,
            jti: jti.into(),
            nbf: None,
            scope: None,
            auth_time: None,
            acr: None,
            amr: None,
            extra: Map::new(),
        }
    }

    /// Whether the token grants `scope` (one word of the `scope` claim).
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scope.as_ref().is_some_and(|s| s.contains(scope))
    }
}

impl Claims for AccessTokenClaims {
    const PROFILE: Profile = Profile::ACCESS_TOKEN;

    fn registered(&self) -> Result<Registered<'_>> {
        Ok(Registered {
            iss: Some(&self.iss),
            sub: Some(&self.sub),
            aud: Some((&self.aud).into()),
            exp: Some(self.exp),
            nbf: self.nbf,
            iat: Some(self.iat),
            jti: Some(&self.jti),
        })
    }

    fn apply_defaults(&mut self, defaults: &IssueDefaults) -> Result<()> {
        if let (true, Some(iat)) = (self.iat.is_unset(), defaults.iat) {
            self.iat = iat;
        }
        if let (true, Some(exp)) = (self.exp.is_unset(), defaults.exp) {
            self.exp = exp;
        }
        if self.nbf.is_none() {
            self.nbf = defaults.nbf;
        }
        if let (true, Some(jti)) = (self.jti.is_empty(), &defaults.jti) {
            self.jti.clone_from(jti);
        }
        Ok(())
    }

    fn claim_value(&self, name: &str) -> Option<Value> {
        // The claims the verifier asks for by name, without serializing the whole set.
        match name {
            "client_id" => Some(Value::String(self.client_id.clone())),
            "scope" => self
                .scope
                .as_ref()
                .map(|s| Value::String(s.as_str().to_owned())),
            _ => match serde_json::to_value(self) {
                Ok(Value::Object(mut map)) => map.remove(name),
                _ => None,
            },
        }
    }
}
