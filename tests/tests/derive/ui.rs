//! Compile-time diagnostics of `#[derive(Claims)]`: one case per mistake, each pinned
//! with its `.stderr`. Regenerate with `TRYBUILD=overwrite` and review the diff: the
//! message and the span are the contract.
//!
//! The snapshots hold rustc's exact rendering, which changes between compiler releases,
//! so they are checked only on the compiler they were written with
//! ([`SNAPSHOT_RUSTC`]); on any other the test says so and passes without comparing.
//! After a toolchain upgrade, regenerate them and move the constant.

use std::process::Command;

/// The `major.minor` of the rustc that wrote the `.stderr` snapshots in `tests/ui`.
const SNAPSHOT_RUSTC: &str = "1.95";

/// The `major.minor` of the rustc that cargo uses here (`rustc 1.95.0 (...)` → `1.95`).
fn rustc_minor_version() -> Option<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc).arg("--version").output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    minor_version(&text)
}

fn minor_version(version_line: &str) -> Option<String> {
    let number = version_line.split_whitespace().nth(1)?;
    let mut parts = number.split('.');
    Some(format!("{}.{}", parts.next()?, parts.next()?))
}

#[test]
fn derive_diagnostics() {
    match rustc_minor_version() {
        Some(version) if version == SNAPSHOT_RUSTC => {
            let cases = trybuild::TestCases::new();
            cases.compile_fail("ui/*.rs");
        }
        found => eprintln!(
            "skipped: the derive's UI snapshots were written for rustc {SNAPSHOT_RUSTC}, this \
             is rustc {}; regenerate them with TRYBUILD=overwrite on this compiler to compare",
            found.as_deref().unwrap_or("of unknown version")
        ),
    }
}

#[test]
fn reads_the_compiler_version() {
    assert_eq!(
        minor_version("rustc 1.95.0 (59807616e 2026-04-14)").as_deref(),
        Some("1.95")
    );
    assert_eq!(
        minor_version("rustc 1.100.2-nightly (abc 2030-01-01)").as_deref(),
        Some("1.100")
    );
    assert_eq!(minor_version("garbage"), None);
    assert!(
        rustc_minor_version().is_some(),
        "rustc --version could not be read"
    );
}
