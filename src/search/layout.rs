//! The course's search index laid out for the query, not for the unit: the postings of every
//! unit's documents in parts by term range, so that a query loads only the parts of its terms
//! (and the terms they begin); the field lengths and the data results show in parts by
//! document range, loaded only for the documents a query finds and shows. Documents are numbered
//! across the course unit by unit, in the course's order (see [`UnitData`] for the order within a
//! unit), so a unit is a range of numbers and its filter needs no data of its own.

use std::collections::BTreeSet;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

use super::index::{FieldPostings, Row, UnitData};
use super::postings::{self, Bits, Classes};
use super::text::{Counts, Table, Vocabulary};
use crate::routes::{Route, SearchPart};

/// How many characters of postings a term part holds, about: a common term's postings alone
/// can take more, and then has a part to itself.
const TERM_PART_CHARS: usize = 8 * 1024;
/// Documents in a part of field lengths. A search across the course loads every part (its
/// words are found all over it), and each script a page loads costs the browser more than its
/// bytes do, so the parts are few: a search within one unit loads one of about 20 KB gzipped.
pub const LENGTH_PART: usize = 16384;
/// Documents in a part of result data: about what a page of results shows, so that showing one
/// result loads little besides it.
pub const DOC_PART: usize = 64;

/// One term's postings over the whole course, coded, per field (title, body).
struct TermCodes {
    term: String,
    codes: [String; 2],
}

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

    fn distinct_terms(&self) -> BTreeSet<&str> {
        let mut terms = BTreeSet::new();
        for u in &self.units {
            for field in &u.postings {
                terms.extend(field.iter().map(|(t, _)| t.as_str()));
            }
        }
        terms
    }

    /// The codes of the postings of `terms`, a run of neighbouring terms of the course (every
    /// term between its first and last), in order: the part of each unit's sorted lists that
    /// falls in the run is read once, each entry finding its term by a search of the run.
    fn codes_of_run(&self, terms: &[&str]) -> Vec<TermCodes> {
        let (Some(&first), Some(&last)) = (terms.first(), terms.last()) else {
            return Vec::new();
        };
        let mut lists: Vec<[Vec<(u32, u32)>; 2]> = vec![[Vec::new(), Vec::new()]; terms.len()];
        for (u, base) in self.units.iter().zip(&self.bases) {
            for (f, field) in u.postings.iter().enumerate() {
                let start = field.partition_point(|(t, _)| t.as_str() < first);
                let mut k = 0;
                for (t, docs) in field[start..]
                    .iter()
                    .take_while(|(t, _)| t.as_str() <= last)
                {
                    k += terms[k..].partition_point(|x| *x < t.as_str());
                    if let Some(list) = lists.get_mut(k).filter(|_| terms[k] == t) {
                        list[f].extend(docs.iter().map(|&(d, c)| (d + base, c)));
                    }
                }
            }
        }
        terms
            .iter()
            .zip(lists)
            .map(|(term, lists)| TermCodes {
                term: term.to_string(),
                codes: lists.map(|list| postings::encode(&list, &self.classes)),
            })
            .collect()
    }

    /// The codes of `term`'s postings across the course.
    fn codes(&self, term: &str) -> TermCodes {
        let codes = [0, 1].map(|f| {
            let mut list = Vec::new();
            for (u, base) in self.units.iter().zip(&self.bases) {
                let field = &u.postings[f];
                if let Ok(i) = field.binary_search_by(|(t, _)| t.as_str().cmp(term)) {
                    list.extend(field[i].1.iter().map(|&(d, c)| (d + base, c)));
                }
            }
            postings::encode(&list, &self.classes)
        });
        TermCodes {
            term: term.to_string(),
            codes,
        }
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

    /// The term part that holds `term` (or would).
    fn part_of(&self, term: &str) -> usize {
        self.firsts
            .partition_point(|f| f.as_str() <= term)
            .saturating_sub(1)
    }

    fn term_part(&self, part: usize) -> (String, String) {
        let start = self
            .terms
            .partition_point(|t| part > 0 && t.term < self.firsts[part]);
        let end = match self.firsts.get(part + 1) {
            Some(next) => self.terms.partition_point(|t| t.term < *next),
            None => self.terms.len(),
        };
        let terms = &self.terms[start..end];
        #[derive(Serialize)]
        struct Part<'a> {
            terms: String,
            title: Vec<&'a str>,
            body: Vec<&'a str>,
        }
        let json = Part {
            terms: terms
                .iter()
                .map(|t| t.term.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            title: terms.iter().map(|t| t.codes[0].as_str()).collect(),
            body: terms.iter().map(|t| t.codes[1].as_str()).collect(),
        };
        script(
            Route::SearchPart(SearchPart::Terms, part),
            "addTerms",
            part,
            &json,
        )
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

    /// The result data of part `part`'s documents, coded (see [`super::text`]): the number
    /// of pages they are on plus 1 (Elias gamma), each page's title and path within its
    /// unit's folder; then for each document its page (gamma: 1 for the previous document's,
    /// most often, else the page plus 2), its title (empty when it
    /// is its page's), its #fragment (gamma 1: none; 2: made from the title shown, see
    /// [`simple_id`]; 3: the text that follows) and its snippet.
    fn doc_part(&self, part: usize) -> (String, String) {
        let v = &self.vocabulary;
        let docs = self.range(part, DOC_PART);
        let mut pages: Vec<(usize, usize)> = Vec::new();
        let mut page_of: HashMap<(usize, usize), usize> = HashMap::default();
        let rows: Vec<(usize, &Row)> = docs
            .into_iter()
            .map(|(u, d)| {
                let row = &self.units[u].rows[d];
                let page = *page_of.entry((u, row.page)).or_insert_with(|| {
                    pages.push((u, row.page));
                    pages.len() - 1
                });
                (page, row)
            })
            .collect();
        let mut bits = Bits::default();
        bits.gamma(pages.len() + 1);
        for &(u, p) in &pages {
            let (title, path) = &self.units[u].pages[p];
            v.encode(Table::Title, title, &mut bits);
            v.encode(Table::Path, path, &mut bits);
        }
        let mut previous = None;
        for (page, row) in rows {
            bits.gamma(if previous == Some(page) { 1 } else { page + 2 });
            previous = Some(page);
            v.encode(Table::Title, &row.title, &mut bits);
            match given_fragment(&self.units[pages[page].0], row) {
                _ if row.fragment.is_empty() => bits.gamma(1),
                None => bits.gamma(2),
                Some(fragment) => {
                    bits.gamma(3);
                    v.encode(Table::Path, fragment, &mut bits);
                }
            }
            v.encode(Table::Snippet, &row.snippet, &mut bits);
        }
        script(
            Route::SearchPart(SearchPart::Docs, part),
            "addDocs",
            part,
            &bits.finish(),
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

/// A document's #fragment where the result data is to give it: not when it has none, nor when
/// the reader can make it from the title shown (the heading's id, see [`simple_id`]).
fn given_fragment<'a>(unit: &UnitData, row: &'a Row) -> Option<&'a str> {
    let shown = if row.title.is_empty() {
        &unit.pages[row.page].0
    } else {
        &row.title
    };
    let made = simple_id(shown).is_some_and(|id| id == row.fragment);
    (!row.fragment.is_empty() && !made).then_some(row.fragment.as_str())
}

/// The id search-index.js makes of an ASCII title: lower case, each run of other characters
/// than letters and digits a hyphen, none at either end. `None` for other titles, whose lower
/// case JavaScript might make otherwise.
fn simple_id(title: &str) -> Option<String> {
    if !title.is_ascii() {
        return None;
    }
    let mut id = String::with_capacity(title.len());
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&word.to_ascii_lowercase());
    }
    Some(id)
}

/// The vocabulary of the result data of `units`: the runs of every text a part of result data
/// holds, counted unit by unit in parallel.
fn vocabulary(units: &[UnitData]) -> Vocabulary {
    units
        .par_iter()
        .fold(Counts::default, |mut counts, u| {
            for (title, path) in &u.pages {
                counts.add(Table::Title, title);
                counts.add(Table::Path, path);
            }
            for row in &u.rows {
                counts.add(Table::Title, &row.title);
                counts.add(Table::Snippet, &row.snippet);
                if let Some(fragment) = given_fragment(u, row) {
                    counts.add(Table::Path, fragment);
                }
            }
            counts
        })
        .reduce(Counts::default, Counts::merge)
        .vocabulary()
}

/// The terms whose postings differ between two states of a unit's field (both sorted).
fn changed_terms(old: &FieldPostings, new: &FieldPostings) -> Vec<String> {
    let old_map: HashMap<&str, &Vec<(u32, u32)>> =
        old.iter().map(|(t, l)| (t.as_str(), l)).collect();
    let new_map: HashMap<&str, &Vec<(u32, u32)>> =
        new.iter().map(|(t, l)| (t.as_str(), l)).collect();
    let mut changed: Vec<String> = old
        .iter()
        .filter(|(t, l)| new_map.get(t.as_str()) != Some(&l))
        .chain(
            new.iter()
                .filter(|(t, _)| !old_map.contains_key(t.as_str())),
        )
        .map(|(t, _)| t.clone())
        .collect();
    changed.sort_unstable();
    changed.dedup();
    changed
}

/// Where each term part starts: terms in order, a new part once the current one holds about
/// [`TERM_PART_CHARS`].
fn part_firsts(terms: &[TermCodes]) -> Vec<String> {
    let mut firsts = Vec::new();
    let mut size = 0;
    for t in terms {
        let chars = t.term.len() + t.codes[0].len() + t.codes[1].len() + 8;
        if firsts.is_empty() || size + chars > TERM_PART_CHARS && size > 0 {
            firsts.push(t.term.clone());
            size = 0;
        }
        size += chars;
    }
    if firsts.is_empty() {
        firsts.push(String::new());
    }
    firsts
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
mod tests {
    use super::super::docs::{Doc, Kind};
    use super::super::index::{unit_data, Analyzer};
    use super::*;

    /// A unit whose documents have these bodies, all knowledge items.
    fn unit(slug: &str, bodies: &[String]) -> UnitData {
        let docs = bodies
            .iter()
            .enumerate()
            .map(|(i, body)| Doc {
                title: format!("Section {i}"),
                page: None,
                indexed_title: None,
                url: format!("units/{slug}/knowledge/k{i}/index.html"),
                kind: Kind::KnowledgeItem,
                body: body.clone(),
                criterion: None,
            })
            .collect();
        unit_data(slug, "Unit", "Test", docs, &mut Analyzer::default())
    }

    /// Three units of 40 documents over some 2,000 distinct words: several term parts.
    fn bodies(unit: usize) -> Vec<String> {
        (0..40)
            .map(|d| {
                (0..60)
                    .map(|w| format!("w{}x", (unit * 7919 + d * 131 + w * 17) % 2000))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    fn course(edited: Option<&str>) -> Vec<UnitData> {
        (0..3)
            .map(|u| {
                let mut b = bodies(u);
                if let (1, Some(extra)) = (u, edited) {
                    b[5].push_str(extra);
                }
                unit(&format!("u{u}"), &b)
            })
            .collect()
    }

    #[test]
    fn postings_gathered_in_runs_are_those_each_term_looked_up_alone_has() {
        let index = CourseIndex::new(course(None), vec![Vec::new(); Kind::ALL.len()]);
        assert!(index.terms.len() > 1000, "{} terms", index.terms.len());
        for t in &index.terms {
            assert_eq!(t.codes, index.codes(&t.term).codes, "{}", t.term);
        }
    }

    #[test]
    fn an_edit_rewrites_only_the_parts_it_changes_and_those_as_a_whole_build_would() {
        let mut index = CourseIndex::new(course(None), vec![Vec::new(); Kind::ALL.len()]);
        let before: HashMap<String, String> = index.files().into_iter().collect();
        let parts = index.firsts.len();
        assert!(parts >= 4, "{parts} term parts");
        // One more occurrence of a word the document already has: its count changes.
        let edit = bodies(1)[5].split(' ').next().unwrap().to_string();
        let edited = course(Some(&format!(" {edit}")));
        let files = index
            .replace_unit(edited.into_iter().nth(1).unwrap())
            .unwrap();
        let fresh = CourseIndex::new(
            course(Some(&format!(" {edit}"))),
            vec![Vec::new(); Kind::ALL.len()],
        );
        assert_eq!(fresh.firsts, index.firsts);
        let fresh: HashMap<String, String> = fresh.files().into_iter().collect();
        for (path, script) in &files {
            assert_eq!(Some(script), fresh.get(path), "{path}");
        }
        let rewritten: Vec<&String> = files.iter().map(|(p, _)| p).collect();
        for (path, script) in &fresh {
            if before.get(path) != Some(script) {
                assert!(
                    rewritten.contains(&path),
                    "{path} changed but was not rewritten"
                );
            }
        }
        let term_parts = rewritten.iter().filter(|p| p.contains("/terms/")).count();
        assert_eq!(term_parts, 1, "{rewritten:?}");
    }

    #[test]
    fn a_fragment_the_reader_can_make_from_the_title_is_left_out() {
        let u = unit("u", &["text".to_string()]);
        let given = |fragment: &str, title: &str| {
            let row = Row {
                page: 0,
                title: title.to_string(),
                fragment: fragment.to_string(),
                snippet: String::new(),
            };
            given_fragment(&u, &row).map(str::to_string)
        };
        assert_eq!(given("tools-and-systems", "Tools and Systems"), None);
        assert_eq!(given("what-s-new-2024", "  What's new? (2024)"), None);
        assert_eq!(
            given("tools-and-systems-1", "Tools and Systems").as_deref(),
            Some("tools-and-systems-1")
        );
        assert_eq!(given("éte", "Éte").as_deref(), Some("éte"));
        assert_eq!(given("", ""), None);
    }

    #[test]
    fn an_edit_with_words_the_vocabulary_lacks_shows_them_in_its_result_data() {
        use super::super::text::tests::Reader;
        let mut index = CourseIndex::new(course(None), vec![Vec::new(); Kind::ALL.len()]);
        let mut b = bodies(1);
        b[5] = format!("Zébrafish ünheard-of {}", b[5]);
        let files = index.replace_unit(unit("u1", &b)).unwrap();
        // Unit u1's document 5 is document 45 of the course: in the first part of result data.
        let part = Route::SearchPart(SearchPart::Docs, 0).path();
        let (_, script) = files.iter().find(|(p, _)| *p == part).unwrap();
        let code = script.split('"').nth(1).unwrap();
        let mut r = Reader::new(code);
        for _ in 1..r.gamma() {
            r.text(&index.vocabulary, Table::Title);
            r.text(&index.vocabulary, Table::Path);
        }
        let mut snippets = Vec::new();
        for _ in 0..DOC_PART {
            r.gamma();
            r.text(&index.vocabulary, Table::Title);
            if r.gamma() == 3 {
                r.text(&index.vocabulary, Table::Path);
            }
            snippets.push(r.text(&index.vocabulary, Table::Snippet));
        }
        assert!(
            snippets[45].starts_with("Zébrafish ünheard-of w"),
            "{}",
            snippets[45]
        );
        assert_eq!(snippets[44], index.units[1].rows[4].snippet);
    }

    #[test]
    fn a_new_document_asks_for_the_whole_index() {
        let mut index = CourseIndex::new(course(None), vec![Vec::new(); Kind::ALL.len()]);
        let mut b = bodies(1);
        b.push("one more".into());
        assert!(index.replace_unit(unit("u1", &b)).is_none());
    }

    #[test]
    fn documents_are_numbered_unit_by_unit_and_parts_cover_them() {
        let index = CourseIndex::new(course(None), vec![Vec::new(); Kind::ALL.len()]);
        assert_eq!(index.bases, [0, 40, 80]);
        assert_eq!(index.range(1, DOC_PART)[0], (1, DOC_PART - 40));
        let files = index.files();
        let docs = files.iter().filter(|(p, _)| p.contains("/docs/")).count();
        assert_eq!(docs, 120usize.div_ceil(DOC_PART));
    }
}
