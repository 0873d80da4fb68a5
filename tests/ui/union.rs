use jwt_core::Claims;

#[derive(Claims)]
union Token {
    exp: u64,
}

fn main() {}
