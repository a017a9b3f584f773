//! Self-check quizzes: one per criterion, each question tied to the knowledge item that
//! teaches its answer.

use serde::Serialize;

use crate::markdown::Markdown;

/// A self-check quiz for one criterion.
#[derive(Debug, Serialize)]
pub struct Quiz {
    /// The id of the criterion it is for.
    pub criterion: String,
    pub questions: Vec<Question>,
}

/// One question, with what it tests and its explanation.
#[derive(Debug, Serialize)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    /// The slug of the knowledge item whose notes answer it.
    pub topic: String,
    /// A heading id in that item's notes, to link straight to the section.
    pub heading: Option<String>,
    pub explanation: Option<String>,
    #[serde(flatten)]
    pub kind: QuestionKind,
}

/// The kinds of question, each with its answer.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum QuestionKind {
    /// One right option among several.
    Single {
        options: Vec<Choice>,
    },
    /// Select all that apply.
    Multiple {
        options: Vec<Choice>,
    },
    TrueFalse {
        answer: bool,
    },
    /// Pick the right-hand item for each left-hand one.
    Match {
        pairs: Vec<Pair>,
    },
    /// Put the items in order; `items` holds the right order.
    Order {
        items: Vec<String>,
    },
    /// Write an answer, then compare it with a model answer and a checklist.
    Written {
        model_answer: Markdown,
        checklist: Vec<String>,
    },
}

/// An option of a choice question, with feedback saying why it is right or wrong.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub feedback: String,
}

#[derive(Debug, Serialize)]
pub struct Pair {
    pub left: String,
    pub right: String,
}

impl QuestionKind {
    /// The name used in the content files and shown to learners.
    pub fn label(&self) -> &'static str {
        match self {
            QuestionKind::Single { .. } => "Choose one answer",
            QuestionKind::Multiple { .. } => "Select all that apply",
            QuestionKind::TrueFalse { .. } => "True or false",
            QuestionKind::Match { .. } => "Match each item",
            QuestionKind::Order { .. } => "Put in order",
            QuestionKind::Written { .. } => "Written answer",
        }
    }
}

/// Validates one quiz file into a [`Quiz`], pushing a positioned error for each fault.
pub(super) mod check {
    use std::collections::{HashMap, HashSet};

    use toml::Spanned;

    use super::*;
    use crate::diagnostic::{listed, Diagnostic, SourceMap};
    use crate::load::raw::{QuestionType, QuizFile, RawQuestion};
    use crate::load::{Doc, Origin};
    use crate::markdown;
    use crate::model::ids::is_valid_slug;

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
        fn error<T>(
            &mut self,
            at: &Spanned<T>,
            message: impl Into<String>,
            help: impl Into<String>,
        ) {
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
                        format!(
                            "the first `{id}` is on line {line}; give this question another id"
                        ),
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
                    Some(right) => format!("did you mean `{right}`? (topic is a file name under knowledge/, without .md)"),
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
        let kind = kind(ctx, &q);
        Question {
            id: q.id.into_inner(),
            prompt: q.prompt,
            topic: q.topic.into_inner(),
            heading: q.heading.map(Spanned::into_inner),
            explanation: q.explanation,
            kind,
        }
    }

    /// The question's answer, checked against the rules of its type.
    fn kind(ctx: &mut Ctx, q: &RawQuestion) -> QuestionKind {
        let t = *q.kind.get_ref();
        let needs_explanation = matches!(
            t,
            QuestionType::TrueFalse | QuestionType::Match | QuestionType::Order
        );
        if needs_explanation && q.explanation.is_none() {
            ctx.error(
                &q.id,
                "this question has no explanation",
                "add explanation = \"…\": learners see it after answering",
            );
        }
        match t {
            QuestionType::Single | QuestionType::Multiple => {
                let options = choices(ctx, q);
                let right = options.iter().filter(|o| o.correct).count();
                if let Some(at) = &q.option {
                    if t == QuestionType::Single && right != 1 && !options.is_empty() {
                        ctx.error(at, format!("a single-choice question needs exactly one correct option; this one has {right}"), "set correct = true on one option only, or make it type = \"multiple\"");
                    } else if t == QuestionType::Multiple && right == 0 {
                        ctx.error(
                            at,
                            "this select-all question has no correct option",
                            "set correct = true on every option that is right",
                        );
                    }
                }
                if t == QuestionType::Single {
                    QuestionKind::Single { options }
                } else {
                    QuestionKind::Multiple { options }
                }
            }
            QuestionType::TrueFalse => {
                if q.answer.is_none() {
                    ctx.error(
                        &q.id,
                        "this true-or-false question has no answer",
                        "add answer = true or answer = false",
                    );
                }
                QuestionKind::TrueFalse {
                    answer: q.answer.unwrap_or(true),
                }
            }
            QuestionType::Match => QuestionKind::Match {
                pairs: pairs(ctx, q),
            },
            QuestionType::Order => {
                let items = q
                    .items
                    .as_ref()
                    .map(|i| i.get_ref().clone())
                    .unwrap_or_default();
                if items.len() < 2 {
                    let help =
                        "list the items in the right order: items = [\"first\", \"second\", …]";
                    match &q.items {
                        Some(at) => {
                            ctx.error(at, "an ordering question needs at least two items", help)
                        }
                        None => ctx.error(&q.id, "this ordering question has no items", help),
                    }
                }
                QuestionKind::Order { items }
            }
            QuestionType::Written => {
                if q.model_answer.is_none() {
                    ctx.error(
                        &q.id,
                        "this written question has no model answer",
                        "add model_answer = \"\"\"…\"\"\"",
                    );
                }
                let checklist = q
                    .checklist
                    .as_ref()
                    .map(|c| c.get_ref().clone())
                    .unwrap_or_default();
                if checklist.is_empty() {
                    ctx.error(
                        &q.id,
                        "this written question has no checklist",
                        "add checklist = [\"what a good answer includes\", …]",
                    );
                }
                QuestionKind::Written {
                    model_answer: crate::load::markdown_of(
                        ctx.sources,
                        ctx.files,
                        ctx.origin.file,
                        q.model_answer.as_deref().unwrap_or(""),
                    ),
                    checklist,
                }
            }
        }
    }

    fn choices(ctx: &mut Ctx, q: &RawQuestion) -> Vec<Choice> {
        match &q.option {
            Some(options) if !options.get_ref().is_empty() => options
                .get_ref()
                .iter()
                .map(|o| Choice {
                    text: o.text.get_ref().clone(),
                    correct: o.correct,
                    feedback: o.feedback.clone(),
                })
                .collect(),
            _ => {
                ctx.error(
                    &q.id,
                    "this question has no options",
                    "add [[question.option]] tables, each with text, correct and feedback",
                );
                Vec::new()
            }
        }
    }

    fn pairs(ctx: &mut Ctx, q: &RawQuestion) -> Vec<Pair> {
        let Some(pairs) = q.pair.as_ref().filter(|p| p.get_ref().len() >= 2) else {
            ctx.error(
                &q.id,
                "a matching question needs at least two pairs",
                "add [[question.pair]] tables, each with left and right",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for p in pairs.get_ref() {
            match (&p.get_ref().left, &p.get_ref().right) {
                (Some(l), Some(r)) if !l.trim().is_empty() && !r.trim().is_empty() => {
                    out.push(Pair {
                        left: l.clone(),
                        right: r.clone(),
                    })
                }
                (l, _) => {
                    let missing = if l.as_deref().is_none_or(|l| l.trim().is_empty()) {
                        "left"
                    } else {
                        "right"
                    };
                    ctx.error(
                        p,
                        format!("this pair has no {missing}-hand item, so it cannot be matched"),
                        "give the pair both left = \"…\" and right = \"…\"",
                    );
                }
            }
        }
        out
    }
}
