//! The common compact JWE, decrypted without building header maps: one protected
//! header holding nothing but string `alg`, `enc`, `kid`, `typ` and `cty`, under `dir`
//! or AES key wrap, so that a typical token costs no header maps and no union of three
//! headers (see bench/PROFILE_NOTES.md, "Plain JWE headers").
//!
//! The path answers `None` whenever the token is anything else, and on every failure:
//! the full path then runs from the start and gives the verdict and the exact error.
//! Only the cheap symmetric algorithms take it, so a forged token costs at most one more
//! AES attempt per key, never a second RSA, ECDH or PBES2 operation.

use super::content;
use super::header::{Joint, JweHeader};
use super::key_management;
use crate::base64url;
use crate::jwa::{ContentEncryptionAlgorithm, KeyManagementAlgorithm};
use crate::key_source::KeySource;
use crate::limits::{CostBudget, Limits};
use serde::Deserialize;

/// A protected header with only these members. Every member the full path treats
/// specially (`zip`, `crit`, `epk`, `p2s`, `iv`, ...) is unknown here and refused.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlainHeader<'a> {
    #[serde(borrow)]
    alg: &'a str,
    #[serde(borrow)]
    enc: &'a str,
    #[serde(borrow, default, deserialize_with = "string")]
    pub(crate) kid: Option<&'a str>,
    /// Read only to hold it to the string type the full path requires.
    #[serde(rename = "typ", borrow, default, deserialize_with = "string")]
    _typ: Option<&'a str>,
    #[serde(borrow, default, deserialize_with = "string")]
    pub(crate) cty: Option<&'a str>,
}

/// An optional member that, when present, is a string: `null` is refused, not read as
/// absent, since the full path's rules refuse a registered string member of any other
/// JSON type (`"kid": null` is an invalid header there).
fn string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<&'de str>, D::Error> {
    <&'de str>::deserialize(d).map(Some)
}

impl<'a> PlainHeader<'a> {
    /// The header, when `text` is one the strict rules accept and holds only plain
    /// members (no escapes in their values).
    pub(crate) fn of(text: &'a [u8], limits: &Limits) -> Option<Self> {
        let text = std::str::from_utf8(text).ok()?;
        crate::strict_json::one_pass::from_object(text, limits.max_json_depth)
    }
}

/// A token the fast path decrypted.
pub(crate) struct Opened {
    /// The protected header's JSON text, checked.
    pub(crate) header: Vec<u8>,
    /// Where `cty` is in that text: the JWT layer asks for it on every token.
    pub(crate) cty: Option<std::ops::Range<usize>>,
    pub(crate) alg: KeyManagementAlgorithm,
    pub(crate) enc: ContentEncryptionAlgorithm,
    pub(crate) plaintext: Vec<u8>,
}

/// Decrypts `token` when it is a plain compact JWE (see the module); `None` otherwise.
pub(crate) fn decrypt(
    token: &str,
    segments: [&str; 5],
    algs: &[KeyManagementAlgorithm],
    encs: &[ContentEncryptionAlgorithm],
    limits: &Limits,
    keys: KeySource<'_>,
) -> Option<Opened> {
    use KeyManagementAlgorithm::{A128Kw, A192Kw, A256Kw, Dir};
    if token.len() > limits.max_token_bytes {
        return None;
    }
    let [protected_b64, encrypted_key, iv, ciphertext, tag] = segments;
    if base64url::decoded_len(protected_b64.len())? > limits.max_header_bytes {
        return None;
    }
    let header_text = base64url::decode(protected_b64).ok()?;
    let header = PlainHeader::of(&header_text, limits)?;
    let cty = match header.cty {
        // `cty` borrows from the header text: its position there, without unsafe code,
        // and checked to be inside the text.
        Some(cty) => {
            let start = (cty.as_ptr() as usize).checked_sub(header_text.as_ptr() as usize)?;
            let range = start..start.checked_add(cty.len())?;
            header_text.get(range.clone())?;
            Some(range)
        }
        None => None,
    };
    let alg = KeyManagementAlgorithm::lookup(header.alg)?;
    let enc = ContentEncryptionAlgorithm::lookup(header.enc)?;
    if !matches!(alg, Dir | A128Kw | A192Kw | A256Kw)
        || !algs.contains(&alg)
        || !encs.contains(&enc)
    {
        return None;
    }
    let decode = |segment: &str| base64url::decode(segment).ok();
    let (encrypted_key, iv) = (decode(encrypted_key)?, decode(iv)?);
    // The ciphertext and its tag in one buffer, which AES-GCM decrypts in place.
    let ciphertext_len = base64url::decoded_len(ciphertext.len())?;
    let mut sealed = Vec::with_capacity(ciphertext_len + base64url::decoded_len(tag.len())?);
    base64url::decode_append(ciphertext, &mut sealed).ok()?;
    base64url::decode_append(tag, &mut sealed).ok()?;
    content::check_lengths(enc, &iv, sealed.get(ciphertext_len..)?).ok()?;
    // `dir` and AES key wrap read no header parameter: an empty union stands in.
    let empty = JweHeader::default();
    let joint = Joint::empty(&empty);
    let candidates = keys
        .candidates(
            header.kid,
            alg.name(),
            key_management::requirement(alg, enc),
            key_management::decrypt_operation(alg),
            limits.max_keys_tried,
        )
        .ok()?;
    let mut budget = CostBudget::new(limits);
    let mut candidates = candidates
        .into_iter()
        .take(limits.max_keys_tried)
        .peekable();
    let mut opened = None;
    while let (None, Some(key)) = (&opened, candidates.next()) {
        let Ok(cek) =
            key_management::decrypt_cek(key, alg, enc, &joint, &encrypted_key, limits, &mut budget)
        else {
            continue;
        };
        // The last candidate takes the buffer; earlier ones work on a copy.
        let buffer = match candidates.peek() {
            Some(_) => sealed.clone(),
            None => std::mem::take(&mut sealed),
        };
        let aad = protected_b64.as_bytes();
        opened = content::decrypt_sealed(enc, &cek, &iv, aad, buffer, ciphertext_len).ok();
    }
    opened.map(|plaintext| Opened {
        header: header_text,
        cty,
        alg,
        enc,
        plaintext,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_headers_take_the_fast_path() {
        let limits = Limits::default();
        let plain = |text: &str| PlainHeader::of(text.as_bytes(), &limits).is_some();
        assert!(plain(r#"{"alg":"dir","enc":"A256GCM"}"#));
        assert!(plain(
            r#"{"alg":"A128KW","enc":"A128GCM","kid":"k","typ":"JWT","cty":"JWT"}"#
        ));
        for text in [
            r#"{"alg":"dir","enc":"A256GCM","zip":"DEF"}"#,
            r#"{"alg":"dir","enc":"A256GCM","crit":["exp"],"exp":1}"#,
            r#"{"alg":"dir","enc":"A256GCM","x":1}"#,
            r#"{"alg":"dir","enc":"A256GCM","kid":7}"#,
            r#"{"alg":"dir","enc":"A256GCM","kid":null}"#,
            r#"{"alg":"dir","enc":"A256GCM","typ":null}"#,
            r#"{"alg":"dir","enc":"A256GCM","cty":null}"#,
            r#"{"alg":"dir","enc":"A256GCM","kid":"a\"b"}"#,
            r#"{"alg":"dir","enc":"A256GCM","alg":"dir"}"#,
            r#"{"alg":"dir"}"#,
            r#"["dir"]"#,
            "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"kid\":\"\u{fffd}\"}\u{0}",
        ] {
            assert!(!plain(text), "{text}");
        }
    }
}
