//! Rules on a quiz as a whole: the right answer the longest in most single-choice questions
//! (rule 1), true-or-false answers all one way (rule 4), recall where a merit or distinction
//! criterion asks for analysis (rule 5), too few questions or types (rule 8).

use std::collections::BTreeSet;

use super::choices::{key_length, KeyLength};
use super::words::word_count;
use super::{type_name, At, Warning};
use crate::model::{Criterion, GradeBand, QuestionKind, Quiz};

/// The longest-key share is judged only on a quiz with at least this many single-choice
/// questions: on fewer, a majority means little.
const MIN_SINGLE_FOR_SHARE: usize = 3;
/// A choice question whose prompt has this many words is taken as a case to reason about.
const CASE_WORDS: usize = 20;
/// A merit or distinction quiz needs at least this many analysis questions.
const MIN_ANALYSIS: usize = 2;
/// Every quiz needs at least this many questions, of at least `MIN_TYPES` types.
const MIN_QUESTIONS: usize = 6;
const MIN_TYPES: usize = 3;

/// The warnings about `quiz`, all pointing at the quiz; `criterion` is the one it is for.
pub(super) fn warnings(quiz: &Quiz, criterion: Option<&Criterion>) -> Vec<Warning> {
    [
        longest_share(quiz),
        truefalse_balance(quiz),
        criterion.and_then(|c| recall(quiz, c)),
        coverage(quiz),
    ]
    .into_iter()
    .flatten()
    .map(|(message, help)| Warning {
        at: At::Quiz,
        message,
        help,
    })
    .collect()
}

type Found = Option<(String, String)>;

fn longest_share(quiz: &Quiz) -> Found {
    let lengths: Vec<(&str, KeyLength)> = quiz
        .questions
        .iter()
        .filter_map(|q| Some((q.id.as_str(), key_length(q)?)))
        .collect();
    let longest: Vec<&str> = lengths
        .iter()
        .filter(|(_, l)| l.strictly_longest())
        .map(|(id, _)| *id)
        .collect();
    (lengths.len() >= MIN_SINGLE_FOR_SHARE && longest.len() * 2 > lengths.len()).then(|| {
        (
            format!(
                "the right answer is the longest option in {} of this quiz's {} single-choice questions",
                longest.len(),
                lengths.len()
            ),
            format!(
                "learners who notice will pick the longest option without reading: make a wrong \
                 option the longest in some of these questions ({})",
                longest.join(", ")
            ),
        )
    })
}

fn truefalse_balance(quiz: &Quiz) -> Found {
    let answers: Vec<bool> = quiz
        .questions
        .iter()
        .filter_map(|q| match q.kind {
            QuestionKind::TrueFalse { answer } => Some(answer),
            _ => None,
        })
        .collect();
    let first = *answers.first()?;
    (answers.len() >= 2 && answers.iter().all(|&a| a == first)).then(|| {
        let (way, other) = if first {
            ("true", "false")
        } else {
            ("false", "true")
        };
        (
            format!(
                "all {} true-or-false statements in this quiz are {way}",
                answers.len()
            ),
            format!(
                "learners who notice will answer \"{way}\" every time: turn some statements round \
                 so that they are {other}, and say why in the explanation"
            ),
        )
    })
}

fn recall(quiz: &Quiz, criterion: &Criterion) -> Found {
    if !matches!(
        criterion.band,
        Some(GradeBand::Merit | GradeBand::Distinction)
    ) {
        return None;
    }
    let total = quiz.questions.len();
    let analysis = quiz
        .questions
        .iter()
        .filter(|q| match &q.kind {
            QuestionKind::Written { .. } => true,
            QuestionKind::Single { .. } | QuestionKind::Multiple { .. } => {
                word_count(&q.prompt) >= CASE_WORDS
            }
            _ => false,
        })
        .count();
    let recall = quiz
        .questions
        .iter()
        .filter(|q| {
            matches!(
                q.kind,
                QuestionKind::TrueFalse { .. }
                    | QuestionKind::Match { .. }
                    | QuestionKind::Order { .. }
            )
        })
        .count();
    let mut faults = Vec::new();
    if analysis < MIN_ANALYSIS {
        faults.push(format!(
            "it has {analysis} question{} calling for analysis (at least {MIN_ANALYSIS} are needed)",
            if analysis == 1 { "" } else { "s" }
        ));
    }
    if recall * 2 > total {
        faults.push(format!(
            "{recall} of its {total} questions are true-or-false, matching or ordering"
        ));
    }
    (!faults.is_empty()).then(|| {
        (
            format!(
                "{} asks learners to {}, but this quiz tests mostly recall: {}",
                criterion.id,
                criterion.verb,
                faults.join(", and ")
            ),
            format!(
                "add written questions, or choice questions on a case of {CASE_WORDS} words or \
                 more for learners to reason about, and move recall questions to the pass \
                 criteria's quizzes"
            ),
        )
    })
}

fn coverage(quiz: &Quiz) -> Found {
    let types: BTreeSet<&str> = quiz.questions.iter().map(|q| type_name(&q.kind)).collect();
    let n = quiz.questions.len();
    (n < MIN_QUESTIONS || types.len() < MIN_TYPES).then(|| {
        (
            format!(
                "this quiz has {n} question{} of {} type{}",
                if n == 1 { "" } else { "s" },
                types.len(),
                if types.len() == 1 { "" } else { "s" }
            ),
            format!(
                "give every criterion at least {MIN_QUESTIONS} questions of at least {MIN_TYPES} \
                 types (single, multiple, truefalse, match, order, written), so that learners \
                 check themselves in more than one way"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::quiz_quality::test_support::{quiz, single, truefalse, written};
    use crate::model::Question;

    fn criterion(id: &str, band: GradeBand) -> Criterion {
        Criterion {
            id: id.into(),
            slug: id.to_lowercase(),
            band: Some(band),
            outcomes: vec!["1".into()],
            text: "Analyse the impact".into(),
            kind: Default::default(),
            verb: "analyse".into(),
            guidance: None,
            notes: None,
            related: Vec::new(),
            marks: None,
        }
    }

    fn messages(questions: Vec<Question>, band: GradeBand) -> Vec<String> {
        let q = quiz("M1", questions);
        warnings(&q, Some(&criterion("M1", band)))
            .into_iter()
            .inspect(|w| assert_eq!(w.at, At::Quiz))
            .map(|w| w.message)
            .collect()
    }

    /// Six questions of three types, the keys no longer than the distractors, two answers true
    /// and one false, two written: nothing to warn about at any band.
    fn sound() -> Vec<Question> {
        vec![
            single("Pick one", "Greet", &["Ignore"]),
            single("Pick one", "Listen", &["Argue"]),
            single("Pick one", "Smile", &["Stare"]),
            truefalse("A", true),
            truefalse("B", false),
            written("Analyse it", &["x"]),
            written("Analyse that", &["y"]),
        ]
    }

    #[test]
    fn a_sound_quiz_has_no_warnings() {
        assert_eq!(
            messages(sound(), GradeBand::Distinction),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_key_longest_in_most_single_questions() {
        let mut questions = sound();
        questions[0] = single("Pick one", "Greet them", &["Ignore"]);
        questions[1] = single("Pick one", "Listen well", &["Argue"]);
        assert_eq!(
            messages(questions, GradeBand::Pass),
            ["the right answer is the longest option in 2 of this quiz's 3 single-choice questions"]
        );
    }

    #[test]
    fn truefalse_answers_all_one_way() {
        let mut questions = sound();
        questions[4] = truefalse("B", true);
        assert_eq!(
            messages(questions, GradeBand::Pass),
            ["all 2 true-or-false statements in this quiz are true"]
        );
    }

    #[test]
    fn recall_at_merit() {
        let eight = || {
            let mut questions = sound();
            questions[6] = truefalse("C", false);
            questions.push(truefalse("D", true));
            questions
        };
        let found = messages(eight(), GradeBand::Merit);
        assert_eq!(
            found,
            ["M1 asks learners to analyse, but this quiz tests mostly recall: it has 1 question \
              calling for analysis (at least 2 are needed)"],
            "half is not more than half: {found:?}"
        );
        let mut nine = eight();
        nine.push(truefalse("E", false));
        let found = messages(nine, GradeBand::Distinction);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].ends_with("and 5 of its 9 questions are true-or-false, matching or ordering"),
            "{found:?}"
        );
    }

    #[test]
    fn a_long_case_counts_as_analysis_and_a_pass_criterion_is_not_judged() {
        let case = "A customer has waited twenty minutes at a busy counter, and now asks to see \
                    the manager about it. What should you do first?";
        let mut questions = sound();
        questions[6] = single(case, "Apologise", &["Wait quietly"]);
        assert_eq!(messages(questions, GradeBand::Merit), Vec::<String>::new());
        let recall = || {
            let mut questions = sound();
            questions[6] = truefalse("D", false);
            questions
        };
        assert_eq!(messages(recall(), GradeBand::Merit).len(), 1);
        assert_eq!(messages(recall(), GradeBand::Pass), Vec::<String>::new());
    }

    #[test]
    fn too_few_questions_or_types() {
        let mut questions = sound();
        questions.drain(..2);
        assert_eq!(
            messages(questions, GradeBand::Pass),
            ["this quiz has 5 questions of 3 types"]
        );
        let two_types: Vec<Question> = sound()
            .into_iter()
            .filter(|q| !q.prompt.starts_with("Analyse"))
            .chain([truefalse("E", true), truefalse("F", false)])
            .collect();
        assert_eq!(
            messages(two_types, GradeBand::Pass),
            ["this quiz has 7 questions of 2 types"]
        );
    }
}
