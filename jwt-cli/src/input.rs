//! Input other than keys: the token (the positional argument byte for byte, or
//! standard input with trailing ASCII whitespace removed, so `echo $TOKEN | jwt ...`
//! works), payloads (standard input or a file, byte for byte) and JSON objects given
//! on the command line.

use crate::output::Failure;
use jwt_core::jws::{self, HeaderMap};
use jwt_core::{claims, Error, ErrorKind, Limits};
use serde_json::Value;
use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;

/// The largest payload or plaintext read from standard input or a file. Far above any
/// token's content; it only keeps a mistaken `jwt sign < /dev/zero` from eating memory.
pub const MAX_PAYLOAD_BYTES: usize = 64 * 1024 * 1024;

/// The limits the command applies to tokens (docs/cli.md): the library's defaults,
/// except a token of up to 256 KiB with headers of up to 8 KiB and up to 16 JWS
/// signatures, as the command's contract has promised since before the library
/// lowered its defaults for services (a token here is the user's own file or argument).
pub const TOKEN_LIMITS: Limits = {
    let mut limits = Limits::DEFAULT;
    limits.max_token_bytes = 256 * 1024;
    limits.max_header_bytes = 8 * 1024;
    limits.max_signatures = 16;
    limits
};

/// The token from `arg`, or from standard input when `arg` is `None`.
///
/// # Errors
/// A rejected-token failure (exit 1) when the token is not UTF-8 or longer than the
/// [`TOKEN_LIMITS`]' `max_token_bytes`; a usage failure (exit 2) when stdin cannot be read.
pub fn token(arg: Option<&OsStr>) -> Result<String, Failure> {
    token_at_most(arg, TOKEN_LIMITS.max_token_bytes)
}

/// As [`token`], with `max` bytes in place of the default token size limit.
///
/// # Errors
/// As [`token`].
pub fn token_at_most(arg: Option<&OsStr>, max: usize) -> Result<String, Failure> {
    match arg {
        Some(arg) => {
            let token = arg.to_str().ok_or_else(|| {
                Failure::rejected(Error::new(
                    ErrorKind::Malformed,
                    "the token argument is not valid UTF-8 (a token is base64url text)",
                ))
            })?;
            check_length(token.len(), max)?;
            Ok(token.to_owned())
        }
        None => {
            let bytes = read_bounded(std::io::stdin().lock(), max)?;
            token_from_stdin(bytes, max)
        }
    }
}

/// A payload from standard input, byte for byte.
///
/// # Errors
/// A usage failure (exit 2) when stdin cannot be read or holds more than
/// [`MAX_PAYLOAD_BYTES`].
pub fn stdin_payload() -> Result<Vec<u8>, Failure> {
    read_payload(std::io::stdin().lock(), "standard input")
}

/// A payload from the file at `path`, byte for byte.
///
/// # Errors
/// A usage failure (exit 2) naming the file when it cannot be read or is larger than
/// [`MAX_PAYLOAD_BYTES`].
pub fn file_payload(path: &Path) -> Result<Vec<u8>, Failure> {
    let what = format!("file {}", path.display());
    let file = std::fs::File::open(path).map_err(|e| {
        Failure::usage(Error::new(
            ErrorKind::Malformed,
            format!("cannot read {what}: {e}"),
        ))
    })?;
    read_payload(file, &what)
}

fn read_payload(reader: impl Read, what: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(MAX_PAYLOAD_BYTES).unwrap_or(u64::MAX) + 1;
    reader.take(limit).read_to_end(&mut bytes).map_err(|e| {
        Failure::usage(Error::new(
            ErrorKind::Malformed,
            format!("cannot read {what}: {e}"),
        ))
    })?;
    if bytes.len() > MAX_PAYLOAD_BYTES {
        return Err(Failure::usage(Error::new(
            ErrorKind::LimitExceeded,
            format!("{what} holds more than {MAX_PAYLOAD_BYTES} bytes"),
        )));
    }
    Ok(bytes)
}

/// Claims given as JSON (`--claims`, or standard input), parsed as strictly as a
/// received token's claims: duplicate members are refused.
///
/// # Errors
/// A usage failure (exit 2) naming `flag` when the text is not one JSON object.
pub fn json_object(flag: &str, text: &str) -> Result<HeaderMap, Failure> {
    claims::parse_object(text.as_bytes(), &command_line_limits())
        .map_err(|e| not_an_object(flag, &e))
}

/// A header given as JSON (`--header`), parsed as strictly as a received header.
fn header_object(flag: &str, text: &str) -> Result<HeaderMap, Failure> {
    jws::parse_header(text.as_bytes(), &command_line_limits()).map_err(|e| not_an_object(flag, &e))
}

/// The command's token limits, with the size bound of JSON given on the command line raised
/// to [`MAX_PAYLOAD_BYTES`]: the user's own input, not a received token.
fn command_line_limits() -> Limits {
    let mut limits = TOKEN_LIMITS;
    limits.max_token_bytes = MAX_PAYLOAD_BYTES;
    limits.max_header_bytes = MAX_PAYLOAD_BYTES;
    limits
}

fn not_an_object(flag: &str, e: &Error) -> Failure {
    Failure::usage(Error::new(
        e.kind(),
        format!("{flag} must be a JSON object: {}", e.message()),
    ))
}

/// Room for trailing whitespace after a token of the maximum length.
const WHITESPACE_SLACK: usize = 4096;

/// Reads the whole input, refusing (without holding it in memory) one longer than a
/// maximal token plus [`WHITESPACE_SLACK`].
fn read_bounded(reader: impl Read, max: usize) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let cap = max.saturating_add(WHITESPACE_SLACK);
    let limit = u64::try_from(cap).unwrap_or(u64::MAX);
    reader.take(limit).read_to_end(&mut bytes).map_err(|e| {
        Failure::usage(Error::new(
            ErrorKind::Malformed,
            format!("cannot read the token from standard input: {e}"),
        ))
    })?;
    if bytes.len() >= cap {
        return Err(Failure::rejected(Error::new(
            ErrorKind::LimitExceeded,
            format!("the input on standard input is longer than a token may be ({max} bytes)"),
        )));
    }
    Ok(bytes)
}

fn token_from_stdin(bytes: Vec<u8>, max: usize) -> Result<String, Failure> {
    let text = trim_end(bytes);
    check_length(text.len(), max)?;
    String::from_utf8(text).map_err(|_| {
        Failure::rejected(Error::new(
            ErrorKind::Malformed,
            "the token on standard input is not valid UTF-8 (a token is base64url text)",
        ))
    })
}

/// Removes trailing ASCII whitespace (a token read from a pipe ends in a newline).
pub fn trim_end(mut bytes: Vec<u8>) -> Vec<u8> {
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |last| last + 1);
    bytes.truncate(end);
    bytes
}

fn check_length(len: usize, max: usize) -> Result<(), Failure> {
    if len > max {
        return Err(Failure::rejected(Error::new(
            ErrorKind::LimitExceeded,
            format!("the token is longer than {max} bytes"),
        )));
    }
    Ok(())
}

/// `--header` (a JSON object) plus the members that dedicated flags (`--typ`, `--kid`,
/// `--cty`) set; a flag may repeat a `--header` member but not contradict it.
///
/// # Errors
/// A usage failure (exit 2) for bad JSON or a contradiction.
pub fn header_members(
    json: Option<&str>,
    flags: &[(&str, &Option<String>)],
) -> Result<HeaderMap, Failure> {
    let mut header = match json {
        Some(text) => header_object("--header", text)?,
        None => HeaderMap::new(),
    };
    for (name, value) in flags {
        let Some(value) = value else { continue };
        match header.insert((*name).to_owned(), Value::String(value.clone())) {
            Some(Value::String(old)) if old == *value => {}
            None => {}
            Some(old) => {
                return Err(Failure::usage(Error::new(
                    ErrorKind::InvalidHeader,
                    format!("--{name} {value:?} contradicts \"{name}\": {old} in --header"),
                )))
            }
        }
    }
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: usize = TOKEN_LIMITS.max_token_bytes;

    #[test]
    fn stdin_loses_trailing_ascii_whitespace_only() {
        let token = |bytes: &[u8]| token_from_stdin(bytes.to_vec(), MAX).unwrap();
        assert_eq!(token(b"a.b.c \r\n\t"), "a.b.c");
        assert_eq!(token(b" a.b\n.c"), " a.b\n.c");
        assert_eq!(token(b"\n\n"), "");
    }

    #[test]
    fn non_utf8_and_oversized_tokens_are_rejected() {
        let failure = token_from_stdin(vec![b'a', 0xff], MAX).unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::Malformed);
        let failure = token_from_stdin(vec![b'a'; MAX + 1], MAX).unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::LimitExceeded);
        assert!(token_from_stdin(vec![b'a'; MAX], MAX).is_ok());
        assert!(token_from_stdin(vec![b'a'; 11], 10).is_err());
    }

    #[test]
    fn payloads_are_read_exactly_and_bounded() {
        assert_eq!(read_payload(&b"a\n"[..], "x").unwrap(), b"a\n");
        let long = vec![0u8; MAX_PAYLOAD_BYTES + 1];
        let failure = read_payload(&long[..], "x").unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::LimitExceeded);
        assert_eq!(failure.exit, crate::output::Exit::Usage);
        let missing = file_payload(Path::new("/nonexistent/payload")).unwrap_err();
        assert!(missing.error.message().contains("/nonexistent/payload"));
    }

    #[test]
    fn command_line_json_must_be_one_strict_object() {
        assert_eq!(json_object("--claims", r#"{"a":1}"#).unwrap()["a"], 1);
        for bad in ["[1]", "{", r#"{"a":1,"a":2}"#, "1", ""] {
            let failure = json_object("--claims", bad).unwrap_err();
            assert_eq!(failure.exit, crate::output::Exit::Usage, "{bad}");
            assert!(failure.error.message().starts_with("--claims"), "{bad}");
        }
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let long = vec![b'x'; 10 + WHITESPACE_SLACK];
        let failure = read_bounded(&long[..], 10).unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::LimitExceeded);
        assert_eq!(read_bounded(&long[1..], 10).unwrap().len(), long.len() - 1);
    }

    #[test]
    fn header_flags_add_members_and_must_agree_with_header_json() {
        let some = |v: &str| Some(v.to_owned());
        let (typ, kid) = (some("JWT"), some("k"));
        let header = header_members(
            Some(r#"{"cty":"x","typ":"JWT"}"#),
            &[("typ", &typ), ("kid", &kid)],
        );
        assert_eq!(
            Value::Object(header.unwrap()),
            serde_json::json!({"cty": "x", "typ": "JWT", "kid": "k"})
        );
        let b = some("b");
        let failure = header_members(Some(r#"{"kid":"a"}"#), &[("kid", &b)]).unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::InvalidHeader);
        let failure = header_members(Some(r#"{"kid":1}"#), &[("kid", &b)]).unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::InvalidHeader);
        let failure = header_members(Some("[]"), &[]).unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::Malformed);
        assert!(header_members(None, &[("typ", &None)]).unwrap().is_empty());
    }
}
