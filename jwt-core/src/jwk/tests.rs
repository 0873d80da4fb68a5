//! Unit tests of `Jwk::authorize`, the crate-private check that a key fits an
//! algorithm, an operation and its own `alg`, `use` and `key_ops` (every sign, verify,
//! encrypt and decrypt goes through it), and the helpers the key modules' unit tests
//! share (`thumbprint.rs`, `set.rs`, `pem.rs`). Key import, export and every rejection
//! at import are tested through the public API in the tests crate
//! (`tests/tests/api/jwk.rs`).

use super::*;
use crate::jwa::{KeyManagementAlgorithm, SignatureAlgorithm};
use serde_json::json;

/// Reads a JSON file of the RFC vectors.
pub(crate) use jwt_test_vectors::load as vector;

/// The examples of an RFC vector file, by id.
pub(crate) use jwt_test_vectors::example;

pub(crate) fn key(v: Value) -> Jwk {
    Jwk::from_value(&v).unwrap_or_else(|e| panic!("{e}: {v}"))
}

fn err(v: Value) -> Error {
    match Jwk::from_json(&v.to_string()) {
        Ok(k) => panic!("accepted {k:?}"),
        Err(e) => e,
    }
}

fn b64(bytes: &[u8]) -> String {
    crate::base64url::encode(bytes)
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

const HS256: KeyRequirement = KeyRequirement::OctAtLeast(32);

// ---- authorize ----

fn sig_req(alg: SignatureAlgorithm) -> KeyRequirement {
    alg.key_requirement()
}

#[test]
fn authorize_accepts_fitting_keys() {
    let rsa = key(rsa_private());
    for alg in [SignatureAlgorithm::RS256, SignatureAlgorithm::PS512] {
        rsa.authorize(alg.name(), sig_req(alg), KeyOperation::Sign)
            .unwrap();
        rsa.authorize(alg.name(), sig_req(alg), KeyOperation::Verify)
            .unwrap();
    }
    let oaep = KeyManagementAlgorithm::RsaOaep256;
    rsa.authorize(oaep.name(), oaep.key_requirement(), KeyOperation::UnwrapKey)
        .unwrap();
    let ec = key(ec_private());
    let es = SignatureAlgorithm::ES256;
    ec.authorize("ES256", sig_req(es), KeyOperation::Sign)
        .unwrap();
    let ecdh = KeyManagementAlgorithm::EcdhEs;
    ec.authorize("ECDH-ES", ecdh.key_requirement(), KeyOperation::DeriveKey)
        .unwrap();
    let okp = key(example("rfc/rfc8037_appendix_a.json", "rfc8037-A.1")["jwk"].clone());
    okp.authorize(
        "EdDSA",
        sig_req(SignatureAlgorithm::EdDSA),
        KeyOperation::Sign,
    )
    .unwrap();
    okp.authorize(
        "Ed25519",
        sig_req(SignatureAlgorithm::Ed25519),
        KeyOperation::Sign,
    )
    .unwrap();
    // RFC 7520 §5.6: a key with alg A256GCM is the dir key for A256GCM.
    let dir = key(vector("rfc7520/jwk/3_6.symmetric_key_encryption.json"));
    dir.authorize("dir", KeyRequirement::OctExactly(32), KeyOperation::Decrypt)
        .unwrap();
    assert_eq!(
        dir.authorize("dir", KeyRequirement::OctExactly(64), KeyOperation::Decrypt)
            .unwrap_err()
            .kind(),
        ErrorKind::WeakKey
    );
    assert_eq!(
        dir.authorize(
            "A256KW",
            KeyRequirement::OctExactly(32),
            KeyOperation::UnwrapKey
        )
        .unwrap_err()
        .kind(),
        ErrorKind::KeyTypeMismatch
    );
}

#[test]
fn authorize_enforces_alg_pinning() {
    let pinned = key(with(rsa_private(), "alg", json!("RS256")));
    pinned
        .authorize("RS256", KeyRequirement::Rsa, KeyOperation::Sign)
        .unwrap();
    for other in ["PS256", "RS384", "RSA-OAEP"] {
        let e = pinned
            .authorize(other, KeyRequirement::Rsa, KeyOperation::Verify)
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch, "{other}");
        assert!(e.message().contains("restricted to alg \"RS256\""), "{e}");
    }
    let hs = key(vector("rfc7520/jwk/3_5.symmetric_key_mac_computation.json"));
    assert_eq!(
        hs.authorize(
            "HS512",
            KeyRequirement::OctAtLeast(64),
            KeyOperation::Verify
        )
        .unwrap_err()
        .kind(),
        ErrorKind::KeyTypeMismatch
    );
}

#[test]
fn authorize_enforces_use() {
    let enc = key(with(rsa_private(), "use", json!("enc")));
    for op in [KeyOperation::Sign, KeyOperation::Verify] {
        let e = enc.authorize("RS256", KeyRequirement::Rsa, op).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch);
        assert!(e.message().contains("use \"enc\""), "{e}");
    }
    enc.authorize("RSA-OAEP", KeyRequirement::Rsa, KeyOperation::UnwrapKey)
        .unwrap();
    let sig = key(with(rsa_private(), "use", json!("sig")));
    assert_eq!(
        sig.authorize("RSA-OAEP", KeyRequirement::Rsa, KeyOperation::WrapKey)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyTypeMismatch
    );
    let other = key(with(rsa_private(), "use", json!("tls")));
    assert_eq!(other.key_use(), Some(&KeyUse::Other("tls".into())));
    assert_eq!(other.to_value()["use"], "tls");
    for op in KeyOperation::ALL {
        assert!(other.authorize("RS256", KeyRequirement::Rsa, op).is_err());
    }
}

#[test]
fn authorize_enforces_key_ops() {
    let verify_only = key(with(rsa_private(), "key_ops", json!(["verify"])));
    verify_only
        .authorize("RS256", KeyRequirement::Rsa, KeyOperation::Verify)
        .unwrap();
    let e = verify_only
        .authorize("RS256", KeyRequirement::Rsa, KeyOperation::Sign)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch);
    assert!(e.message().contains("key_ops"), "{e}");
    let none = key(with(rsa_private(), "key_ops", json!([])));
    for op in KeyOperation::ALL {
        assert!(none.authorize("RS256", KeyRequirement::Rsa, op).is_err());
    }
}

#[test]
fn unknown_key_ops_are_kept_and_allow_nothing() {
    // RFC 7517 §4.3 permits values beyond the registered ones.
    let k = key(with(rsa_private(), "key_ops", json!(["launch", "sign"])));
    assert_eq!(
        k.key_ops(),
        Some(&[KeyOperation::Other("launch".into()), KeyOperation::Sign][..])
    );
    k.authorize("RS256", KeyRequirement::Rsa, KeyOperation::Sign)
        .unwrap();
    for op in KeyOperation::ALL.into_iter().skip(1) {
        let e = k
            .authorize("RS256", KeyRequirement::Rsa, op.clone())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch, "{op}");
    }
    // Written back as read, and read back the same.
    let v = k.to_value();
    assert_eq!(v["key_ops"], json!(["launch", "sign"]));
    assert_eq!(key(v).key_ops(), k.key_ops());
    // Only unknown ops: the key is read but allows nothing.
    let only = key(with(rsa_private(), "key_ops", json!(["Sign"])));
    for op in KeyOperation::ALL {
        assert!(only.authorize("RS256", KeyRequirement::Rsa, op).is_err());
    }
    // The setter takes them too.
    let mut k = k;
    k.set_key_ops(vec![KeyOperation::Other("x".into()), KeyOperation::Verify])
        .unwrap();
    assert_eq!(k.to_value()["key_ops"], json!(["x", "verify"]));
}

#[test]
fn authorize_needs_the_private_key_for_private_operations() {
    let public = key(without(rsa_private(), &["d", "p", "q", "dp", "dq", "qi"]));
    public
        .authorize("RS256", KeyRequirement::Rsa, KeyOperation::Verify)
        .unwrap();
    public
        .authorize("RSA-OAEP", KeyRequirement::Rsa, KeyOperation::WrapKey)
        .unwrap();
    for op in [
        KeyOperation::Sign,
        KeyOperation::Decrypt,
        KeyOperation::UnwrapKey,
        KeyOperation::DeriveKey,
    ] {
        let e = public
            .authorize("RS256", KeyRequirement::Rsa, op.clone())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch, "{op}");
        assert!(e.message().contains("private key"), "{e}");
    }
}

#[test]
fn authorize_checks_type_curve_and_strength() {
    let rsa = key(rsa_private());
    let ec = key(ec_private());
    let mismatch = |k: &Jwk, alg: &str, req| {
        k.authorize(alg, req, KeyOperation::Verify)
            .unwrap_err()
            .kind()
    };
    assert_eq!(
        mismatch(&rsa, "ES256", KeyRequirement::Ec(Curve::P256)),
        ErrorKind::KeyTypeMismatch
    );
    assert_eq!(
        mismatch(&ec, "ES384", KeyRequirement::Ec(Curve::P384)),
        ErrorKind::KeyTypeMismatch
    );
    assert_eq!(
        mismatch(&ec, "EdDSA", KeyRequirement::EdwardsCurve),
        ErrorKind::KeyTypeMismatch
    );
    assert_eq!(mismatch(&ec, "HS256", HS256), ErrorKind::KeyTypeMismatch);
    assert_eq!(mismatch(&rsa, "HS256", HS256), ErrorKind::KeyTypeMismatch);

    // RSA under 2048 bits: the public key is read and refused at use; the private key
    // cannot even be built by the backend, so it is refused at import, as weak.
    let weak: Value = serde_json::from_str(include_str!("testdata/rsa1024.json")).unwrap();
    let e = err(weak.clone());
    assert_eq!(e.kind(), ErrorKind::WeakKey);
    assert!(e.message().contains("1024 bits"), "{e}");
    let weak = key(without(weak, &["d", "p", "q", "dp", "dq", "qi"]));
    let e = weak
        .authorize("RS256", KeyRequirement::Rsa, KeyOperation::Verify)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::WeakKey);
    assert!(e.message().contains("1024 bits"), "{e}");
    assert_eq!(
        mismatch(&weak, "RSA-OAEP", KeyRequirement::Rsa),
        ErrorKind::WeakKey
    );

    // HMAC shorter than the hash.
    let k31 = key(json!({"kty": "oct", "k": b64(&[1u8; 31])}));
    assert_eq!(mismatch(&k31, "HS256", HS256), ErrorKind::WeakKey);
    let k32 = key(json!({"kty": "oct", "k": b64(&[1u8; 32])}));
    k32.authorize("HS256", HS256, KeyOperation::Sign).unwrap();
    assert_eq!(
        mismatch(&k32, "HS384", KeyRequirement::OctAtLeast(48)),
        ErrorKind::WeakKey
    );
    let k64 = key(json!({"kty": "oct", "k": b64(&[1u8; 64])}));
    k64.authorize("HS256", HS256, KeyOperation::Sign).unwrap();

    // AES keys of exactly the algorithm's size.
    let a128 = KeyManagementAlgorithm::A128Kw.key_requirement();
    let k16 = key(json!({"kty": "oct", "k": b64(&[1u8; 16])}));
    k16.authorize("A128KW", a128, KeyOperation::WrapKey)
        .unwrap();
    assert_eq!(
        k32.authorize("A128KW", a128, KeyOperation::WrapKey)
            .unwrap_err()
            .kind(),
        ErrorKind::KeyTypeMismatch
    );
    let k8 = key(json!({"kty": "oct", "k": b64(&[1u8; 8])}));
    assert_eq!(
        k8.authorize("A128KW", a128, KeyOperation::WrapKey)
            .unwrap_err()
            .kind(),
        ErrorKind::WeakKey
    );
    // Any non-empty password.
    k8.authorize(
        "PBES2-HS256+A128KW",
        KeyRequirement::Password,
        KeyOperation::WrapKey,
    )
    .unwrap();
}

#[test]
fn authorize_checks_curves_of_okp_and_key_agreement() {
    let ed = key(example("rfc/rfc8037_appendix_a.json", "rfc8037-A.1")["jwk"].clone());
    let x25519 = Jwk::generate_okp(Curve::X25519).unwrap();
    let k256 = Jwk::generate_ec(Curve::Secp256k1).unwrap();
    let kind = |k: &Jwk, alg: &str, req| {
        k.authorize(alg, req, KeyOperation::DeriveKey)
            .unwrap_err()
            .kind()
    };
    assert_eq!(
        kind(&ed, "ECDH-ES", KeyRequirement::KeyAgreement),
        ErrorKind::KeyTypeMismatch
    );
    assert_eq!(
        kind(&k256, "ECDH-ES", KeyRequirement::KeyAgreement),
        ErrorKind::KeyTypeMismatch
    );
    x25519
        .authorize(
            "ECDH-ES",
            KeyRequirement::KeyAgreement,
            KeyOperation::DeriveKey,
        )
        .unwrap();
    let sign = |k: &Jwk, alg: &str, req| {
        k.authorize(alg, req, KeyOperation::Sign)
            .unwrap_err()
            .kind()
    };
    assert_eq!(
        sign(&x25519, "EdDSA", KeyRequirement::EdwardsCurve),
        ErrorKind::KeyTypeMismatch
    );
    assert_eq!(
        sign(&x25519, "Ed25519", KeyRequirement::Okp(Curve::Ed25519)),
        ErrorKind::KeyTypeMismatch
    );
    assert_eq!(
        sign(&ed, "Ed448", KeyRequirement::Okp(Curve::Ed448)),
        ErrorKind::KeyTypeMismatch
    );
    assert_eq!(
        sign(&k256, "ES256", KeyRequirement::Ec(Curve::P256)),
        ErrorKind::KeyTypeMismatch
    );
    k256.authorize(
        "ES256K",
        KeyRequirement::Ec(Curve::Secp256k1),
        KeyOperation::Sign,
    )
    .unwrap();
}
