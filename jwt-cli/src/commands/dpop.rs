//! `jwt dpop verify`: checks a DPoP proof (RFC 9449) against the request it came with,
//! through the library's separate entry point `jwt_core::dpop::DpopVerifier`: the key
//! that verifies the proof is the one in its own `jwk` header.
//!
//! Output: the proof's claims as one line of JSON. `--json` shape:
//! `{"ok":true,"header":{..},"claims":{..},"jkt":"..."}`, `jkt` being the RFC 7638
//! SHA-256 thumbprint of the proof's key (what an access token's `cnf.jkt` binds).

use crate::input;
use crate::output::{Failure, Success};
use clap::{Args, Subcommand};
use jwt_core::dpop::{DpopRequest, DpopVerifier};
use jwt_core::{Error, ErrorKind, FixedClock, Limits};
use serde_json::{json, Value};
use std::ffi::OsString;

/// The subcommands of `jwt dpop`.
#[derive(Debug, Subcommand)]
pub enum DpopCommand {
    /// Verify a DPoP proof (RFC 9449) for an HTTP request.
    Verify(VerifyArgs),
}

/// Flags of `jwt dpop verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The proof: the value of the request's `DPoP` header.
    #[arg(long, value_name = "PROOF")]
    proof: OsString,
    /// The request's HTTP method (compared exactly, e.g. `GET`).
    #[arg(long, value_name = "M")]
    method: String,
    /// The request's URI (its query and fragment are ignored).
    #[arg(long, value_name = "U")]
    url: String,
    /// The access token sent with the proof: `ath` must be its hash.
    #[arg(long, value_name = "T")]
    access_token: Option<String>,
    /// The access token's `cnf.jkt`: the proof's key must have this thumbprint.
    #[arg(long, value_name = "JKT")]
    jkt: Option<String>,
    /// The nonce the server gave the client: the proof's `nonce` must equal it.
    #[arg(long, value_name = "N")]
    nonce: Option<String>,
    /// How long after its `iat` a proof is accepted, in seconds (default 60).
    #[arg(long, value_name = "SECS")]
    max_age: Option<u64>,
    /// Clock skew tolerated on `iat`, in seconds (default 5).
    #[arg(long, value_name = "SECS")]
    leeway: Option<u64>,
}

/// Runs `jwt dpop ...`; `now` is `--now`, when given.
pub fn run(command: &DpopCommand, now: Option<i64>) -> Result<Success, Failure> {
    match command {
        DpopCommand::Verify(args) => verify(args, now),
    }
}

fn verify(args: &VerifyArgs, now: Option<i64>) -> Result<Success, Failure> {
    let proof = input::token_at_most(Some(&args.proof), Limits::DEFAULT.max_token_bytes)?;
    let mut builder = DpopVerifier::builder();
    if let Some(now) = now {
        builder = builder.clock(FixedClock::at(now));
    }
    if let Some(max_age) = args.max_age {
        builder = builder.max_age(max_age);
    }
    if let Some(leeway) = args.leeway {
        builder = builder.leeway(leeway);
    }
    let verifier = builder.build().map_err(Failure::usage)?;
    jwt_core::dpop::normalize_http_uri(&args.url).map_err(|e| {
        Failure::usage(Error::new(
            ErrorKind::Malformed,
            format!("--url: {}", e.message()),
        ))
    })?;
    let mut request = DpopRequest::new(&args.method, &args.url);
    if let Some(token) = &args.access_token {
        request = request.access_token(token);
    }
    if let Some(jkt) = &args.jkt {
        request = request.bound_to(jkt);
    }
    if let Some(nonce) = &args.nonce {
        request = request.nonce(nonce);
    }
    let verified = verifier
        .verify(&proof, request)
        .map_err(Failure::verification)?;
    let claims = Value::Object(verified.claims().clone());
    Ok(Success::new(
        claims.to_string(),
        json!({
            "header": Value::Object(verified.header().clone()),
            "claims": claims,
            "jkt": verified.jkt(),
        }),
    ))
}
