//! Two claim types, two profiles: an ID token never passes as an access token, and the
//! reverse (RFC 8725 §3.12), even when one key signs both.

use jwt_core::{Audience, Claims, FixedClock, Jwk, Jwt, NumericDate, Verifier};
use serde::{Deserialize, Serialize};

/// An OpenID Connect ID token for the web client.
#[derive(Debug, Claims, Serialize, Deserialize)]
#[claims(typ = "JWT", iss = "https://id.example.com", aud = "web-client", expires_in = "5m", generate = [iat])]
struct IdToken {
    iss: String,
    sub: String,
    aud: Audience,
    exp: NumericDate,
    iat: NumericDate,
    #[claim(len = 1..=64)]
    name: String,
}

/// An OAuth access token for the orders API (RFC 9068 `typ`).
#[derive(Debug, Claims, Serialize, Deserialize)]
#[claims(
    typ = "at+jwt",
    iss = "https://id.example.com",
    aud = "orders-api",
    expires_in = "15m"
)]
struct AccessToken {
    iss: String,
    sub: String,
    aud: Audience,
    exp: NumericDate,
    #[claim(contains = "orders:read")]
    scope: String,
}

fn main() -> jwt_core::Result<()> {
    let key = Jwk::generate_for("EdDSA")?;
    let now = NumericDate::from_seconds(1_700_000_000);
    let id_token = Jwt::new(IdToken {
        iss: "https://id.example.com".into(),
        sub: "alice".into(),
        aud: "web-client".into(),
        exp: NumericDate::default(),
        iat: NumericDate::default(),
        name: "Alice".into(),
    })
    .issued_at(now)
    .sign(&key)?;
    let access_token = Jwt::new(AccessToken {
        iss: "https://id.example.com".into(),
        sub: "alice".into(),
        aud: "orders-api".into(),
        exp: NumericDate::default(),
        scope: "orders:read orders:write".into(),
    })
    .issued_at(now)
    .sign(&key)?;

    let ids = Verifier::<IdToken>::builder(key.public()?)
        .clock(FixedClock(now))
        .build()?;
    let access = Verifier::<AccessToken>::builder(key.public()?)
        .clock(FixedClock(now))
        .build()?;
    println!(
        "ID token as ID token:         {:?}",
        ids.verify(&id_token).map(|t| t.into_claims().name)
    );
    println!(
        "access token as access token: {:?}",
        access.verify(&access_token).map(|t| t.into_claims().scope)
    );
    for (what, result) in [
        (
            "ID token as access token",
            access.verify(&id_token).map(|_| ()),
        ),
        (
            "access token as ID token",
            ids.verify(&access_token).map(|_| ()),
        ),
    ] {
        match result {
            Ok(()) => println!("{what}: accepted (unexpected)"),
            Err(e) => println!("{what}: rejected, {e}"),
        }
    }
    Ok(())
}
