use jwt_core::{Audience, Claims};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

#[derive(Claims, Serialize, Deserialize)]
#[claims(typ = "at+jwt", aud = "orders-api", leway = 30, max_age = "1x")]
struct Token {
    exp: String,
    #[claim(range = 1..=10)]
    name: String,
    #[claim(one_of = ["a", 2])]
    role: String,
    #[claim(contains = 5)]
    audience: Audience,
}

fn main() {
    needs_claims::<Token>();
}
