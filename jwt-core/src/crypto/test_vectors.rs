//! Loading the shared RFC vectors in tests.

use serde_json::Value;

/// Parses `shared/vectors/<rel>`, which lives beside the repository checkout.
pub(crate) fn load(rel: &str) -> Value {
    let path = format!("{}/../../shared/vectors/{rel}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The example with this `id` in a file's `examples` array.
pub(crate) fn example<'a>(file: &'a Value, id: &str) -> &'a Value {
    file["examples"]
        .as_array()
        .and_then(|all| all.iter().find(|e| e["id"] == id))
        .unwrap_or_else(|| panic!("no example {id}"))
}

/// A string member.
pub(crate) fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("no string member {key}"))
}

/// A base64url member, decoded.
pub(crate) fn b64(v: &Value, key: &str) -> Vec<u8> {
    crate::base64url::decode(text(v, key)).unwrap_or_else(|e| panic!("{key}: {e}"))
}

/// Hex, for vectors transcribed from RFCs that print hex.
pub(crate) fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}
