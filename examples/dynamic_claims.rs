//! Dynamic claims (a `serde_json::Map`, like jwcrypto's dict) with jwcrypto-style
//! `check_claims` rules: require a claim, or require an exact value.

use jwt_core::{FixedClock, Jwk, Jwt, NumericDate, Verifier};
use serde_json::{json, Map, Value};

fn main() -> jwt_core::Result<()> {
    let key = Jwk::generate_for("HS256")?;
    let now = NumericDate::now();
    let Value::Object(claims) = json!({"iss": "billing", "role": "admin", "org": 42}) else {
        unreachable!("a JSON object literal")
    };
    let token = Jwt::new(claims)
        .issued_at(now)
        .with_default_claims(600)
        .sign(&key)?;
    println!("token: {token}");

    let verifier = Verifier::<Map<String, Value>>::builder(key.clone())
        .issuer("billing")
        .require("org")
        .require_value("role", "admin")
        .clock(FixedClock(now))
        .build()?;
    let jwt = verifier.verify(&token)?;
    println!("claims: {}", Value::Object(jwt.claims().clone()));

    // exp is checked even though other rules are configured (jwcrypto turns it off).
    let later = Verifier::<Map<String, Value>>::builder(key)
        .require_value("role", "admin")
        .clock(FixedClock(now.saturating_add_seconds(3600)))
        .build()?;
    match later.verify(&token) {
        Ok(_) => println!("an hour later: accepted (unexpected)"),
        Err(e) => println!("an hour later: {} ({})", e.kind(), e),
    }
    Ok(())
}
