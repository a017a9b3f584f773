//! Keeping the served site's search index current. The search module writes a course's index
//! scripts into a staging folder; here that folder is a scratch one, and the scripts are copied
//! into the served site when they changed. After an edit to some units, only their scripts are
//! made again, each from a course holding that unit alone; the manifest that lists every unit is
//! made again with the whole index, when units were added, removed, renamed or reordered.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use walkdir::WalkDir;

use super::output::Output;
use crate::diagnostic::Diagnostic;
use crate::model::Course;
use crate::render::{unit_label, Edition};
use crate::search;
use crate::write::Staging;

/// Makes search scripts in a scratch folder.
pub struct SearchSync {
    scratch: PathBuf,
}

/// What the search manifest says of each unit, in order: when it changes, the whole index is
/// made again.
pub fn manifest_key(course: &Course) -> Vec<(String, String, String)> {
    course
        .units
        .iter()
        .map(|u| (u.slug.clone(), unit_label(u), u.facts.title.clone()))
        .collect()
}

impl SearchSync {
    /// Uses `scratch`, a folder of its own outside the served site.
    pub fn new(scratch: PathBuf) -> Self {
        SearchSync { scratch }
    }

    /// Makes the whole index again and writes what changed.
    pub fn all(
        &self,
        course: &Course,
        edition: Edition,
        out: &mut Output,
    ) -> Result<Vec<String>, Diagnostic> {
        let files = self.generate(course, edition)?;
        out.sync("search/", &files)
    }

    /// Makes the scripts of the units `slugs` again and writes those that changed.
    pub fn units(
        &self,
        course: &mut Course,
        slugs: &BTreeSet<String>,
        edition: Edition,
        out: &mut Output,
    ) -> Result<Vec<String>, Diagnostic> {
        let mut changed = Vec::new();
        for slug in slugs {
            let Some(i) = course.units.iter().position(|u| &u.slug == slug) else {
                continue;
            };
            let mut single = Course {
                site: course.site.clone(),
                verbs: course.verbs.clone(),
                units: vec![course.units.remove(i)],
            };
            let files = self.generate(&single, edition);
            if let Some(unit) = single.units.pop() {
                course.units.insert(i, unit);
            }
            let script = search::unit_index_path(slug);
            for (path, bytes) in files?.iter().filter(|(p, _)| *p == script) {
                if out.write_file(path, bytes)? {
                    changed.push(path.clone());
                }
            }
        }
        Ok(changed)
    }

    /// The search files of `course`, as (path from the site root, bytes).
    fn generate(
        &self,
        course: &Course,
        edition: Edition,
    ) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let target = self.scratch.join("search-index");
        let staging = Staging::new(&target)?;
        search::write(course, edition, &staging)?;
        staging.commit()?;
        let mut files = Vec::new();
        for entry in WalkDir::new(&target).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Diagnostic::error(format!("cannot read the search index: {e}")).in_file(&target)
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&target).unwrap_or(entry.path());
            let bytes = fs::read(entry.path()).map_err(|e| {
                Diagnostic::error(format!("cannot read the search index: {e}"))
                    .in_file(entry.path())
            })?;
            files.push((rel.to_string_lossy().replace('\\', "/"), bytes));
        }
        Ok(files)
    }
}
