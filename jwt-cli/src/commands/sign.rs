//! `jwt sign`: a JWS over claims (`--claims`), a text (`--payload`) or standard input,
//! in any serialization, detached or unencoded (RFC 7797) on request.
//!
//! Rules beyond CLI.md:
//! - The payload is taken byte for byte: `--payload` as given, standard input as read
//!   (a trailing newline included). `--claims` is parsed strictly and written compactly.
//! - `--iat`, `--nbf`, `--exp-in` and `--jti` fill claims with `--now` (or the clock),
//!   each only when the claims do not already set it (jwcrypto's `default_claims`, the
//!   library's `IssueDefaults`). They need a JSON object: `--claims`, or standard input
//!   holding one; with `--payload` they are a usage error.
//! - `--typ` and `--kid` set protected header members; `--header` members they would
//!   contradict are a usage error. From a JWK Set, `--kid` also picks the key.
//! - `--alg none` writes an unsecured compact JWS (RFC 7515 A.5); no key is used.
//!
//! Every failure is a usage failure (exit 2): nothing was received, so nothing can be
//! rejected. `--json` shape: `{"ok":true,"token":"..."}` (the JSON serializations as a
//! string too).

use crate::algs;
use crate::args::Serialization;
use crate::input;
use crate::key_file;
use crate::output::{Failure, Success};
use clap::Args;
use jwt_core::claims::IssueDefaults;
use jwt_core::dangerous::unsecured;
use jwt_core::jws::{HeaderMap, JwsBuilder};
use jwt_core::{Claims, Error, ErrorKind, NumericDate, SignatureAlgorithm};
use serde_json::json;
use std::path::PathBuf;

/// Flags of `jwt sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// Signing key: a JWK, a JWK Set (one key, or the one --kid names) or a PEM key.
    #[arg(long, value_name = "FILE", required_unless_present = "alg")]
    key: Option<PathBuf>,
    /// Signature algorithm (default: the key's `alg`); `none` for an unsecured JWS.
    #[arg(long, value_name = "ALG")]
    alg: Option<String>,
    /// Protected header members, as a JSON object.
    #[arg(long, value_name = "JSON")]
    header: Option<String>,
    /// The `typ` header.
    #[arg(long, value_name = "T")]
    typ: Option<String>,
    /// The `kid` header (otherwise the key's `kid`); also selects the key of a JWK Set.
    #[arg(long, value_name = "K")]
    kid: Option<String>,
    /// The claims, a JSON object.
    #[arg(long, value_name = "JSON", conflicts_with = "payload")]
    claims: Option<String>,
    /// The payload, as text (standard input when neither this nor --claims is given).
    #[arg(long, value_name = "TEXT")]
    payload: Option<String>,
    /// Add `iat` (now).
    #[arg(long)]
    iat: bool,
    /// Add `nbf` (now).
    #[arg(long)]
    nbf: bool,
    /// Add `exp`, SECS after now.
    #[arg(long, value_name = "SECS")]
    exp_in: Option<u64>,
    /// Add a random `jti` (128 bits).
    #[arg(long)]
    jti: bool,
    /// Leave the payload out of the token (RFC 7515 App. F).
    #[arg(long)]
    detached: bool,
    /// Sign the payload unencoded (RFC 7797: `b64: false`, listed in `crit`).
    #[arg(long)]
    unencoded: bool,
    /// Output serialization.
    #[arg(long, value_enum, default_value = "compact")]
    serialization: Serialization,
}

/// Runs `jwt sign`; `now` is `--now` or the clock.
pub fn run(args: &SignArgs, now: i64) -> Result<Success, Failure> {
    let flags = [("typ", &args.typ), ("kid", &args.kid)];
    let header = input::header_members(args.header.as_deref(), &flags)?;
    let payload = payload(args, NumericDate::from_seconds(now))?;
    let token = if args.alg.as_deref() == Some(algs::NONE) {
        unsecured_token(args, &payload, header)?
    } else {
        signed_token(args, &payload, header)?
    };
    Ok(Success::new(token.clone(), json!({ "token": token })))
}

fn signed_token(args: &SignArgs, payload: &[u8], header: HeaderMap) -> Result<String, Failure> {
    let Some(path) = &args.key else {
        return Err(usage(
            ErrorKind::Malformed,
            "--key is required (only --alg none signs without a key)",
        ));
    };
    let key_file = key_file::load(path)?;
    let key = key_file.select(args.kid.as_deref())?;
    let alg = match (&args.alg, key.alg()) {
        (Some(name), _) => name.as_str(),
        (None, Some(name)) => name,
        (None, None) => {
            return Err(usage(
                ErrorKind::AlgNotAllowed,
                "the key has no \"alg\"; name the signature algorithm with --alg",
            ))
        }
    };
    let alg = algs::parse_one(alg, "--alg", SignatureAlgorithm::from_name)?;
    let mut builder = JwsBuilder::new(payload);
    if args.unencoded {
        builder = builder.unencoded();
    }
    if args.detached {
        builder = builder.detached();
    }
    let builder = builder
        .sign(key, alg, header, None)
        .map_err(Failure::usage)?;
    match args.serialization {
        Serialization::Compact => builder.compact(),
        Serialization::Flattened => builder.json_flattened(),
        Serialization::General => builder.json_general(),
    }
    .map_err(Failure::usage)
}

/// RFC 7515 A.5: compact only, nothing to detach or leave unencoded.
fn unsecured_token(args: &SignArgs, payload: &[u8], header: HeaderMap) -> Result<String, Failure> {
    if args.detached || args.unencoded || args.serialization != Serialization::Compact {
        return Err(usage(
            ErrorKind::InvalidHeader,
            "--alg none makes a compact JWS only (no --detached, --unencoded or JSON serialization)",
        ));
    }
    unsecured::encode(payload, header).map_err(Failure::usage)
}

fn payload(args: &SignArgs, now: NumericDate) -> Result<Vec<u8>, Failure> {
    let defaults = defaults(args, now)?;
    let claims = match (&args.claims, &args.payload, &defaults) {
        (Some(claims), _, _) => input::json_object("--claims", claims)?,
        (None, Some(_), Some(_)) => {
            return Err(usage(
                ErrorKind::Malformed,
                "--iat, --nbf, --exp-in and --jti add claims: give them --claims (or a JSON object on standard input), not --payload",
            ))
        }
        (None, Some(text), None) => return Ok(text.as_bytes().to_vec()),
        (None, None, None) => return input::stdin_payload(),
        (None, None, Some(_)) => {
            let bytes = input::stdin_payload()?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| usage(ErrorKind::Malformed, "standard input is not UTF-8 JSON"))?;
            input::json_object("the claims on standard input", text)?
        }
    };
    let mut claims = claims;
    if let Some(defaults) = &defaults {
        claims.apply_defaults(defaults).map_err(Failure::usage)?;
    }
    serde_json::to_vec(&claims).map_err(|e| {
        usage(
            ErrorKind::Malformed,
            format!("the claims cannot be written: {e}"),
        )
    })
}

/// The generated claims asked for, or `None` when no flag asks for one.
fn defaults(args: &SignArgs, now: NumericDate) -> Result<Option<IssueDefaults>, Failure> {
    if !(args.iat || args.nbf || args.jti || args.exp_in.is_some()) {
        return Ok(None);
    }
    let mut defaults = IssueDefaults::default();
    defaults.iat = args.iat.then_some(now);
    defaults.nbf = args.nbf.then_some(now);
    defaults.exp = args.exp_in.map(|secs| now.saturating_add_seconds(secs));
    if args.jti {
        defaults.jti = Some(IssueDefaults::random_jti().map_err(Failure::usage)?);
    }
    Ok(Some(defaults))
}

fn usage(kind: ErrorKind, message: impl Into<String>) -> Failure {
    Failure::usage(Error::new(kind, message))
}
