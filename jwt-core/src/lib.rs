//! # jwt-core
//!
//! JOSE (JWK, JWS, JWE) and typed JWTs for Rust: secure by default, fast, and
//! interoperable with jwcrypto and the RFC examples.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod base64url;
pub mod claims;
mod clock;
pub mod dangerous;
// The JOSE layers that use this are written in parallel; until they land, most of it is unused.
#[allow(dead_code)]
pub(crate) mod crypto;
mod error;
pub mod json;
pub mod jwa;
pub mod jwe;
pub mod jwk;
pub mod jws;
mod key_source;
mod limits;
mod token;
mod validate;

#[cfg(feature = "derive")]
pub mod derive_docs;

// The paths `#[derive(Claims)]` expands to; not a public API.
#[doc(hidden)]
pub mod __private;

/// Derives [`Claims`](trait@Claims) for a struct; the attributes are documented in
/// [`derive_docs`].
#[cfg(feature = "derive")]
pub use jwt_derive::Claims;

pub use claims::{Audience, Claims, NumericDate, Profile, RegisteredClaims};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Error, ErrorKind, Result};
pub use jwa::{
    ContentEncryptionAlgorithm, Curve, HashAlgorithm, KeyManagementAlgorithm, SignatureAlgorithm,
};
pub use jwk::{Jwk, JwkSet, KeyOperation, KeyType, KeyUse, SkippedKey, ThumbprintHash};
pub use key_source::KeySource;
pub use limits::Limits;
pub use token::{Jwt, SignedJwt};
pub use validate::{Keys, TokenShape, Verifier, VerifierBuilder};
