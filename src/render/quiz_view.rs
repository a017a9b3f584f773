//! The quiz as a template sees it. Match answers and ordering items are listed alphabetically,
//! so their order on screen does not hint at the answer; the quiz script shuffles them on every
//! attempt. (The answers themselves are in the page, for the no-JavaScript disclosure: a
//! self-check quiz keeps nothing secret.)

use serde::Serialize;

use super::views::Here;
use crate::model::{Question, QuestionKind, Quiz, Unit};
use crate::routes::Route;

#[derive(Serialize)]
pub struct QuizView<'a> {
    /// Identifies the quiz in saved progress: `unit-slug/criterion-id`.
    pub key: String,
    pub questions: Vec<QuestionView<'a>>,
    pub kinds: usize,
}

#[derive(Serialize)]
pub struct QuestionView<'a> {
    pub q: &'a Question,
    pub label: &'static str,
    pub topic_title: &'a str,
    pub topic_url: String,
    /// For match questions: every right-hand item, sorted.
    pub choices: Vec<&'a str>,
    /// For ordering questions: (item, its right position from 1), sorted by item.
    pub order_items: Vec<(&'a str, usize)>,
}

pub fn quiz_view<'a>(here: &Here, u: &'a Unit, quiz: &'a Quiz) -> QuizView<'a> {
    let questions = quiz
        .questions
        .iter()
        .map(|q| {
            let topic = u.knowledge_item(&q.topic);
            let mut topic_url = topic.map_or_else(String::new, |k| {
                here.url(&Route::Knowledge(&u.slug, &k.slug).path())
            });
            if let Some(h) = &q.heading {
                topic_url = format!("{topic_url}#{h}");
            }
            let mut choices = Vec::new();
            let mut order_items = Vec::new();
            match &q.kind {
                QuestionKind::Match { pairs } => {
                    choices = pairs.iter().map(|p| p.right.as_str()).collect();
                    choices.sort_unstable();
                }
                QuestionKind::Order { items } => {
                    order_items = items
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (s.as_str(), i + 1))
                        .collect();
                    order_items.sort_unstable();
                }
                _ => {}
            }
            QuestionView {
                q,
                label: q.kind.label(),
                topic_title: topic.map_or("", |k| k.title.as_str()),
                topic_url,
                choices,
                order_items,
            }
        })
        .collect();
    let mut kinds: Vec<&str> = quiz.questions.iter().map(|q| q.kind.label()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    QuizView {
        key: format!("{}/{}", u.slug, quiz.criterion),
        questions,
        kinds: kinds.len(),
    }
}
