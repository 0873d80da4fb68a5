//! JSON Web Encryption (RFC 7516).
#![allow(dead_code)] // filled in step by step

mod zip;
