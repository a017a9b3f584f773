//! Programs some tests run besides unitpress (xmllint, node with tests/browser's packages):
//! without them a test is skipped with a note on the terminal, except under CI (env CI set),
//! where a missing program is a failure.

use std::io::Write as _;
use std::process::Command;

use super::repo;

/// Whether `program` runs (`program --version`); `install` says how to get it.
pub fn ready(program: &str, install: &str) -> bool {
    let runs = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        skip(&format!("no {program} ({install})"));
    }
    runs
}

/// Whether node and the packages of tests/browser are installed.
pub fn node_ready() -> bool {
    let install = "npm ci --prefix tests/browser";
    if !ready("node", "apt-get install nodejs npm") {
        return false;
    }
    if !repo().join("tests/browser/node_modules").is_dir() {
        skip(&format!("no tests/browser/node_modules ({install})"));
        return false;
    }
    true
}

fn skip(why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "this test needs what is missing: {why}"
    );
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    // Straight to the terminal, past the test harness's capture: a skipped check must show.
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}
