//! `Verifier::verify` end to end with a `#[derive(Claims)]` type (and
//! `RegisteredClaims`): signed, encrypted and nested tokens. Raw tokens go to all three
//! verifiers; tokens the harness signs (HS256 over fuzzed header and claims bytes)
//! and encrypts (`dir`, A256GCM) reach claims parsing and validation.
//!
//! Input: a mode byte, then parts separated by 0xFF (see `jwt_fuzz::parts`).
#![no_main]

use jwt_core::{
    Claims, ContentEncryptionAlgorithm, FixedClock, KeyManagementAlgorithm, NumericDate,
    RegisteredClaims, SignatureAlgorithm, Verifier,
};
use jwt_fuzz::{dir_compact, dir_jwk, hmac_compact, hmac_jwk, parts, AccessToken, NOW};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

struct Verifiers<C> {
    signed: Verifier<C>,
    encrypted: Verifier<C>,
    nested: Verifier<C>,
}

fn build<C: Claims>() -> Verifiers<C> {
    let clock = FixedClock(NumericDate::from_seconds(NOW));
    Verifiers {
        signed: Verifier::<C>::builder(hmac_jwk().clone())
            .algorithms([SignatureAlgorithm::HS256])
            .clock(clock)
            .build()
            .expect("signed verifier"),
        encrypted: Verifier::<C>::builder(dir_jwk().clone())
            .encrypted()
            .key_management([KeyManagementAlgorithm::Dir])
            .encryption([ContentEncryptionAlgorithm::A256Gcm])
            .clock(clock)
            .build()
            .expect("encrypted verifier"),
        nested: Verifier::<C>::builder(hmac_jwk().clone())
            .nested(dir_jwk().clone())
            .algorithms([SignatureAlgorithm::HS256])
            .key_management([KeyManagementAlgorithm::Dir])
            .encryption([ContentEncryptionAlgorithm::A256Gcm])
            .clock(clock)
            .build()
            .expect("nested verifier"),
    }
}

fn access() -> &'static Verifiers<AccessToken> {
    static V: OnceLock<Verifiers<AccessToken>> = OnceLock::new();
    V.get_or_init(build)
}

fn registered() -> &'static Verifiers<RegisteredClaims> {
    static V: OnceLock<Verifiers<RegisteredClaims>> = OnceLock::new();
    V.get_or_init(|| {
        let clock = FixedClock(NumericDate::from_seconds(NOW));
        Verifiers {
            signed: Verifier::builder(hmac_jwk().clone())
                .algorithms([SignatureAlgorithm::HS256])
                .issuer("https://id.example.com")
                .audience("orders-api")
                .clock(clock)
                .build()
                .expect("signed verifier"),
            ..build()
        }
    })
}

fn run<C: Claims>(v: &Verifiers<C>, mode: u8, rest: &[u8]) {
    match mode % 4 {
        0 => {
            let Ok(token) = std::str::from_utf8(rest) else {
                return;
            };
            let _ = v.signed.verify(token);
            let _ = v.encrypted.verify(token);
            let _ = v.nested.verify(token);
        }
        1 => {
            let [header, claims] = parts(rest, 2)[..] else {
                return;
            };
            let token = hmac_compact(header, &jwt_core::base64url::encode(claims), 0);
            let _ = v.signed.verify(&token);
        }
        2 => {
            let [header, claims] = parts(rest, 2)[..] else {
                return;
            };
            let _ = v.encrypted.verify(&dir_compact(header, claims));
        }
        _ => {
            let [header, claims, outer] = parts(rest, 3)[..] else {
                return;
            };
            let inner = hmac_compact(header, &jwt_core::base64url::encode(claims), 0);
            let outer: &[u8] = if outer.is_empty() {
                br#"{"alg":"dir","enc":"A256GCM","cty":"JWT"}"#
            } else {
                outer
            };
            let _ = v.nested.verify(&dir_compact(outer, inner.as_bytes()));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 0x80 == 0 {
        run(access(), mode, rest);
    } else {
        run(registered(), mode, rest);
    }
});
