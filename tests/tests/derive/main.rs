//! `#[derive(Claims)]`: its behaviour through the full `Verifier` path (`behaviour`,
//! which denies the strictest lints a user may set, for the expansion to be clean under
//! them) and its compile-time diagnostics (`ui`).

mod behaviour;
mod ui;
