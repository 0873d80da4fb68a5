//! The `jwt` command: JOSE keys, JWS, JWE and JWT from a shell (contract: CLI.md).
//!
//! `main` parses the command line, dispatches to one function per command and hands
//! its `Result<Success, Failure>` to [`output::finish`], which alone prints and picks
//! the exit code. A new command is a module under `commands/`, a variant of
//! [`args::Command`] and one arm below.
#![forbid(unsafe_code)]

mod algs;
mod args;
mod commands;
mod input;
mod key_file;
mod output;

use args::{Cli, Command};
use commands::{decrypt, dpop, encrypt, inspect, keys as key_commands, sign, verify};
use output::{Failure, Success};
use std::process::ExitCode;

fn main() -> ExitCode {
    match args::parse(std::env::args_os()) {
        Ok(cli) => output::finish(cli.global.json, dispatch(&cli)),
        Err(code) => code,
    }
}

fn dispatch(cli: &Cli) -> Result<Success, Failure> {
    match &cli.command {
        Command::Keygen(args) => key_commands::keygen(args),
        Command::Pubkey(args) => key_commands::pubkey(args),
        Command::Thumbprint(args) => key_commands::thumbprint(args),
        Command::Convert(args) => key_commands::convert(args),
        Command::Sign(args) => sign::run(args, cli.global.now()),
        Command::Verify(args) => verify::run(args, cli.global.now),
        Command::Encrypt(args) => encrypt::run(args),
        Command::Decrypt(args) => decrypt::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Dpop(command) => dpop::run(command, cli.global.now),
    }
}
