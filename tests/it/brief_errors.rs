//! The brief coverage rule of graded units: every criterion covered by exactly one assignment
//! brief. Each fault stops the build with a positioned error and leaves the previous site.

use crate::common::faults::*;

#[test]
fn criterion_covered_by_no_brief_is_rejected() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/criteria.toml",
            "text = \"Evaluate a demo against its aim\"\n",
            "text = \"Evaluate a demo against its aim\"\n\n[[criterion]]\nid = \"P2\"\nband = \"pass\"\noutcome = 1\ntext = \"Describe a demo you have seen\"\n",
        ),
        spot: Spot::InEdit("\"P2\""),
        message: &["P2 is covered by no assignment brief"],
        help: "briefs/",
    });
}

#[test]
fn criterion_covered_by_two_briefs_is_rejected() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/briefs/demo-report.md",
            "criteria = [\"P1\"]\nevidence",
            "criteria = [\"P1\", \"M1\"]\nevidence",
        ),
        spot: Spot::InEdit("\"M1\""),
        message: &["M1 is covered by two briefs", "demo-judgement.md"],
        help: "exactly one brief",
    });
}

#[test]
fn brief_naming_an_unknown_scenario_is_rejected() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/briefs/demo-report.md",
            "scenario = \"demo-report\"",
            "scenario = \"demo-reprot\"",
        ),
        spot: Spot::InEdit("\"demo-reprot\""),
        message: &["no assessment scenario `demo-reprot`"],
        help: "assessment/",
    });
}

#[test]
fn misspelt_key_in_a_brief_points_at_the_key() {
    assert_rejected(Fault {
        edit: (
            "units/demo-unit/briefs/demo-report.md",
            "evidence = [\"A short written report\"]",
            "evidence = [\"A short written report\"]\nasessor = \"A. Teacher\"",
        ),
        spot: Spot::InEdit("asessor"),
        message: &["`asessor` is not a key this file can have"],
        help: "did you mean `assessor`?",
    });
}
