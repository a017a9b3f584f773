//! End-to-end tests of the pages every site has around its units: the accessibility statement
//! made from site.toml's `[accessibility]` and linked from the footer of every page, and the
//! unit navigation with previous/next in teaching order.

use std::fs;

use crate::common::*;

const STATEMENT: &str = "accessibility/index.html";

#[test]
fn the_accessibility_statement_says_what_site_toml_gives_and_every_page_links_to_it() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let site_toml = fs::read_to_string(content.join("site.toml")).unwrap()
        + "\n[accessibility]\norganisation = \"Riverside College\"\nemail = \"access@riverside.example\"\n\
           phone = \"01234 567890\"\nresponse_days = 5\ncompliance = \"partial\"\n\
           known_issues = [\"Some older worksheets are scanned images without text.\"]\n\
           prepared = \"1 May 2027\"\nreviewed = \"2 June 2027\"\ntested = \"3 June 2027\"\n\
           tested_by = \"our learning technology team\"\n";
    fs::write(content.join("site.toml"), site_toml).unwrap();
    let out = tmp.path().join("public");
    build_ok(&content, &out, &[]);

    let text = text_of(&page(&out, STATEMENT));
    for wanted in [
        "run by Riverside College",
        "access@riverside.example",
        "01234 567890",
        "within 5 working days",
        "Some older worksheets are scanned images without text.",
        "partially compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2 AA",
        "prepared on 1 May 2027",
        "last reviewed on 2 June 2027",
        "last tested on 3 June 2027 by our learning technology team",
        "Equality Advisory and Support Service",
    ] {
        assert!(
            text.contains(wanted),
            "the statement lacks {wanted:?}:\n{text}"
        );
    }
    for rel in html_files(&out) {
        let html = page(&out, &rel);
        let footer = elements(&html, "footer", None);
        let href = format!(
            "href=\"{}{STATEMENT}\"",
            "../".repeat(rel.matches('/').count())
        );
        assert!(
            footer.len() == 1 && footer[0].contains(&href),
            "{rel}: no footer link {href}"
        );
        assert!(
            footer[0].contains("mailto:access@riverside.example"),
            "{rel}: the footer does not say where to get help"
        );
    }
}

#[test]
fn without_an_accessibility_table_the_statement_still_says_how_to_get_help() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_ok(&fixture("minimal"), &out, &[]);
    let text = text_of(&page(&out, STATEMENT));
    assert!(text.contains("partially compliant"), "{text}");
    assert!(text.contains("ask your tutor"), "{text}");
    assert!(text.contains("has not all been checked by hand"), "{text}");
}

/// The page that the `rel="next"` or `rel="prev"` link of page `rel` leads to, from the site
/// root.
fn pager(site: &std::path::Path, rel: &str, which: &str) -> Option<String> {
    let html = page(site, rel);
    let attr = format!("rel=\"{which}\" href=\"");
    let at = html.find(&attr)? + attr.len();
    let href = &html[at..at + html[at..].find('"')?];
    let folder = std::path::Path::new(rel).parent().unwrap();
    let mut parts: Vec<&str> = folder.to_str().unwrap().split('/').collect();
    for segment in href.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[test]
fn previous_and_next_follow_the_teaching_order_and_the_navigation_marks_the_page() {
    let (_tmp, site) = build_bundled(&[]);
    let mut at = "units/unit-10/criteria/p1/index.html".to_string();
    let mut order = vec![];
    loop {
        let html = page(&site, &at);
        let h1 = text_of(elements(&html, "h1", None)[0]);
        order.push(h1.split(' ').next().unwrap().to_string());
        let nav = elements(&html, "nav", Some("unit-nav"));
        assert_eq!(nav.len(), 1, "{at}: one unit navigation");
        let current: Vec<_> = nav[0].match_indices("aria-current=\"page\"").collect();
        assert_eq!(current.len(), 1, "{at}: one current page in the navigation");
        match pager(&site, &at, "next") {
            Some(n) if n.contains("/criteria/") => at = n,
            _ => break,
        }
    }
    assert_eq!(
        order,
        ["P1", "P2", "P3", "P4", "P5", "P6", "M1", "M2", "D1", "D2"]
    );
    assert_eq!(
        pager(&site, "units/unit-10/criteria/p4/index.html", "prev").as_deref(),
        Some("units/unit-10/criteria/p3/index.html"),
        "P4's previous page is P3"
    );
}
