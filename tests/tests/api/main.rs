//! The library's public API as a user calls it: RFC vectors, the JWS attack suite, JWT
//! validation, the JWE and JWK layers, keys that change (shared and lenient sets,
//! serde), conformance details, hardening (header types, key hygiene) and robustness
//! against untrusted input.
//!
//! One test binary for all of them (each suite is a module), so that the workspace links
//! the library and its crypto backend once for these suites, not once per file.

mod access_tokens;
mod conformance;
mod dpop;
mod hardening;
mod id_tokens;
mod jwe;
mod jwk;
mod jws_attacks;
mod jws_vectors;
mod jwt_validation;
mod key_hygiene;
mod keys_that_change;
mod ml_dsa;
mod robustness;
