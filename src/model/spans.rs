//! Where things were written, for checks that run on the finished [`Course`](super::Course) and
//! still need to point into the files: each criterion's id, each knowledge item's front matter,
//! each quiz question and option, and every link of every Markdown text. Built from what was
//! loaded, before the model stage consumes it, and kept beside the course so that the course
//! itself stays plain data.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{FileId, SourceMap, Span};
use crate::load::raw::QuizFile;
use crate::load::{body_offset, Doc, Loaded, LoadedUnit};
use crate::markdown::{self, Markdown};

/// Spans of a whole course, by unit slug.
#[derive(Debug, Default)]
pub struct Spans {
    /// Unit slug → the spans of that unit.
    pub units: HashMap<String, UnitSpans>,
}

/// Spans of one unit.
#[derive(Debug, Default)]
pub struct UnitSpans {
    /// Criterion id → its id in criteria.toml.
    pub criteria: HashMap<String, Span>,
    /// Knowledge item slug → the start of its front matter.
    pub knowledge: HashMap<String, Span>,
    /// Every link of the unit's Markdown that is not to another website.
    pub links: Vec<LinkSpan>,
    /// Criterion id → where the parts of its quiz are.
    pub quizzes: HashMap<String, QuizSpans>,
}

/// Where a quiz's parts are: its `criterion` value, and its questions in file order.
#[derive(Debug, Clone)]
pub struct QuizSpans {
    pub criterion: Span,
    pub questions: Vec<QuestionSpans>,
}

/// Where a question's `id` is, and the `text` of each of its options in file order (empty when
/// they could not be found; then the question's id stands for them).
#[derive(Debug, Clone)]
pub struct QuestionSpans {
    pub id: Span,
    pub options: Vec<Span>,
}

/// A link as written, and where its destination is.
#[derive(Debug, Clone)]
pub struct LinkSpan {
    /// The destination as the teacher wrote it.
    pub written: String,
    /// Where that destination is in its file.
    pub span: Span,
}

/// Records where things are in `loaded`.
pub fn collect(loaded: &Loaded) -> Spans {
    Spans {
        units: loaded
            .units
            .iter()
            .map(|u| (u.slug.clone(), unit_spans(&loaded.sources, u)))
            .collect(),
    }
}

fn unit_spans(sources: &SourceMap, u: &LoadedUnit) -> UnitSpans {
    let criteria = &u.criteria;
    let mut out = UnitSpans {
        criteria: criteria
            .value
            .criterion
            .iter()
            .map(|c| (c.id.get_ref().clone(), criteria.origin.span(&c.id)))
            .collect(),
        knowledge: u
            .knowledge
            .iter()
            .map(|k| (k.slug.clone(), k.value.front.origin.start()))
            .collect(),
        links: Vec::new(),
        quizzes: u
            .quizzes
            .iter()
            .map(|q| (q.value.criterion.get_ref().clone(), quiz_spans(sources, q)))
            .collect(),
    };
    let mut bodies: Vec<(FileId, &Markdown)> = vec![(u.unit.front.origin.file, &u.unit.body)];
    bodies.extend(
        u.outcomes
            .iter()
            .map(|o| (o.value.front.origin.file, &o.value.body)),
    );
    bodies.extend(u.delivery.iter().map(|d| (d.file, &d.value)));
    bodies.extend(
        u.knowledge
            .iter()
            .map(|k| (k.value.front.origin.file, &k.value.body)),
    );
    bodies.extend(
        u.scenarios
            .iter()
            .map(|s| (s.value.front.origin.file, &s.value.body)),
    );
    bodies.extend(u.evidence_file.zip(u.evidence.as_ref()));
    bodies.extend(
        u.briefs
            .iter()
            .map(|b| (b.value.front.origin.file, &b.value.body)),
    );
    bodies.extend(u.notes.iter().map(|n| (n.value.0, &n.value.1)));
    for (file, body) in bodies {
        let base = body_offset(sources, file);
        out.links.extend(body.links.iter().map(|l| LinkSpan {
            written: l.written.clone(),
            span: Span {
                file,
                bytes: base + l.offset..base + l.offset + l.written.len(),
            },
        }));
    }
    for b in &u.briefs {
        let front = &b.value.front;
        let texts = front
            .value
            .task
            .iter()
            .map(|t| t.text.as_str())
            .chain(front.value.teacher.iter().map(|t| t.guidance.as_str()));
        out.links.extend(links_in_toml(
            sources,
            front.origin.file,
            front.origin.base,
            texts,
        ));
    }
    for q in &u.quizzes {
        let texts = q
            .value
            .question
            .iter()
            .filter_map(|q| q.model_answer.as_deref());
        out.links
            .extend(links_in_toml(sources, q.origin.file, q.origin.base, texts));
    }
    out
}

/// The quiz file as far as positions go: the loaded quiz keeps no span for an option's text, so
/// the file is read again for those alone (it parsed once, so it parses again).
#[derive(Deserialize)]
struct OptionTexts {
    #[serde(default)]
    question: Vec<QuestionOptions>,
}

#[derive(Deserialize)]
struct QuestionOptions {
    #[serde(default)]
    option: Vec<OptionText>,
}

#[derive(Deserialize)]
struct OptionText {
    text: Spanned<String>,
}

fn quiz_spans(sources: &SourceMap, q: &Doc<QuizFile>) -> QuizSpans {
    let origin = &q.origin;
    let reread = sources
        .text(origin.file)
        .get(origin.base..)
        .and_then(|text| toml::from_str::<OptionTexts>(text).ok())
        .map(|t| t.question)
        .unwrap_or_default();
    let questions = q.value.question.iter().enumerate().map(|(i, raw)| {
        let options = reread.get(i).map_or_else(Vec::new, |found| {
            found.option.iter().map(|o| origin.span(&o.text)).collect()
        });
        QuestionSpans {
            id: origin.span(&raw.id),
            options,
        }
    });
    QuizSpans {
        criterion: origin.span(&q.value.criterion),
        questions: questions.collect(),
    }
}

/// The links of Markdown held in TOML strings of `file`, from byte `from` on. A string's escapes
/// may shift its text against the file, so each destination is found in the file's text, after
/// the one before it.
fn links_in_toml<'a>(
    sources: &SourceMap,
    file: FileId,
    from: usize,
    texts: impl Iterator<Item = &'a str>,
) -> Vec<LinkSpan> {
    let text = sources.text(file);
    let mut at = from;
    let mut out = Vec::new();
    for md in texts {
        for link in markdown::render(md).links {
            let start = text
                .get(at..)
                .and_then(|rest| rest.find(link.written.as_str()))
                .map_or(at, |i| at + i);
            at = (start + link.written.len()).min(text.len());
            out.push(LinkSpan {
                span: Span {
                    file,
                    bytes: start..at,
                },
                written: link.written,
            });
        }
    }
    out
}
