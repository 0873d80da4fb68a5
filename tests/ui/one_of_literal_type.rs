use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

#[derive(Claims, Serialize, Deserialize)]
struct Token {
    exp: NumericDate,
    #[claim(one_of = [1, 2, "three", -4])]
    level: u8,
}

fn main() {
    needs_claims::<Token>();
}
