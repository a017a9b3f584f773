//! `unitpress check`: the bundled course passes; broken copies of the minimal fixture get the
//! expected error or warning at the expected file, line and column; nothing is written.

use std::fs;
use std::path::Path;

use crate::common::*;
use serde_json::Value;

/// Runs `unitpress check --content CONTENT` with `extra` arguments.
fn check(content: &Path, extra: &[&str]) -> Run {
    let extra: Vec<&std::ffi::OsStr> = extra.iter().map(|e| std::ffi::OsStr::new(*e)).collect();
    unitpress(&["check"], content, &extra)
}

/// The JSON report of a check run.
fn json_report(content: &Path) -> (Run, Value) {
    let run = check(content, &["--format", "json"]);
    let report = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("check's JSON does not parse: {e}\n{}", run.show()));
    (run, report)
}

/// One broken copy of the minimal fixture and what check must say about it.
struct Case {
    edit: Edit<'static>,
    severity: &'static str,
    /// Where the finding points: at this text within the edit's replacement, or at a fixed
    /// (line, column) of the edited file.
    spot: Spot,
    message: &'static [&'static str],
    help: &'static str,
}

enum Spot {
    InEdit(&'static str),
    At(usize, usize),
}

/// Checks the case's broken site: the exit code follows the severity, and a finding of that
/// severity points at the spot with the message and help.
fn assert_reported(case: Case) {
    let tmp = fixture_with(&[case.edit]);
    let content = tmp.path().join("content");
    let (run, report) = json_report(&content);
    let (rel, from, to) = case.edit;
    let original = fs::read_to_string(fixture("minimal").join(rel)).unwrap();
    let edited = fs::read_to_string(content.join(rel)).unwrap();
    let (line, column) = match case.spot {
        Spot::InEdit(marker) => line_col(
            &edited,
            original.find(from).unwrap() + to.find(marker).unwrap(),
        ),
        Spot::At(line, column) => (line, column),
    };
    let file = content.join(rel).display().to_string();
    let found = report["diagnostics"].as_array().unwrap().iter().find(|d| {
        d["file"] == file.as_str()
            && d["line"] == line
            && d["column"] == column
            && d["severity"] == case.severity
    });
    let Some(found) = found else {
        panic!(
            "no {} at {file}:{line}:{column}\n{}",
            case.severity,
            run.show()
        )
    };
    let message = found["message"].as_str().unwrap();
    for word in case.message {
        assert!(
            message.contains(word),
            "{message:?} should mention {word:?}"
        );
    }
    let help = found["help"].as_str().unwrap_or("");
    assert!(
        help.contains(case.help),
        "{help:?} should mention {:?}",
        case.help
    );
    let expected = if case.severity == "error" { 1 } else { 0 };
    assert_eq!(run.code, Some(expected), "{}", run.show());
    assert_build_agrees(&content, tmp.path());
}

/// `build` stops on exactly the errors `check` reports, with the same positions and words, and
/// a build that stops leaves the previous site byte for byte as it was.
fn assert_build_agrees(content: &Path, tmp: &Path) {
    let out = tmp.join("previous-site");
    build_ok(&fixture("minimal"), &out, &[]);
    let before = snapshot(&out);
    let checked = check(content, &[]);
    let built = build(content, &out, &[]);
    let check_errors = error_heads(&checked.stdout);
    assert_eq!(
        error_heads(&built.stderr),
        check_errors,
        "build and check disagree\n--- check ---\n{}\n--- build ---\n{}",
        checked.show(),
        built.show()
    );
    let expected = if check_errors.is_empty() { 0 } else { 1 };
    assert_eq!(built.code, Some(expected), "{}", built.show());
    if expected == 1 {
        assert_unchanged(&out, &before, "a failed build keeps the previous site");
    }
}

#[test]
fn the_bundled_course_passes_even_with_warnings_denied() {
    let run = check(&repo().join("content"), &["--deny-warnings"]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    assert!(run.stdout.contains("No problems found"), "{}", run.show());
}

#[test]
fn a_toml_key_that_does_not_exist() {
    assert_reported(Case {
        edit: ("units/demo-unit/unit.md", "level = 2", "levle = 2"),
        severity: "error",
        spot: Spot::InEdit("levle"),
        message: &["`levle` is not a key this file can have"],
        help: "did you mean `level`?",
    });
}

#[test]
fn front_matter_never_closed() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/outcomes/1.md",
            "\"Know the parts of a demo\"\n+++\n",
            "\"Know the parts of a demo\"\n",
        ),
        severity: "error",
        spot: Spot::At(1, 1),
        message: &["never closed"],
        help: "+++",
    });
}

#[test]
fn a_criterion_of_an_outcome_that_does_not_exist() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/criteria.toml",
            "outcome = 2\ntext = \"Explain",
            "outcome = 5\ntext = \"Explain",
        ),
        severity: "error",
        spot: Spot::InEdit("5"),
        message: &["no learning outcome 5"],
        help: "outcomes/5.md",
    });
}

#[test]
fn a_knowledge_item_naming_an_unknown_criterion() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/knowledge/demo-parts.md",
            "criteria = [\"P1\"]",
            "criteria = [\"P1\", \"P9\"]",
        ),
        severity: "error",
        spot: Spot::InEdit("\"P9\""),
        message: &["no criterion `P9`"],
        help: "criteria.toml",
    });
}

#[test]
fn a_quiz_for_an_unknown_criterion() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/quizzes/p1.toml",
            "criterion = \"P1\"",
            "criterion = \"P7\"",
        ),
        severity: "error",
        spot: Spot::InEdit("\"P7\""),
        message: &["P7"],
        help: "criteria.toml",
    });
}

#[test]
fn a_brief_naming_an_unknown_criterion() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/briefs/demo-report.md",
            "criteria = [\"P1\"]\nevidence",
            "criteria = [\"P1\", \"Q2\"]\nevidence",
        ),
        severity: "error",
        spot: Spot::InEdit("\"Q2\""),
        message: &["no criterion `Q2`"],
        help: "criteria.toml",
    });
}

#[test]
fn a_link_to_a_page_that_does_not_exist() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/knowledge/demo-parts.md",
            "A demo has an opening",
            "A demo has an [opening](@/units/demo-unit/knowledge/openings.md)",
        ),
        severity: "error",
        spot: Spot::InEdit("@/units"),
        message: &["@/units/demo-unit/knowledge/openings.md", "does not have"],
        help: "demo-parts, how-demos-work",
    });
}

#[test]
fn a_link_to_a_criterion_that_does_not_exist_in_a_brief_task() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/briefs/demo-report.md",
            "text = \"Describe the parts of a demo.\"",
            "text = \"Describe the [parts](@/units/demo-unit/criteria/P5/) of a demo.\"",
        ),
        severity: "error",
        spot: Spot::InEdit("@/units"),
        message: &["does not have"],
        help: "P1, M1, D1",
    });
}

#[test]
fn a_relative_link() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/outcomes/1.md",
            "This outcome is about",
            "See [the parts](../knowledge/demo-parts/index.html). This outcome is about",
        ),
        severity: "error",
        spot: Spot::InEdit("../knowledge"),
        message: &["../knowledge/demo-parts/index.html"],
        help: "start with @/",
    });
}

#[test]
fn a_level_too_big_for_any_level() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/unit.md",
            "level = 2",
            "level = 99999999999999999999",
        ),
        severity: "error",
        spot: Spot::InEdit("99"),
        message: &["`level` is a whole number", "99999999999999999999"],
        help: "`level = 2`",
    });
}

#[test]
fn a_file_that_is_not_utf8_is_pointed_at_its_first_bad_character() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let file = content.join("units/demo-unit/outcomes/2.md");
    let mut bytes = fs::read(&file).unwrap();
    bytes.extend_from_slice(b"\nA caf\xe9 in Latin-1.\n");
    fs::write(&file, &bytes).unwrap();
    let lines = String::from_utf8_lossy(&bytes).lines().count();
    let (run, report) = json_report(&content);
    let found = report["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["file"] == file.display().to_string().as_str()
            && d["line"] == lines
            && d["column"] == 6
            && d["message"].as_str().unwrap().contains("not UTF-8")
            && d["help"].as_str().unwrap().contains("UTF-8")
    });
    assert!(found, "{}", run.show());
    assert_eq!(run.code, Some(1));
}

#[test]
fn an_image_that_does_not_exist() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/knowledge/demo-parts.md",
            "A demo has an opening",
            "![A diagram of a demo](chain.png) A demo has an opening",
        ),
        severity: "error",
        spot: Spot::InEdit("chain.png"),
        message: &["`chain.png` is not in a files/ folder"],
        help: "put the file there and write `../files/chain.png`",
    });
}

#[test]
fn a_download_that_does_not_exist() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/outcomes/1.md",
            "This outcome is about",
            "[Download the worksheet](worksheet.pdf). This outcome is about",
        ),
        severity: "error",
        spot: Spot::InEdit("worksheet.pdf"),
        message: &["`worksheet.pdf` is not in a files/ folder"],
        help: "units/demo-unit/files/",
    });
}

#[test]
fn a_link_to_a_scenario_that_does_not_exist() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/unit.md",
            "This unit is a tiny example",
            "This unit is a [tiny](@/units/demo-unit/assessment/demo-quiz.md) example",
        ),
        severity: "error",
        spot: Spot::InEdit("@/units"),
        message: &["no assessment scenario `demo-quiz`"],
        help: "demo-report",
    });
}

#[test]
fn a_link_to_a_heading_that_does_not_exist() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/knowledge/how-demos-work.md",
            "Each part of a demo",
            "Each [part](@/units/demo-unit/knowledge/demo-parts.md#closing) of a demo",
        ),
        severity: "error",
        spot: Spot::InEdit("@/units"),
        message: &["no heading `#closing`"],
        help: "headings",
    });
}

#[test]
fn a_criterion_nothing_teaches_and_an_item_that_supports_nothing() {
    let edit = (
        "units/demo-unit/knowledge/demo-parts.md",
        "criteria = [\"P1\"]\n",
        "criteria = []\n",
    );
    assert_reported(Case {
        edit,
        severity: "warning",
        spot: Spot::At(2, 1),
        message: &["`demo-parts` supports no criterion"],
        help: "criteria = [",
    });
    let tmp = fixture_with(&[edit]);
    let (_, report) = json_report(&tmp.path().join("content"));
    let p1 = report["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["message"] == "criterion P1 has no teaching content"
            && d["file"].as_str().unwrap().ends_with("criteria.toml")
            && (d["line"].clone(), d["column"].clone()) == (Value::from(2), Value::from(6))
    });
    assert!(p1, "{report:#}");
}

#[test]
fn a_placeholder_left_in() {
    assert_reported(Case {
        edit: (
            "units/demo-unit/unit.md",
            "This unit is a tiny example",
            "This unit is a TODO example",
        ),
        severity: "warning",
        spot: Spot::InEdit("TODO"),
        message: &["placeholder"],
        help: "TODO",
    });
}

#[test]
fn every_problem_in_every_file_is_reported_grouped_and_counted() {
    let tmp = fixture_with(&[
        ("units/demo-unit/unit.md", "level = 2", "level = \"two\""),
        (
            "units/demo-unit/quizzes/p1.toml",
            "type = \"single\"",
            "type = \"singel\"",
        ),
        (
            "units/demo-unit/outcomes/2.md",
            "This outcome is about",
            "TODO. This outcome is about",
        ),
    ]);
    let content = tmp.path().join("content");
    let run = check(&content, &[]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    let unit = content
        .join("units/demo-unit/unit.md")
        .display()
        .to_string();
    let quiz = content
        .join("units/demo-unit/quizzes/p1.toml")
        .display()
        .to_string();
    assert!(
        run.stdout.contains(&format!("{unit}: 1 error, 0 warnings")),
        "{}",
        run.show()
    );
    assert!(
        run.stdout.contains(&format!("{quiz}: 1 error, 0 warnings")),
        "{}",
        run.show()
    );
    assert!(
        run.stdout
            .trim_end()
            .ends_with("2 errors, 1 warning in 3 files"),
        "{}",
        run.show()
    );
    let (_, report) = json_report(&content);
    assert_eq!(report["errors"], 2);
    assert_eq!(report["warnings"], 1);
    assert_eq!(report["files"], 3);
}

#[test]
fn warnings_fail_only_when_denied_and_nothing_is_written() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let before = snapshot(tmp.path());
    let run = check(&content, &[]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    assert!(
        run.stdout.contains("0 errors, 2 warnings in 1 file"),
        "{}",
        run.show()
    );
    let denied = check(&content, &["--deny-warnings"]);
    assert_eq!(denied.code, Some(1), "{}", denied.show());
    assert_unchanged(tmp.path(), &before, "check must not write anything");
}

#[test]
fn a_template_that_fails_on_a_page_is_reported() {
    let tmp = fixture_with_failing_template();
    let run = check(&tmp.path().join("content"), &[]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(run.stdout.contains("no_such_variable"), "{}", run.show());
    assert!(
        run.stdout.contains("criteria/p1/index.html"),
        "{}",
        run.show()
    );
}

#[test]
fn seven_independent_mistakes_in_four_files_are_all_reported_in_one_run() {
    let tmp = fixture_with(SEVEN_MISTAKES);
    let content = tmp.path().join("content");
    let (run, report) = json_report(&content);
    let errors: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    // (file, line, words of the message, words of the help)
    let expected: [(&str, u64, &str, &str); 7] = [
        (
            "unit.md",
            6,
            "`levle` is not a key",
            "did you mean `level`?",
        ),
        ("unit.md", 8, "`order` is a whole number", "`order = 2`"),
        (
            "criteria.toml",
            9,
            "`Merit` is not a value `band` can have",
            "did you mean `merit`?",
        ),
        (
            "criteria.toml",
            13,
            "the key `text` is missing",
            "add the key `text`",
        ),
        ("p1.toml", 11, "", "fix the TOML"),
        (
            "p1.toml",
            7,
            "no knowledge item `demo-partz`",
            "did you mean `demo-parts`?",
        ),
        (
            "how-demos-work.md",
            0,
            "does not have",
            "did you mean `demo-parts`?",
        ),
    ];
    for (file, line, message, help) in expected {
        let found = errors.iter().any(|d| {
            d["file"].as_str().unwrap().ends_with(file)
                && (line == 0 || d["line"] == line)
                && d["column"].as_u64().is_some_and(|c| c > 0)
                && d["message"].as_str().unwrap().contains(message)
                && d["help"].as_str().unwrap().contains(help)
        });
        assert!(
            found,
            "no error in {file} at line {line} saying {message:?} with help {help:?}\n{}",
            run.show()
        );
    }
    assert_eq!(
        errors.len(),
        7,
        "seven mistakes, seven errors\n{}",
        run.show()
    );
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.contains("7 errors"), "{}", run.show());
    assert_build_agrees(&content, tmp.path());
}
