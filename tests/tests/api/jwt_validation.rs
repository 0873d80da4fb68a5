//! The JWT layer through its public API: RFC 7519 examples, the jwcrypto documentation
//! token, every validation rule at its boundary, and shape confusion.

use jwt_core::jwe::JweDecrypter;
use jwt_core::{
    Claims, ContentEncryptionAlgorithm as Enc, ErrorKind, FixedClock, Jwk, Jwt,
    KeyManagementAlgorithm as Kma, NumericDate, RegisteredClaims, SignatureAlgorithm, Verifier,
};
use jwt_tests::vectors;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

type Dynamic = Map<String, Value>;

fn rfc7519(id: &str) -> Value {
    vectors::load("rfc/rfc7519_examples.json")["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap()
        .clone()
}

fn jwk(value: &Value) -> Jwk {
    Jwk::from_value(value).unwrap()
}

fn object(value: Value) -> Dynamic {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

/// The RFC 7519 example claims, typed.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct JoeClaims {
    iss: String,
    exp: NumericDate,
    #[serde(rename = "http://example.com/is_root")]
    is_root: bool,
}

impl Claims for JoeClaims {
    fn registered(&self) -> jwt_core::Result<jwt_core::claims::Registered<'_>> {
        let mut registered = jwt_core::claims::Registered::default();
        registered.iss = Some(&self.iss);
        registered.exp = Some(self.exp);
        Ok(registered)
    }
    fn apply_defaults(&mut self, _: &jwt_core::claims::IssueDefaults) -> jwt_core::Result<()> {
        Ok(())
    }
}

const BEFORE_2011_EXP: i64 = 1_300_819_000;

#[test]
fn rfc7519_3_1_hs256_with_a_fixed_clock_and_with_the_real_one() {
    let v = rfc7519("rfc7519-3.1");
    let key = jwk(&v["key"]);
    let token = v["token"].as_str().unwrap();
    let verifier = Verifier::<JoeClaims>::builder(key.clone())
        .algorithms([SignatureAlgorithm::HS256])
        .issuer("joe")
        .clock(FixedClock::at(BEFORE_2011_EXP))
        .build()
        .unwrap();
    let jwt = verifier.verify(token).unwrap();
    assert!(jwt.claims().is_root);
    assert_eq!(jwt.header()["typ"], "JWT");
    let dynamic = Verifier::<Dynamic>::builder(key.clone())
        .algorithms([SignatureAlgorithm::HS256])
        .clock(FixedClock::at(BEFORE_2011_EXP))
        .build()
        .unwrap()
        .verify(token)
        .unwrap();
    assert_eq!(Value::Object(dynamic.into_claims()), v["claims"]);
    let now = Verifier::<JoeClaims>::builder(key)
        .algorithms([SignatureAlgorithm::HS256])
        .build()
        .unwrap();
    let err = now.verify(token).unwrap_err();
    assert_eq!(
        (err.kind(), err.claim_name()),
        (ErrorKind::Expired, Some("exp"))
    );
}

#[test]
fn rfc7519_6_1_unsecured_is_rejected() {
    let v = rfc7519("rfc7519-6.1");
    let key = Jwk::generate_for("HS256").unwrap();
    let verifier = Verifier::<Dynamic>::builder(key)
        .clock(FixedClock::at(BEFORE_2011_EXP))
        .build()
        .unwrap();
    assert_eq!(
        verifier
            .verify(v["token"].as_str().unwrap())
            .unwrap_err()
            .kind(),
        ErrorKind::AlgNotAllowed
    );
}

#[test]
fn rfc7519_6_1_reads_only_through_the_dangerous_unsecured_verifier() {
    let v = rfc7519("rfc7519-6.1");
    let token = v["token"].as_str().unwrap();
    let unsecured = || {
        jwt_core::dangerous::unsecured_verifier::<JoeClaims>()
            .clock(FixedClock::at(BEFORE_2011_EXP))
    };
    let jwt = unsecured()
        .issuer("joe")
        .build()
        .unwrap()
        .verify(token)
        .unwrap();
    assert!(jwt.claims().is_root);
    assert_eq!(jwt.header()["alg"], "none");
    // Claims are still validated.
    let late = jwt_core::dangerous::unsecured_verifier::<JoeClaims>()
        .build()
        .unwrap();
    assert_eq!(late.verify(token).unwrap_err().kind(), ErrorKind::Expired);
    assert_eq!(
        unsecured()
            .issuer("ann")
            .build()
            .unwrap()
            .verify(token)
            .unwrap_err()
            .kind(),
        ErrorKind::ClaimMismatch
    );
    // It reads nothing but unsecured tokens.
    let signed = rfc7519("rfc7519-3.1");
    assert_eq!(
        unsecured()
            .build()
            .unwrap()
            .verify(signed["token"].as_str().unwrap())
            .unwrap_err()
            .kind(),
        ErrorKind::AlgNotAllowed
    );
    let encrypted = rfc7519("rfc7519-A.1");
    assert_eq!(
        unsecured()
            .build()
            .unwrap()
            .verify(encrypted["token"].as_str().unwrap())
            .unwrap_err()
            .kind(),
        ErrorKind::TokenTypeMismatch
    );
}

#[test]
fn rfc7519_a1_encrypted_needs_rsa1_5_named() {
    let v = rfc7519("rfc7519-A.1");
    let key = jwk(&v["key"]);
    let token = v["token"].as_str().unwrap();
    let named = Verifier::<JoeClaims>::builder(key.clone())
        .encrypted()
        .key_management([Kma::Rsa1_5])
        .clock(FixedClock::at(BEFORE_2011_EXP))
        .build()
        .unwrap();
    assert_eq!(named.verify(token).unwrap().claims().iss, "joe");
    let oaep_only = Verifier::<JoeClaims>::builder(key)
        .encrypted()
        .key_management([Kma::RsaOaep256])
        .clock(FixedClock::at(BEFORE_2011_EXP))
        .build()
        .unwrap();
    assert_eq!(
        oaep_only.verify(token).unwrap_err().kind(),
        ErrorKind::AlgNotAllowed
    );
}

#[test]
fn rfc7519_a2_nested() {
    let v = rfc7519("rfc7519-A.2");
    let verifier = Verifier::<JoeClaims>::builder(jwk(&v["signing_key"]))
        .algorithms([SignatureAlgorithm::RS256])
        .nested(jwk(&v["encryption_key"]))
        .key_management([Kma::Rsa1_5])
        .clock(FixedClock::at(BEFORE_2011_EXP))
        .build()
        .unwrap();
    let jwt = verifier.verify(v["token"].as_str().unwrap()).unwrap();
    assert_eq!(jwt.claims().iss, "joe");
    assert_eq!(jwt.outer_header().unwrap()["cty"], "JWT");
    assert_eq!(jwt.header()["alg"], "RS256");
}

#[test]
fn jwcrypto_documentation_token_decrypts_and_its_inner_jwt_verifies() {
    let key = Jwk::from_json(r#"{"kty":"oct","k":"Wal4ZHCBsml0Al_Y8faoNTKsXCkw8eefKXYFuwTBOpA"}"#)
        .unwrap();
    let token = "eyJhbGciOiJBMjU2S1ciLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0.ST5RmjqDLj696xo7YFTFuKUhcd3naCrm6yMjBM3cqWiFD6U8j2JIsbclsF7ryNg8Ktmt1kQJRKavV6DaTl1T840tP3sIs1qz.wSxVhZH5GyzbJnPBAUMdzQ.6uiVYwrRBzAm7Uge9rEUjExPWGbgerF177A7tMuQurJAqBhgk3_5vee5DRH84kHSapFOxcEuDdMBEQLI7V2E0F57-d01TFStHzwtgtSmeZRQ6JSIL5XlgJouwHfSxn9Z_TGl5xxq4TksORHED1vnRA.5jPyPWanJVqlOohApEbHmxi3JHp1MXbmvQe2_dVd8FI";
    let decrypted = JweDecrypter::new([Kma::A256Kw], [Enc::A256CbcHs512])
        .decrypt(token, &key)
        .unwrap();
    let inner = std::str::from_utf8(decrypted.plaintext()).unwrap();
    let verifier =
        Verifier::<Dynamic>::builder(key.clone()).algorithms([SignatureAlgorithm::HS256]);
    // No exp: the default profile refuses it...
    let err = verifier.build().unwrap().verify(inner).unwrap_err();
    assert_eq!(
        (err.kind(), err.claim_name()),
        (ErrorKind::MissingClaim, Some("exp"))
    );
    // ...and the explicit opt-out accepts it.
    let verifier = Verifier::<Dynamic>::builder(key)
        .algorithms([SignatureAlgorithm::HS256])
        .no_exp()
        .build()
        .unwrap();
    assert_eq!(
        Value::Object(verifier.verify(inner).unwrap().into_claims()),
        json!({"info":"I'm a signed token"})
    );
}

const NOW: i64 = 1_700_000_000;

fn hs256() -> Jwk {
    let mut key = Jwk::generate_for("HS256").unwrap();
    key.set_kid("k1");
    key
}

fn sign(key: &Jwk, claims: Value) -> String {
    Jwt::new(object(claims)).sign(key).unwrap()
}

fn check(
    builder: jwt_core::VerifierBuilder<Dynamic>,
    token: &str,
) -> Result<Dynamic, (ErrorKind, Option<String>)> {
    builder
        .build()
        .unwrap()
        .verify(token)
        .map(Jwt::into_claims)
        .map_err(|e| (e.kind(), e.claim_name().map(str::to_owned)))
}

fn at(key: &Jwk, now: i64) -> jwt_core::VerifierBuilder<Dynamic> {
    Verifier::<Dynamic>::builder(key.clone()).clock(FixedClock::at(now))
}

fn kind(result: Result<Dynamic, (ErrorKind, Option<String>)>) -> ErrorKind {
    result.expect_err("token accepted").0
}

#[test]
fn exp_boundary_with_and_without_leeway() {
    let key = hs256();
    let token = sign(&key, json!({"exp": NOW}));
    for leeway in [0u64, 60] {
        let last_ok = NOW + leeway as i64 - 1;
        assert!(
            check(at(&key, last_ok).leeway(leeway), &token).is_ok(),
            "leeway {leeway}"
        );
        assert_eq!(
            kind(check(at(&key, last_ok + 1).leeway(leeway), &token)),
            ErrorKind::Expired
        );
    }
    // Default leeway is 60 s.
    assert!(check(at(&key, NOW + 59), &token).is_ok());
    assert_eq!(kind(check(at(&key, NOW + 60), &token)), ErrorKind::Expired);
    // Fractional exp.
    let fractional = sign(&key, json!({"exp": NOW as f64 + 0.5}));
    assert!(check(at(&key, NOW).leeway(0), &fractional).is_ok());
    assert_eq!(
        kind(check(at(&key, NOW + 1).leeway(0), &fractional)),
        ErrorKind::Expired
    );
    // Missing exp: required by default, optional when opted out.
    let no_exp = sign(&key, json!({"sub": "a"}));
    assert_eq!(
        check(at(&key, NOW), &no_exp).unwrap_err(),
        (ErrorKind::MissingClaim, Some("exp".into()))
    );
    assert!(check(at(&key, NOW).no_exp(), &no_exp).is_ok());
    // exp is checked even when opted out and other rules are configured (jwcrypto's footgun).
    assert_eq!(
        kind(check(
            at(&key, NOW + 100).no_exp().require("exp").leeway(0),
            &token
        )),
        ErrorKind::Expired
    );
}

#[test]
fn nbf_and_iat_boundaries() {
    let key = hs256();
    let nbf = sign(&key, json!({"exp": NOW + 1000, "nbf": NOW}));
    for leeway in [0u64, 60] {
        let first_ok = NOW - leeway as i64;
        assert!(check(at(&key, first_ok).leeway(leeway), &nbf).is_ok());
        assert_eq!(
            kind(check(at(&key, first_ok - 1).leeway(leeway), &nbf)),
            ErrorKind::NotYetValid
        );
    }
    let iat = sign(&key, json!({"exp": NOW + 1000, "iat": NOW}));
    for leeway in [0u64, 60] {
        let earliest = NOW - leeway as i64;
        assert!(check(at(&key, earliest).leeway(leeway), &iat).is_ok());
        assert_eq!(
            kind(check(at(&key, earliest - 1).leeway(leeway), &iat)),
            ErrorKind::IssuedInFuture
        );
    }
    // Max age: now > iat + max_age + leeway is too old.
    for leeway in [0u64, 60] {
        let latest = NOW + 300 + leeway as i64;
        assert!(check(at(&key, latest).leeway(leeway).max_age(300), &iat).is_ok());
        assert_eq!(
            kind(check(
                at(&key, latest + 1).leeway(leeway).max_age(300),
                &iat
            )),
            ErrorKind::TokenTooOld
        );
    }
    let no_iat = sign(&key, json!({"exp": NOW + 1000}));
    assert_eq!(
        check(at(&key, NOW).max_age(300), &no_iat).unwrap_err(),
        (ErrorKind::MissingClaim, Some("iat".into()))
    );
}

#[test]
fn every_registered_claim_in_every_wrong_json_type_is_invalid() {
    let key = hs256();
    let wrong_values = [
        json!("1"),
        json!(true),
        json!(null),
        json!([1]),
        json!({"a": 1}),
        json!(1),
        json!(["a", 2]),
    ];
    for claim in ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"] {
        for wrong in &wrong_values {
            let is_fitting = match claim {
                "exp" | "nbf" | "iat" => wrong.is_number(),
                "aud" => wrong.is_string(),
                _ => wrong.is_string(),
            };
            if is_fitting {
                continue;
            }
            let mut claims = json!({"exp": NOW + 100});
            claims[claim] = wrong.clone();
            let token = sign_raw(&key, &claims);
            for result in [
                check(at(&key, NOW).any_audience(), &token).map(|_| ()),
                Verifier::<RegisteredClaims>::builder(key.clone())
                    .clock(FixedClock::at(NOW))
                    .any_audience()
                    .build()
                    .unwrap()
                    .verify(&token)
                    .map(|_| ())
                    .map_err(|e| (e.kind(), e.claim_name().map(str::to_owned))),
            ] {
                assert_eq!(
                    result.unwrap_err(),
                    (ErrorKind::InvalidClaim, Some(claim.to_owned())),
                    "{claim} = {wrong}"
                );
            }
        }
    }
}

/// Signs claims that a `Map` could not produce through `Jwt` defaults (any JSON).
fn sign_raw(key: &Jwk, claims: &Value) -> String {
    jwt_core::jws::JwsBuilder::new(serde_json::to_vec(claims).unwrap())
        .sign(key, SignatureAlgorithm::HS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap()
}

#[test]
fn claims_must_be_a_json_object() {
    let key = hs256();
    for payload in [json!([1]), json!("s"), json!(1), json!(null)] {
        let token = sign_raw(&key, &payload);
        assert_eq!(
            kind(check(at(&key, NOW), &token)),
            ErrorKind::Malformed,
            "{payload}"
        );
    }
    let dup = jwt_core::jws::JwsBuilder::new(br#"{"exp":1,"exp":2000000000}"#.as_slice())
        .sign(&key, SignatureAlgorithm::HS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    assert_eq!(kind(check(at(&key, NOW), &dup)), ErrorKind::DuplicateMember);
}

#[test]
fn audience_matrix() {
    let key = hs256();
    let exp = NOW + 100;
    let one = sign(&key, json!({"exp": exp, "aud": "api"}));
    let many = sign(&key, json!({"exp": exp, "aud": ["web", "api"]}));
    let empty = sign(&key, json!({"exp": exp, "aud": []}));
    let absent = sign(&key, json!({"exp": exp}));
    let expecting = |aud: &str| at(&key, NOW).audience(aud);
    assert!(check(expecting("api"), &one).is_ok());
    assert!(check(expecting("api"), &many).is_ok());
    assert!(check(at(&key, NOW).audience("x").audience("web"), &many).is_ok());
    assert_eq!(
        kind(check(expecting("API"), &one)),
        ErrorKind::ClaimMismatch
    );
    assert_eq!(
        kind(check(expecting("api"), &empty)),
        ErrorKind::ClaimMismatch
    );
    assert_eq!(
        check(expecting("api"), &absent).unwrap_err(),
        (ErrorKind::MissingClaim, Some("aud".into()))
    );
    // None expected: a token carrying aud is rejected unless any audience is accepted.
    for token in [&one, &many, &empty] {
        assert_eq!(kind(check(at(&key, NOW), token)), ErrorKind::ClaimMismatch);
        assert!(check(at(&key, NOW).any_audience(), token).is_ok());
    }
    assert!(check(at(&key, NOW), &absent).is_ok());
}

#[test]
fn issuer_subject_typ_and_required_claims() {
    let key = hs256();
    let token = Jwt::new(object(
        json!({"exp": NOW + 100, "iss": "b", "sub": "alice", "role": "admin"}),
    ))
    .with_typ("at+jwt")
    .sign(&key)
    .unwrap();
    assert!(check(at(&key, NOW).issuer("a").issuer("b"), &token).is_ok());
    assert_eq!(
        kind(check(at(&key, NOW).issuer("a"), &token)),
        ErrorKind::ClaimMismatch
    );
    assert_eq!(
        kind(check(at(&key, NOW).issuer("B"), &token)),
        ErrorKind::ClaimMismatch
    );
    assert!(check(at(&key, NOW).subject("alice"), &token).is_ok());
    assert_eq!(
        kind(check(at(&key, NOW).subject("bob"), &token)),
        ErrorKind::ClaimMismatch
    );
    assert!(check(at(&key, NOW).typ("application/AT+JWT"), &token).is_ok());
    assert_eq!(
        kind(check(at(&key, NOW).typ("JWT"), &token)),
        ErrorKind::TypMismatch
    );
    let untyped = sign(&key, json!({"exp": NOW + 100}));
    assert_eq!(
        kind(check(at(&key, NOW).typ("JWT"), &untyped)),
        ErrorKind::TypMismatch
    );
    assert!(check(
        at(&key, NOW).require("role").require_value("role", "admin"),
        &token
    )
    .is_ok());
    assert_eq!(
        check(at(&key, NOW).require("scope"), &token).unwrap_err(),
        (ErrorKind::MissingClaim, Some("scope".into()))
    );
    assert_eq!(
        check(at(&key, NOW).require_value("role", "user"), &token).unwrap_err(),
        (ErrorKind::ClaimMismatch, Some("role".into()))
    );
    let no_iss = sign(&key, json!({"exp": NOW + 100}));
    assert_eq!(
        check(at(&key, NOW).issuer("a"), &no_iss).unwrap_err(),
        (ErrorKind::MissingClaim, Some("iss".into()))
    );
    let rejected = check(
        at(&key, NOW).rule(|c: &Dynamic| {
            if c.get("role") == Some(&json!("admin")) {
                Err(jwt_core::Error::claim(
                    ErrorKind::ClaimMismatch,
                    "role",
                    "admins may not use this API",
                ))
            } else {
                Ok(())
            }
        }),
        &token,
    );
    assert_eq!(
        rejected.unwrap_err(),
        (ErrorKind::ClaimMismatch, Some("role".into()))
    );
}

#[test]
fn default_claims_and_issue_time() {
    let key = hs256();
    let token = Jwt::new(object(json!({"sub": "a"})))
        .issued_at(NumericDate::from_seconds(NOW))
        .with_default_claims(600)
        .sign(&key)
        .unwrap();
    let claims = check(at(&key, NOW), &token).unwrap();
    assert_eq!(claims["iat"], NOW);
    assert_eq!(claims["nbf"], NOW);
    assert_eq!(claims["exp"], NOW + 600);
    assert_eq!(
        jwt_core::base64url::decode(claims["jti"].as_str().unwrap())
            .unwrap()
            .len(),
        16
    );
    assert_eq!(claims["sub"], "a");
    // Set claims are kept.
    let kept = Jwt::new(object(json!({"exp": 5})))
        .issued_at(NumericDate::from_seconds(NOW))
        .with_default_claims(600)
        .sign(&key)
        .unwrap();
    assert_eq!(jwt_core::dangerous::peek_claims(&kept).unwrap().0["exp"], 5);
    // The kid of the key goes into the header.
    assert_eq!(
        jwt_core::dangerous::peek_header(&kept).unwrap().0["kid"],
        "k1"
    );
    // A key without alg cannot pick the algorithm.
    let bare = Jwk::generate_oct(256).unwrap();
    assert_eq!(
        Jwt::new(object(json!({}))).sign(&bare).unwrap_err().kind(),
        ErrorKind::AlgNotAllowed
    );
    assert_eq!(
        Jwt::new(object(json!({})))
            .with_header("alg", "none")
            .sign(&key)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidHeader
    );
}

#[test]
fn verifier_never_allows_anything() {
    let bare = Jwk::generate_oct(256).unwrap();
    assert_eq!(
        Verifier::<Dynamic>::builder(bare.clone())
            .build()
            .unwrap_err()
            .kind(),
        ErrorKind::AlgNotAllowed
    );
    assert_eq!(
        Verifier::<Dynamic>::builder(bare.clone())
            .encrypted()
            .build()
            .unwrap_err()
            .kind(),
        ErrorKind::AlgNotAllowed
    );
    let mut rsa1_5 = Jwk::generate_rsa(2048).unwrap();
    rsa1_5.set_alg("RSA1_5").unwrap();
    // A key pinned to RSA1_5 does not by itself allow RSA1_5: it must be named.
    assert_eq!(
        Verifier::<Dynamic>::builder(rsa1_5)
            .encrypted()
            .build()
            .unwrap_err()
            .kind(),
        ErrorKind::AlgNotAllowed
    );
}

struct Shapes {
    sign_key: Jwk,
    enc_key: Jwk,
    signed: String,
    encrypted: String,
    nested: String,
}

fn shapes() -> Shapes {
    let sign_key = hs256();
    let mut enc_key = Jwk::generate_for("A256KW").unwrap();
    enc_key.set_kid("e1");
    let claims = || object(json!({"exp": NOW + 100}));
    Shapes {
        signed: Jwt::new(claims()).sign(&sign_key).unwrap(),
        encrypted: Jwt::new(claims())
            .encrypt(&enc_key, Kma::A256Kw, Enc::A256Gcm)
            .unwrap(),
        nested: Jwt::new(claims())
            .signed(&sign_key)
            .unwrap()
            .encrypt(&enc_key, Kma::A256Kw, Enc::A128CbcHs256)
            .unwrap(),
        sign_key,
        enc_key,
    }
}

#[test]
fn each_shape_verifies_only_as_itself() {
    let s = shapes();
    let signed = || at(&s.sign_key, NOW);
    let encrypted = || at(&s.enc_key, NOW).encrypted();
    let nested = || at(&s.sign_key, NOW).nested(s.enc_key.clone());
    assert!(check(signed(), &s.signed).is_ok());
    assert!(check(encrypted(), &s.encrypted).is_ok());
    let jwt = nested().build().unwrap().verify(&s.nested).unwrap();
    assert_eq!(jwt.outer_header().unwrap()["cty"], "JWT");
    for (verifier, token) in [
        (signed(), &s.encrypted),
        (signed(), &s.nested),
        (encrypted(), &s.signed),
        (encrypted(), &s.nested),
        (nested(), &s.signed),
        (nested(), &s.encrypted),
    ] {
        assert_eq!(
            kind(check(verifier, token)),
            ErrorKind::TokenTypeMismatch,
            "{token}"
        );
    }
}

#[test]
fn nested_tokens_with_a_bad_inner_token_are_rejected() {
    let s = shapes();
    let nested = || at(&s.sign_key, NOW).nested(s.enc_key.clone());
    let wrap = |inner: &str| {
        jwt_core::jwe::JweBuilder::new(inner.as_bytes(), Enc::A256Gcm)
            .cty("JWT")
            .recipient(jwt_core::jwe::Recipient::new(&s.enc_key, Kma::A256Kw))
            .compact()
            .unwrap()
    };
    // A tampered inner signature.
    let mut tampered = s.signed.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    assert!(matches!(
        kind(check(nested(), &wrap(&tampered))),
        ErrorKind::BadSignature | ErrorKind::Malformed
    ));
    // An inner alg none.
    let none = jwt_core::dangerous::unsecured::encode(br#"{"exp":2000000000}"#, Default::default())
        .unwrap();
    assert_eq!(
        kind(check(nested(), &wrap(&none))),
        ErrorKind::AlgNotAllowed
    );
    // An inner token signed by another key (same kid).
    let mut other = Jwk::generate_for("HS256").unwrap();
    other.set_kid("k1");
    let foreign = Jwt::new(object(json!({"exp": NOW + 100})))
        .sign(&other)
        .unwrap();
    assert_eq!(
        kind(check(nested(), &wrap(&foreign))),
        ErrorKind::BadSignature
    );
    // A JWE inside the JWE.
    assert_eq!(
        kind(check(nested(), &wrap(&s.encrypted))),
        ErrorKind::TokenTypeMismatch
    );
    // Claims (not a JWS) inside a cty: JWT envelope.
    assert!(check(nested(), &wrap(r#"{"exp":2000000000}"#)).is_err());
}

/// A claim type that declares only `sub` and `exp`.
#[derive(Debug, Serialize, Deserialize)]
struct Narrow {
    sub: String,
    exp: NumericDate,
}

impl Claims for Narrow {
    fn registered(&self) -> jwt_core::Result<jwt_core::claims::Registered<'_>> {
        let mut registered = jwt_core::claims::Registered::default();
        registered.sub = Some(&self.sub);
        registered.exp = Some(self.exp);
        Ok(registered)
    }
    fn apply_defaults(&mut self, _: &jwt_core::claims::IssueDefaults) -> jwt_core::Result<()> {
        Ok(())
    }
}

#[test]
fn claims_the_type_does_not_declare_are_still_checked() {
    let key = hs256();
    let narrow = || Verifier::<Narrow>::builder(key.clone()).clock(FixedClock::at(NOW));
    let base = json!({"sub": "a", "exp": NOW + 100});
    let with = |name: &str, value: Value| {
        let mut claims = base.clone();
        claims[name] = value;
        sign_raw(&key, &claims)
    };
    assert!(narrow()
        .build()
        .unwrap()
        .verify(&sign_raw(&key, &base))
        .is_ok());
    let cases = [
        (with("nbf", json!(NOW + 3000)), ErrorKind::NotYetValid),
        (with("iat", json!(NOW + 3000)), ErrorKind::IssuedInFuture),
        (
            with("aud", json!("other-service")),
            ErrorKind::ClaimMismatch,
        ),
        (
            with("aud", json!(["other-service"])),
            ErrorKind::ClaimMismatch,
        ),
        (with("nbf", json!("soon")), ErrorKind::InvalidClaim),
    ];
    for (token, expected) in &cases {
        let err = narrow().build().unwrap().verify(token).unwrap_err();
        assert_eq!(err.kind(), *expected, "{}", err);
    }
    // An expected issuer or audience the type has no field for is read from the token.
    let iss = with("iss", json!("me"));
    assert!(narrow().issuer("me").build().unwrap().verify(&iss).is_ok());
    assert_eq!(
        narrow()
            .issuer("you")
            .build()
            .unwrap()
            .verify(&iss)
            .unwrap_err()
            .kind(),
        ErrorKind::ClaimMismatch
    );
    let aud = with("aud", json!(["x", "api"]));
    assert!(narrow()
        .audience("api")
        .build()
        .unwrap()
        .verify(&aud)
        .is_ok());
    let old = with("iat", json!(NOW - 10_000));
    assert_eq!(
        narrow()
            .max_age(60)
            .build()
            .unwrap()
            .verify(&old)
            .unwrap_err()
            .kind(),
        ErrorKind::TokenTooOld
    );
}

#[test]
fn an_unencoded_jws_is_not_a_jwt() {
    let key = hs256();
    let token = jwt_core::jws::JwsBuilder::new(format!(r#"{{"exp":{}}}"#, NOW + 100).into_bytes())
        .unencoded()
        .sign(&key, SignatureAlgorithm::HS256, Default::default(), None)
        .unwrap()
        .compact()
        .unwrap();
    // The JWS layer verifies it...
    assert!(jwt_core::jws::JwsVerifier::new([SignatureAlgorithm::HS256])
        .verify(&token, &key)
        .is_ok());
    // ...the JWT layer refuses it.
    assert_eq!(kind(check(at(&key, NOW), &token)), ErrorKind::InvalidHeader);
}

/// Header text signed as is, so the JWT layer's own header handling is what is tested.
fn sign_with_header(key: &Jwk, header: &str, claims: &Value) -> String {
    use jwt_core::base64url::encode;
    let input = format!(
        "{}.{}",
        encode(header),
        encode(serde_json::to_vec(claims).unwrap())
    );
    let secret = jwt_core::base64url::decode(key.to_value()["k"].as_str().unwrap()).unwrap();
    let mac = aws_lc_rs::hmac::sign(
        &aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &secret),
        input.as_bytes(),
    );
    format!("{input}.{}", encode(mac.as_ref()))
}

#[test]
fn every_header_rule_holds_through_the_verifier() {
    let key = hs256();
    let claims = json!({"exp": NOW + 100});
    let verify = |header: &str| {
        check(
            at(&key, NOW).typ("JWT"),
            &sign_with_header(&key, header, &claims),
        )
    };
    // Plain headers, and ones the fast path leaves to the full rules, both verify.
    assert!(verify(r#"{"alg":"HS256","typ":"JWT"}"#).is_ok());
    assert!(verify(r#"{"alg":"\u0048S256","typ":"J\u0057T","kid":"k1"}"#).is_ok());
    assert!(verify(r#"{"alg":"HS256","typ":"JWT","x":{"y":[1,{"z":null}]}}"#).is_ok());
    for (header, expected) in [
        (
            r#"{"alg":"HS256","typ":"JWT","alg":"HS256"}"#,
            ErrorKind::DuplicateMember,
        ),
        (
            r#"{"alg":"HS256","typ":"JWT","x":{"a":1,"a":2}}"#,
            ErrorKind::DuplicateMember,
        ),
        (
            r#"{"alg":"HS256","typ":"JWT","\u0074yp":"JWT"}"#,
            ErrorKind::DuplicateMember,
        ),
        (
            r#"{"alg":"HS256","typ":"JWT","crit":["exp"],"exp":1}"#,
            ErrorKind::UnknownCrit,
        ),
        (
            r#"{"alg":"HS256","typ":"JWT","b64":true}"#,
            ErrorKind::UnknownCrit,
        ),
        (
            r#"{"alg":"HS256","typ":"JWT","b64":false,"crit":["b64"]}"#,
            ErrorKind::InvalidHeader,
        ),
        (r#"{"alg":"none","typ":"JWT"}"#, ErrorKind::AlgNotAllowed),
        // A typ that is no string is an invalid header (RFC 7515 §4.1.9), not a mismatch.
        (r#"{"alg":"HS256","typ":7}"#, ErrorKind::InvalidHeader),
        (r#"{"alg":"HS256"}"#, ErrorKind::TypMismatch),
        (r#"{"alg":["HS256"],"typ":"JWT"}"#, ErrorKind::InvalidHeader),
        (r#"{"typ":"JWT"}"#, ErrorKind::InvalidHeader),
        (r#"{"alg":"HS256","typ":"JWT""#, ErrorKind::InvalidHeader),
    ] {
        assert_eq!(kind(verify(header)), expected, "{header}");
    }
    // The header the application reads back is the one that was signed.
    let token = sign_with_header(
        &key,
        r#"{"alg":"HS256","typ":"JWT","kid":"k1","x":[1]}"#,
        &claims,
    );
    let jwt = Verifier::<Dynamic>::builder(key.clone())
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap()
        .verify(&token)
        .unwrap();
    assert_eq!(
        Value::Object(jwt.header().clone()),
        json!({"alg":"HS256","typ":"JWT","kid":"k1","x":[1]})
    );
}
