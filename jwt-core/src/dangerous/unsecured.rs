//! Unsecured JWS (`"alg": "none"`, RFC 7515 App. A.5; RFC 7519 §6).
//!
//! These tokens carry no integrity protection at all. They are reachable only through
//! this module, by name, on both sides: [`JwsVerifier`](crate::jws::JwsVerifier) rejects
//! `none` whatever its allow-list, and nothing here ever looks at a key. To validate an
//! unsecured JWT's claims, see [`unsecured_verifier`](super::unsecured_verifier).

use crate::base64url;
use crate::error::{Error, ErrorKind, Result};
use crate::jws::{split_compact, HeaderMap, JwsHeader};
use crate::limits::Limits;
use serde_json::Value;

/// A decoded unsecured JWS. Nothing about it is verified.
#[derive(Debug, Clone, PartialEq)]
pub struct UnsecuredJws {
    /// The header (`alg` is `none`).
    pub header: HeaderMap,
    /// The payload, as sent by whoever made the token.
    pub payload: Vec<u8>,
}

/// Writes an unsecured compact JWS: `header` plus `"alg": "none"`, an empty signature.
///
/// # Errors
/// [`ErrorKind::InvalidHeader`] when `header` sets another `alg` or has `crit`.
pub fn encode(payload: &[u8], mut header: HeaderMap) -> Result<String> {
    match header.insert("alg".into(), Value::String("none".into())) {
        None => {}
        Some(Value::String(alg)) if alg == "none" => {}
        Some(other) => {
            return Err(Error::new(
                ErrorKind::InvalidHeader,
                format!("an unsecured JWS has alg \"none\", not {other}"),
            ))
        }
    }
    if header.contains_key("crit") {
        return Err(Error::new(
            ErrorKind::InvalidHeader,
            "an unsecured JWS cannot carry \"crit\"",
        ));
    }
    let header_json = serde_json::to_vec(&header)
        .map_err(|e| Error::malformed(format!("header serialization failed: {e}")))?;
    Ok(format!(
        "{}.{}.",
        base64url::encode(header_json),
        base64url::encode(payload)
    ))
}

/// Reads an unsecured compact JWS. Only `"alg": "none"` with an empty signature is
/// accepted; a signed token is refused (verify it with a key instead).
///
/// # Errors
/// [`ErrorKind::AlgNotAllowed`] for any other `alg`, [`ErrorKind::BadSignature`] for a
/// non-empty signature, and the usual parsing errors.
pub fn decode(token: &str, limits: &Limits) -> Result<UnsecuredJws> {
    Limits::check_at_most("token length", token.len(), limits.max_token_bytes)?;
    let [header_b64, payload_b64, signature] = split_compact(token)?;
    let header = JwsHeader::parse_protected(&base64url::decode(header_b64)?, limits)?;
    match header.get("alg") {
        Some(Value::String(alg)) if alg == "none" => {}
        _ => {
            return Err(Error::new(
                ErrorKind::AlgNotAllowed,
                "unsecured::decode reads only alg \"none\"; verify signed tokens with a key",
            ))
        }
    }
    if header.contains_key("crit") {
        return Err(Error::new(
            ErrorKind::UnknownCrit,
            "an unsecured JWS cannot carry \"crit\"",
        ));
    }
    if !signature.is_empty() {
        return Err(Error::new(
            ErrorKind::BadSignature,
            "an unsecured JWS has an empty signature",
        ));
    }
    Ok(UnsecuredJws {
        header,
        payload: base64url::decode(payload_b64)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rfc7515_a5() {
        let token = encode(b"hi", HeaderMap::new()).unwrap();
        assert_eq!(decode(&token, &Limits::DEFAULT).unwrap().payload, b"hi");
        // RFC 7515 A.5 header {"alg":"none"} and its payload.
        let a5 = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";
        let decoded = decode(a5, &Limits::DEFAULT).unwrap();
        assert!(decoded.payload.starts_with(b"{\"iss\":\"joe\""));
    }

    #[test]
    fn refuses_signed_tokens_and_signatures() {
        let signed = format!(
            "{}.{}.",
            base64url::encode(br#"{"alg":"HS256"}"#),
            base64url::encode(b"x")
        );
        assert_eq!(
            decode(&signed, &Limits::DEFAULT).unwrap_err().kind(),
            ErrorKind::AlgNotAllowed
        );
        let with_sig = format!(
            "{}.{}.AAAA",
            base64url::encode(br#"{"alg":"none"}"#),
            base64url::encode(b"x")
        );
        assert_eq!(
            decode(&with_sig, &Limits::DEFAULT).unwrap_err().kind(),
            ErrorKind::BadSignature
        );
        let mut header = HeaderMap::new();
        header.insert("alg".into(), Value::String("HS256".into()));
        assert_eq!(
            encode(b"x", header).unwrap_err().kind(),
            ErrorKind::InvalidHeader
        );
    }
}
