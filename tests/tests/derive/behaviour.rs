//! `#[derive(Claims)]` through the full `Verifier` path: every rule at its boundary,
//! required vs optional claims, serde renames, generics, issuing defaults, and claim types
//! with different profiles rejecting each other's tokens (RFC 8725 §3.12).
// The expansion must be clean under the strictest lints a user may set.
#![deny(
    warnings,
    unused_qualifications,
    unused_results,
    clippy::all,
    clippy::pedantic
)]
#![allow(clippy::missing_panics_doc, clippy::unnecessary_wraps)]

use jwt_core::{Audience, Claims, ErrorKind, FixedClock, Jwk, Jwt, NumericDate, Profile, Verifier};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::OnceLock;

const NOW: i64 = 1_700_000_000;

fn key() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::generate_for("HS256").unwrap())
}

fn verifier<C: Claims>(now: i64) -> Verifier<C> {
    Verifier::<C>::builder(key().clone())
        .clock(FixedClock::at(now))
        .build()
        .unwrap()
}

/// A token with exactly these claims and this `typ`, bypassing issuing's rules (which
/// refuse ill-typed registered claims): the verifier is what is under test.
fn token(claims: &Value, typ: &str) -> String {
    let mut header = serde_json::Map::new();
    let _ = header.insert("typ".into(), json!(typ));
    jwt_core::jws::JwsBuilder::new(claims.to_string().into_bytes())
        .sign(key(), jwt_core::SignatureAlgorithm::HS256, header, None)
        .unwrap()
        .compact()
        .unwrap()
}

fn accepts<C: Claims>(claims: &Value, typ: &str) -> C {
    match verifier::<C>(NOW).verify(&token(claims, typ)) {
        Ok(jwt) => jwt.into_claims(),
        Err(e) => panic!("rejected {claims}: {e}"),
    }
}

/// Rejects with `kind` naming `claim`; returns the message.
fn rejects<C: Claims>(claims: &Value, typ: &str, kind: ErrorKind, claim: &str) -> String {
    let Err(e) = verifier::<C>(NOW).verify(&token(claims, typ)) else {
        panic!("accepted {claims}")
    };
    assert_eq!((e.kind(), e.claim_name()), (kind, Some(claim)), "{e}");
    e.message().to_owned()
}

fn with(mut base: Value, name: &str, value: Value) -> Value {
    base[name] = value;
    base
}

fn without(mut base: Value, name: &str) -> Value {
    let _ = base.as_object_mut().unwrap().remove(name);
    base
}

// ---------------------------------------------------------------------------------------
// The issue's example.

#[allow(clippy::unnecessary_wraps, clippy::trivially_copy_pass_by_ref)]
fn check_region(region: &str) -> Result<(), String> {
    if region.starts_with("eu-") {
        Ok(())
    } else {
        Err(format!("{region:?} is outside the EU"))
    }
}

#[derive(Debug, Clone, Claims, Serialize, Deserialize)]
#[claims(
    typ = "at+jwt",
    iss = "https://id.example.com",
    aud = "orders-api",
    leeway = 30,
    max_age = 3600,
    expires_in = "15m",
    generate = [iat, jti]
)]
struct AccessToken {
    iss: String,
    sub: String,
    aud: Audience,
    exp: NumericDate,
    iat: NumericDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    jti: Option<String>,
    #[claim(one_of = ["admin", "clerk"])]
    role: String,
    #[claim(contains_all = ["orders:read"])]
    scopes: Vec<String>,
    #[claim(range = 1..=999_999)]
    tenant: u64,
    #[claim(with = check_region)]
    region: String,
}

impl AccessToken {
    /// Every claim set except the ones issuing fills (`exp` and `iat` are unset).
    fn unissued() -> Self {
        AccessToken {
            iss: "https://id.example.com".into(),
            sub: "alice".into(),
            aud: "orders-api".into(),
            exp: NumericDate::default(),
            iat: NumericDate::default(),
            jti: None,
            role: "clerk".into(),
            scopes: vec!["orders:write".into(), "orders:read".into()],
            tenant: 7,
            region: "eu-central-1".into(),
        }
    }
}

fn access() -> Value {
    json!({
        "iss": "https://id.example.com", "sub": "alice", "aud": "orders-api",
        "exp": NOW + 600, "iat": NOW - 10, "role": "admin", "scopes": ["orders:read"],
        "tenant": 42, "region": "eu-west-1"
    })
}

#[test]
fn the_profile_comes_from_the_container_attributes() {
    let profile: Profile = AccessToken::PROFILE;
    assert_eq!(profile.typ, Some("at+jwt"));
    assert_eq!(profile.issuers, ["https://id.example.com"]);
    assert_eq!(profile.audiences, ["orders-api"]);
    assert_eq!(profile.subject, None);
    assert_eq!(
        (profile.leeway, profile.max_age, profile.expires_in),
        (Some(30), Some(3600), Some(900))
    );
    assert!(profile.require_exp && profile.issue_iat && profile.issue_jti && !profile.issue_nbf);
}

#[test]
fn issuing_fills_exp_iat_jti_and_sets_typ() {
    let claims = AccessToken::unissued();
    let token = Jwt::new(claims)
        .issued_at(NumericDate::from_seconds(NOW))
        .sign(key())
        .unwrap();
    let jwt = verifier::<AccessToken>(NOW + 1).verify(&token).unwrap();
    assert_eq!(jwt.header()["typ"], "at+jwt");
    let claims = jwt.claims();
    assert_eq!(claims.exp, NumericDate::from_seconds(NOW + 900));
    assert_eq!(claims.iat, NumericDate::from_seconds(NOW));
    assert_eq!(claims.jti.as_ref().map(String::len), Some(22));
    // and the registered view reads the same fields
    let registered = claims.registered().unwrap();
    assert_eq!(registered.sub, Some("alice"));
    assert_eq!(registered.exp, Some(claims.exp));
}

#[test]
fn issuing_keeps_values_that_are_set() {
    let claims = AccessToken {
        exp: NumericDate::from_seconds(NOW + 60),
        iat: NumericDate::from_seconds(NOW - 5),
        jti: Some("fixed".into()),
        ..AccessToken::unissued()
    };
    let token = Jwt::new(claims)
        .issued_at(NumericDate::from_seconds(NOW))
        .sign(key())
        .unwrap();
    let payload = jwt_core::dangerous::peek_claims(&token).unwrap().0;
    assert_eq!(payload["exp"], NOW + 60);
    assert_eq!(payload["iat"], NOW - 5);
    assert_eq!(payload["jti"], "fixed");
}

#[test]
fn the_example_token_passes() {
    let claims: AccessToken = accepts(&access(), "at+jwt");
    assert_eq!(claims.tenant, 42);
    // typ is compared as RFC 7515 §4.1.9 says
    let _: AccessToken = accepts(&access(), "application/AT+JWT");
}

#[test]
fn one_of() {
    let _: AccessToken = accepts(&with(access(), "role", json!("clerk")), "at+jwt");
    let message = rejects::<AccessToken>(
        &with(access(), "role", json!("Admin")),
        "at+jwt",
        ErrorKind::ClaimMismatch,
        "role",
    );
    assert_eq!(
        message,
        r#"claim "role" must be one of ["admin", "clerk"], found "Admin""#
    );
}

#[test]
fn contains_all() {
    let more = json!(["orders:write", "orders:read"]);
    let _: AccessToken = accepts(&with(access(), "scopes", more), "at+jwt");
    for bad in [json!([]), json!(["orders:write"]), json!(["orders:read "])] {
        let message = rejects::<AccessToken>(
            &with(access(), "scopes", bad),
            "at+jwt",
            ErrorKind::ClaimMismatch,
            "scopes",
        );
        assert!(message.starts_with(r#"claim "scopes" must contain "orders:read", found ["#));
    }
}

#[test]
fn inclusive_range() {
    for ok in [1, 999_999] {
        let _: AccessToken = accepts(&with(access(), "tenant", json!(ok)), "at+jwt");
    }
    for bad in [0, 1_000_000] {
        let message = rejects::<AccessToken>(
            &with(access(), "tenant", json!(bad)),
            "at+jwt",
            ErrorKind::ClaimMismatch,
            "tenant",
        );
        assert_eq!(
            message,
            format!(r#"claim "tenant" must be in 1..=999999, found {bad}"#)
        );
    }
}

#[test]
fn custom_function() {
    let message = rejects::<AccessToken>(
        &with(access(), "region", json!("us-east-1")),
        "at+jwt",
        ErrorKind::ClaimMismatch,
        "region",
    );
    assert_eq!(
        message,
        r#"claim "region" is rejected by check_region: "us-east-1" is outside the EU"#
    );
}

#[test]
fn required_claims_are_required() {
    for name in ["role", "tenant", "sub", "iat"] {
        let _ = rejects::<AccessToken>(
            &without(access(), name),
            "at+jwt",
            ErrorKind::MissingClaim,
            name,
        );
    }
    // an optional claim may be absent
    let _: AccessToken = accepts(&without(access(), "jti"), "at+jwt");
    // a registered claim of the wrong JSON type is an error, never "absent"
    let _ = rejects::<AccessToken>(
        &with(access(), "jti", json!(5)),
        "at+jwt",
        ErrorKind::InvalidClaim,
        "jti",
    );
}

#[test]
fn the_profile_is_enforced() {
    let _ = rejects::<AccessToken>(
        &with(access(), "iss", json!("https://evil.example")),
        "at+jwt",
        ErrorKind::ClaimMismatch,
        "iss",
    );
    let _ = rejects::<AccessToken>(
        &with(access(), "aud", json!(["billing-api"])),
        "at+jwt",
        ErrorKind::ClaimMismatch,
        "aud",
    );
    let _: AccessToken = accepts(&with(access(), "aud", json!(["x", "orders-api"])), "at+jwt");
    let Err(e) = verifier::<AccessToken>(NOW).verify(&token(&access(), "JWT")) else {
        panic!("a token without typ at+jwt passed")
    };
    assert_eq!(e.kind(), ErrorKind::TypMismatch);
}

#[test]
fn leeway_and_max_age_at_their_boundaries() {
    let exp = with(access(), "exp", json!(NOW - 29));
    let _: AccessToken = accepts(&exp, "at+jwt");
    let exp = with(access(), "exp", json!(NOW - 30));
    let _ = rejects::<AccessToken>(&exp, "at+jwt", ErrorKind::Expired, "exp");
    let iat = with(access(), "iat", json!(NOW - 3630));
    let _: AccessToken = accepts(&iat, "at+jwt");
    let iat = with(access(), "iat", json!(NOW - 3631));
    let _ = rejects::<AccessToken>(&iat, "at+jwt", ErrorKind::TokenTooOld, "iat");
}

// ---------------------------------------------------------------------------------------
// Each rule on each kind of field, at its boundary.

#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Claims, Serialize, Deserialize)]
#[claims(no_exp)]
struct Rules {
    #[claim(eq = "v1")]
    version: Option<String>,
    #[claim(eq = -7)]
    offset: Option<i32>,
    #[claim(eq = true)]
    verified: Option<bool>,
    #[claim(one_of = [2, 3, 5])]
    prime: Option<u8>,
    #[claim(range = 1..10)]
    exclusive: Option<u16>,
    #[claim(range = ..=10)]
    at_most: Option<i64>,
    #[claim(range = -1.5..)]
    at_least: Option<f64>,
    #[claim(range = 0..=1, eq = 0.5)]
    ratio: Option<f32>,
    #[claim(len = 1..=4)]
    name: Option<String>,
    #[claim(len = ..3, contains = 7)]
    numbers: Option<Vec<u32>>,
    #[claim(contains_all = ["write", "read"])]
    scope: Option<String>,
    #[claim(contains = "b")]
    #[serde(skip_serializing_if = "Option::is_none")]
    aud: Option<Audience>,
    #[claim(with = even)]
    even: Option<u64>,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn even(value: &u64) -> Result<(), &'static str> {
    if value.is_multiple_of(2) {
        Ok(())
    } else {
        Err("odd")
    }
}

fn rule_boundaries(name: &str, accepted: &[Value], rejected: &[Value]) {
    for ok in accepted {
        let claims = json!({ name: ok, "aud": "b" });
        let Ok(_) = Verifier::<Rules>::builder(key().clone())
            .audience("b")
            .build()
            .unwrap()
            .verify(&token(&claims, "JWT"))
        else {
            panic!("{name} = {ok} was rejected")
        };
    }
    for bad in rejected {
        let claims = json!({ name: bad, "aud": "b" });
        let e = Verifier::<Rules>::builder(key().clone())
            .audience("b")
            .build()
            .unwrap()
            .verify(&token(&claims, "JWT"))
            .unwrap_err();
        assert_eq!(
            (e.kind(), e.claim_name()),
            (ErrorKind::ClaimMismatch, Some(name)),
            "{name} = {bad}: {e}"
        );
        assert!(e.message().contains(&format!("claim {name:?}")), "{e}");
    }
}

#[test]
fn eq_on_strings_integers_and_bools() {
    rule_boundaries(
        "version",
        &[json!("v1")],
        &[json!("v2"), json!("V1"), json!("")],
    );
    rule_boundaries("offset", &[json!(-7)], &[json!(7), json!(-8)]);
    rule_boundaries("verified", &[json!(true)], &[json!(false)]);
}

#[test]
fn one_of_integers() {
    rule_boundaries("prime", &[json!(2), json!(5)], &[json!(4), json!(0)]);
}

#[test]
fn exclusive_open_and_float_ranges() {
    rule_boundaries("exclusive", &[json!(1), json!(9)], &[json!(0), json!(10)]);
    rule_boundaries("at_most", &[json!(10), json!(i64::MIN)], &[json!(11)]);
    rule_boundaries("at_least", &[json!(-1.5), json!(1e300)], &[json!(-1.6)]);
    rule_boundaries("ratio", &[json!(0.5)], &[json!(0.25), json!(1.5)]);
}

#[test]
fn length_of_strings_in_characters_and_of_sequences() {
    rule_boundaries(
        "name",
        &[json!("a"), json!("éééé")],
        &[json!(""), json!("abcde")],
    );
    rule_boundaries(
        "numbers",
        &[json!([7]), json!([1, 7])],
        &[json!([1, 2, 7]), json!([1])],
    );
}

#[test]
fn contains_on_space_separated_strings_and_audiences() {
    rule_boundaries(
        "scope",
        &[json!("read write"), json!("admin write read")],
        &[json!("read"), json!("read writer"), json!("readwrite")],
    );
    let e = Verifier::<Rules>::builder(key().clone())
        .audience("a")
        .build()
        .unwrap()
        .verify(&token(&json!({ "aud": ["a", "c"] }), "JWT"))
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.claim_name()),
        (ErrorKind::ClaimMismatch, Some("aud"))
    );
    assert!(e.message().contains(r#"must contain "b""#), "{e}");
}

#[test]
fn custom_function_on_an_option_sees_the_value() {
    rule_boundaries("even", &[json!(0), json!(2)], &[json!(1)]);
}

#[test]
fn rules_on_absent_options_do_not_run() {
    let claims: Rules = accepts(&json!({}), "JWT");
    assert!(claims.version.is_none() && claims.numbers.is_none());
}

// ---------------------------------------------------------------------------------------
// Names, generics, exp policy, generated claims.

#[derive(Debug, Claims, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[claims(iss = ["https://a.example", "https://b.example"])]
struct Renamed {
    #[serde(rename = "iss")]
    issuer: String,
    #[serde(rename = "exp")]
    expires: NumericDate,
    #[serde(rename = "https://example.com/role")]
    #[claim(eq = "reader")]
    role: String,
    #[claim(range = 1..)]
    tenant_id: u32,
}

#[test]
fn renamed_fields_are_found_by_json_name() {
    let base = json!({
        "iss": "https://b.example", "exp": NOW + 5, "https://example.com/role": "reader", "tenantId": 3
    });
    let claims: Renamed = accepts(&base, "JWT");
    assert_eq!(claims.issuer, "https://b.example");
    let _ = rejects::<Renamed>(
        &with(base.clone(), "iss", json!("https://c.example")),
        "JWT",
        ErrorKind::ClaimMismatch,
        "iss",
    );
    let _ = rejects::<Renamed>(
        &with(base.clone(), "exp", json!(NOW - 60)),
        "JWT",
        ErrorKind::Expired,
        "exp",
    );
    let message = rejects::<Renamed>(
        &with(base.clone(), "https://example.com/role", json!("writer")),
        "JWT",
        ErrorKind::ClaimMismatch,
        "https://example.com/role",
    );
    assert_eq!(
        message,
        r#"claim "https://example.com/role" must be "reader", found "writer""#
    );
    let _ = rejects::<Renamed>(
        &with(base.clone(), "tenantId", json!(0)),
        "JWT",
        ErrorKind::ClaimMismatch,
        "tenantId",
    );
    let _ = rejects::<Renamed>(
        &without(base, "tenantId"),
        "JWT",
        ErrorKind::MissingClaim,
        "tenantId",
    );
}

/// A generic claim type: the extra claims are the application's own type.
#[derive(Debug, Claims, Serialize, Deserialize)]
#[claims(sub = "svc")]
struct Generic<T: Default + PartialEq, D = NumericDate> {
    sub: String,
    exp: D,
    #[claim(with = non_default)]
    extra: T,
}

fn non_default<T: Default + PartialEq>(value: &T) -> Result<(), &'static str> {
    if *value == T::default() {
        Err("must not be the default")
    } else {
        Ok(())
    }
}

#[test]
fn generic_structs() {
    let base = json!({ "sub": "svc", "exp": NOW + 1, "extra": 3 });
    let claims: Generic<u32> = accepts(&base, "JWT");
    assert_eq!(claims.extra, 3);
    let _ = rejects::<Generic<u32>>(
        &with(base.clone(), "extra", json!(0)),
        "JWT",
        ErrorKind::ClaimMismatch,
        "extra",
    );
    let strings: Generic<String, Option<NumericDate>> =
        accepts(&with(base.clone(), "extra", json!("x")), "JWT");
    assert_eq!(strings.exp, Some(NumericDate::from_seconds(NOW + 1)));
    let _ = rejects::<Generic<u32>>(
        &with(base, "sub", json!("other")),
        "JWT",
        ErrorKind::ClaimMismatch,
        "sub",
    );
}

#[derive(Debug, Default, Clone, PartialEq, Claims, Serialize, Deserialize)]
#[claims(no_exp, generate = [nbf, jti], expires_in = 60)]
struct Session {
    #[serde(skip_serializing_if = "Option::is_none")]
    exp: Option<NumericDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nbf: Option<NumericDate>,
    jti: String,
}

#[test]
fn no_exp_accepts_tokens_without_exp_and_generates_what_it_names() {
    let profile: Profile = Session::PROFILE;
    assert!(!profile.require_exp);
    let _: Session = accepts(&json!({ "jti": "x" }), "JWT");
    let _ = rejects::<Session>(
        &json!({ "jti": "x", "exp": NOW - 60 }),
        "JWT",
        ErrorKind::Expired,
        "exp",
    );
    let token = Jwt::new(Session::default())
        .issued_at(NumericDate::from_seconds(NOW))
        .sign(key())
        .unwrap();
    let session = verifier::<Session>(NOW)
        .verify(&token)
        .unwrap()
        .into_claims();
    assert_eq!(session.nbf, Some(NumericDate::from_seconds(NOW)));
    assert_eq!(session.exp, Some(NumericDate::from_seconds(NOW + 60)));
    assert_eq!(session.jti.len(), 22);
    // a non-empty jti is kept
    let mut kept = Session {
        jti: "mine".into(),
        ..Session::default()
    };
    kept.apply_defaults(&jwt_core::claims::IssueDefaults::default())
        .unwrap();
    assert_eq!(kept.jti, "mine");
}

#[derive(Debug, Clone, PartialEq, Claims, Serialize, Deserialize)]
struct Kept {
    sub: String,
    exp: NumericDate,
}

#[test]
fn borrowed_claims_issue_the_same_token_and_stay_the_callers() {
    let claims = Kept {
        sub: "alice".into(),
        exp: NumericDate::from_seconds(NOW + 60),
    };
    let owned = Jwt::new(claims.clone()).sign(key()).unwrap();
    let borrowed = Jwt::borrowed(&claims).sign(key()).unwrap();
    assert_eq!(
        borrowed, owned,
        "HS256 is deterministic: same claims, same token"
    );
    let verified = verifier::<Kept>(NOW).verify(&borrowed).unwrap();
    assert_eq!(verified.claims(), &claims);
}

#[test]
fn borrowed_claims_get_defaults_on_a_copy() {
    let session = Session {
        jti: String::new(),
        ..Session::default()
    };
    let token = Jwt::borrowed(&session)
        .issued_at(NumericDate::from_seconds(NOW))
        .sign(key())
        .unwrap();
    // The defaults went into the token, not into the caller's value.
    assert_eq!(session, Session::default());
    let issued = verifier::<Session>(NOW)
        .verify(&token)
        .unwrap()
        .into_claims();
    assert_eq!(issued.exp, Some(NumericDate::from_seconds(NOW + 60)));
    assert_eq!(issued.nbf, Some(NumericDate::from_seconds(NOW)));
    assert_eq!(issued.jti.len(), 22);
}

#[derive(Debug, Claims, Serialize, Deserialize)]
struct OptionalExpField {
    #[serde(skip_serializing_if = "Option::is_none")]
    exp: Option<NumericDate>,
}

#[test]
fn an_option_exp_is_still_required_without_no_exp() {
    let profile: Profile = OptionalExpField::PROFILE;
    assert!(profile.require_exp);
    let _ = rejects::<OptionalExpField>(&json!({}), "JWT", ErrorKind::MissingClaim, "exp");
    let _: OptionalExpField = accepts(&json!({ "exp": NOW + 1 }), "JWT");
}

// ---------------------------------------------------------------------------------------
// RFC 8725 §3.12: two kinds of token from one issuer and key never pass for each other.

#[derive(Debug, Claims, Serialize, Deserialize)]
#[claims(typ = "id+jwt", iss = "https://id.example.com", aud = "web-client")]
struct IdToken {
    iss: String,
    sub: String,
    aud: Audience,
    exp: NumericDate,
    #[serde(default)]
    nonce: Option<String>,
}

fn id_token() -> Value {
    json!({ "iss": "https://id.example.com", "sub": "alice", "aud": "web-client", "exp": NOW + 60 })
}

#[test]
fn id_and_access_tokens_reject_each_other() {
    let _: IdToken = accepts(&id_token(), "id+jwt");
    let id_as_access = verifier::<AccessToken>(NOW).verify(&token(&id_token(), "id+jwt"));
    assert_eq!(id_as_access.unwrap_err().kind(), ErrorKind::TypMismatch);
    let access_as_id = verifier::<IdToken>(NOW).verify(&token(&access(), "at+jwt"));
    assert_eq!(access_as_id.unwrap_err().kind(), ErrorKind::TypMismatch);
    // Even with the typ forged to match, the audience tells them apart.
    let _ = rejects::<IdToken>(&access(), "id+jwt", ErrorKind::ClaimMismatch, "aud");
    let for_the_web_client = with(access(), "aud", json!("web-client"));
    let _ = rejects::<AccessToken>(
        &for_the_web_client,
        "at+jwt",
        ErrorKind::ClaimMismatch,
        "aud",
    );
    // and tokens issued through each type carry their own typ
    let issued = Jwt::new(accepts::<IdToken>(&id_token(), "id+jwt"))
        .sign(key())
        .unwrap();
    assert_eq!(
        verifier::<AccessToken>(NOW)
            .verify(&issued)
            .unwrap_err()
            .kind(),
        ErrorKind::TypMismatch
    );
    assert!(verifier::<IdToken>(NOW).verify(&issued).is_ok());
}

// ---------------------------------------------------------------------------------------
// `#[claims(crate = "...")]` for a re-export.

mod reexport {
    pub use jwt_core as jwt;
}

mod uses_the_reexport {
    use super::reexport::jwt::{Claims, NumericDate};
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Claims, Serialize, Deserialize)]
    #[claims(crate = "crate::behaviour::reexport::jwt", leeway = 0)]
    pub struct ViaReexport {
        pub exp: NumericDate,
    }
}

#[test]
fn crate_path_override() {
    assert_eq!(uses_the_reexport::ViaReexport::PROFILE.leeway, Some(0));
    let _ = rejects::<uses_the_reexport::ViaReexport>(
        &json!({ "exp": NOW }),
        "JWT",
        ErrorKind::Expired,
        "exp",
    );
}

// ---------------------------------------------------------------------------------------
// Hygiene: the expansion names nothing the user's module can shadow.

#[allow(dead_code, non_camel_case_types, clippy::upper_case_acronyms)]
mod shadowing {
    use ::jwt_core::{Claims, NumericDate};
    use serde::{Deserialize, Serialize};

    struct Result;
    struct Option;
    struct Some;
    struct None;
    struct Ok;
    struct Err;
    struct jwt_core;
    struct core;
    struct std;
    struct __private;

    #[derive(Claims, Serialize, Deserialize)]
    #[claims(typ = "JWT", leeway = 1)]
    pub struct Shadowed {
        pub exp: NumericDate,
        #[claim(eq = "x")]
        pub tag: ::std::option::Option<String>,
    }
}

#[test]
fn the_expansion_survives_shadowed_names() {
    let _ = rejects::<shadowing::Shadowed>(
        &json!({ "exp": NOW + 60, "tag": "y" }),
        "JWT",
        ErrorKind::ClaimMismatch,
        "tag",
    );
}

// ---------------------------------------------------------------------------------------
// A type's own tokens always verify with its own verifier: every registered claim as an
// `Option`, set and unset, with and without the claims that issuing fills.

#[derive(Debug, Clone, Default, PartialEq, Claims, Serialize, Deserialize)]
#[claims(no_exp)]
struct AllOptional {
    #[serde(skip_serializing_if = "Option::is_none")]
    iss: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aud: Option<Audience>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exp: Option<NumericDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nbf: Option<NumericDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    iat: Option<NumericDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jti: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Claims, Serialize, Deserialize)]
#[claims(generate = [iat, nbf, jti], expires_in = 60)]
struct AllFilled {
    exp: Option<NumericDate>,
    nbf: Option<NumericDate>,
    iat: Option<NumericDate>,
    jti: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<String>,
}

/// Issues `claims`, checks no member of the token is `null`, and verifies the token
/// with `verifier`, returning what it read.
fn round_trip<C: Claims + Clone + std::fmt::Debug>(claims: &C, verifier: &Verifier<C>) -> C {
    let token = Jwt::new(claims.clone())
        .issued_at(NumericDate::from_seconds(NOW))
        .sign(key())
        .unwrap();
    let payload = jwt_core::dangerous::peek_claims(&token).unwrap().0;
    assert!(
        payload.values().all(|value| !value.is_null()),
        "{claims:?} issued {payload:?}"
    );
    verifier
        .verify(&token)
        .unwrap_or_else(|e| panic!("{claims:?} issued a token its verifier refuses: {e}"))
        .into_claims()
}

#[test]
fn every_optional_registered_claim_round_trips_set_and_unset() {
    let set = AllOptional {
        iss: Some("https://id.example.com".into()),
        sub: Some("alice".into()),
        aud: Some("api".into()),
        exp: Some(NumericDate::from_seconds(NOW + 60)),
        nbf: Some(NumericDate::from_seconds(NOW - 1)),
        iat: Some(NumericDate::from_seconds(NOW - 1)),
        jti: Some("j".into()),
    };
    // Each claim unset on its own, then all of them.
    let unset: [fn(&mut AllOptional); 7] = [
        |c| c.iss = None,
        |c| c.sub = None,
        |c| c.aud = None,
        |c| c.exp = None,
        |c| c.nbf = None,
        |c| c.iat = None,
        |c| c.jti = None,
    ];
    for clear in unset {
        let mut claims = set.clone();
        clear(&mut claims);
        let builder = Verifier::<AllOptional>::builder(key().clone()).clock(FixedClock::at(NOW));
        let verifier = if claims.aud.is_some() {
            builder.audience("api")
        } else {
            builder
        };
        assert_eq!(round_trip(&claims, &verifier.build().unwrap()), claims);
    }
    let none = AllOptional::default();
    assert_eq!(round_trip(&none, &verifier::<AllOptional>(NOW)), none);
}

#[test]
fn claims_that_issuing_fills_round_trip_set_and_unset() {
    let verifier = verifier::<AllFilled>(NOW);
    let issued = round_trip(&AllFilled::default(), &verifier);
    assert_eq!(issued.exp, Some(NumericDate::from_seconds(NOW + 60)));
    assert_eq!(issued.nbf, Some(NumericDate::from_seconds(NOW)));
    assert_eq!(issued.iat, Some(NumericDate::from_seconds(NOW)));
    assert_eq!(issued.jti.as_deref().map(str::len), Some(22));
    let set = AllFilled {
        exp: Some(NumericDate::from_seconds(NOW + 30)),
        nbf: Some(NumericDate::from_seconds(NOW - 5)),
        iat: Some(NumericDate::from_seconds(NOW - 5)),
        jti: Some("mine".into()),
        sub: Some("alice".into()),
    };
    assert_eq!(round_trip(&set, &verifier), set);
}

#[test]
fn dynamic_claims_refuse_to_issue_a_null_registered_claim() {
    for name in ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"] {
        let mut claims = serde_json::Map::new();
        let _ = claims.insert("exp".into(), json!(NOW + 60));
        let _ = claims.insert(name.into(), Value::Null);
        let err = Jwt::new(claims).sign(key()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidClaim, "{name}");
        assert_eq!(err.claim_name(), Some(name));
    }
}
