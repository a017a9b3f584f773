//! `unitpress new site`: the starter course of every shape passes `check` with no problem at
//! all and builds in both editions; a used folder is refused; `build --zip` holds exactly the
//! built site; and the command line's own help (`unitpress` alone, `--version`, `help CMD`).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::*;

/// Runs `unitpress ARGS…` in the folder `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_unitpress"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("cannot run the unitpress binary")
        .into()
}

fn ok_in(dir: &Path, args: &[&str]) -> Run {
    let run = run_in(dir, args);
    assert_eq!(run.code, Some(0), "unitpress {args:?}\n{}", run.show());
    run
}

#[test]
fn every_shape_makes_a_course_with_no_problem_that_builds_in_both_editions() {
    for (shape, criterion) in [("graded", "d1"), ("competence", "1-2"), ("standard", "k1")] {
        let tmp = tempfile::tempdir().unwrap();
        let made = ok_in(tmp.path(), &["new", "site", "my-course", "--shape", shape]);
        assert!(
            made.stdout.contains(&format!("an example {shape} unit")),
            "{}",
            made.show()
        );
        let course = tmp.path().join("my-course");
        for file in [
            "README.md",
            ".gitignore",
            ".github/workflows/publish.yml",
            ".gitlab-ci.yml",
            "content/site.toml",
            "content/command-verbs.toml",
            "content/units/first-unit/unit.md",
        ] {
            assert!(course.join(file).is_file(), "{shape}: no {file}");
        }
        let unit_md = fs::read_to_string(course.join("content/units/first-unit/unit.md")).unwrap();
        assert!(
            unit_md.contains(&format!("grading = \"{shape}\"")),
            "{unit_md}"
        );
        let site_toml = fs::read_to_string(course.join("content/site.toml")).unwrap();
        assert!(site_toml.contains("title = \"My course\""), "{site_toml}");

        // Clean: not even a warning, so the teacher's first `check` says all is well.
        let checked = ok_in(&course, &["check", "--deny-warnings"]);
        assert!(
            checked.stdout.contains("No problems found"),
            "{shape}\n{}",
            checked.show()
        );
        ok_in(&course, &["build"]);
        let page = course.join(format!(
            "public/units/first-unit/criteria/{criterion}/index.html"
        ));
        assert!(page.is_file(), "{shape}: {} was not built", page.display());
        let html = fs::read_to_string(&page).unwrap();
        assert!(
            html.contains("class=\"question\""),
            "{shape}: no quiz on {criterion}"
        );
        ok_in(
            &course,
            &["build", "--edition", "teacher", "--out", "staff"],
        );
        assert!(course.join("staff/index.html").is_file());
    }
}

#[test]
fn a_folder_in_use_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let used = tmp.path().join("notes");
    fs::create_dir(&used).unwrap();
    fs::write(used.join("plan.md"), "my plan").unwrap();
    let run = run_in(tmp.path(), &["new", "site", "notes"]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(run.stderr.contains("not empty"), "{}", run.show());
    assert!(run.stderr.contains("plan.md"), "{}", run.show());
    assert!(run.stderr.contains("help:"), "{}", run.show());
    assert_eq!(entries(&used), ["plan.md"]);
    let bad = run_in(tmp.path(), &["new", "site", "x", "--shape", "btec"]);
    assert_eq!(bad.code, Some(2), "{}", bad.show());
    assert!(bad.stderr.contains("graded"), "{}", bad.show());
}

#[test]
fn build_zip_holds_exactly_the_built_site_and_never_goes_inside_it() {
    let tmp = tempfile::tempdir().unwrap();
    ok_in(tmp.path(), &["new", "site", "course"]);
    let course = tmp.path().join("course");
    let run = ok_in(&course, &["build", "--zip", "../course.zip"]);
    assert!(
        run.stdout.contains("Wrote ../course.zip ("),
        "{}",
        run.show()
    );
    assert!(run.stdout.contains("open index.html"), "{}", run.show());

    let built: BTreeSet<String> = snapshot(&course.join("public")).into_keys().collect();
    let file = fs::File::open(tmp.path().join("course.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let zipped: BTreeSet<String> = archive
        .file_names()
        .filter(|n| !n.ends_with('/'))
        .map(String::from)
        .collect();
    assert!(zipped.contains("index.html"), "{zipped:?}");
    assert_eq!(zipped, built, "the zip holds the built site, file for file");
    let built_index = fs::read(course.join("public/index.html")).unwrap();
    let mut zipped_index = Vec::new();
    std::io::Read::read_to_end(
        &mut archive.by_name("index.html").unwrap(),
        &mut zipped_index,
    )
    .unwrap();
    assert_eq!(zipped_index, built_index);

    let before = snapshot(&course.join("public"));
    let inside = run_in(&course, &["build", "--zip", "public/course.zip"]);
    assert_eq!(inside.code, Some(1), "{}", inside.show());
    assert!(inside.stderr.contains("output folder"), "{}", inside.show());
    assert_unchanged(
        &course.join("public"),
        &before,
        "a refused zip builds nothing",
    );
}

#[test]
fn the_bare_command_prints_the_quick_start_and_help_explains_each_command() {
    let tmp = tempfile::tempdir().unwrap();
    let bare = ok_in(tmp.path(), &[]);
    assert_eq!(bare.stdout.lines().count(), 3, "{}", bare.show());
    for step in [
        "unitpress new site",
        "unitpress serve",
        "unitpress check",
        "unitpress build",
    ] {
        assert!(bare.stdout.contains(step), "{step}\n{}", bare.show());
    }
    let version = ok_in(tmp.path(), &["--version"]);
    assert_eq!(
        version.stdout,
        format!("unitpress {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert!(ok_in(tmp.path(), &["help", "build"])
        .stdout
        .contains("--zip <FILE>"));
    assert!(ok_in(tmp.path(), &["help", "new", "site"])
        .stdout
        .contains("--shape"));
    let unknown = run_in(tmp.path(), &["help", "publish"]);
    assert_eq!(unknown.code, Some(2), "{}", unknown.show());
}
