//! OpenID Connect ID tokens (Core 1.0 §3.1.3.7, §3.2.2.11, §3.3.2.12): the examples of
//! Appendix A verified as printed, then every rule one value either side.

use jwt_core::oidc::{token_hash, IdTokenClaims, IdTokenContext, IdTokenVerifier};
use jwt_core::{
    base64url, Curve, ErrorKind, FixedClock, Jwk, Jwt, NumericDate, SignatureAlgorithm,
};
use jwt_tests::vectors;
use serde_json::{json, Map, Value};

fn appendix_a() -> Value {
    vectors::load("openid/oidc_core_appendix_a.json")
}

fn example(id: &str) -> Value {
    appendix_a()["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap()
        .clone()
}

fn spec_verifier() -> IdTokenVerifier {
    let a = appendix_a();
    IdTokenVerifier::builder(
        Jwk::from_value(&a["key"]).unwrap(),
        a["issuer"].as_str().unwrap(),
        a["client_id"].as_str().unwrap(),
    )
    .clock(FixedClock::at(a["iat"].as_i64().unwrap() + 10))
    .build()
    .unwrap()
}

fn text<'a>(value: &'a Value, name: &str) -> &'a str {
    value[name].as_str().unwrap()
}

#[test]
fn the_appendix_a_tokens_verify_as_printed() {
    let verifier = spec_verifier();
    let nonce = text(&appendix_a(), "nonce").to_owned();
    let a2 = example("oidc-core-a.2");
    let jwt = verifier
        .verify(text(&a2, "id_token"), IdTokenContext::new().nonce(&nonce))
        .unwrap();
    assert_eq!(jwt.claims().sub, "248289761001");
    assert_eq!(jwt.claims().extra["email"], "janedoe@example.com");

    let a3 = example("oidc-core-a.3");
    let context = IdTokenContext::new()
        .nonce(&nonce)
        .access_token(text(&a3, "access_token"));
    let jwt = verifier.verify(text(&a3, "id_token"), context).unwrap();
    assert_eq!(jwt.claims().at_hash.as_deref(), Some(text(&a3, "at_hash")));

    let a4 = example("oidc-core-a.4");
    let context = IdTokenContext::new().nonce(&nonce).code(text(&a4, "code"));
    let jwt = verifier.verify(text(&a4, "id_token"), context).unwrap();
    assert_eq!(jwt.claims().c_hash.as_deref(), Some(text(&a4, "c_hash")));

    // The printed hashes are the ones the rule computes.
    for (example, value, hash) in [(&a3, "access_token", "at_hash"), (&a4, "code", "c_hash")] {
        let computed = token_hash(text(example, value), SignatureAlgorithm::RS256, None).unwrap();
        assert_eq!(computed, text(example, hash));
    }
}

#[test]
fn the_appendix_a_tokens_are_refused_for_anything_else() {
    let verifier = spec_verifier();
    let (a2, a3, a4) = (
        example("oidc-core-a.2"),
        example("oidc-core-a.3"),
        example("oidc-core-a.4"),
    );
    let refuse =
        |token: &str, context: IdTokenContext<'_>, kind: ErrorKind, claim: Option<&str>| {
            let e = verifier.verify(token, context).unwrap_err();
            assert_eq!((e.kind(), e.claim_name()), (kind, claim), "{e}");
        };
    // A nonce other than the one sent, by one character.
    refuse(
        text(&a2, "id_token"),
        IdTokenContext::new().nonce("n-0S6_WzA2Mk"),
        ErrorKind::ClaimMismatch,
        Some("nonce"),
    );
    // An access token other than the one received, by one character.
    let other_token = text(&a3, "access_token").replace("jHk", "jHj");
    refuse(
        text(&a3, "id_token"),
        IdTokenContext::new().access_token(&other_token),
        ErrorKind::ClaimMismatch,
        Some("at_hash"),
    );
    refuse(
        text(&a4, "id_token"),
        IdTokenContext::new().code("Qcb0Orv1"),
        ErrorKind::ClaimMismatch,
        Some("c_hash"),
    );
    // A.2 carries no at_hash or c_hash: a flow that received a token or a code needs them.
    refuse(
        text(&a2, "id_token"),
        IdTokenContext::new().access_token("t"),
        ErrorKind::MissingClaim,
        Some("at_hash"),
    );
    refuse(
        text(&a3, "id_token"),
        IdTokenContext::new().code("c"),
        ErrorKind::MissingClaim,
        Some("c_hash"),
    );
    // One byte of the signature changed.
    let token = text(&a2, "id_token");
    let (head, signature) = token.rsplit_once('.').unwrap();
    let flipped = if signature.starts_with('r') { "s" } else { "r" };
    let tampered = format!("{head}.{flipped}{}", &signature[1..]);
    refuse(
        &tampered,
        IdTokenContext::new(),
        ErrorKind::BadSignature,
        None,
    );
    // Another client, another issuer, after exp.
    let a = appendix_a();
    let key = Jwk::from_value(&a["key"]).unwrap();
    let at = |now: i64, issuer: &str, client: &str| {
        IdTokenVerifier::<IdTokenClaims>::builder(key.clone(), issuer, client)
            .clock(FixedClock::at(now))
            .leeway(0)
            .build()
            .unwrap()
            .verify(token, IdTokenContext::new())
    };
    let e = at(1311280980, "http://server.example.com", "s6BhdRkqt4").unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::ClaimMismatch, Some("aud"))
    );
    let e = at(1311280980, "https://server.example.com", "s6BhdRkqt3").unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::ClaimMismatch, Some("iss"))
    );
    at(1311281969, "http://server.example.com", "s6BhdRkqt3").unwrap();
    let e = at(1311281970, "http://server.example.com", "s6BhdRkqt3").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Expired);
}

const ISSUER: &str = "https://op.example.com";
const CLIENT: &str = "client-1";
const NOW: i64 = 1_700_000_000;

fn es256() -> Jwk {
    Jwk::from_value(&json!({
        "kty": "EC", "crv": "P-256", "alg": "ES256",
        "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
        "d": "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"
    }))
    .unwrap()
}

fn claims(extra: Value) -> Map<String, Value> {
    let mut claims = json!({
        "iss": ISSUER, "sub": "alice", "aud": CLIENT, "exp": NOW + 600, "iat": NOW - 5
    })
    .as_object()
    .unwrap()
    .clone();
    for (name, value) in extra.as_object().unwrap() {
        if value.is_null() {
            claims.remove(name);
        } else {
            claims.insert(name.clone(), value.clone());
        }
    }
    claims
}

fn verifier(key: &Jwk) -> IdTokenVerifier {
    IdTokenVerifier::builder(key.public().unwrap(), ISSUER, CLIENT)
        .trusted_audience("https://api.example.com")
        .leeway(0)
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap()
}

fn check(extra: Value, context: IdTokenContext<'_>) -> jwt_core::Result<()> {
    let key = es256();
    let token = Jwt::new(claims(extra)).sign(&key).unwrap();
    verifier(&key).verify(&token, context).map(|_| ())
}

fn refused(extra: Value, context: IdTokenContext<'_>, kind: ErrorKind, claim: &str) {
    let e = check(extra.clone(), context).unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (kind, Some(claim)),
        "{extra}: {e}"
    );
}

#[test]
fn required_claims() {
    check(json!({}), IdTokenContext::new()).unwrap();
    for name in ["iss", "sub", "aud", "exp", "iat"] {
        refused(
            json!({ name: null }),
            IdTokenContext::new(),
            ErrorKind::MissingClaim,
            name,
        );
    }
    // Extra claims are kept, not refused.
    check(
        json!({"email": "a@example.com", "jti": "x"}),
        IdTokenContext::new(),
    )
    .unwrap();
    refused(
        json!({"iat": NOW + 1}),
        IdTokenContext::new(),
        ErrorKind::IssuedInFuture,
        "iat",
    );
}

#[test]
fn audiences_and_the_authorized_party() {
    let api = "https://api.example.com";
    let none = IdTokenContext::new;
    check(json!({"aud": [CLIENT]}), none()).unwrap();
    check(json!({"aud": [CLIENT, api], "azp": CLIENT}), none()).unwrap();
    refused(
        json!({"aud": [CLIENT, api]}),
        none(),
        ErrorKind::MissingClaim,
        "azp",
    );
    refused(
        json!({"aud": [CLIENT, api], "azp": api}),
        none(),
        ErrorKind::ClaimMismatch,
        "azp",
    );
    refused(
        json!({"azp": "client-2"}),
        none(),
        ErrorKind::ClaimMismatch,
        "azp",
    );
    check(json!({"azp": CLIENT}), none()).unwrap();
    refused(
        json!({"aud": [CLIENT, "https://evil.example.com"], "azp": CLIENT}),
        none(),
        ErrorKind::ClaimMismatch,
        "aud",
    );
    refused(
        json!({"aud": [api]}),
        none(),
        ErrorKind::ClaimMismatch,
        "aud",
    );
    refused(json!({"azp": 5}), none(), ErrorKind::InvalidClaim, "azp");

    // After allow_missing_azp (errata set 2), several audiences need no azp; one that
    // is there is still checked.
    let key = es256();
    let lenient = IdTokenVerifier::<IdTokenClaims>::builder(key.public().unwrap(), ISSUER, CLIENT)
        .trusted_audience(api)
        .allow_missing_azp()
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    let sign = |extra: Value| Jwt::new(claims(extra)).sign(&key).unwrap();
    lenient
        .verify(&sign(json!({"aud": [CLIENT, api]})), none())
        .unwrap();
    let e = lenient
        .verify(&sign(json!({"aud": [CLIENT, api], "azp": api})), none())
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::ClaimMismatch, Some("azp"))
    );
}

#[test]
fn nonce_auth_time_and_acr() {
    let nonce = || IdTokenContext::new().nonce("n-1");
    check(json!({"nonce": "n-1"}), nonce()).unwrap();
    refused(
        json!({"nonce": "n-2"}),
        nonce(),
        ErrorKind::ClaimMismatch,
        "nonce",
    );
    refused(
        json!({"nonce": "N-1"}),
        nonce(),
        ErrorKind::ClaimMismatch,
        "nonce",
    );
    refused(json!({}), nonce(), ErrorKind::MissingClaim, "nonce");
    // Not sent: a nonce in the token is not checked.
    check(json!({"nonce": "n-2"}), IdTokenContext::new()).unwrap();

    let max_age = || IdTokenContext::new().max_age(300);
    check(json!({"auth_time": NOW - 300}), max_age()).unwrap();
    refused(
        json!({"auth_time": NOW - 301}),
        max_age(),
        ErrorKind::TokenTooOld,
        "auth_time",
    );
    refused(json!({}), max_age(), ErrorKind::MissingClaim, "auth_time");
    refused(
        json!({"auth_time": "yesterday"}),
        max_age(),
        ErrorKind::InvalidClaim,
        "auth_time",
    );

    let acr = || IdTokenContext::new().acr_values(&["urn:acr:silver", "urn:acr:gold"]);
    check(json!({"acr": "urn:acr:gold"}), acr()).unwrap();
    refused(
        json!({"acr": "urn:acr:bronze"}),
        acr(),
        ErrorKind::ClaimMismatch,
        "acr",
    );
    refused(json!({}), acr(), ErrorKind::MissingClaim, "acr");
}

/// `value`'s token hash with one bit of its bytes flipped.
fn one_bit_off(hash: &str) -> String {
    let mut bytes = base64url::decode(hash).unwrap();
    bytes[0] ^= 1;
    base64url::encode(bytes)
}

#[test]
fn at_hash_and_c_hash_one_bit_either_side() {
    let access_token = "an-access-token";
    let at_hash = token_hash(access_token, SignatureAlgorithm::ES256, None).unwrap();
    let with_token = || IdTokenContext::new().access_token(access_token);
    check(json!({"at_hash": at_hash}), with_token()).unwrap();
    refused(
        json!({"at_hash": one_bit_off(&at_hash)}),
        with_token(),
        ErrorKind::ClaimMismatch,
        "at_hash",
    );
    refused(
        json!({"at_hash": 7}),
        with_token(),
        ErrorKind::InvalidClaim,
        "at_hash",
    );
    // The whole SHA-256 is not its left half.
    let full = base64url::encode(aws_lc_rs::digest::digest(
        &aws_lc_rs::digest::SHA256,
        access_token.as_bytes(),
    ));
    refused(
        json!({"at_hash": full}),
        with_token(),
        ErrorKind::ClaimMismatch,
        "at_hash",
    );

    let code = "a-code";
    let c_hash = token_hash(code, SignatureAlgorithm::ES256, None).unwrap();
    let with_code = || IdTokenContext::new().code(code);
    check(json!({"c_hash": c_hash}), with_code()).unwrap();
    refused(
        json!({"c_hash": one_bit_off(&c_hash)}),
        with_code(),
        ErrorKind::ClaimMismatch,
        "c_hash",
    );
    refused(
        json!({"c_hash": at_hash}),
        with_code(),
        ErrorKind::ClaimMismatch,
        "c_hash",
    );
}

#[test]
fn the_hash_has_the_size_of_the_signing_algorithm() {
    let access_token = "an-access-token";
    for (alg, half) in [("ES384", 24), ("HS512", 32), ("PS512", 32), ("EdDSA", 32)] {
        let key = Jwk::generate_for(alg).unwrap();
        let alg = SignatureAlgorithm::from_name(alg).unwrap();
        let curve = key.curve();
        assert!(alg != SignatureAlgorithm::EdDSA || curve == Some(Curve::Ed25519));
        let at_hash = token_hash(access_token, alg, curve).unwrap();
        assert_eq!(base64url::decode(&at_hash).unwrap().len(), half, "{alg}");
        let verifying = if alg.is_symmetric() {
            key.clone()
        } else {
            key.public().unwrap()
        };
        let verifier = IdTokenVerifier::<IdTokenClaims>::builder(verifying, ISSUER, CLIENT)
            .clock(FixedClock::at(NOW))
            .build()
            .unwrap();
        let context = IdTokenContext::new().access_token(access_token);
        let good = Jwt::new(claims(json!({"at_hash": at_hash})))
            .sign(&key)
            .unwrap();
        verifier.verify(&good, context).unwrap();
        // The SHA-256 half, which every other algorithm would use, is refused.
        let sha256 = token_hash(access_token, SignatureAlgorithm::ES256, None).unwrap();
        let wrong = Jwt::new(claims(json!({"at_hash": sha256})))
            .sign(&key)
            .unwrap();
        let e = verifier.verify(&wrong, context).unwrap_err();
        assert_eq!(e.claim_name(), Some("at_hash"), "{alg}: {e}");
    }
}

#[test]
fn eddsa_with_ed25519_hashes_with_sha_512() {
    // The known answers of the `oidc-token-hash` package, which follows the working
    // group's answer in openid/connect issue #1125 (SHA-512 for Ed25519).
    let access_token = "YmJiZTAwYmYtMzgyOC00NzhkLTkyOTItNjJjNDM3MGYzOWIy9sFhvH8K_x8UIHj1osisS57f5DduL-ar_qw5jl3lthwpMjm283aVMQXDmoqqqydDSqJfbhptzw8rUVwkuQbolw";
    assert_eq!(
        token_hash(access_token, SignatureAlgorithm::RS256, None).unwrap(),
        "x7vk7f6BvQj0jQHYFIk4ag"
    );
    for (alg, curve) in [
        (SignatureAlgorithm::EdDSA, Some(Curve::Ed25519)),
        (SignatureAlgorithm::Ed25519, None),
    ] {
        assert_eq!(
            token_hash(access_token, alg, curve).unwrap(),
            "EGEAhGYyfuwDaVTifvrWSoD5MSy_5hZPy6I7Vm-7pTQ"
        );
    }
    for (alg, curve) in [
        (SignatureAlgorithm::EdDSA, Some(Curve::Ed448)),
        (SignatureAlgorithm::EdDSA, None),
        (SignatureAlgorithm::Ed448, None),
    ] {
        let e = token_hash(access_token, alg, curve).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedAlg);
        assert!(e.message().contains("#1125"), "{e}");
    }
}

#[test]
fn ml_dsa_has_no_token_hash() {
    for alg in [
        SignatureAlgorithm::MlDsa44,
        SignatureAlgorithm::MlDsa65,
        SignatureAlgorithm::MlDsa87,
    ] {
        let e = token_hash("an access token", alg, None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedAlg);
        assert!(e.message().contains(alg.name()), "{e}");
        assert!(e.message().contains("ML-DSA"), "{e}");
    }
}

#[test]
fn an_application_claim_type_is_checked_by_the_same_rules() {
    #[derive(Debug, serde::Serialize, serde::Deserialize, jwt_core::Claims)]
    #[claims(profile = "id_token")]
    struct Login {
        iss: String,
        sub: String,
        aud: jwt_core::Audience,
        exp: NumericDate,
        iat: NumericDate,
        nonce: String,
    }
    let key = es256();
    let verifier = IdTokenVerifier::<Login>::builder(key.public().unwrap(), ISSUER, CLIENT)
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    let token = Jwt::new(claims(json!({"nonce": "n-1"})))
        .sign(&key)
        .unwrap();
    assert_eq!(
        verifier
            .verify(&token, IdTokenContext::new().nonce("n-1"))
            .unwrap()
            .claims()
            .nonce,
        "n-1"
    );
    let e = verifier
        .verify(&token, IdTokenContext::new().nonce("n-2"))
        .unwrap_err();
    assert_eq!(e.claim_name(), Some("nonce"));
}
