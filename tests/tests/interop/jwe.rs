//! JWE interop with jwcrypto, both ways: every key-management algorithm jwcrypto has
//! crossed with every content encryption (the full matrix, ECDH-ES variants on every
//! curve), compact; general JSON with two recipients, a shared unprotected header and
//! `aad`; flattened JSON; `zip: DEF`; `apu`/`apv`; and the PBES2 `p2c` bounds of both
//! sides.
//!
//! Each direction is one Python run carrying every case.

use crate::support::{self, check_outcomes, entries, import, script, text, KeyCache};
use jwt_core::jwe::{JweBuilder, JweDecrypter, Recipient};
use jwt_core::{
    base64url, ContentEncryptionAlgorithm as Enc, ErrorKind, Jwk, JwkSet,
    KeyManagementAlgorithm as Kma, KeyType, Limits,
};
use jwt_tests::jwcrypto;
use serde_json::{json, Value};

const PLAINTEXT: &str = r#"{"msg":"Live long and prosper. ✓","n":[1,2,3]}"#;
const AAD: &[u8] = b"additional \x00 authenticated data";

/// A plaintext that DEFLATE shrinks a lot.
fn compressible() -> String {
    "The true sign of intelligence is not knowledge but imagination. ".repeat(64)
}

/// jwcrypto's ECDH-ES curves (X448 with the `curve448` feature).
fn ecdh_curves() -> Vec<&'static str> {
    let mut curves = vec!["P-256", "P-384", "P-521", "X25519"];
    if cfg!(feature = "curve448") {
        curves.push("X448");
    }
    curves
}

/// The `JWK.generate` arguments of a key for `alg` (and `enc`, which sizes a `dir` key).
fn key_params(alg: Kma, enc: Enc, curve: &str) -> Value {
    use Kma::*;
    let oct = |bits: usize| json!({"kty": "oct", "size": bits});
    match alg {
        Rsa1_5 | RsaOaep | RsaOaep256 => json!({"kty": "RSA", "size": 2048}),
        A128Kw | A128GcmKw => oct(128),
        A192Kw | A192GcmKw => oct(192),
        A256Kw | A256GcmKw => oct(256),
        Dir => oct(enc.key_len() * 8),
        // PBES2 takes any octets as the password; jwcrypto uses the key's `k`.
        Pbes2Hs256A128Kw | Pbes2Hs384A192Kw | Pbes2Hs512A256Kw => oct(256),
        EcdhEs | EcdhEsA128Kw | EcdhEsA192Kw | EcdhEsA256Kw if curve.starts_with('X') => {
            json!({"kty": "OKP", "crv": curve})
        }
        _ => json!({"kty": "EC", "crv": curve}),
    }
}

/// One compact case of the matrix.
struct Case {
    name: String,
    alg: Kma,
    enc: Enc,
    params: Value,
}

/// Every algorithm jwcrypto 1.5.6 has, with every `enc`; the ECDH-ES family on every
/// curve. (jwcrypto lacks RSA-OAEP-384 and RSA-OAEP-512.)
fn matrix() -> Vec<Case> {
    use Kma::*;
    let plain = [
        Rsa1_5,
        RsaOaep,
        RsaOaep256,
        A128Kw,
        A192Kw,
        A256Kw,
        Dir,
        A128GcmKw,
        A192GcmKw,
        A256GcmKw,
        Pbes2Hs256A128Kw,
        Pbes2Hs384A192Kw,
        Pbes2Hs512A256Kw,
    ];
    let ecdh = [EcdhEs, EcdhEsA128Kw, EcdhEsA192Kw, EcdhEsA256Kw];
    let mut pairs: Vec<(Kma, &str)> = plain.iter().map(|&alg| (alg, "")).collect();
    for curve in ecdh_curves() {
        pairs.extend(ecdh.iter().map(|&alg| (alg, curve)));
    }
    let mut cases = Vec::new();
    for (alg, curve) in pairs {
        for &enc in Enc::ALL {
            let on = if curve.is_empty() {
                String::new()
            } else {
                format!(" on {curve}")
            };
            cases.push(Case {
                name: format!("{alg}{on} + {enc}"),
                alg,
                enc,
                params: key_params(alg, enc, curve),
            });
        }
    }
    cases
}

/// The key a sender encrypts to: the public half when there is one.
fn recipient_key(key: &Jwk) -> Jwk {
    if key.key_type() == KeyType::Oct {
        key.clone()
    } else {
        key.public().unwrap()
    }
}

/// A token for jwcrypto to decrypt, and the plaintext it must yield (`None`: it must
/// fail). `rsa1_5` extends jwcrypto's allow-list, which leaves RSA1_5 out by default.
struct Item {
    name: String,
    token: String,
    key: Value,
    expected: Option<String>,
    rsa1_5: bool,
}

impl Item {
    fn new(name: impl Into<String>, token: String, key: &Jwk, expected: Option<&str>) -> Self {
        Item {
            name: name.into(),
            token,
            key: key.to_value(),
            expected: expected.map(str::to_owned),
            rsa1_5: true,
        }
    }
}

const DECRYPT_PY: &str = r#"
def decrypt(item):
    algs = jwe.default_allowed_algs + (["RSA1_5"] if item["rsa1_5"] else [])
    t = jwe.JWE(algs=algs)
    t.deserialize(item["token"], load_key(item["key"]))
    return text(t.payload)

reply = [attempt(lambda: decrypt(item)) for item in request]
"#;

fn jwcrypto_decrypts(items: &[Item]) {
    let request: Vec<Value> = items
        .iter()
        .map(|i| json!({"token": i.token, "key": i.key, "rsa1_5": i.rsa1_5}))
        .collect();
    let reply = jwcrypto::run(&script(DECRYPT_PY), &json!(request));
    let expected = items
        .iter()
        .map(|i| (i.name.as_str(), i.expected.as_deref()));
    check_outcomes("jwcrypto", expected, &reply);
}

fn encrypt_compact(key: &Jwk, alg: Kma, enc: Enc, name: &str) -> String {
    JweBuilder::new(PLAINTEXT.as_bytes(), enc)
        .recipient(Recipient::new(&recipient_key(key), alg))
        .compact()
        .unwrap_or_else(|e| panic!("{name}: encrypting failed: {e}"))
}

#[test]
fn jwcrypto_decrypts_what_we_encrypt_in_compact_form() {
    let mut keys = KeyCache::default();
    let mut items = Vec::new();
    for case in matrix() {
        let key = keys.get(&case.params);
        let token = encrypt_compact(&key, case.alg, case.enc, &case.name);
        items.push(Item::new(case.name, token, &key, Some(PLAINTEXT)));
    }
    // jwcrypto refuses RSA1_5 unless it is allowed by name, as we do.
    let rsa = keys.get(&key_params(Kma::Rsa1_5, Enc::A128Gcm, ""));
    let token = encrypt_compact(&rsa, Kma::Rsa1_5, Enc::A128Gcm, "RSA1_5");
    let mut refused = Item::new("RSA1_5 under jwcrypto's defaults", token, &rsa, None);
    refused.rsa1_5 = false;
    items.push(refused);
    jwcrypto_decrypts(&items);
}

#[test]
fn jwcrypto_decrypts_our_json_deflate_apu_apv_and_p2c_bounds() {
    let mut keys = KeyCache::default();
    let mut key = |alg: Kma, curve: &str| keys.get(&key_params(alg, Enc::A128Gcm, curve));
    let rsa = key(Kma::RsaOaep256, "");
    let x25519 = key(Kma::EcdhEsA256Kw, "X25519");
    let p384 = key(Kma::EcdhEsA128Kw, "P-384");
    let kw = key(Kma::A128Kw, "");
    let gcmkw = key(Kma::A192GcmKw, "");
    let password = key(Kma::Pbes2Hs512A256Kw, "");
    let zipped = compressible();
    let mut items = Vec::new();

    let general = JweBuilder::new(PLAINTEXT.as_bytes(), Enc::A256Gcm)
        .shared_header("x-shared", "for everyone")
        .aad(AAD)
        .recipient(Recipient::new(&recipient_key(&rsa), Kma::RsaOaep256).kid("rsa"))
        .recipient(Recipient::new(&recipient_key(&x25519), Kma::EcdhEsA256Kw).kid("x"))
        .json_general()
        .unwrap();
    items.push(Item::new(
        "general, RSA recipient",
        general.clone(),
        &rsa,
        Some(PLAINTEXT),
    ));
    items.push(Item::new(
        "general, X25519 recipient",
        general.clone(),
        &x25519,
        Some(PLAINTEXT),
    ));
    items.push(Item::new(
        "general, a stranger",
        general.clone(),
        &p384,
        None,
    ));
    let mut tampered: Value = serde_json::from_str(&general).unwrap();
    tampered["aad"] = json!(base64url::encode(b"other data"));
    items.push(Item::new(
        "general, aad replaced",
        tampered.to_string(),
        &rsa,
        None,
    ));

    let gcm_and_password = JweBuilder::new(PLAINTEXT.as_bytes(), Enc::A192CbcHs384)
        .recipient(Recipient::new(&gcmkw, Kma::A192GcmKw))
        .recipient(Recipient::new(&password, Kma::Pbes2Hs512A256Kw))
        .json_general()
        .unwrap();
    items.push(Item::new(
        "general, A192GCMKW",
        gcm_and_password.clone(),
        &gcmkw,
        Some(PLAINTEXT),
    ));
    items.push(Item::new(
        "general, PBES2",
        gcm_and_password,
        &password,
        Some(PLAINTEXT),
    ));

    let flattened = JweBuilder::new(PLAINTEXT.as_bytes(), Enc::A128CbcHs256)
        .aad(AAD)
        .recipient(Recipient::new(&kw, Kma::A128Kw))
        .json_flattened()
        .unwrap();
    items.push(Item::new(
        "flattened with aad",
        flattened,
        &kw,
        Some(PLAINTEXT),
    ));
    let flattened_ecdh = JweBuilder::new(PLAINTEXT.as_bytes(), Enc::A256CbcHs512)
        .recipient(Recipient::new(&recipient_key(&p384), Kma::EcdhEsA128Kw))
        .json_flattened()
        .unwrap();
    items.push(Item::new(
        "flattened ECDH-ES+A128KW",
        flattened_ecdh,
        &p384,
        Some(PLAINTEXT),
    ));

    let deflated = JweBuilder::new(zipped.as_bytes(), Enc::A256Gcm)
        .deflate()
        .recipient(Recipient::new(&recipient_key(&rsa), Kma::RsaOaep256))
        .compact()
        .unwrap();
    assert!(
        deflated.len() < zipped.len() / 2,
        "DEFLATE did not shrink it"
    );
    items.push(Item::new("zip DEF compact", deflated, &rsa, Some(&zipped)));
    let deflated_json = JweBuilder::new(zipped.as_bytes(), Enc::A128CbcHs256)
        .deflate()
        .aad(AAD)
        .recipient(Recipient::new(&kw, Kma::A128Kw))
        .json_flattened()
        .unwrap();
    items.push(Item::new(
        "zip DEF flattened",
        deflated_json,
        &kw,
        Some(&zipped),
    ));

    for (alg, key) in [(Kma::EcdhEs, &p384), (Kma::EcdhEsA256Kw, &x25519)] {
        let token = JweBuilder::new(PLAINTEXT.as_bytes(), Enc::A128Gcm)
            .recipient(
                Recipient::new(&recipient_key(key), alg)
                    .apu(b"Alice".to_vec())
                    .apv(b"Bob".to_vec()),
            )
            .compact()
            .unwrap();
        let header = protected_header(&token);
        assert_eq!(header["apu"], "QWxpY2U", "{alg}");
        assert_eq!(header["apv"], "Qm9i", "{alg}");
        items.push(Item::new(
            format!("{alg} with apu/apv"),
            token,
            key,
            Some(PLAINTEXT),
        ));
    }

    // Our encrypting default and our decrypting maximum pass jwcrypto, whose own
    // maximum is the same 16,384; one more is refused by both sides.
    for (p2c, ok) in [
        (None, true),
        (Some(1_000), true),
        (Some(16_384), true),
        (Some(16_385), false),
    ] {
        let mut recipient = Recipient::new(&password, Kma::Pbes2Hs256A128Kw);
        if let Some(p2c) = p2c {
            recipient = recipient.p2c(p2c);
        }
        let token = JweBuilder::new(PLAINTEXT.as_bytes(), Enc::A128Gcm)
            .recipient(recipient)
            .compact()
            .unwrap();
        let expected = p2c.unwrap_or(Limits::DEFAULT_PBES2_ITERATIONS);
        assert_eq!(protected_header(&token)["p2c"], expected);
        let ours =
            JweDecrypter::new([Kma::Pbes2Hs256A128Kw], [Enc::A128Gcm]).decrypt(&token, &password);
        if ok {
            ours.unwrap();
        } else {
            assert_eq!(ours.unwrap_err().kind(), ErrorKind::LimitExceeded);
        }
        let expected = ok.then_some(PLAINTEXT);
        items.push(Item::new(
            format!("PBES2 p2c {p2c:?}"),
            token,
            &password,
            expected,
        ));
    }
    jwcrypto_decrypts(&items);
}

fn protected_header(compact: &str) -> Value {
    let first = compact.split('.').next().unwrap();
    serde_json::from_slice(&base64url::decode(first).unwrap()).unwrap()
}

/// jwcrypto encrypts every matrix case compactly, plus JSON serializations, `zip`,
/// `apu`/`apv`, `aad`, and PBES2 tokens at several `p2c` (and tries one above its
/// own maximum).
const ENCRYPT_PY: &str = r#"
plaintext = request["plaintext"].encode()
algs = jwe.default_allowed_algs + ["RSA1_5"]

def private(k):
    return json.loads(k.export(private_key=True))

def encrypted(k, protected, data=plaintext, header=None):
    t = jwe.JWE(data, json.dumps(protected), algs=algs)
    t.add_recipient(k, header)
    return t

cases = []
for case in request["cases"]:
    k = key(case["params"])
    token = encrypted(k, {"alg": case["alg"], "enc": case["enc"]}).serialize(compact=True)
    cases.append({"key": private(k), "token": token})

rsa = key({"kty": "RSA", "size": 2048})
x25519 = key({"kty": "OKP", "crv": "X25519"})
p256 = key({"kty": "EC", "crv": "P-256"})
gcmkw = key({"kty": "oct", "size": 128})
password = key({"kty": "oct", "size": 256})
aad = request["aad"].encode()

general = jwe.JWE(plaintext, json.dumps({"enc": "A256CBC-HS512"}),
                  json.dumps({"x-shared": "for everyone"}), aad=aad, algs=algs)
general.add_recipient(rsa, {"alg": "RSA-OAEP", "kid": "rsa"})
general.add_recipient(x25519, {"alg": "ECDH-ES+A192KW", "kid": "x"})
general.add_recipient(gcmkw, {"alg": "A128GCMKW"})
general.add_recipient(password, {"alg": "PBES2-HS384+A192KW"})

flattened = encrypted(p256, {"alg": "ECDH-ES+A128KW", "enc": "A128GCM"})
flattened_aad = jwe.JWE(plaintext, json.dumps({"alg": "RSA1_5", "enc": "A192GCM"}), aad=aad, algs=algs)
flattened_aad.add_recipient(rsa)

zipped = request["zipped"].encode()
deflated = encrypted(rsa, {"alg": "RSA-OAEP-256", "enc": "A128CBC-HS256", "zip": "DEF"}, data=zipped)
deflated_json = jwe.JWE(zipped, json.dumps({"enc": "A256GCM", "zip": "DEF"}), aad=aad, algs=algs)
deflated_json.add_recipient(x25519, {"alg": "ECDH-ES"})

party = {"apu": "QWxpY2U", "apv": "Qm9i"}
apu_apv = [
    encrypted(p256, {"alg": "ECDH-ES", "enc": "A256GCM", **party}).serialize(compact=True),
    encrypted(x25519, {"alg": "ECDH-ES+A256KW", "enc": "A128CBC-HS256", **party}).serialize(compact=True),
]

def pbes2(p2c):
    protected = {"alg": "PBES2-HS256+A128KW", "enc": "A128GCM"}
    if p2c is not None:
        protected["p2c"] = p2c
    return encrypted(password, protected).serialize(compact=True)

reply = {
    "cases": cases,
    "keys": {"rsa": private(rsa), "x25519": private(x25519), "p256": private(p256),
             "gcmkw": private(gcmkw), "password": private(password)},
    "general": general.serialize(),
    "flattened": flattened.serialize(),
    "flattened_aad": flattened_aad.serialize(),
    "deflated": deflated.serialize(compact=True),
    "deflated_json": deflated_json.serialize(),
    "apu_apv": apu_apv,
    "pbes2": {str(p2c): pbes2(p2c) for p2c in (None, 999, 1000, 16384)},
    "p2c_too_large": attempt(lambda: pbes2(16385)),
}
"#;

/// A decrypter for exactly `alg` and `enc`.
fn decrypter(alg: Kma, enc: Enc) -> JweDecrypter {
    JweDecrypter::new([alg], [enc])
}

#[test]
fn we_decrypt_what_jwcrypto_encrypts() {
    let cases = matrix();
    let request: Vec<Value> = cases
        .iter()
        .map(|c| json!({"alg": c.alg.name(), "enc": c.enc.name(), "params": c.params}))
        .collect();
    let zipped = compressible();
    let reply = jwcrypto::run(
        &script(ENCRYPT_PY),
        &json!({
            "cases": request,
            "plaintext": PLAINTEXT,
            "zipped": zipped,
            "aad": std::str::from_utf8(AAD).unwrap(),
        }),
    );

    for (case, theirs) in cases.iter().zip(entries(&reply["cases"], cases.len())) {
        let name = &case.name;
        let key = import(&theirs["key"], name);
        let jwe = decrypter(case.alg, case.enc)
            .decrypt(text(theirs, "token"), &key)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(jwe.plaintext(), PLAINTEXT.as_bytes(), "{name}");
        assert_eq!((jwe.alg(), jwe.enc()), (case.alg, case.enc), "{name}");
    }

    let keys = &reply["keys"];
    let key = |name: &str| import(&keys[name], name);
    let (rsa, x25519, p256) = (key("rsa"), key("x25519"), key("p256"));
    let (gcmkw, password) = (key("gcmkw"), key("password"));

    let general = text(&reply, "general");
    let all = JweDecrypter::new(
        [
            Kma::RsaOaep,
            Kma::EcdhEsA192Kw,
            Kma::A128GcmKw,
            Kma::Pbes2Hs384A192Kw,
        ],
        [Enc::A256CbcHs512],
    );
    for (index, key) in [&rsa, &x25519, &gcmkw, &password].into_iter().enumerate() {
        let jwe = all
            .decrypt(general, key)
            .unwrap_or_else(|e| panic!("general, recipient {index}: {e}"));
        assert_eq!(jwe.plaintext(), PLAINTEXT.as_bytes());
        assert_eq!(jwe.recipient_index(), index);
        assert_eq!(jwe.header("x-shared"), Some(&json!("for everyone")));
    }
    // A set: the recipients' kids pick the keys.
    let mut named = (rsa.clone(), x25519.clone());
    named.0.set_kid("rsa");
    named.1.set_kid("x");
    let set = JwkSet::new(vec![named.1, named.0]);
    let jwe = all.decrypt(general, &set).unwrap();
    assert_eq!((jwe.recipient_index(), jwe.kid()), (0, Some("rsa")));
    let mut tampered: Value = serde_json::from_str(general).unwrap();
    tampered["aad"] = json!(base64url::encode(b"other data"));
    let error = all.decrypt(&tampered.to_string(), &rsa).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DecryptionFailed, "aad replaced");

    let flattened = decrypter(Kma::EcdhEsA128Kw, Enc::A128Gcm)
        .decrypt(text(&reply, "flattened"), &p256)
        .unwrap();
    assert_eq!(flattened.plaintext(), PLAINTEXT.as_bytes());
    assert!(
        flattened.recipient_header().get("epk").is_some(),
        "jwcrypto puts epk there"
    );
    let flattened_aad = text(&reply, "flattened_aad");
    let error = decrypter(Kma::RsaOaep, Enc::A192Gcm)
        .decrypt(flattened_aad, &rsa)
        .unwrap_err();
    assert_eq!(
        error.kind(),
        ErrorKind::AlgNotAllowed,
        "RSA1_5 unless named"
    );
    let jwe = decrypter(Kma::Rsa1_5, Enc::A192Gcm)
        .decrypt(flattened_aad, &rsa)
        .unwrap();
    assert_eq!(jwe.plaintext(), PLAINTEXT.as_bytes());

    let deflated = decrypter(Kma::RsaOaep256, Enc::A128CbcHs256)
        .decrypt(text(&reply, "deflated"), &rsa)
        .unwrap();
    assert_eq!(deflated.plaintext(), zipped.as_bytes());
    assert_eq!(deflated.header("zip"), Some(&json!("DEF")));
    let deflated_json = decrypter(Kma::EcdhEs, Enc::A256Gcm)
        .decrypt(text(&reply, "deflated_json"), &x25519)
        .unwrap();
    assert_eq!(deflated_json.plaintext(), zipped.as_bytes());

    let apu_apv = entries(&reply["apu_apv"], 2);
    for (token, alg, enc, key) in [
        (&apu_apv[0], Kma::EcdhEs, Enc::A256Gcm, &p256),
        (&apu_apv[1], Kma::EcdhEsA256Kw, Enc::A128CbcHs256, &x25519),
    ] {
        let token = token.as_str().unwrap();
        let jwe = decrypter(alg, enc).decrypt(token, key).unwrap();
        assert_eq!(jwe.plaintext(), PLAINTEXT.as_bytes(), "{alg} with apu/apv");
        assert_eq!(jwe.header("apu"), Some(&json!("QWxpY2U")));
        // The KDF binds apu/apv: another value derives another key.
        let mut header = protected_header(token);
        header["apv"] = json!("RXZl");
        let forged = format!(
            "{}.{}",
            base64url::encode(header.to_string()),
            token.split_once('.').unwrap().1
        );
        let error = decrypter(alg, enc).decrypt(&forged, key).unwrap_err();
        assert_eq!(
            error.kind(),
            ErrorKind::DecryptionFailed,
            "{alg}: apv changed"
        );
    }

    let pbes2 = &reply["pbes2"];
    let pbes2_decrypter = decrypter(Kma::Pbes2Hs256A128Kw, Enc::A128Gcm);
    for p2c in ["None", "1000", "16384"] {
        let token = text(pbes2, p2c);
        let jwe = pbes2_decrypter
            .decrypt(token, &password)
            .unwrap_or_else(|e| panic!("p2c {p2c}: {e}"));
        assert_eq!(jwe.plaintext(), PLAINTEXT.as_bytes());
    }
    // jwcrypto's default count is 8,192, inside our bounds.
    assert_eq!(protected_header(text(pbes2, "None"))["p2c"], 8192);
    // jwcrypto has no lower bound; ours refuses 999 unless the caller lowers it.
    let low = text(pbes2, "999");
    let error = pbes2_decrypter.decrypt(low, &password).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::LimitExceeded);
    let mut limits = Limits::default();
    limits.min_pbes2_iterations = 999;
    let jwe = pbes2_decrypter
        .with_limits(limits)
        .decrypt(low, &password)
        .unwrap();
    assert_eq!(jwe.plaintext(), PLAINTEXT.as_bytes());
    // jwcrypto will not even produce a count above its maximum.
    let too_large = support::outcome(&reply["p2c_too_large"]).unwrap_err();
    assert!(too_large.contains("too large"), "{too_large}");
}

/// Where jwcrypto is more lenient than RFC 7516/7518 or this library, on purpose:
/// jwcrypto writes `zip` into an unprotected header (RFC 7516 §4.1.3 says it must be
/// protected) and does ECDH-ES on secp256k1 (registered for ES256K signatures only,
/// RFC 8812 §3); we refuse both, with the error that says why. And jwcrypto cannot
/// return an empty plaintext (its `decrypt` takes an empty result for a failure),
/// so an empty JWE from us does not reach a jwcrypto application.
const LENIENT_PY: &str = r#"
o = jwk.JWK.generate(kty="oct", size=128)
zipped = jwe.JWE(b"x" * 200, json.dumps({"alg": "A128KW", "enc": "A128GCM"}), json.dumps({"zip": "DEF"}))
zipped.add_recipient(o)
k1 = jwk.JWK.generate(kty="EC", crv="secp256k1")
k1_token = jwe.JWE(b"hi", json.dumps({"alg": "ECDH-ES", "enc": "A128GCM"}))
k1_token.add_recipient(k1)

def empty():
    t = jwe.JWE()
    t.deserialize(request["empty"], load_key(request["key"]))
    return text(t.payload)

reply = {
    "oct": public(o), "zip": zipped.serialize(),
    "k1": json.loads(k1.export_private()), "k1_token": k1_token.serialize(compact=True),
    "empty": attempt(empty),
}
"#;

#[test]
fn deliberate_differences_from_jwcrypto() {
    let kw = Jwk::generate_oct(128).unwrap();
    let empty = JweBuilder::new(b"", Enc::A128Gcm)
        .recipient(Recipient::new(&kw, Kma::A128Kw))
        .compact()
        .unwrap();
    let ours = decrypter(Kma::A128Kw, Enc::A128Gcm)
        .decrypt(&empty, &kw)
        .unwrap();
    assert!(ours.plaintext().is_empty());
    let reply = jwcrypto::run(
        &script(LENIENT_PY),
        &json!({"empty": empty, "key": kw.to_value()}),
    );

    let error = support::outcome(&reply["empty"]).unwrap_err();
    assert!(error.contains("InvalidJWEData"), "{error}");

    let oct = import(&reply["oct"], "oct");
    let error = decrypter(Kma::A128Kw, Enc::A128Gcm)
        .decrypt(text(&reply, "zip"), &oct)
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidHeader, "{error}");
    assert!(error.message().contains("zip"), "{error}");

    let k1 = import(&reply["k1"], "secp256k1");
    let error = decrypter(Kma::EcdhEs, Enc::A128Gcm)
        .decrypt(text(&reply, "k1_token"), &k1)
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::KeyTypeMismatch, "{error}");
    assert!(error.message().contains("secp256k1"), "{error}");
}
