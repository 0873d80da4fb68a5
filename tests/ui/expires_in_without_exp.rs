use jwt_core::Claims;
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

#[derive(Claims, Serialize, Deserialize)]
#[claims(no_exp, expires_in = 900)]
struct Token {
    sub: String,
}

fn main() {
    needs_claims::<Token>();
}
