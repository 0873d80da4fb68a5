//! The JWS header of one signature: its protected part (integrity-protected, base64url
//! in the token) and its optional unprotected part (JSON serializations only).

use crate::error::{Error, ErrorKind, Result};
use crate::jwa::SignatureAlgorithm;
use crate::limits::Limits;
use serde_json::{Map, Value};

/// Header parameter names RFC 7515 §4.1 registers; `crit` may not name them.
const REGISTERED: &[&str] = &[
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];

/// Extensions this library understands, so `crit` may name them.
const UNDERSTOOD_CRIT: &[&str] = &["b64"];

/// Members that are only meaningful when integrity-protected.
const PROTECTED_ONLY: &[&str] = &["crit", "b64"];

/// A JSON object of header members.
pub type HeaderMap = Map<String, Value>;

/// Parses a header from JSON text the application holds (a configuration file, a
/// command line), as strictly as a received header: one JSON object, no duplicate
/// member names at any depth, at most `limits.max_json_depth` deep and
/// `limits.max_header_bytes` long. The JWS rules (`alg`, `crit`, ...) are checked when
/// the header is used ([`JwsHeader::new`], signing), not here.
///
/// ```
/// use jwt_core::{jws, ErrorKind, Limits};
///
/// let header = jws::parse_header(br#"{"kid":"k1"}"#, &Limits::DEFAULT)?;
/// assert_eq!(header["kid"], "k1");
/// let twice = jws::parse_header(br#"{"kid":"a","kid":"b"}"#, &Limits::DEFAULT);
/// assert_eq!(twice.unwrap_err().kind(), ErrorKind::DuplicateMember);
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::Malformed`] for text that is not one JSON object,
/// [`ErrorKind::DuplicateMember`] for a repeated name, [`ErrorKind::LimitExceeded`]
/// above a limit.
pub fn parse_header(json: &[u8], limits: &Limits) -> Result<HeaderMap> {
    crate::strict_json::parse_object(json, limits.max_json_depth, limits.max_header_bytes)
}

/// The header of one JWS signature: protected and unprotected members, disjoint.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JwsHeader {
    protected: HeaderMap,
    unprotected: Option<HeaderMap>,
}

impl JwsHeader {
    /// Builds a header from its parts after checking the JWS rules (a string `alg` in
    /// one of them, disjoint names, `crit` and `b64` protected only, `crit` understood).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHeader`] or [`ErrorKind::UnknownCrit`] naming the rule.
    pub fn new(protected: HeaderMap, unprotected: Option<HeaderMap>) -> Result<Self> {
        let header = JwsHeader {
            protected,
            unprotected,
        };
        header.validate()?;
        Ok(header)
    }

    /// Parses a decoded protected header (strict JSON, within the header size limit).
    pub(crate) fn parse_protected(bytes: &[u8], limits: &Limits) -> Result<HeaderMap> {
        crate::strict_json::parse_object(bytes, limits.max_json_depth, limits.max_header_bytes)
            .map_err(|e| match e.kind() {
                ErrorKind::Malformed => Error::new(
                    ErrorKind::InvalidHeader,
                    format!("JWS protected header: {}", e.message()),
                ),
                _ => e,
            })
    }

    /// The integrity-protected members.
    pub fn protected(&self) -> &HeaderMap {
        &self.protected
    }

    /// Takes the integrity-protected members.
    pub fn into_protected(self) -> HeaderMap {
        self.protected
    }

    /// The unprotected members, when the serialization had any.
    pub fn unprotected(&self) -> Option<&HeaderMap> {
        self.unprotected.as_ref()
    }

    /// A member from either part (names are disjoint, so there is at most one).
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.protected
            .get(name)
            .or_else(|| self.unprotected.as_ref()?.get(name))
    }

    /// A string member from either part.
    fn get_str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }

    /// The `alg` member as written.
    pub fn alg(&self) -> Option<&str> {
        self.get_str("alg")
    }

    /// The `kid` member.
    pub fn kid(&self) -> Option<&str> {
        self.get_str("kid")
    }

    /// The `typ` member.
    pub fn typ(&self) -> Option<&str> {
        self.get_str("typ")
    }

    /// The `cty` member.
    pub fn cty(&self) -> Option<&str> {
        self.get_str("cty")
    }

    /// Whether the payload is base64url-encoded: `false` only for RFC 7797 `b64: false`.
    pub fn b64(&self) -> bool {
        self.protected
            .get("b64")
            .and_then(Value::as_bool)
            .unwrap_or(true)
    }

    /// All members of both parts merged (the "JOSE Header" of RFC 7515 §4).
    pub fn joint(&self) -> HeaderMap {
        let mut all = self.protected.clone();
        if let Some(unprotected) = &self.unprotected {
            all.extend(unprotected.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        all
    }

    /// The registered algorithm named by `alg`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHeader`] when `alg` is missing or not a string,
    /// [`ErrorKind::UnsupportedAlg`] for an unknown name (including `none`).
    pub fn algorithm(&self) -> Result<SignatureAlgorithm> {
        match self.get("alg") {
            Some(Value::String(name)) => SignatureAlgorithm::from_name(name),
            Some(other) => Err(Error::new(
                ErrorKind::InvalidHeader,
                format!(
                    "JWS header \"alg\" must be a string, found {}",
                    crate::strict_json::type_name(other)
                ),
            )),
            None => Err(Error::new(
                ErrorKind::InvalidHeader,
                "JWS header has no \"alg\" member",
            )),
        }
    }

    fn validate(&self) -> Result<()> {
        if let Some(unprotected) = &self.unprotected {
            for name in unprotected.keys() {
                if self.protected.contains_key(name) {
                    return Err(Error::new(
                        ErrorKind::InvalidHeader,
                        format!("header member {name:?} is in both the protected and the unprotected header"),
                    ));
                }
                if PROTECTED_ONLY.contains(&name.as_str()) {
                    return Err(Error::new(
                        ErrorKind::InvalidHeader,
                        format!("header member {name:?} must be integrity-protected"),
                    ));
                }
            }
        }
        let unprotected = self.unprotected.iter().flat_map(|members| members.iter());
        for (name, value) in self.protected.iter().chain(unprotected) {
            crate::header_params::check_jws_member(name, value)?;
        }
        match self.get("alg") {
            Some(Value::String(_)) => {}
            Some(other) => {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    format!(
                        "JWS header \"alg\" must be a string, found {}",
                        crate::strict_json::type_name(other)
                    ),
                ))
            }
            None => {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    "JWS header has no \"alg\" member",
                ))
            }
        }
        if let Some(b64) = self.protected.get("b64") {
            if !b64.is_boolean() {
                return Err(Error::new(
                    ErrorKind::InvalidHeader,
                    "JWS header \"b64\" must be a boolean",
                ));
            }
        }
        check_crit(&self.protected)
    }
}

/// RFC 7515 §4.1.11 and RFC 7797 §6.
fn check_crit(protected: &HeaderMap) -> Result<()> {
    let names = match protected.get("crit") {
        None => {
            if protected.contains_key("b64") {
                return Err(Error::new(
                    ErrorKind::UnknownCrit,
                    "JWS header has \"b64\" but \"crit\" does not list it (RFC 7797 §6)",
                ));
            }
            return Ok(());
        }
        Some(Value::Array(names)) if !names.is_empty() => names,
        Some(_) => {
            return Err(Error::new(
                ErrorKind::UnknownCrit,
                "\"crit\" must be a non-empty array of strings",
            ))
        }
    };
    let mut seen: Vec<&str> = Vec::with_capacity(names.len());
    for name in names {
        let Some(name) = name.as_str() else {
            return Err(Error::new(
                ErrorKind::UnknownCrit,
                "\"crit\" must contain only strings",
            ));
        };
        if seen.contains(&name) {
            return Err(Error::new(
                ErrorKind::UnknownCrit,
                format!("\"crit\" lists {name:?} twice"),
            ));
        }
        if REGISTERED.contains(&name) {
            return Err(Error::new(
                ErrorKind::UnknownCrit,
                format!("\"crit\" may not list the registered header parameter {name:?}"),
            ));
        }
        if !UNDERSTOOD_CRIT.contains(&name) {
            return Err(Error::new(
                ErrorKind::UnknownCrit,
                format!("\"crit\" lists {name:?}, an extension this library does not understand"),
            ));
        }
        if !protected.contains_key(name) {
            return Err(Error::new(
                ErrorKind::UnknownCrit,
                format!("\"crit\" lists {name:?} but the protected header does not contain it"),
            ));
        }
        seen.push(name);
    }
    if protected.contains_key("b64") && !seen.contains(&"b64") {
        return Err(Error::new(
            ErrorKind::UnknownCrit,
            "JWS header has \"b64\" but \"crit\" does not list it (RFC 7797 §6)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> HeaderMap {
        match v {
            Value::Object(m) => m,
            _ => unreachable!("test helper takes objects"),
        }
    }

    #[test]
    fn header_json_is_parsed_strictly_within_the_header_limit() {
        let header = parse_header(br#"{"kid":"k","crit":["x"]}"#, &Limits::DEFAULT).unwrap();
        // The JWS rules apply when the header is used, not when it is parsed.
        assert_eq!(header, map(json!({"kid": "k", "crit": ["x"]})));
        let mut small = Limits::DEFAULT;
        small.max_header_bytes = 16;
        small.max_json_depth = 2;
        for (json, kind) in [
            (&b"[]"[..], ErrorKind::Malformed),
            (b"{", ErrorKind::Malformed),
            (br#"{"a":1,"a":1}"#, ErrorKind::DuplicateMember),
            (br#"{"kid":"0123456789"}"#, ErrorKind::LimitExceeded),
            (br#"{"a":[[1]]}"#, ErrorKind::LimitExceeded),
        ] {
            let text = String::from_utf8_lossy(json);
            assert_eq!(
                parse_header(json, &small).unwrap_err().kind(),
                kind,
                "{text}"
            );
        }
    }

    fn err(protected: Value, unprotected: Option<Value>) -> ErrorKind {
        JwsHeader::new(map(protected), unprotected.map(map))
            .unwrap_err()
            .kind()
    }

    #[test]
    fn accepts_ordinary_headers() {
        let h = JwsHeader::new(
            map(json!({"alg":"HS256","typ":"JWT"})),
            Some(map(json!({"kid":"k1"}))),
        )
        .unwrap();
        assert_eq!(h.alg(), Some("HS256"));
        assert_eq!(h.kid(), Some("k1"));
        assert_eq!(h.typ(), Some("JWT"));
        assert!(h.b64());
        assert_eq!(h.joint().len(), 3);
        let u =
            JwsHeader::new(map(json!({"alg":"HS256","b64":false,"crit":["b64"]})), None).unwrap();
        assert!(!u.b64());
    }

    #[test]
    fn alg_must_be_a_string_somewhere() {
        assert_eq!(err(json!({"typ":"JWT"}), None), ErrorKind::InvalidHeader);
        assert_eq!(err(json!({"alg":1}), None), ErrorKind::InvalidHeader);
        assert_eq!(err(json!({"alg":null}), None), ErrorKind::InvalidHeader);
        // alg only in the unprotected header is legal JWS (RFC 7515 §4.1.1 allows it).
        JwsHeader::new(map(json!({})), Some(map(json!({"alg":"HS256"})))).unwrap();
    }

    #[test]
    fn names_must_be_disjoint_and_crit_b64_protected() {
        assert_eq!(
            err(json!({"alg":"HS256"}), Some(json!({"alg":"HS256"}))),
            ErrorKind::InvalidHeader
        );
        assert_eq!(
            err(json!({"alg":"HS256"}), Some(json!({"crit":["b64"]}))),
            ErrorKind::InvalidHeader
        );
        assert_eq!(
            err(json!({"alg":"HS256"}), Some(json!({"b64":false}))),
            ErrorKind::InvalidHeader
        );
    }

    #[test]
    fn crit_rules() {
        let unknown =
            |crit: Value| err(json!({"alg":"HS256","b64":false,"exp":1,"crit":crit}), None);
        assert_eq!(unknown(json!([])), ErrorKind::UnknownCrit);
        assert_eq!(unknown(json!("b64")), ErrorKind::UnknownCrit);
        assert_eq!(unknown(json!(["b64", 1])), ErrorKind::UnknownCrit);
        assert_eq!(unknown(json!(["b64", "b64"])), ErrorKind::UnknownCrit);
        assert_eq!(unknown(json!(["b64", "alg"])), ErrorKind::UnknownCrit);
        assert_eq!(unknown(json!(["b64", "exp"])), ErrorKind::UnknownCrit);
        assert_eq!(
            err(json!({"alg":"HS256","crit":["b64"]}), None),
            ErrorKind::UnknownCrit
        );
        assert_eq!(
            err(json!({"alg":"HS256","b64":false}), None),
            ErrorKind::UnknownCrit
        );
        assert_eq!(
            err(json!({"alg":"HS256","b64":"false","crit":["b64"]}), None),
            ErrorKind::InvalidHeader
        );
    }

    #[test]
    fn algorithm_lookup_is_strict() {
        let h = |alg: &str| {
            JwsHeader::new(map(json!({"alg":alg})), None)
                .unwrap()
                .algorithm()
        };
        assert_eq!(h("ES256K").unwrap(), SignatureAlgorithm::ES256K);
        for bad in ["none", "None", "hs256", "HS257"] {
            assert_eq!(
                h(bad).unwrap_err().kind(),
                ErrorKind::UnsupportedAlg,
                "{bad}"
            );
        }
    }
}
