//! The JWE layer through its public API: round trips, allow-lists, limits, and every
//! rejection path. The RFC vectors, which need the library's fixed-CEK/IV seams, and
//! the tampering of every part of a token are unit tests in `jwt-core/src/jwe/`.

use jwt_core::base64url;
use jwt_core::jwa::{
    ContentEncryptionAlgorithm as Enc, Curve, KeyManagementAlgorithm as Alg, KeyRequirement,
};
use jwt_core::jwe::{DecryptedJwe, JweBuilder, JweDecrypter, JweHeader, Recipient};
use jwt_core::{Error, ErrorKind, Jwk, JwkSet, Limits};
use jwt_tests::random::{self, rsa_key};
use serde_json::{json, Map, Value};
use std::time::{Duration, Instant};

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
            password(&format!("pw {}", base64url::encode(random::bytes(6))))
        }
        _ => oct(alg.wrap_key_len().unwrap()),
    }
}

fn everything() -> JweDecrypter {
    JweDecrypter::new(Alg::ALL.iter().copied(), Enc::ALL.iter().copied())
}

fn kind<T: std::fmt::Debug>(r: jwt_core::Result<T>) -> ErrorKind {
    r.unwrap_err().kind()
}

const PLAINTEXT: &[u8] = b"Live long and prosper.";

/// The one error of every decryption failure (bad tag, padding, unwrap, RSA): one kind
/// and one message, so that it cannot serve as an oracle.
fn decryption_failed() -> Error {
    Error::new(ErrorKind::DecryptionFailed, "decryption failed")
}

/// Encrypts to `key` with `alg`/`enc` in all three forms and decrypts each.
fn round_trip(key: &Jwk, alg: Alg, enc: Enc) {
    let builder = JweBuilder::new(PLAINTEXT, enc).recipient(Recipient::new(key, alg));
    let d = everything();
    for token in [
        builder.compact().unwrap(),
        builder.json_flattened().unwrap(),
        builder.json_general().unwrap(),
    ] {
        let out = d
            .decrypt(&token, key)
            .unwrap_or_else(|e| panic!("{alg} {enc}: {e}"));
        assert_eq!(out.plaintext(), PLAINTEXT, "{alg} {enc}");
        assert_eq!((out.alg(), out.enc()), (alg, enc));
        assert_eq!(
            out.protected_header().alg(),
            Some(alg),
            "one recipient: alg is protected"
        );
        assert_eq!(out.protected_header().enc(), Some(enc));
    }
}

fn symmetric_algs() -> impl Iterator<Item = Alg> {
    Alg::ALL.iter().copied().filter(|a| {
        matches!(
            a.key_requirement(),
            KeyRequirement::OctExactly(_) | KeyRequirement::Password
        ) || *a == Alg::Dir
    })
}

#[test]
fn every_symmetric_alg_with_every_enc_round_trips() {
    for alg in symmetric_algs() {
        for &enc in Enc::ALL {
            round_trip(&key_for(alg, enc), alg, enc);
        }
    }
}

#[test]
fn every_rsa_alg_with_every_enc_round_trips() {
    for alg in [
        Alg::Rsa1_5,
        Alg::RsaOaep,
        Alg::RsaOaep256,
        Alg::RsaOaep384,
        Alg::RsaOaep512,
    ] {
        for &enc in Enc::ALL {
            round_trip(rsa_key(), alg, enc);
        }
        // The public half is enough to encrypt.
        let public = rsa_key().public().unwrap();
        let token = JweBuilder::new(b"x", Enc::A128Gcm)
            .recipient(Recipient::new(&public, alg))
            .compact()
            .unwrap();
        assert_eq!(
            everything().decrypt(&token, rsa_key()).unwrap().plaintext(),
            b"x"
        );
    }
}

#[test]
fn every_ecdh_alg_with_every_enc_and_curve_round_trips() {
    let ecdh = [
        Alg::EcdhEs,
        Alg::EcdhEsA128Kw,
        Alg::EcdhEsA192Kw,
        Alg::EcdhEsA256Kw,
    ];
    let p256 = Jwk::generate_ec(Curve::P256).unwrap();
    for alg in ecdh {
        for &enc in Enc::ALL {
            round_trip(&p256, alg, enc);
        }
    }
    let mut curves = vec![
        Jwk::generate_ec(Curve::P384).unwrap(),
        Jwk::generate_ec(Curve::P521).unwrap(),
        Jwk::generate_okp(Curve::X25519).unwrap(),
    ];
    if Curve::X448.is_enabled() {
        curves.push(Jwk::generate_okp(Curve::X448).unwrap());
    }
    for key in &curves {
        for alg in ecdh {
            round_trip(key, alg, Enc::A256Gcm);
        }
        // Encrypting to the public key, with apu/apv.
        let public = key.public().unwrap();
        let token = JweBuilder::new(PLAINTEXT, Enc::A128CbcHs256)
            .recipient(
                Recipient::new(&public, Alg::EcdhEsA128Kw)
                    .apu(&b"Alice"[..])
                    .apv(&b"Bob"[..]),
            )
            .compact()
            .unwrap();
        let out = everything().decrypt(&token, key).unwrap();
        assert_eq!(out.plaintext(), PLAINTEXT);
        assert_eq!(out.header("apu"), Some(&json!("QWxpY2U")));
        let epk = out.header("epk").unwrap();
        assert!(
            epk.get("d").is_none(),
            "the ephemeral private key never leaves"
        );
        assert_eq!(epk["crv"], key.curve().unwrap().name());
    }
}

#[test]
fn empty_plaintext_works() {
    for (alg, enc) in [
        (Alg::A128Kw, Enc::A128Gcm),
        (Alg::Dir, Enc::A256CbcHs512),
        (Alg::A256GcmKw, Enc::A192CbcHs384),
    ] {
        let key = key_for(alg, enc);
        let token = JweBuilder::new(b"", enc)
            .recipient(Recipient::new(&key, alg))
            .compact()
            .unwrap();
        assert_eq!(everything().decrypt(&token, &key).unwrap().plaintext(), b"");
    }
}

#[test]
fn fresh_cek_and_iv_every_time() {
    let key = oct(16);
    let b = JweBuilder::new(PLAINTEXT, Enc::A128Gcm).recipient(Recipient::new(&key, Alg::A128Kw));
    let (x, y) = (b.compact().unwrap(), b.compact().unwrap());
    let (x, y): (Vec<&str>, Vec<&str>) = (x.split('.').collect(), y.split('.').collect());
    for i in 1..5 {
        assert_ne!(x[i], y[i], "segment {i} repeated");
    }
}

fn named(mut key: Jwk, kid: &str) -> Jwk {
    key.set_kid(kid);
    key
}

#[test]
fn several_recipients_share_one_cek_and_a_set_picks_by_kid() {
    let a = named(oct(16), "a");
    let b = named(password("Thus from my lips"), "b");
    let c = named(oct(32), "c");
    let token = JweBuilder::new(PLAINTEXT, Enc::A256CbcHs512)
        .typ("example")
        .shared_header("cty", "text/plain")
        .aad(b"extra")
        .recipient(Recipient::new(&a, Alg::A128Kw))
        .recipient(Recipient::new(&b, Alg::Pbes2Hs256A128Kw).header("x-note", "pw"))
        .recipient(Recipient::new(&c, Alg::A256GcmKw))
        .json_general()
        .unwrap();
    let v: Value = serde_json::from_str(&token).unwrap();
    assert_eq!(v["recipients"].as_array().unwrap().len(), 3);
    assert_eq!(v["recipients"][1]["header"]["kid"], "b");
    assert_eq!(v["recipients"][1]["header"]["p2c"], 8192);
    assert_eq!(v["unprotected"]["cty"], "text/plain");
    assert_eq!(v["aad"], base64url::encode(b"extra"));
    let d = everything();
    for (index, key) in [&a, &b, &c].into_iter().enumerate() {
        let out = d.decrypt(&token, key).unwrap();
        assert_eq!(out.plaintext(), PLAINTEXT);
        assert_eq!(out.recipient_index(), index);
        assert_eq!(out.recipient_header().kid(), Some(key.kid().unwrap()));
        assert_eq!(
            (out.typ(), out.cty()),
            (Some("example"), Some("text/plain"))
        );
        assert_eq!(out.protected_header().enc(), Some(Enc::A256CbcHs512));
        assert!(
            out.protected_header().alg().is_none(),
            "per-recipient alg lives in the recipient header"
        );
        assert_eq!(out.shared_header().cty(), Some("text/plain"));
    }
    let set = JwkSet::new(vec![c.clone(), named(oct(16), "z")]);
    let out = d.decrypt(&token, &set).unwrap();
    assert_eq!(out.recipient_index(), 2);
    assert_eq!(out.kid(), Some("c"));
    // A key no recipient names.
    let stranger = named(oct(16), "nobody");
    assert_eq!(kind(d.decrypt(&token, &stranger)), ErrorKind::KeyNotFound);
    // Three recipients fit neither the flattened nor the compact form.
    let b3 = JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(&a, Alg::A128Kw))
        .recipient(Recipient::new(&c, Alg::A256Kw));
    assert_eq!(kind(b3.json_flattened()), ErrorKind::InvalidHeader);
    assert_eq!(kind(b3.compact()), ErrorKind::InvalidHeader);
}

#[test]
fn dir_and_bare_ecdh_refuse_a_second_recipient() {
    let k = oct(16);
    let ec = Jwk::generate_ec(Curve::P256).unwrap();
    for (first, alg) in [(&k, Alg::Dir), (&ec, Alg::EcdhEs)] {
        let err = JweBuilder::new(b"x", Enc::A128Gcm)
            .recipient(Recipient::new(first, alg))
            .recipient(Recipient::new(&k, Alg::A128Kw))
            .json_general()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidHeader);
        assert!(err.message().contains("only one recipient"), "{err}");
    }
    // A crafted token with two `dir` recipients is refused before any key is used.
    let token = json!({
        "protected": base64url::encode(r#"{"enc":"A128GCM"}"#),
        "recipients": [{"header": {"alg": "dir"}}, {"header": {"alg": "dir"}}],
        "iv": base64url::encode([0u8; 12]), "ciphertext": "", "tag": base64url::encode([0u8; 16])
    });
    let err = everything().decrypt(&token.to_string(), &k).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidHeader);
    assert!(err.message().contains("only one recipient"));
}

#[test]
fn allow_lists_are_explicit() {
    let key = oct(16);
    let token = JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(&key, Alg::A128Kw))
        .compact()
        .unwrap();
    let only_cbc = JweDecrypter::new([Alg::A128Kw], [Enc::A128CbcHs256]);
    assert_eq!(
        kind(only_cbc.decrypt(&token, &key)),
        ErrorKind::AlgNotAllowed
    );
    let only_dir = JweDecrypter::new([Alg::Dir], [Enc::A128Gcm]);
    assert_eq!(
        kind(only_dir.decrypt(&token, &key)),
        ErrorKind::AlgNotAllowed
    );
    let nothing = JweDecrypter::new([], []);
    assert_eq!(
        kind(nothing.decrypt(&token, &key)),
        ErrorKind::AlgNotAllowed
    );
    let exact = JweDecrypter::new([Alg::A128Kw], [Enc::A128Gcm]);
    assert_eq!(exact.decrypt(&token, &key).unwrap().plaintext(), b"x");
    assert_eq!(exact.allowed_algs(), [Alg::A128Kw]);
    assert_eq!(exact.allowed_encs(), [Enc::A128Gcm]);
}

#[test]
fn rsa1_5_is_refused_unless_listed() {
    // Refused on the header alone, before any key is looked at.
    let header = base64url::encode(r#"{"alg":"RSA1_5","enc":"A128CBC-HS256"}"#);
    let token = format!(
        "{header}.AAAA.{}.AAAA.{}",
        base64url::encode([0u8; 16]),
        base64url::encode([0u8; 16])
    );
    let all_but = JweDecrypter::new(
        Alg::ALL.iter().copied().filter(|a| *a != Alg::Rsa1_5),
        Enc::ALL.iter().copied(),
    );
    let err = all_but.decrypt(&token, &oct(16)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlgNotAllowed);
    assert!(err.message().contains("RSA1_5"));
}

#[test]
fn the_wrong_key_is_the_one_decryption_error() {
    for (alg, enc) in [
        (Alg::A128Kw, Enc::A128Gcm),
        (Alg::A256GcmKw, Enc::A128CbcHs256),
        (Alg::Dir, Enc::A128Gcm),
        (Alg::Pbes2Hs256A128Kw, Enc::A128Gcm),
    ] {
        let (right, wrong) = (key_for(alg, enc), key_for(alg, enc));
        let token = JweBuilder::new(b"x", enc)
            .recipient(Recipient::new(&right, alg))
            .compact()
            .unwrap();
        let err = everything().decrypt(&token, &wrong).unwrap_err();
        assert_eq!(err, decryption_failed(), "{alg}");
    }
}

#[test]
fn keys_must_fit() {
    let key = oct(16);
    let token = JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(&key, Alg::A128Kw))
        .compact()
        .unwrap();
    // Wrong size, wrong type.
    assert_eq!(
        kind(everything().decrypt(&token, &oct(32))),
        ErrorKind::KeyTypeMismatch
    );
    assert_eq!(
        kind(everything().decrypt(&token, rsa_key())),
        ErrorKind::KeyTypeMismatch
    );
    // A key pinned to another algorithm.
    let mut pinned = key.clone();
    pinned.set_alg("A128GCMKW").unwrap();
    assert_eq!(
        kind(everything().decrypt(&token, &pinned)),
        ErrorKind::KeyTypeMismatch
    );
    // A dir key must be exactly the CEK length, on both sides.
    let dir = |enc: Enc, key: &Jwk| {
        JweBuilder::new(b"x", enc)
            .recipient(Recipient::new(key, Alg::Dir))
            .compact()
    };
    assert_eq!(kind(dir(Enc::A256Gcm, &oct(16))), ErrorKind::WeakKey);
    assert_eq!(
        kind(dir(Enc::A128Gcm, &oct(32))),
        ErrorKind::KeyTypeMismatch
    );
    let token = dir(Enc::A128Gcm, &key).unwrap();
    assert_eq!(
        kind(everything().decrypt(&token, &oct(32))),
        ErrorKind::KeyTypeMismatch
    );
    // A kid that names another key.
    let mine = named(oct(16), "mine");
    let theirs = named(key.clone(), "theirs");
    let token = JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(&theirs, Alg::A128Kw))
        .compact()
        .unwrap();
    assert_eq!(
        kind(everything().decrypt(&token, &mine)),
        ErrorKind::KeyNotFound
    );
}

#[test]
fn a_jws_is_never_processed() {
    let jws_compact = format!("{}.e30.c2ln", base64url::encode(r#"{"alg":"HS256"}"#));
    let jws_json =
        json!({"payload": "e30", "protected": "eyJhbGciOiJIUzI1NiJ9", "signature": "c2ln"})
            .to_string();
    let d = everything();
    let key = oct(16);
    assert_eq!(
        kind(d.decrypt(&jws_compact, &key)),
        ErrorKind::TokenTypeMismatch
    );
    assert_eq!(
        kind(d.decrypt_compact(&jws_compact, &key)),
        ErrorKind::TokenTypeMismatch
    );
    assert_eq!(
        kind(d.decrypt(&jws_json, &key)),
        ErrorKind::TokenTypeMismatch
    );
    assert_eq!(
        kind(d.decrypt_json(&jws_json, &key)),
        ErrorKind::TokenTypeMismatch
    );
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

fn pbes2_token(password: &Jwk) -> String {
    JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(password, Alg::Pbes2Hs256A128Kw))
        .compact()
        .unwrap()
}

#[test]
fn p2c_is_bounded_before_any_derivation() {
    let password = password("Thus from my lips, by yours, my sin is purged.");
    let token = pbes2_token(&password);
    let d = everything();
    let header: Value =
        serde_json::from_slice(&base64url::decode(token.split('.').next().unwrap()).unwrap())
            .unwrap();
    assert_eq!(header["p2c"], 8192, "the default count");
    assert!(
        base64url::decode(header["p2s"].as_str().unwrap())
            .unwrap()
            .len()
            >= 16
    );
    for (p2c, expected) in [
        (json!(0), ErrorKind::LimitExceeded),
        (json!(-1), ErrorKind::LimitExceeded),
        (json!(999), ErrorKind::LimitExceeded),
        (json!(2_000_000), ErrorKind::LimitExceeded),
        (json!(2_147_483_647), ErrorKind::LimitExceeded),
        (json!(16_385), ErrorKind::LimitExceeded),
        (json!("8192"), ErrorKind::InvalidHeader),
        (json!(8192.5), ErrorKind::InvalidHeader),
        (json!(null), ErrorKind::InvalidHeader),
    ] {
        let tampered = reheader(&token, |h| {
            h.insert("p2c".into(), p2c.clone());
        });
        let start = Instant::now();
        assert_eq!(kind(d.decrypt(&tampered, &password)), expected, "p2c {p2c}");
        assert!(
            start.elapsed() < Duration::from_millis(500),
            "p2c {p2c} took {:?}",
            start.elapsed()
        );
    }
    let missing = reheader(&token, |h| {
        h.remove("p2c");
    });
    assert_eq!(
        kind(d.decrypt(&missing, &password)),
        ErrorKind::InvalidHeader
    );
    // The bounds are configurable.
    let strict = everything().with_limits(limits(|l| l.max_pbes2_iterations = 4096));
    assert_eq!(
        kind(strict.decrypt(&token, &password)),
        ErrorKind::LimitExceeded
    );
    // A salt under 8 bytes.
    let short_salt = reheader(&token, |h| {
        h.insert("p2s".into(), base64url::encode([1u8; 7]).into());
    });
    assert_eq!(
        kind(d.decrypt(&short_salt, &password)),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn p2c_is_configurable_when_encrypting() {
    let password = password("Thus from my lips, by yours, my sin is purged.");
    let token = JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(&password, Alg::Pbes2Hs512A256Kw).p2c(1000))
        .compact()
        .unwrap();
    let out = everything().decrypt(&token, &password).unwrap();
    assert_eq!(out.header("p2c"), Some(&json!(1000)));
    let low = JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(&password, Alg::Pbes2Hs512A256Kw).p2c(999))
        .compact();
    assert_eq!(kind(low), ErrorKind::LimitExceeded);
}

#[test]
fn deflate_round_trips_and_is_protected() {
    let key = oct(16);
    let text = "hello ".repeat(1000);
    let token = JweBuilder::new(text.as_bytes(), Enc::A128Gcm)
        .deflate()
        .recipient(Recipient::new(&key, Alg::A128Kw))
        .compact()
        .unwrap();
    assert!(token.len() < 1000, "compressed: {}", token.len());
    let out = everything().decrypt(&token, &key).unwrap();
    assert_eq!(out.plaintext(), text.as_bytes());
    assert_eq!(out.protected_header().zip(), Some("DEF"));
    let capped = everything().with_limits(limits(|l| l.max_inflated_bytes = 5999));
    assert_eq!(kind(capped.decrypt(&token, &key)), ErrorKind::LimitExceeded);
}

/// A `dir` + `A128GCM` token whose authenticated content is `content` (any bytes, such as
/// invalid DEFLATE) under `header` (any protected header, such as one the builder refuses),
/// sealed with raw AES-GCM outside the library, as a peer holding the key could.
fn dir_token(key: &Jwk, header: &str, content: &[u8]) -> String {
    use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_128_GCM};
    let secret = base64url::decode(key.to_value()["k"].as_str().unwrap()).unwrap();
    let cipher = LessSafeKey::new(UnboundKey::new(&AES_128_GCM, &secret).unwrap());
    let protected = base64url::encode(header);
    let iv = random::bytes(12);
    let mut ciphertext = content.to_vec();
    let tag = cipher
        .seal_in_place_separate_tag(
            Nonce::try_assume_unique_for_key(&iv).unwrap(),
            Aad::from(protected.as_bytes()),
            &mut ciphertext,
        )
        .unwrap();
    format!(
        "{protected}..{}.{}.{}",
        base64url::encode(&iv),
        base64url::encode(&ciphertext),
        base64url::encode(tag.as_ref())
    )
}

#[test]
fn invalid_deflate_and_unknown_zip() {
    let key = oct(16);
    let token = dir_token(
        &key,
        r#"{"alg":"dir","enc":"A128GCM","zip":"DEF"}"#,
        &[0xff; 32],
    );
    assert_eq!(
        kind(everything().decrypt(&token, &key)),
        ErrorKind::Malformed
    );
    let token = dir_token(&key, r#"{"alg":"dir","enc":"A128GCM","zip":"GZIP"}"#, b"x");
    assert_eq!(
        kind(everything().decrypt(&token, &key)),
        ErrorKind::UnsupportedAlg
    );
    // zip must be protected.
    let token = json!({
        "protected": base64url::encode(r#"{"alg":"dir","enc":"A128GCM"}"#),
        "unprotected": {"zip": "DEF"},
        "iv": base64url::encode([0u8; 12]), "ciphertext": "", "tag": base64url::encode([0u8; 16])
    });
    assert_eq!(
        kind(everything().decrypt(&token.to_string(), &key)),
        ErrorKind::InvalidHeader
    );
}

/// Replaces segment `i` of a compact token with the encoding of `bytes`.
fn with_segment(token: &str, i: usize, edit: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut segments: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut bytes = base64url::decode(&segments[i]).unwrap();
    edit(&mut bytes);
    segments[i] = base64url::encode(bytes);
    segments.join(".")
}

#[test]
fn tags_ivs_and_ciphertexts_are_checked() {
    let d = everything();
    for enc in [
        Enc::A128Gcm,
        Enc::A256Gcm,
        Enc::A128CbcHs256,
        Enc::A256CbcHs512,
    ] {
        let key = oct(16);
        let token = JweBuilder::new(&[7u8; 40], enc)
            .recipient(Recipient::new(&key, Alg::A128Kw))
            .compact()
            .unwrap();
        let failures = [
            (
                "tag truncated",
                with_segment(&token, 4, |t| {
                    t.pop();
                }),
                ErrorKind::Malformed,
            ),
            (
                "tag extended",
                with_segment(&token, 4, |t| t.push(0)),
                ErrorKind::Malformed,
            ),
            (
                "tag changed",
                with_segment(&token, 4, |t| t[0] ^= 1),
                ErrorKind::DecryptionFailed,
            ),
            (
                "iv changed",
                with_segment(&token, 2, |iv| iv[3] ^= 1),
                ErrorKind::DecryptionFailed,
            ),
            (
                "iv short",
                with_segment(&token, 2, |iv| {
                    iv.pop();
                }),
                ErrorKind::Malformed,
            ),
            (
                "iv long",
                with_segment(&token, 2, |iv| iv.push(0)),
                ErrorKind::Malformed,
            ),
            (
                "first block",
                with_segment(&token, 3, |c| c[0] ^= 1),
                ErrorKind::DecryptionFailed,
            ),
            (
                "padding",
                with_segment(&token, 3, |c| {
                    let n = c.len() - 1;
                    c[n] ^= 1;
                }),
                ErrorKind::DecryptionFailed,
            ),
            (
                "block removed",
                with_segment(&token, 3, |c| c.truncate(c.len() - 16)),
                ErrorKind::DecryptionFailed,
            ),
            (
                "ciphertext extended",
                with_segment(&token, 3, |c| c.extend([0u8; 16])),
                ErrorKind::DecryptionFailed,
            ),
            (
                "wrapped key",
                with_segment(&token, 1, |k| k[5] ^= 1),
                ErrorKind::DecryptionFailed,
            ),
        ];
        for (what, tampered, expected) in failures {
            let err = d.decrypt(&tampered, &key).unwrap_err();
            assert_eq!(err.kind(), expected, "{enc} {what}");
            if expected == ErrorKind::DecryptionFailed {
                assert_eq!(err, decryption_failed(), "one message for {what}");
            }
        }
    }
}

#[test]
fn direct_algorithms_refuse_an_encrypted_key() {
    let key = oct(16);
    let token = dir_token(&key, r#"{"alg":"dir","enc":"A128GCM"}"#, b"x");
    assert_eq!(
        everything().decrypt(&token, &key).unwrap().plaintext(),
        b"x"
    );
    let with_key = with_segment(&token, 1, |k| k.extend([1u8; 16]));
    assert_eq!(
        kind(everything().decrypt(&with_key, &key)),
        ErrorKind::Malformed
    );
    let ec = Jwk::generate_ec(Curve::P256).unwrap();
    let token = JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(&ec, Alg::EcdhEs))
        .compact()
        .unwrap();
    let with_key = with_segment(&token, 1, |k| k.extend([1u8; 16]));
    assert_eq!(
        kind(everything().decrypt(&with_key, &ec)),
        ErrorKind::Malformed
    );
}

#[test]
fn crit_is_never_understood() {
    let key = oct(16);
    let token = dir_token(
        &key,
        r#"{"alg":"dir","enc":"A128GCM","crit":["exp"],"exp":1}"#,
        b"x",
    );
    assert_eq!(
        kind(everything().decrypt(&token, &key)),
        ErrorKind::UnknownCrit
    );
    let built = JweBuilder::new(b"x", Enc::A128Gcm)
        .protected_header("crit", json!(["exp"]))
        .protected_header("exp", 1)
        .recipient(Recipient::new(&key, Alg::Dir))
        .compact();
    assert_eq!(kind(built), ErrorKind::UnknownCrit);
}

#[test]
fn header_names_are_disjoint_and_library_members_reserved() {
    let key = named(oct(16), "k");
    let b = JweBuilder::new(b"x", Enc::A128Gcm)
        .shared_header("kid", "k")
        .recipient(Recipient::new(&key, Alg::A128Kw).kid("k"));
    assert_eq!(kind(b.json_flattened()), ErrorKind::InvalidHeader);
    for name in ["alg", "enc"] {
        let b = JweBuilder::new(b"x", Enc::A128Gcm)
            .protected_header(name, "A128GCM")
            .recipient(Recipient::new(&key, Alg::A128Kw));
        assert_eq!(kind(b.compact()), ErrorKind::InvalidHeader, "{name}");
    }
    let b = JweBuilder::new(b"x", Enc::A128Gcm)
        .shared_header("zip", "DEF")
        .recipient(Recipient::new(&key, Alg::A128Kw));
    assert_eq!(kind(b.json_general()), ErrorKind::InvalidHeader);
    // Compact form has no place for a shared header or aad.
    let b = JweBuilder::new(b"x", Enc::A128Gcm)
        .aad(b"a")
        .recipient(Recipient::new(&key, Alg::A128Kw));
    assert_eq!(kind(b.compact()), ErrorKind::InvalidHeader);
    assert!(b.json_flattened().is_ok());
    // The decrypter's side: kid in the shared and the per-recipient header.
    let token: Value = serde_json::from_str(
        &JweBuilder::new(b"x", Enc::A128Gcm)
            .recipient(Recipient::new(&key, Alg::A128Kw))
            .recipient(Recipient::new(&named(oct(16), "j"), Alg::A128Kw))
            .json_general()
            .unwrap(),
    )
    .unwrap();
    let mut dup = token.clone();
    dup["unprotected"] = json!({"kid": "k"});
    assert_eq!(
        kind(everything().decrypt(&dup.to_string(), &key)),
        ErrorKind::InvalidHeader
    );
    let mut mixed = token;
    mixed["recipients"][1]["header"]["enc"] = json!("A256GCM");
    assert_eq!(
        kind(everything().decrypt(&mixed.to_string(), &key)),
        ErrorKind::InvalidHeader
    );
}

fn ecdh_token(key: &Jwk) -> String {
    JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(key, Alg::EcdhEsA128Kw))
        .compact()
        .unwrap()
}

#[test]
fn epk_is_validated_before_use() {
    let p256 = Jwk::generate_ec(Curve::P256).unwrap();
    let token = ecdh_token(&p256);
    let d = everything();
    // Off the curve: y changed.
    let off_curve = reheader(&token, |h| {
        let y = h["epk"]["y"].as_str().unwrap().to_owned();
        let mut bytes = base64url::decode(&y).unwrap();
        bytes[31] ^= 1;
        h.get_mut("epk").unwrap()["y"] = base64url::encode(bytes).into();
    });
    assert_eq!(kind(d.decrypt(&off_curve, &p256)), ErrorKind::InvalidKey);
    // Another curve.
    let p384 = Jwk::generate_ec(Curve::P384).unwrap().public().unwrap();
    let wrong_curve = reheader(&token, |h| {
        h.insert("epk".into(), p384.to_value());
    });
    assert_eq!(
        kind(d.decrypt(&wrong_curve, &p256)),
        ErrorKind::InvalidHeader
    );
    let x25519 = Jwk::generate_okp(Curve::X25519).unwrap().public().unwrap();
    let wrong_type = reheader(&token, |h| {
        h.insert("epk".into(), x25519.to_value());
    });
    assert_eq!(
        kind(d.decrypt(&wrong_type, &p256)),
        ErrorKind::InvalidHeader
    );
    // Missing, not an object, carrying a private key.
    for epk in [
        None,
        Some(json!("key")),
        Some(Jwk::generate_ec(Curve::P256).unwrap().to_value()),
    ] {
        let t = reheader(&token, |h| match &epk {
            None => {
                h.remove("epk");
            }
            Some(v) => {
                h.insert("epk".into(), v.clone());
            }
        });
        assert_eq!(
            kind(d.decrypt(&t, &p256)),
            ErrorKind::InvalidHeader,
            "{epk:?}"
        );
    }
}

#[test]
fn epk_members_are_checked_before_any_import() {
    let p256 = Jwk::generate_ec(Curve::P256).unwrap();
    let token = ecdh_token(&p256);
    let public = Jwk::generate_ec(Curve::P256)
        .unwrap()
        .public()
        .unwrap()
        .to_value();
    let with = |name: &str, value: Value| {
        let mut v = public.clone();
        v[name] = value;
        v
    };
    // An RSA private key whose members do not fit together: importing it would be
    // slow and fail as an invalid key; it is refused for its kty first.
    let mut rsa = rsa_key().to_value();
    rsa["p"] = rsa["q"].clone();
    let cases = [
        rsa,
        rsa_key().public().unwrap().to_value(),
        json!({"kty": "oct", "k": "AAAA"}),
        json!({"crv": "P-256", "x": public["x"], "y": public["y"]}),
        with("kty", json!(2)),
        // Private members of any key type, even malformed ones, are never read.
        with("d", json!("not base64url!")),
        with("k", json!("AAAA")),
        with("oth", json!([])),
        // The curve, before the point.
        with("crv", json!("P-384")),
        with("crv", json!("P-999")),
        with("crv", json!(256)),
        json!({"kty": "EC", "x": public["x"], "y": public["y"]}),
        json!({"kty": "OKP", "crv": "P-256", "x": public["x"]}),
    ];
    // Cases are named by index: some hold private keys, which stay out of the output.
    for (i, epk) in cases.iter().enumerate() {
        let t = reheader(&token, |h| {
            h.insert("epk".into(), epk.clone());
        });
        let err = everything().decrypt(&t, &p256).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidHeader, "case {i}: {err}");
        assert!(err.message().contains("\"epk\""), "{err}");
    }
    // A well-formed public key with a bad point is an invalid key.
    for epk in [with("x", json!("AAAA")), with("y", json!(null))] {
        let t = reheader(&token, |h| {
            h.insert("epk".into(), epk.clone());
        });
        assert_eq!(
            kind(everything().decrypt(&t, &p256)),
            ErrorKind::InvalidKey,
            "{epk}"
        );
    }
    // Members other than the key's are ignored: the epk is accepted and the edited
    // protected header then fails the content tag.
    let mut extra = reheader(&token, |h| {
        h.get_mut("epk").unwrap()["kid"] = json!("ephemeral");
    });
    assert_eq!(
        kind(everything().decrypt(&extra, &p256)),
        ErrorKind::DecryptionFailed
    );
    // The OKP path: an X25519 key refuses an EC epk on X25519's name.
    let x25519 = Jwk::generate_okp(Curve::X25519).unwrap();
    extra = reheader(&ecdh_token(&x25519), |h| {
        h.get_mut("epk").unwrap()["kty"] = json!("EC");
    });
    assert_eq!(
        kind(everything().decrypt(&extra, &x25519)),
        ErrorKind::InvalidHeader
    );
}

/// Low-order points of Curve25519 (u-coordinates, little-endian): 0, 1, the points of
/// order 8, and p-1, p, p+1 (non-canonical spellings of small-order points).
const X25519_LOW_ORDER: [&str; 7] = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
];

#[test]
fn x25519_low_order_points_are_refused() {
    let key = Jwk::generate_okp(Curve::X25519).unwrap();
    let token = ecdh_token(&key);
    for hex in X25519_LOW_ORDER {
        let bytes: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        let t = reheader(&token, |h| {
            h.insert(
                "epk".into(),
                json!({"kty": "OKP", "crv": "X25519", "x": base64url::encode(&bytes)}),
            );
        });
        let err = everything().decrypt(&t, &key).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::InvalidKey | ErrorKind::InvalidHeader),
            "{hex}: {err}"
        );
    }
}

#[test]
fn limits_on_size_and_recipients() {
    let key = named(oct(16), "k");
    let token = JweBuilder::new(&[1u8; 2000], Enc::A128Gcm)
        .recipient(Recipient::new(&key, Alg::A128Kw))
        .compact()
        .unwrap();
    let small = everything().with_limits(limits(|l| l.max_token_bytes = 1000));
    assert_eq!(kind(small.decrypt(&token, &key)), ErrorKind::LimitExceeded);
    assert_eq!(small.limits().max_token_bytes, 1000);
    let mut b = JweBuilder::new(b"x", Enc::A128Gcm);
    let keys: Vec<Jwk> = (0..3).map(|i| named(oct(16), &format!("k{i}"))).collect();
    for k in &keys {
        b = b.recipient(Recipient::new(k, Alg::A128Kw));
    }
    let token = b.json_general().unwrap();
    let two = everything().with_limits(limits(|l| l.max_recipients = 2));
    assert_eq!(
        kind(two.decrypt(&token, &keys[0])),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn builder_debug_hides_the_plaintext() {
    let key = oct(16);
    let b = JweBuilder::new(b"secret plaintext", Enc::A128Gcm)
        .recipient(Recipient::new(&key, Alg::A128Kw));
    let debug = format!("{b:?}");
    assert!(!debug.contains("secret"), "{debug}");
    assert!(debug.contains("A128Gcm"));
}

#[test]
fn decrypted_debug_hides_the_plaintext() {
    let key = named(oct(16), "debug-key");
    let token = JweBuilder::new(b"secret plaintext", Enc::A128Gcm)
        .recipient(Recipient::new(&key, Alg::A128Kw))
        .compact()
        .unwrap();
    let decrypted = everything().decrypt(&token, &key).unwrap();
    let debug = format!("{decrypted:?}");
    assert!(!debug.contains("secret"), "{debug}");
    // Nor as the bytes a derived Debug would print.
    assert!(!debug.contains("115, 101, 99"), "{debug}");
    assert!(debug.contains("plaintext_len: 16"), "{debug}");
    assert!(
        debug.contains("debug-key"),
        "the headers are shown: {debug}"
    );
    assert!(
        debug.contains("A128Kw") && debug.contains("A128Gcm"),
        "{debug}"
    );
}

#[test]
fn rsa_failures_are_the_one_decryption_error() {
    for alg in [Alg::Rsa1_5, Alg::RsaOaep, Alg::RsaOaep256, Alg::RsaOaep512] {
        for enc in [Enc::A128CbcHs256, Enc::A256Gcm] {
            let token = JweBuilder::new(PLAINTEXT, enc)
                .recipient(Recipient::new(rsa_key(), alg))
                .compact()
                .unwrap();
            for (what, tampered) in [
                ("flipped", with_segment(&token, 1, |k| k[100] ^= 1)),
                ("zeroed", with_segment(&token, 1, |k| k.fill(0))),
                (
                    "short",
                    with_segment(&token, 1, |k| {
                        k.pop();
                    }),
                ),
                ("long", with_segment(&token, 1, |k| k.push(0))),
                ("empty", with_segment(&token, 1, Vec::clear)),
            ] {
                let err = everything().decrypt(&tampered, rsa_key()).unwrap_err();
                assert_eq!(err, decryption_failed(), "{alg} {enc} {what}");
            }
        }
    }
}

#[test]
fn a_set_without_kid_tries_each_fitting_key() {
    let p256 = Jwk::generate_ec(Curve::P256).unwrap();
    let p384 = Jwk::generate_ec(Curve::P384).unwrap();
    let x25519 = Jwk::generate_okp(Curve::X25519).unwrap();
    let token = ecdh_token(&p256);
    // The other curves come first; their `epk` mismatch must not stop the search.
    let set = JwkSet::new(vec![p384.clone(), x25519, p256]);
    assert_eq!(
        everything().decrypt(&token, &set).unwrap().plaintext(),
        b"x"
    );
    let without = JwkSet::new(vec![p384]);
    assert_eq!(
        kind(everything().decrypt(&token, &without)),
        ErrorKind::InvalidHeader
    );
}

#[test]
fn an_unknown_alg_spoils_only_its_recipient() {
    let (a, b) = (named(oct(16), "a"), named(oct(16), "b"));
    let token = JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(&a, Alg::A128Kw))
        .recipient(Recipient::new(&b, Alg::A128Kw))
        .json_general()
        .unwrap();
    let mut v: Value = serde_json::from_str(&token).unwrap();
    v["recipients"][0]["header"]["alg"] = json!("RSA-OAEP-1024");
    let token = v.to_string();
    assert_eq!(
        everything().decrypt(&token, &b).unwrap().recipient_index(),
        1
    );
    assert_eq!(
        kind(everything().decrypt(&token, &a)),
        ErrorKind::UnsupportedAlg
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<JweDecrypter>();
    check::<DecryptedJwe>();
    check::<JweBuilder<'static>>();
    check::<Recipient<'static>>();
    check::<JweHeader>();
}

#[test]
fn a_dir_key_pinned_to_an_enc_is_held_to_it() {
    // A128CBC-HS256 and A256GCM both take 32 bytes: only the key's `alg` tells them apart.
    let key = Jwk::generate_for("A256GCM").unwrap();
    let ok = JweBuilder::new(b"x", Enc::A256Gcm)
        .recipient(Recipient::new(&key, Alg::Dir))
        .compact()
        .unwrap();
    assert_eq!(everything().decrypt(&ok, &key).unwrap().plaintext(), b"x");
    let other = JweBuilder::new(b"x", Enc::A128CbcHs256).recipient(Recipient::new(&key, Alg::Dir));
    assert_eq!(kind(other.compact()), ErrorKind::KeyTypeMismatch);
    // A token made with the same secret but another enc is refused on the key's pin.
    let mut unpinned = Jwk::from_value(&key.to_value()).unwrap();
    unpinned.set_alg("dir").unwrap();
    let token = JweBuilder::new(b"x", Enc::A128CbcHs256)
        .recipient(Recipient::new(&unpinned, Alg::Dir))
        .compact()
        .unwrap();
    assert_eq!(
        kind(everything().decrypt(&token, &key)),
        ErrorKind::KeyTypeMismatch
    );
}

/// The default limits with one change.
fn limits(edit: impl FnOnce(&mut Limits)) -> Limits {
    let mut limits = Limits::default();
    edit(&mut limits);
    limits
}

fn with_budget(n: usize) -> JweDecrypter {
    everything().with_limits(limits(|l| l.max_costly_operations = n))
}

#[test]
fn costly_operations_are_budgeted_per_token() {
    // The reported shape: 16 PBES2 recipients without `kid`, a set of 4 passwords,
    // none of them right: 64 derivations without a per-token budget.
    let ours = password("the right one");
    let mut b = JweBuilder::new(b"x", Enc::A128Gcm);
    for _ in 0..16 {
        b = b.recipient(Recipient::new(&ours, Alg::Pbes2Hs512A256Kw).p2c(1000));
    }
    let token = b.json_general().unwrap();
    let wrong = JwkSet::new((0..4).map(|i| password(&format!("wrong {i}"))).collect());
    let err = everything().decrypt(&token, &wrong).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LimitExceeded, "{err}");
    assert!(err.message().contains("limit of 4"), "{err}");
    // The right password is found within the budget.
    assert_eq!(
        everything().decrypt(&token, &ours).unwrap().plaintext(),
        b"x"
    );

    // Attempts are counted before the work: the right key third in the set needs a
    // budget of three.
    let single = JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(&ours, Alg::Pbes2Hs256A128Kw).p2c(1000))
        .compact()
        .unwrap();
    let set = JwkSet::new(vec![password("wrong a"), password("wrong b"), ours.clone()]);
    assert_eq!(
        kind(with_budget(2).decrypt(&single, &set)),
        ErrorKind::LimitExceeded
    );
    assert_eq!(
        with_budget(3).decrypt(&single, &set).unwrap().plaintext(),
        b"x"
    );
}

#[test]
fn rsa_and_ecdh_are_costly_and_aes_kw_is_not() {
    let p256 = Jwk::generate_ec(Curve::P256).unwrap();
    let x25519 = Jwk::generate_okp(Curve::X25519).unwrap();
    for (key, alg) in [
        (rsa_key(), Alg::RsaOaep256),
        (rsa_key(), Alg::Rsa1_5),
        (&p256, Alg::EcdhEs),
        (&p256, Alg::EcdhEsA128Kw),
        (&x25519, Alg::EcdhEsA256Kw),
    ] {
        let token = JweBuilder::new(b"x", Enc::A128Gcm)
            .recipient(Recipient::new(key, alg))
            .compact()
            .unwrap();
        assert_eq!(
            kind(with_budget(0).decrypt(&token, key)),
            ErrorKind::LimitExceeded,
            "{alg}"
        );
        assert_eq!(
            with_budget(1).decrypt(&token, key).unwrap().plaintext(),
            b"x"
        );
    }
    let aes = oct(16);
    let token = JweBuilder::new(b"x", Enc::A128Gcm)
        .recipient(Recipient::new(&aes, Alg::A128Kw))
        .compact()
        .unwrap();
    assert_eq!(
        with_budget(0).decrypt(&token, &aes).unwrap().plaintext(),
        b"x"
    );
}

#[test]
fn the_budget_reveals_nothing_about_rsa1_5_padding() {
    // Two RSA1_5 recipients for the same key; the first is spoiled in two ways: a
    // valid padding around the wrong CEK, and an invalid padding. The random-CEK
    // countermeasure makes both fail like a wrong CEK, so the budget runs out at the
    // same point with the same error.
    let build = || {
        let token = JweBuilder::new(PLAINTEXT, Enc::A128CbcHs256)
            .recipient(Recipient::new(rsa_key(), Alg::Rsa1_5))
            .recipient(Recipient::new(rsa_key(), Alg::Rsa1_5))
            .json_general()
            .unwrap();
        serde_json::from_str::<Value>(&token).unwrap()
    };
    let token = build();
    let other_cek = build()["recipients"][0]["encrypted_key"].clone();
    let mut valid_padding = token.clone();
    valid_padding["recipients"][0]["encrypted_key"] = other_cek;
    let mut invalid_padding = token.clone();
    let mut flipped =
        base64url::decode(token["recipients"][0]["encrypted_key"].as_str().unwrap()).unwrap();
    flipped[0] ^= 0xff;
    invalid_padding["recipients"][0]["encrypted_key"] = base64url::encode(flipped).into();

    let tight = with_budget(1);
    let a = tight
        .decrypt(&valid_padding.to_string(), rsa_key())
        .unwrap_err();
    let b = tight
        .decrypt(&invalid_padding.to_string(), rsa_key())
        .unwrap_err();
    assert_eq!(a.kind(), ErrorKind::LimitExceeded, "{a}");
    assert_eq!(a, b);
    // With room for both recipients, the second decrypts either way.
    for t in [&valid_padding, &invalid_padding] {
        let out = with_budget(2).decrypt(&t.to_string(), rsa_key()).unwrap();
        assert_eq!((out.recipient_index(), out.plaintext()), (1, PLAINTEXT));
    }
}
