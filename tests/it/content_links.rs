//! Symbolic links in the content folder, end to end: a link out of the content folder (to a
//! file or a folder) stops `build` and `check` with an error naming the link, and nothing of what
//! it leads to is printed or published; a link that leads nowhere or round in a circle gets its
//! own message; a link to a file inside the content folder is followed.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use crate::common::*;

const KNOWLEDGE: &str = "units/demo-unit/knowledge";
const SECRET: &str = "root:x:0:0:the secret first line";

/// Runs `build` and `check` on `content` and returns both runs; both must fail without a panic.
fn build_and_check(content: &Path, out: &Path) -> [Run; 2] {
    let runs = [
        build(content, out, &[]),
        unitpress(&["check"], content, &[]),
    ];
    for run in &runs {
        assert_eq!(run.code, Some(1), "{}", run.show());
        assert!(!run.stderr.contains("panicked"), "{}", run.show());
    }
    runs
}

/// The error for `link` in `run`'s output (build prints to stderr, check to stdout).
fn error_for<'a>(run: &'a Run, link: &Path) -> &'a str {
    let all = if run.stderr.contains("error:") {
        &run.stderr
    } else {
        &run.stdout
    };
    let at = format!("--> {}", link.display());
    all.split("\n\n")
        .find(|block| block.contains(&at))
        .unwrap_or_else(|| panic!("no error at {}\n{}", link.display(), run.show()))
}

#[test]
fn links_out_of_the_content_folder_are_refused_without_reading_them() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let outside = tmp.path().join("outside");
    fs::create_dir_all(outside.join("private")).unwrap();
    fs::write(outside.join("passwd"), format!("{SECRET}\n")).unwrap();
    fs::write(outside.join("private/diary.md"), "my diary").unwrap();
    let leak = content.join(KNOWLEDGE).join("leak.md");
    symlink(outside.join("passwd"), &leak).unwrap();
    let folder = content.join("units/etc");
    symlink(&outside, &folder).unwrap();
    let notes = content.join("units/demo-unit/notes");
    symlink("../../../outside/private", &notes).unwrap();

    let out = tmp.path().join("public");
    for run in build_and_check(&content, &out) {
        for link in [&leak, &folder, &notes] {
            let error = error_for(&run, link);
            assert!(error.contains("outside the content folder"), "{error}");
            assert!(error.contains("= help: copy"), "{error}");
        }
        for private in ["secret first line", "diary", "passwd`:", "private/"] {
            assert!(
                !run.stdout.contains(private) && !run.stderr.contains(private),
                "{private:?} was shown\n{}",
                run.show()
            );
        }
    }
    assert!(!out.exists(), "nothing was built");
}

#[test]
fn dangling_links_and_circles_have_their_own_messages() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let dir = content.join(KNOWLEDGE);
    symlink("no-such-file.md", dir.join("gone.md")).unwrap();
    symlink("ping.md", dir.join("pong.md")).unwrap();
    symlink("pong.md", dir.join("ping.md")).unwrap();
    symlink("..", dir.join("up")).unwrap();
    for run in build_and_check(&content, &tmp.path().join("public")) {
        let gone = error_for(&run, &dir.join("gone.md"));
        assert!(
            gone.contains("`no-such-file.md`, which does not exist"),
            "{gone}"
        );
        for circle in ["ping.md", "pong.md", "up"] {
            let error = error_for(&run, &dir.join(circle));
            assert!(error.contains("leads round in a circle"), "{error}");
        }
        let text = format!("{}{}", run.stdout, run.stderr);
        assert!(
            !text.contains("only .md files belong"),
            "no second, misleading error\n{}",
            run.show()
        );
    }
}

#[test]
fn a_link_to_a_file_inside_the_content_folder_is_followed() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    symlink("demo-parts.md", content.join(KNOWLEDGE).join("shared.md")).unwrap();
    let out = tmp.path().join("public");
    build_ok(&content, &out, &[]);
    let shared = page(&out, "units/demo-unit/knowledge/shared/index.html");
    assert!(shared.contains("A demo has an opening"), "{shared}");
}
