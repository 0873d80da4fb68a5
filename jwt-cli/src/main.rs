//! The `jwt` command.
#![forbid(unsafe_code)]
fn main() {}
