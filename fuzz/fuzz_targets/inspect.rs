//! The unverified reads of `jwt_core::dangerous`: `inspect` (any serialization),
//! `peek_header`, `peek_claims` and `unsecured::decode`.
#![no_main]

use jwt_core::dangerous::{self, unsecured, Inspection};
use jwt_core::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(token) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(inspection) = dangerous::inspect(token) {
        let _ = inspection.serialization();
        match &inspection {
            Inspection::Jws(jws) => {
                let _ = jws.payload_json();
                for signature in jws.signatures() {
                    let _ = (signature.protected(), signature.unprotected());
                }
            }
            Inspection::Jwe(jwe) => {
                for recipient in jwe.recipients() {
                    let _ = recipient.header();
                }
            }
            _ => {}
        }
    }
    let _ = dangerous::peek_header(token);
    let _ = dangerous::peek_claims(token);
    let _ = unsecured::decode(token, &Limits::DEFAULT);
});
