//! Every example runs to completion and shows what it claims to show.

use std::process::Command;

fn run(binary: &str) -> String {
    let output = Command::new(binary).output().expect("example starts");
    assert!(
        output.status.success(),
        "{binary} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn quickstart_signs_nests_verifies_and_rejects() {
    let out = run(env!("CARGO_BIN_EXE_quickstart"));
    assert!(out.contains("verified signed token: AccessToken"), "{out}");
    assert!(out.contains("verified nested token: role admin"), "{out}");
    assert!(out.contains("claim_mismatch"), "{out}");
    assert_eq!(out.matches("token_type_mismatch").count(), 2, "{out}");
}

#[test]
fn jwks_rotation_drops_the_retired_key() {
    let out = run(env!("CARGO_BIN_EXE_jwks_rotation"));
    assert!(
        out.contains("old token after rotation: rejected, key_not_found"),
        "{out}"
    );
    assert!(
        out.contains("new token after rotation: Ok(Some(\"alice\"))"),
        "{out}"
    );
}

#[test]
fn dynamic_claims_keep_checking_exp() {
    let out = run(env!("CARGO_BIN_EXE_dynamic_claims"));
    assert!(out.contains("\"role\":\"admin\""), "{out}");
    assert!(out.contains("an hour later: expired"), "{out}");
}

#[test]
fn fixed_clock_shows_the_boundaries() {
    let out = run(env!("CARGO_BIN_EXE_fixed_clock"));
    for line in [
        "issue time -1 s: not_yet_valid",
        "issue time +0 s: valid",
        "issue time +59 s: valid",
        "issue time +60 s: expired",
    ] {
        assert!(out.contains(line), "{line} missing from:\n{out}");
    }
}

#[test]
fn derived_profiles_reject_each_others_tokens() {
    let out = run(env!("CARGO_BIN_EXE_derive_profiles"));
    assert!(
        out.contains("ID token as access token: rejected, typ_mismatch"),
        "{out}"
    );
    assert!(
        out.contains("access token as ID token: rejected, typ_mismatch"),
        "{out}"
    );
}
