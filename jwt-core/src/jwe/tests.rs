//! Unit tests of the JWE layer's internals, and the test support the RFC vectors in
//! `vectors.rs` share. The JWE layer's public behaviour (round trips, allow-lists,
//! limits, every rejection path) is tested through the public API in the tests crate
//! (`tests/tests/api/jwe.rs`); what stays here needs the crate's insides:
//!
//! - [`assert_tampering_fails`] and [`rsa_key`] are shared with `vectors.rs`, whose
//!   RFC examples are rebuilt byte for byte through crate-private seams (a fixed CEK,
//!   IV, salt and ephemeral key); the two tampering tests of freshly built tokens use
//!   the same helper rather than a second copy of it in the tests crate;
//! - the DEFLATE bomb is written by hand by `zip::tests::zero_bomb` and sealed as
//!   authenticated content with the crate's content encryption (`content::encrypt`)
//!   under the raw secret of the key (`KeyMaterial`): the builder only compresses real
//!   data, which would take seconds for 100 MiB.

use super::*;
use crate::base64url;
use crate::jwa::{ContentEncryptionAlgorithm as Enc, Curve, KeyManagementAlgorithm as Alg};
use crate::jwk::KeyMaterial;
use crate::{ErrorKind, Jwk};
use serde_json::{json, Map, Value};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// One 2048-bit RSA key per test binary: generating is slow in debug builds.
pub(crate) fn rsa_key() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::generate_rsa(2048).unwrap())
}

fn oct(len: usize) -> Jwk {
    Jwk::generate_oct(len * 8).unwrap()
}

/// A PBES2 password as an `oct` key (shorter than any AES key).
fn password(text: &str) -> Jwk {
    Jwk::from_json(&format!(
        r#"{{"kty":"oct","k":"{}"}}"#,
        base64url::encode(text)
    ))
    .unwrap()
}

/// A fitting key for `alg` (and `enc`, for `dir`).
fn key_for(alg: Alg, enc: Enc) -> Jwk {
    match alg {
        Alg::Rsa1_5 | Alg::RsaOaep | Alg::RsaOaep256 | Alg::RsaOaep384 | Alg::RsaOaep512 => {
            rsa_key().clone()
        }
        Alg::Dir => oct(enc.key_len()),
        Alg::EcdhEs | Alg::EcdhEsA128Kw | Alg::EcdhEsA192Kw | Alg::EcdhEsA256Kw => {
            Jwk::generate_ec(Curve::P256).unwrap()
        }
        Alg::Pbes2Hs256A128Kw | Alg::Pbes2Hs384A192Kw | Alg::Pbes2Hs512A256Kw => {
            password(&format!(
                "pw {}",
                base64url::encode(crate::crypto::rand::bytes(6).unwrap())
            ))
        }
        _ => oct(alg.wrap_key_len().unwrap()),
    }
}

fn everything() -> JweDecrypter {
    JweDecrypter::new(Alg::ALL.iter().copied(), Enc::ALL.iter().copied())
}

const PLAINTEXT: &[u8] = b"Live long and prosper.";

fn symmetric_algs() -> impl Iterator<Item = Alg> {
    Alg::ALL.iter().copied().filter(|a| {
        matches!(
            a.key_requirement(),
            crate::jwa::KeyRequirement::OctExactly(_) | crate::jwa::KeyRequirement::Password
        ) || *a == Alg::Dir
    })
}

fn named(mut key: Jwk, kid: &str) -> Jwk {
    key.set_kid(kid);
    key
}

/// Rewrites a compact token's protected header (the rest stays as it was).
fn reheader(token: &str, edit: impl FnOnce(&mut Map<String, Value>)) -> String {
    let (head, rest) = token.split_once('.').unwrap();
    let mut map: Map<String, Value> =
        serde_json::from_slice(&base64url::decode(head).unwrap()).unwrap();
    edit(&mut map);
    format!(
        "{}.{rest}",
        base64url::encode(Value::Object(map).to_string())
    )
}

/// A `dir` token whose (authenticated) content is `content`, under `header`.
fn dir_token(key: &Jwk, header: &str, content: &[u8]) -> String {
    let KeyMaterial::Oct(secret) = key.material() else {
        unreachable!()
    };
    let protected = base64url::encode(header);
    let sealed =
        content::encrypt(Enc::A128Gcm, secret.secret(), protected.as_bytes(), content).unwrap();
    compact::serialize(&protected, &[], &sealed.iv, &sealed.ciphertext, &sealed.tag)
}

#[test]
fn a_deflate_bomb_stops_at_the_cap() {
    let key = oct(16);
    let bomb = zip::tests::zero_bomb(100 * 1024 * 1024);
    let token = dir_token(&key, r#"{"alg":"dir","enc":"A128GCM","zip":"DEF"}"#, &bomb);
    let start = Instant::now();
    let err = everything().decrypt(&token, &key).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LimitExceeded);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
}

/// Every way of changing a valid compact token must fail.
pub(crate) fn assert_tampering_fails(token: &str, key: &Jwk, d: &JweDecrypter) {
    d.decrypt(token, key)
        .expect("the untampered token decrypts");
    let segments: Vec<&str> = token.split('.').collect();
    for i in 0..5 {
        let mut changed: Vec<String> = segments.iter().map(|s| s.to_string()).collect();
        changed[i] = match segments[i].chars().next() {
            None => "AAAA".into(),
            Some(c) => {
                let swap = if c == 'A' { 'B' } else { 'A' };
                format!("{swap}{}", &segments[i][1..])
            }
        };
        let tampered = changed.join(".");
        assert!(
            d.decrypt(&tampered, key).is_err(),
            "segment {i} changed: {tampered}"
        );
        // Dropping the last character of a non-empty segment too.
        if segments[i].len() > 4 {
            let mut cut: Vec<String> = segments.iter().map(|s| s.to_string()).collect();
            cut[i] = segments[i][..segments[i].len() - 4].to_owned();
            assert!(
                d.decrypt(&cut.join("."), key).is_err(),
                "segment {i} shortened"
            );
        }
    }
    let header: Map<String, Value> =
        serde_json::from_slice(&base64url::decode(segments[0]).unwrap()).unwrap();
    for name in header.keys() {
        let changed = reheader(token, |h| {
            let v = h.get_mut(name).unwrap();
            *v = match v.take() {
                Value::String(s) => Value::String(format!("{s}x")),
                Value::Number(n) => json!(n.as_i64().unwrap_or(0) + 1),
                Value::Object(mut o) => {
                    o.insert("x".into(), json!("AAAA"));
                    Value::Object(o)
                }
                other => json!([other]),
            };
        });
        assert!(
            d.decrypt(&changed, key).is_err(),
            "protected member {name} changed"
        );
        let removed = reheader(token, |h| {
            h.remove(name);
        });
        assert!(
            d.decrypt(&removed, key).is_err(),
            "protected member {name} removed"
        );
    }
    // The same header, re-encoded with its members in another order: the AAD differs.
    let reordered = reheader(token, |_| {});
    if reordered != token {
        assert!(d.decrypt(&reordered, key).is_err(), "header re-encoded");
    }
}

#[test]
fn tampering_with_any_part_fails_symmetric() {
    for alg in symmetric_algs() {
        for enc in [Enc::A128CbcHs256, Enc::A256Gcm] {
            let key = named(key_for(alg, enc), "k1");
            let token = JweBuilder::new(PLAINTEXT, enc)
                .cty("text/plain")
                .deflate()
                .recipient(Recipient::new(&key, alg))
                .compact()
                .unwrap();
            assert_tampering_fails(&token, &key, &everything());
        }
    }
}

#[test]
fn tampering_with_any_part_fails_asymmetric() {
    let ec = named(Jwk::generate_ec(Curve::P384).unwrap(), "ec");
    let x = named(Jwk::generate_okp(Curve::X25519).unwrap(), "x");
    for (key, alg) in [
        (rsa_key(), Alg::RsaOaep256),
        (rsa_key(), Alg::Rsa1_5),
        (&ec, Alg::EcdhEs),
        (&ec, Alg::EcdhEsA192Kw),
        (&x, Alg::EcdhEsA256Kw),
    ] {
        let token = JweBuilder::new(PLAINTEXT, Enc::A128CbcHs256)
            .recipient(Recipient::new(key, alg).apu(&b"u"[..]))
            .compact()
            .unwrap();
        assert_tampering_fails(&token, key, &everything());
    }
}
