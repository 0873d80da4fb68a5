//! Round trips of every protection, the wrong password, and every refusal of a scheme
//! or a cost before any key derivation.

use super::*;
use crate::crypto::okp::OkpPrivateKey;
use crate::jwa::Curve;

fn pkcs8() -> Zeroizing<Vec<u8>> {
    OkpPrivateKey::generate(Curve::Ed25519)
        .unwrap()
        .to_pkcs8_der()
}

/// An `EncryptedPrivateKeyInfo` with these PBES2 parameters and junk data: enough for
/// everything that must be refused before decrypting.
fn with_params(params: pbes2::Parameters) -> Vec<u8> {
    EncryptedPrivateKeyInfo {
        encryption_algorithm: params.into(),
        encrypted_data: OctetStringRef::new(&[0u8; 48]).unwrap(),
    }
    .to_der()
    .unwrap()
}

const IV: [u8; 16] = [7; 16];

#[test]
fn every_protection_round_trips_and_a_wrong_password_fails() {
    let plain = pkcs8();
    for protection in [
        Protection::Pbkdf2Sha256Aes256Cbc { iterations: 1000 },
        Protection::ScryptAes256Cbc {
            log_n: 10,
            r: 8,
            p: 1,
        },
        Protection::ScryptAes256Gcm {
            log_n: 10,
            r: 8,
            p: 1,
        },
    ] {
        let der = encrypt(&plain, b"correct horse", protection).unwrap();
        check(&der).unwrap();
        assert_eq!(
            decrypt(&der, b"correct horse").unwrap().as_slice(),
            plain.as_slice(),
            "{protection:?}"
        );
        assert_eq!(decrypt(&der, b"correct horsE"), Err(CryptoError));
        assert_eq!(decrypt(&der, b""), Err(CryptoError));
        // Salt and IV are fresh each time.
        assert_ne!(der, encrypt(&plain, b"correct horse", protection).unwrap());
        // A damaged ciphertext fails like a wrong password.
        let mut damaged = der.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert_eq!(decrypt(&damaged, b"correct horse"), Err(CryptoError));
    }
}

#[test]
fn pbkdf2_iterations_are_bounded() {
    let at_bound =
        pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(MAX_PBKDF2_ITERATIONS, &[1; 16], IV)
            .unwrap();
    check(&with_params(at_bound)).unwrap();
    let over = pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(
        MAX_PBKDF2_ITERATIONS + 1,
        &[1; 16],
        IV,
    )
    .unwrap();
    let der = with_params(over);
    assert!(matches!(check(&der), Err(Refusal::TooCostly(m)) if m.contains("10000001")));
    // decrypt refuses it too, before deriving (this would take minutes otherwise).
    assert_eq!(decrypt(&der, b"pw"), Err(CryptoError));
    // Writing refuses what reading would.
    assert_eq!(
        encrypt(
            &pkcs8(),
            b"pw",
            Protection::Pbkdf2Sha256Aes256Cbc {
                iterations: MAX_PBKDF2_ITERATIONS + 1
            }
        ),
        Err(CryptoError)
    );
}

#[test]
fn scrypt_costs_are_bounded() {
    let der = |log_n: u8, r: u32, p: u32| {
        let params = scrypt::Params::new(log_n, r, p).unwrap();
        with_params(pbes2::Parameters::generate_scrypt_aes256cbc(params, &[1; 16], IV).unwrap())
    };
    // OpenSSL's defaults, and the memory bound exactly (2^16 · 8 · 128 = 64 MiB).
    check(&der(14, 8, 1)).unwrap();
    check(&der(16, 8, 1)).unwrap();
    check(&der(19, 1, 1)).unwrap();
    check(&der(10, 8, 16)).unwrap();
    for (log_n, r, p) in [(20, 1, 1), (17, 8, 1), (16, 9, 1), (10, 8, 17)] {
        let refused = check(&der(log_n, r, p));
        assert!(
            matches!(&refused, Err(Refusal::TooCostly(m)) if m.contains("scrypt")),
            "{log_n} {r} {p}: {refused:?}"
        );
        assert_eq!(decrypt(&der(log_n, r, p), b"pw"), Err(CryptoError));
    }
}

#[test]
fn unsupported_and_malformed_schemes_are_refused() {
    let mut sha1 = Pbkdf2Params::hmac_sha256(2048, &[1; 16]).unwrap();
    sha1.prf = Pbkdf2Prf::HmacWithSha1;
    let params = pbes2::Parameters {
        kdf: sha1.into(),
        encryption: pbes2::EncryptionScheme::Aes256Cbc { iv: IV },
    };
    assert!(matches!(
        check(&with_params(params)),
        Err(Refusal::Unsupported(m)) if m.contains("SHA-1")
    ));
    let zero = pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(0, &[1; 16], IV).unwrap();
    assert_eq!(check(&with_params(zero)), Err(Refusal::Malformed));
    for junk in [&b""[..], b"\x30\x00", b"not der at all", &pkcs8()] {
        assert_eq!(check(junk), Err(Refusal::Malformed));
        assert_eq!(decrypt(junk, b"pw"), Err(CryptoError));
    }
}
