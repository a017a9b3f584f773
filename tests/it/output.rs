//! A command whose output cannot be written — its reader went away (`unitpress check | head -1`,
//! `| true`) or the disk is full (`> /dev/full`) — ends quietly with exit status 1, never with a
//! panic. Unix only: the shell sets up the pipes and /dev/full.
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use crate::common::*;

/// Runs `script` with sh; `$0` is the unitpress binary and `$1` the content folder.
fn sh(script: &str, content: &Path) -> Run {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_unitpress"))
        .arg(content)
        .output()
        .expect("cannot run sh")
        .into()
}

/// Every command that prints to standard output, each followed by its exit status on standard
/// error as `<name> exited <status>`.
const COMMANDS: &str = r#"
    "$0" check --content "$1"; echo "check exited $?" >&2
    "$0" check --format json --content "$1"; echo "json exited $?" >&2
    "$0" build --content "$1" --out "$1/../public" --timings; echo "build exited $?" >&2
    "$0" new unit unit-99 --content "$1"; echo "new exited $?" >&2
    "$0" --help; echo "help exited $?" >&2
"#;

const NAMES: [&str; 5] = ["check", "json", "build", "new", "help"];

#[test]
fn every_command_ends_quietly_when_its_reader_has_gone() {
    let tmp = fixture_with(&[]);
    // `true` ends at once; the commands start a second later, when no one reads the pipe.
    let run = sh(
        &format!("{{ sleep 1; {COMMANDS} }} | true"),
        &tmp.path().join("content"),
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.show());
    for name in NAMES {
        assert!(
            run.stderr.contains(&format!("{name} exited 1")),
            "`{name}` should end with status 1\n{}",
            run.show()
        );
    }
    assert!(
        !run.stderr.contains("cannot write"),
        "a reader that went away is not worth a message\n{}",
        run.show()
    );
    assert!(
        tmp.path().join("public/index.html").is_file(),
        "the build's work is done even though its summary could not be printed"
    );
}

#[test]
fn check_piped_into_head_prints_its_first_line_without_a_panic() {
    // Far more warnings than a pipe holds, so that check is still writing when head has gone.
    let todos: String = (1..=600).map(|i| format!("\nTODO part {i}\n")).collect();
    let tmp = fixture_with(&[]);
    let knowledge = tmp
        .path()
        .join("content/units/demo-unit/knowledge/demo-parts.md");
    let text = std::fs::read_to_string(&knowledge).unwrap();
    std::fs::write(&knowledge, text + &todos).unwrap();
    let run = sh(
        r#"{ "$0" check --content "$1"; echo "check exited $?" >&2; } | head -1"#,
        &tmp.path().join("content"),
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.show());
    assert!(run.stderr.contains("check exited 1"), "{}", run.show());
    assert!(run.stdout.contains(" warnings"), "{}", run.show());
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.show());
}

#[test]
fn every_command_fails_quietly_on_a_full_disk() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let tmp = fixture_with(&[]);
    let run = sh(
        &format!("{{ {COMMANDS} }} > /dev/full"),
        &tmp.path().join("content"),
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.show());
    for name in NAMES {
        assert!(
            run.stderr.contains(&format!("{name} exited 1")),
            "`{name}` should end with status 1\n{}",
            run.show()
        );
    }
    assert!(
        run.stderr
            .contains("cannot write to standard output: No space left on device"),
        "{}",
        run.show()
    );
}

#[test]
fn a_failed_build_whose_errors_cannot_be_written_still_fails() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let script = r#""$0" build --content "$1/missing" --out "$1/public" 2> /dev/full
        echo "build exited $?""#;
    let run = sh(script, tmp.path());
    assert_eq!(run.stdout.trim(), "build exited 1", "{}", run.show());
}
