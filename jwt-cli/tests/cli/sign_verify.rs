//! `jwt sign` with `jwt verify --raw` and `jwt verify` (JWT validation) through the
//! binary: round trips, every exit code, the JSON shapes and the claim errors.

use crate::common::{jwt, Run, TempDir};
use jwt_core::base64url;
use serde_json::{json, Value};

/// HS256 key bound to its algorithm (RFC 7515 A.1's key plus `alg`).
const HS256: &str = r#"{"kty":"oct","alg":"HS256","kid":"h","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
/// The same secret without `alg`: every command must be told the algorithm.
const NO_ALG: &str = r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;

struct Keys {
    tmp: TempDir,
    hs: String,
    no_alg: String,
    es: String,
    es_public: String,
}

fn keys(name: &str) -> Keys {
    let dir = TempDir::new(name);
    let es_jwk = jwt(&["keygen", "--alg", "ES256", "--kid", "e"], None);
    let es = dir.file("es.jwk", es_jwk.success());
    let public = jwt(&["pubkey", "--key", &es], None);
    Keys {
        hs: dir.file("hs.jwk", HS256),
        no_alg: dir.file("noalg.jwk", NO_ALG),
        es_public: dir.file("es.pub.jwk", public.success()),
        es,
        tmp: dir,
    }
}

fn run(args: &[&str]) -> Run {
    jwt(args, None)
}

/// Signs with `args` and returns the token (first line of stdout).
fn sign(args: &[&str]) -> String {
    let mut line = vec!["sign"];
    line.extend_from_slice(args);
    let run = run(&line);
    run.success().trim_end().to_owned()
}

fn b64(text: &str) -> String {
    base64url::encode(text)
}

fn segment_json(token: &str, index: usize) -> Value {
    let segment = token.split('.').nth(index).unwrap();
    serde_json::from_slice(&base64url::decode(segment).unwrap()).unwrap()
}

#[test]
fn sign_then_verify_raw_in_every_serialization() {
    let k = keys("raw-forms");
    for form in ["compact", "flattened", "general"] {
        let token = sign(&[
            "--key",
            &k.hs,
            "--payload",
            "hello $.02",
            "--serialization",
            form,
        ]);
        assert_eq!(token.starts_with('{'), form != "compact", "{token}");
        let out = run(&["verify", "--raw", "--key", &k.hs, "--json", &token]);
        out.success();
        assert_eq!(
            out.json(),
            json!({"ok": true, "header": {"alg": "HS256", "kid": "h"}, "payload_b64u": b64("hello $.02")})
        );
        // Without --json: the payload exactly, no newline added.
        let plain = run(&["verify", "--raw", "--key", &k.hs, &token]);
        assert_eq!(plain.success(), "hello $.02");
    }
}

#[test]
fn an_asymmetric_key_signs_and_its_public_key_verifies() {
    let k = keys("raw-es");
    let token = sign(&["--key", &k.es, "--payload", "p"]);
    assert_eq!(segment_json(&token, 0), json!({"alg": "ES256", "kid": "e"}));
    let out = run(&["verify", "--raw", "--key", &k.es_public, &token]);
    assert_eq!(out.success(), "p");
    // The HMAC key has another alg: nothing it allows fits this token.
    run(&["verify", "--raw", "--key", &k.hs, &token]).failure(1, "alg_not_allowed");
}

#[test]
fn detached_and_unencoded_payloads() {
    let k = keys("raw-detached");
    let payload = k.tmp.file("payload.txt", "$.02");
    for extra in [&[][..], &["--unencoded"][..]] {
        for form in ["compact", "flattened", "general"] {
            let mut args = vec!["--key", &k.hs, "--payload", "$.02", "--detached"];
            args.extend_from_slice(extra);
            args.extend_from_slice(&["--serialization", form]);
            let token = sign(&args);
            if form == "compact" {
                assert_eq!(token.split('.').nth(1), Some(""), "{token}");
            } else {
                assert!(!token.contains("\"payload\""), "{token}");
            }
            let out = run(&[
                "verify",
                "--raw",
                "--key",
                &k.hs,
                "--detached-payload",
                &payload,
                "--json",
                &token,
            ]);
            out.success();
            assert_eq!(out.json()["payload_b64u"], b64("$.02"));
            if !extra.is_empty() {
                assert_eq!(out.json()["header"]["b64"], false);
                assert_eq!(out.json()["header"]["crit"], json!(["b64"]));
            }
            // Without the payload there is nothing to verify against. The JSON forms
            // have no payload member (malformed); a compact token's empty segment is read
            // as an empty payload, which the signature does not cover.
            let kind = if form == "compact" {
                "bad_signature"
            } else {
                "malformed"
            };
            run(&["verify", "--raw", "--key", &k.hs, &token]).failure(1, kind);
        }
    }
    // RFC 7797 §5.2: an unencoded compact payload cannot contain '.'.
    run(&["sign", "--key", &k.hs, "--payload", "$.02", "--unencoded"]).failure(2, "invalid_header");
    let attached = sign(&["--key", &k.hs, "--payload", "$02", "--unencoded"]);
    assert_eq!(attached.split('.').nth(1), Some("$02"));
    assert_eq!(
        run(&["verify", "--raw", "--key", &k.hs, &attached]).success(),
        "$02"
    );
    // A missing detached-payload file is a usage error.
    run(&[
        "verify",
        "--raw",
        "--key",
        &k.hs,
        "--detached-payload",
        "/nonexistent/p",
        &attached,
    ])
    .failure(2, "malformed");
}

#[test]
fn payload_from_stdin_and_token_from_stdin() {
    let k = keys("stdin");
    let token = jwt(&["sign", "--key", &k.hs], Some("line\n"))
        .success()
        .to_owned();
    let out = jwt(&["verify", "--raw", "--key", &k.hs], Some(&token));
    // The payload keeps its newline; the token on stdin loses its own.
    assert_eq!(out.success(), "line\n");
}

#[test]
fn header_typ_kid_and_alg_from_the_key() {
    let k = keys("header");
    let token = sign(&[
        "--key",
        &k.hs,
        "--header",
        r#"{"x":[1]}"#,
        "--typ",
        "at+jwt",
        "--kid",
        "other",
        "--payload",
        "p",
    ]);
    assert_eq!(
        segment_json(&token, 0),
        json!({"alg": "HS256", "x": [1], "typ": "at+jwt", "kid": "other"})
    );
    // --header and --typ disagree.
    run(&[
        "sign",
        "--key",
        &k.hs,
        "--header",
        r#"{"typ":"a"}"#,
        "--typ",
        "b",
        "--payload",
        "p",
    ])
    .failure(2, "invalid_header");
    // --header may not contradict the algorithm.
    run(&[
        "sign",
        "--key",
        &k.hs,
        "--header",
        r#"{"alg":"HS512"}"#,
        "--payload",
        "p",
    ])
    .failure(2, "invalid_header");
    // A key without alg needs --alg; with it, it signs.
    run(&["sign", "--key", &k.no_alg, "--payload", "p"]).failure(2, "alg_not_allowed");
    let token = sign(&["--key", &k.no_alg, "--alg", "HS384", "--payload", "p"]);
    assert_eq!(segment_json(&token, 0), json!({"alg": "HS384"}));
    // A key bound to HS256 refuses another algorithm.
    run(&["sign", "--key", &k.hs, "--alg", "HS512", "--payload", "p"])
        .failure(2, "key_type_mismatch");
    run(&["sign", "--key", &k.hs, "--alg", "hs256", "--payload", "p"])
        .failure(2, "unsupported_alg");
}

#[test]
fn a_jwk_set_signs_with_the_key_kid_names() {
    let k = keys("set");
    let es: Value = serde_json::from_str(&std::fs::read_to_string(&k.es).unwrap()).unwrap();
    let hs: Value = serde_json::from_str(HS256).unwrap();
    let set = k
        .tmp
        .file("set.json", json!({"keys": [hs, es]}).to_string());
    let token = sign(&["--key", &set, "--kid", "e", "--payload", "p"]);
    assert_eq!(segment_json(&token, 0)["alg"], "ES256");
    run(&["sign", "--key", &set, "--payload", "p"]).failure(2, "invalid_key");
    run(&["sign", "--key", &set, "--kid", "zz", "--payload", "p"]).failure(2, "key_not_found");
    // The set verifies by kid, each key under its own alg.
    assert_eq!(
        run(&["verify", "--raw", "--key", &set, &token]).success(),
        "p"
    );
}

#[test]
fn claims_and_generated_claims() {
    let k = keys("claims");
    let token = sign(&[
        "--key",
        &k.hs,
        "--claims",
        r#"{"sub":"a","n":1}"#,
        "--iat",
        "--nbf",
        "--exp-in",
        "100",
        "--jti",
        "--now",
        "1000",
    ]);
    let claims = segment_json(&token, 1);
    assert_eq!(claims["iat"], 1000);
    assert_eq!(claims["nbf"], 1000);
    assert_eq!(claims["exp"], 1100);
    assert_eq!(
        base64url::decode(claims["jti"].as_str().unwrap())
            .unwrap()
            .len(),
        16
    );
    // Generated claims never replace given ones.
    let token = sign(&[
        "--key",
        &k.hs,
        "--claims",
        r#"{"exp":5}"#,
        "--exp-in",
        "100",
        "--now",
        "1000",
    ]);
    assert_eq!(segment_json(&token, 1), json!({"exp": 5}));
    // Claims on stdin get generated claims too.
    let token = jwt(
        &["sign", "--key", &k.hs, "--iat", "--now", "7"],
        Some("{\"a\":true}\n"),
    );
    assert_eq!(
        segment_json(token.success().trim_end(), 1),
        json!({"a": true, "iat": 7})
    );
    // Two jti are different.
    let jti = |t: &str| segment_json(t, 1)["jti"].clone();
    let a = sign(&["--key", &k.hs, "--claims", "{}", "--jti"]);
    let b = sign(&["--key", &k.hs, "--claims", "{}", "--jti"]);
    assert_ne!(jti(&a), jti(&b));
}

#[test]
fn bad_claims_and_payload_flags_are_usage_errors() {
    let k = keys("bad-claims");
    for claims in ["[1]", "\"s\"", "{", r#"{"a":1,"a":2}"#] {
        let out = run(&["sign", "--key", &k.hs, "--claims", claims, "--json"]);
        let error = out.json_failure(
            2,
            if claims.contains("\"a\"") {
                "duplicate_member"
            } else {
                "malformed"
            },
        );
        assert!(
            error["message"].as_str().unwrap().starts_with("--claims"),
            "{error}"
        );
    }
    run(&["sign", "--key", &k.hs, "--payload", "x", "--iat"]).failure(2, "malformed");
    jwt(&["sign", "--key", &k.hs, "--jti"], Some("not json")).failure(2, "malformed");
    run(&["sign", "--key", &k.hs, "--payload", "x", "--claims", "{}"]).failure(2, "malformed");
    run(&["sign", "--key", "/nonexistent/key", "--payload", "x"]).failure(2, "invalid_key");
    run(&["sign", "--payload", "x"]).failure(2, "malformed"); // no --key
}

#[test]
fn unsecured_tokens_only_by_name() {
    let k = keys("none");
    let token = sign(&["--alg", "none", "--claims", r#"{"a":1}"#]);
    assert!(token.ends_with('.'), "{token}");
    assert_eq!(segment_json(&token, 0), json!({"alg": "none"}));
    run(&["verify", "--raw", "--key", &k.hs, &token]).failure(1, "alg_not_allowed");
    let out = run(&[
        "verify", "--raw", "--key", &k.hs, "--alg", "none", "--json", &token,
    ]);
    out.success();
    assert_eq!(out.json()["payload_b64u"], b64(r#"{"a":1}"#));
    // Naming none next to a real algorithm still verifies signed tokens.
    let signed = sign(&["--key", &k.hs, "--payload", "s"]);
    let both = run(&[
        "verify", "--raw", "--key", &k.hs, "--alg", "none", "--alg", "HS256", &signed,
    ]);
    assert_eq!(both.success(), "s");
    // ...and only none does not.
    run(&["verify", "--raw", "--key", &k.hs, "--alg", "none", &signed])
        .failure(1, "alg_not_allowed");
    // JWT validation reads an unsecured token only when none is named, and still
    // validates its claims.
    run(&["verify", "--key", &k.hs, "--no-exp", &token]).failure(1, "alg_not_allowed");
    let claims = run(&[
        "verify", "--key", &k.hs, "--alg", "none", "--no-exp", "--json", &token,
    ]);
    claims.success();
    assert_eq!(claims.json()["claims"], json!({"a": 1}));
    assert_eq!(claims.json()["header"], json!({"alg": "none"}));
    run(&["verify", "--key", &k.hs, "--alg", "none", &token]).failure(1, "missing_claim");
    run(&[
        "verify",
        "--key",
        &k.hs,
        "--alg",
        "none",
        "--no-exp",
        "--require",
        "b",
        &token,
    ])
    .failure(1, "missing_claim");
    // A signed JWT still needs its own algorithm named next to none...
    let jwt = sign(&["--key", &k.hs, "--claims", r#"{"b":2}"#]);
    run(&["verify", "--key", &k.hs, "--alg", "none", "--no-exp", &jwt])
        .failure(1, "alg_not_allowed");
    let out = run(&[
        "verify", "--key", &k.hs, "--alg", "none", "--alg", "HS256", "--no-exp", &jwt,
    ]);
    assert_eq!(out.success().trim_end(), r#"{"b":2}"#);
    run(&["sign", "--alg", "none", "--payload", "x", "--detached"]).failure(2, "invalid_header");
}

#[test]
fn verify_raw_exit_codes() {
    let k = keys("raw-exit");
    let token = sign(&["--key", &k.hs, "--payload", "p"]);
    let mut tampered = token.clone();
    tampered.pop();
    tampered.push(if token.ends_with('A') { 'B' } else { 'A' });
    run(&["verify", "--raw", "--key", &k.hs, &tampered]).failure(1, "bad_signature");
    run(&["verify", "--raw", "--key", &k.hs, "a.b"]).failure(1, "malformed");
    run(&["verify", "--raw", "--key", &k.hs, "--alg", "HS384", &token])
        .failure(1, "alg_not_allowed");
    // The key has no alg and none is named: exit 2 before the token is read.
    run(&["verify", "--raw", "--key", &k.no_alg, &token]).failure(2, "alg_not_allowed");
    assert_eq!(
        run(&["verify", "--raw", "--key", &k.no_alg, "--alg", "HS256", &token]).success(),
        "p"
    );
    run(&["verify", "--raw", "--key", &k.hs, "--alg", "XX", &token]).failure(2, "unsupported_alg");
    // JWT-only flags do not mix with --raw.
    run(&["verify", "--raw", "--key", &k.hs, "--iss", "x", &token]).failure(2, "malformed");
    run(&["verify", "--raw", "--key", &k.hs, "--max-p2c", "5", &token]).failure(2, "malformed");
    run(&["verify", "--key", &k.hs, "--detached-payload", "f", &token]).failure(2, "malformed");
    let json = run(&["verify", "--raw", "--key", &k.hs, "--json", &tampered]);
    let error = json.json_failure(1, "bad_signature");
    assert!(error.get("claim").is_none());
}

/// A token with these claims, signed with the HS256 key.
fn jwt_token(k: &Keys, claims: Value) -> String {
    sign(&["--key", &k.hs, "--claims", &claims.to_string()])
}

fn verify(k: &Keys, token: &str, extra: &[&str]) -> Run {
    let mut line = vec!["verify", "--key", &k.hs, "--json"];
    line.extend_from_slice(extra);
    line.push(token);
    run(&line)
}

#[test]
fn sign_then_verify_prints_the_claims() {
    let k = keys("jwt");
    let token = sign(&[
        "--key",
        &k.hs,
        "--claims",
        r#"{"sub":"a"}"#,
        "--iat",
        "--exp-in",
        "100",
        "--now",
        "1000",
    ]);
    let plain = run(&["verify", "--key", &k.hs, "--now", "1050", &token]);
    let printed: Value = serde_json::from_str(plain.success()).unwrap();
    assert_eq!(printed, json!({"sub": "a", "iat": 1000, "exp": 1100}));
    assert_eq!(plain.stdout.lines().count(), 1);
    let out = verify(&k, &token, &["--now", "1050"]);
    out.success();
    assert_eq!(
        out.json(),
        json!({"ok": true, "header": {"alg": "HS256", "kid": "h"}, "claims": {"sub": "a", "iat": 1000, "exp": 1100}})
    );
    // Token on stdin.
    let piped = jwt(
        &["verify", "--key", &k.hs, "--now", "1050"],
        Some(&format!("{token}\n")),
    );
    assert_eq!(piped.success(), plain.stdout);
}

#[test]
fn exp_and_nbf_boundaries_with_now_and_leeway() {
    let k = keys("times");
    let token = jwt_token(&k, json!({"exp": 1100, "nbf": 1000}));
    // Accepted iff now < exp + leeway and now >= nbf - leeway (leeway 60 by default).
    verify(&k, &token, &["--now", "1159"]).success();
    let error = verify(&k, &token, &["--now", "1160"]).json_failure(1, "expired");
    assert_eq!(error["claim"], "exp");
    verify(&k, &token, &["--now", "1099", "--leeway", "0"]).success();
    verify(&k, &token, &["--now", "1100", "--leeway", "0"]).json_failure(1, "expired");
    verify(&k, &token, &["--now", "940"]).success();
    let error = verify(&k, &token, &["--now", "939"]).json_failure(1, "not_yet_valid");
    assert_eq!(error["claim"], "nbf");
    verify(&k, &token, &["--now", "1000", "--leeway", "0"]).success();
    verify(&k, &token, &["--now", "999", "--leeway", "0"]).json_failure(1, "not_yet_valid");
    // The human form: one line on stderr.
    run(&["verify", "--key", &k.hs, "--now", "5000", &token]).failure(1, "expired");
    // --now is global: it may come before the command.
    let out = run(&["--now", "1050", "verify", "--key", &k.hs, &token]);
    out.success();
}

#[test]
fn exp_is_required_unless_no_exp() {
    let k = keys("no-exp");
    let token = jwt_token(&k, json!({"sub": "a"}));
    let error = verify(&k, &token, &[]).json_failure(1, "missing_claim");
    assert_eq!(error["claim"], "exp");
    verify(&k, &token, &["--no-exp"]).success();
    // --no-exp still checks an exp that is present.
    let expired = jwt_token(&k, json!({"exp": 10}));
    verify(&k, &expired, &["--no-exp", "--now", "100"]).json_failure(1, "expired");
    let wrong_type = jwt_token(&k, json!({"exp": "soon"}));
    let error = verify(&k, &wrong_type, &[]).json_failure(1, "invalid_claim");
    assert_eq!(error["claim"], "exp");
}

#[test]
fn claim_checks_carry_the_claim_name() {
    let k = keys("claim-checks");
    let token = jwt_token(
        &k,
        json!({"exp": 2000, "iat": 1000, "iss": "me", "sub": "s", "aud": ["a", "b"], "role": "admin", "n": [1]}),
    );
    let ok = |extra: &[&str]| {
        let mut line = vec!["--now", "1000"];
        line.extend_from_slice(extra);
        verify(&k, &token, &line).success();
    };
    let claim_error = |extra: &[&str], kind: &str, claim: &str| {
        let mut line = vec!["--now", "1000"];
        line.extend_from_slice(extra);
        let error = verify(&k, &token, &line).json_failure(1, kind);
        assert_eq!(error["claim"], claim, "{extra:?}: {error}");
    };
    ok(&["--aud", "b", "--iss", "other", "--iss", "me", "--sub", "s"]);
    ok(&[
        "--any-aud",
        "--require",
        "role",
        "--require",
        r#"role="admin""#,
        "--require",
        "n=[1]",
    ]);
    claim_error(&[], "claim_mismatch", "aud");
    claim_error(&["--aud", "c"], "claim_mismatch", "aud");
    claim_error(&["--any-aud", "--iss", "you"], "claim_mismatch", "iss");
    claim_error(&["--any-aud", "--sub", "t"], "claim_mismatch", "sub");
    claim_error(
        &["--any-aud", "--require", "missing"],
        "missing_claim",
        "missing",
    );
    claim_error(
        &["--any-aud", "--require", r#"role="user""#],
        "claim_mismatch",
        "role",
    );
    claim_error(&["--any-aud", "--require", "n=[2]"], "claim_mismatch", "n");
    let plain = jwt_token(&k, json!({"exp": 2000}));
    for (flag, value, claim) in [
        ("--aud", "x", "aud"),
        ("--iss", "x", "iss"),
        ("--sub", "x", "sub"),
    ] {
        let error =
            verify(&k, &plain, &[flag, value, "--now", "1000"]).json_failure(1, "missing_claim");
        assert_eq!(error["claim"], claim);
    }
    // --max-age: iat 1000, so at 1100 (+ 60 leeway) a 30 s max age is exceeded.
    ok(&["--any-aud", "--max-age", "100"]);
    let error = verify(
        &k,
        &token,
        &["--any-aud", "--max-age", "30", "--now", "1100"],
    )
    .json_failure(1, "token_too_old");
    assert_eq!(error["claim"], "iat");
    let error =
        verify(&k, &plain, &["--max-age", "30", "--now", "1000"]).json_failure(1, "missing_claim");
    assert_eq!(error["claim"], "iat");
    // iat in the future.
    let error =
        verify(&k, &token, &["--any-aud", "--now", "900"]).json_failure(1, "issued_in_future");
    assert_eq!(error["claim"], "iat");
}

#[test]
fn typ_is_checked_case_insensitively_and_is_no_claim_error() {
    let k = keys("typ");
    let token = sign(&[
        "--key",
        &k.hs,
        "--typ",
        "at+jwt",
        "--claims",
        r#"{"exp":2000}"#,
    ]);
    verify(&k, &token, &["--now", "1", "--typ", "application/AT+JWT"]).success();
    let error = verify(&k, &token, &["--now", "1", "--typ", "JWT"]).json_failure(1, "typ_mismatch");
    assert!(error.get("claim").is_none(), "{error}");
}

#[test]
fn verify_rejects_and_usage_errors() {
    let k = keys("jwt-exit");
    let token = jwt_token(&k, json!({"exp": 2000}));
    // Rejected (exit 1).
    verify(&k, &token, &["--alg", "HS512"]).json_failure(1, "alg_not_allowed");
    let raw = sign(&["--key", &k.hs, "--payload", "not json"]);
    verify(&k, &raw, &["--now", "1"]).json_failure(1, "malformed");
    let array = sign(&["--key", &k.hs, "--payload", "[1]"]);
    verify(&k, &array, &["--now", "1"]).json_failure(1, "malformed");
    let json_form = sign(&[
        "--key",
        &k.hs,
        "--claims",
        r#"{"exp":2000}"#,
        "--serialization",
        "flattened",
    ]);
    verify(&k, &json_form, &["--now", "1"]).json_failure(1, "malformed");
    let short = verify(&k, &token, &["--now", "1", "--max-token", "20"]);
    short.json_failure(1, "limit_exceeded");
    verify(&k, &token, &["--now", "1", "--max-token", "100000"]).success();
    let es_token = sign(&["--key", &k.es, "--claims", r#"{"exp":2000}"#]);
    run(&["verify", "--key", &k.es_public, "--now", "1", &es_token]).success();
    // Could not run (exit 2).
    verify(&k, &token, &["--alg", "XX"]).json_failure(2, "unsupported_alg");
    run(&["verify", "--key", &k.no_alg, "--json", &token]).json_failure(2, "alg_not_allowed");
    run(&[
        "verify", "--key", &k.no_alg, "--alg", "HS256", "--now", "1", &token,
    ])
    .success();
    run(&["verify", "--key", "/nonexistent", &token]).failure(2, "invalid_key");
    verify(&k, &token, &["--require", "=1"]).json_failure(2, "malformed");
    verify(&k, &token, &["--require", "a=not-json"]).json_failure(2, "malformed");
    verify(&k, &token, &["--enc", "A128GCM"]).json_failure(2, "malformed");
    verify(&k, &token, &["--outer-alg", "A128KW"]).json_failure(2, "malformed");
    verify(&k, &token, &["--decrypt-key", &k.hs]).json_failure(2, "malformed");
    verify(&k, &token, &["--max-p2c", "10"]).json_failure(2, "malformed");
    verify(&k, &token, &["--expect", "JWS"]).json_failure(2, "malformed");
    verify(&k, &token, &["--leeway", "-1"]).json_failure(2, "malformed");
}

#[test]
fn key_use_and_key_file_problems() {
    let k = keys("key-use");
    let token = sign(&["--key", &k.hs, "--payload", "p"]);
    // The same secret marked for encryption never verifies (or makes) a signature.
    let enc = k.tmp.file(
        "enc.jwk",
        NO_ALG.replace(r#""kty":"oct""#, r#""kty":"oct","use":"enc""#),
    );
    run(&["verify", "--raw", "--key", &enc, "--alg", "HS256", &token])
        .failure(1, "key_type_mismatch");
    run(&["sign", "--key", &enc, "--alg", "HS256", "--payload", "p"])
        .failure(2, "key_type_mismatch");
    // An unreadable or invalid key file: exit 2 whatever the token.
    let garbage = k.tmp.file("garbage", "hello");
    run(&[
        "verify", "--raw", "--key", &garbage, "--alg", "HS256", &token,
    ])
    .failure(2, "invalid_key");
    run(&["verify", "--key", &garbage, "--alg", "HS256", &token]).failure(2, "invalid_key");
    let short = k.tmp.file("short.jwk", r#"{"kty":"oct","k":"AAAA"}"#);
    // A key too short for HS256 is refused at use, as an invalid key file.
    run(&["verify", "--raw", "--key", &short, "--alg", "HS256", &token]).failure(2, "weak_key");
    run(&["verify", "--key", &short, "--alg", "HS256", &token]).failure(2, "weak_key");
}
