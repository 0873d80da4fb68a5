//! The crate's one error type, [`Error`], its [`ErrorKind`], and how each error is
//! answered over HTTP (RFC 6750 §3).

use std::fmt;
use std::sync::Arc;

/// What went wrong, as a code a program can match on.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The request carries no bearer token (no `Authorization` header, or another
    /// scheme): 401 with a bare `WWW-Authenticate: Bearer` challenge (RFC 6750 §3.1).
    MissingToken,
    /// The `Authorization` header is malformed: several headers, `Bearer` without a
    /// token, two tokens, characters a token cannot have: 400 `invalid_request`.
    InvalidRequest,
    /// The token failed verification or validation ([`Error::token_kind`] says why):
    /// 401 `invalid_token`.
    InvalidToken,
    /// The token lacks a required scope: 403 `insufficient_scope`.
    InsufficientScope,
    /// No usable key set: none was fetched yet, or the last good one is older than the
    /// maximum stale age, and fetching failed. 503: the client's token may be fine.
    KeysUnavailable,
    /// A URL is neither `https` nor `http` on a loopback address, or does not parse.
    InsecureUrl,
    /// Connecting, sending or reading failed, or the timeout passed.
    Fetch,
    /// The server answered with a status other than 2xx (redirects have their own kind).
    Status,
    /// The server answered with a redirect, which is never followed.
    Redirect,
    /// A response body is larger than the configured limit.
    LimitExceeded,
    /// A response body is not a valid JWK Set or discovery document.
    InvalidDocument,
    /// The discovery document names another issuer than the one configured.
    IssuerMismatch,
    /// The verifier could not be built (a jwt-core error; see [`Error::token_kind`]) or a
    /// handler asked for an authenticator the application did not register.
    Config,
    /// On a route that asks for DPoP (RFC 9449 §7): the `DPoP` proof header is missing,
    /// repeated, or fails verification ([`Error::token_kind`] says why), or its key is
    /// not the one the access token is bound to: 401 `invalid_dpop_proof`.
    InvalidDpopProof,
    /// On a route that asks for DPoP with a server nonce (RFC 9449 §9): the proof lacks
    /// the current nonce, or has another: 401 `use_dpop_nonce`, with the nonce in the
    /// `DPoP-Nonce` header ([`Error::dpop_nonce`]).
    UseDpopNonce,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: [ErrorKind; 15] = [
        ErrorKind::MissingToken,
        ErrorKind::InvalidRequest,
        ErrorKind::InvalidToken,
        ErrorKind::InsufficientScope,
        ErrorKind::KeysUnavailable,
        ErrorKind::InsecureUrl,
        ErrorKind::Fetch,
        ErrorKind::Status,
        ErrorKind::Redirect,
        ErrorKind::LimitExceeded,
        ErrorKind::InvalidDocument,
        ErrorKind::IssuerMismatch,
        ErrorKind::Config,
        ErrorKind::InvalidDpopProof,
        ErrorKind::UseDpopNonce,
    ];

    /// The stable snake_case code (`"limit_exceeded"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::MissingToken => "missing_token",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::InvalidToken => "invalid_token",
            ErrorKind::InsufficientScope => "insufficient_scope",
            ErrorKind::KeysUnavailable => "keys_unavailable",
            ErrorKind::InsecureUrl => "insecure_url",
            ErrorKind::Fetch => "fetch",
            ErrorKind::Status => "status",
            ErrorKind::Redirect => "redirect",
            ErrorKind::LimitExceeded => "limit_exceeded",
            ErrorKind::InvalidDocument => "invalid_document",
            ErrorKind::IssuerMismatch => "issuer_mismatch",
            ErrorKind::Config => "config",
            ErrorKind::InvalidDpopProof => "invalid_dpop_proof",
            ErrorKind::UseDpopNonce => "use_dpop_nonce",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of every fallible operation in this crate, and the HTTP answer to a
/// request that is refused ([`Error::challenge`]).
///
/// The message ([`Display`](fmt::Display)) is for the server's logs: it may name URLs
/// and jwt-core's detail, which can quote the value of a refused claim (the issuer or
/// audience a token named), never a key or the token. This crate's own tracing events
/// log only the kind, `alg` and `kid`; log the message where claim values may go. What reaches the client is only [`Error::challenge`]: a
/// status, an RFC 6750 code and a fixed description per kind.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    token_kind: Option<jwt_core::ErrorKind>,
    message: Box<str>,
    /// The scopes a refused request lacked (`insufficient_scope`), space-separated.
    scope: Option<Box<str>>,
    realm: Option<Arc<str>>,
    /// The challenge's scheme and DPoP parameters, for a route that asks for DPoP.
    dpop: Option<Arc<DpopChallenge>>,
}

/// What a DPoP route's challenges carry (RFC 9449 §7.1, §9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DpopChallenge {
    /// The `algs` parameter: the proof algorithms accepted, space-separated.
    pub(crate) algs: Box<str>,
    /// The nonce to send in `DPoP-Nonce`, for `use_dpop_nonce`.
    pub(crate) nonce: Option<Box<str>>,
}

impl Error {
    /// An error of `kind` with a message for the logs.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            token_kind: None,
            message: message.into().into_boxed_str(),
            scope: None,
            realm: None,
            dpop: None,
        }
    }

    /// A token refused by jwt-core: [`ErrorKind::InvalidToken`].
    pub fn token(error: &jwt_core::Error) -> Error {
        Error {
            token_kind: Some(error.kind()),
            ..Error::new(ErrorKind::InvalidToken, error.to_string())
        }
    }

    /// A verifier that could not be built: [`ErrorKind::Config`].
    pub fn config(error: &jwt_core::Error) -> Error {
        Error {
            token_kind: Some(error.kind()),
            ..Error::new(ErrorKind::Config, error.to_string())
        }
    }

    /// Lacking `scopes`: [`ErrorKind::InsufficientScope`], with the scopes in the challenge.
    pub fn insufficient_scope(scopes: &[&str]) -> Error {
        let scope = scopes.join(" ");
        Error {
            scope: Some(scope.clone().into_boxed_str()),
            ..Error::new(
                ErrorKind::InsufficientScope,
                format!("the token lacks scope {scope:?}"),
            )
        }
    }

    /// A DPoP proof refused by jwt-core: [`ErrorKind::InvalidDpopProof`].
    pub fn dpop_proof(error: &jwt_core::Error) -> Error {
        Error {
            token_kind: Some(error.kind()),
            ..Error::new(ErrorKind::InvalidDpopProof, error.to_string())
        }
    }

    /// The same error, answered with a `DPoP` challenge (RFC 9449 §7.1).
    pub(crate) fn with_dpop(mut self, challenge: Arc<DpopChallenge>) -> Error {
        self.dpop = Some(challenge);
        self
    }

    /// The nonce to send in the `DPoP-Nonce` response header, for
    /// [`ErrorKind::UseDpopNonce`].
    pub fn dpop_nonce(&self) -> Option<&str> {
        match self.kind {
            ErrorKind::UseDpopNonce => self.dpop.as_ref().and_then(|d| d.nonce.as_deref()),
            _ => None,
        }
    }

    /// The same error, answered with `realm` in its challenge.
    pub fn with_realm(mut self, realm: Option<Arc<str>>) -> Error {
        self.realm = realm;
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// jwt-core's kind, for [`ErrorKind::InvalidToken`] and [`ErrorKind::Config`].
    pub fn token_kind(&self) -> Option<jwt_core::ErrorKind> {
        self.token_kind
    }

    /// The message for the logs.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP answer.
    pub fn challenge(&self) -> Challenge {
        match (self.kind, self.token_kind) {
            (ErrorKind::InvalidToken, Some(kind)) => token_challenge(kind),
            (kind, _) => web_challenge(kind),
        }
    }

    /// The `WWW-Authenticate` header value, when the answer has one (401, 400, 403).
    pub fn www_authenticate(&self) -> Option<String> {
        let challenge = self.challenge();
        if !matches!(challenge.status, 400 | 401 | 403) {
            return None;
        }
        let mut params = Vec::new();
        if let Some(realm) = &self.realm {
            params.push(format!("realm={}", quoted(realm)));
        }
        if let Some(error) = challenge.error {
            params.push(format!("error={}", quoted(error)));
            params.push(format!(
                "error_description={}",
                quoted(challenge.description)
            ));
        }
        if let Some(scope) = &self.scope {
            params.push(format!("scope={}", quoted(scope)));
        }
        let scheme = match &self.dpop {
            Some(dpop) => {
                params.push(format!("algs={}", quoted(&dpop.algs)));
                "DPoP"
            }
            None => "Bearer",
        };
        Some(if params.is_empty() {
            scheme.to_owned()
        } else {
            format!("{scheme} {}", params.join(", "))
        })
    }

    /// The JSON body: `{"error": ..., "error_description": ...}` (no `error` for a
    /// request without credentials, as RFC 6750 §3.1 asks of the challenge).
    pub fn body(&self) -> String {
        let challenge = self.challenge();
        let mut body = serde_json::Map::new();
        if let Some(error) = challenge.error {
            body.insert("error".into(), error.into());
        }
        body.insert("error_description".into(), challenge.description.into());
        serde_json::Value::Object(body).to_string()
    }
}

/// A quoted-string (RFC 9110 §5.6.4): `"` and `\` escaped, control characters dropped.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars().filter(|c| !c.is_control()) {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("token_kind", &self.token_kind)
            .field("message", &self.message)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for Error {}

/// How a refused request is answered: status, RFC 6750 error code, and a short fixed
/// description. Nothing in it comes from the token, the configuration or a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Challenge {
    /// The HTTP status.
    pub status: u16,
    /// The RFC 6750 code (`invalid_request`, `invalid_token`, `insufficient_scope`), or
    /// for a 5xx the RFC 6749 `temporarily_unavailable`/`server_error`; none for a
    /// request without credentials.
    pub error: Option<&'static str>,
    /// A fixed sentence per kind.
    pub description: &'static str,
}

/// The answer to a token that jwt-core refused with `kind`: always 401
/// `invalid_token` (RFC 6750 §3.1: expired, revoked, malformed, or invalid for other
/// reasons), with a description that names the reason class but no value.
pub const fn token_challenge(kind: jwt_core::ErrorKind) -> Challenge {
    use jwt_core::ErrorKind as K;
    let description = match kind {
        K::Malformed | K::DuplicateMember => "the token is malformed",
        K::InvalidHeader | K::UnknownCrit => "the token header is invalid",
        K::UnsupportedAlg | K::AlgNotAllowed => "the token algorithm is not accepted",
        K::KeyTypeMismatch | K::WeakKey | K::InvalidKey | K::UnsupportedKey | K::KeyNotFound => {
            "no accepted key verifies the token"
        }
        K::BadSignature => "the token signature is invalid",
        K::DecryptionFailed => "the token could not be decrypted",
        K::TokenTypeMismatch | K::TypMismatch => "the token is not of the accepted type",
        K::LimitExceeded => "the token is too large",
        K::Expired => "the token has expired",
        K::NotYetValid => "the token is not valid yet",
        K::IssuedInFuture => "the token was issued in the future",
        K::TokenTooOld => "the token is too old",
        K::MissingClaim => "the token lacks a required claim",
        K::InvalidClaim => "a token claim is invalid",
        K::ClaimMismatch => "a token claim is not accepted",
        // jwt-core's kinds are non-exhaustive: a kind added later is still a refusal.
        _ => "the token is invalid",
    };
    Challenge {
        status: 401,
        error: Some("invalid_token"),
        description,
    }
}

/// The answer for each of this crate's kinds ([`ErrorKind::InvalidToken`] without a
/// jwt-core kind gets the generic `invalid_token`). Failures to reach the key set are
/// the server's problem (503), not the client's: a 401 would make a client throw away
/// a good token.
pub const fn web_challenge(kind: ErrorKind) -> Challenge {
    let (status, error, description) = match kind {
        ErrorKind::MissingToken => (401, None, "a bearer token is required"),
        ErrorKind::InvalidRequest => (
            400,
            Some("invalid_request"),
            "the Authorization header is malformed",
        ),
        ErrorKind::InvalidToken => (401, Some("invalid_token"), "the token is invalid"),
        ErrorKind::InsufficientScope => (
            403,
            Some("insufficient_scope"),
            "the token lacks a required scope",
        ),
        ErrorKind::KeysUnavailable
        | ErrorKind::Fetch
        | ErrorKind::Status
        | ErrorKind::Redirect
        | ErrorKind::LimitExceeded
        | ErrorKind::InvalidDocument
        | ErrorKind::IssuerMismatch => (
            503,
            Some("temporarily_unavailable"),
            "the token cannot be checked now",
        ),
        ErrorKind::InsecureUrl | ErrorKind::Config => {
            (500, Some("server_error"), "the server is misconfigured")
        }
        ErrorKind::InvalidDpopProof => {
            (401, Some("invalid_dpop_proof"), "the DPoP proof is invalid")
        }
        ErrorKind::UseDpopNonce => (
            401,
            Some("use_dpop_nonce"),
            "the DPoP proof must carry the server's nonce",
        ),
    };
    Challenge {
        status,
        error,
        description,
    }
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
