//! jwt-web with axum: a real provider and a real resource server on 127.0.0.1, driven
//! with reqwest. Cache age and cooldown move on a manual clock: no test sleeps.
#![cfg(feature = "axum")]

mod support;

use axum::routing::get;
use axum::{Extension, Json, Router};
use jwt_test_provider::{new_key, Behaviour};
use jwt_web::{Authenticator, Bearer, BearerLayer, Discovery, ErrorKind, RemoteJwks};
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

fn profile(bearer: &Bearer<Access>) -> Json<Value> {
    Json(json!({"sub": bearer.sub, "iss": bearer.iss, "aud": bearer.aud, "exp": bearer.exp}))
}

async fn me(bearer: Bearer<Access>) -> Json<Value> {
    profile(&bearer)
}

async fn admin(bearer: Bearer<Access>) -> Result<Json<Value>, jwt_web::Error> {
    bearer.require_scopes(&["admin"])?;
    Ok(profile(&bearer))
}

async fn optional(bearer: Option<Bearer<Access>>) -> String {
    bearer.map_or_else(|| "anonymous".to_owned(), |b| b.sub.clone())
}

async fn layered(Extension(bearer): Extension<Bearer<Access>>) -> Json<Value> {
    profile(&bearer)
}

fn app(auth: Authenticator<Access>) -> Router {
    let layered_routes = Router::new()
        .route("/layered", get(layered))
        .layer(BearerLayer::new(auth.clone()));
    Router::new()
        .route("/me", get(me))
        .route("/admin", get(admin))
        .route("/optional", get(optional))
        .with_state(auth)
        .merge(layered_routes)
}

async fn server(setup: &Setup) -> String {
    serve_axum(app(setup.auth.clone())).await
}

mod remote_set {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_cold_cache_fetches_once_for_200_concurrent_requests() {
        let setup = Setup::start().await;
        let base = server(&setup).await;
        let token = setup.token(json!({}));
        let requests = (0..200).map(|_| {
            let (url, token) = (format!("{base}/me"), token.clone());
            tokio::spawn(async move { authorized(&url, &token).await.status })
        });
        for request in requests.collect::<Vec<_>>() {
            assert_eq!(request.await.unwrap(), 200);
        }
        assert_eq!(setup.provider.jwks_fetches(), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_rotated_key_costs_one_fetch_and_unknown_kids_wait_for_the_cooldown() {
        let setup = Setup::start().await;
        let base = server(&setup).await;
        let me = format!("{base}/me");
        assert_eq!(authorized(&me, &setup.token(json!({}))).await.status, 200);
        assert_eq!(setup.provider.jwks_fetches(), 1);

        setup.clock.advance(Duration::from_secs(31));
        setup.provider.rotate();
        let rotated = setup.token(json!({}));
        // Many concurrent misses for the new kid share one fetch.
        let requests: Vec<_> = (0..50)
            .map(|_| {
                let (me, rotated) = (me.clone(), rotated.clone());
                tokio::spawn(async move { authorized(&me, &rotated).await.status })
            })
            .collect();
        for request in requests {
            assert_eq!(request.await.unwrap(), 200);
        }
        assert_eq!(
            setup.provider.jwks_fetches(),
            2,
            "one fetch for the new kid"
        );

        // A kid the provider never published, within the cooldown: no fetch, 401.
        let stranger = new_key();
        let unknown = setup
            .provider
            .mint_with(&stranger, "alice", AUDIENCE, json!({}));
        for _ in 0..3 {
            authorized(&me, &unknown).await.assert_refused(
                401,
                Some("invalid_token"),
                "no accepted key verifies the token",
            );
        }
        assert_eq!(setup.provider.jwks_fetches(), 2);
        // After the cooldown, one more try, then quiet again.
        setup.clock.advance(Duration::from_secs(31));
        for _ in 0..3 {
            assert_eq!(authorized(&me, &unknown).await.status, 401);
        }
        assert_eq!(setup.provider.jwks_fetches(), 3);
    }

    #[tokio::test]
    async fn the_set_is_refetched_after_its_max_age_and_cache_control_is_bounded() {
        let setup = Setup::start().await;
        let token = setup.token(json!({}));
        let check = || async { setup.auth.verify(&token).await.map(|_| ()) };
        check().await.unwrap();
        setup.clock.advance(Duration::from_secs(599));
        check().await.unwrap();
        assert_eq!(setup.provider.jwks_fetches(), 1, "fresh for 10 minutes");
        setup.clock.advance(Duration::from_secs(2));
        setup.provider.cache_control(Some("public, max-age=120"));
        check().await.unwrap();
        assert_eq!(setup.provider.jwks_fetches(), 2);
        setup.clock.advance(Duration::from_secs(121));
        setup.provider.cache_control(Some("max-age=5"));
        check().await.unwrap();
        assert_eq!(setup.provider.jwks_fetches(), 3, "max-age=120 honoured");
        // max-age=5 is raised to the 60 s floor.
        setup.clock.advance(Duration::from_secs(30));
        check().await.unwrap();
        assert_eq!(setup.provider.jwks_fetches(), 3);
        setup.clock.advance(Duration::from_secs(31));
        setup.provider.cache_control(Some("max-age=999999999"));
        check().await.unwrap();
        assert_eq!(setup.provider.jwks_fetches(), 4);
        // ... and a huge one lowered to the 24 h ceiling.
        setup.clock.advance(Duration::from_secs(24 * 3600 - 10));
        check().await.unwrap();
        assert_eq!(setup.provider.jwks_fetches(), 4);
        setup.clock.advance(Duration::from_secs(11));
        check().await.unwrap();
        assert_eq!(setup.provider.jwks_fetches(), 5);
    }

    /// Warm the cache, make the provider fail, let the set go stale: it keeps serving.
    async fn stale_set_serves_through(setup: Setup, behaviour: Behaviour, kind: ErrorKind) {
        let token = setup.token(json!({}));
        setup.auth.verify(&token).await.unwrap();
        setup.provider.behave(behaviour);
        assert_eq!(setup.jwks.refresh().await.unwrap_err().kind(), kind);
        setup.clock.advance(Duration::from_secs(601));
        let fetches = setup.provider.jwks_fetches();
        setup
            .auth
            .verify(&token)
            .await
            .expect("the stale set serves");
        assert_eq!(setup.provider.jwks_fetches(), fetches + 1, "it tried");
        // The failed try waits a cooldown before the next.
        setup.auth.verify(&token).await.unwrap();
        assert_eq!(setup.provider.jwks_fetches(), fetches + 1);
        // Past the maximum stale age (24 h past freshness), no more.
        setup.clock.advance(Duration::from_secs(24 * 3600));
        let refused = setup.auth.verify(&token).await.unwrap_err();
        assert_eq!(refused.kind(), ErrorKind::KeysUnavailable);
        assert_eq!(refused.challenge().status, 503);
        // When the provider recovers, so does the service.
        setup.provider.behave(Behaviour::Serve);
        setup.clock.advance(Duration::from_secs(31));
        setup.auth.verify(&token).await.unwrap();
    }

    #[tokio::test]
    async fn a_failing_provider_leaves_the_stale_set_serving() {
        stale_set_serves_through(
            Setup::start().await,
            Behaviour::ServerError,
            ErrorKind::Status,
        )
        .await;
    }

    #[tokio::test]
    async fn a_provider_that_times_out_leaves_the_stale_set_serving() {
        // A short timeout, so that the three timed-out fetches take three seconds.
        stale_set_serves_through(
            Setup::with_timeout(Duration::from_secs(1)).await,
            Behaviour::Hang(Duration::from_secs(30)),
            ErrorKind::Fetch,
        )
        .await;
    }

    #[tokio::test]
    async fn an_oversized_set_is_refused() {
        stale_set_serves_through(
            Setup::start().await,
            Behaviour::Oversized(2 * 1024 * 1024),
            ErrorKind::LimitExceeded,
        )
        .await;
    }

    #[tokio::test]
    async fn an_oversized_set_without_content_length_is_cut_while_read() {
        stale_set_serves_through(
            Setup::start().await,
            Behaviour::OversizedChunked(2 * 1024 * 1024),
            ErrorKind::LimitExceeded,
        )
        .await;
    }

    #[tokio::test]
    async fn a_set_without_a_usable_key_leaves_the_stale_set_serving() {
        let setup = Setup::start().await;
        setup.provider.behave(Behaviour::NoUsableKey);
        let error = setup.jwks.refresh().await.unwrap_err();
        assert!(
            error
                .message()
                .contains("no usable key (1 entries skipped)"),
            "{error}"
        );
        stale_set_serves_through(
            Setup::start().await,
            Behaviour::NoUsableKey,
            ErrorKind::InvalidDocument,
        )
        .await;
    }

    #[tokio::test]
    async fn a_redirect_is_not_followed() {
        let setup = Setup::start().await;
        setup.provider.behave(Behaviour::Redirect);
        let error = setup.jwks.refresh().await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Redirect);
        assert!(error.message().contains("302"), "{error}");
        stale_set_serves_through(
            Setup::start().await,
            Behaviour::Redirect,
            ErrorKind::Redirect,
        )
        .await;
    }

    #[tokio::test]
    async fn a_cold_cache_with_a_failing_provider_answers_503() {
        let setup = Setup::start().await;
        let base = server(&setup).await;
        setup.provider.behave(Behaviour::ServerError);
        let answer = authorized(&format!("{base}/me"), &setup.token(json!({}))).await;
        assert_eq!(answer.status, 503);
        assert_eq!(answer.challenge, None);
        assert_eq!(answer.body["error"], "temporarily_unavailable");
        // The other requests within the cooldown do not hammer the provider.
        assert_eq!(request(&format!("{base}/me"), &[]).await.status, 401);
        authorized(&format!("{base}/me"), &setup.token(json!({}))).await;
        assert_eq!(setup.provider.jwks_fetches(), 1);
    }

    #[tokio::test]
    async fn a_broken_entry_leaves_the_good_keys_in_use() {
        let setup = Setup::start().await;
        setup.provider.behave(Behaviour::BrokenEntry);
        setup.auth.verify(&setup.token(json!({}))).await.unwrap();
        let keys = setup.jwks.keys().snapshot();
        assert_eq!(keys.keys().len(), 1);
        assert_eq!(keys.skipped()[0].kid.as_deref(), Some("broken"));
    }

    #[test]
    fn urls_must_be_https_or_loopback() {
        for url in [
            "http://id.example.com/jwks.json",
            "http://192.168.1.1/jwks.json",
            // Loopback only by address: names are not trusted to resolve there.
            "http://localhost/jwks.json",
            "http://127.0.0.1.evil.com/jwks.json",
            "http://[::ffff:127.0.0.1]/jwks.json",
        ] {
            assert_eq!(
                RemoteJwks::builder().build(url).unwrap_err().kind(),
                ErrorKind::InsecureUrl
            );
        }
        assert!(RemoteJwks::builder()
            .build("https://id.example.com/jwks.json")
            .is_ok());
    }
}

mod discovery {
    use super::*;

    #[tokio::test]
    async fn discovery_finds_the_set_and_sets_the_issuer() {
        let provider = provider().await;
        let discovery = Discovery::discover(provider.issuer()).await.unwrap();
        assert_eq!(discovery.issuer(), provider.issuer());
        assert_eq!(discovery.jwks().url(), provider.jwks_url());
        let auth = discovery
            .authenticator::<Access>(|v| v.audience(AUDIENCE))
            .unwrap();
        auth.verify(&provider.mint("alice", AUDIENCE, json!({})))
            .await
            .unwrap();
        // The issuer is required: a token from elsewhere is refused.
        let mut claims = valid_claims(&provider);
        claims["iss"] = "https://elsewhere.example".into();
        let Value::Object(claims) = claims else {
            unreachable!()
        };
        let foreign = jwt_core::Jwt::new(claims)
            .sign(&provider.signing_key())
            .unwrap();
        let error = auth.verify(&foreign).await.unwrap_err();
        assert_eq!(error.token_kind(), Some(jwt_core::ErrorKind::ClaimMismatch));
    }

    #[tokio::test]
    async fn discovery_falls_back_to_rfc8414() {
        let provider = provider().await;
        provider.serve_openid_configuration(false);
        let discovery = Discovery::discover(provider.issuer()).await.unwrap();
        assert_eq!(discovery.jwks().url(), provider.jwks_url());
        assert_eq!(provider.discovery_fetches(), 2);
    }

    #[tokio::test]
    async fn a_mismatched_issuer_is_refused() {
        let provider = provider().await;
        provider.document_issuer(Some("https://attacker.example"));
        let error = Discovery::discover(provider.issuer()).await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::IssuerMismatch);
        // Exactly equal: a trailing slash is another issuer.
        provider.document_issuer(None);
        let error = Discovery::discover(&format!("{}/", provider.issuer()))
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::IssuerMismatch);
    }

    #[tokio::test]
    async fn a_plain_http_issuer_off_loopback_is_refused() {
        let error = Discovery::discover("http://id.example.com")
            .await
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InsecureUrl);
    }
}

mod responses {
    use super::*;

    #[tokio::test]
    async fn every_refusal_and_acceptance_as_rfc6750_says() {
        let setup = Setup::start().await;
        let base = server(&setup).await;
        let (me, admin) = (format!("{base}/me"), format!("{base}/admin"));
        let provider = &setup.provider;

        // No credentials (or another scheme): 401, a bare challenge, no error code.
        for headers in [&[][..], &["Basic YWxpY2U6cHc="]] {
            request(&me, headers)
                .await
                .assert_refused(401, None, "a bearer token is required");
        }
        // A malformed Authorization header: 400 invalid_request.
        let token = setup.token(json!({}));
        let two = format!("Bearer {token} {token}");
        let lower = format!("bearer {token}");
        let lower = lower.as_str();
        for headers in [
            &["Bearer"][..],
            &["Bearer   "],
            &[two.as_str()],
            &[lower, lower],
            &["Bearer a,b"],
        ] {
            request(&me, headers).await.assert_refused(
                400,
                Some("invalid_request"),
                "the Authorization header is malformed",
            );
        }
        // The scheme is case-insensitive.
        assert_eq!(request(&me, &[lower]).await.status, 200);

        // Verification failures: 401 invalid_token, a fixed description per kind.
        let now = jwt_core::NumericDate::now().seconds();
        let expired = setup.token(json!({"exp": now - 3600, "iat": now - 7200}));
        let wrong_audience = provider.mint("alice", "billing-api", json!({}));
        let wrong_issuer = setup.token(json!({"iss": "https://elsewhere.example"}));
        let none = alg_none(&valid_claims(provider));
        let confused = hs256_with_public_key(provider, valid_claims(provider));
        let encryption = jwt_core::Jwk::generate_for("ECDH-ES+A256KW").unwrap();
        let jwe = jwt_core::Jwt::new(serde_json::Map::new())
            .encrypt(
                &encryption.public().unwrap(),
                jwt_core::KeyManagementAlgorithm::EcdhEsA256Kw,
                jwt_core::ContentEncryptionAlgorithm::A256Gcm,
            )
            .unwrap();
        for (token, description) in [
            (expired, "the token has expired"),
            (wrong_audience, "a token claim is not accepted"),
            (wrong_issuer, "a token claim is not accepted"),
            (none, "the token algorithm is not accepted"),
            (confused, "the token algorithm is not accepted"),
            (jwe, "the token is not of the accepted type"),
            ("abc.def.ghi".to_owned(), "the token header is invalid"),
        ] {
            authorized(&me, &token)
                .await
                .assert_refused(401, Some("invalid_token"), description);
        }

        // A missing scope: 403 insufficient_scope naming the scope.
        let reader = setup.token(json!({"scope": "orders:read"}));
        let answer = authorized(&admin, &reader).await;
        answer.assert_refused(
            403,
            Some("insufficient_scope"),
            "the token lacks a required scope",
        );
        assert!(
            answer
                .challenge
                .as_deref()
                .unwrap()
                .ends_with(", scope=\"admin\""),
            "{answer:?}"
        );

        // Accepted: the claims, through `scope` words or the `scp` array.
        for claims in [
            json!({"scope": "orders:read admin"}),
            json!({"scp": ["orders:read", "admin"]}),
        ] {
            let answer = authorized(&admin, &setup.token(claims)).await;
            assert_eq!(answer.status, 200, "{answer:?}");
            assert_eq!(answer.body["sub"], "alice");
            assert_eq!(answer.body["iss"], provider.issuer());
            assert_eq!(answer.body["aud"], AUDIENCE);
            assert!(answer.body["exp"].as_i64().unwrap() > now);
        }
        // `scope` is words, not a substring: "administrator" is not "admin".
        let near = setup.token(json!({"scope": "administrator"}));
        assert_eq!(authorized(&admin, &near).await.status, 403);
    }

    #[tokio::test]
    async fn optional_authentication_and_the_layer() {
        let setup = Setup::start().await;
        let base = server(&setup).await;
        let token = setup.token(json!({}));
        let optional = format!("{base}/optional");
        assert_eq!(request(&optional, &[]).await.body, "anonymous");
        assert_eq!(authorized(&optional, &token).await.body, "alice");
        // A token that is there but bad is refused, not taken as anonymous.
        request(&optional, &["Bearer not.a.token"])
            .await
            .assert_refused(401, Some("invalid_token"), "the token is malformed");
        request(&optional, &["Bearer"]).await.assert_refused(
            400,
            Some("invalid_request"),
            "the Authorization header is malformed",
        );

        let layered = format!("{base}/layered");
        let answer = authorized(&layered, &token).await;
        assert_eq!((answer.status, &answer.body["sub"]), (200, &json!("alice")));
        request(&layered, &[])
            .await
            .assert_refused(401, None, "a bearer token is required");
        authorized(&layered, &alg_none(&valid_claims(&setup.provider)))
            .await
            .assert_refused(
                401,
                Some("invalid_token"),
                "the token algorithm is not accepted",
            );
    }
}

mod mapping {
    use jwt_web::{token_challenge, web_challenge, ErrorKind};

    #[test]
    fn every_jwt_core_kind_is_401_invalid_token_with_a_fixed_description() {
        for kind in jwt_core::ErrorKind::ALL {
            let challenge = token_challenge(kind);
            assert_eq!(challenge.status, 401, "{kind}");
            assert_eq!(challenge.error, Some("invalid_token"), "{kind}");
            assert!(
                challenge.description.starts_with("the token")
                    || challenge.description.starts_with("a token")
                    || challenge.description.starts_with("no accepted key"),
                "{kind}: {}",
                challenge.description
            );
            assert_ne!(
                challenge.description, "the token is invalid",
                "{kind} has its own text"
            );
        }
    }

    #[test]
    fn every_web_kind_has_its_status_and_code() {
        for kind in ErrorKind::ALL {
            let challenge = web_challenge(kind);
            let expected = match kind {
                ErrorKind::MissingToken => (401, None),
                ErrorKind::InvalidRequest => (400, Some("invalid_request")),
                ErrorKind::InvalidToken => (401, Some("invalid_token")),
                ErrorKind::InsufficientScope => (403, Some("insufficient_scope")),
                ErrorKind::InsecureUrl | ErrorKind::Config => (500, Some("server_error")),
                ErrorKind::InvalidDpopProof => (401, Some("invalid_dpop_proof")),
                ErrorKind::UseDpopNonce => (401, Some("use_dpop_nonce")),
                _ => (503, Some("temporarily_unavailable")),
            };
            assert_eq!((challenge.status, challenge.error), expected, "{kind}");
            assert!(!challenge.description.is_empty());
        }
    }
}

mod tracing_events {
    use super::*;

    /// The logs are the whole binary's (one global subscriber): this test's events are
    /// in them, and no test's token may be.
    #[tokio::test]
    async fn fetches_decisions_and_refusals_are_logged_without_tokens_or_claims() {
        let setup = Setup::start().await;
        let base = server(&setup).await;
        let me = format!("{base}/me");
        let secret_subject = "subject-that-must-not-be-logged";
        let good = setup.provider.mint(secret_subject, AUDIENCE, json!({}));
        assert_eq!(authorized(&me, &good).await.status, 200);
        let now = jwt_core::NumericDate::now().seconds();
        let expired = setup
            .provider
            .mint(secret_subject, AUDIENCE, json!({"exp": now - 3600}));
        assert_eq!(authorized(&me, &expired).await.status, 401);
        let unknown = setup
            .provider
            .mint_with(&new_key(), secret_subject, AUDIENCE, json!({}));
        assert_eq!(authorized(&me, &unknown).await.status, 401);
        setup.provider.behave(Behaviour::ServerError);
        assert!(setup.jwks.refresh().await.is_err());

        let logs = capture_logs().text();
        for expected in [
            "jwks_fetch",
            "reason=\"no set yet\"",
            "JWK Set refresh due",
            "JWK Set fetched",
            "bearer token refused",
            "error.kind=\"expired\"",
            "alg=\"RS256\"",
            "unknown kid: no refetch within the cooldown",
            "JWK Set fetch failed",
            "error.kind=\"status\"",
        ] {
            assert!(logs.contains(expected), "{expected} missing from:\n{logs}");
        }
        let kid = setup.provider.signing_key().kid().unwrap().to_owned();
        assert!(logs.contains(&format!("kid=\"{kid}\"")), "{logs}");
        let public = setup.provider.signing_key().public().unwrap().to_value();
        let modulus = public["n"].as_str().unwrap();
        for token in [&good, &expired, &unknown] {
            for segment in token.split('.') {
                assert!(
                    !logs.contains(segment),
                    "a token segment was logged:\n{logs}"
                );
            }
        }
        assert!(!logs.contains(secret_subject), "a claim value was logged");
        assert!(!logs.contains(&modulus[..32]), "key material was logged");
    }
}

/// Routes that ask for DPoP (RFC 9449 §7): an access token bound to a key with
/// `cnf.jkt`, sent as `Authorization: DPoP`, with a proof of that key for the request.
mod dpop {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use axum::Router;
    use jwt_core::dpop::{access_token_hash, DpopVerifier};
    use jwt_core::{FixedClock, Jwk, Jwt, ThumbprintHash, Verifier};
    use jwt_web::{Authenticator, Bearer};
    use serde_json::{json, Map, Value};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use tower::ServiceExt;

    const NOW: i64 = 1_700_000_000;
    const ORIGIN: &str = "https://rs.example.com";

    type Claims = Map<String, Value>;

    struct Keys {
        issuer: Jwk,
        client: Jwk,
    }

    fn keys() -> Keys {
        Keys {
            issuer: Jwk::generate_for("ES256").unwrap(),
            client: Jwk::generate_for("ES256").unwrap(),
        }
    }

    fn access_token(keys: &Keys, bound: bool) -> String {
        let mut claims = json!({"iss": "https://as.example.com", "aud": ORIGIN, "sub": "alice", "exp": NOW + 300});
        if bound {
            claims["cnf"] = json!({"jkt": keys.client.thumbprint(ThumbprintHash::Sha256)});
        }
        Jwt::new(claims.as_object().unwrap().clone())
            .sign(&keys.issuer)
            .unwrap()
    }

    fn proof(keys: &Keys, method: &str, path: &str, token: &str, extra: Value) -> String {
        let mut claims = json!({"jti": format!("{method}{path}{extra}"), "htm": method,
            "htu": format!("{ORIGIN}{path}"), "iat": NOW, "ath": access_token_hash(token)});
        for (name, value) in extra.as_object().unwrap() {
            claims[name] = value.clone();
        }
        Jwt::new(claims.as_object().unwrap().clone())
            .with_typ("dpop+jwt")
            .with_header("jwk", keys.client.public().unwrap().to_value())
            .sign(&keys.client)
            .unwrap()
    }

    fn app(keys: &Keys, nonce: Option<&'static str>) -> Router {
        let verifier = Verifier::<Claims>::builder(keys.issuer.public().unwrap())
            .issuer("https://as.example.com")
            .audience(ORIGIN)
            .clock(FixedClock::at(NOW))
            .build()
            .unwrap();
        let dpop = DpopVerifier::builder()
            .clock(FixedClock::at(NOW))
            .build()
            .unwrap();
        let mut auth = Authenticator::new(verifier)
            .with_dpop(dpop, ORIGIN)
            .unwrap();
        if let Some(nonce) = nonce {
            auth = auth.with_dpop_nonce(move || nonce.to_owned());
        }
        async fn me(bearer: Bearer<Claims>) -> String {
            bearer.claims()["sub"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
        Router::new().route("/me", get(me)).with_state(auth)
    }

    struct Answer {
        status: StatusCode,
        challenge: String,
        nonce: Option<String>,
        body: Value,
    }

    async fn send(app: &Router, path: &str, headers: &[(&str, &str)]) -> Answer {
        let mut request = Request::builder().uri(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = app
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        let (status, challenge, nonce) = (
            response.status(),
            header("www-authenticate").unwrap_or_default(),
            header("dpop-nonce"),
        );
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            challenge,
            nonce,
            body,
        }
    }

    fn refused(answer: &Answer, error: &str) {
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
        assert!(
            answer.challenge.starts_with("DPoP "),
            "{}",
            answer.challenge
        );
        assert!(
            answer.challenge.contains(&format!("error=\"{error}\"")),
            "{}",
            answer.challenge
        );
        assert!(answer.challenge.contains("algs=\""), "{}", answer.challenge);
        assert_eq!(answer.body["error"], error);
    }

    #[tokio::test]
    async fn a_bound_token_with_its_proof_is_accepted_once() {
        let keys = keys();
        let app = app(&keys, None);
        let token = access_token(&keys, true);
        let authorization = format!("DPoP {token}");
        let proof = proof(&keys, "GET", "/me", &token, json!({}));
        let headers = [
            ("authorization", authorization.as_str()),
            ("dpop", proof.as_str()),
        ];
        let answer = send(&app, "/me?x=1", &headers).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        // The same proof again is a replay.
        refused(&send(&app, "/me", &headers).await, "invalid_dpop_proof");
    }

    #[tokio::test]
    async fn every_refusal_uses_the_dpop_scheme_and_its_codes() {
        let keys = keys();
        let app = app(&keys, None);
        let token = access_token(&keys, true);
        let dpop_auth = format!("DPoP {token}");
        let fresh = |extra: Value| proof(&keys, "GET", "/me", &token, extra);

        // No credentials, or bearer credentials: a bare DPoP challenge.
        for headers in [vec![], vec![("authorization", format!("Bearer {token}"))]] {
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            let answer = send(&app, "/me", &headers).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
            assert!(
                answer.challenge.starts_with("DPoP algs="),
                "{}",
                answer.challenge
            );
        }
        // No proof, or two.
        refused(
            &send(&app, "/me", &[("authorization", &dpop_auth)]).await,
            "invalid_dpop_proof",
        );
        let (one, two) = (fresh(json!({"jti": "a"})), fresh(json!({"jti": "b"})));
        refused(
            &send(
                &app,
                "/me",
                &[
                    ("authorization", &dpop_auth),
                    ("dpop", &one),
                    ("dpop", &two),
                ],
            )
            .await,
            "invalid_dpop_proof",
        );
        // A proof for another path, method or token.
        let elsewhere = proof(&keys, "GET", "/other", &token, json!({}));
        refused(
            &send(
                &app,
                "/me",
                &[("authorization", &dpop_auth), ("dpop", &elsewhere)],
            )
            .await,
            "invalid_dpop_proof",
        );
        let post = proof(&keys, "POST", "/me", &token, json!({}));
        refused(
            &send(
                &app,
                "/me",
                &[("authorization", &dpop_auth), ("dpop", &post)],
            )
            .await,
            "invalid_dpop_proof",
        );
        let other_token = fresh(json!({"ath": access_token_hash("another")}));
        refused(
            &send(
                &app,
                "/me",
                &[("authorization", &dpop_auth), ("dpop", &other_token)],
            )
            .await,
            "invalid_dpop_proof",
        );
        // A proof by another key than the one the token is bound to.
        let stranger = Keys {
            issuer: keys.issuer.clone(),
            client: Jwk::generate_for("ES256").unwrap(),
        };
        let wrong_key = proof(&stranger, "GET", "/me", &token, json!({}));
        refused(
            &send(
                &app,
                "/me",
                &[("authorization", &dpop_auth), ("dpop", &wrong_key)],
            )
            .await,
            "invalid_dpop_proof",
        );
        // A token not bound to any key.
        let unbound = access_token(&keys, false);
        let unbound_auth = format!("DPoP {unbound}");
        let for_unbound = proof(&keys, "GET", "/me", &unbound, json!({}));
        refused(
            &send(
                &app,
                "/me",
                &[("authorization", &unbound_auth), ("dpop", &for_unbound)],
            )
            .await,
            "invalid_token",
        );
    }

    #[tokio::test]
    async fn a_server_nonce_is_asked_for_with_use_dpop_nonce() {
        let keys = keys();
        let app = app(&keys, Some("nonce-1"));
        let token = access_token(&keys, true);
        let authorization = format!("DPoP {token}");
        let without = proof(&keys, "GET", "/me", &token, json!({}));
        let answer = send(
            &app,
            "/me",
            &[("authorization", &authorization), ("dpop", &without)],
        )
        .await;
        refused(&answer, "use_dpop_nonce");
        assert_eq!(answer.nonce.as_deref(), Some("nonce-1"));
        let stale = proof(&keys, "GET", "/me", &token, json!({"nonce": "nonce-0"}));
        refused(
            &send(
                &app,
                "/me",
                &[("authorization", &authorization), ("dpop", &stale)],
            )
            .await,
            "use_dpop_nonce",
        );
        let with = proof(&keys, "GET", "/me", &token, json!({"nonce": "nonce-1"}));
        let answer = send(
            &app,
            "/me",
            &[("authorization", &authorization), ("dpop", &with)],
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.nonce, None);
    }

    #[test]
    fn the_origin_is_a_bare_origin() {
        let verifier = || DpopVerifier::builder().build().unwrap();
        let auth = || {
            Authenticator::new(
                Verifier::<Claims>::builder(Jwk::generate_for("ES256").unwrap())
                    .build()
                    .unwrap(),
            )
        };
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&calls);
        let ok = auth()
            .with_dpop(verifier(), "HTTPS://RS.example.com:443")
            .unwrap()
            .with_dpop_nonce(move || {
                counted.fetch_add(1, Ordering::SeqCst);
                "n".to_owned()
            });
        assert!(ok.requires_dpop());
        assert!(!auth().requires_dpop());
        for bad in [
            "https://rs.example.com/api",
            "rs.example.com",
            "ftp://rs.example.com",
        ] {
            let e = auth().with_dpop(verifier(), bad).unwrap_err();
            assert_eq!(e.kind(), jwt_web::ErrorKind::Config, "{bad}");
        }
        assert_eq!(calls.load(Ordering::SeqCst), 0);
    }
}
