//! A field's settings: its rules in `#[claim(...)]`, and the `#[serde(...)]` settings that
//! decide which JSON member it is read from, if any.

use super::meta::{parse_attrs, serde_deserialize_name, skip_value, value_of};
use super::value::{bounds, function_path, literal, literals, Bounds, Literal};
use crate::internals::ctxt::Ctxt;
use crate::internals::symbol::{Attr, CONTAINS, CONTAINS_ALL, EQ, LEN, ONE_OF, RANGE, WITH};
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, Ident, LitStr, Path};

/// `#[claim(...)]` and the field's serde naming.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub rules: Vec<Rule>,
    /// `#[serde(rename = "...")]` (the deserialize name).
    pub rename: Option<LitStr>,
    /// `#[serde(alias = "...")]`.
    pub aliases: Vec<LitStr>,
    /// `#[serde(skip)]` or `skip_deserializing`: never read from a token.
    pub skip: Option<Span>,
    /// `#[serde(flatten)]`: not one claim but many.
    pub flatten: Option<Span>,
    /// `#[serde(skip_serializing_if = "...")]`, `skip_serializing` or `skip`: the field
    /// can be left out of the JSON it is written to.
    pub can_skip_serializing: bool,
}

/// One field rule.
pub(crate) struct Rule {
    pub key: Ident,
    pub kind: RuleKind,
}

pub(crate) enum RuleKind {
    Eq(Literal),
    OneOf(Vec<Literal>),
    /// `contains` (one item) and `contains_all`.
    Contains(Vec<Literal>),
    Range(Bounds),
    Len(Bounds),
    With(Path),
}

/// Parses a field's attributes.
pub(crate) fn field(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    parse_attrs(
        cx,
        attrs,
        Attr::Claim,
        |out: &mut FieldAttrs, key, meta| {
            let Some(value) = value_of(cx, &meta, &key)? else {
                return Ok(());
            };
            if let Some(kind) = rule(cx, &key, &value) {
                out.rules.push(Rule { key, kind });
            }
            Ok(())
        },
        serde_field,
    )
}

fn rule(cx: &Ctxt, key: &Ident, value: &Expr) -> Option<RuleKind> {
    let name = key.to_string();
    Some(match name.as_str() {
        EQ => RuleKind::Eq(literal(cx, value)?),
        ONE_OF => RuleKind::OneOf(literals(cx, value, "one_of = [\"admin\", \"clerk\"]")?),
        CONTAINS => RuleKind::Contains(vec![literal(cx, value)?]),
        CONTAINS_ALL => {
            RuleKind::Contains(literals(cx, value, "contains_all = [\"orders:read\"]")?)
        }
        RANGE => RuleKind::Range(bounds(cx, value, "range = 1..=10")?),
        LEN => RuleKind::Len(bounds(cx, value, "len = 1..=64")?),
        WITH => RuleKind::With(function_path(cx, value)?),
        _ => unreachable!("every field key is handled"),
    })
}

fn serde_field(out: &mut FieldAttrs, meta: ParseNestedMeta) -> syn::Result<()> {
    let path = &meta.path;
    if path.is_ident("rename") {
        if let Some(name) = serde_deserialize_name(&meta)? {
            out.rename = Some(name);
        }
    } else if path.is_ident("alias") {
        out.aliases.push(meta.value()?.parse()?);
    } else if path.is_ident("skip") || path.is_ident("skip_deserializing") {
        out.skip = Some(path.require_ident()?.span());
        out.can_skip_serializing |= path.is_ident("skip");
    } else if path.is_ident("skip_serializing") {
        out.can_skip_serializing = true;
    } else if path.is_ident("skip_serializing_if") {
        skip_value(&meta)?;
        out.can_skip_serializing = true;
    } else if path.is_ident("flatten") {
        out.flatten = Some(path.require_ident()?.span());
    } else {
        skip_value(&meta)?;
    }
    Ok(())
}
