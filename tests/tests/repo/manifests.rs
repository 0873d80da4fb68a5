//! The published crates are publishable and honest about what they need: every
//! package-registry field a user reads is set, and the declared `rust-version` is not
//! older than what any of their locked dependencies declares.

use serde_json::Value;
use std::process::Command;

/// The crates this workspace publishes, in dependency order.
const PUBLISHED: [&str; 4] = ["jwt-derive", "jwt-core", "jwt-core-cli", "jwt-web"];

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

fn package<'a>(meta: &'a Value, name: &str) -> &'a Value {
    meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name && p["source"].is_null())
        .unwrap_or_else(|| panic!("no workspace package {name}"))
}

/// `"1.89"` or `"1.89.0"` as (1, 89, 0).
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text
        .split('.')
        .map(|p| p.parse::<u64>().expect("numeric version"));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

#[test]
fn published_crates_carry_the_registry_metadata() {
    let meta = metadata();
    let mut missing = Vec::new();
    for name in PUBLISHED {
        let p = package(&meta, name);
        for field in [
            "description",
            "license",
            "repository",
            "readme",
            "documentation",
            "rust_version",
        ] {
            if p[field].as_str().is_none_or(str::is_empty) {
                missing.push(format!("{name}: {field}"));
            }
        }
        for list in ["keywords", "categories"] {
            if p[list].as_array().is_none_or(Vec::is_empty) {
                missing.push(format!("{name}: {list}"));
            }
        }
        if p["publish"].as_array().is_some_and(Vec::is_empty) {
            missing.push(format!("{name}: is publish = false"));
        }
        // A path dependency without a version cannot be published.
        for dep in p["dependencies"].as_array().unwrap() {
            let normal = dep["kind"].is_null() || dep["kind"] == "build";
            if normal && !dep["path"].is_null() && dep["req"] == "*" {
                missing.push(format!(
                    "{name}: path dependency {} has no version",
                    dep["name"]
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing package metadata:\n{}",
        missing.join("\n")
    );
}

#[test]
fn unpublished_crates_say_so() {
    let meta = metadata();
    let workspace: Vec<&Value> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["source"].is_null())
        .collect();
    for p in workspace {
        let name = p["name"].as_str().unwrap();
        let published = PUBLISHED.contains(&name);
        let marked_private = p["publish"].as_array().is_some_and(Vec::is_empty);
        assert_eq!(
            !published, marked_private,
            "{name}: published crates are exactly {PUBLISHED:?}; every other member needs publish = false"
        );
    }
}

#[test]
fn rust_version_covers_every_dependency() {
    let meta = metadata();
    let packages: Vec<&Value> = meta["packages"].as_array().unwrap().iter().collect();
    let by_id = |id: &str| *packages.iter().find(|p| p["id"] == id).unwrap();
    let nodes = meta["resolve"]["nodes"].as_array().unwrap();
    let node = |id: &str| nodes.iter().find(|n| n["id"] == id).unwrap();
    for name in PUBLISHED {
        let root = package(&meta, name);
        let declared = version(root["rust_version"].as_str().expect("rust-version set"));
        // Every crate a user's build compiles for this one: normal and build dependencies,
        // transitively (dev-dependencies are not built for dependents).
        let mut stack = vec![root["id"].as_str().unwrap().to_owned()];
        let mut seen = std::collections::BTreeSet::new();
        let mut too_new = Vec::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            let p = by_id(&id);
            if let Some(needed) = p["rust_version"].as_str() {
                if version(needed) > declared {
                    too_new.push(format!("{} {} needs {needed}", p["name"], p["version"]));
                }
            }
            for dep in node(&id)["deps"].as_array().unwrap() {
                let built = dep["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].is_null() || k["kind"] == "build");
                if built {
                    stack.push(dep["pkg"].as_str().unwrap().to_owned());
                }
            }
        }
        assert!(
            seen.len() > 3,
            "{name}: only {} crates in its tree",
            seen.len()
        );
        assert!(
            too_new.is_empty(),
            "{name} declares rust-version {declared:?} but:\n{}",
            too_new.join("\n")
        );
    }
}

#[test]
fn versions_compare_numerically() {
    assert!(version("1.100") > version("1.89.0"));
    assert_eq!(version("1.89"), (1, 89, 0));
}
