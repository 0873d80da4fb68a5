//! JSON Web Encryption (RFC 7516).
#![allow(dead_code)] // filled in step by step

mod header;
mod zip;

pub use header::JweHeader;
