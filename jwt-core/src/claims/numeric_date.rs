//! [`NumericDate`]: RFC 7519 §2 seconds since the epoch.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A time as RFC 7519 writes it: seconds since 1970-01-01T00:00:00Z, ignoring leap
/// seconds. Any JSON number is accepted (fractions too); strings, booleans and `null`
/// never are. Written back as an integer when whole.
///
/// Stored as whole seconds plus nanoseconds, so comparisons are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NumericDate {
    seconds: i64,
    nanos: u32,
}

impl NumericDate {
    /// The epoch itself (also the `Default`, which issuing treats as "not set").
    pub const UNIX_EPOCH: NumericDate = NumericDate {
        seconds: 0,
        nanos: 0,
    };

    /// A whole number of seconds since the epoch.
    pub const fn from_seconds(seconds: i64) -> Self {
        NumericDate { seconds, nanos: 0 }
    }

    /// Seconds since the epoch, rounded toward negative infinity.
    pub const fn seconds(self) -> i64 {
        self.seconds
    }

    /// The fractional part, in nanoseconds.
    pub const fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// Whether this is the epoch, which issuing treats as an unset date.
    pub const fn is_unset(self) -> bool {
        self.seconds == 0 && self.nanos == 0
    }

    /// Now, from the system clock.
    pub fn now() -> Self {
        NumericDate::from(SystemTime::now())
    }

    /// From a JSON number's value; `None` for NaN, infinities and values beyond ±2⁶³ s.
    pub fn from_f64(value: f64) -> Option<Self> {
        if !value.is_finite() || value.abs() >= 9.2e18 {
            return None;
        }
        let seconds = value.floor();
        let nanos = ((value - seconds) * 1e9).round().min(999_999_999.0) as u32;
        Some(NumericDate {
            seconds: seconds as i64,
            nanos,
        })
    }

    /// As a floating-point number of seconds.
    pub fn as_f64(self) -> f64 {
        self.seconds as f64 + f64::from(self.nanos) / 1e9
    }

    /// `self + seconds`, saturating.
    pub fn saturating_add_seconds(self, seconds: u64) -> Self {
        let add = i64::try_from(seconds).unwrap_or(i64::MAX);
        NumericDate {
            seconds: self.seconds.saturating_add(add),
            nanos: self.nanos,
        }
    }

    /// `self - seconds`, saturating.
    pub fn saturating_sub_seconds(self, seconds: u64) -> Self {
        let sub = i64::try_from(seconds).unwrap_or(i64::MAX);
        NumericDate {
            seconds: self.seconds.saturating_sub(sub),
            nanos: self.nanos,
        }
    }
}

impl From<SystemTime> for NumericDate {
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => NumericDate {
                seconds: i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                nanos: after.subsec_nanos(),
            },
            Err(before) => {
                let before = before.duration();
                let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                match before.subsec_nanos() {
                    0 => NumericDate {
                        seconds: -whole,
                        nanos: 0,
                    },
                    n => NumericDate {
                        seconds: -whole - 1,
                        nanos: 1_000_000_000 - n,
                    },
                }
            }
        }
    }
}

impl From<NumericDate> for SystemTime {
    fn from(date: NumericDate) -> Self {
        let whole = Duration::from_secs(date.seconds.unsigned_abs());
        let base = if date.seconds >= 0 {
            UNIX_EPOCH + whole
        } else {
            UNIX_EPOCH - whole
        };
        base + Duration::from_nanos(u64::from(date.nanos))
    }
}

impl From<time::OffsetDateTime> for NumericDate {
    fn from(time: time::OffsetDateTime) -> Self {
        NumericDate {
            seconds: time.unix_timestamp(),
            nanos: time.nanosecond(),
        }
    }
}

impl TryFrom<NumericDate> for time::OffsetDateTime {
    type Error = time::error::ComponentRange;
    fn try_from(date: NumericDate) -> Result<Self, Self::Error> {
        let base = time::OffsetDateTime::from_unix_timestamp(date.seconds)?;
        Ok(base + time::Duration::nanoseconds(i64::from(date.nanos)))
    }
}

impl From<i64> for NumericDate {
    fn from(seconds: i64) -> Self {
        NumericDate::from_seconds(seconds)
    }
}

impl From<NumericDate> for i64 {
    fn from(date: NumericDate) -> Self {
        date.seconds
    }
}

impl fmt::Display for NumericDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.nanos == 0 {
            write!(f, "{}", self.seconds)
        } else {
            write!(f, "{}", self.as_f64())
        }
    }
}

impl Serialize for NumericDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.nanos == 0 {
            s.serialize_i64(self.seconds)
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NumberOnly;
        impl Visitor<'_> for NumberOnly {
            type Value = NumericDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a NumericDate (a JSON number of seconds since the epoch)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumericDate, E> {
                Ok(NumericDate::from_seconds(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumericDate, E> {
                i64::try_from(v)
                    .map(NumericDate::from_seconds)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumericDate, E> {
                NumericDate::from_f64(v)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
        d.deserialize_any(NumberOnly)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers_only() {
        let parse = |s: &str| serde_json::from_str::<NumericDate>(s);
        assert_eq!(
            parse("1300819380").unwrap(),
            NumericDate::from_seconds(1300819380)
        );
        assert_eq!(parse("-1").unwrap(), NumericDate::from_seconds(-1));
        let fractional = parse("1300819380.5").unwrap();
        assert_eq!(
            (fractional.seconds(), fractional.subsec_nanos()),
            (1300819380, 500_000_000)
        );
        assert_eq!(parse("1e3").unwrap(), NumericDate::from_seconds(1000));
        for bad in [
            r#""1300819380""#,
            "true",
            "null",
            "[1]",
            "{}",
            "18446744073709551615",
            "1e300",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serializes_whole_values_as_integers() {
        assert_eq!(
            serde_json::to_string(&NumericDate::from_seconds(42)).unwrap(),
            "42"
        );
        assert_eq!(
            serde_json::to_string(&NumericDate::from_f64(1.25).unwrap()).unwrap(),
            "1.25"
        );
    }

    #[test]
    fn converts_to_and_from_time_types() {
        let date = NumericDate::from_f64(1_700_000_000.75).unwrap();
        let system: SystemTime = date.into();
        assert_eq!(NumericDate::from(system), date);
        let odt = time::OffsetDateTime::try_from(date).unwrap();
        assert_eq!(NumericDate::from(odt), date);
        let before = NumericDate::from_f64(-1.5).unwrap();
        assert_eq!(NumericDate::from(SystemTime::from(before)), before);
        assert_eq!(i64::from(NumericDate::from(7i64)), 7);
        assert!(NumericDate::from_seconds(1) < NumericDate::from_f64(1.000001).unwrap());
    }
}
