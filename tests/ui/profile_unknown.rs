use jwt_core::{Audience, Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

#[derive(Claims, Serialize, Deserialize)]
#[claims(profile = "acces_token")]
struct Token {
    exp: NumericDate,
    aud: Audience,
}

fn main() {
    needs_claims::<Token>();
}
