//! The claims parsers, differentially: the crate-private one-pass parser and quick scan
//! against the strict path (exact walk, then serde_json), through the `--cfg fuzzing`
//! hooks of `jwt_core::fuzzing`, which panic on any disagreement in verdict, value or
//! captured registered claims. Also the strict JSON object parser of headers and keys
//! against the one pass, and the public `claims::parse_object` / `parse_value`.
//!
//! Input: a mode byte (claim type, nesting depth limit), then the payload bytes.
#![no_main]

use jwt_core::fuzzing::{claims_paths, json_object_paths};
use jwt_core::{claims, Limits, RegisteredClaims};
use jwt_fuzz::AccessToken;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, payload)) = data.split_first() else {
        return;
    };
    let mut limits = Limits::DEFAULT;
    // Depths 1..=8 and the default, so that the depth bound is at work.
    let depth = usize::from(mode >> 4);
    if depth != 0 && depth <= 8 {
        limits.max_json_depth = depth;
    }
    match mode % 4 {
        0 => {
            let _ = claims_paths::<AccessToken>(payload, &limits);
        }
        1 => {
            let _ = claims_paths::<Map<String, Value>>(payload, &limits);
        }
        2 => {
            let _ = claims_paths::<RegisteredClaims>(payload, &limits);
        }
        _ => {
            let strict = json_object_paths(payload, limits.max_json_depth);
            let public = claims::parse_object(payload, &limits);
            assert_eq!(
                strict.is_ok(),
                public.is_ok(),
                "claims::parse_object and the strict object parser disagree"
            );
            let _ = claims::parse_value(payload, &limits);
        }
    }
});
