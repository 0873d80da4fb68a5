//! A loopback OpenID provider for jwt-web's tests, benchmarks and demo: it serves a
//! discovery document (OpenID Connect Discovery 1.0 and RFC 8414) and a JWK Set on
//! `127.0.0.1`, mints RS256 tokens, rotates its key, counts fetches, and fails on demand.
//! It is not a provider anyone should run: keys live in memory and nothing is checked.
#![forbid(unsafe_code)]

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use jwt_core::{Jwk, Jwt, NumericDate};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How the JWK Set endpoint answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Behaviour {
    /// The current public keys.
    #[default]
    Serve,
    /// 500 Internal Server Error.
    ServerError,
    /// Never answers within `Duration` (longer than any client timeout of a test).
    Hang(Duration),
    /// A body of this many bytes.
    Oversized(usize),
    /// 302 to a path that serves the set: a client must not follow it.
    Redirect,
    /// The keys plus one broken entry (an RSA key whose modulus is not base64url).
    BrokenEntry,
    /// A set whose only entry is broken: no usable key.
    NoUsableKey,
    /// A body of this many bytes sent in 64 KiB chunks without `Content-Length`, so
    /// that only a limit applied while reading can stop it.
    OversizedChunked(usize),
}

#[derive(Default)]
struct Shared {
    issuer: String,
    /// Private keys, newest last; all of them are published.
    keys: Mutex<Vec<Jwk>>,
    behaviour: Mutex<Behaviour>,
    /// When set, the discovery document names this issuer instead of the real one.
    document_issuer: Mutex<Option<String>>,
    cache_control: Mutex<Option<String>>,
    /// When false, only the RFC 8414 document is served.
    openid_configuration: Mutex<bool>,
    jwks_fetches: AtomicUsize,
    discovery_fetches: AtomicUsize,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A test that panicked while holding the lock has failed already; keep serving.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A running provider; it stops when dropped.
pub struct Provider {
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for Provider {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// A new RS256 signing key, its `kid` the RFC 7638 thumbprint.
pub fn new_key() -> Jwk {
    let mut key = Jwk::generate_for("RS256").expect("RSA key generation");
    key.set_alg("RS256").expect("RS256 fits an RSA key");
    key.with_thumbprint_kid()
}

impl Provider {
    /// Starts on `127.0.0.1` on a free port, with one RS256 key.
    pub async fn start() -> Provider {
        Provider::start_with_key(new_key()).await
    }

    /// Starts with this signing key.
    pub async fn start_with_key(key: Jwk) -> Provider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            issuer: format!("http://{addr}"),
            keys: Mutex::new(vec![key]),
            openid_configuration: Mutex::new(true),
            ..Shared::default()
        });
        let app = Router::new()
            .route(
                "/.well-known/openid-configuration",
                get(openid_configuration),
            )
            .route("/.well-known/oauth-authorization-server", get(discovery))
            .route("/jwks.json", get(jwks))
            .route("/moved/jwks.json", get(public_set))
            .with_state(Arc::clone(&shared));
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("provider serves");
        });
        Provider { shared, server }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn issuer(&self) -> &str {
        &self.shared.issuer
    }

    /// The JWK Set URL.
    pub fn jwks_url(&self) -> String {
        format!("{}/jwks.json", self.shared.issuer)
    }

    /// Requests served by the JWK Set endpoint so far.
    pub fn jwks_fetches(&self) -> usize {
        self.shared.jwks_fetches.load(Ordering::SeqCst)
    }

    /// Requests served by the discovery endpoints so far.
    pub fn discovery_fetches(&self) -> usize {
        self.shared.discovery_fetches.load(Ordering::SeqCst)
    }

    /// How the JWK Set endpoint answers from now on.
    pub fn behave(&self, behaviour: Behaviour) {
        *lock(&self.shared.behaviour) = behaviour;
    }

    /// The `issuer` the discovery document names (`None`: the real one).
    pub fn document_issuer(&self, issuer: Option<&str>) {
        *lock(&self.shared.document_issuer) = issuer.map(str::to_owned);
    }

    /// A `Cache-Control` header on the JWK Set.
    pub fn cache_control(&self, value: Option<&str>) {
        *lock(&self.shared.cache_control) = value.map(str::to_owned);
    }

    /// Whether `/.well-known/openid-configuration` exists (the RFC 8414 one always does).
    pub fn serve_openid_configuration(&self, serve: bool) {
        *lock(&self.shared.openid_configuration) = serve;
    }

    /// The current signing key (private).
    pub fn signing_key(&self) -> Jwk {
        lock(&self.shared.keys)
            .last()
            .cloned()
            .expect("a provider always has a key")
    }

    /// Rotates: a new key signs from now on and the set publishes only it. Returns the
    /// new key.
    pub fn rotate(&self) -> Jwk {
        let key = new_key();
        *lock(&self.shared.keys) = vec![key.clone()];
        key
    }

    /// A token for `sub` with `aud`, valid for five minutes, with extra `claims`,
    /// signed by the current key.
    pub fn mint(&self, sub: &str, aud: &str, claims: Value) -> String {
        self.mint_with(&self.signing_key(), sub, aud, claims)
    }

    /// As [`Provider::mint`], signed by `key`.
    pub fn mint_with(&self, key: &Jwk, sub: &str, aud: &str, claims: Value) -> String {
        let now = NumericDate::now();
        let mut all = json!({
            "iss": self.shared.issuer,
            "sub": sub,
            "aud": aud,
            "iat": now.seconds(),
            "exp": now.seconds() + 300,
        });
        if let (Some(all), Value::Object(extra)) = (all.as_object_mut(), claims) {
            all.extend(extra);
        }
        let Value::Object(map) = all else {
            unreachable!("built as an object")
        };
        Jwt::new(map).sign(key).expect("the provider's key signs")
    }
}

fn document(shared: &Shared) -> Value {
    let issuer = lock(&shared.document_issuer)
        .clone()
        .unwrap_or_else(|| shared.issuer.clone());
    json!({
        "issuer": issuer,
        "jwks_uri": format!("{}/jwks.json", shared.issuer),
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
    })
}

async fn discovery(State(shared): State<Arc<Shared>>) -> Json<Value> {
    shared.discovery_fetches.fetch_add(1, Ordering::SeqCst);
    Json(document(&shared))
}

async fn openid_configuration(State(shared): State<Arc<Shared>>) -> Response {
    if !*lock(&shared.openid_configuration) {
        shared.discovery_fetches.fetch_add(1, Ordering::SeqCst);
        return StatusCode::NOT_FOUND.into_response();
    }
    discovery(State(shared)).await.into_response()
}

fn public_keys(shared: &Shared) -> Vec<Value> {
    lock(&shared.keys)
        .iter()
        .map(|key| {
            key.public()
                .expect("RSA keys have a public form")
                .to_value()
        })
        .collect()
}

/// An RSA key whose modulus is not base64url.
fn broken_entry() -> Value {
    json!({"kty": "RSA", "kid": "broken", "n": "!!", "e": "AQAB"})
}

async fn public_set(State(shared): State<Arc<Shared>>) -> Json<Value> {
    Json(json!({ "keys": public_keys(&shared) }))
}

async fn jwks(State(shared): State<Arc<Shared>>) -> Response {
    shared.jwks_fetches.fetch_add(1, Ordering::SeqCst);
    let behaviour = *lock(&shared.behaviour);
    let mut response = match behaviour {
        Behaviour::Serve => Json(json!({ "keys": public_keys(&shared) })).into_response(),
        Behaviour::ServerError => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Behaviour::Hang(duration) => {
            tokio::time::sleep(duration).await;
            StatusCode::GATEWAY_TIMEOUT.into_response()
        }
        Behaviour::Oversized(len) => {
            let padding = len.saturating_sub(32);
            let body = format!(r#"{{"keys":[],"padding":"{}"}}"#, "a".repeat(padding));
            ([(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        Behaviour::Redirect => (
            StatusCode::FOUND,
            [(
                header::LOCATION,
                format!("{}/moved/jwks.json", shared.issuer),
            )],
        )
            .into_response(),
        Behaviour::BrokenEntry => {
            let mut keys = vec![broken_entry()];
            keys.extend(public_keys(&shared));
            Json(json!({ "keys": keys })).into_response()
        }
        Behaviour::NoUsableKey => Json(json!({ "keys": [broken_entry()] })).into_response(),
        Behaviour::OversizedChunked(len) => {
            const CHUNK: usize = 64 * 1024;
            let chunks = std::iter::once(br#"{"keys":[],"padding":""#.to_vec())
                .chain((0..len.div_ceil(CHUNK)).map(|_| vec![b'a'; CHUNK]))
                .map(Ok::<_, std::convert::Infallible>);
            let body = axum::body::Body::from_stream(futures_util::stream::iter(chunks));
            ([(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
    };
    if let Some(value) = lock(&shared.cache_control).as_deref() {
        if let Ok(value) = value.parse() {
            response.headers_mut().insert(header::CACHE_CONTROL, value);
        }
    }
    response
}
