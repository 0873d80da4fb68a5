//! One module per command group. Each defines its flags (a clap `Args` struct) and a
//! function returning `Result<Success, Failure>`; `main.rs` dispatches to it.

pub mod decrypt;
pub mod dpop;
pub mod encrypt;
pub mod inspect;
pub mod keys;
pub mod sign;
pub mod verify;
pub mod verify_raw;
