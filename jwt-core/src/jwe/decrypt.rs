//! Decrypting: [`JweDecrypter`] and [`DecryptedJwe`].

use super::content;
use super::header::{Joint, JweHeader};
use super::key_management;
use super::parts::Parts;
use super::plain;
use super::{compact, json, zip};
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{ContentEncryptionAlgorithm, KeyManagementAlgorithm};
use crate::key_source::KeySource;
use crate::lazy_header::LazyHeader;
use crate::limits::{CostBudget, Limits};
use serde_json::Value;

/// Decrypts JWEs: explicit allow-lists for `alg` and `enc` (nothing is allowed by
/// default, and `RSA1_5` only when listed), and [`Limits`]. Build one and share it.
///
/// ```
/// # fn main() -> jwt_core::Result<()> {
/// use jwt_core::{ContentEncryptionAlgorithm as Enc, ErrorKind, Jwk, KeyManagementAlgorithm as Alg};
/// use jwt_core::jwe::{JweBuilder, JweDecrypter, Recipient};
///
/// let key = Jwk::from_json(r#"{"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"}"#)?;
/// let token = JweBuilder::new(b"hello", Enc::A128CbcHs256)
///     .recipient(Recipient::new(&key, Alg::A128Kw))
///     .compact()?;
///
/// let decrypter = JweDecrypter::new([Alg::A128Kw], [Enc::A128Gcm, Enc::A128CbcHs256]);
/// assert_eq!(decrypter.decrypt(&token, &key)?.plaintext(), b"hello");
///
/// let strict = JweDecrypter::new([Alg::A128Kw], [Enc::A256Gcm]);
/// assert_eq!(strict.decrypt(&token, &key).unwrap_err().kind(), ErrorKind::AlgNotAllowed);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct JweDecrypter {
    algs: Vec<KeyManagementAlgorithm>,
    encs: Vec<ContentEncryptionAlgorithm>,
    limits: Limits,
}

/// A decrypted JWE: its headers, which recipient it was decrypted for, and the plaintext.
///
/// Its `Debug` output shows the headers and the plaintext's length, never the plaintext.
#[derive(Clone)]
pub struct DecryptedJwe {
    protected: LazyHeader<JweHeader>,
    /// Where `cty` is in the protected header's text (a plain compact header only).
    cty_in_text: Option<std::ops::Range<usize>>,
    shared: JweHeader,
    recipient: JweHeader,
    recipient_index: usize,
    alg: KeyManagementAlgorithm,
    enc: ContentEncryptionAlgorithm,
    plaintext: Vec<u8>,
}

impl std::fmt::Debug for DecryptedJwe {
    // The plaintext is the secret the JWE protected; a log line must not undo that.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DecryptedJwe")
            .field("protected", self.protected.get())
            .field("shared", &self.shared)
            .field("recipient", &self.recipient)
            .field("recipient_index", &self.recipient_index)
            .field("alg", &self.alg)
            .field("enc", &self.enc)
            .field("plaintext_len", &self.plaintext.len())
            .finish()
    }
}

impl DecryptedJwe {
    /// The plaintext (inflated when the JWE had `zip: DEF`).
    pub fn plaintext(&self) -> &[u8] {
        &self.plaintext
    }

    /// Takes the plaintext.
    pub fn into_plaintext(self) -> Vec<u8> {
        self.plaintext
    }

    /// Takes the protected header and the plaintext.
    pub fn into_protected_header_and_plaintext(self) -> (JweHeader, Vec<u8>) {
        (self.protected.into_parsed(), self.plaintext)
    }

    /// As [`into_protected_header_and_plaintext`](Self::into_protected_header_and_plaintext),
    /// leaving a plain header as text.
    pub(crate) fn into_lazy_header_and_plaintext(self) -> (LazyHeader<JweHeader>, Vec<u8>) {
        (self.protected, self.plaintext)
    }

    /// The protected header (empty when the JSON serialization had none).
    pub fn protected_header(&self) -> &JweHeader {
        self.protected.get()
    }

    /// The shared unprotected header (JSON serializations; empty otherwise).
    pub fn shared_header(&self) -> &JweHeader {
        &self.shared
    }

    /// The per-recipient header of the recipient that decrypted (empty in compact form).
    pub fn recipient_header(&self) -> &JweHeader {
        &self.recipient
    }

    /// The position of that recipient (0 in compact and flattened form).
    pub fn recipient_index(&self) -> usize {
        self.recipient_index
    }

    /// The key-management algorithm used.
    pub fn alg(&self) -> KeyManagementAlgorithm {
        self.alg
    }

    /// The content-encryption algorithm.
    pub fn enc(&self) -> ContentEncryptionAlgorithm {
        self.enc
    }

    /// A member of the recipient's joint header (protected, shared or per-recipient).
    pub fn header(&self, name: &str) -> Option<&Value> {
        [self.protected.get(), &self.shared, &self.recipient]
            .into_iter()
            .find_map(|h| h.get(name))
    }

    /// `kid` from the joint header.
    pub fn kid(&self) -> Option<&str> {
        self.header("kid").and_then(Value::as_str)
    }

    /// `typ` from the joint header.
    pub fn typ(&self) -> Option<&str> {
        self.header("typ").and_then(Value::as_str)
    }

    /// `cty` from the joint header.
    pub fn cty(&self) -> Option<&str> {
        match &self.protected {
            // A plain compact header is the token's only header; the plain parser
            // noted where its `cty` is.
            LazyHeader::Text(text, _) => self
                .cty_in_text
                .clone()
                .and_then(|range| std::str::from_utf8(text.get(range)?).ok()),
            LazyHeader::Parsed(_) => self.header("cty").and_then(Value::as_str),
        }
    }
}

impl JweDecrypter {
    /// A decrypter accepting exactly the listed algorithms, with default [`Limits`].
    /// Empty lists accept nothing.
    pub fn new(
        algs: impl IntoIterator<Item = KeyManagementAlgorithm>,
        encs: impl IntoIterator<Item = ContentEncryptionAlgorithm>,
    ) -> Self {
        JweDecrypter {
            algs: algs.into_iter().collect(),
            encs: encs.into_iter().collect(),
            limits: Limits::default(),
        }
    }

    /// Replaces the limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The allowed key-management algorithms.
    pub fn allowed_algs(&self) -> &[KeyManagementAlgorithm] {
        &self.algs
    }

    /// The allowed content-encryption algorithms.
    pub fn allowed_encs(&self) -> &[ContentEncryptionAlgorithm] {
        &self.encs
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Decrypts a JWE in any serialization: JSON when it starts with `{`, compact
    /// otherwise.
    ///
    /// # Errors
    /// As [`decrypt_compact`](Self::decrypt_compact) and [`decrypt_json`](Self::decrypt_json).
    pub fn decrypt<'k>(&self, token: &str, keys: impl Into<KeySource<'k>>) -> Result<DecryptedJwe> {
        if token.trim_start().starts_with('{') {
            self.decrypt_json(token, keys)
        } else {
            self.decrypt_compact(token, keys)
        }
    }

    /// Decrypts the compact serialization.
    ///
    /// # Errors
    /// [`ErrorKind::TokenTypeMismatch`] for a JWS; [`ErrorKind::Malformed`],
    /// [`ErrorKind::InvalidHeader`], [`ErrorKind::UnknownCrit`] and
    /// [`ErrorKind::UnsupportedAlg`] for bad input; [`ErrorKind::AlgNotAllowed`];
    /// key errors ([`ErrorKind::KeyNotFound`], [`ErrorKind::KeyTypeMismatch`],
    /// [`ErrorKind::WeakKey`]); [`ErrorKind::LimitExceeded`]; and
    /// [`ErrorKind::DecryptionFailed`], the same for every cryptographic failure.
    pub fn decrypt_compact<'k>(
        &self,
        token: &str,
        keys: impl Into<KeySource<'k>>,
    ) -> Result<DecryptedJwe> {
        self.decrypt_compact_segments(token, None, keys.into())
    }

    /// [`decrypt_compact`](Self::decrypt_compact) for the JWT layer, which may pass the
    /// token's `segments` when it has already split it.
    pub(crate) fn decrypt_compact_segments(
        &self,
        token: &str,
        segments: Option<[&str; 5]>,
        keys: KeySource<'_>,
    ) -> Result<DecryptedJwe> {
        let segments = segments.or_else(|| crate::segments::Segments::of(token).jwe());
        let opened = segments.and_then(|segments| {
            plain::decrypt(token, segments, &self.algs, &self.encs, &self.limits, keys)
        });
        if let Some(opened) = opened {
            return Ok(DecryptedJwe {
                protected: LazyHeader::checked_text(opened.header),
                cty_in_text: opened.cty,
                shared: JweHeader::default(),
                recipient: JweHeader::default(),
                recipient_index: 0,
                alg: opened.alg,
                enc: opened.enc,
                plaintext: opened.plaintext,
            });
        }
        let parts = compact::parse(token, &self.limits)?;
        self.open(parts, keys)
    }

    /// Decrypts the general or flattened JSON serialization, trying recipients in
    /// order until one decrypts.
    ///
    /// # Errors
    /// As [`decrypt_compact`](Self::decrypt_compact). When no recipient decrypts, the
    /// error of the recipient that got furthest.
    pub fn decrypt_json<'k>(
        &self,
        token: &str,
        keys: impl Into<KeySource<'k>>,
    ) -> Result<DecryptedJwe> {
        let parts = json::parse(token, &self.limits)?;
        self.open(parts, keys.into())
    }

    fn open(&self, parts: Parts, keys: KeySource<'_>) -> Result<DecryptedJwe> {
        // Every header rule and every cheap check, for all recipients, before any key
        // is touched.
        let joints = parts
            .recipients
            .iter()
            .map(|r| Joint::new(&parts.protected, &parts.shared, &r.header))
            .collect::<Result<Vec<_>>>()?;
        let mut enc = None;
        let mut algs = Vec::with_capacity(joints.len());
        for joint in &joints {
            let this = joint.enc()?;
            if enc.is_some_and(|e| e != this) {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    "the recipients of one JWE name different \"enc\" algorithms",
                ));
            }
            enc = Some(this);
            joint.deflate()?;
            // An unknown `alg` spoils only its own recipient (RFC 7516 §5.2 step 6).
            algs.push(joint.alg());
        }
        let (Some(enc), Some(first)) = (enc, joints.first()) else {
            return Err(Error::malformed("a JWE needs at least one recipient"));
        };
        if !self.encs.contains(&enc) {
            return Err(not_allowed("enc", enc.name()));
        }
        if let Some(alg) = algs.iter().flatten().find(|a| a.is_direct()) {
            if joints.len() > 1 {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    format!(
                        "{alg} allows only one recipient; this JWE has {}",
                        joints.len()
                    ),
                ));
            }
        }
        content::check_lengths(enc, &parts.iv, &parts.tag)?;
        let deflate = first.deflate()?;
        let aad = parts.aad();

        // One budget for the whole token: the per-recipient and per-key bounds would
        // otherwise multiply.
        let mut budget = CostBudget::new(&self.limits);
        let mut failure: Option<Error> = None;
        let mut opened = None;
        for (index, ((joint, alg), recipient)) in
            joints.iter().zip(&algs).zip(&parts.recipients).enumerate()
        {
            let attempt = alg.clone().and_then(|alg| {
                self.try_recipient(
                    alg,
                    enc,
                    joint,
                    &recipient.encrypted_key,
                    &parts,
                    &aad,
                    keys,
                    &mut budget,
                )
                .map(|plaintext| (alg, plaintext))
            });
            match attempt {
                Ok((alg, plaintext)) => {
                    opened = Some((index, alg, plaintext));
                    break;
                }
                Err(e) if budget.is_exhausted() => return Err(e),
                Err(e) => keep_furthest(&mut failure, e),
            }
        }
        let Some((index, alg, plaintext)) = opened else {
            return Err(failure.unwrap_or_else(Error::decryption_failed));
        };
        let plaintext = if deflate {
            zip::inflate(&plaintext, self.limits.max_inflated_bytes)?
        } else {
            plaintext
        };
        // The headers move into the result: the borrows of the loop have ended.
        drop((joints, aad));
        let mut recipients = parts.recipients;
        let recipient = if index < recipients.len() {
            recipients.swap_remove(index).header
        } else {
            JweHeader::default()
        };
        Ok(DecryptedJwe {
            protected: LazyHeader::Parsed(parts.protected),
            cty_in_text: None,
            shared: parts.shared,
            recipient,
            recipient_index: index,
            alg,
            enc,
            plaintext,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn try_recipient(
        &self,
        alg: KeyManagementAlgorithm,
        enc: ContentEncryptionAlgorithm,
        joint: &Joint<'_>,
        encrypted_key: &[u8],
        parts: &Parts,
        aad: &[u8],
        keys: KeySource<'_>,
        budget: &mut CostBudget,
    ) -> Result<Vec<u8>> {
        if !self.algs.contains(&alg) {
            return Err(not_allowed("alg", alg.name()));
        }
        let candidates = keys.candidates(
            joint.str("kid"),
            alg.name(),
            key_management::requirement(alg, enc),
            key_management::decrypt_operation(alg),
            self.limits.max_keys_tried,
        )?;
        let mut failure = None;
        for key in candidates.into_iter().take(self.limits.max_keys_tried) {
            let opened = key_management::decrypt_cek(
                key,
                alg,
                enc,
                joint,
                encrypted_key,
                &self.limits,
                budget,
            )
            .and_then(|cek| {
                let sealed = [&parts.ciphertext[..], &parts.tag[..]].concat();
                content::decrypt_sealed(enc, &cek, &parts.iv, aad, sealed, parts.ciphertext.len())
            });
            match opened {
                Ok(plaintext) => return Ok(plaintext),
                // The token is abandoned: trying further keys would only fail again.
                Err(e) if budget.is_exhausted() => return Err(e),
                // Some failures depend on the key (an `epk` on another curve than this
                // key's), so the next candidate is still tried.
                Err(e) => keep_furthest(&mut failure, e),
            }
        }
        Err(failure.unwrap_or_else(Error::decryption_failed))
    }
}

/// Keeps the failure of the attempt that got furthest (the first among equals).
fn keep_furthest(failure: &mut Option<Error>, e: Error) {
    if failure
        .as_ref()
        .is_none_or(|f| stage(e.kind()) > stage(f.kind()))
    {
        *failure = Some(e);
    }
}

/// How far an attempt got, to report the most informative failure across recipients.
fn stage(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::AlgNotAllowed => 0,
        ErrorKind::KeyNotFound | ErrorKind::KeyTypeMismatch | ErrorKind::WeakKey => 1,
        ErrorKind::DecryptionFailed => 3,
        _ => 2,
    }
}

fn not_allowed(what: &str, name: &str) -> Error {
    Error::new(
        ErrorKind::AlgNotAllowed,
        format!("{what} {name:?} is not in this decrypter's allow-list"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwe::{JweBuilder, Recipient};
    use crate::{ContentEncryptionAlgorithm as Enc, Jwk, KeyManagementAlgorithm as Alg};

    /// The full path alone, as every token took it before the plain fast path.
    fn full_path(d: &JweDecrypter, token: &str, key: &Jwk) -> Result<DecryptedJwe> {
        d.open(compact::parse(token, &d.limits)?, key.into())
    }

    #[test]
    fn the_plain_fast_path_gives_what_the_full_path_gives() {
        let cases = [
            ("A256GCM", Alg::Dir, Enc::A256Gcm),
            ("A128KW", Alg::A128Kw, Enc::A128CbcHs256),
            ("A256KW", Alg::A256Kw, Enc::A256Gcm),
        ];
        for (key_alg, alg, enc) in cases {
            let mut key = Jwk::generate_for(key_alg).unwrap();
            key.set_kid("k1");
            if alg == Alg::Dir {
                key.set_alg("dir").unwrap();
            }
            let without_cty = JweBuilder::new(br#"{"sub":"x"}"#, enc)
                .recipient(Recipient::new(&key, alg))
                .compact()
                .unwrap();
            let d = JweDecrypter::new([alg], [enc]);
            let fast = d.decrypt_compact(&without_cty, &key).unwrap();
            assert!(matches!(fast.protected, LazyHeader::Text(..)));
            assert_eq!(fast.cty(), None);
            assert_eq!(fast.kid(), Some("k1"));
            let token = JweBuilder::new(br#"{"sub":"x"}"#, enc)
                .typ("JWT")
                .cty("JWT")
                .recipient(Recipient::new(&key, alg))
                .compact()
                .unwrap();
            let d = JweDecrypter::new([alg], [enc]);
            let segments = crate::segments::Segments::of(&token).jwe().unwrap();
            let fast = plain::decrypt(&token, segments, &d.algs, &d.encs, &d.limits, (&key).into());
            assert!(fast.is_some(), "{alg} {enc} takes the fast path");
            let fast = d.decrypt_compact(&token, &key).unwrap();
            let full = full_path(&d, &token, &key).unwrap();
            assert!(matches!(fast.protected, LazyHeader::Text(..)));
            assert!(matches!(full.protected, LazyHeader::Parsed(..)));
            assert_eq!(
                (fast.kid(), fast.typ(), fast.cty()),
                (Some("k1"), Some("JWT"), Some("JWT"))
            );
            assert_eq!(
                (fast.kid(), fast.typ(), fast.cty()),
                (full.kid(), full.typ(), full.cty())
            );
            assert_eq!(fast.header("enc"), full.header("enc"));
            assert_eq!(fast.protected_header(), full.protected_header());
            assert_eq!((fast.alg(), fast.enc()), (full.alg(), full.enc()));
            assert_eq!(fast.plaintext(), full.plaintext());
            let (header, plaintext) = fast.into_protected_header_and_plaintext();
            assert_eq!(
                (&header, plaintext.as_slice()),
                (full.protected_header(), full.plaintext())
            );
        }
    }

    #[test]
    fn the_fast_path_tries_every_candidate_key() {
        let mut wrong = Jwk::generate_for("A256GCM").unwrap();
        let mut right = Jwk::generate_for("A256GCM").unwrap();
        for key in [&mut wrong, &mut right] {
            key.set_alg("dir").unwrap();
        }
        let token = JweBuilder::new(b"x", Enc::A256Gcm)
            .recipient(Recipient::new(&right, Alg::Dir))
            .compact()
            .unwrap();
        let d = JweDecrypter::new([Alg::Dir], [Enc::A256Gcm]);
        for set in [
            crate::JwkSet::new(vec![wrong.clone(), right.clone()]),
            crate::JwkSet::new(vec![right.clone(), wrong.clone()]),
        ] {
            let opened = d.decrypt_compact(&token, &set).unwrap();
            assert!(matches!(opened.protected, LazyHeader::Text(..)));
            assert_eq!(opened.plaintext(), b"x");
        }
    }

    #[test]
    fn a_null_string_member_is_refused_as_on_the_full_path() {
        let secret = [7u8; 32];
        let k = crate::base64url::encode(secret);
        let key = Jwk::from_json(&format!(r#"{{"kty":"oct","k":"{k}"}}"#)).unwrap();
        let d = JweDecrypter::new([Alg::Dir], [Enc::A256Gcm]);
        for member in ["kid", "typ", "cty"] {
            let header = crate::base64url::encode(format!(
                r#"{{"alg":"dir","enc":"A256GCM","{member}":null}}"#
            ));
            let sealed = content::encrypt(Enc::A256Gcm, &secret, header.as_bytes(), b"x").unwrap();
            let token =
                compact::serialize(&header, &[], &sealed.iv, &sealed.ciphertext, &sealed.tag);
            let full = full_path(&d, &token, &key).unwrap_err();
            assert_eq!(full.kind(), ErrorKind::InvalidHeader, "{member}");
            let fast = d.decrypt_compact(&token, &key).unwrap_err();
            assert_eq!(
                (fast.kind(), fast.message()),
                (full.kind(), full.message()),
                "{member}"
            );
        }
    }

    #[test]
    fn failures_on_the_fast_path_are_the_full_paths_errors() {
        let key = Jwk::generate_for("A128KW").unwrap();
        let other = Jwk::generate_for("A128KW").unwrap();
        let token = JweBuilder::new(b"x", Enc::A128Gcm)
            .recipient(Recipient::new(&key, Alg::A128Kw))
            .compact()
            .unwrap();
        let d = JweDecrypter::new([Alg::A128Kw], [Enc::A128Gcm]);
        let mut tampered = token.clone();
        tampered.pop();
        tampered.push(if token.ends_with('A') { 'Q' } else { 'A' });
        for (token, key) in [(&token, &other), (&tampered, &key)] {
            // The fast path gives up (it never reports), and the error is the full path's.
            let segments = crate::segments::Segments::of(token).jwe().unwrap();
            assert!(
                plain::decrypt(token, segments, &d.algs, &d.encs, &d.limits, key.into()).is_none()
            );
            let error = d.decrypt_compact(token, key).unwrap_err();
            let full = full_path(&d, token, key).unwrap_err();
            assert_eq!(
                (error.kind(), error.message()),
                (full.kind(), full.message())
            );
        }
        // The token itself opens on the fast path.
        let segments = crate::segments::Segments::of(&token).jwe().unwrap();
        assert!(
            plain::decrypt(&token, segments, &d.algs, &d.encs, &d.limits, (&key).into()).is_some()
        );
        let not_allowed = JweDecrypter::new([Alg::A256Kw], [Enc::A128Gcm]);
        assert_eq!(
            not_allowed
                .decrypt_compact(&token, &key)
                .unwrap_err()
                .kind(),
            ErrorKind::AlgNotAllowed
        );
    }
}
