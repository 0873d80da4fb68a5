//! JSON Web Encryption (RFC 7516).
#![allow(dead_code)] // filled in step by step

mod compact;
mod content;
mod header;
mod json;
mod parts;
mod zip;

pub use header::JweHeader;
