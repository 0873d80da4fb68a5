use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

#[derive(Claims, Serialize, Deserialize)]
#[claim(typ = "at+jwt", aud = "orders-api")]
struct Token {
    exp: NumericDate,
}

fn main() {
    needs_claims::<Token>();
}
