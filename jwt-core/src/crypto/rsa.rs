//! RSA signatures (PKCS#1 v1.5, PSS) and encryption (OAEP, PKCS#1 v1.5).
//!
//! Every RSA operation runs on aws-lc-rs. aws-lc-rs does not hand out the private
//! components of a key it parsed, so key formats are read with RustCrypto's parsers
//! (`pkcs1` re-exported by the `rsa` crate; SPKI and PKCS#8 through [`super::der`]), and every import funnels
//! through [`RsaPrivateKey::from_components`], where aws-lc-rs checks consistency.
//! The `rsa` crate is also used, only at import, to recover p and q from (n, e, d)
//! (NIST SP 800-56B Appendix C); it never signs or decrypts here.

use super::der;
use super::{rand, CryptoError, CryptoResult, Zeroizing};
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{
    KeyPair, KeyPairComponents, KeySize, OaepPrivateDecryptingKey, OaepPublicEncryptingKey,
    Pkcs1PrivateDecryptingKey, Pkcs1PublicEncryptingKey, PrivateDecryptingKey, PublicEncryptingKey,
    PublicKeyComponents, OAEP_SHA1_MGF1SHA1, OAEP_SHA256_MGF1SHA256, OAEP_SHA384_MGF1SHA384,
    OAEP_SHA512_MGF1SHA512,
};
use aws_lc_rs::signature::{self, ParsedPublicKey, RsaEncoding, RsaParameters};
use rsa::pkcs1::der::Decode;
use std::fmt;
use std::sync::OnceLock;

/// aws-lc-rs uses keys of at most 8192 bits; refusing larger input up front bounds the
/// work an attacker-supplied key can cause.
const MAX_MODULUS_BYTES: usize = 1024;

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

impl RsaSignature {
    #[cfg(test)]
    const ALL: [RsaSignature; 6] = [
        RsaSignature::Pkcs1Sha256,
        RsaSignature::Pkcs1Sha384,
        RsaSignature::Pkcs1Sha512,
        RsaSignature::PssSha256,
        RsaSignature::PssSha384,
        RsaSignature::PssSha512,
    ];

    fn index(self) -> usize {
        self as usize
    }

    fn verification(self) -> &'static RsaParameters {
        match self {
            RsaSignature::Pkcs1Sha256 => &signature::RSA_PKCS1_2048_8192_SHA256,
            RsaSignature::Pkcs1Sha384 => &signature::RSA_PKCS1_2048_8192_SHA384,
            RsaSignature::Pkcs1Sha512 => &signature::RSA_PKCS1_2048_8192_SHA512,
            RsaSignature::PssSha256 => &signature::RSA_PSS_2048_8192_SHA256,
            RsaSignature::PssSha384 => &signature::RSA_PSS_2048_8192_SHA384,
            RsaSignature::PssSha512 => &signature::RSA_PSS_2048_8192_SHA512,
        }
    }

    fn signing(self) -> &'static dyn RsaEncoding {
        match self {
            RsaSignature::Pkcs1Sha256 => &signature::RSA_PKCS1_SHA256,
            RsaSignature::Pkcs1Sha384 => &signature::RSA_PKCS1_SHA384,
            RsaSignature::Pkcs1Sha512 => &signature::RSA_PKCS1_SHA512,
            RsaSignature::PssSha256 => &signature::RSA_PSS_SHA256,
            RsaSignature::PssSha384 => &signature::RSA_PSS_SHA384,
            RsaSignature::PssSha512 => &signature::RSA_PSS_SHA512,
        }
    }
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

impl RsaEncryption {
    fn oaep(self) -> Option<&'static aws_lc_rs::rsa::OaepAlgorithm> {
        match self {
            RsaEncryption::OaepSha1 => Some(&OAEP_SHA1_MGF1SHA1),
            RsaEncryption::OaepSha256 => Some(&OAEP_SHA256_MGF1SHA256),
            RsaEncryption::OaepSha384 => Some(&OAEP_SHA384_MGF1SHA384),
            RsaEncryption::OaepSha512 => Some(&OAEP_SHA512_MGF1SHA512),
            RsaEncryption::Pkcs1v15 => None,
        }
    }
}

/// Big-endian integer without leading zero bytes (zero stays one byte).
fn minimal(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    bytes.get(start..).unwrap_or(bytes)
}

/// An RSA public key, parsed once.
pub(crate) struct RsaPublicKey {
    n: Vec<u8>,
    e: Vec<u8>,
    spki: Vec<u8>,
    /// One parsed key per signature scheme, built on first use (aws-lc-rs binds the
    /// scheme into the parsed key).
    parsed: [OnceLock<Option<ParsedPublicKey>>; 6],
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("modulus_bits", &self.modulus_bits())
            .finish_non_exhaustive()
    }
}

impl RsaPublicKey {
    /// From big-endian modulus and exponent (leading zeros accepted and stripped).
    /// aws-lc-rs checks the key (odd modulus, sane exponent); size policy is the caller's.
    pub(crate) fn from_components(n: &[u8], e: &[u8]) -> CryptoResult<Self> {
        let (n, e) = (minimal(n), minimal(e));
        if n.len() > MAX_MODULUS_BYTES
            || n.first().is_none_or(|&b| b == 0)
            || e.first().is_none_or(|&b| b == 0)
        {
            return Err(CryptoError);
        }
        let spki = PublicKeyComponents { n, e }
            .as_der()
            .map_err(|_| CryptoError)?
            .as_ref()
            .to_vec();
        aws_lc_rs::rsa::PublicKey::from_der(&spki).map_err(|_| CryptoError)?;
        Ok(RsaPublicKey {
            n: n.to_vec(),
            e: e.to_vec(),
            spki,
            parsed: Default::default(),
        })
    }

    /// From a DER SubjectPublicKeyInfo (rsaEncryption only).
    pub(crate) fn from_spki_der(der: &[u8]) -> CryptoResult<Self> {
        let spki = der::parse_spki(der)?;
        if spki.algorithm.oid() != der::RSA_ENCRYPTION {
            return Err(CryptoError);
        }
        Self::from_pkcs1_der(spki.key()?)
    }

    /// From a DER PKCS#1 RSAPublicKey.
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> CryptoResult<Self> {
        let key = rsa::pkcs1::RsaPublicKeyRef::from_der(der).map_err(|_| CryptoError)?;
        Self::from_components(key.modulus.as_bytes(), key.public_exponent.as_bytes())
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
        match self.n.first() {
            Some(&top) => self.n.len() * 8 - top.leading_zeros() as usize,
            None => 0,
        }
    }

    /// DER SubjectPublicKeyInfo.
    pub(crate) fn to_spki_der(&self) -> Vec<u8> {
        self.spki.clone()
    }

    /// Verifies `sig`, which must be exactly the modulus length. Keys outside
    /// 2048..=8192 bits never verify.
    pub(crate) fn verify(&self, alg: RsaSignature, msg: &[u8], sig: &[u8]) -> CryptoResult<()> {
        if sig.len() != self.n.len() {
            return Err(CryptoError);
        }
        let parsed = self
            .parsed
            .get(alg.index())
            .ok_or(CryptoError)?
            .get_or_init(|| ParsedPublicKey::new(alg.verification(), &self.spki).ok())
            .as_ref()
            .ok_or(CryptoError)?;
        parsed.verify_sig(msg, sig).map_err(|_| CryptoError)
    }

    /// Encrypts `plaintext`.
    pub(crate) fn encrypt(&self, alg: RsaEncryption, plaintext: &[u8]) -> CryptoResult<Vec<u8>> {
        let key = PublicEncryptingKey::from_der(&self.spki).map_err(|_| CryptoError)?;
        let mut out = vec![0u8; self.n.len()];
        let len = match alg.oaep() {
            Some(oaep) => OaepPublicEncryptingKey::new(key)
                .map_err(|_| CryptoError)?
                .encrypt(oaep, plaintext, &mut out, None)
                .map_err(|_| CryptoError)?
                .len(),
            None => Pkcs1PublicEncryptingKey::new(key)
                .map_err(|_| CryptoError)?
                .encrypt(plaintext, &mut out)
                .map_err(|_| CryptoError)?
                .len(),
        };
        out.truncate(len);
        Ok(out)
    }
}

/// All members of an RSA private key, big-endian (for JWK import and export).
/// Zeroized on drop (every member, the public ones too).
#[derive(Clone, zeroize::ZeroizeOnDrop)]
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

impl fmt::Debug for RsaPrivateComponents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPrivateComponents")
            .finish_non_exhaustive()
    }
}

impl RsaPrivateComponents {
    fn from_slices(parts: [&[u8]; 8]) -> Self {
        let [n, e, d, p, q, dp, dq, qi] = parts.map(|b| Zeroizing::new(minimal(b).to_vec()));
        RsaPrivateComponents {
            n,
            e,
            d,
            p,
            q,
            dp,
            dq,
            qi,
        }
    }
}

/// An RSA private key: signing and decrypting keys built once.
///
/// Zeroized on drop: the components are; the aws-lc-rs keys are EVP_PKEYs in AWS-LC's
/// heap, whose BIGNUMs and structures OPENSSL_free cleanses when they are freed.
#[derive(zeroize::ZeroizeOnDrop)]
pub(crate) struct RsaPrivateKey {
    #[zeroize(skip)]
    public: RsaPublicKey,
    #[zeroize(skip)]
    key_pair: KeyPair,
    #[zeroize(skip)]
    oaep: OaepPrivateDecryptingKey,
    #[zeroize(skip)]
    pkcs1: Pkcs1PrivateDecryptingKey,
    components: RsaPrivateComponents,
}

impl fmt::Debug for RsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPrivateKey")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl RsaPrivateKey {
    /// From all components; aws-lc-rs checks that they are consistent (RSA_check_key)
    /// and that the modulus is 2048..=8192 bits.
    pub(crate) fn from_components(c: &RsaPrivateComponents) -> CryptoResult<Self> {
        let c =
            RsaPrivateComponents::from_slices([&c.n, &c.e, &c.d, &c.p, &c.q, &c.dp, &c.dq, &c.qi]);
        if c.n.len() > MAX_MODULUS_BYTES {
            return Err(CryptoError);
        }
        let key_pair = KeyPair::from_components(&KeyPairComponents {
            public_key: PublicKeyComponents {
                n: &c.n[..],
                e: &c.e[..],
            },
            d: &c.d[..],
            p: &c.p[..],
            q: &c.q[..],
            dP: &c.dp[..],
            dQ: &c.dq[..],
            qInv: &c.qi[..],
        })
        .map_err(|_| CryptoError)?;
        let pkcs8 = pkcs8_of(&key_pair)?;
        let decrypting = || PrivateDecryptingKey::from_pkcs8(&pkcs8).map_err(|_| CryptoError);
        let oaep = OaepPrivateDecryptingKey::new(decrypting()?).map_err(|_| CryptoError)?;
        let pkcs1 = Pkcs1PrivateDecryptingKey::new(decrypting()?).map_err(|_| CryptoError)?;
        Ok(RsaPrivateKey {
            public: RsaPublicKey::from_components(&c.n, &c.e)?,
            key_pair,
            oaep,
            pkcs1,
            components: c,
        })
    }

    /// From n, e, d only (a JWK without CRT members): recovers p and q with the `rsa`
    /// crate (NIST SP 800-56B Rev. 2 App. C.2, which needs 2^16 < e < 2^256), then
    /// computes the CRT members.
    pub(crate) fn from_n_e_d(n: &[u8], e: &[u8], d: &[u8]) -> CryptoResult<Self> {
        use rsa::traits::{PrivateKeyParts, PublicKeyParts};
        use rsa::BoxedUint;
        // Bound the work before any big-integer arithmetic, and
        // refuse d = 0, on which the recovery's first subtraction (d*e - 1) would panic.
        let (n, e, d) = (minimal(n), minimal(e), minimal(d));
        if n.len() > MAX_MODULUS_BYTES
            || d.len() > n.len()
            || e.len() > 32
            || d.iter().all(|&b| b == 0)
        {
            return Err(CryptoError);
        }
        let big = BoxedUint::from_be_slice_vartime;
        let key = rsa::PrivateKey::from_components(big(n), big(e), big(d), Vec::new())
            .map_err(|_| CryptoError)?;
        // `rsa::PrivateKey` is ZeroizeOnDrop (d, the primes, dp, dq); the encodings taken
        // from it and the owned CRT coefficient are wiped here.
        let bytes = |v: &BoxedUint| Zeroizing::new(v.to_be_bytes());
        let primes = key.primes();
        let (p, q) = match primes {
            [p, q] => (bytes(p.as_ref()), bytes(q.as_ref())),
            _ => return Err(CryptoError),
        };
        let dp = bytes(key.dp().ok_or(CryptoError)?);
        let dq = bytes(key.dq().ok_or(CryptoError)?);
        let qi = Zeroizing::new(key.crt_coefficient().ok_or(CryptoError)?);
        let qi = bytes(&qi);
        let n = bytes(key.n().as_ref());
        let e = bytes(key.e());
        let d = bytes(key.d());
        Self::from_components(&RsaPrivateComponents::from_slices([
            &n, &e, &d, &p, &q, &dp, &dq, &qi,
        ]))
    }

    /// From DER PKCS#8 (rsaEncryption, two-prime).
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> CryptoResult<Self> {
        let info = der::parse_pkcs8(der)?;
        if info.algorithm.oid() != der::RSA_ENCRYPTION {
            return Err(CryptoError);
        }
        Self::from_pkcs1_der(info.private_key)
    }

    /// From DER PKCS#1 RSAPrivateKey (two-prime).
    pub(crate) fn from_pkcs1_der(der: &[u8]) -> CryptoResult<Self> {
        let k = rsa::pkcs1::RsaPrivateKeyRef::from_der(der).map_err(|_| CryptoError)?;
        if k.other_prime_infos.is_some() {
            return Err(CryptoError);
        }
        Self::from_components(&RsaPrivateComponents::from_slices([
            k.modulus.as_bytes(),
            k.public_exponent.as_bytes(),
            k.private_exponent.as_bytes(),
            k.prime1.as_bytes(),
            k.prime2.as_bytes(),
            k.exponent1.as_bytes(),
            k.exponent2.as_bytes(),
            k.coefficient.as_bytes(),
        ]))
    }

    /// A new key of 2048, 3072 or 4096 bits.
    pub(crate) fn generate(bits: usize) -> CryptoResult<Self> {
        let size = match bits {
            2048 => KeySize::Rsa2048,
            3072 => KeySize::Rsa3072,
            4096 => KeySize::Rsa4096,
            _ => return Err(CryptoError),
        };
        let key_pair = KeyPair::generate(size).map_err(|_| CryptoError)?;
        Self::from_pkcs8_der(&pkcs8_of(&key_pair)?)
    }

    /// The public half.
    pub(crate) fn public(&self) -> &RsaPublicKey {
        &self.public
    }

    /// All components, for JWK export.
    pub(crate) fn components(&self) -> RsaPrivateComponents {
        self.components.clone()
    }

    /// DER PKCS#8.
    pub(crate) fn to_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        // Encoding a key aws-lc-rs already holds fails only on allocation failure.
        pkcs8_of(&self.key_pair).unwrap_or_default()
    }

    /// Signs `msg`.
    pub(crate) fn sign(&self, alg: RsaSignature, msg: &[u8]) -> CryptoResult<Vec<u8>> {
        let mut sig = vec![0u8; self.key_pair.public_modulus_len()];
        let rng = aws_lc_rs::rand::SystemRandom::new();
        self.key_pair
            .sign(alg.signing(), &rng, msg, &mut sig)
            .map_err(|_| CryptoError)?;
        Ok(sig)
    }

    /// OAEP decryption; `Pkcs1v15` is refused (use [`Self::decrypt_pkcs1v15_or_random`]).
    pub(crate) fn decrypt(
        &self,
        alg: RsaEncryption,
        ciphertext: &[u8],
    ) -> CryptoResult<Zeroizing<Vec<u8>>> {
        let oaep = alg.oaep().ok_or(CryptoError)?;
        let mut out = Zeroizing::new(vec![0u8; self.oaep.min_output_size()]);
        let len = self
            .oaep
            .decrypt(oaep, ciphertext, &mut out, None)
            .map_err(|_| CryptoError)?
            .len();
        out.truncate(len);
        Ok(out)
    }

    /// RSA1_5 with the RFC 7516 §11.5 countermeasure: on ANY failure (bad padding, wrong
    /// length of the result) return `fallback_len` random bytes instead; never an error,
    /// no early return, as close to constant time as the backend allows.
    pub(crate) fn decrypt_pkcs1v15_or_random(
        &self,
        ciphertext: &[u8],
        expected_len: usize,
    ) -> Zeroizing<Vec<u8>> {
        // The fallback is drawn before decrypting so both paths do the same work.
        let mut out = Zeroizing::new(vec![0u8; expected_len]);
        if rand::fill(&mut out).is_err() {
            // Never return predictable bytes: an attacker could have encrypted the
            // content under them. Derive them from the private key instead.
            self.implicit_rejection(ciphertext, &mut out);
        }
        let mut buf = Zeroizing::new(vec![0u8; self.pkcs1.min_output_size().max(expected_len)]);
        let len = match self.pkcs1.decrypt(ciphertext, &mut buf) {
            Ok(plain) => plain.len(),
            Err(_) => usize::MAX,
        };
        let good = u8::from(len == expected_len);
        let mask = std::hint::black_box(0u8.wrapping_sub(good));
        for (o, p) in out.iter_mut().zip(buf.iter()) {
            *o = (p & mask) | (*o & !mask);
        }
        out
    }

    /// HMAC-SHA-256 keyed with d over the ciphertext, expanded to `out`: unpredictable
    /// without the private key.
    fn implicit_rejection(&self, ciphertext: &[u8], out: &mut [u8]) {
        use aws_lc_rs::hmac;
        let key = hmac::Key::new(hmac::HMAC_SHA256, &self.components.d);
        for (i, chunk) in out.chunks_mut(32).enumerate() {
            let mut ctx = hmac::Context::with_key(&key);
            ctx.update(&(i as u64).to_be_bytes());
            ctx.update(ciphertext);
            let block = ctx.sign();
            for (o, b) in chunk.iter_mut().zip(block.as_ref()) {
                *o = *b;
            }
        }
    }
}

fn pkcs8_of(key_pair: &KeyPair) -> CryptoResult<Zeroizing<Vec<u8>>> {
    use aws_lc_rs::encoding::Pkcs8V1Der;
    let der: Pkcs8V1Der<'static> = key_pair.as_der().map_err(|_| CryptoError)?;
    Ok(Zeroizing::new(der.as_ref().to_vec()))
}

#[cfg(test)]
mod tests;
