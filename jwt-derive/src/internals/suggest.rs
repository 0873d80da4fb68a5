//! "Did you mean" for unknown keys and claim names: a known alias first, else the nearest
//! candidate when it is close enough to be a typo.

use super::symbol::{AUD, EQ, EXPIRES_IN, GENERATE, ISS, LEN, NO_EXP, ONE_OF, RANGE, SUB, WITH};

/// Names people reach for that are spelled differently here. Too far from the key for
/// edit distance, so they are listed.
const ALIASES: &[(&str, &str)] = &[
    ("equals", EQ),
    ("equal", EQ),
    ("in", ONE_OF),
    ("any_of", ONE_OF),
    ("issuer", ISS),
    ("issuers", ISS),
    ("audience", AUD),
    ("audiences", AUD),
    ("subject", SUB),
    ("lifetime", EXPIRES_IN),
    ("ttl", EXPIRES_IN),
    ("exp", EXPIRES_IN),
    ("length", LEN),
    ("min_len", LEN),
    ("max_len", LEN),
    ("min", RANGE),
    ("max", RANGE),
    ("validate", WITH),
    ("check", WITH),
    ("issue", GENERATE),
    ("optional_exp", NO_EXP),
];

/// The candidate closest to `unknown`: a known alias, else the nearest by edit distance
/// when it is close enough to be a typo (ties go to the earlier candidate).
pub(crate) fn did_you_mean<'a>(unknown: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some((_, target)) = ALIASES.iter().find(|(alias, _)| *alias == unknown) {
        if let Some(found) = candidates.iter().find(|c| *c == target) {
            return Some(found);
        }
    }
    candidates
        .iter()
        .map(|c| (edit_distance(unknown, c), *c))
        .filter(|(d, c)| *d <= 2 && *d < unknown.len().max(c.len()) / 2 + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, with an adjacent swap counting as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, row);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::internals::symbol::{CONTAINER_KEYS, CONTAINS, FIELD_KEYS, MAX_AGE};

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("max_ages", CONTAINER_KEYS), Some(MAX_AGE));
        assert_eq!(did_you_mean("contain", FIELD_KEYS), Some(CONTAINS));
        assert_eq!(did_you_mean("oneof", FIELD_KEYS), Some(ONE_OF));
        assert_eq!(did_you_mean("ragne", FIELD_KEYS), Some(RANGE));
        assert_eq!(did_you_mean("audience", CONTAINER_KEYS), Some(AUD));
        assert_eq!(did_you_mean("banana", CONTAINER_KEYS), None);
        assert_eq!(did_you_mean("x", FIELD_KEYS), None);
    }

    #[test]
    fn a_swap_is_one_edit() {
        assert_eq!(edit_distance("jit", "jti"), 1);
        assert_eq!(edit_distance("iat", "nbf"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
