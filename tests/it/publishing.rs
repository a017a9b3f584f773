//! The publishing files: the GitHub Pages workflow and GitLab CI file of a new site, and the
//! repository's wheel workflow, are valid YAML that name only actions that exist, and their
//! unitpress commands, run in a new site, leave the site where the deploy step looks for it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml_ng::Value;

/// The actions the workflows may use, each a published major version of a real repository
/// (github.com/OWNER/NAME, tag vN). A new one is added here only after checking that.
const KNOWN_ACTIONS: [&str; 6] = [
    "actions/checkout@v4",
    "actions/setup-python@v5",
    "actions/upload-pages-artifact@v3",
    "actions/deploy-pages@v4",
    "actions/upload-artifact@v4",
    "PyO3/maturin-action@v1",
];

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml_ng::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display()))
}

/// A new site (graded), made by the binary.
fn new_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let made = Command::new(env!("CARGO_BIN_EXE_unitpress"))
        .args(["new", "site", "course"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let course = tmp.path().join("course");
    (tmp, course)
}

/// Every step of every job of a workflow.
fn steps(workflow: &Value) -> Vec<&Value> {
    let jobs = workflow["jobs"].as_mapping().expect("a workflow has jobs");
    jobs.values()
        .flat_map(|job| job["steps"].as_sequence().expect("a job has steps"))
        .collect()
}

fn assert_known_actions(workflow: &Value, name: &str) {
    for step in steps(workflow) {
        if let Some(action) = step["uses"].as_str() {
            assert!(
                KNOWN_ACTIONS.contains(&action),
                "{name} uses {action}, which is not a known action"
            );
        }
    }
}

/// Runs one shell line of a publishing file in `dir`: `pip install` must install this very
/// unitpress (the name the wheel has, the version of this binary); `unitpress …` must succeed
/// with this binary. Any other command is an error, so the test sees every new one.
fn run_line(line: &str, dir: &Path) {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["pip", "install", requirement] => {
            let expected = format!("\"{}=={}\"", wheel_name(), env!("CARGO_PKG_VERSION"));
            assert_eq!(*requirement, expected, "{line}");
        }
        ["unitpress", args @ ..] => {
            let out = Command::new(env!("CARGO_BIN_EXE_unitpress"))
                .args(args)
                .current_dir(dir)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "`{line}` failed in a new site:\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        _ => panic!("`{line}`: not a command the publishing files are known to run"),
    }
}

/// The package name pyproject.toml gives the wheel, built with maturin as a binary.
fn wheel_name() -> String {
    let text = std::fs::read_to_string(crate::common::repo().join("pyproject.toml")).unwrap();
    let pyproject: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(
        pyproject["tool"]["maturin"]["bindings"].as_str(),
        Some("bin")
    );
    pyproject["project"]["name"].as_str().unwrap().to_string()
}

#[test]
fn the_github_pages_workflow_builds_with_the_wheel_and_deploys_what_it_built() {
    let (_tmp, course) = new_site();
    let workflow = yaml(&course.join(".github/workflows/publish.yml"));
    assert_known_actions(&workflow, "publish.yml");
    let branches = &workflow["on"]["push"]["branches"];
    assert!(
        branches.as_sequence().unwrap().iter().any(|b| b == "main"),
        "it runs on a push to main: {branches:?}"
    );
    assert_eq!(workflow["permissions"]["pages"], "write");
    assert_eq!(workflow["permissions"]["id-token"], "write");

    let mut uploaded = None;
    for step in workflow["jobs"]["build"]["steps"].as_sequence().unwrap() {
        if let Some(run) = step["run"].as_str() {
            run.lines().for_each(|line| run_line(line, &course));
        }
        if step["uses"] == "actions/upload-pages-artifact@v3" {
            uploaded = step["with"]["path"].as_str();
        }
    }
    let uploaded = uploaded.expect("the build job uploads the site for Pages");
    assert!(
        course.join(uploaded).join("index.html").is_file(),
        "the uploaded folder `{uploaded}` holds the built site"
    );
    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(deploy["steps"][0]["uses"], "actions/deploy-pages@v4");
}

#[test]
fn the_gitlab_pages_job_builds_with_the_wheel_into_public() {
    let (_tmp, course) = new_site();
    let ci = yaml(&course.join(".gitlab-ci.yml"));
    // GitLab publishes the artifacts of the job named `pages`.
    let job = &ci["pages"];
    assert!(job["image"].as_str().unwrap().starts_with("python:"));
    for line in job["script"].as_sequence().unwrap() {
        run_line(line.as_str().unwrap(), &course);
    }
    let paths = job["artifacts"]["paths"].as_sequence().unwrap();
    assert_eq!(paths, &[Value::from("public")]);
    assert!(course.join("public/index.html").is_file());
}

#[test]
fn the_wheel_workflow_builds_on_windows_and_macos_and_uses_each_wheel() {
    let workflow = yaml(&crate::common::repo().join(".github/workflows/wheels.yml"));
    assert_known_actions(&workflow, "wheels.yml");
    let matrix = workflow["jobs"]["wheel"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap();
    let systems: Vec<&str> = matrix.iter().filter_map(|m| m["os"].as_str()).collect();
    assert!(systems.contains(&"windows-latest") && systems.contains(&"macos-latest"));

    // The test step, followed in a scratch folder with this binary: the unitpress lines and the
    // `cd` between them (the rest sets up the virtual environment).
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = tmp.path().to_path_buf();
    let mut ran = 0;
    for step in steps(&workflow) {
        let Some(run) = step["run"].as_str() else {
            continue;
        };
        for line in run.lines().map(str::trim) {
            if let Some(to) = line.strip_prefix("cd ") {
                dir = dir.join(to);
            } else if line.starts_with("unitpress ") {
                run_line(line, &dir);
                ran += 1;
            } else if let Some(script) = line.split_whitespace().next().filter(|w| w.contains('/'))
            {
                let path = crate::common::repo().join(script);
                assert!(
                    path.is_file(),
                    "the workflow runs {script}, which is not there"
                );
            }
        }
    }
    assert_eq!(ran, 4, "--version, new site, check and build --zip");
    assert!(tmp.path().join("course.zip").is_file());
}
