//! What the fuzz targets share: fixed keys (from the repository's RFC vectors, so
//! that the seed tokens verify and decrypt and the fuzzer starts past the
//! cryptography), the fixed symmetric keys the targets sign and encrypt their own
//! tokens with, and the claim type of the differential and verifier targets.

use aws_lc_rs::{aead, hmac};
use jwt_core::{base64url, Audience, Claims, Jwk, JwkSet, NumericDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::OnceLock;

/// The vector files whose keys the targets verify and decrypt with.
const VECTOR_FILES: &[&str] = &[
    include_str!("../../tests/vectors/rfc/rfc7515_appendix_a.json"),
    include_str!("../../tests/vectors/rfc/rfc7516_appendix_a.json"),
    include_str!("../../tests/vectors/rfc/rfc7517_appendix_a_b.json"),
    include_str!("../../tests/vectors/rfc/rfc7517_appendix_c.json"),
    include_str!("../../tests/vectors/rfc/rfc7518_appendix_c.json"),
    include_str!("../../tests/vectors/rfc/rfc7519_examples.json"),
    include_str!("../../tests/vectors/rfc/rfc7797_section_4.json"),
    include_str!("../../tests/vectors/rfc/rfc8037_appendix_a.json"),
    include_str!("../../tests/vectors/rfc7520/jws/4_1.rsa_v15_signature.json"),
    include_str!("../../tests/vectors/rfc7520/jws/4_2.rsa-pss_signature.json"),
    include_str!("../../tests/vectors/rfc7520/jws/4_3.ecdsa_signature.json"),
    include_str!("../../tests/vectors/rfc7520/jws/4_4.hmac-sha2_integrity_protection.json"),
    include_str!("../../tests/vectors/rfc7520/jwe/5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json"),
    include_str!("../../tests/vectors/rfc7520/jwe/5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json"),
    include_str!("../../tests/vectors/rfc7520/jwe/5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json"),
    include_str!("../../tests/vectors/rfc7520/jwe/5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json"),
    include_str!("../../tests/vectors/rfc7520/jwe/5_6.direct_encryption_using_aes-gcm.json"),
    include_str!("../../tests/vectors/rfc7520/jwe/5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json"),
    include_str!("../../tests/vectors/rfc7520/jwe/5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json"),
    include_str!("../../tests/vectors/rfc7520/curve25519/jws.json"),
    include_str!("../../tests/vectors/rfc7520/curve25519/ecdh-es.json"),
];

/// Every key object (`kty` present) in the vector files that imports, once each.
fn vector_keys() -> Vec<Jwk> {
    fn walk(value: &Value, out: &mut Vec<Value>) {
        match value {
            Value::Object(map) => {
                if map.contains_key("kty") && !out.contains(value) {
                    out.push(value.clone());
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut objects = Vec::new();
    for text in VECTOR_FILES {
        walk(
            &serde_json::from_str(text).expect("vector JSON"),
            &mut objects,
        );
    }
    objects
        .iter()
        .filter_map(|v| Jwk::from_value(v).ok())
        .collect()
}

/// The vector keys as one set: what raw tokens are verified and decrypted with.
pub fn key_set() -> &'static JwkSet {
    static SET: OnceLock<JwkSet> = OnceLock::new();
    SET.get_or_init(|| JwkSet::new(vector_keys()))
}

/// The 64-byte HMAC key the targets sign their own tokens with (every HS algorithm).
pub const HMAC_KEY: [u8; 64] = [0x4b; 64];
/// The 32-byte `dir` key the targets encrypt their own tokens with (A256GCM).
pub const DIR_KEY: [u8; 32] = [0x5a; 32];

fn oct(bytes: &[u8]) -> Jwk {
    let json = format!(r#"{{"kty":"oct","k":"{}"}}"#, base64url::encode(bytes));
    Jwk::from_json(&json).expect("oct key")
}

/// [`HMAC_KEY`] as a JWK (no `alg`: the allow-list decides).
pub fn hmac_jwk() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| oct(&HMAC_KEY))
}

/// [`DIR_KEY`] as a JWK.
pub fn dir_jwk() -> &'static Jwk {
    static KEY: OnceLock<Jwk> = OnceLock::new();
    KEY.get_or_init(|| oct(&DIR_KEY))
}

/// Splits a fuzz input into its parts at 0xFF bytes (never in UTF-8 text, so JSON and
/// tokens stay whole), at most `n` parts; missing parts are empty.
pub fn parts(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = data.splitn(n, |b| *b == 0xFF).collect();
    out.resize(n, &[]);
    out
}

/// A compact JWS over the given header and payload segment texts, its HMAC computed by
/// the harness (HS256, HS384 or HS512 by `which`) with [`HMAC_KEY`]. The payload segment
/// is used as given: base64url for a normal JWS, the raw payload for `b64: false`.
pub fn hmac_compact(header_json: &[u8], payload_segment: &str, which: u8) -> String {
    let signing_input = format!("{}.{}", base64url::encode(header_json), payload_segment);
    let signature = hmac_sign(signing_input.as_bytes(), which);
    format!("{signing_input}.{}", base64url::encode(signature))
}

/// The HMAC of `input` with [`HMAC_KEY`]: SHA-256, -384 or -512 by `which % 3`.
pub fn hmac_sign(input: &[u8], which: u8) -> Vec<u8> {
    let alg = match which % 3 {
        0 => hmac::HMAC_SHA256,
        1 => hmac::HMAC_SHA384,
        _ => hmac::HMAC_SHA512,
    };
    hmac::sign(&hmac::Key::new(alg, &HMAC_KEY), input)
        .as_ref()
        .to_vec()
}

/// AES-256-GCM under [`DIR_KEY`] with a fixed IV: (iv, ciphertext, tag).
pub fn a256gcm(plaintext: &[u8], aad: &[u8]) -> ([u8; 12], Vec<u8>, Vec<u8>) {
    let iv = [7u8; 12];
    let key = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_256_GCM, &DIR_KEY).unwrap());
    let mut buffer = plaintext.to_vec();
    let tag = key
        .seal_in_place_separate_tag(
            aead::Nonce::assume_unique_for_key(iv),
            aead::Aad::from(aad),
            &mut buffer,
        )
        .unwrap();
    (iv, buffer, tag.as_ref().to_vec())
}

/// A compact JWE with the given protected header, its content the given bytes under
/// AES-256-GCM with [`DIR_KEY`] (the header should say `dir` and `A256GCM`; with `zip`
/// the bytes are taken as the compressed form, so the inflater sees them as given).
pub fn dir_compact(header_json: &[u8], content: &[u8]) -> String {
    let protected = base64url::encode(header_json);
    let (iv, ciphertext, tag) = a256gcm(content, protected.as_bytes());
    format!(
        "{protected}..{}.{}.{}",
        base64url::encode(iv),
        base64url::encode(ciphertext),
        base64url::encode(tag)
    )
}

/// A role, checked by value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything.
    Admin,
    /// Orders only.
    Clerk,
}

/// A nested claim object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    /// Its id.
    pub id: u64,
    /// Its name.
    pub name: Option<String>,
    /// Free-form members.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// The claim type of the differential and verifier targets: registered claims of every
/// kind, value rules, enums, a nested object, numbers, booleans and free JSON.
#[derive(Debug, Clone, PartialEq, Claims, Serialize, Deserialize)]
#[claims(
    typ = "at+jwt",
    iss = "https://id.example.com",
    aud = "orders-api",
    leeway = 30
)]
pub struct AccessToken {
    /// Issuer.
    pub iss: String,
    /// Subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    /// Audience.
    pub aud: Audience,
    /// Expiry.
    pub exp: NumericDate,
    /// Issued at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iat: Option<NumericDate>,
    /// Not before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nbf: Option<NumericDate>,
    /// Token id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
    /// A role.
    pub role: Role,
    /// Scopes.
    #[claim(contains_all = ["orders:read"])]
    #[serde(default)]
    pub scopes: Vec<String>,
    /// A bounded number.
    #[claim(range = 1..=999_999)]
    pub tenant_id: u64,
    /// A nested object.
    pub tenant: Option<Tenant>,
    /// A flag.
    #[serde(default)]
    pub admin: bool,
    /// A signed number.
    pub score: Option<i64>,
    /// A float.
    pub ratio: Option<f64>,
    /// Anything.
    pub extra: Option<Value>,
}

/// The time the verifier targets check tokens at.
pub const NOW: i64 = 1_700_000_000;

/// The harness's own tokens must pass, or the targets stop at the signature or tag.
#[cfg(test)]
mod tests {
    use super::*;
    use jwt_core::jwe::JweDecrypter;
    use jwt_core::jws::JwsVerifier;
    use jwt_core::{
        ContentEncryptionAlgorithm, FixedClock, KeyManagementAlgorithm, SignatureAlgorithm,
        Verifier,
    };

    const CLAIMS: &str = r#"{"iss":"https://id.example.com","sub":"alice","aud":"orders-api","exp":1700000900,"iat":1699999990,"role":"admin","scopes":["orders:read"],"tenant_id":42}"#;

    #[test]
    fn harness_tokens_verify_and_decrypt() {
        let jws = JwsVerifier::new(SignatureAlgorithm::ALL.iter().copied());
        for (which, alg) in ["HS256", "HS384", "HS512"].iter().enumerate() {
            let header = format!(r#"{{"alg":"{alg}"}}"#);
            let token = hmac_compact(header.as_bytes(), &base64url::encode("x"), which as u8);
            assert_eq!(jws.verify(&token, hmac_jwk()).unwrap().payload(), b"x");
        }
        let token = hmac_compact(br#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, "$02", 0);
        assert_eq!(jws.verify(&token, hmac_jwk()).unwrap().payload(), b"$02");

        let jwe = JweDecrypter::new(
            KeyManagementAlgorithm::ALL.iter().copied(),
            ContentEncryptionAlgorithm::ALL.iter().copied(),
        );
        let token = dir_compact(br#"{"alg":"dir","enc":"A256GCM"}"#, b"hello");
        assert_eq!(
            jwe.decrypt(&token, dir_jwk()).unwrap().plaintext(),
            b"hello"
        );
        // "hello" as raw DEFLATE (stored block).
        let stored = [1, 5, 0, 0xfa, 0xff, b'h', b'e', b'l', b'l', b'o'];
        let token = dir_compact(br#"{"alg":"dir","enc":"A256GCM","zip":"DEF"}"#, &stored);
        assert_eq!(
            jwe.decrypt(&token, dir_jwk()).unwrap().plaintext(),
            b"hello"
        );

        let clock = FixedClock(NumericDate::from_seconds(NOW));
        let signed = Verifier::<AccessToken>::builder(hmac_jwk().clone())
            .algorithms([SignatureAlgorithm::HS256])
            .clock(clock)
            .build()
            .unwrap();
        let token = hmac_compact(
            br#"{"alg":"HS256","typ":"at+jwt"}"#,
            &base64url::encode(CLAIMS),
            0,
        );
        assert_eq!(signed.verify(&token).unwrap().claims().tenant_id, 42);
        let nested = Verifier::<AccessToken>::builder(hmac_jwk().clone())
            .nested(dir_jwk().clone())
            .algorithms([SignatureAlgorithm::HS256])
            .key_management([KeyManagementAlgorithm::Dir])
            .encryption([ContentEncryptionAlgorithm::A256Gcm])
            .clock(clock)
            .build()
            .unwrap();
        let outer = dir_compact(
            br#"{"alg":"dir","enc":"A256GCM","cty":"JWT"}"#,
            token.as_bytes(),
        );
        assert_eq!(
            nested.verify(&outer).unwrap().claims().sub.as_deref(),
            Some("alice")
        );
    }

    #[test]
    fn the_vector_keys_import() {
        assert!(key_set().keys().len() >= 15, "{}", key_set().keys().len());
    }
}
