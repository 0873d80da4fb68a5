//! Runs the built `jwt` binary and captures what it did.
#![allow(dead_code)] // each test file uses a different part

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run of `jwt` did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout as one JSON value.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}): {self:?}"))
    }

    /// Asserts exit 0 and nothing on stderr; returns stdout.
    pub fn success(&self) -> &str {
        assert_eq!(self.code, 0, "{self:?}");
        assert_eq!(self.stderr, "", "{self:?}");
        &self.stdout
    }

    /// Asserts a human-form failure: `code`, nothing on stdout, and one
    /// `error[kind]: ...` line on stderr.
    pub fn failure(&self, code: i32, kind: &str) {
        assert_eq!(self.code, code, "{self:?}");
        assert_eq!(self.stdout, "", "{self:?}");
        let prefix = format!("error[{kind}]: ");
        assert!(self.stderr.starts_with(&prefix), "{self:?}");
        assert_eq!(self.stderr.lines().count(), 1, "{self:?}");
    }

    /// Asserts a `--json` failure: `code` and `{"ok":false,"error":{"kind":kind,...}}`;
    /// returns the error object.
    pub fn json_failure(&self, code: i32, kind: &str) -> Value {
        assert_eq!(self.code, code, "{self:?}");
        let out = self.json();
        assert_eq!(out["ok"], false, "{self:?}");
        assert_eq!(out["error"]["kind"], kind, "{self:?}");
        assert!(out["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
        out["error"].clone()
    }
}

/// Runs `jwt args...` with `stdin` (empty when `None`).
pub fn jwt(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jwt"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the jwt binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    if let Some(input) = stdin {
        // jwt may exit before reading (a usage error), so a broken pipe is fine here.
        let _ = pipe.write_all(input.as_bytes());
    }
    drop(pipe);
    let output = child.wait_with_output().expect("jwt runs");
    Run {
        code: output.status.code().expect("jwt exits normally"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A fresh folder for one test's files, under the target dir (removed on drop).
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("jwt-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    /// Writes `contents` to `name` in the folder and returns its path as a string.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, contents).expect("write temp file");
        path.to_str().expect("UTF-8 temp path").to_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
