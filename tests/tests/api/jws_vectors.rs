//! JWS against the published examples: RFC 7515 App. A, RFC 7520 §4, RFC 7797 §4 and
//! RFC 8037 A.4. Deterministic algorithms are reproduced byte for byte; randomized ones
//! (ECDSA, PSS) are verified and round-tripped. Every positive vector is also tampered.

use jwt_core::dangerous::unsecured;
use jwt_core::jws::{JwsBuilder, JwsVerifier};
use jwt_core::{ErrorKind, Jwk, JwkSet, Limits, SignatureAlgorithm};
use jwt_tests::vectors;
use serde_json::Value;

fn jwk(value: &Value) -> Jwk {
    Jwk::from_value(value).unwrap_or_else(|e| panic!("vector key rejected: {e}: {value}"))
}

fn alg(name: &str) -> SignatureAlgorithm {
    SignatureAlgorithm::from_name(name).unwrap()
}

fn verifier(name: &str) -> JwsVerifier {
    JwsVerifier::new([alg(name)])
}

fn rfc7515(id: &str) -> Value {
    vectors::load("rfc/rfc7515_appendix_a.json")["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no example {id}"))
        .clone()
}

/// Every way of corrupting a compact token that must be rejected: a changed character
/// in each segment, a segment dropped, a segment added.
fn tampered_compact(token: &str) -> Vec<String> {
    let segments: Vec<&str> = token.split('.').collect();
    let mut out = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            continue;
        }
        for position in [0, segment.len() / 2, segment.len() - 1] {
            let mut bytes = segment.as_bytes().to_vec();
            bytes[position] = if bytes[position] == b'A' { b'B' } else { b'A' };
            let mut copy = segments.clone();
            let changed = String::from_utf8(bytes).unwrap();
            copy[i] = &changed;
            out.push(copy.join("."));
        }
    }
    for i in 0..segments.len() {
        let mut copy = segments.clone();
        copy.remove(i);
        out.push(copy.join("."));
    }
    out.push(format!("{token}.AAAA"));
    out.push(format!("{token}."));
    out
}

fn assert_all_tampered_rejected(
    token: &str,
    verifier: &JwsVerifier,
    key: &Jwk,
    detached: Option<&[u8]>,
) {
    for bad in tampered_compact(token) {
        assert!(
            verifier.verify_detached(&bad, detached, key).is_err(),
            "tampered token accepted: {bad}"
        );
    }
}

#[test]
fn rfc7515_a1_hs256_and_a2_rs256_reproduce_byte_for_byte() {
    for id in ["rfc7515-A.1", "rfc7515-A.2"] {
        let v = rfc7515(id);
        let key = jwk(&v["key"]);
        let name = v["alg"].as_str().unwrap();
        let token = JwsBuilder::new(v["payload_octets"].as_str().unwrap().as_bytes())
            .sign_with_protected_json(
                &key,
                alg(name),
                v["protected_header_octets"].as_str().unwrap(),
                None,
            )
            .unwrap()
            .compact()
            .unwrap();
        assert_eq!(token, v["compact"].as_str().unwrap(), "{id}");
        let verified = verifier(name).verify(&token, &key).unwrap();
        assert_eq!(
            verified.payload(),
            v["payload_octets"].as_str().unwrap().as_bytes()
        );
        assert_eq!(verified.header().alg(), Some(name));
        assert_all_tampered_rejected(&token, &verifier(name), &key, None);
    }
}

#[test]
fn rfc7515_a3_a4_ecdsa_verify_and_round_trip() {
    for id in ["rfc7515-A.3", "rfc7515-A.4"] {
        let v = rfc7515(id);
        let key = jwk(&v["key"]);
        let name = v["alg"].as_str().unwrap();
        let compact = v["compact"].as_str().unwrap();
        verifier(name)
            .verify(compact, &key.public().unwrap())
            .unwrap();
        assert_all_tampered_rejected(compact, &verifier(name), &key, None);
        let ours = JwsBuilder::new(b"Payload".as_slice())
            .sign(&key, alg(name), Default::default(), None)
            .unwrap()
            .compact()
            .unwrap();
        assert_eq!(
            verifier(name)
                .verify(&ours, &key.public().unwrap())
                .unwrap()
                .payload(),
            b"Payload"
        );
    }
}

#[test]
fn rfc7515_a5_unsecured_is_rejected_by_every_verifier_and_read_only_by_name() {
    let v = rfc7515("rfc7515-A.5");
    let compact = v["compact"].as_str().unwrap();
    let hmac = jwk(&rfc7515("rfc7515-A.1")["key"]);
    for allowed in SignatureAlgorithm::ALL {
        let err = JwsVerifier::new([*allowed])
            .verify(compact, &hmac)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::AlgNotAllowed);
    }
    let decoded = unsecured::decode(compact, &Limits::default()).unwrap();
    assert_eq!(
        jwt_core::base64url::encode(&decoded.payload),
        v["payload_b64u"].as_str().unwrap()
    );
}

#[test]
fn rfc7515_a6_general_and_a7_flattened() {
    let v = rfc7515("rfc7515-A.6");
    let general = serde_json::to_string(&v["json_general"]).unwrap();
    let keys: Vec<Jwk> = v["keys"].as_array().unwrap().iter().map(jwk).collect();
    let both = JwsVerifier::new([SignatureAlgorithm::RS256, SignatureAlgorithm::ES256])
        .with_limits(jwt_tests::signatures_up_to(2));
    for (index, key) in keys.iter().enumerate() {
        let verified = both.verify(&general, key).unwrap();
        assert_eq!(verified.verified_indices().collect::<Vec<_>>(), vec![index]);
    }
    let set = JwkSet::new(keys.iter().map(|k| k.public().unwrap()).collect());
    let verified = both.verify(&general, &set).unwrap();
    assert_eq!(verified.verified_indices().count(), 2);
    let flattened = serde_json::to_string(&rfc7515("rfc7515-A.7")["json_flattened"]).unwrap();
    verifier("ES256").verify(&flattened, &keys[1]).unwrap();
    // The RSA key has another kid than the signature names: not even considered.
    assert_eq!(
        verifier("ES256")
            .verify(&flattened, &keys[0])
            .unwrap_err()
            .kind(),
        ErrorKind::KeyNotFound
    );
}

/// RFC 7520 §4: each output form verifies; reproducible ones are re-signed exactly.
#[test]
fn rfc7520_section4_single_signature_examples() {
    for file in [
        "4_1.rsa_v15_signature.json",
        "4_2.rsa-pss_signature.json",
        "4_3.ecdsa_signature.json",
        "4_4.hmac-sha2_integrity_protection.json",
        "4_5.signature_with_detached_content.json",
        "4_6.protecting_specific_header_fields.json",
        "4_7.protecting_content_only.json",
    ] {
        let v = vectors::load(&format!("rfc7520/jws/{file}"));
        let key = jwk(&v["input"]["key"]);
        let name = v["input"]["alg"].as_str().unwrap();
        let payload = v["input"]["payload"].as_str().unwrap().as_bytes();
        let detached = file.starts_with("4_5").then_some(payload);
        let check = verifier(name);
        for form in ["compact", "json", "json_flat"] {
            let output = &v["output"][form];
            let token = match output {
                Value::Null => continue,
                Value::String(s) => s.clone(),
                other => serde_json::to_string(other).unwrap(),
            };
            let verified = check
                .verify_detached(&token, detached, &key)
                .unwrap_or_else(|e| panic!("{file} {form}: {e}"));
            assert_eq!(verified.payload(), payload, "{file} {form}");
            if form == "compact" {
                assert_all_tampered_rejected(&token, &check, &key, detached);
            }
        }
        if v["reproducible"] == Value::Bool(true) && v["output"]["compact"].is_string() {
            let protected_json = String::from_utf8(
                jwt_core::base64url::decode(v["signing"]["protected_b64u"].as_str().unwrap())
                    .unwrap(),
            )
            .unwrap();
            let mut builder = JwsBuilder::new(payload);
            if detached.is_some() {
                builder = builder.detached();
            }
            let ours = builder
                .sign_with_protected_json(&key, alg(name), &protected_json, None)
                .unwrap()
                .compact()
                .unwrap();
            assert_eq!(ours, v["output"]["compact"].as_str().unwrap(), "{file}");
        }
    }
}

#[test]
fn rfc7520_4_8_three_signatures_each_key_verifies_its_own() {
    let v = vectors::load("rfc7520/jws/4_8.multiple_signatures.json");
    let token = serde_json::to_string(&v["output"]["json"]).unwrap();
    let algs: Vec<SignatureAlgorithm> = v["input"]["alg"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| alg(a.as_str().unwrap()))
        .collect();
    // One signature by default: three are examined only when the limits allow three.
    let key = jwk(&v["input"]["key"][0]);
    for too_few in [
        JwsVerifier::new(algs.clone()),
        JwsVerifier::new(algs.clone()).with_limits(jwt_tests::signatures_up_to(2)),
    ] {
        let refused = too_few.verify(&token, &key).unwrap_err();
        assert_eq!(
            refused.kind(),
            jwt_core::ErrorKind::LimitExceeded,
            "{refused}"
        );
        assert!(
            refused
                .message()
                .contains("number of signatures (Limits::max_signatures) is 3"),
            "{refused}"
        );
    }
    let check = JwsVerifier::new(algs.clone()).with_limits(jwt_tests::signatures_up_to(3));
    for (index, key) in v["input"]["key"]
        .as_array()
        .unwrap()
        .iter()
        .map(jwk)
        .enumerate()
    {
        let verified = check
            .verify(&token, &key)
            .unwrap_or_else(|e| panic!("signature {index}: {e}"));
        assert_eq!(verified.verified_indices().collect::<Vec<_>>(), vec![index]);
        assert_eq!(verified.header().alg(), Some(algs[index].name()));
    }
}

#[test]
fn rfc7797_unencoded_payload() {
    let examples = vectors::load("rfc/rfc7797_section_4.json");
    let b64_false = &examples["examples"][1];
    let key = jwk(&b64_false["key"]);
    let detached = b64_false["compact_detached"].as_str().unwrap();
    let verified = verifier("HS256")
        .verify_detached(detached, Some(b"$.02"), &key)
        .unwrap();
    assert!(!verified.header().b64());
    assert_eq!(verified.payload(), b"$.02");
    let ours = JwsBuilder::new(b"$.02".as_slice())
        .unencoded()
        .detached()
        .sign_with_protected_json(
            &key,
            SignatureAlgorithm::HS256,
            b64_false["protected_header_octets"].as_str().unwrap(),
            None,
        )
        .unwrap()
        .compact()
        .unwrap();
    assert_eq!(ours, detached);
    // The same payload with b64 true has a different signature; swapping them fails.
    let encoded = examples["examples"][0]["compact"].as_str().unwrap();
    verifier("HS256").verify(encoded, &key).unwrap();
    assert_all_tampered_rejected(detached, &verifier("HS256"), &key, Some(b"$.02"));
    assert!(verifier("HS256")
        .verify_detached(detached, Some(b"$.03"), &key)
        .is_err());
    // A payload containing '.' cannot be attached in compact form, but can be detached or JSON.
    let builder = JwsBuilder::new(b"$.02".as_slice())
        .unencoded()
        .sign(&key, SignatureAlgorithm::HS256, Default::default(), None)
        .unwrap();
    assert_eq!(
        builder.compact().unwrap_err().kind(),
        ErrorKind::InvalidHeader
    );
    let json = builder.json_flattened().unwrap();
    assert_eq!(
        verifier("HS256").verify(&json, &key).unwrap().payload(),
        b"$.02"
    );
    let no_dot = JwsBuilder::new(b"$02".as_slice())
        .unencoded()
        .sign(&key, SignatureAlgorithm::HS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    assert_eq!(
        verifier("HS256").verify(&no_dot, &key).unwrap().payload(),
        b"$02"
    );
    for file in [
        "rfc7520/rfc7797/4.2.hmac-sha2_b64_false.json",
        "rfc7520/rfc7797/hmac-sha2_b64_false.json",
    ] {
        let v = vectors::load(file);
        let key = jwk(&v["input"]["key"]);
        let payload = v["input"]["payload"].as_str().unwrap().as_bytes();
        for form in ["compact", "json", "json_flat"] {
            let token = match &v["output"][form] {
                Value::Null => continue,
                Value::String(s) => s.clone(),
                other => serde_json::to_string(other).unwrap(),
            };
            let outcome = verifier("HS256").verify(&token, &key);
            if protected_lacks_crit(&token) {
                // Written to a draft of RFC 7797 without "crit": the final RFC (§6)
                // requires "b64" to be listed there, so it must be refused.
                assert_eq!(
                    outcome.unwrap_err().kind(),
                    ErrorKind::UnknownCrit,
                    "{file} {form}"
                );
                continue;
            }
            let verified = outcome.unwrap_or_else(|e| panic!("{file} {form}: {e}"));
            assert_eq!(verified.payload(), payload);
        }
    }
}

#[test]
fn rfc8037_a4_ed25519_reproduces() {
    let examples = vectors::load("rfc/rfc8037_appendix_a.json");
    let v = examples["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "rfc8037-A.4")
        .unwrap();
    let key = jwk(&v["key"]);
    let ours = JwsBuilder::new(v["payload_octets"].as_str().unwrap().as_bytes())
        .sign_with_protected_json(&key, SignatureAlgorithm::EdDSA, r#"{"alg":"EdDSA"}"#, None)
        .unwrap()
        .compact()
        .unwrap();
    assert_eq!(ours, v["compact"].as_str().unwrap());
    let public = key.public().unwrap();
    verifier("EdDSA").verify(&ours, &public).unwrap();
    assert_all_tampered_rejected(&ours, &verifier("EdDSA"), &public, None);
    // The fully-specified RFC 9864 name is a different algorithm: not allowed by an EdDSA-only list.
    assert_eq!(
        verifier("Ed25519")
            .verify(&ours, &public)
            .unwrap_err()
            .kind(),
        ErrorKind::AlgNotAllowed
    );
}

fn protected_lacks_crit(token: &str) -> bool {
    let protected = if token.starts_with('{') {
        let json: Value = serde_json::from_str(token).unwrap();
        let first = json.get("signatures").map_or(&json, |s| &s[0]);
        first["protected"].as_str().unwrap().to_owned()
    } else {
        token.split('.').next().unwrap().to_owned()
    };
    let header: Value =
        serde_json::from_slice(&jwt_core::base64url::decode(protected).unwrap()).unwrap();
    header.get("crit").is_none()
}
