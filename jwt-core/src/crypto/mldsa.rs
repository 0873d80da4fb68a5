//! ML-DSA (FIPS 204) keys and signatures, for `AKP` keys (RFC 9964, "ML-DSA for JOSE
//! and COSE"); the `pq` feature.
//!
//! Everything runs on aws-lc-rs's ML-DSA (`PqdsaKeyPair`, `ML_DSA_44`/`65`/`87`): the
//! "pure" mode with an empty context string, which is what RFC 9964 §5 asks for. The
//! private key is the 32-byte seed (`priv`), from which the backend expands the key
//! pair; the public key (`pub`) is the raw FIPS 204 `pkEncode` output, whose length is
//! fixed by the parameter set.
//!
//! DER (`pem` feature) follows RFC 9881: the SPKI holds the raw public key with no
//! algorithm parameters; a PKCS#8 private key is the seed (`[0] IMPLICIT OCTET
//! STRING`), optionally with the expanded key (`both`). A PKCS#8 with only the
//! expanded key has no seed to put in `priv` and is refused.

#[cfg(feature = "pem")]
use super::der::{self, Oid};
use super::{rand, CryptoError, CryptoResult, Zeroizing};
use crate::jwa::SignatureAlgorithm;
use aws_lc_rs::signature::{
    self, KeyPair, ParsedPublicKey, PqdsaKeyPair, PqdsaSigningAlgorithm, PqdsaVerificationAlgorithm,
};
use std::fmt;

/// The length of an ML-DSA private key seed, for every parameter set (FIPS 204).
pub(crate) const SEED_LEN: usize = 32;

/// The facts of one ML-DSA parameter set.
struct Params {
    alg: SignatureAlgorithm,
    public_len: usize,
    signature_len: usize,
    verify: &'static PqdsaVerificationAlgorithm,
    sign: &'static PqdsaSigningAlgorithm,
    #[cfg(feature = "pem")]
    oid: Oid,
}

/// FIPS 204 Table 2; OIDs from NIST's CSOR registry (RFC 9881 §2).
const PARAMS: [Params; 3] = [
    Params {
        alg: SignatureAlgorithm::MlDsa44,
        public_len: 1312,
        signature_len: 2420,
        verify: &signature::ML_DSA_44,
        sign: &signature::ML_DSA_44_SIGNING,
        #[cfg(feature = "pem")]
        oid: Oid::new_unwrap("2.16.840.1.101.3.4.3.17"),
    },
    Params {
        alg: SignatureAlgorithm::MlDsa65,
        public_len: 1952,
        signature_len: 3309,
        verify: &signature::ML_DSA_65,
        sign: &signature::ML_DSA_65_SIGNING,
        #[cfg(feature = "pem")]
        oid: Oid::new_unwrap("2.16.840.1.101.3.4.3.18"),
    },
    Params {
        alg: SignatureAlgorithm::MlDsa87,
        public_len: 2592,
        signature_len: 4627,
        verify: &signature::ML_DSA_87,
        sign: &signature::ML_DSA_87_SIGNING,
        #[cfg(feature = "pem")]
        oid: Oid::new_unwrap("2.16.840.1.101.3.4.3.19"),
    },
];

fn params(alg: SignatureAlgorithm) -> CryptoResult<&'static Params> {
    PARAMS.iter().find(|p| p.alg == alg).ok_or(CryptoError)
}

/// The length of the raw public key of an ML-DSA algorithm.
pub(crate) fn public_len(alg: SignatureAlgorithm) -> Option<usize> {
    params(alg).ok().map(|p| p.public_len)
}

#[cfg(feature = "pem")]
/// The ML-DSA algorithm an RFC 9881 OID names.
pub(crate) fn alg_by_oid(oid: Oid) -> Option<SignatureAlgorithm> {
    PARAMS.iter().find(|p| p.oid == oid).map(|p| p.alg)
}

#[cfg(feature = "pem")]
/// The algorithm of an RFC 9881 algorithm identifier, which has no parameters.
fn alg_of(algorithm: &der::KeyAlgorithm<'_>) -> CryptoResult<SignatureAlgorithm> {
    if algorithm.parameter()?.is_some() {
        return Err(CryptoError);
    }
    alg_by_oid(algorithm.oid()).ok_or(CryptoError)
}

/// An ML-DSA public key.
pub(crate) struct MlDsaPublicKey {
    params: &'static Params,
    raw: Vec<u8>,
    key: ParsedPublicKey,
}

impl fmt::Debug for MlDsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MlDsaPublicKey")
            .field("alg", &self.params.alg)
            .finish_non_exhaustive()
    }
}

impl MlDsaPublicKey {
    /// From the raw public key, exactly the parameter set's length. (The backend would
    /// also take a DER SPKI here; the length check keeps `pub` to the raw form.) Every
    /// byte string of that length is a `pkEncode` output, so the length is the check
    /// FIPS 204's `pkDecode` needs.
    pub(crate) fn from_bytes(alg: SignatureAlgorithm, raw: &[u8]) -> CryptoResult<Self> {
        let params = params(alg)?;
        if raw.len() != params.public_len {
            return Err(CryptoError);
        }
        let key = ParsedPublicKey::new(params.verify, raw).map_err(|_| CryptoError)?;
        Ok(MlDsaPublicKey {
            params,
            raw: raw.to_vec(),
            key,
        })
    }

    #[cfg(feature = "pem")]
    /// From a DER SubjectPublicKeyInfo (RFC 9881).
    pub(crate) fn from_spki_der(der: &[u8]) -> CryptoResult<Self> {
        let spki = der::parse_spki(der)?;
        Self::from_bytes(alg_of(&spki.algorithm)?, spki.key()?)
    }

    /// The algorithm (parameter set).
    pub(crate) fn alg(&self) -> SignatureAlgorithm {
        self.params.alg
    }

    /// The raw public key (`pub`).
    pub(crate) fn raw(&self) -> &[u8] {
        &self.raw
    }

    #[cfg(feature = "pem")]
    /// DER SubjectPublicKeyInfo (RFC 9881).
    pub(crate) fn to_spki_der(&self) -> Vec<u8> {
        der::encode_spki(self.params.oid, None, &self.raw)
    }

    /// Verifies a signature of exactly the parameter set's length (empty context).
    pub(crate) fn verify(&self, msg: &[u8], sig: &[u8]) -> CryptoResult<()> {
        if sig.len() != self.params.signature_len {
            return Err(CryptoError);
        }
        self.key.verify_sig(msg, sig).map_err(|_| CryptoError)
    }
}

/// An ML-DSA private key: the seed, and the key pair the backend expands from it.
///
/// Zeroized on drop: the seed is; the expanded key pair is an EVP_PKEY in AWS-LC's
/// heap, cleansed by OPENSSL_free.
#[derive(zeroize::ZeroizeOnDrop)]
pub(crate) struct MlDsaPrivateKey {
    #[zeroize(skip)]
    public: MlDsaPublicKey,
    seed: Zeroizing<Vec<u8>>,
    #[zeroize(skip)]
    pair: PqdsaKeyPair,
}

impl fmt::Debug for MlDsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MlDsaPrivateKey")
            .field("alg", &self.public.params.alg)
            .finish_non_exhaustive()
    }
}

impl MlDsaPrivateKey {
    /// From the 32-byte seed (FIPS 204 `ML-DSA.KeyGen_internal`).
    pub(crate) fn from_seed(alg: SignatureAlgorithm, seed: &[u8]) -> CryptoResult<Self> {
        let params = params(alg)?;
        if seed.len() != SEED_LEN {
            return Err(CryptoError);
        }
        let pair = PqdsaKeyPair::from_seed(params.sign, seed).map_err(|_| CryptoError)?;
        let public = MlDsaPublicKey::from_bytes(alg, pair.public_key().as_ref())?;
        Ok(MlDsaPrivateKey {
            public,
            seed: Zeroizing::new(seed.to_vec()),
            pair,
        })
    }

    /// From the seed and the public key, which must be the one the seed expands to.
    pub(crate) fn from_components(
        alg: SignatureAlgorithm,
        seed: &[u8],
        public: &[u8],
    ) -> CryptoResult<Self> {
        let key = Self::from_seed(alg, seed)?;
        if key.public.raw != public {
            return Err(CryptoError);
        }
        Ok(key)
    }

    /// A new key from a fresh random seed.
    pub(crate) fn generate(alg: SignatureAlgorithm) -> CryptoResult<Self> {
        Self::from_seed(alg, &rand::secret(SEED_LEN)?)
    }

    #[cfg(feature = "pem")]
    /// From DER PKCS#8 (RFC 9881): the seed, or the seed and the expanded key (which
    /// must agree: the backend checks). The expanded key alone is refused: JOSE keeps
    /// only the seed (RFC 9964 §4).
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> CryptoResult<Self> {
        use rsa::pkcs8::der::asn1::OctetStringRef;
        use rsa::pkcs8::der::{Decode, Reader, SliceReader, TagNumber};
        let info = der::parse_pkcs8(der)?;
        let alg = alg_of(&info.algorithm)?;
        let params = params(alg)?;
        let inner = info.private_key;
        let seed = match inner.first() {
            // seed [0] IMPLICIT OCTET STRING (SIZE (32))
            Some(0x80) => {
                let mut reader = SliceReader::new(inner).map_err(|_| CryptoError)?;
                let seed = reader
                    .context_specific::<&OctetStringRef>(TagNumber(0), der_tag_mode())
                    .map_err(|_| CryptoError)?
                    .ok_or(CryptoError)?;
                reader.finish().map_err(|_| CryptoError)?;
                seed.as_bytes()
            }
            // both SEQUENCE { seed OCTET STRING (SIZE (32)), expandedKey OCTET STRING }:
            // the backend checks that the two agree.
            Some(0x30) => {
                PqdsaKeyPair::from_pkcs8(params.sign, der).map_err(|_| CryptoError)?;
                let mut reader = SliceReader::new(inner).map_err(|_| CryptoError)?;
                let seed = reader
                    .sequence(|seq| -> Result<_, rsa::pkcs8::der::Error> {
                        let seed = <&OctetStringRef>::decode(seq)?;
                        let _expanded = <&OctetStringRef>::decode(seq)?;
                        Ok(seed)
                    })
                    .map_err(|_| CryptoError)?;
                reader.finish().map_err(|_| CryptoError)?;
                seed.as_bytes()
            }
            // expandedKey OCTET STRING alone, or anything else.
            _ => return Err(CryptoError),
        };
        let key = Self::from_seed(alg, seed)?;
        match info.public_key()? {
            Some(public) if public != key.public.raw() => Err(CryptoError),
            _ => Ok(key),
        }
    }

    /// The algorithm (parameter set).
    pub(crate) fn alg(&self) -> SignatureAlgorithm {
        self.public.params.alg
    }

    /// The seed (`priv`).
    pub(crate) fn seed(&self) -> &[u8] {
        &self.seed
    }

    /// The public half.
    pub(crate) fn public(&self) -> &MlDsaPublicKey {
        &self.public
    }

    #[cfg(feature = "pem")]
    /// DER PKCS#8 (RFC 9881, version 1): the seed form, as the backend writes it.
    pub(crate) fn to_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(
            self.pair
                .to_pkcs8v1()
                .map(|doc| doc.as_ref().to_vec())
                .unwrap_or_default(),
        )
    }

    /// An ML-DSA signature (hedged, empty context).
    pub(crate) fn sign(&self, msg: &[u8]) -> CryptoResult<Vec<u8>> {
        let mut sig = vec![0u8; self.public.params.signature_len];
        let len = self.pair.sign(msg, &mut sig).map_err(|_| CryptoError)?;
        sig.truncate(len);
        Ok(sig)
    }
}

#[cfg(feature = "pem")]
fn der_tag_mode() -> rsa::pkcs8::der::TagMode {
    rsa::pkcs8::der::TagMode::Implicit
}

#[cfg(test)]
mod tests;
