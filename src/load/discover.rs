//! Finds the content files and checks the folder layout: which files a unit folder holds, and
//! that each file name is one the format knows. Nothing is read here. Every entry is checked
//! for symbolic links first (see [`links`]): only what is inside the content folder is ever read.

mod files;
mod links;

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::course_files::FoundFile;
use crate::diagnostic::Diagnostic;
use crate::ids::{is_padded_number, is_valid_outcome_id, is_valid_slug, slug_for_id};
use links::Links;

/// The files of a content folder, by role.
#[derive(Debug)]
pub struct Layout {
    pub site: PathBuf,
    pub verbs: PathBuf,
    pub units: Vec<UnitFiles>,
    /// The course-wide files, under `content/files/`.
    pub files: Vec<FoundFile>,
}

/// The files of one unit folder.
#[derive(Debug, Default)]
pub struct UnitFiles {
    pub slug: String,
    pub unit_md: PathBuf,
    pub criteria: PathBuf,
    /// By outcome id, as the file is named (`1`, `A`, `LO3`).
    pub outcomes: Vec<(String, PathBuf)>,
    pub delivery: Vec<(String, PathBuf)>,
    pub knowledge: Vec<(String, PathBuf)>,
    pub scenarios: Vec<(String, PathBuf)>,
    pub evidence: Option<PathBuf>,
    pub quizzes: Vec<(String, PathBuf)>,
    pub briefs: Vec<(String, PathBuf)>,
    pub notes: Vec<(String, PathBuf)>,
    /// The unit's images and downloads, under its `files/` folder (not Markdown or TOML: they
    /// are not in [`UnitFiles::paths`]).
    pub files: Vec<FoundFile>,
}

impl Layout {
    /// Every file, in a fixed order.
    pub fn all_paths(&self) -> Vec<PathBuf> {
        let mut all = vec![self.site.clone(), self.verbs.clone()];
        for u in &self.units {
            all.extend(u.paths());
        }
        all
    }
}

impl UnitFiles {
    /// Every file of the unit, in a fixed order.
    pub fn paths(&self) -> Vec<PathBuf> {
        let mut all = vec![self.unit_md.clone(), self.criteria.clone()];
        all.extend(self.outcomes.iter().map(|(_, p)| p.clone()));
        all.extend(self.delivery.iter().map(|(_, p)| p.clone()));
        all.extend(self.knowledge.iter().map(|(_, p)| p.clone()));
        all.extend(self.scenarios.iter().map(|(_, p)| p.clone()));
        all.extend(self.evidence.iter().cloned());
        all.extend(self.quizzes.iter().map(|(_, p)| p.clone()));
        all.extend(self.briefs.iter().map(|(_, p)| p.clone()));
        all.extend(self.notes.iter().map(|(_, p)| p.clone()));
        all
    }
}

const UNIT_ENTRIES: &str =
    "unit.md, criteria.toml, evidence.md, outcomes/, delivery/, knowledge/, assessment/, quizzes/, briefs/, notes/, files/";

pub fn discover(dir: &Path) -> Result<Layout, Vec<Diagnostic>> {
    if !dir.is_dir() {
        return Err(vec![Diagnostic::error("the content folder does not exist")
            .in_file(dir)
            .help(
                "run unitpress from the course folder, or pass --content DIR",
            )]);
    }
    let links = Links::new(dir).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let mut required = |path: PathBuf, what: &str| {
        if let Err(e) = links.check(&path) {
            errors.push(e);
        } else if !path.is_file() {
            errors.push(
                Diagnostic::error(format!("{what} is missing"))
                    .in_file(&path)
                    .help("create it; docs/content-format.md shows its keys"),
            );
        }
        path
    };
    let site = required(dir.join("site.toml"), "the course settings file site.toml");
    let verbs = required(dir.join("command-verbs.toml"), "the command verb list");

    let units_dir = dir.join("units");
    let mut units = Vec::new();
    let units_found = match links.check(&units_dir) {
        Ok(()) => sorted_entries(&units_dir, &links, &mut errors),
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    for entry in units_found {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        match unit_files_in(path, &links) {
            Ok(u) => units.push(u),
            Err(es) => errors.extend(es),
        }
    }
    let files_dir = dir.join("files");
    let files = match links.check(&files_dir) {
        Ok(()) if files_dir.is_dir() => files::walk(&files_dir, None, &links, &mut errors),
        Ok(()) => Vec::new(),
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    if units.is_empty() && errors.is_empty() {
        errors.push(
            Diagnostic::error("the course has no units")
                .in_file(&units_dir)
                .help("add a folder per unit under units/, or run `unitpress new unit <slug>`"),
        );
    }
    if errors.is_empty() {
        Ok(Layout {
            site,
            verbs,
            units,
            files,
        })
    } else {
        Err(errors)
    }
}

/// The files of the unit folder `dir` (`units/<slug>` of a content folder), checked as
/// [`discover`] checks every unit folder.
pub(super) fn unit_files(dir: &Path) -> Result<UnitFiles, Vec<Diagnostic>> {
    let links = Links::of_unit(dir).map_err(|e| vec![e])?;
    links.check(dir).map_err(|e| vec![e])?;
    unit_files_in(dir, &links)
}

fn unit_files_in(dir: &Path, links: &Links) -> Result<UnitFiles, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let slug = file_name(dir);
    if !is_valid_slug(&slug) {
        errors.push(
            Diagnostic::error(format!("`{slug}` cannot be a unit folder name"))
                .in_file(dir)
                .help("use lower-case letters, digits and dashes only, e.g. unit-10"),
        );
    }
    let mut u = UnitFiles {
        slug,
        unit_md: dir.join("unit.md"),
        criteria: dir.join("criteria.toml"),
        ..UnitFiles::default()
    };
    for (path, what) in [
        (&u.unit_md, "the unit facts file unit.md"),
        (&u.criteria, "criteria.toml"),
    ] {
        // A link that cannot be followed is reported as the folder's entries are.
        if !path.is_file() && !path.is_symlink() {
            errors.push(
                Diagnostic::error(format!("{what} is missing"))
                    .in_file(path)
                    .help("every unit folder needs unit.md and criteria.toml"),
            );
        }
    }
    for entry in sorted_entries(dir, links, &mut errors) {
        let path = entry.path().to_path_buf();
        let name = file_name(&path);
        match name.as_str() {
            "unit.md" | "criteria.toml" => {}
            "evidence.md" => u.evidence = Some(path),
            "outcomes" => u.outcomes = by_outcome(&path, links, &mut errors),
            "delivery" => u.delivery = by_outcome(&path, links, &mut errors),
            "knowledge" => u.knowledge = named(&path, "md", links, &mut errors),
            "assessment" => u.scenarios = named(&path, "md", links, &mut errors),
            "quizzes" => u.quizzes = named(&path, "toml", links, &mut errors),
            "briefs" => u.briefs = named(&path, "md", links, &mut errors),
            "notes" => u.notes = named(&path, "md", links, &mut errors),
            "files" if path.is_dir() => {
                u.files = files::walk(&path, Some(&u.slug), links, &mut errors)
            }
            _ => errors.push(
                Diagnostic::error(format!("unitpress does not know what `{name}` is"))
                    .in_file(&path)
                    .help(format!(
                        "a unit folder holds {UNIT_ENTRIES}; rename or move it"
                    )),
            ),
        }
    }
    if errors.is_empty() {
        Ok(u)
    } else {
        Err(errors)
    }
}

/// Files named after an outcome's id (`1.md`, `A.md`, `LO3.md`), in file-name order; the
/// model puts them in the reader's order.
fn by_outcome(dir: &Path, links: &Links, errors: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    for (stem, path) in files_with(dir, "md", links, errors) {
        if is_padded_number(&stem) {
            // `01.md` beside `1.md` would make two outcome 1 pages.
            errors.push(
                Diagnostic::error(format!(
                    "`{stem}.md` is not named by a learning outcome number"
                ))
                .in_file(&path)
                .help(format!(
                    "write the number without leading zeros: {}.md",
                    stem.trim_start_matches('0')
                )),
            );
        } else if !is_valid_outcome_id(&stem) {
            errors.push(
                Diagnostic::error(format!("`{stem}.md` is not named by an outcome's id"))
                    .in_file(&path)
                    .help(
                        "name the file after the outcome's id as the specification writes it, \
                         e.g. 1.md, A.md or LO3.md: letters and digits, with single dots, \
                         dashes or spaces between them",
                    ),
            );
        } else if let Some((other, _)) = out
            .iter()
            .find(|(o, _)| slug_for_id(o) == slug_for_id(&stem))
        {
            errors.push(
                Diagnostic::error(format!(
                    "`{stem}.md` and `{other}.md` would have one address"
                ))
                .in_file(&path)
                .help("outcome ids differ in more than upper and lower case: rename one of them"),
            );
        } else {
            out.push((stem, path));
        }
    }
    out
}

/// Files named `<slug>.<ext>`, sorted by slug.
fn named(
    dir: &Path,
    ext: &str,
    links: &Links,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    files_with(dir, ext, links, errors)
        .into_iter()
        .filter(|(stem, path)| {
            let ok = is_valid_slug(stem);
            if !ok {
                errors.push(
                    Diagnostic::error(format!("`{stem}` cannot be used in a web address"))
                        .in_file(path)
                        .help("rename the file with lower-case letters, digits and dashes only"),
                );
            }
            ok
        })
        .collect()
}

fn files_with(
    dir: &Path,
    ext: &str,
    links: &Links,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for entry in sorted_entries(dir, links, errors) {
        let path = entry.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e == ext && path.is_file() => {
                let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                out.push((stem.into_owned(), path.to_path_buf()));
            }
            _ => errors.push(
                Diagnostic::error(format!("only .{ext} files belong in this folder"))
                    .in_file(path)
                    .help("move or remove this entry"),
            ),
        }
    }
    out
}

/// The visible entries directly inside `dir`, by name. Hidden files (editor and OS litter such
/// as .DS_Store or swap files) are skipped, and so are links that [`Links`] refuses, each
/// with its error.
fn sorted_entries(
    dir: &Path,
    links: &Links,
    errors: &mut Vec<Diagnostic>,
) -> Vec<walkdir::DirEntry> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_name().to_string_lossy().starts_with('.') => {}
            Ok(e) if e.file_name().to_string_lossy().ends_with('~') => {}
            Ok(e) => match links.check(e.path()) {
                Ok(()) => out.push(e),
                Err(refused) => errors.push(refused),
            },
            Err(e) => {
                errors.push(Diagnostic::error(format!("cannot read this folder: {e}")).in_file(dir))
            }
        }
    }
    out
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}
