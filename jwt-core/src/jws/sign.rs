//! Producing a JWS: one or more signatures over one payload, in any serialization.

use super::algorithm;
use super::header::{HeaderMap, JwsHeader};
use crate::base64url;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::SignatureAlgorithm;
use crate::jwk::{Jwk, KeyOperation};
use serde_json::{json, Value};
use std::borrow::Cow;

/// Builds a JWS: set the payload and options, add one or more signatures, then
/// serialize.
///
/// ```
/// # fn main() -> jwt_core::Result<()> {
/// use jwt_core::{jws::JwsBuilder, Jwk, SignatureAlgorithm};
/// let key = Jwk::generate_for("HS256")?;
/// let token = JwsBuilder::new(b"hello")
///     .sign(&key, SignatureAlgorithm::HS256, Default::default(), None)?
///     .compact()?;
/// assert_eq!(token.split('.').count(), 3);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct JwsBuilder<'p> {
    payload: Cow<'p, [u8]>,
    unencoded: bool,
    detached: bool,
    signatures: Vec<Signature>,
}

#[derive(Debug, Clone)]
struct Signature {
    header: JwsHeader,
    protected_b64: String,
    value: Vec<u8>,
}

impl<'p> JwsBuilder<'p> {
    /// Starts a JWS over `payload`.
    pub fn new(payload: impl Into<Cow<'p, [u8]>>) -> Self {
        JwsBuilder {
            payload: payload.into(),
            unencoded: false,
            detached: false,
            signatures: Vec::new(),
        }
    }

    /// RFC 7797: sign the payload as is (`"b64": false`, listed in `crit`), not its
    /// base64url form. Must be chosen before the first signature.
    pub fn unencoded(mut self) -> Self {
        self.unencoded = true;
        self
    }

    /// Leaves the payload out of the serialization (RFC 7515 App. F); the verifier
    /// supplies it.
    pub fn detached(mut self) -> Self {
        self.detached = true;
        self
    }

    /// Adds a signature made with `key` under `alg`.
    ///
    /// `alg` is written into the protected header (a different `alg` there is an
    /// error), and so is the key's `kid` when the key has one and neither header sets
    /// a `kid`. With [`unencoded`](Self::unencoded), `b64: false` and `crit` are added.
    ///
    /// # Errors
    /// The key's errors from authorization ([`ErrorKind::KeyTypeMismatch`],
    /// [`ErrorKind::WeakKey`]), and header rule violations.
    pub fn sign(
        self,
        key: &Jwk,
        alg: SignatureAlgorithm,
        protected: HeaderMap,
        unprotected: Option<HeaderMap>,
    ) -> Result<Self> {
        let header = self.signature_header(key, alg, protected, unprotected)?;
        let protected_b64 =
            base64url::encode(serde_json::to_vec(header.protected()).map_err(json_error)?);
        self.push_signature(key, alg, header, protected_b64)
    }

    /// The header of a signature by `key` under `alg`, after every rule of
    /// [`sign`](Self::sign): the key authorized, `alg` and `kid` filled in, `b64` added
    /// for an unencoded payload.
    fn signature_header(
        &self,
        key: &Jwk,
        alg: SignatureAlgorithm,
        mut protected: HeaderMap,
        unprotected: Option<HeaderMap>,
    ) -> Result<JwsHeader> {
        key.authorize(alg.name(), alg.key_requirement(), KeyOperation::Sign)?;
        match protected.get("alg") {
            None => {
                protected.insert("alg".into(), Value::String(alg.name().into()));
            }
            Some(Value::String(name)) if name == alg.name() => {}
            Some(other) => {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    format!("the protected header says alg {other} but the signature uses {alg}"),
                ))
            }
        }
        let kid_set = protected.contains_key("kid")
            || unprotected.as_ref().is_some_and(|u| u.contains_key("kid"));
        if let (false, Some(kid)) = (kid_set, key.kid()) {
            protected.insert("kid".into(), Value::String(kid.into()));
        }
        if self.unencoded {
            protected.insert("b64".into(), Value::Bool(false));
            add_crit_b64(&mut protected)?;
        }
        JwsHeader::new(protected, unprotected)
    }

    /// Adds a signature whose protected header is exactly `protected_json`, byte for
    /// byte (for reproducing published examples or matching another implementation's
    /// header text). The text is checked as strictly as a received header, and its
    /// `alg` must be `alg`; nothing is added to it.
    ///
    /// # Errors
    /// As [`sign`](Self::sign), plus the strict JSON errors of the header text.
    pub fn sign_with_protected_json(
        self,
        key: &Jwk,
        alg: SignatureAlgorithm,
        protected_json: &str,
        unprotected: Option<HeaderMap>,
    ) -> Result<Self> {
        key.authorize(alg.name(), alg.key_requirement(), KeyOperation::Sign)?;
        let protected =
            JwsHeader::parse_protected(protected_json.as_bytes(), &crate::Limits::DEFAULT)?;
        let header = JwsHeader::new(protected, unprotected)?;
        if header.algorithm()? != alg || header.protected().get("alg").is_none() {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                format!("the protected header text must carry \"alg\": \"{alg}\""),
            ));
        }
        if header.b64() == self.unencoded {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                "the header's \"b64\" must match the builder's unencoded() setting",
            ));
        }
        let protected_b64 = base64url::encode(protected_json);
        self.push_signature(key, alg, header, protected_b64)
    }

    fn push_signature(
        mut self,
        key: &Jwk,
        alg: SignatureAlgorithm,
        header: JwsHeader,
        protected_b64: String,
    ) -> Result<Self> {
        if let Some(first) = self.signatures.first() {
            if first.header.b64() != header.b64() {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    "all signatures of one JWS must agree on \"b64\" (RFC 7797 §3)",
                ));
            }
        }
        let input = signing_input(&protected_b64, &self.payload, header.b64());
        let value = algorithm::sign(alg, key, &input)?;
        self.signatures.push(Signature {
            header,
            protected_b64,
            value,
        });
        Ok(self)
    }

    /// The compact serialization. Needs exactly one signature and no unprotected header.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHeader`] when the JWS cannot be written compactly (several
    /// signatures, an unprotected header, or an unencoded payload containing `.`).
    pub fn compact(&self) -> Result<String> {
        let [signature] = self.signatures.as_slice() else {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                format!(
                    "the compact serialization holds one signature; this JWS has {}",
                    self.signatures.len()
                ),
            ));
        };
        if signature.header.unprotected().is_some() {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                "the compact serialization cannot carry an unprotected header",
            ));
        }
        // "protected.payload"; detached, the payload is left out.
        let payload = if self.detached {
            Cow::Borrowed("")
        } else {
            // Also checks that an unencoded payload can be carried in the compact form.
            self.payload_text(true)?
        };
        let mut out = String::with_capacity(
            signature.protected_b64.len() + payload.len() + 2 + signature.value.len() * 4 / 3 + 3,
        );
        out.push_str(&signature.protected_b64);
        out.push('.');
        out.push_str(&payload);
        out.push('.');
        base64url::encode_to(&signature.value, &mut out);
        Ok(out)
    }

    /// The flattened JSON serialization (one signature).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHeader`] unless the JWS has exactly one signature.
    pub fn json_flattened(&self) -> Result<String> {
        let [signature] = self.signatures.as_slice() else {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                format!(
                    "the flattened JSON serialization holds one signature; this JWS has {} (use json_general)",
                    self.signatures.len()
                ),
            ));
        };
        let mut object = signature_object(signature);
        self.insert_payload(&mut object)?;
        serde_json::to_string(&Value::Object(object)).map_err(json_error)
    }

    /// The general JSON serialization (any number of signatures, at least one).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHeader`] when there is no signature.
    pub fn json_general(&self) -> Result<String> {
        if self.signatures.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                "a JWS needs at least one signature",
            ));
        }
        let mut object = serde_json::Map::new();
        self.insert_payload(&mut object)?;
        let signatures = self
            .signatures
            .iter()
            .map(|s| Value::Object(signature_object(s)))
            .collect();
        object.insert("signatures".into(), Value::Array(signatures));
        serde_json::to_string(&Value::Object(object)).map_err(json_error)
    }

    fn insert_payload(&self, object: &mut HeaderMap) -> Result<()> {
        if !self.detached {
            object.insert(
                "payload".into(),
                Value::String(self.payload_text(false)?.into_owned()),
            );
        }
        Ok(())
    }

    /// The payload as it appears in the serialization.
    fn payload_text(&self, compact: bool) -> Result<Cow<'_, str>> {
        if !self.unencoded {
            return Ok(Cow::Owned(base64url::encode(&self.payload)));
        }
        let text = std::str::from_utf8(&self.payload).map_err(|_| {
            Error::new(
                ErrorKind::InvalidHeader,
                "an unencoded (b64: false) attached payload must be UTF-8",
            )
        })?;
        if compact && text.contains('.') {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                "an unencoded compact payload cannot contain '.'; detach it (RFC 7797 §5.2)",
            ));
        }
        Ok(Cow::Borrowed(text))
    }
}

fn add_crit_b64(protected: &mut HeaderMap) -> Result<()> {
    match protected.entry("crit").or_insert_with(|| json!([])) {
        Value::Array(names) => {
            if !names.iter().any(|n| n == "b64") {
                names.push(Value::String("b64".into()));
            }
            Ok(())
        }
        _ => Err(Error::new(
            ErrorKind::UnknownCrit,
            "\"crit\" must be an array of strings",
        )),
    }
}

fn signature_object(signature: &Signature) -> HeaderMap {
    let mut object = HeaderMap::new();
    // RFC 7515 §7.2.1: the member is absent when nothing is integrity-protected.
    if !signature.protected_b64.is_empty() {
        object.insert(
            "protected".into(),
            Value::String(signature.protected_b64.clone()),
        );
    }
    if let Some(unprotected) = signature.header.unprotected() {
        object.insert("header".into(), Value::Object(unprotected.clone()));
    }
    object.insert(
        "signature".into(),
        Value::String(base64url::encode(&signature.value)),
    );
    object
}

/// The compact JWS of `payload` with one signature and a protected header only:
/// exactly what `JwsBuilder::new(payload).sign(key, alg, protected, None)?.compact()`
/// returns, written straight into the token, whose prefix is the signing input, so that
/// issuing builds no signing input, header map or parts of its own (see
/// bench/PROFILE_NOTES.md, "Issuing without the builder").
///
/// # Errors
/// As [`JwsBuilder::sign`] and [`JwsBuilder::compact`].
pub(crate) fn compact_jws(
    payload: &[u8],
    key: &Jwk,
    alg: SignatureAlgorithm,
    protected: HeaderMap,
) -> Result<String> {
    let header_json = match plain_header_json(&protected, key, alg)? {
        Some(json) => json,
        None => {
            let builder = JwsBuilder::new(payload);
            let header = builder.signature_header(key, alg, protected, None)?;
            let header_json = serde_json::to_vec(header.protected()).map_err(json_error)?;
            if !header.b64() {
                // A caller's own `b64: false`: the builder's rules for unencoded payloads.
                let protected_b64 = base64url::encode(header_json);
                return builder
                    .push_signature(key, alg, header, protected_b64)?
                    .compact();
            }
            header_json
        }
    };
    let signature_b64 = alg
        .fixed_signature_len()
        .map_or(683, |len| len.div_ceil(3) * 4);
    let mut token = Vec::with_capacity(
        header_json.len().div_ceil(3) * 4 + payload.len().div_ceil(3) * 4 + 2 + signature_b64,
    );
    base64url::append_encoded(&header_json, &mut token);
    token.push(b'.');
    base64url::append_encoded(payload, &mut token);
    let signature = algorithm::sign(alg, key, &token)?;
    token.push(b'.');
    base64url::append_encoded(&signature, &mut token);
    // base64url and dots only: the check cannot fail.
    String::from_utf8(token).map_err(|_| Error::new(ErrorKind::Malformed, "token is not ASCII"))
}

/// The protected header of the common case, written straight to JSON: string `typ`,
/// `cty` and `kid` members from the caller, `alg`, and the key's `kid` unless the
/// caller set one. No rule of [`JwsBuilder::sign`] but the key's authorization can fail
/// on such a header. The members come in the order the header map serializes them
/// (by name: serde_json's map is sorted unless a crate in the build turns on its
/// `preserve_order` feature, and then only the order differs), so the text is the
/// same. `None` for any other header.
fn plain_header_json(
    protected: &HeaderMap,
    key: &Jwk,
    alg: SignatureAlgorithm,
) -> Result<Option<Vec<u8>>> {
    let (mut typ, mut cty, mut kid) = (None, None, None);
    for (name, value) in protected {
        let (Value::String(text), slot) = (value, name.as_str()) else {
            return Ok(None);
        };
        match slot {
            "typ" => typ = Some(text.as_str()),
            "cty" => cty = Some(text.as_str()),
            "kid" => kid = Some(text.as_str()),
            _ => return Ok(None),
        }
    }
    key.authorize(alg.name(), alg.key_requirement(), KeyOperation::Sign)?;
    let kid = kid.or(key.kid());
    let mut json = Vec::with_capacity(64);
    json.extend_from_slice(b"{\"alg\":\"");
    json.extend_from_slice(alg.name().as_bytes());
    json.push(b'"');
    for (name, value) in [("cty", cty), ("kid", kid), ("typ", typ)] {
        if let Some(value) = value {
            json.extend_from_slice(b",\"");
            json.extend_from_slice(name.as_bytes());
            json.extend_from_slice(b"\":");
            serde_json::to_writer(&mut json, value).map_err(json_error)?;
        }
    }
    json.push(b'}');
    Ok(Some(json))
}

/// RFC 7515 §5.1 step 5, with RFC 7797 §3 for unencoded payloads.
pub(crate) fn signing_input(protected_b64: &str, payload: &[u8], b64: bool) -> Vec<u8> {
    let payload_len = if b64 {
        payload.len().div_ceil(3) * 4
    } else {
        payload.len()
    };
    if b64 {
        let mut input = String::with_capacity(protected_b64.len() + 1 + payload_len);
        input.push_str(protected_b64);
        input.push('.');
        base64url::encode_to(payload, &mut input);
        return input.into_bytes();
    }
    let mut input = Vec::with_capacity(protected_b64.len() + 1 + payload_len);
    input.extend_from_slice(protected_b64.as_bytes());
    input.push(b'.');
    input.extend_from_slice(payload);
    input
}

fn json_error(e: serde_json::Error) -> Error {
    Error::new(
        ErrorKind::Malformed,
        format!("JSON serialization failed: {e}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(members: Value) -> HeaderMap {
        match members {
            Value::Object(map) => map,
            _ => HeaderMap::new(),
        }
    }

    fn through_builder(
        payload: &[u8],
        key: &Jwk,
        alg: SignatureAlgorithm,
        h: Value,
    ) -> Result<String> {
        JwsBuilder::new(payload)
            .sign(key, alg, header(h), None)?
            .compact()
    }

    #[test]
    fn direct_compact_is_the_builders_token_byte_for_byte() {
        let payload = br#"{"iss":"joe","exp":1300819380,"x":"a.b"}"#;
        // Deterministic algorithms only, so the two tokens can be compared whole.
        for (alg, name) in [
            (SignatureAlgorithm::HS256, "HS256"),
            (SignatureAlgorithm::HS512, "HS512"),
            (SignatureAlgorithm::RS256, "RS256"),
            (SignatureAlgorithm::Ed25519, "Ed25519"),
        ] {
            let without_kid = Jwk::generate_for(name).unwrap();
            let mut with_kid = without_kid.clone();
            with_kid.set_kid("k1");
            let headers = [
                serde_json::json!({}),
                serde_json::json!({"typ": "JWT"}),
                serde_json::json!({"typ": "at+jwt", "cty": "JWT"}),
                serde_json::json!({"kid": "a\"b\\c/é\u{1}"}),
                serde_json::json!({"typ": "JWT", "kid": "other", "alg": name}),
                serde_json::json!({"typ": "JWT", "x-tenant": 7}),
            ];
            for key in [&without_kid, &with_kid] {
                for h in headers.clone() {
                    let direct = compact_jws(payload, key, alg, header(h.clone())).unwrap();
                    let built = through_builder(payload, key, alg, h).unwrap();
                    assert_eq!(direct, built, "{name}");
                }
            }
        }
    }

    #[test]
    fn direct_compact_keeps_every_rule_of_the_builder() {
        let key = Jwk::generate_for("HS256").unwrap();
        let payload = b"a.b";
        for h in [
            serde_json::json!({"alg": "HS512"}),
            serde_json::json!({"b64": false, "crit": ["b64"]}),
            serde_json::json!({"crit": ["exp"]}),
            serde_json::json!({"typ": 1}),
            serde_json::json!({"zip": "DEF"}),
        ] {
            let direct = compact_jws(payload, &key, SignatureAlgorithm::HS256, header(h.clone()));
            let built = through_builder(payload, &key, SignatureAlgorithm::HS256, h);
            assert_eq!(direct.map_err(|e| e.kind()), built.map_err(|e| e.kind()),);
        }
        let es256 = Jwk::generate_for("ES256").unwrap();
        let wrong_key = compact_jws(payload, &es256, SignatureAlgorithm::HS256, HeaderMap::new());
        assert_eq!(wrong_key.unwrap_err().kind(), ErrorKind::KeyTypeMismatch);
    }
}
