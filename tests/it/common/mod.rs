//! Helpers shared by the end-to-end tests: running the `unitpress` binary, copying and editing
//! fixture sites, snapshotting output folders, and reading built HTML as plain text.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub mod banks;
pub mod faults;
pub mod search_data;
pub mod tools;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The content folder of a fixture site under tests/fixtures/.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name).join("content")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The whole run, for assertion messages.
    pub fn show(&self) -> String {
        format!(
            "exit code {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Self {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Runs `unitpress ARGS… --content CONTENT EXTRA…`.
pub fn unitpress(args: &[&str], content: &Path, extra: &[&std::ffi::OsStr]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_unitpress"))
        .args(args)
        .arg("--content")
        .arg(content)
        .args(extra)
        .output()
        .expect("cannot run the unitpress binary")
        .into()
}

/// Runs `unitpress build --content CONTENT --out OUT` with `extra` arguments.
pub fn build(content: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut rest: Vec<&std::ffi::OsStr> = vec!["--out".as_ref(), out.as_os_str()];
    rest.extend(extra.iter().map(|e| std::ffi::OsStr::new(*e)));
    unitpress(&["build"], content, &rest)
}

/// A copy of the minimal fixture whose site template for criterion pages uses a variable no
/// page has: it compiles, and fails only when a criterion page is rendered.
pub fn fixture_with_failing_template() -> TempDir {
    let tmp = fixture_with(&[]);
    let templates = tmp.path().join("templates");
    fs::create_dir(&templates).unwrap();
    fs::write(
        templates.join("criterion.html"),
        "<h1>{{ no_such_variable }}</h1>\n",
    )
    .unwrap();
    tmp
}

/// Builds and asserts that the build succeeded without a panic.
pub fn build_ok(content: &Path, out: &Path, extra: &[&str]) -> Run {
    let run = build(content, out, extra);
    assert_eq!(
        run.code,
        Some(0),
        "the build should succeed\n{}",
        run.show()
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.show());
    run
}

/// Builds the bundled course (content/) into a new temporary folder; returns it and the site.
pub fn build_bundled(extra: &[&str]) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_ok(&repo().join("content"), &out, extra);
    (tmp, out)
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// One text edit to a fixture file: (path under content/, text to find, its replacement).
pub type Edit<'a> = (&'a str, &'a str, &'a str);

/// A copy of the minimal fixture in a temporary folder (as `<tmp>/content`), with `edits`
/// applied. Each `from` must occur exactly once in its file, so a fixture change that moves the
/// text shows up here rather than as a confusing failure later.
pub fn fixture_with(edits: &[Edit<'_>]) -> TempDir {
    copy_of("minimal", edits)
}

/// A copy of the fixture `name` in a temporary folder (as `<tmp>/content`), with `edits`
/// applied as [`fixture_with`] applies them.
pub fn copy_of(name: &str, edits: &[Edit<'_>]) -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture(name), &content);
    for (rel, from, to) in edits {
        let path = content.join(rel);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(
            text.matches(from).count(),
            1,
            "{rel} should contain {from:?} exactly once"
        );
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    tmp
}

/// A copy of the minimal fixture (as `<tmp>/content`) with `copies` more copies of its unit,
/// `demo-unit-1` and on: a course big enough that building it takes a while.
pub fn fixture_with_units(copies: usize) -> TempDir {
    let tmp = fixture_with(&[]);
    let units = tmp.path().join("content/units");
    for i in 1..=copies {
        copy_dir(
            &units.join("demo-unit"),
            &units.join(format!("demo-unit-{i}")),
        );
    }
    tmp
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Every file below `dir`, relative to it with forward slashes, sorted.
pub fn files_below(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy();
                out.push(rel.replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The HTML files below `dir`, relative to it.
pub fn html_files(dir: &Path) -> Vec<String> {
    files_below(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

/// Every file below `dir` with its bytes: to show that a folder was left exactly as it was.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_below(dir)
        .into_iter()
        .map(|rel| {
            let bytes = fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Asserts that `dir` holds exactly the files of `before`, with the same bytes; `why` says what
/// should have kept it so.
pub fn assert_unchanged(dir: &Path, before: &BTreeMap<String, Vec<u8>>, why: &str) {
    let after = snapshot(dir);
    let names = |s: &BTreeMap<String, Vec<u8>>| s.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&after),
        names(before),
        "{why}: the files of {}",
        dir.display()
    );
    for (rel, bytes) in before {
        assert!(
            after[rel] == *bytes,
            "{why}: {rel} changed in {}",
            dir.display()
        );
    }
}

/// The names of the entries directly inside `dir`, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Reads a built page, failing with its path if it is missing.
pub fn page(site: &Path, rel: &str) -> String {
    fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("cannot read page {rel}: {e}"))
}

/// The inner HTML of every `<tag>` element in `html` (with `class` among its classes, if given),
/// in document order. Nested elements of the same tag are matched to their own closing tag.
pub fn elements<'a>(html: &'a str, tag: &str, class: Option<&str>) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let opens_here = |at: usize| {
        html[at..].starts_with(&open)
            && html[at + open.len()..]
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c.is_whitespace())
    };
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = html[at..].find(&open).map(|i| at + i) {
        at = i + open.len();
        if !opens_here(i) {
            continue;
        }
        let Some(end_of_open) = html[i..].find('>').map(|e| i + e + 1) else {
            break;
        };
        let attrs = &html[i + open.len()..end_of_open - 1];
        if class.is_some_and(|c| !has_class(attrs, c)) {
            continue;
        }
        let (mut depth, mut pos) = (1, end_of_open);
        while depth > 0 {
            let next_close = html[pos..].find(&close).map(|j| pos + j);
            let mut next_open = None;
            let mut k = pos;
            while let Some(j) = html[k..].find(&open).map(|j| k + j) {
                if next_close.is_some_and(|c| j > c) {
                    break;
                }
                if opens_here(j) {
                    next_open = Some(j);
                    break;
                }
                k = j + open.len();
            }
            match (next_open, next_close) {
                (Some(j), _) => {
                    depth += 1;
                    pos = j + open.len();
                }
                (None, Some(c)) => {
                    depth -= 1;
                    pos = c + close.len();
                    if depth == 0 {
                        out.push(&html[end_of_open..c]);
                    }
                }
                (None, None) => panic!("<{tag}> at byte {i} is never closed"),
            }
        }
    }
    out
}

fn has_class(attrs: &str, class: &str) -> bool {
    attrs
        .split_once("class=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .is_some_and(|(value, _)| value.split_whitespace().any(|c| c == class))
}

/// The header and data cells (`<th>`, `<td>`) of a table row, in order.
pub fn cells(row: &str) -> Vec<&str> {
    let mut all = elements(row, "th", None);
    all.extend(elements(row, "td", None));
    all.sort_by_key(|cell| cell.as_ptr() as usize);
    all
}

/// Tags after which text starts a new block: replaced by a space when tags are stripped.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// The text a reader sees in `html`: tags removed, entities decoded, whitespace collapsed.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            rest = &rest[lt..];
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    normalise(&decode_entities(&out))
}

/// Decodes the named entities templates and Markdown produce, and numeric ones.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .map(|hex| u32::from_str_radix(hex, 16))
                    .or_else(|| name.strip_prefix('#').map(str::parse))
                    .and_then(Result::ok)
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Collapses every run of whitespace to one space and trims the ends.
pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Self-checks of the helpers above, run by every test binary that includes this module.
#[test]
fn html_helpers_read_nested_markup_and_entities() {
    let html = r#"<div class="a grid"><div>x</div><p>Caf&eacute; &amp; <b>bar</b>&#x27;s&#x2F;</p></div><div>y</div>"#;
    let grids = elements(html, "div", Some("grid"));
    assert_eq!(grids.len(), 1);
    assert!(grids[0].ends_with("</p>"));
    assert_eq!(elements(html, "div", None).len(), 3);
    assert_eq!(text_of(grids[0]), "x Caf&eacute; & bar's/");
    let row = "<th scope=\"row\">1</th><td>a</td><td><p>b</p></td>";
    assert_eq!(cells(row), ["1", "a", "<p>b</p>"]);
    assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
}

/// Each error's first line and the place it points at.
pub fn error_heads(output: &str) -> std::collections::BTreeSet<String> {
    let lines: Vec<&str> = output.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("error: "))
        .map(|(i, l)| {
            let at = lines
                .get(i + 1)
                .filter(|n| n.trim_start().starts_with("-->"));
            format!("{l} {}", at.map_or("", |a| a.trim()))
        })
        .collect()
}

/// Seven independent mistakes in four files, as a new teacher might make them.
pub const SEVEN_MISTAKES: &[Edit<'static>] = &[
    ("units/demo-unit/unit.md", "level = 2", "levle = 2"),
    ("units/demo-unit/unit.md", "order = 1", "order = \"first\""),
    (
        "units/demo-unit/criteria.toml",
        "band = \"merit\"",
        "band = \"Merit\"",
    ),
    (
        "units/demo-unit/criteria.toml",
        "text = \"Evaluate a demo against its aim\"\n",
        "",
    ),
    (
        "units/demo-unit/quizzes/p1.toml",
        "correct = true\nfeedback = \"Yes: a demo starts",
        "correct = yes\nfeedback = \"Yes: a demo starts",
    ),
    (
        "units/demo-unit/quizzes/p1.toml",
        "comes first?\"\ntopic = \"demo-parts\"",
        "comes first?\"\ntopic = \"demo-partz\"",
    ),
    (
        "units/demo-unit/knowledge/how-demos-work.md",
        "Each part of a demo",
        "Each [part](@/units/demo-unit/knowledge/demo-partz.md) of a demo",
    ),
];

/// Everything the search index of the built site at `site` holds, as one text: for checks of
/// what search can find and show. Its scripts as they are, then the texts of the result data,
/// which the scripts hold coded (see [`search_data`]).
pub fn search_index_text(site: &Path) -> String {
    let mut text: String = files_below(&site.join("search"))
        .iter()
        .filter(|f| f.ends_with(".js"))
        .map(|f| fs::read_to_string(site.join("search").join(f)).unwrap())
        .collect();
    for line in search_data::result_texts(site) {
        text.push('\n');
        text.push_str(&line);
    }
    text
}
