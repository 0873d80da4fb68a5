//! The values keys take: strings, lists, literals, ranges and paths. Each reader records
//! a value of the wrong form in the [`Ctxt`] and returns `None`, so parsing goes on.

use crate::internals::ctxt::Ctxt;
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Expr, ExprLit, ExprRange, ExprUnary, Lit, LitStr, Path, RangeLimits, Token, UnOp};

/// A literal in a rule, possibly negated.
#[derive(Clone)]
pub(crate) struct Literal {
    pub neg: Option<Token![-]>,
    pub lit: Lit,
}

/// A literal range: `a..b`, `a..=b`, `..=b`, `a..`.
pub(crate) struct Bounds {
    pub start: Option<Literal>,
    pub end: Option<Literal>,
    pub expr: ExprRange,
}

fn lit_str(value: &Expr) -> Option<&LitStr> {
    match value {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s),
        _ => None,
    }
}

pub(super) fn non_empty_str(cx: &Ctxt, value: &Expr, example: &str) -> Option<LitStr> {
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
pub(super) fn strings(cx: &Ctxt, value: &Expr, example: &str) -> Option<Vec<LitStr>> {
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

/// A string, number or bool literal, possibly negated.
pub(super) fn literal(cx: &Ctxt, value: &Expr) -> Option<Literal> {
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
pub(super) fn literals(cx: &Ctxt, value: &Expr, example: &str) -> Option<Vec<Literal>> {
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
pub(super) fn bounds(cx: &Ctxt, value: &Expr, example: &str) -> Option<Bounds> {
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

/// The function of `with = path` (a string holding the path is accepted too).
pub(super) fn function_path(cx: &Ctxt, value: &Expr) -> Option<Path> {
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

/// The path of `crate = "..."`, written as a string like serde's.
pub(super) fn crate_path(cx: &Ctxt, value: &Expr) -> Option<Path> {
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

impl Literal {
    /// The value of an integer literal, signed.
    pub(crate) fn as_i128(&self) -> Option<i128> {
        let Lit::Int(int) = &self.lit else {
            return None;
        };
        let value: i128 = int.base10_parse().ok()?;
        Some(if self.neg.is_some() { -value } else { value })
    }

    /// The value of a numeric literal as a float.
    pub(crate) fn as_f64(&self) -> Option<f64> {
        let value: f64 = match &self.lit {
            Lit::Int(int) => int.base10_parse().ok()?,
            Lit::Float(float) => float.base10_parse().ok()?,
            _ => return None,
        };
        Some(if self.neg.is_some() { -value } else { value })
    }

    /// What kind of literal this is, for messages.
    pub(crate) fn describe(&self) -> &'static str {
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
