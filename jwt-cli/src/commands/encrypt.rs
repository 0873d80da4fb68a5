//! `jwt encrypt`: a JWE of `--payload` or standard input for one recipient.
//!
//! Rules beyond CLI.md:
//! - The plaintext is taken byte for byte, except when the JWE's `cty` is `JWT`
//!   (`--cty JWT`, any case, or in `--header`): then it is a token, and trailing ASCII
//!   whitespace is removed as for every token input, so `jwt sign ... | jwt encrypt
//!   --cty JWT ...` nests the token and not its newline.
//! - `--header` members go into the protected header; `--cty` must agree with it.
//!   `--kid` sets the recipient's `kid` (otherwise the key's) and picks the key of a
//!   JWK Set. `--p2c` is the PBES2 iteration count.
//!
//! Every failure is a usage failure (exit 2). `--json` shape: `{"ok":true,"token":"..."}`.

use crate::algs;
use crate::args::{KeyArg, Serialization};
use crate::input;
use crate::key_file;
use crate::output::{Failure, Success};
use clap::{Args, ValueEnum};
use jwt_core::jwe::{JweBuilder, Recipient};
use jwt_core::{ContentEncryptionAlgorithm, KeyManagementAlgorithm};
use serde_json::{json, Value};

/// Flags of `jwt encrypt`.
#[derive(Debug, Args)]
pub struct EncryptArgs {
    #[command(flatten)]
    key: KeyArg,
    /// Key-management algorithm.
    #[arg(long, value_name = "ALG")]
    alg: String,
    /// Content encryption.
    #[arg(long, value_name = "ENC")]
    enc: String,
    /// Compress the plaintext before encrypting.
    #[arg(long, value_enum, value_name = "DEF")]
    zip: Option<Zip>,
    /// Protected header members, as a JSON object.
    #[arg(long, value_name = "JSON")]
    header: Option<String>,
    /// The `cty` header (`JWT` to nest a signed token).
    #[arg(long, value_name = "T")]
    cty: Option<String>,
    /// The recipient's `kid` (otherwise the key's); also selects the key of a JWK Set.
    #[arg(long, value_name = "K")]
    kid: Option<String>,
    /// PBES2 iteration count.
    #[arg(long, value_name = "N")]
    p2c: Option<u32>,
    /// The plaintext, as text (standard input when absent).
    #[arg(long, value_name = "TEXT")]
    payload: Option<String>,
    /// Output serialization.
    #[arg(long, value_enum, default_value = "compact")]
    serialization: Serialization,
}

/// The registered `zip` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Zip {
    /// DEFLATE (RFC 1951).
    #[value(name = "DEF")]
    Def,
}

/// Runs `jwt encrypt`.
pub fn run(args: &EncryptArgs) -> Result<Success, Failure> {
    let alg = algs::parse_one(&args.alg, "--alg", KeyManagementAlgorithm::from_name)?;
    let enc = algs::parse_one(&args.enc, "--enc", ContentEncryptionAlgorithm::from_name)?;
    let protected = input::header_members(args.header.as_deref(), &[("cty", &args.cty)])?;
    let key_file = key_file::load(&args.key.key)?;
    let key = key_file.select(args.kid.as_deref())?;
    let nested = protected
        .get("cty")
        .and_then(Value::as_str)
        .is_some_and(|cty| jwt_core::media_types_match(cty, "JWT"));
    let plaintext = match (&args.payload, nested) {
        (Some(text), _) => text.as_bytes().to_vec(),
        (None, false) => input::stdin_payload()?,
        (None, true) => input::trim_end(input::stdin_payload()?),
    };
    let mut recipient = Recipient::new(key, alg);
    if let Some(kid) = &args.kid {
        recipient = recipient.kid(kid.clone());
    }
    if let Some(p2c) = args.p2c {
        recipient = recipient.p2c(p2c);
    }
    let mut builder = JweBuilder::new(&plaintext, enc);
    for (name, value) in protected {
        builder = builder.protected_header(name, value);
    }
    if args.zip.is_some() {
        builder = builder.deflate();
    }
    let builder = builder.recipient(recipient);
    let token = match args.serialization {
        Serialization::Compact => builder.compact(),
        Serialization::Flattened => builder.json_flattened(),
        Serialization::General => builder.json_general(),
    }
    .map_err(Failure::usage)?;
    Ok(Success::new(token.clone(), json!({ "token": token })))
}
