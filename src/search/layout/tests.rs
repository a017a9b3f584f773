use super::super::docs::{Doc, Kind};
use super::super::index::{unit_data, Analyzer};
use super::*;

/// A unit whose documents have these bodies, all knowledge items.
pub(super) fn unit(slug: &str, bodies: &[String]) -> UnitData {
    let docs = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| Doc {
            title: format!("Section {i}"),
            page: None,
            indexed_title: None,
            url: format!("units/{slug}/knowledge/k{i}/index.html"),
            kind: Kind::KnowledgeItem,
            body: body.clone(),
            criterion: None,
        })
        .collect();
    unit_data(slug, "Unit", "Test", docs, &mut Analyzer::default())
}

/// Three units of 40 documents over some 4,000 distinct words: several term parts.
pub(super) fn bodies(unit: usize) -> Vec<String> {
    (0..40)
        .map(|d| {
            (0..60)
                .map(|w| format!("w{}x", (unit * 7919 + d * 131 + w * 17) % 4000))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub(super) fn course(edited: Option<&str>) -> Vec<UnitData> {
    (0..3)
        .map(|u| {
            let mut b = bodies(u);
            if let (1, Some(extra)) = (u, edited) {
                b[5].push_str(extra);
            }
            unit(&format!("u{u}"), &b)
        })
        .collect()
}

#[test]
fn an_edit_rewrites_only_the_parts_it_changes_and_those_as_a_whole_build_would() {
    let mut index = CourseIndex::new(course(None), vec![Vec::new(); Kind::ALL.len()]);
    let before: HashMap<String, String> = index.files().into_iter().collect();
    let parts = index.firsts.len();
    assert!(parts >= 4, "{parts} term parts");
    // One more occurrence of a word the document already has: its count changes.
    let edit = bodies(1)[5].split(' ').next().unwrap().to_string();
    let edited = course(Some(&format!(" {edit}")));
    let files = index
        .replace_unit(edited.into_iter().nth(1).unwrap())
        .unwrap();
    let fresh = CourseIndex::new(
        course(Some(&format!(" {edit}"))),
        vec![Vec::new(); Kind::ALL.len()],
    );
    assert_eq!(fresh.firsts, index.firsts);
    let fresh: HashMap<String, String> = fresh.files().into_iter().collect();
    for (path, script) in &files {
        assert_eq!(Some(script), fresh.get(path), "{path}");
    }
    let rewritten: Vec<&String> = files.iter().map(|(p, _)| p).collect();
    for (path, script) in &fresh {
        if before.get(path) != Some(script) {
            assert!(
                rewritten.contains(&path),
                "{path} changed but was not rewritten"
            );
        }
    }
    let term_parts = rewritten.iter().filter(|p| p.contains("/terms/")).count();
    assert_eq!(term_parts, 1, "{rewritten:?}");
}

#[test]
fn a_new_document_asks_for_the_whole_index() {
    let mut index = CourseIndex::new(course(None), vec![Vec::new(); Kind::ALL.len()]);
    let mut b = bodies(1);
    b.push("one more".into());
    assert!(index.replace_unit(unit("u1", &b)).is_none());
}

#[test]
fn documents_are_numbered_unit_by_unit_and_parts_cover_them() {
    let index = CourseIndex::new(course(None), vec![Vec::new(); Kind::ALL.len()]);
    assert_eq!(index.bases, [0, 40, 80]);
    assert_eq!(index.range(1, DOC_PART)[0], (1, DOC_PART - 40));
    let files = index.files();
    let docs = files.iter().filter(|(p, _)| p.contains("/docs/")).count();
    assert_eq!(docs, 120usize.div_ceil(DOC_PART));
}
