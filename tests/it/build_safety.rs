//! What `unitpress build` never harms: an `--out` that is someone's own folder or a file is
//! refused and left byte for byte as it was; a build stopped by Ctrl-C or SIGTERM leaves the
//! previous site and no staging folder; what a killed build left beside the output, the next
//! build removes, and nothing else.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// Runs a build and asserts it was refused before anything was touched: exit 1, an error
/// naming `out` and saying what to do, and `parent` holding exactly `before_entries` still.
fn assert_refused(content: &Path, out: &Path, words: &[&str]) -> Run {
    let parent = out.parent().unwrap();
    let before = entries(parent);
    let run = build(content, out, &[]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(!run.stderr.contains("panicked"), "{}", run.show());
    assert!(
        run.stderr.contains(&format!("--> {}", out.display())),
        "the error names the folder\n{}",
        run.show()
    );
    for word in words {
        assert!(run.stderr.contains(word), "{word:?}\n{}", run.show());
    }
    assert_eq!(entries(parent), before, "nothing new beside the output");
    run
}

#[test]
fn a_folder_of_other_files_is_refused_and_left_as_it_was() {
    let tmp = fixture_with(&[]);
    let docs = tmp.path().join("docs");
    fs::create_dir_all(docs.join("figures")).unwrap();
    fs::write(docs.join("thesis.txt"), "four years of work").unwrap();
    fs::write(docs.join("figures/one.svg"), "<svg/>").unwrap();
    let before = snapshot(&docs);
    assert_refused(
        &tmp.path().join("content"),
        &docs,
        &["did not write", "--out"],
    );
    assert_unchanged(&docs, &before, "a folder unitpress did not build");
}

#[test]
fn a_file_given_as_the_output_is_refused_and_left_as_it_was() {
    let tmp = fixture_with(&[]);
    let file = tmp.path().join("notes.txt");
    fs::write(&file, "my notes").unwrap();
    assert_refused(&tmp.path().join("content"), &file, &["is a file", "--out"]);
    assert_eq!(fs::read(&file).unwrap(), b"my notes");
}

#[test]
fn an_empty_folder_is_built_into_and_the_site_carries_the_marker() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let out = tmp.path().join("site");
    fs::create_dir(&out).unwrap();
    build_ok(&content, &out, &[]);
    let marker = fs::read_to_string(out.join(".unitpress-site")).unwrap();
    assert!(marker.contains("unitpress"), "{marker}");
    // Marked, so the next build replaces it; a stray file from elsewhere goes with it.
    fs::write(out.join("stray.txt"), "x").unwrap();
    build_ok(&content, &out, &[]);
    assert!(!out.join("stray.txt").exists());
    assert!(out.join("index.html").is_file());
}

/// A copy of the minimal fixture big enough that its build is still writing pages a second or
/// two after its staging folder appears (debug build).
fn big_course() -> tempfile::TempDir {
    fixture_with_units(250)
}

/// Starts `unitpress build` in the background.
fn spawn_build(content: &Path, out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_unitpress"))
        .args(["build", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run the unitpress binary")
}

/// The staging folders beside `out`.
fn staging_folders(out: &Path) -> Vec<PathBuf> {
    let prefix = format!(".{}.building-", out.file_name().unwrap().to_string_lossy());
    let Ok(listed) = fs::read_dir(out.parent().unwrap()) else {
        return Vec::new(); // not created yet
    };
    listed
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&prefix)
        })
        .collect()
}

/// Waits until the build has begun writing pages into its staging folder.
fn wait_for_staging(child: &mut Child, out: &Path) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(found) = staging_folders(out).pop() {
            if found.join("index.html").exists() || found.join("units").exists() {
                return found;
            }
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be stopped; use a bigger course"
        );
        assert!(Instant::now() < deadline, "no staging folder appeared");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn signal(child: &Child, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

#[cfg(unix)]
#[test]
fn sigterm_and_ctrl_c_stop_a_build_and_leave_the_previous_site() {
    let tmp = big_course();
    let content = tmp.path().join("content");
    let out = tmp.path().join("site/public");
    build_ok(&content, &out, &[]);
    let before = snapshot(&out);
    for name in ["TERM", "INT"] {
        let mut child = spawn_build(&content, &out);
        wait_for_staging(&mut child, &out);
        let asked = Instant::now();
        signal(&child, name);
        let output = child.wait_with_output().unwrap();
        let took = asked.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(130), "SIG{name}\n{stderr}");
        assert!(stderr.contains("Stopped"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(took < Duration::from_secs(5), "SIG{name}: {took:?} to stop");
        assert_eq!(entries(&tmp.path().join("site")), ["public"], "SIG{name}");
        assert_unchanged(&out, &before, "a stopped build");
    }
}

/// The id of a process that has ended.
#[cfg(unix)]
fn ended_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[cfg(unix)]
#[test]
fn the_next_build_removes_what_a_killed_build_left_and_nothing_else() {
    let tmp = big_course();
    let content = tmp.path().join("content");
    let out = tmp.path().join("site/public");
    let mut child = spawn_build(&content, &out);
    let left = wait_for_staging(&mut child, &out);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(left.is_dir(), "SIGKILL leaves the staging folder");

    // Look-alikes that are not a dead build's: a folder of someone's files, a live process's.
    let site = tmp.path().join("site");
    let foreign = site.join(format!(".public.building-{}", ended_pid()));
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("mine.txt"), "mine").unwrap();
    let live = site.join(format!(".public.building-{}", std::process::id()));
    fs::create_dir(&live).unwrap();
    fs::write(live.join(".unitpress-site"), "").unwrap();
    fs::write(live.join("index.html"), "x").unwrap();

    build_ok(&content, &out, &[]);
    assert!(
        !left.exists(),
        "the killed build's staging folder is removed"
    );
    assert_eq!(
        fs::read_to_string(foreign.join("mine.txt")).unwrap(),
        "mine"
    );
    assert!(live.join("index.html").is_file());
    let mut expected = vec![
        "public".to_string(),
        foreign.file_name().unwrap().to_string_lossy().into_owned(),
        live.file_name().unwrap().to_string_lossy().into_owned(),
    ];
    expected.sort();
    assert_eq!(entries(&site), expected);
}
