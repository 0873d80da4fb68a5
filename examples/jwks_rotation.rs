//! Key rotation with a JWK Set: tokens name their key by `kid`, the verifier holds the
//! public set, and retiring a key is removing it from the set.

use jwt_core::{FixedClock, Jwk, JwkSet, Jwt, NumericDate, RegisteredClaims, Verifier};

fn main() -> jwt_core::Result<()> {
    let now = NumericDate::now();
    // Two generations of signing keys; `kid` is each key's RFC 7638 thumbprint.
    let old = Jwk::generate_for("ES256")?.with_thumbprint_kid();
    let new = Jwk::generate_for("ES256")?.with_thumbprint_kid();
    println!("old kid: {}", old.kid().unwrap_or_default());
    println!("new kid: {}", new.kid().unwrap_or_default());

    let issue = |key: &Jwk| {
        let claims = RegisteredClaims {
            sub: Some("alice".into()),
            ..Default::default()
        };
        Jwt::new(claims)
            .issued_at(now)
            .with_default_claims(300)
            .sign(key)
    };
    let from_old = issue(&old)?;
    let from_new = issue(&new)?;

    // The published set holds both public keys during the overlap.
    let published = JwkSet::new(vec![old.public()?, new.public()?]);
    println!("published set: {}", published.to_json());
    let verifier = Verifier::<RegisteredClaims>::builder(published)
        .clock(FixedClock(now))
        .build()?;
    println!(
        "old token: {:?}",
        verifier.verify(&from_old).map(|jwt| jwt.into_claims().sub)
    );
    println!(
        "new token: {:?}",
        verifier.verify(&from_new).map(|jwt| jwt.into_claims().sub)
    );

    // After rotation only the new key is published: the old token's kid finds nothing,
    // and there is no fallback to other keys.
    let rotated = JwkSet::new(vec![new.public()?]);
    let verifier = Verifier::<RegisteredClaims>::builder(rotated)
        .clock(FixedClock(now))
        .build()?;
    match verifier.verify(&from_old) {
        Ok(_) => println!("old token after rotation: accepted (unexpected)"),
        Err(e) => println!("old token after rotation: rejected, {e}"),
    }
    println!(
        "new token after rotation: {:?}",
        verifier.verify(&from_new).map(|jwt| jwt.into_claims().sub)
    );
    Ok(())
}
