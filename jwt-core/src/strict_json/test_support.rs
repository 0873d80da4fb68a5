//! What the tests of the byte scan, the one-pass parser and their differential suite
//! share: the typed members, and the exact walk and the one pass as they capture.

use super::{one_pass, Capture, Captured};
use crate::ErrorKind;
use serde::Deserialize;
use std::borrow::Cow;

/// The registered claims' JSON types, as the claims check uses them.
pub(super) use crate::claims::registered_member_type as member_type;

/// Captured members, in order.
pub(super) type Seen<'a> = Vec<(String, Captured<'a>)>;

/// Every capture in order, in the form the exact walk hands them over.
struct Recorder<'a>(Seen<'a>);

impl<'a> Capture<'a> for Recorder<'a> {
    fn string(&mut self, name: &str, value: &'a str) {
        self.value(name, Captured::Str(Cow::Borrowed(value)));
    }
    fn integer(&mut self, name: &str, value: i64) {
        self.value(name, Captured::Int(value));
    }
    fn value(&mut self, name: &str, value: Captured<'a>) {
        self.0.push((name.to_owned(), value));
    }
}

/// The exact walk's verdict and captures.
pub(super) fn exact_walk(text: &[u8], depth: usize) -> Result<Seen<'_>, ErrorKind> {
    let mut seen = Vec::new();
    super::check_object_typed(text, depth, usize::MAX, member_type, &mut |n, v| {
        seen.push((n.to_owned(), v))
    })
    .map(|()| seen)
    .map_err(|e| e.kind())
}

/// The one-pass parser's value and captures, when it is sure.
pub(super) fn one_pass<'a, T: Deserialize<'a>>(
    text: &'a str,
    depth: usize,
) -> Option<(T, Seen<'a>)> {
    let mut seen = Recorder(Vec::new());
    let value = one_pass::from_object_typed(text, depth, member_type, &mut seen)?;
    Some((value, seen.0))
}
