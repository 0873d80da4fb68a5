#!/usr/bin/env bash
# Build cost of a JWS-only service: the same small application on jwt-core
# (default-features = false) and on jsonwebtoken 12 (features = ["aws_lc_rs"], with its
# default features), each verifying an HS256 and an RS256 token (RFC 7515 A.1 and A.2)
# with a JWK. Each is built from clean (debug, `cargo build`) in its own fresh target
# directory, one after the other, timed; then its crates are counted with
# `cargo tree --prefix none | sort -u | wc -l`.
#
# The two application crates are written to a temporary directory (they are not part
# of this workspace) with a copy of this repository's Cargo.lock, so that both resolve
# the versions the repository builds with; `cargo fetch` runs before the timing, so the
# times are compile times only. Run it on an otherwise idle machine: the load average is
# printed before each build.
#
# Usage: bench/build-cost.sh        (KEEP=1 keeps the temporary directory)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
if [ "${KEEP:-}" = 1 ]; then
  echo "keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# RFC 7515 A.1 (HS256) and A.2 (RS256): the keys as JWKs (public part only for RSA) and
# the tokens. Their exp (1300819380) is long past: both applications verify at a fixed
# time or without the exp check, which does not change what is built.
hs_jwk='{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}'
hs_token='eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
rs_jwk='{"kty":"RSA","e":"AQAB","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"}'
rs_token='eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw'

constants() {
  cat <<RS
const HS256_JWK: &str = r#"$hs_jwk"#;
const HS256_TOKEN: &str = "$hs_token";
const RS256_JWK: &str = r#"$rs_jwk"#;
const RS256_TOKEN: &str = "$rs_token";
RS
}

# The application on jwt-core, slim: no derive, no JWE, no PEM.
mkdir -p "$work/slim-ours/src"
cat >"$work/slim-ours/Cargo.toml" <<TOML
[package]
name = "slim-ours"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
jwt-core = { path = "$repo/jwt-core", default-features = false }
serde_json = "1"
TOML
{
  constants
  cat <<'RS'

use jwt_core::{FixedClock, Jwk, SignatureAlgorithm, Verifier};
use serde_json::{Map, Value};

fn verify(jwk: &str, alg: SignatureAlgorithm, token: &str) -> jwt_core::Result<Map<String, Value>> {
    let verifier = Verifier::<Map<String, Value>>::builder(Jwk::from_json(jwk)?)
        .algorithms([alg])
        .clock(FixedClock::at(1_300_819_000))
        .build()?;
    Ok(verifier.verify(token)?.claims().clone())
}

fn main() -> jwt_core::Result<()> {
    println!("HS256 {:?}", verify(HS256_JWK, SignatureAlgorithm::HS256, HS256_TOKEN)?);
    println!("RS256 {:?}", verify(RS256_JWK, SignatureAlgorithm::RS256, RS256_TOKEN)?);
    Ok(())
}
RS
} >"$work/slim-ours/src/main.rs"

# The same application on jsonwebtoken 12 with aws-lc-rs.
mkdir -p "$work/slim-jsonwebtoken/src"
cat >"$work/slim-jsonwebtoken/Cargo.toml" <<TOML
[package]
name = "slim-jsonwebtoken"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
jsonwebtoken = { version = "12", features = ["aws_lc_rs"] }
serde_json = "1"
TOML
{
  constants
  cat <<'RS'

use jsonwebtoken::{decode, jwk::Jwk, Algorithm, DecodingKey, Validation};
use serde_json::Value;

fn verify(jwk: &str, alg: Algorithm, token: &str) -> Result<Value, Box<dyn std::error::Error>> {
    let jwk: Jwk = serde_json::from_str(jwk)?;
    let mut validation = Validation::new(alg);
    validation.validate_exp = false;
    Ok(decode::<Value>(token, &DecodingKey::from_jwk(&jwk)?, &validation)?.claims)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("HS256 {:?}", verify(HS256_JWK, Algorithm::HS256, HS256_TOKEN)?);
    println!("RS256 {:?}", verify(RS256_JWK, Algorithm::RS256, RS256_TOKEN)?);
    Ok(())
}
RS
} >"$work/slim-jsonwebtoken/src/main.rs"

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(uname -sm), $(rustc --version)"
for app in slim-ours slim-jsonwebtoken; do
  dir="$work/$app"
  cp "$repo/Cargo.lock" "$dir/Cargo.lock"
  (cd "$dir" && cargo fetch --quiet)
  echo "== $app (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  start=$(date +%s.%N)
  (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo build --quiet)
  end=$(date +%s.%N)
  echo "build: $(awk "BEGIN { printf \"%.1f\", $end - $start }") s"
  echo "crates: $(cd "$dir" && cargo tree --prefix none | sort -u | wc -l)"
  (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo run --quiet)
done
