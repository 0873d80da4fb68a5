//! The compact serialization: `protected.payload.signature`, one signature, the
//! protected header only; and the JWT layer's entry point, which keeps a plain header
//! as text (see [`plain`](super::plain)).

use super::{token_is_jwe, Facts, JwsVerifier, PayloadSource, RawSignature, VerifiedJws};
use crate::base64url;
use crate::error::{Error, Result};
use crate::jws::header::HeaderMap;
use crate::key_source::KeySource;
use crate::lazy_header::LazyHeader;
use crate::limits::Limits;
use crate::segments::Segments;
use std::borrow::Cow;

impl JwsVerifier {
    /// Verifies a compact JWS. With `detached_payload`, the payload segment must be empty.
    ///
    /// # Errors
    /// [`LimitExceeded`](crate::ErrorKind::LimitExceeded),
    /// [`TokenTypeMismatch`](crate::ErrorKind::TokenTypeMismatch) for a JWE,
    /// [`Malformed`](crate::ErrorKind::Malformed), header errors,
    /// [`AlgNotAllowed`](crate::ErrorKind::AlgNotAllowed), key selection errors,
    /// [`BadSignature`](crate::ErrorKind::BadSignature).
    pub fn verify_compact<'k>(
        &self,
        token: &str,
        detached_payload: Option<&[u8]>,
        keys: impl Into<KeySource<'k>>,
    ) -> Result<VerifiedJws> {
        Limits::check_at_most("token length", token.len(), self.limits.max_token_bytes)?;
        let [protected_b64, payload_segment, signature_b64] = split_compact(token)?;
        let raw = RawSignature {
            protected_b64: Cow::Borrowed(protected_b64),
            unprotected: None,
            signature_b64: Cow::Borrowed(signature_b64),
        };
        let payload = match detached_payload {
            Some(payload) if payload_segment.is_empty() => PayloadSource::Detached(payload),
            Some(_) => {
                return Err(Error::malformed(
                    "a detached payload was given but the token carries one too",
                ))
            }
            None => PayloadSource::Compact {
                signed_part: signed_part(token, protected_b64, payload_segment),
                payload: payload_segment,
            },
        };
        self.verify_signatures([raw], payload, keys.into())
    }

    /// A compact JWS's verified header and payload segment, as it appears in the token
    /// (base64url unless the header says `b64: false`): [`verify_compact`](Self::verify_compact)
    /// without the per-signature report, for the JWT layer, which decodes the payload
    /// where it wants it and may pass the token's `segments` when it has already split
    /// it.
    pub(crate) fn verify_compact_parts<'t>(
        &self,
        token: &'t str,
        segments: Option<[&'t str; 3]>,
        keys: KeySource<'_>,
    ) -> Result<VerifiedCompact<'t>> {
        Limits::check_at_most("token length", token.len(), self.limits.max_token_bytes)?;
        let [protected_b64, payload, signature_b64] = match segments {
            Some(segments) => segments,
            None => split_compact(token)?,
        };
        let raw = RawSignature {
            protected_b64: Cow::Borrowed(protected_b64),
            unprotected: None,
            signature_b64: Cow::Borrowed(signature_b64),
        };
        let segment = payload;
        let payload = PayloadSource::Compact {
            signed_part: signed_part(token, protected_b64, payload),
            payload,
        };
        if let Some(text) = self.plain_header_text(protected_b64)? {
            if let Some(facts) = Facts::of_plain_text(&text, &self.limits) {
                self.verify_one(facts, &raw, &payload, keys)?;
                return Ok(VerifiedCompact {
                    header: LazyHeader::checked_text(text),
                    payload_encoded: true,
                    payload: segment,
                });
            }
        }
        let header = self.parse_header(&raw)?;
        self.verify_one(Facts::of(&header), &raw, &payload, keys)?;
        Ok(VerifiedCompact {
            payload_encoded: header.b64(),
            header: LazyHeader::Parsed(header.into_protected()),
            payload: segment,
        })
    }
}

/// A verified compact JWS, as the JWT layer takes it.
#[derive(Debug)]
pub(crate) struct VerifiedCompact<'t> {
    /// The protected header: parsed by the full rules when it needed them (`crit`,
    /// `b64`, escapes, ...), else (the common case) kept as its checked text: it held
    /// nothing but plain members, a string `alg`, no `b64` and no `crit`.
    pub(crate) header: LazyHeader<HeaderMap>,
    /// Whether the payload segment is base64url (`false` for RFC 7797 `b64: false`).
    pub(crate) payload_encoded: bool,
    /// The payload segment as it is in the token.
    pub(crate) payload: &'t str,
}

/// The signing input of a compact JWS, "protected.payload": the token up to its last dot.
fn signed_part<'t>(token: &'t str, protected_b64: &str, payload: &str) -> &'t str {
    // The segments are slices of this token (split here or by the JWT layer).
    debug_assert_eq!(protected_b64.as_ptr(), token.as_ptr());
    token
        .get(..protected_b64.len() + 1 + payload.len())
        .unwrap_or_default()
}

/// A verified compact payload segment (base64url), decoded into `scratch` when it
/// fits and onto the heap otherwise: the caller's stack spares an allocation.
///
/// # Errors
/// [`ErrorKind::Malformed`] for base64url that is not strict.
pub(crate) fn decode_payload<'a>(segment: &str, scratch: &'a mut [u8]) -> Result<Cow<'a, [u8]>> {
    match base64url::decoded_len(segment.len()) {
        Some(len) if len <= scratch.len() => {
            let len = base64url::decode_to_slice(segment, &mut *scratch)?;
            Ok(Cow::Borrowed(scratch.get(..len).unwrap_or_default()))
        }
        _ => base64url::decode(segment).map(Cow::Owned),
    }
}

/// Splits a compact JWS into its three segments without allocating.
pub(crate) fn split_compact(token: &str) -> Result<[&str; 3]> {
    let segments = Segments::of(token);
    match (segments.jws(), segments.count()) {
        (Some(parts), _) => Ok(parts),
        (None, 5) => Err(token_is_jwe()),
        _ => Err(Error::malformed(format!(
            "a compact JWS has 3 dot-separated segments; found {}",
            crate::segments::count_all(token)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn payloads_decode_into_the_scratch_buffer_when_they_fit() {
        let mut scratch = [0u8; 4];
        let small = decode_payload("YWJj", &mut scratch).unwrap();
        assert!(matches!(small, Cow::Borrowed(b"abc")));
        let mut scratch = [0u8; 2];
        let large = decode_payload("YWJj", &mut scratch).unwrap();
        assert!(matches!(&large, Cow::Owned(v) if v == b"abc"));
        for bad in ["YWJ", "YWJj=", "YW+j"] {
            let err = decode_payload(bad, &mut [0u8; 8]).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed, "{bad}");
        }
    }
}
