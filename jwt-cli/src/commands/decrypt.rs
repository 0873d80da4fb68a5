//! `jwt decrypt`: a JWE in any serialization, printed as its plaintext, byte for byte.
//! No claim checks.
//!
//! `--alg` lists the allowed key-management algorithms (default: each key's `alg`;
//! `RSA1_5` only when named), `--enc` the content encryptions (default: all six).
//! `--json` shape: `{"ok":true,"header":{..},"plaintext_b64u":".."}`, where `header`
//! is the joint header of the recipient that decrypted (protected, shared unprotected
//! and per-recipient members merged; they are disjoint by RFC 7516 §7.2.1).

use crate::algs;
use crate::args::{KeyArg, TokenArg};
use crate::input;
use crate::key_file;
use crate::output::{Failure, Success};
use clap::Args;
use jwt_core::jwe::JweDecrypter;
use jwt_core::{base64url, DecryptedJwe, Limits};
use serde_json::{json, Map, Value};

/// Flags of `jwt decrypt`.
#[derive(Debug, Args)]
pub struct DecryptArgs {
    #[command(flatten)]
    key: KeyArg,
    /// An allowed key-management algorithm (repeatable; default: the key's `alg`).
    #[arg(long, value_name = "ALG")]
    alg: Vec<String>,
    /// An allowed content encryption (repeatable; default: the six registered ones).
    #[arg(long, value_name = "ENC")]
    enc: Vec<String>,
    #[command(flatten)]
    limits: JweLimits,
    #[command(flatten)]
    token: TokenArg,
}

/// The JWE cost limits a caller may change.
#[derive(Debug, Args)]
pub struct JweLimits {
    /// Highest PBES2 iteration count (`p2c`) accepted.
    #[arg(long, value_name = "N")]
    max_p2c: Option<u32>,
    /// Largest plaintext a `zip: DEF` JWE may inflate to, in bytes.
    #[arg(long, value_name = "BYTES")]
    max_inflate: Option<usize>,
}

impl JweLimits {
    /// Whether either flag was given.
    pub fn is_set(&self) -> bool {
        self.max_p2c.is_some() || self.max_inflate.is_some()
    }

    /// `limits` with these flags applied.
    pub fn apply(&self, mut limits: Limits) -> Limits {
        if let Some(max) = self.max_p2c {
            limits.max_pbes2_iterations = max;
        }
        if let Some(max) = self.max_inflate {
            limits.max_inflated_bytes = max;
        }
        limits
    }
}

/// Runs `jwt decrypt`.
pub fn run(args: &DecryptArgs) -> Result<Success, Failure> {
    let keys = key_file::load(&args.key.key)?;
    let algs = algs::key_management(&args.alg, &keys, "--alg")?;
    let encs = algs::encryption(&args.enc, "--enc")?;
    let decrypter =
        JweDecrypter::new(algs, encs).with_limits(args.limits.apply(crate::input::TOKEN_LIMITS));
    let token = input::token(args.token.token.as_deref())?;
    let jwe = decrypter
        .decrypt(&token, keys.source())
        .map_err(Failure::verification)?;
    let fields = json!({
        "header": joint_header(&jwe),
        "plaintext_b64u": base64url::encode(jwe.plaintext()),
    });
    Ok(Success::exact(jwe.into_plaintext(), fields))
}

fn joint_header(jwe: &DecryptedJwe) -> Value {
    let mut joint = Map::new();
    for part in [
        jwe.protected_header(),
        jwe.shared_header(),
        jwe.recipient_header(),
    ] {
        joint.extend(part.members().iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    Value::Object(joint)
}
