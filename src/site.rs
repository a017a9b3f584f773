//! The build pipeline, one stage after another: load → model → render → write. Each stage is
//! timed, and any stage's errors end the build before the output folder is touched.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostic;
use crate::model::Course;
use crate::progress::{Progress, Silent};
use crate::render::{theme, Edition, Renderer};
use crate::write::Staging;
use crate::{load, model};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub out: PathBuf,
    pub edition: Edition,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub total: Duration,
    /// (stage, time taken), in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
    /// What the search index holds and weighs.
    pub search: crate::search::SearchStats,
}

/// Reads and validates the course in `content` without writing anything.
pub fn load_course(content: &Path) -> Result<Course, Vec<Diagnostic>> {
    let loaded = load::load(content)?;
    let (course, _sources) = model::build(loaded)?;
    Ok(course)
}

/// Builds the site described by `options`.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    build_with_progress(options, &Silent)
}

/// Builds the site described by `options`, telling `progress` how it advances.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let result = build_stages(options, progress);
    progress.finish();
    result
}

fn build_stages(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let mut stages = Vec::new();
    let mut lap = |name: &'static str, since: &mut Instant| {
        stages.push((name, since.elapsed()));
        *since = Instant::now();
    };
    let mut t = Instant::now();

    refuse_output_over_content(options)?;
    progress.stage("reading", None);
    let loaded = load::load(&options.content)?;
    lap("load", &mut t);
    let (course, _sources) = model::build(loaded)?;
    lap("model", &mut t);
    let theme =
        theme::load(&site_root(&options.content), &course.site.theme).map_err(|e| vec![e])?;
    let renderer = Renderer::new(theme).map_err(|e| vec![e])?;
    lap("templates", &mut t);
    let staging = Staging::new(&options.out).map_err(|e| vec![e])?;
    progress.stage("writing", Some(crate::render::page_count(&course)));
    let pages = renderer.render(&course, options.edition, &staging, &|| progress.page_done())?;
    lap("render", &mut t);
    progress.stage("indexing", None);
    let search = crate::search::write(&course, options.edition, &staging).map_err(|e| vec![e])?;
    lap("search", &mut t);
    staging.commit().map_err(|e| vec![e])?;
    lap("write", &mut t);

    Ok(BuildReport {
        pages,
        total: start.elapsed(),
        stages,
        search,
    })
}

/// The build replaces the output folder wholesale, so it must not be the content folder or any
/// folder that holds it.
fn refuse_output_over_content(options: &BuildOptions) -> Result<(), Vec<Diagnostic>> {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .ok()
            .map(|p| p.canonicalize().unwrap_or(p))
    };
    if let (Some(out), Some(content)) = (absolute(&options.out), absolute(&options.content)) {
        if content.starts_with(&out) {
            return Err(vec![Diagnostic::error(
                "the output folder holds the content folder, and building would replace it",
            )
            .in_file(&options.out)
            .help(
                "choose an output folder outside the content, e.g. --out public",
            )]);
        }
    }
    Ok(())
}

/// The folder that holds the content folder, where themes/ and templates/ are looked for.
pub fn site_root(content: &Path) -> PathBuf {
    match content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
