//! The README's quick start for teachers, followed literally by tests/quickstart.py with the
//! binary just built (CI follows it again with the wheel installed in a fresh environment).

use std::path::Path;
use std::process::Command;

/// Whether `program --version` runs.
fn present(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_readme_quick_start_runs_command_by_command() {
    if !present("python3") || !present("git") {
        assert!(
            std::env::var_os("CI").is_none(),
            "the quick start test needs python3 and git"
        );
        eprintln!("SKIPPED the quick start test: python3 or git is missing");
        return;
    }
    let out = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quickstart.py"))
        .arg("--binary")
        .arg(env!("CARGO_BIN_EXE_unitpress"))
        .output()
        .expect("run tests/quickstart.py");
    assert!(
        out.status.success(),
        "the quick start failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
