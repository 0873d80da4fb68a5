//! JWE headers: the three header objects a recipient sees (protected, shared
//! unprotected, per-recipient), the rules on their union (RFC 7516 §7.2.1: disjoint
//! names; `crit` and `zip` protected), typed access to the registered members, and an
//! ordered writer for the headers the library produces.

use crate::base64url;
use crate::error::{Error, ErrorKind, Result};
use crate::jwa::{ContentEncryptionAlgorithm, KeyManagementAlgorithm};
use crate::limits::Limits;
use serde_json::{Map, Value};

/// Header parameter names registered for JWE (RFC 7516 §4.1, RFC 7518 §4.6-4.8);
/// `crit` may not name them.
const REGISTERED: &[&str] = &[
    "alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty",
    "crit", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// Members that must be integrity protected (RFC 7516 §4.1.3, RFC 7515 §4.1.11).
const PROTECTED_ONLY: &[&str] = &["crit", "zip"];

/// One JWE header object: the protected header, the shared unprotected header, or a
/// recipient's own header. Gives the registered members typed and keeps every member.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JweHeader {
    members: Map<String, Value>,
}

impl crate::lazy_header::CheckedHeader for JweHeader {
    fn from_checked_map(members: Map<String, Value>) -> Self {
        JweHeader::from_map(members)
    }

    fn string_member(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }
}

impl JweHeader {
    pub(crate) fn from_map(members: Map<String, Value>) -> Self {
        JweHeader { members }
    }

    /// Every member, as parsed.
    pub fn members(&self) -> &Map<String, Value> {
        &self.members
    }

    /// Takes the members.
    pub fn into_members(self) -> Map<String, Value> {
        self.members
    }

    /// One member by name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.members.get(name)
    }

    /// Whether the header has no members (or was absent from the serialization).
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// `alg`, when this header holds a registered key-management algorithm.
    pub fn alg(&self) -> Option<KeyManagementAlgorithm> {
        self.str("alg")
            .and_then(|n| KeyManagementAlgorithm::from_name(n).ok())
    }

    /// `enc`, when this header holds a registered content-encryption algorithm.
    pub fn enc(&self) -> Option<ContentEncryptionAlgorithm> {
        self.str("enc")
            .and_then(|n| ContentEncryptionAlgorithm::from_name(n).ok())
    }

    /// `zip`, the compression algorithm (only `"DEF"` is defined).
    pub fn zip(&self) -> Option<&str> {
        self.str("zip")
    }

    /// `kid`, the key identifier.
    pub fn kid(&self) -> Option<&str> {
        self.str("kid")
    }

    /// `typ`, the media type of the whole JWE.
    pub fn typ(&self) -> Option<&str> {
        self.str("typ")
    }

    /// `cty`, the media type of the plaintext (`"JWT"` for a nested token).
    pub fn cty(&self) -> Option<&str> {
        self.str("cty")
    }

    fn str(&self, name: &str) -> Option<&str> {
        self.members.get(name).and_then(Value::as_str)
    }
}

/// Parses a decoded protected header: strict JSON, an object, within the header limit.
pub(crate) fn parse_protected(bytes: &[u8], limits: &Limits) -> Result<JweHeader> {
    crate::strict_json::parse_object(bytes, limits.max_json_depth, limits.max_header_bytes)
        .map(JweHeader::from_map)
        .map_err(|e| match e.kind() {
            ErrorKind::Malformed => invalid(format!("JWE protected header: {}", e.message())),
            _ => e,
        })
}

/// An unprotected header taken from a JSON serialization: must be an object within the
/// header size limit (its JSON text was already checked with the whole token).
pub(crate) fn unprotected_from(value: &Value, what: &str, limits: &Limits) -> Result<JweHeader> {
    let Value::Object(map) = value else {
        return Err(Error::malformed(format!(
            "JWE {what} must be a JSON object, found {}",
            crate::strict_json::type_name(value)
        )));
    };
    let len = serde_json::to_string(map)
        .map(|s| s.len())
        .unwrap_or(usize::MAX);
    Limits::check_at_most(&format!("JWE {what} length"), len, limits.max_header_bytes)?;
    Ok(JweHeader::from_map(map.clone()))
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidHeader, message)
}

/// The union of the three headers one recipient sees, after the union rules passed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Joint<'h> {
    parts: [&'h JweHeader; 3],
}

impl<'h> Joint<'h> {
    /// Checks the rules on the union and returns it.
    ///
    /// # Errors
    /// `invalid_header` for a name in two headers, a protected-only member elsewhere or a
    /// registered member of the wrong type; `unknown_crit` for any `crit` (no JWE
    /// extension is understood, so every valid `crit` names something we cannot honour).
    pub(crate) fn new(
        protected: &'h JweHeader,
        shared: &'h JweHeader,
        recipient: &'h JweHeader,
    ) -> Result<Self> {
        let joint = Joint {
            parts: [protected, shared, recipient],
        };
        joint.check_disjoint()?;
        for name in PROTECTED_ONLY {
            if shared.get(name).is_some() || recipient.get(name).is_some() {
                return Err(invalid(format!(
                    "\"{name}\" must be in the JWE protected header, found in an unprotected one"
                )));
            }
        }
        for (name, value) in joint.parts.iter().flat_map(|part| part.members.iter()) {
            crate::header_params::check_jwe_member(name, value)?;
        }
        if let Some(crit) = protected.get("crit") {
            check_crit(crit, protected)?;
        }
        Ok(joint)
    }

    /// The union of three empty headers: nothing to check.
    pub(crate) fn empty(empty: &'h JweHeader) -> Self {
        Joint { parts: [empty; 3] }
    }

    fn check_disjoint(&self) -> Result<()> {
        let [p, s, r] = self.parts;
        for (a, b) in [(p, s), (p, r), (s, r)] {
            if let Some(name) = a.members.keys().find(|k| b.members.contains_key(*k)) {
                return Err(invalid(format!(
                    "header member \"{name}\" appears in more than one JWE header"
                )));
            }
        }
        Ok(())
    }

    /// A member from whichever header holds it.
    pub(crate) fn get(&self, name: &str) -> Option<&'h Value> {
        self.parts.iter().find_map(|h| h.members.get(name))
    }

    /// A string member (types were checked in [`Joint::new`]).
    pub(crate) fn str(&self, name: &str) -> Option<&'h str> {
        self.get(name).and_then(Value::as_str)
    }

    /// `alg`: required, registered and compiled in.
    pub(crate) fn alg(&self) -> Result<KeyManagementAlgorithm> {
        let name = self
            .str("alg")
            .ok_or_else(|| invalid("the JWE header has no \"alg\""))?;
        KeyManagementAlgorithm::from_name(name)
    }

    /// `enc`: required and registered.
    pub(crate) fn enc(&self) -> Result<ContentEncryptionAlgorithm> {
        let name = self
            .str("enc")
            .ok_or_else(|| invalid("the JWE header has no \"enc\""))?;
        ContentEncryptionAlgorithm::from_name(name)
    }

    /// Whether the plaintext was compressed (`zip: DEF`).
    ///
    /// # Errors
    /// `unsupported_alg` for any other `zip` value.
    pub(crate) fn deflate(&self) -> Result<bool> {
        match self.str("zip") {
            None => Ok(false),
            Some(super::zip::DEFLATE) => Ok(true),
            Some(other) => Err(Error::new(
                ErrorKind::UnsupportedAlg,
                format!("unsupported zip algorithm {other:?}; only \"DEF\" is defined"),
            )),
        }
    }

    /// A base64url member (`apu`, `iv`, `p2s`, ...), decoded.
    pub(crate) fn bytes(&self, name: &str) -> Result<Option<Vec<u8>>> {
        self.str(name)
            .map(|text| {
                base64url::decode(text)
                    .map_err(|e| invalid(format!("header member \"{name}\": {}", e.message())))
            })
            .transpose()
    }

    /// A base64url member that must be present.
    pub(crate) fn required_bytes(
        &self,
        name: &str,
        alg: KeyManagementAlgorithm,
    ) -> Result<Vec<u8>> {
        self.bytes(name)?
            .ok_or_else(|| invalid(format!("{alg} needs the header member \"{name}\"")))
    }

    /// `p2c`, checked against the limits before any derivation runs.
    ///
    /// # Errors
    /// `invalid_header` when absent or not an integer; `limit_exceeded` outside
    /// `[min_pbes2_iterations, max_pbes2_iterations]` (negative counts included).
    pub(crate) fn p2c(&self, limits: &Limits) -> Result<u32> {
        let value = self
            .get("p2c")
            .ok_or_else(|| invalid("PBES2 needs the header member \"p2c\""))?;
        let count = match value {
            Value::Number(n) if n.is_u64() || n.is_i64() => n.as_i64().unwrap_or(i64::MAX),
            other => {
                return Err(invalid(format!(
                    "\"p2c\" must be a positive integer, found {}",
                    describe(other)
                )))
            }
        };
        let (min, max) = (
            i64::from(limits.min_pbes2_iterations),
            i64::from(limits.max_pbes2_iterations),
        );
        if count > max {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!("\"p2c\" is {count}, above the limit of {max}"),
            ));
        }
        if count < min {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!("\"p2c\" is {count}, below the minimum of {min}"),
            ));
        }
        u32::try_from(count).map_err(|_| invalid("\"p2c\" is out of range"))
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Number(n) => format!("the number {n}"),
        other => crate::strict_json::type_name(other).to_owned(),
    }
}

/// RFC 7515 §4.1.11 as LAYER_API.md states it for JWE: a non-empty array of distinct
/// strings, none registered, each present in the protected header, each understood.
/// No JWE extension is understood, so a well-formed `crit` fails at the last step.
fn check_crit(crit: &Value, protected: &JweHeader) -> Result<()> {
    let bad = |m: String| Error::new(ErrorKind::UnknownCrit, m);
    let Value::Array(names) = crit else {
        return Err(bad(format!(
            "\"crit\" must be an array of strings, found {}",
            crate::strict_json::type_name(crit)
        )));
    };
    if names.is_empty() {
        return Err(bad("\"crit\" must not be empty".into()));
    }
    let mut seen: Vec<&str> = Vec::with_capacity(names.len());
    for name in names {
        let Some(name) = name.as_str() else {
            return Err(bad("\"crit\" must contain only strings".into()));
        };
        if seen.contains(&name) {
            return Err(bad(format!("\"crit\" lists {name:?} twice")));
        }
        seen.push(name);
        if REGISTERED.contains(&name) {
            return Err(bad(format!(
                "\"crit\" may not list the registered header member {name:?}"
            )));
        }
        if protected.get(name).is_none() {
            return Err(bad(format!(
                "\"crit\" lists {name:?}, which is not in the protected header"
            )));
        }
    }
    Err(bad(format!(
        "\"crit\" lists {:?}, which this library does not understand",
        seen
    )))
}

/// A header the library writes, member order kept as given (RFC examples list `alg`
/// first; serde_json's map would sort).
#[derive(Debug, Clone, Default)]
pub(crate) struct HeaderWriter {
    members: Vec<(String, String)>,
}

impl HeaderWriter {
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.members.iter().any(|(n, _)| n == name)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Adds a member; a name already present is an `invalid_header` error.
    pub(crate) fn push(&mut self, name: &str, value: &Value) -> Result<()> {
        self.push_json(name, value.to_string())
    }

    /// Adds a member whose value is already JSON text (an `epk` with its members in
    /// the conventional order).
    pub(crate) fn push_json(&mut self, name: &str, json: String) -> Result<()> {
        if self.contains(name) {
            return Err(invalid(format!("header member \"{name}\" is set twice")));
        }
        self.members.push((name.to_owned(), json));
        Ok(())
    }

    pub(crate) fn push_str(&mut self, name: &str, value: &str) -> Result<()> {
        self.push(name, &Value::String(value.to_owned()))
    }

    /// (name, JSON text) pairs in order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.members.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Puts the named members first, in the given order (RFC vector tests only).
    #[cfg(test)]
    pub(crate) fn reorder(&mut self, order: &[&str]) {
        let rank = |name: &str| order.iter().position(|n| *n == name).unwrap_or(order.len());
        self.members.sort_by_key(|(name, _)| rank(name));
    }

    /// The JSON text.
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::from("{");
        for (i, (name, value)) in self.members.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&Value::String(name.clone()).to_string());
            out.push(':');
            out.push_str(value);
        }
        out.push('}');
        out
    }

    /// As a JSON value (for the JSON serializations' unprotected members).
    pub(crate) fn to_value(&self) -> Result<Value> {
        serde_json::from_str(&self.to_json())
            .map_err(|e| Error::malformed(format!("header is not valid JSON: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn header(v: Value) -> JweHeader {
        match v {
            Value::Object(m) => JweHeader::from_map(m),
            _ => unreachable!(),
        }
    }

    fn joint_err(p: Value, s: Value, r: Value) -> Error {
        let (p, s, r) = (header(p), header(s), header(r));
        Joint::new(&p, &s, &r).unwrap_err()
    }

    #[test]
    fn typed_getters() {
        let h = header(
            json!({"alg":"A128KW","enc":"A128GCM","zip":"DEF","kid":"k","typ":"JWT","cty":"x","other":1}),
        );
        assert_eq!(h.alg(), Some(KeyManagementAlgorithm::A128Kw));
        assert_eq!(h.enc(), Some(ContentEncryptionAlgorithm::A128Gcm));
        assert_eq!(h.zip(), Some("DEF"));
        assert_eq!(
            (h.kid(), h.typ(), h.cty()),
            (Some("k"), Some("JWT"), Some("x"))
        );
        assert_eq!(h.get("other"), Some(&json!(1)));
        assert_eq!(h.members().len(), 7);
        assert!(JweHeader::default().is_empty());
    }

    #[test]
    fn joint_reads_all_three_parts() {
        let (p, s, r) = (
            header(json!({"enc":"A128GCM","zip":"DEF"})),
            header(json!({"cty":"text/plain"})),
            header(json!({"alg":"A128KW","kid":"7","apu":"QWxpY2U"})),
        );
        let j = Joint::new(&p, &s, &r).unwrap();
        assert_eq!(j.alg().unwrap(), KeyManagementAlgorithm::A128Kw);
        assert_eq!(j.enc().unwrap(), ContentEncryptionAlgorithm::A128Gcm);
        assert!(j.deflate().unwrap());
        assert_eq!(j.str("cty"), Some("text/plain"));
        assert_eq!(j.bytes("apu").unwrap().unwrap(), b"Alice");
        assert_eq!(j.bytes("apv").unwrap(), None);
    }

    #[test]
    fn names_must_be_disjoint() {
        let e = joint_err(
            json!({"enc":"A128GCM"}),
            json!({"kid":"a"}),
            json!({"kid":"a"}),
        );
        assert_eq!(e.kind(), ErrorKind::InvalidHeader);
        assert!(e.message().contains("\"kid\""));
        let e = joint_err(
            json!({"enc":"A128GCM"}),
            json!({"enc":"A128GCM"}),
            json!({}),
        );
        assert_eq!(e.kind(), ErrorKind::InvalidHeader);
    }

    #[test]
    fn zip_and_crit_must_be_protected() {
        let e = joint_err(json!({}), json!({"zip":"DEF"}), json!({}));
        assert_eq!(e.kind(), ErrorKind::InvalidHeader);
        let e = joint_err(json!({}), json!({}), json!({"crit":["x"],"x":1}));
        assert_eq!(e.kind(), ErrorKind::InvalidHeader);
    }

    #[test]
    fn registered_members_have_string_types() {
        for bad in [json!({"alg":1}), json!({"kid":null}), json!({"iv":[1]})] {
            assert_eq!(
                joint_err(bad, json!({}), json!({})).kind(),
                ErrorKind::InvalidHeader
            );
        }
        let (p, e) = (header(json!({"apu":"a+b"})), JweHeader::default());
        let j = Joint::new(&p, &e, &e).unwrap();
        assert_eq!(j.bytes("apu").unwrap_err().kind(), ErrorKind::InvalidHeader);
    }

    #[test]
    fn every_crit_is_rejected_with_a_reason() {
        for (crit, why) in [
            (json!({"crit":"x","x":1}), "array"),
            (json!({"crit":[],"x":1}), "empty"),
            (json!({"crit":[1]}), "strings"),
            (json!({"crit":["x","x"],"x":1}), "twice"),
            (json!({"crit":["alg"],"alg":"dir"}), "registered"),
            (json!({"crit":["x"]}), "not in the protected"),
            (json!({"crit":["x"],"x":1}), "does not understand"),
        ] {
            let e = joint_err(crit, json!({}), json!({}));
            assert_eq!(e.kind(), ErrorKind::UnknownCrit);
            assert!(e.message().contains(why), "{}", e.message());
        }
    }

    #[test]
    fn alg_enc_and_zip_errors() {
        let e = JweHeader::default();
        let j = Joint::new(&e, &e, &e).unwrap();
        assert_eq!(j.alg().unwrap_err().kind(), ErrorKind::InvalidHeader);
        assert_eq!(j.enc().unwrap_err().kind(), ErrorKind::InvalidHeader);
        let p = header(json!({"alg":"RSA-OAEP-1024","enc":"A128CBC","zip":"GZIP"}));
        let j = Joint::new(&p, &e, &e).unwrap();
        assert_eq!(j.alg().unwrap_err().kind(), ErrorKind::UnsupportedAlg);
        assert_eq!(j.enc().unwrap_err().kind(), ErrorKind::UnsupportedAlg);
        assert_eq!(j.deflate().unwrap_err().kind(), ErrorKind::UnsupportedAlg);
    }

    #[test]
    fn p2c_bounds_and_types() {
        let limits = Limits::default();
        let p2c = |v: Value| {
            let p = header(json!({ "p2c": v }));
            let e = JweHeader::default();
            Joint::new(&p, &e, &e).unwrap().p2c(&limits)
        };
        assert_eq!(p2c(json!(1000)).unwrap(), 1000);
        assert_eq!(p2c(json!(16_384)).unwrap(), 16_384);
        for too in [
            json!(0),
            json!(-1),
            json!(999),
            json!(16_385),
            json!(2_000_000),
            json!(2_147_483_647),
            json!(u64::MAX),
        ] {
            assert_eq!(
                p2c(too.clone()).unwrap_err().kind(),
                ErrorKind::LimitExceeded,
                "{too}"
            );
        }
        for bad in [
            json!("4096"),
            json!(4096.0),
            json!(1.5),
            json!(null),
            json!([4096]),
        ] {
            assert_eq!(
                p2c(bad.clone()).unwrap_err().kind(),
                ErrorKind::InvalidHeader,
                "{bad}"
            );
        }
        let e = JweHeader::default();
        assert_eq!(
            Joint::new(&e, &e, &e)
                .unwrap()
                .p2c(&limits)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidHeader
        );
    }

    #[test]
    fn writer_keeps_order_and_refuses_duplicates() {
        let mut w = HeaderWriter::default();
        w.push_str("alg", "A128KW").unwrap();
        w.push_str("kid", "81b2").unwrap();
        w.push_json("epk", r#"{"kty":"EC"}"#.into()).unwrap();
        w.push_str("enc", "A128GCM").unwrap();
        assert_eq!(
            w.to_json(),
            r#"{"alg":"A128KW","kid":"81b2","epk":{"kty":"EC"},"enc":"A128GCM"}"#
        );
        assert_eq!(
            w.push_str("kid", "x").unwrap_err().kind(),
            ErrorKind::InvalidHeader
        );
        assert_eq!(w.to_value().unwrap()["epk"]["kty"], "EC");
    }
}
