//! The conventions every command shares: exit codes, `--json`, error lines, help.

use crate::common::jwt;

#[test]
fn help_and_version_succeed() {
    let help = jwt(&["--help"], None);
    assert_eq!(help.code, 0, "{help:?}");
    for command in [
        "keygen",
        "pubkey",
        "thumbprint",
        "convert",
        "sign",
        "verify",
        "encrypt",
        "decrypt",
        "inspect",
    ] {
        assert!(help.stdout.contains(command), "{command}: {help:?}");
    }
    let version = jwt(&["--version"], None);
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("jwt "), "{version:?}");
}

#[test]
fn a_bad_flag_exits_2_with_one_error_line() {
    jwt(&["inspect", "--bogus"], None).failure(2, "malformed");
    jwt(&["no-such-command"], None).failure(2, "malformed");
    jwt(&["thumbprint"], None).failure(2, "malformed"); // --key missing
    jwt(&["keygen", "--kty", "rsa"], None).failure(2, "malformed"); // names are case-sensitive
}

#[test]
fn a_bad_flag_with_json_is_a_json_failure() {
    for args in [
        &["--json", "inspect", "--bogus"][..],
        &["inspect", "--bogus", "--json"],
        &["thumbprint", "--json"],
    ] {
        let run = jwt(args, None);
        let error = run.json_failure(2, "malformed");
        assert!(error.get("claim").is_none(), "{run:?}");
        assert_eq!(run.stderr, "", "{run:?}");
    }
}

#[test]
fn no_command_is_a_usage_error() {
    let run = jwt(&[], None);
    assert_eq!(run.code, 2, "{run:?}");
}
