//! The verification pipeline: size, shape, decryption and/or signature (allow-lists
//! and key binding enforced below this layer), `typ`, then the claims parsed into `C`
//! and validated.

use super::{TokenShape, Verifier};
use crate::claims::{Claims, ClaimsScan};
use crate::error::{Error, ErrorKind, Result};
#[cfg(feature = "jwe")]
use crate::jwe::JweHeader;
use crate::jws::{decode_payload, VerifiedCompact};
use crate::lazy_header::LazyHeader;
use crate::limits::Limits;
#[cfg(feature = "jwe")]
use crate::media_type::is_jwt;
use crate::segments::Segments;
use crate::token::{Header, Jwt};
use std::borrow::Cow;

/// The shape of a compact token and its segments, split once for the whole verification.
fn compact_segments(token: &str) -> Result<(TokenShape, Segments<'_>)> {
    if token.trim_start().starts_with('{') {
        return Err(Error::malformed(
            "a JWT uses the compact serialization, not JSON",
        ));
    }
    let segments = Segments::of(token);
    match segments.count() {
        3 => Ok((TokenShape::Signed, segments)),
        5 => Ok((TokenShape::Encrypted, segments)),
        _ => Err(Error::malformed(format!(
            "a compact JWT has 3 (JWS) or 5 (JWE) segments; found {}",
            crate::segments::count_all(token)
        ))),
    }
}

/// A decrypted JWE's protected header as a JWT header: a plain one stays text.
#[cfg(feature = "jwe")]
fn jwe_header(header: LazyHeader<JweHeader>) -> Header {
    header.convert(JweHeader::into_members)
}

/// A verified token's payload: a JWS's payload segment, still base64url-encoded, or
/// bytes already decoded or decrypted.
enum Payload<'t> {
    Encoded(&'t str),
    Bytes(Vec<u8>),
}

impl Payload<'_> {
    #[cfg(feature = "jwe")]
    fn into_bytes(self) -> Result<Vec<u8>> {
        match self {
            Payload::Encoded(text) => decode_payload(text, &mut []).map(Cow::into_owned),
            Payload::Bytes(bytes) => Ok(bytes),
        }
    }
}

/// Payloads up to this size are decoded on the stack: a claim set rarely needs more,
/// and the allocation was a visible part of an HS256 verification.
const STACK_PAYLOAD: usize = 1024;

fn mismatch(expected: &str, found: &str) -> Error {
    Error::new(
        ErrorKind::TokenTypeMismatch,
        format!("expected {expected} but the token is {found}; it was not processed"),
    )
}

impl<C: Claims> Verifier<C> {
    /// Verifies `token` and validates its claims into a [`Jwt<C>`].
    ///
    /// # Errors
    /// Any [`ErrorKind`]: shape, limits, key and algorithm errors, signature or
    /// decryption failure, `typ`, and the claim checks.
    pub fn verify(&self, token: &str) -> Result<Jwt<C>> {
        Limits::check_at_most("token length", token.len(), self.limits.max_token_bytes)?;
        let (found, segments) = compact_segments(token)?;
        let (header, payload, outer_header) = match (self.shape, found) {
            (TokenShape::Signed, TokenShape::Signed) => {
                let (header, payload) = self.verify_jws(token, segments.jws())?;
                (header, payload, None)
            }
            #[cfg(feature = "jwe")]
            (TokenShape::Encrypted, TokenShape::Encrypted) => {
                let decrypted = self.jwe.decrypt_compact_segments(
                    token,
                    segments.jwe(),
                    self.keys.load().source(),
                )?;
                if decrypted.cty().is_some_and(is_jwt) {
                    return Err(mismatch("an encrypted JWT", "a nested JWT (cty: JWT)"));
                }
                let (header, plaintext) = decrypted.into_lazy_header_and_plaintext();
                (jwe_header(header), Payload::Bytes(plaintext), None)
            }
            #[cfg(feature = "jwe")]
            (TokenShape::Nested, TokenShape::Encrypted) => {
                self.open_nested(token, segments.jwe())?
            }
            (TokenShape::Unsecured, TokenShape::Signed) => {
                let unsecured = crate::dangerous::unsecured::decode(token, &self.limits)?;
                (
                    LazyHeader::Parsed(unsecured.header),
                    Payload::Bytes(unsecured.payload),
                    None,
                )
            }
            (TokenShape::Unsecured, _) => return Err(mismatch("an unsecured JWT", "a JWE")),
            (TokenShape::Signed, _) => return Err(mismatch("a signed JWT (JWS)", "a JWE")),
            (TokenShape::Nested, _) => {
                return Err(mismatch("a nested JWT (a JWE holding a JWS)", "a JWS"))
            }
            (_, _) => return Err(mismatch("an encrypted JWT (JWE)", "a JWS")),
        };
        self.check_typ(&header)?;
        let mut stack = [0u8; STACK_PAYLOAD];
        let payload: Cow<'_, [u8]> = match payload {
            Payload::Bytes(bytes) => Cow::Owned(bytes),
            Payload::Encoded(text) => decode_payload(text, &mut stack)?,
        };
        let payload = &*payload;
        let mut scan = ClaimsScan::default();
        let claims = crate::claims::parse_verified::<C>(payload, &self.limits, &mut scan)?;
        self.validate(&claims, &scan)?;
        Ok(Jwt::verified(header, claims, outer_header))
    }

    #[cfg(feature = "jwe")]
    fn open_nested(
        &self,
        token: &str,
        segments: Option<[&str; 5]>,
    ) -> Result<(Header, Payload<'static>, Option<Header>)> {
        let decryption_keys = self.decryption_keys.as_ref().unwrap_or(&self.keys);
        let decrypted =
            self.jwe
                .decrypt_compact_segments(token, segments, decryption_keys.load().source())?;
        if !decrypted.cty().is_some_and(is_jwt) {
            return Err(mismatch(
                "a nested JWT (outer cty: JWT)",
                "a JWE without cty JWT",
            ));
        }
        let (outer, plaintext) = decrypted.into_lazy_header_and_plaintext();
        let inner = std::str::from_utf8(&plaintext).map_err(|_| {
            Error::malformed("the nested token's plaintext is not a compact JWS (not UTF-8)")
        })?;
        let (shape, segments) = compact_segments(inner)?;
        if shape != TokenShape::Signed {
            return Err(mismatch("a JWS inside the nested JWE", "a JWE"));
        }
        let (header, payload) = self.verify_jws(inner, segments.jws())?;
        // The inner token lives in the plaintext, which ends here: decoded now.
        let payload = payload.into_bytes()?;
        Ok((header, Payload::Bytes(payload), Some(jwe_header(outer))))
    }

    /// Verifies a compact JWS carrying claims. RFC 7519 §7.2 base64url-decodes a JWT's
    /// payload, so an unencoded (`b64: false`) JWS, signed for some other purpose, is
    /// never accepted as a JWT.
    fn verify_jws<'t>(
        &self,
        token: &'t str,
        parts: Option<[&'t str; 3]>,
    ) -> Result<(Header, Payload<'t>)> {
        let verified: VerifiedCompact<'t> =
            self.jws
                .verify_compact_parts(token, parts, self.keys.load().source())?;
        if !verified.payload_encoded {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                "a JWT payload is base64url-encoded (RFC 7519 §7.2); an unencoded (b64: false) JWS is not a JWT",
            ));
        }
        Ok((verified.header, Payload::Encoded(verified.payload)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_of(token: &str) -> Result<TokenShape> {
        compact_segments(token).map(|(shape, _)| shape)
    }

    #[test]
    fn shape_from_dots() {
        assert_eq!(shape_of("a.b.c").unwrap(), TokenShape::Signed);
        assert_eq!(shape_of("a.b.c.d.e").unwrap(), TokenShape::Encrypted);
        assert!(shape_of("a.b").is_err());
        assert!(shape_of("a.b.c.d").is_err());
        assert!(shape_of("a.b.c.d.e.f").is_err());
        assert!(shape_of("a.b.c.d.e.f.g.h")
            .unwrap_err()
            .message()
            .contains("found 8"));
        assert_eq!(shape_of("..").unwrap(), TokenShape::Signed);
        assert!(shape_of("{}").is_err());
    }
}
