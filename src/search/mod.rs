//! Search: an index per unit, built in parallel from the model, shipped as classic scripts that
//! a page loads only when the learner first uses search, so it works from disk too.

mod docs;
mod index;
mod postings;

use rustc_hash::FxHashSet as HashSet;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::Course;
use crate::render::{unit_label, Edition};
use crate::write::Staging;
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
    kinds: Vec<&'static str>,
}

#[derive(Serialize)]
struct ManifestUnit<'a> {
    slug: &'a str,
    label: String,
    title: &'a str,
}

/// Path of a unit's index script, relative to the site root.
pub fn unit_index_path(slug: &str) -> String {
    format!("search/units/{slug}.js")
}

/// Writes search/manifest.js and one index script per unit.
pub fn write(course: &Course, edition: Edition, out: &Staging) -> Result<SearchStats, Diagnostic> {
    type Written = Result<(usize, usize, HashSet<String>), Diagnostic>;
    let results: Vec<Written> = course
        .units
        .par_iter()
        .map_init(index::Analyzer::default, |analyzer, u| {
            let docs = docs::unit_docs(u, edition);
            let label = unit_label(u);
            let unit = index::unit_script(&u.slug, &label, &u.facts.title, &docs, analyzer);
            out.write(&unit_index_path(&u.slug), unit.script.as_bytes())?;
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
    // One list of the course's words for "did you mean", loaded only when a search finds
    // nothing: units share most of their vocabulary, so a list per unit would repeat it.
    let mut words: Vec<String> = words.into_iter().collect();
    words.sort_unstable();
    let words = format!(
        "UnitpressSearch.setWords({});\n",
        serde_json::to_string(&words.join(" ")).unwrap_or_default()
    );
    out.write("search/words.js", words.as_bytes())?;
    stats.bytes += words.len();
    let manifest = Manifest {
        units: course
            .units
            .iter()
            .map(|u| ManifestUnit {
                slug: &u.slug,
                label: unit_label(u),
                title: &u.facts.title,
            })
            .collect(),
        kinds: Kind::ALL.iter().map(|k| k.label()).collect(),
    };
    let json = serde_json::to_string(&manifest).unwrap_or_default();
    let script = format!("UnitpressSearch.setManifest({json});\n");
    out.write("search/manifest.js", script.as_bytes())?;
    stats.bytes += script.len();
    Ok(stats)
}
