//! `cargo bench -p jwt-bench --bench alloc`: heap allocations per decode, counted by a
//! wrapping global allocator (stats_alloc, so no `unsafe impl GlobalAlloc` here).
//! Writes `target/jwt-bench/alloc.json` for `bench/report.py`.

use jwt_bench::{
    app_claims, floor, key, oct_bytes, pem_der, signed, verifier, CustomClaims, PlainClaims, AUD,
    ISS, OWNED_ALLOCATIONS,
};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;
use std::hint::black_box;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const RUNS: usize = 1000;

/// Allocations (new blocks) and reallocations per call of `f`, after a warm-up call.
fn count(mut f: impl FnMut()) -> (f64, f64) {
    f();
    let region = Region::new(GLOBAL);
    for _ in 0..RUNS {
        f();
    }
    let stats = region.change();
    (
        stats.allocations as f64 / RUNS as f64,
        stats.reallocations as f64 / RUNS as f64,
    )
}

fn main() {
    // cargo bench passes --bench; nothing else to parse.
    let mut rows: Vec<(String, f64, f64)> = Vec::new();
    let claims = app_claims();
    for alg in ["HS256", "RS256", "PS256", "ES256", "EdDSA"] {
        let k = key(alg, "k");
        let token = signed(&k);
        let ours = verifier(jwt_bench::verifying_key(&k));
        let (a, r) = count(|| {
            black_box(ours.verify(black_box(&token)).expect("ours"));
        });
        rows.push((format!("{alg} decode/ours"), a, r));
        if alg == "HS256" {
            let fl = floor::Jws::hs256(&oct_bytes(&k));
            let (a, r) = count(|| {
                black_box(fl.decode(black_box(&token)).expect("floor"));
            });
            rows.push((format!("{alg} decode/floor"), a, r));

            let secret = oct_bytes(&k);
            let dec = jsonwebtoken::DecodingKey::from_secret(&secret).expect("secret");
            let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
            v.set_issuer(&[ISS]);
            v.set_audience(&[AUD]);
            v.validate_nbf = true;
            let (a, r) = count(|| {
                black_box(
                    jsonwebtoken::decode::<PlainClaims>(black_box(&token), &dec, &v)
                        .expect("jsonwebtoken"),
                );
            });
            rows.push((format!("{alg} decode/jsonwebtoken"), a, r));

            use jwt_simple::prelude::*;
            let js = HS256Key::from_bytes(&secret);
            let options = VerificationOptions {
                allowed_issuers: Some(HashSet::from([ISS.to_string()])),
                allowed_audiences: Some(HashSet::from([AUD.to_string()])),
                ..Default::default()
            };
            let (a, r) = count(|| {
                black_box(
                    js.verify_token::<CustomClaims>(black_box(&token), Some(options.clone()))
                        .expect("jwt-simple"),
                );
            });
            rows.push((format!("{alg} decode/jwt-simple"), a, r));

            let (a, r) = count(|| {
                black_box(jwt_core::Jwt::new(claims.clone()).sign(&k).expect("sign"));
            });
            // The clone of the claims is the caller's, not the encoder's.
            rows.push((
                format!("{alg} encode/ours (less the claims clone)"),
                a - OWNED_ALLOCATIONS as f64,
                r,
            ));
        } else {
            let fl = floor::Jws::public(
                match alg {
                    "RS256" => "RS256",
                    "PS256" => "PS256",
                    "ES256" => "ES256",
                    _ => "EdDSA",
                },
                &pem_der(&k.to_public_pem().expect("pem")),
            );
            let (a, r) = count(|| {
                black_box(fl.decode(black_box(&token)).expect("floor"));
            });
            rows.push((format!("{alg} decode/floor"), a, r));
        }
    }

    println!("allocations per call ({RUNS} calls; the claims own {OWNED_ALLOCATIONS} heap blocks)");
    println!(
        "{:<45} {:>8} {:>8}",
        "operation/implementation", "allocs", "reallocs"
    );
    for (name, a, r) in &rows {
        println!("{name:<45} {a:>8.1} {r:>8.1}");
    }
    let json: Vec<serde_json::Value> = rows
        .iter()
        .map(|(name, a, r)| serde_json::json!({"name": name, "allocations": a, "reallocations": r}))
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/jwt-bench");
    std::fs::create_dir_all(&dir).expect("target dir");
    let doc =
        serde_json::json!({"owned_allocations": OWNED_ALLOCATIONS, "runs": RUNS, "rows": json});
    std::fs::write(dir.join("alloc.json"), doc.to_string()).expect("write alloc.json");
}
