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

use jwt_core::Error;
use serde_json::{json, Map, Value};
use std::io::Write;
use std::process::ExitCode;

/// A command's result: what to print for a person and what to print with `--json`.
#[derive(Debug)]
pub struct Success {
    text: String,
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
            text: text.into(),
            fields,
        }
    }

    /// The `--json` form.
    pub fn to_json(&self) -> Value {
        let mut object = self.fields.clone();
        object.insert("ok".to_owned(), Value::Bool(true));
        Value::Object(object)
    }

    /// The human form, ending in a newline.
    pub fn text(&self) -> String {
        let mut text = self.text.clone();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text
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
        (Ok(success), false) => (success.text(), String::new(), 0),
        (Err(failure), true) => (
            json_line(&failure.to_json()),
            String::new(),
            failure.exit.code(),
        ),
        (Err(failure), false) => (String::new(), failure.line(), failure.exit.code()),
    };
    // A closed stdout (`jwt ... | head -c0`) is not worth a panic; the exit code stays.
    let _ = std::io::stdout().lock().write_all(stdout.as_bytes());
    let _ = std::io::stderr().lock().write_all(stderr.as_bytes());
    ExitCode::from(code)
}

/// A warning that does not fail the command (a skipped key in a set); stderr, so it
/// never mixes into `--json` output.
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "warning: {message}");
}

fn json_line(value: &Value) -> String {
    let mut line = value.to_string();
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use jwt_core::ErrorKind;

    #[test]
    fn success_json_adds_ok_and_keeps_fields() {
        let success = Success::new("text", json!({"thumbprint": "abc"}));
        assert_eq!(success.to_json(), json!({"ok": true, "thumbprint": "abc"}));
        assert_eq!(success.text(), "text\n");
        assert_eq!(Success::new("a\n", json!({})).text(), "a\n");
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

        let claim = Failure::rejected(Error::claim(ErrorKind::Expired, "exp", "expired"));
        assert_eq!(claim.to_json()["error"]["claim"], "exp");
        assert_eq!(Failure::usage(claim.error).exit.code(), 2);
    }
}
