//! Token input: the positional argument byte for byte, or standard input with trailing
//! ASCII whitespace removed (so `echo $TOKEN | jwt ...` works).

use crate::output::Failure;
use jwt_core::{Error, ErrorKind, Limits};
use std::ffi::OsStr;
use std::io::Read;

/// The token from `arg`, or from standard input when `arg` is `None`.
///
/// # Errors
/// A rejected-token failure (exit 1) when the token is not UTF-8 or longer than the
/// default `max_token_bytes`; a usage failure (exit 2) when stdin cannot be read.
pub fn token(arg: Option<&OsStr>) -> Result<String, Failure> {
    let max = Limits::DEFAULT.max_token_bytes;
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
            token_from_stdin(bytes)
        }
    }
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

fn token_from_stdin(mut bytes: Vec<u8>) -> Result<String, Failure> {
    let max = Limits::DEFAULT.max_token_bytes;
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |last| last + 1);
    bytes.truncate(end);
    check_length(bytes.len(), max)?;
    String::from_utf8(bytes).map_err(|_| {
        Failure::rejected(Error::new(
            ErrorKind::Malformed,
            "the token on standard input is not valid UTF-8 (a token is base64url text)",
        ))
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdin_loses_trailing_ascii_whitespace_only() {
        assert_eq!(token_from_stdin(b"a.b.c \r\n\t".to_vec()).unwrap(), "a.b.c");
        assert_eq!(token_from_stdin(b" a.b\n.c".to_vec()).unwrap(), " a.b\n.c");
        assert_eq!(token_from_stdin(b"\n\n".to_vec()).unwrap(), "");
    }

    #[test]
    fn non_utf8_and_oversized_tokens_are_rejected() {
        let failure = token_from_stdin(vec![b'a', 0xff]).unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::Malformed);
        let max = Limits::DEFAULT.max_token_bytes;
        let failure = token_from_stdin(vec![b'a'; max + 1]).unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::LimitExceeded);
        assert!(token_from_stdin(vec![b'a'; max]).is_ok());
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let long = vec![b'x'; 10 + WHITESPACE_SLACK];
        let failure = read_bounded(&long[..], 10).unwrap_err();
        assert_eq!(failure.error.kind(), ErrorKind::LimitExceeded);
        assert_eq!(read_bounded(&long[1..], 10).unwrap().len(), long.len() - 1);
    }
}
