//! DPoP proofs (RFC 9449): [`DpopVerifier`] checks a proof JWT sent in the `DPoP` HTTP
//! header against the request it came with.
//!
//! **This is the one place in the crate where a key carried by the token itself is used
//! to verify it.** A DPoP proof proves possession of the key in its own `jwk` header; the
//! proof is worth something only when that key is bound to something else: the access
//! token's `cnf.jkt` ([`DpopRequest::bound_to`]), or the key the authorization server
//! binds the tokens it issues to. [`Verifier`](crate::Verifier) never trusts an embedded
//! key, and nothing there leads here.
//!
//! The checks of RFC 9449 §4.3, in order: a well-formed compact JWS within the limits;
//! `typ` `dpop+jwt`; an asymmetric `alg` in the allow-list; a public `jwk` (no private
//! member) that fits the `alg`; the signature by that key; then, on the verified claims:
//! `jti`, `htm`, `htu`, `iat` present; `htm` the request's method; `htu` the request's
//! URI without query and fragment, both normalised ([`normalize_http_uri`]); `nonce` the
//! server's when one is expected; `iat` within the window; `ath` the hash of the access
//! token when one is presented; the key's RFC 7638 thumbprint the access token's
//! `cnf.jkt` when asked; and last, `jti` not seen before (the [`ReplayCache`]).

mod replay;
mod uri;

pub use replay::{InMemoryReplayCache, ReplayCache};
pub use uri::normalize_http_uri;

use crate::base64url;
use crate::claims::{Claims, NumericDate};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{HashAlgorithm, SignatureAlgorithm};
use crate::jwk::{Jwk, ThumbprintHash};
use crate::jws::{parse_header, JwsVerifier};
use crate::limits::Limits;
use crate::media_type::media_types_match;
use serde_json::{Map, Value};
use std::sync::Arc;

/// The `typ` of a DPoP proof (RFC 9449 §4.2).
pub const DPOP_TYP: &str = "dpop+jwt";

/// The longest `jti` accepted, in bytes: the replay cache keeps every `jti` for the
/// window, so its size is bounded (RFC 9449 asks for 96 random bits; a UUID is 36
/// characters).
pub const MAX_JTI_BYTES: usize = 256;

/// The members of a JWK that hold private or secret material: a proof's key must have
/// none (RFC 9449 §4.3 check 7). Refused before the key is imported.
const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"];

/// The request a proof must match: its method and URI, and what the server expects.
#[derive(Debug, Clone, Copy)]
pub struct DpopRequest<'a> {
    method: &'a str,
    uri: &'a str,
    access_token: Option<&'a str>,
    jkt: Option<&'a str>,
    nonce: Option<&'a str>,
}

impl<'a> DpopRequest<'a> {
    /// A request with this HTTP method (compared exactly: methods are case-sensitive)
    /// and target URI (its query and fragment are ignored, see [`normalize_http_uri`]).
    pub fn new(method: &'a str, uri: &'a str) -> Self {
        DpopRequest {
            method,
            uri,
            access_token: None,
            jkt: None,
            nonce: None,
        }
    }

    /// The access token presented with the proof: `ath` must be its SHA-256 hash,
    /// base64url-encoded (RFC 9449 §4.3 check 12, §7.1). A resource server also binds
    /// the proof to the token with [`bound_to`](Self::bound_to).
    pub fn access_token(mut self, access_token: &'a str) -> Self {
        self.access_token = Some(access_token);
        self
    }

    /// The `cnf.jkt` of the access token (see [`confirmation_thumbprint`]): the proof's
    /// key must have this SHA-256 thumbprint (RFC 9449 §4.3 check 13, §6.1).
    pub fn bound_to(mut self, jkt: &'a str) -> Self {
        self.jkt = Some(jkt);
        self
    }

    /// The nonce the server gave the client (`DPoP-Nonce`): the proof's `nonce` must
    /// equal it (RFC 9449 §8, §9).
    pub fn nonce(mut self, nonce: &'a str) -> Self {
        self.nonce = Some(nonce);
        self
    }
}

/// A verified DPoP proof: its key, the key's thumbprint, and its claims.
#[derive(Debug, Clone)]
pub struct DpopProof {
    header: Map<String, Value>,
    jwk: Jwk,
    jkt: String,
    alg: SignatureAlgorithm,
    jti: String,
    htm: String,
    htu: String,
    iat: NumericDate,
    ath: Option<String>,
    nonce: Option<String>,
    claims: Map<String, Value>,
}

impl DpopProof {
    /// The proof's protected header.
    pub fn header(&self) -> &Map<String, Value> {
        &self.header
    }

    /// The public key the proof was signed with (its `jwk` header).
    pub fn jwk(&self) -> &Jwk {
        &self.jwk
    }

    /// The key's RFC 7638 SHA-256 thumbprint, base64url: the `jkt` to bind tokens to.
    pub fn jkt(&self) -> &str {
        &self.jkt
    }

    /// The proof's `alg`.
    pub fn alg(&self) -> SignatureAlgorithm {
        self.alg
    }

    /// `jti`.
    pub fn jti(&self) -> &str {
        &self.jti
    }

    /// `htm`.
    pub fn htm(&self) -> &str {
        &self.htm
    }

    /// `htu`, as the proof has it.
    pub fn htu(&self) -> &str {
        &self.htu
    }

    /// `iat`.
    pub fn iat(&self) -> NumericDate {
        self.iat
    }

    /// `ath`, when present.
    pub fn ath(&self) -> Option<&str> {
        self.ath.as_deref()
    }

    /// `nonce`, when present.
    pub fn nonce(&self) -> Option<&str> {
        self.nonce.as_deref()
    }

    /// Every claim of the proof.
    pub fn claims(&self) -> &Map<String, Value> {
        &self.claims
    }
}

/// Configures a [`DpopVerifier`]. Start with [`DpopVerifier::builder`].
#[derive(Debug)]
pub struct DpopVerifierBuilder {
    algorithms: Vec<SignatureAlgorithm>,
    max_age: u64,
    leeway: u64,
    replay_cache: Arc<dyn ReplayCache>,
    clock: Arc<dyn Clock>,
    limits: Limits,
}

/// Verifies DPoP proofs (RFC 9449). Build it once and share it: its replay cache is what
/// makes a proof usable once.
///
/// ```
/// # fn main() -> jwt_core::Result<()> {
/// use jwt_core::dpop::{DpopRequest, DpopVerifier};
/// use jwt_core::{FixedClock, Jwk, Jwt, ThumbprintHash};
/// // The client's side: a proof for one request, with its public key in the header.
/// let client_key = Jwk::generate_for("ES256")?;
/// let claims = serde_json::json!({"jti": "4fa7c1", "htm": "GET",
///     "htu": "https://rs.example.com/orders", "iat": 1_700_000_000});
/// let proof = Jwt::new(claims.as_object().unwrap().clone())
///     .with_typ("dpop+jwt")
///     .with_header("jwk", client_key.public()?.to_value())
///     .sign(&client_key)?;
///
/// let verifier = DpopVerifier::builder().clock(FixedClock::at(1_700_000_001)).build()?;
/// let request = DpopRequest::new("GET", "https://RS.example.com:443/orders?page=2");
/// let verified = verifier.verify(&proof, request)?;
/// assert_eq!(verified.jkt(), client_key.thumbprint(ThumbprintHash::Sha256));
/// // The same proof again is a replay.
/// assert!(verifier.verify(&proof, request).is_err());
/// # Ok(()) }
/// ```
///
/// Clones share the replay cache, so a proof accepted by one is a replay for the others.
#[derive(Debug, Clone)]
pub struct DpopVerifier {
    algorithms: Vec<SignatureAlgorithm>,
    max_age: u64,
    leeway: u64,
    replay_cache: Arc<dyn ReplayCache>,
    clock: Arc<dyn Clock>,
    limits: Limits,
}

impl DpopVerifier {
    /// The proof algorithms accepted (for the `algs` of a `WWW-Authenticate: DPoP`
    /// challenge, RFC 9449 §7.1).
    pub fn algorithms(&self) -> &[SignatureAlgorithm] {
        &self.algorithms
    }

    /// How long after its `iat` a proof is accepted, by default, in seconds.
    pub const DEFAULT_MAX_AGE: u64 = 60;
    /// Clock skew tolerated on `iat` by default, in seconds.
    pub const DEFAULT_LEEWAY: u64 = 5;

    /// Starts configuring a verifier: every asymmetric algorithm compiled in, a window
    /// of [`DEFAULT_MAX_AGE`](Self::DEFAULT_MAX_AGE) seconds after `iat` with
    /// [`DEFAULT_LEEWAY`](Self::DEFAULT_LEEWAY) seconds of skew either side, and an
    /// [`InMemoryReplayCache`] of [`InMemoryReplayCache::DEFAULT_CAPACITY`] entries.
    pub fn builder() -> DpopVerifierBuilder {
        DpopVerifierBuilder {
            algorithms: SignatureAlgorithm::ALL
                .iter()
                .copied()
                .filter(|alg| !alg.is_symmetric() && alg.is_enabled())
                .collect(),
            max_age: Self::DEFAULT_MAX_AGE,
            leeway: Self::DEFAULT_LEEWAY,
            replay_cache: Arc::new(InMemoryReplayCache::new(
                InMemoryReplayCache::DEFAULT_CAPACITY,
            )),
            clock: Arc::new(SystemClock),
            limits: Limits::default(),
        }
    }
}

impl DpopVerifierBuilder {
    /// The allowed proof algorithms (asymmetric only).
    pub fn algorithms(mut self, algs: impl IntoIterator<Item = SignatureAlgorithm>) -> Self {
        self.algorithms = algs.into_iter().collect();
        self
    }

    /// How long after its `iat` a proof is accepted, in seconds.
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = seconds;
        self
    }

    /// Clock skew tolerated on `iat`, in seconds.
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Replaces the replay cache (one shared by several servers, say).
    pub fn replay_cache(mut self, cache: Arc<dyn ReplayCache>) -> Self {
        self.replay_cache = cache;
        self
    }

    /// Replaces the system clock.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Replaces the limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Finishes the verifier.
    ///
    /// # Errors
    /// [`ErrorKind::AlgNotAllowed`] for an empty allow-list or one with a symmetric
    /// (HMAC) algorithm: a proof is signed by a key whose public half it carries.
    pub fn build(self) -> Result<DpopVerifier> {
        if self.algorithms.is_empty() {
            return Err(Error::new(
                ErrorKind::AlgNotAllowed,
                "a DPoP verifier needs at least one algorithm",
            ));
        }
        if let Some(symmetric) = self.algorithms.iter().find(|alg| alg.is_symmetric()) {
            return Err(Error::new(
                ErrorKind::AlgNotAllowed,
                format!("{symmetric} is symmetric: a DPoP proof is signed with an asymmetric key (RFC 9449 §4.3)"),
            ));
        }
        Ok(DpopVerifier {
            algorithms: self.algorithms,
            max_age: self.max_age,
            leeway: self.leeway,
            replay_cache: self.replay_cache,
            clock: self.clock,
            limits: self.limits,
        })
    }
}

fn invalid_header(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidHeader, message)
}

impl DpopVerifier {
    /// Verifies `proof` for `request` (RFC 9449 §4.3; the order is in the module docs).
    /// A proof that passes every check is recorded in the replay cache, so the same
    /// proof is refused the next time.
    ///
    /// # Errors
    /// [`ErrorKind::LimitExceeded`] (size, a `jti` over [`MAX_JTI_BYTES`], a full replay
    /// cache); [`ErrorKind::Malformed`]; [`ErrorKind::TypMismatch`];
    /// [`ErrorKind::InvalidHeader`] for a missing or private `jwk`;
    /// [`ErrorKind::UnsupportedAlg`], [`ErrorKind::AlgNotAllowed`] (a symmetric one);
    /// key errors; [`ErrorKind::BadSignature`]; then, naming the claim,
    /// [`ErrorKind::MissingClaim`], [`ErrorKind::InvalidClaim`],
    /// [`ErrorKind::ClaimMismatch`] (`htm`, `htu`, `nonce`, `ath`, `cnf` for the key
    /// binding, `jti` for a replay), [`ErrorKind::IssuedInFuture`] and
    /// [`ErrorKind::TokenTooOld`] (`iat`).
    pub fn verify(&self, proof: &str, request: DpopRequest<'_>) -> Result<DpopProof> {
        Limits::check_at_most(
            "DPoP proof length",
            proof.len(),
            self.limits.max_token_bytes,
        )?;
        let request_uri = normalize_http_uri(request.uri)
            .map_err(|e| Error::malformed(format!("the request URI: {}", e.message())))?;
        let mut segments = proof.split('.');
        let (Some(header_b64), Some(_), Some(_), None) = (
            segments.next(),
            segments.next(),
            segments.next(),
            segments.next(),
        ) else {
            return Err(Error::malformed(
                "a DPoP proof is a compact JWS: three segments",
            ));
        };
        Limits::check_at_most(
            "DPoP proof header",
            header_b64.len(),
            self.limits.max_header_bytes.saturating_mul(4) / 3 + 4,
        )?;
        let header = parse_header(&base64url::decode(header_b64)?, &self.limits)?;
        match header.get("typ").and_then(Value::as_str) {
            Some(typ) if media_types_match(typ, DPOP_TYP) => {}
            Some(typ) => {
                return Err(Error::new(
                    ErrorKind::TypMismatch,
                    format!("a DPoP proof has typ \"dpop+jwt\", found {typ:?}"),
                ))
            }
            None => {
                return Err(Error::new(
                    ErrorKind::TypMismatch,
                    "a DPoP proof has typ \"dpop+jwt\", found none",
                ))
            }
        }
        let alg_name = header
            .get("alg")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid_header("a DPoP proof needs a string \"alg\""))?;
        if alg_name == "none" {
            // As at every verifier of this crate: an unsecured token proves nothing.
            return Err(Error::new(
                ErrorKind::AlgNotAllowed,
                "alg none: a DPoP proof is signed (RFC 9449 §4.3)",
            ));
        }
        let alg = SignatureAlgorithm::from_name(alg_name)?;
        if alg.is_symmetric() {
            return Err(Error::new(
                ErrorKind::AlgNotAllowed,
                format!("{alg} is symmetric: a DPoP proof is signed with the private key of its jwk (RFC 9449 §4.3)"),
            ));
        }
        if !self.algorithms.contains(&alg) {
            return Err(Error::new(
                ErrorKind::AlgNotAllowed,
                format!("{alg} is not in the DPoP verifier's allow-list"),
            ));
        }
        if header.contains_key("b64") {
            // RFC 7519 §7.2 base64url-decodes a JWT's payload: an unencoded JWS
            // (RFC 7797), signed for some other purpose, is not a proof.
            return Err(invalid_header(
                "a DPoP proof is a JWT: an unencoded (b64) payload is not accepted",
            ));
        }
        let jwk = public_key_of(&header)?;
        let verified = JwsVerifier::new([alg])
            .with_limits(self.limits)
            .verify_compact(proof, None, &jwk)?;
        // Only now, with the signature verified, are the claims read.
        let claims = crate::claims::parse_object(verified.payload(), &self.limits)?;
        let jkt = jwk.thumbprint(ThumbprintHash::Sha256);
        let proof = DpopProof::from_claims(header, jwk, jkt, alg, claims)?;
        self.check(&proof, &request, &request_uri)?;
        let expires_at = proof
            .iat
            .saturating_add_seconds(self.max_age)
            .saturating_add_seconds(self.leeway);
        if !self.replay_cache.insert(
            &replay_id(&request_uri, &proof.jti),
            expires_at,
            self.clock.now(),
        )? {
            return Err(Error::claim(
                ErrorKind::ClaimMismatch,
                "jti",
                "this proof's jti was already used for this URI (a replayed proof, RFC 9449 §11.1)",
            ));
        }
        Ok(proof)
    }

    /// The checks on the verified claims, before the replay cache is touched.
    fn check(&self, proof: &DpopProof, request: &DpopRequest<'_>, request_uri: &str) -> Result<()> {
        let mismatch =
            |claim: &str, message: String| Error::claim(ErrorKind::ClaimMismatch, claim, message);
        if proof.htm != request.method {
            return Err(mismatch(
                "htm",
                format!(
                    "the proof is for method {:?}, the request is {:?}",
                    proof.htm, request.method
                ),
            ));
        }
        let htu = normalize_http_uri(&proof.htu).map_err(|e| {
            Error::claim(
                ErrorKind::InvalidClaim,
                "htu",
                format!("claim \"htu\": {}", e.message()),
            )
        })?;
        if htu != request_uri {
            return Err(mismatch(
                "htu",
                format!("the proof is for {htu:?}, the request is for {request_uri:?}"),
            ));
        }
        if let Some(expected) = request.nonce {
            match proof.nonce.as_deref() {
                None => {
                    return Err(Error::claim(
                        ErrorKind::MissingClaim,
                        "nonce",
                        "the server requires a DPoP nonce (RFC 9449 §8)",
                    ))
                }
                Some(nonce) if nonce != expected => {
                    return Err(mismatch(
                        "nonce",
                        "the proof's nonce is not the server's".to_owned(),
                    ))
                }
                Some(_) => {}
            }
        }
        let now = self.clock.now();
        if proof.iat > now.saturating_add_seconds(self.leeway) {
            return Err(Error::claim(
                ErrorKind::IssuedInFuture,
                "iat",
                format!(
                    "the proof was created in the future, at {} (now {now}, leeway {} s)",
                    proof.iat, self.leeway
                ),
            ));
        }
        if now
            > proof
                .iat
                .saturating_add_seconds(self.max_age)
                .saturating_add_seconds(self.leeway)
        {
            return Err(Error::claim(
                ErrorKind::TokenTooOld,
                "iat",
                format!(
                    "the proof was created at {}, more than {} s ago (now {now}, leeway {} s)",
                    proof.iat, self.max_age, self.leeway
                ),
            ));
        }
        if let Some(access_token) = request.access_token {
            let expected = access_token_hash(access_token);
            match proof.ath.as_deref() {
                None => return Err(Error::claim(
                    ErrorKind::MissingClaim,
                    "ath",
                    "a proof sent with an access token carries its hash, \"ath\" (RFC 9449 §4.2)",
                )),
                Some(ath)
                    if !crate::crypto::digest::constant_time_eq(
                        ath.as_bytes(),
                        expected.as_bytes(),
                    ) =>
                {
                    return Err(mismatch(
                        "ath",
                        "the proof's ath is not the hash of the access token presented".to_owned(),
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(jkt) = request.jkt {
            if !crate::crypto::digest::constant_time_eq(jkt.as_bytes(), proof.jkt.as_bytes()) {
                return Err(mismatch(
                    "cnf",
                    format!(
                        "the access token is bound to the key {jkt:?} (cnf.jkt), the proof is signed by {:?}",
                        proof.jkt
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl DpopProof {
    /// The proof's claims, read after its signature verified.
    fn from_claims(
        header: Map<String, Value>,
        jwk: Jwk,
        jkt: String,
        alg: SignatureAlgorithm,
        claims: Map<String, Value>,
    ) -> Result<DpopProof> {
        let string = |name: &str| -> Result<Option<String>> {
            match claims.get(name) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(Error::claim(
                    ErrorKind::InvalidClaim,
                    name,
                    format!("claim {name:?} must be a string"),
                )),
            }
        };
        let required = |name: &str| -> Result<String> {
            string(name)?.ok_or_else(|| {
                Error::claim(
                    ErrorKind::MissingClaim,
                    name,
                    format!("a DPoP proof requires the claim {name:?} (RFC 9449 §4.2)"),
                )
            })
        };
        let jti = required("jti")?;
        if jti.len() > MAX_JTI_BYTES {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "the proof's jti is {} bytes, over the {MAX_JTI_BYTES} allowed",
                    jti.len()
                ),
            ));
        }
        let htm = required("htm")?;
        let htu = required("htu")?;
        let iat = match claims.get("iat") {
            None => {
                return Err(Error::claim(
                    ErrorKind::MissingClaim,
                    "iat",
                    "a DPoP proof requires the claim \"iat\" (RFC 9449 §4.2)",
                ))
            }
            Some(value) => serde::Deserialize::deserialize(value).map_err(|_| {
                Error::claim(
                    ErrorKind::InvalidClaim,
                    "iat",
                    "claim \"iat\" must be a NumericDate",
                )
            })?,
        };
        Ok(DpopProof {
            header,
            ath: string("ath")?,
            nonce: string("nonce")?,
            jwk,
            jkt,
            alg,
            jti,
            htm,
            htu,
            iat,
            claims,
        })
    }
}

/// The proof's `jwk` header as a public key: present, an object, with no private or
/// secret member.
fn public_key_of(header: &Map<String, Value>) -> Result<Jwk> {
    let jwk = match header.get("jwk") {
        Some(Value::Object(jwk)) => jwk,
        Some(_) => {
            return Err(invalid_header(
                "the DPoP proof's \"jwk\" must be a JSON object",
            ))
        }
        None => {
            return Err(invalid_header(
                "a DPoP proof carries its public key in the \"jwk\" header (RFC 9449 §4.2)",
            ))
        }
    };
    if let Some(member) = PRIVATE_MEMBERS.iter().find(|name| jwk.contains_key(**name)) {
        return Err(invalid_header(format!(
            "the DPoP proof's jwk holds the private or secret member {member:?}: it must be a public key (RFC 9449 §4.3)"
        )));
    }
    let key = Jwk::from_value(&Value::Object(jwk.clone()))?;
    if key.is_private() {
        return Err(invalid_header(
            "the DPoP proof's jwk must be a public key (RFC 9449 §4.3)",
        ));
    }
    Ok(key)
}

/// What the replay cache keeps for a proof: the SHA-256 of its normalised target URI
/// and its `jti` (RFC 9449 §11.1 scopes `jti` to the URI), base64url. A fixed 43
/// characters, however long the URI (up to 8 KiB) and the `jti` (up to 256 bytes):
/// the cache's memory is bounded by its capacity alone.
fn replay_id(uri: &str, jti: &str) -> String {
    let mut input = Vec::with_capacity(uri.len() + 1 + jti.len());
    input.extend_from_slice(uri.as_bytes());
    // A URI never holds a NUL byte (normalize_http_uri refuses it), so the pair is
    // read back one way only.
    input.push(0);
    input.extend_from_slice(jti.as_bytes());
    base64url::encode(crate::crypto::digest::digest(HashAlgorithm::Sha256, &input))
}

/// The `ath` of an access token: its SHA-256 hash, base64url (RFC 9449 §4.2).
///
/// ```
/// // RFC 9449 §7.1.
/// let ath = jwt_core::dpop::access_token_hash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU");
/// assert_eq!(ath, "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
/// ```
pub fn access_token_hash(access_token: &str) -> String {
    base64url::encode(crate::crypto::digest::digest(
        HashAlgorithm::Sha256,
        access_token.as_bytes(),
    ))
}

/// The `cnf.jkt` of a verified access token's claims (RFC 9449 §6.1): the thumbprint of
/// the key its DPoP proofs must be signed with, for [`DpopRequest::bound_to`].
///
/// # Errors
/// [`ErrorKind::MissingClaim`] naming `cnf` when the token has no `cnf.jkt` (it is not
/// bound to a DPoP key); [`ErrorKind::InvalidClaim`] when `cnf` or `cnf.jkt` has the
/// wrong type.
pub fn confirmation_thumbprint<C: Claims>(claims: &C) -> Result<String> {
    let missing = || {
        Error::claim(
            ErrorKind::MissingClaim,
            "cnf",
            "the access token has no cnf.jkt: it is not bound to a DPoP key",
        )
    };
    let invalid = || {
        Error::claim(
            ErrorKind::InvalidClaim,
            "cnf",
            "claim \"cnf\" must be an object whose \"jkt\" is a string",
        )
    };
    match claims.claim_value("cnf") {
        None => Err(missing()),
        Some(Value::Object(cnf)) => match cnf.get("jkt") {
            None => Err(missing()),
            Some(Value::String(jkt)) => Ok(jkt.clone()),
            Some(_) => Err(invalid()),
        },
        Some(_) => Err(invalid()),
    }
}

#[cfg(test)]
mod tests {
    /// The one place a token's own key verifies it stays apart: no file of the JWT layer's
    /// verification path, and no other profile, names this module.
    #[test]
    fn no_verifier_reaches_the_dpop_entry_point() {
        let files = [
            ("validate/mod.rs", include_str!("../validate/mod.rs")),
            (
                "validate/builder.rs",
                include_str!("../validate/builder.rs"),
            ),
            ("validate/verify.rs", include_str!("../validate/verify.rs")),
            ("validate/rules.rs", include_str!("../validate/rules.rs")),
            ("token.rs", include_str!("../token.rs")),
            ("key_source.rs", include_str!("../key_source.rs")),
            ("oidc.rs", include_str!("../oidc.rs")),
            ("dangerous/mod.rs", include_str!("../dangerous/mod.rs")),
        ];
        for (name, text) in files {
            assert!(
                !text.to_ascii_lowercase().contains("dpop"),
                "{name} mentions dpop"
            );
        }
    }
}
