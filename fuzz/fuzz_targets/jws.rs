//! JWS, compact and JSON (flattened and general): `JwsVerifier::verify` with the vector
//! keys and an allow-list of every signature algorithm, and tokens the harness signs
//! itself (HMAC over fuzzed header and payload bytes) so that the fuzzer reaches what
//! lies past the signature: `b64: false`, `crit`, detached payloads, JSON headers.
//!
//! Input: a mode byte, then parts separated by 0xFF (see `jwt_fuzz::parts`).
#![no_main]

use jwt_core::base64url;
use jwt_core::jws::{JwsVerifier, SignaturePolicy};
use jwt_core::SignatureAlgorithm;
use jwt_fuzz::{hmac_compact, hmac_jwk, hmac_sign, key_set, parts};
use libfuzzer_sys::fuzz_target;

fn verifier(policy_all: bool) -> JwsVerifier {
    let v = JwsVerifier::new(SignatureAlgorithm::ALL.iter().copied());
    if policy_all {
        v.with_policy(SignaturePolicy::All)
    } else {
        v
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let policy_all = mode & 0x80 != 0;
    let v = verifier(policy_all);
    match mode % 5 {
        // A token as received, in any serialization, against the vector keys; and
        // with a detached payload.
        0 => {
            let [token, detached] = parts(rest, 2)[..] else {
                return;
            };
            let Ok(token) = std::str::from_utf8(token) else {
                return;
            };
            let _ = v.verify(token, key_set());
            let _ = v.verify_detached(token, Some(detached), key_set());
        }
        // Compact, signed here: header bytes, payload bytes (base64url-encoded, or
        // as-is for `b64: false` when they are text), optionally detached.
        1 | 2 => {
            let [header, payload, _] = parts(rest, 3)[..] else {
                return;
            };
            let which = mode >> 3;
            let raw = mode % 5 == 2;
            let segment = if raw {
                match std::str::from_utf8(payload) {
                    Ok(text) => text.to_owned(),
                    Err(_) => return,
                }
            } else {
                base64url::encode(payload)
            };
            let token = hmac_compact(header, &segment, which);
            let _ = v.verify(&token, hmac_jwk());
            if let Some(detached) = token
                .split('.')
                .nth(2)
                .map(|sig| format!("{}..{sig}", token.split('.').next().unwrap_or_default()))
            {
                let _ = v.verify_detached(&detached, Some(payload), hmac_jwk());
            }
        }
        // Flattened JSON, signed here: protected header bytes, payload bytes and the
        // unprotected header as JSON text spliced in verbatim.
        3 => {
            let [header, payload, unprotected] = parts(rest, 3)[..] else {
                return;
            };
            let Ok(unprotected) = std::str::from_utf8(unprotected) else {
                return;
            };
            let protected = base64url::encode(header);
            let payload = base64url::encode(payload);
            let signature = base64url::encode(hmac_sign(
                format!("{protected}.{payload}").as_bytes(),
                mode >> 3,
            ));
            let header_member = if unprotected.is_empty() {
                String::new()
            } else {
                format!(r#","header":{unprotected}"#)
            };
            let token = format!(
                r#"{{"payload":"{payload}","protected":"{protected}"{header_member},"signature":"{signature}"}}"#
            );
            let _ = v.verify(&token, hmac_jwk());
        }
        // General JSON, signed here: two signatures with their own protected headers,
        // the second also carrying a spliced unprotected header.
        _ => {
            let [h1, h2, payload, unprotected] = parts(rest, 4)[..] else {
                return;
            };
            let Ok(unprotected) = std::str::from_utf8(unprotected) else {
                return;
            };
            let payload = base64url::encode(payload);
            let sig = |h: &[u8], which: u8| {
                let protected = base64url::encode(h);
                let s = hmac_sign(format!("{protected}.{payload}").as_bytes(), which);
                (protected, base64url::encode(s))
            };
            let (p1, s1) = sig(h1, mode >> 3);
            let (p2, s2) = sig(h2, mode >> 5);
            let header_member = if unprotected.is_empty() {
                String::new()
            } else {
                format!(r#","header":{unprotected}"#)
            };
            let token = format!(
                r#"{{"payload":"{payload}","signatures":[{{"protected":"{p1}","signature":"{s1}"}},{{"protected":"{p2}"{header_member},"signature":"{s2}"}}]}}"#
            );
            let _ = v.verify(&token, hmac_jwk());
        }
    }
});
