//! `jwt inspect` on every RFC 7520 (and RFC 7797, RFC 8037) JWS and JWE in every
//! serialization the vectors give: the decoded headers and payloads must equal the
//! values the vectors list.

use crate::common::jwt;
use jwt_core::base64url;
use jwt_test_vectors as vectors;
use serde_json::Value;

fn inspect(token: &str) -> Value {
    let run = jwt(&["inspect", "--json"], Some(token));
    run.success();
    let out = run.json();
    assert_eq!(out["verified"], false, "{out}");
    out
}

fn as_token(output: &Value) -> String {
    match output {
        Value::String(compact) => compact.clone(),
        json => json.to_string(),
    }
}

/// The vector's protected header(s) as objects: one per signature.
fn protected_headers(section: &Value) -> Vec<Value> {
    match section {
        Value::Array(list) => list.iter().map(|s| s["protected"].clone()).collect(),
        single => vec![single["protected"].clone()],
    }
}

/// The protected header as the token itself encodes it, decoded independently. The
/// RFC 7797 files' `signing` blocks disagree with their own outputs (see the vectors'
/// README), so for them the output is the reference.
fn token_protected_header(form: &str, output: &Value) -> Vec<Value> {
    let segment = match output {
        Value::String(compact) => compact.split('.').next().unwrap().to_owned(),
        json if form == "json" => json["signatures"][0]["protected"].as_str().unwrap().into(),
        json => json["protected"].as_str().unwrap().to_owned(),
    };
    vec![serde_json::from_slice(&base64url::decode(segment).unwrap()).unwrap()]
}

#[test]
fn every_jws_vector_inspects_to_its_header_and_payload() {
    let mut seen = 0;
    for folder in ["rfc7520/jws", "rfc7520/rfc7797", "rfc7520/curve25519"] {
        for (name, vector) in vectors::files_in(folder) {
            if vector.get("signing").is_none() {
                continue; // the curve25519 folder also holds an ECDH-ES JWE
            }
            let payload = vector["input"]["payload"].as_str().unwrap();
            let detached = name.contains("detached");
            for (form, output) in vector["output"].as_object().unwrap() {
                let protected = if folder.ends_with("rfc7797") {
                    token_protected_header(form, output)
                } else {
                    protected_headers(&vector["signing"])
                };
                let out = inspect(&as_token(output));
                let label = format!("{folder}/{name} {form}");
                assert_eq!(out["type"], "jws", "{label}");
                let headers: Vec<Value> = if form == "compact" {
                    assert_eq!(out["serialization"], "compact", "{label}");
                    vec![out["header"].clone()]
                } else {
                    let serialization = if form == "json" {
                        "general"
                    } else {
                        "flattened"
                    };
                    assert_eq!(out["serialization"], serialization, "{label}");
                    out["signatures"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| s.get("protected").cloned().unwrap_or(Value::Null))
                        .collect()
                };
                assert_eq!(headers, protected, "{label}");
                if detached {
                    let empty = out["payload_b64u"] == "" || out["detached"] == true;
                    assert!(empty, "{label}: {out}");
                } else {
                    let got = base64url::decode(out["payload_b64u"].as_str().unwrap()).unwrap();
                    assert_eq!(got, payload.as_bytes(), "{label}");
                }
                seen += 1;
            }
        }
    }
    assert!(seen >= 25, "only {seen} JWS vectors inspected");
}

#[test]
fn every_jwe_vector_inspects_to_its_headers() {
    let mut seen = 0;
    for folder in ["rfc7520/jwe", "rfc7520/curve25519"] {
        for (name, vector) in vectors::files_in(folder) {
            let Some(content) = vector.get("encrypting_content") else {
                continue;
            };
            let protected = content.get("protected").cloned();
            for (form, output) in vector["output"].as_object().unwrap() {
                let out = inspect(&as_token(output));
                let label = format!("{folder}/{name} {form}");
                assert_eq!(out["type"], "jwe", "{label}");
                let got = if form == "compact" {
                    out.get("header").cloned()
                } else {
                    out.get("protected").cloned()
                };
                assert_eq!(got, protected, "{label}");
                if form != "compact" {
                    let recipients = out["recipients"].as_array().unwrap();
                    let expected = vector["output"][form.as_str()]
                        .get("recipients")
                        .and_then(Value::as_array)
                        .map_or(1, Vec::len);
                    assert_eq!(recipients.len(), expected, "{label}");
                }
                seen += 1;
            }
        }
    }
    assert!(seen >= 30, "only {seen} JWE vectors inspected");
}
