//! JWE, compact and JSON: `JweDecrypter::decrypt` with the vector keys and every
//! algorithm allowed, and tokens the harness encrypts itself (`dir`, A256GCM, over
//! fuzzed header and content bytes) so that the fuzzer reaches what lies past the
//! authentication tag: `zip` (the content bytes are then the compressed stream, so the
//! inflater and its limit see arbitrary DEFLATE), `crit`, shared and per-recipient
//! headers, AAD.
//!
//! Input: a mode byte, then parts separated by 0xFF (see `jwt_fuzz::parts`).
#![no_main]

use jwt_core::jwe::JweDecrypter;
use jwt_core::{base64url, ContentEncryptionAlgorithm, KeyManagementAlgorithm, Limits};
use jwt_fuzz::{a256gcm, dir_compact, dir_jwk, key_set, parts};
use libfuzzer_sys::fuzz_target;

fn decrypter() -> JweDecrypter {
    // Cheap PBES2: the default bound lets one input cost 8192 iterations per try.
    let mut limits = Limits::DEFAULT;
    limits.max_pbes2_iterations = 8_192;
    limits.max_inflated_bytes = 1 << 20;
    JweDecrypter::new(
        KeyManagementAlgorithm::ALL.iter().copied(),
        ContentEncryptionAlgorithm::ALL.iter().copied(),
    )
    .with_limits(limits)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let d = decrypter();
    match mode % 3 {
        // A token as received, in any serialization, against the vector keys.
        0 => {
            let Ok(token) = std::str::from_utf8(rest) else {
                return;
            };
            let _ = d.decrypt(token, key_set());
        }
        // Compact, encrypted here: protected header bytes and content bytes.
        1 => {
            let [header, content] = parts(rest, 2)[..] else {
                return;
            };
            let token = dir_compact(header, content);
            let _ = d.decrypt(&token, dir_jwk());
        }
        // JSON, encrypted here: protected header bytes, content bytes, the shared
        // unprotected header and the recipient header as JSON text spliced in
        // verbatim, and AAD bytes.
        _ => {
            let [header, content, shared, recipient, aad] = parts(rest, 5)[..] else {
                return;
            };
            let (Ok(shared), Ok(recipient)) =
                (std::str::from_utf8(shared), std::str::from_utf8(recipient))
            else {
                return;
            };
            let protected = base64url::encode(header);
            let aad_b64 = base64url::encode(aad);
            let full_aad = if aad.is_empty() {
                protected.clone()
            } else {
                format!("{protected}.{aad_b64}")
            };
            let (iv, ciphertext, tag) = a256gcm(content, full_aad.as_bytes());
            let mut members = vec![format!(r#""protected":"{protected}""#)];
            if !shared.is_empty() {
                members.push(format!(r#""unprotected":{shared}"#));
            }
            if !aad.is_empty() {
                members.push(format!(r#""aad":"{aad_b64}""#));
            }
            members.push(format!(r#""iv":"{}""#, base64url::encode(iv)));
            members.push(format!(
                r#""ciphertext":"{}""#,
                base64url::encode(ciphertext)
            ));
            members.push(format!(r#""tag":"{}""#, base64url::encode(tag)));
            let recipient = if recipient.is_empty() {
                "{}"
            } else {
                recipient
            };
            if mode & 0x80 != 0 {
                members.push(format!(r#""recipients":[{{"header":{recipient}}}]"#));
            } else {
                members.push(format!(r#""header":{recipient}"#));
            }
            let token = format!("{{{}}}", members.join(","));
            let _ = d.decrypt(&token, dir_jwk());
        }
    }
});
