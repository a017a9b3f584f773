//! The answer of a question, checked against the rules of its type: its options, pairs or
//! model answer.

use super::Ctx;
use crate::load::raw::{QuestionType, RawQuestion};
use crate::model::quiz::{Choice, Pair, QuestionKind};

/// The question's answer, checked against the rules of its type.
pub(super) fn kind(ctx: &mut Ctx, q: &RawQuestion) -> QuestionKind {
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
                let help = "list the items in the right order: items = [\"first\", \"second\", …]";
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
            (Some(l), Some(r)) if !l.trim().is_empty() && !r.trim().is_empty() => out.push(Pair {
                left: l.clone(),
                right: r.clone(),
            }),
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
