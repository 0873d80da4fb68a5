//! The registered claims as written in the verified payload, captured during the one
//! strict pass that also rejects duplicates and checks their JSON types.
//!
//! Validation reads the application's typed values first. A claim type need not
//! declare every registered claim, but a token's `exp`, `nbf`, `iat` or `aud` must be
//! checked whenever present (RFC 7519 §4.1, RFC 8725 §3.10): for claims the type does
//! not report, the values captured here (the same verified bytes, parsed as strictly)
//! fill the gap.

use super::registered::registered_member_type;
use super::{AudienceRef, NumericDate, Registered};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;
use crate::strict_json::{self, Captured};
use std::borrow::Cow;

/// The registered claims found in a payload.
#[derive(Debug, Default)]
pub(crate) struct ClaimsScan<'a> {
    iss: Option<Cow<'a, str>>,
    sub: Option<Cow<'a, str>>,
    jti: Option<Cow<'a, str>>,
    aud: Option<Captured<'a>>,
    exp: Option<NumericDate>,
    nbf: Option<NumericDate>,
    iat: Option<NumericDate>,
    /// A date member whose value no `NumericDate` can hold.
    out_of_range: Option<String>,
    /// The payload, when it is UTF-8 (checked once here, so the parser need not).
    text: Option<&'a str>,
}

impl<'a> ClaimsScan<'a> {
    /// Checks `payload` (an object, no duplicate members, bounded depth, registered
    /// claims of the right JSON types) and captures its registered claims.
    pub(crate) fn of(payload: &'a [u8], limits: &Limits) -> Result<Self> {
        crate::limits::Limits::check_at_most("JSON length", payload.len(), limits.max_token_bytes)?;
        let mut scan = ClaimsScan {
            text: std::str::from_utf8(payload).ok(),
            ..ClaimsScan::default()
        };
        let sure = scan.text.and_then(|text| {
            strict_json::quick_scan::check_object_typed(
                text,
                limits.max_json_depth,
                registered_member_type,
                |name, value| scan.record(name, value),
            )
        });
        match (sure, scan.out_of_range.is_none()) {
            (Some(()), true) => Ok(scan),
            _ => ClaimsScan::exact(payload, limits),
        }
    }

    /// Parses `C` from `payload` in the one pass that also checks the payload and
    /// captures its registered claims into `self` ([`strict_json::one_pass`]); `None` when that
    /// pass is not sure, and the caller runs [`ClaimsScan::of`] and serde_json. (Filled
    /// in place: moving the scan out with the claims was a visible cost.)
    pub(crate) fn parse<C: serde::de::DeserializeOwned>(
        &mut self,
        payload: &'a [u8],
        limits: &Limits,
    ) -> Option<C> {
        if payload.len() > limits.max_token_bytes {
            return None;
        }
        let text = std::str::from_utf8(payload).ok()?;
        self.text = Some(text);
        let claims = strict_json::one_pass::from_object_typed(
            text,
            limits.max_json_depth,
            registered_member_type,
            &mut *self,
        )?;
        self.out_of_range.is_none().then_some(claims)
    }

    /// The payload as text, when it is UTF-8.
    pub(crate) fn text(&self) -> Option<&'a str> {
        self.text
    }

    /// The exact walk: the verdict and the precise error when the quick scan is not sure
    /// (and when the claims fail to parse).
    pub(crate) fn exact(payload: &'a [u8], limits: &Limits) -> Result<Self> {
        let mut scan = ClaimsScan {
            text: std::str::from_utf8(payload).ok(),
            ..ClaimsScan::default()
        };
        strict_json::check_object_typed(
            payload,
            limits.max_json_depth,
            limits.max_token_bytes,
            registered_member_type,
            &mut |name, value| scan.record(name, value),
        )?;
        match scan.out_of_range.take() {
            Some(name) => Err(Error::claim(
                ErrorKind::InvalidClaim,
                &name,
                format!("claim {name:?} is not a representable NumericDate"),
            )),
            None => Ok(scan),
        }
    }

    // Inlined into the scan so that the captured value stays in registers.
    #[inline(always)]
    fn record(&mut self, name: &str, value: Captured<'a>) {
        match (name, value) {
            ("iss", Captured::Str(s)) => self.iss = Some(s),
            ("sub", Captured::Str(s)) => self.sub = Some(s),
            ("jti", Captured::Str(s)) => self.jti = Some(s),
            ("aud", value) => self.aud = Some(value),
            (name, Captured::Int(seconds)) => {
                self.set_date(name, NumericDate::from_seconds(seconds))
            }
            (name, Captured::Float(value)) => match NumericDate::from_f64(value) {
                Some(date) => self.set_date(name, date),
                None => self.out_of_range = Some(name.to_owned()),
            },
            _ => {}
        }
    }

    fn set_text(&mut self, name: &str, text: &'a str) {
        match name {
            "iss" => self.iss = Some(Cow::Borrowed(text)),
            "sub" => self.sub = Some(Cow::Borrowed(text)),
            "jti" => self.jti = Some(Cow::Borrowed(text)),
            "aud" => self.aud = Some(Captured::Str(Cow::Borrowed(text))),
            _ => {}
        }
    }

    fn set_date(&mut self, name: &str, date: NumericDate) {
        match name {
            "exp" => self.exp = Some(date),
            "nbf" => self.nbf = Some(date),
            "iat" => self.iat = Some(date),
            _ => {}
        }
    }

    /// Fills every claim `registered` does not report with the one in the payload.
    pub(crate) fn fill_missing(&'a self, registered: &mut Registered<'a>) {
        registered.iss = registered.iss.or(self.iss.as_deref());
        registered.sub = registered.sub.or(self.sub.as_deref());
        registered.jti = registered.jti.or(self.jti.as_deref());
        registered.exp = registered.exp.or(self.exp);
        registered.nbf = registered.nbf.or(self.nbf);
        registered.iat = registered.iat.or(self.iat);
        if registered.aud.is_none() {
            registered.aud = match &self.aud {
                Some(Captured::Str(one)) => Some(AudienceRef::One(one)),
                Some(Captured::Strs(many)) => Some(AudienceRef::Texts(many)),
                _ => None,
            };
        }
    }
}

/// What the one-pass parse captures goes straight into the fields.
impl<'a> strict_json::Capture<'a> for ClaimsScan<'a> {
    fn string(&mut self, name: &str, value: &'a str) {
        self.set_text(name, value);
    }
    fn integer(&mut self, name: &str, value: i64) {
        self.set_date(name, NumericDate::from_seconds(value));
    }
    fn value(&mut self, name: &str, value: Captured<'a>) {
        self.record(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_pass_parse_captures_every_registered_claim() {
        // Into a type that declares none of them: every one comes from the capture.
        let payload =
            br#"{"exp":10,"nbf":2,"iat":1,"aud":"a","iss":"x","sub":"s","jti":"j","z":0}"#;
        let mut scan = ClaimsScan::default();
        let _: serde::de::IgnoredAny = scan.parse(payload, &Limits::DEFAULT).expect("sure");
        let mut registered = Registered::default();
        scan.fill_missing(&mut registered);
        assert_eq!(registered.exp, Some(NumericDate::from_seconds(10)));
        assert_eq!(registered.nbf, Some(NumericDate::from_seconds(2)));
        assert_eq!(registered.iat, Some(NumericDate::from_seconds(1)));
        assert_eq!(
            (registered.iss, registered.sub, registered.jti),
            (Some("x"), Some("s"), Some("j"))
        );
        assert!(registered.aud.unwrap().contains_any(&["a"]));
    }

    #[test]
    fn fills_only_what_the_type_does_not_report() {
        let payload = br#"{"exp":10,"nbf":2.5,"aud":["a","b"],"iss":"x","custom":1}"#;
        let scan = ClaimsScan::of(payload, &Limits::DEFAULT).unwrap();
        let mut registered = Registered {
            exp: Some(NumericDate::from_seconds(99)),
            ..Default::default()
        };
        scan.fill_missing(&mut registered);
        assert_eq!(registered.exp, Some(NumericDate::from_seconds(99)));
        assert_eq!(registered.nbf, NumericDate::from_f64(2.5));
        assert_eq!(registered.iss, Some("x"));
        assert!(registered.aud.unwrap().contains_any(&["b"]));
        assert_eq!(registered.iat, None);
    }

    #[test]
    fn out_of_range_dates_are_invalid() {
        let err = ClaimsScan::of(br#"{"exp":1e300}"#, &Limits::DEFAULT).unwrap_err();
        assert_eq!(
            (err.kind(), err.claim_name()),
            (ErrorKind::InvalidClaim, Some("exp"))
        );
    }
}
