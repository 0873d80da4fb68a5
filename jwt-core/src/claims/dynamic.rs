//! Dynamic claims: `serde_json::Map<String, Value>` as a [`Claims`] type, for claim sets
//! whose shape is only known at run time (jwcrypto's dict of claims).

use super::{AudienceRef, Claims, IssueDefaults, NumericDate, Registered};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;
use serde_json::{Map, Value};

fn wrong_type(name: &str, expected: &str, found: &Value) -> Error {
    Error::claim(
        ErrorKind::InvalidClaim,
        name,
        format!(
            "claim {name:?} must be {expected}, found {}",
            crate::strict_json::type_name(found)
        ),
    )
}

fn string<'a>(map: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>> {
    match map.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(wrong_type(name, "a string", other)),
    }
}

fn date(map: &Map<String, Value>, name: &str) -> Result<Option<NumericDate>> {
    match map.get(name) {
        None => Ok(None),
        Some(Value::Number(n)) => {
            let parsed = match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => Some(NumericDate::from_seconds(i)),
                (None, Some(f)) => NumericDate::from_f64(f),
                (None, None) => None,
            };
            parsed.map(Some).ok_or_else(|| {
                Error::claim(
                    ErrorKind::InvalidClaim,
                    name,
                    format!("claim {name:?} is out of range"),
                )
            })
        }
        Some(other) => Err(wrong_type(name, "a NumericDate (JSON number)", other)),
    }
}

fn audience<'a>(map: &'a Map<String, Value>) -> Result<Option<AudienceRef<'a>>> {
    match map.get("aud") {
        None => Ok(None),
        Some(Value::String(one)) => Ok(Some(AudienceRef::One(one))),
        Some(Value::Array(items)) => {
            if let Some(bad) = items.iter().find(|i| !i.is_string()) {
                return Err(wrong_type("aud", "a string or an array of strings", bad));
            }
            Ok(Some(AudienceRef::Values(items)))
        }
        Some(other) => Err(wrong_type("aud", "a string or an array of strings", other)),
    }
}

impl Claims for Map<String, Value> {
    fn registered(&self) -> Result<Registered<'_>> {
        Ok(Registered {
            iss: string(self, "iss")?,
            sub: string(self, "sub")?,
            aud: audience(self)?,
            exp: date(self, "exp")?,
            nbf: date(self, "nbf")?,
            iat: date(self, "iat")?,
            jti: string(self, "jti")?,
        })
    }

    fn apply_defaults(&mut self, defaults: &IssueDefaults) -> Result<()> {
        // Issuing refuses what verifying would: a registered claim of the wrong JSON type
        // (`"nbf": null` included) is an error here, not a token no verifier accepts.
        self.registered()?;
        for (name, value) in [
            ("iat", defaults.iat),
            ("nbf", defaults.nbf),
            ("exp", defaults.exp),
        ] {
            if let Some(value) = value {
                self.entry(name)
                    .or_insert_with(|| serde_json::to_value(value).unwrap_or(Value::Null));
            }
        }
        if let Some(jti) = &defaults.jti {
            self.entry("jti")
                .or_insert_with(|| Value::String(jti.clone()));
        }
        Ok(())
    }

    fn claim_value(&self, name: &str) -> Option<Value> {
        self.get(name).cloned()
    }
}

/// Parses dynamic claims from JSON text the application holds (a configuration file, a
/// command line), as strictly as a received token's claims: one JSON object, no
/// duplicate member names at any depth, at most `limits.max_json_depth` deep and
/// `limits.max_token_bytes` long.
///
/// ```
/// use jwt_core::{claims, ErrorKind, Limits};
///
/// let map = claims::parse_object(br#"{"sub":"a"}"#, &Limits::DEFAULT)?;
/// assert_eq!(map["sub"], "a");
/// let twice = claims::parse_object(br#"{"sub":"a","sub":"b"}"#, &Limits::DEFAULT);
/// assert_eq!(twice.unwrap_err().kind(), ErrorKind::DuplicateMember);
/// # Ok::<(), jwt_core::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::Malformed`] for text that is not one JSON object,
/// [`ErrorKind::DuplicateMember`] for a repeated name, [`ErrorKind::LimitExceeded`]
/// above a limit.
pub fn parse_object(json: &[u8], limits: &Limits) -> Result<Map<String, Value>> {
    crate::strict_json::parse_object(json, limits.max_json_depth, limits.max_token_bytes)
}

/// Parses one claim value (any JSON value: a string, a number, an object...) from JSON
/// text the application holds, under the rules of [`parse_object`]; for example a value
/// to [`require_value`](crate::VerifierBuilder::require_value).
///
/// # Errors
/// As [`parse_object`], without the requirement of an object.
pub fn parse_value(json: &[u8], limits: &Limits) -> Result<Value> {
    crate::strict_json::check(json, limits.max_json_depth, limits.max_token_bytes)?;
    serde_json::from_slice(json)
        .map_err(|e| Error::new(ErrorKind::Malformed, format!("invalid JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn json_text_is_parsed_strictly() {
        let limits = Limits::DEFAULT;
        let claims = parse_object(br#"{"sub":"a","n":[1,{"b":null}]}"#, &limits).unwrap();
        assert_eq!(Value::Object(claims), json!({"sub":"a","n":[1,{"b":null}]}));
        assert_eq!(parse_value(b"[1,\"x\"]", &limits).unwrap(), json!([1, "x"]));
        assert_eq!(parse_value(br#""text""#, &limits).unwrap(), json!("text"));
        let mut small = Limits::DEFAULT;
        small.max_json_depth = 2;
        small.max_token_bytes = 20;
        for (json, kind) in [
            (&br#"[1]"#[..], ErrorKind::Malformed),
            (br#"{"a":1"#, ErrorKind::Malformed),
            (br#"{"a":1,"a":1}"#, ErrorKind::DuplicateMember),
            (br#"{"x":{"a":1,"a":2}}"#, ErrorKind::DuplicateMember),
            (br#"{"a":[[[1]]]}"#, ErrorKind::LimitExceeded),
            (br#"{"a":"0123456789abcdef"}"#, ErrorKind::LimitExceeded),
        ] {
            let text = String::from_utf8_lossy(json);
            assert_eq!(
                parse_object(json, &small).unwrap_err().kind(),
                kind,
                "{text}"
            );
        }
        for (json, kind) in [
            (&b"nul"[..], ErrorKind::Malformed),
            (b"", ErrorKind::Malformed),
            (br#"[{"a":1,"a":1}]"#, ErrorKind::DuplicateMember),
            (b"[[[1]]]", ErrorKind::LimitExceeded),
            (br#""0123456789abcdefghij""#, ErrorKind::LimitExceeded),
        ] {
            let text = String::from_utf8_lossy(json);
            assert_eq!(
                parse_value(json, &small).unwrap_err().kind(),
                kind,
                "{text}"
            );
        }
    }

    #[test]
    fn registered_view_of_a_map() {
        let claims = map(json!({"iss":"a","aud":["x","y"],"exp":10,"nbf":1.5,"jti":"j"}));
        let r = claims.registered().unwrap();
        assert_eq!(r.iss, Some("a"));
        assert!(r.aud.unwrap().contains_any(&["y"]));
        assert_eq!(r.exp, Some(NumericDate::from_seconds(10)));
        assert_eq!(r.nbf, NumericDate::from_f64(1.5));
        assert_eq!(r.jti, Some("j"));
    }

    #[test]
    fn wrong_types_are_invalid_never_absent() {
        for (claims, name) in [
            (json!({"exp":"10"}), "exp"),
            (json!({"exp":null}), "exp"),
            (json!({"nbf":true}), "nbf"),
            (json!({"iat":[1]}), "iat"),
            (json!({"iss":1}), "iss"),
            (json!({"sub":{}}), "sub"),
            (json!({"jti":2}), "jti"),
            (json!({"aud":1}), "aud"),
            (json!({"aud":["a",1]}), "aud"),
        ] {
            let err = map(claims).registered().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidClaim);
            assert_eq!(err.claim_name(), Some(name));
        }
    }

    #[test]
    fn defaults_fill_only_unset_claims() {
        let mut claims = map(json!({"exp": 5}));
        let defaults = IssueDefaults {
            iat: Some(NumericDate::from_seconds(1)),
            exp: Some(NumericDate::from_seconds(9)),
            jti: Some("r".into()),
            ..Default::default()
        };
        claims.apply_defaults(&defaults).unwrap();
        assert_eq!(Value::Object(claims), json!({"exp":5,"iat":1,"jti":"r"}));
    }
}
