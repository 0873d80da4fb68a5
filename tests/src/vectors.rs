//! The RFC test vectors of `shared/vectors`, read in place.
//!
//! The repository's CI clones it to some folder `X` and lays `shared/` at `X/../shared`,
//! so the files are at `../../shared/vectors` from this crate's manifest directory. A
//! checkout laid out differently (a git worktree elsewhere) points
//! `JWT_VECTORS_DIR` at the folder instead.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// Environment variable that overrides where the vectors are.
pub const DIR_ENV: &str = "JWT_VECTORS_DIR";

/// The `vectors` folder (holding `rfc/` and `rfc7520/`).
///
/// # Panics
/// When the folder does not exist, with a message saying where it was looked for.
pub fn dir() -> PathBuf {
    let dir = match std::env::var_os(DIR_ENV) {
        Some(custom) => PathBuf::from(custom),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/vectors"),
    };
    assert!(
        dir.join("rfc").is_dir(),
        "RFC test vectors not found at {} (expected the repository's shared/ folder next to \
         the checkout, as CI lays it out; set {DIR_ENV} to the vectors folder otherwise)",
        dir.display()
    );
    dir
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
    #[should_panic(expected = "cannot read test vector file")]
    fn a_missing_file_panics_with_its_name() {
        read_text("rfc/no_such_file.json");
    }

    #[test]
    #[should_panic(expected = "has no example with id")]
    fn a_missing_example_panics_with_its_id() {
        example("rfc/rfc7638_section_3_1.json", "no-such-id");
    }
}
