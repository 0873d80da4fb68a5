//! JSON Web Signature (RFC 7515, RFC 7797): sign and verify in the compact, flattened
//! and general JSON serializations, with detached and unencoded payloads.
//!
//! This layer knows nothing of claims: a payload is bytes. The JWT layer builds on it.
//!
//! Safety rules enforced here:
//! - the algorithm comes from the caller's allow-list and must fit the key (type,
//!   curve, size, and the key's own `alg`, `use` and `key_ops`); the header's `alg`
//!   only selects among those, and `none` is never verified;
//! - embedded keys (`jwk`, `jku`, `x5u`, `x5c`) are never used to verify;
//! - `crit` may list only `b64`, and only in the protected header;
//! - a JWE given to a JWS entry point is [`TokenTypeMismatch`](crate::ErrorKind::TokenTypeMismatch);
//! - signatures must have their exact length (ECDSA r‖s, RSA modulus size).
//!
//! Multi-signature tokens: the default [`SignaturePolicy::AtLeastOne`] accepts a JWS
//! when at least one signature verifies with a key from the given source; signatures
//! for which no key fits are reported in [`VerifiedJws::signatures`] and do not fail
//! the token. [`SignaturePolicy::All`] demands every signature.

mod algorithm;
mod header;
mod sign;
mod verify;

pub use header::{parse_header, HeaderMap, JwsHeader};
pub(crate) use sign::compact_jws;
pub use sign::JwsBuilder;
pub(crate) use verify::{decode_payload, split_compact, VerifiedCompact};
pub use verify::{JwsVerifier, SignatureOutcome, SignaturePolicy, VerifiedJws};
