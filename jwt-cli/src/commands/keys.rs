//! The key commands: `keygen`, `pubkey`, `thumbprint`, `convert`.
//!
//! Every failure here is a usage failure (exit 2): no token is involved.
//! `--json` shapes: keygen and pubkey of one key and convert to JWK give
//! `{"ok":true,"jwk":{..}}`; pubkey of a JWK Set `{"ok":true,"jwks":{"keys":[..]}}`;
//! convert to PEM `{"ok":true,"pem":".."}`; thumbprint
//! `{"ok":true,"hash":"sha-256","thumbprint":"..","uri":"urn:ietf:params:oauth:jwk-thumbprint:.."}`.

use crate::args::KeyArg;
use crate::key_file::{self, KeyFile};
use crate::output::{Failure, Success};
use clap::{Args, ValueEnum};
use jwt_core::jwa::KeyRequirement;
use jwt_core::{
    ContentEncryptionAlgorithm, Curve, Error, ErrorKind, Jwk, KeyManagementAlgorithm, KeyUse,
    PemEncryption, SignatureAlgorithm, ThumbprintHash,
};
use serde_json::{json, Value};
use zeroize::Zeroizing;

/// Flags of `jwt keygen`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Key type (may be left out with --alg).
    #[arg(long, value_enum, required_unless_present = "alg")]
    kty: Option<Kty>,
    /// Key size in bits (oct: default 256; RSA: default 2048).
    #[arg(long, value_name = "BITS")]
    size: Option<usize>,
    /// Curve (EC: default P-256; OKP: default Ed25519).
    #[arg(long, value_name = "CURVE")]
    crv: Option<String>,
    /// Algorithm the key is bound to (its `alg` member); alone, it also picks the
    /// key type and size or curve.
    #[arg(long)]
    alg: Option<String>,
    /// Public key use (`use` member).
    #[arg(long = "use", value_enum, value_name = "USE")]
    key_use: Option<UseArg>,
    /// Key ID (`kid` member).
    #[arg(long, conflicts_with = "kid_thumbprint")]
    kid: Option<String>,
    /// Set `kid` to the key's RFC 7638 SHA-256 thumbprint.
    #[arg(long)]
    kid_thumbprint: bool,
}

/// Flags of `jwt pubkey`.
#[derive(Debug, Args)]
pub struct PubkeyArgs {
    #[command(flatten)]
    key: KeyArg,
}

/// Flags of `jwt thumbprint`.
#[derive(Debug, Args)]
pub struct ThumbprintArgs {
    #[command(flatten)]
    key: KeyArg,
    /// Hash function of the thumbprint.
    #[arg(long, value_enum, default_value = "sha-256")]
    hash: HashArg,
    /// Print the RFC 9278 thumbprint URI instead.
    #[arg(long)]
    uri: bool,
}

/// Flags of `jwt convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    key: KeyArg,
    /// Output format: JWK, or PEM (PKCS#8 for a private key, SPKI for a public one).
    #[arg(long, value_enum)]
    to: Format,
    /// Convert the public key only.
    #[arg(long)]
    public: bool,
    /// A file whose first line is the password of an encrypted private key: it decrypts
    /// an `ENCRYPTED PRIVATE KEY` input, and with --to pem it encrypts the output.
    #[arg(long, value_name = "FILE")]
    password_file: Option<std::path::PathBuf>,
}

/// The longest password file read.
const MAX_PASSWORD_FILE_BYTES: u64 = 4096;

/// The first line of a password file, without its line ending (as OpenSSL's
/// `-passin file:` reads it).
fn read_password(path: &std::path::Path) -> Result<Zeroizing<Vec<u8>>, Failure> {
    use std::io::Read;
    let cannot = |message: String| Failure::usage(Error::new(ErrorKind::InvalidKey, message));
    let file = std::fs::File::open(path)
        .map_err(|e| cannot(format!("cannot read password file {}: {e}", path.display())))?;
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(MAX_PASSWORD_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(format!("cannot read password file {}: {e}", path.display())))?;
    if bytes.len() as u64 > MAX_PASSWORD_FILE_BYTES {
        return Err(Failure::usage(Error::new(
            ErrorKind::LimitExceeded,
            format!(
                "password file {} is larger than {MAX_PASSWORD_FILE_BYTES} bytes",
                path.display()
            ),
        )));
    }
    let line_end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let mut line = Zeroizing::new(bytes.get(..line_end).unwrap_or_default().to_vec());
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(line)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Kty {
    #[value(name = "oct")]
    Oct,
    #[value(name = "RSA")]
    Rsa,
    #[value(name = "EC")]
    Ec,
    #[value(name = "OKP")]
    Okp,
    /// An algorithm key pair (ML-DSA); needs --alg.
    #[value(name = "AKP")]
    Akp,
}

impl Kty {
    fn name(self) -> &'static str {
        match self {
            Kty::Oct => "oct",
            Kty::Rsa => "RSA",
            Kty::Ec => "EC",
            Kty::Okp => "OKP",
            Kty::Akp => "AKP",
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum UseArg {
    Sig,
    Enc,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum HashArg {
    #[value(name = "sha-256")]
    Sha256,
    #[value(name = "sha-384")]
    Sha384,
    #[value(name = "sha-512")]
    Sha512,
}

impl HashArg {
    fn hash(self) -> ThumbprintHash {
        match self {
            HashArg::Sha256 => ThumbprintHash::Sha256,
            HashArg::Sha384 => ThumbprintHash::Sha384,
            HashArg::Sha512 => ThumbprintHash::Sha512,
        }
    }

    /// The RFC 9278 / IANA Named Information name, as on the command line.
    fn name(self) -> &'static str {
        match self {
            HashArg::Sha256 => "sha-256",
            HashArg::Sha384 => "sha-384",
            HashArg::Sha512 => "sha-512",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Jwk,
    Pem,
}

/// What keygen makes when the algorithm alone does not decide it.
enum Shape {
    Oct(usize),
    Rsa(usize),
    Curve(Curve),
    /// An AKP key for this algorithm (its `alg` is part of the key).
    Akp(SignatureAlgorithm),
}

/// Runs `jwt keygen`.
pub fn keygen(args: &KeygenArgs) -> Result<Success, Failure> {
    let key = generate(args).map_err(Failure::usage)?;
    Ok(jwk_success(&key))
}

fn generate(args: &KeygenArgs) -> Result<Jwk, Error> {
    let required = args.alg.as_deref().map(requirement).transpose()?;
    let mut key = match (&args.alg, args.kty, args.size, &args.crv) {
        // The algorithm alone: the library's choice of the fitting key.
        (Some(alg), None, None, None) => Jwk::generate_for(alg)?,
        _ => {
            let shape = shape(args, required)?;
            // Checked before generating: an RSA key is slow to make for nothing.
            if let Some(alg) = &args.alg {
                check_fit(alg, &shape)?;
            }
            let mut key = match shape {
                Shape::Oct(bits) => Jwk::generate_oct(bits)?,
                Shape::Rsa(bits) => Jwk::generate_rsa(bits)?,
                Shape::Curve(curve) if curve.is_okp() => Jwk::generate_okp(curve)?,
                Shape::Curve(curve) => Jwk::generate_ec(curve)?,
                Shape::Akp(alg) => Jwk::generate_akp(alg)?,
            };
            if let Some(alg) = &args.alg {
                key.set_alg(alg)?;
            }
            key
        }
    };
    if let Some(key_use) = args.key_use {
        key.set_use(match key_use {
            UseArg::Sig => KeyUse::Signature,
            UseArg::Enc => KeyUse::Encryption,
        })?;
    }
    if let Some(kid) = &args.kid {
        key.set_kid(kid.as_str());
    }
    if args.kid_thumbprint {
        key = key.with_thumbprint_kid();
    }
    Ok(key)
}

/// The key type and size or curve from `--kty`, `--size` and `--crv`; what they leave
/// open is filled in to fit `required` (the `--alg` requirement) where there is one.
fn shape(args: &KeygenArgs, required: Option<KeyRequirement>) -> Result<Shape, Error> {
    let usage = |message: String| Error::new(ErrorKind::Malformed, message);
    let curve = args.crv.as_deref().map(Curve::from_name).transpose()?;
    let kty = match (args.kty, curve, required) {
        (Some(kty), _, _) => kty,
        (None, Some(curve), _) if curve.is_okp() => Kty::Okp,
        (None, Some(_), _) => Kty::Ec,
        (None, None, Some(KeyRequirement::Rsa)) => Kty::Rsa,
        (None, None, Some(KeyRequirement::Akp(_))) => Kty::Akp,
        (
            None,
            None,
            Some(
                KeyRequirement::OctAtLeast(_)
                | KeyRequirement::OctExactly(_)
                | KeyRequirement::Password,
            ),
        ) => Kty::Oct,
        (None, None, _) => {
            return Err(usage(
                "--size applies to --kty oct or --kty RSA; give --kty".into(),
            ))
        }
    };
    match (kty, args.size, curve) {
        (Kty::Akp, None, None) => match required {
            Some(KeyRequirement::Akp(alg)) => Ok(Shape::Akp(alg)),
            Some(_) => Err(Error::new(
                ErrorKind::KeyTypeMismatch,
                format!(
                    "--alg {} does not use AKP keys; AKP keys are for ML-DSA-44, ML-DSA-65 \
                     and ML-DSA-87",
                    args.alg.as_deref().unwrap_or_default()
                ),
            )),
            None => Err(usage(
                "--kty AKP needs --alg: ML-DSA-44, ML-DSA-65 or ML-DSA-87".into(),
            )),
        },
        (Kty::Akp, _, _) => Err(usage(
            "--size and --crv do not apply to --kty AKP; its --alg decides the key".into(),
        )),
        (Kty::Oct | Kty::Rsa, _, Some(curve)) => Err(usage(format!(
            "--crv {curve} does not apply to --kty {}",
            kty.name()
        ))),
        (Kty::Ec | Kty::Okp, Some(_), _) => Err(usage(format!(
            "--size does not apply to --kty {}; choose a curve with --crv",
            kty.name()
        ))),
        (Kty::Oct, size, None) => {
            let fitting = match required {
                Some(KeyRequirement::OctExactly(bytes)) => bytes * 8,
                Some(KeyRequirement::OctAtLeast(bytes)) => (bytes * 8).max(256),
                _ => 256,
            };
            Ok(Shape::Oct(size.unwrap_or(fitting)))
        }
        (Kty::Rsa, size, None) => Ok(Shape::Rsa(size.unwrap_or(2048))),
        (Kty::Ec, None, curve) => {
            let fitting = match required {
                Some(KeyRequirement::Ec(curve)) => curve,
                _ => Curve::P256,
            };
            match curve.unwrap_or(fitting) {
                curve if curve.is_okp() => Err(usage(format!(
                    "--crv {curve} is an OKP curve; use --kty OKP"
                ))),
                curve => Ok(Shape::Curve(curve)),
            }
        }
        (Kty::Okp, None, curve) => {
            let fitting = match required {
                Some(KeyRequirement::Okp(curve)) => curve,
                Some(KeyRequirement::KeyAgreement) => Curve::X25519,
                _ => Curve::Ed25519,
            };
            match curve.unwrap_or(fitting) {
                curve if !curve.is_okp() => {
                    Err(usage(format!("--crv {curve} is an EC curve; use --kty EC")))
                }
                curve => Ok(Shape::Curve(curve)),
            }
        }
    }
}

/// The key an algorithm needs, by its registered name of any family.
fn requirement(alg: &str) -> Result<KeyRequirement, Error> {
    if let Ok(alg) = SignatureAlgorithm::from_name(alg) {
        return Ok(alg.key_requirement());
    }
    if let Ok(alg) = KeyManagementAlgorithm::from_name(alg) {
        return Ok(alg.key_requirement());
    }
    if let Ok(enc) = ContentEncryptionAlgorithm::from_name(alg) {
        return Ok(KeyRequirement::OctExactly(enc.key_len()));
    }
    Err(Error::new(
        ErrorKind::UnsupportedAlg,
        format!("unsupported algorithm {alg:?}: expected a registered JWS, JWE key-management or content-encryption name (case-sensitive)"),
    ))
}

/// Refuses to write an `alg` the generated key could never be used with.
fn check_fit(alg: &str, shape: &Shape) -> Result<(), Error> {
    let required = requirement(alg)?;
    let (fits, weak) = match (required, shape) {
        (KeyRequirement::OctAtLeast(bytes), Shape::Oct(bits)) => (true, bits / 8 < bytes),
        (KeyRequirement::OctExactly(bytes), Shape::Oct(bits)) => (bits / 8 == bytes, false),
        (KeyRequirement::Password, Shape::Oct(_)) => (true, false),
        (KeyRequirement::Rsa, Shape::Rsa(bits)) => (true, *bits < jwt_core::jwa::MIN_RSA_BITS),
        (KeyRequirement::Ec(want), Shape::Curve(curve))
        | (KeyRequirement::Okp(want), Shape::Curve(curve)) => (want == *curve, false),
        (KeyRequirement::EdwardsCurve, Shape::Curve(curve)) => {
            (matches!(curve, Curve::Ed25519 | Curve::Ed448), false)
        }
        (KeyRequirement::KeyAgreement, Shape::Curve(curve)) => (
            matches!(
                curve,
                Curve::P256 | Curve::P384 | Curve::P521 | Curve::X25519 | Curve::X448
            ),
            false,
        ),
        (KeyRequirement::Akp(want), Shape::Akp(alg)) => (want == *alg, false),
        _ => (false, false),
    };
    if !fits {
        return Err(Error::new(
            ErrorKind::KeyTypeMismatch,
            format!("--alg {alg} cannot be used with the key that --kty/--size/--crv ask for; leave them out to get a fitting key"),
        ));
    }
    if weak {
        return Err(Error::new(
            ErrorKind::WeakKey,
            format!("--size is too small for --alg {alg}"),
        ));
    }
    Ok(())
}

/// Runs `jwt pubkey`.
pub fn pubkey(args: &PubkeyArgs) -> Result<Success, Failure> {
    match key_file::load(&args.key.key)? {
        KeyFile::Key(key) => Ok(jwk_success(&key.public().map_err(Failure::usage)?)),
        KeyFile::Set(set) => {
            let public = set.public().map_err(Failure::usage)?;
            let text = public.to_json();
            let jwks = parsed(&text);
            Ok(Success::new(text, json!({ "jwks": jwks })))
        }
    }
}

/// Runs `jwt thumbprint`.
pub fn thumbprint(args: &ThumbprintArgs) -> Result<Success, Failure> {
    let file = key_file::load(&args.key.key)?;
    let key = file.single()?;
    let hash = args.hash.hash();
    let thumbprint = key.thumbprint(hash);
    let uri = key.thumbprint_uri(hash);
    let text = if args.uri { &uri } else { &thumbprint };
    Ok(Success::new(
        text.clone(),
        json!({"hash": args.hash.name(), "thumbprint": thumbprint, "uri": uri}),
    ))
}

/// Runs `jwt convert`.
pub fn convert(args: &ConvertArgs) -> Result<Success, Failure> {
    let password = args
        .password_file
        .as_deref()
        .map(read_password)
        .transpose()?;
    let (file, decrypted) =
        key_file::load_with_password(&args.key.key, password.as_ref().map(|p| p.as_slice()))?;
    let key = file.single()?;
    let public;
    let key = if args.public {
        public = key.public().map_err(Failure::usage)?;
        &public
    } else {
        key
    };
    let encrypt = password.is_some() && args.to == Format::Pem && key.is_private();
    if password.is_some() && !decrypted && !encrypt {
        // A password that protects nothing, either way, is a mistake worth hearing about.
        return Err(Failure::usage(Error::new(
            ErrorKind::Malformed,
            "--password-file: the key file is not encrypted and the output is not an \
             encrypted private key (--to pem of a private key)",
        )));
    }
    match (args.to, password) {
        (Format::Jwk, _) => Ok(jwk_success(key)),
        (Format::Pem, Some(password)) if encrypt => {
            let pem = key
                .to_encrypted_pem(&password, PemEncryption::DEFAULT)
                .map_err(Failure::usage)?;
            Ok(Success::new(pem.clone(), json!({ "pem": pem })))
        }
        (Format::Pem, _) => {
            let pem = key.to_pem().map_err(Failure::usage)?;
            Ok(Success::new(pem.clone(), json!({ "pem": pem })))
        }
    }
}

fn jwk_success(key: &Jwk) -> Success {
    Success::new(key.to_json(), json!({ "jwk": key.to_value() }))
}

/// JSON the library just serialized, as a value (kept as a string if it ever were not).
fn parsed(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithms_of_every_family_have_a_requirement() {
        assert_eq!(
            requirement("HS384").unwrap(),
            KeyRequirement::OctAtLeast(48)
        );
        assert_eq!(
            requirement("A192KW").unwrap(),
            KeyRequirement::OctExactly(24)
        );
        assert_eq!(
            requirement("A256CBC-HS512").unwrap(),
            KeyRequirement::OctExactly(64)
        );
        for bad in ["hs256", "none", "RSA1_6", ""] {
            assert_eq!(
                requirement(bad).unwrap_err().kind(),
                ErrorKind::UnsupportedAlg,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_alg_must_fit_the_requested_key() {
        assert!(check_fit("HS256", &Shape::Oct(256)).is_ok());
        assert!(check_fit("A128KW", &Shape::Oct(128)).is_ok());
        assert!(check_fit("ES384", &Shape::Curve(Curve::P384)).is_ok());
        assert!(check_fit("EdDSA", &Shape::Curve(Curve::Ed25519)).is_ok());
        assert!(check_fit("ECDH-ES", &Shape::Curve(Curve::X25519)).is_ok());
        assert!(check_fit("RSA-OAEP", &Shape::Rsa(3072)).is_ok());
        assert!(check_fit("ML-DSA-65", &Shape::Akp(SignatureAlgorithm::MlDsa65)).is_ok());
        let cases = [
            ("HS512", Shape::Oct(256), ErrorKind::WeakKey),
            ("RS256", Shape::Rsa(1024), ErrorKind::WeakKey),
            ("A128KW", Shape::Oct(256), ErrorKind::KeyTypeMismatch),
            (
                "ES256",
                Shape::Curve(Curve::P384),
                ErrorKind::KeyTypeMismatch,
            ),
            (
                "EdDSA",
                Shape::Curve(Curve::X25519),
                ErrorKind::KeyTypeMismatch,
            ),
            (
                "ECDH-ES",
                Shape::Curve(Curve::Secp256k1),
                ErrorKind::KeyTypeMismatch,
            ),
            ("HS256", Shape::Rsa(2048), ErrorKind::KeyTypeMismatch),
            (
                "ML-DSA-65",
                Shape::Akp(SignatureAlgorithm::MlDsa44),
                ErrorKind::KeyTypeMismatch,
            ),
            (
                "ES256",
                Shape::Akp(SignatureAlgorithm::MlDsa44),
                ErrorKind::KeyTypeMismatch,
            ),
            (
                "ML-DSA-44",
                Shape::Curve(Curve::P256),
                ErrorKind::KeyTypeMismatch,
            ),
        ];
        for (alg, shape, kind) in cases {
            assert_eq!(check_fit(alg, &shape).unwrap_err().kind(), kind, "{alg}");
        }
    }
}
