//! The RFC test vectors of this repository, and the one loader for them.
//!
//! The files sit beside this crate's manifest (`rfc/`, `rfc7520/` and `ml-dsa/`, each with a
//! README naming its source and licence), so every crate of the workspace finds them
//! through this crate alone, in any checkout: nothing outside the repository is read.
//!
//! Every function panics with the file or member it could not find: a missing vector
//! is a broken test, never a skipped one.
#![forbid(unsafe_code)]

use base64::Engine as _;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The folder holding `rfc/`, `rfc7520/` and `ml-dsa/`.
pub fn dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The path of `relative` (for example `"rfc/rfc7638_section_3_1.json"`) inside [`dir`].
pub fn path(relative: &str) -> PathBuf {
    dir().join(relative)
}

/// The text of a vector file.
///
/// # Panics
/// When the file cannot be read, naming it.
pub fn read_text(relative: &str) -> String {
    let path = path(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read test vector file {}: {e}", path.display()))
}

/// A vector file parsed as JSON.
///
/// # Panics
/// When the file cannot be read or is not JSON, naming it.
pub fn load(relative: &str) -> Value {
    let text = read_text(relative);
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("test vector file {relative} is not valid JSON: {e}"))
}

/// The `examples` array of one of the `rfc/` files.
///
/// # Panics
/// When the file has no `examples` array.
pub fn examples(relative: &str) -> Vec<Value> {
    match load(relative) {
        Value::Object(mut file) => match file.remove("examples") {
            Some(Value::Array(examples)) => examples,
            _ => panic!("test vector file {relative} has no \"examples\" array"),
        },
        _ => panic!("test vector file {relative} is not a JSON object"),
    }
}

/// The example with `"id": id` from one of the `rfc/` files.
///
/// # Panics
/// When there is no such example.
pub fn example(relative: &str, id: &str) -> Value {
    examples(relative)
        .into_iter()
        .find(|e| e.get("id").and_then(Value::as_str) == Some(id))
        .unwrap_or_else(|| panic!("test vector file {relative} has no example with id {id:?}"))
}

/// The example with `"id": id` in an already loaded `rfc/` file.
///
/// # Panics
/// When there is no such example.
pub fn find<'a>(file: &'a Value, id: &str) -> &'a Value {
    file["examples"]
        .as_array()
        .and_then(|all| all.iter().find(|e| e["id"] == id))
        .unwrap_or_else(|| panic!("no example with id {id:?} in this vector file"))
}

/// Every `.json` file of a vector folder (for example `"rfc7520/jws"`), sorted by
/// name, as (file name, parsed JSON).
///
/// # Panics
/// When the folder cannot be listed or a file cannot be loaded.
pub fn files_in(relative_dir: &str) -> Vec<(String, Value)> {
    let folder = path(relative_dir);
    let entries = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("cannot list test vector folder {}: {e}", folder.display()));
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let json = load(&format!("{relative_dir}/{name}"));
            (name, json)
        })
        .collect()
}

/// A string member of a vector.
///
/// # Panics
/// When `key` is not a string member of `v`.
pub fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("vector has no string member {key:?}"))
}

/// A base64url member of a vector, decoded (unpadded, canonical).
///
/// # Panics
/// When the member is missing or not base64url.
pub fn b64(v: &Value, key: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text(v, key))
        .unwrap_or_else(|e| panic!("vector member {key:?} is not base64url: {e}"))
}

/// Bytes written as hex (whitespace ignored), as RFCs print them.
///
/// # Panics
/// When the text is not an even number of hex digits.
pub fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    assert!(
        digits.len().is_multiple_of(2),
        "odd number of hex digits: {s:?}"
    );
    digits
        .chunks(2)
        .map(|pair| {
            let pair = std::str::from_utf8(pair).expect("hex digits are ASCII");
            u8::from_str_radix(pair, 16).unwrap_or_else(|e| panic!("{pair:?} is not hex: {e}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_thumbprint_example() {
        let example = example("rfc/rfc7638_section_3_1.json", "rfc7638-3.1");
        assert_eq!(example["key"]["kty"], "RSA");
        assert_eq!(
            example["thumbprint_b64u"],
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
        assert_eq!(b64(&example, "thumbprint_b64u").len(), 32);
    }

    #[test]
    fn find_agrees_with_example() {
        let file = load("rfc/rfc7638_section_3_1.json");
        assert_eq!(
            find(&file, "rfc7638-3.1"),
            &example("rfc/rfc7638_section_3_1.json", "rfc7638-3.1")
        );
    }

    #[test]
    fn lists_a_folder_in_order() {
        let files = files_in("rfc7520/jwk");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names.len(), 6, "{names:?}");
        assert!(names[0].starts_with("3_1."), "{names:?}");
        assert_eq!(files[0].1["kty"], "EC");
    }

    #[test]
    fn hex_reads_rfc_layout() {
        assert_eq!(hex("00 ff\n 10"), vec![0x00, 0xff, 0x10]);
    }

    #[test]
    #[should_panic(expected = "odd number of hex digits")]
    fn hex_refuses_an_odd_length() {
        hex("abc");
    }

    #[test]
    #[should_panic(expected = "cannot read test vector file")]
    fn a_missing_file_panics_with_its_name() {
        read_text("rfc/no_such_file.json");
    }

    #[test]
    #[should_panic(expected = "has no example with id")]
    fn a_missing_example_panics_with_its_id() {
        example("rfc/rfc7638_section_3_1.json", "no-such-id");
    }

    #[test]
    #[should_panic(expected = "is not base64url")]
    fn b64_refuses_padding() {
        b64(&serde_json::json!({"k": "AA=="}), "k");
    }
}
