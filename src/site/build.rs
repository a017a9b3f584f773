//! `unitpress build`: the stages one after another, each timed, into a staging folder that
//! replaces the output only when the whole build succeeded.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::Site;
use crate::diagnostic::Diagnostic;
use crate::model::Edition;
use crate::progress::{Progress, Silent};
use crate::render::resize::ImageCache;
use crate::render::Publish;
use crate::sink::OnDisk;
use crate::write::{PreviousSite, Staging};

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
    // A stopped build's stages fail one after another, each page with its own error: one says it.
    match result {
        Err(_) if crate::interrupt::requested() => Err(vec![crate::interrupt::stopped()]),
        other => other,
    }
}

fn build_stages(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let mut stages = Vec::new();

    refuse_output_over_content(options)?;
    crate::write::check_replaceable(&options.out).map_err(|e| vec![e])?;
    progress.stage("reading", None);
    // The site being replaced says what it read of each course file, and holds the smaller
    // copies of every photo that has not changed.
    let previous = PreviousSite::open(&options.out);
    let known = previous
        .as_ref()
        .map(PreviousSite::known_files)
        .unwrap_or_default();
    let (site, took) = timed(|| Site::load_reusing(&options.content, &known));
    let mut site = site?;
    site.narrow_to(options.edition);
    let course = &site.course;
    stages.push(("load", took));
    let (renderer, took) = timed(|| site.renderer());
    let renderer = renderer.map_err(|e| vec![e])?;
    stages.push(("templates", took));
    if crate::interrupt::requested() {
        return Err(vec![crate::interrupt::stopped()]);
    }
    let staging = Staging::new(&options.out).map_err(|e| vec![e])?;
    let into_staging = |path: &str, bytes: &[u8]| staging.write(path, bytes);
    let place = |path: &str, from: OnDisk| staging.place(path, from);
    let carry = |folder: &str| staging.carry(folder);
    let cache = ImageCache::new(previous);
    let publish = Publish {
        out: &into_staging,
        place: &place,
        carry: &carry,
        cache: &cache,
    };
    progress.stage("writing", Some(crate::render::page_count(course)));
    // Pages and search indexes only read the model, so they are built side by side: while one
    // waits for the disk, the other keeps the cores busy.
    let ((pages, render_took), (search, search_took)) = rayon::join(
        || timed(|| renderer.render(course, options.edition, &publish, &|| progress.page_done())),
        || timed(|| site.index(options.edition, &into_staging)),
    );
    let pages = pages?;
    let search = search.map_err(|e| vec![e])?;
    stages.push(("render", render_took));
    stages.push(("search", search_took));
    let (committed, took) = timed(|| staging.commit());
    committed.map_err(|e| vec![e])?;
    stages.push(("write", took));

    Ok(BuildReport {
        pages,
        total: start.elapsed(),
        stages,
        search,
    })
}

/// Runs `f`, and says how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let since = Instant::now();
    (f(), since.elapsed())
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
