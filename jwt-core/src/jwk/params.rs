//! The members that say what a key may be used for, `alg`, `use` and `key_ops`
//! (RFC 7517 §4.2–4.4), and the rules that bind them to each other and to the key.
//!
//! At import the three must agree among themselves and `alg` must fit the key's type
//! and curve; at every use [`Jwk::authorize`](super::Jwk) checks the operation against
//! all three and the key's strength against the algorithm (RFC 8725 §3.1, §3.5).

use super::material::KeyMaterial;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{
    ContentEncryptionAlgorithm, Curve, KeyManagementAlgorithm, KeyRequirement, SignatureAlgorithm,
    MIN_RSA_BITS,
};
use std::fmt;

/// The `kty` of a key (RFC 7517 §4.1, RFC 8037 §2). Non-exhaustive: the registry grows
/// (`AKP` came with ML-DSA).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyType {
    /// `"oct"`: a symmetric secret (HMAC, AES, `dir`, PBES2 password).
    Oct,
    /// `"RSA"`.
    Rsa,
    /// `"EC"`: P-256, P-384, P-521, secp256k1.
    Ec,
    /// `"OKP"`: Ed25519, X25519 (and Ed448, X448 with the `curve448` feature).
    Okp,
    /// `"AKP"`: an algorithm key pair (RFC 9964), whose `alg` names its algorithm:
    /// ML-DSA-44, ML-DSA-65, ML-DSA-87 (the `pq` feature).
    Akp,
}

impl KeyType {
    /// The registered `kty` name.
    pub const fn name(self) -> &'static str {
        match self {
            KeyType::Oct => "oct",
            KeyType::Rsa => "RSA",
            KeyType::Ec => "EC",
            KeyType::Okp => "OKP",
            KeyType::Akp => "AKP",
        }
    }

    /// Looks up a `kty` name, case-sensitively.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedKey`] for any other name, and for `AKP` without the `pq`
    /// feature.
    pub fn from_name(name: &str) -> Result<Self> {
        let kty = [
            KeyType::Oct,
            KeyType::Rsa,
            KeyType::Ec,
            KeyType::Okp,
            KeyType::Akp,
        ]
        .into_iter()
        .find(|t| t.name() == name)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::UnsupportedKey,
                format!("unsupported key type (kty) {name:?}; expected oct, RSA, EC, OKP or AKP"),
            )
        })?;
        if kty == KeyType::Akp && !cfg!(feature = "pq") {
            return Err(Error::new(
                ErrorKind::UnsupportedKey,
                "AKP keys (ML-DSA) need jwt-core's pq feature",
            ));
        }
        Ok(kty)
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The `use` of a key (RFC 7517 §4.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KeyUse {
    /// `"sig"`: signing and verifying (JWS).
    Signature,
    /// `"enc"`: encryption and key management (JWE).
    Encryption,
    /// Any other value. Kept and round-tripped, but a key with it is never authorized
    /// for anything: we cannot know what it allows.
    Other(String),
}

impl KeyUse {
    /// The member value (`"sig"`, `"enc"` or the other string).
    pub fn as_str(&self) -> &str {
        match self {
            KeyUse::Signature => "sig",
            KeyUse::Encryption => "enc",
            KeyUse::Other(s) => s,
        }
    }

    /// Parses a member value; names are case-sensitive.
    pub fn from_name(name: &str) -> KeyUse {
        match name {
            "sig" => KeyUse::Signature,
            "enc" => KeyUse::Encryption,
            other => KeyUse::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for KeyUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `key_ops` value (RFC 7517 §4.3): one of the eight registered operations, or any
/// other value.
///
/// RFC 7517 §4.3 permits values beyond the registered ones, so an unknown value does
/// not make the key (or the JWK Set holding it) an error: it is kept as
/// [`KeyOperation::Other`], written back unchanged, and counts in the "listed twice"
/// check, but authorizes nothing. The key stays usable for the registered operations
/// it lists.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum KeyOperation {
    /// `"sign"`: compute a digital signature or MAC.
    Sign,
    /// `"verify"`: verify a digital signature or MAC.
    Verify,
    /// `"encrypt"`: encrypt content.
    Encrypt,
    /// `"decrypt"`: decrypt content and validate decryption.
    Decrypt,
    /// `"wrapKey"`: encrypt a key.
    WrapKey,
    /// `"unwrapKey"`: decrypt a key and validate decryption.
    UnwrapKey,
    /// `"deriveKey"`: derive a key.
    DeriveKey,
    /// `"deriveBits"`: derive bits not to be used as a key.
    DeriveBits,
    /// Any other value (names are case-sensitive, so `"Sign"` is one). Kept and
    /// round-tripped; it allows no operation of this library.
    Other(String),
}

impl KeyOperation {
    /// Every registered operation.
    pub const ALL: [KeyOperation; 8] = [
        KeyOperation::Sign,
        KeyOperation::Verify,
        KeyOperation::Encrypt,
        KeyOperation::Decrypt,
        KeyOperation::WrapKey,
        KeyOperation::UnwrapKey,
        KeyOperation::DeriveKey,
        KeyOperation::DeriveBits,
    ];

    /// The member value (`"sign"`, `"wrapKey"`, ..., or the other string).
    pub fn name(&self) -> &str {
        match self {
            KeyOperation::Sign => "sign",
            KeyOperation::Verify => "verify",
            KeyOperation::Encrypt => "encrypt",
            KeyOperation::Decrypt => "decrypt",
            KeyOperation::WrapKey => "wrapKey",
            KeyOperation::UnwrapKey => "unwrapKey",
            KeyOperation::DeriveKey => "deriveKey",
            KeyOperation::DeriveBits => "deriveBits",
            KeyOperation::Other(s) => s,
        }
    }

    /// Parses a member value, case-sensitively; an unregistered name is
    /// [`KeyOperation::Other`].
    pub fn from_name(name: &str) -> KeyOperation {
        KeyOperation::ALL
            .into_iter()
            .find(|op| op.name() == name)
            .unwrap_or_else(|| KeyOperation::Other(name.to_owned()))
    }

    /// Whether the operation belongs to signatures (`sign`, `verify`); `false` for
    /// the encryption operations and for [`KeyOperation::Other`].
    pub fn is_signature(&self) -> bool {
        matches!(self, KeyOperation::Sign | KeyOperation::Verify)
    }

    /// Whether the operation belongs to encryption and key management; `false` for
    /// the signature operations and for [`KeyOperation::Other`].
    pub fn is_encryption(&self) -> bool {
        !self.is_signature() && !matches!(self, KeyOperation::Other(_))
    }

    /// Whether the operation needs the private (or secret) part of the key.
    pub fn is_private(&self) -> bool {
        matches!(
            self,
            KeyOperation::Sign
                | KeyOperation::Decrypt
                | KeyOperation::UnwrapKey
                | KeyOperation::DeriveKey
        )
    }
}

impl fmt::Display for KeyOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A known algorithm name, as a key's `alg` may hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyAlg {
    /// A JWS algorithm.
    Signature(SignatureAlgorithm),
    /// A JWE key-management algorithm.
    KeyManagement(KeyManagementAlgorithm),
    /// A JWE content encryption: the key is a `dir` key for exactly this `enc`.
    Content(ContentEncryptionAlgorithm),
}

impl KeyAlg {
    /// Looks up any JWS algorithm, JWE `alg` or `enc` name.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlg`] for an unknown (or not compiled-in) name.
    pub(crate) fn from_name(name: &str) -> Result<Self> {
        // `lookup`, not `from_name`: a JWE key's `alg` would otherwise build (and drop)
        // an error with a formatted message on every token it decrypts.
        if let Some(alg) = SignatureAlgorithm::lookup(name) {
            return match alg.needed_feature() {
                None => Ok(KeyAlg::Signature(alg)),
                Some(feature) => Err(Error::new(
                    ErrorKind::UnsupportedAlg,
                    format!("algorithm {name:?} needs jwt-core's {feature} feature"),
                )),
            };
        }
        if let Some(alg) = KeyManagementAlgorithm::lookup(name) {
            return Ok(KeyAlg::KeyManagement(alg));
        }
        if let Some(enc) = ContentEncryptionAlgorithm::lookup(name) {
            return Ok(KeyAlg::Content(enc));
        }
        Err(Error::new(
            ErrorKind::UnsupportedAlg,
            format!("unsupported algorithm {name:?}"),
        ))
    }

    /// What key the algorithm needs.
    pub(crate) fn requirement(self) -> KeyRequirement {
        match self {
            KeyAlg::Signature(a) => a.key_requirement(),
            KeyAlg::KeyManagement(a) => a.key_requirement(),
            KeyAlg::Content(e) => KeyRequirement::OctExactly(e.key_len()),
        }
    }

    fn is_signature(self) -> bool {
        matches!(self, KeyAlg::Signature(_))
    }
}

/// Checks that `alg`, `use` and `key_ops` agree (RFC 7517 §4.3: "SHOULD NOT be used
/// together; if both are used, the information they convey MUST be consistent").
///
/// # Errors
/// [`ErrorKind::InvalidKey`] naming the two members that conflict, or a repeated op.
pub(crate) fn check_consistent(
    alg: Option<&str>,
    key_use: Option<&KeyUse>,
    key_ops: Option<&[KeyOperation]>,
) -> Result<()> {
    let conflict = |what: String| Error::new(ErrorKind::InvalidKey, what);
    let ops = key_ops.unwrap_or_default();
    // By name, so that an unregistered value spelled like a registered one repeats it;
    // and hashed, since a key from a 1 MiB set may list a hundred thousand values.
    let mut seen = std::collections::HashSet::with_capacity(ops.len());
    for op in ops {
        if !seen.insert(op.name()) {
            return Err(conflict(format!(
                "key_ops lists {:?} twice; each operation may appear once (RFC 7517 §4.3)",
                op.name()
            )));
        }
    }
    let use_is_sig = match key_use {
        Some(KeyUse::Signature) => Some(true),
        Some(KeyUse::Encryption) => Some(false),
        Some(KeyUse::Other(_)) | None => None,
    };
    // An unknown op says nothing we could check, so it conflicts with nothing.
    let conflicts = |sig: bool| {
        ops.iter().find(move |op| {
            if sig {
                op.is_encryption()
            } else {
                op.is_signature()
            }
        })
    };
    if let (Some(sig), Some(u)) = (use_is_sig, key_use) {
        if let Some(op) = conflicts(sig) {
            return Err(conflict(format!(
                "use {:?} conflicts with key_ops {:?}",
                u.as_str(),
                op.name()
            )));
        }
    }
    if let Some(name) = alg {
        let parsed = KeyAlg::from_name(name)?;
        let sig = parsed.is_signature();
        if let (Some(use_sig), Some(u)) = (use_is_sig, key_use) {
            if use_sig != sig {
                return Err(conflict(format!(
                    "alg {name:?} conflicts with use {:?}",
                    u.as_str()
                )));
            }
        }
        if let Some(op) = conflicts(sig) {
            return Err(conflict(format!(
                "alg {name:?} conflicts with key_ops {:?}",
                op.name()
            )));
        }
    }
    Ok(())
}

/// Checks that `material` is the kind of key `requirement` asks for; with
/// `check_strength`, also that it is strong enough (done at use, not at import, so
/// that weak keys can still be read, inspected and replaced).
///
/// # Errors
/// [`ErrorKind::KeyTypeMismatch`] for the wrong type, curve or (too long) AES size;
/// [`ErrorKind::WeakKey`] for a short RSA modulus or a short secret.
pub(crate) fn check_requirement(
    requirement: KeyRequirement,
    material: &KeyMaterial,
    check_strength: bool,
) -> Result<()> {
    let mismatch = |expected: &str| {
        Error::new(
            ErrorKind::KeyTypeMismatch,
            format!("expected {expected}, found {}", describe(material)),
        )
    };
    match requirement {
        KeyRequirement::OctAtLeast(len) => {
            let found = oct_len(material).ok_or_else(|| mismatch("an oct key"))?;
            if check_strength && found < len {
                return Err(Error::new(
                    ErrorKind::WeakKey,
                    format!("the oct key has {found} bytes; this algorithm needs at least {len}"),
                ));
            }
        }
        KeyRequirement::OctExactly(len) => {
            let found = oct_len(material).ok_or_else(|| mismatch("an oct key"))?;
            if check_strength && found < len {
                return Err(Error::new(
                    ErrorKind::WeakKey,
                    format!("the oct key has {found} bytes; this algorithm needs exactly {len}"),
                ));
            }
            if check_strength && found > len {
                return Err(Error::new(
                    ErrorKind::KeyTypeMismatch,
                    format!("the oct key has {found} bytes; this algorithm needs exactly {len}"),
                ));
            }
        }
        KeyRequirement::Password => {
            let found = oct_len(material).ok_or_else(|| mismatch("an oct key (password)"))?;
            if check_strength && found == 0 {
                return Err(Error::new(ErrorKind::WeakKey, "the password is empty"));
            }
        }
        KeyRequirement::Rsa => {
            let bits = rsa_bits(material).ok_or_else(|| mismatch("an RSA key"))?;
            if check_strength && bits < MIN_RSA_BITS {
                return Err(Error::new(
                    ErrorKind::WeakKey,
                    format!("the RSA key has {bits} bits; at least {MIN_RSA_BITS} are required"),
                ));
            }
        }
        KeyRequirement::Ec(curve) => {
            if material.key_type() != super::KeyType::Ec || material.curve() != Some(curve) {
                return Err(mismatch(&format!("an EC key on {curve}")));
            }
        }
        KeyRequirement::Okp(curve) => {
            if material.key_type() != super::KeyType::Okp || material.curve() != Some(curve) {
                return Err(mismatch(&format!("an OKP key on {curve}")));
            }
        }
        KeyRequirement::EdwardsCurve => {
            if !matches!(material.curve(), Some(Curve::Ed25519 | Curve::Ed448)) {
                return Err(mismatch("an OKP key on Ed25519 or Ed448"));
            }
        }
        KeyRequirement::Akp(alg) => {
            if material.akp_alg() != Some(alg) {
                return Err(mismatch(&format!("an AKP key for {alg}")));
            }
        }
        KeyRequirement::KeyAgreement => {
            if !matches!(
                material.curve(),
                Some(Curve::P256 | Curve::P384 | Curve::P521 | Curve::X25519 | Curve::X448)
            ) {
                return Err(mismatch(
                    "an EC key on P-256, P-384 or P-521, or an OKP key on X25519 or X448",
                ));
            }
        }
    }
    Ok(())
}

fn oct_len(material: &KeyMaterial) -> Option<usize> {
    match material {
        KeyMaterial::Oct(k) => Some(k.secret().len()),
        _ => None,
    }
}

fn rsa_bits(material: &KeyMaterial) -> Option<usize> {
    match material {
        KeyMaterial::RsaPublic(k) => Some(k.modulus_bits()),
        KeyMaterial::RsaPrivate(k) => Some(k.public().modulus_bits()),
        _ => None,
    }
}

/// "an RSA key", "an EC key on P-256", ... for messages.
pub(crate) fn describe(material: &KeyMaterial) -> String {
    match (material.key_type(), material.curve()) {
        (super::KeyType::Rsa, _) => "an RSA key".to_owned(),
        (super::KeyType::Oct, _) => "an oct key".to_owned(),
        (super::KeyType::Akp, _) => match material.akp_alg() {
            Some(alg) => format!("an AKP key for {alg}"),
            None => "an AKP key".to_owned(),
        },
        (t, Some(c)) => format!("an {t} key on {c}"),
        (t, None) => format!("an {t} key"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in [KeyType::Oct, KeyType::Rsa, KeyType::Ec, KeyType::Okp] {
            assert_eq!(KeyType::from_name(t.name()).unwrap(), t);
        }
        let akp = KeyType::from_name("AKP");
        if cfg!(feature = "pq") {
            assert_eq!(akp.unwrap(), KeyType::Akp);
        } else {
            let e = akp.unwrap_err();
            assert_eq!(e.kind(), ErrorKind::UnsupportedKey);
            assert!(e.message().contains("pq feature"), "{e}");
        }
        assert_eq!(
            KeyType::from_name("akp").unwrap_err().kind(),
            ErrorKind::UnsupportedKey
        );
        assert_eq!(
            KeyType::from_name("rsa").unwrap_err().kind(),
            ErrorKind::UnsupportedKey
        );
        for op in KeyOperation::ALL {
            assert_eq!(KeyOperation::from_name(op.name()), op);
        }
        let other = KeyOperation::from_name("wrapkey");
        assert_eq!(other, KeyOperation::Other("wrapkey".into()));
        assert_eq!(other.name(), "wrapkey");
        assert!(!other.is_signature() && !other.is_encryption() && !other.is_private());
        assert_eq!(KeyUse::from_name("sig"), KeyUse::Signature);
        assert_eq!(KeyUse::from_name("x").as_str(), "x");
    }

    fn kind(alg: Option<&str>, u: Option<KeyUse>, ops: Option<&[KeyOperation]>) -> ErrorKind {
        check_consistent(alg, u.as_ref(), ops).unwrap_err().kind()
    }

    #[test]
    fn consistent_combinations_pass() {
        use KeyOperation::*;
        check_consistent(
            Some("RS256"),
            Some(&KeyUse::Signature),
            Some(&[Sign, Verify]),
        )
        .unwrap();
        check_consistent(Some("A128KW"), Some(&KeyUse::Encryption), Some(&[WrapKey])).unwrap();
        check_consistent(Some("A256GCM"), Some(&KeyUse::Encryption), None).unwrap();
        check_consistent(None, Some(&KeyUse::Other("x".into())), Some(&[Sign])).unwrap();
        check_consistent(None, None, Some(&[])).unwrap();
        // An unknown op conflicts with neither use nor alg.
        let launch = KeyOperation::Other("launch".into());
        check_consistent(
            Some("RS256"),
            Some(&KeyUse::Signature),
            Some(&[Sign, launch.clone()]),
        )
        .unwrap();
        check_consistent(Some("A128KW"), Some(&KeyUse::Encryption), Some(&[launch])).unwrap();
    }

    #[test]
    fn conflicts_are_rejected() {
        use KeyOperation::*;
        let enc = Some(KeyUse::Encryption);
        let sig = Some(KeyUse::Signature);
        assert_eq!(
            kind(None, sig.clone(), Some(&[Encrypt])),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            kind(None, enc.clone(), Some(&[Verify])),
            ErrorKind::InvalidKey
        );
        assert_eq!(kind(Some("HS256"), enc, None), ErrorKind::InvalidKey);
        assert_eq!(kind(Some("RSA-OAEP"), sig, None), ErrorKind::InvalidKey);
        assert_eq!(
            kind(Some("ES256"), None, Some(&[WrapKey])),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            kind(Some("dir"), None, Some(&[Sign])),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            kind(None, None, Some(&[Sign, Verify, Sign])),
            ErrorKind::InvalidKey
        );
        let launch = KeyOperation::Other("launch".into());
        assert_eq!(
            kind(None, None, Some(&[launch.clone(), Sign, launch])),
            ErrorKind::InvalidKey
        );
        assert_eq!(kind(Some("none"), None, None), ErrorKind::UnsupportedAlg);
        assert_eq!(kind(Some("hs256"), None, None), ErrorKind::UnsupportedAlg);
    }

    #[test]
    fn only_compiled_in_algorithms_are_known() {
        let ed448 = KeyAlg::from_name("Ed448");
        assert_eq!(ed448.is_ok(), cfg!(feature = "curve448"));
        assert_eq!(
            KeyAlg::from_name("A256GCM").unwrap().requirement(),
            KeyRequirement::OctExactly(32)
        );
    }
}
