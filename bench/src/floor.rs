//! The floor: what any correct decoder of these tokens must do, and nothing else.
//! Split, base64url-decode, the raw aws-lc-rs primitive (keys parsed once), serde parse
//! of header and claims, and the exp/aud/iss comparisons. No allow-lists beyond the
//! one `alg` comparison, no limits, no duplicate-member checks, no error messages.

use crate::{PlainClaims, AUD, ISS};
use aws_lc_rs::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use aws_lc_rs::agreement::{self, UnparsedPublicKey, ECDH_P256};
use aws_lc_rs::cipher::{DecryptionContext, PaddedBlockDecryptingKey, UnboundCipherKey, AES_256};
use aws_lc_rs::key_wrap::{AesKek, KeyWrap, AES_256 as KW_AES_256};
use aws_lc_rs::rsa::{OaepPrivateDecryptingKey, PrivateDecryptingKey, OAEP_SHA256_MGF1SHA256};
use aws_lc_rs::signature::{self, ParsedPublicKey, VerificationAlgorithm};
use aws_lc_rs::{constant_time, digest, hmac};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Any failure: the floor does not describe errors.
#[derive(Debug)]
pub struct Rejected;

type R<T> = Result<T, Rejected>;

fn b64(s: &str) -> R<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(s).map_err(|_| Rejected)
}

#[derive(Deserialize)]
struct JwsHeader<'a> {
    alg: &'a str,
}

fn claims(payload: &[u8]) -> R<PlainClaims> {
    let claims: PlainClaims = serde_json::from_slice(payload).map_err(|_| Rejected)?;
    if claims.exp <= crate::now() || claims.aud != AUD || claims.iss != ISS {
        return Err(Rejected);
    }
    Ok(claims)
}

/// The key of one JWS algorithm, parsed once.
// Built once per benchmark; a Box would add an indirection to the floor's hot path.
#[allow(clippy::large_enum_variant)]
pub enum JwsKey {
    /// HMAC.
    Hmac(hmac::Key),
    /// RSA, ECDSA or EdDSA public key.
    Public(ParsedPublicKey),
}

/// A floor JWS decoder for one algorithm.
pub struct Jws {
    alg: &'static str,
    key: JwsKey,
}

impl Jws {
    /// HS256 with a raw secret.
    pub fn hs256(secret: &[u8]) -> Self {
        Jws {
            alg: "HS256",
            key: JwsKey::Hmac(hmac::Key::new(hmac::HMAC_SHA256, secret)),
        }
    }

    /// An asymmetric algorithm with an SPKI DER public key.
    pub fn public(alg: &'static str, spki_der: &[u8]) -> Self {
        let verification: &'static dyn VerificationAlgorithm = match alg {
            "RS256" => &signature::RSA_PKCS1_2048_8192_SHA256,
            "PS256" => &signature::RSA_PSS_2048_8192_SHA256,
            "ES256" => &signature::ECDSA_P256_SHA256_FIXED,
            "EdDSA" => &signature::ED25519,
            _ => panic!("no floor for {alg}"),
        };
        Jws {
            alg,
            key: JwsKey::Public(ParsedPublicKey::new(verification, spki_der).expect("public key")),
        }
    }

    /// Verifies and validates a compact JWS.
    pub fn decode(&self, token: &str) -> R<PlainClaims> {
        let (input, signature) = token.rsplit_once('.').ok_or(Rejected)?;
        let (header, payload) = input.split_once('.').ok_or(Rejected)?;
        let header_bytes = b64(header)?;
        let header: JwsHeader<'_> = serde_json::from_slice(&header_bytes).map_err(|_| Rejected)?;
        if header.alg != self.alg {
            return Err(Rejected);
        }
        let signature = b64(signature)?;
        match &self.key {
            JwsKey::Hmac(key) => hmac::verify(key, input.as_bytes(), &signature),
            JwsKey::Public(key) => key.verify_sig(input.as_bytes(), &signature),
        }
        .map_err(|_| Rejected)?;
        claims(&b64(payload)?)
    }
}

#[derive(Serialize)]
struct EncodeHeader {
    alg: &'static str,
}

/// Floor HS256 encoding: serialize header and claims, base64url, HMAC, join.
pub fn hs256_encode(key: &hmac::Key, claims: &PlainClaims) -> String {
    let header = serde_json::to_vec(&EncodeHeader { alg: "HS256" }).expect("header");
    let payload = serde_json::to_vec(claims).expect("claims");
    let mut token = String::with_capacity((header.len() + payload.len()) * 4 / 3 + 48);
    URL_SAFE_NO_PAD.encode_string(&header, &mut token);
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(&payload, &mut token);
    let tag = hmac::sign(key, token.as_bytes());
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(tag.as_ref(), &mut token);
    token
}

#[derive(Deserialize)]
struct Epk<'a> {
    crv: &'a str,
    x: &'a str,
    y: &'a str,
}

#[derive(Deserialize)]
struct JweHeader<'a> {
    alg: &'a str,
    enc: &'a str,
    #[serde(borrow)]
    epk: Option<Epk<'a>>,
}

/// The key of one JWE key-management algorithm, parsed once.
pub enum JweKey {
    /// dir with A256GCM.
    Dir(LessSafeKey),
    /// A256KW (the KEK is rebuilt per token: aws-lc-rs's unwrap consumes it).
    A256Kw([u8; 32]),
    /// ECDH-ES+A256KW on P-256.
    EcdhEs(agreement::PrivateKey),
    /// RSA-OAEP-256.
    RsaOaep256(OaepPrivateDecryptingKey),
}

/// A floor JWE decrypter for one key-management algorithm.
pub struct Jwe {
    key: JweKey,
}

struct Parts {
    aad_len: usize,
    iv: Vec<u8>,
    ciphertext: Vec<u8>,
    tag: Vec<u8>,
}

impl Jwe {
    /// `dir` + A256GCM with the raw 256-bit key.
    pub fn dir(key: &[u8]) -> Self {
        let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).expect("aes key"));
        Jwe {
            key: JweKey::Dir(key),
        }
    }

    /// A256KW with the raw 256-bit KEK.
    pub fn a256kw(kek: &[u8]) -> Self {
        Jwe {
            key: JweKey::A256Kw(kek.try_into().expect("256-bit kek")),
        }
    }

    /// ECDH-ES+A256KW with a P-256 private scalar.
    pub fn ecdh_es(scalar: &[u8]) -> Self {
        Jwe {
            key: JweKey::EcdhEs(
                agreement::PrivateKey::from_private_key(&ECDH_P256, scalar).expect("ec key"),
            ),
        }
    }

    /// RSA-OAEP-256 with a PKCS#8 DER private key.
    pub fn rsa_oaep_256(pkcs8: &[u8]) -> Self {
        let key = PrivateDecryptingKey::from_pkcs8(pkcs8).expect("rsa key");
        Jwe {
            key: JweKey::RsaOaep256(OaepPrivateDecryptingKey::new(key).expect("oaep key")),
        }
    }

    /// Decrypts and validates a compact JWE.
    pub fn decode(&self, token: &str) -> R<PlainClaims> {
        claims(&self.decrypt(token)?)
    }

    /// Decrypts a compact JWE, returning the plaintext.
    pub fn decrypt(&self, token: &str) -> R<Vec<u8>> {
        let mut it = token.split('.');
        let mut next = || it.next().ok_or(Rejected);
        let (header_b64, ek, iv, ct, tag) = (next()?, next()?, next()?, next()?, next()?);
        let header_bytes = b64(header_b64)?;
        let header: JweHeader<'_> = serde_json::from_slice(&header_bytes).map_err(|_| Rejected)?;
        let parts = Parts {
            aad_len: header_b64.len(),
            iv: b64(iv)?,
            ciphertext: b64(ct)?,
            tag: b64(tag)?,
        };
        let aad = &token.as_bytes()[..parts.aad_len];
        let mut cek = [0u8; 512];
        let cek: &[u8] = match (&self.key, header.alg) {
            (JweKey::Dir(key), "dir") if header.enc == "A256GCM" => {
                return gcm_open(key, aad, parts);
            }
            (JweKey::A256Kw(kek), "A256KW") => kw_unwrap(kek, &b64(ek)?, &mut cek)?,
            (JweKey::EcdhEs(private), "ECDH-ES+A256KW") => {
                let epk = header.epk.as_ref().ok_or(Rejected)?;
                if epk.crv != "P-256" {
                    return Err(Rejected);
                }
                let mut point = Vec::with_capacity(65);
                point.push(4);
                point.extend_from_slice(&b64(epk.x)?);
                point.extend_from_slice(&b64(epk.y)?);
                let kek = agreement::agree(
                    private,
                    UnparsedPublicKey::new(&ECDH_P256, &point),
                    Rejected,
                    |z| Ok(concat_kdf_a256kw(z)),
                )?;
                kw_unwrap(&kek, &b64(ek)?, &mut cek)?
            }
            (JweKey::RsaOaep256(key), "RSA-OAEP-256") => key
                .decrypt(&OAEP_SHA256_MGF1SHA256, &b64(ek)?, &mut cek, None)
                .map_err(|_| Rejected)?,
            _ => return Err(Rejected),
        };
        match header.enc {
            "A256GCM" => {
                let key =
                    LessSafeKey::new(UnboundKey::new(&AES_256_GCM, cek).map_err(|_| Rejected)?);
                gcm_open(&key, aad, parts)
            }
            "A256CBC-HS512" => cbc_hs512_open(cek, aad, parts),
            _ => Err(Rejected),
        }
    }
}

fn kw_unwrap<'o>(kek: &[u8], wrapped: &[u8], out: &'o mut [u8]) -> R<&'o [u8]> {
    let kek = AesKek::new(&KW_AES_256, kek).map_err(|_| Rejected)?;
    kek.unwrap(wrapped, out).map(|k| &*k).map_err(|_| Rejected)
}

/// RFC 7518 §4.6.2 for a 256-bit key: one SHA-256 round, empty apu/apv; with key
/// wrapping the AlgorithmID is the `alg` value.
fn concat_kdf_a256kw(z: &[u8]) -> [u8; 32] {
    const ALG: &[u8] = b"ECDH-ES+A256KW";
    let mut ctx = digest::Context::new(&digest::SHA256);
    ctx.update(&1u32.to_be_bytes());
    ctx.update(z);
    ctx.update(&(ALG.len() as u32).to_be_bytes());
    ctx.update(ALG);
    ctx.update(&0u32.to_be_bytes());
    ctx.update(&0u32.to_be_bytes());
    ctx.update(&256u32.to_be_bytes());
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    out
}

fn gcm_open(key: &LessSafeKey, aad: &[u8], parts: Parts) -> R<Vec<u8>> {
    let nonce = Nonce::try_assume_unique_for_key(&parts.iv).map_err(|_| Rejected)?;
    let mut in_out = parts.ciphertext;
    in_out.extend_from_slice(&parts.tag);
    let len = key
        .open_in_place(nonce, Aad::from(aad), &mut in_out)
        .map_err(|_| Rejected)?
        .len();
    in_out.truncate(len);
    Ok(in_out)
}

fn cbc_hs512_open(cek: &[u8], aad: &[u8], parts: Parts) -> R<Vec<u8>> {
    let (mac_key, enc_key) = cek.split_at(32);
    let mac_key = hmac::Key::new(hmac::HMAC_SHA512, mac_key);
    let mut ctx = hmac::Context::with_key(&mac_key);
    ctx.update(aad);
    ctx.update(&parts.iv);
    ctx.update(&parts.ciphertext);
    ctx.update(&((aad.len() as u64) * 8).to_be_bytes());
    let mac = ctx.sign();
    constant_time::verify_slices_are_equal(&mac.as_ref()[..32], &parts.tag)
        .map_err(|_| Rejected)?;
    let key = PaddedBlockDecryptingKey::cbc_pkcs7(
        UnboundCipherKey::new(&AES_256, enc_key).map_err(|_| Rejected)?,
    )
    .map_err(|_| Rejected)?;
    let iv: [u8; 16] = parts.iv.as_slice().try_into().map_err(|_| Rejected)?;
    let mut in_out = parts.ciphertext;
    let len = key
        .decrypt(&mut in_out, DecryptionContext::Iv128(iv.into()))
        .map_err(|_| Rejected)?
        .len();
    in_out.truncate(len);
    Ok(in_out)
}
