//! Text that editors and other tools leave in content files: Windows and old Mac line breaks,
//! NUL characters, a heading indented by a tab, a page far too long. Each is either made right
//! or refused at its place, and nothing of it reaches a page.

use std::fs;
use std::path::Path;

use crate::common::*;
use serde_json::Value;

const NOTES: &str = "units/demo-unit/knowledge/demo-parts.md";
const BRIEF: &str = "units/demo-unit/briefs/demo-report.md";

/// The diagnostics of `unitpress check --format json` on `content`, and the run.
fn diagnostics(content: &Path) -> (Run, Vec<Value>) {
    let run = unitpress(&["check"], content, &["--format".as_ref(), "json".as_ref()]);
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("check's JSON does not parse: {e}\n{}", run.show()));
    (run, report["diagnostics"].as_array().unwrap().clone())
}

/// The one error of `found`, which must be in `file` at `line` and `column`.
fn the_error_at<'a>(found: &'a [Value], file: &Path, line: usize, column: usize) -> &'a Value {
    let errors: Vec<&Value> = found.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{found:#?}");
    let e = errors[0];
    assert_eq!(e["file"], file.display().to_string(), "{e:#}");
    assert_eq!(
        (e["line"].clone(), e["column"].clone()),
        (line.into(), column.into()),
        "{e:#}"
    );
    e
}

/// Rewrites `rel` under `content` with every line break made `\r\n`.
fn to_crlf(content: &Path, rel: &str) {
    let path = content.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace('\n', "\r\n")).unwrap();
}

#[test]
fn a_quiz_heading_in_notes_whose_only_heading_is_indented_by_a_tab() {
    let tmp = fixture_with(&[
        (
            NOTES,
            "a middle and a close.\n",
            "a middle and a close.\n\n\t## The opening\n",
        ),
        (
            "units/demo-unit/quizzes/p1.toml",
            "comes first?\"\ntopic = \"demo-parts\"\n",
            "comes first?\"\ntopic = \"demo-parts\"\nheading = \"the-opening\"\n",
        ),
    ]);
    let content = tmp.path().join("content");
    let (run, found) = diagnostics(&content);
    let e = the_error_at(
        &found,
        &content.join("units/demo-unit/quizzes/p1.toml"),
        8,
        11,
    );
    let (message, help) = (e["message"].as_str().unwrap(), e["help"].as_str().unwrap());
    assert!(
        message.contains("`demo-parts` have no headings"),
        "{message}"
    );
    assert!(
        help.contains("knowledge/demo-parts.md") && help.contains("indented by a tab"),
        "{help}"
    );
    assert!(!help.contains("use one of"), "{help}");
    assert_eq!(run.code, Some(1), "{}", run.show());
}

#[test]
fn errors_in_a_crlf_file_point_at_the_line_and_column_an_editor_shows() {
    let tmp = fixture_with(&[(NOTES, "outcome = 1\n", "outcome = 1\nordr = 1\n")]);
    let content = tmp.path().join("content");
    to_crlf(&content, NOTES);
    let (_, found) = diagnostics(&content);
    let e = the_error_at(&found, &content.join(NOTES), 4, 1);
    assert!(e["message"].as_str().unwrap().contains("ordr"), "{e:#}");

    // An error found after loading (a criterion the unit lacks), in a CRLF body link.
    let tmp = fixture_with(&[(
        NOTES,
        "A demo has an opening",
        "A demo has\nan [opening](@/units/demo-unit/criteria/P9/)",
    )]);
    let content = tmp.path().join("content");
    to_crlf(&content, NOTES);
    let (_, found) = diagnostics(&content);
    the_error_at(&found, &content.join(NOTES), 13, 14);
}

#[test]
fn crlf_and_old_mac_line_breaks_reach_no_page_and_still_split_paragraphs() {
    let tmp = fixture_with(&[
        (
            BRIEF,
            "text = \"Describe the parts of a demo.\"",
            "text = \"\"\"\nDescribe the parts.\n\nThen name each one.\n\"\"\"",
        ),
        (
            BRIEF,
            "A local club wants a report",
            "First paragraph.\n\nA local club wants a report",
        ),
        (
            NOTES,
            "A demo has an opening",
            "Opening line.\r\rA demo has an opening",
        ),
    ]);
    let content = tmp.path().join("content");
    to_crlf(&content, BRIEF);
    let out = tmp.path().join("public");
    build_ok(&content, &out, &[]);
    for rel in files_below(&out) {
        let bytes = fs::read(out.join(&rel)).unwrap();
        assert!(!bytes.contains(&b'\r'), "{rel} holds a carriage return");
    }
    let brief =
        fs::read_to_string(out.join("units/demo-unit/briefs/demo-report/index.html")).unwrap();
    assert!(
        brief.contains("<p>Describe the parts.</p>\n<p>Then name each one.</p>"),
        "{brief}"
    );
    assert!(
        brief.contains("<p>First paragraph.</p>\n<p>A local club"),
        "{brief}"
    );
    let notes =
        fs::read_to_string(out.join("units/demo-unit/knowledge/demo-parts/index.html")).unwrap();
    assert!(
        notes.contains("<p>Opening line.</p>\n<p>A demo has"),
        "{notes}"
    );
}

#[test]
fn a_nul_character_is_refused_at_its_place_and_nothing_is_built() {
    let tmp = fixture_with(&[(NOTES, "a middle and a close.", "a middle\0 and a close.")]);
    let content = tmp.path().join("content");
    let (_, found) = diagnostics(&content);
    let e = the_error_at(&found, &content.join(NOTES), 12, 32);
    assert!(e["message"].as_str().unwrap().contains("NUL"), "{e:#}");
    assert!(e["help"].as_str().unwrap().contains("UTF-8"), "{e:#}");
    let out = tmp.path().join("public");
    let run = build(&content, &out, &[]);
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(!out.exists());
}

#[test]
fn a_nul_written_as_a_toml_escape_reaches_no_page() {
    let tmp = fixture_with(&[(
        "units/demo-unit/quizzes/p1.toml",
        "prompt = \"Which part",
        "prompt = \"Which\\u0000 part",
    )]);
    let out = tmp.path().join("public");
    build_ok(&tmp.path().join("content"), &out, &[]);
    for rel in html_files(&out) {
        let bytes = fs::read(out.join(&rel)).unwrap();
        assert!(!bytes.contains(&0), "{rel} holds a NUL");
    }
    let page = fs::read_to_string(out.join("units/demo-unit/criteria/p1/index.html")).unwrap();
    assert!(page.contains("Which part of a demo"), "{page}");
}

#[test]
fn a_markdown_file_over_five_megabytes_is_refused_at_the_line_past_the_limit() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let path = content.join(NOTES);
    let head = fs::read_to_string(&path).unwrap();
    let line = format!("{}\n", "word ".repeat(19));
    let lines = (5_000_000 - head.len()) / line.len() + 10;
    fs::write(&path, head.clone() + &line.repeat(lines)).unwrap();
    let (run, found) = diagnostics(&content);
    let past = (5_000_000 - head.len()) / line.len() + 1;
    let column = (5_000_000 - head.len()) % line.len() + 1;
    let e = the_error_at(&found, &path, head.lines().count() + past, column);
    let message = e["message"].as_str().unwrap();
    assert!(
        message.contains("5.0 MB") && message.contains("at most 5 MB"),
        "{message}"
    );
    assert_eq!(run.code, Some(1), "{}", run.show());
}
