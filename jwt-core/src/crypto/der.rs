//! The few DER structures that name a key's algorithm (SubjectPublicKeyInfo and PKCS#8
//! PrivateKeyInfo), read and written with RustCrypto's `spki`/`pkcs8` crates.
//!
//! This is the one place that parses them: the key types here read their key bytes from
//! what it returns, and [`crate::jwk`]'s PEM/DER import asks it which algorithm a key
//! names. The algorithm parameter and the public-key bits are decoded only when asked
//! for, so that a caller that looks only at the algorithm OID never fails on them.

use super::{CryptoError, CryptoResult};
use rsa::pkcs8::der::asn1::{AnyRef, BitStringRef};
use rsa::pkcs8::der::{Decode, Encode};
use rsa::pkcs8::spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
pub(crate) use rsa::pkcs8::ObjectIdentifier as Oid;

/// rsaEncryption (RFC 8017).
pub(crate) const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");

/// id-ecPublicKey (RFC 5480).
pub(crate) const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");

/// The AlgorithmIdentifier of a SubjectPublicKeyInfo or PKCS#8 PrivateKeyInfo.
pub(crate) struct KeyAlgorithm<'a>(AlgorithmIdentifierRef<'a>);

impl KeyAlgorithm<'_> {
    /// The algorithm OID.
    pub(crate) fn oid(&self) -> Oid {
        self.0.oid
    }

    /// The parameter as an OID (an EC key's named curve): `None` when it is absent or
    /// NULL, an error when it is something else.
    pub(crate) fn parameter(&self) -> CryptoResult<Option<Oid>> {
        let (_, parameter) = self.0.oids().map_err(|_| CryptoError)?;
        Ok(parameter)
    }
}

/// A parsed SubjectPublicKeyInfo.
pub(crate) struct Spki<'a> {
    pub(crate) algorithm: KeyAlgorithm<'a>,
    subject_public_key: BitStringRef<'a>,
}

impl<'a> Spki<'a> {
    /// The subject public key; a bit string with unused bits is malformed.
    pub(crate) fn key(&self) -> CryptoResult<&'a [u8]> {
        self.subject_public_key.as_bytes().ok_or(CryptoError)
    }
}

pub(crate) fn parse_spki(der: &[u8]) -> CryptoResult<Spki<'_>> {
    let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| CryptoError)?;
    Ok(Spki {
        algorithm: KeyAlgorithm(spki.algorithm),
        subject_public_key: spki.subject_public_key,
    })
}

pub(super) fn encode_spki(algorithm: Oid, parameter: Option<&Oid>, key: &[u8]) -> Vec<u8> {
    let spki = SubjectPublicKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid: algorithm,
            parameters: parameter.map(AnyRef::from),
        },
        subject_public_key: match BitStringRef::from_bytes(key) {
            Ok(bits) => bits,
            Err(_) => return Vec::new(),
        },
    };
    // Encoding fails only for lengths beyond DER's limits, which keys never reach.
    spki.to_der().unwrap_or_default()
}

/// A parsed PKCS#8 PrivateKeyInfo (version 1, or version 2 of RFC 5958).
pub(crate) struct Pkcs8<'a> {
    pub(crate) algorithm: KeyAlgorithm<'a>,
    /// The privateKey OCTET STRING's contents.
    pub(crate) private_key: &'a [u8],
    public_key: Option<BitStringRef<'a>>,
}

impl<'a> Pkcs8<'a> {
    /// The public key a version-2 PrivateKeyInfo carries beside the private key, if any;
    /// a bit string with unused bits is malformed.
    pub(crate) fn public_key(&self) -> CryptoResult<Option<&'a [u8]>> {
        self.public_key
            .map(|key| key.as_bytes().ok_or(CryptoError))
            .transpose()
    }
}

pub(crate) fn parse_pkcs8(der: &[u8]) -> CryptoResult<Pkcs8<'_>> {
    let info = rsa::pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|_| CryptoError)?;
    Ok(Pkcs8 {
        algorithm: KeyAlgorithm(info.algorithm),
        private_key: info.private_key.as_bytes(),
        public_key: info.public_key,
    })
}
