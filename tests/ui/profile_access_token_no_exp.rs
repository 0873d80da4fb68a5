use jwt_core::{Audience, Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

#[derive(Claims, Serialize, Deserialize)]
#[claims(profile = "access_token", no_exp)]
struct Token {
    iss: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    exp: Option<NumericDate>,
    aud: Audience,
    sub: String,
    client_id: String,
    iat: NumericDate,
    jti: String,
}

fn main() {
    needs_claims::<Token>();
}
