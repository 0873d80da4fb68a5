//! ML-DSA (RFC 9964) through the public API: `AKP` keys (import and every rejection,
//! thumbprints, the public form, sets, PEM), JWS in every serialization, the JWT layer,
//! and the refusals every other algorithm has (tampering, allow-list, wrong parameter
//! set, wrong key type, signature length). The RFC's examples are in
//! `tests/vectors/ml-dsa/`. Without the `pq` feature, only the refusals of
//! `without_the_feature` run.

#[cfg(feature = "pq")]
mod with_the_feature {
    use jwt_core::jws::{JwsBuilder, JwsVerifier};
    use jwt_core::{
        base64url, ErrorKind, Jwk, JwkSet, Jwt, KeyType, SignatureAlgorithm, ThumbprintHash,
        Verifier,
    };
    use jwt_tests::vectors::load;
    use serde_json::{json, Map, Value};

    const ALGS: [SignatureAlgorithm; 3] = [
        SignatureAlgorithm::MlDsa44,
        SignatureAlgorithm::MlDsa65,
        SignatureAlgorithm::MlDsa87,
    ];

    fn example(alg: SignatureAlgorithm) -> Value {
        let n = &alg.name()["ML-DSA-".len()..];
        load(&format!("ml-dsa/ML_DSA_{n}.jose.json"))
    }

    fn err(v: &Value) -> jwt_core::Error {
        match Jwk::from_json(&v.to_string()) {
            Ok(k) => panic!("accepted {k:?}"),
            Err(e) => e,
        }
    }

    fn with(mut v: Value, name: &str, value: Value) -> Value {
        v[name] = value;
        v
    }

    fn without(mut v: Value, name: &str) -> Value {
        v.as_object_mut().unwrap().remove(name);
        v
    }

    /// Flips one bit of the signature segment's first byte.
    fn tamper_signature(token: &str) -> String {
        let (signed, sig) = token.rsplit_once('.').unwrap();
        let mut bytes = base64url::decode(sig).unwrap();
        bytes[0] ^= 1;
        format!("{signed}.{}", base64url::encode(&bytes))
    }

    #[test]
    fn rfc9964_examples_keys_thumbprints_and_signatures() {
        for alg in ALGS {
            let ex = example(alg);
            let jwk = &ex["jwk"];
            let private = Jwk::from_json(&jwk.to_string()).unwrap();
            assert_eq!(private.key_type(), KeyType::Akp);
            assert_eq!(private.alg(), Some(alg.name()));
            assert!(private.is_private());
            // RFC 9964 §6: the thumbprint covers alg, kty and pub; the example's kid is it.
            assert_eq!(private.thumbprint(ThumbprintHash::Sha256), jwk["kid"]);
            let public = private.public().unwrap();
            assert!(!public.is_private());
            assert_eq!(public.thumbprint(ThumbprintHash::Sha256), jwk["kid"]);
            let exported: Value = serde_json::from_str(&public.to_json()).unwrap();
            assert_eq!(exported, without(jwk.clone(), "priv"));
            // The private key writes back exactly what it read.
            let again: Value = serde_json::from_str(&private.to_json()).unwrap();
            assert_eq!(&again, jwk);

            let token = ex["jws"].as_str().unwrap();
            let verifier = JwsVerifier::new([alg]);
            let verified = verifier.verify(token, &public).unwrap();
            assert_eq!(
                verified.payload(),
                "It’s a dangerous business, Frodo, going out your door.".as_bytes()
            );
            assert_eq!(verified.header().kid(), jwk["kid"].as_str());
            assert_eq!(
                verifier
                    .verify(&tamper_signature(token), &public)
                    .unwrap_err()
                    .kind(),
                ErrorKind::BadSignature
            );
            let (header, rest) = token.split_once('.').unwrap();
            let (_, sig) = rest.split_once('.').unwrap();
            let other_payload = format!("{header}.{}.{sig}", base64url::encode(b"Frodo"));
            assert_eq!(
                verifier.verify(&other_payload, &public).unwrap_err().kind(),
                ErrorKind::BadSignature
            );
            // The private key verifies too, and a set finds the key by the token's kid.
            verifier.verify(token, &private).unwrap();
            let set = JwkSet::from_json(
                &json!({"keys": [
                    Jwk::generate_for("ES256").unwrap().with_thumbprint_kid().public().unwrap().to_value(),
                    public.clone().with_thumbprint_kid().to_value(),
                ]})
                .to_string(),
            )
            .unwrap();
            assert_eq!(set.keys().len(), 2);
            assert!(set.skipped().is_empty());
            assert_eq!(
                set.find(jwk["kid"].as_str().unwrap()).unwrap().key_type(),
                KeyType::Akp
            );
            verifier.verify(token, &set).unwrap();
        }
    }

    #[test]
    fn import_refuses_what_rfc9964_does_not_allow() {
        let jwk = example(SignatureAlgorithm::MlDsa44)["jwk"].clone();
        let public = without(jwk.clone(), "priv");
        let check = |v: Value, kind: ErrorKind, words: &str| {
            let e = err(&v);
            assert_eq!(e.kind(), kind, "{e}");
            assert!(e.message().contains(words), "{e} should say {words:?}");
        };
        // `alg` is required (RFC 9964 §3) and names one of the three algorithms.
        check(
            without(jwk.clone(), "alg"),
            ErrorKind::InvalidKey,
            "\"alg\"",
        );
        check(
            with(jwk.clone(), "alg", json!("ML-DSA-99")),
            ErrorKind::UnsupportedAlg,
            "ML-DSA-99",
        );
        check(
            with(jwk.clone(), "alg", json!("ml-dsa-44")),
            ErrorKind::UnsupportedAlg,
            "ml-dsa-44",
        );
        for other in ["ES256", "EdDSA", "HS256", "RSA-OAEP", "A128GCM"] {
            check(
                with(jwk.clone(), "alg", json!(other)),
                ErrorKind::KeyTypeMismatch,
                other,
            );
        }
        check(
            with(jwk.clone(), "alg", json!(1)),
            ErrorKind::InvalidKey,
            "alg",
        );
        // The pub of ML-DSA-44 is not one of ML-DSA-65 (lengths per parameter set).
        check(
            with(public.clone(), "alg", json!("ML-DSA-65")),
            ErrorKind::InvalidKey,
            "pub",
        );
        // pub: required, exact length, base64url.
        check(
            without(jwk.clone(), "pub"),
            ErrorKind::InvalidKey,
            "\"pub\"",
        );
        let pub_bytes = base64url::decode(jwk["pub"].as_str().unwrap()).unwrap();
        check(
            with(
                public.clone(),
                "pub",
                json!(base64url::encode(&pub_bytes[1..])),
            ),
            ErrorKind::InvalidKey,
            "pub",
        );
        let mut longer = pub_bytes.clone();
        longer.push(0);
        check(
            with(public.clone(), "pub", json!(base64url::encode(&longer))),
            ErrorKind::InvalidKey,
            "pub",
        );
        check(
            with(public.clone(), "pub", json!("not base64url!")),
            ErrorKind::InvalidKey,
            "pub",
        );
        // priv: the 32-byte seed, and it must expand to pub.
        check(
            with(jwk.clone(), "priv", json!(base64url::encode([0u8; 31]))),
            ErrorKind::InvalidKey,
            "priv",
        );
        check(
            with(jwk.clone(), "priv", json!(base64url::encode([0u8; 2560]))),
            ErrorKind::InvalidKey,
            "priv",
        );
        check(
            with(jwk.clone(), "priv", json!(base64url::encode([1u8; 32]))),
            ErrorKind::InvalidKey,
            "is not the ML-DSA-44 public key of the seed",
        );
        // The private members of other key types are not AKP members, and `priv` is not
        // a member of other key types (`public()` would not know to remove it).
        check(
            with(public.clone(), "d", json!(base64url::encode([0u8; 32]))),
            ErrorKind::InvalidKey,
            "\"d\"",
        );
        let ec = Jwk::generate_for("ES256")
            .unwrap()
            .public()
            .unwrap()
            .to_value();
        check(
            with(ec, "priv", json!(base64url::encode([0u8; 32]))),
            ErrorKind::InvalidKey,
            "\"priv\"",
        );
        // The key's alg is part of it: it cannot be changed to another parameter set.
        let mut key = Jwk::from_value(&public).unwrap();
        assert_eq!(
            key.set_alg("ML-DSA-65").unwrap_err().kind(),
            ErrorKind::KeyTypeMismatch
        );
        assert_eq!(
            key.set_alg("ES256").unwrap_err().kind(),
            ErrorKind::KeyTypeMismatch
        );
        key.set_alg("ML-DSA-44").unwrap();
        // `use: enc` conflicts with a signature alg.
        assert_eq!(
            err(&with(public, "use", json!("enc"))).kind(),
            ErrorKind::InvalidKey
        );
    }

    #[test]
    fn generated_keys_fit_their_algorithm_and_nothing_else() {
        for alg in ALGS {
            let key = Jwk::generate_for(alg.name()).unwrap();
            assert_eq!(key.key_type(), KeyType::Akp);
            assert_eq!(key.alg(), Some(alg.name()));
            let v = key.to_value();
            assert_eq!(
                base64url::decode(v["priv"].as_str().unwrap())
                    .unwrap()
                    .len(),
                32
            );
            let same = Jwk::generate_akp(alg).unwrap();
            assert_ne!(same.to_json(), key.to_json());
            assert_eq!(
                Jwk::from_json(&key.to_json()).unwrap().to_json(),
                key.to_json()
            );
        }
        assert_eq!(
            Jwk::generate_akp(SignatureAlgorithm::ES256)
                .unwrap_err()
                .kind(),
            ErrorKind::KeyTypeMismatch
        );
    }

    #[test]
    fn jwt_round_trip_through_the_verifier() {
        for alg in ALGS {
            let key = Jwk::generate_for(alg.name()).unwrap().with_thumbprint_kid();
            let mut claims = Map::new();
            claims.insert("sub".into(), json!("pq"));
            claims.insert("exp".into(), json!(4_000_000_000_i64));
            let token = Jwt::new(claims).sign(&key).unwrap();
            let header = base64url::decode(token.split('.').next().unwrap()).unwrap();
            let header: Value = serde_json::from_slice(&header).unwrap();
            assert_eq!(header["alg"], alg.name());
            let verifier = Verifier::<Map<String, Value>>::builder(key.public().unwrap())
                .build()
                .unwrap();
            assert_eq!(verifier.verify(&token).unwrap().claims()["sub"], "pq");
            assert_eq!(
                verifier
                    .verify(&tamper_signature(&token))
                    .unwrap_err()
                    .kind(),
                ErrorKind::BadSignature
            );
        }
    }

    #[test]
    fn wrong_parameter_set_wrong_key_type_and_the_allow_list() {
        let k44 = Jwk::generate_for("ML-DSA-44").unwrap();
        let k65 = Jwk::generate_for("ML-DSA-65").unwrap();
        let ed = Jwk::generate_for("Ed25519").unwrap();
        let sign = |key: &Jwk, alg| {
            JwsBuilder::new(b"payload".as_slice())
                .sign(key, alg, Default::default(), None)
                .unwrap()
                .compact()
                .unwrap()
        };
        let t44 = sign(&k44, SignatureAlgorithm::MlDsa44);
        let both = JwsVerifier::new([SignatureAlgorithm::MlDsa44, SignatureAlgorithm::MlDsa65]);
        // A token of one parameter set and a key of another.
        let e = both.verify(&t44, &k65.public().unwrap()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch, "{e}");
        // Signing with a key of another parameter set, or another key type.
        for (key, alg) in [
            (&k44, SignatureAlgorithm::MlDsa65),
            (&ed, SignatureAlgorithm::MlDsa44),
            (&k44, SignatureAlgorithm::Ed25519),
        ] {
            let e = JwsBuilder::new(b"x".as_slice())
                .sign(key, alg, Default::default(), None)
                .unwrap_err();
            assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch, "{alg}: {e}");
        }
        // An Ed25519 key for an ML-DSA token, an ML-DSA key for an Ed25519 token.
        let e = both.verify(&t44, &ed.public().unwrap()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch, "{e}");
        let ted = sign(&ed, SignatureAlgorithm::Ed25519);
        let e = JwsVerifier::new([SignatureAlgorithm::Ed25519])
            .verify(&ted, &k44.public().unwrap())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch, "{e}");
        // The header says ML-DSA-65 over an ML-DSA-44 signature: the key's alg refuses.
        let (_, rest) = t44.split_once('.').unwrap();
        let relabelled = format!("{}.{rest}", base64url::encode(br#"{"alg":"ML-DSA-65"}"#));
        let e = both
            .verify(&relabelled, &k44.public().unwrap())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::KeyTypeMismatch, "{e}");
        // Not in the allow-list.
        let e = JwsVerifier::new([SignatureAlgorithm::MlDsa65])
            .verify(&t44, &k44.public().unwrap())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::AlgNotAllowed, "{e}");
        let e = JwsVerifier::new([SignatureAlgorithm::EdDSA])
            .verify(&t44, &k44.public().unwrap())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::AlgNotAllowed, "{e}");
    }

    #[test]
    fn signature_lengths_are_exact_and_bounded() {
        let key = Jwk::generate_for("ML-DSA-44").unwrap();
        let public = key.public().unwrap();
        let token = JwsBuilder::new(b"payload".as_slice())
            .sign(&key, SignatureAlgorithm::MlDsa44, Default::default(), None)
            .unwrap()
            .compact()
            .unwrap();
        let verifier = JwsVerifier::new([SignatureAlgorithm::MlDsa44]);
        let (signed, sig) = token.rsplit_once('.').unwrap();
        let sig = base64url::decode(sig).unwrap();
        assert_eq!(sig.len(), 2420);
        for len in [0, 1, 64, 2419] {
            let mut other = sig.clone();
            other.resize(len, 7);
            let forged = format!("{signed}.{}", base64url::encode(&other));
            let e = verifier.verify(&forged, &public).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::BadSignature, "{len}: {e}");
        }
        // Beyond the longest ML-DSA-44 signature: refused before decoding.
        for len in [2421, 3000] {
            let huge = format!("{signed}.{}", base64url::encode(vec![0u8; len]));
            let e = verifier.verify(&huge, &public).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::LimitExceeded, "{e}");
        }
        // ML-DSA-87's 4,627 bytes are accepted as a length, and no more.
        let k87 = Jwk::generate_for("ML-DSA-87").unwrap();
        let t87 = JwsBuilder::new(b"payload".as_slice())
            .sign(&k87, SignatureAlgorithm::MlDsa87, Default::default(), None)
            .unwrap()
            .compact()
            .unwrap();
        let v87 = JwsVerifier::new([SignatureAlgorithm::MlDsa87]);
        v87.verify(&t87, &k87).unwrap();
        let (signed87, _) = t87.rsplit_once('.').unwrap();
        let over = format!("{signed87}.{}", base64url::encode(vec![0u8; 4628]));
        assert_eq!(
            v87.verify(&over, &k87).unwrap_err().kind(),
            ErrorKind::LimitExceeded
        );
    }

    #[test]
    fn pem_round_trips_and_keeps_the_thumbprint() {
        for alg in ALGS {
            let key = Jwk::generate_for(alg.name()).unwrap();
            let pem = key.to_pem().unwrap();
            assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
            let back = Jwk::from_pem(&pem).unwrap();
            assert_eq!(back.to_json(), key.to_json());
            let public_pem = key.to_public_pem().unwrap();
            assert!(public_pem.starts_with("-----BEGIN PUBLIC KEY-----"));
            let public = Jwk::from_pem(&public_pem).unwrap();
            assert_eq!(public.alg(), Some(alg.name()));
            assert_eq!(
                public.thumbprint(ThumbprintHash::Sha256),
                key.thumbprint(ThumbprintHash::Sha256)
            );
        }
    }
}

/// Without the `pq` feature, ML-DSA is named but not compiled in: keys are unsupported
/// (a set skips them) and the algorithms are refused.
#[cfg(not(feature = "pq"))]
mod without_the_feature {
    use jwt_core::jws::JwsVerifier;
    use jwt_core::{ErrorKind, Jwk, JwkSet, SignatureAlgorithm};
    use jwt_tests::vectors::load;

    #[test]
    fn akp_keys_and_ml_dsa_are_refused_by_name() {
        let jwk = load("ml-dsa/ML_DSA_44.jose.json")["jwk"].clone();
        let e = Jwk::from_json(&jwk.to_string()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedKey);
        assert!(e.message().contains("pq"), "{e}");
        let set = JwkSet::from_json(&serde_json::json!({ "keys": [jwk] }).to_string()).unwrap();
        assert_eq!((set.keys().len(), set.skipped().len()), (0, 1));
        let e = Jwk::generate_for("ML-DSA-65").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedAlg);
        let token = load("ml-dsa/ML_DSA_44.jose.json")["jws"]
            .as_str()
            .unwrap()
            .to_owned();
        let key = Jwk::generate_for("ES256").unwrap();
        let e = JwsVerifier::new([SignatureAlgorithm::MlDsa44])
            .verify(&token, &key)
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::UnsupportedAlg);
        assert!(e.message().contains("pq"), "{e}");
    }
}
