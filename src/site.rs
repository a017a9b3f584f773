//! The pipeline, one stage after another: load → model → render → write, for `build` and
//! `check` alike. Both run the same checks ([`load_checked`]), so `build` stops on exactly the
//! errors `check` reports. Each stage is timed, and any stage's errors end the build before the
//! output folder is touched. So does a signal asking it to stop (see [`crate::interrupt`]), and
//! an output folder that is not unitpress's to replace, which is refused before anything is read.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::check::{html, links, quiz_quality, rules, Findings};
use crate::diagnostic::{Diagnostic, Severity, SourceMap};
use crate::model::spans::{self, Spans};
use crate::model::Course;
use crate::model::Edition;
use crate::progress::{Progress, Silent};
use crate::render::{theme, Renderer};
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

/// A course that passed every check the build stops on, and where its text came from.
#[derive(Debug)]
pub struct Checked {
    pub course: Course,
    pub sources: SourceMap,
    /// Where criteria, knowledge items and links were written, for later warnings.
    pub spans: Spans,
    /// Links that work but deserve a look (plain http:), for `check` to report.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the course in `content` and runs every check the build stops on: each file, the
/// references between files and the links of every page. Returns every problem found.
pub fn load_checked(content: &Path) -> Result<Checked, Vec<Diagnostic>> {
    // A file with problems does not stop the others being read and their references checked:
    // the teacher sees every problem of the course in one run.
    let (loaded, mut errors) = load::load(content);
    let Some(loaded) = loaded else {
        return Err(errors);
    };
    let mut spans = spans::collect(&loaded);
    if !errors.is_empty() {
        leave_links_into_unread_parts(&loaded, &mut spans);
    }
    let (course, sources, more) = model::build(loaded);
    errors.extend(more);
    let (link_errors, warnings): (Vec<_>, Vec<_>) = links::broken(&course, &spans, &sources)
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    errors.extend(link_errors);
    if errors.is_empty() {
        Ok(Checked {
            course,
            sources,
            spans,
            warnings,
        })
    } else {
        Err(errors)
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
    load_checked(content).map(|c| c.course)
}

/// `unitpress check`: every error the build would stop on, and warnings about gaps a teacher
/// should fill (see [`rules`]), without writing anything.
pub fn check(content: &Path) -> Findings {
    let mut diagnostics = rules::placeholders(content);
    let mut quizzes = None;
    match load_checked(content) {
        Err(errors) => diagnostics.extend(errors),
        Ok(checked) => {
            diagnostics.extend(checked.warnings.iter().cloned());
            diagnostics.extend(rules::gaps(
                &checked.course,
                &checked.spans,
                &checked.sources,
            ));
            diagnostics.extend(html::script(
                &checked.course,
                &checked.spans,
                &checked.sources,
            ));
            diagnostics.extend(quiz_quality::warnings(
                &checked.course,
                &checked.spans,
                &checked.sources,
            ));
            quizzes = Some(quiz_quality::stats(&checked.course));
            // Render every page of both editions without writing it: a template can compile
            // and still fail on a page (an unknown variable), and build would stop there.
            match theme::load(&site_root(content), &checked.course.site.theme)
                .and_then(Renderer::new)
            {
                Ok(renderer) => {
                    for edition in [Edition::Learner, Edition::Teacher] {
                        let rendered =
                            renderer
                                .render_each(&checked.course, edition, &|_| true, &|_, _| Ok(()));
                        diagnostics.extend(rendered.err().into_iter().flatten());
                    }
                }
                Err(e) => diagnostics.push(e),
            }
        }
    }
    // A template that fails in both editions fails once.
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| seen.insert(d.to_string()));
    Findings {
        diagnostics,
        quizzes,
    }
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
    let (checked, took) = timed(|| load_checked(&options.content));
    let course = checked?.course;
    stages.push(("load", took));
    let (renderer, took) = timed(|| {
        let theme = theme::load(&site_root(&options.content), &course.site.theme)?;
        Renderer::new(theme)
    });
    let renderer = renderer.map_err(|e| vec![e])?;
    stages.push(("templates", took));
    if crate::interrupt::requested() {
        return Err(vec![crate::interrupt::stopped()]);
    }
    let staging = Staging::new(&options.out).map_err(|e| vec![e])?;
    let into_staging = |path: &str, bytes: &[u8]| staging.write(path, bytes);
    progress.stage("writing", Some(crate::render::page_count(&course)));
    // Pages and search indexes only read the model, so they are built side by side: while one
    // waits for the disk, the other keeps the cores busy.
    let ((pages, render_took), (search, search_took)) = rayon::join(
        || {
            timed(|| {
                renderer.render(&course, options.edition, &into_staging, &|| {
                    progress.page_done()
                })
            })
        },
        || timed(|| crate::search::write(&course, options.edition, &into_staging)),
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

/// The folder that holds the content folder, where themes/ and templates/ are looked for.
pub fn site_root(content: &Path) -> PathBuf {
    match content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
