//! The token profiles a web backend meets, end to end with one authorization server key:
//! an RFC 9068 access token bound to the client's DPoP key (RFC 9449), the client's proof
//! for one request checked against it, the same proof refused when replayed, and an
//! OpenID Connect ID token checked for its nonce and its `at_hash`.

use jwt_core::dpop::{access_token_hash, confirmation_thumbprint, DpopRequest, DpopVerifier};
use jwt_core::oidc::{token_hash, IdTokenClaims, IdTokenContext, IdTokenVerifier};
use jwt_core::{
    AccessTokenClaims, FixedClock, Jwk, Jwt, NumericDate, SignatureAlgorithm, ThumbprintHash,
    Verifier,
};
use serde_json::json;

const NOW: i64 = 1_700_000_000;
const ISSUER: &str = "https://as.example.com";
const API: &str = "https://api.example.com";

fn main() -> jwt_core::Result<()> {
    let server_key = Jwk::generate_for("ES256")?;
    let client_key = Jwk::generate_for("ES256")?;
    let clock = FixedClock::at(NOW);

    // The authorization server issues an access token bound to the client's key.
    let mut claims = AccessTokenClaims::new(
        ISSUER,
        NumericDate::from_seconds(NOW + 300),
        API,
        "alice",
        "web-app",
        NumericDate::from_seconds(NOW),
        "at-1",
    );
    claims.extra.insert(
        "cnf".into(),
        json!({"jkt": client_key.thumbprint(ThumbprintHash::Sha256)}),
    );
    let access_token = Jwt::new(claims).sign(&server_key)?;

    // The client proves possession of its key for one request.
    let proof_claims = json!({"jti": "p-1", "htm": "GET", "htu": format!("{API}/orders"),
        "iat": NOW, "ath": access_token_hash(&access_token)});
    let proof = Jwt::new(proof_claims.as_object().cloned().unwrap_or_default())
        .with_typ("dpop+jwt")
        .with_header("jwk", client_key.public()?.to_value())
        .sign(&client_key)?;

    // The resource server: the access token first, then the proof bound to it.
    let tokens = Verifier::<AccessTokenClaims>::builder(server_key.public()?)
        .issuer(ISSUER)
        .audience(API)
        .clock(clock)
        .build()?;
    let proofs = DpopVerifier::builder().clock(clock).build()?;
    let token = tokens.verify(&access_token)?;
    let jkt = confirmation_thumbprint(token.claims())?;
    let request = DpopRequest::new("GET", "https://API.example.com:443/orders?page=2")
        .access_token(&access_token)
        .bound_to(&jkt);
    let verified = proofs.verify(&proof, request)?;
    println!(
        "access token for {} via {}, proof by key {}",
        token.claims().sub,
        token.claims().client_id,
        verified.jkt()
    );
    match proofs.verify(&proof, request) {
        Ok(_) => println!("replayed proof: accepted"),
        Err(e) => println!(
            "replayed proof: rejected, {} ({:?})",
            e.kind(),
            e.claim_name()
        ),
    }
    // The access token is no proof: its typ says what it is.
    match proofs.verify(
        &access_token,
        DpopRequest::new("GET", &format!("{API}/orders")),
    ) {
        Ok(_) => println!("access token as proof: accepted"),
        Err(e) => println!("access token as proof: rejected, {}", e.kind()),
    }

    // An ID token issued with the same access token (implicit or hybrid flow).
    let mut id_claims = IdTokenClaims::new(
        ISSUER,
        "alice",
        "web-app",
        NumericDate::from_seconds(NOW + 300),
        NumericDate::from_seconds(NOW),
    );
    id_claims.nonce = Some("n-0S6".into());
    id_claims.at_hash = Some(token_hash(&access_token, SignatureAlgorithm::ES256, None)?);
    let id_token = Jwt::new(id_claims).sign(&server_key)?;
    let ids = IdTokenVerifier::<IdTokenClaims>::builder(server_key.public()?, ISSUER, "web-app")
        .clock(clock)
        .build()?;
    let context = IdTokenContext::new()
        .nonce("n-0S6")
        .access_token(&access_token);
    println!(
        "ID token for {}",
        ids.verify(&id_token, context)?.claims().sub
    );
    match ids.verify(&id_token, IdTokenContext::new().nonce("n-other")) {
        Ok(_) => println!("ID token with another nonce: accepted"),
        Err(e) => println!(
            "ID token with another nonce: rejected, {} ({:?})",
            e.kind(),
            e.claim_name()
        ),
    }
    Ok(())
}
