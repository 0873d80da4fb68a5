use jwt_core::{Audience, Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

/// RFC 9068 requires `client_id` and `jti`: the struct must hold them.
#[derive(Claims, Serialize, Deserialize)]
#[claims(profile = "access_token")]
struct Token {
    iss: String,
    exp: NumericDate,
    aud: Audience,
    sub: String,
    iat: NumericDate,
}

fn main() {
    needs_claims::<Token>();
}
