//! Verifying a JWS in any serialization against a key or a key set.
//!
//! The order of checks is the security argument: size limits, shape, strict decoding
//! of the protected header, the header rules, the allow-list, key selection and key
//! authorization, exact signature length, and only then the signature primitive.
//! The payload is handed out only after a signature verified.

mod compact;
mod json;
mod plain;

pub(crate) use compact::{decode_payload, split_compact, VerifiedCompact};

use super::algorithm;
use super::header::{HeaderMap, JwsHeader};
use super::sign::signing_input;
use crate::base64url;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::SignatureAlgorithm;
use crate::jwk::KeyOperation;
use crate::key_source::KeySource;
use crate::limits::Limits;
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
        if let Some(feature) = alg.needed_feature() {
            return Err(Error::new(
                ErrorKind::UnsupportedAlg,
                format!("{alg} needs jwt-core's {feature} feature"),
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
        // Bounded by the algorithm's longest signature: RSA-8192's 1,024 bytes (1,366
        // base64url characters), or ML-DSA-87's 4,627 (6,170).
        // (The exact length is checked with the key, as `bad_signature`.)
        let max_len = alg.max_signature_len().max(MAX_STACK_SIGNATURE_BYTES);
        Limits::check_at_most(
            "signature length",
            raw.signature_b64.len(),
            (max_len * 4).div_ceil(3),
        )?;
        // Decoded on the stack when it fits (every algorithm but ML-DSA); the size is
        // bounded just above either way.
        let mut stack = [0u8; MAX_STACK_SIGNATURE_BYTES];
        let mut heap = Vec::new();
        let buffer: &mut [u8] = if max_len <= MAX_STACK_SIGNATURE_BYTES {
            &mut stack
        } else {
            heap.resize(max_len, 0);
            &mut heap
        };
        let signature_len = base64url::decode_to_slice(raw.signature_b64.as_bytes(), buffer)?;
        let signature = buffer.get(..signature_len).unwrap_or_default();
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
}

/// The longest signature decoded on the stack: RSA-8192's 1,024 bytes. ML-DSA's
/// (2,420 to 4,627 bytes) are decoded on the heap.
const MAX_STACK_SIGNATURE_BYTES: usize = 1024;

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

fn token_is_jwe() -> Error {
    Error::new(
        ErrorKind::TokenTypeMismatch,
        "expected a JWS but the token is a JWE; it was not processed",
    )
}
