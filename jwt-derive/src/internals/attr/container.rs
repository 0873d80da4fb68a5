//! The struct's settings: `#[claims(...)]`, the validation profile and issuing, plus the
//! container's `#[serde(rename_all)]`, which moves every field's JSON name.

use super::meta::{parse_attrs, serde_deserialize_name, skip_value, value_of};
use super::value::{crate_path, non_empty_str, strings};
use crate::internals::case::RenameRule;
use crate::internals::ctxt::Ctxt;
use crate::internals::duration::duration;
use crate::internals::registered::{self, GENERATED};
use crate::internals::suggest::did_you_mean;
use crate::internals::symbol::{
    Attr, ACCESS_TOKEN_PROFILE, AUD, CRATE, EXPIRES_IN, GENERATE, ID_TOKEN_PROFILE, ISS, LEEWAY,
    MAX_AGE, NO_EXP, PROFILE, PROFILES, SUB, TYP,
};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, Ident, LitStr, Path, Token};

/// A setting and the span of the key that set it (for errors about the setting).
pub(crate) struct Keyed<T> {
    pub key: Span,
    pub value: T,
}

/// Wraps a setting's value with the span of its key.
fn keyed<T>(key: Span) -> impl FnOnce(T) -> Keyed<T> {
    move |value| Keyed { key, value }
}

/// `#[claims(...)]`, plus the container's `#[serde(rename_all)]`.
#[derive(Default)]
pub(crate) struct ContainerAttrs {
    pub typ: Option<Keyed<LitStr>>,
    pub iss: Option<Keyed<Vec<LitStr>>>,
    pub aud: Option<Keyed<Vec<LitStr>>>,
    pub sub: Option<Keyed<LitStr>>,
    pub leeway: Option<Keyed<u64>>,
    pub max_age: Option<Keyed<u64>>,
    pub expires_in: Option<Keyed<u64>>,
    pub generate: Vec<Ident>,
    pub no_exp: Option<Span>,
    pub profile: Option<Keyed<NamedProfile>>,
    pub krate: Option<Path>,
    pub rename_all: Option<RenameRule>,
}

/// Parses the container's attributes.
pub(crate) fn container(cx: &Ctxt, attrs: &[Attribute]) -> ContainerAttrs {
    parse_attrs(
        cx,
        attrs,
        Attr::Claims,
        |out, key, meta| container_key(cx, out, &key, meta),
        |out: &mut ContainerAttrs, meta| {
            if meta.path.is_ident("rename_all") {
                if let Some(name) = serde_deserialize_name(&meta)? {
                    out.rename_all = RenameRule::from_name(&name.value());
                }
                return Ok(());
            }
            skip_value(&meta)
        },
    )
}

fn container_key(
    cx: &Ctxt,
    out: &mut ContainerAttrs,
    key: &Ident,
    meta: ParseNestedMeta,
) -> syn::Result<()> {
    let span = key.span();
    let name = key.unraw().to_string();
    if name == NO_EXP {
        if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
            cx.error(span, "`no_exp` is a flag: write `no_exp` without a value");
            return skip_value(&meta);
        }
        out.no_exp = Some(span);
        return Ok(());
    }
    let Some(value) = value_of(cx, &meta, key)? else {
        return Ok(());
    };
    match name.as_str() {
        TYP => out.typ = non_empty_str(cx, &value, "typ = \"at+jwt\"").map(keyed(span)),
        SUB => out.sub = non_empty_str(cx, &value, "sub = \"service-a\"").map(keyed(span)),
        ISS => out.iss = strings(cx, &value, "iss = \"https://id.example.com\"").map(keyed(span)),
        AUD => out.aud = strings(cx, &value, "aud = [\"api-a\", \"api-b\"]").map(keyed(span)),
        LEEWAY => out.leeway = duration(cx, &value, true).map(keyed(span)),
        MAX_AGE => out.max_age = duration(cx, &value, false).map(keyed(span)),
        EXPIRES_IN => out.expires_in = duration(cx, &value, false).map(keyed(span)),
        GENERATE => out.generate = generated(cx, &value),
        PROFILE => out.profile = named_profile(cx, &value).map(keyed(span)),
        CRATE => out.krate = crate_path(cx, &value),
        _ => unreachable!("every container key is handled"),
    }
    Ok(())
}

/// A standard token profile the struct follows, named by `profile = "..."`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NamedProfile {
    /// `"access_token"`: OAuth 2.0 JWT access tokens (RFC 9068).
    AccessToken,
    /// `"id_token"`: OpenID Connect ID tokens (Core 1.0 §2).
    IdToken,
}

/// `profile = "access_token"`.
fn named_profile(cx: &Ctxt, value: &Expr) -> Option<NamedProfile> {
    let name = non_empty_str(cx, value, "profile = \"access_token\" or \"id_token\"")?;
    match name.value().as_str() {
        ACCESS_TOKEN_PROFILE => Some(NamedProfile::AccessToken),
        ID_TOKEN_PROFILE => Some(NamedProfile::IdToken),
        other => {
            let expected = PROFILES
                .iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = did_you_mean(other, PROFILES)
                .map(|c| format!("; did you mean \"{c}\"?"))
                .unwrap_or_default();
            cx.error(
                name.span(),
                format!("unknown profile \"{other}\": expected one of {expected}{hint}"),
            );
            None
        }
    }
}

/// `generate = [iat, nbf, jti]`: claims issuing fills with fresh values.
fn generated(cx: &Ctxt, value: &Expr) -> Vec<Ident> {
    let Expr::Array(array) = value else {
        cx.error_spanned(
            value,
            "expected a list of claims, e.g. `generate = [iat, jti]`",
        );
        return Vec::new();
    };
    let candidates = registered::names(GENERATED);
    let expected = candidates
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out: Vec<Ident> = Vec::new();
    for item in &array.elems {
        let ident = match item {
            Expr::Path(path) if path.qself.is_none() => path.path.get_ident(),
            _ => None,
        };
        let Some(ident) = ident else {
            cx.error_spanned(item, format!("expected one of {expected}"));
            continue;
        };
        let name = ident.to_string();
        if name == registered::EXP.name {
            cx.error(
                ident.span(),
                "`exp` is generated from `expires_in = <seconds>`, not from `generate`",
            );
        } else if !candidates.contains(&name.as_str()) {
            let hint = did_you_mean(&name, &candidates)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            cx.error(
                ident.span(),
                format!("`{name}` cannot be generated: expected one of {expected}{hint}"),
            );
        } else if out.iter().any(|seen| *seen == name) {
            cx.error(ident.span(), format!("duplicate `{name}` in `generate`"));
        } else {
            out.push(ident.clone());
        }
    }
    out
}
