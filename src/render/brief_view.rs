//! An assignment brief as a template sees it: the unit's facts, the outcomes and criteria it
//! covers with their exact wording and command verbs, and its tasks with linked criteria.

use serde::Serialize;

use super::views::{criteria_refs, outcome_ref, verb_asks, CriterionRef, Here, OutcomeRef};
use crate::load::values::capitalised;
use crate::markdown::Markdown;
use crate::model::{AssignmentBrief, Course, Unit};
use crate::routes::Route;

#[derive(Serialize)]
pub struct BriefView<'a> {
    pub brief: &'a AssignmentBrief,
    pub url: String,
    /// "Learning outcomes", "Learning aim".
    pub outcomes_heading: String,
    /// Those of its criteria, in the unit's order.
    pub outcomes: Vec<OutcomeRef<'a>>,
    pub criteria: Vec<CriterionRef<'a>>,
    pub tasks: Vec<TaskView<'a>>,
    /// Each command verb the criteria use, once, with what it asks.
    pub verbs: Vec<(&'a str, &'a str)>,
}

#[derive(Serialize)]
pub struct TaskView<'a> {
    pub title: &'a str,
    pub criteria: Vec<CriterionRef<'a>>,
    pub text: &'a Markdown,
}

pub fn brief_view<'a>(
    here: &Here,
    course: &'a Course,
    u: &'a Unit,
    b: &'a AssignmentBrief,
) -> BriefView<'a> {
    let criteria = criteria_refs(here, u, &b.criteria);
    let mut outcomes = Vec::new();
    let mut verbs: Vec<(&str, &str)> = Vec::new();
    for c in u.criteria.iter().filter(|c| b.criteria.contains(&c.id)) {
        for o in u.outcomes_of(c) {
            if !outcomes.iter().any(|r: &OutcomeRef| r.id == o.id) {
                outcomes.push(outcome_ref(here, u, o));
            }
        }
        if let Some(asks) = verb_asks(course, c) {
            if !verbs.iter().any(|(w, _)| *w == c.verb) {
                verbs.push((&c.verb, asks));
            }
        }
    }
    // In the unit's order, which is the order of its outcomes.
    outcomes.sort_by_key(|r| u.outcomes.iter().position(|o| o.id == r.id));
    let term = u.facts.outcome_term;
    let heading = match outcomes.len() {
        1 => term.singular().to_string(),
        _ => term.plural(),
    };
    BriefView {
        brief: b,
        url: here.url(&Route::Brief(&u.slug, &b.slug).path()),
        outcomes_heading: capitalised(&heading),
        outcomes,
        criteria,
        tasks: b
            .tasks
            .iter()
            .map(|t| TaskView {
                title: &t.title,
                criteria: criteria_refs(here, u, &t.criteria),
                text: &t.text,
            })
            .collect(),
        verbs,
    }
}
