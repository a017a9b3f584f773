//! Course files end to end (tests/fixtures/files: a PNG, an SVG, a PDF and a Word document in
//! the unit's files/ folder, a PNG in the course's): the site holds each used file under its
//! versioned address and every link and image resolves from disk; images carry their size and
//! alt text, downloads their type and size, the unit page lists them and search finds them. A
//! missing file, an image without alt text and a name that is not web-safe are positioned
//! errors of both build and check; unused and oversize files are check warnings; serve picks
//! up a changed file.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::*;
use crate::serve_support::Served;
use serde_json::Value;

const KNOWLEDGE_MD: &str = "units/demo-unit/knowledge/demo-parts.md";
const KNOWLEDGE_PAGE: &str = "units/demo-unit/knowledge/demo-parts/index.html";
const UNIT_PAGE: &str = "units/demo-unit/index.html";

/// The check report of `content` as JSON, and the run.
fn check_json(content: &Path) -> (Run, Vec<Value>) {
    let run = unitpress(&["check"], content, &["--format".as_ref(), "json".as_ref()]);
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("check's JSON does not parse: {e}\n{}", run.show()));
    let list = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (run, list)
}

/// The finding of `severity` whose message holds `text`.
fn finding<'a>(list: &'a [Value], severity: &str, text: &str) -> &'a Value {
    list.iter()
        .find(|d| d["severity"] == severity && d["message"].as_str().unwrap().contains(text))
        .unwrap_or_else(|| panic!("no {severity} saying {text:?} in {list:#?}"))
}

#[test]
fn images_and_downloads_are_published_with_size_alt_and_type_labels() {
    let tmp = copy_of("files", &[]);
    let content = tmp.path().join("content");
    let out = tmp.path().join("public");
    build_ok(&content, &out, &["--edition", "teacher"]);

    // Every relative link and image of every page leads to a file of the site, so it works
    // from disk and from any sub-folder of a server alike.
    let crawl = Command::new("python3")
        .arg(repo().join("bench/check_links.py"))
        .arg(&out)
        .output()
        .expect("run python3");
    let said = String::from_utf8_lossy(&crawl.stdout);
    assert!(crawl.status.success(), "{said}");
    assert!(said.contains(" 0 broken"), "{said}");

    let published: Vec<String> = files_below(&out)
        .into_iter()
        .filter(|f| f.contains("files/"))
        .collect();
    assert_eq!(published.len(), 5, "{published:?}");
    for (name, original) in [
        (
            "diagrams/demo-flow.svg",
            "units/demo-unit/files/diagrams/demo-flow.svg",
        ),
        ("self-review.docx", "units/demo-unit/files/self-review.docx"),
        ("course-banner.png", "files/course-banner.png"),
    ] {
        let at = published
            .iter()
            .find(|p| p.ends_with(&format!("/{name}")))
            .unwrap_or_else(|| panic!("{name} not published: {published:?}"));
        assert_eq!(
            fs::read(out.join(at)).unwrap(),
            fs::read(content.join(original)).unwrap(),
            "{at} is a copy of {original}"
        );
        let version = at
            .trim_end_matches(&format!("/{name}"))
            .rsplit('/')
            .next()
            .unwrap();
        assert!(
            version.len() == 10 && version.bytes().all(|b| b.is_ascii_hexdigit()),
            "{at}"
        );
    }

    let knowledge = page(&out, KNOWLEDGE_PAGE);
    let images: Vec<&str> = knowledge
        .split("<img ")
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap()])
        .collect();
    assert_eq!(images.len(), 2, "{knowledge}");
    assert!(
        images[0].contains("width=\"300\" height=\"120\""),
        "{}",
        images[0]
    );
    assert!(
        images[0].contains("alt=\"Three boxes in a row, left to right: opening, middle, close\"")
    );
    assert!(
        !images[0].contains("loading="),
        "the first image loads at once"
    );
    assert!(
        images[1].contains("width=\"12\" height=\"8\" loading=\"lazy\""),
        "{}",
        images[1]
    );
    assert!(
        knowledge.contains("<figcaption>The three parts of a demo, in order</figcaption></figure>")
    );
    assert!(knowledge.contains(
        "self-review template <span class=\"file-meta\">(Word document, 1 KB)</span></a>"
    ));

    let unit = page(&out, UNIT_PAGE);
    assert!(unit
        .contains("alt=\"A banner of stripes in the course colours\" width=\"40\" height=\"10\""));
    let resources = unit
        .split("<h2 id=\"resources-heading\">Resources for this unit</h2>")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("no resources list\n{unit}"));
    assert_eq!(
        text_of(resources)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        "demo planning worksheet (PDF, 1 KB) self-review template (Word document, 1 KB)",
        "each download once, in page order"
    );
    let brief = page(&out, "units/demo-unit/briefs/demo-report/index.html");
    assert!(
        brief.contains("(Word document, 1 KB)</span></a>"),
        "TOML-held Markdown too"
    );
    let search = search_index_text(&out);
    assert!(
        search.contains("self-review template (Word document, 1 KB)"),
        "{search}"
    );
}

#[test]
fn file_mistakes_are_positioned_errors_of_build_and_check() {
    let tmp = copy_of(
        "files",
        &[
            (
                KNOWLEDGE_MD,
                "![A small stage with a lectern, seen from the audience]",
                "![]",
            ),
            (
                KNOWLEDGE_MD,
                "../files/self-review.docx",
                "../files/self-reveiw.docx",
            ),
            (
                "units/demo-unit/outcomes/1.md",
                "../files/demo-worksheet.pdf",
                "../../../../outside.pdf",
            ),
        ],
    );
    let content = tmp.path().join("content");
    let files = content.join("units/demo-unit/files");
    fs::write(files.join("page.html"), "<script>alert(1)</script>").unwrap();
    fs::write(
        files.join("diagrams/scripted.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
    )
    .unwrap();

    let (run, list) = check_json(&content);
    assert_eq!(run.code, Some(1), "{}", run.show());
    let md = fs::read_to_string(content.join(KNOWLEDGE_MD)).unwrap();
    let at = |d: &Value, text: &str| {
        let offset = md.find(text).unwrap();
        assert_eq!(
            (
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize
            ),
            line_col(&md, offset),
            "{d:#}"
        );
        assert!(
            d["file"].as_str().unwrap().ends_with("demo-parts.md"),
            "{d:#}"
        );
    };
    let alt = finding(&list, "error", "this image has no alt text");
    at(alt, "../files/demo-stage.png");
    assert!(
        alt["help"].as_str().unwrap().contains("![decorative]"),
        "{alt:#}"
    );
    let missing = finding(
        &list,
        "error",
        "there is no file `units/demo-unit/files/self-reveiw.docx`",
    );
    at(missing, "../files/self-reveiw.docx");
    assert_eq!(missing["help"], "did you mean `../files/self-review.docx`?");
    let outside = finding(&list, "error", "leads out of the content folder");
    let outcome = fs::read_to_string(content.join("units/demo-unit/outcomes/1.md")).unwrap();
    let (line, column) = line_col(&outcome, outcome.find("../../../../outside.pdf").unwrap());
    assert_eq!(
        (outside["line"].clone(), outside["column"].clone()),
        (line.into(), column.into())
    );
    finding(&list, "error", "does not publish files of this kind");
    finding(
        &list,
        "error",
        "this SVG drawing holds script (the attribute onload)",
    );

    // build stops on the same errors, and publishes nothing.
    let out = tmp.path().join("public");
    let built = build(&content, &out, &[]);
    assert_eq!(built.code, Some(1), "{}", built.show());
    for message in [
        "this image has no alt text",
        "self-reveiw.docx",
        "leads out of the content folder",
        "holds script",
    ] {
        assert!(
            built.stderr.contains(message),
            "{message}\n{}",
            built.show()
        );
    }
    assert!(!out.exists());
}

#[test]
fn check_warns_of_unused_and_oversize_files_and_still_passes() {
    let tmp = copy_of("files", &[]);
    let content = tmp.path().join("content");
    let files = content.join("units/demo-unit/files");
    fs::write(files.join("old-handout.pdf"), "%PDF-1.4 unused").unwrap();
    // Not a real photo: the header says 3000 × 2000, the rest is padding to 2 MB.
    let mut big = fs::read(files.join("demo-stage.png")).unwrap();
    big[16..24].copy_from_slice(&[0, 0, 0x0b, 0xb8, 0, 0, 0x07, 0xd0]);
    big.resize(2 * 1024 * 1024, 0);
    fs::write(files.join("demo-stage.png"), big).unwrap();

    let (run, list) = check_json(&content);
    assert_eq!(run.code, Some(0), "warnings only\n{}", run.show());
    let unused = finding(&list, "warning", "no page links to `old-handout.pdf`");
    assert!(unused["file"]
        .as_str()
        .unwrap()
        .ends_with("files/old-handout.pdf"));
    let big = finding(&list, "warning", "`demo-stage.png` is 2.0 MB");
    assert!(
        big["help"].as_str().unwrap().contains("1600 px wide"),
        "{big:#}"
    );

    let out = tmp.path().join("public");
    build_ok(&content, &out, &[]);
    assert!(
        !files_below(&out)
            .iter()
            .any(|f| f.ends_with("old-handout.pdf")),
        "an unused file is not published"
    );
    // A picture wider than 1600 px is shown at most 1600 wide, from its smaller copies.
    assert!(page(&out, KNOWLEDGE_PAGE).contains("width=\"1600\""));
}

#[test]
fn serve_publishes_a_changed_file_under_its_new_address_and_reloads() {
    let tmp = copy_of("files", &[]);
    let content = tmp.path().join("content");
    let served = Served::start(&content);
    let before = served.get(&format!("/{KNOWLEDGE_PAGE}"));
    assert_eq!(before.status, 200, "{}", served.log());
    let address = |html: &str| {
        let at = html
            .find("demo-stage.png")
            .expect("the image is on the page");
        let start = html[..at].rfind("src=\"").unwrap() + 5;
        html[start..at + "demo-stage.png".len()].replace("../", "")
    };
    let old = address(&before.body);
    assert_eq!(served.get(&format!("/{old}")).status, 200);

    let mut events = served.events();
    events.wait_for("ok", |_| true);
    let png = content.join("units/demo-unit/files/demo-stage.png");
    let mut bytes = fs::read(&png).unwrap();
    bytes.extend_from_slice(b"changed");
    fs::write(&png, bytes).unwrap();
    events.wait_for("reload", |d| {
        d["all"] == true
            || d["changed"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p == KNOWLEDGE_PAGE)
    });
    let after = served.get(&format!("/{KNOWLEDGE_PAGE}"));
    let new = address(&after.body);
    assert_ne!(new, old, "a changed file gets a new address");
    let file = served.get(&format!("/{new}"));
    assert_eq!(file.status, 200, "{}", served.log());
    assert_eq!(
        served.get(&format!("/{old}")).status,
        404,
        "the old copy is gone"
    );
}

#[test]
fn a_file_name_that_is_not_web_safe_is_refused_with_the_name_to_use() {
    let tmp = copy_of("files", &[]);
    let content = tmp.path().join("content");
    fs::write(
        content.join("units/demo-unit/files/Demo Notes.txt"),
        "notes",
    )
    .unwrap();
    fs::create_dir(content.join("files/Old Logos")).unwrap();
    let (run, list) = check_json(&content);
    assert_eq!(run.code, Some(1), "{}", run.show());
    let name = finding(
        &list,
        "error",
        "`Demo Notes.txt` cannot be used in a web address",
    );
    let help = name["help"].as_str().unwrap();
    assert!(
        help.contains("rename the file `demo-notes.txt`"),
        "{name:#}"
    );
    assert!(name["file"]
        .as_str()
        .unwrap()
        .ends_with("files/Demo Notes.txt"));
    let folder = finding(
        &list,
        "error",
        "`Old Logos` cannot be used in a web address",
    );
    assert!(folder["help"]
        .as_str()
        .unwrap()
        .contains("rename the folder `old-logos`"));
    let built = build(&content, &tmp.path().join("public"), &[]);
    assert_eq!(built.code, Some(1), "{}", built.show());
    assert!(built.stderr.contains("Demo Notes.txt"), "{}", built.show());
}

/// A JPEG photo `width` × `height` pixels of smooth colour, as a camera would give.
fn photo(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 80)
        .encode_image(&image)
        .unwrap();
    bytes
}

#[test]
fn a_large_photo_is_offered_at_smaller_widths_made_once_and_reused_by_a_rebuild() {
    let tmp = copy_of("files", &[]);
    let content = tmp.path().join("content");
    let out = tmp.path().join("public");
    fs::write(
        content.join("units/demo-unit/files/shop-front.jpg"),
        photo(2000, 1000),
    )
    .unwrap();
    let md = content.join(KNOWLEDGE_MD);
    let text = fs::read_to_string(&md).unwrap()
        + "\n![A shop front with a wide, clean window and the door open](../files/shop-front.jpg)\n";
    fs::write(&md, text).unwrap();
    build_ok(&content, &out, &["--edition", "teacher"]);

    let html = page(&out, KNOWLEDGE_PAGE);
    let img = html
        .split("<img ")
        .find(|i| i.contains("shop-front"))
        .expect("the photo is in the page");
    // The page asks for the 1600-pixel copy at most, with the original's shape.
    assert!(img.contains(r#"width="1600" height="800""#), "{img}");
    assert!(img.contains("shop-front-480w.jpg 480w"), "{img}");
    assert!(img.contains("shop-front-960w.jpg 960w"), "{img}");
    assert!(img.contains("shop-front-1600w.jpg 1600w"), "{img}");
    let copies: Vec<String> = files_below(&out)
        .into_iter()
        .filter(|f| f.contains("shop-front-"))
        .collect();
    assert_eq!(copies.len(), 3, "{copies:?}");
    for copy in &copies {
        let width: u32 = copy
            .rsplit('-')
            .next()
            .and_then(|w| w.strip_suffix("w.jpg"))
            .and_then(|w| w.parse().ok())
            .unwrap();
        let made = image::open(out.join(copy)).unwrap();
        assert_eq!((made.width(), made.height()), (width, width / 2), "{copy}");
    }

    // A rebuild finds the copies in the site it replaces and links them: the same files, not
    // made again (a copy made again would be a new file, modified now).
    let modified = |copy: &str| fs::metadata(out.join(copy)).unwrap().modified().unwrap();
    let before: Vec<_> = copies.iter().map(|c| modified(c)).collect();
    std::thread::sleep(std::time::Duration::from_millis(50));
    build_ok(&content, &out, &["--edition", "teacher"]);
    let after: Vec<_> = copies.iter().map(|c| modified(c)).collect();
    assert_eq!(before, after, "the rebuild made the copies again");

    // A new photo under the same name gets a new version: its copies are made, and the old
    // version's folder is not carried into the new site.
    fs::write(
        content.join("units/demo-unit/files/shop-front.jpg"),
        photo(1800, 1200),
    )
    .unwrap();
    build_ok(&content, &out, &["--edition", "teacher"]);
    let now: Vec<String> = files_below(&out)
        .into_iter()
        .filter(|f| f.contains("shop-front"))
        .collect();
    assert_eq!(now.len(), 4, "the photo and three copies: {now:?}");
    assert!(now.iter().all(|f| !copies.contains(f)), "{now:?}");
    let html = page(&out, KNOWLEDGE_PAGE);
    assert!(
        html.contains(r#"width="1600" height="1067""#),
        "the new photo's shape"
    );
}
