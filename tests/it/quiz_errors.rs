//! Malformed quizzes stop the build with a positioned error and leave the previous site as it
//! was: one fixture per fault, each a copy of the minimal site with one edit to its quiz.

use crate::common::faults::*;

const QUIZ: &str = "units/demo-unit/quizzes/p1.toml";

#[test]
fn single_choice_with_two_correct_options_is_rejected() {
    assert_rejected(Fault {
        edit: (
            QUIZ,
            "text = \"The close\"\ncorrect = false",
            "text = \"The close\"\ncorrect = true",
        ),
        spot: Spot::At(9, 1),
        message: &["exactly one correct option", "has 2"],
        help: "correct = true on one option only",
    });
}

#[test]
fn question_with_no_options_is_rejected() {
    assert_rejected(Fault {
        edit: (
            QUIZ,
            "[[question.option]]\ntext = \"The opening\"\ncorrect = true\nfeedback = \"Yes: a demo starts with its opening.\"\n\n[[question.option]]\ntext = \"The close\"\ncorrect = false\nfeedback = \"No: the close comes last.\"\n",
            "",
        ),
        spot: Spot::At(4, 6),
        message: &["no options"],
        help: "[[question.option]]",
    });
}

#[test]
fn match_pair_without_a_right_hand_item_is_rejected() {
    assert_rejected(Fault {
        edit: (
            QUIZ,
            "left = \"Close\"\nright = \"Sum up\"",
            "left = \"Close\"",
        ),
        // The pair's own table header.
        spot: Spot::At(30, 1),
        message: &["no right-hand item"],
        help: "both left",
    });
}

#[test]
fn quiz_for_a_missing_criterion_is_rejected() {
    assert_rejected(Fault {
        edit: (QUIZ, "criterion = \"P1\"", "criterion = \"P7\""),
        spot: Spot::InEdit("\"P7\""),
        message: &["`P7`", "does not have"],
        help: "criteria.toml",
    });
}

#[test]
fn duplicate_question_ids_are_rejected() {
    assert_rejected(Fault {
        edit: (QUIZ, "id = \"parts-match\"", "id = \"first-part\""),
        spot: Spot::InEdit("\"first-part\""),
        message: &["`first-part` is used twice"],
        help: "line 4",
    });
}

#[test]
fn question_testing_an_unknown_topic_is_rejected() {
    assert_rejected(Fault {
        edit: (
            QUIZ,
            "topic = \"demo-parts\"\nexplanation",
            "topic = \"demo-partz\"\nexplanation",
        ),
        spot: Spot::InEdit("\"demo-partz\""),
        message: &["no knowledge item `demo-partz`"],
        help: "knowledge/",
    });
}
