use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

type Issuer = u64;

#[derive(Claims, Serialize, Deserialize)]
struct Token {
    exp: NumericDate,
    iss: Issuer,
}

fn main() {
    needs_claims::<Token>();
}
