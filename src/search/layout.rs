//! The course's search index laid out for the query, not for the unit: the postings of every
//! unit's documents in parts by term range, so that a query loads only the parts of its terms
//! (and the terms they begin); the field lengths and the data results show in parts by
//! document range, loaded only for the documents a query finds and shows. Documents are numbered
//! across the course unit by unit, in the course's order (see [`UnitData`] for the order within a
//! unit), so a unit is a range of numbers and its filter needs no data of its own.

mod results;
mod terms;

use std::collections::BTreeSet;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

use super::index::UnitData;
use super::postings::{self, Classes};
use super::text::Vocabulary;
use crate::routes::{Route, SearchPart};
use results::vocabulary;
use terms::{changed_terms, part_firsts, TermCodes};

/// Documents in a part of field lengths. A search across the course loads every part (its
/// words are found all over it), and each script a page loads costs the browser more than its
/// bytes do (from disk, Chromium takes some milliseconds to add each one), so the parts are
/// few: four at 100,000 documents, each about 35 KB gzipped, one of which a search within one
/// unit loads.
pub const LENGTH_PART: usize = 32768;
/// Documents in a part of result data: about what a page of results shows, so that showing one
/// result loads little besides it.
pub const DOC_PART: usize = 64;

/// The course's index, made from its units' data. Serve keeps it, so that an edit to one unit
/// makes again only the parts that the unit's changes touch.
pub struct CourseIndex {
    units: Vec<UnitData>,
    /// The number of each unit's first document.
    bases: Vec<u32>,
    /// The documents by kind, which the postings are coded by.
    classes: Classes,
    documents: usize,
    /// Every term of the course, sorted.
    terms: Vec<TermCodes>,
    /// The first term of each term part.
    firsts: Vec<String>,
    words: HashSet<String>,
    kind_terms: Vec<Vec<String>>,
    /// What the result data is coded against, made from the units the index was made of: an
    /// edit spells out the words it lacks rather than changing the code of every part.
    vocabulary: Vocabulary,
}

/// Files as (path from the site root, script).
pub type Files = Vec<(String, String)>;

impl CourseIndex {
    /// Lays out the index of `units`, in the course's order. `kind_terms` are the terms of each
    /// kind's label, in [`super::Kind::ALL`] order.
    pub fn new(units: Vec<UnitData>, kind_terms: Vec<Vec<String>>) -> CourseIndex {
        let mut words = HashSet::default();
        for u in &units {
            words.extend(u.words.iter().cloned());
        }
        let mut index = CourseIndex {
            bases: Vec::new(),
            classes: Classes::new(units.iter().map(|u| u.kinds.as_slice())),
            documents: 0,
            terms: Vec::new(),
            firsts: Vec::new(),
            vocabulary: vocabulary(&units),
            units,
            words,
            kind_terms,
        };
        index.number();
        let all: Vec<&str> = index.distinct_terms().into_iter().collect();
        // In runs of neighbouring terms, each run gathering its postings from one pass over the
        // units' sorted lists: looking every term up in every unit (350 units, 100,000 terms)
        // was the largest part of a build's work.
        let run = all.len().div_ceil(rayon::current_num_threads() * 32).max(1);
        index.terms = all
            .par_chunks(run)
            .flat_map_iter(|terms| index.codes_of_run(terms))
            .collect();
        index.firsts = part_firsts(&index.terms);
        index
    }

    /// How many documents the index holds.
    pub fn documents(&self) -> usize {
        self.documents
    }

    fn number(&mut self) {
        self.bases.clear();
        let mut next = 0;
        for u in &self.units {
            self.bases.push(next);
            next += u.lengths.len() as u32;
        }
        self.documents = next as usize;
    }

    /// Every script of the index.
    pub fn files(&self) -> Files {
        let mut files = Files::new();
        for part in 0..self.firsts.len() {
            files.push(self.term_part(part));
        }
        for part in 0..self.documents.div_ceil(LENGTH_PART) {
            files.push(self.length_part(part));
        }
        let docs: Vec<usize> = (0..self.documents.div_ceil(DOC_PART)).collect();
        files.par_extend(docs.into_par_iter().map(|part| self.doc_part(part)));
        files.extend(self.criterion_parts());
        files.push(self.manifest());
        files.push(self.words_file());
        files.push((Route::SearchVocabulary.path(), self.vocabulary.script()));
        files
    }

    /// Takes in a new state of one unit and returns the scripts it may have changed: the term
    /// parts of the terms whose postings changed, the parts of the unit's documents, the
    /// criteria, the manifest and the word list. `None` when the unit is not in the index or
    /// has a different number of documents of some kind: every number after it would move
    /// (within the course or within its kind, see [`Classes`]), so the whole index is to be
    /// made again.
    pub fn replace_unit(&mut self, unit: UnitData) -> Option<Files> {
        let at = self.units.iter().position(|u| u.slug == unit.slug)?;
        if self.units[at].kinds != unit.kinds {
            return None;
        }
        let mut changed: BTreeSet<String> = BTreeSet::new();
        for f in 0..2 {
            changed.extend(changed_terms(
                &self.units[at].postings[f],
                &unit.postings[f],
            ));
        }
        self.words.extend(unit.words.iter().cloned());
        self.units[at] = unit;
        let codes: Vec<TermCodes> = changed.par_iter().map(|t| self.codes(t)).collect();
        let mut parts = BTreeSet::new();
        for c in codes {
            parts.insert(self.part_of(&c.term));
            match self.terms.binary_search_by(|t| t.term.cmp(&c.term)) {
                Ok(i) => self.terms[i] = c,
                Err(i) => self.terms.insert(i, c),
            }
        }
        // A term no unit holds any more keeps its place, with empty postings, until the next
        // whole rebuild: it finds nothing.
        let mut files: Files = parts.into_iter().map(|p| self.term_part(p)).collect();
        let first = self.bases[at] as usize;
        let end = first + self.units[at].lengths.len();
        if end > first {
            for part in first / LENGTH_PART..=(end - 1) / LENGTH_PART {
                files.push(self.length_part(part));
            }
            for part in first / DOC_PART..=(end - 1) / DOC_PART {
                files.push(self.doc_part(part));
            }
        }
        files.extend(self.criterion_parts());
        files.push(self.manifest());
        files.push(self.words_file());
        Some(files)
    }

    /// The units' documents in the range of part `part` of `size`, each as (unit, document in
    /// the unit).
    fn range(&self, part: usize, size: usize) -> Vec<(usize, usize)> {
        let start = part * size;
        let end = (start + size).min(self.documents);
        let mut u = self
            .bases
            .partition_point(|&b| b as usize <= start)
            .saturating_sub(1);
        let mut out = Vec::with_capacity(end - start);
        for d in start..end {
            while u + 1 < self.bases.len() && self.bases[u + 1] as usize <= d {
                u += 1;
            }
            out.push((u, d - self.bases[u] as usize));
        }
        out
    }

    fn length_part(&self, part: usize) -> (String, String) {
        let docs = self.range(part, LENGTH_PART);
        let field = |f: usize| {
            let numbers: Vec<u32> = docs
                .iter()
                .map(|&(u, d)| self.units[u].lengths[d][f])
                .collect();
            postings::encode_numbers(&numbers)
        };
        #[derive(Serialize)]
        struct Part {
            title: (u32, String),
            body: (u32, String),
        }
        let json = Part {
            title: field(0),
            body: field(1),
        };
        script(
            Route::SearchPart(SearchPart::Lengths, part),
            "addLengths",
            part,
            &json,
        )
    }

    /// Criterion ids, sorted, with the numbers of their documents.
    fn criteria(&self) -> Vec<(&str, Vec<u32>)> {
        let mut ids: HashMap<&str, Vec<u32>> = HashMap::default();
        for (u, base) in self.units.iter().zip(&self.bases) {
            for (id, d) in &u.criteria {
                ids.entry(id.as_str()).or_default().push(base + d);
            }
        }
        let mut ids: Vec<(&str, Vec<u32>)> = ids.into_iter().collect();
        ids.sort_unstable();
        ids
    }

    fn criterion_parts(&self) -> Files {
        self.criteria()
            .into_iter()
            .enumerate()
            .map(|(n, (_, docs))| {
                script(
                    Route::SearchPart(SearchPart::Criterion, n),
                    "addCriterion",
                    n,
                    &docs,
                )
            })
            .collect()
    }

    fn manifest(&self) -> (String, String) {
        let manifest = super::manifest::Manifest::new(
            &self.units,
            &self.kind_terms,
            self.documents,
            &self.firsts,
            self.criteria().into_iter().map(|(id, _)| id).collect(),
        );
        let json = serde_json::to_string(&manifest).unwrap_or_default();
        (
            Route::SearchManifest.path(),
            format!("UnitpressSearch.setManifest({json});\n"),
        )
    }

    fn words_file(&self) -> (String, String) {
        (Route::SearchWords.path(), super::words_script(&self.words))
    }
}

/// A part's script: `UnitpressSearch.<call>(<number>, <json>);`.
fn script(route: Route, call: &str, n: usize, json: &impl Serialize) -> (String, String) {
    let json = serde_json::to_string(json).unwrap_or_default();
    (
        route.path(),
        format!("UnitpressSearch.{call}({n},{json});\n"),
    )
}

#[cfg(test)]
mod tests;
