//! The course files on the site: each used file copied to its address, read from disk only as
//! it is written (in parallel, never all at once), and a unit's downloads as its page lists
//! them.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::resize::{ImageCache, SmallerCopy};
use super::views::Here;
use crate::course_files::{CourseFile, Known};
use crate::diagnostic::Diagnostic;
use crate::model::{Course, Unit};
use crate::routes::KNOWN_FILES;
use crate::sink::{FileSink, FolderSink, OnDisk, Sink};

/// A download as the unit page lists it: "Worksheet (PDF, 120 KB)".
#[derive(Debug, Serialize)]
pub struct ResourceView {
    pub text: String,
    pub url: String,
    /// The file's type and size: "PDF, 120 KB".
    pub meta: String,
}

/// The downloads of unit `u`, as seen from the page `here`.
pub fn resources(here: &Here, course: &Course, u: &Unit) -> Vec<ResourceView> {
    u.downloads(course)
        .into_iter()
        .map(|d| ResourceView {
            text: d.text.to_string(),
            url: here.url(&d.file.site_path()),
            meta: d.file.meta(),
        })
        .collect()
}

/// Where the course files of a build go: bytes made now to `out`, files already on disk to
/// `place`, whole folders of the previous site to `carry`, and the smaller copies a previous
/// build made found through `cache`.
pub struct Publish<'a> {
    pub out: &'a Sink<'a>,
    pub place: &'a FileSink<'a>,
    pub carry: &'a FolderSink<'a>,
    pub cache: &'a ImageCache,
}

/// Publishes every file the course uses, with the smaller copies of its large photos; returns
/// the problems. A version folder that the previous site holds exactly as it is needed (the
/// same file, the same copies, nothing more) is kept whole, not file by file.
pub fn write_files(course: &Course, to: &Publish) -> Vec<Diagnostic> {
    let used = course.used_files();
    // The next build reads what this one read of each file from here, while it is unchanged.
    let known = Known::list(used.iter().copied());
    let mut errors = Vec::new();
    if !known.is_empty() {
        errors.extend((to.out)(KNOWN_FILES, known.as_bytes()).err());
    }
    let mut folders: BTreeMap<String, Vec<&CourseFile>> = BTreeMap::new();
    for f in used {
        folders.entry(f.at().folder()).or_default().push(f);
    }
    let folders: Vec<(String, Vec<&CourseFile>)> = folders.into_iter().collect();
    let published: Vec<Diagnostic> = folders
        .par_iter()
        .flat_map_iter(|(folder, files)| {
            let names: Vec<String> = files.iter().flat_map(|f| addresses(f)).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            if to.cache.holds_exactly(folder, &names) {
                return (to.carry)(folder).err().into_iter().collect::<Vec<_>>();
            }
            files.iter().filter_map(|f| publish(f, to).err()).collect()
        })
        .collect();
    errors.extend(published);
    errors
}

/// The addresses of a file and of its smaller copies.
fn addresses(f: &CourseFile) -> Vec<String> {
    let mut all = vec![f.site_path()];
    all.extend(f.copies().into_iter().map(|(address, _)| address));
    all
}

/// Publishes one file and its smaller copies. A file at the same address in the previous site
/// has the same bytes (its address holds their hash): it is linked from there, and a warm
/// rebuild reads no image.
pub fn publish(f: &CourseFile, to: &Publish) -> Result<(), Diagnostic> {
    let address = f.site_path();
    match to.cache.previous(&address) {
        Some(previous) => (to.place)(&address, OnDisk::Previous(&previous))?,
        None => (to.place)(&address, OnDisk::Content(&f.path))?,
    }
    let wanted = f.copies();
    if wanted.is_empty() {
        return Ok(());
    }
    let read = || std::fs::read(&f.path).map_err(|e| format!("cannot read it: {e}"));
    match to.cache.copies(&wanted, read) {
        Ok(copies) => {
            for ((copy_address, _), copy) in wanted.iter().zip(copies) {
                match copy {
                    SmallerCopy::Previous(p) => (to.place)(copy_address, OnDisk::Previous(&p))?,
                    SmallerCopy::Made(bytes) => (to.out)(copy_address, &bytes)?,
                }
            }
        }
        // A photo that cannot be decoded (though its header could be read) still works in
        // the page: each copy's address serves the original, only with no saving of data.
        Err(_) => {
            for (copy_address, _) in &wanted {
                (to.place)(copy_address, OnDisk::Content(&f.path))?;
            }
        }
    }
    Ok(())
}
