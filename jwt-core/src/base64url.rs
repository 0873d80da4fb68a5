//! Strict unpadded base64url (RFC 7515 §2, RFC 4648 §5).
//!
//! Exactly one encoding of any byte string is accepted: no `=` padding, no `+` or `/`
//! (the standard alphabet), no whitespace, no length that no encoder can produce
//! (4n+1), and no non-zero bits after the last encoded byte. Accepting more would let
//! one token have several spellings, which breaks replay caches and signature
//! comparisons that work on the text.

use crate::error::{Error, Result};
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

const STRICT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// Encodes `bytes` as unpadded base64url.
pub fn encode(bytes: impl AsRef<[u8]>) -> String {
    STRICT.encode(bytes)
}

/// Appends the unpadded base64url encoding of `bytes` to `out`.
pub fn encode_to(bytes: impl AsRef<[u8]>, out: &mut String) {
    STRICT.encode_string(bytes, out)
}

/// Appends the unpadded base64url encoding of `bytes` to `out` in one pass (no
/// intermediate chunks, no UTF-8 check): for callers building a token as bytes.
pub(crate) fn append_encoded(bytes: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    let len = bytes.len() / 3 * 4 + [0, 2, 3][bytes.len() % 3];
    out.resize(start + len, 0);
    let written = out
        .get_mut(start..)
        .and_then(|tail| STRICT.encode_slice(bytes, tail).ok());
    if written != Some(len) {
        // Cannot happen (the tail has exactly the encoded length); if it did, the
        // general encoder still writes the right text rather than a short segment.
        out.truncate(start);
        out.extend_from_slice(encode(bytes).as_bytes());
    }
}

#[cfg_attr(not(feature = "jwe"), allow(dead_code))] // used by JWE (and tested without it)
/// Decodes `text` onto the end of `out`.
///
/// # Errors
/// As [`decode`].
pub(crate) fn decode_append(text: &str, out: &mut Vec<u8>) -> Result<()> {
    let len = decoded_len(text.len()).ok_or_else(|| impossible_length(text.len()))?;
    let start = out.len();
    out.resize(start + len, 0);
    let tail = out.get_mut(start..).unwrap_or_default();
    let decoded = decode_to_slice(text, tail);
    // On failure `out` is left as it was.
    out.truncate(start + *decoded.as_ref().unwrap_or(&0));
    decoded.map(|_| ())
}

/// The exact number of bytes `encoded_len` base64url characters decode to, or `None`
/// for a length no encoder produces.
pub const fn decoded_len(encoded_len: usize) -> Option<usize> {
    let tail = match encoded_len % 4 {
        0 => 0,
        2 => 1,
        3 => 2,
        _ => return None,
    };
    Some(encoded_len / 4 * 3 + tail)
}

/// Decodes strict unpadded base64url.
///
/// # Errors
/// [`ErrorKind::Malformed`](crate::ErrorKind::Malformed) for any byte outside the
/// URL-safe alphabet (including `=`, `+`, `/` and whitespace), an impossible length,
/// or non-zero trailing bits.
pub fn decode(text: impl AsRef<[u8]>) -> Result<Vec<u8>> {
    let text = text.as_ref();
    let len = decoded_len(text.len()).ok_or_else(|| impossible_length(text.len()))?;
    let mut out = vec![0u8; len];
    decode_to_slice(text, &mut out)?;
    Ok(out)
}

/// Decodes into `out`, which must be exactly [`decoded_len`] bytes long; returns the
/// bytes written. Lets hot paths decode into a stack or reused buffer.
///
/// # Errors
/// As [`decode`]; also when `out` has the wrong length.
pub fn decode_to_slice(text: impl AsRef<[u8]>, out: &mut [u8]) -> Result<usize> {
    let text = text.as_ref();
    let len = decoded_len(text.len()).ok_or_else(|| impossible_length(text.len()))?;
    if out.len() < len {
        return Err(Error::malformed("base64url output buffer too small"));
    }
    STRICT
        .decode_slice_unchecked(text, &mut out[..len])
        .map_err(|e| Error::malformed(format!("invalid base64url: {e}")))
}

fn impossible_length(len: usize) -> Error {
    Error::malformed(format!(
        "invalid base64url: a length of {len} characters cannot be produced by any encoder"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn decode_append_adds_the_bytes_or_nothing() {
        let mut out = b"ab".to_vec();
        decode_append("Y2Q", &mut out).unwrap();
        assert_eq!(out, b"abcd");
        for bad in ["Y2Q=", "Y", "Y2R", "Y*Q"] {
            assert!(decode_append(bad, &mut out).is_err(), "{bad}");
            assert_eq!(out, b"abcd", "{bad}");
        }
    }

    #[test]
    fn appends_what_encode_returns() {
        let data: Vec<u8> = (0..=255u8).rev().collect();
        for n in 0..70 {
            let mut out = b"prefix.".to_vec();
            append_encoded(&data[..n], &mut out);
            assert_eq!(out, format!("prefix.{}", encode(&data[..n])).into_bytes());
        }
    }

    #[test]
    fn round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).collect();
        for n in 0..70 {
            let enc = encode(&data[..n]);
            assert!(!enc.contains('='));
            assert_eq!(decode(&enc).unwrap(), &data[..n]);
        }
    }

    #[test]
    fn known_answers() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"f"), "Zg");
        assert_eq!(encode(b"fo"), "Zm8");
        assert_eq!(encode(b"foo"), "Zm9v");
        assert_eq!(encode([0xfb, 0xff]), "-_8");
        assert_eq!(decode("-_8").unwrap(), [0xfb, 0xff]);
    }

    #[test]
    fn rejects_everything_but_the_one_canonical_form() {
        for bad in [
            "Zg==",
            "Zg=",
            "Zm8=", // padding
            "+/8",
            "Zm9v+A", // standard alphabet
            "Zm 9v",
            " Zm9v",
            "Zm9v\n",
            "Zm9v\t",
            "Zm\r\n9v", // whitespace
            "Z",
            "Zm9vZ", // impossible lengths
            "Zh",
            "Zm9",
            "-_9", // non-zero trailing bits
            "Zm9v!",
            "Zm9v.",
            "Zm\u{e9}v", // other bytes
        ] {
            let err = decode(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{bad:?}");
        }
    }

    #[test]
    fn decoded_len_is_exact() {
        assert_eq!(decoded_len(0), Some(0));
        assert_eq!(decoded_len(1), None);
        assert_eq!(decoded_len(2), Some(1));
        assert_eq!(decoded_len(3), Some(2));
        assert_eq!(decoded_len(4), Some(3));
        assert_eq!(decoded_len(5), None);
        let mut small = [0u8; 1];
        assert!(decode_to_slice("Zm9v", &mut small).is_err());
    }
}
