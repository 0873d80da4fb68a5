//! [`Authenticator`]: from an `Authorization` header to verified claims, and
//! [`Bearer`], what a handler receives.

use crate::error::{DpopChallenge, Error, ErrorKind, Result};
use crate::remote::RemoteJwks;
use jwt_core::dpop::{confirmation_thumbprint, normalize_http_uri, DpopRequest, DpopVerifier};
use jwt_core::{Claims, Jwt, Verifier};
use std::fmt;
use std::sync::Arc;

/// Verifies bearer tokens for a web backend: a [`Verifier`], the [`RemoteJwks`] it
/// reads when its keys are remote, and the `realm` of the challenges. Cheap to clone;
/// put one in the application state.
pub struct Authenticator<C> {
    // One reference count: extractors clone the authenticator out of the state on
    // every request.
    inner: Arc<Parts<C>>,
}

struct Parts<C> {
    verifier: Arc<Verifier<C>>,
    remote: Option<RemoteJwks>,
    realm: Option<Arc<str>>,
    dpop: Option<Arc<DpopRoute>>,
}

/// What a route that asks for DPoP (RFC 9449 §7) checks the proofs with.
struct DpopRoute {
    verifier: DpopVerifier,
    /// The server's own `scheme://host[:port]`, normalised: the `htu` of a proof is
    /// checked against it and the request's path, never against the `Host` header,
    /// which the client chooses.
    origin: String,
    nonce: Option<Arc<dyn Fn() -> String + Send + Sync>>,
    challenge: Arc<DpopChallenge>,
}

impl<C> Clone for Authenticator<C> {
    fn clone(&self) -> Self {
        Authenticator {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<C> fmt::Debug for Authenticator<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authenticator")
            .field("verifier", &self.inner.verifier)
            .field("remote", &self.inner.remote.as_ref().map(RemoteJwks::url))
            .field("realm", &self.inner.realm)
            .field("dpop", &self.inner.dpop.as_ref().map(|d| &d.origin))
            .finish()
    }
}

/// At most this many characters of a token's `kid` or `alg` reach the logs: they are
/// the client's text.
const LOGGED_HEADER_CHARS: usize = 64;

/// A client-supplied string shortened for the logs.
pub(crate) fn bounded(text: &str) -> &str {
    match text.char_indices().nth(LOGGED_HEADER_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

impl<C: Claims> Authenticator<C> {
    /// An authenticator on `verifier` (keys the application holds; for a remote set use
    /// [`RemoteJwks::authenticator`] or [`Discovery::authenticator`](crate::Discovery::authenticator)).
    pub fn new(verifier: Verifier<C>) -> Self {
        Authenticator {
            inner: Arc::new(Parts {
                verifier: Arc::new(verifier),
                remote: None,
                realm: None,
                dpop: None,
            }),
        }
    }

    /// The same authenticator with `change` applied (clones made before keep theirs).
    fn with(self, change: impl FnOnce(&mut Parts<C>)) -> Self {
        let mut parts = Parts {
            verifier: Arc::clone(&self.inner.verifier),
            remote: self.inner.remote.clone(),
            realm: self.inner.realm.clone(),
            dpop: self.inner.dpop.clone(),
        };
        change(&mut parts);
        Authenticator {
            inner: Arc::new(parts),
        }
    }

    /// The remote set the verifier's keys come from ([`RemoteJwks::keys`]): refreshed
    /// before verifying when due, and refetched once on an unknown `kid`.
    pub fn with_remote(self, remote: RemoteJwks) -> Self {
        self.with(|parts| parts.remote = Some(remote))
    }

    /// The `realm` of every `WWW-Authenticate` challenge.
    pub fn with_realm(self, realm: impl Into<String>) -> Self {
        let realm: Arc<str> = Arc::from(realm.into());
        self.with(|parts| parts.realm = Some(realm))
    }

    /// Asks for DPoP-bound access tokens (RFC 9449 §7): every request must carry
    /// `Authorization: DPoP <token>` and one `DPoP` header with a proof that `verifier`
    /// accepts for the request's method and `origin` plus its path, signed by the key
    /// the token's `cnf.jkt` names. `origin` is the server's public `scheme://host[:port]`
    /// (behind a proxy, the address clients use).
    ///
    /// # Errors
    /// [`ErrorKind::Config`] when `origin` is not an `http` or `https` origin.
    pub fn with_dpop(self, verifier: DpopVerifier, origin: &str) -> Result<Self> {
        let normalized = normalize_http_uri(origin).map_err(|e| Error::config(&e))?;
        let origin = match normalized.strip_suffix('/') {
            Some(origin) if !origin.ends_with("//") && origin.matches('/').count() == 2 => {
                origin.to_owned()
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!("the DPoP origin {origin:?} has a path: give scheme://host[:port]"),
                ))
            }
        };
        let algs = verifier
            .algorithms()
            .iter()
            .map(|alg| alg.name())
            .collect::<Vec<_>>()
            .join(" ");
        let route = DpopRoute {
            verifier,
            origin,
            nonce: None,
            challenge: Arc::new(DpopChallenge {
                algs: algs.into_boxed_str(),
                nonce: None,
            }),
        };
        Ok(self.with(|parts| parts.dpop = Some(Arc::new(route))))
    }

    /// With [`with_dpop`](Self::with_dpop): proofs must carry the nonce `nonce` gives
    /// (RFC 9449 §9), called once per request; a proof without it is answered 401
    /// `use_dpop_nonce` with the nonce in `DPoP-Nonce`. Without DPoP, it does nothing.
    pub fn with_dpop_nonce(self, nonce: impl Fn() -> String + Send + Sync + 'static) -> Self {
        let nonce: Arc<dyn Fn() -> String + Send + Sync> = Arc::new(nonce);
        self.with(|parts| {
            if let Some(route) = &parts.dpop {
                parts.dpop = Some(Arc::new(DpopRoute {
                    verifier: route.verifier.clone(),
                    origin: route.origin.clone(),
                    nonce: Some(nonce),
                    challenge: Arc::clone(&route.challenge),
                }));
            }
        })
    }

    /// Whether requests must use DPoP ([`with_dpop`](Self::with_dpop)).
    pub fn requires_dpop(&self) -> bool {
        self.inner.dpop.is_some()
    }

    /// The realm.
    pub fn realm(&self) -> Option<&str> {
        self.inner.realm.as_deref()
    }

    /// The verifier.
    pub fn verifier(&self) -> &Verifier<C> {
        &self.inner.verifier
    }

    /// The remote set, when the keys are remote (to [`RemoteJwks::refresh`] it at
    /// start-up, say).
    pub fn remote(&self) -> Option<&RemoteJwks> {
        self.inner.remote.as_ref()
    }

    /// Verifies `token` (the bare token, without `Bearer`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidToken`] with jwt-core's kind; [`ErrorKind::KeysUnavailable`].
    pub async fn verify(&self, token: &str) -> Result<Jwt<C>> {
        let Parts {
            verifier,
            remote,
            realm,
            dpop: _,
        } = &*self.inner;
        let verified = match remote {
            None => verifier.verify(token),
            Some(remote) => {
                remote
                    .ensure_fresh()
                    .await
                    .map_err(|e| e.with_realm(realm.clone()))?;
                let generation = remote.generation();
                match verifier.verify(token) {
                    Err(e) if e.kind() == jwt_core::ErrorKind::KeyNotFound => {
                        if remote.refetch_for_unknown_kid(generation).await {
                            verifier.verify(token)
                        } else {
                            Err(e)
                        }
                    }
                    verified => verified,
                }
            }
        };
        verified.map_err(|e| {
            log_refusal(token, &e);
            Error::token(&e).with_realm(realm.clone())
        })
    }

    /// Reads the bearer token from the values of every `Authorization` header of a
    /// request, and verifies it.
    ///
    /// # Errors
    /// As [`bearer_token`], then as [`Authenticator::verify`]; every error carries the realm.
    pub async fn authenticate<'h>(
        &self,
        authorization: impl IntoIterator<Item = &'h [u8]>,
    ) -> Result<Bearer<C>> {
        let token = bearer_token(authorization).map_err(|e| {
            tracing::debug!(
                error.kind = e.kind().as_str(),
                "no usable bearer credentials"
            );
            e.with_realm(self.inner.realm.clone())
        })?;
        let jwt = self.verify(token).await?;
        Ok(Bearer {
            jwt: Arc::new(jwt),
            realm: self.inner.realm.clone(),
        })
    }
}

impl<C: Claims> Authenticator<C> {
    /// Authenticates a request on a route that asks for DPoP ([`with_dpop`](Self::with_dpop)):
    /// the values of its `Authorization` and `DPoP` headers, its method and its path
    /// (and query, which the proof does not cover). Without DPoP configured, it is
    /// [`authenticate`](Self::authenticate).
    ///
    /// # Errors
    /// [`ErrorKind::MissingToken`] without `Authorization: DPoP`;
    /// [`ErrorKind::InvalidRequest`] for a malformed one; [`ErrorKind::InvalidToken`]
    /// for an access token refused, or not bound to a DPoP key (no `cnf.jkt`);
    /// [`ErrorKind::InvalidDpopProof`] for no `DPoP` header, several, or a proof
    /// refused; [`ErrorKind::UseDpopNonce`] for a proof without the server's nonce.
    /// Every challenge uses the `DPoP` scheme with the accepted `algs`.
    pub async fn authenticate_dpop<'h>(
        &self,
        authorization: impl IntoIterator<Item = &'h [u8]>,
        dpop: impl IntoIterator<Item = &'h [u8]>,
        method: &str,
        path_and_query: &str,
    ) -> Result<Bearer<C>> {
        let Some(route) = &self.inner.dpop else {
            return self.authenticate(authorization).await;
        };
        let realm = self.inner.realm.clone();
        let challenge = Arc::clone(&route.challenge);
        let refuse = |e: Error| {
            e.with_realm(realm.clone())
                .with_dpop(Arc::clone(&challenge))
        };
        let token = scheme_token(authorization, "dpop", "DPoP").map_err(refuse)?;
        let proof = single_proof(dpop).map_err(refuse)?;
        let jwt = self
            .verify(token)
            .await
            .map_err(|e| e.with_dpop(Arc::clone(&challenge)))?;
        let jkt = confirmation_thumbprint(jwt.claims()).map_err(|e| refuse(Error::token(&e)))?;
        let uri = format!("{}{}", route.origin, path_and_query);
        let nonce = route.nonce.as_ref().map(|nonce| nonce());
        let mut request = DpopRequest::new(method, &uri)
            .access_token(token)
            .bound_to(&jkt);
        if let Some(nonce) = &nonce {
            request = request.nonce(nonce);
        }
        if let Err(e) = route.verifier.verify(proof, request) {
            tracing::info!(
                error.kind = e.kind().as_str(),
                claim = e.claim_name(),
                "DPoP proof refused"
            );
            if let (Some(nonce), Some("nonce")) = (nonce, e.claim_name()) {
                let with_nonce = Arc::new(DpopChallenge {
                    algs: challenge.algs.clone(),
                    nonce: Some(nonce.into_boxed_str()),
                });
                return Err(Error::new(ErrorKind::UseDpopNonce, e.to_string())
                    .with_realm(realm)
                    .with_dpop(with_nonce));
            }
            return Err(refuse(Error::dpop_proof(&e)));
        }
        Ok(Bearer {
            jwt: Arc::new(jwt),
            realm,
        })
    }
}

/// The one `DPoP` header of a request (RFC 9449 §4.3 check 1): its value as text.
fn single_proof<'h>(values: impl IntoIterator<Item = &'h [u8]>) -> Result<&'h str> {
    let refuse = |message: &str| Error::new(ErrorKind::InvalidDpopProof, message);
    let mut values = values.into_iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(refuse("a DPoP request carries exactly one DPoP header"));
    };
    std::str::from_utf8(value).map_err(|_| refuse("the DPoP header is not text"))
}

/// One event per refused token: jwt-core's kind and the header's `alg` and `kid`
/// (bounded), never the token, a claim or a key.
fn log_refusal(token: &str, error: &jwt_core::Error) {
    let header = jwt_core::dangerous::peek_header(token).ok();
    let member = |name: &str| {
        header
            .as_ref()
            .and_then(|h| h.0.get(name))
            .and_then(|v| v.as_str())
            .map(|v| bounded(v).to_owned())
    };
    tracing::info!(
        error.kind = error.kind().as_str(),
        alg = member("alg").as_deref(),
        kid = member("kid").as_deref(),
        "bearer token refused"
    );
}

/// The bearer token of a request (RFC 6750 §2.1), from the values of all its
/// `Authorization` headers.
///
/// The scheme is case-insensitive; the token is the `b64token` of RFC 6750 (letters,
/// digits, `-._~+/`, then `=` padding), which every JWS and JWE compact form is.
///
/// # Errors
/// [`ErrorKind::MissingToken`] without an `Authorization` header or with another scheme;
/// [`ErrorKind::InvalidRequest`] for several headers, a value that is not text,
/// `Bearer` without a token, several tokens, or characters a token cannot have.
pub fn bearer_token<'h>(authorization: impl IntoIterator<Item = &'h [u8]>) -> Result<&'h str> {
    scheme_token(authorization, "bearer", "Bearer")
}

/// The token of an `Authorization` header of the scheme `lowercase` (`bearer`, `dpop`;
/// compared case-insensitively), with the token grammar of RFC 6750 (`token68` for
/// DPoP, RFC 9449 §7.1, is the same characters). `name` is the scheme for messages.
fn scheme_token<'h>(
    authorization: impl IntoIterator<Item = &'h [u8]>,
    lowercase: &str,
    name: &str,
) -> Result<&'h str> {
    let mut values = authorization.into_iter();
    let Some(value) = values.next() else {
        return Err(Error::new(
            ErrorKind::MissingToken,
            "no Authorization header",
        ));
    };
    if values.next().is_some() {
        return Err(invalid_request("several Authorization headers"));
    }
    let value = std::str::from_utf8(value)
        .map_err(|_| invalid_request("the Authorization header is not text"))?;
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case(lowercase) {
        return Err(Error::new(
            ErrorKind::MissingToken,
            "the Authorization header uses another scheme",
        ));
    }
    let token = rest.trim_start_matches(' ');
    if token.is_empty() {
        return Err(invalid_request(&format!("{name} without a token")));
    }
    if token.contains(' ') {
        return Err(invalid_request(&format!(
            "more than one token after {name}"
        )));
    }
    let body = token.trim_end_matches('=');
    if body.is_empty() || !body.bytes().all(|c| B64TOKEN[usize::from(c)]) {
        return Err(invalid_request(
            "the token has characters a bearer token cannot have",
        ));
    }
    Ok(token)
}

/// The characters of RFC 6750's `b64token` before its `=` padding, as a table: this
/// check runs over every token of every request.
const B64TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        table[i] =
            c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'+' | b'/');
        i += 1;
    }
    table
};

fn invalid_request(message: &str) -> Error {
    Error::new(ErrorKind::InvalidRequest, message)
}

/// The verified token of a request: what the extractors yield and the layer puts in
/// the request extensions. Derefs to the claims.
pub struct Bearer<C> {
    jwt: Arc<Jwt<C>>,
    realm: Option<Arc<str>>,
}

impl<C> Clone for Bearer<C> {
    fn clone(&self) -> Self {
        Bearer {
            jwt: Arc::clone(&self.jwt),
            realm: self.realm.clone(),
        }
    }
}

impl<C: fmt::Debug> fmt::Debug for Bearer<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Bearer").field(&self.jwt).finish()
    }
}

impl<C> std::ops::Deref for Bearer<C> {
    type Target = C;

    fn deref(&self) -> &C {
        self.jwt.claims()
    }
}

impl<C: Claims> Bearer<C> {
    /// The verified claims.
    pub fn claims(&self) -> &C {
        self.jwt.claims()
    }

    /// The verified token (claims and header).
    pub fn jwt(&self) -> &Jwt<C> {
        &self.jwt
    }

    /// Requires every scope of `scopes` ([`require_scopes`]), answering with the
    /// authenticator's realm.
    ///
    /// # Errors
    /// [`ErrorKind::InsufficientScope`].
    pub fn require_scopes(&self, scopes: &[&str]) -> Result<()> {
        require_scopes(self.claims(), scopes).map_err(|e| e.with_realm(self.realm.clone()))
    }
}

/// Requires the claims to grant every scope of `scopes`: the `scope` claim as
/// space-separated words (RFC 8693 §4.2, RFC 9068 §2.2.3), or the `scp` claim as an
/// array of strings (or one string of words), as some providers write it.
///
/// # Errors
/// [`ErrorKind::InsufficientScope`], whose challenge names `scopes`.
pub fn require_scopes<C: Claims>(claims: &C, scopes: &[&str]) -> Result<()> {
    let mut granted: Vec<String> = Vec::new();
    for name in ["scope", "scp"] {
        match claims.claim_value(name) {
            Some(serde_json::Value::String(words)) => {
                granted.extend(
                    words
                        .split(' ')
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned),
                );
            }
            Some(serde_json::Value::Array(items)) => granted.extend(
                items
                    .into_iter()
                    .filter_map(|item| item.as_str().map(str::to_owned)),
            ),
            _ => {}
        }
    }
    if scopes.iter().all(|s| granted.iter().any(|g| g == s)) {
        Ok(())
    } else {
        Err(Error::insufficient_scope(scopes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse<'a>(values: &[&'a [u8]]) -> Result<&'a str> {
        bearer_token(values.iter().copied())
    }

    #[test]
    fn bearer_tokens_per_rfc6750() {
        assert_eq!(
            parse(&[b"Bearer abc.def-_~+/.x=="]).unwrap(),
            "abc.def-_~+/.x=="
        );
        assert_eq!(parse(&[b"bEaReR   abc"]).unwrap(), "abc");
        for (values, kind) in [
            (&[][..], ErrorKind::MissingToken),
            (&[&b"Basic YWxpY2U6cHc="[..]], ErrorKind::MissingToken),
            (&[&b"Bearerabc"[..]], ErrorKind::MissingToken),
            (&[&b"Bearer"[..]], ErrorKind::InvalidRequest),
            (&[&b"Bearer "[..]], ErrorKind::InvalidRequest),
            (&[&b"Bearer a b"[..]], ErrorKind::InvalidRequest),
            (&[&b"Bearer a "[..]], ErrorKind::InvalidRequest),
            (
                &[&b"Bearer a"[..], &b"Bearer a"[..]],
                ErrorKind::InvalidRequest,
            ),
            (&[&b"Bearer \xff"[..]], ErrorKind::InvalidRequest),
            (&[&b"Bearer a\tb"[..]], ErrorKind::InvalidRequest),
            (&[&b"Bearer ==="[..]], ErrorKind::InvalidRequest),
            (&[&b"Bearer a=b"[..]], ErrorKind::InvalidRequest),
            (&[&b"Bearer a\"b"[..]], ErrorKind::InvalidRequest),
        ] {
            assert_eq!(parse(values).unwrap_err().kind(), kind, "{values:?}");
        }
    }

    #[test]
    fn logged_header_values_are_bounded() {
        assert_eq!(bounded("kid-1"), "kid-1");
        let long = "é".repeat(100);
        assert_eq!(bounded(&long).chars().count(), LOGGED_HEADER_CHARS);
    }

    #[test]
    fn challenges_quote_the_realm() {
        let error = Error::new(ErrorKind::MissingToken, "none")
            .with_realm(Some(Arc::from("a \"quoted\\\" realm\n")));
        assert_eq!(
            error.www_authenticate().unwrap(),
            r#"Bearer realm="a \"quoted\\\" realm""#
        );
        assert_eq!(
            Error::new(ErrorKind::MissingToken, "none")
                .www_authenticate()
                .unwrap(),
            "Bearer"
        );
        assert_eq!(
            Error::new(ErrorKind::KeysUnavailable, "down").www_authenticate(),
            None
        );
    }
}
