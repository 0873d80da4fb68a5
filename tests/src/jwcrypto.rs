//! Interop harness: runs snippets of Python against jwcrypto.
//!
//! The interpreter is `$JWT_INTEROP_PYTHON` when set, else the virtual environment
//! `<workspace>/target/interop-venv` with jwcrypto [`VERSION`]. `.ci/run` creates the
//! same venv before the tests; when it is missing (a plain `cargo test`), the first
//! test that needs it creates it. Creation happens once per process (a `OnceLock`) and
//! is safe across processes: the venv is built in a private temporary folder and
//! renamed into place only when complete, so a venv at the final path is always
//! finished. (Its console scripts such as `bin/pip` keep the temporary path; the
//! harness only ever runs `bin/python`, so that does not matter.)
//!
//! A snippet sees `request` (the JSON request, decoded) and the jwcrypto modules
//! `jwk`, `jws`, `jwe`, `jwt` and `common`, and must set `reply` to something JSON can
//! encode:
//!
//! ```no_run
//! let reply = jwt_tests::jwcrypto::run(
//!     "reply = jwk.JWK.generate(kty=request['kty'], size=256).thumbprint()",
//!     &serde_json::json!({"kty": "oct"}),
//! );
//! assert!(reply.is_string());
//! ```

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The jwcrypto release the interop tests are written against (and `.ci/run` installs).
pub const VERSION: &str = "1.6.1";

/// The `cryptography` requirement installed beside jwcrypto (and by `.ci/run`).
/// jwcrypto 1.6.1 asks for `cryptography>=49.0.0` but only turns ML-DSA on when
/// `cryptography.hazmat.primitives.asymmetric.mldsa` has all three parameter sets;
/// 50 is the first release these tests were run against with all three.
pub const CRYPTOGRAPHY: &str = "cryptography>=50";

/// Environment variable naming a Python interpreter to use instead of the venv.
pub const PYTHON_ENV: &str = "JWT_INTEROP_PYTHON";

/// Reads the request, runs the snippet (given as `argv[1]`) and prints `reply` as JSON.
const DRIVER: &str = r#"
import json, sys, textwrap
request = json.load(sys.stdin)
scope = {"request": request, "json": json}
exec("from jwcrypto import jwk, jws, jwe, jwt, common", scope)
exec(compile(textwrap.dedent(sys.argv[1]), "<interop snippet>", "exec"), scope)
if "reply" not in scope:
    raise SystemExit("the interop snippet did not set `reply`")
json.dump(scope["reply"], sys.stdout)
"#;

/// Runs `script` with `request` and returns its `reply`.
///
/// # Panics
/// When the snippet fails, with Python's error text (the traceback) and the snippet in
/// the message; when the interpreter cannot be set up.
pub fn run(script: &str, request: &Value) -> Value {
    try_run(script, request).unwrap_or_else(|error| {
        panic!("jwcrypto snippet failed:\n{error}\n--- snippet ---\n{script}")
    })
}

/// Runs `script` with `request`; `Err` holds Python's error text when the snippet
/// raised (for tests where jwcrypto is expected to reject something).
///
/// # Panics
/// When the interpreter cannot be set up or started.
pub fn try_run(script: &str, request: &Value) -> Result<Value, String> {
    let output = run_python(python(), script, &request.to_string());
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "the snippet's reply is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// The interpreter the harness runs, set up on first use.
///
/// # Panics
/// When the venv cannot be created or jwcrypto cannot be imported.
pub fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let (python, ours) = match std::env::var_os(PYTHON_ENV) {
            Some(custom) => (PathBuf::from(custom), false),
            None => (ensure_venv(), true),
        };
        check_jwcrypto(&python, ours);
        python
    })
}

fn run_python(python: &Path, script: &str, stdin: &str) -> Output {
    let mut child = Command::new(python)
        .arg("-c")
        .arg(DRIVER)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", python.display()));
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // A thread, so a large request cannot deadlock against a child filling stdout.
    let request = stdin.to_owned();
    let writer = std::thread::spawn(move || pipe.write_all(request.as_bytes()));
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("cannot wait for {}: {e}", python.display()));
    // A snippet may exit before reading stdin (a syntax error): a broken pipe then is
    // not the failure worth reporting, the exit status and stderr are.
    let _ = writer.join();
    output
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is inside the workspace")
        .to_path_buf()
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// The path `.ci/run` uses too; named by the version, so that moving to another
/// release builds a new venv instead of failing on the old one.
fn venv_dir() -> PathBuf {
    workspace_root()
        .join("target")
        .join(format!("interop-venv-{VERSION}"))
}

fn ensure_venv() -> PathBuf {
    let venv = venv_dir();
    let python = venv_python(&venv);
    if python.exists() {
        return python;
    }
    let parent = venv.parent().expect("the venv path has a parent");
    std::fs::create_dir_all(parent)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let staging = parent.join(format!(
        "interop-venv.partial-{}-{nanos}",
        std::process::id()
    ));
    let base = std::env::var_os("PYTHON").unwrap_or_else(|| "python3".into());
    checked(
        Command::new(&base).arg("-m").arg("venv").arg(&staging),
        "create the interop venv (needs Python 3 with the venv module)",
    );
    checked(
        Command::new(venv_python(&staging)).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("jwcrypto=={VERSION}"),
            CRYPTOGRAPHY,
        ]),
        "install jwcrypto into the interop venv (needs PyPI)",
    );
    if let Err(e) = std::fs::rename(&staging, &venv) {
        // Another process finished first: use its venv, drop ours.
        let _ = std::fs::remove_dir_all(&staging);
        assert!(
            python.exists(),
            "cannot move the interop venv into {}: {e}",
            venv.display()
        );
    }
    python
}

fn checked(command: &mut Command, what: &str) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot {what}: {command:?} did not start: {e}"));
    assert!(
        output.status.success(),
        "cannot {what}: {command:?} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn check_jwcrypto(python: &Path, ours: bool) {
    let output = run_python(
        python,
        "import importlib.metadata\nreply = importlib.metadata.version('jwcrypto')",
        "null",
    );
    let fix = if ours {
        format!("delete {} to have it recreated", venv_dir().display())
    } else {
        format!("install jwcrypto=={VERSION} for {PYTHON_ENV}")
    };
    assert!(
        output.status.success(),
        "jwcrypto is not usable with {} ({fix}):\n{}",
        python.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let version = String::from_utf8_lossy(&output.stdout);
    // Our own venv must match what `.ci/run` installs; a caller's interpreter is their choice.
    assert!(
        !ours || version.trim() == format!("\"{VERSION}\""),
        "the interop venv has jwcrypto {version}, expected {VERSION} ({fix})"
    );
    // The ML-DSA interop tests need jwcrypto's ML-DSA, which needs a `cryptography`
    // built with it; without it jwcrypto quietly leaves the algorithms out.
    if cfg!(feature = "pq") {
        let output = run_python(
            python,
            "import importlib.metadata\n\
             reply = [importlib.metadata.version('cryptography'), jwk.ImplementedAKPAlgorithms]",
            "null",
        );
        let found = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success()
                && ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"]
                    .iter()
                    .all(|alg| found.contains(alg)),
            "jwcrypto at {} cannot do ML-DSA-44/65/87 (cryptography and the algorithms it \
             has: {found}); it needs {CRYPTOGRAPHY} built with ML-DSA ({fix}):\n{}",
            python.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
