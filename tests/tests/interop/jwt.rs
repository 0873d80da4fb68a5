//! JWT interop with jwcrypto, both ways: signed, encrypted and nested tokens issued by
//! jwcrypto (with its `default_claims`: `iat`, `nbf`, `exp`, `jti`) validate here into
//! dynamic claims and into a typed struct, and expired or not-yet-valid ones are
//! refused; tokens we issue validate in jwcrypto's `jwt.JWT(..., check_claims=...)`,
//! and our expired token is refused there.
//!
//! Each direction is one Python run.

use crate::support::{entries, import, outcome, script, shareable, text};
use jwt_core::claims::{IssueDefaults, Registered};
use jwt_core::{
    Audience, Claims, ContentEncryptionAlgorithm as Enc, Curve, ErrorKind, Jwk, Jwt,
    KeyManagementAlgorithm as Kma, NumericDate, Profile, SignatureAlgorithm as Alg, Verifier,
};
use jwt_tests::jwcrypto;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

type Dynamic = Map<String, Value>;

const ISSUER: &str = "https://issuer.example";
const AUDIENCE: &str = "api://interop";
const SUBJECT: &str = "alice";
const SCOPE: &str = "read write ✓";
/// One word of [`SCOPE`], which jwcrypto's `check_claims` looks for.
const SCOPE_WORD: &str = "write";

/// The application's claims, with the issuer and audience fixed by its profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Session {
    iss: String,
    sub: String,
    aud: Audience,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exp: Option<NumericDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nbf: Option<NumericDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    iat: Option<NumericDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    jti: Option<String>,
    scope: String,
    admin: bool,
}

impl Claims for Session {
    const PROFILE: Profile = {
        let mut profile = Profile::DEFAULT;
        profile.issuers = &[ISSUER];
        profile.audiences = &[AUDIENCE];
        profile
    };

    fn registered(&self) -> jwt_core::Result<Registered<'_>> {
        let mut registered = Registered::default();
        registered.iss = Some(&self.iss);
        registered.sub = Some(&self.sub);
        registered.aud = Some((&self.aud).into());
        registered.exp = self.exp;
        registered.nbf = self.nbf;
        registered.iat = self.iat;
        registered.jti = self.jti.as_deref();
        Ok(registered)
    }

    fn apply_defaults(&mut self, defaults: &IssueDefaults) -> jwt_core::Result<()> {
        self.exp = self.exp.or(defaults.exp);
        self.nbf = self.nbf.or(defaults.nbf);
        self.iat = self.iat.or(defaults.iat);
        if self.jti.is_none() {
            self.jti.clone_from(&defaults.jti);
        }
        Ok(())
    }
}

fn session() -> Session {
    Session {
        iss: ISSUER.into(),
        sub: SUBJECT.into(),
        aud: Audience::One(AUDIENCE.into()),
        exp: None,
        nbf: None,
        iat: None,
        jti: None,
        scope: SCOPE.into(),
        admin: true,
    }
}

/// jwcrypto issues, with `default_claims` filling `iat`, `nbf`, `exp` (now + its
/// default validity of 600 s) and `jti` (a UUID): signed (ES256, HS256), encrypted
/// (RSA-OAEP-256, ECDH-ES+A256KW), nested (ES256 inside ECDH-ES+A256KW, `cty: JWT`),
/// and signed tokens that are expired, not yet valid, and for several audiences.
const ISSUE_PY: &str = r#"
import time
now = int(time.time())
claims = request["claims"]
defaults = {"iat": None, "nbf": None, "exp": None, "jti": None}
es256 = jwk.JWK.generate(kty="EC", crv="P-256")
hs256 = jwk.JWK.generate(kty="oct", size=256)
rsa = jwk.JWK.generate(kty="RSA", size=2048)
p256 = jwk.JWK.generate(kty="EC", crv="P-256")

def issue(header, key, extra={}, data=None):
    t = jwt.JWT(header=header, claims=data if data is not None else {**claims, **extra},
                default_claims=None if data is not None else defaults)
    if "enc" in header:
        t.make_encrypted_token(jwk.JWK(**public(key)))
    else:
        t.make_signed_token(key)
    return t.serialize()

signed = {"alg": "ES256", "typ": "JWT"}
reply = {
    "keys": {"es256": public(es256), "hs256": public(hs256),
             "rsa": json.loads(rsa.export_private()), "p256": json.loads(p256.export_private())},
    "es256": issue(signed, es256),
    "hs256": issue({"alg": "HS256"}, hs256),
    "rsa": issue({"alg": "RSA-OAEP-256", "enc": "A256GCM"}, rsa),
    "ecdh": issue({"alg": "ECDH-ES+A256KW", "enc": "A128CBC-HS256", "typ": "JWT"}, p256),
    "nested": issue({"alg": "ECDH-ES+A256KW", "enc": "A256GCM", "cty": "JWT"}, p256,
                    data=issue(signed, es256)),
    "expired": issue(signed, es256, {"iat": now - 7200, "nbf": now - 7200, "exp": now - 3600}),
    "not_yet_valid": issue(signed, es256, {"nbf": now + 3600, "exp": now + 7200}),
    "audiences": issue(signed, es256, {"aud": ["another", claims["aud"]]}),
    "now": now,
}
"#;

fn dynamic_verifier(key: Jwk, alg: Alg) -> Verifier<Dynamic> {
    Verifier::<Dynamic>::builder(key)
        .algorithms([alg])
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(SUBJECT)
        .require("jti")
        .require_value("scope", SCOPE)
        .build()
        .unwrap()
}

/// The shape jwcrypto's `default_claims` gives: whole seconds, `exp` 600 s after
/// `iat`, `nbf` = `iat` near now, and a UUID `jti`.
fn assert_jwcrypto_defaults(session: &Session, now: i64, name: &str) {
    let iat = session.iat.unwrap_or_else(|| panic!("{name}: no iat"));
    assert_eq!(iat.subsec_nanos(), 0, "{name}: iat is whole seconds");
    assert!(
        (iat.seconds() - now).abs() <= 5,
        "{name}: iat {iat} vs {now}"
    );
    assert_eq!(session.nbf, Some(iat), "{name}: nbf");
    assert_eq!(
        session.exp,
        Some(iat.saturating_add_seconds(600)),
        "{name}: exp"
    );
    let jti = session
        .jti
        .as_deref()
        .unwrap_or_else(|| panic!("{name}: no jti"));
    assert_eq!(jti.len(), 36, "{name}: jti {jti} is a UUID");
}

#[test]
fn we_validate_what_jwcrypto_issues() {
    let claims =
        json!({"iss": ISSUER, "sub": SUBJECT, "aud": AUDIENCE, "scope": SCOPE, "admin": true});
    let reply = jwcrypto::run(&script(ISSUE_PY), &json!({"claims": claims}));
    let now = reply["now"].as_i64().unwrap();
    let keys = &reply["keys"];
    let key = |name: &str| import(&keys[name], name);
    let (es256, hs256, rsa, p256) = (key("es256"), key("hs256"), key("rsa"), key("p256"));

    // Dynamic claims, with jwcrypto check_claims-style runtime rules.
    for (name, key, alg) in [("es256", &es256, Alg::ES256), ("hs256", &hs256, Alg::HS256)] {
        let jwt = dynamic_verifier(key.clone(), alg)
            .verify(text(&reply, name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = jwt.claims();
        for member in ["iss", "sub", "aud", "scope", "admin"] {
            assert_eq!(got[member], claims[member], "{name}: {member}");
        }
        for member in ["iat", "nbf", "exp"] {
            assert!(got[member].is_i64(), "{name}: {member} is {}", got[member]);
        }
    }

    // Typed claims: the profile supplies issuer and audience; typ "JWT" matches.
    let signed = Verifier::<Session>::builder(es256.clone())
        .algorithms([Alg::ES256])
        .typ("JWT")
        .build()
        .unwrap();
    let expected = session();
    for name in ["es256", "audiences"] {
        let jwt = signed
            .verify(text(&reply, name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = jwt.claims();
        assert_jwcrypto_defaults(got, now, name);
        // Only the dates and jti were added; the audience list is checked by the profile.
        let plain = Session {
            aud: expected.aud.clone(),
            exp: None,
            nbf: None,
            iat: None,
            jti: None,
            ..got.clone()
        };
        assert_eq!(plain, expected, "{name}");
        assert_eq!(jwt.header()["typ"], "JWT");
    }

    for (name, key, alg, enc) in [
        ("rsa", &rsa, Kma::RsaOaep256, Enc::A256Gcm),
        ("ecdh", &p256, Kma::EcdhEsA256Kw, Enc::A128CbcHs256),
    ] {
        let verifier = Verifier::<Session>::builder(key.clone())
            .encrypted()
            .key_management([alg])
            .encryption([enc])
            .build()
            .unwrap();
        let jwt = verifier
            .verify(text(&reply, name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_jwcrypto_defaults(jwt.claims(), now, name);
        assert_eq!(jwt.claims().scope, SCOPE);
        assert_eq!(jwt.header()["enc"], enc.name());
        // An encrypted token is not a signed one.
        let error = signed.verify(text(&reply, name)).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::TokenTypeMismatch, "{name}");
    }

    let nested = Verifier::<Session>::builder(es256.clone())
        .algorithms([Alg::ES256])
        .nested(p256.clone())
        .key_management([Kma::EcdhEsA256Kw])
        .build()
        .unwrap();
    let jwt = nested.verify(text(&reply, "nested")).unwrap();
    assert_jwcrypto_defaults(jwt.claims(), now, "nested");
    assert_eq!(jwt.outer_header().unwrap()["cty"], "JWT");
    assert_eq!(jwt.header()["alg"], "ES256");
    let dynamic_nested = Verifier::<Dynamic>::builder(es256.clone())
        .algorithms([Alg::ES256])
        .nested(p256)
        .key_management([Kma::EcdhEsA256Kw])
        .audience(AUDIENCE)
        .build()
        .unwrap();
    let jwt = dynamic_nested.verify(text(&reply, "nested")).unwrap();
    assert_eq!(jwt.claims()["sub"], SUBJECT);

    for (name, kind, claim) in [
        ("expired", ErrorKind::Expired, "exp"),
        ("not_yet_valid", ErrorKind::NotYetValid, "nbf"),
    ] {
        for error in [
            signed.verify(text(&reply, name)).unwrap_err(),
            dynamic_verifier(es256.clone(), Alg::ES256)
                .verify(text(&reply, name))
                .unwrap_err(),
        ] {
            assert_eq!(error.kind(), kind, "{name}: {error}");
            assert_eq!(error.claim_name(), Some(claim), "{name}");
        }
    }
}

/// jwcrypto validates each token with `jwt.JWT(key=..., jwt=..., check_claims=...)`;
/// a nested token is decrypted first (`expected_type="JWE"`, `cty` checked) and its
/// plaintext validated as a signed JWT. Returns the claims and the header.
const VALIDATE_PY: &str = r#"
def validate(item):
    token = item["token"]
    if item["decrypt"] is not None:
        outer = jwt.JWT(key=load_key(item["decrypt"]), jwt=token, expected_type="JWE")
        if json.loads(outer.header).get("cty") != "JWT":
            raise ValueError("the outer header has no cty JWT")
        token = outer.claims
    t = jwt.JWT(key=load_key(item["key"]), jwt=token, check_claims=item["check"],
                expected_type=item["type"])
    return {"claims": json.loads(t.claims), "header": json.loads(t.header)}

reply = [attempt(lambda: validate(item)) for item in request]
"#;

/// A token for jwcrypto, the keys to open it, and whether it must pass.
struct Item {
    name: &'static str,
    token: String,
    key: Value,
    decrypt: Option<Value>,
    expected_type: &'static str,
    valid: bool,
}

#[test]
fn jwcrypto_validates_what_we_issue() {
    let es256 = Jwk::generate_for("ES256").unwrap();
    let hs256 = Jwk::generate_for("HS256").unwrap();
    let rsa = Jwk::generate_rsa(2048).unwrap();
    let x25519 = Jwk::generate_okp(Curve::X25519).unwrap();
    let now = NumericDate::now();
    let whole_now = NumericDate::from_seconds(now.seconds());

    let signed = Jwt::new(session())
        .with_typ("JWT")
        .issued_at(whole_now)
        .with_default_claims(300)
        .sign(&es256)
        .unwrap();
    let mut map = Dynamic::new();
    map.insert("iss".into(), json!(ISSUER));
    map.insert("sub".into(), json!(SUBJECT));
    map.insert("aud".into(), json!([AUDIENCE, "another"]));
    map.insert("scope".into(), json!(SCOPE));
    // The system clock's fractions of a second: jwcrypto accepts non-integer dates.
    let dynamic = Jwt::new(map).with_default_claims(300).sign(&hs256).unwrap();
    let encrypted = Jwt::new(session())
        .issued_at(whole_now)
        .with_default_claims(300)
        .encrypt(&rsa.public().unwrap(), Kma::RsaOaep256, Enc::A256Gcm)
        .unwrap();
    let encrypted_okp = Jwt::new(session())
        .with_default_claims(300)
        .encrypt(&x25519.public().unwrap(), Kma::EcdhEs, Enc::A128Gcm)
        .unwrap();
    let nested = Jwt::new(session())
        .issued_at(whole_now)
        .with_default_claims(300)
        .signed(&es256)
        .unwrap()
        .encrypt(&rsa.public().unwrap(), Kma::RsaOaep256, Enc::A256CbcHs512)
        .unwrap();
    let expired = Jwt::new(session())
        .issued_at(whole_now.saturating_sub_seconds(7200))
        .with_default_claims(600)
        .sign(&es256)
        .unwrap();

    let public = shareable(&es256);
    let secret = shareable(&hs256);
    let signed_item = |name, token: &String, key: &Value, valid| Item {
        name,
        token: token.clone(),
        key: key.clone(),
        decrypt: None,
        expected_type: "JWS",
        valid,
    };
    let items = [
        signed_item("signed ES256", &signed, &public, true),
        signed_item("dynamic HS256", &dynamic, &secret, true),
        Item {
            decrypt: None,
            key: rsa.to_value(),
            expected_type: "JWE",
            ..signed_item("encrypted RSA-OAEP-256", &encrypted, &public, true)
        },
        Item {
            key: x25519.to_value(),
            expected_type: "JWE",
            ..signed_item("encrypted ECDH-ES X25519", &encrypted_okp, &public, true)
        },
        Item {
            decrypt: Some(rsa.to_value()),
            ..signed_item("nested", &nested, &public, true)
        },
        signed_item("expired", &expired, &public, false),
    ];
    let request: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({
                "token": i.token, "key": i.key, "decrypt": i.decrypt, "type": i.expected_type,
                // jwcrypto 1.6 reads `scope` as space-separated words and checks that one
                // named word is among them.
                "check": {"iss": ISSUER, "sub": SUBJECT, "aud": AUDIENCE, "scope": SCOPE_WORD,
                          "exp": null, "nbf": null, "iat": null, "jti": null},
            })
        })
        .collect();
    let reply = jwcrypto::run(&script(VALIDATE_PY), &json!(request));

    for (item, result) in items.iter().zip(entries(&reply, items.len())) {
        let name = item.name;
        let theirs = match (outcome(result), item.valid) {
            (Ok(theirs), true) => theirs,
            (Err(error), false) => {
                assert!(error.contains("JWTExpired"), "{name}: {error}");
                continue;
            }
            (Ok(_), false) => panic!("{name}: jwcrypto accepted what it must reject"),
            (Err(error), true) => panic!("{name}: jwcrypto rejected it: {error}"),
        };
        let claims = &theirs["claims"];
        assert_eq!(claims["scope"], SCOPE, "{name}");
        let exp = claims["exp"].as_f64().unwrap();
        let iat = claims["iat"].as_f64().unwrap();
        // Fractional dates (the dynamic token's) go through f64 on both sides.
        assert!((exp - iat - 300.0).abs() < 1e-3, "{name}: exp - iat");
        assert_eq!(claims["nbf"], claims["iat"], "{name}");
        assert!(
            claims["jti"].as_str().is_some_and(|j| j.len() >= 16),
            "{name}: jti"
        );
        if item.expected_type == "JWS" && item.decrypt.is_none() && name != "dynamic HS256" {
            assert_eq!(theirs["header"]["typ"], "JWT", "{name}");
            assert_eq!(
                claims["iat"],
                json!(whole_now.seconds()),
                "{name}: integer iat"
            );
        }
    }
}
