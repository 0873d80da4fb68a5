//! Cryptographic primitives behind a small crate-internal API.
//!
//! This is the only module that talks to aws-lc-rs (or any other crypto crate); it never
//! sees JSON. Failures are an opaque [`CryptoError`] so that no caller can turn a detail
//! into a padding or tag oracle.

pub(crate) mod aes_cbc_hmac;
pub(crate) mod aes_gcm;
pub(crate) mod aes_kw;
pub(crate) mod der;
pub(crate) mod digest;
pub(crate) mod ec;
pub(crate) mod ecdh;
pub(crate) mod hmac;
pub(crate) mod okp;
pub(crate) mod pbes2;
pub(crate) mod rand;
pub(crate) mod rsa;

/// Opaque failure: no detail, so it can never serve as an oracle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CryptoError;

/// Result of a crypto operation.
pub(crate) type CryptoResult<T> = Result<T, CryptoError>;

pub(crate) use zeroize::Zeroizing;

#[cfg(test)]
mod tests {
    fn send_sync<T: Send + Sync>() {}

    #[test]
    fn every_key_type_is_send_and_sync() {
        send_sync::<super::hmac::SymmetricKey>();
        send_sync::<super::rsa::RsaPublicKey>();
        send_sync::<super::rsa::RsaPrivateKey>();
        send_sync::<super::rsa::RsaPrivateComponents>();
        send_sync::<super::ec::EcPublicKey>();
        send_sync::<super::ec::EcPrivateKey>();
        send_sync::<super::okp::OkpPublicKey>();
        send_sync::<super::okp::OkpPrivateKey>();
        send_sync::<super::CryptoError>();
    }
}
