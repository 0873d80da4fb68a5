use jwt_core::{Claims, NumericDate};
use serde::{Deserialize, Serialize};

/// A `Claims` bound: with the fallback impl, a mistake in the attributes is the only error.
fn needs_claims<C: Claims>() {}

fn check_level(level: &str) -> Result<(), String> {
    Err(level.to_owned())
}

#[derive(Claims, Serialize, Deserialize)]
struct Token {
    exp: NumericDate,
    #[claim(with = check_level)]
    level: u8,
}

fn main() {
    needs_claims::<Token>();
}
