//! [`KeySource`]: where a verifier or decrypter takes its keys from.

use crate::error::{Error, ErrorKind, Result};
use crate::jwa::KeyRequirement;
use crate::jwk::{Jwk, JwkSet, KeyOperation};

/// One key, or a set searched by `kid`. Every entry point that verifies or decrypts
/// takes `impl Into<KeySource>`, so `&Jwk` and `&JwkSet` both work.
#[derive(Debug, Clone, Copy)]
pub enum KeySource<'a> {
    /// A single key, used whatever the token's `kid` (unless both name different `kid`s).
    Key(&'a Jwk),
    /// A set: the token's `kid` selects exactly the keys with that `kid`; without one,
    /// the keys that fit the algorithm are tried, up to [`Limits::max_keys_tried`](crate::Limits).
    Set(&'a JwkSet),
}

impl<'a> From<&'a Jwk> for KeySource<'a> {
    fn from(key: &'a Jwk) -> Self {
        KeySource::Key(key)
    }
}

impl<'a> From<&'a JwkSet> for KeySource<'a> {
    fn from(set: &'a JwkSet) -> Self {
        KeySource::Set(set)
    }
}

impl<'a> KeySource<'a> {
    /// The keys to try for one signature or recipient, each already authorized for
    /// `alg_name` and `op`.
    pub(crate) fn candidates(
        &self,
        kid: Option<&str>,
        alg_name: &str,
        requirement: KeyRequirement,
        op: KeyOperation,
        max: usize,
    ) -> Result<Candidates<'a>> {
        match *self {
            KeySource::Key(key) => {
                if let (Some(wanted), Some(have)) = (kid, key.kid()) {
                    if wanted != have {
                        return Err(Error::new(
                            ErrorKind::KeyNotFound,
                            format!("the token names kid {wanted:?} but the key has kid {have:?}"),
                        ));
                    }
                }
                key.authorize(alg_name, requirement, op)?;
                Ok(Candidates::one(key))
            }
            KeySource::Set(set) => set.candidates(kid, alg_name, requirement, op, max),
        }
    }
}

/// The keys to try, in order. One key (a single key, or a set's key named by `kid`:
/// every verification on the usual path) is carried without a heap allocation.
#[derive(Debug)]
pub(crate) enum Candidates<'a> {
    /// One key.
    One(std::option::IntoIter<&'a Jwk>),
    /// Several keys of a set.
    Several(std::vec::IntoIter<&'a Jwk>),
}

impl<'a> Candidates<'a> {
    pub(crate) fn one(key: &'a Jwk) -> Self {
        Candidates::One(Some(key).into_iter())
    }

    pub(crate) fn several(keys: Vec<&'a Jwk>) -> Self {
        Candidates::Several(keys.into_iter())
    }
}

impl<'a> Iterator for Candidates<'a> {
    type Item = &'a Jwk;

    fn next(&mut self) -> Option<&'a Jwk> {
        match self {
            Candidates::One(key) => key.next(),
            Candidates::Several(keys) => keys.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Candidates::One(key) => key.size_hint(),
            Candidates::Several(keys) => keys.size_hint(),
        }
    }
}
