//! The JWE compact serialization (RFC 7516 §7.1): five base64url segments.

use super::header::{self, JweHeader};
use super::parts::{Parts, RecipientPart};
use crate::base64url;
use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;
use crate::segments::Segments;

const SEGMENTS: [&str; 5] = [
    "protected header",
    "encrypted key",
    "initialization vector",
    "ciphertext",
    "authentication tag",
];

/// Splits and decodes a compact JWE. A three-segment token is a JWS and is refused
/// before anything is decoded.
///
/// # Errors
/// `limit_exceeded` (token or header size), `token_type_mismatch` (a JWS),
/// `malformed` (segment count, base64url), `invalid_header` (header JSON).
pub(crate) fn parse(token: &str, limits: &Limits) -> Result<Parts> {
    Limits::check_at_most("token length", token.len(), limits.max_token_bytes)?;
    let segments = Segments::of(token);
    if segments.count() == 3 {
        return Err(Error::new(
            ErrorKind::TokenTypeMismatch,
            "expected a JWE (5 segments), found a JWS (3 segments)",
        ));
    }
    let Some([p, k, iv, c, t]) = segments.jwe() else {
        return Err(Error::malformed(format!(
            "a compact JWE has 5 segments separated by '.', found {}",
            crate::segments::count_all(token)
        )));
    };
    let header_len = base64url::decoded_len(p.len()).unwrap_or(0);
    Limits::check_at_most(
        "JWE protected header length",
        header_len,
        limits.max_header_bytes,
    )?;
    let [p_bytes, encrypted_key, iv, ciphertext, tag] = decode_all([p, k, iv, c, t])?;
    let protected = header::parse_protected(&p_bytes, limits)?;
    Ok(Parts {
        protected_b64: p.to_owned(),
        protected,
        shared: JweHeader::default(),
        recipients: vec![RecipientPart {
            header: JweHeader::default(),
            encrypted_key,
        }],
        aad_b64: None,
        iv,
        ciphertext,
        tag,
    })
}

fn decode_all(segments: [&str; 5]) -> Result<[Vec<u8>; 5]> {
    let mut out: [Vec<u8>; 5] = Default::default();
    for ((slot, text), name) in out.iter_mut().zip(segments).zip(SEGMENTS) {
        *slot = base64url::decode(text)
            .map_err(|e| Error::malformed(format!("JWE {name}: {}", e.message())))?;
    }
    Ok(out)
}

/// Writes the five segments.
pub(crate) fn serialize(
    protected_b64: &str,
    encrypted_key: &[u8],
    iv: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> String {
    let mut out = String::with_capacity(
        protected_b64.len()
            + (encrypted_key.len() + iv.len() + ciphertext.len() + tag.len()) * 4 / 3
            + 8,
    );
    out.push_str(protected_b64);
    for part in [encrypted_key, iv, ciphertext, tag] {
        out.push('.');
        base64url::encode_to(part, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0"; // {"alg":"dir","enc":"A128GCM"}

    #[test]
    fn parses_five_segments() {
        let token = format!("{HEADER}..AAAA.Zm9v.YmFy");
        let parts = parse(&token, &Limits::default()).unwrap();
        assert_eq!(parts.protected.alg().unwrap().name(), "dir");
        assert_eq!(parts.protected_b64, HEADER);
        assert_eq!(parts.recipients.len(), 1);
        assert!(parts.recipients[0].encrypted_key.is_empty());
        assert_eq!(
            (parts.iv.as_slice(), parts.ciphertext.as_slice()),
            (&[0u8, 0, 0][..], &b"foo"[..])
        );
        assert_eq!(parts.aad(), HEADER.as_bytes());
        assert_eq!(serialize(HEADER, &[], &[0, 0, 0], b"foo", b"bar"), token);
    }

    #[test]
    fn a_jws_is_a_type_mismatch() {
        let err = parse(&format!("{HEADER}.e30.c2ln"), &Limits::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TokenTypeMismatch);
    }

    #[test]
    fn rejects_wrong_segment_counts_and_bad_base64() {
        for bad in [
            String::new(),
            HEADER.to_owned(),
            format!("{HEADER}..."),
            format!("{HEADER}......"),
            format!("{HEADER}..AAAA.Zm9v=.YmFy"),
            format!("{HEADER}..AA AA.Zm9v.YmFy"),
            format!("{HEADER}+..AAAA.Zm9v.YmFy"),
        ] {
            let err = parse(&bad, &Limits::default()).unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::Malformed | ErrorKind::InvalidHeader),
                "{bad}: {err}"
            );
        }
        let err = parse(&format!("{HEADER}..AAAA.Zm9v.YmFy."), &Limits::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed);
    }

    #[test]
    fn header_must_be_a_strict_json_object() {
        for json in [r#"{"alg":"dir","alg":"dir"}"#, "[1]", "{"] {
            let token = format!("{}..AAAA.Zm9v.YmFy", base64url::encode(json));
            let err = parse(&token, &Limits::default()).unwrap_err();
            assert!(
                matches!(
                    err.kind(),
                    ErrorKind::DuplicateMember | ErrorKind::InvalidHeader
                ),
                "{json}: {err}"
            );
        }
        // Trailing whitespace is still valid JSON.
        let token = format!(
            "{}..AAAA.Zm9v.YmFy",
            base64url::encode(r#"{"enc":"A128GCM"} "#)
        );
        assert!(parse(&token, &Limits::default()).is_ok());
    }

    #[test]
    fn limits_are_checked_before_decoding() {
        let limits = Limits {
            max_token_bytes: 20,
            ..Limits::default()
        };
        let err = parse(&format!("{HEADER}..AAAA.Zm9v.YmFy"), &limits).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::LimitExceeded);
        let limits = Limits {
            max_header_bytes: 10,
            ..Limits::default()
        };
        let err = parse(&format!("{HEADER}..AAAA.Zm9v.YmFy"), &limits).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::LimitExceeded);
    }
}
