//! Cryptographic primitives behind a small crate-internal API.
//!
//! This is the only module that talks to aws-lc-rs (or any other crypto crate); it never
//! sees JSON. Failures are an opaque [`CryptoError`] so that no caller can turn a detail
//! into a padding or tag oracle.

#[cfg(feature = "jwe")]
pub(crate) mod aes_cbc_hmac;
#[cfg(feature = "jwe")]
pub(crate) mod aes_gcm;
#[cfg(feature = "jwe")]
pub(crate) mod aes_kw;
#[cfg(feature = "pem")]
pub(crate) mod der;
pub(crate) mod digest;
pub(crate) mod ec;
#[cfg(feature = "jwe")]
pub(crate) mod ecdh;
#[cfg(feature = "pem")]
pub(crate) mod encrypted_pkcs8;
pub(crate) mod hmac;
#[cfg(feature = "pq")]
pub(crate) mod mldsa;
pub(crate) mod okp;
#[cfg(feature = "jwe")]
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
        #[cfg(feature = "pq")]
        send_sync::<super::mldsa::MlDsaPublicKey>();
        #[cfg(feature = "pq")]
        send_sync::<super::mldsa::MlDsaPrivateKey>();
        send_sync::<super::CryptoError>();
    }

    fn assert_zod<T: zeroize::ZeroizeOnDrop>() {}

    /// Compile-time: every type that holds private or secret key material wipes it on
    /// drop (our key types derive `ZeroizeOnDrop`, which also checks that each of their
    /// fields zeroizes or is skipped on purpose), and so do the third-party key types
    /// they hold or build.
    #[test]
    fn every_secret_holding_type_is_zeroize_on_drop() {
        assert_zod::<super::Zeroizing<Vec<u8>>>();
        assert_zod::<super::hmac::SymmetricKey>();
        assert_zod::<super::rsa::RsaPrivateComponents>();
        assert_zod::<super::rsa::RsaPrivateKey>();
        assert_zod::<super::ec::EcPrivateKey>();
        assert_zod::<super::okp::OkpPrivateKey>();
        #[cfg(feature = "pq")]
        assert_zod::<super::mldsa::MlDsaPrivateKey>();
        // RSA prime recovery (`from_n_e_d`, `pem` feature).
        #[cfg(feature = "pem")]
        assert_zod::<::rsa::PrivateKey>();
        // A192KW runs on aws-lc-rs's AES-192 (its key freed and cleansed by AWS-LC); its
        // working blocks are `Zeroizing` arrays (`aes_kw::wrap192`, `unwrap192`).
        #[cfg(feature = "curve448")]
        assert_zod::<ed448_goldilocks::SigningKey>();
    }
}
