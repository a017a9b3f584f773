//! Turns a unit's search documents into a compact index script.
//!
//! Tokens come from elasticlunr-rs's English language: its tokenizer and pipeline (trimmer,
//! stop-word filter, Porter stemmer), the same as elasticlunr.js runs on a query. Instead of
//! elasticlunr's JSON (a character trie with every document reference spelled out at each node,
//! plus a store of every document) the script holds, per field, the sorted terms and one
//! bit-packed code of their postings (see [`postings::encode`]), the field lengths, and a separate table of
//! titles, URLs and snippets. The browser feeds a real elasticlunr.js index from it (each term's
//! postings when a query first needs them), so scoring is elasticlunr's own.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use elasticlunr::lang::English;
use elasticlunr::{Language, Pipeline};
use serde::Serialize;

use crate::routes;

use super::docs::{Doc, Kind};
use super::postings::{self, FieldPostings};

const SNIPPET_CHARS: usize = 100;

/// Tokenizes text the way elasticlunr.js does a query. A course repeats the same few thousand
/// words endlessly, so each distinct token goes through the pipeline (trimmer, stop words,
/// stemmer) once per thread, and terms are numbered so that counting them allocates nothing.
pub struct Analyzer {
    pipeline: Pipeline,
    /// token → its term's number, or `None` for a stop word or a bare number.
    seen: HashMap<String, Option<u32>>,
    /// term → its number, and back.
    numbers: HashMap<String, u32>,
    terms: Vec<String>,
    /// Tokens met for the first time since [`Analyzer::take_words`] last ran.
    fresh: Vec<String>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            pipeline: English::new().make_pipeline(),
            seen: HashMap::default(),
            numbers: HashMap::default(),
            terms: Vec::new(),
            fresh: Vec::new(),
        }
    }
}

impl Analyzer {
    /// The numbers of the index terms of `text`: stop words and tokens without a letter (bare
    /// numbers) left out.
    pub fn term_numbers(&mut self, text: &str, out: &mut Vec<u32>) {
        out.clear();
        for raw in tokens(text) {
            let lowered;
            // elasticlunr lowercases every token; most are lowercase ASCII already, and those
            // are looked up without making a new string.
            let token = if raw.is_ascii() && !raw.bytes().any(|b| b.is_ascii_uppercase()) {
                raw
            } else {
                lowered = raw.to_lowercase();
                &lowered
            };
            let number = match self.seen.get(token) {
                Some(n) => *n,
                None => self.analyze(token.to_string()),
            };
            out.extend(number);
        }
    }

    /// Runs a token met for the first time through the pipeline, and remembers its term.
    fn analyze(&mut self, token: String) -> Option<u32> {
        let term = self
            .pipeline
            .run(vec![token.clone()])
            .into_iter()
            .next()
            .filter(|t| t.chars().any(char::is_alphabetic));
        let n = term.map(|t| self.number(t));
        self.fresh.push(token.clone());
        self.seen.insert(token, n);
        n
    }

    fn number(&mut self, term: String) -> u32 {
        if let Some(n) = self.numbers.get(&term) {
            return *n;
        }
        let n = self.terms.len() as u32;
        self.numbers.insert(term.clone(), n);
        self.terms.push(term);
        n
    }

    /// The words long enough to be worth suggesting ("did you mean") in the tokens met for the
    /// first time since the last call. Every token of the course is new to some analyzer once,
    /// so the words of all calls together are the course's, found without reading its text
    /// again.
    pub fn take_words(&mut self) -> HashSet<String> {
        let mut words = HashSet::default();
        for token in self.fresh.drain(..) {
            for w in token.split(|c: char| !c.is_alphabetic()) {
                if w.len() >= 4 {
                    words.insert(w.to_string());
                }
            }
        }
        words
    }

    /// A field's postings (term number → [(document, count)]) coded for the index script.
    fn encode(
        &self,
        postings: HashMap<u32, Vec<(usize, usize)>>,
        documents: usize,
    ) -> FieldPostings {
        let named = postings
            .into_iter()
            .map(|(n, list)| (self.term(n), list))
            .collect();
        postings::encode(named, documents)
    }

    pub fn term(&self, number: u32) -> &str {
        &self.terms[number as usize]
    }

    /// The index terms of `text`.
    pub fn terms(&mut self, text: &str) -> Vec<String> {
        let mut numbers = Vec::new();
        self.term_numbers(text, &mut numbers);
        numbers
            .into_iter()
            .map(|n| self.term(n).to_string())
            .collect()
    }
}

/// The tokens of `text` as elasticlunr splits it (at whitespace and hyphens), before they are
/// lowercased.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|s| !s.is_empty())
}

#[derive(Serialize)]
struct UnitIndex<'a> {
    unit: &'a str,
    /// The unit's folder from the site root, which `pages` paths are within.
    folder: &'a str,
    label: &'a str,
    title: &'a str,
    /// The pages the documents are on: [title, path within the unit's folder].
    pages: Vec<(&'a str, &'a str)>,
    /// Per document: [page, title (empty when it is the page's), #fragment, kind index,
    /// snippet, criterion id or ""].
    docs: Vec<(usize, &'a str, &'a str, usize, String, &'a str)>,
    /// Per document, its number of title terms then body terms.
    lengths: Vec<usize>,
    /// Per field: its terms and their postings; see [`postings::encode`].
    terms: BTreeMap<&'static str, FieldPostings>,
    /// The `unit` and `kind` fields are the same for many documents, so their terms travel once
    /// and the browser adds them to each document.
    unit_terms: Vec<String>,
    /// Per kind (in [`Kind::ALL`] order): its terms.
    kind_terms: Vec<Vec<String>>,
}

/// A unit's index script, and the words first met in it (for the course's "did you mean"
/// list; see [`Analyzer::take_words`]).
pub struct UnitScript {
    pub script: String,
    pub words: HashSet<String>,
}

/// The index script of one unit.
pub fn unit_script(
    slug: &str,
    label: &str,
    title: &str,
    docs: &[Doc],
    analyzer: &mut Analyzer,
) -> UnitScript {
    let mut postings: [HashMap<u32, Vec<(usize, usize)>>; 2] = Default::default();
    let mut lengths = Vec::with_capacity(docs.len() * 2);
    let mut numbers = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let title = d.indexed_title.as_ref().unwrap_or(&d.title);
        for (f, text) in [title, &d.body].into_iter().enumerate() {
            analyzer.term_numbers(text, &mut numbers);
            lengths.push(numbers.len());
            // Sorted, each term's occurrences stand together: count the runs.
            numbers.sort_unstable();
            for run in numbers.chunk_by(|a, b| a == b) {
                postings[f].entry(run[0]).or_default().push((i, run.len()));
            }
        }
    }
    let [title_postings, body_postings] = postings;
    let prefix = routes::unit_folder(slug);
    let mut pages: Vec<(&str, &str)> = Vec::new();
    let mut page_of: HashMap<(&str, &str), usize> = HashMap::default();
    let table = docs
        .iter()
        .map(|d| {
            let (path, fragment) = d.url.split_once('#').unwrap_or((&d.url, ""));
            let path = path.strip_prefix(&prefix).unwrap_or(path);
            let page_title = d.page.as_deref().unwrap_or(&d.title);
            let page = *page_of.entry((page_title, path)).or_insert_with(|| {
                pages.push((page_title, path));
                pages.len() - 1
            });
            let own_title = if d.page.is_some() {
                d.title.as_str()
            } else {
                ""
            };
            // A question's prompt is its title: a snippet would only repeat its options.
            let text = if d.kind == Kind::QuizQuestion {
                String::new()
            } else {
                snippet(&d.body)
            };
            (
                page,
                own_title,
                fragment,
                d.kind.index(),
                text,
                d.criterion.as_deref().unwrap_or(""),
            )
        })
        .collect();
    let index = UnitIndex {
        unit: slug,
        folder: &prefix,
        label,
        title,
        pages,
        docs: table,
        lengths,
        terms: BTreeMap::from([
            ("title", analyzer.encode(title_postings, docs.len())),
            ("body", analyzer.encode(body_postings, docs.len())),
        ]),
        unit_terms: analyzer.terms(&format!("{label} {title}")),
        kind_terms: Kind::ALL
            .iter()
            .map(|k| analyzer.terms(k.label()))
            .collect(),
    };
    let json = serde_json::to_string(&index).unwrap_or_default();
    UnitScript {
        script: format!("UnitpressSearch.addUnit({json});\n"),
        words: analyzer.take_words(),
    }
}

/// The start of a document's text, cut at a word boundary; only as much of it is read.
fn snippet(body: &str) -> String {
    let mut out = String::with_capacity(SNIPPET_CHARS + 4);
    let mut chars = 0;
    for word in body.split_whitespace() {
        let len = word.chars().count();
        let room = if out.is_empty() { 0 } else { 1 };
        if chars + room + len > SNIPPET_CHARS {
            if out.is_empty() {
                out.extend(word.chars().take(SNIPPET_CHARS));
            }
            out.push('…');
            return out;
        }
        if room == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += room + len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_stemmed_without_stop_words_or_numbers() {
        let mut a = Analyzer::default();
        assert_eq!(
            a.terms("The complaints of 2015 customers"),
            ["complaint", "custom"]
        );
    }

    #[test]
    fn tokens_are_elasticlunrs() {
        let text = "Customer’s  re-opened\tCOMPLAINT, Ǆemal İstanbul ÉTÉ -- 2024\u{a0}end";
        let ours: Vec<String> = tokens(text).map(str::to_lowercase).collect();
        assert_eq!(ours, English::new().tokenize(text));
        let mut a = Analyzer::default();
        assert_eq!(a.terms(text), a.terms(&text.to_lowercase()));
    }

    #[test]
    fn words_to_suggest_are_each_new_token_once() {
        let mut a = Analyzer::default();
        a.terms("Customer's complaints, re-opened in 2024");
        let mut words: Vec<String> = a.take_words().into_iter().collect();
        words.sort();
        assert_eq!(words, ["complaints", "customer", "opened"]);
        a.terms("Complaints, and refunds");
        assert_eq!(a.take_words().into_iter().collect::<Vec<_>>(), ["refunds"]);
    }

    #[test]
    fn short_snippets_are_whole_and_long_words_are_cut() {
        assert_eq!(snippet("  two\n words "), "two words");
        let long = "x".repeat(150);
        assert_eq!(snippet(&long).chars().count(), SNIPPET_CHARS + 1);
    }

    #[test]
    fn snippets_stop_at_a_word() {
        let long = "word ".repeat(100);
        let s = snippet(&long);
        assert!(s.ends_with("word…"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 1);
    }
}
