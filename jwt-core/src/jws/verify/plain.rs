//! The fast path for the common compact header: plain members only (a string `alg`, no
//! `crit`, no `b64`, no escapes), read in one pass from the decoded text without
//! building a map, and kept as that text for the JWT layer. Anything else answers "not
//! plain" and takes the full rules; a differential test holds the two to the same
//! verdicts.

use super::{Facts, JwsVerifier};
use crate::base64url;
use crate::error::Result;
use crate::limits::Limits;
use serde::Deserialize;

impl JwsVerifier {
    /// The decoded protected header, within its size limit.
    pub(super) fn plain_header_text(&self, protected_b64: &str) -> Result<Option<Vec<u8>>> {
        let max_encoded = self.limits.max_header_bytes.div_ceil(3).saturating_mul(4);
        if protected_b64.is_empty() || protected_b64.len() > max_encoded {
            return Ok(None);
        }
        base64url::decode(protected_b64).map(Some)
    }
}

impl<'h> Facts<'h> {
    /// The facts of a header that needs none of the full rules: `None` sends it down
    /// the full path, which then gives the exact verdict and error. `Some` only for an
    /// object the strict check would accept, with a string `alg`, string or absent
    /// `kid`, `typ` and `cty`, and none of `b64`, `crit`, the rarer registered members
    /// (`jku`, `jwk`, `x5u`, `x5c`, `x5t`, `x5t#S256`: their types are the full path's
    /// to judge) or a JWE-only member.
    pub(super) fn of_plain_text(text: &'h [u8], limits: &Limits) -> Option<Self> {
        #[derive(Deserialize)]
        struct Plain<'a> {
            #[serde(borrow)]
            alg: &'a str,
            #[serde(borrow, default, deserialize_with = "string")]
            kid: Option<&'a str>,
            #[serde(borrow, default, rename = "typ", deserialize_with = "string")]
            _typ: Option<&'a str>,
            #[serde(borrow, default, rename = "cty", deserialize_with = "string")]
            _cty: Option<&'a str>,
            // Present with any value, `null` included: an `Option` would read
            // `"crit": null` as no `crit`, which the full rules refuse.
            #[serde(default, deserialize_with = "present")]
            b64: bool,
            #[serde(default, deserialize_with = "present")]
            crit: bool,
            #[serde(default, deserialize_with = "present", alias = "jwk", alias = "x5u")]
            jku: bool,
            #[serde(
                default,
                deserialize_with = "present",
                alias = "x5t",
                alias = "x5t#S256"
            )]
            x5c: bool,
            #[serde(
                default,
                deserialize_with = "present",
                alias = "zip",
                alias = "epk",
                alias = "apu",
                alias = "apv",
                alias = "iv",
                alias = "tag",
                alias = "p2s",
                alias = "p2c"
            )]
            enc: bool,
        }
        fn present<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
            serde::de::IgnoredAny::deserialize(d).map(|_| true)
        }
        // `null` is refused, not read as absent: the full rules refuse it.
        fn string<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> std::result::Result<Option<&'de str>, D::Error> {
            <&'de str>::deserialize(d).map(Some)
        }
        // The full path's limit on the decoded header, which the encoded length bounds
        // only to within two bytes.
        if text.len() > limits.max_header_bytes {
            return None;
        }
        let text = std::str::from_utf8(text).ok()?;
        let plain: Plain<'h> =
            crate::strict_json::one_pass::from_object(text, limits.max_json_depth)?;
        if plain.b64 || plain.crit || plain.jku || plain.x5c || plain.enc {
            return None;
        }
        Some(Facts {
            alg: Some(plain.alg),
            kid: plain.kid,
            b64: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::jwa::SignatureAlgorithm;
    use crate::jwk::Jwk;
    use crate::jws::algorithm;

    /// A compact HS256 JWS with exactly this protected header text.
    fn hs256_token(key: &Jwk, header: &str) -> String {
        let input = format!(
            "{}.{}",
            base64url::encode(header),
            base64url::encode(br#"{"sub":"x"}"#)
        );
        let signature = algorithm::sign(SignatureAlgorithm::HS256, key, input.as_bytes());
        format!("{input}.{}", base64url::encode(signature.unwrap()))
    }

    #[test]
    fn the_plain_header_path_refuses_what_the_full_path_refuses() {
        let key = Jwk::generate_for("HS256").unwrap();
        let verifier = JwsVerifier::new([SignatureAlgorithm::HS256]);
        let plain = hs256_token(
            &key,
            r#"{"alg":"HS256","kid":"k","typ":"JWT","cty":"x","n":1}"#,
        );
        assert!(verifier
            .verify_compact_parts(&plain, None, (&key).into())
            .is_ok());
        for header in [
            r#"{"alg":"HS256","kid":null}"#,
            r#"{"alg":"HS256","kid":5}"#,
            r#"{"alg":"HS256","typ":5}"#,
            r#"{"alg":"HS256","typ":["JWT"]}"#,
            r#"{"alg":"HS256","cty":{"a":1}}"#,
            r#"{"alg":"HS256","jku":5}"#,
            r#"{"alg":"HS256","jwk":"k"}"#,
            r#"{"alg":"HS256","x5u":null}"#,
            r#"{"alg":"HS256","x5c":"notarray"}"#,
            r#"{"alg":"HS256","x5t":1,"x5t#S256":2}"#,
            r#"{"alg":"HS256","zip":"DEF"}"#,
            r#"{"alg":"HS256","enc":"A128GCM"}"#,
            r#"{"alg":"HS256","p2c":4096}"#,
            r#"{"alg":"HS256","crit":null}"#,
            r#"{"alg":"HS256","b64":null}"#,
            r#"{"alg":"HS256","b64":true}"#,
            r#"{"alg":"HS256","alg":"none"}"#,
            r#"{"alg":"HS256","x":1,"x":1}"#,
            r#"{"alg":"HS256","x":{"y":1,"y":2}}"#,
        ]
        .into_iter()
        .map(str::to_owned)
        // Deeper than the default limit of 32.
        .chain([format!(
            r#"{{"alg":"HS256","x":{}1{}}}"#,
            "[".repeat(40),
            "]".repeat(40)
        )]) {
            let header = header.as_str();
            let token = hs256_token(&key, header);
            let full = verifier.verify_compact(&token, None, &key).unwrap_err();
            let fast = verifier
                .verify_compact_parts(&token, None, (&key).into())
                .unwrap_err();
            assert_eq!(
                (fast.kind(), fast.message()),
                (full.kind(), full.message()),
                "{header}"
            );
        }
        // 15 bytes, under a limit of 14: the encoded length (20) is within the bound.
        let token = hs256_token(&key, r#"{"alg":"HS256"}"#);
        let limits = Limits {
            max_header_bytes: 14,
            ..Limits::default()
        };
        let strict = JwsVerifier::new([SignatureAlgorithm::HS256]).with_limits(limits);
        let full = strict.verify_compact(&token, None, &key).unwrap_err();
        assert_eq!(full.kind(), ErrorKind::LimitExceeded);
        let fast = strict
            .verify_compact_parts(&token, None, (&key).into())
            .unwrap_err();
        assert_eq!((fast.kind(), fast.message()), (full.kind(), full.message()));
    }
}
