//! Verified claim bytes into the application's claim type: the claims layer's one
//! entry point for the JWT layer.
//!
//! It owns the choice between the fast path and the strict one, and the naming of the
//! claim at fault. The one-pass parser ([`ClaimsScan::parse`]) checks and parses in a
//! single read and answers "not sure" on anything unusual; then the strict scan
//! ([`ClaimsScan::of`]) judges the bytes and serde_json parses them. Either way the
//! payload is held to the same rules (one object, no duplicate members at any depth,
//! bounded depth, registered claims of their JSON types) before `C` sees it, and a
//! failure names the claim when it can.

use super::{Claims, ClaimsScan};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;

/// Parses a verified payload into `C`, filling `scan` with its registered claims (the
/// verifier checks those a claim type does not declare). The scan is filled in place:
/// moving it out with the claims cost a visible share of a verification.
///
/// # Errors
/// The strict rules' kinds ([`ErrorKind::Malformed`], [`ErrorKind::DuplicateMember`],
/// [`ErrorKind::LimitExceeded`]), [`ErrorKind::InvalidClaim`] naming a registered claim
/// of the wrong JSON type or a claim that does not fit `C`, [`ErrorKind::MissingClaim`]
/// naming a field `C` requires.
pub(crate) fn parse_verified<'p, C: Claims>(
    payload: &'p [u8],
    limits: &Limits,
    scan: &mut ClaimsScan<'p>,
) -> Result<C> {
    if let Some(claims) = scan.parse::<C>(payload, limits) {
        return Ok(claims);
    }
    *scan = ClaimsScan::of(payload, limits)?;
    parse_checked::<C>(payload, scan.text(), limits)
}

/// Parses checked claim bytes straight into `C` (after [`ClaimsScan::of`] checked them).
/// `text` is the payload when it is UTF-8: serde_json then skips its own check of
/// every string.
fn parse_checked<C: Claims>(payload: &[u8], text: Option<&str>, limits: &Limits) -> Result<C> {
    match text {
        Some(text) => serde_json::from_str::<C>(text),
        None => serde_json::from_slice::<C>(payload),
    }
    .map_err(|_| {
        // The quick scan does not judge syntax: the exact walk names what is wrong
        // with the JSON itself, before the claim type is blamed.
        match ClaimsScan::exact(payload, limits) {
            Err(e) => e,
            Ok(_) => describe_claims_error::<C>(payload),
        }
    })
}

/// The error path only: parse again, tracking the path, to name the claim at fault.
fn describe_claims_error<C: Claims>(payload: &[u8]) -> Error {
    let mut de = serde_json::Deserializer::from_slice(payload);
    match serde_path_to_error::deserialize::<_, C>(&mut de) {
        Ok(_) => Error::new(
            ErrorKind::InvalidClaim,
            "the claims do not fit the claim type",
        ),
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = inner.to_string();
            // serde reports a missing field only in its message (no path leads to a
            // field that is not there); its wording is stable across serde 1.x.
            if let Some(rest) = message.strip_prefix("missing field `") {
                let name = rest.split('`').next().unwrap_or_default();
                return Error::claim(
                    ErrorKind::MissingClaim,
                    name,
                    format!("claim {name:?} is required"),
                );
            }
            let claim = path.split(['.', '[']).next().unwrap_or_default();
            if claim.is_empty() || claim == "?" {
                Error::new(
                    ErrorKind::InvalidClaim,
                    format!("invalid claims: {message}"),
                )
            } else {
                Error::claim(
                    ErrorKind::InvalidClaim,
                    claim,
                    format!("claim {path:?}: {message}"),
                )
            }
        }
    }
}
