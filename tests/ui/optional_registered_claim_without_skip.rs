use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

// An unset `nbf` would be written as `"nbf": null`, which no verifier accepts.
#[derive(Claims, Serialize, Deserialize)]
struct Profiled {
    iss: String,
    exp: NumericDate,
    nbf: Option<NumericDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jti: Option<String>,
}

// Claims that issuing always fills need nothing.
#[derive(Claims, Serialize, Deserialize)]
#[claims(generate = [iat, jti], expires_in = 60)]
struct Filled {
    exp: Option<NumericDate>,
    iat: Option<NumericDate>,
    jti: Option<String>,
}

fn main() {}
