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
//! the rounds. Measured 2026-12-05 09:06 UTC on a shared machine (Intel(R) Xeon(R)
//! Processor, 2 cores, load average 5.18, 6.77, 8.40 at the start): the ratios, paired,
//! hold better than the absolute times.
//!
//! | Entry point | Hostile input | Outcome | Its time | Valid counterpart | Its time | Ratio | Bounded by |
//! | --- | --- | --- | ---: | --- | ---: | ---: | --- |
//! | JWS compact (Verifier) | HS256, one key: 256 KiB token, 8 KiB header 31 deep, signature fails | BadSignature | 273.3 µs | HS256 token (one key) | 1.5 µs | 174.9× | linear in max_token_bytes |
//! | JWS compact (Verifier) | HS256, 8-key set, no kid: 256 KiB token, signature fails (4 keys tried) | BadSignature | 739.3 µs | HS256 token naming its kid, same set | 1.6 µs | 465.8× | max_keys_tried × max_token_bytes |
//! | JWS compact (Verifier) | RS256 (RSA-2048), 8-key set, no kid: 256 KiB token, signature fails (4 keys tried) | BadSignature | 804.6 µs | RS256 (RSA-2048) token naming its kid, same set | 17.8 µs | 45.6× | max_keys_tried × max_token_bytes |
//! | JWS compact (Verifier) | RS256 (RSA-8192), 8-key set, no kid: 256 KiB token, signature fails (4 keys tried) | BadSignature | 1.66 ms | RS256 (RSA-8192) token naming its kid, same set | 233.8 µs | 7.1× | max_keys_tried × max_token_bytes |
//! | JWS compact (Verifier) | HS256, 1 MiB set (11394 keys), kid not in the set | KeyNotFound | 405 ns | HS256 token naming a kid of the same set | 1.7 µs | 0.2× | binary search over kids |
//! | JWS JSON (JwsVerifier) | HS256, 8-key set: 256 KiB general JSON, 16 signature(s) without kid, headers of 83 bytes 31 deep, all failing (64 verifications) | BadSignature | 10.23 ms | HS256 flattened JSON naming its kid, same set | 1.8 µs | 5948.7× | max_signatures × max_keys_tried × max_token_bytes |
//! | JWS JSON (JwsVerifier) | RS256 (RSA-2048), 8-key set: 256 KiB general JSON, 16 signature(s) without kid, headers of 83 bytes 31 deep, all failing (64 verifications) | BadSignature | 10.93 ms | RS256 (RSA-2048) flattened JSON naming its kid, same set | 18.0 µs | 613.2× | max_signatures × max_keys_tried × max_token_bytes |
//! | JWS JSON (JwsVerifier) | RS256 (RSA-8192), 8-key set: 256 KiB general JSON, 16 signature(s) without kid, headers of 83 bytes 31 deep, all failing (64 verifications) | BadSignature | 24.11 ms | RS256 (RSA-8192) flattened JSON naming its kid, same set | 232.5 µs | 103.0× | max_signatures × max_keys_tried × max_token_bytes |
//! | JWE compact (Verifier) | PBES2-HS512+A256KW at p2c 16384, 8-key set, no kid: 256 KiB token whose key cannot be unwrapped (4 keys tried) | DecryptionFailed | 31.66 ms | PBES2-HS512+A256KW at p2c 8192 token naming its kid, same set | 4.01 ms | 7.9× | PBES2: bounded by p2c and the budget |
//! | JWE compact (Verifier) | RSA-OAEP-256 (RSA-2048), 8-key set, no kid: 256 KiB token whose key cannot be unwrapped (4 keys tried) | DecryptionFailed | 1.31 ms | RSA-OAEP-256 (RSA-2048) token naming its kid, same set | 302.9 µs | 4.4× | max_costly_operations |
//! | JWE compact (Verifier) | RSA-OAEP-256 (RSA-4096), 8-key set, no kid: 256 KiB token whose key cannot be unwrapped (4 keys tried) | DecryptionFailed | 7.15 ms | RSA-OAEP-256 (RSA-4096) token naming its kid, same set | 1.79 ms | 4.0× | max_costly_operations |
//! | JWE compact (Verifier) | RSA-OAEP-256 (RSA-8192), 8-key set, no kid: 256 KiB token whose key cannot be unwrapped (4 keys tried) | DecryptionFailed | 121.48 ms | RSA-OAEP-256 (RSA-8192) token naming its kid, same set | 30.28 ms | 4.0× | max_costly_operations |
//! | JWE compact (Verifier) | ECDH-ES+A256KW (P-256), 8-key set, no kid: 256 KiB token whose key cannot be unwrapped (4 keys tried) | DecryptionFailed | 292.9 µs | ECDH-ES+A256KW (P-256) token naming its kid, same set | 50.5 µs | 5.9× | max_costly_operations |
//! | JWE compact (Verifier) | ECDH-ES+A256KW, zip DEF: 1 KiB token inflating to 256 KiB of claims (padding 31 deep), authentic | accepted | 1.62 ms | ECDH-ES+A256KW token | 49.4 µs | 32.8× | claims parsed up to max_token_bytes |
//! | JWE compact (Verifier) | ECDH-ES+A256KW, zip DEF: 2 KiB token inflating to 1024 KiB of claims (padding 31 deep), authentic | LimitExceeded | 942.4 µs | ECDH-ES+A256KW token | 50.4 µs | 18.7× | inflated up to max_inflated_bytes, then refused |
//! | JWE JSON (JweDecrypter) | PBES2-HS512+A256KW at p2c 16384, 8-key set: 256 KiB, 16 recipients without kid, none can be unwrapped (stopped by the budget of 4) | LimitExceeded | 31.56 ms | PBES2-HS512+A256KW at p2c 8192, one recipient naming its kid, same set | 3.94 ms | 8.0× | PBES2: bounded by p2c and the budget |
//! | JWE JSON (JweDecrypter) | RSA-OAEP-256 (RSA-4096), 8-key set: 256 KiB, 16 recipients without kid, none can be unwrapped (stopped by the budget of 4) | LimitExceeded | 7.14 ms | RSA-OAEP-256 (RSA-4096), one recipient naming its kid, same set | 1.74 ms | 4.1× | max_costly_operations |
//! | JWE JSON (JweDecrypter) | ECDH-ES+A256KW (P-256), 8-key set: 256 KiB, 16 recipients without kid, none can be unwrapped (stopped by the budget of 4) | LimitExceeded | 384.2 µs | ECDH-ES+A256KW (P-256), one recipient naming its kid, same set | 48.9 µs | 7.9× | max_costly_operations |
//! | Nested (Verifier) | ECDH-ES+A256KW + zip DEF around a 256 KiB RS256 JWS (RSA-2048, 8-key set, no kid, header 31 deep), signature fails | BadSignature | 892.1 µs | ECDH-ES+A256KW around an RS256 JWS naming its kid | 65.9 µs | 13.6× | max_keys_tried × max_token_bytes |
//! | JWK Set load (JwkSet::from_json) | 1 MiB set: 735 RSA-8192 public keys | accepted | 20.85 ms | a set of one of these keys (1433 bytes) | 26.8 µs | 778.9× | once per set, not per token |
//! | JWK Set load (JwkSet::from_json) | 1 MiB set: 2611 RSA-2048 public keys | accepted | 28.61 ms | a set of one of these keys (409 bytes) | 14.2 µs | 2007.6× | once per set, not per token |
//! | JWK Set load (JwkSet::from_json) | 1 MiB set: 168 RSA-8192 private keys with CRT members | accepted | 985.56 ms | a set of one of these keys (6245 bytes) | 6.02 ms | 166.7× | once per set, not per token |
//! | JWK Set load (JwkSet::from_json) | 1 MiB set: 376 RSA-8192 private keys without CRT members (p, q recovered) | accepted | 5.65 s | a set of one of these keys (2792 bytes) | 14.70 ms | 379.5× | once per set, not per token |
//! | JWK Set load (JwkSet::from_json) | 1 MiB set: 7444 P-256 public keys | accepted | 33.12 ms | a set of one of these keys (148 bytes) | 3.0 µs | 10772.1× | once per set, not per token |
//!
//! Reading the table:
//! - **JWE**: [`max_costly_operations`](crate::Limits::max_costly_operations) stops a token
//!   after four PBES2 derivations, RSA decryptions or ECDH agreements over all its
//!   recipients and keys, so a 256 KiB JWE whose keys never unwrap costs about four
//!   times a valid one whatever the key size (RSA-8192 included), up to eight times for
//!   ECDH-ES, where decoding the 256 KiB is not small next to one agreement. PBES2 adds
//!   the ratio of the `p2c` ceiling to the sender's default (16,384 / 8,192): 8×,
//!   bounded by `p2c`.
//! - **DEFLATE bomb**: anyone can encrypt to a public key, so the content is authentic.
//!   Inflating stops at 1 MiB and claims are parsed only up to `max_token_bytes` of JSON:
//!   under 50×.
//! - **A `kid` that is not in the set** costs less than a valid token, whatever the set's
//!   size: one binary search, no fallback to other keys.
//! - **JWK Set load**: 170× to 10,800× a set of one key, justified: it is paid once per
//!   set (at configuration or on refresh), not per token, and bounded by the 1 MiB set
//!   limit: 20 to 35 ms for a set of public keys. Private RSA keys cost more (about 1 s
//!   for a 1 MiB set of RSA-8192 keys with their CRT members, 6 s without them, where p
//!   and q are recovered for every key): read private key sets only from storage you
//!   trust.
//! - **JWS**: no per-token budget bounds a JWS; its cost is the bytes hashed
//!   (signatures × keys tried × token length) plus the header bytes parsed, and a
//!   header of 8 KiB of nested JSON costs about 0.1 ms to parse (a 16 KiB HS256 token
//!   with one took 110 µs in a run with `max_token_bytes` at 16 KiB, 40 µs with a 2 KiB
//!   header, below). RSA hides this behind the cost of one valid verification, HMAC
//!   does not: compact HS256 is at 175× to 470× and JSON at 100× to 5,900×, over the
//!   50× this chapter accepts. Lower defaults are proposed, not yet applied:
//!   `max_token_bytes` 16 KiB (nginx and Apache refuse a request header line over
//!   8 KiB by default, so a bearer token is rarely longer), `max_header_bytes` 2 KiB and
//!   `max_signatures` 1 (a JWS with several signatures accepted only when asked for).
//!   The same rows under them, all under 50×:
//!
//! | Entry point | Hostile input | Outcome | Its time | Valid counterpart | Its time | Ratio | Bounded by |
//! | --- | --- | --- | ---: | --- | ---: | ---: | --- |
//! | JWS compact (Verifier) | HS256, one key: 16 KiB token, 2 KiB header 31 deep, signature fails | BadSignature | 39.9 µs | HS256 token (one key) | 1.5 µs | 25.8× | linear in max_token_bytes |
//! | JWS compact (Verifier) | HS256, 8-key set, no kid: 16 KiB token, signature fails (4 keys tried) | BadSignature | 68.2 µs | HS256 token naming its kid, same set | 1.6 µs | 44.4× | max_keys_tried × max_token_bytes |
//! | JWS compact (Verifier) | RS256 (RSA-2048), 8-key set, no kid: 16 KiB token, signature fails (4 keys tried) | BadSignature | 136.8 µs | RS256 (RSA-2048) token naming its kid, same set | 18.0 µs | 7.7× | max_keys_tried × max_token_bytes |
//! | JWS compact (Verifier) | RS256 (RSA-8192), 8-key set, no kid: 16 KiB token, signature fails (4 keys tried) | BadSignature | 977.0 µs | RS256 (RSA-8192) token naming its kid, same set | 228.5 µs | 4.3× | max_keys_tried × max_token_bytes |
//! | JWS JSON (JwsVerifier) | HS256, 8-key set: 16 KiB general JSON, 1 signature(s) without kid, headers of 2047 bytes 31 deep, all failing (4 verifications) | BadSignature | 72.2 µs | HS256 flattened JSON naming its kid, same set | 1.7 µs | 43.3× | max_signatures × max_keys_tried × max_token_bytes |
//! | JWS JSON (JwsVerifier) | RS256 (RSA-2048), 8-key set: 16 KiB general JSON, 1 signature(s) without kid, headers of 2047 bytes 31 deep, all failing (4 verifications) | BadSignature | 136.1 µs | RS256 (RSA-2048) flattened JSON naming its kid, same set | 17.6 µs | 7.4× | max_signatures × max_keys_tried × max_token_bytes |
//! | JWS JSON (JwsVerifier) | RS256 (RSA-8192), 8-key set: 16 KiB general JSON, 1 signature(s) without kid, headers of 2047 bytes 31 deep, all failing (4 verifications) | BadSignature | 919.7 µs | RS256 (RSA-8192) flattened JSON naming its kid, same set | 215.1 µs | 4.2× | max_signatures × max_keys_tried × max_token_bytes |
//! | Nested (Verifier) | ECDH-ES+A256KW + zip DEF around a 16 KiB RS256 JWS (RSA-2048, 8-key set, no kid, header 31 deep), signature fails | BadSignature | 193.0 µs | ECDH-ES+A256KW around an RS256 JWS naming its kid | 67.8 µs | 2.9× | max_keys_tried × max_token_bytes |
//!
//! Until then, a service that sees hostile traffic can set these per verifier:
//! [`VerifierBuilder::limits`](crate::VerifierBuilder::limits),
//! [`JwsVerifier::with_limits`](crate::jws::JwsVerifier::with_limits).
//!
//! ## Weak keys
//! RSA keys under 2048 bits, HMAC secrets shorter than the hash and AES keys of the
//! wrong size are refused at use ([`WeakKey`](crate::ErrorKind::WeakKey)). Secrets have
//! a redacted `Debug` and are zeroized on drop; error messages never contain key
//! material. CEKs, IVs, salts and `jti` values come from the system CSPRNG; no API lets
//! a caller supply a nonce.
