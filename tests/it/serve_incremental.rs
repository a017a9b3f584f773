//! What `unitpress serve` renders again after an edit, end to end: the pages of the edited unit
//! that show the edited text, the navigation that names it, the site-wide pages, and the pages
//! of other units, also when edits come faster than the rebuilds. Every wait is bounded.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::Duration;

use crate::common::*;
use crate::serve_support::Served;
use serde_json::Value;

const UNIT: &str = "units/demo-unit/index.html";
const CRITERION: &str = "units/demo-unit/criteria/p1/index.html";

/// Replaces the first `from` in the content file `rel` with `to`.
fn edit(content: &Path, rel: &str, from: &str, to: &str) {
    let path = content.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Whether a reload event concerns every one of `pages`.
fn lists_all(pages: &'static [&'static str]) -> impl Fn(&Value) -> bool {
    move |d| {
        d["all"] == true
            || pages
                .iter()
                .all(|page| d["changed"].as_array().unwrap().iter().any(|p| p == page))
    }
}

#[test]
fn an_edit_to_a_criterion_reloads_its_unit_page_and_its_own_page_at_once() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let served = Served::start(&content);
    for page in [UNIT, CRITERION] {
        let body = served.get(&format!("/{page}")).body;
        assert!(body.contains("Describe the parts of a demo"), "{page}");
        assert!(!body.contains("Describe each working part"), "{page}");
    }
    let mut events = served.events();
    events.wait_for("ok", |_| true);
    edit(
        &content,
        "units/demo-unit/criteria.toml",
        "Describe the parts of a demo",
        "Describe each working part of a demo",
    );
    // Both are the edited unit's own pages: announced together, before any other page.
    events.wait_for("reload", lists_all(&[UNIT, CRITERION]));
    for page in [UNIT, CRITERION] {
        let body = served.get(&format!("/{page}")).body;
        assert!(
            body.contains("Describe each working part of a demo"),
            "{page}"
        );
    }
}

#[test]
fn a_title_change_reaches_the_navigation_of_other_pages_and_the_home_page() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let served = Served::start(&content);
    let mut events = served.events();
    events.wait_for("ok", |_| true);
    // A knowledge item's title is in the navigation of every page of its unit.
    edit(
        &content,
        "units/demo-unit/knowledge/demo-parts.md",
        "title = \"Parts of a demo\"",
        "title = \"Pieces of a demo\"",
    );
    events.wait_for("reload", lists_all(&[CRITERION]));
    let criterion = served.get(&format!("/{CRITERION}")).body;
    assert!(criterion.contains("Pieces of a demo"), "{criterion}");
    // A unit's title is on the home page, a site-wide page rendered after the unit's own.
    edit(
        &content,
        "units/demo-unit/unit.md",
        "title = \"Demo unit\"",
        "title = \"Showcase unit\"",
    );
    events.wait_for("reload", lists_all(&["index.html"]));
    served.wait_for_text("/", "Showcase unit");
    assert!(!served.get("/").body.contains("Demo unit"));
}

#[test]
fn edits_faster_than_rebuilds_still_reach_every_page_that_shows_them() {
    // demo-two's criterion quotes demo-unit's P1: its page is rendered in the second pass of a
    // rebuild of demo-unit, which an edit of demo-three (related to neither) may cut short.
    // That page must still follow, although demo-three's rebuild does not render it.
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    for (copy, order) in [("demo-two", "order = 2"), ("demo-three", "order = 3")] {
        copy_dir(
            &content.join("units/demo-unit"),
            &content.join("units").join(copy),
        );
        edit(
            &content,
            &format!("units/{copy}/unit.md"),
            "order = 1",
            order,
        );
    }
    edit(
        &content,
        "units/demo-two/criteria.toml",
        "text = \"Describe the parts of a demo\"",
        "text = \"Describe the parts of a demo\"\nrelated = [\"demo-unit/P1\"]",
    );
    let served = Served::start(&content);
    let theirs = "/units/demo-two/criteria/p1/index.html";
    let mut text = "Describe the parts of a demo".to_string();
    let mut other = "This unit is a tiny example".to_string();
    for i in 1..=8 {
        let next = format!("Describe the parts of demo {i}");
        edit(&content, "units/demo-unit/criteria.toml", &text, &next);
        text = next;
        thread::sleep(Duration::from_millis(10));
        let next = format!("This unit is example {i}");
        edit(&content, "units/demo-three/unit.md", &other, &next);
        other = next;
        thread::sleep(Duration::from_millis(10));
    }
    served.wait_for_text(&format!("/{CRITERION}"), &text);
    served.wait_for_text("/units/demo-three/index.html", &other);
    served.wait_for_text(theirs, &text);
}
