//! [`Jwt<C>`]: a header and typed claims; issuing (sign, encrypt, nest) lives here.
//! Verifying lives in `validate/`, which builds on this module, never the reverse.

use crate::claims::{Claims, IssueDefaults, NumericDate};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{ContentEncryptionAlgorithm, KeyManagementAlgorithm, SignatureAlgorithm};
use crate::jwe::{JweBuilder, Recipient};
use crate::jwk::Jwk;
use crate::jws::HeaderMap;
use crate::lazy_header::LazyHeader;
use serde_json::Value;
use std::fmt;

/// A JSON Web Token: header members and claims of type `C`.
///
/// Built by the application to issue a token ([`Jwt::new`]), or returned by a
/// [`Verifier`](crate::Verifier) after the signature or tag verified and every claim
/// rule passed: there is no other way to get a `Jwt` from untrusted bytes.
#[derive(Clone, PartialEq)]
pub struct Jwt<C> {
    header: Header,
    claims: C,
    outer_header: Option<Header>,
    issue: IssueOptions,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct IssueOptions {
    at: Option<NumericDate>,
    default_lifetime: Option<u64>,
}

impl<C: fmt::Debug> fmt::Debug for Jwt<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jwt")
            .field("header", self.header.get())
            .field("claims", &self.claims)
            .field("outer_header", &self.outer_header.as_ref().map(Header::get))
            .finish()
    }
}

impl<C> Jwt<C> {
    /// The claims.
    pub fn claims(&self) -> &C {
        &self.claims
    }

    /// The claims, mutably (before issuing).
    pub fn claims_mut(&mut self) -> &mut C {
        &mut self.claims
    }

    /// Takes the claims.
    pub fn into_claims(self) -> C {
        self.claims
    }

    /// The header members: of the JWS for a signed or nested token, of the JWE for an
    /// encrypted one.
    pub fn header(&self) -> &HeaderMap {
        self.header.get()
    }

    /// For a verified nested token, the outer (JWE) header.
    pub fn outer_header(&self) -> Option<&HeaderMap> {
        self.outer_header.as_ref().map(Header::get)
    }

    /// A verified token, assembled by the verifier.
    pub(crate) fn verified(header: Header, claims: C, outer_header: Option<Header>) -> Self {
        Jwt {
            header,
            claims,
            outer_header,
            issue: IssueOptions::default(),
        }
    }
}

impl<'a, C: Claims + Clone> Jwt<std::borrow::Cow<'a, C>> {
    /// A token to issue from claims the application keeps: nothing is cloned unless
    /// issuing fills in defaults (`generate`, `expires_in`,
    /// [`with_default_claims`](Self::with_default_claims)).
    ///
    /// ```
    /// # fn main() -> jwt_core::Result<()> {
    /// use jwt_core::{Jwk, Jwt, NumericDate, RegisteredClaims, Verifier, FixedClock};
    ///
    /// let key = Jwk::generate_for("HS256")?;
    /// let claims = RegisteredClaims {
    ///     sub: Some("alice".into()),
    ///     exp: Some(NumericDate::from_seconds(2_000)),
    ///     ..Default::default()
    /// };
    /// for _ in 0..2 {
    ///     let token = Jwt::borrowed(&claims).sign(&key)?;
    ///     let verifier = Verifier::<RegisteredClaims>::builder(key.clone())
    ///         .clock(FixedClock::at(1_000))
    ///         .build()?;
    ///     assert_eq!(verifier.verify(&token)?.claims().sub.as_deref(), Some("alice"));
    /// }
    /// # Ok(()) }
    /// ```
    pub fn borrowed(claims: &'a C) -> Self {
        Jwt::new(std::borrow::Cow::Borrowed(claims))
    }
}

impl<C: Claims> Jwt<C> {
    /// A token to issue, with the `typ` of `C`'s profile (if any) in its header.
    pub fn new(claims: C) -> Self {
        let mut header = HeaderMap::new();
        if let Some(typ) = C::PROFILE.typ {
            header.insert("typ".into(), Value::String(typ.into()));
        }
        Jwt {
            header: LazyHeader::Parsed(header),
            claims,
            outer_header: None,
            issue: IssueOptions::default(),
        }
    }

    /// Sets the `typ` header.
    pub fn with_typ(self, typ: impl Into<String>) -> Self {
        self.with_header("typ", Value::String(typ.into()))
    }

    /// Sets the `kid` header (otherwise the signing key's `kid` is used).
    pub fn with_kid(self, kid: impl Into<String>) -> Self {
        self.with_header("kid", Value::String(kid.into()))
    }

    /// Sets the `cty` header.
    pub fn with_cty(self, cty: impl Into<String>) -> Self {
        self.with_header("cty", Value::String(cty.into()))
    }

    /// Sets any header member. `alg`, `enc`, `crit` and `b64` are refused at issue time.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        let mut members =
            std::mem::replace(&mut self.header, LazyHeader::Parsed(HeaderMap::new())).into_parsed();
        members.insert(name.into(), value.into());
        self.header = LazyHeader::Parsed(members);
        self
    }

    /// The time issuing reads as "now" (default: the system clock at issue).
    pub fn issued_at(mut self, now: NumericDate) -> Self {
        self.issue.at = Some(now);
        self
    }

    /// jwcrypto's `default_claims`: at issue, sets `iat` and `nbf` to now, `exp` to now
    /// plus `lifetime_seconds` and `jti` to 128 random bits, each only when unset.
    pub fn with_default_claims(mut self, lifetime_seconds: u64) -> Self {
        self.issue.default_lifetime = Some(lifetime_seconds);
        self
    }

    /// Signs with `key` under the key's own `alg`.
    ///
    /// # Errors
    /// [`ErrorKind::AlgNotAllowed`] when the key has no `alg` (use
    /// [`sign_with`](Self::sign_with)); key and header errors.
    pub fn sign(self, key: &Jwk) -> Result<String> {
        let alg = key_signature_alg(key)?;
        self.sign_with(key, alg)
    }

    /// Signs with `key` under `alg`, returning the compact JWS.
    ///
    /// # Errors
    /// Key authorization, header and serialization errors.
    pub fn sign_with(self, key: &Jwk, alg: SignatureAlgorithm) -> Result<String> {
        let (header, payload) = self.issue_parts()?;
        crate::jws::compact_jws(&payload, key, alg, header)
    }

    /// Signs (under the key's `alg`) and returns a [`SignedJwt`] that can be sent as is or
    /// encrypted into a nested token: `jwt.signed(&k)?.encrypt(&ek, alg, enc)?`.
    ///
    /// # Errors
    /// As [`sign`](Self::sign).
    pub fn signed(self, key: &Jwk) -> Result<SignedJwt> {
        self.sign(key).map(SignedJwt)
    }

    /// Encrypts the claims (no signature) for `key`, returning the compact JWE.
    ///
    /// # Errors
    /// Key authorization, header and serialization errors.
    pub fn encrypt(
        self,
        key: &Jwk,
        alg: KeyManagementAlgorithm,
        enc: ContentEncryptionAlgorithm,
    ) -> Result<String> {
        let (header, payload) = self.issue_parts()?;
        let mut builder = JweBuilder::new(&payload, enc);
        for (name, value) in header {
            builder = builder.protected_header(name, value);
        }
        builder.recipient(Recipient::new(key, alg)).compact()
    }

    /// Header and serialized claims, with the issue-time defaults applied.
    fn issue_parts(mut self) -> Result<(HeaderMap, Vec<u8>)> {
        // One pass over the (few) members rather than a lookup per reserved name.
        let reserved = ["alg", "enc", "crit", "b64", "zip"];
        if let Some(name) = self
            .header
            .get()
            .keys()
            .find(|name| reserved.contains(&name.as_str()))
        {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                format!("the {name:?} header is set by the library, not by Jwt::with_header"),
            ));
        }
        let defaults = self.issue_defaults()?;
        self.claims.apply_defaults(&defaults)?;
        // Room for a typical claim set at once: growing from serde_json's default
        // reallocated twice per token.
        let mut payload = Vec::with_capacity(512);
        serde_json::to_writer(&mut payload, &self.claims).map_err(|e| {
            Error::new(
                ErrorKind::InvalidClaim,
                format!("claims serialization failed: {e}"),
            )
        })?;
        if payload.first() != Some(&b'{') {
            return Err(Error::malformed(
                "the claims must serialize to a JSON object",
            ));
        }
        Ok((self.header.into_parsed(), payload))
    }

    fn issue_defaults(&self) -> Result<IssueDefaults> {
        let profile = C::PROFILE;
        let all = self.issue.default_lifetime.is_some();
        let lifetime = self.issue.default_lifetime.or(profile.expires_in);
        if !(all
            || lifetime.is_some()
            || profile.issue_iat
            || profile.issue_nbf
            || profile.issue_jti)
        {
            // Nothing to fill: the clock is not read.
            return Ok(IssueDefaults::default());
        }
        // Whole seconds, as every peer writes them: `exp: 1700000900`, not `1700000900.123`.
        let now =
            NumericDate::from_seconds(self.issue.at.unwrap_or_else(NumericDate::now).seconds());
        let jti = if all || profile.issue_jti {
            Some(IssueDefaults::random_jti()?)
        } else {
            None
        };
        Ok(IssueDefaults {
            iat: (all || profile.issue_iat).then_some(now),
            nbf: (all || profile.issue_nbf).then_some(now),
            exp: lifetime.map(|seconds| now.saturating_add_seconds(seconds)),
            jti,
        })
    }
}

fn key_signature_alg(key: &Jwk) -> Result<SignatureAlgorithm> {
    let name = key.alg().ok_or_else(|| {
        Error::new(
            ErrorKind::AlgNotAllowed,
            "the key has no \"alg\": name the algorithm with sign_with(key, alg)",
        )
    })?;
    SignatureAlgorithm::from_name(name)
}

/// A token's header members: a map, or the checked header text of a verified token,
/// turned into a map only when the application asks for it.
pub(crate) type Header = LazyHeader<HeaderMap>;

/// A signed JWT (compact JWS), ready to send or to wrap in a JWE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedJwt(String);

impl SignedJwt {
    /// The compact JWS.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Takes the compact JWS.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Encrypts the signed token for `key` (sign, then encrypt: RFC 7519 §11.2),
    /// setting `cty: "JWT"` on the outer header. Returns the compact nested token.
    ///
    /// # Errors
    /// Key authorization and serialization errors.
    pub fn encrypt(
        &self,
        key: &Jwk,
        alg: KeyManagementAlgorithm,
        enc: ContentEncryptionAlgorithm,
    ) -> Result<String> {
        JweBuilder::new(self.0.as_bytes(), enc)
            .cty("JWT")
            .recipient(Recipient::new(key, alg))
            .compact()
    }
}

impl fmt::Display for SignedJwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
