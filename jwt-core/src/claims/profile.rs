//! [`Profile`]: what a claim type expects of its tokens, fixed at compile time.

/// The static validation profile of a claim type: the expected `typ`, issuers,
/// audiences, time rules, and which claims issuing fills in. `#[derive(Claims)]`
/// builds it from the container attributes; a [`Verifier`](crate::Verifier) starts
/// from it and may only add to it or tighten it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Profile {
    /// The `typ` header a token must carry, and the one issuing sets (e.g. `"at+jwt"`).
    /// Compared case-insensitively, with an optional `application/` prefix.
    pub typ: Option<&'static str>,
    /// Accepted issuers (`iss`), exact match; empty means "any, unless the verifier says".
    pub issuers: &'static [&'static str],
    /// Accepted audiences (`aud`); the token must contain one of them.
    pub audiences: &'static [&'static str],
    /// The subject (`sub`) a token must have, exact match.
    pub subject: Option<&'static str>,
    /// Clock skew tolerated for `exp`, `nbf` and `iat`, in seconds (default 60).
    pub leeway: Option<u64>,
    /// Maximum age measured from `iat`, in seconds; makes `iat` required.
    pub max_age: Option<u64>,
    /// Lifetime given to tokens issued without an `exp`, in seconds.
    pub expires_in: Option<u64>,
    /// Whether `exp` is required (default true).
    pub require_exp: bool,
    /// Whether issuing sets `iat` to now when it is unset.
    pub issue_iat: bool,
    /// Whether issuing sets `nbf` to now when it is unset.
    pub issue_nbf: bool,
    /// Whether issuing sets a random 128-bit `jti` when it is unset.
    pub issue_jti: bool,
    /// Whether the type's tokens are OAuth 2.0 JWT access tokens (RFC 9068): `typ`
    /// `at+jwt`; `iss`, `exp`, `aud`, `sub`, `client_id`, `iat` and `jti` required; and a
    /// verifier must be told the issuer and audience it trusts (§4), or it fails to
    /// build. See [`VerifierBuilder::access_token`](crate::VerifierBuilder::access_token).
    pub access_token: bool,
}

impl Profile {
    /// The default profile: `exp` required, leeway 60 s, nothing else expected.
    pub const DEFAULT: Profile = Profile {
        typ: None,
        issuers: &[],
        audiences: &[],
        subject: None,
        leeway: None,
        max_age: None,
        expires_in: None,
        require_exp: true,
        issue_iat: false,
        issue_nbf: false,
        issue_jti: false,
        access_token: false,
    };

    /// The profile of RFC 9068 JWT access tokens, as [`AccessTokenClaims`](crate::AccessTokenClaims)
    /// and `#[claims(profile = "access_token")]` have it: `typ` `at+jwt`, `exp` required,
    /// and the access-token rules on.
    pub const ACCESS_TOKEN: Profile = Profile {
        typ: Some(Profile::ACCESS_TOKEN_TYP),
        access_token: true,
        ..Profile::DEFAULT
    };

    /// The `typ` of a JWT access token (RFC 9068 §2.1); `application/at+jwt` is the same
    /// media type.
    pub const ACCESS_TOKEN_TYP: &'static str = "at+jwt";

    /// The default leeway, in seconds, when neither the profile nor the verifier sets one.
    pub const DEFAULT_LEEWAY: u64 = 60;
}

impl Default for Profile {
    fn default() -> Self {
        Profile::DEFAULT
    }
}
