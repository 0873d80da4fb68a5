//! Every example runs to completion and shows what it claims to show.

use std::process::Command;

fn run(binary: &str) -> String {
    let output = Command::new(binary).output().expect("example starts");
    assert!(
        output.status.success(),
        "{binary} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn quickstart_signs_nests_verifies_and_rejects() {
    let out = run(env!("CARGO_BIN_EXE_quickstart"));
    assert!(out.contains("verified signed token: AccessToken"), "{out}");
    assert!(out.contains("verified nested token: role admin"), "{out}");
    assert!(out.contains("claim_mismatch"), "{out}");
    assert_eq!(out.matches("token_type_mismatch").count(), 2, "{out}");
}

#[test]
fn jwks_rotation_drops_the_retired_key() {
    let out = run(env!("CARGO_BIN_EXE_jwks_rotation"));
    assert!(
        out.contains("old token after rotation: rejected, key_not_found"),
        "{out}"
    );
    assert!(
        out.contains("new token after rotation: Ok(Some(\"alice\"))"),
        "{out}"
    );
}

#[test]
fn dynamic_claims_keep_checking_exp() {
    let out = run(env!("CARGO_BIN_EXE_dynamic_claims"));
    assert!(out.contains("\"role\":\"admin\""), "{out}");
    assert!(out.contains("an hour later: expired"), "{out}");
}

#[test]
fn fixed_clock_shows_the_boundaries() {
    let out = run(env!("CARGO_BIN_EXE_fixed_clock"));
    for line in [
        "issue time -1 s: not_yet_valid",
        "issue time +0 s: valid",
        "issue time +59 s: valid",
        "issue time +60 s: expired",
    ] {
        assert!(out.contains(line), "{line} missing from:\n{out}");
    }
}

#[test]
fn token_profiles_bind_the_proof_and_refuse_the_replay() {
    let out = run(env!("CARGO_BIN_EXE_token_profiles"));
    for line in [
        "access token for alice via web-app, proof by key ",
        "replayed proof: rejected, claim_mismatch (Some(\"jti\"))",
        "access token as proof: rejected, typ_mismatch",
        "ID token for alice",
        "ID token with another nonce: rejected, claim_mismatch (Some(\"nonce\"))",
    ] {
        assert!(out.contains(line), "{line} missing from:\n{out}");
    }
}

#[test]
fn derived_profiles_reject_each_others_tokens() {
    let out = run(env!("CARGO_BIN_EXE_derive_profiles"));
    assert!(
        out.contains("ID token as access token: rejected, typ_mismatch"),
        "{out}"
    );
    assert!(
        out.contains("access token as ID token: rejected, typ_mismatch"),
        "{out}"
    );
}

#[test]
fn resource_server_demo_shows_each_answer_and_the_rotation() {
    let out = run(env!("CARGO_BIN_EXE_resource_server"));
    for line in [
        "GET /healthz (no token) -> 200",
        "GET /me (no token) -> 401\n    WWW-Authenticate: Bearer realm=\"demo\"\n",
        "GET /me (valid token) -> 200",
        "\"sub\":\"alice\"",
        "GET /me (expired token) -> 401",
        "error=\"invalid_token\", error_description=\"the token has expired\"",
        "GET /admin (token without scope admin) -> 403",
        "scope=\"admin\"",
        "GET /admin (token with scope admin) -> 200",
        "JWK Set fetches so far: 1",
        "GET /me (token from the new key) -> 200",
        "JWK Set fetches after the rotation: 2",
    ] {
        assert!(out.contains(line), "{line} missing from:\n{out}");
    }
}

/// A child process killed when dropped, so that a failed assertion leaves no server.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The server mode: discovery against a loopback provider, `listening on ADDR` once it
/// accepts connections, then the routes.
#[tokio::test]
async fn resource_server_protects_its_routes() {
    use std::io::{BufRead, BufReader};
    let provider = jwt_test_provider::Provider::start().await;
    let mut child = Running(
        Command::new(env!("CARGO_BIN_EXE_resource_server"))
            .args(["--listen", "127.0.0.1:0", "--issuer", provider.issuer()])
            .args([
                "--audience",
                "orders-api",
                "--realm",
                "api",
                "--cooldown",
                "5",
            ])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("resource_server starts"),
    );
    let stdout = child.0.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    })
    .await
    .unwrap()
    .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| {
            panic!("unexpected first line {line:?}");
        });
    let base = format!("http://{addr}");
    // The keys were fetched at start-up, before the server said it listens.
    assert_eq!(provider.jwks_fetches(), 1);
    let client = reqwest::Client::new();
    let status = |path: &'static str, token: Option<String>| {
        let mut request = client.get(format!("{base}{path}"));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        async move { request.send().await.unwrap() }
    };
    let reader = provider.mint("alice", "orders-api", serde_json::json!({"scope": "read"}));
    let admin = provider.mint("root", "orders-api", serde_json::json!({"scope": "admin"}));
    let other = provider.mint("alice", "billing-api", serde_json::json!({}));
    assert_eq!(status("/healthz", None).await.status(), 200);
    let me = status("/me", Some(reader.clone())).await;
    assert_eq!(me.status(), 200);
    let claims: serde_json::Value = serde_json::from_str(&me.text().await.unwrap()).unwrap();
    assert_eq!(claims["iss"], provider.issuer());
    assert_eq!(claims["aud"], "orders-api");
    assert!(claims["exp"].is_i64());
    let refused = status("/me", None).await;
    assert_eq!(refused.status(), 401);
    assert_eq!(
        refused.headers()["www-authenticate"],
        "Bearer realm=\"api\""
    );
    assert_eq!(status("/me", Some(other)).await.status(), 401);
    assert_eq!(status("/admin", Some(reader)).await.status(), 403);
    assert_eq!(status("/admin", Some(admin)).await.status(), 200);
    assert_eq!(
        provider.jwks_fetches(),
        1,
        "every request used the cached set"
    );
}
