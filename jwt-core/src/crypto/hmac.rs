//! `oct` keys: the secret, with the HMAC key schedules (HS256/384/512) and the AES-GCM
//! expansion (`dir` with an AES-GCM `enc`) built once, on first use.

use super::aes_gcm::PreparedKey;
use super::{CryptoError, CryptoResult, Zeroizing};
use crate::jwa::HashAlgorithm;
use aws_lc_rs::hmac;
use std::fmt;
use std::sync::OnceLock;

/// An `oct` key's secret with the forms it is used in, each built lazily on first use:
/// the HMAC key schedules (one per hash) and the AES-GCM expansion (`dir`).
///
/// Zeroized on drop: the secret is; the derive checks that every other field is skipped
/// on purpose.
#[derive(zeroize::ZeroizeOnDrop)]
pub(crate) struct SymmetricKey {
    secret: Zeroizing<Vec<u8>>,
    // Index: SHA-256, SHA-384, SHA-512. aws-lc-rs cleans up its own key state on drop:
    // `hmac::Key` runs HMAC_CTX_cleanup, which cleanses the whole HMAC_CTX.
    #[zeroize(skip)]
    schedules: [OnceLock<hmac::Key>; 3],
    /// `None` inside when the secret is not an AES key's length. The AES-GCM context is
    /// AWS-LC's EVP_AEAD_CTX, freed with OPENSSL_free, which cleanses it.
    #[zeroize(skip)]
    aes_gcm: OnceLock<Option<PreparedKey>>,
}

impl fmt::Debug for SymmetricKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SymmetricKey").finish_non_exhaustive()
    }
}

/// HMAC-SHA-1 is not a JOSE algorithm, so it has no slot and is refused.
fn slot(hash: HashAlgorithm) -> Option<(usize, hmac::Algorithm)> {
    match hash {
        HashAlgorithm::Sha256 => Some((0, hmac::HMAC_SHA256)),
        HashAlgorithm::Sha384 => Some((1, hmac::HMAC_SHA384)),
        HashAlgorithm::Sha512 => Some((2, hmac::HMAC_SHA512)),
        HashAlgorithm::Sha1 => None,
    }
}

impl SymmetricKey {
    /// Wraps a secret of any length.
    pub(crate) fn new(secret: &[u8]) -> Self {
        SymmetricKey {
            secret: Zeroizing::new(secret.to_vec()),
            schedules: Default::default(),
            aes_gcm: OnceLock::new(),
        }
    }

    /// The secret as an AES-GCM key, expanded on first use and kept: a `dir` key decrypts
    /// every token with the same key (see bench/PROFILE_NOTES.md,
    /// "The dir key's AES-GCM expansion"). `None` when the secret is not 16, 24 or 32
    /// bytes long.
    pub(crate) fn aes_gcm(&self) -> Option<&PreparedKey> {
        self.aes_gcm
            .get_or_init(|| PreparedKey::new(&self.secret).ok())
            .as_ref()
    }

    /// The raw secret.
    pub(crate) fn secret(&self) -> &[u8] {
        &self.secret
    }

    fn key(&self, hash: HashAlgorithm) -> Option<&hmac::Key> {
        let (i, alg) = slot(hash)?;
        let cell = self.schedules.get(i)?;
        Some(cell.get_or_init(|| hmac::Key::new(alg, &self.secret)))
    }

    /// HMAC tag; `hash` must be SHA-256/384/512 (SHA-1 yields an empty tag, which
    /// never verifies).
    pub(crate) fn sign(&self, hash: HashAlgorithm, data: &[u8]) -> Vec<u8> {
        match self.key(hash) {
            Some(key) => hmac::sign(key, data).as_ref().to_vec(),
            None => Vec::new(),
        }
    }

    /// Verifies a tag in constant time.
    pub(crate) fn verify(&self, hash: HashAlgorithm, data: &[u8], tag: &[u8]) -> CryptoResult<()> {
        let key = self.key(hash).ok_or(CryptoError)?;
        hmac::verify(key, data, tag).map_err(|_| CryptoError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jwt_test_vectors::hex;

    /// RFC 4231 test cases 1, 2, 4, 6 and 7 (key, data, SHA-256, SHA-384, SHA-512).
    const RFC4231: &[(&str, &str, &str, &str, &str)] = &[
        (
            "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            "4869205468657265",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c\
             faea9ea9076ede7f4af152e8b2fa9cb6",
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde\
             daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
        ),
        (
            "4a656665",
            "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e\
             8e2240ca5e69e2c78b3239ecfab21649",
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554\
             9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
        ),
        (
            "0102030405060708090a0b0c0d0e0f10111213141516171819",
            "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e\
             6801dd23c4a7d679ccf8a386c674cffb",
            "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db\
             a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd",
        ),
        (
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a\
             65204b6579202d2048617368204b6579204669727374",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6\
             0c2ef6ab4030fe8296248df163f44952",
            "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352\
             6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
        ),
    ];

    #[test]
    fn rfc4231_known_answers() {
        for (key, data, s256, s384, s512) in RFC4231 {
            let key = SymmetricKey::new(&hex(key));
            let data = hex(data);
            for (hash, expected) in [
                (HashAlgorithm::Sha256, s256),
                (HashAlgorithm::Sha384, s384),
                (HashAlgorithm::Sha512, s512),
            ] {
                let expected = hex(expected);
                assert_eq!(key.sign(hash, &data), expected, "{hash:?}");
                assert_eq!(key.verify(hash, &data, &expected), Ok(()));
            }
        }
    }

    #[test]
    fn rfc4231_truncated_case_5() {
        let key = SymmetricKey::new(&hex("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c"));
        let tag = key.sign(HashAlgorithm::Sha256, b"Test With Truncation");
        assert_eq!(tag[..16], hex("a3b6167473100ee06e0c796c2955552b")[..]);
    }

    #[test]
    fn rejects_wrong_tag_wrong_hash_truncation_and_sha1() {
        let key = SymmetricKey::new(b"a secret of thirty-two bytes....");
        let tag = key.sign(HashAlgorithm::Sha256, b"data");
        let mut bad = tag.clone();
        bad[0] ^= 1;
        assert_eq!(
            key.verify(HashAlgorithm::Sha256, b"data", &bad),
            Err(CryptoError)
        );
        assert_eq!(
            key.verify(HashAlgorithm::Sha256, b"datb", &tag),
            Err(CryptoError)
        );
        assert_eq!(
            key.verify(HashAlgorithm::Sha256, b"data", &tag[..16]),
            Err(CryptoError)
        );
        assert_eq!(
            key.verify(HashAlgorithm::Sha384, b"data", &tag),
            Err(CryptoError)
        );
        assert!(key.sign(HashAlgorithm::Sha1, b"data").is_empty());
        assert_eq!(
            key.verify(HashAlgorithm::Sha1, b"data", &[]),
            Err(CryptoError)
        );
    }

    #[test]
    fn debug_is_redacted() {
        let key = SymmetricKey::new(b"hunter2-hunter2");
        assert!(!format!("{key:?}").contains("hunter2"));
        assert_eq!(key.secret(), b"hunter2-hunter2");
    }
}
