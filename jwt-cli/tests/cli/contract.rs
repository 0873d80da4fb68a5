//! Keeps `docs/cli.md` (the `jwt` command's contract) and the binary in agreement:
//! - every command `jwt --help` lists has a `### `jwt VERB`` section under
//!   `## Commands`, and every such section names a command the binary has; a command
//!   with subcommands (`jwt dpop verify`) has a `### `jwt VERB SUB`` section for each
//!   subcommand its `--help` lists, and the flags checked are the subcommand's;
//! - the `## Global options` table lists exactly the options of `jwt --help`;
//! - every long flag of `jwt VERB --help` is a row of the verb's flag table (or a global
//!   option), and every flag the verb's section documents (flag table rows, synopsis
//!   lines in its `text` blocks) is one `jwt VERB --help` lists;
//! - the `## Error kinds` table lists exactly the codes of `jwt_core::ErrorKind`.
//!
//! Each test collects every disagreement and fails once, naming each flag, verb or
//! kind and where it is missing.

use crate::common::jwt;
use jwt_core::ErrorKind;
use std::collections::BTreeSet;

/// The contract as the repository holds it (rebuilt when the file changes).
const CONTRACT: &str = include_str!("../../../docs/cli.md");

/// How the messages name the contract.
const DOC: &str = "docs/cli.md";

/// The crate readme, which must point at the contract.
const README: &str = include_str!("../../README.md");

/// The subcommand clap adds by itself (`jwt help [COMMAND]`).
const CLAP_HELP_COMMAND: &str = "help";

// ---------------------------------------------------------------------------------
// The binary's side: `--help` output.
// ---------------------------------------------------------------------------------

/// The `--help` text of `jwt` (no `verb`) or of `jwt VERB` (`VERB` may be a command
/// and its subcommand, `dpop verify`).
fn help(verb: Option<&str>) -> String {
    let mut args: Vec<&str> = verb.into_iter().flat_map(str::split_whitespace).collect();
    args.push("--help");
    let run = jwt(&args, None);
    run.success().to_owned()
}

/// The non-blank lines of the help section titled `title` (`Commands:`, `Options:`), up
/// to the next unindented line (the next section's title). clap separates entries with
/// blank lines when it puts descriptions under the flags, so a blank line ends nothing.
fn help_section<'a>(help: &'a str, title: &str) -> Vec<&'a str> {
    help.lines()
        .skip_while(|line| line.trim_end() != title)
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .take_while(|line| line.starts_with(' '))
        .collect()
}

/// The commands `jwt --help` lists: the first word of each entry line of `Commands:`
/// (entries are indented by two spaces; deeper lines continue a description).
fn help_commands(help: &str) -> BTreeSet<String> {
    help_section(help, "Commands:")
        .into_iter()
        .filter(|line| line.starts_with("  ") && !line[2..].starts_with(' '))
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// The long flags a help text defines: the first `--flag` of each option line of
/// `Options:` (`  -h, --help`, `      --key <FILE>`); description lines, indented
/// deeper, may mention other flags and are not definitions.
fn help_flags(help: &str) -> BTreeSet<String> {
    help_section(help, "Options:")
        .into_iter()
        .filter(|line| {
            let indent = line.len() - line.trim_start().len();
            indent <= 6 && line.trim_start().starts_with('-')
        })
        .filter_map(|line| long_flags(line).into_iter().next())
        .collect()
}

/// Every `--[a-z0-9][a-z0-9-]*` in `text`, in order (not inside a longer run of dashes
/// or a word).
fn long_flags(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut flags = Vec::new();
    let mut i = 0;
    while i + 2 < bytes.len() {
        let starts = bytes[i] == b'-'
            && bytes[i + 1] == b'-'
            && (bytes[i + 2].is_ascii_lowercase() || bytes[i + 2].is_ascii_digit())
            && (i == 0 || !(bytes[i - 1] == b'-' || bytes[i - 1].is_ascii_alphanumeric()));
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i + 2;
        while end < bytes.len()
            && (bytes[end].is_ascii_lowercase()
                || bytes[end].is_ascii_digit()
                || bytes[end] == b'-')
        {
            end += 1;
        }
        flags.push(text[i..end].trim_end_matches('-').to_owned());
        i = end;
    }
    flags
}

// ---------------------------------------------------------------------------------
// The contract's side: sections, flag tables, synopses, the error-kind table.
// ---------------------------------------------------------------------------------

/// One line of the contract, with the info string of the fenced block it is in.
struct Line<'a> {
    text: &'a str,
    fence: Option<&'a str>,
}

/// A heading and the lines up to the next heading of the same or a higher level.
struct Section<'a> {
    level: usize,
    title: &'a str,
    lines: Vec<Line<'a>>,
}

impl Section<'_> {
    /// The flags of its flag tables: the first `--flag` of each row starting ``| `--``.
    fn table_flags(&self) -> Vec<String> {
        self.lines
            .iter()
            .filter(|line| line.fence.is_none() && line.text.starts_with("| `--"))
            .filter_map(|line| long_flags(line.text).into_iter().next())
            .collect()
    }

    /// Its synopsis lines: lines of ```` ```text ```` blocks that start with `jwt `.
    fn synopses(&self) -> Vec<&str> {
        self.lines
            .iter()
            .filter(|line| line.fence == Some("text") && line.text.starts_with("jwt "))
            .map(|line| line.text)
            .collect()
    }
}

/// Every heading section of `doc` (headings inside fenced blocks do not count). A
/// section's lines run to the next heading of its level or above, so a `###` section
/// holds its `####` subsections.
fn sections(doc: &str) -> Vec<Section<'_>> {
    let mut lines = Vec::new();
    let mut fence: Option<&str> = None;
    for text in doc.lines() {
        if let Some(info) = text.trim_start().strip_prefix("```") {
            fence = match fence {
                Some(_) => None,
                None => Some(info.trim()),
            };
            lines.push(Line { text, fence: None });
            continue;
        }
        lines.push(Line { text, fence });
    }
    let heading = |line: &Line<'_>| -> Option<usize> {
        if line.fence.is_some() {
            return None;
        }
        let level = line.text.bytes().take_while(|&b| b == b'#').count();
        (level > 0 && line.text[level..].starts_with(' ')).then_some(level)
    };
    let mut sections = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(level) = heading(line) else { continue };
        let end = lines[start + 1..]
            .iter()
            .position(|next| heading(next).is_some_and(|l| l <= level))
            .map_or(lines.len(), |offset| start + 1 + offset);
        let body = lines[start + 1..end]
            .iter()
            .map(|l| Line {
                text: l.text,
                fence: l.fence,
            })
            .collect();
        sections.push(Section {
            level,
            title: line.text[level..].trim(),
            lines: body,
        });
    }
    sections
}

/// The `##` section titled `title`.
fn chapter<'a>(sections: &'a [Section<'a>], title: &str) -> &'a Section<'a> {
    sections
        .iter()
        .find(|s| s.level == 2 && s.title == title)
        .unwrap_or_else(|| panic!("{DOC} has no `## {title}` section"))
}

/// The command sections: each `###` heading inside `## Commands`, as (verb, section).
/// A heading there must read `` `jwt VERB` ``.
fn verb_sections<'a>(sections: &'a [Section<'a>]) -> Vec<(String, &'a Section<'a>)> {
    let commands = chapter(sections, "Commands");
    let mut verbs = Vec::new();
    let mut inside = false;
    for section in sections {
        if section.level <= 2 {
            inside = std::ptr::eq(section, commands);
            continue;
        }
        if !inside || section.level != 3 {
            continue;
        }
        let title = section.title.trim_matches('`');
        let verb = title.strip_prefix("jwt ").unwrap_or_else(|| {
            panic!(
                "{DOC}: the heading `### {}` under `## Commands` must read `### `jwt VERB``",
                section.title
            )
        });
        verbs.push((verb.trim().to_owned(), section));
    }
    verbs
}

/// Fails with every problem found, one per line.
fn assert_no_problems(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{DOC} and the `jwt` binary disagree ({what}):\n  - {}",
        problems.join("\n  - ")
    );
}

// ---------------------------------------------------------------------------------
// The checks.
// ---------------------------------------------------------------------------------

/// The command of a documented verb: `dpop` for `dpop verify`.
fn command_of(verb: &str) -> &str {
    verb.split_whitespace().next().unwrap_or(verb)
}

#[test]
fn every_command_is_documented_and_every_documented_command_exists() {
    let top = help(None);
    let binary = help_commands(&top);
    assert!(
        binary.len() > 1,
        "no commands found in `jwt --help`:\n{top}"
    );
    let sections = sections(CONTRACT);
    let documented = verb_sections(&sections);
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (verb, _) in &documented {
        if !seen.insert(verb.as_str()) {
            problems.push(format!(
                "`### `jwt {verb}`` appears more than once under `## Commands` in {DOC}"
            ));
        }
        if !binary.contains(command_of(verb)) {
            problems.push(format!(
                "{DOC} documents the command `jwt {verb}` (`### `jwt {verb}``), but `jwt --help` does not list it"
            ));
        }
    }
    for verb in &binary {
        if verb == CLAP_HELP_COMMAND {
            if !CONTRACT.contains("`jwt help") {
                problems.push(format!(
                    "`jwt --help` lists `help`; {DOC} should mention `jwt help [COMMAND]` (under `## Global options`)"
                ));
            }
            continue;
        }
        let subcommands: BTreeSet<String> = help_commands(&help(Some(verb)))
            .into_iter()
            .filter(|sub| sub != CLAP_HELP_COMMAND)
            .collect();
        if subcommands.is_empty() {
            if !seen.contains(verb.as_str()) {
                problems.push(format!(
                    "`jwt --help` lists the command `{verb}`, but {DOC} has no `### `jwt {verb}`` section under `## Commands`"
                ));
            }
            continue;
        }
        for sub in subcommands {
            let full = format!("{verb} {sub}");
            if !seen.contains(full.as_str()) {
                problems.push(format!(
                    "`jwt {verb} --help` lists the subcommand `{sub}`, but {DOC} has no `### `jwt {full}`` section under `## Commands`"
                ));
            }
        }
    }
    assert_no_problems("commands", &problems);
}

#[test]
fn the_global_options_are_those_of_jwt_help() {
    let binary = help_flags(&help(None));
    let sections = sections(CONTRACT);
    let global = chapter(&sections, "Global options");
    let documented: BTreeSet<String> = global.table_flags().into_iter().collect();
    let mut problems = Vec::new();
    for flag in binary.difference(&documented) {
        problems.push(format!(
            "`jwt --help` lists the option `{flag}`, but the `## Global options` table of {DOC} has no row for it"
        ));
    }
    for flag in documented.difference(&binary) {
        problems.push(format!(
            "the `## Global options` table of {DOC} lists `{flag}`, but `jwt --help` does not"
        ));
    }
    assert_no_problems("global options", &problems);
}

#[test]
fn every_flag_of_every_command_is_documented_and_accepted() {
    let sections = sections(CONTRACT);
    let global: BTreeSet<String> = chapter(&sections, "Global options")
        .table_flags()
        .into_iter()
        .collect();
    let mut problems = Vec::new();
    let mut checked = 0;
    let commands = help_commands(&help(None));
    for (verb, section) in verb_sections(&sections) {
        if !commands.contains(command_of(&verb)) {
            // Reported by every_command_is_documented_and_every_documented_command_exists.
            continue;
        }
        let text = help(Some(&verb));
        let binary = help_flags(&text);
        if binary.is_empty() {
            problems.push(format!("no options found in `jwt {verb} --help`:\n{text}"));
            continue;
        }
        checked += 1;
        let before = problems.len();
        let table: BTreeSet<String> = section.table_flags().into_iter().collect();
        // The binary's flags must each be in the verb's flag table, or be global.
        for flag in &binary {
            if !table.contains(flag) && !global.contains(flag) {
                problems.push(format!(
                    "`jwt {verb} --help` lists `{flag}`, but the `### `jwt {verb}`` section of {DOC} has no flag-table row for it"
                ));
            }
        }
        // Everything the section documents must be accepted by the verb.
        for flag in &table {
            if !binary.contains(flag) {
                problems.push(format!(
                    "the flag table of `### `jwt {verb}`` in {DOC} lists `{flag}`, but `jwt {verb} --help` does not: the binary does not accept it"
                ));
            }
        }
        let synopses = section.synopses();
        if synopses.is_empty() {
            problems.push(format!(
                "the `### `jwt {verb}`` section of {DOC} has no synopsis (a line starting `jwt {verb}` in a ```text block)"
            ));
        }
        for synopsis in synopses {
            let words: Vec<&str> = synopsis.split_whitespace().collect();
            let verb_words: Vec<&str> = verb.split_whitespace().collect();
            if words.get(1..=verb_words.len()) != Some(verb_words.as_slice()) {
                problems.push(format!(
                    "a synopsis in the `### `jwt {verb}`` section of {DOC} is for another command: {synopsis}"
                ));
                continue;
            }
            for flag in long_flags(synopsis) {
                if !binary.contains(&flag) {
                    problems.push(format!(
                        "the synopsis of `jwt {verb}` in {DOC} shows `{flag}`, but `jwt {verb} --help` does not: the binary does not accept it"
                    ));
                }
            }
        }
        if problems.len() > before {
            problems.push(format!(
                "(for reference, the flags read from `jwt {verb} --help`: {binary:?})"
            ));
        }
    }
    assert!(
        checked > 0,
        "{DOC} documents no command under `## Commands`"
    );
    assert_no_problems("flags", &problems);
}

#[test]
fn the_error_kind_table_lists_exactly_the_library_kinds() {
    let sections = sections(CONTRACT);
    let table = chapter(&sections, "Error kinds");
    let mut documented = Vec::new();
    for line in &table.lines {
        if line.fence.is_some() {
            continue;
        }
        let row = line.text.strip_prefix("| `");
        if let Some((code, _)) = row.and_then(|rest| rest.split_once('`')) {
            documented.push(code.to_owned());
        }
    }
    let library: BTreeSet<&str> = ErrorKind::ALL.iter().map(|kind| kind.as_str()).collect();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for code in &documented {
        if !seen.insert(code.as_str()) {
            problems.push(format!(
                "the `## Error kinds` table of {DOC} lists `{code}` more than once"
            ));
        }
        if !library.contains(code.as_str()) {
            problems.push(format!(
                "the `## Error kinds` table of {DOC} lists `{code}`, which is no `jwt_core::ErrorKind` code (ErrorKind::as_str in jwt-core/src/error.rs)"
            ));
        }
    }
    for code in &library {
        if !seen.contains(code) {
            problems.push(format!(
                "`jwt_core::ErrorKind` has the code `{code}`, but the `## Error kinds` table of {DOC} has no row for it"
            ));
        }
    }
    assert_no_problems("error kinds", &problems);
}

#[test]
fn the_crate_readme_links_to_the_contract() {
    assert!(
        README.contains("](../docs/cli.md)"),
        "jwt-cli/README.md must link to the contract as `(../docs/cli.md)`"
    );
}

#[test]
fn the_parsers_read_what_they_should() {
    assert_eq!(
        long_flags("[--kid KID | --kid-thumbprint] --- x--y --2x --no-exp-"),
        ["--kid", "--kid-thumbprint", "--2x", "--no-exp"]
    );
    let help = "Usage: jwt [OPTIONS] <COMMAND>\n\nCommands:\n  keygen  Make a key\n          with --alg\n  help    Print help\n\nOptions:\n      --json    As JSON (see --now)\n\n  -h, --help\n          Print help\n\nArguments:\n  [TOKEN]\n";
    assert_eq!(
        help_commands(help),
        BTreeSet::from(["keygen".to_owned(), "help".to_owned()])
    );
    assert_eq!(
        help_flags(help),
        BTreeSet::from(["--json".to_owned(), "--help".to_owned()])
    );
    let doc = "## Commands\n\n### `jwt a`\n\n```text\njwt a --x\n```\n\n| `--x` | y |\n\n#### sub\n\n| `--z Z` | w |\n\n## Other\n\n| `--q` | r |\n";
    let sections = sections(doc);
    let verbs = verb_sections(&sections);
    assert_eq!(verbs.len(), 1);
    assert_eq!(verbs[0].0, "a");
    assert_eq!(verbs[0].1.table_flags(), ["--x", "--z"]);
    assert_eq!(verbs[0].1.synopses(), ["jwt a --x"]);
}
