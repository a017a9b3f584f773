//! `unitpress new unit`: the scaffolded unit passes `check` (its placeholders are warnings) and
//! builds; an existing folder and a bad name are refused.

use std::path::Path;

use crate::common::*;

fn unitpress(args: &[&str], content: &Path) -> Run {
    crate::common::unitpress(args, content, &[])
}

#[test]
fn a_new_unit_passes_check_and_builds() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let run = unitpress(&["new", "unit", "unit-12"], &content);
    assert_eq!(run.code, Some(0), "{}", run.show());
    let unit = content.join("units/unit-12");
    let files = [
        "unit.md",
        "criteria.toml",
        "outcomes/1.md",
        "delivery/1.md",
        "knowledge/first-topic.md",
        "assessment/scenario.md",
        "quizzes/p1.toml",
        "briefs/assignment.md",
        "notes/p1.md",
        "evidence.md",
    ];
    for file in files {
        assert!(unit.join(file).is_file(), "{file} was not created");
        assert!(
            run.stdout.contains(file),
            "{file} is not listed\n{}",
            run.show()
        );
    }

    let checked = unitpress(&["check", "--format", "json"], &content);
    assert_eq!(checked.code, Some(0), "{}", checked.show());
    let report: serde_json::Value = serde_json::from_str(&checked.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
    let with_placeholders: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"] == "a placeholder is still to be written")
        .map(|d| d["file"].as_str().unwrap().replace('\\', "/"))
        .collect();
    for file in files {
        assert!(
            with_placeholders
                .iter()
                .any(|f| f.ends_with(&format!("unit-12/{file}"))),
            "{file} has no TODO warning\n{report:#}"
        );
    }

    let out = tmp.path().join("public");
    build_ok(&content, &out, &[]);
    for page in [
        "units/unit-12/index.html",
        "units/unit-12/criteria/p1/index.html",
        "units/unit-12/knowledge/first-topic/index.html",
        "units/unit-12/briefs/assignment/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} was not built");
    }
    // The example links in the scaffold lead to real pages, relative to the page they are on.
    let intro = page(&out, "units/unit-12/index.html");
    assert!(
        intro.contains("href=\"../../units/unit-12/criteria/p1/index.html\""),
        "{intro}"
    );
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
