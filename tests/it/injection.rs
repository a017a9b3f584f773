//! Text from content never becomes markup, style or script: tests/fixtures/injection holds a
//! payload for every context (`</style><script>`, `"><img onerror>`, `</script>`, `'-alert()-'`,
//! `{{ }}`, `javascript:`) in every text field. Its build has only the theme's own tags, scripts
//! and handlers, shows each payload as text, and ships it in the search scripts as JSON strings.
//! tests/browser/injection.mjs opens the same build in Chromium.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

/// The theme's scripts: every `<script>` of a page must load one of them.
const THEME_SCRIPTS: &[&str] = &[
    "assets/search.js",
    "assets/search-page.js",
    "assets/quiz.js",
    "assets/scorm.js",
    "assets/progress-store.js",
    "assets/progress.js",
    "assets/site.js",
];

fn built() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_ok(&fixture("injection"), &out, &[]);
    (tmp, out)
}

/// A start tag's name and attributes (name, value), read as a browser's tokenizer reads them.
fn start_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len());
        let name = rest[..end].to_ascii_lowercase();
        rest = &rest[end..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let end = rest[1..]
                .find(|c: char| c.is_ascii_whitespace() || "/>=".contains(c))
                .map_or(rest.len(), |i| i + 1);
            let attr = rest[..end].to_ascii_lowercase();
            rest = rest[end..].trim_start();
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (v, next) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                        (&after[1..close], &after[(close + 1).min(after.len())..])
                    }
                    _ => {
                        let close = after
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        (&after[..close], &after[close..])
                    }
                };
                value = decode_entities(v);
                rest = next;
            }
            attrs.push((attr, value));
        }
        out.push((name, attrs));
    }
    out
}

#[test]
fn no_page_has_markup_a_script_or_a_handler_from_content() {
    let (_tmp, site) = built();
    let pages = html_files(&site);
    assert!(pages.len() >= 20, "{pages:?}");
    for rel in &pages {
        let html = page(&site, rel);
        for (name, attrs) in start_tags(&html) {
            let attr = |n: &str| attrs.iter().find(|(a, _)| a == n).map(|(_, v)| v.as_str());
            assert!(
                !["svg", "iframe", "object", "embed", "base", "meta"].contains(&name.as_str())
                    || (name == "meta" && attrs.iter().all(|(a, _)| a != "http-equiv")),
                "{rel}: a <{name}> element from content"
            );
            if name == "script" {
                let src = attr("src").unwrap_or("");
                assert!(
                    THEME_SCRIPTS.iter().any(|s| src.ends_with(s)),
                    "{rel}: a script that is not the theme's: {attrs:?}"
                );
            }
            if name == "img" {
                assert_eq!(attr("src"), Some("https://example.org/i.png"), "{rel}");
            }
            for (a, v) in &attrs {
                let handler = a.starts_with("on");
                assert!(
                    !handler || (a == "onclick" && v == "window.print()"),
                    "{rel}: <{name} {a}={v:?}> is not the theme's"
                );
                assert!(
                    !v.trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:"),
                    "{rel}: <{name} {a}={v:?}>"
                );
            }
        }
    }
}

#[test]
fn the_print_header_holds_titles_only_as_css_escapes() {
    let (_tmp, site) = built();
    for rel in [
        "units/inject/briefs/index.html",
        "units/inject/briefs/report/index.html",
        "units/inject/briefs/judge/index.html",
    ] {
        let html = page(&site, rel);
        let styles = elements(&html, "style", None);
        assert_eq!(styles.len(), 1, "{rel}");
        let css = styles[0];
        assert!(!css.contains('<'), "{rel}: {css}");
        let strings: Vec<&str> = css.split('"').skip(1).step_by(2).collect();
        assert!(strings.len() >= 2, "{rel}: {css}");
        for s in strings {
            // The template's own separator between the unit's label and title.
            let s = s.replace("end: unit", "end unit");
            assert!(
                s.chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '\\'),
                "{rel}: a CSS string with a raw character: {s}"
            );
            assert!(
                s.contains("style\\3e "),
                "{rel}: the payload is escaped, not dropped"
            );
        }
    }
}

#[test]
fn every_payload_shows_as_text() {
    let (_tmp, site) = built();
    let home = text_of(&page(&site, "index.html"));
    for field in [
        "site-title",
        "site-centre",
        "site-description",
        "unit-title",
    ] {
        let payload = format!(
            "{field} </style><script>alert('{field}:style')</script>\"><img src=x \
             onerror=\"alert('{field}:attr')\">"
        );
        assert!(
            home.contains(&payload),
            "{field} is not shown as written:\n{home}"
        );
    }
    assert!(home.contains("{{ 7*7 }} {% raw %} javascript:alert('site-title:url') end"));
    let unit = text_of(&page(&site, "units/inject/index.html"));
    assert!(
        unit.contains("unit-intro </style><script>alert('unit-intro:md')</script>"),
        "{unit}"
    );
    assert!(unit.contains("<img src=x onerror=alert('unit-intro:mdattr')>"));
    let statement = text_of(&page(&site, "accessibility/index.html"));
    for field in [
        "site-a11y-organisation",
        "site-a11y-email",
        "site-a11y-issue",
    ] {
        let payload = format!("{field} </style><script>alert('{field}:style')</script>");
        assert!(
            statement.contains(&payload),
            "{field} is not shown as written:\n{statement}"
        );
    }
}

/// A search script's call and its arguments, as a JSON array: `UnitpressSearch.addTerms(3, […]);`.
fn script_call(path: &Path) -> (String, serde_json::Value) {
    let script = fs::read_to_string(path).unwrap();
    let (call, rest) = script
        .split_once('(')
        .unwrap_or_else(|| panic!("{}: {script}", path.display()));
    let args = rest
        .trim_end()
        .strip_suffix(");")
        .unwrap_or_else(|| panic!("{} does not end with );", path.display()));
    let value = serde_json::from_str(&format!("[{args}]"))
        .unwrap_or_else(|e| panic!("{}: the arguments are not JSON: {e}", path.display()));
    (call.to_string(), value)
}

/// A search script's call and its one argument: `UnitpressSearch.setManifest({…});`.
fn script_argument(path: &Path) -> (String, serde_json::Value) {
    let script = fs::read_to_string(path).unwrap();
    let (call, rest) = script
        .split_once('(')
        .unwrap_or_else(|| panic!("{}: {script}", path.display()));
    let json = rest
        .strip_suffix(");\n")
        .unwrap_or_else(|| panic!("{} does not end with );", path.display()));
    let value = serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("{}: the argument is not JSON: {e}", path.display()));
    (call.to_string(), value)
}

#[test]
fn search_scripts_carry_the_payloads_as_json_strings() {
    let (_tmp, site) = built();
    let (call, manifest) = script_argument(&site.join("search/manifest.js"));
    assert_eq!(call, "UnitpressSearch.setManifest");
    let titles: Vec<&str> = manifest["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["title"].as_str())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("unit-title </style><script>alert('unit-title:style')")),
        "{titles:?}"
    );
    // Every part of the index is one call whose arguments are JSON, payloads as strings (the
    // result data's coded), and the texts read back from them are the payloads as written.
    for part in crate::common::files_below(&site.join("search")) {
        if !part.ends_with(".js") {
            continue;
        }
        let (call, _) = script_call(&site.join("search").join(&part));
        assert!(call.starts_with("UnitpressSearch."), "{part}: {call}");
    }
    assert!(
        crate::common::search_data::result_texts(&site)
            .iter()
            .any(|t| t.contains("</script><script>")),
        "the payloads are in the index as text"
    );
    let (call, _) = script_argument(&site.join("search/words.js"));
    assert_eq!(call, "UnitpressSearch.setWords");
}

#[test]
fn the_fixture_passes_check_with_raw_html_refused() {
    // Its tiny quizzes draw question-bank warnings; none of its findings may be about markup.
    let run = unitpress(&["check"], &fixture("injection"), &[]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    for words in ["raw HTML", "script", "javascript:"] {
        assert!(!run.stdout.contains(words), "{words}: {}", run.show());
    }
    let site = fs::read_to_string(fixture("injection").join("site.toml")).unwrap();
    assert!(site.contains("raw_html = \"refuse\""));
}
