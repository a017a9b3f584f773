//! Keeping the served site's search index current. The search module makes the index scripts
//! in memory, and those whose bytes changed are written into the served site. After an edit to
//! some units only their scripts are made again, and the word list when they bring new words;
//! the manifest that lists every unit is made again with the whole index, when units were
//! added, removed, renamed or reordered.

use std::collections::BTreeSet;
use std::sync::Mutex;

use rustc_hash::FxHashSet as HashSet;

use super::output::Output;
use crate::diagnostic::Diagnostic;
use crate::model::Edition;
use crate::model::{Course, Unit};
use crate::routes::Route;
use crate::search;

/// The course's words for "did you mean", kept between rebuilds so that a unit's new words can
/// join them without indexing the other units again.
#[derive(Default)]
pub struct SearchSync {
    words: HashSet<String>,
    /// Whether the whole index has been written: until it has, an edit writes it all.
    complete: bool,
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
        let (mut files, words) = scripts(&course.units, edition)?;
        for (path, script) in search::course_scripts(course, &words) {
            files.push((path.to_string(), script.into_bytes()));
        }
        self.words = words;
        let changed = out.sync("search/", &files)?;
        self.complete = true;
        Ok(changed)
    }

    /// Makes the scripts of the units `slugs` again and writes those that changed, and the word
    /// list when they brought new words. (Words an edit removed stay listed until the next
    /// whole rebuild: a suggestion that finds nothing is the worst that can come of it.)
    pub fn units(
        &mut self,
        course: &Course,
        slugs: &BTreeSet<String>,
        edition: Edition,
        out: &mut Output,
    ) -> Result<Vec<String>, Diagnostic> {
        if !self.complete {
            return self.all(course, edition, out);
        }
        let mut changed = Vec::new();
        let known = self.words.len();
        for unit in course.units.iter().filter(|u| slugs.contains(&u.slug)) {
            let (files, words) = scripts(std::slice::from_ref(unit), edition)?;
            self.words.extend(words);
            for (path, bytes) in files {
                if out.write_file(&path, &bytes)? {
                    changed.push(path);
                }
            }
        }
        if self.words.len() > known {
            let words = search::words_script(&self.words);
            if out.write_file(&Route::SearchWords.path(), words.as_bytes())? {
                changed.push(Route::SearchWords.path());
            }
        }
        Ok(changed)
    }
}

/// Files as (path from the site root, bytes).
type Files = Vec<(String, Vec<u8>)>;

/// The index scripts of `units`, and their words.
fn scripts(units: &[Unit], edition: Edition) -> Result<(Files, HashSet<String>), Diagnostic> {
    let files = Mutex::new(Vec::new());
    let (_, words) = search::unit_scripts(units, edition, &|path, script| {
        if let Ok(mut files) = files.lock() {
            files.push((path.to_string(), script.as_bytes().to_vec()));
        }
        Ok(())
    })?;
    let files = files.into_inner().unwrap_or_default();
    Ok((files, words))
}
