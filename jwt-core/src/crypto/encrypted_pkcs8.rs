//! Password-protected PKCS#8 (`EncryptedPrivateKeyInfo`, RFC 5958 §3; PBES2, RFC 8018
//! §6.2): the key derivation (PBKDF2-HMAC-SHA-2 or scrypt, RFC 7914) and the cipher
//! (AES-CBC or AES-GCM) are RustCrypto's `pkcs5`, through the `pkcs8` crate's
//! `encryption` feature; aws-lc-rs reads only unencrypted PKCS#8.
//!
//! The cost of the key derivation is read from the file, which may come from anyone, so
//! it is bounded before any work: at most [`MAX_PBKDF2_ITERATIONS`] PBKDF2 iterations;
//! for scrypt, at most [`MAX_SCRYPT_MEMORY`] bytes of memory (128·N·r, so N is at most
//! 2^19) and p at most [`MAX_SCRYPT_P`]. PBES1, PBKDF2 with HMAC-SHA-1 and
//! DES are not read.

use super::{rand, CryptoError, CryptoResult, Zeroizing};
use pkcs8::der::asn1::OctetStringRef;
use pkcs8::der::{Decode, Encode};
use pkcs8::pkcs5::pbes2::{self, Kdf, Pbkdf2Params, Pbkdf2Prf, ScryptParams};
use pkcs8::pkcs5::{scrypt, EncryptionScheme};
use pkcs8::{EncryptedPrivateKeyInfo, EncryptedPrivateKeyInfoRef};

/// The most PBKDF2 iterations read: RFC 8018 §4.2's "10,000,000 may be appropriate" for
/// especially critical keys; a few seconds of work, never more.
pub(crate) const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
/// The most memory scrypt may take, 128·N·r bytes: 64 MiB (twice OpenSSL's default
/// ceiling of 32 MiB; OpenSSL's own defaults, N = 2^14 and r = 8, take 16 MiB).
pub(crate) const MAX_SCRYPT_MEMORY: u64 = 64 * 1024 * 1024;
/// The largest scrypt parallelization p read.
pub(crate) const MAX_SCRYPT_P: u32 = 16;

/// How a key is protected when it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Protection {
    /// PBKDF2-HMAC-SHA-256 with this many iterations, then AES-256-CBC.
    Pbkdf2Sha256Aes256Cbc { iterations: u32 },
    /// scrypt with N = 2^log_n, r, p, then AES-256-CBC.
    ScryptAes256Cbc { log_n: u8, r: u32, p: u32 },
    /// scrypt with N = 2^log_n, r, p, then AES-256-GCM.
    ScryptAes256Gcm { log_n: u8, r: u32, p: u32 },
}

impl Protection {
    /// Whether a key written so could be read back: the cost bounds, as a message.
    pub(crate) fn check(self) -> Result<(), String> {
        let (memory, p) = match self {
            Protection::Pbkdf2Sha256Aes256Cbc { iterations } => {
                if iterations == 0 || iterations > MAX_PBKDF2_ITERATIONS {
                    return Err(format!(
                        "PBKDF2 with {iterations} iterations (1 to {MAX_PBKDF2_ITERATIONS})"
                    ));
                }
                return Ok(());
            }
            Protection::ScryptAes256Cbc { log_n, r, p }
            | Protection::ScryptAes256Gcm { log_n, r, p } => (
                1u64.checked_shl(u32::from(log_n))
                    .unwrap_or(u64::MAX)
                    .saturating_mul(128)
                    .saturating_mul(u64::from(r)),
                p,
            ),
        };
        if memory > MAX_SCRYPT_MEMORY || p > MAX_SCRYPT_P {
            return Err(format!(
                "scrypt taking {memory} bytes of memory with p = {p} (at most \
                 {MAX_SCRYPT_MEMORY} bytes and p = {MAX_SCRYPT_P})"
            ));
        }
        Ok(())
    }
}

/// Why an encrypted key is not read, before any key derivation runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Not a DER `EncryptedPrivateKeyInfo`.
    Malformed,
    /// A scheme this library does not read (named).
    Unsupported(String),
    /// A key derivation costlier than the bounds (described).
    TooCostly(String),
}

/// The key derivation of a PBES2 scheme, checked against the cost bounds.
fn check_cost(kdf: &Kdf) -> Result<(), Refusal> {
    match kdf {
        Kdf::Pbkdf2(Pbkdf2Params {
            iteration_count,
            prf,
            ..
        }) => {
            if *prf == Pbkdf2Prf::HmacWithSha1 {
                return Err(Refusal::Unsupported("PBKDF2 with HMAC-SHA-1".to_owned()));
            }
            if *iteration_count > MAX_PBKDF2_ITERATIONS {
                return Err(Refusal::TooCostly(format!(
                    "PBKDF2 with {iteration_count} iterations (at most {MAX_PBKDF2_ITERATIONS})"
                )));
            }
            if *iteration_count == 0 {
                return Err(Refusal::Malformed);
            }
        }
        Kdf::Scrypt(ScryptParams {
            cost_parameter,
            block_size,
            parallelization,
            ..
        }) => {
            let (n, r, p) = (
                *cost_parameter,
                u64::from(*block_size),
                u32::from(*parallelization),
            );
            if !n.is_power_of_two() || n < 2 || r == 0 || p == 0 {
                return Err(Refusal::Malformed);
            }
            let memory = 128u64.saturating_mul(n).saturating_mul(r);
            if memory > MAX_SCRYPT_MEMORY || p > MAX_SCRYPT_P {
                return Err(Refusal::TooCostly(format!(
                    "scrypt with N = {n}, r = {r}, p = {p} (at most 128·N·r = \
                     {MAX_SCRYPT_MEMORY} bytes of memory, and p = {MAX_SCRYPT_P})"
                )));
            }
        }
        _ => return Err(Refusal::Unsupported("an unknown key derivation".to_owned())),
    }
    Ok(())
}

/// Reads an `EncryptedPrivateKeyInfo` and checks its scheme, without deriving anything.
fn parse(der: &[u8]) -> Result<EncryptedPrivateKeyInfoRef<'_>, Refusal> {
    let info = EncryptedPrivateKeyInfoRef::from_der(der).map_err(|e| match e.kind() {
        // An algorithm pkcs5 cannot even name (PBES1 with DES, another OID).
        pkcs8::der::ErrorKind::OidUnknown { oid } => {
            Refusal::Unsupported(format!("the encryption scheme with OID {oid}"))
        }
        _ => Refusal::Malformed,
    })?;
    let EncryptionScheme::Pbes2(params) = &info.encryption_algorithm else {
        return Err(Refusal::Unsupported(
            "PBES1 (use PBES2: PBKDF2-HMAC-SHA-256 or scrypt, with AES)".to_owned(),
        ));
    };
    check_cost(&params.kdf)?;
    Ok(info)
}

/// Checks the scheme and cost of an encrypted key: what [`decrypt`] would refuse before
/// deriving a key.
pub(crate) fn check(der: &[u8]) -> Result<(), Refusal> {
    parse(der).map(|_| ())
}

/// Decrypts an `EncryptedPrivateKeyInfo` (checked with [`check`] first) into the DER of
/// the unencrypted PKCS#8. A wrong password, a damaged file and a plaintext that is not
/// DER all fail alike.
pub(crate) fn decrypt(der: &[u8], password: &[u8]) -> CryptoResult<Zeroizing<Vec<u8>>> {
    let info = parse(der).map_err(|_| CryptoError)?;
    let mut buffer = Zeroizing::new(info.encrypted_data.as_bytes().to_vec());
    let len = info
        .encryption_algorithm
        .decrypt_in_place(password, &mut buffer)
        .map_err(|_| CryptoError)?
        .len();
    buffer.truncate(len);
    // A wrong password that happens to leave valid CBC padding gives garbage here.
    pkcs8::PrivateKeyInfoRef::from_der(&buffer).map_err(|_| CryptoError)?;
    Ok(buffer)
}

/// Encrypts the DER of an unencrypted PKCS#8 under `password`, with a fresh random salt
/// and IV or nonce.
pub(crate) fn encrypt(
    pkcs8_der: &[u8],
    password: &[u8],
    protection: Protection,
) -> CryptoResult<Vec<u8>> {
    let salt = rand::bytes(16)?;
    let iv: [u8; 16] = rand::bytes(16)?.try_into().map_err(|_| CryptoError)?;
    let scrypt_params =
        |log_n: u8, r: u32, p: u32| scrypt::Params::new(log_n, r, p).map_err(|_| CryptoError);
    let params = match protection {
        Protection::Pbkdf2Sha256Aes256Cbc { iterations } => {
            pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(iterations, &salt, iv)
        }
        Protection::ScryptAes256Cbc { log_n, r, p } => {
            pbes2::Parameters::generate_scrypt_aes256cbc(scrypt_params(log_n, r, p)?, &salt, iv)
        }
        Protection::ScryptAes256Gcm { log_n, r, p } => {
            let nonce: [u8; 12] = rand::bytes(12)?.try_into().map_err(|_| CryptoError)?;
            pbes2::Parameters::scrypt_aes256gcm(scrypt_params(log_n, r, p)?, &salt, nonce)
        }
    }
    .map_err(|_| CryptoError)?;
    // What we write we must be able to read back.
    check_cost(&params.kdf).map_err(|_| CryptoError)?;
    let encrypted = params
        .encrypt(password, pkcs8_der)
        .map_err(|_| CryptoError)?;
    EncryptedPrivateKeyInfo {
        encryption_algorithm: params.into(),
        encrypted_data: OctetStringRef::new(&encrypted).map_err(|_| CryptoError)?,
    }
    .to_der()
    .map_err(|_| CryptoError)
}

#[cfg(test)]
mod tests;
