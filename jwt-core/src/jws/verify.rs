//! Verifying a JWS in any serialization against a key or a key set.
//!
//! The order of checks is the security argument: size limits, shape, strict decoding
//! of the protected header, the header rules, the allow-list, key selection and key
//! authorization, exact signature length, and only then the signature primitive.
//! The payload is handed out only after a signature verified.

use super::algorithm;
use super::header::{HeaderMap, JwsHeader};
use super::sign::signing_input;
use crate::base64url;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::SignatureAlgorithm;
use crate::jwk::KeyOperation;
use crate::key_source::KeySource;
use crate::lazy_header::LazyHeader;
use crate::limits::Limits;
use crate::segments::Segments;
use serde::Deserialize;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Which signatures of a multi-signature JWS must verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SignaturePolicy {
    /// At least one signature verifies with a key from the source (the default):
    /// a JWS signed by several parties verifies for each of them with its own key.
    /// Signatures for which the source has no key are skipped, and reported.
    #[default]
    AtLeastOne,
    /// Every signature must verify with a key from the source.
    All,
}

/// Verifies JWS tokens. Build it once (allowed algorithms, limits, policy) and share it.
///
/// ```
/// # fn main() -> jwt_core::Result<()> {
/// use jwt_core::{jws::{JwsBuilder, JwsVerifier}, Jwk, SignatureAlgorithm};
/// let key = Jwk::generate_for("ES256")?;
/// let token = JwsBuilder::new(b"payload")
///     .sign(&key, SignatureAlgorithm::ES256, Default::default(), None)?
///     .compact()?;
/// let verifier = JwsVerifier::new([SignatureAlgorithm::ES256]);
/// let verified = verifier.verify(&token, &key.public()?)?;
/// assert_eq!(verified.payload(), b"payload");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct JwsVerifier {
    allowed: Vec<SignatureAlgorithm>,
    limits: Limits,
    policy: SignaturePolicy,
}

/// One signature's header and outcome.
#[derive(Debug, Clone)]
pub struct SignatureOutcome {
    header: Option<JwsHeader>,
    error: Option<Error>,
}

impl SignatureOutcome {
    /// The signature's header, when it could be parsed.
    pub fn header(&self) -> Option<&JwsHeader> {
        self.header.as_ref()
    }

    /// Whether this signature verified.
    pub fn verified(&self) -> bool {
        self.error.is_none()
    }

    /// Why it did not verify.
    pub fn error(&self) -> Option<&Error> {
        self.error.as_ref()
    }
}

/// A JWS that passed verification: its payload, and per signature whether it verified.
#[derive(Debug, Clone)]
pub struct VerifiedJws {
    payload: Vec<u8>,
    /// The first signature that verified; its outcome always has a header.
    first_verified: usize,
    signatures: Vec<SignatureOutcome>,
}

impl VerifiedJws {
    /// The verified payload.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// Takes the verified payload.
    pub fn into_payload(self) -> Vec<u8> {
        self.payload
    }

    /// The header of the first signature that verified.
    pub fn header(&self) -> &JwsHeader {
        // Every verified outcome has a header (built in `verify_signatures`); the
        // fallback only keeps this panic-free.
        static EMPTY: OnceLock<JwsHeader> = OnceLock::new();
        self.signatures
            .get(self.first_verified)
            .and_then(SignatureOutcome::header)
            .unwrap_or_else(|| EMPTY.get_or_init(JwsHeader::default))
    }

    /// Every signature, in token order, with its outcome.
    pub fn signatures(&self) -> &[SignatureOutcome] {
        &self.signatures
    }

    /// Indices of the signatures that verified.
    pub fn verified_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.signatures
            .iter()
            .enumerate()
            .filter(|(_, s)| s.verified())
            .map(|(i, _)| i)
    }
}

/// One signature as found in a serialization, still encoded.
struct RawSignature<'t> {
    protected_b64: Cow<'t, str>,
    unprotected: Option<HeaderMap>,
    signature_b64: Cow<'t, str>,
}

impl JwsVerifier {
    /// A verifier that accepts exactly the algorithms in `allowed`.
    pub fn new(allowed: impl IntoIterator<Item = SignatureAlgorithm>) -> Self {
        JwsVerifier {
            allowed: allowed.into_iter().collect(),
            limits: Limits::default(),
            policy: SignaturePolicy::default(),
        }
    }

    /// Replaces the limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Replaces the multi-signature policy.
    pub fn with_policy(mut self, policy: SignaturePolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The allowed algorithms.
    pub fn allowed(&self) -> &[SignatureAlgorithm] {
        &self.allowed
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Verifies a JWS in any serialization (compact, or JSON when it starts with `{`).
    ///
    /// # Errors
    /// See [`verify_compact`](Self::verify_compact) and [`verify_json`](Self::verify_json).
    pub fn verify<'k>(&self, token: &str, keys: impl Into<KeySource<'k>>) -> Result<VerifiedJws> {
        self.verify_detached(token, None, keys)
    }

    /// As [`verify`](Self::verify), with the payload supplied separately (detached content).
    ///
    /// # Errors
    /// See [`verify_compact`](Self::verify_compact) and [`verify_json`](Self::verify_json).
    pub fn verify_detached<'k>(
        &self,
        token: &str,
        detached_payload: Option<&[u8]>,
        keys: impl Into<KeySource<'k>>,
    ) -> Result<VerifiedJws> {
        if token.trim_start().starts_with('{') {
            self.verify_json(token, detached_payload, keys)
        } else {
            self.verify_compact(token, detached_payload, keys)
        }
    }

    /// Verifies a compact JWS. With `detached_payload`, the payload segment must be empty.
    ///
    /// # Errors
    /// [`ErrorKind::LimitExceeded`], [`ErrorKind::TokenTypeMismatch`] for a JWE,
    /// [`ErrorKind::Malformed`], header errors, [`ErrorKind::AlgNotAllowed`], key
    /// selection errors, [`ErrorKind::BadSignature`].
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

    /// The decoded protected header, within its size limit.
    fn plain_header_text(&self, protected_b64: &str) -> Result<Option<Vec<u8>>> {
        let max_encoded = self.limits.max_header_bytes.div_ceil(3).saturating_mul(4);
        if protected_b64.is_empty() || protected_b64.len() > max_encoded {
            return Ok(None);
        }
        base64url::decode(protected_b64).map(Some)
    }

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
                Limits::check_at_most("number of signatures", list.len(), self.limits.max_signatures)?;
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

    fn verify_signatures<'t>(
        &self,
        raws: impl IntoIterator<Item = RawSignature<'t>>,
        payload: PayloadSource<'_>,
        keys: KeySource<'_>,
    ) -> Result<VerifiedJws> {
        let raws = raws.into_iter();
        let mut outcomes = Vec::with_capacity(raws.size_hint().0);
        let mut b64_seen: Option<bool> = None;
        for raw in raws {
            let header = match self.parse_header(&raw) {
                Ok(header) => header,
                Err(e) => {
                    outcomes.push(SignatureOutcome {
                        header: None,
                        error: Some(e),
                    });
                    continue;
                }
            };
            if *b64_seen.get_or_insert(header.b64()) != header.b64() {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    "the signatures of this JWS disagree on \"b64\" (RFC 7797 §3)",
                ));
            }
            let error = self
                .verify_one(Facts::of(&header), &raw, &payload, keys)
                .err();
            outcomes.push(SignatureOutcome {
                header: Some(header),
                error,
            });
        }
        let first_verified = outcomes.iter().position(SignatureOutcome::verified);
        let all_verified = outcomes.iter().all(SignatureOutcome::verified);
        let accepted = match self.policy {
            SignaturePolicy::AtLeastOne => first_verified.is_some(),
            SignaturePolicy::All => all_verified,
        };
        let (true, Some(first_verified)) = (accepted, first_verified) else {
            return Err(most_relevant_error(outcomes));
        };
        let payload = payload.bytes(b64_seen.unwrap_or(true))?.into_owned();
        Ok(VerifiedJws {
            payload,
            first_verified,
            signatures: outcomes,
        })
    }

    fn parse_header(&self, raw: &RawSignature<'_>) -> Result<JwsHeader> {
        let max_encoded = self.limits.max_header_bytes.div_ceil(3).saturating_mul(4);
        Limits::check_at_most(
            "protected header length",
            raw.protected_b64.len(),
            max_encoded,
        )?;
        let protected = if raw.protected_b64.is_empty() {
            HeaderMap::new()
        } else {
            JwsHeader::parse_protected(
                &base64url::decode(raw.protected_b64.as_bytes())?,
                &self.limits,
            )?
        };
        JwsHeader::new(protected, raw.unprotected.clone())
    }

    fn verify_one(
        &self,
        header: Facts<'_>,
        raw: &RawSignature<'_>,
        payload: &PayloadSource<'_>,
        keys: KeySource<'_>,
    ) -> Result<()> {
        let alg = match header.algorithm() {
            Err(e) if header.alg == Some("none") => {
                return Err(Error::new(
                    ErrorKind::AlgNotAllowed,
                    format!(
                        "alg \"none\" is never accepted by a verifier ({})",
                        e.message()
                    ),
                ))
            }
            other => other?,
        };
        if !alg.is_enabled() {
            return Err(Error::new(
                ErrorKind::UnsupportedAlg,
                format!("{alg} needs the curve448 feature"),
            ));
        }
        if !self.allowed.contains(&alg) {
            return Err(Error::new(
                ErrorKind::AlgNotAllowed,
                format!(
                    "alg {alg} is not in the allowed list {:?}",
                    names(&self.allowed)
                ),
            ));
        }
        // The longest signature is RSA-8192's 1,024 bytes, 1,366 base64url characters.
        Limits::check_at_most(
            "signature length",
            raw.signature_b64.len(),
            MAX_SIGNATURE_B64,
        )?;
        // Decoded on the stack: the size is bounded just above.
        let mut signature = [0u8; MAX_SIGNATURE_BYTES];
        let signature_len =
            base64url::decode_to_slice(raw.signature_b64.as_bytes(), &mut signature)?;
        let signature = signature.get(..signature_len).unwrap_or_default();
        let input = payload.signing_input(&raw.protected_b64, header.b64);
        let candidates = keys.candidates(
            header.kid,
            alg.name(),
            alg.key_requirement(),
            KeyOperation::Verify,
            self.limits.max_keys_tried,
        )?;
        let mut last = None;
        for key in candidates {
            match algorithm::verify(alg, key, &input, signature) {
                Ok(()) => return Ok(()),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(Error::bad_signature))
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

/// What verifying one signature needs from its header.
#[derive(Debug, Clone, Copy)]
struct Facts<'h> {
    alg: Option<&'h str>,
    kid: Option<&'h str>,
    b64: bool,
}

impl<'h> Facts<'h> {
    fn of(header: &'h JwsHeader) -> Self {
        Facts {
            alg: header.alg(),
            kid: header.kid(),
            b64: header.b64(),
        }
    }

    fn algorithm(&self) -> Result<SignatureAlgorithm> {
        match self.alg {
            Some(name) => SignatureAlgorithm::from_name(name),
            None => Err(Error::new(
                ErrorKind::InvalidHeader,
                "JWS header has no \"alg\" member",
            )),
        }
    }

    /// The facts of a header that needs none of the full rules: `None` sends it down
    /// the full path, which then gives the exact verdict and error. `Some` only for an
    /// object the strict check would accept, with a string `alg`, a string or absent
    /// `kid`, and neither `b64` nor `crit`.
    fn of_plain_text(text: &'h [u8], limits: &Limits) -> Option<Self> {
        #[derive(Deserialize)]
        struct Plain<'a> {
            #[serde(borrow)]
            alg: &'a str,
            #[serde(borrow, default)]
            kid: Option<&'a str>,
            // Present with any value, `null` included: an `Option` would read
            // `"crit": null` as no `crit`, which the full rules refuse.
            #[serde(default, deserialize_with = "present")]
            b64: bool,
            #[serde(default, deserialize_with = "present")]
            crit: bool,
        }
        fn present<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
            serde::de::IgnoredAny::deserialize(d).map(|_| true)
        }
        // The full path's limit on the decoded header, which the encoded length bounds
        // only to within two bytes.
        if text.len() > limits.max_header_bytes {
            return None;
        }
        let text = std::str::from_utf8(text).ok()?;
        let plain: Plain<'h> =
            crate::strict_json::one_pass::from_object(text, limits.max_json_depth)?;
        if plain.b64 || plain.crit {
            return None;
        }
        Some(Facts {
            alg: Some(plain.alg),
            kid: plain.kid,
            b64: true,
        })
    }
}

/// The longest signature segment accepted: RSA-8192's 1,024 bytes.
const MAX_SIGNATURE_BYTES: usize = 1024;
const MAX_SIGNATURE_B64: usize = 1366;

/// Where the payload is: in the token (as it appears there) or supplied by the caller.
enum PayloadSource<'t> {
    /// A compact token's payload segment, and the token's "protected.payload" part,
    /// which is already the signing input.
    Compact {
        signed_part: &'t str,
        payload: &'t str,
    },
    Text(Cow<'t, str>),
    Detached(&'t [u8]),
}

impl PayloadSource<'_> {
    /// The JWS Signing Input for one signature.
    fn signing_input(&self, protected_b64: &str, b64: bool) -> Cow<'_, [u8]> {
        match self {
            PayloadSource::Compact { signed_part, .. } => Cow::Borrowed(signed_part.as_bytes()),
            // The payload segment is already in its encoded form (or raw, for b64=false).
            PayloadSource::Text(text) => {
                let mut input = Vec::with_capacity(protected_b64.len() + 1 + text.len());
                input.extend_from_slice(protected_b64.as_bytes());
                input.push(b'.');
                input.extend_from_slice(text.as_bytes());
                Cow::Owned(input)
            }
            PayloadSource::Detached(bytes) => Cow::Owned(signing_input(protected_b64, bytes, b64)),
        }
    }

    /// The payload bytes.
    fn bytes(&self, b64: bool) -> Result<Cow<'_, [u8]>> {
        match self {
            PayloadSource::Compact { payload, .. } if b64 => {
                Ok(Cow::Owned(base64url::decode(payload.as_bytes())?))
            }
            PayloadSource::Compact { payload, .. } => Ok(Cow::Borrowed(payload.as_bytes())),
            PayloadSource::Text(text) if b64 => Ok(Cow::Owned(base64url::decode(text.as_bytes())?)),
            PayloadSource::Text(text) => Ok(Cow::Borrowed(text.as_bytes())),
            PayloadSource::Detached(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }
}

fn names(algs: &[SignatureAlgorithm]) -> Vec<&'static str> {
    algs.iter().map(|a| a.name()).collect()
}

/// The error to report when the token was not accepted: a failed signature matters
/// more than a signature skipped for lack of a key.
fn most_relevant_error(outcomes: Vec<SignatureOutcome>) -> Error {
    let mut errors: Vec<Error> = outcomes.into_iter().filter_map(|o| o.error).collect();
    if let Some(i) = errors
        .iter()
        .position(|e| e.kind() == ErrorKind::BadSignature)
    {
        return errors.swap_remove(i);
    }
    if errors.is_empty() {
        // Policy::All with nothing failed cannot happen; AtLeastOne with none verified has errors.
        return Error::bad_signature();
    }
    errors.swap_remove(0)
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

fn token_is_jwe() -> Error {
    Error::new(
        ErrorKind::TokenTypeMismatch,
        "expected a JWS but the token is a JWE; it was not processed",
    )
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
        let protected_b64 = self.protected.map(|p| p.0).unwrap_or(Cow::Borrowed(""));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::Jwk;

    /// A compact HS256 JWS with exactly this protected header text.
    fn hs256_token(key: &Jwk, header: &str) -> String {
        let input = format!(
            "{}.{}",
            base64url::encode(header),
            base64url::encode(br#"{"sub":"x"}"#)
        );
        let signature = algorithm::sign(SignatureAlgorithm::HS256, key, input.as_bytes());
        format!("{input}.{}", base64url::encode(signature.unwrap()))
    }

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

    #[test]
    fn the_plain_header_path_refuses_what_the_full_path_refuses() {
        let key = Jwk::generate_for("HS256").unwrap();
        let verifier = JwsVerifier::new([SignatureAlgorithm::HS256]);
        let plain = hs256_token(&key, r#"{"alg":"HS256","kid":null}"#);
        assert!(verifier
            .verify_compact_parts(&plain, None, (&key).into())
            .is_ok());
        for header in [
            r#"{"alg":"HS256","crit":null}"#,
            r#"{"alg":"HS256","b64":null}"#,
            r#"{"alg":"HS256","b64":true}"#,
            r#"{"alg":"HS256","alg":"none"}"#,
            r#"{"alg":"HS256","x":1,"x":1}"#,
            r#"{"alg":"HS256","x":{"y":1,"y":2}}"#,
        ]
        .into_iter()
        .map(str::to_owned)
        // Deeper than the default limit of 32.
        .chain([format!(
            r#"{{"alg":"HS256","x":{}1{}}}"#,
            "[".repeat(40),
            "]".repeat(40)
        )]) {
            let header = header.as_str();
            let token = hs256_token(&key, header);
            let full = verifier.verify_compact(&token, None, &key).unwrap_err();
            let fast = verifier
                .verify_compact_parts(&token, None, (&key).into())
                .unwrap_err();
            assert_eq!(
                (fast.kind(), fast.message()),
                (full.kind(), full.message()),
                "{header}"
            );
        }
        // 15 bytes, under a limit of 14: the encoded length (20) is within the bound.
        let token = hs256_token(&key, r#"{"alg":"HS256"}"#);
        let limits = Limits {
            max_header_bytes: 14,
            ..Limits::default()
        };
        let strict = JwsVerifier::new([SignatureAlgorithm::HS256]).with_limits(limits);
        let full = strict.verify_compact(&token, None, &key).unwrap_err();
        assert_eq!(full.kind(), ErrorKind::LimitExceeded);
        let fast = strict
            .verify_compact_parts(&token, None, (&key).into())
            .unwrap_err();
        assert_eq!((fast.kind(), fast.message()), (full.kind(), full.message()));
    }
}
