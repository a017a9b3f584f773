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
    /// The vocabulary the search index's result data is coded against.
    SearchVocabulary,
    /// The page a SCORM package starts a unit's SCO at (only in a package).
    ScormLaunch(&'a str),
    /// A course file (an image, a download): see [`FileAt`].
    File(FileAt<'a>),
    /// A smaller copy of a raster image, beside the image itself: see [`FileAt::smaller`].
    SmallerImage(SmallerAt<'a>),
}

/// Where a course file is published: in its unit's `files/` folder, or the course's, under
/// the version of its bytes, keeping the teacher's name (which may hold sub-folders).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileAt<'a> {
    /// The unit whose `files/` folder holds it; `None` for the course-wide `content/files/`.
    pub unit: Option<&'a str>,
    /// The first hex digits of a hash of its bytes, so that a changed file gets a new address.
    pub version: &'a str,
    /// Its path inside its `files/` folder, e.g. `chain.svg` or `diagrams/chain.svg`.
    pub name: &'a str,
}

/// Where a smaller copy of a raster image is published: `<stem>-<width>w.<ext>` beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SmallerAt<'a> {
    /// The image's place, its name without the extension (`diagrams/shop`).
    pub file: FileAt<'a>,
    /// The image's extension (`jpg`).
    pub ext: &'a str,
    /// The copy's width in pixels.
    pub width: u32,
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

impl<'a> FileAt<'a> {
    /// The route of the copy of this image `width` pixels wide.
    pub fn smaller(&self, width: u32) -> Route<'a> {
        let (stem, ext) = split_extension(self.name);
        Route::SmallerImage(SmallerAt {
            file: FileAt {
                name: stem,
                ..*self
            },
            ext,
            width,
        })
    }

    /// The folder of this version of the file, from the site root, with a closing slash: it
    /// holds the file and its smaller copies, and nothing else of another content.
    pub fn folder(&self) -> String {
        match self.unit {
            Some(u) => format!("units/{u}/{FILES}{}/", self.version),
            None => format!("{FILES}{}/", self.version),
        }
    }

    /// The route of a course file or of a smaller copy of one, from its address.
    fn parse(path: &'a str) -> Option<Route<'a>> {
        let (unit, rest) = match path.strip_prefix("units/") {
            Some(r) => {
                let (unit, rest) = r.split_once('/')?;
                (Some(unit), rest.strip_prefix(FILES)?)
            }
            None => (None, path.strip_prefix(FILES)?),
        };
        let (version, name) = rest.split_once('/')?;
        let hex = |v: &str| v.len() == VERSION_LEN && v.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex(version) || name.is_empty() || unit.is_some_and(str::is_empty) {
            return None;
        }
        let at = FileAt {
            unit,
            version,
            name,
        };
        Some(match smaller_copy(name) {
            Some((stem, width)) => Route::SmallerImage(SmallerAt {
                file: FileAt { name: stem, ..at },
                ext: split_extension(name).1,
                width,
            }),
            None => Route::File(at),
        })
    }
}

/// The site's list of what the build read of each course file it publishes (see
/// [`crate::course_files::Known`]): not a page, read back by the next build into the same
/// folder.
pub const KNOWN_FILES: &str = ".unitpress-files.tsv";

/// How many hex digits of a file's hash make its version.
pub const VERSION_LEN: usize = 10;

/// The folder name of course files, in the content and in the site.
const FILES: &str = "files/";
/// What comes between a smaller copy's stem and its width (`photo-480w.jpg`).
const SMALLER: &str = "-";

/// A file name split at its last dot: (`photo`, `jpg`); no extension gives ("name", "").
fn split_extension(name: &str) -> (&str, &str) {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') && !stem.is_empty() => (stem, ext),
        _ => (name, ""),
    }
}

/// If `name` is how a smaller copy of an image is named (`photo-480w.jpg`): its stem without
/// the width (`photo`), and the width. Course files may not be named so (discovery refuses
/// it), which keeps the two kinds of address apart.
pub fn smaller_copy(name: &str) -> Option<(&str, u32)> {
    let (stem, _) = split_extension(name);
    let (stem, width) = stem.rsplit_once(SMALLER)?;
    let digits = width.strip_suffix('w')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || stem.is_empty() {
        return None;
    }
    Some((stem, digits.parse().ok()?))
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
            Route::SearchVocabulary,
            Route::ScormLaunch("u"),
            Route::File(FileAt {
                unit: Some("u"),
                version: "0123456789",
                name: "chain.svg",
            }),
            Route::File(FileAt {
                unit: None,
                version: "abcdef0123",
                name: "diagrams/logo.png",
            }),
            FileAt {
                unit: Some("u"),
                version: "0123456789",
                name: "shop-front.jpg",
            }
            .smaller(480),
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
    fn course_files_keep_their_name_under_their_version() {
        let at = FileAt {
            unit: Some("unit-10"),
            version: "0123456789",
            name: "worksheet.pdf",
        };
        assert_eq!(
            Route::File(at).path(),
            "units/unit-10/files/0123456789/worksheet.pdf"
        );
        assert_eq!(
            at.smaller(960).path(),
            "units/unit-10/files/0123456789/worksheet-960w.pdf"
        );
        assert_eq!(Route::File(at).unit(), Some("unit-10"));
        // Not a version: too short, or not hex.
        assert_eq!(Route::parse("files/0123/x.png"), None);
        assert_eq!(Route::parse("files/0123456789abc/x.png"), None);
        assert_eq!(Route::parse("units/u/files/ghijklmnop/x.png"), None);
        assert_eq!(smaller_copy("a/photo-1600w.jpg"), Some(("a/photo", 1600)));
        assert_eq!(smaller_copy("photo-w.jpg"), None);
        assert_eq!(smaller_copy("photo.jpg"), None);
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
