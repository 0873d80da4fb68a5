//! RFC 9068 JWT access tokens: the ready-made [`AccessTokenClaims`], the builder's
//! `access_token()` for any claim type, and `#[claims(profile = "access_token")]`. Each
//! rule is held one value either side: `typ`, every required claim, issuer, audience,
//! the verifier's own required settings, and scopes.

use jwt_core::claims::Scope;
use jwt_core::{
    AccessTokenClaims, Audience, Claims, ErrorKind, FixedClock, Jwk, Jwt, NumericDate, Verifier,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

const NOW: i64 = 1_700_000_100;
const ISSUER: &str = "https://as.example.com";
const RESOURCE: &str = "https://rs.example.com";

fn key() -> Jwk {
    Jwk::from_value(&json!({
        "kty": "EC", "crv": "P-256", "alg": "ES256", "kid": "at-1",
        "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
        "d": "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"
    }))
    .unwrap()
}

/// The claims of RFC 9068 §2.2, all present.
fn claims() -> Map<String, Value> {
    json!({
        "iss": ISSUER, "exp": NOW + 300, "aud": RESOURCE, "sub": "5ba552d67",
        "client_id": "s6BhdRkqt3", "iat": NOW - 10, "jti": "dbe39bf3a3ba4238a513f51d6e1691c4",
        "scope": "openid profile reademail"
    })
    .as_object()
    .unwrap()
    .clone()
}

fn sign(claims: Map<String, Value>, typ: Option<&str>) -> String {
    let jwt = Jwt::new(claims);
    let jwt = match typ {
        Some(typ) => jwt.with_typ(typ),
        None => jwt,
    };
    jwt.sign(&key()).unwrap()
}

fn verifier<C: Claims>() -> jwt_core::VerifierBuilder<C> {
    Verifier::<C>::builder(key().public().unwrap())
        .issuer(ISSUER)
        .audience(RESOURCE)
        .clock(FixedClock::at(NOW))
}

#[test]
fn a_complete_access_token_verifies_with_either_spelling_of_its_typ() {
    let verifier = verifier::<AccessTokenClaims>().build().unwrap();
    for typ in ["at+jwt", "application/at+jwt", "AT+JWT"] {
        let jwt = verifier.verify(&sign(claims(), Some(typ))).unwrap();
        assert_eq!(jwt.claims().client_id, "s6BhdRkqt3");
        assert_eq!(jwt.claims().aud, Audience::from(RESOURCE));
        assert!(jwt.claims().has_scope("reademail") && !jwt.claims().has_scope("read"));
    }
}

#[test]
fn any_other_typ_or_none_is_refused() {
    let verifier = verifier::<AccessTokenClaims>().build().unwrap();
    for typ in [Some("JWT"), Some("at+jwt2"), Some("application/jwt"), None] {
        let e = verifier.verify(&sign(claims(), typ)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TypMismatch, "{typ:?}");
    }
}

#[test]
fn every_required_claim_is_required() {
    let typed = verifier::<AccessTokenClaims>().build().unwrap();
    let dynamic = verifier::<Map<String, Value>>()
        .access_token()
        .build()
        .unwrap();
    for name in ["iss", "exp", "aud", "sub", "client_id", "iat", "jti"] {
        let mut claims = claims();
        claims.remove(name);
        let token = sign(claims, Some("at+jwt"));
        for e in [
            typed.verify(&token).unwrap_err(),
            dynamic.verify(&token).unwrap_err(),
        ] {
            assert_eq!(e.kind(), ErrorKind::MissingClaim, "{name}: {e}");
            assert_eq!(e.claim_name(), Some(name), "{e}");
        }
    }
    // Without the profile, the same token without `client_id` passes: the rule is the
    // profile's.
    let mut claims = claims();
    claims.remove("client_id");
    let plain = verifier::<Map<String, Value>>()
        .typ("at+jwt")
        .build()
        .unwrap();
    plain.verify(&sign(claims, Some("at+jwt"))).unwrap();
}

#[test]
fn extra_claims_are_kept_and_a_client_id_of_another_type_is_invalid() {
    let mut with_extra = claims();
    with_extra.insert("groups".into(), json!(["admins"]));
    with_extra.insert("cnf".into(), json!({"jkt": "abc"}));
    let typed = verifier::<AccessTokenClaims>().build().unwrap();
    let jwt = typed.verify(&sign(with_extra, Some("at+jwt"))).unwrap();
    assert_eq!(jwt.claims().extra["groups"], json!(["admins"]));

    let mut numeric = claims();
    numeric.insert("client_id".into(), json!(7));
    let token = sign(numeric, Some("at+jwt"));
    let dynamic = verifier::<Map<String, Value>>()
        .access_token()
        .build()
        .unwrap();
    let e = dynamic.verify(&token).unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::InvalidClaim, Some("client_id"))
    );
    let e = typed.verify(&token).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidClaim, "{e}");
}

#[test]
fn issuer_and_audience_are_exact() {
    let verifier = verifier::<AccessTokenClaims>().build().unwrap();
    for (name, value) in [
        ("iss", json!("https://as.example.com/")),
        ("iss", json!("https://AS.example.com")),
        ("aud", json!("https://rs.example.com/")),
        ("aud", json!(["https://other.example.com"])),
    ] {
        let mut claims = claims();
        claims.insert(name.into(), value.clone());
        let e = verifier.verify(&sign(claims, Some("at+jwt"))).unwrap_err();
        assert_eq!(
            (e.kind(), e.claim_name()),
            (ErrorKind::ClaimMismatch, Some(name)),
            "{value}"
        );
    }
    let mut several = claims();
    several.insert("aud".into(), json!(["https://other.example.com", RESOURCE]));
    verifier.verify(&sign(several, Some("at+jwt"))).unwrap();
}

#[test]
fn a_verifier_of_access_tokens_must_be_told_what_it_trusts() {
    let bare = || Verifier::<AccessTokenClaims>::builder(key().public().unwrap());
    let e = bare().audience(RESOURCE).build().unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::ClaimMismatch, Some("iss"))
    );
    let e = bare().issuer(ISSUER).build().unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::ClaimMismatch, Some("aud"))
    );
    let e = bare()
        .issuer(ISSUER)
        .audience(RESOURCE)
        .any_audience()
        .no_exp()
        .build()
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::ClaimMismatch, Some("exp"))
    );
    let e = bare()
        .issuer(ISSUER)
        .audience(RESOURCE)
        .typ("JWT")
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TypMismatch);
    bare()
        .issuer(ISSUER)
        .audience(RESOURCE)
        .typ("application/at+jwt")
        .build()
        .unwrap();
    // The builder switch alone asks the same of any claim type.
    let e = Verifier::<Map<String, Value>>::builder(key().public().unwrap())
        .access_token()
        .issuer(ISSUER)
        .build()
        .unwrap_err();
    assert_eq!(e.claim_name(), Some("aud"));
}

#[test]
fn required_scopes_are_whole_words() {
    let token = sign(claims(), Some("at+jwt"));
    let needs = |scopes: &[&str]| {
        let mut builder = verifier::<AccessTokenClaims>();
        for scope in scopes {
            builder = builder.require_scope(*scope);
        }
        builder.build().unwrap().verify(&token)
    };
    needs(&["profile", "openid"]).unwrap();
    for missing in [
        "read",
        "reademai",
        "reademail2",
        "Profile",
        "openid profile",
    ] {
        let e = needs(&["openid", missing]).unwrap_err();
        assert_eq!(
            (e.kind(), e.claim_name()),
            (ErrorKind::ClaimMismatch, Some("scope")),
            "{missing}"
        );
    }
    let mut no_scope = claims();
    no_scope.remove("scope");
    let e = verifier::<Map<String, Value>>()
        .access_token()
        .require_scope("openid")
        .build()
        .unwrap()
        .verify(&sign(no_scope, Some("at+jwt")))
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::MissingClaim, Some("scope"))
    );
    for bad in [
        json!("openid  profile"),
        json!(" openid"),
        json!(["openid"]),
    ] {
        let mut claims = claims();
        claims.insert("scope".into(), bad.clone());
        let token = sign(claims, Some("at+jwt"));
        let e = verifier::<Map<String, Value>>()
            .access_token()
            .require_scope("openid")
            .build()
            .unwrap()
            .verify(&token)
            .unwrap_err();
        assert_eq!(
            (e.kind(), e.claim_name()),
            (ErrorKind::InvalidClaim, Some("scope")),
            "{bad}"
        );
        let e = verifier::<AccessTokenClaims>()
            .build()
            .unwrap()
            .verify(&token)
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidClaim, "{bad}");
    }
}

/// An application's own claim type opts into the profile; the derive has checked its
/// fields at compile time.
#[derive(Debug, Serialize, Deserialize, jwt_core::Claims)]
#[claims(profile = "access_token", iss = "https://as.example.com")]
struct OrdersToken {
    iss: String,
    exp: NumericDate,
    aud: Audience,
    sub: String,
    client_id: String,
    iat: NumericDate,
    jti: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<Scope>,
    tenant: u32,
}

#[test]
fn a_derived_type_with_the_profile_is_an_access_token_type() {
    let profile = OrdersToken::PROFILE;
    assert!(profile.access_token);
    assert_eq!(profile.issuers, ["https://as.example.com"]);
    assert_eq!(OrdersToken::PROFILE.typ, Some("at+jwt"));
    let verifier = Verifier::<OrdersToken>::builder(key().public().unwrap())
        .audience(RESOURCE)
        .require_scope("reademail")
        .clock(FixedClock::at(NOW))
        .build()
        .unwrap();
    let mut with_tenant = claims();
    with_tenant.insert("tenant".into(), json!(7));
    let jwt = verifier
        .verify(&sign(with_tenant.clone(), Some("at+jwt")))
        .unwrap();
    assert_eq!(jwt.claims().tenant, 7);
    let e = verifier
        .verify(&sign(with_tenant.clone(), Some("jwt")))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TypMismatch);
    with_tenant.remove("jti");
    let e = verifier
        .verify(&sign(with_tenant, Some("at+jwt")))
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::MissingClaim, Some("jti"))
    );
    // The type names its issuer, so only its audience is left to the verifier; without
    // one it does not build.
    let e = Verifier::<OrdersToken>::builder(key().public().unwrap())
        .build()
        .unwrap_err();
    assert_eq!(e.claim_name(), Some("aud"));
}

#[test]
fn issuing_an_access_token_sets_its_typ_from_the_profile() {
    let claims = AccessTokenClaims::new(
        ISSUER,
        NumericDate::from_seconds(NOW + 60),
        RESOURCE,
        "alice",
        "app",
        NumericDate::from_seconds(NOW),
        "j-1",
    );
    let token = Jwt::new(claims).sign(&key()).unwrap();
    let header = jwt_core::dangerous::peek_header(&token).unwrap();
    assert_eq!(header.0.get("typ"), Some(&json!("at+jwt")));
    verifier::<AccessTokenClaims>()
        .build()
        .unwrap()
        .verify(&token)
        .unwrap();
}
