//! Every address of the site, in one place: the pages, the search scripts and the theme's
//! assets. Render, search, the link checks and serve all go through [`Route`]; no other code
//! spells an address. Every page address names its file (`…/index.html`), so the site works in
//! any sub-folder of a server and straight from disk.

use crate::ids::slug_for_id;

/// One address of the site. Unit, item and brief names are their slugs (criteria and outcomes:
/// the URL form of their id, `p1`, `1-1`, `ab-d1`; `1`, `a`, `lo3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route<'a> {
    Home,
    NotFound,
    Search,
    Progression,
    /// The accessibility statement, made from site.toml's `[accessibility]`.
    Accessibility,
    Unit(&'a str),
    Outcome(&'a str, &'a str),
    Criterion(&'a str, &'a str),
    Knowledge(&'a str, &'a str),
    Progress(&'a str),
    Brief(&'a str, &'a str),
    BriefPack(&'a str),
    /// A file of the theme's assets folder (`style.css`).
    Asset(&'a str),
    /// A numbered part of the search index: see [`SearchPart`].
    SearchPart(SearchPart, usize),
    /// The course's list of units and kinds for search, and how its index is laid out.
    SearchManifest,
    /// The words that "did you mean" chooses from.
    SearchWords,
    /// The page a SCORM package starts a unit's SCO at (only in a package).
    ScormLaunch(&'a str),
}

impl<'a> Route<'a> {
    /// The address from the site root.
    pub fn path(&self) -> String {
        match *self {
            Route::Home => "index.html".into(),
            Route::NotFound => "404.html".into(),
            Route::Search => "search/index.html".into(),
            Route::Progression => "progression/index.html".into(),
            Route::Accessibility => "accessibility/index.html".into(),
            Route::Unit(u) => format!("units/{u}/index.html"),
            Route::Outcome(u, o) => format!("units/{u}/outcomes/{o}/index.html"),
            Route::Criterion(u, c) => format!("units/{u}/criteria/{c}/index.html"),
            Route::Knowledge(u, k) => format!("units/{u}/knowledge/{k}/index.html"),
            Route::Progress(u) => format!("units/{u}/progress/index.html"),
            Route::Brief(u, b) => format!("units/{u}/briefs/{b}/index.html"),
            Route::BriefPack(u) => format!("units/{u}/briefs/index.html"),
            Route::Asset(name) => format!("{ASSETS}{name}"),
            Route::SearchPart(part, n) => format!("{SEARCH}{}/{n}.js", part.folder()),
            Route::SearchManifest => "search/manifest.js".into(),
            Route::SearchWords => "search/words.js".into(),
            Route::ScormLaunch(u) => format!("scorm/{u}.html"),
        }
    }

    /// The route whose address is `path`, if it is one of the site's.
    pub fn parse(path: &str) -> Option<Route<'_>> {
        if let Some(name) = path.strip_prefix(ASSETS).filter(|n| !n.is_empty()) {
            return Some(Route::Asset(name));
        }
        if let Some((folder, n)) = path
            .strip_prefix(SEARCH)
            .and_then(|r| r.strip_suffix(".js"))
            .and_then(|r| r.split_once('/'))
        {
            let part = SearchPart::ALL.into_iter().find(|p| p.folder() == folder);
            if let (Some(part), Ok(n)) = (part, n.parse()) {
                return Some(Route::SearchPart(part, n));
            }
        }
        if let Some(unit) = path
            .strip_prefix("scorm/")
            .and_then(|r| r.strip_suffix(".html"))
        {
            return Some(Route::ScormLaunch(unit));
        }
        let segments: Vec<&str> = path.split('/').collect();
        Some(match segments.as_slice() {
            ["index.html"] => Route::Home,
            ["404.html"] => Route::NotFound,
            ["search", "index.html"] => Route::Search,
            ["search", "manifest.js"] => Route::SearchManifest,
            ["search", "words.js"] => Route::SearchWords,
            ["progression", "index.html"] => Route::Progression,
            ["accessibility", "index.html"] => Route::Accessibility,
            ["units", u, "index.html"] => Route::Unit(u),
            ["units", u, "progress", "index.html"] => Route::Progress(u),
            ["units", u, "briefs", "index.html"] => Route::BriefPack(u),
            ["units", u, "outcomes", o, "index.html"] => Route::Outcome(u, o),
            ["units", u, "criteria", c, "index.html"] => Route::Criterion(u, c),
            ["units", u, "knowledge", k, "index.html"] => Route::Knowledge(u, k),
            ["units", u, "briefs", b, "index.html"] => Route::Brief(u, b),
            _ => return None,
        })
    }

    /// The unit this address belongs to, if any.
    pub fn unit(&self) -> Option<&'a str> {
        match *self {
            Route::Unit(u)
            | Route::Outcome(u, _)
            | Route::Criterion(u, _)
            | Route::Knowledge(u, _)
            | Route::Progress(u)
            | Route::Brief(u, _)
            | Route::BriefPack(u)
            | Route::ScormLaunch(u) => Some(u),
            _ => None,
        }
    }
}

/// The folder of the theme's assets.
const ASSETS: &str = "assets/";
/// What the fragment of a scenario's section starts with.
const SCENARIO: &str = "scenario-";
/// The folder of the search index.
const SEARCH: &str = "search/";
/// What stands for a part's number in [`SearchPart::template`].
pub const PART_NUMBER: &str = "{}";

/// The numbered parts of the search index, each a folder of scripts named by number. Terms are
/// numbered in sorted ranges, documents in ranges of their numbers, criteria in the manifest's
/// list of criterion ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SearchPart {
    /// The postings of a range of terms, over the whole course.
    Terms,
    /// The field lengths of a range of documents.
    Lengths,
    /// The titles, addresses and snippets of a range of documents.
    Docs,
    /// The documents of one criterion id, in every unit.
    Criterion,
}

impl SearchPart {
    pub const ALL: [SearchPart; 4] = [
        SearchPart::Terms,
        SearchPart::Lengths,
        SearchPart::Docs,
        SearchPart::Criterion,
    ];

    fn folder(self) -> &'static str {
        match self {
            SearchPart::Terms => "terms",
            SearchPart::Lengths => "lengths",
            SearchPart::Docs => "docs",
            SearchPart::Criterion => "criteria",
        }
    }

    /// The address of part number n with [`PART_NUMBER`] in place of n: the manifest gives it to
    /// the search script, which puts the number in.
    pub fn template(self) -> String {
        format!("{SEARCH}{}/{PART_NUMBER}.js", self.folder())
    }
}

/// The folder of the search index's scripts, from the site root.
pub fn search_folder() -> &'static str {
    SEARCH
}

/// The folder of the theme's assets, from the site root.
pub fn assets_folder() -> &'static str {
    ASSETS
}

/// The folder of a unit's pages, from the site root (`units/unit-10/`).
pub fn unit_folder(slug: &str) -> String {
    format!("units/{slug}/")
}

/// The fragment of a unit page where an assessment scenario is.
pub fn scenario_fragment(slug: &str) -> String {
    format!("{SCENARIO}{slug}")
}

/// The scenario a unit page's fragment names, if it names one (`scenario-report` → `report`).
pub fn scenario_of_fragment(fragment: &str) -> Option<&str> {
    fragment.strip_prefix(SCENARIO)
}

/// The address of an assessment scenario: a section of its unit's page.
pub fn scenario(unit: &str, slug: &str) -> String {
    format!("{}#{}", Route::Unit(unit).path(), scenario_fragment(slug))
}

/// The prefix that leads from the page at `path` back to the site root: "" or "../../" …
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The page a site link (`@/…`, the prefix taken off) names, as an address from the site root,
/// and its fragment. A link may name a page's address (`units/u/criteria/p4/`, with or without
/// the final slash or `index.html`) or the content file that makes the page (`unit.md`,
/// `outcomes/1.md`, `outcomes/A.md`, `knowledge/<slug>.md`, `briefs/<slug>.md`,
/// `assessment/<slug>.md`, the last a section of the unit page). Criterion and outcome ids may be
/// written as in the content (`P4`, `1.1`, `AB.D1`; `A`, `LO3`).
/// The address is not checked here: one the site does not have is reported by the link check.
pub fn site_link(path: &str, mut fragment: Option<String>) -> (String, Option<String>) {
    let mut segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if segments.last().is_some_and(|s| s == "index.html") {
        segments.pop();
    }
    if let Some(stem) = segments
        .last()
        .and_then(|s| s.strip_suffix(".md"))
        .map(str::to_string)
    {
        let folder = segments.len().checked_sub(2).map(|i| segments[i].clone());
        match (stem.as_str(), folder.as_deref()) {
            ("unit", _) if segments.len() == 3 => {
                segments.pop();
            }
            (_, Some("assessment")) => {
                segments.truncate(segments.len() - 2);
                fragment = Some(scenario_fragment(&stem));
            }
            _ => {
                if let Some(last) = segments.last_mut() {
                    *last = stem;
                }
            }
        }
    }
    if segments.len() == 4
        && segments[0] == "units"
        && matches!(segments[2].as_str(), "criteria" | "outcomes")
    {
        segments[3] = slug_for_id(&segments[3]);
    }
    segments.push("index.html".into());
    (segments.join("/"), fragment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_parses_back_from_its_path() {
        let routes = [
            Route::Home,
            Route::NotFound,
            Route::Search,
            Route::Progression,
            Route::Accessibility,
            Route::Unit("u"),
            Route::Outcome("u", "3"),
            Route::Outcome("u", "ab"),
            Route::Criterion("u", "1-1"),
            Route::Knowledge("u", "k"),
            Route::Progress("u"),
            Route::Brief("u", "b"),
            Route::BriefPack("u"),
            Route::Asset("style.css"),
            Route::SearchPart(SearchPart::Terms, 0),
            Route::SearchPart(SearchPart::Lengths, 3),
            Route::SearchPart(SearchPart::Docs, 12),
            Route::SearchPart(SearchPart::Criterion, 7),
            Route::SearchManifest,
            Route::SearchWords,
            Route::ScormLaunch("u"),
        ];
        for r in routes {
            let path = r.path();
            assert_eq!(Route::parse(&path), Some(r), "{path}");
        }
        assert_eq!(Route::parse("units/u/outcomes/x/y/index.html"), None);
        assert_eq!(Route::parse("units/u/other/index.html"), None);
        assert_eq!(Route::Criterion("u", "p1").unit(), Some("u"));
        assert_eq!(Route::Search.unit(), None);
        assert_eq!(Route::parse("search/terms/x.js"), None);
    }

    #[test]
    fn a_parts_template_with_its_number_is_its_address() {
        for part in SearchPart::ALL {
            assert_eq!(
                part.template().replace(PART_NUMBER, "42"),
                Route::SearchPart(part, 42).path()
            );
        }
    }

    #[test]
    fn root_prefix_climbs_one_level_per_folder() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("units/unit-10/index.html"), "../../");
        assert_eq!(
            root_prefix("units/unit-10/criteria/p1/index.html"),
            "../../../../"
        );
    }

    #[test]
    fn site_links_name_pages_or_the_files_that_make_them() {
        let page = |p: &str| site_link(p, None);
        assert_eq!(
            page("units/u/criteria/P4/").0,
            "units/u/criteria/p4/index.html"
        );
        assert_eq!(
            page("units/u/criteria/AB.D1").0,
            "units/u/criteria/ab-d1/index.html"
        );
        assert_eq!(
            page("units/u/outcomes/A.md").0,
            "units/u/outcomes/a/index.html"
        );
        assert_eq!(
            page("units/u/outcomes/LO3/").0,
            "units/u/outcomes/lo3/index.html"
        );
        assert_eq!(page("units/u/unit.md").0, "units/u/index.html");
        assert_eq!(
            page("units/u/knowledge/k.md").0,
            "units/u/knowledge/k/index.html"
        );
        assert_eq!(
            page("units/u/assessment/s.md"),
            ("units/u/index.html".into(), Some("scenario-s".into()))
        );
    }
}
