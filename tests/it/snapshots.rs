//! Snapshot tests (insta): what a teacher reads when content is wrong, and one page of each
//! type as the default theme renders it. A change to either shows up as a diff to review
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test snapshots` and `git diff`).

use crate::common::*;

/// `check`'s report on the seven mistakes, with the temporary folder's path taken out.
#[test]
fn the_report_on_seven_mistakes() {
    let tmp = fixture_with(SEVEN_MISTAKES);
    let content = tmp.path().join("content");
    let run = unitpress(&["check"], &content, &[]);
    let report = run
        .stdout
        .replace(&content.display().to_string(), "<content>");
    insta::assert_snapshot!(report);
}

/// One page of each type of the minimal fixture, whole.
#[test]
fn one_page_of_each_type() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_ok(&fixture("minimal"), &site, &[]);
    for (name, page) in [
        ("home", "index.html"),
        ("unit", "units/demo-unit/index.html"),
        ("outcome", "units/demo-unit/outcomes/1/index.html"),
        ("criterion", "units/demo-unit/criteria/p1/index.html"),
        (
            "knowledge",
            "units/demo-unit/knowledge/demo-parts/index.html",
        ),
        ("progress", "units/demo-unit/progress/index.html"),
        ("brief", "units/demo-unit/briefs/demo-report/index.html"),
        ("brief-pack", "units/demo-unit/briefs/index.html"),
        ("search", "search/index.html"),
        ("progression", "progression/index.html"),
        ("not-found", "404.html"),
    ] {
        insta::assert_snapshot!(name, std::fs::read_to_string(site.join(page)).unwrap());
    }
}
