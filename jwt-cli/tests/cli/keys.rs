//! The key commands through the binary: keygen, pubkey, thumbprint, convert.

use crate::common::{jwt, TempDir};
use jwt_core::base64url;
use serde_json::{json, Value};

/// RFC 7638 §3.1: an RSA public key and its SHA-256 thumbprint.
const RFC7638_KEY: &str = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
const RFC7638_THUMBPRINT: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

/// RFC 8037 A.3: an Ed25519 public key and its SHA-256 thumbprint.
const RFC8037_KEY: &str =
    r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
const RFC8037_THUMBPRINT: &str = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

/// A self-signed P-256 certificate (made with openssl) and its key's members and
/// thumbprint (computed with jwcrypto).
const CERTIFICATE: &str = "-----BEGIN CERTIFICATE-----
MIIBhTCCASugAwIBAgIUWDjYo1Dg7ZITBzZ82oUa9RN67gUwCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMand0LWNsaSB0ZXN0MCAXDTI2MTEyODExMjg0NVoYDzIxMjYx
MTA0MTEyODQ1WjAXMRUwEwYDVQQDDAxqd3QtY2xpIHRlc3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAS1VOHRkY5yBltye8AfkDfKS3qDdSSj9MuoHHsunlBt9Jv8
ExukjEXBXTBOoU+S/4lDXgKJAYkXaw8z6HHcNTiIo1MwUTAdBgNVHQ4EFgQUNg80
pvkk2v+FSZ5gSCSBk84MWRgwHwYDVR0jBBgwFoAUNg80pvkk2v+FSZ5gSCSBk84M
WRgwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiAfOVC7FdpgB7c7
HDVBOaXYhAruUP8QZeISEM8hsoJ0ggIhAMguREGDSXpxtC3b2cBPyS1E4lCxDNbg
t933amzsPEYR
-----END CERTIFICATE-----
";
const CERTIFICATE_X: &str = "tVTh0ZGOcgZbcnvAH5A3ykt6g3Uko_TLqBx7Lp5QbfQ";
const CERTIFICATE_Y: &str = "m_wTG6SMRcFdME6hT5L_iUNeAokBiRdrDzPocdw1OIg";
const CERTIFICATE_THUMBPRINT: &str = "NTjqrMz3iaphAYTIXW9R-KqRdry905xbADuPVqeBd8g";

/// Runs `jwt keygen args...` and returns the JWK it printed.
fn keygen(args: &[&str]) -> Value {
    let mut line = vec!["keygen"];
    line.extend_from_slice(args);
    let run = jwt(&line, None);
    serde_json::from_str(run.success()).unwrap_or_else(|e| panic!("{e}: {run:?}"))
}

fn member_len(key: &Value, member: &str) -> usize {
    let text = key[member]
        .as_str()
        .unwrap_or_else(|| panic!("no {member} in {key}"));
    base64url::decode(text).unwrap().len()
}

fn thumbprint(file: &str) -> String {
    jwt(&["thumbprint", "--key", file], None)
        .success()
        .trim_end()
        .to_owned()
}

#[test]
fn keygen_makes_each_key_type_with_its_defaults() {
    let oct = keygen(&["--kty", "oct"]);
    assert_eq!(oct["kty"], "oct");
    assert_eq!(member_len(&oct, "k"), 32);
    assert_eq!(
        member_len(&keygen(&["--kty", "oct", "--size", "512"]), "k"),
        64
    );

    let ec = keygen(&["--kty", "EC"]);
    assert_eq!(
        (ec["kty"].as_str(), ec["crv"].as_str()),
        (Some("EC"), Some("P-256"))
    );
    for member in ["x", "y", "d"] {
        assert_eq!(member_len(&ec, member), 32, "{member}");
    }
    let p521 = keygen(&["--kty", "EC", "--crv", "P-521"]);
    assert_eq!(member_len(&p521, "d"), 66);
    assert_eq!(
        keygen(&["--kty", "EC", "--crv", "secp256k1"])["crv"],
        "secp256k1"
    );

    let okp = keygen(&["--kty", "OKP"]);
    assert_eq!(
        (okp["kty"].as_str(), okp["crv"].as_str()),
        (Some("OKP"), Some("Ed25519"))
    );
    assert_eq!(member_len(&okp, "x"), 32);
    assert_eq!(member_len(&okp, "d"), 32);
    assert_eq!(
        keygen(&["--kty", "OKP", "--crv", "X25519"])["crv"],
        "X25519"
    );
}

#[test]
fn keygen_makes_rsa_keys_of_the_asked_size() {
    let rsa = keygen(&["--kty", "RSA"]);
    assert_eq!(rsa["kty"], "RSA");
    assert_eq!(member_len(&rsa, "n"), 256);
    for member in ["e", "d", "p", "q", "dp", "dq", "qi"] {
        assert!(rsa[member].is_string(), "{member} in {rsa}");
    }
    assert_eq!(
        member_len(&keygen(&["--kty", "RSA", "--size", "3072"]), "n"),
        384
    );
}

#[test]
fn keygen_with_an_alg_alone_fits_the_key_to_it() {
    let cases = [
        ("HS256", "oct", None, Some(32)),
        ("HS512", "oct", None, Some(64)),
        ("A192KW", "oct", None, Some(24)),
        ("A128GCMKW", "oct", None, Some(16)),
        ("ES256", "EC", Some("P-256"), None),
        ("ES384", "EC", Some("P-384"), None),
        ("ES512", "EC", Some("P-521"), None),
        ("ES256K", "EC", Some("secp256k1"), None),
        ("Ed25519", "OKP", Some("Ed25519"), None),
        ("EdDSA", "OKP", Some("Ed25519"), None),
        ("RS256", "RSA", None, None),
    ];
    for (alg, kty, crv, secret_len) in cases {
        let key = keygen(&["--alg", alg]);
        assert_eq!(key["alg"], alg, "{key}");
        assert_eq!(key["kty"], kty, "{alg}: {key}");
        if let Some(crv) = crv {
            assert_eq!(key["crv"], crv, "{alg}: {key}");
        }
        if let Some(len) = secret_len {
            assert_eq!(member_len(&key, "k"), len, "{alg}");
        }
    }
    // --kty may be given too: the key is of that type and fits the algorithm.
    assert_eq!(keygen(&["--kty", "EC", "--alg", "ES384"])["crv"], "P-384");
    assert_eq!(
        member_len(&keygen(&["--kty", "oct", "--alg", "HS512"]), "k"),
        64
    );
    let x25519 = keygen(&["--kty", "OKP", "--alg", "ECDH-ES+A128KW"]);
    assert_eq!(
        (x25519["crv"].as_str(), x25519["alg"].as_str()),
        (Some("X25519"), Some("ECDH-ES+A128KW"))
    );
    let p256 = keygen(&["--kty", "EC", "--alg", "ECDH-ES"]);
    assert_eq!(p256["crv"], "P-256");
    // --size alone with --alg implies the key type.
    assert_eq!(
        member_len(&keygen(&["--alg", "HS256", "--size", "384"]), "k"),
        48
    );
    // With --size/--crv the flags decide the key and --alg is checked against it.
    let key = keygen(&["--kty", "oct", "--size", "384", "--alg", "HS256"]);
    assert_eq!(
        (member_len(&key, "k"), key["alg"].as_str()),
        (48, Some("HS256"))
    );
}

#[test]
fn keygen_sets_use_and_kid() {
    let key = keygen(&["--kty", "EC", "--use", "sig", "--kid", "k-1"]);
    assert_eq!(
        (key["use"].as_str(), key["kid"].as_str()),
        (Some("sig"), Some("k-1"))
    );
    let key = keygen(&["--kty", "OKP", "--crv", "X25519", "--use", "enc"]);
    assert_eq!(key["use"], "enc");

    let dir = TempDir::new("kid-thumbprint");
    let key = keygen(&["--kty", "EC", "--kid-thumbprint"]);
    let file = dir.file("key.jwk", key.to_string());
    assert_eq!(key["kid"].as_str(), Some(thumbprint(&file).as_str()));
}

#[test]
fn keygen_refuses_contradictory_or_unknown_choices() {
    let cases: &[(&[&str], &str)] = &[
        (&["--kty", "EC", "--size", "256"], "malformed"),
        (&["--kty", "RSA", "--crv", "P-256"], "malformed"),
        (&["--kty", "EC", "--crv", "Ed25519"], "malformed"),
        (&["--kty", "OKP", "--crv", "P-256"], "malformed"),
        (&["--kty", "EC", "--crv", "P-999"], "unsupported_key"),
        (&["--alg", "HS999"], "unsupported_alg"),
        (&["--alg", "hs256"], "unsupported_alg"),
        (&["--kty", "RSA", "--alg", "ES256"], "key_type_mismatch"),
        (
            &["--kty", "EC", "--crv", "P-384", "--alg", "ES256"],
            "key_type_mismatch",
        ),
        (
            &["--kty", "oct", "--size", "128", "--alg", "HS256"],
            "weak_key",
        ),
        (
            &["--kty", "EC", "--kid", "a", "--kid-thumbprint"],
            "malformed",
        ),
        (&["--kty", "EC", "--use", "signing"], "malformed"),
        (&["--kty", "rsa"], "malformed"),
        (&[], "malformed"),
    ];
    for (args, kind) in cases {
        let mut line = vec!["keygen"];
        line.extend_from_slice(args);
        jwt(&line, None).failure(2, kind);
        line.push("--json");
        jwt(&line, None).json_failure(2, kind);
    }
}

#[test]
fn keygen_json_wraps_the_key() {
    let run = jwt(&["keygen", "--kty", "oct", "--json"], None);
    run.success();
    let out = run.json();
    assert_eq!(out["ok"], true);
    assert_eq!(out["jwk"]["kty"], "oct");
    assert_eq!(out.as_object().map(|o| o.len()), Some(2), "{out}");
}

#[test]
fn pubkey_removes_private_members_and_keeps_the_rest() {
    let dir = TempDir::new("pubkey");
    let private = keygen(&["--kty", "EC", "--kid", "me", "--use", "sig"]);
    let file = dir.file("private.jwk", private.to_string());
    let run = jwt(&["pubkey", "--key", &file], None);
    let public: Value = serde_json::from_str(run.success()).unwrap();
    let mut expected = private.clone();
    expected.as_object_mut().unwrap().remove("d");
    assert_eq!(public, expected);

    let run = jwt(&["pubkey", "--key", &file, "--json"], None);
    run.success();
    assert_eq!(run.json(), json!({"ok": true, "jwk": expected}));
}

#[test]
fn pubkey_of_a_jwk_set_is_a_public_jwk_set() {
    let dir = TempDir::new("pubkey-set");
    let ec = keygen(&["--kty", "EC", "--kid", "a"]);
    let okp = keygen(&["--kty", "OKP", "--kid", "b"]);
    let file = dir.file("set.json", json!({"keys": [ec, okp]}).to_string());
    let run = jwt(&["pubkey", "--key", &file], None);
    let set: Value = serde_json::from_str(run.success()).unwrap();
    let keys = set["keys"].as_array().expect("a keys array");
    assert_eq!(keys.len(), 2);
    for (key, kid) in keys.iter().zip(["a", "b"]) {
        assert_eq!(key["kid"], kid);
        assert!(key.get("d").is_none(), "{key}");
        assert!(key["x"].is_string(), "{key}");
    }
    let run = jwt(&["pubkey", "--key", &file, "--json"], None);
    run.success();
    assert_eq!(run.json()["jwks"], set);
}

#[test]
fn pubkey_of_a_symmetric_key_exits_2() {
    let dir = TempDir::new("pubkey-oct");
    let oct = keygen(&["--kty", "oct"]);
    let file = dir.file("oct.jwk", oct.to_string());
    let run = jwt(&["pubkey", "--key", &file], None);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{run:?}");
    assert!(run.stderr.starts_with("error["), "{run:?}");
    assert!(
        !run.stderr.contains(oct["k"].as_str().unwrap()),
        "secret leaked: {run:?}"
    );
    let run = jwt(&["pubkey", "--key", &file, "--json"], None);
    assert_eq!(run.code, 2);
    assert_eq!(run.json()["ok"], false);

    let set = dir.file(
        "set.json",
        json!({"keys": [keygen(&["--kty", "EC"]), oct]}).to_string(),
    );
    assert_eq!(jwt(&["pubkey", "--key", &set], None).code, 2);
}

#[test]
fn unreadable_or_invalid_key_files_exit_2() {
    let dir = TempDir::new("bad-keys");
    let missing = dir
        .file("placeholder", "")
        .replace("placeholder", "missing.jwk");
    for command in ["pubkey", "thumbprint"] {
        let run = jwt(&[command, "--key", &missing], None);
        run.failure(2, "invalid_key");
        assert!(run.stderr.contains("missing.jwk"), "{run:?}");
        jwt(&[command, "--key", &missing, "--json"], None).json_failure(2, "invalid_key");
    }
    jwt(&["convert", "--key", &missing, "--to", "pem"], None).failure(2, "invalid_key");

    let garbage = dir.file("garbage", "hello");
    jwt(&["pubkey", "--key", &garbage], None).failure(2, "invalid_key");
    for bad_jwk in [
        r#"{"kty":"EC","crv":"P-256","x":"AAAA"}"#,
        r#"{"kty":"oct","k":"AAAA","k":"BBBB"}"#,
        r#"{"kty":"#,
    ] {
        let file = dir.file("bad.jwk", bad_jwk);
        let run = jwt(&["thumbprint", "--key", &file], None);
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (2, ""),
            "{bad_jwk}: {run:?}"
        );
    }
}

#[test]
fn thumbprints_match_the_rfc_examples() {
    let dir = TempDir::new("thumbprint-rfc");
    let rsa = dir.file("rsa.jwk", RFC7638_KEY);
    assert_eq!(thumbprint(&rsa), RFC7638_THUMBPRINT);
    let okp = dir.file("okp.jwk", RFC8037_KEY);
    assert_eq!(thumbprint(&okp), RFC8037_THUMBPRINT);

    let run = jwt(&["thumbprint", "--key", &rsa, "--uri"], None);
    assert_eq!(
        run.success(),
        format!("urn:ietf:params:oauth:jwk-thumbprint:sha-256:{RFC7638_THUMBPRINT}\n")
    );
    let run = jwt(&["thumbprint", "--key", &rsa, "--json"], None);
    run.success();
    assert_eq!(
        run.json(),
        json!({
            "ok": true,
            "hash": "sha-256",
            "thumbprint": RFC7638_THUMBPRINT,
            "uri": format!("urn:ietf:params:oauth:jwk-thumbprint:sha-256:{RFC7638_THUMBPRINT}"),
        })
    );
}

#[test]
fn thumbprint_hash_choices_change_length_and_uri() {
    let dir = TempDir::new("thumbprint-hash");
    let rsa = dir.file("rsa.jwk", RFC7638_KEY);
    for (hash, bytes) in [("sha-256", 32), ("sha-384", 48), ("sha-512", 64)] {
        let run = jwt(
            &["thumbprint", "--key", &rsa, "--hash", hash, "--json"],
            None,
        );
        run.success();
        let out = run.json();
        let text = out["thumbprint"].as_str().unwrap();
        assert_eq!(base64url::decode(text).unwrap().len(), bytes, "{hash}");
        assert_eq!(
            out["uri"],
            format!("urn:ietf:params:oauth:jwk-thumbprint:{hash}:{text}")
        );
    }
    jwt(&["thumbprint", "--key", &rsa, "--hash", "sha-1"], None).failure(2, "malformed");
}

#[test]
fn thumbprint_needs_exactly_one_key() {
    let dir = TempDir::new("thumbprint-set");
    let one = dir.file("one.json", format!(r#"{{"keys":[{RFC8037_KEY}]}}"#));
    assert_eq!(thumbprint(&one), RFC8037_THUMBPRINT);
    let two = dir.file(
        "two.json",
        format!(r#"{{"keys":[{RFC8037_KEY},{RFC7638_KEY}]}}"#),
    );
    jwt(&["thumbprint", "--key", &two], None).failure(2, "invalid_key");
}

#[test]
fn a_certificate_is_read_as_its_public_key() {
    let dir = TempDir::new("certificate");
    let cert = dir.file("cert.pem", CERTIFICATE);
    assert_eq!(thumbprint(&cert), CERTIFICATE_THUMBPRINT);
    let run = jwt(&["convert", "--key", &cert, "--to", "jwk"], None);
    let key: Value = serde_json::from_str(run.success()).unwrap();
    assert_eq!(key["kty"], "EC");
    assert_eq!(key["x"], CERTIFICATE_X);
    assert_eq!(key["y"], CERTIFICATE_Y);
    assert!(key.get("d").is_none());
}

/// The body of a PEM document as DER.
fn pem_to_der(pem: &str) -> Vec<u8> {
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect::<String>()
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_");
    base64url::decode(body).unwrap()
}

#[test]
fn every_key_type_round_trips_through_pubkey_thumbprint_and_convert() {
    let dir = TempDir::new("round-trip");
    for args in [
        &["--kty", "EC", "--crv", "P-384"][..],
        &["--kty", "EC", "--crv", "secp256k1"],
        &["--kty", "OKP"],
        &["--kty", "OKP", "--crv", "X25519"],
        &["--kty", "RSA"],
    ] {
        let private = keygen(args);
        let private_file = dir.file("private.jwk", private.to_string());
        let expected = thumbprint(&private_file);

        let public = jwt(&["pubkey", "--key", &private_file], None);
        let public_file = dir.file("public.jwk", public.success());
        assert_eq!(thumbprint(&public_file), expected, "{args:?}");

        // Private: JWK -> PKCS#8 PEM -> JWK gives the same members.
        let pem = jwt(&["convert", "--key", &private_file, "--to", "pem"], None);
        let pem = pem.success().to_owned();
        assert!(
            pem.starts_with("-----BEGIN PRIVATE KEY-----\n"),
            "{args:?}: {pem}"
        );
        let pem_file = dir.file("private.pem", &pem);
        assert_eq!(thumbprint(&pem_file), expected, "{args:?}");
        let back = jwt(&["convert", "--key", &pem_file, "--to", "jwk"], None);
        let back: Value = serde_json::from_str(back.success()).unwrap();
        assert_eq!(back, private, "{args:?}");

        // The same key as DER is detected too.
        let der_file = dir.file("private.der", pem_to_der(&pem));
        assert_eq!(thumbprint(&der_file), expected, "{args:?}");

        // Public: --public gives SPKI, from either form.
        for source in [&private_file, &public_file, &pem_file] {
            let spki = jwt(
                &["convert", "--key", source, "--to", "pem", "--public"],
                None,
            );
            let spki = spki.success().to_owned();
            assert!(
                spki.starts_with("-----BEGIN PUBLIC KEY-----\n"),
                "{args:?}: {spki}"
            );
            let spki_file = dir.file("public.pem", &spki);
            assert_eq!(thumbprint(&spki_file), expected, "{args:?}");
        }
        let run = jwt(
            &["convert", "--key", &private_file, "--to", "jwk", "--public"],
            None,
        );
        let public_jwk: Value = serde_json::from_str(run.success()).unwrap();
        assert!(public_jwk.get("d").is_none(), "{args:?}: {public_jwk}");
    }
}

#[test]
fn convert_json_shapes() {
    let dir = TempDir::new("convert-json");
    let file = dir.file("okp.jwk", RFC8037_KEY);
    let run = jwt(&["convert", "--key", &file, "--to", "pem", "--json"], None);
    run.success();
    let out = run.json();
    assert_eq!(out["ok"], true);
    let pem = out["pem"].as_str().unwrap();
    assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----"), "{out}");
    let run = jwt(&["convert", "--key", &file, "--to", "jwk", "--json"], None);
    run.success();
    let expected: Value = serde_json::from_str(RFC8037_KEY).unwrap();
    assert_eq!(run.json(), json!({"ok": true, "jwk": expected}));
}

#[test]
fn convert_refuses_symmetric_keys_to_pem_and_unknown_formats() {
    let dir = TempDir::new("convert-oct");
    let file = dir.file("oct.jwk", keygen(&["--kty", "oct"]).to_string());
    let run = jwt(&["convert", "--key", &file, "--to", "pem"], None);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{run:?}");
    assert_eq!(
        jwt(
            &["convert", "--key", &file, "--to", "jwk", "--public"],
            None
        )
        .code,
        2
    );
    jwt(&["convert", "--key", &file, "--to", "der"], None).failure(2, "malformed");
    jwt(&["convert", "--key", &file], None).failure(2, "malformed");
}

#[test]
fn curve448_keys_need_the_feature() {
    for crv in ["Ed448", "X448"] {
        let run = jwt(&["keygen", "--kty", "OKP", "--crv", crv], None);
        if cfg!(feature = "curve448") {
            let key: Value = serde_json::from_str(run.success()).unwrap();
            assert_eq!(key["crv"], crv);
            let len = if crv == "Ed448" { 57 } else { 56 };
            assert_eq!(member_len(&key, "x"), len);
            let dir = TempDir::new(crv);
            let file = dir.file("key.jwk", key.to_string());
            let pem = jwt(&["convert", "--key", &file, "--to", "pem"], None);
            let pem_file = dir.file("key.pem", pem.success());
            assert_eq!(thumbprint(&pem_file), thumbprint(&file), "{crv}");
        } else {
            assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{crv}: {run:?}");
        }
    }
}

#[test]
fn ml_dsa_keys_sign_verify_and_convert() {
    if !cfg!(feature = "pq") {
        let run = jwt(&["keygen", "--alg", "ML-DSA-65"], None);
        run.failure(2, "unsupported_alg");
        return;
    }
    let dir = TempDir::new("ml-dsa");
    for (alg, pub_len) in [
        ("ML-DSA-44", 1312),
        ("ML-DSA-65", 1952),
        ("ML-DSA-87", 2592),
    ] {
        let key = keygen(&["--alg", alg, "--kid-thumbprint"]);
        assert_eq!(
            (key["kty"].as_str(), key["alg"].as_str()),
            (Some("AKP"), Some(alg))
        );
        assert_eq!(member_len(&key, "pub"), pub_len, "{alg}");
        assert_eq!(member_len(&key, "priv"), 32, "{alg}");
        let file = dir.file(&format!("{alg}.jwk"), key.to_string());
        // RFC 9964 §6: the thumbprint covers alg, kty and pub; kid is that thumbprint.
        assert_eq!(thumbprint(&file), key["kid"].as_str().unwrap());
        let public: Value =
            serde_json::from_str(jwt(&["pubkey", "--key", &file], None).success()).unwrap();
        assert!(public.get("priv").is_none(), "{public}");
        assert_eq!(public["alg"], alg);
        let public_file = dir.file(&format!("{alg}.pub.jwk"), public.to_string());
        let token = jwt(&["sign", "--key", &file, "--payload", "pq"], None)
            .success()
            .trim_end()
            .to_owned();
        let verified = jwt(&["verify", "--raw", "--key", &public_file, &token], None);
        assert_eq!(verified.success(), "pq", "{alg}");
        // PEM (PKCS#8 seed form, SPKI) and back: the same key.
        let pem = jwt(&["convert", "--key", &file, "--to", "pem"], None);
        let pem_file = dir.file(&format!("{alg}.pem"), pem.success());
        assert_eq!(thumbprint(&pem_file), thumbprint(&file), "{alg}");
    }
    // --kty AKP is chosen by --alg, and needs one that is ML-DSA.
    assert_eq!(
        keygen(&["--kty", "AKP", "--alg", "ML-DSA-44"])["alg"],
        "ML-DSA-44"
    );
    jwt(&["keygen", "--kty", "AKP"], None).failure(2, "malformed");
    jwt(&["keygen", "--kty", "AKP", "--alg", "ES256"], None).failure(2, "key_type_mismatch");
    jwt(
        &[
            "keygen",
            "--kty",
            "AKP",
            "--alg",
            "ML-DSA-44",
            "--size",
            "256",
        ],
        None,
    )
    .failure(2, "malformed");
    jwt(&["keygen", "--alg", "ML-DSA-44", "--crv", "P-256"], None).failure(2, "key_type_mismatch");
    jwt(&["keygen", "--kty", "EC", "--alg", "ML-DSA-44"], None).failure(2, "key_type_mismatch");
    jwt(&["keygen", "--alg", "ML-DSA-99"], None).failure(2, "unsupported_alg");
}

#[test]
fn convert_with_a_password_file_encrypts_and_decrypts_pkcs8() {
    let dir = TempDir::new("password");
    let key = keygen(&["--alg", "ES256", "--kid", "k1"]);
    let jwk = dir.file("key.jwk", key.to_string());
    // The first line is the password; its line ending (LF or CR LF) is not part of it.
    let password = dir.file("password", "correct horse\r\nsecond line ignored\n");
    let same = dir.file("same", "correct horse");
    let wrong = dir.file("wrong", "correct horsE\n");
    let empty = dir.file("empty", "\n");

    let encrypted = jwt(
        &[
            "convert",
            "--key",
            &jwk,
            "--to",
            "pem",
            "--password-file",
            &password,
        ],
        None,
    );
    let pem = encrypted.success();
    assert!(
        pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
        "{pem}"
    );
    let pem_file = dir.file("key.pem", pem);
    // Back to a JWK with the same password (PEM carries no kid or alg).
    let back = jwt(
        &[
            "convert",
            "--key",
            &pem_file,
            "--to",
            "jwk",
            "--password-file",
            &same,
        ],
        None,
    );
    let back: Value = serde_json::from_str(back.success()).unwrap();
    for member in ["kty", "crv", "x", "y", "d"] {
        assert_eq!(back[member], key[member], "{member}");
    }
    // Re-encrypted to PEM, and the DER form of the encrypted key reads too.
    let again = jwt(
        &[
            "convert",
            "--key",
            &pem_file,
            "--to",
            "pem",
            "--password-file",
            &same,
        ],
        None,
    );
    assert!(again
        .success()
        .starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    let der_file = dir.file("key.der", pem_to_der(pem));
    let from_der = jwt(
        &[
            "convert",
            "--key",
            &der_file,
            "--to",
            "jwk",
            "--password-file",
            &same,
        ],
        None,
    );
    assert_eq!(
        serde_json::from_str::<Value>(from_der.success()).unwrap()["d"],
        key["d"]
    );
    // The public key needs no password to be written.
    let public = jwt(
        &[
            "convert",
            "--key",
            &pem_file,
            "--to",
            "pem",
            "--public",
            "--password-file",
            &same,
        ],
        None,
    );
    assert!(public.success().starts_with("-----BEGIN PUBLIC KEY-----"));

    // A wrong password, none, an empty one; a password with nothing to do.
    jwt(
        &[
            "convert",
            "--key",
            &pem_file,
            "--to",
            "jwk",
            "--password-file",
            &wrong,
        ],
        None,
    )
    .failure(2, "decryption_failed");
    jwt(&["convert", "--key", &pem_file, "--to", "jwk"], None).failure(2, "unsupported_key");
    jwt(
        &[
            "convert",
            "--key",
            &pem_file,
            "--to",
            "jwk",
            "--password-file",
            &empty,
        ],
        None,
    )
    .failure(2, "weak_key");
    jwt(
        &[
            "convert",
            "--key",
            &jwk,
            "--to",
            "jwk",
            "--password-file",
            &password,
        ],
        None,
    )
    .failure(2, "malformed");
    jwt(
        &[
            "convert",
            "--key",
            &jwk,
            "--to",
            "pem",
            "--public",
            "--password-file",
            &password,
        ],
        None,
    )
    .failure(2, "malformed");
    let missing = format!("{pem_file}.missing");
    jwt(
        &[
            "convert",
            "--key",
            &pem_file,
            "--to",
            "jwk",
            "--password-file",
            &missing,
        ],
        None,
    )
    .failure(2, "invalid_key");
    let huge = dir.file("huge", vec![b'a'; 5000]);
    jwt(
        &[
            "convert",
            "--key",
            &pem_file,
            "--to",
            "jwk",
            "--password-file",
            &huge,
        ],
        None,
    )
    .failure(2, "limit_exceeded");
}

#[test]
fn skipped_set_entries_are_warned_about_on_stderr_only() {
    let dir = TempDir::new("skipped");
    let set = format!(r#"{{"keys":[{{"kty":"XYZ","kid":"odd"}},{RFC8037_KEY}]}}"#);
    let file = dir.file("set.json", set);
    let run = jwt(&["thumbprint", "--key", &file, "--json"], None);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json()["thumbprint"], RFC8037_THUMBPRINT);
    assert!(run.stderr.starts_with("warning: "), "{run:?}");
    assert!(run.stderr.contains("\"odd\""), "{run:?}");
}
