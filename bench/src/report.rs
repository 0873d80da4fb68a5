//! Turns criterion's medians (`target/criterion/**/new/estimates.json`) and the
//! allocation counts (`target/jwt-bench/alloc.json`) into Markdown tables: ops/s,
//! ratio to the floor, ours against each peer, and the targets checked.

use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Median nanoseconds per iteration, by group then function.
pub type Medians = BTreeMap<String, BTreeMap<String, f64>>;

fn json(path: &Path) -> Option<Value> {
    serde_json::from_str(&fs::read_to_string(path).ok()?).ok()
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "new") {
                found.push(path);
            } else {
                walk(&path, found);
            }
        }
    }
}

/// Reads every benchmark's median from `criterion_dir`.
pub fn medians(criterion_dir: &Path) -> Medians {
    let mut dirs = Vec::new();
    walk(criterion_dir, &mut dirs);
    let mut out = Medians::new();
    for dir in dirs {
        let (Some(bench), Some(est)) = (
            json(&dir.join("benchmark.json")),
            json(&dir.join("estimates.json")),
        ) else {
            continue;
        };
        let (Some(group), Some(function), Some(median)) = (
            bench["group_id"].as_str(),
            bench["function_id"].as_str(),
            est["median"]["point_estimate"].as_f64(),
        ) else {
            continue;
        };
        out.entry(group.to_owned())
            .or_default()
            .insert(function.to_owned(), median);
    }
    out
}

fn time(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn ops(ns: f64) -> String {
    let per_s = 1e9 / ns;
    if per_s >= 1e6 {
        format!("{:.2} M", per_s / 1e6)
    } else if per_s >= 1e3 {
        format!("{:.1} k", per_s / 1e3)
    } else {
        format!("{per_s:.0}")
    }
}

const ORDER: [&str; 6] = [
    "ours",
    "floor",
    "jsonwebtoken",
    "jwt-simple",
    "single key",
    "100-key set",
];

fn rank(name: &str) -> usize {
    ORDER.iter().position(|o| *o == name).unwrap_or(ORDER.len())
}

/// The per-group table of times.
pub fn times_table(m: &Medians) -> String {
    let mut s = String::new();
    s.push_str("| operation | implementation | median | ops/s | vs floor | ours is N× faster |\n");
    s.push_str("|---|---|---:|---:|---:|---:|\n");
    for (group, funcs) in m {
        let floor = funcs.get("floor").copied();
        let ours = funcs.get("ours").copied();
        let mut names: Vec<&String> = funcs.keys().collect();
        names.sort_by_key(|n| (rank(n), n.as_str()));
        for name in names {
            let ns = funcs[name];
            let vs_floor = floor.map(|f| format!("{:.2}×", ns / f)).unwrap_or_default();
            let speedup = match ours {
                Some(o) if name != "ours" && name != "floor" => format!("{:.2}×", ns / o),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "| {group} | {name} | {} | {} | {vs_floor} | {speedup} |",
                time(ns),
                ops(ns)
            );
        }
    }
    s
}

/// Allocation counts, when the alloc bench ran.
pub fn alloc_table(alloc: Option<&Value>) -> String {
    let Some(doc) = alloc else {
        return "(no allocation counts: run `cargo bench -p jwt-bench --bench alloc`)\n".into();
    };
    let mut s = format!(
        "Heap allocations per call (mean of {} calls; the decoded claims own {} blocks).\n\n",
        doc["runs"], doc["owned_allocations"]
    );
    s.push_str("| operation/implementation | allocations | reallocations |\n|---|---:|---:|\n");
    for row in doc["rows"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "| {} | {:.1} | {:.1} |",
            row["name"].as_str().unwrap_or("?"),
            row["allocations"].as_f64().unwrap_or(f64::NAN),
            row["reallocations"].as_f64().unwrap_or(f64::NAN)
        );
    }
    s
}

fn get(m: &Medians, group: &str, function: &str) -> Option<f64> {
    m.get(group)?.get(function).copied()
}

fn alloc_of(alloc: Option<&Value>, name: &str) -> Option<f64> {
    alloc?["rows"]
        .as_array()?
        .iter()
        .find(|r| r["name"] == name)
        .and_then(|r| Some(r["allocations"].as_f64()? + r["reallocations"].as_f64()?))
}

/// label, ratio of medians, paired ratio, wanted, met.
type TargetRow = (String, Option<f64>, Option<f64>, String, bool);

/// The paired ratios written by the jwt bench, by name.
pub fn paired_ratios() -> BTreeMap<String, f64> {
    json(&target_dir().join("jwt-bench/paired.json"))
        .and_then(|v| v.as_array().cloned())
        .into_iter()
        .flatten()
        .filter_map(|row| Some((row["name"].as_str()?.to_owned(), row["ratio"].as_f64()?)))
        .collect()
}

/// Every target of the issue, measured: the ratio of criterion's medians, and the
/// paired ratio (alternating batches) where there is one. The verdict uses the paired
/// ratio when present: it is the one the machine's other jobs disturb least.
pub fn targets_table(m: &Medians, alloc: Option<&Value>) -> String {
    let paired = paired_ratios();
    let mut rows: Vec<TargetRow> = Vec::new();
    let mut ratio = |label: String, value: Option<f64>, limit: f64, at_most: bool| {
        let pair = paired.get(&label).copied();
        let judged = pair.or(value);
        let met = judged.is_some_and(|v| if at_most { v <= limit } else { v >= limit });
        let want = format!("{} {limit}", if at_most { "≤" } else { "≥" });
        rows.push((label, value, pair, want, met));
    };
    let vs_floor = |g: &str| Some(get(m, g, "ours")? / get(m, g, "floor")?);
    ratio(
        "HS256 decode: ours / floor".into(),
        vs_floor("HS256 decode"),
        1.15,
        true,
    );
    ratio(
        "HS256 decode: jsonwebtoken / ours".into(),
        get(m, "HS256 decode", "jsonwebtoken")
            .zip(get(m, "HS256 decode", "ours"))
            .map(|(j, o)| j / o),
        1.5,
        false,
    );
    ratio(
        "HS256 encode: ours / floor".into(),
        vs_floor("HS256 encode"),
        1.15,
        true,
    );
    for alg in ["RS256", "PS256", "ES256", "EdDSA"] {
        let g = format!("{alg} decode");
        ratio(format!("{g}: ours / floor"), vs_floor(&g), 1.05, true);
    }
    for g in m.keys().filter(|g| g.starts_with("JWE ")) {
        ratio(format!("{g}: ours / floor"), vs_floor(g), 1.2, true);
    }
    for g in m.keys().filter(|g| g.ends_with("JWK Set by kid")) {
        ratio(
            format!("{g}: 100-key set / single key"),
            get(m, g, "100-key set")
                .zip(get(m, g, "single key"))
                .map(|(s, o)| s / o),
            1.05,
            true,
        );
    }
    let owned = alloc
        .and_then(|a| a["owned_allocations"].as_f64())
        .unwrap_or(9.0);
    ratio(
        "HS256 decode: ours, allocations + reallocations".into(),
        alloc_of(alloc, "HS256 decode/ours"),
        owned + 2.0,
        true,
    );
    let g = "HS256 decode shared Verifier";
    ratio(
        "shared Verifier: 2-thread / 1-thread throughput".into(),
        get(m, g, "1 thread")
            .zip(get(m, g, "2 threads"))
            .map(|(one, two)| 2.0 * one / two),
        1.8,
        false,
    );
    let mut s = String::from(
        "| target | ratio of medians | paired ratio | wanted | met |\n|---|---:|---:|---:|:---:|\n",
    );
    let show = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
    for (label, value, pair, want, met) in rows {
        let _ = writeln!(
            s,
            "| {label} | {} | {} | {want} | {} |",
            show(value),
            show(pair),
            if met { "yes" } else { "**no**" }
        );
    }
    s
}

/// The target directory of the workspace this crate is in.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// The allocation counts written by the alloc bench.
pub fn alloc_counts() -> Option<Value> {
    json(&target_dir().join("jwt-bench/alloc.json"))
}

/// All three tables, for the terminal or the report.
pub fn tables() -> String {
    let m = medians(&target_dir().join("criterion"));
    let alloc = alloc_counts();
    format!(
        "### Targets\n\n{}\n### Medians\n\n{}\n### Allocations\n\n{}",
        targets_table(&m, alloc.as_ref()),
        times_table(&m),
        alloc_table(alloc.as_ref())
    )
}
