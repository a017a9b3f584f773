//! Validates the quiz files of a unit, one per criterion, each into a [`Quiz`], pushing a
//! positioned error for each fault.

mod answers;

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::*;
use crate::diagnostic::{listed, Diagnostic, SourceMap};
use crate::load::raw::{QuizFile, RawQuestion};
use crate::load::{Doc, Origin};
use crate::markdown;
use crate::model::build::UnitCtx;
use crate::model::ids::is_valid_slug;
use crate::model::KnowledgeItem;

/// What a quiz may refer to in its unit.
pub struct Refs<'a> {
    /// The course's files, which a model answer may link to.
    pub files: &'a crate::course_files::CourseFiles,
    pub criteria: &'a HashSet<&'a str>,
    /// Knowledge item slug → the heading ids of its notes.
    pub topics: &'a HashMap<&'a str, Vec<&'a str>>,
    /// What of the unit could not be read: references into it are not checked.
    pub unread: &'a crate::load::Unread,
}

struct Ctx<'a> {
    sources: &'a SourceMap,
    files: &'a crate::course_files::CourseFiles,
    origin: Origin,
    errors: &'a mut Vec<Diagnostic>,
    /// The file was read past problems: its questions may lack what was written, so only
    /// its references are checked.
    partial: bool,
}

impl Ctx<'_> {
    /// A problem with the shape of a question (options, pairs, answers).
    fn error<T>(&mut self, at: &Spanned<T>, message: impl Into<String>, help: impl Into<String>) {
        if !self.partial {
            self.reference_error(at, message, help);
        }
    }

    /// A reference to a criterion, knowledge item or heading that does not exist.
    fn reference_error<T>(
        &mut self,
        at: &Spanned<T>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let span = self.origin.span(at);
        self.errors
            .push(Diagnostic::at(self.sources, &span, message).help(help));
    }
}

pub fn quiz(
    sources: &SourceMap,
    doc: Doc<QuizFile>,
    refs: &Refs,
    errors: &mut Vec<Diagnostic>,
) -> Quiz {
    let mut ctx = Ctx {
        sources,
        files: refs.files,
        origin: doc.origin,
        errors,
        partial: doc.partial,
    };
    let file = doc.value;
    if !refs.criteria.contains(file.criterion.get_ref().as_str()) && !refs.unread.criteria {
        ctx.reference_error(
            &file.criterion,
            format!(
                "this quiz is for criterion `{}`, which the unit does not have",
                file.criterion.get_ref()
            ),
            match crate::suggest::closest(file.criterion.get_ref(), refs.criteria.iter().copied()) {
                Some(right) => format!("did you mean \"{right}\"? (an id from the unit's criteria.toml, written as it is there)"),
                None => "use an id from the unit's criteria.toml, written as it is there (e.g. \"P1\")".to_string(),
            },
        );
    }
    if file.question.is_empty() {
        ctx.error(
            &file.criterion,
            "this quiz has no questions",
            "add at least one [[question]] table",
        );
    }
    let mut ids: HashMap<String, usize> = HashMap::new();
    let questions = file
        .question
        .into_iter()
        .map(|q| {
            let id = q.id.get_ref().clone();
            if !is_valid_slug(&id) {
                ctx.error(
                    &q.id,
                    format!("`{id}` cannot be a question id"),
                    "use lower-case letters, digits and dashes, e.g. \"internal-customers\"",
                );
            } else if let Some(line) = ids.get(&id) {
                ctx.error(
                    &q.id,
                    format!("the question id `{id}` is used twice in this quiz"),
                    format!("the first `{id}` is on line {line}; give this question another id"),
                );
            } else {
                ids.insert(id, sources.locate(&ctx.origin.span(&q.id)).line);
            }
            question(&mut ctx, q, refs)
        })
        .collect();
    Quiz {
        criterion: file.criterion.into_inner(),
        questions,
    }
}

fn question(ctx: &mut Ctx, q: RawQuestion, refs: &Refs) -> Question {
    match refs.topics.get(q.topic.get_ref().as_str()) {
        None if refs.unread.knowledge.contains(q.topic.get_ref()) => {}
        None => ctx.reference_error(
            &q.topic,
            format!(
                "there is no knowledge item `{}` in this unit",
                q.topic.get_ref()
            ),
            match crate::suggest::closest(q.topic.get_ref(), refs.topics.keys().copied()) {
                Some(right) => format!(
                    "did you mean `{right}`? (topic is a file name under knowledge/, without .md)"
                ),
                None => "set topic to a file name under knowledge/, without .md".to_string(),
            },
        ),
        Some(headings) => {
            if let Some(h) = &q.heading {
                if !headings.contains(&h.get_ref().as_str()) {
                    let topic = q.topic.get_ref();
                    let (message, help) = if headings.is_empty() {
                        (
                            format!("the notes of `{topic}` have no headings"),
                            format!(
                                "add a heading to knowledge/{topic}.md, or remove `heading`: {}",
                                markdown::HEADING_FORM
                            ),
                        )
                    } else {
                        (
                            format!(
                                "the notes of `{topic}` have no heading with the id `{}`",
                                h.get_ref()
                            ),
                            format!("use one of: {}", listed(headings)),
                        )
                    };
                    ctx.reference_error(h, message, help);
                }
            }
        }
    }
    let kind = answers::kind(ctx, &q);
    Question {
        id: q.id.into_inner(),
        prompt: q.prompt,
        topic: q.topic.into_inner(),
        heading: q.heading.map(Spanned::into_inner),
        explanation: q.explanation,
        kind,
    }
}

impl UnitCtx<'_> {
    /// The unit's quizzes, each checked against the unit; a criterion has one quiz at most.
    pub(in crate::model) fn quizzes(
        &mut self,
        docs: Vec<Doc<QuizFile>>,
        ids: &HashSet<&str>,
        knowledge: &[KnowledgeItem],
    ) -> Vec<Quiz> {
        let topics: HashMap<&str, Vec<&str>> = knowledge
            .iter()
            .map(|k| {
                (
                    k.slug.as_str(),
                    k.notes.headings.iter().map(|h| h.id.as_str()).collect(),
                )
            })
            .collect();
        let unread = self.unread.clone();
        let refs = Refs {
            files: self.files,
            criteria: ids,
            topics: &topics,
            unread: &unread,
        };
        let mut first: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for doc in docs {
            let path = self.sources.path(doc.origin.file).display().to_string();
            let criterion = doc.value.criterion.clone();
            if let Some(other) = first.insert(criterion.get_ref().clone(), path.clone()) {
                self.error(
                    &doc.origin,
                    &criterion,
                    format!(
                        "criterion `{}` already has a quiz, in {other}",
                        criterion.get_ref()
                    ),
                    "merge the two quizzes into one file",
                );
            }
            out.push(quiz(self.sources, doc, &refs, &mut self.errors));
        }
        out
    }
}
