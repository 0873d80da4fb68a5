//! `cargo bench -p jwt-bench --bench cost`: what a hostile input costs under the default
//! [`Limits`](jwt_core::Limits), next to a valid input of the same algorithm.
//!
//! For each entry point (compact and JSON JWS, compact and JSON JWE, nested, JWK Set
//! load) the most expensive input the defaults still let through is built, checked once
//! to be refused (or accepted) with the expected error kind, so that the real path is
//! timed, and then timed against its valid counterpart in alternating batches (thread
//! CPU time, median over rounds, as the paired ratios of the `jwt` bench). The table is
//! printed as Markdown and written to `target/jwt-bench/cost.md`; jwt-core's security
//! chapter ("What a hostile token can cost") quotes it.
//!
//! `cargo bench -p jwt-bench --bench cost -- TEXT` runs the rows whose entry point or
//! input contains TEXT, and writes nothing.

use jwt_bench::{app_claims, key, AppClaims, AUD, ISS};
use jwt_core::jws::{HeaderMap, JwsBuilder, JwsVerifier};
use jwt_core::{
    base64url, ContentEncryptionAlgorithm as Enc, ErrorKind, JweBuilder, JweDecrypter, Jwk, JwkSet,
    Jwt, KeyManagementAlgorithm as Kma, Limits, Recipient, SignatureAlgorithm, Verifier,
};
use serde_json::{json, Value};
use std::hint::black_box;
use std::rc::Rc;

const LIMITS: Limits = Limits::DEFAULT;
/// The JWK Set text limit (jwt-core/src/jwk/set.rs, `MAX_JWKS_BYTES`).
const MAX_JWKS_BYTES: usize = 1024 * 1024;
/// More keys than `max_keys_tried`, so that the cap, not the set, bounds the tries.
const SET_SIZE: usize = 8;

/// What a hostile input must come to: accepted, or refused with this kind.
#[derive(Clone, Copy, Debug)]
enum Expect {
    Accepted,
    Refused(ErrorKind),
}

type Run = Box<dyn FnMut() -> Result<(), jwt_core::Error>>;

/// One row: the hostile input and its valid counterpart.
struct Case {
    entry: &'static str,
    hostile: String,
    valid: String,
    expect: Expect,
    note: &'static str,
    run_hostile: Run,
    run_valid: Run,
}

struct Measured {
    hostile_ns: f64,
    valid_ns: f64,
    ratio: f64,
    rounds: usize,
}

fn ok<T>(r: jwt_core::Result<T>) -> Result<(), jwt_core::Error> {
    r.map(|v| {
        black_box(v);
    })
}

fn cpu_ns(f: &mut Run, k: u64) -> f64 {
    let start = cpu_time::ThreadTime::now();
    for _ in 0..k {
        let _ = black_box(f());
    }
    start.elapsed().as_nanos() as f64 / k as f64
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Both sides in alternating batches of about 2 ms each (at least one call), until
/// about 1.5 s of CPU time or 21 rounds; medians of the per-round times and ratios.
fn measure(case: &mut Case) -> Measured {
    let once_h = cpu_ns(&mut case.run_hostile, 1).max(1.0);
    let once_v = cpu_ns(&mut case.run_valid, 3).max(1.0);
    let k_h = ((2e6 / once_h) as u64).clamp(1, 100_000);
    let k_v = ((2e6 / once_v) as u64).clamp(1, 100_000);
    let per_round = k_h as f64 * once_h + k_v as f64 * once_v;
    let rounds = ((1.5e9 / per_round) as usize).clamp(3, 21) | 1;
    let (mut th, mut tv, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (h, v) = if round % 2 == 0 {
            let h = cpu_ns(&mut case.run_hostile, k_h);
            (h, cpu_ns(&mut case.run_valid, k_v))
        } else {
            let v = cpu_ns(&mut case.run_valid, k_v);
            (cpu_ns(&mut case.run_hostile, k_h), v)
        };
        th.push(h);
        tv.push(v);
        ratios.push(h / v);
    }
    Measured {
        hostile_ns: median(&mut th),
        valid_ns: median(&mut tv),
        ratio: median(&mut ratios),
        rounds,
    }
}

/// Runs both sides once and checks the outcomes, so the timed path is the real one.
fn check(case: &mut Case) -> String {
    if let Err(e) = (case.run_valid)() {
        panic!(
            "{} / {}: the valid counterpart failed: {e}",
            case.entry, case.valid
        );
    }
    match ((case.run_hostile)(), case.expect) {
        (Ok(()), Expect::Accepted) => "accepted".into(),
        (Err(e), Expect::Refused(kind)) if e.kind() == kind => format!("{kind:?}"),
        (got, want) => panic!(
            "{} / {}: expected {want:?}, got {:?}",
            case.entry,
            case.hostile,
            got.err()
        ),
    }
}

fn fmt_time(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

// ---------------------------------------------------------------------------------
// Building blocks for hostile inputs.

fn b64(bytes: impl AsRef<[u8]>) -> String {
    base64url::encode(bytes)
}

fn json_text(v: &Value) -> String {
    serde_json::to_string(v).expect("json")
}

/// Arrays nested `depth` deep around `0,0,...`, `len` bytes in all (at least the brackets).
fn deep(depth: usize, len: usize) -> String {
    let mut s = "[".repeat(depth);
    let zeros = len.saturating_sub(2 * depth).max(1);
    for i in 0..zeros.div_ceil(2) {
        s.push_str(if i == 0 { "0" } else { ",0" });
    }
    s.push_str(&"]".repeat(depth));
    s
}

/// `{"alg":ALG,"x":[[...]]}` with the arrays `depth` deep, `len` bytes in all.
fn deep_header(alg: &str, depth: usize, len: usize) -> String {
    let head = format!(r#"{{"alg":"{alg}","x":"#);
    let text = format!(
        "{head}{}}}",
        deep(depth, len.saturating_sub(head.len() + 1))
    );
    assert!(text.len() <= len.max(head.len() + 2 * depth + 2));
    text
}

/// The deepest `depth` for which `attempt(depth)` is not refused for depth (tried from
/// 64 down): the hostile input then sits exactly at the nesting limit.
fn deepest(mut attempt: impl FnMut(usize) -> Result<(), jwt_core::Error>) -> usize {
    (1..=64)
        .rev()
        .find(|&d| match attempt(d) {
            Err(e) if e.kind() == ErrorKind::LimitExceeded => {
                if std::env::var_os("JWT_COST_DEBUG").is_some() {
                    eprintln!("depth {d}: {e}");
                }
                false
            }
            _ => true,
        })
        .expect("some depth passes")
}

/// A base64url text of exactly `len` characters (`len % 4 != 1`), decoding to zeros
/// padded with `A`s: the payload of a token whose signature fails is never parsed.
fn filler(len: usize) -> String {
    let len = if len % 4 == 1 { len - 1 } else { len };
    "A".repeat(len)
}

/// A compact JWS of `max_token_bytes` in all whose signature fails: a protected header
/// of `max_header_bytes` nested `depth` deep, no `kid`, a filler payload, and a real
/// signature (correct length) from `valid`, a token of the same key.
fn bad_compact_jws(alg: &str, depth: usize, valid: &str, limits: &Limits) -> String {
    let max_len = limits.max_token_bytes;
    let signature = valid.rsplit('.').next().expect("signature");
    let header = b64(deep_header(alg, depth, limits.max_header_bytes));
    let payload = filler(max_len - header.len() - signature.len() - 2);
    let token = format!("{header}.{payload}.{signature}");
    assert!(token.len() <= max_len);
    token
}

/// A general JSON JWS of `max_token_bytes`: `max_signatures` signatures, each with a
/// protected header of `header_len` bytes at the depth limit and no `kid`, all failing,
/// over the largest payload that fits.
fn bad_json_jws(
    alg: &str,
    depth: usize,
    header_len: usize,
    signature: &str,
    limits: &Limits,
) -> String {
    let header = b64(deep_header(alg, depth, header_len));
    let one = format!(r#"{{"protected":"{header}","signature":"{signature}"}}"#);
    let signatures = vec![one; limits.max_signatures].join(",");
    let frame = format!(r#"{{"payload":"","signatures":[{signatures}]}}"#);
    let payload = filler(limits.max_token_bytes - frame.len());
    let token = format!(r#"{{"payload":"{payload}","signatures":[{signatures}]}}"#);
    assert!(token.len() <= limits.max_token_bytes);
    token
}

/// `n` copies of `key` with kids `k0`.. (the same material: the cost of a try does not
/// depend on which key of a size is tried, and generating large RSA keys is slow).
fn copies(key: &Jwk, n: usize) -> Vec<Jwk> {
    (0..n)
        .map(|i| {
            let mut k = key.clone();
            k.set_kid(format!("k{i}"));
            k
        })
        .collect()
}

fn set_of(key: &Jwk, n: usize) -> JwkSet {
    JwkSet::new(copies(key, n))
}

/// An RSA private key of `bits` (2048..=8192), generated once and kept in
/// target/jwt-bench (generating an 8192-bit key takes a while).
fn rsa_key(bits: usize, alg: &str) -> Jwk {
    use aws_lc_rs::encoding::AsDer;
    use aws_lc_rs::rsa::{KeyPair, KeySize};
    let dir = jwt_bench::report::target_dir().join("jwt-bench");
    let path = dir.join(format!("cost-rsa{bits}.der"));
    let der = std::fs::read(&path).unwrap_or_else(|_| {
        let size = match bits {
            2048 => KeySize::Rsa2048,
            3072 => KeySize::Rsa3072,
            4096 => KeySize::Rsa4096,
            _ => KeySize::Rsa8192,
        };
        let pair = KeyPair::generate(size).expect("RSA key generation");
        let der: aws_lc_rs::encoding::Pkcs8V1Der<'_> = pair.as_der().expect("pkcs8");
        let der = der.as_ref().to_vec();
        std::fs::create_dir_all(&dir).expect("target dir");
        std::fs::write(&path, &der).expect("write key");
        der
    });
    let mut k = Jwk::from_der(&der).expect("RSA key");
    k.set_alg(alg).expect("alg");
    k
}

/// A verifier shared by the hostile and the valid side of a row.
type Shared = Rc<Verifier<AppClaims>>;

fn verifier(keys: impl Into<jwt_core::Keys>, limits: &Limits) -> Shared {
    Rc::new(
        Verifier::<AppClaims>::builder(keys)
            .issuer(ISS)
            .audience(AUD)
            .limits(*limits)
            .build()
            .expect("verifier"),
    )
}

fn jwe_verifier(keys: impl Into<jwt_core::Keys>) -> Shared {
    Rc::new(
        Verifier::<AppClaims>::builder(keys)
            .encrypted()
            .issuer(ISS)
            .audience(AUD)
            .build()
            .expect("jwe verifier"),
    )
}

fn claims_json() -> Vec<u8> {
    serde_json::to_vec(&app_claims()).expect("claims")
}

/// The ciphertext that fills a token whose other parts take `frame` bytes up to
/// `max_token_bytes` (it is decoded before any key is tried).
fn filling_ciphertext(frame: usize) -> Vec<u8> {
    vec![9u8; (LIMITS.max_token_bytes - frame) * 3 / 4]
}

/// A compact JWE of `max_token_bytes`: `header`, this encrypted key and a content part
/// of the right shape for A256GCM (its tag never gets checked: the key cannot be
/// unwrapped).
fn raw_compact_jwe(header: &Value, encrypted_key: &[u8]) -> String {
    let token = |ciphertext: &[u8]| {
        format!(
            "{}.{}.{}.{}.{}",
            b64(json_text(header)),
            b64(encrypted_key),
            b64([7u8; 12]),
            b64(ciphertext),
            b64([1u8; 16])
        )
    };
    let token = token(&filling_ciphertext(token(&[]).len()));
    assert!(token.len() <= LIMITS.max_token_bytes);
    token
}

/// A general JSON JWE of `max_token_bytes` with `enc: A256GCM` protected and these
/// recipients.
fn raw_json_jwe(recipients: &[Value]) -> String {
    let token = |ciphertext: &[u8]| {
        json_text(&json!({
            "protected": b64(r#"{"enc":"A256GCM"}"#),
            "recipients": recipients,
            "iv": b64([7u8; 12]),
            "ciphertext": b64(ciphertext),
            "tag": b64([1u8; 16]),
        }))
    };
    let token = token(&filling_ciphertext(token(&[]).len()));
    assert!(token.len() <= LIMITS.max_token_bytes);
    token
}

/// Bytes that are a valid RSA input for a modulus of `len` bytes (below the modulus)
/// but no OAEP encoding.
fn rsa_garbage(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| if i == 0 { 1 } else { (i * 131 % 251) as u8 })
        .collect()
}

/// A PBES2 header at the `p2c` ceiling, no `kid`.
fn pbes2_header(with_enc: bool) -> Value {
    let mut h = json!({
        "alg": "PBES2-HS512+A256KW",
        "p2c": LIMITS.max_pbes2_iterations,
        "p2s": b64([5u8; 16]),
    });
    if with_enc {
        h["enc"] = "A256GCM".into();
    }
    h
}

/// An ECDH-ES+A256KW header with a valid P-256 `epk` (someone else's key), no `kid`.
fn ecdh_header(with_enc: bool) -> Value {
    let other = Jwk::generate_ec(jwt_core::Curve::P256)
        .expect("ec")
        .public()
        .expect("public")
        .to_value();
    let epk = json!({"kty": "EC", "crv": "P-256", "x": other["x"], "y": other["y"]});
    let mut h = json!({"alg": "ECDH-ES+A256KW", "epk": epk});
    if with_enc {
        h["enc"] = "A256GCM".into();
    }
    h
}

fn rsa_header(with_enc: bool) -> Value {
    let mut h = json!({"alg": "RSA-OAEP-256"});
    if with_enc {
        h["enc"] = "A256GCM".into();
    }
    h
}

/// A JWK Set of copies of `entry` (kids `k0`..) as large as fits in the set limit.
fn max_set_text(entry: &Value) -> (String, usize) {
    let mut keys = Vec::new();
    let mut len = r#"{"keys":[]}"#.len();
    loop {
        let mut e = entry.clone();
        e["kid"] = format!("k{}", keys.len()).into();
        let text = json_text(&e);
        if len + text.len() + 1 > MAX_JWKS_BYTES {
            break;
        }
        len += text.len() + 1;
        keys.push(text);
    }
    let n = keys.len();
    let text = format!(r#"{{"keys":[{}]}}"#, keys.join(","));
    assert!(text.len() <= MAX_JWKS_BYTES);
    (text, n)
}

fn one_set_text(entry: &Value) -> String {
    let mut e = entry.clone();
    e["kid"] = "k0".into();
    format!(r#"{{"keys":[{}]}}"#, json_text(&e))
}

/// Only the key members (no kid, alg, use).
fn members(key: &Jwk, names: &[&str]) -> Value {
    let v = key.to_value();
    let mut out = serde_json::Map::new();
    for name in names {
        out.insert((*name).into(), v[*name].clone());
    }
    Value::Object(out)
}

// ---------------------------------------------------------------------------------
// The cases.

fn jws_compact(cases: &mut Vec<Case>, limits: &Limits, repeat: bool) {
    let hs = key("HS256", "k");
    let valid_token = jwt_bench::signed(&hs);
    let single = verifier(hs.clone(), limits);
    let depth = deepest(|d| ok(single.verify(&bad_compact_jws("HS256", d, &valid_token, limits))));
    let bad = bad_compact_jws("HS256", depth, &valid_token, limits);
    let v = single.clone();
    let (t, b) = (valid_token.clone(), bad.clone());
    let v2 = single;
    cases.push(Case {
        entry: "JWS compact (Verifier)",
        hostile: format!(
            "HS256, one key: {} KiB token, {} KiB header {depth} deep, signature fails",
            limits.max_token_bytes / 1024,
            limits.max_header_bytes / 1024
        ),
        valid: "HS256 token (one key)".into(),
        expect: Expect::Refused(ErrorKind::BadSignature),
        note: "linear in max_token_bytes",
        run_hostile: Box::new(move || ok(v.verify(&b))),
        run_valid: Box::new(move || ok(v2.verify(&t))),
    });

    // A set: the token names no kid, so max_keys_tried keys are tried.
    for (alg, bits) in [("HS256", 0), ("RS256", 2048), ("RS256", 8192)] {
        let k = if bits == 0 {
            key(alg, "k")
        } else {
            rsa_key(bits, alg)
        };
        let set = set_of(&jwt_bench::verifying_key(&k), SET_SIZE);
        let mut signer = k.clone();
        signer.set_kid("k2");
        let valid = jwt_bench::signed(&signer);
        let bad = bad_compact_jws(alg, depth, &valid, limits);
        let v = verifier(set, limits);
        let v2 = v.clone();
        let name = if bits == 0 {
            alg.to_string()
        } else {
            format!("{alg} (RSA-{bits})")
        };
        cases.push(Case {
            entry: "JWS compact (Verifier)",
            hostile: format!(
                "{name}, {SET_SIZE}-key set, no kid: {} KiB token, signature fails \
                 ({} keys tried)",
                limits.max_token_bytes / 1024,
                limits.max_keys_tried
            ),
            valid: format!("{name} token naming its kid, same set"),
            expect: Expect::Refused(ErrorKind::BadSignature),
            note: "max_keys_tried × max_token_bytes",
            run_hostile: Box::new(move || ok(v.verify(&bad))),
            run_valid: Box::new(move || ok(v2.verify(&valid))),
        });
    }

    if repeat {
        return;
    }
    // The largest JWK Set and a kid that is not in it.
    let entry = json!({"kty": "oct", "alg": "HS256", "k": b64([3u8; 32])});
    let (text, n) = max_set_text(&entry);
    let set = JwkSet::from_json(&text).expect("max set");
    assert_eq!(set.keys().len(), n);
    let signer = set.find(&format!("k{}", n / 2)).expect("key").clone();
    let valid = jwt_bench::signed(&signer);
    let mut miss = signer.clone();
    miss.set_kid("no-such-kid");
    let bad = jwt_bench::signed(&miss);
    let v = verifier(set, limits);
    let v2 = v.clone();
    cases.push(Case {
        entry: "JWS compact (Verifier)",
        hostile: format!("HS256, 1 MiB set ({n} keys), kid not in the set"),
        valid: "HS256 token naming a kid of the same set".into(),
        expect: Expect::Refused(ErrorKind::KeyNotFound),
        note: "binary search over kids",
        run_hostile: Box::new(move || ok(v.verify(&bad))),
        run_valid: Box::new(move || ok(v2.verify(&valid))),
    });
}

fn jws_json(cases: &mut Vec<Case>, limits: &Limits) {
    let claims = claims_json();
    for (alg, bits) in [("HS256", 0), ("RS256", 2048), ("RS256", 8192)] {
        let k = if bits == 0 {
            key(alg, "k")
        } else {
            rsa_key(bits, alg)
        };
        let sig_alg = SignatureAlgorithm::from_name(alg).expect("alg");
        let set = set_of(&jwt_bench::verifying_key(&k), SET_SIZE);
        let mut signer = k.clone();
        signer.set_kid("k2");
        let valid = JwsBuilder::new(&claims[..])
            .sign(&signer, sig_alg, HeaderMap::new(), None)
            .expect("sign")
            .json_flattened()
            .expect("json");
        let signature = serde_json::from_str::<Value>(&valid).expect("json")["signature"]
            .as_str()
            .expect("signature")
            .to_owned();
        let verifier = JwsVerifier::new([sig_alg]).with_limits(*limits);
        let depth =
            deepest(|d| ok(verifier.verify(&bad_json_jws(alg, d, 0, &signature, limits), &set)));
        // Header bytes are parsed once, payload bytes hashed for every key tried: the
        // costliest split of the token between them depends on the algorithm, so the
        // slowest of small headers, headers of a quarter and of half the token, and the
        // largest headers that fit is kept.
        let per_signature = |share: usize| {
            let encoded = limits.max_token_bytes * share / 4 / limits.max_signatures;
            (encoded.saturating_sub(signature.len() + 40) * 3 / 4).min(limits.max_header_bytes)
        };
        let bad = [0, 1, 2, 4]
            .into_iter()
            .map(|share| bad_json_jws(alg, depth, per_signature(share), &signature, limits))
            .map(|token| {
                let mut run: Run = {
                    let (v, s, t) = (verifier.clone(), set.clone(), token.clone());
                    Box::new(move || ok(v.verify(&t, &s)))
                };
                (cpu_ns(&mut run, 3), token)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, token)| token)
            .expect("a variant");
        let header_len = serde_json::from_str::<Value>(&bad).expect("json")["signatures"][0]
            ["protected"]
            .as_str()
            .map_or(0, |h| h.len() * 3 / 4);
        let (v, v2) = (verifier.clone(), verifier);
        let (s, s2) = (set.clone(), set);
        let name = if bits == 0 {
            alg.to_string()
        } else {
            format!("{alg} (RSA-{bits})")
        };
        cases.push(Case {
            entry: "JWS JSON (JwsVerifier)",
            hostile: format!(
                "{name}, {SET_SIZE}-key set: {} KiB general JSON, {} signature(s) without kid, \
                 headers of {header_len} bytes {depth} deep, all failing ({} verifications)",
                limits.max_token_bytes / 1024,
                limits.max_signatures,
                limits.max_signatures * limits.max_keys_tried
            ),
            valid: format!("{name} flattened JSON naming its kid, same set"),
            expect: Expect::Refused(ErrorKind::BadSignature),
            note: "max_signatures × max_keys_tried × max_token_bytes",
            run_hostile: Box::new(move || ok(v.verify(&bad, &s))),
            run_valid: Box::new(move || ok(v2.verify(&valid, &s2))),
        });
    }
}

/// A compact JWE verifier of `key`'s copies (a set of SET_SIZE), a valid token for
/// copy k2 and a hostile compact token.
/// For PBES2 rows: the hostile and the valid `p2c`.
fn p2c_notes(alg: Kma) -> (String, String) {
    if alg == Kma::Pbes2Hs512A256Kw {
        (
            format!(" at p2c {}", LIMITS.max_pbes2_iterations),
            format!(" at p2c {}", Limits::DEFAULT_PBES2_ITERATIONS),
        )
    } else {
        Default::default()
    }
}

#[allow(clippy::too_many_arguments)]
fn jwe_set_case(
    cases: &mut Vec<Case>,
    entry: &'static str,
    name: &str,
    key: &Jwk,
    alg: Kma,
    hostile_header: Value,
    encrypted_key: Vec<u8>,
    expect: Expect,
    note: &'static str,
) {
    let set = set_of(key, SET_SIZE);
    let mut target = key.public().unwrap_or_else(|_| key.clone());
    target.set_kid("k2");
    let valid = Jwt::new(app_claims())
        .encrypt(&target, alg, Enc::A256Gcm)
        .expect("encrypt");
    let bad = raw_compact_jwe(&hostile_header, &encrypted_key);
    let v = jwe_verifier(set);
    let v2 = v.clone();
    let (hp, vp) = p2c_notes(alg);
    cases.push(Case {
        entry,
        hostile: format!(
            "{name}{hp}, {SET_SIZE}-key set, no kid: {} KiB token whose key cannot be \
             unwrapped ({} keys tried)",
            LIMITS.max_token_bytes / 1024,
            LIMITS.max_keys_tried
        ),
        valid: format!("{name}{vp} token naming its kid, same set"),
        expect,
        note,
        run_hostile: Box::new(move || ok(v.verify(&bad))),
        run_valid: Box::new(move || ok(v2.verify(&valid))),
    });
}

fn jwe_compact(cases: &mut Vec<Case>) {
    const ENTRY: &str = "JWE compact (Verifier)";
    let pbes2 = key("PBES2-HS512+A256KW", "k");
    jwe_set_case(
        cases,
        ENTRY,
        "PBES2-HS512+A256KW",
        &pbes2,
        Kma::Pbes2Hs512A256Kw,
        pbes2_header(true),
        vec![4u8; 40],
        Expect::Refused(ErrorKind::DecryptionFailed),
        "PBES2: bounded by p2c and the budget",
    );
    for bits in [2048, 4096, 8192] {
        let rsa = rsa_key(bits, "RSA-OAEP-256");
        jwe_set_case(
            cases,
            ENTRY,
            &format!("RSA-OAEP-256 (RSA-{bits})"),
            &rsa,
            Kma::RsaOaep256,
            rsa_header(true),
            rsa_garbage(bits / 8),
            Expect::Refused(ErrorKind::DecryptionFailed),
            "max_costly_operations",
        );
    }
    let ec = key("ECDH-ES+A256KW", "k");
    jwe_set_case(
        cases,
        ENTRY,
        "ECDH-ES+A256KW (P-256)",
        &ec,
        Kma::EcdhEsA256Kw,
        ecdh_header(true),
        vec![4u8; 40],
        Expect::Refused(ErrorKind::DecryptionFailed),
        "max_costly_operations",
    );

    // A DEFLATE bomb: anyone can encrypt to a public key, so the content is authentic.
    // Claims are parsed only up to max_token_bytes of JSON, so the worst accepted bomb
    // inflates to that much (the padding nested as deep as claims may be), and the
    // worst refused one to exactly max_inflated_bytes.
    let public = {
        let mut p = ec.public().expect("public");
        p.set_kid("k");
        p
    };
    let bomb = |depth: usize, size: usize| -> String {
        let mut claims = serde_json::to_value(app_claims()).expect("claims");
        claims["pad"] = Value::Null;
        let frame = json_text(&claims).len() - "null".len();
        let pad = deep(depth, size - frame);
        let text = json_text(&claims).replace("\"pad\":null", &format!("\"pad\":{pad}"));
        assert!(text.len() <= size, "{}", text.len());
        JweBuilder::new(text.as_bytes(), Enc::A256Gcm)
            .deflate()
            .recipient(Recipient::new(&public, Kma::EcdhEsA256Kw))
            .compact()
            .expect("bomb")
    };
    let v = jwe_verifier(ec.clone());
    let depth = deepest(|d| ok(v.verify(&bomb(d, LIMITS.max_token_bytes))));
    let valid = Jwt::new(app_claims())
        .encrypt(&public, Kma::EcdhEsA256Kw, Enc::A256Gcm)
        .expect("encrypt");
    for (size, expect) in [
        (LIMITS.max_token_bytes, Expect::Accepted),
        (
            LIMITS.max_inflated_bytes,
            Expect::Refused(ErrorKind::LimitExceeded),
        ),
    ] {
        let bad = bomb(depth, size);
        let (v, v2, valid) = (v.clone(), v.clone(), valid.clone());
        cases.push(Case {
            entry: ENTRY,
            hostile: format!(
                "ECDH-ES+A256KW, zip DEF: {} KiB token inflating to {} KiB of claims \
                 (padding {depth} deep), authentic",
                bad.len().div_ceil(1024),
                size / 1024
            ),
            valid: "ECDH-ES+A256KW token".into(),
            expect,
            note: if size == LIMITS.max_token_bytes {
                "claims parsed up to max_token_bytes"
            } else {
                "inflated up to max_inflated_bytes, then refused"
            },
            run_hostile: Box::new(move || ok(v.verify(&bad))),
            run_valid: Box::new(move || ok(v2.verify(&valid))),
        });
    }
}

fn jwe_json(cases: &mut Vec<Case>) {
    const ENTRY: &str = "JWE JSON (JweDecrypter)";
    let plain = claims_json();
    let rows: Vec<(String, Jwk, Kma, Value, Vec<u8>)> = vec![
        (
            "PBES2-HS512+A256KW".into(),
            key("PBES2-HS512+A256KW", "k"),
            Kma::Pbes2Hs512A256Kw,
            pbes2_header(false),
            vec![4u8; 40],
        ),
        (
            "RSA-OAEP-256 (RSA-4096)".into(),
            rsa_key(4096, "RSA-OAEP-256"),
            Kma::RsaOaep256,
            rsa_header(false),
            rsa_garbage(512),
        ),
        (
            "ECDH-ES+A256KW (P-256)".into(),
            key("ECDH-ES+A256KW", "k"),
            Kma::EcdhEsA256Kw,
            ecdh_header(false),
            vec![4u8; 40],
        ),
    ];
    for (name, k, alg, header, encrypted_key) in rows {
        let set = set_of(&k, SET_SIZE);
        let mut target = k.public().unwrap_or_else(|_| k.clone());
        target.set_kid("k2");
        let valid = JweBuilder::new(&plain, Enc::A256Gcm)
            .recipient(Recipient::new(&target, alg))
            .json_general()
            .expect("json");
        let recipient = json!({"header": header, "encrypted_key": b64(&encrypted_key)});
        let bad = raw_json_jwe(&vec![recipient; LIMITS.max_recipients]);
        let d = JweDecrypter::new([alg], [Enc::A256Gcm]);
        let (d2, s, s2) = (d.clone(), set.clone(), set);
        let (hp, vp) = p2c_notes(alg);
        cases.push(Case {
            entry: ENTRY,
            hostile: format!(
                "{name}{hp}, {SET_SIZE}-key set: {} KiB, {} recipients without kid, none \
                 can be unwrapped (stopped by the budget of {})",
                LIMITS.max_token_bytes / 1024,
                LIMITS.max_recipients,
                LIMITS.max_costly_operations
            ),
            valid: format!("{name}{vp}, one recipient naming its kid, same set"),
            expect: Expect::Refused(ErrorKind::LimitExceeded),
            note: if alg == Kma::Pbes2Hs512A256Kw {
                "PBES2: bounded by p2c and the budget"
            } else {
                "max_costly_operations"
            },
            run_hostile: Box::new(move || ok(d.decrypt_json(&bad, &s))),
            run_valid: Box::new(move || ok(d2.decrypt_json(&valid, &s2))),
        });
    }
}

fn nested(cases: &mut Vec<Case>, limits: &Limits) {
    let rs = rsa_key(2048, "RS256");
    let inner_set = set_of(&rs.public().expect("public"), SET_SIZE);
    let mut signer = rs.clone();
    signer.set_kid("k2");
    let ec = key("ECDH-ES+A256KW", "outer");
    let public = ec.public().expect("public");
    let valid = Jwt::new(app_claims())
        .signed(&signer)
        .expect("sign")
        .encrypt(&public, Kma::EcdhEsA256Kw, Enc::A256Gcm)
        .expect("encrypt");
    let v = Rc::new(
        Verifier::<AppClaims>::builder(inner_set)
            .nested(ec.clone())
            .issuer(ISS)
            .audience(AUD)
            .limits(*limits)
            .build()
            .expect("nested verifier"),
    );
    let sample = jwt_bench::signed(&signer);
    let wrap = |inner: &str| {
        JweBuilder::new(inner.as_bytes(), Enc::A256Gcm)
            .cty("JWT")
            .deflate()
            .recipient(Recipient::new(&public, Kma::EcdhEsA256Kw))
            .compact()
            .expect("outer")
    };
    let depth = deepest(|d| ok(v.verify(&wrap(&bad_compact_jws("RS256", d, &sample, limits)))));
    let bad = wrap(&bad_compact_jws("RS256", depth, &sample, limits));
    let v2 = v.clone();
    cases.push(Case {
        entry: "Nested (Verifier)",
        hostile: format!(
            "ECDH-ES+A256KW + zip DEF around a {} KiB RS256 JWS (RSA-2048, {SET_SIZE}-key set, \
             no kid, header {depth} deep), signature fails",
            limits.max_token_bytes / 1024
        ),
        valid: "ECDH-ES+A256KW around an RS256 JWS naming its kid".into(),
        expect: Expect::Refused(ErrorKind::BadSignature),
        note: "max_keys_tried × max_token_bytes",
        run_hostile: Box::new(move || ok(v.verify(&bad))),
        run_valid: Box::new(move || ok(v2.verify(&valid))),
    });
}

fn jwk_set(cases: &mut Vec<Case>) {
    let rsa8192 = rsa_key(8192, "RS256");
    let rsa2048 = rsa_key(2048, "RS256");
    let ec = key("ES256", "k");
    let rows: Vec<(String, Value)> = vec![
        (
            "RSA-8192 public keys".into(),
            json!({"kty": "RSA", "alg": "RS256", "n": rsa8192.to_value()["n"], "e": "AQAB"}),
        ),
        (
            "RSA-2048 public keys".into(),
            json!({"kty": "RSA", "alg": "RS256", "n": rsa2048.to_value()["n"], "e": "AQAB"}),
        ),
        (
            "RSA-8192 private keys with CRT members".into(),
            members(
                &rsa8192,
                &["kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"],
            ),
        ),
        (
            "RSA-8192 private keys without CRT members (p, q recovered)".into(),
            members(&rsa8192, &["kty", "n", "e", "d"]),
        ),
        (
            "P-256 public keys".into(),
            members(&ec.public().expect("public"), &["kty", "crv", "x", "y"]),
        ),
    ];
    for (name, entry) in rows {
        let (text, n) = max_set_text(&entry);
        let one = one_set_text(&entry);
        cases.push(Case {
            entry: "JWK Set load (JwkSet::from_json)",
            hostile: format!("1 MiB set: {n} {name}"),
            valid: format!("a set of one of these keys ({} bytes)", one.len()),
            expect: Expect::Accepted,
            note: "once per set, not per token",
            run_hostile: Box::new(move || {
                let set = JwkSet::from_json(&text)?;
                assert_eq!(set.keys().len(), n);
                ok(Ok(set))
            }),
            run_valid: Box::new(move || ok(JwkSet::from_json(&one))),
        });
    }
}

fn machine() -> String {
    let run = |cmd: &str, args: &[&str]| {
        std::process::Command::new(cmd)
            .args(args)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "{} UTC, {cpu}, {cores} cores, load at the start: {}",
        run("date", &["-u", "+%Y-%m-%d %H:%M"]),
        run("uptime", &[])
            .split("load average:")
            .nth(1)
            .unwrap_or("?")
            .trim()
    )
}

/// The defaults before the JWS rows over 50x lowered them (see the security chapter).
fn previous_limits() -> Limits {
    let mut limits = Limits::DEFAULT;
    limits.max_token_bytes = 256 * 1024;
    limits.max_header_bytes = 8 * 1024;
    limits.max_signatures = 16;
    limits
}

/// Checks and times the cases (those matching `filter`), as a Markdown table.
fn render(cases: &mut [Case], filter: Option<&str>) -> String {
    let mut table = String::from(
        "| Entry point | Hostile input | Outcome | Its time | Valid counterpart | Its time | Ratio | Bounded by |\n\
         | --- | --- | --- | ---: | --- | ---: | ---: | --- |\n",
    );
    for case in cases {
        if let Some(f) = filter {
            if !(case.entry.contains(f) || case.hostile.contains(f)) {
                continue;
            }
        }
        let outcome = check(case);
        let m = measure(case);
        let row = format!(
            "| {} | {} | {outcome} | {} | {} | {} | {:.1}× | {} |\n",
            case.entry,
            case.hostile,
            fmt_time(m.hostile_ns),
            case.valid,
            fmt_time(m.valid_ns),
            m.ratio,
            case.note
        );
        eprintln!("{} rounds: {}", m.rounds, row.trim_end());
        table.push_str(&row);
    }
    table
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let started = machine();
    let mut cases = Vec::new();
    jws_compact(&mut cases, &LIMITS, false);
    jws_json(&mut cases, &LIMITS);
    jwe_compact(&mut cases);
    jwe_json(&mut cases);
    nested(&mut cases, &LIMITS);
    jwk_set(&mut cases);
    // The JWS rows again, under the previous defaults, which let them cost over 50x.
    let previous = previous_limits();
    let mut before = Vec::new();
    jws_compact(&mut before, &previous, true);
    jws_json(&mut before, &previous);
    nested(&mut before, &previous);

    let table = render(&mut cases, filter.as_deref());
    let before_table = render(&mut before, filter.as_deref());
    let out = format!(
        "Defaults (`Limits::DEFAULT`, JWK Set 1 MiB); thread CPU time, median of paired \
         rounds. {started}.\n\n{table}\nThe JWS rows again with max_token_bytes {} KiB, \
         max_header_bytes {} KiB and max_signatures {} (the defaults before 2026-12-05):\n\n{before_table}",
        previous.max_token_bytes / 1024,
        previous.max_header_bytes / 1024,
        previous.max_signatures
    );
    println!("\n{out}");
    if filter.is_none() {
        let dir = jwt_bench::report::target_dir().join("jwt-bench");
        std::fs::create_dir_all(&dir).expect("target dir");
        std::fs::write(dir.join("cost.md"), &out).expect("write cost.md");
        println!("written to {}", dir.join("cost.md").display());
    }
}
