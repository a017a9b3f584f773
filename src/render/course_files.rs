//! The course files on the site: each used file copied to its address, read from disk only as
//! it is written (in parallel, never all at once), and a unit's downloads as its page lists
//! them.

use rayon::prelude::*;
use serde::Serialize;

use super::views::Here;
use crate::diagnostic::Diagnostic;
use crate::model::{Course, Unit};
use crate::sink::Sink;

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

/// Copies every file the course uses into `out`; returns the problems.
pub fn write_files(course: &Course, out: &Sink) -> Vec<Diagnostic> {
    course
        .used_files()
        .par_iter()
        .filter_map(|f| {
            let bytes = std::fs::read(&f.path).map_err(|e| {
                Diagnostic::error(format!("cannot read this file to publish it: {e}"))
                    .in_file(&f.path)
                    .help("check that the file is still there and that you may read it")
            });
            bytes.and_then(|b| out(&f.site_path(), &b)).err()
        })
        .collect()
}
