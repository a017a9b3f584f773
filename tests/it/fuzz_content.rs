//! A fuzz run over broken content: one file of the minimal fixture at a time is mutated (lines
//! inserted, deleted, duplicated or swapped, random bytes and text put in, characters that break
//! TOML or Markdown, the file cut short), then `check` and `build` run on the copy through the
//! library. Neither may panic, every error must name its file, and a build that fails must fail
//! on something `check` reports too.
//!
//! `cargo test` runs a bounded smoke mode: 256 cases from a fixed seed, a few seconds. A longer
//! run sets `UNITPRESS_FUZZ_CASES` (e.g. 20000) and `UNITPRESS_FUZZ_SEED` to explore further.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use crate::common::{copy_dir, files_below, fixture};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed};
use unitpress::diagnostic::{Diagnostic, Severity};
use unitpress::model::Edition;
use unitpress::site::{self, BuildOptions};

/// Lines that mean something to the content format, or break it.
const LINES: &[&str] = &[
    "+++",
    "[[question]]",
    "[[question.option]]",
    "[[question.pair]]",
    "[[task]]",
    "[[criterion]]",
    "[[teach]]",
    "[teacher]",
    "[briefs]",
    "title = \"\"\"",
    "\"\"\"",
    "text = '''",
    "id = \"P1\"",
    "id = \"p1\"",
    "criteria = [\"P1\", \"Z9\"]",
    "criteria = []",
    "outcome = 99",
    "level = -3",
    "order = 99999999999999999999999",
    "type = \"order\"",
    "type = \"written\"",
    "type = \"truefalse\"",
    "items = []",
    "checklist = [\"a\"]",
    "model_answer = \"[x](@/units/demo-unit/criteria/p1/)\"",
    "topic = \"how-demos-work\"",
    "heading = \"opening\"",
    "correct = true",
    "band = \"merit\"",
    "grading = \"pass_fail\"",
    "scenario = \"nope\"",
    "theme = \"../../etc\"",
    "\t## A heading behind a tab",
    "## Heading {#}",
    "## Heading {#opening .x}",
    "# ",
    "[link](@/units/demo-unit/criteria/P1/#x)",
    "[up](@/../../../etc/passwd)",
    "[rel](../criteria/p1/)",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "| a | b |\n|---|",
    "```",
    "[^1]: a note",
    "&amp; &#0; &#x110000;",
    "TODO",
    "\u{feff}\u{202e}\u{200b}",
    "𝕌𝕟𝕚𝕥 ١٢٣ 中文 e\u{301}",
    "a = { b = [ { c = 1 } ] }",
    "\\",
    "\r",
];

/// Characters that end a string, a table or a key, or mean something to Markdown.
const CHARS: &[char] = &[
    '"', '\'', '[', ']', '{', '}', '=', '\\', '#', '\n', '\r', '\t', '\0', '+', '`', '<', '>', '*',
    '_', '|', '@', ',', '.', '\u{feff}', '\u{fffd}', 'é',
];

/// One change to a file's bytes; each `Index` picks a place within what the file has then.
#[derive(Debug, Clone)]
enum Mutation {
    InsertLine(Index, String),
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    InsertBytes(Index, Vec<u8>),
    InsertChar(Index, char),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let line = prop_oneof![
        3 => prop::sample::select(LINES).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop_oneof![
        3 => (any::<Index>(), line).prop_map(|(at, l)| Mutation::InsertLine(at, l)),
        2 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, b)| Mutation::InsertBytes(at, b)),
        3 => (any::<Index>(), prop::sample::select(CHARS))
            .prop_map(|(at, c)| Mutation::InsertChar(at, c)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

/// `bytes` with `m` applied.
fn apply(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let place = |at: &Index, len: usize| at.index(len + 1);
    match m {
        Mutation::InsertLine(at, line) => {
            let i = place(at, lines.len());
            lines.insert(i, line.clone().into_bytes());
        }
        Mutation::DeleteLine(at) => {
            lines.remove(at.index(lines.len()));
        }
        Mutation::DuplicateLine(at) => {
            let i = at.index(lines.len());
            lines.insert(i, lines[i].clone());
        }
        Mutation::SwapLines(a, b) => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
        }
        Mutation::InsertBytes(at, inserted) => {
            let mut out = bytes.to_vec();
            let i = place(at, out.len());
            out.splice(i..i, inserted.iter().copied());
            return out;
        }
        Mutation::InsertChar(at, c) => {
            let mut out = bytes.to_vec();
            let i = place(at, out.len());
            out.splice(i..i, c.to_string().into_bytes());
            return out;
        }
        Mutation::Truncate(at) => return bytes[..place(at, bytes.len())].to_vec(),
    }
    lines.join(&b'\n')
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Errors among `found` that name no file, shown for the failure message.
fn unplaced(found: &[Diagnostic]) -> Vec<String> {
    found
        .iter()
        .filter(|d| d.severity == Severity::Error && d.location.is_none())
        .map(|d| d.to_string())
        .collect()
}

/// Runs check and build on `content`; an `Err` says what went wrong.
fn check_and_build(content: &Path, out: &Path) -> Result<(), String> {
    let findings =
        catch_unwind(|| site::check(content)).map_err(|_| "check panicked".to_string())?;
    let missing = unplaced(&findings.diagnostics);
    if !missing.is_empty() {
        return Err(format!("check: errors without a file: {missing:?}"));
    }
    let options = BuildOptions {
        content: content.to_path_buf(),
        out: out.to_path_buf(),
        edition: Edition::Teacher,
    };
    let built = catch_unwind(AssertUnwindSafe(|| site::build(&options)))
        .map_err(|_| "build panicked".to_string())?;
    if let Err(errors) = built {
        let missing = unplaced(&errors);
        if !missing.is_empty() {
            return Err(format!("build: errors without a file: {missing:?}"));
        }
        if findings.count(Severity::Error) == 0 {
            let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            return Err(format!(
                "build failed where check found no error: {shown:?}"
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config {
        cases: env_number("UNITPRESS_FUZZ_CASES", 256) as u32,
        rng_seed: RngSeed::Fixed(env_number("UNITPRESS_FUZZ_SEED", 12)),
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn mutated_content_never_panics_and_every_error_names_its_file(
        file in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let files = files_below(&fixture("minimal"));
        let rel = file.get(&files);
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        copy_dir(&fixture("minimal"), &content);
        let mut bytes = fs::read(content.join(rel)).unwrap();
        for m in &mutations {
            bytes = apply(&bytes, m);
        }
        fs::write(content.join(rel), &bytes).unwrap();
        let outcome = check_and_build(&content, &tmp.path().join("public"));
        prop_assert!(
            outcome.is_ok(),
            "{}\nin {rel} mutated to:\n{:?}",
            outcome.unwrap_err(),
            String::from_utf8_lossy(&bytes)
        );
    }
}
