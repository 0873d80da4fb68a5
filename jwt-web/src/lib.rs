//! # jwt-web
//!
//! Bearer tokens for web backends, on [`jwt_core`]:
//!
//! - [`RemoteJwks`]: an identity provider's JWK Set, fetched over HTTPS, cached
//!   (max age, `Cache-Control`), refetched once on an unknown `kid` (with a cooldown
//!   and single flight), kept serving while the provider is down, and bounded (body
//!   size, timeout, no redirects, `https` only except on loopback). Verifiers read it
//!   through a lock-free snapshot ([`jwt_core::SharedJwkSet`]): `verify` stays
//!   synchronous and as fast as with a static set.
//! - [`Discovery`]: OpenID Connect Discovery 1.0 and RFC 8414, with the exact issuer check.
//! - [`Authenticator`]: the verifier of a web backend; [`Bearer`], the verified token a
//!   handler receives; [`require_scopes`].
//! - axum (feature `axum`): [`Bearer`] and `Option<Bearer>` extractors with the
//!   authenticator from the router state (`FromRef`), and [`BearerLayer`] for a
//!   whole router.
//! - actix-web (feature `actix`): the [`Bearer`] and [`MaybeBearer`] extractors with the
//!   authenticator from `web::Data`.
//! - Refusals answered as RFC 6750 §3 asks ([`Error::challenge`]): 401 with a bare
//!   `Bearer` challenge without credentials, 400 `invalid_request`, 401
//!   `invalid_token`, 403 `insufficient_scope`; a JSON body with a fixed description
//!   per error kind, never a claim, a key or the configuration.
//! - DPoP (RFC 9449 §7): [`Authenticator::with_dpop`] makes the extractors ask for
//!   `Authorization: DPoP` with a `DPoP` proof bound to the token's `cnf.jkt`, answered
//!   with `invalid_dpop_proof` and `use_dpop_nonce` (with `DPoP-Nonce`) as the RFC asks.
//! - Tracing: a span per fetch, an event per refresh decision and per refused token
//!   (error kind, `alg`, `kid`), never a token, a key or a claim value.
//!
//! ```no_run
//! # async fn run() -> Result<(), jwt_web::Error> {
//! use jwt_core::RegisteredClaims;
//! use jwt_web::Discovery;
//!
//! let provider = Discovery::discover("https://id.example.com").await?;
//! let auth = provider.authenticator::<RegisteredClaims>(|v| v.audience("orders-api"))?;
//! # let header_values: Vec<&[u8]> = Vec::new();
//! let user = auth.authenticate(header_values).await?;
//! println!("{:?}", user.sub);
//! # Ok(()) }
//! ```
//!
//! ## Cargo features
//!
//! | feature | what |
//! | --- | --- |
//! | `axum` | the axum extractors and layer |
//! | `actix` | the actix-web extractors |
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(unreachable_pub)]

#[cfg(feature = "actix")]
mod actix;
mod auth;
#[cfg(feature = "axum")]
mod axum;
mod clock;
mod discovery;
mod error;
mod fetch;
mod remote;

#[cfg(feature = "actix")]
pub use actix::MaybeBearer;
pub use auth::{bearer_token, require_scopes, Authenticator, Bearer};
#[cfg(feature = "axum")]
pub use axum::{BearerLayer, BearerService};
pub use clock::{CacheClock, ManualClock, SystemCacheClock};
pub use discovery::Discovery;
pub use error::{token_challenge, web_challenge, Challenge, Error, ErrorKind, Result};
pub use remote::{RemoteJwks, RemoteJwksBuilder, REMOTE_ALGORITHMS};
