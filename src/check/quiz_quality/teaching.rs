//! Rules on a question against the knowledge item its `topic` names: an option that copies the
//! item's words at length (rule 3, COPY: recognising a sentence is not understanding it), and an
//! answer that shares no content word with the item (rule 7: perhaps not taught there).

use std::collections::BTreeSet;

use super::words::{spaced_words, word_count, Stem, Words};
use super::{At, Warning};
use crate::model::{KnowledgeItem, Question, QuestionKind};

/// An option of this many words or more may not appear word for word in the knowledge item.
const COPY_WORDS: usize = 8;

/// What a knowledge item teaches, in the forms the rules compare: read once per item, since
/// many questions name the same one.
pub(super) struct Taught {
    /// Each text a learner reads (title, teach points and examples, notes) as spaced words.
    texts: Vec<String>,
    /// The content words of all of them.
    words: BTreeSet<Stem>,
}

impl Taught {
    pub fn new(item: &KnowledgeItem, words: &Words) -> Self {
        let mut texts = vec![item.title.as_str(), item.notes.text.as_str()];
        for t in &item.teach {
            texts.push(&t.point);
            texts.extend(t.examples.iter().map(String::as_str));
        }
        Taught {
            words: words.content(&texts.join(" ")),
            texts: texts.into_iter().map(spaced_words).collect(),
        }
    }
}

/// What a learner must know to answer `q`: the right options, the statement of a true-or-false
/// question, the right-hand sides of a match, the items to order, a written answer's checklist.
fn answer_texts(q: &Question) -> Vec<&str> {
    match &q.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.text.as_str())
            .collect(),
        QuestionKind::TrueFalse { .. } => vec![q.prompt.as_str()],
        QuestionKind::Match { pairs } => pairs.iter().map(|p| p.right.as_str()).collect(),
        QuestionKind::Order { items } => items.iter().map(String::as_str).collect(),
        QuestionKind::Written { checklist, .. } => checklist.iter().map(String::as_str).collect(),
    }
}

/// The warnings about question `i` against what its topic teaches.
pub(super) fn warnings(i: usize, q: &Question, topic: &Taught, words: &Words) -> Vec<Warning> {
    let mut out = copies(i, q, topic);
    out.extend(not_taught(i, q, topic, words));
    out
}

fn copies(i: usize, q: &Question, topic: &Taught) -> Vec<Warning> {
    let (QuestionKind::Single { options } | QuestionKind::Multiple { options }) = &q.kind else {
        return Vec::new();
    };
    options
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            word_count(&o.text) >= COPY_WORDS && {
                let option = spaced_words(&o.text);
                topic.texts.iter().any(|n| n.contains(&option))
            }
        })
        .map(|(j, o)| Warning {
            at: At::Option(i, j),
            message: format!(
                "this {} option copies the notes of `{}` word for word",
                if o.correct { "right" } else { "wrong" },
                q.topic
            ),
            help: "learners can spot the notes' wording without understanding it: say the same \
                   thing in other words, for example as it would apply to a real situation"
                .into(),
        })
        .collect()
}

fn not_taught(i: usize, q: &Question, topic: &Taught, words: &Words) -> Option<Warning> {
    let answer = words.content(&answer_texts(q).join(" "));
    // An answer with no content word at all (a number, "Yes") gives nothing to judge by.
    if answer.is_empty() {
        return None;
    }
    answer.is_disjoint(&topic.words).then(|| Warning {
        at: At::Question(i),
        message: format!(
            "the answer to this question shares no word with the knowledge item `{}`",
            q.topic
        ),
        help: format!(
            "check that the notes of `{}` teach this answer: add it to them, or set `topic` to \
             the knowledge item that does teach it",
            q.topic
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::quiz_quality::test_support::{item, question, single, truefalse, written};
    use crate::model::quiz::Pair;

    fn found(q: &Question, item: &KnowledgeItem) -> Vec<(At, String)> {
        let words = Words::default();
        warnings(2, q, &Taught::new(item, &words), &words)
            .into_iter()
            .map(|w| (w.at, w.message))
            .collect()
    }

    fn greetings() -> KnowledgeItem {
        item(
            "Greeting customers",
            "Greet every customer within a minute of arrival",
            "a smile and a hello",
            "## Why it matters\n\nA warm greeting tells customers that the staff have noticed them \
             and are ready to help.",
        )
    }

    #[test]
    fn an_option_copied_from_the_notes() {
        let q = single(
            "Why greet customers?",
            "Tells customers that the staff have noticed them",
            &["It speeds up the queue at the till a great deal"],
        );
        assert_eq!(
            found(&q, &greetings()),
            [(
                At::Option(2, 0),
                "this right option copies the notes of `topic` word for word".to_string()
            )]
        );
        let reworded = single(
            "Why greet customers?",
            "Customers know someone has seen them and will help",
            &["It speeds up the queue at the till a great deal"],
        );
        assert_eq!(found(&reworded, &greetings()), []);
        let short = single("Why greet customers?", "a smile and a hello", &["a frown"]);
        assert_eq!(found(&short, &greetings()), [], "fewer than 8 words");
    }

    #[test]
    fn an_answer_the_topic_does_not_teach() {
        let q = single(
            "What should staff do first?",
            "Check the fire exits",
            &["Greet them"],
        );
        assert_eq!(
            found(&q, &greetings()),
            [(
                At::Question(2),
                "the answer to this question shares no word with the knowledge item `topic`"
                    .to_string()
            )]
        );
        let taught = single("What should staff do first?", "Smile", &["Check the exits"]);
        assert_eq!(
            found(&taught, &greetings()),
            [],
            "from an example: {taught:?}"
        );
        let by_notes = truefalse("A greeting shows you are ready to help.", true);
        assert_eq!(found(&by_notes, &greetings()), []);
        let unchecked = written("Describe a greeting.", &["Mentions the fire drill"]);
        assert_eq!(found(&unchecked, &greetings()).len(), 1);
        let numbers = single("How many minutes?", "1", &["5"]);
        assert_eq!(found(&numbers, &greetings()), [], "nothing to judge by");
    }

    #[test]
    fn a_match_is_judged_by_its_right_hand_sides() {
        let pairs = |right: &str| QuestionKind::Match {
            pairs: vec![Pair {
                left: "Greeting".into(),
                right: right.into(),
            }],
        };
        let q = question("Match them.", pairs("Refund policy"));
        assert_eq!(found(&q, &greetings()).len(), 1);
        let q = question("Match them.", pairs("Noticed them"));
        assert_eq!(found(&q, &greetings()), []);
    }
}
