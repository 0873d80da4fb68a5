//! Durations in the profile settings (`leeway`, `max_age`, `expires_in`): whole seconds,
//! or a string of numbers with units (`"15m"`, `"1h30m"`) that reads as what it means.

use super::ctxt::Ctxt;
use syn::{Expr, ExprLit, Lit};

/// Seconds as an integer, or a string of numbers with units: `"15m"`, `"1h30m"`.
/// `zero_ok` is for settings where zero is a meaningful choice (no leeway); elsewhere a
/// zero duration would reject every token, so it is an error.
pub(crate) fn duration(cx: &Ctxt, value: &Expr, zero_ok: bool) -> Option<u64> {
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
pub(crate) fn parse_duration(text: &str) -> Option<u64> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
