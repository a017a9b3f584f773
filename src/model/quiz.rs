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

pub(super) mod check;
