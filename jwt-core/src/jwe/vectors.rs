//! RFC test vectors: RFC 7516 App. A, RFC 7517 App. C, RFC 7518 App. C, RFC 7520 §5
//! and the X25519 ECDH-ES example. Deterministic examples are rebuilt byte for byte
//! through the crate-private seams (fixed CEK, IV, salt, ephemeral key); randomized
//! ones (RSA) are decrypted. Every compact output is also tampered with.

use super::key_management::{self, Fixed};
use super::tests::{assert_tampering_fails, rsa_key};
use super::*;
use crate::base64url;
use crate::jwa::{ContentEncryptionAlgorithm as Enc, KeyManagementAlgorithm as Alg};
use crate::{ErrorKind, Jwk, JwkSet};
use jwt_test_vectors::{find, hex, load};
use serde_json::Value;

fn rfc(file: &str, id: &str) -> Value {
    find(&load(&format!("rfc/{file}")), id).clone()
}

fn cookbook(name: &str) -> Value {
    load(&format!("rfc7520/jwe/{name}"))
}

fn b64(v: &Value) -> Vec<u8> {
    base64url::decode(v.as_str().unwrap()).unwrap()
}

fn jwk(v: &Value) -> Jwk {
    Jwk::from_value(v).unwrap()
}

fn text(v: &Value) -> &[u8] {
    v.as_str().unwrap().as_bytes()
}

/// Everything, RSA1_5 included (the vectors use it).
fn all() -> JweDecrypter {
    JweDecrypter::new(Alg::ALL.iter().copied(), Enc::ALL.iter().copied())
}

fn json_eq(ours: &str, theirs: &Value) {
    let ours: Value = serde_json::from_str(ours).unwrap();
    assert_eq!(&ours, theirs);
}

// ---- RFC 7516 Appendix A ----

#[test]
fn rfc7516_a1_rsa_oaep_a256gcm_decrypts() {
    let v = rfc("rfc7516_appendix_a.json", "rfc7516-A.1");
    let key = jwk(&v["key"]);
    let token = v["compact"].as_str().unwrap();
    let out = all().decrypt(token, &key).unwrap();
    assert_eq!(out.plaintext(), text(&v["plaintext"]));
    assert_tampering_fails(token, &key, &all());
}

#[test]
fn rfc7516_a2_rsa1_5_decrypts_only_when_listed() {
    let v = rfc("rfc7516_appendix_a.json", "rfc7516-A.2");
    let key = jwk(&v["key"]);
    let token = v["compact"].as_str().unwrap();
    assert_eq!(
        all().decrypt(token, &key).unwrap().plaintext(),
        text(&v["plaintext"])
    );
    let without = JweDecrypter::new([Alg::RsaOaep, Alg::RsaOaep256], Enc::ALL.iter().copied());
    assert_eq!(
        without.decrypt(token, &key).unwrap_err().kind(),
        ErrorKind::AlgNotAllowed
    );
    assert_tampering_fails(token, &key, &all());
}

#[test]
fn rfc7516_a3_a128kw_is_reproduced_byte_for_byte() {
    let v = rfc("rfc7516_appendix_a.json", "rfc7516-A.3");
    let key = jwk(&v["key"]);
    let token = JweBuilder::new(text(&v["plaintext"]), Enc::A128CbcHs256)
        .fixed_content(Some(b64(&v["cek_b64u"])), b64(&v["iv_b64u"]))
        .recipient(Recipient::new(&key, Alg::A128Kw))
        .compact()
        .unwrap();
    assert_eq!(token, v["compact"].as_str().unwrap());
    assert_eq!(
        all().decrypt(&token, &key).unwrap().plaintext(),
        text(&v["plaintext"])
    );
    assert_tampering_fails(&token, &key, &all());
}

#[test]
fn rfc7516_a4_general_json_two_recipients() {
    let v = rfc("rfc7516_appendix_a.json", "rfc7516-A.4");
    let token = v["json_general"].to_string();
    let keys: Vec<Jwk> = v["keys"].as_array().unwrap().iter().map(jwk).collect();
    for (index, key) in keys.iter().enumerate() {
        let out = all().decrypt(&token, key).unwrap();
        assert_eq!(out.plaintext(), text(&v["plaintext"]));
        assert_eq!(out.recipient_index(), index);
        assert_eq!(
            out.shared_header().get("jku").unwrap(),
            "https://server.example.com/keys.jwks"
        );
    }
    for key in &keys {
        assert_json_tampering_fails(&v["json_general"], key);
    }
    let set = JwkSet::new(keys.clone());
    assert_eq!(all().decrypt(&token, &set).unwrap().recipient_index(), 0);
    // Without RSA1_5 the first recipient is skipped and the second decrypts.
    let no_rsa1_5 = JweDecrypter::new([Alg::A128Kw], [Enc::A128CbcHs256]);
    assert_eq!(
        no_rsa1_5.decrypt(&token, &set).unwrap().recipient_index(),
        1
    );
}

#[test]
fn rfc7516_a5_flattened_json() {
    let v = rfc("rfc7516_appendix_a.json", "rfc7516-A.5");
    let key = jwk(&v["keys"][0]);
    let out = all()
        .decrypt(&v["json_flattened"].to_string(), &key)
        .unwrap();
    assert_eq!(out.plaintext(), text(&v["plaintext"]));
    assert_eq!(out.recipient_header().kid(), Some("7"));
    assert_json_tampering_fails(&v["json_flattened"], &key);
}

// ---- RFC 7517 Appendix C: PBES2 ----

#[test]
fn rfc7517_c_pbes2_is_reproduced_byte_for_byte() {
    let v = rfc("rfc7517_appendix_c.json", "rfc7517-C");
    let password = Jwk::from_json(&format!(
        r#"{{"kty":"oct","k":"{}"}}"#,
        base64url::encode(v["password"].as_str().unwrap())
    ))
    .unwrap();
    let plaintext = text(&v["plaintext_octets"]);
    let token = JweBuilder::new(plaintext, Enc::A128CbcHs256)
        .cty("jwk+json")
        .fixed_content(Some(b64(&v["cek_b64u"])), b64(&v["iv_b64u"]))
        .fixed_order(vec!["alg", "p2s", "p2c", "enc", "cty"])
        .recipient(
            Recipient::new(&password, Alg::Pbes2Hs256A128Kw)
                .p2c(4096)
                .fixed(Fixed {
                    p2s: Some(b64(&v["p2s"])),
                    ..Fixed::default()
                }),
        )
        .compact()
        .unwrap();
    assert_eq!(token, v["compact"].as_str().unwrap());
    let out = all().decrypt(&token, &password).unwrap();
    assert_eq!(out.plaintext(), plaintext);
    assert_eq!(out.cty(), Some("jwk+json"));
    assert_tampering_fails(&token, &password, &all());
}

// ---- RFC 7518 Appendix C: ECDH-ES ----

#[test]
fn rfc7518_c_concat_kdf() {
    let v = rfc("rfc7518_appendix_c.json", "rfc7518-C");
    let z: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&v["z_hex"].as_str().unwrap()[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    let derived = key_management::kdf(Alg::EcdhEs, Enc::A128Gcm, &z, b"Alice", b"Bob").unwrap();
    assert_eq!(*derived, b64(&v["derived_key_b64u"]));
}

#[test]
fn rfc7518_c_ecdh_es_end_to_end() {
    let v = rfc("rfc7518_appendix_c.json", "rfc7518-C");
    let recipient = jwk(&v["recipient_key"]);
    let ephemeral = jwk(&v["sender_ephemeral_key"]);
    let token = JweBuilder::new(b"Alice to Bob", Enc::A128Gcm)
        .recipient(
            Recipient::new(&recipient.public().unwrap(), Alg::EcdhEs)
                .apu(&b"Alice"[..])
                .apv(&b"Bob"[..])
                .fixed(Fixed {
                    ephemeral: Some(ephemeral),
                    ..Fixed::default()
                }),
        )
        .compact()
        .unwrap();
    let out = all().decrypt(&token, &recipient).unwrap();
    assert_eq!(out.plaintext(), b"Alice to Bob");
    assert_eq!(
        out.header("epk").unwrap()["x"],
        v["protected_header"]["epk"]["x"]
    );
    // The CEK is the RFC's derived key.
    let parts: Vec<&str> = token.split('.').collect();
    let plain = content::decrypt(
        Enc::A128Gcm,
        &b64(&v["derived_key_b64u"]),
        &base64url::decode(parts[2]).unwrap(),
        parts[0].as_bytes(),
        &base64url::decode(parts[3]).unwrap(),
        &base64url::decode(parts[4]).unwrap(),
    )
    .unwrap();
    assert_eq!(plain, b"Alice to Bob");
}

// ---- RFC 7520 §5 ----

/// Every output form of a cookbook example decrypts to its plaintext; the compact one
/// also resists tampering.
fn decrypts(v: &Value, key: &Jwk) {
    let plaintext = text(&v["input"]["plaintext"]);
    let out = &v["output"];
    if let Some(compact) = out["compact"].as_str() {
        assert_eq!(all().decrypt(compact, key).unwrap().plaintext(), plaintext);
        assert_tampering_fails(compact, key, &all());
    }
    for form in ["json", "json_flat"] {
        if out[form].is_object() {
            let token = out[form].to_string();
            assert_eq!(
                all().decrypt(&token, key).unwrap().plaintext(),
                plaintext,
                "{form}"
            );
        }
    }
}

/// Every integrity-protected part of a JSON serialization, changed, must fail: the
/// protected header (and each of its members), `aad`, `iv`, `ciphertext`, `tag`, and
/// the encrypted key of the recipient `key` decrypts.
fn assert_json_tampering_fails(token: &Value, key: &Jwk) {
    let d = all();
    let index = d
        .decrypt(&token.to_string(), key)
        .unwrap()
        .recipient_index();
    let swap = |v: &mut Value| {
        let text = v.as_str().unwrap().to_owned();
        *v = match text.chars().next() {
            None => "AAAA".into(),
            Some(c) => format!("{}{}", if c == 'A' { 'B' } else { 'A' }, &text[1..]).into(),
        };
    };
    let mut targets: Vec<Vec<&str>> = ["protected", "aad", "iv", "ciphertext", "tag"]
        .iter()
        .filter(|m| token.get(**m).is_some())
        .map(|m| vec![*m])
        .collect();
    let index_text = index.to_string();
    if token.get("recipients").is_some() {
        targets.push(vec!["recipients", &index_text, "encrypted_key"]);
    } else {
        targets.push(vec!["encrypted_key"]);
    }
    for path in targets {
        let mut changed = token.clone();
        let mut slot = &mut changed;
        for step in &path {
            slot = match step.parse::<usize>() {
                Ok(i) => &mut slot[i],
                Err(_) => &mut slot[*step],
            };
        }
        if slot.is_null() {
            *slot = "AAAA".into();
        } else {
            swap(slot);
        }
        assert!(
            d.decrypt(&changed.to_string(), key).is_err(),
            "{path:?} changed"
        );
    }
    if let Some(protected) = token["protected"].as_str() {
        let header: serde_json::Map<String, Value> =
            serde_json::from_slice(&base64url::decode(protected).unwrap()).unwrap();
        for name in header.keys() {
            let mut edited = header.clone();
            edited.insert(name.clone(), Value::String("changed".into()));
            let mut changed = token.clone();
            changed["protected"] = base64url::encode(Value::Object(edited).to_string()).into();
            assert!(
                d.decrypt(&changed.to_string(), key).is_err(),
                "protected {name} changed"
            );
        }
    }
}

/// The builder, with the example's CEK and IV, writes every output form exactly.
fn reproduces(v: &Value, builder: JweBuilder<'_>) {
    let out = &v["output"];
    if let Some(compact) = out["compact"].as_str() {
        assert_eq!(builder.compact().unwrap(), compact);
    }
    if out["json"].is_object() {
        // RFC 7516 §7.2.1 wants `recipients` even when its only entry is `{}` (dir,
        // bare ECDH-ES); the cookbook's general form leaves it out there.
        let mut expected = out["json"].clone();
        if expected.get("recipients").is_none() {
            expected["recipients"] = serde_json::json!([{}]);
        }
        json_eq(&builder.json_general().unwrap(), &expected);
    }
    if out["json_flat"].is_object() {
        json_eq(&builder.json_flattened().unwrap(), &out["json_flat"]);
    }
}

fn enc_of(v: &Value) -> Enc {
    Enc::from_name(
        v["encrypting_content"]["protected"]["enc"]
            .as_str()
            .unwrap(),
    )
    .unwrap()
}

/// The content layer alone reproduces the ciphertext and tag (for the RSA examples,
/// whose key encryption is randomized).
fn content_layer_reproduces(v: &Value, plaintext: &[u8]) {
    let c = &v["encrypting_content"];
    let sealed = content::encrypt_with_iv(
        enc_of(v),
        &b64(&v["generated"]["cek"]),
        b64(&v["generated"]["iv"]),
        text(&c["protected_b64u"]),
        plaintext,
    )
    .unwrap();
    assert_eq!(sealed.ciphertext, b64(&c["ciphertext"]));
    assert_eq!(sealed.tag, b64(&c["tag"]));
}

#[test]
fn rfc7520_5_1_rsa1_5() {
    let v = cookbook("5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json");
    decrypts(&v, &jwk(&v["input"]["key"]));
    content_layer_reproduces(&v, text(&v["input"]["plaintext"]));
}

#[test]
fn rfc7520_5_2_rsa_oaep() {
    let v = cookbook("5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json");
    decrypts(&v, &jwk(&v["input"]["key"]));
    content_layer_reproduces(&v, text(&v["input"]["plaintext"]));
}

fn fixed_builder<'a>(v: &'a Value, recipient: Recipient<'a>) -> JweBuilder<'a> {
    let g = &v["generated"];
    let cek = g.get("cek").map(b64);
    JweBuilder::new(text(&v["input"]["plaintext"]), enc_of(v))
        .fixed_content(cek, b64(&g["iv"]))
        .recipient(recipient)
}

#[test]
fn rfc7520_5_3_pbes2() {
    let v = cookbook("5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json");
    let password = Jwk::from_json(&format!(
        r#"{{"kty":"oct","k":"{}"}}"#,
        base64url::encode(v["input"]["pwd"].as_str().unwrap())
    ))
    .unwrap();
    let k = &v["encrypting_key"];
    let p2c = u32::try_from(k["iteration_count"].as_u64().unwrap()).unwrap();
    let recipient = Recipient::new(&password, Alg::Pbes2Hs512A256Kw)
        .p2c(p2c)
        .fixed(Fixed {
            p2s: Some(b64(&k["salt"])),
            ..Fixed::default()
        });
    reproduces(&v, fixed_builder(&v, recipient).cty("jwk-set+json"));
    decrypts(&v, &password);
}

#[test]
fn rfc7520_5_4_ecdh_es_a128kw() {
    let v = cookbook(
        "5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json",
    );
    let key = jwk(&v["input"]["key"]);
    let ephemeral = jwk(&v["encrypting_key"]["epk"]);
    let recipient = Recipient::new(&key, Alg::EcdhEsA128Kw).fixed(Fixed {
        ephemeral: Some(ephemeral),
        ..Fixed::default()
    });
    reproduces(&v, fixed_builder(&v, recipient));
    decrypts(&v, &key);
}

#[test]
fn rfc7520_5_5_ecdh_es_direct() {
    let v = cookbook("5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json");
    let key = jwk(&v["input"]["key"]);
    let ephemeral = jwk(&v["encrypting_key"]["epk"]);
    let recipient = Recipient::new(&key, Alg::EcdhEs).fixed(Fixed {
        ephemeral: Some(ephemeral),
        ..Fixed::default()
    });
    let g = &v["generated"];
    let builder = JweBuilder::new(text(&v["input"]["plaintext"]), enc_of(&v))
        .fixed_content(None, b64(&g["iv"]))
        .recipient(recipient);
    reproduces(&v, builder);
    decrypts(&v, &key);
}

#[test]
fn rfc7520_5_6_dir() {
    let v = cookbook("5_6.direct_encryption_using_aes-gcm.json");
    let key = jwk(&v["input"]["key"]);
    reproduces(&v, fixed_builder(&v, Recipient::new(&key, Alg::Dir)));
    decrypts(&v, &key);
}

#[test]
fn rfc7520_5_7_a256gcmkw() {
    let v = cookbook("5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json");
    let key = jwk(&v["input"]["key"]);
    let iv = b64(&v["encrypting_key"]["iv"]);
    let recipient = Recipient::new(&key, Alg::A256GcmKw).fixed(Fixed {
        iv: Some(iv),
        ..Fixed::default()
    });
    reproduces(&v, fixed_builder(&v, recipient));
    decrypts(&v, &key);
}

#[test]
fn rfc7520_5_8_a128kw() {
    let v = cookbook("5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json");
    let key = jwk(&v["input"]["key"]);
    reproduces(&v, fixed_builder(&v, Recipient::new(&key, Alg::A128Kw)));
    decrypts(&v, &key);
}

#[test]
fn rfc7520_5_9_compressed() {
    let v = cookbook("5_9.compressed_content.json");
    let key = jwk(&v["input"]["key"]);
    decrypts(&v, &key);
    // Another DEFLATE encoder may produce other bytes, so the content layer is checked
    // with the example's compressed plaintext, and that plaintext inflates to the input.
    let packed = b64(&v["generated"]["plaintext_c"]);
    assert_eq!(
        zip::inflate(&packed, 1 << 20).unwrap(),
        text(&v["input"]["plaintext"])
    );
    content_layer_reproduces(&v, &packed);
    // Our own compressed encryption round-trips.
    let ours = fixed_builder(&v, Recipient::new(&key, Alg::A128Kw))
        .deflate()
        .compact()
        .unwrap();
    assert_eq!(
        all().decrypt(&ours, &key).unwrap().plaintext(),
        text(&v["input"]["plaintext"])
    );
}

#[test]
fn rfc7520_5_10_aad() {
    let v = cookbook("5_10.including_additional_authentication_data.json");
    let key = jwk(&v["input"]["key"]);
    let aad = text(&v["input"]["aad"]);
    reproduces(
        &v,
        fixed_builder(&v, Recipient::new(&key, Alg::A128Kw)).aad(aad),
    );
    decrypts(&v, &key);
    // The aad is authenticated.
    let mut changed = v["output"]["json"].clone();
    changed["aad"] = base64url::encode(b"[\"vcard\"]").into();
    let err = all().decrypt(&changed.to_string(), &key).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DecryptionFailed);
}

#[test]
fn rfc7520_5_11_and_5_12_unprotected_headers() {
    for name in [
        "5_11.protecting_specific_header_fields.json",
        "5_12.protecting_content_only.json",
    ] {
        let v = cookbook(name);
        let key = jwk(&v["input"]["key"]);
        decrypts(&v, &key);
        let out = all()
            .decrypt(&v["output"]["json"].to_string(), &key)
            .unwrap();
        assert_eq!(out.shared_header().alg(), Some(Alg::A128Kw), "{name}");
        // Another enc: a duplicate of the protected one (5.11), or a CEK of the wrong
        // length (5.12, where nothing is integrity protected but the content).
        let mut moved = v["output"]["json"].clone();
        moved["unprotected"]["enc"] = "A256GCM".into();
        assert!(all().decrypt(&moved.to_string(), &key).is_err(), "{name}");
    }
}

#[test]
fn rfc7520_5_13_three_recipients() {
    let v = cookbook("5_13.encrypting_to_multiple_recipients.json");
    let token = v["output"]["json"].to_string();
    let keys: Vec<Jwk> = v["input"]["key"]
        .as_array()
        .unwrap()
        .iter()
        .map(jwk)
        .collect();
    for (index, key) in keys.iter().enumerate() {
        let out = all().decrypt(&token, key).unwrap();
        assert_eq!(out.plaintext(), text(&v["input"]["plaintext"]));
        assert_eq!(out.recipient_index(), index);
        assert_eq!(out.cty(), Some("text/plain"));
        assert_json_tampering_fails(&v["output"]["json"], key);
    }
    let set = JwkSet::new(keys[1..].to_vec());
    assert_eq!(all().decrypt(&token, &set).unwrap().recipient_index(), 1);
    // Unrelated keys: every recipient is tried and the failure says so.
    let stranger = Jwk::generate_oct(256).unwrap();
    assert!(all().decrypt(&token, &stranger).is_err());
    // RSA keys of the other examples do not decrypt it.
    assert!(all().decrypt(&token, rsa_key()).is_err());
}

#[test]
fn rfc8037_x25519_ecdh_es() {
    let v = load("rfc7520/curve25519/ecdh-es.json");
    let key = jwk(&v["input"]["key"]);
    decrypts(&v, &key);
}

/// RFC 8037 A.6/A.7: encrypting with the example's ephemeral key gives the example's
/// `epk`, and the CEK is the Concat KDF of the example's Z (checked by decrypting the
/// content with it, which needs no recipient private key).
fn rfc8037_ecdh(id: &str) -> (Value, String) {
    let v = rfc("rfc8037_appendix_a.json", id);
    let recipient = jwk(&v["recipient_public_key"]);
    let ephemeral = jwk(&v["ephemeral_private_jwk"]);
    let token = JweBuilder::new(b"to the recipient", Enc::A128Gcm)
        .recipient(Recipient::new(&recipient, Alg::EcdhEs).fixed(Fixed {
            ephemeral: Some(ephemeral),
            ..Fixed::default()
        }))
        .compact()
        .unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    let header: Value = serde_json::from_slice(&base64url::decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["epk"], v["epk"]);
    assert_eq!(header["kid"], v["recipient_public_key"]["kid"]);
    let z = hex(v["z_hex"].as_str().unwrap());
    let cek = key_management::kdf(Alg::EcdhEs, Enc::A128Gcm, &z, b"", b"").unwrap();
    let plain = content::decrypt(
        Enc::A128Gcm,
        &cek,
        &base64url::decode(parts[2]).unwrap(),
        parts[0].as_bytes(),
        &base64url::decode(parts[3]).unwrap(),
        &base64url::decode(parts[4]).unwrap(),
    )
    .unwrap();
    assert_eq!(plain, b"to the recipient");
    (v, token)
}

#[test]
fn rfc8037_a6_x25519_shared_secret() {
    let (_, token) = rfc8037_ecdh("rfc8037-A.6");
    // Bob's private key is the one of the curve25519 cookbook example.
    let bob = jwk(&load("rfc7520/curve25519/ecdh-es.json")["input"]["key"]);
    assert_eq!(
        all().decrypt(&token, &bob).unwrap().plaintext(),
        b"to the recipient"
    );
}

#[cfg(feature = "curve448")]
#[test]
fn rfc8037_a7_x448_shared_secret() {
    rfc8037_ecdh("rfc8037-A.7");
}
