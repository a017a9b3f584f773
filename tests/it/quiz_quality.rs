//! The question-bank check end to end: a merit quiz with every fault (tests/fixtures/quiz-faults)
//! added to the minimal fixture gets every warning, each at its question, option or quiz, with
//! a hint; the warnings fail `check` only with `--deny-warnings`; `--format json` sums up the
//! quizzes.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
use serde_json::Value;
use tempfile::TempDir;

const QUIZ: &str = "units/demo-unit/quizzes/m1.toml";

/// The minimal fixture with the faulty quiz as its M1 quiz; returns the folder and the quiz.
fn site_with_faults() -> (TempDir, PathBuf) {
    let tmp = fixture_with(&[]);
    let quiz = tmp.path().join("content").join(QUIZ);
    fs::copy(repo().join("tests/fixtures/quiz-faults/m1.toml"), &quiz).unwrap();
    (tmp, quiz)
}

fn check(content: &Path, extra: &[&str]) -> Run {
    let extra: Vec<&std::ffi::OsStr> = extra.iter().map(std::ffi::OsStr::new).collect();
    unitpress(&["check"], content, &extra)
}

fn json_report(content: &Path) -> Value {
    let run = check(content, &["--format", "json"]);
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("check's JSON does not parse: {e}\n{}", run.show()))
}

#[test]
fn every_fault_gets_its_warning_at_its_place() {
    let (tmp, quiz) = site_with_faults();
    let report = json_report(&tmp.path().join("content"));
    let text = fs::read_to_string(&quiz).unwrap();
    // (part of the message, where it points: this text's first character, part of the hint)
    let expected = [
        (
            "in 4 of this quiz's 6 single-choice questions",
            "\"M1\"",
            "make a wrong option the longest",
        ),
        (
            "all 2 true-or-false statements in this quiz are true",
            "\"M1\"",
            "turn some statements round",
        ),
        (
            "M1 asks learners to explain, but this quiz tests mostly recall",
            "\"M1\"",
            "add written questions",
        ),
        (
            "this quiz has 8 questions of 2 types",
            "\"M1\"",
            "at least 6 questions of at least 3 types",
        ),
        (
            "much longer than the others (79 characters against at most 17)",
            "\"It leads",
            "shorten the right answer",
        ),
        (
            "only wrong options use absolute words such as \"always\"",
            "\"Always introduce",
            "word this option without it",
        ),
        (
            "only the right answer hedges (\"may\")",
            "\"The audience may",
            "state the right answer plainly",
        ),
        (
            "repeats the question's words (link, opening, middle)",
            "\"Link the opening",
            "in other words",
        ),
        (
            "copies the notes of `demo-parts` word for word",
            "\"A demo has an opening",
            "in other words",
        ),
        (
            "nearly the same as `parts-lead-on` (m1.toml, line 97)",
            "\"parts-lead-on-again\"",
            "ask about another point",
        ),
        (
            "shares no word with the knowledge item `how-demos-work`",
            "\"untaught\"",
            "set `topic`",
        ),
    ];
    let file = quiz.display().to_string();
    let found: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file.as_str())
        .collect();
    for (message, spot, help) in expected {
        let (line, column) = line_col(&text, text.find(spot).unwrap());
        let hit = found.iter().find(|d| {
            d["message"].as_str().unwrap().contains(message)
                && d["line"] == line
                && d["column"] == column
        });
        let Some(hit) = hit else {
            panic!("no warning {message:?} at {line}:{column}\n{report:#}")
        };
        assert_eq!(hit["severity"], "warning");
        let hint = hit["help"].as_str().unwrap();
        assert!(hint.contains(help), "{hint:?} should say {help:?}");
    }
    assert_eq!(
        found.len(),
        expected.len(),
        "one warning per fault\n{report:#}"
    );
}

#[test]
fn the_warnings_fail_check_only_when_denied() {
    let (tmp, quiz) = site_with_faults();
    let content = tmp.path().join("content");
    let run = check(&content, &[]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    assert!(
        run.stdout
            .contains(&format!("{}: 0 errors, 11 warnings", quiz.display())),
        "{}",
        run.show()
    );
    assert!(
        run.stdout.contains(&format!("--> {}:13:8", quiz.display())),
        "the text report points at the long answer\n{}",
        run.show()
    );
    let denied = check(&content, &["--deny-warnings"]);
    assert_eq!(denied.code, Some(1), "{}", denied.show());
}

#[test]
fn the_json_report_sums_up_the_quizzes() {
    let (tmp, _) = site_with_faults();
    let report = json_report(&tmp.path().join("content"));
    let quizzes = &report["quizzes"];
    let unit = &quizzes["units"][0];
    assert_eq!(unit["unit"], "demo-unit", "{quizzes:#}");
    assert_eq!(unit["quizzes"], 2);
    assert_eq!(unit["questions"], 14);
    assert_eq!(unit["types"]["single"], 7);
    assert_eq!(unit["types"]["truefalse"], 4);
    assert_eq!(unit["types"]["match"], 1);
    assert_eq!(unit["single_choice"], 7);
    // p1's only single-choice key ("The opening") and four of m1's six are the longest.
    assert_eq!(unit["key_strictly_longest"], 5);
    assert_eq!(unit["key_strictly_longest_share"], 0.714);
    // Six questions of two options and one of three.
    assert_eq!(unit["key_longest_by_chance"], 3.33);
    assert_eq!(unit["truefalse_true"], 3);
    assert_eq!(unit["truefalse_false"], 1);
    assert_eq!(quizzes["all"]["questions"], 14);
}

#[test]
fn the_json_report_has_no_quiz_figures_when_the_course_does_not_build() {
    let tmp = fixture_with(&[(
        "units/demo-unit/quizzes/p1.toml",
        "topic = \"demo-parts\"\nexplanation",
        "topic = \"demo-partz\"\nexplanation",
    )]);
    let report = json_report(&tmp.path().join("content"));
    assert_eq!(report["errors"], 1, "{report:#}");
    assert!(report["quizzes"].is_null(), "{report:#}");
}
