//! JSON Web Keys (RFC 7517) and JWK Sets: typed, validated key material with the
//! members that restrict its use.
//!
//! # Reading keys
//!
//! [`Jwk::from_json`] reads one key, [`JwkSet::from_json`] a set, [`Jwk::from_pem`]
//! and [`Jwk::from_der`] the usual PEM/DER files (PKCS#8, SPKI, PKCS#1, SEC1 and the
//! public key of an X.509 certificate), [`Jwk::from_pem_with_password`] a
//! password-protected PKCS#8 key (written by [`Jwk::to_encrypted_pem`]). Import validates everything once, so a key
//! that exists is a key that works:
//!
//! - strict JSON (a repeated member is an error) and strict unpadded base64url;
//! - Base64urlUInt members (`n`, `e`, `d`, `p`, ...) in their minimal form, as
//!   RFC 7518 §2 requires (no leading zero octet), and fixed-length members (EC `x`,
//!   `y`, `d`; OKP `x`, `d`) of exactly the curve's length;
//! - the point on the curve, the private part matching the public part, RSA CRT
//!   members all present or all absent (multi-prime `oth` keys are refused);
//! - `alg`, `use` and `key_ops` consistent with each other and `alg` fitting the key
//!   type and curve; a `key_ops` value listed twice is an error. A `key_ops` value
//!   RFC 7517 does not register is kept ([`KeyOperation::Other`]) and allows nothing;
//!   the key can still do the registered operations it lists.
//!
//! The backend key objects (HMAC key schedules, RSA/EC/OKP key pairs) are built at
//! import and shared by every clone of the key. Members this library does not know
//! (`x5c`, `x5t`, vendor extensions) are kept and written back unchanged.
//!
//! # Using keys
//!
//! A key is usable with an algorithm only if everything it says allows it (RFC 7517
//! §4.2–4.4, RFC 8725 §3.1): its `alg`, when present, names exactly that algorithm; its
//! `use` is `sig` for signing and verifying and `enc` for everything else; its
//! `key_ops`, when present, lists the operation; its type and curve fit the algorithm;
//! a signing or decrypting operation has the private key. Strength is checked at use:
//! RSA keys under 2048 bits and HMAC secrets shorter than the hash are
//! [`ErrorKind::WeakKey`], AES keys must have exactly the
//! algorithm's size. These checks run inside the JWS and JWE layers for every key they
//! touch; a weak key can still be read, inspected and replaced.
//!
//! # Secrets
//!
//! `Debug` never prints key material. Private key objects are zeroized on drop and are
//! shared behind an `Arc` rather than copied. [`Jwk::to_json`] and [`Jwk::to_pem`] do
//! include private members: they are how a private key is saved.
//!
//! ```
//! use jwt_core::{Jwk, ThumbprintHash};
//!
//! let key = Jwk::generate_for("ES256")?;
//! assert_eq!(key.alg(), Some("ES256"));
//! let public = key.public()?;                    // safe to publish
//! assert!(!public.is_private());
//! assert_eq!(key.thumbprint(ThumbprintHash::Sha256), public.thumbprint(ThumbprintHash::Sha256));
//! let again = Jwk::from_json(&public.to_json())?;
//! assert_eq!(again.to_json(), public.to_json());
//! # Ok::<(), jwt_core::Error>(())
//! ```
//!
//! A set keeps its order, skips (and reports) entries this library does not support,
//! and refuses to guess between keys that share a `kid`:
//!
//! ```
//! use jwt_core::{ErrorKind, JwkSet};
//!
//! let set = JwkSet::from_json(r#"{"keys":[
//!     {"kty":"oct","kid":"a","k":"GawgguFyGrWKav7AX4VKUg"},
//!     {"kty":"PQC","kid":"future"},
//!     {"kty":"oct","kid":"b","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr8"},
//!     {"kty":"oct","kid":"b","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}
//! ]}"#)?;
//! assert_eq!(set.keys().len(), 3);
//! assert_eq!(set.skipped()[0].kid.as_deref(), Some("future"));
//! assert!(set.find("a").is_ok());
//! assert_eq!(set.find("b").unwrap_err().kind(), ErrorKind::InvalidKey); // ambiguous
//! assert_eq!(set.find("c").unwrap_err().kind(), ErrorKind::KeyNotFound);
//! # Ok::<(), jwt_core::Error>(())
//! ```
//!
//! PEM in, PEM out (PKCS#8 for private keys, SPKI for public ones; the `pem` feature):
//!
//! ```
//! # #[cfg(feature = "pem")]
//! # fn main() -> jwt_core::Result<()> {
//! use jwt_core::{Curve, Jwk, KeyType};
//!
//! let pem = Jwk::generate_ec(Curve::P384)?.to_pem()?;
//! assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
//! let key = Jwk::from_pem(&pem)?;
//! assert_eq!((key.key_type(), key.curve()), (KeyType::Ec, Some(Curve::P384)));
//! assert!(key.to_public_pem()?.starts_with("-----BEGIN PUBLIC KEY-----"));
//! # Ok(()) }
//! # #[cfg(not(feature = "pem"))]
//! # fn main() {}
//! ```

mod generate;
mod material;
mod members;
mod params;
#[cfg(feature = "pem")]
mod pem;
mod roca;
mod serde_impl;
mod set;
mod shared;
mod thumbprint;
mod x5c;

pub(crate) use material::KeyMaterial;
#[cfg(feature = "jwe")]
pub(crate) use material::PRIVATE_MEMBERS;
pub use params::{KeyOperation, KeyType, KeyUse};
#[cfg(feature = "pem")]
pub use pem::PemEncryption;
pub use set::{JwkSet, SkippedKey};
pub(crate) use shared::LoadedKeys;
pub use shared::SharedJwkSet;
pub use thumbprint::ThumbprintHash;

use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{Curve, KeyRequirement};
use members::Members;
use params::KeyAlg;
use serde_json::Value;
use std::fmt;
use std::sync::Arc;

/// The longest JSON text accepted for one key (an RSA key with an `x5c` chain fits easily).
const MAX_JWK_BYTES: usize = 64 * 1024;
/// Deepest nesting accepted in a key's JSON.
const MAX_JWK_DEPTH: usize = 16;

/// The members every key type shares and that this module interprets.
const COMMON_MEMBERS: &[&str] = &["kty", "kid", "alg", "use", "key_ops"];

/// A validated JSON Web Key holding backend key objects built once at import.
///
/// Cloning is cheap: clones share the key objects. `Debug` is redacted.
#[derive(Clone)]
pub struct Jwk {
    material: Arc<KeyMaterial>,
    kid: Option<String>,
    alg: Option<String>,
    key_use: Option<KeyUse>,
    key_ops: Option<Vec<KeyOperation>>,
    extra: Members,
}

impl Jwk {
    /// A key with no `kid`, `alg`, `use`, `key_ops` or extra members.
    /// An AKP key gets the `alg` it cannot be without (RFC 9964 §3).
    pub(crate) fn from_material(material: KeyMaterial) -> Jwk {
        Jwk {
            alg: material.akp_alg().map(|alg| alg.name().to_owned()),
            material: Arc::new(material),
            kid: None,
            key_use: None,
            key_ops: None,
            extra: Members::new(),
        }
    }

    /// Reads one key from JSON text, validating everything (see the [module docs](self)).
    ///
    /// # Errors
    /// [`ErrorKind::Malformed`] for text that is not a JSON object,
    /// [`ErrorKind::DuplicateMember`] for a repeated member, [`ErrorKind::UnsupportedKey`]
    /// for an unknown `kty` or curve or a multi-prime RSA key, [`ErrorKind::UnsupportedAlg`]
    /// for an unknown `alg`, [`ErrorKind::LimitExceeded`] for an RSA modulus over 8192 bits,
    /// [`ErrorKind::InvalidKey`] for invalid key members or conflicting `use`/`key_ops`/`alg`,
    /// [`ErrorKind::KeyTypeMismatch`] for an `alg` that does not fit the key,
    /// [`ErrorKind::LimitExceeded`] for text over 64 KiB or nested too deeply.
    pub fn from_json(json: &str) -> Result<Jwk> {
        crate::strict_json::check(json.as_bytes(), MAX_JWK_DEPTH, MAX_JWK_BYTES)?;
        let mut value: Value = serde_json::from_str(json)
            .map_err(|e| Error::malformed(format!("invalid JWK JSON: {e}")))?;
        let key = Jwk::from_value(&value);
        // The parsed text of the private members is ours to wipe.
        members::zeroize_strings(&mut value);
        key
    }

    /// Reads one key from parsed JSON. The caller is responsible for having rejected
    /// duplicate members (a [`serde_json::Value`] has already dropped them); prefer
    /// [`Jwk::from_json`] for untrusted text.
    ///
    /// # Errors
    /// As [`Jwk::from_json`].
    pub fn from_value(value: &Value) -> Result<Jwk> {
        let Value::Object(m) = value else {
            return Err(Error::malformed(format!(
                "a JWK must be a JSON object, found {}",
                crate::strict_json::type_name(value)
            )));
        };
        let kty = KeyType::from_name(members::required_string(m, "kty", "a JWK")?)?;
        let own = material::key_members(kty);
        if let Some(name) = material::PRIVATE_MEMBERS
            .iter()
            .find(|name| m.contains_key(**name) && !own.contains(name))
        {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                format!("member {name:?} does not belong to a {kty} key"),
            ));
        }
        let material = KeyMaterial::from_members(kty, m)?;
        let kid = members::string(m, "kid")?.map(str::to_owned);
        let key_use = members::string(m, "use")?.map(KeyUse::from_name);
        let key_ops = match m.get("key_ops") {
            None => None,
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|item| match item {
                        Value::String(s) => Ok(KeyOperation::from_name(s)),
                        other => Err(Error::new(
                            ErrorKind::InvalidKey,
                            format!(
                                "key_ops must hold strings, found {}",
                                crate::strict_json::type_name(other)
                            ),
                        )),
                    })
                    .collect::<Result<Vec<_>>>()?,
            ),
            Some(other) => {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    format!(
                        "key_ops must be an array, found {}",
                        crate::strict_json::type_name(other)
                    ),
                ))
            }
        };
        let alg = members::string(m, "alg")?.map(str::to_owned);
        let extra = m
            .iter()
            .filter(|(name, _)| {
                !COMMON_MEMBERS.contains(&name.as_str()) && !own.contains(&name.as_str())
            })
            .map(|(name, v)| (name.clone(), v.clone()))
            .collect();
        let mut key = Jwk::from_material(material);
        key.kid = kid;
        key.key_use = key_use;
        key.key_ops = key_ops;
        key.extra = extra;
        key.check_params(alg.as_deref(), key.key_use.as_ref(), key.key_ops.as_deref())?;
        x5c::check(&key, m)?;
        key.alg = alg;
        Ok(key)
    }

    /// The key as JSON text, private members included, unknown members kept. Members
    /// come out in name order. An RSA private key read without its CRT members (`p`, `q`,
    /// `dp`, `dq`, `qi`) is written with them: they are recovered at import.
    pub fn to_json(&self) -> String {
        // The intermediate value (private members included) is wiped; the text is the caller's.
        members::to_json_wiping(self.to_value())
    }

    /// The key as a JSON value, private members included, unknown members kept.
    pub fn to_value(&self) -> Value {
        let mut out = self.extra.clone();
        out.insert("kty".to_owned(), self.key_type().name().into());
        self.material.write_members(&mut out);
        if let Some(kid) = &self.kid {
            out.insert("kid".to_owned(), kid.as_str().into());
        }
        if let Some(alg) = &self.alg {
            out.insert("alg".to_owned(), alg.as_str().into());
        }
        if let Some(u) = &self.key_use {
            out.insert("use".to_owned(), u.as_str().into());
        }
        if let Some(ops) = &self.key_ops {
            out.insert(
                "key_ops".to_owned(),
                ops.iter().map(|op| Value::from(op.name())).collect(),
            );
        }
        Value::Object(out)
    }

    /// The key type (`kty`).
    pub fn key_type(&self) -> KeyType {
        self.material.key_type()
    }

    /// The curve (`crv`) of an EC or OKP key.
    pub fn curve(&self) -> Option<Curve> {
        self.material.curve()
    }

    /// The key ID (`kid`).
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// Sets the key ID.
    pub fn set_kid(&mut self, kid: impl Into<String>) {
        self.kid = Some(kid.into());
    }

    /// The algorithm the key is restricted to (`alg`), if any.
    pub fn alg(&self) -> Option<&str> {
        self.alg.as_deref()
    }

    /// Restricts the key to one algorithm: a JWS algorithm, a JWE key-management
    /// algorithm, or a JWE `enc` name for a `dir` key.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlg`] for an unknown name, [`ErrorKind::KeyTypeMismatch`]
    /// when the algorithm does not fit the key's type or curve, [`ErrorKind::InvalidKey`]
    /// when it conflicts with `use` or `key_ops`.
    pub fn set_alg(&mut self, alg: &str) -> Result<()> {
        self.check_params(Some(alg), self.key_use.as_ref(), self.key_ops.as_deref())?;
        self.alg = Some(alg.to_owned());
        Ok(())
    }

    /// The intended use (`use`), if any.
    pub fn key_use(&self) -> Option<&KeyUse> {
        self.key_use.as_ref()
    }

    /// Sets the intended use.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] when it conflicts with `alg` or `key_ops`.
    pub fn set_use(&mut self, key_use: KeyUse) -> Result<()> {
        self.check_params(self.alg.as_deref(), Some(&key_use), self.key_ops.as_deref())?;
        self.key_use = Some(key_use);
        Ok(())
    }

    /// The permitted operations (`key_ops`), if any.
    pub fn key_ops(&self) -> Option<&[KeyOperation]> {
        self.key_ops.as_deref()
    }

    /// Sets the permitted operations.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for an operation listed twice or one that conflicts
    /// with `alg` or `use`.
    pub fn set_key_ops(&mut self, ops: Vec<KeyOperation>) -> Result<()> {
        // `Other("sign")` is `Sign`: as it reads back from JSON.
        let ops: Vec<KeyOperation> = ops
            .iter()
            .map(|op| KeyOperation::from_name(op.name()))
            .collect();
        self.check_params(self.alg.as_deref(), self.key_use.as_ref(), Some(&ops))?;
        self.key_ops = Some(ops);
        Ok(())
    }

    /// A member this module does not interpret (`x5c`, `x5t#S256`, an extension).
    pub fn member(&self, name: &str) -> Option<&Value> {
        self.extra.get(name)
    }

    /// Whether the key holds private material. An `oct` key is a secret, so it counts.
    pub fn is_private(&self) -> bool {
        self.material.is_private()
    }

    /// The public key: every private member removed, `kid`, `alg`, `use`, `key_ops` and
    /// extra members kept.
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] for an `oct` key, which has no public form.
    pub fn public(&self) -> Result<Jwk> {
        let material = if self.material.is_private() {
            Arc::new(self.material.public()?)
        } else {
            Arc::clone(&self.material)
        };
        Ok(Jwk {
            material,
            kid: self.kid.clone(),
            alg: self.alg.clone(),
            key_use: self.key_use.clone(),
            key_ops: self.key_ops.clone(),
            extra: self.extra.clone(),
        })
    }

    /// The backend key objects, for the JWS and JWE layers.
    pub(crate) fn material(&self) -> &KeyMaterial {
        &self.material
    }

    /// Checks that this key may perform `op` with the algorithm named `alg_name`, whose
    /// key needs are `requirement` (RFC 7517 §4.2–4.4, RFC 8725 §3.1).
    ///
    /// - the key's `alg`, if set, must equal `alg_name`; a key whose `alg` is a content
    ///   encryption (`"A256GCM"`, made by `generate_for("A256GCM")`) is a `dir` key and is
    ///   also accepted for `alg_name == "dir"`, its length then checked by `requirement`
    ///   (the JWE layer also calls [`Jwk::authorize_dir_enc`] to hold it to its `enc`);
    /// - `use`, if set, must be `sig` for [`KeyOperation::Sign`]/[`KeyOperation::Verify`]
    ///   and `enc` for every other operation (any other `use` value allows nothing);
    /// - `key_ops`, if set, must contain `op`;
    /// - a private operation (`Sign`, `Decrypt`, `UnwrapKey`, `DeriveKey`) needs the
    ///   private key;
    /// - type, curve and strength must meet `requirement`.
    ///
    /// The JWE layer passes `WrapKey`/`UnwrapKey` for key encryption and key wrapping
    /// (and the sender's side of ECDH-ES), `DeriveKey` for the recipient's side of
    /// ECDH-ES, and `Encrypt`/`Decrypt` for `dir`.
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] for a wrong type, curve, `alg`, `use`, `key_ops` or
    /// a public key asked to do a private operation; [`ErrorKind::WeakKey`] for a key too
    /// weak for the algorithm.
    pub(crate) fn authorize(
        &self,
        alg_name: &str,
        requirement: KeyRequirement,
        op: KeyOperation,
    ) -> Result<()> {
        let refuse = |message: String| Err(Error::new(ErrorKind::KeyTypeMismatch, message));
        if let Some(pinned) = &self.alg {
            let dir_key =
                alg_name == "dir" && matches!(KeyAlg::from_name(pinned), Ok(KeyAlg::Content(_)));
            if pinned != alg_name && !dir_key {
                return refuse(format!(
                    "the key is restricted to alg {pinned:?} and cannot be used with {alg_name:?}"
                ));
            }
        }
        match &self.key_use {
            Some(KeyUse::Signature) if !op.is_signature() => {
                return refuse(format!("a key with use \"sig\" cannot {op}"))
            }
            Some(KeyUse::Encryption) if op.is_signature() => {
                return refuse(format!("a key with use \"enc\" cannot {op}"))
            }
            Some(KeyUse::Other(u)) => {
                return refuse(format!("a key with use {u:?} cannot {op}"));
            }
            _ => {}
        }
        if let Some(ops) = &self.key_ops {
            if !ops.contains(&op) {
                return refuse(format!("the key's key_ops do not include {:?}", op.name()));
            }
        }
        if op.is_private() && !self.material.is_private() {
            return refuse(format!(
                "a public key cannot {op}; the private key is needed"
            ));
        }
        params::check_requirement(requirement, &self.material, true)
    }

    /// For `dir`: a key whose `alg` names a content encryption (`"A256GCM"`) may be used
    /// only with that `enc`. [`Jwk::authorize`] cannot tell A256GCM from A128CBC-HS256
    /// (both take 32 bytes), so the JWE layer calls this too when `alg` is `dir`.
    ///
    /// # Errors
    /// [`ErrorKind::KeyTypeMismatch`] when the key is pinned to another `enc`.
    #[cfg(feature = "jwe")]
    pub(crate) fn authorize_dir_enc(
        &self,
        enc: crate::jwa::ContentEncryptionAlgorithm,
    ) -> Result<()> {
        match self.alg.as_deref().map(KeyAlg::from_name) {
            Some(Ok(KeyAlg::Content(pinned))) if pinned != enc => Err(Error::new(
                ErrorKind::KeyTypeMismatch,
                format!("the key is restricted to enc {pinned} and cannot be used with {enc}"),
            )),
            _ => Ok(()),
        }
    }

    /// Checks a prospective `alg`/`use`/`key_ops` against each other and the key.
    fn check_params(
        &self,
        alg: Option<&str>,
        key_use: Option<&KeyUse>,
        key_ops: Option<&[KeyOperation]>,
    ) -> Result<()> {
        params::check_consistent(alg, key_use, key_ops)?;
        if let Some(name) = alg {
            let requirement = KeyAlg::from_name(name)?.requirement();
            params::check_requirement(requirement, &self.material, false).map_err(|e| {
                Error::new(
                    e.kind(),
                    format!("alg {name:?} does not fit this key: {}", e.message()),
                )
            })?;
        }
        Ok(())
    }
}

impl fmt::Debug for Jwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only what identifies the key; never a key member, and extra members by name only.
        let mut d = f.debug_struct("Jwk");
        d.field("kty", &self.key_type().name());
        if let Some(curve) = self.curve() {
            d.field("crv", &curve.name());
        }
        d.field("kid", &self.kid)
            .field("alg", &self.alg)
            .field("use", &self.key_use.as_ref().map(KeyUse::as_str))
            .field("key_ops", &self.key_ops)
            .field("private", &self.is_private())
            .field("extra", &self.extra.keys().collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests;
