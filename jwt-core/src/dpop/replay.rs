//! [`ReplayCache`]: where the `jti` of accepted DPoP proofs is kept until their window
//! closes, and [`InMemoryReplayCache`], a bounded one for a single process.

use crate::claims::NumericDate;
use crate::error::{Error, ErrorKind, Result};
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::Mutex;

/// Remembers the proofs a [`DpopVerifier`](super::DpopVerifier) accepted, so that each
/// is accepted once (RFC 9449 §11.1). Implement it over a store the servers share when
/// several of them accept proofs for the same URIs.
pub trait ReplayCache: Send + Sync + fmt::Debug {
    /// Records `id` (43 base64url characters: the SHA-256 of the proof's normalised
    /// target URI and its `jti`) until `expires_at`, after which
    /// the proof's `iat` is out of the window anyway. Answers `true` when `id` was not
    /// there (or had expired), `false` when it was: a replay.
    ///
    /// # Errors
    /// When the cache cannot record `id` (full, or its store failing): the proof is
    /// then refused, never accepted unrecorded.
    fn insert(&self, id: &str, expires_at: NumericDate, now: NumericDate) -> Result<bool>;
}

/// A replay cache in memory, bounded: at most `capacity` live entries. Expired entries
/// are dropped as new ones come; when every entry is still live and the cache is full,
/// a new proof is refused ([`ErrorKind::LimitExceeded`]) rather than a live entry
/// forgotten, which would let its proof be replayed.
pub struct InMemoryReplayCache {
    capacity: usize,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Each live id and when it expires.
    expiries: HashMap<String, NumericDate>,
    /// The ids in the order they were recorded. Proofs are recorded soon after their
    /// `iat`, so the oldest entries are near the front and expire first.
    order: VecDeque<(NumericDate, String)>,
}

impl InMemoryReplayCache {
    /// The capacity [`DpopVerifier::builder`](super::DpopVerifier::builder) uses.
    pub const DEFAULT_CAPACITY: usize = 65_536;

    /// A cache of at most `capacity` live entries.
    pub fn new(capacity: usize) -> Self {
        InMemoryReplayCache {
            capacity,
            state: Mutex::new(State::default()),
        }
    }

    /// The number of entries held (live or not yet dropped).
    pub fn len(&self) -> usize {
        self.lock().expiries.len()
    }

    /// Whether the cache holds no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the maps inconsistent in a way
        // that accepts a replay: at worst an entry is kept too long.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl fmt::Debug for InMemoryReplayCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InMemoryReplayCache")
            .field("capacity", &self.capacity)
            .field("len", &self.len())
            .finish()
    }
}

impl State {
    /// Drops expired entries from the front, then, when full, sweeps the rest once.
    fn drop_expired(&mut self, now: NumericDate, capacity: usize) {
        while let Some((expiry, _)) = self.order.front() {
            if *expiry > now {
                break;
            }
            if let Some((expiry, id)) = self.order.pop_front() {
                if self.expiries.get(&id) == Some(&expiry) {
                    self.expiries.remove(&id);
                }
            }
        }
        if self.expiries.len() >= capacity {
            self.expiries.retain(|_, expiry| *expiry > now);
            let expiries = &self.expiries;
            self.order
                .retain(|(expiry, id)| expiries.get(id) == Some(expiry));
        }
    }
}

impl ReplayCache for InMemoryReplayCache {
    fn insert(&self, id: &str, expires_at: NumericDate, now: NumericDate) -> Result<bool> {
        let mut state = self.lock();
        state.drop_expired(now, self.capacity);
        if let Some(expiry) = state.expiries.get(id) {
            if *expiry > now {
                return Ok(false);
            }
        }
        if state.expiries.len() >= self.capacity {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "the DPoP replay cache holds {} live proofs, its capacity: try again later",
                    self.capacity
                ),
            ));
        }
        state.expiries.insert(id.to_owned(), expires_at);
        state.order.push_back((expires_at, id.to_owned()));
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> NumericDate {
        NumericDate::from_seconds(seconds)
    }

    #[test]
    fn an_id_is_new_once_until_it_expires() {
        let cache = InMemoryReplayCache::new(4);
        assert!(cache.insert("a", at(100), at(10)).unwrap());
        assert!(!cache.insert("a", at(100), at(99)).unwrap());
        assert!(cache.insert("a", at(200), at(100)).unwrap());
        assert!(!cache.insert("a", at(200), at(150)).unwrap());
    }

    #[test]
    fn a_full_cache_refuses_rather_than_forgets_and_frees_expired_room() {
        let cache = InMemoryReplayCache::new(2);
        assert!(cache.insert("a", at(100), at(10)).unwrap());
        assert!(cache.insert("b", at(50), at(10)).unwrap());
        let e = cache.insert("c", at(100), at(20)).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::LimitExceeded);
        // Both live entries are still there.
        assert!(!cache.insert("a", at(100), at(20)).unwrap());
        assert!(!cache.insert("b", at(50), at(20)).unwrap());
        // "b" expires at 50 (behind "a" in order): the sweep finds it.
        assert!(cache.insert("c", at(100), at(50)).unwrap());
        assert_eq!(cache.len(), 2);
        assert!(!cache.insert("a", at(100), at(60)).unwrap());
    }
}
