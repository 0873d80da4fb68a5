//! PEM and DER key import: `Jwk::from_pem` and `Jwk::from_der`; a key that imports must
//! export to PEM (private and public, where it has them) that imports again.
//!
//! Input: a mode byte (even: PEM text, odd: DER bytes), then the bytes.
#![no_main]

use jwt_core::Jwk;
use libfuzzer_sys::fuzz_target;

fn exercise(key: &Jwk) {
    if let Ok(pem) = key.to_pem() {
        let again = Jwk::from_pem(&pem);
        assert!(
            again.is_ok(),
            "exported PEM does not import: {:?}",
            again.err()
        );
    }
    if let Ok(pem) = key.to_public_pem() {
        let again = Jwk::from_pem(&pem);
        assert!(
            again.is_ok(),
            "exported public PEM does not import: {:?}",
            again.err()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let imported = if mode % 2 == 0 {
        match std::str::from_utf8(rest) {
            Ok(text) => Jwk::from_pem(text),
            Err(_) => return,
        }
    } else {
        Jwk::from_der(rest)
    };
    if let Ok(key) = imported {
        exercise(&key);
    }
});
