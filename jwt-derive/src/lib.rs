//! `#[derive(Claims)]` for `jwt-core`. Use it through `jwt_core::Claims`; the attributes
//! are documented in `jwt_core::derive_docs`.
//!
//! The pipeline follows serde_derive and thiserror: parse the input into a model and
//! check the cross-field rules (`internals`), then generate the impl (`expand`). Every
//! error is collected so one compile reports them all, and a stub impl (`fallback`) is
//! emitted next to them so a mistake in the attributes does not cascade into "`Claims`
//! is not implemented".
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]

mod expand;
mod fallback;
mod internals;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `jwt_core::Claims`; see `jwt_core::derive_docs` for the attributes.
#[proc_macro_derive(Claims, attributes(claims, claim))]
pub fn derive_claims(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
