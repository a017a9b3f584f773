//! `unitpress new unit`: a scaffolded unit of every shape passes `check` (its placeholders are
//! warnings, each file's listed) and builds; its number comes from the folder name; an existing
//! folder and a bad name are refused.

use std::path::Path;

use crate::common::*;

fn unitpress(args: &[&str], content: &Path) -> Run {
    crate::common::unitpress(args, content, &[])
}

/// The files every shape writes, besides its outcomes.
const SHARED: [&str; 5] = [
    "unit.md",
    "criteria.toml",
    "knowledge/first-topic.md",
    "assessment/scenario.md",
    "briefs/assignment.md",
];

/// Scaffolds `slug` of `shape` in a copy of the minimal fixture, checks it and builds it:
/// every file written and listed, no error, a TODO in each file, and `pages` built.
fn scaffolds(
    slug: &str,
    shape: &str,
    files: &[&str],
    pages: &[&str],
) -> (tempfile::TempDir, String) {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let run = unitpress(&["new", "unit", slug, "--shape", shape], &content);
    assert_eq!(run.code, Some(0), "{}", run.show());
    let unit = content.join("units").join(slug);
    for file in SHARED.iter().chain(files) {
        assert!(unit.join(file).is_file(), "{shape}: {file} was not created");
        assert!(
            run.stdout.contains(file),
            "{shape}: {file} is not listed\n{}",
            run.show()
        );
    }

    let checked = unitpress(&["check", "--format", "json"], &content);
    assert_eq!(checked.code, Some(0), "{shape}: {}", checked.show());
    let report: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{shape}: {report:#}");
    let with_placeholders: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"] == "a placeholder is still to be written")
        .map(|d| d["file"].as_str().unwrap().replace('\\', "/"))
        .collect();
    for file in SHARED.iter().chain(files) {
        assert!(
            with_placeholders
                .iter()
                .any(|f| f.ends_with(&format!("{slug}/{file}"))),
            "{shape}: {file} has no TODO warning\n{report:#}"
        );
    }

    let out = tmp.path().join("public");
    build_ok(&content, &out, &[]);
    for page in pages {
        assert!(
            out.join(format!("units/{slug}/{page}")).is_file(),
            "{shape}: {page} was not built"
        );
    }
    let unit_md = std::fs::read_to_string(unit.join("unit.md")).unwrap();
    (tmp, unit_md)
}

#[test]
fn a_new_graded_unit_passes_check_and_builds() {
    let (tmp, unit_md) = scaffolds(
        "unit-12",
        "graded",
        &[
            "outcomes/1.md",
            "delivery/1.md",
            "quizzes/p1.toml",
            "notes/p1.md",
            "evidence.md",
        ],
        &[
            "index.html",
            "criteria/p1/index.html",
            "knowledge/first-topic/index.html",
            "briefs/assignment/index.html",
        ],
    );
    assert!(unit_md.contains("unit_number = \"12\""), "{unit_md}");
    assert!(unit_md.contains("order = 12"), "{unit_md}");
    // The example links in the scaffold lead to real pages, relative to the page they are on.
    let intro = page(&tmp.path().join("public"), "units/unit-12/index.html");
    assert!(
        intro.contains("href=\"../../units/unit-12/criteria/p1/index.html\""),
        "{intro}"
    );
}

#[test]
fn a_new_unit_of_learning_aims_has_a_criterion_across_both() {
    let (tmp, unit_md) = scaffolds(
        "btec-unit",
        "aims",
        &[
            "outcomes/A.md",
            "outcomes/B.md",
            "delivery/A.md",
            "quizzes/a-p1.toml",
        ],
        &[
            "outcomes/a/index.html",
            "outcomes/b/index.html",
            "criteria/ab-d1/index.html",
        ],
    );
    assert!(unit_md.contains("unit_number = \"TODO\""), "{unit_md}");
    let grid = page(&tmp.path().join("public"), "units/btec-unit/index.html");
    assert!(
        grid.contains("<th scope=\"col\">Learning aim</th>"),
        "{grid}"
    );
    assert!(grid.contains("<td rowspan=\"2\" data-label=\"Distinction\"><p><a class=\"criterion-link\" href=\"../../units/btec-unit/criteria/ab-d1/"), "{grid}");
}

#[test]
fn new_competence_standard_and_marked_units_pass_check_and_build() {
    scaffolds(
        "b7",
        "competence",
        &["outcomes/1.md", "quizzes/1-1.toml", "notes/1-1.md"],
        &["criteria/1-1/index.html", "progress/index.html"],
    );
    let (_tmp, unit_md) = scaffolds(
        "cfa-b7",
        "standard",
        &["outcomes/1.md", "quizzes/p1.toml"],
        &["criteria/p1/index.html", "criteria/k1/index.html"],
    );
    assert!(unit_md.contains("unit_number = \"B7\""), "{unit_md}");
    let (tmp, unit_md) = scaffolds(
        "r064",
        "marks",
        &["outcomes/1.md", "quizzes/1a.toml"],
        &["criteria/1a/index.html", "progress/index.html"],
    );
    assert!(unit_md.contains("unit_number = \"R064\""), "{unit_md}");
    let progress = page(&tmp.path().join("public"), "units/r064/progress/index.html");
    assert!(progress.contains("0 of 15 marks"), "{progress}");
}

#[test]
fn an_existing_unit_is_never_overwritten() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let before = snapshot(&content);
    let run = unitpress(&["new", "unit", "demo-unit"], &content);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(run.stderr.contains("already exists"), "{}", run.show());
    assert_unchanged(&content, &before, "an existing unit must be left alone");
}

#[test]
fn a_name_that_cannot_be_a_web_address_is_refused() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    for slug in ["Unit 12", "unit_12", "../evil", "café"] {
        let run = unitpress(&["new", "unit", slug], &content);
        assert_eq!(run.code, Some(1), "{slug}\n{}", run.show());
        assert!(run.stderr.contains("lower-case letters"), "{}", run.show());
    }
    assert_eq!(entries(&content.join("units")), ["demo-unit"]);
}
