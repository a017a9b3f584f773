//! The checks of `unitpress check` (run by [`crate::site::check`]): it reports every
//! error the build would stop on (unreadable files, TOML and schema errors, references that do
//! not resolve, links that run script, a theme that does not compile), broken links between
//! pages, and warnings about gaps a teacher should fill: criteria that nothing teaches or that
//! have no quiz, knowledge items that support no criterion, `TODO` placeholders left in, quizzes
//! a test-wise learner could answer without knowing the topic; course files that no page uses
//! or that are too large for a phone; and about plain http: links and raw HTML that runs
//! script.

pub mod files;
pub mod html;
pub mod links;
pub mod quiz_quality;
pub mod report;
pub mod rules;

use crate::diagnostic::{Diagnostic, Severity};

/// Everything `check` found, errors and warnings.
#[derive(Debug, Default)]
pub struct Findings {
    /// Errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// The figures of the quizzes, when the course could be built.
    pub quizzes: Option<quiz_quality::QuizStats>,
}

impl Findings {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}
