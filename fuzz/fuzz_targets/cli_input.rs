//! The `jwt` command's input readers, compiled from the CLI's own source files (the CLI
//! is a binary crate with no library to link): the token argument and the standard
//! input path (trailing whitespace trimmed, UTF-8, size bound), JSON objects from the
//! command line (`--claims`, `--header`), and key files (JWK, JWK Set, PEM or DER,
//! told apart by their first bytes), written to a temporary file and loaded by path.
//!
//! Input: a mode byte, then the bytes.
#![no_main]
#![allow(dead_code, unused_imports)]

#[path = "../../jwt-cli/src/output.rs"]
mod output;

#[path = "../../jwt-cli/src/input.rs"]
mod input;

#[path = "../../jwt-cli/src/key_file.rs"]
mod key_file;

use libfuzzer_sys::fuzz_target;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::OnceLock;

fn key_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| std::env::temp_dir().join(format!("jwt-fuzz-key-{}", std::process::id())))
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 5 {
        0 => {
            let _ = input::token(Some(OsStr::from_bytes(rest)));
        }
        1 => {
            // What the standard input path does with the bytes it read.
            let trimmed = input::trim_end(rest.to_vec());
            assert!(trimmed.len() <= rest.len() && rest.starts_with(&trimmed));
            let _ = input::token_at_most(Some(OsStr::from_bytes(&trimmed)), 64);
        }
        2 => {
            let Ok(text) = std::str::from_utf8(rest) else {
                return;
            };
            let _ = input::json_object("--claims", text);
        }
        3 => {
            let Ok(text) = std::str::from_utf8(rest) else {
                return;
            };
            let kid = Some("k1".to_owned());
            let _ = input::header_members(Some(text), &[("kid", &kid)]);
        }
        _ => {
            let path = key_path();
            if std::fs::write(path, rest).is_ok() {
                if let Ok(key) = key_file::load(path) {
                    let _ = key.single();
                }
            }
        }
    }
});
