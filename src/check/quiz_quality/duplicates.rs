//! Rule 6: two prompts within one unit that ask nearly the same thing, judged by how many of
//! their content words they share (Jaccard similarity: shared words over all words of the two).

use std::collections::BTreeSet;

use super::words::{Stem, Words};
use crate::model::Unit;

/// Prompts with fewer content words than this are too short to compare fairly.
const MIN_WORDS: usize = 4;
/// Two prompts sharing at least this share of their content words (in percent) are near
/// duplicates.
const MIN_PERCENT: usize = 80;

/// A question whose prompt nearly repeats an earlier one of the same unit.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Duplicate {
    /// The later question: its quiz's index in the unit, and its own in the quiz.
    pub quiz: usize,
    pub question: usize,
    /// The first earlier question it nearly repeats (quiz index, question index).
    pub first: (usize, usize),
    /// The share of their content words the two have in common.
    pub percent: usize,
}

/// Each question of `unit` whose prompt nearly repeats an earlier one, in quiz order.
pub(super) fn near_duplicates(unit: &Unit, words: &Words) -> Vec<Duplicate> {
    let prompts: Vec<((usize, usize), BTreeSet<Stem>)> = unit
        .quizzes
        .iter()
        .enumerate()
        .flat_map(|(n, quiz)| {
            quiz.questions
                .iter()
                .enumerate()
                .map(move |(i, q)| ((n, i), q))
        })
        .map(|(at, q)| (at, words.content(&q.prompt)))
        .collect();
    let mut out = Vec::new();
    for (later, (at, set)) in prompts.iter().enumerate() {
        if set.len() < MIN_WORDS {
            continue;
        }
        let first = prompts[..later].iter().find_map(|(earlier, other)| {
            let percent = similarity(set, other)?;
            (percent >= MIN_PERCENT).then_some((*earlier, percent))
        });
        if let Some((first, percent)) = first {
            out.push(Duplicate {
                quiz: at.0,
                question: at.1,
                first,
                percent,
            });
        }
    }
    out
}

/// The share, in whole percent rounded down, of the two sets' words that both have; `None` when
/// either is too short to judge.
fn similarity(a: &BTreeSet<Stem>, b: &BTreeSet<Stem>) -> Option<usize> {
    if a.len() < MIN_WORDS || b.len() < MIN_WORDS {
        return None;
    }
    let shared = a.intersection(b).count();
    Some(shared * 100 / (a.len() + b.len() - shared))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::quiz_quality::test_support::{quiz, truefalse};
    use crate::markdown;
    use crate::model::{Assessment, Fact, Grading, UnitFacts};

    fn unit(quizzes: &[&[&str]]) -> Unit {
        Unit {
            slug: "u".into(),
            facts: UnitFacts {
                title: "U".into(),
                awarding_body: "OCR".into(),
                qualification: "Q".into(),
                unit_number: "1".into(),
                reference: None,
                level: None,
                credit_value: Fact::NotStated,
                guided_learning_hours: Fact::NotStated,
                grading: Grading::Graded,
                order: 0,
                aim: String::new(),
                purpose: None,
                outcome_term: Default::default(),
                unit_type: Fact::DoesNotApply,
                assessment: Fact::DoesNotApply,
                synoptic: Fact::DoesNotApply,
                linked_units: Vec::new(),
                nos: Vec::new(),
                standard: None,
            },
            introduction: markdown::render(""),
            outcomes: Vec::new(),
            criteria: Vec::new(),
            grid: None,
            assessment: Assessment::new(Grading::Graded, &[], Vec::new()),
            knowledge: Vec::new(),
            scenarios: Vec::new(),
            evidence: None,
            quizzes: quizzes
                .iter()
                .map(|prompts| quiz("P1", prompts.iter().map(|p| truefalse(p, true)).collect()))
                .collect(),
            briefs: Vec::new(),
        }
    }

    #[test]
    fn nearly_the_same_prompt_in_another_quiz() {
        let u = unit(&[
            &[
                "Internal customers work for the same organisation.",
                "Suppliers deliver stock to the shop.",
            ],
            &["An internal customer works for the organisation itself."],
        ]);
        assert_eq!(
            near_duplicates(&u, &Words::default()),
            [Duplicate {
                quiz: 1,
                question: 0,
                first: (0, 0),
                percent: 100
            }]
        );
    }

    #[test]
    fn related_prompts_and_short_ones_are_not_duplicates() {
        let u = unit(&[&[
            "Internal customers work for the same organisation.",
            "External customers buy goods from the organisation.",
            "Greet customers.",
            "Greet customers!",
        ]]);
        assert_eq!(near_duplicates(&u, &Words::default()), []);
    }
}
