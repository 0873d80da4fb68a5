//! actix-web: the [`Bearer`] extractor, [`MaybeBearer`] for optional authentication,
//! and [`Error`] as a response. The [`Authenticator`] comes from `web::Data`.
//!
//! ```no_run
//! use actix_web::{web, App, HttpServer};
//! use jwt_core::RegisteredClaims;
//! use jwt_web::{Authenticator, Bearer};
//!
//! async fn me(user: Bearer<RegisteredClaims>) -> String {
//!     user.sub.clone().unwrap_or_default()
//! }
//!
//! # async fn run(auth: Authenticator<RegisteredClaims>) -> std::io::Result<()> {
//! HttpServer::new(move || {
//!     App::new()
//!         .app_data(web::Data::new(auth.clone()))
//!         .route("/me", web::get().to(me))
//! })
//! .bind(("127.0.0.1", 8080))?
//! .run()
//! .await
//! # }
//! ```

use crate::auth::{Authenticator, Bearer};
use crate::error::{Error, ErrorKind};
use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse, ResponseError};
use jwt_core::Claims;
use std::future::Future;
use std::pin::Pin;

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.challenge().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The status, `WWW-Authenticate` and JSON body of [`Error::challenge`].
    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("application/json");
        if let Some(value) = self
            .www_authenticate()
            .and_then(|v| HeaderValue::from_bytes(v.as_bytes()).ok())
        {
            response.insert_header((header::WWW_AUTHENTICATE, value));
        }
        if let Some(nonce) = self
            .dpop_nonce()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            response.insert_header(("DPoP-Nonce", nonce));
        }
        response.body(self.body())
    }
}

type Extracted<T> = Pin<Box<dyn Future<Output = Result<T, Error>>>>;

fn extract<C: Claims + 'static>(req: &HttpRequest) -> Extracted<Bearer<C>> {
    let auth = req.app_data::<web::Data<Authenticator<C>>>().cloned();
    // The future outlives the borrow of the request: the header values are copied.
    let copy = |name: &str| -> Vec<Vec<u8>> {
        req.headers()
            .get_all(name)
            .map(|v| v.as_bytes().to_vec())
            .collect()
    };
    let values = copy(header::AUTHORIZATION.as_str());
    let proofs = copy("dpop");
    let method = req.method().as_str().to_owned();
    let path = req
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    Box::pin(async move {
        let auth = auth.ok_or_else(|| {
            Error::new(
                ErrorKind::Config,
                "no web::Data<Authenticator<C>> is registered for this route",
            )
        })?;
        if auth.requires_dpop() {
            return auth
                .authenticate_dpop(
                    values.iter().map(Vec::as_slice),
                    proofs.iter().map(Vec::as_slice),
                    &method,
                    &path,
                )
                .await;
        }
        auth.authenticate(values.iter().map(Vec::as_slice)).await
    })
}

impl<C: Claims + 'static> FromRequest for Bearer<C> {
    type Error = Error;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        extract(req)
    }
}

/// Optional authentication: `None` without bearer credentials, the [`Bearer`] with a
/// valid token, and the refusal for a token that is there but fails.
///
/// actix-web's own `Option<T>` extractor turns *every* error into `None`, so
/// `Option<Bearer<C>>` would let a forged or expired token through as anonymous: use
/// this type instead.
#[derive(Debug, Clone)]
pub struct MaybeBearer<C>(pub Option<Bearer<C>>);

impl<C: Claims + 'static> FromRequest for MaybeBearer<C> {
    type Error = Error;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let bearer = extract::<C>(req);
        Box::pin(async move {
            match bearer.await {
                Ok(bearer) => Ok(MaybeBearer(Some(bearer))),
                Err(e) if e.kind() == ErrorKind::MissingToken => Ok(MaybeBearer(None)),
                Err(e) => Err(e),
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
        let response = refused.error_response();
        assert_eq!(response.status().as_u16(), 401);
        let challenge = response.headers().get(header::WWW_AUTHENTICATE).unwrap();
        assert_eq!(
            challenge.as_bytes(),
            r#"Bearer realm="Zürich \"API\"""#.as_bytes()
        );
    }
}
