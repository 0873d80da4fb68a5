//! RFC test vectors through the binary: `jwt verify --raw` on RFC 7515 App. A and the
//! RFC 7520 §4 signatures, `jwt decrypt` on the RFC 7520 §5 encryptions, `jwt verify`
//! on the RFC 7519 JWTs and the RFC 7520 §6 nested token, and `jwt sign` reproducing
//! the deterministic signatures byte for byte. Tampered tokens must be rejected.

use crate::common::{jwt, Run, TempDir};
use jwt_core::base64url;
use jwt_test_vectors as vectors;
use serde_json::{json, Value};

/// A vector output form as the token text: compact as is, JSON serialized.
fn token_text(output: &Value) -> String {
    match output {
        Value::String(compact) => compact.clone(),
        json => json.to_string(),
    }
}

/// The vector's algorithm names as repeated `--alg` flags.
fn alg_flags(alg: &Value) -> Vec<String> {
    let names: Vec<&str> = match alg {
        Value::Array(list) => list.iter().map(|a| a.as_str().unwrap()).collect(),
        one => vec![one.as_str().unwrap()],
    };
    names
        .iter()
        .flat_map(|n| ["--alg".to_owned(), (*n).to_owned()])
        .collect()
}

/// A key file for the vector's key (or keys, as a JWK Set).
fn key_file(dir: &TempDir, name: &str, key: &Value) -> String {
    let contents = match key {
        Value::Array(keys) => json!({ "keys": keys }),
        one => one.clone(),
    };
    dir.file(name, contents.to_string())
}

fn run(args: &[String]) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    jwt(&args, None)
}

/// Flips one character near the start of what every signature or tag covers: a JWS
/// payload when the token carries one (so no signature of several still verifies), else
/// the (last) signature, or a JWE's authentication tag.
fn tamper(token: &str) -> String {
    let at = if token.starts_with('{') {
        let value_start = |member: &str, found: Option<usize>| found.map(|i| i + member.len());
        value_start("\"payload\":\"", token.find("\"payload\":\""))
            .or_else(|| value_start("\"tag\":\"", token.rfind("\"tag\":\"")))
            .or_else(|| value_start("\"signature\":\"", token.find("\"signature\":\"")))
            .unwrap_or_else(|| panic!("no payload, tag or signature in {token}"))
    } else {
        token.rfind('.').unwrap() + 1
    } + 2;
    let replacement = if token.get(at..=at) == Some("A") {
        "B"
    } else {
        "A"
    };
    let mut tampered = token.to_owned();
    tampered.replace_range(at..=at, replacement);
    assert_ne!(tampered, token);
    tampered
}

#[test]
fn rfc7515_appendix_a_verifies_with_verify_raw() {
    let dir = TempDir::new("vectors-7515");
    let file = "rfc/rfc7515_appendix_a.json";
    for id in ["rfc7515-A.1", "rfc7515-A.2", "rfc7515-A.3", "rfc7515-A.4"] {
        let example = vectors::example(file, id);
        let key = key_file(&dir, id, &example["key"]);
        let token = example["compact"].as_str().unwrap().to_owned();
        let mut line = vec![
            "verify".into(),
            "--raw".into(),
            "--json".into(),
            "--key".into(),
            key,
        ];
        line.extend(alg_flags(&example["alg"]));
        line.push(token.clone());
        let out = run(&line);
        out.success();
        assert_eq!(out.json()["payload_b64u"], example["payload_b64u"], "{id}");
        assert_eq!(out.json()["header"]["alg"], example["alg"], "{id}");
        *line.last_mut().unwrap() = tamper(&token);
        run(&line).json_failure(1, "bad_signature");
    }
    // A.6 (general JSON, two signers) and A.7 (flattened) with a JWK Set of both keys.
    let a6 = vectors::example(file, "rfc7515-A.6");
    let keys = key_file(&dir, "a6", &a6["keys"]);
    let a7 = vectors::example(file, "rfc7515-A.7");
    for token in [a6["json_general"].clone(), a7["json_flattened"].clone()] {
        let token = token_text(&token);
        let line: Vec<String> = [
            "verify", "--raw", "--json", "--key", &keys, "--alg", "RS256", "--alg", "ES256", &token,
        ]
        .map(String::from)
        .to_vec();
        let out = run(&line);
        out.success();
        assert_eq!(
            out.json()["payload_b64u"],
            vectors::example(file, "rfc7515-A.1")["payload_b64u"]
        );
    }
}

#[test]
fn rfc7515_a5_unsecured_only_with_alg_none() {
    let dir = TempDir::new("vectors-7515-none");
    let example = vectors::example("rfc/rfc7515_appendix_a.json", "rfc7515-A.5");
    let key = dir.file(
        "k",
        r#"{"kty":"oct","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ"}"#,
    );
    let token = example["compact"].as_str().unwrap();
    jwt(&["verify", "--raw", "--key", &key, token], None).failure(1, "alg_not_allowed");
    let out = jwt(
        &[
            "verify", "--raw", "--key", &key, "--alg", "none", "--json", token,
        ],
        None,
    );
    out.success();
    assert_eq!(out.json()["payload_b64u"], example["payload_b64u"]);
    assert_eq!(out.json()["header"], json!({"alg": "none"}));
}

#[test]
fn rfc7519_jwts_validate_with_verify() {
    let dir = TempDir::new("vectors-7519");
    let file = "rfc/rfc7519_examples.json";
    // §3.1, exactly as in the brief: `jwt verify --now 1300819000 --alg HS256 --iss joe`.
    let s31 = vectors::example(file, "rfc7519-3.1");
    let key = key_file(&dir, "s31", &s31["key"]);
    let hs_key = key.clone();
    let token = s31["token"].as_str().unwrap();
    let out = jwt(
        &[
            "verify",
            "--key",
            &key,
            "--now",
            "1300819000",
            "--alg",
            "HS256",
            "--iss",
            "joe",
            token,
        ],
        None,
    );
    let printed: Value = serde_json::from_str(out.success()).unwrap();
    assert_eq!(printed, s31["claims"]);
    let out = jwt(
        &[
            "verify",
            "--json",
            "--key",
            &key,
            "--now",
            "1300819000",
            "--alg",
            "HS256",
            token,
        ],
        None,
    );
    out.success();
    assert_eq!(out.json()["header"], s31["header"]);
    // exp is 1300819380: with the real clock it is long expired, and at exp + leeway too.
    let error = jwt(
        &["verify", "--json", "--key", &key, "--alg", "HS256", token],
        None,
    )
    .json_failure(1, "expired");
    assert_eq!(error["claim"], "exp");
    jwt(
        &[
            "verify",
            "--key",
            &key,
            "--alg",
            "HS256",
            "--now",
            "1300819440",
            token,
        ],
        None,
    )
    .failure(1, "expired");
    jwt(
        &[
            "verify",
            "--key",
            &key,
            "--alg",
            "HS256",
            "--now",
            "1300819439",
            token,
        ],
        None,
    )
    .success();
    let error = jwt(
        &[
            "verify",
            "--json",
            "--key",
            &key,
            "--alg",
            "HS256",
            "--now",
            "1300819000",
            "--iss",
            "jim",
            token,
        ],
        None,
    )
    .json_failure(1, "claim_mismatch");
    assert_eq!(error["claim"], "iss");
    // The key has no alg: --alg is required.
    jwt(
        &["verify", "--key", &key, "--now", "1300819000", token],
        None,
    )
    .failure(2, "alg_not_allowed");

    // §6.1: unsecured: refused unless none is named, then its claims are validated.
    let s61 = vectors::example(file, "rfc7519-6.1");
    let none = s61["token"].as_str().unwrap();
    jwt(
        &[
            "verify",
            "--key",
            &key,
            "--alg",
            "HS256",
            "--now",
            "1300819000",
            none,
        ],
        None,
    )
    .failure(1, "alg_not_allowed");
    jwt(
        &[
            "verify",
            "--key",
            &key,
            "--alg",
            "none",
            "--iss",
            "joe",
            "--now",
            "1300819000",
            none,
        ],
        None,
    )
    .success();
    jwt(&["verify", "--key", &key, "--alg", "none", none], None).failure(1, "expired");

    // A.1: an encrypted JWT (RSA1_5), which must be named.
    let a1 = vectors::example(file, "rfc7519-A.1");
    let key = key_file(&dir, "a1", &a1["key"]);
    let token = a1["token"].as_str().unwrap();
    let base = [
        "verify",
        "--json",
        "--expect",
        "jwe",
        "--key",
        &key,
        "--now",
        "1300819000",
    ];
    let named = [&base[..], &["--alg", "RSA1_5", token]].concat();
    let out = jwt(&named, None);
    out.success();
    assert_eq!(out.json()["claims"], a1["claims"]);
    assert_eq!(out.json()["header"]["enc"], "A128CBC-HS256");
    jwt(&[&base[..], &[token]].concat(), None).json_failure(2, "alg_not_allowed");
    // Where a JWS is expected, the JWE is refused unopened.
    jwt(
        &[
            "verify",
            "--json",
            "--key",
            &hs_key,
            "--alg",
            "HS256",
            "--now",
            "1300819000",
            token,
        ],
        None,
    )
    .json_failure(1, "token_type_mismatch");

    // A.2: nested, RS256 inside RSA1_5 / A128CBC-HS256.
    let a2 = vectors::example(file, "rfc7519-A.2");
    let signing = key_file(&dir, "a2-sig", &a2["signing_key"]);
    let encryption = key_file(&dir, "a2-enc", &a2["encryption_key"]);
    let token = a2["token"].as_str().unwrap();
    let out = jwt(
        &[
            "verify",
            "--json",
            "--expect",
            "nested",
            "--key",
            &signing,
            "--alg",
            "RS256",
            "--decrypt-key",
            &encryption,
            "--outer-alg",
            "RSA1_5",
            "--now",
            "1300819000",
            "--iss",
            "joe",
            token,
        ],
        None,
    );
    out.success();
    assert_eq!(out.json()["claims"], a2["claims"]);
    assert_eq!(out.json()["header"]["cty"], "JWT");
    assert_eq!(out.json()["inner_header"]["alg"], "RS256");
    // The inner JWS is the outer plaintext.
    let inner = jwt(
        &["decrypt", "--key", &encryption, "--alg", "RSA1_5", token],
        None,
    );
    assert_eq!(inner.success(), a2["inner_jws"].as_str().unwrap());
}

#[test]
fn rfc7520_signatures_verify_with_verify_raw() {
    let dir = TempDir::new("vectors-7520-jws");
    let mut checked = 0;
    for folder in ["rfc7520/jws", "rfc7520/rfc7797", "rfc7520/curve25519"] {
        for (name, vector) in vectors::files_in(folder) {
            let input = &vector["input"];
            if vector.get("signing").is_none() {
                continue; // curve25519 also holds a JWE
            }
            let key = key_file(&dir, &name, &input["key"]);
            let payload = input["payload"].as_str().unwrap();
            let payload_file = dir.file(&format!("{name}.payload"), payload);
            for (form, output) in vector["output"].as_object().unwrap() {
                let token = token_text(output);
                let detached = match output {
                    Value::String(compact) => compact.split('.').nth(1) == Some(""),
                    json => json.get("payload").is_none(),
                };
                let mut line: Vec<String> = vec![
                    "verify".into(),
                    "--raw".into(),
                    "--json".into(),
                    "--key".into(),
                    key.clone(),
                ];
                line.extend(alg_flags(&input["alg"]));
                if detached {
                    line.extend(["--detached-payload".to_owned(), payload_file.clone()]);
                }
                line.push(token.clone());
                let out = run(&line);
                if name.starts_with("4.2.") {
                    // {"b64":false} without "crit" (see the vectors' README): refused.
                    out.json_failure(1, "unknown_crit");
                    continue;
                }
                out.success();
                assert_eq!(
                    out.json()["payload_b64u"],
                    base64url::encode(payload),
                    "{name} {form}"
                );
                *line.last_mut().unwrap() = tamper(&token);
                // Refused for its signature, not for some parse error.
                run(&line).json_failure(1, "bad_signature");
                checked += 1;
            }
        }
    }
    assert!(checked >= 25, "{checked}");
}

#[test]
fn rfc7520_deterministic_signatures_are_reproduced_by_sign() {
    let dir = TempDir::new("vectors-7520-sign");
    let cases = [
        (
            "rfc7520/jws/4_1.rsa_v15_signature.json",
            &["--alg", "RS256"][..],
        ),
        ("rfc7520/jws/4_4.hmac-sha2_integrity_protection.json", &[]),
        (
            "rfc7520/jws/4_5.signature_with_detached_content.json",
            &["--detached"],
        ),
        ("rfc7520/rfc7797/hmac-sha2_b64_false.json", &["--unencoded"]),
    ];
    for (file, extra) in cases {
        let vector = vectors::load(file);
        let key = key_file(&dir, "key", &vector["input"]["key"]);
        let payload = vector["input"]["payload"].as_str().unwrap();
        let mut line = vec!["sign", "--key", &key, "--payload", payload];
        line.extend_from_slice(extra);
        let out = jwt(&line, None);
        assert_eq!(
            out.success().trim_end(),
            vector["output"]["compact"].as_str().unwrap(),
            "{file}"
        );
        if file.contains("4_4") {
            line.extend_from_slice(&["--serialization", "flattened"]);
            let flat: Value = serde_json::from_str(jwt(&line, None).success()).unwrap();
            assert_eq!(flat, vector["output"]["json_flat"]);
        }
    }
}

#[test]
fn rfc7520_encryptions_decrypt_with_decrypt() {
    let dir = TempDir::new("vectors-7520-jwe");
    let mut checked = 0;
    for folder in ["rfc7520/jwe", "rfc7520/curve25519"] {
        for (name, vector) in vectors::files_in(folder) {
            let input = &vector["input"];
            let Some(plaintext) = input["plaintext"].as_str() else {
                continue; // curve25519 also holds a JWS
            };
            // PBES2 (5.3): the password is the key.
            let keys: Vec<Value> = match (&input["key"], input["pwd"].as_str()) {
                (_, Some(pwd)) => vec![json!({"kty": "oct", "k": base64url::encode(pwd)})],
                (Value::Array(keys), _) => keys.clone(),
                (key, _) => vec![key.clone()],
            };
            let algs: Vec<Value> = match &input["alg"] {
                Value::Array(algs) => algs.clone(),
                alg => vec![alg.clone()],
            };
            for (index, (key, alg)) in keys.iter().zip(&algs).enumerate() {
                let key = key_file(&dir, &format!("{name}.{index}"), key);
                for (form, output) in vector["output"].as_object().unwrap() {
                    let token = token_text(output);
                    let mut line: Vec<String> = vec![
                        "decrypt".into(),
                        "--json".into(),
                        "--key".into(),
                        key.clone(),
                    ];
                    line.extend(alg_flags(alg));
                    line.push(token.clone());
                    let out = run(&line);
                    out.success();
                    assert_eq!(
                        out.json()["plaintext_b64u"],
                        base64url::encode(plaintext),
                        "{name} {form} #{index}"
                    );
                    assert_eq!(out.json()["header"]["alg"], *alg, "{name} {form}");
                    *line.last_mut().unwrap() = tamper(&token);
                    run(&line).json_failure(1, "decryption_failed");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 35, "{checked}");
}

#[test]
fn rfc7520_nested_token_validates_with_verify() {
    let dir = TempDir::new("vectors-7520-nested");
    let vector = vectors::load("rfc7520/6.nesting_signatures_and_encryption.json");
    let signing = key_file(&dir, "sig", &vector["sign"]["input"]["key"]);
    let encryption = key_file(&dir, "enc", &vector["encrypt"]["input"]["key"]);
    let token = vector["encrypt"]["output"]["compact"].as_str().unwrap();
    let line = [
        "verify",
        "--json",
        "--expect",
        "nested",
        "--key",
        &signing,
        "--alg",
        "PS256",
        "--decrypt-key",
        &encryption,
        "--now",
        "1300819000",
        "--iss",
        "hobbiton.example",
        token,
    ];
    let out = jwt(&line, None);
    out.success();
    let claims: Value =
        serde_json::from_str(vector["sign"]["input"]["payload"].as_str().unwrap()).unwrap();
    assert_eq!(out.json()["claims"], claims);
    assert_eq!(out.json()["header"]["alg"], "RSA-OAEP");
    assert_eq!(out.json()["inner_header"]["alg"], "PS256");
    // Only the compact form is a JWT.
    let json_form = token_text(&vector["encrypt"]["output"]["json_flat"]);
    let mut json_line = line;
    json_line[json_line.len() - 1] = &json_form;
    jwt(&json_line, None).json_failure(1, "malformed");
}
