//! The load stage: finds the content files, reads them (in parallel), splits front matter from
//! Markdown, parses the TOML into the raw file shapes and renders each Markdown body once.
//! Every problem is collected, positioned, so a teacher sees all of them in one run.

mod discover;
mod frontmatter;
pub mod raw;
mod toml_doc;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

pub use discover::UnitFiles;
pub use toml_doc::{Doc, Origin};

use crate::diagnostic::{Diagnostic, FileId, SourceMap};
use crate::markdown::{self, Markdown};
use crate::model::SiteConfig;
use raw::{
    BriefFront, CriteriaFile, KnowledgeFront, OutcomeFront, QuizFile, ScenarioFront, UnitFront,
    VerbsFile,
};

/// Everything read from a content folder, parsed but not yet cross-checked.
#[derive(Debug)]
pub struct Loaded {
    pub sources: SourceMap,
    pub site: Doc<SiteConfig>,
    pub verbs: Doc<VerbsFile>,
    pub units: Vec<LoadedUnit>,
}

/// One unit folder, parsed.
#[derive(Debug)]
pub struct LoadedUnit {
    pub slug: String,
    pub unit: Page<UnitFront>,
    pub criteria: Doc<CriteriaFile>,
    pub outcomes: Vec<Numbered<Page<OutcomeFront>>>,
    pub delivery: Vec<Numbered<Markdown>>,
    pub knowledge: Vec<Named<Page<KnowledgeFront>>>,
    pub scenarios: Vec<Named<Page<ScenarioFront>>>,
    pub evidence: Option<Markdown>,
    /// The file `evidence` was read from.
    pub evidence_file: Option<FileId>,
    pub quizzes: Vec<Doc<QuizFile>>,
    pub briefs: Vec<Named<Page<BriefFront>>>,
    /// Notes on one criterion each, named by the criterion's URL form (p1, 1-1).
    pub notes: Vec<Named<(FileId, Markdown)>>,
}

/// A Markdown file with front matter: the parsed front matter and the rendered body.
#[derive(Debug)]
pub struct Page<T> {
    pub front: Doc<T>,
    pub body: Markdown,
}

/// A file whose name is a number (outcomes/2.md).
#[derive(Debug)]
pub struct Numbered<T> {
    pub number: u32,
    pub file: FileId,
    pub value: T,
}

/// A file whose name is a slug (knowledge/customer-needs.md).
#[derive(Debug)]
pub struct Named<T> {
    pub slug: String,
    pub value: T,
}

/// Loads the content folder `dir`. Returns the parsed content, or every problem found.
pub fn load(dir: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let layout = discover::discover(dir)?;
    let (sources, ids) = read_all(layout.all_paths())?;
    let file = |p: &PathBuf| ids[p];

    let site = whole_toml::<SiteConfig>(&sources, file(&layout.site));
    let verbs = whole_toml::<VerbsFile>(&sources, file(&layout.verbs));
    let units: Vec<Result<LoadedUnit, Vec<Diagnostic>>> = layout
        .units
        .par_iter()
        .map(|u| load_unit(&sources, &file, u))
        .collect();

    let mut errors = Vec::new();
    let site = site.map_err(|e| errors.push(e)).ok();
    let verbs = verbs.map_err(|e| errors.push(e)).ok();
    let mut loaded_units = Vec::with_capacity(units.len());
    for unit in units {
        match unit {
            Ok(u) => loaded_units.push(u),
            Err(es) => errors.extend(es),
        }
    }
    match (site, verbs) {
        (Some(site), Some(verbs)) if errors.is_empty() => Ok(Loaded {
            sources,
            site,
            verbs,
            units: loaded_units,
        }),
        _ => Err(errors),
    }
}

/// Loads the one unit folder `units/<slug>` of the content folder `dir`, on its own, with a source
/// map of its files alone: for rebuilding one unit after one of its files changed.
pub fn load_unit_folder(
    dir: &Path,
    slug: &str,
) -> Result<(SourceMap, LoadedUnit), Vec<Diagnostic>> {
    let files = discover::unit_files(&dir.join("units").join(slug))?;
    let (sources, ids) = read_all(files.paths())?;
    let unit = load_unit(&sources, &|p: &PathBuf| ids[p], &files)?;
    Ok((sources, unit))
}

/// Where the Markdown body of `file` starts, in bytes: after its front matter, if any.
pub fn body_offset(sources: &SourceMap, file: FileId) -> usize {
    frontmatter::split(sources, file).map_or(0, |s| s.body.offset)
}

/// Reads every file in parallel into a source map.
fn read_all(paths: Vec<PathBuf>) -> Result<(SourceMap, HashMap<PathBuf, FileId>), Vec<Diagnostic>> {
    let texts: Vec<Result<Arc<str>, Diagnostic>> = paths
        .par_iter()
        .map(|p| match std::fs::read(p) {
            Ok(bytes) => String::from_utf8(bytes).map(Arc::from).map_err(|_| {
                Diagnostic::error("this file is not UTF-8 text")
                    .in_file(p)
                    .help("save it with UTF-8 encoding in your editor")
            }),
            Err(e) => Err(Diagnostic::error(format!("cannot read this file: {e}")).in_file(p)),
        })
        .collect();
    let mut sources = SourceMap::default();
    let mut ids = HashMap::with_capacity(paths.len());
    let mut errors = Vec::new();
    for (path, text) in paths.into_iter().zip(texts) {
        match text {
            Ok(text) => {
                ids.insert(path.clone(), sources.add(&path, text));
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok((sources, ids))
    } else {
        Err(errors)
    }
}

fn load_unit(
    sources: &SourceMap,
    file: &impl Fn(&PathBuf) -> FileId,
    u: &UnitFiles,
) -> Result<LoadedUnit, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let errs = &mut errors;

    let unit = keep(errs, page::<UnitFront>(sources, file(&u.unit_md)));
    let criteria = keep(errs, whole_toml::<CriteriaFile>(sources, file(&u.criteria)));
    let outcomes: Vec<_> = u
        .outcomes
        .iter()
        .filter_map(|(n, p)| {
            keep(errs, page::<OutcomeFront>(sources, file(p))).map(|value| Numbered {
                number: *n,
                file: file(p),
                value,
            })
        })
        .collect();
    let delivery: Vec<_> = u
        .delivery
        .iter()
        .filter_map(|(n, p)| {
            keep(errs, markdown_only(sources, file(p))).map(|value| Numbered {
                number: *n,
                file: file(p),
                value,
            })
        })
        .collect();
    let knowledge = named_pages::<KnowledgeFront>(sources, file, &u.knowledge, errs);
    let scenarios = named_pages::<ScenarioFront>(sources, file, &u.scenarios, errs);
    let evidence_file = u.evidence.as_ref().map(file);
    let evidence = match evidence_file {
        Some(f) => keep(errs, markdown_only(sources, f)),
        None => None,
    };
    let quizzes: Vec<_> = u
        .quizzes
        .iter()
        .filter_map(|(_, p)| keep(errs, whole_toml::<QuizFile>(sources, file(p))))
        .collect();
    let briefs = named_pages::<BriefFront>(sources, file, &u.briefs, errs);
    let notes: Vec<_> = u
        .notes
        .iter()
        .filter_map(|(slug, p)| {
            keep(errs, markdown_only(sources, file(p))).map(|md| Named {
                slug: slug.clone(),
                value: (file(p), md),
            })
        })
        .collect();
    match (unit, criteria) {
        (Some(unit), Some(criteria)) if errors.is_empty() => Ok(LoadedUnit {
            slug: u.slug.clone(),
            unit,
            criteria,
            outcomes,
            delivery,
            knowledge,
            scenarios,
            evidence,
            evidence_file,
            quizzes,
            briefs,
            notes,
        }),
        _ => Err(errors),
    }
}

/// Parses the Markdown files of one folder whose names are slugs, recording errors.
fn named_pages<T: DeserializeOwned>(
    sources: &SourceMap,
    file: &impl Fn(&PathBuf) -> FileId,
    files: &[(String, PathBuf)],
    errors: &mut Vec<Diagnostic>,
) -> Vec<Named<Page<T>>> {
    files
        .iter()
        .filter_map(|(slug, p)| {
            keep(errors, page::<T>(sources, file(p))).map(|value| Named {
                slug: slug.clone(),
                value,
            })
        })
        .collect()
}

/// The value of `r`, or `None` with its error recorded.
fn keep<T>(errors: &mut Vec<Diagnostic>, r: Result<T, Diagnostic>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

/// A file that is TOML throughout.
fn whole_toml<T: DeserializeOwned>(
    sources: &SourceMap,
    file: FileId,
) -> Result<Doc<T>, Diagnostic> {
    let piece = frontmatter::Piece {
        text: sources.text(file),
        offset: 0,
    };
    toml_doc::parse(sources, file, &piece)
}

/// A Markdown file whose front matter is required.
fn page<T: DeserializeOwned>(sources: &SourceMap, file: FileId) -> Result<Page<T>, Diagnostic> {
    let split = frontmatter::split(sources, file)?;
    let Some(front) = split.front else {
        return Err(Diagnostic::at(
            sources,
            &crate::diagnostic::Span { file, bytes: 0..0 },
            "this file has no front matter",
        )
        .help("start the file with a +++ line, the TOML keys (see docs/content-format.md), and another +++ line"));
    };
    Ok(Page {
        front: toml_doc::parse(sources, file, &front)?,
        body: markdown::render(split.body.text),
    })
}

/// A Markdown file with no keys (delivery guidance, evidence requirements). Front matter, if
/// present, must be empty of keys this format does not know.
fn markdown_only(sources: &SourceMap, file: FileId) -> Result<Markdown, Diagnostic> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NoKeys {}
    let split = frontmatter::split(sources, file)?;
    if let Some(front) = split.front {
        toml_doc::parse::<NoKeys>(sources, file, &front)?;
    }
    Ok(markdown::render(split.body.text))
}
