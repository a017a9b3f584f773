//! The built site of the bundled course quotes the specification exactly: the learning outcome
//! titles and criteria of its grading grid, its teaching-content topics, its delivery guidance and
//! its assessment scenarios. Everything expected is read from the specification text itself
//! (the seed), not copied into this file.

use std::path::{Path, PathBuf};

use crate::common::*;

const SEED: &str = "tests/fixtures/specs/002_dd3b65dadfe97da1.txt";
const UNIT: &str = "units/unit-10";

fn seed() -> String {
    let path = repo().join(SEED);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the Unit 10 specification text {}: {e}; these tests compare the site with it",
            path.display()
        )
    })
}

/// The lines of `text` after the line `from` and before the line `to` (both must exist).
fn section<'a>(text: &'a str, from: &str, to: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    let find = |heading: &str| {
        lines
            .iter()
            .position(|l| l.trim() == heading)
            .unwrap_or_else(|| panic!("the specification has no {heading:?} heading"))
    };
    let (start, end) = (find(from), find(to));
    assert!(start < end, "{from:?} should come before {to:?}");
    lines[start + 1..end].to_vec()
}

/// Paragraphs (runs of non-blank lines), whitespace normalised. A paragraph that stops
/// mid-sentence (not ending with . ? or !) was split by the text extraction and is joined to the
/// next, unless either is a heading.
fn paragraphs(lines: &[&str], is_heading: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for block in lines.split(|l| l.trim().is_empty()) {
        if block.is_empty() {
            continue;
        }
        let text = normalise(&block.join(" "));
        let heading = is_heading(&text);
        match out.last_mut() {
            Some(last) if open && !heading => {
                last.push(' ');
                last.push_str(&text);
            }
            _ => out.push(text),
        }
        open = !heading && !out.last().unwrap().ends_with(['.', '?', '!']);
    }
    out
}

/// A criterion id as the specification writes it: capital letters then digits (P1, M2, D1).
fn is_id(s: &str) -> bool {
    let digits = s.trim_start_matches(|c: char| c.is_ascii_uppercase());
    digits.len() < s.len() && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// The number of a "Learning Outcome N …" line.
fn outcome_heading(line: &str) -> Option<u32> {
    let rest = line.trim().strip_prefix("Learning Outcome ")?;
    rest.split_whitespace().next()?.parse().ok()
}

#[derive(Debug)]
struct Criterion {
    id: String,
    text: String,
}

/// One learning outcome row of the grading grid: its criteria in the Pass, Merit and Distinction
/// columns.
#[derive(Debug)]
struct Row {
    number: u32,
    title: String,
    columns: [Vec<Criterion>; 3],
}

/// The grading grid: tab-separated cells (number, title, pass, merit, distinction); a line with
/// no number continues the row above.
fn grid(seed: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let lines = section(seed, "ASSESSMENT AND GRADING CRITERIA", "TEACHING CONTENT");
    for line in lines.iter().filter(|l| l.contains('\t')) {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cells.get(2).is_some_and(|c| c.starts_with("Pass")) {
            continue; // the column headings
        }
        if let Ok(number) = cells[0].parse() {
            rows.push(Row {
                number,
                title: normalise(cells[1]),
                columns: Default::default(),
            });
        }
        let row = rows
            .last_mut()
            .expect("a grid line before the first outcome");
        for (column, cell) in cells
            .iter()
            .skip(2)
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
        {
            let (id, text) = cell
                .split_once(' ')
                .filter(|(id, _)| is_id(id))
                .unwrap_or_else(|| panic!("grid cell {cell:?} does not start with a criterion id"));
            row.columns[column].push(Criterion {
                id: id.into(),
                text: normalise(text),
            });
        }
    }
    rows
}

/// The built full edition of the bundled course, and the parsed grid.
fn built() -> (tempfile::TempDir, PathBuf, Vec<Row>) {
    let rows = grid(&seed());
    let titles: Vec<u32> = rows.iter().map(|r| r.number).collect();
    assert_eq!(
        titles,
        [1, 2, 3, 4],
        "the grid should have 4 learning outcomes"
    );
    let ids: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.columns.iter().flatten().map(|c| c.id.as_str()))
        .collect();
    assert_eq!(ids.len(), 10, "the grid should have 10 criteria: {ids:?}");
    let (tmp, site) = build_bundled(&["--edition", "teacher"]);
    (tmp, site, rows)
}

fn outcome_page(site: &Path, number: u32) -> String {
    text_of(&page(site, &format!("{UNIT}/outcomes/{number}/index.html")))
}

#[test]
fn every_criterion_page_is_headed_by_its_id_and_exact_wording() {
    let (_tmp, site, rows) = built();
    for c in rows.iter().flat_map(|r| r.columns.iter().flatten()) {
        let rel = format!("{UNIT}/criteria/{}/index.html", c.id.to_lowercase());
        let html = page(&site, &rel);
        let h1 = elements(&html, "h1", None);
        assert_eq!(h1.len(), 1, "{rel} should have one <h1>");
        assert_eq!(text_of(h1[0]), format!("{} {}", c.id, c.text), "{rel}");
    }
}

#[test]
fn unit_grading_grid_matches_the_specification_cell_by_cell() {
    let (_tmp, site, rows) = built();
    let html = page(&site, &format!("{UNIT}/index.html"));
    let tables = elements(&html, "table", Some("grid"));
    assert_eq!(tables.len(), 1, "the unit page should have one table.grid");
    let head = elements(tables[0], "thead", None);
    let headings: Vec<String> = cells(head.first().expect("the grid has no <thead>"))
        .into_iter()
        .map(text_of)
        .collect();
    let column = |band: &str| {
        headings
            .iter()
            .position(|h| h == band)
            .unwrap_or_else(|| panic!("no {band} column in {headings:?}"))
    };
    let band_columns = [column("Pass"), column("Merit"), column("Distinction")];
    let body = elements(tables[0], "tbody", None);
    let built_rows = elements(body.first().expect("the grid has no <tbody>"), "tr", None);
    assert_eq!(
        built_rows.len(),
        rows.len(),
        "one grid row per learning outcome"
    );

    for (row, tr) in rows.iter().zip(built_rows) {
        let cells: Vec<String> = cells(tr).into_iter().map(text_of).collect();
        let named = cells[0]
            .strip_prefix(&row.number.to_string())
            .map(|rest| rest.trim_start_matches(['.', ':', ' ']))
            .unwrap_or(&cells[0]);
        assert_eq!(named, row.title, "outcome {} in the grid", row.number);
        for (expected, &at) in row.columns.iter().zip(&band_columns) {
            let cell = &cells[at];
            let ids: Vec<&str> = cell.split_whitespace().filter(|w| is_id(w)).collect();
            let want: Vec<&str> = expected.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, want, "outcome {} column {}", row.number, headings[at]);
            for c in expected {
                let wording = format!("{} {}", c.id, c.text);
                assert!(cell.contains(&wording), "{cell:?} lacks {wording:?}");
            }
        }
    }
}

#[test]
fn every_teaching_content_topic_is_on_its_outcome_page() {
    let (_tmp, site, _rows) = built();
    let seed = seed();
    let mut outcome = None;
    let mut checked = Vec::new();
    for line in section(&seed, "TEACHING CONTENT", "DELIVERY GUIDANCE") {
        if let Some(n) = outcome_heading(line) {
            outcome = Some(n);
        } else if let Some(item) = line.strip_prefix("- ") {
            let topic = normalise(item.split([':', '(']).next().unwrap())
                .trim_end_matches('.')
                .to_string();
            let n = outcome.expect("a topic before the first learning outcome heading");
            assert!(
                outcome_page(&site, n).contains(&topic),
                "learning outcome {n}'s page does not name the topic {topic:?}"
            );
            checked.push(n);
        }
    }
    checked.dedup();
    assert_eq!(
        checked,
        [1, 2, 3, 4],
        "topics found for every learning outcome"
    );
}

#[test]
fn delivery_guidance_is_quoted_on_each_outcome_page_of_the_teacher_edition() {
    let (_tmp, site, _rows) = built();
    let seed = seed();
    let lines = section(&seed, "DELIVERY GUIDANCE", "GUIDANCE ON ASSESSMENT");
    let mut outcome = None;
    let mut checked = Vec::new();
    for paragraph in paragraphs(&lines, |p| outcome_heading(p).is_some()) {
        if let Some(n) = outcome_heading(&paragraph) {
            outcome = Some(n);
            continue;
        }
        let n = outcome.expect("guidance before the first learning outcome heading");
        assert!(
            outcome_page(&site, n).contains(&paragraph),
            "learning outcome {n}'s page lacks the delivery guidance {paragraph:?}"
        );
        checked.push(n);
    }
    checked.dedup();
    assert_eq!(
        checked,
        [1, 2, 3, 4],
        "guidance found for every learning outcome"
    );
}

/// Corrections made to the specification's scenario texts: (criteria heading, wrong, right).
const REPAIRS: &[(&str, &str, &str)] = &[
    (
        "P3",
        "(including demonstration,",
        "(including presentation,",
    ),
    ("M2, D2", "M1 Task:", "M2 Task:"),
    ("M2, D2", "D1 Task:", "D2 Task:"),
];

const SCENARIO: &str = "Scenario and task:";

/// A line naming the criteria an assessment scenario covers: "P2, M1, D1".
fn criteria_heading(p: &str) -> bool {
    p.split(", ").all(is_id)
}

#[test]
fn every_assessment_scenario_is_on_the_unit_page_as_repaired() {
    let (_tmp, site, _rows) = built();
    let unit = text_of(&page(&site, &format!("{UNIT}/index.html")));
    let seed = seed();
    let lines = section(&seed, "GUIDANCE ON ASSESSMENT", "LINKS TO NOS");
    let mut heading = String::new();
    let mut applied = 0;
    let mut scenarios = 0;
    for paragraph in paragraphs(&lines, |p| criteria_heading(p) || p == SCENARIO) {
        if criteria_heading(&paragraph) {
            heading = paragraph;
            scenarios += 1;
            continue;
        }
        if paragraph == SCENARIO {
            continue;
        }
        let mut expected = paragraph;
        for (_, wrong, right) in REPAIRS.iter().filter(|(h, ..)| *h == heading) {
            if expected.contains(wrong) {
                expected = expected.replace(wrong, right);
                applied += 1;
            }
        }
        assert!(
            unit.contains(&expected),
            "the unit page lacks the {heading} scenario text {expected:?}"
        );
    }
    assert_eq!(scenarios, 5, "the specification has 5 assessment scenarios");
    assert_eq!(
        applied,
        REPAIRS.len(),
        "every repair applies to the seed text"
    );
    for rel in html_files(&site) {
        let text = text_of(&page(&site, &rel));
        for (heading, wrong, _) in REPAIRS {
            assert!(
                !text.contains(wrong),
                "{rel} still has the faulty {heading} text {wrong:?}"
            );
        }
    }
}
