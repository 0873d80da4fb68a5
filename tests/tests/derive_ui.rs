//! Compile-time diagnostics of `#[derive(Claims)]`: one case per mistake, each pinned
//! with its `.stderr` (rustc 1.95). Regenerate with `TRYBUILD=overwrite` and review the
//! diff: the message and the span are the contract.

#[test]
fn derive_diagnostics() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
