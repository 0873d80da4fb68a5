//! Reading a token **without verifying it**, for routing only (choosing a key set by
//! `iss` or `kid`, say). Nothing returned here may be trusted: the types are distinct
//! from [`Jwt`](crate::Jwt) so an unverified value cannot flow where a verified one is
//! expected.

use crate::base64url;
use crate::error::{Error, Result};
use crate::jws::HeaderMap;
use crate::limits::Limits;
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
