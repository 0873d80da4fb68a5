//! Helpers shared by the `interop_*` test files (each file uses a subset).
#![allow(dead_code)]

use jwt_core::{Curve, Jwk, KeyType};
use serde_json::Value;
use std::collections::HashMap;

/// Python helpers every interop snippet can prepend: `load_key` reads a JWK or a JWK
/// set from its JSON value, `public` gives the JSON value a peer needs to verify or
/// encrypt (the secret itself for `oct` keys, which have no public form), `key` gives
/// jwcrypto's key for `JWK.generate` arguments, generated once per script.
pub const PY_KEYS: &str = r#"
def load_key(value):
    if "keys" in value:
        return jwk.JWKSet.from_json(json.dumps(value))
    return jwk.JWK(**value)

def public(k):
    if k["kty"] == "oct":
        return json.loads(k.export(private_key=True))
    return json.loads(k.export_public())

def text(data):
    return data.decode("utf-8") if isinstance(data, bytes) else data

def attempt(action):
    try:
        return {"ok": True, "value": action()}
    except Exception as e:
        return {"ok": False, "error": repr(e)}

# jwcrypto keys by `JWK.generate` arguments, each generated once per script.
generated = {}
def key(params):
    name = json.dumps(params, sort_keys=True)
    if name not in generated:
        generated[name] = jwk.JWK.generate(**params)
    return generated[name]
"#;

/// `PY_KEYS` followed by `body`.
pub fn script(body: &str) -> String {
    format!("{PY_KEYS}\n{body}")
}

/// The reply as an array of `len` entries.
pub fn entries(reply: &Value, len: usize) -> &[Value] {
    let entries = reply
        .as_array()
        .unwrap_or_else(|| panic!("expected an array reply, found {reply}"));
    assert_eq!(entries.len(), len, "one reply entry per case");
    entries
}

/// A string member of a reply entry.
pub fn text<'v>(value: &'v Value, member: &str) -> &'v str {
    value[member]
        .as_str()
        .unwrap_or_else(|| panic!("expected a string {member:?} in {value}"))
}

/// The outcome of `attempt(...)` in Python: `Ok(value)` or `Err(repr of the exception)`.
pub fn outcome(value: &Value) -> Result<&Value, &str> {
    match value["ok"].as_bool() {
        Some(true) => Ok(&value["value"]),
        Some(false) => Err(text(value, "error")),
        None => panic!("not an attempt() outcome: {value}"),
    }
}

/// Python exceptions that mean the script itself is wrong (`repr` starts with the name).
const SCRIPT_ERRORS: &[&str] = &[
    "NameError(",
    "TypeError(",
    "KeyError(",
    "AttributeError(",
    "ImportError(",
    "IndexError(",
    "UnboundLocalError(",
];

/// Checks Python `attempt(...)` outcomes against expectations: `Some(text)` means the
/// call must succeed and return `text`, `None` that it must fail. `who` names the side
/// in the messages ("jwcrypto").
pub fn check_outcomes<'a>(
    who: &str,
    expected: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    reply: &Value,
) {
    let expected: Vec<_> = expected.into_iter().collect();
    for ((name, expected), result) in expected.iter().zip(entries(reply, expected.len())) {
        match (outcome(result), expected) {
            (Ok(found), Some(expected)) => {
                assert_eq!(found.as_str(), Some(*expected), "{name}: {who}'s result")
            }
            // A refusal must come from jwcrypto, not from a broken test script or a
            // key that failed to load.
            (Err(error), None) => assert!(
                !SCRIPT_ERRORS.iter().any(|e| error.starts_with(e)),
                "{name}: {who} did not get to judge it: {error}"
            ),
            (Ok(_), None) => panic!("{name}: {who} accepted what it must reject"),
            (Err(error), Some(_)) => panic!("{name}: {who} failed: {error}"),
        }
    }
}

/// A key from its JSON value, with the case name in the panic message.
pub fn import(value: &Value, name: &str) -> Jwk {
    Jwk::from_value(value).unwrap_or_else(|e| panic!("{name}: the JWK did not import: {e}"))
}

/// What a peer needs to verify or encrypt to `key`: the public JWK, or the secret.
pub fn shareable(key: &Jwk) -> Value {
    if key.key_type() == KeyType::Oct {
        key.to_value()
    } else {
        key.public()
            .expect("an asymmetric key has a public form")
            .to_value()
    }
}

/// Our keys for jwcrypto `JWK.generate` arguments (`{"kty": "EC", "crv": "P-256"}`,
/// `{"kty": "oct", "size": 256}`, ...), one per distinct argument set: every RSA case
/// shares one key, since generating it is the slow part.
#[derive(Default)]
pub struct KeyCache(HashMap<String, Jwk>);

impl KeyCache {
    /// The key for `params`, generated on first use.
    pub fn get(&mut self, params: &Value) -> Jwk {
        self.0
            .entry(params.to_string())
            .or_insert_with(|| generate(params))
            .clone()
    }
}

fn generate(params: &Value) -> Jwk {
    let curve = || Curve::from_name(text(params, "crv")).unwrap();
    let key = match text(params, "kty") {
        "oct" => Jwk::generate_oct(params["size"].as_u64().unwrap() as usize),
        "RSA" => Jwk::generate_rsa(params["size"].as_u64().unwrap() as usize),
        "EC" => Jwk::generate_ec(curve()),
        "OKP" => Jwk::generate_okp(curve()),
        "AKP" => Jwk::generate_for(text(params, "alg")),
        other => panic!("no generator for kty {other}"),
    };
    key.unwrap_or_else(|e| panic!("generating {params}: {e}"))
}
