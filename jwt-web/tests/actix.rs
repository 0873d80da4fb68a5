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
