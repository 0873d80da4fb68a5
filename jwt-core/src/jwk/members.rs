//! Reading and writing the base64url members of a JWK (RFC 7517 §4, RFC 7518 §6).
//!
//! Two encodings exist. Base64urlUInt (RFC 7518 §2) is a big-endian unsigned integer
//! in the minimum number of octets: RSA `n`, `e`, `d`, `p`, `q`, `dp`, `dq`, `qi`.
//! We accept no leading zero octet in any of them, because RFC 7518 says "MUST" for
//! every Base64urlUInt and the RFCs grant no leniency here; a leading zero means the
//! producer is broken, and accepting it would give one key two spellings (and two
//! thumbprints' worth of confusion). Fixed-length members (EC `x`, `y`, `d`; OKP `x`,
//! `d`) must have exactly the curve's length (RFC 7518 §6.2.1.2, RFC 8037 §2).
//!
//! Decoded values are returned in [`Zeroizing`] buffers: the same helpers read secrets.

use crate::crypto::Zeroizing;
use crate::error::{Error, ErrorKind, Result};
use serde_json::{Map, Value};

/// The members of a JWK as parsed JSON.
pub(crate) type Members = Map<String, Value>;

/// A string member, or `None` when absent. Any other JSON type is an invalid key.
pub(crate) fn string<'a>(m: &'a Members, name: &str) -> Result<Option<&'a str>> {
    match m.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(Error::new(
            ErrorKind::InvalidKey,
            format!(
                "JWK member {name:?} must be a string, found {}",
                crate::strict_json::type_name(other)
            ),
        )),
    }
}

/// A required string member.
pub(crate) fn required_string<'a>(m: &'a Members, name: &str, what: &str) -> Result<&'a str> {
    string(m, name)?.ok_or_else(|| missing(name, what))
}

/// The error for an absent required member.
pub(crate) fn missing(name: &str, what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("{what} is missing the required member {name:?}"),
    )
}

/// A base64url member decoded (strictly), or `None` when absent.
pub(crate) fn bytes(m: &Members, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
    let Some(text) = string(m, name)? else {
        return Ok(None);
    };
    // Decoded straight into the zeroizing buffer, so that a failure halfway through a
    // private member leaves no partial copy behind either.
    let mut out = Zeroizing::new(Vec::new());
    crate::base64url::decode_append(text, &mut out)
        .map(|()| Some(out))
        .map_err(|e| {
            // The codec's message names the offending character position, never the value.
            Error::new(
                ErrorKind::InvalidKey,
                format!(
                    "JWK member {name:?} is not strict base64url ({})",
                    e.message()
                ),
            )
        })
}

/// A Base64urlUInt member (RFC 7518 §2): non-empty, no leading zero octet unless the
/// value is zero itself (`"AA"`).
pub(crate) fn uint(m: &Members, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
    let Some(value) = bytes(m, name)? else {
        return Ok(None);
    };
    match value.as_slice() {
        [] => Err(Error::new(
            ErrorKind::InvalidKey,
            format!("JWK member {name:?} is empty; a Base64urlUInt has at least one octet"),
        )),
        [0, _, ..] => Err(Error::new(
            ErrorKind::InvalidKey,
            format!(
                "JWK member {name:?} has a leading zero octet; RFC 7518 §2 requires the \
                 minimum number of octets"
            ),
        )),
        _ => Ok(Some(value)),
    }
}

/// A fixed-length member: exactly `len` octets.
pub(crate) fn fixed(
    m: &Members,
    name: &str,
    len: usize,
    what: &str,
) -> Result<Option<Zeroizing<Vec<u8>>>> {
    let Some(value) = bytes(m, name)? else {
        return Ok(None);
    };
    if value.len() != len {
        return Err(Error::new(
            ErrorKind::InvalidKey,
            format!(
                "JWK member {name:?} of {what} must be {len} bytes, found {}",
                value.len()
            ),
        ));
    }
    Ok(Some(value))
}

/// Writes `bytes` as a base64url member.
pub(crate) fn put(out: &mut Members, name: &str, bytes: &[u8]) {
    out.insert(
        name.to_owned(),
        Value::String(crate::base64url::encode(bytes)),
    );
}

/// Writes an integer as a Base64urlUInt member (leading zero octets stripped).
pub(crate) fn put_uint(out: &mut Members, name: &str, bytes: &[u8]) {
    put(out, name, minimal(bytes));
}

/// An unsigned big-endian integer without leading zero octets (zero stays one octet).
pub(crate) fn minimal(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    bytes.get(start..).unwrap_or_default()
}

/// Wipes every string in `value` (member names stay): JWK JSON, parsed or about to be
/// written, holds the base64url text of the private members.
pub(crate) fn zeroize_strings(value: &mut Value) {
    use zeroize::Zeroize;
    match value {
        Value::String(s) => s.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(zeroize_strings),
        Value::Object(m) => m.values_mut().for_each(zeroize_strings),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// Parsed JWK JSON whose strings are wiped on drop, on every return path.
pub(crate) struct WipeOnDrop(pub(crate) Value);

impl Drop for WipeOnDrop {
    fn drop(&mut self) {
        zeroize_strings(&mut self.0);
    }
}

/// `value` as JSON text, written into a buffer allocated once at its exact size (a
/// growing buffer would leave copies of private members in the memory it frees), then
/// `value` is wiped. The returned text is the caller's.
pub(crate) fn to_json_wiping(mut value: Value) -> String {
    /// Counts the bytes of the serialization.
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 = self.0.saturating_add(buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let mut out = Vec::new();
    // Serializing a map of strings, arrays and the caller's own JSON values cannot fail.
    if serde_json::to_writer(&mut count, &value).is_ok() {
        out.reserve_exact(count.0);
        if serde_json::to_writer(&mut out, &value).is_err() {
            zeroize::Zeroize::zeroize(&mut out);
        }
    }
    zeroize_strings(&mut value);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn members(v: Value) -> Members {
        match v {
            Value::Object(m) => m,
            _ => unreachable!("test input is an object"),
        }
    }

    #[test]
    fn uint_rejects_leading_zero_and_empty() {
        let m = members(json!({"a": "AQAB", "z": "AA", "lead": "AAEA", "empty": ""}));
        assert_eq!(uint(&m, "a").unwrap().unwrap().as_slice(), [1, 0, 1]);
        assert_eq!(uint(&m, "z").unwrap().unwrap().as_slice(), [0]);
        assert_eq!(uint(&m, "lead").unwrap_err().kind(), ErrorKind::InvalidKey);
        assert_eq!(uint(&m, "empty").unwrap_err().kind(), ErrorKind::InvalidKey);
        assert!(uint(&m, "absent").unwrap().is_none());
    }

    #[test]
    fn members_must_be_strict_base64url_strings() {
        let m = members(json!({"pad": "AQAB=", "std": "+/8", "num": 1}));
        for name in ["pad", "std", "num"] {
            assert_eq!(bytes(&m, name).unwrap_err().kind(), ErrorKind::InvalidKey);
        }
    }

    #[test]
    fn fixed_checks_the_exact_length() {
        let m = members(json!({"x": crate::base64url::encode([7u8; 31])}));
        let err = fixed(&m, "x", 32, "a P-256 key").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        assert!(err.message().contains("32 bytes, found 31"), "{err}");
        assert_eq!(fixed(&m, "x", 31, "k").unwrap().unwrap().len(), 31);
    }

    #[test]
    fn strings_are_wiped_and_json_is_written_whole() {
        let mut v = json!({"d": "c2VjcmV0", "n": [1, "x", {"k": "AQAB"}], "b": true});
        let text = to_json_wiping(v.clone());
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
        assert_eq!(text, serde_json::to_string(&v).unwrap());
        zeroize_strings(&mut v);
        assert_eq!(v, json!({"d": "", "n": [1, "", {"k": ""}], "b": true}));
    }

    #[test]
    fn put_uint_strips_leading_zeros_but_keeps_zero() {
        let mut out = Members::new();
        put_uint(&mut out, "a", &[0, 0, 1, 0]);
        put_uint(&mut out, "z", &[0, 0]);
        assert_eq!(out["a"], "AQA");
        assert_eq!(out["z"], "AA");
    }
}
