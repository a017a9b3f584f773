//! The load stage: finds the content files, reads them (in parallel), splits front matter from
//! Markdown, parses the TOML into the raw file shapes and renders each Markdown body once.
//! Every problem is collected, positioned, so a teacher sees all of them in one run.

mod discover;
mod explain;
pub mod forms;
mod frontmatter;
pub mod raw;
mod read;
mod recover;
mod toml_doc;
mod unit;
pub mod values;

use std::path::Path;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

pub use discover::UnitFiles;
pub use toml_doc::{Doc, Origin};

use crate::course_files::{self, CourseFiles, Known};
use crate::diagnostic::{Diagnostic, FileId, SourceMap};
use crate::markdown::{self, FileContext, Markdown};
use raw::{
    BriefFront, CriteriaFile, KnowledgeFront, OutcomeFront, QuizFile, ScenarioFront, UnitFront,
    VerbsFile,
};
use read::read_all;
use unit::load_unit;
use values::SiteConfig;

/// Everything read from a content folder, parsed but not yet cross-checked.
#[derive(Debug)]
pub struct Loaded {
    pub sources: SourceMap,
    pub site: Doc<SiteConfig>,
    pub verbs: Doc<VerbsFile>,
    pub units: Vec<LoadedUnit>,
    /// Unit folders whose unit.md could not be read, by slug.
    pub unread_units: Vec<String>,
    /// The images and downloads of every `files/` folder.
    pub files: CourseFiles,
}

/// One unit folder, parsed.
#[derive(Debug)]
pub struct LoadedUnit {
    pub slug: String,
    pub unit: Page<UnitFront>,
    pub criteria: Doc<CriteriaFile>,
    pub outcomes: Vec<ByOutcome<Page<OutcomeFront>>>,
    pub delivery: Vec<ByOutcome<Markdown>>,
    pub knowledge: Vec<Named<Page<KnowledgeFront>>>,
    pub scenarios: Vec<Named<Page<ScenarioFront>>>,
    pub evidence: Option<Markdown>,
    /// The file `evidence` was read from.
    pub evidence_file: Option<FileId>,
    pub quizzes: Vec<Doc<QuizFile>>,
    pub briefs: Vec<Named<Page<BriefFront>>>,
    /// Notes on one criterion each, named by the criterion's URL form (p1, 1-1).
    pub notes: Vec<Named<(FileId, Markdown)>>,
    /// What could not be read, because of problems already reported.
    pub unread: Unread,
}

/// The parts of a unit that had problems and are missing (or partly missing) from what was
/// loaded. Checks of references into them stay quiet: the problem is already reported, and
/// "no such criterion" on top of it would send the teacher to the wrong file.
#[derive(Debug, Default, Clone)]
pub struct Unread {
    /// criteria.toml had a problem, so some criteria may be missing.
    pub criteria: bool,
    /// Outcomes whose files had a problem, by id.
    pub outcomes: Vec<String>,
    /// Knowledge items whose files had a problem, by slug.
    pub knowledge: Vec<String>,
    /// Assessment scenarios whose files had a problem, by slug.
    pub scenarios: Vec<String>,
    /// Some brief had a problem, so some criteria may seem to be covered by none.
    pub briefs: bool,
}

/// A Markdown file with front matter: the parsed front matter and the rendered body.
#[derive(Debug)]
pub struct Page<T> {
    pub front: Doc<T>,
    pub body: Markdown,
}

/// A file named after an outcome's id (outcomes/2.md, outcomes/A.md).
#[derive(Debug)]
pub struct ByOutcome<T> {
    pub id: String,
    pub file: FileId,
    pub value: T,
}

/// A file whose name is a slug (knowledge/customer-needs.md).
#[derive(Debug)]
pub struct Named<T> {
    pub slug: String,
    pub value: T,
}

/// Loads the content folder `dir`. Returns what could be read, every problem found in any
/// file, and nothing at all only when the course as a whole cannot be made out (no folder, or
/// site.toml or command-verbs.toml unreadable). What `known` says a previous build read of a
/// course file is used while the file is unchanged.
pub fn load(dir: &Path, known: &Known) -> (Option<Loaded>, Vec<Diagnostic>) {
    let layout = match discover::discover(dir) {
        Ok(layout) => layout,
        Err(errors) => return (None, errors),
    };
    let (sources, ids, mut errors) = read_all(layout.all_paths());
    let found = layout.units.iter().flat_map(|u| u.files.iter().cloned());
    let (mut files, file_errors) =
        course_files::read(dir, found.chain(layout.files).collect(), known);
    errors.extend(file_errors);
    let site = whole_toml::<SiteConfig>(&sources, ids.get(&layout.site).copied(), &mut errors);
    if let Some(site) = &site {
        files.set_language(&site.value.language);
    }
    let verbs = whole_toml::<VerbsFile>(&sources, ids.get(&layout.verbs).copied(), &mut errors);
    let units: Vec<(Option<LoadedUnit>, Vec<Diagnostic>)> = layout
        .units
        .par_iter()
        .map(|u| load_unit(&sources, &files, &|p| ids.get(p).copied(), u))
        .collect();
    let mut loaded_units = Vec::with_capacity(units.len());
    let mut unread_units = Vec::new();
    for ((unit, es), files) in units.into_iter().zip(&layout.units) {
        match unit {
            Some(u) => loaded_units.push(u),
            None => unread_units.push(files.slug.clone()),
        }
        errors.extend(es);
    }
    let loaded = match (site, verbs) {
        (Some(site), Some(verbs)) => Some(Loaded {
            sources,
            site,
            verbs,
            units: loaded_units,
            unread_units,
            files,
        }),
        _ => None,
    };
    (loaded, errors)
}

/// Loads the one unit folder `units/<slug>` of the content folder `dir`, on its own, with a source
/// map of its files alone: for rebuilding one unit after one of its Markdown or TOML files
/// changed. Its links to course files are resolved against `course_files`, read before (a
/// change to a course file reads the whole course again).
pub fn load_unit_folder(
    dir: &Path,
    slug: &str,
    course_files: &CourseFiles,
) -> Result<(SourceMap, LoadedUnit), Vec<Diagnostic>> {
    let files = discover::unit_files(&dir.join("units").join(slug))?;
    let (sources, ids, mut errors) = read_all(files.paths());
    let (unit, unit_errors) = load_unit(&sources, course_files, &|p| ids.get(p).copied(), &files);
    errors.extend(unit_errors);
    match unit {
        Some(unit) if errors.is_empty() => Ok((sources, unit)),
        _ => Err(errors),
    }
}

/// Where the Markdown body of `file` starts, in bytes: after its front matter, if any.
pub fn body_offset(sources: &SourceMap, file: FileId) -> usize {
    frontmatter::split(sources, file).map_or(0, |s| s.body.offset)
}
/// A file that is TOML throughout (`None` for a file that could not be read).
fn whole_toml<T: DeserializeOwned>(
    sources: &SourceMap,
    file: Option<FileId>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Doc<T>> {
    let file = file?;
    let piece = frontmatter::Piece {
        text: sources.text(file),
        offset: 0,
    };
    let (doc, problems) = toml_doc::parse(sources, file, &piece);
    errors.extend(problems);
    doc
}

/// A Markdown file whose front matter is required. Problems are recorded; the page is returned
/// when its front matter could be read past them.
fn page<T: DeserializeOwned>(
    sources: &SourceMap,
    files: &CourseFiles,
    file: FileId,
    errors: &mut Vec<Diagnostic>,
) -> Option<Page<T>> {
    let split = frontmatter::split(sources, file)
        .map_err(|e| errors.push(e))
        .ok()?;
    let Some(front) = split.front else {
        errors.push(Diagnostic::at(
            sources,
            &crate::diagnostic::Span { file, bytes: 0..0 },
            "this file has no front matter",
        )
        .help("start the file with a +++ line, the TOML keys (see docs/content-format.md), and another +++ line"));
        return None;
    };
    let (front, problems) = toml_doc::parse(sources, file, &front);
    errors.extend(problems);
    Some(Page {
        front: front?,
        body: markdown_of(sources, files, file, split.body.text),
    })
}

/// A Markdown file with no keys (delivery guidance, evidence requirements). Front matter, if
/// present, must be empty of keys this format does not know.
fn markdown_only(
    sources: &SourceMap,
    files: &CourseFiles,
    file: FileId,
    errors: &mut Vec<Diagnostic>,
) -> Option<Markdown> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NoKeys {}
    let split = frontmatter::split(sources, file)
        .map_err(|e| errors.push(e))
        .ok()?;
    if let Some(front) = split.front {
        let (_, problems) = toml_doc::parse::<NoKeys>(sources, file, &front);
        if !problems.is_empty() {
            errors.extend(problems);
            return None;
        }
    }
    Some(markdown_of(sources, files, file, split.body.text))
}

/// Renders `text`, Markdown of `file` (its body, or a TOML string of it), its file links
/// resolved from that file.
pub fn markdown_of(sources: &SourceMap, files: &CourseFiles, file: FileId, text: &str) -> Markdown {
    match files.content_path_of(sources.path(file)) {
        Some(at) => markdown::render_in(text, &FileContext { at: &at, files }),
        None => markdown::render(text),
    }
}
