use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

#[derive(Claims, Serialize, Deserialize)]
#[claims(iss = [], generate = [jti])]
struct Token {
    exp: NumericDate,
    iss: String,
    #[claim(eq = "yes")]
    admin: bool,
    #[claim(eq = "high")]
    score: f64,
    #[claim(eq = -"a")]
    role: String,
    #[claim(range = "a"..=5)]
    level: u32,
}

fn main() {
    needs_claims::<Token>();
}
