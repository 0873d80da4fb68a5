//! Workspace-level tests: RFC vectors, interop, attacks.
//!
//! The library half holds what several test files share:
//! - [`vectors`]: the RFC example files under `shared/vectors`, read in place;
//! - [`jwcrypto`]: a harness that runs Python's jwcrypto for interop tests.
#![forbid(unsafe_code)]

pub mod jwcrypto;
pub mod vectors;
