//! The ROCA fingerprint (CVE-2017-15361): RSA moduli made by Infineon's RSALib, whose
//! primes have the form `k·M + (65537^a mod M)` for a primorial `M`, can be factored.
//! Such a modulus is recognisable without factoring: modulo each small prime `p` below,
//! `n` lies in the subgroup that 65537 generates, which a random modulus does for all
//! of them with negligible probability (Nemec et al., "The Return of Coppersmith's
//! Attack", CCS 2017, §2.3).

/// The primes the published detection uses.
const PRIMES: [u32; 38] = [
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
];

/// The generator of the subgroup the vulnerable primes (and so their products) lie in.
const GENERATOR: u32 = 65537;

/// Whether the big-endian modulus `n` has the ROCA fingerprint.
pub(super) fn has_fingerprint(n: &[u8]) -> bool {
    PRIMES
        .iter()
        .all(|&p| generated_by_65537(p).contains(&remainder(n, p)))
}

/// `n mod p` for a big-endian `n`.
fn remainder(n: &[u8], p: u32) -> u32 {
    n.iter()
        .fold(0u32, |r, &byte| ((r << 8) | u32::from(byte)) % p)
}

/// The residues `65537^k mod p` for every `k`: the subgroup 65537 generates mod `p`.
fn generated_by_65537(p: u32) -> Vec<u32> {
    let g = GENERATOR % p;
    let mut members = vec![1];
    let mut x = g;
    while x != 1 {
        members.push(x);
        x = x * g % p;
    }
    members
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `65537^k` as big-endian bytes: a number in the subgroup modulo every prime, so it
    /// carries the fingerprint, and an odd one (65537 is odd).
    pub(crate) fn power_of_65537(k: u32) -> Vec<u8> {
        let mut little = vec![1u8];
        for _ in 0..k {
            let mut carry = 0u64;
            for digit in &mut little {
                let product = u64::from(*digit) * u64::from(GENERATOR) + carry;
                *digit = (product & 0xff) as u8;
                carry = product >> 8;
            }
            while carry > 0 {
                little.push((carry & 0xff) as u8);
                carry >>= 8;
            }
        }
        little.reverse();
        little
    }

    #[test]
    fn the_subgroups_match_the_published_masks() {
        // The detection tool's masks for the first primes: bit r set for each residue r.
        let mask = |p: u32| generated_by_65537(p).iter().fold(0u64, |m, r| m | 1 << r);
        assert_eq!(mask(3), 6);
        assert_eq!(mask(5), 30);
        assert_eq!(mask(7), 126);
        assert_eq!(mask(11), 1026);
        assert_eq!(mask(13), 5658);
        assert_eq!(mask(17), 107_286);
    }

    #[test]
    fn remainders_are_exact() {
        assert_eq!(remainder(&[0x01, 0x00], 7), 256 % 7);
        assert_eq!(
            remainder(&[0xff; 4], 167),
            (u64::from(u32::MAX) % 167) as u32
        );
    }

    #[test]
    fn fingerprinted_moduli_are_recognised_and_others_are_not() {
        let n = power_of_65537(128);
        assert!(has_fingerprint(&n));
        // One off, or twice it: no longer in every subgroup.
        let mut plus_two = n.clone();
        *plus_two.last_mut().unwrap() = plus_two.last().unwrap().wrapping_add(2);
        assert!(!has_fingerprint(&plus_two));
        assert!(!has_fingerprint(&[0xff; 256]));
    }
}
