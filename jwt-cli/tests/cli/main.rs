//! The `jwt` binary, run as a user runs it: the shared conventions (`framework`), each
//! group of commands, the RFC vectors through the binary, conformance details, and the
//! agreement of `docs/cli.md` with the binary (`contract`).
//!
//! One test binary (each suite is a module); `common` runs the built `jwt` and captures
//! what it did.

mod cli_vectors;
mod common;
mod conformance;
mod contract;
mod encrypt_decrypt;
mod framework;
mod inspect;
mod inspect_vectors;
mod keys;
mod profiles;
mod sign_verify;
