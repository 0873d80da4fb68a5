//! Everything that reads or writes a token **without verifying it**, in one place, so
//! that each use is visible by its path. Nothing returned here may be trusted: the types
//! are distinct from [`Jwt`](crate::Jwt) so an unverified value cannot flow where a
//! verified one is expected.
//!
//! - [`peek_header`], [`peek_claims`]: a compact token's header or claims, for routing
//!   only (choosing a key set by `iss` or `kid`, say);
//! - [`inspect`]: the whole structure of a token in any serialization (kind,
//!   serialization, every header, a JWS payload), for display and debugging;
//! - [`unsecured`]: writing and reading unsecured JWS (`"alg": "none"`);
//! - [`unsecured_verifier`]: a [`Verifier`] for unsecured JWTs, which validates their
//!   claims but cannot know who wrote them.

mod inspect;
pub mod unsecured;

pub use inspect::{
    inspect, InspectedJwe, InspectedJws, Inspection, RecipientHeader, Serialization,
    SignatureHeaders,
};

use crate::base64url;
use crate::claims::Claims;
use crate::error::{Error, Result};
use crate::jws::HeaderMap;
use crate::limits::Limits;
use crate::validate::{Verifier, VerifierBuilder};
use serde_json::{Map, Value};

/// An unverified header, as the token claims it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnverifiedHeader(pub HeaderMap);

/// Unverified claims, as the token claims them.
#[derive(Debug, Clone, PartialEq)]
pub struct UnverifiedClaims(pub Map<String, Value>);

/// The (first, protected) header of a compact JWS or JWE, unverified.
///
/// # Errors
/// When the token or its header is malformed.
pub fn peek_header(token: &str) -> Result<UnverifiedHeader> {
    let limits = Limits::DEFAULT;
    Limits::check_at_most("token length", token.len(), limits.max_token_bytes)?;
    let first = token.split('.').next().unwrap_or_default();
    let bytes = base64url::decode(first)?;
    crate::strict_json::parse_object(&bytes, limits.max_json_depth, limits.max_header_bytes)
        .map(UnverifiedHeader)
}

/// The claims of a compact JWS, unverified. An encrypted token's claims cannot be read
/// without its key.
///
/// # Errors
/// For a JWE, or when the token or its payload is malformed.
pub fn peek_claims(token: &str) -> Result<UnverifiedClaims> {
    let limits = Limits::DEFAULT;
    Limits::check_at_most("token length", token.len(), limits.max_token_bytes)?;
    let [_, payload, _] = crate::jws::split_compact(token)?;
    let bytes = base64url::decode(payload)?;
    crate::strict_json::parse_object(&bytes, limits.max_json_depth, limits.max_token_bytes)
        .map(UnverifiedClaims)
        .map_err(|e| Error::malformed(format!("the payload is not a JSON object: {}", e.message())))
}

/// **Dangerous**: starts configuring a verifier for unsecured JWTs (RFC 7519 §6,
/// `"alg": "none"`). It validates the claims like any other verifier, but nothing
/// proves who wrote them: use it only where the channel itself is trusted. It accepts
/// nothing but unsecured tokens, and no other verifier accepts them.
///
/// ```
/// use jwt_core::{dangerous, RegisteredClaims};
///
/// let claims = br#"{"sub":"a","exp":4102444800}"#;
/// let token = dangerous::unsecured::encode(claims, Default::default())?;
/// let verifier = dangerous::unsecured_verifier::<RegisteredClaims>().build()?;
/// assert_eq!(verifier.verify(&token)?.claims().sub.as_deref(), Some("a"));
/// # Ok::<(), jwt_core::Error>(())
/// ```
pub fn unsecured_verifier<C: Claims>() -> VerifierBuilder<C> {
    Verifier::unsecured_builder()
}
