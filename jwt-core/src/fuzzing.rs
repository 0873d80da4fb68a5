//! Hooks for the fuzz targets in `fuzz/` (not a public API). Compiled only with
//! `--cfg fuzzing`, which the fuzz build sets (fuzz/README.md), and hidden from the
//! docs: no normal build, test or published crate contains this module.
//!
//! The one-pass claims parser and the quick scan are crate-private fast paths that must
//! never give another verdict or value than the strict path (the exact walk, then
//! serde_json). The differential hooks below run both paths on one input and panic on
//! any disagreement, so that a fuzzer finds inputs the randomized unit tests
//! (`strict_json/one_pass_differential.rs`) do not.

use crate::claims::{parse_verified, Claims, ClaimsScan};
use crate::error::Result;
use crate::limits::Limits;
use crate::strict_json::{self, one_pass, quick_scan};
use std::fmt::Debug;

/// Parses verified claim bytes `payload` into `C` as [`Verifier::verify`](crate::Verifier)
/// does, and checks the paths against each other:
///
/// - when the one-pass parser is sure, the strict path (the claims scan, then
///   serde_json) accepts the payload, gives an equal value and captures the same
///   registered claims;
/// - the combined path (fast, falling back to strict) gives the strict path's verdict,
///   value and error kind;
/// - when the quick scan accepts a payload serde_json can parse, the exact walk accepts
///   it too and captures the same registered claims (and the reverse).
///
/// Returns the combined path's result.
///
/// # Panics
/// On any disagreement: that is the finding.
pub fn claims_paths<C: Claims + PartialEq + Debug>(payload: &[u8], limits: &Limits) -> Result<C> {
    // The one pass alone.
    let mut fast_scan = ClaimsScan::default();
    let fast = fast_scan.parse::<C>(payload, limits);

    // The strict path alone: the scan (quick scan, exact walk when not sure), then serde.
    let strict_scan = ClaimsScan::of(payload, limits);
    let strict: Result<C> = match &strict_scan {
        Ok(_) => serde_json::from_slice::<C>(payload)
            .map_err(|e| crate::Error::malformed(format!("serde_json: {e}"))),
        Err(e) => Err(e.clone()),
    };

    if let Some(value) = &fast {
        match &strict {
            Ok(expected) => assert_eq!(value, expected, "one pass and strict path: values differ"),
            Err(e) => panic!("one pass accepted, strict path rejected: {e}"),
        }
        let strict_scan = strict_scan.as_ref().expect("strict scan accepted");
        assert_eq!(
            format!("{fast_scan:?}"),
            format!("{strict_scan:?}"),
            "one pass and strict scan captured different registered claims"
        );
    }

    // The quick scan against the exact walk, on JSON serde_json accepts.
    let exact = ClaimsScan::exact(payload, limits);
    if serde_json::from_slice::<serde::de::IgnoredAny>(payload).is_ok() {
        match (&strict_scan, &exact) {
            (Ok(quick), Ok(exact)) => assert_eq!(
                format!("{quick:?}"),
                format!("{exact:?}"),
                "quick scan and exact walk captured different registered claims"
            ),
            (Ok(_), Err(e)) => panic!("claims scan accepted, exact walk rejected: {e}"),
            (Err(e), Ok(_)) => panic!("claims scan rejected ({e}), exact walk accepted"),
            (Err(_), Err(_)) => {}
        }
    }

    // The path the verifier runs.
    let mut scan = ClaimsScan::default();
    let combined = parse_verified::<C>(payload, limits, &mut scan);
    match (&combined, &strict) {
        (Ok(got), Ok(expected)) => assert_eq!(got, expected, "verifier path: value differs"),
        (Ok(_), Err(e)) => panic!("verifier path accepted, strict path rejected: {e}"),
        (Err(e), Ok(_)) => panic!("verifier path rejected ({e}), strict path accepted"),
        (Err(got), Err(expected)) => {
            // Only the strict scan's own errors have a kind to compare; serde's are
            // described differently by the verifier path (it names the claim).
            if strict_scan.is_err() {
                assert_eq!(
                    got.kind(),
                    expected.kind(),
                    "verifier path: error kind differs"
                );
            }
        }
    }
    combined
}

/// The strict JSON object parser of headers and keys (quick scan or exact walk, then
/// serde_json) against the one-pass parser and the quick scan: when the one pass is sure,
/// the strict parser accepts and gives the same object; when the quick scan is sure of
/// JSON serde_json accepts, the exact walk accepts.
///
/// Returns the strict parser's result.
///
/// # Panics
/// On any disagreement.
pub fn json_object_paths(
    bytes: &[u8],
    max_depth: usize,
) -> Result<serde_json::Map<String, serde_json::Value>> {
    let strict = strict_json::parse_object(bytes, max_depth, usize::MAX);
    let text = std::str::from_utf8(bytes).ok();
    if let Some(value) = text.and_then(|t| one_pass::from_object::<serde_json::Value>(t, max_depth))
    {
        match &strict {
            Ok(map) => assert_eq!(
                &value,
                &serde_json::Value::Object(map.clone()),
                "one pass and strict parser: objects differ"
            ),
            Err(e) => panic!("one pass accepted, strict parser rejected: {e}"),
        }
    }
    if let Some(text) = text {
        let quick = quick_scan::check_object(text, max_depth).is_some();
        if quick && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
            if let Err(e) = strict_json::check(bytes, max_depth, usize::MAX) {
                panic!("quick scan accepted, exact walk rejected: {e}");
            }
        }
    }
    strict
}
