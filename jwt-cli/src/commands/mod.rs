//! One module per command group. Each defines its flags (a clap `Args` struct) and a
//! function returning `Result<Success, Failure>`; `main.rs` dispatches to it.

pub mod inspect;
pub mod keys;
