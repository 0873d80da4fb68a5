//! # jwt-core
//!
//! JOSE for Rust — JWK, JWS, JWE and typed JWTs — with the algorithm set of Python's
//! jwcrypto, claim validation on the application's own types, and secure defaults
//! (RFC 8725).
//!
//! ## Quickstart: issue and verify a typed token
//!
//! (Signing, then encrypting: this one needs the `jwe` feature, on by default.)
//!
//! ```
//! # #[cfg(feature = "jwe")]
//! # fn main() -> jwt_core::Result<()> {
//! use jwt_core::{
//!     ContentEncryptionAlgorithm, FixedClock, Jwk, Jwt, KeyManagementAlgorithm, NumericDate,
//!     RegisteredClaims, Verifier,
//! };
//!
//! // Keys: one to sign (ES256), one to encrypt (ECDH-ES+A256KW on P-256).
//! let signing = Jwk::generate_for("ES256")?.with_thumbprint_kid();
//! let encryption = Jwk::generate_for("ECDH-ES+A256KW")?.with_thumbprint_kid();
//!
//! // Issue: sign, then encrypt (nested, `cty: "JWT"`), with default iat/nbf/exp/jti.
//! let now = NumericDate::from_seconds(1_700_000_000);
//! let claims = RegisteredClaims {
//!     iss: Some("https://id.example.com".into()),
//!     sub: Some("alice".into()),
//!     aud: Some("orders-api".into()),
//!     ..Default::default()
//! };
//! let token = Jwt::new(claims)
//!     .issued_at(now)
//!     .with_default_claims(900)
//!     .signed(&signing)?
//!     .encrypt(&encryption.public()?, KeyManagementAlgorithm::EcdhEsA256Kw, ContentEncryptionAlgorithm::A256Gcm)?;
//!
//! // Verify: built once per service, shared across threads.
//! let verifier = Verifier::<RegisteredClaims>::builder(signing.public()?)
//!     .nested(encryption)
//!     .issuer("https://id.example.com")
//!     .audience("orders-api")
//!     .clock(FixedClock(now))
//!     .build()?;
//! let jwt = verifier.verify(&token)?;
//! assert_eq!(jwt.claims().sub.as_deref(), Some("alice"));
//! # Ok(()) }
//! # #[cfg(not(feature = "jwe"))]
//! # fn main() {}
//! ```
//!
//! ## The layers
//!
//! | module | what |
//! | --- | --- |
//! | [`jwk`] | keys: every `kty` and curve, validation at import, `alg`/`use`/`key_ops` binding, thumbprints, PEM/DER, generation, [`JwkSet`] with `kid` selection |
//! | [`jwa`] | the algorithm identifiers (RFC 7518, RFC 8037, RFC 9864), case-sensitive, and what each needs of a key |
//! | [`jws`] | signatures: compact, flattened and general JSON, several signatures, detached and unencoded (RFC 7797) payloads; [`jws::parse_header`] for headers the application writes as JSON |
//! | [`jwe`] | encryption: every key-management and content-encryption algorithm, several recipients, `zip`, AAD |
//! | [`Jwt`], [`Verifier`] | the JWT layer: typed claims ([`Claims`]), issuing (sign, encrypt, nest) and one-call verification and validation |
//! | [`claims`] | [`NumericDate`], [`Audience`], [`Profile`], [`RegisteredClaims`], [`AccessTokenClaims`] (RFC 9068) and [`claims::Scope`], dynamic claims (`serde_json::Map`, parsed strictly by [`claims::parse_object`]) |
//! | [`oidc`] | OpenID Connect ID tokens: [`oidc::IdTokenVerifier`] adds Core §3.1.3.7 (`aud`/`azp`, `nonce`, `auth_time`, `acr`, `at_hash`, `c_hash`) to a [`Verifier`] |
//! | [`dpop`] | DPoP proofs (RFC 9449): [`dpop::DpopVerifier`], the one entry point where a token's own key (`jwk` header) verifies it; never reachable from [`Verifier`] |
//! | [`derive_docs`] | `#[derive(Claims)]`: the claim type as the profile (`typ`, issuers, audiences, times) and value rules checked at compile time |
//! | [`dangerous`] | everything that skips verification, by name: [`peek_header`](dangerous::peek_header) and [`peek_claims`](dangerous::peek_claims) for routing, [`inspect`](dangerous::inspect) (any serialization, for display), [`unsecured`](dangerous::unsecured) (`alg: none`) tokens and their [`unsecured_verifier`](dangerous::unsecured_verifier) |
//! | [`base64url`] | the strict, canonical unpadded base64url the JOSE specs require (RFC 7515 §2): one spelling per byte string, the same decoder the library applies to every segment, for applications that build or read JOSE parts themselves |
//! | [`security`] | the attacks this crate stops, and how |
//!
//! Bytes flow one way: a token is split, decoded strictly, its header parsed, the key
//! chosen, the algorithm checked against the allow-list *and* the key, the signature
//! verified or the content decrypted, and only then are the claims parsed, straight
//! into the application's type, and validated on those typed values. JWS and JWE know
//! nothing of claims; the JWT layer knows nothing of byte-level cryptography; all
//! cryptography is in one private module on `aws-lc-rs`.
//!
//! ## Design choices
//!
//! - **The algorithm never comes from the token.** Every verifier has an allow-list
//!   (defaulting to the keys' own `alg`, never to "anything"), and a key fits only the
//!   algorithms of its type, curve and size, and its own `alg`, `use` and `key_ops`.
//! - **Verified is a type.** The only way to get a [`Jwt`] from untrusted bytes is
//!   [`Verifier::verify`]; unverified reads return the distinct types of [`dangerous`].
//! - **One shape per verifier.** A JWE never passes where a JWS is expected.
//! - **Every untrusted input has a bound** ([`Limits`]), checked before the work.
//! - **Errors are stable codes** ([`ErrorKind::as_str`]) with messages that say what was
//!   expected and what was found, and never contain key material.
//!
//! ## Cargo features
//!
//! | feature | default | what |
//! | --- | --- | --- |
//! | `derive` | yes | `#[derive(Claims)]` (re-exported from `jwt-derive`) |
//! | `jwe` | yes | all of JWE: the `jwe` module, `Jwt::encrypt` and `SignedJwt::encrypt`, the encrypted and nested shapes of [`Verifier`] (`encrypted`, `nested`, `key_management`, `encryption`), `zip: DEF` (`miniz_oxide`), ECDH and AES key wrap |
//! | `pem` | yes | PEM and DER import and export (`Jwk::from_pem`, `from_der`, `to_pem`, `to_public_pem`: PKCS#8, SPKI, PKCS#1, SEC1, X.509 certificates), the `x5c` checks of a JWK, and the recovery of p and q for an RSA private JWK that has only `n`, `e`, `d` (RustCrypto `der`, `x509-cert`, `sec1`, `pem-rfc7468`, `rsa`) |
//! | `curve448` | no | Ed448 signatures and X448 key agreement (RustCrypto pre-release crates) |
//! | `pq` | no | ML-DSA-44/65/87 signatures (FIPS 204) and `AKP` keys (RFC 9964) on aws-lc-rs's stable ML-DSA API; no extra crate. Without it the algorithms are [`UnsupportedAlg`](ErrorKind::UnsupportedAlg) and `AKP` keys [`UnsupportedKey`](ErrorKind::UnsupportedKey) (skipped in a [`JwkSet`]) |
//!
//! With `default-features = false` the crate is JWS with JWK keys: every JWS algorithm
//! and serialization, JWKs and JWK Sets, thumbprints, key generation, the JWT layer on
//! signed tokens ([`Jwt::sign`], [`Verifier`]) and [`dangerous`] (which still *inspects*
//! a JWE, without decrypting it). Add `derive` for `#[derive(Claims)]`. What a feature
//! would have done is refused, never skipped silently: a JWK with `x5c` is
//! [`UnsupportedKey`](ErrorKind::UnsupportedKey) without `pem` (its certificate chain
//! cannot be checked; in a [`JwkSet`] it is skipped and reported like any unsupported
//! key), as is an RSA private JWK without its CRT members; a five-segment token given to
//! a JWS [`Verifier`] is a [`TokenTypeMismatch`](ErrorKind::TokenTypeMismatch) as
//! always. Ed25519 public keys are still checked at import (`curve25519-dalek`, which is
//! not optional). BENCHMARKS.md ("Build cost of a JWS-only service") has what the slim
//! build saves.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Every public item leaves through this file's modules and re-exports: a `pub` that no
// user can name is `pub(crate)`.
#![warn(unreachable_pub)]

pub mod base64url;
pub mod claims;
mod clock;
pub(crate) mod crypto;
pub mod dangerous;
pub mod dpop;
mod error;
mod header_params;
pub mod jwa;
#[cfg(feature = "jwe")]
pub mod jwe;
pub mod jwk;
pub mod jws;
mod key_source;
mod lazy_header;
mod limits;
mod media_type;
pub mod oidc;
pub mod security;
mod segments;
mod strict_json;
mod token;
mod validate;

#[cfg(feature = "derive")]
pub mod derive_docs;

// The paths `#[derive(Claims)]` expands to; not a public API.
#[doc(hidden)]
pub mod __private;

// Differential hooks for the fuzz targets (fuzz/README.md); only with `--cfg fuzzing`.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing;

/// Derives [`Claims`](trait@Claims) for a struct; the attributes are documented in
/// [`derive_docs`].
#[cfg(feature = "derive")]
pub use jwt_derive::Claims;

pub use claims::{AccessTokenClaims, Audience, Claims, NumericDate, Profile, RegisteredClaims};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Error, ErrorKind, Result};
pub use jwa::{
    ContentEncryptionAlgorithm, Curve, HashAlgorithm, KeyManagementAlgorithm, SignatureAlgorithm,
};
#[cfg(feature = "jwe")]
pub use jwe::{DecryptedJwe, JweBuilder, JweDecrypter, JweHeader, Recipient};
#[cfg(feature = "pem")]
pub use jwk::PemEncryption;
pub use jwk::{
    Jwk, JwkSet, KeyOperation, KeyType, KeyUse, SharedJwkSet, SkippedKey, ThumbprintHash,
};
pub use key_source::KeySource;
pub use limits::Limits;
pub use media_type::media_types_match;
pub use token::{Jwt, SignedJwt};
pub use validate::{Keys, TokenShape, Verifier, VerifierBuilder};
