//! Turns a unit's search documents into what the course's index holds of them: terms and their
//! postings, field lengths, and the data a result shows.
//!
//! Tokens come from elasticlunr-rs's English language: its tokenizer and pipeline (trimmer,
//! stop-word filter, Porter stemmer), the same as elasticlunr.js runs on a query.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use elasticlunr::lang::English;
use elasticlunr::{Language, Pipeline};
use serde::Serialize;

use crate::routes;

use super::docs::{Doc, Kind};

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

    /// A field's postings (term number → [(document, count)]) by term, sorted.
    fn named(&self, postings: HashMap<u32, Vec<(u32, u32)>>) -> FieldPostings {
        let mut named: FieldPostings = postings
            .into_iter()
            .map(|(n, list)| (self.term(n).to_string(), list))
            .collect();
        named.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        named
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

/// One field's terms, sorted, each with the documents holding it and how often, ascending.
pub type FieldPostings = Vec<(String, Vec<(u32, u32)>)>;

/// What the index holds of one unit, made from its documents: the postings of its terms, the
/// lengths of its fields and the data shown for each result. The documents are numbered kind by
/// kind (in [`Kind::ALL`] order, each kind's in the order the unit has them), so that a
/// document's kind follows from its number and the counts of each kind. The ranking breaks ties
/// by number, and kinds of equal weight come in [`Kind::ALL`] order in a unit too (the unit,
/// then criteria, then evidence; scenarios, then briefs), so ties fall as they always did.
#[derive(Debug, PartialEq)]
pub struct UnitData {
    pub slug: String,
    pub label: String,
    pub title: String,
    /// How many documents of each kind, in [`Kind::ALL`] order.
    pub kinds: Vec<u32>,
    /// Per document: its number of title terms, then of body terms.
    pub lengths: Vec<[u32; 2]>,
    /// Per field (title, body): each term with the documents holding it and how often, terms
    /// sorted and documents ascending.
    pub postings: [FieldPostings; 2],
    /// The pages the documents are on: (title, path within the unit's folder).
    pub pages: Vec<(String, String)>,
    pub rows: Vec<Row>,
    /// Criterion ids (upper case) and their documents, for "P4" to put that criterion first.
    pub criteria: Vec<(String, u32)>,
    /// The terms of the unit's label and title: the `unit` field of every document.
    pub unit_terms: Vec<String>,
    /// The words first met in this unit, worth suggesting (see [`Analyzer::take_words`]).
    pub words: HashSet<String>,
}

/// What a result shows of a document.
#[derive(Debug, PartialEq, Serialize)]
pub struct Row {
    /// Its page, in [`UnitData::pages`].
    pub page: usize,
    /// Its title, empty when it is its page's.
    pub title: String,
    /// The #fragment of its place in the page, or empty.
    pub fragment: String,
    pub snippet: String,
}

/// What the index holds of a unit with these documents (from [`super::docs::unit_docs`]).
pub fn unit_data(
    slug: &str,
    label: &str,
    title: &str,
    mut docs: Vec<Doc>,
    analyzer: &mut Analyzer,
) -> UnitData {
    // A stable sort: each kind's documents stay in the unit's order.
    docs.sort_by_key(|d| d.kind.index());
    let mut kinds = vec![0; Kind::ALL.len()];
    let mut postings: [HashMap<u32, Vec<(u32, u32)>>; 2] = Default::default();
    let mut lengths = Vec::with_capacity(docs.len());
    let mut numbers = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        kinds[d.kind.index()] += 1;
        let title = d.indexed_title.as_ref().unwrap_or(&d.title);
        let mut length = [0; 2];
        for (f, text) in [title, &d.body].into_iter().enumerate() {
            analyzer.term_numbers(text, &mut numbers);
            length[f] = numbers.len() as u32;
            // Sorted, each term's occurrences stand together: count the runs.
            numbers.sort_unstable();
            for run in numbers.chunk_by(|a, b| a == b) {
                postings[f]
                    .entry(run[0])
                    .or_default()
                    .push((i as u32, run.len() as u32));
            }
        }
        lengths.push(length);
    }
    let prefix = routes::unit_folder(slug);
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut page_of: HashMap<(String, String), usize> = HashMap::default();
    let mut criteria = Vec::new();
    let rows = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (path, fragment) = d.url.split_once('#').unwrap_or((&d.url, ""));
            let path = path.strip_prefix(&prefix).unwrap_or(path);
            let page_title = d.page.as_deref().unwrap_or(&d.title);
            let key = (page_title.to_string(), path.to_string());
            let page = *page_of.entry(key.clone()).or_insert_with(|| {
                pages.push(key);
                pages.len() - 1
            });
            if let Some(id) = &d.criterion {
                criteria.push((id.to_uppercase(), i as u32));
            }
            Row {
                page,
                title: if d.page.is_some() {
                    d.title.clone()
                } else {
                    String::new()
                },
                fragment: fragment.to_string(),
                // A question's prompt is its title: a snippet would only repeat its options.
                snippet: if d.kind == Kind::QuizQuestion {
                    String::new()
                } else {
                    snippet(&d.body)
                },
            }
        })
        .collect();
    let [title_postings, body_postings] = postings.map(|field| analyzer.named(field));
    UnitData {
        slug: slug.to_string(),
        label: label.to_string(),
        title: title.to_string(),
        kinds,
        lengths,
        postings: [title_postings, body_postings],
        pages,
        rows,
        criteria,
        unit_terms: analyzer.terms(&format!("{label} {title}")),
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
