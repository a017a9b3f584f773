//! Browser checks of the bundled course (and of the injection and shapes fixtures): builds the
//! content with the unitpress binary once per test process, then runs the Node scripts in
//! tests/browser/ (Playwright driving Debian's Chromium) against the built site. Each script prints
//! `ok - …` / `not ok - …` lines and exits non-zero when a check fails.

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
    /// The course `unitpress new site --shape SHAPE` makes, as it is, the default (learner)
    /// edition.
    Starter(&'static str),
    /// A course of 12 units (360 pages) made by the benchmark's corpus generator
    /// (a copy in tests/fixtures/bench, fixed seed) and bench/to_unitpress.py.
    Generated,
    /// tests/fixtures/shapes: one unit of each shape, `--edition teacher`.
    Shapes,
    /// tests/fixtures/files: images and downloads in files/ folders, `--edition teacher`.
    Files,
    /// The minimal fixture with tests/fixtures/video/knowledge.md (YouTube, Vimeo and a local
    /// video) as the body of its knowledge item demo-parts and the video's files in the unit's
    /// files/ folder, `--edition teacher`.
    Video,
}

/// The folder of the benchmark's corpus generator: its copy in the repository (SHARED_BENCH
/// overrides).
fn shared_bench() -> PathBuf {
    std::env::var_os("SHARED_BENCH")
        .map_or_else(|| repo().join("tests/fixtures/bench"), PathBuf::from)
}

/// Generates the course of [`Build::Generated`] into `dir`/content.
fn generate(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    let converted = dir.join("generated");
    for (script, args) in [
        (
            shared_bench().join("gen_corpus.py"),
            vec![
                "--units".into(),
                "12".into(),
                "--seed".into(),
                "20240601".into(),
                "--out".into(),
                corpus.clone().into_os_string(),
            ],
        ),
        (
            repo().join("bench/to_unitpress.py"),
            vec![
                corpus.clone().into_os_string(),
                converted.clone().into_os_string(),
            ],
        ),
    ] {
        let out = Command::new("python3")
            .arg(&script)
            .args(&args)
            .env("SHARED_BENCH", shared_bench())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .output()
            .expect("run python3");
        assert!(
            out.status.success(),
            "{} failed:\n{}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    converted.join("content")
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
        if let Build::Starter(shape) = build {
            let course = dir.path().join("course");
            run_ok(
                Command::new(env!("CARGO_BIN_EXE_unitpress"))
                    .args(["new", "site", "--shape", shape])
                    .arg(&course),
            );
            content = course.join("content");
        }
        if build == Build::Generated {
            content = generate(dir.path());
        }
        if build == Build::Shapes {
            content = repo().join("tests/fixtures/shapes/content");
        }
        if build == Build::Files {
            content = repo().join("tests/fixtures/files/content");
        }
        if build == Build::Video {
            let copy = dir.path().join("content");
            crate::common::copy_dir(&repo().join("tests/fixtures/minimal/content"), &copy);
            let knowledge = copy.join("units/demo-unit/knowledge/demo-parts.md");
            let videos = fs::read_to_string(repo().join("tests/fixtures/video/knowledge.md"));
            let text = fs::read_to_string(&knowledge).unwrap().replace(
                "A demo has an opening, a middle and a close.",
                &videos.unwrap(),
            );
            fs::write(&knowledge, text).unwrap();
            let files = copy.join("units/demo-unit/files");
            fs::create_dir_all(&files).unwrap();
            for name in ["clip.webm", "clip.vtt"] {
                let fixture = repo().join("tests/fixtures/video").join(name);
                fs::copy(fixture, files.join(name)).unwrap();
            }
            content = copy;
        }
        if build == Build::Named {
            let copy = dir.path().join("content");
            crate::common::copy_dir(&content, &copy);
            let site_toml = fs::read_to_string(copy.join("site.toml")).unwrap() + NAMED_BRIEFS;
            fs::write(copy.join("site.toml"), site_toml).unwrap();
            content = copy;
        }
        let site = dir.path().join("site");
        let edition = if matches!(build, Build::Learner | Build::Starter(_)) {
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
    run_ok(
        Command::new("node")
            .arg(repo().join("tests/browser").join(script))
            .args(builds.iter().map(|b| site(*b)))
            .args(args),
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
fn search_ranks_as_the_per_unit_engine_did_on_the_bundled_and_a_generated_course() {
    browser_check("search-same.mjs", &[Build::Teacher], &[]);
    browser_check("search-same.mjs", &[Build::Generated], &[]);
}

#[test]
fn a_search_from_disk_loads_only_the_parts_of_its_terms() {
    browser_check("search-parts.mjs", &[Build::Generated], &[]);
    browser_check("search-parts.mjs", &[Build::Teacher], &[]);
}

#[test]
fn serve_shows_every_problem_of_an_edit_with_the_count_check_gives() {
    if !browser_ready() {
        return;
    }
    // What check says of the seven mistakes.
    let broken = crate::common::fixture_with(crate::common::SEVEN_MISTAKES);
    let checked = crate::common::unitpress(
        &["check", "--format", "json"],
        &broken.path().join("content"),
        &[],
    );
    let report: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    let errors = report["errors"].as_u64().unwrap();
    assert_eq!(errors, 7, "{}", checked.show());

    // serve, on a good copy that then receives the same edits.
    let good = crate::common::fixture_with(&[]);
    let edits = good.path().join("edits.json");
    let list: Vec<[&str; 3]> = crate::common::SEVEN_MISTAKES
        .iter()
        .map(|(rel, from, to)| [*rel, *from, *to])
        .collect();
    fs::write(&edits, serde_json::to_string(&list).unwrap()).unwrap();
    run_ok(
        Command::new("node")
            .arg(repo().join("tests/browser/serve-overlay.mjs"))
            .arg(env!("CARGO_BIN_EXE_unitpress"))
            .arg(good.path().join("content"))
            .arg(&edits)
            .arg(errors.to_string()),
    );
}

#[test]
fn serve_swaps_a_text_edit_into_the_open_page_and_reloads_for_a_quiz_edit() {
    if !browser_ready() {
        return;
    }
    let course = crate::common::fixture_with(&[]);
    run_ok(
        Command::new("node")
            .arg(repo().join("tests/browser/serve-swap.mjs"))
            .arg(env!("CARGO_BIN_EXE_unitpress"))
            .arg(course.path().join("content")),
    );
}

#[test]
fn a_sco_in_a_mock_lms_reports_answers_score_and_status_and_resumes() {
    if !browser_ready() {
        return;
    }
    let dir = tempfile::Builder::new()
        .prefix("browser-scorm-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("create a temporary folder");
    let zip = dir.path().join("course.zip");
    let exported = crate::common::unitpress(
        &["export", "scorm"],
        &repo().join("content"),
        &["--out".as_ref(), zip.as_os_str()],
    );
    assert_eq!(exported.code, Some(0), "{}", exported.show());
    let package = dir.path().join("package");
    zip::ZipArchive::new(fs::File::open(&zip).unwrap())
        .unwrap()
        .extract(&package)
        .unwrap();
    // The unit whose progress takes the most room in cmi.suspend_data.
    let course = unitpress::site::load_course(&repo().join("content")).unwrap();
    let (bound, largest) = course
        .units
        .iter()
        .map(|u| {
            (
                unitpress::export::scorm::suspend_data_bound(u),
                u.slug.as_str(),
            )
        })
        .max()
        .unwrap();
    run_ok(
        Command::new("node")
            .arg(repo().join("tests/browser/scorm.mjs"))
            .arg(&package)
            .arg(largest)
            .arg(bound.to_string()),
    );
}

#[test]
fn each_unit_shape_predicts_its_grade_or_marks_at_the_boundaries() {
    browser_check("shapes.mjs", &[Build::Shapes], &[]);
}

#[test]
fn course_images_load_from_disk_and_pages_with_images_and_downloads_pass_axe() {
    browser_check(
        "images.mjs",
        &[Build::Files],
        &[
            "units/demo-unit/index.html",
            "units/demo-unit/knowledge/demo-parts/index.html",
        ],
    );
    browser_check("links.mjs", &[Build::Files], &[]);
}

#[test]
fn an_embedded_video_loads_nothing_before_play_and_a_video_file_shows_its_captions() {
    browser_check("video.mjs", &[Build::Video], &[]);
    browser_check("links.mjs", &[Build::Video], &[]);
}

#[test]
fn no_text_from_content_runs_as_script_on_any_page() {
    browser_check("injection.mjs", &[Build::Injection], &[]);
}

#[test]
fn the_new_site_course_of_every_shape_passes_the_link_crawl_and_axe_on_every_page() {
    if !browser_ready() {
        return;
    }
    for shape in ["graded", "competence", "standard"] {
        crawl_and_axe_every_page(Build::Starter(shape));
    }
}

fn crawl_and_axe_every_page(build: Build) {
    browser_check("links.mjs", &[build], &[]);
    let root = site(build);
    let mut pages: Vec<String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(&root).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    pages.sort();
    assert!(pages.len() >= 10, "{pages:?}");
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    browser_check("axe.mjs", &[build], &pages);
}

#[test]
fn the_zip_of_a_new_site_opens_from_disk_with_search_and_quizzes_working() {
    if !browser_ready() {
        return;
    }
    let tmp = tempfile::Builder::new()
        .prefix("browser-zip-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let course = tmp.path().join("course");
    let unitpress = env!("CARGO_BIN_EXE_unitpress");
    run_ok(Command::new(unitpress).args(["new", "site"]).arg(&course));
    let zip = tmp.path().join("course.zip");
    run_ok(
        Command::new(unitpress)
            .args(["build", "--zip"])
            .arg(&zip)
            .current_dir(&course),
    );
    // Unzipped by another program than the one that wrote it, into a folder of its own.
    let unzipped = tmp.path().join("usb-stick");
    run_ok(
        Command::new("python3")
            .args(["-m", "zipfile", "-e"])
            .arg(&zip)
            .arg(&unzipped),
    );
    run_ok(
        Command::new("node")
            .arg(repo().join("tests/browser/zip-site.mjs"))
            .arg(&unzipped)
            .args([
                "controlling",
                "units/first-unit/knowledge/controlling-risks/index.html",
                "units/first-unit/criteria/p1/index.html",
            ]),
    );
}

/// Runs `command` and asserts that it succeeds.
fn run_ok(command: &mut Command) {
    let out = command.output().expect("run a command");
    assert!(
        out.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
