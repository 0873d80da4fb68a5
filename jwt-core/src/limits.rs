//! [`Limits`]: the size and cost bounds applied to untrusted input.
//!
//! Every bound is checked before the work it protects (a PBES2 count before any key
//! derivation, a token's length before decoding it). Exceeding one is
//! [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded).

use crate::error::{Error, ErrorKind, Result};

/// Bounds on untrusted input. `Limits::default()` is safe for web tokens; each field
/// can be changed per verifier or per call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Longest token accepted, in bytes (whole serialization). Default 16 KiB: twice
    /// what common web servers accept in one request header line (8 KiB in nginx and
    /// Apache), and the bound on what a hostile HMAC token costs to refuse (the
    /// security chapter's cost table). Raise it for tokens read from elsewhere.
    pub max_token_bytes: usize,
    /// Longest decoded header accepted (protected, unprotected, per-recipient), in
    /// bytes. Default 2 KiB.
    pub max_header_bytes: usize,
    /// Deepest JSON nesting accepted in headers and claims. Default 32.
    pub max_json_depth: usize,
    /// Most JWS signatures examined in one JSON serialization. Default 1: a general
    /// JWS with several signatures is accepted only when this is raised, since each
    /// signature is checked against up to [`max_keys_tried`](Limits::max_keys_tried)
    /// keys over the whole payload.
    pub max_signatures: usize,
    /// Most JWE recipients examined in one JSON serialization. Default 16.
    pub max_recipients: usize,
    /// Most keys tried for one signature or recipient when the token names no `kid`. Default 4.
    pub max_keys_tried: usize,
    /// Highest PBES2 iteration count (`p2c`) accepted when decrypting. Default 16,384.
    pub max_pbes2_iterations: u32,
    /// Lowest PBES2 iteration count accepted when decrypting. Default 1,000.
    pub min_pbes2_iterations: u32,
    /// Shortest PBES2 salt (`p2s`) accepted, in bytes. Default 8.
    pub min_pbes2_salt_bytes: usize,
    /// Largest plaintext a `zip: DEF` payload may inflate to, in bytes. Default 1 MiB.
    pub max_inflated_bytes: usize,
    /// Most costly key operations spent on one JWE: PBES2 key derivations, RSA
    /// private-key decryptions (RSA-OAEP*, RSA1_5) and ECDH key agreements, counted
    /// over all recipients and all keys tried. Default 4.
    ///
    /// The other bounds apply per recipient or per key, so without this one a JWE
    /// with 16 PBES2 recipients and no `kid`, against a set of 4 passwords, costs 64
    /// derivations at the highest `p2c`. The default equals [`max_keys_tried`]: a
    /// recipient without a `kid` can still be tried against every key a set offers,
    /// and a token naming its key needs one operation. Raise it to decrypt JSON
    /// serializations whose own recipient comes after several others with costly
    /// algorithms (a `kid` on each recipient avoids that: others' keys are not tried).
    ///
    /// Each operation is counted before it runs, whatever its outcome, so the count
    /// reveals nothing about a key or an RSA padding.
    ///
    /// [`max_keys_tried`]: Limits::max_keys_tried
    pub max_costly_operations: usize,
}

impl Limits {
    /// The defaults as a constant.
    pub const DEFAULT: Limits = Limits {
        max_token_bytes: 16 * 1024,
        max_header_bytes: 2 * 1024,
        max_json_depth: 32,
        max_signatures: 1,
        max_recipients: 16,
        max_keys_tried: 4,
        max_pbes2_iterations: 16_384,
        min_pbes2_iterations: 1_000,
        min_pbes2_salt_bytes: 8,
        max_inflated_bytes: 1024 * 1024,
        max_costly_operations: 4,
    };

    /// The PBES2 iteration count used when encrypting.
    pub const DEFAULT_PBES2_ITERATIONS: u32 = 8_192;

    /// Fails with `limit_exceeded` when `found` is above `max`; `what` names the bound.
    pub(crate) fn check_at_most(what: &str, found: usize, max: usize) -> Result<()> {
        if found > max {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!("{what} is {found}, above the limit of {max}"),
            ));
        }
        Ok(())
    }
}

#[cfg_attr(not(feature = "jwe"), allow(dead_code))] // used by JWE (and tested without it)
/// What is left of [`Limits::max_costly_operations`] while one token is processed.
#[derive(Debug)]
pub(crate) struct CostBudget {
    max: usize,
    spent: usize,
    exhausted: bool,
}

#[cfg_attr(not(feature = "jwe"), allow(dead_code))] // used by JWE (and tested without it)
impl CostBudget {
    /// A full budget for one token.
    pub(crate) fn new(limits: &Limits) -> Self {
        CostBudget {
            max: limits.max_costly_operations,
            spent: 0,
            exhausted: false,
        }
    }

    /// Takes one operation from the budget before `what` runs; fails with
    /// `limit_exceeded` when none is left.
    pub(crate) fn spend(&mut self, what: &str) -> Result<()> {
        if self.spent >= self.max {
            self.exhausted = true;
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "{what} would be costly key operation {} for this token, above the \
                     limit of {} (PBES2 derivations, RSA decryptions and ECDH agreements \
                     over all recipients and keys)",
                    self.spent + 1,
                    self.max
                ),
            ));
        }
        self.spent += 1;
        Ok(())
    }

    /// Whether a spend was refused: the token is then abandoned, not tried further.
    pub(crate) fn is_exhausted(&self) -> bool {
        self.exhausted
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_at_most_is_inclusive() {
        assert!(Limits::check_at_most("token length", 10, 10).is_ok());
        let err = Limits::check_at_most("token length", 11, 10).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::LimitExceeded);
        assert!(err.message().contains("token length is 11"));
    }

    #[test]
    fn cost_budget_allows_exactly_the_limit() {
        let limits = Limits {
            max_costly_operations: 2,
            ..Limits::default()
        };
        let mut budget = CostBudget::new(&limits);
        budget.spend("PBES2").unwrap();
        budget.spend("PBES2").unwrap();
        assert!(!budget.is_exhausted());
        let err = budget.spend("RSA-OAEP").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::LimitExceeded);
        assert!(err.message().contains("limit of 2"), "{err}");
        assert!(budget.is_exhausted());
        let none = Limits {
            max_costly_operations: 0,
            ..Limits::default()
        };
        assert!(CostBudget::new(&none).spend("ECDH-ES").is_err());
    }
}
