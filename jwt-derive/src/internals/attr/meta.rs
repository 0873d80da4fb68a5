//! Reading the key-value lists inside the attributes: which attributes to read, which keys
//! are known, duplicates, missing values, and skipping what is not ours.
//!
//! Syntax errors stop the attribute they are in; every other mistake is recorded in the
//! [`Ctxt`] and parsing goes on, so one compile reports all of them.

use crate::internals::ctxt::Ctxt;
use crate::internals::suggest::did_you_mean;
use crate::internals::symbol::{Attr, SERDE};
use proc_macro2::Group;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, Ident, LitStr, Token};

/// Reads the settings of one item (the struct or a field) from its attributes into a
/// `T`: every key of `own` that is known and not a duplicate goes to `on_key`, every
/// `#[serde(...)]` item to `on_serde`. The derive's other attribute is an error, since
/// ignoring it would silently drop what it says over one letter.
pub(super) fn parse_attrs<T: Default>(
    cx: &Ctxt,
    attrs: &[Attribute],
    own: Attr,
    mut on_key: impl FnMut(&mut T, Ident, ParseNestedMeta) -> syn::Result<()>,
    mut on_serde: impl FnMut(&mut T, ParseNestedMeta) -> syn::Result<()>,
) -> T {
    let mut out = T::default();
    let mut seen = Seen::default();
    for attr in attrs {
        if attr.path().is_ident(own.name()) {
            let parsed =
                attr.parse_nested_meta(|meta| match known_key(cx, &meta, own, &mut seen)? {
                    Some(key) => on_key(&mut out, key, meta),
                    None => Ok(()),
                });
            if let Err(e) = parsed {
                cx.push(e);
            }
        } else if attr.path().is_ident(own.other().name()) {
            cx.error_spanned(attr, misplaced(own.other()));
        } else if attr.path().is_ident(SERDE) {
            // serde reports malformed serde attributes itself; read what we can.
            let _ = attr.parse_nested_meta(|meta| on_serde(&mut out, meta));
        }
    }
    out
}

/// The error for `found` written where the other attribute belongs.
fn misplaced(found: Attr) -> &'static str {
    match found {
        Attr::Claim => {
            "#[claim(...)] holds the rules of a field; the struct's settings go in #[claims(...)]"
        }
        Attr::Claims => {
            "#[claims(...)] holds the settings of the struct; a field's rules go in #[claim(...)]"
        }
    }
}

/// Keys already set on this item (across several attributes).
#[derive(Default)]
struct Seen(Vec<String>);

/// The key of `meta` when it is one of `own`'s keys and not a duplicate; records the
/// error and skips the value otherwise.
fn known_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    own: Attr,
    seen: &mut Seen,
) -> syn::Result<Option<Ident>> {
    let attr = own.name();
    let key = match meta.path.get_ident() {
        Some(ident) => ident.clone(),
        None => {
            cx.error_spanned(&meta.path, format!("expected a key of #[{attr}(...)]"));
            skip_value(meta)?;
            return Ok(None);
        }
    };
    let name = key.unraw().to_string();
    if !own.keys().contains(&name.as_str()) {
        cx.error(key.span(), unknown_key_message(&name, own));
        skip_value(meta)?;
        return Ok(None);
    }
    if seen.0.contains(&name) {
        cx.error(
            key.span(),
            format!("duplicate key `{name}`: it is already set in #[{attr}(...)]"),
        );
        skip_value(meta)?;
        return Ok(None);
    }
    seen.0.push(name);
    Ok(Some(key))
}

/// A key of the other attribute is pointed to where it belongs; anything else gets the
/// nearest key of `own`, or the whole list when none is near.
fn unknown_key_message(name: &str, own: Attr) -> String {
    let (attr, other) = (own.name(), own.other());
    if other.keys().contains(&name) {
        return format!(
            "`{name}` does not belong in #[{attr}(...)]: write it as #[{}({name} = ...)] {}",
            other.name(),
            other.place()
        );
    }
    match did_you_mean(name, own.keys()) {
        Some(candidate) => {
            format!("unknown key `{name}` in #[{attr}(...)]; did you mean `{candidate}`?")
        }
        None => format!(
            "unknown key `{name}` in #[{attr}(...)]; expected one of: {}",
            own.keys().join(", ")
        ),
    }
}

/// The `= value` after `key`; a missing value is reported (and whatever follows skipped)
/// rather than ending the attribute with syn's bare "expected `=`".
pub(super) fn value_of(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &Ident,
) -> syn::Result<Option<Expr>> {
    if meta.input.peek(Token![=]) {
        return meta.value()?.parse().map(Some);
    }
    cx.error(key.span(), format!("`{key}` needs a value: `{key} = ...`"));
    skip_value(meta)?;
    Ok(None)
}

/// Consumes whatever value follows an ignored key: `= expr`, `(...)` or nothing.
pub(super) fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<Group>()?;
    }
    Ok(())
}

/// `key = "x"` or `key(deserialize = "x", serialize = "y")`: the deserialize side, since
/// validation reads what was parsed.
pub(super) fn serde_deserialize_name(meta: &ParseNestedMeta) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        return meta.value()?.parse().map(Some);
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("deserialize") {
            name = Some(inner.value()?.parse()?);
            Ok(())
        } else {
            skip_value(&inner)
        }
    })?;
    Ok(name)
}
