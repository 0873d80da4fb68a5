//! [`Verifier<C>`]: the one way from untrusted bytes to a [`Jwt<C>`].
//!
//! Order of work: size limit, shape (a token of the wrong shape is never processed),
//! decrypt and/or verify (allow-lists and key binding enforced below this layer), the
//! `typ` header, then the claims: parsed straight into `C` after a one-pass check of
//! duplicates and of registered-claim JSON types, and validated on those typed values.
//!
//! # Precedence of settings
//! The verifier starts from `C::PROFILE`. Issuers and audiences given at run time are
//! *added* to the profile's; required claims and rules are added; a run-time `typ` or
//! subject replaces the profile's. Leeway and max age set in the profile can only be
//! *lowered* at run time; when the profile leaves them unset, the run-time value is used
//! (leeway defaults to 60 s). `exp` is required unless the profile or the verifier
//! ([`VerifierBuilder::no_exp`]) says otherwise; `exp` and `nbf` are always checked
//! when present.

use crate::claims::{Claims, ClaimsScan, NumericDate, Profile, Registered};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{ContentEncryptionAlgorithm, KeyManagementAlgorithm, SignatureAlgorithm};
use crate::jwe::{JweDecrypter, ProtectedHeader};
use crate::jwk::{Jwk, JwkSet, LoadedKeys, SharedJwkSet};
use crate::jws::{decode_payload, CompactHeader, JwsVerifier};
use crate::key_source::KeySource;
use crate::limits::Limits;
use crate::segments::Segments;
use crate::token::Header;
use crate::token::Jwt;
use serde_json::Value;
use std::borrow::Cow;
use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::OnceLock;

/// The shape of token a verifier accepts. Any other shape is
/// [`TokenTypeMismatch`](ErrorKind::TokenTypeMismatch), rejected before any crypto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TokenShape {
    /// A JWS whose payload is the claims (the default).
    #[default]
    Signed,
    /// A JWE whose plaintext is the claims.
    Encrypted,
    /// A JWE (`cty: "JWT"`) whose plaintext is a JWS whose payload is the claims.
    Nested,
    /// An unsecured JWT (RFC 7519 §6, `alg: "none"`): claims that nothing protects.
    /// Only [`Verifier::dangerous_unsecured`] accepts it.
    Unsecured,
}

/// Keys owned by a verifier: one key or a set.
#[derive(Debug, Clone)]
pub enum Keys {
    /// One key.
    Key(Jwk),
    /// A set, searched by `kid`.
    Set(JwkSet),
    /// A set that can be replaced while the verifier is in use (key rotation). Its
    /// keys change, so the allow-list does not come from them: name it with
    /// [`VerifierBuilder::algorithms`] (or `key_management` to decrypt).
    Shared(SharedJwkSet),
}

impl From<SharedJwkSet> for Keys {
    fn from(set: SharedJwkSet) -> Self {
        Keys::Shared(set)
    }
}

impl From<Jwk> for Keys {
    fn from(key: Jwk) -> Self {
        Keys::Key(key)
    }
}

impl From<JwkSet> for Keys {
    fn from(set: JwkSet) -> Self {
        Keys::Set(set)
    }
}

impl Keys {
    /// The keys for one verification (a shared set's snapshot lives as long as this).
    fn load(&self) -> LoadedKeys<'_> {
        match self {
            Keys::Key(key) => LoadedKeys::Borrowed(KeySource::Key(key)),
            Keys::Set(set) => LoadedKeys::Borrowed(KeySource::Set(set)),
            Keys::Shared(set) => LoadedKeys::Snapshot(set.load()),
        }
    }

    /// The `alg` members of the keys, in order (none for a shared set, whose keys change).
    fn algs(&self) -> Vec<&str> {
        match self {
            Keys::Key(key) => key.alg().into_iter().collect(),
            Keys::Set(set) => set.keys().iter().filter_map(Jwk::alg).collect(),
            Keys::Shared(_) => Vec::new(),
        }
    }
}

type Rule<C> = Arc<dyn Fn(&C) -> Result<()> + Send + Sync>;

/// Verifies and validates tokens into `Jwt<C>`. Build it once per service (it is
/// `Send + Sync`) and share it.
///
/// ```
/// # fn main() -> jwt_core::Result<()> {
/// use jwt_core::{Jwk, Jwt, RegisteredClaims, Verifier, NumericDate, FixedClock};
/// let key = Jwk::generate_for("HS256")?;
/// let claims = RegisteredClaims { iss: Some("me".into()), ..Default::default() };
/// let token = Jwt::new(claims).issued_at(NumericDate::from_seconds(1000)).with_default_claims(60).sign(&key)?;
/// let verifier = Verifier::<RegisteredClaims>::builder(key).issuer("me").clock(FixedClock::at(1010)).build()?;
/// let jwt = verifier.verify(&token)?;
/// assert_eq!(jwt.claims().iss.as_deref(), Some("me"));
/// # Ok(()) }
/// ```
pub struct Verifier<C> {
    shape: TokenShape,
    keys: Keys,
    decryption_keys: Option<Keys>,
    jws: JwsVerifier,
    jwe: JweDecrypter,
    typ: Option<String>,
    issuers: Vec<String>,
    audiences: Vec<String>,
    any_audience: bool,
    subject: Option<String>,
    required: Vec<(String, Option<Value>)>,
    leeway: u64,
    max_age: Option<u64>,
    require_exp: bool,
    limits: Limits,
    clock: Arc<dyn Clock>,
    rules: Vec<Rule<C>>,
    _claims: PhantomData<fn() -> C>,
}

impl<C> std::fmt::Debug for Verifier<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("shape", &self.shape)
            .field("algorithms", &self.jws.allowed())
            .field("key_management", &self.jwe.allowed_algs())
            .field("encryption", &self.jwe.allowed_encs())
            .field("typ", &self.typ)
            .field("issuers", &self.issuers)
            .field("audiences", &self.audiences)
            .field("any_audience", &self.any_audience)
            .field("subject", &self.subject)
            .field("leeway", &self.leeway)
            .field("max_age", &self.max_age)
            .field("require_exp", &self.require_exp)
            .field("rules", &self.rules.len())
            .finish_non_exhaustive()
    }
}

/// Configures a [`Verifier`]. Start with [`Verifier::builder`].
pub struct VerifierBuilder<C> {
    shape: TokenShape,
    keys: Keys,
    decryption_keys: Option<Keys>,
    algorithms: Option<Vec<SignatureAlgorithm>>,
    key_management: Option<Vec<KeyManagementAlgorithm>>,
    encryption: Option<Vec<ContentEncryptionAlgorithm>>,
    typ: Option<String>,
    issuers: Vec<String>,
    audiences: Vec<String>,
    any_audience: bool,
    subject: Option<String>,
    required: Vec<(String, Option<Value>)>,
    leeway: Option<u64>,
    max_age: Option<u64>,
    require_exp: bool,
    limits: Limits,
    clock: Arc<dyn Clock>,
    rules: Vec<Rule<C>>,
}

impl<C: Claims> Verifier<C> {
    /// Starts configuring a verifier whose tokens are verified (signed), or decrypted
    /// (encrypted), with `keys`.
    pub fn builder(keys: impl Into<Keys>) -> VerifierBuilder<C> {
        let profile: Profile = C::PROFILE;
        VerifierBuilder {
            shape: TokenShape::Signed,
            keys: keys.into(),
            decryption_keys: None,
            algorithms: None,
            key_management: None,
            encryption: None,
            typ: None,
            issuers: Vec::new(),
            audiences: Vec::new(),
            any_audience: false,
            subject: None,
            required: Vec::new(),
            leeway: None,
            max_age: None,
            require_exp: profile.require_exp,
            limits: Limits::default(),
            clock: Arc::new(SystemClock),
            rules: Vec::new(),
        }
    }
}

impl<C: Claims> Verifier<C> {
    /// **Dangerous**: starts configuring a verifier for unsecured JWTs (RFC 7519 §6,
    /// `"alg": "none"`). It validates the claims like any other verifier, but nothing
    /// proves who wrote them: use it only where the channel itself is trusted. It
    /// accepts nothing but unsecured tokens, and no other verifier accepts them.
    pub fn dangerous_unsecured() -> VerifierBuilder<C> {
        let mut builder = Verifier::builder(JwkSet::new(Vec::new()));
        builder.shape = TokenShape::Unsecured;
        builder
    }
}

impl<C: Claims> VerifierBuilder<C> {
    /// Accept encrypted tokens: a JWE whose plaintext is the claims, decrypted with the
    /// builder's keys.
    pub fn encrypted(mut self) -> Self {
        self.shape = TokenShape::Encrypted;
        self
    }

    /// Accept nested tokens: a JWE (`cty: "JWT"`) decrypted with `decryption_keys`,
    /// holding a JWS verified with the builder's keys.
    pub fn nested(mut self, decryption_keys: impl Into<Keys>) -> Self {
        self.shape = TokenShape::Nested;
        self.decryption_keys = Some(decryption_keys.into());
        self
    }

    /// The allowed JWS algorithms (default: the keys' own `alg`).
    pub fn algorithms(mut self, algs: impl IntoIterator<Item = SignatureAlgorithm>) -> Self {
        self.algorithms = Some(algs.into_iter().collect());
        self
    }

    /// The allowed JWE key-management algorithms (default: the decryption keys' own
    /// `alg`, never `RSA1_5` unless named here).
    pub fn key_management(
        mut self,
        algs: impl IntoIterator<Item = KeyManagementAlgorithm>,
    ) -> Self {
        self.key_management = Some(algs.into_iter().collect());
        self
    }

    /// The allowed JWE content encryptions (default: all six registered ones).
    pub fn encryption(
        mut self,
        encs: impl IntoIterator<Item = ContentEncryptionAlgorithm>,
    ) -> Self {
        self.encryption = Some(encs.into_iter().collect());
        self
    }

    /// Adds an accepted issuer.
    pub fn issuer(mut self, iss: impl Into<String>) -> Self {
        self.issuers.push(iss.into());
        self
    }

    /// Adds an accepted audience.
    pub fn audience(mut self, aud: impl Into<String>) -> Self {
        self.audiences.push(aud.into());
        self
    }

    /// Accepts a token's `aud` even when no audience is expected (off by default:
    /// RFC 7519 §4.1.3 says a token for an audience must be rejected by others).
    pub fn any_audience(mut self) -> Self {
        self.any_audience = true;
        self
    }

    /// Requires this exact `sub`.
    pub fn subject(mut self, sub: impl Into<String>) -> Self {
        self.subject = Some(sub.into());
        self
    }

    /// Requires this `typ` header (case-insensitive, `application/` prefix optional).
    pub fn typ(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// Requires the claim `name` to be present (jwcrypto `check_claims` with `None`).
    pub fn require(mut self, name: impl Into<String>) -> Self {
        self.required.push((name.into(), None));
        self
    }

    /// Requires the claim `name` to equal `value` exactly (jwcrypto `check_claims`).
    pub fn require_value(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.required.push((name.into(), Some(value.into())));
        self
    }

    /// Clock skew tolerated, in seconds. Can only lower a leeway the profile sets.
    pub fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = Some(seconds);
        self
    }

    /// Maximum token age from `iat`, in seconds (makes `iat` required). Can only lower
    /// a max age the profile sets.
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Accepts tokens without `exp` (when present it is still checked).
    pub fn no_exp(mut self) -> Self {
        self.require_exp = false;
        self
    }

    /// Replaces the limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Replaces the system clock.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Adds a rule run on the claims after every other check.
    pub fn rule(mut self, rule: impl Fn(&C) -> Result<()> + Send + Sync + 'static) -> Self {
        self.rules.push(Arc::new(rule));
        self
    }

    /// Finishes the verifier.
    ///
    /// # Errors
    /// [`ErrorKind::AlgNotAllowed`] when an allow-list would be empty (no algorithms
    /// given and the keys carry no usable `alg`): a verifier never accepts "anything".
    pub fn build(self) -> Result<Verifier<C>> {
        let profile = C::PROFILE;
        let signing_keys_verify = matches!(self.shape, TokenShape::Signed | TokenShape::Nested);
        let algorithms = match self.algorithms {
            Some(list) => list,
            None if signing_keys_verify => parse_algs(&self.keys, SignatureAlgorithm::from_name),
            None => Vec::new(),
        };
        if signing_keys_verify && algorithms.is_empty() {
            return Err(Error::new(
                ErrorKind::AlgNotAllowed,
                "no signature algorithm is allowed: name them with .algorithms(...) or give the keys an \"alg\"",
            ));
        }
        let decrypting = match self.shape {
            TokenShape::Signed | TokenShape::Unsecured => None,
            TokenShape::Encrypted => Some(&self.keys),
            TokenShape::Nested => self.decryption_keys.as_ref(),
        };
        let key_management = match (self.key_management, decrypting) {
            (Some(list), _) => list,
            (None, Some(keys)) => parse_algs(keys, KeyManagementAlgorithm::from_name)
                .into_iter()
                .filter(|alg| *alg != KeyManagementAlgorithm::Rsa1_5)
                .collect(),
            (None, None) => Vec::new(),
        };
        if decrypting.is_some() && key_management.is_empty() {
            return Err(Error::new(
                ErrorKind::AlgNotAllowed,
                "no key-management algorithm is allowed: name them with .key_management(...) or give the decryption keys an \"alg\"",
            ));
        }
        let encryption = self
            .encryption
            .unwrap_or_else(|| ContentEncryptionAlgorithm::ALL.to_vec());
        let mut issuers: Vec<String> = profile.issuers.iter().map(|s| s.to_string()).collect();
        issuers.extend(self.issuers);
        let mut audiences: Vec<String> = profile.audiences.iter().map(|s| s.to_string()).collect();
        audiences.extend(self.audiences);
        Ok(Verifier {
            shape: self.shape,
            jws: JwsVerifier::new(algorithms).with_limits(self.limits),
            jwe: JweDecrypter::new(key_management, encryption).with_limits(self.limits),
            keys: self.keys,
            decryption_keys: self.decryption_keys,
            typ: self.typ.or_else(|| profile.typ.map(str::to_owned)),
            issuers,
            audiences,
            any_audience: self.any_audience,
            subject: self.subject.or_else(|| profile.subject.map(str::to_owned)),
            required: self.required,
            leeway: tighten(profile.leeway, self.leeway).unwrap_or(Profile::DEFAULT_LEEWAY),
            max_age: tighten(profile.max_age, self.max_age),
            require_exp: self.require_exp,
            limits: self.limits,
            clock: self.clock,
            rules: self.rules,
            _claims: PhantomData,
        })
    }
}

/// A profile bound can only be lowered at run time; an unset one takes the run-time value.
fn tighten(profile: Option<u64>, runtime: Option<u64>) -> Option<u64> {
    match (profile, runtime) {
        (Some(p), Some(r)) => Some(p.min(r)),
        (p, r) => p.or(r),
    }
}

fn parse_algs<A>(keys: &Keys, parse: fn(&str) -> Result<A>) -> Vec<A> {
    keys.algs()
        .into_iter()
        .filter_map(|name| parse(name).ok())
        .collect()
}

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
fn jwe_header(header: ProtectedHeader) -> Header {
    match header {
        ProtectedHeader::Parsed(header) => Header::Members(header.into_members()),
        ProtectedHeader::Text(text) => Header::Text(text, OnceLock::new()),
    }
}

/// A verified token's payload: a JWS's payload segment, still base64url-encoded, or
/// bytes already decoded or decrypted.
enum Payload<'t> {
    Encoded(&'t str),
    Bytes(Vec<u8>),
}

impl Payload<'_> {
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
            (TokenShape::Encrypted, TokenShape::Encrypted) => {
                let decrypted = self.jwe.decrypt_compact_segments(
                    token,
                    segments.jwe(),
                    self.keys.load().source(),
                )?;
                if decrypted
                    .cty()
                    .is_some_and(|cty| cty.eq_ignore_ascii_case("JWT"))
                {
                    return Err(mismatch("an encrypted JWT", "a nested JWT (cty: JWT)"));
                }
                let (header, plaintext) = decrypted.into_lazy_header_and_plaintext();
                (jwe_header(header), Payload::Bytes(plaintext), None)
            }
            (TokenShape::Nested, TokenShape::Encrypted) => {
                self.open_nested(token, segments.jwe())?
            }
            (TokenShape::Unsecured, TokenShape::Signed) => {
                let unsecured = crate::jws::unsecured::decode(token, &self.limits)?;
                (
                    Header::Members(unsecured.header),
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
        let claims = match scan.parse::<C>(payload, &self.limits) {
            Some(claims) => claims,
            None => {
                scan = ClaimsScan::of(payload, &self.limits)?;
                parse_claims::<C>(payload, scan.text(), &self.limits)?
            }
        };
        self.validate(&claims, &scan)?;
        Ok(Jwt::verified(header, claims, outer_header))
    }

    fn open_nested(
        &self,
        token: &str,
        segments: Option<[&str; 5]>,
    ) -> Result<(Header, Payload<'static>, Option<Header>)> {
        let decryption_keys = self.decryption_keys.as_ref().unwrap_or(&self.keys);
        let decrypted =
            self.jwe
                .decrypt_compact_segments(token, segments, decryption_keys.load().source())?;
        if !decrypted
            .cty()
            .is_some_and(|cty| cty.eq_ignore_ascii_case("JWT"))
        {
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
        let (header, payload) =
            self.jws
                .verify_compact_parts(token, parts, self.keys.load().source())?;
        let header = match header {
            // Plain header text: checked, and without `b64` by construction.
            CompactHeader::Text(text) => Header::Text(text, OnceLock::new()),
            CompactHeader::Parsed(header) if !header.b64() => return Err(Error::new(
                ErrorKind::InvalidHeader,
                "a JWT payload is base64url-encoded (RFC 7519 §7.2); an unencoded (b64: false) JWS is not a JWT",
            )),
            CompactHeader::Parsed(header) => Header::Members(header.into_protected()),
        };
        Ok((header, Payload::Encoded(payload)))
    }

    fn check_typ(&self, header: &Header) -> Result<()> {
        let Some(expected) = &self.typ else {
            return Ok(());
        };
        let found = header_typ(header);
        match found.as_deref() {
            Some(found) if media_type_eq(found, expected) => Ok(()),
            Some(found) => Err(Error::new(
                ErrorKind::TypMismatch,
                format!("expected typ {expected:?}, found {found:?}"),
            )),
            None => Err(Error::new(
                ErrorKind::TypMismatch,
                format!("expected typ {expected:?}, found none"),
            )),
        }
    }

    /// Every claim rule, on the typed value the application will receive.
    fn validate(&self, claims: &C, scan: &ClaimsScan<'_>) -> Result<()> {
        let mut registered = claims.registered()?;
        scan.fill_missing(&mut registered);
        let now = self.clock.now();
        self.check_times(&registered, now)?;
        self.check_identity(&registered)?;
        for (name, expected) in &self.required {
            let value = claims.claim_value(name).ok_or_else(|| {
                Error::claim(
                    ErrorKind::MissingClaim,
                    name,
                    format!("claim {name:?} is required"),
                )
            })?;
            if let Some(expected) = expected {
                if !json_equal(&value, expected) {
                    return Err(Error::claim(
                        ErrorKind::ClaimMismatch,
                        name,
                        format!("claim {name:?} must be {expected}, found {value}"),
                    ));
                }
            }
        }
        claims.check()?;
        self.rules.iter().try_for_each(|rule| rule(claims))
    }

    fn check_times(&self, claims: &Registered<'_>, now: NumericDate) -> Result<()> {
        let leeway = self.leeway;
        match claims.exp {
            Some(exp) if now >= exp.saturating_add_seconds(leeway) => {
                return Err(Error::claim(
                    ErrorKind::Expired,
                    "exp",
                    format!("the token expired at {exp} (now {now}, leeway {leeway} s)"),
                ))
            }
            None if self.require_exp => {
                return Err(Error::claim(
                    ErrorKind::MissingClaim,
                    "exp",
                    "claim \"exp\" is required",
                ))
            }
            _ => {}
        }
        if let Some(nbf) = claims.nbf {
            if now < nbf.saturating_sub_seconds(leeway) {
                return Err(Error::claim(
                    ErrorKind::NotYetValid,
                    "nbf",
                    format!("the token is not valid before {nbf} (now {now}, leeway {leeway} s)"),
                ));
            }
        }
        if let Some(iat) = claims.iat {
            if iat > now.saturating_add_seconds(leeway) {
                return Err(Error::claim(
                    ErrorKind::IssuedInFuture,
                    "iat",
                    format!("the token was issued in the future, at {iat} (now {now}, leeway {leeway} s)"),
                ));
            }
        }
        if let Some(max_age) = self.max_age {
            let iat = claims.iat.ok_or_else(|| {
                Error::claim(
                    ErrorKind::MissingClaim,
                    "iat",
                    "claim \"iat\" is required when a maximum age is set",
                )
            })?;
            if now
                > iat
                    .saturating_add_seconds(max_age)
                    .saturating_add_seconds(leeway)
            {
                return Err(Error::claim(
                    ErrorKind::TokenTooOld,
                    "iat",
                    format!("the token was issued at {iat}, more than {max_age} s ago (now {now}, leeway {leeway} s)"),
                ));
            }
        }
        Ok(())
    }

    fn check_identity(&self, claims: &Registered<'_>) -> Result<()> {
        if !self.issuers.is_empty() {
            let iss = claims.iss.ok_or_else(|| {
                Error::claim(ErrorKind::MissingClaim, "iss", "claim \"iss\" is required")
            })?;
            if !self.issuers.iter().any(|i| i == iss) {
                return Err(Error::claim(
                    ErrorKind::ClaimMismatch,
                    "iss",
                    format!("issuer {iss:?} is not one of {:?}", self.issuers),
                ));
            }
        }
        if let Some(expected) = &self.subject {
            match claims.sub {
                None => {
                    return Err(Error::claim(
                        ErrorKind::MissingClaim,
                        "sub",
                        "claim \"sub\" is required",
                    ))
                }
                Some(sub) if sub != expected => {
                    return Err(Error::claim(
                        ErrorKind::ClaimMismatch,
                        "sub",
                        format!("expected subject {expected:?}, found {sub:?}"),
                    ))
                }
                Some(_) => {}
            }
        }
        match (&claims.aud, self.audiences.is_empty()) {
            (None, false) => Err(Error::claim(ErrorKind::MissingClaim, "aud", "claim \"aud\" is required")),
            (Some(aud), false) if !aud.contains_any(&self.audiences) => Err(Error::claim(
                ErrorKind::ClaimMismatch,
                "aud",
                format!("the token's audience does not include any of {:?}", self.audiences),
            )),
            (Some(_), true) if !self.any_audience => Err(Error::claim(
                ErrorKind::ClaimMismatch,
                "aud",
                "the token names an audience but this verifier expects none (RFC 7519 §4.1.3); configure .audience(...) or .any_audience()",
            )),
            _ => Ok(()),
        }
    }
}

/// The `typ` member when it is a string, read from header text without building the
/// map (a `typ` of another JSON type counts as none, as with the map).
fn header_typ(header: &Header) -> Option<Cow<'_, str>> {
    match header {
        Header::Members(members) => members
            .get("typ")
            .and_then(Value::as_str)
            .map(Cow::Borrowed),
        Header::Text(text, _) => {
            #[derive(serde::Deserialize)]
            struct TypOnly<'a> {
                #[serde(borrow, default)]
                typ: Option<Cow<'a, str>>,
            }
            serde_json::from_slice::<TypOnly<'_>>(text)
                .ok()
                .and_then(|t| t.typ)
        }
    }
}

/// `typ` comparison per RFC 7515 §4.1.9: case-insensitive; `application/` may be left
/// out, but only when no other `/` remains (`application/x/y` is not `x/y`).
fn media_type_eq(a: &str, b: &str) -> bool {
    fn strip(t: &str) -> &str {
        match (t.get(..12), t.get(12..)) {
            (Some(prefix), Some(rest))
                if prefix.eq_ignore_ascii_case("application/") && !rest.contains('/') =>
            {
                rest
            }
            _ => t,
        }
    }
    strip(a).eq_ignore_ascii_case(strip(b))
}

/// A number's exact integer value, when it has one (`1`, `1.0`, `1e3`): compared
/// through `f64`, `9007199254740993` would equal `9007199254740992.0`.
fn exact_integer(n: &serde_json::Number) -> Option<i128> {
    if let Some(i) = n.as_i64() {
        return Some(i128::from(i));
    }
    if let Some(u) = n.as_u64() {
        return Some(i128::from(u));
    }
    let f = n.as_f64()?;
    // Floats from 2^127 on are integers too, but no i64/u64 can equal them.
    (f.fract() == 0.0 && f.abs() < 1.7e38).then_some(f as i128)
}

/// JSON equality for `require_value`, with numbers compared by value (`1` equals `1.0`).
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (exact_integer(x), exact_integer(y)) {
            (Some(x), Some(y)) => x == y,
            // An integer never equals a fraction; two fractions compare as floats.
            (None, None) => x.as_f64() == y.as_f64(),
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Parses verified claim bytes straight into `C` (after [`ClaimsScan::of`] checked them).
/// `text` is the payload when it is UTF-8: serde_json then skips its own check of
/// every string.
fn parse_claims<C: Claims>(payload: &[u8], text: Option<&str>, limits: &Limits) -> Result<C> {
    match text {
        Some(text) => serde_json::from_str::<C>(text),
        None => serde_json::from_slice::<C>(payload),
    }
    .map_err(|_| {
        // The quick scan does not judge syntax: the exact walk names what is wrong
        // with the JSON itself, before the claim type is blamed.
        match ClaimsScan::exact(payload, limits) {
            Err(e) => e,
            Ok(_) => describe_claims_error::<C>(payload),
        }
    })
}

/// The error path only: parse again, tracking the path, to name the claim at fault.
fn describe_claims_error<C: Claims>(payload: &[u8]) -> Error {
    let mut de = serde_json::Deserializer::from_slice(payload);
    match serde_path_to_error::deserialize::<_, C>(&mut de) {
        Ok(_) => Error::new(
            ErrorKind::InvalidClaim,
            "the claims do not fit the claim type",
        ),
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = inner.to_string();
            if let Some(rest) = message.strip_prefix("missing field `") {
                let name = rest.split('`').next().unwrap_or_default();
                return Error::claim(
                    ErrorKind::MissingClaim,
                    name,
                    format!("claim {name:?} is required"),
                );
            }
            let claim = path.split(['.', '[']).next().unwrap_or_default();
            if claim.is_empty() || claim == "?" {
                Error::new(
                    ErrorKind::InvalidClaim,
                    format!("invalid claims: {message}"),
                )
            } else {
                Error::claim(
                    ErrorKind::InvalidClaim,
                    claim,
                    format!("claim {path:?}: {message}"),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifiers_and_tokens_are_shared_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Verifier<crate::RegisteredClaims>>();
        send_sync::<Verifier<serde_json::Map<String, Value>>>();
        send_sync::<Jwt<crate::RegisteredClaims>>();
        send_sync::<Jwk>();
        send_sync::<JwkSet>();
        send_sync::<crate::jws::JwsVerifier>();
        send_sync::<crate::jwe::JweDecrypter>();
    }

    #[test]
    fn typ_comparison() {
        assert!(media_type_eq("JWT", "jwt"));
        assert!(media_type_eq("application/at+jwt", "at+JWT"));
        assert!(media_type_eq("at+jwt", "APPLICATION/at+jwt"));
        assert!(!media_type_eq("jwt", "at+jwt"));
        assert!(!media_type_eq("application/", "jwt"));
        assert!(!media_type_eq("applicationjwt", "jwt"));
        assert!(!media_type_eq("application/x/y", "x/y"));
        assert!(media_type_eq("application/x/y", "APPLICATION/x/y"));
    }

    #[test]
    fn required_values_compare_numbers_by_value() {
        use serde_json::json;
        assert!(json_equal(&json!(1), &json!(1.0)));
        assert!(json_equal(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!json_equal(&json!(1), &json!(2)));
        assert!(!json_equal(&json!(1), &json!("1")));
        assert!(!json_equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        assert!(json_equal(&json!(u64::MAX), &json!(u64::MAX)));
        // Beyond 2^53 an f64 cannot tell these apart; the integers can.
        assert!(!json_equal(
            &json!(9_007_199_254_740_993_u64),
            &json!(9_007_199_254_740_992.0)
        ));
        assert!(json_equal(
            &json!(9_007_199_254_740_992_u64),
            &json!(9_007_199_254_740_992.0)
        ));
        assert!(!json_equal(&json!(1), &json!(1.5)));
        assert!(json_equal(&json!(1.5), &json!(1.5)));
        assert!(!json_equal(&json!(u64::MAX), &json!(u64::MAX - 1)));
    }

    #[test]
    fn tighten_only_lowers_profile_values() {
        assert_eq!(tighten(Some(30), Some(60)), Some(30));
        assert_eq!(tighten(Some(30), Some(10)), Some(10));
        assert_eq!(tighten(None, Some(120)), Some(120));
        assert_eq!(tighten(Some(5), None), Some(5));
        assert_eq!(tighten(None, None), None);
    }

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
