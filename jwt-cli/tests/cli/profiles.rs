//! `jwt verify --profile access-token|id-token` and `jwt dpop verify` through the
//! binary: the specifications' examples, the exit codes, the JSON shapes and the usage
//! errors of the profile flags.

use crate::common::{jwt, Run, TempDir};
use jwt_test_vectors as vectors;
use serde_json::{json, Value};

const ES256: &str = r#"{"kty":"EC","crv":"P-256","alg":"ES256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#;
const NOW: &str = "1700000000";

/// A token signed by `jwt sign` with the ES256 key (written to `dir`), with `typ` and
/// `claims`: the key file's path and the token.
fn sign_es256(dir: &TempDir, typ: &str, claims: Value) -> (String, String) {
    let key = dir.file("es.jwk", ES256);
    let text = claims.to_string();
    let token = jwt(
        &["sign", "--key", &key, "--typ", typ, "--claims", &text],
        None,
    );
    (key, token.success().trim_end().to_owned())
}

fn at_claims() -> Value {
    json!({"iss": "https://as.example.com", "exp": 1700000600, "aud": "https://rs.example.com",
        "sub": "alice", "client_id": "app", "iat": 1699999990, "jti": "t-1", "scope": "read write"})
}

#[test]
fn access_token_profile() {
    let dir = TempDir::new("profile-at");
    let (key, token) = sign_es256(&dir, "at+jwt", at_claims());
    let base = [
        "verify",
        "--profile",
        "access-token",
        "--key",
        &key,
        "--now",
        NOW,
    ];
    let with = |extra: &[&str], token: &str| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        args.push(token);
        jwt(&args, None)
    };
    let trusted = [
        "--iss",
        "https://as.example.com",
        "--aud",
        "https://rs.example.com",
    ];
    let out = with(
        &[
            &trusted[..],
            &["--client-id", "app", "--scope", "write", "--json"],
        ]
        .concat(),
        &token,
    );
    assert!(!out.success().is_empty());
    assert_eq!(out.json()["claims"]["client_id"], "app");
    assert_eq!(out.json()["header"]["typ"], "at+jwt");
    // One value either side of each rule.
    with(&[&trusted[..], &["--client-id", "app2"]].concat(), &token).failure(1, "claim_mismatch");
    with(&[&trusted[..], &["--scope", "writ"]].concat(), &token).failure(1, "claim_mismatch");
    let (_, jwt_typed) = sign_es256(&dir, "JWT", at_claims());
    with(&trusted, &jwt_typed).failure(1, "typ_mismatch");
    let mut no_jti = at_claims();
    no_jti.as_object_mut().unwrap().remove("jti");
    let (_, no_jti) = sign_es256(&dir, "at+jwt", no_jti);
    let error =
        with(&[&trusted[..], &["--json"]].concat(), &no_jti).json_failure(1, "missing_claim");
    assert_eq!(error["claim"], "jti");
    // The verifier must be told whom it trusts.
    with(&["--aud", "https://rs.example.com"], &token).failure(2, "claim_mismatch");
    with(&["--iss", "https://as.example.com"], &token).failure(2, "claim_mismatch");
    with(&[&trusted[..], &["--nonce", "n"]].concat(), &token).failure(2, "malformed");
}

/// The OpenID provider of the OpenID Connect Core examples.
const OP: &str = "http://server.example.com";

/// `jwt verify --profile id-token` with `key`, `--now`, `--iss`, then `extra`, then `token`.
fn verify_id_token(key: &str, now: &str, issuer: &str, extra: &[&str], token: &str) -> Run {
    let mut args = vec![
        "verify",
        "--profile",
        "id-token",
        "--key",
        key,
        "--now",
        now,
        "--iss",
        issuer,
    ];
    args.extend_from_slice(extra);
    args.push(token);
    jwt(&args, None)
}

#[test]
fn id_token_profile_with_the_openid_connect_example() {
    let a = vectors::load("openid/oidc_core_appendix_a.json");
    let dir = TempDir::new("profile-id");
    let key = dir.file("op.jwk", a["key"].to_string());
    let a3 = a["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "oidc-core-a.3")
        .unwrap();
    let token = a3["id_token"].as_str().unwrap();
    let access = a3["access_token"].as_str().unwrap();
    let now = (a["iat"].as_i64().unwrap() + 5).to_string();
    let run = |extra: &[&str]| verify_id_token(&key, &now, OP, extra, token);
    let out = run(&[
        "--client-id",
        "s6BhdRkqt3",
        "--nonce",
        "n-0S6_WzA2Mj",
        "--access-token",
        access,
        "--json",
    ]);
    out.success();
    assert_eq!(out.json()["claims"]["sub"], "248289761001");
    let error = run(&[
        "--client-id",
        "s6BhdRkqt3",
        "--nonce",
        "n-0S6_WzA2Mk",
        "--json",
    ])
    .json_failure(1, "claim_mismatch");
    assert_eq!(error["claim"], "nonce");
    let error = run(&["--client-id", "s6BhdRkqt3", "--access-token", "x", "--json"])
        .json_failure(1, "claim_mismatch");
    assert_eq!(error["claim"], "at_hash");
    run(&["--client-id", "other"]).failure(1, "claim_mismatch");
    let error = run(&["--client-id", "s6BhdRkqt3", "--code", "x", "--json"])
        .json_failure(1, "missing_claim");
    assert_eq!(error["claim"], "c_hash");
    let error = run(&["--client-id", "s6BhdRkqt3", "--max-age", "60", "--json"])
        .json_failure(1, "missing_claim");
    assert_eq!(error["claim"], "auth_time");
    run(&[]).failure(2, "malformed");
    run(&["--client-id", "s6BhdRkqt3", "--sub", "x"]).failure(2, "malformed");
    run(&["--client-id", "s6BhdRkqt3", "--scope", "x"]).failure(2, "malformed");

    // A.4, code flow with c_hash.
    let a4 = a["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "oidc-core-a.4")
        .unwrap();
    let code = a4["code"].as_str().unwrap();
    let run_a4 = |code: &str| {
        let extra = ["--client-id", "s6BhdRkqt3", "--code", code];
        verify_id_token(&key, &now, OP, &extra, a4["id_token"].as_str().unwrap())
    };
    run_a4(code).success();
    run_a4(&code[1..]).failure(1, "claim_mismatch");
}

/// Several audiences without `azp`: refused by default (Core 1.0 §3.1.3.7 as written),
/// accepted with `--allow-missing-azp`; an `azp` naming another party stays refused.
#[test]
fn id_token_azp_with_several_audiences() {
    let dir = TempDir::new("profile-azp");
    let claims = |azp: Option<&str>| {
        let mut claims = json!({"iss": "https://op.example.com", "sub": "alice",
            "aud": ["app", "https://api.example.com"], "exp": 1700000600, "iat": 1699999990});
        if let Some(azp) = azp {
            claims["azp"] = json!(azp);
        }
        claims
    };
    let run = |claims: Value, extra: &[&str]| {
        let (key, token) = sign_es256(&dir, "JWT", claims);
        let audiences = [
            "--client-id",
            "app",
            "--aud",
            "https://api.example.com",
            "--json",
        ];
        verify_id_token(
            &key,
            NOW,
            "https://op.example.com",
            &[&audiences, extra].concat(),
            &token,
        )
    };
    let error = run(claims(None), &[]).json_failure(1, "missing_claim");
    assert_eq!(error["claim"], "azp");
    let out = run(claims(None), &["--allow-missing-azp"]);
    out.success();
    assert_eq!(out.json()["claims"]["sub"], "alice");
    run(claims(Some("app")), &[]).success();
    let error =
        run(claims(Some("other")), &["--allow-missing-azp"]).json_failure(1, "claim_mismatch");
    assert_eq!(error["claim"], "azp");
}

#[test]
fn profile_flags_need_their_profile() {
    let dir = TempDir::new("profile-flags");
    let (key, token) = sign_es256(&dir, "at+jwt", at_claims());
    for flag in [
        "--client-id",
        "--nonce",
        "--access-token",
        "--code",
        "--scope",
    ] {
        jwt(
            &["verify", "--key", &key, "--any-aud", flag, "x", &token],
            None,
        )
        .failure(2, "malformed");
    }
    for profile in [
        &[][..],
        &["--profile", "access-token", "--iss", "x", "--aud", "x"],
    ] {
        let mut args = vec!["verify", "--key", &key, "--allow-missing-azp"];
        args.extend_from_slice(profile);
        args.push(&token);
        jwt(&args, None).failure(2, "malformed");
    }
}

#[test]
fn dpop_verify_with_the_rfc_examples() {
    let rfc = vectors::load("rfc/rfc9449_examples.json");
    let resource = rfc["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "rfc9449-7.1")
        .unwrap();
    let text = |name: &str| resource[name].as_str().unwrap().to_owned();
    let now = resource["iat"].as_i64().unwrap().to_string();
    let jkt = rfc["jkt"].as_str().unwrap();
    let (proof, method, url, token) = (
        text("proof"),
        text("method"),
        text("uri"),
        text("access_token"),
    );
    let run = |extra: &[&str]| {
        let mut args = vec!["dpop", "verify", "--proof", &proof, "--now", &now];
        args.extend_from_slice(extra);
        jwt(&args, None)
    };
    let out = run(&[
        "--method",
        &method,
        "--url",
        &url,
        "--access-token",
        &token,
        "--jkt",
        jkt,
        "--json",
    ]);
    out.success();
    let json = out.json();
    assert_eq!(json["jkt"], jkt);
    assert_eq!(json["claims"]["htm"], "GET");
    assert_eq!(json["header"]["typ"], "dpop+jwt");
    let human = run(&["--method", &method, "--url", &url]);
    assert_eq!(
        serde_json::from_str::<Value>(human.success()).unwrap()["jti"],
        "e1j3V_bKic8-LAEB"
    );

    let refused = |extra: &[&str], kind: &str, claim: &str| {
        let error = run(&[extra, &["--json"]].concat()).json_failure(1, kind);
        assert_eq!(error["claim"], claim, "{extra:?}");
    };
    refused(
        &["--method", "POST", "--url", &url],
        "claim_mismatch",
        "htm",
    );
    refused(
        &[
            "--method",
            &method,
            "--url",
            "http://resource.example.org/protectedresource",
        ],
        "claim_mismatch",
        "htu",
    );
    refused(
        &["--method", &method, "--url", &url, "--access-token", "x"],
        "claim_mismatch",
        "ath",
    );
    refused(
        &["--method", &method, "--url", &url, "--jkt", "x"],
        "claim_mismatch",
        "cnf",
    );
    refused(
        &["--method", &method, "--url", &url, "--nonce", "n"],
        "missing_claim",
        "nonce",
    );
    let late = (resource["iat"].as_i64().unwrap() + 66).to_string();
    let error = jwt(
        &[
            "dpop", "verify", "--proof", &proof, "--method", &method, "--url", &url, "--now",
            &late, "--json",
        ],
        None,
    )
    .json_failure(1, "token_too_old");
    assert_eq!(error["claim"], "iat");
    run(&["--method", &method, "--url", "resource.example.org"]).failure(2, "malformed");
    run(&["--method", &method]).failure(2, "malformed");
}
