//! The figures behind the question-bank rules, per unit and for the whole course: how many
//! questions of each type, how often the right answer of a single-choice question is its
//! longest option, and how true-or-false answers fall. `check --format json` prints them as
//! `quizzes`, and bench/quiz_stats.py shows them as a table.

use std::collections::BTreeMap;

use serde::Serialize;

use super::choices::key_length;
use super::type_name;
use crate::model::{Course, QuestionKind, Quiz};

/// The figures of every unit's quizzes, and of all of them together.
#[derive(Debug, Default, Serialize)]
pub struct QuizStats {
    pub units: Vec<UnitStats>,
    pub all: Counts,
}

/// The figures of one unit's quizzes.
#[derive(Debug, Serialize)]
pub struct UnitStats {
    pub unit: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Counts over a set of quizzes.
#[derive(Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    pub quizzes: usize,
    pub questions: usize,
    /// Question type (as written in the quiz files) → how many questions have it.
    pub types: BTreeMap<&'static str, usize>,
    /// Single-choice questions with at least one wrong option.
    pub single_choice: usize,
    /// Of those, how many have a right answer longer than every wrong option …
    pub key_strictly_longest: usize,
    /// … and that as a share of `single_choice` (null when there are none).
    pub key_strictly_longest_share: Option<f64>,
    /// How many have a right answer at least as long as every wrong option (ties counted).
    pub key_longest_or_tied: usize,
    /// How many would have the longest right answer if option lengths fell at random: one
    /// question in its number of options (two decimals).
    pub key_longest_by_chance: f64,
    pub truefalse_true: usize,
    pub truefalse_false: usize,
    /// The unrounded sum behind `key_longest_by_chance`.
    #[serde(skip)]
    chance: f64,
}

impl Counts {
    fn add(&mut self, quiz: &Quiz) {
        self.quizzes += 1;
        for q in &quiz.questions {
            self.questions += 1;
            *self.types.entry(type_name(&q.kind)).or_default() += 1;
            if let Some(len) = key_length(q) {
                self.single_choice += 1;
                self.key_strictly_longest += usize::from(len.strictly_longest());
                self.key_longest_or_tied += usize::from(len.key >= len.longest_other);
                self.chance += 1.0 / len.options as f64;
            }
            match q.kind {
                QuestionKind::TrueFalse { answer: true } => self.truefalse_true += 1,
                QuestionKind::TrueFalse { answer: false } => self.truefalse_false += 1,
                _ => {}
            }
        }
        self.key_longest_by_chance = (self.chance * 100.0).round() / 100.0;
        self.key_strictly_longest_share = (self.single_choice > 0).then(|| {
            let share = self.key_strictly_longest as f64 / self.single_choice as f64;
            (share * 1000.0).round() / 1000.0
        });
    }
}

/// The figures of `course`'s quizzes.
pub fn stats(course: &Course) -> QuizStats {
    let mut out = QuizStats::default();
    for unit in &course.units {
        let mut counts = Counts::default();
        for quiz in &unit.quizzes {
            counts.add(quiz);
            out.all.add(quiz);
        }
        out.units.push(UnitStats {
            unit: unit.slug.clone(),
            counts,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::quiz_quality::test_support::{quiz, single, truefalse};

    #[test]
    fn counts_types_longest_keys_and_truefalse_answers() {
        let mut counts = Counts::default();
        counts.add(&quiz(
            "P1",
            vec![
                single("a", "Longer key", &["Short"]),
                single("b", "Tie", &["Eve", "No"]),
                single("c", "Key", &["A longer one"]),
                single("d", "Lonely key", &[]),
                truefalse("e", true),
                truefalse("f", false),
                truefalse("g", false),
            ],
        ));
        let expected = Counts {
            quizzes: 1,
            questions: 7,
            types: [("single", 4), ("truefalse", 3)].into(),
            single_choice: 3,
            key_strictly_longest: 1,
            key_strictly_longest_share: Some(0.333),
            key_longest_or_tied: 2,
            key_longest_by_chance: 1.33,
            truefalse_true: 1,
            truefalse_false: 2,
            chance: 0.5 + 1.0 / 3.0 + 0.5,
        };
        assert_eq!(counts, expected);
    }
}
