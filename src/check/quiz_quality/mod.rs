//! The question-bank check: warnings about quizzes that a test-wise learner can answer without
//! knowing the topic (the right answer is the longest, the only hedged or the only one echoing
//! the question), that do not exercise their criterion (too few questions, recall where the
//! criterion asks for analysis), or whose answers are not taught where the question says.
//! docs/content-format.md lists the rules and their thresholds.

mod choices;
mod duplicates;
mod quiz;
mod stats;
mod teaching;
#[cfg(test)]
mod test_support;
mod words;

pub use stats::{stats, QuizStats};

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, SourceMap, Span};
use crate::model::spans::{QuizSpans, Spans};
use crate::model::{Course, QuestionKind};
use teaching::Taught;
use words::Words;

/// Where in a quiz a warning points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// The quiz as a whole (its `criterion`).
    Quiz,
    /// A question (its `id`), by index.
    Question(usize),
    /// An option (its `text`): the question's index, then the option's.
    Option(usize, usize),
}

/// One warning about a quiz, before it is placed in its file.
#[derive(Debug)]
struct Warning {
    at: At,
    message: String,
    help: String,
}

/// The name of a question's type, as written in the quiz files.
fn type_name(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Single { .. } => "single",
        QuestionKind::Multiple { .. } => "multiple",
        QuestionKind::TrueFalse { .. } => "truefalse",
        QuestionKind::Match { .. } => "match",
        QuestionKind::Order { .. } => "order",
        QuestionKind::Written { .. } => "written",
    }
}

/// Every question-bank warning of the course, each at its question, option or quiz.
pub fn warnings(course: &Course, spans: &Spans, sources: &SourceMap) -> Vec<Diagnostic> {
    let words = Words::default();
    let mut out = Vec::new();
    for unit in &course.units {
        let Some(unit_spans) = spans.units.get(&unit.slug) else {
            continue;
        };
        let placed: Vec<Option<&QuizSpans>> = unit
            .quizzes
            .iter()
            .map(|q| unit_spans.quizzes.get(&q.criterion))
            .collect();
        let taught: HashMap<&str, Taught> = unit
            .knowledge
            .iter()
            .map(|k| (k.slug.as_str(), Taught::new(k, &words)))
            .collect();
        let mut put = |quiz: usize, w: Warning| {
            if let Some(at) = placed[quiz] {
                out.push(
                    Diagnostic::at(sources, span(at, w.at), w.message)
                        .help(w.help)
                        .warning(),
                );
            }
        };
        for (n, quiz) in unit.quizzes.iter().enumerate() {
            for w in quiz::warnings(quiz, unit.criterion(&quiz.criterion)) {
                put(n, w);
            }
            for (i, q) in quiz.questions.iter().enumerate() {
                let topic = taught.get(q.topic.as_str());
                for w in choices::warnings(i, q, &words).into_iter().chain(
                    topic
                        .into_iter()
                        .flat_map(|t| teaching::warnings(i, q, t, &words)),
                ) {
                    put(n, w);
                }
            }
        }
        for d in duplicates::near_duplicates(unit, &words) {
            let (quiz, question) = d.first;
            let first = &unit.quizzes[quiz].questions[question];
            let place = placed[quiz].map_or(String::new(), |at| {
                let loc = sources.locate(span(at, At::Question(question)));
                let file = loc.path.file_name().unwrap_or_default().to_string_lossy();
                format!(" ({file}, line {})", loc.line)
            });
            put(
                d.quiz,
                Warning {
                    at: At::Question(d.question),
                    message: format!(
                        "this question asks nearly the same as `{}`{place}: {}% of their words are shared",
                        first.id, d.percent
                    ),
                    help: "learners who meet the same question twice remember the answer rather \
                           than think it through: ask about another point, or remove one of them"
                        .into(),
                },
            );
        }
    }
    out
}

/// The span `at` stands for; a part that could not be found falls back to its question, then
/// to the quiz.
fn span(quiz: &QuizSpans, at: At) -> &Span {
    let question = |i: usize| quiz.questions.get(i);
    match at {
        At::Quiz => &quiz.criterion,
        At::Question(i) => question(i).map_or(&quiz.criterion, |q| &q.id),
        At::Option(i, j) => {
            question(i).map_or(&quiz.criterion, |q| q.options.get(j).unwrap_or(&q.id))
        }
    }
}
