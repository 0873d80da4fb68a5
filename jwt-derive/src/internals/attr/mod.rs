//! Attribute parsing: `#[claims(...)]` on the struct, `#[claim(...)]` on fields, and the
//! few `#[serde(...)]` settings that decide a field's JSON name.

mod container;
mod field;
mod meta;
mod value;

pub use container::{container, ContainerAttrs, NamedProfile};
pub use field::{field, FieldAttrs, Rule, RuleKind};
pub use value::{Bounds, Literal};

#[cfg(test)]
mod tests;
