//! The course files on the site: each used file copied to its address, read from disk only as
//! it is written (in parallel, never all at once), and a unit's downloads as its page lists
//! them.

use rayon::prelude::*;
use serde::Serialize;

use super::resize::{ImageCache, SmallerCopy};
use super::views::Here;
use crate::course_files::CourseFile;
use crate::diagnostic::Diagnostic;
use crate::model::{Course, Unit};
use crate::sink::{FileSink, OnDisk, Sink};

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
/// `place`, and the smaller copies a previous build made found through `cache`.
pub struct Publish<'a> {
    pub out: &'a Sink<'a>,
    pub place: &'a FileSink<'a>,
    pub cache: &'a ImageCache,
}

/// Publishes every file the course uses, with the smaller copies of its large photos; returns
/// the problems.
pub fn write_files(course: &Course, to: &Publish) -> Vec<Diagnostic> {
    course
        .used_files()
        .par_iter()
        .filter_map(|f| publish(f, to).err())
        .collect()
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
    let wanted: Vec<(String, u32)> = f
        .smaller_widths()
        .into_iter()
        .map(|w| (f.at().smaller(w).path(), w))
        .collect();
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
