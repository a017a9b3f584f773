//! `unitpress serve`, end to end on 127.0.0.1: pages served with the live-reload script, an edit
//! announced and served, a broken file shown while the last good page stays served, paths out
//! of the site refused, media types and the 404 page, and a clean stop on Ctrl-C. Every wait is
//! bounded.

use std::fs;
use std::path::Path;

use crate::common::*;
use crate::serve_support::{request, Served};
use serde_json::Value;

const PAGE: &str = "units/demo-unit/knowledge/demo-parts/index.html";
const KNOWLEDGE: &str = "units/demo-unit/knowledge/demo-parts.md";

/// Replaces the first `from` in the content file `rel` with `to`.
fn edit(content: &Path, rel: &str, from: &str, to: &str) {
    let path = content.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Whether a reload event concerns `page`.
fn lists(page: &'static str) -> impl Fn(&Value) -> bool {
    move |d| d["all"] == true || d["changed"].as_array().unwrap().iter().any(|p| p == page)
}

#[test]
fn an_edit_reloads_its_page_and_a_broken_file_shows_until_fixed() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let served = Served::start(&content);
    let first = served.get(&format!("/{PAGE}"));
    assert_eq!(first.status, 200, "{}", served.log());
    assert!(first.body.contains("A demo has an opening"));
    assert!(first
        .body
        .contains("<script src=\"/__unitpress/live.js\" data-generation=\"0\"></script></body>"));
    let site = served.site_folder();
    let on_disk = fs::read_to_string(site.join(PAGE)).unwrap();
    assert!(
        !on_disk.contains("__unitpress"),
        "the script is added as pages are served"
    );
    let script = served.get("/__unitpress/live.js");
    assert_eq!(
        script.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.body.contains("EventSource(\"/__unitpress/events\")"));

    let mut events = served.events();
    events.wait_for("ok", |_| true);
    edit(
        &content,
        KNOWLEDGE,
        "A demo has an opening",
        "A demo has a grand opening",
    );
    events.wait_for("reload", lists(PAGE));
    assert!(served
        .get(&format!("/{PAGE}"))
        .body
        .contains("a grand opening"));

    edit(&content, KNOWLEDGE, "outcome = 1", "outcome = 9");
    let errors = events.wait_for("errors", |_| true);
    let error = &errors[0];
    assert!(
        error["file"].as_str().unwrap().ends_with("demo-parts.md"),
        "{errors:#}"
    );
    assert_eq!(
        (error["line"].clone(), error["column"].clone()),
        (3.into(), 11.into())
    );
    assert!(error["text"]
        .as_str()
        .unwrap()
        .contains("there is no learning outcome 9"));
    let still = served.get(&format!("/{PAGE}"));
    assert_eq!(still.status, 200);
    assert!(
        still.body.contains("a grand opening"),
        "the last good page stays served"
    );
    served.events().wait_for("errors", |_| true); // a page opened now shows the errors too

    edit(&content, KNOWLEDGE, "outcome = 9", "outcome = 1");
    events.wait_for("ok", |_| true);
    served.events().wait_for("ok", |_| true);

    let (status, stdout) = served.interrupt();
    assert!(status.success(), "{status}");
    assert!(stdout.iter().any(|l| l == "Stopped."), "{stdout:?}");
    assert!(!site.exists(), "the site folder is removed on stop");
}

/// The address of the search index's part that holds `term` (or would): part i holds the terms
/// from the manifest's `firsts[i]` on.
fn term_part(served: &Served, term: &str) -> String {
    let manifest = served.get("/search/manifest.js").body;
    let json = manifest
        .trim()
        .strip_prefix("UnitpressSearch.setManifest(")
        .and_then(|m| m.strip_suffix(");"))
        .expect("a manifest script");
    let manifest: serde_json::Value = serde_json::from_str(json).unwrap();
    let terms = &manifest["terms"];
    let firsts: Vec<&str> = terms["firsts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    let part = firsts.partition_point(|f| *f <= term).saturating_sub(1);
    format!(
        "/{}",
        terms["path"]
            .as_str()
            .unwrap()
            .replace("{}", &part.to_string())
    )
}

#[test]
fn an_edit_brings_its_new_words_into_search() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    let served = Served::start(&content);
    let part = term_part(&served, "splendifer");
    assert_eq!(served.get(&part).status, 200, "{}", served.log());
    assert!(!served.get(&part).body.contains("splendifer"));
    assert!(!served
        .get("/search/words.js")
        .body
        .contains("splendiferous"));
    edit(
        &content,
        KNOWLEDGE,
        "A demo has an opening",
        "A demo has a splendiferous opening",
    );
    // The part of the index that holds the stemmed term, and the "did you mean" list (the word
    // as written), catch up shortly after the pages.
    served.wait_for_text(&part, "splendifer");
    served.wait_for_text("/search/words.js", "splendiferous");
}

#[test]
fn search_is_served_while_the_theme_is_broken_and_after_an_edit() {
    let tmp = fixture_with(&[]);
    let templates = tmp.path().join("templates");
    fs::create_dir(&templates).unwrap();
    fs::write(templates.join("criterion.html"), "{% if %}\n").unwrap();
    let content = tmp.path().join("content");
    let served = Served::start(&content);
    let mut events = served.events();
    events.wait_for("errors", |_| true);
    served.wait_for_text("/search/manifest.js", "demo-unit");
    edit(
        &content,
        KNOWLEDGE,
        "A demo has an opening",
        "A demo has a splendiferous opening",
    );
    served.wait_for_text(&term_part(&served, "splendifer"), "splendifer");
    served.wait_for_text("/search/words.js", "splendiferous");
    served.wait_for_text("/search/words.js", "opening");
}

#[test]
fn paths_outside_the_site_are_never_served() {
    let tmp = fixture_with(&[]);
    let secret = tmp.path().join("secret.txt");
    fs::write(&secret, "TOP-SECRET-2718").unwrap();
    let served = Served::start(&tmp.path().join("content"));
    let site = served.site_folder();
    // From the served folder, the secret is this many folders up.
    let up = "../".repeat(site.components().count());
    let secret_abs = secret.display().to_string();
    let targets = [
        "/../secret.txt".to_string(),
        format!("/{up}{}", secret_abs.trim_start_matches('/')),
        format!("/{up}etc/passwd"),
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd".into(),
        "/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd".into(),
        "/units/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd".into(),
        "/..%5c..%5c..%5cetc%5cpasswd".into(),
        "/units\\..\\..\\..\\etc\\passwd".into(),
        "/%252e%252e/%252e%252e/etc/passwd".into(),
        "//etc/passwd".into(),
        "/%2fetc%2fpasswd".into(),
        format!("/{secret_abs}"),
        format!("/{}", secret_abs.replace('/', "%2f")),
        "/./../secret.txt".into(),
        "/C:/Windows/win.ini".into(),
        "http://127.0.0.1/../../etc/passwd".into(),
        "/%00/etc/passwd".into(),
    ];
    // Links in the served folder that lead out of it, and a page being written, are not served.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, site.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), site.join("units/up")).unwrap();
    }
    fs::write(site.join(".index.html.unitpress-new"), "TOP-SECRET-half").unwrap();
    for target in [
        "/leak.txt",
        "/units/up/secret.txt",
        "/.index.html.unitpress-new",
    ] {
        let reply = served.get(target);
        assert_eq!(reply.status, 404, "{target}");
        assert!(reply.body.contains("Page not found"), "{target}");
        assert!(
            !reply.body.contains("TOP-SECRET"),
            "{target} served the secret"
        );
    }
    for target in &targets {
        let reply = served.get(target);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{target}: status {}",
            reply.status
        );
        assert!(
            !reply.body.contains("TOP-SECRET"),
            "{target} served the secret"
        );
        assert!(!reply.body.contains("root:"), "{target} served /etc/passwd");
    }
}

#[test]
fn media_types_folders_and_the_404_page() {
    let tmp = fixture_with(&[]);
    let served = Served::start(&tmp.path().join("content"));
    for (target, media) in [
        ("/", "text/html; charset=utf-8"),
        ("/units/demo-unit/", "text/html; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/search/manifest.js", "text/javascript; charset=utf-8"),
    ] {
        let reply = served.get(target);
        assert_eq!(reply.status, 200, "{target}\n{}", served.log());
        assert_eq!(reply.header("Content-Type"), Some(media), "{target}");
    }
    let page = served.get("/units/demo-unit/");
    assert_eq!(
        page.header("Cache-Control"),
        Some("no-store"),
        "an edit is never hidden"
    );
    assert_eq!(page.header("X-Content-Type-Options"), Some("nosniff"));
    // A folder without its slash: a temporary redirect (a folder may become a page), which
    // keeps the query and never leaves this server, however the path was spelled.
    for (target, location) in [
        ("/units/demo-unit?x=1", "/units/demo-unit/?x=1"),
        ("//units/demo-unit", "/units/demo-unit/"),
        (
            "http://elsewhere.example//units//demo-unit",
            "/units/demo-unit/",
        ),
    ] {
        let folder = served.get(target);
        assert_eq!(folder.status, 307, "{target}");
        assert_eq!(folder.header("Location"), Some(location), "{target}");
    }

    let missing = served.get("/units/demo-unit/criteria/p9/index.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "{}", missing.body);
    assert!(
        missing.body.contains("<base href=\"/\">"),
        "links work from any depth"
    );

    let head = request(served.port, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let home = served.get("/");
    assert_eq!(
        head.header("Content-Length"),
        Some(home.body.len().to_string().as_str()),
        "HEAD tells the length of the page as served, script included"
    );
    let head_missing = request(served.port, "HEAD", "/nope.png");
    assert_eq!(head_missing.status, 404);
    assert!(head_missing.body.is_empty());
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let refused = request(served.port, method, "/");
        assert_eq!(refused.status, 405, "{method}");
        assert_eq!(refused.header("Allow"), Some("GET, HEAD"), "{method}");
    }
    let refused = request(served.port, "POST", "/__unitpress/events");
    assert_eq!(refused.status, 405);
}

#[test]
fn a_course_that_does_not_build_yet_is_served_once_fixed() {
    let tmp = fixture_with(&[(
        "units/demo-unit/criteria.toml",
        "outcome = 1",
        "outcome = 4",
    )]);
    let content = tmp.path().join("content");
    let served = Served::start(&content);
    let waiting = served.get("/");
    assert_eq!(waiting.status, 404);
    assert!(
        waiting.body.contains("could not be built yet"),
        "{}",
        waiting.body
    );
    assert!(waiting.body.contains("/__unitpress/live.js"));
    let mut events = served.events();
    let errors = events.wait_for("errors", |_| true);
    assert!(
        errors[0]["text"]
            .as_str()
            .unwrap()
            .contains("no learning outcome 4"),
        "{errors:#}"
    );

    edit(
        &content,
        "units/demo-unit/criteria.toml",
        "outcome = 4",
        "outcome = 1",
    );
    events.wait_for("ok", |_| true);
    events.wait_for("reload", lists("index.html"));
    let home = served.get("/");
    assert_eq!(home.status, 200, "{}", served.log());
    assert!(home.body.contains("Demo course"));
}

#[test]
fn an_edit_reaches_the_pages_of_other_units_that_show_it() {
    let tmp = fixture_with(&[]);
    let content = tmp.path().join("content");
    copy_dir(
        &content.join("units/demo-unit"),
        &content.join("units/demo-two"),
    );
    edit(&content, "units/demo-two/unit.md", "order = 1", "order = 2");
    let served = Served::start(&content);
    let mine = "units/demo-unit/criteria/p1/index.html";
    let theirs = "units/demo-two/criteria/p1/index.html";
    assert!(!served.get(&format!("/{mine}")).body.contains("demo-two"));
    let mut events = served.events();

    // A new link from demo-two: demo-unit's criterion page now shows demo-two's.
    edit(
        &content,
        "units/demo-two/criteria.toml",
        "text = \"Describe the parts of a demo\"",
        "text = \"Describe the parts of a demo\"\nrelated = [\"demo-unit/P1\"]",
    );
    events.wait_for("reload", lists(mine));
    assert!(served.get(&format!("/{mine}")).body.contains("demo-two"));

    // An edit in demo-unit reaches demo-two's page, which quotes the criterion.
    edit(
        &content,
        "units/demo-unit/criteria.toml",
        "Describe the parts of a demo",
        "Describe every part of a demo",
    );
    events.wait_for("reload", lists(theirs));
    assert!(served
        .get(&format!("/{theirs}"))
        .body
        .contains("Describe every part of a demo"));
}
