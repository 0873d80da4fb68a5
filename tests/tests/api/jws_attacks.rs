//! The JWS attack suite (RFC 8725 and the CVE history of JWT libraries): every forged
//! or confused token here must be rejected with the right error kind.

use jwt_core::base64url;
use jwt_core::jws::{HeaderMap, JwsBuilder, JwsVerifier, SignaturePolicy};
use jwt_core::{ErrorKind, Jwk, JwkSet, Limits, SignatureAlgorithm};
use jwt_tests::random::rsa_key;
use serde_json::{json, Value};

use SignatureAlgorithm::*;

fn header(value: Value) -> HeaderMap {
    match value {
        Value::Object(map) => map,
        _ => panic!("header must be an object"),
    }
}

/// A compact token with any header text, MACed with `secret`: the forger's view,
/// computed with the backend directly so no library rule stands in the way.
fn forge_hs256(header_json: &str, payload: &[u8], secret: &[u8]) -> String {
    let input = format!(
        "{}.{}",
        base64url::encode(header_json),
        base64url::encode(payload)
    );
    let key = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, secret);
    let tag = aws_lc_rs::hmac::sign(&key, input.as_bytes());
    format!("{input}.{}", base64url::encode(tag.as_ref()))
}

fn kind_of<'k>(
    verifier: &JwsVerifier,
    token: &str,
    keys: impl Into<jwt_core::KeySource<'k>>,
) -> ErrorKind {
    verifier
        .verify(token, keys)
        .expect_err("forged token accepted")
        .kind()
}

#[test]
fn alg_none_in_every_spelling_is_rejected() {
    let key = Jwk::generate_for("HS256").unwrap();
    let payload = base64url::encode(br#"{"sub":"admin"}"#);
    let real_sig = JwsBuilder::new(b"x".as_slice())
        .sign(&key, HS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    let real_sig = real_sig.rsplit('.').next().unwrap().to_owned();
    let every_alg = JwsVerifier::new(
        SignatureAlgorithm::ALL
            .iter()
            .copied()
            .filter(|a| a.is_enabled()),
    );
    for spelling in ["none", "None", "NONE", "nOnE", "none ", ""] {
        let head = base64url::encode(format!(r#"{{"alg":"{spelling}"}}"#));
        for signature in ["", real_sig.as_str()] {
            let token = format!("{head}.{payload}.{signature}");
            let kind = kind_of(&every_alg, &token, &key);
            let expected = if spelling == "none" {
                ErrorKind::AlgNotAllowed
            } else {
                ErrorKind::UnsupportedAlg
            };
            assert_eq!(kind, expected, "{spelling:?} with signature {signature:?}");
        }
    }
}

#[test]
fn hs256_keyed_with_a_public_key_in_every_encoding_is_rejected() {
    let rsa_public = rsa_key().public().unwrap();
    let ec_public = Jwk::generate_ec(jwt_core::Curve::P256)
        .unwrap()
        .public()
        .unwrap();
    for public in [&rsa_public, &ec_public] {
        let encodings: Vec<Vec<u8>> = vec![
            public.to_json().into_bytes(),
            public.to_public_pem().unwrap().into_bytes(),
            public
                .to_public_pem()
                .unwrap()
                .trim_end()
                .as_bytes()
                .to_vec(),
            serde_json::to_vec(&public.to_value()).unwrap(),
        ];
        let native = if public.key_type() == jwt_core::KeyType::Rsa {
            RS256
        } else {
            ES256
        };
        for secret in encodings {
            let token = forge_hs256(r#"{"alg":"HS256"}"#, b"{}", &secret);
            // The allow-list alone stops it...
            assert_eq!(
                kind_of(&JwsVerifier::new([native]), &token, public),
                ErrorKind::AlgNotAllowed
            );
            // ...and so does the key binding, even with HS256 carelessly allowed.
            assert_eq!(
                kind_of(&JwsVerifier::new([native, HS256]), &token, public),
                ErrorKind::KeyTypeMismatch
            );
        }
    }
}

#[test]
fn rs_ps_swap_and_pinned_alg_are_rejected() {
    let private = rsa_key();
    let public = private.public().unwrap();
    let pss = JwsBuilder::new(b"p".as_slice())
        .sign(private, PS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    // Header relabelled to RS256 over a PSS signature.
    let mut parts: Vec<String> = pss.split('.').map(str::to_owned).collect();
    parts[0] = base64url::encode(r#"{"alg":"RS256"}"#);
    let relabelled = parts.join(".");
    assert_eq!(
        kind_of(&JwsVerifier::new([RS256, PS256]), &relabelled, &public),
        ErrorKind::BadSignature
    );
    // A key pinned to RS256 refuses a PS256 token even when PS256 is allowed.
    let mut pinned = public.clone();
    pinned.set_alg("RS256").unwrap();
    assert_eq!(
        kind_of(&JwsVerifier::new([RS256, PS256]), &pss, &pinned),
        ErrorKind::KeyTypeMismatch
    );
    // An HMAC key pinned to HS384 refuses HS256.
    let mut hmac = Jwk::generate_oct(512).unwrap();
    let hs256 = JwsBuilder::new(b"p".as_slice())
        .sign(&hmac, HS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    hmac.set_alg("HS384").unwrap();
    assert_eq!(
        kind_of(&JwsVerifier::new([HS256, HS384]), &hs256, &hmac),
        ErrorKind::KeyTypeMismatch
    );
}

#[test]
fn encryption_keys_never_sign_or_verify() {
    let mut key = Jwk::generate_ec(jwt_core::Curve::P256).unwrap();
    let token = JwsBuilder::new(b"p".as_slice())
        .sign(&key, ES256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    key.set_use(jwt_core::KeyUse::Encryption).unwrap();
    assert_eq!(
        kind_of(&JwsVerifier::new([ES256]), &token, &key),
        ErrorKind::KeyTypeMismatch
    );
    let err = JwsBuilder::new(b"p".as_slice())
        .sign(&key, ES256, Default::default(), None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyTypeMismatch);
    let mut verify_only = Jwk::generate_for("HS256").unwrap();
    verify_only
        .set_key_ops(vec![jwt_core::KeyOperation::Verify])
        .unwrap();
    let err = JwsBuilder::new(b"p".as_slice())
        .sign(&verify_only, HS256, Default::default(), None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::KeyTypeMismatch);
}

#[test]
fn lower_case_and_unknown_algorithm_names_are_rejected() {
    // MACed with the verifier's own secret: only the name can make these fail.
    let secret = b"a secret of thirty-two bytes!!!!";
    let key = Jwk::from_value(&json!({"kty":"oct","k": base64url::encode(secret)})).unwrap();
    let genuine = forge_hs256(r#"{"alg":"HS256"}"#, b"{}", secret);
    assert!(JwsVerifier::new([HS256]).verify(&genuine, &key).is_ok());
    for name in [
        "hs256",
        "Hs256",
        "HS-256",
        "HMAC256",
        "RS1",
        "HS256\\u0000",
        " HS256",
    ] {
        let token = forge_hs256(&format!(r#"{{"alg":"{name}"}}"#), b"{}", secret);
        assert_eq!(
            kind_of(&JwsVerifier::new([HS256]), &token, &key),
            ErrorKind::UnsupportedAlg,
            "{name}"
        );
    }
}

#[test]
fn non_canonical_base64url_is_rejected_in_every_segment() {
    let key = Jwk::generate_for("HS256").unwrap();
    let token = JwsBuilder::new(b"payload!".as_slice())
        .sign(&key, HS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    for i in 0..3 {
        for mutate in [
            |s: &str| format!("{s}="),
            |s: &str| format!("{s}=="),
            |s: &str| s.replace('-', "+").replace('_', "/") + "+",
            |s: &str| format!(" {s}"),
            |s: &str| format!("{s}\n"),
        ] {
            let mut copy: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            copy[i] = mutate(parts[i]);
            let bad = copy.join(".");
            let kind = kind_of(&JwsVerifier::new([HS256]), &bad, &key);
            // The payload segment is signed as text, so a re-spelled payload fails the
            // signature before it is ever decoded; the other segments fail decoding.
            let expected: &[ErrorKind] = if i == 1 {
                &[ErrorKind::BadSignature]
            } else {
                &[ErrorKind::Malformed, ErrorKind::InvalidHeader]
            };
            assert!(expected.contains(&kind), "{bad}: {kind}");
        }
    }
}

#[test]
fn ecdsa_signature_encodings_are_exact() {
    let key = Jwk::generate_for("ES256").unwrap();
    let public = key.public().unwrap();
    let token = JwsBuilder::new(b"p".as_slice())
        .sign(&key, ES256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    let (input, sig) = token.rsplit_once('.').unwrap();
    let sig = base64url::decode(sig).unwrap();
    assert_eq!(sig.len(), 64);
    let with = |bytes: &[u8]| format!("{input}.{}", base64url::encode(bytes));
    let check = JwsVerifier::new([ES256]);
    let mut trailing = sig.clone();
    trailing.extend_from_slice(&[0, 0]);
    assert_eq!(
        kind_of(&check, &with(&trailing), &public),
        ErrorKind::BadSignature
    );
    assert_eq!(
        kind_of(&check, &with(&sig[..63]), &public),
        ErrorKind::BadSignature
    );
    assert_eq!(
        kind_of(&check, &with(&[0u8; 64]), &public),
        ErrorKind::BadSignature
    );
    // r = n (the group order of P-256) and s = n: out of range.
    let order = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    let mut r_is_n = order.clone();
    r_is_n.extend_from_slice(&sig[32..]);
    assert_eq!(
        kind_of(&check, &with(&r_is_n), &public),
        ErrorKind::BadSignature
    );
    let mut s_is_n = sig[..32].to_vec();
    s_is_n.extend_from_slice(&order);
    assert_eq!(
        kind_of(&check, &with(&s_is_n), &public),
        ErrorKind::BadSignature
    );
    // A DER-encoded signature (what some libraries emit) is not a JOSE signature.
    let mut der = vec![0x30, 0x44, 0x02, 0x20];
    der.extend_from_slice(&sig[..32]);
    der.extend_from_slice(&[0x02, 0x20]);
    der.extend_from_slice(&sig[32..]);
    assert_eq!(
        kind_of(&check, &with(&der), &public),
        ErrorKind::BadSignature
    );
    // RSA: one byte short (a stripped leading zero) is rejected, not padded.
    let rsa = rsa_key();
    let token = JwsBuilder::new(b"p".as_slice())
        .sign(rsa, RS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    let (input, sig) = token.rsplit_once('.').unwrap();
    let sig = base64url::decode(sig).unwrap();
    let short = format!("{input}.{}", base64url::encode(&sig[1..]));
    assert_eq!(
        kind_of(&JwsVerifier::new([RS256]), &short, rsa),
        ErrorKind::BadSignature
    );
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn embedded_keys_are_never_trusted() {
    let ours = Jwk::generate_for("ES256").unwrap().public().unwrap();
    let attacker = Jwk::generate_for("ES256").unwrap();
    let attacker_public = attacker.public().unwrap().to_value();
    for embedding in [
        json!({"jwk": attacker_public}),
        json!({"jku": "https://attacker.example/keys"}),
        json!({"x5u": "https://attacker.example/cert"}),
        json!({"jwk": attacker_public, "kid": "x"}),
    ] {
        let token = JwsBuilder::new(b"p".as_slice())
            .sign(&attacker, ES256, header(embedding.clone()), None)
            .unwrap()
            .compact()
            .unwrap();
        // Checked against our key, which did not sign it: a bad signature, never a pass
        // with the embedded key (and never a refusal for some unrelated reason).
        let kind = |result: jwt_core::Result<_>| result.map(|_| ()).unwrap_err().kind();
        assert_eq!(
            kind(JwsVerifier::new([ES256]).verify(&token, &ours)),
            ErrorKind::BadSignature,
            "{embedding}"
        );
        let set = JwkSet::new(vec![ours.clone()]);
        let expected = if embedding.get("kid").is_some() {
            ErrorKind::KeyNotFound
        } else {
            ErrorKind::BadSignature
        };
        assert_eq!(
            kind(JwsVerifier::new([ES256]).verify(&token, &set)),
            expected,
            "{embedding}"
        );
    }
}

#[test]
fn a_jwe_is_never_processed_as_a_jws() {
    let key = Jwk::generate_for("HS256").unwrap();
    let jwe =
        "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
    assert_eq!(
        kind_of(&JwsVerifier::new([HS256]), jwe, &key),
        ErrorKind::TokenTypeMismatch
    );
    let json_jwe =
        r#"{"protected":"eyJlbmMiOiJBMTI4R0NNIn0","ciphertext":"AAAA","iv":"AAAA","tag":"AAAA"}"#;
    assert_eq!(
        kind_of(&JwsVerifier::new([HS256]), json_jwe, &key),
        ErrorKind::TokenTypeMismatch
    );
}

#[test]
fn kid_selects_exactly_and_never_falls_back() {
    let mut a = Jwk::generate_for("HS256").unwrap();
    a.set_kid("a");
    let mut b = Jwk::generate_for("HS256").unwrap();
    b.set_kid("b");
    let set = JwkSet::new(vec![a.clone(), b.clone()]);
    let token_b = JwsBuilder::new(b"p".as_slice())
        .sign(&b, HS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    let check = JwsVerifier::new([HS256]);
    assert!(check.verify(&token_b, &set).is_ok());
    // Same key material signed under an unknown kid: not found, even though a key would verify.
    let unknown = JwsBuilder::new(b"p".as_slice())
        .sign(&b, HS256, header(json!({"kid":"zzz"})), None)
        .unwrap()
        .compact()
        .unwrap();
    assert_eq!(kind_of(&check, &unknown, &set), ErrorKind::KeyNotFound);
    // A single key with another kid is not used either.
    assert_eq!(kind_of(&check, &token_b, &a), ErrorKind::KeyNotFound);
    // Token signed by b but claiming kid a: a is tried, fails.
    let lying = JwsBuilder::new(b"p".as_slice())
        .sign(&b, HS256, header(json!({"kid":"a"})), None)
        .unwrap()
        .compact()
        .unwrap();
    assert_eq!(kind_of(&check, &lying, &set), ErrorKind::BadSignature);
}

#[test]
fn header_rules_duplicate_members_crit_and_limits() {
    let key = Jwk::generate_for("HS256").unwrap();
    let check = JwsVerifier::new([HS256]);
    let duplicate = forge_hs256(r#"{"alg":"HS256","alg":"HS256"}"#, b"p", b"k");
    assert_eq!(
        kind_of(&check, &duplicate, &key),
        ErrorKind::DuplicateMember
    );
    let mut parts: Vec<String> = duplicate.split('.').map(str::to_owned).collect();
    for (text, expected) in [
        (
            r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
            ErrorKind::UnknownCrit,
        ),
        (r#"{"alg":"HS256","crit":[]}"#, ErrorKind::UnknownCrit),
        (r#"{"alg":"HS256","b64":false}"#, ErrorKind::UnknownCrit),
        (r#"["HS256"]"#, ErrorKind::InvalidHeader),
        (r#"{"alg":256}"#, ErrorKind::InvalidHeader),
        (r#"{"typ":"JWT"}"#, ErrorKind::InvalidHeader),
        (r#"{"alg":"HS256""#, ErrorKind::InvalidHeader),
    ] {
        parts[0] = base64url::encode(text);
        assert_eq!(kind_of(&check, &parts.join("."), &key), expected, "{text}");
    }
    let token = JwsBuilder::new(vec![b'x'; 4096])
        .sign(&key, HS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    let mut small = Limits::default();
    small.max_token_bytes = 1000;
    assert_eq!(
        kind_of(&check.clone().with_limits(small), &token, &key),
        ErrorKind::LimitExceeded
    );
    let big_header = JwsBuilder::new(b"p".as_slice())
        .sign(
            &key,
            HS256,
            header(json!({"pad": "x".repeat(10_000)})),
            None,
        )
        .unwrap()
        .compact()
        .unwrap();
    assert_eq!(kind_of(&check, &big_header, &key), ErrorKind::LimitExceeded);
    let mut deep = String::from(r#"{"alg":"HS256","x":"#);
    deep.push_str(&"[".repeat(100));
    deep.push_str(&"]".repeat(100));
    deep.push('}');
    parts[0] = base64url::encode(&deep);
    assert_eq!(
        kind_of(&check, &parts.join("."), &key),
        ErrorKind::LimitExceeded
    );
    for bad in ["", ".", "..", "a.b", "a.b.c.d", "a.b.c.d.e.f", "....."] {
        assert!(check.verify(bad, &key).is_err(), "{bad:?}");
    }
}

#[test]
fn too_many_signatures_are_refused_before_verifying() {
    let key = Jwk::generate_for("HS256").unwrap();
    let mut builder = JwsBuilder::new(b"p".as_slice());
    for _ in 0..17 {
        builder = builder.sign(&key, HS256, Default::default(), None).unwrap();
    }
    let general = builder.json_general().unwrap();
    assert_eq!(
        kind_of(&JwsVerifier::new([HS256]), &general, &key),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn every_algorithm_round_trips_in_every_serialization() {
    for alg in SignatureAlgorithm::ALL
        .iter()
        .copied()
        .filter(|a| a.is_enabled())
    {
        let key = match alg {
            RS256 | RS384 | RS512 | PS256 | PS384 | PS512 => rsa_key().clone(),
            _ => Jwk::generate_for(alg.name()).unwrap(),
        };
        let verify_key = if alg.is_symmetric() {
            key.clone()
        } else {
            key.public().unwrap()
        };
        let check = JwsVerifier::new([alg]);
        let builder = JwsBuilder::new(b"round trip".as_slice())
            .sign(&key, alg, Default::default(), None)
            .unwrap();
        for token in [
            builder.compact().unwrap(),
            builder.json_flattened().unwrap(),
            builder.json_general().unwrap(),
        ] {
            let verified = check
                .verify(&token, &verify_key)
                .unwrap_or_else(|e| panic!("{alg}: {e}"));
            assert_eq!(verified.payload(), b"round trip");
            assert_eq!(verified.header().alg(), Some(alg.name()));
        }
        let detached = JwsBuilder::new(b"detached".as_slice())
            .detached()
            .sign(&key, alg, Default::default(), None)
            .unwrap();
        let compact = detached.compact().unwrap();
        assert!(compact.contains(".."));
        assert_eq!(
            check
                .verify_detached(&compact, Some(b"detached"), &verify_key)
                .unwrap()
                .payload(),
            b"detached"
        );
        assert!(check
            .verify_detached(&compact, Some(b"detacheD"), &verify_key)
            .is_err());
        let json = detached.json_general().unwrap();
        assert!(!json.contains("payload"));
        assert!(
            check.verify(&json, &verify_key).is_err(),
            "{alg}: detached JSON verified without its payload"
        );
        assert!(check
            .verify_detached(&json, Some(b"detached"), &verify_key)
            .is_ok());
    }
}

#[test]
fn multiple_signatures_with_unprotected_headers_and_policies() {
    let hmac = Jwk::generate_for("HS256").unwrap();
    let ec = Jwk::generate_for("ES384").unwrap();
    let builder = JwsBuilder::new(b"both".as_slice())
        .sign(
            &hmac,
            HS256,
            Default::default(),
            Some(header(json!({"kid":"h"}))),
        )
        .unwrap()
        .sign(
            &ec,
            ES384,
            Default::default(),
            Some(header(json!({"kid":"e"}))),
        )
        .unwrap();
    assert_eq!(
        builder.compact().unwrap_err().kind(),
        ErrorKind::InvalidHeader
    );
    assert_eq!(
        builder.json_flattened().unwrap_err().kind(),
        ErrorKind::InvalidHeader
    );
    let general = builder.json_general().unwrap();
    let both = JwsVerifier::new([HS256, ES384]).with_limits(jwt_tests::signatures_up_to(2));
    let verified = both.verify(&general, &hmac).unwrap();
    assert_eq!(verified.verified_indices().collect::<Vec<_>>(), vec![0]);
    assert!(!verified.signatures()[1].verified());
    assert_eq!(verified.header().kid(), Some("h"));
    let strict = both.clone().with_policy(SignaturePolicy::All);
    assert!(strict.verify(&general, &hmac).is_err());
    let mut h = hmac.clone();
    h.set_kid("h");
    let mut e = ec.public().unwrap();
    e.set_kid("e");
    assert_eq!(
        strict
            .verify(&general, &JwkSet::new(vec![h, e]))
            .unwrap()
            .verified_indices()
            .count(),
        2
    );
    // An unprotected header may not repeat a protected member, nor carry crit.
    let err = JwsBuilder::new(b"x".as_slice())
        .sign(
            &hmac,
            HS256,
            Default::default(),
            Some(header(json!({"alg":"HS256"}))),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidHeader);
    // Signatures disagreeing on b64 are refused.
    let mixed = r#"{"payload":"eA","signatures":[
        {"protected":"eyJhbGciOiJIUzI1NiJ9","signature":"AAAA"},
        {"protected":"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19","signature":"AAAA"}]}"#;
    assert_eq!(kind_of(&both, mixed, &hmac), ErrorKind::InvalidHeader);
}
