//! The repository is the whole product: no file may read, link or name a path outside
//! it. A clone alone must build, test and document itself, so this suite reads every
//! file of the checkout and fails on anything that points past its root.
//!
//! What counts as pointing outside:
//! - names of folders that only exist beside some checkouts (the steering folder
//!   `shared/`, the vector override variable that used to point at it) and absolute
//!   paths of a particular machine;
//! - a relative Markdown link that leaves the repository or names a missing file;
//! - a `path = "..."` of a Cargo manifest that leaves the repository;
//! - a Rust string that climbs (`../`) from its crate's folder to outside the repository.

use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// The repository root (this crate is `tests/`, one level down).
fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    normalize(&manifest.join(".."))
}

/// `path` with `.` and `..` resolved lexically (the files need not exist).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Every file of the checkout, relative to the root: tracked and untracked-but-not-ignored
/// files when git is there (a clone), else a walk that skips build output.
fn repository_files() -> Vec<PathBuf> {
    let root = root();
    let listed = Command::new("git")
        .args([
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "-z",
        ])
        .current_dir(&root)
        .output();
    if let Ok(out) = listed {
        if out.status.success() {
            return out
                .stdout
                .split(|b| *b == 0)
                .filter(|name| !name.is_empty())
                .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
                .filter(|name| root.join(name).is_file())
                .collect();
        }
    }
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    files
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, files);
        } else {
            files.push(path.strip_prefix(root).unwrap().to_path_buf());
        }
    }
}

/// The text files among them (the vectors, sources, manifests, documents, scripts).
fn text_files() -> Vec<(PathBuf, String)> {
    let root = root();
    repository_files()
        .into_iter()
        .filter(|name| name.file_name().is_some_and(|n| n != "Cargo.lock"))
        .filter_map(|name| {
            let bytes = std::fs::read(root.join(&name)).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            Some((name, text))
        })
        .collect()
}

/// Substrings that name something outside the repository. Built from pieces so that
/// this file does not match itself.
fn forbidden_names() -> Vec<String> {
    vec![
        ["..", "/shared"].concat(),
        ["shared", "/vectors"].concat(),
        ["shared", "/CLI.md"].concat(),
        ["shared", "/DESIGN.md"].concat(),
        ["JWT_VECTORS", "_DIR"].concat(),
        ["/wo", "rk/"].concat(),
        ["/ro", "ot/"].concat(),
        ["/ho", "me/"].concat(),
        ["/Us", "ers/"].concat(),
    ]
}

#[test]
fn no_file_names_a_path_outside_the_repository() {
    let forbidden = forbidden_names();
    let mut found = Vec::new();
    for (name, text) in text_files() {
        for (number, line) in text.lines().enumerate() {
            for needle in &forbidden {
                if line.contains(needle.as_str()) {
                    found.push(format!(
                        "{}:{}: names {needle:?}",
                        name.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "paths outside the repository:\n{}",
        found.join("\n")
    );
}

/// The targets of inline Markdown links and images: `[text](target)`.
fn markdown_link_targets(text: &str) -> Vec<&str> {
    let mut targets = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("](") {
        let after = &rest[start + 2..];
        match after.find(')') {
            Some(end) => {
                let target = after[..end].split_whitespace().next().unwrap_or("");
                targets.push(target);
                rest = &after[end..];
            }
            None => break,
        }
    }
    targets
}

/// A link that leaves the site (a URL), or stays within this page.
fn is_external_or_anchor(target: &str) -> bool {
    target.is_empty()
        || target.starts_with('#')
        || target.contains("://")
        || target.starts_with("mailto:")
}

#[test]
fn markdown_links_resolve_inside_the_repository() {
    let root = root();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (name, text) in text_files() {
        if name.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let folder = root.join(&name).parent().unwrap().to_path_buf();
        for target in markdown_link_targets(&text) {
            if is_external_or_anchor(target) {
                continue;
            }
            checked += 1;
            let file_part = target.split('#').next().unwrap();
            let resolved = normalize(&folder.join(file_part));
            if !resolved.starts_with(&root) {
                broken.push(format!(
                    "{}: link {target:?} leaves the repository",
                    name.display()
                ));
            } else if !resolved.exists() {
                broken.push(format!(
                    "{}: link {target:?} names a missing file",
                    name.display()
                ));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(
        checked > 5,
        "only {checked} relative links found: the scan is not reading the documents"
    );
}

#[test]
fn cargo_paths_stay_inside_the_repository() {
    let root = root();
    let mut outside = Vec::new();
    let mut checked = 0;
    for (name, text) in text_files() {
        if name.file_name().is_none_or(|n| n != "Cargo.toml") {
            continue;
        }
        let folder = root.join(&name).parent().unwrap().to_path_buf();
        for (key, value) in quoted_values(&text) {
            if !matches!(key, "path" | "readme" | "workspace" | "build") {
                continue;
            }
            checked += 1;
            let resolved = normalize(&folder.join(value));
            if !resolved.starts_with(&root) || !resolved.exists() {
                outside.push(format!("{}: {key} = {value:?}", name.display()));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "manifest paths outside the repository or missing:\n{}",
        outside.join("\n")
    );
    assert!(
        checked > 3,
        "only {checked} manifest paths found: the scan is not reading the manifests"
    );
}

/// `key = "value"` pairs of a TOML text, inline tables included (enough for manifests).
fn quoted_values(text: &str) -> Vec<(&str, &str)> {
    let mut pairs = Vec::new();
    for line in text.lines() {
        for piece in line.split([',', '{']) {
            let Some((key, value)) = piece.split_once('=') else {
                continue;
            };
            let value = value.trim().trim_end_matches('}').trim();
            if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                pairs.push((key.trim(), inner));
            }
        }
    }
    pairs
}

#[test]
fn rust_sources_do_not_climb_out_of_the_repository() {
    let root = root();
    let mut outside = Vec::new();
    for (name, text) in text_files() {
        if name.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let crate_dir = crate_folder(&root, &name);
        let file_dir = root.join(&name).parent().unwrap().to_path_buf();
        for (literal, relative_to_file) in climbing_literals(&text) {
            let relative = literal.trim_start_matches('/');
            let base = if relative_to_file {
                &file_dir
            } else {
                &crate_dir
            };
            let resolved = normalize(&base.join(relative));
            if !resolved.starts_with(&root) {
                outside.push(format!(
                    "{}: {literal:?} leaves the repository",
                    name.display()
                ));
            }
        }
    }
    assert!(outside.is_empty(), "{}", outside.join("\n"));
}

/// The folder of the nearest `Cargo.toml` above `file` (what `CARGO_MANIFEST_DIR` is).
fn crate_folder(root: &Path, file: &Path) -> PathBuf {
    let mut folder = root.join(file);
    while folder.pop() {
        if folder.join("Cargo.toml").is_file() {
            return folder;
        }
    }
    root.to_path_buf()
}

/// String literals that start by climbing (`"../x"` or `"/../x"`), each with whether it
/// is relative to its own file (the argument of `include_str!`/`include_bytes!`) rather
/// than to its crate's folder (a path joined to `CARGO_MANIFEST_DIR`).
fn climbing_literals(text: &str) -> Vec<(&str, bool)> {
    let mut found = Vec::new();
    for prefix in ["\"../", "\"/../"] {
        let mut rest = text;
        while let Some(start) = rest.find(prefix) {
            let before = rest[..start].trim_end();
            // `#[path]` on a module of a crate root, like the include macros, is
            // relative to the file's folder.
            let relative_to_file = before.ends_with("include_str!(")
                || before.ends_with("include_bytes!(")
                || before.ends_with("#[path =");
            let literal = &rest[start + 1..];
            let end = literal.find('"').unwrap_or(literal.len());
            found.push((&literal[..end], relative_to_file));
            rest = &literal[end..];
        }
    }
    found
}

#[test]
fn the_scanners_find_what_they_look_for() {
    assert_eq!(
        markdown_link_targets("see [a](b.md) and ![i](img/x.png \"t\") and [u](https://x)"),
        ["b.md", "img/x.png", "https://x"]
    );
    assert_eq!(
        quoted_values("a = { path = \"x\", version = \"1\" }\nreadme = \"R.md\""),
        [("path", "x"), ("version", "1"), ("readme", "R.md")]
    );
    assert_eq!(
        climbing_literals(
            "join(\"../t\"); concat!(d, \"/../s/v\"); include_str!(\"../f\"); \"ok\"\n\
             #[path = \"../m.rs\"]"
        ),
        [
            ("../t", false),
            ("../f", true),
            ("../m.rs", true),
            ("/../s/v", false)
        ]
    );
    assert_eq!(
        normalize(Path::new("/a/b/../../c/./d")),
        PathBuf::from("/c/d")
    );
    let root = root();
    assert!(!normalize(&root.join("tests/../../x")).starts_with(&root));
    assert!(
        crate_folder(&root, Path::new("tests/tests/repo/self_contained.rs")).ends_with("tests")
    );
}
