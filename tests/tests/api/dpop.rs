//! DPoP proofs (RFC 9449): the RFC's own proofs verified as printed, and every check of
//! §4.3 one value either side, through the public `jwt_core::dpop` entry point.

use jwt_core::dpop::{
    access_token_hash, confirmation_thumbprint, DpopRequest, DpopVerifier, InMemoryReplayCache,
    ReplayCache,
};
use jwt_core::{
    AccessTokenClaims, ErrorKind, FixedClock, Jwk, Jwt, NumericDate, SignatureAlgorithm,
    ThumbprintHash,
};
use jwt_tests::vectors;
use serde_json::{json, Map, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn rfc9449() -> Value {
    vectors::load("rfc/rfc9449_examples.json")
}

fn example(id: &str) -> Value {
    rfc9449()["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap()
        .clone()
}

fn s<'a>(value: &'a Value, name: &str) -> &'a str {
    value[name].as_str().unwrap()
}

fn verifier_at(now: i64) -> DpopVerifier {
    DpopVerifier::builder()
        .clock(FixedClock::at(now))
        .build()
        .unwrap()
}

fn assert_refused(
    result: jwt_core::Result<impl std::fmt::Debug>,
    kind: ErrorKind,
    claim: Option<&str>,
) {
    let e = result.unwrap_err();
    assert_eq!((e.kind(), e.claim_name()), (kind, claim), "{e}");
}

#[test]
fn the_rfc_proofs_verify_as_printed() {
    let jkt = s(&rfc9449(), "jkt").to_owned();
    let token_request = example("rfc9449-4.1");
    let iat = token_request["iat"].as_i64().unwrap();
    let proof = verifier_at(iat)
        .verify(
            s(&token_request, "proof"),
            DpopRequest::new(s(&token_request, "method"), s(&token_request, "uri")),
        )
        .unwrap();
    assert_eq!(proof.jkt(), jkt);
    assert_eq!(proof.jwk().thumbprint(ThumbprintHash::Sha256), jkt);
    assert_eq!(
        (proof.jti(), proof.htm(), proof.alg()),
        ("-BwC3ESc6acc2lTc", "POST", SignatureAlgorithm::ES256)
    );
    assert!(!proof.jwk().is_private());

    let resource = example("rfc9449-7.1");
    let access_token = s(&resource, "access_token");
    assert_eq!(access_token_hash(access_token), s(&resource, "ath"));
    let request = DpopRequest::new(s(&resource, "method"), s(&resource, "uri"))
        .access_token(access_token)
        .bound_to(&jkt);
    let verified = verifier_at(resource["iat"].as_i64().unwrap())
        .verify(s(&resource, "proof"), request)
        .unwrap();
    assert_eq!(verified.ath(), Some(s(&resource, "ath")));
}

#[test]
fn the_rfc_proofs_are_refused_for_anything_else() {
    let resource = example("rfc9449-7.1");
    let (proof, method, uri) = (
        s(&resource, "proof"),
        s(&resource, "method"),
        s(&resource, "uri"),
    );
    let iat = resource["iat"].as_i64().unwrap();
    let token = s(&resource, "access_token");
    let jkt = s(&rfc9449(), "jkt").to_owned();
    // A fresh verifier each time: each would otherwise see a replay.
    let verify = |request: DpopRequest<'_>| verifier_at(iat).verify(proof, request);
    // The access token, one character off.
    let other_token = token.replacen('K', "L", 1);
    assert_refused(
        verify(DpopRequest::new(method, uri).access_token(&other_token)),
        ErrorKind::ClaimMismatch,
        Some("ath"),
    );
    // Bound to another key, one character off.
    let other_jkt = jkt.replacen('0', "1", 1);
    assert_refused(
        verify(DpopRequest::new(method, uri).bound_to(&other_jkt)),
        ErrorKind::ClaimMismatch,
        Some("cnf"),
    );
    assert_refused(
        verify(DpopRequest::new("POST", uri)),
        ErrorKind::ClaimMismatch,
        Some("htm"),
    );
    assert_refused(
        verify(DpopRequest::new("get", uri)),
        ErrorKind::ClaimMismatch,
        Some("htm"),
    );
    assert_refused(
        verify(DpopRequest::new(
            method,
            "http://resource.example.org/protectedresource",
        )),
        ErrorKind::ClaimMismatch,
        Some("htu"),
    );
    // The 4.1 proof has no ath: it cannot go with an access token.
    let token_request = example("rfc9449-4.1");
    let e = verifier_at(token_request["iat"].as_i64().unwrap())
        .verify(
            s(&token_request, "proof"),
            DpopRequest::new("POST", s(&token_request, "uri")).access_token(token),
        )
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::MissingClaim, Some("ath"))
    );
    // Its payload changed (GET for POST) under the same signature.
    let parts: Vec<&str> = s(&token_request, "proof").split('.').collect();
    let payload = jwt_core::base64url::encode(
        br#"{"jti":"-BwC3ESc6acc2lTc","htm":"GET","htu":"https://server.example.com/token","iat":1562262616}"#,
    );
    let tampered = format!("{}.{payload}.{}", parts[0], parts[2]);
    assert_refused(
        verifier_at(1562262616).verify(
            &tampered,
            DpopRequest::new("GET", "https://server.example.com/token"),
        ),
        ErrorKind::BadSignature,
        None,
    );
}

const NOW: i64 = 1_700_000_000;
const URI: &str = "https://rs.example.com/orders";

fn client_key() -> Jwk {
    Jwk::from_value(&json!({
        "kty": "EC", "crv": "P-256", "alg": "ES256",
        "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
        "d": "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"
    }))
    .unwrap()
}

fn claims(extra: Value) -> Map<String, Value> {
    let mut claims = json!({"jti": "j-1", "htm": "GET", "htu": URI, "iat": NOW})
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

/// A proof signed by `key`, with `header` members (a null removes one).
fn proof_with(key: &Jwk, header: Value, claims: Map<String, Value>) -> String {
    let mut jwt = Jwt::new(claims).with_typ("dpop+jwt").with_header(
        "jwk",
        key.public().map(|k| k.to_value()).unwrap_or(Value::Null),
    );
    for (name, value) in header.as_object().unwrap() {
        jwt = jwt.with_header(name.clone(), value.clone());
    }
    jwt.sign(key).unwrap()
}

/// A proof built by hand and signed ES256 with the client key, for headers and claims
/// that issuing through the library refuses to write.
fn forge(header: Value, claims: Value) -> String {
    use aws_lc_rs::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
    let key = client_key().to_value();
    let member = |name: &str| jwt_core::base64url::decode(key[name].as_str().unwrap()).unwrap();
    let mut point = vec![4u8];
    point.extend(member("x"));
    point.extend(member("y"));
    let pair = EcdsaKeyPair::from_private_key_and_public_key(
        &ECDSA_P256_SHA256_FIXED_SIGNING,
        &member("d"),
        &point,
    )
    .unwrap();
    let input = format!(
        "{}.{}",
        jwt_core::base64url::encode(header.to_string()),
        jwt_core::base64url::encode(claims.to_string())
    );
    let signature = pair
        .sign(&aws_lc_rs::rand::SystemRandom::new(), input.as_bytes())
        .unwrap();
    format!(
        "{input}.{}",
        jwt_core::base64url::encode(signature.as_ref())
    )
}

fn public_header() -> Value {
    json!({"typ": "dpop+jwt", "alg": "ES256", "jwk": client_key().public().unwrap().to_value()})
}

fn proof(extra: Value) -> String {
    proof_with(&client_key(), json!({}), claims(extra))
}

fn verify(proof: &str, request: DpopRequest<'_>) -> jwt_core::Result<jwt_core::dpop::DpopProof> {
    verifier_at(NOW).verify(proof, request)
}

fn get() -> DpopRequest<'static> {
    DpopRequest::new("GET", URI)
}

#[test]
fn typ_and_alg() {
    verify(&proof(json!({})), get()).unwrap();
    let key = client_key();
    for (typ, ok) in [
        (json!("application/dpop+jwt"), true),
        (json!("DPoP+JWT"), true),
        (json!("jwt"), false),
        (json!("at+jwt"), false),
    ] {
        let token = proof_with(&key, json!({"typ": typ}), claims(json!({})));
        let result = verify(&token, get());
        assert_eq!(result.is_ok(), ok, "{typ}");
        if !ok {
            assert_refused(result, ErrorKind::TypMismatch, None);
        }
    }
    let untyped = Jwt::new(claims(json!({})))
        .with_header("jwk", key.public().unwrap().to_value())
        .sign(&key)
        .unwrap();
    assert_refused(verify(&untyped, get()), ErrorKind::TypMismatch, None);

    // A symmetric alg, even with its (secret) key in the header.
    let secret = Jwk::generate_for("HS256").unwrap();
    let token = Jwt::new(claims(json!({})))
        .with_typ("dpop+jwt")
        .with_header("jwk", secret.to_value())
        .sign(&secret)
        .unwrap();
    assert_refused(verify(&token, get()), ErrorKind::AlgNotAllowed, None);
    // alg none: no key signs it, so nothing proves possession.
    let unsecured = format!(
        "{}.{}.",
        jwt_core::base64url::encode(
            json!({"typ": "dpop+jwt", "alg": "none", "jwk": key.public().unwrap().to_value()})
                .to_string()
        ),
        jwt_core::base64url::encode(Value::Object(claims(json!({}))).to_string())
    );
    assert_refused(verify(&unsecured, get()), ErrorKind::AlgNotAllowed, None);
    // An alg no one registered.
    let unknown = forge(
        json!({"typ": "dpop+jwt", "alg": "ES257", "jwk": key.public().unwrap().to_value()}),
        Value::Object(claims(json!({}))),
    );
    assert_refused(verify(&unknown, get()), ErrorKind::UnsupportedAlg, None);
    // An asymmetric alg outside the allow-list.
    let only_es384 = DpopVerifier::builder()
        .algorithms([SignatureAlgorithm::ES384])
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    assert_refused(
        only_es384.verify(&proof(json!({})), get()),
        ErrorKind::AlgNotAllowed,
        None,
    );
    for list in [vec![SignatureAlgorithm::HS256], vec![]] {
        let e = DpopVerifier::builder()
            .algorithms(list)
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::AlgNotAllowed);
    }
}

#[test]
fn the_key_is_the_public_key_in_the_header_and_it_signed() {
    let key = client_key();
    // The private key in the header.
    let token = proof_with(&key, json!({"jwk": key.to_value()}), claims(json!({})));
    assert_refused(verify(&token, get()), ErrorKind::InvalidHeader, None);
    // The forged proofs are sound: with the public key they verify.
    verify(
        &forge(public_header(), Value::Object(claims(json!({})))),
        get(),
    )
    .unwrap();
    // No key, or not an object.
    let claims_json = Value::Object(claims(json!({"jti": "j-3"})));
    let token = forge(
        json!({"typ": "dpop+jwt", "alg": "ES256"}),
        claims_json.clone(),
    );
    assert_refused(verify(&token, get()), ErrorKind::InvalidHeader, None);
    let token = forge(
        json!({"typ": "dpop+jwt", "alg": "ES256", "jwk": "key"}),
        claims_json.clone(),
    );
    assert_refused(verify(&token, get()), ErrorKind::InvalidHeader, None);
    // An unencoded payload (RFC 7797) is not a JWT.
    let mut unencoded = public_header();
    unencoded["b64"] = json!(false);
    unencoded["crit"] = json!(["b64"]);
    let token = forge(unencoded, claims_json.clone());
    assert_refused(verify(&token, get()), ErrorKind::InvalidHeader, None);
    // A private member that does not even belong to the key type is refused as private.
    let mut with_k = client_key().public().unwrap().to_value();
    with_k["k"] = json!("c2VjcmV0");
    let token = forge(
        json!({"typ": "dpop+jwt", "alg": "ES256", "jwk": with_k}),
        claims_json,
    );
    assert_refused(verify(&token, get()), ErrorKind::InvalidHeader, None);
    // Another key's public half: the signature does not verify with it.
    let other = Jwk::generate_for("ES256").unwrap();
    let token = proof_with(
        &key,
        json!({"jwk": other.public().unwrap().to_value()}),
        claims(json!({})),
    );
    assert_refused(verify(&token, get()), ErrorKind::BadSignature, None);
    // A key that does not fit the alg.
    let rsa = Jwk::generate_for("RS256").unwrap();
    let token = proof_with(
        &key,
        json!({"jwk": rsa.public().unwrap().to_value()}),
        claims(json!({})),
    );
    assert_refused(verify(&token, get()), ErrorKind::KeyTypeMismatch, None);
}

#[test]
fn required_claims_and_their_types() {
    let forged = |extra: Value| forge(public_header(), Value::Object(claims(extra)));
    for name in ["jti", "htm", "htu", "iat"] {
        assert_refused(
            verify(&forged(json!({ name: null })), get()),
            ErrorKind::MissingClaim,
            Some(name),
        );
        assert_refused(
            verify(&forged(json!({ name: [1] })), get()),
            ErrorKind::InvalidClaim,
            Some(name),
        );
    }
    for name in ["ath", "nonce"] {
        assert_refused(
            verify(&forged(json!({ name: 1 })), get()),
            ErrorKind::InvalidClaim,
            Some(name),
        );
    }
    assert_refused(
        verify(&proof(json!({"htu": "not a uri"})), get()),
        ErrorKind::InvalidClaim,
        Some("htu"),
    );
    let long = "j".repeat(jwt_core::dpop::MAX_JTI_BYTES + 1);
    assert_refused(
        verify(&proof(json!({"jti": long})), get()),
        ErrorKind::LimitExceeded,
        None,
    );
    verify(
        &proof(json!({"jti": "j".repeat(jwt_core::dpop::MAX_JTI_BYTES)})),
        get(),
    )
    .unwrap();
    // Extra claims are kept.
    let verified = verify(&proof(json!({"extra": true})), get()).unwrap();
    assert_eq!(verified.claims()["extra"], true);
}

#[test]
fn htm_and_htu() {
    let token = proof(json!({}));
    assert_refused(
        verify(&token, DpopRequest::new("POST", URI)),
        ErrorKind::ClaimMismatch,
        Some("htm"),
    );
    assert_refused(
        verify(&token, DpopRequest::new("Get", URI)),
        ErrorKind::ClaimMismatch,
        Some("htm"),
    );
    for same in [
        "https://rs.example.com/orders?page=2",
        "https://rs.example.com/orders#top",
        "HTTPS://RS.Example.COM/orders",
        "https://rs.example.com:443/orders",
        "https://rs.example.com/./orders",
        "https://rs.example.com/v1/../orders",
        "https://rs.example.com/%6Frders",
    ] {
        verify(&token, DpopRequest::new("GET", same)).unwrap();
    }
    for other in [
        "http://rs.example.com/orders",
        "https://rs.example.com:8443/orders",
        "https://rs.example.com/Orders",
        "https://rs.example.com/orders/",
        "https://api.example.com/orders",
        "https://rs.example.com/orders/.",
        "https://rs.example.com/v1/orders",
    ] {
        assert_refused(
            verify(&token, DpopRequest::new("GET", other)),
            ErrorKind::ClaimMismatch,
            Some("htu"),
        );
    }
    // A proof whose htu carries a query, another case of scheme and host, or dot segments
    // still names the same target.
    for spelling in [
        "HTTPS://RS.example.com:443/orders?x=1",
        "https://rs.example.com/a/b/../../orders",
    ] {
        verify(&proof(json!({ "htu": spelling })), get()).unwrap();
    }
    let e = verify(&token, DpopRequest::new("GET", "rs.example.com/orders")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed);
}

#[test]
fn iat_within_the_window() {
    let max = DpopVerifier::DEFAULT_MAX_AGE as i64;
    let leeway = DpopVerifier::DEFAULT_LEEWAY as i64;
    verify(&proof(json!({"iat": NOW - max - leeway})), get()).unwrap();
    assert_refused(
        verify(&proof(json!({"iat": NOW - max - leeway - 1})), get()),
        ErrorKind::TokenTooOld,
        Some("iat"),
    );
    verify(&proof(json!({"iat": NOW + leeway})), get()).unwrap();
    assert_refused(
        verify(&proof(json!({"iat": NOW + leeway + 1})), get()),
        ErrorKind::IssuedInFuture,
        Some("iat"),
    );
}

#[test]
fn a_proof_is_accepted_once_per_uri() {
    let verifier = verifier_at(NOW);
    let token = proof(json!({}));
    verifier.verify(&token, get()).unwrap();
    assert_refused(
        verifier.verify(&token, get()),
        ErrorKind::ClaimMismatch,
        Some("jti"),
    );
    // The query is not part of the target: the same proof again is a replay.
    assert_refused(
        verifier.verify(
            &token,
            DpopRequest::new("GET", "https://rs.example.com/orders?x"),
        ),
        ErrorKind::ClaimMismatch,
        Some("jti"),
    );
    // The same jti for another URI is another proof.
    let elsewhere = proof(json!({"htu": "https://rs.example.com/invoices"}));
    verifier
        .verify(
            &elsewhere,
            DpopRequest::new("GET", "https://rs.example.com/invoices"),
        )
        .unwrap();
    // A proof refused for another reason is not recorded.
    let fresh = proof(json!({"jti": "j-2"}));
    assert_refused(
        verifier.verify(&fresh, DpopRequest::new("POST", URI)),
        ErrorKind::ClaimMismatch,
        Some("htm"),
    );
    verifier.verify(&fresh, get()).unwrap();
}

/// A cache standing for a shared store: counts what it is asked, and can fail.
#[derive(Debug, Default)]
struct CountingCache {
    inner: Option<InMemoryReplayCache>,
    asked: AtomicUsize,
}

impl ReplayCache for CountingCache {
    fn insert(
        &self,
        id: &str,
        expires_at: NumericDate,
        now: NumericDate,
    ) -> jwt_core::Result<bool> {
        self.asked.fetch_add(1, Ordering::SeqCst);
        // A fixed-size digest of the URI and the jti, never the client's text.
        assert_eq!(id.len(), 43, "{id}");
        assert!(
            !id.contains("j-1") && !id.contains("rs.example.com"),
            "{id}"
        );
        assert!(expires_at > now);
        match &self.inner {
            Some(cache) => cache.insert(id, expires_at, now),
            None => Err(jwt_core::Error::new(ErrorKind::LimitExceeded, "store down")),
        }
    }
}

#[test]
fn the_replay_cache_can_be_replaced_and_its_failure_refuses() {
    let shared = Arc::new(CountingCache {
        inner: Some(InMemoryReplayCache::new(8)),
        ..Default::default()
    });
    let build = || {
        DpopVerifier::builder()
            .replay_cache(shared.clone())
            .clock(FixedClock::at(NOW))
            .build()
            .unwrap()
    };
    let token = proof(json!({}));
    build().verify(&token, get()).unwrap();
    // Another verifier on the same store sees the replay.
    assert_refused(
        build().verify(&token, get()),
        ErrorKind::ClaimMismatch,
        Some("jti"),
    );
    assert_eq!(shared.asked.load(Ordering::SeqCst), 2);
    let failing = DpopVerifier::builder()
        .replay_cache(Arc::new(CountingCache::default()))
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    assert_refused(
        failing.verify(&token, get()),
        ErrorKind::LimitExceeded,
        None,
    );
}

#[test]
fn server_nonce_ath_and_binding() {
    let with_nonce = || get().nonce("n-1");
    verify(&proof(json!({"nonce": "n-1"})), with_nonce()).unwrap();
    assert_refused(
        verify(&proof(json!({"nonce": "n-2"})), with_nonce()),
        ErrorKind::ClaimMismatch,
        Some("nonce"),
    );
    assert_refused(
        verify(&proof(json!({})), with_nonce()),
        ErrorKind::MissingClaim,
        Some("nonce"),
    );

    let access_token = "an.access.token";
    let ath = access_token_hash(access_token);
    let with_token = || get().access_token(access_token);
    verify(&proof(json!({"ath": ath})), with_token()).unwrap();
    let mut flipped = jwt_core::base64url::decode(&ath).unwrap();
    flipped[31] ^= 1;
    let flipped = jwt_core::base64url::encode(flipped);
    assert_refused(
        verify(&proof(json!({"ath": flipped})), with_token()),
        ErrorKind::ClaimMismatch,
        Some("ath"),
    );
    assert_refused(
        verify(&proof(json!({})), with_token()),
        ErrorKind::MissingClaim,
        Some("ath"),
    );

    // The access token's cnf.jkt, read from its verified claims.
    let jkt = client_key().thumbprint(ThumbprintHash::Sha256);
    let mut claims: AccessTokenClaims = serde_json::from_value(json!({
        "iss": "i", "exp": NOW + 60, "aud": "a", "sub": "s", "client_id": "c", "iat": NOW, "jti": "t",
        "cnf": {"jkt": jkt}
    }))
    .unwrap();
    assert_eq!(confirmation_thumbprint(&claims).unwrap(), jkt);
    verify(&proof(json!({})), get().bound_to(&jkt)).unwrap();
    let other = Jwk::generate_for("ES256")
        .unwrap()
        .thumbprint(ThumbprintHash::Sha256);
    assert_refused(
        verify(&proof(json!({})), get().bound_to(&other)),
        ErrorKind::ClaimMismatch,
        Some("cnf"),
    );
    claims.extra.insert("cnf".into(), json!({"jkt": 5}));
    assert_refused(
        confirmation_thumbprint(&claims),
        ErrorKind::InvalidClaim,
        Some("cnf"),
    );
    claims.extra.insert("cnf".into(), json!({"x5t#S256": "x"}));
    assert_refused(
        confirmation_thumbprint(&claims),
        ErrorKind::MissingClaim,
        Some("cnf"),
    );
    claims.extra.remove("cnf");
    assert_refused(
        confirmation_thumbprint(&claims),
        ErrorKind::MissingClaim,
        Some("cnf"),
    );
}

#[test]
fn malformed_proofs() {
    for bad in ["", "a.b", "a.b.c.d", "a.b.c.d.e", "!!.b.c"] {
        let e = verify(bad, get()).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Malformed), "{bad:?}: {e}");
    }
    let huge = "a".repeat(300 * 1024);
    assert_refused(
        verify(&format!("{huge}.b.c"), get()),
        ErrorKind::LimitExceeded,
        None,
    );
}
