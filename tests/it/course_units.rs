//! The whole bundled course: every unit's criteria, counted and compared word for word with the
//! specifications in tests/fixtures/specs/ (copies of the seed texts), and the cross-links the specifications give.

use std::fs;
use std::path::Path;

use crate::common::*;
use unitpress::model::{Course, CriterionKind};

fn course() -> Course {
    unitpress::site::load_course(&repo().join("content")).unwrap_or_else(|errors| {
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the bundled course does not load:\n{}", shown.join("\n"))
    })
}

/// A seed's words, with the extraction's markup and quote encodings folded away.
fn seed_words(file: &str) -> Vec<String> {
    let path = repo().join("tests/fixtures/specs").join(file);
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    rejoin_hyphenated(words(&strip_tags(&text)))
}

/// Joins a word the extraction broke at a hyphen ("customer-" + "centred").
fn rejoin_hyphenated(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for w in words {
        match out.last_mut() {
            Some(last) if last.len() > 1 && last.ends_with('-') => last.push_str(&w),
            _ => out.push(w),
        }
    }
    out
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.replace("¡¯", "'")
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .split(|c: char| c.is_whitespace() || c == '•')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `wording` appears in the seed with every word in order. The extraction interleaves
/// table columns and page headers into long criteria, so a few seed words may stand between
/// the criterion's words; none of the criterion's own words may be missing or changed.
fn in_seed(seed: &[String], wording: &str) -> bool {
    let want = words(wording);
    const MAX_SKIPPED: usize = 16;
    (0..seed.len())
        .filter(|&i| seed[i] == want[0])
        .any(|start| {
            let (mut at, mut skipped) = (start + 1, 0);
            for w in &want[1..] {
                while at < seed.len() && seed[at] != *w && skipped <= MAX_SKIPPED {
                    at += 1;
                    skipped += 1;
                }
                if at >= seed.len() || skipped > MAX_SKIPPED {
                    return false;
                }
                at += 1;
            }
            true
        })
}

#[test]
fn every_unit_has_its_criteria_worded_as_the_specification() {
    let course = course();
    let expected = [
        ("unit-10", "002_dd3b65dadfe97da1.txt", 10),
        ("b15", "000_9ad4c8d7c512040a.txt", 18),
        ("unit-5", "001_96a00ec6375bd74c.txt", 21),
        ("unit-20", "004_64b410fa6f5d4915.txt", 17),
        ("cfacsb15", "003_8da05756db76d49a.txt", 19),
    ];
    assert_eq!(
        course.units.len(),
        expected.len(),
        "the course has the five units"
    );
    for (slug, seed_file, count) in expected {
        let unit = course
            .units
            .iter()
            .find(|u| u.slug == slug)
            .unwrap_or_else(|| panic!("no unit {slug}"));
        assert_eq!(unit.criteria.len(), count, "{slug} criteria");
        let seed = seed_words(seed_file);
        // Titles may be set in capitals on the cover: compare them ignoring case.
        let lower: Vec<String> = seed.iter().map(|w| w.to_lowercase()).collect();
        let title = unit.facts.title.to_lowercase();
        assert!(
            in_seed(&lower, &title),
            "{slug}: title {:?} is not in the seed",
            unit.facts.title
        );
        for o in &unit.outcomes {
            assert!(
                in_seed(&seed, &o.title),
                "{slug}: outcome {:?} is not in the seed",
                o.title
            );
        }
        for c in &unit.criteria {
            assert!(
                in_seed(&seed, &c.text),
                "{slug} {}: {:?} is not worded as in the seed",
                c.id,
                c.text
            );
        }
    }
}

#[test]
fn the_standard_has_9_performance_criteria_and_10_knowledge_items() {
    let course = course();
    let standard = course
        .units
        .iter()
        .find(|u| u.slug == "cfacsb15")
        .expect("cfacsb15");
    let (knowledge, performance): (Vec<_>, Vec<_>) = standard
        .criteria
        .iter()
        .partition(|c| c.kind == CriterionKind::Knowledge);
    let ids =
        |v: &[&unitpress::model::Criterion]| v.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(&performance),
        (1..=9).map(|n| format!("P{n}")).collect::<Vec<_>>()
    );
    assert_eq!(
        ids(&knowledge),
        (1..=10).map(|n| format!("K{n}")).collect::<Vec<_>>()
    );
    let info = standard
        .facts
        .standard
        .as_ref()
        .expect("the standard's metadata");
    assert_eq!(info.developed_by.as_deref(), Some("Skills CFA"));
    assert_eq!(info.version.as_deref(), Some("2"));
    assert_eq!(info.date_approved.as_deref(), Some("January 2013"));
    assert_eq!(info.indicative_review_date.as_deref(), Some("January 2016"));
    assert_eq!(info.suite.as_deref(), Some("Customer Service (2013)"));
    assert!(info.key_words.iter().any(|k| k == "customer relationships"));
}

#[test]
fn every_criterion_of_every_unit_has_a_quiz_of_at_least_3_questions() {
    let course = course();
    for u in &course.units {
        for c in &u.criteria {
            let quiz = u
                .quiz(&c.id)
                .unwrap_or_else(|| panic!("{} {} has no quiz", u.slug, c.id));
            assert!(
                quiz.questions.len() >= 3,
                "{} {}: {} questions",
                u.slug,
                c.id,
                quiz.questions.len()
            );
        }
    }
}

/// The page text of a built page, tags stripped.
fn text(site: &Path, rel: &str) -> String {
    normalise(&text_of(&page(site, rel)))
}

/// The hrefs on a built page, resolved against the page's folder and tidied.
fn links(site: &Path, rel: &str) -> Vec<String> {
    let html = page(site, rel);
    let dir = Path::new(rel).parent().unwrap_or(Path::new(""));
    html.split("href=\"")
        .skip(1)
        .map(|rest| decode_entities(&rest[..rest.find('"').unwrap_or(0)]))
        .map(|href| {
            let mut parts: Vec<&str> = dir
                .to_str()
                .unwrap_or("")
                .split('/')
                .filter(|p| !p.is_empty())
                .collect();
            for seg in href.split('#').next().unwrap_or("").split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    s => parts.push(s),
                }
            }
            parts.join("/")
        })
        .collect()
}

#[test]
fn cross_links_from_the_specifications_exist_and_resolve() {
    let (_tmp, site) = build_bundled(&[]);
    let unit10 = text(&site, "units/unit-10/index.html");
    for cfa in [
        "CfA Unit F2",
        "CfA Unit F1",
        "CfA Unit A3",
        "CfA Unit A6",
        "CfA Unit D2",
    ] {
        assert!(unit10.contains(cfa), "Unit 10 names {cfa}");
    }
    for unit in ["b15", "unit-5"] {
        let to_standard = links(&site, &format!("units/{unit}/index.html"));
        assert!(
            to_standard.iter().any(|l| l == "units/cfacsb15/index.html"),
            "{unit} links to CFACSB15"
        );
    }
    assert!(
        text(&site, "units/unit-20/index.html").contains("CFAB11"),
        "Unit 20 names CFAB11"
    );
    let standard = links(&site, "units/cfacsb15/index.html");
    for unit in ["b15", "unit-5"] {
        assert!(
            standard
                .iter()
                .any(|l| *l == format!("units/{unit}/index.html")),
            "CFACSB15 lists {unit}"
        );
    }
    let b15 = links(&site, "units/b15/criteria/1-1/index.html");
    assert!(
        b15.iter()
            .any(|l| l == "units/cfacsb15/criteria/p1/index.html"),
        "B15 1.1 links to CFACSB15 P1"
    );
    let p1 = links(&site, "units/cfacsb15/criteria/p1/index.html");
    assert!(
        p1.iter().any(|l| l == "units/b15/criteria/1-1/index.html"),
        "CFACSB15 P1 links back to B15 1.1"
    );
    let progression = links(&site, "progression/index.html");
    for unit in ["unit-10", "unit-20", "unit-5", "b15", "cfacsb15"] {
        assert!(
            progression
                .iter()
                .any(|l| *l == format!("units/{unit}/index.html")),
            "progression lists {unit}"
        );
    }
    for page in [&b15, &p1, &standard, &progression] {
        for l in page.iter().filter(|l| l.ends_with(".html")) {
            assert!(site.join(l).is_file(), "{l} does not resolve");
        }
    }
}

#[test]
fn seed_matching_rejects_a_changed_word() {
    let seed = words("1.1 identify the types of customers with whom they should build");
    assert!(in_seed(&seed, "identify the types of customers"));
    assert!(!in_seed(&seed, "identify the kinds of customers"));
}
