//! Interop with Python's jwcrypto, both ways, for keys, JWS, JWE and JWT, and the
//! jwcrypto harness itself.
//!
//! One test binary (each suite is a module); `support` holds what the suites share.

mod harness;
mod jwe;
mod jwk;
mod jws;
mod jwt;
mod support;
