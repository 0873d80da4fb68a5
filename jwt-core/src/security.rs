//! # Security: the attacks this crate stops, and how
//!
//! A doc-only chapter. Each section names an attack seen against JWT libraries, the
//! rule that stops it here, and where that rule lives. Every rule has a test that
//! fails without it (`tests/tests/api/`: `jws_attacks.rs`, `jwt_validation.rs`,
//! `jwe.rs`).
//!
//! ## Algorithm confusion (RFC 8725 §2.1, §3.1)
//! *Attack:* a token signed `HS256` with the server's RSA public key as the HMAC
//! secret, accepted by a verifier that takes `alg` from the header.
//! *Here:* the header's `alg` only selects within the caller's allow-list
//! ([`JwsVerifier::new`](crate::jws::JwsVerifier::new), [`VerifierBuilder::algorithms`](crate::VerifierBuilder::algorithms)),
//! and the chosen key must fit it: an RSA or EC key can never be used as an HMAC
//! secret (`Jwk::authorize`). A key with an `alg` member is bound to that algorithm; a
//! `use: "enc"` key never signs or verifies; `key_ops` is enforced. A verifier is never
//! built with an empty allow-list: it defaults to the keys' own `alg` or fails to build.
//!
//! ## `alg: none` (CVE-2015-9235 and many since)
//! *Attack:* strip the signature and set `alg` to `none` (or `None`, `NONE`).
//! *Here:* `none` is not a [`SignatureAlgorithm`](crate::SignatureAlgorithm) at all.
//! Verifiers reject it whatever their allow-list; unsecured tokens are read only by
//! [`dangerous::unsecured`](crate::dangerous::unsecured) and
//! [`dangerous::unsecured_verifier`](crate::dangerous::unsecured_verifier), by name,
//! and neither ever sees a key; a verifier built that way accepts nothing else. Other spellings are unknown algorithms (names are case-sensitive).
//!
//! ## JWS/JWE confusion (CVE-2022-3102)
//! *Attack:* hand a JWE (encrypted with the server's public key, so anyone can make
//! one) to code that expects a signed token, and have it accepted as "verified".
//! *Here:* JWS and JWE are separate entry points, and a [`Verifier`](crate::Verifier)
//! accepts exactly one [`TokenShape`](crate::TokenShape). A token of another shape is
//! [`TokenTypeMismatch`](crate::ErrorKind::TokenTypeMismatch) before any key is touched.
//! A nested token must say `cty: "JWT"` and hold a JWS; an encrypted-only verifier
//! refuses a nested one.
//!
//! ## Embedded keys (`jwk`, `jku`, `x5u`, `x5c`)
//! *Attack:* sign with your own key and put it (or a URL to it) in the header.
//! *Here:* those members are never read for verification; keys come only from the
//! [`KeySource`](crate::KeySource) the caller passes.
//!
//! ## Certificate chains in keys (`x5c`, `x5t`, `x5t#S256`)
//! *Attack:* publish a key with a certificate chain that belongs to another key, or
//! that is not a certificate at all, and let a relying party or a re-publication trust
//! the chain.
//! *Here:* a JWK's `x5c` is checked at import (RFC 7517 §4.7): every entry is standard
//! base64 of a DER certificate that parses, the first certificate's public key is the
//! JWK's key, and `x5t`/`x5t#S256` (with `x5c`) are that certificate's thumbprints;
//! anything else is [`InvalidKey`](crate::ErrorKind::InvalidKey). The chain is checked
//! for consistency only and **trusted for nothing**: no path is built to a root, no
//! validity period, name or revocation is checked, and a certificate never makes a key
//! acceptable. Keys are trusted because the application supplied them.
//!
//! ## `kid` tricks
//! *Attack:* point `kid` at another key, or rely on a fallback to "any key".
//! *Here:* in a [`JwkSet`](crate::JwkSet), a `kid` selects exactly the keys with that
//! `kid` that fit the algorithm; there is no fallback to other keys, duplicate `kid`s
//! that both fit are an error, never resolved at random. Without a `kid`, at most
//! [`Limits::max_keys_tried`](crate::Limits) fitting keys are tried. `kid` is only ever
//! compared as a string, never used as a path or a query.
//!
//! ## Signature malleability and lax parsing
//! *Attack:* several spellings of one token (padding, `+`/`/`, trailing bits), DER
//! ECDSA signatures, short RSA signatures, duplicate JSON members read differently by
//! two parsers.
//! *Here:* base64url is strict (one spelling per byte string); ECDSA signatures must be
//! exactly r‖s of the curve's size and RSA signatures exactly the modulus size; JSON
//! objects from tokens and keys reject duplicate members at any depth; `crit` may name
//! only extensions we implement (`b64`), and only in the protected header. Member names
//! serde_json reserves for itself (`$serde_json::private::…`) are refused: with its
//! `raw_value` feature, which any crate in a build can enable, a `serde_json::Value`
//! would re-parse a string under such a name as JSON, past the duplicate and depth
//! checks. The fast paths that parse headers and claims in one pass (and the JWE and
//! JWS shortcuts for plain headers) accept only what the full rules accept, and hand
//! everything else to those rules, which then give the verdict and the error.
//!
//! ## Claims validated on a different parse (CVE-2026-25537 class)
//! *Attack:* a registered claim of the wrong JSON type (`"exp": "9999999999"`) read as
//! "absent" by the validator but as a value by the application.
//! *Here:* claims are parsed once, after the signature or tag verified, straight into
//! the application's type, and validated on those typed values. A registered claim of
//! the wrong JSON type is [`InvalidClaim`](crate::ErrorKind::InvalidClaim), never
//! "absent". `exp` and `nbf` are checked whenever present, whatever other rules are
//! configured.
//!
//! ## Cross-JWT confusion (RFC 8725 §3.11–3.12)
//! *Attack:* replay an ID token as an access token, or a token for one service at
//! another.
//! *Here:* a claim type's profile (`#[claims(typ = .., aud = ..)]`) fixes the `typ`
//! header and audiences it accepts; a token with an `aud` is refused by a verifier that
//! expects none (RFC 7519 §4.1.3) unless it opts in with `any_audience`.
//!
//! ## Decryption oracles (Bleichenbacher, padding oracles)
//! *Attack:* learn the CEK or plaintext from differing errors or timings.
//! *Here:* a bad tag, bad padding, failed key unwrap and RSA padding failure all surface
//! as the same [`DecryptionFailed`](crate::ErrorKind::DecryptionFailed). The AES-CBC
//! HMAC tag is checked in constant time before any unpadding. `RSA1_5` is off unless
//! named, and uses the RFC 7516 §11.5 countermeasure: a random CEK on any padding
//! failure, so the failure shows only as a bad tag later.
//!
//! ## Invalid-curve and small-subgroup ECDH
//! *Attack:* an `epk` off the curve, on another curve, or of low order, to learn the
//! private key.
//! *Here:* every EC point is validated at import (on curve, not the identity, exact
//! coordinate lengths); the `epk` must be on the key's curve; X25519/X448 results that
//! are all zero (low-order points) are rejected.
//!
//! ## Resource exhaustion
//! *Attack:* a PBES2 `p2c` of two billion, a DEFLATE bomb, a million signatures, a
//! deeply nested header.
//! *Here:* [`Limits`](crate::Limits) bound token and header size, JSON depth, signatures
//! and recipients examined, keys tried, PBES2 iterations (1,000 to 16,384 by default)
//! and inflated size (1 MiB, enforced while inflating). Each is checked before the work
//! it protects and is [`LimitExceeded`](crate::ErrorKind::LimitExceeded).
//!
//! ## Weak keys
//! RSA keys under 2048 bits, HMAC secrets shorter than the hash and AES keys of the
//! wrong size are refused at use ([`WeakKey`](crate::ErrorKind::WeakKey)). Secrets have
//! a redacted `Debug` and are zeroized on drop; error messages never contain key
//! material. CEKs, IVs, salts and `jti` values come from the system CSPRNG; no API lets
//! a caller supply a nonce.
