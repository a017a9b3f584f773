//! Search: an index per unit, built in parallel from the model, shipped as classic scripts that
//! a page loads only when the learner first uses search, so it works from disk too.

mod docs;
mod index;
mod postings;

use rustc_hash::FxHashSet as HashSet;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::Edition;
use crate::model::{Course, Unit};
use crate::routes::Route;
use crate::sink::Sink;
pub use docs::Kind;

/// Sizes of what search wrote, for the build summary and benchmarks.
#[derive(Debug, Default, Clone, Copy)]
pub struct SearchStats {
    pub documents: usize,
    pub bytes: usize,
}

#[derive(Serialize)]
struct Manifest<'a> {
    units: Vec<ManifestUnit<'a>>,
    kinds: Vec<ManifestKind>,
    /// Where the word list for "did you mean" is.
    words: String,
}

#[derive(Serialize)]
struct ManifestUnit<'a> {
    slug: &'a str,
    label: String,
    title: &'a str,
    /// Where the unit's index script is.
    index: String,
}

#[derive(Serialize)]
struct ManifestKind {
    label: &'static str,
    weight: f32,
}

/// Writes the manifest, the word list and one index script per unit.
pub fn write(course: &Course, edition: Edition, out: &Sink) -> Result<SearchStats, Diagnostic> {
    let (mut stats, words) = unit_scripts(&course.units, edition, &|path, script| {
        out(path, script.as_bytes())
    })?;
    for (path, script) in course_scripts(course, &words) {
        out(&path, script.as_bytes())?;
        stats.bytes += script.len();
    }
    Ok(stats)
}

/// The scripts of the whole course beside the units' (path from the site root, script): the
/// word list of `words` and the manifest.
pub fn course_scripts(course: &Course, words: &HashSet<String>) -> [(String, String); 2] {
    [
        (Route::SearchWords.path(), words_script(words)),
        (Route::SearchManifest.path(), manifest_script(course)),
    ]
}

/// Makes the index script of each of `units`, in parallel, and hands each to `sink` as (path
/// from the site root, script). Returns their sizes and the words they hold worth suggesting.
pub fn unit_scripts(
    units: &[Unit],
    edition: Edition,
    sink: &(dyn Fn(&str, &str) -> Result<(), Diagnostic> + Sync),
) -> Result<(SearchStats, HashSet<String>), Diagnostic> {
    type Made = Result<(usize, usize, HashSet<String>), Diagnostic>;
    let results: Vec<Made> = units
        .par_iter()
        .map_init(index::Analyzer::default, |analyzer, u| {
            if crate::interrupt::requested() {
                return Err(crate::interrupt::stopped());
            }
            let docs = docs::unit_docs(u, edition);
            let label = u.label();
            let unit = index::unit_script(&u.slug, &label, &u.facts.title, &docs, analyzer);
            sink(&Route::SearchUnit(&u.slug).path(), &unit.script)?;
            Ok((docs.len(), unit.script.len(), unit.words))
        })
        .collect();
    let mut stats = SearchStats::default();
    let mut words = HashSet::default();
    for r in results {
        let (documents, bytes, unit_words) = r?;
        stats.documents += documents;
        stats.bytes += bytes;
        words.extend(unit_words);
    }
    Ok((stats, words))
}

/// One list of the course's words for "did you mean", loaded only when a search finds nothing:
/// units share most of their vocabulary, so a list per unit would repeat it.
pub fn words_script(words: &HashSet<String>) -> String {
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    words.sort_unstable();
    format!(
        "UnitpressSearch.setWords({});\n",
        serde_json::to_string(&words.join(" ")).unwrap_or_default()
    )
}

/// The script that lists the course's units and the kinds of document.
fn manifest_script(course: &Course) -> String {
    let manifest = Manifest {
        units: course
            .units
            .iter()
            .map(|u| ManifestUnit {
                slug: &u.slug,
                label: u.label(),
                index: Route::SearchUnit(&u.slug).path(),
                title: &u.facts.title,
            })
            .collect(),
        kinds: Kind::ALL
            .iter()
            .map(|k| ManifestKind {
                label: k.label(),
                weight: k.weight(),
            })
            .collect(),
        words: Route::SearchWords.path(),
    };
    let json = serde_json::to_string(&manifest).unwrap_or_default();
    format!("UnitpressSearch.setManifest({json});\n")
}
