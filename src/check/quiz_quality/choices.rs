//! Rules on the options of one choice question, each a give-away a test-wise learner uses
//! without knowing the topic: the right answer much longer than the others (rule 1), absolute
//! words only in wrong options or hedges only in right ones (rule 2), the right answer echoing
//! the question's own words (rule 3, ECHO).

use super::words::{first_word_of, Words};
use super::{At, Warning};
use crate::model::quiz::Choice;
use crate::model::{Question, QuestionKind};

/// The right answer may be at most this many tenths of the longest wrong option's length.
const MAX_KEY_TENTHS: usize = 13;

/// Words that claim there are no exceptions: mostly found in wrong options, so learners learn
/// to rule those out.
#[rustfmt::skip]
const ABSOLUTES: &[&str] = &[
    "always", "never", "must", "only", "all", "none", "every", "proves", "guarantees",
    "completely", "totally", "impossible",
];

/// Words that soften a claim: mostly found in right answers, so learners learn to pick those.
#[rustfmt::skip]
const HEDGES: &[&str] = &[
    "may", "might", "could", "can", "often", "usually", "sometimes", "generally", "likely", "tends",
];

/// How long a single-choice question's right answer is against its wrong options, in
/// characters; for questions with one right option and at least one wrong one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct KeyLength {
    pub key_index: usize,
    pub key: usize,
    pub longest_other: usize,
    /// How many options the question has.
    pub options: usize,
}

impl KeyLength {
    /// Whether the right answer is longer than every wrong option.
    pub fn strictly_longest(self) -> bool {
        self.key > self.longest_other
    }
}

/// The lengths of `q`'s options, if it is a single-choice question with something to compare.
pub(super) fn key_length(q: &Question) -> Option<KeyLength> {
    let QuestionKind::Single { options } = &q.kind else {
        return None;
    };
    let key_index = options.iter().position(|o| o.correct)?;
    let longest_other = options
        .iter()
        .filter(|o| !o.correct)
        .map(|o| length(&o.text))
        .max()?;
    Some(KeyLength {
        key_index,
        key: length(&options[key_index].text),
        longest_other,
        options: options.len(),
    })
}

fn length(text: &str) -> usize {
    text.trim().chars().count()
}

/// The warnings about question `i`'s options.
pub(super) fn warnings(i: usize, q: &Question, words: &Words) -> Vec<Warning> {
    let (QuestionKind::Single { options } | QuestionKind::Multiple { options }) = &q.kind else {
        return Vec::new();
    };
    let mut out = Vec::new();
    out.extend(longest_key(i, q));
    out.extend(absolutes(i, options));
    out.extend(hedges(i, options));
    out.extend(echo(i, &q.prompt, options, words));
    out
}

fn longest_key(i: usize, q: &Question) -> Option<Warning> {
    let len = key_length(q)?;
    (len.key * 10 > len.longest_other * MAX_KEY_TENTHS).then(|| Warning {
        at: At::Option(i, len.key_index),
        message: format!(
            "the right answer is much longer than the others ({} characters against at most {})",
            len.key, len.longest_other
        ),
        help: "learners learn to pick the longest option: shorten the right answer or lengthen \
               the wrong ones, so that no option stands out by its length"
            .into(),
    })
}

fn absolutes(i: usize, options: &[Choice]) -> Option<Warning> {
    if options
        .iter()
        .any(|o| o.correct && first_word_of(&o.text, ABSOLUTES).is_some())
    {
        return None;
    }
    let (j, word) = options
        .iter()
        .enumerate()
        .filter(|(_, o)| !o.correct)
        .find_map(|(j, o)| Some((j, first_word_of(&o.text, ABSOLUTES)?)))?;
    Some(Warning {
        at: At::Option(i, j),
        message: format!("only wrong options use absolute words such as \"{word}\""),
        help: "learners learn that \"always\", \"never\" or \"only\" marks a wrong answer: word \
               this option without it, or let the right answer make a firm claim too"
            .into(),
    })
}

fn hedges(i: usize, options: &[Choice]) -> Option<Warning> {
    if options
        .iter()
        .any(|o| !o.correct && first_word_of(&o.text, HEDGES).is_some())
    {
        return None;
    }
    let (j, word) = options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.correct)
        .find_map(|(j, o)| Some((j, first_word_of(&o.text, HEDGES)?)))?;
    Some(Warning {
        at: At::Option(i, j),
        message: format!("only the right answer hedges (\"{word}\")"),
        help: "learners learn that the careful-sounding option is the right one: state the right \
               answer plainly, or let a wrong option hedge too"
            .into(),
    })
}

fn echo(i: usize, prompt: &str, options: &[Choice], words: &Words) -> Option<Warning> {
    let asked = words.content(prompt);
    let shared = |o: &Choice| words.content(&o.text).intersection(&asked).count();
    let most_by_wrong = options
        .iter()
        .filter(|o| !o.correct)
        .map(shared)
        .max()
        .unwrap_or(0);
    let (j, key) = options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.correct)
        .find(|(_, o)| {
            let n = shared(o);
            n >= 2 && n >= most_by_wrong + 2
        })?;
    let echoed = words.shown(&key.text, &asked).join(", ");
    Some(Warning {
        at: At::Option(i, j),
        message: format!(
            "the right answer repeats the question's words ({echoed}) more than any other option"
        ),
        help: "learners can match words instead of knowing the answer: put the right answer in \
               other words, or use the question's words in the wrong options too"
            .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::quiz_quality::test_support::{choice, single};

    fn messages(q: &Question) -> Vec<(At, String)> {
        warnings(3, q, &Words::default())
            .into_iter()
            .map(|w| (w.at, w.message))
            .collect()
    }

    #[test]
    fn a_key_much_longer_than_every_distractor() {
        let q = single(
            "Why greet?",
            "It makes the customer feel welcome and valued from the start",
            &["To save time", "Because the manager said so"],
        );
        assert_eq!(
            messages(&q),
            [(
                At::Option(3, 0),
                "the right answer is much longer than the others (60 characters against at most 27)"
                    .to_string()
            )]
        );
        let fair = single(
            "Why greet?",
            "It makes customers feel welcome",
            &["It saves time at the till", "The manager has asked for it"],
        );
        assert_eq!(messages(&fair), []);
        assert!(key_length(&fair).is_some_and(KeyLength::strictly_longest));
        let at_the_limit = single("Why greet?", "Thirteen char", &["Ten chars!"]);
        assert_eq!(
            messages(&at_the_limit),
            [],
            "1.3 times is not more than 1.3 times"
        );
    }

    #[test]
    fn absolute_words_only_in_distractors() {
        let q = single(
            "Pick one",
            "Staff greet people",
            &["Staff always greet people"],
        );
        let found = messages(&q);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, At::Option(3, 1));
        assert!(found[0].1.contains("\"always\""), "{found:?}");
        let both = single(
            "Pick one",
            "Staff must greet people",
            &["Staff always greet"],
        );
        assert_eq!(messages(&both), []);
    }

    #[test]
    fn hedging_only_in_the_key() {
        let q = single(
            "Pick one",
            "Staff may be too busy",
            &["Staff are too lazy to help"],
        );
        let found = messages(&q);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0],
            (
                At::Option(3, 0),
                "only the right answer hedges (\"may\")".into()
            )
        );
        let both = single("Pick one", "Staff may be too busy", &["Staff can be lazy"]);
        assert_eq!(messages(&both), []);
        let multiple = Question {
            kind: QuestionKind::Multiple {
                options: vec![
                    choice("Staff might be busy", true),
                    choice("Staff rest", false),
                ],
            },
            ..single("Pick one", "", &[])
        };
        assert_eq!(
            messages(&multiple).len(),
            1,
            "multiple-choice questions too"
        );
    }

    #[test]
    fn a_key_that_echoes_the_prompt() {
        let q = single(
            "How should staff handle a customer complaint at the till?",
            "Handle the complaint calmly",
            &[
                "Call the police straight away",
                "Ignore it and serve the next one",
            ],
        );
        let found = messages(&q);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, At::Option(3, 0));
        assert!(found[0].1.contains("(handle, complaint)"), "{found:?}");
        let fair = single(
            "How should staff handle a customer complaint at the till?",
            "Handle the complaint calmly",
            &["Handle the customer's complaint later", "Ignore it"],
        );
        assert_eq!(messages(&fair), []);
    }
}
