//! Untrusted input never panics: thousands of deterministic mutations of valid tokens,
//! headers and keys go through every entry point, which must return (Ok or Err).
//! A panic anywhere fails the test.

use jwt_core::jwe::{JweBuilder, JweDecrypter, Recipient};
use jwt_core::jws::{JwsBuilder, JwsVerifier};
use jwt_core::{
    base64url, dangerous, ContentEncryptionAlgorithm as Enc, Jwk, JwkSet, Jwt,
    KeyManagementAlgorithm as Kma, SignatureAlgorithm as Sig, Verifier,
};
use jwt_tests::random::Rng;
use serde_json::{json, Map, Value};

const SPICE: &[&str] = &[
    ".", "..", "{", "}", "\"", "=", "+", "/", "\0", "\u{ffff}", "é", "A", "_", "-", " ", "\n", "[",
    "]", ",", ":",
];

/// One random textual mutation of `text`.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut s: Vec<char> = text.chars().collect();
    match rng.below(6) {
        0 if !s.is_empty() => {
            let i = rng.below(s.len());
            s[i] = SPICE[rng.below(SPICE.len())].chars().next().unwrap_or('A');
        }
        1 => {
            let i = rng.below(s.len() + 1);
            for c in SPICE[rng.below(SPICE.len())].chars().rev() {
                s.insert(i, c);
            }
        }
        2 if !s.is_empty() => {
            let i = rng.below(s.len());
            s.remove(i);
        }
        3 => s.truncate(rng.below(s.len() + 1)),
        4 => {
            let extra: String = s.iter().collect();
            let at = rng.below(extra.len() + 1);
            s.extend(extra.chars().take(at));
        }
        _ if !s.is_empty() => {
            let (a, b) = (rng.below(s.len()), rng.below(s.len()));
            s.swap(a, b);
        }
        _ => s.push('A'),
    }
    s.into_iter().collect()
}

/// Hostile values for header members.
fn hostile_values() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(-1),
        json!(0),
        json!(2_147_483_647),
        json!(1e308),
        json!(-1e308),
        json!(18_446_744_073_709_551_615u64),
        json!(""),
        json!("AAAA"),
        json!("none"),
        json!([]),
        json!(["b64", "b64"]),
        json!({}),
        json!({"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}),
        json!({"kty": "OKP", "crv": "X25519", "x": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}),
        json!("x".repeat(5000)),
    ]
}

/// Replaces one member of a compact token's protected header with a hostile value.
fn header_mutations(token: &str) -> Vec<String> {
    let (head, rest) = token.split_once('.').unwrap();
    let header: Map<String, Value> =
        serde_json::from_slice(&base64url::decode(head).unwrap()).unwrap();
    let mut names: Vec<String> = header.keys().cloned().collect();
    names.extend(
        [
            "crit", "b64", "zip", "p2c", "p2s", "epk", "iv", "tag", "kid", "apu", "apv",
        ]
        .map(String::from),
    );
    let mut out = Vec::new();
    for name in names {
        for value in hostile_values() {
            let mut copy = header.clone();
            copy.insert(name.clone(), value);
            out.push(format!(
                "{}.{rest}",
                base64url::encode(serde_json::to_vec(&copy).unwrap())
            ));
        }
    }
    out
}

struct Fixtures {
    hmac: Jwk,
    ec: Jwk,
    rsa: Jwk,
    aes: Jwk,
    x25519: Jwk,
    p256: Jwk,
    password: Jwk,
    tokens: Vec<String>,
}

fn fixtures() -> Fixtures {
    let hmac = Jwk::generate_for("HS256").unwrap();
    let ec = Jwk::generate_for("ES256").unwrap();
    let rsa = Jwk::generate_rsa(2048).unwrap();
    let aes = Jwk::generate_oct(128).unwrap();
    let x25519 = Jwk::generate_for("ECDH-ES").unwrap();
    let p256 = Jwk::generate_ec(jwt_core::Curve::P256).unwrap();
    let password =
        Jwk::from_value(&json!({"kty":"oct","k": base64url::encode(b"correct horse battery")}))
            .unwrap();
    let claims = || match json!({"exp": 4_000_000_000u64, "sub": "a", "aud": ["x"]}) {
        Value::Object(m) => m,
        _ => unreachable!(),
    };
    let payload = br#"{"exp":4000000000,"sub":"a"}"#;
    let jws = |key: &Jwk, alg| {
        JwsBuilder::new(payload.as_slice())
            .sign(key, alg, Default::default(), None)
            .unwrap()
    };
    let jwe = |key: &Jwk, alg, enc| {
        JweBuilder::new(payload.as_slice(), enc)
            .recipient(Recipient::new(key, alg))
            .compact()
            .unwrap()
    };
    let mut tokens = vec![
        jws(&hmac, Sig::HS256).compact().unwrap(),
        jws(&ec, Sig::ES256).compact().unwrap(),
        jws(&rsa, Sig::PS256).compact().unwrap(),
        jws(&hmac, Sig::HS256).json_flattened().unwrap(),
        jws(&hmac, Sig::HS256)
            .sign(&ec, Sig::ES256, Default::default(), None)
            .unwrap()
            .json_general()
            .unwrap(),
        jwe(&aes, Kma::A128Kw, Enc::A128CbcHs256),
        jwe(&aes, Kma::A128GcmKw, Enc::A128Gcm),
        jwe(&x25519.public().unwrap(), Kma::EcdhEs, Enc::A256Gcm),
        jwe(&p256.public().unwrap(), Kma::EcdhEsA128Kw, Enc::A128Gcm),
        jwe(&password, Kma::Pbes2Hs256A128Kw, Enc::A128CbcHs256),
        jwe(&rsa.public().unwrap(), Kma::RsaOaep256, Enc::A128Gcm),
        JweBuilder::new(payload.as_slice(), Enc::A128Gcm)
            .deflate()
            .recipient(Recipient::new(&aes, Kma::A128Kw))
            .recipient(Recipient::new(&rsa, Kma::RsaOaep))
            .json_general()
            .unwrap(),
        Jwt::new(claims()).sign_with(&hmac, Sig::HS256).unwrap(),
    ];
    let nested = Jwt::new(claims()).sign_with(&ec, Sig::ES256).unwrap();
    tokens.push(
        JweBuilder::new(nested.as_bytes(), Enc::A128Gcm)
            .cty("JWT")
            .recipient(Recipient::new(&aes, Kma::A128Kw))
            .compact()
            .unwrap(),
    );
    Fixtures {
        hmac,
        ec,
        rsa,
        aes,
        x25519,
        p256,
        password,
        tokens,
    }
}

/// Every entry point, on one input: whether any verifying entry point accepted it (the
/// unverified `peek_*` readers are fed too, for panics only).
fn feed(f: &Fixtures, input: &str) -> bool {
    let mut accepted = false;
    let jws =
        JwsVerifier::new(Sig::ALL.iter().copied()).with_limits(jwt_tests::signatures_up_to(2));
    let jwe = JweDecrypter::new(Kma::ALL.iter().copied(), Enc::ALL.iter().copied());
    let set = JwkSet::new(vec![
        f.hmac.clone(),
        f.ec.clone(),
        f.rsa.clone(),
        f.aes.clone(),
        f.x25519.clone(),
        f.p256.clone(),
    ]);
    for key in [
        &f.hmac,
        &f.ec,
        &f.rsa,
        &f.aes,
        &f.x25519,
        &f.p256,
        &f.password,
    ] {
        accepted |= jws.verify(input, key).is_ok();
        accepted |= jwe.decrypt(input, key).is_ok();
    }
    accepted |= jws.verify(input, &set).is_ok();
    accepted |= jwe.decrypt(input, &set).is_ok();
    accepted |= jws
        .verify_detached(input, Some(b"detached"), &f.hmac)
        .is_ok();
    let _ = dangerous::peek_header(input);
    let _ = dangerous::peek_claims(input);
    let _ = dangerous::inspect(input);
    type Claims = Map<String, Value>;
    let signed = Verifier::<Claims>::builder(f.hmac.clone())
        .algorithms([Sig::HS256])
        .any_audience()
        .build()
        .unwrap();
    let encrypted = Verifier::<Claims>::builder(f.aes.clone())
        .encrypted()
        .key_management([Kma::A128Kw, Kma::A128GcmKw])
        .build()
        .unwrap();
    let nested = Verifier::<Claims>::builder(f.ec.clone())
        .algorithms([Sig::ES256])
        .nested(f.aes.clone())
        .key_management([Kma::A128Kw])
        .any_audience()
        .build()
        .unwrap();
    for verifier in [&signed, &encrypted, &nested] {
        accepted |= verifier.verify(input).is_ok();
    }
    accepted
}

#[test]
fn mutated_tokens_never_panic() {
    let f = fixtures();
    let mut rng = Rng::seeded(0x5eed_1234_abcd_ef01);
    for token in &f.tokens {
        assert!(feed(&f, token), "a fixture token is accepted: {token}");
        for _ in 0..60 {
            let mut mutated = token.clone();
            for _ in 0..=rng.below(3) {
                mutated = mutate(&mutated, &mut rng);
            }
            let accepted = feed(&f, &mutated);
            // A compact token has one spelling, all of it protected: any change is
            // refused. (The JSON forms may gain whitespace or unprotected members.)
            if !token.starts_with('{') && mutated != *token {
                assert!(!accepted, "{token}\nmutated to {mutated}");
            }
        }
    }
}

#[test]
fn hostile_header_members_never_panic() {
    let f = fixtures();
    for token in f.tokens.iter().filter(|t| !t.starts_with('{')) {
        for mutated in header_mutations(token) {
            // The protected header is signed or authenticated: every change is refused.
            assert!(mutated == *token || !feed(&f, &mutated), "{mutated}");
        }
    }
}

#[test]
fn mutated_keys_and_sets_never_panic() {
    let f = fixtures();
    let mut rng = Rng::seeded(0x0bad_cafe_f00d_0001);
    let keys: Vec<String> = [&f.hmac, &f.ec, &f.rsa, &f.x25519]
        .iter()
        .map(|k| k.to_json())
        .collect();
    for key in &keys {
        for _ in 0..200 {
            let mutated = mutate(key, &mut rng);
            let _ = Jwk::from_json(&mutated);
            let _ = JwkSet::from_json(&format!(r#"{{"keys":[{mutated}]}}"#));
            let _ = Jwk::from_pem(&mutated);
        }
        let value: Value = serde_json::from_str(key).unwrap();
        for name in value.as_object().unwrap().keys() {
            for hostile in hostile_values() {
                let mut copy = value.clone();
                copy[name] = hostile;
                let _ = Jwk::from_value(&copy);
            }
        }
    }
    let pem = f.rsa.to_pem().unwrap();
    for _ in 0..200 {
        let _ = Jwk::from_pem(&mutate(&pem, &mut rng));
    }
}
