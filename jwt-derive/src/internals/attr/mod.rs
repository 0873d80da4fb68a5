//! Attribute parsing: `#[claims(...)]` on the struct, `#[claim(...)]` on fields, and the
//! few `#[serde(...)]` settings that decide a field's JSON name.

mod container;
mod field;
mod meta;
mod value;

pub(crate) use container::{container, ContainerAttrs, NamedProfile};
pub(crate) use field::{field, FieldAttrs, Rule, RuleKind};
pub(crate) use value::{Bounds, Literal};

#[cfg(test)]
mod tests;
