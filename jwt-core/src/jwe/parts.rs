//! A JWE taken apart: what the compact and JSON parsers produce and the decrypter
//! consumes, with the base64url segments already decoded.

use super::header::JweHeader;

/// One recipient of a parsed JWE.
#[derive(Debug, Clone)]
pub(crate) struct RecipientPart {
    /// The per-recipient unprotected header (empty in compact form).
    pub(crate) header: JweHeader,
    /// The encrypted key (empty for `dir` and bare `ECDH-ES`).
    pub(crate) encrypted_key: Vec<u8>,
}

/// A parsed JWE.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    /// The protected header exactly as it appeared (base64url): the AAD is built from
    /// this text, never from a re-encoding.
    pub(crate) protected_b64: String,
    pub(crate) protected: JweHeader,
    /// The shared unprotected header (JSON only; empty otherwise).
    pub(crate) shared: JweHeader,
    pub(crate) recipients: Vec<RecipientPart>,
    /// The `aad` member as it appeared (JSON only).
    pub(crate) aad_b64: Option<String>,
    pub(crate) iv: Vec<u8>,
    pub(crate) ciphertext: Vec<u8>,
    pub(crate) tag: Vec<u8>,
}

impl Parts {
    /// The additional authenticated data of RFC 7516 §5.1 step 14: the encoded
    /// protected header, then `.` and the encoded `aad` when there is one.
    pub(crate) fn aad(&self) -> std::borrow::Cow<'_, [u8]> {
        match &self.aad_b64 {
            // The usual case (every compact JWE): the encoded header itself, not a copy.
            None => std::borrow::Cow::Borrowed(self.protected_b64.as_bytes()),
            Some(aad) => authenticated_data(&self.protected_b64, Some(aad)).into(),
        }
    }
}

/// RFC 7516 §5.1 step 14, shared by encryption and decryption.
pub(crate) fn authenticated_data(protected_b64: &str, aad_b64: Option<&str>) -> Vec<u8> {
    let mut out = protected_b64.as_bytes().to_vec();
    if let Some(aad) = aad_b64 {
        out.push(b'.');
        out.extend_from_slice(aad.as_bytes());
    }
    out
}
