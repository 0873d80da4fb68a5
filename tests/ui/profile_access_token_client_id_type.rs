use jwt_core::{Audience, Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

#[derive(Claims, Serialize, Deserialize)]
#[claims(profile = "access_token")]
struct Token {
    iss: String,
    exp: NumericDate,
    aud: Audience,
    sub: String,
    client_id: u64,
    iat: NumericDate,
    jti: String,
}

fn main() {
    needs_claims::<Token>();
}
