//! `unitpress check`: everything the build would stop on, and the warnings about gaps a teacher
//! should fill, without writing anything.

use std::path::Path;

use super::Site;
use crate::check::{files, html, quiz_quality, rules, Findings};
use crate::model::Edition;

/// `unitpress check`: every error the build would stop on, and warnings about gaps a teacher
/// should fill (see [`rules`]), without writing anything.
pub fn check(content: &Path) -> Findings {
    let mut diagnostics = rules::placeholders(content);
    let mut quizzes = None;
    match Site::load(content) {
        Err(errors) => diagnostics.extend(errors),
        Ok(mut checked) => {
            diagnostics.extend(checked.warnings.iter().cloned());
            diagnostics.extend(rules::gaps(
                &checked.course,
                &checked.spans,
                &checked.sources,
            ));
            diagnostics.extend(files::warnings(&checked.course));
            diagnostics.extend(html::script(
                &checked.course,
                &checked.spans,
                &checked.sources,
            ));
            diagnostics.extend(quiz_quality::warnings(
                &checked.course,
                &checked.spans,
                &checked.sources,
            ));
            quizzes = Some(quiz_quality::stats(&checked.course));
            // Render every page of both editions without writing it: a template can compile
            // and still fail on a page (an unknown variable), and build would stop there.
            match checked.renderer() {
                Ok(renderer) => {
                    // The teacher edition first: narrowing to the learner's leaves material out.
                    for edition in [Edition::Teacher, Edition::Learner] {
                        checked.narrow_to(edition);
                        let rendered =
                            renderer
                                .render_each(&checked.course, edition, &|_| true, &|_, _| Ok(()));
                        diagnostics.extend(rendered.err().into_iter().flatten());
                    }
                }
                Err(e) => diagnostics.push(e),
            }
        }
    }
    // A template that fails in both editions fails once.
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| seen.insert(d.to_string()));
    Findings {
        diagnostics,
        quizzes,
    }
}
