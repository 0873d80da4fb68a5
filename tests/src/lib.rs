//! Workspace-level tests: RFC vectors, interop, attacks.
//!
//! The library half holds what several test files share:
//! - [`vectors`]: the RFC example files of this repository (`tests/vectors/`), through
//!   the workspace's one loader;
//! - [`random`]: the tests' one random generator (deterministic streams, unpredictable
//!   bytes, the shared slow-to-generate RSA key);
//! - [`jwcrypto`]: a harness that runs Python's jwcrypto for interop tests.
#![forbid(unsafe_code)]

pub mod jwcrypto;
pub mod random;
pub use jwt_test_vectors as vectors;

/// The default limits, except that a general JWS of up to `n` signatures is examined
/// (the default is one: several signatures are accepted only when asked for).
pub fn signatures_up_to(n: usize) -> jwt_core::Limits {
    let mut limits = jwt_core::Limits::DEFAULT;
    limits.max_signatures = n;
    limits
}
