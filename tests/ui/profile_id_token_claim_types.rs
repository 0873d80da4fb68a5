use jwt_core::{Audience, Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

/// `nonce` is a string and `auth_time` a NumericDate: other types would refuse the
/// tokens the profile allows.
#[derive(Claims, Serialize, Deserialize)]
#[claims(profile = "id_token")]
struct Token {
    iss: String,
    sub: String,
    aud: Audience,
    exp: NumericDate,
    iat: NumericDate,
    nonce: Option<u64>,
    auth_time: Option<String>,
}

fn main() {
    needs_claims::<Token>();
}
