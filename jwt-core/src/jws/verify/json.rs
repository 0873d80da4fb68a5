//! The flattened and general JSON serializations: one or several signatures, each
//! with its protected and unprotected header, and a payload that may be detached.

use super::{token_is_jwe, JwsVerifier, PayloadSource, RawSignature, VerifiedJws};
use crate::error::{Error, ErrorKind, Result};
use crate::jws::header::HeaderMap;
use crate::key_source::KeySource;
use crate::limits::Limits;
use serde::Deserialize;
use std::borrow::Cow;

impl JwsVerifier {
    /// Verifies a JWS in the flattened or general JSON serialization.
    ///
    /// # Errors
    /// As [`verify_compact`](Self::verify_compact); [`ErrorKind::DuplicateMember`] for
    /// repeated JSON members.
    pub fn verify_json<'k>(
        &self,
        token: &str,
        detached_payload: Option<&[u8]>,
        keys: impl Into<KeySource<'k>>,
    ) -> Result<VerifiedJws> {
        Limits::check_at_most("token length", token.len(), self.limits.max_token_bytes)?;
        crate::strict_json::check(
            token.as_bytes(),
            self.limits.max_json_depth,
            self.limits.max_token_bytes,
        )?;
        let parsed: JsonJws<'_> = serde_json::from_str(token)
            .map_err(|e| Error::malformed(format!("not a JWS in JSON serialization: {e}")))?;
        if parsed.ciphertext.is_some() {
            return Err(token_is_jwe());
        }
        let raws: Vec<RawSignature<'_>> = match (parsed.signatures, parsed.flattened) {
            (Some(_), FlattenedSignature { signature: Some(_), .. })
            | (Some(_), FlattenedSignature { protected: Some(_), .. })
            | (Some(_), FlattenedSignature { header: Some(_), .. }) => {
                return Err(Error::malformed(
                    "a JWS cannot mix \"signatures\" with a flattened \"signature\", \"protected\" or \"header\"",
                ))
            }
            (Some(list), _) => {
                if list.is_empty() {
                    return Err(Error::malformed("\"signatures\" is empty"));
                }
                Limits::check_at_most(
                    "number of signatures (Limits::max_signatures)",
                    list.len(),
                    self.limits.max_signatures,
                )?;
                list.into_iter().map(FlattenedSignature::into_raw).collect::<Result<_>>()?
            }
            (None, flat) => vec![flat.into_raw()?],
        };
        let payload = match (parsed.payload, detached_payload) {
            (Some(_), Some(_)) => {
                return Err(Error::malformed(
                    "a detached payload was given but the token carries one too",
                ))
            }
            (Some(text), None) => PayloadSource::Text(text.0),
            (None, Some(payload)) => PayloadSource::Detached(payload),
            (None, None) => {
                return Err(Error::malformed(
                    "the JWS has no payload and none was supplied (detached content)",
                ))
            }
        };
        self.verify_signatures(raws, payload, keys.into())
    }
}

/// The JSON serializations, general and flattened, in one shape.
#[derive(Deserialize)]
struct JsonJws<'t> {
    #[serde(borrow)]
    payload: Option<JsonStr<'t>>,
    #[serde(borrow)]
    signatures: Option<Vec<FlattenedSignature<'t>>>,
    #[serde(flatten, borrow)]
    flattened: FlattenedSignature<'t>,
    ciphertext: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct FlattenedSignature<'t> {
    #[serde(borrow)]
    protected: Option<JsonStr<'t>>,
    header: Option<HeaderMap>,
    #[serde(borrow)]
    signature: Option<JsonStr<'t>>,
}

/// A JSON string, borrowed when it has no escapes (base64url never needs any).
#[derive(Deserialize)]
#[serde(transparent)]
struct JsonStr<'t>(#[serde(borrow)] Cow<'t, str>);

impl<'t> FlattenedSignature<'t> {
    fn into_raw(self) -> Result<RawSignature<'t>> {
        let signature_b64 = self
            .signature
            .ok_or_else(|| Error::malformed("a JWS signature object has no \"signature\" member"))?
            .0;
        let protected_b64 = match self.protected {
            // RFC 7515 §7.2.1: an empty protected header is an absent member, never "".
            Some(protected) if protected.0.is_empty() => {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    "\"protected\" is \"\"; when no header member is protected the member must be absent (RFC 7515 §7.2.1)",
                ))
            }
            Some(protected) => protected.0,
            None => Cow::Borrowed(""),
        };
        if self.header.is_none() && protected_b64.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                "a JWS signature has neither \"protected\" nor \"header\"",
            ));
        }
        Ok(RawSignature {
            protected_b64,
            unprotected: self.header,
            signature_b64,
        })
    }
}
