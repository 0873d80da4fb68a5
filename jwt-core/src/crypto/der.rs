//! The few DER structures that name a key's algorithm (SubjectPublicKeyInfo and PKCS#8
//! PrivateKeyInfo), read and written with RustCrypto's `spki`/`pkcs8` crates.

use super::{CryptoError, CryptoResult};
use rsa::pkcs8::der::asn1::{AnyRef, BitStringRef};
use rsa::pkcs8::der::{Decode, Encode};
use rsa::pkcs8::spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
pub(super) use rsa::pkcs8::ObjectIdentifier as Oid;

/// id-ecPublicKey (RFC 5480).
pub(super) const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");

/// A parsed SubjectPublicKeyInfo: algorithm, optional named-curve parameter, key bits.
pub(super) struct Spki<'a> {
    pub(super) algorithm: Oid,
    pub(super) parameter: Option<Oid>,
    pub(super) key: &'a [u8],
}

pub(super) fn parse_spki(der: &[u8]) -> CryptoResult<Spki<'_>> {
    let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| CryptoError)?;
    let (algorithm, parameter) = spki.algorithm.oids().map_err(|_| CryptoError)?;
    let key = spki.subject_public_key.as_bytes().ok_or(CryptoError)?;
    Ok(Spki {
        algorithm,
        parameter,
        key,
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

/// The algorithm and named-curve parameter of a PKCS#8 PrivateKeyInfo, and its key.
pub(super) fn parse_pkcs8(der: &[u8]) -> CryptoResult<(Oid, Option<Oid>, &[u8])> {
    let info = rsa::pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|_| CryptoError)?;
    let (algorithm, parameter) = info.algorithm.oids().map_err(|_| CryptoError)?;
    Ok((algorithm, parameter, info.private_key.as_bytes()))
}

/// The public key a version-2 PKCS#8 PrivateKeyInfo (RFC 5958) carries beside the
/// private key, if any; a bit string with unused bits is malformed.
pub(super) fn pkcs8_public_key(der: &[u8]) -> CryptoResult<Option<&[u8]>> {
    let info = rsa::pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|_| CryptoError)?;
    info.public_key
        .map(|key| key.as_bytes().ok_or(CryptoError))
        .transpose()
}
