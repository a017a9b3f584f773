//! Links and raw HTML that could run script: `javascript:` and the other refused links stop both
//! `build` and `check` with a positioned error; plain `http:` links and raw HTML that runs script
//! are `check` warnings; site.toml's `raw_html` silences them or refuses all raw HTML.

use std::fs;
use std::path::Path;

use crate::common::faults::*;
use crate::common::*;
use serde_json::Value;

const OUTCOME: &str = "units/demo-unit/outcomes/1.md";
const OUTCOME_BODY: &str = "This outcome is about what a demo is made of.";

/// `unitpress check --format json` on `content`: the run and its diagnostics.
fn check_json(content: &Path) -> (Run, Vec<Value>) {
    let run = unitpress(&["check", "--format", "json"], content, &[]);
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("check's JSON does not parse: {e}\n{}", run.show()));
    let diagnostics = report["diagnostics"].as_array().unwrap().clone();
    (run, diagnostics)
}

/// The diagnostics of `severity` at `file` (under content/), as (line, column, message, help).
fn found(
    diagnostics: &[Value],
    content: &Path,
    file: &str,
    severity: &str,
) -> Vec<(u64, u64, String, String)> {
    let file = content.join(file).display().to_string();
    diagnostics
        .iter()
        .filter(|d| d["file"] == file.as_str() && d["severity"] == severity)
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
                d["help"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The minimal fixture with the outcome's body replaced by `body`, and `site` added to site.toml.
fn with_outcome_body(body: &str, site: &str) -> tempfile::TempDir {
    let tmp = fixture_with(&[(OUTCOME, OUTCOME_BODY, body)]);
    let site_toml = tmp.path().join("content/site.toml");
    let text = fs::read_to_string(&site_toml).unwrap();
    fs::write(&site_toml, format!("{text}{site}")).unwrap();
    tmp
}

#[test]
fn a_javascript_link_in_any_case_stops_the_build_at_its_place() {
    assert_rejected(Fault {
        edit: (
            OUTCOME,
            OUTCOME_BODY,
            "Read [this](JaVaScRiPt:alert(1)) first.",
        ),
        spot: Spot::InEdit("JaVa"),
        message: &["JaVaScRiPt:alert(1)", "javascript: link", "script"],
        help: "https://",
    });
}

#[test]
fn an_entity_encoded_javascript_link_in_a_brief_task_stops_the_build() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/briefs/demo-report.md",
            "text = \"Describe the parts of a demo.\"",
            "text = \"Describe [the parts](<&#106;ava&#9;script:alert(1)>) of a demo.\"",
        ),
        // The decoded destination is not in the file: the error points at the link.
        spot: Spot::InEdit("[the parts]"),
        message: &["javascript: link"],
        help: "backticks",
    });
}

#[test]
fn file_data_and_scheme_relative_links_stop_the_build() {
    for (link, message, help) in [
        (
            "[x][ref]\n\n[ref]: file:///etc/passwd",
            "a file on the reader's own computer",
            "https://",
        ),
        (
            "![x](data:text/html,<script>alert(1)</script>)",
            "data: link",
            "backticks",
        ),
        (
            "[x](//evil.example/page)",
            "the reader's network",
            "https://evil.example/page",
        ),
        ("[x](ftp://example.org/file)", "ftp: link", "mailto:"),
    ] {
        let tmp = with_outcome_body(link, "");
        let content = tmp.path().join("content");
        let run = rebuild_fails_and_keeps_previous_site(&content, tmp.path());
        assert!(run.stderr.contains(message), "{link}: {}", run.show());
        assert!(run.stderr.contains(help), "{link}: {}", run.show());
        assert!(run
            .stderr
            .contains(&format!("{}:4:", content.join(OUTCOME).display())));
        let (check, diagnostics) = check_json(&content);
        assert_eq!(check.code, Some(1), "{}", check.show());
        let errors = found(&diagnostics, &content, OUTCOME, "error");
        assert_eq!(errors.len(), 1, "{link}: {errors:?}");
        assert!(errors[0].2.contains(message), "{errors:?}");
    }
}

#[test]
fn check_reports_a_javascript_link_where_it_is_written() {
    let tmp = with_outcome_body("See [x](javascript:alert(1)).", "");
    let content = tmp.path().join("content");
    let (run, diagnostics) = check_json(&content);
    assert_eq!(run.code, Some(1), "{}", run.show());
    let errors = found(&diagnostics, &content, OUTCOME, "error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].0, errors[0].1), (4, 9), "{errors:?}");
}

#[test]
fn a_plain_http_link_is_a_check_warning_and_still_published() {
    let tmp = with_outcome_body("See [the board](http://example.org/spec).", "");
    let content = tmp.path().join("content");
    let (run, diagnostics) = check_json(&content);
    assert_eq!(run.code, Some(0), "{}", run.show());
    let warnings = found(&diagnostics, &content, OUTCOME, "warning");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let (line, column, message, help) = &warnings[0];
    assert_eq!((*line, *column), (4, 17));
    assert!(message.contains("http://example.org/spec"), "{message}");
    assert!(help.contains("https://example.org/spec"), "{help}");

    let out = tmp.path().join("public");
    build_ok(&content, &out, &[]);
    let html = page(&out, "units/demo-unit/outcomes/1/index.html");
    assert!(html.contains(r#"<a href="http://example.org/spec">the board</a>"#));
}

const RISKY_HTML: &str = "Intro <kbd>Ctrl</kbd>.\n\n<div\n  onclick=\"go()\">\n<script>steal()</script>\n</div>\n\n<a href=\"&#106;avascript:x()\">here</a>\n";

#[test]
fn raw_html_is_published_and_check_warns_about_what_runs_script() {
    let tmp = with_outcome_body(RISKY_HTML, "");
    let content = tmp.path().join("content");
    let (run, diagnostics) = check_json(&content);
    assert_eq!(run.code, Some(0), "{}", run.show());
    let warnings = found(&diagnostics, &content, OUTCOME, "warning");
    let at: Vec<(u64, u64)> = warnings.iter().map(|w| (w.0, w.1)).collect();
    // onclick on line 7, <script> on line 8, the encoded javascript: URL on line 11; <kbd> is
    // harmless.
    assert_eq!(at, [(7, 3), (8, 1), (11, 10)], "{warnings:?}");
    assert!(warnings[0].2.contains("`onclick`"), "{warnings:?}");
    assert!(warnings[1].2.contains("<script>"), "{warnings:?}");
    assert!(warnings[2].2.contains("javascript:"), "{warnings:?}");
    assert!(warnings.iter().all(|w| w.3.contains("raw_html")));

    let out = tmp.path().join("public");
    build_ok(&content, &out, &[]);
    let html = page(&out, "units/demo-unit/outcomes/1/index.html");
    assert!(html.contains("<kbd>Ctrl</kbd>") && html.contains("<script>steal()</script>"));
}

#[test]
fn raw_html_allowed_in_site_toml_gets_no_warnings() {
    let tmp = with_outcome_body(RISKY_HTML, "raw_html = \"allow\"\n");
    let content = tmp.path().join("content");
    let (run, diagnostics) = check_json(&content);
    assert_eq!(run.code, Some(0), "{}", run.show());
    assert!(found(&diagnostics, &content, OUTCOME, "warning").is_empty());
}

#[test]
fn raw_html_refused_in_site_toml_stops_build_and_check_at_each_piece() {
    let tmp = with_outcome_body(RISKY_HTML, "raw_html = \"refuse\"\n");
    let content = tmp.path().join("content");
    let run = rebuild_fails_and_keeps_previous_site(&content, tmp.path());
    let file = content.join(OUTCOME).display().to_string();
    for (line, column) in [(4, 7), (4, 16), (6, 1), (11, 1), (11, 35)] {
        assert!(
            run.stderr
                .contains(&format!("--> {file}:{line}:{column}\n")),
            "no error at {line}:{column}\n{}",
            run.show()
        );
    }
    assert!(
        run.stderr.contains("raw HTML (`<kbd`) is not allowed"),
        "{}",
        run.show()
    );
    assert!(
        run.stderr.contains("raw_html = \"refuse\""),
        "{}",
        run.show()
    );

    let (check, diagnostics) = check_json(&content);
    assert_eq!(check.code, Some(1), "{}", check.show());
    assert_eq!(found(&diagnostics, &content, OUTCOME, "error").len(), 5);
}

#[test]
fn raw_html_refused_in_a_quiz_model_answer_points_into_the_toml() {
    let tmp = fixture_with(&[
        (
            "site.toml",
            "language = \"en-GB\"",
            "language = \"en-GB\"\nraw_html = \"refuse\"",
        ),
        (
            "units/demo-unit/quizzes/p1.toml",
            "topic = \"demo-parts\"\nexplanation = \"The opening greets, the middle shows, the close sums up.\"\n\n[[question.pair]]",
            "topic = \"demo-parts\"\nmodel_answer = \"It <b>greets</b>.\"\nexplanation = \"The opening greets, the middle shows, the close sums up.\"\n\n[[question.pair]]",
        ),
    ]);
    let content = tmp.path().join("content");
    let (run, diagnostics) = check_json(&content);
    assert_eq!(run.code, Some(1), "{}", run.show());
    let errors = found(
        &diagnostics,
        &content,
        "units/demo-unit/quizzes/p1.toml",
        "error",
    );
    let quiz = fs::read_to_string(content.join("units/demo-unit/quizzes/p1.toml")).unwrap();
    let (line, column) = line_col(&quiz, quiz.find("<b>").unwrap());
    assert!(
        errors
            .iter()
            .any(|e| (e.0, e.1) == (line as u64, column as u64)),
        "no error at {line}:{column}: {errors:?}"
    );
}
