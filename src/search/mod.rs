//! Search: one index for the whole course, laid out for the query (see [`layout`]) and shipped
//! as classic scripts that a page loads only when the learner uses search, so that it works from
//! disk too. Each unit is analyzed on its own, in parallel, from the model.

mod docs;
mod index;
mod layout;
mod manifest;
mod postings;
mod text;

use rustc_hash::FxHashSet as HashSet;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::Edition;
use crate::model::{Course, Unit};
use crate::sink::Sink;
pub use docs::Kind;
pub use index::UnitData;
pub use layout::{CourseIndex, Files};

/// Sizes of what search wrote, for the build summary and benchmarks.
#[derive(Debug, Default, Clone, Copy)]
pub struct SearchStats {
    pub documents: usize,
    pub bytes: usize,
}

/// Writes the whole index of `course`.
pub fn write(course: &Course, edition: Edition, out: &Sink) -> Result<SearchStats, Diagnostic> {
    let index = course_index(course, edition)?;
    let files = index.files();
    let written: Vec<Result<usize, Diagnostic>> = files
        .par_iter()
        .map(|(path, script)| out(path, script.as_bytes()).map(|()| script.len()))
        .collect();
    let mut stats = SearchStats {
        documents: index.documents(),
        bytes: 0,
    };
    for w in written {
        stats.bytes += w?;
    }
    Ok(stats)
}

/// The index of the whole course.
pub fn course_index(course: &Course, edition: Edition) -> Result<CourseIndex, Diagnostic> {
    let units: Vec<&Unit> = course.units.iter().collect();
    let units = analyze(course, &units, edition)?;
    let mut analyzer = index::Analyzer::default();
    let kind_terms = Kind::ALL
        .iter()
        .map(|k| analyzer.terms(k.label()))
        .collect();
    Ok(CourseIndex::new(units, kind_terms))
}

/// What the index holds of each of `units` (of `course`), made in parallel.
pub fn analyze(
    course: &Course,
    units: &[&Unit],
    edition: Edition,
) -> Result<Vec<UnitData>, Diagnostic> {
    units
        .par_iter()
        .map_init(index::Analyzer::default, |analyzer, u| {
            if crate::interrupt::requested() {
                return Err(crate::interrupt::stopped());
            }
            let docs = docs::unit_docs(course, u, edition);
            Ok(index::unit_data(
                &u.slug,
                &u.label(),
                &u.facts.title,
                docs,
                analyzer,
            ))
        })
        .collect()
}

/// One list of the course's words for "did you mean", loaded only when a search finds nothing:
/// units share most of their vocabulary, so a list per unit would repeat it.
fn words_script(words: &HashSet<String>) -> String {
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    words.sort_unstable();
    format!(
        "UnitpressSearch.setWords({});\n",
        serde_json::to_string(&words.join(" ")).unwrap_or_default()
    )
}
