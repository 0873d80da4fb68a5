//! [`SharedJwkSet`]: a JWK Set that can be replaced while verifiers share it.

use super::JwkSet;
use crate::key_source::KeySource;
use arc_swap::{ArcSwap, Guard};
use std::fmt;
use std::sync::Arc;

/// A JWK Set that can be replaced while verifiers built on it are in use on other
/// threads: key rotation without rebuilding the [`Verifier`](crate::Verifier).
///
/// Clones share the same set. [`SharedJwkSet::store`] replaces it for every clone;
/// a verification reads a snapshot without taking a lock (`arc-swap`), so it costs what
/// a verification with a plain [`JwkSet`] costs, and one that started on the old set
/// finishes on it.
///
/// ```
/// # fn main() -> jwt_core::Result<()> {
/// use jwt_core::{Jwk, JwkSet, Jwt, RegisteredClaims, SharedJwkSet, SignatureAlgorithm, Verifier};
/// let old = Jwk::generate_for("ES256")?.with_thumbprint_kid();
/// let new = Jwk::generate_for("ES256")?.with_thumbprint_kid();
/// let keys = SharedJwkSet::new(JwkSet::new(vec![old.public()?]));
/// // The set changes, so the allow-list is named: it never follows the keys of the day.
/// let verifier = Verifier::<RegisteredClaims>::builder(keys.clone())
///     .algorithms([SignatureAlgorithm::ES256])
///     .no_exp()
///     .build()?;
/// let token = Jwt::new(RegisteredClaims::default()).sign(&new)?;
/// assert!(verifier.verify(&token).is_err());
/// keys.store(JwkSet::new(vec![new.public()?]));
/// assert!(verifier.verify(&token).is_ok());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct SharedJwkSet(Arc<ArcSwap<JwkSet>>);

impl SharedJwkSet {
    /// Starts with `set`.
    pub fn new(set: JwkSet) -> SharedJwkSet {
        SharedJwkSet(Arc::new(ArcSwap::from_pointee(set)))
    }

    /// Replaces the set for every clone and every verifier built on it.
    pub fn store(&self, set: JwkSet) {
        self.0.store(Arc::new(set));
    }

    /// The current set. It stays valid (and unchanged) however the shared set is
    /// replaced afterwards.
    pub fn snapshot(&self) -> Arc<JwkSet> {
        self.0.load_full()
    }

    /// The current set for one verification, without touching the reference count in
    /// the usual case.
    pub(crate) fn load(&self) -> Guard<Arc<JwkSet>> {
        self.0.load()
    }
}

impl Default for SharedJwkSet {
    /// An empty set.
    fn default() -> Self {
        SharedJwkSet::new(JwkSet::default())
    }
}

impl fmt::Debug for SharedJwkSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SharedJwkSet")
            .field(&*self.0.load())
            .finish()
    }
}

/// Keys read for one verification: borrowed from the verifier, or a snapshot of a
/// shared set held until the verification ends.
pub(crate) enum LoadedKeys<'a> {
    Borrowed(KeySource<'a>),
    Snapshot(Guard<Arc<JwkSet>>),
}

impl LoadedKeys<'_> {
    pub(crate) fn source(&self) -> KeySource<'_> {
        match self {
            LoadedKeys::Borrowed(source) => *source,
            LoadedKeys::Snapshot(set) => KeySource::Set(set),
        }
    }
}
