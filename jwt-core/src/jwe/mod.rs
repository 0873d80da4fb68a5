//! JSON Web Encryption (RFC 7516) with the algorithms of RFC 7518 and RFC 8037.
//!
//! Encrypt with [`JweBuilder`] and one or more [`Recipient`]s, serialized compactly or
//! as general or flattened JSON; decrypt with a [`JweDecrypter`], which returns a
//! [`DecryptedJwe`]. This layer knows nothing of claims: the plaintext is bytes.
//!
//! # What the decrypter guarantees
//!
//! - **Explicit algorithms.** `alg` and `enc` must both be in the decrypter's allow-lists
//!   (there is no default list) and fit the key (type, size, curve, the key's own `alg`,
//!   `use` and `key_ops`). `RSA1_5` is accepted only when listed.
//! - **Right shape.** A JWS given to a JWE entry point is refused with
//!   `token_type_mismatch` before anything is decoded.
//! - **No oracle.** A bad tag, a bad CBC padding, a failed key unwrap and an RSA padding
//!   error are one error, `decryption_failed`, with one message. `RSA1_5` follows
//!   RFC 7516 §11.5: a bad padding yields a random CEK of the right length, so it fails
//!   exactly like a bad tag.
//! - **Validated inputs.** An ECDH-ES `epk` must be a valid public key on the
//!   recipient's curve (X25519 low-order points fail the agreement). `dir` and bare
//!   `ECDH-ES` refuse a non-empty encrypted key and a second recipient.
//! - **Bounded work.** [`Limits`](crate::Limits) are checked before the work they
//!   protect: token and header size, recipients, keys tried per recipient, the PBES2
//!   count `p2c` (an integer in `[min_pbes2_iterations, max_pbes2_iterations]`,
//!   1,000..=16,384 by default) and salt length, and the inflated size of `zip: DEF`
//!   content (inflation streams and stops as soon as the cap is passed).
//!
//! # What the builder guarantees
//!
//! The CEK, IVs, PBES2 salts and ephemeral keys are generated inside the library; no
//! API accepts them. PBES2 uses `p2c` 8,192 unless told otherwise.
//!
//! # Error choices
//!
//! - Wrong IV or tag length for `enc`: `malformed` (public facts of the token, checked
//!   before any key is used).
//! - Invalid DEFLATE after a successful decryption: `malformed`. The content was
//!   authenticated, so its sender held the key; the error cannot serve as an oracle.
//! - Unknown `zip`: `unsupported_alg`. `zip` or `crit` outside the protected header:
//!   `invalid_header`. Any `crit`: `unknown_crit` (no JWE extension is understood).
//! - An invalid `epk` point or a failed agreement: `invalid_key`; an `epk` on another
//!   curve: `invalid_header`.

mod compact;
mod content;
mod decrypt;
mod encrypt;
mod header;
mod json;
mod key_management;
mod parts;
mod plain;
mod zip;

pub use decrypt::{DecryptedJwe, JweDecrypter};
pub use encrypt::{JweBuilder, Recipient};
pub use header::JweHeader;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod vectors;
