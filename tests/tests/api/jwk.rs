//! Keys through the public API: import and export (RFC vectors round trip exactly),
//! the public form, and every rejection at import. How a key is authorized for an
//! algorithm and an operation (`Jwk::authorize`, crate-private) is unit-tested in
//! `jwt-core/src/jwk/tests.rs`.

use jwt_core::jws::JwsBuilder;
use jwt_core::{
    base64url, Curve, Error, ErrorKind, Jwk, JwkSet, KeyOperation, KeyType, KeyUse,
    SignatureAlgorithm,
};
use jwt_tests::vectors::{example, load as vector};
use serde_json::{json, Value};

/// The longest JSON text `Jwk::from_json` accepts (64 KiB, as documented).
const MAX_JWK_BYTES: usize = 64 * 1024;

/// The members that hold private key material (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037
/// §2 for OKP's `d`): none may survive `Jwk::public`.
const PRIVATE_MEMBERS: &[&str] = &["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

fn key(v: Value) -> Jwk {
    Jwk::from_value(&v).unwrap_or_else(|e| panic!("{e}: {v}"))
}

fn err(v: Value) -> Error {
    match Jwk::from_json(&v.to_string()) {
        Ok(k) => panic!("accepted {k:?}"),
        Err(e) => e,
    }
}

fn b64(bytes: &[u8]) -> String {
    base64url::encode(bytes)
}

/// The RFC 7517 A.2 private keys: [EC P-256, RSA 2048].
fn a2_keys() -> Vec<Value> {
    example("rfc/rfc7517_appendix_a_b.json", "rfc7517-A.2")["jwks"]["keys"]
        .as_array()
        .unwrap()
        .clone()
}

/// The A.2 EC key without its `use`, so that tests can add their own.
fn ec_private() -> Value {
    without(a2_keys()[0].clone(), &["use"])
}

/// The A.2 RSA key without its `alg`, so that tests can add their own.
fn rsa_private() -> Value {
    without(a2_keys()[1].clone(), &["alg"])
}

fn with(mut v: Value, name: &str, value: Value) -> Value {
    v[name] = value;
    v
}

fn without(mut v: Value, names: &[&str]) -> Value {
    for name in names {
        v.as_object_mut().unwrap().remove(*name);
    }
    v
}

#[test]
fn jwk_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Jwk>();
    check::<JwkSet>();
}

#[test]
fn rfc7520_keys_round_trip_exactly() {
    for file in [
        "3_1.ec_public_key.json",
        "3_2.ec_private_key.json",
        "3_3.rsa_public_key.json",
        "3_4.rsa_private_key.json",
        "3_5.symmetric_key_mac_computation.json",
        "3_6.symmetric_key_encryption.json",
    ] {
        let v = vector(&format!("rfc7520/jwk/{file}"));
        let k = key(v.clone());
        assert_eq!(k.to_value(), v, "{file}");
        assert_eq!(k.kid(), v["kid"].as_str(), "{file}");
        assert_eq!(k.is_private(), v.get("d").is_some() || v.get("k").is_some());
        let again = Jwk::from_json(&k.to_json()).unwrap();
        assert_eq!(again.to_value(), v, "{file}");
    }
    let ec = key(vector("rfc7520/jwk/3_2.ec_private_key.json"));
    assert_eq!(ec.key_type(), KeyType::Ec);
    assert_eq!(ec.curve(), Some(Curve::P521));
    assert_eq!(ec.key_use(), Some(&KeyUse::Signature));
}

#[test]
fn rfc7517_b_keeps_x5c_and_unknown_members() {
    let v = example("rfc/rfc7517_appendix_a_b.json", "rfc7517-B")["jwk"].clone();
    let k = key(v.clone());
    assert_eq!(k.member("x5c"), v.get("x5c"));
    assert_eq!(k.to_value(), v);
    let custom = with(v, "ext:vendor", json!({"nested": [1, 2]}));
    let k = key(custom.clone());
    assert_eq!(k.member("ext:vendor"), Some(&json!({"nested": [1, 2]})));
    assert_eq!(k.to_value(), custom);
    assert_eq!(
        k.public().unwrap().to_value(),
        custom,
        "public key keeps extras"
    );
    assert!(k.member("n").is_none(), "key members are not extras");
}

#[test]
fn public_removes_every_private_member() {
    for v in a2_keys()
        .into_iter()
        .chain([vector("rfc7520/jwk/3_2.ec_private_key.json")])
        .chain([example("rfc/rfc8037_appendix_a.json", "rfc8037-A.1")["jwk"].clone()])
    {
        let private = key(v.clone());
        assert!(private.is_private());
        let public = private.public().unwrap();
        assert!(!public.is_private());
        let out = public.to_value();
        for name in PRIVATE_MEMBERS {
            assert!(out.get(*name).is_none(), "{name} left in {out}");
        }
        let expected = without(v, PRIVATE_MEMBERS);
        assert_eq!(out, expected);
        // Public of public is the same key.
        assert_eq!(public.public().unwrap().to_value(), expected);
    }
}

#[test]
fn public_of_oct_is_an_error() {
    let k = key(vector("rfc7520/jwk/3_5.symmetric_key_mac_computation.json"));
    assert!(k.is_private());
    assert_eq!(k.public().unwrap_err().kind(), ErrorKind::KeyTypeMismatch);
}

#[test]
fn rsa_without_crt_members_is_accepted_and_completed() {
    let full = rsa_private();
    let short = without(full.clone(), &["p", "q", "dp", "dq", "qi"]);
    let k = key(short);
    assert!(k.is_private());
    // The CRT members are recovered; the primes may come out in either order.
    let out = k.to_value();
    assert_eq!(out["d"], full["d"]);
    let mut primes = [out["p"].clone(), out["q"].clone()];
    primes.sort_by_key(|v| v.to_string());
    let mut expected = [full["p"].clone(), full["q"].clone()];
    expected.sort_by_key(|v| v.to_string());
    assert_eq!(primes, expected);
}

#[test]
fn debug_never_shows_key_material() {
    for v in a2_keys()
        .into_iter()
        .chain([vector("rfc7520/jwk/3_5.symmetric_key_mac_computation.json")])
    {
        let k = key(v.clone());
        let shown = format!("{k:?}");
        for name in ["d", "k", "p", "q", "dp", "dq", "qi", "n", "x"] {
            if let Some(text) = v.get(name).and_then(Value::as_str) {
                assert!(!shown.contains(text), "{name} shown in {shown}");
            }
        }
        assert!(shown.contains("private: true"), "{shown}");
    }
}

// ---- rejections at import ----

#[test]
fn duplicate_json_member_is_rejected() {
    let text = r#"{"kty":"oct","k":"AAAA","k":"BBBB"}"#;
    assert_eq!(
        Jwk::from_json(text).unwrap_err().kind(),
        ErrorKind::DuplicateMember
    );
    let text = r#"{"kty":"oct","k":"AAAA","kid":"a","ext":{"x":1,"x":2}}"#;
    assert_eq!(
        Jwk::from_json(text).unwrap_err().kind(),
        ErrorKind::DuplicateMember
    );
}

#[test]
fn malformed_json_and_non_objects_are_rejected() {
    for text in ["", "[]", r#""oct""#, r#"{"kty":"oct","k":"AAAA""#, "null"] {
        assert_eq!(
            Jwk::from_json(text).unwrap_err().kind(),
            ErrorKind::Malformed,
            "{text}"
        );
    }
    let huge = format!(r#"{{"kty":"oct","k":"{}"}}"#, "A".repeat(MAX_JWK_BYTES));
    assert_eq!(
        Jwk::from_json(&huge).unwrap_err().kind(),
        ErrorKind::LimitExceeded
    );
}

#[test]
fn kty_must_be_present_known_and_a_string() {
    assert_eq!(err(json!({"k": "AAAA"})).kind(), ErrorKind::InvalidKey);
    assert_eq!(
        err(json!({"kty": 1, "k": "AAAA"})).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(json!({"kty": "oct2", "k": "AAAA"})).kind(),
        ErrorKind::UnsupportedKey
    );
    assert_eq!(
        err(json!({"kty": "rsa", "n": "AQAB", "e": "AQAB"})).kind(),
        ErrorKind::UnsupportedKey
    );
}

#[test]
fn oct_key_needs_a_non_empty_strict_k() {
    assert_eq!(err(json!({"kty": "oct"})).kind(), ErrorKind::InvalidKey);
    assert_eq!(
        err(json!({"kty": "oct", "k": ""})).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(json!({"kty": "oct", "k": "AAAA="})).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(json!({"kty": "oct", "k": "AA AA"})).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(json!({"kty": "oct", "k": "AA/A"})).kind(),
        ErrorKind::InvalidKey
    );
}

#[test]
fn off_curve_ec_point_is_rejected() {
    let mut public = without(ec_private(), &["d"]);
    let mut y = base64url::decode(public["y"].as_str().unwrap()).unwrap();
    if let Some(last) = y.last_mut() {
        *last ^= 1;
    }
    public["y"] = json!(b64(&y));
    let e = err(public.clone());
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(e.message().contains("not a valid point"), "{e}");
    // The same point with its private key.
    public["d"] = ec_private()["d"].clone();
    assert_eq!(err(public).kind(), ErrorKind::InvalidKey);
}

#[test]
fn ec_private_key_must_match_its_point() {
    let other = key(vector("rfc7520/jwk/3_2.ec_private_key.json"));
    assert_eq!(other.curve(), Some(Curve::P521));
    let mut v = ec_private();
    let mut d = base64url::decode(v["d"].as_str().unwrap()).unwrap();
    d[5] ^= 0x40;
    v["d"] = json!(b64(&d));
    let e = err(v);
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(e.message().contains("public key of d"), "{e}");
}

#[test]
fn ec_and_okp_members_must_have_the_exact_length() {
    let v = ec_private();
    for name in ["x", "y", "d"] {
        let bytes = base64url::decode(v[name].as_str().unwrap()).unwrap();
        let short = with(v.clone(), name, json!(b64(&bytes[1..])));
        let e = err(short);
        assert_eq!(e.kind(), ErrorKind::InvalidKey, "{name}");
        assert!(e.message().contains("32 bytes, found 31"), "{e}");
        let mut long = bytes.clone();
        long.insert(0, 0);
        assert_eq!(
            err(with(v.clone(), name, json!(b64(&long)))).kind(),
            ErrorKind::InvalidKey
        );
    }
    let okp = example("rfc/rfc8037_appendix_a.json", "rfc8037-A.1")["jwk"].clone();
    for name in ["x", "d"] {
        let bytes = base64url::decode(okp[name].as_str().unwrap()).unwrap();
        let short = with(okp.clone(), name, json!(b64(&bytes[..31])));
        assert_eq!(err(short).kind(), ErrorKind::InvalidKey, "{name}");
    }
}

#[test]
fn ec_and_okp_need_their_members_and_curves() {
    assert_eq!(
        err(without(ec_private(), &["y"])).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(without(ec_private(), &["x"])).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(without(ec_private(), &["crv"])).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(with(ec_private(), "crv", json!("P-192"))).kind(),
        ErrorKind::UnsupportedKey
    );
    assert_eq!(
        err(with(ec_private(), "crv", json!("Ed25519"))).kind(),
        ErrorKind::InvalidKey
    );
    let okp = example("rfc/rfc8037_appendix_a.json", "rfc8037-A.1")["jwk"].clone();
    // RFC 8037 §2: x is required even with d.
    assert_eq!(
        err(without(okp.clone(), &["x"])).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(with(okp.clone(), "crv", json!("P-256"))).kind(),
        ErrorKind::InvalidKey
    );
    let ed448 = json!({"kty": "OKP", "crv": "Ed448", "x": b64(&[1u8; 57])});
    if !cfg!(feature = "curve448") {
        let e = err(ed448);
        assert_eq!(e.kind(), ErrorKind::UnsupportedKey);
        assert!(e.message().contains("curve448"), "{e}");
    }
}

#[test]
fn okp_private_key_must_match_x() {
    let mut okp = example("rfc/rfc8037_appendix_a.json", "rfc8037-A.1")["jwk"].clone();
    let mut x = base64url::decode(okp["x"].as_str().unwrap()).unwrap();
    let public = key(without(okp.clone(), &["d"]));
    assert!(!public.is_private());
    x[0] ^= 1;
    okp["x"] = json!(b64(&x));
    assert_eq!(err(okp).kind(), ErrorKind::InvalidKey);
}

#[test]
fn rsa_integers_must_be_minimal() {
    for name in ["n", "e", "d", "p", "qi"] {
        let v = rsa_private();
        let mut bytes = base64url::decode(v[name].as_str().unwrap()).unwrap();
        bytes.insert(0, 0);
        let e = err(with(v, name, json!(b64(&bytes))));
        assert_eq!(e.kind(), ErrorKind::InvalidKey, "{name}");
        assert!(e.message().contains("leading zero"), "{e}");
    }
    let public = without(rsa_private(), &["d", "p", "q", "dp", "dq", "qi"]);
    assert_eq!(
        err(with(public, "e", json!("AA"))).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(with(rsa_private(), "e", json!(""))).kind(),
        ErrorKind::InvalidKey
    );
}

#[test]
fn rsa_members_must_be_complete_and_consistent() {
    assert_eq!(
        err(without(rsa_private(), &["n"])).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(without(rsa_private(), &["e"])).kind(),
        ErrorKind::InvalidKey
    );
    // CRT members all or none.
    let e = err(without(rsa_private(), &["qi"]));
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(e.message().contains("all of p, q, dp, dq, qi"), "{e}");
    // CRT members without d.
    assert_eq!(
        err(without(rsa_private(), &["d"])).kind(),
        ErrorKind::InvalidKey
    );
    // A d that does not belong to n.
    let other_d = vector("rfc7520/jwk/3_4.rsa_private_key.json")["d"].clone();
    let mismatched = with(
        without(rsa_private(), &["p", "q", "dp", "dq", "qi"]),
        "d",
        other_d,
    );
    assert_eq!(err(mismatched).kind(), ErrorKind::InvalidKey);
    // A wrong CRT member.
    let dp = rsa_private()["dq"].clone();
    assert_eq!(
        err(with(rsa_private(), "dp", dp)).kind(),
        ErrorKind::InvalidKey
    );
}

#[test]
fn oversized_rsa_is_over_the_limit() {
    let mut n = vec![0x80u8; 1025];
    n[1024] = 1;
    let e = err(json!({"kty": "RSA", "n": b64(&n), "e": "AQAB"}));
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert!(e.message().contains("8200 bits"), "{e}");
}

#[test]
fn multi_prime_rsa_is_refused_clearly() {
    let v = with(
        rsa_private(),
        "oth",
        json!([{"r": "AQAB", "d": "AQAB", "t": "AQAB"}]),
    );
    let e = err(v);
    assert_eq!(e.kind(), ErrorKind::UnsupportedKey);
    assert!(e.message().contains("multi-prime"), "{e}");
}

#[test]
fn private_members_of_another_key_type_are_refused() {
    let e = err(with(ec_private(), "k", json!("AAAA")));
    assert_eq!(e.kind(), ErrorKind::InvalidKey);
    assert!(e.message().contains("\"k\""), "{e}");
    assert_eq!(
        err(json!({"kty": "oct", "k": "AAAA", "d": "AAAA"})).kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        err(with(rsa_private(), "k", json!("AAAA"))).kind(),
        ErrorKind::InvalidKey
    );
}

#[test]
fn key_ops_repeats_are_found_by_name_and_in_linear_time() {
    let mut k = Jwk::generate_for("HS256").unwrap();
    // An unregistered value spelled like a registered one is that operation.
    let err = k
        .set_key_ops(vec![KeyOperation::Sign, KeyOperation::Other("sign".into())])
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    k.set_key_ops(vec![KeyOperation::Other("verify".into())])
        .unwrap();
    assert_eq!(k.key_ops(), Some(&[KeyOperation::Verify][..]));
    let round_trip = Jwk::from_json(&k.to_json()).unwrap();
    assert_eq!(round_trip.key_ops(), k.key_ops());
    // A hostile set (up to 1 MiB) whose key lists 80,000 distinct values is read at
    // once (a pairwise check took billions of comparisons), and a repeat at the end of
    // the list is still found.
    let many: Vec<String> = (0..80_000).map(|i| format!("op{i}")).collect();
    let secret = json!({"kty": "oct", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"});
    let set_of = |ops: &[String]| {
        let mut key = secret.clone();
        key["key_ops"] = json!(ops);
        JwkSet::from_json(&json!({"keys": [key]}).to_string())
    };
    let set = set_of(&many).unwrap();
    assert_eq!(set.keys()[0].key_ops().map(<[_]>::len), Some(80_000));
    let mut repeated = many;
    repeated.push("op7".into());
    assert_eq!(set_of(&repeated).unwrap_err().kind(), ErrorKind::InvalidKey);
}

#[test]
fn use_key_ops_and_alg_conflicts_are_rejected() {
    let oct = json!({"kty": "oct", "k": b64(&[7u8; 32])});
    let conflicts = [
        json!({"use": "sig", "key_ops": ["encrypt"]}),
        json!({"use": "enc", "key_ops": ["sign"]}),
        json!({"alg": "HS256", "use": "enc"}),
        json!({"alg": "A256KW", "use": "sig"}),
        json!({"alg": "HS256", "key_ops": ["wrapKey"]}),
        json!({"alg": "A256GCM", "key_ops": ["verify"]}),
        json!({"key_ops": ["sign", "sign"]}),
        json!({"key_ops": ["sign", "verify", "verify"]}),
        json!({"key_ops": ["launch", "sign", "launch"]}),
        json!({"key_ops": "sign"}),
        json!({"key_ops": [1]}),
        json!({"use": 1}),
        json!({"kid": 1}),
        json!({"alg": ["HS256"]}),
    ];
    for extra in conflicts {
        let mut v = oct.clone();
        v.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        assert_eq!(err(v.clone()).kind(), ErrorKind::InvalidKey, "{v}");
    }
    let mut ok = oct.clone();
    ok.as_object_mut().unwrap().extend(
        json!({"alg": "HS256", "use": "sig", "key_ops": ["sign", "verify"]})
            .as_object()
            .unwrap()
            .clone(),
    );
    let k = key(ok);
    assert_eq!(
        k.key_ops(),
        Some(&[KeyOperation::Sign, KeyOperation::Verify][..])
    );
}

#[test]
fn alg_must_fit_the_key_type() {
    let e = err(with(rsa_private(), "alg", json!("ES256")));
    assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch);
    assert!(e.message().contains("ES256"), "{e}");
    assert_eq!(
        err(with(ec_private(), "alg", json!("ES384"))).kind(),
        ErrorKind::KeyTypeMismatch
    );
    assert_eq!(
        err(with(ec_private(), "alg", json!("HS256"))).kind(),
        ErrorKind::KeyTypeMismatch
    );
    let oct = json!({"kty": "oct", "k": b64(&[7u8; 16])});
    assert_eq!(
        err(with(oct.clone(), "alg", json!("RS256"))).kind(),
        ErrorKind::KeyTypeMismatch
    );
    // Unknown and absent algorithms.
    assert_eq!(
        err(with(oct.clone(), "alg", json!("none"))).kind(),
        ErrorKind::UnsupportedAlg
    );
    assert_eq!(
        err(with(oct.clone(), "alg", json!("HS1"))).kind(),
        ErrorKind::UnsupportedAlg
    );
    // A weak key with a fitting alg is importable: strength is checked at use.
    let weak = key(with(oct, "alg", json!("HS256")));
    assert_eq!(
        JwsBuilder::new(b"x".as_slice())
            .sign(&weak, SignatureAlgorithm::HS256, Default::default(), None)
            .unwrap_err()
            .kind(),
        ErrorKind::WeakKey
    );
}

#[test]
fn setters_check_consistency() {
    let mut k = Jwk::generate_oct(256).unwrap();
    k.set_kid("a");
    assert_eq!(k.kid(), Some("a"));
    k.set_use(KeyUse::Signature).unwrap();
    assert_eq!(
        k.set_alg("A256KW").unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        k.set_alg("ES256").unwrap_err().kind(),
        ErrorKind::KeyTypeMismatch
    );
    assert_eq!(
        k.set_alg("nope").unwrap_err().kind(),
        ErrorKind::UnsupportedAlg
    );
    k.set_alg("HS256").unwrap();
    assert_eq!(k.alg(), Some("HS256"));
    assert_eq!(
        k.set_key_ops(vec![KeyOperation::Decrypt])
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        k.set_key_ops(vec![KeyOperation::Sign, KeyOperation::Sign])
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidKey
    );
    k.set_key_ops(vec![KeyOperation::Verify]).unwrap();
    assert_eq!(
        k.set_use(KeyUse::Encryption).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        k.key_use(),
        Some(&KeyUse::Signature),
        "a failed setter changes nothing"
    );
    let v = k.to_value();
    assert_eq!(v["key_ops"], json!(["verify"]));
    assert_eq!(v["use"], "sig");
}
