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
//! [`KeySource`](crate::KeySource) the caller passes. The one exception is by name and
//! by design: a DPoP proof (RFC 9449) is a signature by the key in its own `jwk` header,
//! and [`dpop::DpopVerifier`](crate::dpop::DpopVerifier), a separate entry point that no
//! [`Verifier`](crate::Verifier) reaches, checks exactly that. There the key must be a
//! public key (a private or secret member is refused before import), the algorithm
//! asymmetric and allow-listed, and the proof proves only possession: it is worth
//! something once the key is bound to the access token (`cnf.jkt`,
//! [`DpopRequest::bound_to`](crate::dpop::DpopRequest::bound_to)).
//!
//! ## Replayed DPoP proofs
//! *Attack:* capture a DPoP proof and send it again, for the same or another request.
//! *Here:* a proof names its method and URI (`htm`, `htu`, compared after
//! normalisation), is accepted only within a window after its `iat`, and its `jti` is
//! recorded (per URI) in a bounded [`ReplayCache`](crate::dpop::ReplayCache) until the
//! window closes; a second use is refused, and a cache that is full of live entries
//! refuses new proofs rather than forgetting one.
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
//! it protects and is [`LimitExceeded`](crate::ErrorKind::LimitExceeded). What the
//! worst input each bound lets through costs is measured in the next section.
//!
//! A password-protected key file carries its own key-derivation cost too. Reading one
//! ([`Jwk::from_pem_with_password`](crate::Jwk::from_pem_with_password), `pem` feature)
//! refuses more than 10,000,000 PBKDF2 iterations, and scrypt over 64 MiB of memory or
//! with p over 16, before deriving anything; PBES1, PBKDF2 with HMAC-SHA-1 and DES are
//! not read. A wrong password is [`DecryptionFailed`](crate::ErrorKind::DecryptionFailed).
//!
//! ML-DSA signatures (`pq` feature) are 2,420 to 4,627 bytes: the signature segment is
//! bounded by the longest signature of the header's algorithm (decoded on the heap only
//! when longer than 1,024 bytes, after the allow-list accepted an ML-DSA algorithm), and
//! its exact length is checked before the primitive runs.
//!
//! ## What a hostile token can cost
//! *Attack:* forge nothing, but make every refusal as expensive as the limits allow: the
//! largest token and header, nested as deep as allowed, every signature or recipient
//! failing against every key a set offers, the highest `p2c`, a DEFLATE bomb, RSA keys
//! of up to 8192 bits, a JWK Set of the largest size.
//! *Measured:* `cargo bench -p jwt-bench --bench cost` (see bench/README.md) builds, for
//! each entry point, the most expensive input that [`Limits::DEFAULT`](crate::Limits::DEFAULT)
//! (and the 1 MiB JWK Set limit) lets through, checks once that it is refused with the
//! expected error kind (or accepted), and times it against a valid token of the same
//! algorithm and keys: thread CPU time, both sides in alternating batches, medians over
//! the rounds. Measured 2026-12-05 12:23 UTC on a shared machine (Intel(R) Xeon(R)
//! Processor, 2 cores, load average 3.67, 3.47, 2.01 at the start): the ratios, paired,
//! hold better than the absolute times.
//!
//! | Entry point | Hostile input | Outcome | Its time | Valid counterpart | Its time | Ratio | Bounded by |
//! | --- | --- | --- | ---: | --- | ---: | ---: | --- |
//! | JWS compact (Verifier) | HS256, one key: 16 KiB token, 2 KiB header 31 deep, signature fails | BadSignature | 33.8 µs | HS256 token (one key) | 1.3 µs | 25.5× | linear in max_token_bytes |
//! | JWS compact (Verifier) | HS256, 8-key set, no kid: 16 KiB token, signature fails (4 keys tried) | BadSignature | 60.2 µs | HS256 token naming its kid, same set | 1.3 µs | 44.0× | max_keys_tried × max_token_bytes |
//! | JWS compact (Verifier) | RS256 (RSA-2048), 8-key set, no kid: 16 KiB token, signature fails (4 keys tried) | BadSignature | 113.8 µs | RS256 (RSA-2048) token naming its kid, same set | 15.1 µs | 7.6× | max_keys_tried × max_token_bytes |
//! | JWS compact (Verifier) | RS256 (RSA-8192), 8-key set, no kid: 16 KiB token, signature fails (4 keys tried) | BadSignature | 853.6 µs | RS256 (RSA-8192) token naming its kid, same set | 201.8 µs | 4.2× | max_keys_tried × max_token_bytes |
//! | JWS compact (Verifier) | HS256, 1 MiB set (11394 keys), kid not in the set | KeyNotFound | 374 ns | HS256 token naming a kid of the same set | 1.5 µs | 0.2× | binary search over kids |
//! | JWS JSON (JwsVerifier) | HS256, 8-key set: 16 KiB general JSON, 1 signature(s) without kid, headers of 2047 bytes 31 deep, all failing (4 verifications) | BadSignature | 65.6 µs | HS256 flattened JSON naming its kid, same set | 1.5 µs | 42.0× | max_signatures × max_keys_tried × max_token_bytes |
//! | JWS JSON (JwsVerifier) | RS256 (RSA-2048), 8-key set: 16 KiB general JSON, 1 signature(s) without kid, headers of 2047 bytes 31 deep, all failing (4 verifications) | BadSignature | 125.8 µs | RS256 (RSA-2048) flattened JSON naming its kid, same set | 16.8 µs | 7.7× | max_signatures × max_keys_tried × max_token_bytes |
//! | JWS JSON (JwsVerifier) | RS256 (RSA-8192), 8-key set: 16 KiB general JSON, 1 signature(s) without kid, headers of 2047 bytes 31 deep, all failing (4 verifications) | BadSignature | 906.6 µs | RS256 (RSA-8192) flattened JSON naming its kid, same set | 211.1 µs | 4.3× | max_signatures × max_keys_tried × max_token_bytes |
//! | JWE compact (Verifier) | PBES2-HS512+A256KW at p2c 16384, 8-key set, no kid: 16 KiB token whose key cannot be unwrapped (4 keys tried) | DecryptionFailed | 27.77 ms | PBES2-HS512+A256KW at p2c 8192 token naming its kid, same set | 3.53 ms | 7.9× | PBES2: bounded by p2c and the budget |
//! | JWE compact (Verifier) | RSA-OAEP-256 (RSA-2048), 8-key set, no kid: 16 KiB token whose key cannot be unwrapped (4 keys tried) | DecryptionFailed | 1.02 ms | RSA-OAEP-256 (RSA-2048) token naming its kid, same set | 263.5 µs | 3.9× | max_costly_operations |
//! | JWE compact (Verifier) | RSA-OAEP-256 (RSA-4096), 8-key set, no kid: 16 KiB token whose key cannot be unwrapped (4 keys tried) | DecryptionFailed | 6.34 ms | RSA-OAEP-256 (RSA-4096) token naming its kid, same set | 1.58 ms | 4.0× | max_costly_operations |
//! | JWE compact (Verifier) | RSA-OAEP-256 (RSA-8192), 8-key set, no kid: 16 KiB token whose key cannot be unwrapped (4 keys tried) | DecryptionFailed | 104.02 ms | RSA-OAEP-256 (RSA-8192) token naming its kid, same set | 25.79 ms | 4.0× | max_costly_operations |
//! | JWE compact (Verifier) | ECDH-ES+A256KW (P-256), 8-key set, no kid: 16 KiB token whose key cannot be unwrapped (4 keys tried) | DecryptionFailed | 164.3 µs | ECDH-ES+A256KW (P-256) token naming its kid, same set | 43.3 µs | 3.9× | max_costly_operations |
//! | JWE compact (Verifier) | ECDH-ES+A256KW, zip DEF: 1 KiB token inflating to 16 KiB of claims (padding 31 deep), authentic | accepted | 134.5 µs | ECDH-ES+A256KW token | 43.6 µs | 3.1× | claims parsed up to max_token_bytes |
//! | JWE compact (Verifier) | ECDH-ES+A256KW, zip DEF: 2 KiB token inflating to 1024 KiB of claims (padding 31 deep), authentic | LimitExceeded | 810.6 µs | ECDH-ES+A256KW token | 43.1 µs | 18.8× | inflated up to max_inflated_bytes, then refused |
//! | JWE JSON (JweDecrypter) | PBES2-HS512+A256KW at p2c 16384, 8-key set: 16 KiB, 16 recipients without kid, none can be unwrapped (stopped by the budget of 4) | LimitExceeded | 27.36 ms | PBES2-HS512+A256KW at p2c 8192, one recipient naming its kid, same set | 3.43 ms | 8.0× | PBES2: bounded by p2c and the budget |
//! | JWE JSON (JweDecrypter) | RSA-OAEP-256 (RSA-4096), 8-key set: 16 KiB, 16 recipients without kid, none can be unwrapped (stopped by the budget of 4) | LimitExceeded | 6.44 ms | RSA-OAEP-256 (RSA-4096), one recipient naming its kid, same set | 1.60 ms | 4.0× | max_costly_operations |
//! | JWE JSON (JweDecrypter) | ECDH-ES+A256KW (P-256), 8-key set: 16 KiB, 16 recipients without kid, none can be unwrapped (stopped by the budget of 4) | LimitExceeded | 207.2 µs | ECDH-ES+A256KW (P-256), one recipient naming its kid, same set | 44.4 µs | 4.6× | max_costly_operations |
//! | Nested (Verifier) | ECDH-ES+A256KW + zip DEF around a 16 KiB RS256 JWS (RSA-2048, 8-key set, no kid, header 31 deep), signature fails | BadSignature | 168.3 µs | ECDH-ES+A256KW around an RS256 JWS naming its kid | 59.3 µs | 2.8× | max_keys_tried × max_token_bytes |
//! | JWK Set load (JwkSet::from_json) | 1 MiB set: 735 RSA-8192 public keys | accepted | 18.90 ms | a set of one of these keys (1433 bytes) | 25.4 µs | 756.0× | once per set, not per token |
//! | JWK Set load (JwkSet::from_json) | 1 MiB set: 2611 RSA-2048 public keys | accepted | 25.62 ms | a set of one of these keys (409 bytes) | 9.1 µs | 2872.4× | once per set, not per token |
//! | JWK Set load (JwkSet::from_json) | 1 MiB set: 168 RSA-8192 private keys with CRT members | accepted | 971.34 ms | a set of one of these keys (6245 bytes) | 5.68 ms | 169.3× | once per set, not per token |
//! | JWK Set load (JwkSet::from_json) | 1 MiB set: 376 RSA-8192 private keys without CRT members (p, q recovered) | accepted | 6.19 s | a set of one of these keys (2792 bytes) | 15.61 ms | 398.9× | once per set, not per token |
//! | JWK Set load (JwkSet::from_json) | 1 MiB set: 7444 P-256 public keys | accepted | 37.53 ms | a set of one of these keys (148 bytes) | 3.4 µs | 11519.5× | once per set, not per token |
//!
//! Reading the table:
//! - **JWS**: no per-token budget bounds a JWS; its cost is the bytes hashed
//!   (signatures × keys tried × token length) plus the header bytes parsed. RSA hides
//!   this behind the cost of one valid verification, HMAC does not, so the defaults
//!   bound the bytes: `max_token_bytes` 16 KiB (nginx and Apache refuse a request
//!   header line over 8 KiB by default, so a bearer token is rarely longer),
//!   `max_header_bytes` 2 KiB and `max_signatures` 1 (a JWS with several signatures is
//!   accepted only when the limits ask for it). Every JWS row is then under 50×: 25× for
//!   one HMAC key, 44× when a set without `kid` lets four keys be tried. Under the
//!   previous defaults (256 KiB, 8 KiB, 16 signatures) the same rows cost up to
//!   5,500× (below). A service that accepts larger tokens raises the limits per
//!   verifier ([`VerifierBuilder::limits`](crate::VerifierBuilder::limits),
//!   [`JwsVerifier::with_limits`](crate::jws::JwsVerifier::with_limits)) and pays
//!   proportionally; the `jwt` command keeps 256 KiB, 8 KiB and 16 signatures, as its
//!   contract says, since its tokens are the user's own input.
//! - **JWE**: [`max_costly_operations`](crate::Limits::max_costly_operations) stops a token
//!   after four PBES2 derivations, RSA decryptions or ECDH agreements over all its
//!   recipients and keys, so a JWE whose keys never unwrap costs about four times a
//!   valid one whatever the key size (RSA-8192 included), a little more for ECDH-ES,
//!   where decoding the token is not small next to one agreement. PBES2 adds the ratio
//!   of the `p2c` ceiling to the sender's default (16,384 / 8,192): 8×, bounded by
//!   `p2c`.
//! - **DEFLATE bomb**: anyone can encrypt to a public key, so the content is authentic.
//!   Inflating stops at 1 MiB and claims are parsed only up to `max_token_bytes` of JSON:
//!   under 50×.
//! - **A `kid` that is not in the set** costs less than a valid token, whatever the set's
//!   size: one binary search, no fallback to other keys.
//! - **JWK Set load**: 170× to 11,500× a set of one key, justified: it is paid once per
//!   set (at configuration or on refresh, which jwt-web rate-limits), not per token, and
//!   bounded by the 1 MiB set limit: 20 to 40 ms for a set of public keys. Private RSA
//!   keys cost more (about 1 s for a 1 MiB set of RSA-8192 keys with their CRT members,
//!   6 s without them, where p and q are recovered for every key): read private key
//!   sets only from storage you trust.
//!
//! The JWS rows under the previous defaults (`max_token_bytes` 256 KiB,
//! `max_header_bytes` 8 KiB, `max_signatures` 16), same run:
//!
//! | Entry point | Hostile input | Outcome | Its time | Valid counterpart | Its time | Ratio | Bounded by |
//! | --- | --- | --- | ---: | --- | ---: | ---: | --- |
//! | JWS compact (Verifier) | HS256, one key: 256 KiB token, 8 KiB header 31 deep, signature fails | BadSignature | 265.0 µs | HS256 token (one key) | 1.6 µs | 171.8× | linear in max_token_bytes |
//! | JWS compact (Verifier) | HS256, 8-key set, no kid: 256 KiB token, signature fails (4 keys tried) | BadSignature | 794.5 µs | HS256 token naming its kid, same set | 1.7 µs | 463.3× | max_keys_tried × max_token_bytes |
//! | JWS compact (Verifier) | RS256 (RSA-2048), 8-key set, no kid: 256 KiB token, signature fails (4 keys tried) | BadSignature | 670.5 µs | RS256 (RSA-2048) token naming its kid, same set | 14.8 µs | 45.2× | max_keys_tried × max_token_bytes |
//! | JWS compact (Verifier) | RS256 (RSA-8192), 8-key set, no kid: 256 KiB token, signature fails (4 keys tried) | BadSignature | 1.41 ms | RS256 (RSA-8192) token naming its kid, same set | 238.6 µs | 7.1× | max_keys_tried × max_token_bytes |
//! | JWS JSON (JwsVerifier) | HS256, 8-key set: 256 KiB general JSON, 16 signature(s) without kid, headers of 83 bytes 31 deep, all failing (64 verifications) | BadSignature | 10.98 ms | HS256 flattened JSON naming its kid, same set | 2.0 µs | 5529.9× | max_signatures × max_keys_tried × max_token_bytes |
//! | JWS JSON (JwsVerifier) | RS256 (RSA-2048), 8-key set: 256 KiB general JSON, 16 signature(s) without kid, headers of 83 bytes 31 deep, all failing (64 verifications) | BadSignature | 11.31 ms | RS256 (RSA-2048) flattened JSON naming its kid, same set | 15.2 µs | 629.6× | max_signatures × max_keys_tried × max_token_bytes |
//! | JWS JSON (JwsVerifier) | RS256 (RSA-8192), 8-key set: 256 KiB general JSON, 16 signature(s) without kid, headers of 83 bytes 31 deep, all failing (64 verifications) | BadSignature | 25.54 ms | RS256 (RSA-8192) flattened JSON naming its kid, same set | 255.7 µs | 101.9× | max_signatures × max_keys_tried × max_token_bytes |
//! | Nested (Verifier) | ECDH-ES+A256KW + zip DEF around a 256 KiB RS256 JWS (RSA-2048, 8-key set, no kid, header 31 deep), signature fails | BadSignature | 1.03 ms | ECDH-ES+A256KW around an RS256 JWS naming its kid | 78.5 µs | 13.0× | max_keys_tried × max_token_bytes |
//!
//! ## Weak keys
//! RSA keys under 2048 bits, HMAC secrets shorter than the hash and AES keys of the
//! wrong size are refused at use ([`WeakKey`](crate::ErrorKind::WeakKey)). Secrets have
//! a redacted `Debug` and are zeroized on drop; error messages never contain key
//! material. CEKs, IVs, salts and `jti` values come from the system CSPRNG; no API lets
//! a caller supply a nonce.
