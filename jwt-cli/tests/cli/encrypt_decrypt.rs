//! `jwt encrypt` with `jwt decrypt`, `jwt verify --expect jwe` and nested tokens
//! (`jwt sign | jwt encrypt --cty JWT | jwt verify --expect nested`) through the binary.

use crate::common::{jwt, Run, TempDir};
use jwt_core::base64url;
use serde_json::{json, Value};

fn run(args: &[&str]) -> Run {
    jwt(args, None)
}

/// A temp folder with a key per algorithm, made by `jwt keygen --alg`.
struct Keys(TempDir);

impl Keys {
    fn new(name: &str) -> Keys {
        Keys(TempDir::new(name))
    }

    /// A new private key for `alg`, written to a file; returns the path.
    fn key(&self, alg: &str) -> String {
        let jwk = run(&["keygen", "--alg", alg]);
        self.0.file(&format!("{alg}.jwk"), jwk.success())
    }

    /// The public key of the key file `path`.
    fn public(&self, path: &str) -> String {
        let jwk = run(&["pubkey", "--key", path]);
        self.0.file(
            &format!("{}.pub", path.rsplit('/').next().unwrap()),
            jwk.success(),
        )
    }

    fn file(&self, name: &str, contents: &str) -> String {
        self.0.file(name, contents)
    }
}

fn encrypt(args: &[&str], stdin: Option<&str>) -> String {
    let mut line = vec!["encrypt"];
    line.extend_from_slice(args);
    jwt(&line, stdin).success().trim_end().to_owned()
}

fn header_of(token: &str) -> Value {
    let segment = token.split('.').next().unwrap();
    serde_json::from_slice(&base64url::decode(segment).unwrap()).unwrap()
}

#[test]
fn encrypt_then_decrypt_for_each_key_management_family() {
    let k = Keys::new("families");
    for (alg, enc) in [
        ("A128KW", "A128GCM"),
        ("A256GCMKW", "A128CBC-HS256"),
        ("dir", "A256GCM"),
        ("RSA-OAEP-256", "A256CBC-HS512"),
        ("ECDH-ES+A128KW", "A192GCM"),
        ("ECDH-ES", "A128GCM"),
        ("PBES2-HS256+A128KW", "A128GCM"),
    ] {
        let key = if alg == "dir" { k.key(enc) } else { k.key(alg) };
        // Public-key algorithms encrypt to the public key.
        let to = if alg.starts_with("RSA") || alg.starts_with("ECDH") {
            k.public(&key)
        } else {
            key.clone()
        };
        for form in ["compact", "flattened", "general"] {
            let token = encrypt(
                &[
                    "--key",
                    &to,
                    "--alg",
                    alg,
                    "--enc",
                    enc,
                    "--payload",
                    "secret\n",
                    "--serialization",
                    form,
                ],
                None,
            );
            // The key's own alg (for a dir key: its enc) is the default allow-list.
            let out = run(&["decrypt", "--key", &key, "--json", &token]);
            out.success();
            let json = out.json();
            assert_eq!(
                json["plaintext_b64u"],
                base64url::encode("secret\n"),
                "{alg} {form}"
            );
            assert_eq!(json["header"]["alg"], alg, "{json}");
            assert_eq!(json["header"]["enc"], enc, "{json}");
            let plain = run(&["decrypt", "--key", &key, &token]);
            assert_eq!(plain.success(), "secret\n", "{alg} {form}: exact bytes");
        }
    }
}

#[test]
fn encrypt_options_reach_the_header() {
    let k = Keys::new("options");
    let key = k.key("A128KW");
    let token = encrypt(
        &[
            "--key",
            &key,
            "--alg",
            "A128KW",
            "--enc",
            "A128GCM",
            "--zip",
            "DEF",
            "--header",
            r#"{"x":1}"#,
            "--cty",
            "text/plain",
            "--kid",
            "k1",
            "--payload",
            &"a".repeat(1000),
        ],
        None,
    );
    let header = header_of(&token);
    assert_eq!(
        header,
        json!({"alg": "A128KW", "enc": "A128GCM", "zip": "DEF", "x": 1, "cty": "text/plain", "kid": "k1"})
    );
    assert!(
        token.len() < 600,
        "DEFLATE shrank the content: {}",
        token.len()
    );
    assert_eq!(
        run(&["decrypt", "--key", &key, &token]).success(),
        "a".repeat(1000)
    );
    // The inflate cap.
    run(&["decrypt", "--key", &key, "--max-inflate", "999", &token]).failure(1, "limit_exceeded");
    assert_eq!(
        run(&["decrypt", "--key", &key, "--max-inflate", "1000", &token])
            .success()
            .len(),
        1000
    );
    // Payload from stdin, byte for byte.
    let token = encrypt(
        &["--key", &key, "--alg", "A128KW", "--enc", "A128GCM"],
        Some("in\n\n"),
    );
    assert_eq!(run(&["decrypt", "--key", &key, &token]).success(), "in\n\n");
}

#[test]
fn pbes2_count_and_its_cap() {
    let k = Keys::new("p2c");
    let key = k.key("PBES2-HS256+A128KW");
    let token = encrypt(
        &[
            "--key",
            &key,
            "--alg",
            "PBES2-HS256+A128KW",
            "--enc",
            "A128GCM",
            "--p2c",
            "2000",
            "--payload",
            "x",
        ],
        None,
    );
    assert_eq!(header_of(&token)["p2c"], 2000);
    run(&["decrypt", "--key", &key, "--max-p2c", "1999", &token]).failure(1, "limit_exceeded");
    assert_eq!(
        run(&["decrypt", "--key", &key, "--max-p2c", "2000", &token]).success(),
        "x"
    );
    // Below the floor of 1,000 the library refuses to encrypt.
    let low = run(&[
        "encrypt",
        "--key",
        &key,
        "--alg",
        "PBES2-HS256+A128KW",
        "--enc",
        "A128GCM",
        "--p2c",
        "10",
        "--payload",
        "x",
    ]);
    assert_eq!(low.code, 2, "{low:?}");
}

#[test]
fn decrypt_rejections_and_usage_errors() {
    let k = Keys::new("decrypt-exit");
    let key = k.key("A128KW");
    let other = k.key("A256KW");
    let same_size = k.file(
        "other128.jwk",
        r#"{"kty":"oct","alg":"A128KW","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#,
    );
    let token = encrypt(
        &[
            "--key",
            &key,
            "--alg",
            "A128KW",
            "--enc",
            "A128GCM",
            "--payload",
            "x",
        ],
        None,
    );
    // Rejected (exit 1).
    run(&["decrypt", "--key", &same_size, &token]).failure(1, "decryption_failed");
    run(&["decrypt", "--key", &other, &token]).failure(1, "alg_not_allowed");
    run(&["decrypt", "--key", &key, "--enc", "A256GCM", &token]).failure(1, "alg_not_allowed");
    let json = run(&["decrypt", "--key", &same_size, "--json", &token]);
    let error = json.json_failure(1, "decryption_failed");
    assert!(error.get("claim").is_none());
    let jws = run(&["sign", "--key", &k.key("HS256"), "--payload", "x"]);
    run(&["decrypt", "--key", &key, jws.success().trim_end()]).failure(1, "token_type_mismatch");
    run(&["decrypt", "--key", &key, "a.b.c.d"]).failure(1, "malformed");
    // Could not run (exit 2).
    let no_alg = k.file("noalg.jwk", r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}"#);
    run(&["decrypt", "--key", &no_alg, &token]).failure(2, "alg_not_allowed");
    assert_eq!(
        run(&["decrypt", "--key", &no_alg, "--alg", "A128KW", &token]).code,
        1
    );
    run(&["decrypt", "--key", &key, "--enc", "A128KW", &token]).failure(2, "unsupported_alg");
    run(&["decrypt", "--key", &key, "--alg", "none", &token]).failure(2, "unsupported_alg");
    run(&[
        "encrypt",
        "--key",
        &key,
        "--alg",
        "A128KW",
        "--payload",
        "x",
    ])
    .failure(2, "malformed");
    run(&[
        "encrypt",
        "--key",
        &key,
        "--alg",
        "A256KW",
        "--enc",
        "A128GCM",
        "--payload",
        "x",
    ])
    .failure(2, "key_type_mismatch");
    run(&[
        "encrypt",
        "--key",
        &key,
        "--alg",
        "A128KW",
        "--enc",
        "A128GCM",
        "--zip",
        "GZ",
        "--payload",
        "x",
    ])
    .failure(2, "malformed");
    run(&[
        "encrypt",
        "--key",
        &key,
        "--alg",
        "A128KW",
        "--enc",
        "A128GCM",
        "--header",
        "{",
        "--payload",
        "x",
    ])
    .failure(2, "malformed");
}

#[test]
fn rsa1_5_only_when_named() {
    let k = Keys::new("rsa1_5");
    let key = k.key("RSA1_5");
    let token = encrypt(
        &[
            "--key",
            &key,
            "--alg",
            "RSA1_5",
            "--enc",
            "A128CBC-HS256",
            "--payload",
            "x",
        ],
        None,
    );
    // The key's alg is RSA1_5, but that is never allowed implicitly.
    run(&["decrypt", "--key", &key, &token]).failure(2, "alg_not_allowed");
    assert_eq!(
        run(&["decrypt", "--key", &key, "--alg", "RSA1_5", &token]).success(),
        "x"
    );
    let other = k.key("RSA-OAEP");
    // An RSA-OAEP key does not decrypt an RSA1_5 token even when RSA1_5 is named.
    assert_eq!(
        run(&["decrypt", "--key", &other, "--alg", "RSA1_5", &token]).code,
        1
    );
}

/// Keys for nested tokens: an ES256 signing key pair and an ECDH-ES+A256KW pair.
struct Nested {
    _keys: Keys,
    sign: String,
    verify: String,
    decrypt: String,
    encrypt_to: String,
}

fn nested_keys(name: &str) -> Nested {
    let keys = Keys::new(name);
    let sign = keys.key("ES256");
    let verify = keys.public(&sign);
    let decrypt = keys.key("ECDH-ES+A256KW");
    let encrypt_to = keys.public(&decrypt);
    Nested {
        _keys: keys,
        sign,
        verify,
        decrypt,
        encrypt_to,
    }
}

const CLAIMS: &str = r#"{"iss":"me","exp":2000}"#;

impl Nested {
    fn signed(&self) -> String {
        let run = run(&["sign", "--key", &self.sign, "--claims", CLAIMS]);
        run.success().to_owned()
    }

    /// `jwt sign ... | jwt encrypt --cty JWT ...`: the signed token with its newline.
    fn nested(&self) -> String {
        self.nested_with_cty("JWT")
    }

    /// As [`nested`](Self::nested), with this exact `cty`.
    fn nested_with_cty(&self, cty: &str) -> String {
        encrypt(
            &[
                "--key",
                &self.encrypt_to,
                "--alg",
                "ECDH-ES+A256KW",
                "--enc",
                "A256GCM",
                "--cty",
                cty,
            ],
            Some(&self.signed()),
        )
    }

    fn verify(&self, expect: &str, token: &str, extra: &[&str]) -> Run {
        let mut line = vec!["verify", "--json", "--now", "1000", "--expect", expect];
        match expect {
            "nested" => {
                line.extend_from_slice(&["--key", &self.verify, "--decrypt-key", &self.decrypt])
            }
            "jwe" => line.extend_from_slice(&["--key", &self.decrypt]),
            _ => line.extend_from_slice(&["--key", &self.verify]),
        }
        line.extend_from_slice(extra);
        line.push(token);
        run(&line)
    }
}

#[test]
fn nested_cty_in_every_spelling_of_the_jwt_media_type() {
    let n = nested_keys("nested-cty");
    for cty in ["JWT", "jwt", "application/JWT", "application/jwt"] {
        let token = n.nested_with_cty(cty);
        let out = n.verify("nested", &token, &[]);
        out.success();
        assert_eq!(out.json()["header"]["cty"], cty);
        // Never an encrypted token, however cty is spelled.
        n.verify("jwe", &token, &[])
            .json_failure(1, "token_type_mismatch");
    }
    for cty in [" JWT", "application/jwt+json", "text/jwt"] {
        let token = n.nested_with_cty(cty);
        n.verify("nested", &token, &[])
            .json_failure(1, "token_type_mismatch");
    }
}

#[test]
fn sign_encrypt_verify_nested() {
    let n = nested_keys("nested");
    let token = n.nested();
    let out = n.verify("nested", &token, &["--iss", "me"]);
    out.success();
    let json = out.json();
    assert_eq!(json["claims"], json!({"iss": "me", "exp": 2000}));
    // "header" is the token's own (outer JWE) header, "inner_header" the JWS header.
    assert_eq!(json["header"]["alg"], "ECDH-ES+A256KW");
    assert_eq!(json["header"]["cty"], "JWT");
    assert!(json["header"]["epk"].is_object());
    assert_eq!(json["inner_header"], json!({"alg": "ES256"}));
    // Explicit allow-lists work too, and a wrong outer one rejects.
    n.verify(
        "nested",
        &token,
        &[
            "--alg",
            "ES256",
            "--outer-alg",
            "ECDH-ES+A256KW",
            "--enc",
            "A256GCM",
        ],
    )
    .success();
    n.verify("nested", &token, &["--outer-alg", "ECDH-ES+A128KW"])
        .json_failure(1, "alg_not_allowed");
    n.verify("nested", &token, &["--enc", "A128GCM"])
        .json_failure(1, "alg_not_allowed");
    n.verify("nested", &token, &["--alg", "ES384"])
        .json_failure(1, "alg_not_allowed");
    let error = n
        .verify("nested", &token, &["--iss", "you"])
        .json_failure(1, "claim_mismatch");
    assert_eq!(error["claim"], "iss");
    // Without --decrypt-key, nested cannot run.
    let line = ["verify", "--expect", "nested", "--key", &n.verify, &token];
    run(&line).failure(2, "malformed");
    // The inner JWS alone verifies as a plain JWT.
    let signed = n.signed();
    let plain = n.verify("jws", signed.trim_end(), &[]);
    plain.success();
    assert!(plain.json().get("inner_header").is_none());
}

#[test]
fn a_token_of_the_wrong_shape_is_token_type_mismatch() {
    let n = nested_keys("confusion");
    let nested = n.nested();
    let signed = n.signed();
    let signed = signed.trim_end();
    let encrypted = encrypt(
        &[
            "--key",
            &n.encrypt_to,
            "--alg",
            "ECDH-ES+A256KW",
            "--enc",
            "A256GCM",
            "--payload",
            CLAIMS,
        ],
        None,
    );
    for (expect, token) in [
        ("jws", nested.as_str()),
        ("jws", encrypted.as_str()),
        ("jwe", signed),
        ("jwe", nested.as_str()),
        ("nested", signed),
        ("nested", encrypted.as_str()),
    ] {
        let error = n
            .verify(expect, token, &[])
            .json_failure(1, "token_type_mismatch");
        assert!(error.get("claim").is_none(), "{expect}: {error}");
    }
    // Each shape passes where it is expected.
    let out = n.verify("jwe", &encrypted, &[]);
    out.success();
    assert_eq!(out.json()["claims"], json!({"iss": "me", "exp": 2000}));
    assert_eq!(out.json()["header"]["enc"], "A256GCM");
    assert!(out.json().get("inner_header").is_none());
    n.verify("jws", signed, &[]).success();
    n.verify("nested", &nested, &[]).success();
    // --expect jwe: the allow-lists are key-management algorithms and encryptions.
    n.verify(
        "jwe",
        &encrypted,
        &["--alg", "ECDH-ES+A256KW", "--enc", "A256GCM"],
    )
    .success();
    n.verify("jwe", &encrypted, &["--alg", "ES256"])
        .json_failure(2, "unsupported_alg");
    n.verify("jwe", &encrypted, &["--enc", "A128GCM"])
        .json_failure(1, "alg_not_allowed");
    n.verify("jwe", &encrypted, &["--max-p2c", "2000"])
        .success();
}

#[test]
fn cty_jwt_set_by_header_also_drops_the_newline() {
    // With cty JWT (here from --header, in another case) the piped token loses its
    // newline, as with --cty JWT; without cty the plaintext is kept byte for byte.
    let n = nested_keys("newline");
    let with_newline = encrypt(
        &[
            "--key",
            &n.encrypt_to,
            "--alg",
            "ECDH-ES+A256KW",
            "--enc",
            "A256GCM",
            "--header",
            r#"{"cty":"jwt"}"#,
        ],
        Some(&n.signed()),
    );
    n.verify("nested", &with_newline, &[]).success();
    let plaintext = run(&["decrypt", "--key", &n.decrypt, &with_newline]);
    assert!(!plaintext.success().ends_with('\n'));
    let raw = encrypt(
        &[
            "--key",
            &n.encrypt_to,
            "--alg",
            "ECDH-ES+A256KW",
            "--enc",
            "A256GCM",
        ],
        Some(&n.signed()),
    );
    assert!(run(&["decrypt", "--key", &n.decrypt, &raw])
        .success()
        .ends_with('\n'));
}
