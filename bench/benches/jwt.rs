//! `cargo bench -p jwt-bench --bench jwt`: jwt-core against jsonwebtoken (aws-lc-rs
//! backend), jwt-simple (pure-Rust backend) and the floor, on the same tokens, in one run.
//! `bench/report.py` turns the medians into BENCHMARKS.md.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, BatchSize, Criterion};
use jwt_bench::{
    app_claims, encrypted, floor, jwe_verifier, key, key_set, oct_bytes, pem_der, plain_claims,
    signed, verifier, AppClaims, CustomClaims, AUD, ISS,
};
use jwt_core::{
    ContentEncryptionAlgorithm as Enc, Jwk, Jwt, KeyManagementAlgorithm as Kma, Verifier,
};
use std::collections::HashSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

mod jwt_simple_peer {
    pub use jwt_simple::prelude::*;
}

const ALGS: [&str; 5] = ["HS256", "RS256", "PS256", "ES256", "EdDSA"];

/// jsonwebtoken's verifier for one algorithm, configured like ours.
fn jsonwebtoken_validation(alg: jsonwebtoken::Algorithm) -> jsonwebtoken::Validation {
    let mut v = jsonwebtoken::Validation::new(alg);
    v.set_issuer(&[ISS]);
    v.set_audience(&[AUD]);
    v.validate_nbf = true;
    v
}

fn jsonwebtoken_keys(
    alg: &str,
    k: &Jwk,
) -> (
    jsonwebtoken::Algorithm,
    jsonwebtoken::EncodingKey,
    jsonwebtoken::DecodingKey,
) {
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};
    if alg == "HS256" {
        let secret = oct_bytes(k);
        return (
            Algorithm::HS256,
            EncodingKey::from_secret(&secret).expect("secret"),
            DecodingKey::from_secret(&secret).expect("secret"),
        );
    }
    let private = k.to_pem().expect("pem");
    let public = k.to_public_pem().expect("public pem");
    let (p, q) = (private.as_bytes(), public.as_bytes());
    match alg {
        "RS256" | "PS256" => (
            if alg == "RS256" {
                Algorithm::RS256
            } else {
                Algorithm::PS256
            },
            EncodingKey::from_rsa_pem(p).expect("rsa pem"),
            DecodingKey::from_rsa_pem(q).expect("rsa public pem"),
        ),
        "ES256" => (
            Algorithm::ES256,
            EncodingKey::from_ec_pem(p).expect("ec pem"),
            DecodingKey::from_ec_pem(q).expect("ec public pem"),
        ),
        _ => (
            Algorithm::EdDSA,
            EncodingKey::from_ed_pem(p).expect("ed pem"),
            DecodingKey::from_ed_pem(q).expect("ed public pem"),
        ),
    }
}

/// jwt-simple: a closure that signs and one that verifies, for one algorithm.
type Sign = Box<dyn Fn(&AppClaims) -> String>;
type Check = Box<dyn Fn(&str) -> CustomClaims>;

fn jwt_simple_claims(c: &AppClaims) -> jwt_simple_peer::JWTClaims<CustomClaims> {
    use jwt_simple_peer::*;
    Claims::with_custom_claims(
        CustomClaims {
            role: c.role.clone(),
            scopes: c.scopes.clone(),
            tenant: c.tenant,
        },
        Duration::from_secs(86_400),
    )
    .with_issuer(&c.iss)
    .with_subject(&c.sub)
    .with_audience(&c.aud)
    .with_jwt_id(&c.jti)
}

fn jwt_simple_options() -> jwt_simple_peer::VerificationOptions {
    jwt_simple_peer::VerificationOptions {
        allowed_issuers: Some(HashSet::from([ISS.to_string()])),
        allowed_audiences: Some(HashSet::from([AUD.to_string()])),
        ..Default::default()
    }
}

macro_rules! simple_pair {
    ($pair:expr, $public:expr) => {{
        use jwt_simple_peer::*;
        let pair = $pair;
        let public = $public;
        let options = jwt_simple_options();
        let sign: Sign = Box::new(move |c| pair.sign(jwt_simple_claims(c)).expect("sign"));
        let check: Check = Box::new(move |t| {
            public
                .verify_token::<CustomClaims>(t, Some(options.clone()))
                .expect("jwt-simple verify")
                .custom
        });
        (sign, check)
    }};
}

fn jwt_simple_fns(alg: &str, k: &Jwk) -> (Sign, Check) {
    use jwt_simple_peer::*;
    if alg == "HS256" {
        let key = HS256Key::from_bytes(&oct_bytes(k));
        let options = jwt_simple_options();
        let signer = key.clone();
        let sign: Sign = Box::new(move |c| signer.authenticate(jwt_simple_claims(c)).expect("mac"));
        let check: Check = Box::new(move |t| {
            key.verify_token::<CustomClaims>(t, Some(options.clone()))
                .expect("jwt-simple verify")
                .custom
        });
        return (sign, check);
    }
    let private = k.to_pem().expect("pem");
    let public = k.to_public_pem().expect("public pem");
    match alg {
        "RS256" => simple_pair!(
            RS256KeyPair::from_pem(&private).expect("rsa"),
            RS256PublicKey::from_pem(&public).expect("rsa public")
        ),
        "PS256" => simple_pair!(
            PS256KeyPair::from_pem(&private).expect("rsa"),
            PS256PublicKey::from_pem(&public).expect("rsa public")
        ),
        "ES256" => simple_pair!(
            ES256KeyPair::from_pem(&private).expect("ec"),
            ES256PublicKey::from_pem(&public).expect("ec public")
        ),
        _ => simple_pair!(
            Ed25519KeyPair::from_pem(&private).expect("ed"),
            Ed25519PublicKey::from_pem(&public).expect("ed public")
        ),
    }
}

fn floor_jws(alg: &'static str, k: &Jwk) -> floor::Jws {
    if alg == "HS256" {
        floor::Jws::hs256(&oct_bytes(k))
    } else {
        floor::Jws::public(alg, &pem_der(&k.to_public_pem().expect("public pem")))
    }
}

fn jws(c: &mut Criterion<ThreadCpuTime>) {
    let claims = app_claims();
    let plain = plain_claims(&claims);
    for alg in ALGS {
        let k = key(alg, "k");
        let token = signed(&k);
        let ours = verifier(jwt_bench::verifying_key(&k));
        let fl = floor_jws(alg, &k);
        let (jt_alg, jt_enc, jt_dec) = jsonwebtoken_keys(alg, &k);
        let jt_validation = jsonwebtoken_validation(jt_alg);
        let (js_sign, js_check) = jwt_simple_fns(alg, &k);

        // Every implementation accepts the token and reads the same claims.
        assert_eq!(ours.verify(&token).expect("ours").claims(), &claims);
        assert_eq!(fl.decode(&token).expect("floor"), plain);
        let jt = jsonwebtoken::decode::<jwt_bench::PlainClaims>(&token, &jt_dec, &jt_validation);
        assert_eq!(jt.expect("jsonwebtoken").claims, plain);
        assert_eq!(js_check(&token).tenant, plain.tenant);

        let mut g = c.benchmark_group(format!("{alg} decode"));
        g.bench_function("ours", |b| {
            b.iter(|| ours.verify(black_box(&token)).expect("ours"))
        });
        g.bench_function("floor", |b| {
            b.iter(|| fl.decode(black_box(&token)).expect("floor"))
        });
        g.bench_function("jsonwebtoken", |b| {
            b.iter(|| {
                jsonwebtoken::decode::<jwt_bench::PlainClaims>(
                    black_box(&token),
                    &jt_dec,
                    &jt_validation,
                )
                .expect("jsonwebtoken")
            })
        });
        g.bench_function("jwt-simple", |b| b.iter(|| js_check(black_box(&token))));
        g.finish();

        let mut g = c.benchmark_group(format!("{alg} encode"));
        g.bench_function("ours", |b| {
            b.iter_batched(
                || claims.clone(),
                |c| Jwt::new(c).sign(&k).expect("sign"),
                BatchSize::SmallInput,
            )
        });
        // An application that keeps its claims set issues from a borrow: no clone.
        g.bench_function("ours (borrowed claims)", |b| {
            b.iter(|| Jwt::borrowed(black_box(&claims)).sign(&k).expect("sign"))
        });
        if alg == "HS256" {
            let hkey = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &oct_bytes(&k));
            g.bench_function("floor", |b| {
                b.iter(|| floor::hs256_encode(&hkey, black_box(&plain)))
            });
        }
        let header = jsonwebtoken::Header::new(jt_alg);
        g.bench_function("jsonwebtoken", |b| {
            b.iter(|| jsonwebtoken::encode(&header, black_box(&plain), &jt_enc).expect("encode"))
        });
        g.bench_function("jwt-simple", |b| b.iter(|| js_sign(black_box(&claims))));
        g.finish();
    }
}

/// The JWE cases: name, our verifier, the floor, the token.
fn jwe_cases() -> Vec<(&'static str, Verifier<AppClaims>, floor::Jwe, String)> {
    let claims = app_claims();
    let cases: [(&str, Kma, Enc); 4] = [
        ("dir+A256GCM", Kma::Dir, Enc::A256Gcm),
        ("A256KW+A256CBC-HS512", Kma::A256Kw, Enc::A256CbcHs512),
        ("ECDH-ES+A256KW+A256GCM", Kma::EcdhEsA256Kw, Enc::A256Gcm),
        ("RSA-OAEP-256+A256GCM", Kma::RsaOaep256, Enc::A256Gcm),
    ];
    cases
        .into_iter()
        .map(|(name, alg, enc)| {
            let k = match alg {
                Kma::Dir => {
                    let mut k = key("A256GCM", "k");
                    k.set_alg("dir").expect("dir");
                    k
                }
                other => key(other.name(), "k"),
            };
            let token = encrypted(&k.public().unwrap_or_else(|_| k.clone()), alg, enc);
            let ours = jwe_verifier(k.clone());
            let fl = match alg {
                Kma::Dir => floor::Jwe::dir(&oct_bytes(&k)),
                Kma::A256Kw => floor::Jwe::a256kw(&oct_bytes(&k)),
                Kma::EcdhEsA256Kw => floor::Jwe::ecdh_es(&jwt_bench::private_member(&k, "d")),
                _ => floor::Jwe::rsa_oaep_256(&pem_der(&k.to_pem().expect("pem"))),
            };
            assert_eq!(ours.verify(&token).expect("ours").claims(), &claims);
            assert_eq!(fl.decode(&token).expect("floor"), plain_claims(&claims));
            (name, ours, fl, token)
        })
        .collect()
}

fn jwe(c: &mut Criterion<ThreadCpuTime>) {
    let claims = app_claims();
    for (name, ours, fl, token) in jwe_cases() {
        let mut g = c.benchmark_group(format!("JWE {name} decrypt"));
        g.bench_function("ours", |b| {
            b.iter(|| ours.verify(black_box(&token)).expect("ours"))
        });
        g.bench_function("floor", |b| {
            b.iter(|| fl.decode(black_box(&token)).expect("floor"))
        });
        g.finish();
    }

    // Nested: a dir+A256GCM JWE around an HS256 JWS.
    let inner = key("HS256", "inner");
    let mut outer = key("A256GCM", "outer");
    outer.set_alg("dir").expect("dir");
    let token = Jwt::new(claims.clone())
        .signed(&inner)
        .expect("sign")
        .encrypt(&outer, Kma::Dir, Enc::A256Gcm)
        .expect("encrypt");
    let ours = Verifier::<AppClaims>::builder(inner.clone())
        .nested(outer.clone())
        .issuer(ISS)
        .audience(AUD)
        .build()
        .expect("nested verifier");
    let fl_outer = floor::Jwe::dir(&oct_bytes(&outer));
    let fl_inner = floor::Jws::hs256(&oct_bytes(&inner));
    let fl = |t: &str| -> Result<jwt_bench::PlainClaims, floor::Rejected> {
        let jws = fl_outer.decrypt(t)?;
        fl_inner.decode(std::str::from_utf8(&jws).map_err(|_| floor::Rejected)?)
    };
    assert_eq!(ours.verify(&token).expect("ours").claims(), &claims);
    assert_eq!(fl(&token).expect("floor"), plain_claims(&claims));
    let mut g = c.benchmark_group("Nested dir+A256GCM(HS256) decrypt");
    g.bench_function("ours", |b| {
        b.iter(|| ours.verify(black_box(&token)).expect("ours"))
    });
    g.bench_function("floor", |b| {
        b.iter(|| fl(black_box(&token)).expect("floor"))
    });
    g.finish();
}

/// A verifier of one key, one of a 100-key set holding it (found by `kid`), and a
/// token that key signed.
fn jwks_case(alg: &str) -> (Verifier<AppClaims>, Verifier<AppClaims>, String) {
    let (set, used) = key_set(alg, 100);
    let one = set.keys()[used].clone();
    let token = signed(&one);
    let set = jwt_core::JwkSet::new(set.keys().iter().map(jwt_bench::verifying_key).collect());
    (
        verifier(jwt_bench::verifying_key(&one)),
        verifier(set),
        token,
    )
}

fn jwks(c: &mut Criterion<ThreadCpuTime>) {
    for alg in ["HS256", "ES256"] {
        let (single, hundred, token) = jwks_case(alg);
        assert!(hundred.verify(&token).is_ok());
        let mut g = c.benchmark_group(format!("{alg} JWK Set by kid"));
        g.bench_function("single key", |b| {
            b.iter(|| single.verify(black_box(&token)).expect("single"))
        });
        g.bench_function("100-key set", |b| {
            b.iter(|| hundred.verify(black_box(&token)).expect("set"))
        });
        g.finish();
    }
}

fn threads(c: &mut Criterion) {
    let k = key("HS256", "k");
    let token = signed(&k);
    let shared = verifier(k);
    let mut g = c.benchmark_group("HS256 decode shared Verifier");
    // One iteration = one verify on each thread; throughput = threads / time per iteration.
    for n in [1usize, 2] {
        g.bench_function(
            format!("{n} thread{}", if n == 1 { "" } else { "s" }),
            |b| {
                b.iter_custom(|iters| {
                    let start = Instant::now();
                    std::thread::scope(|s| {
                        for _ in 0..n {
                            s.spawn(|| {
                                for _ in 0..iters {
                                    black_box(shared.verify(black_box(&token)).expect("verify"));
                                }
                            });
                        }
                    });
                    start.elapsed()
                })
            },
        );
    }
    g.finish();
}

/// Time the measured thread spent on a CPU. The machine is shared: wall time would
/// charge a benchmark for the moments another job held the core, and that noise lands
/// unevenly on the implementations compared. (Caches and the memory bus are still
/// shared; only the scheduling noise goes.)
struct ThreadCpuTime;

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = cpu_time::ThreadTime;
    type Value = Duration;

    fn start(&self) -> Self::Intermediate {
        cpu_time::ThreadTime::now()
    }
    fn end(&self, start: Self::Intermediate) -> Self::Value {
        start.elapsed()
    }
    fn add(&self, a: &Self::Value, b: &Self::Value) -> Self::Value {
        *a + *b
    }
    fn zero(&self) -> Self::Value {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Self::Value) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

fn config<M: Measurement>(m: M) -> Criterion<M> {
    Criterion::default()
        .with_measurement(m)
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .noise_threshold(0.03)
}

criterion_group! {
    name = benches;
    config = config(ThreadCpuTime);
    targets = jws, jwe, jwks
}

// Throughput across threads is a wall-clock question.
criterion_group! {
    name = wall;
    config = config(WallTime);
    targets = threads
}

/// Paired ratios: on a shared machine two benchmarks timed minutes apart see different
/// neighbours, so their ratio is noisy. Here the two sides of each ratio run in
/// alternating batches of about 2 ms of CPU time, and the median of the per-round
/// ratios is kept. Written to target/jwt-bench/paired.json for the report.
struct Paired {
    rows: Vec<serde_json::Value>,
}

impl Paired {
    const ROUNDS: usize = 41;

    fn batch(f: &mut dyn FnMut(), k: u64) -> f64 {
        let start = cpu_time::ThreadTime::now();
        for _ in 0..k {
            f();
        }
        start.elapsed().as_nanos() as f64 / k as f64
    }

    /// Median over rounds of time(a) / time(b).
    fn ratio(&mut self, name: &str, mut a: impl FnMut(), mut b: impl FnMut()) {
        let only = std::env::var("JWT_BENCH_PAIRED").unwrap_or_default();
        if !(only.is_empty() || only == "only" || name.contains(&only)) {
            return;
        }
        let once = Self::batch(&mut a, 3).max(Self::batch(&mut b, 3)).max(1.0);
        let k = ((2e6 / once) as u64).clamp(1, 100_000);
        let mut ratios = Vec::with_capacity(Self::ROUNDS);
        for round in 0..Self::ROUNDS {
            let (ta, tb) = if round % 2 == 0 {
                let ta = Self::batch(&mut a, k);
                (ta, Self::batch(&mut b, k))
            } else {
                let tb = Self::batch(&mut b, k);
                (Self::batch(&mut a, k), tb)
            };
            ratios.push(ta / tb);
        }
        ratios.sort_by(f64::total_cmp);
        let median = ratios[ratios.len() / 2];
        println!("paired {name}: {median:.3}");
        self.rows
            .push(serde_json::json!({"name": name, "ratio": median, "rounds": Self::ROUNDS}));
    }
}

fn paired() {
    let mut p = Paired { rows: Vec::new() };
    let claims = app_claims();
    let plain = plain_claims(&claims);
    for alg in ALGS {
        let k = key(alg, "k");
        let token = signed(&k);
        let ours = verifier(jwt_bench::verifying_key(&k));
        let fl = floor_jws(alg, &k);
        p.ratio(
            &format!("{alg} decode: ours / floor"),
            || {
                black_box(ours.verify(black_box(&token)).expect("ours"));
            },
            || {
                black_box(fl.decode(black_box(&token)).expect("floor"));
            },
        );
        if alg == "HS256" {
            let (jt_alg, _, jt_dec) = jsonwebtoken_keys(alg, &k);
            let v = jsonwebtoken_validation(jt_alg);
            p.ratio(
                "HS256 decode: jsonwebtoken / ours",
                || {
                    black_box(
                        jsonwebtoken::decode::<jwt_bench::PlainClaims>(
                            black_box(&token),
                            &jt_dec,
                            &v,
                        )
                        .expect("jsonwebtoken"),
                    );
                },
                || {
                    black_box(ours.verify(black_box(&token)).expect("ours"));
                },
            );
            let hkey = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &oct_bytes(&k));
            // The claims clone is the caller's: the floor pays for one too.
            p.ratio(
                "HS256 encode: ours / floor",
                || {
                    black_box(Jwt::new(black_box(&claims).clone()).sign(&k).expect("sign"));
                },
                || {
                    black_box(black_box(&claims).clone());
                    black_box(floor::hs256_encode(&hkey, black_box(&plain)));
                },
            );
            // The application keeps its claims: neither side clones.
            p.ratio(
                "HS256 encode, claims kept: ours (borrowed) / floor",
                || {
                    black_box(Jwt::borrowed(black_box(&claims)).sign(&k).expect("sign"));
                },
                || {
                    black_box(floor::hs256_encode(&hkey, black_box(&plain)));
                },
            );
        }
    }
    for (name, ours, fl, token) in jwe_cases() {
        p.ratio(
            &format!("JWE {name} decrypt: ours / floor"),
            || {
                black_box(ours.verify(black_box(&token)).expect("ours"));
            },
            || {
                black_box(fl.decode(black_box(&token)).expect("floor"));
            },
        );
    }
    for alg in ["HS256", "ES256"] {
        let (single, hundred, token) = jwks_case(alg);
        p.ratio(
            &format!("{alg} JWK Set by kid: 100-key set / single key"),
            || {
                black_box(hundred.verify(black_box(&token)).expect("set"));
            },
            || {
                black_box(single.verify(black_box(&token)).expect("single"));
            },
        );
    }
    if std::env::var("JWT_BENCH_PAIRED").is_ok() {
        return;
    }
    let dir = jwt_bench::report::target_dir().join("jwt-bench");
    std::fs::create_dir_all(&dir).expect("target dir");
    std::fs::write(
        dir.join("paired.json"),
        serde_json::Value::Array(p.rows).to_string(),
    )
    .expect("write paired.json");
}

fn main() {
    // With a criterion filter (a non-flag argument) only criterion runs.
    let filtered = std::env::args().skip(1).any(|a| !a.starts_with('-'));
    // `JWT_BENCH_PAIRED=only` (or `=some text`): the paired ratios alone (or those whose
    // name has that text), for a quick look while working; nothing is written.
    if std::env::var("JWT_BENCH_PAIRED").is_ok() {
        paired();
        return;
    }
    benches();
    wall();
    if !filtered {
        paired();
    }
    Criterion::default().configure_from_args().final_summary();
    println!("\n{}", jwt_bench::report::tables());
}
