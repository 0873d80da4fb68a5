//! The monotonic clock of the key-set cache, injectable so that tests move time by hand.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where [`RemoteJwks`](crate::RemoteJwks) reads the time for cache age and cooldown.
///
/// It is a trait rather than tokio's paused time because the fetches are real network
/// I/O, which does not mix with a paused runtime clock.
pub trait CacheClock: Send + Sync + fmt::Debug + 'static {
    /// Now. Must never go backwards.
    fn now(&self) -> Instant;
}

/// [`Instant::now`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemCacheClock;

impl CacheClock for SystemCacheClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that only moves when told to ([`ManualClock::advance`]). Clones share the
/// same time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    start: Instant,
    elapsed_nanos: Arc<AtomicU64>,
}

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock::new()
    }
}

impl ManualClock {
    /// A clock standing at the present instant.
    pub fn new() -> ManualClock {
        ManualClock {
            start: Instant::now(),
            elapsed_nanos: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        // fetch_update never fails with a closure that always returns Some.
        let _ = self
            .elapsed_nanos
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                Some(n.saturating_add(nanos))
            });
    }
}

impl CacheClock for ManualClock {
    fn now(&self) -> Instant {
        self.start + Duration::from_nanos(self.elapsed_nanos.load(Ordering::SeqCst))
    }
}
