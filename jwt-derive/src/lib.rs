//! `#[derive(Claims)]` for `jwt-core`. Use it through `jwt_core::Claims`.
#![forbid(unsafe_code)]
