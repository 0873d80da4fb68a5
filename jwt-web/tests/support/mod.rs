//! What both test binaries share: the claim type, a provider with a remote set on a
//! manual clock, forged tokens, and response assertions.
#![allow(dead_code)] // each binary uses its own part

use jwt_core::{base64url, Audience, Claims, Jwk, Jwt, NumericDate};
use jwt_test_provider::Provider;
use jwt_web::{Authenticator, ManualClock, RemoteJwks};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tracing_subscriber::layer::SubscriberExt;

pub const AUDIENCE: &str = "orders-api";
pub const REALM: &str = "orders";

/// The access token of the resource servers under test.
#[derive(Debug, Claims, Serialize, Deserialize)]
pub struct Access {
    pub iss: String,
    pub sub: String,
    pub aud: Audience,
    pub exp: NumericDate,
    pub scope: Option<String>,
    pub scp: Option<Vec<String>>,
}

/// A provider, the remote set on it (on a manual clock, short timeout) and an
/// authenticator for [`Access`] tokens.
pub struct Setup {
    pub provider: Provider,
    pub clock: ManualClock,
    pub jwks: RemoteJwks,
    pub auth: Authenticator<Access>,
}

impl Setup {
    /// With the default fetch timeout (5 s: a loaded CI machine is slow).
    pub async fn start() -> Setup {
        Setup::with_timeout(Duration::from_secs(5)).await
    }

    pub async fn with_timeout(timeout: Duration) -> Setup {
        capture_logs();
        let provider = Provider::start().await;
        let clock = ManualClock::new();
        let jwks = RemoteJwks::builder()
            .clock(clock.clone())
            .timeout(timeout)
            .build(&provider.jwks_url())
            .unwrap();
        let issuer = provider.issuer().to_owned();
        let auth = jwks
            .authenticator::<Access>(|v| v.issuer(issuer).audience(AUDIENCE))
            .unwrap()
            .with_realm(REALM);
        Setup {
            provider,
            clock,
            jwks,
            auth,
        }
    }

    /// A valid token for `alice` with `claims` added.
    pub fn token(&self, claims: Value) -> String {
        self.provider.mint("alice", AUDIENCE, claims)
    }
}

/// An unsecured token (`alg: none`) with valid claims.
pub fn alg_none(claims: &Value) -> String {
    format!(
        "{}.{}.",
        base64url::encode(br#"{"alg":"none","typ":"JWT"}"#),
        base64url::encode(claims.to_string().as_bytes())
    )
}

/// HS256 keyed with the provider's RSA public key (as its JWK text), under the RSA
/// key's `kid`: the classic algorithm confusion.
pub fn hs256_with_public_key(provider: &Provider, claims: Value) -> String {
    let public = provider.signing_key().public().unwrap();
    let secret = json!({
        "kty": "oct",
        "kid": public.kid().unwrap(),
        "k": base64url::encode(public.to_json().as_bytes()),
    });
    let key = Jwk::from_json(&secret.to_string()).unwrap();
    let Value::Object(claims) = claims else {
        panic!("claims are an object")
    };
    Jwt::new(claims)
        .sign_with(&key, jwt_core::SignatureAlgorithm::HS256)
        .unwrap()
}

/// The claims a valid token of the provider has.
pub fn valid_claims(provider: &Provider) -> Value {
    let now = NumericDate::now().seconds();
    json!({"iss": provider.issuer(), "sub": "alice", "aud": AUDIENCE, "exp": now + 300})
}

/// A response as the tests look at it.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub challenge: Option<String>,
    pub body: Value,
}

/// GET `url` with `Authorization: Bearer {token}`.
pub async fn authorized(url: &str, token: &str) -> Answer {
    request(url, &[&format!("Bearer {token}")]).await
}

/// GET `url` with these `Authorization` headers.
pub async fn request(url: &str, authorization: &[&str]) -> Answer {
    // One client for all requests: building one loads the system's root certificates.
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    let mut request = CLIENT.get_or_init(reqwest::Client::new).get(url);
    for value in authorization {
        request = request.header(reqwest::header::AUTHORIZATION, *value);
    }
    let response = request.send().await.expect("the resource server answers");
    let status = response.status().as_u16();
    let challenge = response
        .headers()
        .get(reqwest::header::WWW_AUTHENTICATE)
        .map(|v| v.to_str().unwrap().to_owned());
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer {
        status,
        challenge,
        body,
    }
}

impl Answer {
    /// A refusal with this status, RFC 6750 code and description.
    pub fn assert_refused(&self, status: u16, error: Option<&str>, description: &str) {
        assert_eq!(self.status, status, "{self:?}");
        let challenge = self.challenge.as_deref().unwrap_or_default();
        let mut expected = format!("Bearer realm=\"{REALM}\"");
        if let Some(error) = error {
            expected.push_str(&format!(
                ", error=\"{error}\", error_description=\"{description}\""
            ));
        }
        assert!(
            challenge.starts_with(&expected),
            "{challenge} vs {expected}"
        );
        assert_eq!(self.body["error"].as_str(), error, "{self:?}");
        assert_eq!(self.body["error_description"], description, "{self:?}");
        // No configuration and no claim value reaches the client.
        let all = format!("{challenge} {}", self.body);
        for secret in [AUDIENCE, "127.0.0.1", "alice"] {
            assert!(!all.contains(secret), "{secret} leaked: {all}");
        }
    }
}

/// Serves `app` on 127.0.0.1 and returns its base URL.
pub async fn serve_axum(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// Everything the binary's tests log, from the first test on.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// One global subscriber for the whole binary, installed before any test logs: a
/// per-test (thread-local) subscriber can miss events whose call sites another test
/// thread registered first without one.
pub fn capture_logs() -> &'static Captured {
    static CAPTURED: OnceLock<Captured> = OnceLock::new();
    CAPTURED.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        // jwt-web's events down to DEBUG; the HTTP stack's only from WARN (they are many).
        let only = tracing_subscriber::filter::Targets::new()
            .with_target("jwt_web", tracing::Level::DEBUG)
            .with_default(tracing::Level::WARN);
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish()
            .with(only);
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
        captured
    })
}

/// A provider, with the logs captured first.
pub async fn provider() -> Provider {
    capture_logs();
    Provider::start().await
}
