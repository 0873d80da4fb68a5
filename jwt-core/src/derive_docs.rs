//! # `#[derive(Claims)]`: the claim type is the profile
//!
//! A doc-only chapter. The derive reads a struct and implements [`Claims`] for it: the
//! registered claims it finds become the [`Registered`] view the
//! [`Verifier`] checks, the container attributes become the type's static [`Profile`]
//! (`typ`, issuers, audiences, times), and field attributes become value rules run on
//! the typed claims after every standard check. Serde stays your own derive: the macro
//! only implements [`Claims`], and needs `Serialize` and `Deserialize` next to it.
//!
//! ```
//! use jwt_core::{Audience, Claims, FixedClock, Jwk, Jwt, NumericDate, Verifier, ErrorKind};
//! use serde::{Deserialize, Serialize};
//!
//! fn check_region(region: &str) -> Result<(), String> {
//!     if region.starts_with("eu-") {
//!         Ok(())
//!     } else {
//!         Err(format!("{region:?} is not an EU region"))
//!     }
//! }
//!
//! #[derive(Debug, Claims, Serialize, Deserialize)]
//! #[claims(typ = "at+jwt", iss = "https://id.example.com", aud = "orders-api",
//!          leeway = 30, max_age = 3600, expires_in = "15m", generate = [iat, jti])]
//! struct AccessToken {
//!     iss: String,
//!     sub: String,
//!     aud: Audience,
//!     exp: NumericDate,
//!     iat: NumericDate,
//!     jti: Option<String>,
//!     #[claim(one_of = ["admin", "clerk"])]
//!     role: String,
//!     #[claim(contains_all = ["orders:read"])]
//!     scopes: Vec<String>,
//!     #[claim(range = 1..=999_999)]
//!     tenant: u64,
//!     #[claim(with = check_region)]
//!     region: String,
//! }
//!
//! # fn main() -> jwt_core::Result<()> {
//! let key = Jwk::generate_for("HS256")?;
//! let claims = AccessToken {
//!     iss: "https://id.example.com".into(),
//!     sub: "alice".into(),
//!     aud: "orders-api".into(),
//!     exp: NumericDate::default(), // unset: issuing sets now + expires_in
//!     iat: NumericDate::default(), // unset: `generate = [iat]` sets now
//!     jti: None,                   // unset: `generate = [jti]` sets 128 random bits
//!     role: "clerk".into(),
//!     scopes: vec!["orders:read".into()],
//!     tenant: 42,
//!     region: "eu-west-1".into(),
//! };
//! let token = Jwt::new(claims) // the header gets typ "at+jwt" from the profile
//!     .issued_at(NumericDate::from_seconds(1_700_000_000))
//!     .sign(&key)?;
//!
//! let verifier = Verifier::<AccessToken>::builder(key)
//!     .clock(FixedClock::at(1_700_000_100))
//!     .build()?;
//! let jwt = verifier.verify(&token)?;
//! assert_eq!(jwt.claims().exp, NumericDate::from_seconds(1_700_000_900));
//! assert_eq!(jwt.header()["typ"], "at+jwt");
//! # Ok(()) }
//! ```
//!
//! ## Registered claims
//!
//! A field is a registered claim when its JSON name (after `#[serde(rename = "...")]`, or
//! the container's `#[serde(rename_all = "...")]`) is one of `iss sub aud exp nbf iat
//! jti`. Its type must fit the claim; anything else is a compile error:
//!
//! | claim | field type |
//! |---|---|
//! | `exp`, `nbf`, `iat` | [`NumericDate`] |
//! | `iss`, `sub`, `jti` | `String` (also `Box<str>`, `Arc<str>`, `Cow<'static, str>`) |
//! | `aud` | [`Audience`] (one string or an array, kept as it came), `String` or `Vec<String>` |
//!
//! each optionally in `Option<_>`. A field whose type the macro cannot read (an alias, a
//! type parameter) is checked by rustc through a trait bound instead.
//!
//! **Required or optional.** A field that is not an `Option` is a required claim: serde
//! refuses a token without it, and the verifier reports that as
//! [`missing_claim`](crate::ErrorKind::MissingClaim) naming the claim. An `Option` field
//! may be absent, and its rules run only when it is present. A registered claim of the
//! wrong JSON type (`"exp": "soon"`) is [`invalid_claim`](crate::ErrorKind::InvalidClaim),
//! never "absent".
//!
//! **An unset optional registered claim is left out.** serde writes `None` as `null`, and
//! `"nbf": null` is no NumericDate: every verifier refuses it, this crate's included. So
//! an `Option` registered claim must carry `#[serde(skip_serializing_if =
//! "Option::is_none")]` (or `skip_serializing`), or the derive does not compile; a claim
//! that issuing always fills (named in `generate`, or `exp` with `expires_in`) needs
//! nothing. A type's own tokens then always verify with its own verifier.
//!
//! ```compile_fail
//! #[derive(jwt_core::Claims, serde::Serialize, serde::Deserialize)]
//! struct Session {
//!     exp: jwt_core::NumericDate,
//!     nbf: Option<jwt_core::NumericDate>, // error: ... add `#[serde(skip_serializing_if = ...)]`
//! }
//! ```
//!
//! `#[serde(default)]` (on the field or the struct) makes serde fill an absent claim with
//! the default instead: the field is then optional in the token, and its rules and the
//! profile judge the default value (an epoch `exp` is expired, an empty `iss` matches no
//! issuer).
//!
//! **`exp` is explicit.** A struct without an `exp` field does not compile, since its
//! tokens would never expire (RFC 8725 §3.10 asks for bounded lifetimes). Add
//! `exp: NumericDate`, or say `#[claims(no_exp)]` to accept tokens without one (an `exp`
//! that is present is still checked). With `no_exp`, an `exp` field must be an `Option`.
//! Without `no_exp`, even `exp: Option<NumericDate>` is required by the verifier: the
//! `Option` only lets issuing leave it unset for `expires_in` to fill.
//!
//! ```compile_fail
//! #[derive(jwt_core::Claims, serde::Serialize, serde::Deserialize)]
//! struct Forever {
//!     sub: String, // error: this claim type has no `exp` field ...
//! }
//! ```
//!
//! ## Container attributes: `#[claims(...)]`
//!
//! | key | value | effect ([`Profile`] field) |
//! |---|---|---|
//! | `typ` | `"at+jwt"` | the `typ` header a token must carry (case-insensitive, `application/` optional), and the one [`Jwt::new`] sets (`typ`) |
//! | `iss` | `"a"` or `["a", "b"]` | accepted issuers, exact match (`issuers`); needs an `iss` field |
//! | `aud` | `"a"` or `["a", "b"]` | the token's `aud` must contain one of them (`audiences`); needs an `aud` field |
//! | `sub` | `"svc"` | the exact subject (`subject`); needs a `sub` field |
//! | `leeway` | duration | clock skew for `exp`, `nbf`, `iat` (`leeway`, default 60 s) |
//! | `max_age` | duration | maximum age from `iat` (`max_age`); needs an `iat` field |
//! | `expires_in` | duration | `exp` = now + this when issuing with `exp` unset (`expires_in`); needs an `exp` field |
//! | `generate` | `[iat, nbf, jti]`, any subset | issuing sets these when unset: `iat`/`nbf` to now, `jti` to 128 random bits (`issue_iat`, `issue_nbf`, `issue_jti`); each needs its field |
//! | `no_exp` | flag | tokens need no `exp` (`require_exp = false`) |
//! | `profile` | `"access_token"` or `"id_token"` | `"access_token"`: the type is an OAuth 2.0 JWT access token (RFC 9068; `access_token`): `typ` is `at+jwt`, and the struct must hold `iss: String`, `exp: NumericDate`, `aud: Audience`, `sub: String`, `client_id: String`, `iat: NumericDate`, `jti: String`, none of them optional; `no_exp` and another `typ` are refused. A [`Verifier`](crate::Verifier) of it must be given the issuer and audience it trusts. `"id_token"`: an OpenID Connect ID token, for [`oidc::IdTokenVerifier`](crate::oidc::IdTokenVerifier): `iss`, `sub`, `aud`, `exp`, `iat` in fields that are not optional; `nonce`, `acr`, `azp`, `at_hash`, `c_hash`, when declared, strings; `auth_time` a `NumericDate`; `no_exp` refused |
//! | `crate` | `"path::to::jwt_core"` | where the generated code finds `jwt_core`, for re-exports |
//!
//! A type with `profile = "access_token"` checks, at compile time, what RFC 9068 §2.2
//! requires; scopes are asked for at run time with
//! [`VerifierBuilder::require_scope`](crate::VerifierBuilder::require_scope), and a `scope`
//! field may be a [`Scope`](crate::claims::Scope):
//!
//! ```
//! # use jwt_core::{Audience, Claims, NumericDate};
//! # use jwt_core::claims::Scope;
//! #[derive(Claims, serde::Serialize, serde::Deserialize)]
//! #[claims(profile = "access_token", iss = "https://as.example.com")]
//! struct OrdersToken {
//!     iss: String, exp: NumericDate, aud: Audience, sub: String,
//!     client_id: String, iat: NumericDate, jti: String,
//!     #[serde(default, skip_serializing_if = "Option::is_none")]
//!     scope: Option<Scope>,
//! }
//! assert_eq!(OrdersToken::PROFILE.typ, Some("at+jwt"));
//! ```
//!
//! A duration is whole seconds (`900`) or a string of numbers with units `s`, `m`, `h`,
//! `d` (`"15m"`, `"1h30m"`, `"2d"`). `max_age` and `expires_in` must be positive.
//!
//! "Unset" when issuing means `None`, an empty string for a plain `String` `jti`, and the
//! epoch for a plain `NumericDate` (its `Default`), so `..Default::default()` works:
//!
//! ```
//! # use jwt_core::{Claims, Jwk, Jwt, NumericDate};
//! #[derive(Default, Claims, serde::Serialize, serde::Deserialize)]
//! #[claims(expires_in = 60, generate = [jti])]
//! struct Session { exp: NumericDate, jti: String, user: String }
//!
//! # fn main() -> jwt_core::Result<()> {
//! let key = Jwk::generate_for("HS256")?;
//! let token = Jwt::new(Session { user: "bob".into(), ..Default::default() })
//!     .issued_at(NumericDate::from_seconds(1000))
//!     .sign(&key)?;
//! let claims = jwt_core::dangerous::peek_claims(&token)?.0;
//! assert_eq!(claims["exp"], 1060);
//! assert_eq!(claims["jti"].as_str().map(str::len), Some(22));
//! # Ok(()) }
//! ```
//!
//! A [`Verifier`] starts from the profile; what it adds at run time is described in its
//! module docs (issuers and audiences are added, leeway and max age can only be lowered).
//!
//! ## Field rules: `#[claim(...)]`
//!
//! | key | value | applies to | passes when |
//! |---|---|---|---|
//! | `eq` | literal | strings, integers, floats, bools | the value equals it |
//! | `one_of` | `[literal, ...]` | strings, integers, floats, bools | the value equals one of them |
//! | `contains` | literal | sequences (`Vec`, `HashSet`, arrays, ...) of strings or numbers, [`Audience`], space-separated strings (`scope`) | the item (or whole word) is there |
//! | `contains_all` | `[literal, ...]` | as `contains` | every item is there |
//! | `range` | `1..=10`, `1..10`, `..=10`, `1..` | integers, floats | the value is in the range |
//! | `len` | a range of lengths, e.g. `1..=64` | strings (characters), sequences (items) | the length is in the range |
//! | `with` | a function path | any type | `f(&value)` returns `Ok(())` |
//!
//! A `with` function has the signature `fn(&T) -> Result<(), E>` where `T` is the field
//! type (inside `Option`, the inner type) and `E: Display`; deref coercion applies, so a
//! `String` field can take `fn(&str)`. Several rules may sit on one field; each key once.
//!
//! A failed rule is [`claim_mismatch`](crate::ErrorKind::ClaimMismatch), with
//! [`Error::claim_name`](crate::Error::claim_name) the claim's JSON name and a message
//! with what was expected and what was found:
//!
//! ```
//! # use jwt_core::{Claims, ErrorKind, FixedClock, Jwk, Jwt, NumericDate, Verifier};
//! # use serde_json::json;
//! #[derive(Debug, Claims, serde::Serialize, serde::Deserialize)]
//! struct Ticket {
//!     exp: NumericDate,
//!     #[serde(rename = "https://example.com/seat")]
//!     #[claim(len = 2..=3)]
//!     seat: String,
//!     #[claim(range = 1..=8)]
//!     party: Option<u8>, // checked when present
//! }
//!
//! # fn main() -> jwt_core::Result<()> {
//! let key = Jwk::generate_for("HS256")?;
//! let verifier = Verifier::<Ticket>::builder(key.clone()).clock(FixedClock::at(0)).build()?;
//! let sign = |claims: serde_json::Value| -> jwt_core::Result<String> {
//!     let serde_json::Value::Object(map) = claims else { unreachable!() };
//!     Jwt::new(map).sign(&key)
//! };
//! assert!(verifier.verify(&sign(json!({"exp": 60, "https://example.com/seat": "12A"}))?).is_ok());
//! let error = verifier
//!     .verify(&sign(json!({"exp": 60, "https://example.com/seat": "12A", "party": 9}))?)
//!     .unwrap_err();
//! assert_eq!(error.kind(), ErrorKind::ClaimMismatch);
//! assert_eq!(error.claim_name(), Some("party"));
//! assert_eq!(error.message(), r#"claim "party" must be in 1..=8, found 9"#);
//! # Ok(()) }
//! ```
//!
//! ## Compile-time checks
//!
//! Every mistake the macro can see fails the build with a span on the offending token,
//! and all of them are reported in one compile: a registered claim of the wrong type, a
//! rule that cannot apply to its field (`range` on a `String`), a literal of the wrong
//! type or out of the field's range (span on the literal), an unknown key (with "did you
//! mean"), a key given twice, a profile setting without its field (`aud` without an `aud`
//! field, `expires_in` without `exp`, `max_age` without `iat`), two fields reading one
//! claim, `no_exp` with a required `exp`, a malformed duration or range, a key without
//! its value, `#[claim]` on the struct or `#[claims]` on a field, and an enum,
//! tuple struct, unit struct or union. When there are errors, a stub impl is emitted with
//! them so no second wave of "`Claims` is not implemented" follows.
//!
//! ```compile_fail
//! #[derive(jwt_core::Claims, serde::Serialize, serde::Deserialize)]
//! struct Token {
//!     exp: jwt_core::NumericDate,
//!     #[claim(range = 1..=64)] // error: `range` applies to integer and float fields ...
//!     name: String,
//! }
//! ```
//!
//! ```compile_fail
//! #[derive(jwt_core::Claims, serde::Serialize, serde::Deserialize)]
//! #[claims(expire_in = 900)] // error: unknown key `expire_in` ...; did you mean `expires_in`?
//! struct Token { exp: jwt_core::NumericDate }
//! ```
//!
//! ## Generics, names and hygiene
//!
//! Generic structs work: the impl requires `Self: Serialize + DeserializeOwned` and, for
//! a registered claim whose type is a parameter, the matching claim trait; bounds a `with`
//! function needs go on the struct. `#[serde(skip)]` fields are not claims (rules on them
//! are refused); a `#[serde(flatten)]` field takes only `with`. `#[serde(alias)]` names
//! count when looking for two fields reading one claim.
//!
//! The expansion names everything by absolute path through `jwt_core` (or the `crate`
//! override), sits in a `const _: () = { ... };` block so it adds no names to your module,
//! and is clean under `#![deny(warnings)]` and clippy.
//!
//! [`Claims`]: trait@crate::Claims
//! [`Registered`]: crate::claims::Registered
//! [`Verifier`]: crate::Verifier
//! [`Profile`]: crate::Profile
//! [`NumericDate`]: crate::NumericDate
//! [`Audience`]: crate::Audience
//! [`Jwt::new`]: crate::Jwt::new
