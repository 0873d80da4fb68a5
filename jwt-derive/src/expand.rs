//! Code generation. Everything the impl names goes through `<crate>::__private`, so the
//! output does not depend on what the user's module has in scope, and it sits inside
//! `const _: () = { ... };` so it adds no names to that module.

use crate::fallback;
use crate::internals::ast::{Container, Field, Kind};
use crate::internals::attr::{self, Bounds, Literal, NamedProfile, RuleKind};
use crate::internals::check;
use crate::internals::ctxt::Ctxt;
use crate::internals::registered::{self, ClaimKind};
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{DeriveInput, Lit, LitFloat, LitInt, LitStr, Path, WherePredicate};

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let attrs = attr::container(&cx, &input.attrs);
    let krate = crate_path(attrs.krate.as_ref());
    let container = Container::from_syn(&cx, input, attrs);
    if let Some(container) = &container {
        check::check(&cx, container);
    }
    match (cx.finish(), container) {
        (Ok(()), Some(container)) => impl_claims(&container, &krate),
        (Err(errors), _) => fallback::expand(input, &krate, errors),
        (Ok(()), None) => unreachable!("a refused input always records an error"),
    }
}

/// `::jwt_core`, or the `#[claims(crate = "...")]` override.
fn crate_path(krate: Option<&Path>) -> TokenStream {
    match krate {
        Some(path) => path.to_token_stream(),
        None => quote!(::jwt_core),
    }
}

fn impl_claims(container: &Container, krate: &TokenStream) -> TokenStream {
    let p = quote!(#krate::__private);
    let ident = container.ident;
    let mut generics = container.generics.clone();
    let bounds = where_bounds(container, &p);
    if !bounds.is_empty() {
        generics.make_where_clause().predicates.extend(bounds);
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let profile = profile(container, &p);
    let registered = registered(container, &p);
    let check = check_method(container, &p);
    let apply_defaults = apply_defaults(container, &p);
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #p::Claims for #ident #ty_generics #where_clause {
                const PROFILE: #p::Profile = #profile;
                #registered
                #check
                #apply_defaults
            }
        };
    }
}

/// The bounds a generic struct needs: serde on the whole type (the trait's supertraits),
/// and the claim traits on registered fields whose type is a parameter.
fn where_bounds(container: &Container, p: &TokenStream) -> Vec<WherePredicate> {
    if container.generics.type_params().next().is_none() {
        return Vec::new();
    }
    let ident = container.ident;
    let (_, ty_generics, _) = container.generics.split_for_impl();
    let mut bounds: Vec<WherePredicate> = vec![syn::parse_quote! {
        #ident #ty_generics: #p::Serialize + #p::DeserializeOwned
    }];
    for field in container
        .fields
        .iter()
        .filter(|f| f.is_claim() && f.generic)
    {
        if let Some(claim) = registered::lookup(&field.name) {
            let (claim_trait, _) = claim_trait(claim.kind);
            let ty = field.ty;
            bounds.push(syn::parse_quote!(#ty: #p::#claim_trait));
        }
    }
    bounds
}

/// The `__private` trait that reads (and fills) a registered claim of this kind, and its
/// method that reads the claim.
fn claim_trait(kind: ClaimKind) -> (syn::Ident, syn::Ident) {
    let (name, read) = match kind {
        ClaimKind::Date => ("DateClaim", "date"),
        ClaimKind::Str => ("StrClaim", "claim_str"),
        ClaimKind::Audience => ("AudClaim", "audience"),
    };
    (
        syn::Ident::new(name, Span::call_site()),
        syn::Ident::new(read, Span::call_site()),
    )
}

fn profile(container: &Container, p: &TokenStream) -> TokenStream {
    let attrs = &container.attrs;
    let option_str = |value: Option<&LitStr>| match value {
        Some(s) => quote!(#p::Some(#s)),
        None => quote!(#p::None),
    };
    let option_u64 = |value: Option<u64>| match value {
        Some(n) => quote!(#p::Some(#n)),
        None => quote!(#p::None),
    };
    let access_token = attrs
        .profile
        .as_ref()
        .is_some_and(|p| p.value == NamedProfile::AccessToken);
    // The access-token profile says its `typ` when the struct does not.
    let at_jwt = LitStr::new("at+jwt", Span::call_site());
    let typ = option_str(
        attrs
            .typ
            .as_ref()
            .map(|k| &k.value)
            .or(access_token.then_some(&at_jwt)),
    );
    let subject = option_str(attrs.sub.as_ref().map(|k| &k.value));
    let issuers = attrs.iss.iter().flat_map(|k| &k.value);
    let audiences = attrs.aud.iter().flat_map(|k| &k.value);
    let leeway = option_u64(attrs.leeway.as_ref().map(|k| k.value));
    let max_age = option_u64(attrs.max_age.as_ref().map(|k| k.value));
    let expires_in = option_u64(attrs.expires_in.as_ref().map(|k| k.value));
    let require_exp = attrs.no_exp.is_none();
    let generates = |claim: &str| attrs.generate.iter().any(|g| g == claim);
    let (issue_iat, issue_nbf, issue_jti) = (
        generates(registered::IAT.name),
        generates(registered::NBF.name),
        generates(registered::JTI.name),
    );
    quote! {
        #p::ProfileParts {
            typ: #typ,
            issuers: &[#(#issuers),*],
            audiences: &[#(#audiences),*],
            subject: #subject,
            leeway: #leeway,
            max_age: #max_age,
            expires_in: #expires_in,
            require_exp: #require_exp,
            issue_iat: #issue_iat,
            issue_nbf: #issue_nbf,
            issue_jti: #issue_jti,
            access_token: #access_token,
        }
        .build()
    }
}

/// Every registered claim read from its field, or `None` for a struct without one.
fn registered(container: &Container, p: &TokenStream) -> TokenStream {
    let reads = registered::ALL
        .iter()
        .map(|claim| match container.claim(claim.name) {
            Some(field) => {
                let (ident, ty) = (field.ident, field.ty);
                let (claim_trait, read) = claim_trait(claim.kind);
                quote_spanned!(ty.span()=> <#ty as #p::#claim_trait>::#read(&self.#ident))
            }
            None => quote!(#p::None),
        });
    quote! {
        fn registered(&self) -> #p::Result<#p::RegisteredView<'_>> {
            #p::Ok(#p::registered(#(#reads),*))
        }
    }
}

fn apply_defaults(container: &Container, p: &TokenStream) -> TokenStream {
    let defaults = quote!(__jwt_defaults);
    let fills: Vec<TokenStream> = registered::FILLED
        .iter()
        .filter_map(|claim| {
            let field = container.claim(claim.name)?;
            let (claim_trait, _) = claim_trait(claim.kind);
            let (ident, ty) = (field.ident, field.ty);
            let member = syn::Ident::new(claim.name, Span::call_site());
            // `fill` takes a date by value and a string by reference, as `Defaults` holds them.
            let value = match claim.kind {
                ClaimKind::Str => quote!(&#defaults.#member),
                ClaimKind::Date | ClaimKind::Audience => quote!(#defaults.#member),
            };
            Some(quote_spanned! {ty.span()=>
                <#ty as #p::#claim_trait>::fill(&mut self.#ident, #value);
            })
        })
        .collect();
    let param = if fills.is_empty() {
        quote!(_)
    } else {
        defaults
    };
    quote! {
        fn apply_defaults(&mut self, #param: &#p::Defaults) -> #p::Result<()> {
            #(#fills)*
            #p::Ok(())
        }
    }
}

fn check_method(container: &Container, p: &TokenStream) -> TokenStream {
    let blocks: Vec<TokenStream> = container
        .fields
        .iter()
        .filter(|f| !f.attrs.rules.is_empty())
        .map(|field| field_rules(field, p))
        .collect();
    if blocks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        fn check(&self) -> #p::Result<()> {
            #(#blocks)*
            #p::Ok(())
        }
    }
}

/// The rules of one field, run on `&T` (inside `Option` only when present).
fn field_rules(field: &Field, p: &TokenStream) -> TokenStream {
    let ident = field.ident;
    let value = quote!(__jwt_value);
    let calls = field
        .attrs
        .rules
        .iter()
        .map(|rule| rule_call(field, &rule.kind, &value, p));
    let body = quote!(#(#calls?;)*);
    if field.optional {
        quote! {
            if let #p::Some(#value) = &self.#ident {
                #body
            }
        }
    } else {
        quote! {
            {
                let #value = &self.#ident;
                #body
            }
        }
    }
}

fn rule_call(field: &Field, rule: &RuleKind, value: &TokenStream, p: &TokenStream) -> TokenStream {
    let name = &field.name;
    let kind = &field.kind;
    match rule {
        RuleKind::Eq(lit) => {
            let expected = typed(lit, kind);
            match kind {
                Kind::Str => quote!(#p::eq(#name, #p::as_str(#value), #expected)),
                _ => quote!(#p::eq(#name, #value, &#expected)),
            }
        }
        RuleKind::OneOf(lits) => {
            let expected = lits.iter().map(|lit| typed(lit, kind));
            match kind {
                Kind::Str => quote!(#p::one_of(#name, &#p::as_str(#value), &[#(#expected),*])),
                _ => quote!(#p::one_of(#name, #value, &[#(#expected),*])),
            }
        }
        RuleKind::Contains(lits) => match kind {
            Kind::Str => quote!(#p::contains_words(#name, #p::as_str(#value), &[#(#lits),*])),
            Kind::Audience => {
                quote!(#p::contains_all_str(#name, #p::Audience::values(#value), &[#(#lits),*]))
            }
            Kind::Seq(item) if **item == Kind::Str => {
                quote!(#p::contains_all_str(#name, #value, &[#(#lits),*]))
            }
            Kind::Seq(item) => {
                let expected = lits.iter().map(|lit| typed(lit, item));
                quote!(#p::contains_all(#name, #value, &[#(#expected),*]))
            }
            _ => unreachable!("checked: `contains` fits the field"),
        },
        RuleKind::Range(bounds) => {
            let range = range(bounds, kind);
            quote!(#p::range(#name, #value, #range))
        }
        RuleKind::Len(bounds) => {
            let usize_kind = Kind::Int {
                name: "usize".into(),
                signed: false,
            };
            let range = range(bounds, &usize_kind);
            let len = match kind {
                Kind::Str => quote!(#p::str_len(#p::as_str(#value))),
                _ => quote!(#p::seq_len(#value)),
            };
            quote!(#p::len(#name, #len, #range))
        }
        RuleKind::With(path) => {
            let function = path.to_token_stream().to_string().replace(' ', "");
            // The argument carries the path's span too, so an unmet bound of the function
            // points at the function rather than at the derive.
            let argument = syn::Ident::new(&value.to_string(), path.span());
            quote_spanned!(path.span()=> #p::with(#name, #function, #path(#argument)))
        }
    }
}

fn range(bounds: &Bounds, kind: &Kind) -> TokenStream {
    let start = bounds.start.as_ref().map(|lit| typed(lit, kind));
    let end = bounds.end.as_ref().map(|lit| typed(lit, kind));
    let limits = &bounds.expr.limits;
    quote!(#start #limits #end)
}

/// A literal with the field's own numeric suffix, so the comparison needs no inference
/// and no cast: `5` against a `u64` field becomes `5u64`.
fn typed(lit: &Literal, kind: &Kind) -> TokenStream {
    let neg = lit.neg;
    let span = lit.lit.span();
    let number = match (&lit.lit, kind) {
        (Lit::Int(int), Kind::Int { name, .. }) => {
            LitInt::new(&format!("{}{name}", int.base10_digits()), span).into_token_stream()
        }
        (Lit::Int(int), Kind::Float(name)) => {
            LitFloat::new(&format!("{}.0{name}", int.base10_digits()), span).into_token_stream()
        }
        (Lit::Float(float), Kind::Float(name)) => {
            LitFloat::new(&format!("{}{name}", float.base10_digits()), span).into_token_stream()
        }
        (other, _) => other.into_token_stream(),
    };
    quote!(#neg #number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn expand(input: DeriveInput) -> String {
        derive(&input).to_string()
    }

    #[test]
    fn the_impl_is_hygienic_and_anonymous() {
        let out = expand(parse_quote! {
            #[claims(typ = "at+jwt", aud = ["a", "b"], leeway = 5, generate = [jti])]
            struct T {
                exp: NumericDate,
                aud: Audience,
                jti: Option<String>,
                #[claim(one_of = ["x"])]
                role: Option<String>,
            }
        });
        assert!(out.starts_with("const _ : () ="), "{out}");
        assert!(out.contains("impl :: jwt_core :: __private :: Claims for T"));
        assert!(out.contains("typ : :: jwt_core :: __private :: Some (\"at+jwt\")"));
        assert!(out.contains("audiences : & [\"a\" , \"b\"]"));
        assert!(out.contains("issue_jti : true"));
        assert!(
            out.contains("if let :: jwt_core :: __private :: Some (__jwt_value) = & self . role")
        );
        assert!(!out.contains("compile_error"));
        // every std name goes through __private, so the user's module cannot shadow it
        for name in ["Result", "Ok", "Some", "None"] {
            let all = out.matches(&format!(" {name} ")).count();
            let qualified = out.matches(&format!("__private :: {name} ")).count();
            assert!(all > 0 && all == qualified, "{name} in {out}");
        }
    }

    #[test]
    fn generic_structs_get_the_bounds_they_need() {
        let out = expand(parse_quote! {
            struct G<T, D> where T: Clone { exp: D, extra: T }
        });
        assert!(
            out.contains("impl < T , D > :: jwt_core :: __private :: Claims for G < T , D >"),
            "{out}"
        );
        assert!(out.contains("T : Clone , G < T , D > : :: jwt_core :: __private :: Serialize + :: jwt_core :: __private :: DeserializeOwned , D : :: jwt_core :: __private :: DateClaim"), "{out}");
    }

    #[test]
    fn the_crate_path_can_be_overridden() {
        let out = expand(parse_quote! {
            #[claims(crate = "my::jwt")]
            struct T { exp: NumericDate }
        });
        assert!(
            out.contains("impl my :: jwt :: __private :: Claims for T"),
            "{out}"
        );
        assert!(!out.contains("jwt_core"));
    }

    #[test]
    fn errors_come_with_a_stub_impl() {
        let out = expand(parse_quote! {
            #[claims(crate = "my::jwt", bogus = 1)]
            enum E { A }
        });
        assert_eq!(out.matches("compile_error").count(), 2, "{out}");
        assert!(
            out.contains("impl my :: jwt :: __private :: Claims for E where for < '__jwt > E :"),
            "{out}"
        );
        assert!(out.contains("unreachable"));
    }
}
