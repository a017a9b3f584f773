//! The folder the preview server serves. A file is written only when its bytes changed, and
//! atomically (a finished temporary file is renamed into place), so a request never sees half a
//! page; pages that are gone are removed.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::course_files::CourseFile;
use crate::diagnostic::Diagnostic;
use crate::model::Course;
use crate::model::Edition;
use crate::progress::Progress;
use crate::render::{page_count, resize, Renderer};
use crate::routes::{self, Route};

use super::timings::Stages;

/// The served site on disk.
pub struct Output {
    root: PathBuf,
    /// Every page written, by path from the site root.
    pages: HashSet<String>,
    /// Every other file written (theme assets, search scripts), by path from the site root.
    files: HashSet<String>,
}

/// A page as the renderer handed it over: (path, whether it changed).
type Rendered = (String, bool);

/// The unit a page belongs to; `None` for site-wide pages.
fn unit_of(path: &str) -> Option<&str> {
    Route::parse(path).and_then(|r| r.unit())
}

/// What a second pass of [`Output::render_units`] did.
#[derive(Debug, Default)]
pub struct Others {
    /// The pages whose bytes changed.
    pub changed: Vec<String>,
    /// Whether every page was rendered: `go_on` may have cut the pass short.
    pub finished: bool,
}

/// What one rendering pass did.
#[derive(Debug, Default)]
pub struct Pass {
    /// The pages whose bytes changed, sorted.
    pub changed: Vec<String>,
    /// Every page rendered.
    pub rendered: HashSet<String>,
}

impl Output {
    /// An empty site in `root`, which is created.
    pub fn new(root: PathBuf) -> Result<Self, Diagnostic> {
        fs::create_dir_all(&root).map_err(|e| io_error(&root, "cannot create", &e))?;
        Ok(Output {
            root,
            pages: HashSet::new(),
            files: HashSet::new(),
        })
    }

    /// Renders every page, copies the theme's assets and removes the pages that are gone.
    /// Returns the files that changed.
    pub fn render_all(
        &mut self,
        renderer: &Renderer,
        course: &Course,
        edition: Edition,
        progress: &dyn Progress,
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        progress.stage("writing", Some(page_count(course)));
        let pass = self.render(renderer, course, edition, &|_| true, &|| true, &|| {
            progress.page_done()
        })?;
        let assets: Vec<(String, Vec<u8>)> = renderer
            .assets()
            .iter()
            .map(|(p, b)| (Route::Asset(p).path(), b.clone()))
            .collect();
        let assets = self
            .sync(routes::assets_folder(), &assets)
            .map_err(|e| vec![e])?;
        let stale = self.remove_stale(&pass.rendered, |_| true);
        let files = self.sync_course_files(course, None).map_err(|e| vec![e])?;
        Ok([pass.changed, assets, stale, files].concat())
    }

    /// Renders the pages that may show the units `units`, in two passes. First the units' own
    /// pages, whose changes go to `early` at once: they are the pages a teacher editing a unit
    /// is looking at. Then the site-wide pages, and the pages of `neighbours`: the other units
    /// the model's link graph relates to these, before or after the change. That second pass
    /// runs on `background` (threads that give way to the browser reloading the first pass's
    /// pages) and stops early once `go_on` says no (a newer change is waiting). Returns what
    /// the second pass did.
    #[allow(clippy::too_many_arguments)]
    pub fn render_units(
        &mut self,
        renderer: &Renderer,
        course: &Course,
        edition: Edition,
        units: &BTreeSet<String>,
        neighbours: &BTreeSet<String>,
        background: Option<&rayon::ThreadPool>,
        go_on: &(dyn Fn() -> bool + Sync),
        stages: &mut Stages,
        early: &mut dyn FnMut(&[String], &mut Stages),
    ) -> Result<Others, Vec<Diagnostic>> {
        let in_units = |u: Option<&str>| u.is_some_and(|u| units.contains(u));
        let own = self.render(renderer, course, edition, &in_units, &|| true, &|| {})?;
        stages.mark("unit pages");
        let stale = self.remove_stale(&own.rendered, |p| in_units(unit_of(p)));
        let files = self
            .sync_course_files(course, Some(units))
            .map_err(|e| vec![e])?;
        stages.mark("course files");
        early(&[own.changed, stale, files].concat(), stages);
        let others = |u: Option<&str>| match u {
            None => true,
            Some(u) => neighbours.contains(u) && !units.contains(u),
        };
        let pass = match background {
            Some(pool) => {
                pool.install(|| self.render(renderer, course, edition, &others, go_on, &|| {}))
            }
            None => self.render(renderer, course, edition, &others, go_on, &|| {}),
        }?;
        stages.mark("other pages");
        let finished = go_on();
        let mut changed = pass.changed;
        if finished {
            changed.extend(self.sync_course_files(course, None).map_err(|e| vec![e])?);
        }
        Ok(Others { changed, finished })
    }

    /// Renders the pages of the units of `course` that `scope` accepts (`None`: the site-wide
    /// pages), while `go_on` says so, and writes those that changed, calling `on_page` after
    /// each. Returns what the pass did, or every error; the pages rendered before an error are
    /// kept.
    fn render(
        &mut self,
        renderer: &Renderer,
        course: &Course,
        edition: Edition,
        scope: &(dyn Fn(Option<&str>) -> bool + Sync),
        go_on: &(dyn Fn() -> bool + Sync),
        on_page: &(dyn Fn() + Sync),
    ) -> Result<Pass, Vec<Diagnostic>> {
        let done: Mutex<Vec<Rendered>> = Mutex::new(Vec::new());
        let root = &self.root;
        let result = renderer.render_scoped(course, edition, scope, go_on, &|path, html| {
            let changed = write_if_changed(root, path, html.as_bytes())?;
            done.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((path.to_string(), changed));
            on_page();
            Ok(())
        });
        let mut pass = Pass::default();
        for (path, was_changed) in done.into_inner().unwrap_or_else(|e| e.into_inner()) {
            if was_changed {
                pass.changed.push(path.clone());
            }
            self.pages.insert(path.clone());
            pass.rendered.insert(path);
        }
        pass.changed.sort();
        result.map(|_| pass)
    }

    /// Removes the pages that `scope` accepts and that are not in `current` (the pages the
    /// course has now); returns them.
    fn remove_stale(
        &mut self,
        current: &HashSet<String>,
        scope: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        let stale: Vec<String> = self
            .pages
            .iter()
            .filter(|p| !current.contains(*p) && scope(p))
            .cloned()
            .collect();
        for page in &stale {
            let _ = fs::remove_file(self.root.join(page));
            self.pages.remove(page);
        }
        stale
    }

    /// Writes `files` (path from the site root, bytes), all of them under `prefix`, and removes
    /// the files written before under `prefix` that are not among them. Returns the paths that
    /// changed.
    pub fn sync(
        &mut self,
        prefix: &str,
        files: &[(String, Vec<u8>)],
    ) -> Result<Vec<String>, Diagnostic> {
        let mut changed = Vec::new();
        let keep: HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        let gone: Vec<String> = self
            .files
            .iter()
            .filter(|f| f.starts_with(prefix) && !keep.contains(f.as_str()))
            .cloned()
            .collect();
        for f in gone {
            let _ = fs::remove_file(self.root.join(&f));
            self.files.remove(&f);
            changed.push(f);
        }
        for (path, bytes) in files {
            if self.write_file(path, bytes)? {
                changed.push(path.clone());
            }
        }
        Ok(changed)
    }

    /// Writes the course files the course uses that are not written yet, and removes those it
    /// no longer uses (a changed file has a new address, its old one goes). Returns the paths
    /// that changed. A file's address names its content, so one written before is not read;
    /// a large photo's smaller copies are made with it. With `units`, only the files those
    /// units use are looked at, and none is removed: what the pages just rendered need, before
    /// they are announced (the rest can wait for the second pass).
    fn sync_course_files(
        &mut self,
        course: &Course,
        units: Option<&BTreeSet<String>>,
    ) -> Result<Vec<String>, Diagnostic> {
        let used = match units {
            Some(units) => course.files_used_by(|slug| units.contains(slug)),
            None => course.used_files(),
        };
        // Each file's address, and those of its smaller copies: a changed file has new ones.
        let addresses: Vec<Published> = used
            .iter()
            .map(|f| (*f, f.site_path(), f.copies()))
            .collect();
        let keep: HashSet<&str> = addresses
            .iter()
            .flat_map(|(_, a, copies)| std::iter::once(a).chain(copies.iter().map(|(c, _)| c)))
            .map(String::as_str)
            .collect();
        let is_course_file = |p: &str| {
            matches!(
                Route::parse(p),
                Some(Route::File(_) | Route::SmallerImage(_))
            )
        };
        let gone: Vec<String> = match units {
            Some(_) => Vec::new(),
            None => self
                .files
                .iter()
                .filter(|f| is_course_file(f) && !keep.contains(f.as_str()))
                .cloned()
                .collect(),
        };
        let mut changed = Vec::new();
        for f in gone {
            let _ = fs::remove_file(self.root.join(&f));
            self.files.remove(&f);
            changed.push(f);
        }
        for (file, address, copies) in addresses {
            let present = |a: &str| self.files.contains(a) && self.root.join(a).is_file();
            if present(&address) && copies.iter().all(|(c, _)| present(c)) {
                continue;
            }
            let disk = file.path.as_path();
            let bytes = fs::read(disk).map_err(|e| {
                Diagnostic::error(format!("cannot read this file to publish it: {e}")).in_file(disk)
            })?;
            if self.write_file(&address, &bytes)? {
                changed.push(address);
            }
            let widths: Vec<u32> = copies.iter().map(|(_, w)| *w).collect();
            // A photo that cannot be decoded is served at each copy's address as it is.
            let made = resize::smaller_copies(&bytes, &widths)
                .unwrap_or_else(|_| widths.iter().map(|_| bytes.clone()).collect());
            for ((copy, _), made) in copies.into_iter().zip(made) {
                if self.write_file(&copy, &made)? {
                    changed.push(copy);
                }
            }
        }
        Ok(changed)
    }

    /// Writes one file that is not a page, if its bytes changed; returns whether they did.
    pub fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<bool, Diagnostic> {
        self.files.insert(path.to_string());
        write_if_changed(&self.root, path, bytes)
    }
}

/// Writes `bytes` to `rel` under `root` unless the file already holds them.
/// Refused once a signal has asked the server to stop, so that the folder can be removed.
fn write_if_changed(root: &Path, rel: &str, bytes: &[u8]) -> Result<bool, Diagnostic> {
    if crate::interrupt::requested() {
        return Err(crate::interrupt::stopped());
    }
    let path = root.join(rel);
    if fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.unitpress-new"));
    let written = match path.parent() {
        Some(parent) => fs::create_dir_all(parent),
        None => Ok(()),
    }
    .and_then(|_| fs::write(&temporary, bytes))
    .and_then(|_| fs::rename(&temporary, &path));
    written.map_err(|e| io_error(&path, "cannot write", &e))?;
    Ok(true)
}

fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("{what} the preview copy of the site: {e}"))
        .in_file(path)
        .help("check that the temporary folder has room and may be written to")
}

/// A course file, its address and its smaller copies' (address, width).
type Published<'a> = (&'a CourseFile, String, Vec<(String, u32)>);
