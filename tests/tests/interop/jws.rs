//! JWS interop with jwcrypto, both ways: every signature algorithm both support, in
//! the compact, flattened and general serializations; two-signature general JWS;
//! RFC 7797 unencoded payloads; and tampered tokens that both sides reject (so a
//! passing positive case means something).
//!
//! Each direction is one Python run carrying every case (starting Python costs more
//! than the signatures).

use crate::support::{check_outcomes, entries, import, script, shareable, text, KeyCache};
use jwt_core::jws::{HeaderMap, JwsBuilder, JwsVerifier, SignaturePolicy};
use jwt_core::{base64url, Curve, ErrorKind, Jwk, JwkSet, SignatureAlgorithm as Alg};
use jwt_tests::jwcrypto;
use serde_json::{json, Value};

/// JSON with characters whose base64url and JSON escapes are easy to get wrong.
const PAYLOAD: &str = r#"{"iss":"joe","note":"héllo ✓ ~ / + = \"q\""}"#;
/// RFC 7797's example payload; its '.' keeps it out of attached compact form.
const UNENCODED: &str = "$.02";

/// One algorithm, with the key jwcrypto generates for it (`JWK.generate` arguments).
struct Case {
    name: &'static str,
    alg: Alg,
    params: Value,
}

fn cases() -> Vec<Case> {
    let rsa = json!({"kty": "RSA", "size": 2048});
    let mut cases = vec![
        ("HS256", Alg::HS256, json!({"kty": "oct", "size": 256})),
        ("HS384", Alg::HS384, json!({"kty": "oct", "size": 384})),
        ("HS512", Alg::HS512, json!({"kty": "oct", "size": 512})),
        ("RS256", Alg::RS256, rsa.clone()),
        ("RS384", Alg::RS384, rsa.clone()),
        ("RS512", Alg::RS512, rsa.clone()),
        ("PS256", Alg::PS256, rsa.clone()),
        ("PS384", Alg::PS384, rsa.clone()),
        ("PS512", Alg::PS512, rsa),
        ("ES256", Alg::ES256, json!({"kty": "EC", "crv": "P-256"})),
        ("ES384", Alg::ES384, json!({"kty": "EC", "crv": "P-384"})),
        ("ES512", Alg::ES512, json!({"kty": "EC", "crv": "P-521"})),
        (
            "ES256K",
            Alg::ES256K,
            json!({"kty": "EC", "crv": "secp256k1"}),
        ),
        (
            "EdDSA/Ed25519",
            Alg::EdDSA,
            json!({"kty": "OKP", "crv": "Ed25519"}),
        ),
    ];
    if cfg!(feature = "curve448") {
        cases.push((
            "EdDSA/Ed448",
            Alg::EdDSA,
            json!({"kty": "OKP", "crv": "Ed448"}),
        ));
    }
    if cfg!(feature = "pq") {
        for (name, alg) in [
            ("ML-DSA-44", Alg::MlDsa44),
            ("ML-DSA-65", Alg::MlDsa65),
            ("ML-DSA-87", Alg::MlDsa87),
        ] {
            cases.push((name, alg, json!({"kty": "AKP", "alg": name})));
        }
    }
    cases
        .into_iter()
        .map(|(name, alg, params)| Case { name, alg, params })
        .collect()
}

fn header(value: Value) -> HeaderMap {
    match value {
        Value::Object(map) => map,
        other => panic!("not a header object: {other}"),
    }
}

/// A token for jwcrypto to verify, and the payload it must yield (`None`: it must fail).
struct Item {
    name: String,
    token: String,
    key: Value,
    detached: Option<&'static str>,
    payload: Option<&'static str>,
}

impl Item {
    fn new(
        name: impl Into<String>,
        token: String,
        key: Value,
        payload: Option<&'static str>,
    ) -> Self {
        Item {
            name: name.into(),
            token,
            key,
            detached: None,
            payload,
        }
    }

    /// The payload `detached` travels beside the token, not in it.
    fn detached(mut self, detached: &'static str) -> Self {
        self.detached = Some(detached);
        self
    }

    fn request(&self) -> Value {
        json!({"token": self.token, "key": self.key, "detached": self.detached})
    }
}

/// jwcrypto verifies each item with its key (a JWK or a JWK set) under its default
/// allow-list and returns the payload, or the exception.
const VERIFY_PY: &str = r#"
def verify(item):
    t = jws.JWS()
    t.deserialize(item["token"])
    detached = item["detached"]
    if detached is None:
        t.verify(load_key(item["key"]))
        return text(t.payload)
    # jwcrypto's payload stays the token's (empty) one: success is the answer.
    t.verify(load_key(item["key"]), detached_payload=detached.encode())
    return detached

reply = [attempt(lambda: verify(item)) for item in request]
"#;

/// Runs [`VERIFY_PY`] on `items` and checks each outcome against the expected payload.
fn jwcrypto_verifies(items: &[Item]) {
    let request: Vec<Value> = items.iter().map(Item::request).collect();
    let reply = jwcrypto::run(&script(VERIFY_PY), &json!(request));
    let expected = items.iter().map(|i| (i.name.as_str(), i.payload));
    check_outcomes("jwcrypto", expected, &reply);
}

/// The compact token with its signature's last byte flipped.
fn flip_signature(token: &str) -> String {
    let (rest, signature) = token.rsplit_once('.').unwrap();
    let mut bytes = base64url::decode(signature).unwrap();
    *bytes.last_mut().unwrap() ^= 1;
    format!("{rest}.{}", base64url::encode(bytes))
}

/// The compact token with another payload under the same signature.
fn swap_payload(token: &str) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    let other = base64url::encode(PAYLOAD.replace("joe", "eve"));
    format!("{}.{other}.{}", parts[0], parts[2])
}

#[test]
fn jwcrypto_verifies_what_we_sign() {
    let mut keys = KeyCache::default();
    let mut items = Vec::new();
    for case in cases() {
        let key = &keys.get(&case.params);
        let (name, alg, peer) = (case.name, case.alg, shareable(key));
        let one = |protected: Value, unprotected: Option<Value>| {
            JwsBuilder::new(PAYLOAD.as_bytes())
                .sign(key, alg, header(protected), unprotected.map(header))
                .unwrap_or_else(|e| panic!("{name}: signing failed: {e}"))
        };
        let compact = one(json!({}), None).compact().unwrap();
        let flattened = one(json!({"typ": "JOSE"}), Some(json!({"kid": name})))
            .json_flattened()
            .unwrap();
        let general = one(json!({}), Some(json!({"kid": name})))
            .json_general()
            .unwrap();

        // Tampered copies must fail here as well as there: the harness can say no.
        let tampered = [flip_signature(&compact), swap_payload(&compact)];
        let verifier = JwsVerifier::new([alg]);
        for bad in &tampered {
            let error = verifier.verify(bad, key).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::BadSignature, "{name}: ours");
        }
        let [bad_signature, bad_payload] = tampered;

        items.extend([
            Item::new(
                format!("{name} compact"),
                compact,
                peer.clone(),
                Some(PAYLOAD),
            ),
            Item::new(
                format!("{name} flattened"),
                flattened,
                peer.clone(),
                Some(PAYLOAD),
            ),
            Item::new(
                format!("{name} general"),
                general,
                peer.clone(),
                Some(PAYLOAD),
            ),
            Item::new(
                format!("{name} bad signature"),
                bad_signature,
                peer.clone(),
                None,
            ),
            Item::new(format!("{name} swapped payload"), bad_payload, peer, None),
        ]);
    }
    jwcrypto_verifies(&items);
}

#[test]
fn jwcrypto_verifies_our_two_signature_json_and_unencoded_payloads() {
    let mut a = Jwk::generate_ec(Curve::P256).unwrap();
    a.set_kid("a");
    let mut b = Jwk::generate_okp(Curve::Ed25519).unwrap();
    b.set_kid("b");
    let stranger = Jwk::generate_ec(Curve::P256).unwrap();
    let two = JwsBuilder::new(PAYLOAD.as_bytes())
        .sign(&a, Alg::ES256, HeaderMap::new(), None)
        .unwrap()
        .sign(
            &b,
            Alg::EdDSA,
            HeaderMap::new(),
            Some(header(json!({"x-note": 2}))),
        )
        .unwrap()
        .json_general()
        .unwrap();
    let set = json!({"keys": [shareable(&a), shareable(&b)]});

    let hs = Jwk::generate_oct(256).unwrap();
    let unencoded = JwsBuilder::new(UNENCODED.as_bytes()).unencoded();
    let unencoded_json = unencoded
        .clone()
        .sign(&hs, Alg::HS256, HeaderMap::new(), None)
        .unwrap()
        .json_flattened()
        .unwrap();
    assert!(
        unencoded_json.contains(r#""payload":"$.02""#),
        "{unencoded_json}"
    );
    let detached = unencoded
        .detached()
        .sign(&a, Alg::ES256, HeaderMap::new(), None)
        .unwrap()
        .compact()
        .unwrap();
    assert!(detached.contains(".."), "{detached}");

    let items = [
        Item::new(
            "two signatures, key a",
            two.clone(),
            shareable(&a),
            Some(PAYLOAD),
        ),
        Item::new(
            "two signatures, key b",
            two.clone(),
            shareable(&b),
            Some(PAYLOAD),
        ),
        Item::new("two signatures, both keys", two.clone(), set, Some(PAYLOAD)),
        Item::new(
            "two signatures, a stranger",
            two,
            shareable(&stranger),
            None,
        ),
        Item::new(
            "b64=false flattened",
            unencoded_json,
            shareable(&hs),
            Some(UNENCODED),
        ),
        Item::new(
            "b64=false compact detached",
            detached.clone(),
            shareable(&a),
            Some(UNENCODED),
        )
        .detached(UNENCODED),
        Item::new(
            "b64=false compact, another detached payload",
            detached,
            shareable(&a),
            None,
        )
        .detached("$.03"),
    ];
    jwcrypto_verifies(&items);
}

/// jwcrypto signs every case three ways, a two-signature general JWS, and RFC 7797
/// unencoded tokens (flattened with the payload attached; compact with it detached,
/// since jwcrypto reads an attached compact payload as base64url whatever `b64` says).
const SIGN_PY: &str = r#"
payload = request["payload"].encode()

def signed(k, protected, header=None, data=payload):
    s = jws.JWS(data)
    s.add_signature(k, None, json.dumps(protected), None if header is None else json.dumps(header))
    return s

def general(flat):
    f = json.loads(flat)
    one = {m: f[m] for m in ("protected", "header", "signature") if m in f}
    return json.dumps({"payload": f["payload"], "signatures": [one]})

cases = []
for case in request["cases"]:
    k = key(case["params"])
    alg = case["alg"]
    flat = signed(k, {"alg": alg}, {"kid": "jwcrypto"}).serialize()
    cases.append({
        "key": public(k),
        "compact": signed(k, {"alg": alg}).serialize(compact=True),
        "flattened": flat,
        "general": general(flat),
    })

a = jwk.JWK.generate(kty="EC", crv="P-256")
b = key({"kty": "RSA", "size": 2048})
two = signed(a, {"alg": "ES256", "kid": "a"})
two.add_signature(b, None, json.dumps({"alg": "PS256"}), json.dumps({"kid": "b"}))

hs = jwk.JWK.generate(kty="oct", size=256)
# A str: jwcrypto's JSON writer copies an unencoded payload as is, and bytes are not JSON.
unencoded = request["unencoded"]
b64_false = {"alg": "HS256", "b64": False, "crit": ["b64"]}
attached = signed(hs, b64_false, data=unencoded).serialize()
detached = signed(hs, b64_false, data=unencoded)
detached.detach_payload()

# RFC 7515 lets "alg" sit in the unprotected header of a JSON serialization.
unprotected_only = jws.JWS(payload)
unprotected_only.add_signature(a, "ES256", None, json.dumps({"alg": "ES256"}))

reply = {
    "cases": cases,
    "unprotected_only": unprotected_only.serialize(),
    "two": {"token": two.serialize(), "a": public(a), "b": public(b)},
    "unencoded": {"key": public(hs), "json": attached, "detached": detached.serialize(compact=True)},
}
"#;

#[test]
fn we_verify_what_jwcrypto_signs() {
    let cases = cases();
    let request: Vec<Value> = cases
        .iter()
        .map(|c| json!({"alg": c.alg.name(), "params": c.params}))
        .collect();
    let reply = jwcrypto::run(
        &script(SIGN_PY),
        &json!({"cases": request, "payload": PAYLOAD, "unencoded": UNENCODED}),
    );

    for (case, theirs) in cases.iter().zip(entries(&reply["cases"], cases.len())) {
        let name = case.name;
        let key = import(&theirs["key"], name);
        let verifier = JwsVerifier::new([case.alg]);
        for form in ["compact", "flattened", "general"] {
            let verified = verifier
                .verify(text(theirs, form), &key)
                .unwrap_or_else(|e| panic!("{name} {form}: {e}"));
            assert_eq!(verified.payload(), PAYLOAD.as_bytes(), "{name} {form}");
            let kid = verified.header().kid();
            assert_eq!(
                kid,
                (form != "compact").then_some("jwcrypto"),
                "{name} {form}"
            );
        }
        // Not under another algorithm of the same key type.
        let other = if case.alg == Alg::HS256 {
            Alg::HS512
        } else {
            Alg::HS256
        };
        let error = JwsVerifier::new([other])
            .verify(text(theirs, "compact"), &key)
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::AlgNotAllowed, "{name}");
    }

    let two = &reply["two"];
    let token = text(two, "token");
    let mut a = import(&two["a"], "a");
    a.set_kid("a");
    let mut b = import(&two["b"], "b");
    b.set_kid("b");
    let verifier =
        JwsVerifier::new([Alg::ES256, Alg::PS256]).with_limits(jwt_tests::signatures_up_to(2));
    let indices = |keys: &JwkSet, policy| {
        let verified = verifier.clone().with_policy(policy).verify(token, keys);
        let verified = verified.unwrap_or_else(|e| panic!("two signatures: {e}"));
        assert_eq!(verified.payload(), PAYLOAD.as_bytes());
        verified.verified_indices().collect::<Vec<_>>()
    };
    let only = |key: &Jwk| JwkSet::new(vec![key.clone()]);
    assert_eq!(indices(&only(&a), SignaturePolicy::AtLeastOne), [0]);
    assert_eq!(indices(&only(&b), SignaturePolicy::AtLeastOne), [1]);
    let both = JwkSet::new(vec![a.clone(), b]);
    assert_eq!(indices(&both, SignaturePolicy::All), [0, 1]);
    let error = verifier
        .clone()
        .with_policy(SignaturePolicy::All)
        .verify(token, &only(&a))
        .unwrap_err();
    assert_ne!(error.kind(), ErrorKind::Malformed, "{error}");
    // Only ES256 allowed: the PS256 signature is skipped and reported, not fatal.
    let es256_only = JwsVerifier::new([Alg::ES256])
        .with_limits(jwt_tests::signatures_up_to(2))
        .verify(token, &both)
        .unwrap();
    assert_eq!(es256_only.verified_indices().collect::<Vec<_>>(), [0]);
    assert!(es256_only.signatures()[1].error().is_some());

    let unprotected_only = text(&reply, "unprotected_only");
    assert!(
        !unprotected_only.contains("protected\""),
        "{unprotected_only}"
    );
    let verified = JwsVerifier::new([Alg::ES256])
        .verify(unprotected_only, &a)
        .unwrap();
    assert_eq!(verified.payload(), PAYLOAD.as_bytes());
    assert!(verified.header().protected().is_empty());

    let unencoded = &reply["unencoded"];
    let hs = import(&unencoded["key"], "b64=false key");
    let verifier = JwsVerifier::new([Alg::HS256]);
    let attached = verifier.verify(text(unencoded, "json"), &hs).unwrap();
    assert_eq!(attached.payload(), UNENCODED.as_bytes());
    assert!(!attached.header().b64());
    let detached = text(unencoded, "detached");
    let verified = verifier
        .verify_detached(detached, Some(UNENCODED.as_bytes()), &hs)
        .unwrap();
    assert_eq!(verified.payload(), UNENCODED.as_bytes());
    let error = verifier
        .verify_detached(detached, Some(b"$.03"), &hs)
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::BadSignature);
}
