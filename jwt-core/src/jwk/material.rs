//! Key material: the members that carry the key itself (`k`; `n`, `e`, ...; `crv`,
//! `x`, `y`, `d`), validated and turned into backend key objects once, at import.
//!
//! The checks here are the structural ones (presence, exact lengths, minimal
//! integers, all-or-none CRT members); the mathematical ones (point on the curve,
//! private part matching the public part, RSA consistency) are done by
//! [`crate::crypto`] when it builds the key objects.

use super::members::{self, Members};
use super::params::KeyType;
use crate::crypto::ec::{EcPrivateKey, EcPublicKey};
use crate::crypto::hmac::SymmetricKey;
#[cfg(feature = "pq")]
use crate::crypto::mldsa::{MlDsaPrivateKey, MlDsaPublicKey};
use crate::crypto::okp::{OkpPrivateKey, OkpPublicKey};
use crate::crypto::rsa::{RsaPrivateComponents, RsaPrivateKey, RsaPublicKey};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{Curve, SignatureAlgorithm};

use crate::jwa::MAX_RSA_BITS;

/// The key itself, as backend objects built once at import.
// SymmetricKey holds its HMAC key schedules and AES-GCM expansion inline; a KeyMaterial
// lives once behind an Arc, so the size difference costs nothing and boxing would add an
// indirection per MAC.
#[allow(clippy::large_enum_variant)]
pub(crate) enum KeyMaterial {
    /// An `oct` secret (HMAC key schedules and the `dir` AES-GCM expansion built lazily;
    /// raw bytes for AES key wrap, `dir` with AES-CBC-HMAC, PBES2).
    Oct(SymmetricKey),
    /// An RSA public key.
    RsaPublic(RsaPublicKey),
    /// An RSA private key.
    RsaPrivate(RsaPrivateKey),
    /// An EC public key.
    EcPublic(EcPublicKey),
    /// An EC private key.
    EcPrivate(EcPrivateKey),
    /// An OKP public key.
    OkpPublic(OkpPublicKey),
    /// An OKP private key.
    OkpPrivate(OkpPrivateKey),
    /// An AKP (ML-DSA) public key.
    #[cfg(feature = "pq")]
    AkpPublic(MlDsaPublicKey),
    /// An AKP (ML-DSA) private key: the seed and the key pair expanded from it.
    #[cfg(feature = "pq")]
    AkpPrivate(MlDsaPrivateKey),
}

/// Member names of each key type; every other member is kept as an extra.
pub(crate) fn key_members(kty: KeyType) -> &'static [&'static str] {
    match kty {
        KeyType::Oct => &["k"],
        KeyType::Rsa => &["n", "e", "d", "p", "q", "dp", "dq", "qi", "oth"],
        KeyType::Ec => &["crv", "x", "y", "d"],
        KeyType::Okp => &["crv", "x", "d"],
        // `alg` is one of the common members; an AKP key requires it (RFC 9964 §3).
        KeyType::Akp => &["pub", "priv"],
    }
}

/// Every private member name of any key type. A private member of another key type
/// (say `k` in an EC key) is refused at import: `public()` could not know to remove it.
pub(crate) const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"];

/// Rejects a crypto failure with a fixed message (the backend error has no detail).
fn invalid(message: &str) -> Error {
    Error::new(ErrorKind::InvalidKey, message)
}

impl KeyMaterial {
    /// Reads and validates the key members of a `kty` key.
    pub(crate) fn from_members(kty: KeyType, m: &Members) -> Result<Self> {
        match kty {
            KeyType::Oct => oct(m),
            KeyType::Rsa => rsa(m),
            KeyType::Ec => ec(m),
            KeyType::Okp => okp(m),
            KeyType::Akp => akp(m),
        }
    }

    /// The key type.
    pub(crate) fn key_type(&self) -> KeyType {
        match self {
            KeyMaterial::Oct(_) => KeyType::Oct,
            KeyMaterial::RsaPublic(_) | KeyMaterial::RsaPrivate(_) => KeyType::Rsa,
            KeyMaterial::EcPublic(_) | KeyMaterial::EcPrivate(_) => KeyType::Ec,
            KeyMaterial::OkpPublic(_) | KeyMaterial::OkpPrivate(_) => KeyType::Okp,
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPublic(_) | KeyMaterial::AkpPrivate(_) => KeyType::Akp,
        }
    }

    /// The algorithm of an AKP key (its `alg`, part of the key).
    pub(crate) fn akp_alg(&self) -> Option<SignatureAlgorithm> {
        match self {
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPublic(k) => Some(k.alg()),
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPrivate(k) => Some(k.alg()),
            _ => None,
        }
    }

    /// The curve of an EC or OKP key.
    pub(crate) fn curve(&self) -> Option<Curve> {
        match self {
            KeyMaterial::EcPublic(k) => Some(k.curve()),
            KeyMaterial::EcPrivate(k) => Some(k.curve()),
            KeyMaterial::OkpPublic(k) => Some(k.curve()),
            KeyMaterial::OkpPrivate(k) => Some(k.curve()),
            _ => None,
        }
    }

    /// Whether the key holds a private part (an `oct` secret counts).
    pub(crate) fn is_private(&self) -> bool {
        matches!(
            self,
            KeyMaterial::Oct(_)
                | KeyMaterial::RsaPrivate(_)
                | KeyMaterial::EcPrivate(_)
                | KeyMaterial::OkpPrivate(_)
        ) || self.is_akp_private()
    }

    #[cfg(feature = "pq")]
    fn is_akp_private(&self) -> bool {
        matches!(self, KeyMaterial::AkpPrivate(_))
    }

    #[cfg(not(feature = "pq"))]
    fn is_akp_private(&self) -> bool {
        false
    }

    /// The public half as new key objects.
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] for `oct`, which has no public half.
    pub(crate) fn public(&self) -> Result<KeyMaterial> {
        // The backend public key types are not Clone (they hold parsed backend
        // objects); rebuilding from the validated members is cheap and keeps them so.
        let rebuilt = match self {
            KeyMaterial::Oct(_) => {
                return Err(Error::new(
                    ErrorKind::KeyTypeMismatch,
                    "an oct key is a shared secret and has no public form",
                ))
            }
            KeyMaterial::RsaPublic(k) => {
                RsaPublicKey::from_components(k.n(), k.e()).map(Self::RsaPublic)
            }
            KeyMaterial::RsaPrivate(k) => {
                let p = k.public();
                RsaPublicKey::from_components(p.n(), p.e()).map(Self::RsaPublic)
            }
            KeyMaterial::EcPublic(k) => ec_public(k),
            KeyMaterial::EcPrivate(k) => ec_public(k.public()),
            KeyMaterial::OkpPublic(k) => okp_public(k),
            KeyMaterial::OkpPrivate(k) => okp_public(k.public()),
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPublic(k) => akp_public(k),
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPrivate(k) => akp_public(k.public()),
        };
        rebuilt.map_err(|_| invalid("the public half of the key could not be rebuilt"))
    }

    /// Writes the key members (private ones too) into `out`.
    pub(crate) fn write_members(&self, out: &mut Members) {
        match self {
            KeyMaterial::Oct(k) => members::put(out, "k", k.secret()),
            KeyMaterial::RsaPublic(k) => write_rsa_public(out, k),
            KeyMaterial::RsaPrivate(k) => {
                let c = k.components();
                members::put_uint(out, "n", &c.n);
                members::put_uint(out, "e", &c.e);
                members::put_uint(out, "d", &c.d);
                members::put_uint(out, "p", &c.p);
                members::put_uint(out, "q", &c.q);
                members::put_uint(out, "dp", &c.dp);
                members::put_uint(out, "dq", &c.dq);
                members::put_uint(out, "qi", &c.qi);
            }
            KeyMaterial::EcPublic(k) => write_ec_public(out, k),
            KeyMaterial::EcPrivate(k) => {
                write_ec_public(out, k.public());
                members::put(out, "d", k.d());
            }
            KeyMaterial::OkpPublic(k) => write_okp_public(out, k),
            KeyMaterial::OkpPrivate(k) => {
                write_okp_public(out, k.public());
                members::put(out, "d", k.d());
            }
            // `alg`, which an AKP key always has, is written by the `Jwk`.
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPublic(k) => members::put(out, "pub", k.raw()),
            #[cfg(feature = "pq")]
            KeyMaterial::AkpPrivate(k) => {
                members::put(out, "pub", k.public().raw());
                members::put(out, "priv", k.seed());
            }
        }
    }
}

#[cfg(feature = "pq")]
fn akp_public(k: &MlDsaPublicKey) -> crate::crypto::CryptoResult<KeyMaterial> {
    MlDsaPublicKey::from_bytes(k.alg(), k.raw()).map(KeyMaterial::AkpPublic)
}

/// An AKP key (RFC 9964): `alg` is required and names the algorithm, which fixes the
/// length of `pub`; `priv`, when present, is the 32-byte ML-DSA seed and must expand
/// to `pub`.
#[cfg(feature = "pq")]
fn akp(m: &Members) -> Result<KeyMaterial> {
    use crate::crypto::mldsa;
    let name = members::required_string(m, "alg", "an AKP key (RFC 9964 §3)")?;
    let alg = match SignatureAlgorithm::lookup(name) {
        Some(alg) if alg.is_ml_dsa() => alg,
        // A registered algorithm of another key type.
        _ if super::params::KeyAlg::from_name(name).is_ok() => {
            return Err(Error::new(
                ErrorKind::KeyTypeMismatch,
                format!(
                    "alg {name:?} does not fit an AKP key; expected ML-DSA-44, ML-DSA-65 or \
                     ML-DSA-87"
                ),
            ))
        }
        _ => {
            return Err(Error::new(
                ErrorKind::UnsupportedAlg,
                format!(
                    "unsupported alg {name:?} for an AKP key; expected ML-DSA-44, ML-DSA-65 \
                     or ML-DSA-87"
                ),
            ))
        }
    };
    let what = format!("an AKP key for {alg}");
    let len = mldsa::public_len(alg).unwrap_or_default();
    let public =
        members::fixed(m, "pub", len, &what)?.ok_or_else(|| members::missing("pub", &what))?;
    match members::fixed(m, "priv", mldsa::SEED_LEN, &what)? {
        None => MlDsaPublicKey::from_bytes(alg, &public)
            .map(KeyMaterial::AkpPublic)
            .map_err(|_| invalid(&format!("\"pub\" is not a valid {alg} public key"))),
        Some(seed) => MlDsaPrivateKey::from_components(alg, &seed, &public)
            .map(KeyMaterial::AkpPrivate)
            .map_err(|_| {
                invalid(&format!(
                    "\"pub\" is not the {alg} public key of the seed \"priv\""
                ))
            }),
    }
}

#[cfg(not(feature = "pq"))]
fn akp(_: &Members) -> Result<KeyMaterial> {
    Err(Error::new(
        ErrorKind::UnsupportedKey,
        "AKP keys (ML-DSA) need jwt-core's pq feature",
    ))
}

fn ec_public(k: &EcPublicKey) -> crate::crypto::CryptoResult<KeyMaterial> {
    EcPublicKey::from_coordinates(k.curve(), k.x(), k.y()).map(KeyMaterial::EcPublic)
}

fn okp_public(k: &OkpPublicKey) -> crate::crypto::CryptoResult<KeyMaterial> {
    OkpPublicKey::from_bytes(k.curve(), k.x()).map(KeyMaterial::OkpPublic)
}

fn write_rsa_public(out: &mut Members, k: &RsaPublicKey) {
    members::put_uint(out, "n", k.n());
    members::put_uint(out, "e", k.e());
}

fn write_ec_public(out: &mut Members, k: &EcPublicKey) {
    out.insert("crv".to_owned(), k.curve().name().into());
    members::put(out, "x", k.x());
    members::put(out, "y", k.y());
}

fn write_okp_public(out: &mut Members, k: &OkpPublicKey) {
    out.insert("crv".to_owned(), k.curve().name().into());
    members::put(out, "x", k.x());
}

fn oct(m: &Members) -> Result<KeyMaterial> {
    let k = members::bytes(m, "k")?.ok_or_else(|| members::missing("k", "an oct key"))?;
    if k.is_empty() {
        return Err(invalid("the oct key member \"k\" is empty"));
    }
    Ok(KeyMaterial::Oct(SymmetricKey::new(&k)))
}

fn rsa(m: &Members) -> Result<KeyMaterial> {
    const WHAT: &str = "an RSA key";
    if m.contains_key("oth") {
        return Err(Error::new(
            ErrorKind::UnsupportedKey,
            "multi-prime RSA keys (member \"oth\") are not supported",
        ));
    }
    let n = members::uint(m, "n")?.ok_or_else(|| members::missing("n", WHAT))?;
    let e = members::uint(m, "e")?.ok_or_else(|| members::missing("e", WHAT))?;
    // n is minimal, so its first octet is non-zero.
    let bits = (n.len() * 8).saturating_sub(n.first().map_or(8, |b| b.leading_zeros() as usize));
    if bits > MAX_RSA_BITS {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!("the RSA modulus has {bits} bits; at most {MAX_RSA_BITS} are supported"),
        ));
    }
    check_public_exponent(&e)?;
    if super::roca::has_fingerprint(&n) {
        return Err(Error::new(
            ErrorKind::WeakKey,
            "the RSA modulus has the ROCA fingerprint (CVE-2017-15361: Infineon RSALib \
             keys, which can be factored); replace the key",
        ));
    }
    let d = members::uint(m, "d")?;
    if d.is_some() && bits < crate::jwa::MIN_RSA_BITS {
        // The backend builds no private key under 2048 bits, so such a key could never
        // be used; say why instead of calling it invalid. (Public keys of any size are
        // read, and refused as weak at use.)
        return Err(Error::new(
            ErrorKind::WeakKey,
            format!(
                "the RSA private key has {bits} bits; at least {} are required",
                crate::jwa::MIN_RSA_BITS
            ),
        ));
    }
    const CRT: [&str; 5] = ["p", "q", "dp", "dq", "qi"];
    let crt = CRT
        .iter()
        .map(|name| members::uint(m, name))
        .collect::<Result<Vec<_>>>()?;
    let present = crt.iter().filter(|v| v.is_some()).count();
    let Some(d) = d else {
        if present > 0 {
            return Err(invalid(
                "an RSA key with CRT members (p, q, dp, dq, qi) must also have \"d\"",
            ));
        }
        return RsaPublicKey::from_components(&n, &e)
            .map(KeyMaterial::RsaPublic)
            .map_err(|_| invalid("the RSA public key is invalid (modulus or exponent)"));
    };
    let key = match <[Option<_>; 5]>::try_from(crt) {
        Ok([Some(p), Some(q), Some(dp), Some(dq), Some(qi)]) => {
            RsaPrivateKey::from_components(&RsaPrivateComponents {
                n,
                e,
                d,
                p,
                q,
                dp,
                dq,
                qi,
            })
        }
        #[cfg(feature = "pem")]
        _ if present == 0 => RsaPrivateKey::from_n_e_d(&n, &e, &d),
        #[cfg(not(feature = "pem"))]
        _ if present == 0 => {
            // Recovering p and q takes big-integer arithmetic aws-lc-rs does not offer.
            return Err(Error::new(
                ErrorKind::UnsupportedKey,
                "an RSA private key without p, q, dp, dq, qi needs jwt-core's `pem` feature \
                 (it recovers them from n, e, d); this build has it off",
            ));
        }
        _ => {
            // RFC 7518 §6.3.2: the CRT members come all together or not at all.
            return Err(invalid(
                "an RSA private key must have all of p, q, dp, dq, qi or none of them",
            ));
        }
    };
    key.map(KeyMaterial::RsaPrivate)
        .map_err(|_| invalid("the RSA private key is invalid or its members are inconsistent"))
}

/// RSA public exponents are odd (e = 1 is no encryption at all, an even e has no
/// inverse) and at least 3; RFC 8017 §3.1 asks for 3 ≤ e ≤ n − 1.
fn check_public_exponent(e: &[u8]) -> Result<()> {
    let odd = e.last().is_some_and(|low| low & 1 == 1);
    let at_least_3 = e.len() > 1 || e.first().is_some_and(|&only| only >= 3);
    if odd && at_least_3 {
        return Ok(());
    }
    Err(invalid(
        "the RSA public exponent \"e\" must be odd and at least 3",
    ))
}

/// The `crv` of an EC or OKP key, which must belong to that key type and be compiled in.
fn curve(m: &Members, kty: KeyType) -> Result<Curve> {
    let what = if kty == KeyType::Ec {
        "an EC key"
    } else {
        "an OKP key"
    };
    let name = members::required_string(m, "crv", what)?;
    let curve = Curve::from_name(name)?;
    if curve.is_okp() != (kty == KeyType::Okp) {
        return Err(invalid(&format!("curve {name} does not belong to {what}")));
    }
    if !curve.is_enabled() {
        return Err(Error::new(
            ErrorKind::UnsupportedKey,
            format!("curve {name} needs the curve448 feature"),
        ));
    }
    Ok(curve)
}

fn ec(m: &Members) -> Result<KeyMaterial> {
    let curve = curve(m, KeyType::Ec)?;
    let what = format!("an EC key on {curve}");
    let len = curve.coordinate_len();
    let x = members::fixed(m, "x", len, &what)?.ok_or_else(|| members::missing("x", &what))?;
    let y = members::fixed(m, "y", len, &what)?.ok_or_else(|| members::missing("y", &what))?;
    match members::fixed(m, "d", curve.private_len(), &what)? {
        None => EcPublicKey::from_coordinates(curve, &x, &y)
            .map(KeyMaterial::EcPublic)
            .map_err(|_| invalid(&format!("the point (x, y) is not a valid point on {curve}"))),
        Some(d) => EcPrivateKey::from_components(curve, &d, &x, &y)
            .map(KeyMaterial::EcPrivate)
            .map_err(|_| {
                invalid(&format!(
                    "the EC private key is invalid: d is out of range, or (x, y) is not on \
                     {curve} or not the public key of d"
                ))
            }),
    }
}

fn okp(m: &Members) -> Result<KeyMaterial> {
    let curve = curve(m, KeyType::Okp)?;
    let what = format!("an OKP key on {curve}");
    // RFC 8037 §2: "x" is required, for private keys too.
    let x = members::fixed(m, "x", curve.coordinate_len(), &what)?
        .ok_or_else(|| members::missing("x", &what))?;
    match members::fixed(m, "d", curve.private_len(), &what)? {
        None => OkpPublicKey::from_bytes(curve, &x)
            .map(KeyMaterial::OkpPublic)
            .map_err(|_| invalid(&format!("x is not a valid {curve} public key"))),
        Some(d) => OkpPrivateKey::from_components(curve, &d, &x)
            .map(KeyMaterial::OkpPrivate)
            .map_err(|_| invalid(&format!("x is not the {curve} public key of d"))),
    }
}
