//! jwt-web with actix-web: the same suite, smaller, against a real actix server on
//! 127.0.0.1.
#![cfg(feature = "actix")]

mod support;

use actix_web::{web, App, HttpResponse, HttpServer};
use jwt_web::{Bearer, MaybeBearer};
use serde_json::json;
use std::time::Duration;
use support::*;

async fn me(bearer: Bearer<Access>) -> HttpResponse {
    HttpResponse::Ok().json(json!({"sub": bearer.sub, "iss": bearer.iss, "aud": bearer.aud}))
}

async fn admin(bearer: Bearer<Access>) -> Result<HttpResponse, jwt_web::Error> {
    bearer.require_scopes(&["admin"])?;
    Ok(HttpResponse::Ok().json(json!({"sub": bearer.sub})))
}

async fn optional(bearer: MaybeBearer<Access>) -> HttpResponse {
    HttpResponse::Ok().body(
        bearer
            .0
            .map_or_else(|| "anonymous".to_owned(), |b| b.sub.clone()),
    )
}

async fn no_authenticator(bearer: Bearer<Access>) -> HttpResponse {
    HttpResponse::Ok().body(bearer.sub.clone())
}

async fn serve(setup: &Setup) -> String {
    let auth = web::Data::new(setup.auth.clone());
    let server = HttpServer::new(move || {
        App::new()
            .service(
                web::scope("/api")
                    .app_data(auth.clone())
                    .route("/me", web::get().to(me))
                    .route("/admin", web::get().to(admin))
                    .route("/optional", web::get().to(optional)),
            )
            .route("/unconfigured", web::get().to(no_authenticator))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let addr = server.addrs()[0];
    actix_web::rt::spawn(server.run());
    format!("http://{addr}")
}

#[actix_web::test]
async fn actix_answers_as_rfc6750_says() {
    let setup = Setup::start().await;
    let base = serve(&setup).await;
    let (me, admin) = (format!("{base}/api/me"), format!("{base}/api/admin"));

    request(&me, &[])
        .await
        .assert_refused(401, None, "a bearer token is required");
    request(&me, &["Bearer"]).await.assert_refused(
        400,
        Some("invalid_request"),
        "the Authorization header is malformed",
    );
    let now = jwt_core::NumericDate::now().seconds();
    let expired = setup.token(json!({"exp": now - 3600}));
    authorized(&me, &expired).await.assert_refused(
        401,
        Some("invalid_token"),
        "the token has expired",
    );
    let none = alg_none(&valid_claims(&setup.provider));
    authorized(&me, &none).await.assert_refused(
        401,
        Some("invalid_token"),
        "the token algorithm is not accepted",
    );
    let reader = setup.token(json!({"scope": "orders:read"}));
    authorized(&admin, &reader).await.assert_refused(
        403,
        Some("insufficient_scope"),
        "the token lacks a required scope",
    );
    let answer = authorized(&admin, &setup.token(json!({"scp": ["admin"]}))).await;
    assert_eq!((answer.status, &answer.body["sub"]), (200, &json!("alice")));
    let answer = authorized(&me, &setup.token(json!({}))).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["aud"], AUDIENCE);
}

#[actix_web::test]
async fn actix_optional_authentication_refuses_bad_tokens() {
    let setup = Setup::start().await;
    let base = serve(&setup).await;
    let optional = format!("{base}/api/optional");
    assert_eq!(request(&optional, &[]).await.body, "anonymous");
    assert_eq!(
        authorized(&optional, &setup.token(json!({}))).await.body,
        "alice"
    );
    authorized(&optional, "not.a.token").await.assert_refused(
        401,
        Some("invalid_token"),
        "the token is malformed",
    );
}

#[actix_web::test]
async fn actix_shares_the_remote_set_cache() {
    let setup = Setup::start().await;
    let base = serve(&setup).await;
    let me = format!("{base}/api/me");
    for _ in 0..5 {
        assert_eq!(authorized(&me, &setup.token(json!({}))).await.status, 200);
    }
    assert_eq!(setup.provider.jwks_fetches(), 1);
    setup.clock.advance(Duration::from_secs(31));
    setup.provider.rotate();
    assert_eq!(authorized(&me, &setup.token(json!({}))).await.status, 200);
    assert_eq!(setup.provider.jwks_fetches(), 2);
}

#[actix_web::test]
async fn a_route_without_an_authenticator_is_a_server_error() {
    let setup = Setup::start().await;
    let base = serve(&setup).await;
    let answer = authorized(&format!("{base}/unconfigured"), &setup.token(json!({}))).await;
    assert_eq!(answer.status, 500);
    assert_eq!(answer.body["error"], "server_error");
}

/// A route that asks for DPoP (RFC 9449 §7), through actix's extractor: the method and
/// path come from the request, the proof from its `DPoP` header, and a missing nonce
/// is answered with `DPoP-Nonce`.
#[actix_web::test]
async fn actix_takes_dpop_bound_tokens_with_their_proofs() {
    use actix_web::test::{call_service, init_service, TestRequest};
    use jwt_core::dpop::{access_token_hash, DpopVerifier};
    use jwt_core::{FixedClock, Jwk, Jwt, ThumbprintHash, Verifier};
    use jwt_web::Authenticator;
    use serde_json::{Map, Value};

    type Claims = Map<String, Value>;
    const NOW: i64 = 1_700_000_000;
    let (issuer, client) = (
        Jwk::generate_for("ES256").unwrap(),
        Jwk::generate_for("ES256").unwrap(),
    );
    let claims = json!({"iss": "as", "aud": "https://rs.example.com", "exp": NOW + 60,
        "cnf": {"jkt": client.thumbprint(ThumbprintHash::Sha256)}});
    let token = Jwt::new(claims.as_object().unwrap().clone())
        .sign(&issuer)
        .unwrap();
    let proof = |jti: &str, nonce: Option<&str>| {
        let mut claims = json!({"jti": jti, "htm": "GET", "htu": "https://rs.example.com/dpop",
            "iat": NOW, "ath": access_token_hash(&token)});
        if let Some(nonce) = nonce {
            claims["nonce"] = json!(nonce);
        }
        Jwt::new(claims.as_object().unwrap().clone())
            .with_typ("dpop+jwt")
            .with_header("jwk", client.public().unwrap().to_value())
            .sign(&client)
            .unwrap()
    };
    let verifier = Verifier::<Claims>::builder(issuer.public().unwrap())
        .issuer("as")
        .audience("https://rs.example.com")
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    let dpop = DpopVerifier::builder()
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    let auth = Authenticator::new(verifier)
        .with_dpop(dpop, "https://rs.example.com")
        .unwrap()
        .with_dpop_nonce(|| "n-1".to_owned());
    async fn handler(bearer: Bearer<Claims>) -> HttpResponse {
        HttpResponse::Ok().body(
            bearer.claims()["iss"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )
    }
    let app = init_service(
        App::new()
            .app_data(web::Data::new(auth))
            .route("/dpop", web::get().to(handler)),
    )
    .await;
    let authorization = format!("DPoP {token}");
    let send = |proof: String| {
        TestRequest::get()
            .uri("/dpop")
            .insert_header(("Authorization", authorization.clone()))
            .insert_header(("DPoP", proof))
            .to_request()
    };
    let answer = call_service(&app, send(proof("a", None))).await;
    assert_eq!(answer.status(), 401);
    assert_eq!(answer.headers().get("DPoP-Nonce").unwrap(), "n-1");
    let challenge = answer
        .headers()
        .get("WWW-Authenticate")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        challenge.starts_with("DPoP ") && challenge.contains("error=\"use_dpop_nonce\""),
        "{challenge}"
    );
    let answer = call_service(&app, send(proof("b", Some("n-1")))).await;
    assert_eq!(answer.status(), 200);
    let answer = call_service(&app, send(proof("b", Some("n-1")))).await;
    assert_eq!(answer.status(), 401, "a replayed proof");
    let challenge = answer
        .headers()
        .get("WWW-Authenticate")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        challenge.contains("error=\"invalid_dpop_proof\""),
        "{challenge}"
    );
}
