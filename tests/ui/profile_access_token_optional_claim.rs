use jwt_core::{Audience, Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

/// A required claim in an `Option` would let a token without it through.
#[derive(Claims, Serialize, Deserialize)]
#[claims(profile = "access_token")]
struct Token {
    iss: String,
    exp: NumericDate,
    aud: Audience,
    sub: String,
    client_id: String,
    iat: NumericDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    jti: Option<String>,
}

fn main() {
    needs_claims::<Token>();
}
