//! The quickstart: typed claims with `#[derive(Claims)]`, keys, a signed token, a
//! nested (signed, then encrypted) token, and one-call verification into the type.

use jwt_core::{
    Audience, Claims, ContentEncryptionAlgorithm, Jwk, Jwt, KeyManagementAlgorithm, NumericDate,
    Verifier,
};
use serde::{Deserialize, Serialize};

/// What an access token says. The attributes are the validation profile: the `typ`
/// header, the issuer and audience, the time rules, and value rules on claims.
#[derive(Debug, Claims, Serialize, Deserialize)]
#[claims(
    typ = "at+jwt",
    iss = "https://id.example.com",
    aud = "orders-api",
    leeway = 30,
    max_age = 3600,
    expires_in = 900,
    generate = [iat, jti]
)]
struct AccessToken {
    iss: String,
    sub: String,
    aud: Audience,
    exp: NumericDate,
    iat: NumericDate,
    jti: Option<String>,
    #[claim(one_of = ["admin", "clerk"])]
    role: String,
    #[claim(contains_all = ["orders:read"])]
    scopes: Vec<String>,
    #[claim(range = 1..=999_999)]
    tenant: u64,
}

fn claims(role: &str) -> AccessToken {
    AccessToken {
        iss: "https://id.example.com".into(),
        sub: "alice".into(),
        aud: "orders-api".into(),
        exp: NumericDate::default(), // unset: issuing sets now + 900 s
        iat: NumericDate::default(), // unset: issuing sets now
        jti: None,                   // unset: issuing sets 128 random bits
        role: role.into(),
        scopes: vec!["orders:read".into(), "orders:write".into()],
        tenant: 4711,
    }
}

fn main() -> jwt_core::Result<()> {
    // 1. Keys. Each carries its algorithm; `kid` is its RFC 7638 thumbprint.
    let signing_key = Jwk::generate_for("ES256")?.with_thumbprint_kid();
    let encryption_key = Jwk::generate_for("ECDH-ES+A256KW")?.with_thumbprint_kid();
    println!(
        "1. signing key (public):    {}",
        signing_key.public()?.to_json()
    );
    println!(
        "   encryption key (public): {}",
        encryption_key.public()?.to_json()
    );

    // 2. A signed token (JWS), typ "at+jwt" from the profile.
    let signed = Jwt::new(claims("clerk")).sign(&signing_key)?;
    println!("\n2. signed token:\n   {signed}");

    // 3. A nested token: sign, then encrypt to the encryption key's public half.
    let nested = Jwt::new(claims("admin")).signed(&signing_key)?.encrypt(
        &encryption_key.public()?,
        KeyManagementAlgorithm::EcdhEsA256Kw,
        ContentEncryptionAlgorithm::A256Gcm,
    )?;
    println!("\n3. nested token (JWE around the JWS):\n   {nested}");

    // 4. Verify: build each verifier once, share it; one call verifies and validates.
    let verify_signed = Verifier::<AccessToken>::builder(signing_key.public()?).build()?;
    let jwt = verify_signed.verify(&signed)?;
    println!("\n4. verified signed token: {:?}", jwt.claims());

    let verify_nested = Verifier::<AccessToken>::builder(signing_key.public()?)
        .nested(encryption_key.clone())
        .build()?;
    let jwt = verify_nested.verify(&nested)?;
    println!(
        "   verified nested token: role {}, expires {}",
        jwt.claims().role,
        jwt.claims().exp
    );

    // 5. What a wrong token gets: a clear, matchable error.
    let wrong_role = Jwt::new(AccessToken {
        role: "intern".into(),
        ..claims("clerk")
    })
    .sign(&signing_key)?;
    let error = verify_signed.verify(&wrong_role).unwrap_err();
    println!(
        "\n5. role \"intern\": {} (claim {:?})",
        error,
        error.claim_name()
    );
    let error = verify_signed.verify(&nested).unwrap_err();
    println!("   nested token at the signed-token verifier: {error}");
    let error = verify_nested.verify(&signed).unwrap_err();
    println!("   signed token at the nested-token verifier: {error}");
    Ok(())
}
