//! How `check` shows what it found: grouped by file with a count per file for people, or as one
//! JSON object for CI; both end with the totals.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::quiz_quality::QuizStats;
use super::Findings;
use crate::diagnostic::{Diagnostic, Severity};

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: each file's problems under its name, then the totals.
    #[default]
    Text,
    /// For CI: one JSON object with the totals and every problem.
    Json,
}

/// The findings grouped by file (those about no file last), each group in line order.
fn by_file(findings: &Findings) -> BTreeMap<Option<&Path>, Vec<&Diagnostic>> {
    let mut groups: BTreeMap<Option<&Path>, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &findings.diagnostics {
        groups.entry(d.file()).or_default().push(d);
    }
    for list in groups.values_mut() {
        list.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    }
    groups
}

/// "3 errors, 1 warning in 2 files", or a success line when there is nothing to report.
pub fn summary(findings: &Findings) -> String {
    if findings.diagnostics.is_empty() {
        return "No problems found: the course is ready to build.".into();
    }
    let files = by_file(findings).keys().filter(|k| k.is_some()).count();
    format!(
        "{}, {} in {}",
        counted(findings.count(Severity::Error), "error"),
        counted(findings.count(Severity::Warning), "warning"),
        counted(files, "file")
    )
}

fn counted(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The findings for people, ending with the summary line.
pub fn text(findings: &Findings) -> String {
    let mut out = String::new();
    for (file, list) in by_file(findings) {
        let errors = list
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let name = file.map_or("the course as a whole".into(), |p| p.display().to_string());
        out.push_str(&format!(
            "{name}: {}, {}\n\n",
            counted(errors, "error"),
            counted(list.len() - errors, "warning")
        ));
        for d in list {
            out.push_str(&format!("{d}\n"));
        }
    }
    out.push_str(&summary(findings));
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    files: usize,
    summary: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// Null when the course did not build.
    quizzes: Option<&'a QuizStats>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<&'a str>,
}

/// The findings as one JSON object: totals, each problem with its file, line and column (null
/// when it concerns a whole file or the whole course), and the figures of the quizzes.
pub fn json(findings: &Findings) -> String {
    let groups = by_file(findings);
    let report = JsonReport {
        errors: findings.count(Severity::Error),
        warnings: findings.count(Severity::Warning),
        files: groups.keys().filter(|k| k.is_some()).count(),
        summary: summary(findings),
        diagnostics: groups
            .into_values()
            .flatten()
            .map(|d| {
                let place = d.location.as_ref().filter(|l| l.line > 0);
                JsonDiagnostic {
                    severity: d.severity,
                    message: &d.message,
                    file: d.file().map(|p| p.display().to_string()),
                    line: place.map(|l| l.line),
                    column: place.map(|l| l.column),
                    help: d.help.as_deref(),
                }
            })
            .collect(),
        quizzes: findings.quizzes.as_ref(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}
