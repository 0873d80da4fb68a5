//! A resource server: axum routes protected by bearer tokens from an OpenID provider,
//! with the keys fetched from its JWK Set and kept fresh (jwt-web).
//!
//! ```text
//! cargo run -p jwt-examples --bin resource_server -- \
//!     --issuer https://id.example.com --audience orders-api
//! ```
//!
//! With no arguments it runs a self-contained demo against a provider on a loopback
//! port, prints a few requests and their answers, and exits.

use axum::routing::get;
use axum::{Json, Router};
use clap::Parser;
use jwt_core::{Audience, Claims, NumericDate};
use jwt_test_provider::Provider;
use jwt_web::{Authenticator, Bearer, RemoteJwks};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::time::Duration;

/// The access token this server accepts.
#[derive(Debug, Claims, Serialize, Deserialize)]
struct AccessToken {
    sub: String,
    iss: String,
    aud: Audience,
    exp: NumericDate,
    /// Space-separated scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
}

#[derive(Debug, Parser)]
#[command(about = "A resource server protected by bearer tokens; no arguments: a demo")]
// Every option but --issuer needs --issuer: without it the demo runs, and an option given
// to a server that is not started would be silently ignored.
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:3000", requires = "issuer")]
    listen: String,
    /// The issuer: discovered (OpenID Connect Discovery / RFC 8414) unless --jwks-url
    /// is given, and required in every token's `iss`.
    #[arg(long)]
    issuer: Option<String>,
    /// The issuer's JWK Set URL (skips discovery; needs --issuer).
    #[arg(long, requires = "issuer")]
    jwks_url: Option<String>,
    /// The audience every token must name.
    #[arg(long, requires = "issuer")]
    audience: Option<String>,
    /// Least seconds between two refetches of the JWK Set for an unknown `kid`.
    #[arg(long, default_value_t = 30, requires = "issuer")]
    cooldown: u64,
    /// The realm of the WWW-Authenticate challenges.
    #[arg(long, requires = "issuer")]
    realm: Option<String>,
}

async fn healthz() -> &'static str {
    "ok"
}

async fn me(token: Bearer<AccessToken>) -> Json<serde_json::Value> {
    Json(json!(token.claims()))
}

async fn admin(token: Bearer<AccessToken>) -> Result<Json<serde_json::Value>, jwt_web::Error> {
    token.require_scopes(&["admin"])?;
    Ok(Json(json!(token.claims())))
}

fn app(auth: Authenticator<AccessToken>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/me", get(me))
        .route("/admin", get(admin))
        .with_state(auth)
}

type Failure = Box<dyn std::error::Error>;

/// The authenticator the arguments describe.
async fn authenticator(
    args: &Args,
    issuer: &str,
    audience: &str,
) -> Result<Authenticator<AccessToken>, Failure> {
    let settings = RemoteJwks::builder().cooldown(Duration::from_secs(args.cooldown));
    let auth = match &args.jwks_url {
        Some(url) => settings
            .build(url)?
            .authenticator(|v| v.issuer(issuer).audience(audience))?,
        None => settings
            .discover(issuer)
            .await?
            .authenticator(|v| v.audience(audience))?,
    };
    Ok(match &args.realm {
        Some(realm) => auth.with_realm(realm.clone()),
        None => auth,
    })
}

/// Binds, says so, and serves until stopped.
async fn serve(listen: &str, auth: Authenticator<AccessToken>) -> Result<(), Failure> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app(auth)).await?;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let args = Args::parse();
    match (&args.issuer, &args.audience) {
        (None, _) => demo().await,
        (Some(issuer), Some(audience)) => {
            let auth = authenticator(&args, issuer, audience).await?;
            // Fetch the keys now: a provider that cannot be reached is better learnt
            // at start-up than from the first request.
            if let Some(jwks) = auth.remote() {
                jwks.refresh().await?;
            }
            serve(&args.listen, auth).await
        }
        (Some(_), None) => Err("--audience is required with --issuer".into()),
    }
}

/// One request, printed as `GET PATH -> STATUS` with the challenge and body.
async fn show(base: &str, path: &str, what: &str, token: Option<&str>) -> Result<(), Failure> {
    let mut request = reqwest::Client::new().get(format!("{base}{path}"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await?;
    let status = response.status().as_u16();
    let challenge = response
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .map(|v| format!("\n    WWW-Authenticate: {v}"))
        .unwrap_or_default();
    println!(
        "GET {path} ({what}) -> {status}{challenge}\n    {}",
        response.text().await?
    );
    Ok(())
}

async fn demo() -> Result<(), Failure> {
    let provider = Provider::start().await;
    println!(
        "demo provider: {} (discovery and JWK Set)",
        provider.issuer()
    );
    let audience = "orders-api";
    // Cooldown 0 so that the rotation below is picked up at once; 30 s by default.
    let auth = RemoteJwks::builder()
        .cooldown(Duration::ZERO)
        .discover(provider.issuer())
        .await?
        .authenticator(|v| v.audience(audience))?
        .with_realm("demo");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    println!("listening on {}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app(auth)).await });

    let now = NumericDate::now().seconds();
    let reader = provider.mint("alice", audience, json!({"scope": "orders:read"}));
    let expired = provider.mint("alice", audience, json!({"exp": now - 60}));
    let administrator = provider.mint("root", audience, json!({"scope": "orders:read admin"}));
    show(&base, "/healthz", "no token", None).await?;
    show(&base, "/me", "no token", None).await?;
    show(&base, "/me", "valid token", Some(&reader)).await?;
    show(&base, "/me", "expired token", Some(&expired)).await?;
    show(&base, "/admin", "token without scope admin", Some(&reader)).await?;
    show(
        &base,
        "/admin",
        "token with scope admin",
        Some(&administrator),
    )
    .await?;
    println!("JWK Set fetches so far: {}", provider.jwks_fetches());

    provider.rotate();
    let rotated = provider.mint("alice", audience, json!({}));
    println!("the provider rotated its key; a token with the new kid:");
    show(&base, "/me", "token from the new key", Some(&rotated)).await?;
    println!(
        "JWK Set fetches after the rotation: {}",
        provider.jwks_fetches()
    );
    Ok(())
}
