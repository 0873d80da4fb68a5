use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

#[derive(Claims, Serialize, Deserialize)]
#[claims(leeway = 30)]
#[claims(leeway = 60)]
struct Token {
    exp: NumericDate,
    #[claim(len = 1..=8, len = 1..=9)]
    name: String,
}

fn main() {
    needs_claims::<Token>();
}
