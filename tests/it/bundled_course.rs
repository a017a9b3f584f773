//! Checks of the bundled course's content through the library: what a teacher would count.

use std::collections::HashSet;
use std::path::Path;

use unitpress::model::{Course, GradeBand, QuestionKind, Unit};

fn unit_10(course: &Course) -> &Unit {
    course
        .units
        .iter()
        .find(|u| u.slug == "unit-10")
        .expect("the bundled course has unit-10")
}

fn bundled() -> Course {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    unitpress::site::load_course(&content).unwrap_or_else(|errors| {
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the bundled course does not load:\n{}", shown.join("\n"))
    })
}

#[test]
fn unit_10_has_4_outcomes_and_the_10_graded_criteria() {
    let course = bundled();
    let unit = unit_10(&course);
    assert_eq!(unit.outcomes.len(), 4);
    let ids: Vec<&str> = unit.criteria.iter().map(|c| c.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        ["D1", "D2", "M1", "M2", "P1", "P2", "P3", "P4", "P5", "P6"]
    );
    for c in &unit.criteria {
        let expected = match &c.id[..1] {
            "P" => GradeBand::Pass,
            "M" => GradeBand::Merit,
            _ => GradeBand::Distinction,
        };
        assert_eq!(c.band, Some(expected), "{}", c.id);
    }
}

#[test]
fn every_unit_10_criterion_has_a_quiz_of_at_least_6_questions_and_3_types() {
    let course = bundled();
    let unit = unit_10(&course);
    for c in &unit.criteria {
        let quiz = unit
            .quiz(&c.id)
            .unwrap_or_else(|| panic!("{} has no quiz", c.id));
        let kinds: HashSet<&str> = quiz.questions.iter().map(|q| q.kind.label()).collect();
        assert!(
            quiz.questions.len() >= 6,
            "{}: {} questions",
            c.id,
            quiz.questions.len()
        );
        assert!(kinds.len() >= 3, "{}: {} question types", c.id, kinds.len());
    }
}

#[test]
fn merit_and_distinction_quizzes_ask_for_written_answers() {
    let course = bundled();
    let unit = unit_10(&course);
    for c in unit
        .criteria
        .iter()
        .filter(|c| c.band != Some(GradeBand::Pass))
    {
        let quiz = unit.quiz(&c.id).expect("quiz");
        let written = quiz
            .questions
            .iter()
            .filter(|q| matches!(q.kind, QuestionKind::Written { .. }))
            .count();
        assert!(written >= 2, "{} has {written} written questions", c.id);
    }
}
