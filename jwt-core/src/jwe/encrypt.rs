//! Encrypting: [`JweBuilder`] and [`Recipient`].

use super::content;
use super::header::{HeaderWriter, Joint, JweHeader};
use super::json::JsonOut;
use super::key_management::{self, WrapParams};
use super::parts::authenticated_data;
use super::{compact, zip};
use crate::base64url;
use crate::crypto::Zeroizing;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{ContentEncryptionAlgorithm, KeyManagementAlgorithm};
use crate::jwk::Jwk;
use serde_json::Value;

/// One recipient of a JWE: a key, the key-management algorithm, and the recipient's own
/// header members.
///
/// The key's `kid`, when it has one, is written into the recipient's header unless a
/// `kid` is set explicitly.
#[derive(Debug, Clone)]
pub struct Recipient<'k> {
    key: &'k Jwk,
    alg: KeyManagementAlgorithm,
    header: Vec<(String, Value)>,
    params: WrapParams,
}

impl<'k> Recipient<'k> {
    /// A recipient reached through `key` with `alg`. For ECDH-ES and RSA, `key` may be
    /// the recipient's public key.
    pub fn new(key: &'k Jwk, alg: KeyManagementAlgorithm) -> Self {
        Recipient {
            key,
            alg,
            header: Vec::new(),
            params: WrapParams::default(),
        }
    }

    /// Adds a member to this recipient's header (its per-recipient header in the JSON
    /// serializations; the protected header when there is only one recipient).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.header.push((name.into(), value.into()));
        self
    }

    /// Sets this recipient's `kid` (instead of the key's own).
    pub fn kid(self, kid: impl Into<String>) -> Self {
        self.header("kid", kid.into())
    }

    /// PBES2: the iteration count `p2c` (default
    /// [`Limits::DEFAULT_PBES2_ITERATIONS`](crate::Limits::DEFAULT_PBES2_ITERATIONS), 8,192).
    /// Counts below 1,000 are refused; counts above the decrypter's
    /// [`max_pbes2_iterations`](crate::Limits::max_pbes2_iterations) (16,384 by
    /// default) will be refused by decrypters.
    pub fn p2c(mut self, iterations: u32) -> Self {
        self.params.p2c = Some(iterations);
        self
    }

    /// ECDH-ES: the Agreement PartyUInfo (`apu`), information about the sender.
    pub fn apu(mut self, apu: impl Into<Vec<u8>>) -> Self {
        self.params.apu = Some(apu.into());
        self
    }

    /// ECDH-ES: the Agreement PartyVInfo (`apv`), information about the recipient.
    pub fn apv(mut self, apv: impl Into<Vec<u8>>) -> Self {
        self.params.apv = Some(apv.into());
        self
    }

    #[cfg(test)]
    pub(crate) fn fixed(mut self, fixed: key_management::Fixed) -> Self {
        self.params.fixed = fixed;
        self
    }
}

/// Builds a JWE: the plaintext, the content-encryption algorithm, header members, and
/// one or more recipients. Each serialization call encrypts afresh, with a new CEK and
/// IV generated inside the library.
///
/// Where the members go:
/// - with one recipient (compact, flattened, or general with one entry), everything is
///   integrity protected: the protected header holds `alg`, the recipient's members
///   (`kid`, ...), the members its algorithm generates (`epk`, `apu`, `apv`, `iv`,
///   `tag`, `p2s`, `p2c`), then the caller's protected members, then `enc` and `zip`;
/// - with several recipients, each recipient's `alg`, members and generated members go
///   into its own per-recipient header, and the protected header holds the caller's
///   protected members, `enc` and `zip`;
/// - [`shared_header`](Self::shared_header) members go into the shared unprotected
///   header (JSON only).
///
/// The result is checked with the decrypter's own header rules (names disjoint across
/// headers, `zip` protected, no `crit`), so the builder never writes a JWE that
/// [`JweDecrypter`](super::JweDecrypter) would refuse for its headers.
///
/// ```
/// # fn main() -> jwt_core::Result<()> {
/// use jwt_core::{ContentEncryptionAlgorithm as Enc, Jwk, KeyManagementAlgorithm as Alg};
/// use jwt_core::jwe::{JweBuilder, JweDecrypter, Recipient};
///
/// let alice = Jwk::generate_for("A256KW")?;
/// let bob = Jwk::generate_for("ECDH-ES+A128KW")?;
/// let bob_public = bob.public()?; // enough to encrypt to Bob
/// let builder = JweBuilder::new(b"hello", Enc::A256Gcm)
///     .cty("text/plain")
///     .recipient(Recipient::new(&alice, Alg::A256Kw).kid("alice"))
///     .recipient(Recipient::new(&bob_public, Alg::EcdhEsA128Kw).kid("bob"));
/// let token = builder.json_general()?;
///
/// let decrypter = JweDecrypter::new([Alg::EcdhEsA128Kw], [Enc::A256Gcm]);
/// let jwe = decrypter.decrypt(&token, &bob)?;
/// assert_eq!(jwe.plaintext(), b"hello");
/// assert_eq!((jwe.recipient_index(), jwe.kid()), (1, Some("bob")));
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct JweBuilder<'a> {
    plaintext: &'a [u8],
    enc: ContentEncryptionAlgorithm,
    protected: Vec<(String, Value)>,
    shared: Vec<(String, Value)>,
    aad: Option<&'a [u8]>,
    deflate: bool,
    recipients: Vec<Recipient<'a>>,
    fixed_cek: Option<Zeroizing<Vec<u8>>>,
    fixed_iv: Option<Vec<u8>>,
    #[cfg(test)]
    fixed_order: Option<Vec<&'static str>>,
}

impl std::fmt::Debug for JweBuilder<'_> {
    // Neither the plaintext nor a CEK belongs in a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JweBuilder")
            .field("enc", &self.enc)
            .field("plaintext_len", &self.plaintext.len())
            .field("protected", &self.protected)
            .field("shared", &self.shared)
            .field("aad", &self.aad.is_some())
            .field("deflate", &self.deflate)
            .field("recipients", &self.recipients)
            .finish()
    }
}

/// Where the recipient-specific members go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Compact,
    Json,
}

/// The encrypted pieces, before serialization.
struct Built {
    protected_b64: String,
    shared: Option<Value>,
    recipients: Vec<(Option<Value>, Vec<u8>)>,
    aad_b64: Option<String>,
    sealed: content::Sealed,
}

impl<'a> JweBuilder<'a> {
    /// Starts a JWE of `plaintext` (which may be empty) encrypted with `enc`.
    pub fn new(plaintext: &'a [u8], enc: ContentEncryptionAlgorithm) -> Self {
        JweBuilder {
            plaintext,
            enc,
            protected: Vec::new(),
            shared: Vec::new(),
            aad: None,
            deflate: false,
            recipients: Vec::new(),
            fixed_cek: None,
            fixed_iv: None,
            #[cfg(test)]
            fixed_order: None,
        }
    }

    /// Adds a member to the protected header. `alg`, `enc`, `zip` and the algorithm
    /// parameters are written by the library; setting them here is an error.
    pub fn protected_header(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.protected.push((name.into(), value.into()));
        self
    }

    /// Sets `typ` in the protected header.
    pub fn typ(self, typ: impl Into<String>) -> Self {
        self.protected_header("typ", typ.into())
    }

    /// Sets `cty` in the protected header (`"JWT"` for a nested token).
    pub fn cty(self, cty: impl Into<String>) -> Self {
        self.protected_header("cty", cty.into())
    }

    /// Adds a member to the shared unprotected header (JSON serializations only).
    pub fn shared_header(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.shared.push((name.into(), value.into()));
        self
    }

    /// Additional authenticated data (`aad`, JSON serializations only): integrity
    /// protected, not encrypted.
    pub fn aad(mut self, aad: &'a [u8]) -> Self {
        self.aad = Some(aad);
        self
    }

    /// Compresses the plaintext with DEFLATE before encrypting (`zip: DEF`).
    pub fn deflate(mut self) -> Self {
        self.deflate = true;
        self
    }

    /// Adds a recipient. Several recipients share one CEK; `dir` and bare `ECDH-ES`
    /// allow only one.
    pub fn recipient(mut self, recipient: Recipient<'a>) -> Self {
        self.recipients.push(recipient);
        self
    }

    #[cfg(test)]
    pub(crate) fn fixed_content(mut self, cek: Option<Vec<u8>>, iv: Vec<u8>) -> Self {
        self.fixed_cek = cek.map(Zeroizing::new);
        self.fixed_iv = Some(iv);
        self
    }

    /// Test seam: the protected header's member order of an RFC example, where it
    /// differs from the library's (RFC 7517 App. C puts `cty` after `enc`).
    #[cfg(test)]
    pub(crate) fn fixed_order(mut self, names: Vec<&'static str>) -> Self {
        self.fixed_order = Some(names);
        self
    }

    /// The compact serialization (one recipient, no shared header, no `aad`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHeader`] when the JWE cannot be written compactly or a
    /// header rule is broken; key errors ([`ErrorKind::KeyTypeMismatch`],
    /// [`ErrorKind::WeakKey`]) when a key does not fit its algorithm.
    pub fn compact(&self) -> Result<String> {
        if self.recipients.len() != 1 || !self.shared.is_empty() || self.aad.is_some() {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                "the compact serialization needs exactly one recipient, no shared unprotected header and no aad",
            ));
        }
        let built = self.build(Layout::Compact)?;
        let key = built
            .recipients
            .first()
            .map(|(_, k)| k.as_slice())
            .unwrap_or_default();
        let s = &built.sealed;
        Ok(compact::serialize(
            &built.protected_b64,
            key,
            &s.iv,
            &s.ciphertext,
            &s.tag,
        ))
    }

    /// The flattened JSON serialization (exactly one recipient).
    ///
    /// # Errors
    /// As [`compact`](Self::compact), for several recipients too.
    pub fn json_flattened(&self) -> Result<String> {
        if self.recipients.len() != 1 {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                format!(
                    "the flattened JSON serialization has exactly one recipient, found {}",
                    self.recipients.len()
                ),
            ));
        }
        self.json_out(|out| out.flattened())
    }

    /// The general JSON serialization (one or more recipients).
    ///
    /// # Errors
    /// As [`compact`](Self::compact).
    pub fn json_general(&self) -> Result<String> {
        self.json_out(|out| Ok(out.general()))
    }

    fn json_out(&self, write: impl Fn(&JsonOut<'_>) -> Result<String>) -> Result<String> {
        let built = self.build(Layout::Json)?;
        let out = JsonOut {
            protected_b64: &built.protected_b64,
            shared: built.shared.clone(),
            recipients: built
                .recipients
                .iter()
                .map(|(h, k)| (h.clone(), k.as_slice()))
                .collect(),
            aad_b64: built.aad_b64.as_deref(),
            iv: &built.sealed.iv,
            ciphertext: &built.sealed.ciphertext,
            tag: &built.sealed.tag,
        };
        write(&out)
    }

    fn build(&self, layout: Layout) -> Result<Built> {
        let enc = self.enc;
        if self.recipients.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                "a JWE needs at least one recipient",
            ));
        }
        let single = self.recipients.len() == 1;
        if let Some(r) = self.recipients.iter().find(|r| r.alg.is_direct()) {
            if !single {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    format!(
                        "{} makes the CEK from the recipient's key, so it allows only one recipient; this JWE has {}",
                        r.alg,
                        self.recipients.len()
                    ),
                ));
            }
        }
        for r in &self.recipients {
            r.key.authorize(
                r.alg.name(),
                key_management::requirement(r.alg, enc),
                key_management::encrypt_operation(r.alg),
            )?;
        }

        // Key management first: it fixes the CEK (direct algorithms) and writes the
        // header members (`epk`, `p2s`, ...) the protected header may have to carry.
        let mut headers = Vec::with_capacity(self.recipients.len());
        let mut keys = Vec::with_capacity(self.recipients.len());
        let cek = match self.recipients.as_slice() {
            [r] if r.alg.is_direct() => {
                let mut generated = HeaderWriter::default();
                let cek = key_management::direct_cek(r.key, r.alg, enc, &r.params, &mut generated)?;
                headers.push(self.recipient_header(r, generated)?);
                keys.push(Vec::new());
                cek
            }
            recipients => {
                let cek = match &self.fixed_cek {
                    Some(cek) => cek.clone(),
                    None => content::generate_cek(enc)?,
                };
                for r in recipients {
                    let mut generated = HeaderWriter::default();
                    keys.push(key_management::wrap_cek(
                        r.key,
                        r.alg,
                        enc,
                        &cek,
                        &r.params,
                        &mut generated,
                    )?);
                    headers.push(self.recipient_header(r, generated)?);
                }
                cek
            }
        };

        // One recipient: everything it needs goes into the protected header, so `alg`
        // and its parameters are integrity protected too (and compact form is possible).
        let mut protected = HeaderWriter::default();
        let per_recipient: Vec<Option<Value>> = if single || layout == Layout::Compact {
            for (name, json) in headers.iter().flat_map(|h| h.entries()) {
                protected.push_json(name, json.to_owned())?;
            }
            vec![None]
        } else {
            headers
                .iter()
                .map(|h| h.to_value().map(Some))
                .collect::<Result<_>>()?
        };
        for (name, value) in &self.protected {
            protected.push(name, value)?;
        }
        protected.push_str("enc", enc.name())?;
        if self.deflate {
            protected.push_str("zip", zip::DEFLATE)?;
        }
        let mut shared = HeaderWriter::default();
        for (name, value) in &self.shared {
            shared.push(name, value)?;
        }
        let shared = if shared.is_empty() {
            None
        } else {
            Some(shared.to_value()?)
        };
        #[cfg(test)]
        if let Some(order) = &self.fixed_order {
            protected.reorder(order);
        }
        self.check_headers(&protected, shared.as_ref(), &per_recipient)?;

        let protected_b64 = base64url::encode(protected.to_json());
        let aad_b64 = self.aad.map(base64url::encode);
        let aad = authenticated_data(&protected_b64, aad_b64.as_deref());
        let compressed;
        let plaintext = if self.deflate {
            compressed = zip::compress(self.plaintext);
            &compressed[..]
        } else {
            self.plaintext
        };
        let sealed = match &self.fixed_iv {
            Some(iv) => content::encrypt_with_iv(enc, &cek, iv.clone(), &aad, plaintext)?,
            None => content::encrypt(enc, &cek, &aad, plaintext)?,
        };
        Ok(Built {
            protected_b64,
            shared,
            recipients: per_recipient.into_iter().zip(keys).collect(),
            aad_b64,
            sealed,
        })
    }

    /// `alg`, the caller's members for this recipient, the key's `kid` unless one is
    /// set, then what key management generated.
    fn recipient_header(&self, r: &Recipient<'_>, generated: HeaderWriter) -> Result<HeaderWriter> {
        let mut header = HeaderWriter::default();
        header.push_str("alg", r.alg.name())?;
        for (name, value) in &r.header {
            header.push(name, value)?;
        }
        let kid_set = header.contains("kid")
            || self
                .protected
                .iter()
                .chain(&self.shared)
                .any(|(n, _)| n == "kid");
        if let (false, Some(kid)) = (kid_set, r.key.kid()) {
            header.push_str("kid", kid)?;
        }
        for (name, json) in generated.entries() {
            header.push_json(name, json.to_owned())?;
        }
        Ok(header)
    }

    /// The decrypter's union rules, applied to what we are about to write, so the
    /// library never produces a JWE it would refuse (duplicate names across headers,
    /// `zip`/`crit` unprotected, registered members of the wrong type, any `crit`).
    fn check_headers(
        &self,
        protected: &HeaderWriter,
        shared: Option<&Value>,
        recipients: &[Option<Value>],
    ) -> Result<()> {
        let as_header = |v: Option<&Value>| match v {
            Some(Value::Object(m)) => JweHeader::from_map(m.clone()),
            _ => JweHeader::default(),
        };
        let protected = as_header(Some(&protected.to_value()?));
        let shared = as_header(shared);
        for r in recipients {
            Joint::new(&protected, &shared, &as_header(r.as_ref()))?;
        }
        Ok(())
    }
}
