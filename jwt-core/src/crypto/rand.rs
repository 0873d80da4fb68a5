//! Randomness from the operating system, through aws-lc-rs.

use super::{CryptoError, CryptoResult, Zeroizing};
use aws_lc_rs::rand::{SecureRandom, SystemRandom};

/// Fills `out` with random bytes.
pub(crate) fn fill(out: &mut [u8]) -> CryptoResult<()> {
    SystemRandom::new().fill(out).map_err(|_| CryptoError)
}

/// Random bytes that are not secret (IVs, salts, `jti`).
pub(crate) fn bytes(len: usize) -> CryptoResult<Vec<u8>> {
    let mut out = vec![0u8; len];
    fill(&mut out)?;
    Ok(out)
}

/// Random secret bytes (CEKs, keys), zeroized on drop.
pub(crate) fn secret(len: usize) -> CryptoResult<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(vec![0u8; len]);
    fill(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_variation() {
        assert_eq!(bytes(0).unwrap().len(), 0);
        let a = bytes(32).unwrap();
        let b = secret(32).unwrap();
        assert_eq!((a.len(), b.len()), (32, 32));
        // 2^-256 chance of a false failure.
        assert_ne!(a.as_slice(), b.as_slice());
        let mut c = [0u8; 32];
        fill(&mut c).unwrap();
        assert_ne!(c, [0u8; 32]);
    }
}
