//! `cargo bench -p jwt-bench --bench pq`: ML-DSA-44 and ML-DSA-65 (jwt-core's `pq`
//! feature) next to Ed25519 and ES256, signing and verifying a JWT, ours against the raw
//! aws-lc-rs primitive on the same signing input.
//!
//! - **ours**: `Jwt::borrowed(&claims).sign(&key)` (claims serialized, header written,
//!   base64url, signature) and `Verifier::verify` (split, decode, allow-list, key
//!   binding, signature, claims parsed and validated);
//! - **raw backend**: the aws-lc-rs key pair or parsed public key, built once, signing or
//!   verifying the token's signing input, nothing else.
//!
//! Criterion times each side (thread CPU time would need the jwt bench's measurement;
//! these are wall-clock medians, good enough for a signature that costs tens of µs);
//! then each ratio is timed again in alternating batches (`src/paired.rs`), which is
//! what to read on a shared machine. Nothing is written for the report.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, EcdsaKeyPair, Ed25519KeyPair, ParsedPublicKey, PqdsaKeyPair};
use criterion::Criterion;
use jwt_bench::paired::compare;
use jwt_bench::{app_claims, key, pem_der, verifier, verifying_key, AppClaims};
use jwt_core::{Jwk, Jwt, Verifier};
use std::hint::black_box;
use std::time::Duration;

/// A signer of the raw backend, built once from the key's PKCS#8.
enum RawSigner {
    Ed25519(Ed25519KeyPair),
    Es256(EcdsaKeyPair, SystemRandom),
    MlDsa(PqdsaKeyPair),
}

impl RawSigner {
    fn new(alg: &str, pkcs8: &[u8]) -> Self {
        match alg {
            "EdDSA" => RawSigner::Ed25519(
                Ed25519KeyPair::from_pkcs8_maybe_unchecked(pkcs8).expect("Ed25519 PKCS#8"),
            ),
            "ES256" => RawSigner::Es256(
                EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8)
                    .expect("P-256 PKCS#8"),
                SystemRandom::new(),
            ),
            "ML-DSA-44" => RawSigner::MlDsa(
                PqdsaKeyPair::from_pkcs8(&signature::ML_DSA_44_SIGNING, pkcs8)
                    .expect("ML-DSA-44 PKCS#8"),
            ),
            "ML-DSA-65" => RawSigner::MlDsa(
                PqdsaKeyPair::from_pkcs8(&signature::ML_DSA_65_SIGNING, pkcs8)
                    .expect("ML-DSA-65 PKCS#8"),
            ),
            other => panic!("no raw signer for {other}"),
        }
    }

    fn sign(&self, msg: &[u8]) -> Vec<u8> {
        match self {
            RawSigner::Ed25519(k) => k.sign(msg).as_ref().to_vec(),
            RawSigner::Es256(k, rng) => k.sign(rng, msg).expect("ES256").as_ref().to_vec(),
            RawSigner::MlDsa(k) => {
                let mut sig = vec![0u8; k.algorithm().signature_len()];
                let len = k.sign(msg, &mut sig).expect("ML-DSA");
                sig.truncate(len);
                sig
            }
        }
    }
}

fn raw_verifier(alg: &str, spki: &[u8]) -> ParsedPublicKey {
    let algorithm: &'static dyn signature::VerificationAlgorithm = match alg {
        "EdDSA" => &signature::ED25519,
        "ES256" => &signature::ECDSA_P256_SHA256_FIXED,
        "ML-DSA-44" => &signature::ML_DSA_44,
        "ML-DSA-65" => &signature::ML_DSA_65,
        other => panic!("no raw verifier for {other}"),
    };
    ParsedPublicKey::new(algorithm, spki).expect("SPKI")
}

/// One algorithm's keys and token, on both sides.
struct Case {
    alg: &'static str,
    key: Jwk,
    claims: AppClaims,
    ours: Verifier<AppClaims>,
    token: String,
    raw_signer: RawSigner,
    raw_public: ParsedPublicKey,
    signing_input: Vec<u8>,
    signature: Vec<u8>,
}

fn case(alg: &'static str) -> Case {
    let key = key(alg, "k");
    let claims = app_claims();
    let token = Jwt::borrowed(&claims).sign(&key).expect("sign");
    let ours = verifier(verifying_key(&key));
    let raw_signer = RawSigner::new(alg, &pem_der(&key.to_pem().expect("PKCS#8")));
    let raw_public = raw_verifier(alg, &pem_der(&key.to_public_pem().expect("SPKI")));
    let (input, sig) = token.rsplit_once('.').expect("compact");
    let (input, signature) = (
        input.to_owned(),
        jwt_core::base64url::decode(sig).expect("signature"),
    );
    // Both sides accept the token, and each accepts what the other signs.
    assert_eq!(ours.verify(&token).expect("ours").claims(), &claims);
    raw_public
        .verify_sig(input.as_bytes(), &signature)
        .expect("raw verifies ours");
    let raw_sig = raw_signer.sign(input.as_bytes());
    let forged = format!("{input}.{}", jwt_core::base64url::encode(&raw_sig));
    ours.verify(&forged).expect("ours verifies raw");
    Case {
        alg,
        key,
        claims,
        ours,
        token,
        raw_signer,
        raw_public,
        signing_input: input.into_bytes(),
        signature,
    }
}

fn cases() -> Vec<Case> {
    ["EdDSA", "ES256", "ML-DSA-44", "ML-DSA-65"]
        .into_iter()
        .map(case)
        .collect()
}

fn criterion(c: &mut Criterion, cases: &[Case]) {
    for k in cases {
        let mut g = c.benchmark_group(format!("{} sign", k.alg));
        g.bench_function("ours", |b| {
            b.iter(|| {
                Jwt::borrowed(black_box(&k.claims))
                    .sign(&k.key)
                    .expect("sign")
            })
        });
        g.bench_function("raw backend", |b| {
            b.iter(|| k.raw_signer.sign(black_box(&k.signing_input)))
        });
        g.finish();
        let mut g = c.benchmark_group(format!("{} verify", k.alg));
        g.bench_function("ours", |b| {
            b.iter(|| k.ours.verify(black_box(&k.token)).expect("ours"))
        });
        g.bench_function("raw backend", |b| {
            b.iter(|| {
                k.raw_public
                    .verify_sig(black_box(&k.signing_input), black_box(&k.signature))
                    .expect("raw")
            })
        });
        g.finish();
    }
}

fn paired(cases: &[Case]) {
    for k in cases {
        compare(
            &format!("{} sign: ours / raw backend", k.alg),
            || {
                black_box(
                    Jwt::borrowed(black_box(&k.claims))
                        .sign(&k.key)
                        .expect("sign"),
                );
            },
            || {
                black_box(k.raw_signer.sign(black_box(&k.signing_input)));
            },
        );
        compare(
            &format!("{} verify: ours / raw backend", k.alg),
            || {
                black_box(k.ours.verify(black_box(&k.token)).expect("ours"));
            },
            || {
                k.raw_public
                    .verify_sig(black_box(&k.signing_input), black_box(&k.signature))
                    .expect("raw");
            },
        );
    }
}

fn main() {
    let cases = cases();
    // `JWT_BENCH_PAIRED=only`: the paired ratios alone, for a quick look.
    if std::env::var("JWT_BENCH_PAIRED").is_err() {
        let mut c = Criterion::default()
            .sample_size(20)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2))
            .configure_from_args();
        criterion(&mut c, &cases);
        c.final_summary();
    }
    paired(&cases);
}
