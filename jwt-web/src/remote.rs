//! [`RemoteJwks`]: a provider's JWK Set, fetched, cached and refreshed.

use crate::clock::{CacheClock, SystemCacheClock};
use crate::error::{Error, ErrorKind, Result};
use crate::fetch;
use jwt_core::{Claims, JwkSet, SharedJwkSet, SignatureAlgorithm, Verifier, VerifierBuilder};
use reqwest::Url;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tracing::Instrument;

/// The signature algorithms a verifier on a remote set accepts unless told otherwise:
/// every asymmetric one in common use. Never HMAC (a public key must never serve as a
/// MAC secret) and never `none`; each key is still bound to its own `alg` when it has one.
pub const REMOTE_ALGORITHMS: [SignatureAlgorithm; 11] = [
    SignatureAlgorithm::RS256,
    SignatureAlgorithm::RS384,
    SignatureAlgorithm::RS512,
    SignatureAlgorithm::PS256,
    SignatureAlgorithm::PS384,
    SignatureAlgorithm::PS512,
    SignatureAlgorithm::ES256,
    SignatureAlgorithm::ES384,
    SignatureAlgorithm::ES512,
    SignatureAlgorithm::EdDSA,
    SignatureAlgorithm::Ed25519,
];

/// Settings of a [`RemoteJwks`] (and of the discovery that finds one). Start with
/// [`RemoteJwks::builder`].
#[derive(Debug, Clone)]
pub struct RemoteJwksBuilder {
    pub(crate) max_age: Duration,
    pub(crate) min_max_age: Duration,
    pub(crate) max_max_age: Duration,
    pub(crate) cooldown: Duration,
    pub(crate) max_stale: Duration,
    pub(crate) timeout: Duration,
    pub(crate) body_limit: usize,
    pub(crate) clock: Arc<dyn CacheClock>,
}

impl Default for RemoteJwksBuilder {
    fn default() -> Self {
        RemoteJwksBuilder {
            max_age: Duration::from_secs(600),
            min_max_age: Duration::from_secs(60),
            max_max_age: Duration::from_secs(24 * 3600),
            cooldown: Duration::from_secs(30),
            max_stale: Duration::from_secs(24 * 3600),
            timeout: Duration::from_secs(5),
            body_limit: 1024 * 1024,
            clock: Arc::new(SystemCacheClock),
        }
    }
}

impl RemoteJwksBuilder {
    /// How long a fetched set is fresh when the response has no `Cache-Control:
    /// max-age` (default 10 minutes).
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = max_age;
        self
    }

    /// The bounds within which a response's `Cache-Control: max-age` is honoured
    /// (default 1 minute to 24 hours): a provider can neither make every request
    /// refetch nor pin a set for days. `no-cache` and `no-store` read as the minimum.
    pub fn cache_control_bounds(mut self, min: Duration, max: Duration) -> Self {
        self.min_max_age = min.min(max);
        self.max_max_age = max.max(min);
        self
    }

    /// The least time between two fetches caused by an unknown `kid`, and the wait
    /// after a failed fetch before the next try (default 30 s). Tokens naming keys that
    /// do not exist then cannot make the server hammer the provider.
    pub fn cooldown(mut self, cooldown: Duration) -> Self {
        self.cooldown = cooldown;
        self
    }

    /// How long past its freshness the last good set keeps serving while fetches fail
    /// (default 24 hours). After that, requests are answered 503 until a fetch succeeds.
    pub fn max_stale(mut self, max_stale: Duration) -> Self {
        self.max_stale = max_stale;
        self
    }

    /// The timeout of one fetch, connection included (default 5 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body read (default 1 MiB); a larger one is
    /// [`ErrorKind::LimitExceeded`].
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The clock for cache age and cooldown (default [`SystemCacheClock`]).
    pub fn clock(mut self, clock: impl CacheClock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// A remote set at `url`. Nothing is fetched yet: the first verification fetches
    /// (or call [`RemoteJwks::refresh`] at start-up to fail early).
    ///
    /// # Errors
    /// [`ErrorKind::InsecureUrl`] unless `url` is `https`, or `http` on a loopback address.
    pub fn build(self, url: &str) -> Result<RemoteJwks> {
        let url = fetch::check_url(url)?;
        let client = fetch::client(self.timeout)?;
        let epoch = self.clock.now();
        Ok(RemoteJwks {
            inner: Arc::new(Inner {
                url,
                client,
                epoch,
                settings: self,
                keys: SharedJwkSet::default(),
                refresh_at: AtomicU64::new(0),
                usable_until: AtomicU64::new(0),
                generation: AtomicU64::new(0),
                flight: tokio::sync::Mutex::new(Flight::default()),
                last_error: Mutex::new(None),
            }),
        })
    }
}

/// A JWK Set fetched from a URL and kept fresh, read by verifiers through a
/// [`SharedJwkSet`] snapshot.
///
/// - Fresh for [`max_age`](RemoteJwksBuilder::max_age) (10 minutes), or the response's
///   `Cache-Control: max-age` within [bounds](RemoteJwksBuilder::cache_control_bounds).
///   The first request after that fetches again; meanwhile other requests keep using
///   the current set.
/// - A token whose `kid` is not in the set causes one refetch, at most once per
///   [`cooldown`](RemoteJwksBuilder::cooldown) (30 s). Concurrent misses, and the
///   concurrent requests of a cold start, share one fetch (single flight).
/// - A failed fetch (connection, timeout, non-2xx, redirect, oversized or invalid body)
///   is logged and the last good set keeps serving for up to
///   [`max_stale`](RemoteJwksBuilder::max_stale) (24 hours) past its freshness; the
///   next try waits a cooldown.
/// - The set is read leniently ([`JwkSet::from_json_lenient`]): an entry that is broken
///   or of an unsupported type is skipped and logged, and the other keys are used.
///
/// Clones share the cache.
#[derive(Debug, Clone)]
pub struct RemoteJwks {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    url: Url,
    client: reqwest::Client,
    settings: RemoteJwksBuilder,
    /// Instants are kept as nanoseconds since this one, so that they fit atomics.
    epoch: Instant,
    keys: SharedJwkSet,
    /// Until then no refresh is tried (fresh, or backing off after a failure); 0: now.
    refresh_at: AtomicU64,
    /// Until then the set may serve (freshness plus the maximum stale age); 0: no set.
    usable_until: AtomicU64,
    /// Counts the sets stored, so that a request that waited for a fetch knows one
    /// happened.
    generation: AtomicU64,
    /// Held for the length of a fetch: one fetch at a time (single flight).
    flight: tokio::sync::Mutex<Flight>,
    last_error: Mutex<Option<Error>>,
}

#[derive(Debug, Default)]
struct Flight {
    last_fetch: Option<u64>,
}

/// Why a fetch happens, for the logs.
#[derive(Debug, Clone, Copy)]
enum Reason {
    NoSet,
    MaxAge,
    UnknownKid,
    Requested,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::NoSet => "no set yet",
            Reason::MaxAge => "max age reached",
            Reason::UnknownKid => "unknown kid",
            Reason::Requested => "requested",
        }
    }
}

impl RemoteJwks {
    /// The settings, with their defaults.
    pub fn builder() -> RemoteJwksBuilder {
        RemoteJwksBuilder::default()
    }

    /// The set's URL.
    pub fn url(&self) -> &str {
        self.inner.url.as_str()
    }

    /// The shared set verifiers read (empty until the first fetch).
    pub fn keys(&self) -> SharedJwkSet {
        self.inner.keys.clone()
    }

    /// A verifier builder on this set, with [`REMOTE_ALGORITHMS`] allowed.
    pub fn verifier_builder<C: Claims>(&self) -> VerifierBuilder<C> {
        Verifier::<C>::builder(self.keys()).algorithms(REMOTE_ALGORITHMS)
    }

    /// An [`Authenticator`](crate::Authenticator) on this set: `configure` adds the
    /// verifier's settings (audience, issuer, ...) to [`RemoteJwks::verifier_builder`].
    ///
    /// # Errors
    /// [`ErrorKind::Config`] when the verifier cannot be built.
    pub fn authenticator<C: Claims>(
        &self,
        configure: impl FnOnce(VerifierBuilder<C>) -> VerifierBuilder<C>,
    ) -> Result<crate::Authenticator<C>> {
        let verifier = configure(self.verifier_builder())
            .build()
            .map_err(|e| Error::config(&e))?;
        Ok(crate::Authenticator::new(verifier).with_remote(self.clone()))
    }

    /// Fetches now, whatever the cache says (single flight still applies): to fail
    /// early at start-up, or on an operator's request.
    ///
    /// # Errors
    /// The fetch's error; the current set, if any, keeps serving.
    pub async fn refresh(&self) -> Result<()> {
        let mut flight = self.inner.flight.lock().await;
        self.inner.fetch(&mut flight, Reason::Requested).await
    }

    /// Makes sure a set fresh enough to serve is there, fetching when it is due. The hot
    /// path is two atomic loads and a clock read.
    ///
    /// # Errors
    /// [`ErrorKind::KeysUnavailable`] when no set can serve.
    pub(crate) async fn ensure_fresh(&self) -> Result<()> {
        let inner = &*self.inner;
        let now = inner.now();
        let usable = now < inner.usable_until.load(Ordering::Acquire);
        if usable && now < inner.refresh_at.load(Ordering::Acquire) {
            return Ok(());
        }
        let mut flight = if usable {
            // Stale but usable: one request refreshes, the others go on with the set
            // they have instead of queueing behind the fetch.
            match inner.flight.try_lock() {
                Ok(flight) => flight,
                Err(_) => return Ok(()),
            }
        } else {
            inner.flight.lock().await
        };
        // Whoever held the lock before may have refreshed, or failed and backed off.
        let now = inner.now();
        if now >= inner.refresh_at.load(Ordering::Acquire) {
            let reason = if inner.usable_until.load(Ordering::Acquire) == 0 {
                Reason::NoSet
            } else {
                Reason::MaxAge
            };
            tracing::debug!(url = %inner.url, reason = reason.as_str(), "JWK Set refresh due");
            // A failure is logged in fetch and judged below by what can still serve.
            let _ = inner.fetch(&mut flight, reason).await;
        }
        drop(flight);
        inner.usable(inner.now())
    }

    /// The count of sets stored so far.
    pub(crate) fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::Acquire)
    }

    /// After a verification found no key for the token: refetches unless a fetch
    /// happened within the cooldown. True when the set changed since `seen` (the
    /// generation before the verification), so that verifying again may succeed.
    pub(crate) async fn refetch_for_unknown_kid(&self, seen: u64) -> bool {
        let inner = &*self.inner;
        let mut flight = inner.flight.lock().await;
        if inner.generation.load(Ordering::Acquire) != seen {
            tracing::debug!(url = %inner.url, decision = "retry", "JWK Set changed while waiting");
            return true;
        }
        let now = inner.now();
        let cooldown = nanos(inner.settings.cooldown);
        if let Some(last) = flight.last_fetch {
            if now < last.saturating_add(cooldown) {
                tracing::debug!(
                    url = %inner.url,
                    decision = "cooldown",
                    "unknown kid: no refetch within the cooldown"
                );
                return false;
            }
        }
        tracing::info!(url = %inner.url, decision = "refetch", "unknown kid: refetching the JWK Set");
        inner.fetch(&mut flight, Reason::UnknownKid).await.is_ok()
            && inner.generation.load(Ordering::Acquire) != seen
    }
}

/// The least wait before the next fetch after a failed one, whatever the cooldown.
const MIN_RETRY_AFTER_FAILURE: Duration = Duration::from_secs(1);

fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

impl Inner {
    fn now(&self) -> u64 {
        nanos(
            self.settings
                .clock
                .now()
                .saturating_duration_since(self.epoch),
        )
    }

    fn usable(&self, now: u64) -> Result<()> {
        if now < self.usable_until.load(Ordering::Acquire) {
            return Ok(());
        }
        let cause = self
            .last_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map_or_else(|| "no fetch yet".to_owned(), Error::to_string);
        Err(Error::new(
            ErrorKind::KeysUnavailable,
            format!("no usable JWK Set from {}: {cause}", self.url),
        ))
    }

    /// One fetch, under the flight lock. On success the set is stored and the cache
    /// times set; on failure the last good set stays and the next try waits a cooldown.
    async fn fetch(&self, flight: &mut Flight, reason: Reason) -> Result<()> {
        let started = self.now();
        flight.last_fetch = Some(started);
        let span = tracing::info_span!("jwks_fetch", url = %self.url, reason = reason.as_str());
        // Instrumented, not entered: an entered span must not live across an await.
        match self.get().instrument(span.clone()).await {
            Ok((set, fresh_for)) => {
                let _in_span = span.enter();
                for skipped in set.skipped() {
                    tracing::warn!(
                        index = skipped.index,
                        kid = skipped.kid.as_deref().map(crate::auth::bounded),
                        reason = skipped.reason.kind().as_str(),
                        "JWK Set entry skipped"
                    );
                }
                tracing::info!(
                    keys = set.keys().len(),
                    skipped = set.skipped().len(),
                    fresh_for_s = fresh_for.as_secs(),
                    "JWK Set fetched"
                );
                self.keys.store(set);
                let fresh_until = started.saturating_add(nanos(fresh_for));
                self.refresh_at.store(fresh_until, Ordering::Release);
                self.usable_until.store(
                    fresh_until.saturating_add(nanos(self.settings.max_stale)),
                    Ordering::Release,
                );
                self.generation.fetch_add(1, Ordering::AcqRel);
                *self.last_error.lock().unwrap_or_else(|p| p.into_inner()) = None;
                Ok(())
            }
            Err(error) => {
                let _in_span = span.enter();
                let serving_stale = started < self.usable_until.load(Ordering::Acquire);
                tracing::warn!(
                    error.kind = error.kind().as_str(),
                    error.message = error.message(),
                    serving_stale,
                    "JWK Set fetch failed"
                );
                // The next try waits the cooldown (at least a second, so a zero cooldown
                // does not refetch on every request while the provider is down), and a
                // failed refetch for an unknown kid does not cut a fresh set's life short.
                let retry_after = self.settings.cooldown.max(MIN_RETRY_AFTER_FAILURE);
                self.refresh_at
                    .fetch_max(started.saturating_add(nanos(retry_after)), Ordering::AcqRel);
                *self.last_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(error.clone());
                Err(error)
            }
        }
    }

    async fn get(&self) -> Result<(JwkSet, Duration)> {
        let (body, headers) = fetch::get(&self.client, &self.url, self.settings.body_limit).await?;
        let text = std::str::from_utf8(&body).map_err(|_| {
            Error::new(
                ErrorKind::InvalidDocument,
                format!("{}: the JWK Set is not UTF-8", self.url),
            )
        })?;
        let set = JwkSet::from_json_lenient(text)
            .map_err(|e| Error::new(ErrorKind::InvalidDocument, format!("{}: {e}", self.url)))?;
        // A set with no key this library can use (empty, or every entry skipped) is a
        // provider's mistake, not a rotation: the last good set keeps serving.
        if set.keys().is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidDocument,
                format!(
                    "{}: the JWK Set has no usable key ({} entries skipped)",
                    self.url,
                    set.skipped().len()
                ),
            ));
        }
        let settings = &self.settings;
        let fresh_for = fetch::max_age(&headers)
            .map(|seconds| {
                Duration::from_secs(seconds).clamp(settings.min_max_age, settings.max_max_age)
            })
            .unwrap_or(settings.max_age);
        Ok((set, fresh_for))
    }
}
