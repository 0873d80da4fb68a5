//! The dot-separated segments of a compact serialization (RFC 7515 §7.1, RFC 7516
//! §7.1), found in one vectorised pass, once per token (see bench/PROFILE_NOTES.md,
//! "Token splitting").

/// The first segments of a compact token and how many there are, counted up to six:
/// enough to tell a JWS (3) and a JWE (5) from anything else.
///
/// Kept as the token and the positions of its first dots, the segments cut when asked
/// for, never as an array of `&str` filled slot by slot and read back whole (see
/// bench/PROFILE_NOTES.md, "Store-forwarding stalls").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segments<'t> {
    token: &'t str,
    dots: [usize; 5],
    count: usize,
}

impl<'t> Segments<'t> {
    /// Splits `token` at its dots.
    pub(crate) fn of(token: &'t str) -> Self {
        let mut dots = [0; 5];
        let mut count = 1;
        for dot in memchr::memchr_iter(b'.', token.as_bytes()) {
            let Some(slot) = dots.get_mut(count - 1) else {
                return Segments {
                    token,
                    dots,
                    count: 6,
                };
            };
            *slot = dot;
            count += 1;
        }
        Segments { token, dots, count }
    }

    /// The number of segments, or 6 for six or more.
    pub(crate) fn count(&self) -> usize {
        self.count
    }

    /// Segment `i` (0-based) of a token with exactly `self.count` segments.
    fn segment(&self, i: usize) -> &'t str {
        let start = match i {
            0 => 0,
            _ => self.dots.get(i - 1).map_or(0, |dot| dot + 1),
        };
        let end = if i + 1 == self.count {
            self.token.len()
        } else {
            self.dots.get(i).copied().unwrap_or(self.token.len())
        };
        // Dots are ASCII, so both ends are character boundaries.
        self.token.get(start..end).unwrap_or_default()
    }

    /// The three segments of a JWS.
    pub(crate) fn jws(&self) -> Option<[&'t str; 3]> {
        (self.count == 3).then(|| [0, 1, 2].map(|i| self.segment(i)))
    }

    /// The five segments of a JWE.
    pub(crate) fn jwe(&self) -> Option<[&'t str; 5]> {
        (self.count == 5).then(|| [0, 1, 2, 3, 4].map(|i| self.segment(i)))
    }
}

/// The exact number of segments, for error messages.
pub(crate) fn count_all(token: &str) -> usize {
    memchr::memchr_iter(b'.', token.as_bytes()).count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_splits_like_str_split() {
        for token in [
            "",
            ".",
            "a",
            "a.b",
            "a.b.c",
            ".b.",
            "a..c",
            "a.b.c.d",
            "a.b.c.d.e",
            "....",
            "a.b.c.d.e.f",
            "a.b.c.d.e.f.g.h",
            "é.ü.ß",
        ] {
            let expected: Vec<&str> = token.split('.').collect();
            let segments = Segments::of(token);
            assert_eq!(segments.count(), expected.len().min(6), "{token:?}");
            assert_eq!(count_all(token), expected.len(), "{token:?}");
            assert_eq!(
                segments.jws().map(Vec::from),
                (expected.len() == 3).then(|| expected.clone()),
                "{token:?}"
            );
            assert_eq!(
                segments.jwe().map(Vec::from),
                (expected.len() == 5).then(|| expected.clone()),
                "{token:?}"
            );
        }
    }
}
