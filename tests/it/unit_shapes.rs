//! The fixture course of tests/fixtures/shapes, one unit of each common shape: it checks clean,
//! and its pages show each shape as the specification has it: the grid cell by cell (a
//! criterion of two learning aims in one cell across their rows, a stated grid with shared
//! cells), the pages and briefs of a criterion of several outcomes, the word each unit uses for
//! its outcomes, topic codes, unit facts, and every form of criterion id in its address.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;

fn content() -> PathBuf {
    fixture("shapes")
}

/// The teacher edition of the fixture, built once for the whole test binary.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, site) = SITE.get_or_init(|| {
        let tmp = tempfile::Builder::new()
            .prefix("shapes-site-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap();
        let out = tmp.path().join("site");
        build_ok(&content(), &out, &["--edition", "teacher"]);
        (tmp, out)
    });
    site
}

fn text(rel: &str) -> String {
    text_of(&page(site(), rel))
}

/// One cell of a built grid: th or td, the rows it reaches over, and the criterion ids in it
/// (for an outcome's cell, its text).
#[derive(Debug, PartialEq, Eq)]
struct Cell {
    tag: &'static str,
    rows: usize,
    content: String,
}

fn th(rows: usize, content: &str) -> Cell {
    Cell {
        tag: "th",
        rows,
        content: content.into(),
    }
}

fn td(rows: usize, ids: &str) -> Cell {
    Cell {
        tag: "td",
        rows,
        content: ids.into(),
    }
}

/// The body rows of the unit page's grid, each as its cells.
fn grid(unit: &str) -> Vec<Vec<Cell>> {
    let html = page(site(), &format!("units/{unit}/index.html"));
    let table = elements(&html, "table", Some("grid"));
    assert_eq!(table.len(), 1, "{unit}: one grid");
    let body = elements(table[0], "tbody", None);
    elements(body[0], "tr", None)
        .into_iter()
        .map(|tr| {
            let mut cells = Vec::new();
            let mut rest = tr;
            while let Some(at) = rest.find(['<']) {
                rest = &rest[at..];
                let tag = if rest.starts_with("<th") {
                    "th"
                } else if rest.starts_with("<td") {
                    "td"
                } else {
                    rest = &rest[1..];
                    continue;
                };
                let head_end = rest.find('>').unwrap();
                let head = &rest[..head_end];
                let rows = head
                    .split("rowspan=\"")
                    .nth(1)
                    .map_or(1, |r| r.split('"').next().unwrap().parse().unwrap());
                let close = format!("</{tag}>");
                let end = rest.find(&close).unwrap();
                let inner = &rest[head_end + 1..end];
                let content = if tag == "th" {
                    text_of(inner)
                } else {
                    elements(inner, "span", Some("criterion-id"))
                        .into_iter()
                        .map(text_of)
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                cells.push(Cell { tag, rows, content });
                rest = &rest[end + close.len()..];
            }
            cells
        })
        .collect()
}

#[test]
fn every_unit_of_the_fixture_checks_clean_even_with_warnings_denied() {
    let run = unitpress(
        &["check", "--deny-warnings", "--format", "json"],
        &content(),
        &[],
    );
    assert_eq!(run.code, Some(0), "{}", run.show());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
    assert_eq!(report["warnings"], 0, "{report:#}");
    for unit in ["unit-3", "unit-8", "b2", "ops-standard", "r200"] {
        assert!(site().join(format!("units/{unit}/index.html")).is_file());
    }
}

#[test]
fn a_criterion_of_two_learning_aims_fills_one_cell_across_both_rows() {
    assert_eq!(
        grid("unit-3"),
        [
            vec![
                th(1, "A Examine the purpose and audience of a community event"),
                td(1, "A.P1"),
                td(1, "A.M1"),
                td(2, "AB.D1"),
            ],
            vec![
                th(1, "B Prepare a workable plan for a community event"),
                td(1, "B.P2"),
                td(1, ""),
            ],
        ]
    );
    let unit = text("units/unit-3/index.html");
    assert!(
        unit.contains("Learning aim Pass Merit Distinction"),
        "{unit}"
    );
}

#[test]
fn a_stated_grid_keeps_the_specifications_shared_and_lined_up_cells() {
    assert_eq!(
        grid("unit-8"),
        [
            vec![
                th(2, "1. Understand the costs of a small project"),
                td(1, "P1 P2"),
                td(3, "M1"),
                td(2, "D1"),
            ],
            vec![td(1, "P3")],
            vec![
                th(1, "2. Be able to monitor a project budget"),
                td(1, "P4"),
                td(1, ""),
            ],
        ]
    );
}

#[test]
fn a_marked_units_grid_shows_each_marking_criterion_in_its_mark_bands() {
    let rows = grid("r200");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], th(1, "1. Research the client's needs"));
    assert_eq!(rows[0][1], td(1, "1a"));
    let unit = text("units/r200/index.html");
    for band in ["Mark band 1", "1–2 marks", "5–6 marks", "7–9 marks"] {
        assert!(unit.contains(band), "{band}: {unit}");
    }
    assert!(
        unit.contains("Assessment Marked: out of 15 marks"),
        "{unit}"
    );
}

#[test]
fn the_page_of_a_criterion_of_two_outcomes_names_both_and_teaches_from_both() {
    let d1 = page(site(), "units/unit-3/criteria/ab-d1/index.html");
    let shown = text_of(&d1);
    assert!(
        shown.contains(
            "Learning aims A Examine the purpose and audience of a community event; \
             B Prepare a workable plan for a community event"
        ),
        "{shown}"
    );
    // No topic names AB.D1, so it draws on every topic of both aims.
    let needed = elements(&d1, "ul", Some("knowledge-list"));
    let topics = text_of(needed[0]);
    for topic in [
        "Purposes of community events",
        "Knowing the audience",
        "Tasks and timelines",
        "Resources and budgets",
    ] {
        assert!(topics.contains(topic), "{topic} missing from {topics}");
    }
    assert!(
        shown.contains("AB.D1 draws on learning aims A and B: their teaching content is on the pages of learning aim A and learning aim B."),
        "{shown}"
    );
    assert!(!shown.contains("this outcome"), "{shown}");
    // Under neither aim in the breadcrumbs; listed on each aim's page.
    let crumbs = text_of(elements(&d1, "nav", Some("breadcrumbs"))[0]);
    assert_eq!(crumbs, "Home Unit 3 AB.D1");
    for aim in ["a", "b"] {
        let outcome = text(&format!("units/unit-3/outcomes/{aim}/index.html"));
        assert!(
            outcome.contains("AB.D1 Evaluate how well"),
            "{aim}: {outcome}"
        );
        assert!(
            outcome.contains("Assessment criteria for this learning aim"),
            "{outcome}"
        );
    }

    let m1_html = page(site(), "units/unit-8/criteria/m1/index.html");
    let m1 = text_of(&m1_html);
    assert!(
        m1.contains("Learning outcomes 1. Understand the costs of a small project; 2. Be able to monitor a project budget"),
        "{m1}"
    );
    // M1 is named by topics of both outcomes: those, and no others, are what it needs.
    let needed = text_of(elements(&m1_html, "ul", Some("knowledge-list"))[0]);
    assert_eq!(needed, "Contingency planning Monitoring a budget");
}

#[test]
fn a_brief_names_every_outcome_of_its_criteria_in_the_units_words() {
    let admin = |rel: &str| text_of(elements(&page(site(), rel), "dl", Some("brief-admin"))[0]);
    let b = admin("units/unit-3/briefs/brief-b/index.html");
    assert!(
        b.contains("Learning aims A: Examine the purpose and audience of a community event; B: Prepare a workable plan for a community event"),
        "{b}"
    );
    let a = admin("units/unit-3/briefs/brief-a/index.html");
    assert!(a.contains("Learning aim A: Examine"), "{a}");
    assert!(!a.contains("B: Prepare"), "{a}");
    let monitoring = admin("units/unit-8/briefs/monitoring/index.html");
    assert!(
        monitoring.contains("Learning outcomes LO1 Understand the costs of a small project; LO2 Be able to monitor a project budget"),
        "{monitoring}"
    );
    let marked = text("units/r200/briefs/proposal/index.html");
    assert!(marked.contains("Criterion Marks To achieve"), "{marked}");
    assert!(marked.contains("1a Up to 6 Identify"), "{marked}");
}

#[test]
fn each_unit_calls_its_outcomes_by_its_own_word_everywhere() {
    let home = text("index.html");
    for count in [
        "2 learning aims · 4 criteria",
        "2 learning outcomes · 6 criteria",
        "2 elements · 2 criteria",
        "1 section · 3 criteria",
        "2 tasks · 2 criteria",
    ] {
        assert!(home.contains(count), "{count}: {home}");
    }
    let progression = text("progression/index.html");
    assert!(
        progression.contains("Marked: out of 15 marks · 2 tasks"),
        "{progression}"
    );
    let element = page(site(), "units/b2/outcomes/1/index.html");
    assert!(
        text_of(elements(&element, "h1", None)[0]) == "Element 1: Receive customer enquiries",
        "{element}"
    );
    let crumbs = text_of(
        elements(
            &page(site(), "units/b2/criteria/1-1/index.html"),
            "nav",
            None,
        )[0],
    );
    assert_eq!(crumbs, "Home B2 Element 1 1.1");
    let b2 = text("units/b2/index.html");
    assert!(b2.contains("Elements and teaching content"), "{b2}");
    assert!(b2.contains("Elements and assessment criteria"), "{b2}");
    let aim = text("units/unit-3/knowledge/knowing-the-audience/index.html");
    // The breadcrumbs name the aim in the unit's word.
    assert!(
        aim.contains("Home Unit 3 Learning aim A Knowing the audience"),
        "{aim}"
    );
    let search = crate::common::search_index_text(site());
    assert!(search.contains("Learning aim A: Examine"), "search titles");
    assert!(
        search.contains("Delivery guidance for learning aim A"),
        "search titles"
    );
}

#[test]
fn topic_codes_are_shown_and_searchable_apart_from_their_order() {
    let unit = text("units/unit-3/index.html");
    assert!(
        unit.contains("A1 Purposes of community events A2 Knowing the audience"),
        "{unit}"
    );
    let item = page(
        site(),
        "units/unit-3/knowledge/resources-and-budgets/index.html",
    );
    assert_eq!(
        text_of(elements(&item, "h1", None)[0]),
        "B2 Resources and budgets"
    );
    let outcome = text("units/unit-3/outcomes/b/index.html");
    assert!(outcome.contains("B1 Tasks and timelines"), "{outcome}");
    let search = crate::common::search_index_text(site());
    assert!(
        search.contains("B2 Resources and budgets"),
        "the code is in the title search indexes"
    );
}

#[test]
fn unit_facts_show_what_is_stated_and_say_what_is_not_and_leave_out_what_does_not_apply() {
    let facts = |unit: &str| {
        text_of(
            elements(
                &page(site(), &format!("units/{unit}/index.html")),
                "dl",
                Some("summary-list"),
            )[0],
        )
    };
    let aims = facts("unit-3");
    assert!(aims.contains("Unit type Mandatory"), "{aims}");
    assert!(aims.contains("Assessment method Internal"), "{aims}");
    assert!(
        !aims.contains("Credit value"),
        "credit value does not apply: {aims}"
    );
    let elements_unit = facts("b2");
    assert!(elements_unit.contains("Credit value 3"), "{elements_unit}");
    assert!(!elements_unit.contains("Unit type"), "{elements_unit}");
    let standard = facts("ops-standard");
    assert!(
        standard.contains("Credit value Not stated in the specification"),
        "left out, a credit value is not stated: {standard}"
    );
    let graded = text("units/unit-8/index.html");
    assert!(
        graded.contains("Synoptic assessment Not stated in the specification"),
        "{graded}"
    );
    let aims_page = page(site(), "units/unit-3/index.html");
    let links = elements(&aims_page, "section", None)
        .into_iter()
        .find(|s| s.contains("linked-heading"))
        .expect("a section of linked units");
    assert!(
        links.contains(
            "href=\"../../units/unit-8/index.html\">Unit 8: Budgeting for a small project</a>"
        ),
        "{links}"
    );
    assert!(
        text_of(links).contains("Unit 1: Exploring the events industry: gives the background"),
        "{links}"
    );
    let home = text("index.html");
    assert!(home.contains("Level 3 Guided learning hours 60"), "{home}");
}

#[test]
fn every_form_of_criterion_id_has_a_readable_lower_case_address() {
    for (unit, id, slug) in [
        ("unit-3", "A.P1", "a-p1"),
        ("unit-3", "AB.D1", "ab-d1"),
        ("unit-8", "P1", "p1"),
        ("b2", "1.1", "1-1"),
        ("ops-standard", "K1", "k1"),
        ("ops-standard", "S1", "s1"),
        ("ops-standard", "B1", "b1"),
        ("r200", "1a", "1a"),
    ] {
        let shown = text(&format!("units/{unit}/criteria/{slug}/index.html"));
        assert!(shown.contains(&format!("{id} ")), "{unit}/{slug}: {shown}");
    }
    for (slug, kind) in [
        ("k1", "Knowledge and understanding"),
        ("s1", "Skill"),
        ("b1", "Behaviour"),
    ] {
        let shown = text(&format!("units/ops-standard/criteria/{slug}/index.html"));
        assert!(shown.contains(&format!("Type {kind}")), "{slug}: {shown}");
    }
    // Links may name criteria and outcomes as the content writes them.
    let brief = page(site(), "units/unit-3/briefs/brief-b/index.html");
    for href in [
        "href=\"../../../../units/unit-3/criteria/ab-d1/index.html\"",
        "href=\"../../../../units/unit-3/outcomes/a/index.html\"",
        "href=\"../../../../units/unit-3/outcomes/b/index.html\"",
    ] {
        assert!(brief.contains(href), "{href}");
    }
}

#[test]
fn a_marking_criterion_page_lists_its_mark_bands_and_carries_its_quiz() {
    let page_html = page(site(), "units/r200/criteria/1a/index.html");
    let shown = text_of(&page_html);
    assert!(shown.contains("Marks Up to 6"), "{shown}");
    assert!(
        shown.contains("How it is marked Mark band Marks A response in this band 1 1–2 marks Identifies a few needs"),
        "{shown}"
    );
    assert!(
        page_html.contains("class=\"quiz"),
        "the quiz is on the marking criterion's page"
    );
}

/// The files of docs/unit-shapes.md's examples: each ```toml block whose first line is
/// `# <path>`, as (path, the rest of the block).
fn documented_files() -> Vec<(String, String)> {
    let doc = std::fs::read_to_string(repo().join("docs/unit-shapes.md")).unwrap();
    doc.split("```toml\n")
        .skip(1)
        .filter_map(|block| {
            let block = block.split("```").next()?;
            let (first, rest) = block.split_once('\n')?;
            let path = first.strip_prefix("# ")?.split_whitespace().next()?;
            Some((path.to_string(), rest.to_string()))
        })
        .collect()
}

#[test]
fn the_examples_of_the_unit_shapes_guide_build_as_they_are() {
    let files = documented_files();
    for unit in ["unit-6", "unit-2", "b2", "ops", "r100"] {
        assert!(
            files
                .iter()
                .any(|(p, _)| p == &format!("units/{unit}/criteria.toml")),
            "the guide has an example of {unit}"
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    for (path, text) in &files {
        let at = content.join(path);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(at, text).unwrap();
    }
    let run = unitpress(&["check", "--format", "json"], &content, &[]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
    let out = tmp.path().join("site");
    build_ok(&content, &out, &[]);
    // What the guide says of its examples.
    let grid = page(&out, "units/unit-6/index.html");
    assert!(grid.contains("<td rowspan=\"2\" data-label=\"Merit\"><p><a class=\"criterion-link\" href=\"../../units/unit-6/criteria/m1/"), "M1 beside both rows");
    let brief = text_of(&page(&out, "units/unit-2/briefs/event/index.html"));
    assert!(brief.contains("Learning aims A: Examine"), "{brief}");
    let home = text_of(&page(&out, "index.html"));
    assert!(home.contains("1 element"), "{home}");
    let standard = text_of(&page(&out, "units/ops/index.html"));
    assert!(
        standard.contains("Credit value Not stated in the specification"),
        "{standard}"
    );
}
