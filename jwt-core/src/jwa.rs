//! JSON Web Algorithms (RFC 7518, RFC 8037, RFC 9864): the algorithm identifiers and
//! the facts about them that the other layers need (names, key types, sizes).
//!
//! Names are case-sensitive (RFC 7515 §4.1.1): `hs256` is not `HS256`, and is rejected.

use crate::error::{Error, ErrorKind, Result};
use std::fmt;

/// Declares an algorithm enum with its registered JOSE names, in one table.
macro_rules! algorithm_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every algorithm of this family, in registry order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The registered JOSE name (`"HS256"`, `"RSA-OAEP-256"`, ...).
            pub const fn name(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// Looks up a registered name, case-sensitively.
            ///
            /// # Errors
            /// [`ErrorKind::UnsupportedAlg`] when the name is not one of [`Self::ALL`].
            pub fn from_name(name: &str) -> Result<Self> {
                Self::lookup(name).ok_or_else(|| {
                    Error::new(
                        ErrorKind::UnsupportedAlg,
                        format!(concat!("unsupported ", stringify!($name), " {:?}"), name),
                    )
                })
            }

            /// As [`from_name`](Self::from_name) without building an error: for callers
            /// that try several families in turn on every token.
            pub(crate) fn lookup(name: &str) -> Option<Self> {
                match name {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                $name::from_name(s)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::from_name(&name).map_err(serde::de::Error::custom)
            }
        }
    };
}

algorithm_enum! {
    /// A JWS signature or MAC algorithm. `none` is deliberately absent: unsecured
    /// tokens have their own explicitly named API.
    SignatureAlgorithm {
        /// HMAC with SHA-256.
        HS256 => "HS256",
        /// HMAC with SHA-384.
        HS384 => "HS384",
        /// HMAC with SHA-512.
        HS512 => "HS512",
        /// RSASSA-PKCS1-v1_5 with SHA-256.
        RS256 => "RS256",
        /// RSASSA-PKCS1-v1_5 with SHA-384.
        RS384 => "RS384",
        /// RSASSA-PKCS1-v1_5 with SHA-512.
        RS512 => "RS512",
        /// RSASSA-PSS with SHA-256, MGF1 SHA-256, salt of 32 bytes.
        PS256 => "PS256",
        /// RSASSA-PSS with SHA-384, MGF1 SHA-384, salt of 48 bytes.
        PS384 => "PS384",
        /// RSASSA-PSS with SHA-512, MGF1 SHA-512, salt of 64 bytes.
        PS512 => "PS512",
        /// ECDSA on P-256 with SHA-256.
        ES256 => "ES256",
        /// ECDSA on P-384 with SHA-384.
        ES384 => "ES384",
        /// ECDSA on P-521 with SHA-512.
        ES512 => "ES512",
        /// ECDSA on secp256k1 with SHA-256 (RFC 8812).
        ES256K => "ES256K",
        /// EdDSA on the key's curve (RFC 8037): Ed25519, or Ed448 with `curve448`.
        EdDSA => "EdDSA",
        /// Ed25519 by its fully-specified name (RFC 9864).
        Ed25519 => "Ed25519",
        /// Ed448 by its fully-specified name (RFC 9864); needs the `curve448` feature.
        Ed448 => "Ed448",
        /// ML-DSA-44 (FIPS 204, RFC 9964) with an `AKP` key; needs the `pq` feature.
        MlDsa44 => "ML-DSA-44",
        /// ML-DSA-65 (FIPS 204, RFC 9964) with an `AKP` key; needs the `pq` feature.
        MlDsa65 => "ML-DSA-65",
        /// ML-DSA-87 (FIPS 204, RFC 9964) with an `AKP` key; needs the `pq` feature.
        MlDsa87 => "ML-DSA-87",
    }
}

algorithm_enum! {
    /// A JWE key-management algorithm (how the content encryption key is delivered).
    KeyManagementAlgorithm {
        /// RSAES-PKCS1-v1_5. Off unless the caller allows it by name (RFC 8725 §3.2).
        Rsa1_5 => "RSA1_5",
        /// RSAES-OAEP with SHA-1 and MGF1 SHA-1.
        RsaOaep => "RSA-OAEP",
        /// RSAES-OAEP with SHA-256 and MGF1 SHA-256.
        RsaOaep256 => "RSA-OAEP-256",
        /// RSAES-OAEP with SHA-384 and MGF1 SHA-384.
        RsaOaep384 => "RSA-OAEP-384",
        /// RSAES-OAEP with SHA-512 and MGF1 SHA-512.
        RsaOaep512 => "RSA-OAEP-512",
        /// AES-128 key wrap (RFC 3394).
        A128Kw => "A128KW",
        /// AES-192 key wrap (RFC 3394).
        A192Kw => "A192KW",
        /// AES-256 key wrap (RFC 3394).
        A256Kw => "A256KW",
        /// Direct use of a shared symmetric key as the CEK.
        Dir => "dir",
        /// ECDH-ES: the Concat KDF output is the CEK.
        EcdhEs => "ECDH-ES",
        /// ECDH-ES, then AES-128 key wrap.
        EcdhEsA128Kw => "ECDH-ES+A128KW",
        /// ECDH-ES, then AES-192 key wrap.
        EcdhEsA192Kw => "ECDH-ES+A192KW",
        /// ECDH-ES, then AES-256 key wrap.
        EcdhEsA256Kw => "ECDH-ES+A256KW",
        /// AES-128-GCM key wrap (`iv` and `tag` header members).
        A128GcmKw => "A128GCMKW",
        /// AES-192-GCM key wrap.
        A192GcmKw => "A192GCMKW",
        /// AES-256-GCM key wrap.
        A256GcmKw => "A256GCMKW",
        /// PBES2 with HMAC-SHA-256 and AES-128 key wrap.
        Pbes2Hs256A128Kw => "PBES2-HS256+A128KW",
        /// PBES2 with HMAC-SHA-384 and AES-192 key wrap.
        Pbes2Hs384A192Kw => "PBES2-HS384+A192KW",
        /// PBES2 with HMAC-SHA-512 and AES-256 key wrap.
        Pbes2Hs512A256Kw => "PBES2-HS512+A256KW",
    }
}

algorithm_enum! {
    /// A JWE content-encryption algorithm (`enc`).
    ContentEncryptionAlgorithm {
        /// AES-128-CBC with HMAC-SHA-256 (RFC 7518 §5.2.3).
        A128CbcHs256 => "A128CBC-HS256",
        /// AES-192-CBC with HMAC-SHA-384.
        A192CbcHs384 => "A192CBC-HS384",
        /// AES-256-CBC with HMAC-SHA-512.
        A256CbcHs512 => "A256CBC-HS512",
        /// AES-128-GCM.
        A128Gcm => "A128GCM",
        /// AES-192-GCM.
        A192Gcm => "A192GCM",
        /// AES-256-GCM.
        A256Gcm => "A256GCM",
    }
}

/// The hash function an algorithm is built on. Non-exhaustive: a new algorithm may
/// bring a new hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HashAlgorithm {
    /// SHA-1 (only inside RSA-OAEP, where it is still sound).
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl HashAlgorithm {
    /// Output length in bytes.
    pub const fn output_len(self) -> usize {
        match self {
            HashAlgorithm::Sha1 => 20,
            HashAlgorithm::Sha256 => 32,
            HashAlgorithm::Sha384 => 48,
            HashAlgorithm::Sha512 => 64,
        }
    }
}

/// The elliptic curves of `EC` and `OKP` keys.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (`EC`).
    P256,
    /// NIST P-384 (`EC`).
    P384,
    /// NIST P-521 (`EC`).
    P521,
    /// secp256k1 (`EC`, RFC 8812; signatures only).
    Secp256k1,
    /// Ed25519 (`OKP`, signatures).
    Ed25519,
    /// Ed448 (`OKP`, signatures; `curve448` feature).
    Ed448,
    /// X25519 (`OKP`, key agreement).
    X25519,
    /// X448 (`OKP`, key agreement; `curve448` feature).
    X448,
}

impl Curve {
    /// Every curve, registered name order.
    pub const ALL: &'static [Curve] = &[
        Curve::P256,
        Curve::P384,
        Curve::P521,
        Curve::Secp256k1,
        Curve::Ed25519,
        Curve::Ed448,
        Curve::X25519,
        Curve::X448,
    ];

    /// The registered `crv` name.
    pub const fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
            Curve::Ed25519 => "Ed25519",
            Curve::Ed448 => "Ed448",
            Curve::X25519 => "X25519",
            Curve::X448 => "X448",
        }
    }

    /// Looks up a `crv` name, case-sensitively.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedKey`] for an unknown curve.
    pub fn from_name(name: &str) -> Result<Self> {
        Curve::ALL
            .iter()
            .copied()
            .find(|c| c.name() == name)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::UnsupportedKey,
                    format!("unsupported curve {name:?}"),
                )
            })
    }

    /// Whether this is an `OKP` curve (RFC 8037) rather than an `EC` one.
    pub const fn is_okp(self) -> bool {
        matches!(
            self,
            Curve::Ed25519 | Curve::Ed448 | Curve::X25519 | Curve::X448
        )
    }

    /// Length in bytes of a coordinate (`EC`) or of the public key (`OKP`).
    pub const fn coordinate_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 | Curve::Ed25519 | Curve::X25519 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
            Curve::Ed448 => 57,
            Curve::X448 => 56,
        }
    }

    /// Length in bytes of the private scalar `d`.
    pub const fn private_len(self) -> usize {
        self.coordinate_len()
    }

    /// Whether the curve is compiled in (Curve448 needs the `curve448` feature).
    pub const fn is_enabled(self) -> bool {
        cfg!(feature = "curve448") || !matches!(self, Curve::Ed448 | Curve::X448)
    }
}

impl fmt::Display for Curve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What kind of key an algorithm needs. Non-exhaustive: a new key type (as `AKP` was)
/// brings a new requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyRequirement {
    /// An `oct` key of at least this many bytes (HMAC, PBES2 password).
    OctAtLeast(usize),
    /// An `oct` key of exactly this many bytes (AES, `dir`).
    OctExactly(usize),
    /// An `RSA` key of at least 2048 bits.
    Rsa,
    /// An `EC` key on this curve.
    Ec(Curve),
    /// An `OKP` key on one of the Edwards curves (EdDSA).
    EdwardsCurve,
    /// An `OKP` key on exactly this curve.
    Okp(Curve),
    /// An `EC` or `OKP` key on a key-agreement curve (P-256/384/521, X25519, X448).
    KeyAgreement,
    /// A password as an `oct` key; any non-empty length.
    Password,
    /// An `AKP` key (RFC 9964) of exactly this algorithm: its `alg` is part of the key.
    Akp(SignatureAlgorithm),
}

/// The minimum RSA modulus size accepted anywhere (RFC 7518 §3.3, §4.2).
pub const MIN_RSA_BITS: usize = 2048;

/// The largest RSA modulus accepted, in bits: the backend verifies up to 8192 bits,
/// and bigger keys would make every verification a denial-of-service lever.
pub(crate) const MAX_RSA_BITS: usize = 8192;

impl SignatureAlgorithm {
    /// The hash the algorithm uses. EdDSA and ML-DSA hash internally (SHA-512,
    /// SHAKE256) and are given SHA-256 here, the hash their thumbprints and `kid`s use;
    /// [`Self::is_ml_dsa`] tells them apart.
    pub const fn hash(self) -> HashAlgorithm {
        use SignatureAlgorithm::*;
        match self {
            HS256 | RS256 | PS256 | ES256 | ES256K | EdDSA | Ed25519 | Ed448 | MlDsa44
            | MlDsa65 | MlDsa87 => HashAlgorithm::Sha256,
            HS384 | RS384 | PS384 | ES384 => HashAlgorithm::Sha384,
            HS512 | RS512 | PS512 | ES512 => HashAlgorithm::Sha512,
        }
    }

    /// Whether this is one of the ML-DSA algorithms (`AKP` keys, the `pq` feature).
    pub const fn is_ml_dsa(self) -> bool {
        matches!(
            self,
            SignatureAlgorithm::MlDsa44 | SignatureAlgorithm::MlDsa65 | SignatureAlgorithm::MlDsa87
        )
    }

    /// What key the algorithm needs.
    pub const fn key_requirement(self) -> KeyRequirement {
        use SignatureAlgorithm::*;
        match self {
            HS256 | HS384 | HS512 => KeyRequirement::OctAtLeast(self.hash().output_len()),
            RS256 | RS384 | RS512 | PS256 | PS384 | PS512 => KeyRequirement::Rsa,
            ES256 => KeyRequirement::Ec(Curve::P256),
            ES384 => KeyRequirement::Ec(Curve::P384),
            ES512 => KeyRequirement::Ec(Curve::P521),
            ES256K => KeyRequirement::Ec(Curve::Secp256k1),
            EdDSA => KeyRequirement::EdwardsCurve,
            Ed25519 => KeyRequirement::Okp(Curve::Ed25519),
            Ed448 => KeyRequirement::Okp(Curve::Ed448),
            MlDsa44 | MlDsa65 | MlDsa87 => KeyRequirement::Akp(self),
        }
    }

    /// Whether the algorithm is a MAC (same key signs and verifies).
    pub const fn is_symmetric(self) -> bool {
        matches!(
            self,
            SignatureAlgorithm::HS256 | SignatureAlgorithm::HS384 | SignatureAlgorithm::HS512
        )
    }

    /// Exact signature length for algorithms whose length does not depend on the key
    /// (HMAC, ECDSA r‖s, EdDSA); `None` for RSA (modulus size).
    pub const fn fixed_signature_len(self) -> Option<usize> {
        use SignatureAlgorithm::*;
        match self {
            HS256 => Some(32),
            HS384 => Some(48),
            HS512 => Some(64),
            ES256 | ES256K => Some(64),
            ES384 => Some(96),
            ES512 => Some(132),
            Ed25519 => Some(64),
            Ed448 => Some(114),
            // FIPS 204 Table 2.
            MlDsa44 => Some(2420),
            MlDsa65 => Some(3309),
            MlDsa87 => Some(4627),
            EdDSA | RS256 | RS384 | RS512 | PS256 | PS384 | PS512 => None,
        }
    }

    /// The longest signature this algorithm makes with any key it accepts: RSA-8192's
    /// 1,024 bytes for RSA, the exact length for the others.
    pub const fn max_signature_len(self) -> usize {
        match self.fixed_signature_len() {
            Some(len) => len,
            // EdDSA: Ed448's 114 bytes at most; RSA: the 8192-bit modulus bound.
            None if matches!(self, SignatureAlgorithm::EdDSA) => 114,
            None => MAX_RSA_BITS / 8,
        }
    }

    /// Whether the algorithm is compiled in (Ed448 needs the `curve448` feature, ML-DSA
    /// the `pq` feature).
    pub const fn is_enabled(self) -> bool {
        if self.is_ml_dsa() {
            return cfg!(feature = "pq");
        }
        cfg!(feature = "curve448") || !matches!(self, SignatureAlgorithm::Ed448)
    }

    /// The crate feature an algorithm that is not compiled in needs (`None` when it is
    /// compiled in), for error messages.
    pub const fn needed_feature(self) -> Option<&'static str> {
        if self.is_enabled() {
            return None;
        }
        if self.is_ml_dsa() {
            Some("pq")
        } else {
            Some("curve448")
        }
    }
}

impl KeyManagementAlgorithm {
    /// What key the algorithm needs.
    pub const fn key_requirement(self) -> KeyRequirement {
        use KeyManagementAlgorithm::*;
        match self {
            Rsa1_5 | RsaOaep | RsaOaep256 | RsaOaep384 | RsaOaep512 => KeyRequirement::Rsa,
            A128Kw | A128GcmKw => KeyRequirement::OctExactly(16),
            A192Kw | A192GcmKw => KeyRequirement::OctExactly(24),
            A256Kw | A256GcmKw => KeyRequirement::OctExactly(32),
            // The length of a `dir` key is fixed by `enc`, checked where both are known.
            Dir => KeyRequirement::OctAtLeast(16),
            EcdhEs | EcdhEsA128Kw | EcdhEsA192Kw | EcdhEsA256Kw => KeyRequirement::KeyAgreement,
            Pbes2Hs256A128Kw | Pbes2Hs384A192Kw | Pbes2Hs512A256Kw => KeyRequirement::Password,
        }
    }

    /// The AES key-wrap key length in bytes, for algorithms that end in a key wrap.
    pub const fn wrap_key_len(self) -> Option<usize> {
        use KeyManagementAlgorithm::*;
        match self {
            A128Kw | EcdhEsA128Kw | A128GcmKw | Pbes2Hs256A128Kw => Some(16),
            A192Kw | EcdhEsA192Kw | A192GcmKw | Pbes2Hs384A192Kw => Some(24),
            A256Kw | EcdhEsA256Kw | A256GcmKw | Pbes2Hs512A256Kw => Some(32),
            Rsa1_5 | RsaOaep | RsaOaep256 | RsaOaep384 | RsaOaep512 | Dir | EcdhEs => None,
        }
    }

    /// Whether the CEK is agreed or shared directly (no encrypted key; one recipient only).
    pub const fn is_direct(self) -> bool {
        matches!(
            self,
            KeyManagementAlgorithm::Dir | KeyManagementAlgorithm::EcdhEs
        )
    }
}

impl ContentEncryptionAlgorithm {
    /// Length of the content encryption key in bytes.
    pub const fn key_len(self) -> usize {
        use ContentEncryptionAlgorithm::*;
        match self {
            A128CbcHs256 => 32,
            A192CbcHs384 => 48,
            A256CbcHs512 => 64,
            A128Gcm => 16,
            A192Gcm => 24,
            A256Gcm => 32,
        }
    }

    /// Length of the initialization vector in bytes.
    pub const fn iv_len(self) -> usize {
        if self.is_gcm() {
            12
        } else {
            16
        }
    }

    /// Length of the authentication tag in bytes.
    pub const fn tag_len(self) -> usize {
        use ContentEncryptionAlgorithm::*;
        match self {
            A128CbcHs256 => 16,
            A192CbcHs384 => 24,
            A256CbcHs512 => 32,
            A128Gcm | A192Gcm | A256Gcm => 16,
        }
    }

    /// Whether this is an AES-GCM algorithm (rather than AES-CBC + HMAC).
    pub const fn is_gcm(self) -> bool {
        use ContentEncryptionAlgorithm::*;
        matches!(self, A128Gcm | A192Gcm | A256Gcm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_for_every_algorithm() {
        for alg in SignatureAlgorithm::ALL {
            assert_eq!(SignatureAlgorithm::from_name(alg.name()).unwrap(), *alg);
        }
        for alg in KeyManagementAlgorithm::ALL {
            assert_eq!(KeyManagementAlgorithm::from_name(alg.name()).unwrap(), *alg);
        }
        for enc in ContentEncryptionAlgorithm::ALL {
            assert_eq!(
                ContentEncryptionAlgorithm::from_name(enc.name()).unwrap(),
                *enc
            );
        }
        for crv in Curve::ALL {
            assert_eq!(Curve::from_name(crv.name()).unwrap(), *crv);
        }
    }

    #[test]
    fn names_are_case_sensitive_and_none_is_not_an_algorithm() {
        for bad in ["hs256", "Hs256", "none", "None", "NONE", "", "HS256 "] {
            let err = SignatureAlgorithm::from_name(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::UnsupportedAlg, "{bad}");
        }
        assert!(KeyManagementAlgorithm::from_name("DIR").is_err());
        assert!(ContentEncryptionAlgorithm::from_name("a256gcm").is_err());
        assert!(Curve::from_name("p-256").is_err());
    }

    #[test]
    fn sizes_match_rfc7518() {
        assert_eq!(ContentEncryptionAlgorithm::A256CbcHs512.key_len(), 64);
        assert_eq!(ContentEncryptionAlgorithm::A192CbcHs384.tag_len(), 24);
        assert_eq!(ContentEncryptionAlgorithm::A128Gcm.iv_len(), 12);
        assert_eq!(ContentEncryptionAlgorithm::A128CbcHs256.iv_len(), 16);
        assert_eq!(
            KeyManagementAlgorithm::EcdhEsA192Kw.wrap_key_len(),
            Some(24)
        );
        assert_eq!(SignatureAlgorithm::ES512.fixed_signature_len(), Some(132));
        assert_eq!(
            SignatureAlgorithm::HS384.key_requirement(),
            KeyRequirement::OctAtLeast(48)
        );
    }
}
