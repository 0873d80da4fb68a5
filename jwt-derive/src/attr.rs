//! Attribute parsing: `#[claims(...)]` on the struct, `#[claim(...)]` on fields, and the
//! few `#[serde(...)]` settings that decide a field's JSON name.
//!
//! Syntax errors stop the attribute they are in; every other mistake (unknown key,
//! duplicate, a value of the wrong form) is recorded in the [`Ctxt`] and parsing goes on,
//! so one compile reports all of them.

use crate::ctxt::Ctxt;
use proc_macro2::{Group, Span, TokenStream};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::{
    Attribute, Expr, ExprLit, ExprRange, ExprUnary, Ident, Lit, LitStr, Path, RangeLimits, Token,
    UnOp,
};

/// The container attribute.
pub const CLAIMS: &str = "claims";
/// The field attribute.
pub const CLAIM: &str = "claim";
const SERDE: &str = "serde";

/// Container keys.
pub const TYP: &str = "typ";
pub const ISS: &str = "iss";
pub const AUD: &str = "aud";
pub const SUB: &str = "sub";
pub const LEEWAY: &str = "leeway";
pub const MAX_AGE: &str = "max_age";
pub const EXPIRES_IN: &str = "expires_in";
pub const GENERATE: &str = "generate";
pub const NO_EXP: &str = "no_exp";
pub const CRATE: &str = "crate";
const CONTAINER_KEYS: &[&str] = &[
    TYP, ISS, AUD, SUB, LEEWAY, MAX_AGE, EXPIRES_IN, GENERATE, NO_EXP, CRATE,
];

/// Field keys.
pub const EQ: &str = "eq";
pub const ONE_OF: &str = "one_of";
pub const CONTAINS: &str = "contains";
pub const CONTAINS_ALL: &str = "contains_all";
pub const RANGE: &str = "range";
pub const LEN: &str = "len";
pub const WITH: &str = "with";
const FIELD_KEYS: &[&str] = &[EQ, ONE_OF, CONTAINS, CONTAINS_ALL, RANGE, LEN, WITH];

/// Registered claims issuing can generate with `generate = [...]`.
pub const IAT: &str = "iat";
pub const NBF: &str = "nbf";
pub const JTI: &str = "jti";
const GENERATED: &[&str] = &[IAT, NBF, JTI];

/// Names people reach for that are spelled differently here.
const ALIASES: &[(&str, &str)] = &[
    ("equals", EQ),
    ("equal", EQ),
    ("in", ONE_OF),
    ("any_of", ONE_OF),
    ("issuer", ISS),
    ("issuers", ISS),
    ("audience", AUD),
    ("audiences", AUD),
    ("subject", SUB),
    ("lifetime", EXPIRES_IN),
    ("ttl", EXPIRES_IN),
    ("exp", EXPIRES_IN),
    ("length", LEN),
    ("min_len", LEN),
    ("max_len", LEN),
    ("min", RANGE),
    ("max", RANGE),
    ("validate", WITH),
    ("check", WITH),
    ("issue", GENERATE),
    ("optional_exp", NO_EXP),
];

/// A setting and the span of the key that set it (for errors about the setting).
pub struct Keyed<T> {
    pub key: Span,
    pub value: T,
}

/// `#[claims(...)]`, plus the container's `#[serde(rename_all)]`.
#[derive(Default)]
pub struct ContainerAttrs {
    pub typ: Option<Keyed<LitStr>>,
    pub iss: Option<Keyed<Vec<LitStr>>>,
    pub aud: Option<Keyed<Vec<LitStr>>>,
    pub sub: Option<Keyed<LitStr>>,
    pub leeway: Option<Keyed<u64>>,
    pub max_age: Option<Keyed<u64>>,
    pub expires_in: Option<Keyed<u64>>,
    pub generate: Vec<Ident>,
    pub no_exp: Option<Span>,
    pub krate: Option<Path>,
    pub rename_all: Option<RenameRule>,
}

/// `#[claim(...)]` and the field's serde naming.
#[derive(Default)]
pub struct FieldAttrs {
    pub rules: Vec<Rule>,
    /// `#[serde(rename = "...")]` (the deserialize name).
    pub rename: Option<LitStr>,
    /// `#[serde(alias = "...")]`.
    pub aliases: Vec<LitStr>,
    /// `#[serde(skip)]` or `skip_deserializing`: never read from a token.
    pub skip: Option<Span>,
    /// `#[serde(flatten)]`: not one claim but many.
    pub flatten: Option<Span>,
}

/// One field rule.
pub struct Rule {
    pub key: Ident,
    pub kind: RuleKind,
}

pub enum RuleKind {
    Eq(Literal),
    OneOf(Vec<Literal>),
    /// `contains` (one item) and `contains_all`.
    Contains(Vec<Literal>),
    Range(Bounds),
    Len(Bounds),
    With(Path),
}

/// A literal in a rule, possibly negated.
#[derive(Clone)]
pub struct Literal {
    pub neg: Option<Token![-]>,
    pub lit: Lit,
}

/// A literal range: `a..b`, `a..=b`, `..=b`, `a..`.
pub struct Bounds {
    pub start: Option<Literal>,
    pub end: Option<Literal>,
    pub expr: ExprRange,
}

/// serde's `rename_all` rules (those that apply to field names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "lowercase" => RenameRule::Lower,
            "UPPERCASE" => RenameRule::Upper,
            "PascalCase" => RenameRule::Pascal,
            "camelCase" => RenameRule::Camel,
            "snake_case" => RenameRule::Snake,
            "SCREAMING_SNAKE_CASE" => RenameRule::ScreamingSnake,
            "kebab-case" => RenameRule::Kebab,
            "SCREAMING-KEBAB-CASE" => RenameRule::ScreamingKebab,
            _ => return None,
        })
    }

    /// The JSON name of a (snake_case) field, as serde computes it.
    pub fn apply(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.replace('_', "-").to_ascii_uppercase(),
            RenameRule::Pascal | RenameRule::Camel => {
                let mut out = String::with_capacity(field.len());
                let mut upper = self == RenameRule::Pascal;
                for c in field.chars() {
                    if c == '_' {
                        upper = true;
                    } else if upper {
                        out.push(c.to_ascii_uppercase());
                        upper = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        }
    }
}

/// Parses the container's attributes.
pub fn container(cx: &Ctxt, attrs: &[Attribute]) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    let mut seen = Seen::default();
    for attr in attrs {
        if attr.path().is_ident(CLAIMS) {
            let parsed = attr.parse_nested_meta(|meta| {
                let Some(key) = known_key(cx, &meta, CLAIMS, CONTAINER_KEYS, &mut seen)? else {
                    return Ok(());
                };
                container_key(cx, &mut out, &key, meta)
            });
            if let Err(e) = parsed {
                cx.push(e);
            }
        } else if attr.path().is_ident(CLAIM) {
            // Silently ignoring it would drop the whole profile over one letter.
            cx.error_spanned(
                attr,
                "#[claim(...)] holds the rules of a field; the struct's settings go in #[claims(...)]",
            );
        } else if attr.path().is_ident(SERDE) {
            // serde reports malformed serde attributes itself; read what we can.
            let _ = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename_all") {
                    if let Some(name) = serde_deserialize_name(&meta)? {
                        out.rename_all = RenameRule::from_name(&name.value());
                    }
                    return Ok(());
                }
                skip_value(&meta)
            });
        }
    }
    out
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
        TYP => {
            out.typ = non_empty_str(cx, &value, "typ = \"at+jwt\"")
                .map(|value| Keyed { key: span, value })
        }
        SUB => {
            out.sub = non_empty_str(cx, &value, "sub = \"service-a\"")
                .map(|value| Keyed { key: span, value })
        }
        ISS => {
            out.iss = strings(cx, &value, "iss = \"https://id.example.com\"")
                .map(|value| Keyed { key: span, value })
        }
        AUD => {
            out.aud = strings(cx, &value, "aud = [\"api-a\", \"api-b\"]")
                .map(|value| Keyed { key: span, value })
        }
        LEEWAY => out.leeway = duration(cx, &value, true).map(|value| Keyed { key: span, value }),
        MAX_AGE => {
            out.max_age = duration(cx, &value, false).map(|value| Keyed { key: span, value })
        }
        EXPIRES_IN => {
            out.expires_in = duration(cx, &value, false).map(|value| Keyed { key: span, value })
        }
        GENERATE => out.generate = generated(cx, &value),
        CRATE => out.krate = crate_path(cx, &value),
        _ => unreachable!("every container key is handled"),
    }
    Ok(())
}

/// Parses a field's attributes.
pub fn field(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    let mut seen = Seen::default();
    for attr in attrs {
        if attr.path().is_ident(CLAIM) {
            let parsed = attr.parse_nested_meta(|meta| {
                let Some(key) = known_key(cx, &meta, CLAIM, FIELD_KEYS, &mut seen)? else {
                    return Ok(());
                };
                let Some(value) = value_of(cx, &meta, &key)? else {
                    return Ok(());
                };
                if let Some(kind) = rule(cx, &key, &value) {
                    out.rules.push(Rule { key, kind });
                }
                Ok(())
            });
            if let Err(e) = parsed {
                cx.push(e);
            }
        } else if attr.path().is_ident(CLAIMS) {
            cx.error_spanned(
                attr,
                "#[claims(...)] holds the settings of the struct; a field's rules go in #[claim(...)]",
            );
        } else if attr.path().is_ident(SERDE) {
            let _ = attr.parse_nested_meta(|meta| serde_field(&mut out, meta));
        }
    }
    out
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
    } else if path.is_ident("flatten") {
        out.flatten = Some(path.require_ident()?.span());
    } else {
        skip_value(&meta)?;
    }
    Ok(())
}

/// `key = "x"` or `key(deserialize = "x", serialize = "y")`: the deserialize side, since
/// validation reads what was parsed.
fn serde_deserialize_name(meta: &ParseNestedMeta) -> syn::Result<Option<LitStr>> {
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

/// Keys already set in this container or field (across several attributes).
#[derive(Default)]
struct Seen(Vec<String>);

/// The key of `meta` when it is one of `keys` and not a duplicate; records the error and
/// skips the value otherwise.
fn known_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    attr: &str,
    keys: &[&str],
    seen: &mut Seen,
) -> syn::Result<Option<Ident>> {
    let key = match meta.path.get_ident() {
        Some(ident) => ident.clone(),
        None => {
            cx.error_spanned(&meta.path, format!("expected a key of #[{attr}(...)]"));
            skip_value(meta)?;
            return Ok(None);
        }
    };
    let name = key.unraw().to_string();
    if !keys.contains(&name.as_str()) {
        cx.error(key.span(), unknown_key_message(&name, attr));
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

fn unknown_key_message(name: &str, attr: &str) -> String {
    let (own, other, other_attr, other_place) = if attr == CLAIMS {
        (CONTAINER_KEYS, FIELD_KEYS, CLAIM, "on the field")
    } else {
        (FIELD_KEYS, CONTAINER_KEYS, CLAIMS, "on the struct")
    };
    if other.contains(&name) {
        return format!(
            "`{name}` does not belong in #[{attr}(...)]: write it as #[{other_attr}({name} = ...)] {other_place}"
        );
    }
    match did_you_mean(name, own) {
        Some(candidate) => {
            format!("unknown key `{name}` in #[{attr}(...)]; did you mean `{candidate}`?")
        }
        None => format!(
            "unknown key `{name}` in #[{attr}(...)]; expected one of: {}",
            own.join(", ")
        ),
    }
}

/// The candidate closest to `unknown`: a known alias, else the nearest by edit distance
/// when it is close enough to be a typo.
pub fn did_you_mean<'a>(unknown: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some((_, target)) = ALIASES.iter().find(|(alias, _)| *alias == unknown) {
        if let Some(found) = candidates.iter().find(|c| *c == target) {
            return Some(found);
        }
    }
    candidates
        .iter()
        .map(|c| (edit_distance(unknown, c), *c))
        .filter(|(d, c)| *d <= 2 && *d < unknown.len().max(c.len()) / 2 + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, with an adjacent swap counting as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, row);
    }
    prev[b.len()]
}

/// The `= value` after `key`; a missing value is reported (and whatever follows skipped)
/// rather than ending the attribute with syn's bare "expected `=`".
fn value_of(cx: &Ctxt, meta: &ParseNestedMeta, key: &Ident) -> syn::Result<Option<Expr>> {
    if meta.input.peek(Token![=]) {
        return meta.value()?.parse().map(Some);
    }
    cx.error(key.span(), format!("`{key}` needs a value: `{key} = ...`"));
    skip_value(meta)?;
    Ok(None)
}

/// Consumes whatever value follows an ignored key: `= expr`, `(...)` or nothing.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<Group>()?;
    }
    Ok(())
}

fn lit_str(value: &Expr) -> Option<&LitStr> {
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s),
        _ => None,
    }
}

fn non_empty_str(cx: &Ctxt, value: &Expr, example: &str) -> Option<LitStr> {
    match lit_str(value) {
        Some(s) if s.value().is_empty() => {
            cx.error(s.span(), "expected a non-empty string");
            None
        }
        Some(s) => Some(s.clone()),
        None => {
            cx.error_spanned(
                value,
                format!("expected a string literal, e.g. `{example}`"),
            );
            None
        }
    }
}

/// One string or a non-empty array of strings.
fn strings(cx: &Ctxt, value: &Expr, example: &str) -> Option<Vec<LitStr>> {
    let Expr::Array(array) = value else {
        return non_empty_str(cx, value, example).map(|s| vec![s]);
    };
    if array.elems.is_empty() {
        cx.error_spanned(array, "expected at least one string");
        return None;
    }
    let items: Vec<_> = array
        .elems
        .iter()
        .map(|item| non_empty_str(cx, item, example))
        .collect();
    items.into_iter().collect()
}

/// Seconds as an integer, or a string of numbers with units: `"15m"`, `"1h30m"`.
fn duration(cx: &Ctxt, value: &Expr, zero_ok: bool) -> Option<u64> {
    let seconds = match value {
        Expr::Lit(ExprLit {
            lit: Lit::Int(int), ..
        }) if int.suffix().is_empty() || int.suffix() == "u64" => int.base10_parse::<u64>().ok(),
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => parse_duration(&s.value()),
        _ => None,
    };
    match seconds {
        Some(0) if !zero_ok => {
            cx.error_spanned(
                value,
                "a duration of zero makes every token invalid; give a positive duration",
            );
            None
        }
        Some(seconds) => Some(seconds),
        None => {
            cx.error_spanned(
                value,
                "malformed duration: write whole seconds (`900`) or a string of numbers with units s, m, h, d (`\"15m\"`, `\"1h30m\"`)",
            );
            None
        }
    }
}

/// `"90s"`, `"15m"`, `"1h30m"`, `"2d"`; `None` when malformed or beyond `u64` seconds.
pub fn parse_duration(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut number: Option<u64> = None;
    for c in text.chars() {
        if let Some(digit) = c.to_digit(10) {
            number = Some(
                number
                    .unwrap_or(0)
                    .checked_mul(10)?
                    .checked_add(u64::from(digit))?,
            );
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return None,
        };
        total = total.checked_add(number.take()?.checked_mul(unit)?)?;
    }
    // A trailing number without a unit is ambiguous in a string: refuse it.
    match number {
        Some(_) => None,
        None => Some(total),
    }
}

/// `generate = [iat, nbf, jti]`.
fn generated(cx: &Ctxt, value: &Expr) -> Vec<Ident> {
    let Expr::Array(array) = value else {
        cx.error_spanned(
            value,
            "expected a list of claims, e.g. `generate = [iat, jti]`",
        );
        return Vec::new();
    };
    let mut out: Vec<Ident> = Vec::new();
    for item in &array.elems {
        let ident = match item {
            Expr::Path(path) if path.qself.is_none() => path.path.get_ident(),
            _ => None,
        };
        let Some(ident) = ident else {
            cx.error_spanned(item, "expected one of `iat`, `nbf`, `jti`");
            continue;
        };
        let name = ident.to_string();
        if name == "exp" {
            cx.error(
                ident.span(),
                "`exp` is generated from `expires_in = <seconds>`, not from `generate`",
            );
        } else if !GENERATED.contains(&name.as_str()) {
            let hint = did_you_mean(&name, GENERATED)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            cx.error(
                ident.span(),
                format!("`{name}` cannot be generated: expected one of `iat`, `nbf`, `jti`{hint}"),
            );
        } else if out.iter().any(|seen| *seen == name) {
            cx.error(ident.span(), format!("duplicate `{name}` in `generate`"));
        } else {
            out.push(ident.clone());
        }
    }
    out
}

fn crate_path(cx: &Ctxt, value: &Expr) -> Option<Path> {
    let Some(s) = lit_str(value) else {
        cx.error_spanned(
            value,
            "expected the path as a string, e.g. `crate = \"my_crate::jwt\"`",
        );
        return None;
    };
    match s.parse() {
        Ok(path) => Some(path),
        Err(_) => {
            cx.error(
                s.span(),
                "expected a path, e.g. `crate = \"my_crate::jwt\"`",
            );
            None
        }
    }
}

/// A string, number or bool literal, possibly negated.
fn literal(cx: &Ctxt, value: &Expr) -> Option<Literal> {
    let (neg, inner) = match value {
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(minus),
            expr,
            ..
        }) => (Some(*minus), &**expr),
        other => (None, other),
    };
    match inner {
        Expr::Lit(ExprLit { lit, .. })
            if matches!(lit, Lit::Str(_) | Lit::Int(_) | Lit::Float(_))
                || (neg.is_none() && matches!(lit, Lit::Bool(_))) =>
        {
            if neg.is_some() && matches!(lit, Lit::Str(_)) {
                cx.error_spanned(value, "a string cannot be negated");
                return None;
            }
            Some(Literal {
                neg,
                lit: lit.clone(),
            })
        }
        _ => {
            cx.error_spanned(value, "expected a literal: a string, a number or a bool");
            None
        }
    }
}

/// A non-empty array of literals.
fn literals(cx: &Ctxt, value: &Expr, example: &str) -> Option<Vec<Literal>> {
    let Expr::Array(array) = value else {
        cx.error_spanned(value, format!("expected a list, e.g. `{example}`"));
        return None;
    };
    if array.elems.is_empty() {
        cx.error_spanned(array, "expected at least one value");
        return None;
    }
    let items: Vec<_> = array.elems.iter().map(|item| literal(cx, item)).collect();
    items.into_iter().collect()
}

/// A range with literal numeric bounds, at least one of them, and not empty.
fn bounds(cx: &Ctxt, value: &Expr, example: &str) -> Option<Bounds> {
    let malformed = |what: &str| {
        cx.error_spanned(
            value,
            format!("malformed range: {what}; write e.g. `{example}`, `1..10`, `..=10` or `1..`"),
        );
    };
    let Expr::Range(range) = value else {
        malformed("expected a range");
        return None;
    };
    let bound = |expr: &Option<Box<Expr>>| -> Option<Option<Literal>> {
        let Some(expr) = expr else { return Some(None) };
        let value = literal(cx, expr)?;
        if matches!(value.lit, Lit::Int(_) | Lit::Float(_)) {
            Some(Some(value))
        } else {
            cx.error_spanned(expr, "expected a number as the bound of a range");
            None
        }
    };
    let start = bound(&range.start)?;
    let end = bound(&range.end)?;
    let inclusive = matches!(range.limits, RangeLimits::Closed(_));
    if start.is_none() && end.is_none() {
        malformed("a range needs at least one bound");
        return None;
    }
    if let (Some(low), Some(high)) = (&start, &end) {
        let empty = match (low.as_i128(), high.as_i128()) {
            (Some(low), Some(high)) => low > high || (!inclusive && low == high),
            _ => match (low.as_f64(), high.as_f64()) {
                (Some(low), Some(high)) => low > high || (!inclusive && low == high),
                _ => {
                    malformed("a bound is not a valid number");
                    return None;
                }
            },
        };
        if empty {
            malformed("it is empty, so every value would be rejected");
            return None;
        }
    }
    Some(Bounds {
        start,
        end,
        expr: range.clone(),
    })
}

fn function_path(cx: &Ctxt, value: &Expr) -> Option<Path> {
    match value {
        Expr::Path(path) if path.qself.is_none() => Some(path.path.clone()),
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => match s.parse() {
            Ok(path) => Some(path),
            Err(_) => {
                cx.error(s.span(), "expected the path of a function");
                None
            }
        },
        _ => {
            cx.error_spanned(value, "expected the path of a function `fn(&T) -> Result<(), E>`, e.g. `with = check_region`");
            None
        }
    }
}

impl Literal {
    /// The value of an integer literal, signed.
    pub fn as_i128(&self) -> Option<i128> {
        let Lit::Int(int) = &self.lit else {
            return None;
        };
        let value: i128 = int.base10_parse().ok()?;
        Some(if self.neg.is_some() { -value } else { value })
    }

    /// The value of a numeric literal as a float.
    pub fn as_f64(&self) -> Option<f64> {
        let value: f64 = match &self.lit {
            Lit::Int(int) => int.base10_parse().ok()?,
            Lit::Float(float) => float.base10_parse().ok()?,
            _ => return None,
        };
        Some(if self.neg.is_some() { -value } else { value })
    }

    /// What kind of literal this is, for messages.
    pub fn describe(&self) -> &'static str {
        match &self.lit {
            Lit::Str(_) => "a string",
            Lit::Int(_) => "an integer",
            Lit::Float(_) => "a float",
            Lit::Bool(_) => "a bool",
            _ => "a literal",
        }
    }
}

impl ToTokens for Literal {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.neg.to_tokens(tokens);
        self.lit.to_tokens(tokens);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::{parse_quote, DeriveInput};

    fn parse_container(input: DeriveInput) -> (ContainerAttrs, Vec<String>) {
        let cx = Ctxt::default();
        let attrs = container(&cx, &input.attrs);
        (attrs, errors(cx))
    }

    fn parse_field(field: syn::Field) -> (FieldAttrs, Vec<String>) {
        let cx = Ctxt::default();
        let attrs = self::field(&cx, &field.attrs);
        (attrs, errors(cx))
    }

    fn errors(cx: Ctxt) -> Vec<String> {
        match cx.finish() {
            Ok(()) => Vec::new(),
            Err(e) => e.into_iter().map(|e| e.to_string()).collect(),
        }
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
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors[0].starts_with("duplicate key `leeway`"));
        assert!(errors[1].starts_with("duplicate `iat`"));
        assert!(errors[2].contains("expires_in"));
        assert!(errors[3].contains("did you mean `jti`?"));
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
    fn durations() {
        assert_eq!(parse_duration("90s"), Some(90));
        assert_eq!(parse_duration("1h30m"), Some(5400));
        assert_eq!(parse_duration("2d"), Some(172_800));
        for bad in [
            "",
            "15",
            "m",
            "15x",
            "1.5h",
            "-5s",
            " 5s",
            "99999999999999999999s",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
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

    #[test]
    fn rename_rules_match_serde() {
        let cases = [
            (RenameRule::Lower, "token_id"),
            (RenameRule::Upper, "TOKEN_ID"),
            (RenameRule::Pascal, "TokenId"),
            (RenameRule::Camel, "tokenId"),
            (RenameRule::Snake, "token_id"),
            (RenameRule::ScreamingSnake, "TOKEN_ID"),
            (RenameRule::Kebab, "token-id"),
            (RenameRule::ScreamingKebab, "TOKEN-ID"),
        ];
        for (rule, expected) in cases {
            assert_eq!(rule.apply("token_id"), expected);
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("max_ages", CONTAINER_KEYS), Some(MAX_AGE));
        assert_eq!(did_you_mean("contain", FIELD_KEYS), Some(CONTAINS));
        assert_eq!(did_you_mean("oneof", FIELD_KEYS), Some(ONE_OF));
        assert_eq!(did_you_mean("ragne", FIELD_KEYS), Some(RANGE));
        assert_eq!(did_you_mean("audience", CONTAINER_KEYS), Some(AUD));
        assert_eq!(did_you_mean("banana", CONTAINER_KEYS), None);
        assert_eq!(did_you_mean("x", FIELD_KEYS), None);
    }
}
