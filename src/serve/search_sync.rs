//! Keeping the served site's search index current. The search module lays out the course's
//! index in memory, and the parts whose bytes changed are written into the served site. After
//! an edit to some units only those units are analyzed again, and only the parts their changes
//! touch are made again: the term parts of the terms whose postings changed, the parts of the
//! units' documents, the criteria, the manifest and the word list. An edit that adds or removes
//! a document of a unit moves the numbers of every document after it, and the whole index is
//! made again, as it is when units are added, removed, renamed or reordered.

use std::collections::BTreeSet;

use super::output::Output;
use crate::diagnostic::Diagnostic;
use crate::model::Course;
use crate::model::Edition;
use crate::search::{self, CourseIndex};

/// The index as last written, kept between rebuilds.
#[derive(Default)]
pub struct SearchSync {
    /// `None` until the whole index has been written: until then, an edit writes it all.
    index: Option<CourseIndex>,
}

/// What the search manifest says of each unit, in order: when it changes, the whole index is
/// made again.
pub fn manifest_key(course: &Course) -> Vec<(String, String, String)> {
    course
        .units
        .iter()
        .map(|u| (u.slug.clone(), u.label(), u.facts.title.clone()))
        .collect()
}

impl SearchSync {
    /// Makes the whole index again and writes what changed.
    pub fn all(
        &mut self,
        course: &Course,
        edition: Edition,
        out: &mut Output,
    ) -> Result<Vec<String>, Diagnostic> {
        self.index = None;
        let index = search::course_index(course, edition)?;
        let files: Vec<(String, Vec<u8>)> = index
            .files()
            .into_iter()
            .map(|(path, script)| (path, script.into_bytes()))
            .collect();
        let changed = out.sync(crate::routes::search_folder(), &files)?;
        self.index = Some(index);
        Ok(changed)
    }

    /// Analyzes the units `slugs` again and writes the parts of the index that changed.
    /// (Words an edit removed stay listed until the next whole rebuild: a suggestion that finds
    /// nothing is the worst that can come of it.)
    pub fn units(
        &mut self,
        course: &Course,
        slugs: &BTreeSet<String>,
        edition: Edition,
        out: &mut Output,
    ) -> Result<Vec<String>, Diagnostic> {
        let Some(index) = self.index.as_mut() else {
            return self.all(course, edition, out);
        };
        let units: Vec<_> = course
            .units
            .iter()
            .filter(|u| slugs.contains(&u.slug))
            .collect();
        let mut files = search::Files::new();
        for data in search::analyze(course, &units, edition)? {
            match index.replace_unit(data) {
                Some(more) => files.extend(more),
                None => return self.all(course, edition, out),
            }
        }
        let mut changed = Vec::new();
        for (path, script) in files {
            if out.write_file(&path, script.as_bytes())? && !changed.contains(&path) {
                changed.push(path);
            }
        }
        Ok(changed)
    }
}
