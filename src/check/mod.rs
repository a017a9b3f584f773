//! `unitpress check`: validates a content folder without writing anything. It reports every
//! error the build would stop on (unreadable files, TOML and schema errors, references that do
//! not resolve, a theme that does not compile), broken links between pages, and warnings about
//! gaps a teacher should fill: criteria that nothing teaches or that have no quiz, knowledge items
//! that support no criterion, `TODO` placeholders left in, and quizzes a test-wise learner could
//! answer without knowing the topic.

mod links;
mod quiz_quality;
pub mod report;
mod rules;

use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};
use crate::render::{theme, Edition, Renderer};
use crate::{load, model, site};

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

/// Checks the content folder `content`.
pub fn check(content: &Path) -> Findings {
    let mut diagnostics = rules::placeholders(content);
    let mut quizzes = None;
    match load::load(content) {
        Err(errors) => diagnostics.extend(errors),
        Ok(loaded) => {
            let spans = model::spans::collect(&loaded);
            match model::build(loaded) {
                Err(errors) => diagnostics.extend(errors),
                Ok((course, sources)) => {
                    diagnostics.extend(links::broken(&course, &spans, &sources));
                    diagnostics.extend(rules::gaps(&course, &spans, &sources));
                    diagnostics.extend(quiz_quality::warnings(&course, &spans, &sources));
                    quizzes = Some(quiz_quality::stats(&course));
                    // Render every page without writing it: a template can compile and still
                    // fail on a page (an unknown variable), and build would stop there.
                    match theme::load(&site::site_root(content), &course.site.theme)
                        .and_then(Renderer::new)
                    {
                        Ok(renderer) => {
                            let rendered =
                                renderer
                                    .render_each(&course, Edition::Full, &|_| true, &|_, _| Ok(()));
                            diagnostics.extend(rendered.err().into_iter().flatten());
                        }
                        Err(e) => diagnostics.push(e),
                    }
                }
            }
        }
    }
    Findings {
        diagnostics,
        quizzes,
    }
}
