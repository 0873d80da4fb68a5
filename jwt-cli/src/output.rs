//! How results leave the program: stdout, stderr and the exit code.
//!
//! Every command returns `Result<Success, Failure>`; [`finish`] prints it by the
//! conventions of CLI.md, so no command prints on its own:
//! - success: the human text on stdout, or with `--json` the object
//!   `{"ok": true, ...fields}`;
//! - failure: `error[KIND]: message` on stderr, or with `--json`
//!   `{"ok": false, "error": {"kind", "message", "claim"?}}` on stdout;
//! - exit code 0 on success, 1 when the token was rejected, 2 when the command could
//!   not run.

use jwt_core::{Error, ErrorKind};
use serde_json::{json, Map, Value};
use std::io::Write;
use std::process::ExitCode;

/// A command's result: what to print for a person and what to print with `--json`.
#[derive(Debug)]
pub struct Success {
    text: Vec<u8>,
    /// Printed byte for byte, with no newline added (a payload or plaintext).
    exact: bool,
    fields: Map<String, Value>,
}

impl Success {
    /// `text` for a person (a final newline is added when missing); `fields` (a JSON
    /// object) for `--json`, where `"ok": true` is added.
    pub fn new(text: impl Into<String>, fields: Value) -> Success {
        let fields = match fields {
            Value::Object(map) => map,
            // Commands always pass `json!({...})`; anything else is kept, under "result".
            other => Map::from_iter([("result".to_owned(), other)]),
        };
        Success {
            text: text.into().into_bytes(),
            exact: false,
            fields,
        }
    }

    /// `bytes` printed exactly as they are (no newline added: a payload or plaintext
    /// may be binary, and a pipe must receive what the token carried); `fields` as in
    /// [`Success::new`].
    pub fn exact(bytes: Vec<u8>, fields: Value) -> Success {
        Success {
            text: bytes,
            exact: true,
            ..Success::new(String::new(), fields)
        }
    }

    /// The `--json` form.
    pub fn to_json(&self) -> Value {
        let mut object = self.fields.clone();
        object.insert("ok".to_owned(), Value::Bool(true));
        Value::Object(object)
    }

    /// The human form: exact bytes, or text ending in a newline.
    pub fn stdout(&self) -> Vec<u8> {
        let mut text = self.text.clone();
        if !self.exact && !text.ends_with(b"\n") {
            text.push(b'\n');
        }
        text
    }

    /// The human form as text (tests and messages; lossy for binary output).
    #[cfg(test)]
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout()).into_owned()
    }
}

/// Why a command failed, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The token was rejected: verification, decryption or validation failed (exit 1).
    Rejected,
    /// The command could not run: bad flags, unreadable or invalid key file (exit 2).
    Usage,
}

impl Exit {
    fn code(self) -> u8 {
        match self {
            Exit::Rejected => 1,
            Exit::Usage => 2,
        }
    }
}

/// A failed command: the library error plus whose fault it was.
#[derive(Debug)]
pub struct Failure {
    /// Decides the exit code.
    pub exit: Exit,
    /// What went wrong.
    pub error: Error,
}

impl Failure {
    /// The command could not run (exit 2).
    pub fn usage(error: Error) -> Failure {
        Failure {
            exit: Exit::Usage,
            error,
        }
    }

    /// The token was rejected (exit 1).
    pub fn rejected(error: Error) -> Failure {
        Failure {
            exit: Exit::Rejected,
            error,
        }
    }

    /// A failure while verifying or decrypting a token: the token was rejected (exit 1),
    /// unless the fault is the key file's alone: a key too weak for any use
    /// (`weak_key`) is an invalid key file (exit 2), whatever token it meets.
    pub fn verification(error: Error) -> Failure {
        match error.kind() {
            ErrorKind::WeakKey => Failure::usage(error),
            _ => Failure::rejected(error),
        }
    }

    /// The `--json` form.
    pub fn to_json(&self) -> Value {
        let mut error = json!({
            "kind": self.error.kind().as_str(),
            "message": self.error.message(),
        });
        if let (Some(claim), Some(object)) = (self.error.claim_name(), error.as_object_mut()) {
            object.insert("claim".to_owned(), Value::String(claim.to_owned()));
        }
        json!({"ok": false, "error": error})
    }

    /// The one stderr line without `--json`.
    pub fn line(&self) -> String {
        format!(
            "error[{}]: {}\n",
            self.error.kind().as_str(),
            self.error.message()
        )
    }
}

/// Prints `result` by the conventions above and gives the exit code.
pub fn finish(json: bool, result: Result<Success, Failure>) -> ExitCode {
    let (stdout, stderr, code) = match (&result, json) {
        (Ok(success), true) => (json_line(&success.to_json()), String::new(), 0),
        (Ok(success), false) => (success.stdout(), String::new(), 0),
        (Err(failure), true) => (
            json_line(&failure.to_json()),
            String::new(),
            failure.exit.code(),
        ),
        (Err(failure), false) => (Vec::new(), failure.line(), failure.exit.code()),
    };
    // A closed stdout (`jwt ... | head -c0`) is not worth a panic; the exit code stays.
    let _ = std::io::stdout().lock().write_all(&stdout);
    let _ = std::io::stderr().lock().write_all(stderr.as_bytes());
    ExitCode::from(code)
}

/// A warning that does not fail the command (a skipped key in a set); stderr, so it
/// never mixes into `--json` output.
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "warning: {message}");
}

fn json_line(value: &Value) -> Vec<u8> {
    let mut line = value.to_string().into_bytes();
    line.push(b'\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_json_adds_ok_and_keeps_fields() {
        let success = Success::new("text", json!({"thumbprint": "abc"}));
        assert_eq!(success.to_json(), json!({"ok": true, "thumbprint": "abc"}));
        assert_eq!(success.text(), "text\n");
        assert_eq!(Success::new("a\n", json!({})).text(), "a\n");
    }

    #[test]
    fn exact_output_gets_no_newline() {
        let success = Success::exact(vec![0xff, b'a'], json!({"x": 1}));
        assert_eq!(success.stdout(), vec![0xff, b'a']);
        assert_eq!(success.to_json(), json!({"ok": true, "x": 1}));
        assert!(Success::exact(Vec::new(), json!({})).stdout().is_empty());
    }

    #[test]
    fn failure_json_has_kind_message_and_claim_only_for_claims() {
        let plain = Failure::rejected(Error::new(ErrorKind::BadSignature, "nope"));
        assert_eq!(
            plain.to_json(),
            json!({"ok": false, "error": {"kind": "bad_signature", "message": "nope"}})
        );
        assert_eq!(plain.line(), "error[bad_signature]: nope\n");
        assert_eq!(plain.exit.code(), 1);

        let weak = Failure::verification(Error::new(ErrorKind::WeakKey, "short"));
        assert_eq!(weak.exit, Exit::Usage);
        let bad = Failure::verification(Error::new(ErrorKind::BadSignature, "no"));
        assert_eq!(bad.exit, Exit::Rejected);

        let claim = Failure::rejected(Error::claim(ErrorKind::Expired, "exp", "expired"));
        assert_eq!(claim.to_json()["error"]["claim"], "exp");
        assert_eq!(Failure::usage(claim.error).exit.code(), 2);
    }
}
