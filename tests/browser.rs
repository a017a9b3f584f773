//! Browser checks of the bundled course (and of the injection fixture): builds the content with
//! the unitpress binary once per test process, then runs the Node scripts in tests/browser/
//! (Playwright driving Debian's Chromium) against the built site. Each script prints `ok - …` / `not ok - …` lines and exits
//! non-zero when a check fails.

mod common;

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The builds of the bundled course the browser checks run against.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Build {
    /// content/ as it is, `--edition teacher`.
    Teacher,
    /// content/ as it is, the default (learner) edition.
    Learner,
    /// content/ with names and dates in site.toml's [briefs] (print.mjs expects these values).
    Named,
    /// tests/fixtures/injection: script payloads in every text field.
    Injection,
}

const NAMED_BRIEFS: &str = "\n[briefs]\nassessor = \"Alex Assessor\"\ninternal_verifier = \"Val Verifier\"\nissue_date = \"5 January 2027\"\ndeadline = \"2 February 2027\"\n";

/// A build of the bundled course, made once per test process. The temporary folders live under
/// Cargo's target/tmp: statics are never dropped, so they would outlive the process anywhere.
fn site(build: Build) -> PathBuf {
    static SITES: OnceLock<Mutex<HashMap<Build, (tempfile::TempDir, PathBuf)>>> = OnceLock::new();
    let mut sites = SITES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let (_, site) = sites.entry(build).or_insert_with(|| {
        let dir = tempfile::Builder::new()
            .prefix("browser-site-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("create a temporary folder");
        let mut content = repo().join("content");
        if build == Build::Injection {
            content = repo().join("tests/fixtures/injection/content");
        }
        if build == Build::Named {
            let copy = dir.path().join("content");
            common::copy_dir(&content, &copy);
            let site_toml = fs::read_to_string(copy.join("site.toml")).unwrap() + NAMED_BRIEFS;
            fs::write(copy.join("site.toml"), site_toml).unwrap();
            content = copy;
        }
        let site = dir.path().join("site");
        let edition = if build == Build::Learner {
            "learner"
        } else {
            "teacher"
        };
        let out = Command::new(env!("CARGO_BIN_EXE_unitpress"))
            .args(["build", "--edition", edition, "--content"])
            .arg(&content)
            .arg("--out")
            .arg(&site)
            .output()
            .expect("run unitpress");
        assert!(
            out.status.success(),
            "unitpress build failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (dir, site)
    });
    site.clone()
}

/// Whether Chromium and the Node packages are installed. Without them the checks are skipped,
/// except under CI (env CI set), where that is a failure.
fn browser_ready() -> bool {
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let node_modules = repo().join("tests/browser/node_modules");
    if chromium.is_file() && node_modules.is_dir() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "browser tests need Chromium at {} and {} \
         (apt-get install chromium; npm ci --prefix tests/browser)",
        chromium.display(),
        node_modules.display()
    );
    // Straight to the terminal, past the test harness's capture: a skipped check must show.
    let test = std::thread::current()
        .name()
        .unwrap_or("a browser test")
        .to_string();
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: no Chromium or no tests/browser/node_modules \
         (apt-get install chromium; npm ci --prefix tests/browser)"
    );
    false
}

/// Runs `node tests/browser/<script> <site>… <args>…` and asserts that it exits 0.
fn browser_check(script: &str, builds: &[Build], args: &[&str]) {
    if !browser_ready() {
        return;
    }
    let out = Command::new("node")
        .arg(repo().join("tests/browser").join(script))
        .args(builds.iter().map(|b| site(*b)))
        .args(args)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{script} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_internal_link_resolves_and_pages_load_from_a_sub_folder() {
    browser_check("links.mjs", &[Build::Teacher], &[]);
}

/// One page of each type (and of each kind of unit): the pages the layout, axe and keyboard
/// checks open.
const PAGE_TYPES: &[&str] = &[
    "index.html",
    "404.html",
    "search/index.html?q=complaints",
    "progression/index.html",
    "accessibility/index.html",
    "units/unit-10/index.html",
    "units/b15/index.html",
    "units/cfacsb15/index.html",
    "units/unit-10/outcomes/1/index.html",
    "units/unit-10/criteria/p1/index.html",
    "units/cfacsb15/criteria/k1/index.html",
    "units/unit-10/knowledge/customer-needs/index.html",
    "units/unit-10/progress/index.html",
    "units/unit-20/progress/index.html",
    "units/unit-10/briefs/index.html",
    "units/unit-10/briefs/p3/index.html",
];

#[test]
fn key_pages_pass_axe_in_light_and_dark() {
    browser_check("axe.mjs", &[Build::Teacher], PAGE_TYPES);
}

#[test]
fn no_page_scrolls_sideways_from_320_px_and_no_focus_is_hidden() {
    browser_check("layout.mjs", &[Build::Teacher], PAGE_TYPES);
}

#[test]
fn unit_navigation_works_by_keyboard_in_teaching_order_and_shows_progress() {
    browser_check("nav.mjs", &[Build::Learner], &[]);
}

/// Whether Java runs, for the HTML checker; as with the browser, missing is a failure in CI only.
fn java_ready() -> bool {
    if Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the HTML check needs Java (apt-get install default-jre-headless)"
    );
    let _ = writeln!(std::io::stderr(), "SKIPPED the HTML check: no Java");
    false
}

#[test]
fn every_page_of_both_editions_is_valid_html() {
    if java_ready() {
        browser_check("vnu.mjs", &[Build::Teacher], &[]);
        browser_check("vnu.mjs", &[Build::Learner], &[]);
    }
}

#[test]
fn quizzes_give_feedback_score_retry_and_keep_progress() {
    browser_check("quiz.mjs", &[Build::Teacher], &[]);
}

#[test]
fn briefs_print_on_a4_with_names_dates_and_exact_wording() {
    browser_check("print.mjs", &[Build::Learner, Build::Named], &[]);
}

#[test]
fn search_finds_the_right_place_first_from_disk() {
    browser_check("search.mjs", &[Build::Teacher], &[]);
}

#[test]
fn serve_shows_every_problem_of_an_edit_with_the_count_check_gives() {
    if !browser_ready() {
        return;
    }
    // What check says of the seven mistakes.
    let broken = common::fixture_with(common::SEVEN_MISTAKES);
    let checked = common::unitpress(
        &["check", "--format", "json"],
        &broken.path().join("content"),
        &[],
    );
    let report: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    let errors = report["errors"].as_u64().unwrap();
    assert_eq!(errors, 7, "{}", checked.show());

    // serve, on a good copy that then receives the same edits.
    let good = common::fixture_with(&[]);
    let edits = good.path().join("edits.json");
    let list: Vec<[&str; 3]> = common::SEVEN_MISTAKES
        .iter()
        .map(|(rel, from, to)| [*rel, *from, *to])
        .collect();
    fs::write(&edits, serde_json::to_string(&list).unwrap()).unwrap();
    let out = Command::new("node")
        .arg(repo().join("tests/browser/serve-overlay.mjs"))
        .arg(env!("CARGO_BIN_EXE_unitpress"))
        .arg(good.path().join("content"))
        .arg(&edits)
        .arg(errors.to_string())
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "serve-overlay.mjs failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn no_text_from_content_runs_as_script_on_any_page() {
    browser_check("injection.mjs", &[Build::Injection], &[]);
}
