//! axum: the [`Bearer`] extractor (and `Option<Bearer>`), the [`BearerLayer`], and
//! [`Error`] as a response.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use axum::{extract::FromRef, routing::get, Router};
//! use jwt_core::RegisteredClaims;
//! use jwt_web::{Authenticator, Bearer, Discovery};
//!
//! #[derive(Clone)]
//! struct AppState {
//!     auth: Authenticator<RegisteredClaims>,
//! }
//!
//! // The extractor finds the authenticator in the state through FromRef.
//! impl FromRef<AppState> for Authenticator<RegisteredClaims> {
//!     fn from_ref(state: &AppState) -> Self {
//!         state.auth.clone()
//!     }
//! }
//!
//! async fn me(user: Bearer<RegisteredClaims>) -> String {
//!     user.sub.clone().unwrap_or_default()
//! }
//!
//! let discovery = Discovery::discover("https://id.example.com").await?;
//! let auth = discovery.authenticator(|v| v.audience("orders-api"))?;
//! let app: Router = Router::new().route("/me", get(me)).with_state(AppState { auth });
//! # Ok(()) }
//! ```

use crate::auth::{Authenticator, Bearer};
use crate::error::{Error, ErrorKind};
use axum_core::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use axum_core::response::{IntoResponse, Response};
use http::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::request::Parts;
use http::{Request, StatusCode};
use jwt_core::Claims;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

impl IntoResponse for Error {
    /// The status, `WWW-Authenticate` and JSON body of [`Error::challenge`].
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.challenge().status)
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.body()).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(value) = self
            .www_authenticate()
            .and_then(|v| HeaderValue::from_bytes(v.as_bytes()).ok())
        {
            headers.insert(WWW_AUTHENTICATE, value);
        }
        if let Some(nonce) = self
            .dpop_nonce()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            headers.insert(DPOP_NONCE, nonce);
        }
        response
    }
}

/// The `DPoP-Nonce` response header (RFC 9449 §8.1).
const DPOP_NONCE: http::HeaderName = http::HeaderName::from_static("dpop-nonce");
/// The `DPoP` request header (RFC 9449 §4.1).
const DPOP: http::HeaderName = http::HeaderName::from_static("dpop");

/// Authenticates a request with `auth`: the bearer token, or on a route that asks for
/// DPoP, the DPoP-bound token and its proof for this method and path.
async fn authenticate<C>(
    auth: &Authenticator<C>,
    headers: &http::HeaderMap,
    method: &http::Method,
    uri: &http::Uri,
) -> Result<Bearer<C>, Error>
where
    C: Claims + Send + Sync + 'static,
{
    let authorization = headers
        .get_all(AUTHORIZATION)
        .iter()
        .map(HeaderValue::as_bytes);
    if auth.requires_dpop() {
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        let proofs = headers.get_all(DPOP).iter().map(HeaderValue::as_bytes);
        return auth
            .authenticate_dpop(authorization, proofs, method.as_str(), path)
            .await;
    }
    auth.authenticate(authorization).await
}

/// The verified token of a [`BearerLayer`], or else a verification with the state's
/// [`Authenticator`].
async fn extract<C>(parts: &Parts, auth: &Authenticator<C>) -> Result<Bearer<C>, Error>
where
    C: Claims + Send + Sync + 'static,
{
    if let Some(bearer) = parts.extensions.get::<Bearer<C>>() {
        return Ok(bearer.clone());
    }
    authenticate(auth, &parts.headers, &parts.method, &parts.uri).await
}

impl<S, C> FromRequestParts<S> for Bearer<C>
where
    C: Claims + Send + Sync + 'static,
    Authenticator<C>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        extract(parts, &Authenticator::from_ref(state)).await
    }
}

impl<S, C> OptionalFromRequestParts<S> for Bearer<C>
where
    C: Claims + Send + Sync + 'static,
    Authenticator<C>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    /// `None` when the request has no bearer credentials; a token that is there but
    /// fails is still refused, never treated as anonymous.
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Option<Self>, Error> {
        match extract(parts, &Authenticator::from_ref(state)).await {
            Ok(bearer) => Ok(Some(bearer)),
            Err(e) if e.kind() == ErrorKind::MissingToken => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A tower layer that authenticates every request of a router: a refused request is
/// answered with its [`Error`] response; an accepted one reaches the inner service
/// with its [`Bearer`] in the request extensions (read it with `Extension<Bearer<C>>`,
/// or the [`Bearer`] extractor, which then does not verify again).
pub struct BearerLayer<C> {
    auth: Authenticator<C>,
}

impl<C> Clone for BearerLayer<C> {
    fn clone(&self) -> Self {
        BearerLayer {
            auth: self.auth.clone(),
        }
    }
}

impl<C> std::fmt::Debug for BearerLayer<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BearerLayer")
            .field("auth", &self.auth)
            .finish()
    }
}

impl<C> BearerLayer<C> {
    /// A layer that authenticates with `auth`.
    pub fn new(auth: Authenticator<C>) -> Self {
        BearerLayer { auth }
    }
}

impl<S, C> tower_layer::Layer<S> for BearerLayer<C> {
    type Service = BearerService<S, C>;

    fn layer(&self, inner: S) -> Self::Service {
        BearerService {
            inner,
            auth: self.auth.clone(),
        }
    }
}

/// The service of a [`BearerLayer`].
pub struct BearerService<S, C> {
    inner: S,
    auth: Authenticator<C>,
}

impl<S: Clone, C> Clone for BearerService<S, C> {
    fn clone(&self) -> Self {
        BearerService {
            inner: self.inner.clone(),
            auth: self.auth.clone(),
        }
    }
}

impl<S: std::fmt::Debug, C> std::fmt::Debug for BearerService<S, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BearerService")
            .field("inner", &self.inner)
            .field("auth", &self.auth)
            .finish()
    }
}

impl<S, C, B> tower_service::Service<Request<B>> for BearerService<S, C>
where
    S: tower_service::Service<Request<B>, Response = Response> + Clone + Send + 'static,
    S::Future: Send + 'static,
    C: Claims + Send + Sync + 'static,
    B: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        // The service that was polled ready is the one to call; a fresh clone stays.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let auth = self.auth.clone();
        Box::pin(async move {
            let authenticated =
                authenticate(&auth, request.headers(), request.method(), request.uri()).await;
            match authenticated {
                Ok(bearer) => {
                    request.extensions_mut().insert(bearer);
                    inner.call(request).await
                }
                Err(error) => Ok(error.into_response()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_realm_outside_ascii_still_gets_its_challenge() {
        let refused = Error::new(ErrorKind::MissingToken, "no credentials")
            .with_realm(Some("Zürich \"API\"".into()));
        let response = refused.into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let challenge = response.headers()[WWW_AUTHENTICATE].as_bytes();
        assert_eq!(challenge, r#"Bearer realm="Zürich \"API\"""#.as_bytes());
    }
}
