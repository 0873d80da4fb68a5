//! `--key FILE`: reads a key file and detects its format (JWK, JWK Set or PEM, plus
//! DER for binary files). Every failure here is a usage failure (exit 2): the command
//! could not run.

use crate::output::{self, Failure};
use jwt_core::{Error, ErrorKind, Jwk, JwkSet, KeySource, Keys};
use std::io::Read;
use std::path::Path;

/// Key files larger than this are refused before being read whole (a JWK Set of a few
/// hundred RSA keys still fits).
const MAX_KEY_FILE_BYTES: u64 = 1024 * 1024;

/// What a key file held.
#[derive(Debug)]
pub enum KeyFile {
    /// One key (a JWK, or a PEM/DER key or certificate).
    Key(Jwk),
    /// A JWK Set.
    Set(JwkSet),
}

impl KeyFile {
    /// Every key: the one key, or the set's usable keys in order.
    pub fn keys(&self) -> &[Jwk] {
        match self {
            KeyFile::Key(key) => std::slice::from_ref(key),
            KeyFile::Set(set) => set.keys(),
        }
    }

    /// The keys as a verifier or decrypter takes them (a set is searched by `kid`).
    pub fn source(&self) -> KeySource<'_> {
        match self {
            KeyFile::Key(key) => KeySource::Key(key),
            KeyFile::Set(set) => KeySource::Set(set),
        }
    }

    /// The keys, owned, for a [`jwt_core::Verifier`].
    pub fn into_keys(self) -> Keys {
        match self {
            KeyFile::Key(key) => Keys::Key(key),
            KeyFile::Set(set) => Keys::Set(set),
        }
    }

    /// The key to sign or encrypt with: from a JWK Set, the one with `kid` when a
    /// `kid` is given, else the set's only key.
    ///
    /// # Errors
    /// A usage failure when no key (or more than one) has that `kid`, or when a set
    /// without `kid` does not hold exactly one key.
    pub fn select(&self, kid: Option<&str>) -> Result<&Jwk, Failure> {
        match (self, kid) {
            (KeyFile::Set(set), Some(kid)) => set.find(kid).map_err(|e| {
                Failure::usage(Error::new(e.kind(), format!("--kid: {}", e.message())))
            }),
            _ => self.single(),
        }
    }

    /// The one key: a JWK Set is accepted when it holds exactly one.
    ///
    /// # Errors
    /// A usage failure when the set holds no key or several.
    pub fn single(&self) -> Result<&Jwk, Failure> {
        match self {
            KeyFile::Key(key) => Ok(key),
            KeyFile::Set(set) => match set.keys() {
                [key] => Ok(key),
                keys => Err(Failure::usage(Error::new(
                    ErrorKind::InvalidKey,
                    format!(
                        "the key file is a JWK Set of {} usable keys; this command needs exactly one",
                        keys.len()
                    ),
                ))),
            },
        }
    }
}

/// Reads and parses `path`, reporting a JWK Set's skipped entries on stderr.
///
/// # Errors
/// A usage failure (exit 2) naming the file when it cannot be read or holds no valid key.
pub fn load(path: &Path) -> Result<KeyFile, Failure> {
    load_with_password(path, None).map(|(key, _)| key)
}

/// As [`load`], with the password of an encrypted private key (`ENCRYPTED PRIVATE
/// KEY`, PEM or DER), which is used only when the key is encrypted. Also says whether it
/// was.
///
/// # Errors
/// As [`load`]; also a wrong password (`decryption_failed`) and the refusals of
/// [`Jwk::from_pem_with_password`].
pub fn load_with_password(
    path: &Path,
    password: Option<&[u8]>,
) -> Result<(KeyFile, bool), Failure> {
    let bytes = read(path)?;
    let (parsed, encrypted) = match password {
        None => (parse(&bytes), false),
        Some(password) if is_encrypted_pem(&bytes) => (
            utf8(&bytes)
                .and_then(|text| Jwk::from_pem_with_password(text, password))
                .map(KeyFile::Key),
            true,
        ),
        // DER that none of the unencrypted forms reads may be an encrypted key.
        Some(password) if bytes.first() == Some(&0x30) => match Jwk::from_der(&bytes) {
            Err(e) if e.kind() == ErrorKind::Malformed => (
                Jwk::from_der_with_password(&bytes, password).map(KeyFile::Key),
                true,
            ),
            other => (other.map(KeyFile::Key), false),
        },
        Some(_) => (parse(&bytes), false),
    };
    let key = parsed.map_err(|e| {
        Failure::usage(Error::new(
            e.kind(),
            format!("key file {}: {}", path.display(), e.message()),
        ))
    })?;
    if let KeyFile::Set(set) = &key {
        for skipped in set.skipped() {
            let kid = skipped
                .kid
                .as_deref()
                .map_or(String::new(), |kid| format!(" (kid {kid:?})"));
            output::warn(&format!(
                "key file {}: key #{}{kid} skipped: {}",
                path.display(),
                skipped.index,
                skipped.reason.message()
            ));
        }
    }
    Ok((key, encrypted))
}

/// Whether the file holds an `ENCRYPTED PRIVATE KEY` PEM block.
fn is_encrypted_pem(bytes: &[u8]) -> bool {
    const LABEL: &[u8] = b"-----BEGIN ENCRYPTED PRIVATE KEY-----";
    bytes.windows(LABEL.len()).any(|w| w == LABEL)
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    let cannot = |e: std::io::Error| {
        Failure::usage(Error::new(
            ErrorKind::InvalidKey,
            format!("cannot read key file {}: {e}", path.display()),
        ))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_KEY_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_KEY_FILE_BYTES {
        return Err(Failure::usage(Error::new(
            ErrorKind::LimitExceeded,
            format!(
                "key file {} is larger than {MAX_KEY_FILE_BYTES} bytes",
                path.display()
            ),
        )));
    }
    Ok(bytes)
}

const PEM_BEGIN: &[u8] = b"-----BEGIN ";

/// The format is decided by the first non-blank bytes: `{` is JSON (a set when it has
/// a `keys` member); a `-----BEGIN ` line anywhere makes it PEM; an ASN.1 SEQUENCE tag
/// as the very first byte makes it DER.
fn parse(bytes: &[u8]) -> Result<KeyFile, Error> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let content = bytes.get(start..).unwrap_or_default();
    if content.starts_with(b"{") {
        let text = utf8(bytes)?;
        if is_jwk_set(text) {
            JwkSet::from_json(text).map(KeyFile::Set)
        } else {
            Jwk::from_json(text).map(KeyFile::Key)
        }
    } else if content.windows(PEM_BEGIN.len()).any(|w| w == PEM_BEGIN) {
        // Text may precede the block (openssl's "Bag Attributes", comments).
        Jwk::from_pem(utf8(content)?).map(KeyFile::Key)
    } else if content.first() == Some(&0x30) && start == 0 {
        Jwk::from_der(bytes).map(KeyFile::Key)
    } else {
        Err(Error::new(
            ErrorKind::InvalidKey,
            "expected a JWK or JWK Set (JSON), a PEM key or certificate, or DER; found none of these",
        ))
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes)
        .map_err(|_| Error::new(ErrorKind::Malformed, "the key file is not valid UTF-8"))
}

/// Whether the JSON object has a top-level `keys` member. A lenient peek only to choose
/// the parser; the chosen parser then checks the text strictly.
fn is_jwk_set(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|value| value.get("keys").cloned())
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OCT: &str = r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;

    #[test]
    fn detects_jwk_and_jwk_set() {
        assert!(matches!(parse(OCT.as_bytes()), Ok(KeyFile::Key(_))));
        let set = format!("\n  {{\"keys\": [{OCT}]}}\n");
        match parse(set.as_bytes()) {
            Ok(KeyFile::Set(set)) => assert_eq!(set.keys().len(), 1),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_set_of_one_is_a_single_key_and_of_two_is_not() {
        let one = parse(format!(r#"{{"keys":[{OCT}]}}"#).as_bytes()).unwrap();
        assert!(one.single().is_ok());
        let two = parse(format!(r#"{{"keys":[{OCT},{OCT}]}}"#).as_bytes()).unwrap();
        let failure = two.single().unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::InvalidKey);
        assert!(failure.error.message().contains("2 usable keys"));
    }

    #[test]
    fn a_set_selects_by_kid() {
        let a = r#"{"kty":"oct","kid":"a","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#;
        let b = r#"{"kty":"oct","kid":"b","k":"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#;
        let set = parse(format!(r#"{{"keys":[{a},{b}]}}"#).as_bytes()).unwrap();
        assert_eq!(set.keys().len(), 2);
        assert_eq!(set.select(Some("b")).unwrap().kid(), Some("b"));
        let missing = set.select(Some("c")).unwrap_err();
        assert_eq!(missing.error.kind(), ErrorKind::KeyNotFound);
        assert!(set.select(None).is_err());
        let one = parse(a.as_bytes()).unwrap();
        // A single key is used whatever --kid says (the kid goes into the header).
        assert_eq!(one.select(Some("other")).unwrap().kid(), Some("a"));
        assert_eq!(one.keys().len(), 1);
    }

    #[test]
    fn rejects_what_is_no_key_format() {
        for bad in [&b""[..], b"hello", b"  \x30\x01", b"[1]"] {
            let error = parse(bad).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidKey, "{bad:?}");
        }
        assert!(parse(b"{\"kty\":\"oct\"}").is_err());
        assert!(parse(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").is_err());
        // Detected as PEM despite the text before it, then refused for its label.
        let labelled = parse(b"note\n-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n");
        assert_eq!(labelled.unwrap_err().kind(), ErrorKind::UnsupportedKey);
    }

    #[test]
    fn an_unreadable_file_is_a_usage_failure_naming_it() {
        let failure = load(Path::new("/nonexistent/key.jwk")).unwrap_err();
        assert_eq!(failure.exit, crate::output::Exit::Usage);
        assert!(failure.error.message().contains("/nonexistent/key.jwk"));
    }
}
