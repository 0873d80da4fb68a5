//! Allow-lists from the command line (CLI.md, "Allow-lists"): the algorithms named with
//! `--alg` (or `--outer-alg`, `--enc`), or, when none is named, each key's own `alg`.
//!
//! Every failure here is a usage failure (exit 2): no token has been looked at yet.
//! - A name that is not a registered algorithm of the right family: `unsupported_alg`.
//! - No name given and a key without `alg`: `alg_not_allowed` (nothing would be allowed).
//! - `RSA1_5` and `none` are never taken from a key's `alg`; only naming them allows them.

use crate::key_file::KeyFile;
use crate::output::Failure;
use jwt_core::{
    ContentEncryptionAlgorithm, Error, ErrorKind, Jwk, KeyManagementAlgorithm, SignatureAlgorithm,
};

/// The name of the unsecured "algorithm", which no allow-list holds implicitly.
pub const NONE: &str = "none";

/// The allowed JWS algorithms: `names` (from `flag`), or the keys' own.
///
/// # Errors
/// As the module says; `none` among `names` is refused here (callers that can read
/// unsecured tokens take it out first).
pub fn signature(
    names: &[String],
    keys: &KeyFile,
    flag: &str,
) -> Result<Vec<SignatureAlgorithm>, Failure> {
    if names.iter().any(|n| n == NONE) {
        return Err(Failure::usage(Error::new(
            ErrorKind::UnsupportedAlg,
            format!("{flag} none: unsecured tokens are read only by `jwt verify` (JWS) and `jwt verify --raw`"),
        )));
    }
    if !names.is_empty() {
        return parse_names(names, flag, SignatureAlgorithm::from_name);
    }
    from_keys(keys, flag, "signature", |name| {
        SignatureAlgorithm::from_name(name).ok()
    })
}

/// The allowed JWE key-management algorithms: `names` (from `flag`), or the keys' own.
/// A `dir` key pinned to a content encryption (`"alg": "A128GCM"`) allows `dir`.
///
/// # Errors
/// As the module says.
pub fn key_management(
    names: &[String],
    keys: &KeyFile,
    flag: &str,
) -> Result<Vec<KeyManagementAlgorithm>, Failure> {
    if !names.is_empty() {
        return parse_names(names, flag, KeyManagementAlgorithm::from_name);
    }
    from_keys(
        keys,
        flag,
        "key-management",
        |name| match KeyManagementAlgorithm::from_name(name) {
            Ok(KeyManagementAlgorithm::Rsa1_5) => None,
            Ok(alg) => Some(alg),
            Err(_) => ContentEncryptionAlgorithm::from_name(name)
                .ok()
                .map(|_| KeyManagementAlgorithm::Dir),
        },
    )
}

/// The allowed content encryptions: `names` (from `flag`), or all six registered ones.
///
/// # Errors
/// `unsupported_alg` for a name that is not a registered `enc`.
pub fn encryption(
    names: &[String],
    flag: &str,
) -> Result<Vec<ContentEncryptionAlgorithm>, Failure> {
    if names.is_empty() {
        return Ok(ContentEncryptionAlgorithm::ALL.to_vec());
    }
    parse_names(names, flag, ContentEncryptionAlgorithm::from_name)
}

/// One algorithm name given on the command line.
///
/// # Errors
/// `unsupported_alg` (exit 2) naming `flag`.
pub fn parse_one<A>(
    name: &str,
    flag: &str,
    parse: fn(&str) -> jwt_core::Result<A>,
) -> Result<A, Failure> {
    parse(name)
        .map_err(|e| Failure::usage(Error::new(e.kind(), format!("{flag}: {}", e.message()))))
}

fn parse_names<A: PartialEq>(
    names: &[String],
    flag: &str,
    parse: fn(&str) -> jwt_core::Result<A>,
) -> Result<Vec<A>, Failure> {
    let mut algs = Vec::with_capacity(names.len());
    for name in names {
        let alg = parse_one(name, flag, parse)?;
        if !algs.contains(&alg) {
            algs.push(alg);
        }
    }
    Ok(algs)
}

/// Each key's `alg`, mapped by `fits` (which drops the names it does not allow).
fn from_keys<A: PartialEq>(
    keys: &KeyFile,
    flag: &str,
    family: &str,
    fits: impl Fn(&str) -> Option<A>,
) -> Result<Vec<A>, Failure> {
    let mut algs = Vec::new();
    let mut found = Vec::new();
    for (index, key) in keys.keys().iter().enumerate() {
        let name = key.alg().ok_or_else(|| {
            Failure::usage(Error::new(
                ErrorKind::AlgNotAllowed,
                format!(
                    "{} has no \"alg\", so {flag} must name the allowed algorithms",
                    describe(keys, index, key)
                ),
            ))
        })?;
        found.push(name);
        if let Some(alg) = fits(name) {
            if !algs.contains(&alg) {
                algs.push(alg);
            }
        }
    }
    if algs.is_empty() {
        return Err(Failure::usage(Error::new(
            ErrorKind::AlgNotAllowed,
            format!(
                "no {family} algorithm is allowed: the key's \"alg\" is {found:?} \
                 (RSA1_5 and none must be named); name the allowed ones with {flag}"
            ),
        )));
    }
    Ok(algs)
}

fn describe(keys: &KeyFile, index: usize, key: &Jwk) -> String {
    match (keys, key.kid()) {
        (KeyFile::Key(_), _) => "the key".to_owned(),
        (KeyFile::Set(_), Some(kid)) => format!("key #{index} (kid {kid:?}) of the set"),
        (KeyFile::Set(_), None) => format!("key #{index} of the set"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jwt_core::JwkSet;

    const K: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    fn oct(alg: Option<&str>) -> KeyFile {
        let alg = alg.map_or(String::new(), |a| format!(r#","alg":"{a}""#));
        KeyFile::Key(Jwk::from_json(&format!(r#"{{"kty":"oct","k":"{K}"{alg}}}"#)).unwrap())
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn named_algorithms_win_and_are_deduplicated() {
        let algs = signature(&names(&["HS256", "HS384", "HS256"]), &oct(None), "--alg").unwrap();
        assert_eq!(algs, [SignatureAlgorithm::HS256, SignatureAlgorithm::HS384]);
        let failure = signature(&names(&["hs256"]), &oct(None), "--alg").unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::UnsupportedAlg);
        assert!(failure.error.message().starts_with("--alg"));
        let none = signature(&names(&["none"]), &oct(None), "--alg").unwrap_err();
        assert_eq!(none.error.kind(), ErrorKind::UnsupportedAlg);
    }

    #[test]
    fn without_names_the_keys_alg_is_the_list() {
        let algs = signature(&[], &oct(Some("HS512")), "--alg").unwrap();
        assert_eq!(algs, [SignatureAlgorithm::HS512]);
        let failure = signature(&[], &oct(None), "--alg").unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::AlgNotAllowed);
        assert_eq!(failure.exit, crate::output::Exit::Usage);
        // A key-wrapping key does not allow any signature algorithm.
        let failure = signature(&[], &oct(Some("A256KW")), "--alg").unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::AlgNotAllowed);
        let algs = key_management(&[], &oct(Some("A256KW")), "--alg").unwrap();
        assert_eq!(algs, [KeyManagementAlgorithm::A256Kw]);
    }

    #[test]
    fn a_set_needs_alg_on_every_key() {
        let set = |second: &str| {
            KeyFile::Set(
                JwkSet::from_json(&format!(
                    r#"{{"keys":[{{"kty":"oct","k":"{K}","alg":"HS256"}},{{"kty":"oct","kid":"b","k":"{K}"{second}}}]}}"#
                ))
                .unwrap(),
            )
        };
        let failure = signature(&[], &set(""), "--alg").unwrap_err();
        assert!(
            failure.error.message().contains("kid \"b\""),
            "{}",
            failure.error
        );
        let algs = signature(&[], &set(r#","alg":"HS384""#), "--alg").unwrap();
        assert_eq!(algs, [SignatureAlgorithm::HS256, SignatureAlgorithm::HS384]);
    }

    #[test]
    fn rsa1_5_is_never_taken_from_a_key_and_dir_keys_allow_dir() {
        let rsa = KeyFile::Key(Jwk::generate_for("RSA1_5").unwrap());
        let failure = key_management(&[], &rsa, "--alg").unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::AlgNotAllowed);
        assert!(failure.error.message().contains("RSA1_5"));
        let named = key_management(&names(&["RSA1_5"]), &rsa, "--alg").unwrap();
        assert_eq!(named, [KeyManagementAlgorithm::Rsa1_5]);
        let cek = Jwk::from_json(r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","alg":"A128GCM"}"#);
        let dir = key_management(&[], &KeyFile::Key(cek.unwrap()), "--alg").unwrap();
        assert_eq!(dir, [KeyManagementAlgorithm::Dir]);
    }

    #[test]
    fn enc_defaults_to_all_six() {
        assert_eq!(encryption(&[], "--enc").unwrap().len(), 6);
        let one = encryption(&names(&["A128GCM"]), "--enc").unwrap();
        assert_eq!(one, [ContentEncryptionAlgorithm::A128Gcm]);
        assert!(encryption(&names(&["A128KW"]), "--enc").is_err());
    }
}
