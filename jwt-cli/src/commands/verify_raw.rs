//! `jwt verify --raw`: verifies a JWS of any serialization without treating it as a
//! JWT, and prints its payload byte for byte.
//!
//! `--alg` lists the allowed algorithms (default: each key's `alg`). Naming `--alg none`
//! also accepts an unsecured compact JWS (RFC 7515 A.5), which no key verifies; nothing
//! else ever does. With several signatures (general JSON) at least one must verify with
//! a key of the file. `--json` shape: `{"ok":true,"header":{..},"payload_b64u":".."}`,
//! `header` being the joint header (protected and unprotected members) of the first
//! signature that verified.

use crate::algs;
use crate::input;
use crate::key_file::{self, KeyFile};
use crate::output::{Failure, Success};
use jwt_core::dangerous::unsecured;
use jwt_core::jws::{HeaderMap, JwsVerifier};
use jwt_core::{base64url, ErrorKind};
use serde_json::{json, Value};
use std::ffi::OsStr;
use std::path::Path;

/// What `jwt verify --raw` needs from the command line.
pub struct RawArgs<'a> {
    /// `--key`.
    pub key: &'a Path,
    /// `--alg`, repeated.
    pub algs: &'a [String],
    /// `--detached-payload`.
    pub detached_payload: Option<&'a Path>,
    /// The token argument.
    pub token: Option<&'a OsStr>,
}

/// Runs `jwt verify --raw`.
pub fn run(args: &RawArgs<'_>) -> Result<Success, Failure> {
    let keys = key_file::load(args.key)?;
    let allow_none = args.algs.iter().any(|a| a == algs::NONE);
    let named: Vec<String> = args
        .algs
        .iter()
        .filter(|a| *a != algs::NONE)
        .cloned()
        .collect();
    let allowed = if allow_none && named.is_empty() {
        Vec::new()
    } else {
        algs::signature(&named, &keys, "--alg")?
    };
    let detached = args.detached_payload.map(input::file_payload).transpose()?;
    let token = input::token(args.token)?;
    if allow_none && detached.is_none() && !token.trim_start().starts_with('{') {
        match unsecured::decode(&token, &crate::input::TOKEN_LIMITS) {
            Ok(jws) => return Ok(success(jws.header, jws.payload)),
            // Not an unsecured token: a signed one, for the keyed verifier below.
            Err(e) if e.kind() == ErrorKind::AlgNotAllowed && !allowed.is_empty() => {}
            Err(e) => return Err(Failure::rejected(e)),
        }
    }
    verify(&token, detached.as_deref(), &keys, allowed)
}

fn verify(
    token: &str,
    detached: Option<&[u8]>,
    keys: &KeyFile,
    allowed: Vec<jwt_core::SignatureAlgorithm>,
) -> Result<Success, Failure> {
    let verified = JwsVerifier::new(allowed)
        .with_limits(crate::input::TOKEN_LIMITS)
        .verify_detached(token, detached, keys.source())
        .map_err(Failure::verification)?;
    let header = verified.header().joint();
    Ok(success(header, verified.into_payload()))
}

fn success(header: HeaderMap, payload: Vec<u8>) -> Success {
    let fields = json!({
        "header": Value::Object(header),
        "payload_b64u": base64url::encode(&payload),
    });
    Success::exact(payload, fields)
}
