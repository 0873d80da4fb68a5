//! The floor must accept exactly what jwt-core issues, or the ratios mean nothing.

use jwt_bench::{
    app_claims, encrypted, floor, key, oct_bytes, pem_der, plain_claims, private_member, signed,
};
use jwt_core::{ContentEncryptionAlgorithm as Enc, KeyManagementAlgorithm as Kma};

#[test]
fn floor_jws_accepts_jwt_core_tokens_and_rejects_tampering() {
    let expected = plain_claims(&app_claims());
    let k = key("HS256", "k");
    let token = signed(&k);
    let fl = floor::Jws::hs256(&oct_bytes(&k));
    assert_eq!(fl.decode(&token).unwrap(), expected);
    // A character in the middle of the signature: the last one may carry only unused
    // bits, and then the strict decoder, not the MAC, would refuse the token.
    let at = token.rfind('.').unwrap() + 10;
    let mut tampered = token.clone();
    let flipped = if &token[at..=at] == "A" { "B" } else { "A" };
    tampered.replace_range(at..=at, flipped);
    assert!(fl.decode(&tampered).is_err());
    for alg in ["ES256", "EdDSA"] {
        let k = key(alg, "k");
        let fl = floor::Jws::public(alg, &pem_der(&k.to_public_pem().unwrap()));
        assert_eq!(fl.decode(&signed(&k)).unwrap(), expected);
    }
}

#[test]
fn floor_jwe_accepts_jwt_core_tokens() {
    let expected = plain_claims(&app_claims());
    let mut dir = key("A256GCM", "k");
    dir.set_alg("dir").unwrap();
    let fl = floor::Jwe::dir(&oct_bytes(&dir));
    assert_eq!(
        fl.decode(&encrypted(&dir, Kma::Dir, Enc::A256Gcm)).unwrap(),
        expected
    );

    let kw = key("A256KW", "k");
    let fl = floor::Jwe::a256kw(&oct_bytes(&kw));
    let token = encrypted(&kw, Kma::A256Kw, Enc::A256CbcHs512);
    assert_eq!(fl.decode(&token).unwrap(), expected);

    let ec = key("ECDH-ES+A256KW", "k");
    let token = encrypted(&ec.public().unwrap(), Kma::EcdhEsA256Kw, Enc::A256Gcm);
    let fl = floor::Jwe::ecdh_es(&private_member(&ec, "d"));
    assert_eq!(fl.decode(&token).unwrap(), expected, "{token}");
}

#[test]
fn floor_rsa_oaep_accepts_jwt_core_tokens() {
    let rsa = key("RSA-OAEP-256", "k");
    let token = encrypted(&rsa.public().unwrap(), Kma::RsaOaep256, Enc::A256Gcm);
    let fl = floor::Jwe::rsa_oaep_256(&pem_der(&rsa.to_pem().unwrap()));
    assert_eq!(fl.decode(&token).unwrap(), plain_claims(&app_claims()));
}
