//! A loop to profile: `perf record -g target/release/profile hs256-decode 200000`,
//! or under `valgrind --tool=callgrind` with a small count.
//! Operations: hs256-decode, hs256-floor, hs256-encode, es256-decode, dir-decrypt,
//! nested-decrypt, jwks-hs256.

use jwt_bench::{app_claims, key, key_set, signed, verifier, verifying_key};
use jwt_core::{ContentEncryptionAlgorithm, Jwt, KeyManagementAlgorithm};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_else(|| "hs256-decode".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    match op.as_str() {
        "hs256-decode" | "es256-decode" => {
            let k = key(
                if op == "hs256-decode" {
                    "HS256"
                } else {
                    "ES256"
                },
                "k",
            );
            let token = signed(&k);
            let v = verifier(verifying_key(&k));
            for _ in 0..n {
                black_box(v.verify(black_box(&token)).expect("verify"));
            }
        }
        "hs256-floor" => {
            let k = key("HS256", "k");
            let token = signed(&k);
            let floor = jwt_bench::floor::Jws::hs256(&jwt_bench::oct_bytes(&k));
            for _ in 0..n {
                black_box(floor.decode(black_box(&token)).expect("floor"));
            }
        }
        "hs256-encode" => {
            let k = key("HS256", "k");
            let claims = app_claims();
            for _ in 0..n {
                black_box(Jwt::new(claims.clone()).sign(&k).expect("sign"));
            }
        }
        "dir-decrypt" => {
            let mut k = key("A256GCM", "k");
            k.set_alg("dir").expect("dir");
            let token = jwt_bench::encrypted(
                &k,
                KeyManagementAlgorithm::Dir,
                ContentEncryptionAlgorithm::A256Gcm,
            );
            let v = jwt_bench::jwe_verifier(k);
            for _ in 0..n {
                black_box(v.verify(black_box(&token)).expect("decrypt"));
            }
        }
        "nested-decrypt" => {
            let inner = key("HS256", "inner");
            let mut outer = key("A256GCM", "outer");
            outer.set_alg("dir").expect("dir");
            let token = Jwt::new(app_claims())
                .signed(&inner)
                .expect("sign")
                .encrypt(
                    &outer,
                    KeyManagementAlgorithm::Dir,
                    ContentEncryptionAlgorithm::A256Gcm,
                )
                .expect("encrypt");
            let v = jwt_core::Verifier::<jwt_bench::AppClaims>::builder(inner)
                .nested(outer)
                .issuer(jwt_bench::ISS)
                .audience(jwt_bench::AUD)
                .build()
                .expect("nested verifier");
            for _ in 0..n {
                black_box(v.verify(black_box(&token)).expect("nested"));
            }
        }
        "jwks-hs256" => {
            let (set, used) = key_set("HS256", 100);
            let token = signed(&set.keys()[used]);
            let v = verifier(set);
            for _ in 0..n {
                black_box(v.verify(black_box(&token)).expect("verify"));
            }
        }
        other => eprintln!("unknown operation {other}"),
    }
}
