//! Broken links between pages: a site link (`@/…`) to a page the course does not have, or to a
//! section that is not there, and relative links, which lead somewhere different from pages at
//! different depths; and a warning on each plain `http:` link. Links the site never publishes
//! (`javascript:` …) are errors of the model stage, which the build runs too.

use std::collections::HashSet;

use crate::diagnostic::{listed, Diagnostic, SourceMap};
use crate::markdown::{self, classify, LinkTarget};
use crate::model::spans::{LinkSpan, Spans, UnitSpans};
use crate::model::Course;
use crate::render::{page_paths, page_paths_where};
use crate::routes::{self, Route};

const HOW: &str = "write @/ and the page's address from the site root, e.g. \
                   @/units/unit-10/criteria/p4/, or the file that makes the page, e.g. \
                   @/units/unit-10/knowledge/customer-needs.md (see docs/content-format.md)";

/// Every broken link in the course's Markdown.
pub fn broken(course: &Course, spans: &Spans, sources: &SourceMap) -> Vec<Diagnostic> {
    let pages: HashSet<String> = page_paths(course).into_iter().collect();
    let mut out = Vec::new();
    for u in &course.units {
        if let Some(at) = spans.units.get(&u.slug) {
            out.extend(in_links(course, &pages, &at.links, sources));
        }
    }
    out
}

/// The broken links of one unit's Markdown, whose spans are `at` (after one unit was read
/// again). Only the pages of the units its links name, and the site-wide pages, are listed to
/// look them up in: every page's address is one of a unit's or a site-wide one.
pub fn broken_in_unit(course: &Course, at: &UnitSpans, sources: &SourceMap) -> Vec<Diagnostic> {
    let named: HashSet<String> = at
        .links
        .iter()
        .filter_map(|l| match classify(&l.written) {
            LinkTarget::Site { path, .. } => {
                Route::parse(&path).and_then(|r| r.unit().map(str::to_string))
            }
            _ => None,
        })
        .collect();
    let pages: HashSet<String> =
        page_paths_where(course, |unit| unit.is_none_or(|u| named.contains(u)))
            .into_iter()
            .collect();
    in_links(course, &pages, &at.links, sources)
}

fn in_links(
    course: &Course,
    pages: &HashSet<String>,
    links: &[LinkSpan],
    sources: &SourceMap,
) -> Vec<Diagnostic> {
    links
        .iter()
        .filter_map(|link| check_link(course, pages, link, sources))
        .collect()
}

fn check_link(
    course: &Course,
    pages: &HashSet<String>,
    link: &LinkSpan,
    sources: &SourceMap,
) -> Option<Diagnostic> {
    let at = |message: String| Diagnostic::at(sources, &link.span, message);
    match classify(&link.written) {
        LinkTarget::Elsewhere | LinkTarget::Refused(_) => None,
        LinkTarget::Insecure => Some(
            at(format!(
                "`{}` is a plain http: link, which anyone on the reader's network can alter",
                link.written
            ))
            .warning()
            .help(format!(
                "write https: instead (https:{}), if the site answers there",
                link.written.split_once(':').map_or("", |(_, rest)| rest)
            )),
        ),
        LinkTarget::Relative => Some(
            at(format!(
                "`{}` is not a link this site can keep working",
                link.written
            ))
            .help(format!(
                "links between pages start with @/: {HOW}; a relative link leads somewhere \
                 else from each page that shows this text (images and downloads are the \
                 exception: put them in the unit's files/ folder and link to ../files/name)"
            )),
        ),
        LinkTarget::Site { path, .. } if !pages.contains(&path) => Some(
            at(format!(
                "`{}` links to a page the site does not have",
                link.written
            ))
            .help(missing_page_help(course, &path)),
        ),
        LinkTarget::Site {
            path,
            fragment: Some(fragment),
        } => {
            missing_section(course, &path, &fragment).map(|(message, help)| at(message).help(help))
        }
        LinkTarget::Site { .. } => None,
    }
}

/// A message and help when `fragment` names a section the page cannot have: a heading of a
/// knowledge item's notes, or a scenario on a unit page. Other fragments are not checked.
fn missing_section(course: &Course, path: &str, fragment: &str) -> Option<(String, String)> {
    let unit = |slug: &str| course.units.iter().find(|u| u.slug == slug);
    match Route::parse(path)? {
        Route::Knowledge(u, k) => {
            let item = unit(u)?.knowledge_item(k)?;
            let ids: Vec<&str> = item.notes.headings.iter().map(|h| h.id.as_str()).collect();
            (!ids.contains(&fragment)).then(|| {
                let help = if ids.is_empty() {
                    format!("it has no headings: {}", markdown::HEADING_FORM)
                } else {
                    format!("link to one of its headings: {}", listed(&ids))
                };
                (
                    format!("knowledge item `{k}` has no heading `#{fragment}`"),
                    help,
                )
            })
        }
        Route::Unit(u) => {
            let scenario = routes::scenario_of_fragment(fragment)?;
            let u = unit(u)?;
            let slugs: Vec<&str> = u.scenarios.iter().map(|s| s.slug.as_str()).collect();
            (!slugs.contains(&scenario)).then(|| {
                (
                    format!("unit `{}` has no assessment scenario `{scenario}`", u.slug),
                    format!("its scenarios are {}", listed(&slugs)),
                )
            })
        }
        _ => None,
    }
}

/// What to write instead of a link to a page that does not exist.
fn missing_page_help(course: &Course, path: &str) -> String {
    let Some(route) = Route::parse(path) else {
        return HOW.into();
    };
    let Some(slug) = route.unit() else {
        return HOW.into();
    };
    let Some(unit) = course.units.iter().find(|u| u.slug == slug) else {
        let slugs: Vec<&str> = course.units.iter().map(|u| u.slug.as_str()).collect();
        let hint = crate::suggest::closest(slug, slugs.iter().copied())
            .map(|right| format!("did you mean `{right}`? "))
            .unwrap_or_default();
        return format!(
            "{hint}there is no unit `{slug}`; the units are {}",
            listed(&slugs)
        );
    };
    let (kind, written, names): (String, &str, Vec<String>) = match route {
        Route::Criterion(_, c) => (
            "criteria".into(),
            c,
            unit.criteria.iter().map(|c| c.id.clone()).collect(),
        ),
        Route::Knowledge(_, k) => (
            "knowledge items".into(),
            k,
            unit.knowledge.iter().map(|k| k.slug.clone()).collect(),
        ),
        Route::Outcome(_, o) => (
            unit.facts.outcome_term.plural(),
            o,
            unit.outcomes.iter().map(|o| o.slug.clone()).collect(),
        ),
        Route::Brief(_, b) => (
            "briefs".into(),
            b,
            unit.briefs.iter().map(|b| b.slug.clone()).collect(),
        ),
        _ => return HOW.into(),
    };
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = crate::suggest::closest(written, names.iter().copied())
        .map(|right| format!("did you mean `{right}`? "))
        .unwrap_or_default();
    format!("{hint}unit `{slug}` has these {kind}: {}", listed(&names))
}
