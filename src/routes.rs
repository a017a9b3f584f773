//! Every address of the site, in one place: the pages, the search scripts and the theme's
//! assets. Render, search, the link checks and serve all go through [`Route`]; no other code
//! spells an address. Every page address names its file (`…/index.html`), so the site works in
//! any sub-folder of a server and straight from disk.

mod files;

pub use files::{smaller_copy, FileAt, SmallerAt, KNOWN_FILES, VERSION_LEN};

use crate::ids::slug_for_id;
use files::SMALLER;

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
    /// The vocabulary the search index's result data is coded against.
    SearchVocabulary,
    /// The page a SCORM package starts a unit's SCO at (only in a package).
    ScormLaunch(&'a str),
    /// A course file (an image, a download): see [`FileAt`].
    File(FileAt<'a>),
    /// A smaller copy of a raster image, beside the image itself: see [`FileAt::smaller`].
    SmallerImage(SmallerAt<'a>),
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
            Route::SearchVocabulary => "search/vocabulary.js".into(),
            Route::ScormLaunch(u) => format!("scorm/{u}.html"),
            Route::File(at) => format!("{}{}", at.folder(), at.name),
            Route::SmallerImage(s) => format!(
                "{}{}{SMALLER}{}w.{}",
                s.file.folder(),
                s.file.name,
                s.width,
                s.ext
            ),
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
        if let Some(route) = FileAt::parse(path) {
            return Some(route);
        }
        let segments: Vec<&str> = path.split('/').collect();
        Some(match segments.as_slice() {
            ["index.html"] => Route::Home,
            ["404.html"] => Route::NotFound,
            ["search", "index.html"] => Route::Search,
            ["search", "manifest.js"] => Route::SearchManifest,
            ["search", "words.js"] => Route::SearchWords,
            ["search", "vocabulary.js"] => Route::SearchVocabulary,
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
            Route::File(at) => at.unit,
            Route::SmallerImage(s) => s.file.unit,
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
mod tests;
