//! The one source of randomness of the tests: a small deterministic generator for
//! reproducible streams (mutations, generated inputs), unpredictable bytes where a test
//! needs values that differ from run to run (passwords, IVs of forged tokens), and the
//! generated keys that are too slow to make more than once per test binary.

use jwt_core::Jwk;
use std::hash::{BuildHasher, RandomState};
use std::sync::OnceLock;

/// xorshift64*: deterministic, so a failure reproduces from its seed. Not for secrets.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The stream of `seed` (a zero seed, which xorshift cannot leave, is replaced).
    pub fn seeded(seed: u64) -> Rng {
        Rng(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    /// A stream that differs from run to run (seeded by the standard library's
    /// per-process hash keys).
    pub fn unpredictable() -> Rng {
        Rng::seeded(RandomState::new().hash_one(std::time::Instant::now()))
    }

    /// The next 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// `len` bytes of the stream.
    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64() as u8).collect()
    }
}

/// `len` bytes that differ from run to run.
pub fn bytes(len: usize) -> Vec<u8> {
    Rng::unpredictable().bytes(len)
}

/// One 2048-bit RSA private key per test binary: generating is slow in debug builds.
pub fn rsa_key() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| Jwk::generate_rsa(2048).expect("a 2048-bit RSA key generates"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_one_stream() {
        let (mut a, mut b) = (Rng::seeded(7), Rng::seeded(7));
        let first: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        assert_eq!(first, (0..4).map(|_| b.next_u64()).collect::<Vec<_>>());
        assert_ne!(first[0], first[1]);
        assert_ne!(Rng::seeded(0).next_u64(), 0, "a zero seed still moves");
        assert!((0..100).all(|_| a.below(3) < 3));
        assert_eq!(a.below(0), 0);
    }

    #[test]
    fn unpredictable_bytes_differ() {
        assert_eq!(bytes(16).len(), 16);
        assert_ne!(bytes(16), bytes(16));
    }
}
