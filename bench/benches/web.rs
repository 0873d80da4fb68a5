//! `cargo bench -p jwt-bench --bench web`: what jwt-web adds to a verification.
//!
//! - `verify` with a verifier on a remote set (a `SharedJwkSet` snapshot, filled from a
//!   loopback provider) against the same verifier on a static set: target ≤ 1.03×.
//! - The axum extractor through a router (`tower::ServiceExt::oneshot`, no network)
//!   against calling `verify` directly: target ≤ 1 µs added.
//!
//!   With HS256 (a 1 µs verification) the difference is measured more finely, and
//!   against the same handler written by hand, to tell axum's routing from the extractor.
//!
//! All are also timed as paired ratios (alternating batches), printed as `paired ...`.

use axum::body::Body;
use axum::http::{header::AUTHORIZATION, HeaderValue, Request, StatusCode};
use axum::routing::get;
use axum::Router;
use criterion::{criterion_group, Criterion};
use jwt_bench::paired::compare;
use jwt_bench::{key, signed, verifier, verifying_key, AppClaims, AUD, ISS};
use jwt_core::{JwkSet, SharedJwkSet, SignatureAlgorithm, Verifier};
use jwt_test_provider::Provider;
use jwt_web::{Authenticator, Bearer, ManualClock, RemoteJwks};
use std::future::Future;
use std::hint::black_box;
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use tower::ServiceExt;

/// Everything measured, made once.
struct Fixture {
    runtime: tokio::runtime::Runtime,
    /// The provider serves the set once, before measuring; kept alive for the run.
    _provider: Provider,
    es256_token: String,
    authorization: HeaderValue,
    es256_static: Verifier<AppClaims>,
    auth: Authenticator<AppClaims>,
    hs256_token: String,
    hs256_static: Verifier<AppClaims>,
    hs256_shared: Verifier<AppClaims>,
    router: Router,
    hs256_authorization: HeaderValue,
    /// The same route with an HS256 authenticator: on a 1 µs verification the time the
    /// extractor adds is not lost in the noise of a 50 µs one.
    hs256_router: Router,
    hs256_by_hand: Router,
}

async fn me(bearer: Bearer<AppClaims>) -> StatusCode {
    black_box(&bearer.sub);
    StatusCode::OK
}

/// The same work written by hand in a handler, without the extractor: what axum's
/// routing costs by itself, to tell it from what the extractor adds.
async fn by_hand(
    axum::extract::State(verifier): axum::extract::State<std::sync::Arc<Verifier<AppClaims>>>,
    headers: axum::http::HeaderMap,
) -> StatusCode {
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    match verifier.verify(token) {
        Ok(jwt) => {
            black_box(&jwt.claims().sub);
            StatusCode::OK
        }
        Err(_) => StatusCode::UNAUTHORIZED,
    }
}

fn fixture() -> Fixture {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let es256 = key("ES256", "es");
    let (provider, auth) = runtime.block_on(async {
        let provider = Provider::start_with_key(es256.clone()).await;
        // A clock that stands still: the set stays fresh for the whole run.
        let jwks = RemoteJwks::builder()
            .clock(ManualClock::new())
            .build(&provider.jwks_url())
            .expect("remote set");
        jwks.refresh().await.expect("the provider serves");
        let auth = jwks
            .authenticator(|v| v.issuer(ISS).audience(AUD))
            .expect("authenticator");
        (provider, auth)
    });
    let hs256 = key("HS256", "hs");
    let hs256_shared =
        Verifier::<AppClaims>::builder(SharedJwkSet::new(JwkSet::new(vec![hs256.clone()])))
            .algorithms([SignatureAlgorithm::HS256])
            .issuer(ISS)
            .audience(AUD)
            .build()
            .expect("shared verifier");
    let router = Router::new().route("/me", get(me)).with_state(auth.clone());
    let es256_token = signed(&es256);
    let hs256_token = signed(&hs256);
    let hs256_router = Router::new()
        .route("/me", get(me))
        .with_state(Authenticator::new(verifier(JwkSet::new(vec![
            hs256.clone()
        ]))));
    let hs256_by_hand = Router::new()
        .route("/me", get(by_hand))
        .with_state(std::sync::Arc::new(verifier(JwkSet::new(vec![
            hs256.clone()
        ]))));
    Fixture {
        hs256_by_hand,
        authorization: HeaderValue::from_str(&format!("Bearer {es256_token}")).expect("header"),
        es256_token,
        es256_static: verifier(JwkSet::new(vec![verifying_key(&es256)
            .public()
            .expect("public")])),
        auth,
        hs256_authorization: HeaderValue::from_str(&format!("Bearer {hs256_token}"))
            .expect("header"),
        hs256_token,
        hs256_router,
        hs256_static: verifier(JwkSet::new(vec![hs256])),
        hs256_shared,
        router,
        runtime,
        _provider: provider,
    }
}

impl Fixture {
    /// One request through the router. The header value is made once (a server gets it
    /// parsed from the wire), and the future is polled with a no-op waker: with a fresh
    /// set nothing in it waits, so no runtime's scheduling is timed; were it ever to
    /// wait, the runtime finishes it.
    fn through_router(&self, router: &Router, authorization: &HeaderValue) {
        let request = Request::get("/me")
            .header(AUTHORIZATION, authorization.clone())
            .body(Body::empty())
            .expect("request");
        let mut future = std::pin::pin!(router.clone().oneshot(request));
        let mut context = Context::from_waker(Waker::noop());
        let response = match future.as_mut().poll(&mut context) {
            Poll::Ready(response) => response,
            Poll::Pending => self.runtime.block_on(future),
        }
        .expect("infallible");
        assert_eq!(response.status(), StatusCode::OK);
    }

    fn hs256_static_verify(&self) {
        black_box(
            self.hs256_static
                .verify(black_box(&self.hs256_token))
                .expect("ok"),
        );
    }

    fn direct(&self) {
        black_box(
            self.auth
                .verifier()
                .verify(black_box(&self.es256_token))
                .expect("verifies"),
        );
    }
}

fn web(c: &mut Criterion) {
    let f = fixture();
    let mut group = c.benchmark_group("web");
    group.bench_function("ES256 verify, static set", |b| {
        b.iter(|| {
            f.es256_static
                .verify(black_box(&f.es256_token))
                .expect("ok")
        })
    });
    group.bench_function("ES256 verify, remote set snapshot", |b| {
        b.iter(|| f.direct())
    });
    group.bench_function("HS256 verify, static set", |b| {
        b.iter(|| {
            f.hs256_static
                .verify(black_box(&f.hs256_token))
                .expect("ok")
        })
    });
    group.bench_function("HS256 verify, shared set snapshot", |b| {
        b.iter(|| {
            f.hs256_shared
                .verify(black_box(&f.hs256_token))
                .expect("ok")
        })
    });
    group.bench_function("ES256 axum extractor through a router", |b| {
        b.iter(|| f.through_router(&f.router, &f.authorization))
    });
    group.bench_function("HS256 axum extractor through a router", |b| {
        b.iter(|| f.through_router(&f.hs256_router, &f.hs256_authorization))
    });
    group.bench_function("HS256 by hand through a router", |b| {
        b.iter(|| f.through_router(&f.hs256_by_hand, &f.hs256_authorization))
    });
    group.finish();

    compare(
        "ES256 verify: remote snapshot / static set",
        || f.direct(),
        || {
            black_box(
                f.es256_static
                    .verify(black_box(&f.es256_token))
                    .expect("ok"),
            );
        },
    );
    compare(
        "HS256 verify: shared snapshot / static set",
        || {
            black_box(
                f.hs256_shared
                    .verify(black_box(&f.hs256_token))
                    .expect("ok"),
            );
        },
        || f.hs256_static_verify(),
    );
    compare(
        "ES256 axum extractor through a router - verify directly",
        || f.through_router(&f.router, &f.authorization),
        || f.direct(),
    );
    compare(
        "HS256 axum extractor through a router - verify directly",
        || f.through_router(&f.hs256_router, &f.hs256_authorization),
        || f.hs256_static_verify(),
    );
    compare(
        "HS256 axum extractor - the same by hand, both through a router",
        || f.through_router(&f.hs256_router, &f.hs256_authorization),
        || f.through_router(&f.hs256_by_hand, &f.hs256_authorization),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = web
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
