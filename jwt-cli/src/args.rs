//! The command line: global options, the subcommand list and argument groups that
//! several commands share. Each command's own flags live next to its code
//! (`commands/*.rs`); adding a command is a variant here and an arm in `main.rs`.
//!
//! clap renders `--help` and reports bad flags; [`parse`] turns its errors into the
//! same failure output as every other error (exit 2, JSON with `--json`).

use crate::commands::{decrypt, dpop, encrypt, inspect, keys, sign, verify};
use crate::output::{self, Failure};
use clap::{Args, Parser, Subcommand, ValueEnum};
use jwt_core::{Error, ErrorKind};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// JOSE keys, JWS, JWE and JWT from the shell.
#[derive(Debug, Parser)]
#[command(name = "jwt", version, about, max_term_width = 100)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes, before or after the command name.
#[derive(Debug, Args)]
pub struct Global {
    /// Print every result, success or failure, as one JSON object on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// Use this time (Unix seconds) wherever the clock is read or written.
    #[arg(
        long,
        global = true,
        value_name = "UNIX",
        allow_negative_numbers = true
    )]
    pub now: Option<i64>,
}

impl Global {
    /// `--now`, or the system clock.
    pub fn now(&self) -> i64 {
        self.now.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        })
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a new private JWK.
    Keygen(keys::KeygenArgs),
    /// Print the public JWK (or JWK Set) of a key file.
    Pubkey(keys::PubkeyArgs),
    /// Print a key's RFC 7638 thumbprint (or RFC 9278 URI).
    Thumbprint(keys::ThumbprintArgs),
    /// Convert a key between JWK and PEM.
    Convert(keys::ConvertArgs),
    /// Sign claims or a payload into a JWS.
    Sign(sign::SignArgs),
    /// Verify and validate a JWT (or with --raw, verify any JWS).
    Verify(Box<verify::VerifyArgs>),
    /// Encrypt a payload into a JWE.
    Encrypt(encrypt::EncryptArgs),
    /// Decrypt a JWE and print its plaintext.
    Decrypt(decrypt::DecryptArgs),
    /// Decode a token's header(s) and payload without verifying anything.
    Inspect(inspect::InspectArgs),
    /// DPoP proofs (RFC 9449): `jwt dpop verify`.
    #[command(subcommand)]
    Dpop(dpop::DpopCommand),
}

/// `--key FILE`: a JWK, a JWK Set or a PEM key or certificate.
#[derive(Debug, Args)]
pub struct KeyArg {
    /// Key file: JWK, JWK Set ({"keys":[...]}) or PEM key/certificate (detected).
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
}

/// The positional `TOKEN`; standard input when absent.
#[derive(Debug, Args)]
pub struct TokenArg {
    /// The token, byte for byte; read from standard input when absent (trailing
    /// whitespace removed).
    #[arg(value_name = "TOKEN")]
    pub token: Option<OsString>,
}

/// `--serialization`: how `sign` and `encrypt` write their token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Serialization {
    /// Dot-separated base64url (one signer or recipient, protected header only).
    Compact,
    /// The flattened JSON serialization.
    Flattened,
    /// The general JSON serialization.
    General,
}

/// Parses the command line, or prints help, version or the usage error and gives the
/// exit code to leave with.
pub fn parse<I>(args: I) -> Result<Cli, ExitCode>
where
    I: IntoIterator<Item = OsString>,
{
    let args: Vec<OsString> = args.into_iter().collect();
    Cli::try_parse_from(&args).map_err(|error| {
        use clap::error::ErrorKind as Clap;
        if matches!(error.kind(), Clap::DisplayHelp | Clap::DisplayVersion) {
            // `--help` and `--version` are successes, printed by clap itself.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        // clap could not tell us whether --json was given, so look for it: a flag that
        // takes no value cannot be mistaken for another option's value.
        let json = args.iter().skip(1).any(|a| a == "--json");
        output::finish(json, Err(usage_failure(&error)))
    })
}

/// A usage error as a library error: `malformed` (the command line is input that is
/// not well-formed), with clap's message minus its "error: " prefix and the usage
/// lines, which the JSON form should not carry.
fn usage_failure(error: &clap::Error) -> Failure {
    let rendered = error.render().to_string();
    let first = rendered.lines().next().unwrap_or("invalid command line");
    let message = first.strip_prefix("error: ").unwrap_or(first);
    let hint = "; see `jwt --help`";
    Failure::usage(Error::new(ErrorKind::Malformed, format!("{message}{hint}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(line: &[&str]) -> Cli {
        Cli::try_parse_from(line).unwrap_or_else(|e| panic!("{line:?}: {e}"))
    }

    #[test]
    fn global_options_go_before_or_after_the_command() {
        let before = parse_ok(&["jwt", "--json", "--now", "5", "inspect", "a.b.c"]);
        assert!(before.global.json);
        assert_eq!(before.global.now, Some(5));
        let after = parse_ok(&["jwt", "inspect", "a.b.c", "--json", "--now", "-7"]);
        assert!(after.global.json);
        assert_eq!(after.global.now(), -7);
    }

    #[test]
    fn the_usage_message_has_no_prefix_and_no_usage_block() {
        let error = Cli::try_parse_from(["jwt", "inspect", "--bogus"]).unwrap_err();
        let failure = usage_failure(&error);
        assert_eq!(failure.error.kind(), ErrorKind::Malformed);
        let message = failure.error.message();
        assert!(message.contains("--bogus"), "{message}");
        assert!(!message.starts_with("error"), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
}
