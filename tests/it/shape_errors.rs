//! Every wrong value of the keys that describe a unit's shape (what it calls its outcomes, its
//! facts, criteria of several outcomes, topic codes, a stated grid, mark bands, totals and grade
//! boundaries, outcome files) gets an error at its file, line and column that says what is
//! allowed, and `build` stops on it too.

use std::fs;

use crate::common::*;

/// One mistake made in a copy of the shapes fixture.
struct Case {
    edits: &'static [Edit<'static>],
    /// The file the error is in, under content/.
    file: &'static str,
    /// Text of the edited file the error points at the start of; it occurs there once.
    at: &'static str,
    message: &'static [&'static str],
    help: &'static str,
}

fn assert_reported(case: &Case) {
    let tmp = copy_of("shapes", case.edits);
    let content = tmp.path().join("content");
    let run = unitpress(&["check", "--format", "json"], &content, &[]);
    let report: serde_json::Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.show()));
    let edited = fs::read_to_string(content.join(case.file)).unwrap();
    assert_eq!(
        edited.matches(case.at).count(),
        1,
        "{}: {:?} should occur once",
        case.file,
        case.at
    );
    let (line, column) = line_col(&edited, edited.find(case.at).unwrap());
    let file = content.join(case.file).display().to_string();
    let found = report["diagnostics"].as_array().unwrap().iter().find(|d| {
        d["file"] == file.as_str()
            && d["line"] == line
            && d["column"] == column
            && d["severity"] == "error"
            && case
                .message
                .iter()
                .all(|m| d["message"].as_str().unwrap().contains(m))
    });
    let Some(found) = found else {
        panic!(
            "no error {:?} at {}:{line}:{column}\n{report:#}",
            case.message, case.file
        )
    };
    let help = found["help"].as_str().unwrap_or("");
    assert!(
        help.contains(case.help),
        "{help:?} should mention {:?}",
        case.help
    );
    assert_eq!(run.code, Some(1), "{}", run.show());
    let built = build(&content, &tmp.path().join("out"), &[]);
    assert_eq!(built.code, Some(1), "build stops too\n{}", built.show());
    assert!(
        built.stderr.contains(found["message"].as_str().unwrap()),
        "{}",
        built.show()
    );
}

const AIMS: &str = "units/unit-3/unit.md";
const AIMS_CRITERIA: &str = "units/unit-3/criteria.toml";
const GRID: &str = "units/unit-8/criteria.toml";
const MARKS: &str = "units/r200/unit.md";
const MARKS_CRITERIA: &str = "units/r200/criteria.toml";

#[test]
fn wrong_unit_facts_say_what_each_fact_may_be() {
    for case in [
        Case {
            edits: &[(AIMS, "\"learning aim\"", "\"learning aims\"")],
            file: AIMS,
            at: "\"learning aims\"",
            message: &["`learning aims` is not a value `outcome_term` can have"],
            help: "did you mean `learning aim`?",
        },
        Case {
            edits: &[(AIMS, "\"mandatory\"", "\"compulsory\"")],
            file: AIMS,
            at: "\"compulsory\"",
            message: &["`compulsory` is not a value `unit_type` can have"],
            help: "mandatory, optional, not stated, does not apply",
        },
        Case {
            edits: &[(AIMS, "assessment = \"internal\"", "assessment = [\"internal\", \"online\"]")],
            file: AIMS,
            at: "[\"internal\", \"online\"]",
            message: &["`assessment` is \"internal\", \"external\" or \"synoptic\", a list of them"],
            help: "write `assessment = [\"internal\", \"synoptic\"]`",
        },
        Case {
            edits: &[(AIMS, "credit_value = \"does not apply\"", "credit_value = \"ten\"")],
            file: AIMS,
            at: "\"ten\"",
            message: &["`credit_value` is a whole number, \"not stated\" or \"does not apply\", and text (\"ten\") is not"],
            help: "write `credit_value = 10`",
        },
        Case {
            edits: &[(AIMS, "guided_learning_hours = 60", "guided_learning_hours = 6.5")],
            file: AIMS,
            at: "6.5",
            message: &["`guided_learning_hours` is a whole number, \"not stated\" or \"does not apply\", but here it is 6.5"],
            help: "write `guided_learning_hours = 10`",
        },
        Case {
            edits: &[("units/unit-8/unit.md", "synoptic = \"not stated\"", "synoptic = 3")],
            file: "units/unit-8/unit.md",
            at: "3\norder",
            message: &["`synoptic` is text in quotes, \"not stated\" or \"does not apply\""],
            help: "write `synoptic = \"…\"`",
        },
        Case {
            edits: &[(AIMS, "unit = \"unit-8\"", "unit = \"unit-88\"")],
            file: AIMS,
            at: "\"unit-88\"",
            message: &["there is no unit `unit-88` in the course"],
            help: "did you mean \"unit-8\"?",
        },
        Case {
            edits: &[(AIMS, "unit = \"unit-8\"\n", "unit = \"unit-8\"\ntitle = \"Unit 8\"\n")],
            file: AIMS,
            at: "[[linked_unit]]\nunit",
            message: &["either a unit of this course or one outside it, not both"],
            help: "title = \"…\" for one outside it",
        },
        Case {
            edits: &[("site.toml", "language = \"en-GB\"\n", "language = \"en-GB\"\noutcome_term = \"aims\"\n")],
            file: "site.toml",
            at: "\"aims\"",
            message: &["`aims` is not a value `outcome_term` can have"],
            help: "learning outcome, learning aim, element, section, topic area, task",
        },
        Case {
            edits: &[(MARKS, "grading = \"marks\"", "grading = \"mark\"")],
            file: MARKS,
            at: "\"mark\"",
            message: &["`mark` is not a value `grading` can have"],
            help: "did you mean `marks`?",
        },
    ] {
        assert_reported(&case);
    }
}

#[test]
fn wrong_outcomes_of_a_criterion_or_topic_name_the_units_outcomes() {
    for case in [
        Case {
            edits: &[(
                AIMS_CRITERIA,
                "outcome = \"A\"\ntext = \"Describe",
                "outcome = \"C\"\ntext = \"Describe",
            )],
            file: AIMS_CRITERIA,
            at: "\"C\"",
            message: &["there is no learning aim C"],
            help: "use one of A, B, or add outcomes/C.md",
        },
        Case {
            edits: &[(AIMS_CRITERIA, "outcomes = [\"A\", \"B\"]", "outcomes = []")],
            file: AIMS_CRITERIA,
            at: "[]",
            message: &["criterion `AB.D1` is in no learning aim"],
            help: "outcomes = [\"A\", \"B\"]",
        },
        Case {
            edits: &[(
                AIMS_CRITERIA,
                "outcomes = [\"A\", \"B\"]",
                "outcomes = [\"A\", \"A \"]",
            )],
            file: AIMS_CRITERIA,
            at: "\"A \"",
            message: &["there is no learning aim A "],
            help: "use one of A, B",
        },
        Case {
            edits: &[(
                AIMS_CRITERIA,
                "outcomes = [\"A\", \"B\"]",
                "outcomes = [\"B\", \"B\"]",
            )],
            file: AIMS_CRITERIA,
            at: "\"B\"]",
            message: &["learning aim B is listed twice"],
            help: "list each outcome once",
        },
        Case {
            edits: &[(
                AIMS_CRITERIA,
                "outcomes = [\"A\", \"B\"]",
                "outcome = \"A\"\noutcomes = [\"A\", \"B\"]",
            )],
            file: AIMS_CRITERIA,
            at: "[\"A\", \"B\"]",
            message: &["`outcome` and `outcomes` are both given"],
            help: "not both",
        },
        Case {
            edits: &[(
                AIMS_CRITERIA,
                "outcome = \"A\"\ntext = \"Describe",
                "outcome = true\ntext = \"Describe",
            )],
            file: AIMS_CRITERIA,
            at: "true",
            message: &[
                "`outcome` is an outcome's id: a number, or text in quotes, but here it is true",
            ],
            help: "write `outcome = \"A\"`",
        },
        Case {
            edits: &[(
                AIMS_CRITERIA,
                "outcome = \"A\"\ntext = \"Analyse",
                "text = \"Analyse",
            )],
            file: AIMS_CRITERIA,
            at: "\"A.M1\"",
            message: &["criterion `A.M1` does not say which learning aim it belongs to"],
            help: "add `outcome = 1`",
        },
        Case {
            edits: &[(AIMS_CRITERIA, "id = \"A.P1\"", "id = \"A/P1\"")],
            file: AIMS_CRITERIA,
            at: "\"A/P1\"",
            message: &["`A/P1` cannot be a criterion id"],
            help: "P1, A.P1, AB.D1, 1.1, K3, S1 or B1",
        },
        Case {
            edits: &[(
                "units/ops-standard/criteria.toml",
                "kind = \"skill\"",
                "kind = \"skills\"",
            )],
            file: "units/ops-standard/criteria.toml",
            at: "\"skills\"",
            message: &["`skills` is not a value `kind` can have"],
            help: "did you mean `skill`?",
        },
        Case {
            edits: &[(
                "units/unit-3/knowledge/knowing-the-audience.md",
                "outcome = \"A\"",
                "outcome = \"Z\"",
            )],
            file: "units/unit-3/knowledge/knowing-the-audience.md",
            at: "\"Z\"",
            message: &["there is no learning aim Z"],
            help: "use one of A, B",
        },
        Case {
            edits: &[(
                "units/unit-3/knowledge/knowing-the-audience.md",
                "code = \"A2\"",
                "code = \"A 2\"",
            )],
            file: "units/unit-3/knowledge/knowing-the-audience.md",
            at: "\"A 2\"",
            message: &["`A 2` cannot be a topic code"],
            help: "code = \"A1\"",
        },
        // Reported at the second of the two in file order.
        Case {
            edits: &[(
                "units/unit-3/knowledge/knowing-the-audience.md",
                "code = \"A2\"",
                "code = \"A1\"",
            )],
            file: "units/unit-3/knowledge/purposes-of-community-events.md",
            at: "\"A1\"",
            message: &["the topic code `A1` is used twice"],
            help: "knowledge/knowing-the-audience.md has it already",
        },
    ] {
        assert_reported(&case);
    }
}

#[test]
fn a_stated_grid_that_does_not_fit_its_criteria_says_where_and_why() {
    for case in [
        Case {
            edits: &[(GRID, "pass = [\"P3\"]\nmerit = \"above\"", "pass = [\"P3\"]\nmerit = \"abov\"")],
            file: GRID,
            at: "\"abov\"",
            message: &["`merit` is a list of criterion ids, [] for an empty cell, or \"above\""],
            help: "write `merit = [\"P1\", \"P2\"]`",
        },
        Case {
            edits: &[(GRID, "merit = [\"M1\"]", "merit = \"above\"")],
            file: GRID,
            at: "\"above\"\ndistinction = [\"D1\"]",
            message: &["there is no cell above this one"],
            help: "the row before, in the same column",
        },
        Case {
            edits: &[
                (GRID, "pass = [\"P4\"]", "pass = []"),
                (GRID, "distinction = []", "distinction = [\"P4\"]"),
            ],
            file: GRID,
            at: "\"P4\"]",
            message: &["P4 is a pass criterion, but it is in the distinction column"],
            help: "move it to the row's pass cell",
        },
        Case {
            edits: &[(GRID, "pass = [\"P4\"]", "pass = []")],
            file: GRID,
            at: "\"P4\"\nband",
            message: &["criterion P4 is in no cell of the stated grid"],
            help: "remove [grid]",
        },
        Case {
            edits: &[(GRID, "pass = [\"P3\"]", "pass = [\"P3\", \"P1\"]")],
            file: GRID,
            at: "\"P1\"]",
            message: &["criterion P1 is in the grid twice"],
            help: "put each criterion in one cell",
        },
        Case {
            edits: &[(GRID, "pass = [\"P4\"]", "criteria = [\"P4\"]")],
            file: GRID,
            at: "[\"P4\"]",
            message: &["a graded unit's grid has pass, merit and distinction cells"],
            help: "pass = […]",
        },
        Case {
            edits: &[(GRID, "outcome = 2\npass", "outcome = 3\npass")],
            file: GRID,
            at: "3\npass",
            message: &["there is no learning outcome 3"],
            help: "use one of 1, 2",
        },
        Case {
            edits: &[(GRID, "pass = [\"P4\"]\nmerit = \"above\"", "pass = [\"P4\"]\nmerit = []")],
            file: GRID,
            at: "\"M1\"]",
            message: &["M1 belongs to learning outcomes 1 and 2, but its cell is in the rows of learning outcome 1"],
            help: "reaching the rows below with \"above\"",
        },
        Case {
            edits: &[(GRID, "distinction = []", "distinktion = []")],
            file: GRID,
            at: "distinktion",
            message: &["`distinktion` is not a key this file can have"],
            help: "did you mean `distinction`?",
        },
    ] {
        assert_reported(&case);
    }
}

#[test]
fn wrong_mark_bands_totals_and_grade_boundaries_say_what_they_should_be() {
    for case in [
        Case {
            edits: &[(MARKS_CRITERIA, "marks = [3, 4]", "marks = [4, 4]")],
            file: MARKS_CRITERIA,
            at: "[4, 4]",
            message: &["mark band 2 starts at 4, but mark band 1 ends at 2"],
            help: "this one starts at 3",
        },
        Case {
            edits: &[(MARKS_CRITERIA, "max = 6", "max = 7")],
            file: MARKS_CRITERIA,
            at: "7\n",
            message: &["`max` is 7, but the highest mark band of `1a` ends at 6"],
            help: "write max = 6",
        },
        Case {
            edits: &[(MARKS_CRITERIA, "marks = [1, 3]", "marks = [3, 1]")],
            file: MARKS_CRITERIA,
            at: "[3, 1]",
            message: &["`marks` is the band's lowest and highest mark, lowest first"],
            help: "write `marks = [4, 6]`",
        },
        Case {
            edits: &[(MARKS_CRITERIA, "id = \"2a\"\noutcome = 2", "id = \"2a\"\nband = \"pass\"\noutcome = 2")],
            file: MARKS_CRITERIA,
            at: "\"pass\"",
            message: &["a marked unit's criteria are marked in mark bands"],
            help: "remove `band`",
        },
        Case {
            edits: &[(MARKS, "total_marks = 15", "total_marks = 16")],
            file: MARKS,
            at: "16",
            message: &["`total_marks` is 16, but the marking criteria add up to 15"],
            help: "correct total_marks",
        },
        Case {
            edits: &[(MARKS, "marks = 8", "marks = 3")],
            file: MARKS,
            at: "3\n\n[[grade_boundary]]\ngrade = \"Level 2 Distinction\"",
            message: &["the boundary of Level 2 Pass (3 marks) is not above that of Level 1 Pass (4 marks)"],
            help: "lowest first",
        },
        Case {
            edits: &[(MARKS, "marks = 13", "marks = 16")],
            file: MARKS,
            at: "16",
            message: &["the boundary of Level 2 Distinction (16 marks) is above the unit's 15 marks"],
            help: "at most the unit's total",
        },
        Case {
            edits: &[(MARKS, "grade = \"Level 2 Pass\"", "grade = \"Level 1 Pass\"")],
            file: MARKS,
            at: "\"Level 1 Pass\"\nmarks = 8",
            message: &["the grade `Level 1 Pass` has two boundaries"],
            help: "one boundary",
        },
        Case {
            edits: &[("units/b2/unit.md", "grading = \"competence\"", "grading = \"marks\"")],
            file: "units/b2/criteria.toml",
            at: "\"1.1\"",
            message: &["marking criterion `1.1` has no mark bands"],
            help: "[[criterion.mark_band]]",
        },
        Case {
            edits: &[("units/unit-8/unit.md", "order = 2", "order = 2\ntotal_marks = 10")],
            file: "units/unit-8/unit.md",
            at: "10",
            message: &["only a marked unit has total marks"],
            help: "set grading = \"marks\"",
        },
        Case {
            edits: &[(GRID, "outcome = 1\ntext = \"Identify", "outcome = 1\nmax = 4\ntext = \"Identify")],
            file: GRID,
            at: "4\n",
            message: &["only a marked unit's criteria have most marks"],
            help: "remove `max`",
        },
    ] {
        assert_reported(&case);
    }
}

#[test]
fn an_outcome_file_not_named_by_an_id_or_named_twice_is_refused() {
    for (extra, message) in [
        ("A_1.md", "`A_1.md` is not named by an outcome's id"),
        ("a.md", "`a.md` and `A.md` would have one address"),
        ("01.md", "`01.md` is not named by a learning outcome number"),
    ] {
        let tmp = copy_of("shapes", &[]);
        let outcomes = tmp.path().join("content/units/unit-3/outcomes");
        fs::copy(outcomes.join("A.md"), outcomes.join(extra)).unwrap();
        let run = unitpress(&["check"], &tmp.path().join("content"), &[]);
        assert_eq!(run.code, Some(1), "{}", run.show());
        assert!(run.stdout.contains(message), "{message}\n{}", run.show());
        assert!(
            run.stdout.contains(extra),
            "the file is named\n{}",
            run.show()
        );
    }
}
