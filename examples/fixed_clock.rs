//! Testing time rules with a fixed clock: issue at one instant, verify at others, and
//! see the boundaries (leeway 0 here, to make them exact).

use jwt_core::{FixedClock, Jwk, Jwt, NumericDate, RegisteredClaims, Verifier};

fn main() -> jwt_core::Result<()> {
    let key = Jwk::generate_for("EdDSA")?;
    let issued = NumericDate::from_seconds(1_700_000_000);
    let token = Jwt::new(RegisteredClaims::default())
        .issued_at(issued)
        .with_default_claims(60)
        .sign(&key)?;
    for offset in [-1i64, 0, 59, 60] {
        let now = NumericDate::from_seconds(issued.seconds() + offset);
        let verifier = Verifier::<RegisteredClaims>::builder(key.public()?)
            .leeway(0)
            .clock(FixedClock(now))
            .build()?;
        match verifier.verify(&token) {
            Ok(_) => println!("issue time {offset:+} s: valid"),
            Err(e) => println!("issue time {offset:+} s: {}", e.kind()),
        }
    }
    Ok(())
}
