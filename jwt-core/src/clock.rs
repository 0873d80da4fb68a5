//! Where "now" comes from: the system clock by default, a fixed time in tests.

use crate::claims::NumericDate;
use std::fmt;

/// A source of the current time. Replace the system clock with [`FixedClock`] in tests,
/// or with your own implementation (a mock, a monotonic-adjusted clock).
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> NumericDate;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NumericDate {
        NumericDate::now()
    }
}

/// A clock stopped at one time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub NumericDate);

impl FixedClock {
    /// A clock stopped at `seconds` since the epoch.
    pub const fn at(seconds: i64) -> Self {
        FixedClock(NumericDate::from_seconds(seconds))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> NumericDate {
        self.0
    }
}
