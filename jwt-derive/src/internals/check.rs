//! The rules that hold across fields and attributes, checked on the parsed model. Each
//! rule is a small function below that says what it requires and why; [`check`] runs
//! them all, so one compile reports every broken rule. Attribute syntax is checked while
//! parsing (`attr`); what is left here needs the whole struct or a field's type.

use super::ast::{type_name, Container, Field, Kind};
use super::attr::{Bounds, Literal, NamedProfile, Rule, RuleKind};
use super::ctxt::Ctxt;
use super::registered::{self, ClaimKind};
use super::symbol::{
    ACCESS_TOKEN_PROFILE, AUD, CONTAINS, CONTAINS_ALL, EQ, EXPIRES_IN, ID_TOKEN_PROFILE, ISS, LEN,
    MAX_AGE, NO_EXP, ONE_OF, RANGE, SUB, TYP,
};
use syn::Lit;

/// Runs every rule on `container`, reporting into `cx`.
pub(crate) fn check(cx: &Ctxt, container: &Container) {
    registered_types(cx, container);
    unique_claim_names(cx, container);
    settings_have_fields(cx, container);
    generated_claims_have_fields(cx, container);
    exp_is_explicit(cx, container);
    unset_registered_claims_are_left_out(cx, container);
    named_profile(cx, container);
    for field in &container.fields {
        for rule in &field.attrs.rules {
            field_rule(cx, field, rule);
        }
    }
}

/// The registered claims are parsed into fixed types, so a field holding one must have a
/// type that fits: a `String` `exp` would hide a malformed token behind "absent". Types
/// the syntax cannot name (aliases, parameters) pass here and are left to the trait
/// bounds in the generated code.
fn registered_types(cx: &Ctxt, container: &Container) {
    for field in container.fields.iter().filter(|f| f.is_claim()) {
        let Some(claim) = registered::lookup(&field.name) else {
            continue;
        };
        let (fits, expected) = match claim.kind {
            ClaimKind::Date => (
                matches!(field.kind, Kind::Date | Kind::Other),
                "a `NumericDate` (or `Option<NumericDate>` when optional)",
            ),
            ClaimKind::Str => (
                matches!(field.kind, Kind::Str | Kind::Other),
                "a string: `String` (or `Option<String>` when optional)",
            ),
            ClaimKind::Audience => (
                match &field.kind {
                    Kind::Seq(item) => **item == Kind::Str,
                    kind => matches!(kind, Kind::Audience | Kind::Str | Kind::Other),
                },
                "an `Audience`, a `String` or a `Vec<String>` (optionally in `Option<_>`)",
            ),
        };
        if !fits {
            cx.error_spanned(
                field.ty,
                format!(
                    "the registered claim \"{}\" must be {expected}, found `{}`",
                    field.name,
                    type_name(field.ty)
                ),
            );
        }
    }
}

/// An optional registered claim must be left out of the token when it is unset. serde
/// writes a `None` as `null`, and `"nbf": null` is no NumericDate: every verifier, this
/// crate's own included, refuses it (RFC 7519 §4.1), so a type would issue tokens that
/// its own verifier rejects. The derive cannot add the serde attribute that prevents it
/// (a derive never changes the struct), so it asks for it, with the line to paste. A
/// claim that issuing always fills (named in `generate`, or `exp` with `expires_in`) is
/// never unset in a token and needs nothing.
fn unset_registered_claims_are_left_out(cx: &Ctxt, container: &Container) {
    let always_filled = |name: &str| {
        container.attrs.generate.iter().any(|item| item == name)
            || (name == registered::EXP.name && container.attrs.expires_in.is_some())
    };
    for field in container
        .fields
        .iter()
        .filter(|f| f.is_claim() && f.optional)
    {
        if registered::lookup(&field.name).is_none()
            || field.attrs.can_skip_serializing
            || always_filled(&field.name)
        {
            continue;
        }
        cx.error_spanned(
            field.ident,
            format!(
                "the registered claim \"{name}\" is optional, so an unset one would be written \
                 as `\"{name}\": null`, which every verifier refuses; add \
                 `#[serde(skip_serializing_if = \"Option::is_none\")]` to this field",
                name = field.name
            ),
        );
    }
}

/// No two fields read the same claim, by name or by serde alias: serde would fill either
/// field from the one member, and validation could read the other.
fn unique_claim_names(cx: &Ctxt, container: &Container) {
    let mut seen: Vec<(String, &Field)> = Vec::new();
    for field in container.fields.iter().filter(|f| f.is_claim()) {
        let names = std::iter::once((field.name.clone(), field.name_span())).chain(
            field
                .attrs
                .aliases
                .iter()
                .map(|alias| (alias.value(), alias.span())),
        );
        for (name, span) in names {
            match seen.iter().find(|(seen, _)| *seen == name) {
                Some((_, first)) => cx.error(
                    span,
                    format!(
                        "fields `{}` and `{}` both read the claim \"{name}\": give each field its own JSON name",
                        first.ident, field.ident
                    ),
                ),
                None => seen.push((name, field)),
            }
        }
    }
}

/// A profile setting that checks a registered claim needs the field holding it: without
/// it every token would fail (or the setting would do nothing), so it is said at compile
/// time rather than found at run time.
fn settings_have_fields(cx: &Ctxt, container: &Container) {
    let attrs = &container.attrs;
    let needs = [
        (attrs.iss.as_ref().map(|k| k.key), ISS, registered::ISS),
        (attrs.aud.as_ref().map(|k| k.key), AUD, registered::AUD),
        (attrs.sub.as_ref().map(|k| k.key), SUB, registered::SUB),
        (
            attrs.expires_in.as_ref().map(|k| k.key),
            EXPIRES_IN,
            registered::EXP,
        ),
        (
            attrs.max_age.as_ref().map(|k| k.key),
            MAX_AGE,
            registered::IAT,
        ),
    ];
    for (key, setting, claim) in needs {
        if let (Some(span), None) = (key, container.claim(claim.name)) {
            cx.error(
                span,
                format!(
                    "`{setting}` applies to the claim \"{}\", but the struct has no field for it: add `{}`",
                    claim.name, claim.field
                ),
            );
        }
    }
}

/// A claim named in `generate` needs its field, for the same reason: issuing would have
/// nowhere to put the generated value.
fn generated_claims_have_fields(cx: &Ctxt, container: &Container) {
    for item in &container.attrs.generate {
        // The parser admits only registered claims to `generate`.
        let Some(claim) = registered::lookup(&item.to_string()) else {
            continue;
        };
        if container.claim(claim.name).is_none() {
            cx.error(
                item.span(),
                format!(
                    "`generate` names \"{}\", but the struct has no field for it: add `{}`",
                    claim.name, claim.field
                ),
            );
        }
    }
}

/// `exp` is required unless the type says otherwise, in so many words: tokens should have
/// a bounded lifetime (RFC 8725 §3.10). And `no_exp` with a required `exp` field says two
/// opposite things, so it is refused too.
fn exp_is_explicit(cx: &Ctxt, container: &Container) {
    let exp = container.claim(registered::EXP.name);
    match (exp, container.attrs.no_exp) {
        (None, None) => cx.error(
            container.ident.span(),
            "this claim type has no `exp` field, so its tokens would never expire: add `exp: NumericDate`, or `#[claims(no_exp)]` to accept tokens without `exp`",
        ),
        (Some(exp), Some(no_exp)) if !exp.optional => cx.error(
            no_exp,
            format!(
                "`{NO_EXP}` makes \"exp\" optional, but the field `{}: {}` requires it: make it `Option<NumericDate>` or remove `{NO_EXP}`",
                exp.ident,
                type_name(exp.ty)
            ),
        ),
        _ => {}
    }
}

/// What a named profile (`profile = "..."`) asks of the struct.
struct ProfileRules {
    /// The name, as `profile = "..."` spells it.
    name: &'static str,
    /// Where the rules come from, for messages.
    source: &'static str,
    /// The claims every token of the profile has, each with the field that holds it:
    /// a field each, never optional.
    required: &'static [(&'static str, &'static str)],
    /// Claims outside RFC 7519's registry that hold a string when present (required or
    /// not): their fields must be strings, or a token the profile allows would not parse.
    strings: &'static [&'static str],
    /// Claims outside the registry that hold a `NumericDate` when present.
    dates: &'static [&'static str],
    /// The `typ` the profile fixes (with its `application/` spelling), if any, and where
    /// it is fixed.
    typ: Option<(&'static str, &'static str)>,
}

/// OAuth 2.0 JWT access tokens, RFC 9068 §2.2.
const ACCESS_TOKEN: ProfileRules = ProfileRules {
    name: ACCESS_TOKEN_PROFILE,
    source: "RFC 9068 §2.2",
    required: &[
        ("iss", "iss: String"),
        ("exp", "exp: NumericDate"),
        ("aud", "aud: Audience"),
        ("sub", "sub: String"),
        ("client_id", "client_id: String"),
        ("iat", "iat: NumericDate"),
        ("jti", "jti: String"),
    ],
    strings: &["client_id", "acr"],
    dates: &["auth_time"],
    typ: Some(("at+jwt", "RFC 9068 §2.1, §4")),
};

/// OpenID Connect ID tokens, Core 1.0 §2.
const ID_TOKEN: ProfileRules = ProfileRules {
    name: ID_TOKEN_PROFILE,
    source: "OpenID Connect Core 1.0 §2",
    required: &[
        ("iss", "iss: String"),
        ("sub", "sub: String"),
        ("aud", "aud: Audience"),
        ("exp", "exp: NumericDate"),
        ("iat", "iat: NumericDate"),
    ],
    strings: &["nonce", "acr", "azp", "at_hash", "c_hash"],
    dates: &["auth_time"],
    typ: None,
};

/// A named profile promises that every token of the type has the claims the profile
/// requires, so each needs a field that is not optional: a token without one then fails
/// to parse, and run-time checks can rely on the type. The profile's other claims must
/// have fitting types, and settings that contradict the profile (another `typ`, `no_exp`)
/// are refused.
fn named_profile(cx: &Ctxt, container: &Container) {
    let attrs = &container.attrs;
    let Some(profile) = &attrs.profile else {
        return;
    };
    let rules = match profile.value {
        NamedProfile::AccessToken => &ACCESS_TOKEN,
        NamedProfile::IdToken => &ID_TOKEN,
    };
    let setting = format!("`profile = \"{}\"`", rules.name);
    let source = rules.source;
    for (name, declaration) in rules.required {
        match container.claim(name) {
            None => cx.error(
                profile.key,
                format!(
                    "{setting} ({source}) requires the claim \"{name}\", but the struct has no field for it: add `{declaration}`"
                ),
            ),
            Some(field) if field.optional => cx.error_spanned(
                field.ty,
                format!(
                    "{setting} ({source}) requires the claim \"{name}\", so its field cannot be optional: make it `{}`",
                    type_name(field.inner)
                ),
            ),
            Some(_) => {}
        }
    }
    for field in container.fields.iter().filter(|f| f.is_claim()) {
        let (fits, expected) = if rules.strings.contains(&field.name.as_str()) {
            (
                matches!(field.kind, Kind::Str | Kind::Other),
                "a string: `String`",
            )
        } else if rules.dates.contains(&field.name.as_str()) {
            (
                matches!(field.kind, Kind::Date | Kind::Other),
                "a `NumericDate`",
            )
        } else {
            continue;
        };
        if !fits {
            let optional = if field.optional {
                " (in `Option<_>`)"
            } else {
                ""
            };
            cx.error_spanned(
                field.ty,
                format!(
                    "the claim \"{}\" must be {expected}{optional}, found `{}`",
                    field.name,
                    type_name(field.ty)
                ),
            );
        }
    }
    if let (Some(typ), Some((fixed, where_fixed))) = (&attrs.typ, rules.typ) {
        let value = typ.value.value();
        let application = format!("application/{fixed}");
        if !value.eq_ignore_ascii_case(fixed) && !value.eq_ignore_ascii_case(&application) {
            cx.error(
                typ.value.span(),
                format!(
                    "{setting} fixes `{TYP}` to \"{fixed}\" ({where_fixed}), found \"{value}\": remove `{TYP}`"
                ),
            );
        }
    }
    if let Some(no_exp) = attrs.no_exp {
        cx.error(
            no_exp,
            format!("{setting} requires \"exp\" ({source}): remove `{NO_EXP}`"),
        );
    }
}

/// The rules on one field rule, in order. Each assumes the ones before it held, so the
/// first that fails ends the checks of that rule (one error per mistake, not a cascade).
fn field_rule(cx: &Ctxt, field: &Field, rule: &Rule) {
    if rule_reads_a_value(cx, field, rule)
        && rule_reads_one_claim(cx, field, rule)
        && rule_fits_the_type(cx, field, rule)
    {
        rule_values_fit(cx, field, rule);
    }
}

/// A field serde skips is never read from a token, so a rule on it would only ever see
/// the default value: it is a mistake, not a check.
fn rule_reads_a_value(cx: &Ctxt, field: &Field, rule: &Rule) -> bool {
    if field.attrs.skip.is_none() {
        return true;
    }
    cx.error(
        rule.key.span(),
        format!(
            "`{}` is skipped by serde, so it never holds a token value: remove `{}`",
            field.ident, rule.key
        ),
    );
    false
}

/// A flattened field gathers many claims, so only `with = path` (which sees the whole
/// value) can check it; a literal rule would compare one value with many.
fn rule_reads_one_claim(cx: &Ctxt, field: &Field, rule: &Rule) -> bool {
    if field.attrs.flatten.is_none() || matches!(rule.kind, RuleKind::With(_)) {
        return true;
    }
    cx.error(
        rule.key.span(),
        format!(
            "`{}` is flattened: it is many claims, not one; check it with `with = path`",
            field.ident
        ),
    );
    false
}

/// Each rule applies to some types only (`range` to numbers, `len` to strings and
/// sequences, ...). A rule on any other type would not compile in the expansion, or
/// would mean something else, so it is reported with what the rule applies to.
fn rule_fits_the_type(cx: &Ctxt, field: &Field, rule: &Rule) -> bool {
    let fits = match (&rule.kind, &field.kind) {
        (RuleKind::With(_), _) => true,
        (RuleKind::Eq(_) | RuleKind::OneOf(_), kind) => kind.is_scalar(),
        (RuleKind::Contains(_), Kind::Str | Kind::Audience) => true,
        (RuleKind::Contains(_), Kind::Seq(item)) => {
            matches!(**item, Kind::Str | Kind::Int { .. } | Kind::Float(_))
        }
        (RuleKind::Range(_), kind) => matches!(kind, Kind::Int { .. } | Kind::Float(_)),
        (RuleKind::Len(_), kind) => matches!(kind, Kind::Str | Kind::Seq(_)),
        _ => false,
    };
    if !fits {
        cx.error(rule.key.span(), misfit(&rule.key.to_string(), field));
    }
    fits
}

/// Every literal of a rule can be a value of the field (of its items, for `contains`):
/// a literal that cannot would make the rule reject every token, or fail to compile far
/// from the mistake. A value looked for in a space-separated string is one word, and a
/// length bound is a `usize`.
fn rule_values_fit(cx: &Ctxt, field: &Field, rule: &Rule) {
    match &rule.kind {
        RuleKind::Eq(lit) => literal_fits(cx, lit, &field.kind, field),
        RuleKind::OneOf(lits) => {
            for lit in lits {
                literal_fits(cx, lit, &field.kind, field);
            }
        }
        RuleKind::Contains(lits) => {
            let item = match &field.kind {
                Kind::Seq(item) => &**item,
                _ => &Kind::Str,
            };
            for lit in lits {
                literal_fits(cx, lit, item, field);
                if field.kind == Kind::Str {
                    word_fits(cx, lit);
                }
            }
        }
        RuleKind::Range(bounds) => {
            for lit in bounds.start.iter().chain(&bounds.end) {
                literal_fits(cx, lit, &field.kind, field);
            }
        }
        RuleKind::Len(bounds) => length_bounds_fit(cx, bounds),
        RuleKind::With(_) => {}
    }
}

// What the rules above share: their messages and the literal checks.

/// The message of a rule on a type it does not apply to: what it applies to, and the key
/// to use instead where one fits.
fn misfit(key: &str, field: &Field) -> String {
    let (applies_to, hint) = match key {
        EQ | ONE_OF => (
            "string, integer, float and bool fields",
            "; for other types use `with = path`",
        ),
        CONTAINS | CONTAINS_ALL => (
            "sequences of strings or numbers, `Audience`, and space-separated strings",
            "",
        ),
        RANGE => (
            "integer and float fields",
            match field.kind {
                Kind::Str | Kind::Seq(_) => "; for a length use `len = 1..=64`",
                _ => "",
            },
        ),
        LEN => ("string and sequence fields", ""),
        _ => ("", ""),
    };
    format!(
        "`{key}` applies to {applies_to}, but `{}` is a `{}`{hint}",
        field.ident,
        type_name(field.inner)
    )
}

/// A literal of a rule against the type it is compared with: the same kind of literal, a
/// suffix that names that type, and a value in the type's range.
fn literal_fits(cx: &Ctxt, lit: &Literal, kind: &Kind, field: &Field) {
    let found = lit.describe();
    let problem = match (kind, &lit.lit) {
        (Kind::Str, Lit::Str(_)) | (Kind::Bool, Lit::Bool(_)) => None,
        (Kind::Int { name, signed }, Lit::Int(int)) => {
            if !int.suffix().is_empty() && int.suffix() != name {
                Some(format!(
                    "expected a `{name}` literal, found suffix `{}`",
                    int.suffix()
                ))
            } else if lit.neg.is_some() && !signed {
                Some(format!(
                    "`{name}` is unsigned: a negative value never matches"
                ))
            } else {
                let (min, max) = int_bounds(name);
                match lit.as_i128() {
                    Some(value) if value >= min && value <= max => None,
                    _ => Some(format!(
                        "the value does not fit in `{name}` ({min}..={max})"
                    )),
                }
            }
        }
        (Kind::Float(name), Lit::Float(float))
            if float.suffix().is_empty() || float.suffix() == name =>
        {
            None
        }
        (Kind::Float(_), Lit::Int(int)) if int.suffix().is_empty() => None,
        (Kind::Str, _) => Some(format!("expected a string literal, found {found}")),
        (Kind::Bool, _) => Some(format!("expected `true` or `false`, found {found}")),
        (Kind::Int { name, .. }, _) => Some(format!(
            "expected an integer literal for `{name}`, found {found}"
        )),
        (Kind::Float(name), _) => Some(format!("expected a number for `{name}`, found {found}")),
        _ => Some(format!(
            "no literal can be compared with this type, found {found}"
        )),
    };
    if let Some(problem) = problem {
        cx.error_spanned(
            lit,
            format!(
                "{problem} (field `{}: {}`)",
                field.ident,
                type_name(field.ty)
            ),
        );
    }
}

/// `contains` on a space-separated string matches whole words, so a value with a space
/// (or an empty one) could never be found.
fn word_fits(cx: &Ctxt, lit: &Literal) {
    if let Lit::Str(s) = &lit.lit {
        let value = s.value();
        if value.is_empty() || value.contains(char::is_whitespace) {
            cx.error(
                s.span(),
                "the field is a space-separated list, so a value to look for is one non-empty word without spaces",
            );
        }
    }
}

/// A length is a `usize`, whatever the field's item type, so its bounds are too.
fn length_bounds_fit(cx: &Ctxt, bounds: &Bounds) {
    for lit in bounds.start.iter().chain(&bounds.end) {
        let fits = match &lit.lit {
            Lit::Int(int) => {
                (int.suffix().is_empty() || int.suffix() == "usize")
                    && lit.neg.is_none()
                    && int.base10_parse::<usize>().is_ok()
            }
            _ => false,
        };
        if !fits {
            cx.error_spanned(lit, "a length bound is a non-negative integer");
        }
    }
}

/// The values of the integer type `name`, as far as an `i128` holds them.
fn int_bounds(name: &str) -> (i128, i128) {
    match name {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" | "usize" => (0, u64::MAX.into()),
        "u128" => (0, i128::MAX),
        "i8" => (i8::MIN.into(), i8::MAX.into()),
        "i16" => (i16::MIN.into(), i16::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        "i64" | "isize" => (i64::MIN.into(), i64::MAX.into()),
        _ => (i128::MIN, i128::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::internals::attr;
    use syn::{parse_quote, DeriveInput};

    fn errors(input: DeriveInput) -> Vec<String> {
        let cx = Ctxt::default();
        let attrs = attr::container(&cx, &input.attrs);
        if let Some(container) = Container::from_syn(&cx, &input, attrs) {
            check(&cx, &container);
        }
        cx.into_messages()
    }

    #[test]
    fn the_issue_example_passes() {
        let found = errors(parse_quote! {
            #[claims(typ = "at+jwt", iss = "https://id.example.com", aud = "orders-api", leeway = 30, max_age = 3600, expires_in = 900)]
            struct AccessToken {
                iss: String, sub: String, aud: Audience, exp: NumericDate, iat: NumericDate,
                #[serde(skip_serializing_if = "Option::is_none")] jti: Option<String>,
                #[claim(one_of = ["admin", "clerk"])] role: String,
                #[claim(contains_all = ["orders:read"])] scopes: Vec<String>,
                #[claim(range = 1..=999_999)] tenant: u64,
                #[claim(with = check_region)] region: String,
            }
        });
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn registered_claim_types() {
        let found = errors(parse_quote! {
            struct A {
                exp: String, iss: u64, aud: Vec<u8>,
                #[serde(skip_serializing_if = "Option::is_none")] sub: Option<Box<str>>,
                #[serde(skip_serializing)] nbf: Option<MyDate>,
            }
        });
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].contains("\"exp\" must be a `NumericDate`")
                && found[0].contains("found `String`")
        );
        assert!(found[1].contains("\"iss\" must be a string"));
        assert!(found[2].contains("\"aud\" must be an `Audience`"));
    }

    #[test]
    fn profile_settings_need_their_fields() {
        let found = errors(parse_quote! {
            #[claims(aud = "a", iss = "i", sub = "s", max_age = 5, generate = [jti], no_exp, expires_in = 9)]
            struct A { x: u8 }
        });
        let no_field = "but the struct has no field for it: add";
        let expect = [
            format!("`iss` applies to the claim \"iss\", {no_field} `iss: String`"),
            format!("`aud` applies to the claim \"aud\", {no_field} `aud: Audience`"),
            format!("`sub` applies to the claim \"sub\", {no_field} `sub: String`"),
            format!("`expires_in` applies to the claim \"exp\", {no_field} `exp: NumericDate`"),
            format!("`max_age` applies to the claim \"iat\", {no_field} `iat: NumericDate`"),
            format!("`generate` names \"jti\", {no_field} `jti: Option<String>`"),
        ];
        assert_eq!(found, expect);
    }

    #[test]
    fn exp_policy() {
        assert!(errors(parse_quote!(
            struct A {
                x: u8,
            }
        ))[0]
            .contains("never expire"));
        assert!(errors(parse_quote!(
            #[claims(no_exp)]
            struct A {
                x: u8,
            }
        ))
        .is_empty());
        assert!(errors(parse_quote!(
            #[claims(no_exp)]
            struct A {
                #[serde(skip_serializing_if = "Option::is_none")]
                exp: Option<NumericDate>,
            }
        ))
        .is_empty());
        assert!(errors(parse_quote!(
            #[claims(no_exp)]
            struct A {
                exp: NumericDate,
            }
        ))[0]
            .contains("make it `Option<NumericDate>`"));
        assert!(errors(parse_quote!(
            struct A {
                #[serde(skip)]
                exp: NumericDate,
            }
        ))[0]
            .contains("never expire"));
    }

    #[test]
    fn optional_registered_claims_are_left_out_when_unset() {
        let found = errors(parse_quote! {
            #[claims(no_exp)]
            struct A {
                nbf: Option<NumericDate>,
                #[serde(rename = "aud")] audience: Option<Audience>,
                #[serde(skip_serializing_if = "Option::is_none")] iss: Option<String>,
                #[serde(skip)] sub: Option<String>,
                custom: Option<u8>,
            }
        });
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("the registered claim \"nbf\" is optional"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("the registered claim \"aud\" is optional"),
            "{found:?}"
        );
        assert!(found[0].contains("#[serde(skip_serializing_if = \"Option::is_none\")]"));
        // Claims issuing always fills need nothing.
        assert!(errors(parse_quote! {
            #[claims(generate = [nbf, iat, jti], expires_in = 60)]
            struct B { exp: Option<NumericDate>, nbf: Option<NumericDate>, iat: Option<NumericDate>, jti: Option<String> }
        })
        .is_empty());
    }

    #[test]
    fn duplicate_names() {
        let found = errors(parse_quote! {
            struct A { exp: NumericDate, #[serde(rename = "exp")] b: NumericDate, c: u8, #[serde(alias = "c")] d: u8 }
        });
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("fields `exp` and `b` both read the claim \"exp\""));
        assert!(found[1].contains("`c` and `d` both read the claim \"c\""));
        // rename_all moves `exp` to "EXP", which is not the registered claim.
        let found = errors(parse_quote! {
            #[serde(rename_all = "UPPERCASE")]
            struct B { exp: NumericDate }
        });
        assert!(found[0].contains("never expire"), "{found:?}");
    }

    #[test]
    fn rules_against_types() {
        let found = errors(parse_quote! {
            struct A {
                exp: NumericDate,
                #[claim(range = 1..=5)] a: String,
                #[claim(eq = 5)] b: Option<String>,
                #[claim(one_of = ["x", 300])] c: u8,
                #[claim(eq = -1)] d: u32,
                #[claim(len = 1..=2)] e: u64,
                #[claim(contains = "two words")] f: String,
                #[claim(contains = 1)] g: Vec<String>,
                #[claim(eq = 1.5, range = 0..=2)] h: f64,
                #[claim(eq = "x")] i: MyType,
                #[claim(with = f)] j: MyType,
                #[claim(eq = true)] #[serde(skip)] k: bool,
                #[claim(len = -1..3)] l: Vec<u8>,
                #[claim(eq = 5u16)] m: u8,
            }
        });
        let expect = [
            "`range` applies to integer and float fields, but `a` is a `String`; for a length use `len = 1..=64`",
            "expected a string literal, found an integer (field `b: Option<String>`)",
            "expected an integer literal for `u8`, found a string (field `c: u8`)",
            "the value does not fit in `u8` (0..=255) (field `c: u8`)",
            "`u32` is unsigned: a negative value never matches (field `d: u32`)",
            "`len` applies to string and sequence fields, but `e` is a `u64`",
            "the field is a space-separated list, so a value to look for is one non-empty word without spaces",
            "expected a string literal, found an integer (field `g: Vec<String>`)",
            "`eq` applies to string, integer, float and bool fields, but `i` is a `MyType`; for other types use `with = path`",
            "`k` is skipped by serde, so it never holds a token value: remove `eq`",
            "a length bound is a non-negative integer",
            "expected a `u8` literal, found suffix `u16` (field `m: u8`)",
        ];
        assert_eq!(found, expect);
    }
}
