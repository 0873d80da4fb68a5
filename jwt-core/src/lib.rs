//! # jwt-core
//!
//! JOSE (JWK, JWS, JWE) and typed JWTs for Rust: secure by default, fast, and
//! interoperable with jwcrypto and the RFC examples.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod base64url;
pub mod claims;
mod clock;
pub(crate) mod crypto;
pub mod dangerous;
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

pub use claims::{Audience, Claims, NumericDate, Profile, RegisteredClaims};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Error, ErrorKind, Result};
pub use jwa::{
    ContentEncryptionAlgorithm, Curve, HashAlgorithm, KeyManagementAlgorithm, SignatureAlgorithm,
};
pub use jwe::{DecryptedJwe, JweBuilder, JweDecrypter, JweHeader, Recipient};
pub use jwk::{Jwk, JwkSet, KeyOperation, KeyType, KeyUse, SkippedKey, ThumbprintHash};
pub use key_source::KeySource;
pub use limits::Limits;
pub use token::{Jwt, SignedJwt};
pub use validate::{Keys, TokenShape, Verifier, VerifierBuilder};
