//! The attribute parsers, end to end: what they read, and every mistake they report.

use super::*;
use crate::internals::case::RenameRule;
use crate::internals::ctxt::Ctxt;
use syn::{parse_quote, Attribute, DeriveInput, Ident, LitStr, RangeLimits};

fn parse_container(input: DeriveInput) -> (ContainerAttrs, Vec<String>) {
    let cx = Ctxt::default();
    let attrs = container(&cx, &input.attrs);
    (attrs, cx.into_messages())
}

fn parse_field(field: syn::Field) -> (FieldAttrs, Vec<String>) {
    let cx = Ctxt::default();
    let attrs = self::field(&cx, &field.attrs);
    (attrs, cx.into_messages())
}

fn field_with(attr: Attribute) -> syn::Field {
    let mut field: syn::Field = parse_quote!(x: u64);
    field.attrs.push(attr);
    field
}

#[test]
fn the_issue_example() {
    let (attrs, errors) = parse_container(parse_quote! {
        #[claims(typ = "at+jwt", iss = "https://id.example.com", aud = ["orders-api", "b"],
                 leeway = 30, max_age = "1h", expires_in = "15m", generate = [iat, jti])]
        #[serde(rename_all = "camelCase")]
        struct AccessToken;
    });
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(attrs.typ.unwrap().value.value(), "at+jwt");
    assert_eq!(attrs.iss.unwrap().value.len(), 1);
    let aud: Vec<String> = attrs.aud.unwrap().value.iter().map(LitStr::value).collect();
    assert_eq!(aud, ["orders-api", "b"]);
    assert_eq!(attrs.leeway.unwrap().value, 30);
    assert_eq!(attrs.max_age.unwrap().value, 3600);
    assert_eq!(attrs.expires_in.unwrap().value, 900);
    let generated: Vec<String> = attrs.generate.iter().map(Ident::to_string).collect();
    assert_eq!(generated, ["iat", "jti"]);
    assert_eq!(attrs.rename_all, Some(RenameRule::Camel));
    assert!(attrs.no_exp.is_none() && attrs.krate.is_none());
}

#[test]
fn flags_and_crate_path() {
    let (attrs, errors) = parse_container(parse_quote! {
        #[claims(no_exp, crate = "my::jwt")]
        struct A;
    });
    assert!(errors.is_empty(), "{errors:?}");
    assert!(attrs.no_exp.is_some());
    let path = attrs.krate.unwrap();
    assert_eq!(quote::quote!(#path).to_string(), "my :: jwt");
    let (_, errors) = parse_container(parse_quote!(
        #[claims(no_exp = true)]
        struct A;
    ));
    assert_eq!(
        errors,
        ["`no_exp` is a flag: write `no_exp` without a value"]
    );
}

#[test]
fn unknown_keys_suggest_the_right_one() {
    let (_, errors) = parse_container(parse_quote! {
        #[claims(type = "jwt", issuer = "x", expire_in = 5, one_of = ["a"], zzz = 1)]
        struct A;
    });
    assert_eq!(errors.len(), 5, "{errors:?}");
    assert!(errors[0].contains("did you mean `typ`?"), "{}", errors[0]);
    assert!(errors[1].contains("did you mean `iss`?"));
    assert!(errors[2].contains("did you mean `expires_in`?"));
    assert!(errors[3].contains("#[claim(one_of = ...)] on the field"));
    assert!(errors[4].contains("expected one of: typ, iss"));
    let (_, errors) = parse_field(field_with(parse_quote!(#[claim(equals = 1, rnage = 1..2)])));
    assert!(errors[0].contains("did you mean `eq`?"));
    assert!(errors[1].contains("did you mean `range`?"));
}

#[test]
fn duplicates_are_found_across_attributes() {
    let (attrs, errors) = parse_container(parse_quote! {
        #[claims(leeway = 5)]
        #[claims(leeway = 6, generate = [iat, iat, exp, jit])]
        struct A;
    });
    assert_eq!(attrs.leeway.unwrap().value, 5);
    // The generate list is checked word for word: its wording is built from the table
    // of registered claims.
    let expected = [
        "duplicate key `leeway`: it is already set in #[claims(...)]",
        "duplicate `iat` in `generate`",
        "`exp` is generated from `expires_in = <seconds>`, not from `generate`",
        "`jit` cannot be generated: expected one of `iat`, `nbf`, `jti`; did you mean `jti`?",
    ];
    assert_eq!(errors, expected);
    let (_, errors) = parse_container(parse_quote!(
        #[claims(generate = [iat, "jti"])]
        struct A;
    ));
    assert_eq!(errors, ["expected one of `iat`, `nbf`, `jti`"]);
}

#[test]
fn misplaced_attributes_and_missing_values() {
    let (_, errors) = parse_container(parse_quote!(
        #[claim(typ = "at+jwt")]
        struct A;
    ));
    assert!(errors[0].contains("go in #[claims(...)]"), "{errors:?}");
    let (_, errors) = parse_field(field_with(parse_quote!(#[claims(eq = 1)])));
    assert!(errors[0].contains("go in #[claim(...)]"), "{errors:?}");
    let (attrs, errors) = parse_container(parse_quote!(
        #[claims(typ, leeway = 5)]
        struct A;
    ));
    assert_eq!(errors, ["`typ` needs a value: `typ = ...`"]);
    assert_eq!(attrs.leeway.unwrap().value, 5);
    let (_, errors) = parse_field(field_with(parse_quote!(#[claim(eq)])));
    assert_eq!(errors, ["`eq` needs a value: `eq = ...`"]);
}

#[test]
fn durations_in_attributes() {
    let (_, errors) = parse_container(parse_quote! {
        #[claims(leeway = "5 minutes", max_age = 0, expires_in = 1.5)]
        struct A;
    });
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].starts_with("malformed duration"));
    assert!(errors[1].contains("zero"));
    assert!(errors[2].starts_with("malformed duration"));
    let (attrs, errors) = parse_container(parse_quote!(
        #[claims(leeway = 0)]
        struct A;
    ));
    assert!(errors.is_empty());
    assert_eq!(attrs.leeway.unwrap().value, 0);
}

#[test]
fn field_rules() {
    let (attrs, errors) = parse_field(field_with(parse_quote! {
        #[claim(eq = -3, one_of = [1, 2], contains = "a", contains_all = ["b"], range = ..=10, len = 1..64, with = checks::region)]
    }));
    assert!(errors.is_empty(), "{errors:?}");
    let keys: Vec<String> = attrs.rules.iter().map(|r| r.key.to_string()).collect();
    assert_eq!(
        keys,
        [
            "eq",
            "one_of",
            "contains",
            "contains_all",
            "range",
            "len",
            "with"
        ]
    );
    match &attrs.rules[0].kind {
        RuleKind::Eq(lit) => assert_eq!(lit.as_i128(), Some(-3)),
        _ => panic!("eq"),
    }
    match &attrs.rules[4].kind {
        RuleKind::Range(b) => {
            assert!(b.start.is_none() && matches!(b.expr.limits, RangeLimits::Closed(_)));
            assert_eq!(b.end.as_ref().and_then(Literal::as_i128), Some(10));
        }
        _ => panic!("range"),
    }
}

#[test]
fn malformed_rules() {
    let (attrs, errors) = parse_field(field_with(parse_quote! {
        #[claim(range = 10..1, len = .., eq = some_const, one_of = [], with = 5, contains_all = "x")]
    }));
    assert!(attrs.rules.is_empty());
    assert_eq!(errors.len(), 6, "{errors:?}");
    assert!(errors[0].contains("it is empty"));
    assert!(errors[1].contains("at least one bound"));
    assert!(errors[2].starts_with("expected a literal"));
    assert!(errors[3].starts_with("expected at least one value"));
    assert!(errors[4].contains("path of a function"));
    assert!(errors[5].starts_with("expected a list"));
    let (_, errors) = parse_field(field_with(parse_quote!(#[claim(range = 1..1)])));
    assert!(errors[0].contains("empty"));
    let (_, errors) = parse_field(field_with(parse_quote!(#[claim(range = 1..=1)])));
    assert!(errors.is_empty());
}

#[test]
fn serde_names() {
    let (attrs, _) = parse_field(parse_quote! {
        #[serde(rename(serialize = "a", deserialize = "b"), alias = "c", default, with = "x")]
        #[serde(skip_deserializing)]
        x: u8
    });
    assert_eq!(attrs.rename.unwrap().value(), "b");
    assert_eq!(attrs.aliases[0].value(), "c");
    assert!(attrs.skip.is_some() && attrs.flatten.is_none());
    let (attrs, _) = parse_container(parse_quote!(
        #[serde(rename_all(deserialize = "SCREAMING-KEBAB-CASE"))]
        struct A;
    ));
    assert_eq!(attrs.rename_all, Some(RenameRule::ScreamingKebab));
}
