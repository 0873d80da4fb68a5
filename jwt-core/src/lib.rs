//! # jwt-core
//!
//! JOSE (JWK, JWS, JWE) and typed JWTs for Rust: secure by default, fast, and
//! interoperable with jwcrypto and the RFC examples.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod base64url;
// The JOSE layers that use this are written in parallel; until they land, most of it is unused.
#[allow(dead_code)]
pub(crate) mod crypto;
mod error;
pub mod json;
pub mod jwa;
pub mod jwk;
mod limits;

pub use error::{Error, ErrorKind, Result};
pub use jwa::{
    ContentEncryptionAlgorithm, Curve, HashAlgorithm, KeyManagementAlgorithm, SignatureAlgorithm,
};
pub use jwk::{Jwk, JwkSet, KeyOperation, KeyType, KeyUse, SkippedKey, ThumbprintHash};
pub use limits::Limits;
