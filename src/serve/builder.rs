//! Keeps the served site in step with the files. The course stays in memory between changes. A
//! change inside one unit folder reads and checks that unit alone (the rest of the course is
//! kept as it was), and renders only the pages that may show it: the unit's own pages, the
//! site-wide pages, and the pages of other units that link into it or that it links to. Only
//! files whose bytes changed are written. A change to site.toml or command-verbs.toml, or a unit
//! folder added or removed, builds the whole course again; a theme change renders every page.
//! A failed rebuild leaves the last good site served and its errors on show.

mod reading;
mod rendering;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::output::Output;
use super::search_sync::{manifest_key, SearchSync};
use super::timings::Stages;
use super::watch::Changes;
use crate::diagnostic::Diagnostic;
use crate::model::Edition;
use crate::progress::Progress;
use crate::render::Renderer;
use crate::site::Site;

/// What a problem belongs to; its problems are cleared when that part builds again.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Course,
    Theme,
    Render,
    Unit(String),
}

/// What one build or rebuild did.
#[derive(Debug)]
pub struct Outcome {
    /// What was built: "unit-10", "the whole course" …
    pub what: String,
    /// The files written or removed, by path from the site root.
    pub changed: Vec<String>,
    /// The problems this rebuild found.
    pub errors: Vec<Diagnostic>,
    pub took: Duration,
    /// Where the time went, stage by stage.
    pub stages: Stages,
}

/// Told the pages that changed (all of them, when the flag is set) and the current problems.
pub type Announce<'a> = &'a mut dyn FnMut(&[String], bool, &[&Diagnostic]);

/// Search work left for after the reload is sent.
enum SearchDue {
    All,
    Units(BTreeSet<String>),
}

/// The course, the renderer and the served folder, kept between changes.
pub struct Builder {
    content: PathBuf,
    /// `content`, canonical, to recognise the paths the watcher reports.
    content_real: PathBuf,
    edition: Edition,
    site: Option<Site>,
    renderer: Option<Renderer>,
    out: Output,
    search: SearchSync,
    search_due: Option<SearchDue>,
    errors: BTreeMap<Part, Vec<Diagnostic>>,
    /// Threads that give way to the rest of the machine, for the pages no one is looking at.
    background: Option<rayon::ThreadPool>,
    /// How many batches of changes the watcher has seen: one more during a rebuild cuts its
    /// second pass short.
    seen: Arc<AtomicUsize>,
    /// The other units whose pages are still to be rendered (with the site-wide pages), when a
    /// newer change cut the last rebuild's second pass short.
    later: Option<BTreeSet<String>>,
}

impl Builder {
    /// A builder of the course in `content` that serves from a folder in `work`.
    pub fn new(content: &Path, edition: Edition, work: &Path) -> Result<Self, Diagnostic> {
        let content_real = content.canonicalize().map_err(|_| {
            Diagnostic::error("the content folder does not exist")
                .in_file(content)
                .help("run unitpress from the course folder, or pass --content DIR")
        })?;
        Ok(Builder {
            content: content.to_path_buf(),
            content_real,
            edition,
            site: None,
            renderer: None,
            out: Output::new(work.join("site"))?,
            search: SearchSync::default(),
            search_due: None,
            errors: BTreeMap::new(),
            background: super::background::pool(),
            seen: Arc::default(),
            later: None,
        })
    }

    /// The count of batches the watcher has seen, which it adds to.
    pub fn seen(&self) -> Arc<AtomicUsize> {
        self.seen.clone()
    }

    /// Whether pages of other units wait to be rendered, after a rebuild was cut short.
    pub fn pages_due(&self) -> bool {
        self.later.is_some()
    }

    /// The folders to watch: the content, and the themes and templates beside it.
    pub fn watched(&self) -> Vec<PathBuf> {
        let root = self.content_real.parent().unwrap_or(&self.content_real);
        let mut out = vec![self.content_real.clone()];
        out.extend(
            ["themes", "templates"]
                .iter()
                .map(|d| root.join(d))
                .filter(|d| d.is_dir()),
        );
        out
    }

    /// Every problem of the current state, site-wide ones first.
    pub fn errors(&self) -> Vec<&Diagnostic> {
        self.errors.values().flatten().collect()
    }

    /// The content folder, as the watcher reports paths in it.
    pub fn content_folder(&self) -> &Path {
        &self.content_real
    }

    /// Builds the whole course, renders every page and the search index.
    pub fn build_all(&mut self, progress: &dyn Progress) -> Outcome {
        let start = Instant::now();
        let mut stages = Stages::new();
        let (changed, errors) = self.whole_course(progress);
        stages.mark("read, check and render");
        progress.stage("indexing", None);
        self.catch_up_search();
        stages.mark("search");
        progress.finish();
        outcome("the whole course", changed, errors, start, stages)
    }

    /// Rebuilds what `changes` affects, telling `announce` which pages changed, as soon as they
    /// are written, and the problems of the current state.
    pub fn apply(&mut self, changes: &Changes, announce: Announce<'_>) -> Outcome {
        let start = Instant::now();
        let mut stages = Stages::new();
        let later = self.later.take();
        let mut units = BTreeSet::new();
        // After a failed whole build, the course in memory may be older than files that changed
        // since: only a whole build can tell.
        let mut whole =
            changes.course || self.site.is_none() || self.errors.contains_key(&Part::Course);
        for slug in &changes.units {
            let known = self
                .site
                .as_ref()
                .is_some_and(|s| s.course.units.iter().any(|u| &u.slug == slug));
            let exists = self.content.join("units").join(slug).is_dir();
            whole |= known != exists;
            if known && exists {
                units.insert(slug.clone());
            }
        }
        if whole {
            let (changed, errors) = self.whole_course(&crate::progress::Silent);
            stages.mark("read, check and render");
            announce(&changed, false, &self.errors());
            return outcome("the whole course", changed, errors, start, stages);
        }
        let mut errors = Vec::new();
        let theme = changes.theme && self.reload_theme(&mut errors);
        let before = self.site.as_ref().map(|s| &s.course).map(manifest_key);
        // Pages of the units linked with these may show them: as they were, and as they are.
        let mut neighbours = self.neighbours(&units);
        let had_later = later.is_some();
        neighbours.extend(later.into_iter().flatten());
        let mut rebuilt = BTreeSet::new();
        for slug in &units {
            match self.rebuild_unit(slug) {
                Ok(()) => {
                    self.errors.remove(&Part::Unit(slug.clone()));
                    rebuilt.insert(slug.clone());
                }
                Err(e) => {
                    errors.extend(e.iter().cloned());
                    self.errors.insert(Part::Unit(slug.clone()), e);
                }
            }
        }
        neighbours.extend(self.neighbours(&rebuilt));
        stages.mark("read and check");
        let renamed = self.site.as_ref().map(|s| &s.course).map(manifest_key) != before;
        self.search_due = match self.search_due.take() {
            Some(SearchDue::All) => Some(SearchDue::All),
            _ if renamed => Some(SearchDue::All),
            Some(SearchDue::Units(mut due)) => {
                due.extend(rebuilt.iter().cloned());
                Some(SearchDue::Units(due))
            }
            None if rebuilt.is_empty() => None,
            None => Some(SearchDue::Units(rebuilt.clone())),
        };
        let (changed, unannounced) = if theme {
            let changed = self.render_all(&crate::progress::Silent);
            (changed.clone(), changed)
        } else {
            self.render_units(&rebuilt, &neighbours, had_later, &mut stages, announce)
        };
        announce(&unannounced, theme, &self.errors());
        stages.mark("reload sent");
        errors.extend(
            self.errors
                .get(&Part::Render)
                .into_iter()
                .flatten()
                .cloned(),
        );
        let mut what: Vec<&str> = units.iter().map(String::as_str).collect();
        if changes.theme {
            what.insert(0, "the theme");
        }
        if what.is_empty() {
            what.push("the pages left from the last change");
        }
        outcome(&what.join(", "), changed, errors, start, stages)
    }

    /// Whether the search index lags behind the pages.
    pub fn search_due(&self) -> bool {
        self.search_due.is_some()
    }

    /// Writes the search index of what the last rebuilds changed.
    pub fn catch_up_search(&mut self) {
        let (Some(due), Some(course)) = (
            self.search_due.take(),
            self.site.as_ref().map(|s| &s.course),
        ) else {
            return;
        };
        let result = match due {
            SearchDue::All => self.search.all(course, self.edition, &mut self.out),
            SearchDue::Units(slugs) => {
                self.search
                    .units(course, &slugs, self.edition, &mut self.out)
            }
        };
        if let Err(e) = result {
            crate::errln!("{e}");
        }
    }
}

fn outcome(
    what: &str,
    changed: Vec<String>,
    errors: Vec<Diagnostic>,
    start: Instant,
    stages: Stages,
) -> Outcome {
    Outcome {
        what: what.to_string(),
        changed,
        errors,
        took: start.elapsed(),
        stages,
    }
}
