//! RSA signatures (PKCS#1 v1.5, PSS) and encryption (OAEP, PKCS#1 v1.5).

use super::{CryptoResult, Zeroizing};

/// RSA signature schemes; PSS uses MGF1 with the same hash and a salt of hash length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RsaSignature {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Pkcs1Sha256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Pkcs1Sha384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Pkcs1Sha512,
    /// RSASSA-PSS with SHA-256.
    PssSha256,
    /// RSASSA-PSS with SHA-384.
    PssSha384,
    /// RSASSA-PSS with SHA-512.
    PssSha512,
}

/// RSA encryption schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RsaEncryption {
    /// RSAES-OAEP with SHA-1 and MGF1 SHA-1.
    OaepSha1,
    /// RSAES-OAEP with SHA-256.
    OaepSha256,
    /// RSAES-OAEP with SHA-384.
    OaepSha384,
    /// RSAES-OAEP with SHA-512.
    OaepSha512,
    /// RSAES-PKCS1-v1_5.
    Pkcs1v15,
}

/// An RSA public key, parsed once.
pub(crate) struct RsaPublicKey {
    n: Vec<u8>,
    e: Vec<u8>,
}

impl RsaPublicKey {
    /// From big-endian modulus and exponent (leading zeros accepted and stripped).
    pub(crate) fn from_components(n: &[u8], e: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// From a DER SubjectPublicKeyInfo.
    pub(crate) fn from_spki_der(der: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// From a DER PKCS#1 RSAPublicKey.
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// Modulus, minimal big-endian.
    pub(crate) fn n(&self) -> &[u8] {
        &self.n
    }

    /// Public exponent, minimal big-endian.
    pub(crate) fn e(&self) -> &[u8] {
        &self.e
    }

    /// Size of the modulus in bits.
    pub(crate) fn modulus_bits(&self) -> usize {
        todo!()
    }

    /// DER SubjectPublicKeyInfo.
    pub(crate) fn to_spki_der(&self) -> Vec<u8> {
        todo!()
    }

    /// Verifies `sig`, which must be exactly the modulus length.
    pub(crate) fn verify(&self, alg: RsaSignature, msg: &[u8], sig: &[u8]) -> CryptoResult<()> {
        todo!()
    }

    /// Encrypts `plaintext`.
    pub(crate) fn encrypt(&self, alg: RsaEncryption, plaintext: &[u8]) -> CryptoResult<Vec<u8>> {
        todo!()
    }
}

/// All members of an RSA private key, big-endian (for JWK import and export).
pub(crate) struct RsaPrivateComponents {
    /// Modulus.
    pub n: Zeroizing<Vec<u8>>,
    /// Public exponent.
    pub e: Zeroizing<Vec<u8>>,
    /// Private exponent.
    pub d: Zeroizing<Vec<u8>>,
    /// First prime.
    pub p: Zeroizing<Vec<u8>>,
    /// Second prime.
    pub q: Zeroizing<Vec<u8>>,
    /// d mod (p-1).
    pub dp: Zeroizing<Vec<u8>>,
    /// d mod (q-1).
    pub dq: Zeroizing<Vec<u8>>,
    /// q^-1 mod p.
    pub qi: Zeroizing<Vec<u8>>,
}

/// An RSA private key: signing and decrypting keys built once.
pub(crate) struct RsaPrivateKey {
    public: RsaPublicKey,
}

impl RsaPrivateKey {
    /// From all components; checks that they are consistent.
    pub(crate) fn from_components(c: &RsaPrivateComponents) -> CryptoResult<Self> {
        todo!()
    }

    /// From n, e, d only (a JWK without CRT members): recovers p and q.
    pub(crate) fn from_n_e_d(n: &[u8], e: &[u8], d: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// From DER PKCS#8.
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// From DER PKCS#1 RSAPrivateKey.
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> CryptoResult<Self> {
        todo!()
    }

    /// A new key of 2048, 3072 or 4096 bits.
    pub(crate) fn generate(bits: usize) -> CryptoResult<Self> {
        todo!()
    }

    /// The public half.
    pub(crate) fn public(&self) -> &RsaPublicKey {
        &self.public
    }

    /// All components, for JWK export.
    pub(crate) fn components(&self) -> RsaPrivateComponents {
        todo!()
    }

    /// DER PKCS#8.
    pub(crate) fn to_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        todo!()
    }

    /// Signs `msg`.
    pub(crate) fn sign(&self, alg: RsaSignature, msg: &[u8]) -> CryptoResult<Vec<u8>> {
        todo!()
    }

    /// OAEP decryption; `Pkcs1v15` is refused (use [`Self::decrypt_pkcs1v15_or_random`]).
    pub(crate) fn decrypt(
        &self,
        alg: RsaEncryption,
        ciphertext: &[u8],
    ) -> CryptoResult<Zeroizing<Vec<u8>>> {
        todo!()
    }

    /// RSA1_5 with the RFC 7516 §11.5 countermeasure: on ANY failure (bad padding, wrong
    /// length of the result) return `fallback_len` random bytes instead; never an error,
    /// no early return, as close to constant time as the backend allows.
    pub(crate) fn decrypt_pkcs1v15_or_random(
        &self,
        ciphertext: &[u8],
        expected_len: usize,
    ) -> Zeroizing<Vec<u8>> {
        todo!()
    }
}
