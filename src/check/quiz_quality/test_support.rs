//! Questions, quizzes and knowledge items for the rules' unit tests.

use crate::markdown;
use crate::model::quiz::Choice;
use crate::model::{KnowledgeItem, Question, QuestionKind, Quiz, TeachPoint};

pub fn question(prompt: &str, kind: QuestionKind) -> Question {
    Question {
        id: "q".into(),
        prompt: prompt.into(),
        topic: "topic".into(),
        heading: None,
        explanation: None,
        kind,
    }
}

pub fn choice(text: &str, correct: bool) -> Choice {
    Choice {
        text: text.into(),
        correct,
        feedback: String::new(),
    }
}

/// A single-choice question: `key` first, then the wrong options.
pub fn single(prompt: &str, key: &str, others: &[&str]) -> Question {
    let mut options = vec![choice(key, true)];
    options.extend(others.iter().map(|t| choice(t, false)));
    question(prompt, QuestionKind::Single { options })
}

pub fn truefalse(prompt: &str, answer: bool) -> Question {
    question(prompt, QuestionKind::TrueFalse { answer })
}

pub fn written(prompt: &str, checklist: &[&str]) -> Question {
    question(
        prompt,
        QuestionKind::Written {
            model_answer: markdown::render("A model answer."),
            checklist: checklist.iter().map(|c| c.to_string()).collect(),
        },
    )
}

/// A quiz for `criterion` holding `questions`, with ids q0, q1 …
pub fn quiz(criterion: &str, questions: Vec<Question>) -> Quiz {
    Quiz {
        criterion: criterion.into(),
        questions: questions
            .into_iter()
            .enumerate()
            .map(|(i, q)| Question {
                id: format!("q{i}"),
                ..q
            })
            .collect(),
    }
}

/// A knowledge item with a title, one teach point with one example, and notes.
pub fn item(title: &str, point: &str, example: &str, notes: &str) -> KnowledgeItem {
    KnowledgeItem {
        slug: "topic".into(),
        title: title.into(),
        outcome: "1".into(),
        code: None,
        criteria: vec!["P1".into()],
        spec: None,
        teach: vec![TeachPoint {
            point: point.into(),
            examples: vec![example.into()],
        }],
        notes: markdown::render(notes),
    }
}
