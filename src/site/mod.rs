//! The one driver of the pipeline (load → model → render and search → write), for `build`,
//! `check`, `serve` and `export` alike: a [`Site`] is a course that passed every check the build
//! stops on, so `build` stops on exactly the errors `check` reports. It renders and indexes
//! into whatever sink its caller owns (the build's staging folder, serve's site folder), and
//! reads one unit again after an edit ([`Site::rebuild_unit`]), keeping the source map of every
//! file it holds.

mod build;
mod check;

pub use build::{build, build_with_progress, BuildOptions, BuildReport};
pub use check::check;

use std::path::{Path, PathBuf};

use crate::check::links;
use crate::course_files::Known;
use crate::diagnostic::{Diagnostic, Severity, SourceMap};
use crate::model::spans::{self, Spans};
use crate::model::{file_refs, safety};
use crate::model::{Course, Edition};
use crate::render::{theme, Renderer};
use crate::search::SearchStats;
use crate::sink::Sink;
use crate::{load, model};

/// A course that passed every check the build stops on, and where its text came from.
#[derive(Debug)]
pub struct Site {
    /// The content folder.
    content: PathBuf,
    pub course: Course,
    /// The text of every file the course was read from.
    pub sources: SourceMap,
    /// Where criteria, knowledge items and links were written, for later warnings.
    pub spans: Spans,
    /// Links that work but deserve a look (plain http:), for `check` to report.
    pub warnings: Vec<Diagnostic>,
    /// The edition the course has been narrowed to (see [`Site::narrow_to`]).
    shown: Edition,
}

impl Site {
    /// Reads the course in `content` and runs every check the build stops on: each file, the
    /// references between files and the links of every page. Returns every problem found.
    pub fn load(content: &Path) -> Result<Site, Vec<Diagnostic>> {
        Site::load_reusing(content, &Known::default())
    }

    /// Like [`Site::load`], taking from `known` what a previous build read of each course file
    /// that has not changed since, instead of reading it again.
    pub fn load_reusing(content: &Path, known: &Known) -> Result<Site, Vec<Diagnostic>> {
        // A file with problems does not stop the others being read and their references
        // checked: the teacher sees every problem of the course in one run.
        let (loaded, mut errors) = load::load(content, known);
        let Some(loaded) = loaded else {
            return Err(errors);
        };
        let mut spans = spans::collect(&loaded);
        if !errors.is_empty() {
            leave_links_into_unread_parts(&loaded, &mut spans);
        }
        let (course, sources, more) = model::build(loaded);
        errors.extend(more);
        for unit in spans.units.values() {
            errors.extend(safety::unit_errors(&sources, unit, course.site.raw_html));
            errors.extend(file_refs::unit_errors(&sources, unit, &course.files));
        }
        let (link_errors, warnings): (Vec<_>, Vec<_>) = links::broken(&course, &spans, &sources)
            .into_iter()
            .partition(|d| d.severity == Severity::Error);
        errors.extend(link_errors);
        if errors.is_empty() {
            Ok(Site {
                content: content.to_path_buf(),
                course,
                sources,
                spans,
                warnings,
                shown: Edition::Teacher,
            })
        } else {
            Err(errors)
        }
    }

    /// Leaves out of the course what `edition` does not show, now and after every unit rebuilt:
    /// the edition is decided here once, and templates and search receive only what it allows.
    pub fn narrow_to(&mut self, edition: Edition) {
        self.shown = edition;
        self.course.keep_only(edition);
    }

    /// The theme's templates, compiled: the site's own theme, with the templates beside the
    /// content folder over it.
    pub fn renderer(&self) -> Result<Renderer, Diagnostic> {
        theme::load(&site_root(&self.content), &self.course.site.theme).and_then(Renderer::new)
    }

    /// Renders the pages whose address `wanted` accepts into `sink`; see
    /// [`Renderer::render_each`].
    pub fn render(
        &self,
        renderer: &Renderer,
        edition: Edition,
        wanted: &(dyn Fn(&str) -> bool + Sync),
        sink: &(dyn Fn(&str, &str) -> Result<(), Diagnostic> + Sync),
    ) -> Result<usize, Vec<Diagnostic>> {
        renderer.render_each(&self.course, edition, wanted, sink)
    }

    /// Writes the search index of the whole course into `sink`.
    pub fn index(&self, edition: Edition, sink: &Sink) -> Result<SearchStats, Diagnostic> {
        crate::search::write(&self.course, edition, sink)
    }

    /// Reads the unit `slug` again after its files changed, and checks it as [`Site::load`]
    /// checks every unit (its files, its references to and from other units, its links). On
    /// any problem the site is left as it was and every problem is returned.
    pub fn rebuild_unit(&mut self, slug: &str) -> Result<(), Vec<Diagnostic>> {
        let files = &self.course.files;
        let (unit_sources, unit) = load::load_unit_folder(&self.content, slug, files)?;
        let unit_spans = spans::of_unit(&unit_sources, &unit, files);
        let old = model::rebuild_unit(&mut self.course, &unit_sources, unit)?;
        let mut broken = safety::unit_errors(&unit_sources, &unit_spans, self.course.site.raw_html);
        broken.extend(file_refs::unit_errors(
            &unit_sources,
            &unit_spans,
            &self.course.files,
        ));
        broken.extend(
            links::broken_in_unit(&self.course, &unit_spans, &unit_sources)
                .into_iter()
                .filter(|d| d.severity == Severity::Error),
        );
        if !broken.is_empty() {
            model::put_back(&mut self.course, old);
            return Err(broken);
        }
        self.course.keep_only(self.shown);
        // The unit's files join the source map, and its spans point into them.
        let offset = self.sources.append(unit_sources);
        self.spans
            .units
            .insert(slug.to_string(), unit_spans.shifted(offset));
        Ok(())
    }

    /// The content folder.
    pub fn content(&self) -> &Path {
        &self.content
    }
}

/// Takes out of `spans` the links to pages made from files that could not be read: that the
/// page is missing is no news, the file's problems are reported already.
fn leave_links_into_unread_parts(loaded: &load::Loaded, spans: &mut Spans) {
    let unread = |path: &str| {
        let segments: Vec<&str> = path.split('/').collect();
        let ["units", slug, rest @ ..] = segments.as_slice() else {
            return false;
        };
        if loaded.unread_units.iter().any(|u| u == slug) {
            return true;
        }
        let Some(unit) = loaded.units.iter().find(|u| u.slug == *slug) else {
            return false;
        };
        let gaps = &unit.unread;
        match rest {
            ["knowledge", item, ..] => gaps.knowledge.iter().any(|k| k == item),
            ["criteria", ..] => gaps.criteria,
            ["outcomes", o, ..] => gaps
                .outcomes
                .iter()
                .any(|id| crate::ids::slug_for_id(id) == *o),
            ["briefs", ..] => gaps.briefs,
            _ => !gaps.scenarios.is_empty(),
        }
    };
    for unit in spans.units.values_mut() {
        unit.links
            .retain(|l| match crate::markdown::classify(&l.written) {
                crate::markdown::LinkTarget::Site { path, .. } => !unread(&path),
                _ => true,
            });
    }
}

/// Reads and validates the course in `content` without writing anything.
pub fn load_course(content: &Path) -> Result<Course, Vec<Diagnostic>> {
    Site::load(content).map(|s| s.course)
}

/// The folder that holds the content folder, where themes/ and templates/ are looked for.
pub fn site_root(content: &Path) -> PathBuf {
    match content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
