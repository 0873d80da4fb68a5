//! JWK and JWK Set (JSON): `Jwk::from_json` and `JwkSet::from_json`; a key that imports
//! must export (`to_json`, `public`) to JSON that imports again, and have thumbprints.
#![no_main]

use jwt_core::{Jwk, JwkSet, ThumbprintHash};
use libfuzzer_sys::fuzz_target;

fn exercise(key: &Jwk) {
    let again = Jwk::from_json(&key.to_json());
    assert!(
        again.is_ok(),
        "exported key does not import: {:?}",
        again.err()
    );
    let _ = key.thumbprint(ThumbprintHash::Sha256);
    if let Ok(public) = key.public() {
        let again = Jwk::from_json(&public.to_json());
        assert!(
            again.is_ok(),
            "exported public key does not import: {:?}",
            again.err()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(key) = Jwk::from_json(text) {
        exercise(&key);
    }
    if let Ok(set) = JwkSet::from_json(text) {
        for key in set.keys() {
            exercise(key);
        }
        let again = JwkSet::from_json(&set.to_json());
        assert!(
            again.is_ok(),
            "exported set does not import: {:?}",
            again.err()
        );
        let _ = set.find("1");
        let _ = set.public();
    }
});
