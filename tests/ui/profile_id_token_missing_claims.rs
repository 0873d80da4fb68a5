use jwt_core::{Audience, Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

/// OpenID Connect Core §2 requires `sub` and `iat` of every ID token.
#[derive(Claims, Serialize, Deserialize)]
#[claims(profile = "id_token")]
struct Token {
    iss: String,
    aud: Audience,
    exp: NumericDate,
}

fn main() {
    needs_claims::<Token>();
}
