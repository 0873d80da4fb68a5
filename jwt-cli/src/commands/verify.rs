//! `jwt verify`: JWT validation of a compact token with the library's [`Verifier`] over
//! dynamic claims (a JSON object), and, with `--raw`, plain JWS verification
//! (`verify_raw.rs`).
//!
//! Which flag governs what, per `--expect`:
//! - `jws` (default): `--key` and `--alg` (signature algorithms) verify the token.
//! - `jwe`: `--key` decrypts; `--alg` lists key-management algorithms, `--enc` content
//!   encryptions.
//! - `nested`: `--decrypt-key` (required), `--outer-alg` and `--enc` open the outer JWE;
//!   `--key` and `--alg` verify the inner JWS.
//!
//! A flag that governs nothing under the chosen `--expect` (`--enc` for a JWS,
//! `--decrypt-key` outside `nested`) is a usage error rather than silently ignored.
//! Every allow-list defaults to the keys' own `alg` (see `algs.rs`).
//!
//! Output: the claims as one line of JSON. `--json` shape:
//! `{"ok":true,"header":{..},"claims":{..}}`, where `header` is the token's own header
//! (the JWS header, the JWE protected header, or for a nested token the outer JWE
//! protected header), plus `"inner_header"` (the inner JWS header) for a nested token.
//! The library's `Jwt::header()` is the JWS header and `outer_header()` the JWE one for
//! nested tokens; this command maps them outside-in.

use super::decrypt::JweLimits;
use super::verify_raw::{self, RawArgs};
use crate::algs;
use crate::args::{KeyArg, TokenArg};
use crate::input;
use crate::key_file;
use crate::output::{Failure, Success};
use clap::{Args, ValueEnum};
use jwt_core::{claims, dangerous, Error, ErrorKind, FixedClock, Verifier, VerifierBuilder};
use serde_json::{Map, Value};
use std::path::PathBuf;

type Claims = Map<String, Value>;

/// Flags of `jwt verify` (JWT validation, or with `--raw` plain JWS verification).
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Verify a JWS of any serialization and print its payload; no JWT validation.
    #[arg(long)]
    raw: bool,
    #[command(flatten)]
    key: KeyArg,
    /// An allowed algorithm (repeatable; default: the key's `alg`).
    #[arg(long, value_name = "ALG")]
    alg: Vec<String>,
    /// With --raw: the detached payload (RFC 7515 App. F), read from FILE.
    #[arg(long, value_name = "FILE", requires = "raw")]
    detached_payload: Option<PathBuf>,
    /// The token's shape.
    #[arg(long, value_enum, conflicts_with = "raw")]
    expect: Option<Expect>,
    /// Nested tokens: the key that decrypts the outer JWE.
    #[arg(long, value_name = "FILE", conflicts_with = "raw")]
    decrypt_key: Option<PathBuf>,
    /// Nested tokens: an allowed key-management algorithm of the outer JWE (repeatable;
    /// default: the decryption key's `alg`).
    #[arg(long, value_name = "ALG", conflicts_with = "raw")]
    outer_alg: Vec<String>,
    /// An allowed content encryption (repeatable; default: the six registered ones).
    #[arg(long, value_name = "ENC", conflicts_with = "raw")]
    enc: Vec<String>,
    #[command(flatten)]
    claims: ClaimArgs,
    #[command(flatten)]
    profile: ProfileArgs,
    #[command(flatten)]
    jwe_limits: JweLimits,
    /// Longest token accepted, in bytes.
    #[arg(long, value_name = "BYTES", conflicts_with = "raw")]
    max_token: Option<usize>,
    #[command(flatten)]
    token: TokenArg,
}

/// The claim checks.
#[derive(Debug, Args)]
struct ClaimArgs {
    /// An accepted issuer (repeatable).
    #[arg(long, value_name = "X", conflicts_with = "raw")]
    iss: Vec<String>,
    /// An accepted audience (repeatable); the token must name one of them.
    #[arg(long, value_name = "X", conflicts_with = "raw")]
    aud: Vec<String>,
    /// Accept a token's `aud` even when no --aud is given.
    #[arg(long, conflicts_with = "raw")]
    any_aud: bool,
    /// The required subject.
    #[arg(long, value_name = "X", conflicts_with = "raw")]
    sub: Option<String>,
    /// The required `typ` header (case-insensitive, `application/` optional).
    #[arg(long, value_name = "T", conflicts_with = "raw")]
    typ: Option<String>,
    /// Require the claim NAME, or with =JSON that exact value (repeatable).
    #[arg(long, value_name = "NAME[=JSON]", conflicts_with = "raw")]
    require: Vec<String>,
    /// Accept tokens without `exp` (it is still checked when present).
    #[arg(long, conflicts_with = "raw")]
    no_exp: bool,
    /// Clock skew tolerated, in seconds (default 60).
    #[arg(long, value_name = "SECS", conflicts_with = "raw")]
    leeway: Option<u64>,
    /// Maximum age from `iat`, in seconds (makes `iat` required).
    #[arg(long, value_name = "SECS", conflicts_with = "raw")]
    max_age: Option<u64>,
}

/// The token profiles: `--profile` and the flags only a profile takes.
#[derive(Debug, Args)]
struct ProfileArgs {
    /// Validate by a token profile's rules: an OAuth access token (RFC 9068) or an
    /// OpenID Connect ID token.
    #[arg(long, value_enum, conflicts_with = "raw")]
    profile: Option<Profile>,
    /// --profile id-token: the client's id, which the token's `aud` must name;
    /// access-token: the required `client_id` claim.
    #[arg(long, value_name = "ID", conflicts_with = "raw")]
    client_id: Option<String>,
    /// --profile id-token: the nonce sent in the authentication request.
    #[arg(long, value_name = "N", conflicts_with = "raw")]
    nonce: Option<String>,
    /// --profile id-token: the access token received with it (`at_hash` must match).
    #[arg(long, value_name = "T", conflicts_with = "raw")]
    access_token: Option<String>,
    /// --profile id-token: the authorization code received with it (`c_hash` must match).
    #[arg(long, value_name = "CODE", conflicts_with = "raw")]
    code: Option<String>,
    /// --profile access-token: a scope the token must grant (repeatable).
    #[arg(long, value_name = "S", conflicts_with = "raw")]
    scope: Vec<String>,
    /// --profile id-token: accept several audiences without `azp` (for providers that
    /// leave it out); an `azp` that is present must still be the client id.
    #[arg(long, conflicts_with = "raw")]
    allow_missing_azp: bool,
}

/// The profiles `--profile` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Profile {
    /// An OAuth 2.0 JWT access token (RFC 9068): `typ` `at+jwt`, `--iss` and `--aud`
    /// required.
    AccessToken,
    /// An OpenID Connect ID token (Core 1.0 §3.1.3.7): one `--iss` and `--client-id`.
    IdToken,
}

/// The shapes `--expect` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
enum Expect {
    /// A JWS whose payload is the claims.
    #[default]
    Jws,
    /// A JWE whose plaintext is the claims.
    Jwe,
    /// A JWE (`cty: JWT`) whose plaintext is a JWS whose payload is the claims.
    Nested,
}

/// Runs `jwt verify`; `now` is `--now`, when given.
pub fn run(args: &VerifyArgs, now: Option<i64>) -> Result<Success, Failure> {
    if args.raw {
        if args.jwe_limits.is_set() {
            return Err(usage("--max-p2c and --max-inflate do not apply to --raw"));
        }
        return verify_raw::run(&RawArgs {
            key: &args.key.key,
            algs: &args.alg,
            detached_payload: args.detached_payload.as_deref(),
            token: args.token.token.as_deref(),
        });
    }
    if args.jwe_limits.is_set() && args.expect.unwrap_or_default() == Expect::Jws {
        return Err(usage(
            "--max-p2c and --max-inflate apply to --expect jwe or nested",
        ));
    }
    check_profile_flags(args)?;
    let max = args
        .max_token
        .unwrap_or(crate::input::TOKEN_LIMITS.max_token_bytes);
    let token = input::token_at_most(args.token.token.as_deref(), max)?;
    if args.profile.profile == Some(Profile::IdToken) {
        return id_token::run(args, now, &token);
    }
    let verifier = verifier(args, now, reads_unsecured(args, &token))?;
    let jwt = verifier.verify(&token).map_err(Failure::verification)?;
    let text = Value::Object(jwt.claims().clone()).to_string();
    let mut fields = Map::new();
    match jwt.outer_header() {
        Some(outer) => {
            fields.insert("header".into(), Value::Object(outer.clone()));
            fields.insert("inner_header".into(), Value::Object(jwt.header().clone()));
        }
        None => {
            fields.insert("header".into(), Value::Object(jwt.header().clone()));
        }
    }
    fields.insert("claims".into(), Value::Object(jwt.into_claims()));
    Ok(Success::new(text, Value::Object(fields)))
}

/// The flags a profile takes are usage errors without it, or under the other one.
fn check_profile_flags(args: &VerifyArgs) -> Result<(), Failure> {
    let p = &args.profile;
    let id_token_only = [
        ("--nonce", p.nonce.is_some()),
        ("--access-token", p.access_token.is_some()),
        ("--code", p.code.is_some()),
        ("--allow-missing-azp", p.allow_missing_azp),
    ];
    let given = |flags: &[(&'static str, bool)]| -> Vec<&'static str> {
        flags
            .iter()
            .filter(|(_, set)| *set)
            .map(|(flag, _)| *flag)
            .collect()
    };
    match p.profile {
        None => {
            let mut flags = given(&id_token_only);
            flags.extend(given(&[
                ("--client-id", p.client_id.is_some()),
                ("--scope", !p.scope.is_empty()),
            ]));
            if let Some(flag) = flags.first() {
                return Err(usage(format!("{flag} applies to --profile only")));
            }
        }
        Some(Profile::AccessToken) => {
            if let Some(flag) = given(&id_token_only).first() {
                return Err(usage(format!("{flag} applies to --profile id-token only")));
            }
        }
        Some(Profile::IdToken) => {
            let c = &args.claims;
            let other = [
                ("--scope", !p.scope.is_empty()),
                ("--expect", args.expect.is_some_and(|e| e != Expect::Jws)),
                ("--sub", c.sub.is_some()),
                ("--typ", c.typ.is_some()),
                ("--require", !c.require.is_empty()),
                ("--no-exp", c.no_exp),
                ("--any-aud", c.any_aud),
                ("--alg none", args.alg.iter().any(|a| a == algs::NONE)),
            ];
            if let Some(flag) = given(&other).first() {
                return Err(usage(format!(
                    "{flag} does not apply to --profile id-token"
                )));
            }
        }
    }
    Ok(())
}

/// `--profile id-token`: the library's `oidc::IdTokenVerifier` over dynamic claims.
mod id_token {
    use super::{usage, Claims, VerifyArgs};
    use crate::algs;
    use crate::key_file;
    use crate::output::{Failure, Success};
    use jwt_core::oidc::{IdTokenContext, IdTokenVerifier};
    use jwt_core::FixedClock;
    use serde_json::{Map, Value};

    pub fn run(args: &VerifyArgs, now: Option<i64>, token: &str) -> Result<Success, Failure> {
        let [issuer] = args.claims.iss.as_slice() else {
            return Err(usage(
                "--profile id-token needs exactly one --iss (the OpenID provider)",
            ));
        };
        let Some(client_id) = &args.profile.client_id else {
            return Err(usage("--profile id-token needs --client-id"));
        };
        let keys = key_file::load(&args.key.key)?;
        let algorithms = algs::signature(&args.alg, &keys, "--alg")?;
        let mut limits = crate::input::TOKEN_LIMITS;
        if let Some(max) = args.max_token {
            limits.max_token_bytes = max;
        }
        let mut builder = IdTokenVerifier::<Claims>::builder(keys.into_keys(), issuer, client_id)
            .algorithms(algorithms)
            .limits(limits);
        for audience in &args.claims.aud {
            builder = builder.trusted_audience(audience.clone());
        }
        if let Some(leeway) = args.claims.leeway {
            builder = builder.leeway(leeway);
        }
        if args.profile.allow_missing_azp {
            builder = builder.allow_missing_azp();
        }
        if let Some(now) = now {
            builder = builder.clock(FixedClock::at(now));
        }
        let verifier = builder.build().map_err(Failure::usage)?;
        let p = &args.profile;
        let mut context = IdTokenContext::new();
        if let Some(nonce) = &p.nonce {
            context = context.nonce(nonce);
        }
        if let Some(max_age) = args.claims.max_age {
            context = context.max_age(max_age);
        }
        if let Some(access_token) = &p.access_token {
            context = context.access_token(access_token);
        }
        if let Some(code) = &p.code {
            context = context.code(code);
        }
        let jwt = verifier
            .verify(token, context)
            .map_err(Failure::verification)?;
        let text = Value::Object(jwt.claims().clone()).to_string();
        let mut fields = Map::new();
        fields.insert("header".into(), Value::Object(jwt.header().clone()));
        fields.insert("claims".into(), Value::Object(jwt.into_claims()));
        Ok(Success::new(text, Value::Object(fields)))
    }
}

/// Whether to read `token` as an unsecured JWT: only when `--alg none` is named and
/// either the token says `none` or nothing else is named (then a signed token is
/// refused by the unsecured verifier, as it should be).
fn reads_unsecured(args: &VerifyArgs, token: &str) -> bool {
    if args.expect.unwrap_or_default() != Expect::Jws || !args.alg.iter().any(|a| a == algs::NONE) {
        return false;
    }
    let token_says_none = dangerous::peek_header(token)
        .is_ok_and(|header| header.0.get("alg").and_then(Value::as_str) == Some(algs::NONE));
    token_says_none || args.alg.iter().all(|a| a == algs::NONE)
}

fn verifier(
    args: &VerifyArgs,
    now: Option<i64>,
    unsecured: bool,
) -> Result<Verifier<Claims>, Failure> {
    let expect = args.expect.unwrap_or_default();
    if expect != Expect::Nested && (args.decrypt_key.is_some() || !args.outer_alg.is_empty()) {
        return Err(usage(
            "--decrypt-key and --outer-alg apply to --expect nested only",
        ));
    }
    if expect == Expect::Jws && !args.enc.is_empty() {
        return Err(usage("--enc applies to --expect jwe or nested only"));
    }
    let keys = key_file::load(&args.key.key)?;
    let encs = algs::encryption(&args.enc, "--enc")?;
    let builder = match expect {
        Expect::Jws if unsecured => dangerous::unsecured_verifier(),
        Expect::Jws => {
            let secured: Vec<String> = args
                .alg
                .iter()
                .filter(|a| *a != algs::NONE)
                .cloned()
                .collect();
            let algorithms = algs::signature(&secured, &keys, "--alg")?;
            Verifier::builder(keys.into_keys()).algorithms(algorithms)
        }
        Expect::Jwe => {
            let key_management = algs::key_management(&args.alg, &keys, "--alg")?;
            Verifier::builder(keys.into_keys())
                .encrypted()
                .key_management(key_management)
                .encryption(encs)
        }
        Expect::Nested => {
            let Some(path) = &args.decrypt_key else {
                return Err(usage(
                    "--expect nested needs --decrypt-key (the outer JWE's key)",
                ));
            };
            let decrypt_keys = key_file::load(path)?;
            let algorithms = algs::signature(&args.alg, &keys, "--alg")?;
            let key_management =
                algs::key_management(&args.outer_alg, &decrypt_keys, "--outer-alg")?;
            Verifier::builder(keys.into_keys())
                .nested(decrypt_keys.into_keys())
                .algorithms(algorithms)
                .key_management(key_management)
                .encryption(encs)
        }
    };
    let mut limits = args.jwe_limits.apply(crate::input::TOKEN_LIMITS);
    if let Some(max) = args.max_token {
        limits.max_token_bytes = max;
    }
    let mut builder = claim_checks(builder.limits(limits), &args.claims)?;
    if args.profile.profile == Some(Profile::AccessToken) {
        builder = builder.access_token();
        if let Some(client_id) = &args.profile.client_id {
            builder = builder.require_value("client_id", client_id.clone());
        }
        for scope in &args.profile.scope {
            builder = builder.require_scope(scope.clone());
        }
    }
    if let Some(now) = now {
        builder = builder.clock(FixedClock::at(now));
    }
    builder.build().map_err(Failure::usage)
}

fn claim_checks(
    mut builder: VerifierBuilder<Claims>,
    args: &ClaimArgs,
) -> Result<VerifierBuilder<Claims>, Failure> {
    for iss in &args.iss {
        builder = builder.issuer(iss.clone());
    }
    for aud in &args.aud {
        builder = builder.audience(aud.clone());
    }
    if args.any_aud {
        builder = builder.any_audience();
    }
    if let Some(sub) = &args.sub {
        builder = builder.subject(sub.clone());
    }
    if let Some(typ) = &args.typ {
        builder = builder.typ(typ.clone());
    }
    for requirement in &args.require {
        builder = match parse_requirement(requirement)? {
            (name, None) => builder.require(name),
            (name, Some(value)) => builder.require_value(name, value),
        };
    }
    if args.no_exp {
        builder = builder.no_exp();
    }
    if let Some(leeway) = args.leeway {
        builder = builder.leeway(leeway);
    }
    if let Some(max_age) = args.max_age {
        builder = builder.max_age(max_age);
    }
    Ok(builder)
}

/// `NAME` or `NAME=JSON` (split at the first `=`; the value is strict JSON).
fn parse_requirement(text: &str) -> Result<(String, Option<Value>), Failure> {
    let (name, value) = match text.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (text, None),
    };
    if name.is_empty() {
        return Err(usage(format!(
            "--require {text:?}: the claim name is empty"
        )));
    }
    let Some(value) = value else {
        return Ok((name.to_owned(), None));
    };
    claims::parse_value(value.as_bytes(), &crate::input::TOKEN_LIMITS)
        .map(|value| (name.to_owned(), Some(value)))
        .map_err(|e| {
            Failure::usage(Error::new(
                e.kind(),
                format!(
                    "--require {name}=...: the value must be JSON (quote strings: {name}='\"text\"'): {}",
                    e.message()
                ),
            ))
        })
}

fn usage(message: impl Into<String>) -> Failure {
    Failure::usage(Error::new(ErrorKind::Malformed, message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn requirements_are_a_name_or_a_name_and_json() {
        assert_eq!(parse_requirement("sub").unwrap(), ("sub".into(), None));
        assert_eq!(
            parse_requirement(r#"role="admin""#).unwrap(),
            ("role".into(), Some(json!("admin")))
        );
        assert_eq!(
            parse_requirement("n=[1,{\"a\":null}]").unwrap(),
            ("n".into(), Some(json!([1, {"a": null}])))
        );
        // Only the first '=' splits.
        assert_eq!(
            parse_requirement(r#"k="a=b""#).unwrap(),
            ("k".into(), Some(json!("a=b")))
        );
        for bad in ["=1", "role=admin", r#"x={"a":1,"a":2}"#, "x="] {
            let failure = parse_requirement(bad).unwrap_err();
            assert_eq!(failure.exit, crate::output::Exit::Usage, "{bad}");
        }
    }
}
